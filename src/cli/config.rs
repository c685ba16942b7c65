//! The command line as a validated configuration: every value checked, every default
//! settled, before any work starts (fd's `construct_config`, ripgrep's `HiArgs`).
//!
//! clap checks what a single flag can tell (ranges, dates, facet names); this module
//! checks what needs several (`--from` after `--to`), resolves what depends on the
//! environment (the index folder, colour) and turns the arguments into the library's own
//! request types, so a command runner only runs.

use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Parser;

use super::args::{
    BatchFormat, Cli, ColorWhen, Command, EngineCommand, EngineConfigCommand, EntitiesArgs,
    EntitySortArg, ExportArgs, ExportFormat, FilterArgs, Format, InputFormat, IntervalArg,
    OutputArgs, SearchArgs, SearchFormat, SortArg, WatchCommand, WatchFormat,
};
use crate::ingest::IndexOptions;
use crate::present::{self, Column, Style};
use crate::search::curation::Curation;
use crate::search::entities::{EntitiesRequest, EntitySort};
use crate::search::timeline::Interval;
use crate::search::{FacetField, Filters, SearchRequest, Sort};

/// One invocation, checked.
#[derive(Debug)]
pub struct Config {
    /// The index folder.
    pub index: PathBuf,
    /// The user's curation of people, read and checked (empty without a file).
    pub curation: Curation,
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
        /// Columns of CSV and JSON Lines hits, and whether to stream them all.
        output: Output,
    },
    /// `newsdex extract`.
    Extract {
        /// Files and folders to extract from (`-`: standard input).
        paths: Vec<PathBuf>,
        /// The format of standard input.
        stdin_format: crate::discover::Format,
    },
    /// `newsdex export`.
    Export {
        /// The articles to write: `None` for every article, in index order.
        request: Option<SearchRequest>,
        /// JSON Lines or CSV.
        format: present::Format,
        /// Columns, and whether a first line says what produced the export.
        output: Output,
        /// A file to write instead of standard output.
        file: Option<PathBuf>,
        /// The index the actions of `--format opensearch` name.
        bulk_index: String,
    },
    /// `newsdex check`.
    Check {
        /// How to print the report.
        format: present::Format,
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
        /// A search whose words to mark.
        query: Option<String>,
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
    /// `newsdex batch`.
    Batch {
        /// The list's file, for messages.
        file: PathBuf,
        /// The queries, each with its line in the list.
        queries: Vec<(usize, String)>,
        /// The filters of every query.
        filters: Filters,
        /// Values listed per facet.
        top: usize,
        /// How to print the table.
        format: present::Format,
    },
    /// `newsdex entities`.
    Entities {
        /// What to list.
        request: EntitiesRequest,
        /// How to print it.
        format: present::Format,
    },
    /// `newsdex story`.
    Story {
        /// A story's id or one of its articles'.
        id: String,
        /// How to print the copies.
        format: present::Format,
    },
    /// `newsdex engine config opensearch`.
    OpenSearchConfig {
        /// The index name.
        index: String,
    },
    /// `newsdex serve`.
    Serve {
        /// Where to listen.
        addr: std::net::SocketAddr,
    },
    /// `newsdex watch …`.
    Watch(WatchTask),
    /// `newsdex completions`.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// `newsdex man`.
    Man {
        /// A subcommand's page instead of the main one.
        command: Option<String>,
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

/// What `newsdex watch` does.
#[derive(Debug, Clone)]
pub enum WatchTask {
    /// Save this watch.
    Add(crate::index::watches::Watch),
    /// List the watches.
    List,
    /// Forget the watch of this name.
    Remove(String),
    /// Run every watch, or the one named.
    Run {
        /// Only this watch.
        name: Option<String>,
        /// How to print the hits.
        format: present::Format,
    },
}

/// How the hits of a search or an export are written, besides their format.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Output {
    /// Columns of each hit in CSV and JSON Lines; `None` for the format's own.
    pub columns: Option<Vec<Column>>,
    /// Start JSON Lines with a line saying what produced them.
    pub provenance: bool,
    /// Stream every hit instead of one page.
    pub all: bool,
}

impl Config {
    /// Checks the command line and settles every value.
    pub fn from_cli(cli: Cli) -> Result<Config> {
        let from_env = std::env::var_os("NEWSDEX_INDEX").filter(|v| !v.is_empty());
        let index = match cli.index.or(from_env.map(PathBuf::from)) {
            Some(path) => path,
            None => default_index_path()?,
        };
        let curation = curation(cli.curation, &index)?;
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
                let output = search_output(&args, format)?;
                Task::Search { request: search_request(*args)?, format, output }
            }
            Command::Watch(command) => Task::Watch(watch_task(command)?),
            Command::Extract(args) => {
                use crate::discover::Format as F;
                let stdin_format = match args.format_in {
                    InputFormat::Txt => F::Text,
                    InputFormat::Json => F::Json,
                    InputFormat::Jsonl => F::JsonLines,
                    InputFormat::Html => F::Html,
                };
                Task::Extract { paths: args.paths, stdin_format }
            }
            Command::Export(args) => export_task(args)?,
            Command::Engine(EngineCommand::Config(EngineConfigCommand::Opensearch(args))) => {
                Task::OpenSearchConfig { index: args.opensearch_index }
            }
            Command::Check(args) => Task::Check { format: document_format(args.format) },
            Command::Stats(args) => Task::Stats {
                facet_limit: facet_limit(args.facet_limit),
                format: document_format(args.format),
            },
            Command::Show(args) => {
                let format = document_format(args.format);
                Task::Show { target: args.target, query: args.query, format }
            }
            Command::Similar(args) => {
                Task::Similar { id: args.id, limit: args.limit, format: search_format(args.format) }
            }
            Command::Batch(args) => {
                let text = std::fs::read_to_string(&args.file)
                    .with_context(|| format!("cannot read {}", args.file.display()))?;
                let is_csv = args.file.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
                let queries = super::batch::queries(&text, is_csv)
                    .with_context(|| format!("in {}", args.file.display()))?;
                Task::Batch {
                    file: args.file,
                    queries,
                    filters: filters(args.filters)?,
                    top: count(args.top),
                    format: match args.format {
                        BatchFormat::Text => present::Format::Text,
                        BatchFormat::Json => present::Format::Json,
                        BatchFormat::Csv => present::Format::Csv,
                    },
                }
            }
            Command::Story(args) => {
                Task::Story { id: args.id, format: document_format(args.format) }
            }
            Command::Entities(args) => Task::Entities {
                format: match args.format {
                    BatchFormat::Text => present::Format::Text,
                    BatchFormat::Json => present::Format::Json,
                    BatchFormat::Csv => present::Format::Csv,
                },
                request: entities_request(args)?,
            },
            Command::Serve(args) => Task::Serve { addr: args.addr },
            Command::Completions(args) => Task::Completions { shell: args.shell },
            Command::Man(args) => Task::Man { command: args.command },
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
        Ok(Config { index, curation, style, task })
    }
}

