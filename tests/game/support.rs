//! What every game test needs: apps over a temporary scenario folder, and the
//! [`GameTestApp`] methods that press keys and read the screen.

use bevy::input::ButtonState;
use bevy::input::keyboard::{Key, KeyboardInput, NativeKey};
use bevy::input_focus::InputFocus;
use bevy::prelude::*;
use bevy::window::PrimaryWindow;
use rapport::game::scenario_assets::{CheckTasks, Library};
use rapport::game::screens::Screen;
use rapport::game::screens::conversation::MoveButton;
use rapport::game::screens::menu::ScenarioCard;
use rapport::game::session::{ChooseMove, Session};
use rapport::game::{GameOptions, headless};
use rapport_core::players::{Collaborative, Player};
use std::path::Path;
use std::time::{Duration, Instant};

pub fn starter(id: &str, title: &str) -> String {
    include_str!("../fixtures/print-shop.ron")
        .replacen("id: \"starter\"", &format!("id: \"{id}\""), 1)
        .replacen("Starter: the print shop", title, 1)
}

/// A headless game without the background scoring checks (the tests need no search).
pub fn unchecked_app(options: GameOptions) -> App {
    let mut app = headless(options);
    app.world_mut().resource_mut::<CheckTasks>().disabled = true;
    app
}

pub fn app_for(dir: &Path, watch: bool) -> App {
    unchecked_app(GameOptions {
        scenarios_dir: Some(dir.to_path_buf()),
        seed: Some(7),
        watch,
        ..Default::default()
    })
}

/// A game over a temporary folder holding the print-shop starter, at the menu once it is
/// listed. The folder lives as long as the returned guard.
pub fn app_with_starter() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("starter.ron"),
        starter("starter", "Starter: the print shop"),
    )
    .unwrap();
    let mut app = app_for(dir.path(), false);
    wait_for_library(&mut app, "starter");
    (dir, app)
}

