//! The class report for the terminal: aligned tables of trainees, needs missed and moves
//! chosen per scenario, the class beside Rackham's negotiators, and the discussion prompts.

use super::model::{ClassReport, DIMENSIONS};
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
    out.push('\n');
    trainee_table(report, &mut out);
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

fn trainee_table(report: &ClassReport, out: &mut String) {
    let ranked = report.options.rank;
    let mut header: Vec<(String, usize, bool)> = Vec::new();
    if ranked {
        header.push(("Rank".into(), 4, true));
    }
    header.push(("Trainee".into(), NAME_WIDTH, false));
    header.push(("Workshop".into(), WORKSHOP_WIDTH, false));
    header.push(("Calls".into(), 5, true));
    header.push(("First".into(), 5, true));
    header.push(("Best".into(), 5, true));
    for (kind, short) in DIMENSIONS.iter().zip(["Disc.", "Agree", "Relat", "Fit+O"]) {
        let _ = kind;
        header.push((short.into(), 5, true));
    }
    header.push(("Outcome (best)".into(), 16, false));
    header.push(("Right".into(), 5, false));
    header.push(("Tricks".into(), 6, true));
    header.push(("Premature".into(), 9, true));
    let line = |cells: Vec<String>| -> String {
        let mut row = String::from(" ");
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
        "Trainees ({}; scores, outcome and right ending of the best call; tricks and \
         premature proposals over all calls):",
        if ranked {
            "ranked by best score"
        } else {
            "by name"
        }
    );
    let _ = writeln!(
        out,
        "{}",
        line(header.iter().map(|(h, _, _)| h.clone()).collect())
    );
    for t in &report.trainees {
        let best = t.best_attempt();
        let mut cells = Vec::new();
        if ranked {
            cells.push(t.rank.map_or(String::new(), |r| r.to_string()));
        }
        cells.push(shortened_to_width(&t.name, NAME_WIDTH));
        cells.push(shortened_to_width(
            t.workshop.as_deref().unwrap_or("—"),
            WORKSHOP_WIDTH,
        ));
        cells.push(t.attempts.len().to_string());
        cells.push(format!("{:.1}", t.first_attempt().total));
        cells.push(format!("{:.1}", best.total));
        for d in best.dimensions {
            cells.push(format!("{d:.0}"));
        }
        cells.push(best.outcome_label().to_string());
        cells.push(if best.right_ending { "yes" } else { "no" }.to_string());
        cells.push(t.tricks().to_string());
        cells.push(t.premature_proposals().to_string());
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
