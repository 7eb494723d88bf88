//! The engine's promises: determinism, exact save and restore, what-if replays, every
//! outcome reachable by a scripted play with the right one scoring highest, reasons for
//! every change, and an exact behaviour profile.

use rapport_core::engine::{Conversation, Event, Rule, SavedConversation};
use rapport_core::scenario::Outcome;
use rapport_core::scoring::debrief::debrief;
use rapport_core::scoring::{score, total};

mod starter_fixtures;
use starter_fixtures::*;

#[test]
fn same_seed_and_moves_give_the_same_events_and_score() {
    let s = starter();
    let moves = with(READY, &["ask-order"]);
    let a = play(&s, 42, &moves);
    let b = play(&s, 42, &moves);
    assert_eq!(a.turns(), b.turns());
    assert_eq!(a.opening(), b.opening());
    assert_eq!(score(&s, a.state()), score(&s, b.state()));
}

#[test]
fn saved_conversation_restores_exactly_and_plays_on_identically() {
    let s = starter();
    let mut original = play(&s, 9, &READY[..6]);
    let json = serde_json::to_string(&original.save()).expect("serializes");
    let saved: SavedConversation = serde_json::from_str(&json).expect("deserializes");
    let mut restored = Conversation::restore(s.clone(), saved).expect("restores");
    assert_eq!(restored.state(), original.state());
    assert_eq!(restored.turns(), original.turns());
    for id in &READY[6..] {
        original.choose_id(id).expect("plays");
        restored.choose_id(id).expect("plays");
    }
    assert_eq!(restored.turns(), original.turns());
}

#[test]
fn restore_refuses_a_save_from_a_changed_scenario() {
    let saved = play(&starter(), 9, &READY[..3]).save();
    let changed = starter_with(&[("Hi! Thanks", "Hello! Thanks")]);
    assert!(Conversation::restore(changed, saved).is_err());
}

#[test]
fn what_if_from_turn_n_replays_exactly_the_first_n_turns() {
    let s = starter();
    let original = play(&s, 5, &with(READY, &["ask-order"]));
    for n in [0, 1, 4, 9, READY.len()] {
        let mut branch = original.rewind(n);
        assert_eq!(branch.turns(), &original.turns()[..n], "turn {n}");
        assert_eq!(branch.opening(), original.opening());
        branch.choose_id("friday").expect("the branch plays on");
        assert_ne!(branch.turns().last(), original.turns().get(n));
    }
}

#[test]
fn order_is_reached_when_every_criterion_is_met_and_confirmed() {
    let c = play(&starter(), 1, &with(READY, &["ask-order"]));
    assert_eq!(c.outcome(), Some(Outcome::Order));
}

#[test]
fn asking_for_the_order_before_the_criteria_are_met_does_not_end_the_call() {
    let c = play(&starter(), 1, &["purpose", "ask-order"]);
    assert_eq!(c.outcome(), None);
    let rules: Vec<Rule> = c.turns()[1].events.iter().filter_map(Event::rule).collect();
    assert!(rules.contains(&Rule::CommitmentPremature), "{rules:?}");
}

#[test]
fn each_outcome_is_reachable_and_the_right_one_scores_highest_when_an_advance_is_right() {
    let s = needs_approval();
    let advance = play(&s, 1, &with(READY, &["next-step"]));
    // Asking for the order of a customer who cannot decide alone gets the cue, not an order.
    let asked = play(&s, 1, &with(READY, &["ask-order"]));
    let cue = asked.turns().last().expect("played").events.iter().any(|e| {
        matches!(e, Event::Said { text, .. } if text.contains("budget") || text.contains("partner") || text.contains("own"))
    });
    assert_eq!(asked.outcome(), None, "the call goes on after the cue");
    assert!(cue, "the customer says why she cannot decide alone");
    let rules: Vec<Rule> = asked
        .turns()
        .last()
        .expect("played")
        .events
        .iter()
        .filter_map(Event::rule)
        .collect();
    assert!(
        rules.contains(&Rule::AskedBeyondAuthority),
        "she said at the start that Sam signs: asking anyway costs trust ({rules:?})"
    );
    let advance_after_cue = play(&s, 1, &with(READY, &["ask-order", "next-step"]));
    let continuation = play(&s, 1, &with(&READY[..6], &["next-step"]));
    let mut walked_out = play(&s, 1, &["purpose", "ask-proofs", "cost-proofs"]);
    for trick in ["friday", "assume"].iter().cycle().take(20) {
        if walked_out.is_over() {
            break;
        }
        walked_out.choose_id(trick).expect("the call is still on");
    }
    let wrong_no_fit = play(&s, 1, &with(READY, &["no-fit"]));
    assert_eq!(advance.outcome(), Some(Outcome::Advance));
    assert_eq!(advance_after_cue.outcome(), Some(Outcome::Advance));
    assert_eq!(continuation.outcome(), Some(Outcome::Continuation));
    assert_eq!(walked_out.outcome(), Some(Outcome::NoSale));
    assert_eq!(wrong_no_fit.outcome(), Some(Outcome::MutualNoFit));
    let t = |c: &Conversation| total(&s, c.state());
    assert!(
        t(&advance) > t(&wrong_no_fit),
        "{} vs {}",
        t(&advance),
        t(&wrong_no_fit)
    );
    assert!(t(&advance) > t(&continuation));
    assert!(t(&continuation) > t(&walked_out));
    assert!(
        t(&walked_out) > 0.0,
        "a failed call still counts what it found out"
    );
}

