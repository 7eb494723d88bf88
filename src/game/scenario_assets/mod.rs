//! Scenarios as Bevy assets: a loader built on the core's parser, the shipped scenarios
//! embedded in the binary, `--scenarios DIR` (and the checkout's `scenarios/` under
//! `cargo run`) as watched folders, and the [`Library`] the menu shows.
//!
//! The loader never fails on a broken file: it returns the text and every diagnostic, so
//! the menu can show what is wrong. The library keeps each file's last good version
//! playable while a broken save is on disk. A full `check` (the scoring invariant) runs in
//! the background for each good version; a failure is listed with its diagnostic.

use super::GameOptions;
use super::low_power;
use crate::files::scenarios::SHIPPED;
use bevy::asset::io::embedded::EmbeddedAssetRegistry;
use bevy::asset::io::file::FileWatcher;
use bevy::asset::io::{AssetSourceBuilder, AssetSourceEvent};
use bevy::prelude::*;
use rapport_core::scenario::{Scenario, parse};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

mod checks;
mod library;
mod loader;

pub use checks::CheckTasks;
use checks::run_checks;
use library::sync_library;
pub use library::{CheckStatus, Library, LibraryEntry};
pub use loader::{ScenarioAsset, ScenarioLoader};

/// The asset source of `--scenarios DIR`.
pub const EXTRA_SOURCE: &str = "rapport-extra";
/// The asset source of the checkout's `scenarios/` folder (under `cargo run`).
pub const CHECKOUT_SOURCE: &str = "rapport-checkout";
/// Where the shipped scenarios live inside the `embedded` source.
const EMBEDDED_DIR: &str = "rapport/scenarios";

/// File events from the watched folders, for files the asset server does not know yet.
#[derive(Resource, Clone, Default)]
pub struct WatchQueue(pub Arc<Mutex<Vec<(&'static str, AssetSourceEvent)>>>);

/// Registers the watched folders as asset sources; call before `AssetPlugin` is added.
pub fn register_sources(app: &mut App, options: &GameOptions) {
    let queue = WatchQueue::default();
    for (name, dir) in [
        (EXTRA_SOURCE, &options.scenarios_dir),
        (CHECKOUT_SOURCE, &options.checkout_dir),
    ] {
        let Some(dir) = dir else { continue };
        let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.clone());
        let queue = queue.clone();
        let watch_dir = dir.clone();
        let source = AssetSourceBuilder::platform_default(&dir.to_string_lossy(), None)
            .with_watcher(move |sender| {
                // The watcher sends to us; we note new files, pass every event on to the asset
                // server, and wake the sleeping event loop so the reload happens at once.
                let (tx, rx) = async_channel::unbounded::<AssetSourceEvent>();
                let watcher =
                    match FileWatcher::new(watch_dir.clone(), tx, Duration::from_millis(150)) {
                        Ok(w) => w,
                        Err(err) => {
                            warn!("cannot watch {} for changes: {err}", watch_dir.display());
                            return None;
                        }
                    };
                let queue = queue.clone();
                std::thread::Builder::new()
                    .name(format!("{name}-watch"))
                    .spawn(move || {
                        while let Ok(event) = rx.recv_blocking() {
                            if let Ok(mut q) = queue.0.lock() {
                                q.push((name, event.clone()));
                            }
                            if sender.send_blocking(event).is_err() {
                                break;
                            }
                            low_power::wake_for(Duration::from_millis(1500));
                        }
                    })
                    .ok()?;
                Some(Box::new(watcher))
            });
        app.register_asset_source(name, source);
    }
    app.insert_resource(queue);
}

pub(super) fn plugin(app: &mut App) {
    app.init_asset::<ScenarioAsset>();
    app.init_asset_loader::<ScenarioLoader>();
    app.init_resource::<Library>();
    app.init_resource::<WatchQueue>();
    app.init_resource::<CheckTasks>();
    app.add_systems(Startup, load_all);
    app.add_systems(Update, (watch_new_files, sync_library, run_checks).chain());
}

fn shipped_fallback(file_name: &str) -> Option<Arc<Scenario>> {
    SHIPPED
        .iter()
        .find(|(name, _)| *name == file_name)
        .and_then(|(_, text)| parse(text).scenario)
}

/// The scenario files in a folder, each with its file name (the asset path within a source).
fn ron_files(dir: &Path) -> Vec<(PathBuf, String)> {
    crate::files::scenarios::ron_files(dir)
        .unwrap_or_default()
        .into_iter()
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            (p, name)
        })
        .collect()
}

fn new_entry(
    path: String,
    origin: String,
    handle: Handle<ScenarioAsset>,
    extra: bool,
) -> LibraryEntry {
    LibraryEntry {
        path,
        origin,
        handle,
        good: None,
        text: String::new(),
        diagnostics: Vec::new(),
        load_error: None,
        check: CheckStatus::Pending,
        extra,
        version: 0,
        loaded: false,
    }
}

