//! Stage 5, searching: a [`SearchRequest`] in, [`SearchResults`] out.
//!
//! This is the seam every way of answering a question goes through: the [`Engine`]
//! trait takes plain requests and gives plain results (no tantivy type crosses it), so
//! the command line, `newsdex bench` and a web server call an engine without knowing
//! which one, and a distributed engine can stand in for the local one. The local engine
//! ([`local::LocalEngine`]) answers from a tantivy index on disk: one pass over the
//! matching articles collects, together, the total, the page of hits, the facet counts
//! and the timeline, so every count is over all matching articles and agrees with what
//! the same filter would return. The query language (`query`), filter resolution
//! (`filter`) and facet counting (`facets`) are its parts.
//!
//! This module knows nothing of terminals or output formats: that is `present`'s job.

pub mod bench;
pub mod curation;
pub mod entities;
pub mod facets;
pub mod filter;
pub mod identity;
pub mod local;
pub mod query;
pub mod request;
pub mod snippet;
pub mod summary;
pub mod timeline;

use std::ops::Range;
use std::time::Duration;

use crate::error::Result;
use crate::extract::Article;
pub use local::LocalEngine;
pub use request::{day_range, AddedSince, FacetField, FacetSpec, Filters, SearchRequest, Sort};

/// A passage of an article's body with the matched words marked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippet {
    /// The passage.
    pub text: String,
    /// Byte ranges of `text` that matched the query.
    pub highlights: Vec<Range<usize>>,
}

/// Where a query's words are in one article: byte ranges of its title and of its body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    /// In the title.
    pub title: Vec<Range<usize>>,
    /// In the body.
    pub body: Vec<Range<usize>>,
}

/// One matching article.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Relevance score (0 when the query matches everything).
    pub score: f32,
    /// The article, every field.
    pub article: Article,
    /// The best passage.
    pub snippet: Snippet,
    /// With `collapse`: the story's other matching copies.
    pub copies: Option<Copies>,
}

/// The other matching copies of a collapsed hit's story.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Copies {
    /// How many.
    pub count: usize,
    /// Who published them (see [`crate::stories::outlet`]), in order of publication,
    /// each once.
    pub outlets: Vec<String>,
    /// The earliest and latest date among every matching copy, the hit's included.
    pub span: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
}

/// One value of a facet and how many matching articles have it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetValue {
    /// The value ("Iran", "2023").
    pub value: String,
    /// Matching articles with that value.
    pub count: u64,
}

/// Counts for one facet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetResult {
    /// The facet.
    pub spec: FacetSpec,
    /// How many distinct values the matching articles have.
    pub distinct: usize,
    /// The top values (by count; time facets in time order).
    pub values: Vec<FacetValue>,
}

/// What a search found.
#[derive(Debug, Clone)]
pub struct SearchResults {
    /// Matching articles in all.
    pub total: usize,
    /// The requested page of hits.
    pub hits: Vec<Hit>,
    /// Counts per requested facet field, in the requested order.
    pub facets: Vec<FacetResult>,
    /// Matching articles per period, when a timeline was asked for.
    pub timeline: Vec<timeline::Period>,
    /// Things the user should know (a filter value that matched nothing).
    pub notes: Vec<String>,
    /// Time spent searching.
    pub took: Duration,
    /// With `collapse`: the distinct stories among the matching articles.
    pub stories: Option<usize>,
}

/// What answers searches: the local index, or another engine behind the same seam.
pub trait Engine {
    /// Runs one search.
    fn search(&self, request: &SearchRequest) -> Result<SearchResults>;

    /// The articles stored under an id, or under a file's path (every article of a JSON
    /// Lines file), in index order; empty when there are none.
    fn find(&self, id_or_path: &str) -> Result<Vec<Article>>;

    /// Articles like the one with `id` ("more like this"), the article itself left out;
    /// `None` when no article has that id.
    fn similar(&self, id: &str, limit: usize) -> Result<Option<SearchResults>>;

