//! What the core's test binaries share: the shipped scenario files.

use rapport_core::scenario::Scenario;
use std::sync::Arc;

/// Every shipped scenario file, sorted by path: (path, text).
pub fn shipped() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../scenarios");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("scenarios/ exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).expect("readable"),
            )
        })
        .collect()
}

/// Every shipped scenario, parsed: (path, scenario).
#[allow(dead_code)] // not every test binary needs them parsed
pub fn parsed() -> Vec<(String, Arc<Scenario>)> {
    shipped()
        .into_iter()
        .map(|(name, text)| {
            let parsed = rapport_core::scenario::parse(&text);
            let scenario = parsed
                .scenario
                .unwrap_or_else(|| panic!("{name}: {:?}", parsed.diagnostics));
            (name, scenario)
        })
        .collect()
}
