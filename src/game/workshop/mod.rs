//! What outlives a call in the game: who is playing (the trainee's name and the workshop
//! code), the results writer that follows the call owner's news (the call in progress saved
//! after every move, a result when the call ends or is abandoned), and the call a killed game
//! left behind, offered for resuming.
//!
//! Writing never stops the game: a results folder that is missing, read-only or full shows a
//! message ([`ResultsNotice`]) and the call goes on; what was saved before stays whole.

mod lrs;
mod writer;

pub use lrs::{LrsLink, LrsState, LrsStatus};
pub use writer::ResultsWriter;

use super::GameOptions;
use super::scenario_assets::Library;
use super::session::{CallNews, CallOwner, CallSetup, Session};
use super::settings::Settings;
use crate::files::results;
use bevy::prelude::*;
use rapport_core::engine::Conversation;
use rapport_workshop::record::Attempt;
use rapport_workshop::{SavedCall, WorkshopCode};
use std::path::PathBuf;
use std::time::SystemTime;

/// The trainee's name for results, and the workshop the room plays under.
#[derive(Resource, Debug, Default, Clone)]
pub struct Trainee {
    pub name: String,
    /// The code as entered, once it checked out against this machine's scenarios.
    pub workshop: Option<(String, WorkshopCode)>,
    /// Why the code entered was refused, in words for the trainee.
    pub workshop_problem: Option<String>,
}

/// Where results go (`None`: nowhere, as in tests and automatic play).
#[derive(Resource, Debug, Default, Clone)]
pub struct ResultsFolder(pub Option<PathBuf>);

/// The last problem writing a result or the call in progress, shown in the game; cleared by
/// the next write that works.
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub struct ResultsNotice(pub Option<String>);

/// A call a killed game left behind, waiting for the trainee to resume or discard it.
#[derive(Resource, Debug, Clone)]
pub struct PendingResume {
    pub saved: SavedCall,
    /// Why it cannot resume (the scenario is gone or was edited where it was played), if so.
    pub problem: Option<String>,
}

/// The trainee chose to set the interrupted call aside instead of resuming it.
#[derive(Message, Debug, Clone, Copy)]
pub struct SetAsideInterrupted;

/// Where the workshop code is checked: in `PostUpdate`, after a text field has taken the
/// frame's keystrokes and before text is laid out, so the verdict shows in the frame that
/// shows the keystroke (a reactive window may not draw another for seconds).
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub struct WorkshopCodeChecked;

/// The attempt being recorded: its identity and the conversation as of the last move (kept
/// here because an abandoned call's session is already gone when the news arrives).
#[derive(Resource, Debug)]
struct Recording {
    attempt: Attempt,
    started: SystemTime,
    conversation: Conversation,
}

/// How long the last write took on the writer thread (never on a frame).
#[derive(Resource, Debug, Default, Clone, Copy)]
pub struct LastSaveCost(pub Option<std::time::Duration>);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Trainee>();
    app.init_resource::<ResultsFolder>();
    app.init_resource::<ResultsNotice>();
    app.init_resource::<LastSaveCost>();
    app.init_resource::<ResultsWriter>();
    app.insert_resource(LrsLink::from_env());
    app.init_resource::<LrsState>();
    app.init_resource::<CheckedCode>();
    app.insert_resource(CallSetup {
        seed_for: seed_for_call,
        interrupted_call,
    });
    app.add_message::<SetAsideInterrupted>();
    app.add_systems(
        Startup,
        (identify, find_interrupted_call)
            .chain()
            .after(super::settings::SettingsLoaded),
    );
    app.add_systems(
        Update,
        (
            follow_settings.run_if(resource_changed::<Settings>),
            // Also here, for what the frame's other systems read (the library just loaded).
            follow_workshop_code,
            check_pending_resume.run_if(resource_exists::<PendingResume>),
            set_aside.run_if(on_message::<SetAsideInterrupted>),
            lrs::follow_news,
            lrs::send_leftovers
                .run_if(resource_changed::<LrsLink>.or_else(resource_changed::<ResultsFolder>)),
        ),
    );
    app.add_systems(
        PostUpdate,
        (record, collect_outcomes).chain().after(CallOwner),
    );
    app.add_systems(
        PostUpdate,
        follow_workshop_code
            .in_set(WorkshopCodeChecked)
            .after(bevy::text::EditableTextSystems)
            .before(bevy::text::detect_text_needs_rerender),
    );
}

