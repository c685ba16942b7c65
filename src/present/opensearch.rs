//! OpenSearch and Elasticsearch: the `_bulk` lines of an export, and the index that
//! receives them (its mapping, and the `terms` / `date_histogram` searches that count what
//! newsdex's facets and timeline count).
//!
//! The document is the export shape (the article's own JSON, [`Column::ARTICLE`]); the
//! mapping is derived from it column by column, each column typed from the index schema
//! (`index_schema/schema.json`: a facet field becomes a `keyword`, prose with newsdex's
//! analyzer `text` with an English analyzer, a date `date`), so no list of field names is
//! written twice. What this module does not do: talk to a cluster. It writes what a
//! cluster is given; loading it is `curl`'s job.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::{json, Map, Value};
use tantivy::schema::FieldType;

use super::columns::{Column, Row};
use crate::extract::Official;
use crate::index::schema::{FacetField, NewsSchema, NEWS_TOKENIZER};
use crate::search::timeline::Interval;
use crate::search::Hit;

/// The index name the bulk lines and the mapping use unless told otherwise.
pub const DEFAULT_INDEX: &str = "newsdex";

/// The name of the analyzer the mapping defines for the prose fields.
const ANALYZER: &str = "news_english";

/// Facet values a `terms` example lists: newsdex's `--facet-limit` default.
const TERMS_SIZE: usize = crate::search::request::DEFAULT_FACET_LIMIT;

/// Checks an OpenSearch index name as the server would, so a bad one is refused before
/// an export is written rather than by the cluster after it is sent.
pub fn index_name(text: &str) -> Result<String, String> {
    let bad = |why: &str| Err(format!("`{text}` cannot name an OpenSearch index: {why}"));
    if text.is_empty() {
        return bad("it is empty");
    }
    if text.len() > 255 {
        return bad("it is longer than 255 bytes");
    }
    if text == "." || text == ".." {
        return bad("`.` and `..` are reserved");
    }
    if text.starts_with(['-', '_', '+']) {
        return bad("it may not start with `-`, `_` or `+`");
    }
    if text.chars().any(char::is_uppercase) {
        return bad("it must be lowercase");
    }
    if let Some(c) = text.chars().find(|c| "\\/*?\"<>| ,#:".contains(*c) || c.is_control()) {
        return bad(&format!("it may not hold {c:?}"));
    }
    Ok(text.to_owned())
}

/// The bulk action that indexes one document under its article id.
#[derive(Serialize)]
struct Action<'a> {
    index: ActionTarget<'a>,
}

#[derive(Serialize)]
struct ActionTarget<'a> {
    #[serde(rename = "_index")]
    index: &'a str,
    #[serde(rename = "_id")]
    id: &'a str,
}

/// Writes one article as two `_bulk` lines: the `index` action naming its id, then the
/// document, each ended by a newline (the bulk API refuses a body whose last line is not).
pub fn write_bulk(
    out: &mut dyn Write,
    index: &str,
    hit: &Hit,
    columns: &[Column],
) -> io::Result<()> {
    let action = Action { index: ActionTarget { index, id: &hit.article.id } };
    super::json::write_line(out, &action)?;
    super::json::write_line(out, &Row { hit, columns })
}

/// The column of the export document that carries a facet, and the path of its values
/// inside it; `None` for the time facets, which OpenSearch counts from `date`.
fn facet_path(field: FacetField) -> Option<String> {
    let column = Column::ARTICLE.into_iter().find(|&c| column_facet(c) == Some(field))?;
    Some(match column {
        Column::Officials => format!("{}.{}", column.name(), official_name_key()),
        _ => column.name().to_owned(),
    })
}

/// The facet a column of the export document carries the values of.
fn column_facet(column: Column) -> Option<FacetField> {
    match column {
        Column::Countries => Some(FacetField::Country),
        Column::Officials => Some(FacetField::Official),
        Column::People => Some(FacetField::Person),
        Column::Places => Some(FacetField::Place),
        Column::Agency => Some(FacetField::Agency),
        _ => None,
    }
}

/// An official as the export document writes it, its name `name`.
fn official_json(name: &str) -> Map<String, Value> {
    let official = Official { name: name.to_owned(), role: None, country: None };
    match serde_json::to_value(official) {
        Ok(Value::Object(keys)) => keys,
        _ => Map::new(),
    }
}

/// The keys of an official in the export document, as serde writes them.
fn official_keys() -> Vec<String> {
    official_json("").keys().cloned().collect()
}

/// The key of an official's name, the facet, in the export document.
fn official_name_key() -> String {
    let marker = "name of the official";
    let keys = official_json(marker);
    keys.iter()
        .find(|(_, v)| v.as_str() == Some(marker))
        .map(|(k, _)| k.clone())
        .unwrap_or_default()
}

