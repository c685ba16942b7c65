use std::collections::BTreeMap;

use newsdex::extract::Article;
use newsdex::present::json::{BatchJson, HitJson, ProvenanceJson, ProvenanceLine};

use crate::util::Dir;

/// Stories enough to page through: five on tankers (one without a date), one on rates.
fn tanker_corpus() -> Dir {
    Dir::with_stories(&[
        ("reuters/2023/01/10/a.txt", "Tanker seized in the Gulf", "DUBAI, Jan 10 (Reuters) - Iran seized a tanker in the Gulf, officials in Tehran said."),
        ("reuters/2023/02/11/b.txt", "Tanker released after talks", "DUBAI, Feb 11 (Reuters) - Iran released the tanker after talks with Greece, officials said."),
        ("reuters/2023/03/12/c.txt", "Second tanker stopped", "DUBAI, Mar 12 (Reuters) - A second tanker was stopped near the Strait of Hormuz, traders said."),
        ("irna/2023/04/13/d.txt", "Navy escorts tanker", "TEHRAN, April 13 (IRNA) - The navy escorted a tanker, \"under a clear sky\", through the strait."),
        ("undated/e.txt", "Tanker insurance rises", "Insurers raised tanker premiums again, brokers in London said."),
        ("reuters/2024/01/15/f.txt", "Turkey raises interest rates", "ANKARA, Jan 15 (Reuters) - Turkey raised interest rates, the central bank said."),
    ])
}

fn csv_rows(text: &str) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().expect("a header").iter().map(str::to_owned).collect();
    let rows = reader.deserialize().map(|row| row.expect("a row")).collect();
    (header, rows)
}

#[test]
fn search_all_streams_every_hit_past_the_page() {
    let dir = tanker_corpus();
    let run = dir.run(&["search", "tanker", "--all", "--format", "jsonl", "--sort", "-date"]);
    run.assert_exit(0);
    let hits: Vec<HitJson> = run.json_lines();
    let titles: Vec<&str> = hits.iter().map(|h| h.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Tanker seized in the Gulf",
            "Tanker released after talks",
            "Second tanker stopped",
            "Navy escorts tanker",
            "Tanker insurance rises",
        ]
    );
    // The same order as the pages of the same search, one after the other.
    let paged: Vec<String> = (0..5)
        .flat_map(|offset| {
            let offset = offset.to_string();
            dir.search(&["tanker", "--sort", "-date", "--limit", "1", "--offset", &offset]).hits
        })
        .map(|h| h.title)
        .collect();
    assert_eq!(paged, titles);

    let text = dir.run(&["search", "tanker", "--all"]);
    text.assert_exit(0);
    assert!(text.stdout().trim_end().ends_with("5 articles"), "{}", text.stdout());
    assert_eq!(text.stdout().matches("  id ").count(), 5, "{}", text.stdout());

    let none = dir.run(&["search", "submarine", "--all", "--format", "csv"]);
    none.assert_exit(1);
    assert_eq!(none.stdout(), "");
}

#[test]
fn fields_pick_columns_and_csv_has_url_news_id_and_date_source() {
    let dir = tanker_corpus();
    let run = dir.run(&["search", "tanker", "--all", "--format", "csv", "--sort", "date"]);
    run.assert_exit(0);
    let (header, rows) = csv_rows(&run.stdout());
    assert_eq!(
        header[..12],
        [
            "id",
            "date",
            "agency",
            "title",
            "countries",
            "officials",
            "people",
            "places",
            "path",
            "line",
            "score",
            "snippet"
        ]
    );
    assert_eq!(header[12..], ["url", "news_id", "date_source", "story", "added"]);
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[0]["date_source"], "path");
    assert_eq!(rows[4]["date"], "", "the undated article comes last");

    let run = dir.run(&[
        "search",
        "navy",
        "--format",
        "csv",
        "--fields",
        "date,title",
        "--fields",
        "body",
    ]);
    run.assert_exit(0);
    let (header, rows) = csv_rows(&run.stdout());
    assert_eq!(header, ["date", "title", "body"]);
    assert_eq!(rows[0]["body"], "TEHRAN, April 13 (IRNA) - The navy escorted a tanker, \"under a clear sky\", through the strait.");

    let run = dir.run(&["search", "navy", "--format", "jsonl", "--fields", "title,body,countries"]);
    run.assert_exit(0);
    let line = run.stdout();
    assert!(line.starts_with("{\"title\":\"Navy escorts tanker\",\"body\":\"TEHRAN"), "{line}");
    let value: serde_json::Value = serde_json::from_str(&line).expect("a JSON line");
    assert_eq!(value.as_object().map(|o| o.len()), Some(3));

    let bad = dir.run(&["search", "navy", "--format", "csv", "--fields", "colour"]);
    bad.assert_exit(2);
    assert_contains!(bad.stderr(), "unknown field `colour`; fields: id, date, date_source");
}

