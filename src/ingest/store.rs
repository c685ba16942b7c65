//! Where an indexing run writes: the [`Store`] seam.
//!
//! The run decides what changed and in what order; a store only keeps what it is told.
//! The local index is one store; a cluster of search servers can be another, and the run
//! (incremental, crash-safe, with the same warnings and summary) is the same for both.
//! A file's old articles and its new ones are one [`Store::replace_file`], so a store can
//! make them one step, and nothing the run has not committed counts as kept.

use std::collections::BTreeMap;

use crate::error::Result;
use crate::extract::Article;
use crate::index::{ArticleWriter, FileStamp};

/// What an indexing run writes to.
pub trait Store {
    /// The source files the store holds articles of, by path, with what it remembers of
    /// each: what the run compares the folders with.
    fn file_stamps(&self) -> Result<BTreeMap<String, FileStamp>>;

    /// Replaces every article of the file at `path` with `articles`, read from the file
    /// as `stamp` describes it (no articles: the file is remembered as read).
    fn replace_file(&mut self, path: &str, articles: &[Article], stamp: FileStamp) -> Result<()>;

    /// Removes every article of the file at `path`.
    fn remove_file(&mut self, path: &str) -> Result<()>;

    /// Makes everything replaced or removed so far durable and visible to searches.
    fn commit(&mut self) -> Result<()>;

    /// Groups the articles committed since the last grouping into stories (and the
    /// stories that lost articles again), and commits the result; called once the run's
    /// articles are committed.
    fn settle_stories(&mut self) -> Result<()>;
}

impl Store for ArticleWriter<'_> {
    fn file_stamps(&self) -> Result<BTreeMap<String, FileStamp>> {
        self.index().file_stamps()
    }

    fn replace_file(&mut self, path: &str, articles: &[Article], stamp: FileStamp) -> Result<()> {
        self.delete_file(path)?;
        articles.iter().try_for_each(|article| self.add(article, stamp))
    }

    fn remove_file(&mut self, path: &str) -> Result<()> {
        self.delete_file(path)
    }

    fn commit(&mut self) -> Result<()> {
        ArticleWriter::commit(self)
    }

    fn settle_stories(&mut self) -> Result<()> {
        ArticleWriter::settle_stories(self).map(drop)
    }
}
