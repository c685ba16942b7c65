//! Hits and articles as CSV rows, for spreadsheets: one row each, lists joined with "; ".
//!
//! A spreadsheet opening the file runs any cell that starts like a formula (`=`, `+`, `-`,
//! `@`, or a tab or carriage return before one), and an article's title or body is
//! written by whoever published it: `=HYPERLINK("http://…")` in a headline would be a live
//! link, or worse, in the reader's spreadsheet. Such a cell is written with a leading `'`,
//! which spreadsheets take as "this is text" and do not show (OWASP's advice for CSV
//! injection). Scripts that need every byte exact read `--format jsonl`.

use std::io::{self, Write};

use super::columns::Column;
use super::text::counted;
use crate::search::entities::EntityListing;
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
    writer.write_record(columns.iter().map(|c| inert_cell(c.cell(hit))))?;
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
            inert_cell(row.query.clone()),
            row.hits.to_string(),
            date(row.first_date),
            date(row.last_date),
            inert_cell(counted(&row.countries, "; ")),
            inert_cell(counted(&row.officials, "; ")),
            inert_cell(counted(&row.agencies, "; ")),
        ])?;
    }
    writer.flush()
}

/// `newsdex entities`: one row per entity; its names and roles joined with `; `.
pub fn write_entities(out: &mut dyn Write, listing: &EntityListing) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record([
        "kind",
        "name",
        "articles",
        "first_date",
        "last_date",
        "variants",
        "roles",
    ])?;
    let day = |dates: Option<(chrono::NaiveDate, chrono::NaiveDate)>, last: bool| {
        dates.map(|(first, end)| if last { end } else { first }.to_string()).unwrap_or_default()
    };
    for entity in &listing.entities {
        let variants: Vec<String> =
            entity.variants.iter().map(|(name, n)| format!("{name} ({n})")).collect();
        let roles: Vec<String> = entity
            .roles
            .iter()
            .map(|r| {
                let named = [r.role.as_deref(), r.country.as_deref()].into_iter().flatten();
                let named: Vec<&str> = named.collect();
                let span = match r.span.dates {
                    Some((first, last)) => format!(", {first}..{last}"),
                    None => String::new(),
                };
                format!("{} ({}{span})", named.join(", "), r.span.articles)
            })
            .collect();
        writer.write_record([
            listing.kind.name().to_owned(),
            inert_cell(entity.name.clone()),
            entity.span.articles.to_string(),
            day(entity.span.dates, false),
            day(entity.span.dates, true),
            inert_cell(variants.join("; ")),
            inert_cell(roles.join("; ")),
        ])?;
    }
    writer.flush()
}

/// `cell`, with a leading `'` when a spreadsheet would read it as a formula.
fn inert_cell(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::inert_cell;

    #[test]
    fn cells_that_a_spreadsheet_would_run_are_text() {
        for formula in ["=1+1", "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"] {
            assert_eq!(inert_cell(formula.to_owned()), format!("'{formula}"));
        }
        for plain in ["Iran", "2023-09-19", "0.1234", "a=b", "", "'quoted"] {
            assert_eq!(inert_cell(plain.to_owned()), plain);
        }
    }
}