#[test]
fn what_a_format_cannot_hold_is_refused_not_dropped() {
    let dir = tanker_corpus();
    for (args, message) in [
        (
            &["--format", "csv", "--facets", "country"][..],
            "--facets and --timeline are written by --format text or json",
        ),
        (
            &["--format", "jsonl", "--timeline", "month"],
            "--facets and --timeline are written by --format text or json",
        ),
        (&["--all", "--format", "json"], "--all streams hits as text, jsonl or csv"),
        (&["--all", "--facets", "country"], "--all streams hits only"),
        (&["--fields", "title"], "--fields picks the columns of --format csv or jsonl"),
        (
            &["--format", "csv", "--provenance"],
            "--provenance is the first line of JSON Lines output",
        ),
    ] {
        let mut full = vec!["search", "tanker"];
        full.extend_from_slice(args);
        let run = dir.run(&full);
        run.assert_exit(2);
        assert_contains!(run.stderr(), message);
        assert_eq!(run.stdout(), "", "{full:?}");
    }
}

#[test]
fn export_takes_the_query_and_filters_of_search() {
    let dir = tanker_corpus();
    let everything: Vec<Article> = dir.run(&["export"]).json_lines();
    assert_eq!(everything.len(), 6);

    let run = dir
        .run(&["export", "tanker", "--agency", "Reuters", "--from", "2023-02", "--sort", "-date"]);
    run.assert_exit(0);
    let articles: Vec<Article> = run.json_lines();
    let titles: Vec<&str> = articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["Tanker released after talks", "Second tanker stopped"]);
    assert_contains!(articles[0].body, "released the tanker after talks with Greece");
    // The same articles, field for field, as the unfiltered export holds.
    for article in &articles {
        assert!(everything.contains(article), "{article:?}");
    }

    let out = dir.path().join("navy.csv");
    let run = dir.run(&["export", "navy", "--format", "csv", "-o", out.to_str().expect("utf-8")]);
    run.assert_exit(0);
    let (header, rows) = csv_rows(&std::fs::read_to_string(&out).expect("the export"));
    assert_eq!(header[header.len() - 2..], ["story", "added"]);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["agency"], "IRNA");
}

#[test]
fn an_export_can_say_what_produced_it() {
    let dir = tanker_corpus();
    let run = dir.run(&["export", "tanker", "--country", "Iran", "--provenance"]);
    run.assert_exit(0);
    let stdout = run.stdout();
    let mut lines = stdout.lines();
    let first: ProvenanceLine<ProvenanceJson> =
        serde_json::from_str(lines.next().expect("a first line")).expect("provenance");
    let p = first.newsdex_export;
    assert_eq!((p.command.as_str(), p.query.as_str()), ("export", "tanker"));
    assert_eq!(p.filters.country, ["Iran"]);
    assert_eq!(p.index_articles, 6);
    assert_eq!(p.schema_version, newsdex::index::NewsSchema::shipped().version);
    assert!(p.created.ends_with('Z') && p.created.len() == 20, "{}", p.created);
    assert!(p.index.ends_with("index"), "{}", p.index);
    let rest: Vec<Article> = lines.map(|l| serde_json::from_str(l).expect("an article")).collect();
    assert_eq!(rest.len(), 3);

    let run = dir.run(&[
        "search",
        "tanker",
        "--all",
        "--format",
        "jsonl",
        "--provenance",
        "--fields",
        "id,title",
    ]);
    run.assert_exit(0);
    let first: ProvenanceLine<ProvenanceJson> =
        serde_json::from_str(run.stdout().lines().next().expect("a line")).expect("provenance");
    assert_eq!(first.newsdex_export.fields, ["id", "title"]);
    assert_eq!(run.stdout().lines().count(), 6);

    let plain = dir.run(&["export"]);
    assert!(!plain.stdout().contains("newsdex_export"), "only when asked");
}

