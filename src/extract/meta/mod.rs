//! Title, body, date, agency and the agency's article id.

use chrono::NaiveDate;

use super::DateSource;
use crate::read::RawArticle;

/// A date and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundDate {
    /// The publication date.
    pub date: NaiveDate,
    /// Where it was found.
    pub source: DateSource,
}

/// The non-entity fields of an article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MetaFields {
    /// Headline.
    pub title: String,
    /// Body without site furniture.
    pub body: String,
    /// Publication date.
    pub date: Option<FoundDate>,
    /// Canonical agency name.
    pub agency: Option<String>,
    /// The agency's own article id.
    pub news_id: Option<String>,
}

/// Extracts title, body, date, agency and news id.
pub fn extract_meta(raw: &RawArticle) -> MetaFields {
    MetaFields { body: raw.text.clone(), ..MetaFields::default() }
}

/// The canonical name of a news agency from a name, code or spelling.
pub fn canonical_agency(_name: &str) -> Option<&'static str> {
    None
}
