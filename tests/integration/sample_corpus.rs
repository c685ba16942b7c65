//! Every article of `sample_corpus/` yields the fields its `.expected` file lists.
//!
//! `NAME.EXT.expected` holds one JSON object per article of `NAME.EXT` (JSON Lines for a
//! JSON Lines file). Title, date, date source, agency and news id must be equal; people,
//! places and countries must be equal as sets; officials must be equal as a set of
//! (name, role, country), roles compared without regard to case.
//!
//! [`KNOWN_GAPS`] lists the articles the extractor does not yet get right, each with the
//! reason. They are checked too: an article on the list must still differ (so a fix
//! shows up as a failure here until the list is shortened), and every other article must
//! match exactly.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use newsdex::extract::{Article, Official};
use serde::Deserialize;

use crate::util::Dir;

/// Articles (path under `sample_corpus/`, `:line` for JSON Lines) whose expected fields
/// the extractor does not produce yet, and why.
const KNOWN_GAPS: &[(&str, &str)] = &[
    ("afp/2024/02/26/afp-eu-farm-ministers-brussels.json", "\"Agriculture Commissioner Jan Kowalczyk\" is not found as a person"),
    ("ansa/2024/02/01/ansa-farmers-tractors-rome.txt", "\"Agriculture Commissioner Jan Kowalczyk\" is not found as a person"),
    ("ansa/2024/03/26/ansa-eu-simpler-farm-rules.html", "\"Agriculture Commissioner Jan Kowalczyk\" is found as \"Kowalczyk\" without a role"),
    ("ap/2024/04/13/ap-iran-navy-seizes-tanker.html", "a rank then an office (\"Rear Admiral Mohsen Abbasi, commander of Iran's navy\") gives the rank"),
    ("feeds/xinhua-2024-05.jsonl:5", "\"Meena Raghavan, India's Director General of Meteorology\" is not found"),
    ("pti/2022/09/30/pti-monsoon-surplus.html", "\"Director General of Meteorology Meena Raghavan\" gets no role"),
    ("pti/2025/06/12/pti-monsoon-stalls.json", "\"Director General of Meteorology Meena Raghavan\" gets no role"),
];

#[derive(Debug, Deserialize)]
struct Expected {
    title: String,
    date: Option<chrono::NaiveDate>,
    date_source: Option<newsdex::extract::DateSource>,
    agency: Option<String>,
    news_id: Option<String>,
    people: Vec<String>,
    officials: Vec<Official>,
    places: Vec<String>,
    countries: Vec<String>,
}

fn sample_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_corpus")
}

fn expected_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            expected_files(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "expected") {
            found.push(path);
        }
    }
}

fn set(values: &[String]) -> BTreeSet<String> {
    values.iter().cloned().collect()
}

fn officials(values: &[Official]) -> BTreeSet<(String, Option<String>, Option<String>)> {
    values
        .iter()
        .map(|o| (o.name.clone(), o.role.as_ref().map(|r| r.to_lowercase()), o.country.clone()))
        .collect()
}

/// The differences between what an article yields and what is expected of it.
fn differences(got: &Article, want: &Expected) -> Vec<String> {
    let mut diffs = Vec::new();
    let mut check = |name: &str, equal: bool, got: String, want: String| {
        if !equal {
            diffs.push(format!("  {name}: got {got}, want {want}"));
        }
    };
    check(
        "title",
        got.title == want.title,
        format!("{:?}", got.title),
        format!("{:?}", want.title),
    );
    check("date", got.date == want.date, format!("{:?}", got.date), format!("{:?}", want.date));
    check(
        "date_source",
        got.date_source == want.date_source,
        format!("{:?}", got.date_source),
        format!("{:?}", want.date_source),
    );
    check(
        "agency",
        got.agency == want.agency,
        format!("{:?}", got.agency),
        format!("{:?}", want.agency),
    );
    check(
        "news_id",
        got.news_id == want.news_id,
        format!("{:?}", got.news_id),
        format!("{:?}", want.news_id),
    );
    let got_places: Vec<String> = got.place_names().map(str::to_owned).collect();
    for (name, got, want) in [
        ("people", &got.people, &want.people),
        ("places", &got_places, &want.places),
        ("countries", &got.countries, &want.countries),
    ] {
        let (got, want) = (set(got), set(want));
        check(
            name,
            got == want,
            format!("{got:?} (extra {:?})", got.difference(&want).collect::<Vec<_>>()),
            format!("{want:?} (missing {:?})", want.difference(&got).collect::<Vec<_>>()),
        );
    }
    let (got_o, want_o) = (officials(&got.officials), officials(&want.officials));
    check("officials", got_o == want_o, format!("{got_o:?}"), format!("{want_o:?}"));
    diffs
}

#[test]
fn every_sample_article_yields_its_expected_fields() {
    let mut expected = Vec::new();
    expected_files(&sample_corpus(), &mut expected);
    assert!(expected.len() >= 40, "only {} expected files", expected.len());
    let dir = Dir::new();
    let mut failures = Vec::new();
    let mut gaps_still_open = Vec::new();
    let mut articles = 0;
    for expected_path in &expected {
        let article_path = expected_path.with_extension("");
        let run = dir.run(&["extract", article_path.to_str().expect("utf-8 path")]);
        run.assert_exit(0);
        let got: Vec<Article> = run.json_lines();
        let text = std::fs::read_to_string(expected_path).expect("read expected");
        let want: Vec<Expected> = text
            .lines()
            .filter(|line| !line.trim().is_empty())
            .map(serde_json::from_str)
            .collect::<Result<_, _>>()
            .or_else(|_| serde_json::from_str(&text).map(|one| vec![one]))
            .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
        assert_eq!(got.len(), want.len(), "{}: article count", article_path.display());
        for (got, want) in got.iter().zip(&want) {
            articles += 1;
            let diffs = differences(got, want);
            let relative = article_path
                .strip_prefix(sample_corpus())
                .expect("under sample_corpus")
                .to_string_lossy()
                .into_owned();
            let place = match got.line {
                Some(line) => format!("{relative}:{line}"),
                None => relative,
            };
            let known = KNOWN_GAPS.iter().any(|(gap, _)| *gap == place);
            match (known, diffs.is_empty()) {
                (false, false) => failures.push(format!("{place}\n{}", diffs.join("\n"))),
                (true, true) => failures.push(format!(
                    "{place} now yields its expected fields: take it off KNOWN_GAPS"
                )),
                (true, false) => gaps_still_open.push(place),
                (false, true) => {}
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {articles} sample articles differ from their expected fields:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(gaps_still_open.len(), KNOWN_GAPS.len(), "every known gap is an article here");
}

#[test]
fn the_quick_start_search_shows_countries_and_officials() {
    let dir = Dir::new();
    let corpus = sample_corpus();
    dir.run(&["index", corpus.to_str().expect("utf-8 path")]).assert_exit(0);
    let run = dir.run(&["search", "sanctions", "--facets", "country,official"]);
    run.assert_exit(0);
    let out = run.stdout();
    assert_contains!(out, "countries: ");
    assert_contains!(out, "officials: ");
    assert_contains!(out, "\ncountry (");
    assert_contains!(out, "\nofficial (");
}
