//! The trainee's settings file: where it is kept, reading it (a missing or broken file gives
//! the defaults) and writing it.

use bevy::log::warn;
use bevy::prelude::Resource;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The trainee's settings: text size (80–200 %), high contrast, coach mode, projector and
/// assessment modes, the trainee's name and the workshop code.
#[derive(Resource, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Text size in percent, 80–200.
    pub text_percent: u32,
    pub high_contrast: bool,
    /// Shows a one-line principle after each move.
    pub coach: bool,
    /// Large text, high contrast and large targets, for a screen the room reads together.
    pub projector: bool,
    /// No coach lines and no score until the debrief: for a graded attempt.
    pub assessment: bool,
    /// The trainee's name or nickname, written into each result.
    pub trainee: String,
    /// The workshop code the trainee entered (empty: no workshop).
    pub workshop: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            text_percent: 100,
            high_contrast: false,
            coach: true,
            projector: false,
            assessment: false,
            trainee: String::new(),
            workshop: String::new(),
        }
    }
}

pub const TEXT_MIN: u32 = 80;
pub const TEXT_MAX: u32 = 200;
pub const TEXT_STEP: u32 = 10;

impl Settings {
    /// Whether the coach's line shows after each move: coach mode, and never in assessment.
    pub fn coach_lines(&self) -> bool {
        self.coach && !self.assessment
    }

    /// The text size in use: projector mode makes it at least 150 %.
    pub fn effective_text_percent(&self) -> u32 {
        if self.projector {
            self.text_percent.max(150)
        } else {
            self.text_percent
        }
    }

    /// High contrast in use: asked for, or in projector mode.
    pub fn effective_high_contrast(&self) -> bool {
        self.high_contrast || self.projector
    }

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
    if !path.exists() {
        return Settings::default();
    }
    let text = match super::read_bounded(path, 64 * 1024) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text.trim_start_matches('\u{feff}').to_string(),
            Err(_) => {
                warn!("ignoring {}: not UTF-8 text", path.display());
                return Settings::default();
            }
        },
        Err(err) => {
            warn!("ignoring {}: {err}", path.display());
            return Settings::default();
        }
    };
    match ron::from_str::<Settings>(&text) {
        Ok(mut settings) => {
            settings.text_percent = settings.text_percent.clamp(TEXT_MIN, TEXT_MAX);
            settings.trainee = clean_name(&settings.trainee);
            settings.workshop = clean_name(&settings.workshop);
            settings
        }
        Err(err) => {
            warn!("ignoring {}: {err}", path.display());
            Settings::default()
        }
    }
}

/// Writes the settings atomically, creating the folder if needed (a link at the settings
/// path is replaced by the file, never followed).
pub fn save(path: &Path, settings: &Settings) -> std::io::Result<()> {
    let text = ron::ser::to_string_pretty(settings, ron::ser::PrettyConfig::default())
        .map_err(std::io::Error::other)?;
    super::write_atomic(
        path,
        format!("// Rapport's settings, written by the game.\n{text}\n").as_bytes(),
    )
}

pub use rapport_workshop::identity::NAME_MAX;

/// A name or code as kept in Settings: the one cleaning every name gets
/// ([`rapport_workshop::identity::cleaned_name`]); a blank one is kept as no name at all.
pub fn clean_name(name: &str) -> String {
    rapport_workshop::identity::cleaned_name(name).unwrap_or_default()
}
