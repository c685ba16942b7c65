//! newsdex: full-text search for news archives.
//!
//! The crate follows the path an article takes, one module per stage:
//!
//! [`discover`] (which files are articles) → [`read`] (a file's articles, decoded) →
//! [`extract`] (title, body, date, agency, people, officials, places, countries) →
//! [`index`] (the tantivy index and its life cycle), driven by [`ingest`] (an
//! incremental, crash-safe indexing run) → [`search`] (a request in, results out,
//! behind the [`search::Engine`] seam) → [`present`] (text, JSON, CSV). [`cli`] turns a
//! command line into a validated configuration and runs it. Problems with one input are
//! [`problem::Problem`] values, counted as warnings; what stops a command is an
//! [`Error`].
//!
//! A quick start, all in memory: index two articles, then ask which countries they name.
//!
//! ```
//! use newsdex::extract::extract;
//! use newsdex::index::{FileStamp, NewsIndex, WriterOptions};
//! use newsdex::read::{Meta, Origin, RawArticle};
//! use newsdex::discover::Format;
//! use newsdex::search::{Engine, FacetField, LocalEngine, SearchRequest};
//!
//! # fn main() -> newsdex::Result<()> {
//! let index = NewsIndex::create_in_ram()?;
//! let mut writer = index.writer(WriterOptions { threads: 1, memory_bytes: 15_000_000 })?;
//! for (line, text) in [
//!     "Oil talks in Vienna\n\nVIENNA, March 3 (Reuters) - Iran and Saudi Arabia met on oil output.",
//!     "Sanctions widened\n\nWASHINGTON (AP) - The United States widened sanctions on Iran.",
//! ]
//! .into_iter()
//! .enumerate()
//! {
//!     let raw = RawArticle {
//!         origin: Origin { path: "wires.txt".into(), line: Some(line as u64 + 1) },
//!         format: Format::Text,
//!         text: text.to_owned(),
//!         meta: Meta::default(),
//!     };
//!     writer.add(&extract(&raw), FileStamp::default())?;
//! }
//! writer.commit()?;
//!
//! let engine = LocalEngine::new(index)?;
//! let request = SearchRequest {
//!     query: "iran".into(),
//!     facets: vec![FacetField::Country.into()],
//!     ..SearchRequest::default()
//! };
//! let results = engine.search(&request)?;
//! assert_eq!(results.total, 2);
//! let countries: Vec<(&str, u64)> =
//!     results.facets[0].values.iter().map(|v| (v.value.as_str(), v.count)).collect();
//! assert_eq!(countries[0], ("Iran", 2));
//! # Ok(())
//! # }
//! ```
#![deny(missing_docs)]

// The stages, in the order an article goes through them (blank lines keep rustfmt from
// sorting them by name).
pub mod discover;

pub mod read;

pub mod extract;

pub mod stories;

pub mod index;

pub mod ingest;

pub mod search;

pub mod present;

pub mod serve;

pub mod cli;

// What the stages share.
pub mod error;
pub mod exit;
pub mod problem;

pub use error::{Error, Result};
