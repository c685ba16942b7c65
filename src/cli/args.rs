//! Command-line arguments: every flag is defined and documented here, once.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::ingest::{DEFAULT_COMMIT_EVERY, MAX_THREADS};
use crate::present::Column;
use crate::search::{day_range, AddedSince, FacetField, FacetSpec};

/// Full-text search for news archives.
///
/// Index a folder of articles (scraped .txt pages, .json, .jsonl/.ndjson exports, .html
/// pages), then search it with facets by country, official, person, place, agency and
/// date.
#[derive(Debug, Parser)]
#[command(name = "newsdex", version, max_term_width = 100)]
#[command(
    after_help = "Start here:\n  newsdex index sample_corpus\n  newsdex search sanctions --facets country,official"
)]
pub struct Cli {
    /// Index folder [default: NEWSDEX_INDEX when set and not empty, else the user data
    /// folder, e.g. ~/.local/share/newsdex/index].
    // Not clap's `env`: it refuses an empty NEWSDEX_INDEX, which means the default here.
    #[arg(long, global = true, value_name = "DIR")]
    pub index: Option<PathBuf>,

    /// The curation file: people merged, renamed or suppressed, officials' countries,
    /// applied when searching (the format: `newsdex help entities`) [default:
    /// NEWSDEX_CURATION when set and not empty, else INDEX.curation.txt beside the index
    /// folder, when there is one].
    #[arg(long, global = true, value_name = "FILE")]
    pub curation: Option<PathBuf>,

    /// When to colour output: auto (on a terminal, unless NO_COLOR is set or TERM=dumb),
    /// always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index article files under one or more folders.
    Index(IndexArgs),
    /// Search the index, with filters and facet counts.
    Search(Box<SearchArgs>),
    /// Print the fields newsdex extracts from files, as JSON Lines (no index needed).
    Extract(ExtractArgs),
    /// Write indexed articles, all or those a search finds, as JSON Lines or CSV.
    Export(ExportArgs),
    /// Counts, date span and top facet values of the index.
    Stats(StatsArgs),
    /// Read the whole index and say whether it is sound (after a copy, a restore, a disk
    /// warning).
    Check(CheckArgs),
    /// Show one article in full, with every field.
    Show(ShowArgs),
    /// Articles like a given one ("more like this", over title and body).
    Similar(SimilarArgs),
    /// Time searches in-process: median and 99th percentile per query.
    Bench(BenchArgs),
    /// Run a list of queries: per query, hits, first and last date, top countries,
    /// officials and agencies.
    Batch(BatchArgs),
    /// Saved searches: what matched since each last ran (for cron or a daily mail).
    #[command(subcommand)]
    Watch(WatchCommand),
    /// Every copy of a story, with outlet, agency, date and what it adds or lacks.
    Story(StoryArgs),
    /// The people, officials, places, countries or agencies the articles name: articles,
    /// first and last day, the names each goes by, officials' roles through time.
    Entities(EntitiesArgs),
    /// Serve the index as a web page and a JSON API.
    Serve(ServeArgs),
    /// Configuration for search engines that take an archive past one machine.
    #[command(subcommand)]
    #[command(
        after_help = "Examples:\n  newsdex engine config opensearch | jq .create_index > index.json"
    )]
    Engine(EngineCommand),
    /// Print a shell's completion script for newsdex.
    Completions(CompletionsArgs),
    /// Print newsdex's manual page (roff), or one command's.
    Man(ManArgs),
}

/// `newsdex completions`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  newsdex completions bash > ~/.local/share/bash-completion/completions/newsdex\n  newsdex completions zsh > ~/.zfunc/_newsdex\n  newsdex completions fish > ~/.config/fish/completions/newsdex.fish"
)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

/// `newsdex man`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  newsdex man > ~/.local/share/man/man1/newsdex.1\n  newsdex man search | man -l -"
)]
pub struct ManArgs {
    /// A command whose page to print (`newsdex-search(1)`) instead of newsdex's.
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

/// `newsdex story`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  newsdex story 3f29a0c1d2e4b5a6\n  newsdex search oil --collapse --format json | jq -r '.hits[0].story'"
)]
pub struct StoryArgs {
    /// A story's id (the `story` of any of its articles), or the id of one of its articles.
    #[arg(value_name = "ID")]
    pub id: String,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text, value_name = "FORMAT")]
    pub format: Format,
}

