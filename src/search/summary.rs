//! One line of a batch of searches: how many articles a query finds, over which dates,
//! and the countries, officials and agencies that come up most (`newsdex batch`).
//!
//! A summary is built from searches any [`Engine`] answers, so it holds for every
//! engine; reading the list of queries and printing the table are not done here.

use chrono::NaiveDate;

use super::{Engine, FacetField, FacetSpec, FacetValue, Filters, SearchRequest, Sort};
use crate::error::Result;

/// What one query of a batch found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuerySummary {
    /// The query, as written in the list.
    pub query: String,
    /// Matching articles in all.
    pub hits: usize,
    /// Earliest date among the matching articles.
    pub first_date: Option<NaiveDate>,
    /// Latest date among the matching articles.
    pub last_date: Option<NaiveDate>,
    /// Top countries, by articles.
    pub countries: Vec<FacetValue>,
    /// Top officials, by articles.
    pub officials: Vec<FacetValue>,
    /// Top agencies, by articles.
    pub agencies: Vec<FacetValue>,
    /// Things the user should know (a filter value that matched nothing).
    pub notes: Vec<String>,
}

/// The facets a summary lists, in its column order.
const SUMMARY_FACETS: [FacetField; 3] =
    [FacetField::Country, FacetField::Official, FacetField::Agency];

/// Summarises `query` under `filters`, listing `top` values per facet: two searches, the
/// newest match with the facet counts, and the oldest match.
pub fn summarize(
    engine: &dyn Engine,
    query: &str,
    filters: &Filters,
    top: usize,
) -> Result<QuerySummary> {
    let newest = SearchRequest {
        query: query.to_owned(),
        filters: filters.clone(),
        facets: SUMMARY_FACETS.into_iter().map(FacetSpec::from).collect(),
        facet_limit: top,
        limit: 1,
        sort: Sort::Date,
        ..SearchRequest::default()
    };
    let found = engine.search(&newest)?;
    // Undated articles sort last both ways: a first hit without a date means none has one.
    let last_date = found.hits.first().and_then(|h| h.article.date);
    let first_date = match last_date {
        Some(_) => {
            let oldest =
                SearchRequest { facets: Vec::new(), sort: Sort::OldestFirst, ..newest.clone() };
            engine.search(&oldest)?.hits.first().and_then(|h| h.article.date)
        }
        None => None,
    };
    let mut facets = found.facets.into_iter().map(|f| f.values);
    let mut next = || facets.next().unwrap_or_default();
    Ok(QuerySummary {
        query: query.to_owned(),
        hits: found.total,
        first_date,
        last_date,
        countries: next(),
        officials: next(),
        agencies: next(),
        notes: found.notes,
    })
}
