//! Stage 4, indexing: store [`Article`]s in a tantivy index on disk.
//!
//! In: articles. Out: an index folder that `search` opens. This module owns the index's
//! life cycle: creating it, refusing to open what is not a newsdex index or was written by
//! another schema version, the single writer, the commit payload that records the
//! schema version, and reading every stored article back ([`NewsIndex::articles`]).
//! Which files to (re)index and in what order is the indexing run's job
//! ([`crate::ingest`]); how to query is [`crate::search`]'s.

mod check;
mod damage;
mod directory;
pub mod document;
mod folder;
pub mod schema;
pub mod stem;
mod stories;
pub mod tokenizer;
pub mod watches;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::directory::error::LockError;
use tantivy::directory::error::OpenDirectoryError;
use tantivy::directory::{Directory, DirectoryLock, INDEX_WRITER_LOCK};
use tantivy::indexer::{IndexWriterOptions, LogMergePolicy};
use tantivy::schema::Term;
use tantivy::{
    DocAddress, Index, IndexReader, IndexSettings, IndexWriter, ReloadPolicy, TantivyDocument,
    TantivyError,
};

use crate::error::{Error, InternalError, Result, UserError};
use crate::extract::Article;
pub use check::CheckReport;
use directory::IndexDirectory;
pub use document::{FileStamp, StoredDocs};
pub use schema::{FacetField, NewsSchema};

/// What newsdex writes into every commit, beside tantivy's own metadata.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitPayload {
    /// Version of `index_schema/schema.json` the index was written with.
    pub schema_version: u32,
    /// Version of newsdex that wrote the commit.
    pub newsdex_version: String,
    /// The last indexing run that wrote to the index (documents carry their run's number).
    #[serde(default)]
    pub generation: u64,
    /// The last run whose articles are grouped into stories: the documents of later runs
    /// are still stories of their own, to be grouped (a run killed before it grouped its
    /// articles leaves them to the next run).
    #[serde(default)]
    pub stories_settled: u64,
    /// Stories that lost articles since they were grouped, to be grouped again.
    #[serde(default)]
    pub unsettled_stories: BTreeSet<String>,
}

/// Which index, in which state: its schema version, last commit and size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexVersion {
    /// Version of `index_schema/schema.json`.
    pub schema_version: u32,
    /// tantivy's stamp of the last commit, which grows with every change.
    pub commit: u64,
    /// Articles as of that commit.
    pub articles: u64,
}

/// An open newsdex index.
pub struct NewsIndex {
    index: Index,
    path: PathBuf,
    schema: &'static NewsSchema,
}

/// How much the writer may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriterOptions {
    /// Indexing threads inside tantivy.
    pub threads: usize,
    /// Memory budget for all of them together, in bytes (tantivy needs at least 15 MB a
    /// thread).
    pub memory_bytes: usize,
}

impl Default for WriterOptions {
    fn default() -> Self {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(4);
        WriterOptions { threads, memory_bytes: threads * 128 * 1024 * 1024 }
    }
}

/// A segment of more than this many articles is left as it is. A merge reads its
/// segments whole, through memory maps that count as the process's memory, so merging
/// ever larger segments would make the memory of indexing grow with the archive. A
/// commit's segments hold about 25,000 articles (`--commit-every` 50,000 over two
/// threads); eight of them merge into one of about 200,000, which stays as it is.
const MAX_DOCS_BEFORE_MERGE: usize = 99_999;

/// tantivy's log merge policy (merge eight segments of similar size), with a ceiling.
fn merge_policy() -> LogMergePolicy {
    let mut policy = LogMergePolicy::default();
    policy.set_max_docs_before_merge(MAX_DOCS_BEFORE_MERGE);
    policy
}

impl NewsIndex {
    /// Opens an existing index for searching, reading only: a read-only index (another
    /// user's, a read-only mount) can be searched, and nothing in the folder is created
    /// or changed. The index cannot be written through it ([`NewsIndex::open_or_create`]).
    pub fn open(path: &Path) -> Result<NewsIndex> {
        NewsIndex::open_with(path, IndexDirectory::read_only)
    }

    fn open_writable(path: &Path) -> Result<NewsIndex> {
        NewsIndex::open_with(path, IndexDirectory::writable)
    }

