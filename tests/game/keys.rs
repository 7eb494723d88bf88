//! Every key shows on the update it is pressed: a first digit that waits for a second one, a
//! pick, and where the focus goes after it.

use crate::support::*;
use bevy::input_focus::InputFocus;
use bevy::prelude::*;
use rapport::game::input::ReadingPanel;
use rapport::game::screens::Screen;
use rapport::game::screens::conversation::{MoveButton, PendingLine, PendingNumber};
use rapport::game::session::Session;

/// A game in the print-shop call, at its first turn.
fn in_the_call() -> (tempfile::TempDir, App) {
    let (dir, mut app) = app_with_starter();
    app.focus_scenario("starter");
    app.press(KeyCode::Enter);
    app.press(KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Conversation);
    (dir, app)
}

/// The pending line's text and screen-reader label, when it is shown.
fn pending_line(app: &mut App) -> Option<(String, String)> {
    app.world_mut()
        .query_filtered::<(&Text, &Node, &bevy::a11y::AccessibilityNode), With<PendingLine>>()
        .iter(app.world())
        .find(|(_, n, _)| n.display != Display::None)
        .map(|(t, _, a)| (t.0.clone(), a.label().unwrap_or_default().to_string()))
}

fn played(app: &App) -> Vec<usize> {
    app.world().resource::<Session>().conversation.moves()
}

#[test]
fn a_first_digit_that_waits_shows_on_the_update_of_its_key() {
    let (_dir, mut app) = in_the_call();
    let count = app.move_buttons().len();
    assert!(count >= 10, "a second digit can follow a 1");
    assert_eq!(pending_line(&mut app), None, "nothing waits at the start");

    app.key_down(KeyCode::Digit1);
    assert_eq!(app.world().resource::<PendingNumber>().0, Some(1));
    let (shown, label) = pending_line(&mut app).expect("the wait is shown at once");
    assert!(
        shown.starts_with("Move 1_ — press a second digit for move")
            && shown.ends_with("or Enter for move 1"),
        "{shown}"
    );
    assert_eq!(label, shown, "a screen reader hears the same");
    app.key_up(KeyCode::Digit1);

    // Enter picks move 1 on its own update, and the line and the log say so.
    let first = app.move_buttons()[0].0.index;
    app.key_down(KeyCode::Enter);
    assert_eq!(played(&app), vec![first]);
    assert_eq!(pending_line(&mut app), None, "the wait is over");
    let said = app
        .world()
        .resource::<Session>()
        .scenario
        .move_text(first)
        .to_string();
    assert!(
        app.texts().contains(&said),
        "the line is in the log on the same update"
    );
}

#[test]
fn a_one_key_pick_plays_and_shows_on_the_update_of_its_key() {
    let (_dir, mut app) = in_the_call();
    let fifth = app.move_buttons()[4].0.index;
    app.key_down(KeyCode::Digit5);
    assert_eq!(played(&app), vec![fifth]);
    let said = app
        .world()
        .resource::<Session>()
        .scenario
        .move_text(fifth)
        .to_string();
    assert!(app.texts().contains(&said));
}

#[test]
fn after_a_pick_the_focus_is_never_on_the_line_just_said() {
    let (_dir, mut app) = in_the_call();
    // A situation question stays on offer after it is asked: Enter on it twice must not
    // ask it twice.
    let stays = app.move_index("how-orders");
    let button = app
        .world_mut()
        .query::<(Entity, &MoveButton)>()
        .iter(app.world())
        .find(|(_, m)| m.index == stays)
        .map(|(e, _)| e)
        .unwrap();
    app.world_mut()
        .resource_mut::<InputFocus>()
        .set(button, bevy::input_focus::FocusCause::Navigated);
    app.key_down(KeyCode::Enter);
    assert_eq!(played(&app), vec![stays]);
    assert!(
        app.move_buttons().iter().any(|(m, _)| m.index == stays),
        "the question is still on offer"
    );
    let focus = app.world().resource::<InputFocus>().get();
    let on = focus.and_then(|e| app.world().get::<MoveButton>(e).copied());
    assert!(
        on.is_some_and(|m| m.index != stays),
        "the focus moved to another move: {on:?}"
    );
    app.key_up(KeyCode::Enter);
    app.press(KeyCode::Enter);
    assert_eq!(played(&app).len(), 2);
    assert_ne!(played(&app)[1], stays, "Enter again says another line");
}

/// The move button that has the focus.
fn focused_move(app: &App) -> Option<MoveButton> {
    let focus = app.world().resource::<InputFocus>().get()?;
    app.world().get::<MoveButton>(focus).copied()
}

