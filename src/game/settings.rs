//! The trainee's settings: text size (80–200 %), high contrast, coach mode. They are kept in
//! a small file in the user's configuration folder, so a trainee who needs large text sets
//! it once on a classroom laptop.

use super::GameOptions;
use super::theme::{Palette, Theme};
use bevy::prelude::*;

pub use crate::files::settings::{Settings, TEXT_MAX, TEXT_MIN, TEXT_STEP};

/// Startup systems that need the trainee's settings run after this set.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub struct SettingsLoaded;

/// The settings as last read or written, so only a real change touches the file.
#[derive(Resource, Debug, Default)]
struct Remembered(Option<Settings>);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Settings>();
    app.init_resource::<Remembered>();
    app.add_systems(Startup, from_options.in_set(SettingsLoaded));
    app.add_systems(
        PreUpdate,
        apply_to_theme.run_if(resource_changed::<Settings>),
    );
    app.add_systems(Last, remember.run_if(resource_changed::<Settings>));
}

fn from_options(
    options: Res<GameOptions>,
    mut settings: ResMut<Settings>,
    mut remembered: ResMut<Remembered>,
) {
    if let Some(path) = &options.settings_file {
        *settings = crate::files::settings::load(path);
    }
    if let Some(p) = options.text_size {
        settings.text_percent = p.clamp(TEXT_MIN, TEXT_MAX);
    }
    if options.high_contrast {
        settings.high_contrast = true;
    }
    if options.projector {
        settings.projector = true;
    }
    if options.assessment {
        settings.assessment = true;
    }
    // Options given on the command line hold for this run; they are saved only along with
    // a change made in the game.
    remembered.0 = Some(settings.clone());
}

fn remember(
    options: Res<GameOptions>,
    settings: Res<Settings>,
    mut remembered: ResMut<Remembered>,
) {
    let Some(path) = &options.settings_file else {
        return;
    };
    if remembered.0.as_ref() == Some(&*settings) {
        return;
    }
    match crate::files::settings::save(path, &settings) {
        Ok(()) => remembered.0 = Some(settings.clone()),
        Err(err) => warn!("cannot save the settings to {}: {err}", path.display()),
    }
}

fn apply_to_theme(settings: Res<Settings>, mut theme: ResMut<Theme>) {
    theme.text_scale = settings.effective_text_percent() as f32 / 100.0;
    theme.high_contrast = settings.effective_high_contrast();
    theme.palette = if theme.high_contrast {
        Palette::high_contrast()
    } else {
        Palette::calm()
    };
}
