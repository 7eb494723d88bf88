//! The library the menu shows: every scenario file with its last good version and its
//! diagnostics, kept in step with the asset server.

use crate::game::low_power;
use bevy::asset::LoadState;
use bevy::prelude::*;
use rapport_core::scenario::diagnostic::{SHOWN_PER_FILE, not_shown};
use rapport_core::scenario::{Diagnostic, Scenario};
use std::sync::Arc;
use std::time::Duration;

use super::ScenarioAsset;

/// The result of the background `check` of one version of a scenario.
#[derive(Debug, Clone, PartialEq)]
pub enum CheckStatus {
    /// Not run yet (it starts once the menu is on screen).
    Pending,
    Running,
    /// The invariant holds; the smallest margin between honest and manipulative best plays.
    Passed {
        margin: Option<f64>,
    },
    /// `check` found errors beyond parsing (the scoring invariant, an unreachable ending).
    Failed {
        diagnostics: Vec<Diagnostic>,
    },
}

/// One scenario file in the menu.
#[derive(Debug)]
pub struct LibraryEntry {
    /// The asset path, e.g. `rapport-extra://my-call.ron`.
    pub path: String,
    /// What a trainer recognises: `scenarios/print-shop.ron` or the file's path.
    pub origin: String,
    pub handle: Handle<ScenarioAsset>,
    /// The last version that parsed without errors: what "Play" starts.
    pub good: Option<Arc<Scenario>>,
    /// The current text on disk, for rendering diagnostics.
    pub text: String,
    /// Diagnostics of the current text (errors mean `good` is an older version, or none).
    pub diagnostics: Vec<Diagnostic>,
    /// A load failure that is not about the scenario's content (unreadable file).
    pub load_error: Option<String>,
    pub check: CheckStatus,
    /// From `--scenarios DIR`: overrides a shipped scenario with the same id.
    pub extra: bool,
    /// Bumped on every reload, so views can tell a new version.
    pub version: u32,
    pub loaded: bool,
}

impl LibraryEntry {
    pub fn id(&self) -> Option<&str> {
        self.good.as_ref().map(|s| s.id())
    }

    pub fn has_errors(&self) -> bool {
        self.load_error.is_some()
            || self.diagnostics.iter().any(Diagnostic::is_error)
            || matches!(self.check, CheckStatus::Failed { .. })
    }

    /// How many problems the file has, shown or not.
    pub fn problem_count(&self) -> usize {
        let check = match &self.check {
            CheckStatus::Failed { diagnostics } => diagnostics.len(),
            _ => 0,
        };
        usize::from(self.load_error.is_some()) + self.diagnostics.len() + check
    }

    /// Every problem shown, one block per diagnostic: `file:line:col: error[E..]: message` and
    /// help; past the first few dozen, one line counts the rest.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(err) = &self.load_error {
            out.push(format!("{}: cannot read: {err}", self.origin));
        }
        let check = match &self.check {
            CheckStatus::Failed { diagnostics } => diagnostics.as_slice(),
            _ => &[],
        };
        for d in self.diagnostics.iter().chain(check).take(SHOWN_PER_FILE) {
            let mut block = d.short(&self.origin);
            if !d.help.is_empty() {
                block.push_str(&format!("\n  help: {}", d.help));
            }
            out.push(block);
        }
        out.extend(not_shown(self.diagnostics.iter().chain(check)));
        out
    }
}

/// Every scenario file the game knows, with its state.
#[derive(Resource, Debug, Default)]
pub struct Library {
    pub entries: Vec<LibraryEntry>,
    /// Bumped whenever any entry changes, so the menu and briefing can redraw.
    pub revision: u64,
}

impl Library {
    /// The entries the menu lists, in order: shipped first, then `--scenarios DIR`; a
    /// scenario from the folder replaces a shipped one with the same id.
    pub fn listed(&self) -> Vec<&LibraryEntry> {
        crate::files::scenarios::listed(&self.entries, LibraryEntry::id, |e| e.extra)
    }

    /// Whether a folder scenario stands in for a shipped one with its id (a trainer's version).
    pub fn replaces_shipped(&self, entry: &LibraryEntry) -> bool {
        entry.extra
            && entry.id().is_some_and(|id| {
                self.entries
                    .iter()
                    .any(|other| !other.extra && other.id() == Some(id))
            })
    }

    pub fn by_path(&self, path: &str) -> Option<&LibraryEntry> {
        self.entries.iter().find(|e| e.path == path)
    }

    /// The listed entry with this scenario id.
    pub fn by_id(&self, id: &str) -> Option<&LibraryEntry> {
        self.listed().into_iter().find(|e| e.id() == Some(id))
    }

    /// True once every file has been loaded at least once.
    pub fn ready(&self) -> bool {
        self.entries.iter().all(|e| e.loaded)
    }
}

/// Copies each newly loaded version into the library: a good version replaces the playable
/// one; a broken one only shows its diagnostics.
pub(super) fn sync_library(
    mut events: MessageReader<AssetEvent<ScenarioAsset>>,
    assets: Res<Assets<ScenarioAsset>>,
    server: Res<AssetServer>,
    mut library: ResMut<Library>,
) {
    let mut changed = false;
    for event in events.read() {
        let (AssetEvent::Added { id } | AssetEvent::Modified { id }) = event else {
            continue;
        };
        let Some(asset) = assets.get(*id) else {
            continue;
        };
        let Some(entry) = library.entries.iter_mut().find(|e| e.handle.id() == *id) else {
            continue;
        };
        if entry.loaded && entry.text == asset.text {
            continue;
        }
        entry.text = asset.text.clone();
        entry.diagnostics = asset.parsed.diagnostics.clone();
        entry.load_error = None;
        if let Some(scenario) = &asset.parsed.scenario {
            entry.good = Some(scenario.clone());
            entry.check = CheckStatus::Pending;
        }
        entry.version += 1;
        entry.loaded = true;
        changed = true;
        info!(
            "scenario {} loaded (version {})",
            entry.origin, entry.version
        );
    }
    for entry in library.entries.iter_mut().filter(|e| !e.loaded) {
        if let LoadState::Failed(err) = server.load_state(&entry.handle) {
            entry.load_error = Some(err.to_string());
            entry.loaded = true;
            changed = true;
        }
    }
    if changed {
        library.revision += 1;
        low_power::wake_for(Duration::from_millis(300));
    }
}
