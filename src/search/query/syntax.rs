//! The query's text, before and around tantivy's grammar: the limits on its size, the
//! apostrophes inside words, and, when the grammar refuses a query, what is wrong and at
//! which column.
//!
//! tantivy's grammar builds a tree without positions and answers a bad query with a bare
//! "no", so this is the one place that reads the text by hand: one linear pass that
//! splits it into the pieces the grammar will see (words, phrases, parentheses,
//! operators, `field:` prefixes). The meaning of a query is never decided here; that is
//! the grammar's and the rewrite's job.

use tantivy::query_grammar;

use super::{query_error, shown};
use crate::error::{Error, Result};

/// Longest query, in characters. A long boolean list of names, pasted from a research
/// note, stays well under it (a hundred quoted two-word names OR-ed is about 2,000); it
/// bounds the work of one search, as every term costs a walk of the term dictionary at
/// most.
pub const MAX_CHARS: usize = 4096;

/// Deepest nesting of parentheses and `NOT`s. The grammar and the rewrite recurse once
/// per level, so this bounds their stack; no question a person asks needs 32.
pub const MAX_NESTING: usize = 32;

/// What a piece of the query is, as far as the grammar's structure goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    /// `(`.
    Open,
    /// `)`, with any boost after it (`^2`).
    Close,
    /// A word, a phrase or a range, with its field and sign if they touch it, and any
    /// suffix (`*`, `~2`, `^2`).
    Value,
    /// `AND` or `OR`.
    Operator,
    /// `NOT`.
    Not,
    /// `+` or `-` on its own.
    Sign,
    /// `title:` whose value is not in the same piece: after a space, or a phrase, a
    /// group or a range.
    Field,
}

/// One piece, by its byte range in the user's text.
#[derive(Debug, Clone, Copy)]
struct Token {
    piece: Piece,
    start: usize,
    end: usize,
}

/// The user's query, read once.
#[derive(Debug)]
pub struct Scanned<'q> {
    text: &'q str,
    tokens: Vec<Token>,
    /// The text given to tantivy's grammar: the user's, with a `\` before every
    /// apostrophe inside a word (the grammar would open a quoted phrase there) and a
    /// space after a `NOT` that touches its `(` (the grammar wants one).
    grammar_text: String,
    /// Byte offsets in `grammar_text` of the characters added, in order.
    added: Vec<usize>,
    /// Byte offset of the first quote that is never closed.
    unclosed_quote: Option<usize>,
}

/// Reads a query, refusing one beyond the size limits before anything recursive sees it.
pub fn scan(text: &str) -> Result<Scanned<'_>> {
    let length = text.chars().count();
    if length > MAX_CHARS {
        return Err(query_error(format!(
            "the query has {length} characters; the limit is {MAX_CHARS}"
        )));
    }
    let mut scanner = Scanner {
        text,
        chars: text.char_indices().collect(),
        at: 0,
        out: String::with_capacity(text.len() + 8),
        added: Vec::new(),
        tokens: Vec::new(),
        unclosed_quote: None,
    };
    scanner.run();
    let scanned = Scanned {
        text,
        tokens: scanner.tokens,
        grammar_text: scanner.out,
        added: scanner.added,
        unclosed_quote: scanner.unclosed_quote,
    };
    scanned.check_nesting()?;
    Ok(scanned)
}

