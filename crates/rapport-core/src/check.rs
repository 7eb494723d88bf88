//! The scenario checker: every diagnostic parsing finds, plus the checks that need the
//! scenario to be played — the scoring invariant and the reachability of the right ending.

use crate::players::search::{InvariantReport, SearchConfig, covering_seeds, prove_invariant};
use crate::scenario::diagnostic::Diagnostic;
use crate::scenario::{Parsed, parse, spans};
use crate::scoring::outcome_label;
use serde::Serialize;

/// How hard the checker searches.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct CheckConfig {
    pub search: SearchConfig,
    /// Distinct seeded variations to prove the invariant on.
    pub seeds: usize,
    /// Random honest plays into which every manipulative move is inserted at every place,
    /// per seed.
    pub random_plays: usize,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            search: SearchConfig::default(),
            seeds: 4,
            random_plays: 40,
        }
    }
}

/// Everything `rapport check` reports for one file.
#[derive(Debug, Clone)]
pub struct CheckReport {
    pub parsed: Parsed,
    /// One per seed checked, when the file parsed without errors.
    pub invariant: Vec<InvariantReport>,
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
}

/// Parses and fully checks scenario text.
pub fn check_source(source: &str, config: CheckConfig) -> CheckReport {
    let mut parsed = parse(source);
    let Some(scenario) = parsed.scenario.clone() else {
        return CheckReport {
            parsed,
            invariant: Vec::new(),
        };
    };
    let seeds = covering_seeds(&scenario, config.seeds);
    let invariant: Vec<InvariantReport> = seeds
        .iter()
        .map(|&seed| prove_invariant(&scenario, seed, config.search, config.random_plays))
        .collect();

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
                    .at(source, moves_span.clone()),
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
                .at(source, moves_span.clone()),
            );
        }
        if !report.right_outcome_reachable() {
            parsed.diagnostics.push(
                Diagnostic::error(
                    "E031",
                    format!(
                        "seed {seed}: no honest play found reaches the right ending, {}",
                        outcome_label(report.search.right_outcome)
                    ),
                )
                .label("right ending unreachable")
                .help("Check that every buying criterion can be met by moves, that trust gates are reachable, and that patience suffices.")
                .at(source, decision_span.clone()),
            );
        }
    }
    parsed.diagnostics.sort_by_key(|d| (d.span.start, d.code));
    if parsed.has_errors() {
        parsed.scenario = None;
    }
    CheckReport { parsed, invariant }
}
