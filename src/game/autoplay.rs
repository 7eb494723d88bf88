//! `rapport --autoplay PLAYER --scenario ID --screenshots DIR`: an automatic player goes
//! through the real screens — menu, briefing, the call with its pause menu and settings,
//! the debrief and a what-if — saving a PNG of each screen, then the game exits. The
//! windowed smoke test runs it under Xvfb.
//!
//! The player only picks move indices; they go in as `ChooseMove` messages like a click.

use super::GameOptions;
use super::low_power::KeepAwake;
use super::scenario_assets::Library;
use super::screens::debrief::PageScroll;
use super::screens::{Overlay, Screen};
use super::session::{CallRequest, ChooseMove, Selected, Session};
use super::workshop::PendingResume;
use bevy::app::AppExit;
use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured, save_to_disk};
use rapport_core::players::{self, Player};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// Frames to wait after a change before a screenshot: layout, text and the render pipeline.
const SETTLE: u32 = 8;
/// No autoplay run takes longer than this.
const TIMEOUT: Duration = Duration::from_secs(120);
const MOVE_LIMIT: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    WaitLibrary,
    Menu,
    Briefing,
    Call,
    Pause,
    Settings,
    Resume,
    Ended,
    Debrief,
    DebriefLower,
    ShootLower,
    WhatIf,
    WhatIfDebrief,
    Replay,
    Done,
}

#[derive(Resource)]
struct Autoplay {
    player_name: String,
    scenario: Option<String>,
    dir: Option<PathBuf>,
    step: Step,
    wait: u32,
    shots: Vec<PathBuf>,
    saved: Arc<AtomicUsize>,
    moves: usize,
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Startup, setup);
    app.add_systems(Update, drive.run_if(resource_exists::<Autoplay>));
}

fn setup(world: &mut World) {
    let options = world.resource::<GameOptions>().clone();
    let Some(name) = options.autoplay.clone() else {
        return;
    };
    let seed = options.seed.unwrap_or(1);
    let Some(player) = players::by_name(&name, seed) else {
        eprintln!(
            "error: no player \"{name}\"; choose one of: {}",
            players::PLAYER_NAMES.join(", ")
        );
        world.write_message(AppExit::error());
        return;
    };
    world.resource_mut::<KeepAwake>().set("autoplay", true);
    world.insert_non_send(AutoPlayer(player));
    world.insert_resource(Autoplay {
        player_name: name,
        scenario: options.scenario.clone(),
        dir: options.screenshots.clone(),
        step: Step::WaitLibrary,
        wait: 0,
        shots: Vec::new(),
        saved: Arc::new(AtomicUsize::new(0)),
        moves: 0,
    });
}

/// The automatic player (the core's players are not `Send`, so it stays on the main thread).
struct AutoPlayer(Box<dyn Player>);

