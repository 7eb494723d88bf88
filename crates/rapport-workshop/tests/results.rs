//! Results and saved calls round-trip through JSON, and a saved call resumes to the very score
//! of the uninterrupted call, unless an edit changed what was played.

use rapport_core::engine::Conversation;
use rapport_core::players::by_name;
use rapport_core::report::play_out;
use rapport_core::scenario::{Scenario, parse};
use rapport_workshop::record::{Attempt, Ending, ScenarioRef};
use rapport_workshop::{CallResult, ResultError, ResumeError, SavedCall, Status, resume};
use std::sync::Arc;

const CAFE: &str = include_str!("../../../scenarios/corner-cafe.ron");

fn scenario(source: &str) -> Arc<Scenario> {
    parse(source).scenario.expect("the scenario is valid")
}

fn attempt(scenario: &Scenario, seed: u64) -> Attempt {
    Attempt {
        attempt_id: "6f1c2d3e-0000-4000-8000-000000000001".into(),
        trainee: "Zoë \"the closer\", ../../etc/passwd\n\u{202e}".into(),
        workshop: Some("RAP-TEST".into()),
        scenario: ScenarioRef::of(scenario),
        seed,
        started_at: "2026-11-23T09:00:00Z".into(),
    }
}

fn ending() -> Ending {
    Ending {
        ended_at: "2026-11-23T09:07:30Z".into(),
        duration_seconds: 450.0,
    }
}

fn played(scenario: &Arc<Scenario>, player: &str, seed: u64) -> Conversation {
    let mut call = Conversation::start(scenario.clone(), seed);
    let mut p = by_name(player, seed).expect("a known player");
    play_out(&mut call, p.as_mut(), 80);
    call
}

