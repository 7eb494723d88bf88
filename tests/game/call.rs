//! A call by keys and by messages, from the menu to the debrief, and the moves panel that
//! follows the conversation.

use crate::support::*;
use bevy::input_focus::InputFocus;
use bevy::prelude::*;
use rapport::game::screens::Screen;
use rapport::game::screens::conversation::{MenuHeading, MoveButton};
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
    // Only the moves on offer are listed, in the core's sections, each under its heading.
    let buttons = app.move_buttons();
    let sections = app.world().resource::<Session>().conversation.menu();
    let in_sections: Vec<usize> = sections.iter().flat_map(|(_, m)| m.clone()).collect();
    assert_eq!(
        buttons.iter().map(|(m, _)| m.index).collect::<Vec<_>>(),
        in_sections
    );
    let mut offered = app
        .world()
        .resource::<Session>()
        .conversation
        .available_moves();
    offered.sort_unstable();
    let mut listed = in_sections.clone();
    listed.sort_unstable();
    assert_eq!(listed, offered, "every move on offer is listed once");
    let scenario = app.world().resource::<Session>().scenario.clone();
    let headings: Vec<String> = sections.iter().map(|(s, _)| s.title(&scenario)).collect();
    assert!(headings.len() >= 4, "{headings:?}");
    let (_, list) = app
        .world_mut()
        .query_filtered::<(Entity, &ChildOf), With<MenuHeading>>()
        .iter(app.world())
        .map(|(e, parent)| (e, parent.parent()))
        .next()
        .expect("a heading in the moves list");
    let shown: Vec<String> = app
        .world()
        .get::<Children>(list)
        .expect("the list's rows")
        .iter()
        .filter(|&row| app.world().get::<MenuHeading>(row).is_some())
        .map(|row| {
            app.world()
                .get::<Text>(row)
                .expect("heading text")
                .0
                .clone()
        })
        .collect();
    assert_eq!(
        shown, headings,
        "one heading per section, in order, above its moves"
    );
    let cost = app.move_index("cost-proofs");
    assert!(
        buttons.iter().any(|(m, _)| m.index == cost),
        "deeper questions are listed before she mentions the topic: the menu does not listen for her"
    );
    let labels: Vec<String> = buttons.into_iter().map(|(_, l)| l).collect();
    let orders = app.move_index("how-orders");
    let number = in_sections.iter().position(|&m| m == orders).unwrap() + 1;
    assert!(labels.contains(&format!("Move {number}: How do orders reach you today?")));
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
