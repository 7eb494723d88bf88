//! Measurements for docs/benchmarks.md, run by `scripts/bench.py` beside the baseline
//! example (`examples/baseline.rs`, an empty Bevy UI app with the same features):
//!
//! - `--bench startup`: prints the milliseconds since the Unix epoch when the first frame
//!   with the menu on it has been rendered, then exits;
//! - `--bench idle`: opens the conversation screen and waits (the script reads the CPU time
//!   and peak memory from /proc); after 8 s of settling it counts the frames rendered over
//!   the next 20 s and prints `idle-frames-over-20s N` (a window with nothing to show draws
//!   none);
//! - `--bench scroll`: fills the log, scrolls it up and down for 600 frames and prints the
//!   frame times' p50 and p95;
//! - `--bench keys`: opens the conversation screen, prints `keys-ready`, then for every key
//!   pressed prints when the frame showing its effect was presented (the windowed smoke test
//!   sends the keys and measures the time from key to drawn frame).

use super::GameOptions;
use super::input::{ScrollHint, max_scroll};
use super::low_power::KeepAwake;
use super::scenario_assets::Library;
use super::screens::Screen;
use super::screens::conversation::{DialogueLog, MoveButton, MovesList};
use super::session::{CallRequest, ChooseMove, Selected, Session};
use bevy::app::AppExit;
use bevy::diagnostic::FrameCount;
use bevy::input::keyboard::KeyboardInput;
use bevy::input_focus::{InputFocus, InputFocusVisible};
use bevy::prelude::*;
use bevy::render::{Extract, ExtractSchedule, Render, RenderApp, RenderSystems};
use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BenchMode {
    Startup,
    Idle,
    Scroll,
    Keys,
}

impl BenchMode {
    pub fn parse(s: &str) -> Option<BenchMode> {
        match s {
            "startup" => Some(BenchMode::Startup),
            "idle" => Some(BenchMode::Idle),
            "scroll" => Some(BenchMode::Scroll),
            "keys" => Some(BenchMode::Keys),
            _ => None,
        }
    }
}

/// Milliseconds since the Unix epoch, comparable with the script's clock.
pub fn epoch_ms() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis())
}

/// Microseconds since the Unix epoch, for the key-to-frame probe.
pub fn epoch_us() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_micros())
}

/// Whether a key was pressed in this update (main world), or in the update whose frame is
/// being drawn (render world).
#[derive(Resource, Default, Clone, Copy)]
pub struct KeyPressedThisFrame(bool);

/// Prints `key-frame-epoch-us T` when the frame of an update that saw a key press has been
/// presented: the key's effect is on screen (the game applies a key in the update that reads
/// it). Added after the render plugin.
fn key_frame_probe(app: &mut App) {
    app.init_resource::<KeyPressedThisFrame>()
        .add_systems(First, |mut seen: ResMut<KeyPressedThisFrame>| {
            seen.0 = false
        })
        .add_systems(
            PreUpdate,
            |mut keys: MessageReader<KeyboardInput>, mut seen: ResMut<KeyPressedThisFrame>| {
                if keys.read().any(|k| k.state.is_pressed()) {
                    seen.0 = true;
                }
            },
        );
    app.add_systems(
        Last,
        print_key_view.run_if(|seen: Res<KeyPressedThisFrame>| seen.0),
    );
    let Some(render_app) = app.get_sub_app_mut(RenderApp) else {
        return;
    };
    render_app
        .init_resource::<KeyPressedThisFrame>()
        .add_systems(
            ExtractSchedule,
            |main: Extract<Res<KeyPressedThisFrame>>, mut seen: ResMut<KeyPressedThisFrame>| {
                *seen = **main;
            },
        )
        .add_systems(
            Render,
            (|seen: Res<KeyPressedThisFrame>| {
                if seen.0 {
                    println!("key-frame-epoch-us {}", epoch_us());
                }
            })
            .in_set(RenderSystems::Cleanup),
        );
}

