//! Exit codes, grep's convention: 0 found / done, 1 nothing found / done with skipped
//! input, 2 error.

/// How `newsdex` ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Search: something matched. Index: every file was indexed.
    Success,
    /// Search: nothing matched. Index: done, but some files or articles were skipped.
    Partial,
    /// An error stopped the command.
    Error,
}

impl Exit {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::Partial => 1,
            Exit::Error => 2,
        }
    }
}

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> Self {
        std::process::ExitCode::from(exit.code())
    }
}
