//! Saved searches ("watches"), kept in `watches.json` inside the index folder.
//!
//! The file is newsdex's own: the folder rules recognise it (so `index --full` keeps it,
//! moving it into the rebuilt index, and never refuses or deletes it as foreign). It is
//! written whole to a temporary file and renamed into place, so a crash leaves the old
//! list or the new one; every change holds `watches.lock`, so two `watch run`s at once
//! each record their run. A watch remembers the newest `added` time it has shown, not the
//! clock: an article committed by a run still in progress when the watch ran is
//! added after that time and is shown next time.

use std::fs::{self, File};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result, UserError};
use crate::search::Filters;

/// The file of the watches, in the index folder.
pub const WATCHES_FILE: &str = "watches.json";
/// The lock every change of the watches holds.
pub const WATCHES_LOCK: &str = "watches.lock";
/// What the temporary file of a write starts with.
pub const WATCHES_TEMP_PREFIX: &str = ".newsdex-watches-";

/// One saved search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Watch {
    /// Its name: letters, digits, `-`, `_`, `.`.
    pub name: String,
    /// The query text.
    pub query: String,
    /// The filters.
    pub filters: Filters,
    /// When it was added.
    pub created: DateTime<Utc>,
    /// The newest `added` time among the articles of the index when it last ran; `None`
    /// before its first run, which shows every match.
    pub seen: Option<DateTime<Utc>>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct WatchesFile {
    watches: Vec<Watch>,
}

/// Checks a watch name: short, and only characters safe in a file, a shell and a mail
/// subject.
pub fn check_name(name: &str) -> std::result::Result<(), String> {
    let safe = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    if name.is_empty() || name.len() > 64 || !name.chars().all(safe) || name.starts_with('.') {
        return Err(format!(
            "bad watch name `{name}`: use 1 to 64 letters, digits, `-`, `_` or `.`, not starting with `.`"
        ));
    }
    Ok(())
}

/// The watches of an index, locked for a change: the lock is held until it is dropped.
pub struct Watches {
    folder: PathBuf,
    list: Vec<Watch>,
    _lock: File,
}

impl Watches {
    /// Reads the watches of the index at `folder` without locking them.
    pub fn read(folder: &Path) -> Result<Vec<Watch>> {
        let path = folder.join(WATCHES_FILE);
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) if err.kind() == ErrorKind::NotFound => return Ok(Vec::new()),
            Err(err) => return Err(Error::io(&path, err)),
        };
        let file: WatchesFile = serde_json::from_str(&text).map_err(|err| {
            Error::invalid(format!("{} is not a list of watches: {err}", path.display()))
        })?;
        Ok(file.watches)
    }

    /// Takes the lock of the watches of the index at `folder` (waiting for another
    /// change to finish) and reads them.
    pub fn lock(folder: &Path) -> Result<Watches> {
        let lock_path = folder.join(WATCHES_LOCK);
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|err| read_only(folder, &lock_path, err))?;
        lock.lock().map_err(|err| Error::io(&lock_path, err))?;
        let list = Watches::read(folder)?;
        Ok(Watches { folder: folder.to_owned(), list, _lock: lock })
    }

    /// The watches, in the order they were added.
    pub fn list(&self) -> &[Watch] {
        &self.list
    }

    /// The watch named `name`, or an error naming the known ones.
    pub fn get_mut(&mut self, name: &str) -> Result<&mut Watch> {
        let known: Vec<String> = self.list.iter().map(|w| w.name.clone()).collect();
        self.list.iter_mut().find(|w| w.name == name).ok_or_else(|| unknown(name, &known))
    }

    /// Adds a watch; a name already taken is refused.
    pub fn add(&mut self, watch: Watch) -> Result<()> {
        if self.list.iter().any(|w| w.name == watch.name) {
            let message = format!("a watch named `{}` exists: remove it first", watch.name);
            return Err(Error::invalid(message));
        }
        self.list.push(watch);
        self.save()
    }

    /// Removes the watch named `name`.
    pub fn remove(&mut self, name: &str) -> Result<()> {
        let known: Vec<String> = self.list.iter().map(|w| w.name.clone()).collect();
        let at =
            self.list.iter().position(|w| w.name == name).ok_or_else(|| unknown(name, &known))?;
        self.list.remove(at);
        self.save()
    }

    /// Writes the list: a temporary file beside it, renamed into place.
    pub fn save(&self) -> Result<()> {
        let path = self.folder.join(WATCHES_FILE);
        let text =
            serde_json::to_string_pretty(&WatchesFile { watches: self.list.clone() }).map_err(
                |source| crate::error::InternalError::Serialize { what: "the watches", source },
            )?;
        let mut temp = tempfile::Builder::new()
            .prefix(WATCHES_TEMP_PREFIX)
            .tempfile_in(&self.folder)
            .map_err(|err| read_only(&self.folder, &path, err))?;
        temp.write_all(text.as_bytes()).map_err(|err| Error::io(temp.path(), err))?;
        temp.as_file().sync_all().map_err(|err| Error::io(temp.path(), err))?;
        temp.persist(&path).map_err(|err| Error::io(&path, err.error))?;
        Ok(())
    }
}

fn read_only(folder: &Path, path: &Path, err: std::io::Error) -> Error {
    match err.kind() {
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
            UserError::WatchesReadOnly(folder.to_owned()).into()
        }
        _ => Error::io(path, err),
    }
}

fn unknown(name: &str, known: &[String]) -> Error {
    Error::invalid(if known.is_empty() {
        format!("no watch is named `{name}`: there are none yet (newsdex watch add NAME QUERY)")
    } else {
        format!("no watch is named `{name}`; watches: {}", known.join(", "))
    })
}

/// Moves the watches of the index at `from` into the index at `to` (a rebuild's fresh
/// index), so that they outlive the swap.
pub fn carry_over(from: &Path, to: &Path) -> Result<()> {
    let path = from.join(WATCHES_FILE);
    match fs::rename(&path, to.join(WATCHES_FILE)) {
        Err(err) if err.kind() != ErrorKind::NotFound => Err(Error::io(&path, err)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_safe_words() {
        for good in ["iran-oil", "daily_2", "a.b"] {
            assert_eq!(check_name(good), Ok(()), "{good}");
        }
        for bad in ["", ".hidden", "a b", "x/y", "\u{1b}[31m", &"n".repeat(65)] {
            assert!(check_name(bad).is_err(), "{bad:?}");
        }
    }
}
