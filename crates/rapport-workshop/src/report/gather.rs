//! Gathering a class from its results: grouping calls per trainee, naming or anonymizing
//! them, summarizing each call and ranking the trainees.

use super::model::{AttemptSummary, ClassReport, DIMENSIONS, ReportOptions, Trainee};
use super::prompts::prompts;
use super::stats::{move_mix, scenarios};
use super::{time, xapi};
use crate::record::CallResult;
use std::collections::BTreeMap;

/// What the core's penalty for premature proposals says first (`rapport_core::scoring`).
const PREMATURE_PENALTY: &str = "proposals before";

impl ClassReport {
    /// Gathers a class from its results (any order; duplicates of one attempt id count once).
    pub fn new(results: Vec<CallResult>, options: &ReportOptions) -> ClassReport {
        let results = dedup_attempts(results);
        // Group by trainee, in name order: this order also numbers anonymous trainees.
        let mut groups: BTreeMap<(String, String, Option<String>), Vec<CallResult>> =
            BTreeMap::new();
        for r in results {
            let key = (
                r.attempt.trainee.to_lowercase(),
                r.attempt.trainee.clone(),
                r.attempt.workshop.clone(),
            );
            groups.entry(key).or_default().push(r);
        }
        let mut all = Vec::new();
        let mut trainees = Vec::new();
        for (n, ((_, name, workshop), mut calls)) in groups.into_iter().enumerate() {
            calls.sort_by(|a, b| {
                time::order_key(&a.attempt.started_at)
                    .cmp(&time::order_key(&b.attempt.started_at))
                    .then_with(|| a.attempt.attempt_id.cmp(&b.attempt.attempt_id))
            });
            let account = match (&workshop, options.anonymous) {
                (_, true) => format!(
                    "trainee-{}",
                    xapi::pseudonym(workshop.as_deref().unwrap_or(""), &name).simple()
                ),
                (Some(w), false) => format!("{w}/{name}"),
                (None, false) => name.clone(),
            };
            let shown = if options.anonymous {
                format!("Trainee {}", n + 1)
            } else {
                name
            };
            let mut attempts = Vec::new();
            for (i, mut call) in calls.into_iter().enumerate() {
                if options.anonymous {
                    call.attempt.trainee = shown.clone();
                }
                attempts.push(summarize(&call, all.len(), i + 1));
                all.push(call);
            }
            let best = best_index(&attempts);
            trainees.push(Trainee {
                rank: None,
                name: shown,
                workshop,
                account,
                attempts,
                first: 0,
                best,
            });
        }
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
            results: all,
        };
        report.prompts = prompts(&report);
        report
    }
}

/// A result file copied twice into the folder is one attempt, not two.
fn dedup_attempts(mut results: Vec<CallResult>) -> Vec<CallResult> {
    let mut seen = std::collections::HashSet::new();
    results.retain(|r| seen.insert(r.attempt.attempt_id.clone()));
    results
}

fn best_index(attempts: &[AttemptSummary]) -> usize {
    let mut best = 0;
    for (i, a) in attempts.iter().enumerate() {
        if a.total > attempts[best].total {
            best = i;
        }
    }
    best
}

/// Best score first; equal scores share a rank ("1, 2, 2, 4") and keep name order.
fn rank(trainees: &mut [Trainee]) {
    trainees.sort_by(|a, b| b.best_attempt().total.total_cmp(&a.best_attempt().total));
    let mut previous: Option<(f64, usize)> = None;
    for (i, t) in trainees.iter_mut().enumerate() {
        let total = t.best_attempt().total;
        let rank = match previous {
            Some((p, r)) if p == total => r,
            _ => i + 1,
        };
        t.rank = Some(rank);
        previous = Some((total, rank));
    }
}

fn summarize(call: &CallResult, result: usize, number: usize) -> AttemptSummary {
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
