//! `rapport simulate`: an automatic player plays a scenario; prints transcript and score.

use crate::files::scenarios as library;
use rapport_core::engine::Conversation;
use rapport_core::players;
use rapport_core::players::search::{SearchConfig, search};
use rapport_core::report::{
    play_out, profile_text, reveal_text, score_text, simulation_json, transcript,
};
use rapport_core::scenario::diagnostic::render;
use rapport_core::scoring::debrief::debrief;
use rapport_core::scoring::outcome_label;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::SystemTime;

/// Who the simulated call is recorded for, and where: a result written exactly as a finished
/// game writes it, so a facilitator can rehearse a class report from the command line.
#[derive(Debug, Default, Clone)]
pub struct Recording {
    pub trainee: Option<String>,
    pub workshop: Option<String>,
    pub results: Option<PathBuf>,
}

impl Recording {
    /// The recording as the game would keep it: the name cleaned as Settings cleans it (a
    /// blank one refused) and the code in its canonical spelling.
    fn cleaned(&self) -> Result<Recording, String> {
        let trainee = match (&self.trainee, &self.results) {
            (Some(raw), _) => Some(
                rapport_workshop::identity::cleaned_name(raw)
                    .ok_or("--trainee is blank; give the trainee's name or nickname")?,
            ),
            (None, Some(_)) => {
                return Err("--results records the call for a trainee: add --trainee NAME".into());
            }
            (None, None) => None,
        };
        Ok(Recording {
            trainee,
            workshop: self
                .workshop
                .as_deref()
                .map(rapport_workshop::identity::canonical_code),
            results: self.results.clone(),
        })
    }
}

/// No play is longer than this; patience ends every real call well before.
const MOVE_LIMIT: usize = 200;

pub fn run(
    name: &str,
    extra: Option<&Path>,
    player_name: &str,
    seed: Option<u64>,
    json: bool,
    reveal: bool,
    recording: &Recording,
) -> ExitCode {
    let recording = match recording.cleaned() {
        Ok(recording) => recording,
        Err(msg) => {
            eprintln!("error: {msg}");
            return ExitCode::FAILURE;
        }
    };
    let recording = &recording;
    let entry = match library::find(name, extra) {
        Ok(entry) => entry,
        Err(msg) => {
            eprintln!("error: {msg}");
            return ExitCode::FAILURE;
        }
    };
    let Some(scenario) = entry.parsed.scenario.clone() else {
        eprint!(
            "{}",
            render(&entry.origin, &entry.text, &entry.parsed.diagnostics)
        );
        eprintln!(
            "error: {} has errors; fix them first (rapport check {})",
            entry.origin,
            super::new::shell_quoted(std::path::Path::new(&entry.origin))
        );
        return ExitCode::FAILURE;
    };
    let seed = match seed_of(&scenario, seed, extra, recording) {
        Ok(seed) => seed,
        Err(msg) => {
            eprintln!("error: {msg}");
            return ExitCode::FAILURE;
        }
    };
    let Some(mut player) = players::by_name(player_name, seed) else {
        eprintln!(
            "error: no player \"{}\"; choose one of: {}",
            rapport_core::visible::echoed(player_name, rapport_core::visible::ECHO_LIMIT),
            players::PLAYER_NAMES.join(", ")
        );
        return ExitCode::FAILURE;
    };
    let started = SystemTime::now();
    let mut conversation = Conversation::start(scenario.clone(), seed);
    play_out(&mut conversation, player.as_mut(), MOVE_LIMIT);
    if let Err(msg) = record(&conversation, started, recording) {
        eprintln!("error: {msg}");
        return ExitCode::FAILURE;
    }
    let d = debrief(&conversation);
    let best = search(
        &scenario,
        *conversation.start_state(),
        SearchConfig::default(),
    );
    let gap = best.honest.as_ref().map(|p| p.gap_to(d.score.total));
    if json {
        let mut value = simulation_json(&conversation, player_name, &d);
        value["best_honest_total"] = serde_json::json!(gap.map(|g| g.best_total));
        value["gap_to_best"] = serde_json::json!(gap.map(|g| g.points));
        if reveal {
            value["head"] = serde_json::to_value(&d.head).unwrap_or_default();
        }
        println!(
            "{}",
            serde_json::to_string_pretty(&value).unwrap_or_default()
        );
        return ExitCode::SUCCESS;
    }
    println!(
        "{} — {} (player: {player_name}, seed: {seed})",
        scenario.title(),
        scenario.file.customer.name
    );
    println!();
    print!("{}", transcript(&conversation));
    println!();
    if reveal {
        println!("Inside the customer's head");
        print!("{}", reveal_text(&d));
        println!();
    }
    println!(
        "Ending: {} (right for this customer: {})",
        d.score.outcome.map_or("none", outcome_label),
        outcome_label(d.score.right_outcome)
    );
    print!("{}", score_text(&d.score));
    if let Some(g) = &gap {
        println!("{}", g.sentence());
    }
    println!();
    print!("{}", profile_text(&d.profile));
    let missed: Vec<_> = d.needs.iter().filter(|n| !n.found).collect();
    if !missed.is_empty() {
        println!();
        println!("Needs not made explicit:");
        for n in missed {
            match &n.suggestion {
                Some(s) => println!("  - {} ({}). Try: \"{s}\"", n.summary, n.depth.label()),
                None => println!("  - {} ({})", n.summary, n.depth.label()),
            }
        }
    }
    if !d.missed_cues.is_empty() {
        println!();
        println!("What the customer said that you could have acted on:");
        for cue in &d.missed_cues {
            println!("  - {cue}");
        }
    }
    ExitCode::SUCCESS
}

