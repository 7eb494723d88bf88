//! The class report for spreadsheets: one row per attempt (so nothing is averaged away), with
//! columns saying which attempt was the trainee's first and best at that scenario, its seed and
//! the folder it was read from. UTF-8 with a byte-order mark so spreadsheet programs show
//! accents; text cells that a spreadsheet would read as a formula are neutralised, numeric
//! columns stay numbers. A `;` separator (European spreadsheets) comes with decimal commas.

use super::model::{ClassReport, DIMENSIONS};
use super::names::for_terminal;
use crate::record::Status;

/// The byte-order mark that tells spreadsheet programs the file is UTF-8.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The columns, in order. `rank` comes first only when the report ranks.
pub fn header(ranked: bool) -> Vec<String> {
    let mut h: Vec<String> = Vec::new();
    if ranked {
        h.push("rank".into());
    }
    for c in [
        "trainee",
        "workshop",
        "attempt",
        "first_attempt",
        "best_attempt",
        "scenario_id",
        "scenario_title",
        "started_at",
        "ended_at",
        "status",
        "seed",
        "source_folder",
        "duration_seconds",
        "moves",
    ] {
        h.push(c.into());
    }
    for d in DIMENSIONS {
        h.push(d.label().to_lowercase().replace([' ', '-'], "_"));
    }
    for c in [
        "total",
        "outcome",
        "right_outcome",
        "right_ending",
        "tricks",
        "trick_points",
        "premature_proposals",
        "trust_start",
        "trust_end",
        "attempt_id",
    ] {
        h.push(c.into());
    }
    h
}

/// A text cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage
/// return first) gets a leading apostrophe, which spreadsheets show as text.
pub fn neutralised(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// How the spreadsheet is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvOptions {
    /// The field separator: `,` (the default), or `;` for spreadsheets set up for a language
    /// that writes decimals with a comma, which then get decimal commas too.
    pub separator: u8,
}

impl Default for CsvOptions {
    fn default() -> CsvOptions {
        CsvOptions { separator: b',' }
    }
}

/// The spreadsheet's bytes with commas: see [`csv_with`].
pub fn csv(report: &ClassReport) -> Vec<u8> {
    csv_with(report, &CsvOptions::default())
}

/// The spreadsheet's bytes: the byte-order mark, a header row, then one row per attempt in
/// the report's order (trainee by trainee, scenario by scenario, each by start time).
pub fn csv_with(report: &ClassReport, options: &CsvOptions) -> Vec<u8> {
    let decimal_comma = options.separator == b';';
    let number = |x: f64| {
        let n = number(x);
        if decimal_comma {
            n.replace('.', ",")
        } else {
            n
        }
    };
    let mut out = BOM.to_vec();
    {
        let mut w = ::csv::WriterBuilder::new()
            .delimiter(options.separator)
            .terminator(::csv::Terminator::CRLF)
            .from_writer(&mut out);
        let ranked = report.options.rank;
        // Writing to a Vec cannot fail, and every row has the header's length.
        let _ = w.write_record(header(ranked));
        for t in &report.trainees {
            for played in &t.scenarios {
                for (i, a) in played.attempts.iter().enumerate() {
                    let mut row: Vec<String> = Vec::new();
                    if ranked {
                        row.push(played.rank.map_or(String::new(), |r| r.to_string()));
                    }
                    let text = |s: &str| neutralised(s);
                    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
                    row.push(text(&t.name));
                    row.push(text(t.workshop.as_deref().unwrap_or("")));
                    row.push(a.number.to_string());
                    row.push(yes_no(played.first == Some(i)));
                    row.push(yes_no(played.best == Some(i)));
                    row.push(text(&a.scenario_id));
                    row.push(text(&a.scenario_title));
                    row.push(text(&a.started_at));
                    row.push(text(&a.ended_at));
                    row.push(
                        match a.status {
                            Status::Finished => "finished",
                            Status::Abandoned => "abandoned",
                        }
                        .to_string(),
                    );
                    row.push(a.seed.to_string());
                    // A folder name is the facilitator's own text, but may hold anything a
                    // file system allows: no control character reaches the spreadsheet.
                    row.push(text(&for_terminal(&a.folder)));
                    row.push(number(a.duration_seconds));
                    row.push(a.moves.to_string());
                    for d in a.dimensions {
                        row.push(number(d));
                    }
                    row.push(number(a.total));
                    row.push(text(a.outcome_label()));
                    row.push(text(rapport_core::scoring::outcome_label(a.right_outcome)));
                    row.push(yes_no(a.right_ending));
                    row.push(a.tricks.to_string());
                    row.push(number(a.trick_points));
                    row.push(a.premature_proposals.to_string());
                    row.push(a.trust.first().map_or(String::new(), |t| t.to_string()));
                    row.push(a.trust.last().map_or(String::new(), |t| t.to_string()));
                    row.push(text(&a.attempt_id));
                    let _ = w.write_record(&row);
                }
            }
        }
        let _ = w.flush();
    }
    out
}

/// A number as a spreadsheet reads it: a dot for the decimals, no more than two of them, and
/// nothing for a value that is not a number.
fn number(x: f64) -> String {
    if !x.is_finite() {
        return String::new();
    }
    let rounded = (x * 100.0).round() / 100.0;
    // -0 would print as "-0".
    format!("{}", rounded + 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_neutralised_and_other_text_is_kept() {
        assert_eq!(neutralised("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralised("+cmd"), "'+cmd");
        assert_eq!(neutralised("-2+3"), "'-2+3");
        assert_eq!(neutralised("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralised("\tx"), "'\tx");
        assert_eq!(neutralised("\rx"), "'\rx");
        assert_eq!(neutralised("Zoë, \"the closer\""), "Zoë, \"the closer\"");
        assert_eq!(neutralised(""), "");
    }

    #[test]
    fn numbers_are_plain_decimals() {
        assert_eq!(number(72.5), "72.5");
        assert_eq!(number(100.0), "100");
        assert_eq!(number(1.0 / 3.0), "0.33");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(f64::NAN), "");
    }
}
