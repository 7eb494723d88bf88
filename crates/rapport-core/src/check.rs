//! The scenario checker: every diagnostic parsing finds, plus the checks that need the
//! scenario to be played — the scoring invariant and the reachability of the right ending.

use crate::engine::criteria::first_unmet_criterion;
use crate::engine::{ConcernState, initial_state, right_outcome};
use crate::players::rote::{ROTE_SEEDS, RoteReport, rote_check};
use crate::players::search::replay;
use crate::players::search::{InvariantReport, SearchConfig, covering_seeds, prove_invariant};
use crate::scenario::diagnostic::Diagnostic;
use crate::scenario::{Cond, Fit, LineIndex, Outcome, Parsed, Scenario, parse, spans};
use crate::scoring::outcome_label;
use serde::Serialize;
use std::collections::HashMap;

/// How hard the checker searches.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct CheckConfig {
    pub search: SearchConfig,
    /// Distinct seeded variations to prove the invariant on.
    pub seeds: usize,
    /// Random honest plays into which every manipulative move is inserted at every place,
    /// per seed.
    pub random_plays: usize,
    /// Unseen seeds on which the memorised play is recited beside the reading player.
    pub rote_seeds: u64,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            search: SearchConfig::default(),
            seeds: 4,
            random_plays: 40,
            rote_seeds: ROTE_SEEDS,
        }
    }
}

/// Everything `rapport check` reports for one file.
#[derive(Debug, Clone)]
pub struct CheckReport {
    pub parsed: Parsed,
    /// One per seed checked, when the file parsed without errors.
    pub invariant: Vec<InvariantReport>,
    /// The best play of the first seed recited on unseen seeds, beside the reading player.
    pub rote: Option<RoteReport>,
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
            rote: None,
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
    let rote = invariant.first().and_then(|first| {
        let learnt = first.search.honest.as_ref()?;
        Some(rote_check(
            &scenario,
            first.seed,
            &learnt.moves,
            config.rote_seeds,
        ))
    });
    if let Some(r) = &rote
        && r.rote_comes_close()
        && !parsed.has_errors()
    {
        parsed.diagnostics.push(
            Diagnostic::warning(
                "W003",
                format!(
                    "rote comes close to reading: the best play of seed {} recited on {} other seeds scores a median {:.1}, reading the customer {:.1}",
                    r.learnt_on, r.seeds, r.memorised_median, r.reading_median
                ),
            )
            .label("can be won by rote")
            .help("Make the situation vary by seed, with cues in the customer's words: pick needs from a larger pool (`variation.active_needs`), pick the concern on their mind (`variation.active_concerns`), let who decides vary (`decision.budget_holder`), put a dealbreaker need in the pool, or make the customer guarded on some seeds (`customer.guarded`).")
            .at(&lines, decision_span.clone()),
        );
    }
    parsed.diagnostics.sort_by_key(|d| (d.span.start, d.code));
    if parsed.has_errors() {
        parsed.scenario = None;
    }
    CheckReport {
        parsed,
        invariant,
        rote,
    }
}

/// What stood in the way at the end of the best honest play: the first buying criterion still
/// open and its unmet conditions, or the dealbreaker need never explored.
fn blocker(scenario: &Scenario, seed: u64, moves: &[usize]) -> String {
    let end = replay(scenario, initial_state(scenario, seed), moves);
    let need = |n: usize| scenario.need(n).id.as_str();
    if right_outcome(scenario, &end) == Outcome::MutualNoFit {
        let unexplored: Vec<&str> = (0..scenario.file.needs.len())
            .filter(|&n| {
                let x = scenario.need(n);
                end.is_active(n) && x.dealbreaker && x.fit == Fit::None && end.depth[n] < 2
            })
            .map(need)
            .collect();
        return format!(
            ": the best honest play never explored the dealbreaker need {}",
            unexplored
                .iter()
                .map(|n| format!("\"{n}\""))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let Some(c) = first_unmet_criterion(scenario, &end) else {
        return if end.confirmed {
            String::new()
        } else {
            ": every criterion was met but agreement was never confirmed".to_string()
        };
    };
    let unmet: Vec<String> = scenario.criteria[c]
        .iter()
        .filter_map(|cond| {
            Some(match *cond {
                Cond::Explicit(n) if end.is_active(n) && end.depth[n] < 3 => {
                    format!("need \"{}\" made explicit", need(n))
                }
                Cond::Explored(n) if end.is_active(n) && end.depth[n] < 2 => {
                    format!("need \"{}\" explored", need(n))
                }
                Cond::Proposed(n) if end.is_active(n) && end.proposed & (1 << n) == 0 => {
                    format!("a proposal for \"{}\"", need(n))
                }
                Cond::Resolved(k)
                    if end.concern_active(k) && end.concerns[k] != ConcernState::Resolved =>
                {
                    format!("concern \"{}\" resolved", scenario.concern(k).id)
                }
                Cond::Trust(t) if i32::from(end.trust) < t => {
                    format!("trust {t} (the best honest play reached {})", end.trust)
                }
                _ => return None,
            })
        })
        .collect();
    format!(
        ": criterion \"{}\" stays open (it needs {})",
        scenario.file.criteria[c].id,
        unmet.join(", ")
    )
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
