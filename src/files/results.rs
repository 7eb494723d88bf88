//! Where results and the call in progress are kept, and writing and reading them: the game
//! and `rapport simulate`/`report` share these functions, so a simulated class is written
//! exactly as a played one.
//!
//! File names never contain the trainee's name (it lives only inside the JSON): a result is
//! `<start time>_<scenario id>_<attempt>.json`, made of safe characters only.

use super::{read_bounded, write_atomic};
use rapport_core::engine::Conversation;
use rapport_workshop::record::{Attempt, Ending, MAX_RESULT_BYTES, ScenarioRef};
use rapport_workshop::{CallResult, SavedCall, Status};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The file of the call in progress, in the results folder.
pub const IN_PROGRESS_FILE: &str = "call-in-progress.json";

/// The platform's data folder for results: `$XDG_DATA_HOME/rapport/results`, else
/// `~/.local/share/rapport/results` (Linux), `%APPDATA%\rapport\results` (Windows),
/// `~/Library/Application Support/rapport/results` (macOS).
pub fn default_dir() -> Option<PathBuf> {
    let var = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let base = if let Some(data) = var("XDG_DATA_HOME") {
        data
    } else if let Some(app_data) = var("APPDATA") {
        app_data
    } else if cfg!(target_os = "macos") {
        var("HOME")?.join("Library").join("Application Support")
    } else {
        var("HOME")?.join(".local").join("share")
    };
    Some(base.join("rapport").join("results"))
}

/// The moment as RFC 3339 in UTC, to the second.
pub fn timestamp(at: SystemTime) -> String {
    let at: time::OffsetDateTime = at.into();
    let format = time::format_description::well_known::Rfc3339;
    at.replace_nanosecond(0)
        .ok()
        .and_then(|t| t.format(&format).ok())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into())
}

/// A new attempt by `trainee` at `scenario`, starting now.
pub fn new_attempt(
    trainee: &str,
    workshop: Option<&str>,
    scenario: &rapport_core::scenario::Scenario,
    seed: u64,
    started: SystemTime,
) -> Attempt {
    Attempt {
        attempt_id: uuid::Uuid::new_v4().to_string(),
        trainee: trainee.to_string(),
        workshop: workshop.map(str::to_string),
        scenario: ScenarioRef::of(scenario),
        seed,
        started_at: timestamp(started),
    }
}

/// The result of a call that ends (or is abandoned) now.
pub fn result_now(
    conversation: &Conversation,
    attempt: Attempt,
    started: SystemTime,
) -> CallResult {
    let now = SystemTime::now();
    let seconds = now
        .duration_since(started)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0);
    CallResult::of(
        conversation,
        attempt,
        Ending {
            ended_at: timestamp(now),
            duration_seconds: (seconds * 10.0).round() / 10.0,
        },
        env!("CARGO_PKG_VERSION"),
    )
}

/// Only ASCII letters, digits, `-` and `_`, at most `max` of them: safe in any file system.
fn safe_part(text: &str, max: usize) -> String {
    let part: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .take(max)
        .collect();
    if part.trim_matches('-').is_empty() {
        "x".into()
    } else {
        part
    }
}

/// The result's file name: its start time, scenario and attempt, never the trainee's name.
pub fn file_name(result: &CallResult) -> String {
    let attempt = &result.attempt;
    format!(
        "{}_{}_{}.json",
        safe_part(&attempt.started_at.replace(':', ""), 24),
        safe_part(&attempt.scenario.id, 40),
        safe_part(&attempt.attempt_id, 36),
    )
}

/// Writes a result atomically into `dir` (created if missing) and returns its path.
pub fn save_result(dir: &Path, result: &CallResult) -> std::io::Result<PathBuf> {
    let path = dir.join(file_name(result));
    write_atomic(&path, result.to_json().as_bytes())?;
    Ok(path)
}

/// Saves the call in progress (after every move), replacing the previous save atomically.
pub fn save_in_progress(dir: &Path, saved: &SavedCall) -> std::io::Result<()> {
    write_atomic(&dir.join(IN_PROGRESS_FILE), saved.to_json().as_bytes())
}

