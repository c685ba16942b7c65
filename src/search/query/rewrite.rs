//! The rewrite of a parsed query: tantivy's grammar gives the tree of what the user
//! wrote; this turns the leaves only newsdex understands into leaves tantivy's query
//! builder does, and leaves the rest as they are.
//!
//! - `country:US`, `official:shoigu`: the exact facet values the index holds, through
//!   the [`Resolver`] (the same resolution as the `--country` style filters);
//! - `date:2023`, `date:[2023-01 TO 2023-06]`, `date:>2023`: ranges over whole days;
//! - `sanct*`, `sanctons~1`: the index's own words they stand for, OR-ed;
//! - `a AND NOT b`: `b` excluded where the grammar left it in a group of its own.

use chrono::{Datelike, NaiveDate};
use tantivy::query_grammar::{
    Delimiter, Occur, UserInputAst, UserInputBound, UserInputLeaf, UserInputLiteral,
};
use tantivy::tokenizer::{SimpleTokenizer, TokenStream, Tokenizer};

use super::{query_error, syntax};
use crate::error::{Error, Result};
use crate::index::NewsSchema;
use crate::search::request::{day_range, FacetField};

/// How a word with a suffix stands for many words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expansion {
    /// `word~N`: words within N edits.
    Fuzzy(u8),
    /// `word*`: words that start with it.
    Prefix,
}

/// What the rewrite needs from the index.
pub trait Resolver {
    /// The stored facet values an entity term stands for.
    fn entity(&mut self, field: FacetField, value: &str) -> Result<Vec<String>>;
    /// The index words a fuzzy or prefix term stands for, in `field` (title or body) or
    /// both.
    fn expand(&mut self, field: Option<&str>, word: &str, how: Expansion) -> Result<Vec<String>>;
}

/// The tree nests a few levels per parenthesis of the text (a group, its sign, its
/// boost), and the text's nesting is capped before parsing; the rewrite, which recurses,
/// holds to that bound itself.
const MAX_DEPTH: usize = 4 * syntax::MAX_NESTING;

/// The largest edit distance of a fuzzy word (tantivy's automata stop at 2).
const MAX_DISTANCE: u32 = 2;

/// Rewrites the tree of `text`, asking `resolver` what its entity and expandable terms
/// stand for.
pub fn rewrite(
    ast: UserInputAst,
    text: &str,
    schema: &NewsSchema,
    resolver: &mut dyn Resolver,
) -> Result<UserInputAst> {
    Rewriter { text, schema, resolver }.node(ast, 0)
}

/// What a leaf's field makes of it.
enum Scope {
    /// Title, body, or both: words.
    Prose,
    /// An entity facet: names to resolve.
    Entity(FacetField),
    /// The publication date: days.
    Date,
    /// Another field of the schema, or none: tantivy's to judge.
    Other,
}

struct Rewriter<'a> {
    text: &'a str,
    schema: &'a NewsSchema,
    resolver: &'a mut dyn Resolver,
}