// The count's numbers and the "more" signs need the UI layout, which the headless app does
// not run: the windowed smoke test reads them after real key presses (tests/smoke.rs).
#[test]
fn home_end_and_page_keys_move_through_the_moves() {
    let (_dir, mut app) = in_the_call();
    let count = app.move_buttons().len();
    assert_eq!(focused_move(&app).map(|m| m.number), Some(1));
    assert!(
        app.texts().iter().any(|t| t.starts_with("Moves")),
        "the moves are counted"
    );
    app.press(KeyCode::End);
    assert_eq!(focused_move(&app).map(|m| m.number), Some(count));
    app.press(KeyCode::Home);
    assert_eq!(focused_move(&app).map(|m| m.number), Some(1));
    app.press(KeyCode::PageDown);
    let down = focused_move(&app).unwrap().number;
    assert!(down > 2, "a page is more than one move: {down}");
    app.press(KeyCode::PageUp);
    assert_eq!(focused_move(&app).map(|m| m.number), Some(1));
}

#[test]
fn a_move_said_before_and_still_on_offer_is_marked() {
    let (_dir, mut app) = in_the_call();
    let stays = app.move_index("how-orders");
    app.type_move(stays);
    let (_, label) = app
        .move_buttons()
        .into_iter()
        .find(|(m, _)| m.index == stays)
        .expect("a situation question stays on offer");
    assert!(label.contains("(said before)"), "{label}");
    assert!(app.texts().iter().any(|t| t == "said"), "a visible tag");
}

#[test]
fn the_briefing_and_the_call_panels_are_reached_by_keyboard() {
    let (_dir, mut app) = app_with_starter();
    app.focus_scenario("starter");
    app.press(KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Briefing);
    // Up from "Start the call" focuses the briefing, which the arrows then scroll.
    app.press(KeyCode::ArrowUp);
    let focused = app.world().resource::<InputFocus>().get().unwrap();
    assert!(app.world().get::<ReadingPanel>(focused).is_some());

    // In the call, Tab reaches what the trainee has learned and the dialogue.
    app.press(KeyCode::ArrowDown);
    app.press(KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Conversation);
    let mut reached = Vec::new();
    for _ in 0..60 {
        app.press(KeyCode::Tab);
        let f = app.world().resource::<InputFocus>().get().unwrap();
        if app.world().get::<ReadingPanel>(f).is_some() && !reached.contains(&f) {
            reached.push(f);
        }
    }
    assert_eq!(reached.len(), 2, "two reading panels in the call");
}

#[test]
fn keys_typed_faster_than_frames_each_count_in_order() {
    let (_dir, mut app) = in_the_call();
    let count = app.move_buttons().len();
    assert!(count >= 12);
    // Two Downs within one frame move the focus two moves.
    assert_eq!(focused_move(&app).map(|m| m.number), Some(1));
    app.keys_in_one_frame(&[KeyCode::ArrowDown, KeyCode::ArrowDown]);
    assert_eq!(focused_move(&app).map(|m| m.number), Some(3));
    // "1" then "2" within one frame pick move 12, not 21 or 2.
    let twelfth = app.move_buttons()[11].0.index;
    app.keys_in_one_frame(&[KeyCode::Digit1, KeyCode::Digit2]);
    assert_eq!(played(&app), vec![twelfth]);
}

#[test]
fn n_opens_the_notes_over_the_call_and_n_or_esc_closes_them_without_playing() {
    use rapport::game::screens::Overlay;
    let overlay = |app: &App| *app.world().resource::<State<Overlay>>().get();
    let (_dir, mut app) = in_the_call();
    app.press(KeyCode::KeyN);
    assert_eq!(overlay(&app), Overlay::Notes);
    let texts = app.texts();
    let name = app
        .world()
        .resource::<Session>()
        .scenario
        .file
        .customer
        .name
        .clone();
    assert!(
        texts.iter().filter(|t| **t == name).count() >= 2,
        "the customer card is in the notes too: {texts:?}"
    );
    assert!(texts.iter().any(|t| t == "Back to the call (N or Esc)"));
    // The moves wait underneath: a digit plays nothing while the notes are open.
    app.press(KeyCode::Digit3);
    assert!(played(&app).is_empty());
    app.press(KeyCode::KeyN);
    assert_eq!(overlay(&app), Overlay::None, "N closes the notes");
    app.press(KeyCode::KeyN);
    app.press(KeyCode::Escape);
    assert_eq!(
        overlay(&app),
        Overlay::None,
        "Esc closes the notes and does not open the pause menu"
    );
    assert_eq!(app.screen(), Screen::Conversation);
}

#[test]
fn a_narrow_window_folds_the_notes_so_the_moves_get_the_whole_width() {
    use bevy::window::PrimaryWindow;
    use rapport::game::theme::Theme;
    let (_dir, mut app) = in_the_call();
    let notes_button_shown = |app: &mut App| {
        app.world_mut()
            .query::<(&Node, &bevy::a11y::AccessibilityNode)>()
            .iter(app.world())
            .any(|(n, a)| {
                n.display != Display::None
                    && a.label() == Some("Notes: the customer and what you have learned")
            })
    };
    let learned_shown = |app: &mut App| app.texts().iter().any(|t| t == "What I have learned");
    assert!(
        !notes_button_shown(&mut app),
        "1280×720 at 100 %: side by side"
    );
    assert!(learned_shown(&mut app));

    app.world_mut().resource_mut::<Theme>().text_scale = 2.0;
    let mut windows = app
        .world_mut()
        .query_filtered::<&mut Window, With<PrimaryWindow>>();
    windows
        .single_mut(app.world_mut())
        .unwrap()
        .resolution
        .set(1024.0, 600.0);
    app.update();
    app.update();
    assert!(notes_button_shown(&mut app), "1024×600 at 200 %: folded");
    let left_shown = app
        .world_mut()
        .query::<(&Node, &Children)>()
        .iter(app.world())
        .any(|(n, _)| n.width == percent(30) && n.display != Display::None);
    assert!(!left_shown, "the left column is hidden");
}

