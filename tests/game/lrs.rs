//! The game sends each finished call to a real learning record store (Ralph, started by the
//! test) from its own threads, Settings' status says whether the LRS answered, and a game
//! closed while the LRS was down sends what waited at its next start, each statement once.

#[path = "../../crates/rapport-lrs/tests/support/ralph.rs"]
mod ralph;

use super::results::{app_recording, scenario_folder, settle_writes, start_call};
use crate::support::*;
use bevy::prelude::*;
use ralph::Ralph;
use rapport::files::results::load_results;
use rapport::game::settings::Settings;
use rapport::game::workshop::{LrsLink, LrsState, LrsStatus};
use rapport_lrs::Sender;
use rapport_workshop::report::{ClassReport, ReportOptions, XapiOptions, xapi};
use std::path::Path;

/// A game recording into `results`, sending to `ralph`.
fn app_sending(scenarios: &Path, results: &Path, ralph: &Ralph) -> App {
    let mut app = app_recording(scenarios, results.to_path_buf(), Some(7));
    app.world_mut()
        .insert_resource(LrsLink::start(ralph.config()));
    // An LRS refuses an actor without a name (Ralph: 422), so the trainee has one.
    app.world_mut().resource_mut::<Settings>().trainee = "Ana".into();
    app.update();
    app
}

fn finish_a_call(app: &mut App) {
    start_call(app, None);
    app.play_collaborative();
    app.update();
    settle_writes(app);
}

fn status(app: &App) -> LrsStatus {
    app.world().resource::<LrsState>().0.clone()
}

/// The statement ids of the results in `dir`, sorted.
/// The ids of the statements `report --xapi` exports for the folder's results.
fn expected_ids(dir: &Path) -> Vec<String> {
    let results = load_results(&[dir.to_path_buf()])
        .results
        .into_iter()
        .map(|(_, r)| r)
        .collect();
    let class = ClassReport::new(results, &ReportOptions::default());
    let mut ids: Vec<String> = xapi(&class, &XapiOptions::default())
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

fn stored_ids(ralph: &Ralph) -> Vec<String> {
    let mut ids: Vec<String> = Sender::new(ralph.config())
        .statements(&[("limit", "50")])
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

#[test]
fn a_finished_call_reaches_the_lrs_and_settings_says_it_answered() {
    let Some(ralph) = Ralph::start() else { return };
    let scenarios = scenario_folder();
    let results = tempfile::tempdir().unwrap();
    let mut app = app_sending(scenarios.path(), results.path(), &ralph);
    finish_a_call(&mut app);
    app.update_until(20, "the LRS's answer", |app| {
        status(app) == LrsStatus::Answered { waiting: 0 }
    });
    assert_eq!(stored_ids(&ralph), expected_ids(results.path()));
    let line = status(&app).plain_words().unwrap();
    assert!(line.contains("it answered"), "{line}");
}

#[test]
fn a_game_closed_while_the_lrs_was_down_sends_at_its_next_start_each_statement_once() {
    let Some(ralph) = Ralph::start() else { return };
    let scenarios = scenario_folder();
    let results = tempfile::tempdir().unwrap();
    ralph.stop();
    {
        let mut app = app_sending(scenarios.path(), results.path(), &ralph);
        finish_a_call(&mut app);
        settle_writes(&mut app);
        let per_call = expected_ids(results.path()).len();
        app.update_until(
            20,
            "the failure to show",
            |app| matches!(status(app), LrsStatus::Failed { waiting, .. } if waiting == per_call),
        );
        let line = status(&app).plain_words().unwrap();
        assert!(
            line.contains("cannot reach") && line.contains(&format!("{per_call} statements wait")),
            "{line}"
        );
    }
    ralph.restart();
    let mut app = app_sending(scenarios.path(), results.path(), &ralph);
    app.update_until(20, "the leftovers sent", |app| {
        status(app) == LrsStatus::Answered { waiting: 0 }
    });
    // A second call goes the same way; the first is not sent twice.
    finish_a_call(&mut app);
    app.update_until(20, "the second call sent", |app| {
        status(app) == LrsStatus::Answered { waiting: 0 }
            && std::fs::read_dir(results.path().join("lrs-outbox"))
                .unwrap()
                .count()
                == 0
    });
    assert_eq!(
        load_results(&[results.path().to_path_buf()]).results.len(),
        2
    );
    assert_eq!(stored_ids(&ralph), expected_ids(results.path()));
}
