//! Input a scraper leaves behind: each file gets a warning naming it and the reason, and
//! the rest of the run is not affected.

use std::os::unix::ffi::OsStrExt;

use newsdex::present::json::SearchJson;

use crate::util::{self, Dir, Run};

const GOOD: &str = "Good story\n\nCAIRO (Reuters) - A good story about the harvest.\n";

/// Indexes the corpus (which holds GOOD plus hostile files) and checks that the good
/// article made it; returns the run.
fn index_with_good(dir: &Dir) -> Run {
    dir.create("good.txt", GOOD);
    let run = dir.run(&["index", "corpus"]);
    let found: SearchJson = dir.run(&["search", "harvest", "--format", "json"]).json();
    assert!(found.hits.iter().any(|h| h.title == "Good story"), "{}", run.stderr());
    run
}

fn warning_for(run: &Run, file: &str) -> String {
    run.stderr()
        .lines()
        .find(|line| line.starts_with("newsdex: warning: ") && line.contains(file))
        .unwrap_or_else(|| panic!("no warning for {file} in:\n{}", run.stderr()))
        .to_owned()
}

fn titles(dir: &Dir, query: &str) -> Vec<String> {
    util::titles(&dir.search(&[query])).into_iter().map(str::to_owned).collect()
}

#[test]
fn empty_and_binary_files_are_skipped_with_their_reason() {
    let dir = Dir::new();
    dir.create("empty.txt", "");
    dir.create("blank.json", "  \n\n ");
    dir.create("image.txt", [0x89u8, b'P', b'N', b'G', 0, 0, 0, 13, 0xff, 0xd8, 0, 1, 2, 3]);
    let run = index_with_good(&dir);
    run.assert_exit(1);
    assert!(warning_for(&run, "empty.txt").ends_with(": empty file"));
    assert!(warning_for(&run, "blank.json").ends_with(": empty file"));
    assert!(warning_for(&run, "image.txt").ends_with(": binary file, not text"));
    assert!(
        run.stdout().contains("skipped 3 (binary file, not text 1, empty file 2), failed 0"),
        "{}",
        run.stdout()
    );
}

#[test]
fn legacy_encodings_and_byte_order_marks_are_decoded() {
    let dir = Dir::new();
    // Windows-1252: í is 0xED.
    dir.create(
        "latin.txt",
        b"Drought in Bras\xedlia\n\nBRASILIA (Reuters) - Bras\xedlia rationed water.\n",
    );
    let mut utf16 = vec![0xff, 0xfe];
    for unit in "Floods in Dhaka\n\nDHAKA (AFP) - Rivers rose in Dhaka.\n".encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    dir.create("utf16.txt", utf16);
    dir.create("bom.txt", "\u{feff}Snow in Almaty\n\nALMATY (Reuters) - Snow closed roads.\n");
    index_with_good(&dir).assert_exit(0);
    assert_eq!(titles(&dir, "brasília"), ["Drought in Brasília"]);
    assert_eq!(titles(&dir, "brasilia"), ["Drought in Brasília"]);
    assert_eq!(titles(&dir, "dhaka"), ["Floods in Dhaka"]);
    assert_eq!(titles(&dir, "almaty"), ["Snow in Almaty"]);
}

#[test]
fn a_file_over_the_size_limit_is_skipped_without_being_read() {
    let dir = Dir::new();
    // Sparse: 200 MB long, no disk used; reading it would take the memory the limit saves.
    let big = dir.create("huge.txt", "");
    std::fs::File::options().write(true).open(&big).unwrap().set_len(200 * 1024 * 1024).unwrap();
    let run = index_with_good(&dir);
    run.assert_exit(1);
    assert!(
        warning_for(&run, "huge.txt").ends_with(": file is 200.0 MiB, over the limit of 64.0 MiB"),
        "{}",
        run.stderr()
    );
}

#[test]
fn json_arrays_truncated_json_and_empty_html() {
    let dir = Dir::new();
    dir.create(
        "array.json",
        r#"[{"title": "First of two", "body": "About Oslo."}, {"title": "Second of two", "body": "About Bergen."}]"#,
    );
    dir.create("cut.json", "{\"title\": \"Cut\",\n \"body\": \"the file ends");
    dir.create(
        "furniture.html",
        "<html><body><nav><p>Home</p></nav><footer><p>(c)</p></footer></body></html>",
    );
    let run = index_with_good(&dir);
    run.assert_exit(1);
    assert_eq!(titles(&dir, "oslo"), ["First of two"]);
    assert_eq!(titles(&dir, "bergen"), ["Second of two"]);
    assert!(warning_for(&run, "cut.json").contains("EOF while parsing"), "{}", run.stderr());
    assert!(warning_for(&run, "furniture.html").ends_with(": no article text"));
}