/// The curation file's rules: the file given (`--curation`, else NEWSDEX_CURATION), which
/// must exist, or the one beside the index folder, if there is one. Read before any work,
/// so that a bad line stops the command before it searches with half the rules.
fn curation(given: Option<PathBuf>, index: &Path) -> Result<Curation> {
    let from_env = std::env::var_os("NEWSDEX_CURATION").filter(|v| !v.is_empty());
    if let Some(path) = given.or(from_env.map(PathBuf::from)) {
        return Ok(Curation::load(&path)?);
    }
    let beside = Curation::beside(index);
    Ok(if beside.is_file() { Curation::load(&beside)? } else { Curation::default() })
}

/// `$XDG_DATA_HOME/newsdex/index`, or the platform's equivalent.
fn default_index_path() -> Result<PathBuf> {
    let data = dirs::data_dir().context(
        "cannot find a data folder for the index: pass --index DIR or set NEWSDEX_INDEX",
    )?;
    Ok(data.join("newsdex").join("index"))
}

fn use_color(when: ColorWhen) -> bool {
    let terminal = std::io::stdout().is_terminal();
    color_for(when, terminal, std::env::var_os("NO_COLOR"), std::env::var_os("TERM"))
}

/// Colour on a terminal, unless NO_COLOR is set (and not empty) or the terminal is dumb.
fn color_for(
    when: ColorWhen,
    terminal: bool,
    no_color: Option<OsString>,
    term: Option<OsString>,
) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            terminal
                && no_color.is_none_or(|v| v.is_empty())
                && term.is_none_or(|term| term != "dumb")
        }
    }
}

