//! The index schema, loaded from `index_schema/schema.json`.
//!
//! The schema is data: the JSON file is tantivy's own serialised `Schema` plus a version
//! number, compiled into the binary. [`NewsSchema`] resolves every field the code uses by
//! name once, so a field renamed in the file fails loudly at start-up (and in a unit test),
//! never with a silently empty result. The version is written into every commit; an index
//! written with another version is refused with a "re-index" error.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};
use tantivy::schema::{Field, Schema};
use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, RemoveLongFilter, TextAnalyzer};
use tantivy::Index;

/// The schema file, as shipped.
pub const SCHEMA_JSON: &str = include_str!("../../index_schema/schema.json");

/// Name of the tokenizer used by the prose fields (title, body).
pub const NEWS_TOKENIZER: &str = "news";

#[derive(Deserialize)]
struct SchemaFile {
    version: u32,
    fields: Schema,
}

/// The schema with every field the code uses resolved.
#[derive(Debug, Clone)]
pub struct NewsSchema {
    /// Version of the schema file; stored in every commit.
    pub version: u32,
    /// The tantivy schema.
    pub schema: Schema,
    /// Stable article id (raw string).
    pub id: Field,
    /// Source file path (raw string; all articles of a file share it).
    pub path: Field,
    /// Line in a JSON Lines file.
    pub line: Field,
    /// Size in bytes of the source file when it was indexed.
    pub file_size: Field,
    /// Modification time of the source file (nanoseconds since 1970) when it was indexed.
    pub file_mtime: Field,
    /// xxh3 hash of the source file's bytes when it was indexed.
    pub file_hash: Field,
    /// Headline (tokenized, stored).
    pub title: Field,
    /// Body (tokenized, stored).
    pub body: Field,
    /// Publication date (indexed, fast, stored).
    pub date: Field,
    /// Where the date came from.
    pub date_source: Field,
    /// The agency's own article id.
    pub news_id: Field,
    /// Article URL.
    pub url: Field,
    /// Agency facet (`/Reuters`).
    pub agency: Field,
    /// Person facet (`/Sergei Shoigu`).
    pub person: Field,
    /// Official facet, by name (`/Sergei Shoigu`).
    pub official: Field,
    /// Official records (`{"name", "role", "country"}` JSON), stored only.
    pub official_role: Field,
    /// Officials with their roles, as facets (`/Sergei Shoigu/Defense Minister/Russia`,
    /// an unknown role or country an empty step), to count roles from columns.
    pub official_tree: Field,
    /// Place facet, flat (`/Tehran`).
    pub place: Field,
    /// Place facet under its country (`/Iran/Tehran`).
    pub place_tree: Field,
    /// Country facet (`/Iran`).
    pub country: Field,
    /// Year facet (`/2023`).
    pub year: Field,
    /// Month facet (`/2023-09`).
    pub month: Field,
    /// The story: its lead article's id (raw string, indexed, fast, stored).
    pub story: Field,
    /// Sampled shingle hashes of the body, to find copies by (u64, indexed only).
    pub story_sketch: Field,
    /// How many sketch terms the document has (u64, fast): what a candidate's shared
    /// terms are weighed against before its text is loaded.
    pub story_terms: Field,
    /// The indexing run that wrote the document (u64, fast, stored): what the grouping of
    /// stories has not seen yet.
    pub generation: Field,
    /// When the document was first written (date, microseconds, fast, stored): what "new
    /// since" compares with.
    pub added: Field,
}

/// A field that can be filtered on and counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FacetField {
    /// Countries named or implied.
    Country,
    /// People with a role.
    Official,
    /// Every person.
    Person,
    /// Every place.
    Place,
    /// The news agency.
    Agency,
    /// Publication year.
    Year,
    /// Publication month (`2023-09`).
    Month,
}

impl FacetField {
    /// Every facet field, in the order help texts list them.
    pub const ALL: [FacetField; 7] = [
        FacetField::Country,
        FacetField::Official,
        FacetField::Person,
        FacetField::Place,
        FacetField::Agency,
        FacetField::Year,
        FacetField::Month,
    ];

    /// The name users type (`--facets country,year`).
    pub fn name(self) -> &'static str {
        match self {
            FacetField::Country => "country",
            FacetField::Official => "official",
            FacetField::Person => "person",
            FacetField::Place => "place",
            FacetField::Agency => "agency",
            FacetField::Year => "year",
            FacetField::Month => "month",
        }
    }

    /// Parses a name users type.
    pub fn from_name(name: &str) -> Option<FacetField> {
        FacetField::ALL.into_iter().find(|f| f.name().eq_ignore_ascii_case(name.trim()))
    }

    /// Time facets list their values in time order, not by count.
    pub fn is_temporal(self) -> bool {
        matches!(self, FacetField::Year | FacetField::Month)
    }

    /// People's facets, whose values are names of people (counted and filtered as people).
    pub fn is_people(self) -> bool {
        matches!(self, FacetField::Person | FacetField::Official)
    }
}

