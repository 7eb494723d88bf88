//! The shape the code promises (ARCHITECTURE.md), checked from the sources: the core knows no
//! Bevy, no two of its top modules import each other, and in the binary the command line
//! starts the game, the game never reaches into the command line, the home for files
//! depends on neither, and the call owner reaches into neither the screens nor the workshop.
//! In every crate, no source file is over 600 lines and no two sibling files import each other.

use std::collections::BTreeMap;
use std::path::Path;

/// The text of every `.rs` file under `dir`, by path.
fn sources(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&p).expect("readable source");
                out.insert(p.display().to_string(), text);
            }
        }
    }
    out
}

/// Which top modules (among `modules`) each top module names through `crate::`.
fn uses(root: &Path, modules: &[&str]) -> BTreeMap<String, Vec<String>> {
    let mut graph = BTreeMap::new();
    for m in modules {
        let mut used = Vec::new();
        let dir = root.join(m);
        let mut files = sources(&dir);
        if let Ok(text) = std::fs::read_to_string(root.join(format!("{m}.rs"))) {
            files.insert(m.to_string(), text);
        }
        for text in files.values() {
            for other in modules.iter().filter(|o| *o != m) {
                if text.contains(&format!("crate::{other}::"))
                    || text.contains(&format!("crate::{other};"))
                    || text.contains(&format!("crate::{other}}}"))
                {
                    used.push(other.to_string());
                }
            }
        }
        used.sort();
        used.dedup();
        graph.insert(m.to_string(), used);
    }
    graph
}

fn assert_no_two_way_imports(graph: &BTreeMap<String, Vec<String>>) {
    for (a, used) in graph {
        for b in used {
            assert!(
                !graph[b].contains(a),
                "{a} and {b} import each other: {graph:#?}"
            );
        }
    }
}

#[test]
fn the_core_has_no_bevy_and_its_modules_import_in_one_direction() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/rapport-core/src");
    for (path, text) in sources(&root) {
        assert!(!text.contains("bevy"), "{path} mentions Bevy");
    }
    let manifest = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/rapport-core/Cargo.toml"),
    )
    .expect("the core's manifest");
    assert!(!manifest.contains("bevy"));
    let graph = uses(
        &root,
        &[
            "scenario", "engine", "scoring", "players", "check", "report",
        ],
    );
    assert_no_two_way_imports(&graph);
}

#[test]
fn the_command_line_starts_the_game_and_neither_is_imported_by_the_files_home() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = uses(&root, &["cli", "game", "files"]);
    assert!(graph["game"].iter().all(|m| m != "cli"), "{graph:#?}");
    assert!(graph["files"].is_empty(), "{graph:#?}");
    assert_no_two_way_imports(&graph);
    let game = root.join("game");
    // Inside the game, names are reached through `crate::game::…` or `super::…`.
    let game_sources = sources(&game);
    let mentions = |file_prefix: &str, module: &str| {
        game_sources.iter().any(|(path, text)| {
            path.contains(file_prefix)
                && (text.contains(&format!("crate::game::{module}"))
                    || text.contains(&format!("super::{module}")))
        })
    };
    for (a, b) in [
        ("session", "screens"),
        ("session", "workshop"),
        ("low_power", "screens"),
        ("scenario_assets", "screens"),
        ("theme", "screens"),
    ] {
        assert!(!mentions(&format!("game/{a}"), b), "{a} reaches into {b}");
    }
}

/// Every crate's source root in the workspace: the binary's and each member crate's.
fn crate_roots() -> Vec<std::path::PathBuf> {
    let top = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut roots = vec![top.join("src")];
    if let Ok(entries) = std::fs::read_dir(top.join("crates")) {
        for e in entries.flatten() {
            roots.push(e.path().join("src"));
        }
    }
    roots
}

/// A source file's module path inside its crate: `game/session.rs` is `[game, session]`,
/// `game/workshop/mod.rs` is `[game, workshop]`, `lib.rs` and `main.rs` are `[]`.
fn module_path(root: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(root).expect("under the root");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// The module paths a file names through `super::` or `crate::` (grouped imports included):
/// each as the full chain of names, resolved against the file's own module path.
fn named_paths(module: &[String], text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut i = 0;
    while i < bytes.len() {
        let starts =
            |w: &str| bytes[i..].starts_with(w.as_bytes()) && (i == 0 || !ident(bytes[i - 1]));
        let (mut base, mut j) = if starts("crate::") {
            (Vec::new(), i + "crate::".len())
        } else if starts("super::") {
            (
                module[..module.len().saturating_sub(1)].to_vec(),
                i + "super::".len(),
            )
        } else {
            i += 1;
            continue;
        };
        while bytes[j..].starts_with(b"super::") {
            base.pop();
            j += "super::".len();
        }
        // A chain of names, then perhaps a `{…}` group of first names.
        loop {
            let start = j;
            while j < bytes.len() && ident(bytes[j]) {
                j += 1;
            }
            if j > start {
                base.push(text[start..j].to_string());
            }
            if bytes[j..].starts_with(b"::{") {
                let end = text[j..].find('}').map_or(bytes.len(), |e| j + e);
                for name in text[j + 3..end].split(',') {
                    let first = name.trim().split("::").next().unwrap_or("").trim();
                    if !first.is_empty() {
                        let mut p = base.clone();
                        p.push(first.to_string());
                        out.push(p);
                    }
                }
                break;
            }
            if bytes[j..].starts_with(b"::") {
                j += 2;
                continue;
            }
            out.push(base.clone());
            break;
        }
        i = j.max(i + 1);
    }
    out
}

#[test]
fn no_source_file_is_over_600_lines() {
    let top = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = crate_roots();
    dirs.push(top.join("tests"));
    if let Ok(entries) = std::fs::read_dir(top.join("crates")) {
        for e in entries.flatten() {
            dirs.push(e.path().join("tests"));
            dirs.push(e.path().join("examples"));
            dirs.push(e.path().join("benches"));
        }
    }
    let mut long = Vec::new();
    for dir in dirs {
        for (path, text) in sources(&dir) {
            let lines = text.lines().count();
            if lines > 600 {
                long.push(format!("{path}: {lines} lines"));
            }
        }
    }
    assert!(
        long.is_empty(),
        "files over 600 lines:\n{}",
        long.join("\n")
    );
}

#[test]
fn no_two_sibling_files_import_each_other() {
    let mut cycles = Vec::new();
    for root in crate_roots() {
        let files = sources(&root);
        let modules: BTreeMap<Vec<String>, String> = files
            .keys()
            .map(|p| (module_path(&root, Path::new(p)), p.clone()))
            .collect();
        // Sibling edges: a file naming a module (or an item in it) beside it.
        let mut edges = std::collections::BTreeSet::new();
        for (path, text) in &files {
            let me = module_path(&root, Path::new(path));
            let Some(parent) = me.len().checked_sub(1).map(|n| &me[..n]) else {
                continue;
            };
            for named in named_paths(&me, text) {
                let target = (1..=named.len())
                    .rev()
                    .map(|n| named[..n].to_vec())
                    .find(|p| modules.contains_key(p));
                if let Some(t) = target
                    && t.len() == me.len()
                    && t[..t.len() - 1] == *parent
                    && t != me
                {
                    edges.insert((me.clone(), t));
                }
            }
        }
        for (a, b) in &edges {
            if a < b && edges.contains(&(b.clone(), a.clone())) {
                cycles.push(format!("{} <-> {}", modules[a], modules[b]));
            }
        }
    }
    assert!(
        cycles.is_empty(),
        "files that import each other:\n{}",
        cycles.join("\n")
    );
}
