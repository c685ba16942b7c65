//! The query language: tantivy's query syntax over title and body, plus entity and date
//! terms, with errors a person can act on.
//!
//! Terms are ANDed by default (a news researcher adding a word means "narrower"); `OR`,
//! `NOT`/`-`, `+`, phrases, `"…"~N` proximity, `title:` scoping, `word*` phrase prefixes
//! and `word~1` fuzzy terms work as in tantivy's parser. Before parsing, entity terms
//! (`country:US`, `official:shoigu`, `place:"new york"`) are rewritten into the exact
//! facet values the index holds, through the same resolution as the `--country` style
//! filters, and `date:` terms accept `2023`, `2023-09`, `2023-09-19` and ranges of them.
//! What cannot be understood comes back as a query error: one line that names the
//! problem and where it is.

use chrono::NaiveDate;
use tantivy::query::{AllQuery, FuzzyTermQuery, Query, QueryParser, QueryParserError};
use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, SimpleTokenizer, TextAnalyzer};
use tantivy::{Index, Searcher, TantivyError, Term};

use super::filter;
use super::request::{day_range, FacetField};
use crate::error::{Error, Result};
use crate::index::schema::news_analyzer;
use crate::index::NewsSchema;

/// A parsed query, and notes for the user about its entity terms.
pub struct ParsedQuery {
    /// The query for tantivy.
    pub query: Box<dyn Query>,
    /// Entity terms that matched nothing in the index.
    pub notes: Vec<String>,
}

/// The fields a query term may name, for error messages.
const QUERY_FIELDS: &str = "title, body, person, official, place, country, agency, date";

/// A term that matches no article: ids are hexadecimal, so `-` is never one.
const MATCH_NOTHING: &str = "id:\"-\"";

/// Most index words a prefix or fuzzy term expands to.
const MAX_EXPANSION: usize = 64;

/// How a word with a suffix stands for many words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expansion {
    /// `word~N`: words within N edits.
    Fuzzy(u8),
    /// `word*`: words that start with it.
    Prefix,
}

/// What the rewrite needs from the index.
trait Resolver {
    /// The stored facet values an entity term stands for.
    fn entity(&mut self, field: FacetField, value: &str) -> Result<Vec<String>>;
    /// The index words a fuzzy or prefix term stands for, in `field` (title or body) or
    /// both.
    fn expand(&mut self, field: Option<&str>, word: &str, how: Expansion) -> Result<Vec<String>>;
}

/// Resolves against an open index, collecting notes for the user.
struct IndexResolver<'a> {
    searcher: &'a Searcher,
    schema: &'a NewsSchema,
    notes: Vec<String>,
}

impl Resolver for IndexResolver<'_> {
    fn entity(&mut self, field: FacetField, value: &str) -> Result<Vec<String>> {
        let values = filter::resolve_values(self.searcher, self.schema, field, value)?;
        if values.is_empty() {
            self.notes.push(format!("no {} in the index matches `{value}`", field.name()));
        }
        Ok(values)
    }

    fn expand(&mut self, field: Option<&str>, word: &str, how: Expansion) -> Result<Vec<String>> {
        let fields = match field {
            Some("title") => vec![self.schema.title],
            Some(_) => vec![self.schema.body],
            None => vec![self.schema.title, self.schema.body],
        };
        let mut words = std::collections::BTreeSet::new();
        let mut capped = false;
        for segment in self.searcher.segment_readers() {
            for &field in &fields {
                let inverted = segment.inverted_index(field)?;
                let dictionary = inverted.terms();
                let mut add = |key: &[u8]| {
                    if let Ok(text) = std::str::from_utf8(key) {
                        if words.len() < MAX_EXPANSION {
                            words.insert(text.to_owned());
                        } else if !words.contains(text) {
                            capped = true;
                        }
                    }
                };
                match how {
                    Expansion::Prefix => {
                        let prefix = fold(word);
                        let mut stream = dictionary
                            .range()
                            .ge(&prefix)
                            .into_stream()
                            .map_err(TantivyError::from)?;
                        while stream.advance() && stream.key().starts_with(prefix.as_bytes()) {
                            add(stream.key());
                        }
                    }
                    Expansion::Fuzzy(distance) => {
                        let term = Term::from_field_text(field, &stem(word));
                        let automaton = FuzzyTermQuery::new(term, distance, true).automaton()?;
                        let mut stream = dictionary
                            .search(automaton)
                            .into_stream()
                            .map_err(TantivyError::from)?;
                        while stream.advance() {
                            add(stream.key());
                        }
                    }
                }
            }
        }
        let written = match how {
            Expansion::Prefix => format!("{word}*"),
            Expansion::Fuzzy(distance) => format!("{word}~{distance}"),
        };
        if words.is_empty() {
            self.notes.push(format!("no word in the index is like `{written}`"));
        } else if capped {
            self.notes.push(format!(
                "`{written}` matches more than {MAX_EXPANSION} words; the first {MAX_EXPANSION} are used"
            ));
        }
        Ok(words.into_iter().collect())
    }
}

