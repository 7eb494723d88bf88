//! No traps: quitting asks first, and Esc or Enter by habit keeps the game open.

use crate::support::*;
use bevy::prelude::*;
use rapport::game::screens::{Overlay, Screen};

fn overlay(app: &App) -> Overlay {
    *app.world().resource::<State<Overlay>>().get()
}

#[test]
fn quit_on_the_menu_asks_and_esc_or_enter_on_cancel_keep_the_game_open() {
    let (_dir, mut app) = app_with_starter();
    focus_button(&mut app, "Quit the game");
    app.press(KeyCode::Enter);
    assert_eq!(overlay(&app), Overlay::ConfirmQuit);
    assert!(
        app.should_exit().is_none(),
        "nothing quits before the answer"
    );
    app.press(KeyCode::Escape);
    assert_eq!(overlay(&app), Overlay::None, "Esc cancels");
    assert!(app.should_exit().is_none());

    // Enter again by habit lands on Cancel.
    focus_button(&mut app, "Quit the game");
    app.press(KeyCode::Enter);
    app.press(KeyCode::Enter);
    assert_eq!(overlay(&app), Overlay::None);
    assert!(app.should_exit().is_none());

    // Quit, confirmed, quits.
    focus_button(&mut app, "Quit the game");
    app.press(KeyCode::Enter);
    focus_button(&mut app, "Quit the game now");
    app.key_down(KeyCode::Enter);
    assert!(app.should_exit().is_some());
}

#[test]
fn quit_from_the_pause_menu_asks_and_esc_goes_back_to_the_pause_menu() {
    let (_dir, mut app) = app_with_starter();
    app.focus_scenario("starter");
    app.press(KeyCode::Enter);
    app.press(KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Conversation);
    app.press(KeyCode::Escape);
    assert_eq!(overlay(&app), Overlay::Pause);
    focus_button(&mut app, "Quit the game (asks first)");
    app.press(KeyCode::Enter);
    assert_eq!(overlay(&app), Overlay::ConfirmQuit);
    assert!(
        app.texts()
            .iter()
            .any(|t| t.contains("The call in progress will be lost"))
    );
    app.press(KeyCode::Escape);
    assert_eq!(overlay(&app), Overlay::Pause);
    assert!(app.should_exit().is_none());
}

#[test]
fn restart_and_leave_from_the_pause_menu_ask_first_and_enter_by_habit_keeps_the_call() {
    use rapport::game::session::Session;
    let (_dir, mut app) = app_with_starter();
    app.focus_scenario("starter");
    app.press(KeyCode::Enter);
    app.press(KeyCode::Enter);
    app.press(KeyCode::Digit5);
    let said = app.world().resource::<Session>().conversation.moves();
    assert_eq!(said.len(), 1);
    for (button, asked, action) in [
        (
            "Restart this call with the same seed (asks first)",
            Overlay::ConfirmRestart,
            "Restart the call now",
        ),
        (
            "Leave the call and go back to the scenario menu (asks first)",
            Overlay::ConfirmLeave,
            "Leave the call now",
        ),
    ] {
        app.press(KeyCode::Escape);
        assert_eq!(overlay(&app), Overlay::Pause);
        focus_button(&mut app, button);
        app.press(KeyCode::Enter);
        assert_eq!(overlay(&app), asked, "{button} asks first");
        // Enter by habit lands on Cancel: back to the pause menu, the call as it was.
        app.press(KeyCode::Enter);
        assert_eq!(overlay(&app), Overlay::Pause);
        assert_eq!(app.world().resource::<Session>().conversation.moves(), said);
        // Asked again, Esc cancels too.
        focus_button(&mut app, button);
        app.press(KeyCode::Enter);
        app.press(KeyCode::Escape);
        assert_eq!(overlay(&app), Overlay::Pause);
        // Confirmed, it acts.
        focus_button(&mut app, button);
        app.press(KeyCode::Enter);
        focus_button(&mut app, action);
        app.press(KeyCode::Enter);
        app.update();
        if asked == Overlay::ConfirmRestart {
            assert_eq!(app.screen(), Screen::Conversation);
            assert!(
                app.world()
                    .resource::<Session>()
                    .conversation
                    .moves()
                    .is_empty()
            );
            app.press(KeyCode::Digit5);
        } else {
            assert_eq!(app.screen(), Screen::Menu);
        }
    }
}
