//! Keyboard and mouse beyond what the widgets do themselves (Tab and Enter/Space on the
//! focused button come from Bevy's input focus and `ui_widgets::Button`):
//! number keys pick a move, arrows move the focus, Esc backs out, the wheel scrolls, and
//! the focused element is scrolled into view.

use super::screens::conversation::MoveButton;
use super::screens::{Overlay, Screen};
use super::session::{CallRequest, ChooseMove, Session};
use bevy::input::mouse::{MouseScrollUnit, MouseWheel};
use bevy::input_focus::tab_navigation::{NavAction, TabNavigation};
use bevy::input_focus::{FocusCause, InputFocus, InputFocusVisible};
use bevy::picking::hover::HoverMap;
use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<PendingNumber>();
    app.add_systems(
        Update,
        (escape, arrows, digits, wheel, scroll_focus_into_view),
    );
}

/// The first digit of a two-digit move number, while a second may follow.
#[derive(Resource, Debug, Default)]
pub struct PendingNumber(pub Option<usize>);

fn escape(
    keys: Res<ButtonInput<KeyCode>>,
    screen: Res<State<Screen>>,
    overlay: Res<State<Overlay>>,
    mut next_screen: ResMut<NextState<Screen>>,
    mut next_overlay: ResMut<NextState<Overlay>>,
    mut pending: ResMut<PendingNumber>,
    mut call: MessageWriter<CallRequest>,
) {
    if !keys.just_pressed(KeyCode::Escape) {
        return;
    }
    pending.0 = None;
    match overlay.get() {
        Overlay::Settings => super::screens::settings::close(&screen, &mut next_overlay),
        Overlay::Pause => next_overlay.set(Overlay::None),
        Overlay::None => match screen.get() {
            Screen::Menu => {}
            Screen::Briefing => next_screen.set(Screen::Menu),
            Screen::Debrief => {
                call.write(CallRequest::Leave);
            }
            Screen::Conversation => next_overlay.set(Overlay::Pause),
        },
    }
}

fn arrows(
    keys: Res<ButtonInput<KeyCode>>,
    nav: TabNavigation,
    mut focus: ResMut<InputFocus>,
    mut visible: ResMut<InputFocusVisible>,
) {
    let action = if keys.any_just_pressed([KeyCode::ArrowDown, KeyCode::ArrowRight]) {
        NavAction::Next
    } else if keys.any_just_pressed([KeyCode::ArrowUp, KeyCode::ArrowLeft]) {
        NavAction::Previous
    } else {
        return;
    };
    if let Ok(next) = nav.navigate(&focus, action) {
        focus.set(next, FocusCause::Navigated);
        visible.0 = true;
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
/// focuses move 1 and waits: a second digit picks 10–19, Enter picks 1.
#[allow(clippy::too_many_arguments)]
fn digits(
    keys: Res<ButtonInput<KeyCode>>,
    screen: Res<State<Screen>>,
    overlay: Res<State<Overlay>>,
    session: Option<Res<Session>>,
    buttons: Query<(Entity, &MoveButton)>,
    mut focus: ResMut<InputFocus>,
    mut visible: ResMut<InputFocusVisible>,
    mut pending: ResMut<PendingNumber>,
    mut choose: MessageWriter<ChooseMove>,
) {
    if *screen.get() != Screen::Conversation || *overlay.get() != Overlay::None {
        return;
    }
    let Some(session) = session else { return };
    if session.conversation.is_over() {
        pending.0 = None;
        return;
    }
    let count = buttons.iter().count();
    for (d, (a, b)) in DIGITS.iter().enumerate() {
        if !keys.just_pressed(*a) && !keys.just_pressed(*b) {
            continue;
        }
        let mut value = pending.0.map_or(d, |p| p * 10 + d);
        if value == 0 || value > count {
            value = d;
        }
        pending.0 = None;
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
        }
    }
    if keys.any_just_pressed([KeyCode::Enter, KeyCode::NumpadEnter, KeyCode::Space]) {
        pending.0 = None;
    }
}

/// The mouse wheel scrolls the scrollable node under the pointer.
fn wheel(
    mut wheel: MessageReader<MouseWheel>,
    hover: Option<Res<HoverMap>>,
    parents: Query<&ChildOf>,
    mut scrollables: Query<(&Node, &ComputedNode, &mut ScrollPosition)>,
) {
    let Some(hover) = hover else {
        wheel.clear();
        return;
    };
    for ev in wheel.read() {
        let mut dy = -ev.y;
        if ev.unit == MouseScrollUnit::Line {
            dy *= 28.0;
        }
        let Some(start) = hover.values().flat_map(|m| m.keys().copied()).next() else {
            continue;
        };
        // The nearest scrollable ancestor of what is under the pointer.
        let target = std::iter::once(start)
            .chain(parents.iter_ancestors(start))
            .find(|e| {
                scrollables
                    .get(*e)
                    .is_ok_and(|(n, _, _)| n.overflow.y == OverflowAxis::Scroll)
            });
        if let Some(target) = target
            && let Ok((_, computed, mut pos)) = scrollables.get_mut(target)
        {
            let max = ((computed.content_size().y - computed.size().y)
                * computed.inverse_scale_factor())
            .max(0.0);
            pos.y = (pos.y.min(max) + dy).clamp(0.0, max);
        }
    }
}

/// Keeps the keyboard focus visible: scrolls its scrollable ancestors to show it.
fn scroll_focus_into_view(
    focus: Res<InputFocus>,
    parents: Query<&ChildOf>,
    nodes: Query<(&ComputedNode, &UiGlobalTransform)>,
    mut scrollables: Query<(
        &Node,
        &ComputedNode,
        &UiGlobalTransform,
        &mut ScrollPosition,
    )>,
) {
    if !focus.is_changed() {
        return;
    }
    let Some(focused) = focus.get() else { return };
    let Ok((child, child_at)) = nodes.get(focused) else {
        return;
    };
    let child_top = child_at.translation.y - child.size().y / 2.0;
    let child_bottom = child_at.translation.y + child.size().y / 2.0;
    for ancestor in parents.iter_ancestors(focused) {
        let Ok((node, computed, at, mut pos)) = scrollables.get_mut(ancestor) else {
            continue;
        };
        if node.overflow.y != OverflowAxis::Scroll {
            continue;
        }
        let scale = computed.inverse_scale_factor();
        let max = ((computed.content_size().y - computed.size().y) * scale).max(0.0);
        let top = at.translation.y - computed.size().y / 2.0;
        let bottom = at.translation.y + computed.size().y / 2.0;
        let mut y = pos.y.min(max);
        if child_bottom > bottom {
            y += (child_bottom - bottom) * scale + 8.0;
        } else if child_top < top {
            y -= (top - child_top) * scale + 8.0;
        }
        pos.y = y.clamp(0.0, max);
        break;
    }
}
