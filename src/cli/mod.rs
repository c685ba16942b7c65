//! The command line: parse arguments, run the command, report.
//!
//! This is the only module that knows about clap, standard streams and exit codes; the
//! stages it drives know nothing of them.

pub mod args;
mod bench;
mod progress;

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use tantivy::TantivyDocument;

use crate::discover::{self, DiscoverOptions, Discovered};
use crate::exit::Exit;
use crate::index::pipeline::{self, IndexOptions, IndexSummary, Warning};
use crate::index::{document, NewsIndex};
use crate::present::json::{HitJson, SearchJson};
use crate::present::{text, Style};
use crate::read::ReadLimits;
use crate::search::timeline::Interval;
use crate::search::{self, Filters, SearchRequest, SearchResults, Sort};
use args::{Cli, ColorWhen, Command, Format, IntervalArg, SearchFormat, SortArg};
use progress::Progress;

/// Runs one invocation of `newsdex`.
pub fn run(cli: Cli) -> Result<Exit> {
    let style = Style { color: use_color(cli.color) };
    let index_path = match cli.index {
        Some(path) => path,
        None => default_index_path()?,
    };
    match cli.command {
        Command::Index(args) => index(&index_path, args),
        Command::Search(args) => search(&index_path, style, *args),
        Command::Extract(args) => extract(&args.paths),
        Command::Export(args) => export(&index_path, args.output.as_deref()),
        Command::Stats(args) => stats(&index_path, style, args.format, args.facet_limit),
        Command::Show(args) => show(&index_path, style, &args),
        Command::Similar(args) => similar(&index_path, style, &args),
        Command::Bench(args) => bench::run(&index_path, &args),
    }
}

/// `$XDG_DATA_HOME/newsdex/index`, or the platform's equivalent.
fn default_index_path() -> Result<PathBuf> {
    let data = dirs::data_dir().context(
        "cannot find a data folder for the index: pass --index DIR or set NEWSDEX_INDEX",
    )?;
    Ok(data.join("newsdex").join("index"))
}

fn use_color(when: ColorWhen) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

fn index(index_path: &Path, args: args::IndexArgs) -> Result<Exit> {
    let news = if args.full {
        NewsIndex::recreate(index_path)?
    } else {
        NewsIndex::open_or_create(index_path)?
    };
    let mut options = IndexOptions::default();
    if let Some(threads) = args.threads {
        options.threads = threads.max(1);
    }
    if let Some(every) = args.commit_every {
        options.commit_every = every.max(1);
    }
    let visible = !args.quiet && io::stderr().is_terminal();
    // Counting first costs one more walk of the folders (no file is opened), and buys
    // an ETA; only worth it when someone watches.
    let total = visible.then(|| count_files(&args.paths)).flatten();
    let progress = Progress::new(visible, total);
    let summary = pipeline::index_paths(&news, &args.paths, &options, &progress)?;
    progress.finish();
    if !args.quiet {
        println!("{}", describe_summary(&summary, news.path()));
    }
    Ok(if summary.problems() > 0 { Exit::Partial } else { Exit::Success })
}

/// How many article files discovery finds under `paths`, or `None` if it cannot tell.
fn count_files(paths: &[PathBuf]) -> Option<u64> {
    let roots = pipeline::absolute_roots(paths).ok()?;
    let found = discover::discover(&roots, &DiscoverOptions::default()).ok()?;
    Some(found.filter(|f| matches!(f, Discovered::File(_))).count() as u64)
}

/// The summary line(s) of an indexing run.
fn describe_summary(summary: &IndexSummary, index: &Path) -> String {
    let secs = summary.elapsed.as_secs_f64();
    let mut text = format!(
        "{} added, {} updated, {} unchanged, {} removed files: {} articles written in {:.1} s ({:.0} articles/s) to {}",
        summary.added,
        summary.updated,
        summary.unchanged,
        summary.removed,
        summary.articles,
        secs,
        summary.articles as f64 / secs.max(1e-9),
        index.display()
    );
    if summary.problems() > 0 {
        let reasons: Vec<String> =
            summary.skipped.iter().map(|(reason, n)| format!("{reason} {n}")).collect();
        let skipped: u64 = summary.skipped.values().sum();
        text.push_str(&format!("\nskipped {skipped}"));
        if !reasons.is_empty() {
            text.push_str(&format!(" ({})", reasons.join(", ")));
        }
        text.push_str(&format!(", failed {}: see the warnings above", summary.failed));
    }
    text
}

fn search(index_path: &Path, style: Style, args: args::SearchArgs) -> Result<Exit> {
    let news = NewsIndex::open(index_path)?;
    let format = args.format;
    let request = search_request(args)?;
    let results = search::search(&news, &request)?;
    write_results(format, style, &request, &results)?;
    Ok(if results.total > 0 { Exit::Success } else { Exit::Partial })
}