impl Rewriter<'_> {
    fn node(&mut self, ast: UserInputAst, depth: usize) -> Result<UserInputAst> {
        if depth > MAX_DEPTH {
            return Err(syntax::too_deep(None));
        }
        Ok(match ast {
            UserInputAst::Clause(children) => {
                let mut rewritten = Vec::with_capacity(children.len());
                for (occur, child) in children {
                    rewritten.push((occur, self.node(child, depth + 1)?));
                }
                UserInputAst::Clause(place_negations(rewritten))
            }
            UserInputAst::Boost(inner, boost) => {
                UserInputAst::Boost(Box::new(self.node(*inner, depth + 1)?), boost)
            }
            UserInputAst::Leaf(leaf) => self.leaf(*leaf)?,
        })
    }

    fn name(&self, field: tantivy::schema::Field) -> &str {
        self.schema.schema.get_field_name(field)
    }

    fn scope(&self, field: Option<&str>) -> Scope {
        let Some(name) = field else {
            return Scope::Prose;
        };
        if name == self.name(self.schema.title) || name == self.name(self.schema.body) {
            return Scope::Prose;
        }
        if name.eq_ignore_ascii_case(self.name(self.schema.date)) {
            return Scope::Date;
        }
        match FacetField::from_name(name) {
            Some(FacetField::Year | FacetField::Month) | None => Scope::Other,
            Some(facet) => Scope::Entity(facet),
        }
    }

    fn leaf(&mut self, leaf: UserInputLeaf) -> Result<UserInputAst> {
        let field = match &leaf {
            UserInputLeaf::Literal(literal) => literal.field_name.clone(),
            UserInputLeaf::All => None,
            UserInputLeaf::Range { field, .. }
            | UserInputLeaf::Set { field, .. }
            | UserInputLeaf::Regex { field, .. } => field.clone(),
            UserInputLeaf::Exists { field } => Some(field.clone()),
        };
        let written = field.as_deref().unwrap_or_default();
        match (self.scope(field.as_deref()), leaf) {
            (scope, UserInputLeaf::Literal(literal)) => self.literal(scope, written, literal),
            (Scope::Date, UserInputLeaf::Range { lower, upper, .. }) => {
                let first = self.bound(written, &lower, false)?;
                let last = self.bound(written, &upper, true)?;
                Ok(self.days(first, last))
            }
            // `date:*`: every dated article; tantivy reads it.
            (Scope::Date, leaf @ UserInputLeaf::Exists { .. }) => Ok(leaf.into()),
            (Scope::Date, _) => Err(self.date_form(written)),
            (Scope::Entity(_), _) => Err(self.entity_form(written)),
            (_, leaf) => Ok(leaf.into()),
        }
    }

    fn literal(
        &mut self,
        scope: Scope,
        field: &str,
        literal: UserInputLiteral,
    ) -> Result<UserInputAst> {
        let plain = !literal.prefix && literal.slop == 0 && unquoted_suffix(&literal).is_none();
        match scope {
            Scope::Entity(facet) if plain => {
                let values = self.resolver.entity(facet, &literal.phrase)?;
                let name = self.name(self.schema.facet(facet)).to_owned();
                let terms = values.iter().map(|value| {
                    let escaped = value.replace('\\', "\\\\").replace('/', "\\/");
                    word(Some(name.clone()), format!("/{escaped}"))
                });
                Ok(self.any_of(terms.collect()))
            }
            Scope::Entity(_) => Err(self.entity_form(field)),
            Scope::Date if plain => {
                let (first, last) = day_range(&literal.phrase)
                    .map_err(|detail| self.bad_date(field, &literal.phrase, detail))?;
                Ok(self.days(Some(first), Some(last)))
            }
            Scope::Date => Err(self.date_form(field)),
            Scope::Prose => self.words(literal),
            Scope::Other => Ok(UserInputLeaf::Literal(literal).into()),
        }
    }

    /// A word of the prose fields; `word*` and `word~N` become the words they stand for.
    /// Phrases keep their slop (`"iran russia"~5`), and a prefix of several words
    /// (`"oil pri"*`, `O'Nei*`) stays a phrase prefix: tantivy handles both.
    fn words(&mut self, mut literal: UserInputLiteral) -> Result<UserInputAst> {
        let how = if literal.prefix {
            Expansion::Prefix
        } else {
            let Some((word_len, suffix)) = unquoted_suffix(&literal) else {
                return Ok(UserInputLeaf::Literal(literal).into());
            };
            let how = match suffix {
                Suffix::Star => Expansion::Prefix,
                Suffix::Distance(distance @ 0..=MAX_DISTANCE) => Expansion::Fuzzy(distance as u8),
                Suffix::Distance(_) => {
                    let written = &literal.phrase;
                    let at = syntax::column_of(self.text, written)
                        .map(|column| format!(" at column {column}"))
                        .unwrap_or_default();
                    return Err(query_error(format!(
                        "`{written}`{at}: only ~1 and ~2 exist for a word (one or two typos); \
                         a larger ~N is for phrases, as in \"iran russia\"~5"
                    )));
                }
            };
            literal.phrase.truncate(word_len);
            match how {
                Expansion::Prefix => literal.prefix = true,
                Expansion::Fuzzy(distance) => literal.slop = u32::from(distance),
            }
            how
        };
        if !is_one_word(&literal.phrase) {
            return Ok(UserInputLeaf::Literal(literal).into());
        }
        let words = self.resolver.expand(literal.field_name.as_deref(), &literal.phrase, how)?;
        let field = literal.field_name;
        Ok(self.any_of(words.into_iter().map(|w| word(field.clone(), w)).collect()))
    }

    /// One of the alternatives; none matches nothing.
    fn any_of(&self, alternatives: Vec<UserInputAst>) -> UserInputAst {
        let mut alternatives = alternatives.into_iter();
        match (alternatives.next(), alternatives.len()) {
            (None, _) => self.nothing(),
            (Some(only), 0) => only,
            (Some(first), _) => UserInputAst::Clause(
                std::iter::once(first)
                    .chain(alternatives)
                    .map(|a| (Some(Occur::Should), a))
                    .collect(),
            ),
        }
    }

    /// A term no article has: ids are hexadecimal, so `-` is never one. (An empty group
    /// would not do: tantivy drops empty groups, so it would match everything around it.)
    fn nothing(&self) -> UserInputAst {
        word(Some(self.name(self.schema.id).to_owned()), "-".to_owned())
    }

    /// The first (or, for an upper bound, the last) day of a range's bound.
    fn bound(&self, field: &str, bound: &UserInputBound, upper: bool) -> Result<Option<NaiveDate>> {
        let (text, inclusive) = match bound {
            UserInputBound::Unbounded => return Ok(None),
            UserInputBound::Inclusive(text) => (text, true),
            UserInputBound::Exclusive(text) => (text, false),
        };
        let (first, last) = day_range(text).map_err(|detail| self.bad_date(field, text, detail))?;
        Ok(match (upper, inclusive) {
            (false, true) => Some(first),
            (false, false) => last.succ_opt(),
            (true, true) => Some(last),
            (true, false) => first.pred_opt(),
        })
    }

    /// Articles dated from `first` to `last`, both whole days; `None` is open-ended.
    fn days(&self, first: Option<NaiveDate>, last: Option<NaiveDate>) -> UserInputAst {
        let field = self.name(self.schema.date).to_owned();
        if first.is_none() && last.is_none() {
            // `date:[* TO *]`: every dated article (tantivy drops a range open at both ends).
            return UserInputLeaf::Exists { field }.into();
        }
        // RFC 3339 holds four-digit years only.
        let midnight = |day: NaiveDate| (day.year() <= 9999).then(|| format!("{day}T00:00:00Z"));
        let lower =
            first.and_then(midnight).map_or(UserInputBound::Unbounded, UserInputBound::Inclusive);
        let upper = last
            .and_then(|day| day.succ_opt())
            .and_then(midnight)
            .map_or(UserInputBound::Unbounded, UserInputBound::Exclusive);
        UserInputLeaf::Range { field: Some(field), lower, upper }.into()
    }

    fn bad_date(&self, field: &str, value: &str, detail: String) -> Error {
        match syntax::column_of_field(self.text, field, value) {
            Some(column) => query_error(format!("{detail} at column {column}")),
            None => query_error(detail),
        }
    }

    fn date_form(&self, field: &str) -> Error {
        query_error(format!(
            "`{field}:`{} takes a day, month or year: date:2023, date:2023-09-19 or \
             date:[2023-01 TO 2023-06]",
            self.field_column(field)
        ))
    }

    fn entity_form(&self, field: &str) -> Error {
        query_error(format!(
            "`{field}:`{} takes one name, as in `{field}:US` or `{field}:\"united states\"`",
            self.field_column(field)
        ))
    }

    fn field_column(&self, field: &str) -> String {
        syntax::column_of_field(self.text, field, "")
            .map(|column| format!(" at column {column}"))
            .unwrap_or_default()
    }
}

