//! A temporary corpus folder and a way to run the real `newsdex` binary on it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use newsdex::present::json::SearchJson;
use tempfile::TempDir;

/// A temporary folder holding a corpus (under `corpus/`) and an index (under `index/`).
pub struct Dir {
    root: TempDir,
}

impl Dir {
    /// A fresh, empty folder.
    pub fn new() -> Dir {
        Dir { root: tempfile::Builder::new().prefix("newsdex-test-").tempdir().expect("tempdir") }
    }

    /// The folder's path.
    pub fn path(&self) -> &Path {
        self.root.path()
    }

    /// The corpus folder.
    pub fn corpus(&self) -> PathBuf {
        self.path().join("corpus")
    }

    /// The index folder the commands use.
    pub fn index(&self) -> PathBuf {
        self.path().join("index")
    }

    /// Writes a file under `corpus/`, creating folders.
    pub fn create(&self, relative: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.corpus().join(relative);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(&path, contents).expect("write");
        path
    }

    /// `newsdex --index INDEX ARGS…`, run in the test folder, with no `NEWSDEX_*` or colour
    /// settings from the environment.
    pub fn command_at(&self, index: &Path, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_newsdex"));
        for (key, _) in std::env::vars_os() {
            if key.to_string_lossy().starts_with("NEWSDEX_") {
                command.env_remove(&key);
            }
        }
        command.env_remove("NO_COLOR").current_dir(self.path());
        command.arg("--index").arg(index).args(args);
        command
    }

    /// Runs `newsdex ARGS…` on the test index and returns what it did.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_at(&self.index(), args)
    }

    /// Runs `newsdex ARGS…` on the index at `index`.
    pub fn run_at(&self, index: &Path, args: &[&str]) -> Run {
        let output = self.command_at(index, args).output().expect("run newsdex");
        Run { args: args.iter().map(|a| a.to_string()).collect(), output }
    }

    /// Runs `newsdex ARGS…` on the test index with `input` on its standard input.
    pub fn run_with_stdin(&self, args: &[&str], input: &[u8]) -> Run {
        use std::io::Write;
        use std::process::Stdio;
        let mut child = self
            .command_at(&self.index(), args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run newsdex");
        let mut stdin = child.stdin.take().expect("piped stdin");
        // newsdex may stop reading early (it refuses the input): a closed pipe is its answer.
        let _ = stdin.write_all(input);
        drop(stdin);
        let output = child.wait_with_output().expect("wait for newsdex");
        Run { args: args.iter().map(|a| a.to_string()).collect(), output }
    }

    /// A folder whose corpus holds one text page per `(path, title, body)`, indexed.
    pub fn with_stories(stories: &[(&str, &str, &str)]) -> Dir {
        let dir = Dir::new();
        for (path, title, body) in stories {
            dir.create(path, format!("{title}\n\n{body}\n"));
        }
        dir.index_corpus();
        dir
    }

    /// `newsdex search ARGS… --format json`, which must succeed or find nothing.
    pub fn search(&self, args: &[&str]) -> SearchJson {
        let mut full = vec!["search"];
        full.extend_from_slice(args);
        full.extend_from_slice(&["--format", "json"]);
        let run = self.run(&full);
        assert!(matches!(run.code(), 0 | 1), "newsdex {full:?} failed:\n{}", run.stderr());
        run.json()
    }

    /// Indexes the corpus folder and checks that it worked without warnings.
    pub fn index_corpus(&self) -> Run {
        let run = self.run(&["index", "corpus"]);
        run.assert_exit(0);
        run
    }
}

/// The outcome of one run.
pub struct Run {
    args: Vec<String>,
    output: Output,
}

impl Run {
    /// Standard output as text.
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    /// Standard error as text.
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    /// The exit code.
    pub fn code(&self) -> i32 {
        self.output.status.code().unwrap_or(-1)
    }

    /// Panics, showing the command and its output, unless it exited with `code`.
    pub fn assert_exit(&self, code: i32) -> &Run {
        assert_eq!(
            self.code(),
            code,
            "newsdex {:?} exited {} (wanted {code})\n--- stdout\n{}\n--- stderr\n{}",
            self.args,
            self.code(),
            self.stdout(),
            self.stderr()
        );
        self
    }

    /// Standard output parsed as one JSON document of type `T`.
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_str(&self.stdout()).unwrap_or_else(|e| {
            panic!(
                "newsdex {:?}: stdout is not the JSON expected: {e}\n{}",
                self.args,
                self.stdout()
            )
        })
    }

    /// Standard output parsed as JSON Lines of type `T`.
    pub fn json_lines<T: serde::de::DeserializeOwned>(&self) -> Vec<T> {
        self.stdout()
            .lines()
            .map(|line| {
                serde_json::from_str(line).unwrap_or_else(|e| panic!("bad JSON line {line}: {e}"))
            })
            .collect()
    }
}

/// The titles of a search's hits, in order.
pub fn titles(found: &SearchJson) -> Vec<&str> {
    found.hits.iter().map(|hit| hit.title.as_str()).collect()
}
