//! Stage 3, extraction: here is an article's text, give me its fields.
//!
//! In: a [`RawArticle`]. Out: an [`Article`] with title, body (site furniture removed),
//! date and where it came from, agency, the agency's own article id, and the entities:
//! people, officials, places and countries. Every extractor is a pure function of text
//! (and path, for dates), so `newsdex extract FILE` shows exactly what the indexer stores.

mod dateline;
pub mod entities;
pub mod meta;

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::read::{Origin, RawArticle};

/// A person with a role, and the country the role belongs to when the text says it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Official {
    /// Canonical full name ("Sergei Shoigu").
    pub name: String,
    /// Role as the text gives it, title-cased ("Defense Minister").
    pub role: Option<String>,
    /// Canonical country name of the role ("Russia").
    pub country: Option<String>,
}

/// A place the article names, and the country the extractor placed it in.
///
/// A name can have several places ("Georgia" the country and the US state): the entity
/// rules choose one sense, and `country` is that sense's country, so the index files the
/// place where the extractor decided (`/United States/Georgia (U.S. state)`) without
/// looking the name up again.
///
/// In JSON a place is its name alone (`"Tehran"`): the `places` field of the article
/// shape is `[string]`, and a place read back from JSON has no country. Read back from the
/// index, it has the country it was filed under.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Place {
    /// Canonical name ("Tehran", "Georgia (U.S. state)"), or a dateline place the
    /// gazetteers do not know, in title case.
    pub name: String,
    /// The country the place lies in ("Iran" for Tehran); `None` for a country itself, a
    /// region across countries ("Middle East") and a place the gazetteers do not know.
    pub country: Option<String>,
}

impl PartialEq<str> for Place {
    /// A place is equal to its name.
    fn eq(&self, name: &str) -> bool {
        self.name == name
    }
}

impl PartialEq<&str> for Place {
    fn eq(&self, name: &&str) -> bool {
        self.name == *name
    }
}

impl Serialize for Place {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.name)
    }
}

impl<'de> Deserialize<'de> for Place {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(|name| Place { name, country: None })
    }
}

/// Where an article's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// A metadata field (JSON key, HTML meta tag, `<time>`, JSON-LD).
    Metadata,
    /// A date written in the text ("Published: 19 September 2023").
    Text,
    /// The dateline's month and day, with the year from the file's path.
    Dateline,
    /// The file's path or a web page's URL (`2023/09/19/`, `2023-09-19` in the name).
    Path,
}

impl DateSource {
    /// The name used in JSON and in the index.
    pub fn name(self) -> &'static str {
        match self {
            DateSource::Metadata => "metadata",
            DateSource::Text => "text",
            DateSource::Dateline => "dateline",
            DateSource::Path => "path",
        }
    }
}

/// One article with every field newsdex extracts. This is also the JSON shape of
/// `newsdex extract` and `newsdex export`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable id: a hash of the path and line, 16 hex digits.
    pub id: String,
    /// The file the article came from.
    pub path: String,
    /// Line in a JSON Lines file (position in a JSON array), if any.
    pub line: Option<u64>,
    /// Headline.
    pub title: String,
    /// Publication date, or `None` when nothing gives one.
    pub date: Option<NaiveDate>,
    /// Where `date` came from.
    pub date_source: Option<DateSource>,
    /// Canonical agency name ("Reuters", "IMNA").
    pub agency: Option<String>,
    /// The agency's own article id ("689019" from `News ID 689019`).
    pub news_id: Option<String>,
    /// The article's URL, when the source gives one.
    pub url: Option<String>,
    /// Every person named, canonical full names.
    pub people: Vec<String>,
    /// The people with a role.
    pub officials: Vec<Official>,
    /// Every place named: countries, regions, cities, each with its country.
    pub places: Vec<Place>,
    /// The countries named or implied by places and demonyms.
    pub countries: Vec<String>,
    /// Body text without site furniture.
    pub body: String,
    /// The story the article is a copy of: the id of the story's earliest article (the
    /// article's own id when it has no copies). Only the index knows it, from the whole
    /// archive: extraction leaves it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub story: Option<String>,
    /// When the article was written to the index (UTC, to the microsecond): what
    /// `--added-since` and watches compare. Only the index knows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added: Option<chrono::DateTime<chrono::Utc>>,
}

impl Article {
    /// The names of the places, in order: what the article shows of its places.
    pub fn place_names(&self) -> impl Iterator<Item = &str> {
        self.places.iter().map(|place| place.name.as_str())
    }
}

/// The article the project started from, byte for byte as scraped: every test of the
/// seed reads it from this one file.
#[cfg(test)]
pub(crate) const SEED: &str = include_str!("../../tests/data/seed/imna-689019.txt");

/// The stable id of an article: 16 hex digits of a hash of its path and line.
pub fn article_id(origin: &Origin) -> String {
    let mut key = origin.path.to_string_lossy().into_owned();
    if let Some(line) = origin.line {
        key.push_str(&format!("#{line}"));
    }
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(key.as_bytes()))
}

/// Extracts every field of one article.
pub fn extract(raw: &RawArticle) -> Article {
    let fields = meta::extract_meta(raw);
    let found = entities::extract_entities(&fields.title, &fields.body);
    Article {
        id: article_id(&raw.origin),
        path: path_string(&raw.origin.path),
        line: raw.origin.line,
        title: fields.title,
        date: fields.date.map(|d| d.date),
        date_source: fields.date.map(|d| d.source),
        agency: fields.agency,
        news_id: fields.news_id,
        url: raw.meta.url.clone(),
        people: found.people,
        officials: found.officials,
        places: found.places,
        countries: found.countries,
        body: fields.body,
        story: None,
        added: None,
    }
}

fn path_string(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}
