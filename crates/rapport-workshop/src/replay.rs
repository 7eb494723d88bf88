//! A call step by step beside the best honest play for the same scenario and seed: what the
//! trainee said and heard at each turn, what the best play said and heard, and the trust
//! after each. Built from a live conversation (the debrief) or from a saved result.

use crate::record::{CallResult, Reply, played_moves, text_hash};
use rapport_core::engine::Conversation;
use rapport_core::players::search::{Play, SearchConfig, search};
use rapport_core::scenario::{MoveKind, Scenario};
use rapport_core::scoring::debrief::{Verdict, debrief};
use std::sync::Arc;

/// One side of one turn.
#[derive(Debug, Clone, PartialEq)]
pub struct Side {
    pub said: String,
    pub kind: MoveKind,
    pub replies: Vec<Reply>,
    pub trust_after: i16,
    pub verdict: Verdict,
    pub principle: String,
}

/// A call beside the best play, turn by turn.
#[derive(Debug, Clone, PartialEq)]
pub struct Replay {
    pub title: String,
    pub seed: u64,
    pub opening: Vec<Reply>,
    pub yours: Vec<Side>,
    pub your_total: f64,
    /// The best honest play from the same start (none if the scenario is not here).
    pub best: Vec<Side>,
    pub best_total: Option<f64>,
    /// What the trainee should know about the comparison (an edited scenario, a missing one).
    pub note: Option<String>,
}

impl Replay {
    /// How many steps there are: the longer of the two calls.
    pub fn steps(&self) -> usize {
        self.yours.len().max(self.best.len())
    }
}

/// The sides of a conversation, each move with its replies and its annotation.
pub fn sides_of(conversation: &Conversation) -> Vec<Side> {
    let d = debrief(conversation);
    played_moves(conversation)
        .into_iter()
        .zip(d.timeline)
        .map(|(m, a)| Side {
            said: m.said,
            kind: m.kind,
            replies: m.replies,
            trust_after: a.trust_after,
            verdict: a.verdict,
            principle: a.principle,
        })
        .collect()
}

/// The best honest play replayed from the start of `scenario` with `seed`.
pub fn best_conversation(scenario: &Arc<Scenario>, seed: u64, best: &Play) -> Conversation {
    let mut call = Conversation::start(scenario.clone(), seed);
    for &m in &best.moves {
        if call.choose(m).is_err() {
            break;
        }
    }
    call
}

/// The replay of a live conversation, beside a best play already found (the debrief's).
pub fn of_conversation(conversation: &Conversation, best: Option<&Play>) -> Replay {
    let scenario = conversation.scenario();
    let best_sides = best
        .map(|p| sides_of(&best_conversation(scenario, conversation.seed(), p)))
        .unwrap_or_default();
    Replay {
        title: scenario.title().to_string(),
        seed: conversation.seed(),
        opening: crate::record::replies_of(conversation.opening()),
        yours: sides_of(conversation),
        your_total: debrief(conversation).score.total,
        best: best_sides,
        best_total: best.map(|p| p.total),
        note: None,
    }
}

/// The replay of a saved result; the best play is searched on `scenario` (this machine's
/// scenario with the result's id, if any). An edited scenario is said, not hidden.
pub fn of_result(result: &CallResult, scenario: Option<&Arc<Scenario>>) -> Replay {
    let yours: Vec<Side> = result
        .moves
        .iter()
        .zip(&result.debrief.timeline)
        .map(|(m, a)| Side {
            said: m.said.clone(),
            kind: m.kind,
            replies: m.replies.clone(),
            trust_after: a.trust_after,
            verdict: a.verdict,
            principle: a.principle.clone(),
        })
        .collect();
    let mut note = None;
    let (best, best_total) = match scenario.filter(|s| s.id() == result.attempt.scenario.id) {
        Some(scenario) => {
            if text_hash(scenario) != result.attempt.scenario.hash {
                note = Some(
                    "The scenario was edited after this call; the best play is for its \
                     current text."
                        .to_string(),
                );
            }
            let start = Conversation::start(scenario.clone(), result.attempt.seed);
            match search(scenario, *start.start_state(), SearchConfig::default()).honest {
                Some(play) => (
                    sides_of(&best_conversation(scenario, result.attempt.seed, &play)),
                    Some(play.total),
                ),
                None => (Vec::new(), None),
            }
        }
        None => {
            note = Some(format!(
                "The scenario \"{}\" is not on this machine, so the best play cannot be shown.",
                result.attempt.scenario.id
            ));
            (Vec::new(), None)
        }
    };
    Replay {
        title: result.attempt.scenario.title.clone(),
        seed: result.attempt.seed,
        opening: result.opening.clone(),
        yours,
        your_total: result.total(),
        best,
        best_total,
        note,
    }
}
