//! Nothing lost: what `index --full` may touch, and what it must leave alone.

use std::fs;
use std::process::Stdio;
use std::time::Duration;

use crate::util::Dir;

fn story(n: usize) -> String {
    format!("Story number {n}\n\nCAIRO (Reuters) - Report {n} on the harvest in Egypt.\n")
}

#[test]
fn a_full_rebuild_refuses_an_index_folder_holding_other_files_and_deletes_nothing() {
    let dir = Dir::new();
    dir.create("a.txt", story(1));
    dir.index_corpus();
    fs::write(dir.index().join("NOTES.md"), "notes").unwrap();
    fs::create_dir(dir.index().join("backup")).unwrap();
    let run = dir.run(&["index", "--full", "corpus"]);
    run.assert_exit(2);
    assert_contains!(run.stderr(), "holds files newsdex did not make (NOTES.md, backup)");
    assert_eq!(fs::read_to_string(dir.index().join("NOTES.md")).unwrap(), "notes");
    assert!(dir.index().join("backup").is_dir());
    // The index is as it was, and searches.
    assert_eq!(dir.search(&["harvest"]).total, 1);
}

#[test]
fn articles_inside_the_index_folder_are_refused() {
    let dir = Dir::new();
    dir.create("a.txt", story(1));
    dir.index_corpus();
    let inside = dir.index().join("mine");
    fs::create_dir(&inside).unwrap();
    fs::write(inside.join("b.txt"), story(2)).unwrap();
    // A rebuild sees the articles as files that are not the index's first.
    for (args, why) in [
        (&["index", "index/mine"][..], "lies inside the index folder"),
        (&["index", "--full", "index/mine"], "holds files newsdex did not make (mine)"),
    ] {
        let run = dir.run(args);
        run.assert_exit(2);
        assert_contains!(run.stderr(), why);
        assert!(inside.join("b.txt").is_file(), "{args:?} removed the articles");
    }
}

