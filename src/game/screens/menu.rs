//! The scenario menu: every scenario with title, industry, difficulty and minutes. A file
//! that fails to parse or check is listed with its diagnostics; a broken save of a file that
//! was good keeps its last good version playable. Redrawn whenever the library changes.

use super::{Overlay, Screen, screen_root};
use crate::game::scenario_assets::{CheckStatus, Library, LibraryEntry};
use crate::game::session::Selected;
use crate::game::theme::interaction::ButtonLook;
use crate::game::theme::widgets::{
    a11y, body, button, button_base, column, muted, row, scroll_column, text, title,
};
use crate::game::theme::{Bg, ColorRole, Edge, TextRole};
use crate::game::workshop::Trainee;
use accesskit::Role;
use bevy::input_focus::{AutoFocus, InputFocus};
use bevy::picking::hover::Hovered;
use bevy::prelude::*;
use bevy::ui_widgets::{Activate, observe};
use rapport_workshop::record::shortened;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Menu), spawn);
    app.add_systems(
        Update,
        (refresh, who_is_playing).run_if(in_state(Screen::Menu)),
    );
}

/// The list of scenario cards; remembers which library revision it shows.
#[derive(Component, Debug)]
pub struct MenuList {
    revision: Option<u64>,
}

/// A card for one scenario file, by its library path.
#[derive(Component, Debug, Clone)]
pub struct ScenarioCard(pub String);

fn spawn(mut commands: Commands) {
    commands.spawn(screen_root(Screen::Menu)).with_children(|root| {
        root.spawn(Node { justify_content: JustifyContent::SpaceBetween, ..row(12.0) }).with_children(|bar| {
            bar.spawn(column(2.0)).with_children(|c| {
                c.spawn(title("Rapport"));
                c.spawn(muted("Choose a conversation to practise. Find out what the customer needs; no tricks."));
                c.spawn((muted(""), WhoIsPlaying));
            });
            bar.spawn(row(8.0)).with_children(|b| {
                b.spawn(button("Your results", "Your past results, to replay beside the best play",
                    |_: On<Activate>, mut next: ResMut<NextState<Screen>>| next.set(Screen::Results)));
                b.spawn((
                    button("Settings", "Settings: text size, contrast, coach mode",
                    |_: On<Activate>, mut next: ResMut<NextState<Overlay>>| next.set(Overlay::Settings)),
                ));
                b.spawn((
                    button("Quit", "Quit the game",
                    |_: On<Activate>, mut next: ResMut<NextState<Overlay>>| {
                        next.set(Overlay::ConfirmQuit)
                    }),
                ));
            });
        });
        let list = root.spawn((
            MenuList { revision: None },
            crate::game::input::KeyList,
            crate::game::input::MainScroll,
            Node { flex_grow: 1.0, flex_basis: px(0), padding: UiRect::all(px(4)), ..scroll_column(10.0) },
            a11y(Role::List, "Scenarios"),
        )).id();
        // The keys, and whether the list hides cards below or above (a cut card says so).
        root.spawn(Node { justify_content: JustifyContent::SpaceBetween, ..row(12.0) }).with_children(|keys| {
            keys.spawn(muted(
                "Keys: Tab or arrows move, Enter opens, Esc goes back. Scenario files reload while the game runs.",
            ));
            keys.spawn((
                crate::game::input::ScrollHint { target: list, items: None },
                text("", TextRole::Small, ColorRole::Text),
            ));
        });
    });
}

/// The line saying who plays and under which workshop.
#[derive(Component, Debug)]
struct WhoIsPlaying;

fn who_is_playing(
    trainee: Res<Trainee>,
    mut lines: Query<&mut Text, With<WhoIsPlaying>>,
    added: Query<(), Added<WhoIsPlaying>>,
) {
    if !trainee.is_changed() && added.is_empty() {
        return;
    }
    let who = if trainee.name.is_empty() {
        "Add your name in Settings so your results carry it.".to_string()
    } else {
        format!("Playing as {}.", shortened(&trainee.name, 40))
    };
    let workshop = match &trainee.workshop {
        Some((text, code)) => format!(
            " Workshop {text}: {} scenario{} for the whole room.",
            code.scenarios.len(),
            if code.scenarios.len() == 1 { "" } else { "s" }
        ),
        None => String::new(),
    };
    for mut line in &mut lines {
        line.0 = format!("{who}{workshop}");
    }
}

fn refresh(
    library: Res<Library>,
    trainee: Res<Trainee>,
    mut lists: Query<(Entity, &mut MenuList)>,
    cards: Query<(&ScenarioCard, &Hovered)>,
    focus: Res<InputFocus>,
    mut commands: Commands,
) {
    for (list_entity, mut list) in &mut lists {
        if list.revision == Some(library.revision) && !trainee.is_changed() {
            continue;
        }
        let first = list.revision.is_none();
        list.revision = Some(library.revision);
        // Keep the focus on the same scenario across a redraw.
        let focused = focus
            .get()
            .and_then(|e| cards.get(e).ok())
            .map(|(c, _)| c.0.clone());
        // And the hover: a new card is not hovered until picking runs again, so each check
        // that finished blinked the highlight under a still mouse.
        let hovered = cards
            .iter()
            .find(|(_, h)| h.get())
            .map(|(c, _)| c.0.clone());
        commands.entity(list_entity).despawn_related::<Children>();
        // Under a workshop code, the room's scenarios only.
        let mut listed = library.listed();
        if let Some((_, code)) = &trainee.workshop {
            listed.retain(|e| e.id().is_some_and(|id| code.has_scenario(id)));
        }
        commands.entity(list_entity).with_children(|list| {
            if listed.is_empty() {
                list.spawn(body(if library.entries.is_empty() {
                    "No scenarios found. Write one with `rapport new NAME` and start with --scenarios DIR."
                } else {
                    "Loading scenarios…"
                }));
            }
            for (i, entry) in listed.iter().enumerate() {
                let autofocus = match &focused {
                    Some(path) => *path == entry.path,
                    None => first && i == 0,
                };
                let card = list
                    .spawn(card(entry, library.replaces_shipped(entry)))
                    .id();
                if autofocus {
                    list.commands().entity(card).insert(AutoFocus);
                }
                if hovered.as_ref() == Some(&entry.path) {
                    list.commands().entity(card).insert(Hovered(true));
                }
            }
        });
    }
}

