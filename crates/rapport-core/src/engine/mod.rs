//! The conversation engine: start from a scenario and a seed, choose moves, get events back.
//! The same scenario, seed and moves always give the same events, state and score.

pub mod criteria;
pub mod lines;
pub mod menu;
pub mod offer;
pub mod rules;
pub mod state;
pub mod step;
pub mod view;

/// The style table lives with the scenario (its checks need it); the engine reads it.
pub use crate::scenario::style;

pub use criteria::{criteria_met, right_outcome};
pub use menu::{MenuSection, menu, menu_order};
pub use offer::{is_offered, offered};
pub use rules::Rule;
pub use state::{ConcernState, Depth, Phase, Situation, State, trust_word};
pub use step::{Discard, Sink};
pub use view::{Learned, learned};

use crate::scenario::{Outcome, Scenario};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Speaker {
    Trainee,
    Customer,
    /// Stage directions: "Six weeks later…", the agreed next step.
    Narrator,
}

/// What a move caused, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Event {
    /// The trainee chose this move (its index in the scenario's move list).
    MoveChosen {
        index: usize,
    },
    Said {
        speaker: Speaker,
        text: Arc<str>,
    },
    /// What the customer reacted to this turn: the lines she says next are written for it
    /// (the scenario's lines for this reaction, the move's own reply, or the plain line).
    Reacted {
        reaction: crate::scenario::Reaction,
    },
    TrustChanged {
        from: i16,
        to: i16,
        rule: Rule,
    },
    PatienceChanged {
        from: i16,
        to: i16,
        rule: Rule,
    },
    NeedDeepened {
        need: usize,
        depth: Depth,
        rule: Rule,
    },
    NeedHeldBack {
        need: usize,
        rule: Rule,
    },
    ConcernChanged {
        concern: usize,
        from: ConcernState,
        to: ConcernState,
        rule: Rule,
    },
    ConcernHeldBack {
        concern: usize,
        rule: Rule,
    },
    /// The customer named a buying criterion that is still open.
    GapNamed {
        criterion: usize,
        rule: Rule,
    },
    AgreementConfirmed,
    /// The customer, having described what hurts, asks for advice: proposals are welcome now.
    AdviceAsked {
        rule: Rule,
    },
    /// The customer bought, and the call goes on into the post-sale (Assure) phase.
    Committed {
        rule: Rule,
    },
    PhaseChanged {
        from: Phase,
        to: Phase,
    },
    Ended {
        outcome: Outcome,
        rule: Rule,
    },
}

impl Event {
    /// The rule behind a change of hidden state, if this event is one.
    pub fn rule(&self) -> Option<Rule> {
        match self {
            Event::TrustChanged { rule, .. }
            | Event::PatienceChanged { rule, .. }
            | Event::NeedDeepened { rule, .. }
            | Event::NeedHeldBack { rule, .. }
            | Event::ConcernChanged { rule, .. }
            | Event::ConcernHeldBack { rule, .. }
            | Event::GapNamed { rule, .. }
            | Event::Committed { rule }
            | Event::AdviceAsked { rule }
            | Event::Ended { rule, .. } => Some(*rule),
            _ => None,
        }
    }
}

/// Why a move could not be chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChooseError {
    Ended,
    NoSuchMove(usize),
    /// The move exists but is not on the menu now (its topic has not come up yet).
    NotOffered(usize),
}

impl std::fmt::Display for ChooseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChooseError::Ended => write!(f, "the conversation has ended"),
            ChooseError::NoSuchMove(i) => write!(f, "there is no move {i}"),
            ChooseError::NotOffered(i) => write!(f, "move {i} is not on offer yet"),
        }
    }
}

impl std::error::Error for ChooseError {}

/// One turn: the move, what it caused, and the hidden state after it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Turn {
    pub move_index: usize,
    pub events: Vec<Event>,
    pub after: State,
}

