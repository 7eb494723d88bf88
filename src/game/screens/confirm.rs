//! "Quit the game?": quitting from the menu or the pause menu asks first. Cancel has the
//! focus, so Enter pressed by habit keeps the game open; Esc cancels.

use super::{Overlay, Screen, overlay_root};
use crate::game::theme::widgets::{button, muted, panel, primary_button, row, title};
use bevy::app::AppExit;
use bevy::input::common_conditions::input_just_pressed;
use bevy::input_focus::AutoFocus;
use bevy::prelude::*;
use bevy::ui_widgets::Activate;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Overlay::ConfirmQuit), spawn);
    app.add_systems(
        Update,
        cancel.run_if(in_state(Overlay::ConfirmQuit).and_then(input_just_pressed(KeyCode::Escape))),
    );
}

/// Back where Quit was chosen: the pause menu during a call, else the screen itself.
fn cancel(screen: Res<State<Screen>>, mut next: ResMut<NextState<Overlay>>) {
    next.set(if *screen.get() == Screen::Conversation {
        Overlay::Pause
    } else {
        Overlay::None
    });
}

fn spawn(mut commands: Commands, screen: Res<State<Screen>>) {
    let in_call = *screen.get() == Screen::Conversation;
    commands
        .spawn(overlay_root(Overlay::ConfirmQuit))
        .with_children(|root| {
            root.spawn(panel(Node {
                min_width: px(320),
                max_width: percent(90),
                row_gap: px(10),
                ..default()
            }))
            .with_children(|p| {
                p.spawn(title("Quit Rapport?"));
                p.spawn(muted(if in_call {
                    "The call in progress will be lost. Esc cancels."
                } else {
                    "Esc cancels."
                }));
                p.spawn(row(10.0)).with_children(|r| {
                    r.spawn((
                        primary_button("Cancel", "Cancel: keep playing", cancel_button),
                        AutoFocus,
                    ));
                    r.spawn(button(
                        "Quit",
                        "Quit the game now",
                        |_: On<Activate>, mut exit: MessageWriter<AppExit>| {
                            exit.write(AppExit::Success);
                        },
                    ));
                });
            });
        });
}

fn cancel_button(_: On<Activate>, screen: Res<State<Screen>>, next: ResMut<NextState<Overlay>>) {
    cancel(screen, next);
}
