//! `rapport workshop new`: a code that gives a whole room the same customer, and the one
//! check of a code against this machine's scenarios that the game and `simulate` share.

use crate::files::scenarios::{self as library, Entry};
use rapport_core::visible::{ECHO_LIMIT, echoed};
use rapport_workshop::WorkshopCode;
use rapport_workshop::code::Found;
use std::path::Path;
use std::process::ExitCode;

/// Prints a new workshop code for the scenarios (ids, comma-separated) and seed.
pub fn new(ids: &[String], seed: Option<u64>, extra: Option<&Path>) -> ExitCode {
    let ids: Vec<String> = ids
        .iter()
        .flat_map(|list| list.split(','))
        .map(|id| id.trim().to_string())
        .filter(|id| !id.is_empty())
        .collect();
    if ids.is_empty() {
        eprintln!(
            "error: name the workshop's scenarios, e.g. rapport workshop new --scenarios \
             corner-cafe,clinic-scheduling (rapport check lists them)"
        );
        return ExitCode::FAILURE;
    }
    if let Some((i, twice)) = ids
        .iter()
        .enumerate()
        .find(|(i, id)| ids[..*i].contains(id))
    {
        eprintln!(
            "error: scenario \"{}\" is named twice (places {} and {}); a workshop names each \
             scenario once (a trainee's second attempt already meets another situation)",
            echoed(twice, ECHO_LIMIT),
            ids.iter().position(|id| id == twice).unwrap_or(0) + 1,
            i + 1
        );
        return ExitCode::FAILURE;
    }
    let entries = library::all(extra);
    let mut chosen: Vec<(&Entry, u64)> = Vec::new();
    for id in &ids {
        let Some((entry, scenario)) = entries
            .iter()
            .find_map(|e| Some((e, e.parsed.scenario.as_ref().filter(|s| s.id() == id)?)))
        else {
            let known: Vec<&str> = entries.iter().filter_map(Entry::id).collect();
            eprintln!(
                "error: no scenario with id \"{}\" (or it has errors); known: {}",
                echoed(id, ECHO_LIMIT),
                known.join(", ")
            );
            return ExitCode::FAILURE;
        };
        chosen.push((entry, scenario.fingerprint));
    }
    let seed = seed.unwrap_or_else(|| uuid::Uuid::new_v4().as_u128() as u64 % 1_000_000);
    let pairs: Vec<(String, u64)> = ids
        .iter()
        .cloned()
        .zip(chosen.iter().map(|c| c.1))
        .collect();
    let code = match WorkshopCode::new(&pairs, seed) {
        Ok(code) => code.encode(),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("Workshop code: {code}");
    println!();
    for (entry, _) in &chosen {
        let scenario = entry
            .parsed
            .scenario
            .as_ref()
            .expect("chosen scenarios parse");
        println!(
            "  {} — {} ({})",
            scenario.id(),
            scenario.title(),
            entry.origin
        );
    }
    println!("  seed {seed}: everyone's first attempt meets the same situation; a second");
    println!("  attempt meets another one, the same for the whole room.");
    println!();
    println!("Trainees enter the code in the game's Settings, or start with:");
    println!("  rapport --workshop {code}");
    if chosen
        .iter()
        .any(|(e, _)| !e.origin.starts_with("scenarios/"))
    {
        println!("and, since a scenario is not a shipped one, give them its file and add:");
        println!("  --scenarios FOLDER");
    }
    println!("Collect each laptop's results folder (shown in Settings), then:");
    println!("  rapport report FOLDER... --html class.html");
    ExitCode::SUCCESS
}

/// `rapport workshop show CODE`: the scenarios and seed a code fixes, and whether this
/// machine's scenario files are the facilitator's (by the text hash the code carries, which
/// reads CRLF line ends as LF). Fails when one is missing or differs.
pub fn show(code_text: &str, extra: Option<&Path>) -> ExitCode {
    let code = match WorkshopCode::decode(code_text) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let entries = library::all(extra);
    let scenario_of = |id: &str| {
        entries
            .iter()
            .find_map(|e| Some((e, e.parsed.scenario.as_ref().filter(|s| s.id() == id)?)))
    };
    println!("Workshop code: {}", code.encode());
    println!();
    let compared = code.compare(|id| scenario_of(id).map(|(_, s)| s.fingerprint));
    let mut problems = 0;
    for (listed, found) in &compared {
        let id = echoed(&listed.id, ECHO_LIMIT);
        let here = scenario_of(&listed.id);
        let title = here.map_or(String::new(), |(_, s)| format!(" — {}", s.title()));
        println!("  {id}{title} (text hash {:06x})", listed.hash);
        let origin = here.map_or(String::new(), |(e, _)| e.origin.clone());
        let verdict = match found {
            Found::Same => format!("matches this machine's {origin}"),
            Found::Differs => format!(
                "differs: this machine's {origin} is another text (edited, or another Rapport \
                 version); ask the facilitator for {id}.ron and use --scenarios FOLDER"
            ),
            Found::Missing => format!(
                "missing: this machine has no scenario \"{id}\"; ask the facilitator for \
                 {id}.ron and use --scenarios FOLDER"
            ),
        };
        if *found != Found::Same {
            problems += 1;
        }
        println!("    {verdict}");
    }
    let later: Vec<String> = (2..=4).map(|n| code.seed_for(n).to_string()).collect();
    println!(
        "  seed {}: everyone's first attempt at a scenario meets this situation; attempts 2, \
         3 and 4 meet seeds {}",
        code.seed,
        later.join(", ")
    );
    println!();
    if problems == 0 {
        println!("This machine's scenario files match the code.");
        ExitCode::SUCCESS
    } else {
        println!(
            "This machine's scenario files do not match the code ({problems} scenario(s) above)."
        );
        ExitCode::FAILURE
    }
}

/// Reads a code and checks it against this machine's scenarios: the error says which
/// scenario is missing or differs, and what to do.
pub fn verified(code: &str, entries: &[Entry]) -> Result<WorkshopCode, String> {
    let parsed = WorkshopCode::decode(code).map_err(|e| e.to_string())?;
    parsed
        .verify(|id| {
            entries
                .iter()
                .find_map(|e| e.parsed.scenario.as_ref().filter(|s| s.id() == id))
                .map(|s| s.fingerprint)
        })
        .map_err(|e| e.to_string())?;
    Ok(parsed)
}
