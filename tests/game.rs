//! Headless app tests: the real game plugins without a window or renderer, driven by the
//! game's own `ChooseMove` message and by key presses sent as winit would send them.

use bevy::input::ButtonState;
use bevy::input::keyboard::{Key, KeyboardInput, NativeKey};
use bevy::input_focus::InputFocus;
use bevy::prelude::*;
use bevy::window::PrimaryWindow;
use rapport::game::scenario_assets::{CheckTasks, Library};
use rapport::game::screens::conversation::MoveButton;
use rapport::game::screens::debrief::DebriefView;
use rapport::game::screens::menu::ScenarioCard;
use rapport::game::screens::{Overlay, Screen};
use rapport::game::session::{CallNews, CallRequest, ChooseMove, Session};
use rapport::game::settings::Settings;
use rapport::game::theme::Theme;
use rapport::game::{GameOptions, headless};
use rapport_core::players::{Collaborative, Player};
use std::path::Path;
use std::time::{Duration, Instant};

fn starter(id: &str, title: &str) -> String {
    include_str!("fixtures/print-shop.ron")
        .replacen("id: \"starter\"", &format!("id: \"{id}\""), 1)
        .replacen("Starter: the print shop", title, 1)
}

/// A headless game without the background scoring checks (the tests need no search).
fn unchecked_app(options: GameOptions) -> App {
    let mut app = headless(options);
    app.world_mut().resource_mut::<CheckTasks>().disabled = true;
    app
}

fn app_for(dir: &Path, watch: bool) -> App {
    unchecked_app(GameOptions {
        scenarios_dir: Some(dir.to_path_buf()),
        seed: Some(7),
        watch,
        ..Default::default()
    })
}

/// A game over a temporary folder holding the print-shop starter, at the menu once it is
/// listed. The folder lives as long as the returned guard.
fn app_with_starter() -> (tempfile::TempDir, App) {
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

/// Presses and releases a key, as winit delivers it.
fn press(app: &mut App, key: KeyCode) {
    let window = app
        .world_mut()
        .query_filtered::<Entity, With<PrimaryWindow>>()
        .single(app.world())
        .unwrap();
    for state in [ButtonState::Pressed, ButtonState::Released] {
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

#[test]
fn menu_to_debrief_by_keys_and_messages() {
    let (_dir, mut app) = app_with_starter();
    assert_eq!(screen(&app), Screen::Menu);
    assert!(
        texts(&mut app)
            .iter()
            .any(|t| t == "Starter: the print shop"),
        "the menu lists the scenario"
    );

    // Menu → briefing: arrows move the focus, Enter opens.
    focus_scenario(&mut app, "starter");
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Briefing);
    let shown = texts(&mut app);
    assert!(
        shown
            .iter()
            .any(|t| t.contains("Dana Ruiz, Owner at Ruiz Print")),
        "who the customer is"
    );
    assert!(
        shown.iter().any(|t| t.contains("Your product: PrintDesk")),
        "the product"
    );
    assert!(
        shown
            .iter()
            .any(|t| t.contains("Ask about problems before proposing anything")),
        "objectives"
    );

    // Esc backs out; Enter on the card and on "Start the call" goes into the call.
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::Menu);
    focus_scenario(&mut app, "starter");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Conversation);
    assert_eq!(app.world().resource::<Session>().seed(), 7);

    // Moves are plain text with screen-reader labels, numbered from 1; no kind is shown.
    // Only the moves on offer are listed, in the scenario's order.
    let buttons = move_buttons(&mut app);
    let offered = app
        .world()
        .resource::<Session>()
        .conversation
        .available_moves();
    assert_eq!(
        buttons.iter().map(|(m, _)| m.index).collect::<Vec<_>>(),
        offered
    );
    assert!(
        buttons.len() >= 10 && buttons.len() < 27,
        "what can be said about a need waits until it is brought up"
    );
    let labels: Vec<String> = buttons.into_iter().map(|(_, l)| l).collect();
    assert!(labels.contains(&"Move 3: How do orders reach you today?".to_string()));
    assert!(
        !texts(&mut app)
            .iter()
            .any(|t| t.contains("Situation") || t.contains("AssumptiveClose"))
    );

    // "1" waits for a second digit (ten or more moves are listed); Enter then picks move 1.
    press(&mut app, KeyCode::Digit1);
    assert!(
        app.world()
            .resource::<Session>()
            .conversation
            .turns()
            .is_empty()
    );
    press(&mut app, KeyCode::Enter);
    let turns = app.world().resource::<Session>().conversation.moves();
    assert_eq!(turns, vec![0], "Enter picked move 1 (index 0)");
    // "4" cannot start a two-digit number: it picks the fourth move listed at once (the
    // small talk just used has left the list).
    let fourth = move_buttons(&mut app)
        .into_iter()
        .find(|(m, _)| m.number == 4)
        .map(|(m, _)| m.index)
        .expect("a fourth move");
    press(&mut app, KeyCode::Digit4);
    assert_eq!(
        app.world().resource::<Session>().conversation.moves(),
        vec![0, fourth]
    );
    let shown = texts(&mut app);
    assert!(
        shown
            .iter()
            .any(|t| t.starts_with("Trust ") && t.contains("of 100 (")),
        "trust has a number and a word"
    );
    assert!(
        shown
            .iter()
            .any(|t| t.contains("What's the hardest part of getting a job from order to press?")),
        "the log"
    );
    assert!(
        shown.iter().any(|t| t.starts_with("Coach: ")),
        "coach mode shows a principle"
    );

    // Esc pauses; Esc again resumes.
    press(&mut app, KeyCode::Escape);
    assert_eq!(
        *app.world()
            .resource::<State<rapport::game::screens::Overlay>>()
            .get(),
        rapport::game::screens::Overlay::Pause
    );
    press(&mut app, KeyCode::Escape);
    assert_eq!(
        *app.world()
            .resource::<State<rapport::game::screens::Overlay>>()
            .get(),
        rapport::game::screens::Overlay::None
    );

    // The game's own message plays the rest; Enter on "Read the debrief".
    play_collaborative(&mut app);
    for _ in 0..3 {
        app.update();
    }
    assert!(
        texts(&mut app)
            .iter()
            .any(|t| t.starts_with("The call has ended"))
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Debrief);
    let turns = app.world().resource::<Session>().conversation.turns().len();
    let view = app.world().resource::<DebriefView>().clone();
    assert_eq!(view.debrief.timeline.len(), turns);
    assert_eq!(view.turn, turns, "the head starts at the last turn");
    update_until(&mut app, 30, "the best-play search", |app| {
        !app.world().resource::<Session>().searching()
    });
    app.update();
    let shown = texts(&mut app);
    assert!(
        shown
            .iter()
            .any(|t| t.starts_with("Score ") && t.ends_with("/ 100"))
    );
    assert!(
        shown.iter().any(|t| t.contains("best honest play")),
        "the gap to the best play"
    );
    assert!(
        shown.iter().any(|t| t.contains("skilled")),
        "the Rackham profile"
    );
}

