//! The trainee's settings: text size (80–200 %), high contrast, coach mode.

use super::GameOptions;
use super::theme::{Palette, Theme};
use bevy::prelude::*;

#[derive(Resource, Debug, Clone, PartialEq)]
pub struct Settings {
    /// Text size in percent, 80–200.
    pub text_percent: u32,
    pub high_contrast: bool,
    /// Shows a one-line principle after each move.
    pub coach: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            text_percent: 100,
            high_contrast: false,
            coach: true,
        }
    }
}

pub const TEXT_MIN: u32 = 80;
pub const TEXT_MAX: u32 = 200;
pub const TEXT_STEP: u32 = 10;

impl Settings {
    pub fn bigger(&mut self) {
        self.text_percent = (self.text_percent + TEXT_STEP).min(TEXT_MAX);
    }

    pub fn smaller(&mut self) {
        self.text_percent = self.text_percent.saturating_sub(TEXT_STEP).max(TEXT_MIN);
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Settings>();
    app.add_systems(Startup, from_options);
    app.add_systems(
        PreUpdate,
        apply_to_theme.run_if(resource_changed::<Settings>),
    );
}

fn from_options(options: Res<GameOptions>, mut settings: ResMut<Settings>) {
    if let Some(p) = options.text_size {
        settings.text_percent = p.clamp(TEXT_MIN, TEXT_MAX);
    }
    if options.high_contrast {
        settings.high_contrast = true;
    }
}

fn apply_to_theme(settings: Res<Settings>, mut theme: ResMut<Theme>) {
    theme.text_scale = settings.text_percent as f32 / 100.0;
    theme.high_contrast = settings.high_contrast;
    theme.palette = if settings.high_contrast {
        Palette::high_contrast()
    } else {
        Palette::calm()
    };
}
