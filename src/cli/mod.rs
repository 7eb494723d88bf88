//! The command line: `rapport` plays; `rapport check`, `simulate` and `new` help trainers.

mod check;
mod lrs;
pub mod new;
mod report;
mod simulate;
mod workshop;

use crate::game::GameOptions;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "rapport",
    version,
    about = "A sales-training game: find out what the customer needs instead of closing."
)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Also load the scenarios in this folder (beside the shipped ones).
    #[arg(long, global = true, value_name = "DIR")]
    pub scenarios: Option<PathBuf>,
    /// Where results are written (default: the platform's data folder, shown in Settings).
    #[arg(long, global = true, value_name = "DIR")]
    pub results: Option<PathBuf>,
    #[command(flatten)]
    pub game: GameArgs,
}

/// Options of the game window (`rapport` without a command).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct GameArgs {
    /// Open this scenario (an id) instead of starting at the menu.
    #[arg(long)]
    pub scenario: Option<String>,
    /// Let an automatic player (collaborative, skilled, average, questioner, pitcher, closer,
    /// random) play through every
    /// screen, then exit; with --screenshots, saves a PNG of each screen.
    #[arg(long, value_name = "PLAYER")]
    pub autoplay: Option<String>,
    /// Folder for the --autoplay screenshots.
    #[arg(long, value_name = "DIR")]
    pub screenshots: Option<PathBuf>,
    /// The conversation's seed (default: a new one each call).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Window size in logical pixels, e.g. 1024x600.
    #[arg(long, value_name = "WxH")]
    pub size: Option<String>,
    /// Text size in percent (80–200).
    #[arg(long, value_name = "PERCENT")]
    pub text_size: Option<u32>,
    /// Start with the high-contrast theme (also in Settings).
    #[arg(long)]
    pub high_contrast: bool,
    /// Play under a workshop code (from `rapport workshop new`): the room's scenarios and
    /// situation.
    #[arg(long, value_name = "CODE")]
    pub workshop: Option<String>,
    /// The trainee's name or nickname for this run's results (also in Settings).
    #[arg(long, value_name = "NAME")]
    pub trainee: Option<String>,
    /// Projector mode for this run: large text, high contrast, large targets (also in Settings).
    #[arg(long)]
    pub projector: bool,
    /// Assessment mode for this run: no coach lines, score only in the debrief (also in
    /// Settings).
    #[arg(long)]
    pub assessment: bool,
    /// Do not watch scenario files for changes.
    #[arg(long)]
    pub no_watch: bool,
    /// Graphics: auto (Vulkan on the GPU, else OpenGL on the GPU, else software; OpenGL on
    /// Linux), vulkan or gl.
    #[arg(long, value_enum, default_value_t, value_name = "API")]
    pub renderer: crate::game::renderer::Renderer,
    /// With --autoplay: stop playing after this many moves and wait (to be killed, in the
    /// test that proves an interrupted call resumes).
    #[arg(long, hide = true, value_name = "MOVES")]
    pub autoplay_hold_after: Option<usize>,
    /// Measurements for docs/benchmarks.md: startup, idle or scroll.
    #[arg(long, hide = true, value_name = "MODE")]
    pub bench: Option<String>,
}

