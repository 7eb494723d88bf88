//! `rapport check`: every problem in each file, located, with a hint; then the invariant.

use crate::files::scenarios::{self as library, Entry};
use rapport_core::check::{CheckConfig, CheckReport, check_source, duplicate_ids};
use rapport_core::scenario::diagnostic::{render, render_short};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

pub fn run(paths: &[PathBuf], extra: Option<&Path>, short: bool) -> ExitCode {
    let started = Instant::now();
    let mut entries: Vec<Entry> = Vec::new();
    let mut failed = false;
    // Files that could not be read at all count as failed in the summary.
    let mut unreadable = 0;
    if paths.is_empty() {
        entries = library::all(extra);
    }
    for path in paths {
        match library::ron_files(path) {
            Ok(files) if files.is_empty() => {
                eprintln!("{}: no .ron files here", crate::files::shown(path));
                failed = true;
            }
            Ok(files) => {
                for file in files {
                    match library::load_file(&file) {
                        Ok(entry) => entries.push(entry),
                        Err(err) => {
                            eprintln!("{}: cannot read: {err}", crate::files::shown(&file));
                            failed = true;
                            unreadable += 1;
                        }
                    }
                }
            }
            Err(err) => {
                eprintln!("{}: cannot read: {err}", crate::files::shown(path));
                failed = true;
                unreadable += 1;
            }
        }
    }
    let (mut ok, mut bad) = (0, unreadable);
    let named: Vec<(&str, &str)> = entries
        .iter()
        .map(|e| (e.origin.as_str(), e.text.as_str()))
        .collect();
    // With no paths, a folder scenario may replace a shipped one of the same id on purpose.
    let duplicates = if paths.is_empty() {
        Vec::new()
    } else {
        duplicate_ids(&named)
    };
    for (index, entry) in entries.iter().enumerate() {
        // A file that could not be decoded keeps the reason its loading found.
        let undecodable = entry.parsed.diagnostics.iter().any(|d| d.code == "E004");
        let mut report = if undecodable {
            CheckReport {
                parsed: entry.parsed.clone(),
                invariant: Vec::new(),
                adversaries: Vec::new(),
            }
        } else {
            check_source(&entry.text, CheckConfig::default())
        };
        for (_, d) in duplicates.iter().filter(|(i, _)| *i == index) {
            report.parsed.diagnostics.push(d.clone());
            report.parsed.scenario = None;
        }
        let diagnostics = report.diagnostics();
        // Both forms show the first problems and count the rest; the summary counts them all.
        if short {
            print!("{}", render_short(&entry.origin, diagnostics));
        } else if !diagnostics.is_empty() {
            print!("{}", render(&entry.origin, &entry.text, diagnostics));
        }
        if report.has_errors() {
            bad += 1;
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            println!("✗ {}: {errors} error(s)", entry.origin);
            continue;
        }
        ok += 1;
        // What a facilitator choosing a workshop's scenarios reads: the title, how hard, how long.
        let title = report
            .parsed
            .scenario
            .as_ref()
            .map(|s| {
                let meta = &s.file.meta;
                format!(
                    "{} ({:?}, about {} minutes)",
                    s.title(),
                    meta.difficulty,
                    meta.estimated_minutes
                )
            })
            .unwrap_or_default();
        println!("✓ {}: {title}", entry.origin);
        for r in &report.invariant {
            let honest = r.search.honest.as_ref().map_or(0.0, |p| p.total);
            let manip = r.search.manipulative.as_ref().map_or(0.0, |p| p.total);
            println!(
                "    seed {:>3}: best honest {honest:5.1} ({}), best with manipulation {manip:5.1} found, {}; \
                 {} tricks inserted at every place of {} honest plays, none raised a score; collaborative {:.1}; search {}",
                r.seed,
                r.search
                    .honest
                    .as_ref()
                    .and_then(|p| p.outcome)
                    .map_or("unfinished", rapport_core::scoring::outcome_label),
                r.search.margin_text(),
                r.insertions.insertions,
                r.insertions.plays,
                r.collaborative.total,
                r.search.bound_note(),
            );
        }
        if let Some(m) = report.margin() {
            match report.margin_floor() {
                Some(floor) => println!(
                    "    invariant holds; smallest margin {m:.1} points as found, at least {floor:.1} for any play (a trick keeps at most 88% of the score)"
                ),
                None => println!(
                    "    invariant holds; smallest margin {m:.1} points as found by a bounded search (a wider one may find less)"
                ),
            }
        }
        if let Some(first) = report.adversaries.first() {
            let rote: Vec<String> = report
                .adversaries
                .iter()
                .filter(|r| r.rote)
                .map(|r| format!("{} {:.1}", r.name, r.median))
                .collect();
            let habits: Vec<String> = report
                .adversaries
                .iter()
                .filter_map(|r| Some(format!("{} {:.1}", r.name, r.cost_where_it_differs?)))
                .collect();
            println!(
                "    without reading, on {} unseen seeds (medians; reading the customer {:.1}): {}",
                first.seeds,
                first.reading_median,
                rote.join(", ")
            );
            if !habits.is_empty() {
                println!(
                    "    habits, points lost where they change the play: {}",
                    habits.join(", ")
                );
            }
        }
    }
    println!(
        "{ok} scenario(s) passed, {bad} failed ({:.2} s)",
        started.elapsed().as_secs_f64()
    );
    if failed || bad > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
