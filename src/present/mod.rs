//! Stage 6, presenting: results to any [`std::io::Write`], for people (`text`) or for
//! programs (`json`, `csv`).
//!
//! Every serialisation newsdex does happens here, through one [`Printer`] that a command
//! chooses once, from its `--format`, and then hands everything it prints: search
//! results, articles (`show`, `export`, `extract`), index statistics, benchmark timings,
//! the summary of an indexing run. ripgrep's printer is the model: the command does not
//! know how its results look, and a format is one place to change.
//!
//! This is also the only module that knows about terminals: colour is a [`Style`]
//! decided once by the caller (on for a terminal, off for pipes and when `NO_COLOR` is
//! set), and every text printer takes it as a value.

pub mod columns;
pub mod csv;
pub mod escape;
pub mod json;
pub mod opensearch;
pub mod text;

use std::io::{self, Write};
use std::ops::Range;
use std::path::Path;

use self::escape::{inert, Layout};
use crate::extract::Article;
use crate::index::CheckReport;
use crate::ingest::{IndexSummary, Warning};
use crate::search::bench::Timing;
use crate::search::entities::EntityListing;
use crate::search::summary::QuerySummary;
use crate::search::{
    Filters, Hit, IndexStats, Marks, SearchRequest, SearchResults, StoryListing, Streamed,
};
pub use columns::Column;

/// The ways results can be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// For people: aligned, coloured when the [`Style`] says so.
    Text,
    /// One JSON document per result (a search, the statistics); one compact object per
    /// line for articles.
    Json,
    /// One JSON object per line: a search's hits, or articles.
    JsonLines,
    /// Rows for spreadsheets, RFC 4180.
    Csv,
    /// OpenSearch's and Elasticsearch's `_bulk` lines: an `index` action, then the
    /// article, for each article.
    OpenSearch,
}

/// Writes a command's results in one format to one sink.
pub struct Printer<W: Write> {
    format: Format,
    style: Style,
    out: W,
    /// Records written so far (hits, articles), for separators and CSV headers.
    records: usize,
    /// The columns of a hit in CSV and JSON Lines; `None` for each format's own.
    columns: Option<Vec<Column>>,
    /// The index the bulk actions of [`Format::OpenSearch`] name.
    bulk_index: String,
}

impl<W: Write> Printer<W> {
    /// A printer of `format` on `out`; `style` matters only for text.
    pub fn new(format: Format, style: Style, out: W) -> Printer<W> {
        Printer {
            format,
            style,
            out,
            records: 0,
            columns: None,
            bulk_index: opensearch::DEFAULT_INDEX.to_owned(),
        }
    }

    /// The same printer writing these columns of each hit in CSV and JSON Lines
    /// (`--fields`).
    pub fn with_columns(mut self, columns: Option<Vec<Column>>) -> Printer<W> {
        self.columns = columns;
        self
    }

    /// The same printer naming `index` in the actions of [`Format::OpenSearch`].
    pub fn with_bulk_index(mut self, index: String) -> Printer<W> {
        self.bulk_index = index;
        self
    }

    /// Writes a search's results.
    pub fn search(&mut self, request: &SearchRequest, results: &SearchResults) -> io::Result<()> {
        match self.format {
            Format::Text => text::write_search(&mut self.out, self.style, request, results),
            Format::Json => {
                json::write_pretty(&mut self.out, &json::SearchJson::new(request, results))
            }
            Format::JsonLines | Format::Csv | Format::OpenSearch => {
                results.hits.iter().try_for_each(|hit| self.hit(hit))
            }
        }
    }

    /// Writes one hit of a result set that streams (`search --all`, `export`): a CSV
    /// header before the first, a blank line between hits in text.
    pub fn hit(&mut self, hit: &Hit) -> io::Result<()> {
        let first = self.records == 0;
        self.records += 1;
        match (self.format, &self.columns) {
            (Format::Text, _) => {
                if !first {
                    writeln!(self.out)?;
                }
                text::write_hit(&mut self.out, self.style, hit)
            }
            (Format::Json | Format::JsonLines, Some(columns)) => {
                json::write_line(&mut self.out, &columns::Row { hit, columns })
            }
            (Format::Json | Format::JsonLines, None) => {
                json::write_line(&mut self.out, &json::HitJson::from(hit))
            }
            (Format::OpenSearch, columns) => {
                let columns = columns.as_deref().unwrap_or(&Column::ARTICLE);
                opensearch::write_bulk(&mut self.out, &self.bulk_index, hit, columns)
            }
            (Format::Csv, columns) => {
                let columns = columns.as_deref().unwrap_or(&Column::HIT_CSV);
                if first {
                    csv::write_header(&mut self.out, columns)?;
                }
                csv::write_hit(&mut self.out, hit, columns)
            }
        }
    }

