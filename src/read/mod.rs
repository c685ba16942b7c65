//! Stage 2, reading: turn a [`SourceFile`] into [`RawArticle`]s.
//!
//! In: a file path and its format. Out: a [`ReadOutcome`]: one `RawArticle` per article
//! the file holds (a JSON Lines file holds many), each with its [`Origin`], its text
//! decoded to UTF-8 with `\n` line endings, and whatever metadata the format carries
//! (JSON keys, HTML meta tags), plus the [`Problem`] of each article that could not be
//! read (a broken JSON line), while the rest of the file is still read. A file that
//! cannot be read at all (missing, too large, binary, empty, not JSON) is one `Problem`
//! for the whole file. Readers never fail a command: what they cannot read is a value.
//!
//! Readers do not interpret the text: finding the title line of a scraped page, the
//! dateline, the date in the text or the people is extraction's job.

mod decode;
mod html;
mod json;
pub(crate) mod months;

use std::fs::File;
use std::io::Read;
use std::path::PathBuf;

use crate::discover::{Format, SourceFile};
use crate::problem::Problem;

/// The default for [`ReadLimits::max_file_bytes`]: 64 MiB. News articles are kilobytes,
/// a JSON Lines export of 100,000 articles about 150 MB, so bigger exports should be
/// split (or the limit raised).
pub const DEFAULT_MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Limits that keep one odd file from exhausting memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadLimits {
    /// Files larger than this many bytes are refused without being read, default
    /// [`DEFAULT_MAX_FILE_BYTES`]. The whole file is held in memory while it is read.
    pub max_file_bytes: u64,
}

impl Default for ReadLimits {
    fn default() -> Self {
        ReadLimits { max_file_bytes: DEFAULT_MAX_FILE_BYTES }
    }
}

/// What one file gave: its articles, and what was wrong with the ones it could not give.
#[derive(Debug, Default)]
pub struct ReadOutcome {
    /// The articles, in file order.
    pub articles: Vec<RawArticle>,
    /// One problem per article that could not be read, in file order.
    pub problems: Vec<ArticleProblem>,
}

/// Why there is no article at one place of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleProblem {
    /// The line of a JSON Lines file or the position in a JSON array; `None` for a file
    /// that holds one article.
    pub line: Option<u64>,
    /// What is wrong there.
    pub problem: Problem,
}

impl ReadOutcome {
    /// Adds an article, or the problem that there is none at this place of the file.
    fn push(
        &mut self,
        source: &SourceFile,
        line: Option<u64>,
        article: Result<(String, Meta), Problem>,
    ) {
        match article {
            Ok((text, meta)) => self.articles.push(RawArticle {
                origin: Origin { path: source.path.clone(), line },
                format: source.format,
                text,
                meta,
            }),
            Err(problem) => self.problems.push(ArticleProblem { line, problem }),
        }
    }
}

/// Reads a file's articles. A file that cannot be opened, one larger than
/// `limits.max_file_bytes` (judged by its metadata, before any byte is read), an empty or
/// a binary one is a [`Problem`] for the whole file. Everything else goes through
/// [`read_bytes`].
pub fn read_file(source: &SourceFile, limits: &ReadLimits) -> Result<ReadOutcome, Problem> {
    read_bytes(source, &load(source, limits)?)
}

/// A file's bytes, within the size limit: [`read_file`]'s first half, for callers that
/// need the bytes too (to hash them).
pub fn load(source: &SourceFile, limits: &ReadLimits) -> Result<Vec<u8>, Problem> {
    let io_problem = |err: std::io::Error| Problem::io(&err);
    let file = File::open(&source.path).map_err(io_problem)?;
    let size = file.metadata().map_err(io_problem)?.len();
    let too_large = |size| Problem::TooLarge { size, limit: limits.max_file_bytes };
    if size > limits.max_file_bytes {
        return Err(too_large(size));
    }
    // The size is only a hint for the buffer: the file may grow while it is read, and the
    // limit still holds.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limits.max_file_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io_problem)?;
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Reads articles from a file's bytes, as [`read_file`] does after reading them, with
/// `source` telling the format and the path to name in origins. Pure: it touches no
/// file.
pub fn read_bytes(source: &SourceFile, bytes: &[u8]) -> Result<ReadOutcome, Problem> {
    let text = decode::decode(bytes, source.format)?;
    Ok(match source.format {
        Format::Text => {
            let mut outcome = ReadOutcome::default();
            outcome.push(source, None, Ok((text, Meta::default())));
            outcome
        }
        Format::Json => json::read_json(source, &text)?,
        Format::JsonLines => json::read_json_lines(source, &text),
        Format::Html => html::read_html(source, &text),
    })
}

/// A metadata value with its whitespace collapsed, or `None` if blank.
fn clean(value: &str) -> Option<String> {
    let cleaned = value.split_whitespace().collect::<Vec<_>>().join(" ");
    (!cleaned.is_empty()).then_some(cleaned)
}

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
    /// `Tue, 19 Sep 2023 10:00:00 GMT`, …), not yet parsed; a JSON number is written out
    /// as a day (`20230919`) or, when a plausible unix time in seconds or milliseconds,
    /// as RFC 3339 in UTC.
    pub published: Option<String>,
    /// What kind of place on the page gave `published`, when the reader chose among
    /// several (a web page); `None` means the format's own date field.
    pub published_from: Option<PublishedFrom>,
    /// Agency or publisher as written in the metadata.
    pub agency: Option<String>,
    /// The article's URL.
    pub url: Option<String>,
    /// The source's own id for the article (JSON `id`).
    pub source_id: Option<String>,
}

