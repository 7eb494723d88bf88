//! Keyboard and mouse that work the same on every screen, beyond what the widgets do
//! themselves (Tab and Enter/Space on the focused button come from Bevy's input focus and
//! `ui_widgets::Button`): arrows move the focus, the wheel scrolls, and the focused element
//! is scrolled into view. Each screen owns its own keys (Esc, number keys, `[`, `]`, `W`).
//!
//! Scrolling by keyboard works the same everywhere too: a reading panel ([`ReadingPanel`], a
//! focusable scroll container) scrolls with the arrows until its end, then the focus moves on;
//! Page Up/Page Down, Home and End move the focus through a [`KeyList`] (the moves, the
//! scenario cards) by a page, else scroll the panel or page around the focus (or the screen's
//! [`MainScroll`]). A [`ScrollHint`] says whether there is more above or below.

use crate::game::theme::interaction::FocusRing;
use bevy::input::ButtonState;
use bevy::input::keyboard::KeyboardInput;
use bevy::input::mouse::{MouseScrollUnit, MouseWheel};
use bevy::input_focus::tab_navigation::{NavAction, TabIndex, TabNavigation};
use bevy::input_focus::{FocusCause, InputFocus, InputFocusVisible};
use bevy::picking::hover::HoverMap;
use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(PostUpdate, skip_hidden_tab_stops);
    app.add_systems(
        Update,
        (arrows, page_keys, wheel, scroll_focus_into_view).chain(),
    );
    // After layout, so the hints count what this frame shows (a scroll or a new list laid
    // out in this frame), not what the last one did.
    app.add_systems(PostUpdate, scroll_hints.after(bevy::ui::UiSystems::Layout));
}

/// A tab stop taken out of the tab order while it, or a node it sits in, is not displayed (the
/// notes button in a wide window, the left column in a narrow one): its own index, to give back
/// when it shows again. Tab never lands on something the trainee cannot see.
#[derive(Component, Debug)]
struct HiddenTabStop(i32);

fn skip_hidden_tab_stops(
    changed: Query<(), Changed<Node>>,
    nodes: Query<&Node>,
    parents: Query<&ChildOf>,
    mut stops: Query<(Entity, &mut TabIndex, Option<&HiddenTabStop>)>,
    mut commands: Commands,
) {
    if changed.is_empty() {
        return;
    }
    for (entity, mut index, hidden) in &mut stops {
        let shown =
            !std::iter::successors(Some(entity), |&e| parents.get(e).ok().map(ChildOf::parent))
                .any(|e| nodes.get(e).is_ok_and(|n| n.display == Display::None));
        match (shown, hidden) {
            (false, None) => {
                commands.entity(entity).insert(HiddenTabStop(index.0));
                index.0 = -1;
            }
            (true, Some(own)) => {
                index.0 = own.0;
                commands.entity(entity).remove::<HiddenTabStop>();
            }
            _ => {}
        }
    }
}

/// A focusable scroll container that is read rather than clicked (the dialogue, what the
/// trainee has learned, a briefing): the arrows scroll it while it has more that way.
#[derive(Component, Debug, Default)]
#[require(TabIndex(0), FocusRing, Outline = ring())]
pub struct ReadingPanel;

/// The focus ring's outline, coloured only while the panel has keyboard focus.
fn ring() -> Outline {
    Outline {
        width: px(3),
        offset: px(0),
        color: Color::NONE,
    }
}

/// A scroll container of buttons in a list: Page Up/Down move the focus a page through them,
/// Home and End to the first and last.
#[derive(Component, Debug, Default)]
pub struct KeyList;

/// The screen's main scroll container, scrolled by Page Up/Down, Home and End when the focus
/// is in no scroll container.
#[derive(Component, Debug, Default)]
pub struct MainScroll;

/// A text that says whether the scroll container `target` has more above or below (hidden
/// when everything shows); with `items`, it counts the focusable items that show:
/// "Moves 1–5 of 18 · ▼ more below".
#[derive(Component, Debug)]
pub struct ScrollHint {
    pub target: Entity,
    pub items: Option<&'static str>,
}

/// A line of text for `ReadingPanel` arrows, in logical pixels.
const LINE: f32 = 40.0;

/// How far a scroll container can scroll, in logical pixels.
pub fn max_scroll(computed: &ComputedNode) -> f32 {
    ((computed.content_size().y - computed.size().y) * computed.inverse_scale_factor()).max(0.0)
}