/// Prints what the call shows after a key, for the windowed test that picks a move after
/// reading down the list: `key-view moves-top=BOOL focus=N|none focus-trick=BOOL
/// focus-visible=BOOL log-at-end=BOOL counter=TEXT`, from this frame's layout.
#[allow(clippy::type_complexity)]
fn print_key_view(
    session: Option<Res<Session>>,
    focus: Res<InputFocus>,
    visible: Res<InputFocusVisible>,
    buttons: Query<&MoveButton>,
    list: Query<&ScrollPosition, With<MovesList>>,
    log: Query<(&ScrollPosition, &ComputedNode), With<DialogueLog>>,
    hints: Query<(&ScrollHint, &Text)>,
) {
    let Some(session) = session else { return };
    let focused = focus.get().and_then(|e| buttons.get(e).ok());
    let trick = focused.is_some_and(|b| session.scenario.moves[b.index].kind.is_manipulative());
    let log_at_end = log
        .iter()
        .all(|(pos, node)| pos.y >= max_scroll(node) - 1.0);
    let counter = hints
        .iter()
        .find(|(h, _)| h.items.is_some())
        .map_or(String::new(), |(_, t)| t.0.clone());
    println!(
        "key-view moves-top={} focus={} focus-trick={trick} focus-visible={} log-at-end={log_at_end} counter={counter}",
        list.iter().all(|p| p.y <= 0.5),
        focused.map_or("none".to_string(), |b| b.number.to_string()),
        visible.0,
    );
}

/// Frames the render world has finished, for the idle count.
static FRAMES_RENDERED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Counts rendered frames, and from a thread of its own (no frame needed to read the clock)
/// prints how many were rendered over 20 idle seconds after 8 of settling.
fn idle_frame_probe(app: &mut App) {
    use std::sync::atomic::Ordering;
    if let Some(render_app) = app.get_sub_app_mut(RenderApp) {
        render_app.add_systems(
            Render,
            (|| {
                FRAMES_RENDERED.fetch_add(1, Ordering::Relaxed);
            })
            .in_set(RenderSystems::Cleanup),
        );
    }
    let _ = std::thread::Builder::new()
        .name("rapport idle probe".into())
        .spawn(|| {
            use std::io::Write;
            // A debug build's scoring checks take minutes: RAPPORT_IDLE_SETTLE_S waits them out.
            let settle = std::env::var("RAPPORT_IDLE_SETTLE_S")
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(8);
            std::thread::sleep(std::time::Duration::from_secs(settle));
            let before = FRAMES_RENDERED.load(Ordering::Relaxed);
            std::thread::sleep(std::time::Duration::from_secs(20));
            let after = FRAMES_RENDERED.load(Ordering::Relaxed);
            println!("idle-frames-over-20s {}", after - before);
            let _ = std::io::stdout().flush();
        });
}

/// The frame whose update first has a laid-out UI node with text; the frame after it has
/// been rendered (pipelined rendering draws frame N while N+1 updates).
pub fn first_ui_frame(texts: &Query<&ComputedNode, With<Text>>) -> bool {
    texts.iter().any(|n| n.size().x > 0.0)
}

#[derive(Resource, Default)]
struct BenchRun {
    seen_ui_at: Option<u32>,
    started: bool,
    ready_at: Option<u32>,
    frames: Vec<f32>,
    scroll_frames: u32,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<BenchRun>();
    app.add_systems(Update, run.run_if(|o: Res<GameOptions>| o.bench.is_some()));
    if app
        .world()
        .get_resource::<GameOptions>()
        .is_some_and(|o| o.bench == Some(BenchMode::Keys))
    {
        key_frame_probe(app);
    }
    if app
        .world()
        .get_resource::<GameOptions>()
        .is_some_and(|o| o.bench == Some(BenchMode::Idle))
    {
        idle_frame_probe(app);
    }
}

