//! The engine's promises: determinism, exact save and restore, what-if replays, every
//! outcome reachable by a scripted play with the right one scoring highest, reasons for
//! every change, and an exact behaviour profile.

use rapport_core::engine::state::ConcernState;
use rapport_core::engine::{Conversation, Event, Rule, SavedConversation, Speaker};
use rapport_core::scenario::{Outcome, Scenario, parse};
use rapport_core::scoring::debrief::debrief;
use rapport_core::scoring::{score, total};
use std::sync::Arc;

fn starter_with(edits: &[(&str, &str)]) -> Arc<Scenario> {
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
fn starter() -> Arc<Scenario> {
    starter_with(&[("chance: 50,", "chance: 0,"), (CONCERN_POOL, NO_POOL)])
}

const CONCERN_POOL: &str =
    "active_concerns: Some((pick: 1, from: [\"old-customers\", \"setup-time\"])),";
const NO_POOL: &str = "active_concerns: None,";

/// The starter where Dana needs her partner's sign-off: the right ending is an advance.
fn needs_approval() -> Arc<Scenario> {
    starter_with(&[("chance: 50,", "chance: 100,"), (CONCERN_POOL, NO_POOL)])
}

/// The starter where cash flow is a must-have the product cannot meet: no fit is right.
fn no_fit() -> Arc<Scenario> {
    starter_with(&[
        ("chance: 50,", "chance: 0,"),
        (CONCERN_POOL, NO_POOL),
        (
            "fit: None,\n            trust_gate: 50,",
            "fit: None,\n            dealbreaker: true,\n            trust_gate: 50,",
        ),
    ])
}

fn play(scenario: &Arc<Scenario>, seed: u64, moves: &[&str]) -> Conversation {
    let mut c = Conversation::start(scenario.clone(), seed);
    for id in moves {
        c.choose_id(id).unwrap_or_else(|e| panic!("move {id}: {e}"));
    }
    c
}

/// Discovery, concerns, a matched proposal and a confirming check: every criterion met.
const READY: &[&str] = &[
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

fn with(prefix: &[&'static str], last: &[&'static str]) -> Vec<&'static str> {
    prefix.iter().chain(last).copied().collect()
}

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

fn offered_ids(c: &Conversation) -> Vec<String> {
    c.available_moves()
        .into_iter()
        .map(|i| c.scenario().file.moves[i].id.clone())
        .collect()
}

#[test]
fn the_menu_offers_everything_from_the_start_in_a_stable_order_and_never_follows_her() {
    let mut c = play(&starter(), 1, &["purpose"]);
    let before = offered_ids(&c);
    // Deeper questions, proposals, answers to worries and tricks are all there before she
    // has said a word about any of them: the menu does not do the listening.
    for id in [
        "ask-proofs",
        "cost-proofs",
        "value-proofs",
        "propose-proofs",
        "shape-it",
        "answer-phone-orders",
        "assume",
    ] {
        assert!(before.contains(&id.to_string()), "{id} not on offer");
    }
    c.choose_id("ask-proofs").expect("a probe");
    let after = offered_ids(&c);
    assert_eq!(
        after, before,
        "the same list, in the same order, after she spoke"
    );
    assert!(c.newly_offered().is_empty(), "nothing is marked new");
}

#[test]
fn a_deeper_question_about_a_problem_she_never_raised_costs_what_presuming_costs() {
    let s = starter();
    let asked = play(&s, 1, &["purpose", "ask-proofs", "cost-proofs"]);
    let presumed = play(&s, 1, &["purpose", "ask-quotes", "cost-proofs"]);
    let rules: Vec<Rule> = presumed.turns()[2]
        .events
        .iter()
        .filter_map(Event::rule)
        .collect();
    assert!(rules.contains(&Rule::QuestionTooEarly), "{rules:?}");
    assert_eq!(presumed.state().presumed, 1);
    assert!(presumed.state().trust < asked.state().trust);
    assert!(presumed.state().patience < asked.state().patience);
}

#[test]
fn a_worry_asked_about_before_anything_she_said_leads_there_is_too_early() {
    let s = starter_with(&[
        ("chance: 50,", "chance: 0,"),
        (
            "            id: \"setup-time\",",
            "            id: \"setup-time\",\n            hinted_by: \"quotes\",",
        ),
    ]);
    let setup = s
        .file
        .concerns
        .iter()
        .position(|c| c.id == "setup-time")
        .unwrap();
    let seed = (0..50)
        .find(|&seed| rapport_core::engine::initial_state(&s, seed).concern_active(setup))
        .expect("a seed with the worry");
    let early = play(&s, seed, &["purpose", "worry-setup"]);
    let rules: Vec<Rule> = early.turns()[1]
        .events
        .iter()
        .filter_map(Event::rule)
        .collect();
    assert!(rules.contains(&Rule::ConcernTooEarly), "{rules:?}");
    let hinted = play(&s, seed, &["purpose", "ask-quotes", "worry-setup"]);
    let rules: Vec<Rule> = hinted.turns()[2]
        .events
        .iter()
        .filter_map(Event::rule)
        .collect();
    assert!(!rules.contains(&Rule::ConcernTooEarly), "{rules:?}");
}

#[test]
fn who_decides_varies_by_seed_and_the_customer_says_so_at_the_start() {
    let s = starter_with(&[]);
    let (mut alone, mut partner) = (None, None);
    for seed in 0..40 {
        let c = Conversation::start(s.clone(), seed);
        let words: String = c
            .opening()
            .iter()
            .filter_map(|e| match e {
                Event::Said { text, .. } => Some(text.to_string()),
                _ => None,
            })
            .collect();
        let right = rapport_core::engine::right_outcome(&s, c.state());
        if words.contains("Sam has to agree") {
            assert_eq!(right, Outcome::Advance, "seed {seed}");
            partner = Some(seed);
        } else {
            assert!(words.contains("decide on the spot"), "seed {seed}: {words}");
            assert_eq!(right, Outcome::Order, "seed {seed}");
            alone = Some(seed);
        }
    }
    assert!(
        alone.is_some() && partner.is_some(),
        "both situations occur"
    );
}

#[test]
fn a_proposal_before_the_customer_asks_for_advice_is_premature_and_after_it_lands() {
    let s = starter();
    let early = play(
        &s,
        1,
        &["purpose", "ask-proofs", "cost-proofs", "propose-proofs"],
    );
    let rules: Vec<Rule> = early.turns()[3]
        .events
        .iter()
        .filter_map(Event::rule)
        .collect();
    assert!(rules.contains(&Rule::ProposalPremature), "{rules:?}");
    let ready = play(
        &s,
        1,
        &["purpose", "ask-proofs", "cost-proofs", "value-proofs"],
    );
    assert!(ready.state().advice_asked, "she asks what you would do");
    let asked = ready.turns()[3]
        .events
        .iter()
        .any(|e| matches!(e, Event::AdviceAsked { .. }));
    assert!(asked);
    let landed = play(
        &s,
        1,
        &[
            "purpose",
            "ask-proofs",
            "cost-proofs",
            "value-proofs",
            "propose-proofs",
        ],
    );
    let rules: Vec<Rule> = landed.turns()[4]
        .events
        .iter()
        .filter_map(Event::rule)
        .collect();
    assert!(rules.contains(&Rule::ProposalMatched), "{rules:?}");
}

#[test]
fn education_is_a_lecture_before_a_gap_and_welcome_after() {
    let s = starter_with(&[(
        "(id: \"hello\",",
        "(id: \"teach\", text: \"Shops like yours usually choose between email proofs, a portal, or a print broker.\", kind: Educate),\n        (id: \"hello\",",
    )]);
    let lecture = play(&s, 1, &["purpose", "teach"]);
    let rules: Vec<Rule> = lecture.turns()[1]
        .events
        .iter()
        .filter_map(Event::rule)
        .collect();
    assert!(rules.contains(&Rule::EducationLecture), "{rules:?}");
    let welcome = play(&s, 1, &["purpose", "ask-proofs", "cost-proofs", "teach"]);
    let rules: Vec<Rule> = welcome.turns()[3]
        .events
        .iter()
        .filter_map(Event::rule)
        .collect();
    assert!(rules.contains(&Rule::EducationAfterGap), "{rules:?}");
    assert!(
        welcome.state().advice_asked,
        "explored key need and the options shown: she asks"
    );
}

#[test]
fn saying_what_the_product_cannot_do_builds_trust_and_leaving_it_unsaid_costs_the_outcome() {
    let s = starter();
    let reach_cash = [
        "hello",
        "purpose",
        "ask-proofs",
        "cost-proofs",
        "value-proofs",
        "listen",
        "summary",
        "ask-cash",
    ];
    let c = play(&s, 1, &reach_cash);
    assert!(
        c.state().depth[2] >= 1,
        "cash flow came up (trust high enough)"
    );
    let honest = play(&s, 1, &with(&reach_cash, &["say-no-cash"]));
    assert!(honest.state().trust > c.state().trust);
    // The same order, with and without the limitation said.
    let rest = [
        "worry-customers",
        "worry-setup",
        "answer-phone-orders",
        "answer-setup-together",
        "propose-proofs",
        "whats-missing",
        "ask-order",
    ];
    let said = play(&s, 1, &with(&with(&reach_cash, &["say-no-cash"]), &rest));
    let unsaid = play(&s, 1, &with(&with(&reach_cash, &["listen"]), &rest));
    assert_eq!(said.outcome(), Some(Outcome::Order));
    assert_eq!(unsaid.outcome(), Some(Outcome::Order));
    assert!(total(&s, said.state()) > total(&s, unsaid.state()));
    let reasons = score(&s, unsaid.state());
    assert!(
        reasons
            .dimensions
            .iter()
            .flat_map(|d| &d.reasons)
            .any(|r| r.contains("left unsaid")),
        "the debrief says so"
    );
}

#[test]
fn asking_the_same_thing_twice_gets_you_asked_me_that_and_costs_time() {
    let s = starter();
    let once = play(&s, 1, &["purpose", "how-orders", "ask-proofs"]);
    let twice = play(&s, 1, &["purpose", "how-orders", "how-orders"]);
    let last = &twice.turns()[2];
    let said = last
        .events
        .iter()
        .any(|e| matches!(e, Event::Said { text, .. } if text.contains("asked me that")));
    assert!(said, "{:?}", last.events);
    assert!(twice.state().patience < once.state().patience);
}

#[test]
fn a_thinker_stays_measured_however_well_the_call_goes() {
    let s = starter_with(&[
        ("chance: 50,", "chance: 0,"),
        ("style: Socializer,", "style: Thinker,"),
    ]);
    let mut c = Conversation::start(s.clone(), 4);
    rapport_core::report::play_out(&mut c, &mut rapport_core::players::Collaborative, 100);
    let peak = c.turns().iter().map(|t| t.after.trust).max().unwrap_or(0);
    assert!(
        peak <= 80,
        "a Thinker's trust tops out at 80, reached {peak}"
    );
    assert!(
        total(&s, c.state()) >= 85.0,
        "and the score measures against that ceiling"
    );
}

#[test]
fn the_debrief_points_to_the_cue_missed_and_the_limitation_left_unsaid() {
    let s = needs_approval();
    let c = play(&s, 1, &with(READY, &["ask-order", "listen"]));
    let cues = rapport_core::scoring::debrief::missed_cues(&c);
    assert!(
        cues.iter()
            .any(|c| c.contains("Sam has to agree") && c.contains("next step")),
        "{cues:#?}"
    );
    let early = play(
        &starter(),
        1,
        &["purpose", "ask-proofs", "cost-proofs", "propose-proofs"],
    );
    let cues = rapport_core::scoring::debrief::missed_cues(&early);
    assert!(
        cues.iter()
            .any(|c| c.contains("prescription before diagnosis")),
        "{cues:#?}"
    );
}

#[test]
fn a_repeated_question_is_said_in_its_second_phrasing() {
    let c = play(&starter(), 1, &["purpose", "how-orders", "how-orders"]);
    assert_eq!(c.trainee_line(1), "How do orders reach you today?");
    assert!(
        c.trainee_line(2).starts_with("Sorry, remind me"),
        "{}",
        c.trainee_line(2)
    );
    assert!(rapport_core::report::transcript(&c).contains("Sorry, remind me"));
}

#[test]
fn a_voiced_worry_is_settled_by_its_answer_not_by_asking_twice_and_a_wrong_answer_costs() {
    let scenario = starter();
    let concern = scenario
        .file
        .concerns
        .iter()
        .position(|c| c.id == "old-customers")
        .unwrap();
    // A seed where this worry is on her mind; she hints at it once proofs come up.
    let seed = (0..50)
        .find(|&seed| rapport_core::engine::initial_state(&scenario, seed).concern_active(concern))
        .expect("a seed with the worry");
    let resolved_on = |c: &Conversation| {
        c.turns().last().unwrap().events.iter().any(|e| {
            matches!(
                e,
                Event::ConcernChanged { concern: k, to: ConcernState::Resolved, .. } if *k == concern
            )
        })
    };
    let twice = play(
        &scenario,
        seed,
        &[
            "purpose",
            "ask-proofs",
            "worry-customers",
            "worry-customers",
        ],
    );
    assert!(!resolved_on(&twice), "asking again settles nothing");
    let rules: Vec<Rule> = twice.turns()[3]
        .events
        .iter()
        .filter_map(Event::rule)
        .collect();
    assert!(rules.contains(&Rule::ConcernAskedAgain), "{rules:?}");

    let wrong = play(
        &scenario,
        seed,
        &["purpose", "ask-proofs", "worry-customers", "answer-ratings"],
    );
    assert!(!resolved_on(&wrong));
    let rules: Vec<Rule> = wrong.turns()[3]
        .events
        .iter()
        .filter_map(Event::rule)
        .collect();
    assert!(rules.contains(&Rule::AnswerMissed), "{rules:?}");

    let answered = play(
        &scenario,
        seed,
        &[
            "purpose",
            "ask-proofs",
            "worry-customers",
            "answer-phone-orders",
        ],
    );
    assert!(resolved_on(&answered), "the right answer settles it");
    assert!(answered.state().trust > wrong.state().trust);
    let resolved = &scenario.file.concerns[concern].resolved;
    let said: Vec<&str> = answered
        .turns()
        .last()
        .unwrap()
        .events
        .iter()
        .filter_map(|e| match e {
            Event::Said {
                speaker: Speaker::Customer,
                text,
            } => Some(&**text),
            _ => None,
        })
        .collect();
    assert!(
        said.iter().any(|s| resolved.iter().any(|r| &**r == *s)),
        "the customer answers in a resolved line, not another one: {said:?}"
    );
    // The same answer before she voiced the worry presumes it.
    let unasked = play(&scenario, seed, &["purpose", "answer-phone-orders"]);
    let rules: Vec<Rule> = unasked.turns()[1]
        .events
        .iter()
        .filter_map(Event::rule)
        .collect();
    assert!(rules.contains(&Rule::AnswerUnasked), "{rules:?}");
}

#[test]
fn a_concern_hardened_by_pressure_is_not_answered_with_a_line_the_trainee_never_said() {
    // Hardened lines answer an argument about the concern ("'It's secure' won't cut it"); a
    // closing trick makes no such argument, so the customer only reacts to the pressure.
    let scenario = starter();
    let c = play(
        &scenario,
        1,
        &[
            "hello",
            "purpose",
            "ask-proofs",
            "worry-customers",
            "assume",
        ],
    );
    let concern = scenario
        .file
        .concerns
        .iter()
        .position(|c| c.id == "old-customers")
        .unwrap();
    let last = c.turns().last().unwrap();
    assert!(
        last.events.iter().any(|e| matches!(
            e,
            Event::ConcernChanged { concern: k, rule: Rule::ConcernHardenedByPressure, .. } if *k == concern
        )),
        "the trick hardened the raised concern: {:?}",
        last.events
    );
    let hardened = &scenario.file.concerns[concern].hardened;
    let said: Vec<&str> = last
        .events
        .iter()
        .filter_map(|e| match e {
            Event::Said { text, .. } => Some(&**text),
            _ => None,
        })
        .collect();
    assert!(
        said.iter().all(|s| !hardened.iter().any(|h| &**h == *s)),
        "{said:?}"
    );
    assert!(
        !said.is_empty(),
        "the customer still reacts to the pressure"
    );

    // A rebuttal is an argument about the concern: it gets the hardened answer.
    let c = play(
        &scenario,
        1,
        &[
            "hello",
            "purpose",
            "ask-proofs",
            "worry-customers",
            "argue-customers",
        ],
    );
    let said: Vec<String> = c
        .turns()
        .last()
        .unwrap()
        .events
        .iter()
        .filter_map(|e| match e {
            Event::Said { text, .. } => Some(text.to_string()),
            _ => None,
        })
        .collect();
    assert!(
        said.iter()
            .any(|s| hardened.iter().any(|h| &**h == s.as_str())),
        "{said:?}"
    );
}

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
