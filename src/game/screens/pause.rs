//! The pause menu (Esc during a call): resume, settings, restart the call, leave to the menu.

use super::{Overlay, overlay_root};
use crate::game::theme::widgets::{button, muted, panel, primary_button, title};
use bevy::input::common_conditions::input_just_pressed;
use bevy::input_focus::AutoFocus;
use bevy::prelude::*;
use bevy::ui_widgets::Activate;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Overlay::Pause), spawn);
    // Esc closes the pause menu and goes back to the call.
    app.add_systems(
        Update,
        (|mut overlay: ResMut<NextState<Overlay>>| overlay.set(Overlay::None))
            .run_if(in_state(Overlay::Pause).and_then(input_just_pressed(KeyCode::Escape))),
    );
}

fn spawn(mut commands: Commands) {
    commands
        .spawn(overlay_root(Overlay::Pause))
        .with_children(|root| {
            root.spawn(panel(Node {
                min_width: px(320),
                max_width: percent(90),
                row_gap: px(10),
                ..default()
            }))
            .with_children(|p| {
                p.spawn(title("Paused"));
                p.spawn(muted(
                    "The customer waits; nothing changes while you are here.",
                ));
                p.spawn((
                    primary_button(
                        "Resume the call",
                        "Resume the call",
                        |_: On<Activate>, mut next: ResMut<NextState<Overlay>>| {
                            next.set(Overlay::None)
                        },
                    ),
                    AutoFocus,
                ));
                p.spawn((button(
                    "Settings",
                    "Settings: text size, contrast, coach mode",
                    |_: On<Activate>, mut next: ResMut<NextState<Overlay>>| {
                        next.set(Overlay::Settings)
                    },
                ),));
                p.spawn((button(
                    "Restart this call (same seed)…",
                    "Restart this call with the same seed (asks first)",
                    |_: On<Activate>, mut next: ResMut<NextState<Overlay>>| {
                        next.set(Overlay::ConfirmRestart)
                    },
                ),));
                p.spawn((button(
                    "Leave to the menu…",
                    "Leave the call and go back to the scenario menu (asks first)",
                    |_: On<Activate>, mut next: ResMut<NextState<Overlay>>| {
                        next.set(Overlay::ConfirmLeave)
                    },
                ),));
                p.spawn((button(
                    "Quit the game…",
                    "Quit the game (asks first)",
                    |_: On<Activate>, mut next: ResMut<NextState<Overlay>>| {
                        next.set(Overlay::ConfirmQuit)
                    },
                ),));
            });
        });
}
