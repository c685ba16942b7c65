//! Filters: from what the user typed (`--country us`, `--official Shoigu`) to the exact
//! facet values stored in the index.
//!
//! Values are matched the way a person means them: through the alias tables first
//! (`US` → United States), then case-insensitively against the values the index holds,
//! and for people by name parts (`Shoigu` → Sergei Shoigu). A value that matches nothing
//! still filters (to nothing) and yields a note, so a typo is visible, not silent.

use std::collections::BTreeSet;
use std::ops::Bound;

use tantivy::query::{BooleanQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Term};
use tantivy::{DateTime, Searcher};

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
pub fn build(searcher: &Searcher, schema: &NewsSchema, filters: &Filters) -> Result<FilterQuery> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut notes = Vec::new();
    for (field, values) in filters.entity_filters() {
        let tantivy_field = schema.facet(field);
        let known = stored_values(searcher, tantivy_field)?;
        let mut matched = BTreeSet::new();
        for value in values {
            let found = resolve(field, value, &known);
            if found.is_empty() {
                notes.push(format!("no {} in the index matches `{value}`", field.name()));
            }
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

/// The stored values that one value typed by the user stands for.
pub fn resolve_values(
    searcher: &Searcher,
    schema: &NewsSchema,
    field: FacetField,
    value: &str,
) -> Result<Vec<String>> {
    let known = stored_values(searcher, schema.facet(field))?;
    Ok(resolve(field, value, &known))
}

/// Every value a facet field holds in the index (one level deep).
fn stored_values(searcher: &Searcher, field: Field) -> Result<BTreeSet<String>> {
    let mut values = BTreeSet::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut terms = inverted.terms().stream().map_err(tantivy::TantivyError::from)?;
        while terms.advance() {
            if let Ok(text) = std::str::from_utf8(terms.key()) {
                if !text.is_empty() && !text.contains('\0') {
                    values.insert(text.to_owned());
                }
            }
        }
    }
    Ok(values)
}

/// The stored values one user value stands for.
fn resolve(field: FacetField, value: &str, known: &BTreeSet<String>) -> Vec<String> {
    let alias = match field {
        FacetField::Country => canonical_country(value),
        FacetField::Place => canonical_place(value),
        FacetField::Agency => canonical_agency(value),
        _ => None,
    };
    if let Some(canonical) = alias.filter(|c| known.contains(*c)) {
        return vec![canonical.to_owned()];
    }
    let exact: Vec<String> =
        known.iter().filter(|k| k.to_lowercase() == value.to_lowercase()).cloned().collect();
    if !exact.is_empty() || !matches!(field, FacetField::Person | FacetField::Official) {
        return exact;
    }
    let wanted = name_parts(value);
    if wanted.is_empty() {
        return Vec::new();
    }
    known.iter().filter(|k| wanted.is_subset(&name_parts(k))).cloned().collect()
}

fn name_parts(name: &str) -> BTreeSet<String> {
    // Hyphenated and apostrophe names stay whole: "Shoigu" is not "Shoigu-Smith".
    name.split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .filter(|part| !part.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(values: &[&str]) -> BTreeSet<String> {
        values.iter().map(|v| v.to_string()).collect()
    }

    #[test]
    fn people_match_by_surname_and_case() {
        let people = known(&["Sergei Shoigu", "Mohammad Reza Ashtiani", "Ali Shoigu-Smith"]);
        assert_eq!(resolve(FacetField::Official, "shoigu", &people), vec!["Sergei Shoigu"]);
        assert_eq!(
            resolve(FacetField::Person, "MOHAMMAD REZA ASHTIANI", &people),
            vec!["Mohammad Reza Ashtiani"]
        );
        assert!(resolve(FacetField::Person, "Baqeri", &people).is_empty());
    }

    #[test]
    fn other_fields_match_case_insensitively_but_not_by_parts() {
        let places = known(&["New York", "York"]);
        assert_eq!(resolve(FacetField::Place, "YORK", &places), vec!["York"]);
    }
}