#[test]
fn a_finished_result_round_trips_through_its_json_with_every_part() {
    let cafe = scenario(CAFE);
    let call = played(&cafe, "skilled", 3);
    let result = CallResult::of(&call, attempt(&cafe, 3), ending(), "0.1.0");
    assert_eq!(result.status, Status::Finished);
    let json = result.to_json();
    let back = CallResult::from_json(json.as_bytes()).expect("reads back");
    assert_eq!(back, result);
    assert_eq!(back.moves.len(), call.turns().len());
    assert_eq!(back.debrief.head.len(), call.turns().len());
    assert!(back.moves.iter().all(|m| !m.replies.is_empty()));
    assert!(
        back.debrief
            .score
            .dimensions
            .iter()
            .all(|d| !d.reasons.is_empty())
    );
    for key in [
        "\"trainee\"",
        "\"workshop\"",
        "\"scenario\"",
        "\"hash\"",
        "\"seed\"",
        "\"moves\"",
        "\"replies\"",
        "\"head\"",
        "\"dimensions\"",
        "\"timeline\"",
        "\"outcome\"",
        "\"profile\"",
        "\"started_at\"",
        "\"ended_at\"",
    ] {
        assert!(json.contains(key), "the result has {key}");
    }
    // A name with quotes, a newline and a direction mark stays escaped JSON text.
    assert!(json.contains(r#"Zoë \"the closer\", ../../etc/passwd\n"#));
}

#[test]
fn an_abandoned_call_is_a_result_too() {
    let cafe = scenario(CAFE);
    let mut call = Conversation::start(cafe.clone(), 5);
    let first = call.available_moves()[0];
    call.choose(first).unwrap();
    let result = CallResult::of(&call, attempt(&cafe, 5), ending(), "0.1.0");
    assert_eq!(result.status, Status::Abandoned);
    assert_eq!(result.debrief.score.outcome, None);
    assert_eq!(
        CallResult::from_json(result.to_json().as_bytes()),
        Ok(result)
    );
}

#[test]
fn a_damaged_result_is_an_error_not_a_panic() {
    let cafe = scenario(CAFE);
    let call = played(&cafe, "collaborative", 1);
    let json = CallResult::of(&call, attempt(&cafe, 1), ending(), "0.1.0").to_json();
    for cut in [0, 1, json.len() / 3, json.len() / 2, json.len() - 2] {
        assert!(CallResult::from_json(&json.as_bytes()[..cut]).is_err());
    }
    let mangled = json.replace("\"seed\": 1", "\"seed\": \"one\"");
    assert!(matches!(
        CallResult::from_json(mangled.as_bytes()),
        Err(ResultError::Damaged(_))
    ));
}

/// The message reading `json` with `from` replaced by `to` gives.
fn damage(json: &str, from: &str, to: &str) -> String {
    assert!(json.contains(from), "{from}");
    let bad = json.replacen(from, to, 1);
    match CallResult::from_json(bad.as_bytes()) {
        Err(e @ ResultError::Damaged(_)) => e.to_string(),
        other => panic!("{from} -> {to}: {other:?}"),
    }
}

#[test]
fn a_damaged_result_names_the_field_with_its_line_and_column() {
    let cafe = scenario(CAFE);
    let call = played(&cafe, "skilled", 3);
    let json = CallResult::of(&call, attempt(&cafe, 3), ending(), "0.1.0").to_json();
    let line_of = |needle: &str| json[..json.find(needle).unwrap()].matches('\n').count() + 1;
    let seed = damage(&json, "\"seed\": 3", "\"seed\": \"x\"");
    assert!(
        seed.contains(&format!(
            "field `seed`, line {}, column 11",
            line_of("\"seed\"")
        )),
        "{seed}"
    );
    assert!(seed.contains("expected u64"), "{seed}");
    let total = damage(&json, "\"total\": ", "\"total\": \"a\", \"was\": ");
    assert!(
        total.contains("field `debrief.score.total`, line"),
        "{total}"
    );
    let status = damage(&json, "\"status\": \"finished\"", "\"status\": \"done\"");
    assert!(
        status.contains("field `status`, line") && status.contains("`done`"),
        "{status}"
    );
    let kind = damage(&json, "\"kind\": \"Rapport\"", "\"kind\": \"Nonsense\"");
    assert!(kind.contains("field `moves[0].kind`"), "{kind}");
}

#[test]
fn a_format_that_is_not_a_whole_number_is_named_as_it_is() {
    let cafe = scenario(CAFE);
    let call = played(&cafe, "skilled", 3);
    let json = CallResult::of(&call, attempt(&cafe, 3), ending(), "0.1.0").to_json();
    for (written, shown) in [
        ("\"1\"", "\"1\""),
        ("1.5", "1.5"),
        ("-1", "-1"),
        ("null", "null"),
    ] {
        let err = damage(&json, "\"format\": 1", &format!("\"format\": {written}"));
        assert!(
            err.contains(&format!("\"format\" is {shown}, not a format version")),
            "{err}"
        );
        assert!(err.contains("field `format`, line 2"), "{err}");
    }
    let none = damage(&json, "\"format\": 1,", "");
    assert!(none.contains("it has no \"format\""), "{none}");
}

#[test]
fn a_hand_edited_score_out_of_range_is_damage_named_with_its_field() {
    let cafe = scenario(CAFE);
    let call = played(&cafe, "skilled", 3);
    let result = CallResult::of(&call, attempt(&cafe, 3), ending(), "0.1.0");
    let json = result.to_json();
    let total = format!(
        "\"total\": {}",
        serde_json::to_string(&result.total()).unwrap()
    );
    let err = damage(&json, &total, "\"total\": 250.0");
    assert!(
        err.contains("field `debrief.score.total`")
            && err.contains("250 is out of range (0 to 100)"),
        "{err}"
    );
    let value = format!(
        "\"value\": {}",
        serde_json::to_string(&result.debrief.score.dimensions[0].value).unwrap()
    );
    let err = damage(&json, &value, "\"value\": -3.5");
    assert!(
        err.contains("field `debrief.score.dimensions[0].value`") && err.contains("-3.5"),
        "{err}"
    );
}

#[test]
fn a_damaged_saved_call_names_the_field_too() {
    let cafe = scenario(CAFE);
    let call = played(&cafe, "skilled", 3);
    let json = SavedCall::of(&call, attempt(&cafe, 3)).to_json();
    let bad = json.replacen("\"turn\": 1", "\"turn\": \"first\"", 1);
    let err = SavedCall::from_json(bad.as_bytes())
        .unwrap_err()
        .to_string();
    assert!(err.contains("field `moves[0].turn`, line"), "{err}");
}

#[test]
fn a_saved_call_resumes_to_exactly_the_score_of_the_uninterrupted_call() {
    let cafe = scenario(CAFE);
    for (player, seed) in [
        ("skilled", 2),
        ("average", 7),
        ("closer", 11),
        ("random", 4),
    ] {
        let whole = played(&cafe, player, seed);
        let total = whole.turns().len();
        for stop in [1, total / 2, total.saturating_sub(1)] {
            let part = whole.rewind(stop);
            let saved = SavedCall::of(&part, attempt(&cafe, seed));
            let saved = SavedCall::from_json(saved.to_json().as_bytes()).expect("reads back");
            let mut resumed = resume(cafe.clone(), &saved).expect("resumes");
            assert_eq!(resumed.turns().len(), stop);
            for t in &whole.turns()[stop..] {
                resumed
                    .choose(t.move_index)
                    .expect("the rest plays as before");
            }
            let a = CallResult::of(&whole, attempt(&cafe, seed), ending(), "x");
            let b = CallResult::of(&resumed, attempt(&cafe, seed), ending(), "x");
            assert_eq!(
                a.debrief, b.debrief,
                "{player} seed {seed} stopped at {stop}"
            );
            assert_eq!(a.moves, b.moves);
        }
    }
}

#[test]
fn an_edit_outside_the_played_part_still_resumes_and_one_inside_does_not() {
    let cafe = scenario(CAFE);
    let whole = played(&cafe, "skilled", 2);
    let part = whole.rewind(3);
    let saved = SavedCall::of(&part, attempt(&cafe, 2));
    let played_lines: Vec<String> = saved.moves.iter().map(|m| m.said.clone()).collect();

    // A comment added: another text, the same play.
    let commented = scenario(&format!("// a trainer's note\n{CAFE}"));
    assert_ne!(commented.fingerprint, cafe.fingerprint);
    assert!(resume(commented, &saved).is_ok());

    // The first line the trainee said is reworded: what was played changed.
    let first = &played_lines[0];
    assert!(
        CAFE.contains(first.as_str()),
        "the line is in the file: {first}"
    );
    let reworded = scenario(&CAFE.replacen(first.as_str(), "Something else entirely.", 1));
    match resume(reworded, &saved) {
        Err(ResumeError::Changed { turn, .. }) => assert_eq!(turn, 1),
        other => panic!("expected a change at turn 1, got {other:?}"),
    }
}

#[test]
fn a_replay_shows_each_turn_beside_the_best_play_from_a_result_or_the_live_call() {
    use rapport_workshop::replay;
    let cafe = scenario(CAFE);
    let call = played(&cafe, "pitcher", 6);
    let result = CallResult::of(&call, attempt(&cafe, 6), ending(), "x");
    let from_result = replay::of_result(&result, Some(&cafe));
    assert_eq!(from_result.yours.len(), call.turns().len());
    assert!(!from_result.best.is_empty());
    assert!(from_result.best_total.unwrap() > from_result.your_total);
    assert_eq!(from_result.note, None);
    assert_eq!(
        from_result.steps(),
        from_result.yours.len().max(from_result.best.len())
    );
    // The live call and its saved result replay the same.
    let start = *call.start_state();
    let best = rapport_core::players::search::search(&cafe, start, Default::default()).honest;
    let live = replay::of_conversation(&call, best.as_ref());
    assert_eq!(live, from_result);
    // Without the scenario, the trainee's side still shows, with a note why the best is gone.
    let alone = replay::of_result(&result, None);
    assert_eq!(alone.yours, from_result.yours);
    assert!(alone.best.is_empty() && alone.note.unwrap().contains("not on this machine"));
}