    fn open_with(
        path: &Path,
        directory: fn(&Path) -> Result<IndexDirectory, OpenDirectoryError>,
    ) -> Result<NewsIndex> {
        if !path.join("meta.json").is_file() {
            return Err(if path.is_dir() && !is_empty_dir(path)? {
                UserError::NotAnIndex(path.to_owned())
            } else {
                UserError::NoIndex(path.to_owned())
            }
            .into());
        }
        let directory = directory(path).map_err(|err| open_error(path, err.into()))?;
        let index = Index::open(directory).map_err(|err| open_error(path, err))?;
        let news = NewsIndex::wrap(index, path);
        news.check_version()?;
        Ok(news)
    }

    /// A new, empty index in memory: for tests and examples, which need no folder.
    pub fn create_in_ram() -> Result<NewsIndex> {
        let index = Index::create_in_ram(NewsSchema::shipped().schema.clone());
        Ok(NewsIndex::wrap(index, Path::new("")))
    }

    /// Opens the index at `path` for writing, creating it (and its folder) when there is
    /// none. A folder that holds other files is refused, so a mistyped `--index` never
    /// scribbles into someone's documents.
    pub fn open_or_create(path: &Path) -> Result<NewsIndex> {
        if path.join("meta.json").is_file() {
            // A damaged index must not be updated as if it were whole, nor called unchanged.
            let news = NewsIndex::open_writable(path)?;
            news.verify()?;
            return Ok(news);
        }
        if path.exists() && !is_empty_dir(path)? {
            return Err(UserError::NotAnIndex(path.to_owned()).into());
        }
        create_atomically(path)?;
        NewsIndex::open_writable(path)
    }

    /// Starts a rebuild of the index at `path` (`newsdex index --full`): a fresh index
    /// beside it, to fill while the old one goes on answering searches and stays whole
    /// until [`Rebuild::finish`] swaps the two. The old index's writer lock is held
    /// throughout, so no other run writes to it meanwhile. An index folder that holds
    /// files newsdex did not make is refused before any work, and so is a folder that is
    /// not an index (an index of another schema version is exactly what a rebuild is for).
    pub fn rebuild(path: &Path) -> Result<Rebuild> {
        if !path.join("meta.json").is_file() {
            return Ok(Rebuild { fresh: NewsIndex::open_or_create(path)?, replacing: None });
        }
        // A symlinked index folder keeps its link: the folder it points to is replaced.
        let target = fs::canonicalize(path).map_err(|e| Error::io(path, e))?;
        match NewsIndex::open(&target) {
            Ok(_) | Err(Error::User(UserError::SchemaVersion { .. })) => {}
            Err(err) => return Err(err),
        }
        folder::ensure_only_index_files(&target)?;
        let old =
            IndexDirectory::writable(&target).map_err(|err| open_error(&target, err.into()))?;
        let lock = old.acquire_lock(&INDEX_WRITER_LOCK).map_err(|err| match err {
            LockError::LockBusy => UserError::IndexBusy(path.to_owned()).into(),
            LockError::IoError(io) => {
                Error::io(&target, std::io::Error::new(io.kind(), io.to_string()))
            }
        })?;
        // With the lock held, no other rebuild is running: what lies beside is a leftover
        // of one that was killed.
        for leftover in folder::leftover_siblings(&target, REBUILDING) {
            folder::remove_index_folder(&leftover)?;
        }
        let fresh_path = folder::sibling(&target, REBUILDING);
        fs::create_dir(&fresh_path).map_err(|e| Error::io(&fresh_path, e))?;
        create_in(&fresh_path)?;
        let fresh = NewsIndex::open_writable(&fresh_path)?;
        let path = path.to_owned();
        Ok(Rebuild { fresh, replacing: Some(Replacing { path, target, _lock: lock }) })
    }

    fn wrap(index: Index, path: &Path) -> NewsIndex {
        schema::register_tokenizers(&index);
        NewsIndex { index, path: path.to_owned(), schema: NewsSchema::shipped() }
    }

    fn check_version(&self) -> Result<()> {
        let metas = self.index.load_metas()?;
        let not_ours = || Err(UserError::NotAnIndex(self.path.clone()).into());
        match metas.payload.as_deref().map(serde_json::from_str::<CommitPayload>) {
            Some(Ok(payload)) if payload.schema_version == self.schema.version => Ok(()),
            Some(Ok(payload)) => Err(UserError::SchemaVersion {
                path: self.path.clone(),
                found: payload.schema_version,
                expected: self.schema.version,
            }
            .into()),
            Some(Err(_)) => not_ours(),
            // Created but never committed (a first run that was interrupted): ours only if
            // the schema is ours.
            None if metas.schema == self.schema.schema => Ok(()),
            None => not_ours(),
        }
    }

