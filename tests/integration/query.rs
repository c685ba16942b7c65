//! Every form of the query language, and every output format, on a small corpus.

use std::collections::BTreeMap;

use newsdex::extract::Article;
use newsdex::present::json::{HitJson, SearchJson};

use crate::util::{self, Dir};

fn corpus() -> Dir {
    Dir::with_stories(&[
        ("irna/2023/09/19/a.txt", "Iran and Russia hold defense talks", "TEHRAN, Sept. 19 (IRNA) - Russian Defense Minister Sergei Shoigu met Iranian officials in Tehran to discuss sanctions and defense cooperation between Iran and Russia."),
        ("irna/2023/11/02/b.txt", "Iraq and Iran discuss water", "TEHRAN, Nov. 2 (IRNA) - Iran and Iraq discussed water sharing in Tehran, officials said, as a drought hit both countries."),
        ("reuters/2024/01/15/c.txt", "Oil prices fall in London", "LONDON, Jan 15 (Reuters) - Oil prices fell as Iraq raised exports, traders in London said, while U.S. officials weighed new sanctions."),
        ("reuters/2024/02/20/d.txt", "Turkey raises interest rates", "ANKARA, Feb 20 (Reuters) - Turkey raised interest rates again, the central bank in Ankara said, citing oil prices."),
        ("xinhua/2022/05/04/e.txt", "China and Russia sign energy deal", "BEIJING, May 4 (Xinhua) -- China and Russia signed an energy deal in Beijing, officials said, covering oil and gas."),
    ])
}

/// The titles found, oldest first.
pub(crate) fn titles(dir: &Dir, args: &[&str]) -> Vec<String> {
    let mut sorted = args.to_vec();
    sorted.extend_from_slice(&["--sort", "-date"]);
    util::titles(&dir.search(&sorted)).into_iter().map(str::to_owned).collect()
}

const DEFENSE: &str = "Iran and Russia hold defense talks";
const WATER: &str = "Iraq and Iran discuss water";
const LONDON: &str = "Oil prices fall in London";
const RATES: &str = "Turkey raises interest rates";
const ENERGY: &str = "China and Russia sign energy deal";

#[test]
fn boolean_operators() {
    let dir = corpus();
    assert_eq!(titles(&dir, &["iran russia"]), [DEFENSE]);
    assert_eq!(titles(&dir, &["iran AND russia"]), [DEFENSE]);
    assert_eq!(titles(&dir, &["turkey OR beijing"]), [ENERGY, RATES]);
    assert_eq!(titles(&dir, &["oil -iraq"]), [ENERGY, RATES]);
    assert_eq!(titles(&dir, &["oil AND NOT iraq"]), [ENERGY, RATES]);
    assert_eq!(titles(&dir, &["+sanctions iraq"]), [LONDON]);
    assert_eq!(titles(&dir, &["(turkey OR iraq) AND oil"]), [LONDON, RATES]);
}

#[test]
fn phrases_proximity_prefixes_and_typos() {
    let dir = corpus();
    assert_eq!(titles(&dir, &["\"interest rates\""]), [RATES]);
    assert_eq!(titles(&dir, &["\"oil prices\""]), [LONDON, RATES]);
    // "sanctions and defense cooperation": 3 positions apart.
    assert_eq!(titles(&dir, &["\"sanctions cooperation\"~3"]), [DEFENSE]);
    assert!(titles(&dir, &["\"sanctions cooperation\"~1"]).is_empty());
    assert_eq!(titles(&dir, &["sanct*"]), [DEFENSE, LONDON]);
    assert_eq!(titles(&dir, &["\"interest rat\"*"]), [RATES]);
    assert_eq!(titles(&dir, &["drougth~1"]), [WATER]);
    assert!(titles(&dir, &["drougth"]).is_empty());
    assert_eq!(titles(&dir, &["title:water"]), [WATER]);
}