    /// Every article the request matches, in its order, handed to `each` one at a time,
    /// so a whole result set goes out in the memory of its sort keys, not of its
    /// articles. The page (`limit`, `offset`), facets and timeline are not computed.
    fn for_each_hit(
        &self,
        request: &SearchRequest,
        each: &mut dyn FnMut(Hit) -> Result<()>,
    ) -> Result<Streamed>;

    /// Every article of a story, by the story's id or the id of any of its articles, in
    /// index order; empty when no article has that id.
    fn story(&self, id: &str) -> Result<Vec<Article>>;
}

/// A story and every copy of it: what `newsdex story ID` prints.
#[derive(Debug, Clone)]
pub struct StoryListing {
    /// The story's id: its lead's.
    pub id: String,
    /// The copies, the lead first, then in order of publication.
    pub copies: Vec<StoryCopy>,
}

/// One copy of a story, set against the story's lead.
#[derive(Debug, Clone)]
pub struct StoryCopy {
    /// The article.
    pub article: Article,
    /// Who published it.
    pub outlet: Option<String>,
    /// How it differs from the lead.
    pub difference: crate::stories::Difference,
}

/// Every copy of the story `id` (a story's id or one of its articles'), compared with the
/// story's lead; `None` when no article has that id.
pub fn story_listing(engine: &dyn Engine, id: &str) -> Result<Option<StoryListing>> {
    let mut articles = engine.story(id)?;
    articles.sort_by(|a, b| {
        crate::stories::lead_order((a.date, a.id.as_str()), (b.date, b.id.as_str()))
    });
    let Some(lead) = articles.first().cloned() else { return Ok(None) };
    let copies = articles
        .into_iter()
        .map(|article| StoryCopy {
            outlet: crate::stories::outlet(&article),
            difference: crate::stories::Difference::between(&lead.body, &article.body),
            article,
        })
        .collect();
    Ok(Some(StoryListing { id: lead.story.unwrap_or(lead.id), copies }))
}

/// What streaming a whole result set found, besides the hits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Streamed {
    /// Matching articles in all.
    pub total: usize,
    /// Things the user should know (a filter value that matched nothing).
    pub notes: Vec<String>,
}

/// What `newsdex stats` reports.
#[derive(Debug, Clone)]
pub struct IndexStats {
    /// Articles in the index.
    pub articles: usize,
    /// Articles with a date.
    pub dated: usize,
    /// Earliest date.
    pub first_date: Option<chrono::NaiveDate>,
    /// Latest date.
    pub last_date: Option<chrono::NaiveDate>,
    /// Top values of every facet field.
    pub facets: Vec<FacetResult>,
}

/// Counts, date span and top facet values of the whole index, from three searches any
/// engine answers.
pub fn stats(engine: &dyn Engine, facet_limit: usize) -> Result<IndexStats> {
    let everything = SearchRequest {
        // Every facet but months, which a whole archive has too many of to list.
        facets: FacetField::ALL
            .into_iter()
            .filter(|f| *f != FacetField::Month)
            .map(FacetSpec::from)
            .collect(),
        facet_limit,
        limit: 1,
        sort: Sort::Date,
        ..SearchRequest::default()
    };
    let all = engine.search(&everything)?;
    let oldest = engine.search(&SearchRequest { sort: Sort::OldestFirst, ..everything.clone() })?;
    let dated = SearchRequest {
        filters: Filters {
            from: Some(chrono::NaiveDate::MIN),
            to: Some(chrono::NaiveDate::MAX),
            ..Filters::default()
        },
        limit: 0,
        ..SearchRequest::default()
    };
    let first_date = |results: &SearchResults| results.hits.first().and_then(|h| h.article.date);
    Ok(IndexStats {
        articles: all.total,
        dated: engine.search(&dated)?.total,
        first_date: first_date(&oldest),
        last_date: first_date(&all),
        facets: all.facets,
    })
}
