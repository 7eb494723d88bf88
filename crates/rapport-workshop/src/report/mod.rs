//! The facilitator's class report: a room's results gathered per trainee and per scenario, the
//! class's habits beside Rackham's negotiators, and discussion prompts built from what the
//! class actually did. No I/O: results go in as values, the views come out as text and bytes.
//!
//! What counts where:
//! - A trainee is a name within a workshop (the same name in two workshops is two trainees).
//!   Their attempts are ordered by `started_at`; the first is the earliest, the best the one
//!   with the highest total (the earlier one on a tie).
//! - The scores, outcome and right ending of a trainee's row are those of the best attempt;
//!   tricks (manipulative moves) and premature proposals are added up over all their calls.
//! - Needs missed are counted over finished calls (an abandoned call had no chance to find
//!   them) in which the need was in play (a seed decides which needs a customer has).
//! - Moves chosen are counted over every call, finished or abandoned.
//! - The share who reached the right ending counts trainees who reached it in any attempt.

mod csv;
mod html;
mod names;
mod text;
pub mod time;
pub mod xapi;

pub use self::csv::csv;
pub use html::html;
pub use names::{for_terminal, shortened_to_width};
pub use text::text;
pub use xapi::{XapiOptions, xapi};

use crate::record::{CallResult, Status};
use rapport_core::scenario::{MoveKind, Outcome};
use rapport_core::scoring::debrief::{AVERAGE, ProfileFigures, RACKHAM_SOURCE, SKILLED};
use rapport_core::scoring::{DimensionKind, outcome_label};
use std::collections::BTreeMap;

/// How the report presents the class.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReportOptions {
    /// Order trainees by best score and show a rank column (off: by name, no rank).
    pub rank: bool,
    /// Replace every trainee's name by "Trainee 1" … "Trainee n", numbered in name order.
    pub anonymous: bool,
}

/// The dimensions every report shows, in this order.
pub const DIMENSIONS: [DimensionKind; 4] = [
    DimensionKind::Discovery,
    DimensionKind::Agreement,
    DimensionKind::Relationship,
    DimensionKind::FitAndOutcome,
];

/// What the core's penalty for premature proposals says first (`rapport_core::scoring`).
const PREMATURE_PENALTY: &str = "proposals before";

/// The whole class, ready for the text, CSV, HTML and xAPI views.
#[derive(Debug, Clone)]
pub struct ClassReport {
    pub options: ReportOptions,
    /// In the report's order: by name, or by best score with `rank`.
    pub trainees: Vec<Trainee>,
    /// By scenario id.
    pub scenarios: Vec<ScenarioSummary>,
    pub mix: MoveMix,
    /// Three to five questions for the room (fewer only for an empty class).
    pub prompts: Vec<String>,
    /// The results the report was built from, ordered by trainee then start; with
    /// `anonymous`, their trainee names are already replaced.
    pub results: Vec<CallResult>,
}

/// One trainee (a name within a workshop) and their attempts.
#[derive(Debug, Clone, PartialEq)]
pub struct Trainee {
    /// With `rank`: 1 for the best score; equal scores share a rank.
    pub rank: Option<usize>,
    /// The name as entered, or "Trainee N" with `anonymous`. Not yet made safe for a view.
    pub name: String,
    pub workshop: Option<String>,
    /// The trainee's account name for a learning record store: "WORKSHOP/NAME" (or the name
    /// without a workshop); with `anonymous`, "trainee-" and a v5 UUID of the workshop and
    /// name, stable from one report to the next but carrying no name (a pseudonym: someone
    /// who guesses a name and workshop can check the guess).
    pub account: String,
    /// Ordered by start time.
    pub attempts: Vec<AttemptSummary>,
    /// Index of the first attempt in `attempts` (always 0: they are in start order).
    pub first: usize,
    /// Index of the best attempt in `attempts`.
    pub best: usize,
}

impl Trainee {
    pub fn first_attempt(&self) -> &AttemptSummary {
        &self.attempts[self.first]
    }

