//! The notes over the call (N): the customer card and "What I have learned", for a window
//! too narrow (or text too large) to show them beside the moves. The call waits underneath.

use super::learned::{learned_lines, spawn_learned};
use super::view::ConversationView;
use crate::game::input::ReadingPanel;
use crate::game::screens::{Overlay, Screen, overlay_root};
use crate::game::session::Session;
use crate::game::theme::widgets::{
    heading, more_hint, muted, panel, primary_button, scroll_column, text,
};
use crate::game::theme::{ColorRole, TextRole};
use bevy::input::common_conditions::input_just_pressed;
use bevy::input_focus::AutoFocus;
use bevy::prelude::*;
use bevy::ui_widgets::Activate;
use rapport_core::engine::trust_word;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Overlay::Notes), spawn);
    app.add_systems(
        Update,
        (
            // N opens the notes during a call...
            (|mut overlay: ResMut<NextState<Overlay>>| overlay.set(Overlay::Notes)).run_if(
                in_state(Screen::Conversation)
                    .and_then(in_state(Overlay::None))
                    .and_then(input_just_pressed(KeyCode::KeyN))
                    .and_then(|views: Query<(), With<ConversationView>>| !views.is_empty()),
            ),
            // ...and N or Esc closes them.
            (|mut overlay: ResMut<NextState<Overlay>>| overlay.set(Overlay::None)).run_if(
                in_state(Overlay::Notes).and_then(
                    input_just_pressed(KeyCode::KeyN).or_else(input_just_pressed(KeyCode::Escape)),
                ),
            ),
        ),
    );
}

/// The "Notes (N)" button the narrow layout shows in the call's top bar.
pub(super) fn notes_button() -> impl Bundle {
    crate::game::theme::widgets::button(
        "Notes (N)",
        "Notes: the customer and what you have learned",
        |_: On<Activate>, mut next: ResMut<NextState<Overlay>>| next.set(Overlay::Notes),
    )
}

fn spawn(mut commands: Commands, session: Option<Res<Session>>) {
    let Some(session) = session else { return };
    let customer = &session.scenario.file.customer;
    let state = session.conversation.state();
    let lines = learned_lines(&session.scenario, state);
    commands
        .spawn(overlay_root(Overlay::Notes))
        .with_children(|root| {
            root.spawn(panel(Node {
                width: percent(90),
                max_width: px(720),
                max_height: percent(90),
                row_gap: px(8),
                ..default()
            }))
            .with_children(|p| {
                p.spawn(heading(customer.name.clone()));
                p.spawn(muted(format!("{}, {}", customer.role, customer.company)));
                p.spawn(text(
                    format!("Mood: {} (trust {})", trust_word(state.trust), state.trust),
                    TextRole::Body,
                    ColorRole::Text,
                ));
                p.spawn(heading("What I have learned"));
                let list = p
                    .spawn((
                        ReadingPanel,
                        Node {
                            flex_shrink: 1.0,
                            min_height: px(0),
                            ..scroll_column(6.0)
                        },
                    ))
                    .with_children(|l| spawn_learned(l, lines))
                    .id();
                p.spawn(more_hint(list));
                p.spawn((
                    primary_button(
                        "Back to the call (N or Esc)",
                        "Back to the call",
                        |_: On<Activate>, mut next: ResMut<NextState<Overlay>>| {
                            next.set(Overlay::None)
                        },
                    ),
                    AutoFocus,
                ));
            });
        });
}
