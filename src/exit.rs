//! Exit codes, grep's convention: 0 found / done, 1 nothing found / done with skipped
//! input, 2 error.

/// How `newsdex` ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Search: something matched. Index, extract: every file gave its articles.
    Success,
    /// Search, similar: nothing matched.
    NoHits,
    /// Index, extract: done, but some files or articles were skipped (see the warnings).
    Partial,
    /// An error stopped the command.
    Error,
}

impl Exit {
    /// The process exit code: grep's 1 serves both "nothing found" and "done with
    /// skipped input", which never occur in the same command.
    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::NoHits | Exit::Partial => 1,
            Exit::Error => 2,
        }
    }
}

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> Self {
        std::process::ExitCode::from(exit.code())
    }
}
