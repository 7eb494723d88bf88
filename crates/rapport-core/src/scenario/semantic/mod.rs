//! Checks a parsed scenario file for every problem that can be found without playing it.
//! (RON's own errors are turned into diagnostics in `ron_errors.rs`.)

mod playable;
mod references;
mod situation;

use playable::{enough_to_play, replies};
use references::{answers, criteria, duplicate_ids, moves, reachability};
use situation::{variation, weights_hints_and_size};

use super::diagnostic::Diagnostic;
use super::kinds::*;
use super::line_index::LineIndex;
use super::model::*;
use super::spans::{Node, locate};
use super::{MAX_CONCERNS, MAX_NEEDS};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// Fewest moves a playable scenario offers.
pub const MIN_MOVES: usize = 12;

/// Finds where a path in the file stands, falling back to its nearest located parent.
struct Locator<'a> {
    tree: Option<&'a Node>,
}

impl Locator<'_> {
    fn span(&self, path: &[&str]) -> Range<usize> {
        let Some(tree) = self.tree else { return 0..0 };
        for len in (0..=path.len()).rev() {
            if let Some(node) = locate(tree, &path[..len]) {
                return node.span.clone();
            }
        }
        tree.span.clone()
    }

    /// The span of a field's name, e.g. to point at `weights:` rather than its whole value.
    fn field_name(&self, parent: &[&str], field: &str) -> Range<usize> {
        self.tree
            .and_then(|t| locate(t, parent))
            .and_then(|n| n.field_name_span(field))
            .unwrap_or_else(|| self.span(parent))
    }
}

/// What every check reads: the file, where things stand in it, the ids, and the diagnostics
/// found so far.
struct Check<'a> {
    file: &'a ScenarioFile,
    lines: &'a LineIndex<'a>,
    loc: Locator<'a>,
    out: Vec<Diagnostic>,
    need_ids: Vec<&'a str>,
    concern_ids: Vec<&'a str>,
    need_set: HashSet<&'a str>,
    concern_set: HashSet<&'a str>,
    need_indices: Vec<String>,
    concern_indices: Vec<String>,
    /// The customer's trust ceiling: a gate or criterion above it can never open.
    ceiling: i64,
}

impl Check<'_> {
    /// A number outside its range.
    fn range(&mut self, path: &[&str], value: i64, lo: i64, hi: i64, what: &str) {
        if value < lo || value > hi {
            self.out.push(
                err("E018", format!("{what} is {value}, outside {lo}–{hi}"))
                    .label("out of range")
                    .help(format!("Use a number from {lo} to {hi}."))
                    .at(self.lines, self.loc.span(path)),
            );
        }
    }
}

fn err(code: &'static str, msg: String) -> super::diagnostic::DiagnosticBuilder {
    Diagnostic::error(code, msg)
}

/// Ids weighed for a suggestion: a file over the limits may have thousands, and each unknown
/// id would otherwise be compared with all of them.
const SUGGESTION_POOL: usize = 64;
/// Known ids listed in a hint when none is near enough.
const KNOWN_IDS_LISTED: usize = 12;

/// The hint for an unknown id: the nearest spelling, or the known ids.
fn suggest(id: &str, candidates: &[&str]) -> String {
    let candidates = &candidates[..candidates.len().min(SUGGESTION_POOL)];
    match closest(id, candidates) {
        Some(c) => format!("Did you mean \"{c}\"?"),
        None if candidates.is_empty() => {
            "There is nothing of that kind to refer to yet.".to_string()
        }
        None => format!(
            "Known ids: {}{}.",
            candidates
                .iter()
                .take(KNOWN_IDS_LISTED)
                .map(|c| format!("\"{c}\""))
                .collect::<Vec<_>>()
                .join(", "),
            if candidates.len() > KNOWN_IDS_LISTED {
                ", …"
            } else {
                ""
            }
        ),
    }
}