/// The starting state for a seed: which needs and concerns are active, who decides, how
/// guarded the customer is, and the starting mood.
pub fn initial_state(scenario: &Scenario, seed: u64) -> State {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut active = scenario.always_active;
    let mut pool = scenario.variable_needs.clone();
    for _ in 0..scenario.pick.min(pool.len()) {
        let i = rng.random_range(0..pool.len());
        active |= 1 << pool.swap_remove(i);
    }
    let customer = &scenario.file.customer;
    let variation = customer.mood_variation.clamp(0, 20);
    let offset = if variation > 0 {
        rng.random_range(-variation..=variation)
    } else {
        0
    };
    // Draws added in format 2 come after those of format 1, so old seeds keep their needs.
    let mut active_concerns = scenario.always_concerns;
    let mut pool = scenario.variable_concerns.clone();
    for _ in 0..scenario.concern_pick.min(pool.len()) {
        let i = rng.random_range(0..pool.len());
        active_concerns |= 1 << pool.swap_remove(i);
    }
    let needs_budget_holder = scenario
        .file
        .decision
        .budget_holder
        .as_ref()
        .is_some_and(|b| rng.random_range(0..100u8) < b.chance.min(100));
    let guarded = customer
        .guarded
        .as_ref()
        .is_some_and(|g| rng.random_range(0..100u8) < g.chance.min(100));
    let drop = if guarded {
        customer
            .guarded
            .as_ref()
            .map_or(0, |g| g.trust_drop.clamp(0, 40))
    } else {
        0
    };
    let trust = (customer.trust + offset - drop).clamp(0, i32::from(scenario.trust_ceiling)) as i16;
    State {
        turn: 0,
        trust,
        patience: customer.patience.clamp(0, 100) as i16,
        start_trust: trust,
        trust_gained_q: 0,
        trust_lost_q: 0,
        phase: Phase::Contact,
        outcome: None,
        walked_out: false,
        active,
        active_concerns,
        needs_budget_holder,
        guarded,
        depth: [0; crate::scenario::MAX_NEEDS],
        ruled_out: 0,
        held_back: 0,
        concerns: [ConcernState::Latent; crate::scenario::MAX_CONCERNS],
        ever_raised: 0,
        ever_resolved: 0,
        proposed: 0,
        co_designed: 0,
        proposed_early: 0,
        disclosed: 0,
        advice_asked: false,
        educated_well: false,
        purpose_stated: false,
        confirmed: false,
        no_fit_founded: false,
        ordered: false,
        assured: false,
        used: 0,
        rapport_moves: 0,
        situation_asked: 0,
        educated: 0,
        info: 0,
        info_at_check: 0,
        info_at_listen: 0,
        useful_checks: 0,
        manipulative: 0,
        premature_proposals: 0,
        bad_proposals: 0,
        moves: 0,
        questions: 0,
        tests_understanding: 0,
        summaries: 0,
        closes: 0,
        irritators: 0,
        presumed: 0,
        guard_up: guarded,
        signer_pending: scenario
            .file
            .decision
            .budget_holder
            .as_ref()
            .is_some_and(|b| b.trust_gate.is_some()),
    }
}

/// Applies a move to a bare state, recording nothing: the fast path for players and search.
/// Does nothing once the conversation has ended or for an unknown move.
#[inline]
pub fn apply(scenario: &Scenario, state: &mut State, move_index: usize) {
    if state.ended() || move_index >= scenario.moves.len() {
        return;
    }
    step::Step {
        scenario,
        state,
        seed: 0,
        sink: &mut Discard,
        move_index,
    }
    .run();
}

/// A conversation in progress: the scenario, the seed, the hidden state and every turn so far.
#[derive(Debug, Clone)]
pub struct Conversation {
    scenario: Arc<Scenario>,
    seed: u64,
    opening: Vec<Event>,
    start: State,
    state: State,
    turns: Vec<Turn>,
}

/// A conversation as saved: enough to restore it exactly onto the same scenario text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedConversation {
    pub scenario_id: String,
    pub fingerprint: u64,
    pub seed: u64,
    pub opening: Vec<Event>,
    pub start: State,
    pub state: State,
    pub turns: Vec<Turn>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RestoreError {
    OtherScenario { saved: String, given: String },
    ScenarioChanged,
    Corrupt(String),
}

impl std::fmt::Display for RestoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RestoreError::OtherScenario { saved, given } => {
                write!(
                    f,
                    "this save belongs to scenario \"{saved}\", not \"{given}\""
                )
            }
            RestoreError::ScenarioChanged => {
                write!(
                    f,
                    "the scenario file changed since this conversation was saved"
                )
            }
            RestoreError::Corrupt(why) => write!(f, "the save is damaged: {why}"),
        }
    }
}

impl std::error::Error for RestoreError {}

impl Conversation {
    /// Starts a conversation; the customer's opening line is in [`Conversation::opening`].
    pub fn start(scenario: Arc<Scenario>, seed: u64) -> Conversation {
        let state = initial_state(&scenario, seed);
        let mut opening = Vec::new();
        // The opening carries the cues to this play's situation: a guarded customer says so,
        // and who decides is in their first words.
        let customer = &scenario.file.customer;
        let decision = &scenario.file.decision;
        let cue_pools: [Option<&[Arc<str>]>; 3] = [
            Some(&customer.opening),
            customer
                .guarded
                .as_ref()
                .filter(|_| state.guarded)
                .map(|g| g.cue.as_slice()),
            decision
                .budget_holder
                .as_ref()
                .filter(|_| !state.signer_pending)
                .map(|b| {
                    if state.needs_budget_holder {
                        b.cue.as_slice()
                    } else {
                        b.alone_cue.as_slice()
                    }
                }),
        ];
        for (salt, pool) in cue_pools.into_iter().enumerate() {
            if let Some(text) = pool.and_then(|p| lines::pick_line(p, seed, 0, 1 + salt as u64 * 7))
            {
                opening.push(Event::Said {
                    speaker: Speaker::Customer,
                    text,
                });
            }
        }
        Conversation {
            scenario,
            seed,
            opening,
            start: state,
            state,
            turns: Vec::new(),
        }
    }

