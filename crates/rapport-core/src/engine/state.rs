//! The customer's hidden state and the seller's counters: a small `Copy` value, so plays can
//! be searched, saved and restored exactly.

use crate::scenario::{MAX_CONCERNS, MAX_NEEDS, Mood, Outcome};
use serde::{Deserialize, Serialize};

/// How far a need has been discovered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[repr(u8)]
pub enum Depth {
    Unknown = 0,
    Surfaced = 1,
    Explored = 2,
    Explicit = 3,
}

impl Depth {
    pub fn from_u8(v: u8) -> Depth {
        match v {
            0 => Depth::Unknown,
            1 => Depth::Surfaced,
            2 => Depth::Explored,
            _ => Depth::Explicit,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Depth::Unknown => "unknown",
            Depth::Surfaced => "surfaced",
            Depth::Explored => "explored",
            Depth::Explicit => "explicit",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum ConcernState {
    #[default]
    Latent,
    Raised,
    Resolved,
    Hardened,
}

impl ConcernState {
    pub fn label(self) -> &'static str {
        match self {
            ConcernState::Latent => "not yet voiced",
            ConcernState::Raised => "voiced",
            ConcernState::Resolved => "resolved",
            ConcernState::Hardened => "hardened",
        }
    }
}

/// The step of the collaborative sale the conversation is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Phase {
    #[default]
    Contact,
    Explore,
    Collaborate,
    Confirm,
    Assure,
    Ended,
}

impl Phase {
    pub fn label(self) -> &'static str {
        match self {
            Phase::Contact => "Contact",
            Phase::Explore => "Explore",
            Phase::Collaborate => "Collaborate",
            Phase::Confirm => "Confirm",
            Phase::Assure => "Assure",
            Phase::Ended => "Ended",
        }
    }
}

/// Everything the engine knows about one conversation at one moment.
///
/// Trust and patience are kept as ledgers rather than as running values: trust is the start
/// plus every gain (each earned once, for a piece of progress) less every loss, clamped only
/// when read; patience is the start less the time of every move, which depends on the moves
/// played and never on how well they went. So a conversation that knows more is never worse
/// off than one that knows less, which is what makes the honesty invariant hold by
/// construction (see `docs/scenario-format.md`, "Why tricks never pay").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct State {
    pub turn: u16,
    /// Trust as shown: the ledger below, clamped to 0 and the customer's ceiling.
    pub trust: i16,
    pub patience: i16,
    pub start_trust: i16,
    /// Trust gained and lost, in quarter points.
    pub trust_gained_q: i32,
    pub trust_lost_q: i32,
    pub phase: Phase,
    pub outcome: Option<Outcome>,
    /// The customer ended the call (trust broke or patience ran out).
    pub walked_out: bool,
    /// Needs active in this play (seeded), as a bit set.
    pub active: u16,
    /// Concerns on the customer's mind in this play (seeded), as a bit set.
    pub active_concerns: u16,
    /// This customer cannot decide alone in this play (seeded): the right ending is an advance.
    pub needs_budget_holder: bool,
    /// This customer is guarded in this play (seeded): lower starting trust.
    pub guarded: bool,
    pub depth: [u8; MAX_NEEDS],
    /// Needs the customer said are no issue.
    pub ruled_out: u16,
    /// Needs whose last question met a closed trust gate.
    pub held_back: u16,
    pub concerns: [ConcernState; MAX_CONCERNS],
    /// Concerns ever voiced and ever resolved: their trust and information count once.
    pub ever_raised: u16,
    pub ever_resolved: u16,
    pub proposed: u16,
    pub co_designed: u16,
    /// Needs proposed for too early (before they were explored or advice was asked).
    pub proposed_early: u16,
    /// Limitations of the product stated openly, per need.
    pub disclosed: u16,
    /// The customer asked for advice ("So what would you do?").
    pub advice_asked: bool,
    /// Generic education was welcome (given after the customer described a gap).
    pub educated_well: bool,
    pub purpose_stated: bool,
    pub confirmed: bool,
    /// A no-fit was recommended after the reason was explored.
    pub no_fit_founded: bool,
    pub ordered: bool,
    pub assured: bool,
    /// Moves already played, as a bit set of move indices.
    pub used: u128,
    pub rapport_moves: u8,
    pub situation_asked: u8,
    pub educated: u8,
    /// Pieces of information the customer has revealed.
    pub info: u8,
    /// Pieces covered by the trainee's summaries, and acknowledged by listening.
    pub info_at_check: u8,
    pub info_at_listen: u8,
    pub useful_checks: u8,
    pub manipulative: u8,
    pub premature_proposals: u8,
    pub bad_proposals: u8,
    // Behaviour counts for the profile.
    pub moves: u8,
    pub questions: u8,
    pub tests_understanding: u8,
    pub summaries: u8,
    pub closes: u8,
    pub irritators: u8,
    /// Moves that presumed what the customer had not said: deeper questions about a problem
    /// she never raised, answers to worries she never voiced or missed, limitations of needs
    /// she does not have.
    #[serde(default)]
    pub presumed: u8,
    /// A guarded customer is still waiting to be heard: she said why she is wary and the
    /// seller has neither acknowledged it nor pressed on past it yet.
    #[serde(default)]
    pub guard_up: bool,
    /// Who signs is still unsaid: the budget holder's cue waits for trust (`trust_gate`).
    #[serde(default)]
    pub signer_pending: bool,
}

