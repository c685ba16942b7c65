//! The JSON shapes newsdex prints. They are a public interface: fields are added, never
//! renamed or removed, and each one is documented in README.md.

use std::collections::BTreeMap;
use std::io::{self, Write};

use std::path::Path;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

use super::columns::Column;
use crate::extract::{Article, DateSource, Official};
use crate::index::{CheckReport, IndexVersion};
use crate::search::entities::{EntityListing, Span};
use crate::search::summary::QuerySummary;
use crate::search::timeline::Interval;
use crate::search::{
    FacetResult, FacetValue, Filters, Hit, IndexStats, SearchRequest, SearchResults, Sort,
    StoryListing,
};

/// Writes `value` as indented JSON and a newline.
pub fn write_pretty(out: &mut dyn Write, value: &(impl Serialize + ?Sized)) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

/// Writes `value` as one line of JSON.
pub fn write_line(out: &mut dyn Write, value: &(impl Serialize + ?Sized)) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    writeln!(out)
}

/// `newsdex search --format json`: one document per search.
#[derive(Debug, Serialize, Deserialize)]
pub struct SearchJson {
    /// The query as given.
    pub query: String,
    /// The filters as given.
    pub filters: Filters,
    /// `relevance`, `date` or `-date`.
    pub sort: String,
    /// Matching articles in all.
    pub total: usize,
    /// Hits skipped before the first one shown.
    pub offset: usize,
    /// Most hits shown.
    pub limit: usize,
    /// The hits shown.
    pub hits: Vec<HitJson>,
    /// Facet counts by field name.
    pub facets: BTreeMap<String, FacetJson>,
    /// Matching articles per period, when `--timeline` was given.
    pub timeline: Option<TimelineJson>,
    /// Notes (filter values that matched nothing).
    pub notes: Vec<String>,
    /// Milliseconds spent searching.
    pub took_ms: f64,
    /// With `--collapse`: the stories the matching articles make.
    pub stories: Option<usize>,
}

/// One hit: the article's fields without its body, plus score and snippet.
#[derive(Debug, Serialize, Deserialize)]
pub struct HitJson {
    /// Stable article id.
    pub id: String,
    /// Source file.
    pub path: String,
    /// Line in a JSON Lines file.
    pub line: Option<u64>,
    /// Headline.
    pub title: String,
    /// `YYYY-MM-DD` or null.
    pub date: Option<NaiveDate>,
    /// Where the date came from.
    pub date_source: Option<DateSource>,
    /// Canonical agency.
    pub agency: Option<String>,
    /// The agency's own article id.
    pub news_id: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// People.
    pub people: Vec<String>,
    /// Officials.
    pub officials: Vec<Official>,
    /// Places.
    pub places: Vec<String>,
    /// Countries.
    pub countries: Vec<String>,
    /// The story: the id of its earliest article.
    pub story: Option<String>,
    /// When the article was written to the index.
    pub added: Option<chrono::DateTime<chrono::Utc>>,
    /// Relevance score.
    pub score: f32,
    /// Best passage.
    pub snippet: SnippetJson,
    /// With `--collapse`: the story's other matching copies.
    pub copies: Option<CopiesJson>,
}

/// The other matching copies of a collapsed hit's story.
#[derive(Debug, Serialize, Deserialize)]
pub struct CopiesJson {
    /// How many.
    pub count: usize,
    /// Their outlets, in order of publication.
    pub outlets: Vec<String>,
    /// The earliest date among every matching copy, the hit's included.
    pub first: Option<NaiveDate>,
    /// The latest.
    pub last: Option<NaiveDate>,
}

/// `newsdex story ID --format json`.
#[derive(Debug, Serialize, Deserialize)]
pub struct StoryJson {
    /// The story's id: its lead's.
    pub id: String,
    /// Every copy, the lead first, then in order of publication.
    pub copies: Vec<StoryCopyJson>,
}