/// The mapping of one column of the export document, from the schema field it is stored
/// in; `None` for what a hit has and an article has not (score, snippet).
fn property(schema: &NewsSchema, column: Column) -> Option<Value> {
    let keyword = || json!({"type": "keyword"});
    if let Some(facet) = column_facet(column) {
        let field = schema.schema.get_field_entry(schema.facet(facet));
        debug_assert!(matches!(field.field_type(), FieldType::Facet(_)));
        return Some(match column {
            Column::Officials => {
                // The name is the facet; role and country are counted as values too, as
                // an official's page does.
                let keys: Map<String, Value> =
                    official_keys().into_iter().map(|key| (key, keyword())).collect();
                json!({"properties": keys})
            }
            _ => keyword(),
        });
    }
    let field = schema.schema.get_field(column.name()).ok()?;
    Some(match schema.schema.get_field_entry(field).field_type() {
        FieldType::Str(options) => match options.get_indexing_options() {
            Some(indexing) if indexing.tokenizer() == NEWS_TOKENIZER => {
                json!({"type": "text", "analyzer": ANALYZER})
            }
            _ => keyword(),
        },
        FieldType::Date(options) => match options.get_precision() {
            tantivy::schema::DateTimePrecision::Seconds => {
                // newsdex's dates are days (`2023-09-19`), though tantivy keeps seconds.
                json!({"type": "date", "format": "strict_date"})
            }
            _ => json!({"type": "date", "format": "strict_date_optional_time"}),
        },
        FieldType::U64(_) | FieldType::I64(_) => json!({"type": "long"}),
        FieldType::F64(_) => json!({"type": "double"}),
        FieldType::Bool(_) => json!({"type": "boolean"}),
        FieldType::JsonObject(_) => json!({"type": "object"}),
        // Facets, addresses, bytes: exact values.
        _ => keyword(),
    })
}

/// The body of `PUT /INDEX`: settings (the analyzer) and the mapping of every column of
/// the export document.
pub fn create_index(schema: &NewsSchema) -> Value {
    let properties: Map<String, Value> = Column::ARTICLE
        .into_iter()
        .filter_map(|c| property(schema, c).map(|p| (c.name().to_owned(), p)))
        .collect();
    json!({
        "settings": {
            // One primary shard keeps `terms` counts exact; with more, raise `shard_size`.
            "number_of_shards": 1,
            "analysis": {
                "analyzer": {
                    ANALYZER: {
                        "type": "custom",
                        "tokenizer": "standard",
                        // newsdex's analyzer: Chinese, Japanese and Korean as bigrams,
                        // lowercase, accents folded, then the Snowball English stemmer
                        // tantivy uses.
                        "filter": ["cjk_width", "cjk_bigram", "lowercase", "asciifolding", "news_english_stemmer"]
                    }
                },
                "filter": {"news_english_stemmer": {"type": "snowball", "language": "English"}}
            }
        },
        "mappings": {
            // A field the mapping does not name is refused rather than guessed.
            "dynamic": "strict",
            "_meta": {
                "newsdex_version": env!("CARGO_PKG_VERSION"),
                "schema_version": schema.version,
            },
            "properties": properties,
        }
    })
}

/// The aggregation that counts one facet as newsdex does: the top values by count, ties
/// by value, and the number of distinct values; years and months in time order.
fn facet_aggregations(field: FacetField, aggs: &mut Map<String, Value>) {
    let name = field.name();
    match (field, facet_path(field)) {
        (_, Some(path)) => {
            aggs.insert(
                name.to_owned(),
                json!({"terms": {"field": path, "size": TERMS_SIZE,
                                 "order": [{"_count": "desc"}, {"_key": "asc"}]}}),
            );
            // Exact below the threshold, which is cardinality's highest.
            aggs.insert(
                format!("{name}_distinct"),
                json!({"cardinality": {"field": path, "precision_threshold": 40000}}),
            );
        }
        (FacetField::Year, None) => {
            aggs.insert(name.to_owned(), date_histogram("year", "yyyy", 1));
        }
        (_, None) => {
            aggs.insert(name.to_owned(), date_histogram("month", "yyyy-MM", 1));
        }
    }
}

fn date_field() -> &'static str {
    Column::Date.name()
}

fn date_histogram(interval: &str, format: &str, min_doc_count: u64) -> Value {
    json!({"date_histogram": {"field": date_field(), "calendar_interval": interval,
                              "format": format, "min_doc_count": min_doc_count}})
}

