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

/// A results folder that exists as something else (`--results` naming a file) is refused
/// in words, not with the system's "File exists".
fn usable_folder(dir: &Path) -> std::io::Result<()> {
    match std::fs::metadata(dir) {
        Ok(meta) if !meta.is_dir() => Err(std::io::Error::other(
            "it is a file, not a folder (the results folder holds one file per call)",
        )),
        _ => Ok(()),
    }
}

/// Writes a result atomically into `dir` (created if missing) and returns its path.
pub fn save_result(dir: &Path, result: &CallResult) -> std::io::Result<PathBuf> {
    usable_folder(dir)?;
    let path = dir.join(file_name(result));
    write_atomic(&path, result.to_json().as_bytes())?;
    Ok(path)
}

/// Saves the call in progress (after every move), replacing the previous save atomically.
pub fn save_in_progress(dir: &Path, saved: &SavedCall) -> std::io::Result<()> {
    usable_folder(dir)?;
    write_atomic(&dir.join(IN_PROGRESS_FILE), saved.to_json().as_bytes())
}

/// The call a killed game left, if any: `Some(Err)` says why it cannot be read. An unreadable
/// file is moved aside (`call-unreadable-<time>.json`, which the report lists) before the
/// next call's save would replace it, and the reason names where it was kept.
pub fn load_in_progress(dir: &Path) -> Option<Result<SavedCall, String>> {
    let path = dir.join(IN_PROGRESS_FILE);
    if std::fs::symlink_metadata(&path).is_err() {
        return None;
    }
    let read = read_bounded(&path, MAX_RESULT_BYTES as usize)
        .map_err(|e| e.to_string())
        .and_then(|bytes| SavedCall::from_json(&bytes).map_err(|e| e.to_string()));
    Some(read.map_err(|why| match keep_unreadable(dir) {
        Ok(kept) => format!("{why}; kept as {kept}"),
        Err(e) => {
            format!("{why}; it could not be moved aside ({e}) and stays as {IN_PROGRESS_FILE}")
        }
    }))
}

/// Renames an unreadable call in progress to a name of its own that nothing overwrites.
fn keep_unreadable(dir: &Path) -> std::io::Result<String> {
    let stamp = safe_part(&timestamp(SystemTime::now()).replace(':', ""), 24);
    let free = (1..1000)
        .map(|n| match n {
            1 => format!("call-unreadable-{stamp}.json"),
            n => format!("call-unreadable-{stamp}-{n}.json"),
        })
        .find(|name| std::fs::symlink_metadata(dir.join(name)).is_err())
        .ok_or_else(|| std::io::Error::other("no free name"))?;
    std::fs::rename(dir.join(IN_PROGRESS_FILE), dir.join(&free))?;
    Ok(free)
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

/// Results read from files and folders, with every file that was not read and why.
#[derive(Debug, Default)]
pub struct LoadedResults {
    pub results: Vec<(PathBuf, CallResult)>,
    /// Files that should have been results and could not be read (damaged, unreadable).
    pub skipped: Vec<(PathBuf, String)>,
    /// Files that are not results by their name: calls in progress or set aside, other files.
    pub not_results: Vec<(PathBuf, String)>,
}

/// Why a file found in a results folder is not read as a result, from its name alone; `None`
/// for a `.json` file to read. Names are compared as bytes: a name that is not UTF-8 is
/// still a result (or named as something else), never passed over unseen.
fn not_a_result_by_name(name: &[u8]) -> Option<&'static str> {
    let starts = |prefix: &[u8]| name.starts_with(prefix);
    if name == IN_PROGRESS_FILE.as_bytes() {
        Some("a call in progress: not finished; the game offers to resume it on this laptop")
    } else if starts(b"call-interrupted-") {
        Some(
            "a call set aside because its scenario was edited: it no longer replays, so it \
             cannot be scored",
        )
    } else if starts(b"call-unreadable-") {
        Some("a call in progress the game could not read and kept aside")
    } else if starts(b".rapport-") {
        Some("a write that never finished (a temporary file left by a crash)")
    } else if starts(b".") {
        Some("a hidden file")
    } else if !name.ends_with(b".json") {
        Some("not a .json file")
    } else {
        None
    }
}

/// Folders are searched at any depth (a facilitator may collect one folder per laptop, as
/// deep as the copying made them, hidden ones included), following linked folders and
/// stopping at a loop. Every file that is not read is listed with the reason: calls in
/// progress or set aside, other files, and results that cannot be read.
pub fn load_results(paths: &[PathBuf]) -> LoadedResults {
    let mut loaded = LoadedResults::default();
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            collect_dir(path, &mut files, &mut loaded);
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
    loaded.skipped.sort_by(|a, b| a.0.cmp(&b.0));
    loaded.not_results.sort_by(|a, b| a.0.cmp(&b.0));
    loaded
}

fn collect_dir(dir: &Path, files: &mut Vec<PathBuf>, loaded: &mut LoadedResults) {
    let mut walk = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walk.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_path_buf();
                let why = match e.loop_ancestor() {
                    Some(ancestor) => format!(
                        "a link back to {}, a folder already searched",
                        super::shown(ancestor)
                    ),
                    None => e
                        .io_error()
                        .map_or_else(|| e.to_string(), |io| io.to_string()),
                };
                loaded.skipped.push((path, why));
                continue;
            }
        };
        let name = entry.file_name().as_encoded_bytes();
        // Hidden folders are searched too: a copied home folder keeps results in `.local`.
        if entry.file_type().is_dir() {
            // Statements waiting for the learning record store: named once, not per file.
            if name == rapport_lrs::outbox::FOLDER.as_bytes() {
                loaded.not_results.push((
                    entry.path().to_path_buf(),
                    "the LRS outbox: statements waiting to be sent, not results".into(),
                ));
                walk.skip_current_dir();
            }
            continue;
        }
        match not_a_result_by_name(name) {
            Some(why) => loaded
                .skipped
                .push((entry.path().to_path_buf(), why.into())),
            None => files.push(entry.into_path()),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unreadable_call_in_progress_is_kept_aside_and_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let damaged = b"{\"kind\": \"rapport-call-in-progress\", \"format\": 1, \"moves\": 7";
        std::fs::write(dir.path().join(IN_PROGRESS_FILE), damaged).unwrap();
        let why = load_in_progress(dir.path()).unwrap().unwrap_err();
        let kept = why
            .split("kept as ")
            .nth(1)
            .unwrap_or_else(|| panic!("{why}"));
        assert!(kept.starts_with("call-unreadable-"), "{why}");
        assert_eq!(std::fs::read(dir.path().join(kept)).unwrap(), damaged);
        assert!(
            load_in_progress(dir.path()).is_none(),
            "nothing left to offer"
        );
        // A second unreadable file in the same second gets a name of its own.
        std::fs::write(dir.path().join(IN_PROGRESS_FILE), b"not json").unwrap();
        let why = load_in_progress(dir.path()).unwrap().unwrap_err();
        assert!(why.contains("kept as call-unreadable-"), "{why}");
        let kept: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(kept.len(), 2);
    }
}