    pub fn scenario(&self) -> &Arc<Scenario> {
        &self.scenario
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    /// The state before the first move.
    pub fn start_state(&self) -> &State {
        &self.start
    }

    pub fn opening(&self) -> &[Event] {
        &self.opening
    }

    pub fn turns(&self) -> &[Turn] {
        &self.turns
    }

    pub fn outcome(&self) -> Option<Outcome> {
        if self.state.ended() {
            self.state.outcome
        } else {
            None
        }
    }

    pub fn is_over(&self) -> bool {
        self.state.ended()
    }

    /// Indices of the moves on offer now, in the scenario's order: what can be said about a
    /// need opens once the customer has brought it up (see [`offer`]); tempting moves stay on
    /// offer, the trainee must choose not to use them. Empty once the call is over.
    pub fn available_moves(&self) -> Vec<usize> {
        offered(&self.scenario, &self.state)
    }

    /// The moves on offer arranged for reading: sections that follow a call, one per topic
    /// (see [`menu`]). Numbering the moves in this order gives the numbers a trainee types.
    pub fn menu(&self) -> Vec<(MenuSection, Vec<usize>)> {
        menu(&self.scenario, &self.state)
    }

    /// Moves on offer now that were not on offer before the last move: newly opened topics.
    pub fn newly_offered(&self) -> Vec<usize> {
        let before = match self.turns.len() {
            0 => return Vec::new(),
            1 => self.start,
            n => self.turns[n - 2].after,
        };
        offered(&self.scenario, &self.state)
            .into_iter()
            .filter(|&i| !is_offered(&self.scenario, &before, i))
            .collect()
    }

    /// Plays a move and returns what it caused.
    pub fn choose(&mut self, move_index: usize) -> Result<&[Event], ChooseError> {
        if self.is_over() {
            return Err(ChooseError::Ended);
        }
        if move_index >= self.scenario.moves.len() {
            return Err(ChooseError::NoSuchMove(move_index));
        }
        if !is_offered(&self.scenario, &self.state, move_index) {
            return Err(ChooseError::NotOffered(move_index));
        }
        let mut events = Vec::with_capacity(6);
        step::Step {
            scenario: &self.scenario,
            state: &mut self.state,
            seed: self.seed,
            sink: &mut events,
            move_index,
        }
        .run();
        self.turns.push(Turn {
            move_index,
            events,
            after: self.state,
        });
        Ok(&self.turns.last().expect("just pushed").events)
    }

    /// Plays a move by its id.
    pub fn choose_id(&mut self, id: &str) -> Result<&[Event], ChooseError> {
        let index = self
            .scenario
            .file
            .moves
            .iter()
            .position(|m| m.id == id)
            .unwrap_or(usize::MAX);
        self.choose(index)
    }

    /// What the trainee said at a turn (0-based): the move's text, or its `again` phrasing
    /// when the same move had been played before. Every view of the dialogue reads this.
    pub fn trainee_line(&self, turn: usize) -> &str {
        let Some(t) = self.turns.get(turn) else {
            return "";
        };
        let mv = &self.scenario.file.moves[t.move_index];
        let repeated = self.turns[..turn]
            .iter()
            .any(|earlier| earlier.move_index == t.move_index);
        match (&mv.again, repeated) {
            (Some(again), true) => again,
            _ => &mv.text,
        }
    }

    /// The moves chosen so far.
    pub fn moves(&self) -> Vec<usize> {
        self.turns.iter().map(|t| t.move_index).collect()
    }

    /// The conversation as it stood after `turn` moves (0 = before the first), replayed
    /// exactly: the starting point of a what-if.
    pub fn rewind(&self, turn: usize) -> Conversation {
        let mut c = Conversation::start(self.scenario.clone(), self.seed);
        for t in self.turns.iter().take(turn) {
            // Replaying moves that were accepted cannot fail.
            let _ = c.choose(t.move_index);
        }
        c
    }

    pub fn save(&self) -> SavedConversation {
        SavedConversation {
            scenario_id: self.scenario.id().to_string(),
            fingerprint: self.scenario.fingerprint,
            seed: self.seed,
            opening: self.opening.clone(),
            start: self.start,
            state: self.state,
            turns: self.turns.clone(),
        }
    }

    /// Restores a saved conversation onto the scenario it was played with.
    pub fn restore(
        scenario: Arc<Scenario>,
        saved: SavedConversation,
    ) -> Result<Conversation, RestoreError> {
        if saved.scenario_id != scenario.id() {
            return Err(RestoreError::OtherScenario {
                saved: saved.scenario_id,
                given: scenario.id().to_string(),
            });
        }
        if saved.fingerprint != scenario.fingerprint {
            return Err(RestoreError::ScenarioChanged);
        }
        if saved
            .turns
            .iter()
            .any(|t| t.move_index >= scenario.moves.len())
        {
            return Err(RestoreError::Corrupt("a move index is out of range".into()));
        }
        Ok(Conversation {
            scenario,
            seed: saved.seed,
            opening: saved.opening,
            start: saved.start,
            state: saved.state,
            turns: saved.turns,
        })
    }
}
