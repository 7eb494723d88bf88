//! The screens, each a state with its own plugin; entities are tagged `DespawnOnExit` so
//! leaving a screen clears it. The pause menu and settings are overlays: a second state
//! drawn over the current screen.

pub mod briefing;
pub mod confirm;
pub mod conversation;
pub mod debrief;
pub mod interrupted;
pub mod menu;
pub mod notice;
pub mod pause;
pub mod replay;
pub mod results;
pub mod settings;

use super::session::{CallNews, CallOwner};
use super::theme::{Bg, ColorRole};
use bevy::input_focus::tab_navigation::TabGroup;
use bevy::input_focus::{InputFocus, InputFocusVisible};
use bevy::prelude::*;

/// The trainee's path: menu → briefing (the Target step) → conversation → debrief.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    #[default]
    Menu,
    Briefing,
    Conversation,
    Debrief,
    /// A call step by step beside the best play.
    Replay,
    /// The trainee's past results on this machine.
    Results,
}

/// A menu drawn over the current screen.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Overlay {
    #[default]
    None,
    Pause,
    Settings,
    /// The call a killed game left, to resume or set aside.
    Interrupted,
    /// "Quit the game?", from the menu or the pause menu.
    ConfirmQuit,
    /// "Restart this call?", from the pause menu.
    ConfirmRestart,
    /// "Leave this call?", from the pause menu.
    ConfirmLeave,
    /// The customer card and "What I have learned" over the call (N), for windows too
    /// narrow to show them beside the moves.
    Notes,
}

/// The screens follow the call owner: a call that starts (or restarts, or branches) shows the
/// call screen, and leaving a call goes back to the menu. Re-entering the call screen redraws
/// it from the new conversation.
fn follow_the_call(
    mut news: MessageReader<CallNews>,
    mut screen: ResMut<NextState<Screen>>,
    mut overlay: ResMut<NextState<Overlay>>,
) {
    for n in news.read() {
        match n {
            CallNews::Started { .. } | CallNews::Resumed { .. } => {
                overlay.set(Overlay::None);
                screen.set(Screen::Conversation);
            }
            CallNews::BackToFirst | CallNews::WhatIfReopened { over: true } => {
                overlay.set(Overlay::None);
                screen.set(Screen::Debrief);
            }
            CallNews::WhatIfReopened { over: false } => {
                overlay.set(Overlay::None);
                screen.set(Screen::Conversation);
            }
            CallNews::Left => {
                overlay.set(Overlay::None);
                screen.set(Screen::Menu);
            }
            _ => {}
        }
    }
}

/// Where the focus was before an overlay opened, to give it back on closing.
#[derive(Resource, Debug, Default)]
struct FocusBeforeOverlay(Option<Entity>);

pub(super) fn plugin(app: &mut App) {
    app.init_state::<Screen>();
    app.init_state::<Overlay>();
    app.init_resource::<FocusBeforeOverlay>();
    app.add_plugins((
        menu::plugin,
        briefing::plugin,
        confirm::plugin,
        conversation::plugin,
        debrief::plugin,
        interrupted::plugin,
        notice::plugin,
        pause::plugin,
        replay::plugin,
        results::plugin,
        settings::plugin,
    ));
    app.add_systems(PostUpdate, follow_the_call.after(CallOwner));
    // A new screen is drawn at once, even while the window sleeps between inputs.
    app.add_systems(
        Last,
        (|redraw: Option<ResMut<Messages<bevy::window::RequestRedraw>>>| {
            if let Some(mut redraw) = redraw {
                redraw.write(bevy::window::RequestRedraw);
            }
        })
        .run_if(state_changed::<Screen>),
    );
    app.add_systems(Startup, |mut visible: ResMut<InputFocusVisible>| {
        visible.0 = true
    });
    app.add_systems(
        Update,
        (
            (|s: Res<State<Screen>>| info!("screen: {:?}", s.get()))
                .run_if(state_changed::<Screen>),
            (|s: Res<State<Overlay>>| info!("overlay: {:?}", s.get()))
                .run_if(state_changed::<Overlay>),
        ),
    );
    app.add_systems(OnExit(Overlay::None), remember_focus);
    app.add_systems(OnEnter(Overlay::None), restore_focus);
}

fn remember_focus(focus: Res<InputFocus>, mut before: ResMut<FocusBeforeOverlay>) {
    before.0 = focus.get();
}

fn restore_focus(
    mut focus: ResMut<InputFocus>,
    mut before: ResMut<FocusBeforeOverlay>,
    entities: Query<Entity>,
) {
    if let Some(e) = before.0.take().filter(|e| entities.contains(*e)) {
        focus.set(e, bevy::input_focus::FocusCause::Navigated);
    }
}

/// The root of a screen: fills the window, despawns when the screen is left.
pub fn screen_root(screen: Screen) -> impl Bundle {
    (
        Name::new(format!("{screen:?} screen")),
        Node {
            width: percent(100),
            height: percent(100),
            flex_direction: FlexDirection::Column,
            padding: UiRect::all(px(16)),
            row_gap: px(12),
            ..default()
        },
        // No background of its own: the clear colour is the palette's background, and a
        // full-window quad would cost a software renderer a whole extra fill per frame.
        DespawnOnExit(screen),
        TabGroup::new(0),
    )
}

/// The root of an overlay: a dimmed backdrop with a centred card; Tab stays inside it.
pub fn overlay_root(overlay: Overlay) -> impl Bundle {
    (
        Name::new(format!("{overlay:?} overlay")),
        Node {
            position_type: PositionType::Absolute,
            width: percent(100),
            height: percent(100),
            justify_content: JustifyContent::Center,
            align_items: AlignItems::Center,
            ..default()
        },
        GlobalZIndex(10),
        Bg(ColorRole::Scrim),
        BackgroundColor(Color::NONE),
        DespawnOnExit(overlay),
        TabGroup::modal(),
    )
}

/// Seconds since 1970 by this machine's clock (0 if the clock is before it), for saying when a
/// saved call started as time gone by.
fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}
