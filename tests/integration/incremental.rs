use std::collections::BTreeMap;
use std::fs::{self, File};
use std::process::Stdio;
use std::time::Duration;

use newsdex::extract::Article;
use newsdex::index::{NewsIndex, WriterOptions};

use crate::util::Dir;

fn story(n: usize) -> String {
    format!("Story number {n}\n\nCAIRO (Reuters) - Report {n} on the harvest in Egypt, word{n}.\n")
}

/// Articles by id, with title, body and story: what two indexes must agree on.
fn contents(dir: &Dir, index: &std::path::Path) -> BTreeMap<String, (String, String, String)> {
    let run = dir.run_at(index, &["export"]);
    run.assert_exit(0);
    let articles = run.json_lines::<Article>();
    articles.into_iter().map(|a| (a.id, (a.title, a.body, a.story.unwrap_or_default()))).collect()
}

#[test]
fn an_unchanged_file_is_not_read_again() {
    let dir = Dir::new();
    let path = dir.create("a.txt", "Old title\n\nCAIRO (Reuters) - The old text.");
    dir.create("b.txt", story(2));
    dir.index_corpus();
    // Same size, same modification time, other words: only reading would notice.
    let mtime = fs::metadata(&path).expect("stat").modified().expect("mtime");
    fs::write(&path, "New title\n\nCAIRO (Reuters) - The new text.").expect("write");
    File::options().write(true).open(&path).expect("open").set_modified(mtime).expect("touch");
    let run = dir.index_corpus();
    assert!(
        run.stdout().starts_with("0 added, 0 updated, 2 unchanged, 0 removed files: 0 articles"),
        "{}",
        run.stdout()
    );
    dir.run(&["search", "old"]).assert_exit(0);
    dir.run(&["search", "new"]).assert_exit(1);
}

#[test]
fn additions_changes_and_deletions_give_what_a_full_build_gives() {
    let dir = Dir::new();
    for n in 0..30 {
        dir.create(&format!("s/{n:02}.txt"), story(n));
    }
    dir.create(
        "feed.jsonl",
        "{\"title\": \"One\", \"body\": \"alpha\"}\n{\"title\": \"Two\", \"body\": \"beta\"}\n",
    );
    dir.index_corpus();

    for n in 0..5 {
        fs::remove_file(dir.corpus().join(format!("s/{n:02}.txt"))).expect("rm");
    }
    for n in 5..10 {
        dir.create(&format!("s/{n:02}.txt"), format!("{}\nA correction was added.\n", story(n)));
    }
    for n in 30..35 {
        dir.create(&format!("s/{n:02}.txt"), story(n));
    }
    dir.create("feed.jsonl", "{\"title\": \"One\", \"body\": \"alpha\"}\n");
    let run = dir.index_corpus();
    assert!(
        run.stdout().starts_with("5 added, 6 updated, 20 unchanged, 5 removed files"),
        "{}",
        run.stdout()
    );

    let full = dir.path().join("full");
    dir.run_at(&full, &["index", "--full", "corpus"]).assert_exit(0);
    let incremental = contents(&dir, &dir.index());
    assert_eq!(incremental.len(), 31);
    assert_eq!(incremental, contents(&dir, &full));
}

#[test]
fn indexing_one_folder_leaves_the_articles_of_another_alone() {
    let dir = Dir::new();
    dir.create("a/1.txt", story(1));
    dir.create("b/2.txt", story(2));
    dir.run(&["index", "corpus/a"]).assert_exit(0);
    dir.run(&["index", "corpus/b"]).assert_exit(0);
    fs::remove_file(dir.corpus().join("a/1.txt")).expect("rm");
    let run = dir.run(&["index", "corpus/b"]);
    assert!(
        run.stdout().starts_with("0 added, 0 updated, 1 unchanged, 0 removed"),
        "{}",
        run.stdout()
    );
    assert_eq!(contents(&dir, &dir.index()).len(), 2);
    let run = dir.run(&["index", "corpus/a"]);
    assert!(
        run.stdout().starts_with("0 added, 0 updated, 0 unchanged, 1 removed"),
        "{}",
        run.stdout()
    );
}

