//! The owner of the call: the one place a `Conversation` is started, restarted, branched (a
//! what-if), played, ended and abandoned in the game, and what the screens need to draw it.
//!
//! Screens and automatic play ask by message: a [`CallRequest`] to start, restart, branch or
//! leave a call, a [`ChooseMove`] to say something. The owner answers with [`CallNews`]
//! (started, move played, ended, abandoned, left), which the screens follow and, later, the
//! results writer will. The coach's principle and the debrief come from
//! `rapport_core::scoring::debrief`. Nothing here decides what a move does.

use super::low_power;
use super::scenario_assets::Library;
use bevy::prelude::*;
use bevy::tasks::{AsyncComputeTaskPool, Task, block_on, futures_lite::future};
use rapport_core::engine::{Conversation, Event, Speaker};
use rapport_core::players::search::{Play, SearchConfig, search};
use rapport_core::scenario::{Outcome, Scenario};
use rapport_core::scoring::debrief::{Debrief, debrief};
use rapport_core::scoring::outcome_label;
use std::sync::Arc;
use std::time::Duration;

/// The trainee picks move `0`-based index of the scenario's move list.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChooseMove(pub usize);

/// What a screen or automatic play asks of the call owner.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallRequest {
    /// A new call on the selected scenario's last good version; without a seed, the call owner
    /// asks [`CallSetup::seed_for`]: `--seed`, else the room's seed for the trainee's next
    /// attempt, else a new one.
    Start { seed: Option<u64> },
    /// Resume the call a killed game left (see [`CallSetup::interrupted_call`]) at its last move.
    Resume,
    /// The current call again from the start, on the scenario's last good version (a trainer's
    /// edit shows), with the same seed or a new one.
    Restart { same_seed: bool },
    /// Play on from before `turn` (1-based) with another move; the first ending is kept.
    WhatIf { turn: usize },
    /// Leave a what-if for the first call as it ended, to read its debrief again (the what-if
    /// is kept among [`Session::explored`], to reopen).
    BackToFirst,
    /// Reopen a what-if left for the first ending (an index of [`Session::explored`]).
    ReopenWhatIf { index: usize },
    /// Leave the call (abandoning it if it is not over) and go back to the menu.
    Leave,
}

/// What the call owner announces.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallNews {
    Started {
        seed: u64,
        what_if: bool,
    },
    /// An interrupted call resumed after its last saved move.
    Resumed {
        seed: u64,
        turns: usize,
    },
    MovePlayed {
        turn: usize,
    },
    Ended {
        outcome: Outcome,
    },
    /// The trainee left a call that was not over, after this many moves.
    Abandoned {
        turns: usize,
    },
    /// The call is gone (left after it ended, or abandoned).
    Left,
    /// The first call of a what-if is back, as it ended.
    BackToFirst,
    /// A what-if left earlier is back as it was left: over (its debrief) or not (play on).
    WhatIfReopened {
        over: bool,
    },
}

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
    /// The first call itself, as it ended, to go back to.
    pub first_call: Conversation,
}

/// A what-if played from the first call and left for its ending, kept to reopen.
#[derive(Debug, Clone)]
pub struct Explored {
    pub from_turn: usize,
    pub conversation: Conversation,
}

/// The what-ifs that reached an ending in this run of the game, newest last, for "Your
/// results" (explorations are not attempts, so they are not saved as results).
#[derive(Resource, Debug, Default)]
pub struct WhatIfEndings(pub Vec<Arc<WhatIfEnding>>);

#[derive(Debug)]
pub struct WhatIfEnding {
    pub from_turn: usize,
    pub conversation: Conversation,
    /// The best honest play, if the search had found it, to replay beside.
    pub best: Option<Play>,
    pub ended_at: std::time::SystemTime,
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
    /// What-ifs played from this call and left, to reopen (kept through every what-if of it).
    pub explored: Vec<Explored>,
}

impl Session {
    fn start(path: String, scenario: Arc<Scenario>, seed: u64) -> Session {
        let conversation = Conversation::start(scenario.clone(), seed);
        Session::from_conversation(path, conversation, None)
    }

