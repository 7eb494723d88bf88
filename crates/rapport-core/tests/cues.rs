//! The cues a scenario can give and what hearing them changes: a guarded start, the purpose
//! said first, a customer who minds a trick more than her style, and a signer named once she
//! trusts you.

use rapport_core::engine::{Conversation, Event, Rule};
use rapport_core::scenario::{Scenario, parse};
use rapport_core::scoring::total;
use std::sync::Arc;

mod starter_fixtures;
use starter_fixtures::*;

/// The starter with Dana guarded on every seed, or on none.
fn guarded(chance: u8) -> Arc<Scenario> {
    let opening = "opening: [\"Hi! Thanks for calling back. I've got about twenty minutes before a delivery.\"],";
    starter_with(&[
        ("chance: 50,", "chance: 0,"),
        (CONCERN_POOL, NO_POOL),
        (
            opening,
            &format!(
                "{opening}\n        guarded: Some((chance: {chance}, trust_drop: 10, cue: [\"The last rep who sat there sold me a printer I still regret.\"])),"
            ),
        ),
    ])
}

fn rules_of_last_turn(c: &Conversation) -> Vec<Rule> {
    let turn = c.turns().last().expect("a turn was played");
    turn.events.iter().filter_map(Event::rule).collect()
}

#[test]
fn a_guarded_customer_holds_back_the_first_question_that_ignores_her_wariness() {
    let scn = guarded(100);
    let c = play(&scn, 1, &["purpose", "ask-proofs"]);
    assert!(rules_of_last_turn(&c).contains(&Rule::GuardIgnored));
    assert_eq!(c.state().presumed, 1, "pressing on past her words presumes");
    assert_eq!(c.state().depth[0], 0, "she kept her answer back");
    // She lets the same question through the second time, without calling it a repeat.
    let c = play(&scn, 1, &["purpose", "ask-proofs", "ask-proofs"]);
    assert_eq!(c.state().depth[0], 1);
    assert!(!rules_of_last_turn(&c).contains(&Rule::AskedAgain));
}

#[test]
fn hearing_a_guarded_customer_out_first_lets_the_questions_through_and_scores_higher() {
    let scn = guarded(100);
    let heard = play(&scn, 1, &["listen", "purpose", "ask-proofs"]);
    assert!(
        heard.turns()[0]
            .events
            .iter()
            .any(|e| e.rule() == Some(Rule::GuardHeard))
    );
    assert_eq!(heard.state().presumed, 0);
    assert_eq!(heard.state().depth[0], 1);
    let pressed = play(&scn, 1, &["purpose", "ask-proofs", "ask-proofs"]);
    assert!(total(&scn, heard.state()) > total(&scn, pressed.state()));
}

#[test]
fn acknowledging_wariness_she_never_voiced_is_an_empty_move() {
    let scn = guarded(0);
    let c = play(&scn, 1, &["listen"]);
    assert!(rules_of_last_turn(&c).contains(&Rule::ListenedToNothing));
    let c = play(&scn, 1, &["purpose", "ask-proofs"]);
    assert_eq!(
        c.state().depth[0],
        1,
        "an open customer answers straight away"
    );
}

#[test]
fn stating_the_purpose_after_the_questions_have_started_earns_less_trust() {
    let scn = starter();
    let early = play(&scn, 1, &["purpose", "ask-proofs"]);
    let late = play(&scn, 1, &["ask-proofs", "purpose"]);
    assert!(rules_of_last_turn(&late).contains(&Rule::PurposeLate));
    assert!(early.state().trust > late.state().trust);
}

#[test]
fn a_customer_can_be_made_to_mind_a_trick_more_than_her_style_does_but_never_less() {
    let plain = starter();
    let touchy = starter_with(&[
        ("chance: 50,", "chance: 0,"),
        (CONCERN_POOL, NO_POOL),
        (
            "mood_variation: 5,",
            "mood_variation: 5,\n        pressure_costs: [(kind: FeatureDump, trust: 12)],",
        ),
    ]);
    let before = play(&plain, 1, &["purpose"]).state().trust;
    let lost =
        |scn: &Arc<Scenario>| before - play(scn, 1, &["purpose", "all-features"]).state().trust;
    assert_eq!(lost(&touchy), 12);
    assert!(lost(&plain) < 12);

    let cheaper = rapport_core::STARTER_SCENARIO.replacen(
        "mood_variation: 5,",
        "mood_variation: 5,\n        pressure_costs: [(kind: Irritator, trust: 1), (kind: Listen, trust: 5)],",
        1,
    );
    let codes: Vec<&str> = parse(&cheaper).diagnostics.iter().map(|d| d.code).collect();
    assert!(
        codes.contains(&"E018"),
        "a cheaper trick is refused: {codes:?}"
    );
    assert!(
        codes.contains(&"E026"),
        "an honest move is not a trick: {codes:?}"
    );
}

/// The starter where Sam co-signs on every seed, and Dana says so only once she trusts you.
fn gated_signer(gate: u8) -> Arc<Scenario> {
    starter_with(&[
        (
            "chance: 50,",
            &format!("chance: 100,\n            trust_gate: {gate},"),
        ),
        (CONCERN_POOL, NO_POOL),
    ])
}

fn said(c: &Conversation, words: &str) -> bool {
    c.opening()
        .iter()
        .chain(c.turns().iter().flat_map(|t| t.events.iter()))
        .any(|e| matches!(e, Event::Said { text, .. } if text.contains(words)))
}

#[test]
fn a_gated_budget_holder_is_named_once_she_trusts_you_not_at_the_start() {
    let open = needs_approval();
    assert!(said(&Conversation::start(open, 1), "Sam has to agree"));
    let scn = gated_signer(50);
    let start = Conversation::start(scn.clone(), 1);
    assert!(!said(&start, "Sam has to agree"), "not at the start");
    assert!(!start.state().said_someone_else_signs());
    let c = play(&scn, 1, READY);
    assert!(c.state().trust >= 50);
    assert!(
        said(&c, "Sam has to agree"),
        "said once trust reached the gate"
    );
    assert!(c.state().said_someone_else_signs());
}

#[test]
fn asking_for_the_order_before_she_named_the_signer_is_no_mistake_but_after_it_is() {
    // A gate she never reaches in this play: the question is how she tells.
    let scn = gated_signer(100);
    let asked = play(&scn, 1, &with(READY, &["ask-order"]));
    assert!(!rules_of_last_turn(&asked).contains(&Rule::AskedBeyondAuthority));
    assert!(asked.state().said_someone_else_signs());
    let again = play(&scn, 1, &with(READY, &["ask-order", "ask-order"]));
    assert!(rules_of_last_turn(&again).contains(&Rule::AskedBeyondAuthority));
}

#[test]
fn a_trick_makes_her_say_who_signs_so_it_never_keeps_a_later_mistake_cheap() {
    let scn = gated_signer(100);
    let c = play(&scn, 1, &["purpose", "friday"]);
    assert!(
        !play(&scn, 1, &["purpose"])
            .state()
            .said_someone_else_signs()
    );
    assert!(said(&c, "Sam has to agree"));
    assert!(c.state().said_someone_else_signs());
}
