//! "What is new": `search --added-since` and saved watches.

use crate::util::{titles, Dir};

fn story(title: &str, word: &str) -> String {
    format!(
        "{title}\n\nCAIRO (Reuters) - A report on the {word} harvest in Egypt, and its prices.\n"
    )
}

/// A corpus indexed in two runs: `first` then, after `between`, `second`.
fn two_runs(between: impl FnOnce(&Dir)) -> Dir {
    let dir = Dir::new();
    dir.create("a.txt", story("Wheat harvest", "wheat"));
    dir.create("b.txt", story("Rice harvest", "rice"));
    dir.index_corpus();
    between(&dir);
    dir.create("c.txt", story("Cotton harvest", "cotton"));
    dir.index_corpus();
    dir
}

fn sorted(mut titles: Vec<&str>) -> Vec<&str> {
    titles.sort();
    titles
}

#[test]
fn added_since_a_moment_finds_what_later_runs_added() {
    let mut cut = String::new();
    let dir = two_runs(|_| {
        std::thread::sleep(std::time::Duration::from_millis(20));
        cut = chrono::Utc::now().to_rfc3339();
        std::thread::sleep(std::time::Duration::from_millis(20));
    });
    let found = dir.search(&["harvest", "--added-since", &cut]);
    assert_eq!(titles(&found), ["Cotton harvest"]);
    assert_eq!(found.filters.added_since.map(|s| s.to_string()), Some(cut.replace("+00:00", "Z")));
    // A day is its start, UTC: today covers both runs, tomorrow none.
    let today = chrono::Utc::now().date_naive();
    let found = dir.search(&["harvest", "--added-since", &today.to_string()]);
    assert_eq!(found.total, 3);
    let tomorrow = today.succ_opt().expect("a tomorrow").to_string();
    dir.run(&["search", "harvest", "--added-since", &tomorrow]).assert_exit(1);
}

#[test]
fn search_show_and_export_say_when_each_article_was_added() {
    let before = chrono::Utc::now();
    let dir = two_runs(|_| std::thread::sleep(std::time::Duration::from_millis(20)));
    let after = chrono::Utc::now();
    let found = dir.search(&["harvest"]);
    let added = |title: &str| {
        found.hits.iter().find(|h| h.title == title).and_then(|h| h.added).expect(title)
    };
    assert!(before <= added("Wheat harvest") && added("Wheat harvest") < added("Cotton harvest"));
    assert!(added("Cotton harvest") <= after);
    let export = dir.run(&["export"]);
    assert_eq!(export.stdout().lines().count(), 3);
    for line in export.stdout().lines() {
        let article: serde_json::Value = serde_json::from_str(line).unwrap();
        let stamp = article["added"].as_str().expect("an added time");
        let stamp = chrono::DateTime::parse_from_rfc3339(stamp).expect(stamp);
        assert!(before <= stamp && stamp <= after, "{stamp}");
    }
    let show = dir.run(&["show", "corpus/c.txt", "--format", "json"]);
    let article: serde_json::Value = serde_json::from_str(show.stdout().trim()).unwrap();
    assert_eq!(article["added"].as_str().map(str::len), Some("2026-01-01T00:00:00.000000Z".len()));
    // Extraction knows nothing of the index: no `added` there.
    let extract = dir.run(&["extract", "corpus/a.txt"]);
    assert!(!extract.stdout().contains("\"added\""), "{}", extract.stdout());
}

#[test]
fn added_since_a_run_counts_runs_from_one() {
    let dir = two_runs(|dir| {
        // A changed file's articles are new; an unchanged one's keep their run.
        dir.create("b.txt", story("Rice harvest revised", "rice"));
    });
    let found = dir.search(&["--added-since", "run:2", "--sort", "date"]);
    assert_eq!(sorted(titles(&found)), ["Cotton harvest", "Rice harvest revised"]);
    assert_eq!(dir.search(&["--added-since", "run:1"]).total, 3);
    let last = dir.search(&["--added-since", "last", "--facets", "country"]);
    assert_eq!(last.total, 2);
    assert_eq!(last.facets["country"].values[0].count, 2);
    // It is a filter like the others: with a query, another filter, csv, --all.
    let found = dir.search(&["cotton", "--added-since", "last", "--country", "Egypt"]);
    assert_eq!(titles(&found), ["Cotton harvest"]);
    let run = dir.run(&["search", "--added-since", "run:1", "--all", "--format", "csv"]);
    run.assert_exit(0);
    assert_eq!(run.stdout().lines().count(), 4, "{}", run.stdout());
    // A run that wrote nothing is the latest run: nothing is new since it.
    dir.index_corpus();
    dir.run(&["search", "--added-since", "last"]).assert_exit(1);
}

#[test]
fn a_bad_added_since_is_a_usage_error() {
    let dir = two_runs(|_| {});
    for (value, says) in [
        (
            "yesterday",
            "bad time `yesterday`: write 2024-03-01, 2024-03-01T12:00:00Z, run:N or last",
        ),
        ("run:0", "bad run `run:0`: runs are numbered from 1, as in run:3"),
    ] {
        let run = dir.run(&["search", "harvest", "--added-since", value]);
        run.assert_exit(2);
        assert_contains!(run.stderr(), says);
    }
}