pub(super) fn check(
    file: &ScenarioFile,
    lines: &LineIndex,
    tree: Option<&Node>,
) -> Vec<Diagnostic> {
    let mut c = Check {
        file,
        lines,
        loc: Locator { tree },
        out: Vec::new(),
        need_ids: file.needs.iter().map(|n| n.id.as_str()).collect(),
        concern_ids: file.concerns.iter().map(|c| c.id.as_str()).collect(),
        need_set: file.needs.iter().map(|n| n.id.as_str()).collect(),
        concern_set: file.concerns.iter().map(|c| c.id.as_str()).collect(),
        need_indices: (0..file.needs.len()).map(|i| i.to_string()).collect(),
        concern_indices: (0..file.concerns.len()).map(|i| i.to_string()).collect(),
        ceiling: i64::from(file.customer.trust_ceiling().clamp(1, 100)),
    };
    header(&mut c);
    ranges(&mut c);
    duplicate_ids(&mut c);
    moves(&mut c);
    answers(&mut c);
    reachability(&mut c);
    criteria(&mut c);
    variation(&mut c);
    weights_hints_and_size(&mut c);
    enough_to_play(&mut c);
    replies(&mut c);
    c.out
}

/// The format version and the names the menu shows.
fn header(c: &mut Check) {
    if c.file.format_version == 1 || c.file.format_version == 2 {
        let unanswered: Vec<&str> = c
            .file
            .concerns
            .iter()
            .filter(|k| k.settled_by.is_empty())
            .map(|k| k.id.as_str())
            .collect();
        let what = if unanswered.is_empty() {
            "nothing else needs to change".to_string()
        } else {
            format!(
                "its concerns {} are settled by asking about them twice, as before",
                quoted_list(&unanswered)
            )
        };
        c.out.push(
            Diagnostic::warning(
                "W002",
                format!(
                    "format version {} is read as version {FORMAT_VERSION}: {what}",
                    c.file.format_version
                ),
            )
            .label("old version")
            .help(format!(
                "Write `format_version: {FORMAT_VERSION}`. In version 3 a voiced worry is settled by answering it, not by asking twice: add `AnswerConcern` moves (the evidence, reference, pilot, guarantee or exit that would settle each worry, and wrong answers beside them) and name each concern's right answer in `settled_by: [\"move-id\"]`."
            ))
            .at(c.lines, c.loc.span(&["format_version"])),
        );
    } else if c.file.format_version != FORMAT_VERSION {
        c.out.push(
            err(
                "E003",
                format!("format version {} is not supported", c.file.format_version),
            )
            .label("unsupported version")
            .help(format!("Write `format_version: {FORMAT_VERSION}`."))
            .at(c.lines, c.loc.span(&["format_version"])),
        );
    } else {
        for (i, k) in c.file.concerns.iter().enumerate() {
            if k.settled_by.is_empty() {
                let index = i.to_string();
                c.out.push(
                    Diagnostic::warning(
                        "W004",
                        format!(
                            "concern \"{}\" names no answer that settles it, so asking about it twice settles it",
                            k.id
                        ),
                    )
                    .label("no answer")
                    .help("Add an `AnswerConcern` move that would put this worry to rest (evidence, a reference, a pilot, a guarantee, an exit) and name it here in `settled_by: [\"move-id\"]`; a trainee who only repeats the question has not answered it.")
                    .at(c.lines, c.loc.span(&["concerns", &index, "id"])),
                );
            }
        }
    }
    for (field, value) in [("id", &c.file.meta.id), ("title", &c.file.meta.title)] {
        if value.trim().is_empty() {
            c.out.push(
                err("E019", format!("the scenario's {field} is empty"))
                    .label("empty")
                    .help(format!("Give the scenario a {field}; the menu shows it."))
                    .at(c.lines, c.loc.span(&["meta", field])),
            );
        }
    }
    // The scenario's id is typed by facilitators (`--scenario`, workshop codes) and shown in
    // menus: two that look alike must be alike.
    if let Some(bad) = c.file.meta.id.chars().find(|&ch| references::invisible(ch)) {
        c.out.push(
            err(
                "E024",
                format!(
                    "the scenario id \"{}\" contains an invisible or direction-changing character (U+{:04X})",
                    c.file.meta.id.escape_debug(),
                    u32::from(bad)
                ),
            )
            .label("hidden character")
            .help("Retype the id with visible letters, digits and hyphens only: two ids that look the same must not be different.")
            .at(c.lines, c.loc.span(&["meta", "id"])),
        );
    }
}