/// The `date_histogram` of `newsdex search --timeline INTERVAL`: every period from the
/// first with an article to the last, empty ones included, keyed by the period's first day
/// (a week from its Monday, as newsdex's ISO weeks), and the undated articles apart.
fn timeline_aggregations(interval: Interval) -> Map<String, Value> {
    let name = match interval {
        Interval::Day => "day",
        Interval::Week => "week",
        Interval::Month => "month",
        Interval::Year => "year",
    };
    let mut aggs = Map::new();
    aggs.insert("timeline".to_owned(), date_histogram(name, "yyyy-MM-dd", 0));
    aggs.insert("undated".to_owned(), json!({"missing": {"field": date_field()}}));
    aggs
}

/// What `newsdex engine config opensearch` prints: the index to create, how to load an
/// export into it, and the searches that give newsdex's facet counts and timelines.
pub fn config(schema: &NewsSchema, index: &str) -> Value {
    let mut facets = Map::new();
    for field in FacetField::ALL {
        facet_aggregations(field, &mut facets);
    }
    let names: Vec<&str> = FacetField::ALL.iter().map(|f| f.name()).collect();
    let mut queries = vec![json!({
        "newsdex": format!("newsdex search --facets {} --limit 0", names.join(",")),
        "search": {"size": 0, "track_total_hits": true, "aggs": facets},
    })];
    for interval in [Interval::Day, Interval::Week, Interval::Month, Interval::Year] {
        let label = serde_json::to_value(interval).unwrap_or_default();
        let label = label.as_str().unwrap_or_default();
        queries.push(json!({
            "newsdex": format!("newsdex search --timeline {label} --limit 0"),
            "search": {"size": 0, "track_total_hits": true, "aggs": timeline_aggregations(interval)},
        }));
    }
    let country = facet_path(FacetField::Country).unwrap_or_default();
    let official = facet_path(FacetField::Official).unwrap_or_default();
    let mut filtered = Map::new();
    facet_aggregations(FacetField::Agency, &mut filtered);
    queries.push(json!({
        "newsdex": "newsdex search sanctions --country Iran --country Iraq --official 'Kamran Dehghani' --from 2023-01 --to 2023-06 --facets agency",
        "search": {
            "size": 10,
            "track_total_hits": true,
            "query": {"bool": {
                "must": [{"simple_query_string": {
                    "query": "sanctions",
                    "fields": [Column::Title.name(), Column::Body.name()],
                    "default_operator": "and"
                }}],
                // Values ORed within a field, fields ANDed, as newsdex's filters; the
                // values are the canonical names the documents hold.
                "filter": [
                    {"terms": {country: ["Iran", "Iraq"]}},
                    {"terms": {official: ["Kamran Dehghani"]}},
                    {"range": {date_field(): {"gte": "2023-01-01", "lte": "2023-06-30"}}}
                ]
            }},
            "sort": ["_score", {date_field(): {"order": "desc", "missing": "_last"}}, {Column::Id.name(): "asc"}],
            "aggs": filtered,
        },
    }));
    json!({
        "index": index,
        "create_index": create_index(schema),
        "load": format!(
            "newsdex export --format opensearch --opensearch-index {index} -o bulk.ndjson && \
             curl -s -H 'Content-Type: application/x-ndjson' -XPOST localhost:9200/_bulk --data-binary @bulk.ndjson"
        ),
        "queries": queries,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_names_are_checked_as_the_server_would() {
        assert_eq!(index_name("news-2024"), Ok("news-2024".to_owned()));
        for bad in ["", "News", "_news", "a b", "a/b", "a:b", ".."] {
            assert!(index_name(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            index_name("News").unwrap_err(),
            "`News` cannot name an OpenSearch index: it must be lowercase"
        );
    }

    #[test]
    fn every_facet_but_time_has_a_keyword_path_in_the_document() {
        let mapping = create_index(NewsSchema::shipped());
        for field in FacetField::ALL {
            let Some(path) = facet_path(field) else {
                assert!(field.is_temporal(), "{field:?}");
                continue;
            };
            let pointer = format!("/mappings/properties/{}", path.replace('.', "/properties/"));
            assert_eq!(mapping.pointer(&pointer), Some(&json!({"type": "keyword"})), "{path}");
        }
        assert_eq!(facet_path(FacetField::Official).as_deref(), Some("officials.name"));
    }

    #[test]
    fn prose_is_text_with_the_english_analyzer_and_the_date_a_day() {
        let mapping = create_index(NewsSchema::shipped());
        let properties = &mapping["mappings"]["properties"];
        for field in ["title", "body"] {
            assert_eq!(properties[field], json!({"type": "text", "analyzer": ANALYZER}));
        }
        assert_eq!(properties["date"], json!({"type": "date", "format": "strict_date"}));
        assert_eq!(properties["id"], json!({"type": "keyword"}));
        assert_eq!(properties["line"], json!({"type": "long"}));
        assert_eq!(properties.as_object().map(|p| p.len()), Some(Column::ARTICLE.len()));
    }
}
