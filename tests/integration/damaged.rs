//! Indexes that cannot be written (read-only, another user's) and indexes whose files are
//! damaged: searched without writing, refused with a clear error, never a panic.

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use newsdex::search::{Engine, FacetField, LocalEngine, SearchRequest};

use crate::util::Dir;

fn story(n: usize) -> String {
    format!("Harvest report {n}\n\nTEHRAN (IRNA) - The wheat harvest in Iran rose for the {n}th year, officials said.\n")
}

fn indexed(stories: usize) -> Dir {
    let dir = Dir::new();
    for n in 1..=stories {
        dir.create(&format!("{n}.txt"), story(n));
    }
    dir.index_corpus();
    dir
}

/// Every entry of a folder with what a write would change: size, time, permissions.
fn snapshot(folder: &Path) -> BTreeMap<String, (u64, SystemTime, u32)> {
    fs::read_dir(folder)
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            let meta = entry.metadata().unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            (name, (meta.len(), meta.modified().unwrap(), meta.permissions().mode()))
        })
        .collect()
}

fn set_writable(folder: &Path, writable: bool) {
    let mode = |path: &Path, file: u32, dir: u32| {
        let mode = if path.is_dir() { dir } else { file };
        fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
    };
    for entry in fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if writable {
            mode(&path, 0o644, 0o755)
        } else {
            mode(&path, 0o444, 0o555)
        }
    }
    if writable {
        mode(folder, 0o644, 0o755)
    } else {
        mode(folder, 0o444, 0o555)
    }
}

fn segment_files(index: &Path, extension: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(index)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == extension))
        .collect();
    files.sort();
    files
}

/// Bytes that look random, the same on every run.
fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    (0..len)
        .map(|_| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 56) as u8
        })
        .collect()
}

// As root, `chmod` does not stop writes: the test then proves read-only use by the folder
// staying exactly as it was (no file created, written or deleted), which holds for
// any user. The meta lock file is removed first, so that not creating it is checked too.
#[test]
fn a_read_only_index_is_searched_shown_exported_and_counted_without_a_write() {
    let dir = indexed(2);
    let index = dir.index();
    fs::remove_file(index.join(".tantivy-meta.lock")).unwrap();
    set_writable(&index, false);
    let before = snapshot(&index);

    let found = dir.search(&["harvest"]);
    assert_eq!(found.total, 2);
    dir.run(&["stats"]).assert_exit(0);
    let export = dir.run(&["export"]);
    export.assert_exit(0);
    assert_eq!(export.stdout().lines().count(), 2);
    let path = dir.corpus().join("1.txt");
    let shown = dir.run(&["show", &fs::canonicalize(path).unwrap().to_string_lossy()]);
    shown.assert_exit(0);
    assert_contains!(shown.stdout(), "Harvest report 1");

    assert_eq!(snapshot(&index), before, "a read changed the index folder");
    set_writable(&index, true);
}

#[test]
fn index_files_take_the_umask_not_owner_only() {
    let dir = indexed(1);
    let reference = dir.path().join("reference");
    fs::write(&reference, "").unwrap();
    let mode = |path: &Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
    for name in ["meta.json", ".managed.json"] {
        assert_eq!(mode(&dir.index().join(name)), mode(&reference), "{name}");
    }
}

#[test]
fn garbage_in_the_store_is_named_by_export_and_index_until_a_full_rebuild() {
    let dir = indexed(3);
    let store = segment_files(&dir.index(), "store").pop().expect("a store file");
    let mut bytes = fs::read(&store).unwrap();
    let half = bytes.len() / 2;
    bytes[half / 2..half].copy_from_slice(&noise(half - half / 2, 7));
    fs::write(&store, bytes).unwrap();
    let name = store.file_name().unwrap().to_string_lossy().into_owned();

    let export = dir.run(&["export"]);
    export.assert_exit(2);
    assert_eq!(export.stdout(), "", "export wrote articles before failing");
    assert_contains!(export.stderr(), "is damaged");
    assert_contains!(export.stderr(), name);
    assert_contains!(export.stderr(), "newsdex index --full");

    let index = dir.run(&["index", "corpus"]);
    index.assert_exit(2);
    assert_contains!(index.stderr(), name);
    assert!(!index.stdout().contains("unchanged"), "{}", index.stdout());

    dir.run(&["index", "--full", "corpus"]).assert_exit(0);
    let export = dir.run(&["export"]);
    export.assert_exit(0);
    assert_eq!(export.stdout().lines().count(), 3);
}

