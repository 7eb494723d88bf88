//! Which moves the trainee is offered: the menu follows the conversation. What can be said
//! about a need opens once the customer has brought it up, a concern once it was hinted at or
//! voiced, follow-ups once there is a sale; open probes, rapport, purpose, listening,
//! summaries, checks, commitment moves and the tempting tricks are always there.
//!
//! Offers depend only on what the customer has said (depths, voiced concerns, the sale) and on
//! the moves played. A move leaves the menu only once its work is done (what it would have
//! drawn out is already known), so a better-informed conversation loses only moves that could
//! no longer change anything: the rule the invariant proof needs.

use super::state::{ConcernState, Depth, Phase, State};
use crate::scenario::{CompiledMove, MoveKind, Scenario};

/// Whether a move is on the menu in this state.
pub fn is_offered(scenario: &Scenario, s: &State, index: usize) -> bool {
    if s.ended() {
        return false;
    }
    let Some(m) = scenario.moves.get(index) else {
        return false;
    };
    let assure = s.phase == Phase::Assure;
    match m.kind {
        MoveKind::FollowUp => assure,
        // After the sale the call is about how it is going: no selling moves.
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
            if assure =>
        {
            false
        }
        _ if assure && m.kind.is_close() => false,
        _ if answered(s, m, index) => false,
        MoveKind::ExploreConcern | MoveKind::RebutObjection => m
            .concern
            .is_none_or(|c| concern_open(scenario, s, c, assure)),
        MoveKind::Problem | MoveKind::Situation => true,
        _ => needs_mentioned(s, m),
    }
}

/// A move whose work is done leaves the menu, so the list stays short enough to read: a
/// question once the customer has answered it, a concern once worked through, a limitation
/// once said, a proposal once made, small talk and education once used. Situation questions,
/// listening, summaries, checks, commitment moves and tricks stay; asking a situation question
/// twice gets "you asked me that".
fn answered(s: &State, m: &CompiledMove, index: usize) -> bool {
    let all = |test: &dyn Fn(usize) -> bool| (0..16).all(|n| m.needs & (1 << n) == 0 || test(n));
    match m.kind {
        MoveKind::Problem => m
            .first_need()
            .is_some_and(|n| s.depth_of(n) >= Depth::Surfaced || s.ruled_out & (1 << n) != 0),
        MoveKind::Implication => all(&|n| s.depth_of(n) >= Depth::Explored),
        MoveKind::NeedPayoff => all(&|n| s.depth_of(n) >= Depth::Explicit),
        MoveKind::StatePurpose => s.purpose_stated,
        MoveKind::Rapport | MoveKind::Educate => s.was_used(index),
        MoveKind::ExploreConcern => m.concern.is_some_and(|c| {
            s.concerns[c] == ConcernState::Resolved || (s.was_used(index) && !s.concern_active(c))
        }),
        MoveKind::DiscloseLimitation => all(&|n| s.disclosed & (1 << n) != 0),
        MoveKind::Propose => all(&|n| s.proposed & (1 << n) != 0),
        MoveKind::CoDesign => all(&|n| s.co_designed & (1 << n) != 0),
        _ => false,
    }
}

/// Every need a move names has been brought up by the customer (a move about nothing is
/// always fine): naming a need first would give the hidden topic away.
fn needs_mentioned(s: &State, m: &CompiledMove) -> bool {
    (0..16).all(|n| m.needs & (1 << n) == 0 || s.depth_of(n) >= Depth::Surfaced)
}

/// A concern can be talked about once it was hinted at or voiced (after the sale, only the
/// after-sale concerns, once they are voiced).
fn concern_open(scenario: &Scenario, s: &State, c: usize, assure: bool) -> bool {
    let concern = scenario.concern(c);
    let voiced = s.concerns[c] != ConcernState::Latent;
    if concern.after_sale {
        return assure && voiced;
    }
    if assure {
        return false;
    }
    voiced || concern_hinted(scenario, c, s)
}

/// Whether the customer has hinted at a concern (the need named by its `hinted_by` has
/// surfaced, or it has none), so the trainee may bring it up.
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