/// `newsdex entities`.
#[derive(Debug, Args)]
#[command(after_help = "\
Each entity: its matching articles, the first and last day it is named, the names it
goes by (a surname linked to the full name, names merged by the curation file), and for
officials the roles and countries they were named with, each with its articles and days.

The curation file (--curation FILE, NEWSDEX_CURATION, or INDEX.curation.txt beside the
index folder) corrects who the people are, for every search, with no re-indexing. One rule
a line; `#` starts a comment; names match case and accents aside:
  merge    Ayatollah Khamenei = Ali Khamenei   one person, counted and found as Ali Khamenei
  rename   Kamran Dehghani = Kamran Dehghani-Nejad
  suppress Greens                              not a person: not counted, not matched
  country  Sherif Farouk = Egypt               the country an official's roles are of

Examples:
  newsdex entities --kind official --limit 20
  newsdex entities --official Nakasone
  newsdex entities --kind official --role 'Foreign Minister' --country Iran --sort first
  newsdex entities --kind person --format csv --limit 0 > people.csv")]
pub struct EntitiesArgs {
    /// Which articles, in the query language of `search`; omit for all.
    #[arg(value_name = "QUERY")]
    pub query: Option<String>,

    /// Which articles: by country, official, person, place, agency and date.
    #[command(flatten)]
    pub filters: FilterArgs,

    /// What to list: country, official, person, place or agency [default: official with
    /// --official or --role, person with --person, else person].
    #[arg(long, value_name = "KIND", value_parser = entity_kind)]
    pub kind: Option<FacetField>,

    /// List the officials named with a role of these words ("Foreign Minister"), of a
    /// --country when one is given, with their dates in that role.
    #[arg(long, value_name = "ROLE")]
    pub role: Option<String>,

    /// Order: articles (most first), name, first (earliest first mention first), last
    /// (latest last mention first).
    #[arg(long, value_enum, default_value_t = EntitySortArg::Articles, value_name = "ORDER")]
    pub sort: EntitySortArg,

    /// How many entities to list; 0 lists them all.
    #[arg(long, short = 'n', value_name = "N", default_value_t = 20)]
    pub limit: usize,

    /// Output format: text (for people), json (one document), csv (one row per entity).
    #[arg(long, value_enum, default_value_t = BatchFormat::Text, value_name = "FORMAT")]
    pub format: BatchFormat,
}

/// `entities --sort`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EntitySortArg {
    /// Most articles first.
    Articles,
    /// By name.
    Name,
    /// Earliest first mention first.
    First,
    /// Latest last mention first.
    Last,
}

fn entity_kind(text: &str) -> Result<FacetField, String> {
    match FacetField::from_name(text) {
        Some(FacetField::Year | FacetField::Month) | None => Err(format!(
            "`{text}` is not a kind of entity: country, official, person, place or agency"
        )),
        Some(kind) => Ok(kind),
    }
}

/// `newsdex index`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  newsdex index ~/archive/irna ~/archive/reuters\n  newsdex index --full ~/archive"
)]
pub struct IndexArgs {
    /// Folders (or single files) to index.
    ///
    /// Article files are picked by extension: .txt, .json, .jsonl/.ndjson, .html/.htm/.xhtml/.shtml.
    /// Hidden files and the index folder itself are skipped. An article's identity is its
    /// path (and line, for JSON Lines), so indexing the same folder again replaces its
    /// articles instead of adding copies.
    #[arg(required = true, value_name = "DIR")]
    pub paths: Vec<PathBuf>,

    /// Throw away the existing index and build it again from these folders. Without it,
    /// indexing is incremental: new files are added, changed files (by size and time,
    /// then content) re-indexed, unchanged files not read, and the articles of files gone
    /// from these folders removed.
    #[arg(long)]
    pub full: bool,

