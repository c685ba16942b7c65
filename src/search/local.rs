//! The local engine: answers an [`Engine`]'s questions from a tantivy index on disk.
//!
//! It keeps one [`IndexReader`] open, so repeated searches (a benchmark, a server) open
//! the index once; [`LocalEngine::reload`] makes it see commits made since. A search is
//! one pass of tantivy collectors over the matching documents: count, top hits, facet
//! counters and the day counts of a timeline together.

use std::time::Instant;

use tantivy::collector::{Count, DocSetCollector, MultiCollector, TopDocs};
use tantivy::query::{BooleanQuery, MoreLikeThisQuery, Occur, Query, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption, OwnedValue, Term};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, DocId, IndexReader, Score, Searcher, SegmentReader, TantivyError};

use std::sync::Arc;

use super::curation::Curation;
use super::entities::{self, EntitiesRequest, EntityListing};
use super::facets::{FacetCounter, FacetTally};
use super::identity::{Identity, People};
use rustc_hash::FxHashMap;

use super::{
    filter, query, snippet, timeline, Copies, Engine, FacetField, FacetResult, FacetSpec,
    FacetValue, Hit, Marks, SearchRequest, SearchResults, Sort, Streamed,
};
use crate::error::{Error, Result};
use crate::extract::entities::canonical_country;
use crate::extract::Article;
use crate::index::{NewsIndex, NewsSchema, StoredDocs};
use crate::stories;

/// An open index and a reader on it.
pub struct LocalEngine {
    index: NewsIndex,
    reader: IndexReader,
    people: People,
}

impl LocalEngine {
    /// Opens the index at `path` for searching.
    pub fn open(path: &std::path::Path) -> Result<LocalEngine> {
        LocalEngine::new(NewsIndex::open(path)?)
    }

    /// An engine on an index already open.
    pub fn new(index: NewsIndex) -> Result<LocalEngine> {
        let reader = index.reader()?;
        Ok(LocalEngine { index, reader, people: People::default() })
    }

    /// The same engine, with people seen through the user's curation file.
    pub fn with_curation(self, curation: Curation) -> LocalEngine {
        LocalEngine { people: People::new(curation), ..self }
    }

    /// The index searched.
    pub fn index(&self) -> &NewsIndex {
        &self.index
    }

    /// Every word of `query` in `article`'s title and body, marked as a search marks its
    /// passage (what `newsdex show --query` prints).
    pub fn marks(&self, query: &str, article: &Article) -> Result<Marks> {
        let searcher = self.reader.searcher();
        let schema = self.index.schema();
        let parsed = query::parse(self.index.tantivy(), &searcher, schema, &self.people, query)?;
        Ok(Marks {
            title: snippet::marks(&searcher, &*parsed.query, schema.title, &article.title)?,
            body: snippet::marks(&searcher, &*parsed.query, schema.body, &article.body)?,
        })
    }

    /// Lists the entities of the articles a query and filters match (`newsdex
    /// entities`): a local index's own listing, which reads roles from its documents.
    pub fn entities(&self, request: &EntitiesRequest) -> Result<EntityListing> {
        self.index.guarded(|| {
            let searcher = self.reader.searcher();
            let search = SearchRequest {
                query: request.query.clone(),
                filters: request.filters.clone(),
                ..SearchRequest::default()
            };
            let Built { full_query, notes, .. } =
                build_query(&self.index, &searcher, &self.people, &search)?;
            let schema = self.index.schema();
            entities::list(&searcher, schema, &self.people, &*full_query, request, notes)
        })
    }

    /// Makes later searches see what was committed since the engine was opened.
    pub fn reload(&self) -> Result<()> {
        Ok(self.reader.reload()?)
    }
}

