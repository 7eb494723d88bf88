//! The report's data model: the class, its trainees and their attempts, per-scenario summaries
//! and the class's move mix, with the small accessors the views use.

use crate::record::{CallResult, Status};
use rapport_core::scenario::{MoveKind, Outcome};
use rapport_core::scoring::{DimensionKind, outcome_label};

/// How the report presents the class.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReportOptions {
    /// Order each scenario's trainees by best score and show a rank (off: by name, no rank).
    pub rank: bool,
    /// Replace every trainee's name by "Trainee 1" … "Trainee n": numbered in an order keyed
    /// by `key` (random to anyone without it), else by the time of each trainee's first call;
    /// never by name.
    pub anonymous: bool,
    /// Report one name found in several folders as one trainee per folder.
    pub split_by_folder: bool,
    /// The facilitator's secret (kept in a file beside the settings): it keys the anonymous
    /// numbering and the xAPI pseudonyms, so nobody without it can recompute who is who.
    pub key: Option<[u8; 32]>,
}

/// The dimensions every report shows, in this order.
pub const DIMENSIONS: [DimensionKind; 4] = [
    DimensionKind::Discovery,
    DimensionKind::Agreement,
    DimensionKind::Relationship,
    DimensionKind::FitAndOutcome,
];

/// The whole class, ready for the text, CSV, HTML and xAPI views.
#[derive(Debug, Clone)]
pub struct ClassReport {
    pub options: ReportOptions,
    /// By name (case-free, then as written); anonymous: by their numbers.
    pub trainees: Vec<Trainee>,
    /// By scenario id.
    pub scenarios: Vec<ScenarioSummary>,
    pub mix: MoveMix,
    /// Three to five questions for the room (fewer only for an empty class).
    pub prompts: Vec<String>,
    /// What the facilitator should know before trusting a row: one name from several
    /// folders (two people, or one on two laptops?), calls without a name.
    pub warnings: Vec<String>,
    /// The results the report was built from, ordered by trainee then start; with
    /// `anonymous`, their trainee names are already replaced.
    pub results: Vec<CallResult>,
}

/// One trainee (a name within a workshop, matched free of case, spaces and Unicode form; with
/// `split_by_folder`, also within a folder) and their calls, scenario by scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Trainee {
    /// The name as first entered, or "Trainee N" with `anonymous`. Not yet made safe for a
    /// view.
    pub name: String,
    /// The workshop code in its canonical spelling.
    pub workshop: Option<String>,
    /// The trainee's account name for a learning record store: "WORKSHOP/NAME" (or the name
    /// without a workshop); with `anonymous`, "trainee-" and a pseudonym keyed by the
    /// facilitator's secret, stable from one report to the next, that nobody without the
    /// secret can link to a name.
    pub account: String,
    /// The folders the calls were read from (one, unless a name came from several laptops);
    /// with `anonymous`, "folder N".
    pub folders: Vec<String>,
    /// One entry per scenario played, by scenario id.
    pub scenarios: Vec<TraineeScenario>,
}

impl Trainee {
    /// Every call, scenario by scenario, each scenario's calls by start time.
    pub fn attempts(&self) -> impl Iterator<Item = &AttemptSummary> {
        self.scenarios.iter().flat_map(|s| s.attempts.iter())
    }

    pub fn calls(&self) -> usize {
        self.scenarios.iter().map(|s| s.attempts.len()).sum()
    }

    /// This trainee's calls at one scenario.
    pub fn scenario(&self, id: &str) -> Option<&TraineeScenario> {
        self.scenarios.iter().find(|s| s.scenario_id == id)
    }

    /// Manipulative moves over all this trainee's calls.
    pub fn tricks(&self) -> u32 {
        self.attempts().map(|a| a.tricks).sum()
    }

    /// Premature proposals over all this trainee's calls.
    pub fn premature_proposals(&self) -> u32 {
        self.attempts().map(|a| a.premature_proposals).sum()
    }
}

/// One trainee's calls at one scenario: first, best and rank are within the scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct TraineeScenario {
    pub scenario_id: String,
    /// By start time; `AttemptSummary::number` counts them from 1.
    pub attempts: Vec<AttemptSummary>,
    /// Index in `attempts` of the first finished call (an abandoned call is never a first).
    pub first: Option<usize>,
    /// Index in `attempts` of the finished call with the highest total (the earlier on a tie).
    pub best: Option<usize>,
    /// With `rank`: 1 for the best score at this scenario; equal scores share a rank; none
    /// for a trainee who finished no call of it.
    pub rank: Option<usize>,
}

impl TraineeScenario {
    pub fn first_attempt(&self) -> Option<&AttemptSummary> {
        self.first.map(|i| &self.attempts[i])
    }

    pub fn best_attempt(&self) -> Option<&AttemptSummary> {
        self.best.map(|i| &self.attempts[i])
    }

    /// Finished calls after the first: the trainee tried this scenario again.
    pub fn tried_again(&self) -> bool {
        self.attempts
            .iter()
            .filter(|a| a.status == Status::Finished)
            .count()
            > 1
    }

    /// Whether any call reached the right ending.
    pub fn reached_right_ending(&self) -> bool {
        self.attempts.iter().any(|a| a.right_ending)
    }
}

/// The figures of one call that the report shows.
#[derive(Debug, Clone, PartialEq)]
pub struct AttemptSummary {
    /// Index of the call in `ClassReport::results`.
    pub result: usize,
    /// 1-based, in start order within the trainee and scenario.
    pub number: usize,
    pub attempt_id: String,
    pub scenario_id: String,
    pub scenario_title: String,
    pub started_at: String,
    pub ended_at: String,
    pub status: Status,
    pub seed: u64,
    /// The folder the result was read from ("" when the caller did not say); with
    /// `anonymous`, "folder N".
    pub folder: String,
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
    /// Every attempt with its trainee, in the report's order.
    pub fn attempts(&self) -> impl Iterator<Item = (&Trainee, &AttemptSummary)> {
        self.trainees
            .iter()
            .flat_map(|t| t.attempts().map(move |a| (t, a)))
    }

    /// One scenario's table: each trainee who played it, by name, or by best score with
    /// `rank` (trainees without a finished call last).
    pub fn table(&self, scenario_id: &str) -> Vec<(&Trainee, &TraineeScenario)> {
        let mut rows: Vec<(&Trainee, &TraineeScenario)> = self
            .trainees
            .iter()
            .filter_map(|t| Some((t, t.scenario(scenario_id)?)))
            .collect();
        if self.options.rank {
            rows.sort_by_key(|(_, s)| s.rank.unwrap_or(usize::MAX));
        }
        rows
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