    /// A session over a conversation already under way (a replay or a what-if).
    fn from_conversation(
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
            explored: Vec::new(),
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

/// Starts a call on the selected scenario's last good version; returns its seed.
fn start_selected(world: &mut World, seed: Option<u64>) -> Option<u64> {
    let selected = world.get_resource::<Selected>().cloned()?;
    let scenario = world
        .resource::<Library>()
        .by_path(&selected.0)
        .and_then(|e| e.good.clone())?;
    let seed =
        seed.unwrap_or_else(|| (world.resource::<CallSetup>().seed_for)(world, scenario.id()));
    world.insert_resource(Session::start(selected.0, scenario, seed));
    Some(seed)
}

/// Resumes the interrupted call, if it still plays as it did.
fn resume_interrupted(world: &mut World) -> Option<CallNews> {
    let (path, conversation) = (world.resource::<CallSetup>().interrupted_call)(world)?;
    let news = CallNews::Resumed {
        seed: conversation.seed(),
        turns: conversation.turns().len(),
    };
    world.insert_resource(Selected(path.clone()));
    world.insert_resource(Session::from_conversation(path, conversation, None));
    Some(news)
}

/// What the call owner takes from the rest of the game without importing it, filled in by
/// the plugin that keeps who is playing and the call a killed game left; until then, a new
/// seed and nothing to resume.
#[derive(Resource, Debug, Clone, Copy)]
pub struct CallSetup {
    /// The seed of a new call on the scenario with this id, when the start request names none.
    pub seed_for: fn(&World, &str) -> u64,
    /// The interrupted call replayed on the scenarios as they are now (its library path and
    /// conversation); `None` when there is none or it no longer replays, in which case the
    /// reason is kept for the trainee by whoever filled this in.
    pub interrupted_call: fn(&mut World) -> Option<(String, Conversation)>,
}

impl Default for CallSetup {
    fn default() -> Self {
        CallSetup {
            seed_for: |_, _| fresh_seed(),
            interrupted_call: |_| None,
        }
    }
}

/// A seed for a new call: the `--seed` given, else one from the clock.
pub fn fresh_seed() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| u64::from(d.subsec_nanos() % 9000) + 1000)
}

pub(super) fn plugin(app: &mut App) {
    app.add_message::<ChooseMove>();
    app.add_message::<CallRequest>();
    app.add_message::<CallNews>();
    app.init_resource::<CallSetup>();
    app.init_resource::<WhatIfEndings>();
    app.add_systems(
        Update,
        (apply_moves.in_set(CallMoves), poll_best_play).chain(),
    );
    // After every screen's systems, so a request made this frame is answered this frame.
    app.add_systems(
        PostUpdate,
        (handle_requests, ApplyDeferred).chain().in_set(CallOwner),
    );
}

/// Where chosen moves are played, in `Update`: the keys that choose run before it and the views
/// that draw the call after it, so a pick shows on the update of its key.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub struct CallMoves;

/// The call owner's answer to requests; what follows the news runs after it.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub struct CallOwner;

fn handle_requests(mut requests: MessageReader<CallRequest>, mut commands: Commands) {
    for &request in requests.read() {
        commands.queue(move |world: &mut World| {
            for news in answer(world, request) {
                world.write_message(news);
            }
        });
    }
}

