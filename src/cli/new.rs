//! `rapport new NAME`: writes the commented starter scenario under a new id.

use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(name: &str, out: Option<PathBuf>) -> ExitCode {
    let id: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .trim_matches('-')
        .to_string();
    if id.is_empty() {
        eprintln!(
            "error: give the scenario a name with at least one letter or digit, e.g. `rapport new print-shop`"
        );
        return ExitCode::FAILURE;
    }
    let path = out.unwrap_or_else(|| PathBuf::from(format!("{id}.ron")));
    if path.exists() {
        eprintln!(
            "error: {} already exists; choose another name or --out path",
            path.display()
        );
        return ExitCode::FAILURE;
    }
    let text =
        rapport_core::STARTER_SCENARIO.replacen("id: \"starter\"", &format!("id: \"{id}\""), 1);
    if let Err(err) = std::fs::write(&path, text) {
        eprintln!("error: cannot write {}: {err}", path.display());
        return ExitCode::FAILURE;
    }
    println!(
        "Wrote {}. Edit it, then run: rapport check {}",
        path.display(),
        path.display()
    );
    ExitCode::SUCCESS
}
