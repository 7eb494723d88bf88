//! Results that are never lost, in the game: the call in progress saved after every move, a
//! result when a call ends or is abandoned, an interrupted call resumed at its move, a
//! workshop code fixing the seed, and a results folder that cannot be written shown, not fatal.

use crate::support::*;
use bevy::prelude::*;
use rapport::files::results::IN_PROGRESS_FILE;
use rapport::game::GameOptions;
use rapport::game::screens::{Overlay, Screen};
use rapport::game::session::{CallRequest, ChooseMove, Selected, Session};
use rapport::game::settings::Settings;
use rapport::game::workshop::{ResultsNotice, ResultsWriter, Trainee};
use rapport_core::engine::Conversation;
use rapport_workshop::record::{Attempt, ScenarioRef};
use rapport_workshop::{CallResult, SavedCall, Status, WorkshopCode};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub(crate) fn app_recording(scenarios: &Path, results: PathBuf, seed: Option<u64>) -> App {
    let mut app = unchecked_app(GameOptions {
        scenarios_dir: Some(scenarios.to_path_buf()),
        seed,
        results_dir: Some(results),
        ..Default::default()
    });
    app.wait_for_library("starter");
    app
}

pub(crate) fn scenario_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("starter.ron"),
        starter("starter", "Starter: the print shop"),
    )
    .unwrap();
    dir
}

pub(crate) fn start_call(app: &mut App, seed: Option<u64>) {
    let path = app
        .world()
        .resource::<rapport::game::scenario_assets::Library>()
        .by_id("starter")
        .unwrap()
        .path
        .clone();
    app.world_mut().insert_resource(Selected(path));
    app.world_mut().write_message(CallRequest::Start { seed });
    app.update();
    app.update();
    assert_eq!(app.screen(), Screen::Conversation);
}

pub(crate) fn results_in(dir: &Path) -> Vec<CallResult> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap() != IN_PROGRESS_FILE)
        .map(|p| CallResult::from_json(&std::fs::read(p).unwrap()).unwrap())
        .collect()
}

fn saved_moves(dir: &Path) -> Option<usize> {
    let bytes = std::fs::read(dir.join(IN_PROGRESS_FILE)).ok()?;
    Some(SavedCall::from_json(&bytes).unwrap().moves.len())
}

fn play(app: &mut App, id: &str) {
    let index = app.move_index(id);
    app.world_mut().write_message(ChooseMove(index));
    app.update();
    settle_writes(app);
}

/// Waits for the results writer's thread to finish what was asked, then lets the game read
/// how it went.
pub(crate) fn settle_writes(app: &mut App) {
    assert!(
        app.world()
            .resource::<ResultsWriter>()
            .wait_idle(Duration::from_secs(10)),
        "the results writer finished"
    );
    app.update();
}

#[test]
fn each_move_is_saved_and_the_finished_call_becomes_a_result_with_the_trainee_name() {
    let scenarios = scenario_folder();
    let results = tempfile::tempdir().unwrap();
    let mut app = app_recording(scenarios.path(), results.path().to_path_buf(), Some(7));
    app.world_mut().resource_mut::<Settings>().trainee = "Zoë, \"the listener\"".into();
    app.update();
    assert_eq!(
        app.world().resource::<Trainee>().name,
        "Zoë, \"the listener\""
    );
    start_call(&mut app, None);
    play(&mut app, "purpose");
    assert_eq!(saved_moves(results.path()), Some(1));
    play(&mut app, "how-orders");
    assert_eq!(saved_moves(results.path()), Some(2));
    assert!(results_in(results.path()).is_empty());

    app.play_collaborative();
    app.update();
    settle_writes(&mut app);
    let written = results_in(results.path());
    assert_eq!(written.len(), 1);
    let result = &written[0];
    assert_eq!(result.status, Status::Finished);
    assert_eq!(result.attempt.trainee, "Zoë, \"the listener\"");
    assert_eq!(result.attempt.seed, 7);
    let session = app.world().resource::<Session>();
    assert_eq!(result.moves.len(), session.conversation.turns().len());
    assert_eq!(
        saved_moves(results.path()),
        None,
        "the call in progress is gone"
    );

    // A what-if from the debrief explores; it is not another attempt.
    app.world_mut()
        .write_message(CallRequest::WhatIf { turn: 2 });
    app.update();
    app.update();
    app.play_collaborative();
    app.update();
    settle_writes(&mut app);
    assert_eq!(results_in(results.path()).len(), 1);
}

