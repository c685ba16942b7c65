//! What a search asks for.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use super::timeline::Interval;
pub use crate::index::FacetField;

/// How hits are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// Best match first; ties by newer date, then index order.
    #[default]
    Relevance,
    /// Newest first; undated articles last.
    Date,
    /// Oldest first; undated articles last.
    #[serde(rename = "-date")]
    OldestFirst,
}

/// A facet to count: a field, or the places under one country (`place:Iran`), which is
/// how a user opens a country to see its cities.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct FacetSpec {
    /// The field counted.
    pub field: FacetField,
    /// For `place:COUNTRY`: the country whose places are counted.
    pub within: Option<String>,
}

impl FacetSpec {
    /// Parses `country`, `year`, `place:Iran`.
    pub fn parse(text: &str) -> Result<FacetSpec, String> {
        let (name, within) = match text.split_once(':') {
            Some((name, within)) => (name, Some(within.trim().to_owned())),
            None => (text, None),
        };
        let field = FacetField::from_name(name).ok_or_else(|| {
            let known: Vec<&str> = FacetField::ALL.iter().map(|f| f.name()).collect();
            format!("unknown facet `{name}`; facets: {}, or place:COUNTRY", known.join(", "))
        })?;
        match (&within, field) {
            (Some(country), _) if country.is_empty() => {
                Err(format!("`{text}`: name a country after the colon, e.g. place:Iran"))
            }
            // A place that is no country, or a name nobody knows, would open onto nothing.
            (Some(country), FacetField::Place)
                if crate::extract::entities::canonical_country(country).is_none() =>
            {
                let what = match crate::extract::entities::canonical_place(country) {
                    Some(place) => format!("{place} is a place, not a country"),
                    None => format!("no country is called `{country}`"),
                };
                Err(format!("`{text}`: {what}; place:COUNTRY opens a country, e.g. place:Iran"))
            }
            (Some(_), FacetField::Place) | (None, _) => Ok(FacetSpec { field, within }),
            (Some(_), _) => Err(format!("`{text}`: only place facets open a country (place:Iran)")),
        }
    }

    /// How the facet is named in output: `country`, `place:Iran`.
    pub fn label(&self) -> String {
        match &self.within {
            Some(country) => format!("{}:{country}", self.field.name()),
            None => self.field.name().to_owned(),
        }
    }
}

impl From<FacetField> for FacetSpec {
    fn from(field: FacetField) -> Self {
        FacetSpec { field, within: None }
    }
}

/// Filter values per field: OR within a field, AND across fields. Also the `filters`
/// object of `search --format json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filters {
    /// `--country` values.
    pub country: Vec<String>,
    /// `--official` values.
    pub official: Vec<String>,
    /// `--person` values.
    pub person: Vec<String>,
    /// `--place` values.
    pub place: Vec<String>,
    /// `--agency` values.
    pub agency: Vec<String>,
    /// First day included (`--from`).
    pub from: Option<NaiveDate>,
    /// Last day included (`--to`).
    pub to: Option<NaiveDate>,
    /// Only articles added to the index since then (`--added-since`).
    #[serde(default)]
    pub added_since: Option<AddedSince>,
}

/// Since when an article must have been added to the index to match: a moment, or an
/// indexing run (the runs are numbered: see `newsdex stats`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum AddedSince {
    /// Added at this moment or later.
    Time(DateTime<Utc>),
    /// Added by this indexing run or a later one.
    Run(u64),
    /// Added by the latest indexing run.
    LastRun,
}

impl AddedSince {
    /// Parses `2024-03-01` (the start of that day, UTC), an RFC 3339 time
    /// (`2024-03-01T12:00:00+01:00`), `run:N` or `last`.
    pub fn parse(text: &str) -> Result<AddedSince, String> {
        let text = text.trim();
        if text == "last" {
            return Ok(AddedSince::LastRun);
        }
        if let Some(number) = text.strip_prefix("run:") {
            return match number.parse::<u64>() {
                Ok(run) if run > 0 => Ok(AddedSince::Run(run)),
                _ => Err(format!("bad run `{text}`: runs are numbered from 1, as in run:3")),
            };
        }
        if let Ok(time) = DateTime::parse_from_rfc3339(text) {
            return Ok(AddedSince::Time(time.with_timezone(&Utc)));
        }
        match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(day) => Ok(AddedSince::Time(day.and_time(NaiveTime::MIN).and_utc())),
            Err(_) => Err(format!(
                "bad time `{text}`: write 2024-03-01, 2024-03-01T12:00:00Z, run:N or last"
            )),
        }
    }
}

impl std::fmt::Display for AddedSince {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AddedSince::Time(time) => {
                write!(f, "{}", time.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
            }
            AddedSince::Run(run) => write!(f, "run:{run}"),
            AddedSince::LastRun => f.write_str("last"),
        }
    }
}

