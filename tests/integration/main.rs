//! End-to-end tests: run the `newsdex` binary on temporary corpora.

// First: the modules below use its macros.
/// Assertions with readable failures: `assert_contains!`, `eqnice!`.
#[macro_use]
mod macros;

/// Chinese, Japanese and Korean text as bigrams.
mod cjk;
/// Short articles of every format, written for these tests.
mod corpus;
/// Read-only and damaged indexes.
mod damaged;
/// `newsdex entities`: people, officials and their roles through time.
mod entities;
/// Bad input, bad commands and their messages and exit codes.
mod errors;
/// `newsdex extract` and `newsdex export`.
mod extract;
/// Hostile input: encodings, junk, size limits, loops, odd names.
mod hostile;
/// Web pages: main text, headlines and days as real sites write them.
mod html;
/// People as people: surnames, accents, one person one facet value, the curation file.
mod identity;
/// Incremental runs, crashes and concurrent writers.
mod incremental;
/// `newsdex index`: formats, re-indexing, warnings.
mod index;
/// `export --format opensearch` and `engine config opensearch`: format, golden files, counts.
mod opensearch;
/// Property tests: any input, never a panic.
mod properties;
/// The query language and the output formats.
mod query;
/// The query language's edges: apostrophes, syntax errors, limits.
mod query_syntax;
/// Nothing lost: `index --full`, the index folder, concurrent runs.
mod reliability;
/// The bundled sample corpus against its `.expected` files.
mod sample_corpus;
/// `newsdex search`: hits, filters, facets, sorting, output formats.
mod search;
/// `newsdex serve`: the JSON API against the running binary.
mod serve;
/// `newsdex serve` in headless Chromium.
mod serve_browser;
/// `newsdex completions` and `newsdex man`.
mod shell;
/// Stories: wire copies grouped at index time, incrementally.
mod stories;
/// Helpers: temporary folders and the binary.
mod util;
/// What is new: `--added-since` and saved watches.
mod watch;
/// A researcher's workflow: whole result sets out, batches of queries.
mod workflow;
