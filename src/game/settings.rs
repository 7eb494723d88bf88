//! The trainee's settings: text size (80–200 %), high contrast, coach mode. They are kept in
//! a small file in the user's configuration folder, so a trainee who needs large text sets
//! it once on a classroom laptop.

use super::GameOptions;
use super::theme::{Palette, Theme};
use bevy::prelude::*;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Resource, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
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

/// Where the settings are kept (`$XDG_CONFIG_HOME/rapport/settings.ron`, else
/// `~/.config/rapport/settings.ron`; `%APPDATA%\rapport\settings.ron` on Windows).
pub fn default_file() -> Option<PathBuf> {
    let var = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let base = var("XDG_CONFIG_HOME")
        .or_else(|| var("APPDATA"))
        .or_else(|| var("HOME").map(|home| home.join(".config")))?;
    Some(base.join("rapport").join("settings.ron"))
}

/// Reads saved settings; a missing file gives the defaults, an unreadable one a warning and
/// the defaults (a settings file must never stop the game).
pub fn load(path: &Path) -> Settings {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Settings::default();
    };
    match ron::from_str::<Settings>(&text) {
        Ok(mut settings) => {
            settings.text_percent = settings.text_percent.clamp(TEXT_MIN, TEXT_MAX);
            settings
        }
        Err(err) => {
            warn!("ignoring {}: {err}", path.display());
            Settings::default()
        }
    }
}

/// Writes the settings, creating the folder if needed.
pub fn save(path: &Path, settings: &Settings) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let text = ron::ser::to_string_pretty(settings, ron::ser::PrettyConfig::default())
        .map_err(std::io::Error::other)?;
    std::fs::write(
        path,
        format!("// Rapport's settings, written by the game.\n{text}\n"),
    )
}

/// The settings as last read or written, so only a real change touches the file.
#[derive(Resource, Debug, Default)]
struct Remembered(Option<Settings>);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Settings>();
    app.init_resource::<Remembered>();
    app.add_systems(Startup, from_options);
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
        *settings = load(path);
    }
    if let Some(p) = options.text_size {
        settings.text_percent = p.clamp(TEXT_MIN, TEXT_MAX);
    }
    if options.high_contrast {
        settings.high_contrast = true;
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
    match save(path, &settings) {
        Ok(()) => remembered.0 = Some(settings.clone()),
        Err(err) => warn!("cannot save the settings to {}: {err}", path.display()),
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
