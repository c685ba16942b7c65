//! The list of `newsdex batch`: one query per line, or a CSV file with a `query`
//! column. This module reads the list; the summaries are the search stage's
//! ([`crate::search::summary`]) and the table is `present`'s.

use anyhow::{bail, Context, Result};

/// The queries of a list, each with its line number. A file whose name ends in `.csv` is
/// CSV with a header row naming a `query` column (any case); any other file holds one
/// query per line, blank lines and lines starting with `#` skipped.
pub fn queries(text: &str, is_csv: bool) -> Result<Vec<(usize, String)>> {
    if !is_csv {
        return Ok(text
            .lines()
            .enumerate()
            .map(|(number, line)| (number + 1, line.trim()))
            .filter(|(_, line)| !line.is_empty() && !line.starts_with('#'))
            .map(|(number, line)| (number, line.to_owned()))
            .collect());
    }
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers = reader.headers().context("cannot read the CSV header")?;
    let Some(column) = headers.iter().position(|h| h.trim().eq_ignore_ascii_case("query")) else {
        bail!(
            "no `query` column in the CSV header ({})",
            headers.iter().collect::<Vec<_>>().join(", ")
        );
    };
    let mut queries = Vec::new();
    for record in reader.records() {
        let record = record.context("bad CSV")?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        let query = record.get(column).unwrap_or_default().trim();
        if !query.is_empty() {
            queries.push((line, query.to_owned()));
        }
    }
    Ok(queries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_skip_blanks_and_comments() {
        let found = queries("# names\ntanker\n\n  \"oil prices\"  \n", false).unwrap();
        assert_eq!(found, [(2, "tanker".to_owned()), (4, "\"oil prices\"".to_owned())]);
    }

    #[test]
    fn csv_takes_the_query_column_by_name() {
        let found = queries("id,Query,note\n1,tanker,a\n2,\"oil, gas\",b\n3,,c\n", true).unwrap();
        assert_eq!(found, [(2, "tanker".to_owned()), (3, "oil, gas".to_owned())]);
        let err = queries("id,name\n1,x\n", true).unwrap_err();
        assert_eq!(err.to_string(), "no `query` column in the CSV header (id, name)");
    }
}
