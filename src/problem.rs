//! Why an input gave no article: the one vocabulary of discovery, reading and the
//! indexing run.
//!
//! A [`Problem`] is about one file, one line of a JSON Lines file or one element of a JSON
//! array, never about the command as a whole (that is an [`Error`](crate::Error)).
//! Discovery and the readers return problems as values, the run turns them into
//! warnings that name the path and line, and the summary counts them by
//! [`Problem::kind`], a short name that does not change with the details (the size of a
//! file, the column of a JSON error), so a thousand truncated exports are one line of
//! the summary, not a thousand.

use std::fmt;
use std::io;

/// Why a file, a line or an element could not be read as an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Nothing but whitespace.
    Empty,
    /// NUL bytes or control characters: an image, an archive, a database.
    Binary,
    /// Over the size limit; judged before the file is read.
    TooLarge {
        /// The file's size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// Text that does not parse as JSON.
    BadJson {
        /// Line of the error inside the JSON text; `None` inside one line of a JSON Lines
        /// file, whose line the warning names already.
        line: Option<u64>,
        /// 1-based column of the error.
        column: u64,
        /// The parser's message, without its position.
        what: String,
    },
    /// Valid JSON that is not an article object (or, for a whole `.json` file, an
    /// array of them).
    NotAnArticle {
        /// What the JSON holds instead: "a number", "a string", …
        found: &'static str,
        /// Whether an array would have been accepted here (a whole `.json` file).
        array_allowed: bool,
    },
    /// A JSON article with neither a title nor a body.
    NoTitleOrBody,
    /// A web page with no article paragraphs.
    NoArticleText,
    /// A web page nested deeper than the reader parses: the tags past the limit were
    /// ignored, their text kept. The page's article is still read; this is a warning.
    DeepNesting {
        /// The page's nesting depth, as estimated from its text.
        depth: usize,
        /// The deepest nesting parsed.
        limit: usize,
    },
    /// A folder that leads back to one of its ancestors.
    SymlinkLoop,
    /// A symlink to an article file that does not exist.
    BrokenSymlink,
    /// A path named on the command line that is neither a file nor a folder.
    NotRegularFile,
    /// A file named on the command line whose extension is not an article format.
    NotArticleFile,
    /// The operating system refused or failed (permission, a file gone mid-run).
    Io {
        /// What kind of failure.
        kind: io::ErrorKind,
        /// The system's error number, when there is one: it names the failure precisely.
        os_code: Option<i32>,
    },
}

impl Problem {
    /// The problem behind an I/O error.
    pub fn io(err: &io::Error) -> Problem {
        Problem::Io { kind: err.kind(), os_code: err.raw_os_error() }
    }

    /// A short, stable name for the summary line: the same for every instance of the
    /// problem, whatever its details.
    pub fn kind(&self) -> String {
        match self {
            Problem::Empty => "empty file".into(),
            Problem::Binary => "binary file, not text".into(),
            Problem::TooLarge { .. } => "over the size limit".into(),
            Problem::BadJson { .. } => "bad JSON".into(),
            Problem::NotAnArticle { .. } => "not an article object".into(),
            Problem::NoTitleOrBody => "no title or body".into(),
            Problem::NoArticleText => "no article text".into(),
            Problem::DeepNesting { .. } => "nesting too deep, flattened".into(),
            Problem::SymlinkLoop => "symlink loop".into(),
            Problem::BrokenSymlink => "broken symlink".into(),
            Problem::NotRegularFile => "not a regular file".into(),
            Problem::NotArticleFile => "not an article file".into(),
            Problem::Io { .. } => self.to_string(),
        }
    }

