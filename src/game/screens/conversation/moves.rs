//! The moves panel: the moves on offer, numbered as listed, newly opened ones marked for a
//! turn; redrawn only when the offer changes, keeping the keyboard focus in place.

use super::{ConversationView, MovesPanel};
use crate::game::session::{ChooseMove, Session};
use crate::game::theme::widgets::{muted, text};
use crate::game::theme::{ColorRole, TextRole};
use bevy::input_focus::{FocusCause, InputFocus};
use bevy::prelude::*;
use bevy::ui_widgets::{Activate, observe};

/// A move button: the scenario's move index (what is sent to the core) and the number shown
/// beside it, its place in the list on offer (what a trainee types).
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct MoveButton {
    pub index: usize,
    pub number: usize,
}

/// The menu as it should read now: the moves on offer in the scenario's order, each with
/// whether it opened with the last move. Empty once the call is over.
pub(super) fn menu_now(session: &Session) -> Vec<(usize, bool)> {
    let conv = &session.conversation;
    if conv.is_over() {
        return Vec::new();
    }
    let new = conv.newly_offered();
    conv.available_moves()
        .into_iter()
        .map(|i| (i, new.contains(&i)))
        .collect()
}

/// The hint and one button per move on the menu, numbered from 1 in the order shown.
/// Returns each button's scenario move index and entity.
pub(super) fn spawn_moves(
    moves: &mut ChildSpawnerCommands,
    session: &Session,
    menu: &[(usize, bool)],
) -> Vec<(usize, Entity)> {
    moves.spawn(muted(
        "What do you say? Press a number, or use arrows and Enter.",
    ));
    menu.iter()
        .enumerate()
        .map(|(at, &(index, new))| {
            let number = at + 1;
            let move_text = session.scenario.move_text(index);
            let label = if new {
                format!("Move {number} (new): {move_text}")
            } else {
                format!("Move {number}: {move_text}")
            };
            let mut button = moves.spawn((
                MoveButton { index, number },
                move_button(number, move_text, label),
                observe(
                    move |_: On<Activate>, mut choose: MessageWriter<ChooseMove>| {
                        choose.write(ChooseMove(index));
                    },
                ),
            ));
            if new {
                // A tag after the text, for the turn the move opened.
                button.with_child((
                    text("new", TextRole::Small, ColorRole::Accent),
                    Pickable::IGNORE,
                ));
            }
            (index, button.id())
        })
        .collect()
}

/// Redraws the moves when the offer changes (a topic opened, a sale made, a "new" mark
/// expired), keeping the keyboard focus on the same move while it is still listed.
pub(super) fn refresh_moves(
    session: Option<Res<Session>>,
    mut views: Query<&mut ConversationView>,
    panel: Query<Entity, With<MovesPanel>>,
    buttons: Query<&MoveButton>,
    mut focus: ResMut<InputFocus>,
    mut commands: Commands,
) {
    let Some(session) = session else { return };
    // The end of the call is drawn by `refresh`.
    if !session.is_changed() || session.conversation.is_over() {
        return;
    }
    let Ok(mut view) = views.single_mut() else {
        return;
    };
    let menu = menu_now(&session);
    if menu == view.moves_shown {
        return;
    }
    let Ok(panel) = panel.single() else { return };
    let focused = focus.get().and_then(|e| buttons.get(e).ok()).copied();
    commands.entity(panel).despawn_related::<Children>();
    let mut spawned = Vec::new();
    commands
        .entity(panel)
        .with_children(|moves| spawned = spawn_moves(moves, &session, &menu));
    if let Some(was) = focused {
        // The same move if it is still listed, else the one now at its place.
        let target = spawned
            .iter()
            .find(|(index, _)| *index == was.index)
            .or_else(|| spawned.get(was.number.min(spawned.len()).saturating_sub(1)));
        if let Some(&(_, button)) = target {
            focus.set(button, FocusCause::Navigated);
        }
    }
    view.moves_shown = menu;
}

/// A move's button: its number and its text.
fn move_button(number: usize, move_text: &str, label: String) -> impl Bundle {
    use crate::game::theme::interaction::ButtonLook;
    use crate::game::theme::widgets::button_base;
    (
        button_base(ButtonLook::PLAIN, label),
        Node {
            padding: UiRect::axes(px(10), px(6)),
            border: UiRect::all(px(1)),
            border_radius: BorderRadius::all(px(6)),
            column_gap: px(10),
            align_items: AlignItems::Center,
            flex_shrink: 0.0,
            ..default()
        },
        children![
            (
                Node {
                    min_width: px(28),
                    ..default()
                },
                Pickable::IGNORE,
                children![(
                    text(format!("{number}"), TextRole::Button, ColorRole::Accent),
                    Pickable::IGNORE
                )],
            ),
            (
                text(move_text.to_string(), TextRole::Body, ColorRole::Text),
                Pickable::IGNORE
            ),
        ],
    )
}
