//! Bytes as one file of an index: a small index is built once; each input replaces one of
//! its segment files (or overwrites part of it), and the damaged copy is opened,
//! searched, exported and read for its file stamps, as `search`, `export` and `index` do.
//!
//! The first byte picks the file, the second how to damage it: even replaces the whole
//! file with the rest of the input, odd overwrites the original from an offset (the next
//! two bytes) on.
#![no_main]

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use newsdex::index::NewsIndex;
use newsdex::search::{Engine, FacetField, LocalEngine, SearchRequest};

struct Template {
    _dir: tempfile::TempDir,
    index: PathBuf,
    /// The segment files, sorted by name.
    segment_files: Vec<PathBuf>,
    work: PathBuf,
}

static TEMPLATE: LazyLock<Template> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let index = dir.path().join("index");
    newsdex_fuzz::fill(&NewsIndex::open_or_create(&index).expect("a fresh index"));
    let mut segment_files: Vec<PathBuf> = fs::read_dir(&index)
        .expect("the index folder lists")
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| {
            let name = path.file_name().unwrap().to_string_lossy();
            !name.starts_with('.') && name != "meta.json"
        })
        .collect();
    segment_files.sort();
    let work = dir.path().join("work");
    Template { _dir: dir, index, segment_files, work }
});

fn copy_index(from: &Path, to: &Path) {
    let _ = fs::remove_dir_all(to);
    fs::create_dir(to).expect("the work folder");
    for entry in fs::read_dir(from).expect("the index folder lists") {
        let path = entry.expect("an entry").path();
        fs::copy(&path, to.join(path.file_name().unwrap())).expect("a copy");
    }
}

fuzz_target!(|data: &[u8]| {
    let [pick, how, rest @ ..] = data else { return };
    let template = &*TEMPLATE;
    copy_index(&template.index, &template.work);
    let chosen = &template.segment_files[*pick as usize % template.segment_files.len()];
    let target = template.work.join(chosen.file_name().unwrap());
    let damaged = if how % 2 == 0 {
        rest.to_vec()
    } else {
        let mut bytes = fs::read(&target).expect("the original file");
        let (offset, patch) = match rest {
            [hi, lo, patch @ ..] => (u16::from_be_bytes([*hi, *lo]) as usize, patch),
            _ => (0, rest),
        };
        let offset = offset % bytes.len().max(1);
        for (at, byte) in patch.iter().enumerate() {
            match bytes.get_mut(offset + at) {
                Some(slot) => *slot = *byte,
                None => bytes.push(*byte),
            }
        }
        bytes
    };
    fs::write(&target, damaged).expect("the damaged file");

    let Ok(index) = NewsIndex::open(&template.work) else { return };
    let _ = index.file_stamps();
    if let Ok(articles) = index.articles() {
        for article in articles {
            if article.is_err() {
                break;
            }
        }
    }
    let Ok(engine) = LocalEngine::new(index) else { return };
    let request = SearchRequest {
        query: "iran OR 北京".into(),
        facets: vec![FacetField::Country.into(), FacetField::Year.into()],
        ..SearchRequest::default()
    };
    let _ = engine.search(&request);
    let _ = engine.find("fuzz/wires.txt");
});
