//! The indexing pipeline: discover → read → extract → write.
//!
//! Files are taken in discovery order, in batches; each batch is read and extracted in
//! parallel (reading and extraction are pure per file), then written in order, so the
//! index, the warnings and the summary are the same on every run. Memory stays bounded:
//! only one batch of articles is in flight, whatever the corpus size.
//!
//! A file's articles replace whatever the index held for that path (a JSON Lines file
//! that lost lines loses those articles), which is what makes re-running `index` on the
//! same folder safe.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::{NewsIndex, WriterOptions};
use crate::discover::{self, DiscoverOptions, Discovered, SourceFile};
use crate::error::{Error, Result};
use crate::extract::{self, Article};
use crate::read::{self, ReadLimits};

/// How to run an indexing job.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Threads for reading and extraction.
    pub threads: usize,
    /// Files per batch handed to the threads.
    pub batch_files: usize,
    /// Budget of the tantivy writer.
    pub writer: WriterOptions,
    /// Limits on what a reader accepts.
    pub limits: ReadLimits,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            batch_files: 512,
            writer: WriterOptions::default(),
            limits: ReadLimits::default(),
        }
    }
}

/// Something the user should hear about: a file or article skipped, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The file.
    pub path: PathBuf,
    /// The line of a JSON Lines file.
    pub line: Option<u64>,
    /// Why.
    pub reason: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// Receives progress and warnings as the pipeline goes.
pub trait Reporter: Sync {
    /// A file was read: how many articles it gave.
    fn file_done(&self, path: &Path, articles: usize);
    /// A file or article was skipped.
    fn warning(&self, warning: &Warning);
}

/// What an indexing run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexSummary {
    /// Article files read.
    pub files: u64,
    /// Articles written to the index.
    pub articles: u64,
    /// Files or articles skipped, counted by reason.
    pub skipped: BTreeMap<String, u64>,
    /// Wall time.
    pub elapsed: Duration,
}

impl IndexSummary {
    /// Files or articles skipped in all.
    pub fn skipped_total(&self) -> u64 {
        self.skipped.values().sum()
    }

    fn skip(&mut self, reporter: &dyn Reporter, warning: Warning) {
        reporter.warning(&warning);
        *self.skipped.entry(reason_kind(&warning.reason)).or_default() += 1;
    }
}

/// The reason's kind for the summary: the text before any detail after a colon.
fn reason_kind(reason: &str) -> String {
    reason.split(':').next().unwrap_or(reason).trim().to_owned()
}

/// A file's worth of work, done on a worker thread.
struct FileResult {
    source: SourceFile,
    articles: Vec<Article>,
    problems: Vec<Warning>,
}

/// Indexes every article file under `roots` into `index`.
pub fn index_paths(
    index: &NewsIndex,
    roots: &[PathBuf],
    options: &IndexOptions,
    reporter: &dyn Reporter,
) -> Result<IndexSummary> {
    let started = Instant::now();
    let roots = absolute_roots(roots)?;
    let discover_options = DiscoverOptions { exclude: vec![index.path().to_owned()] };
    let files = discover::discover(&roots, &discover_options)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads.max(1))
        .build()
        .map_err(|e| Error::Usage(format!("cannot start worker threads: {e}")))?;

    let mut writer = index.writer(options.writer)?;
    let mut summary = IndexSummary::default();
    let mut batch = Vec::with_capacity(options.batch_files);
    let flush = |batch: &mut Vec<SourceFile>, summary: &mut IndexSummary| -> Result<()> {
        let results: Vec<FileResult> =
            pool.install(|| batch.par_drain(..).map(|s| process(s, &options.limits)).collect());
        for result in results {
            let path = result.source.path.to_string_lossy();
            writer.delete_file(&path);
            for article in &result.articles {
                writer.add(article)?;
            }
            summary.files += 1;
            summary.articles += result.articles.len() as u64;
            reporter.file_done(&result.source.path, result.articles.len());
            for problem in result.problems {
                summary.skip(reporter, problem);
            }
        }
        Ok(())
    };
    for found in files {
        match found {
            Discovered::File(source) => {
                batch.push(source);
                if batch.len() >= options.batch_files {
                    flush(&mut batch, &mut summary)?;
                }
            }
            Discovered::Skipped(skipped) => summary
                .skip(reporter, Warning { path: skipped.path, line: None, reason: skipped.reason }),
        }
    }
    flush(&mut batch, &mut summary)?;
    writer.commit()?;
    writer.finish()?;
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// Reads and extracts one file.
fn process(source: SourceFile, limits: &ReadLimits) -> FileResult {
    let (articles, problems) = read_and_extract(&source, limits);
    FileResult { source, articles, problems }
}

/// The articles of one file, and what went wrong on the way. Shared by `index` and
/// `extract`, so both see exactly the same fields.
pub fn read_and_extract(source: &SourceFile, limits: &ReadLimits) -> (Vec<Article>, Vec<Warning>) {
    match read::read_file(source, limits) {
        Ok(outcome) => (
            outcome.articles.iter().map(extract::extract).collect(),
            outcome.problems.into_iter().map(warning_from).collect(),
        ),
        Err(err) => (Vec::new(), vec![warning_from(err)]),
    }
}

fn warning_from(err: Error) -> Warning {
    match err {
        Error::BadInput { path, line, reason } => Warning { path, line, reason },
        Error::Io { path, source } => Warning { path, line: None, reason: io_reason(&source) },
        other => Warning { path: PathBuf::new(), line: None, reason: other.to_string() },
    }
}

/// A short, stable reason for an I/O error ("permission denied").
fn io_reason(err: &std::io::Error) -> String {
    let text = err.to_string();
    let text = text.split(" (os error").next().unwrap_or(&text);
    text.to_lowercase()
}

/// The roots as canonical paths, so an article's identity does not depend on the folder
/// `newsdex` was started from or the way the folder was named. A root that does not
/// exist is an error naming it.
pub fn absolute_roots(roots: &[PathBuf]) -> Result<Vec<PathBuf>> {
    roots.iter().map(|root| std::fs::canonicalize(root).map_err(|e| Error::io(root, e))).collect()
}