#[test]
fn when_the_product_does_not_fit_an_honest_no_fit_scores_above_selling() {
    let s = no_fit();
    let explore_cash = ["ask-cash", "cost-cash", "value-cash"];
    let honest: Vec<&str> = READY[..6]
        .iter()
        .copied()
        .chain(explore_cash)
        .chain(["summary", "no-fit"])
        .collect();
    let honest = play(&s, 1, &honest);
    assert_eq!(honest.outcome(), Some(Outcome::MutualNoFit));
    assert!(honest.state().no_fit_founded);
    let unfounded = play(&s, 1, &with(&READY[..6], &["no-fit"]));
    assert_eq!(unfounded.outcome(), Some(Outcome::MutualNoFit));
    let brochure = play(&s, 1, &with(&READY[..6], &["next-step"]));
    assert_eq!(brochure.outcome(), Some(Outcome::Continuation));
    let t = |c: &Conversation| total(&s, c.state());
    assert!(
        t(&honest) > t(&unfounded),
        "{} vs {}",
        t(&honest),
        t(&unfounded)
    );
    assert!(t(&unfounded) > t(&brochure));
}

#[test]
fn every_recorded_state_change_carries_a_reason() {
    let s = starter();
    let c = play(
        &s,
        3,
        &[
            "hello",
            "purpose",
            "ask-cash",
            "friday",
            "ask-proofs",
            "ask-quotes",
            "propose-quotes",
            "argue-customers",
            "summary",
            "listen",
            "listen",
            "all-features",
        ],
    );
    let d = debrief(&c);
    assert_eq!(d.head.len(), c.turns().len());
    for (turn, head) in c.turns().iter().zip(&d.head) {
        let changes = turn
            .events
            .iter()
            .filter(|e| {
                !matches!(
                    e,
                    Event::MoveChosen { .. }
                        | Event::Said { .. }
                        | Event::Reacted { .. }
                        | Event::PhaseChanged { .. }
                        | Event::AgreementConfirmed
                )
            })
            .count();
        assert_eq!(head.changes.len(), changes, "turn {}", head.turn);
        assert!(
            head.changes
                .iter()
                .all(|ch| !ch.why.is_empty() && !ch.what.is_empty())
        );
    }
    // The customer's own voice explains at least the trick and the premature proposal.
    let voices: Vec<&str> = d
        .head
        .iter()
        .flat_map(|h| h.changes.iter().filter_map(|c| c.voice.as_deref()))
        .collect();
    assert!(
        voices.contains(&"I felt handled, not helped."),
        "{voices:?}"
    );
}

#[test]
fn behaviour_profile_of_a_scripted_play_is_exact() {
    // 10 moves: 4 questions (3 SPIN + 1 opinion check), 1 summary, 1 check, 2 closes, 1 irritator-free.
    let c = play(
        &starter(),
        2,
        &[
            "purpose",
            "ask-proofs",
            "cost-proofs",
            "value-proofs",
            "summary",
            "propose-proofs",
            "whats-missing",
            "assume",
            "friday",
            "listen",
        ],
    );
    let p = debrief(&c).profile;
    assert_eq!(p.moves, 10);
    assert_eq!(p.questions, 40.0);
    assert_eq!(p.summarizing, 10.0);
    assert_eq!(p.testing_understanding, 10.0);
    assert_eq!(p.closes, 2);
    assert_eq!(p.irritators, 0);
    assert_eq!(
        (
            p.skilled.testing,
            p.skilled.summarizing,
            p.skilled.questions
        ),
        (9.7, 7.5, 21.3)
    );
    assert_eq!(
        (
            p.average.testing,
            p.average.summarizing,
            p.average.questions
        ),
        (4.1, 4.2, 9.6)
    );
}

#[test]
fn manipulative_move_costs_trust_and_is_annotated_as_a_broken_principle() {
    let c = play(&starter(), 2, &["purpose", "friday"]);
    let before = c.turns()[0].after.trust;
    let after = c.turns()[1].after.trust;
    assert!(after < before);
    let d = debrief(&c);
    assert_eq!(
        d.timeline[1].verdict,
        rapport_core::scoring::debrief::Verdict::Broke
    );
    assert!(
        d.timeline[1].principle.contains("urgency close"),
        "{}",
        d.timeline[1].principle
    );
}

#[test]
fn closed_trust_gate_holds_a_need_back_until_trust_grows() {
    let s = starter();
    let early = play(&s, 0, &["ask-cash"]);
    assert!(
        early.turns()[0]
            .events
            .iter()
            .any(|e| matches!(e, Event::NeedHeldBack { .. }))
    );
    let later = play(
        &s,
        0,
        &[
            "hello",
            "purpose",
            "ask-proofs",
            "cost-proofs",
            "value-proofs",
            "summary",
            "ask-cash",
        ],
    );
    assert!(
        later.turns()[6]
            .events
            .iter()
            .any(|e| matches!(e, Event::NeedDeepened { .. }))
    );
}

#[test]
fn the_call_cannot_go_on_after_it_ended() {
    let mut c = play(&starter(), 1, &with(READY, &["ask-order"]));
    assert!(c.choose(0).is_err());
    assert!(c.available_moves().is_empty());
}

#[test]
fn transcript_of_a_collaborative_play_reads_as_a_conversation() {
    let s = starter();
    let mut c = Conversation::start(s, 4);
    rapport_core::report::play_out(&mut c, &mut rapport_core::players::Collaborative, 100);
    insta::assert_snapshot!(rapport_core::report::transcript(&c));
}