/// The titles a `watch run` printed as JSON Lines.
fn run_titles(dir: &Dir, name: &str, code: i32) -> Vec<String> {
    let run = dir.run(&["watch", "run", name, "--format", "jsonl"]);
    run.assert_exit(code);
    let hits = run.json_lines::<serde_json::Value>();
    let mut titles: Vec<String> =
        hits.iter().map(|h| h["title"].as_str().unwrap().to_owned()).collect();
    titles.sort();
    titles
}

#[test]
fn a_watch_shows_what_is_new_since_it_last_ran() {
    let dir = Dir::new();
    dir.create("a.txt", story("Wheat harvest", "wheat"));
    dir.create("b.txt", story("Rice harvest", "rice"));
    dir.create("x.txt", "Budget talks\n\nCAIRO (Reuters) - The budget was debated.\n");
    dir.index_corpus();
    dir.run(&["watch", "add", "crops", "harvest", "--country", "Egypt"]).assert_exit(0);
    // The first run shows every match; the next one nothing, exit 1.
    assert_eq!(run_titles(&dir, "crops", 0), ["Rice harvest", "Wheat harvest"]);
    assert!(run_titles(&dir, "crops", 1).is_empty());
    dir.create("c.txt", story("Cotton harvest", "cotton"));
    dir.create("y.txt", "Budget vote\n\nCAIRO (Reuters) - The budget passed.\n");
    dir.index_corpus();
    assert_eq!(run_titles(&dir, "crops", 0), ["Cotton harvest"]);
    // Text: a heading per watch; every watch runs without a name.
    dir.create("d.txt", story("Maize harvest", "maize"));
    dir.index_corpus();
    dir.run(&["watch", "add", "budget", "budget"]).assert_exit(0);
    let run = dir.run(&["watch", "run"]);
    run.assert_exit(0);
    let out = run.stdout();
    assert_contains!(out, "== watch crops");
    assert_contains!(out, "Maize harvest");
    assert_contains!(out, "== watch budget");
    assert_contains!(out, "Budget vote");
    assert!(!out.contains("Cotton harvest"), "{out}");
    dir.run(&["watch", "run"]).assert_exit(1);
    let list = dir.run(&["watch", "list"]);
    list.assert_exit(0);
    let listed = list.stdout();
    let names: Vec<&str> = listed.lines().map(|l| l.split("  ").next().unwrap()).collect();
    assert_eq!(names, ["crops", "budget"]);
    dir.run(&["watch", "remove", "budget"]).assert_exit(0);
    assert_eq!(dir.run(&["watch", "list"]).stdout().lines().count(), 1);
}

#[test]
fn watches_survive_a_full_rebuild_and_count_as_the_index_own() {
    let dir = Dir::new();
    dir.create("a.txt", story("Wheat harvest", "wheat"));
    dir.index_corpus();
    dir.run(&["watch", "add", "crops", "harvest"]).assert_exit(0);
    assert_eq!(run_titles(&dir, "crops", 0), ["Wheat harvest"]);
    dir.run(&["index", "--full", "corpus"]).assert_exit(0);
    assert!(dir.index().join("watches.json").is_file());
    let list = dir.run(&["watch", "list"]);
    assert_contains!(list.stdout(), "crops");
    // A second rebuild is not refused for the watches' files.
    dir.run(&["watch", "run"]);
    dir.run(&["index", "--full", "corpus"]).assert_exit(0);
    assert_contains!(dir.run(&["watch", "list"]).stdout(), "crops");
}

#[test]
fn bad_and_unknown_watch_names_are_one_line() {
    let dir = Dir::new();
    dir.create("a.txt", story("Wheat harvest", "wheat"));
    dir.index_corpus();
    let run = dir.run(&["watch", "add", "../x", "harvest"]);
    run.assert_exit(2);
    assert_contains!(run.stderr(), "bad watch name `../x`: use 1 to 64 letters, digits");
    let run = dir.run(&["watch", "run", "nope"]);
    run.assert_exit(2);
    assert_contains!(run.stderr(), "no watch is named `nope`: there are none yet");
    dir.run(&["watch", "add", "crops", "harvest"]).assert_exit(0);
    let run = dir.run(&["watch", "add", "crops", "wheat"]);
    run.assert_exit(2);
    assert_contains!(run.stderr(), "a watch named `crops` exists");
    let run = dir.run(&["watch", "remove", "nope"]);
    run.assert_exit(2);
    assert_contains!(run.stderr(), "no watch is named `nope`; watches: crops");
    let run = dir.run(&["watch", "add", "broken", "(oil"]);
    run.assert_exit(2);
    assert_contains!(run.stderr(), "bad query");
    assert_eq!(dir.run(&["watch", "list"]).stdout().lines().count(), 1);
}