#[test]
fn entity_terms_go_through_the_aliases() {
    let dir = corpus();
    assert_eq!(titles(&dir, &["official:shoigu"]), [DEFENSE]);
    assert_eq!(titles(&dir, &["person:\"sergei shoigu\""]), [DEFENSE]);
    assert_eq!(titles(&dir, &["country:US"]), [LONDON]);
    assert_eq!(titles(&dir, &["country:\"united states\""]), [LONDON]);
    assert_eq!(titles(&dir, &["place:ankara OR place:beijing"]), [ENERGY, RATES]);
    assert_eq!(titles(&dir, &["agency:irna water"]), [WATER]);
    assert_eq!(titles(&dir, &["oil -country:iraq"]), [ENERGY, RATES]);
}

#[test]
fn date_terms_take_days_months_years_and_ranges() {
    let dir = corpus();
    assert_eq!(titles(&dir, &["date:2023"]), [DEFENSE, WATER]);
    assert_eq!(titles(&dir, &["date:2023-09"]), [DEFENSE]);
    assert_eq!(titles(&dir, &["date:2024-02-20"]), [RATES]);
    assert_eq!(titles(&dir, &["oil date:[2022 TO 2024-01]"]), [ENERGY, LONDON]);
    assert_eq!(titles(&dir, &["date:[2024 TO *]"]), [LONDON, RATES]);
    let run = dir.run(&["search", "date:2023-13"]);
    run.assert_exit(2);
    assert_contains!(run.stderr(), "bad date `2023-13`");
}

#[test]
fn timeline_counts_match_the_same_search_per_period() {
    let dir = corpus();
    let found: SearchJson =
        dir.run(&["search", "oil OR iran", "--timeline", "month", "--format", "json"]).json();
    let timeline = found.timeline.expect("a timeline");
    let periods: Vec<(String, u64)> =
        timeline.periods.iter().map(|p| (p.period.clone(), p.count)).collect();
    assert_eq!(periods.first().map(|p| p.0.as_str()), Some("2022-05"));
    assert_eq!(periods.last().map(|p| p.0.as_str()), Some("2024-02"));
    assert_eq!(periods.len(), 22, "empty months are listed");
    for (period, count) in periods {
        let hits = dir.run(&[
            "search",
            "oil OR iran",
            "--from",
            &period,
            "--to",
            &period,
            "--format",
            "json",
        ]);
        assert_eq!(hits.json::<SearchJson>().total as u64, count, "{period}");
    }
}

#[test]
fn places_open_under_their_country() {
    let dir = corpus();
    let found: SearchJson =
        dir.run(&["search", "--facets", "place:iran,place", "--format", "json"]).json();
    let inside: Vec<(&str, u64)> =
        found.facets["place:iran"].values.iter().map(|v| (v.value.as_str(), v.count)).collect();
    assert_eq!(inside, [("Tehran", 2)]);
    assert!(found.facets["place"].values.iter().any(|v| v.value == "Tehran"));
}

#[test]
fn jsonl_and_csv_outputs_parse() {
    let dir = corpus();
    let run = dir.run(&["search", "oil", "--format", "jsonl", "--sort", "date"]);
    run.assert_exit(0);
    let hits: Vec<HitJson> = run.json_lines();
    let titles: Vec<&str> = hits.iter().map(|h| h.title.as_str()).collect();
    assert_eq!(titles, [RATES, LONDON, ENERGY]);

    let run = dir.run(&["search", "oil", "--format", "csv", "--sort", "date"]);
    run.assert_exit(0);
    let text = run.stdout();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().expect("header").iter().map(str::to_owned).collect();
    assert_eq!(header[..4], ["id", "date", "agency", "title"]);
    let rows: Vec<BTreeMap<String, String>> =
        reader.deserialize().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["title"], RATES);
    assert_eq!(rows[0]["date"], "2024-02-20");
    assert_eq!(rows[0]["agency"], "Reuters");
    // A snippet with commas and quotes survives quoting.
    assert_contains!(rows[1]["snippet"], "traders in London said,");
}

