use crate::util::Dir;

/// Standard error of a run that failed with exit code 2 and one line `newsdex: …`.
pub(crate) fn one_line_error(run: &crate::util::Run) -> String {
    run.assert_exit(2);
    let err = run.stderr();
    assert_eq!(err.trim_end().lines().count(), 1, "one line wanted: {err}");
    assert!(err.starts_with("newsdex: "), "{err}");
    err
}

fn indexed() -> Dir {
    let dir = Dir::new();
    dir.create("a.txt", "Talks in Vienna\n\nVIENNA (Reuters) - Talks on oil began in Vienna.");
    dir.index_corpus();
    dir
}

#[test]
fn bad_queries_are_one_line_with_exit_code_2() {
    let dir = indexed();
    let err = one_line_error(&dir.run(&["search", "\"oil talks"]));
    assert_contains!(err, "the quote at column 1 is never closed");
    let err = one_line_error(&dir.run(&["search", "colour:red"]));
    assert_contains!(err, "unknown field `colour` at column 1");
    let err = one_line_error(&dir.run(&["search", "colour:*"]));
    assert_contains!(err, "unknown field `colour` at column 1");
    let err = one_line_error(&dir.run(&["search", "title:*"]));
    assert!(
        err.contains("bad query: cannot run `title:*`: Field title is not a fast field"),
        "{err}"
    );
    let err = one_line_error(&dir.run(&["search", "--", "-oil"]));
    assert_contains!(err, "cannot only exclude");
}

#[test]
fn bad_dates_and_facets_are_refused_before_searching() {
    let dir = indexed();
    let run = dir.run(&["search", "oil", "--from", "19/09/2023"]);
    run.assert_exit(2);
    assert_contains!(run.stderr(), "bad date `19/09/2023`");
    let run = dir.run(&["search", "oil", "--facets", "colour"]);
    run.assert_exit(2);
    assert_contains!(run.stderr(), "unknown facet `colour`");
    let err = one_line_error(&dir.run(&["search", "oil", "--from", "2024", "--to", "2023"]));
    assert_contains!(err, "--from 2024-01-01 is after --to 2023-12-31");
}

#[test]
fn searching_without_an_index_says_how_to_make_one() {
    let dir = Dir::new();
    let err = one_line_error(&dir.run(&["search", "oil"]));
    assert_contains!(err, "no newsdex index at");
    assert_contains!(err, "run `newsdex index DIR` first");
}

#[test]
fn a_folder_that_is_not_an_index_is_refused_and_left_alone() {
    let dir = Dir::new();
    let notes = dir.create("notes/todo.txt", "buy milk");
    let err = one_line_error(&dir.run_at(&dir.corpus().join("notes"), &["index", "corpus"]));
    assert_contains!(err, "is not a newsdex index");
    assert_eq!(std::fs::read_to_string(notes).expect("still there"), "buy milk");
    let err = one_line_error(&dir.run_at(&dir.corpus().join("notes"), &["search", "milk"]));
    assert_contains!(err, "is not a newsdex index");
}

#[test]
fn an_index_of_another_schema_version_asks_for_a_reindex() {
    let dir = indexed();
    let meta_path = dir.index().join("meta.json");
    let meta = std::fs::read_to_string(&meta_path).expect("meta.json");
    let mut json: serde_json::Value = serde_json::from_str(&meta).expect("json");
    let shipped = format!("\"schema_version\":{}", newsdex::index::NewsSchema::shipped().version);
    let payload = json["payload"].as_str().expect("a payload");
    assert!(payload.contains(&shipped), "{payload}");
    let payload = payload.replace(&shipped, "\"schema_version\":0");
    json["payload"] = serde_json::Value::String(payload);
    std::fs::write(&meta_path, json.to_string()).expect("write");
    let err = one_line_error(&dir.run(&["search", "oil"]));
    assert_contains!(err, "schema version 0");
    assert_contains!(err, "re-index with `newsdex index --full DIR`");
    // --full replaces it.
    dir.run(&["index", "--full", "corpus"]).assert_exit(0);
    dir.run(&["search", "oil"]).assert_exit(0);
}

#[test]
fn a_missing_folder_to_index_is_named() {
    let dir = Dir::new();
    let err = one_line_error(&dir.run(&["index", "no-such-folder"]));
    assert_contains!(err, "no-such-folder");
    assert_contains!(err.to_lowercase(), "no such file or directory");
}
