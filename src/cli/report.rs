//! `rapport report DIR…`: the facilitator's class report from collected results folders, in
//! the terminal, and as an offline HTML page, a spreadsheet and xAPI statements on request.
//! `--workshop CODE` keeps one workshop's results. Every file not read and every result left
//! out is named with why on the terminal; none is fatal.

use crate::files::results::load_results;
use crate::files::{shown, write_output};
use rapport_workshop::WorkshopCode;
use rapport_workshop::report::intake::{Intake, intake};
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
    /// Send the statements to the configured LRS.
    pub send_lrs: bool,
}

/// Files not read, or left out, listed one per line up to this many; the rest are counted.
const LISTED: usize = 40;

pub fn run(
    paths: &[PathBuf],
    workshop: Option<&str>,
    options: ReportOptions,
    outputs: &Outputs,
) -> ExitCode {
    if paths.is_empty() {
        eprintln!(
            "error: name the results folders to report on, e.g. rapport report results/ \
             (each trainee's folder is shown in the game's Settings)"
        );
        return ExitCode::FAILURE;
    }
    let workshop = match workshop.map(WorkshopCode::decode).transpose() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: --workshop: {e}");
            return ExitCode::FAILURE;
        }
    };
    let loaded = load_results(paths);
    let read = loaded
        .results
        .into_iter()
        .map(|(path, result)| (shown(&path), result))
        .collect();
    let taken = intake(read, workshop.as_ref());
    let not_read: Vec<(String, String)> = loaded
        .not_results
        .iter()
        .chain(&loaded.skipped)
        .map(|(path, why)| (shown(path), why.clone()))
        .collect();
    tell_what_was_left_out(&not_read, &taken);
    if taken.kept.is_empty() {
        let wanted = workshop
            .as_ref()
            .map(|w| format!(" of workshop {}", w.encode()))
            .unwrap_or_default();
        eprintln!(
            "error: no results{wanted} found in {} (results are the .json files the game writes)",
            paths
                .iter()
                .map(|p| shown(p))
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
    let results = taken
        .kept
        .into_iter()
        .map(|(path, r)| {
            let folder = std::path::Path::new(&path)
                .parent()
                .map(|p| p.display().to_string());
            (folder.unwrap_or_default(), r)
        })
        .collect();
    let class = ClassReport::from_folders(results, &options);
    print!("{}", report::text(&class));
    let mut failed = false;
    let mut write = |path: &Option<PathBuf>, what: &str, bytes: &dyn Fn() -> Vec<u8>| {
        let Some(path) = path else { return };
        match write_output(path, &bytes()) {
            Ok(()) => eprintln!("{what} written to {}", shown(path)),
            Err(e) => {
                eprintln!("error: cannot write {what} to {}: {e}", shown(path));
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
    if outputs.send_lrs && !super::lrs::send_class(&paths[0], &class) {
        failed = true;
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// On the terminal (stderr, so the report itself can be piped): the other workshops and free
/// play left out, a warning when workshops are mixed, then each file not read or result left
/// out with why.
fn tell_what_was_left_out(not_read: &[(String, String)], taken: &Intake) {
    let mut counted = Vec::new();
    let other: usize = taken.other_codes.values().sum();
    if other > 0 {
        let codes: Vec<String> = taken
            .other_codes
            .iter()
            .map(|(code, n)| format!("{}: {n}", rapport_core::visible::echoed(code, 48)))
            .collect();
        counted.push(format!(
            "{other} result(s) from {} other code(s) ({})",
            taken.other_codes.len(),
            codes.join(", ")
        ));
    }
    if taken.free_play > 0 {
        counted.push(format!(
            "{} free-play call(s) (played without a workshop code)",
            taken.free_play
        ));
    }
    if !counted.is_empty() {
        eprintln!("note: left out {}", counted.join(", "));
    }
    if !taken.mixed.is_empty() {
        let groups: Vec<String> = taken
            .mixed
            .iter()
            .map(|(code, n)| match code {
                Some(code) => format!("{}: {n}", rapport_core::visible::echoed(code, 48)),
                None => format!("free play: {n}"),
            })
            .collect();
        let codes = taken.mixed.keys().filter(|code| code.is_some()).count();
        let free_play = if taken.mixed.contains_key(&None) {
            " and free play"
        } else {
            ""
        };
        eprintln!(
            "warning: these results mix {codes} workshop code(s){free_play} ({}); rapport \
             report --workshop CODE keeps one",
            groups.join(", ")
        );
    }
    if !taken.copies.is_empty() {
        eprintln!(
            "note: {} file(s) are second copies of results already read (the same attempt), \
             counted once",
            taken.copies.len()
        );
    }
    // Copies come last: what needs a look comes first.
    let copies: Vec<(String, String)> = taken
        .copies
        .iter()
        .map(|(path, original)| {
            (
                path.clone(),
                format!("a copy of {original} (the same attempt), counted once"),
            )
        })
        .collect();
    let listed: Vec<&(String, String)> = not_read
        .iter()
        .chain(&taken.left_out)
        .chain(&copies)
        .collect();
    if listed.is_empty() {
        return;
    }
    eprintln!("Not in the report ({} file(s)):", listed.len());
    for (path, why) in listed.iter().take(LISTED) {
        eprintln!("  {path}: {why}");
    }
    if listed.len() > LISTED {
        eprintln!("  … and {} more", listed.len() - LISTED);
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
