//! Stage 5, searching: a [`SearchRequest`] in, [`SearchResults`] out.
//!
//! One pass over the matching articles collects, together, the total, the page of hits
//! and the facet counts, so every count is over all matching articles and agrees with
//! what the same filter would return. This module knows nothing of terminals or output
//! formats: that is `present`'s job.

pub mod facets;
pub mod filter;
pub mod query;
pub mod request;
pub mod timeline;

use std::ops::Range;
use std::time::{Duration, Instant};

use tantivy::collector::{Count, DocSetCollector, MultiCollector, TopDocs};
use tantivy::query::{BooleanQuery, MoreLikeThisQuery, Occur, Query, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption, OwnedValue, Term};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentReader, TantivyDocument, TantivyError};

use crate::error::{Error, Result};
use crate::extract::entities::canonical_country;
use crate::extract::Article;
use crate::index::{document, NewsIndex, NewsSchema};
use facets::{FacetCounter, FacetTally};
pub use request::{day_range, FacetField, FacetSpec, Filters, SearchRequest, Sort};

/// A passage of an article's body with the matched words marked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippet {
    /// The passage.
    pub text: String,
    /// Byte ranges of `text` that matched the query.
    pub highlights: Vec<Range<usize>>,
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
}

/// Characters in a snippet.
const SNIPPET_CHARS: usize = 220;

/// Runs a search on an open index.
pub fn search(index: &NewsIndex, request: &SearchRequest) -> Result<SearchResults> {
    let reader = index.reader()?;
    search_with(index, &reader.searcher(), request)
}

/// Runs a search with a searcher the caller keeps, so repeated searches (a benchmark, a
/// server) open the index once.
pub fn search_with(
    index: &NewsIndex,
    searcher: &Searcher,
    request: &SearchRequest,
) -> Result<SearchResults> {
    let started = Instant::now();
    let schema = index.schema();

    let query::ParsedQuery { query: text_query, notes: query_notes } =
        query::parse(index.tantivy(), searcher, schema, &request.query)?;
    let filter::FilterQuery { query: filter_query, mut notes } =
        filter::build(searcher, schema, &request.filters)?;
    notes.extend(query_notes);
    let full_query: Box<dyn Query> = match filter_query {
        Some(filter) => Box::new(BooleanQuery::new(vec![
            (Occur::Must, text_query.box_clone()),
            (Occur::Must, filter),
        ])),
        None => text_query.box_clone(),
    };

    let mut collectors = MultiCollector::new();
    let count_handle = collectors.add_collector(Count);
    let top_handle = (request.limit > 0)
        .then(|| collectors.add_collector(top_docs(request.sort, request.limit, request.offset)));
    let facet_handles: Vec<_> = request
        .facets
        .iter()
        .map(|spec| {
            let counter = match &spec.within {
                // Places under a country live in the place tree: /Iran/Tehran.
                Some(country) => {
                    let country = canonical_country(country).unwrap_or(country);
                    FacetCounter::children_of(
                        schema.schema.get_field_name(schema.place_tree),
                        &Facet::from_path([country]),
                    )
                }
                None => FacetCounter::top_level(
                    schema.schema.get_field_name(filter::facet_field(schema, spec.field)),
                ),
            };
            (spec, collectors.add_collector(counter))
        })
        .collect();
    let timeline_handle = request.timeline.map(|_| collectors.add_collector(timeline::DayCounts));

    // Some queries name their field only when they run (`a:*`, "has field a").
    let mut fruits = searcher.search(&full_query, &collectors).map_err(|err| match err {
        TantivyError::FieldNotFound(field) => query::unknown_field(&field, &request.query),
        // `title:*` (has any value) needs a fast field.
        TantivyError::SchemaError(detail) => Error::Query(format!(
            "bad query: cannot run `{}`: {}",
            request.query,
            detail.trim_end_matches('.')
        )),
        other => Error::Tantivy(other),
    })?;
    let total = count_handle.extract(&mut fruits);
    let page = top_handle.map(|h| h.extract(&mut fruits)).unwrap_or_default();
    let facets = facet_handles
        .into_iter()
        .map(|(spec, handle)| facet_result(spec, handle.extract(&mut fruits), request.facet_limit))
        .collect();
    let timeline = match (timeline_handle, request.timeline) {
        (Some(handle), Some(interval)) => timeline::periods(&handle.extract(&mut fruits), interval),
        _ => Vec::new(),
    };

    let scored = page.into_iter().map(|((first, second), address)| {
        let score = if request.sort == Sort::Relevance { first } else { second };
        (score as f32, address)
    });
    let hits = load_hits(searcher, schema, &*text_query, scored)?;
    Ok(SearchResults { total, hits, facets, timeline, notes, took: started.elapsed() })
}

/// Loads the articles of a page of hits, with the best passage of each for `query`.
fn load_hits(
    searcher: &Searcher,
    schema: &NewsSchema,
    query: &dyn Query,
    page: impl Iterator<Item = (f32, DocAddress)>,
) -> Result<Vec<Hit>> {
    let mut snippets = SnippetGenerator::create(searcher, query, schema.body)?;
    snippets.set_max_num_chars(SNIPPET_CHARS);
    page.map(|(score, address)| {
        let doc: TantivyDocument = searcher.doc(address)?;
        let article = document::to_article(schema, &doc);
        let snippet = snippet_for(&snippets, &article.body);
        Ok(Hit { score, article, snippet })
    })
    .collect()
}

