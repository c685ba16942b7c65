//! The command line: parse arguments into a validated [`Config`], run the command,
//! report.
//!
//! This is the only module that knows about clap, standard streams and exit codes; the
//! stages it drives know nothing of them. A runner opens what its command needs, calls
//! the library, and hands every result to one [`Printer`]: it never formats a result
//! itself.

pub mod args;
mod batch;
pub mod config;
mod progress;

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::discover::{self, DiscoverOptions, Discovered};
use crate::exit::Exit;
use crate::index::watches::Watches;
use crate::index::NewsIndex;
use crate::ingest::{self, IndexOptions, Warning};
use crate::present::json::ProvenanceJson;
use crate::present::{self, Printer, Style};
use crate::read::ReadLimits;
use crate::search::{self, Engine, Hit, LocalEngine, Marks, SearchRequest, Snippet, Streamed};
use args::Cli;
use clap::CommandFactory;
pub use config::{Config, Output, Task, WatchTask};
use progress::Progress;

/// Runs one invocation of `newsdex`.
pub fn run(cli: Cli) -> Result<Exit> {
    let Config { index, curation, style, task } = Config::from_cli(cli)?;
    let open = || -> Result<LocalEngine> {
        Ok(LocalEngine::open(&index)?.with_curation(curation.clone()))
    };
    match task {
        Task::Index { paths, full, options, quiet } => {
            index_folders(&index, &paths, full, &options, quiet)
        }
        Task::Search { request, format, output } if output.all => {
            let engine = open()?;
            let printer = Printer::new(format, style, BufWriter::new(io::stdout().lock()))
                .with_columns(output.columns.clone());
            let streamed = stream_hits(&engine, "search", Some(&request), &output, printer)?;
            Ok(if streamed.total > 0 { Exit::Success } else { Exit::NoHits })
        }
        Task::Search { request, format, output } => {
            let engine = open()?;
            let results = engine.search(&request)?;
            print_notes(&results.notes);
            let mut printer = Printer::new(format, style, BufWriter::new(io::stdout().lock()))
                .with_columns(output.columns.clone());
            if output.provenance {
                printer.provenance(&provenance(&engine, "search", &request, &output)?)?;
            }
            printer.search(&request, &results)?;
            printer.finish()?;
            Ok(if results.total > 0 { Exit::Success } else { Exit::NoHits })
        }
        Task::Extract { paths, stdin_format } => extract(&paths, stdin_format),
        Task::Export { request, format, output, file, bulk_index } => {
            let engine = open()?;
            let sink: Box<dyn Write> = match &file {
                Some(path) => Box::new(
                    File::create(path)
                        .with_context(|| format!("cannot create {}", path.display()))?,
                ),
                None => Box::new(io::stdout().lock()),
            };
            let printer = Printer::new(format, Style::PLAIN, BufWriter::new(sink))
                .with_columns(output.columns.clone())
                .with_bulk_index(bulk_index);
            stream_hits(&engine, "export", request.as_ref(), &output, printer)?;
            Ok(Exit::Success)
        }
        Task::OpenSearchConfig { index } => {
            with_stdout(present::Format::Json, style, |printer| printer.opensearch_config(&index))?;
            Ok(Exit::Success)
        }
        Task::Check { format } => {
            let report = crate::index::NewsIndex::open(&index)?.check()?;
            with_stdout(format, style, |printer| printer.check(&index, &report))?;
            Ok(Exit::Success)
        }
        Task::Stats { facet_limit, format } => {
            let stats = search::stats(&open()?, facet_limit)?;
            with_stdout(format, style, |printer| printer.stats(&stats))?;
            Ok(Exit::Success)
        }
        Task::Show { target, query, format } => {
            let engine = open()?;
            let articles = engine.find(&target)?;
            if articles.is_empty() {
                let message = format!("no indexed article has the id or path `{target}`");
                return Err(crate::Error::invalid(message).into());
            }
            let marks = articles
                .iter()
                .map(|a| query.as_deref().map_or(Ok(Marks::default()), |q| engine.marks(q, a)))
                .collect::<crate::Result<Vec<_>>>()?;
            with_stdout(format, style, |printer| {
                articles.iter().zip(&marks).try_for_each(|(a, m)| printer.marked_article(a, m))
            })?;
            Ok(Exit::Success)
        }
        Task::Similar { id, limit, format } => {
            let Some(results) = open()?.similar(&id, limit)? else {
                let message = format!("no indexed article has the id or path `{id}`");
                return Err(crate::Error::invalid(message).into());
            };
            let request = SearchRequest { limit, ..SearchRequest::default() };
            with_stdout(format, style, |printer| printer.search(&request, &results))?;
            Ok(if results.total > 0 { Exit::Success } else { Exit::NoHits })
        }
        Task::Batch { file, queries, filters, top, format } => {
            let engine = open()?;
            let mut rows = Vec::with_capacity(queries.len());
            for (line, query) in &queries {
                let row = search::summary::summarize(&engine, query, &filters, top)
                    .with_context(|| format!("{}:{line}", file.display()))?;
                print_notes(&row.notes);
                rows.push(row);
            }
            with_stdout(format, style, |printer| printer.batch(&filters, &rows))?;
            Ok(if rows.iter().any(|r| r.hits > 0) { Exit::Success } else { Exit::NoHits })
        }
        Task::Story { id, format } => {
            let engine = open()?;
            let Some(listing) = search::story_listing(&engine, &id)? else {
                let message = format!("no indexed article or story has the id `{id}`");
                return Err(crate::Error::invalid(message).into());
            };
            with_stdout(format, style, |printer| printer.story(&listing))?;
            Ok(Exit::Success)
        }
        Task::Entities { request, format } => {
            let listing = open()?.entities(&request)?;
            print_notes(&listing.notes);
            with_stdout(format, style, |printer| printer.entities(&listing))?;
            Ok(if listing.total > 0 { Exit::Success } else { Exit::NoHits })
        }
        Task::Serve { addr } => serve(open()?, &index, addr),
        Task::Watch(task) => watch(open()?, task, style),
        Task::Completions { shell } => {
            let mut out = BufWriter::new(io::stdout().lock());
            clap_complete::generate(shell, &mut Cli::command(), "newsdex", &mut out);
            out.flush()?;
            Ok(Exit::Success)
        }
        Task::Man { command } => man(command.as_deref()),
        Task::Bench { searches, runs, format } => {
            let engine = open()?;
            let timings = searches
                .iter()
                .map(|(line, request)| search::bench::time_search(&engine, line, request, runs))
                .collect::<crate::Result<Vec<_>>>()?;
            with_stdout(format, style, |printer| printer.timings(&timings))?;
            Ok(Exit::Success)
        }
    }
}