/// The arrows, one step per key event: presses that come faster than frames, and the
/// repeats of a held key, each count (the pressed-this-frame view of the keyboard sees one).
fn arrows(
    mut events: MessageReader<KeyboardInput>,
    nav: TabNavigation,
    mut focus: ResMut<InputFocus>,
    mut visible: ResMut<InputFocusVisible>,
    text_fields: Query<(), With<bevy::text::EditableText>>,
    mut panels: Query<(&ComputedNode, &mut ScrollPosition), With<ReadingPanel>>,
) {
    for event in events.read() {
        if event.state != ButtonState::Pressed {
            continue;
        }
        // In a text field, Left and Right move the caret, not the focus.
        let editing = focus.get().is_some_and(|f| text_fields.contains(f));
        let (action, dy) = match event.key_code {
            KeyCode::ArrowDown => (NavAction::Next, LINE),
            KeyCode::ArrowUp => (NavAction::Previous, -LINE),
            KeyCode::ArrowRight if !editing => (NavAction::Next, LINE),
            KeyCode::ArrowLeft if !editing => (NavAction::Previous, -LINE),
            _ => continue,
        };
        // A focused reading panel scrolls while it has more that way.
        if let Some(f) = focus.get()
            && let Ok((computed, mut pos)) = panels.get_mut(f)
        {
            let max = max_scroll(computed);
            let y = pos.y.min(max);
            let can = if dy > 0.0 { y < max - 0.5 } else { y > 0.5 };
            if can {
                pos.y = (y + dy).clamp(0.0, max);
                // Show which panel the keys scroll (a click on it hid the ring).
                visible.0 = true;
                continue;
            }
        }
        if let Ok(next) = nav.navigate(&focus, action) {
            focus.set(next, FocusCause::Navigated);
            visible.0 = true;
        }
    }
}

/// Page Up/Page Down, Home and End: through a list of buttons, the focus moves a page;
/// elsewhere the scroll container around the focus (or the screen's main one) scrolls.
#[allow(clippy::type_complexity, clippy::too_many_arguments)]
fn page_keys(
    keys: Res<ButtonInput<KeyCode>>,
    mut focus: ResMut<InputFocus>,
    mut visible: ResMut<InputFocusVisible>,
    parents: Query<&ChildOf>,
    lists: Query<&Children, With<KeyList>>,
    focusable: Query<(), With<TabIndex>>,
    item_sizes: Query<&ComputedNode>,
    mut scrollables: Query<(
        Entity,
        &Node,
        &ComputedNode,
        &mut ScrollPosition,
        Has<MainScroll>,
    )>,
) {
    enum Page {
        Up,
        Down,
        Home,
        End,
    }
    let page = if keys.just_pressed(KeyCode::PageDown) {
        Page::Down
    } else if keys.just_pressed(KeyCode::PageUp) {
        Page::Up
    } else if keys.just_pressed(KeyCode::Home) {
        Page::Home
    } else if keys.just_pressed(KeyCode::End) {
        Page::End
    } else {
        return;
    };
    let focused = focus.get();
    let scrolls = |e: Entity| {
        scrollables
            .get(e)
            .is_ok_and(|(_, n, ..)| n.overflow.y == OverflowAxis::Scroll)
    };
    // The focus on an item of a list: move it a page through the list.
    if let Some(f) = focused
        && let Some(list) = parents.iter_ancestors(f).find(|e| lists.contains(*e))
        && let Ok(children) = lists.get(list)
    {
        let items: Vec<Entity> = children.iter().filter(|c| focusable.contains(*c)).collect();
        if let Some(at) = items.iter().position(|e| *e == f) {
            let per_page = match (scrollables.get(list), item_sizes.get(f)) {
                (Ok((_, _, list_size, ..)), Ok(item)) if item.size().y > 0.0 => {
                    ((list_size.size().y / item.size().y).floor() as usize).max(2) - 1
                }
                _ => 5,
            };
            let to = match page {
                Page::Home => 0,
                Page::End => items.len() - 1,
                Page::Up => at.saturating_sub(per_page),
                Page::Down => (at + per_page).min(items.len() - 1),
            };
            if to != at {
                focus.set(items[to], FocusCause::Navigated);
                visible.0 = true;
            }
            return;
        }
    }
    let main = scrollables
        .iter()
        .find(|(_, _, _, _, main)| *main)
        .map(|(e, ..)| e);
    let target = focused
        .and_then(|f| {
            std::iter::once(f)
                .chain(parents.iter_ancestors(f))
                .find(|e| scrolls(*e))
        })
        .or(main);
    if let Some(t) = target
        && let Ok((_, _, computed, mut pos, _)) = scrollables.get_mut(t)
    {
        let max = max_scroll(computed);
        let step = (computed.size().y * computed.inverse_scale_factor() * 0.85).max(LINE);
        let y = pos.y.min(max);
        pos.y = match page {
            Page::Up => (y - step).max(0.0),
            Page::Down => (y + step).min(max),
            Page::Home => 0.0,
            Page::End => max,
        };
    }
}

