//! Conversion between an [`Article`] and a tantivy document.
//!
//! Every field of the article is stored, so `export` and `show` give back exactly what
//! `extract` printed, and a later move to another engine needs no second pass over the
//! source files. Entity lists become facets (one value per path), which is what makes
//! counts over all matching articles cheap and exact. A place is filed under the country
//! the extractor placed it in (`/Iran/Tehran`), never looked up again here: a name may
//! have several places, and only the extractor saw which one the article meant.

use std::io;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use tantivy::error::DataCorruption;
use tantivy::schema::{Facet, Value};
use tantivy::store::StoreReader;
use tantivy::{DateTime, DocAddress, Searcher, TantivyDocument, TantivyError};

use super::damage;
use super::schema::NewsSchema;
use crate::error::Result;
use crate::extract::{Article, DateSource, Official, Place};
use crate::stories::Shingles;

/// The stored documents behind one searcher, each one's bytes checked before tantivy
/// decodes them.
///
/// tantivy believes the lengths written inside a stored document: a damaged one that
/// claims a string of a petabyte makes it ask the system for that much memory, and a
/// refused allocation aborts the process, past any guard. So every document is read as
/// bytes first and walked (in `damage.rs`); one whose lengths run past its end
/// is tantivy's data-corruption error, which the guard around every read turns into
/// [`crate::error::UserError::Damaged`].
pub struct StoredDocs {
    // tantivy's searcher is a handle to shared segments: owning a clone costs nothing.
    searcher: Searcher,
    // One reader per segment, opened when a document of it is first asked for: a page
    // of hits touches few segments. Their block caches serve the check and the decoding
    // alike, so a block is decompressed once.
    stores: Vec<OnceLock<io::Result<StoreReader>>>,
}

/// Blocks each segment's reader keeps decompressed, as many as tantivy's own searcher.
const CACHED_BLOCKS: usize = 100;

impl StoredDocs {
    /// The stored documents of `searcher`'s segments.
    pub fn new(searcher: &Searcher) -> Self {
        let stores = searcher.segment_readers().iter().map(|_| OnceLock::new()).collect();
        StoredDocs { searcher: searcher.clone(), stores }
    }

    /// The searcher the documents belong to.
    pub fn searcher(&self) -> &Searcher {
        &self.searcher
    }

    /// The document at `address`.
    pub fn doc(&self, address: DocAddress) -> Result<TantivyDocument> {
        let ord = address.segment_ord as usize;
        let (Some(segment), Some(store)) =
            (self.searcher.segment_readers().get(ord), self.stores.get(ord))
        else {
            return Err(corrupt(format!("no segment {ord} for a stored document")));
        };
        let store = match store.get_or_init(|| segment.get_store_reader(CACHED_BLOCKS)) {
            Ok(store) => store,
            Err(err) => {
                return Err(TantivyError::from(io::Error::new(err.kind(), err.to_string())).into())
            }
        };
        if !damage::sound_document(&store.get_document_bytes(address.doc_id)?) {
            let doc = address.doc_id;
            return Err(corrupt(format!("stored document {doc} of segment {ord} is damaged")));
        }
        Ok(store.get(address.doc_id)?)
    }

    /// The article at `address`.
    pub fn article(&self, schema: &NewsSchema, address: DocAddress) -> Result<Article> {
        Ok(to_article(schema, &self.doc(address)?))
    }

    /// The articles at `addresses`, in their order.
    pub fn articles(
        &self,
        schema: &NewsSchema,
        addresses: impl IntoIterator<Item = DocAddress>,
    ) -> Result<Vec<Article>> {
        addresses.into_iter().map(|address| self.article(schema, address)).collect()
    }
}

fn corrupt(comment: String) -> crate::Error {
    TantivyError::DataCorruption(DataCorruption::comment_only(comment)).into()
}