/// `newsdex watch …`. A run shows each watch's matches added after the newest article it
/// saw last time, then records what it saw now, all under the watches' lock.
fn watch(engine: LocalEngine, task: WatchTask, style: Style) -> Result<Exit> {
    let folder = engine.index().path();
    match task {
        WatchTask::Add(watch) => {
            // A query that does not parse is refused now, not at the first run.
            let trial = SearchRequest {
                query: watch.query.clone(),
                filters: watch.filters.clone(),
                limit: 0,
                ..SearchRequest::default()
            };
            print_notes(&engine.search(&trial)?.notes);
            let name = watch.name.clone();
            Watches::lock(folder)?.add(watch)?;
            eprintln!(
                "newsdex: watch `{name}` added; `newsdex watch run {name}` shows its matches"
            );
            Ok(Exit::Success)
        }
        WatchTask::Remove(name) => {
            Watches::lock(folder)?.remove(&name)?;
            Ok(Exit::Success)
        }
        WatchTask::List => {
            let mut out = BufWriter::new(io::stdout().lock());
            present::text::write_watches(&mut out, &Watches::read(folder)?)?;
            out.flush()?;
            Ok(Exit::Success)
        }
        WatchTask::Run { name, format } => {
            let mut watches = Watches::lock(folder)?;
            let names: Vec<String> = match name {
                Some(name) => vec![watches.get_mut(&name)?.name.clone()],
                None => watches.list().iter().map(|w| w.name.clone()).collect(),
            };
            if names.len() > 1 && format != present::Format::Text {
                let message = "csv and jsonl take one watch: name it (newsdex watch run NAME)";
                return Err(crate::Error::invalid(message).into());
            }
            // Taken before the searches: an article committed meanwhile is newer, and
            // shown again next time rather than never.
            let seen_now = engine.index().last_added()?;
            let mut any = false;
            for name in names {
                let watch = watches.get_mut(&name)?;
                let since = watch
                    .seen
                    .map(|seen| search::AddedSince::Time(seen + chrono::Duration::microseconds(1)));
                let request = SearchRequest {
                    query: watch.query.clone(),
                    filters: search::Filters { added_since: since, ..watch.filters.clone() },
                    ..SearchRequest::default()
                };
                if format == present::Format::Text {
                    let mut out = io::stdout().lock();
                    writeln!(out, "== watch {name}")?;
                }
                let printer = Printer::new(format, style, BufWriter::new(io::stdout().lock()));
                let streamed =
                    stream_hits(&engine, "watch", Some(&request), &Output::default(), printer)?;
                any |= streamed.total > 0;
                watch.seen = seen_now.or(watch.seen);
            }
            watches.save()?;
            Ok(if any { Exit::Success } else { Exit::NoHits })
        }
    }
}

