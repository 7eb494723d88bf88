//! The warnings `check` finds by playing the file: W003 (a player that does not read the
//! customer comes close, or a habit that ignores a cue costs too little) and W006 (the
//! reading player does not get through a seeded situation).

use super::blocker::blocker;
use crate::engine::{initial_state, right_outcome};
use crate::players::adversary::{AdversaryResult, CLOSE, HABIT_COST, Strategy};
use crate::scenario::diagnostic::Diagnostic;
use crate::scenario::{Cond, LineIndex, Scenario, spans};

/// W003: an adversary that comes within `CLOSE` points of reading without reading, or a habit
/// that ignores a cue and costs less than `HABIT_COST`. It names the adversaries, the seeds,
/// and what in the file lets them, with the caret on the field to change.
pub(super) fn rote_warning(
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
pub(super) fn reading_warnings(
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