impl Engine for LocalEngine {
    // Every read of the index is guarded: damage to it is a clear error, not a panic.
    fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        self.index
            .guarded(|| search_with(&self.index, &self.reader.searcher(), &self.people, request))
    }

    fn find(&self, id_or_path: &str) -> Result<Vec<Article>> {
        self.index.guarded(|| find(&self.index, &self.reader.searcher(), id_or_path))
    }

    fn similar(&self, id: &str, limit: usize) -> Result<Option<SearchResults>> {
        self.index.guarded(|| similar(self, id, limit))
    }

    fn for_each_hit(
        &self,
        request: &SearchRequest,
        each: &mut dyn FnMut(Hit) -> Result<()>,
    ) -> Result<Streamed> {
        self.index.guarded(|| {
            for_each_hit(&self.index, &self.reader.searcher(), &self.people, request, each)
        })
    }

    fn story(&self, id: &str) -> Result<Vec<Article>> {
        self.index.guarded(|| story(&self.index, &self.reader.searcher(), id))
    }
}

/// Runs a search with the engine's current searcher.
fn search_with(
    index: &NewsIndex,
    searcher: &Searcher,
    people: &People,
    request: &SearchRequest,
) -> Result<SearchResults> {
    let started = Instant::now();
    let schema = index.schema();
    let Built { text_query, full_query, notes } = build_query(index, searcher, people, request)?;

    let mut collectors = MultiCollector::new();
    let count_handle = collectors.add_collector(Count);
    let date_field = schema.name(schema.date);
    // tantivy reserves room for the whole page up front: a page is never longer than the
    // index, however large a limit the user asks for.
    let articles = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
    let (limit, offset) = (request.limit.min(articles), request.offset.min(articles));
    let top_handle = (limit > 0 && offset < articles && !request.collapse)
        .then(|| collectors.add_collector(top_docs(date_field, request.sort, limit, offset)));
    let story_handle = request.collapse.then(|| {
        collectors.add_collector(StoryMatches {
            date_field,
            story_field: schema.name(schema.story),
            sort: request.sort,
        })
    });
    let mut identities: Vec<(FacetField, Arc<Identity>)> = Vec::new();
    let facet_handles: Vec<_> = request
        .facets
        .iter()
        .map(|spec| {
            let counter = match &spec.within {
                // Places under a country live in the place tree: /Iran/Tehran.
                Some(country) => {
                    let country = canonical_country(country).unwrap_or(country);
                    FacetCounter::children_of(
                        schema.name(schema.place_tree),
                        &Facet::from_path([country]),
                    )
                }
                None if spec.field.is_people() => {
                    let field = schema.facet(spec.field);
                    let people = people.of(searcher, schema, spec.field)?;
                    identities.push((spec.field, Arc::clone(&people)));
                    FacetCounter::people(schema.name(field), people)
                }
                None => FacetCounter::top_level(schema.name(schema.facet(spec.field))),
            };
            Ok((spec, collectors.add_collector(counter)))
        })
        .collect::<Result<_>>()?;
    let timeline_handle = request
        .timeline
        .map(|_| collectors.add_collector(timeline::DayCounts { field: date_field }));

    let mut fruits =
        searcher.search(&full_query, &collectors).map_err(|err| run_error(err, request))?;
    let total = count_handle.extract(&mut fruits);
    let page = top_handle.map(|h| h.extract(&mut fruits)).unwrap_or_default();
    let facets: Vec<FacetResult> = facet_handles
        .into_iter()
        .map(|(spec, handle)| facet_result(spec, handle.extract(&mut fruits), request.facet_limit))
        .collect();
    let mut notes = notes;
    for facet in facets.iter().filter(|f| f.spec.within.is_none()) {
        let Some((_, people)) = identities.iter().find(|(field, _)| *field == facet.spec.field)
        else {
            continue;
        };
        notes.extend(ambiguity_notes(facet, people));
    }
    let timeline = match (timeline_handle, request.timeline) {
        (Some(handle), Some(interval)) => timeline::periods(&handle.extract(&mut fruits), interval),
        _ => Vec::new(),
    };

    let (hits, stories) = match story_handle {
        Some(handle) => {
            let (stories, hits) =
                collapsed(searcher, schema, request, &*text_query, handle.extract(&mut fruits))?;
            (hits, Some(stories))
        }
        None => {
            let scored =
                page.into_iter().map(|(key, address)| (score_of(request.sort, key), address));
            (load_hits(&StoredDocs::new(searcher), schema, &*text_query, scored)?, None)
        }
    };
    Ok(SearchResults { total, hits, facets, timeline, notes, took: started.elapsed(), stories })
}

