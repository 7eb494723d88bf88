//! The moves panel: the moves on offer in the core's sections (opening, one per topic,
//! listening, worries, a way forward, deciding), each under a heading, numbered as listed;
//! redrawn only when the offer changes. After a pick the list is back at its top with the focus
//! on its first move (the opening, never a trick; the second if the first was just said), so
//! the trainee reads the newest line and the moves afresh; otherwise the focus stays in place.

use super::view::{ConversationView, MenuRow, MovesList};
use crate::game::session::{ChooseMove, Session};
use crate::game::theme::widgets::{a11y, text};
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

/// A section heading in the moves panel.
#[derive(Component, Debug)]
pub struct MenuHeading;

/// The menu as it should read now: the moves on offer in the core's sections. Empty once the
/// call is over.
pub(super) fn menu_now(session: &Session) -> Vec<MenuRow> {
    let conv = &session.conversation;
    if conv.is_over() {
        return Vec::new();
    }
    let new = conv.newly_offered();
    let state = conv.state();
    conv.menu()
        .into_iter()
        .flat_map(|(section, moves)| moves.into_iter().map(move |index| (section, index)))
        .map(|(section, index)| MenuRow {
            index,
            section,
            new: new.contains(&index),
            said: state.was_used(index),
        })
        .collect()
}

/// One button per move on the menu, numbered from 1 in the order shown, with a heading where
/// a section starts. Returns each button's scenario move index and entity.
pub(super) fn spawn_moves(
    moves: &mut ChildSpawnerCommands,
    session: &Session,
    menu: &[MenuRow],
) -> Vec<(usize, Entity)> {
    menu.iter()
        .enumerate()
        .map(|(at, row)| {
            let MenuRow {
                index,
                section,
                new,
                said,
            } = *row;
            if at == 0 || menu[at - 1].section != section {
                moves.spawn(menu_heading(section.title(&session.scenario)));
            }
            let number = at + 1;
            let move_text = session.scenario.move_text(index);
            let label = if new {
                format!("Move {number} (new): {move_text}")
            } else if said {
                format!("Move {number} (said before): {move_text}")
            } else {
                format!("Move {number}: {move_text}")
            };
            let mut button = moves.spawn((
                MoveButton { index, number },
                move_button(number, move_text, label, said),
                observe(
                    move |_: On<Activate>, mut choose: MessageWriter<ChooseMove>| {
                        choose.write(ChooseMove(index));
                    },
                ),
            ));
            // A tag after the text: "new" for the turn the move opened, "said" once used.
            if new {
                button.with_child((
                    text("new", TextRole::Small, ColorRole::Accent),
                    Pickable::IGNORE,
                ));
            } else if said {
                button.with_child((
                    text("said", TextRole::Small, ColorRole::Muted),
                    Pickable::IGNORE,
                ));
            }
            (index, button.id())
        })
        .collect()
}

/// Redraws the moves when the offer changes (a sale made, a "new" mark expired), keeping the
/// keyboard focus on the same move while it is still listed. After a pick the list scrolls back
/// to its top and the focus goes to the first move, never the line just said, so Enter pressed
/// again cannot repeat it and a stray Enter never lands on a closing trick.
pub(super) fn refresh_moves(
    session: Option<Res<Session>>,
    mut views: Query<&mut ConversationView>,
    list: Query<Entity, With<MovesList>>,
    mut list_scroll: Query<&mut ScrollPosition, With<MovesList>>,
    buttons: Query<(Entity, &MoveButton)>,
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
    let turns = session.conversation.turns().len();
    let said = (turns != view.turns_seen)
        .then(|| session.conversation.moves().last().copied())
        .flatten();
    view.turns_seen = turns;
    let focused = focus
        .get()
        .and_then(|e| buttons.get(e).ok())
        .map(|(_, m)| *m);
    let menu = menu_now(&session);
    let listed: Vec<(usize, Entity)> = if menu == view.moves_shown {
        let mut listed: Vec<(usize, Entity, usize)> = buttons
            .iter()
            .map(|(e, m)| (m.index, e, m.number))
            .collect();
        listed.sort_by_key(|&(_, _, number)| number);
        listed.into_iter().map(|(i, e, _)| (i, e)).collect()
    } else {
        let Ok(list) = list.single() else { return };
        commands.entity(list).despawn_related::<Children>();
        let mut spawned = Vec::new();
        commands
            .entity(list)
            .with_children(|moves| spawned = spawn_moves(moves, &session, &menu));
        view.moves_shown = menu;
        spawned
    };
    let was = if said.is_some() {
        // A pick: back to the top of the list, whatever was focused or scrolled before.
        if let Ok(mut scroll) = list_scroll.single_mut() {
            scroll.y = 0.0;
        }
        MoveButton {
            index: listed.first().map_or(usize::MAX, |&(index, _)| index),
            number: 1,
        }
    } else {
        let Some(was) = focused else { return };
        was
    };
    match focus_after(&listed, was, said) {
        Some(button) if focus.get() != Some(button) => focus.set(button, FocusCause::Navigated),
        Some(_) => {}
        // The line just said was the only one listed: no button keeps the focus.
        None => focus.clear(),
    }
}

/// Where the focus goes in the listed moves (scenario index and button, in order) when it was
/// on `was` and `said` was just played: the same move if it is still listed, else the one now
/// at its place; if that is the move just said, the one after it (or before it, at the end).
fn focus_after(listed: &[(usize, Entity)], was: MoveButton, said: Option<usize>) -> Option<Entity> {
    let at = listed
        .iter()
        .position(|&(index, _)| index == was.index)
        .unwrap_or_else(|| was.number.min(listed.len()).saturating_sub(1));
    let at = match listed.get(at) {
        Some(&(index, _)) if Some(index) == said => {
            if at + 1 < listed.len() {
                at + 1
            } else {
                at.checked_sub(1)?
            }
        }
        _ => at,
    };
    listed.get(at).map(|&(_, e)| e)
}

/// A section's heading: small, muted, read out as a heading; never a focus stop.
fn menu_heading(title: String) -> impl Bundle {
    (
        MenuHeading,
        text(title.clone(), TextRole::Small, ColorRole::Muted),
        Node {
            margin: UiRect::top(px(6)),
            flex_shrink: 0.0,
            ..default()
        },
        a11y(accesskit::Role::Heading, title),
        Pickable::IGNORE,
    )
}

/// A move's button: its number and its text (muted once said).
fn move_button(number: usize, move_text: &str, label: String, said: bool) -> impl Bundle {
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
                text(
                    move_text.to_string(),
                    TextRole::Body,
                    if said {
                        ColorRole::Muted
                    } else {
                        ColorRole::Text
                    }
                ),
                Pickable::IGNORE
            ),
        ],
    )
}