/// Numbers within their ranges.
fn ranges(c: &mut Check) {
    // Ranges of numbers.
    c.range(
        &["customer", "trust"],
        c.file.customer.trust.into(),
        0,
        100,
        "starting trust",
    );
    c.range(
        &["customer", "patience"],
        c.file.customer.patience.into(),
        10,
        100,
        "patience",
    );
    c.range(
        &["customer", "mood_variation"],
        c.file.customer.mood_variation.into(),
        0,
        20,
        "mood variation",
    );
    if let Some(max) = c.file.customer.max_trust {
        c.range(
            &["customer", "max_trust"],
            max.into(),
            1,
            100,
            "the trust ceiling",
        );
    }
    // A gate or a criterion above the customer's trust ceiling can never open.
    c.range(
        &["meta", "estimated_minutes"],
        c.file.meta.estimated_minutes.into(),
        1,
        120,
        "estimated minutes",
    );
    for (i, need) in c.file.needs.iter().enumerate() {
        let ni = c.need_indices[i].clone();
        let ni = ni.as_str();
        c.range(
            &["needs", ni, "importance"],
            need.importance.into(),
            1,
            5,
            "importance",
        );
        if let Some(gate) = need.trust_gate {
            c.range(
                &["needs", ni, "trust_gate"],
                gate.into(),
                0,
                c.ceiling,
                "trust gate (this customer's trust tops out at its `max_trust` or style default)",
            );
        }
    }
    for (i, concern) in c.file.concerns.iter().enumerate() {
        if let Some(gate) = concern.trust_gate {
            c.range(
                &["concerns", &i.to_string(), "trust_gate"],
                gate.into(),
                0,
                c.ceiling,
                "trust gate (this customer's trust tops out at its `max_trust` or style default)",
            );
        }
    }

    if c.file.needs.len() > MAX_NEEDS || c.file.concerns.len() > MAX_CONCERNS {
        c.out.push(
            err(
                "E020",
                format!(
                    "a scenario may have at most {MAX_NEEDS} needs and {MAX_CONCERNS} concerns"
                ),
            )
            .label("too many")
            .help("Merge related needs or concerns, or split the scenario in two.")
            .at(
                c.lines,
                c.loc.field_name(
                    &[],
                    if c.file.needs.len() > MAX_NEEDS {
                        "needs"
                    } else {
                        "concerns"
                    },
                ),
            ),
        );
    }
}

/// A number outside its range, for checks outside the main range closure.
fn range_check_plain(
    out: &mut Vec<Diagnostic>,
    lines: &LineIndex,
    span: std::ops::Range<usize>,
    value: i64,
    lo: i64,
    hi: i64,
    what: &str,
) {
    if value < lo || value > hi {
        out.push(
            Diagnostic::error("E018", format!("{what} is {value}, outside {lo}–{hi}"))
                .label("out of range")
                .help(format!("Use a number from {lo} to {hi}."))
                .at(lines, span),
        );
    }
}

/// The candidate nearest in spelling, if it is near enough to be a likely typo.
fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        // The distance is at least the difference in length: skip the hopeless (an overlong
        // word would otherwise cost its length times each candidate's).
        .filter(|c| word.len().abs_diff(c.len()) <= 4 * 2.max(c.len() / 3))
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

fn quoted_list(ids: &[&str]) -> String {
    ids.iter()
        .map(|id| format!("\"{id}\""))
        .collect::<Vec<_>>()
        .join(", ")
}