#[allow(clippy::too_many_arguments)]
fn drive(
    mut run: ResMut<Autoplay>,
    mut player: NonSendMut<AutoPlayer>,
    library: Res<Library>,
    session: Option<Res<Session>>,
    screen: Res<State<Screen>>,
    time: Res<Time<Real>>,
    mut next_screen: ResMut<NextState<Screen>>,
    mut next_overlay: ResMut<NextState<Overlay>>,
    mut choose: MessageWriter<ChooseMove>,
    mut call: MessageWriter<CallRequest>,
    (options, pending): (Res<GameOptions>, Option<Res<PendingResume>>),
    mut page: Query<&mut ScrollPosition, With<PageScroll>>,
    mut commands: Commands,
    mut exit: MessageWriter<AppExit>,
) {
    if time.elapsed() > TIMEOUT {
        eprintln!("autoplay: timed out at step {:?}", run.step);
        exit.write(AppExit::error());
        return;
    }
    // Each screenshot must be on disk before the next step.
    if run.saved.load(Ordering::SeqCst) < run.shots.len() {
        return;
    }
    if run.wait > 0 {
        run.wait -= 1;
        return;
    }
    // A debrief is ready for its picture once the best-play search has given the gap.
    let debrief_ready =
        *screen.get() == Screen::Debrief && !session.as_ref().is_some_and(|s| s.searching());
    let step = run.step;
    match step {
        Step::WaitLibrary => {
            if !library.ready() {
                return;
            }
            let wanted = run.scenario.clone();
            let entry = match &wanted {
                Some(id) => library.by_id(id),
                None => library.listed().into_iter().find(|e| e.good.is_some()),
            };
            let Some(entry) = entry.filter(|e| e.good.is_some()) else {
                eprintln!(
                    "autoplay: no playable scenario {}",
                    wanted.as_deref().unwrap_or("(any)")
                );
                exit.write(AppExit::error());
                return;
            };
            commands.insert_resource(Selected(entry.path.clone()));
            advance(&mut run, Step::Menu);
        }
        Step::Menu => {
            shoot(&mut run, "01-menu", &mut commands);
            next_screen.set(Screen::Briefing);
            advance(&mut run, Step::Briefing);
        }
        Step::Briefing => {
            shoot(&mut run, "02-briefing", &mut commands);
            // Under a workshop the call owner picks the room's seed; else seed 1 by default.
            let seed = options.seed.or(options.workshop.is_none().then_some(1));
            if pending.is_some() {
                call.write(CallRequest::Resume);
            } else {
                call.write(CallRequest::Start { seed });
            }
            advance(&mut run, Step::Call);
        }
        Step::Call | Step::Resume | Step::WhatIf => {
            let Some(session) = session else { return };
            if *screen.get() != Screen::Conversation {
                return;
            }
            if step == Step::Call
                && options
                    .autoplay_hold_after
                    .is_some_and(|n| session.conversation.turns().len() >= n)
            {
                return;
            }
            let over = session.conversation.is_over() || run.moves >= MOVE_LIMIT;
            if step == Step::Call && session.conversation.turns().len() >= 5 {
                shoot(&mut run, "03-conversation", &mut commands);
                next_overlay.set(Overlay::Pause);
                advance(&mut run, Step::Pause);
                return;
            }
            if over {
                if step == Step::WhatIf {
                    next_screen.set(Screen::Debrief);
                    advance(&mut run, Step::WhatIfDebrief);
                } else {
                    advance(&mut run, Step::Ended);
                }
                return;
            }
            let state = *session.conversation.state();
            match player.0.choose(&session.scenario, &state) {
                Some(m) => {
                    choose.write(ChooseMove(m));
                    run.moves += 1;
                    run.wait = 1;
                }
                None => {
                    info!("autoplay: {} has nothing more to say", run.player_name);
                    run.moves = MOVE_LIMIT;
                }
            }
        }
        Step::Pause => {
            shoot(&mut run, "04-pause", &mut commands);
            next_overlay.set(Overlay::Settings);
            advance(&mut run, Step::Settings);
        }
        Step::Settings => {
            shoot(&mut run, "05-settings", &mut commands);
            next_overlay.set(Overlay::None);
            advance(&mut run, Step::Resume);
        }
        Step::Ended => {
            shoot(&mut run, "06-call-ended", &mut commands);
            next_screen.set(Screen::Debrief);
            advance(&mut run, Step::Debrief);
        }
        Step::Debrief => {
            // Wait for the best-play search, so the gap is on the picture.
            if !debrief_ready {
                return;
            }
            shoot(&mut run, "07-debrief", &mut commands);
            advance(&mut run, Step::DebriefLower);
        }
        Step::DebriefLower => {
            if let Ok(mut pos) = page.single_mut() {
                pos.y = 560.0;
            }
            advance(&mut run, Step::ShootLower);
        }
        Step::ShootLower => {
            shoot(&mut run, "08-debrief-head-and-timeline", &mut commands);
            // What-if: back to turn 3, and another player plays on from there.
            let other = if run.player_name == "pitcher" {
                "collaborative"
            } else {
                "pitcher"
            };
            if let Some(p) = players::by_name(other, 1) {
                player.0 = p;
            }
            call.write(CallRequest::WhatIf { turn: 3 });
            run.moves = 0;
            advance(&mut run, Step::WhatIf);
        }
        Step::WhatIfDebrief => {
            if !debrief_ready {
                return;
            }
            shoot(&mut run, "09-what-if-debrief", &mut commands);
            // The call step by step beside the best play, as the debrief's button opens it.
            if let Some(session) = &session {
                let replay = rapport_workshop::replay::of_conversation(
                    &session.conversation,
                    session.best_play(),
                );
                commands.insert_resource(super::screens::replay::ReplayView::new(
                    replay,
                    Screen::Debrief,
                ));
                next_screen.set(Screen::Replay);
            }
            advance(&mut run, Step::Replay);
        }
        Step::Replay => {
            shoot(&mut run, "10-replay", &mut commands);
            advance(&mut run, Step::Done);
        }
        Step::Done => {
            for s in &run.shots {
                println!("screenshot: {}", s.display());
            }
            println!(
                "autoplay: {} played {} moves; done",
                run.player_name, run.moves
            );
            exit.write(AppExit::Success);
        }
    }
}

fn advance(run: &mut Autoplay, step: Step) {
    run.step = step;
    run.wait = SETTLE;
}

fn shoot(run: &mut Autoplay, name: &str, commands: &mut Commands) {
    let Some(path) = target(run, name) else {
        return;
    };
    let saved = run.saved.clone();
    commands
        .spawn(Screenshot::primary_window())
        .observe(save_to_disk(path.clone()))
        .observe(move |_: On<ScreenshotCaptured>| {
            saved.fetch_add(1, Ordering::SeqCst);
        });
}

fn target(run: &mut Autoplay, name: &str) -> Option<PathBuf> {
    let dir = run.dir.clone()?;
    let path = dir.join(format!("{name}.png"));
    run.shots.push(path.clone());
    Some(path)
}