    /// Threads for reading and extracting, 1 to 256 [default: all cores].
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..=MAX_THREADS as i64))]
    pub threads: Option<u16>,

    /// Commit after this many articles. A crash loses at most the work since the last
    /// commit, which the next run redoes; smaller values lose less and index more slowly.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_COMMIT_EVERY, value_parser = clap::value_parser!(u64).range(1..))]
    pub commit_every: u64,

    /// Print no progress and no summary, only warnings.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// `newsdex search`.
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  newsdex search sanctions --facets country,official
  newsdex search '\"defense cooperation\" AND russia' --country Iran --from 2023 --to 2023
  newsdex search --official Shoigu --sort date --format json | jq '.hits[].title'
  newsdex search tanker --all --format csv --fields id,date,title,url,body > tanker.csv

Exit status: 0 when something matched, 1 when nothing did, 2 on an error.
See `newsdex search --help` for three sessions of narrowing a question.")]
#[command(after_long_help = "\
Narrowing a question, three ways:

  1. What is said about sanctions on Iran, and by whom?
     newsdex search sanctions --facets country             # which countries come up?
     newsdex search sanctions --country Iran --facets year # when?
     newsdex search sanctions --country Iran --from 2024 --to 2024 --facets official,agency
     newsdex search sanctions --country Iran --from 2024 --to 2024 --agency IRNA

  2. Follow one official over time.
     newsdex search --official Dehghani --timeline month   # when was he in the news?
     newsdex search --official Dehghani --facets place:Turkey,country
     newsdex search 'official:dehghani AND \"3+3\"' --sort date

  3. One incident, from first report to spreadsheet.
     newsdex search tanker --facets country,place:Iran     # where, down to the city
     newsdex search 'tanker AND (seized OR seizure)' --sort -date --limit 50
     newsdex search tanker --format csv --limit 1000 > tanker.csv

Query language (QUERY):
  oil prices             both words (words are ANDed; `sanction` also finds `sanctions`)
  oil OR gas             either word;  -opec or NOT opec excludes a word
  \"oil prices\"           the phrase;  \"iran russia\"~5: within 5 words of each other
  \"oil pri\"*             a phrase ending in a prefix;  sanctons~1: one typo allowed
  title:talks            a word in the title
  country:US             an article about a country (aliases work: US, U.S., America)
  official:shoigu        an official, by any part of the name; also person:, place:, agency:
  date:2023-09           a day, month or year; date:[2023-01 TO 2023-06] a range

Exit status: 0 when something matched, 1 when nothing did, 2 on an error.")]
pub struct SearchArgs {
    /// What to look for, in title and body. Words are ANDed: `oil prices` finds articles
    /// with both. Also: `iran OR iraq`, `-sanctions`, `"oil prices"` (phrase),
    /// `"iran russia"~5` (within 5 words), `title:talks`. Omit to match every article
    /// (useful with filters).
    #[arg(value_name = "QUERY")]
    pub query: Option<String>,

    /// Which articles: by country, official, person, place, agency and date.
    #[command(flatten)]
    pub filters: FilterArgs,

    /// Count values of these fields over all matching articles, comma-separated:
    /// country, official, person, place, agency, year, month; `place:Iran` counts the
    /// places inside Iran.
    #[arg(long, value_name = "FIELDS", value_delimiter = ',', value_parser = FacetSpec::parse)]
    pub facets: Vec<FacetSpec>,

    /// How many values to list per facet; 0 lists them all.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_FACET_LIMIT)]
    pub facet_limit: u64,

    /// How many hits to show.
    #[arg(long, short = 'n', value_name = "N", default_value_t = 10)]
    pub limit: usize,

    /// How many hits to skip (for paging).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub offset: usize,

    /// Order of hits: relevance, date (newest first) or -date (oldest first).
    #[arg(long, value_enum, default_value_t = SortArg::Relevance, allow_hyphen_values = true, value_name = "ORDER")]
    pub sort: SortArg,

    /// Also count matching articles per day, week, month or year, empty periods included.
    #[arg(long, value_enum, value_name = "INTERVAL")]
    pub timeline: Option<IntervalArg>,