    /// Writes what produced an export, before its first hit: one JSON line
    /// `{"newsdex_export": {…}}`, which is why only JSON Lines output carries it.
    pub fn provenance(&mut self, provenance: &json::ProvenanceJson) -> io::Result<()> {
        json::write_line(&mut self.out, &json::ProvenanceLine { newsdex_export: provenance })
    }

    /// Ends a streamed result set: text says how many articles it held; the data
    /// formats hold only hits.
    pub fn streamed(&mut self, streamed: &Streamed) -> io::Result<()> {
        match self.format {
            Format::Text => {
                let noun = if streamed.total == 1 { "article" } else { "articles" };
                let line = format!("{} {noun}", streamed.total);
                if self.records > 0 {
                    writeln!(self.out)?;
                }
                writeln!(self.out, "{}", self.style.bold(&line))
            }
            Format::Json | Format::JsonLines | Format::Csv | Format::OpenSearch => Ok(()),
        }
    }

    /// Writes one article in full; called once per article of `show`, `export` and
    /// `extract`, so a million articles stream through in constant memory.
    pub fn article(&mut self, article: &Article) -> io::Result<()> {
        self.marked_article(article, &Marks::default())
    }

    /// [`Printer::article`] with the words at `marks` marked in text output, as a search
    /// marks its passages (`show --query`); JSON and CSV stay the article's own fields.
    pub fn marked_article(&mut self, article: &Article, marks: &Marks) -> io::Result<()> {
        if matches!(self.format, Format::Csv | Format::OpenSearch) {
            // The article's own columns, the way a hit of `export` is written.
            self.columns.get_or_insert_with(|| Column::ARTICLE.to_vec());
            let hit = Hit {
                score: 0.0,
                article: article.clone(),
                snippet: Default::default(),
                copies: None,
            };
            return self.hit(&hit);
        }
        let first = self.records == 0;
        self.records += 1;
        match self.format {
            Format::Text => {
                if !first {
                    writeln!(self.out, "\n{}\n", "─".repeat(60))?;
                }
                text::write_article(&mut self.out, self.style, article, marks)
            }
            Format::Json | Format::JsonLines | Format::Csv | Format::OpenSearch => {
                json::write_line(&mut self.out, article)
            }
        }
    }

    /// Writes every copy of a story (`newsdex story`).
    pub fn story(&mut self, listing: &StoryListing) -> io::Result<()> {
        match self.format {
            Format::Json | Format::JsonLines | Format::OpenSearch => {
                json::write_pretty(&mut self.out, &json::StoryJson::from(listing))
            }
            Format::Text | Format::Csv => text::write_story(&mut self.out, self.style, listing),
        }
    }

    /// Writes what is known about one entity (`newsdex serve`'s entity page).
    pub fn entity(&mut self, entity: &json::EntityJson) -> io::Result<()> {
        json::write_line(&mut self.out, entity)
    }

    /// Writes an error as the one-line JSON object `{"error": MESSAGE}`.
    pub fn error(&mut self, message: &str) -> io::Result<()> {
        json::write_line(&mut self.out, &json::ErrorJson { error: message.to_owned() })
    }

    /// Writes what `newsdex check` read of the index at `path`.
    pub fn check(&mut self, path: &std::path::Path, report: &CheckReport) -> io::Result<()> {
        match self.format {
            Format::Json | Format::JsonLines | Format::OpenSearch => {
                json::write_pretty(&mut self.out, &json::CheckJson::new(path, report))
            }
            Format::Text | Format::Csv => {
                text::write_check(&mut self.out, self.style, path, report)
            }
        }
    }

    /// Writes the statistics of an index.
    pub fn stats(&mut self, stats: &IndexStats) -> io::Result<()> {
        match self.format {
            Format::Json | Format::JsonLines | Format::OpenSearch => {
                json::write_pretty(&mut self.out, &json::StatsJson::from(stats))
            }
            Format::Text | Format::Csv => text::write_stats(&mut self.out, self.style, stats),
        }
    }

    /// Writes the listing of `newsdex entities`.
    pub fn entities(&mut self, listing: &EntityListing) -> io::Result<()> {
        match self.format {
            Format::Text => text::write_entities(&mut self.out, self.style, listing),
            Format::Json | Format::JsonLines | Format::OpenSearch => {
                json::write_pretty(&mut self.out, &json::EntitiesJson::from(listing))
            }
            Format::Csv => csv::write_entities(&mut self.out, listing),
        }
    }

    /// Writes the summaries of `newsdex batch`, one per query, under `filters`.
    pub fn batch(&mut self, filters: &Filters, rows: &[QuerySummary]) -> io::Result<()> {
        match self.format {
            Format::Text => text::write_batch(&mut self.out, self.style, rows),
            Format::Json | Format::JsonLines | Format::OpenSearch => {
                json::write_pretty(&mut self.out, &json::BatchJson::new(filters, rows))
            }
            Format::Csv => csv::write_batch(&mut self.out, rows),
        }
    }

