//! Gathering a class from its results: one identity per person (names matched free of case,
//! spaces and Unicode form, codes in canonical form), each trainee's calls per scenario with
//! the first and best of each, anonymous numbers that follow no name, and per-scenario ranks.

use super::model::{
    AttemptSummary, ClassReport, DIMENSIONS, ReportOptions, Trainee, TraineeScenario,
};
use super::prompts::prompts;
use super::stats::{move_mix, scenarios};
use super::{time, xapi};
use crate::identity::{canonical_code, cleaned_name, name_key};
use crate::record::{CallResult, Status};
use std::collections::{BTreeMap, BTreeSet};

/// What the core's penalty for premature proposals says first (`rapport_core::scoring`).
const PREMATURE_PENALTY: &str = "proposals before";
/// How a call without a trainee's name is shown.
const NO_NAME: &str = "(no name)";

/// Who a call belongs to: the workshop, the name's key and, when split by folder, the folder.
type Identity = (Option<String>, String, String);

impl ClassReport {
    /// Gathers a class from its results (any order; duplicates of one attempt id count once).
    pub fn new(results: Vec<CallResult>, options: &ReportOptions) -> ClassReport {
        let unplaced = results.into_iter().map(|r| (String::new(), r)).collect();
        ClassReport::from_folders(unplaced, options)
    }

    /// Gathers a class from results and the folder each was read from: one name found in
    /// several folders is warned about (two people, or one on two laptops?), or with
    /// `split_by_folder` reported as one trainee per folder.
    pub fn from_folders(
        results: Vec<(String, CallResult)>,
        options: &ReportOptions,
    ) -> ClassReport {
        let results = dedup_attempts(results);
        let folder_labels = folder_labels(&results, options.anonymous);
        let mut groups: BTreeMap<Identity, Vec<(String, CallResult)>> = BTreeMap::new();
        for (folder, mut call) in results {
            call.attempt.workshop = call.attempt.workshop.as_deref().map(canonical_code);
            let split = if options.split_by_folder {
                folder.clone()
            } else {
                String::new()
            };
            let identity = (
                call.attempt.workshop.clone(),
                name_key(&call.attempt.trainee),
                split,
            );
            groups
                .entry(identity)
                .or_default()
                .push((folder_labels[&folder].clone(), call));
        }
        let mut people: Vec<Person> = groups
            .into_iter()
            .map(|(identity, calls)| Person::new(identity, calls))
            .collect();
        people.sort_by(|a, b| {
            (&a.identity.1, &a.name, &a.identity.0, &a.identity.2).cmp(&(
                &b.identity.1,
                &b.name,
                &b.identity.0,
                &b.identity.2,
            ))
        });
        let warnings = warnings(&people, options);
        if options.anonymous {
            number_anonymously(&mut people, options.key.as_ref());
        } else if options.split_by_folder {
            name_folders_apart(&mut people);
        }
        let mut all = Vec::new();
        let mut trainees: Vec<Trainee> = people
            .into_iter()
            .map(|p| p.into_trainee(options, &mut all))
            .collect();
        if options.rank {
            rank(&mut trainees);
        }
        let scenarios = scenarios(&all, &trainees);
        let mix = move_mix(&all);
        let mut report = ClassReport {
            options: *options,
            trainees,
            scenarios,
            mix,
            prompts: Vec::new(),
            warnings,
            results: all,
        };
        report.prompts = prompts(&report);
        report
    }
}

/// One identity's calls while the class is gathered.
struct Person {
    identity: Identity,
    /// The name as first entered (cleaned for the blank test only: shown as written).
    name: String,
    /// Label shown instead of the name ("Trainee N"), when anonymous.
    shown: Option<String>,
    account: Option<String>,
    /// (folder label, call), by start time.
    calls: Vec<(String, CallResult)>,
}

impl Person {
    fn new(identity: Identity, mut calls: Vec<(String, CallResult)>) -> Person {
        calls.sort_by(|(_, a), (_, b)| {
            time::order_key(&a.attempt.started_at)
                .cmp(&time::order_key(&b.attempt.started_at))
                .then_with(|| a.attempt.attempt_id.cmp(&b.attempt.attempt_id))
        });
        let first = &calls[0].1.attempt.trainee;
        let name = if cleaned_name(first).is_some() {
            first.clone()
        } else {
            NO_NAME.to_string()
        };
        Person {
            identity,
            name,
            shown: None,
            account: None,
            calls,
        }
    }