impl GameArgs {
    /// The game's options given on this command line, by their flag.
    fn given(&self) -> Vec<&'static str> {
        [
            ("--scenario", self.scenario.is_some()),
            ("--autoplay", self.autoplay.is_some()),
            ("--screenshots", self.screenshots.is_some()),
            ("--seed", self.seed.is_some()),
            ("--size", self.size.is_some()),
            ("--text-size", self.text_size.is_some()),
            ("--high-contrast", self.high_contrast),
            ("--workshop", self.workshop.is_some()),
            ("--trainee", self.trainee.is_some()),
            ("--projector", self.projector),
            ("--assessment", self.assessment),
            ("--no-watch", self.no_watch),
            ("--renderer", self.renderer != Default::default()),
            ("--autoplay-hold-after", self.autoplay_hold_after.is_some()),
            ("--bench", self.bench.is_some()),
        ]
        .into_iter()
        .filter_map(|(flag, given)| given.then_some(flag))
        .collect()
    }
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
        /// collaborative, skilled, average, questioner, pitcher, closer or random.
        #[arg(long, default_value = "collaborative")]
        player: String,
        /// The seed (default 1, or the workshop's seed for the trainee's next attempt).
        #[arg(long)]
        seed: Option<u64>,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
        /// Show the customer's hidden state and why it changed, turn by turn.
        #[arg(long)]
        reveal: bool,
        /// Record the call for this trainee (with --results), as a finished game does.
        #[arg(long, value_name = "NAME")]
        trainee: Option<String>,
        /// Play under a workshop code: its seed for the trainee's next attempt.
        #[arg(long, value_name = "CODE")]
        workshop: Option<String>,
    },
    /// The class report from collected results folders: a table per trainee, the needs most
    /// often missed, the moves most often chosen and prompts for the room's discussion.
    Report {
        /// Results folders (searched at any depth) or result files.
        paths: Vec<PathBuf>,
        /// Keep only this workshop's results (the others and free play are counted and
        /// left out).
        #[arg(long, value_name = "CODE")]
        workshop: Option<String>,
        /// Order trainees by best score and show a rank (default: by name, no ranking).
        #[arg(long)]
        rank: bool,
        /// Replace names by "Trainee 1…n" everywhere.
        #[arg(long)]
        anonymous: bool,
        /// Also write one self-contained offline HTML page with charts.
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
        /// Also write a spreadsheet (CSV, UTF-8 with a byte-order mark).
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
        /// Also write xAPI 1.0.3 statements for a learning record store.
        #[arg(long, value_name = "FILE")]
        xapi: Option<PathBuf>,
        /// Also write the discussion prompts as a page for the wall: one per screen, large
        /// type, no table.
        #[arg(long, value_name = "FILE")]
        projector: Option<PathBuf>,
        /// The spreadsheet's field separator: "," or ";" (with decimal commas, for
        /// spreadsheets in languages that write 2,5).
        #[arg(long, default_value = ",", value_parser = ["," , ";"], value_name = "SEP")]
        csv_separator: String,
        /// Count one name found in several folders as one trainee per folder.
        #[arg(long)]
        split_by_folder: bool,
        /// Send the statements to the LRS configured in the environment (RAPPORT_LRS_…).
        #[arg(long)]
        send_lrs: bool,
    },
    /// Workshop codes for facilitators.
    Workshop {
        #[command(subcommand)]
        command: WorkshopCommand,
    },
    /// Write a commented starter scenario that passes check.
    New {
        /// The scenario's id; the file is written as NAME.ron (or to --out).
        name: String,
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum WorkshopCommand {
    /// Print a code that gives the room the same scenarios and the same customer situation.
    /// The scenarios are named with --scenarios ID,ID (or as arguments, and then --scenarios
    /// is the folder of extra scenarios as everywhere else).
    New {
        /// Scenario ids (comma-separated or one per argument).
        ids: Vec<String>,
        /// The room's seed (default: a new one).
        #[arg(long)]
        seed: Option<u64>,
    },
    /// Print a code's scenarios and seed, and whether this machine's scenario files are the
    /// ones it was made with.
    Show {
        /// The workshop code (any case, dashes optional).
        code: String,
    },
}

impl Command {
    fn name(&self) -> &'static str {
        match self {
            Command::Check { .. } => "check",
            Command::Simulate { .. } => "simulate",
            Command::Report { .. } => "report",
            Command::Workshop { .. } => "workshop",
            Command::New { .. } => "new",
        }
    }
}

/// Options written before a command are the game window's: a command does not read them,
/// so `rapport --workshop X report` is refused rather than run without the filter it asks for.
fn misplaced_game_options(args: &Args) -> Option<String> {
    let command = args.command.as_ref()?;
    let given = args.game.given();
    if given.is_empty() {
        return None;
    }
    Some(format!(
        "{} given before `{name}`: options before a command belong to the game window and \
         do not apply to `{name}`; write them after it (rapport {name} --help lists its own)",
        given.join(", "),
        name = command.name(),
    ))
}

