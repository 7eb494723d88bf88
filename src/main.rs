//! Rapport: plays the game by default; `check`, `simulate`, `new`, `workshop` and `report`
//! are the trainer's and the facilitator's tools.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = rapport::cli::Args::parse();
    if args.command.is_some() {
        quiet_on_closed_pipe();
    }
    rapport::cli::run(args)
}

/// A command piped into `head` or `less` ends quietly when the reader stops, as other
/// command-line tools do, instead of panicking on "Broken pipe" (Rust ignores SIGPIPE).
fn quiet_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: restoring the default action of SIGPIPE before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
