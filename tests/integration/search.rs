use newsdex::present::json::SearchJson;

use crate::corpus;
use crate::util::{titles, Dir};

/// A corpus about a handful of countries, agencies and years, built for counting.
fn counting_corpus() -> Dir {
    Dir::with_stories(&[
        ("irna/2023/09/19/a.txt", "Iran and Russia hold defense talks", "TEHRAN, Sept. 19 (IRNA) - Iran and Russia held defense talks in Tehran on sanctions."),
        ("irna/2023/10/02/b.txt", "Iraq and Iran discuss water", "TEHRAN, Oct. 2 (IRNA) - Iran and Iraq discussed water sharing and sanctions in Tehran."),
        ("reuters/2024/01/15/c.txt", "Oil prices fall in London", "LONDON, Jan 15 (Reuters) - Oil prices fell as Iraq raised exports, traders in London said."),
        ("reuters/2024/02/20/d.txt", "Turkey raises interest rates", "ANKARA, Feb 20 (Reuters) - Turkey raised interest rates again, the central bank in Ankara said."),
        ("xinhua/2022/05/04/e.txt", "China and Russia sign energy deal", "BEIJING, May 4 (Xinhua) -- China and Russia signed an energy deal in Beijing, officials said."),
        ("xinhua/2022/06/01/f.txt", "China reports record harvest", "BEIJING, June 1 (Xinhua) -- China reported a record wheat harvest, officials in Beijing said."),
    ])
}

fn search(dir: &Dir, args: &[&str]) -> SearchJson {
    dir.search(args)
}

#[test]
fn facet_counts_equal_the_hits_of_the_same_filter() {
    let dir = counting_corpus();
    for query in ["", "sanctions", "said"] {
        let all =
            search(&dir, &[query, "--facets", "country,agency,year,place", "--facet-limit", "100"]);
        assert!(!all.facets["country"].values.is_empty(), "no country facets for {query:?}");
        for (field, flag) in
            [("country", "--country"), ("agency", "--agency"), ("place", "--place")]
        {
            for value in &all.facets[field].values {
                let filtered = search(&dir, &[query, flag, &value.value]);
                assert_eq!(
                    filtered.total as u64, value.count,
                    "query {query:?} {flag} {}: facet says {}, filter finds {}",
                    value.value, value.count, filtered.total
                );
            }
        }
        for value in &all.facets["year"].values {
            let filtered = search(&dir, &[query, "--from", &value.value, "--to", &value.value]);
            assert_eq!(filtered.total as u64, value.count, "year {}", value.value);
        }
    }
}

#[test]
fn facets_count_over_all_matches_not_just_the_page() {
    let dir = counting_corpus();
    let found = search(&dir, &["--limit", "1", "--facets", "agency"]);
    assert_eq!(found.total, 6);
    assert_eq!(found.hits.len(), 1);
    let agencies: Vec<(&str, u64)> =
        found.facets["agency"].values.iter().map(|v| (v.value.as_str(), v.count)).collect();
    assert_eq!(agencies, [("IRNA", 2), ("Reuters", 2), ("Xinhua", 2)]);
    assert_eq!(found.facets["agency"].distinct, 3);
}

#[test]
fn filters_are_or_within_a_field_and_and_across_fields() {
    let dir = counting_corpus();
    let either = search(&dir, &["--country", "Iraq", "--country", "Turkey", "--sort", "date"]);
    assert_eq!(
        titles(&either),
        [
            "Turkey raises interest rates",
            "Oil prices fall in London",
            "Iraq and Iran discuss water"
        ]
    );
    let both = search(&dir, &["--country", "Iraq", "--agency", "Reuters"]);
    assert_eq!(titles(&both), ["Oil prices fall in London"]);
}

#[test]
fn filter_values_go_through_aliases_and_case() {
    let dir = counting_corpus();
    let lower = search(&dir, &["--agency", "irna"]);
    assert_eq!(lower.total, 2);
    let city = search(&dir, &["--place", "TEHRAN"]);
    assert_eq!(city.total, 2);
    let unknown = dir.run(&["search", "--country", "Atlantis"]);
    unknown.assert_exit(1);
    assert!(
        unknown.stderr().contains("no country in the index matches `Atlantis`"),
        "{}",
        unknown.stderr()
    );
}

