//! Typed errors of the library: what stops a command.
//!
//! Three families, as milli keeps them: a [`UserError`] is something the person at the
//! keyboard can fix (no index there, a query that does not parse, a bad flag value, an
//! index another process is writing); an [`InternalError`] is newsdex or a library
//! failing (tantivy, a thread pool, serialisation), which the user can only report; an
//! I/O error names the file or folder the system refused. Problems with one input file
//! are not errors at all: they are [`Problem`](crate::problem::Problem)s, which the
//! indexing run reports as warnings and counts.
//!
//! The binary adds context with `anyhow` and prints one line.

use std::path::PathBuf;

/// Result with the library's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can stop a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The user's mistake, with what to do about it.
    #[error(transparent)]
    User(#[from] UserError),
    /// A failure inside newsdex or a library it uses.
    #[error(transparent)]
    Internal(#[from] InternalError),
    /// An I/O error on a named file or folder.
    // The cause is not a `#[source]`: its words are already in the message, and a chain
    // would print them twice.
    #[error("{}: {}", path.display(), crate::problem::Problem::io(cause))]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the operating system said.
        cause: std::io::Error,
    },
}

/// What the user can fix.
#[derive(Debug, thiserror::Error)]
pub enum UserError {
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
    /// Files of the index do not hold what tantivy wrote (a disk fault, a stray write).
    #[error("the index at {} is damaged{}: run `newsdex index --full DIR` to rebuild it", path.display(), damage(path, files))]
    Damaged {
        /// The index folder.
        path: PathBuf,
        /// The damaged files in it, by name; empty when the damage could not be placed.
        files: Vec<String>,
    },
    /// Another process holds the index writer lock.
    #[error("the index at {} is being written by another process; wait for it to finish", .0.display())]
    IndexBusy(PathBuf),
    /// A rebuild would have to delete what is not the index's: it is left alone.
    #[error("the index folder {} holds files newsdex did not make ({}): move them out of it, or choose another --index folder", path.display(), few(names))]
    ForeignFiles {
        /// The index folder.
        path: PathBuf,
        /// The names of what is not the index's.
        names: Vec<String>,
    },
    /// A folder to index lies inside the index folder.
    #[error("{} lies inside the index folder {}: keep articles outside it, or choose another --index folder", root.display(), index.display())]
    CorpusInsideIndex {
        /// The folder to index.
        root: PathBuf,
        /// The index folder.
        index: PathBuf,
    },
    /// The query could not be understood: the message names the problem and where.
    #[error("{0}")]
    Query(String),
    /// A value the user gave (a date, an id, a flag) is not usable.
    #[error("{0}")]
    Invalid(String),
    /// A line of the curation file cannot be read.
    #[error("{}:{line}: {message}; fix or remove the line (the format: `newsdex help entities`)", path.display())]
    Curation {
        /// The curation file.
        path: PathBuf,
        /// The line, from 1.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// `watch` needs to record its runs in an index folder it cannot write.
    #[error("the index at {} is read-only: watches record their runs in the index folder, so manage and run them where it can be written", .0.display())]
    WatchesReadOnly(PathBuf),
}

/// What the user cannot fix, only report.
#[derive(Debug, thiserror::Error)]
pub enum InternalError {
    /// An error inside tantivy.
    // Not a `#[source]`: tantivy's message already quotes its cause, which a chain would
    // print again in other words.
    #[error("index error: {0}")]
    Tantivy(tantivy::TantivyError),
    /// The worker threads could not be started.
    #[error("cannot start worker threads: {0}")]
    ThreadPool(#[from] rayon::ThreadPoolBuildError),
    /// The server's runtime could not start or stopped.
    #[error("server error: {0}")]
    Runtime(std::io::Error),
    /// A value could not be written as JSON.
    #[error("cannot serialise {what}: {source}")]
    Serialize {
        /// What was being written.
        what: &'static str,
        /// serde's message.
        #[source]
        source: serde_json::Error,
    },
}

/// Up to five names, and how many more there are.
fn few(names: &[String]) -> String {
    const SHOWN: usize = 5;
    let mut text = names.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
    if names.len() > SHOWN {
        text.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    text
}

/// Which files of a damaged index are damaged, for its message.
fn damage(path: &std::path::Path, files: &[String]) -> String {
    match files {
        [] => String::new(),
        [file] => format!(" ({} fails its checksum)", path.join(file).display()),
        [file, more @ ..] => {
            format!(" ({} and {} more fail their checksums)", path.join(file).display(), more.len())
        }
    }
}

impl Error {
    /// Wraps an I/O error with the path it happened on.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), cause: source }
    }

    /// A query that cannot be understood; `message` names the problem and where.
    pub fn query(message: impl Into<String>) -> Self {
        Error::User(UserError::Query(message.into()))
    }

    /// A value the user gave that cannot be used; `message` says why and what would do.
    pub fn invalid(message: impl Into<String>) -> Self {
        Error::User(UserError::Invalid(message.into()))
    }
}

impl From<tantivy::TantivyError> for InternalError {
    fn from(err: tantivy::TantivyError) -> Self {
        InternalError::Tantivy(err)
    }
}

impl From<tantivy::TantivyError> for Error {
    fn from(err: tantivy::TantivyError) -> Self {
        Error::Internal(InternalError::Tantivy(err))
    }
}
