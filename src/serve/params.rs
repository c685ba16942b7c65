//! A URL's query string as a [`SearchRequest`]: the same names and values as the
//! options of `newsdex search`, checked the same way.
//!
//! Keys repeat for lists (`country=Iran&country=Iraq`, ORed as `--country` is), and
//! `facets` takes a comma-separated list as `--facets` does. An unknown key is refused,
//! so a misspelt filter never silently widens a search.

use crate::search::timeline::Interval;
use crate::search::{day_range, FacetSpec, SearchRequest, Sort};

/// Most hits one page may ask for; exports stream whole result sets instead.
pub const MAX_LIMIT: usize = 100;

/// Most facet values one facet may list.
pub const MAX_FACET_LIMIT: usize = 1000;

/// Deepest page: past it, narrow the search or export it.
pub const MAX_OFFSET: usize = 10_000;

/// Longest query string accepted, in bytes (a query itself holds at most 4,096
/// characters).
pub const MAX_QUERY_STRING: usize = 16 * 1024;

/// The `key=value` pairs of a query string, decoded.
pub fn pairs(raw: Option<&str>) -> Result<Vec<(String, String)>, String> {
    let raw = raw.unwrap_or_default();
    if raw.len() > MAX_QUERY_STRING {
        return Err(format!(
            "the query string is {} bytes, over the limit of {MAX_QUERY_STRING}",
            raw.len()
        ));
    }
    Ok(form_urlencoded::parse(raw.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect())
}

/// The search a query string describes, and the keys it left for the caller (`format`,
/// `limit` of a similar-articles list), which must be among `extra`.
pub fn search_request(
    pairs: &[(String, String)],
    extra: &[&str],
) -> Result<(SearchRequest, Vec<(String, String)>), String> {
    let mut request = SearchRequest::default();
    let mut left = Vec::new();
    for (key, value) in pairs {
        let value = value.as_str();
        let filters = &mut request.filters;
        match key.as_str() {
            "q" => request.query = value.to_owned(),
            "country" => filters.country.push(value.to_owned()),
            "official" => filters.official.push(value.to_owned()),
            "person" => filters.person.push(value.to_owned()),
            "place" => filters.place.push(value.to_owned()),
            "agency" => filters.agency.push(value.to_owned()),
            "from" | "to" if value.trim().is_empty() => {}
            "from" => filters.from = Some(day_range(value).map_err(|e| format!("from: {e}"))?.0),
            "to" => filters.to = Some(day_range(value).map_err(|e| format!("to: {e}"))?.1),
            "facets" => {
                for name in value.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                    request.facets.push(FacetSpec::parse(name)?);
                }
            }
            "facet_limit" => request.facet_limit = number(key, value, 1, MAX_FACET_LIMIT)?,
            "limit" => request.limit = number(key, value, 0, MAX_LIMIT)?,
            "offset" => request.offset = number(key, value, 0, MAX_OFFSET)?,
            "sort" => request.sort = sort(value)?,
            "timeline" => request.timeline = interval(value)?,
            other if extra.contains(&other) => left.push((key.clone(), value.to_owned())),
            other => return Err(format!("unknown parameter `{other}`")),
        }
    }
    // Empty values are what a form sends for fields left blank.
    let filters = &mut request.filters;
    for list in [
        &mut filters.country,
        &mut filters.official,
        &mut filters.person,
        &mut filters.place,
        &mut filters.agency,
    ] {
        list.retain(|v| !v.trim().is_empty());
    }
    if let (Some(from), Some(to)) = (filters.from, filters.to) {
        if from > to {
            return Err(format!("from {from} is after to {to}"));
        }
    }
    Ok((request, left))
}

/// A whole number in `min..=max`.
pub fn number(key: &str, value: &str, min: usize, max: usize) -> Result<usize, String> {
    value
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| format!("{key}: `{value}` is not a whole number from {min} to {max}"))
}

fn sort(value: &str) -> Result<Sort, String> {
    match value {
        "" | "relevance" => Ok(Sort::Relevance),
        "date" => Ok(Sort::Date),
        "-date" => Ok(Sort::OldestFirst),
        _ => Err(format!("sort: `{value}` is not relevance, date or -date")),
    }
}

fn interval(value: &str) -> Result<Option<Interval>, String> {
    match value {
        "" => Ok(None),
        "day" => Ok(Some(Interval::Day)),
        "week" => Ok(Some(Interval::Week)),
        "month" => Ok(Some(Interval::Month)),
        "year" => Ok(Some(Interval::Year)),
        _ => Err(format!("timeline: `{value}` is not day, week, month or year")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::FacetField;

    fn parse(query: &str) -> Result<SearchRequest, String> {
        search_request(&pairs(Some(query))?, &[]).map(|(request, _)| request)
    }

    #[test]
    fn repeated_keys_are_lists_and_facets_split_on_commas() {
        let request =
            parse("q=oil+prices&country=Iran&country=Iraq&facets=country,place:Iran&sort=-date")
                .unwrap();
        assert_eq!(request.query, "oil prices");
        assert_eq!(request.filters.country, ["Iran", "Iraq"]);
        assert_eq!(request.facets[0], FacetField::Country.into());
        assert_eq!(request.facets[1].label(), "place:Iran");
        assert_eq!(request.sort, Sort::OldestFirst);
    }

    #[test]
    fn dates_widen_to_their_period_and_must_be_in_order() {
        let request = parse("from=2023&to=2023-09").unwrap();
        assert_eq!(request.filters.from.unwrap().to_string(), "2023-01-01");
        assert_eq!(request.filters.to.unwrap().to_string(), "2023-09-30");
        assert_eq!(
            parse("from=2024&to=2023").unwrap_err(),
            "from 2024-01-01 is after to 2023-12-31"
        );
    }

    #[test]
    fn bad_values_and_unknown_keys_are_refused_with_the_reason() {
        assert_eq!(
            parse("limit=1000").unwrap_err(),
            "limit: `1000` is not a whole number from 0 to 100"
        );
        assert_eq!(parse("contry=Iran").unwrap_err(), "unknown parameter `contry`");
        assert!(parse("facets=colour").unwrap_err().starts_with("unknown facet `colour`"));
        assert!(parse("from=19/09/2023").unwrap_err().starts_with("from: bad date"));
        assert!(parse(&"q=a".repeat(MAX_QUERY_STRING)).unwrap_err().contains("over the limit"));
    }

    #[test]
    fn blank_form_fields_are_no_filter() {
        let request = parse("q=&country=&from=&to=2023&timeline=&sort=").unwrap();
        assert!(request.filters.country.is_empty());
        assert_eq!(request.timeline, None);
    }

    #[test]
    fn extra_keys_are_handed_back() {
        let (_, left) =
            search_request(&pairs(Some("q=oil&format=csv")).unwrap(), &["format"]).unwrap();
        assert_eq!(left, [("format".to_owned(), "csv".to_owned())]);
    }
}