    fn folders(&self) -> BTreeSet<&str> {
        self.calls
            .iter()
            .map(|(f, _)| f.as_str())
            .filter(|f| !f.is_empty())
            .collect()
    }

    fn into_trainee(self, options: &ReportOptions, all: &mut Vec<CallResult>) -> Trainee {
        let folders = self.folders().into_iter().map(str::to_string).collect();
        let workshop = self.identity.0.clone();
        let shown = self.shown.unwrap_or_else(|| self.name.clone());
        let account = self.account.unwrap_or_else(|| match &workshop {
            Some(w) => format!("{w}/{shown}"),
            None => shown.clone(),
        });
        let mut by_scenario: BTreeMap<String, Vec<(String, CallResult)>> = BTreeMap::new();
        for (folder, call) in self.calls {
            by_scenario
                .entry(call.attempt.scenario.id.clone())
                .or_default()
                .push((folder, call));
        }
        let scenarios = by_scenario
            .into_iter()
            .map(|(scenario_id, calls)| {
                let mut attempts = Vec::new();
                for (i, (folder, mut call)) in calls.into_iter().enumerate() {
                    if options.anonymous {
                        call.attempt.trainee = shown.clone();
                    }
                    attempts.push(summarize(&call, all.len(), i + 1, folder));
                    all.push(call);
                }
                let finished = |a: &&AttemptSummary| a.status == Status::Finished;
                let first = attempts.iter().position(|a| finished(&a));
                let best = best_index(&attempts);
                TraineeScenario {
                    scenario_id,
                    attempts,
                    first,
                    best,
                    rank: None,
                }
            })
            .collect();
        Trainee {
            name: shown,
            workshop,
            account,
            folders,
            scenarios,
        }
    }
}

/// Each folder's label: itself, or "folder N" (in path order) in an anonymous report, where
/// a folder named after its laptop's owner would name them.
fn folder_labels(results: &[(String, CallResult)], anonymous: bool) -> BTreeMap<String, String> {
    let folders: BTreeSet<&String> = results.iter().map(|(f, _)| f).collect();
    folders
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            let label = if anonymous && !f.is_empty() {
                format!("folder {}", i + 1)
            } else {
                f.clone()
            };
            (f.clone(), label)
        })
        .collect()
}

/// "Trainee N" in an order no name decides: by each trainee's keyed pseudonym (random to
/// anyone without the facilitator's secret), else by the time of their first call.
fn number_anonymously(people: &mut [Person], key: Option<&[u8; 32]>) {
    let mut order: Vec<(usize, uuid::Uuid, (bool, i64, u32))> = people
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (workshop, name, folder) = &p.identity;
            let identity = format!("{}|{name}|{folder}", workshop.as_deref().unwrap_or(""));
            let pseudonym = match key {
                Some(key) => xapi::pseudonym(key, &identity),
                None => xapi::unkeyed_pseudonym(&p.calls[0].1.attempt.attempt_id),
            };
            (
                i,
                pseudonym,
                time::order_key(&p.calls[0].1.attempt.started_at),
            )
        })
        .collect();
    if key.is_some() {
        order.sort_by_key(|o| o.1);
    } else {
        order.sort_by(|a, b| a.2.cmp(&b.2).then_with(|| a.1.cmp(&b.1)));
    }
    for (n, (i, pseudonym, _)) in order.iter().enumerate() {
        people[*i].shown = Some(format!("Trainee {}", n + 1));
        people[*i].account = Some(format!("trainee-{}", pseudonym.simple()));
    }
    people.sort_by_key(|p| {
        p.shown
            .as_deref()
            .and_then(|s| s.strip_prefix("Trainee "))
            .and_then(|n| n.parse::<usize>().ok())
    });
}

/// With `split_by_folder`, a name found in several folders is shown with its folder.
fn name_folders_apart(people: &mut [Person]) {
    let mut folders_per_name: BTreeMap<(Option<String>, String), usize> = BTreeMap::new();
    for p in people.iter() {
        *folders_per_name
            .entry((p.identity.0.clone(), p.identity.1.clone()))
            .or_default() += 1;
    }
    for p in people.iter_mut() {
        if folders_per_name[&(p.identity.0.clone(), p.identity.1.clone())] > 1 {
            // The folder's own name (a laptop's), not the path it was collected under.
            let folder = p.identity.2.rsplit(['/', '\\']).next().unwrap_or_default();
            p.shown = Some(format!("{} ({folder})", p.name));
        }
    }
}

