//! Replay: a call step by step beside the best honest play for the same scenario and seed,
//! from the debrief or from a past result. `[` and `]` (or the buttons) step; Esc goes back.
//! Everything shown comes from `rapport_workshop::replay`.

use super::{Screen, screen_root};
use crate::game::theme::widgets::{
    a11y, body, button, column, heading, muted, panel, primary_button, row, scroll_column, text,
    title,
};
use crate::game::theme::{ColorRole, TextRole};
use accesskit::Role;
use bevy::input::common_conditions::input_just_pressed;
use bevy::input_focus::AutoFocus;
use bevy::prelude::*;
use bevy::ui_widgets::Activate;
use rapport_core::engine::Speaker;
use rapport_core::scoring::debrief::Verdict;
use rapport_workshop::record::shortened;
use rapport_workshop::replay::{Replay, Side};

/// The replay on screen, the turn shown (0-based) and where Esc goes back to.
#[derive(Resource, Debug, Clone)]
pub struct ReplayView {
    pub replay: Replay,
    pub step: usize,
    pub back_to: Screen,
}

impl ReplayView {
    pub fn new(replay: Replay, back_to: Screen) -> ReplayView {
        ReplayView {
            replay,
            step: 0,
            back_to,
        }
    }

    fn previous(&mut self) {
        self.step = self.step.saturating_sub(1);
    }

    fn next(&mut self) {
        self.step = (self.step + 1).min(self.replay.steps().saturating_sub(1));
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Replay), spawn);
    let here = in_state(Screen::Replay).and_then(in_state(super::Overlay::None));
    app.add_systems(
        Update,
        (
            (|mut v: ResMut<ReplayView>| v.previous()).run_if(
                here.clone()
                    .and_then(input_just_pressed(KeyCode::BracketLeft)),
            ),
            (|mut v: ResMut<ReplayView>| v.next()).run_if(
                here.clone()
                    .and_then(input_just_pressed(KeyCode::BracketRight)),
            ),
            go_back.run_if(here.and_then(input_just_pressed(KeyCode::Escape))),
            refresh.run_if(in_state(Screen::Replay)),
        )
            .chain(),
    );
}

fn go_back(view: Option<Res<ReplayView>>, mut screen: ResMut<NextState<Screen>>) {
    screen.set(view.map_or(Screen::Menu, |v| v.back_to));
}

#[derive(Component)]
struct StepHeader;

#[derive(Component, Clone, Copy, PartialEq, Eq)]
enum Column {
    Yours,
    Best,
}

fn spawn(mut commands: Commands, view: Option<Res<ReplayView>>) {
    let Some(view) = view else { return };
    let replay = &view.replay;
    commands
        .spawn(screen_root(Screen::Replay))
        .with_children(|root| {
            root.spawn(title(format!("Replay: {}", shortened(&replay.title, 80))));
            root.spawn(muted(format!(
                "Seed {}. Your score {:.1}{}. Step through your call beside the best honest play \
             the checker found for the same customer.",
                replay.seed,
                replay.your_total,
                replay
                    .best_total
                    .map(|b| format!(", the best play's {b:.1}"))
                    .unwrap_or_default()
            )));
            if let Some(note) = &replay.note {
                root.spawn(body(note.clone()));
            }
            root.spawn(row(10.0)).with_children(|bar| {
                bar.spawn(button(
                    "Previous turn ([)",
                    "Show the previous turn",
                    |_: On<Activate>, mut v: ResMut<ReplayView>| v.previous(),
                ));
                bar.spawn((
                    primary_button(
                        "Next turn (])",
                        "Show the next turn",
                        |_: On<Activate>, mut v: ResMut<ReplayView>| v.next(),
                    ),
                    AutoFocus,
                ));
                bar.spawn((heading(""), StepHeader));
            });
            root.spawn(Node {
                flex_grow: 1.0,
                flex_basis: px(0),
                align_items: AlignItems::Stretch,
                ..row(12.0)
            })
            .with_children(|cols| {
                for (column_kind, label) in [
                    (Column::Yours, "You"),
                    (Column::Best, "The best honest play"),
                ] {
                    cols.spawn((
                        panel(Node {
                            flex_grow: 1.0,
                            flex_basis: px(280),
                            ..scroll_column(6.0)
                        }),
                        a11y(Role::Group, label),
                    ))
                    .with_children(|c| {
                        c.spawn(text(label, TextRole::Button, ColorRole::Text));
                        c.spawn((column(6.0), column_kind));
                    });
                }
            });
            root.spawn(row(10.0)).with_children(|bar| {
                bar.spawn(button(
                    "Back",
                    "Go back",
                    |_: On<Activate>,
                     view: Option<Res<ReplayView>>,
                     mut screen: ResMut<NextState<Screen>>| {
                        screen.set(view.map_or(Screen::Menu, |v| v.back_to));
                    },
                ));
                bar.spawn(muted(
                    "Keys: [ and ] step through the turns · Esc goes back",
                ));
            });
        });
}

fn refresh(
    view: Res<ReplayView>,
    mut header: Query<&mut Text, With<StepHeader>>,
    columns: Query<(Entity, &Column)>,
    added: Query<(), Added<Column>>,
    mut commands: Commands,
) {
    if !view.is_changed() && added.is_empty() {
        return;
    }
    let replay = &view.replay;
    let steps = replay.steps();
    for mut text in &mut header {
        text.0 = if steps == 0 {
            "No moves were played".into()
        } else {
            format!("Turn {} of {steps}", view.step + 1)
        };
    }
    for (entity, column) in &columns {
        let sides = match column {
            Column::Yours => &replay.yours,
            Column::Best => &replay.best,
        };
        commands.entity(entity).despawn_related::<Children>();
        commands.entity(entity).with_children(|c| {
            if view.step == 0 {
                for line in &replay.opening {
                    c.spawn(muted(format!("Customer: {}", line.text)));
                }
            }
            match sides.get(view.step) {
                Some(side) => side_view(c, side, *column),
                None if sides.is_empty() && *column == Column::Best => {
                    c.spawn(muted("No best play to show."));
                }
                None => {
                    c.spawn(muted("This call had ended by this turn."));
                }
            }
        });
    }
}

fn side_view(c: &mut ChildSpawnerCommands, side: &Side, column: Column) {
    let speaker = match column {
        Column::Yours => "You said",
        Column::Best => "The best play says",
    };
    c.spawn(text(
        format!("{speaker}: {}", side.said),
        TextRole::Body,
        ColorRole::Text,
    ));
    let mark = match side.verdict {
        Verdict::Followed => "Followed",
        Verdict::Broke => "Broke",
        Verdict::Neutral => "Neutral",
    };
    c.spawn(muted(format!("{mark}: {}", side.principle)));
    for reply in &side.replies {
        let who = match reply.speaker {
            Speaker::Customer => "Customer",
            Speaker::Narrator => "Narrator",
            Speaker::Trainee => "You",
        };
        c.spawn(body(format!("{who}: {}", reply.text)));
    }
    c.spawn(muted(format!("Trust after: {} of 100", side.trust_after)));
}