fn identify(
    options: Res<GameOptions>,
    settings: Res<Settings>,
    mut trainee: ResMut<Trainee>,
    mut folder: ResMut<ResultsFolder>,
) {
    folder.0 = options.results_dir.clone();
    trainee.name = options
        .trainee
        .clone()
        .unwrap_or_else(|| settings.trainee.clone());
}

/// The name follows Settings (a name typed there holds from the next call); a name given
/// with `--trainee` holds for the run.
fn follow_settings(
    settings: Res<Settings>,
    options: Res<GameOptions>,
    mut trainee: ResMut<Trainee>,
) {
    if options.trainee.is_none() && trainee.name != settings.trainee {
        trainee.name = settings.trainee.clone();
    }
}

/// The code text last checked, so a check runs once per entered code and library change.
#[derive(Resource, Debug, Default)]
struct CheckedCode(Option<String>);

/// Checks the workshop code (`--workshop`, else the one in Settings) against the scenarios
/// once they have loaded, and again whenever the code or a scenario changes.
fn follow_workshop_code(
    options: Res<GameOptions>,
    settings: Res<Settings>,
    library: Res<Library>,
    mut checked: ResMut<CheckedCode>,
    mut trainee: ResMut<Trainee>,
) {
    if !library.ready() {
        return;
    }
    let wanted = options
        .workshop
        .clone()
        .unwrap_or_else(|| settings.workshop.clone());
    let wanted = wanted.trim().to_string();
    if checked.0.as_deref() == Some(wanted.as_str()) && !library.is_changed() {
        return;
    }
    checked.0 = Some(wanted.clone());
    let (workshop, problem) = if wanted.is_empty() {
        (None, None)
    } else {
        match check_workshop(&wanted, &library) {
            // Results carry the code's canonical spelling, however it was typed, so a
            // trainee's attempts count together and the report groups them as one workshop.
            Ok(code) => (Some((code.encode(), code)), None),
            Err(why) => (None, Some(why)),
        }
    };
    if trainee.workshop != workshop || trainee.workshop_problem != problem {
        trainee.workshop = workshop;
        trainee.workshop_problem = problem;
    }
}

/// The seed of a new call on `scenario_id`: `--seed`, else under a workshop the room's seed
/// for this trainee's next finished attempt, else a new one.
pub fn seed_for_call(world: &World, scenario_id: &str) -> u64 {
    if let Some(seed) = world.resource::<GameOptions>().seed {
        return seed;
    }
    let trainee = world.resource::<Trainee>();
    if let Some((text, code)) = &trainee.workshop
        && code.has_scenario(scenario_id)
    {
        let finished = world
            .resource::<ResultsFolder>()
            .0
            .as_deref()
            .map_or(0, |dir| {
                results::finished_attempts(dir, &trainee.name, text, scenario_id)
            });
        return code.seed_for(finished + 1);
    }
    super::session::fresh_seed()
}

/// Checks the workshop code (from `--workshop` or Settings) once the library has loaded:
/// a code naming a scenario this machine lacks, or another text of it, is refused by name.
pub fn check_workshop(code_text: &str, library: &Library) -> Result<WorkshopCode, String> {
    let code = WorkshopCode::decode(code_text).map_err(|e| e.to_string())?;
    code.verify(|id| {
        library
            .by_id(id)
            .and_then(|e| e.good.as_ref())
            .map(|s| s.fingerprint)
    })
    .map_err(|e| e.to_string())?;
    Ok(code)
}

fn find_interrupted_call(folder: Res<ResultsFolder>, mut commands: Commands) {
    let Some(dir) = &folder.0 else { return };
    match results::load_in_progress(dir) {
        None => {}
        Some(Ok(saved)) if !saved.moves.is_empty() => {
            commands.insert_resource(PendingResume {
                saved,
                problem: None,
            });
        }
        Some(Ok(_)) => {
            let _ = results::clear_in_progress(dir);
        }
        Some(Err(why)) => {
            warn!("the interrupted call could not be read: {why}");
            commands.insert_resource(ResultsNotice(Some(format!(
                "An interrupted call could not be read ({why}); it was left in the results \
                 folder."
            ))));
        }
    }
}

