//! The indexing run: discover → (skip what is unchanged) → read → extract → write.
//!
//! This room owns the run, not the index: which files to (re)read, in what order and on
//! which threads, what to tell the user along the way ([`Reporter`], [`Warning`]) and at
//! the end ([`IndexSummary`]). The index's own life cycle (creating it, the writer lock,
//! commits, the schema) is [`crate::index`]'s; what a file holds is [`crate::read`]'s and
//! [`crate::extract`]'s. [`read_and_extract`] is the run's reading half on its own, for
//! `newsdex extract`, which needs no index.
//!
//! Runs are incremental. The index remembers, for each source file, its size,
//! modification time and content hash ([`FileStamp`]); a file whose size and time are
//! unchanged is not opened again, a changed one is read and its articles replace the old
//! ones (a JSON Lines file that lost lines loses those articles), a new one is added, and
//! the articles of files gone from the folders given are removed.
//!
//! Files are taken in discovery order, in batches; each batch is read and extracted in
//! parallel on one thread's pool while the batch before it is written on another, in
//! order, so the index, the warnings and the summary are the same on every run, both
//! cores stay busy, and memory holds a few batches whatever the corpus size. The writer
//! commits every [`IndexOptions::commit_every`] articles (50,000 by default): killed at
//! any moment, the index keeps its last commit, and the next run redoes only what came
//! after it (a file's old articles and its new ones always change in the same commit, so
//! nothing is ever duplicated or lost).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant, UNIX_EPOCH};

use rayon::prelude::*;

mod store;

use crate::discover::{self, DiscoverOptions, Discovered, SourceFile};
use crate::error::{InternalError, Result, UserError};
use crate::extract::{self, Article};
use crate::index::{FileStamp, NewsIndex, WriterOptions};
use crate::problem::Problem;
use crate::read::{self, ReadLimits};
pub use store::Store;

/// Articles written between two commits unless the options say otherwise.
pub const DEFAULT_COMMIT_EVERY: u64 = 50_000;

/// The most reading threads a run starts: more than a machine's cores only adds memory.
pub const MAX_THREADS: u16 = 256;

/// How to run an indexing job.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Threads for reading and extraction.
    pub threads: usize,
    /// Most files per batch handed to the threads.
    pub batch_files: usize,
    /// Most bytes of source files per batch: a batch's articles are all in memory at
    /// once, so this (not the file count: one JSON Lines file may hold 10,000 articles)
    /// is what bounds the memory of a run.
    pub batch_bytes: u64,
    /// Commit once at least this many articles were written since the last commit.
    pub commit_every: usize,
    /// Budget of the tantivy writer.
    pub writer: WriterOptions,
    /// Limits on what a reader accepts.
    pub limits: ReadLimits,
    /// Folders never to walk into, nor to index from: the index folder (which
    /// [`index_paths`] adds itself), the index a rebuild replaces.
    pub exclude: Vec<PathBuf>,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            batch_files: 256,
            batch_bytes: 4 * 1024 * 1024,
            commit_every: DEFAULT_COMMIT_EVERY as usize,
            writer: WriterOptions::default(),
            limits: ReadLimits::default(),
            exclude: Vec::new(),
        }
    }
}

/// Something the user should hear about: a file or article skipped, where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The file or folder.
    pub path: PathBuf,
    /// The line of a JSON Lines file, the position in a JSON array.
    pub line: Option<u64>,
    /// Why.
    pub problem: Problem,
}

impl Warning {
    /// A problem with a whole file or folder.
    pub fn file(path: PathBuf, problem: Problem) -> Warning {
        Warning { path, line: None, problem }
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {}", self.problem)
    }
}

/// Receives progress and warnings as the pipeline goes.
pub trait Reporter: Sync {
    /// A file was dealt with (read, or found unchanged): how many articles it gave.
    fn file_done(&self, path: &Path, articles: usize);
    /// A file or article was skipped.
    fn warning(&self, warning: &Warning);
}

