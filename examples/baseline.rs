//! The baseline for docs/benchmarks.md: an empty Bevy UI app built with the game's Bevy
//! features (the same `Cargo.toml`), one text node, the same reactive update mode and the
//! same embedded font. `scripts/bench.py` measures it beside the game in the same run.
//!
//!     cargo run --release --example baseline -- startup|idle|scroll

use bevy::app::AppExit;
use bevy::prelude::*;
use bevy::render::RenderPlugin;
use bevy::window::RequestRedraw;
use bevy::winit::WinitSettings;
use rapport::game::bench::epoch_ms;
use rapport::game::renderer::Renderer;

#[derive(Resource, Default)]
struct Run {
    mode: String,
    seen_ui_at: Option<u32>,
    frames: Vec<f32>,
}

fn main() -> AppExit {
    let mode = std::env::args().nth(1).unwrap_or_else(|| "idle".into());
    // The game's own choice of graphics API, so both draw through the same driver.
    let graphics = rapport::game::renderer::choose(Renderer::Auto).unwrap_or_else(|message| {
        eprintln!("{message}");
        std::process::exit(2)
    });
    let mut app = App::new();
    graphics.finish(&mut app);
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title: "Baseline".into(),
                    ..default()
                }),
                ..default()
            })
            .set(RenderPlugin {
                render_creation: graphics.creation,
                ..default()
            }),
    )
    .insert_resource(WinitSettings::desktop_app())
    .insert_resource(Run { mode, ..default() })
    .add_systems(Startup, setup)
    .add_systems(Update, measure)
    .run()
}

fn setup(mut commands: Commands, mut fonts: ResMut<Assets<Font>>) {
    let _ = fonts.insert(
        AssetId::default(),
        Font::from_bytes(rapport::game::theme::FONT_REGULAR.to_vec()),
    );
    commands.spawn(Camera2d);
    commands.spawn((
        Node {
            padding: UiRect::all(px(16)),
            ..default()
        },
        children![Text::new("Baseline")],
    ));
}

fn measure(
    mut run: ResMut<Run>,
    frames: Res<bevy::diagnostic::FrameCount>,
    time: Res<Time<Real>>,
    texts: Query<&ComputedNode, With<Text>>,
    mut redraw: MessageWriter<RequestRedraw>,
    mut exit: MessageWriter<AppExit>,
) {
    // The same wake-up as the game's for its first frames (reactive mode would otherwise
    // leave the window blank until input or the timeout).
    if frames.0 < 20 || run.mode == "scroll" {
        redraw.write(RequestRedraw);
    }
    match run.mode.as_str() {
        "startup" => match run.seen_ui_at {
            None if texts.iter().any(|n| n.size().x > 0.0) => run.seen_ui_at = Some(frames.0),
            Some(at) if frames.0 >= at + 2 => {
                println!("first-menu-frame-epoch-ms {}", epoch_ms());
                exit.write(AppExit::Success);
            }
            _ => {}
        },
        "scroll" => {
            if frames.0 > 30 {
                run.frames.push(time.delta_secs() * 1000.0);
            }
            if run.frames.len() >= 600 {
                let mut f = run.frames.clone();
                f.sort_by(f32::total_cmp);
                let p = |q: f64| f[((f.len() - 1) as f64 * q).round() as usize];
                println!("scroll-frame-ms p50 {:.2} p95 {:.2}", p(0.5), p(0.95));
                exit.write(AppExit::Success);
            }
        }
        _ => {}
    }
}