#[test]
fn after_a_pick_the_moves_are_back_at_the_top_with_the_focus_on_the_first_and_the_newest_line_shown()
 {
    use rapport::game::screens::conversation::MovesList;
    let (_dir, mut app) = in_the_call();
    // Read down the list to its end, as a trainee does with 50-80 moves and 5 in view: the
    // focus on the last move (a closing trick in the starter), the list scrolled down.
    app.press(KeyCode::End);
    let count = app.move_buttons().len();
    assert_eq!(focused_move(&app).map(|m| m.number), Some(count));
    let list = app
        .world_mut()
        .query_filtered::<Entity, With<MovesList>>()
        .single(app.world())
        .expect("one moves list");
    app.world_mut()
        .get_mut::<ScrollPosition>(list)
        .expect("the list scrolls")
        .y = 900.0;
    // Pick move 5 by its number.
    let fifth = app.move_buttons()[4].0.index;
    app.press(KeyCode::Digit5);
    assert_eq!(played(&app), vec![fifth]);
    assert_eq!(
        app.world().get::<ScrollPosition>(list).map(|s| s.y),
        Some(0.0),
        "the list is back at its top"
    );
    let first = app.move_buttons()[0].0;
    let on = focused_move(&app).expect("a move has the focus");
    assert_eq!(on.number, if first.index == fifth { 2 } else { 1 });
    let session = app.world().resource::<Session>();
    let newest = session
        .conversation
        .turns()
        .last()
        .and_then(|t| {
            t.events.iter().rev().find_map(|e| match e {
                rapport_core::engine::Event::Said { text, .. } => Some(text.to_string()),
                _ => None,
            })
        })
        .expect("she answered");
    assert!(
        app.texts().contains(&newest),
        "her newest line is in the log"
    );
    // Picking the first move itself leaves the focus on the second: Enter cannot repeat it.
    let (_dir2, mut again) = in_the_call();
    let top = again.move_buttons()[0].0.index;
    again.press(KeyCode::Digit1);
    again.press(KeyCode::Enter);
    assert_eq!(played(&again).first(), Some(&top));
    assert_eq!(focused_move(&again).map(|m| m.number), Some(2));
}

#[test]
fn esc_with_a_first_digit_waiting_cancels_the_wait_and_a_second_esc_pauses() {
    use rapport::game::screens::Overlay;
    let (_dir, mut app) = in_the_call();
    app.press(KeyCode::Digit1);
    assert_eq!(app.world().resource::<PendingNumber>().0, Some(1));
    app.press(KeyCode::Escape);
    app.update();
    assert_eq!(app.world().resource::<PendingNumber>().0, None);
    assert_eq!(
        *app.world().resource::<State<Overlay>>().get(),
        Overlay::None,
        "the first Esc only cancels the digit"
    );
    assert!(played(&app).is_empty(), "nothing was said");
    app.press(KeyCode::Escape);
    app.update();
    assert_eq!(
        *app.world().resource::<State<Overlay>>().get(),
        Overlay::Pause
    );
}

/// The tab index of the element a screen reader calls `label`.
fn tab_index_of(app: &mut App, label: &str) -> i32 {
    app.world_mut()
        .query::<(
            &bevy::a11y::AccessibilityNode,
            &bevy::input_focus::tab_navigation::TabIndex,
        )>()
        .iter(app.world())
        .find(|(a, _)| a.label() == Some(label))
        .map(|(_, t)| t.0)
        .unwrap_or_else(|| panic!("no element {label}"))
}

#[test]
fn tab_never_stops_on_what_the_window_does_not_show() {
    let notes = "Notes: the customer and what you have learned";
    let (_dir, mut app) = in_the_call();
    app.update();
    // A wide window shows the customer and the notes beside the moves: no Notes button.
    assert!(
        tab_index_of(&mut app, notes) < 0,
        "the hidden Notes button is no tab stop"
    );
    // A narrow window folds them into the Notes overlay: the button is a stop again.
    let mut window = app
        .world_mut()
        .query_filtered::<&mut Window, With<bevy::window::PrimaryWindow>>()
        .single_mut(app.world_mut())
        .unwrap();
    window.resolution.set(600.0, 700.0);
    app.update();
    app.update();
    assert!(
        tab_index_of(&mut app, notes) >= 0,
        "the shown Notes button is a tab stop"
    );
}