/// `newsdex man [COMMAND]`: the page of newsdex, or of one of its commands named as
/// man names them (`newsdex-search`), so its SEE ALSO can point at the others.
fn man(command: Option<&str>) -> Result<Exit> {
    let cli = Cli::command();
    let page = match command {
        None => clap_mangen::Man::new(cli),
        Some(name) => {
            let Some(sub) = cli.find_subcommand(name) else {
                let names: Vec<&str> = cli.get_subcommands().map(|c| c.get_name()).collect();
                let message = format!("no command `{name}`; commands: {}", names.join(", "));
                return Err(crate::Error::invalid(message).into());
            };
            let page = sub
                .clone()
                .display_name(format!("newsdex-{}", sub.get_name()))
                .bin_name(format!("newsdex {}", sub.get_name()))
                .version(env!("CARGO_PKG_VERSION"));
            clap_mangen::Man::new(page)
        }
    };
    let mut out = BufWriter::new(io::stdout().lock());
    page.render(&mut out)?;
    out.flush()?;
    Ok(Exit::Success)
}

/// `newsdex serve`: opens the index (so a missing one is an error before anything
/// listens), warns when the address reaches beyond this machine, and serves.
fn serve(engine: LocalEngine, index: &Path, addr: std::net::SocketAddr) -> Result<Exit> {
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
        eprintln!("{}", present::note_line(note));
    }
}

fn index_folders(
    index_path: &Path,
    paths: &[PathBuf],
    full: bool,
    options: &IndexOptions,
    quiet: bool,
) -> Result<Exit> {
    // A folder that is not there is named once, before any index is made.
    let roots = discover::absolute_roots(paths)?;
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
    let seen = summary.added + summary.updated + summary.unchanged + summary.removed;
    if seen == 0 && summary.problems() == 0 {
        return Err(no_article_files(paths, &roots).into());
    }
    if !quiet {
        with_stdout(present::Format::Text, Style::PLAIN, |printer| {
            printer.index_summary(&summary, news.path())
        })?;
    }
    Ok(if summary.problems() > 0 { Exit::Partial } else { Exit::Success })
}

/// The error of an indexing run that found no article file at all, with what the folders
/// held instead: "no article files under wires: 3 .xml, 1 .pdf ignored".
fn no_article_files(paths: &[PathBuf], roots: &[PathBuf]) -> crate::Error {
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let ignored: Vec<String> = discover::ignored_extensions(roots)
        .into_iter()
        .map(|(extension, count)| format!("{count} {extension}"))
        .collect();
    let held = if ignored.is_empty() {
        "no files at all".to_owned()
    } else {
        format!("{} ignored", ignored.join(", "))
    };
    crate::Error::invalid(format!(
        "no article files under {}: {held} (newsdex reads .txt, .json, .jsonl, .ndjson, .html, .htm)",
        names.join(", ")
    ))
}

/// How many article files discovery finds under `paths`, or `None` if it cannot tell.
fn count_files(paths: &[PathBuf]) -> Option<u64> {
    let roots = discover::absolute_roots(paths).ok()?;
    let found = discover::discover(&roots, &DiscoverOptions::default()).ok()?;
    Some(found.filter(|f| matches!(f, Discovered::File(_))).count() as u64)
}