/// The seed: given, else the workshop's seed for this trainee's next attempt, else 1.
fn seed_of(
    scenario: &rapport_core::scenario::Scenario,
    seed: Option<u64>,
    extra: Option<&Path>,
    recording: &Recording,
) -> Result<u64, String> {
    let Some(code) = &recording.workshop else {
        return Ok(seed.unwrap_or(1));
    };
    if seed.is_some() {
        return Err("--seed and --workshop both fix the seed; give one of them".into());
    }
    let workshop = super::workshop::verified(code, &library::all(extra))?;
    if !workshop.has_scenario(scenario.id()) {
        let ids: Vec<&str> = workshop.scenarios.iter().map(|s| s.id.as_str()).collect();
        return Err(format!(
            "the workshop does not use scenario \"{}\"; it uses {}",
            scenario.id(),
            ids.join(", ")
        ));
    }
    let finished = match &recording.results {
        Some(dir) => crate::files::results::finished_attempts(
            dir,
            recording.trainee.as_deref().unwrap_or(""),
            code,
            scenario.id(),
        ),
        None => 0,
    };
    Ok(workshop.seed_for(finished + 1))
}

/// Writes the call's result into `--results DIR`, as the game does when a call ends.
fn record(
    conversation: &Conversation,
    started: SystemTime,
    recording: &Recording,
) -> Result<(), String> {
    let Some(dir) = &recording.results else {
        return Ok(());
    };
    let attempt = crate::files::results::new_attempt(
        recording.trainee.as_deref().unwrap_or(""),
        recording.workshop.as_deref(),
        conversation.scenario(),
        conversation.seed(),
        started,
    );
    let result = crate::files::results::result_now(conversation, attempt, started);
    let saved = crate::files::results::save_result(dir, &result)
        .map(|path| eprintln!("result written to {}", crate::files::shown(&path)))
        .map_err(|e| {
            format!(
                "cannot write the result into {}: {e}",
                crate::files::shown(dir)
            )
        });
    if saved.is_ok() {
        super::lrs::send_recorded(dir, &result);
    }
    saved
}
