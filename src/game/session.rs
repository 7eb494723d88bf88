//! The call in progress: the core's `Conversation` and what the screens need to draw it.
//!
//! Input anywhere becomes a [`ChooseMove`] message; [`apply_moves`] hands the index to
//! `Conversation::choose` and records the events that come back as dialogue lines. The
//! coach's principle and the debrief come from `rapport_core::scoring::debrief`. Nothing
//! here decides what a move does.

use super::low_power;
use super::scenario_assets::Library;
use bevy::prelude::*;
use bevy::tasks::{AsyncComputeTaskPool, Task, block_on, futures_lite::future};
use rapport_core::engine::{Conversation, Event, Speaker};
use rapport_core::players::search::{Play, SearchConfig, search};
use rapport_core::scenario::Scenario;
use rapport_core::scoring::debrief::{Debrief, debrief};
use rapport_core::scoring::outcome_label;
use std::sync::Arc;
use std::time::Duration;

/// The trainee picks move `0`-based index of the scenario's move list.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChooseMove(pub usize);

/// The scenario chosen in the menu, by its library path.
#[derive(Resource, Debug, Clone, PartialEq, Eq)]
pub struct Selected(pub String);

/// One line of the dialogue log.
#[derive(Debug, Clone, PartialEq)]
pub struct LogLine {
    pub speaker: Speaker,
    pub text: String,
    /// The turn it belongs to (0 = the opening).
    pub turn: usize,
}

/// The best play the checker's search finds from this call's start.
pub enum BestPlay {
    Searching(Task<Option<Play>>),
    Found(Option<Play>),
}

/// A what-if: the first ending, kept to compare with the new one.
#[derive(Debug, Clone)]
pub struct WhatIf {
    /// Moves kept from the first call before playing on differently.
    pub from_turn: usize,
    pub first: Debrief,
    pub first_moves: usize,
}

#[derive(Resource)]
pub struct Session {
    /// The library entry it was started from.
    pub path: String,
    pub scenario: Arc<Scenario>,
    pub conversation: Conversation,
    pub log: Vec<LogLine>,
    /// The coach's one-line principle for each turn played.
    pub coach: Vec<String>,
    pub best: BestPlay,
    pub what_if: Option<WhatIf>,
}

impl Session {
    pub fn start(path: String, scenario: Arc<Scenario>, seed: u64) -> Session {
        let conversation = Conversation::start(scenario.clone(), seed);
        Session::from_conversation(path, conversation, None)
    }

    /// A session over a conversation already under way (a replay or a what-if).
    pub fn from_conversation(
        path: String,
        conversation: Conversation,
        what_if: Option<WhatIf>,
    ) -> Session {
        let scenario = conversation.scenario().clone();
        let start = *conversation.start_state();
        let search_scenario = scenario.clone();
        let task = AsyncComputeTaskPool::get().spawn(async move {
            let result = search(&search_scenario, start, SearchConfig::default());
            low_power::wake_for(Duration::from_millis(200));
            result.honest
        });
        let mut session = Session {
            path,
            scenario,
            conversation,
            log: Vec::new(),
            coach: Vec::new(),
            best: BestPlay::Searching(task),
            what_if,
        };
        session.rebuild_log();
        session
    }

    pub fn seed(&self) -> u64 {
        self.conversation.seed()
    }

    pub fn customer_name(&self) -> &str {
        &self.scenario.file.customer.name
    }

    /// The log and coach notes, replayed from the conversation's turns.
    fn rebuild_log(&mut self) {
        self.log.clear();
        self.coach.clear();
        let opening: Vec<Event> = self.conversation.opening().to_vec();
        push_events(&mut self.log, &opening, 0);
        let turns: Vec<Vec<Event>> = self
            .conversation
            .turns()
            .iter()
            .map(|t| t.events.clone())
            .collect();
        for (i, events) in turns.iter().enumerate() {
            self.log.push(LogLine {
                speaker: Speaker::Trainee,
                text: self.conversation.trainee_line(i).to_string(),
                turn: i + 1,
            });
            push_events(&mut self.log, events, i + 1);
        }
        self.coach = debrief(&self.conversation)
            .timeline
            .into_iter()
            .map(|a| a.principle)
            .collect();
    }

    /// Plays a move through the core and records what came back.
    pub fn choose(&mut self, index: usize) -> bool {
        let turn = self.conversation.turns().len() + 1;
        let Ok(events) = self.conversation.choose(index) else {
            return false;
        };
        let events = events.to_vec();
        self.log.push(LogLine {
            speaker: Speaker::Trainee,
            text: self.conversation.trainee_line(turn - 1).to_string(),
            turn,
        });
        push_events(&mut self.log, &events, turn);
        if let Some(note) = debrief(&self.conversation).timeline.pop() {
            self.coach.push(note.principle);
        }
        true
    }

    /// The best honest play, once the search has finished.
    pub fn best_play(&self) -> Option<&Play> {
        match &self.best {
            BestPlay::Found(p) => p.as_ref(),
            BestPlay::Searching(_) => None,
        }
    }

    pub fn searching(&self) -> bool {
        matches!(self.best, BestPlay::Searching(_))
    }
}

fn push_events(log: &mut Vec<LogLine>, events: &[Event], turn: usize) {
    for e in events {
        match e {
            Event::Said { speaker, text } => log.push(LogLine {
                speaker: *speaker,
                text: text.to_string(),
                turn,
            }),
            Event::Ended { outcome, .. } => log.push(LogLine {
                speaker: Speaker::Narrator,
                text: format!("The call ends: {}.", outcome_label(*outcome)),
                turn,
            }),
            _ => {}
        }
    }
}

/// Starts a call on the selected scenario's last good version.
pub fn start_selected(world: &mut World, seed: u64) -> bool {
    let Some(selected) = world.get_resource::<Selected>().cloned() else {
        return false;
    };
    let Some(scenario) = world
        .resource::<Library>()
        .by_path(&selected.0)
        .and_then(|e| e.good.clone())
    else {
        return false;
    };
    world.insert_resource(Session::start(selected.0, scenario, seed));
    true
}

/// A seed for a new call: the `--seed` given, else one from the clock.
pub fn fresh_seed() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| u64::from(d.subsec_nanos() % 9000) + 1000)
}

pub(super) fn plugin(app: &mut App) {
    app.add_message::<ChooseMove>();
    app.add_systems(Update, (apply_moves, poll_best_play));
}

fn apply_moves(mut moves: MessageReader<ChooseMove>, session: Option<ResMut<Session>>) {
    let Some(mut session) = session else {
        moves.clear();
        return;
    };
    for ChooseMove(index) in moves.read() {
        if session.conversation.is_over() {
            break;
        }
        if !session.choose(*index) {
            warn!("move {index} was not accepted");
        }
    }
}

fn poll_best_play(session: Option<ResMut<Session>>) {
    let Some(mut session) = session else { return };
    // Looking must not mark the session changed, or every view would redraw every frame.
    let inner = session.bypass_change_detection();
    let BestPlay::Searching(task) = &mut inner.best else {
        return;
    };
    if !task.is_finished() {
        return;
    }
    let found = block_on(future::poll_once(task)).flatten();
    inner.best = BestPlay::Found(found);
    session.set_changed();
}