/// What an indexing run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexSummary {
    /// New files indexed.
    pub added: u64,
    /// Changed files re-indexed.
    pub updated: u64,
    /// Files whose size and time (or, failing that, content) had not changed.
    pub unchanged: u64,
    /// Files gone from the folders given, whose articles were removed.
    pub removed: u64,
    /// Articles of the added and updated files written (a file whose time changed but
    /// whose content did not is rewritten, but not counted).
    pub articles: u64,
    /// Files or articles skipped because of what they hold, counted by
    /// [`Problem::kind`].
    pub skipped: BTreeMap<String, u64>,
    /// Files that could not be read (permission, vanished, I/O error).
    pub failed: u64,
    /// Commits made.
    pub commits: u64,
    /// Wall time.
    pub elapsed: Duration,
}

impl IndexSummary {
    /// Files or articles skipped, and files that failed, in all.
    pub fn problems(&self) -> u64 {
        self.skipped.values().sum::<u64>() + self.failed
    }

    fn warn(&mut self, reporter: &dyn Reporter, warning: Warning) {
        reporter.warning(&warning);
        if warning.problem.is_failure() {
            self.failed += 1;
        } else {
            *self.skipped.entry(warning.problem.kind()).or_default() += 1;
        }
    }
}

/// A file to read, and what the index held for it before.
struct Job {
    source: SourceFile,
    before: Option<FileStamp>,
}

/// A file's worth of work, done on a worker thread.
struct Done {
    job: Job,
    stamp: FileStamp,
    articles: Vec<Article>,
    problems: Vec<Warning>,
    /// The whole file could not be read: its old articles stay as they were.
    unreadable: bool,
}

/// Indexes every article file under `roots` into the local `index`, incrementally.
pub fn index_paths(
    index: &NewsIndex,
    roots: &[PathBuf],
    options: &IndexOptions,
    reporter: &dyn Reporter,
) -> Result<IndexSummary> {
    // The writer first: a second `index` run fails here, before reading anything.
    let mut writer = index.writer(options.writer)?;
    let mut options = options.clone();
    options.exclude.push(index.path().to_owned());
    let summary = index_into(&mut writer, roots, &options, reporter)?;
    writer.finish()?;
    Ok(summary)
}

