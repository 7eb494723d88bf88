//! What a class report reads (`report::intake`): one workshop's results, whatever the
//! spelling of its code; copies counted once; an attempt id under another name and a result
//! on another scenario text named and left out, even when such results are the majority.

use rapport_core::engine::Conversation;
use rapport_core::players::by_name;
use rapport_core::report::play_out;
use rapport_core::scenario::parse;
use rapport_workshop::record::{Attempt, Ending, ScenarioRef};
use rapport_workshop::report::intake::intake;
use rapport_workshop::{CallResult, WorkshopCode};

const CAFE: &str = include_str!("../../../scenarios/corner-cafe.ron");

fn code(seed: u64) -> WorkshopCode {
    let cafe = parse(CAFE).scenario.unwrap();
    WorkshopCode::new(&[("corner-cafe".into(), cafe.fingerprint)], seed).unwrap()
}

/// A finished call at the café by `trainee` under `workshop` (as written in the file).
fn result(trainee: &str, attempt_id: &str, workshop: Option<&str>) -> CallResult {
    let cafe = parse(CAFE).scenario.unwrap();
    let mut call = Conversation::start(cafe.clone(), 3);
    play_out(&mut call, by_name("skilled", 3).unwrap().as_mut(), 80);
    let attempt = Attempt {
        attempt_id: attempt_id.into(),
        trainee: trainee.into(),
        workshop: workshop.map(str::to_string),
        scenario: ScenarioRef::of(&cafe),
        seed: 3,
        started_at: "2026-11-23T09:00:00Z".into(),
    };
    let ending = Ending {
        ended_at: "2026-11-23T09:07:30Z".into(),
        duration_seconds: 450.0,
    };
    CallResult::of(&call, attempt, ending, "0.1.0")
}

fn sourced(results: Vec<CallResult>) -> Vec<(String, CallResult)> {
    results
        .into_iter()
        .enumerate()
        .map(|(i, r)| (format!("file-{i}.json"), r))
        .collect()
}

#[test]
fn a_workshop_is_kept_whatever_the_spelling_of_its_code_and_the_rest_is_counted() {
    let room = code(7);
    let sloppy = room.encode().to_lowercase().replace('-', " ");
    let other = code(8).encode();
    let taken = intake(
        sourced(vec![
            result("Ana", "a1", Some(&room.encode())),
            result("Ben", "b1", Some(&sloppy)),
            result("Cy", "c1", Some(&other)),
            result("Cy", "c2", Some(&other)),
            result("Dee", "d1", None),
        ]),
        Some(&room),
    );
    let kept: Vec<&str> = taken
        .kept
        .iter()
        .map(|(_, r)| r.attempt.trainee.as_str())
        .collect();
    assert_eq!(kept, ["Ana", "Ben"]);
    assert_eq!(taken.other_codes.get(&other), Some(&2));
    assert_eq!(taken.free_play, 1);
    assert!(taken.left_out.is_empty() && taken.mixed.is_empty());
}

#[test]
fn without_a_code_a_mix_of_workshops_is_counted_per_code_and_free_play() {
    let room = code(7).encode();
    let taken = intake(
        sourced(vec![
            result("Ana", "a1", Some(&room)),
            result("Ben", "b1", Some(&room.to_lowercase())),
            result("Dee", "d1", None),
        ]),
        None,
    );
    assert_eq!(taken.kept.len(), 3);
    assert_eq!(taken.mixed.get(&Some(room)), Some(&2));
    assert_eq!(taken.mixed.get(&None), Some(&1));
}

#[test]
fn a_copy_counts_once_and_an_attempt_id_under_another_name_is_named() {
    let taken = intake(
        sourced(vec![
            result("Ana", "same", None),
            result("Ana", "same", None),
            result("Anna", "same", None),
        ]),
        None,
    );
    assert_eq!(taken.kept.len(), 1);
    assert_eq!(
        taken.copies,
        [("file-1.json".to_string(), "file-0.json".to_string())]
    );
    let (file, why) = &taken.left_out[0];
    assert_eq!(file, "file-2.json");
    assert!(
        why.contains("also file-0.json's") && why.contains("(\"Ana\" there, \"Anna\" here)"),
        "{why}"
    );
}

#[test]
fn another_scenario_text_is_left_out_against_the_code_even_as_the_majority() {
    let room = code(7);
    let mut edited: Vec<CallResult> = (0..3)
        .map(|i| result(&format!("T{i}"), &format!("e{i}"), Some(&room.encode())))
        .collect();
    for r in &mut edited {
        r.attempt.scenario.hash = "fnv1a64:00000000deadbeef".into();
    }
    let mut all = vec![result("Ana", "a1", Some(&room.encode()))];
    all.extend(edited);
    let taken = intake(sourced(all.clone()), Some(&room));
    assert_eq!(taken.kept.len(), 1, "only the call on the code's text");
    assert_eq!(taken.left_out.len(), 3);
    assert!(
        taken.left_out[0]
            .1
            .contains("another text of scenario \"corner-cafe\" (fnv1a64:00000000deadbeef) than the workshop code's"),
        "{}",
        taken.left_out[0].1
    );
    // Without the code, the text most results have is the reference.
    let taken = intake(sourced(all), None);
    assert_eq!(taken.kept.len(), 3);
    assert!(
        taken.left_out[0]
            .1
            .contains("than the text 3 other result(s)"),
        "{}",
        taken.left_out[0].1
    );
}