#[test]
fn leaving_a_call_midway_writes_an_abandoned_result() {
    let scenarios = scenario_folder();
    let results = tempfile::tempdir().unwrap();
    let mut app = app_recording(scenarios.path(), results.path().to_path_buf(), Some(7));
    start_call(&mut app, None);
    play(&mut app, "purpose");
    app.world_mut().write_message(CallRequest::Leave);
    app.update();
    app.update();
    settle_writes(&mut app);
    let written = results_in(results.path());
    assert_eq!(written.len(), 1);
    assert_eq!(written[0].status, Status::Abandoned);
    assert_eq!(written[0].moves.len(), 1);
    assert_eq!(saved_moves(results.path()), None);
}

#[test]
fn an_interrupted_call_is_offered_at_start_and_resumes_at_its_move() {
    let scenarios = scenario_folder();
    let results = tempfile::tempdir().unwrap();
    let text = starter("starter", "Starter: the print shop");
    let scenario = rapport_core::scenario::parse(&text).scenario.unwrap();
    let mut call = Conversation::start(scenario.clone(), 11);
    for id in ["hello", "purpose", "how-orders"] {
        call.choose_id(id).expect("the move is on offer");
    }
    let saved = SavedCall::of(
        &call,
        Attempt {
            attempt_id: "0d4b4f6c-8b3a-4c53-9a64-1f1b2b4c5d6e".into(),
            trainee: "Ana".into(),
            workshop: None,
            scenario: ScenarioRef::of(&scenario),
            seed: 11,
            started_at: "2026-11-23T09:00:00Z".into(),
        },
    );
    std::fs::write(results.path().join(IN_PROGRESS_FILE), saved.to_json()).unwrap();

    let mut app = app_recording(scenarios.path(), results.path().to_path_buf(), None);
    app.update_until(5, "the offer to resume", |app| {
        *app.world().resource::<State<Overlay>>().get() == Overlay::Interrupted
    });
    assert!(app.texts().iter().any(|t| t.contains("Resume at move 4")));
    // When it started is said as time gone by, not as a UTC clock a trainee must convert.
    assert!(
        app.texts()
            .iter()
            .any(|t| t.contains("after 3 moves, started ") && t.contains(" ago, played by Ana")),
        "{:?}",
        app.texts()
    );
    assert!(!app.texts().iter().any(|t| t.contains("UTC")));
    app.press(KeyCode::Enter);
    app.update();
    assert_eq!(app.screen(), Screen::Conversation);
    let session = app.world().resource::<Session>();
    assert_eq!(session.conversation.turns().len(), 3);
    assert_eq!(session.seed(), 11);
    assert_eq!(session.conversation.state(), call.state());

    app.play_collaborative();
    app.update();
    settle_writes(&mut app);
    let written = results_in(results.path());
    assert_eq!(written.len(), 1);
    assert_eq!(
        written[0].attempt.attempt_id,
        "0d4b4f6c-8b3a-4c53-9a64-1f1b2b4c5d6e"
    );
    assert_eq!(written[0].attempt.trainee, "Ana");
}

#[test]
fn a_workshop_code_in_settings_fixes_the_seed_and_a_wrong_one_says_why() {
    let scenarios = scenario_folder();
    let results = tempfile::tempdir().unwrap();
    let text = starter("starter", "Starter: the print shop");
    let fingerprint = rapport_core::scenario::parse(&text)
        .scenario
        .unwrap()
        .fingerprint;
    let code = WorkshopCode::new(&[("starter".into(), fingerprint)], 777)
        .unwrap()
        .encode();
    let mut app = app_recording(scenarios.path(), results.path().to_path_buf(), None);
    app.world_mut().resource_mut::<Settings>().workshop = code.to_lowercase();
    app.update();
    let trainee = app.world().resource::<Trainee>();
    assert!(trainee.workshop.is_some(), "{:?}", trainee.workshop_problem);
    start_call(&mut app, None);
    assert_eq!(app.world().resource::<Session>().seed(), 777);

    let other = WorkshopCode::new(&[("starter".into(), fingerprint + 1)], 777)
        .unwrap()
        .encode();
    app.world_mut().resource_mut::<Settings>().workshop = other;
    app.update();
    let trainee = app.world().resource::<Trainee>();
    assert!(trainee.workshop.is_none());
    let problem = trainee.workshop_problem.clone().unwrap();
    assert!(
        problem.contains("\"starter\"") && problem.contains("facilitator"),
        "{problem}"
    );
}

