//! The command line: parse arguments into a validated [`Config`], run the command,
//! report.
//!
//! This is the only module that knows about clap, standard streams and exit codes; the
//! stages it drives know nothing of them. A runner opens what its command needs, calls
//! the library, and hands every result to one [`Printer`]: it never formats a result
//! itself.

pub mod args;
pub mod config;
mod progress;

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::discover::{self, DiscoverOptions, Discovered};
use crate::exit::Exit;
use crate::index::NewsIndex;
use crate::ingest::{self, IndexOptions, Warning};
use crate::present::{self, Printer, Style};
use crate::read::ReadLimits;
use crate::search::{self, Engine, LocalEngine, SearchRequest};
use args::Cli;
pub use config::{Config, Task};
use progress::Progress;

/// Runs one invocation of `newsdex`.
pub fn run(cli: Cli) -> Result<Exit> {
    let Config { index, style, task } = Config::from_cli(cli)?;
    match task {
        Task::Index { paths, full, options, quiet } => {
            index_folders(&index, &paths, full, &options, quiet)
        }
        Task::Search { request, format } => {
            let engine = LocalEngine::open(&index)?;
            let results = engine.search(&request)?;
            print_notes(&results.notes);
            with_stdout(format, style, |printer| printer.search(&request, &results))?;
            Ok(if results.total > 0 { Exit::Success } else { Exit::NoHits })
        }
        Task::Extract { paths } => extract(&paths),
        Task::Export { output } => export(&index, output.as_deref()),
        Task::Stats { facet_limit, format } => {
            let stats = search::stats(&LocalEngine::open(&index)?, facet_limit)?;
            with_stdout(format, style, |printer| printer.stats(&stats))?;
            Ok(Exit::Success)
        }
        Task::Show { target, format } => {
            let articles = LocalEngine::open(&index)?.find(&target)?;
            if articles.is_empty() {
                let message = format!("no indexed article has the id or path `{target}`");
                return Err(crate::Error::invalid(message).into());
            }
            with_stdout(format, style, |printer| {
                articles.iter().try_for_each(|a| printer.article(a))
            })?;
            Ok(Exit::Success)
        }
        Task::Similar { id, limit, format } => {
            let Some(results) = LocalEngine::open(&index)?.similar(&id, limit)? else {
                return Err(
                    crate::Error::invalid(format!("no indexed article has the id `{id}`")).into()
                );
            };
            let request = SearchRequest { limit, ..SearchRequest::default() };
            with_stdout(format, style, |printer| printer.search(&request, &results))?;
            Ok(if results.total > 0 { Exit::Success } else { Exit::NoHits })
        }
        Task::Serve { addr } => serve(&index, addr),
        Task::Bench { searches, runs, format } => {
            let engine = LocalEngine::open(&index)?;
            let timings = searches
                .iter()
                .map(|(line, request)| search::bench::time_search(&engine, line, request, runs))
                .collect::<crate::Result<Vec<_>>>()?;
            with_stdout(format, style, |printer| printer.timings(&timings))?;
            Ok(Exit::Success)
        }
    }
}

/// `newsdex serve`: opens the index (so a missing one is an error before anything
/// listens), warns when the address reaches beyond this machine, and serves.
fn serve(index: &Path, addr: std::net::SocketAddr) -> Result<Exit> {
    let engine = LocalEngine::open(index)?;
    if !addr.ip().is_loopback() {
        eprintln!(
            "newsdex: warning: listening on {addr}, beyond this machine, with no \
             authentication: anyone who can reach it can read the whole archive"
        );
    }
    crate::serve::serve(engine, addr, |bound| {
        eprintln!("newsdex: serving {} on http://{bound}/ (Ctrl-C stops)", index.display());
    })?;
    Ok(Exit::Success)
}

/// Prints through a printer on buffered standard output, and flushes it.
fn with_stdout(
    format: present::Format,
    style: Style,
    print: impl FnOnce(&mut Printer<BufWriter<io::StdoutLock<'static>>>) -> io::Result<()>,
) -> Result<()> {
    let mut printer = Printer::new(format, style, BufWriter::new(io::stdout().lock()));
    print(&mut printer)?;
    printer.finish()?;
    Ok(())
}

/// Notes go to standard error, so standard output stays parseable.
fn print_notes(notes: &[String]) {
    for note in notes {
        eprintln!("newsdex: note: {note}");
    }
}

fn index_folders(
    index_path: &Path,
    paths: &[PathBuf],
    full: bool,
    options: &IndexOptions,
    quiet: bool,
) -> Result<Exit> {
    let visible = !quiet && io::stderr().is_terminal();
    // Counting first costs one more walk of the folders (no file is opened), and buys
    // an ETA; only worth it when someone watches.
    let total = visible.then(|| count_files(paths)).flatten();
    let progress = Progress::new(visible, total);
    let (news, summary) = if full {
        let rebuild = NewsIndex::rebuild(index_path)?;
        let mut options = options.clone();
        options.exclude.extend(rebuild.replaces().map(Path::to_owned));
        let summary = ingest::index_paths(rebuild.index(), paths, &options, &progress)?;
        (rebuild.finish()?, summary)
    } else {
        let news = NewsIndex::open_or_create(index_path)?;
        let summary = ingest::index_paths(&news, paths, options, &progress)?;
        (news, summary)
    };
    progress.finish();
    if !quiet {
        with_stdout(present::Format::Text, Style::PLAIN, |printer| {
            printer.index_summary(&summary, news.path())
        })?;
    }
    Ok(if summary.problems() > 0 { Exit::Partial } else { Exit::Success })
}

/// How many article files discovery finds under `paths`, or `None` if it cannot tell.
fn count_files(paths: &[PathBuf]) -> Option<u64> {
    let roots = discover::absolute_roots(paths).ok()?;
    let found = discover::discover(&roots, &DiscoverOptions::default()).ok()?;
    Some(found.filter(|f| matches!(f, Discovered::File(_))).count() as u64)
}

fn extract(paths: &[PathBuf]) -> Result<Exit> {
    let roots = discover::absolute_roots(paths)?;
    let found = discover::discover(&roots, &DiscoverOptions::default())?;
    let limits = ReadLimits::default();
    let mut skipped = 0usize;
    let mut warn = |warning: &Warning| {
        skipped += 1;
        eprintln!("{}", present::warning_line(warning));
    };
    with_stdout(present::Format::JsonLines, Style::PLAIN, |printer| {
        for item in found {
            match item {
                Discovered::File(source) => {
                    let (articles, problems) = ingest::read_and_extract(&source, &limits);
                    articles.iter().try_for_each(|article| printer.article(article))?;
                    problems.iter().for_each(&mut warn);
                }
                Discovered::Skipped { path, problem } => warn(&Warning::file(path, problem)),
            }
        }
        Ok(())
    })?;
    Ok(if skipped > 0 { Exit::Partial } else { Exit::Success })
}

fn export(index_path: &Path, output: Option<&Path>) -> Result<Exit> {
    let news = NewsIndex::open(index_path)?;
    let sink: Box<dyn Write> = match output {
        Some(path) => Box::new(
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        ),
        None => Box::new(io::stdout().lock()),
    };
    let mut printer = Printer::new(present::Format::JsonLines, Style::PLAIN, BufWriter::new(sink));
    for article in news.articles()? {
        printer.article(&article?)?;
    }
    printer.finish()?;
    Ok(Exit::Success)
}
