//! Facet counting: how many matching articles carry each value of a facet field.
//!
//! tantivy's `FacetCollector` turns every facet ordinal it has seen into its text with a
//! separate term-dictionary lookup, each decoding a block of the dictionary from its
//! start. A broad query over a large archive sees tens of thousands of people and places,
//! and those lookups were nearly all of the search's time. [`FacetCounter`] counts by
//! ordinal in a plain array per segment, then names every value it counted in one
//! ascending pass over the dictionary, so each dictionary block is decoded once at most.
//!
//! People are counted as people: given an [`Identity`], the values it links (a surname
//! alone and the full name it stands for) are one value, named by the full name, and an
//! article that carries both counts once; a value the user's curation file suppresses is
//! not counted.
//!
//! Values are counted by their last path step: a flat field (`/Iran`) by itself, and the
//! place tree (`/Iran/Tehran`) under one country prefix, which is how `place:Iran` opens a
//! country to its places.

use std::ops::{Bound, Range};
use std::sync::Arc;

use rustc_hash::FxHashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::fastfield::FacetReader;
use tantivy::schema::Facet;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader, TantivyError};

use super::identity::Identity;
use crate::index::document::facet_leaf;

/// Matching articles per facet value, keyed by the value's last path step.
pub type FacetTally = FxHashMap<String, u64>;

/// Counts the values of one facet field, or of one level of the place tree, over the
/// matching articles.
pub struct FacetCounter {
    field: String,
    /// Encoded path (steps joined by `\0`) the counted values sit under; `None` for the
    /// top level.
    parent: Option<String>,
    /// Who the values are, when they are people.
    identity: Option<Arc<Identity>>,
}

impl FacetCounter {
    /// Counts every value of the facet field named `field`.
    pub fn top_level(field: &str) -> Self {
        FacetCounter { field: field.to_owned(), parent: None, identity: None }
    }

    /// Counts every value of the people's field named `field`, a person once whatever
    /// names they go by.
    pub fn people(field: &str, identity: Arc<Identity>) -> Self {
        FacetCounter { field: field.to_owned(), parent: None, identity: Some(identity) }
    }

    /// Counts the values one level under `parent` (`/Iran` → `/Iran/Tehran`, …).
    pub fn children_of(field: &str, parent: &Facet) -> Self {
        FacetCounter {
            field: field.to_owned(),
            parent: Some(parent.encoded_str().to_owned()),
            identity: None,
        }
    }
}

/// [`FacetCounter`]'s work on one segment.
pub struct SegmentFacetCounter {
    facets: FacetReader,
    /// The ordinals counted: every one at the top level, a contiguous run under a parent.
    ords: Range<u64>,
    /// Matching documents per ordinal of `ords`, from its start.
    counts: Vec<u32>,
    /// With an identity that links values: the ordinal each ordinal is counted under
    /// (the first of the values of one person in this segment's dictionary).
    groups: Option<Vec<u64>>,
    /// Who the values are, to name a counted ordinal by its person.
    identity: Option<Arc<Identity>>,
    /// The groups one document has been counted under.
    seen: Vec<u64>,
}

