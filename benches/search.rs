//! Faceted search latency on a small index, through the library.
//!
//! Owns the criterion group `search/sample_corpus`. In: the repository's `sample_corpus`,
//! indexed once into a temporary folder with the same pipeline `newsdex index` runs. Out:
//! criterion's estimates per search shape: a term, an AND, a phrase, each with the four
//! facets `bench/queries.txt` asks for, and the term with a country and a date filter.
//! The engine is opened once and reused, as `newsdex bench` does, so the
//! time is the search alone (parsing, filters, facets, top 10 with snippets).
//!
//! The corpus is small: this bench guards the hot path against regressions; the figures
//! at archive scale come from `bench/run.sh`.

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion};
use newsdex::index::NewsIndex;
use newsdex::ingest::{index_paths, IndexOptions, Reporter, Warning};
use newsdex::search::{
    day_range, Engine, FacetField, FacetSpec, Filters, LocalEngine, SearchRequest,
};

/// Hears nothing: the sample corpus indexes without warnings, and progress is noise here.
struct Silent;

impl Reporter for Silent {
    fn file_done(&self, _path: &Path, _articles: usize) {}
    fn warning(&self, _warning: &Warning) {}
}

/// The facets of the archive-scale goal: country, official, agency, year.
fn goal_facets() -> Vec<FacetSpec> {
    [FacetField::Country, FacetField::Official, FacetField::Agency, FacetField::Year]
        .map(FacetSpec::from)
        .to_vec()
}

/// The searches timed, by name.
fn searches() -> Result<Vec<(&'static str, SearchRequest)>, String> {
    let faceted = |query: &str| SearchRequest {
        query: query.to_owned(),
        facets: goal_facets(),
        ..SearchRequest::default()
    };
    let (from, _) = day_range("2023")?;
    let (_, to) = day_range("2024-06")?;
    let filtered = SearchRequest {
        filters: Filters {
            country: vec!["Iran".to_owned()],
            from: Some(from),
            to: Some(to),
            ..Filters::default()
        },
        ..faceted("oil")
    };
    Ok(vec![
        ("term", SearchRequest { query: "oil".to_owned(), ..SearchRequest::default() }),
        ("term_facets", faceted("oil")),
        ("and_facets", faceted("oil AND prices")),
        ("phrase_facets", faceted("\"oil prices\"")),
        ("term_facets_country_dates", filtered),
    ])
}

/// Indexes `corpus` into `dir` and returns the open index.
fn build_index(corpus: &Path, dir: &Path) -> Result<NewsIndex, String> {
    let index = NewsIndex::open_or_create(dir).map_err(|e| e.to_string())?;
    index_paths(&index, &[corpus.to_owned()], &IndexOptions::default(), &Silent)
        .map_err(|e| e.to_string())?;
    Ok(index)
}

fn sample_corpus(c: &mut Criterion) {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample_corpus");
    let prepared = tempfile::tempdir().map_err(|e| e.to_string()).and_then(|dir| {
        let index = build_index(&corpus, &dir.path().join("index"))?;
        let engine = LocalEngine::new(index).map_err(|e| e.to_string())?;
        Ok((dir, engine, searches()?))
    });
    let (_dir, engine, searches) = match prepared {
        Ok(prepared) => prepared,
        Err(why) => {
            eprintln!("search/sample_corpus: skipped: {why}");
            return;
        }
    };
    let mut group = c.benchmark_group("search/sample_corpus");
    for (name, request) in &searches {
        group.bench_function(*name, |b| {
            b.iter(|| engine.search(request).map(|results| results.total))
        });
    }
    group.finish();
}

criterion_group!(benches, sample_corpus);
criterion_main!(benches);