/// Once the scenarios are loaded, says whether the interrupted call can resume.
fn check_pending_resume(library: Res<Library>, mut pending: ResMut<PendingResume>) {
    if !library.ready() || pending.problem.is_some() {
        return;
    }
    let problem = resumed_conversation(&library, &pending.saved).err();
    if problem.is_some() {
        pending.problem = problem;
    }
}

/// Keeps a declined interrupted call: as an abandoned result when it still replays, else its
/// file is moved aside (`call-interrupted-….json`), so nothing played is lost.
fn set_aside(
    mut asked: MessageReader<SetAsideInterrupted>,
    pending: Option<Res<PendingResume>>,
    library: Res<Library>,
    folder: Res<ResultsFolder>,
    (writer, lrs): (Res<ResultsWriter>, Res<LrsLink>),
    mut commands: Commands,
) {
    asked.clear();
    let (Some(pending), Some(dir)) = (pending, folder.0.as_deref()) else {
        commands.remove_resource::<PendingResume>();
        return;
    };
    match resumed_conversation(&library, &pending.saved) {
        Ok((_, conversation)) => {
            let recording = Recording {
                attempt: pending.saved.attempt.clone(),
                started: started_of(&pending.saved.attempt.started_at),
                conversation,
            };
            finish(&recording, dir, &writer, lrs.queue());
        }
        Err(_) => {
            let (dir, attempt_id) = (dir.to_path_buf(), pending.saved.attempt.attempt_id.clone());
            writer.queue("set the interrupted call aside", dir.clone(), move || {
                results::move_interrupted_aside(&dir, &attempt_id)
            });
        }
    }
    commands.remove_resource::<PendingResume>();
}

/// The interrupted call, replayed now, for the call owner to resume; when it no longer
/// replays, why is kept on the [`PendingResume`] for the trainee.
fn interrupted_call(world: &mut World) -> Option<(String, Conversation)> {
    let saved = world.get_resource::<PendingResume>()?.saved.clone();
    match resumed_conversation(world.resource::<Library>(), &saved) {
        Ok(call) => Some(call),
        Err(why) => {
            if let Some(mut pending) = world.get_resource_mut::<PendingResume>() {
                pending.problem = Some(why);
            }
            None
        }
    }
}

/// The interrupted call replayed on the scenario as it is now, or why it cannot be.
pub fn resumed_conversation(
    library: &Library,
    saved: &SavedCall,
) -> Result<(String, Conversation), String> {
    let id = &saved.attempt.scenario.id;
    let Some(entry) = library.by_id(id) else {
        return Err(format!(
            "the scenario \"{id}\" is no longer on this machine; the call cannot resume"
        ));
    };
    let Some(scenario) = entry.good.clone() else {
        return Err(format!(
            "the scenario \"{id}\" has errors now; fix it to resume the call"
        ));
    };
    rapport_workshop::resume(scenario, saved)
        .map(|c| (entry.path.clone(), c))
        .map_err(|e| e.to_string())
}