/// One copy of a story.
#[derive(Debug, Serialize, Deserialize)]
pub struct StoryCopyJson {
    /// Article id.
    pub id: String,
    /// Source file.
    pub path: String,
    /// Headline.
    pub title: String,
    /// `YYYY-MM-DD` or null.
    pub date: Option<NaiveDate>,
    /// Canonical agency.
    pub agency: Option<String>,
    /// Who published it: the site of its URL, else its agency.
    pub outlet: Option<String>,
    /// Paragraphs it has that the lead has not.
    pub adds: usize,
    /// Paragraphs of the lead it has not.
    pub lacks: usize,
}

impl From<&StoryListing> for StoryJson {
    fn from(listing: &StoryListing) -> Self {
        StoryJson {
            id: listing.id.clone(),
            copies: listing
                .copies
                .iter()
                .map(|copy| StoryCopyJson {
                    id: copy.article.id.clone(),
                    path: copy.article.path.clone(),
                    title: copy.article.title.clone(),
                    date: copy.article.date,
                    agency: copy.article.agency.clone(),
                    outlet: copy.outlet.clone(),
                    adds: copy.difference.adds,
                    lacks: copy.difference.lacks,
                })
                .collect(),
        }
    }
}

/// A passage with highlight offsets.
#[derive(Debug, Serialize, Deserialize)]
pub struct SnippetJson {
    /// The passage.
    pub text: String,
    /// `[start, end)` byte offsets of matched words in `text`.
    pub highlights: Vec<[usize; 2]>,
    /// The same words as `[start, end)` character (Unicode code point) offsets: what
    /// slices `text` in Python, or any language that counts code points.
    #[serde(default)]
    pub char_highlights: Vec<[usize; 2]>,
}

impl From<&crate::search::Snippet> for SnippetJson {
    fn from(snippet: &crate::search::Snippet) -> Self {
        let text = &snippet.text;
        let chars = |byte: usize| text.get(..byte).map_or(0, |head| head.chars().count());
        SnippetJson {
            text: text.clone(),
            highlights: snippet.highlights.iter().map(|r| [r.start, r.end]).collect(),
            char_highlights: snippet
                .highlights
                .iter()
                .map(|r| {
                    let start = chars(r.start);
                    [start, start + text.get(r.clone()).map_or(0, |word| word.chars().count())]
                })
                .collect(),
        }
    }
}

/// A timeline: matching articles per period, empty periods included.
#[derive(Debug, Serialize, Deserialize)]
pub struct TimelineJson {
    /// `day`, `week`, `month` or `year`.
    pub interval: Interval,
    /// The periods from the first with an article to the last.
    pub periods: Vec<PeriodJson>,
    /// Matching articles without a date, which no period counts.
    pub undated: u64,
}

/// One period of a timeline.
#[derive(Debug, Serialize, Deserialize)]
pub struct PeriodJson {
    /// `2023-09-19`, `2023-W38`, `2023-09` or `2023`.
    pub period: String,
    /// First day of the period.
    pub start: NaiveDate,
    /// Matching articles in it.
    pub count: u64,
}

/// Counts of one facet field.
#[derive(Debug, Serialize, Deserialize)]
pub struct FacetJson {
    /// Distinct values among the matching articles.
    pub distinct: usize,
    /// Top values.
    pub values: Vec<FacetValueJson>,
}

/// One facet value.
#[derive(Debug, Serialize, Deserialize)]
pub struct FacetValueJson {
    /// The value.
    pub value: String,
    /// Matching articles with it.
    pub count: u64,
}

impl SearchJson {
    /// Builds the JSON document of a search.
    pub fn new(request: &SearchRequest, results: &SearchResults) -> SearchJson {
        SearchJson {
            query: request.query.clone(),
            filters: request.filters.clone(),
            sort: sort_name(request.sort).to_owned(),
            total: results.total,
            offset: request.offset,
            limit: request.limit,
            hits: results.hits.iter().map(HitJson::from).collect(),
            facets: results.facets.iter().map(|f| (f.spec.label(), f.into())).collect(),
            timeline: request.timeline.map(|interval| TimelineJson {
                interval,
                periods: results
                    .timeline
                    .iter()
                    .map(|p| PeriodJson { period: p.label.clone(), start: p.start, count: p.count })
                    .collect(),
                undated: (results.total as u64)
                    .saturating_sub(results.timeline.iter().map(|p| p.count).sum()),
            }),
            notes: results.notes.clone(),
            took_ms: results.took.as_secs_f64() * 1000.0,
            stories: results.stories,
        }
    }
}

