use std::process::ExitCode;

use clap::Parser;
use newsdex::cli::{self, args::Cli};
use newsdex::exit::Exit;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // --help and --version print as clap lays them out.
        Err(err) if !err.use_stderr() => err.exit(),
        Err(err) => {
            eprintln!("newsdex: {}", usage_error(&err));
            return Exit::Error.into();
        }
    };
    match cli::run(cli) {
        Ok(exit) => exit.into(),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("{}", newsdex::present::error_line(&err));
            Exit::Error.into()
        }
    }
}

/// A usage error as one line in newsdex's voice: clap's first line, without its
/// `error: ` prefix, and where to read more.
fn usage_error(err: &clap::Error) -> String {
    let rendered = err.render().to_string();
    let first = rendered.lines().next().unwrap_or_default();
    let message = first.strip_prefix("error: ").unwrap_or(first);
    format!("{message} (see `newsdex --help`)")
}

/// `newsdex search … | head` closing the pipe early is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    err.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == BrokenPipe)
            || cause
                .downcast_ref::<serde_json::Error>()
                .is_some_and(|json| json.io_error_kind() == Some(BrokenPipe))
    })
}
