//! The query language's edges: apostrophes in words, each syntax error with its column,
//! a query that starts with `-`, and the size limits.

use newsdex::present::json::SearchJson;
use newsdex::search::{Engine, LocalEngine, SearchRequest};

use crate::errors::one_line_error;
use crate::query::titles;
use crate::util::Dir;

const REAGAN: &str = "Historians weigh Reagan's legacy";
const NANCY: &str = "Nancy Reagan spoke at the library";
const ONEILL: &str = "Speaker O'Neill meets union leaders";
const COCOA: &str = "Cocoa exports rise";
const TRADERS: &str = "Traders see no rate cut";
const BILLS: &str = "Treasury bills sell well";

fn corpus() -> Dir {
    let dir = Dir::new();
    let stories = [
        (
            "a.txt",
            REAGAN,
            "WASHINGTON (Reuters) - Historians weighed Reagan's legacy on arms control.",
        ),
        ("b.txt", NANCY, "SIMI VALLEY (Reuters) - Nancy Reagan spoke at the presidential library."),
        ("c.txt", ONEILL, "BOSTON (Reuters) - Speaker Tip O'Neill met union leaders on jobs."),
        // The article's apostrophe is a typographic one, and its accent is folded.
        ("d.txt", COCOA, "ABIDJAN (Reuters) - Cocoa exports from Côte d’Ivoire rose in March."),
        ("e.txt", TRADERS, "LONDON (Reuters) - Traders said they don't expect a rate cut."),
        ("f.txt", BILLS, "NEW YORK (Reuters) - Don Mills said T-bills sold well."),
    ];
    for (path, title, body) in stories {
        dir.create(path, format!("{title}\n\n{body}\n"));
    }
    dir.index_corpus();
    dir
}

#[test]
fn an_apostrophe_is_part_of_its_word() {
    let dir = corpus();
    // `Reagan's` is the two words of the index side by side, not `Reagan` anywhere.
    assert_eq!(titles(&dir, &["Reagan's"]), [REAGAN]);
    assert_eq!(titles(&dir, &["reagan"]).len(), 2);
    assert_eq!(titles(&dir, &["O'Neill"]), [ONEILL]);
    assert_eq!(titles(&dir, &["body:O'Neill AND union"]), [ONEILL]);
    assert_eq!(titles(&dir, &["Cote d'Ivoire"]), [COCOA]);
    assert_eq!(titles(&dir, &["\"Cote d'Ivoire\""]), [COCOA]);
    // "Don Mills said T-bills" has both words, apart: not a match.
    assert_eq!(titles(&dir, &["don't"]), [TRADERS]);
    let mut either = titles(&dir, &["don't OR reagan's"]);
    either.sort();
    assert_eq!(either, [REAGAN, TRADERS]);
    // Quoted phrases in single quotes still work.
    assert_eq!(titles(&dir, &["'rate cut'"]), [TRADERS]);
}

#[test]
fn each_syntax_error_names_the_problem_and_its_column() {
    let dir = corpus();
    for (query, message) in [
        ("(oil", "the parenthesis at column 1 is never closed in `(oil`"),
        ("oil)", "the closing parenthesis at column 4 has no opening one in `oil)`"),
        ("oil AND", "`AND` at column 5 has nothing after it in `oil AND`"),
        ("OR oil", "`OR` at column 1 has nothing before it in `OR oil`"),
        ("title:", "`title:` at column 1 has no value in `title:`"),
        ("\"oil talks", "the quote at column 1 is never closed in `\"oil talks`"),
        ("oil - opec", "`-` at column 5 must touch its word, as in `-opec` in `oil - opec`"),
        (
            "oil colour:red",
            "unknown field `colour` at column 5; fields: title, body, person, official, \
             place, country, agency, date",
        ),
        (
            "sanctons~3",
            "`sanctons~3` at column 1: only ~1 and ~2 exist for a word (one or two typos); a \
             larger ~N is for phrases, as in \"iran russia\"~5",
        ),
    ] {
        let err = one_line_error(&dir.run(&["search", query]));
        assert_eq!(err.trim_end(), format!("newsdex: bad query: {message}"), "{query}");
    }
}

#[test]
fn a_query_that_starts_with_a_minus_goes_after_two_dashes() {
    let dir = corpus();
    let run = dir.run(&["search", "--format", "json", "--", "-nancy reagan"]);
    run.assert_exit(0);
    let found: SearchJson = run.json();
    let titles: Vec<&str> = found.hits.iter().map(|h| h.title.as_str()).collect();
    assert_eq!(titles, [REAGAN]);
}

#[test]
fn queries_beyond_the_limits_are_refused() {
    let dir = corpus();
    let long = "oil ".repeat(1025);
    let err = one_line_error(&dir.run(&["search", &long]));
    assert_contains!(err, "bad query: the query has 4099 characters; the limit is 4096");
    let deep = format!("{}oil{}", "(".repeat(33), ")".repeat(33));
    let err = one_line_error(&dir.run(&["search", &deep]));
    assert_contains!(err, "nests parentheses and NOTs more than 32 deep (at column 33)");
    let within = format!("{}reagan's{}", "(".repeat(32), ")".repeat(32));
    assert_eq!(titles(&dir, &[&within]), [REAGAN]);
}

#[test]
fn ten_thousand_parentheses_are_an_error_in_process() {
    let dir = corpus();
    let engine = LocalEngine::open(&dir.index()).expect("the index");
    for (query, problem) in [
        ("(".repeat(10_000), "the query has 10000 characters; the limit is 4096"),
        ("(".repeat(4_000), "more than 32 deep"),
        (format!("{}oil", "NOT ".repeat(1_000)), "more than 32 deep"),
    ] {
        let request = SearchRequest { query, ..SearchRequest::default() };
        let err = engine.search(&request).expect_err("an error");
        assert!(err.to_string().contains(problem), "{err}");
    }
}