/// Follows the call owner: a new attempt on each start, the call in progress saved after each
/// move, a result when the call ends or is abandoned. What-ifs are explorations, not attempts.
fn record(
    mut news: MessageReader<CallNews>,
    session: Option<Res<Session>>,
    (trainee, folder, pending): (Res<Trainee>, Res<ResultsFolder>, Option<Res<PendingResume>>),
    recording: Option<ResMut<Recording>>,
    (writer, lrs): (Res<ResultsWriter>, Res<LrsLink>),
    mut commands: Commands,
) {
    let Some(dir) = folder.0.clone() else {
        news.clear();
        return;
    };
    let mut recording = recording.map(|r| r.into_inner());
    let mut fresh: Option<Recording> = None;
    let mut stopped = false;
    for n in news.read() {
        let current = fresh.as_mut().or(recording.as_deref_mut());
        match *n {
            CallNews::Started { seed, what_if } => {
                if what_if {
                    stopped = true;
                    fresh = None;
                    continue;
                }
                let Some(session) = &session else { continue };
                let started = SystemTime::now();
                let workshop = trainee.workshop.as_ref().map(|(text, _)| text.as_str());
                fresh = Some(Recording {
                    attempt: results::new_attempt(
                        &trainee.name,
                        workshop,
                        &session.scenario,
                        seed,
                        started,
                    ),
                    started,
                    conversation: session.conversation.clone(),
                });
                stopped = false;
            }
            CallNews::Resumed { .. } => {
                let (Some(session), Some(pending)) = (&session, &pending) else {
                    continue;
                };
                fresh = Some(Recording {
                    attempt: pending.saved.attempt.clone(),
                    started: started_of(&pending.saved.attempt.started_at),
                    conversation: session.conversation.clone(),
                });
                stopped = false;
                commands.remove_resource::<PendingResume>();
            }
            CallNews::MovePlayed { .. } => {
                let (Some(current), Some(session)) = (current, &session) else {
                    continue;
                };
                if stopped {
                    continue;
                }
                current.conversation = session.conversation.clone();
                if current.conversation.is_over() {
                    continue;
                }
                // The frame only copies the call; the writer thread builds and writes it.
                let (conversation, attempt) =
                    (current.conversation.clone(), current.attempt.clone());
                let folder = dir.clone();
                writer.queue("save the call in progress", dir.clone(), move || {
                    results::save_in_progress(&folder, &SavedCall::of(&conversation, attempt))
                });
            }
            CallNews::Ended { .. } => {
                let (Some(current), Some(session)) = (current, &session) else {
                    continue;
                };
                if stopped {
                    continue;
                }
                current.conversation = session.conversation.clone();
                finish(current, &dir, &writer, lrs.queue());
                stopped = true;
            }
            CallNews::Abandoned { .. } => {
                let Some(current) = current else { continue };
                if stopped {
                    continue;
                }
                if !current.conversation.turns().is_empty() {
                    finish(current, &dir, &writer, lrs.queue());
                }
                stopped = true;
            }
            // Back to the first ending of a what-if: that call was recorded when it ended.
            // A reopened what-if is an exploration too: nothing to record.
            CallNews::Left | CallNews::BackToFirst | CallNews::WhatIfReopened { .. } => {}
        }
    }
    if let Some(fresh) = fresh {
        commands.insert_resource(fresh);
    } else if stopped && recording.is_some() {
        commands.remove_resource::<Recording>();
    }
}

/// Writes the result, queues its statements for the LRS when one is configured, and forgets
/// the call in progress (on the writer thread).
fn finish(
    recording: &Recording,
    dir: &std::path::Path,
    writer: &ResultsWriter,
    lrs: Option<lrs::LrsQueue>,
) {
    let (conversation, attempt, started) = (
        recording.conversation.clone(),
        recording.attempt.clone(),
        recording.started,
    );
    let folder = dir.to_path_buf();
    writer.queue("save the result", dir.to_path_buf(), move || {
        let result = results::result_now(&conversation, attempt, started);
        // Queued before the result is written: a game killed in between still has the call
        // in progress, and its result, when resumed and ended, gives the same statement ids.
        let queued = lrs.map_or(Ok(()), |lrs| lrs.queue_result(&folder, &result));
        results::save_result(&folder, &result)?;
        results::clear_in_progress(&folder)?;
        queued
    });
}

/// How the writer's work went: a problem becomes the notice, a success clears it.
fn collect_outcomes(
    writer: Res<ResultsWriter>,
    mut notice: ResMut<ResultsNotice>,
    mut cost: ResMut<LastSaveCost>,
) {
    for outcome in writer.outcomes() {
        cost.0 = Some(outcome.took);
        report(&mut notice, outcome.result, outcome.what, &outcome.dir);
    }
}

fn report(
    notice: &mut ResultsNotice,
    outcome: std::io::Result<()>,
    what: &str,
    dir: &std::path::Path,
) {
    match outcome {
        Ok(()) => {
            if notice.0.is_some() {
                notice.0 = None;
            }
        }
        Err(e) => {
            warn!("cannot {what} in {}: {e}", dir.display());
            notice.0 = Some(format!(
                "Could not {what} in {} ({e}). Earlier results are safe; choose another \
                 folder with --results.",
                dir.display()
            ));
        }
    }
}

/// The start time of a resumed attempt, from its RFC 3339 stamp (now, if unreadable).
fn started_of(stamp: &str) -> SystemTime {
    time::OffsetDateTime::parse(stamp, &time::format_description::well_known::Rfc3339)
        .map(SystemTime::from)
        .unwrap_or_else(|_| SystemTime::now())
}