/// What a seed decided about a play, apart from the starting mood: which needs and concerns
/// are real, whether someone else signs, how guarded the customer is. Two seeds with the same
/// situation are the same exercise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Situation {
    pub active: u16,
    pub active_concerns: u16,
    pub needs_budget_holder: bool,
    pub guarded: bool,
}

impl State {
    /// Trust points lost over the call, from the ledger.
    pub fn trust_lost(&self) -> u16 {
        (self.trust_lost_q / 4).clamp(0, i32::from(u16::MAX)) as u16
    }

    pub fn situation(&self) -> Situation {
        Situation {
            active: self.active,
            active_concerns: self.active_concerns,
            needs_budget_holder: self.needs_budget_holder,
            guarded: self.guarded,
        }
    }

    pub fn depth_of(&self, need: usize) -> Depth {
        Depth::from_u8(self.depth[need])
    }

    pub fn is_active(&self, need: usize) -> bool {
        self.active & (1 << need) != 0
    }

    /// The customer has said that someone else must sign (the budget holder's cue, after the
    /// opening line or, behind a trust gate, once she trusts you): something a listening
    /// trainee knows.
    pub fn said_someone_else_signs(&self) -> bool {
        self.needs_budget_holder && !self.signer_pending
    }

    pub fn concern_active(&self, concern: usize) -> bool {
        self.active_concerns & (1 << concern) != 0
    }

    pub fn ended(&self) -> bool {
        self.outcome.is_some() && self.phase == Phase::Ended
    }

    pub fn was_used(&self, move_index: usize) -> bool {
        move_index < 128 && self.used & (1u128 << move_index) != 0
    }

    pub fn mood(&self) -> Mood {
        mood_for(self.trust)
    }

    /// The same state with the turn counter cleared, for telling apart states that differ
    /// in what matters and not merely in when they were reached.
    pub fn key(&self) -> State {
        State { turn: 0, ..*self }
    }
}

pub fn mood_for(trust: i16) -> Mood {
    match trust {
        t if t < 35 => Mood::Guarded,
        t if t < 65 => Mood::Neutral,
        _ => Mood::Warm,
    }
}

/// The one word for how the customer feels at a trust level, used by the meter, the mood
/// line, the debrief and the reports alike (so the meter never relies on colour alone). Each
/// word refines one [`Mood`] (the scale the customer's lines are chosen by), never straddles
/// two: hostile and wary are guarded, reserved and open are neutral, warm and trusting are warm.
pub fn trust_word(trust: i16) -> &'static str {
    match (mood_for(trust), trust) {
        (Mood::Guarded, t) if t < 20 => "hostile",
        (Mood::Guarded, _) => "wary",
        (Mood::Neutral, t) if t < 50 => "reserved",
        (Mood::Neutral, _) => "open",
        (Mood::Warm, t) if t < 80 => "warm",
        // `Any` is a line's filter, never a mood; `mood_for` does not return it.
        (Mood::Warm | Mood::Any, _) => "trusting",
    }
}

#[cfg(test)]
mod tests {
    use super::{mood_for, trust_word};
    use crate::scenario::Mood;

    #[test]
    fn one_scale_each_trust_word_belongs_to_one_mood_and_rises_with_trust() {
        let order = ["hostile", "wary", "reserved", "open", "warm", "trusting"];
        let mut moods: Vec<(&str, Mood)> = Vec::new();
        let mut last = 0;
        for trust in -10..=110 {
            let word = trust_word(trust);
            let rank = order.iter().position(|w| *w == word).unwrap();
            assert!(
                rank >= last,
                "{word} at trust {trust} comes after {}",
                order[last]
            );
            last = rank;
            match moods.iter().find(|(w, _)| *w == word) {
                Some((_, mood)) => assert_eq!(*mood, mood_for(trust), "{word} at {trust}"),
                None => moods.push((word, mood_for(trust))),
            }
        }
        // The examples now read on one scale.
        assert_eq!((trust_word(9), mood_for(9)), ("hostile", Mood::Guarded));
        assert_eq!((trust_word(66), mood_for(66)), ("warm", Mood::Warm));
        assert_eq!(moods.len(), order.len());
    }
}