/// The name of a sort order, as typed.
pub fn sort_name(sort: Sort) -> &'static str {
    match sort {
        Sort::Relevance => "relevance",
        Sort::Date => "date",
        Sort::OldestFirst => "-date",
    }
}

impl From<&Hit> for HitJson {
    fn from(hit: &Hit) -> Self {
        let a: &Article = &hit.article;
        HitJson {
            id: a.id.clone(),
            path: a.path.clone(),
            line: a.line,
            title: a.title.clone(),
            date: a.date,
            date_source: a.date_source,
            agency: a.agency.clone(),
            news_id: a.news_id.clone(),
            url: a.url.clone(),
            people: a.people.clone(),
            officials: a.officials.clone(),
            places: a.place_names().map(str::to_owned).collect(),
            countries: a.countries.clone(),
            story: a.story.clone(),
            added: a.added,
            score: hit.score,
            snippet: SnippetJson::from(&hit.snippet),
            copies: hit.copies.as_ref().map(|c| CopiesJson {
                count: c.count,
                outlets: c.outlets.clone(),
                first: c.span.map(|(first, _)| first),
                last: c.span.map(|(_, last)| last),
            }),
        }
    }
}

impl ProvenanceJson {
    /// What produced an export of `request` from the index at `index`, written `now`.
    pub fn new(
        command: &str,
        request: &SearchRequest,
        columns: Option<&[Column]>,
        index: &Path,
        version: IndexVersion,
        now: DateTime<Utc>,
    ) -> ProvenanceJson {
        ProvenanceJson {
            command: command.to_owned(),
            query: request.query.clone(),
            filters: request.filters.clone(),
            sort: sort_name(request.sort).to_owned(),
            fields: columns.unwrap_or_default().iter().map(|c| c.name().to_owned()).collect(),
            index: index.display().to_string(),
            schema_version: version.schema_version,
            index_commit: version.commit,
            index_articles: version.articles,
            newsdex_version: env!("CARGO_PKG_VERSION").to_owned(),
            created: now.to_rfc3339_opts(SecondsFormat::Secs, true),
        }
    }
}

/// The first line of an export written with `--provenance`: `{"newsdex_export": {…}}`.
#[derive(Debug, Serialize, Deserialize)]
pub struct ProvenanceLine<T> {
    /// What produced the export.
    pub newsdex_export: T,
}

/// What produced an export, so that it can be cited and run again.
#[derive(Debug, Serialize, Deserialize)]
pub struct ProvenanceJson {
    /// `search` or `export`.
    pub command: String,
    /// The query as given.
    pub query: String,
    /// The filters as given.
    pub filters: Filters,
    /// `relevance`, `date` or `-date`.
    pub sort: String,
    /// The columns of each line; empty for the command's own shape.
    pub fields: Vec<String>,
    /// The index folder searched.
    pub index: String,
    /// Version of the index schema.
    pub schema_version: u32,
    /// tantivy's stamp of the index's last commit: it changes whenever the index does.
    pub index_commit: u64,
    /// Articles in the index.
    pub index_articles: u64,
    /// Version of newsdex that wrote the export.
    pub newsdex_version: String,
    /// When the export was written, RFC 3339 in UTC.
    pub created: String,
}

impl From<&FacetResult> for FacetJson {
    fn from(f: &FacetResult) -> Self {
        FacetJson {
            distinct: f.distinct,
            values: f
                .values
                .iter()
                .map(|v| FacetValueJson { value: v.value.clone(), count: v.count })
                .collect(),
        }
    }
}

/// `newsdex stats --format json`.
#[derive(Debug, Serialize, Deserialize)]
pub struct StatsJson {
    /// Articles in the index.
    pub articles: usize,
    /// Articles with a date.
    pub dated: usize,
    /// Earliest date.
    pub first_date: Option<NaiveDate>,
    /// Latest date.
    pub last_date: Option<NaiveDate>,
    /// Top values by field name.
    pub facets: BTreeMap<String, FacetJson>,
}