#[test]
fn random_bytes_in_any_segment_file_never_panic() {
    let dir = indexed(3);
    let pristine = dir.path().join("pristine");
    fs::create_dir(&pristine).unwrap();
    for entry in fs::read_dir(dir.index()).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, pristine.join(path.file_name().unwrap())).unwrap();
    }
    for extension in ["idx", "pos", "term", "store", "fast", "fieldnorm"] {
        for (seed, whole) in [(1, true), (2, false)] {
            for entry in fs::read_dir(&pristine).unwrap() {
                let path = entry.unwrap().path();
                fs::copy(&path, dir.index().join(path.file_name().unwrap())).unwrap();
            }
            let file = segment_files(&dir.index(), extension).pop().expect(extension);
            let len = fs::metadata(&file).unwrap().len() as usize;
            let damaged = if whole {
                noise(len, seed)
            } else {
                let mut bytes = fs::read(&file).unwrap();
                bytes[..len / 2].copy_from_slice(&noise(len / 2, seed));
                bytes
            };
            fs::write(&file, damaged).unwrap();
            for args in [
                &["search", "harvest", "--facets", "country,year"][..],
                &["stats"],
                &["export"],
                &["index", "corpus"],
            ] {
                let run = dir.run(args);
                let what = format!("{args:?} with a damaged .{extension} (whole: {whole})");
                assert!(matches!(run.code(), 0..=2), "{what}: exit {}", run.code());
                assert!(!run.stderr().contains("panicked"), "{what}: {}", run.stderr());
                if run.code() == 2 {
                    assert_contains!(run.stderr(), "is damaged");
                }
            }
        }
    }
}

/// A damaged count in a column's dictionary once made the file stamps reserve terabytes
/// and abort (found by the `open_index` fuzz target): three bytes written over the `.fast`
/// file, at every offset in turn, give the stamps and a faceted search, an error, or a
/// damaged index, never an abort. Through the library, because `index` checks checksums
/// before reading stamps; the guards of the reads themselves are what is tested here.
#[test]
fn a_damaged_column_count_never_reserves_memory_it_names() {
    let dir = indexed(3);
    let file = segment_files(&dir.index(), "fast").pop().expect("a .fast file");
    let pristine = fs::read(&file).unwrap();
    for offset in 0..pristine.len() {
        let mut damaged = pristine.clone();
        for (at, byte) in [0x29u8, 0x3f, 0x30].into_iter().enumerate() {
            if let Some(slot) = damaged.get_mut(offset + at) {
                *slot = byte;
            }
        }
        fs::write(&file, &damaged).unwrap();
        let Ok(index) = newsdex::index::NewsIndex::open(&dir.index()) else { continue };
        let _ = index.file_stamps();
        let Ok(engine) = LocalEngine::new(index) else { continue };
        let _ = engine.search(&SearchRequest {
            query: "harvest".into(),
            facets: vec![FacetField::Country.into(), FacetField::Year.into()],
            ..SearchRequest::default()
        });
    }
}

#[test]
fn check_reads_the_whole_index_and_names_what_is_damaged() {
    let dir = indexed(3);
    let sound = dir.run(&["check"]);
    sound.assert_exit(0);
    assert_contains!(sound.stdout(), "sound: 3 articles and ");
    assert_contains!(sound.stdout(), "3 source files, schema version");
    let report: newsdex::present::json::CheckJson = dir.run(&["check", "--format", "json"]).json();
    assert!(report.sound);
    assert_eq!((report.articles, report.files), (3, 3));
    assert!(report.facet_values > 0);

    // Damage a search of one word never reads: the check finds it all the same.
    assert_eq!(dir.search(&["harvest", "--limit", "0"]).total, 3);
    let positions = segment_files(&dir.index(), "pos").pop().expect("a positions file");
    let mut bytes = fs::read(&positions).unwrap();
    let end = bytes.len().min(40);
    bytes[..end].copy_from_slice(&noise(end, 11));
    fs::write(&positions, bytes).unwrap();
    let damaged = dir.run(&["check"]);
    damaged.assert_exit(2);
    assert_eq!(damaged.stdout(), "");
    assert_contains!(damaged.stderr(), "is damaged");
    assert_contains!(damaged.stderr(), positions.file_name().unwrap().to_string_lossy());
    assert_contains!(damaged.stderr(), "newsdex index --full");
}
