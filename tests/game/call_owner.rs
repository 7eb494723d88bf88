//! One owner for a call: started, moves played, abandoned, each announced.

use crate::support::*;
use bevy::prelude::*;
use rapport::game::screens::Screen;
use rapport::game::session::{CallNews, CallRequest, ChooseMove, Session};

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
    app.focus_scenario("starter");
    app.press(KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Briefing);
    // The briefing asks for a call; the owner starts it and the screens follow.
    app.world_mut()
        .write_message(CallRequest::Start { seed: Some(7) });
    app.update();
    app.update();
    assert_eq!(app.screen(), Screen::Conversation);
    assert_eq!(app.world().resource::<Session>().seed(), 7);
    let purpose = app.move_index("purpose");
    app.world_mut().write_message(ChooseMove(purpose));
    app.update();
    // Leaving a call that is not over abandons it, and the menu comes back.
    app.world_mut().write_message(CallRequest::Leave);
    app.update();
    app.update();
    assert_eq!(app.screen(), Screen::Menu);
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