/// Keeps every [`ScrollHint`] saying what its container hides, changing the text only when
/// it reads differently (so an idle screen stays idle). It reads this frame's layout, so a
/// changed hint asks for one more frame to lay out and draw its new text.
fn scroll_hints(
    mut hints: Query<(&ScrollHint, &mut Text, &mut Node)>,
    redraw: Option<ResMut<Messages<bevy::window::RequestRedraw>>>,
    containers: Query<(
        &ComputedNode,
        &UiGlobalTransform,
        &ScrollPosition,
        Option<&Children>,
    )>,
    items: Query<(&ComputedNode, &UiGlobalTransform), With<TabIndex>>,
) {
    let mut changed = false;
    for (hint, mut text, mut node) in &mut hints {
        let Ok((computed, at, pos, children)) = containers.get(hint.target) else {
            continue;
        };
        let max = max_scroll(computed);
        let above = pos.y.min(max) > 0.5;
        let below = pos.y < max - 0.5;
        let more = match (above, below) {
            (true, true) => "▲ more above · ▼ more below",
            (true, false) => "▲ more above",
            (false, true) => "▼ more below",
            (false, false) => "",
        };
        let said = match hint.items {
            Some(noun) => {
                let top = at.translation.y - computed.size().y / 2.0;
                let bottom = at.translation.y + computed.size().y / 2.0;
                let listed: Vec<bool> = children
                    .into_iter()
                    .flatten()
                    .filter_map(|c| items.get(*c).ok())
                    .map(|(n, a)| {
                        let mid = a.translation.y;
                        n.size().y > 0.0 && mid >= top && mid <= bottom
                    })
                    .collect();
                let total = listed.len();
                let first = listed.iter().position(|v| *v);
                let last = listed.iter().rposition(|v| *v);
                match (first, last) {
                    _ if total == 0 => String::new(),
                    (Some(f), Some(l)) if !more.is_empty() && f == l => {
                        format!("{noun} {} of {total} · {more}", f + 1)
                    }
                    (Some(f), Some(l)) if !more.is_empty() => {
                        format!("{noun} {}–{} of {total} · {more}", f + 1, l + 1)
                    }
                    _ => format!("{noun}: all {total} shown"),
                }
            }
            None => more.to_string(),
        };
        if text.0 != said {
            text.0 = said;
            changed = true;
        }
        let display = if text.0.is_empty() {
            Display::None
        } else {
            Display::Flex
        };
        if node.display != display {
            node.display = display;
            changed = true;
        }
    }
    if changed && let Some(mut redraw) = redraw {
        redraw.write(bevy::window::RequestRedraw);
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
///
/// A focus set on a node not laid out yet (a card just redrawn by a hot reload) waits for its
/// layout: measured at its spawn place, it would scroll the list back to the top.
fn scroll_focus_into_view(
    focus: Res<InputFocus>,
    mut waiting: Local<bool>,
    parents: Query<&ChildOf>,
    nodes: Query<(&ComputedNode, &UiGlobalTransform)>,
    mut scrollables: Query<(
        &Node,
        &ComputedNode,
        &UiGlobalTransform,
        &mut ScrollPosition,
    )>,
) {
    if !focus.is_changed() && !*waiting {
        return;
    }
    *waiting = false;
    let Some(focused) = focus.get() else { return };
    let Ok((child, child_at)) = nodes.get(focused) else {
        return;
    };
    if child.size().y <= 0.0 {
        *waiting = true;
        return;
    }
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
