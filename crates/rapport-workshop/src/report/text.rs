//! The class report for the terminal: per scenario an aligned table of its trainees, the needs
//! missed and the moves chosen; the class beside Rackham's negotiators, and the discussion
//! prompts. What the facilitator should check first (a name from several folders) leads.

use super::model::{ClassReport, ScenarioSummary};
use super::names::{for_terminal, pad, pad_left, shortened_to_width};
use std::fmt::Write;

/// The widest a trainee's name gets in the table.
pub const NAME_WIDTH: usize = 24;
/// The widest a workshop code gets in the table.
const WORKSHOP_WIDTH: usize = 16;
/// The widest a need's summary or a move's text gets.
const TEXT_WIDTH: usize = 60;

/// The terminal report: every name neutralised and cut so the columns stay aligned.
pub fn text(report: &ClassReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Class report: {}, {} ({} finished, {} abandoned), {}",
        counted(report.trainees.len(), "trainee"),
        counted(report.calls(), "call"),
        report.finished_calls(),
        report.calls() - report.finished_calls(),
        counted(report.scenarios.len(), "scenario")
    );
    for w in &report.warnings {
        let _ = writeln!(out, "Check: {}", shortened_to_width(w, 1_000));
    }
    for s in &report.scenarios {
        let _ = writeln!(
            out,
            "\n{} ({}): {} calls, {} of {} trainees reached the right ending ({:.0}%)",
            shortened_to_width(&s.title, TEXT_WIDTH),
            shortened_to_width(&s.id, 30),
            s.calls,
            s.trainees_right,
            s.trainees,
            100.0 * s.share_right()
        );
        trainee_table(report, s, &mut out);
        if s.missed_needs.is_empty() {
            let _ = writeln!(
                out,
                "  Every need in play was found in every finished call."
            );
        } else {
            let _ = writeln!(out, "  Needs most often missed (finished calls):");
            for n in s.missed_needs.iter().take(5) {
                let _ = writeln!(
                    out,
                    "    {} missed in {} of {}",
                    pad(&shortened_to_width(&n.summary, TEXT_WIDTH), TEXT_WIDTH),
                    pad_left(&n.missed.to_string(), 3),
                    n.in_play
                );
                if let Some(q) = &n.suggestion {
                    let _ = writeln!(
                        out,
                        "      would have found it: \"{}\"",
                        shortened_to_width(q, 100)
                    );
                }
            }
        }
        let _ = writeln!(out, "  Moves most often chosen:");
        for m in s.moves.iter().take(5) {
            let _ = writeln!(
                out,
                "    {} {} {}× in {} calls",
                pad(&shortened_to_width(&m.text, TEXT_WIDTH), TEXT_WIDTH),
                pad(&format!("({})", m.kind.label()), 28),
                pad_left(&m.times.to_string(), 4),
                m.calls
            );
        }
    }
    let mix = &report.mix;
    let _ = writeln!(
        out,
        "\nHow the class talked ({} moves), beside Rackham's negotiators:",
        mix.moves
    );
    let _ = writeln!(
        out,
        "    {}  {}  {}  {}",
        pad("", 24),
        pad_left("class", 7),
        pad_left("skilled", 7),
        pad_left("average", 7)
    );
    for s in &mix.shares {
        let _ = writeln!(
            out,
            "    {}  {}  {}  {}",
            pad(s.label, 24),
            pad_left(&format!("{:.1}%", s.class), 7),
            pad_left(&format!("{:.1}%", s.skilled), 7),
            pad_left(&format!("{:.1}%", s.average), 7)
        );
    }
    if let Some(per_hour) = mix.irritators_per_hour {
        let _ = writeln!(
            out,
            "    {}  {}  {}  {}",
            pad("Irritators per hour", 24),
            pad_left(&format!("{per_hour:.1}"), 7),
            pad_left(&format!("{:.1}", mix.skilled_irritators_per_hour), 7),
            pad_left(&format!("{:.1}", mix.average_irritators_per_hour), 7)
        );
    }
    let _ = writeln!(out, "    Source: {}", for_terminal(&mix.source));
    if !report.prompts.is_empty() {
        let _ = writeln!(out, "\nFor the room:");
        for (i, p) in report.prompts.iter().enumerate() {
            let _ = writeln!(out, "  {}. {}", i + 1, shortened_to_width(p, 1_000));
        }
    }
    out
}

/// One scenario's trainees: first and best finished call (an abandoned call is neither),
/// the best call's scores and outcome, tricks and premature proposals over its calls.
fn trainee_table(report: &ClassReport, scenario: &ScenarioSummary, out: &mut String) {
    let ranked = report.options.rank;
    let mut header: Vec<(&str, usize, bool)> = Vec::new();
    if ranked {
        header.push(("Rank", 4, true));
    }
    header.extend([
        ("Trainee", NAME_WIDTH, false),
        ("Workshop", WORKSHOP_WIDTH, false),
        ("Calls", 5, true),
        ("First", 5, true),
        ("Best", 5, true),
        ("Disc.", 5, true),
        ("Agree", 5, true),
        ("Relat", 5, true),
        ("Fit+O", 5, true),
        ("Outcome (best)", 16, false),
        ("Right", 5, false),
        ("Tricks", 6, true),
        ("Premature", 9, true),
    ]);
    let line = |cells: Vec<String>| -> String {
        let mut row = String::from("   ");
        for (cell, (_, width, right)) in cells.iter().zip(&header) {
            row.push(' ');
            row.push_str(&if *right {
                pad_left(cell, *width)
            } else {
                pad(cell, *width)
            });
        }
        row.trim_end().to_string()
    };
    let _ = writeln!(
        out,
        "  Trainees ({}; First and Best are finished calls, the rest of the row is the best \
         one's; tricks and premature proposals over all calls):",
        if ranked {
            "ranked by best score"
        } else {
            "by name"
        }
    );
    let _ = writeln!(
        out,
        "{}",
        line(header.iter().map(|(h, _, _)| h.to_string()).collect())
    );
    let dash = || "—".to_string();
    for (t, played) in report.table(&scenario.id) {
        let mut cells = Vec::new();
        if ranked {
            cells.push(played.rank.map_or(String::new(), |r| r.to_string()));
        }
        cells.push(shortened_to_width(&t.name, NAME_WIDTH));
        cells.push(shortened_to_width(
            t.workshop.as_deref().unwrap_or("—"),
            WORKSHOP_WIDTH,
        ));
        cells.push(played.attempts.len().to_string());
        cells.push(
            played
                .first_attempt()
                .map_or_else(dash, |a| format!("{:.1}", a.total)),
        );
        match played.best_attempt() {
            Some(best) => {
                cells.push(format!("{:.1}", best.total));
                for d in best.dimensions {
                    cells.push(format!("{d:.0}"));
                }
                cells.push(best.outcome_label().to_string());
                cells.push(if best.right_ending { "yes" } else { "no" }.to_string());
            }
            None => {
                cells.extend(std::iter::repeat_with(dash).take(5));
                cells.push("abandoned".to_string());
                cells.push("no".to_string());
            }
        }
        cells.push(
            played
                .attempts
                .iter()
                .map(|a| a.tricks)
                .sum::<u32>()
                .to_string(),
        );
        cells.push(
            played
                .attempts
                .iter()
                .map(|a| a.premature_proposals)
                .sum::<u32>()
                .to_string(),
        );
        let _ = writeln!(out, "{}", line(cells));
    }
}

/// "1 scenario", "3 scenarios".
fn counted(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}