/// What the index remembers of an article's source file, to tell on the next run whether
/// the file changed without reading it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FileStamp {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since 1970.
    pub mtime_ns: i64,
    /// xxh3 hash of the bytes.
    pub hash: u64,
}

/// When an article entered the index: the indexing run and the moment it was written.
/// A story's members written again keep theirs, so "new since" means new to the archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// The number of the indexing run.
    pub generation: u64,
    /// The moment (microseconds).
    pub added: DateTime,
}

impl Written {
    /// Written now, by the run `generation`.
    pub fn now(generation: u64) -> Written {
        let micros = chrono::Utc::now().timestamp_micros();
        Written { generation, added: DateTime::from_timestamp_micros(micros) }
    }

    /// What a stored document records.
    pub fn stored(schema: &NewsSchema, doc: &TantivyDocument) -> Written {
        Written {
            generation: doc.get_first(schema.generation).and_then(|v| v.as_u64()).unwrap_or(0),
            added: doc
                .get_first(schema.added)
                .and_then(|v| v.as_datetime())
                .unwrap_or(DateTime::MIN),
        }
    }
}

/// Builds the tantivy document for an article read from a file with `stamp`, written as
/// `written` says. An article without a story is a story of its own until the run groups
/// it.
pub fn to_document(
    schema: &NewsSchema,
    article: &Article,
    stamp: FileStamp,
    written: Written,
) -> TantivyDocument {
    let mut doc = TantivyDocument::new();
    doc.add_text(schema.story, article.story.as_deref().unwrap_or(&article.id));
    let sketch = Shingles::of(&article.body).sketch();
    for term in sketch.terms() {
        doc.add_u64(schema.story_sketch, term);
    }
    doc.add_u64(schema.story_terms, sketch.terms().count() as u64);
    doc.add_u64(schema.generation, written.generation);
    doc.add_date(schema.added, written.added);
    doc.add_text(schema.id, &article.id);
    doc.add_text(schema.path, &article.path);
    if let Some(line) = article.line {
        doc.add_u64(schema.line, line);
    }
    doc.add_u64(schema.file_size, stamp.size);
    doc.add_i64(schema.file_mtime, stamp.mtime_ns);
    doc.add_u64(schema.file_hash, stamp.hash);
    doc.add_text(schema.title, &article.title);
    doc.add_text(schema.body, &article.body);
    if let Some(date) = article.date {
        doc.add_date(schema.date, date_time(date));
        doc.add_facet(schema.year, Facet::from_path([date.year().to_string()]));
        doc.add_facet(schema.month, Facet::from_path([month_key(date)]));
    }
    if let Some(source) = article.date_source {
        doc.add_text(schema.date_source, source.name());
    }
    if let Some(news_id) = &article.news_id {
        doc.add_text(schema.news_id, news_id);
    }
    if let Some(url) = &article.url {
        doc.add_text(schema.url, url);
    }
    if let Some(agency) = &article.agency {
        doc.add_facet(schema.agency, leaf(agency));
    }
    for person in &article.people {
        doc.add_facet(schema.person, leaf(person));
    }
    for official in &article.officials {
        doc.add_facet(schema.official, leaf(&official.name));
        let record = serde_json::to_string(official).unwrap_or_default();
        doc.add_text(schema.official_role, record);
        if official.role.is_some() || official.country.is_some() {
            let role = official.role.as_deref().unwrap_or_default();
            let country = official.country.as_deref().unwrap_or_default();
            doc.add_facet(schema.official_tree, Facet::from_path([&official.name, role, country]));
        }
    }
    for place in &article.places {
        doc.add_facet(schema.place, leaf(&place.name));
        doc.add_facet(schema.place_tree, place_path(place));
    }
    for country in &article.countries {
        doc.add_facet(schema.country, leaf(country));
    }
    doc
}

