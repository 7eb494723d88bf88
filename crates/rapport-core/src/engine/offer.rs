//! Which moves the trainee is offered: everything a seller could say given the briefing, at
//! every turn, so the menu never does the listening. Only two things change it, both of them
//! plain to the trainee: the sale (after her yes, the call is about how it is going) and the end
//! of the call. Questions about topics that are not real today, deeper questions about
//! something she has not raised, answers to worries she has not voiced and the tempting tricks
//! all stay on offer; saying them costs what presuming costs. A move said before stays listed
//! (the view marks it): that is the trainee's own history, not the customer's.
//!
//! Offers depend on nothing hidden and nothing the customer revealed, so two conversations at
//! the same phase offer the same moves: the rule the invariant proof needs.

use super::state::{Depth, Phase, State};
use crate::scenario::{MoveKind, Scenario};

/// Whether a move is on the menu in this state.
pub fn is_offered(scenario: &Scenario, s: &State, index: usize) -> bool {
    if s.ended() {
        return false;
    }
    let Some(m) = scenario.moves.get(index) else {
        return false;
    };
    let after_sale = s.phase == Phase::Assure;
    let about_after_sale = m.concern.is_some_and(|c| scenario.concern(c).after_sale)
        || (m.settles != 0 && all_after_sale(scenario, m.settles));
    match m.kind {
        // After the sale the call is about how it is going: no selling moves.
        MoveKind::FollowUp => after_sale,
        MoveKind::AskCommitment
        | MoveKind::AgreeNextSteps
        | MoveKind::RecommendNoFit
        | MoveKind::StatePurpose
        | MoveKind::Situation
        | MoveKind::Problem
        | MoveKind::Implication
        | MoveKind::NeedPayoff
        | MoveKind::Propose
        | MoveKind::CoDesign
        | MoveKind::DiscloseLimitation
            if after_sale =>
        {
            false
        }
        kind if after_sale && kind.is_close() => false,
        // Worries about life after the install are for after the sale; the other answers
        // stay on offer then, as wrong answers beside the right one.
        MoveKind::ExploreConcern | MoveKind::RebutObjection => about_after_sale == after_sale,
        MoveKind::AnswerConcern => after_sale || !about_after_sale,
        _ => true,
    }
}

/// Every concern in the set is one that only comes up after the sale.
fn all_after_sale(scenario: &Scenario, concerns: u16) -> bool {
    (0..scenario.file.concerns.len())
        .filter(|&c| concerns & (1 << c) != 0)
        .all(|c| scenario.concern(c).after_sale)
}

/// Whether the customer has hinted at a concern (the need named by its `hinted_by` has
/// surfaced, or it has none): asking about it before then is asking for doubts too early.
pub fn concern_hinted(scenario: &Scenario, concern: usize, s: &State) -> bool {
    match scenario.concern_hints.get(concern).copied().flatten() {
        Some(need) => s.depth_of(need) >= Depth::Surfaced,
        None => true,
    }
}

/// The moves on offer, in the scenario's order (stable within a call).
pub fn offered(scenario: &Scenario, s: &State) -> Vec<usize> {
    (0..scenario.moves.len())
        .filter(|&i| is_offered(scenario, s, i))
        .collect()
}