    /// The state of the index as of its last commit: what an export records to say which
    /// index it came from.
    pub fn version(&self) -> Result<IndexVersion> {
        let metas = self.index.load_metas()?;
        Ok(IndexVersion {
            schema_version: self.schema.version,
            commit: metas.opstamp,
            articles: metas.segments.iter().map(|s| u64::from(s.num_docs())).sum(),
        })
    }

    /// The folder of the index.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The resolved schema.
    pub fn schema(&self) -> &'static NewsSchema {
        self.schema
    }

    /// The tantivy index.
    pub fn tantivy(&self) -> &Index {
        &self.index
    }

    /// A reader on the last commit.
    pub fn reader(&self) -> Result<IndexReader> {
        self.guarded(|| {
            Ok(self.index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?)
        })
    }

    /// Fails with [`UserError::Damaged`], naming the files, if any file of the last
    /// commit does not match its checksum. It reads the whole index.
    pub fn verify(&self) -> Result<()> {
        damage::verify(&self.index, &self.path)
    }

    /// Runs `read`, a read of this index, so that damage to the index is
    /// [`UserError::Damaged`], never a panic or an engine error.
    pub fn guarded<T>(&self, read: impl FnOnce() -> Result<T>) -> Result<T> {
        damage::guard(&self.index, &self.path, read)
    }

    /// The source files of the last commit, by path, with what the index remembers of
    /// each: the state an incremental run compares the folders with.
    pub fn file_stamps(&self) -> Result<BTreeMap<String, FileStamp>> {
        self.guarded(|| self.read_file_stamps())
    }

    fn read_file_stamps(&self) -> Result<BTreeMap<String, FileStamp>> {
        let reader = self.reader()?;
        let searcher = reader.searcher();
        let mut stamps = BTreeMap::new();
        let schema = self.schema;
        for segment in searcher.segment_readers() {
            let fast = segment.fast_fields();
            let Some(paths) = fast.str(schema.name(schema.path))? else { continue };
            let sizes = fast.u64(schema.name(schema.file_size))?;
            let mtimes = fast.i64(schema.name(schema.file_mtime))?;
            let hashes = fast.u64(schema.name(schema.file_hash))?;
            // The segment's paths in ordinal order, read in one pass over the dictionary
            // (looking each one up by ordinal costs a block decode per file). Not
            // reserved by the dictionary's own count: in a damaged file that count can be
            // any number, and a reservation of terabytes aborts the process.
            let mut names = Vec::new();
            let mut terms = paths.dictionary().stream().map_err(TantivyError::from)?;
            while terms.advance() {
                names.push(String::from_utf8_lossy(terms.key()).into_owned());
            }
            let mut seen = vec![false; names.len()];
            for doc in 0..segment.max_doc() {
                if segment.is_deleted(doc) {
                    continue;
                }
                let Some(ord) = paths.term_ords(doc).next() else { continue };
                let Some(done) = seen.get_mut(ord as usize) else { continue };
                if std::mem::replace(done, true) {
                    continue;
                }
                let stamp = FileStamp {
                    size: sizes.first(doc).unwrap_or_default(),
                    mtime_ns: mtimes.first(doc).unwrap_or_default(),
                    hash: hashes.first(doc).unwrap_or_default(),
                };
                stamps.insert(std::mem::take(&mut names[ord as usize]), stamp);
            }
        }
        Ok(stamps)
    }

    /// Every stored article of the last commit, segment by segment, streamed: memory
    /// holds one article at a time, so an archive of millions exports in constant memory.
    /// The index is verified first ([`NewsIndex::verify`]): a damaged index fails before
    /// the first article, rather than half-way through.
    pub fn articles(&self) -> Result<impl Iterator<Item = Result<Article>> + use<'_>> {
        self.verify()?;
        let searcher = self.reader()?.searcher();
        let schema = self.schema;
        let segments: Vec<_> = searcher
            .segment_readers()
            .iter()
            .enumerate()
            .map(|(ord, segment)| (ord as u32, segment.max_doc(), segment.alive_bitset().cloned()))
            .collect();
        let addresses = segments.into_iter().flat_map(|(ord, max_doc, alive)| {
            (0..max_doc)
                .filter(move |&doc| alive.as_ref().is_none_or(|bits| bits.is_alive(doc)))
                .map(move |doc| DocAddress::new(ord, doc))
        });
        let docs = StoredDocs::new(&searcher);
        Ok(addresses.map(move |address| self.guarded(|| docs.article(schema, address))))
    }

    /// Takes the index's single writer. Fails with [`UserError::IndexBusy`] while another
    /// process (or this one) holds it.
    pub fn writer(&self, options: WriterOptions) -> Result<ArticleWriter<'_>> {
        let threads = options.threads.max(1);
        let per_thread = (options.memory_bytes / threads).max(15_000_000);
        let writer_options = IndexWriterOptions::builder()
            .num_worker_threads(threads)
            .memory_budget_per_thread(per_thread)
            // One merge at a time: two at once held both merges' segments in memory.
            .num_merge_threads(1)
            .build();
        let writer = self.index.writer_with_options(writer_options).map_err(|err| match err {
            TantivyError::LockFailure(LockError::LockBusy, _) => {
                UserError::IndexBusy(self.path.clone()).into()
            }
            // A read-only index, or another user's: the system's word, on the lock file.
            TantivyError::LockFailure(LockError::IoError(io), _) => Error::io(
                self.path.join(&INDEX_WRITER_LOCK.filepath),
                std::io::Error::new(io.kind(), io.to_string()),
            ),
            other => Error::from(other),
        })?;
        writer.set_merge_policy(Box::new(merge_policy()));
        let last = last_payload(&self.index)?;
        Ok(ArticleWriter {
            writer,
            news: self,
            reader: self.reader()?,
            payload: CommitPayload {
                schema_version: self.schema.version,
                newsdex_version: env!("CARGO_PKG_VERSION").to_owned(),
                generation: last.as_ref().map_or(0, |p| p.generation) + 1,
                stories_settled: last.as_ref().map_or(0, |p| p.stories_settled),
                unsettled_stories: last.map(|p| p.unsettled_stories).unwrap_or_default(),
            },
        })
    }
}