/// One hit per story: the stories of every match, ordered by their best match, paged;
/// each shown by its earliest matching copy, with the others counted. Returns the number
/// of stories and the page.
fn collapsed(
    searcher: &Searcher,
    schema: &NewsSchema,
    request: &SearchRequest,
    query: &dyn Query,
    matches: Vec<(SortKey, DocAddress, String)>,
) -> Result<(usize, Vec<Hit>)> {
    let mut by_story: FxHashMap<String, Vec<(SortKey, DocAddress)>> = FxHashMap::default();
    for (key, address, story) in matches {
        by_story.entry(story).or_default().push((key, address));
    }
    let mut stories: Vec<Vec<(SortKey, DocAddress)>> = by_story.into_values().collect();
    for copies in &mut stories {
        copies.sort_by(|a, b| match_order(*a, *b));
    }
    stories.sort_by(|a, b| match_order(a[0], b[0]));
    let total = stories.len();
    let docs = StoredDocs::new(searcher);
    let mut hits = Vec::new();
    for copies in stories.into_iter().skip(request.offset).take(request.limit) {
        let articles = copies
            .iter()
            .map(|&(_, address)| docs.article(schema, address))
            .collect::<Result<Vec<Article>>>()?;
        let mut order: Vec<usize> = (0..articles.len()).collect();
        order.sort_by(|&a, &b| {
            let key = |i: usize| (articles[i].date, articles[i].id.as_str());
            stories::lead_order(key(a), key(b))
        });
        let lead = order[0];
        let (key, address) = copies[lead];
        let mut outlets: Vec<String> = Vec::new();
        for &i in &order[1..] {
            if let Some(outlet) = stories::outlet(&articles[i]) {
                if !outlets.contains(&outlet) {
                    outlets.push(outlet);
                }
            }
        }
        let dates = articles.iter().filter_map(|a| a.date);
        let span = dates.clone().min().zip(dates.max());
        let mut hit = load_hits(
            &docs,
            schema,
            query,
            std::iter::once((score_of(request.sort, key), address)),
        )?
        .pop()
        .ok_or_else(|| Error::from(TantivyError::InternalError("a hit vanished".into())))?;
        hit.copies = Some(Copies { count: articles.len() - 1, outlets, span });
        hits.push(hit);
    }
    Ok((total, hits))
}

/// The order of a page of hits: key first, then index order.
fn match_order(a: (SortKey, DocAddress), b: (SortKey, DocAddress)) -> std::cmp::Ordering {
    b.0 .0.total_cmp(&a.0 .0).then(b.0 .1.total_cmp(&a.0 .1)).then(a.1.cmp(&b.1))
}

/// Every match with its sort key and its story: what a collapsed search groups. Memory
/// holds a match's key and its story's id, never an article.
struct StoryMatches {
    date_field: &'static str,
    story_field: &'static str,
    sort: Sort,
}

/// [`StoryMatches`] for one segment.
struct SegmentStoryMatches {
    inner: SegmentMatches,
    stories: Option<tantivy::columnar::StrColumn>,
    ords: Vec<u64>,
}

impl tantivy::collector::Collector for StoryMatches {
    type Fruit = Vec<(SortKey, DocAddress, String)>;
    type Child = SegmentStoryMatches;