impl From<AddedSince> for String {
    fn from(since: AddedSince) -> String {
        since.to_string()
    }
}

impl TryFrom<String> for AddedSince {
    type Error = String;
    fn try_from(text: String) -> Result<AddedSince, String> {
        AddedSince::parse(&text)
    }
}

impl Filters {
    /// The entity filters as (field, values) pairs, skipping empty ones.
    pub fn entity_filters(&self) -> impl Iterator<Item = (FacetField, &[String])> {
        [
            (FacetField::Country, self.country.as_slice()),
            (FacetField::Official, self.official.as_slice()),
            (FacetField::Person, self.person.as_slice()),
            (FacetField::Place, self.place.as_slice()),
            (FacetField::Agency, self.agency.as_slice()),
        ]
        .into_iter()
        .filter(|(_, values)| !values.is_empty())
    }
}

/// Facet values listed per facet unless a request says otherwise.
pub const DEFAULT_FACET_LIMIT: usize = 10;

/// One search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchRequest {
    /// Query text in newsdex's query language; empty matches every article.
    pub query: String,
    /// Filters.
    pub filters: Filters,
    /// Facets to count over all matching articles.
    pub facets: Vec<FacetSpec>,
    /// How many values to list per facet.
    pub facet_limit: usize,
    /// How many hits to return.
    pub limit: usize,
    /// How many hits to skip first.
    pub offset: usize,
    /// Order of hits.
    pub sort: Sort,
    /// Count matching articles per period of this length.
    pub timeline: Option<Interval>,
    /// One hit per story: its earliest matching copy, with the others counted.
    pub collapse: bool,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            query: String::new(),
            filters: Filters::default(),
            facets: Vec::new(),
            facet_limit: DEFAULT_FACET_LIMIT,
            limit: 10,
            offset: 0,
            sort: Sort::Relevance,
            timeline: None,
            collapse: false,
        }
    }
}

/// The first and last day of `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, the ways a person writes a
/// period on the command line and in `date:` query terms.
pub fn day_range(text: &str) -> Result<(NaiveDate, NaiveDate), String> {
    let bad = || format!("bad date `{text}`: write 2023, 2023-09 or 2023-09-19");
    let parts: Vec<&str> = text.trim().split('-').collect();
    let number = |s: &str| s.parse::<u32>().map_err(|_| bad());
    match parts.as_slice() {
        [y] if y.len() == 4 => {
            let year = number(y)? as i32;
            let first = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(bad)?;
            let last = NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(bad)?;
            Ok((first, last))
        }
        [y, m] if y.len() == 4 => {
            let (year, month) = (number(y)? as i32, number(m)?);
            let first = NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(bad)?;
            let next = if month == 12 {
                NaiveDate::from_ymd_opt(year + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(year, month + 1, 1)
            };
            let last = next.and_then(|n| n.pred_opt()).ok_or_else(bad)?;
            Ok((first, last))
        }
        [y, _, _] if y.len() == 4 => {
            let day = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| bad())?;
            Ok((day, day))
        }
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facet_specs_name_a_field_or_a_country_to_open() {
        assert_eq!(FacetSpec::parse("year"), Ok(FacetField::Year.into()));
        let iran = FacetSpec::parse("place:Iran").unwrap();
        assert_eq!((iran.field, iran.within.as_deref()), (FacetField::Place, Some("Iran")));
        assert_eq!(iran.label(), "place:Iran");
        assert!(FacetSpec::parse("country:Iran").unwrap_err().contains("only place facets"));
        assert!(FacetSpec::parse("place:").unwrap_err().contains("name a country"));
        assert!(FacetSpec::parse("colour").unwrap_err().starts_with("unknown facet `colour`"));
    }

    #[test]
    fn added_since_is_a_day_a_time_or_a_run() {
        let parsed = |text: &str| AddedSince::parse(text).map(|since| since.to_string());
        assert_eq!(parsed("2024-03-01"), Ok("2024-03-01T00:00:00Z".into()));
        assert_eq!(parsed("2024-03-01T12:30:00+01:00"), Ok("2024-03-01T11:30:00Z".into()));
        assert_eq!(parsed("2024-03-01T12:30:00.000250Z"), Ok("2024-03-01T12:30:00.000250Z".into()));
        assert_eq!(AddedSince::parse("run:3"), Ok(AddedSince::Run(3)));
        assert_eq!(AddedSince::parse("last"), Ok(AddedSince::LastRun));
        assert!(AddedSince::parse("run:0").unwrap_err().starts_with("bad run `run:0`"));
        assert!(AddedSince::parse("yesterday").unwrap_err().starts_with("bad time `yesterday`"));
        let json = serde_json::to_string(&AddedSince::Run(2)).unwrap();
        assert_eq!(json, r#""run:2""#);
        assert_eq!(serde_json::from_str::<AddedSince>(&json).unwrap(), AddedSince::Run(2));
    }
}
