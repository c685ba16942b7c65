//! `export --format opensearch` and `engine config opensearch`, checked on format and
//! against golden files (no OpenSearch runs here), and their counts checked against
//! newsdex's own facets and timeline by evaluating the `terms` / `date_histogram`
//! searches over the exported documents.
//!
//! The golden files are `tests/golden/opensearch/`. After a deliberate change to either
//! output, rewrite them with `NEWSDEX_BLESS=1 cargo test --release --locked opensearch`
//! and read the diff before committing it.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use serde_json::{json, Value};

use crate::corpus;
use crate::util::Dir;

/// A JSON Lines feed with officials, countries, two months and an undated article.
const FEED: &str = concat!(
    r#"{"title": "Iran and Iraq sign a water accord", "body": "BAGHDAD, Jan 9 (Reuters) - Iranian Foreign Minister Kamran Dehghani and Iraqi Foreign Minister Samir Haddad signed a water accord in Baghdad on Monday. Dehghani said Tehran would release more water into the Tigris.", "published": "2023-01-09", "agency": "Reuters"}"#,
    "\n",
    r#"{"title": "Oil exports from Basra rise", "body": "BASRA, Feb 2 (Reuters) - Oil exports from Basra rose in January, Iraqi Oil Minister Samir Haddad said in Basra.", "published": "2023-02-02", "agency": "Reuters"}"#,
    "\n",
    r#"{"title": "Sanctions talks in Geneva", "body": "GENEVA, Feb 20 (AFP) - Iranian Foreign Minister Kamran Dehghani met European envoys in Geneva about sanctions on Iran.", "published": "2023-02-20", "agency": "AFP"}"#,
    "\n",
    r#"{"title": "Harvest festival opens", "body": "The harvest festival opened with music and dancing in the town square."}"#,
    "\n",
);

fn indexed() -> Dir {
    let dir = Dir::new();
    dir.create("feed/2023.jsonl", FEED);
    dir.create("imna/transit.txt", corpus::IMNA_PAGE);
    dir.create("xinhua/soy.json", corpus::XINHUA_JSON);
    dir.index_corpus();
    dir
}

fn golden(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/opensearch").join(name)
}

/// Compares `actual` with the golden file `name`, or rewrites the file under
/// `NEWSDEX_BLESS=1`.
fn assert_golden(name: &str, actual: &str) {
    let path = golden(name);
    if std::env::var_os("NEWSDEX_BLESS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(&path, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; write it with NEWSDEX_BLESS=1", path.display()));
    if expected != actual {
        let line = expected.lines().zip(actual.lines()).position(|(a, b)| a != b);
        panic!(
            "{} differs (first at line {}); if the change is meant, rerun with NEWSDEX_BLESS=1\n--- actual\n{actual}",
            path.display(),
            line.map_or_else(|| "end".to_owned(), |l| (l + 1).to_string())
        );
    }
}

/// The lines of a bulk body, each parsed; panics unless every line is newline-ended JSON.
fn bulk_lines(text: &str) -> Vec<Value> {
    assert!(text.ends_with('\n'), "the last line must end with a newline");
    text.split_terminator('\n')
        .enumerate()
        .map(|(n, line)| {
            assert!(!line.is_empty(), "line {} is empty", n + 1);
            serde_json::from_str(line).unwrap_or_else(|e| panic!("line {}: {e}: {line}", n + 1))
        })
        .collect()
}

/// The documents of a bulk body, after checking that actions and documents alternate,
/// each action naming `index` and its document's id, every id once.
fn documents(lines: &[Value], index: &str) -> Vec<Value> {
    assert_eq!(lines.len() % 2, 0, "an action without its document");
    let mut ids = BTreeSet::new();
    lines
        .chunks(2)
        .map(|pair| {
            let (action, document) = (&pair[0], &pair[1]);
            let id = document["id"].as_str().expect("a document has its id");
            assert_eq!(action, &json!({"index": {"_index": index, "_id": id}}));
            assert!(ids.insert(id.to_owned()), "id {id} twice");
            document.clone()
        })
        .collect()
}

/// Every field path a document carries (`officials.name`), objects inside arrays
/// included; a null or an empty list as the path of its own (it holds no value, and
/// still names a field, which a strict mapping must know).
fn field_paths(value: &Value, prefix: &str, paths: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
                let holds_objects = match value {
                    Value::Object(_) => true,
                    Value::Array(items) => items.iter().any(Value::is_object),
                    _ => false,
                };
                if !holds_objects {
                    paths.insert(path.clone());
                }
                field_paths(value, &path, paths);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| field_paths(item, prefix, paths)),
        _ => {}
    }
}

/// Whether the mapping knows `path`: as a field, or as an object (which an empty list or
/// a null may stand for).
fn is_mapped(mapped: &BTreeSet<String>, path: &str) -> bool {
    let object = format!("{path}.");
    mapped.contains(path) || mapped.iter().any(|m| m.starts_with(&object))
}