    /// Output format: text (for people), json (one document), jsonl (one hit per line),
    /// csv (one hit per row, for spreadsheets).
    #[arg(long, value_enum, default_value_t = SearchFormat::Text, value_name = "FORMAT")]
    pub format: SearchFormat,

    /// What to write of each hit and how, besides the format.
    #[command(flatten)]
    pub output: OutputArgs,

    /// Every hit, streamed in order, however many there are (text, jsonl or csv):
    /// memory holds the sort keys of the matches, never the articles.
    #[arg(long, conflicts_with_all = ["limit", "offset"])]
    pub all: bool,

    /// One hit per story: the earliest matching copy, with "+N copies: outlets, dates".
    ///
    /// Copies of one text (a wire story republished by several outlets, the agency's
    /// updates, truncated copies, briefs of its opening) share a story, found when they
    /// were indexed. `--limit` and `--offset` then count stories, and the total says how
    /// many stories the matching articles make.
    #[arg(long, conflicts_with = "all")]
    pub collapse: bool,
}

/// The filters every command that selects articles takes.
#[derive(Debug, Clone, Args)]
pub struct FilterArgs {
    /// Only articles about this country (repeatable; values are ORed). Codes and common
    /// names work: `--country US` means United States.
    #[arg(long, value_name = "NAME")]
    pub country: Vec<String>,

    /// Only articles naming this official (repeatable). A surname is enough: `--official
    /// Shoigu`.
    #[arg(long, value_name = "NAME")]
    pub official: Vec<String>,

    /// Only articles naming this person (repeatable). A surname is enough.
    #[arg(long, value_name = "NAME")]
    pub person: Vec<String>,

    /// Only articles naming this place: a city, region or country (repeatable).
    #[arg(long, value_name = "NAME")]
    pub place: Vec<String>,

    /// Only articles from this agency (repeatable): `--agency Reuters --agency IRNA`.
    #[arg(long, value_name = "NAME")]
    pub agency: Vec<String>,

    /// Only articles published on or after this day: 2023, 2023-09 or 2023-09-19.
    #[arg(long, value_name = "DATE", value_parser = parse_from_date)]
    pub from: Option<NaiveDate>,

    /// Only articles published on or before this day: 2023 (= end of 2023), 2023-09 or
    /// 2023-09-19.
    #[arg(long, value_name = "DATE", value_parser = parse_to_date)]
    pub to: Option<NaiveDate>,

    /// Only articles added to the index at or after this moment: a day (2024-03-01, UTC),
    /// an RFC 3339 time (2024-03-01T12:00:00+01:00), an indexing run (`run:3`, that run
    /// and later ones; runs are numbered from 1) or `last` (the latest run).
    #[arg(long, value_name = "WHEN", value_parser = AddedSince::parse)]
    pub added_since: Option<AddedSince>,
}

/// The columns of hits in CSV and JSON Lines, and what an export says of itself.
#[derive(Debug, Clone, Args)]
pub struct OutputArgs {
    /// Columns of each hit in csv and jsonl, comma-separated, in this order: id, date,
    /// date_source, agency, news_id, title, url, countries, officials, people, places,
    /// path, line, score, snippet, body, story; or `all`. `--fields id,date,title,body` writes
    /// the whole text.
    #[arg(long, value_name = "FIELDS", value_delimiter = ',', value_parser = parse_fields)]
    pub fields: Vec<Fields>,

    /// Start a jsonl export with one line saying what produced it:
    /// `{"newsdex_export": {"query", "filters", "sort", "fields", "index",
    /// "schema_version", "index_commit", "index_articles", "newsdex_version", "created"}}`.
    #[arg(long)]
    pub provenance: bool,
}

/// Columns named by one `--fields` value (`all` names every one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fields(pub Vec<Column>);

fn parse_fields(text: &str) -> Result<Fields, String> {
    Column::parse_list(text).map(Fields)
}