    fn for_segment(
        &self,
        segment: tantivy::SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentStoryMatches> {
        let all = AllMatches { date_field: self.date_field, sort: self.sort };
        let stories = reader.fast_fields().str(self.story_field)?;
        Ok(SegmentStoryMatches {
            inner: all.for_segment(segment, reader)?,
            stories,
            ords: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.sort == Sort::Relevance
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl tantivy::collector::SegmentCollector for SegmentStoryMatches {
    type Fruit = Vec<(SortKey, DocAddress, String)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.inner.collect(doc, score);
        let ord = self.stories.as_ref().and_then(|c| c.term_ords(doc).next());
        self.ords.push(ord.unwrap_or(u64::MAX));
    }

    fn harvest(self) -> Self::Fruit {
        // Every story named once, in one pass over the segment's dictionary.
        let mut wanted: Vec<u64> = self.ords.iter().copied().filter(|&o| o != u64::MAX).collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut names: Vec<String> = Vec::with_capacity(wanted.len());
        if let Some(column) = &self.stories {
            let _ = column.dictionary().sorted_ords_to_term_cb(&wanted, |bytes| {
                names.push(String::from_utf8_lossy(bytes).into_owned());
            });
        }
        let found = self.inner.harvest();
        found
            .into_iter()
            .zip(self.ords)
            .map(|((key, address), ord)| {
                // An article without a story (or one the dictionary lacks) is its own.
                let story = wanted
                    .binary_search(&ord)
                    .ok()
                    .and_then(|i| names.get(i).cloned())
                    .unwrap_or_else(|| format!("{address:?}"));
                (key, address, story)
            })
            .collect()
    }
}

/// Every article of the story `id`, or of the story of the article with the id `id`.
fn story(index: &NewsIndex, searcher: &Searcher, id: &str) -> Result<Vec<Article>> {
    let schema = index.schema();
    let term = |field, value: &str| {
        TermQuery::new(Term::from_field_text(field, value), IndexRecordOption::Basic)
    };
    let mut addresses: Vec<DocAddress> =
        searcher.search(&term(schema.story, id), &DocSetCollector)?.into_iter().collect();
    if addresses.is_empty() {
        let of_article = find(index, searcher, id)?.into_iter().find(|a| a.id == id);
        let Some(story_id) = of_article.and_then(|a| a.story) else { return Ok(Vec::new()) };
        addresses = searcher
            .search(&term(schema.story, &story_id), &DocSetCollector)?
            .into_iter()
            .collect();
    }
    addresses.sort();
    StoredDocs::new(searcher).articles(schema, addresses)
}

/// A request's query: the user's text alone (for snippets), and with the filters.
struct Built {
    text_query: Box<dyn Query>,
    full_query: Box<dyn Query>,
    notes: Vec<String>,
}

fn build_query(
    index: &NewsIndex,
    searcher: &Searcher,
    people: &People,
    request: &SearchRequest,
) -> Result<Built> {
    let schema = index.schema();
    let query::ParsedQuery { query: text_query, notes: query_notes } =
        query::parse(index.tantivy(), searcher, schema, people, &request.query)?;
    let filter::FilterQuery { query: filter_query, mut notes } =
        filter::build(searcher, schema, people, &request.filters)?;
    notes.extend(query_notes);
    let full_query: Box<dyn Query> = match filter_query {
        Some(filter) => Box::new(BooleanQuery::new(vec![
            (Occur::Must, text_query.box_clone()),
            (Occur::Must, filter),
        ])),
        None => text_query.box_clone(),
    };
    Ok(Built { text_query, full_query, notes })
}

/// The error of a query that fails only when it runs: some name their field only then
/// (`a:*`, "has field a"), and `title:*` (has any value) needs a fast field.
fn run_error(err: TantivyError, request: &SearchRequest) -> Error {
    match err {
        TantivyError::FieldNotFound(field) => query::unknown_field(&field, &request.query),
        TantivyError::SchemaError(detail) => Error::query(format!(
            "bad query: cannot run `{}`: {}",
            request.query,
            detail.trim_end_matches('.')
        )),
        other => other.into(),
    }
}

/// Hits loaded and handed on at a time when a whole result set streams.
const STREAM_BATCH: usize = 256;

/// Streams every match of `request`, in its order, to `each`.
fn for_each_hit(
    index: &NewsIndex,
    searcher: &Searcher,
    people: &People,
    request: &SearchRequest,
    each: &mut dyn FnMut(Hit) -> Result<()>,
) -> Result<Streamed> {
    let schema = index.schema();
    let Built { text_query, full_query, notes } = build_query(index, searcher, people, request)?;
    let collector = AllMatches { date_field: schema.name(schema.date), sort: request.sort };
    let mut matches =
        searcher.search(&full_query, &collector).map_err(|err| run_error(err, request))?;
    matches.sort_by(|a, b| match_order(*a, *b));
    let docs = StoredDocs::new(searcher);
    for chunk in matches.chunks(STREAM_BATCH) {
        let scored = chunk.iter().map(|&(key, address)| (score_of(request.sort, key), address));
        for hit in load_hits(&docs, schema, &*text_query, scored)? {
            each(hit)?;
        }
    }
    Ok(Streamed { total: matches.len(), notes })
}

/// Every match with its sort key: what a streamed result set sorts. Memory holds 24
/// bytes a match, never an article.
struct AllMatches {
    date_field: &'static str,
    sort: Sort,
}

/// [`AllMatches`] for one segment.
struct SegmentMatches {
    segment: tantivy::SegmentOrdinal,
    dates: Option<tantivy::columnar::Column<tantivy::DateTime>>,
    sort: Sort,
    found: Vec<(SortKey, DocAddress)>,
}

impl tantivy::collector::Collector for AllMatches {
    type Fruit = Vec<(SortKey, DocAddress)>;
    type Child = SegmentMatches;

    fn for_segment(
        &self,
        segment: tantivy::SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentMatches> {
        let dates = reader.fast_fields().date(self.date_field).ok();
        Ok(SegmentMatches { segment, dates, sort: self.sort, found: Vec::new() })
    }

    fn requires_scoring(&self) -> bool {
        self.sort == Sort::Relevance
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl tantivy::collector::SegmentCollector for SegmentMatches {
    type Fruit = Vec<(SortKey, DocAddress)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        let secs = self.dates.as_ref().and_then(|c| c.first(doc)).map(|d| d.into_timestamp_secs());
        self.found.push((sort_key(self.sort, score, secs), DocAddress::new(self.segment, doc)));
    }

    fn harvest(self) -> Self::Fruit {
        self.found
    }
}

/// Loads the articles of a page of hits, with the best passage of each for `query`.
fn load_hits(
    docs: &StoredDocs,
    schema: &NewsSchema,
    query: &dyn Query,
    page: impl Iterator<Item = (f32, DocAddress)>,
) -> Result<Vec<Hit>> {
    let mut snippets = SnippetGenerator::create(docs.searcher(), query, schema.body)?;
    snippet::configure(&mut snippets);
    page.map(|(score, address)| {
        let article = docs.article(schema, address)?;
        let snippet = snippet::snippet(&snippets, &article.body);
        Ok(Hit { score, article, snippet, copies: None })
    })
    .collect()
}

/// The articles stored under an id, under a file's path (all articles of a JSON Lines
/// file), under `path:line` as search output prints it, or under an id's unique prefix,
/// in index order.
fn find(index: &NewsIndex, searcher: &Searcher, id_or_path: &str) -> Result<Vec<Article>> {
    let found = find_exact(index, searcher, id_or_path)?;
    if !found.is_empty() {
        return Ok(found);
    }
    if let Some((path, line)) = id_or_path.rsplit_once(':') {
        if let Ok(line) = line.parse::<u64>() {
            let mut of_file = find_exact(index, searcher, path)?;
            of_file.retain(|a| a.line == Some(line));
            if !of_file.is_empty() {
                return Ok(of_file);
            }
        }
    }
    find_by_prefix(index, searcher, id_or_path)
}

/// Shortest id prefix taken: fewer hex digits would match too much to be meant.
const MIN_ID_PREFIX: usize = 4;

/// The article whose id starts with `prefix`, when exactly one does; an error naming a
/// few when several do.
fn find_by_prefix(index: &NewsIndex, searcher: &Searcher, prefix: &str) -> Result<Vec<Article>> {
    let hex = prefix.bytes().all(|b| b.is_ascii_hexdigit());
    if !hex || !(MIN_ID_PREFIX..16).contains(&prefix.len()) {
        return Ok(Vec::new());
    }
    let schema = index.schema();
    // Hex digits only, so the pattern is the prefix itself and "any rest".
    let query = tantivy::query::RegexQuery::from_pattern(
        &format!("{}.*", prefix.to_ascii_lowercase()),
        schema.id,
    )?;
    let mut addresses: Vec<DocAddress> =
        searcher.search(&query, &DocSetCollector)?.into_iter().collect();
    addresses.sort();
    let articles = StoredDocs::new(searcher).articles(schema, addresses)?;
    if articles.len() > 1 {
        let ids: Vec<&str> = articles.iter().take(3).map(|a| a.id.as_str()).collect();
        let more = if articles.len() > 3 { ", …" } else { "" };
        return Err(Error::invalid(format!(
            "the id prefix `{prefix}` matches {} articles ({}{more}): give more digits",
            articles.len(),
            ids.join(", ")
        )));
    }
    Ok(articles)
}

/// The articles stored under exactly this id or path.
fn find_exact(index: &NewsIndex, searcher: &Searcher, id_or_path: &str) -> Result<Vec<Article>> {
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
        return StoredDocs::new(searcher).articles(schema, addresses);
    }
    Ok(Vec::new())
}

/// Articles like the one with `id`, by the words of its title and body ("more like
/// this"); the article itself is left out. `None` when no article has that id.
fn similar(engine: &LocalEngine, id: &str, limit: usize) -> Result<Option<SearchResults>> {
    let started = Instant::now();
    let found = engine.find(id)?;
    let article = match <[Article; 1]>::try_from(found) {
        Ok([article]) => article,
        Err(found) if found.is_empty() => return Ok(None),
        Err(found) => {
            return Err(Error::invalid(format!(
                "`{id}` holds {} articles: give one id, or PATH:LINE",
                found.len()
            )))
        }
    };
    let id = article.id.as_str();
    let searcher = engine.reader.searcher();
    let schema = engine.index.schema();
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
    let limit = limit.clamp(1, usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX).max(1));
    let (total, page) =
        searcher.search(&query, &(Count, TopDocs::with_limit(limit).order_by_score()))?;
    let hits = load_hits(&StoredDocs::new(&searcher), schema, &query, page.into_iter())?;
    Ok(Some(SearchResults {
        total,
        hits,
        facets: Vec::new(),
        timeline: Vec::new(),
        notes: Vec::new(),
        took: started.elapsed(),
        stories: None,
    }))
}

/// The sort key of a hit, largest first: relevance with newer dates breaking ties, or
/// date with relevance breaking ties. Undated articles sort last in date orders.
type SortKey = (f64, f64);

/// The sort key of a match with `score`, published at `secs` (since 1970) if dated.
fn sort_key(sort: Sort, score: Score, secs: Option<i64>) -> SortKey {
    let secs = secs.map(|s| s as f64);
    let score = f64::from(score);
    match sort {
        Sort::Relevance => (score, secs.unwrap_or(f64::MIN)),
        Sort::Date => (secs.unwrap_or(f64::MIN), score),
        Sort::OldestFirst => (secs.map_or(f64::MIN, |s| -s), score),
    }
}

/// The relevance score inside a sort key.
fn score_of(sort: Sort, (first, second): SortKey) -> f32 {
    (if sort == Sort::Relevance { first } else { second }) as f32
}

fn top_docs(
    date_field: &'static str,
    sort: Sort,
    limit: usize,
    offset: usize,
) -> impl tantivy::collector::Collector<Fruit = Vec<(SortKey, DocAddress)>> {
    TopDocs::with_limit(limit).and_offset(offset).tweak_score(move |segment: &SegmentReader| {
        let dates = segment.fast_fields().date(date_field).ok();
        move |doc: DocId, score: Score| {
            let secs = dates.as_ref().and_then(|c| c.first(doc)).map(|d| d.into_timestamp_secs());
            sort_key(sort, score, secs)
        }
    })
}

/// Which surnames listed in a people's facet are left apart, and whom they could be.
fn ambiguity_notes<'a>(
    facet: &'a FacetResult,
    people: &'a Identity,
) -> impl Iterator<Item = String> + 'a {
    facet.values.iter().filter_map(move |shown| {
        let candidates = people.ambiguous(&shown.value)?;
        let listed: Vec<&str> = candidates.iter().take(3).map(String::as_str).collect();
        let more = if candidates.len() > 3 { ", …" } else { "" };
        Some(format!(
            "{} `{}` is kept apart: it could be {}{more}",
            facet.spec.field.name(),
            shown.value,
            listed.join(", ")
        ))
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
