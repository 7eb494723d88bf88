//! How the customer answers each kind of move at the wrong and the right moment: the menu
//! that never follows her, presuming, worries, who decides, advice, education, honesty about
//! limits, repeats, a Thinker's ceiling, and worries settled by their answers.

use rapport_core::engine::state::ConcernState;
use rapport_core::engine::{Conversation, Event, Rule, Speaker};
use rapport_core::scenario::Outcome;
use rapport_core::scoring::{score, total};

mod starter_fixtures;
use starter_fixtures::*;

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
