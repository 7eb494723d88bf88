//! What must be true for the customer to commit, to ask for advice, or to agree there is no
//! fit. Every test here only gets truer as the conversation learns more.

use super::state::{ConcernState, Depth, State};
use crate::scenario::{Cond, Fit, Outcome, RightWhenFits, Scenario};

/// An active dealbreaker need the product cannot meet: the honest ending is a mutual no-fit.
pub fn no_fit_situation(scenario: &Scenario, active: u16) -> bool {
    scenario
        .file
        .needs
        .iter()
        .enumerate()
        .any(|(i, n)| active & (1 << i) != 0 && n.dealbreaker && n.fit == Fit::None)
}

/// The ending that is right for this play's hidden situation: a mutual no-fit when a
/// dealbreaker cannot be met, an advance when the customer needs a budget holder, otherwise
/// the scenario's ending.
pub fn right_outcome(scenario: &Scenario, s: &State) -> Outcome {
    if no_fit_situation(scenario, s.active) {
        Outcome::MutualNoFit
    } else if s.needs_budget_holder {
        Outcome::Advance
    } else {
        match scenario.file.decision.right_outcome {
            RightWhenFits::Order => Outcome::Order,
            RightWhenFits::Advance => Outcome::Advance,
        }
    }
}

/// Every buying criterion holds (conditions about inactive needs hold trivially).
pub fn criteria_met(scenario: &Scenario, s: &State) -> bool {
    first_unmet_criterion(scenario, s).is_none()
}

pub fn first_unmet_criterion(scenario: &Scenario, s: &State) -> Option<usize> {
    scenario
        .criteria
        .iter()
        .position(|conds| !conds.iter().all(|c| cond_holds(c, s)))
}

fn cond_holds(cond: &Cond, s: &State) -> bool {
    match *cond {
        Cond::Explicit(n) => !s.is_active(n) || s.depth[n] >= Depth::Explicit as u8,
        Cond::Explored(n) => !s.is_active(n) || s.depth[n] >= Depth::Explored as u8,
        Cond::Proposed(n) => !s.is_active(n) || s.proposed & (1 << n) != 0,
        Cond::Resolved(c) => !s.concern_active(c) || s.concerns[c] == ConcernState::Resolved,
        Cond::Trust(t) => s.trust as i32 >= t,
    }
}

/// The customer could commit: every criterion holds and nothing they need is missing from
/// the product.
pub fn ready_to_commit(scenario: &Scenario, s: &State) -> bool {
    !no_fit_situation(scenario, s.active) && criteria_met(scenario, s)
}

/// An active dealbreaker need the product cannot meet, found to at least explored depth.
pub fn known_no_fit(scenario: &Scenario, s: &State) -> bool {
    scenario.file.needs.iter().enumerate().any(|(i, n)| {
        s.is_active(i) && n.dealbreaker && n.fit == Fit::None && s.depth[i] >= Depth::Explored as u8
    })
}

/// The needs the customer cares most about in this play: importance 4 or 5, or, when no
/// active need is that important, the most important active ones.
pub fn key_needs(scenario: &Scenario, active: u16) -> u16 {
    let needs = &scenario.file.needs;
    let top = needs
        .iter()
        .enumerate()
        .filter(|(i, _)| active & (1 << i) != 0)
        .map(|(_, n)| n.importance)
        .max()
        .unwrap_or(0);
    let bar = top.min(4);
    needs
        .iter()
        .enumerate()
        .filter(|(i, n)| active & (1 << i) != 0 && n.importance >= bar)
        .fold(0, |acc, (i, _)| acc | 1 << i)
}

/// Cooke's last discovery step: once the customer has described what hurts (every key need
/// explored) and either said what solving one is worth or been shown the options, they ask
/// for advice. A proposal before that is prescription before diagnosis.
pub fn advice_due(scenario: &Scenario, s: &State) -> bool {
    let key = key_needs(scenario, s.active);
    let all_explored = (0..16).all(|n| key & (1 << n) == 0 || s.depth[n] >= Depth::Explored as u8);
    let one_explicit = (0..16).any(|n| key & (1 << n) != 0 && s.depth[n] >= Depth::Explicit as u8);
    all_explored && (one_explicit || s.educated_well)
}

/// Some active need has been explored: the customer has described a gap, so generic
/// education about the options helps rather than lectures.
pub fn gap_described(s: &State) -> bool {
    (0..16).any(|n| s.is_active(n) && s.depth[n] >= Depth::Explored as u8)
}

/// Active needs the product meets only partly or not at all.
pub fn limitations(scenario: &Scenario, active: u16) -> u16 {
    scenario
        .file
        .needs
        .iter()
        .enumerate()
        .filter(|(i, n)| active & (1 << i) != 0 && n.fit != Fit::Full)
        .fold(0, |acc, (i, _)| acc | 1 << i)
}