#[test]
fn killed_at_any_moment_the_next_run_completes_the_work() {
    let dir = Dir::new();
    for n in 0..300 {
        dir.create(&format!("s/{:02}/{n:03}.txt", n % 7), story(n));
    }
    // Copies, so that stories of several articles must come out whole too.
    for n in 0..40 {
        dir.create(
            &format!("copies/{n:03}.txt"),
            story(n * 7).replacen("Story", "Copy of story", 1),
        );
    }
    let clean = dir.path().join("clean");
    dir.run_at(&clean, &["index", "corpus"]).assert_exit(0);
    let expected = contents(&dir, &clean);
    assert_eq!(expected.len(), 340);
    let stories: std::collections::BTreeSet<&String> = expected.values().map(|v| &v.2).collect();
    assert_eq!(stories.len(), 300, "each copy in its story");

    // Rounds killed while the run was still going, and among them those that left a
    // committed but incomplete index: the test proves nothing unless some did.
    let (mut killed_running, mut left_partial) = (0, 0);
    for (round, delay_ms) in [5u64, 40, 120, 250, 500].into_iter().enumerate() {
        let index = dir.path().join(format!("killed-{round}"));
        let mut child = dir
            .command_at(&index, &["index", "corpus", "--commit-every", "7", "-j", "1"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_millis(delay_ms));
        if child.try_wait().expect("wait").is_none() {
            killed_running += 1;
        }
        child.kill().expect("SIGKILL");
        child.wait().expect("wait");
        // Whatever was committed opens and searches.
        if index.join("meta.json").exists() {
            let run = dir.run_at(&index, &["search", "harvest", "--limit", "0"]);
            assert!(run.code() == 0 || run.code() == 1, "round {round}: {}", run.stderr());
            if contents(&dir, &index).len() < expected.len() {
                left_partial += 1;
            }
        }
        dir.run_at(&index, &["index", "corpus"]).assert_exit(0);
        assert_eq!(contents(&dir, &index), expected, "after a kill at {delay_ms} ms");
        let found = dir.run_at(&index, &["search", "word123", "--format", "jsonl"]);
        assert_eq!(found.stdout().lines().count(), 1, "round {round}");
    }
    assert!(killed_running >= 3, "only {killed_running} of 5 runs were killed mid-run");
    assert!(left_partial >= 1, "no kill left a partly built index behind");
}

#[test]
fn a_second_writer_is_refused_at_once_and_searches_go_on() {
    let dir = Dir::new();
    dir.create("a.txt", story(1));
    dir.index_corpus();
    let before = contents(&dir, &dir.index());

    let index = NewsIndex::open_or_create(&dir.index()).expect("open");
    let writer =
        index.writer(WriterOptions { threads: 1, memory_bytes: 15_000_000 }).expect("lock");
    dir.create("b.txt", story(2));
    let run = dir.run(&["index", "corpus"]);
    run.assert_exit(2);
    assert_contains!(run.stderr(), "is being written by another process");
    dir.run(&["search", "harvest"]).assert_exit(0);
    drop(writer);

    assert_eq!(contents(&dir, &dir.index()), before);
    dir.run(&["index", "corpus"]).assert_exit(0);
    assert_eq!(contents(&dir, &dir.index()).len(), 2);
}

#[test]
fn a_search_during_an_index_run_sees_the_last_commit() {
    let dir = Dir::new();
    for n in 0..200 {
        dir.create(&format!("s/{n:03}.txt"), story(n));
    }
    let mut child: std::process::Child = dir
        .command_at(&dir.index(), &["index", "corpus", "--commit-every", "5", "-j", "1"])
        .stdout(Stdio::null())
        .spawn()
        .expect("spawn");
    // Searches that started while the run was going, and the counts they saw.
    let mut seen = Vec::new();
    while child.try_wait().expect("wait").is_none() && seen.len() < 20 {
        if dir.index().join("meta.json").exists() {
            let found = dir.search(&["harvest", "--limit", "0"]);
            seen.push(found.total);
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(child.wait().expect("wait").success());
    assert!(!seen.is_empty(), "the run ended before any search could start");
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "commits only add: {seen:?}");
    assert!(seen.iter().all(|&n| n <= 200), "{seen:?}");
    assert_eq!(contents(&dir, &dir.index()).len(), 200);
}