#[test]
fn debrief_head_timeline_and_what_if_by_keys() {
    let (_dir, mut app) = app_with_starter();
    focus_scenario(&mut app, "starter");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    play_collaborative(&mut app);
    app.update();
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Debrief);
    let first_total = app.world().resource::<DebriefView>().debrief.score.total;
    let n = app.world().resource::<DebriefView>().turns();

    // [ and ] step through the customer's head; the panel follows.
    press(&mut app, KeyCode::BracketLeft);
    press(&mut app, KeyCode::BracketLeft);
    assert_eq!(app.world().resource::<DebriefView>().turn, n - 2);
    press(&mut app, KeyCode::BracketRight);
    assert_eq!(app.world().resource::<DebriefView>().turn, n - 1);
    for _ in 0..n {
        press(&mut app, KeyCode::BracketLeft);
    }
    assert_eq!(
        app.world().resource::<DebriefView>().turn,
        1,
        "stops at the first turn"
    );
    press(&mut app, KeyCode::BracketRight);
    press(&mut app, KeyCode::BracketRight);
    assert!(
        texts(&mut app)
            .iter()
            .any(|t| t == &format!("Turn 3 of {n}"))
    );

    // W: play on from turn 3 with another move; the first two moves are kept exactly.
    let first_moves = app.world().resource::<Session>().conversation.moves();
    press(&mut app, KeyCode::KeyW);
    assert_eq!(screen(&app), Screen::Conversation);
    let session = app.world().resource::<Session>();
    assert_eq!(session.conversation.moves(), first_moves[..2].to_vec());
    assert!(session.what_if.is_some());
    // A closing trick instead, typed by its number: "Great, I'll put you down for the annual
    // plan then."
    let assume = move_index(&app, "assume");
    type_move(&mut app, assume);
    let moves = app.world().resource::<Session>().conversation.moves();
    assert_eq!(moves.len(), 3);
    assert_eq!(moves[2], assume);
    play_collaborative(&mut app);
    app.update();
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Debrief);
    let view = app.world().resource::<DebriefView>().clone();
    assert!(
        view.debrief.score.total < first_total,
        "the trick cost points"
    );
    let shown = texts(&mut app);
    assert!(
        shown.iter().any(|t| t == "What-if: played on from turn 3"),
        "the comparison is shown"
    );
    assert!(shown.iter().any(|t| t == "First ending") && shown.iter().any(|t| t == "This ending"));
}