/// `newsdex show`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  newsdex show 3f29a0c1d2e4b5a6\n  newsdex show 3f29a0\n  newsdex show sample_corpus/imna/2023/10/23/imna-689874.txt\n  newsdex show sample_corpus/feeds/xinhua-2024-05.jsonl:2\n  newsdex show 3f29a0 --query 'sanctions drone*'"
)]
pub struct ShowArgs {
    /// An article id (from search output, or its first digits when no other id starts
    /// with them), the path of an indexed file (every article in it), or PATH:LINE as
    /// search output prints it for JSON Lines files.
    #[arg(value_name = "ID|PATH[:LINE]")]
    pub target: String,

    /// Mark this search's words in the title and body, as search marks its passages
    /// (text output).
    #[arg(long, value_name = "QUERY")]
    pub query: Option<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text, value_name = "FORMAT")]
    pub format: Format,
}

/// `newsdex similar`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  newsdex similar 3f29a0c1d2e4b5a6 --limit 5\n  newsdex similar sample_corpus/ap/2023/07/21/ap-us-sanctions-drone-parts.json"
)]
pub struct SimilarArgs {
    /// The article to find others like: its id (or the id's first digits), its file's
    /// path, or PATH:LINE.
    #[arg(value_name = "ID|PATH[:LINE]")]
    pub id: String,

    /// How many articles to show.
    #[arg(long, short = 'n', value_name = "N", default_value_t = 10)]
    pub limit: usize,

    /// Output format.
    #[arg(long, value_enum, default_value_t = SearchFormat::Text, value_name = "FORMAT")]
    pub format: SearchFormat,
}

/// `newsdex bench`.
#[derive(Debug, Args)]
#[command(after_help = "\
The queries file holds one search per line, written as the arguments of `newsdex search`
would be in a shell; blank lines and lines starting with # are ignored:

  iran
  '\"interest rates\"' --facets country,official,agency,year
  oil AND prices --country Iran --from 1987-01 --to 1987-06

Example:
  newsdex bench --queries bench/queries.txt --runs 200 --format json")]
pub struct BenchArgs {
    /// File of searches, one per line.
    #[arg(long, value_name = "FILE")]
    pub queries: PathBuf,

    /// Timed runs per search (after 3 warm-up runs), at least 1.
    #[arg(long, value_name = "N", default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..))]
    pub runs: u64,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text, value_name = "FORMAT")]
    pub format: Format,
}

/// `newsdex batch`.
#[derive(Debug, Args)]
#[command(after_help = "\
The list holds one query per line (blank lines and lines starting with # are skipped), or,
in a file whose name ends in .csv, one row per query with the query in a `query` column.
The same filters apply to every row.

Examples:
  newsdex batch names.txt
  newsdex batch names.txt --country Iran --from 2023 --format csv > names.csv
  newsdex batch watchlist.csv --top 5 --format json | jq '.rows[] | {query, hits}'

Exit status: 0 when some query matched, 1 when none did, 2 on an error.")]
pub struct BatchArgs {
    /// The list of queries.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Which articles every query searches: by country, official, person, place, agency
    /// and date.
    #[command(flatten)]
    pub filters: FilterArgs,

    /// How many countries, officials and agencies to list per query (at least 1).
    #[arg(long, value_name = "N", default_value_t = 3, value_parser = clap::value_parser!(u64).range(1..))]
    pub top: u64,

    /// Output format: text (a table), json (one document), csv (one row per query).
    #[arg(long, value_enum, default_value_t = BatchFormat::Text, value_name = "FORMAT")]
    pub format: BatchFormat,
}

/// `batch --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BatchFormat {
    /// A table for people.
    Text,
    /// One JSON document.
    Json,
    /// One row per query.
    Csv,
}

/// `newsdex serve`.
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  newsdex serve                       # then open http://127.0.0.1:8080/
  newsdex serve --addr 127.0.0.1:0    # any free port; the address is printed

The page searches with facets and a timeline; the JSON API under /api/ returns the
shapes of `--format json` and is described at /api/openapi.yaml. Nothing can change the
index through it. There is no authentication: anyone who can reach the address can read
the whole archive, so keep it on 127.0.0.1 unless the network is yours.")]
pub struct ServeArgs {
    /// Address and port to listen on; port 0 picks a free one. An address other than
    /// loopback (127.0.0.1, ::1) makes the archive readable by other machines, with no
    /// authentication, and prints a warning.
    #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,
}

