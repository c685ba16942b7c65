//! Typed errors of the library.
//!
//! Two families: problems with one input (an unreadable file, a bad JSON line), which the
//! indexer turns into warnings and counts, and problems that stop a command (no index,
//! an index of another schema version, a query that does not parse). The binary adds
//! context with `anyhow` and prints one line.

use std::path::PathBuf;

/// Result with the library's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in the library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An I/O error on a named file or folder.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// One input could not be read as an article (bad JSON, empty file, binary data).
    #[error("{}{}: {reason}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
    BadInput {
        /// The file.
        path: PathBuf,
        /// The line, for JSON Lines files.
        line: Option<u64>,
        /// Why it was skipped.
        reason: String,
    },
    /// There is no index at the given place.
    #[error("no newsdex index at {}: run `newsdex index DIR` first (or point --index / NEWSDEX_INDEX at one)", .0.display())]
    NoIndex(PathBuf),
    /// The folder holds something that is not a newsdex index.
    #[error("{} is not a newsdex index: choose another --index folder, or remove it and run `newsdex index DIR`", .0.display())]
    NotAnIndex(PathBuf),
    /// The index was built with another schema version.
    #[error("the index at {} has schema version {found}, this newsdex needs version {expected}: re-index with `newsdex index --full DIR`", path.display())]
    SchemaVersion {
        /// The index folder.
        path: PathBuf,
        /// The version stored in the index.
        found: u32,
        /// The version this build writes.
        expected: u32,
    },
    /// Another process holds the index writer lock.
    #[error("the index at {} is being written by another process; wait for it to finish", .0.display())]
    IndexBusy(PathBuf),
    /// The user's query or filter could not be understood.
    #[error("{0}")]
    Query(String),
    /// A user-supplied value (date, facet name, …) is malformed.
    #[error("{0}")]
    Usage(String),
    /// An error inside tantivy.
    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

impl Error {
    /// Wraps an I/O error with the path it happened on.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }

    /// Is this the user's mistake (bad query, bad flag value, missing index) rather than
    /// an internal failure? Both exit with code 2; the distinction is for messages.
    pub fn is_user_error(&self) -> bool {
        matches!(
            self,
            Error::NoIndex(_)
                | Error::NotAnIndex(_)
                | Error::SchemaVersion { .. }
                | Error::IndexBusy(_)
                | Error::Query(_)
                | Error::Usage(_)
        )
    }
}
