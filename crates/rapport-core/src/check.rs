//! The scenario checker: every diagnostic parsing finds, plus the checks that need the
//! scenario to be played — the scoring invariant and the reachability of the right ending.

use crate::engine::criteria::first_unmet_criterion;
use crate::engine::{ConcernState, initial_state, right_outcome};
use crate::players::adversary::{
    AdversaryConfig, AdversaryResult, CLOSE, HABIT_COST, Strategy, adversaries,
};
use crate::players::invariant::{InvariantReport, covering_seeds, prove_invariant};
use crate::players::search::SearchConfig;
use crate::players::search::replay;
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

/// W003: an adversary that comes within `CLOSE` points of reading without reading, or a habit
/// that ignores a cue and costs less than `HABIT_COST`. It names the adversaries, the seeds,
/// and what in the file lets them, with the caret on the field to change.
fn rote_warning(
    scenario: &Scenario,
    results: &[AdversaryResult],
    tree: Option<&spans::Node>,
    lines: &LineIndex,
) -> Option<Diagnostic> {
    let close: Vec<&AdversaryResult> = results.iter().filter(|r| r.comes_close()).collect();
    let free: Vec<&AdversaryResult> = results.iter().filter(|r| r.costs_too_little()).collect();
    let span_of = |field: &str| {
        tree.and_then(|t| t.field_name_span(field))
            .or_else(|| tree.and_then(|t| t.field_name_span("decision")))
            .unwrap_or(0..0)
    };
    if let Some(worst) = close
        .iter()
        .copied()
        .max_by(|a, b| a.median.total_cmp(&b.median))
    {
        let seeds: Vec<String> = worst.close_seeds.iter().map(u64::to_string).collect();
        let others: Vec<String> = close
            .iter()
            .filter(|r| r.name != worst.name)
            .map(|r| format!("{} {:.1}", r.name, r.median))
            .collect();
        let causes = rote_causes(scenario);
        let field = causes.first().map_or("variation", |c| c.1);
        let recites: Vec<&str> = worst
            .list
            .iter()
            .take(8)
            .map(|&m| scenario.file.moves[m].id.as_str())
            .collect();
        let mut help: Vec<String> = causes.into_iter().map(|c| c.0).collect();
        if help.is_empty() {
            help.push("Every seed rewards the same moves in the same order; let what is true vary by seed and make the criteria depend on it.".into());
        }
        help.push(format!(
            "Its list begins: {}{}",
            recites.join(", "),
            if worst.list.len() > recites.len() {
                ", …"
            } else {
                "."
            }
        ));
        return Some(
            Diagnostic::warning(
                "W003",
                format!(
                    "won without reading the customer: the {} scores a median {:.1} on {} unseen seeds, reading the customer {:.1}; within {CLOSE:.0} points on {} of them (e.g. seeds {}){}",
                    worst.name,
                    worst.median,
                    worst.seeds,
                    worst.reading_median,
                    worst.close_count,
                    seeds.join(", "),
                    if others.is_empty() {
                        String::new()
                    } else {
                        format!("; also {}", others.join(", "))
                    }
                ),
            )
            .label("can be won by rote")
            .help(help.join(" "))
            .at(lines, span_of(field)),
        );
    }
    let habit = free.first()?;
    let (hint, field) = match habit.habit {
        Some(Strategy::AskTwice) => (
            "Settle each concern by answering it: give it `settled_by` and an `AnswerConcern` move (format version 3), so asking again settles nothing.",
            "concerns",
        ),
        Some(Strategy::DiscloseEverything) => (
            "Tie each `DiscloseLimitation` to the needs it touches (`needs:`), so disclosing what she does not need puzzles her.",
            "moves",
        ),
        Some(Strategy::AskThenNextStep) => (
            "Let who signs vary (`decision.budget_holder`) so that asking for the order when someone else signs is a mistake that shows.",
            "decision",
        ),
        Some(Strategy::ProposeUnasked) => (
            "Make the customer ask for advice only once what matters is explored (raise the importance of the needs that vary, so they count among her key needs), so a proposal before she asks shows.",
            "needs",
        ),
        Some(Strategy::DigAfterNo) => (
            "Give the needs that vary criteria and weight, so digging into one she said is no problem costs the time it wastes.",
            "criteria",
        ),
        Some(Strategy::PressPastWariness) => (
            "Write a `Listen` move a seller could say to a wary opening (\"That sounds like it cost you; tell me what happened?\"), and let the guarded start drop trust enough that hearing her out matters.",
            "customer",
        ),
        _ => (
            "Give the customer less patience, so empty moves run the call short.",
            "customer",
        ),
    };
    Some(
        Diagnostic::warning(
            "W003",
            format!(
                "a habit costs almost nothing: \"{}\" changes the play on some seeds but costs only {:.1} points there (at least {HABIT_COST:.0} expected)",
                habit.name,
                habit.cost_where_it_differs.unwrap_or(0.0)
            ),
        )
        .label("a cue that does not matter")
        .help(hint)
        .at(lines, span_of(field)),
    )
}

