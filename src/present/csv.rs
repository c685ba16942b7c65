//! Hits and articles as CSV rows, for spreadsheets: one row each, lists joined with "; ".

use std::io::{self, Write};

use super::columns::Column;
use super::text::counted;
use crate::search::summary::QuerySummary;
use crate::search::Hit;

/// Writes the header row of `columns`.
pub fn write_header(out: &mut dyn Write, columns: &[Column]) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(columns.iter().map(|c| c.name()))?;
    writer.flush()
}

/// Writes one hit as a row of `columns`, quoted as RFC 4180 wants.
pub fn write_hit(out: &mut dyn Write, hit: &Hit, columns: &[Column]) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(columns.iter().map(|c| c.cell(hit)))?;
    writer.flush()
}

/// Writes one row per query of `newsdex batch`; a list cell reads "Iran (3); Iraq (1)".
pub fn write_batch(out: &mut dyn Write, rows: &[QuerySummary]) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record([
        "query",
        "hits",
        "first_date",
        "last_date",
        "countries",
        "officials",
        "agencies",
    ])?;
    for row in rows {
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        writer.write_record([
            row.query.clone(),
            row.hits.to_string(),
            date(row.first_date),
            date(row.last_date),
            counted(&row.countries, "; "),
            counted(&row.officials, "; "),
            counted(&row.agencies, "; "),
        ])?;
    }
    writer.flush()
}