static SHIPPED: LazyLock<NewsSchema> = LazyLock::new(|| {
    NewsSchema::from_json(SCHEMA_JSON).unwrap_or_else(|err| {
        panic!("index_schema/schema.json compiled into newsdex is invalid: {err}")
    })
});

impl NewsSchema {
    /// The schema this build of newsdex writes.
    pub fn shipped() -> &'static NewsSchema {
        &SHIPPED
    }

    /// Parses a schema file and resolves the fields the code needs.
    pub fn from_json(json: &str) -> Result<NewsSchema, String> {
        let file: SchemaFile = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let schema = file.fields;
        let field = |name: &str| {
            schema.get_field(name).map_err(|_| format!("the schema has no field `{name}`"))
        };
        Ok(NewsSchema {
            version: file.version,
            id: field("id")?,
            path: field("path")?,
            line: field("line")?,
            file_size: field("file_size")?,
            file_mtime: field("file_mtime")?,
            file_hash: field("file_hash")?,
            title: field("title")?,
            body: field("body")?,
            date: field("date")?,
            date_source: field("date_source")?,
            news_id: field("news_id")?,
            url: field("url")?,
            agency: field("agency")?,
            person: field("person")?,
            official: field("official")?,
            official_role: field("official_role")?,
            official_tree: field("official_tree")?,
            place: field("place")?,
            place_tree: field("place_tree")?,
            country: field("country")?,
            year: field("year")?,
            month: field("month")?,
            story: field("story")?,
            story_sketch: field("story_sketch")?,
            story_terms: field("story_terms")?,
            generation: field("generation")?,
            added: field("added")?,
            schema,
        })
    }

    /// The name of a field, for the tantivy APIs that take names (fast fields).
    pub fn name(&self, field: Field) -> &str {
        self.schema.get_field_name(field)
    }

    /// The facet field users filter on and count as `field`.
    pub fn facet(&self, field: FacetField) -> Field {
        match field {
            FacetField::Country => self.country,
            FacetField::Official => self.official,
            FacetField::Person => self.person,
            FacetField::Place => self.place,
            FacetField::Agency => self.agency,
            FacetField::Year => self.year,
            FacetField::Month => self.month,
        }
    }
}

/// Registers the tokenizers the schema names on an index (tantivy does not persist them).
pub fn register_tokenizers(index: &Index) {
    index.tokenizers().register(NEWS_TOKENIZER, news_analyzer());
}

/// The analyzer of the prose fields: it splits Chinese, Japanese and Korean into bigrams so
/// a two-character word is found, folds accents so "Brasilia" finds "Brasília", and stems
/// English so "sanction" finds "sanctions".
pub fn news_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(super::tokenizer::NewsTokenizer)
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(super::stem::CachedStemmer)
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::FieldType;

    #[test]
    fn shipped_schema_resolves_every_field() {
        let s = NewsSchema::shipped();
        assert!(s.version >= 1);
        assert_eq!(s.schema.get_field_name(s.title), "title");
    }

    #[test]
    fn prose_fields_index_positions_with_the_news_tokenizer() {
        let s = NewsSchema::shipped();
        for field in [s.title, s.body] {
            let FieldType::Str(options) = s.schema.get_field_entry(field).field_type() else {
                panic!("prose fields are text");
            };
            let indexing = options.get_indexing_options().expect("prose fields are indexed");
            assert_eq!(indexing.tokenizer(), NEWS_TOKENIZER);
            assert!(indexing.index_option().has_positions(), "phrase queries need positions");
        }
    }

    #[test]
    fn the_file_is_exactly_what_tantivy_would_write() {
        // A misspelt option would be silently dropped by tantivy's parser; this catches it.
        let file: serde_json::Value = serde_json::from_str(SCHEMA_JSON).unwrap();
        let written = serde_json::to_value(&NewsSchema::shipped().schema).unwrap();
        assert_eq!(file["fields"], written);
    }

    #[test]
    fn added_is_a_fast_stored_date_to_the_microsecond() {
        let s = NewsSchema::shipped();
        // Version 4 brought it: an index of an earlier one has no `added` to compare.
        assert!(s.version >= 4);
        let FieldType::Date(options) = s.schema.get_field_entry(s.added).field_type() else {
            panic!("added is a date");
        };
        assert!(options.is_fast() && options.is_stored());
        // Two commits a second apart must not look simultaneous to a watch.
        assert_eq!(options.get_precision(), tantivy::schema::DateTimePrecision::Microseconds);
    }

    #[test]
    fn a_missing_field_is_named() {
        let err = NewsSchema::from_json(r#"{"version": 1, "fields": []}"#).unwrap_err();
        assert_eq!(err, "the schema has no field `id`");
    }
}