/// A reading player's score below this on a situation means the scenario does not let an
/// honest, attentive seller through there.
pub const READING_FLOOR: f64 = 80.0;

/// Why the reading player did not get through one situation.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Stuck {
    /// Patience ran out.
    OutOfTime,
    /// Trust fell so low that she ended the call.
    TrustLost,
    /// A need's gate stayed shut: the need, and the highest trust reached.
    GateShut(usize, i16),
    /// The call ended on the wrong ending: what blocked the right one.
    WrongEnding(String),
    /// It got through, but scored under the floor.
    LowScore,
}

/// W006: plays every distinct seeded situation with the reading player (first seed of each
/// among seeds 0-199) and warns, per cause, where it walks out, misses the right ending or
/// scores under `READING_FLOOR`, pointing at the field to change.
fn reading_warnings(
    scenario: &Scenario,
    tree: Option<&spans::Node>,
    lines: &LineIndex,
) -> Vec<Diagnostic> {
    use crate::engine::apply;
    use crate::players::{Collaborative, Player};
    let seeds = first_seed_of_each_situation(scenario);
    let mut stuck: Vec<(Stuck, u64, f64)> = Vec::new();
    for &seed in &seeds {
        let mut s = initial_state(scenario, seed);
        let mut moves = Vec::new();
        let mut peak = s.trust;
        while !s.ended() && moves.len() < 120 {
            let Some(m) = Collaborative.choose(scenario, &s) else {
                break;
            };
            apply(scenario, &mut s, m);
            moves.push(m);
            peak = peak.max(s.trust);
        }
        let total = crate::scoring::total(scenario, &s);
        let gate_shut = (0..scenario.file.needs.len()).find(|&n| {
            let need = scenario.need(n);
            s.is_active(n)
                && need.trust_gate.is_some_and(|g| i32::from(peak) < g)
                && s.depth_of(n) < crate::engine::Depth::Explicit
        });
        let cause = if s.walked_out && s.patience <= 0 {
            Stuck::OutOfTime
        } else if s.walked_out {
            Stuck::TrustLost
        } else if let Some(n) = gate_shut.filter(|_| total < READING_FLOOR) {
            Stuck::GateShut(n, peak)
        } else if s.ended() && s.outcome != Some(right_outcome(scenario, &s)) && !s.ordered {
            Stuck::WrongEnding(blocker(scenario, seed, &moves))
        } else if total < READING_FLOOR {
            Stuck::LowScore
        } else {
            continue;
        };
        stuck.push((cause, seed, total));
    }
    let situations = seeds.len();
    stuck.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut out = Vec::new();
    let mut i = 0;
    while i < stuck.len() {
        let kind = std::mem::discriminant(&stuck[i].0);
        let group: Vec<&(Stuck, u64, f64)> = stuck[i..]
            .iter()
            .take_while(|x| std::mem::discriminant(&x.0) == kind)
            .collect();
        i += group.len();
        let seeds: Vec<String> = group
            .iter()
            .take(6)
            .map(|(_, seed, total)| format!("{seed} ({total:.1})"))
            .collect();
        let lead = format!(
            "the reading player does not get through {} of {situations} situations (seeds {}{})",
            group.len(),
            seeds.join(", "),
            if group.len() > 6 { ", …" } else { "" }
        );
        let at = |path: &[&str]| {
            tree.and_then(|t| spans::locate(t, path))
                .map(|n| n.span.clone())
                .or_else(|| tree.and_then(|t| t.field_name_span(path[0])))
                .unwrap_or(0..0)
        };
        let (what, help, span) = match &group[0].0 {
            Stuck::OutOfTime => (
                "her patience runs out before the call can end well".to_string(),
                "Raise `customer.patience` (it is the whole call's time, after-sale call included), or ask for fewer steps: each need to make explicit takes about 3 moves, each worry 2 (ask, answer), plus listening and summaries; `rapport simulate FILE --player collaborative --seed N --reveal` shows where the time goes.".to_string(),
                at(&["customer", "patience"]),
            ),
            Stuck::TrustLost => (
                "trust falls so low that she ends the call".to_string(),
                "Raise the starting `customer.trust` (mind `mood_variation` and a guarded start), or soften what costs trust in this situation.".to_string(),
                at(&["customer", "trust"]),
            ),
            Stuck::GateShut(n, peak) => {
                let need = scenario.need(*n);
                let gate = need.trust_gate.unwrap_or_default();
                let index = n.to_string();
                (
                    format!(
                        "the trust gate of need \"{}\" ({gate}) never opens: trust peaks at {peak}",
                        need.id
                    ),
                    format!(
                        "Lower this gate below {peak}, or raise the starting trust: an honest play earns about +5 for the purpose and +1/+2/+3 for each problem/implication/need-payoff step."
                    ),
                    at(&["needs", index.as_str(), "trust_gate"]),
                )
            }
            Stuck::WrongEnding(why) => (
                format!("the call ends on the wrong ending{why}"),
                "Make every criterion reachable in this situation: check the criteria's conditions against what the moves can do, and that patience lasts.".to_string(),
                at(&["criteria"]),
            ),
            Stuck::LowScore => (
                format!("it scores under {READING_FLOOR:.0}"),
                "Run `rapport simulate FILE --player collaborative --seed N` on one of these seeds and read the score's reasons: usually a need it cannot take far enough, or a worry it cannot settle.".to_string(),
                at(&["criteria"]),
            ),
        };
        out.push(
            Diagnostic::warning("W006", format!("{lead}: {what}"))
                .label("an attentive honest seller gets stuck here")
                .help(help)
                .at(lines, span),
        );
    }
    out
}