#[test]
fn a_results_folder_that_cannot_be_written_shows_a_notice_and_the_call_goes_on() {
    let scenarios = scenario_folder();
    let outer = tempfile::tempdir().unwrap();
    let blocked = outer.path().join("not-a-folder");
    std::fs::write(&blocked, "in the way").unwrap();
    let mut app = app_recording(scenarios.path(), blocked.clone(), Some(7));
    start_call(&mut app, None);
    play(&mut app, "purpose");
    let notice = app.world().resource::<ResultsNotice>().0.clone();
    assert!(
        notice
            .as_deref()
            .is_some_and(|n| n.contains("not-a-folder")),
        "{notice:?}"
    );
    app.update();
    assert!(app.texts().iter().any(|t| t.contains("Could not save")));
    play(&mut app, "how-orders");
    assert_eq!(
        app.world().resource::<Session>().conversation.turns().len(),
        2
    );
    assert_eq!(std::fs::read_to_string(&blocked).unwrap(), "in the way");
}

#[test]
fn a_past_result_and_the_debrief_both_step_through_beside_the_best_play() {
    let scenarios = scenario_folder();
    let results = tempfile::tempdir().unwrap();
    let mut app = app_recording(scenarios.path(), results.path().to_path_buf(), Some(7));
    start_call(&mut app, None);
    app.play_collaborative();
    app.update();
    settle_writes(&mut app);
    app.world_mut()
        .resource_mut::<NextState<Screen>>()
        .set(Screen::Debrief);
    app.update();
    app.update();

    // From the debrief: its button opens the call beside the best play; Esc comes back.
    let step_through = app
        .world_mut()
        .query::<(Entity, &bevy::a11y::AccessibilityNode)>()
        .iter(app.world())
        .find(|(_, a)| {
            a.label()
                .is_some_and(|l| l.starts_with("Step through this call"))
        })
        .map(|(e, _)| e)
        .expect("the debrief offers a step-through");
    app.world_mut().trigger(bevy::ui_widgets::Activate {
        entity: step_through,
    });
    app.update();
    app.update();
    assert_eq!(app.screen(), Screen::Replay);
    assert!(app.texts().iter().any(|t| t.starts_with("Turn 1 of ")));
    app.press(KeyCode::Escape);
    assert_eq!(app.screen(), Screen::Debrief);

    // From a past result, stepped with ] and [.
    app.world_mut()
        .resource_mut::<NextState<Screen>>()
        .set(Screen::Menu);
    app.update();
    app.world_mut()
        .resource_mut::<NextState<Screen>>()
        .set(Screen::Results);
    app.update();
    app.update();
    assert!(
        app.texts()
            .iter()
            .any(|t| t.contains("Starter: the print shop")),
        "the finished call is listed"
    );
    app.press(KeyCode::Enter);
    app.update();
    assert_eq!(app.screen(), Screen::Replay);
    app.update();
    let turn_of = |app: &mut App| {
        app.texts()
            .into_iter()
            .find(|t| t.starts_with("Turn "))
            .unwrap_or_default()
    };
    assert!(
        turn_of(&mut app).starts_with("Turn 1 of "),
        "{:?}",
        turn_of(&mut app)
    );
    assert!(
        app.texts()
            .iter()
            .any(|t| t.starts_with("The best play says: "))
    );
    app.press(KeyCode::BracketRight);
    assert!(turn_of(&mut app).starts_with("Turn 2 of "));
    app.press(KeyCode::BracketLeft);
    assert!(turn_of(&mut app).starts_with("Turn 1 of "));
    app.press(KeyCode::Escape);
    assert_eq!(app.screen(), Screen::Results);
}

#[test]
fn under_a_workshop_code_the_menu_lists_the_room_scenarios_only() {
    let scenarios = scenario_folder();
    std::fs::write(
        scenarios.path().join("other.ron"),
        starter("other", "Another shop"),
    )
    .unwrap();
    let results = tempfile::tempdir().unwrap();
    let mut app = app_recording(scenarios.path(), results.path().to_path_buf(), None);
    app.wait_for_library("other");
    app.update();
    assert!(app.texts().iter().any(|t| t == "Another shop"));
    let text = starter("starter", "Starter: the print shop");
    let fingerprint = rapport_core::scenario::parse(&text)
        .scenario
        .unwrap()
        .fingerprint;
    let code = WorkshopCode::new(&[("starter".into(), fingerprint)], 5)
        .unwrap()
        .encode();
    app.world_mut().resource_mut::<Settings>().workshop = code.clone();
    app.update();
    app.update();
    let texts = app.texts();
    assert!(!texts.iter().any(|t| t == "Another shop"), "{texts:?}");
    assert!(texts.iter().any(|t| t == "Starter: the print shop"));
    assert!(
        texts
            .iter()
            .any(|t| t.contains(&format!("Workshop {code}")))
    );
}
