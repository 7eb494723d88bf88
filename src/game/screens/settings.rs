//! The settings overlay: text size (80–200 %), high contrast, coach mode. Changes apply at
//! once; Esc or "Done" goes back where it came from.

use super::{Overlay, Screen, overlay_root};
use crate::game::settings::{Settings, TEXT_MAX, TEXT_MIN};
use crate::game::theme::widgets::{body, button, muted, panel, primary_button, row, title};
use bevy::input::common_conditions::input_just_pressed;
use bevy::input_focus::AutoFocus;
use bevy::prelude::*;
use bevy::ui_widgets::Activate;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Overlay::Settings), spawn);
    app.add_systems(Update, refresh.run_if(in_state(Overlay::Settings)));
    // Esc closes the settings, back to the pause menu during a call.
    app.add_systems(
        Update,
        (|screen: Res<State<Screen>>, mut overlay: ResMut<NextState<Overlay>>| {
            close(&screen, &mut overlay)
        })
        .run_if(in_state(Overlay::Settings).and_then(input_just_pressed(KeyCode::Escape))),
    );
}

#[derive(Component, Debug, Clone, Copy)]
enum Value {
    TextSize,
    Contrast,
    Coach,
}

/// Closes the settings: back to the pause menu during a call, else to the screen.
pub fn close(screen: &State<Screen>, next: &mut NextState<Overlay>) {
    next.set(if *screen.get() == Screen::Conversation {
        Overlay::Pause
    } else {
        Overlay::None
    });
}

fn spawn(mut commands: Commands) {
    commands.spawn(overlay_root(Overlay::Settings)).with_children(|root| {
        root.spawn(panel(Node { min_width: px(360), max_width: percent(92), row_gap: px(12), ..default() }))
            .with_children(|p| {
                p.spawn(title("Settings"));
                p.spawn(row(10.0)).with_children(|r| {
                    r.spawn((
                        button("Smaller text (−)", "Make the text smaller",
                        |_: On<Activate>, mut s: ResMut<Settings>| s.smaller()),
                    ));
                    r.spawn((body(""), Value::TextSize));
                    r.spawn((
                        button("Larger text (+)", "Make the text larger", |_: On<Activate>, mut s: ResMut<Settings>| s.bigger()),
                        AutoFocus,
                    ));
                });
                p.spawn(row(10.0)).with_children(|r| {
                    r.spawn((
                        button("High contrast", "Toggle high contrast",
                        |_: On<Activate>, mut s: ResMut<Settings>| s.high_contrast = !s.high_contrast),
                    ));
                    r.spawn((body(""), Value::Contrast));
                });
                p.spawn(row(10.0)).with_children(|r| {
                    r.spawn((
                        button("Coach mode", "Toggle coach mode",
                        |_: On<Activate>, mut s: ResMut<Settings>| s.coach = !s.coach),
                    ));
                    r.spawn((body(""), Value::Coach));
                });
                p.spawn(muted(format!(
                    "Text from {TEXT_MIN}% to {TEXT_MAX}%. Coach mode shows the principle behind each move during the call. Your choices are kept for the next time you open Rapport."
                )));
                p.spawn((
                    primary_button("Done", "Close the settings",
                    |_: On<Activate>, screen: Res<State<Screen>>, mut next: ResMut<NextState<Overlay>>| {
                        close(&screen, &mut next)
                    }),
                ));
            });
    });
}

fn refresh(settings: Res<Settings>, mut values: Query<(&Value, &mut Text, Ref<Value>)>) {
    for (value, mut text, added) in &mut values {
        if !settings.is_changed() && !added.is_added() {
            continue;
        }
        text.0 = match value {
            Value::TextSize => format!("Text size: {}%", settings.text_percent),
            Value::Contrast => format!(
                "High contrast: {}",
                if settings.high_contrast { "on" } else { "off" }
            ),
            Value::Coach => format!("Coach mode: {}", if settings.coach { "on" } else { "off" }),
        };
    }
}
