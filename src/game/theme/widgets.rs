//! Small widget helpers: each returns a bundle that names colour and text roles, so the look
//! stays in the theme. Buttons are `bevy::ui_widgets::Button`s: a click, Enter or Space on the
//! focused button triggers `Activate`; callers add `observe(...)` for what it does.

use super::interaction::{ButtonLook, FocusRing};
use super::{Bg, ColorRole, Edge, Fg, TextRole, Txt};
use accesskit::Role;
use bevy::a11y::AccessibilityNode;
use bevy::ecs::system::IntoObserverSystem;
use bevy::input_focus::tab_navigation::TabIndex;
use bevy::picking::hover::Hovered;
use bevy::prelude::*;
use bevy::ui_widgets::{Activate, observe};

/// An AccessKit node with a role and a label, for screen readers.
pub fn a11y(role: Role, label: impl Into<String>) -> AccessibilityNode {
    let mut node = accesskit::Node::new(role);
    node.set_label(label.into());
    AccessibilityNode(node)
}

/// Text in a role and colour.
pub fn text(value: impl Into<String>, role: TextRole, color: ColorRole) -> impl Bundle {
    (
        Text::new(value),
        TextFont::default(),
        Txt::new(role),
        Fg(color),
    )
}

/// Body text.
pub fn body(value: impl Into<String>) -> impl Bundle {
    text(value, TextRole::Body, ColorRole::Text)
}

/// Secondary text.
pub fn muted(value: impl Into<String>) -> impl Bundle {
    text(value, TextRole::Small, ColorRole::Muted)
}

/// A section heading, exposed as a heading to screen readers.
pub fn heading(value: impl Into<String>) -> impl Bundle {
    let value = value.into();
    (
        text(value.clone(), TextRole::Heading, ColorRole::Text),
        a11y(Role::Heading, value),
    )
}

/// The page title.
pub fn title(value: impl Into<String>) -> impl Bundle {
    let value = value.into();
    (
        text(value.clone(), TextRole::Title, ColorRole::Text),
        a11y(Role::Heading, value),
    )
}

/// A plain button that does `action` when activated (a click, or Enter or Space on it);
/// `label` is what a screen reader says.
pub fn button<B: Bundle, M: Send + Sync + 'static>(
    caption: impl Into<String>,
    label: impl Into<String>,
    action: impl IntoObserverSystem<Activate, B, M> + Sync,
) -> impl Bundle {
    (
        button_with(ButtonLook::PLAIN, ColorRole::Text, caption, label),
        observe(action),
    )
}

/// The button for the main action on a screen, doing `action` when activated.
pub fn primary_button<B: Bundle, M: Send + Sync + 'static>(
    caption: impl Into<String>,
    label: impl Into<String>,
    action: impl IntoObserverSystem<Activate, B, M> + Sync,
) -> impl Bundle {
    (
        button_with(ButtonLook::PRIMARY, ColorRole::OnAccent, caption, label),
        observe(action),
    )
}

fn button_with(
    look: ButtonLook,
    fg: ColorRole,
    caption: impl Into<String>,
    label: impl Into<String>,
) -> impl Bundle {
    (
        button_base(look, label),
        Node {
            padding: UiRect::axes(px(16), px(9)),
            border: UiRect::all(px(1)),
            border_radius: BorderRadius::all(px(8)),
            justify_content: JustifyContent::Center,
            align_items: AlignItems::Center,
            ..default()
        },
        children![(text(caption, TextRole::Button, fg), Pickable::IGNORE)],
    )
}

/// What makes any node a focusable, clickable button: give it a `Node` and children.
pub fn button_base(look: ButtonLook, label: impl Into<String>) -> impl Bundle {
    button_base_edged(look, ColorRole::Border, label)
}

/// [`button_base`] with a border colour of its own (a timeline row's verdict stripe).
pub fn button_base_edged(
    look: ButtonLook,
    edge: ColorRole,
    label: impl Into<String>,
) -> impl Bundle {
    (
        bevy::ui_widgets::Button,
        look,
        BackgroundColor(Color::NONE),
        Edge(edge),
        Hovered::default(),
        TabIndex(0),
        FocusRing,
        Outline {
            width: px(3),
            offset: px(2),
            color: Color::NONE,
        },
        a11y(Role::Button, label),
    )
}

