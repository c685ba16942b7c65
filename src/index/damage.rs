//! A damaged index: finding the files that are, and turning tantivy's failures on them
//! into one clear error.
//!
//! Every segment file ends with a checksum of its bytes, which tantivy writes and never
//! checks on its own. Checking costs a read of the whole index, so it is done where the
//! whole index is read anyway or must be sound: before an export, and when an indexing
//! run opens the index (a run must not call a damaged index "unchanged"). Searches do not
//! pay it; they run guarded instead ([`guard`]): a tantivy error, or a panic, while
//! reading the index is answered by checking the checksums then, and a damaged file found
//! makes the error [`UserError::Damaged`].
//!
//! What a guard cannot stop is an allocation so large that the system refuses it, which
//! aborts the process: the checksum check before an export and an indexing run is the
//! defence there.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::sync::Once;

use tantivy::directory::Directory;
use tantivy::Index;

use crate::error::{Error, InternalError, Result, UserError};

/// The files of the index's last commit whose bytes do not match their checksum, or whose
/// checksum cannot even be read, by name, sorted.
pub fn damaged_files(index: &Index) -> Result<Vec<String>> {
    let metas = index.load_metas()?;
    let directory = index.directory();
    let mut damaged = Vec::new();
    for file in metas.list_segment_files() {
        // The list names every file a segment may have (deletes, extensions); tantivy
        // reports a missing file that is needed when it opens the segment.
        if !directory.exists(&file).unwrap_or(false) {
            continue;
        }
        let sound = quietly(|| directory.validate_checksum(&file));
        if !matches!(sound, Ok(Ok(true))) {
            damaged.push(file.to_string_lossy().into_owned());
        }
    }
    damaged.sort();
    Ok(damaged)
}

/// Fails with [`UserError::Damaged`] if any file of the index at `path` is damaged.
pub fn verify(index: &Index, path: &Path) -> Result<()> {
    let files = damaged_files(index)?;
    if files.is_empty() {
        return Ok(());
    }
    Err(UserError::Damaged { path: path.to_owned(), files }.into())
}

/// Runs `read`, a read of the index at `path`, so that a damaged index gives
/// [`UserError::Damaged`] rather than tantivy's error or a panic.
///
/// tantivy trusts the bytes of its files: some damage makes it index out of bounds and
/// panic rather than return an error, and the only way to check every file beforehand is
/// to read the whole index, which no search should have to do. So the panic is caught
/// here, at the boundary between newsdex and the engine, and only here; its message is
/// kept off the terminal, since the error says what happened.
pub fn guard<T>(index: &Index, path: &Path, read: impl FnOnce() -> Result<T>) -> Result<T> {
    match quietly(read) {
        Ok(Err(Error::Internal(InternalError::Tantivy(err)))) => match damaged_files(index) {
            Ok(files) if !files.is_empty() => {
                Err(UserError::Damaged { path: path.to_owned(), files }.into())
            }
            _ => Err(err.into()),
        },
        Ok(done) => done,
        Err(_) => {
            let files = damaged_files(index).unwrap_or_default();
            Err(UserError::Damaged { path: path.to_owned(), files }.into())
        }
    }
}

/// Runs `f`, catching a panic in it, whose message stays off the terminal.
fn quietly<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    quiet_guarded_panics();
    GUARDED.with(|guarded| guarded.set(guarded.get() + 1));
    let outcome = panic::catch_unwind(AssertUnwindSafe(f));
    GUARDED.with(|guarded| guarded.set(guarded.get() - 1));
    outcome
}

thread_local! {
    /// How many guarded reads this thread is inside.
    static GUARDED: Cell<u32> = const { Cell::new(0) };
}

/// Installs, once, a panic hook that is silent for a panic inside a guarded read and
/// leaves every other panic to the hook there was.
fn quiet_guarded_panics() {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if GUARDED.with(Cell::get) == 0 {
                previous(info);
            }
        }));
    });
}
