//! Keyboard and mouse that work the same on every screen, beyond what the widgets do
//! themselves (Tab and Enter/Space on the focused button come from Bevy's input focus and
//! `ui_widgets::Button`): arrows move the focus, the wheel scrolls, and the focused element
//! is scrolled into view. Each screen owns its own keys (Esc, number keys, `[`, `]`, `W`).

use bevy::input::mouse::{MouseScrollUnit, MouseWheel};
use bevy::input_focus::tab_navigation::{NavAction, TabNavigation};
use bevy::input_focus::{FocusCause, InputFocus, InputFocusVisible};
use bevy::picking::hover::HoverMap;
use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, (arrows, wheel, scroll_focus_into_view));
}

fn arrows(
    keys: Res<ButtonInput<KeyCode>>,
    nav: TabNavigation,
    mut focus: ResMut<InputFocus>,
    mut visible: ResMut<InputFocusVisible>,
    text_fields: Query<(), With<bevy::text::EditableText>>,
) {
    // In a text field, Left and Right move the caret, not the focus.
    let editing = focus.get().is_some_and(|f| text_fields.contains(f));
    let (next_keys, previous_keys): (&[KeyCode], &[KeyCode]) = if editing {
        (&[KeyCode::ArrowDown], &[KeyCode::ArrowUp])
    } else {
        (
            &[KeyCode::ArrowDown, KeyCode::ArrowRight],
            &[KeyCode::ArrowUp, KeyCode::ArrowLeft],
        )
    };
    let action = if keys.any_just_pressed(next_keys.iter().copied()) {
        NavAction::Next
    } else if keys.any_just_pressed(previous_keys.iter().copied()) {
        NavAction::Previous
    } else {
        return;
    };
    if let Ok(next) = nav.navigate(&focus, action) {
        focus.set(next, FocusCause::Navigated);
        visible.0 = true;
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
