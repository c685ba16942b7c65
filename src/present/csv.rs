//! Hits as CSV rows, for spreadsheets: one row per hit, lists joined with "; ".

use std::io::{self, Write};

use super::text::describe_official;
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

/// Writes the header and one row per hit, quoted as RFC 4180 wants.
pub fn write_hits(out: &mut dyn Write, hits: &[Hit]) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(COLUMNS)?;
    for hit in hits {
        let a = &hit.article;
        let officials: Vec<String> = a.officials.iter().map(describe_official).collect();
        writer.write_record([
            a.id.as_str(),
            &a.date.map(|d| d.to_string()).unwrap_or_default(),
            a.agency.as_deref().unwrap_or_default(),
            &a.title,
            &a.countries.join("; "),
            &officials.join("; "),
            &a.people.join("; "),
            &a.place_names().collect::<Vec<_>>().join("; "),
            &a.path,
            &a.line.map(|l| l.to_string()).unwrap_or_default(),
            &format!("{:.4}", hit.score),
            &hit.snippet.text.replace('\n', " "),
        ])?;
    }
    writer.flush()
}
