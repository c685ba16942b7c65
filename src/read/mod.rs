//! Stage 2, reading: turn a [`SourceFile`](crate::discover::SourceFile) into
//! [`RawArticle`]s.
//!
//! In: a file path and its format. Out: one `RawArticle` per article the file holds (a
//! JSON Lines file holds many), each with its [`Origin`], its text decoded to UTF-8, and
//! whatever metadata the format carries (JSON keys, HTML meta tags). Readers do not
//! interpret the text: finding the dateline, the date or the people is extraction's job.

use std::path::PathBuf;

use crate::discover::Format;

/// Where an article came from: a file, and a line for JSON Lines files.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Origin {
    /// The file.
    pub path: PathBuf,
    /// 1-based line number in a JSON Lines file, or 1-based position in a JSON array.
    pub line: Option<u64>,
}

/// Metadata a format carries beside the text. Every field is optional: a scraped text
/// page has none, an HTML page some, a JSON export most.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// Headline from metadata (JSON `title`/`headline`, HTML og:title / h1 / title).
    pub title: Option<String>,
    /// Publication date or time as written in the metadata (`2023-09-19T10:00:00Z`,
    /// `Tue, 19 Sep 2023 10:00:00 GMT`, …), not yet parsed.
    pub published: Option<String>,
    /// Agency or publisher as written in the metadata.
    pub agency: Option<String>,
    /// The article's URL.
    pub url: Option<String>,
    /// The source's own id for the article (JSON `id`).
    pub source_id: Option<String>,
}

/// One article as read from its file, before extraction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawArticle {
    /// Where it came from.
    pub origin: Origin,
    /// The format of its file.
    pub format: Format,
    /// The article text in reading order, paragraphs separated by blank lines. For a
    /// scraped text page this is the whole page (title line included); for JSON it is the
    /// body; for HTML the article's paragraphs.
    pub text: String,
    /// Metadata from the format.
    pub meta: Meta,
}

/// Limits on what a reader accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadLimits {
    /// Largest file read, in bytes.
    pub max_file_bytes: u64,
}

impl Default for ReadLimits {
    fn default() -> Self {
        ReadLimits { max_file_bytes: 64 * 1024 * 1024 }
    }
}

/// The articles of a file and the problems met on the way.
#[derive(Debug, Default)]
pub struct ReadOutcome {
    /// Articles read.
    pub articles: Vec<RawArticle>,
    /// Articles that could not be read.
    pub problems: Vec<crate::Error>,
}

/// Reads a file.
pub fn read_file(
    source: &crate::discover::SourceFile,
    _limits: &ReadLimits,
) -> crate::Result<ReadOutcome> {
    let text =
        std::fs::read_to_string(&source.path).map_err(|e| crate::Error::io(&source.path, e))?;
    Ok(ReadOutcome {
        articles: vec![RawArticle {
            origin: Origin { path: source.path.clone(), line: None },
            format: source.format,
            text,
            meta: Meta::default(),
        }],
        problems: Vec::new(),
    })
}
