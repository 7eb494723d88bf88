//! Where scenarios come from: the ones shipped inside the binary, plus any `--scenarios DIR`,
//! where a folder scenario replaces a shipped one with the same id.

use rapport_core::scenario::decode::MAX_SCENARIO_BYTES;
use rapport_core::scenario::{Parsed, parse, parse_bytes};
use rapport_core::visible::{ECHO_LIMIT, echoed};
use std::path::{Path, PathBuf};

include!(concat!(env!("OUT_DIR"), "/shipped.rs"));

/// The scenario `rapport` and `rapport simulate default` open.
pub const DEFAULT_SCENARIO: &str = "corner-cafe";

/// One scenario file: where it came from, its text, and what parsing it found.
#[derive(Debug, Clone)]
pub struct Entry {
    /// `shipped/<file>` for embedded scenarios, else the path.
    pub origin: String,
    pub text: String,
    pub parsed: Parsed,
}

impl Entry {
    pub fn new(origin: String, text: String) -> Entry {
        let parsed = parse(&text);
        Entry {
            origin,
            text,
            parsed,
        }
    }

    pub fn id(&self) -> Option<&str> {
        self.parsed.scenario.as_ref().map(|s| s.id())
    }
}

pub fn shipped() -> Vec<Entry> {
    SHIPPED
        .iter()
        .map(|(name, text)| Entry::new(format!("scenarios/{name}"), (*text).to_string()))
        .collect()
}

/// The `.ron` files in a folder, sorted, or the file itself.
pub fn ron_files(path: &Path) -> std::io::Result<Vec<PathBuf>> {
    if path.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "ron"))
            .collect();
        files.sort();
        Ok(files)
    } else {
        Ok(vec![path.to_path_buf()])
    }
}

/// Reads a scenario file through [`super::read_bounded`] and the core's shared decoding; a
/// file that is not UTF-8 is an entry whose diagnostic says where.
pub fn load_file(path: &Path) -> std::io::Result<Entry> {
    let bytes = super::read_bounded(path, MAX_SCENARIO_BYTES)?;
    let (text, parsed) = parse_bytes(&bytes);
    Ok(Entry {
        origin: super::shown(path),
        text,
        parsed,
    })
}

/// The override rule, the one place it is written: of `entries` (shipped ones and folder
/// ones), those listed, in order; a folder scenario with a shipped one's id takes its place
/// in the list (a trainer's version of a shipped scenario stays where trainees look for it).
pub fn listed<T>(
    entries: &[T],
    id: impl Fn(&T) -> Option<&str>,
    from_folder: impl Fn(&T) -> bool,
) -> Vec<&T> {
    let replacement = |shipped: &T| {
        id(shipped).and_then(|mine| {
            entries
                .iter()
                .find(|other| from_folder(other) && id(other) == Some(mine))
        })
    };
    let replaces_shipped = |folder: &T| {
        id(folder).is_some_and(|mine| {
            entries
                .iter()
                .any(|other| !from_folder(other) && id(other) == Some(mine))
        })
    };
    entries
        .iter()
        .filter_map(|e| {
            if from_folder(e) {
                (!replaces_shipped(e)).then_some(e)
            } else {
                Some(replacement(e).unwrap_or(e))
            }
        })
        .collect()
}

/// Shipped scenarios plus those in `extra`; a scenario in `extra` replaces a shipped one
/// with the same id.
pub fn all(extra: Option<&Path>) -> Vec<Entry> {
    let mut entries: Vec<(Entry, bool)> = shipped().into_iter().map(|e| (e, false)).collect();
    if let Some(dir) = extra {
        for file in ron_files(dir).unwrap_or_default() {
            match load_file(&file) {
                Ok(entry) => entries.push((entry, true)),
                Err(err) => eprintln!("{}: cannot read: {err}", super::shown(&file)),
            }
        }
    }
    listed(&entries, |(e, _)| e.id(), |(_, folder)| *folder)
        .into_iter()
        .map(|(e, _)| e.clone())
        .collect()
}

/// Finds a scenario by id (`default` for the default one) or by path.
pub fn find(name: &str, extra: Option<&Path>) -> Result<Entry, String> {
    let path = Path::new(name);
    if name.ends_with(".ron") || path.is_file() {
        return load_file(path).map_err(|e| format!("{}: cannot read: {e}", super::shown(path)));
    }
    let id = if name == "default" {
        DEFAULT_SCENARIO
    } else {
        name
    };
    let entries = all(extra);
    entries
        .iter()
        .find(|e| e.id() == Some(id))
        .cloned()
        .ok_or_else(|| {
            let known: Vec<&str> = entries.iter().filter_map(Entry::id).collect();
            format!(
                "no scenario with id \"{}\"; known: {}",
                echoed(id, ECHO_LIMIT),
                known.join(", ")
            )
        })
}

#[cfg(test)]
mod tests {
    use super::listed;

    #[test]
    fn a_folder_scenario_takes_the_place_of_the_shipped_one_with_its_id() {
        // (id, from the folder)
        let entries = [
            (Some("cafe"), false),
            (Some("clinic"), false),
            (None, true),
            (Some("clinic"), true),
        ];
        let shown = listed(&entries, |e| e.0, |e| e.1);
        assert_eq!(
            shown,
            vec![
                &(Some("cafe"), false),
                &(Some("clinic"), true),
                &(None, true)
            ]
        );
    }
}