#[test]
fn batch_summarises_each_query_of_a_list() {
    let dir = tanker_corpus();
    std::fs::write(
        dir.path().join("names.txt"),
        "# watch list\ntanker\n\nsubmarine\n\"interest rates\"\n",
    )
    .expect("write the list");
    let run = dir.run(&["batch", "names.txt", "--format", "json"]);
    run.assert_exit(0);
    let batch: BatchJson = run.json();
    let rows: Vec<(&str, usize, Option<String>, Option<String>)> = batch
        .rows
        .iter()
        .map(|r| {
            let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string());
            (r.query.as_str(), r.hits, day(r.first_date), day(r.last_date))
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("tanker", 5, Some("2023-01-10".to_owned()), Some("2023-04-13".to_owned())),
            ("submarine", 0, None, None),
            ("\"interest rates\"", 1, Some("2024-01-15".to_owned()), Some("2024-01-15".to_owned())),
        ]
    );
    let agencies: Vec<(&str, u64)> =
        batch.rows[0].agencies.iter().map(|v| (v.value.as_str(), v.count)).collect();
    assert_eq!(agencies, [("Reuters", 3), ("IRNA", 1)]);
    assert_eq!(batch.rows[0].countries[0].value, "Iran");

    // The same filters for every row; a CSV list with a query column; CSV out.
    std::fs::write(
        dir.path().join("list.csv"),
        "id,query\n1,tanker\n2,\"\"\"interest rates\"\"\"\n",
    )
    .expect("write the list");
    let run = dir.run(&["batch", "list.csv", "--agency", "IRNA", "--format", "csv"]);
    run.assert_exit(0);
    let (header, rows) = csv_rows(&run.stdout());
    assert_eq!(
        header,
        ["query", "hits", "first_date", "last_date", "countries", "officials", "agencies"]
    );
    assert_eq!((rows[0]["hits"].as_str(), rows[0]["agencies"].as_str()), ("1", "IRNA (1)"));
    assert_eq!((rows[1]["query"].as_str(), rows[1]["hits"].as_str()), ("\"interest rates\"", "0"));

    let text = dir.run(&["batch", "names.txt"]);
    text.assert_exit(0);
    let out = text.stdout();
    assert!(out.starts_with("query"), "{out}");
    assert_contains!(out, "tanker");
    assert_contains!(out, "2023-01-10  2023-04-13");
    assert_contains!(out, "agencies: Reuters (3), IRNA (1)");

    std::fs::write(dir.path().join("none.txt"), "submarine\n").expect("write the list");
    dir.run(&["batch", "none.txt"]).assert_exit(1);
    std::fs::write(dir.path().join("bad.csv"), "name\ntanker\n").expect("write the list");
    let bad = dir.run(&["batch", "bad.csv"]);
    bad.assert_exit(2);
    assert_contains!(bad.stderr(), "no `query` column in the CSV header (name)");
}

#[test]
fn first_day_edges_of_the_command_line() {
    let dir = tanker_corpus();
    // An empty NEWSDEX_INDEX means the default folder, not a usage error; set, it is the
    // index.
    let data = dir.path().join("data");
    let bare = || {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_newsdex"));
        command.args(["search", "tanker", "--limit", "0"]).env("XDG_DATA_HOME", &data);
        command
    };
    let output = bare().env("NEWSDEX_INDEX", "").output().expect("run newsdex");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_contains!(
        stderr,
        &format!("no newsdex index at {}", data.join("newsdex/index").display())
    );
    let output = bare().env("NEWSDEX_INDEX", dir.index()).output().expect("run newsdex");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));

    // --facet-limit 0 lists every value.
    let all = dir.search(&["tanker", "--facets", "country", "--facet-limit", "0"]);
    let some = dir.search(&["tanker", "--facets", "country", "--facet-limit", "1"]);
    assert_eq!(some.facets["country"].values.len(), 1);
    assert_eq!(all.facets["country"].values.len(), all.facets["country"].distinct);
    assert!(all.facets["country"].distinct > 1);

    // Usage errors are one line, in newsdex's voice.
    for args in
        [&["search", "--frm", "2023"][..], &["serch", "tanker"], &["search", "--limit", "x"]]
    {
        let run = dir.run(args);
        run.assert_exit(2);
        let stderr = run.stderr();
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.starts_with("newsdex: ") && stderr.contains("newsdex --help"), "{stderr}");
    }
    dir.run(&["search", "--help"]).assert_exit(0);
}