/// The search that `newsdex search` arguments describe, checked.
fn search_request(args: args::SearchArgs) -> Result<SearchRequest> {
    let request = SearchRequest {
        query: args.query.unwrap_or_default(),
        filters: Filters {
            country: args.country,
            official: args.official,
            person: args.person,
            place: args.place,
            agency: args.agency,
            from: args.from,
            to: args.to,
        },
        facets: args.facets,
        facet_limit: args.facet_limit,
        limit: args.limit,
        offset: args.offset,
        sort: match args.sort {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Date => Sort::Date,
            SortArg::OldestFirst => Sort::OldestFirst,
        },
        timeline: args.timeline.map(|interval| match interval {
            IntervalArg::Day => Interval::Day,
            IntervalArg::Week => Interval::Week,
            IntervalArg::Month => Interval::Month,
            IntervalArg::Year => Interval::Year,
        }),
    };
    if let (Some(from), Some(to)) = (request.filters.from, request.filters.to) {
        if from > to {
            anyhow::bail!(crate::Error::Usage(format!("--from {from} is after --to {to}")));
        }
    }
    Ok(request)
}

/// Prints search results in the chosen format: notes go to standard error, so standard
/// output stays parseable.
fn write_results(
    format: SearchFormat,
    style: Style,
    request: &SearchRequest,
    results: &SearchResults,
) -> Result<()> {
    for note in &results.notes {
        eprintln!("newsdex: note: {note}");
    }
    let mut out = BufWriter::new(io::stdout().lock());
    match format {
        SearchFormat::Text => text::write_search(&mut out, style, request, results)?,
        SearchFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &SearchJson::new(request, results))?;
            writeln!(out)?;
        }
        SearchFormat::Jsonl => {
            for hit in &results.hits {
                serde_json::to_writer(&mut out, &HitJson::from(hit))?;
                writeln!(out)?;
            }
        }
        SearchFormat::Csv => crate::present::csv::write_hits(&mut out, &results.hits)?,
    }
    out.flush()?;
    Ok(())
}

fn show(index_path: &Path, style: Style, args: &args::ShowArgs) -> Result<Exit> {
    let news = NewsIndex::open(index_path)?;
    let articles = search::find(&news, &args.target)?;
    if articles.is_empty() {
        anyhow::bail!(crate::Error::Usage(format!(
            "no indexed article has the id or path `{}`",
            args.target
        )));
    }
    let mut out = BufWriter::new(io::stdout().lock());
    for (i, article) in articles.iter().enumerate() {
        match args.format {
            Format::Text => {
                if i > 0 {
                    writeln!(out, "\n{}\n", "─".repeat(60))?;
                }
                text::write_article(&mut out, style, article)?;
            }
            Format::Json => {
                serde_json::to_writer(&mut out, article)?;
                writeln!(out)?;
            }
        }
    }
    out.flush()?;
    Ok(Exit::Success)
}

fn similar(index_path: &Path, style: Style, args: &args::SimilarArgs) -> Result<Exit> {
    let news = NewsIndex::open(index_path)?;
    let Some(results) = search::similar(&news, &args.id, args.limit)? else {
        anyhow::bail!(crate::Error::Usage(format!("no indexed article has the id `{}`", args.id)));
    };
    let request = SearchRequest { limit: args.limit, ..SearchRequest::default() };
    write_results(args.format, style, &request, &results)?;
    Ok(if results.total > 0 { Exit::Success } else { Exit::Partial })
}

fn extract(paths: &[PathBuf]) -> Result<Exit> {
    let roots = pipeline::absolute_roots(paths)?;
    let limits = ReadLimits::default();
    let mut out = BufWriter::new(io::stdout().lock());
    let mut skipped = 0usize;
    let mut warn = |warning: &Warning| {
        skipped += 1;
        eprintln!("newsdex: warning: {warning}");
    };
    for found in discover::discover(&roots, &DiscoverOptions::default())? {
        match found {
            Discovered::File(source) => {
                let (articles, problems) = pipeline::read_and_extract(&source, &limits);
                for article in &articles {
                    serde_json::to_writer(&mut out, article)?;
                    writeln!(out)?;
                }
                problems.iter().for_each(&mut warn);
            }
            Discovered::Skipped(s) => {
                warn(&Warning { path: s.path, line: None, reason: s.reason, failed: false });
            }
        }
    }
    out.flush()?;
    Ok(if skipped > 0 { Exit::Partial } else { Exit::Success })
}

fn export(index_path: &Path, output: Option<&Path>) -> Result<Exit> {
    let news = NewsIndex::open(index_path)?;
    let reader = news.reader()?;
    let searcher = reader.searcher();
    let sink: Box<dyn Write> = match output {
        Some(path) => Box::new(
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        ),
        None => Box::new(io::stdout().lock()),
    };
    let mut out = BufWriter::new(sink);
    for (segment_ord, segment) in searcher.segment_readers().iter().enumerate() {
        for doc_id in 0..segment.max_doc() {
            if segment.is_deleted(doc_id) {
                continue;
            }
            let address = tantivy::DocAddress::new(segment_ord as u32, doc_id);
            let doc: TantivyDocument = searcher.doc(address)?;
            serde_json::to_writer(&mut out, &document::to_article(news.schema(), &doc))?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(Exit::Success)
}

fn stats(index_path: &Path, style: Style, format: Format, facet_limit: usize) -> Result<Exit> {
    let news = NewsIndex::open(index_path)?;
    let stats = search::stats(&news, facet_limit)?;
    let mut out = io::stdout().lock();
    match format {
        Format::Text => crate::present::text::write_stats(&mut out, style, &stats)?,
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &crate::present::json::StatsJson::from(&stats))?;
            writeln!(out)?;
        }
    }
    Ok(Exit::Success)
}
