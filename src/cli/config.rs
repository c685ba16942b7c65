//! The command line as a validated configuration: every value checked, every default
//! settled, before any work starts (fd's `construct_config`, ripgrep's `HiArgs`).
//!
//! clap checks what a single flag can tell (ranges, dates, facet names); this module
//! checks what needs several (`--from` after `--to`), resolves what depends on the
//! environment (the index folder, colour) and turns the arguments into the library's own
//! request types, so a command runner only runs.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Parser;

use super::args::{
    Cli, ColorWhen, Command, Format, IntervalArg, SearchArgs, SearchFormat, SortArg,
};
use crate::ingest::IndexOptions;
use crate::present::{self, Style};
use crate::search::timeline::Interval;
use crate::search::{Filters, SearchRequest, Sort};

/// One invocation, checked.
#[derive(Debug)]
pub struct Config {
    /// The index folder.
    pub index: PathBuf,
    /// How text output looks.
    pub style: Style,
    /// What to do.
    pub task: Task,
}

/// A command with its settled values.
#[derive(Debug)]
pub enum Task {
    /// `newsdex index`.
    Index {
        /// Folders and files to index.
        paths: Vec<PathBuf>,
        /// Rebuild from scratch.
        full: bool,
        /// Threads, batches, commits.
        options: IndexOptions,
        /// No progress, no summary.
        quiet: bool,
    },
    /// `newsdex search`.
    Search {
        /// The search.
        request: SearchRequest,
        /// How to print it.
        format: present::Format,
    },
    /// `newsdex extract`.
    Extract {
        /// Files and folders to extract from.
        paths: Vec<PathBuf>,
    },
    /// `newsdex export`.
    Export {
        /// A file to write instead of standard output.
        output: Option<PathBuf>,
    },
    /// `newsdex stats`.
    Stats {
        /// Facet values per facet.
        facet_limit: usize,
        /// How to print them.
        format: present::Format,
    },
    /// `newsdex show`.
    Show {
        /// An id or a path.
        target: String,
        /// How to print the articles.
        format: present::Format,
    },
    /// `newsdex similar`.
    Similar {
        /// The article's id.
        id: String,
        /// Most articles to show.
        limit: usize,
        /// How to print them.
        format: present::Format,
    },
    /// `newsdex serve`.
    Serve {
        /// Where to listen.
        addr: std::net::SocketAddr,
    },
    /// `newsdex bench`.
    Bench {
        /// The searches, each with the line it was written as.
        searches: Vec<(String, SearchRequest)>,
        /// Timed runs per search.
        runs: usize,
        /// How to print the timings.
        format: present::Format,
    },
}

impl Config {
    /// Checks the command line and settles every value.
    pub fn from_cli(cli: Cli) -> Result<Config> {
        let index = match cli.index {
            Some(path) => path,
            None => default_index_path()?,
        };
        let style = Style { color: use_color(cli.color) };
        let task = match cli.command {
            Command::Index(args) => {
                let mut options = IndexOptions::default();
                if let Some(threads) = args.threads {
                    options.threads = usize::from(threads);
                }
                options.commit_every = usize::try_from(args.commit_every).unwrap_or(usize::MAX);
                Task::Index { paths: args.paths, full: args.full, options, quiet: args.quiet }
            }
            Command::Search(args) => {
                let format = search_format(args.format);
                Task::Search { request: search_request(*args)?, format }
            }
            Command::Extract(args) => Task::Extract { paths: args.paths },
            Command::Export(args) => Task::Export { output: args.output },
            Command::Stats(args) => Task::Stats {
                facet_limit: count(args.facet_limit),
                format: document_format(args.format),
            },
            Command::Show(args) => {
                Task::Show { target: args.target, format: document_format(args.format) }
            }
            Command::Similar(args) => {
                Task::Similar { id: args.id, limit: args.limit, format: search_format(args.format) }
            }
            Command::Serve(args) => Task::Serve { addr: args.addr },
            Command::Bench(args) => {
                let text = std::fs::read_to_string(&args.queries)
                    .with_context(|| format!("cannot read {}", args.queries.display()))?;
                let searches = bench_searches(&text)
                    .with_context(|| format!("in {}", args.queries.display()))?;
                Task::Bench {
                    searches,
                    runs: count(args.runs),
                    format: document_format(args.format),
                }
            }
        };
        Ok(Config { index, style, task })
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
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// A count clap has already bounded, as a `usize` (saturating on 32-bit machines).
fn count(value: u64) -> usize {
    usize::try_from(value).unwrap_or(usize::MAX)
}

fn search_format(format: SearchFormat) -> present::Format {
    match format {
        SearchFormat::Text => present::Format::Text,
        SearchFormat::Json => present::Format::Json,
        SearchFormat::Jsonl => present::Format::JsonLines,
        SearchFormat::Csv => present::Format::Csv,
    }
}

fn document_format(format: Format) -> present::Format {
    match format {
        Format::Text => present::Format::Text,
        Format::Json => present::Format::Json,
    }
}

/// The search that `newsdex search` arguments describe, checked.
pub fn search_request(args: SearchArgs) -> Result<SearchRequest> {
    if let (Some(from), Some(to)) = (args.from, args.to) {
        if from > to {
            return Err(crate::Error::invalid(format!("--from {from} is after --to {to}")).into());
        }
    }
    Ok(SearchRequest {
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
        facet_limit: count(args.facet_limit),
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
    })
}

/// The searches of a `newsdex bench` queries file: one per line, written as the
/// arguments of `newsdex search`; blank lines and `#` comments are skipped.
fn bench_searches(text: &str) -> Result<Vec<(String, SearchRequest)>> {
    let mut searches = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let request = bench_line(line).with_context(|| format!("line {}", number + 1))?;
        searches.push((line.to_owned(), request));
    }
    Ok(searches)
}

fn bench_line(line: &str) -> Result<SearchRequest> {
    let words = shlex::split(line).context("unbalanced quotes")?;
    let cli =
        Cli::try_parse_from(["newsdex", "search"].into_iter().map(str::to_owned).chain(words))
            .map_err(|e| anyhow::anyhow!("{}", e.to_string().lines().next().unwrap_or_default()))?;
    match cli.command {
        Command::Search(args) => search_request(*args),
        _ => anyhow::bail!("not a search"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bench_lines_parse_as_search_arguments() {
        let searches = bench_searches(
            "# comment\n\n'\"interest rates\"' --country Iran --facets country,year\n",
        )
        .unwrap();
        let [(line, request)] = searches.as_slice() else { panic!("one search: {searches:?}") };
        assert_eq!(line, "'\"interest rates\"' --country Iran --facets country,year");
        assert_eq!(request.query, "\"interest rates\"");
        assert_eq!(request.filters.country, ["Iran"]);
        assert_eq!(request.facets.len(), 2);
        let err = bench_searches("oil\noil --colour red\n").unwrap_err();
        assert!(format!("{err:#}").starts_with("line 2: "), "{err:#}");
    }

    #[test]
    fn from_after_to_is_refused_before_any_work() {
        let cli = Cli::try_parse_from(["newsdex", "search", "--from", "2024", "--to", "2023"])
            .expect("each flag parses");
        let err = Config::from_cli(cli).unwrap_err();
        assert_eq!(err.to_string(), "--from 2024-01-01 is after --to 2023-12-31");
    }
}