#[allow(clippy::too_many_arguments)]
fn run(
    options: Res<GameOptions>,
    mut bench: ResMut<BenchRun>,
    frames: Res<FrameCount>,
    time: Res<Time<Real>>,
    texts: Query<&ComputedNode, With<Text>>,
    library: Res<Library>,
    session: Option<Res<Session>>,
    screen: Res<State<Screen>>,
    mut keep: ResMut<KeepAwake>,
    mut log: Query<&mut ScrollPosition, With<DialogueLog>>,
    mut choose: MessageWriter<ChooseMove>,
    mut call: MessageWriter<CallRequest>,
    mut commands: Commands,
    mut exit: MessageWriter<AppExit>,
) {
    let Some(mode) = options.bench else { return };
    match mode {
        BenchMode::Startup => {
            if std::env::var_os("RAPPORT_BENCH_TRACE").is_some() {
                eprintln!(
                    "trace frame {} at {} ms: library ready {} texts laid out {}",
                    frames.0,
                    epoch_ms(),
                    library.ready(),
                    first_ui_frame(&texts)
                );
            }
            if *screen.get() != Screen::Menu || library.listed().is_empty() || !library.ready() {
                return;
            }
            match bench.seen_ui_at {
                None if first_ui_frame(&texts) => bench.seen_ui_at = Some(frames.0),
                Some(at) if frames.0 >= at + 2 => {
                    println!("first-menu-frame-epoch-ms {}", epoch_ms());
                    exit.write(AppExit::Success);
                }
                _ => {}
            }
        }
        BenchMode::Idle | BenchMode::Scroll | BenchMode::Keys => {
            if !bench.started {
                if !library.ready() {
                    return;
                }
                let entry = match &options.scenario {
                    Some(id) => library.by_id(id),
                    None => library.listed().into_iter().find(|e| e.good.is_some()),
                };
                let Some(entry) = entry else { return };
                bench.started = true;
                commands.insert_resource(Selected(entry.path.clone()));
                call.write(CallRequest::Start {
                    seed: Some(options.seed.unwrap_or(1)),
                });
                if mode == BenchMode::Idle {
                    println!("idle-conversation-from-epoch-ms {}", epoch_ms());
                }
                return;
            }
            if mode == BenchMode::Idle {
                return;
            }
            if mode == BenchMode::Keys {
                // Frames until the call is on screen, then sleep as a trainee's game does.
                if bench.ready_at.is_none() {
                    keep.set("bench", true);
                    if *screen.get() == Screen::Conversation && session.is_some() {
                        bench.ready_at = Some(frames.0);
                    }
                } else if bench.ready_at.is_some_and(|at| frames.0 == at + 3) {
                    keep.set("bench", false);
                    println!("keys-ready");
                }
                return;
            }
            let Some(session) = session else { return };
            keep.set("bench", true);
            // Fill the log with the first moves, then scroll it for 600 frames.
            let turns = session.conversation.turns().len();
            let menu = session.conversation.available_moves();
            if turns < 12 && !menu.is_empty() {
                choose.write(ChooseMove(menu[turns % menu.len()]));
                return;
            }
            bench.scroll_frames += 1;
            if bench.scroll_frames > 30 {
                bench.frames.push(time.delta_secs() * 1000.0);
            }
            if let Ok(mut pos) = log.single_mut() {
                let phase = (bench.scroll_frames % 120) as f32;
                pos.y = if phase < 60.0 {
                    phase * 12.0
                } else {
                    (120.0 - phase) * 12.0
                };
            }
            if bench.frames.len() >= 600 {
                let mut f = bench.frames.clone();
                f.sort_by(f32::total_cmp);
                let p = |q: f64| f[((f.len() - 1) as f64 * q).round() as usize];
                println!("scroll-frame-ms p50 {:.2} p95 {:.2}", p(0.5), p(0.95));
                exit.write(AppExit::Success);
            }
        }
    }
}