/// Rebuilds the article from a stored document.
pub fn to_article(schema: &NewsSchema, doc: &TantivyDocument) -> Article {
    let text = |field| doc.get_first(field).and_then(|v| v.as_str()).map(str::to_owned);
    let facets =
        |field| doc.get_all(field).filter_map(|v| v.as_facet().map(facet_leaf)).collect::<Vec<_>>();
    let date = doc
        .get_first(schema.date)
        .and_then(|v| v.as_datetime())
        .and_then(|d| chrono::DateTime::from_timestamp(d.into_timestamp_secs(), 0))
        .map(|d| d.date_naive());
    let date_source = text(schema.date_source).and_then(|name| match name.as_str() {
        "metadata" => Some(DateSource::Metadata),
        "text" => Some(DateSource::Text),
        "dateline" => Some(DateSource::Dateline),
        "path" => Some(DateSource::Path),
        _ => None,
    });
    let officials = doc
        .get_all(schema.official_role)
        .filter_map(|v| v.as_str())
        .filter_map(|record| serde_json::from_str::<Official>(record).ok())
        .collect();
    Article {
        id: text(schema.id).unwrap_or_default(),
        path: text(schema.path).unwrap_or_default(),
        line: doc.get_first(schema.line).and_then(|v| v.as_u64()),
        title: text(schema.title).unwrap_or_default(),
        date,
        date_source,
        agency: facets(schema.agency).into_iter().next(),
        news_id: text(schema.news_id),
        url: text(schema.url),
        people: facets(schema.person),
        officials,
        places: doc
            .get_all(schema.place_tree)
            .filter_map(|v| v.as_facet())
            .map(stored_place)
            .collect(),
        countries: facets(schema.country),
        body: text(schema.body).unwrap_or_default(),
        story: text(schema.story),
        added: doc.get_first(schema.added).and_then(|v| v.as_datetime()).and_then(|added| {
            chrono::DateTime::from_timestamp_micros(added.into_timestamp_micros())
        }),
    }
}

/// The file stamp stored with a document, to write it again unchanged.
pub fn stored_stamp(schema: &NewsSchema, doc: &TantivyDocument) -> FileStamp {
    let number = |field| doc.get_first(field).and_then(|v| v.as_u64()).unwrap_or_default();
    FileStamp {
        size: number(schema.file_size),
        mtime_ns: doc.get_first(schema.file_mtime).and_then(|v| v.as_i64()).unwrap_or_default(),
        hash: number(schema.file_hash),
    }
}

/// The facet for a single value (`Iran` → `/Iran`). Slashes inside a value are kept as
/// part of the value, not taken for levels.
pub fn leaf(value: &str) -> Facet {
    Facet::from_path([value])
}

/// A place under its country (`Tehran` → `/Iran/Tehran`); countries, regions and places
/// of unknown country sit at the top level.
pub fn place_path(place: &Place) -> Facet {
    match &place.country {
        Some(country) => Facet::from_path([country, &place.name]),
        None => leaf(&place.name),
    }
}

/// The place a stored place-tree facet was filed from: the first of two steps is its
/// country.
fn stored_place(encoded: &str) -> Place {
    match encoded.split_once('\0') {
        Some((country, name)) => Place { name: name.to_owned(), country: Some(country.to_owned()) },
        None => Place { name: encoded.to_owned(), country: None },
    }
}

/// The last step of a facet path, from its encoded form.
pub fn facet_leaf(encoded: &str) -> String {
    encoded.rsplit('\0').next().unwrap_or_default().to_owned()
}

/// `2023-09` for a date.
pub fn month_key(date: NaiveDate) -> String {
    format!("{:04}-{:02}", date.year(), date.month())
}

/// The earliest and latest days the index can hold (tantivy keeps nanoseconds in an
/// `i64`); dates outside are clamped, so a filter like `--from 1200` still works.
const DAY_RANGE: (NaiveDate, NaiveDate) =
    match (NaiveDate::from_ymd_opt(1700, 1, 1), NaiveDate::from_ymd_opt(2200, 12, 31)) {
        (Some(first), Some(last)) => (first, last),
        _ => panic!("constant dates are valid"),
    };