/// The articles stored under an id, or under a file's path (all articles of a JSON
/// Lines file), in index order.
pub fn find(index: &NewsIndex, id_or_path: &str) -> Result<Vec<Article>> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let schema = index.schema();
    let mut terms = vec![Term::from_field_text(schema.id, id_or_path)];
    if let Ok(path) = std::fs::canonicalize(id_or_path) {
        terms.push(Term::from_field_text(schema.path, &path.to_string_lossy()));
    }
    terms.push(Term::from_field_text(schema.path, id_or_path));
    for term in terms {
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        let mut addresses: Vec<DocAddress> =
            searcher.search(&query, &DocSetCollector)?.into_iter().collect();
        if addresses.is_empty() {
            continue;
        }
        addresses.sort();
        return addresses
            .into_iter()
            .map(|address| {
                let doc: TantivyDocument = searcher.doc(address)?;
                Ok(document::to_article(schema, &doc))
            })
            .collect();
    }
    Ok(Vec::new())
}

/// Articles like the one with `id`, by the words of its title and body ("more like
/// this"); the article itself is left out. `None` when no article has that id.
pub fn similar(index: &NewsIndex, id: &str, limit: usize) -> Result<Option<SearchResults>> {
    let started = Instant::now();
    let Some(article) = find(index, id)?.into_iter().find(|a| a.id == id) else {
        return Ok(None);
    };
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let schema = index.schema();
    let like_this = MoreLikeThisQuery::builder()
        .with_min_doc_frequency(1)
        .with_min_term_frequency(1)
        .with_max_query_terms(40)
        .with_min_word_length(3)
        .with_document_fields(vec![
            (schema.title, vec![OwnedValue::Str(article.title.clone())]),
            (schema.body, vec![OwnedValue::Str(article.body.clone())]),
        ]);
    let itself: Box<dyn Query> =
        Box::new(TermQuery::new(Term::from_field_text(schema.id, id), IndexRecordOption::Basic));
    let query = BooleanQuery::new(vec![
        (Occur::Must, Box::new(like_this) as Box<dyn Query>),
        (Occur::MustNot, itself),
    ]);
    let (total, page) =
        searcher.search(&query, &(Count, TopDocs::with_limit(limit.max(1)).order_by_score()))?;
    let hits = load_hits(&searcher, schema, &query, page.into_iter())?;
    Ok(Some(SearchResults {
        total,
        hits,
        facets: Vec::new(),
        timeline: Vec::new(),
        notes: Vec::new(),
        took: started.elapsed(),
    }))
}

/// The sort key of a hit, largest first: relevance with newer dates breaking ties, or
/// date with relevance breaking ties. Undated articles sort last in date orders.
type SortKey = (f64, f64);

fn top_docs(
    sort: Sort,
    limit: usize,
    offset: usize,
) -> impl tantivy::collector::Collector<Fruit = Vec<(SortKey, DocAddress)>> {
    TopDocs::with_limit(limit).and_offset(offset).tweak_score(move |segment: &SegmentReader| {
        let dates = segment.fast_fields().date("date").ok();
        move |doc: DocId, score: Score| {
            let secs = dates
                .as_ref()
                .and_then(|column| column.first(doc))
                .map(|date| date.into_timestamp_secs() as f64);
            let score = f64::from(score);
            match sort {
                Sort::Relevance => (score, secs.unwrap_or(f64::MIN)),
                Sort::Date => (secs.unwrap_or(f64::MIN), score),
                Sort::OldestFirst => (secs.map_or(f64::MIN, |s| -s), score),
            }
        }
    })
}

fn facet_result(spec: &FacetSpec, tally: FacetTally, limit: usize) -> FacetResult {
    let mut values: Vec<FacetValue> =
        tally.into_iter().map(|(value, count)| FacetValue { value, count }).collect();
    let distinct = values.len();
    if spec.field.is_temporal() {
        values.sort_by(|a, b| a.value.cmp(&b.value));
    } else {
        values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    }
    values.truncate(limit);
    FacetResult { spec: spec.clone(), distinct, values }
}

fn snippet_for(generator: &SnippetGenerator, body: &str) -> Snippet {
    let found = generator.snippet(body);
    if !found.is_empty() && !found.highlighted().is_empty() {
        return Snippet {
            text: found.fragment().to_owned(),
            highlights: found.highlighted().to_vec(),
        };
    }
    // Nothing to highlight (a filter-only search): the opening of the article.
    let end = body
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .take_while(|&end| end <= SNIPPET_CHARS)
        .last()
        .unwrap_or(0);
    let cut = body[..end].rfind(char::is_whitespace).filter(|_| end < body.len()).unwrap_or(end);
    Snippet { text: body[..cut].trim_end().to_owned(), highlights: Vec::new() }
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

/// Counts, date span and top facet values of the whole index.
pub fn stats(index: &NewsIndex, facet_limit: usize) -> Result<IndexStats> {
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
    let all = search(index, &everything)?;
    let oldest = search(index, &SearchRequest { sort: Sort::OldestFirst, ..everything.clone() })?;
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
        dated: search(index, &dated)?.total,
        first_date: first_date(&oldest),
        last_date: first_date(&all),
        facets: all.facets,
    })
}
