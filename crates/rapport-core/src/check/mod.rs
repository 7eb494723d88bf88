//! The scenario checker: every diagnostic parsing finds, plus the checks that need the
//! scenario to be played — the scoring invariant and the reachability of the right ending.

use crate::players::adversary::{AdversaryConfig, AdversaryResult, adversaries};
use crate::players::invariant::{InvariantReport, covering_seeds, prove_invariant};
use crate::players::search::SearchConfig;
use crate::scenario::diagnostic::Diagnostic;
use crate::scenario::{LineIndex, Parsed, parse, spans};
use crate::scoring::outcome_label;
use serde::Serialize;
use std::collections::HashMap;

mod blocker;
mod played;

use blocker::blocker;
pub use played::READING_FLOOR;
use played::{reading_warnings, rote_warning};

/// How hard the checker searches.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct CheckConfig {
    pub search: SearchConfig,
    /// Distinct seeded variations to prove the invariant on.
    pub seeds: usize,
    /// Random honest plays into which every manipulative move is inserted at every place,
    /// per seed.
    pub random_plays: usize,
    /// The players that try to win without reading, on unseen seeds beside the reading one.
    pub adversaries: AdversaryConfig,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            search: SearchConfig::default(),
            seeds: 4,
            random_plays: 40,
            adversaries: AdversaryConfig::default(),
        }
    }
}

/// Everything `rapport check` reports for one file.
#[derive(Debug, Clone)]
pub struct CheckReport {
    pub parsed: Parsed,
    /// One per seed checked, when the file parsed without errors.
    pub invariant: Vec<InvariantReport>,
    /// Every adversary on unseen seeds beside the reading player (empty when the file has
    /// errors).
    pub adversaries: Vec<AdversaryResult>,
}

impl CheckReport {
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.parsed.diagnostics
    }

    pub fn has_errors(&self) -> bool {
        self.parsed.has_errors()
    }

    /// The smallest margin between the best honest and the best manipulative play.
    pub fn margin(&self) -> Option<f64> {
        self.invariant
            .iter()
            .filter_map(|r| r.search.margin())
            .reduce(f64::min)
    }

    /// The smallest margin that holds for any play, whatever the search missed: a trick keeps
    /// only 88% of the score (see `SearchResult::margin_floor`).
    pub fn margin_floor(&self) -> Option<f64> {
        let floors: Option<Vec<f64>> = self
            .invariant
            .iter()
            .map(|r| r.search.margin_floor())
            .collect();
        floors?.into_iter().reduce(f64::min)
    }
}

/// Parses and fully checks scenario text.
pub fn check_source(source: &str, config: CheckConfig) -> CheckReport {
    let mut parsed = parse(source);
    let Some(scenario) = parsed.scenario.clone() else {
        return CheckReport {
            parsed,
            invariant: Vec::new(),
            adversaries: Vec::new(),
        };
    };
    let seeds = covering_seeds(&scenario, config.seeds);
    let invariant: Vec<InvariantReport> = seeds
        .iter()
        .map(|&seed| prove_invariant(&scenario, seed, config.search, config.random_plays))
        .collect();

    let lines = LineIndex::new(source);
    let tree = spans::parse(source);
    let moves_span = tree
        .as_ref()
        .and_then(|t| t.field_name_span("moves"))
        .unwrap_or(0..0);
    let decision_span = tree
        .as_ref()
        .and_then(|t| t.field_name_span("decision"))
        .unwrap_or(0..0);
    for report in &invariant {
        let seed = report.seed;
        let honest = report.search.honest.as_ref().map_or(0.0, |p| p.total);
        if let Some(m) = &report.search.manipulative
            && m.total >= honest
        {
            let trick = m
                .moves
                .iter()
                .find(|&&i| scenario.moves[i].kind.is_manipulative())
                .copied();
            let trick = trick
                .map(|i| scenario.file.moves[i].id.clone())
                .unwrap_or_default();
            parsed.diagnostics.push(
                    Diagnostic::error(
                        "E030",
                        format!(
                            "seed {seed}: a play using a manipulative move (\"{trick}\") scores {:.1}, not below the best honest play ({honest:.1})",
                            m.total
                        ),
                    )
                    .label("the scoring invariant fails")
                    .help("Make honest discovery possible: lower trust gates, add questions that reach every need, or raise patience.")
                    .at(&lines, moves_span.clone()),
                );
        }
        if let Some(v) = report.insertions.violations.first() {
            parsed.diagnostics.push(
                Diagnostic::error(
                    "E030",
                    format!(
                        "seed {seed}: inserting \"{}\" at turn {} raised a play's score from {:.1} to {:.1}",
                        scenario.file.moves[v.inserted].id,
                        v.at + 1,
                        v.before,
                        v.after
                    ),
                )
                .label("the scoring invariant fails")
                .help("This is usually a scenario whose honest plays run out of patience; give the customer more patience or fewer required steps.")
                .at(&lines, moves_span.clone()),
            );
        }
        if !report.right_outcome_reachable() {
            let blocker = report
                .search
                .honest
                .as_ref()
                .map(|best| blocker(&scenario, seed, &best.moves))
                .unwrap_or_default();
            parsed.diagnostics.push(
                Diagnostic::error(
                    "E031",
                    format!(
                        "seed {seed}: no honest play found reaches the right ending, {}{blocker}",
                        outcome_label(report.search.right_outcome)
                    ),
                )
                .label("right ending unreachable")
                .help("Check that every buying criterion can be met by moves, that trust gates are reachable, and that patience suffices.")
                .at(&lines, decision_span.clone()),
            );
        }
    }
    let adversaries = if parsed.has_errors() {
        Vec::new()
    } else {
        adversaries(&scenario, config.adversaries)
    };
    parsed
        .diagnostics
        .extend(rote_warning(&scenario, &adversaries, tree.as_ref(), &lines));
    if !parsed.has_errors() {
        parsed
            .diagnostics
            .extend(reading_warnings(&scenario, tree.as_ref(), &lines));
    }
    parsed.diagnostics.sort_by_key(|d| (d.span.start, d.code));
    if parsed.has_errors() {
        parsed.scenario = None;
    }
    CheckReport {
        parsed,
        invariant,
        adversaries,
    }
}

/// Scenarios checked together must have different ids (the game and a workshop code find a
/// scenario by its id). For each file whose id an earlier file already uses: its index and an
/// error at its `id`, naming the other file.
pub fn duplicate_ids(files: &[(&str, &str)]) -> Vec<(usize, Diagnostic)> {
    let mut seen: HashMap<String, &str> = HashMap::new();
    let mut out = Vec::new();
    for (i, (origin, text)) in files.iter().enumerate() {
        let Some(tree) = spans::parse(text) else {
            continue;
        };
        let Some(node) = spans::locate(&tree, &["meta", "id"]) else {
            continue;
        };
        let id = text[node.span.clone()].trim().trim_matches('"').to_string();
        if id.is_empty() {
            continue;
        }
        if let Some(first) = seen.get(&id) {
            out.push((
                i,
                Diagnostic::error(
                    "E023",
                    format!("the scenario id \"{id}\" is also used by {first}"),
                )
                .label("same id as another file")
                .help(format!(
                    "Give each scenario its own id: change this one (e.g. \"{id}-2\"), or check only one of the two files."
                ))
                .at(&LineIndex::new(text), node.span.clone()),
            ));
        } else {
            seen.insert(id, origin);
        }
    }
    out
}