/// Carries out one request and says what happened.
fn answer(world: &mut World, request: CallRequest) -> Vec<CallNews> {
    match request {
        CallRequest::Start { seed } => start_selected(world, seed)
            .map(|seed| CallNews::Started {
                seed,
                what_if: false,
            })
            .into_iter()
            .collect(),
        CallRequest::Resume => resume_interrupted(world).into_iter().collect(),
        CallRequest::Restart { same_seed } => {
            let Some(session) = world.get_resource::<Session>() else {
                return Vec::new();
            };
            let seed = if same_seed {
                session.seed()
            } else {
                fresh_seed()
            };
            let path = session.path.clone();
            let abandoned = abandoned(session);
            // The latest good version of the file, if it changed meanwhile.
            let scenario = world
                .resource::<Library>()
                .by_path(&path)
                .and_then(|e| e.good.clone())
                .unwrap_or_else(|| session.scenario.clone());
            world.insert_resource(Session::start(path, scenario, seed));
            abandoned
                .into_iter()
                .chain([CallNews::Started {
                    seed,
                    what_if: false,
                }])
                .collect()
        }
        CallRequest::WhatIf { turn } => {
            let Some(session) = world.get_resource::<Session>() else {
                return Vec::new();
            };
            let from = turn
                .saturating_sub(1)
                .min(session.conversation.turns().len());
            // A what-if of a what-if still compares with the very first ending.
            let (first, first_moves, first_call) = match &session.what_if {
                Some(w) => (w.first.clone(), w.first_moves, w.first_call.clone()),
                None => (
                    debrief(&session.conversation),
                    session.conversation.turns().len(),
                    session.conversation.clone(),
                ),
            };
            let seed = session.seed();
            let explored = session.explored.clone();
            // `Conversation::rewind` restores the call exactly as it stood.
            let mut next = Session::from_conversation(
                session.path.clone(),
                session.conversation.rewind(from),
                Some(WhatIf {
                    from_turn: from,
                    first,
                    first_moves,
                    first_call,
                }),
            );
            next.explored = explored;
            world.insert_resource(next);
            vec![CallNews::Started {
                seed,
                what_if: true,
            }]
        }
        CallRequest::BackToFirst => {
            let Some(session) = world.get_resource::<Session>() else {
                return Vec::new();
            };
            let Some(w) = &session.what_if else {
                return Vec::new();
            };
            let abandoned = abandoned(session);
            let mut first =
                Session::from_conversation(session.path.clone(), w.first_call.clone(), None);
            first.explored = session.explored.clone();
            if session.conversation.turns().len() > w.from_turn {
                first.explored.push(Explored {
                    from_turn: w.from_turn,
                    conversation: session.conversation.clone(),
                });
            }
            world.insert_resource(first);
            abandoned
                .into_iter()
                .chain([CallNews::BackToFirst])
                .collect()
        }
        CallRequest::ReopenWhatIf { index } => {
            let Some(session) = world.get_resource::<Session>() else {
                return Vec::new();
            };
            if session.what_if.is_some() || index >= session.explored.len() {
                return Vec::new();
            }
            let mut explored = session.explored.clone();
            let reopened = explored.remove(index);
            let over = reopened.conversation.is_over();
            let mut next = Session::from_conversation(
                session.path.clone(),
                reopened.conversation,
                Some(WhatIf {
                    from_turn: reopened.from_turn,
                    first: debrief(&session.conversation),
                    first_moves: session.conversation.turns().len(),
                    first_call: session.conversation.clone(),
                }),
            );
            next.explored = explored;
            world.insert_resource(next);
            vec![CallNews::WhatIfReopened { over }]
        }
        CallRequest::Leave => {
            let abandoned = world.get_resource::<Session>().and_then(abandoned);
            world.remove_resource::<Session>();
            abandoned.into_iter().chain([CallNews::Left]).collect()
        }
    }
}

/// A call left before it ended.
fn abandoned(session: &Session) -> Option<CallNews> {
    (!session.conversation.is_over()).then(|| CallNews::Abandoned {
        turns: session.conversation.turns().len(),
    })
}

fn apply_moves(
    mut moves: MessageReader<ChooseMove>,
    session: Option<ResMut<Session>>,
    mut news: MessageWriter<CallNews>,
    mut what_if_endings: ResMut<WhatIfEndings>,
) {
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
            continue;
        }
        news.write(CallNews::MovePlayed {
            turn: session.conversation.turns().len(),
        });
        if let Some(outcome) = session.conversation.outcome() {
            news.write(CallNews::Ended { outcome });
            if let Some(w) = &session.what_if {
                what_if_endings.0.push(Arc::new(WhatIfEnding {
                    from_turn: w.from_turn,
                    conversation: session.conversation.clone(),
                    best: session.best_play().cloned(),
                    ended_at: std::time::SystemTime::now(),
                }));
            }
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