fn extract(paths: &[PathBuf], stdin_format: discover::Format) -> Result<Exit> {
    let stdin = Path::new("-");
    let files: Vec<PathBuf> = paths.iter().filter(|p| *p != stdin).cloned().collect();
    let roots = discover::absolute_roots(&files)?;
    let found = discover::discover(&roots, &DiscoverOptions::default())?;
    let limits = ReadLimits::default();
    let from_stdin = (files.len() < paths.len()).then(|| {
        read_stdin(&discover::SourceFile { path: stdin.into(), format: stdin_format }, &limits)
    });
    let (mut printed, mut skipped, mut failed) = (0usize, 0usize, false);
    let mut warn = |warning: &Warning| {
        skipped += 1;
        failed |= warning.problem.is_failure();
        eprintln!("{}", present::warning_line(warning));
    };
    with_stdout(present::Format::JsonLines, Style::PLAIN, |printer| {
        if let Some((articles, problems)) = from_stdin {
            articles.iter().try_for_each(|article| printer.article(article))?;
            printed += articles.len();
            problems.iter().for_each(&mut warn);
        }
        for item in found {
            match item {
                Discovered::File(source) => {
                    let (articles, problems) = ingest::read_and_extract(&source, &limits);
                    articles.iter().try_for_each(|article| printer.article(article))?;
                    printed += articles.len();
                    problems.iter().for_each(&mut warn);
                }
                Discovered::Skipped { path, problem } => warn(&Warning::file(path, problem)),
            }
        }
        Ok(())
    })?;
    // Files without an article are the rule in a folder of saved pages (an index page, a
    // gallery): each is a warning, and the run succeeded if it printed articles. A file
    // that could not be read at all, or a run that printed nothing, is partial.
    Ok(if failed || (skipped > 0 && printed == 0) { Exit::Partial } else { Exit::Success })
}

/// The articles of standard input, read as `source` says, within the size limit of a file.
fn read_stdin(
    source: &discover::SourceFile,
    limits: &ReadLimits,
) -> (Vec<crate::extract::Article>, Vec<Warning>) {
    use std::io::Read;
    let mut bytes = Vec::new();
    let read =
        io::stdin().lock().take(limits.max_file_bytes.saturating_add(1)).read_to_end(&mut bytes);
    let problem = match read {
        Err(err) => Some(crate::problem::Problem::io(&err)),
        Ok(size) if size as u64 > limits.max_file_bytes => {
            Some(crate::problem::Problem::TooLarge {
                size: size as u64,
                limit: limits.max_file_bytes,
            })
        }
        Ok(_) => None,
    };
    if let Some(problem) = problem {
        return (Vec::new(), vec![Warning::file(source.path.clone(), problem)]);
    }
    ingest::extract_bytes(source, &bytes)
}

/// Writes every hit of `request` (every article of the index, in index order, when
/// there is none) through `printer`, as they come: memory holds sort keys, never the
/// result set.
fn stream_hits(
    engine: &LocalEngine,
    command: &str,
    request: Option<&SearchRequest>,
    output: &Output,
    mut printer: Printer<impl Write>,
) -> Result<Streamed> {
    let everything = SearchRequest::default();
    if output.provenance {
        printer.provenance(&provenance(
            engine,
            command,
            request.unwrap_or(&everything),
            output,
        )?)?;
    }
    let streamed = match request {
        Some(request) => {
            // A write that fails (a closed pipe) stops the stream; its own error, not the
            // engine's, is what the command reports, so a closed pipe stays quiet.
            let mut failed = None;
            let result = engine.for_each_hit(request, &mut |hit| {
                printer.hit(&hit).map_err(|err| {
                    let stop =
                        crate::Error::io("the output", io::Error::new(err.kind(), "write failed"));
                    failed = Some(err);
                    stop
                })
            });
            if let Some(err) = failed {
                return Err(err.into());
            }
            let streamed = result?;
            print_notes(&streamed.notes);
            streamed
        }
        None => {
            let mut total = 0;
            for article in engine.index().articles()? {
                total += 1;
                let hit = Hit {
                    score: 0.0,
                    article: article?,
                    snippet: Snippet::default(),
                    copies: None,
                };
                printer.hit(&hit)?;
            }
            Streamed { total, notes: Vec::new() }
        }
    };
    printer.streamed(&streamed)?;
    printer.finish()?;
    Ok(streamed)
}

/// What produced an export of `request`, for its first line.
fn provenance(
    engine: &LocalEngine,
    command: &str,
    request: &SearchRequest,
    output: &Output,
) -> Result<ProvenanceJson> {
    let index = engine.index();
    Ok(ProvenanceJson::new(
        command,
        request,
        output.columns.as_deref(),
        index.path(),
        index.version()?,
        chrono::Utc::now(),
    ))
}
