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
    pub projector: Option<PathBuf>,
    /// `b','` or `b';'`.
    pub csv_separator: u8,
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
    let mut options = options;
    if options.anonymous {
        match anonymous_key() {
            Ok(key) => options.key = Some(key),
            Err(why) => {
                eprintln!("error: {why}");
                return ExitCode::FAILURE;
            }
        }
    }
    // Each result with the folder it was read from: one laptop's folder, as a rule.
    let results = loaded
        .results
        .into_iter()
        .map(|(path, r)| {
            let folder = path.parent().map(|p| p.display().to_string());
            (folder.unwrap_or_default(), r)
        })
        .collect();
    let class = ClassReport::from_folders(results, &options);
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
    write(&outputs.csv, "the spreadsheet", &|| {
        let separator = outputs.csv_separator;
        report::csv_with(&class, &report::CsvOptions { separator })
    });
    write(&outputs.projector, "the prompts for the wall", &|| {
        report::projector(&class).into_bytes()
    });
    write(&outputs.xapi, "the xAPI statements", &|| {
        let statements = report::xapi(&class, &XapiOptions::default());
        serde_json::to_vec_pretty(&statements).unwrap_or_default()
    });
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The facilitator's secret for anonymous numbers and pseudonyms, made on first use.
fn anonymous_key() -> Result<[u8; 32], String> {
    let path = crate::files::report_key::default_file()
        .ok_or("no settings folder to keep the anonymous report's key in (set HOME)")?;
    crate::files::report_key::load_or_create(&path)
        .map_err(|e| format!("cannot read or make the report key {}: {e}", path.display()))
}

/// Whether a path names a results folder or file that exists (for a clear error first).
pub fn missing(paths: &[PathBuf]) -> Option<&Path> {
    paths.iter().map(PathBuf::as_path).find(|p| !p.exists())
}