    pub fn best_attempt(&self) -> &AttemptSummary {
        &self.attempts[self.best]
    }

    /// Manipulative moves over all this trainee's calls.
    pub fn tricks(&self) -> u32 {
        self.attempts.iter().map(|a| a.tricks).sum()
    }

    /// Premature proposals over all this trainee's calls.
    pub fn premature_proposals(&self) -> u32 {
        self.attempts.iter().map(|a| a.premature_proposals).sum()
    }

    /// Whether any attempt reached the right ending.
    pub fn reached_right_ending(&self) -> bool {
        self.attempts.iter().any(|a| a.right_ending)
    }
}

/// The figures of one call that the report shows.
#[derive(Debug, Clone, PartialEq)]
pub struct AttemptSummary {
    /// Index of the call in `ClassReport::results`.
    pub result: usize,
    /// 1-based, in start order within the trainee.
    pub number: usize,
    pub attempt_id: String,
    pub scenario_id: String,
    pub scenario_title: String,
    pub started_at: String,
    pub ended_at: String,
    pub status: Status,
    pub duration_seconds: f64,
    /// 0–100 per dimension, in the order of [`DIMENSIONS`].
    pub dimensions: [f64; 4],
    /// 0–100.
    pub total: f64,
    /// The ending reached, if any.
    pub outcome: Option<Outcome>,
    /// The ending that was right for this customer's hidden situation.
    pub right_outcome: Outcome,
    pub right_ending: bool,
    /// Manipulative moves played (closes, rebuttals, feature dumps, irritators).
    pub tricks: u32,
    /// Score points the tricks took off.
    pub trick_points: f64,
    /// Proposals made before the need was explored and advice asked.
    pub premature_proposals: u32,
    /// Trust before the first move and after each.
    pub trust: Vec<i16>,
    pub moves: usize,
}

impl AttemptSummary {
    pub fn outcome_label(&self) -> &'static str {
        match self.outcome {
            Some(o) => outcome_label(o),
            None if self.status == Status::Abandoned => "abandoned",
            None => "no ending",
        }
    }
}

/// What one scenario taught the class.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioSummary {
    pub id: String,
    pub title: String,
    pub calls: usize,
    pub finished_calls: usize,
    /// Trainees who played it at least once.
    pub trainees: usize,
    /// Trainees who reached the right ending in at least one attempt.
    pub trainees_right: usize,
    /// Calls that reached the right ending.
    pub calls_right: usize,
    /// The right endings of the calls (a seed can change it), most frequent first.
    pub right_outcomes: Vec<(Outcome, usize)>,
    /// Most often missed first (then by the share of calls); only needs missed at least once.
    pub missed_needs: Vec<MissedNeed>,
    /// Most often chosen first.
    pub moves: Vec<MoveCount>,
}

impl ScenarioSummary {
    /// The share of its trainees who reached the right ending, 0–1.
    pub fn share_right(&self) -> f64 {
        if self.trainees == 0 {
            0.0
        } else {
            self.trainees_right as f64 / self.trainees as f64
        }
    }
}

/// A need the class did not make explicit.
#[derive(Debug, Clone, PartialEq)]
pub struct MissedNeed {
    pub id: String,
    pub summary: String,
    /// Finished calls where it stayed short of explicit.
    pub missed: usize,
    /// Finished calls where the customer had this need.
    pub in_play: usize,
    /// The question that would have found it, as the debriefs most often suggested.
    pub suggestion: Option<String>,
}

/// How often one move of a scenario was chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct MoveCount {
    pub id: String,
    pub text: String,
    pub kind: MoveKind,
    pub times: usize,
    /// Calls that chose it at least once.
    pub calls: usize,
}

