//! `rapport workshop new`: a code that gives a whole room the same customer, and the one
//! check of a code against this machine's scenarios that the game and `simulate` share.

use crate::files::scenarios::{self as library, Entry};
use rapport_core::visible::{ECHO_LIMIT, echoed};
use rapport_workshop::WorkshopCode;
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
