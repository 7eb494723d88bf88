//! Scenarios: the RON model a trainer writes, parsing with located diagnostics, and the
//! compiled form the engine plays (ids resolved to indices, replies in lookup tables).

pub mod decode;
pub mod diagnostic;
pub mod kinds;
pub mod line_index;
pub mod model;
mod ron_errors;
mod semantic;
pub mod spans;
pub mod style;

pub use diagnostic::{Diagnostic, Severity};
pub use kinds::*;
pub use line_index::LineIndex;
pub use model::*;

use std::sync::Arc;

/// Needs and concerns are tracked in bit sets; a scenario may have at most this many of each.
pub const MAX_NEEDS: usize = 16;
pub const MAX_CONCERNS: usize = 16;
/// Moves already used are remembered in a bit set, so a scenario may have at most this many.
pub const MAX_MOVES: usize = 128;

/// A scenario ready to play: the file as written plus resolved lookup tables.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub file: ScenarioFile,
    pub moves: Vec<CompiledMove>,
    pub criteria: Vec<Vec<Cond>>,
    /// Needs that are always active, as a bit set.
    pub always_active: u16,
    /// Needs of which `pick` are active in a given play.
    pub variable_needs: Vec<usize>,
    pub pick: usize,
    /// Concerns always on the customer's mind, as a bit set, and those of which
    /// `concern_pick` are, in a given play.
    pub always_concerns: u16,
    pub variable_concerns: Vec<usize>,
    pub concern_pick: usize,
    pub weights: Weights,
    /// Per concern, the need whose surfacing hints at it (`None`: hinted from the start).
    pub concern_hints: Vec<Option<usize>>,
    /// Concerns that have answers (`settled_by`), as a bit set: asking again does not settle
    /// them. The others are settled by asking a second time, as in format version 2.
    pub answered_concerns: u16,
    /// The trust ceiling of this customer.
    pub trust_ceiling: i16,
    replies: Vec<Vec<(Mood, Lines)>>,
    /// A fingerprint of the source, so a saved conversation is only restored onto the same text.
    pub fingerprint: u64,
}

/// A move with its targets resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CompiledMove {
    pub kind: MoveKind,
    /// Bit set of the needs the move is about.
    pub needs: u16,
    pub concern: Option<usize>,
    /// Bit set of the concerns this move settles (an `AnswerConcern` named in `settled_by`).
    pub settles: u16,
}

impl CompiledMove {
    pub fn first_need(&self) -> Option<usize> {
        (self.needs != 0).then(|| self.needs.trailing_zeros() as usize)
    }
}

/// A buying-criterion condition with its id resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cond {
    Explicit(usize),
    Explored(usize),
    Proposed(usize),
    Resolved(usize),
    Trust(i32),
}

/// What parsing a file gave: the scenario when it has no errors, and every problem found.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub scenario: Option<Arc<Scenario>>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Parsed {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Parses scenario text and runs every check that does not need to play the scenario.
/// Never panics, whatever the text.
pub fn parse(source: &str) -> Parsed {
    let lines = LineIndex::new(source);
    let file: ScenarioFile = match ron_options().from_str(source) {
        Ok(file) => file,
        Err(err) => {
            return Parsed {
                scenario: None,
                diagnostics: vec![ron_errors::from_ron_error(&lines, &err)],
            };
        }
    };
    let tree = spans::parse(source);
    let mut diagnostics = semantic::check(&file, &lines, tree.as_ref());
    diagnostics.sort_by_key(|d| (d.span.start, d.code));
    let scenario = if diagnostics.iter().any(Diagnostic::is_error) {
        None
    } else {
        Some(Arc::new(compile(file, source)))
    };
    Parsed {
        scenario,
        diagnostics,
    }
}

/// Decodes a file's bytes the one shared way and parses them: the text to show and what
/// parsing found (the decoding problem, if the bytes are not a readable scenario).
pub fn parse_bytes(bytes: &[u8]) -> (String, Parsed) {
    match decode::decode(bytes) {
        Ok(text) => {
            let parsed = parse(&text);
            (text, parsed)
        }
        Err(bad) => (
            bad.shown,
            Parsed {
                scenario: None,
                diagnostics: vec![bad.diagnostic],
            },
        ),
    }
}

/// Writes a scenario back as RON (used by `rapport new` and tests).
pub fn to_ron(file: &ScenarioFile) -> String {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor("    ".to_string());
    ron::ser::to_string_pretty(file, config).unwrap_or_default()
}

/// FNV-1a of the text with each `\r\n` read as `\n`: stable across builds and platforms,
/// unlike the std hasher, and the same for a copy whose line ends a Windows editor or a
/// download changed (a workshop code must not call that copy edited).
fn fingerprint(source: &str) -> u64 {
    let bytes = source.as_bytes();
    bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| !(b == b'\r' && bytes.get(i + 1) == Some(&b'\n')))
        .fold(0xcbf2_9ce4_8422_2325u64, |h, (_, &b)| {
            (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
        })
}

