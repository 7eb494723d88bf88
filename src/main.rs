//! Rapport: plays the game by default; `check`, `simulate` and `new` are the trainer's tools.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = rapport::cli::Args::parse();
    rapport::cli::run(args)
}
