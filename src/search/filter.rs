//! Filters: from what the user typed (`--country us`, `--official Shoigu`) to the exact
//! facet values stored in the index.
//!
//! Values are matched the way a person means them: through the alias tables first
//! (`US` → United States), then case-insensitively against the values the index holds,
//! and people as people, through [`Identity`]: a surname is everyone called so, case and
//! accents aside (`Shoigu` → Sergei Shoigu, `Baker` → James Baker and Howard Baker), a
//! full name is that person with the surname-only mentions linked to them, and a note
//! says which people a name matched. A value that matches nothing still filters (to
//! nothing) and yields a note, so a typo is visible, not silent.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Bound;
use std::sync::Arc;

use tantivy::collector::Count;
use tantivy::query::{BooleanQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Term};
use tantivy::{DateTime, Searcher};

use super::identity::{Identity, People};
use super::request::{AddedSince, FacetField, Filters};
use crate::error::Result;
use crate::extract::entities::{canonical_country, canonical_place};
use crate::extract::meta::canonical_agency;
use crate::index::document::{date_time, leaf};
use crate::index::NewsSchema;

/// The filters of a search as one query, and what the user should hear about them.
pub struct FilterQuery {
    /// `None` when there are no filters.
    pub query: Option<Box<dyn Query>>,
    /// Values that matched nothing in the index.
    pub notes: Vec<String>,
}

/// Builds the query for the filters.
pub fn build(
    searcher: &Searcher,
    schema: &NewsSchema,
    people: &People,
    filters: &Filters,
) -> Result<FilterQuery> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut notes = Vec::new();
    for (field, values) in filters.entity_filters() {
        let tantivy_field = schema.facet(field);
        let known = Known::of(searcher, schema, people, field)?;
        let mut matched = BTreeSet::new();
        for value in values {
            let (found, note) = known.resolve(searcher, tantivy_field, field, value)?;
            notes.extend(note);
            matched.extend(found);
        }
        let any_of: Vec<(Occur, Box<dyn Query>)> = matched
            .iter()
            .map(|value| {
                let term = Term::from_facet(tantivy_field, &leaf(value));
                let query: Box<dyn Query> =
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic));
                (Occur::Should, query)
            })
            .collect();
        // An empty BooleanQuery matches nothing, which is what an unknown value means.
        clauses.push((Occur::Must, Box::new(BooleanQuery::new(any_of))));
    }
    if filters.from.is_some() || filters.to.is_some() {
        let bound = |date: Option<chrono::NaiveDate>, inclusive_end: bool| match date {
            None => Bound::Unbounded,
            Some(day) if inclusive_end => match day.succ_opt() {
                Some(next) => Bound::Excluded(Term::from_field_date(schema.date, date_time(next))),
                None => Bound::Unbounded,
            },
            Some(day) => Bound::Included(Term::from_field_date(schema.date, date_time(day))),
        };
        let range = RangeQuery::new(bound(filters.from, false), bound(filters.to, true));
        clauses.push((Occur::Must, Box::new(range)));
    }
    if let Some(since) = filters.added_since {
        clauses.push((Occur::Must, added_since(searcher, schema, since)?));
    }
    let query =
        (!clauses.is_empty()).then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>);
    Ok(FilterQuery { query, notes })
}

/// The articles added at or after a moment, or by a run or a later one. Both are ranges
/// over fast fields, which tantivy answers without an indexed term per value.
fn added_since(
    searcher: &Searcher,
    schema: &NewsSchema,
    since: AddedSince,
) -> Result<Box<dyn Query>> {
    let run = match since {
        AddedSince::Time(time) => {
            let added = DateTime::from_timestamp_micros(time.timestamp_micros());
            let start = Bound::Included(Term::from_field_date(schema.added, added));
            return Ok(Box::new(RangeQuery::new(start, Bound::Unbounded)));
        }
        AddedSince::Run(run) => run,
        AddedSince::LastRun => crate::index::last_run(searcher.index())?,
    };
    let start = Bound::Included(Term::from_field_u64(schema.generation, run));
    Ok(Box::new(RangeQuery::new(start, Bound::Unbounded)))
}

