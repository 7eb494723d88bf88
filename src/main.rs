//! Rapport: plays the game by default; `check`, `simulate` and `new` are the trainer's tools.

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Args::parse();
    cli::run(args)
}
