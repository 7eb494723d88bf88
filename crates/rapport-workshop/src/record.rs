//! A call's result (finished or abandoned) and the call in progress, as versioned JSON.
//!
//! A result is self-contained: it carries the trainee's words and the customer's replies, the
//! hidden state per turn, the score with reasons, the annotations, the outcome and the profile,
//! so a report never needs the scenario file (which may have been edited since).

use crate::damage;
use rapport_core::engine::{Conversation, Event, Speaker, State};
use rapport_core::scenario::{MoveKind, Scenario};
use rapport_core::scoring::debrief::{Debrief, debrief};
use rapport_core::visible::{ECHO_LIMIT, echoed};
use serde::{Deserialize, Serialize};

/// The version of the result and saved-call files this build writes. Files of an older
/// version are read when they can be, else refused with a message saying which version.
pub const RESULT_FORMAT: u32 = 1;
/// What a result file says it is, so a stray JSON file is not mistaken for one.
pub const RESULT_KIND: &str = "rapport-result";
/// What the file of a call in progress says it is.
pub const SAVED_CALL_KIND: &str = "rapport-call-in-progress";
/// Larger files are not results (a long call is tens of kilobytes).
pub const MAX_RESULT_BYTES: u64 = 4 * 1024 * 1024;

/// Who played which scenario when: what every result and saved call starts with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attempt {
    /// A random UUID naming this attempt (also the xAPI registration).
    pub attempt_id: String,
    /// The name or nickname the trainee entered; any characters.
    pub trainee: String,
    /// The workshop code the call was played under, if any.
    pub workshop: Option<String>,
    pub scenario: ScenarioRef,
    pub seed: u64,
    /// RFC 3339, UTC.
    pub started_at: String,
}

/// Which scenario, and which text of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScenarioRef {
    pub id: String,
    pub title: String,
    /// A hash of the scenario's text (`fnv1a64:` and 16 hex digits): an edit changes it.
    pub hash: String,
}

impl ScenarioRef {
    pub fn of(scenario: &Scenario) -> ScenarioRef {
        ScenarioRef {
            id: scenario.id().to_string(),
            title: scenario.title().to_string(),
            hash: text_hash(scenario),
        }
    }
}

/// The hash a result records for a scenario's text.
pub fn text_hash(scenario: &Scenario) -> String {
    format!("fnv1a64:{:016x}", scenario.fingerprint)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The call reached an ending.
    Finished,
    /// The trainee left (or the game closed) before an ending.
    Abandoned,
}

/// One move as played: what the trainee said and what came back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlayedMove {
    /// 1-based.
    pub turn: usize,
    /// The move's id in the scenario.
    pub id: String,
    pub kind: MoveKind,
    /// The trainee's words (the `again` phrasing for a repeat).
    pub said: String,
    pub replies: Vec<Reply>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reply {
    pub speaker: Speaker,
    pub text: String,
}

/// The moves of a conversation with the replies, as they are kept in results and saves.
pub fn played_moves(conversation: &Conversation) -> Vec<PlayedMove> {
    let scenario = conversation.scenario();
    conversation
        .turns()
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mv = &scenario.file.moves[t.move_index];
            PlayedMove {
                turn: i + 1,
                id: mv.id.clone(),
                kind: mv.kind,
                said: conversation.trainee_line(i).to_string(),
                replies: replies(&t.events),
            }
        })
        .collect()
}

/// What was said in these events (the customer's replies, the narrator's lines).
pub fn replies_of(events: &[Event]) -> Vec<Reply> {
    replies(events)
}

fn replies(events: &[Event]) -> Vec<Reply> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Said { speaker, text } => Some(Reply {
                speaker: *speaker,
                text: text.to_string(),
            }),
            _ => None,
        })
        .collect()
}

/// A finished or abandoned call, as written to the results folder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallResult {
    pub format: u32,
    pub kind: String,
    /// The version of Rapport that wrote it.
    pub rapport_version: String,
    #[serde(flatten)]
    pub attempt: Attempt,
    pub status: Status,
    /// RFC 3339, UTC.
    pub ended_at: String,
    pub duration_seconds: f64,
    /// The customer's opening words.
    pub opening: Vec<Reply>,
    pub moves: Vec<PlayedMove>,
    /// Scores per dimension with reasons, penalties, outcome and the right outcome, the
    /// annotation of every move, the needs found and missed, trust over the call, the hidden
    /// state turn by turn, the behaviour profile and the missed cues.
    pub debrief: Debrief,
}