/// The class's moves beside Rackham's skilled and average negotiators.
#[derive(Debug, Clone, PartialEq)]
pub struct MoveMix {
    pub moves: u32,
    /// Testing understanding, summarizing, asking questions: percent of moves.
    pub shares: Vec<MixShare>,
    /// Irritators per hour of calling, when the calls took any time.
    pub irritators_per_hour: Option<f64>,
    pub skilled_irritators_per_hour: f64,
    pub average_irritators_per_hour: f64,
    /// Every kind of move the class played, most played first.
    pub kinds: Vec<(MoveKind, u32)>,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MixShare {
    pub label: &'static str,
    pub class: f64,
    pub skilled: f64,
    pub average: f64,
}

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

    /// Every attempt with its trainee, in the report's order.
    pub fn attempts(&self) -> impl Iterator<Item = (&Trainee, &AttemptSummary)> {
        self.trainees
            .iter()
            .flat_map(|t| t.attempts.iter().map(move |a| (t, a)))
    }

    pub fn calls(&self) -> usize {
        self.results.len()
    }

    pub fn finished_calls(&self) -> usize {
        self.results
            .iter()
            .filter(|r| r.status == Status::Finished)
            .count()
    }

    /// The scenario with this id.
    pub fn scenario(&self, id: &str) -> Option<&ScenarioSummary> {
        self.scenarios.iter().find(|s| s.id == id)
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

fn scenarios(results: &[CallResult], trainees: &[Trainee]) -> Vec<ScenarioSummary> {
    let mut by_id: BTreeMap<&str, Vec<&CallResult>> = BTreeMap::new();
    for r in results {
        by_id.entry(&r.attempt.scenario.id).or_default().push(r);
    }
    by_id
        .into_iter()
        .map(|(id, calls)| {
            let played: Vec<&Trainee> = trainees
                .iter()
                .filter(|t| t.attempts.iter().any(|a| a.scenario_id == id))
                .collect();
            let trainees_right = played
                .iter()
                .filter(|t| {
                    t.attempts
                        .iter()
                        .any(|a| a.scenario_id == id && a.right_ending)
                })
                .count();
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

fn move_mix(results: &[CallResult]) -> MoveMix {
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

/// "a", "an": the article a label takes.
fn with_article(label: &str) -> String {
    let article = match label.chars().next() {
        Some(c) if "aeiouAEIOU".contains(c) => "an",
        _ => "a",
    };
    format!("{article} {label}")
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        "0%".to_string()
    } else {
        format!("{:.0}%", 100.0 * part as f64 / whole as f64)
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Questions for the room, from the class's own results, most telling first.
fn prompts(report: &ClassReport) -> Vec<String> {
    let mut prompts = Vec::new();
    if report.results.is_empty() {
        return prompts;
    }

    // 1. The need missed most often (then: in the largest share of the calls it was in play;
    // then the first scenario).
    let most_missed = report
        .scenarios
        .iter()
        .flat_map(|s| s.missed_needs.first().map(|n| (s, n)))
        .reduce(|best, next| {
            let (a, b) = (best.1, next.1);
            let better = b.missed > a.missed
                || (b.missed == a.missed && b.missed * a.in_play > a.missed * b.in_play);
            if better { next } else { best }
        });
    if let Some((scenario, need)) = most_missed {
        let question = match &need.suggestion {
            Some(q) => format!(" One question that would have found it: \"{q}\""),
            None => String::new(),
        };
        prompts.push(format!(
            "In \"{}\", the customer never put \"{}\" in their own words in {} of {} finished \
             calls. What would you ask to find it?{question}",
            scenario.title, need.summary, need.missed, need.in_play,
        ));
    }

    // 2. The trick played most often, and what it cost.
    let mut tricks: BTreeMap<MoveKind, (usize, i64, Vec<usize>)> = BTreeMap::new();
    for (t, a) in report.attempts() {
        let r = &report.results[a.result];
        for ann in r
            .debrief
            .timeline
            .iter()
            .filter(|x| x.kind.is_manipulative())
        {
            let before = r
                .debrief
                .trust
                .get(ann.turn.saturating_sub(1))
                .copied()
                .unwrap_or(ann.trust_after);
            let e = tricks.entry(ann.kind).or_default();
            e.0 += 1;
            e.1 += i64::from(before) - i64::from(ann.trust_after);
            let who = report
                .trainees
                .iter()
                .position(|x| std::ptr::eq(x, t))
                .unwrap_or(0);
            if !e.2.contains(&who) {
                e.2.push(who);
            }
        }
    }
    if let Some((kind, (times, trust_lost, who))) = tricks
        .iter()
        .max_by(|a, b| a.1.0.cmp(&b.1.0).then_with(|| b.0.cmp(a.0)))
    {
        let with_tricks: Vec<&AttemptSummary> = report
            .attempts()
            .map(|(_, a)| a)
            .filter(|a| a.tricks > 0)
            .collect();
        let points = with_tricks.iter().map(|a| a.trick_points).sum::<f64>()
            / with_tricks.len().max(1) as f64;
        let label = kind.label();
        prompts.push(format!(
            "{} used {}, {} {}. On average each one cost {:.1} points of the \
             customer's trust, and the calls with tricks lost {points:.1} score points to them. \
             What did the customer hear, and what would you say instead?",
            plural(who.len(), "trainee", "trainees"),
            with_article(label),
            plural(*times, "time", "times"),
            "in all",
            *trust_lost as f64 / *times as f64,
        ));
    }

    // 3. The right ending, for the scenario most of the class played.
    if let Some(s) = report
        .scenarios
        .iter()
        .max_by(|a, b| a.trainees.cmp(&b.trainees).then_with(|| b.id.cmp(&a.id)))
    {
        let right = s
            .right_outcomes
            .first()
            .map_or("the right ending", |(o, _)| outcome_label(*o));
        prompts.push(format!(
            "In \"{}\", {} of {} trainees ({}) reached the right ending, which was most often \
             {right}. What did they do that the others did not?",
            s.title,
            s.trainees_right,
            s.trainees,
            percent(s.trainees_right, s.trainees),
        ));
    }

    // 4. Questions asked, beside Rackham's negotiators.
    if let Some(q) = report
        .mix
        .shares
        .iter()
        .find(|s| s.label == "Asking questions")
    {
        prompts.push(format!(
            "The class asked questions in {:.0}% of its moves; Rackham's skilled negotiators \
             {:.1}%, average ones {:.1}%. Where in your call would one more question have \
             changed the customer's answer?",
            q.class, q.skilled, q.average
        ));
    }

    // 5. Second attempts, or premature proposals when nobody tried again.
    let again: Vec<(f64, f64)> = report
        .trainees
        .iter()
        .filter(|t| t.attempts.len() > 1)
        .map(|t| {
            let first = t.first_attempt().total;
            let later = t.attempts[1..]
                .iter()
                .map(|a| a.total)
                .fold(f64::MIN, f64::max);
            (first, later)
        })
        .collect();
    let premature: usize = report
        .attempts()
        .filter(|(_, a)| a.premature_proposals > 0)
        .count();
    if !again.is_empty() {
        let gain = again.iter().map(|(f, l)| l - f).sum::<f64>() / again.len() as f64;
        prompts.push(format!(
            "{} tried again; their best later score was {:.1} points {} their first on \
             average. What did you change the second time?",
            plural(again.len(), "trainee", "trainees"),
            gain.abs(),
            if gain >= 0.0 { "above" } else { "below" },
        ));
    } else if premature > 0 {
        prompts.push(format!(
            "{} of {} calls proposed a solution before the need was explored and the customer \
             asked for advice. How do you know a customer is ready to hear a proposal?",
            premature,
            report.calls()
        ));
    }
    // 6. When the class gave little else to discuss: the spread of scores.
    if prompts.len() < 3 {
        let mut totals: Vec<f64> = report.attempts().map(|(_, a)| a.total).collect();
        totals.sort_by(f64::total_cmp);
        let median = totals[totals.len() / 2];
        prompts.push(format!(
            "Scores ran from {:.1} to {:.1}, with half the calls at {median:.1} or above. \
             Which single move made the biggest difference in your call?",
            totals[0],
            totals[totals.len() - 1],
        ));
    }
    prompts.truncate(5);
    prompts
}
