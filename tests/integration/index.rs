use newsdex::extract::Article;
use newsdex::present::json::{SearchJson, StatsJson};

use crate::corpus;
use crate::util::{titles, Dir};

#[test]
fn every_format_is_indexed_and_found() {
    let dir = Dir::new();
    corpus::write_all(&dir);
    let run = dir.run(&["index", "corpus"]);
    // The broken JSON Lines line is skipped with a warning; everything else is indexed.
    run.assert_exit(1);
    assert!(
        run.stdout()
            .starts_with("5 added, 0 updated, 0 unchanged, 0 removed files: 7 articles written"),
        "{}",
        run.stdout()
    );

    for (query, title) in [
        ("transit", "Iran and Armenia sign a transit accord"),
        ("crude", "Oil prices climb on supply worries"),
        ("soybean", "China and Brazil expand soybean trade"),
        ("monsoon", "Rice harvest in India"),
        ("mediterranean", "Italy and France discuss migration"),
    ] {
        let found: SearchJson = dir.run(&["search", query, "--format", "json"]).json();
        assert_eq!(titles(&found), [title], "query {query}");
    }
}

#[test]
fn a_broken_json_lines_line_is_a_warning_naming_file_and_line() {
    let dir = Dir::new();
    dir.create("feeds/asia.jsonl", corpus::FEED_JSONL);
    let run = dir.run(&["index", "corpus"]);
    run.assert_exit(1);
    let warnings: Vec<String> =
        run.stderr().lines().filter(|l| l.contains("warning")).map(str::to_owned).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_contains!(warnings[0], "asia.jsonl:2: ");
    assert!(
        run.stdout()
            .contains("1 added, 0 updated, 0 unchanged, 0 removed files: 3 articles written"),
        "{}",
        run.stdout()
    );
    assert_contains!(run.stdout(), "\nskipped 1 (");
}

#[test]
fn indexing_twice_replaces_instead_of_duplicating() {
    let dir = Dir::new();
    dir.create("imna/a.txt", corpus::IMNA_PAGE);
    dir.create("reuters/1987/02/26/oil.txt", corpus::WIRE_TEXT);
    dir.index_corpus();
    dir.index_corpus();
    // Also through another spelling of the same folder.
    dir.run(&["index", "./corpus/../corpus"]).assert_exit(0);
    let stats: StatsJson = dir.run(&["stats", "--format", "json"]).json();
    assert_eq!(stats.articles, 2);
}

#[test]
fn a_changed_file_replaces_its_articles() {
    let dir = Dir::new();
    dir.create(
        "feed.jsonl",
        "{\"title\": \"One\", \"body\": \"alpha\"}\n{\"title\": \"Two\", \"body\": \"beta\"}\n",
    );
    dir.index_corpus();
    dir.create("feed.jsonl", "{\"title\": \"One\", \"body\": \"alpha\"}\n");
    dir.index_corpus();
    let exported: Vec<Article> = dir.run(&["export"]).json_lines();
    let titles: Vec<&str> = exported.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["One"]);
}

#[test]
fn hidden_files_and_the_index_folder_are_not_indexed() {
    let dir = Dir::new();
    dir.create("visible.txt", "Visible story\n\nA visible story about Cairo.");
    dir.create(".hidden/secret.txt", "Hidden story\n\nA hidden story about Cairo.");
    dir.create(".draft.txt", "Draft story\n\nA draft story about Cairo.");
    // The index lives inside the corpus folder here.
    let inside = dir.corpus().join("idx");
    dir.run_at(&inside, &["index", "corpus"]).assert_exit(0);
    dir.run_at(&inside, &["index", "corpus"]).assert_exit(0);
    let found: SearchJson = dir.run_at(&inside, &["search", "cairo", "--format", "json"]).json();
    assert_eq!(titles(&found), ["Visible story"]);
}

#[test]
fn full_rebuilds_from_scratch() {
    let dir = Dir::new();
    dir.create("a/one.txt", "First story\n\nAbout Lima.");
    dir.run(&["index", "corpus/a"]).assert_exit(0);
    dir.create("b/two.txt", "Second story\n\nAbout Quito.");
    dir.run(&["index", "--full", "corpus/b"]).assert_exit(0);
    let exported: Vec<Article> = dir.run(&["export"]).json_lines();
    assert_eq!(exported.len(), 1);
    assert_eq!(exported[0].title, "Second story");
}