/// The kind of place a web page's publication day was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublishedFrom {
    /// Metadata: JSON-LD, `<meta>` tags, microdata, a `<time>` element.
    Metadata,
    /// A day in the article's URL (`/2020/05/04/`).
    Url,
    /// A date written in the page's text ("4. Mai 2020").
    Text,
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

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::Path;

    use super::*;

    fn source(path: &Path, format: Format) -> SourceFile {
        SourceFile { path: path.to_path_buf(), format }
    }

    /// The message of a whole-file problem; fails on anything else.
    fn bad_file_reason(result: Result<ReadOutcome, Problem>) -> String {
        match result {
            Err(problem) => problem.to_string(),
            Ok(outcome) => panic!("expected a whole-file problem, got {outcome:?}"),
        }
    }

    #[test]
    fn a_text_page_is_one_article_with_the_whole_page() {
        let page = "Relations with Iran reaching new highs\r\n\r\nIran (IMNA) - Shoigu said...\r\n\r\nNews ID 689019\r\n";
        let outcome = read_bytes(&source(Path::new("imna/1.txt"), Format::Text), page.as_bytes())
            .expect("reads");
        let expected = RawArticle {
            origin: Origin { path: "imna/1.txt".into(), line: None },
            format: Format::Text,
            text: "Relations with Iran reaching new highs\n\nIran (IMNA) - Shoigu said...\n\nNews ID 689019\n"
                .into(),
            meta: Meta::default(),
        };
        assert_eq!(outcome.articles, [expected]);
        assert!(outcome.problems.is_empty());
    }

    #[test]
    fn files_that_are_not_text_are_refused_for_every_format() {
        for format in [Format::Text, Format::Json, Format::JsonLines, Format::Html] {
            let source = source(Path::new("x"), format);
            assert_eq!(bad_file_reason(read_bytes(&source, b" \n ")), "empty file");
            assert_eq!(
                bad_file_reason(read_bytes(&source, b"\x7fELF\x02\x01\x01\0\0")),
                "binary file, not text"
            );
        }
    }

    #[test]
    fn read_file_reads_from_disk() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.jsonl");
        fs::write(&path, "{\"title\": \"A\"}\n{\"title\": \"B\"}\n").expect("write");
        let outcome =
            read_file(&source(&path, Format::JsonLines), &ReadLimits::default()).expect("reads");
        let titles: Vec<_> = outcome.articles.iter().map(|a| a.meta.title.as_deref()).collect();
        assert_eq!(titles, [Some("A"), Some("B")]);
    }

    #[test]
    fn a_file_over_the_size_limit_is_refused_naming_size_and_limit() {
        let dir = tempfile::tempdir().expect("temp dir");
        let small = dir.path().join("small.txt");
        fs::write(&small, "eleven byte").expect("write");
        let limits = ReadLimits { max_file_bytes: 10 };
        let reason = bad_file_reason(read_file(&source(&small, Format::Text), &limits));
        assert_eq!(reason, "file is 11 bytes, over the limit of 10 bytes");
        assert!(
            read_file(&source(&small, Format::Text), &ReadLimits { max_file_bytes: 11 }).is_ok()
        );

        // A sparse file: its size is known from metadata, and nothing of it is read.
        let huge = dir.path().join("huge.jsonl");
        fs::File::create(&huge).and_then(|file| file.set_len(5 << 30)).expect("sparse file");
        let reason =
            bad_file_reason(read_file(&source(&huge, Format::JsonLines), &ReadLimits::default()));
        assert_eq!(reason, "file is 5.0 GiB, over the limit of 64.0 MiB");
    }

    #[test]
    fn a_missing_file_is_an_io_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("gone.txt");
        match read_file(&source(&path, Format::Text), &ReadLimits::default()) {
            Err(problem) => {
                assert!(problem.is_failure());
                assert_eq!(problem.to_string(), "no such file or directory");
            }
            other => panic!("expected an I/O problem, got {other:?}"),
        }
    }

    #[cfg(unix)]
    #[test]
    fn an_unreadable_file_is_an_io_error_saying_permission_denied() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("locked.txt");
        fs::write(&path, "text").expect("write");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).expect("chmod");
        if fs::read(&path).is_ok() {
            eprintln!("skipped: this user can read a mode 000 file");
            return;
        }
        match read_file(&source(&path, Format::Text), &ReadLimits::default()) {
            Err(problem) => assert_eq!(problem.to_string(), "permission denied"),
            other => panic!("expected an I/O problem, got {other:?}"),
        }
    }

    #[test]
    fn clean_collapses_whitespace_and_drops_blanks() {
        assert_eq!(clean("  Iran \n (IMNA)\t"), Some("Iran (IMNA)".to_string()));
        assert_eq!(clean(" \n "), None);
    }
}