    /// Writes the timings of `newsdex bench`.
    pub fn timings(&mut self, timings: &[Timing]) -> io::Result<()> {
        match self.format {
            Format::Json | Format::JsonLines | Format::OpenSearch => {
                json::write_pretty(&mut self.out, timings)
            }
            Format::Text | Format::Csv => text::write_timings(&mut self.out, timings),
        }
    }

    /// Writes what OpenSearch needs to receive an export into `index`: the index to
    /// create and the searches equal to newsdex's facets and timelines
    /// (`newsdex engine config opensearch`).
    pub fn opensearch_config(&mut self, index: &str) -> io::Result<()> {
        let schema = crate::index::schema::NewsSchema::shipped();
        json::write_pretty(&mut self.out, &opensearch::config(schema, index))
    }

    /// Writes what an indexing run did, to the index at `index`.
    pub fn index_summary(&mut self, summary: &IndexSummary, index: &Path) -> io::Result<()> {
        writeln!(self.out, "{}", text::describe_summary(summary, index))
    }

    /// Flushes what is buffered and gives the sink back.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// The line a warning makes on standard error: `newsdex: warning: PATH[:LINE]: WHY`.
pub fn warning_line(warning: &Warning) -> String {
    format!("newsdex: warning: {}", inert(&warning.to_string(), Layout::Line))
}

/// The line a note makes on standard error: `newsdex: note: WHAT`.
pub fn note_line(note: &str) -> String {
    format!("newsdex: note: {}", inert(note, Layout::Line))
}

/// The line an error makes on standard error: `newsdex: WHAT: CAUSE: …`, each cause
/// once (a library's message often repeats its cause's words, and the cause then says
/// them again), a full disk named as such, and nothing a terminal would act on: paths
/// in it come from the folders walked, which may hold any name.
pub fn error_line(error: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if message.contains(&text) {
            continue;
        }
        if !message.is_empty() {
            message.push_str(": ");
        }
        message.push_str(&text);
    }
    let disk_full = error.chain().any(|cause| {
        cause.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::StorageFull)
    });
    if disk_full && !message.contains(crate::problem::DISK_FULL) {
        message = format!("{}: {message}", crate::problem::DISK_FULL);
    }
    format!("newsdex: {}", inert(&message, Layout::Line))
}

/// Whether to colour output, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Emit ANSI colour codes.
    pub color: bool,
}

impl Style {
    /// No colour.
    pub const PLAIN: Style = Style { color: false };

    fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    /// Bold text.
    pub fn bold(self, text: &str) -> String {
        self.paint("1", text)
    }

    /// Dimmed text.
    pub fn dim(self, text: &str) -> String {
        self.paint("2", text)
    }

    /// Cyan text.
    pub fn cyan(self, text: &str) -> String {
        self.paint("36", text)
    }

    /// Marks the byte ranges of `text`: bold yellow in colour, `[` `]` without. The
    /// passage is one line: its line breaks become spaces, its other controls escapes.
    pub fn highlight(self, text: &str, ranges: &[Range<usize>]) -> String {
        self.mark(text, ranges, |piece| {
            inert(&piece.replace(['\n', '\t'], " "), Layout::Line).into_owned()
        })
    }

    /// [`Style::highlight`] of a whole body, whose line breaks stay.
    pub fn highlight_block(self, text: &str, ranges: &[Range<usize>]) -> String {
        self.mark(text, ranges, |piece| inert(piece, Layout::Block).into_owned())
    }

    /// Marks the byte ranges of `text`, each piece made safe by `line`.
    fn mark(self, text: &str, ranges: &[Range<usize>], line: impl Fn(&str) -> String) -> String {
        let mut out = String::with_capacity(text.len() + ranges.len() * 8);
        let mut last = 0;
        for range in ranges {
            let (Some(before), Some(word)) = (text.get(last..range.start), text.get(range.clone()))
            else {
                continue;
            };
            out.push_str(&line(before));
            if self.color {
                out.push_str(&self.paint("1;33", &line(word)));
            } else {
                out.push('[');
                out.push_str(&line(word));
                out.push(']');
            }
            last = range.end;
        }
        out.push_str(&line(text.get(last..).unwrap_or_default()));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_are_bracketed_without_colour() {
        let text = "Oil prices rose";
        assert_eq!(Style::PLAIN.highlight(text, &[0..3, 4..10]), "[Oil] [prices] rose");
    }

    #[test]
    fn highlights_are_coloured_on_a_terminal() {
        let coloured = Style { color: true }.highlight("Oil rose", &[Range { start: 0, end: 3 }]);
        assert_eq!(coloured, "\x1b[1;33mOil\x1b[0m rose");
    }
}
