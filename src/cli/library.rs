//! Where scenarios come from: the ones shipped inside the binary, plus any `--scenarios DIR`.

use rapport_core::scenario::{Parsed, parse};
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

pub fn load_file(path: &Path) -> std::io::Result<Entry> {
    let text = std::fs::read_to_string(path)?;
    Ok(Entry::new(path.display().to_string(), text))
}

/// Shipped scenarios plus those in `extra`; a scenario in `extra` replaces a shipped one
/// with the same id.
pub fn all(extra: Option<&Path>) -> Vec<Entry> {
    let mut entries = shipped();
    if let Some(dir) = extra {
        for file in ron_files(dir).unwrap_or_default() {
            match load_file(&file) {
                Ok(entry) => {
                    if let Some(id) = entry.id() {
                        entries.retain(|e| e.id() != Some(id));
                    }
                    entries.push(entry);
                }
                Err(err) => eprintln!("{}: cannot read: {err}", file.display()),
            }
        }
    }
    entries
}

/// Finds a scenario by id (`default` for the default one) or by path.
pub fn find(name: &str, extra: Option<&Path>) -> Result<Entry, String> {
    let path = Path::new(name);
    if name.ends_with(".ron") || path.is_file() {
        return load_file(path).map_err(|e| format!("{name}: cannot read: {e}"));
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
            format!("no scenario with id \"{id}\"; known: {}", known.join(", "))
        })
}