/// `newsdex extract`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  newsdex extract sample_corpus/imna/2023/10/23/imna-689874.txt | jq '{title, date, countries}'\n  curl -s https://example.org/story.html | newsdex extract --format-in html -"
)]
pub struct ExtractArgs {
    /// Files or folders to extract from; `-` is standard input (read before the files).
    /// One JSON object per article per line.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// The format of standard input, which has no file extension to tell it.
    #[arg(long, value_enum, default_value_t = InputFormat::Txt, value_name = "FORMAT")]
    pub format_in: InputFormat,
}

/// The formats of `extract -`, named after the file extensions they stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// A page scraped to text.
    Txt,
    /// One article object, or an array of them.
    Json,
    /// One article object per line.
    Jsonl,
    /// A web page.
    Html,
}

/// `newsdex export`.
#[derive(Debug, Args)]
#[command(after_help = "\
Without a query or filters, every article of the index, in index order; with them, the
articles the same `newsdex search` finds, in its order (--sort). Each line is an Article
(README, JSON shapes), with its body.

Examples:
  newsdex export -o archive.jsonl
  newsdex export tanker --country Iran --from 2023 --provenance -o tanker.jsonl
  newsdex export sanctions --format csv --fields id,date,agency,title,url,body -o sanctions.csv
  newsdex export --format opensearch --opensearch-index news -o bulk.ndjson")]
pub struct ExportArgs {
    /// What to look for, as in `newsdex search`; omit for every article.
    #[arg(value_name = "QUERY")]
    pub query: Option<String>,

    /// Which articles: by country, official, person, place, agency and date.
    #[command(flatten)]
    pub filters: FilterArgs,

    /// Order of articles when a query or filters are given: relevance, date (newest
    /// first) or -date (oldest first).
    #[arg(long, value_enum, default_value_t = SortArg::Relevance, allow_hyphen_values = true, value_name = "ORDER")]
    pub sort: SortArg,

    /// Output format: jsonl (one article per line), csv (one per row) or opensearch (the
    /// `_bulk` lines of OpenSearch and Elasticsearch: an index action, then the article).
    #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl, value_name = "FORMAT")]
    pub format: ExportFormat,

    /// The index the actions of `--format opensearch` name (`{"index": {"_index": NAME,
    /// "_id": ID}}`).
    #[arg(long, value_name = "NAME", value_parser = crate::present::opensearch::index_name)]
    pub opensearch_index: Option<String>,

    /// Columns, and what the export says of itself.
    #[command(flatten)]
    pub output_args: OutputArgs,

    /// Write to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `export --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One JSON object per article per line.
    Jsonl,
    /// One row per article.
    Csv,
    /// OpenSearch / Elasticsearch `_bulk` NDJSON.
    Opensearch,
}

/// `newsdex engine`.
#[derive(Debug, Subcommand)]
pub enum EngineCommand {
    /// Print the configuration an engine needs to hold newsdex's articles.
    #[command(subcommand)]
    #[command(
        after_help = "Examples:\n  newsdex engine config opensearch | jq .create_index > index.json"
    )]
    Config(EngineConfigCommand),
}

/// `newsdex engine config`: one subcommand per engine.
#[derive(Debug, Subcommand)]
pub enum EngineConfigCommand {
    /// The OpenSearch / Elasticsearch index for `export --format opensearch`: settings,
    /// mapping, and the searches equal to newsdex's facets and timelines (JSON).
    Opensearch(OpenSearchConfigArgs),
}

/// `newsdex engine config opensearch`.
#[derive(Debug, Args)]
#[command(after_help = "\
Prints one JSON document: `create_index`, the body of `PUT /NAME` (an English analyzer
for title and body, a keyword field for every facet, `date` for the date; unknown
fields refused); `load`, the commands that export the index and send it to `_bulk`;
and `queries`, each a newsdex search beside the OpenSearch search body that counts the
same facets (`terms`) or timeline (`date_histogram`).