impl NewsIndex {
    /// The newest `added` time of the last commit's articles: what a watch has seen when
    /// it runs now.
    pub fn last_added(&self) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
        let searcher = self.reader()?.searcher();
        let mut newest: Option<i64> = None;
        for segment in searcher.segment_readers() {
            let column = segment.fast_fields().date(self.schema.name(self.schema.added))?;
            if segment.num_docs() > 0 {
                let max = column.max_value().into_timestamp_micros();
                newest = Some(newest.map_or(max, |n| n.max(max)));
            }
        }
        Ok(newest.and_then(chrono::DateTime::from_timestamp_micros))
    }
}

/// The number of the last indexing run that committed to `index` (0 before the first):
/// what `--added-since last` means.
pub fn last_run(index: &Index) -> Result<u64> {
    Ok(last_payload(index)?.map_or(0, |payload| payload.generation))
}

/// What the last commit recorded beside tantivy's metadata; `None` before the first.
fn last_payload(index: &Index) -> Result<Option<CommitPayload>> {
    let metas = index.load_metas()?;
    Ok(metas.payload.as_deref().and_then(|p| serde_json::from_str(p).ok()))
}

/// The index's writer, in articles.
pub struct ArticleWriter<'a> {
    writer: IndexWriter<TantivyDocument>,
    news: &'a NewsIndex,
    /// The last commit, to look up what a deletion takes away.
    reader: IndexReader,
    /// What the next commit records: this run's number, the stories still to group.
    payload: CommitPayload,
}

impl ArticleWriter<'_> {
    /// The index written to.
    pub fn index(&self) -> &NewsIndex {
        self.news
    }

    /// Removes every article that came from `path` (all lines of a JSON Lines file); the
    /// stories they belonged to are grouped again at the end of the run.
    pub fn delete_file(&mut self, path: &str) -> Result<()> {
        let term = Term::from_field_text(self.news.schema.path, path);
        let lost = stories::stories_of(&self.reader.searcher(), self.news.schema, &term)?;
        self.payload.unsettled_stories.extend(lost);
        self.writer.delete_term(term);
        Ok(())
    }

    /// Adds one article read from a file with `stamp`.
    pub fn add(&self, article: &Article, stamp: FileStamp) -> Result<()> {
        let written = document::Written::now(self.payload.generation);
        let doc = document::to_document(self.news.schema, article, stamp, written);
        self.writer.add_document(doc)?;
        Ok(())
    }

    /// Makes everything added or deleted so far durable and visible to new readers.
    pub fn commit(&mut self) -> Result<()> {
        let payload = serde_json::to_string(&self.payload)
            .map_err(|source| InternalError::Serialize { what: "the commit payload", source })?;
        let mut prepared = self.writer.prepare_commit()?;
        prepared.set_payload(&payload);
        prepared.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    /// Waits for background merges, so the process leaves a tidy index behind.
    pub fn finish(self) -> Result<()> {
        self.writer.wait_merging_threads()?;
        Ok(())
    }
}