/// Lower-cased, accents folded: how the index spells the start of a word.
fn fold(word: &str) -> String {
    let mut analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    let mut stream = analyzer.token_stream(word);
    let mut folded = String::new();
    while let Some(token) = stream.next() {
        folded.push_str(&token.text);
    }
    folded
}

/// The word as the prose fields index it (folded and stemmed).
fn stem(word: &str) -> String {
    let mut analyzer = news_analyzer();
    let mut stream = analyzer.token_stream(word);
    let mut stemmed = String::new();
    while let Some(token) = stream.next() {
        stemmed.push_str(&token.text);
    }
    stemmed
}

/// Parses the user's query; an empty query (or `*`) matches every article.
pub fn parse(
    index: &Index,
    searcher: &Searcher,
    schema: &NewsSchema,
    text: &str,
) -> Result<ParsedQuery> {
    let text = text.trim();
    if text.is_empty() || text == "*" {
        return Ok(ParsedQuery { query: Box::new(AllQuery), notes: Vec::new() });
    }
    if let Some(column) = unbalanced_quote(text) {
        return Err(Error::query(format!(
            "bad query: the quote at column {column} is never closed in `{text}`"
        )));
    }
    let mut resolver = IndexResolver { searcher, schema, notes: Vec::new() };
    let rewritten = rewrite(text, &mut resolver)?;
    let mut parser = QueryParser::for_index(index, vec![schema.title, schema.body]);
    parser.set_conjunction_by_default();
    parser.set_field_boost(schema.title, 2.0);
    let query = parser.parse_query(&rewritten).map_err(|err| Error::query(describe(&err, text)))?;
    Ok(ParsedQuery { query, notes: resolver.notes })
}

/// Rewrites entity, date, prefix and fuzzy terms into what tantivy's parser understands.
fn rewrite(text: &str, resolver: &mut dyn Resolver) -> Result<String> {
    let mut out = String::with_capacity(text.len() * 2);
    let mut rest = text;
    let mut at_term_start = true;
    while let Some(ch) = rest.chars().next() {
        let column = text.len() - rest.len() + 1;
        if at_term_start {
            // tantivy reads `NOT` only between two terms (`a NOT b`); `a AND NOT b` and a
            // leading `NOT b` mean what `-b` means.
            if let Some(after) = rest.strip_prefix("NOT").filter(|a| a.starts_with([' ', '('])) {
                out.push('-');
                rest = after.trim_start_matches(' ');
                continue;
            }
            if let Some((field, after_colon)) = scoped_field(rest) {
                let (value, after_value) = term_value(after_colon);
                let replacement = match field {
                    ScopedField::Date => date_term(value, column)?,
                    ScopedField::Entity(facet) => {
                        let values = resolver.entity(facet, unquote(value))?;
                        facet_term(facet, &values)
                    }
                };
                out.push_str(&replacement);
                rest = after_value;
                at_term_start = false;
                continue;
            }
            if let Some(term) = expandable(rest) {
                let words = resolver.expand(term.field, term.word, term.how)?;
                out.push_str(&any_word(term.field, &words));
                rest = &rest[term.len..];
                at_term_start = false;
                continue;
            }
        }
        if ch == '"' {
            // Copy a phrase whole: nothing inside it is a field.
            let end = rest[1..].find('"').map_or(rest.len(), |i| i + 2);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            at_term_start = false;
            continue;
        }
        out.push(ch);
        rest = &rest[ch.len_utf8()..];
        at_term_start = ch.is_whitespace() || matches!(ch, '(' | '+' | '-');
    }
    Ok(out)
}

