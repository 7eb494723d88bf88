//! "Quit the game?", "Restart this call?", "Leave this call?": what loses a call in progress
//! asks first. Cancel has the focus, so Enter pressed by habit keeps things as they are; Esc
//! cancels.

use super::{Overlay, Screen, overlay_root};
use crate::game::session::CallRequest;
use crate::game::theme::widgets::{button, muted, panel, primary_button, row, title};
use bevy::app::AppExit;
use bevy::input::common_conditions::input_just_pressed;
use bevy::input_focus::AutoFocus;
use bevy::prelude::*;
use bevy::ui_widgets::Activate;

pub(super) fn plugin(app: &mut App) {
    for overlay in [
        Overlay::ConfirmQuit,
        Overlay::ConfirmRestart,
        Overlay::ConfirmLeave,
    ] {
        app.add_systems(
            OnEnter(overlay),
            move |commands: Commands, screen: Res<State<Screen>>| spawn(commands, screen, overlay),
        );
        app.add_systems(
            Update,
            cancel.run_if(in_state(overlay).and_then(input_just_pressed(KeyCode::Escape))),
        );
    }
}

/// Back where the question came from: the pause menu during a call, else the screen itself.
fn cancel(screen: Res<State<Screen>>, mut next: ResMut<NextState<Overlay>>) {
    next.set(if *screen.get() == Screen::Conversation {
        Overlay::Pause
    } else {
        Overlay::None
    });
}

/// The question, what it costs, and the button that does it (label, screen-reader label).
fn wording(
    overlay: Overlay,
    in_call: bool,
) -> (&'static str, &'static str, &'static str, &'static str) {
    match overlay {
        Overlay::ConfirmRestart => (
            "Restart this call?",
            "Your moves so far are lost, and the customer starts again on the same seed. Esc cancels.",
            "Restart",
            "Restart the call now",
        ),
        Overlay::ConfirmLeave => (
            "Leave this call?",
            "The call ends unfinished and you go back to the menu. Esc cancels.",
            "Leave",
            "Leave the call now",
        ),
        _ if in_call => (
            "Quit Rapport?",
            "The call in progress will be lost. Esc cancels.",
            "Quit",
            "Quit the game now",
        ),
        _ => ("Quit Rapport?", "Esc cancels.", "Quit", "Quit the game now"),
    }
}

fn spawn(mut commands: Commands, screen: Res<State<Screen>>, overlay: Overlay) {
    let in_call = *screen.get() == Screen::Conversation;
    let (question, cost, action, action_label) = wording(overlay, in_call);
    commands.spawn(overlay_root(overlay)).with_children(|root| {
        root.spawn(panel(Node {
            min_width: px(320),
            max_width: percent(90),
            row_gap: px(10),
            ..default()
        }))
        .with_children(|p| {
            p.spawn(title(question));
            p.spawn(muted(cost));
            p.spawn(row(10.0)).with_children(|r| {
                r.spawn((
                    primary_button("Cancel", "Cancel: keep playing", cancel_button),
                    AutoFocus,
                ));
                match overlay {
                    Overlay::ConfirmRestart => r.spawn(button(
                        action,
                        action_label,
                        |_: On<Activate>, mut call: MessageWriter<CallRequest>| {
                            call.write(CallRequest::Restart { same_seed: true });
                        },
                    )),
                    Overlay::ConfirmLeave => r.spawn(button(
                        action,
                        action_label,
                        |_: On<Activate>, mut call: MessageWriter<CallRequest>| {
                            call.write(CallRequest::Leave);
                        },
                    )),
                    _ => r.spawn(button(
                        action,
                        action_label,
                        |_: On<Activate>, mut exit: MessageWriter<AppExit>| {
                            exit.write(AppExit::Success);
                        },
                    )),
                };
            });
        });
    });
}

fn cancel_button(_: On<Activate>, screen: Res<State<Screen>>, next: ResMut<NextState<Overlay>>) {
    cancel(screen, next);
}