#[test]
fn deep_folders_loops_and_odd_names() {
    let dir = Dir::new();
    let deep: String = (0..150).map(|i| format!("d{i}/")).collect();
    dir.create(
        &format!("{deep}deep.txt"),
        "Deep story\n\nLIMA (Reuters) - Found far down in Lima.\n",
    );
    std::fs::create_dir_all(dir.corpus().join("loop")).unwrap();
    std::os::unix::fs::symlink("..", dir.corpus().join("loop/back")).unwrap();
    let odd = dir.corpus().join(std::ffi::OsStr::from_bytes(b"caf\xe9-news.txt"));
    std::fs::write(&odd, "Odd name story\n\nQUITO (Reuters) - A story from Quito.\n").unwrap();
    let run = index_with_good(&dir);
    run.assert_exit(1);
    assert!(warning_for(&run, "loop/back").ends_with(": symlink loop"));
    assert_eq!(titles(&dir, "lima"), ["Deep story"]);
    assert_eq!(titles(&dir, "quito"), ["Odd name story"]);
}

#[test]
fn a_file_that_cannot_be_read_fails_alone() {
    let dir = Dir::new();
    let locked = dir.create("locked.txt", GOOD.replace("Good", "Locked"));
    dir.create("good.txt", GOOD);
    let mut permissions = std::fs::metadata(&locked).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o000);
    std::fs::set_permissions(&locked, permissions).unwrap();
    if std::fs::read(&locked).is_ok() {
        eprintln!("skipped: this user (root?) reads files without read permission");
        return;
    }
    let run = dir.run(&["index", "corpus"]);
    run.assert_exit(1);
    assert!(warning_for(&run, "locked.txt").ends_with(": permission denied"));
    assert_contains!(run.stdout(), "failed 1");
    assert_eq!(titles(&dir, "harvest"), ["Good story"]);
}

/// What a terminal would act on: ESC, BEL, CR, the C1 CSI, a bidirectional override.
fn active(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| matches!(c, '\x1b' | '\x07' | '\r' | '\u{9b}' | '\u{202e}' | '\0'))
        .collect()
}

#[test]
fn control_characters_in_articles_reach_the_terminal_escaped_and_json_exact() {
    let dir = Dir::new();
    let title = "\x1b]0;owned\x07Oil \x1b[2Jtalks \u{202e}resume";
    dir.create(
        "evil.txt",
        format!(
            "{title}\n\nCAIRO (Reuters) - Oil talks \x1b]8;;http://evil.test\x1b\\click\x1b]8;;\x1b\\ resumed \u{9b}31m in Cairo.\n"
        ),
    );
    dir.create(
        "evil.json",
        serde_json::json!({
            "title": "Oil deal \x1b[31msigned",
            "body": "Oil flowed. \x1b[1A\x1b[2KFake line.",
            "agency": "\x1b[32mGreen Agency",
            "url": "http://x.test/\x1b]0;t\x07",
        })
        .to_string(),
    );
    dir.create("new\nline.txt", "Oil story\n\nCAIRO (Reuters) - Oil from a file with a newline.\n");
    dir.create("bad\nname.json", "{\"title\": ");
    let index = dir.run(&["index", "corpus"]);
    index.assert_exit(1);
    assert_eq!(active(&index.stderr()), []);
    assert_contains!(index.stderr(), "/corpus/bad\\nname.json: line 1 column");
    assert_eq!(index.stderr().lines().filter(|l| l.contains("bad")).count(), 1);

    let text = dir.run(&["search", "oil", "--color", "never", "--facets", "agency"]);
    text.assert_exit(0);
    let out = text.stdout();
    assert_eq!(active(&out), [], "{out:?}");
    assert_contains!(out, "\\x1b]0;owned\\x07Oil \\x1b[2Jtalks \\u{202e}resume");
    assert_contains!(out, "Oil deal \\x1b[31msigned");
    assert_contains!(out, "\\x1b[32mGreen Agency");
    assert_contains!(out, "corpus/new\\nline.txt");
    assert!(!out.lines().any(|line| line.starts_with("line.txt")), "{out}");

    let found = dir.search(&["oil"]);
    let evil = found.hits.iter().find(|h| h.path.ends_with("evil.txt")).expect("evil.txt hit");
    assert_eq!(evil.title, title, "JSON carries the title exactly");
    let json = found.hits.iter().find(|h| h.path.ends_with("evil.json")).expect("evil.json hit");
    assert_eq!(json.url.as_deref(), Some("http://x.test/\x1b]0;t\x07"));

    for args in [&["show", &evil.id][..], &["show", &json.id], &["stats"]] {
        let run = dir.run(args);
        run.assert_exit(0);
        assert_eq!(active(&run.stdout()), [], "{args:?}: {:?}", run.stdout());
    }
    let shown = dir.run(&["show", &evil.id]).stdout();
    assert_contains!(shown, "\\x1b]8;;http://evil.test\\x1b\\click");
    let shown = dir.run(&["show", &json.id]).stdout();
    assert_contains!(shown, "http://x.test/\\x1b]0;t\\x07");
    assert_contains!(dir.run(&["stats"]).stdout(), "\\x1b[32mGreen Agency");
}