    /// Whether the input could not be read at all (the system failed or refused), as
    /// opposed to read and found to hold no article. The summary counts the two apart.
    pub fn is_failure(&self) -> bool {
        matches!(self, Problem::Io { .. })
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::TooLarge { size, limit } => {
                write!(f, "file is {}, over the limit of {}", human_size(*size), human_size(*limit))
            }
            Problem::BadJson { line: Some(line), column, what } => {
                write!(f, "line {line} column {column}: {what}")
            }
            Problem::BadJson { line: None, column, what } => write!(f, "column {column}: {what}"),
            Problem::NotAnArticle { found, array_allowed: true } => {
                write!(f, "not an article object or array (found {found})")
            }
            Problem::NotAnArticle { found, array_allowed: false } => {
                write!(f, "not an article object (found {found})")
            }
            Problem::NotArticleFile => f.write_str(
                "not an article file (.txt, .json, .jsonl, .ndjson, .html, .htm, .xhtml, .shtml)",
            ),
            Problem::DeepNesting { depth, limit } => write!(
                f,
                "elements nested {depth} deep, past the limit of {limit}: read flattened there"
            ),
            Problem::Io { kind, os_code } => f.write_str(&io_words(*kind, *os_code)),
            other => f.write_str(&other.kind()),
        }
    }
}

/// How a full disk is named: the system's "no space left on device" does not say what
/// to do about it.
pub const DISK_FULL: &str = "disk full";

/// What the operating system said, in a few lower-case words: "permission denied"
/// rather than "Permission denied (os error 13)", "disk full" rather than "No space left
/// on device (os error 28)".
fn io_words(kind: io::ErrorKind, os_code: Option<i32>) -> String {
    if kind == io::ErrorKind::StorageFull {
        return DISK_FULL.to_owned();
    }
    let message = match os_code {
        Some(code) => io::Error::from_raw_os_error(code).to_string(),
        None => kind.to_string(),
    };
    let message = message.split(" (os error").next().unwrap_or(&message);
    message.to_lowercase()
}

/// A byte count for messages: "70.0 MiB", "512 bytes".
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_carry_the_details_and_kinds_do_not() {
        let big = Problem::TooLarge { size: 200 << 20, limit: 64 << 20 };
        assert_eq!(big.to_string(), "file is 200.0 MiB, over the limit of 64.0 MiB");
        assert_eq!(big.kind(), "over the size limit");
        let json = Problem::BadJson {
            line: Some(3),
            column: 7,
            what: "EOF while parsing a string".into(),
        };
        assert_eq!(json.to_string(), "line 3 column 7: EOF while parsing a string");
        let in_a_line =
            Problem::BadJson { line: None, column: 7, what: "EOF while parsing a string".into() };
        assert_eq!(in_a_line.to_string(), "column 7: EOF while parsing a string");
        assert_eq!(json.kind(), "bad JSON");
        assert_eq!(Problem::Empty.to_string(), "empty file");
    }

    #[test]
    fn system_errors_read_as_a_few_lower_case_words() {
        let denied = Problem::io(&io::Error::from_raw_os_error(13));
        assert_eq!(denied.to_string(), "permission denied");
        assert_eq!(denied.kind(), "permission denied");
        assert!(denied.is_failure());
        let gone = Problem::io(&io::Error::from_raw_os_error(2));
        assert_eq!(gone.to_string(), "no such file or directory");
        let synthetic = Problem::io(&io::Error::new(io::ErrorKind::PermissionDenied, "x"));
        assert_eq!(synthetic.to_string(), "permission denied");
        assert!(!Problem::Binary.is_failure());
    }

    #[test]
    fn sizes_read_naturally() {
        let cases = [
            (0, "0 bytes"),
            (1023, "1023 bytes"),
            (1024, "1.0 KiB"),
            (64 << 20, "64.0 MiB"),
            (70 * 1024 * 1024 + 512 * 1024, "70.5 MiB"),
            (3 << 40, "3.0 TiB"),
            (5000 << 40, "5000.0 TiB"),
        ];
        for (bytes, expected) in cases {
            assert_eq!(human_size(bytes), expected);
        }
    }
}
