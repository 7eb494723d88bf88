//! `rapport report DIR…`: the facilitator's class report from collected results folders, in
//! the terminal, and as an offline HTML page, a spreadsheet and xAPI statements on request.
//! A file that is not a readable result is named and skipped, never fatal.

use crate::files::results::load_results;
use crate::files::write_atomic;
use rapport_workshop::report::{self, ClassReport, ReportOptions, XapiOptions};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What to write besides the terminal report.
#[derive(Debug, Default, Clone)]
pub struct Outputs {
    pub html: Option<PathBuf>,
    pub csv: Option<PathBuf>,
    pub xapi: Option<PathBuf>,
    /// Send the statements to the configured LRS.
    pub send_lrs: bool,
}

pub fn run(paths: &[PathBuf], options: ReportOptions, outputs: &Outputs) -> ExitCode {
    if paths.is_empty() {
        eprintln!(
            "error: name the results folders to report on, e.g. rapport report results/ \
             (each trainee's folder is shown in the game's Settings)"
        );
        return ExitCode::FAILURE;
    }
    let loaded = load_results(paths);
    for (path, why) in &loaded.skipped {
        eprintln!("warning: skipped {}: {why}", path.display());
    }
    if loaded.results.is_empty() {
        eprintln!(
            "error: no results found in {} (results are the .json files the game writes)",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
        return ExitCode::FAILURE;
    }
    let results = loaded.results.into_iter().map(|(_, r)| r).collect();
    let class = ClassReport::new(results, &options);
    print!("{}", report::text(&class));
    let mut failed = false;
    let mut write = |path: &Option<PathBuf>, what: &str, bytes: &dyn Fn() -> Vec<u8>| {
        let Some(path) = path else { return };
        match write_atomic(path, &bytes()) {
            Ok(()) => eprintln!("{what} written to {}", path.display()),
            Err(e) => {
                eprintln!("error: cannot write {what} to {}: {e}", path.display());
                failed = true;
            }
        }
    };
    write(&outputs.html, "the HTML report", &|| {
        report::html(&class).into_bytes()
    });
    write(&outputs.csv, "the spreadsheet", &|| report::csv(&class));
    write(&outputs.xapi, "the xAPI statements", &|| {
        let statements = report::xapi(&class, &XapiOptions::default());
        serde_json::to_vec_pretty(&statements).unwrap_or_default()
    });
    if outputs.send_lrs && !super::lrs::send_class(&paths[0], &class) {
        failed = true;
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Whether a path names a results folder or file that exists (for a clear error first).
pub fn missing(paths: &[PathBuf]) -> Option<&Path> {
    paths.iter().map(PathBuf::as_path).find(|p| !p.exists())
}