/// The call a killed game left, if any: `Some(Err)` says why it cannot be read.
pub fn load_in_progress(dir: &Path) -> Option<Result<SavedCall, String>> {
    let path = dir.join(IN_PROGRESS_FILE);
    if std::fs::symlink_metadata(&path).is_err() {
        return None;
    }
    Some(
        read_bounded(&path, MAX_RESULT_BYTES as usize)
            .map_err(|e| e.to_string())
            .and_then(|bytes| SavedCall::from_json(&bytes).map_err(|e| e.to_string())),
    )
}

/// Forgets the call in progress (it ended, was abandoned and saved as a result, or declined).
pub fn clear_in_progress(dir: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(dir.join(IN_PROGRESS_FILE)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Moves the call in progress aside (`call-interrupted-<attempt>.json`) when it can neither
/// resume nor be replayed into a result: kept, but no longer offered.
pub fn move_interrupted_aside(dir: &Path, attempt_id: &str) -> std::io::Result<()> {
    let aside = dir.join(format!(
        "call-interrupted-{}.json",
        safe_part(attempt_id, 36)
    ));
    std::fs::rename(dir.join(IN_PROGRESS_FILE), aside)
}

/// Results read from files and folders, with the files that could not be read and why.
#[derive(Debug, Default)]
pub struct LoadedResults {
    pub results: Vec<(PathBuf, CallResult)>,
    pub skipped: Vec<(PathBuf, String)>,
}

/// Folders are searched for `*.json` three levels deep (a facilitator may collect one folder
/// per laptop); calls in progress or set aside (`call-*.json`) are left out, and other files
/// that are not results are skipped, each with the reason.
pub fn load_results(paths: &[PathBuf]) -> LoadedResults {
    let mut loaded = LoadedResults::default();
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            collect_dir(path, 3, &mut files, &mut loaded);
        } else {
            files.push(path.clone());
        }
    }
    // Reading and parsing is most of a report's time: one share of the files per core.
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let shares: Vec<LoadedResults> = std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(files.len().div_ceil(threads).max(1))
            .map(|share| {
                scope.spawn(move || {
                    let mut part = LoadedResults::default();
                    for file in share {
                        load_one(file, &mut part);
                    }
                    part
                })
            })
            .collect();
        handles.into_iter().filter_map(|h| h.join().ok()).collect()
    });
    for share in shares {
        loaded.results.extend(share.results);
        loaded.skipped.extend(share.skipped);
    }
    loaded.results.sort_by(|a, b| a.0.cmp(&b.0));
    loaded
}

fn collect_dir(dir: &Path, depth: u32, files: &mut Vec<PathBuf>, loaded: &mut LoadedResults) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            loaded.skipped.push((dir.to_path_buf(), e.to_string()));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_dir() {
            if depth > 1 && !name.starts_with('.') {
                collect_dir(&path, depth - 1, files, loaded);
            }
        } else if name.ends_with(".json") && !name.starts_with("call-") && !name.starts_with('.') {
            files.push(path);
        }
    }
}

fn load_one(path: &Path, loaded: &mut LoadedResults) {
    match read_bounded(path, MAX_RESULT_BYTES as usize) {
        Ok(bytes) => match CallResult::from_json(&bytes) {
            Ok(result) => loaded.results.push((path.to_path_buf(), result)),
            Err(e) => loaded.skipped.push((path.to_path_buf(), e.to_string())),
        },
        Err(e) => loaded.skipped.push((path.to_path_buf(), e.to_string())),
    }
}

/// How many calls `trainee` finished at `scenario` in `workshop` (in `dir`): the next attempt
/// is one more, and meets the next situation of the workshop.
///
/// Names and codes are matched as the report matches them (case, spaces and Unicode form
/// aside), so a code typed in lower case meets the second situation, not the first again.
pub fn finished_attempts(dir: &Path, trainee: &str, workshop: &str, scenario: &str) -> u32 {
    use rapport_workshop::identity::{canonical_code, name_key};
    let (trainee, workshop) = (name_key(trainee), canonical_code(workshop));
    load_results(&[dir.to_path_buf()])
        .results
        .iter()
        .filter(|(_, r)| {
            r.status == Status::Finished
                && name_key(&r.attempt.trainee) == trainee
                && r.attempt.workshop.as_deref().map(canonical_code) == Some(workshop.clone())
                && r.attempt.scenario.id == scenario
        })
        .count() as u32
}
