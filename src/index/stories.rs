//! The index's side of stories: finding an article's copies through the sketch terms
//! stored with every document, and writing again the members of a story that changed.
//!
//! What a copy is, is [`crate::stories`]'s to say; this file only looks things up and
//! writes. Grouping is done from the index, never from the memory of a run, so it is the
//! same whatever the order the articles came in, and a run that was killed before it
//! grouped its articles leaves them marked (by their run's number, against the last run
//! whose articles were grouped) for the next run to group.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Term, Value};
use tantivy::{DocAddress, DocSet, Searcher, TERMINATED};

use super::{document, ArticleWriter, NewsSchema, StoredDocs};
use crate::error::Result;
use crate::stories::{self, Groups, Shingles, MIN_SHARED_SKETCH, MIN_SHARED_TERMS};

/// A sketch term held by more articles than this is boilerplate ("said in a statement
/// on"), not a sign of a copy: looking through its articles for every article that holds
/// it would make grouping quadratic.
const MAX_TERM_ARTICLES: u64 = 1_000;

/// What grouping the articles of a run changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StoryChanges {
    /// Articles compared with their candidates.
    pub grouped: u64,
    /// Articles written again with another story.
    pub moved: u64,
}

/// The stories of the documents holding `term`.
pub(super) fn stories_of(
    searcher: &Searcher,
    schema: &NewsSchema,
    term: &Term,
) -> Result<Vec<String>> {
    if searcher.doc_freq(term)? == 0 {
        return Ok(Vec::new());
    }
    let query = TermQuery::new(term.clone(), IndexRecordOption::Basic);
    let addresses = searcher.search(&query, &DocSetCollector)?;
    let docs = StoredDocs::new(searcher);
    addresses.into_iter().map(|address| Ok(Member::load(&docs, schema, address)?.story)).collect()
}

/// What grouping needs of a stored article.
struct Member {
    id: String,
    date: Option<chrono::NaiveDate>,
    story: String,
}

impl Member {
    fn load(docs: &StoredDocs, schema: &NewsSchema, address: DocAddress) -> Result<Member> {
        let doc = docs.doc(address)?;
        let text = |field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or_default();
        let date = doc
            .get_first(schema.date)
            .and_then(|v| v.as_datetime())
            .and_then(|d| chrono::DateTime::from_timestamp(d.into_timestamp_secs(), 0))
            .map(|d| d.date_naive());
        Ok(Member { id: text(schema.id).to_owned(), date, story: text(schema.story).to_owned() })
    }
}

impl ArticleWriter<'_> {
    /// Groups every article written since the last grouping, and the stories that lost
    /// articles, into stories, writes again every article whose story changed, and
    /// commits. Does nothing (and commits nothing) when nothing waits to be grouped.
    pub fn settle_stories(&mut self) -> Result<StoryChanges> {
        let searcher = self.reader.searcher();
        let docs = StoredDocs::new(&searcher);
        let schema = self.news.schema;
        let unsettled = std::mem::take(&mut self.payload.unsettled_stories);
        let mut seeds = BTreeSet::new();
        let settled = self.payload.stories_settled;
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let generations = segment.fast_fields().u64(schema.name(schema.generation))?;
            for doc in 0..segment.max_doc() {
                if !segment.is_deleted(doc) && generations.first(doc).unwrap_or(0) > settled {
                    seeds.insert(DocAddress::new(ord as u32, doc));
                }
            }
        }
        // The members left of a story that lost articles are grouped afresh: what held
        // them together may be gone.
        let mut regrouped = BTreeSet::new();
        for story in &unsettled {
            regrouped.extend(members(&searcher, schema, story)?);
        }
        seeds.extend(regrouped.iter().copied());
        if seeds.is_empty() && unsettled.is_empty() && settled == self.payload.generation {
            return Ok(StoryChanges::default());
        }

        let seed_list: Vec<DocAddress> = seeds.iter().copied().collect();
        let term_counts = searcher
            .segment_readers()
            .iter()
            .map(|segment| segment.fast_fields().u64(schema.name(schema.story_terms)))
            .collect::<tantivy::Result<Vec<_>>>()?;
        let pairs: Vec<(DocAddress, DocAddress)> = seed_list
            .par_iter()
            .map(|&seed| copies_of(&docs, schema, &term_counts, seed, &seeds))
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .flatten()
            .collect();

        // Every article a pair touches, every member of the stories they are in (a story
        // not regrouped is held together already), and every regrouped article.
        let mut nodes: BTreeMap<DocAddress, usize> = BTreeMap::new();
        let mut info: Vec<Member> = Vec::new();
        let mut joins: Vec<(usize, usize)> = Vec::new();
        let mut expanded: BTreeSet<String> = BTreeSet::new();
        let mut queue: Vec<DocAddress> =
            pairs.iter().flat_map(|&(a, b)| [a, b]).chain(regrouped.iter().copied()).collect();
        let node_of = |address: DocAddress,
                       nodes: &mut BTreeMap<DocAddress, usize>,
                       info: &mut Vec<Member>|
         -> Result<(usize, bool)> {
            if let Some(&node) = nodes.get(&address) {
                return Ok((node, false));
            }
            info.push(Member::load(&docs, schema, address)?);
            nodes.insert(address, info.len() - 1);
            Ok((info.len() - 1, true))
        };
        while let Some(address) = queue.pop() {
            let (node, new) = node_of(address, &mut nodes, &mut info)?;
            let story = info[node].story.clone();
            if !new || seeds.contains(&address) || unsettled.contains(&story) {
                continue;
            }
            if expanded.insert(story.clone()) {
                for member in members(&searcher, schema, &story)? {
                    let (other, _) = node_of(member, &mut nodes, &mut info)?;
                    joins.push((node, other));
                    queue.push(member);
                }
            }
        }
        let mut groups = Groups::new(info.len());
        for (a, b) in pairs {
            groups.join(nodes[&a], nodes[&b]);
        }
        for (a, b) in joins {
            groups.join(a, b);
        }
        let mut leads: FxHashMap<usize, usize> = FxHashMap::default();
        for node in 0..info.len() {
            let root = groups.find(node);
            let best = leads.entry(root).or_insert(node);
            let key = |n: usize| (info[n].date, info[n].id.as_str());
            if stories::lead_order(key(node), key(*best)).is_lt() {
                *best = node;
            }
        }
        let mut moved = 0;
        for (&address, &node) in &nodes {
            let lead = &info[leads[&groups.find(node)]].id;
            if &info[node].story != lead {
                self.rewrite(&docs, address, lead)?;
                moved += 1;
            }
        }
        self.payload.stories_settled = self.payload.generation;
        self.commit()?;
        Ok(StoryChanges { grouped: seeds.len() as u64, moved })
    }

    /// Writes the article at `address` again, in the story `story`.
    fn rewrite(&mut self, docs: &StoredDocs, address: DocAddress, story: &str) -> Result<()> {
        let schema = self.news.schema;
        let doc = docs.doc(address)?;
        let mut article = document::to_article(schema, &doc);
        let stamp = document::stored_stamp(schema, &doc);
        let written = document::Written::stored(schema, &doc);
        article.story = Some(story.to_owned());
        self.writer.delete_term(Term::from_field_text(schema.id, &article.id));
        self.writer.add_document(document::to_document(schema, &article, stamp, written))?;
        Ok(())
    }
}