Examples:
  newsdex engine config opensearch | jq .create_index > index.json
  curl -XPUT -H 'Content-Type: application/json' localhost:9200/newsdex --data-binary @index.json
  newsdex export --format opensearch -o bulk.ndjson
  curl -H 'Content-Type: application/x-ndjson' -XPOST localhost:9200/_bulk --data-binary @bulk.ndjson")]
pub struct OpenSearchConfigArgs {
    /// The index name, as `export --opensearch-index` takes it.
    #[arg(long, value_name = "NAME", default_value = crate::present::opensearch::DEFAULT_INDEX,
          value_parser = crate::present::opensearch::index_name)]
    pub opensearch_index: String,
}

/// `newsdex stats`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  newsdex stats\n  newsdex stats --facet-limit 0 --format json | jq '.facets.agency.values'"
)]
pub struct StatsArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text, value_name = "FORMAT")]
    pub format: Format,

    /// How many values to list per facet; 0 lists them all.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_FACET_LIMIT)]
    pub facet_limit: u64,
}

/// `newsdex check`.
#[derive(Debug, Args)]
#[command(after_help = "\
Reads every file's checksum, every article's stored bytes, every facet column against its
dictionary and the file stamps of incremental runs: what a search or an export could ever
touch. Exit code 0 when all of it is sound; 2, with the files named, when it is not (then
`newsdex index --full DIR` rebuilds the index). Changes nothing, locks nothing.

Examples:
  newsdex check
  newsdex check --format json | jq .articles")]
pub struct CheckArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text, value_name = "FORMAT")]
    pub format: Format,
}

/// Facet values listed per facet unless `--facet-limit` says otherwise.
const DEFAULT_FACET_LIMIT: u64 = crate::search::request::DEFAULT_FACET_LIMIT as u64;

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// One JSON document.
    Json,
}

/// `search --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SearchFormat {
    /// For people.
    Text,
    /// One JSON document.
    Json,
    /// One JSON object per hit per line.
    Jsonl,
    /// One row per hit.
    Csv,
}

/// `newsdex watch …`.
#[derive(Debug, Subcommand)]
#[command(after_help = "Examples:
  newsdex watch add iran-oil 'oil OR tanker' --country Iran
  newsdex watch run                   # every watch: what is new since it last ran
  newsdex watch run iran-oil --format csv >> iran-oil.csv
  newsdex watch list
  newsdex watch remove iran-oil

Exit status of run: 0 when something new matched, 1 when nothing did, 2 on an error.")]
pub enum WatchCommand {
    /// Save a search under a name; its first run shows every match.
    Add(WatchAddArgs),
    /// List the watches: name, query, filters, last run.
    List,
    /// Forget a watch.
    Remove {
        /// The watch's name.
        name: String,
    },
    /// Print what each watch (or the one named) matched since it last ran, and record
    /// the run.
    Run(WatchRunArgs),
}

/// `newsdex watch add`.
#[derive(Debug, Args)]
pub struct WatchAddArgs {
    /// A name for the watch: letters, digits, `-`, `_`, `.`.
    pub name: String,

    /// What to look for, as in `newsdex search`; omit to watch the filters alone.
    #[arg(value_name = "QUERY")]
    pub query: Option<String>,

    /// Which articles: by country, official, person, place, agency and date.
    #[command(flatten)]
    pub filters: FilterArgs,
}

/// `newsdex watch run`.
#[derive(Debug, Args)]
pub struct WatchRunArgs {
    /// Only this watch.
    pub name: Option<String>,

    /// Output format: text (a heading per watch, then its new hits), jsonl (one hit per
    /// line) or csv (one hit per row); jsonl and csv take one watch, by NAME.
    #[arg(long, value_enum, default_value_t = WatchFormat::Text, value_name = "FORMAT")]
    pub format: WatchFormat,
}

/// `watch run --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WatchFormat {
    /// For people: a heading per watch, then its new hits.
    Text,
    /// One JSON object per hit per line.
    Jsonl,
    /// One row per hit.
    Csv,
}

/// `--timeline`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum IntervalArg {
    /// Calendar days.
    Day,
    /// ISO weeks.
    Week,
    /// Calendar months.
    Month,
    /// Calendar years.
    Year,
}