impl From<&IndexStats> for StatsJson {
    fn from(stats: &IndexStats) -> Self {
        StatsJson {
            articles: stats.articles,
            dated: stats.dated,
            first_date: stats.first_date,
            last_date: stats.last_date,
            facets: stats.facets.iter().map(|f| (f.spec.label(), f.into())).collect(),
        }
    }
}

/// `newsdex check --format json`: what was read of a sound index.
#[derive(Debug, Serialize, Deserialize)]
pub struct CheckJson {
    /// The index folder.
    pub index: String,
    /// Always true: a damaged index is an error, exit code 2, not a report.
    pub sound: bool,
    /// Live articles, each read.
    pub articles: u64,
    /// Segments of the last commit.
    pub segments: usize,
    /// Facet values read from the dictionaries.
    pub facet_values: u64,
    /// Source files the index remembers.
    pub files: usize,
    /// The schema version of the index.
    pub schema_version: u32,
    /// How long the check took, in milliseconds.
    pub took_ms: f64,
}

impl CheckJson {
    /// The report of a check of the index at `path`.
    pub fn new(path: &Path, report: &CheckReport) -> CheckJson {
        CheckJson {
            index: path.display().to_string(),
            sound: true,
            articles: report.articles,
            segments: report.segments,
            facet_values: report.facet_values,
            files: report.files,
            schema_version: report.schema_version,
            took_ms: report.took.as_secs_f64() * 1000.0,
        }
    }
}

/// `newsdex entities --format json`.
#[derive(Debug, Serialize, Deserialize)]
pub struct EntitiesJson {
    /// `country`, `official`, `person`, `place` or `agency`.
    pub kind: String,
    /// Articles the query and filters match.
    pub articles: usize,
    /// Entities found in them; `entities` lists the first `--limit`.
    pub total: usize,
    /// The entities, in the order asked for.
    pub entities: Vec<EntityRowJson>,
    /// Things the user should know (a filter value that matched nothing).
    pub notes: Vec<String>,
}

/// One entity of `newsdex entities`.
#[derive(Debug, Serialize, Deserialize)]
pub struct EntityRowJson {
    /// The name, as the archive or the curation file spells it.
    pub name: String,
    /// Matching articles naming it.
    pub articles: u64,
    /// Earliest day among them.
    pub first_date: Option<NaiveDate>,
    /// Latest day among them.
    pub last_date: Option<NaiveDate>,
    /// The stored names it goes by, with their articles (empty when it is its one name).
    pub variants: Vec<FacetValueJson>,
    /// For a surname the archive cannot settle: the people it could be.
    pub ambiguous: Vec<String>,
    /// Officials: the roles named with them, most articles first.
    pub roles: Vec<EntityRoleJson>,
}

/// A role of an official in `newsdex entities`.
#[derive(Debug, Serialize, Deserialize)]
pub struct EntityRoleJson {
    /// The role ("Prime Minister"), when the text gives one.
    pub role: Option<String>,
    /// The country of the role, when known.
    pub country: Option<String>,
    /// Articles naming the official with it.
    pub articles: u64,
    /// Earliest day among them.
    pub first_date: Option<NaiveDate>,
    /// Latest day among them.
    pub last_date: Option<NaiveDate>,
}

impl From<&EntityListing> for EntitiesJson {
    fn from(listing: &EntityListing) -> Self {
        let first = |span: Span| span.dates.map(|(first, _)| first);
        let last = |span: Span| span.dates.map(|(_, last)| last);
        EntitiesJson {
            kind: listing.kind.name().to_owned(),
            articles: listing.articles,
            total: listing.total,
            entities: listing
                .entities
                .iter()
                .map(|e| EntityRowJson {
                    name: e.name.clone(),
                    articles: e.span.articles,
                    first_date: first(e.span),
                    last_date: last(e.span),
                    variants: e
                        .variants
                        .iter()
                        .map(|(value, count)| FacetValueJson {
                            value: value.clone(),
                            count: *count,
                        })
                        .collect(),
                    ambiguous: e.ambiguous.clone(),
                    roles: e
                        .roles
                        .iter()
                        .map(|r| EntityRoleJson {
                            role: r.role.clone(),
                            country: r.country.clone(),
                            articles: r.span.articles,
                            first_date: first(r.span),
                            last_date: last(r.span),
                        })
                        .collect(),
                })
                .collect(),
            notes: listing.notes.clone(),
        }
    }
}