/// An unquoted word of `field` (or the default fields).
fn word(field: Option<String>, phrase: String) -> UserInputAst {
    UserInputLeaf::Literal(UserInputLiteral {
        field_name: field,
        phrase,
        delimiter: Delimiter::None,
        slop: 0,
        prefix: false,
    })
    .into()
}

/// What ends an unquoted word and changes its meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Suffix {
    /// `sanct*`.
    Star,
    /// `sanctons~1`.
    Distance(u32),
}

/// The suffix of an unquoted word, and the length of the word before it. tantivy's
/// grammar keeps `*` and `~N` inside an unquoted word (`sanct*` is the word "sanct*"), so
/// they are read off its end here.
fn unquoted_suffix(literal: &UserInputLiteral) -> Option<(usize, Suffix)> {
    if literal.delimiter != Delimiter::None {
        return None;
    }
    let phrase = literal.phrase.as_str();
    if let Some(word) = phrase.strip_suffix('*') {
        return (!word.is_empty()).then_some((word.len(), Suffix::Star));
    }
    let (word, distance) = phrase.rsplit_once('~')?;
    if word.is_empty() || distance.is_empty() || !distance.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Digits too many for a number are a distance too large all the same.
    Some((word.len(), Suffix::Distance(distance.parse().unwrap_or(u32::MAX))))
}

/// Does the text hold exactly one word, as the prose fields split words?
fn is_one_word(text: &str) -> bool {
    let mut tokenizer = SimpleTokenizer::default();
    let mut stream = tokenizer.token_stream(text);
    stream.advance() && !stream.advance()
}

/// tantivy's grammar reads `a AND NOT b` as `a` and a group holding only `-b`, and a
/// group that only excludes matches nothing. So an excluding group's terms move up into
/// the group around it; where that group offers alternatives (`a OR NOT b`), or the
/// excluding group is itself excluded, it becomes "everything but b" instead.
fn place_negations(
    children: Vec<(Option<Occur>, UserInputAst)>,
) -> Vec<(Option<Occur>, UserInputAst)> {
    let alternatives = children.iter().any(|(occur, _)| *occur == Some(Occur::Should));
    let mut placed = Vec::with_capacity(children.len());
    for (occur, child) in children {
        match child {
            UserInputAst::Clause(inner) if only_excludes(&inner) => {
                if alternatives || occur == Some(Occur::MustNot) {
                    let everything = (Some(Occur::Must), UserInputLeaf::All.into());
                    let everything_but = std::iter::once(everything).chain(inner).collect();
                    placed.push((occur, UserInputAst::Clause(everything_but)));
                } else {
                    placed.extend(inner);
                }
            }
            child => placed.push((occur, child)),
        }
    }
    placed
}

fn only_excludes(clauses: &[(Option<Occur>, UserInputAst)]) -> bool {
    !clauses.is_empty() && clauses.iter().all(|(occur, _)| *occur == Some(Occur::MustNot))
}