/// `--facet-limit`: 0 lists every value.
fn facet_limit(value: u64) -> usize {
    if value == 0 {
        usize::MAX
    } else {
        count(value)
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
    Ok(SearchRequest {
        query: args.query.unwrap_or_default(),
        filters: filters(args.filters)?,
        facets: args.facets,
        facet_limit: facet_limit(args.facet_limit),
        limit: args.limit,
        offset: args.offset,
        sort: sort(args.sort),
        timeline: args.timeline.map(|interval| match interval {
            IntervalArg::Day => Interval::Day,
            IntervalArg::Week => Interval::Week,
            IntervalArg::Month => Interval::Month,
            IntervalArg::Year => Interval::Year,
        }),
        collapse: args.collapse,
    })
}

/// `newsdex watch …`, checked: the name and the filters (the query is tried on the index
/// before it is saved).
fn watch_task(command: WatchCommand) -> Result<WatchTask> {
    let name = |name: String| -> Result<String> {
        crate::index::watches::check_name(&name).map_err(crate::Error::invalid)?;
        Ok(name)
    };
    Ok(match command {
        WatchCommand::Add(args) => {
            let query = args.query.unwrap_or_default();
            WatchTask::Add(crate::index::watches::Watch {
                name: name(args.name)?,
                query,
                filters: filters(args.filters)?,
                created: chrono::Utc::now(),
                seen: None,
            })
        }
        WatchCommand::List => WatchTask::List,
        WatchCommand::Remove { name: watch } => WatchTask::Remove(name(watch)?),
        WatchCommand::Run(args) => WatchTask::Run {
            name: args.name.map(name).transpose()?,
            format: match args.format {
                WatchFormat::Text => present::Format::Text,
                WatchFormat::Jsonl => present::Format::JsonLines,
                WatchFormat::Csv => present::Format::Csv,
            },
        },
    })
}

/// The filters of a command, checked.
fn filters(args: FilterArgs) -> Result<Filters> {
    if let (Some(from), Some(to)) = (args.from, args.to) {
        if from > to {
            return Err(crate::Error::invalid(format!("--from {from} is after --to {to}")).into());
        }
    }
    Ok(Filters {
        country: args.country,
        official: args.official,
        person: args.person,
        place: args.place,
        agency: args.agency,
        from: args.from,
        to: args.to,
        added_since: args.added_since,
    })
}

/// What `newsdex entities` lists: the kind the filters point at unless one is given.
fn entities_request(args: EntitiesArgs) -> Result<EntitiesRequest> {
    let kind = args.kind.unwrap_or(if !args.filters.official.is_empty() || args.role.is_some() {
        FacetField::Official
    } else {
        FacetField::Person
    });
    if args.role.is_some() && kind != FacetField::Official {
        return Err(crate::Error::invalid(
            "--role lists officials: leave out --kind, or give --kind official",
        )
        .into());
    }
    Ok(EntitiesRequest {
        query: args.query.unwrap_or_default(),
        filters: filters(args.filters)?,
        kind,
        role: args.role,
        sort: match args.sort {
            EntitySortArg::Articles => EntitySort::Articles,
            EntitySortArg::Name => EntitySort::Name,
            EntitySortArg::First => EntitySort::First,
            EntitySortArg::Last => EntitySort::Last,
        },
        limit: args.limit,
    })
}

fn sort(arg: SortArg) -> Sort {
    match arg {
        SortArg::Relevance => Sort::Relevance,
        SortArg::Date => Sort::Date,
        SortArg::OldestFirst => Sort::OldestFirst,
    }
}

/// How `newsdex search` writes its hits: what each format can carry, checked, so that
/// nothing asked for is silently left out.
fn search_output(args: &SearchArgs, format: present::Format) -> Result<Output> {
    use present::Format::{Csv, Json, JsonLines};
    let invalid = |message: &str| Err(crate::Error::invalid(message).into());
    let rows = matches!(format, Csv | JsonLines);
    if rows && (!args.facets.is_empty() || args.timeline.is_some()) {
        return invalid(
            "--facets and --timeline are written by --format text or json; csv and jsonl hold one hit per line",
        );
    }
    if args.all && format == Json {
        return invalid("--all streams hits as text, jsonl or csv; json is one document");
    }
    if args.all && (!args.facets.is_empty() || args.timeline.is_some()) {
        return invalid("--all streams hits only: run the search with --limit 0 for its --facets and --timeline");
    }
    Ok(Output { all: args.all, ..output(&args.output, format)? })
}

/// The columns and provenance of hit output in `format`, checked.
fn output(args: &OutputArgs, format: present::Format) -> Result<Output> {
    use present::Format::{Csv, JsonLines};
    let columns: Vec<Column> = args.fields.iter().flat_map(|f| f.0.iter().copied()).collect();
    if !columns.is_empty() && !matches!(format, Csv | JsonLines) {
        return Err(
            crate::Error::invalid("--fields picks the columns of --format csv or jsonl").into()
        );
    }
    if args.provenance && format != JsonLines {
        return Err(crate::Error::invalid(
            "--provenance is the first line of JSON Lines output: use --format jsonl",
        )
        .into());
    }
    Ok(Output {
        columns: (!columns.is_empty()).then_some(columns),
        provenance: args.provenance,
        all: false,
    })
}

/// `newsdex export`: every article, or those a search finds, all of them.
fn export_task(args: ExportArgs) -> Result<Task> {
    let format = match args.format {
        ExportFormat::Jsonl => present::Format::JsonLines,
        ExportFormat::Csv => present::Format::Csv,
        ExportFormat::Opensearch => present::Format::OpenSearch,
    };
    if format != present::Format::OpenSearch && args.opensearch_index.is_some() {
        return Err(crate::Error::invalid(
            "--opensearch-index names the index of --format opensearch",
        )
        .into());
    }
    let bulk_index =
        args.opensearch_index.unwrap_or_else(|| present::opensearch::DEFAULT_INDEX.to_owned());
    let mut output = output(&args.output_args, format)?;
    output.all = true;
    output.columns.get_or_insert_with(|| Column::ARTICLE.to_vec());
    let filters = filters(args.filters)?;
    let request = (args.query.is_some() || filters != Filters::default()).then(|| SearchRequest {
        query: args.query.unwrap_or_default(),
        filters,
        sort: sort(args.sort),
        ..SearchRequest::default()
    });
    Ok(Task::Export { request, format, output, file: args.output, bulk_index })
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
    fn colour_is_off_for_pipes_no_color_and_dumb_terminals() {
        let os = |s: &str| Some(OsString::from(s));
        assert!(color_for(ColorWhen::Auto, true, None, os("xterm-256color")));
        assert!(!color_for(ColorWhen::Auto, false, None, os("xterm")));
        assert!(!color_for(ColorWhen::Auto, true, os("1"), os("xterm")));
        assert!(color_for(ColorWhen::Auto, true, os(""), None));
        assert!(!color_for(ColorWhen::Auto, true, None, os("dumb")));
        assert!(color_for(ColorWhen::Always, false, os("1"), os("dumb")));
    }

    #[test]
    fn from_after_to_is_refused_before_any_work() {
        let cli = Cli::try_parse_from(["newsdex", "search", "--from", "2024", "--to", "2023"])
            .expect("each flag parses");
        let err = Config::from_cli(cli).unwrap_err();
        assert_eq!(err.to_string(), "--from 2024-01-01 is after --to 2023-12-31");
    }
}