impl Collector for FacetCounter {
    type Fruit = FacetTally;
    type Child = SegmentFacetCounter;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentFacetCounter> {
        let facets = segment.facet_reader(&self.field)?;
        // The counts below take a slot per value, and the number of values is the
        // dictionary's own count, which a damaged file can make any number; a real
        // dictionary spends at least a byte per value, so a larger count is damage,
        // refused before it becomes an allocation that aborts.
        if facets.num_facets() > tantivy::HasLen::len(&facets.facet_dict().sstable_slice) {
            return Err(TantivyError::DataCorruption(
                tantivy::error::DataCorruption::comment_only(format!(
                    "the {} facet dictionary counts more values than it has bytes",
                    self.field
                )),
            ));
        }
        let ords = match &self.parent {
            None => 0..facets.num_facets() as u64,
            Some(parent) => {
                // Children of `a` are `a\0…`: every term from `a\0` up to, not including, `a\x01`.
                let (first, end) = facets.facet_dict().term_bounds_to_ord(
                    Bound::Included(format!("{parent}\0")),
                    Bound::Excluded(format!("{parent}\u{1}")),
                )?;
                let first = match first {
                    Bound::Included(ord) => ord,
                    Bound::Excluded(ord) => ord + 1,
                    Bound::Unbounded => 0,
                };
                let end = match end {
                    Bound::Included(ord) => ord + 1,
                    Bound::Excluded(ord) => ord,
                    Bound::Unbounded => facets.num_facets() as u64,
                };
                first..end.max(first)
            }
        };
        let counts = vec![0; (ords.end - ords.start) as usize];
        let identity = self.identity.clone().filter(|identity| identity.changes_any());
        let groups = match &identity {
            Some(identity) => Some(groups(&facets, identity)?),
            None => None,
        };
        Ok(SegmentFacetCounter { facets, ords, counts, groups, identity, seen: Vec::new() })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        segment_fruits: Vec<tantivy::Result<FacetTally>>,
    ) -> tantivy::Result<FacetTally> {
        let mut segment_fruits = segment_fruits.into_iter();
        let mut total = segment_fruits.next().transpose()?.unwrap_or_default();
        for fruit in segment_fruits {
            for (value, count) in fruit? {
                *total.entry(value).or_default() += count;
            }
        }
        Ok(total)
    }
}

impl SegmentCollector for SegmentFacetCounter {
    type Fruit = tantivy::Result<FacetTally>;

    fn collect(&mut self, doc: DocId, _: Score) {
        if let Some(groups) = &self.groups {
            // A person named two ways in one article counts once: their values share a
            // group, and the few groups of one article are checked by hand.
            self.seen.clear();
            for ord in self.facets.facet_ords(doc) {
                let Some(&group) = groups.get(ord as usize) else { continue };
                if group != NOT_COUNTED && !self.seen.contains(&group) {
                    self.seen.push(group);
                    self.counts[(group - self.ords.start) as usize] += 1;
                }
            }
            return;
        }
        // A document's ordinals come sorted; a value given twice counts once.
        let mut previous = None;
        for ord in self.facets.facet_ords(doc) {
            if previous != Some(ord) && self.ords.contains(&ord) {
                self.counts[(ord - self.ords.start) as usize] += 1;
            }
            previous = Some(ord);
        }
    }

    fn harvest(self) -> tantivy::Result<FacetTally> {
        let (ords, counts): (Vec<u64>, Vec<u32>) = self
            .counts
            .iter()
            .enumerate()
            .filter(|(_, &count)| count > 0)
            .map(|(offset, &count)| (self.ords.start + offset as u64, count))
            .unzip();
        let mut tally = FacetTally::with_capacity_and_hasher(ords.len(), Default::default());
        let mut counts = counts.into_iter();
        let mut corrupt = false;
        let all_found = self.facets.facet_dict().sorted_ords_to_term_cb(&ords, |encoded| {
            let count = counts.next().unwrap_or_default();
            match std::str::from_utf8(encoded) {
                Ok(encoded) => {
                    let value = facet_leaf(encoded);
                    let value = match &self.identity {
                        Some(identity) => identity.canonical(&value).to_owned(),
                        None => value,
                    };
                    *tally.entry(value).or_default() += u64::from(count);
                }
                Err(_) => corrupt = true,
            }
        })?;
        if !all_found || corrupt {
            return Err(TantivyError::InternalError(
                "a facet dictionary does not match its column; re-index with `newsdex index --full`"
                    .to_owned(),
            ));
        }
        Ok(tally)
    }
}

/// The group of a value the curation file says is not a person.
pub(super) const NOT_COUNTED: u64 = u64::MAX;

