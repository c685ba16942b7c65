//! A page's headline, reconciled from the places a page writes it: Open Graph and
//! Twitter titles, the JSON-LD article's `headline`, the article's `<h1>` and the
//! `<title>`.
//!
//! Titles carry the site's name on either side of a separator ("Story | Site",
//! "Site - Story"). A part that is a name the page gives itself (`og:site_name`,
//! `application-name`, the JSON-LD publisher, the URL's host) is cut off; a `<title>`
//! loses its last part even when no name is known. A candidate that is the site's name
//! alone is never the headline. The `<h1>` wins when a metadata title agrees with it (it
//! is then the cleanest copy); otherwise the metadata titles come first, and the `<h1>`
//! only before the `<title>`.

/// What separates a headline from a site name.
const SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " » ", " · ", " // ", " ‹ "];

/// The places a page writes its headline, and the names it gives itself.
#[derive(Debug, Default)]
pub(super) struct Candidates {
    /// `og:title`, `twitter:title`, the JSON-LD `headline`, in that order.
    pub metadata: Vec<String>,
    /// The article's first `<h1>`.
    pub h1: Option<String>,
    /// The `<title>`.
    pub title: Option<String>,
    /// `og:site_name`, `application-name`, the JSON-LD publisher, the URL's host.
    pub site_names: Vec<String>,
}

/// Letters and digits only, lower case: "The Daily Star" and "thedailystar" agree.
fn squash(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The headline, if any candidate gives one that is not the site's name alone.
pub(super) fn reconcile(candidates: &Candidates) -> Option<String> {
    let sites: Vec<String> =
        candidates.site_names.iter().map(|name| squash(name)).filter(|n| n.len() >= 2).collect();
    let is_site = |part: &str| {
        let part = squash(part);
        !part.is_empty()
            && sites
                .iter()
                .any(|site| *site == part || (part.len() >= 4 && site.starts_with(&part)))
    };
    let usable = |title: String| Some(title).filter(|t| !t.is_empty() && !is_site(t));
    let metadata: Vec<String> = candidates
        .metadata
        .iter()
        .filter_map(|title| usable(strip_site(title, &is_site, false)))
        .collect();
    let h1 = candidates.h1.clone().and_then(usable);
    let title = candidates.title.as_deref().and_then(|t| usable(strip_site(t, &is_site, true)));
    if let Some(h1) = &h1 {
        let agrees = |other: &String| squash(other) == squash(h1);
        if metadata.iter().chain(&title).any(agrees) {
            return Some(h1.clone());
        }
    }
    metadata.into_iter().next().or(h1).or(title)
}

/// `title` without a site name before the first or after the last separator; with
/// `cut_last`, the last part goes even when it is not a known name.
fn strip_site(title: &str, is_site: &impl Fn(&str) -> bool, cut_last: bool) -> String {
    let mut title = title.trim();
    loop {
        let last = SEPARATORS.iter().filter_map(|s| title.rfind(s).map(|at| (at, s.len()))).max();
        if let Some((at, len)) = last {
            if is_site(&title[at + len..]) && !title[..at].trim().is_empty() {
                title = title[..at].trim();
                continue;
            }
        }
        let first = SEPARATORS.iter().filter_map(|s| title.find(s).map(|at| (at, s.len()))).min();
        if let Some((at, len)) = first {
            if is_site(&title[..at]) && !title[at + len..].trim().is_empty() {
                title = title[at + len..].trim();
                continue;
            }
        }
        break;
    }
    if cut_last {
        let last = SEPARATORS.iter().filter_map(|s| title.rfind(s)).max();
        if let Some(at) = last.filter(|at| !title[..*at].trim().is_empty()) {
            title = title[..at].trim();
        }
    }
    title.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidates(metadata: &[&str], h1: Option<&str>, title: Option<&str>) -> Candidates {
        Candidates {
            metadata: metadata.iter().map(|t| t.to_string()).collect(),
            h1: h1.map(str::to_string),
            title: title.map(str::to_string),
            site_names: vec!["The Daily".into(), "daily.example".into()],
        }
    }

    #[test]
    fn reconciliation() {
        let cases = [
            (candidates(&["Story | The Daily"], None, None), Some("Story")),
            (
                candidates(&["The Daily - Story - with a dash"], None, None),
                Some("Story - with a dash"),
            ),
            (candidates(&["The Daily"], Some("Story"), Some("The Daily")), Some("Story")),
            (candidates(&["Meta story"], Some("Story"), Some("Story | The Daily")), Some("Story")),
            (candidates(&["Meta story"], Some("Logo"), None), Some("Meta story")),
            (candidates(&[], Some("Story"), Some("Other | Anything")), Some("Story")),
            (candidates(&[], None, Some("Story - Anything")), Some("Story")),
            (
                candidates(&[], None, Some("Iran - Russia talks - Reuters")),
                Some("Iran - Russia talks"),
            ),
            (candidates(&[], None, Some("The Daily")), None),
            (candidates(&[], None, Some(" - Site")), Some("- Site")),
        ];
        for (given, expected) in cases {
            assert_eq!(reconcile(&given).as_deref(), expected, "{given:?}");
        }
    }
}
