//! Property tests: whatever bytes a reader gets and whatever a user types as a query,
//! newsdex answers with articles, a warning or a one-line error, never a panic.
//!
//! They run a few hundred cases each in `cargo test`. For a long fuzzing run, raise the
//! count: `PROPTEST_CASES=200000 cargo test --release --test integration properties`.
//! Failing inputs are kept by proptest under `tests/integration/properties.proptest-regressions`
//! and replayed first on every run.

use std::path::PathBuf;
use std::sync::LazyLock;

use newsdex::discover::{Format, SourceFile};
use newsdex::error::UserError;
use newsdex::index::{NewsIndex, WriterOptions};
use newsdex::ingest::{self, IndexOptions, Reporter, Warning};
use newsdex::read::{self, RawArticle};
use newsdex::search::{Engine, LocalEngine, SearchRequest};
use newsdex::{extract, Error};
use proptest::prelude::*;

fn source(format: Format) -> SourceFile {
    SourceFile { path: PathBuf::from("fuzz/input"), format }
}

/// Reads bytes as every format, and extracts every article read.
fn read_everything(bytes: &[u8]) {
    for format in [Format::Text, Format::Json, Format::JsonLines, Format::Html] {
        match read::read_bytes(&source(format), bytes) {
            Ok(outcome) => {
                for raw in &outcome.articles {
                    check_article(raw);
                }
                for at in outcome.problems {
                    assert!(!at.problem.to_string().is_empty(), "{at:?}");
                }
            }
            Err(problem) => {
                assert!(!problem.to_string().is_empty());
                assert!(!problem.is_failure(), "{format:?}: bytes in memory cannot fail to read");
            }
        }
    }
}

fn check_article(raw: &RawArticle) {
    let article = extract::extract(raw);
    let unique = |list: &[String]| {
        let mut sorted = list.to_vec();
        sorted.sort();
        sorted.dedup();
        sorted.len() == list.len()
    };
    assert!(unique(&article.people), "{:?}", article.people);
    let places: Vec<String> = article.place_names().map(str::to_owned).collect();
    assert!(unique(&places), "{places:?}");
    assert!(unique(&article.countries), "{:?}", article.countries);
    assert_eq!(article.date.is_some(), article.date_source.is_some());
    for official in &article.officials {
        assert!(
            article.people.contains(&official.name),
            "{official:?} not in {:?}",
            article.people
        );
    }
}

/// Text shaped like news: capitals, datelines, parentheses, dashes, quotes, newlines.
fn newsish() -> impl Strategy<Value = String> {
    proptest::string::string_regex(
        "([A-Z][a-z]{0,8}|[A-Z]{2,6}|[a-z]{1,8}|\\(|\\)|-|—|,|\\.|'s|\"|\n|\n\n| |[0-9]{1,4}|News ID|Your Comment|Reuter|Mr\\.|U\\.S\\.|é|ü|Minister|President|said){0,80}",
    )
    .expect("a valid pattern")
}

/// Bytes that look like JSON or HTML often enough to reach deep into the parsers.
fn structured() -> impl Strategy<Value = String> {
    proptest::string::string_regex(
        "(\\{|\\}|\\[|\\]|\"|:|,|title|body|published|source|name|[0-9]{1,12}|<p>|</p>|<article>|<h1>|<meta property=\"og:title\" content=\"|<script type=\"application/ld\\+json\">|\"datePublished\"|&amp;|\n| |[a-zA-Z]{1,6}){0,60}",
    )
    .expect("a valid pattern")
}

proptest! {
    #[test]
    fn readers_and_extractors_take_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        read_everything(&bytes);
    }

    #[test]
    fn readers_and_extractors_take_structured_text(text in structured()) {
        read_everything(text.as_bytes());
    }

    #[test]
    fn extraction_takes_any_newsish_text(text in newsish()) {
        read_everything(text.as_bytes());
    }
}

struct Quiet;

impl Reporter for Quiet {
    fn file_done(&self, _: &std::path::Path, _: usize) {}
    fn warning(&self, _: &Warning) {}
}

/// One small index, shared by the query properties.
static ENGINE: LazyLock<(tempfile::TempDir, LocalEngine)> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(corpus.join("2023/09/19")).expect("mkdir");
    std::fs::write(
        corpus.join("2023/09/19/a.txt"),
        "Talks in Tehran\n\nTEHRAN, Sept. 19 (IRNA) - Russian Defense Minister Sergei Shoigu met officials in Tehran on oil prices.\n",
    )
    .expect("write");
    let index = NewsIndex::open_or_create(&dir.path().join("index")).expect("index");
    let options = IndexOptions {
        threads: 1,
        writer: WriterOptions { threads: 1, memory_bytes: 15_000_000 },
        ..IndexOptions::default()
    };
    ingest::index_paths(&index, &[corpus], &options, &Quiet).expect("indexing");
    (dir, LocalEngine::new(index).expect("engine"))
});

fn query_text() -> impl Strategy<Value = String> {
    proptest::string::string_regex(
        "(oil|tehran|shoigu|O'Neill|'s|'|AND|OR|NOT|-|\\+|\"|\\(|\\)|\\*|~[0-9]?|\\^2|:|title:|body:|country:|official:|person:|place:|agency:|date:|\\[|\\]|\\{|\\}| TO |2023|2023-09|\\\\| |[a-z]{1,5}|é|/){0,16}",
    )
    .expect("a valid pattern")
}

proptest! {
    #[test]
    fn any_query_text_gives_results_or_a_one_line_error(text in query_text()) {
        let (_, engine) = &*ENGINE;
        let request = SearchRequest { query: text.clone(), ..SearchRequest::default() };
        match engine.search(&request) {
            Ok(results) => prop_assert!(results.hits.len() <= results.total),
            Err(Error::User(UserError::Query(message))) => {
                prop_assert!(message.starts_with("bad query: "), "{message}");
                prop_assert!(!message.contains('\n'), "{message}");
            }
            Err(other) => prop_assert!(false, "{text:?}: {other:?}"),
        }
    }
}
