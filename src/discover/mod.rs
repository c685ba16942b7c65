//! Stage 1, discovery: which files under the given folders are articles?
//!
//! In: folders (or single files) named by the user, and folders to leave out (the index).
//! Out: a stream of [`Discovered`] items in a deterministic order (sorted by file name at
//! every level): [`SourceFile`]s, each tagged with the [`Format`] its extension implies,
//! and the [`Problem`](crate::problem::Problem) of what could not be walked (symlink
//! loops, unreadable folders, broken symlinks). What is simply not an article (other
//! extensions, hidden files and folders, the index folder) is passed over silently.
//! Discovery never opens a file: whether its contents can be read, decoded and parsed
//! is the reader's business.

mod walk;

use std::path::{Path, PathBuf};

pub use walk::{absolute_roots, discover, ignored_extensions, DiscoverOptions, Discovered};

/// The article formats newsdex reads, chosen by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// `.txt`: a page scraped to text (title line, dateline, body, site furniture).
    Text,
    /// `.json`: one article object (or an array of them).
    Json,
    /// `.jsonl` / `.ndjson`: one article object per line.
    JsonLines,
    /// `.html` / `.htm` / `.xhtml` / `.shtml`: a news web page.
    Html,
}

impl Format {
    /// The format for a file extension (case-insensitive), or `None` if newsdex does not
    /// read that kind of file.
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" => Some(Format::Text),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            "html" | "htm" | "xhtml" | "shtml" => Some(Format::Html),
            _ => None,
        }
    }

    /// The format for a path's extension, or `None` if it has no extension newsdex reads
    /// (a non-UTF-8 extension is never one).
    pub fn from_path(path: &Path) -> Option<Format> {
        path.extension()?.to_str().and_then(Format::from_extension)
    }
}

/// A file that discovery picked as an article source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// The path as found under the root the user gave.
    pub path: PathBuf,
    /// The format its extension implies.
    pub format: Format,
}