/// Updates until `done` holds, for at most `secs` seconds.
fn update_until(app: &mut App, secs: u64, what: &str, mut done: impl FnMut(&mut App) -> bool) {
    let start = Instant::now();
    loop {
        app.update();
        if done(app) {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(secs),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

/// Presses and releases each key in turn, all before one update (typing faster than frames).
fn keys_in_one_frame(app: &mut App, keys: &[KeyCode]) {
    let window = app
        .world_mut()
        .query_filtered::<Entity, With<PrimaryWindow>>()
        .single(app.world())
        .unwrap();
    for &key in keys {
        for state in [ButtonState::Pressed, ButtonState::Released] {
            app.world_mut().write_message(KeyboardInput {
                key_code: key,
                logical_key: Key::Unidentified(NativeKey::Unidentified),
                state,
                text: None,
                repeat: false,
                window,
            });
        }
    }
    app.update();
}

/// Sends one key event, as winit delivers it, and runs one update.
fn key_event(app: &mut App, key: KeyCode, state: ButtonState) {
    let window = app
        .world_mut()
        .query_filtered::<Entity, With<PrimaryWindow>>()
        .single(app.world())
        .unwrap();
    app.world_mut().write_message(KeyboardInput {
        key_code: key,
        logical_key: Key::Unidentified(NativeKey::Unidentified),
        state,
        text: None,
        repeat: false,
        window,
    });
    app.update();
}

/// Presses and releases a key, as winit delivers it.
fn press(app: &mut App, key: KeyCode) {
    key_event(app, key, ButtonState::Pressed);
    key_event(app, key, ButtonState::Released);
    // Let state transitions and spawned screens settle.
    app.update();
}

fn texts(app: &mut App) -> Vec<String> {
    app.world_mut()
        .query::<&Text>()
        .iter(app.world())
        .map(|t| t.0.clone())
        .collect()
}

/// The move buttons as listed: each one's data and screen-reader label, in display order.
fn move_buttons(app: &mut App) -> Vec<(MoveButton, String)> {
    let mut buttons: Vec<(MoveButton, String)> = app
        .world_mut()
        .query::<(&MoveButton, &bevy::a11y::AccessibilityNode)>()
        .iter(app.world())
        .map(|(m, a)| (*m, a.label().unwrap_or_default().to_string()))
        .collect();
    buttons.sort_by_key(|(m, _)| m.number);
    buttons
}

/// The scenario index of the move with this id.
fn move_index(app: &App, id: &str) -> usize {
    app.world()
        .resource::<Session>()
        .scenario
        .file
        .moves
        .iter()
        .position(|m| m.id == id)
        .unwrap()
}

/// Types the number shown beside a scenario move, and Enter when the number could still
/// grow a digit.
fn type_move(app: &mut App, index: usize) {
    let number = move_buttons(app)
        .iter()
        .find(|(m, _)| m.index == index)
        .map(|(m, _)| m.number)
        .expect("the move is listed");
    let turns = app.world().resource::<Session>().conversation.turns().len();
    for digit in number.to_string().bytes() {
        press(app, DIGIT_KEYS[usize::from(digit - b'0')]);
    }
    if app.world().resource::<Session>().conversation.turns().len() == turns {
        press(app, KeyCode::Enter);
    }
}

const DIGIT_KEYS: [KeyCode; 10] = [
    KeyCode::Digit0,
    KeyCode::Digit1,
    KeyCode::Digit2,
    KeyCode::Digit3,
    KeyCode::Digit4,
    KeyCode::Digit5,
    KeyCode::Digit6,
    KeyCode::Digit7,
    KeyCode::Digit8,
    KeyCode::Digit9,
];

fn focused_card(app: &mut App) -> Option<String> {
    let focus = app.world().resource::<InputFocus>().get()?;
    app.world().get::<ScenarioCard>(focus).map(|c| c.0.clone())
}

fn wait_for_library(app: &mut App, id: &str) {
    update_until(app, 20, "the library", |app| {
        let lib = app.world().resource::<Library>();
        lib.ready() && lib.by_id(id).is_some()
    });
    // The menu draws the cards.
    for _ in 0..3 {
        app.update();
    }
}

/// Moves the menu's focus with the arrow keys onto the scenario with this id.
fn focus_scenario(app: &mut App, id: &str) {
    let path = app
        .world()
        .resource::<Library>()
        .by_id(id)
        .unwrap()
        .path
        .clone();
    for _ in 0..40 {
        if focused_card(app).as_deref() == Some(path.as_str()) {
            return;
        }
        press(app, KeyCode::ArrowDown);
    }
    panic!("could not focus {id} with the arrow keys");
}

fn play_collaborative(app: &mut App) {
    for _ in 0..200 {
        let (over, next) = {
            let session = app.world().resource::<Session>();
            let state = *session.conversation.state();
            (
                session.conversation.is_over(),
                Collaborative.choose(&session.scenario, &state),
            )
        };
        if over {
            return;
        }
        app.world_mut().write_message(ChooseMove(
            next.expect("the collaborative player has a move"),
        ));
        app.update();
    }
    panic!("the call did not end");
}

/// What the game tests do to an app, as methods: `app.press(KeyCode::Enter)`,
/// `app.screen()`, `app.move_buttons()`… (the helpers above, in the manner of an `AppExt`).
pub trait GameTestApp {
    fn update_until(&mut self, secs: u64, what: &str, done: impl FnMut(&mut App) -> bool);
    fn screen(&self) -> Screen;
    fn press(&mut self, key: KeyCode);
    /// Presses a key and runs exactly one update (no release, no settling).
    fn key_down(&mut self, key: KeyCode);
    /// Releases a key and runs one update.
    fn key_up(&mut self, key: KeyCode);
    /// Presses and releases these keys in turn, all before one update.
    fn keys_in_one_frame(&mut self, keys: &[KeyCode]);
    fn texts(&mut self) -> Vec<String>;
    fn move_buttons(&mut self) -> Vec<(MoveButton, String)>;
    fn move_index(&self, id: &str) -> usize;
    fn type_move(&mut self, index: usize);
    fn wait_for_library(&mut self, id: &str);
    fn focus_scenario(&mut self, id: &str);
    fn play_collaborative(&mut self);
}

impl GameTestApp for App {
    fn update_until(&mut self, secs: u64, what: &str, done: impl FnMut(&mut App) -> bool) {
        update_until(self, secs, what, done)
    }
    fn screen(&self) -> Screen {
        screen(self)
    }
    fn press(&mut self, key: KeyCode) {
        press(self, key)
    }
    fn key_down(&mut self, key: KeyCode) {
        key_event(self, key, ButtonState::Pressed)
    }
    fn key_up(&mut self, key: KeyCode) {
        key_event(self, key, ButtonState::Released)
    }
    fn keys_in_one_frame(&mut self, keys: &[KeyCode]) {
        keys_in_one_frame(self, keys)
    }
    fn texts(&mut self) -> Vec<String> {
        texts(self)
    }
    fn move_buttons(&mut self) -> Vec<(MoveButton, String)> {
        move_buttons(self)
    }
    fn move_index(&self, id: &str) -> usize {
        move_index(self, id)
    }
    fn type_move(&mut self, index: usize) {
        type_move(self, index)
    }
    fn wait_for_library(&mut self, id: &str) {
        wait_for_library(self, id)
    }
    fn focus_scenario(&mut self, id: &str) {
        focus_scenario(self, id)
    }
    fn play_collaborative(&mut self) {
        play_collaborative(self)
    }
}

/// Puts the keyboard focus on the button a screen reader calls `label`.
pub fn focus_button(app: &mut App, label: &str) {
    focus_button_where(app, label, |l| l == label);
}

/// Puts the keyboard focus on the first button whose screen-reader label `matches`.
pub fn focus_button_where(app: &mut App, what: &str, matches: impl Fn(&str) -> bool) {
    let button = app
        .world_mut()
        .query::<(Entity, &bevy::a11y::AccessibilityNode)>()
        .iter(app.world())
        .find(|(_, a)| a.label().is_some_and(&matches))
        .map(|(e, _)| e)
        .unwrap_or_else(|| panic!("no button {what}"));
    app.world_mut()
        .resource_mut::<InputFocus>()
        .set(button, bevy::input_focus::FocusCause::Navigated);
}
