use std::process::Command;

use crate::util::Dir;

#[test]
fn completions_name_every_command_and_flag_in_each_shell() {
    let dir = Dir::new();
    for (shell, opening) in
        [("bash", "_newsdex()"), ("zsh", "#compdef newsdex"), ("fish", "complete -c newsdex")]
    {
        let run = dir.run(&["completions", shell]);
        let script = run.assert_exit(0).stdout();
        assert_contains!(script, opening);
        for word in ["search", "extract", "format-in", "completions", "facets"] {
            assert_contains!(script, word);
        }
    }
    assert!(!dir.index().exists(), "completions made an index");
}

#[test]
fn the_bash_completion_script_is_valid_bash() {
    let dir = Dir::new();
    let script = dir.create("newsdex.bash", dir.run(&["completions", "bash"]).stdout());
    let Ok(checked) = Command::new("bash").arg("-n").arg(&script).output() else {
        return; // no bash on this machine to check with
    };
    assert!(checked.status.success(), "{}", String::from_utf8_lossy(&checked.stderr));
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let run = Dir::new().run(&["completions", "cmd"]);
    run.assert_exit(2);
    assert_eq!(
        run.stderr().trim_end(),
        "newsdex: invalid value 'cmd' for '<SHELL>' (see `newsdex --help`)"
    );
}

#[test]
fn the_man_page_lists_the_commands_and_each_has_its_own() {
    let dir = Dir::new();
    let page = dir.run(&["man"]).assert_exit(0).stdout();
    assert_contains!(page, ".TH newsdex 1");
    assert_contains!(page, "newsdex\\-search(1)");
    assert_contains!(page, "\\-\\-index");

    let page = dir.run(&["man", "search"]).assert_exit(0).stdout();
    assert_contains!(page, ".TH newsdex-search 1");
    assert_contains!(page, "\\fBnewsdex search\\fR");
    assert_contains!(page, "\\-\\-facets");

    let run = dir.run(&["man", "serach"]);
    run.assert_exit(2);
    assert_contains!(run.stderr(), "no command `serach`; commands: index, search,");
}
