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
use std::path::Path;
use std::process::ExitCode;

/// No play is longer than this; patience ends every real call well before.
const MOVE_LIMIT: usize = 200;

pub fn run(
    name: &str,
    extra: Option<&Path>,
    player_name: &str,
    seed: u64,
    json: bool,
    reveal: bool,
) -> ExitCode {
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
    let Some(mut player) = players::by_name(player_name, seed) else {
        eprintln!(
            "error: no player \"{player_name}\"; choose one of: {}",
            players::PLAYER_NAMES.join(", ")
        );
        return ExitCode::FAILURE;
    };
    let mut conversation = Conversation::start(scenario.clone(), seed);
    play_out(&mut conversation, player.as_mut(), MOVE_LIMIT);
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
