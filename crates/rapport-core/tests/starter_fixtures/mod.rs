//! The starter scenario bent to one situation, and the plays the engine tests share. Each
//! test binary uses some of these.
#![allow(dead_code)]

use rapport_core::engine::Conversation;
use rapport_core::scenario::{Scenario, parse};
use std::sync::Arc;

pub fn starter_with(edits: &[(&str, &str)]) -> Arc<Scenario> {
    let mut text = rapport_core::STARTER_SCENARIO.to_string();
    for (from, to) in edits {
        assert!(text.contains(from), "fixture edit not found: {from}");
        text = text.replacen(from, to, 1);
    }
    let parsed = parse(&text);
    parsed
        .scenario
        .unwrap_or_else(|| panic!("fixture does not parse: {:?}", parsed.diagnostics))
}

/// The starter with Dana deciding alone and both worries on her mind, on every seed.
pub fn starter() -> Arc<Scenario> {
    starter_with(&[("chance: 50,", "chance: 0,"), (CONCERN_POOL, NO_POOL)])
}

pub const CONCERN_POOL: &str =
    "active_concerns: Some((pick: 1, from: [\"old-customers\", \"setup-time\"])),";
pub const NO_POOL: &str = "active_concerns: None,";

/// The starter where Dana needs her partner's sign-off: the right ending is an advance.
pub fn needs_approval() -> Arc<Scenario> {
    starter_with(&[("chance: 50,", "chance: 100,"), (CONCERN_POOL, NO_POOL)])
}

/// The starter where cash flow is a must-have the product cannot meet: no fit is right.
pub fn no_fit() -> Arc<Scenario> {
    starter_with(&[
        ("chance: 50,", "chance: 0,"),
        (CONCERN_POOL, NO_POOL),
        (
            "fit: None,\n            trust_gate: 50,",
            "fit: None,\n            dealbreaker: true,\n            trust_gate: 50,",
        ),
    ])
}

pub fn play(scenario: &Arc<Scenario>, seed: u64, moves: &[&str]) -> Conversation {
    let mut c = Conversation::start(scenario.clone(), seed);
    for id in moves {
        c.choose_id(id).unwrap_or_else(|e| panic!("move {id}: {e}"));
    }
    c
}

/// Discovery, concerns, a matched proposal and a confirming check: every criterion met.
pub const READY: &[&str] = &[
    "hello",
    "purpose",
    "ask-proofs",
    "cost-proofs",
    "value-proofs",
    "summary",
    "worry-customers",
    "worry-setup",
    "answer-phone-orders",
    "answer-setup-together",
    "propose-proofs",
    "whats-missing",
];

pub fn with(prefix: &[&'static str], last: &[&'static str]) -> Vec<&'static str> {
    prefix.iter().chain(last).copied().collect()
}