/// A word to expand to the index's words, at the start of a query's rest.
struct ExpandableTerm<'q> {
    field: Option<&'q str>,
    word: &'q str,
    how: Expansion,
    /// Bytes of the query the term takes.
    len: usize,
}

/// `sanct*`, `title:sanctons~1`: a word (maybe field-scoped) ending in `*` or `~N` (N up
/// to 2), then the end of the term. Hand-written rather than a regex, which would cost
/// more to compile than a whole search of a small index.
fn expandable(text: &str) -> Option<ExpandableTerm<'_>> {
    let (field, after_field) = ["title", "body"]
        .into_iter()
        .find_map(|field| Some((Some(field), text.strip_prefix(field)?.strip_prefix(':')?)))
        .unwrap_or((None, text));
    let word_len = after_field.find(|c: char| !c.is_alphanumeric()).unwrap_or(after_field.len());
    let (word, after_word) = after_field.split_at(word_len);
    let (how, after_term) = if let Some(after) = after_word.strip_prefix('*') {
        (Expansion::Prefix, after)
    } else {
        let after = after_word.strip_prefix('~')?;
        let distance = after.chars().next().and_then(|c| c.to_digit(10)).filter(|&d| d <= 2)?;
        (Expansion::Fuzzy(distance as u8), &after[1..])
    };
    let ends_term = after_term.chars().next().is_none_or(|c| c.is_whitespace() || c == ')');
    (!word.is_empty() && ends_term).then(|| ExpandableTerm {
        field,
        word,
        how,
        len: text.len() - after_term.len(),
    })
}

/// `(sanction OR sanctions)`, scoped to `field` when given; a term matching nothing when
/// no word qualifies.
fn any_word(field: Option<&str>, words: &[String]) -> String {
    let scoped = |word: &String| match field {
        Some(field) => format!("{field}:{word}"),
        None => word.clone(),
    };
    match words {
        [] => MATCH_NOTHING.to_owned(),
        [one] => scoped(one),
        _ => format!("({})", words.iter().map(scoped).collect::<Vec<_>>().join(" OR ")),
    }
}

#[derive(Debug, Clone, Copy)]
enum ScopedField {
    Entity(FacetField),
    Date,
}

/// `country:` at the start of `text`, and the text after the colon.
fn scoped_field(text: &str) -> Option<(ScopedField, &str)> {
    let (name, rest) = text.split_once(':')?;
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let field = match name.to_ascii_lowercase().as_str() {
        "date" => ScopedField::Date,
        other => match FacetField::from_name(other)? {
            FacetField::Year | FacetField::Month => return None,
            facet => ScopedField::Entity(facet),
        },
    };
    Some((field, rest))
}

/// The value of a scoped term (a word, a "quoted phrase" or a [range]) and what follows.
fn term_value(text: &str) -> (&str, &str) {
    let end = match text.chars().next() {
        Some('"') => text[1..].find('"').map_or(text.len(), |i| i + 2),
        Some('[' | '{') => text[1..].find([']', '}']).map_or(text.len(), |i| i + 2),
        _ => text.find(|c: char| c.is_whitespace() || c == ')').unwrap_or(text.len()),
    };
    text.split_at(end)
}

fn unquote(value: &str) -> &str {
    value.strip_prefix('"').and_then(|v| v.strip_suffix('"')).unwrap_or(value)
}

/// `country:"/United States"`, or an OR of several values, or a term matching nothing.
fn facet_term(field: FacetField, values: &[String]) -> String {
    let terms: Vec<String> = values
        .iter()
        .map(|value| {
            let escaped = value.replace('\\', "\\\\").replace('/', "\\/").replace('"', "\\\"");
            format!("{}:\"/{escaped}\"", field.name())
        })
        .collect();
    match terms.len() {
        0 => MATCH_NOTHING.to_owned(),
        1 => terms.into_iter().next().unwrap_or_default(),
        _ => format!("({})", terms.join(" OR ")),
    }
}

