//! The briefing, Alessandra's Target step: who the customer is, what is known before the
//! call, the product, and the learning objectives. Redrawn when the scenario file changes.

use super::{Screen, screen_root};
use crate::game::GameOptions;
use crate::game::input::{MainScroll, ReadingPanel, ScrollHint};
use crate::game::scenario_assets::Library;
use crate::game::session::{CallRequest, Selected};
use crate::game::theme::widgets::{
    a11y, body, button, heading, muted, panel, primary_button, row, scroll_column, text, title,
};
use crate::game::theme::{ColorRole, TextRole};
use accesskit::Role;
use bevy::input::common_conditions::input_just_pressed;
use bevy::input_focus::AutoFocus;
use bevy::prelude::*;
use bevy::ui_widgets::Activate;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Briefing), spawn);
    app.add_systems(Update, refresh.run_if(in_state(Screen::Briefing)));
    app.add_systems(Update, open_requested.run_if(in_state(Screen::Menu)));
    // Esc goes back to the menu.
    app.add_systems(
        Update,
        (|mut screen: ResMut<NextState<Screen>>| screen.set(Screen::Menu)).run_if(
            in_state(Screen::Briefing)
                .and_then(in_state(super::Overlay::None))
                .and_then(input_just_pressed(KeyCode::Escape)),
        ),
    );
}

/// `rapport --scenario ID` opens that scenario's briefing once the library has loaded.
fn open_requested(
    options: Res<GameOptions>,
    library: Res<Library>,
    mut done: Local<bool>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
) {
    if *done || options.autoplay.is_some() || options.bench.is_some() || !library.ready() {
        return;
    }
    let Some(id) = &options.scenario else { return };
    *done = true;
    match library.by_id(id) {
        Some(entry) => {
            commands.insert_resource(Selected(entry.path.clone()));
            next.set(Screen::Briefing);
        }
        None => warn!("no scenario with id \"{id}\"; showing the menu"),
    }
}

/// The briefing's content; remembers which library revision it shows.
#[derive(Component, Debug)]
struct BriefingBody {
    revision: Option<u64>,
}

fn spawn(mut commands: Commands) {
    commands
        .spawn(screen_root(Screen::Briefing))
        .with_children(|root| {
            let body = root
                .spawn((
                    BriefingBody { revision: None },
                    ReadingPanel,
                    MainScroll,
                    Node {
                        flex_grow: 1.0,
                        flex_basis: px(0),
                        ..scroll_column(12.0)
                    },
                    a11y(Role::Document, "Briefing"),
                ))
                .id();
            root.spawn(row(10.0)).with_children(|bar| {
                bar.spawn((
                    primary_button(
                        "Start the call",
                        "Start the call",
                        |_: On<Activate>, mut call: MessageWriter<CallRequest>| {
                            call.write(CallRequest::Start { seed: None });
                        },
                    ),
                    AutoFocus,
                ));
                bar.spawn((button(
                    "Back to the menu",
                    "Back to the scenario menu",
                    |_: On<Activate>, mut next: ResMut<NextState<Screen>>| next.set(Screen::Menu),
                ),));
                // How the call is played sits here rather than under the briefing, where at
                // 1280x720 it was the one line left below the fold (a 17 px Page Down).
                bar.spawn(muted(
                    "In the call, pick what to say by number, arrows and Enter, or the mouse \
                     · Page Down reads on · Esc goes back",
                ));
                bar.spawn((
                    ScrollHint {
                        target: body,
                        items: None,
                    },
                    text("", TextRole::Small, ColorRole::Text),
                ));
            });
        });
}

fn refresh(
    library: Res<Library>,
    selected: Option<Res<Selected>>,
    mut bodies: Query<(Entity, &mut BriefingBody)>,
    mut commands: Commands,
) {
    let Some(selected) = selected else { return };
    for (entity, mut b) in &mut bodies {
        if b.revision == Some(library.revision) {
            continue;
        }
        b.revision = Some(library.revision);
        commands.entity(entity).despawn_related::<Children>();
        let Some(entry) = library.by_path(&selected.0) else {
            continue;
        };
        let Some(s) = entry.good.clone() else {
            continue;
        };
        let problems = if entry.has_errors() {
            entry.problems()
        } else {
            Vec::new()
        };
        commands.entity(entity).with_children(|page| {
            let f = &s.file;
            page.spawn(title(f.meta.title.clone()));
            page.spawn(muted(format!(
                "{} · {:?} · about {} minutes",
                f.meta.industry, f.meta.difficulty, f.meta.estimated_minutes
            )));
            if !problems.is_empty() {
                page.spawn((
                    panel(Node::default()),
                    a11y(Role::Group, problems.join("\n")),
                ))
                .with_children(|p| {
                    p.spawn(text(
                        "The file on disk has errors; this briefing shows its last good version.",
                        TextRole::Body,
                        ColorRole::Bad,
                    ));
                    for line in problems.iter().take(4) {
                        p.spawn(text(line.clone(), TextRole::Small, ColorRole::Text));
                    }
                });
            }
            page.spawn(body(f.meta.summary.clone()));
            page.spawn(Node {
                align_items: AlignItems::Stretch,
                ..row(12.0)
            })
            .with_children(|cols| {
                cols.spawn(panel(Node {
                    flex_grow: 1.0,
                    flex_basis: px(300),
                    ..default()
                }))
                .with_children(|p| {
                    p.spawn(heading("Who you are calling"));
                    p.spawn(body(format!(
                        "{}, {} at {}",
                        f.customer.name, f.customer.role, f.customer.company
                    )));
                    bullets(p, "What you know before the call", &f.briefing.known);
                    bullets(p, "What to find out", &f.briefing.find_out);
                });
                cols.spawn(panel(Node {
                    flex_grow: 1.0,
                    flex_basis: px(300),
                    ..default()
                }))
                .with_children(|p| {
                    p.spawn(heading(format!("Your product: {}", f.product.name)));
                    p.spawn(body(f.product.description.clone()));
                    for c in &f.product.can {
                        p.spawn(body(format!("• Can: {c}")));
                    }
                    for c in &f.product.cannot {
                        p.spawn(body(format!("• Cannot: {c}")));
                    }
                    bullets(p, "Learning objectives", &f.meta.learning_objectives);
                });
            });
        });
    }
}

/// A heading and its bulleted lines; nothing when there are no lines.
fn bullets(p: &mut ChildSpawnerCommands, title: &str, lines: &[String]) {
    if lines.is_empty() {
        return;
    }
    p.spawn(heading(title));
    for line in lines {
        p.spawn(body(format!("• {line}")));
    }
}
