//! The query language: tantivy's query syntax over title and body, plus entity and date
//! terms, with errors a person can act on.
//!
//! Terms are ANDed by default (a news researcher adding a word means "narrower"); `OR`,
//! `NOT`/`-`, `+`, phrases, `"…"~N` proximity, `title:` scoping, `word*` prefixes and
//! `word~1` fuzzy terms work as in tantivy's parser. A query goes through three rooms:
//!
//! 1. `syntax` reads the text once: it refuses a query beyond the size limits before
//!    anything recursive sees it, keeps apostrophes inside words (`O'Neill`), and, when
//!    the grammar refuses a query, names the problem and its column;
//! 2. tantivy's grammar (`tantivy::query_grammar`) parses the text into a tree;
//! 3. `rewrite` turns the tree's entity terms (`country:US`, `official:shoigu`,
//!    `place:"new york"`) into the exact facet values the index holds, through the same
//!    resolution as the `--country` style filters, `date:` terms (`2023`, `2023-09`,
//!    `2023-09-19`, ranges of them) into ranges of days, and `word*`/`word~N` into the
//!    index's own words; tantivy's query parser then builds the query from the tree.
//!
//! What cannot be understood comes back as a query error: one line that names the
//! problem and where it is.

mod rewrite;
mod syntax;

use tantivy::query::{AllQuery, FuzzyTermQuery, Query, QueryParser, QueryParserError};
use tantivy::query_grammar;
use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, SimpleTokenizer, TextAnalyzer};
use tantivy::{Index, Searcher, TantivyError, Term};

use super::filter;
use super::identity::People;
use super::request::FacetField;
use crate::error::{Error, Result};
use crate::index::schema::news_analyzer;
use crate::index::NewsSchema;
use rewrite::{Expansion, Resolver};

/// A parsed query, and notes for the user about its entity terms.
pub struct ParsedQuery {
    /// The query for tantivy.
    pub query: Box<dyn Query>,
    /// Entity terms that matched nothing in the index.
    pub notes: Vec<String>,
}

/// Most index words a prefix or fuzzy term expands to.
const MAX_EXPANSION: usize = 64;

/// Parses the user's query; an empty query (or `*`) matches every article.
pub fn parse(
    index: &Index,
    searcher: &Searcher,
    schema: &NewsSchema,
    people: &People,
    text: &str,
) -> Result<ParsedQuery> {
    let text = text.trim();
    if text.is_empty() || text == "*" {
        return Ok(ParsedQuery { query: Box::new(AllQuery), notes: Vec::new() });
    }
    let mut resolver = IndexResolver { searcher, schema, people, notes: Vec::new() };
    let tree = rewritten(text, schema, &mut resolver)?;
    let mut parser = QueryParser::for_index(index, vec![schema.title, schema.body]);
    parser.set_conjunction_by_default();
    parser.set_field_boost(schema.title, 2.0);
    let query = parser.build_query_from_user_input_ast(tree).map_err(|err| describe(&err, text))?;
    Ok(ParsedQuery { query, notes: resolver.notes })
}

/// The user's text as a rewritten tree, ready for tantivy's query builder.
fn rewritten(
    text: &str,
    schema: &NewsSchema,
    resolver: &mut dyn Resolver,
) -> Result<query_grammar::UserInputAst> {
    let scanned = syntax::scan(text)?;
    let tree =
        query_grammar::parse_query(scanned.grammar_text()).map_err(|_| scanned.syntax_error())?;
    rewrite::rewrite(tree, text, schema, resolver)
}

/// Every error of the query language, `bad query: …`, is made here.
fn query_error(message: String) -> Error {
    Error::query(format!("bad query: {message}"))
}

/// The user's text as an error message quotes it: control characters escaped, so the
/// message stays one line.
fn shown(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { c.escape_debug().to_string() } else { c.to_string() })
        .collect()
}

/// Resolves against an open index, collecting notes for the user.
struct IndexResolver<'a> {
    searcher: &'a Searcher,
    schema: &'a NewsSchema,
    people: &'a People,
    notes: Vec<String>,
}

