//! Hover, press and keyboard focus: buttons change colour on hover and press, and the focused
//! element gets a thick outline in the focus colour (visible focus for keyboard users).

use super::{ColorRole, Theme};
use bevy::input_focus::{InputFocus, InputFocusVisible};
use bevy::picking::hover::Hovered;
use bevy::prelude::*;
use bevy::ui::Pressed;

/// The colours of a button in its three states.
#[derive(Component, Debug, Clone, Copy)]
pub struct ButtonLook {
    pub normal: ColorRole,
    pub hover: ColorRole,
    pub pressed: ColorRole,
}

impl ButtonLook {
    pub const PLAIN: ButtonLook = ButtonLook {
        normal: ColorRole::Button,
        hover: ColorRole::ButtonHover,
        pressed: ColorRole::ButtonPressed,
    };
    pub const PRIMARY: ButtonLook = ButtonLook {
        normal: ColorRole::Primary,
        hover: ColorRole::PrimaryHover,
        pressed: ColorRole::PrimaryHover,
    };
    pub const CARD: ButtonLook = ButtonLook {
        normal: ColorRole::Panel,
        hover: ColorRole::PanelAlt,
        pressed: ColorRole::ButtonPressed,
    };
}

/// Marks an element that shows the focus ring (every focusable widget has it).
#[derive(Component, Debug, Clone, Copy, Default)]
pub struct FocusRing;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        PostUpdate,
        (style_buttons, focus_rings).before(bevy::ui::UiSystems::Prepare),
    );
}

#[allow(clippy::type_complexity)]
fn style_buttons(
    theme: Res<Theme>,
    mut buttons: Query<(
        &ButtonLook,
        Option<&Hovered>,
        Has<Pressed>,
        &mut BackgroundColor,
    )>,
) {
    for (look, hovered, pressed, mut bg) in &mut buttons {
        let role = if pressed {
            look.pressed
        } else if hovered.is_some_and(|h| h.get()) {
            look.hover
        } else {
            look.normal
        };
        let color = theme.palette.get(role);
        if bg.0 != color {
            bg.0 = color;
        }
    }
}

fn focus_rings(
    theme: Res<Theme>,
    focus: Option<Res<InputFocus>>,
    visible: Option<Res<InputFocusVisible>>,
    mut rings: Query<(Entity, &mut Outline), With<FocusRing>>,
) {
    let focused = focus.as_ref().and_then(|f| f.get());
    // A ring is shown for keyboard focus; a mouse click hides it until the keyboard is used.
    let show = visible.is_none_or(|v| v.0);
    for (entity, mut outline) in &mut rings {
        let color = if show && focused == Some(entity) {
            theme.palette.focus
        } else {
            Color::NONE
        };
        if outline.color != color {
            outline.color = color;
        }
    }
}