/// When a call ended and how long it took, from the clock of whoever writes the result.
#[derive(Debug, Clone, PartialEq)]
pub struct Ending {
    pub ended_at: String,
    pub duration_seconds: f64,
}

impl CallResult {
    /// The result of a conversation as it stands: finished if it reached an ending.
    pub fn of(
        conversation: &Conversation,
        attempt: Attempt,
        ending: Ending,
        rapport_version: &str,
    ) -> CallResult {
        CallResult {
            format: RESULT_FORMAT,
            kind: RESULT_KIND.to_string(),
            rapport_version: rapport_version.to_string(),
            attempt,
            status: if conversation.is_over() {
                Status::Finished
            } else {
                Status::Abandoned
            },
            ended_at: ending.ended_at,
            duration_seconds: ending.duration_seconds,
            opening: replies(conversation.opening()),
            moves: played_moves(conversation),
            debrief: debrief(conversation),
        }
    }

    /// The file's text: pretty JSON, so a facilitator can read one in an editor.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a result file's bytes: refuses what is not a result, or a newer format, and names
    /// the field, line and column of a damaged one (a score out of range is damage too).
    pub fn from_json(bytes: &[u8]) -> Result<CallResult, ResultError> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        // One pass for a good file; only a file that fails is looked at again, to say why.
        match serde_json::from_slice::<CallResult>(bytes) {
            Ok(result) if result.kind == RESULT_KIND && result.format <= RESULT_FORMAT => {
                result.in_range(bytes)
            }
            parsed => {
                header(bytes, RESULT_KIND)?;
                match parsed {
                    Ok(result) => result.in_range(bytes),
                    Err(error) => Err(located(bytes, error)),
                }
            }
        }
    }

    /// Scores are 0–100 and durations not negative: a hand-edited 250 is damage, named.
    fn in_range(self, bytes: &[u8]) -> Result<CallResult, ResultError> {
        let score = &self.debrief.score;
        let mut figures = vec![
            ("debrief.score.total".to_string(), score.total, 100.0),
            (
                "duration_seconds".to_string(),
                self.duration_seconds,
                f64::MAX,
            ),
        ];
        for (i, d) in score.dimensions.iter().enumerate() {
            figures.push((
                format!("debrief.score.dimensions[{i}].value"),
                d.value,
                100.0,
            ));
        }
        for (i, p) in score.penalties.iter().enumerate() {
            figures.push((
                format!("debrief.score.penalties[{i}].points"),
                p.points,
                100.0,
            ));
        }
        let Some((field, value, most)) = figures
            .into_iter()
            .find(|(_, value, most)| !(0.0..=*most).contains(value))
        else {
            return Ok(self);
        };
        let range = if most == 100.0 {
            "0 to 100".to_string()
        } else {
            "0 or more".to_string()
        };
        Err(ResultError::Damaged(format!(
            "{}: {value} is out of range ({range})",
            place(bytes, &field, None)
        )))
    }
    pub fn total(&self) -> f64 {
        self.debrief.score.total
    }
}

/// A call in progress, saved after every move so a killed game can resume it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedCall {
    pub format: u32,
    pub kind: String,
    #[serde(flatten)]
    pub attempt: Attempt,
    pub moves: Vec<PlayedMove>,
    /// The customer's hidden state after each move, so a resume on an edited scenario can
    /// tell whether the edit changed what was played.
    pub states: Vec<State>,
}

impl SavedCall {
    pub fn of(conversation: &Conversation, attempt: Attempt) -> SavedCall {
        SavedCall {
            format: RESULT_FORMAT,
            kind: SAVED_CALL_KIND.to_string(),
            attempt,
            moves: played_moves(conversation),
            states: conversation.turns().iter().map(|t| t.after).collect(),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    pub fn from_json(bytes: &[u8]) -> Result<SavedCall, ResultError> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        header(bytes, SAVED_CALL_KIND)?;
        serde_json::from_slice(bytes).map_err(|e| located(bytes, e))
    }
}

/// Why a file could not be read as a result or a saved call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResultError {
    /// Not JSON, or JSON that is not a result.
    NotAResult(String),
    /// Written by a newer Rapport.
    NewerFormat { found: u32 },
    /// A result of this format with missing or mistyped parts.
    Damaged(String),
}