fn load_all(
    mut library: ResMut<Library>,
    server: Res<AssetServer>,
    registry: Option<Res<EmbeddedAssetRegistry>>,
    options: Res<GameOptions>,
) {
    if let Some(dir) = &options.checkout_dir {
        // Under `cargo run`: the checkout's files, watched; the compiled-in copy of each is
        // its last good version until the file on disk parses.
        for (_, name) in ron_files(dir) {
            let path = format!("{CHECKOUT_SOURCE}://{name}");
            let mut entry = new_entry(
                path.clone(),
                format!("scenarios/{name}"),
                server.load(path),
                false,
            );
            entry.good = shipped_fallback(&name);
            library.entries.push(entry);
        }
    } else if let Some(registry) = registry {
        let started = std::time::Instant::now();
        for (name, text) in SHIPPED {
            let asset_path = format!("{EMBEDDED_DIR}/{name}");
            registry.insert_asset(
                PathBuf::from(&asset_path),
                Path::new(&asset_path),
                text.as_bytes(),
            );
            let path = format!("embedded://{asset_path}");
            let mut entry = new_entry(
                path.clone(),
                format!("scenarios/{name}"),
                server.load(path),
                false,
            );
            // The binary's own copies never change: parse them now, so the menu's first
            // frame already lists them (the asset load confirms the same text later).
            let parsed = parse(text);
            entry.good = parsed.scenario;
            entry.diagnostics = parsed.diagnostics;
            entry.text = (*text).to_string();
            entry.loaded = true;
            library.entries.push(entry);
        }
        if std::env::var_os("RAPPORT_BENCH_TRACE").is_some() {
            eprintln!(
                "trace parsed {} shipped scenarios in {:?}",
                SHIPPED.len(),
                started.elapsed()
            );
        }
    }
    if let Some(dir) = &options.scenarios_dir {
        for (file, name) in ron_files(dir) {
            let path = format!("{EXTRA_SOURCE}://{name}");
            library.entries.push(new_entry(
                path.clone(),
                file.display().to_string(),
                server.load(path),
                true,
            ));
        }
    }
    library.revision += 1;
}

/// Files added to (or removed from) a watched folder while the game runs.
fn watch_new_files(
    queue: Res<WatchQueue>,
    mut library: ResMut<Library>,
    server: Res<AssetServer>,
    options: Res<GameOptions>,
) {
    let events: Vec<_> = match queue.0.lock() {
        Ok(mut q) if !q.is_empty() => q.drain(..).collect(),
        _ => return,
    };
    for (source, event) in events {
        let (added, removed) = match event {
            AssetSourceEvent::AddedAsset(p) => (Some(p), None),
            AssetSourceEvent::RenamedAsset { old, new } => (Some(new), Some(old)),
            AssetSourceEvent::RemovedAsset(p) => (None, Some(p)),
            _ => (None, None),
        };
        let dir = if source == EXTRA_SOURCE {
            &options.scenarios_dir
        } else {
            &options.checkout_dir
        };
        if let Some(old) = removed {
            let path = format!("{source}://{}", old.to_string_lossy());
            // A removed file leaves the menu unless it comes straight back (editors that
            // save by renaming a temporary file).
            if dir.as_ref().is_some_and(|d| !d.join(&old).exists()) {
                library.entries.retain(|e| e.path != path);
                library.revision += 1;
            }
        }
        if let Some(new) = added {
            if new.extension().is_none_or(|x| x != "ron") {
                continue;
            }
            let name = new.to_string_lossy().into_owned();
            let path = format!("{source}://{name}");
            if library.by_path(&path).is_some() {
                server.reload(path);
                continue;
            }
            let extra = source == EXTRA_SOURCE;
            let origin = match dir {
                Some(d) if extra => d.join(&new).display().to_string(),
                _ => format!("scenarios/{name}"),
            };
            library
                .entries
                .push(new_entry(path.clone(), origin, server.load(path), extra));
            library.revision += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(path: &str, text: &str, extra: bool) -> LibraryEntry {
        let parsed = parse(text);
        let mut e = new_entry(path.into(), path.into(), Handle::default(), extra);
        e.good = parsed.scenario;
        e.diagnostics = parsed.diagnostics;
        e.loaded = true;
        e
    }

    #[test]
    fn a_folder_scenario_replaces_a_shipped_one_with_the_same_id_and_broken_files_stay_listed() {
        let starter = rapport_core::STARTER_SCENARIO;
        let library = Library {
            entries: vec![
                entry("embedded://a.ron", starter, false),
                entry(
                    "rapport-extra://a.ron",
                    &starter.replace("Starter: the print shop", "Mine"),
                    true,
                ),
                entry("rapport-extra://broken.ron", "Scenario(", true),
            ],
            revision: 1,
        };
        let listed: Vec<&str> = library.listed().iter().map(|e| e.path.as_str()).collect();
        assert_eq!(
            listed,
            vec!["rapport-extra://a.ron", "rapport-extra://broken.ron"]
        );
        assert_eq!(
            library
                .by_id("starter")
                .and_then(|e| e.good.as_ref())
                .map(|s| s.title()),
            Some("Mine")
        );
        let mine = library.by_path("rapport-extra://a.ron").unwrap();
        assert!(
            library.replaces_shipped(mine),
            "the menu marks the trainer's version"
        );
        let broken = library.by_path("rapport-extra://broken.ron").unwrap();
        assert!(!library.replaces_shipped(broken));
        assert!(broken.has_errors());
        assert!(
            broken.problems()[0].starts_with("rapport-extra://broken.ron:1:"),
            "{:?}",
            broken.problems()
        );
    }
}