/// Resolves ids to indices. Only called on a file that passed the semantic checks.
fn compile(file: ScenarioFile, source: &str) -> Scenario {
    let need_index = |id: &str| file.needs.iter().position(|n| n.id == id);
    let concern_index = |id: &str| file.concerns.iter().position(|c| c.id == id);
    let moves = file
        .moves
        .iter()
        .map(|m| {
            let needs = m
                .about
                .iter()
                .filter_map(|a| need_index(a))
                .fold(0u16, |acc, i| acc | 1 << i);
            let concern = m.about.iter().find_map(|a| concern_index(a));
            let settles = file
                .concerns
                .iter()
                .enumerate()
                .filter(|(_, c)| c.settled_by.contains(&m.id))
                .fold(0u16, |acc, (i, _)| acc | 1 << i);
            CompiledMove {
                kind: m.kind,
                needs,
                concern,
                settles,
            }
        })
        .collect();
    let criteria = file
        .criteria
        .iter()
        .map(|c| {
            c.requires
                .iter()
                .filter_map(|cond| match cond {
                    Condition::Explicit(id) => need_index(id).map(Cond::Explicit),
                    Condition::Explored(id) => need_index(id).map(Cond::Explored),
                    Condition::Proposed(id) => need_index(id).map(Cond::Proposed),
                    Condition::Resolved(id) => concern_index(id).map(Cond::Resolved),
                    Condition::Trust(t) => Some(Cond::Trust(*t)),
                })
                .collect()
        })
        .collect();
    let (variable_needs, pick) = match &file.variation.active_needs {
        Some(p) => (
            p.from.iter().filter_map(|id| need_index(id)).collect(),
            p.pick,
        ),
        None => (Vec::new(), 0),
    };
    let all = if file.needs.len() >= 16 {
        u16::MAX
    } else {
        (1u16 << file.needs.len()) - 1
    };
    let always_active = variable_needs.iter().fold(all, |acc, &i| acc & !(1 << i));
    let (variable_concerns, concern_pick) = match &file.variation.active_concerns {
        Some(p) => (
            p.from
                .iter()
                .filter_map(|id| concern_index(id))
                .collect::<Vec<_>>(),
            p.pick,
        ),
        None => (Vec::new(), 0),
    };
    let all_concerns = if file.concerns.len() >= 16 {
        u16::MAX
    } else {
        (1u16 << file.concerns.len()) - 1
    };
    let always_concerns = variable_concerns
        .iter()
        .fold(all_concerns, |acc, &i| acc & !(1 << i));
    let mut replies = vec![Vec::new(); Reaction::COUNT];
    for r in &file.replies {
        replies[r.on as usize].push((r.mood, r.lines.clone()));
    }
    let weights = file.weights.unwrap_or_default();
    let concern_hints = file
        .concerns
        .iter()
        .map(|c| c.hinted_by.as_deref().and_then(need_index))
        .collect();
    let trust_ceiling = file.customer.trust_ceiling().clamp(1, 100) as i16;
    let answered_concerns = file
        .concerns
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.settled_by.is_empty())
        .fold(0u16, |acc, (i, _)| acc | 1 << i);
    Scenario {
        concern_hints,
        answered_concerns,
        trust_ceiling,
        moves,
        criteria,
        always_active,
        variable_needs,
        pick,
        always_concerns,
        variable_concerns,
        concern_pick,
        weights,
        replies,
        fingerprint: fingerprint(source),
        file,
    }
}

impl Scenario {
    pub fn id(&self) -> &str {
        &self.file.meta.id
    }

    pub fn title(&self) -> &str {
        &self.file.meta.title
    }

    /// The scenario's reply lines for a reaction in a mood: lines for that mood first,
    /// then lines for any mood; empty when the scenario wrote none.
    pub fn replies(&self, reaction: Reaction, mood: Mood) -> &[Arc<str>] {
        let pools = &self.replies[reaction as usize];
        pools
            .iter()
            .find(|(m, l)| *m == mood && !l.is_empty())
            .or_else(|| pools.iter().find(|(m, l)| *m == Mood::Any && !l.is_empty()))
            .or_else(|| pools.iter().find(|(_, l)| !l.is_empty()))
            .map_or(&[], |(_, lines)| lines.as_slice())
    }

    /// The heading of a need's section on the menu: its `topic`, or its id in words
    /// ("lunch-queue" reads "Lunch queue").
    pub fn need_topic(&self, i: usize) -> String {
        let need = self.need(i);
        if let Some(topic) = need
            .topic
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            return topic.to_string();
        }
        let words = need.id.replace(['-', '_'], " ");
        let mut chars = words.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    }

    pub fn need(&self, i: usize) -> &Need {
        &self.file.needs[i]
    }

    pub fn concern(&self, i: usize) -> &Concern {
        &self.file.concerns[i]
    }

    pub fn move_text(&self, i: usize) -> &str {
        &self.file.moves[i].text
    }

    pub fn has_post_sale(&self) -> bool {
        self.file.post_sale.is_some()
    }
}