/// The leaf field paths a mapping names.
fn mapped_paths(properties: &Value, prefix: &str, paths: &mut BTreeSet<String>) {
    for (key, property) in properties.as_object().expect("properties are an object") {
        let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
        match property.get("properties") {
            Some(inner) => mapped_paths(inner, &path, paths),
            None => {
                paths.insert(path);
            }
        }
    }
}

/// The values of `path` in a document, each once (as a `terms` aggregation counts them).
fn values_at(document: &Value, path: &str) -> BTreeSet<String> {
    let mut current = vec![document];
    for key in path.split('.') {
        current = current
            .into_iter()
            .flat_map(|v| match v {
                Value::Array(items) => items.iter().collect::<Vec<_>>(),
                other => vec![other],
            })
            .filter_map(|v| v.get(key))
            .collect();
    }
    current
        .into_iter()
        .flat_map(|v| match v {
            Value::Array(items) => items.clone(),
            other => vec![other.clone()],
        })
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}

/// The bulk export with what depends on the temporary folder, the clock and the order
/// of segments replaced: pairs sorted by path and line, the corpus path, the ids (hashes
/// of paths) by their order of appearance, `added`.
fn normalised(text: &str, corpus: &Path) -> String {
    let corpus = corpus.canonicalize().expect("corpus").display().to_string();
    let mut names: HashMap<String, String> = HashMap::new();
    let mut pairs: Vec<Vec<Value>> = bulk_lines(text).chunks(2).map(<[Value]>::to_vec).collect();
    pairs.sort_by_key(|pair| {
        (pair[1]["path"].as_str().map(str::to_owned), pair[1]["line"].as_u64())
    });
    let mut out = String::new();
    for mut line in pairs.into_iter().flatten() {
        let mut rename = |value: &mut Value| {
            if let Some(id) = value.as_str() {
                let next = format!("ID{}", names.len() + 1);
                *value = json!(names.entry(id.to_owned()).or_insert(next).clone());
            }
        };
        if let Some(target) = line.get_mut("index") {
            rename(&mut target["_id"]);
        } else {
            rename(&mut line["id"]);
            rename(&mut line["story"]);
            line["added"] = json!("ADDED");
            let path = line["path"].as_str().expect("a path").replace(&corpus, "CORPUS");
            line["path"] = json!(path);
        }
        out.push_str(&serde_json::to_string(&line).expect("JSON"));
        out.push('\n');
    }
    out
}

#[test]
fn bulk_lines_alternate_actions_and_documents_the_mapping_covers() {
    let dir = indexed();
    let run = dir.run(&["export", "--format", "opensearch", "--opensearch-index", "news-2023"]);
    run.assert_exit(0);
    let text = run.stdout();
    let documents = documents(&bulk_lines(&text), "news-2023");
    assert_eq!(documents.len(), 6, "every article once:\n{text}");

    let config: Value = dir.run(&["engine", "config", "opensearch"]).assert_exit(0).json();
    let mut mapped = BTreeSet::new();
    mapped_paths(&config["create_index"]["mappings"]["properties"], "", &mut mapped);
    let mut carried = BTreeSet::new();
    documents.iter().for_each(|d| field_paths(d, "", &mut carried));
    let unmapped: Vec<&String> = carried.iter().filter(|p| !is_mapped(&mapped, p)).collect();
    assert!(unmapped.is_empty(), "fields the mapping lacks: {unmapped:?}");
    assert!(carried.contains("officials.name") && carried.contains("countries"), "{carried:?}");
    assert_eq!(config["create_index"]["mappings"]["dynamic"], "strict");

    assert_golden("bulk.ndjson", &normalised(&text, &dir.corpus()));
}

#[test]
fn a_search_exports_its_hits_and_the_default_index_is_newsdex() {
    let dir = indexed();
    let run = dir.run(&["export", "--country", "Iraq", "--format", "opensearch"]);
    run.assert_exit(0);
    let documents = documents(&bulk_lines(&run.stdout()), "newsdex");
    let titles: BTreeSet<&str> = documents.iter().filter_map(|d| d["title"].as_str()).collect();
    assert_eq!(
        titles,
        BTreeSet::from(["Iran and Iraq sign a water accord", "Oil exports from Basra rise"])
    );
}

#[test]
fn the_config_is_the_golden_one() {
    let dir = Dir::new();
    let run = dir.run(&["engine", "config", "opensearch", "--opensearch-index", "news"]);
    run.assert_exit(0);
    let config: Value = run.json();
    assert_eq!(config["index"], "news");
    assert_golden("config.json", &run.stdout());
}

/// What a `terms` aggregation gives over `documents`: the top `size` values by count, ties
/// by value.
fn terms(documents: &[Value], path: &str, size: usize) -> (Vec<(String, u64)>, usize) {
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    for document in documents {
        for value in values_at(document, path) {
            *counts.entry(value).or_default() += 1;
        }
    }
    let distinct = counts.len();
    let mut values: Vec<(String, u64)> = counts.into_iter().collect();
    values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    values.truncate(size);
    (values, distinct)
}