/// `date:2023`, `date:2023-09-19`, `date:[2023-01 TO 2023-06]` (bounds may be `*`) as an
/// RFC 3339 range over whole days.
fn date_term(value: &str, column: usize) -> Result<String> {
    let bad = |detail: String| Error::query(format!("bad query: {detail} at column {column}"));
    let (first, last) = match value.strip_prefix(['[', '{']) {
        Some(inner) => {
            let inner = inner.trim_end_matches([']', '}']);
            let (from, to) = inner.split_once(" TO ").ok_or_else(|| {
                bad(format!("a date range is written [2023-01-01 TO 2023-06-30], not `{value}`"))
            })?;
            let bound = |text: &str, pick_last: bool| -> Result<Option<NaiveDate>> {
                match text.trim() {
                    "*" => Ok(None),
                    day => day_range(day)
                        .map(|(first, last)| Some(if pick_last { last } else { first }))
                        .map_err(bad),
                }
            };
            (bound(from, false)?, bound(to, true)?)
        }
        None => {
            let (first, last) = day_range(unquote(value)).map_err(bad)?;
            (Some(first), Some(last))
        }
    };
    let start = first.map_or("*".to_owned(), |d| format!("{d}T00:00:00Z"));
    let end = last.and_then(|d| d.succ_opt()).map_or("*".to_owned(), |d| format!("{d}T00:00:00Z"));
    Ok(format!("date:[{start} TO {end}}}"))
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

/// The error for a field the query names but the index does not have.
pub fn unknown_field(field: &str, text: &str) -> Error {
    let column = text.find(&format!("{field}:")).map_or(0, |i| i + 1);
    Error::query(format!(
        "bad query: unknown field `{field}` at column {column}; fields: {QUERY_FIELDS}"
    ))
}

fn describe(err: &QueryParserError, text: &str) -> String {
    match err {
        QueryParserError::FieldDoesNotExist(field) => unknown_field(field, text).to_string(),
        QueryParserError::AllButQueryForbidden => {
            "bad query: a query cannot only exclude words; add a word to search for".to_owned()
        }
        QueryParserError::DateFormatError(_) => {
            "bad query: write dates as date:2023, date:2023-09-19 or date:[2023-01 TO 2023-06]"
                .to_owned()
        }
        QueryParserError::SyntaxError(detail) => {
            format!("bad query: cannot parse `{text}` ({detail})")
        }
        QueryParserError::PhrasePrefixRequiresAtLeastTwoTerms { .. } => format!(
            "bad query: a prefix needs a phrase of two or more words (`\"oil pri\"*`) in `{text}`"
        ),
        other => format!("bad query: {other} in `{text}`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Answers as a small index would.
    struct Fixed;

    impl Resolver for Fixed {
        fn entity(&mut self, field: FacetField, value: &str) -> Result<Vec<String>> {
            Ok(match (field, value.to_lowercase().as_str()) {
                (FacetField::Country, "us") => vec!["United States".to_owned()],
                (FacetField::Official, "shoigu") => vec!["Sergei Shoigu".to_owned()],
                (FacetField::Person, "smith") => {
                    vec!["Ann Smith".to_owned(), "Bo Smith".to_owned()]
                }
                (FacetField::Place, "new york") => vec!["New York".to_owned()],
                (FacetField::Agency, "ac/dc") => vec!["AC/DC".to_owned()],
                _ => Vec::new(),
            })
        }

        fn expand(&mut self, _: Option<&str>, word: &str, how: Expansion) -> Result<Vec<String>> {
            Ok(match (word, how) {
                ("sanct", Expansion::Prefix) => vec!["sanction".to_owned(), "sanctuari".to_owned()],
                ("sanctons", Expansion::Fuzzy(1)) => vec!["sanction".to_owned()],
                _ => Vec::new(),
            })
        }
    }

    fn rewritten(text: &str) -> String {
        rewrite(text, &mut Fixed).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn prefix_and_fuzzy_terms_become_the_words_they_stand_for() {
        assert_eq!(rewritten("sanct* iran"), "(sanction OR sanctuari) iran");
        assert_eq!(rewritten("(title:sanctons~1)"), "(title:sanction)");
        assert_eq!(rewritten("zzz*"), "id:\"-\"");
        // A phrase keeps its slop and prefix: tantivy handles those.
        assert_eq!(rewritten("\"iran russia\"~5 \"oil pri\"*"), "\"iran russia\"~5 \"oil pri\"*");
    }

    #[test]
    fn only_a_whole_word_with_star_or_a_small_distance_expands() {
        // tantivy reads these itself (a boost, a distance over 2) or refuses them.
        for text in ["sanct*ion", "sanctons~3", "sanctons~", "sanct*^2", "*", "title:*", "~1"] {
            assert!(expandable(text).is_none(), "{text}");
        }
        let term = expandable("body:sanctons~2) and").expect("a fuzzy term");
        assert_eq!(
            (term.field, term.word, term.len),
            (Some("body"), "sanctons", "body:sanctons~2".len())
        );
        assert!(matches!(term.how, Expansion::Fuzzy(2)));
        let term = expandable("Brasíl* x").expect("a prefix term");
        assert_eq!((term.field, term.word, term.len), (None, "Brasíl", "Brasíl*".len()));
        assert!(matches!(term.how, Expansion::Prefix));
    }

    #[test]
    fn entity_terms_become_exact_facet_values() {
        assert_eq!(rewritten("oil country:US"), "oil country:\"/United States\"");
        assert_eq!(rewritten("official:shoigu AND iran"), "official:\"/Sergei Shoigu\" AND iran");
        assert_eq!(rewritten("place:\"new york\""), "place:\"/New York\"");
        assert_eq!(
            rewritten("(person:smith)"),
            "((person:\"/Ann Smith\" OR person:\"/Bo Smith\"))"
        );
        assert_eq!(rewritten("-country:us"), "-country:\"/United States\"");
        assert_eq!(rewritten("agency:ac/dc"), "agency:\"/AC\\/DC\"");
        assert_eq!(rewritten("country:atlantis"), "id:\"-\"");
    }

    #[test]
    fn not_becomes_a_minus_wherever_it_stands() {
        assert_eq!(rewritten("oil AND NOT iraq"), "oil AND -iraq");
        assert_eq!(rewritten("NOT iraq AND oil"), "-iraq AND oil");
        assert_eq!(rewritten("oil NOT (iraq OR iran)"), "oil -(iraq OR iran)");
        assert_eq!(rewritten("NOTHING"), "NOTHING");
    }

    #[test]
    fn other_text_is_left_alone() {
        assert_eq!(rewritten("\"country:US talks\" title:oil"), "\"country:US talks\" title:oil");
        assert_eq!(rewritten("discountry:US"), "discountry:US");
    }

    #[test]
    fn dates_become_day_ranges() {
        assert_eq!(rewritten("date:2023"), "date:[2023-01-01T00:00:00Z TO 2024-01-01T00:00:00Z}");
        assert_eq!(
            rewritten("oil date:[2023-09 TO 2023-10-15]"),
            "oil date:[2023-09-01T00:00:00Z TO 2023-10-16T00:00:00Z}"
        );
        assert_eq!(rewritten("date:[2023 TO *]"), "date:[2023-01-01T00:00:00Z TO *}");
        let err = rewrite("oil date:2023-13", &mut Fixed).unwrap_err();
        assert_eq!(
            err.to_string(),
            "bad query: bad date `2023-13`: write 2023, 2023-09 or 2023-09-19 at column 5"
        );
    }

    #[test]
    fn finds_the_unclosed_quote() {
        assert_eq!(unbalanced_quote(r#"iran "oil prices"#), Some(6));
        assert_eq!(unbalanced_quote(r#""iran russia"~5"#), None);
        assert_eq!(unbalanced_quote(r#"say \"hi"#), None);
    }
}
