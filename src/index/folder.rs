//! The index folder on disk: creating it whole, rebuilding it beside the old one, and
//! never touching a file newsdex did not make.
//!
//! An index folder holds tantivy's files only (`meta.json`, `.managed.json`, its lock
//! files, the segment files named by a 32-hex-digit segment id, and the temporary file of
//! a metadata write a crash cut short). Creating an index
//! builds it in a hidden folder beside the target and renames it into place, so a crash
//! leaves no index or a whole one. A rebuild (`newsdex index --full`) fills a fresh index
//! beside the old one while the old one keeps answering searches, swaps the two folders
//! in one step at the end, and then deletes the old index file by file, only the files it
//! recognises as the index's own (tantivy's, and the saved watches, which move into the
//! rebuilt index): a folder with anything else in it (a user's notes, a
//! backup, articles) is refused before any work, never emptied.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result, UserError};

/// Is `name` a file tantivy makes in an index folder?
pub fn is_index_file(name: &str) -> bool {
    if matches!(
        name,
        "meta.json" | ".managed.json" | super::watches::WATCHES_FILE | super::watches::WATCHES_LOCK
    ) || name.starts_with(super::watches::WATCHES_TEMP_PREFIX)
    {
        return true;
    }
    if name.starts_with(".tantivy-") && name.ends_with(".lock") {
        return true;
    }
    // A whole-file write cut short by a crash.
    if name.starts_with(super::directory::TEMP_PREFIX) {
        return true;
    }
    // Segment files: `<32 hex digits>.<extension>`, deletes `<id>.<opstamp>.del`.
    let Some((id, rest)) = name.split_once('.') else { return false };
    id.len() == 32
        && id.bytes().all(|b| b.is_ascii_hexdigit())
        && !rest.is_empty()
        && rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.')
}

/// The entries of `folder` that are not the index's own, by name, sorted.
pub fn foreign_entries(folder: &Path) -> Result<Vec<String>> {
    let mut foreign = Vec::new();
    for entry in fs::read_dir(folder).map_err(|e| Error::io(folder, e))? {
        let entry = entry.map_err(|e| Error::io(folder, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_file = entry.file_type().is_ok_and(|kind| kind.is_file());
        if !(is_file && is_index_file(&name)) {
            foreign.push(name);
        }
    }
    foreign.sort();
    Ok(foreign)
}

/// Refuses a folder that holds anything but the index's own files.
pub fn ensure_only_index_files(folder: &Path) -> Result<()> {
    let foreign = foreign_entries(folder)?;
    if foreign.is_empty() {
        return Ok(());
    }
    Err(UserError::ForeignFiles { path: folder.to_owned(), names: foreign }.into())
}

/// A hidden folder beside `path` for this process: `.index.creating-1234`.
pub fn sibling(path: &Path, purpose: &str) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let hidden = format!(".{name}.{purpose}-{}", std::process::id());
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.join(hidden),
        _ => PathBuf::from(hidden),
    }
}

/// The hidden folders beside `path` left by earlier runs for `purpose`, whatever their
/// process: a run that was killed leaves one behind.
pub fn leftover_siblings(path: &Path, purpose: &str) -> Vec<PathBuf> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let prefix = format!(".{name}.{purpose}-");
    let parent = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let Ok(entries) = fs::read_dir(parent) else { return Vec::new() };
    entries
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_name().to_string_lossy().starts_with(&prefix))
        .map(|entry| parent.join(entry.file_name()))
        .collect()
}

/// Deletes an index folder that holds only the index's own files; anything else in it
/// stops the deletion, and the folder stays.
pub fn remove_index_folder(folder: &Path) -> Result<()> {
    ensure_only_index_files(folder)?;
    for entry in fs::read_dir(folder).map_err(|e| Error::io(folder, e))? {
        let path = entry.map_err(|e| Error::io(folder, e))?.path();
        fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
    }
    fs::remove_dir(folder).map_err(|e| Error::io(folder, e))
}

/// Swaps two folders in one step where the system can (Linux's `renameat2` with
/// `RENAME_EXCHANGE`): there is no moment at which `a` does not exist, so a search or a
/// crash in between sees the old index or the new one, never none.
#[cfg(target_os = "linux")]
pub fn exchange(a: &Path, b: &Path) -> Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE)
        .map_err(|errno| Error::io(a, std::io::Error::from(errno)))
}

/// Swaps two folders with two renames, where no atomic exchange exists: a crash between
/// them leaves the old index aside under its hidden name, whole.
#[cfg(not(target_os = "linux"))]
pub fn exchange(a: &Path, b: &Path) -> Result<()> {
    let aside = sibling(a, "swapping");
    fs::rename(a, &aside).map_err(|e| Error::io(a, e))?;
    fs::rename(b, a).map_err(|e| Error::io(b, e))?;
    fs::rename(&aside, b).map_err(|e| Error::io(&aside, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_files_are_known_by_name() {
        for name in [
            "meta.json",
            ".managed.json",
            ".tantivy-writer.lock",
            ".tantivy-meta.lock",
            "9b4f170637f24360b54225daa61cdd5e.store",
            "9b4f170637f24360b54225daa61cdd5e.12.del",
            ".newsdex-write-Ab3x9Q",
            "watches.json",
            "watches.lock",
            ".newsdex-watches-Xy12",
        ] {
            assert!(is_index_file(name), "{name}");
        }
        for name in ["NOTES.md", "backup", "9b4f1706.store", "article.txt", ".hidden", "meta.json~"]
        {
            assert!(!is_index_file(name), "{name}");
        }
    }

    #[test]
    fn a_folder_with_other_files_is_never_removed() {
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path().join("idx");
        fs::create_dir(&index).unwrap();
        fs::write(index.join("meta.json"), "{}").unwrap();
        fs::write(index.join("NOTES.md"), "mine").unwrap();
        fs::create_dir(index.join("backup")).unwrap();
        let err = remove_index_folder(&index).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "the index folder {} holds files newsdex did not make (NOTES.md, backup): move them out of it, or choose another --index folder",
                index.display()
            )
        );
        assert!(index.join("NOTES.md").exists() && index.join("meta.json").exists());
        fs::remove_file(index.join("NOTES.md")).unwrap();
        fs::remove_dir(index.join("backup")).unwrap();
        remove_index_folder(&index).unwrap();
        assert!(!index.exists());
    }

    #[test]
    fn folders_swap_places() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        fs::create_dir(&a).unwrap();
        fs::create_dir(&b).unwrap();
        fs::write(a.join("x"), "a").unwrap();
        fs::write(b.join("x"), "b").unwrap();
        exchange(&a, &b).unwrap();
        assert_eq!(fs::read_to_string(a.join("x")).unwrap(), "b");
        assert_eq!(fs::read_to_string(b.join("x")).unwrap(), "a");
    }
}