/// `--sort`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// Best match first.
    Relevance,
    /// Newest first.
    Date,
    /// Oldest first.
    #[value(name = "-date")]
    OldestFirst,
}

/// A day, month or year; a month or year means its first day.
pub fn parse_from_date(text: &str) -> Result<NaiveDate, String> {
    day_range(text).map(|(first, _)| first)
}

/// A day, month or year; a month or year means its last day.
pub fn parse_to_date(text: &str) -> Result<NaiveDate, String> {
    day_range(text).map(|(_, last)| last)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    use crate::search::FacetField;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_command_has_examples_in_its_help() {
        for command in Cli::command().get_subcommands() {
            let help = command.get_after_help().map(|h| h.to_string()).unwrap_or_default();
            assert!(
                help.contains("Example"),
                "`newsdex {} --help` shows no example",
                command.get_name()
            );
        }
    }

    fn parse(args: &[&str]) -> Cli {
        Cli::try_parse_from(args).unwrap_or_else(|e| panic!("{args:?}: {e}"))
    }

    fn search(args: &[&str]) -> SearchArgs {
        match parse(args).command {
            Command::Search(args) => *args,
            other => panic!("not a search: {other:?}"),
        }
    }

    #[test]
    fn filters_repeat_and_facets_split_on_commas() {
        let args = search(&[
            "newsdex",
            "search",
            "oil",
            "--country",
            "Iran",
            "--country",
            "Iraq",
            "--facets",
            "country,year",
        ]);
        assert_eq!(args.filters.country, ["Iran", "Iraq"]);
        assert_eq!(args.facets, [FacetField::Country.into(), FacetField::Year.into()]);
    }

    #[test]
    fn sort_accepts_a_leading_hyphen() {
        assert_eq!(search(&["newsdex", "search", "--sort", "-date"]).sort, SortArg::OldestFirst);
        assert_eq!(search(&["newsdex", "search", "--sort", "date"]).sort, SortArg::Date);
    }

    #[test]
    fn unknown_facets_are_refused_with_the_list() {
        let err = Cli::try_parse_from(["newsdex", "search", "--facets", "colour"]).unwrap_err();
        assert!(err.to_string().contains("unknown facet `colour`; facets: country, official"));
    }

    #[test]
    fn dates_widen_to_their_period() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(parse_from_date("2023"), Ok(day(2023, 1, 1)));
        assert_eq!(parse_to_date("2023"), Ok(day(2023, 12, 31)));
        assert_eq!(parse_to_date("2024-02"), Ok(day(2024, 2, 29)));
        assert_eq!(parse_to_date("2023-12"), Ok(day(2023, 12, 31)));
        assert_eq!(parse_from_date("2023-09-19"), Ok(day(2023, 9, 19)));
        assert!(parse_from_date("19/09/2023").is_err());
        assert!(parse_from_date("2023-13").is_err());
    }

    #[test]
    fn counts_are_checked_by_range() {
        for args in [
            &["newsdex", "index", "a", "--threads", "0"][..],
            &["newsdex", "index", "a", "-j", "100000"],
            &["newsdex", "index", "a", "--commit-every", "0"],
            &["newsdex", "bench", "--queries", "q", "--runs", "0"],
        ] {
            let err = Cli::try_parse_from(args).expect_err("out of range");
            assert!(err.to_string().contains("is not in"), "{args:?}: {err}");
        }
        let Command::Index(args) = parse(&["newsdex", "index", "a", "-j", "256"]).command else {
            panic!("not index")
        };
        assert_eq!((args.threads, args.commit_every), (Some(256), DEFAULT_COMMIT_EVERY));
    }

    #[test]
    fn index_needs_a_folder() {
        assert!(Cli::try_parse_from(["newsdex", "index"]).is_err());
        let cli = parse(&["newsdex", "--index", "/tmp/i", "index", "a", "b", "--full"]);
        let Command::Index(args) = cli.command else { panic!("not index") };
        assert_eq!(args.paths, [PathBuf::from("a"), PathBuf::from("b")]);
        assert!(args.full);
        assert_eq!(cli.index, Some(PathBuf::from("/tmp/i")));
    }
}
