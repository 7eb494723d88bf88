//! The debrief by keys: the customer's head turn by turn, and what-if.

use crate::support::*;
use bevy::prelude::*;
use rapport::game::screens::Screen;
use rapport::game::screens::debrief::DebriefView;
use rapport::game::session::Session;

#[test]
fn debrief_head_timeline_and_what_if_by_keys() {
    let (_dir, mut app) = app_with_starter();
    app.focus_scenario("starter");
    app.press(KeyCode::Enter);
    app.press(KeyCode::Enter);
    app.play_collaborative();
    app.update();
    app.press(KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Debrief);
    let first_total = app.world().resource::<DebriefView>().debrief.score.total;
    let n = app.world().resource::<DebriefView>().turns();

    // [ and ] step through the customer's head; the panel follows.
    app.press(KeyCode::BracketLeft);
    app.press(KeyCode::BracketLeft);
    assert_eq!(app.world().resource::<DebriefView>().turn, n - 2);
    app.press(KeyCode::BracketRight);
    assert_eq!(app.world().resource::<DebriefView>().turn, n - 1);
    for _ in 0..n {
        app.press(KeyCode::BracketLeft);
    }
    assert_eq!(
        app.world().resource::<DebriefView>().turn,
        1,
        "stops at the first turn"
    );
    app.press(KeyCode::BracketRight);
    app.press(KeyCode::BracketRight);
    assert!(app.texts().iter().any(|t| t == &format!("Turn 3 of {n}")));

    // W: play on from turn 3 with another move; the first two moves are kept exactly.
    let first_moves = app.world().resource::<Session>().conversation.moves();
    app.press(KeyCode::KeyW);
    assert_eq!(app.screen(), Screen::Conversation);
    let session = app.world().resource::<Session>();
    assert_eq!(session.conversation.moves(), first_moves[..2].to_vec());
    assert!(session.what_if.is_some());
    // A closing trick instead, typed by its number: "Great, I'll put you down for the annual
    // plan then."
    let assume = app.move_index("assume");
    app.type_move(assume);
    let moves = app.world().resource::<Session>().conversation.moves();
    assert_eq!(moves.len(), 3);
    assert_eq!(moves[2], assume);
    app.play_collaborative();
    app.update();
    app.press(KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Debrief);
    let view = app.world().resource::<DebriefView>().clone();
    assert!(
        view.debrief.score.total < first_total,
        "the trick cost points"
    );
    let shown = app.texts();
    assert!(
        shown.iter().any(|t| t == "What-if: played on from turn 3"),
        "the comparison is shown"
    );
    assert!(shown.iter().any(|t| t == "First ending") && shown.iter().any(|t| t == "This ending"));

    // Back to the first ending: its debrief again, as it was, and no what-if any more.
    let button = app
        .world_mut()
        .query::<(Entity, &bevy::a11y::AccessibilityNode)>()
        .iter(app.world())
        .find(|(_, a)| a.label() == Some("Back to the first ending and its debrief"))
        .map(|(e, _)| e)
        .expect("a way back from the what-if");
    app.world_mut()
        .resource_mut::<bevy::input_focus::InputFocus>()
        .set(button, bevy::input_focus::FocusCause::Navigated);
    app.press(KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Debrief);
    let session = app.world().resource::<Session>();
    assert!(session.what_if.is_none());
    assert_eq!(session.conversation.moves(), first_moves);
    let view = app.world().resource::<DebriefView>().clone();
    assert_eq!(view.debrief.score.total, first_total);
}
