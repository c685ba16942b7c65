//! Bytes as a query: parsed and run on a small index in memory, with facets and a timeline.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use newsdex::index::NewsIndex;
use newsdex::search::timeline::Interval;
use newsdex::search::{Engine, FacetField, LocalEngine, SearchRequest};

static ENGINE: LazyLock<LocalEngine> = LazyLock::new(|| {
    let index = NewsIndex::create_in_ram().expect("an index in memory");
    newsdex_fuzz::fill(&index);
    LocalEngine::new(index).expect("an engine on it")
});

fuzz_target!(|data: &[u8]| {
    let request = SearchRequest {
        query: String::from_utf8_lossy(data).into_owned(),
        facets: vec![FacetField::Country.into(), FacetField::Official.into()],
        timeline: Some(Interval::Month),
        ..SearchRequest::default()
    };
    let _ = ENGINE.search(&request);
});
