//! The query language: tantivy's query syntax over title and body, with errors a person
//! can act on.
//!
//! Terms are ANDed by default (a news researcher adding a word means "narrower"); `OR`,
//! `NOT`/`-`, `+`, phrases, `"…"~N` proximity and `field:` scoping work as in tantivy's
//! parser. What the parser rejects comes back as [`Error::Query`] with one line that
//! names the problem.

use tantivy::query::{AllQuery, Query, QueryParser, QueryParserError};
use tantivy::Index;

use crate::error::{Error, Result};
use crate::index::NewsSchema;

/// Parses the user's query; an empty query (or `*`) matches every article.
pub fn parse(index: &Index, schema: &NewsSchema, text: &str) -> Result<Box<dyn Query>> {
    let text = text.trim();
    if text.is_empty() || text == "*" {
        return Ok(Box::new(AllQuery));
    }
    if let Some(column) = unbalanced_quote(text) {
        return Err(Error::Query(format!(
            "bad query: the quote at column {column} is never closed in `{text}`"
        )));
    }
    let mut parser = QueryParser::for_index(index, vec![schema.title, schema.body]);
    parser.set_conjunction_by_default();
    parser.set_field_boost(schema.title, 2.0);
    parser.parse_query(text).map_err(|err| Error::Query(describe(&err, text)))
}

/// The 1-based column of a `"` that is never closed, if any.
fn unbalanced_quote(text: &str) -> Option<usize> {
    let mut open = None;
    let mut escaped = false;
    for (column, ch) in text.chars().enumerate() {
        match ch {
            '\\' if !escaped => {
                escaped = true;
                continue;
            }
            '"' if !escaped => open = if open.is_some() { None } else { Some(column + 1) },
            _ => {}
        }
        escaped = false;
    }
    open
}

fn describe(err: &QueryParserError, text: &str) -> String {
    let fields = "title, body";
    match err {
        QueryParserError::FieldDoesNotExist(field) => {
            let column = text.find(&format!("{field}:")).map_or(0, |i| i + 1);
            format!("bad query: unknown field `{field}` at column {column}; fields: {fields}")
        }
        QueryParserError::AllButQueryForbidden => {
            "bad query: a query cannot only exclude words; add a word to search for".to_owned()
        }
        QueryParserError::DateFormatError(_) => {
            "bad query: dates in a query are written as 2023-09-19T00:00:00Z; or use --from/--to"
                .to_owned()
        }
        QueryParserError::SyntaxError(detail) => {
            format!("bad query: cannot parse `{text}` ({detail})")
        }
        other => format!("bad query: {other} in `{text}`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_unclosed_quote() {
        assert_eq!(unbalanced_quote(r#"iran "oil prices"#), Some(6));
        assert_eq!(unbalanced_quote(r#""iran russia"~5"#), None);
        assert_eq!(unbalanced_quote(r#"say \"hi"#), None);
    }
}