/// Indexes every article file under `roots` into `store`, incrementally: what
/// [`index_paths`] does for the local index, for any [`Store`].
pub fn index_into(
    store: &mut dyn Store,
    roots: &[PathBuf],
    options: &IndexOptions,
    reporter: &dyn Reporter,
) -> Result<IndexSummary> {
    let started = Instant::now();
    let roots = discover::absolute_roots(roots)?;
    let exclude = discover::absolute_roots(&options.exclude)?;
    if let Some((root, folder)) =
        roots.iter().find_map(|root| Some((root, exclude.iter().find(|f| root.starts_with(f))?)))
    {
        let index = folder.clone();
        return Err(UserError::CorpusInsideIndex { root: root.clone(), index }.into());
    }
    let known = store.file_stamps()?;
    let discover_options = DiscoverOptions { exclude };
    let files = discover::discover(&roots, &discover_options)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads.max(1))
        .build()
        .map_err(InternalError::from)?;

    let mut run = Run { store, summary: IndexSummary::default(), uncommitted: 0, options };
    // Reading and extracting the next batch overlaps with writing this one: one batch
    // waits in the channel at most, so memory stays bounded by a few batches.
    let (steps, received) = mpsc::sync_channel(1);
    let Read { known, unchanged } = std::thread::scope(|scope| -> Result<_> {
        let reading = scope.spawn(|| read_batches(files, known, options, &pool, reporter, steps));
        for step in received {
            run.take(step, reporter)?;
        }
        // A panic while reading is a bug: let it end the run as it would have on this thread.
        Ok(reading.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    })?;
    run.summary.unchanged += unchanged;

    for gone in
        known.keys().filter(|path| roots.iter().any(|root| Path::new(path).starts_with(root)))
    {
        run.store.remove_file(gone)?;
        run.summary.removed += 1;
        run.uncommitted += 1;
    }
    let mut summary = run.finish()?;
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// What the reading side hands the writing side, in discovery order.
enum Step {
    /// A file or folder that discovery could not look at.
    Skipped(Warning),
    /// Files read and extracted.
    Batch(Vec<Done>),
}

/// What the reading side found besides what it sent on.
struct Read {
    /// Files the index knew of that were not found: their articles are to be removed.
    known: BTreeMap<String, FileStamp>,
    /// Files whose size and time had not changed, left unread.
    unchanged: u64,
}

/// The reading side: discovers the files, counts the unchanged ones, reads and extracts
/// the others in batches on the pool, and sends batches and warnings on in order.
/// Unchanged files are reported from here: handing each of a hundred thousand of them to
/// the writing thread cost more than the whole rest of an unchanged run.
fn read_batches(
    files: impl Iterator<Item = Discovered>,
    mut known: BTreeMap<String, FileStamp>,
    options: &IndexOptions,
    pool: &rayon::ThreadPool,
    reporter: &dyn Reporter,
    steps: mpsc::SyncSender<Step>,
) -> Read {
    let mut unchanged = 0;
    let mut batch = Vec::with_capacity(options.batch_files);
    let mut batch_bytes = 0;
    let read = |batch: &mut Vec<Job>| Step::Batch(pool.install(|| process(batch, &options.limits)));
    for found in files {
        let step = match found {
            Discovered::File(source) => {
                let path = source.path.to_string_lossy().into_owned();
                let before = known.remove(&path);
                let Ok(metadata) = std::fs::metadata(&source.path) else {
                    // Gone since discovery: treat it as gone, below.
                    if let Some(stamp) = before {
                        known.insert(path, stamp);
                    }
                    continue;
                };
                if before
                    .is_some_and(|b| b.size == metadata.len() && b.mtime_ns == mtime_ns(&metadata))
                {
                    unchanged += 1;
                    reporter.file_done(&source.path, 0);
                    continue;
                }
                batch.push(Job { source, before });
                batch_bytes += metadata.len();
                if batch.len() < options.batch_files && batch_bytes < options.batch_bytes {
                    continue;
                }
                batch_bytes = 0;
                read(&mut batch)
            }
            Discovered::Skipped { path, problem } => {
                // What cannot be looked at now is not gone: keep its articles.
                forget_under(&mut known, &path);
                Step::Skipped(Warning::file(path, problem))
            }
        };
        // A failed send means the writing side stopped on an error: stop reading too.
        if steps.send(step).is_err() {
            return Read { known, unchanged };
        }
    }
    if !batch.is_empty() {
        // Nothing is left to stop if the writing side is gone.
        let _ = steps.send(read(&mut batch));
    }
    Read { known, unchanged }
}

/// The writing side of a run: what was written since the last commit.
struct Run<'w> {
    store: &'w mut dyn Store,
    summary: IndexSummary,
    uncommitted: usize,
    options: &'w IndexOptions,
}

impl Run<'_> {
    fn take(&mut self, step: Step, reporter: &dyn Reporter) -> Result<()> {
        match step {
            Step::Skipped(warning) => {
                self.summary.warn(reporter, warning);
                Ok(())
            }
            Step::Batch(done) => self.write(done, reporter),
        }
    }

    fn write(&mut self, done: Vec<Done>, reporter: &dyn Reporter) -> Result<()> {
        for file in done {
            for problem in file.problems {
                self.summary.warn(reporter, problem);
            }
            reporter.file_done(&file.job.source.path, file.articles.len());
            if file.unreadable {
                continue;
            }
            let path = file.job.source.path.to_string_lossy();
            // A file touched but not changed is written again, for its new time to be
            // remembered, but it is not news: its articles are not counted as written.
            self.store.replace_file(&path, &file.articles, file.stamp)?;
            let counter = match file.job.before {
                Some(before) if before.hash == file.stamp.hash => &mut self.summary.unchanged,
                Some(_) => &mut self.summary.updated,
                None => &mut self.summary.added,
            };
            *counter += 1;
            if file.job.before.is_none_or(|before| before.hash != file.stamp.hash) {
                self.summary.articles += file.articles.len() as u64;
            }
            self.uncommitted += file.articles.len().max(1);
            if self.uncommitted >= self.options.commit_every {
                self.commit()?;
            }
        }
        Ok(())
    }

    fn commit(&mut self) -> Result<()> {
        self.store.commit()?;
        self.summary.commits += 1;
        self.uncommitted = 0;
        Ok(())
    }

    /// Commits what is left, then groups what was committed into stories; an unchanged
    /// corpus (with nothing left to group by a run that was killed) leaves the index
    /// untouched.
    fn finish(mut self) -> Result<IndexSummary> {
        if self.uncommitted > 0 {
            self.commit()?;
        }
        self.store.settle_stories()?;
        Ok(self.summary)
    }
}