/// A calendar date as the start of that day, UTC.
pub fn date_time(date: NaiveDate) -> DateTime {
    let day = date.clamp(DAY_RANGE.0, DAY_RANGE.1);
    DateTime::from_timestamp_secs(day.and_time(chrono::NaiveTime::MIN).and_utc().timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    const STAMP: FileStamp = FileStamp { size: 12, mtime_ns: -3, hash: 99 };

    fn place(name: &str, country: Option<&str>) -> Place {
        Place { name: name.into(), country: country.map(Into::into) }
    }

    fn article() -> Article {
        Article {
            id: "00000000000000ab".into(),
            path: "corpus/a.jsonl".into(),
            line: Some(3),
            title: "Talks in Tehran".into(),
            date: NaiveDate::from_ymd_opt(2023, 9, 19),
            date_source: Some(DateSource::Dateline),
            agency: Some("IRNA".into()),
            news_id: Some("689019".into()),
            url: Some("https://example.org/a".into()),
            people: vec!["Sergei Shoigu".into(), "AC/DC Fan".into()],
            officials: vec![Official {
                name: "Sergei Shoigu".into(),
                role: Some("Defense Minister".into()),
                country: Some("Russia".into()),
            }],
            places: vec![
                place("Tehran", Some("Iran")),
                place("Iran", None),
                place("Middle East", None),
                place("Georgia (U.S. state)", Some("United States")),
                place("Dallas/Fort Worth", None),
            ],
            countries: vec!["Iran".into(), "Russia".into()],
            body: "TEHRAN, Sept. 19 (IRNA) - Talks.".into(),
            story: Some("00000000000000aa".into()),
            added: None,
        }
    }

    #[test]
    fn an_article_survives_the_round_trip_through_the_index_document() {
        let schema = NewsSchema::shipped();
        let original = article();
        let written = Written::now(7);
        let doc = to_document(schema, &original, STAMP, written);
        // The index adds when it wrote the article, to the microsecond.
        let added = chrono::DateTime::from_timestamp_micros(written.added.into_timestamp_micros());
        assert_eq!(to_article(schema, &doc), Article { added, ..original });
        assert_eq!(stored_stamp(schema, &doc), STAMP);
        assert_eq!(Written::stored(schema, &doc), written);
    }

    #[test]
    fn places_are_filed_under_the_country_the_extractor_decided() {
        // The gazetteers hold two places named Woodlands (Texas, Singapore); the name
        // alone does not say which one the article meant.
        let texas = place("The Woodlands", Some("United States"));
        assert_eq!(place_path(&texas), Facet::from_path(["United States", "The Woodlands"]));
        let unknown = place("Leytonstone", None);
        assert_eq!(place_path(&unknown), Facet::from_path(["Leytonstone"]));
        let schema = NewsSchema::shipped();
        let article = Article { places: vec![texas, unknown], ..article() };
        let doc = to_document(schema, &article, FileStamp::default(), Written::now(1));
        let tree: Vec<&str> = doc.get_all(schema.place_tree).filter_map(|v| v.as_facet()).collect();
        assert_eq!(tree, ["United States\0The Woodlands", "Leytonstone"]);
        assert_eq!(to_article(schema, &doc).places, article.places);
    }

    #[test]
    fn dates_far_out_of_range_are_clamped_not_overflowed() {
        let ancient = date_time(NaiveDate::from_ymd_opt(1, 1, 1).unwrap());
        assert_eq!(ancient, date_time(NaiveDate::from_ymd_opt(1700, 1, 1).unwrap()));
    }

    #[test]
    fn month_keys_sort_as_text() {
        let date = NaiveDate::from_ymd_opt(2023, 9, 1).unwrap();
        assert_eq!(month_key(date), "2023-09");
    }
}