impl Resolver for IndexResolver<'_> {
    fn entity(&mut self, field: FacetField, value: &str) -> Result<Vec<String>> {
        let (values, note) =
            filter::resolve_values(self.searcher, self.schema, self.people, field, value)?;
        self.notes.extend(note);
        Ok(values)
    }

    fn expand(&mut self, field: Option<&str>, word: &str, how: Expansion) -> Result<Vec<String>> {
        let title = self.schema.title;
        let fields = match field {
            Some(name) if name == self.schema.schema.get_field_name(title) => vec![title],
            Some(_) => vec![self.schema.body],
            None => vec![title, self.schema.body],
        };
        let mut words = std::collections::BTreeSet::new();
        // What the cap leaves out, so the note can say how much and what: a set, as the
        // same word comes from every segment and field. It grows with the dictionary
        // range the stream walks anyway.
        let mut left_out = std::collections::BTreeSet::new();
        for segment in self.searcher.segment_readers() {
            for &field in &fields {
                let inverted = segment.inverted_index(field)?;
                let dictionary = inverted.terms();
                let mut add = |key: &[u8]| {
                    if let Ok(text) = std::str::from_utf8(key) {
                        if words.len() < MAX_EXPANSION {
                            words.insert(text.to_owned());
                        } else if !words.contains(text) {
                            left_out.insert(text.to_owned());
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
        } else if !left_out.is_empty() {
            let examples: Vec<String> =
                left_out.iter().take(3).map(|word| format!("`{word}`")).collect();
            let more = if left_out.len() > 3 { ", …" } else { "" };
            self.notes.push(format!(
                "`{written}` matches {} words; {MAX_EXPANSION} are searched and {} left out ({}{more}): \
                 a longer prefix or a smaller distance narrows it",
                words.len() + left_out.len(),
                left_out.len(),
                examples.join(", ")
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

/// The error for a field the query names but the index does not have.
pub fn unknown_field(field: &str, text: &str) -> Error {
    let schema = NewsSchema::shipped();
    let names = [
        schema.title,
        schema.body,
        schema.person,
        schema.official,
        schema.place,
        schema.country,
        schema.agency,
        schema.date,
    ]
    .map(|field| schema.schema.get_field_name(field));
    let at = syntax::column_of(text, &format!("{field}:"))
        .map(|column| format!(" at column {column}"))
        .unwrap_or_default();
    query_error(format!("unknown field `{}`{at}; fields: {}", shown(field), names.join(", ")))
}

fn describe(err: &QueryParserError, text: &str) -> Error {
    if let QueryParserError::FieldDoesNotExist(field) = err {
        return unknown_field(field, text);
    }
    let text = shown(text);
    query_error(match err {
        QueryParserError::AllButQueryForbidden => {
            "a query cannot only exclude words; add a word to search for".to_owned()
        }
        QueryParserError::DateFormatError(_) => {
            "write dates as date:2023, date:2023-09-19 or date:[2023-01 TO 2023-06]".to_owned()
        }
        QueryParserError::PhrasePrefixRequiresAtLeastTwoTerms { .. } => {
            format!("a prefix needs a word before its `*` (`sanct*`, `\"oil pri\"*`) in `{text}`")
        }
        other => format!("{other} in `{text}`"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Answers as a small index would, and keeps what it was asked to expand.
    #[derive(Default)]
    struct Fixed {
        expanded: Vec<String>,
    }

    impl Resolver for Fixed {
        fn entity(&mut self, field: FacetField, value: &str) -> Result<Vec<String>> {
            Ok(match (field, value.to_lowercase().as_str()) {
                (FacetField::Country, "us") => vec!["United States".to_owned()],
                (FacetField::Official, "shoigu") => vec!["Sergei Shoigu".to_owned()],
                (FacetField::Person, "smith") => {
                    vec!["Ann Smith".to_owned(), "Bo Smith".to_owned()]
                }
                (FacetField::Person, "o'neill") => vec!["Tip O'Neill".to_owned()],
                (FacetField::Place, "new york") => vec!["New York".to_owned()],
                (FacetField::Agency, "ac/dc") => vec!["AC/DC".to_owned()],
                _ => Vec::new(),
            })
        }

        fn expand(
            &mut self,
            field: Option<&str>,
            word: &str,
            how: Expansion,
        ) -> Result<Vec<String>> {
            self.expanded.push(format!("{field:?} {word} {how:?}"));
            Ok(match (word, how) {
                ("sanct", Expansion::Prefix) => vec!["sanction".to_owned(), "sanctuari".to_owned()],
                ("sanctons", Expansion::Fuzzy(1)) => vec!["sanction".to_owned()],
                _ => Vec::new(),
            })
        }
    }

    /// The rewritten tree, in tantivy's notation: `*` default, `+` must, `-` must not,
    /// `?` should.
    fn tree(text: &str) -> String {
        let tree = rewritten(text, NewsSchema::shipped(), &mut Fixed::default());
        format!("{:?}", tree.unwrap_or_else(|e| panic!("{text}: {e}")))
    }

    fn error(text: &str) -> String {
        match rewritten(text, NewsSchema::shipped(), &mut Fixed::default()) {
            Ok(tree) => panic!("{text}: no error but {tree:?}"),
            Err(err) => err.to_string(),
        }
    }

    fn expansions(text: &str) -> Vec<String> {
        let mut fixed = Fixed::default();
        rewritten(text, NewsSchema::shipped(), &mut fixed).expect("a query");
        fixed.expanded
    }

    #[test]
    fn prefix_and_fuzzy_terms_become_the_words_they_stand_for() {
        assert_eq!(tree("sanct* iran"), "(*(?sanction ?sanctuari) *iran)");
        assert_eq!(tree("(title:sanctons~1)"), "\"title\":sanction");
        assert_eq!(tree("zzz*"), "\"id\":-");
        assert_eq!(tree("sanct*^2"), "((?sanction ?sanctuari))^2");
        // A phrase keeps its slop and prefix: tantivy handles those.
        assert_eq!(tree("\"iran russia\"~5 \"oil pri\"*"), "(*\"iran russia\"~5 *\"oil pri\"*)");
    }

    #[test]
    fn only_a_whole_word_with_star_or_a_small_distance_expands() {
        // tantivy reads these itself.
        for text in ["sanct*ion", "sanctons~", "~1", "\"sanctons\"~1", "O'Nei*", "title:*"] {
            assert_eq!(expansions(text), Vec::<String>::new(), "{text}");
        }
        assert_eq!(tree("sanct*ion"), "sanct*ion");
        assert_eq!(tree("O'Nei*"), "O'Nei*");
        assert_eq!(tree("title:*"), "$exists(\"title\")");
        assert_eq!(expansions("(body:sanctons~2) and"), ["Some(\"body\") sanctons Fuzzy(2)"]);
        assert_eq!(expansions("Brasíl* x"), ["None Brasíl Prefix"]);
        assert_eq!(expansions("\"oil\"*"), ["None oil Prefix"]);
    }

    #[test]
    fn a_distance_over_two_is_refused() {
        assert_eq!(
            error("oil sanctons~3"),
            "bad query: `sanctons~3` at column 5: only ~1 and ~2 exist for a word (one or two \
             typos); a larger ~N is for phrases, as in \"iran russia\"~5"
        );
        assert!(error("title:sanctons~12").contains("`sanctons~12` at column 7: only ~1 and ~2"));
        assert_eq!(tree("\"sanctions cooperation\"~3"), "\"sanctions cooperation\"~3");
    }

    #[test]
    fn entity_terms_become_exact_facet_values() {
        assert_eq!(tree("oil country:US"), "(*oil *\"country\":/United States)");
        assert_eq!(tree("official:shoigu AND iran"), "(+\"official\":/Sergei Shoigu +iran)");
        assert_eq!(tree("place:\"new york\""), "\"place\":/New York");
        assert_eq!(tree("(person:smith)"), "(?\"person\":/Ann Smith ?\"person\":/Bo Smith)");
        assert_eq!(tree("-country:us"), "(-\"country\":/United States)");
        assert_eq!(tree("agency:ac/dc"), "\"agency\":/AC\\/DC");
        assert_eq!(tree("Country:US"), "\"country\":/United States");
        assert_eq!(tree("country:atlantis"), "\"id\":-");
        assert_eq!(tree("country:(us OR atlantis)"), "(?\"country\":/United States ?\"id\":-)");
        assert_eq!(tree("person:O'Neill"), "\"person\":/Tip O'Neill");
    }

    #[test]
    fn entity_terms_take_one_name() {
        for text in ["country:Ira*", "country:iran~1", "country:[a TO b]", "country:*"] {
            assert_eq!(
                error(text),
                "bad query: `country:` at column 1 takes one name, as in `country:US` or \
                 `country:\"united states\"`",
                "{text}"
            );
        }
    }

    #[test]
    fn not_excludes_wherever_it_stands() {
        assert_eq!(tree("oil AND NOT iraq"), "(+oil -iraq)");
        assert_eq!(tree("NOT iraq AND oil"), "(-iraq +oil)");
        assert_eq!(tree("oil NOT (iraq OR iran)"), "(*oil -(?iraq ?iran))");
        assert_eq!(tree("oil NOT(iraq OR iran)"), "(*oil -(?iraq ?iran))");
        assert_eq!(tree("(NOT iraq) oil"), "(-iraq *oil)");
        assert_eq!(tree("NOTHING"), "NOTHING");
        // Where the group offers alternatives, or is itself excluded, the excluding
        // group means "everything but".
        assert_eq!(tree("oil OR NOT iraq"), "(?oil ?(+* -iraq))");
        assert_eq!(tree("oil -(NOT iraq)"), "(*oil -(+* -iraq))");
        // A query of exclusions only stays one: tantivy refuses it.
        assert_eq!(tree("NOT iraq AND NOT iran"), "(-iraq -iran)");
    }

    #[test]
    fn other_text_is_left_alone() {
        assert_eq!(
            tree("\"country:US talks\" title:oil"),
            "(*\"country:US talks\" *\"title\":oil)"
        );
        assert_eq!(tree("discountry:US"), "\"discountry\":US");
        assert_eq!(tree("year:/2023"), "\"year\":/2023");
    }

    #[test]
    fn apostrophes_stay_in_their_words() {
        assert_eq!(tree("Reagan's"), "Reagan's");
        assert_eq!(tree("Cote d'Ivoire"), "(*Cote *d'Ivoire)");
        assert_eq!(tree("don't AND title:O'Neill"), "(+don't +\"title\":O'Neill)");
        assert_eq!(tree("'oil prices'"), "'oil prices'");
    }

    #[test]
    fn dates_become_day_ranges() {
        assert_eq!(
            tree("date:2023"),
            "\"date\":[\"2023-01-01T00:00:00Z\" TO \"2024-01-01T00:00:00Z\"}"
        );
        assert_eq!(
            tree("oil date:[2023-09 TO 2023-10-15]"),
            "(*oil *\"date\":[\"2023-09-01T00:00:00Z\" TO \"2023-10-16T00:00:00Z\"})"
        );
        assert_eq!(tree("date:[2023 TO *]"), "\"date\":[\"2023-01-01T00:00:00Z\" TO \"*\"}");
        assert_eq!(tree("Date:\"2023-09\""), tree("date:2023-09"));
        // `{`, `}`, `>` and `<` leave their period out.
        assert_eq!(
            tree("date:{2023 TO 2024}"),
            "\"date\":[\"2024-01-01T00:00:00Z\" TO \"2024-01-01T00:00:00Z\"}"
        );
        assert_eq!(tree("date:>2023"), "\"date\":[\"2024-01-01T00:00:00Z\" TO \"*\"}");
        assert_eq!(tree("date:<=2023-09"), "\"date\":{\"*\" TO \"2023-10-01T00:00:00Z\"}");
        assert_eq!(tree("date:[* TO *]"), "$exists(\"date\")");
        assert_eq!(tree("date:[2023 TO 9999]"), "\"date\":[\"2023-01-01T00:00:00Z\" TO \"*\"}");
        assert_eq!(
            error("oil date:2023-13"),
            "bad query: bad date `2023-13`: write 2023, 2023-09 or 2023-09-19 at column 5"
        );
        assert_eq!(
            error("date:2023 date:[2024 TO 2023-13]"),
            "bad query: bad date `2023-13`: write 2023, 2023-09 or 2023-09-19 at column 11"
        );
        assert!(error("date:2023*").starts_with("bad query: `date:` at column 1 takes a day"));
    }

    #[test]
    fn the_rewrite_holds_its_own_depth_bound() {
        let mut deep = query_grammar::UserInputAst::from(query_grammar::UserInputLeaf::All);
        for _ in 0..1_000 {
            deep = query_grammar::UserInputAst::Clause(vec![(None, deep)]);
        }
        let err =
            rewrite::rewrite(deep, "", NewsSchema::shipped(), &mut Fixed::default()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "bad query: the query nests parentheses and NOTs more than 32 deep"
        );
    }

    #[test]
    fn thousands_of_parentheses_are_an_error_not_a_crash() {
        assert_eq!(
            error(&"(".repeat(10_000)),
            "bad query: the query has 10000 characters; the limit is 4096"
        );
        assert_eq!(
            error(&"(".repeat(4_000)),
            "bad query: the query nests parentheses and NOTs more than 32 deep (at column 33)"
        );
        let err = error(&format!("{}oil{}", "(".repeat(2_000), ")".repeat(2_000)));
        assert!(err.contains("more than 32 deep"), "{err}");
    }

    #[test]
    fn unknown_fields_name_the_known_ones() {
        assert_eq!(
            unknown_field("colour", "oil colour:red").to_string(),
            "bad query: unknown field `colour` at column 5; fields: title, body, person, \
             official, place, country, agency, date"
        );
    }
}
