//! Stage 5, searching: a [`SearchRequest`] in, [`SearchResults`] out.
//!
//! One pass over the matching articles collects, together, the total, the page of hits
//! and the facet counts, so every count is over all matching articles and agrees with
//! what the same filter would return. This module knows nothing of terminals or output
//! formats: that is `present`'s job.

pub mod filter;
pub mod query;
pub mod request;

use std::ops::Range;
use std::time::{Duration, Instant};

use tantivy::collector::{Count, FacetCollector, FacetCounts, MultiCollector, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::schema::Facet;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, DocId, Score, SegmentReader, TantivyDocument};

use crate::error::Result;
use crate::extract::Article;
use crate::index::{document, NewsIndex};
pub use request::{FacetField, Filters, SearchRequest, Sort};

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

/// Counts for one facet field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetResult {
    /// The field.
    pub field: FacetField,
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
    /// Things the user should know (a filter value that matched nothing).
    pub notes: Vec<String>,
    /// Time spent searching.
    pub took: Duration,
}

/// Characters in a snippet.
const SNIPPET_CHARS: usize = 220;

/// Runs a search on an open index.
pub fn search(index: &NewsIndex, request: &SearchRequest) -> Result<SearchResults> {
    let started = Instant::now();
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let schema = index.schema();

    let text_query = query::parse(index.tantivy(), schema, &request.query)?;
    let filter::FilterQuery { query: filter_query, notes } =
        filter::build(&searcher, schema, &request.filters)?;
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
        .map(|&field| {
            let name = schema.schema.get_field_name(filter::facet_field(schema, field));
            let mut collector = FacetCollector::for_field(name);
            collector.add_facet(Facet::root());
            (field, collectors.add_collector(collector))
        })
        .collect();

    let mut fruits = searcher.search(&full_query, &collectors)?;
    let total = count_handle.extract(&mut fruits);
    let page = top_handle.map(|h| h.extract(&mut fruits)).unwrap_or_default();
    let facets = facet_handles
        .into_iter()
        .map(|(field, handle)| {
            facet_result(field, &handle.extract(&mut fruits), request.facet_limit)
        })
        .collect();

    let snippets =
        SnippetGenerator::create(&searcher, &*text_query, schema.body).map(|mut g| {
            g.set_max_num_chars(SNIPPET_CHARS);
            g
        })?;
    let mut hits = Vec::with_capacity(page.len());
    for ((first, second), address) in page {
        let score = if request.sort == Sort::Relevance { first } else { second } as f32;
        let doc: TantivyDocument = searcher.doc(address)?;
        let article = document::to_article(schema, &doc);
        let snippet = snippet_for(&snippets, &article.body);
        hits.push(Hit { score, article, snippet });
    }
    Ok(SearchResults { total, hits, facets, notes, took: started.elapsed() })
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

fn facet_result(field: FacetField, counts: &FacetCounts, limit: usize) -> FacetResult {
    let mut values: Vec<FacetValue> = counts
        .get(Facet::root())
        .map(|(facet, count)| FacetValue {
            value: document::facet_leaf(facet.encoded_str()),
            count,
        })
        .collect();
    let distinct = values.len();
    if field.is_temporal() {
        values.sort_by(|a, b| a.value.cmp(&b.value));
    } else {
        values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    }
    values.truncate(limit);
    FacetResult { field, distinct, values }
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

/// The facets `stats` lists.
const STATS_FACETS: [FacetField; 6] = [
    FacetField::Country,
    FacetField::Official,
    FacetField::Person,
    FacetField::Place,
    FacetField::Agency,
    FacetField::Year,
];

/// Counts, date span and top facet values of the whole index.
pub fn stats(index: &NewsIndex, facet_limit: usize) -> Result<IndexStats> {
    let everything = SearchRequest {
        facets: STATS_FACETS.to_vec(),
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