#[test]
fn a_move_opens_in_the_panel_once_the_customer_brings_its_topic_up() {
    let (_dir, mut app) = app_with_starter();
    focus_scenario(&mut app, "starter");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Conversation);
    let ask = move_index(&app, "ask-proofs");
    let cost = move_index(&app, "cost-proofs");
    let before = move_buttons(&mut app);
    assert!(
        !before.iter().any(|(m, _)| m.index == cost),
        "the cost of slow proofs is not on offer before she mentions proofs"
    );
    assert!(
        before.iter().all(|(_, l)| !l.contains("(new)")),
        "nothing is new at the start"
    );

    // Enter on the focused "What's the hardest part…" asks the problem question.
    let ask_button = app
        .world_mut()
        .query::<(Entity, &MoveButton)>()
        .iter(app.world())
        .find(|(_, m)| m.index == ask)
        .map(|(e, _)| e)
        .unwrap();
    app.world_mut()
        .resource_mut::<InputFocus>()
        .set(ask_button, bevy::input_focus::FocusCause::Navigated);
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.world().resource::<Session>().conversation.moves(),
        vec![ask]
    );
    app.update();

    // The implication question is listed now, in the scenario's order, marked new.
    let after = move_buttons(&mut app);
    let offered = app
        .world()
        .resource::<Session>()
        .conversation
        .available_moves();
    assert!(offered.contains(&cost));
    assert_eq!(
        after.iter().map(|(m, _)| m.index).collect::<Vec<_>>(),
        offered
    );
    assert!(
        after
            .iter()
            .enumerate()
            .all(|(at, (m, _))| m.number == at + 1),
        "numbered 1..k as listed"
    );
    let (button, label) = after.iter().find(|(m, _)| m.index == cost).unwrap();
    assert_eq!(
        label,
        &format!(
            "Move {} (new): What happens when a proof sits unanswered for a few days?",
            button.number
        )
    );
    assert!(
        after.iter().all(|(m, l)| {
            let was_listed = before.iter().any(|(b, _)| b.index == m.index);
            l.contains("(new)") != was_listed
        }),
        "exactly the moves that opened are marked new"
    );
    // The question she answered leaves the menu; the focus stays at the same place in the
    // list, so Enter again cannot repeat the line just said.
    assert!(
        !after.iter().any(|(m, _)| m.index == ask),
        "an answered question leaves the menu"
    );
    let ask_number = before
        .iter()
        .find(|(m, _)| m.index == ask)
        .map(|(m, _)| m.number);
    let focus = app.world().resource::<InputFocus>().get().unwrap();
    assert_eq!(
        app.world().get::<MoveButton>(focus).map(|m| m.number),
        ask_number
    );

    // Its number, typed, plays it; the next turn the other move that opened with it (the
    // need-payoff question) is no longer marked new.
    let value = move_index(&app, "value-proofs");
    assert!(
        after
            .iter()
            .any(|(m, l)| m.index == value && l.contains("(new)"))
    );
    type_move(&mut app, cost);
    app.update();
    assert_eq!(
        app.world().resource::<Session>().conversation.moves(),
        vec![ask, cost]
    );
    let (_, label) = move_buttons(&mut app)
        .into_iter()
        .find(|(m, _)| m.index == value)
        .expect("still on offer");
    assert!(!label.contains("(new)"), "{label}");
}