fn card(entry: &LibraryEntry, trainers_version: bool) -> impl Bundle {
    let path = entry.path.clone();
    let playable = entry.good.is_some();
    let (heading, label) = match &entry.good {
        Some(s) => {
            let m = &s.file.meta;
            (
                m.title.clone(),
                format!(
                    "Scenario: {}. {}, {:?}, {} minutes.{}",
                    m.title,
                    m.industry,
                    m.difficulty,
                    m.estimated_minutes,
                    if entry.has_errors() {
                        " The file has problems."
                    } else {
                        ""
                    }
                ),
            )
        }
        None => (
            entry.origin.clone(),
            format!(
                "Scenario file {} cannot be played: it has errors.",
                entry.origin
            ),
        ),
    };
    let look = if playable {
        ButtonLook::CARD
    } else {
        ButtonLook {
            normal: ColorRole::PanelAlt,
            ..ButtonLook::CARD
        }
    };
    (
        ScenarioCard(path.clone()),
        button_base(look, label),
        Node {
            flex_direction: FlexDirection::Column,
            row_gap: px(4),
            padding: UiRect::all(px(14)),
            border: UiRect::all(px(1)),
            border_radius: BorderRadius::all(px(10)),
            flex_shrink: 0.0,
            ..default()
        },
        observe(
            move |_: On<Activate>,
                  library: Res<Library>,
                  mut commands: Commands,
                  mut next: ResMut<NextState<Screen>>| {
                if library.by_path(&path).is_some_and(|e| e.good.is_some()) {
                    commands.insert_resource(Selected(path.clone()));
                    next.set(Screen::Briefing);
                }
            },
        ),
        Children::spawn(SpawnWith({
            let details = entry.good.as_ref().map(|s| {
                let m = &s.file.meta;
                (
                    format!(
                        "{} · {:?} · about {} minutes",
                        m.industry, m.difficulty, m.estimated_minutes
                    ),
                    m.summary.clone(),
                )
            });
            let problems = entry.problems();
            let problem_count = entry.problem_count();
            let errors = entry.has_errors();
            let status = status_line(entry);
            let version = trainers_version.then(|| {
                format!(
                    "Your version, from {}: it replaces the shipped scenario.",
                    entry.origin
                )
            });
            move |card: &mut ChildSpawner| {
                card.spawn((
                    text(heading, TextRole::Heading, ColorRole::Text),
                    Pickable::IGNORE,
                ));
                if let Some((facts, summary)) = details {
                    card.spawn((muted(facts), Pickable::IGNORE));
                    card.spawn((body(summary), Pickable::IGNORE));
                }
                if let Some(version) = version {
                    card.spawn((
                        text(version, TextRole::Small, ColorRole::Accent),
                        Pickable::IGNORE,
                    ));
                }
                if let Some((status, color)) = status {
                    card.spawn((text(status, TextRole::Small, color), Pickable::IGNORE));
                }
                if errors && !problems.is_empty() {
                    card.spawn((
                        Node {
                            flex_direction: FlexDirection::Column,
                            row_gap: px(4),
                            padding: UiRect::all(px(8)),
                            border: UiRect::left(px(4)),
                            ..default()
                        },
                        Bg(ColorRole::PanelAlt),
                        BackgroundColor(Color::NONE),
                        Edge(ColorRole::Bad),
                        Pickable::IGNORE,
                        a11y(Role::Group, problems.join("\n")),
                    ))
                    .with_children(|b| {
                        for p in problems.iter().take(6) {
                            b.spawn((
                                text(p.clone(), TextRole::Small, ColorRole::Text),
                                Pickable::IGNORE,
                            ));
                        }
                        if problem_count > 6 {
                            b.spawn((
                                muted(format!(
                                    "… and {} more (run `rapport check`)",
                                    problem_count - 6
                                )),
                                Pickable::IGNORE,
                            ));
                        }
                    });
                }
            }
        })),
    )
}

/// A word on the file's state, never colour alone.
fn status_line(entry: &LibraryEntry) -> Option<(String, ColorRole)> {
    if !entry.loaded {
        return Some(("Loading…".into(), ColorRole::Muted));
    }
    let parse_errors = entry.load_error.is_some() || entry.diagnostics.iter().any(|d| d.is_error());
    if parse_errors {
        return Some(if entry.good.is_some() {
            (
                "Error in the file on disk: you can still play the last good version.".into(),
                ColorRole::Bad,
            )
        } else {
            (
                "Error: this file cannot be played until it is fixed.".into(),
                ColorRole::Bad,
            )
        });
    }
    match &entry.check {
        CheckStatus::Pending | CheckStatus::Running => {
            Some(("Checking the scoring…".into(), ColorRole::Muted))
        }
        // A line of its own, so the card keeps the height it had while checking.
        CheckStatus::Passed { .. } => Some((
            "Fair scoring: honest play beats every trick.".into(),
            ColorRole::Muted,
        )),
        CheckStatus::Failed { .. } => Some((
            "Fails `rapport check`: playable, but the scoring may be unfair.".into(),
            ColorRole::Bad,
        )),
    }
}