/// What a `date_histogram` on `date` gives: documents per period, keyed by `key(date)`.
fn histogram(documents: &[Value], key: impl Fn(&str) -> String) -> BTreeMap<String, u64> {
    let mut counts = BTreeMap::new();
    for date in documents.iter().filter_map(|d| d["date"].as_str()) {
        *counts.entry(key(date)).or_default() += 1;
    }
    counts
}

#[test]
fn the_example_searches_count_what_newsdex_counts() {
    let dir = indexed();
    let documents =
        documents(&bulk_lines(&dir.run(&["export", "--format", "opensearch"]).stdout()), "newsdex");
    let config: Value = dir.run(&["engine", "config", "opensearch"]).json();
    let queries = config["queries"].as_array().expect("queries");
    let facets_query = &queries[0];
    assert_eq!(
        facets_query["newsdex"],
        "newsdex search --facets country,official,person,place,agency,year,month --limit 0"
    );
    let found = dir.search(&["--facets", "country,official,person,place,agency,year,month"]);
    let aggs = facets_query["search"]["aggs"].as_object().expect("aggs");
    for (name, facet) in &found.facets {
        let agg = &aggs[name.as_str()];
        let theirs: Vec<(String, u64)> = if let Some(terms_agg) = agg.get("terms") {
            let path = terms_agg["field"].as_str().expect("a field");
            let size = terms_agg["size"].as_u64().expect("a size") as usize;
            let (values, distinct) = terms(&documents, path, size);
            assert_eq!(distinct, facet.distinct, "{name}: distinct values");
            assert_eq!(aggs[&format!("{name}_distinct")]["cardinality"]["field"], path);
            values
        } else {
            let histogram_agg = &agg["date_histogram"];
            assert_eq!(histogram_agg["field"], "date");
            let len = match histogram_agg["calendar_interval"].as_str() {
                Some("year") => 4,
                Some("month") => 7,
                other => panic!("{name}: interval {other:?}"),
            };
            histogram(&documents, |date| date[..len].to_owned()).into_iter().collect()
        };
        let ours: Vec<(String, u64)> =
            facet.values.iter().map(|v| (v.value.clone(), v.count)).collect();
        assert_eq!(theirs, ours, "facet {name}");
        assert!(!ours.is_empty(), "facet {name} counts something");
    }

    let month = queries
        .iter()
        .find(|q| q["newsdex"] == "newsdex search --timeline month --limit 0")
        .expect("the month timeline");
    let aggs = &month["search"]["aggs"];
    assert_eq!(aggs["timeline"]["date_histogram"]["min_doc_count"], 0, "empty months count");
    assert_eq!(aggs["undated"], json!({"missing": {"field": "date"}}));
    let timeline = dir.search(&["--timeline", "month"]).timeline.expect("a timeline");
    let counted = histogram(&documents, |date| format!("{}-01", &date[..7]));
    for period in &timeline.periods {
        let theirs = counted.get(&period.start.to_string()).copied().unwrap_or(0);
        assert_eq!(theirs, period.count, "{}", period.period);
    }
    let undated = documents.iter().filter(|d| d["date"].is_null()).count() as u64;
    assert_eq!(undated, timeline.undated);
    assert!(undated > 0, "the corpus has an undated article");
}

#[test]
fn every_field_a_search_names_is_mapped() {
    let config: Value = Dir::new().run(&["engine", "config", "opensearch"]).json();
    let mut mapped = BTreeSet::new();
    mapped_paths(&config["create_index"]["mappings"]["properties"], "", &mut mapped);
    let text = serde_json::to_string(&config["queries"]).expect("JSON");
    // Every `"field": NAME` of an aggregation, and every key of a filter or sort.
    let named: Vec<String> = config["queries"]
        .as_array()
        .expect("queries")
        .iter()
        .flat_map(|q| q["search"]["aggs"].as_object().cloned().unwrap_or_default())
        .filter_map(|(_, agg)| {
            agg.as_object()?.values().next()?.get("field")?.as_str().map(str::to_owned)
        })
        .collect();
    assert!(named.len() > 10, "{text}");
    for field in &named {
        assert!(mapped.contains(field), "`{field}` is not in the mapping");
    }
}

#[test]
fn bad_names_and_formats_are_refused() {
    let dir = indexed();
    let run = dir.run(&["export", "--format", "opensearch", "--opensearch-index", "News"]);
    run.assert_exit(2);
    assert_contains!(run.stderr(), "`News` cannot name an OpenSearch index: it must be lowercase");
    let run = dir.run(&["export", "--opensearch-index", "news"]);
    run.assert_exit(2);
    assert_contains!(run.stderr(), "--opensearch-index names the index of --format opensearch");
    let run = dir.run(&["export", "--format", "opensearch", "--provenance"]);
    run.assert_exit(2);
    assert_contains!(run.stderr(), "--provenance is the first line of JSON Lines output");
}