impl std::fmt::Display for ResultError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ResultError::NotAResult(why) => write!(f, "not a Rapport result: {why}"),
            ResultError::NewerFormat { found } => write!(
                f,
                "written by a newer Rapport (result format {found}; this version reads up to \
                 {RESULT_FORMAT}): update Rapport to read it"
            ),
            ResultError::Damaged(why) => write!(f, "damaged result: {why}"),
        }
    }
}

impl std::error::Error for ResultError {}

/// Parses the JSON and checks its kind and format before the body is read.
fn header(bytes: &[u8], kind: &str) -> Result<serde_json::Value, ResultError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| ResultError::NotAResult(e.to_string()))?;
    let found_kind = value.get("kind").and_then(|k| k.as_str());
    if found_kind != Some(kind) {
        return Err(ResultError::NotAResult(match found_kind {
            Some(other) => format!("it says it is a \"{other}\", not a \"{kind}\""),
            None => format!("it has no \"kind\": \"{kind}\""),
        }));
    }
    let format = match value.get("format") {
        Some(serde_json::Value::Number(n)) if n.is_u64() => n.as_u64().unwrap_or(u64::MAX),
        Some(other) => {
            let shown = echoed(&other.to_string(), ECHO_LIMIT);
            return Err(ResultError::Damaged(format!(
                "{}: \"format\" is {shown}, not a format version (a whole number such as {RESULT_FORMAT})",
                place(bytes, "format", None)
            )));
        }
        None => {
            return Err(ResultError::Damaged(format!(
                "it has no \"format\" (the version of the file, such as {RESULT_FORMAT})"
            )));
        }
    };
    if format > RESULT_FORMAT as u64 {
        return Err(ResultError::NewerFormat {
            found: format.min(u32::MAX as u64) as u32,
        });
    }
    Ok(value)
}

/// A damaged part's error as `field `debrief.score.total`, line 470, column 18: …`: serde_json
/// gives the line and column; the field is the path of the value there. A flattened part of
/// the file (who, which scenario, when) is reported by serde_json at the file's end, so it is
/// read alone to find its place.
fn located(bytes: &[u8], error: serde_json::Error) -> ResultError {
    let mut error = error;
    let mut field = damage::field_at(
        bytes,
        damage::offset_of(bytes, error.line(), error.column()),
    );
    if field.is_empty()
        && let Err(inner) = serde_json::from_slice::<Attempt>(bytes)
    {
        field = damage::field_at(
            bytes,
            damage::offset_of(bytes, inner.line(), inner.column()),
        );
        error = inner;
    }
    let message = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    let message = message.strip_suffix(&suffix).unwrap_or(&message);
    ResultError::Damaged(format!(
        "{}: {message}",
        place(bytes, &field, Some((error.line(), error.column())))
    ))
}

/// `field `x.y`, line L, column C` (the value's start when it can be found).
fn place(bytes: &[u8], field: &str, fallback: Option<(usize, usize)>) -> String {
    let at = damage::place_of(bytes, field).or(fallback);
    let field = if field.is_empty() {
        "the top level".to_string()
    } else {
        format!("field `{field}`")
    };
    match at {
        Some((line, column)) => format!("{field}, line {line}, column {column}"),
        None => field,
    }
}

/// The first n characters of a name, for one-line messages (a name may be 10,000 characters).
pub fn shortened(text: &str, n: usize) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(n).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stray_json_file_is_not_a_result() {
        let err = CallResult::from_json(br#"{"name": "x"}"#).unwrap_err();
        assert!(matches!(err, ResultError::NotAResult(_)), "{err}");
    }

    #[test]
    fn a_newer_format_is_refused_with_its_number() {
        let err = CallResult::from_json(br#"{"kind": "rapport-result", "format": 9}"#).unwrap_err();
        assert_eq!(err, ResultError::NewerFormat { found: 9 });
        assert!(err.to_string().contains("update Rapport"));
    }

    #[test]
    fn shortened_keeps_short_names_and_cuts_long_ones() {
        assert_eq!(shortened("Ana", 5), "Ana");
        assert_eq!(shortened("Anastasia", 4), "Anas…");
    }
}