impl Scanned<'_> {
    /// The text for tantivy's grammar.
    pub fn grammar_text(&self) -> &str {
        &self.grammar_text
    }

    /// Why the grammar refused this query, and where: the first problem found by
    /// reading the pieces, else the first one tantivy's lenient grammar reports.
    pub fn syntax_error(&self) -> Error {
        let shown = shown(self.text);
        if let Some(problem) = self.structural_problem() {
            return query_error(format!("{problem} in `{shown}`"));
        }
        let (_, errors) = query_grammar::parse_query_lenient(&self.grammar_text);
        match errors.first() {
            Some(error) => query_error(format!(
                "{} at column {} in `{shown}`",
                error.message,
                self.column_of_grammar_offset(error.pos)
            )),
            None => query_error(format!("cannot parse `{shown}`")),
        }
    }

    /// The 1-based column, in the user's text, of a byte offset in `grammar_text`.
    fn column_of_grammar_offset(&self, offset: usize) -> usize {
        let added_before = self.added.iter().take_while(|&&at| at < offset).count();
        column(self.text, offset.saturating_sub(added_before))
    }

    fn column(&self, token: &Token) -> usize {
        column(self.text, token.start)
    }

    fn written(&self, token: &Token) -> &str {
        &self.text[token.start..token.end]
    }

    /// Parentheses and `NOT`s nest: `NOT (NOT (a))` is four levels.
    fn check_nesting(&self) -> Result<()> {
        let mut outer = Vec::new();
        let mut base = 0;
        let mut nots = 0;
        for token in &self.tokens {
            match token.piece {
                Piece::Open => {
                    outer.push(base);
                    base += nots + 1;
                    nots = 0;
                }
                Piece::Close => {
                    base = outer.pop().unwrap_or(0);
                    nots = 0;
                }
                Piece::Not => nots += 1,
                _ => nots = 0,
            }
            if base + nots > MAX_NESTING {
                return Err(too_deep(Some(self.column(token))));
            }
        }
        Ok(())
    }

    /// The first problem in the order a person would fix them: quotes, parentheses,
    /// then what each operator, sign and field needs around it.
    fn structural_problem(&self) -> Option<String> {
        if let Some(at) = self.unclosed_quote {
            return Some(format!("the quote at column {} is never closed", column(self.text, at)));
        }
        let mut open = Vec::new();
        for token in &self.tokens {
            match token.piece {
                Piece::Open => open.push(token),
                Piece::Close if open.pop().is_none() => {
                    return Some(format!(
                        "the closing parenthesis at column {} has no opening one",
                        self.column(token)
                    ));
                }
                _ => {}
            }
        }
        if let Some(token) = open.last() {
            return Some(format!(
                "the parenthesis at column {} is never closed",
                self.column(token)
            ));
        }
        let starts_value = |token: Option<&Token>| {
            token.is_some_and(|t| matches!(t.piece, Piece::Value | Piece::Open | Piece::Field))
        };
        for (i, token) in self.tokens.iter().enumerate() {
            let before = i.checked_sub(1).map(|j| &self.tokens[j]);
            let after = self.tokens.get(i + 1);
            let (written, column) = (self.written(token), self.column(token));
            let problem = match token.piece {
                Piece::Open if after.is_some_and(|t| t.piece == Piece::Close) => {
                    format!("the parentheses at column {column} hold nothing")
                }
                Piece::Operator
                    if !before.is_some_and(|t| matches!(t.piece, Piece::Value | Piece::Close)) =>
                {
                    format!("`{written}` at column {column} has nothing before it")
                }
                Piece::Operator | Piece::Not
                    if !(starts_value(after)
                        || after.is_some_and(|t| matches!(t.piece, Piece::Not | Piece::Sign))) =>
                {
                    format!("`{written}` at column {column} has nothing after it")
                }
                Piece::Sign if after.is_none_or(|t| t.start != token.end) => {
                    let example = if written == "-" { "-opec" } else { "+oil" };
                    format!("`{written}` at column {column} must touch its word, as in `{example}`")
                }
                Piece::Field
                    if !after.is_some_and(|t| matches!(t.piece, Piece::Value | Piece::Open)) =>
                {
                    format!("`{written}` at column {column} has no value")
                }
                _ => continue,
            };
            return Some(problem);
        }
        None
    }
}

/// The error for a query nested beyond [`MAX_NESTING`].
pub fn too_deep(column: Option<usize>) -> Error {
    let at = column.map(|column| format!(" (at column {column})")).unwrap_or_default();
    query_error(format!("the query nests parentheses and NOTs more than {MAX_NESTING} deep{at}"))
}

/// The 1-based column of a byte offset.
pub fn column(text: &str, offset: usize) -> usize {
    text.char_indices().take_while(|&(i, _)| i < offset).count() + 1
}

/// The column of the `field:` term whose value holds `value`, or of the first `field:`.
pub fn column_of_field(text: &str, field: &str, value: &str) -> Option<usize> {
    let prefix = format!("{field}:");
    let mut first = None;
    for (at, _) in text.match_indices(&prefix) {
        let rest = text[at + prefix.len()..].trim_start();
        let term = if rest.starts_with(['[', '{']) {
            rest.split_inclusive([']', '}']).next()
        } else {
            rest.split(char::is_whitespace).next()
        };
        if term.is_some_and(|term| term.contains(value)) {
            return Some(column(text, at));
        }
        first.get_or_insert(at);
    }
    first.map(|at| column(text, at))
}

/// The column where `written` first appears.
pub fn column_of(text: &str, written: &str) -> Option<usize> {
    text.find(written).map(|at| column(text, at))
}

struct Scanner<'q> {
    text: &'q str,
    chars: Vec<(usize, char)>,
    /// Index into `chars`.
    at: usize,
    out: String,
    added: Vec<usize>,
    tokens: Vec<Token>,
    unclosed_quote: Option<usize>,
}