#[test]
fn hot_reload_updates_the_menu_and_keeps_the_last_good_version() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("starter.ron");
    std::fs::write(&file, starter("starter", "Starter: the print shop")).unwrap();
    let mut app = app_for(dir.path(), true);
    wait_for_library(&mut app, "starter");

    // An edit shows in the menu within a second or two.
    let saved = Instant::now();
    std::fs::write(&file, starter("starter", "Starter: the print shop, edited")).unwrap();
    update_until(&mut app, 10, "the edited title", |app| {
        texts(app)
            .iter()
            .any(|t| t == "Starter: the print shop, edited")
    });
    assert!(
        saved.elapsed() < Duration::from_secs(3),
        "reload took {:?}",
        saved.elapsed()
    );

    // The briefing of the edited version, then a broken save while it is open.
    focus_scenario(&mut app, "starter");
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Briefing);
    let broken = starter("starter", "Starter: broken").replacen("trust: 40,", "trust: forty,", 1);
    std::fs::write(&file, broken).unwrap();
    update_until(&mut app, 10, "the diagnostic", |app| {
        texts(app)
            .iter()
            .any(|t| t.contains("starter.ron:") && t.contains("error["))
    });
    let shown = texts(&mut app);
    assert!(
        shown.iter().any(|t| t.contains("last good version")),
        "the briefing says it shows the last good version"
    );
    assert!(
        shown.iter().any(|t| t == "Starter: the print shop, edited"),
        "the last good version stays"
    );

    // The last good version is still playable.
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Conversation);
    assert_eq!(
        app.world().resource::<Session>().scenario.title(),
        "Starter: the print shop, edited"
    );

    // A new file in the folder appears in the menu; a file with only errors is listed too.
    press(&mut app, KeyCode::Escape);
    std::fs::write(
        dir.path().join("second.ron"),
        starter("second", "A second call"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("garbage.ron"),
        "Scenario(format_version: 1,",
    )
    .unwrap();
    update_until(&mut app, 10, "the new files", |app| {
        let lib = app.world().resource::<Library>();
        lib.by_id("second").is_some()
            && lib
                .entries
                .iter()
                .any(|e| e.origin.ends_with("garbage.ron") && e.loaded)
    });
    let lib = app.world().resource::<Library>();
    let garbage = lib
        .entries
        .iter()
        .find(|e| e.origin.ends_with("garbage.ron"))
        .unwrap();
    assert!(garbage.good.is_none() && garbage.has_errors() && !garbage.problems().is_empty());
}

#[test]
fn settings_are_kept_for_the_next_run_and_a_broken_file_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config").join("settings.ron");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(
        &file,
        "(text_percent: 150, high_contrast: true, coach: false)",
    )
    .unwrap();
    let options = |file: &Path| GameOptions {
        settings_file: Some(file.to_path_buf()),
        watch: false,
        ..Default::default()
    };

    // The saved settings apply from the first frame.
    let mut app = unchecked_app(options(&file));
    app.update();
    app.update();
    let settings = app.world().resource::<Settings>().clone();
    assert_eq!(settings.text_percent, 150);
    assert!(settings.high_contrast && !settings.coach);
    assert_eq!(app.world().resource::<Theme>().text_scale, 1.5);

    // Opening the settings focuses "Larger text"; Enter makes the text larger and saves it.
    app.world_mut()
        .resource_mut::<NextState<Overlay>>()
        .set(Overlay::Settings);
    app.update();
    app.update();
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.world().resource::<Settings>().text_percent, 160);
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.contains("text_percent: 160"), "{saved}");
    drop(app);

    // The next run starts with what was saved.
    let mut next_run = unchecked_app(options(&file));
    next_run.update();
    assert_eq!(next_run.world().resource::<Settings>().text_percent, 160);

    // A file the game cannot read gives the defaults instead of stopping the game.
    std::fs::write(&file, "(text_percent: \"huge\"").unwrap();
    let mut broken = unchecked_app(options(&file));
    broken.update();
    assert_eq!(*broken.world().resource::<Settings>(), Settings::default());
}

/// Every `CallNews` the call owner announced, kept for the test to read.
#[derive(Resource, Default)]
struct Heard(Vec<CallNews>);

fn listen_to_the_call(mut news: MessageReader<CallNews>, mut heard: ResMut<Heard>) {
    heard.0.extend(news.read().copied());
}

#[test]
fn one_owner_starts_plays_and_abandons_the_call_and_announces_each() {
    let (_dir, mut app) = app_with_starter();
    app.init_resource::<Heard>();
    app.add_systems(Last, listen_to_the_call);
    focus_scenario(&mut app, "starter");
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Briefing);
    // The briefing asks for a call; the owner starts it and the screens follow.
    app.world_mut()
        .write_message(CallRequest::Start { seed: 7 });
    app.update();
    app.update();
    assert_eq!(screen(&app), Screen::Conversation);
    assert_eq!(app.world().resource::<Session>().seed(), 7);
    let purpose = move_index(&app, "purpose");
    app.world_mut().write_message(ChooseMove(purpose));
    app.update();
    // Leaving a call that is not over abandons it, and the menu comes back.
    app.world_mut().write_message(CallRequest::Leave);
    app.update();
    app.update();
    assert_eq!(screen(&app), Screen::Menu);
    assert!(app.world().get_resource::<Session>().is_none());
    assert_eq!(
        app.world().resource::<Heard>().0,
        vec![
            CallNews::Started {
                seed: 7,
                what_if: false
            },
            CallNews::MovePlayed { turn: 1 },
            CallNews::Abandoned { turns: 1 },
            CallNews::Left,
        ]
    );
}
