//! The debrief by keys: the customer's head turn by turn, and what-if (left, reopened, and
//! listed in "Your results").

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
    focus_button(&mut app, "Back to the first ending and its debrief");
    app.press(KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Debrief);
    let session = app.world().resource::<Session>();
    assert!(session.what_if.is_none());
    assert_eq!(session.conversation.moves(), first_moves);
    let view = app.world().resource::<DebriefView>().clone();
    assert_eq!(view.debrief.score.total, first_total);

    // The what-if is not lost: the first debrief lists it, and Reopen brings it back as it
    // ended, still compared with the first ending.
    let what_if_moves = moves_after_trick(&app);
    assert!(
        app.texts()
            .iter()
            .any(|t| t.starts_with("Played on from turn 3: ")),
        "{:?}",
        app.texts()
    );
    focus_button_where(&mut app, "Reopen", |l| l.starts_with("Reopen the what-if"));
    app.press(KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Debrief);
    let session = app.world().resource::<Session>();
    assert_eq!(session.what_if.as_ref().map(|w| w.from_turn), Some(2));
    assert_eq!(session.conversation.moves(), what_if_moves);
    assert!(session.explored.is_empty(), "it is open, not listed twice");
    assert!(
        app.texts()
            .iter()
            .any(|t| t == "What-if: played on from turn 3")
    );

    // "Your results" shows the what-if's ending, said to be an exploration of this run.
    app.world_mut()
        .resource_mut::<NextState<Screen>>()
        .set(Screen::Results);
    app.update();
    app.update();
    assert!(
        app.texts()
            .iter()
            .any(|t| t.contains("What-if from turn 3 of ") && t.contains("not saved as an attempt")),
        "{:?}",
        app.texts()
    );
}

/// The moves of the what-if the debrief's session keeps among what it explored.
fn moves_after_trick(app: &App) -> Vec<usize> {
    let session = app.world().resource::<Session>();
    assert_eq!(session.explored.len(), 1, "the what-if is kept to reopen");
    session.explored[0].conversation.moves()
}