#[test]
fn show_and_similar_take_what_search_prints() {
    let dir = Dir::new();
    dir.create(
        "feeds/wire.jsonl",
        concat!(
            r#"{"title": "Tanker seized in the Gulf", "text": "Iran seized a tanker in the Gulf on Monday, officials said.", "date": "2023-01-10"}"#,
            "\n",
            r#"{"title": "Tanker released after talks", "text": "Iran released the seized tanker after talks, officials said.", "date": "2023-02-11"}"#,
            "\n",
        ),
    );
    dir.create(
        "rates.txt",
        "Turkey raises interest rates\n\nTurkey raised interest rates again.\n",
    );
    dir.index_corpus();
    let found = dir.search(&["released"]);
    let hit = &found.hits[0];
    let line = hit.line.expect("a JSON Lines hit");
    let at = format!("corpus/feeds/wire.jsonl:{line}");
    let article: Article = dir.run(&["show", &at, "--format", "json"]).json();
    assert_eq!(article.id, hit.id);
    let by_prefix: Article = dir.run(&["show", &hit.id[..6], "--format", "json"]).json();
    assert_eq!(by_prefix.id, hit.id);

    let similar = dir.run(&["similar", &at, "--format", "json"]);
    similar.assert_exit(0);
    let similar: newsdex::present::json::SearchJson = similar.json();
    assert_eq!(similar.hits[0].title, "Tanker seized in the Gulf");
    let by_path = dir.run(&["similar", "corpus/rates.txt", "--format", "json"]);
    assert!(matches!(by_path.code(), 0 | 1), "{}", by_path.stderr());

    let whole_file = dir.run(&["similar", "corpus/feeds/wire.jsonl"]);
    whole_file.assert_exit(2);
    assert_contains!(whole_file.stderr(), "holds 2 articles: give one id, or PATH:LINE");
    let missing = dir.run(&["show", "corpus/feeds/wire.jsonl:9"]);
    missing.assert_exit(2);
    assert_contains!(missing.stderr(), "no indexed article has the id or path");
}

#[test]
fn indexing_nothing_says_so() {
    let dir = Dir::new();
    dir.create("wires/a.xml", "<wire/>");
    dir.create("wires/b.xml", "<wire/>");
    dir.create("wires/c.pdf", "%PDF");
    let run = dir.run(&["index", "corpus/wires"]);
    run.assert_exit(2);
    assert_eq!(
        run.stderr(),
        "newsdex: no article files under corpus/wires: 1 .pdf, 2 .xml ignored (newsdex reads .txt, .json, .jsonl, .ndjson, .html, .htm)\n"
    );

    let dir = Dir::new();
    let missing = dir.run(&["index", "no-such-folder"]);
    missing.assert_exit(2);
    assert_eq!(missing.stderr().lines().count(), 1, "{}", missing.stderr());
    assert_contains!(missing.stderr(), "no-such-folder");
    assert!(!dir.index().exists(), "no index is made for a folder that is not there");
}

#[test]
fn timelines_and_time_facets_state_the_undated() {
    let dir = tanker_corpus();
    let found = dir.search(&["tanker", "--timeline", "month"]);
    let timeline = found.timeline.expect("a timeline");
    assert_eq!(timeline.undated, 1);
    assert_eq!(timeline.periods.iter().map(|p| p.count).sum::<u64>(), 4);

    let run =
        dir.run(&["search", "tanker", "--limit", "0", "--timeline", "year", "--facets", "year"]);
    run.assert_exit(0);
    eqnice!(
        "\
5 articles (TOOK)

year (1 values)
  2023       4  ██████████████████████████████
  undated: 1

timeline (1 periods)
  2023       4  ████████████████████████████████████████
  undated: 1
",
        run.stdout().replacen(&took(&run.stdout()), "TOOK", 1)
    );
    let dated = dir.run(&["search", "rates", "--limit", "0", "--timeline", "year"]);
    assert!(!dated.stdout().contains("undated"), "{}", dated.stdout());
}

/// The time a text search result says it took, "0.3 ms".
fn took(stdout: &str) -> String {
    let first = stdout.lines().next().unwrap_or_default();
    first
        .split_once('(')
        .and_then(|(_, rest)| rest.split_once(')'))
        .map(|(t, _)| t.to_owned())
        .unwrap_or_default()
}
