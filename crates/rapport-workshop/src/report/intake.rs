//! What goes into a class report, before it is gathered: one workshop's results when the
//! facilitator names it (the others counted, by code and free play), and cross-checks that
//! keep one result from passing for another. Everything left out is named with why; nothing
//! is dropped silently.
//!
//! - A second copy of one attempt (the same attempt id, the same trainee) counts once.
//! - An attempt id found again under another trainee's name is left out and named: merging
//!   would give one trainee's call to another.
//! - A result whose scenario text differs from the workshop's (the code's hash) or, without a
//!   code, from the text most of the workshop's results of that scenario have, is left out
//!   and named: its figures are not comparable with the others'.

use crate::code::WorkshopCode;
use crate::record::CallResult;
use rapport_core::visible::{ECHO_LIMIT, echoed};
use std::collections::BTreeMap;

/// The results a report is built from and what was left out.
#[derive(Debug, Default)]
pub struct Intake {
    /// (where it was read, the result), in the order given.
    pub kept: Vec<(String, CallResult)>,
    /// (where it was read, why it was left out).
    pub left_out: Vec<(String, String)>,
    /// (where it was read, which file it copies): second copies of one attempt, counted once.
    pub copies: Vec<(String, String)>,
    /// Results of other workshops left out by `--workshop`, per code as written.
    pub other_codes: BTreeMap<String, usize>,
    /// Free-play calls (no workshop) left out by `--workshop`.
    pub free_play: usize,
    /// Without `--workshop`: how many results each workshop (by its canonical code) and free
    /// play (`None`) has, when there is more than one of them.
    pub mixed: BTreeMap<Option<String>, usize>,
}

/// A workshop code as written in a result, in the one form two spellings of it share.
pub fn canonical_code(written: &str) -> String {
    WorkshopCode::decode(written).map_or_else(|_| written.trim().to_string(), |c| c.encode())
}

/// Keeps the results of `workshop` (all of them when `None`) that pass the cross-checks.
pub fn intake(results: Vec<(String, CallResult)>, workshop: Option<&WorkshopCode>) -> Intake {
    let mut intake = Intake::default();
    let wanted = workshop.map(WorkshopCode::encode);
    let mut in_workshop = Vec::new();
    for (source, result) in results {
        let code = result.attempt.workshop.as_deref().map(canonical_code);
        match (&wanted, &code) {
            (Some(_), None) => intake.free_play += 1,
            (Some(wanted), Some(code)) if code != wanted => {
                *intake.other_codes.entry(code.clone()).or_default() += 1;
            }
            _ => in_workshop.push((source, code, result)),
        }
    }
    if wanted.is_none() {
        for (_, code, _) in &in_workshop {
            *intake.mixed.entry(code.clone()).or_default() += 1;
        }
        if intake.mixed.len() < 2 {
            intake.mixed.clear();
        }
    }
    let unique = one_per_attempt(in_workshop, &mut intake);
    intake.kept = same_scenario_texts(unique, workshop, &mut intake.left_out);
    intake
}

/// (where it was read, its workshop's canonical code, the result).
type Sourced = (String, Option<String>, CallResult);
/// Each scenario hash seen and how many results have it.
type HashCounts = Vec<(String, usize)>;

/// Copies of one attempt count once; an attempt id under another name is named and left out.
fn one_per_attempt(results: Vec<Sourced>, intake: &mut Intake) -> Vec<Sourced> {
    let mut first: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut kept = Vec::new();
    for (source, code, result) in results {
        let id = result.attempt.attempt_id.clone();
        match first.get(&id) {
            None => {
                first.insert(id, (source.clone(), result.attempt.trainee.clone()));
                kept.push((source, code, result));
            }
            Some((other, name)) if *name == result.attempt.trainee => {
                intake.copies.push((source, other.clone()));
            }
            Some((other, name)) => intake.left_out.push((
                source,
                format!(
                    "its attempt id is also {other}'s, under another name (\"{}\" there, \"{}\" \
                     here): not merged, one of the two files was copied or edited by hand",
                    echoed(name, ECHO_LIMIT),
                    echoed(&result.attempt.trainee, ECHO_LIMIT)
                ),
            )),
        }
    }
    kept
}

/// The low 24 bits of a result's `fnv1a64:` hash, as a workshop code carries them.
fn short_hash(hash: &str) -> Option<u32> {
    let hex = hash.strip_prefix("fnv1a64:")?;
    u64::from_str_radix(hex, 16)
        .ok()
        .map(|h| (h & 0x00ff_ffff) as u32)
}

/// Within one workshop, one text per scenario: the code's, else the one most results have.
fn same_scenario_texts(
    results: Vec<Sourced>,
    workshop: Option<&WorkshopCode>,
    left_out: &mut Vec<(String, String)>,
) -> Vec<(String, CallResult)> {
    // (workshop, scenario id) -> hash -> count, in the order hashes were first seen.
    let mut seen: BTreeMap<(Option<String>, String), HashCounts> = BTreeMap::new();
    for (_, code, result) in &results {
        let key = (code.clone(), result.attempt.scenario.id.clone());
        let hashes = seen.entry(key).or_default();
        match hashes
            .iter_mut()
            .find(|(h, _)| *h == result.attempt.scenario.hash)
        {
            Some((_, n)) => *n += 1,
            None => hashes.push((result.attempt.scenario.hash.clone(), 1)),
        }
    }
    let mut kept = Vec::new();
    for (source, code, result) in results {
        let scenario = &result.attempt.scenario;
        let from_code = workshop.and_then(|w| w.scenarios.iter().find(|s| s.id == scenario.id));
        let hashes = &seen[&(code.clone(), scenario.id.clone())];
        let differs = match from_code {
            Some(expected) => short_hash(&scenario.hash) != Some(expected.hash),
            None => {
                let most = hashes.iter().map(|(_, n)| *n).max().unwrap_or(0);
                let usual = hashes.iter().find(|(_, n)| *n == most).map(|(h, _)| h);
                usual.is_some_and(|h| *h != scenario.hash)
            }
        };
        if !differs {
            kept.push((source, result));
            continue;
        }
        let against = match from_code {
            Some(_) => "the workshop code's text of it".to_string(),
            None => {
                let others: usize = hashes
                    .iter()
                    .filter(|(h, _)| *h != scenario.hash)
                    .map(|(_, n)| n)
                    .sum();
                format!("the text {others} other result(s) of this workshop were played on")
            }
        };
        left_out.push((
            source,
            format!(
                "played on another text of scenario \"{}\" ({}) than {against}: an edited copy; \
                 not merged with the others",
                echoed(&scenario.id, ECHO_LIMIT),
                echoed(&scenario.hash, ECHO_LIMIT)
            ),
        ));
    }
    kept
}
