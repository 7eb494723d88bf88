//! The call a killed game left behind: shown over the menu at start, to resume at the move
//! after the last one saved, or to set aside (kept as an abandoned result).

use super::{Overlay, Screen, overlay_root, unix_now};
use crate::game::scenario_assets::Library;
use crate::game::session::CallRequest;
use crate::game::theme::widgets::{body, button, muted, panel, primary_button, title};
use crate::game::workshop::{PendingResume, SetAsideInterrupted};
use bevy::input_focus::AutoFocus;
use bevy::prelude::*;
use bevy::ui_widgets::Activate;
use rapport_workshop::record::shortened;
use rapport_workshop::resume::started_ago;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        offer
            .run_if(resource_exists::<PendingResume>)
            .run_if(in_state(Screen::Menu).and_then(in_state(Overlay::None))),
    );
    app.add_systems(OnEnter(Overlay::Interrupted), spawn);
    app.add_systems(
        Update,
        (redraw, close_when_settled).run_if(in_state(Overlay::Interrupted)),
    );
}

/// Opens the dialog once the scenarios have loaded (so it can say whether the call resumes).
fn offer(library: Res<Library>, mut shown: Local<bool>, mut overlay: ResMut<NextState<Overlay>>) {
    if library.ready() && !*shown {
        *shown = true;
        overlay.set(Overlay::Interrupted);
    }
}

#[derive(Component)]
struct Dialog;

fn spawn(mut commands: Commands, pending: Option<Res<PendingResume>>) {
    let Some(pending) = pending else { return };
    commands
        .spawn(overlay_root(Overlay::Interrupted))
        .with_children(|root| {
            root.spawn((
                panel(Node {
                    min_width: px(360),
                    max_width: percent(92),
                    row_gap: px(10),
                    ..default()
                }),
                Dialog,
            ))
            .with_children(|p| fill(p, &pending));
        });
}

fn fill(p: &mut ChildSpawnerCommands, pending: &PendingResume) {
    let attempt = &pending.saved.attempt;
    let moves = pending.saved.moves.len();
    p.spawn(title("Your last call was interrupted"));
    p.spawn(body(format!(
        "{} — after {moves} move{}{}{}.",
        shortened(&attempt.scenario.title, 60),
        if moves == 1 { "" } else { "s" },
        started_ago(&attempt.started_at, unix_now())
            .map(|ago| format!(", started {ago}"))
            .unwrap_or_default(),
        if attempt.trainee.is_empty() {
            String::new()
        } else {
            format!(", played by {}", shortened(&attempt.trainee, 40))
        }
    )));
    match &pending.problem {
        None => {
            p.spawn((
                primary_button(
                    format!("Resume at move {}", moves + 1),
                    format!("Resume the interrupted call at move {}", moves + 1),
                    |_: On<Activate>, mut call: MessageWriter<CallRequest>| {
                        call.write(CallRequest::Resume);
                    },
                ),
                AutoFocus,
            ));
            p.spawn(button(
                "Set it aside",
                "Set the interrupted call aside; it is kept as an abandoned result",
                |_: On<Activate>, mut aside: MessageWriter<SetAsideInterrupted>| {
                    aside.write(SetAsideInterrupted);
                },
            ));
            p.spawn(muted(
                "Set aside, it is kept in your results as an abandoned call.",
            ));
        }
        Some(problem) => {
            p.spawn(body(format!("It cannot resume: {problem}")));
            p.spawn((
                primary_button(
                    "Set it aside",
                    "Set the interrupted call aside; what was played is kept",
                    |_: On<Activate>, mut aside: MessageWriter<SetAsideInterrupted>| {
                        aside.write(SetAsideInterrupted);
                    },
                ),
                AutoFocus,
            ));
            p.spawn(muted("What was played stays in the results folder."));
        }
    }
}

/// Redraws when the check of the scenario finds the call cannot resume.
fn redraw(
    pending: Option<Res<PendingResume>>,
    dialog: Query<Entity, With<Dialog>>,
    mut commands: Commands,
) {
    let Some(pending) = pending.filter(|p| p.is_changed() && !p.is_added()) else {
        return;
    };
    for entity in &dialog {
        commands.entity(entity).despawn_children();
        commands.entity(entity).with_children(|p| fill(p, &pending));
    }
}

/// Closes once the call resumed or was set aside (the pending call is gone).
fn close_when_settled(
    pending: Option<Res<PendingResume>>,
    screen: Res<State<Screen>>,
    mut overlay: ResMut<NextState<Overlay>>,
) {
    if pending.is_none() && *screen.get() == Screen::Menu {
        overlay.set(Overlay::None);
    }
}
