//! Hits and articles as CSV rows, for spreadsheets: one row each, lists joined with "; ".

use std::io::{self, Write};

use super::text::describe_official;
use crate::extract::Article;
use crate::search::Hit;

/// The header row.
pub const COLUMNS: [&str; 12] = [
    "id",
    "date",
    "agency",
    "title",
    "countries",
    "officials",
    "people",
    "places",
    "path",
    "line",
    "score",
    "snippet",
];

/// The columns of an article row: the hit columns without score and snippet.
const ARTICLE_COLUMNS: usize = COLUMNS.len() - 2;

/// Writes the header and one row per hit, quoted as RFC 4180 wants.
pub fn write_hits(out: &mut dyn Write, hits: &[Hit]) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(COLUMNS)?;
    for hit in hits {
        writer.write_record(hit_row(hit))?;
    }
    writer.flush()
}

/// Writes one hit of a streamed result set as a row, after the header when it is the
/// `first`.
pub fn write_hit(out: &mut dyn Write, hit: &Hit, first: bool) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    if first {
        writer.write_record(COLUMNS)?;
    }
    writer.write_record(hit_row(hit))?;
    writer.flush()
}

/// The hit's cells, in [`COLUMNS`] order.
fn hit_row(hit: &Hit) -> Vec<String> {
    let mut row = article_row(&hit.article);
    row.push(format!("{:.4}", hit.score));
    row.push(hit.snippet.text.replace('\n', " "));
    row
}

/// Writes one article as a row, after the header when it is the `first`.
pub fn write_article(out: &mut dyn Write, article: &Article, first: bool) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    if first {
        writer.write_record(&COLUMNS[..ARTICLE_COLUMNS])?;
    }
    writer.write_record(article_row(article))?;
    writer.flush()
}

/// The article's cells, in [`COLUMNS`] order.
fn article_row(a: &Article) -> Vec<String> {
    let officials: Vec<String> = a.officials.iter().map(describe_official).collect();
    vec![
        a.id.clone(),
        a.date.map(|d| d.to_string()).unwrap_or_default(),
        a.agency.clone().unwrap_or_default(),
        a.title.clone(),
        a.countries.join("; "),
        officials.join("; "),
        a.people.join("; "),
        a.place_names().collect::<Vec<_>>().join("; "),
        a.path.clone(),
        a.line.map(|l| l.to_string()).unwrap_or_default(),
    ]
}