/// The stored values that one value typed by the user stands for, and a note about them
/// (which people a name matched, or that nothing did).
pub fn resolve_values(
    searcher: &Searcher,
    schema: &NewsSchema,
    people: &People,
    field: FacetField,
    value: &str,
) -> Result<(Vec<String>, Option<String>)> {
    let tantivy_field = schema.facet(field);
    Known::of(searcher, schema, people, field)?.resolve(searcher, tantivy_field, field, value)
}

/// Every value a facet field holds in the index (one level deep), with the number of
/// articles that carry it.
pub fn stored_values(searcher: &Searcher, field: Field) -> Result<BTreeMap<String, u64>> {
    let mut values = BTreeMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut terms = inverted.terms().stream().map_err(tantivy::TantivyError::from)?;
        while terms.advance() {
            if let Ok(text) = std::str::from_utf8(terms.key()) {
                if !text.is_empty() && !text.contains('\0') {
                    let articles = u64::from(terms.value().doc_freq);
                    *values.entry(text.to_owned()).or_default() += articles;
                }
            }
        }
    }
    Ok(values)
}

/// The values of one field, as filters see them: people through their identity.
enum Known {
    People(Arc<Identity>),
    Values(BTreeMap<String, u64>),
}

impl Known {
    fn of(
        searcher: &Searcher,
        schema: &NewsSchema,
        people: &People,
        field: FacetField,
    ) -> Result<Known> {
        Ok(if field.is_people() {
            Known::People(people.of(searcher, schema, field)?)
        } else {
            Known::Values(stored_values(searcher, schema.facet(field))?)
        })
    }

    /// The stored values one user value stands for, and what to tell the user.
    fn resolve(
        &self,
        searcher: &Searcher,
        tantivy_field: Field,
        field: FacetField,
        value: &str,
    ) -> Result<(Vec<String>, Option<String>)> {
        let (found, note) = match self {
            Known::People(people) => {
                let found = people.resolve(value);
                // The note counts what the filter finds: live articles, not the
                // dictionary's count, which keeps deleted ones until a merge.
                let mut failed = None;
                let mut articles = |stored: &str| {
                    let term = Term::from_facet(tantivy_field, &leaf(stored));
                    let query = TermQuery::new(term, IndexRecordOption::Basic);
                    searcher.search(&query, &Count).map_or_else(
                        |err| {
                            failed = Some(err);
                            0
                        },
                        |count| count as u64,
                    )
                };
                let note = people.note(field.name(), value, &found, &mut articles);
                if let Some(err) = failed {
                    return Err(err.into());
                }
                (found.into_iter().map(str::to_owned).collect(), note)
            }
            Known::Values(known) => (resolve_value(field, value, known), None),
        };
        if found.is_empty() {
            if let Known::People(people) = self {
                if !people.suppressed_as(value).is_empty() {
                    let note = format!(
                        "{} `{value}` is not a person by the curation file: it matches nothing",
                        field.name()
                    );
                    return Ok((found, Some(note)));
                }
            }
            let note = format!("no {} in the index matches `{value}`", field.name());
            return Ok((found, Some(note)));
        }
        Ok((found, note))
    }
}

/// The stored values one user value of a field other than people stands for.
fn resolve_value(field: FacetField, value: &str, known: &BTreeMap<String, u64>) -> Vec<String> {
    let alias = match field {
        FacetField::Country => canonical_country(value),
        FacetField::Place => canonical_place(value),
        FacetField::Agency => canonical_agency(value),
        _ => None,
    };
    if let Some(canonical) = alias.filter(|c| known.contains_key(*c)) {
        return vec![canonical.to_owned()];
    }
    known.keys().filter(|k| k.to_lowercase() == value.to_lowercase()).cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(values: &[&str]) -> BTreeMap<String, u64> {
        values.iter().map(|v| (v.to_string(), 1)).collect()
    }

    #[test]
    fn other_fields_match_case_insensitively_but_not_by_parts() {
        let places = known(&["New York", "York"]);
        assert_eq!(resolve_value(FacetField::Place, "YORK", &places), vec!["York"]);
    }
}
