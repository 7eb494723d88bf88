//! A call by keys and by messages, from the menu to the debrief, and the moves panel that
//! follows the conversation.

use crate::support::*;
use bevy::input_focus::InputFocus;
use bevy::prelude::*;
use rapport::game::screens::Screen;
use rapport::game::screens::conversation::MoveButton;
use rapport::game::screens::debrief::DebriefView;
use rapport::game::session::Session;

#[test]
fn menu_to_debrief_by_keys_and_messages() {
    let (_dir, mut app) = app_with_starter();
    assert_eq!(app.screen(), Screen::Menu);
    assert!(
        app.texts().iter().any(|t| t == "Starter: the print shop"),
        "the menu lists the scenario"
    );

    // Menu → briefing: arrows move the focus, Enter opens.
    app.focus_scenario("starter");
    app.press(KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Briefing);
    let shown = app.texts();
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
    app.press(KeyCode::Escape);
    assert_eq!(app.screen(), Screen::Menu);
    app.focus_scenario("starter");
    app.press(KeyCode::Enter);
    app.press(KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Conversation);
    assert_eq!(app.world().resource::<Session>().seed(), 7);

    // Moves are plain text with screen-reader labels, numbered from 1; no kind is shown.
    // Only the moves on offer are listed, in the scenario's order.
    let buttons = app.move_buttons();
    let offered = app
        .world()
        .resource::<Session>()
        .conversation
        .available_moves();
    assert_eq!(
        buttons.iter().map(|(m, _)| m.index).collect::<Vec<_>>(),
        offered
    );
    let cost = app.move_index("cost-proofs");
    assert!(
        buttons.iter().any(|(m, _)| m.index == cost),
        "deeper questions are listed before she mentions the topic: the menu does not listen for her"
    );
    let labels: Vec<String> = buttons.into_iter().map(|(_, l)| l).collect();
    assert!(labels.contains(&"Move 3: How do orders reach you today?".to_string()));
    assert!(
        !app.texts()
            .iter()
            .any(|t| t.contains("Situation") || t.contains("AssumptiveClose"))
    );

    // "1" waits for a second digit (ten or more moves are listed); Enter then picks move 1.
    app.press(KeyCode::Digit1);
    assert!(
        app.world()
            .resource::<Session>()
            .conversation
            .turns()
            .is_empty()
    );
    app.press(KeyCode::Enter);
    let turns = app.world().resource::<Session>().conversation.moves();
    assert_eq!(turns, vec![0], "Enter picked move 1 (index 0)");
    // "4" cannot start a two-digit number: it picks the fourth move listed at once.
    let fourth = app
        .move_buttons()
        .into_iter()
        .find(|(m, _)| m.number == 4)
        .map(|(m, _)| m.index)
        .expect("a fourth move");
    app.press(KeyCode::Digit4);
    assert_eq!(
        app.world().resource::<Session>().conversation.moves(),
        vec![0, fourth]
    );
    let shown = app.texts();
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
    app.press(KeyCode::Escape);
    assert_eq!(
        *app.world()
            .resource::<State<rapport::game::screens::Overlay>>()
            .get(),
        rapport::game::screens::Overlay::Pause
    );
    app.press(KeyCode::Escape);
    assert_eq!(
        *app.world()
            .resource::<State<rapport::game::screens::Overlay>>()
            .get(),
        rapport::game::screens::Overlay::None
    );

    // The game's own message plays the rest; Enter on "Read the debrief".
    app.play_collaborative();
    for _ in 0..3 {
        app.update();
    }
    assert!(
        app.texts()
            .iter()
            .any(|t| t.starts_with("The call has ended"))
    );
    assert!(
        !app.texts().iter().any(|t| t == "—"),
        "narration has no dash for a speaker"
    );
    app.press(KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Debrief);
    let turns = app.world().resource::<Session>().conversation.turns().len();
    let view = app.world().resource::<DebriefView>().clone();
    assert_eq!(view.debrief.timeline.len(), turns);
    assert_eq!(view.turn, turns, "the head starts at the last turn");
    app.update_until(30, "the best-play search", |app| {
        !app.world().resource::<Session>().searching()
    });
    app.update();
    let shown = app.texts();
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
fn the_moves_panel_keeps_its_list_and_order_after_a_pick_and_marks_only_what_was_said() {
    let (_dir, mut app) = app_with_starter();
    app.focus_scenario("starter");
    app.press(KeyCode::Enter);
    app.press(KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Conversation);
    let ask = app.move_index("ask-proofs");
    let cost = app.move_index("cost-proofs");
    let before = app.move_buttons();
    assert!(
        before.iter().any(|(m, _)| m.index == cost),
        "the cost of slow proofs is listed before she mentions proofs"
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
    app.press(KeyCode::Enter);
    assert_eq!(
        app.world().resource::<Session>().conversation.moves(),
        vec![ask]
    );
    app.update();

    // The same moves in the same order and numbers; none marked new, the question just asked
    // marked as said (the trainee's own history), and the focus moved off it so Enter again
    // cannot repeat it.
    let after = app.move_buttons();
    assert_eq!(
        after
            .iter()
            .map(|(m, _)| (m.index, m.number))
            .collect::<Vec<_>>(),
        before
            .iter()
            .map(|(m, _)| (m.index, m.number))
            .collect::<Vec<_>>(),
    );
    assert!(after.iter().all(|(_, l)| !l.contains("(new)")));
    let (button, label) = after.iter().find(|(m, _)| m.index == ask).unwrap();
    assert_eq!(
        label,
        &format!(
            "Move {} (said before): What's the hardest part of getting a job from order to press?",
            button.number
        )
    );
    let focus = app.world().resource::<InputFocus>().get().unwrap();
    assert_ne!(
        app.world().get::<MoveButton>(focus).map(|m| m.index),
        Some(ask),
        "the focus left the line just said"
    );

    // Its number, typed, plays the implication question.
    app.type_move(cost);
    app.update();
    assert_eq!(
        app.world().resource::<Session>().conversation.moves(),
        vec![ask, cost]
    );
}
