use crate::util::Dir;

fn one_line_error(run: &crate::util::Run) -> String {
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
    assert!(err.contains("the quote at column 1 is never closed"), "{err}");
    let err = one_line_error(&dir.run(&["search", "colour:red"]));
    assert!(err.contains("unknown field `colour` at column 1"), "{err}");
    let err = one_line_error(&dir.run(&["search", "colour:*"]));
    assert!(err.contains("unknown field `colour` at column 1"), "{err}");
    let err = one_line_error(&dir.run(&["search", "title:*"]));
    assert!(
        err.contains("bad query: cannot run `title:*`: Field title is not a fast field"),
        "{err}"
    );
    let err = one_line_error(&dir.run(&["search", "--", "-oil"]));
    assert!(err.contains("cannot only exclude"), "{err}");
}

#[test]
fn bad_dates_and_facets_are_refused_before_searching() {
    let dir = indexed();
    let run = dir.run(&["search", "oil", "--from", "19/09/2023"]);
    run.assert_exit(2);
    assert!(run.stderr().contains("bad date `19/09/2023`"), "{}", run.stderr());
    let run = dir.run(&["search", "oil", "--facets", "colour"]);
    run.assert_exit(2);
    assert!(run.stderr().contains("unknown facet `colour`"), "{}", run.stderr());
    let err = one_line_error(&dir.run(&["search", "oil", "--from", "2024", "--to", "2023"]));
    assert!(err.contains("--from 2024-01-01 is after --to 2023-12-31"), "{err}");
}

#[test]
fn searching_without_an_index_says_how_to_make_one() {
    let dir = Dir::new();
    let err = one_line_error(&dir.run(&["search", "oil"]));
    assert!(err.contains("no newsdex index at"), "{err}");
    assert!(err.contains("run `newsdex index DIR` first"), "{err}");
}

#[test]
fn a_folder_that_is_not_an_index_is_refused_and_left_alone() {
    let dir = Dir::new();
    let notes = dir.create("notes/todo.txt", "buy milk");
    let err = one_line_error(&dir.run_at(&dir.corpus().join("notes"), &["index", "corpus"]));
    assert!(err.contains("is not a newsdex index"), "{err}");
    assert_eq!(std::fs::read_to_string(notes).expect("still there"), "buy milk");
    let err = one_line_error(&dir.run_at(&dir.corpus().join("notes"), &["search", "milk"]));
    assert!(err.contains("is not a newsdex index"), "{err}");
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
    assert!(err.contains("schema version 0"), "{err}");
    assert!(err.contains("re-index with `newsdex index --full DIR`"), "{err}");
    // --full replaces it.
    dir.run(&["index", "--full", "corpus"]).assert_exit(0);
    dir.run(&["search", "oil"]).assert_exit(0);
}

#[test]
fn a_missing_folder_to_index_is_named() {
    let dir = Dir::new();
    let err = one_line_error(&dir.run(&["index", "no-such-folder"]));
    assert!(err.contains("no-such-folder"), "{err}");
    assert!(err.to_lowercase().contains("no such file or directory"), "{err}");
}