pub fn run(args: Args) -> ExitCode {
    if let Some(problem) = misplaced_game_options(&args) {
        eprintln!("error: {problem}");
        return ExitCode::from(2);
    }
    match args.command {
        Some(Command::Check { paths, short }) => {
            check::run(&paths, args.scenarios.as_deref(), short)
        }
        Some(Command::Simulate {
            scenario,
            player,
            seed,
            json,
            reveal,
            trainee,
            workshop,
        }) => simulate::run(
            &scenario,
            args.scenarios.as_deref(),
            &player,
            seed,
            json,
            reveal,
            &simulate::Recording {
                trainee,
                workshop,
                results: args.results,
            },
        ),
        Some(Command::Report {
            paths,
            workshop,
            rank,
            anonymous,
            html,
            csv,
            xapi,
            projector,
            csv_separator,
            split_by_folder,
            send_lrs,
        }) => {
            if let Some(path) = report::missing(&paths) {
                eprintln!("error: {} does not exist", crate::files::shown(path));
                return ExitCode::FAILURE;
            }
            let options = rapport_workshop::ReportOptions {
                rank,
                anonymous,
                split_by_folder,
                key: None,
            };
            let outputs = report::Outputs {
                html,
                csv,
                xapi,
                projector,
                csv_separator: csv_separator.bytes().next().unwrap_or(b','),
                send_lrs,
            };
            report::run(&paths, workshop.as_deref(), options, &outputs)
        }
        Some(Command::Workshop {
            command: WorkshopCommand::New { ids, seed },
        }) => {
            // `workshop new --scenarios a,b` names the scenarios; with ids as arguments,
            // --scenarios is the extra folder as in every other command.
            let (ids, folder) = match (ids.is_empty(), args.scenarios) {
                (true, Some(list)) => (vec![list.to_string_lossy().into_owned()], None),
                (_, folder) => (ids, folder),
            };
            workshop::new(&ids, seed, folder.as_deref())
        }
        Some(Command::Workshop {
            command: WorkshopCommand::Show { code },
        }) => workshop::show(&code, args.scenarios.as_deref()),
        Some(Command::New { name, out }) => new::run(&name, out),
        None => {
            let mut game = args.game;
            if let Some(raw) = &game.trainee {
                // The same cleaning as a name typed in Settings; a blank one is no name.
                let Some(name) = rapport_workshop::identity::cleaned_name(raw) else {
                    eprintln!("error: --trainee is blank; give the trainee's name or nickname");
                    return ExitCode::FAILURE;
                };
                game.trainee = Some(name);
            }
            crate::game::run(game_options(args.scenarios, args.results, game))
        }
    }
}

/// The game's options from the command line's.
pub fn game_options(
    scenarios: Option<PathBuf>,
    results: Option<PathBuf>,
    args: GameArgs,
) -> GameOptions {
    let size = args.size.as_deref().and_then(|s| {
        let (w, h) = s.split_once(['x', 'X'])?;
        Some((w.trim().parse().ok()?, h.trim().parse().ok()?))
    });
    // Under `cargo run` the checkout's own scenarios are watched too, so a trainer sees
    // an edit to a shipped scenario at once; a copied binary plays its embedded copies.
    let checkout_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(|d| PathBuf::from(d).join("scenarios"))
        .filter(|d| d.is_dir());
    let bench = args
        .bench
        .as_deref()
        .and_then(crate::game::bench::BenchMode::parse);
    let unattended = args.autoplay.is_some() || bench.is_some();
    let settings_file = if unattended {
        None
    } else {
        crate::files::settings::default_file()
    };
    // Automatic play and benchmarks write results only where they are told to.
    let results_dir = match results {
        Some(dir) => Some(dir),
        None if unattended => None,
        None => crate::files::results::default_dir(),
    };
    GameOptions {
        scenarios_dir: scenarios,
        checkout_dir,
        scenario: args.scenario,
        autoplay: args.autoplay,
        screenshots: args.screenshots,
        seed: args.seed,
        size,
        text_size: args.text_size,
        high_contrast: args.high_contrast,
        projector: args.projector,
        assessment: args.assessment,
        watch: !args.no_watch,
        bench,
        settings_file,
        results_dir,
        workshop: args.workshop,
        trainee: args.trainee,
        autoplay_hold_after: args.autoplay_hold_after,
        renderer: args.renderer,
    }
}