/// What the hidden folder of a rebuild is called beside its index: `.index.rebuilding-PID`.
const REBUILDING: &str = "rebuilding";

/// A rebuild in progress: a fresh index to fill, and the folder it will replace.
pub struct Rebuild {
    fresh: NewsIndex,
    replacing: Option<Replacing>,
}

/// The old index of a rebuild, locked against other writers until it is gone.
struct Replacing {
    /// The index folder as the user named it.
    path: PathBuf,
    /// The folder itself, symlinks resolved.
    target: PathBuf,
    _lock: DirectoryLock,
}

impl Rebuild {
    /// The fresh index to fill.
    pub fn index(&self) -> &NewsIndex {
        &self.fresh
    }

    /// The folder of the index being replaced, if there was one: an indexing run must not
    /// walk into it.
    pub fn replaces(&self) -> Option<&Path> {
        self.replacing.as_ref().map(|old| old.target.as_path())
    }

    /// Puts the fresh index in the old one's place in one step, then deletes the old
    /// index file by file. Until this is called the old index is untouched; dropping the
    /// rebuild instead leaves it as it was (the fresh folder is cleared by the next
    /// rebuild).
    pub fn finish(self) -> Result<NewsIndex> {
        let Rebuild { fresh, replacing } = self;
        let Some(Replacing { path, target, _lock }) = replacing else { return Ok(fresh) };
        let fresh_path = fresh.path().to_owned();
        drop(fresh);
        watches::carry_over(&target, &fresh_path)?;
        folder::exchange(&target, &fresh_path)?;
        // The lock is on the old index's lock file, which moved with it.
        drop(_lock);
        folder::remove_index_folder(&fresh_path)?;
        NewsIndex::open_writable(&path)
    }
}

/// Creates an empty index at `path` so that a crash at any moment leaves either no index
/// or a whole one: it is built in a hidden folder beside `path`, then renamed into place.
/// When another process wins the race to create it, its index is the one opened.
fn create_atomically(path: &Path) -> Result<()> {
    let building = folder::sibling(path, "creating");
    if let Some(parent) = building.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    if building.exists() {
        fs::remove_dir_all(&building).map_err(|e| Error::io(&building, e))?;
    }
    fs::create_dir(&building).map_err(|e| Error::io(&building, e))?;
    let built = create_in(&building).and_then(|_| {
        if path.exists() {
            fs::remove_dir(path).map_err(|e| Error::io(path, e))?;
        }
        fs::rename(&building, path).map_err(|e| Error::io(path, e))
    });
    if built.is_err() {
        // Nothing of ours may stay behind, whoever made the index meanwhile.
        let _ = fs::remove_dir_all(&building);
        if path.join("meta.json").is_file() {
            return Ok(());
        }
    }
    built
}

/// Creates an empty index in the empty folder `path`, its files taking the umask.
fn create_in(path: &Path) -> Result<()> {
    let directory = IndexDirectory::writable(path).map_err(|err| open_error(path, err.into()))?;
    Index::create(directory, NewsSchema::shipped().schema.clone(), IndexSettings::default())
        .map_err(|err| open_error(path, err))?;
    Ok(())
}

fn is_empty_dir(path: &Path) -> Result<bool> {
    if !path.is_dir() {
        return Ok(false);
    }
    let mut entries = fs::read_dir(path).map_err(|e| Error::io(path, e))?;
    Ok(entries.next().is_none())
}

fn open_error(path: &Path, err: TantivyError) -> Error {
    match err {
        TantivyError::SchemaError(_)
        | TantivyError::IncompatibleIndex(_)
        | TantivyError::DataCorruption(_) => UserError::NotAnIndex(path.to_owned()).into(),
        other => other.into(),
    }
}