/// A one-line editable text field (Bevy's `EditableText`) holding `initial`, at most `max`
/// characters, labelled for screen readers; Tab moves on, the text is read on each change
/// (observe `bevy::text::TextEditChange`).
pub fn text_field(initial: &str, label: impl Into<String>, max: usize) -> impl Bundle {
    (
        Node {
            min_width: px(260),
            padding: UiRect::axes(px(8), px(6)),
            border: UiRect::all(px(2)),
            border_radius: BorderRadius::all(px(6)),
            ..default()
        },
        bevy::text::EditableText {
            max_characters: Some(max),
            visible_width: Some(24.0),
            allow_newlines: false,
            ..bevy::text::EditableText::new(initial)
        },
        TextLayout::no_wrap(),
        TextFont::default(),
        Txt::new(TextRole::Body),
        Fg(ColorRole::Text),
        TextColor::default(),
        bevy::text::TextCursorStyle::default(),
        Bg(ColorRole::Background),
        BackgroundColor(Color::NONE),
        Edge(ColorRole::Border),
        TabIndex(0),
        FocusRing,
        Outline {
            width: px(3),
            offset: px(2),
            color: Color::NONE,
        },
        a11y(Role::TextInput, label),
    )
}

/// A white card with a thin border.
pub fn panel(node: Node) -> impl Bundle {
    (
        Node {
            padding: UiRect::all(px(14)),
            border: UiRect::all(px(1)),
            border_radius: BorderRadius::all(px(10)),
            flex_direction: FlexDirection::Column,
            row_gap: px(6),
            ..node
        },
        Bg(ColorRole::Panel),
        BackgroundColor(Color::NONE),
        Edge(ColorRole::Border),
    )
}

/// A column with a gap.
pub fn column(gap: f32) -> Node {
    Node {
        flex_direction: FlexDirection::Column,
        row_gap: px(gap),
        ..default()
    }
}

/// A wrapping row with a gap.
pub fn row(gap: f32) -> Node {
    Node {
        flex_direction: FlexDirection::Row,
        flex_wrap: FlexWrap::Wrap,
        column_gap: px(gap),
        row_gap: px(gap),
        align_items: AlignItems::Center,
        ..default()
    }
}

/// A column that scrolls vertically (mouse wheel, or keyboard focus moving into view).
pub fn scroll_column(gap: f32) -> Node {
    Node {
        flex_direction: FlexDirection::Column,
        row_gap: px(gap),
        overflow: Overflow::scroll_y(),
        min_height: px(0),
        ..default()
    }
}

/// A horizontal meter: a track and a fill of `fraction` (0–1) in a colour role.
pub fn meter_bar(fraction: f32, fill: ColorRole, height: f32) -> impl Bundle {
    (
        Node {
            width: percent(100),
            height: px(height),
            border_radius: BorderRadius::all(px(height / 2.0)),
            overflow: Overflow::clip(),
            ..default()
        },
        Bg(ColorRole::Track),
        BackgroundColor(Color::NONE),
        children![(
            MeterFill,
            Node {
                width: percent(100.0 * fraction.clamp(0.0, 1.0)),
                height: percent(100),
                ..default()
            },
            Bg(fill),
            BackgroundColor(Color::NONE),
        )],
    )
}

/// The filled part of a [`meter_bar`].
#[derive(Component, Debug, Clone, Copy)]
pub struct MeterFill;

/// A small "▼ more below" sign over the bottom right corner of its parent, for the scroll
/// container `target` inside it (hidden while everything shows).
pub fn more_hint(target: Entity) -> impl Bundle {
    (
        crate::game::input::ScrollHint {
            target,
            items: None,
        },
        text("", TextRole::Small, ColorRole::Text),
        Node {
            position_type: PositionType::Absolute,
            right: px(12),
            bottom: px(6),
            padding: UiRect::axes(px(8), px(2)),
            border_radius: BorderRadius::all(px(6)),
            display: Display::None,
            ..default()
        },
        Bg(ColorRole::PanelAlt),
        BackgroundColor(Color::NONE),
        Pickable::IGNORE,
    )
}

/// A line counting the items of the list `target` that show and saying whether there are
/// more: "Moves 1–5 of 18 · ▼ more below".
pub fn list_count(target: Entity, noun: &'static str) -> impl Bundle {
    (
        crate::game::input::ScrollHint {
            target,
            items: Some(noun),
        },
        text("", TextRole::Small, ColorRole::Muted),
    )
}