#[test]
fn a_full_rebuild_replaces_the_index_in_one_step_and_keeps_a_symlink() {
    let dir = Dir::new();
    for n in 0..150 {
        dir.create(&format!("s/{n:03}.txt"), story(n));
    }
    let real = dir.path().join("real-index");
    dir.run_at(&real, &["index", "corpus"]).assert_exit(0);
    std::os::unix::fs::symlink(&real, dir.index()).unwrap();
    fs::remove_file(dir.corpus().join("s/000.txt")).unwrap();

    let mut child = dir
        .command_at(&dir.index(), &["index", "--full", "corpus", "-j", "1", "--commit-every", "5"])
        .stdout(Stdio::null())
        .spawn()
        .expect("spawn");
    // While the rebuild runs, searches see the old index whole.
    let mut seen = Vec::new();
    while child.try_wait().expect("wait").is_none() {
        seen.push(dir.search(&["harvest", "--limit", "0"]).total);
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(child.wait().expect("wait").success());
    assert!(seen.iter().all(|&n| n == 150 || n == 149), "a search saw a partial index: {seen:?}");
    assert!(fs::symlink_metadata(dir.index()).unwrap().file_type().is_symlink());
    assert_eq!(dir.search(&["harvest", "--limit", "0"]).total, 149);
    // Nothing is left beside the index.
    let beside: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.'))
        .collect();
    assert!(beside.is_empty(), "{beside:?}");
}

#[test]
fn two_runs_creating_one_index_leave_one_index_and_nothing_else() {
    let dir = Dir::new();
    for n in 0..40 {
        dir.create(&format!("{n:02}.txt"), story(n));
    }
    let children: Vec<_> = (0..2)
        .map(|_| {
            dir.command_at(&dir.index(), &["index", "corpus"])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success() || stderr.contains("is being written by another process"),
            "{stderr}"
        );
    }
    let beside: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.'))
        .collect();
    assert!(beside.is_empty(), "{beside:?}");
    dir.index_corpus();
    assert_eq!(dir.search(&["harvest", "--limit", "0"]).total, 40);
}

#[test]
fn huge_limits_and_offsets_are_answered_not_allocated() {
    let dir = Dir::with_stories(&[("a.txt", "Harvest report", "CAIRO (Reuters) - The harvest.")]);
    for args in [
        &["search", "harvest", "--limit", "1000000000"][..],
        &["search", "harvest", "--offset", "4294967296"],
        &[
            "search",
            "harvest",
            "--limit",
            "18446744073709551615",
            "--offset",
            "18446744073709551615",
        ],
    ] {
        let run = dir.run(args);
        assert!(matches!(run.code(), 0 | 1), "{args:?}: {}", run.stderr());
    }
    let found = dir.search(&["harvest", "--limit", "18446744073709551615"]);
    assert_eq!((found.total, found.hits.len()), (1, 1));
    let id = &found.hits[0].id;
    dir.run(&["similar", id, "--limit", "99999999999"]).assert_exit(1);
}

/// The first line of an index run's standard output: its summary.
fn summary(run: &crate::util::Run) -> String {
    run.stdout().lines().next().unwrap_or_default().split(" in ").next().unwrap().to_owned()
}

#[test]
fn one_real_file_is_one_article_however_it_is_reached() {
    let dir = Dir::new();
    dir.create("wires/tass.txt", story(1));
    std::os::unix::fs::symlink("tass.txt", dir.corpus().join("wires/z-link.txt")).unwrap();
    std::os::unix::fs::symlink("wires", dir.corpus().join("mirror")).unwrap();
    fs::hard_link(dir.corpus().join("wires/tass.txt"), dir.corpus().join("wires/y-hard.txt"))
        .unwrap();
    let run = dir.run(&["index", "corpus/wires", "corpus/wires/tass.txt", "corpus/wires"]);
    run.assert_exit(0);
    assert_eq!(
        summary(&run),
        "1 added, 0 updated, 0 unchanged, 0 removed files: 1 articles written"
    );
    assert_eq!(dir.search(&["harvest"]).total, 1);
    // The whole corpus reaches it through the symlinked folder too.
    dir.run(&["index", "corpus"]).assert_exit(0);
    assert_eq!(dir.search(&["harvest"]).total, 1);
}

#[test]
fn a_file_named_five_times_is_counted_once() {
    let dir = Dir::new();
    dir.create("a.txt", story(1));
    let run = dir.run(&[
        "index",
        "corpus/a.txt",
        "corpus/a.txt",
        "corpus/a.txt",
        "corpus/a.txt",
        "corpus/a.txt",
    ]);
    run.assert_exit(0);
    assert_eq!(
        summary(&run),
        "1 added, 0 updated, 0 unchanged, 0 removed files: 1 articles written"
    );
}

#[test]
fn overlapping_roots_count_each_file_once() {
    let dir = Dir::new();
    dir.create("wires/tass.txt", story(1));
    dir.create("wires/afp.txt", story(2));
    let run = dir.run(&["index", "corpus/wires", "corpus/wires/tass.txt", "corpus"]);
    run.assert_exit(0);
    assert_eq!(
        summary(&run),
        "2 added, 0 updated, 0 unchanged, 0 removed files: 2 articles written"
    );
    let again = dir.run(&["index", "corpus/wires/tass.txt", "corpus/wires", "corpus"]);
    assert_eq!(
        summary(&again),
        "0 added, 0 updated, 2 unchanged, 0 removed files: 0 articles written"
    );
}

#[test]
fn a_touched_but_unchanged_file_is_not_articles_written() {
    let dir = Dir::new();
    let path = dir.create(
        "a.jsonl",
        format!(
            "{}\n{}\n",
            r#"{"title": "One", "body": "harvest"}"#, r#"{"title": "Two", "body": "harvest"}"#
        ),
    );
    dir.create("b.txt", story(2));
    dir.index_corpus();
    let later = std::time::SystemTime::now() + Duration::from_secs(5);
    fs::File::options().write(true).open(&path).unwrap().set_modified(later).unwrap();
    let run = dir.index_corpus();
    assert_eq!(
        summary(&run),
        "0 added, 0 updated, 2 unchanged, 0 removed files: 0 articles written"
    );
    // Remembered as read: the next run does not even open it.
    let run = dir.index_corpus();
    assert_eq!(
        summary(&run),
        "0 added, 0 updated, 2 unchanged, 0 removed files: 0 articles written"
    );
    assert_eq!(dir.search(&["harvest"]).total, 3);
}

#[test]
fn an_error_says_its_cause_once_and_a_full_disk_is_named() {
    let dir = Dir::with_stories(&[("a.txt", "Harvest report", "CAIRO (Reuters) - The harvest.")]);
    if fs::metadata("/dev/full").is_err() {
        panic!("this test needs /dev/full (a Linux device that is always full)");
    }
    let run = dir.run(&["export", "--output", "/dev/full"]);
    run.assert_exit(2);
    let stderr = run.stderr();
    assert!(stderr.starts_with("newsdex: disk full"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.matches("os error 28").count() <= 1, "{stderr}");

    let run = dir.run(&["export", "--output", "no/such/folder/out.jsonl"]);
    run.assert_exit(2);
    let stderr = run.stderr();
    assert_eq!(stderr.matches("No such file or directory").count(), 1, "{stderr}");

    // A library error that quotes its cause is not followed by the cause again.
    for entry in fs::read_dir(dir.index()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|ext| ext == "store") {
            fs::remove_file(path).unwrap();
        }
    }
    let run = dir.run(&["search", "harvest"]);
    run.assert_exit(2);
    let stderr = run.stderr();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert_eq!(stderr.matches(".store").count(), 1, "{stderr}");
}

#[test]
fn snippets_cut_between_words_and_json_gives_character_offsets() {
    let long = "Η συγκομιδή σιταριού στην Αίγυπτο ήταν καλή φέτος και οι αγρότες χάρηκαν πολύ. "
        .repeat(12);
    let dir = Dir::with_stories(&[(
        "greek.txt",
        "Συγκομιδή",
        &format!("{long}Η λέξη ακρίδα εμφανίζεται εδώ. {long}"),
    )]);
    let found = dir.search(&["ακρίδα"]);
    assert_eq!(found.total, 1);
    let snippet = &found.hits[0].snippet;
    assert!(snippet.text.starts_with('…') && snippet.text.ends_with('…'), "{}", snippet.text);
    let inner = snippet.text.trim_matches('…');
    assert!(inner.chars().count() <= 220 && inner.chars().count() > 150, "{}", inner);
    let words: Vec<&str> =
        long.split_whitespace().chain(["Η", "λέξη", "ακρίδα", "εμφανίζεται", "εδώ."]).collect();
    assert!(inner.split(' ').all(|w| words.contains(&w)), "cut inside a word: {inner}");
    let chars: Vec<char> = snippet.text.chars().collect();
    let [start, end] = snippet.char_highlights[0];
    assert_eq!(chars[start..end].iter().collect::<String>(), "ακρίδα");
    let [start, end] = snippet.highlights[0];
    assert_eq!(&snippet.text[start..end], "ακρίδα");
}
