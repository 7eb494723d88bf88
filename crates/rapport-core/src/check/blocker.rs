//! What stands between the best honest play and the right ending, in the trainer's words.

use crate::engine::criteria::first_unmet_criterion;
use crate::engine::{ConcernState, initial_state, right_outcome};
use crate::players::search::replay;
use crate::scenario::{Cond, Fit, Outcome, Scenario};

/// What stood in the way at the end of the best honest play: the first buying criterion still
/// open and its unmet conditions, or the dealbreaker need never explored.
pub(super) fn blocker(scenario: &Scenario, seed: u64, moves: &[usize]) -> String {
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
