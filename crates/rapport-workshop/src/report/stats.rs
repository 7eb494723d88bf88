//! The class's statistics: per-scenario summaries (right endings, needs missed, moves chosen)
//! and the move mix beside Rackham's negotiators.

use super::model::{MissedNeed, MixShare, MoveCount, MoveMix, ScenarioSummary, Trainee};
use super::time;
use crate::record::{CallResult, Status};
use rapport_core::scenario::{MoveKind, Outcome};
use rapport_core::scoring::debrief::{AVERAGE, ProfileFigures, RACKHAM_SOURCE, SKILLED};
use std::collections::BTreeMap;

pub(super) fn scenarios(results: &[CallResult], trainees: &[Trainee]) -> Vec<ScenarioSummary> {
    let mut by_id: BTreeMap<&str, Vec<&CallResult>> = BTreeMap::new();
    for r in results {
        by_id.entry(&r.attempt.scenario.id).or_default().push(r);
    }
    by_id
        .into_iter()
        .map(|(id, calls)| {
            let played: Vec<_> = trainees.iter().filter_map(|t| t.scenario(id)).collect();
            let trainees_right = played.iter().filter(|s| s.reached_right_ending()).count();
            let right =
                |r: &CallResult| r.debrief.score.outcome == Some(r.debrief.score.right_outcome);
            let mut right_outcomes: Vec<(Outcome, usize)> = Vec::new();
            for r in &calls {
                let o = r.debrief.score.right_outcome;
                match right_outcomes.iter_mut().find(|(x, _)| *x == o) {
                    Some((_, n)) => *n += 1,
                    None => right_outcomes.push((o, 1)),
                }
            }
            right_outcomes.sort_by_key(|o| std::cmp::Reverse(o.1));
            ScenarioSummary {
                id: id.to_string(),
                // The newest title, in case the scenario was renamed during the workshop.
                title: calls
                    .iter()
                    .max_by(|a, b| {
                        time::order_key(&a.attempt.started_at)
                            .cmp(&time::order_key(&b.attempt.started_at))
                    })
                    .map(|r| r.attempt.scenario.title.clone())
                    .unwrap_or_default(),
                calls: calls.len(),
                finished_calls: calls
                    .iter()
                    .filter(|r| r.status == Status::Finished)
                    .count(),
                trainees: played.len(),
                trainees_right,
                calls_right: calls.iter().filter(|r| right(r)).count(),
                right_outcomes,
                missed_needs: missed_needs(&calls),
                moves: move_counts(&calls),
            }
        })
        .collect()
}

/// Needs short of explicit at the end of finished calls, most often missed first.
pub fn missed_needs(calls: &[&CallResult]) -> Vec<MissedNeed> {
    struct Tally {
        summary: String,
        missed: usize,
        in_play: usize,
        suggestions: Vec<(String, usize)>,
    }
    let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
    for r in calls.iter().filter(|r| r.status == Status::Finished) {
        for need in &r.debrief.needs {
            let t = tallies.entry(&need.id).or_insert_with(|| Tally {
                summary: need.summary.clone(),
                missed: 0,
                in_play: 0,
                suggestions: Vec::new(),
            });
            t.in_play += 1;
            if !need.found {
                t.missed += 1;
                if let Some(s) = &need.suggestion {
                    match t.suggestions.iter_mut().find(|(x, _)| x == s) {
                        Some((_, n)) => *n += 1,
                        None => t.suggestions.push((s.clone(), 1)),
                    }
                }
            }
        }
    }
    let mut needs: Vec<MissedNeed> = tallies
        .into_iter()
        .filter(|(_, t)| t.missed > 0)
        .map(|(id, t)| {
            // The most frequent suggestion; the first seen on a tie.
            let mut best: Option<&(String, usize)> = None;
            for s in &t.suggestions {
                if best.is_none_or(|b| s.1 > b.1) {
                    best = Some(s);
                }
            }
            MissedNeed {
                id: id.to_string(),
                summary: t.summary,
                missed: t.missed,
                in_play: t.in_play,
                suggestion: best.map(|(s, _)| s.clone()),
            }
        })
        .collect();
    needs.sort_by(|a, b| {
        b.missed
            .cmp(&a.missed)
            .then_with(|| {
                (a.missed * b.in_play)
                    .cmp(&(b.missed * a.in_play))
                    .reverse()
            })
            .then_with(|| a.id.cmp(&b.id))
    });
    needs
}

fn move_counts(calls: &[&CallResult]) -> Vec<MoveCount> {
    let mut counts: BTreeMap<&str, MoveCount> = BTreeMap::new();
    for r in calls {
        let mut seen: Vec<&str> = Vec::new();
        for (turn, played) in r.moves.iter().enumerate() {
            // The scenario's own wording of the move (the trainee's line may be a repeat's).
            let text = r
                .debrief
                .head
                .get(turn)
                .map_or(played.said.as_str(), |h| h.move_text.as_str());
            let c = counts.entry(&played.id).or_insert_with(|| MoveCount {
                id: played.id.clone(),
                text: text.to_string(),
                kind: played.kind,
                times: 0,
                calls: 0,
            });
            c.times += 1;
            if !seen.contains(&played.id.as_str()) {
                seen.push(&played.id);
                c.calls += 1;
            }
        }
    }
    let mut moves: Vec<MoveCount> = counts.into_values().collect();
    moves.sort_by(|a, b| b.times.cmp(&a.times).then_with(|| a.id.cmp(&b.id)));
    moves
}

pub(super) fn move_mix(results: &[CallResult]) -> MoveMix {
    let mut moves = 0.0;
    let (mut testing, mut summarizing, mut questions) = (0.0, 0.0, 0.0);
    let mut irritators = 0u32;
    let mut seconds = 0.0;
    let mut kinds: BTreeMap<MoveKind, u32> = BTreeMap::new();
    for r in results {
        let p = &r.debrief.profile;
        let n = f64::from(p.moves);
        moves += n;
        // The profile keeps shares in percent of the call's moves: back to counts.
        testing += p.testing_understanding * n / 100.0;
        summarizing += p.summarizing * n / 100.0;
        questions += p.questions * n / 100.0;
        irritators += p.irritators;
        seconds += r.duration_seconds.max(0.0);
        for m in &r.moves {
            *kinds.entry(m.kind).or_default() += 1;
        }
    }
    let pct = |x: f64| {
        if moves > 0.0 {
            (1000.0 * x / moves).round() / 10.0
        } else {
            0.0
        }
    };
    let share = |label, class, pick: fn(&ProfileFigures) -> f64| MixShare {
        label,
        class,
        skilled: pick(&SKILLED),
        average: pick(&AVERAGE),
    };
    let mut kinds: Vec<(MoveKind, u32)> = kinds.into_iter().collect();
    kinds.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    MoveMix {
        moves: moves as u32,
        shares: vec![
            share("Testing understanding", pct(testing), |f| f.testing),
            share("Summarizing", pct(summarizing), |f| f.summarizing),
            share("Asking questions", pct(questions), |f| f.questions),
        ],
        irritators_per_hour: (seconds > 0.0)
            .then(|| (10.0 * f64::from(irritators) * 3600.0 / seconds).round() / 10.0),
        skilled_irritators_per_hour: SKILLED.irritators_per_hour,
        average_irritators_per_hour: AVERAGE.irritators_per_hour,
        kinds,
        source: RACKHAM_SOURCE.to_string(),
    }
}
