//! The call screen's keys: number keys pick a move by the number shown beside it, and Esc
//! opens the pause menu. They run only on this screen with no overlay open.

use super::moves::MoveButton;
use crate::game::screens::{Overlay, Screen};
use crate::game::session::{CallMoves, ChooseMove, Session};
use crate::game::theme::widgets::text;
use crate::game::theme::{ColorRole, TextRole};
use accesskit::{Live, Role};
use bevy::a11y::AccessibilityNode;
use bevy::input::ButtonState;
use bevy::input::common_conditions::input_just_pressed;
use bevy::input::keyboard::KeyboardInput;
use bevy::input_focus::{FocusCause, InputFocus, InputFocusVisible};
use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<PendingNumber>();
    let on_call = in_state(Screen::Conversation).and_then(in_state(Overlay::None));
    app.add_systems(
        Update,
        (digits.before(CallMoves), show_pending.after(digits)).run_if(on_call.clone()),
    );
    app.add_systems(
        Update,
        pause
            .before(digits)
            .run_if(on_call.and_then(input_just_pressed(KeyCode::Escape))),
    );
}

/// The first digit of a two-digit move number, while a second may follow.
#[derive(Resource, Debug, Default)]
pub struct PendingNumber(pub Option<usize>);

/// The line in the moves panel that shows a first digit waiting for a second one.
#[derive(Component, Debug)]
pub struct PendingLine;

/// The pending line, hidden until a digit waits: what was typed and how to go on.
pub(super) fn pending_line() -> impl Bundle {
    let mut a11y = accesskit::Node::new(Role::Status);
    a11y.set_live(Live::Assertive);
    (
        PendingLine,
        text("", TextRole::Body, ColorRole::Accent),
        Node {
            display: Display::None,
            flex_shrink: 0.0,
            ..default()
        },
        AccessibilityNode(a11y),
    )
}

/// What the pending line says while `first` waits with `count` moves listed.
pub fn pending_text(first: usize, count: usize) -> String {
    let low = first * 10;
    let high = (low + 9).min(count);
    let range = if high > low {
        format!("moves {low}–{high}")
    } else {
        format!("move {low}")
    };
    format!("Move {first}_ — press a second digit for {range}, or Enter for move {first}")
}

/// Shows or hides the pending line on the update of the key that changed it.
fn show_pending(
    pending: Res<PendingNumber>,
    buttons: Query<(), With<MoveButton>>,
    mut lines: Query<(&mut Text, &mut Node, &mut AccessibilityNode), With<PendingLine>>,
    added: Query<(), Added<PendingLine>>,
) {
    if !pending.is_changed() && added.is_empty() {
        return;
    }
    let count = buttons.iter().count();
    for (mut text, mut node, mut a11y) in &mut lines {
        let (said, display) = match pending.0 {
            Some(first) => (pending_text(first, count), Display::Flex),
            None => (String::new(), Display::None),
        };
        if text.0 != said {
            a11y.set_label(said.clone());
            text.0 = said;
        }
        if node.display != display {
            node.display = display;
        }
    }
}

/// Esc pauses the call; with a first digit waiting, it only cancels the wait.
fn pause(mut overlay: ResMut<NextState<Overlay>>, mut pending: ResMut<PendingNumber>) {
    if pending.0.take().is_none() {
        overlay.set(Overlay::Pause);
    }
}

const DIGITS: [(KeyCode, KeyCode); 10] = [
    (KeyCode::Digit0, KeyCode::Numpad0),
    (KeyCode::Digit1, KeyCode::Numpad1),
    (KeyCode::Digit2, KeyCode::Numpad2),
    (KeyCode::Digit3, KeyCode::Numpad3),
    (KeyCode::Digit4, KeyCode::Numpad4),
    (KeyCode::Digit5, KeyCode::Numpad5),
    (KeyCode::Digit6, KeyCode::Numpad6),
    (KeyCode::Digit7, KeyCode::Numpad7),
    (KeyCode::Digit8, KeyCode::Numpad8),
    (KeyCode::Digit9, KeyCode::Numpad9),
];

/// Number keys pick a move by the number shown beside it (its place in the list on offer):
/// "3" picks move 3 at once when no move 30 is listed; "1" with more than nine moves listed
/// focuses move 1 and waits: a second digit picks 10–19, Enter picks 1. Keys are read as
/// events, in the order typed, so "1" and "2" typed within one frame still pick move 12; a
/// digit after a pick in the same frame is dropped, as it was meant for a list not drawn yet.
#[allow(clippy::too_many_arguments)]
fn digits(
    mut events: MessageReader<KeyboardInput>,
    session: Option<Res<Session>>,
    buttons: Query<(Entity, &MoveButton)>,
    mut focus: ResMut<InputFocus>,
    mut visible: ResMut<InputFocusVisible>,
    mut pending: ResMut<PendingNumber>,
    mut choose: MessageWriter<ChooseMove>,
) {
    let Some(session) = session else {
        events.clear();
        return;
    };
    if session.conversation.is_over() {
        events.clear();
        if pending.0.is_some() {
            pending.0 = None;
        }
        return;
    }
    let count = buttons.iter().count();
    let mut picked = false;
    for event in events.read() {
        if event.state != ButtonState::Pressed || event.repeat {
            continue;
        }
        let Some(d) = DIGITS
            .iter()
            .position(|(a, b)| event.key_code == *a || event.key_code == *b)
        else {
            // Any other key (Enter picking the focused first move, an arrow, Tab) ends the
            // wait.
            if pending.0.is_some() {
                pending.0 = None;
            }
            continue;
        };
        if picked {
            continue;
        }
        let mut value = pending.0.map_or(d, |p| p * 10 + d);
        if value == 0 || value > count {
            value = d;
        }
        if pending.0.is_some() {
            pending.0 = None;
        }
        if value == 0 || value > count {
            continue;
        }
        if value * 10 <= count {
            pending.0 = Some(value);
            if let Some((e, _)) = buttons.iter().find(|(_, m)| m.number == value) {
                focus.set(e, FocusCause::Navigated);
                visible.0 = true;
            }
        } else if let Some((_, m)) = buttons.iter().find(|(_, m)| m.number == value) {
            choose.write(ChooseMove(m.index));
            picked = true;
        }
    }
}