/// `newsdex batch --format json`: the filters every query ran with, and one row per query.
#[derive(Debug, Serialize, Deserialize)]
pub struct BatchJson {
    /// The filters as given.
    pub filters: Filters,
    /// One summary per query, in the list's order.
    pub rows: Vec<BatchRowJson>,
}

/// What one query of a batch found.
#[derive(Debug, Serialize, Deserialize)]
pub struct BatchRowJson {
    /// The query as written in the list.
    pub query: String,
    /// Matching articles.
    pub hits: usize,
    /// Earliest date among them.
    pub first_date: Option<NaiveDate>,
    /// Latest date among them.
    pub last_date: Option<NaiveDate>,
    /// Top countries.
    pub countries: Vec<FacetValueJson>,
    /// Top officials.
    pub officials: Vec<FacetValueJson>,
    /// Top agencies.
    pub agencies: Vec<FacetValueJson>,
}

impl BatchJson {
    /// The JSON document of a batch.
    pub fn new(filters: &Filters, rows: &[QuerySummary]) -> BatchJson {
        let values = |values: &[FacetValue]| -> Vec<FacetValueJson> {
            values
                .iter()
                .map(|v| FacetValueJson { value: v.value.clone(), count: v.count })
                .collect()
        };
        BatchJson {
            filters: filters.clone(),
            rows: rows
                .iter()
                .map(|r| BatchRowJson {
                    query: r.query.clone(),
                    hits: r.hits,
                    first_date: r.first_date,
                    last_date: r.last_date,
                    countries: values(&r.countries),
                    officials: values(&r.officials),
                    agencies: values(&r.agencies),
                })
                .collect(),
        }
    }
}

/// What `newsdex serve` knows of one entity (an official, a person, a place, a country,
/// an agency): its articles over time, the roles it was named with, the entities most
/// often named with it, and its latest articles.
#[derive(Debug, Serialize, Deserialize)]
pub struct EntityJson {
    /// `country`, `official`, `person`, `place` or `agency`.
    pub field: String,
    /// The name as the index spells it (or as asked, when nothing matched).
    pub name: String,
    /// Articles naming it.
    pub total: usize,
    /// The roles it was named with, most frequent first (officials only), over the
    /// latest articles read for them.
    pub roles: Vec<RoleJson>,
    /// How many of its latest articles the roles were read from.
    pub roles_from: usize,
    /// Its articles per month.
    pub timeline: Option<TimelineJson>,
    /// Counts of the entities named with it, by field name.
    pub facets: BTreeMap<String, FacetJson>,
    /// Its latest articles.
    pub latest: Vec<HitJson>,
}

/// A role an official was named with, and how often.
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct RoleJson {
    /// The role ("Foreign Minister").
    pub role: String,
    /// The country the role is of, when known.
    pub country: Option<String>,
    /// Articles naming the official with it.
    pub count: u64,
}

/// An error of `newsdex serve`'s API: the one line the command line would print after
/// `newsdex: `.
#[derive(Debug, Serialize, Deserialize)]
pub struct ErrorJson {
    /// The message.
    pub error: String,
}

impl EntityJson {
    /// The entity's document from the search filtered by it (with a month timeline and
    /// facets) and the roles counted over its hits.
    pub fn new(
        field: &str,
        name: String,
        request: &SearchRequest,
        results: &SearchResults,
        roles: Vec<RoleJson>,
        latest: usize,
    ) -> EntityJson {
        let search = SearchJson::new(request, results);
        EntityJson {
            field: field.to_owned(),
            name,
            total: search.total,
            roles,
            roles_from: search.hits.len(),
            timeline: search.timeline,
            facets: search.facets,
            latest: search.hits.into_iter().take(latest).collect(),
        }
    }
}