/// The first seed of each distinct seeded situation among seeds 0-199, the seeds the played
/// warnings look at.
fn first_seed_of_each_situation(scenario: &Scenario) -> Vec<u64> {
    let mut seen = Vec::new();
    let mut seeds = Vec::new();
    for seed in 0..200 {
        let situation = initial_state(scenario, seed).situation();
        if !seen.contains(&situation) {
            seen.push(situation);
            seeds.push(seed);
        }
    }
    seeds
}

/// What lets a list win without reading: the situation varies too little, or what varies does
/// not matter to the ending. Each cause with the top-level field where its fix goes.
fn rote_causes(scenario: &Scenario) -> Vec<(String, &'static str)> {
    let mut causes = Vec::new();
    let situations = first_seed_of_each_situation(scenario);
    if situations.len() <= 4 {
        causes.push((
            format!(
                "Only {} situation(s) occur across 200 seeds, so a list learnt on a few seeds has met them all: pick from a larger pool in `variation` (more needs or concerns, each with a cue in her words).",
                situations.len()
            ),
            "variation",
        ));
    }
    let named_needs: Vec<usize> = scenario
        .criteria
        .iter()
        .flatten()
        .filter_map(|c| match *c {
            Cond::Explicit(n) | Cond::Explored(n) | Cond::Proposed(n) => Some(n),
            _ => None,
        })
        .collect();
    let named_concerns: Vec<usize> = scenario
        .criteria
        .iter()
        .flatten()
        .filter_map(|c| match *c {
            Cond::Resolved(k) => Some(k),
            _ => None,
        })
        .collect();
    let unnamed_needs: Vec<String> = scenario
        .variable_needs
        .iter()
        .filter(|&&n| !named_needs.contains(&n) && !scenario.need(n).dealbreaker)
        .map(|&n| format!("\"{}\"", scenario.need(n).id))
        .collect();
    let unnamed_concerns: Vec<String> = scenario
        .variable_concerns
        .iter()
        .filter(|k| !named_concerns.contains(k))
        .map(|&k| format!("\"{}\"", scenario.concern(k).id))
        .collect();
    if !unnamed_needs.is_empty() || !unnamed_concerns.is_empty() {
        let all: Vec<String> = unnamed_needs.into_iter().chain(unnamed_concerns).collect();
        causes.push((
            format!(
                "{} vary by seed but no criterion names them, so a list that never takes them up loses nothing where they are real: add criteria that require them (`Explicit`/`Proposed` for a need, `Resolved` for a concern; a condition on what is not real today holds by itself).",
                all.join(", ")
            ),
            "criteria",
        ));
    }
    if scenario.variable_needs.is_empty() && scenario.variable_concerns.is_empty() {
        causes.push((
            "Nothing varies by seed: add `variation.active_needs` or `active_concerns`, with cues in the customer's words.".into(),
            "variation",
        ));
    }
    causes
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