#[test]
fn one_bad_byte_or_value_does_not_cost_the_article() {
    let dir = Dir::new();
    dir.create(
        "nul.txt",
        "Nul story\n\nCAIRO (Reuters) - A stray \0 byte in the harvest report.\n",
    );
    dir.create(
        "values.jsonl",
        concat!(
            r#"{"title": "Cut emoji \ud83d", "body": "The harvest in Giza.", "date": 20230919}"#,
            "\n",
            r#"{"title": "Huge number", "body": "The harvest in Luxor.", "score": 1e400, "date": 0}"#,
            "\n",
            r#"{"title": "Minus one", "body": "The harvest in Aswan.", "date": -1}"#,
            "\n",
            r#"{"title": "Epoch", "body": "The harvest in Siwa.", "date": 1695117600}"#,
            "\n",
        ),
    );
    let run = index_with_good(&dir);
    run.assert_exit(0);
    let found = dir.search(&["harvest", "--sort", "-date"]);
    let mut got: Vec<(String, Option<String>)> =
        found.hits.iter().map(|h| (h.title.clone(), h.date.map(|d| d.to_string()))).collect();
    got.sort();
    let day = Some("2023-09-19".to_owned());
    assert_eq!(
        got,
        [
            ("Cut emoji \u{fffd}".to_owned(), day.clone()),
            ("Epoch".to_owned(), day),
            ("Good story".to_owned(), None),
            ("Huge number".to_owned(), None),
            ("Minus one".to_owned(), None),
            ("Nul story".to_owned(), None),
        ]
    );
}

#[test]
fn a_title_is_one_line_and_a_huge_article_gives_a_short_snippet() {
    let dir = Dir::new();
    let endless = "Harvest talks went on and on ".repeat(400);
    dir.create("endless.txt", format!("{endless}\n\nCAIRO (Reuters) - The harvest.\n"));
    let mut huge =
        String::from("Huge harvest report\n\nCAIRO (Reuters) - The harvest opens it.\n\n");
    // Past the window searched for a passage (256 KiB), in words no extractor takes
    // for a name.
    while huge.len() < 400 * 1024 {
        huge.push_str("wheat and barley fields stretched along the river banks. ");
    }
    huge.push_str("Far at the end, a locust swarm.\n");
    dir.create("huge.txt", huge);
    dir.index_corpus();
    let found = dir.search(&["harvest"]);
    assert_eq!(found.total, 2);
    for hit in &found.hits {
        assert!(hit.title.chars().count() <= 301, "{}", hit.title.chars().count());
        let snippet = hit.snippet.text.trim_matches('…');
        assert!(snippet.chars().count() <= 220, "{}", snippet.chars().count());
    }
    let endless_hit = found.hits.iter().find(|h| h.path.ends_with("endless.txt")).unwrap();
    assert!(endless_hit.title.ends_with('…'), "{}", endless_hit.title);
    // A word only past the searched window still finds the article; its snippet is the
    // article's opening.
    let far = dir.search(&["locust"]);
    assert_eq!(far.total, 1);
    assert_contains!(far.hits[0].snippet.text, "The harvest opens it.");
    assert!(far.hits[0].snippet.highlights.is_empty());
}

#[test]
fn a_title_that_looks_like_a_formula_is_text_in_csv_and_exact_in_json_lines() {
    let dir = Dir::new();
    let title = r#"=HYPERLINK("http://example.invalid/x","Click")"#;
    dir.create(
        "formula.json",
        serde_json::json!({"title": title, "body": "-1 dead after the harvest storm in Cairo.", "source": "@wire"})
            .to_string(),
    );
    index_with_good(&dir);
    let run = dir.run(&["search", "storm", "--format", "csv", "--fields", "title,agency,snippet"]);
    run.assert_exit(0);
    let out = run.stdout();
    let mut rows = csv::Reader::from_reader(out.as_bytes());
    let row = rows.records().next().expect("one row").expect("a CSV row");
    assert_eq!(&row[0], format!("'{title}"));
    assert_eq!(&row[1], "'@wire");
    assert!(row[2].starts_with("'-1 dead"), "{:?}", &row[2]);
    let jsonl = dir.run(&["search", "storm", "--format", "jsonl", "--fields", "title"]);
    let line: serde_json::Value = serde_json::from_str(jsonl.stdout().trim()).unwrap();
    assert_eq!(line["title"], title);
}
