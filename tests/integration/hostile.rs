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