/// Reads and extracts a batch in parallel, keeping its order.
fn process(batch: &mut Vec<Job>, limits: &ReadLimits) -> Vec<Done> {
    batch.par_drain(..).map(|job| process_one(job, limits)).collect()
}

fn process_one(job: Job, limits: &ReadLimits) -> Done {
    let unreadable = |job: Job, problem| Done {
        problems: vec![Warning::file(job.source.path.clone(), problem)],
        job,
        stamp: FileStamp::default(),
        articles: Vec::new(),
        unreadable: true,
    };
    let bytes = match read::load(&job.source, limits) {
        Ok(bytes) => bytes,
        Err(problem) => return unreadable(job, problem),
    };
    // The time is taken before the bytes' hash: a file changed after the read is seen
    // as changed on the next run, never the other way round.
    let mtime = std::fs::metadata(&job.source.path).map(|m| mtime_ns(&m)).unwrap_or_default();
    let stamp = FileStamp {
        size: bytes.len() as u64,
        mtime_ns: mtime,
        hash: xxhash_rust::xxh3::xxh3_64(&bytes),
    };
    match read::read_bytes(&job.source, &bytes) {
        Ok(outcome) => {
            let (articles, problems) = extracted(&job.source, outcome);
            Done { job, stamp, articles, problems, unreadable: false }
        }
        Err(problem) => unreadable(job, problem),
    }
}

/// The articles of one file, and what went wrong on the way: what `newsdex extract`
/// prints, through the same readers and extractors as the indexer.
pub fn read_and_extract(source: &SourceFile, limits: &ReadLimits) -> (Vec<Article>, Vec<Warning>) {
    match read::load(source, limits) {
        Ok(bytes) => extract_bytes(source, &bytes),
        Err(problem) => (Vec::new(), vec![Warning::file(source.path.clone(), problem)]),
    }
}

/// [`read_and_extract`] of bytes already read (standard input), `source` telling their
/// format and the path to name.
pub fn extract_bytes(source: &SourceFile, bytes: &[u8]) -> (Vec<Article>, Vec<Warning>) {
    match read::read_bytes(source, bytes) {
        Ok(outcome) => extracted(source, outcome),
        Err(problem) => (Vec::new(), vec![Warning::file(source.path.clone(), problem)]),
    }
}

/// The articles a reader gave, extracted, and its problems as warnings. A JSON Lines
/// file holds thousands of articles: they are shared among the threads.
fn extracted(source: &SourceFile, outcome: read::ReadOutcome) -> (Vec<Article>, Vec<Warning>) {
    let warning = |at: read::ArticleProblem| Warning {
        path: source.path.clone(),
        line: at.line,
        problem: at.problem,
    };
    (
        outcome.articles.par_iter().map(extract::extract).collect(),
        outcome.problems.into_iter().map(warning).collect(),
    )
}

/// Removes `path` and everything under it from the known files.
fn forget_under(known: &mut BTreeMap<String, FileStamp>, path: &Path) {
    let prefix = path.to_string_lossy().into_owned();
    let under: Vec<String> = known
        .range(prefix.clone()..)
        .take_while(|(p, _)| p.starts_with(&prefix))
        .filter(|(p, _)| Path::new(p.as_str()).starts_with(path))
        .map(|(p, _)| p.clone())
        .collect();
    for p in under {
        known.remove(&p);
    }
}

fn mtime_ns(metadata: &std::fs::Metadata) -> i64 {
    metadata
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_vanished_before_reading_is_a_failure_that_keeps_old_articles() {
        let missing = std::env::temp_dir().join("newsdex-no-such-file-0b7e.txt");
        let job = Job {
            source: SourceFile { path: missing, format: crate::discover::Format::Text },
            before: Some(FileStamp::default()),
        };
        let done = process_one(job, &ReadLimits::default());
        assert!(done.unreadable, "its old articles must stay");
        assert_eq!(done.problems.len(), 1);
        assert!(done.problems[0].problem.is_failure());
        assert_eq!(done.problems[0].problem.to_string(), "no such file or directory");
    }
}