#[test]
fn show_and_similar() {
    let dir = corpus();
    let found: SearchJson = dir.run(&["search", "\"interest rates\"", "--format", "json"]).json();
    let id = found.hits[0].id.clone();

    let run = dir.run(&["show", &id]);
    run.assert_exit(0);
    let out = run.stdout();
    assert!(out.starts_with("Turkey raises interest rates\n"), "{out}");
    assert_contains!(out, "agency: Reuters");
    assert_contains!(out, "ANKARA, Feb 20 (Reuters) - Turkey raised interest rates");

    let by_path = dir.run(&["show", "corpus/reuters/2024/02/20/d.txt", "--format", "json"]);
    let article: Article = by_path.json();
    assert_eq!(article.id, id);

    let similar: SearchJson = dir.run(&["similar", &id, "--format", "json"]).json();
    assert!(!similar.hits.is_empty());
    assert!(similar.hits.iter().all(|h| h.id != id), "the article itself is left out");
    assert_eq!(similar.hits[0].title, LONDON, "the other story on oil prices comes first");

    let missing = dir.run(&["show", "0000000000000000"]);
    missing.assert_exit(2);
    assert!(missing.stderr().contains("no indexed article has the id or path `0000000000000000`"));
}

#[test]
fn show_marks_every_word_of_the_query_through_the_whole_body() {
    let filler = "Traders waited for the weekly figures. ".repeat(20);
    let body = format!(
        "LONDON, Jan 15 (Reuters) - Oil prices fell on Monday.\n\n{filler}\n\nBy evening oil was \
         cheaper again, and \x1b[2J tankers waited.\n"
    );
    let dir =
        Dir::with_stories(&[("reuters/2024/01/15/oil.txt", "Oil slides as tankers wait", &body)]);
    let id = dir.search(&["oil"]).hits[0].id.clone();

    let run = dir.run(&["show", &id, "--query", "oil tanker*"]);
    let out = run.assert_exit(0).stdout();
    assert!(out.starts_with("[Oil] slides as [tankers] wait\n"), "{out}");
    assert_contains!(out, "(Reuters) - [Oil] prices fell on Monday.\n\nTraders");
    assert_contains!(out, "By evening [oil] was cheaper again, and \\x1b[2J [tankers] waited.");
    assert_eq!(out.matches('[').count() - out.matches("\\x1b[").count(), 5, "{out}");

    let coloured = dir.run(&["--color", "always", "show", &id, "--query", "cheaper"]).stdout();
    assert_contains!(coloured, "oil was \x1b[1;33mcheaper\x1b[0m again");

    // JSON is the article's own fields, marks or not.
    let plain = dir.run(&["show", &id, "--format", "json"]).stdout();
    let marked = dir.run(&["show", &id, "--format", "json", "--query", "oil"]).stdout();
    assert_eq!(plain, marked);
    assert!(!dir.run(&["show", &id]).stdout().contains("[Oil]"));

    let bad = dir.run(&["show", &id, "--query", "\"oil"]);
    bad.assert_exit(2);
    assert_contains!(bad.stderr(), "bad query: the quote at column 1 is never closed");
}

#[test]
fn a_place_facet_on_no_country_says_why() {
    let dir = corpus();
    for (facet, why) in [
        ("place:Narnia", "no country is called `Narnia`"),
        ("place:tehran", "Tehran is a place, not a country"),
    ] {
        let run = dir.run(&["search", "--facets", facet]);
        run.assert_exit(2);
        assert_contains!(
            run.stderr(),
            &format!("`{facet}`: {why}; place:COUNTRY opens a country, e.g. place:Iran")
        );
    }
    // Aliases of a country open it.
    let found: SearchJson =
        dir.run(&["search", "--facets", "place:IRAN", "--format", "json"]).json();
    assert_eq!(found.facets["place:IRAN"].values[0].value, "Tehran");
}

#[test]
fn a_prefix_past_the_cap_says_how_many_words_it_left_out_and_which() {
    let dir = Dir::new();
    let words: Vec<String> = (0..70).map(|n| format!("zeta{n:02}")).collect();
    dir.create("list.txt", format!("Greek letters\n\nATHENS (AP) - {}.\n", words.join(" ")));
    dir.index_corpus();
    let run = dir.run(&["search", "zeta*"]);
    run.assert_exit(0);
    assert_contains!(
        run.stderr(),
        "newsdex: note: `zeta*` matches 70 words; 64 are searched and 6 left out \
         (`zeta64`, `zeta65`, `zeta66`, …): a longer prefix or a smaller distance narrows it"
    );
    let found: SearchJson = dir.run(&["search", "zeta6*", "--format", "json"]).json();
    assert_eq!(found.total, 1);
    assert!(found.notes.is_empty(), "{:?}", found.notes);
}