/// For every ordinal of a flat people's field, the ordinal its person is counted under:
/// the first ordinal of the dictionary whose value has the same canonical name, or
/// [`NOT_COUNTED`]. One pass over the segment's dictionary.
pub(super) fn groups(facets: &FacetReader, identity: &Identity) -> tantivy::Result<Vec<u64>> {
    let mut first_of: FxHashMap<String, u64> = FxHashMap::default();
    let mut groups = Vec::with_capacity(facets.num_facets());
    let mut terms = facets.facet_dict().stream()?;
    while terms.advance() {
        let ord = groups.len() as u64;
        let value = facet_leaf(&String::from_utf8_lossy(terms.key()));
        if identity.is_suppressed(&value) {
            groups.push(NOT_COUNTED);
            continue;
        }
        let person = identity.canonical(&value).to_owned();
        groups.push(*first_of.entry(person).or_insert(ord));
    }
    Ok(groups)
}

#[cfg(test)]
mod tests {
    use tantivy::collector::FacetCollector;
    use tantivy::query::AllQuery;
    use tantivy::schema::{FacetOptions, Schema};
    use tantivy::{doc, Index, IndexWriter, Searcher};

    use super::*;

    /// An index with one facet field named `field`: one segment per slice of `segments`,
    /// holding one document per list of facet paths.
    fn searcher_of(field: &str, segments: &[&[&[&str]]]) -> Searcher {
        let mut builder = Schema::builder();
        let facet_field = builder.add_facet_field(field, FacetOptions::default());
        let index = Index::create_in_ram(builder.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for segment in segments {
            for facets in *segment {
                let mut document = doc!();
                for facet in *facets {
                    document.add_facet(facet_field, Facet::from(*facet));
                }
                writer.add_document(document).unwrap();
            }
            writer.commit().unwrap();
        }
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), segments.len());
        searcher
    }

    fn tally(pairs: &[(&str, u64)]) -> FacetTally {
        pairs.iter().map(|&(value, count)| (value.to_owned(), count)).collect()
    }

    /// Three segments, values shared and not shared between them, a value given twice in
    /// one document, and a two-level tree: the counts must be tantivy's own.
    #[test]
    fn counts_equal_tantivys_facet_collector_across_segments() {
        let searcher = searcher_of(
            "tree",
            &[
                &[&["/Iran", "/Iran/Tehran"], &["/Iran/Tehran", "/Iran/Tehran", "/Russia"]],
                &[&["/Iran/Isfahan"], &["/Russia/Moscow", "/Iran"], &[]],
                &[&["/Zambia"], &["/Iran/Isfahan", "/Iran/Tehran", "/Iran"]],
            ],
        );
        for parent in ["/Iran", "/Russia", "/Zambia", "/Chad"] {
            let parent = Facet::from(parent);
            let ours = searcher.search(&AllQuery, &FacetCounter::children_of("tree", &parent));
            let mut theirs = FacetCollector::for_field("tree");
            theirs.add_facet(parent.clone());
            let theirs: FacetTally = searcher
                .search(&AllQuery, &theirs)
                .unwrap()
                .get(parent)
                .map(|(facet, count)| (facet_leaf(facet.encoded_str()), count))
                .collect();
            assert_eq!(ours.unwrap(), theirs);
        }
        let iran = searcher.search(&AllQuery, &FacetCounter::children_of("tree", &"/Iran".into()));
        assert_eq!(iran.unwrap(), tally(&[("Tehran", 3), ("Isfahan", 2)]));
    }

    #[test]
    fn top_level_values_of_a_flat_field_count_each_document_once() {
        let searcher = searcher_of(
            "country",
            &[&[&["/Iran", "/Russia"]], &[&["/Iran", "/Iran"]], &[&["/Chad"]], &[&[]]],
        );
        let counted = searcher.search(&AllQuery, &FacetCounter::top_level("country")).unwrap();
        assert_eq!(counted, tally(&[("Iran", 2), ("Russia", 1), ("Chad", 1)]));
    }
}