#[test]
fn date_ranges_and_sort_orders() {
    let dir = counting_corpus();
    let in_2023 = search(&dir, &["--from", "2023", "--to", "2023", "--sort", "date"]);
    assert_eq!(
        titles(&in_2023),
        ["Iraq and Iran discuss water", "Iran and Russia hold defense talks"]
    );
    let oldest = search(&dir, &["--sort", "-date", "--limit", "2"]);
    assert_eq!(
        titles(&oldest),
        ["China and Russia sign energy deal", "China reports record harvest"]
    );
    let month = search(&dir, &["--from", "2024-02", "--to", "2024-02"]);
    assert_eq!(titles(&month), ["Turkey raises interest rates"]);
    let paged = search(&dir, &["--sort", "date", "--limit", "2", "--offset", "2"]);
    assert_eq!(
        titles(&paged),
        ["Iraq and Iran discuss water", "Iran and Russia hold defense talks"]
    );
}

#[test]
fn query_syntax_phrases_booleans_and_fields() {
    let dir = counting_corpus();
    assert_eq!(titles(&search(&dir, &["\"interest rates\""])), ["Turkey raises interest rates"]);
    assert_eq!(search(&dir, &["china AND russia"]).total, 1);
    assert_eq!(search(&dir, &["china OR turkey"]).total, 3);
    assert_eq!(search(&dir, &["china -russia"]).total, 1);
    assert_eq!(titles(&search(&dir, &["title:harvest"])), ["China reports record harvest"]);
    // Words are ANDed by default, and stemmed: "sanction" finds "sanctions".
    assert_eq!(search(&dir, &["iran sanction"]).total, 2);
}

#[test]
fn text_output_shows_date_agency_title_and_highlights() {
    let dir = counting_corpus();
    let run = dir.run(&["search", "harvest", "--facets", "country"]);
    run.assert_exit(0);
    let out = run.stdout();
    assert!(out.starts_with("1–1 of 1 article"), "{out}");
    assert_contains!(out, "2022-06-01  Xinhua  China reports record harvest");
    assert_contains!(out, "[harvest]");
    assert_contains!(out, "country (1 values)");
    assert!(!out.contains('\x1b'), "no colour when piped: {out}");
}

#[test]
fn no_hits_is_exit_code_1() {
    let dir = counting_corpus();
    let run = dir.run(&["search", "zebra"]);
    run.assert_exit(1);
    assert!(run.stdout().starts_with("0 articles"), "{}", run.stdout());
}

#[test]
fn json_output_has_the_documented_shape() {
    let dir = Dir::new();
    dir.create("imna/transit.txt", corpus::IMNA_PAGE);
    dir.index_corpus();
    let found = search(&dir, &["corridor", "--facets", "country,official"]);
    assert_eq!(found.query, "corridor");
    assert_eq!(found.total, 1);
    let hit = &found.hits[0];
    assert_eq!(hit.agency.as_deref(), Some("IMNA"));
    assert_eq!(hit.news_id.as_deref(), Some("702211"));
    assert!(hit.snippet.text.contains("corridor"));
    for [start, end] in &hit.snippet.highlights {
        assert_eq!(hit.snippet.text[*start..*end].to_lowercase(), "corridor");
    }
    assert!(found.facets.contains_key("official"));
}

#[test]
fn facet_tables_align_values_counts_and_bars() {
    let dir = counting_corpus();
    let out = dir.run(&["search", "--limit", "0", "--facets", "agency", "--color", "never"]);
    out.assert_exit(0);
    // The first line carries the time taken; the table follows a blank line.
    let stdout = out.stdout();
    let table = stdout.lines().skip(2).collect::<Vec<_>>().join("\n");
    let bar = "█".repeat(30);
    eqnice!(
        format!(
            "agency (3 values)\n  IRNA          2  {bar}\n  Reuters       2  {bar}\n  Xinhua        2  {bar}"
        ),
        table
    );
}

#[test]
fn a_streamed_result_set_is_every_page_in_order() {
    use newsdex::search::{Engine, LocalEngine, SearchRequest, Sort};
    let dir = counting_corpus();
    let engine = LocalEngine::open(&dir.index()).expect("the index");
    for sort in [Sort::Relevance, Sort::Date, Sort::OldestFirst] {
        for query in ["", "iran OR china OR oil", "sanctions"] {
            let request =
                SearchRequest { query: query.into(), sort, limit: 100, ..SearchRequest::default() };
            let page = engine.search(&request).expect("search");
            let mut streamed = Vec::new();
            let summary = engine
                .for_each_hit(&request, &mut |hit| {
                    streamed.push(hit.article.id);
                    Ok(())
                })
                .expect("stream");
            let paged: Vec<String> = page.hits.into_iter().map(|hit| hit.article.id).collect();
            assert_eq!((summary.total, &streamed), (page.total, &paged), "{query:?} {sort:?}");
        }
    }
}
