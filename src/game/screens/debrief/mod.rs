//! The debrief: each score dimension as a bar with its reasons, trust over the turns, the
//! customer's head turn by turn (step with [ and ], or the buttons), the annotated timeline,
//! needs found and missed, the behaviour profile beside Rackham's negotiators, the gap to the
//! best play the checker found, and what-if: play on from any turn with another move.
//!
//! All of it is `rapport_core::scoring::debrief::debrief` of the session's conversation.

mod head;
mod summary;

use super::{Screen, screen_root};
use crate::game::input::{MainScroll, ReadingPanel};
use crate::game::session::{CallRequest, Session};
use crate::game::theme::widgets::{a11y, column, more_hint, panel, scroll_column};
use accesskit::Role;
use bevy::input::common_conditions::input_just_pressed;
use bevy::input_focus::{AutoFocus, InputFocus};
use bevy::prelude::*;
use head::draw_head;
use rapport_core::scoring::debrief::{Debrief, debrief};
use summary::draw_main;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Debrief), spawn);
    app.add_systems(OnExit(Screen::Debrief), |mut commands: Commands| {
        commands.remove_resource::<DebriefView>()
    });
    app.add_systems(
        Update,
        (keys, refresh).chain().run_if(in_state(Screen::Debrief)),
    );
    // Esc leaves the call and goes back to the menu.
    app.add_systems(
        Update,
        (|mut call: MessageWriter<CallRequest>| {
            call.write(CallRequest::Leave);
        })
        .run_if(
            in_state(Screen::Debrief)
                .and_then(in_state(super::Overlay::None))
                .and_then(input_just_pressed(KeyCode::Escape)),
        ),
    );
}

/// The debrief on screen and the turn selected in the customer's head.
#[derive(Resource, Debug, Clone)]
pub struct DebriefView {
    pub debrief: Debrief,
    /// 1-based turn shown in the customer's head.
    pub turn: usize,
}

impl DebriefView {
    pub fn turns(&self) -> usize {
        self.debrief.head.len()
    }

    pub fn step(&mut self, delta: isize) {
        let n = self.turns().max(1) as isize;
        self.turn = (self.turn as isize + delta).clamp(1, n) as usize;
    }
}

/// A debrief button's identity, to keep the focus on it across a redraw.
#[derive(Component, Debug, Clone, PartialEq, Eq)]
pub struct Key(pub String);

#[derive(Component)]
struct MainArea {
    drawn: bool,
}
#[derive(Component)]
struct HeadArea {
    turn: usize,
}

fn spawn(mut commands: Commands, session: Option<Res<Session>>) {
    let Some(session) = session else { return };
    let d = debrief(&session.conversation);
    let turn = d.head.len().max(1);
    commands.insert_resource(DebriefView { debrief: d, turn });
    commands
        .spawn(screen_root(Screen::Debrief))
        .with_children(|root| {
            let page = root
                .spawn((
                    Node {
                        flex_grow: 1.0,
                        flex_basis: px(0),
                        ..scroll_column(12.0)
                    },
                    PageScroll,
                    ReadingPanel,
                    MainScroll,
                ))
                .with_children(|page| {
                    page.spawn((MainArea { drawn: false }, column(12.0)));
                })
                .id();
            root.spawn(more_hint(page));
        });
}

/// The debrief's scrolling page.
#[derive(Component)]
pub struct PageScroll;

/// `[` and `]` step through the customer's head; `W` plays on from the selected turn.
fn keys(
    keys: Res<ButtonInput<KeyCode>>,
    view: Option<ResMut<DebriefView>>,
    mut call: MessageWriter<CallRequest>,
) {
    let Some(mut view) = view else { return };
    if keys.just_pressed(KeyCode::BracketLeft) {
        view.step(-1);
    }
    if keys.just_pressed(KeyCode::BracketRight) {
        view.step(1);
    }
    if keys.just_pressed(KeyCode::KeyW) {
        call.write(CallRequest::WhatIf { turn: view.turn });
    }
}

#[allow(clippy::too_many_arguments)]
fn refresh(
    session: Option<Res<Session>>,
    view: Option<Res<DebriefView>>,
    mut mains: Query<(Entity, &mut MainArea)>,
    mut heads: Query<(Entity, &mut HeadArea)>,
    keys: Query<&Key>,
    focus: Res<InputFocus>,
    mut commands: Commands,
) {
    let (Some(session), Some(view)) = (session, view) else {
        return;
    };
    let focused = focus.get().and_then(|e| keys.get(e).ok()).cloned();
    for (entity, mut main) in &mut mains {
        if main.drawn && !session.is_changed() {
            continue;
        }
        let first = !main.drawn;
        main.drawn = true;
        commands.entity(entity).despawn_related::<Children>();
        let focus_key = focused
            .clone()
            .or_else(|| first.then(|| Key("replay".into())));
        commands
            .entity(entity)
            .with_children(|page| draw_main(page, &session, &view, focus_key.as_ref()));
        return;
    }
    for (entity, mut head) in &mut heads {
        if head.turn == view.turn {
            continue;
        }
        head.turn = view.turn;
        commands.entity(entity).despawn_related::<Children>();
        commands
            .entity(entity)
            .with_children(|h| draw_head(h, &session, &view, focused.as_ref()));
    }
}

/// One of two panels side by side; they wrap one under the other in a narrow window.
fn side_panel(label: &str) -> impl Bundle + use<> {
    (
        panel(Node {
            flex_grow: 1.0,
            flex_basis: px(380),
            ..default()
        }),
        a11y(Role::Group, label),
    )
}

fn keyed(parent: &mut ChildSpawnerCommands, bundle: impl Bundle, key: &str, focus: Option<&Key>) {
    let mut e = parent.spawn((bundle, Key(key.to_string())));
    if focus.is_some_and(|k| k.0 == key) {
        e.insert(AutoFocus);
    }
}
