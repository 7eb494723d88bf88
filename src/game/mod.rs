//! The game a trainee plays: Bevy screens drawn over the simulation core.
//!
//! The flow goes one way: input becomes a [`session::ChooseMove`] message, the session hands
//! the move index to `rapport_core::engine::Conversation`, and the screens draw the state and
//! events that come back. No rule of the conversation lives here.
//!
//! Layout after the Bevy community template: one plugin per module, added from [`plugin`].

pub mod autoplay;
pub mod bench;
pub mod display;
mod first_frame;
pub mod input;
pub mod low_power;
pub mod renderer;
pub mod scenario_assets;
pub mod screens;
pub mod session;
pub mod settings;
pub mod theme;
pub mod workshop;

use bevy::app::AppExit;
use bevy::asset::AssetMetaCheck;
use bevy::input_focus::tab_navigation::TabNavigationPlugin;
use bevy::prelude::*;
use bevy::render::RenderPlugin;
use bevy::window::{PrimaryWindow, WindowResolution};
use std::path::PathBuf;
use std::process::ExitCode;

/// How the game was started: the command line's options.
#[derive(Resource, Debug, Clone, Default)]
pub struct GameOptions {
    /// `--scenarios DIR`: more scenarios beside the shipped ones, watched for changes.
    pub scenarios_dir: Option<PathBuf>,
    /// Also watch this folder (the checkout's `scenarios/` under `cargo run`).
    pub checkout_dir: Option<PathBuf>,
    pub scenario: Option<String>,
    pub autoplay: Option<String>,
    pub screenshots: Option<PathBuf>,
    pub seed: Option<u64>,
    pub size: Option<(f32, f32)>,
    pub text_size: Option<u32>,
    pub high_contrast: bool,
    /// `--projector`: large text, high contrast and large targets for this run.
    pub projector: bool,
    /// `--assessment`: no coach lines and no score until the debrief, for this run.
    pub assessment: bool,
    pub watch: bool,
    pub bench: Option<bench::BenchMode>,
    /// Where the trainee's settings are read from and saved to; `None` keeps them for this
    /// run only (tests, automatic play and benchmarks start from the defaults).
    pub settings_file: Option<PathBuf>,
    /// Where results and the call in progress are written; `None` writes nothing (tests and
    /// automatic play without `--results`).
    pub results_dir: Option<PathBuf>,
    /// `--workshop CODE`: the room's code, checked against this machine's scenarios.
    pub workshop: Option<String>,
    /// `--trainee NAME`: the name for this run's results, instead of the one in Settings.
    pub trainee: Option<String>,
    /// With `--autoplay`: stop after this many moves and wait (a test kills the game there).
    pub autoplay_hold_after: Option<usize>,
    /// `--renderer`: Vulkan, OpenGL, or the first that works.
    pub renderer: renderer::Renderer,
}

/// Opens the game window and runs until it closes.
pub fn run(options: GameOptions) -> ExitCode {
    if let Err(message) = display::check() {
        eprintln!("{message}");
        return ExitCode::from(2);
    }
    if let Some(dir) = &options.screenshots
        && let Err(err) = std::fs::create_dir_all(dir)
    {
        eprintln!("error: cannot create {}: {err}", dir.display());
        return ExitCode::FAILURE;
    }
    if let Some(dir) = &options.scenarios_dir
        && !dir.is_dir()
    {
        eprintln!(
            "rapport: --scenarios {} is not a folder; showing the shipped scenarios only",
            dir.display()
        );
    }
    let graphics = match renderer::choose(options.renderer) {
        Ok(graphics) => graphics,
        Err(message) => {
            eprintln!("{message} {}", display::HINT);
            return ExitCode::from(2);
        }
    };
    display::install_panic_hint();
    let mut app = App::new();
    windowed(&mut app, options, graphics);
    match app.run() {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(code) => ExitCode::from(code.get()),
    }
}

/// The real game: a window, the renderer and the game's plugins.
pub fn windowed(app: &mut App, options: GameOptions, graphics: renderer::Graphics) {
    scenario_assets::register_sources(app, &options);
    let (width, height) = options.size.unwrap_or((1280.0, 720.0));
    graphics.finish(app);
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title: "Rapport".into(),
                    resolution: WindowResolution::new(width as u32, height as u32),
                    // Shown by `first_frame` once the menu has been drawn.
                    visible: false,
                    ..default()
                }),
                ..default()
            })
            .set(RenderPlugin {
                render_creation: graphics.creation,
                ..default()
            })
            .set(AssetPlugin {
                watch_for_changes_override: Some(options.watch),
                meta_check: AssetMetaCheck::Never,
                ..default()
            })
            .set(bevy::log::LogPlugin {
                // The Vulkan loader's complaints on a machine without a driver are noise to a player:
                // the panic hook says what is missing in one line.
                filter: "wgpu=error,wgpu_hal=off,naga=warn,bevy_asset=error,winit=error".into(),
                ..default()
            }),
    );
    app.add_plugins(TabNavigationPlugin);
    app.add_systems(Startup, |mut commands: Commands| {
        commands.spawn((Name::new("UI camera"), Camera2d));
    });
    app.insert_resource(options);
    app.add_plugins((
        plugin,
        low_power::windowed_plugin,
        first_frame::plugin,
        autoplay::plugin,
        bench::plugin,
    ));
}

/// A headless game for tests: no window, no renderer, the same game plugins. Input arrives
/// as keyboard messages, exactly as winit would send them.
pub fn headless(options: GameOptions) -> App {
    let mut app = App::new();
    scenario_assets::register_sources(&mut app, &options);
    app.add_plugins((
        MinimalPlugins,
        bevy::state::app::StatesPlugin,
        AssetPlugin {
            watch_for_changes_override: Some(options.watch),
            meta_check: AssetMetaCheck::Never,
            ..default()
        },
        bevy::input::InputPlugin,
        bevy::input_focus::InputFocusPlugin,
        bevy::input_focus::InputDispatchPlugin,
        bevy::ui_widgets::ButtonPlugin,
        TabNavigationPlugin,
        // Text fields take their edits here, as in the game (no layout, no drawing).
        bevy::text::TextPlugin,
    ));
    app.world_mut().spawn((Window::default(), PrimaryWindow));
    app.insert_resource(options);
    app.add_plugins(plugin);
    app
}

/// Every game plugin, in one place.
pub fn plugin(app: &mut App) {
    app.add_plugins((
        theme::plugin,
        settings::plugin,
        scenario_assets::plugin,
        session::plugin,
        workshop::plugin,
        screens::plugin,
        input::plugin,
        low_power::plugin,
    ));
}
