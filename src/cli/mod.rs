//! The command line: `rapport` plays; `rapport check`, `simulate` and `new` help trainers.

mod check;
mod new;
mod simulate;
pub mod library;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(name = "rapport", version, about = "A sales-training game: find out what the customer needs instead of closing.")]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Also load the scenarios in this folder (beside the shipped ones).
    #[arg(long, global = true)]
    pub scenarios: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check scenario files (or folders of them) and prove the scoring invariant for each.
    Check {
        /// Files or folders; default: the shipped scenarios.
        paths: Vec<PathBuf>,
        /// Print only the one-line form of each problem.
        #[arg(long)]
        short: bool,
    },
    /// Play a scenario with an automatic player and print the transcript and score.
    Simulate {
        /// A scenario id (shipped or in --scenarios) or a path to a .ron file.
        scenario: String,
        /// collaborative, pitcher, closer or random.
        #[arg(long, default_value = "collaborative")]
        player: String,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
        /// Show the customer's hidden state and why it changed, turn by turn.
        #[arg(long)]
        reveal: bool,
    },
    /// Write a commented starter scenario that passes check.
    New {
        /// The scenario's id; the file is written as NAME.ron (or to --out).
        name: String,
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

pub fn run(args: Args) -> ExitCode {
    match args.command {
        Some(Command::Check { paths, short }) => check::run(&paths, args.scenarios.as_deref(), short),
        Some(Command::Simulate { scenario, player, seed, json, reveal }) => {
            simulate::run(&scenario, args.scenarios.as_deref(), &player, seed, json, reveal)
        }
        Some(Command::New { name, out }) => new::run(&name, out),
        None => {
            eprintln!("The game window is not built yet; try `rapport simulate default --player collaborative`.");
            ExitCode::FAILURE
        }
    }
}