impl Scanner<'_> {
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.at + ahead).map(|&(_, c)| c)
    }

    fn offset(&self) -> usize {
        self.chars.get(self.at).map_or(self.text.len(), |&(i, _)| i)
    }

    /// Copies the next character to the grammar's text.
    fn take(&mut self) {
        if let Some(c) = self.peek(0) {
            self.out.push(c);
            self.at += 1;
        }
    }

    /// Adds a character the user did not write.
    fn add(&mut self, c: char) {
        self.added.push(self.out.len());
        self.out.push(c);
    }

    fn push(&mut self, piece: Piece, start: usize) {
        self.tokens.push(Token { piece, start, end: self.offset() });
    }

    fn run(&mut self) {
        while let Some(c) = self.peek(0) {
            let start = self.offset();
            match c {
                _ if c.is_whitespace() => {
                    self.take();
                    continue;
                }
                '(' => {
                    self.take();
                    self.push(Piece::Open, start);
                    continue;
                }
                ')' => self.take(),
                '"' => self.quoted('"'),
                '\'' => self.quoted('\''),
                '[' | '{' => self.range(),
                _ => {
                    self.chunk();
                    continue;
                }
            }
            // A phrase, a group or a range may carry a suffix: `"a b"~5`, `(a b)^2`.
            self.suffix();
            self.push(if c == ')' { Piece::Close } else { Piece::Value }, start);
        }
    }

    fn suffix(&mut self) {
        while self.peek(0).is_some_and(|c| !c.is_whitespace() && !matches!(c, '(' | ')')) {
            self.take();
        }
    }

    /// A phrase in `"…"` or `'…'`. Inside `'…'`, an apostrophe between two letters is
    /// part of the phrase (`'I don't know'`).
    fn quoted(&mut self, quote: char) {
        let start = self.offset();
        self.take();
        loop {
            match self.peek(0) {
                None => {
                    self.unclosed_quote.get_or_insert(start);
                    return;
                }
                Some('\\') => {
                    self.take();
                    self.take();
                }
                Some(c) if c == quote => {
                    let inner = quote == '\''
                        && self.at > 0
                        && self.chars[self.at - 1].1.is_alphanumeric()
                        && self.peek(1).is_some_and(char::is_alphanumeric);
                    if inner {
                        self.add('\\');
                        self.take();
                    } else {
                        self.take();
                        return;
                    }
                }
                Some(_) => self.take(),
            }
        }
    }

    /// `[2023 TO 2024]`, `{a TO b}`: up to the closing bracket.
    fn range(&mut self) {
        self.take();
        while let Some(c) = self.peek(0) {
            self.take();
            if matches!(c, ']' | '}') {
                return;
            }
        }
    }

    /// A word with what touches it: a sign, a field, a suffix; or an operator.
    fn chunk(&mut self) {
        let start = self.offset();
        if matches!(self.peek(0), Some('+' | '-')) {
            self.take();
        }
        // Where a value may open with a quote or a bracket: its start, or after `field:`.
        let mut value_start = true;
        let mut field_only = false;
        while let Some(c) = self.peek(0) {
            if c.is_whitespace() || matches!(c, '(' | ')' | '"') {
                break;
            }
            if value_start && matches!(c, '\'' | '[' | '{') {
                break;
            }
            match c {
                '\\' => {
                    self.take();
                    self.take();
                }
                '\'' => {
                    // Reagan's, O'Neill, d'Ivoire: the apostrophe belongs to the word.
                    self.add('\\');
                    self.take();
                }
                _ => self.take(),
            }
            field_only = c == ':';
            value_start = field_only;
        }
        let end = self.offset();
        let written = &self.text[start..end];
        let piece = match written {
            "AND" | "OR" => Piece::Operator,
            "NOT" => {
                if self.peek(0) == Some('(') {
                    self.add(' ');
                }
                Piece::Not
            }
            "+" | "-" => Piece::Sign,
            _ if field_only => Piece::Field,
            _ => Piece::Value,
        };
        self.push(piece, start);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grammar_text(text: &str) -> String {
        scan(text).expect("within the limits").grammar_text
    }

    fn error(text: &str) -> String {
        scan(text).expect("within the limits").syntax_error().to_string()
    }

    #[test]
    fn apostrophes_inside_words_are_escaped_for_the_grammar() {
        assert_eq!(grammar_text("Reagan's"), r"Reagan\'s");
        assert_eq!(grammar_text("person:O'Neill"), r"person:O\'Neill");
        assert_eq!(grammar_text("Cote d'Ivoire"), r"Cote d\'Ivoire");
        assert_eq!(grammar_text("U.S.'s allies'"), r"U.S.\'s allies\'");
        // Quoted phrases are the grammar's own: `'…'` opens one, `"…"` keeps its text.
        assert_eq!(grammar_text("'oil prices' x"), "'oil prices' x");
        assert_eq!(grammar_text("'I don't know'"), r"'I don\'t know'");
        assert_eq!(grammar_text("\"Cote d'Ivoire\""), "\"Cote d'Ivoire\"");
        assert_eq!(grammar_text("title:'oil prices'"), "title:'oil prices'");
        assert_eq!(grammar_text("NOT(iraq) oil"), "NOT (iraq) oil");
    }

    #[test]
    fn columns_count_characters_of_the_users_text() {
        let scanned = scan("é Reagan's (oil").expect("scanned");
        // The grammar's text has a `\` added before the apostrophe.
        let paren = scanned.grammar_text.find('(').expect("a parenthesis");
        assert_eq!(scanned.column_of_grammar_offset(paren), 12);
        assert_eq!(column("é(", 2), 2);
        assert_eq!(column_of_field("date:2023 date:2023-13", "date", "2023-13"), Some(11));
        assert_eq!(column_of_field("date:[2023-13 TO *]", "date", "2023-13"), Some(1));
        assert_eq!(column_of_field("oil", "date", "2023"), None);
    }

    #[test]
    fn each_structural_problem_is_named_with_its_column() {
        assert_eq!(
            error("(oil"),
            "bad query: the parenthesis at column 1 is never closed in `(oil`"
        );
        assert_eq!(
            error("oil)"),
            "bad query: the closing parenthesis at column 4 has no opening one in `oil)`"
        );
        assert_eq!(
            error("oil AND"),
            "bad query: `AND` at column 5 has nothing after it in `oil AND`"
        );
        assert_eq!(
            error("AND oil"),
            "bad query: `AND` at column 1 has nothing before it in `AND oil`"
        );
        assert_eq!(
            error("oil OR AND gas"),
            "bad query: `OR` at column 5 has nothing after it in `oil OR AND gas`"
        );
        assert_eq!(
            error("oil (AND gas)"),
            "bad query: `AND` at column 6 has nothing before it in `oil (AND gas)`"
        );
        assert_eq!(
            error("oil NOT"),
            "bad query: `NOT` at column 5 has nothing after it in `oil NOT`"
        );
        assert_eq!(error("title:"), "bad query: `title:` at column 1 has no value in `title:`");
        assert_eq!(
            error("oil (title:)"),
            "bad query: `title:` at column 6 has no value in `oil (title:)`"
        );
        assert_eq!(
            error("oil ()"),
            "bad query: the parentheses at column 5 hold nothing in `oil ()`"
        );
        assert_eq!(
            error("oil - iraq"),
            "bad query: `-` at column 5 must touch its word, as in `-opec` in `oil - iraq`"
        );
        assert_eq!(
            error("\"oil talks"),
            "bad query: the quote at column 1 is never closed in `\"oil talks`"
        );
        assert_eq!(
            error("iran 'oil"),
            "bad query: the quote at column 6 is never closed in `iran 'oil`"
        );
    }

    #[test]
    fn other_problems_take_the_column_the_grammar_reports() {
        assert_eq!(error("oil^"), "bad query: unparsed end of query at column 4 in `oil^`");
        assert_eq!(
            error("date:[2023 TO"),
            "bad query: expected word at column 14 in `date:[2023 TO`"
        );
    }

    #[test]
    fn long_or_deep_queries_are_refused_before_parsing() {
        let long = "oil ".repeat(MAX_CHARS / 4 + 1);
        let err = scan(&long).unwrap_err().to_string();
        assert_eq!(
            err,
            format!("bad query: the query has {} characters; the limit is 4096", long.len())
        );
        assert!(scan(&"o".repeat(MAX_CHARS)).is_ok());

        let deep = format!("{}oil{}", "(".repeat(33), ")".repeat(33));
        let err = scan(&deep).unwrap_err().to_string();
        assert_eq!(
            err,
            "bad query: the query nests parentheses and NOTs more than 32 deep (at column 33)"
        );
        assert!(scan(&format!("{}oil{}", "(".repeat(32), ")".repeat(32))).is_ok());
        assert!(scan(&"(".repeat(10_000)).is_err());
        assert!(scan(&format!("{}oil", "NOT ".repeat(33))).is_err());
        assert!(scan(&format!("{}oil", "NOT (".repeat(16))).is_ok());
        // NOTs side by side do not nest.
        assert!(scan(&"a NOT b ".repeat(40)).is_ok());
    }

    #[test]
    fn control_characters_in_the_query_are_shown_escaped() {
        let err = error("oil\nAND");
        assert!(err.ends_with("in `oil\\nAND`"), "{err}");
    }
}