/// What the facilitator should check: a name from several folders, calls without a name.
fn warnings(people: &[Person], options: &ReportOptions) -> Vec<String> {
    let mut warnings = Vec::new();
    for p in people {
        let folders = p.folders();
        if folders.len() > 1 && !options.split_by_folder {
            let who = if options.anonymous {
                "One trainee's name".to_string()
            } else {
                format!("\"{}\"", p.name)
            };
            let listed: Vec<&str> = folders.iter().take(4).copied().collect();
            warnings.push(format!(
                "{who}{} has calls from {} folders ({}{}): two people with one name, or one \
                 person on two laptops? They are counted as one; --split-by-folder counts \
                 each folder apart.",
                p.identity
                    .0
                    .as_deref()
                    .map_or(String::new(), |w| format!(" ({w})")),
                folders.len(),
                listed.join(", "),
                if folders.len() > 4 { ", …" } else { "" },
            ));
        }
        if p.identity.1.is_empty() {
            warnings.push(format!(
                "{} without a trainee's name {} counted as one trainee, \"{NO_NAME}\".",
                if p.calls.len() == 1 {
                    "1 call".to_string()
                } else {
                    format!("{} calls", p.calls.len())
                },
                if p.calls.len() == 1 { "is" } else { "are" },
            ));
        }
    }
    warnings
}

/// A result file copied twice into the folder is one attempt, not two.
fn dedup_attempts(mut results: Vec<(String, CallResult)>) -> Vec<(String, CallResult)> {
    let mut seen = std::collections::HashSet::new();
    results.retain(|(_, r)| seen.insert(r.attempt.attempt_id.clone()));
    results
}

/// The finished call with the highest total (the earlier on a tie); none if none finished.
fn best_index(attempts: &[AttemptSummary]) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (i, a) in attempts.iter().enumerate() {
        if a.status == Status::Finished && best.is_none_or(|b| a.total > attempts[b].total) {
            best = Some(i);
        }
    }
    best
}

/// Per scenario, best score first; equal scores share a rank ("1, 2, 2, 4").
fn rank(trainees: &mut [Trainee]) {
    let ids: BTreeSet<String> = trainees
        .iter()
        .flat_map(|t| t.scenarios.iter().map(|s| s.scenario_id.clone()))
        .collect();
    for id in ids {
        let mut scores: Vec<(f64, usize, usize)> = Vec::new();
        for (ti, t) in trainees.iter().enumerate() {
            if let Some(si) = t.scenarios.iter().position(|s| s.scenario_id == id)
                && let Some(best) = t.scenarios[si].best_attempt()
            {
                scores.push((best.total, ti, si));
            }
        }
        scores.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let mut previous: Option<(f64, usize)> = None;
        for (place, (total, ti, si)) in scores.into_iter().enumerate() {
            let rank = match previous {
                Some((p, r)) if p == total => r,
                _ => place + 1,
            };
            trainees[ti].scenarios[si].rank = Some(rank);
            previous = Some((total, rank));
        }
    }
}

fn summarize(call: &CallResult, result: usize, number: usize, folder: String) -> AttemptSummary {
    let score = &call.debrief.score;
    let mut dimensions = [0.0; 4];
    for (slot, kind) in dimensions.iter_mut().zip(DIMENSIONS) {
        *slot = score
            .dimensions
            .iter()
            .find(|d| d.kind == kind)
            .map_or(0.0, |d| d.value);
    }
    let tricks = call
        .debrief
        .timeline
        .iter()
        .filter(|a| a.kind.is_manipulative())
        .count() as u32;
    let trick_points = score
        .penalties
        .iter()
        .filter(|p| p.what.starts_with("manipulative"))
        .map(|p| p.points)
        .sum();
    let premature_proposals = score
        .penalties
        .iter()
        .filter(|p| p.what.starts_with(PREMATURE_PENALTY))
        .map(|p| p.count)
        .sum();
    AttemptSummary {
        result,
        number,
        attempt_id: call.attempt.attempt_id.clone(),
        scenario_id: call.attempt.scenario.id.clone(),
        scenario_title: call.attempt.scenario.title.clone(),
        started_at: call.attempt.started_at.clone(),
        ended_at: call.ended_at.clone(),
        status: call.status,
        seed: call.attempt.seed,
        folder,
        duration_seconds: call.duration_seconds,
        dimensions,
        total: score.total,
        outcome: score.outcome,
        right_outcome: score.right_outcome,
        right_ending: score.outcome == Some(score.right_outcome),
        tricks,
        trick_points,
        premature_proposals,
        trust: call.debrief.trust.clone(),
        moves: call.moves.len(),
    }
}
