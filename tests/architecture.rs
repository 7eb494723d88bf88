//! The shape the code promises (ARCHITECTURE.md), checked from the sources: the core knows no
//! Bevy, no two of its top modules import each other, and in the binary the command line
//! starts the game, the game never reaches into the command line, the home for files
//! depends on neither, and the call owner reaches into neither the screens nor the workshop.

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
