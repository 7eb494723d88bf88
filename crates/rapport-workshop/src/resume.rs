//! Resuming a saved call: the moves are replayed on the scenario as it is now, and the call
//! resumes only if every move still says and causes what the trainee saw.
//!
//! The engine is deterministic for a scenario text, a seed and the moves, so a resumed call
//! ends with exactly the score it would have had. An edit that leaves the played part alone
//! (a typo fixed in a line not yet reached) does not stop a resume; one that changes it does.

use crate::record::{PlayedMove, SavedCall, played_moves, text_hash};
use rapport_core::engine::Conversation;
use rapport_core::scenario::Scenario;
use std::sync::Arc;

/// Why a saved call cannot resume.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResumeError {
    /// The save is for another scenario id.
    OtherScenario { saved: String, given: String },
    /// The scenario was edited and the edit changes what was played, from this turn (1-based).
    Changed { turn: usize, why: String },
    /// The saved call had already ended (nothing to resume).
    AlreadyOver,
}

impl std::fmt::Display for ResumeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ResumeError::OtherScenario { saved, given } => write!(
                f,
                "the saved call is for scenario \"{saved}\", not \"{given}\""
            ),
            ResumeError::Changed { turn, why } => write!(
                f,
                "the scenario was edited since this call was saved and turn {turn} now plays \
                 differently ({why}); the call cannot resume, start it again"
            ),
            ResumeError::AlreadyOver => write!(f, "the saved call had already ended"),
        }
    }
}

impl std::error::Error for ResumeError {}

/// Replays a saved call on `scenario`; the conversation stands after the last saved move.
pub fn resume(scenario: Arc<Scenario>, saved: &SavedCall) -> Result<Conversation, ResumeError> {
    if saved.attempt.scenario.id != scenario.id() {
        return Err(ResumeError::OtherScenario {
            saved: saved.attempt.scenario.id.clone(),
            given: scenario.id().to_string(),
        });
    }
    let unedited = saved.attempt.scenario.hash == text_hash(&scenario);
    let mut conversation = Conversation::start(scenario, saved.attempt.seed);
    for (i, saved_move) in saved.moves.iter().enumerate() {
        if let Err(e) = conversation.choose_id(&saved_move.id) {
            return Err(ResumeError::Changed {
                turn: saved_move.turn,
                why: format!("\"{}\": {e}", saved_move.id),
            });
        }
        if !unedited {
            let replayed = played_moves(&conversation);
            let now = replayed.last().expect("a move was just played");
            let state_changed = saved.states.get(i) != Some(conversation.state());
            let why = difference(saved_move, now).or_else(|| {
                state_changed.then(|| "the customer's hidden reaction changed".to_string())
            });
            if let Some(why) = why {
                return Err(ResumeError::Changed {
                    turn: saved_move.turn,
                    why,
                });
            }
        }
    }
    if conversation.is_over() && !saved.moves.is_empty() {
        return Err(ResumeError::AlreadyOver);
    }
    Ok(conversation)
}

fn difference(saved: &PlayedMove, now: &PlayedMove) -> Option<String> {
    if saved.said != now.said {
        return Some(format!("the trainee's line of \"{}\" changed", saved.id));
    }
    if saved.replies != now.replies {
        return Some("the customer's reply changed".into());
    }
    None
}

/// When a saved call started, said the way a trainee reads it on any laptop whatever its time
/// zone: "a moment ago", "25 minutes ago", "3 hours ago", "2 days ago". A start that cannot be
/// read, or lies in the future (a clock set wrong), gives `None`, so the caller says nothing.
pub fn started_ago(started_at: &str, now_unix_seconds: i64) -> Option<String> {
    let (started, _) = crate::report::time::parse_rfc3339(started_at)?;
    let seconds = now_unix_seconds.checked_sub(started)?;
    (seconds >= 0).then(|| time_ago(seconds))
}

/// A time gone by in the words of [`started_ago`].
pub fn time_ago(seconds: i64) -> String {
    let plural = |n: i64, unit: &str| format!("{n} {unit}{} ago", if n == 1 { "" } else { "s" });
    match seconds {
        ..60 => "a moment ago".to_string(),
        60..3_600 => plural(seconds / 60, "minute"),
        3_600..86_400 => plural(seconds / 3_600, "hour"),
        _ => plural(seconds / 86_400, "day"),
    }
}

#[cfg(test)]
mod started_ago_tests {
    use super::started_ago;

    const START: &str = "2026-11-23T09:00:00Z";
    const START_UNIX: i64 = 1_795_424_400;

    #[test]
    fn a_start_is_said_as_time_elapsed_not_as_a_utc_clock() {
        assert_eq!(
            started_ago(START, START_UNIX + 20).as_deref(),
            Some("a moment ago")
        );
        assert_eq!(
            started_ago(START, START_UNIX + 60).as_deref(),
            Some("1 minute ago")
        );
        assert_eq!(
            started_ago(START, START_UNIX + 25 * 60 + 59).as_deref(),
            Some("25 minutes ago")
        );
        assert_eq!(
            started_ago(START, START_UNIX + 3 * 3_600).as_deref(),
            Some("3 hours ago")
        );
        assert_eq!(
            started_ago(START, START_UNIX + 2 * 86_400 + 5).as_deref(),
            Some("2 days ago")
        );
    }

    #[test]
    fn an_offset_start_counts_from_the_same_instant() {
        assert_eq!(
            started_ago("2026-11-23T10:00:00+01:00", START_UNIX + 120).as_deref(),
            Some("2 minutes ago")
        );
    }

    #[test]
    fn a_future_or_unreadable_start_says_nothing() {
        assert_eq!(started_ago(START, START_UNIX - 10), None);
        assert_eq!(started_ago("yesterday", START_UNIX), None);
    }
}