/// The articles of `story`.
fn members(searcher: &Searcher, schema: &NewsSchema, story: &str) -> Result<Vec<DocAddress>> {
    let query =
        TermQuery::new(Term::from_field_text(schema.story, story), IndexRecordOption::Basic);
    Ok(searcher.search(&query, &DocSetCollector)?.into_iter().collect())
}

/// The verified copies of the article at `seed`: pairs (seed, copy). A pair of two seeds
/// is found from the first of them only.
fn copies_of(
    stored: &StoredDocs,
    schema: &NewsSchema,
    term_counts: &[tantivy::columnar::Column<u64>],
    seed: DocAddress,
    seeds: &BTreeSet<DocAddress>,
) -> Result<Vec<(DocAddress, DocAddress)>> {
    let searcher = stored.searcher();
    let body = |address| -> Result<Shingles> {
        let doc = stored.doc(address)?;
        Ok(Shingles::of(doc.get_first(schema.body).and_then(|v| v.as_str()).unwrap_or_default()))
    };
    let shingles = body(seed)?;
    let sketch = shingles.sketch();
    let mut shared: FxHashMap<DocAddress, u32> = FxHashMap::default();
    for value in sketch.terms() {
        let term = Term::from_field_u64(schema.story_sketch, value);
        if searcher.doc_freq(&term)? > MAX_TERM_ARTICLES {
            continue;
        }
        let weight = if Some(value) == sketch.whole { MIN_SHARED_TERMS } else { 1 };
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let postings = segment.inverted_index(schema.story_sketch)?;
            let found = postings.read_postings(&term, IndexRecordOption::Basic);
            let Some(mut docs) = found.map_err(tantivy::TantivyError::from)? else {
                continue;
            };
            while docs.doc() != TERMINATED {
                let doc = docs.doc();
                let address = DocAddress::new(ord as u32, doc);
                if !segment.is_deleted(doc) && address != seed {
                    *shared.entry(address).or_default() += weight;
                }
                docs.advance();
            }
        }
    }
    let own_terms = sketch.terms().count() as u64;
    let terms_of = |address: DocAddress| {
        term_counts.get(address.segment_ord as usize).and_then(|c| c.first(address.doc_id))
    };
    let mut candidates: Vec<DocAddress> = shared
        .into_iter()
        .filter(|&(address, count)| {
            let smaller = own_terms.min(terms_of(address).unwrap_or(own_terms)).max(1);
            count >= MIN_SHARED_TERMS
                && f64::from(count) >= MIN_SHARED_SKETCH * smaller as f64
                && !(address < seed && seeds.contains(&address))
        })
        .map(|(address, _)| address)
        .collect();
    candidates.sort();
    let mut pairs = Vec::new();
    for candidate in candidates {
        if stories::same_story(&shingles, &body(candidate)?) {
            pairs.push((seed, candidate));
        }
    }
    Ok(pairs)
}
