//! The call: a customer card whose mood follows trust, the dialogue log, the moves as plain
//! text (never their kind), trust and time meters, and "What I have learned". Coach mode adds
//! the core's one-line principle after each move.
//!
//! Everything shown is read from the session's `Conversation`; a chosen move is only sent as
//! a `ChooseMove` message.

use super::{Overlay, Screen, screen_root};
use crate::game::input::{KeyList, ReadingPanel};
use crate::game::scenario_assets::Library;
use crate::game::session::{CallMoves, Session};
use crate::game::settings::Settings;
use crate::game::theme::widgets::{
    a11y, body, button, column, heading, list_count, meter_bar, more_hint, muted, panel,
    primary_button, row, scroll_column, text,
};
use crate::game::theme::{Bg, ColorRole, TextRole, Theme};
use accesskit::{Live, Role};
use bevy::a11y::AccessibilityNode;
use bevy::input_focus::AutoFocus;
use bevy::prelude::*;
use bevy::ui_widgets::Activate;
use bevy::window::PrimaryWindow;
use rapport_core::engine::{Speaker, trust_word};
use rapport_core::scoring::outcome_label;

mod keys;
mod moves;
mod notes;

pub use keys::{PendingLine, PendingNumber, pending_text};
pub use moves::{MenuHeading, MoveButton};
use moves::{menu_now, refresh_moves, spawn_moves};

pub(super) fn plugin(app: &mut App) {
    app.add_plugins((keys::plugin, notes::plugin));
    app.add_systems(OnEnter(Screen::Conversation), spawn);
    app.add_systems(
        Update,
        (
            (refresh, refresh_moves).after(CallMoves),
            fit_to_window,
            file_sign,
        )
            .run_if(in_state(Screen::Conversation)),
    );
}

/// Shows the file sign while the call's scenario file has errors on disk.
fn file_sign(
    library: Res<Library>,
    session: Option<Res<Session>>,
    added: Query<(), Added<FileSign>>,
    mut signs: Query<(&mut Text, &mut Node), With<FileSign>>,
) {
    let Some(session) = session else { return };
    if !library.is_changed() && added.is_empty() {
        return;
    }
    let broken = library
        .by_path(&session.path)
        .is_some_and(|entry| entry.has_errors());
    for (mut text, mut node) in &mut signs {
        let (said, display) = if broken {
            (
                "The file on disk has errors; this call plays its last good version.",
                Display::Flex,
            )
        } else {
            ("", Display::None)
        };
        if text.0 != said {
            text.0 = said.to_string();
        }
        if node.display != display {
            node.display = display;
        }
    }
}

/// Whether a window this tall, at this text scale, is short enough for the compact layout
/// (1024×600 at 150 % text and above, or any window under 440 logical pixels).
pub fn is_compact(window_height: f32, text_scale: f32) -> bool {
    window_height / text_scale.max(0.5) < COMPACT_BELOW
}

/// Whether a window this wide, at this text scale, is too narrow for the left column
/// (1024×600 from 150 % text, 1280×720 at 200 %): it folds into the notes overlay.
pub fn is_narrow(window_width: f32, text_scale: f32) -> bool {
    window_width / text_scale.max(0.5) < NARROW_BELOW
}

/// Keeps the layout fitted to the window and text size: in a short window or with large
/// text, the moves get more room, and the seed line and the moves' key hint (the count and
/// the README say as much) are hidden; in a narrow one the left column folds into the notes
/// overlay (N), so the moves use the whole width.
#[allow(clippy::type_complexity)]
fn fit_to_window(
    windows: Query<Ref<Window>, With<PrimaryWindow>>,
    theme: Res<Theme>,
    added: Query<(), Added<ConversationView>>,
    mut seed: Query<&mut Node, (With<SeedLine>, Without<MovesPanel>)>,
    mut moves: Query<&mut Node, (With<MovesPanel>, Without<SeedLine>)>,
    mut folding: Query<
        (&mut Node, Has<LeftColumn>),
        (
            Or<(With<LeftColumn>, With<NotesButton>)>,
            Without<SeedLine>,
            Without<MovesPanel>,
        ),
    >,
) {
    let Ok(window) = windows.single() else { return };
    if !window.is_changed() && !theme.is_changed() && added.is_empty() {
        return;
    }
    let narrow = is_narrow(window.width(), theme.text_scale);
    for (mut node, is_left) in &mut folding {
        let display = if narrow == is_left {
            Display::None
        } else {
            Display::Flex
        };
        if node.display != display {
            node.display = display;
        }
    }
    let compact = is_compact(window.height(), theme.text_scale);
    for mut node in &mut seed {
        let display = if compact {
            Display::None
        } else {
            Display::Flex
        };
        if node.display != display {
            node.display = display;
        }
    }
    for mut node in &mut moves {
        let share = percent(if compact {
            MOVES_SHARE_COMPACT
        } else {
            MOVES_SHARE
        });
        if node.max_height != share {
            node.max_height = share;
        }
    }
}

/// "What I have learned" as lines to show: the core's list (needs at their depth, concerns
/// voiced), concerns in the muted colour.
fn learned_lines(
    scenario: &rapport_core::scenario::Scenario,
    state: &rapport_core::engine::State,
) -> Vec<(String, ColorRole)> {
    rapport_core::engine::learned(scenario, state)
        .into_iter()
        .map(|l| {
            let color = if l.concern {
                ColorRole::Muted
            } else {
                ColorRole::Text
            };
            (format!("• {}", l.text), color)
        })
        .collect()
}

/// Fills a "What I have learned" list, on the call screen or in the notes overlay.
fn spawn_learned(list: &mut ChildSpawnerCommands, lines: Vec<(String, ColorRole)>) {
    if lines.is_empty() {
        list.spawn(muted(
            "Nothing yet. Ask about their situation and problems.",
        ));
    }
    for (line, color) in lines {
        list.spawn(text(line, TextRole::Body, color));
    }
}

/// What the view has drawn so far, to add only what is new.
#[derive(Component, Debug, Default)]
pub struct ConversationView {
    log_shown: usize,
    ended_shown: bool,
    drawn_once: bool,
    /// The menu as drawn: each move's scenario index and whether it is marked new or said.
    moves_shown: Vec<moves::MenuRow>,
    /// The turns played when the moves were last drawn, to tell a pick from a redraw.
    turns_seen: usize,
}

#[derive(Component)]
pub struct TrustMeter;
#[derive(Component)]
pub struct TimeMeter;
#[derive(Component)]
struct TrustFill;
#[derive(Component)]
struct TimeFill;
#[derive(Component)]
struct TrustText;
#[derive(Component)]
struct TimeText;
#[derive(Component)]
struct MoodText;
/// The dialogue log (scrolls to the newest line).
#[derive(Component)]
pub struct DialogueLog;
#[derive(Component)]
struct LearnedList;
#[derive(Component)]
struct CoachLine;
#[derive(Component)]
struct MovesPanel;
/// The scrolling list of move buttons inside the moves panel.
#[derive(Component)]
struct MovesList;
/// The customer card and "What I have learned", which a narrow layout folds into the notes
/// overlay (N).
#[derive(Component)]
struct LeftColumn;
/// The top bar's "Notes (N)" button, shown when the left column is folded.
#[derive(Component)]
struct NotesButton;
/// A line the compact layout hides: the seed, the moves' key hint.
#[derive(Component)]
struct SeedLine;
/// A quiet sign that the scenario file on disk is broken (the call plays its last good
/// version), for a trainer saving while a call is open.
#[derive(Component)]
struct FileSign;

/// The share of the right column the moves may take, in a roomy window and in a compact one.
const MOVES_SHARE: f32 = 55.0;
const MOVES_SHARE_COMPACT: f32 = 62.0;
/// Below this height in text lines of the chosen size, the call switches to a compact layout:
/// the seed line goes, and the moves get more of the height than the dialogue.
const COMPACT_BELOW: f32 = 440.0;
/// Below this width in logical pixels of the chosen text size, the left column folds into
/// the notes overlay so that the moves and the dialogue get the whole width.
const NARROW_BELOW: f32 = 760.0;

fn spawn(mut commands: Commands, session: Option<Res<Session>>) {
    let Some(session) = session else { return };
    let s = &session.scenario;
    let customer = &s.file.customer;
    let menu = menu_now(&session);
    let view = ConversationView {
        moves_shown: menu.clone(),
        turns_seen: session.conversation.turns().len(),
        ..default()
    };
    commands
        .spawn((screen_root(Screen::Conversation), view))
        .with_children(|root| {
            // Top bar: what is being played, the meters, the pause menu.
            root.spawn(Node {
                justify_content: JustifyContent::SpaceBetween,
                ..row(16.0)
            })
            .with_children(|bar| {
                bar.spawn(column(2.0)).with_children(|c| {
                    c.spawn(text(
                        s.title().to_string(),
                        TextRole::Heading,
                        ColorRole::Text,
                    ));
                    let what_if = session.what_if.as_ref().map_or(String::new(), |w| {
                        format!(" · what-if from turn {}", w.from_turn + 1)
                    });
                    c.spawn((SeedLine, muted(format!("Seed {}{what_if}", session.seed()))));
                    c.spawn((
                        FileSign,
                        text("", TextRole::Small, ColorRole::Bad),
                        Node {
                            display: Display::None,
                            ..default()
                        },
                    ));
                });
                bar.spawn(row(16.0)).with_children(|m| {
                    m.spawn((
                        TrustMeter,
                        Node {
                            min_width: px(210),
                            ..column(3.0)
                        },
                        a11y(Role::Meter, "Trust"),
                    ))
                    .with_children(|t| {
                        t.spawn((TrustText, text("Trust", TextRole::Small, ColorRole::Text)));
                        t.spawn(meter_bar(0.5, ColorRole::Accent, 10.0))
                            .insert(TrustFill);
                    });
                    m.spawn((
                        TimeMeter,
                        Node {
                            min_width: px(170),
                            ..column(3.0)
                        },
                        a11y(Role::Meter, "Time left"),
                    ))
                    .with_children(|t| {
                        t.spawn((
                            TimeText,
                            text("Time left", TextRole::Small, ColorRole::Text),
                        ));
                        t.spawn(meter_bar(1.0, ColorRole::Neutral, 10.0))
                            .insert(TimeFill);
                    });
                    // Shown or hidden by `fit_to_window` before the first frame.
                    m.spawn((NotesButton, notes::notes_button()));
                    m.spawn((button(
                        "Pause (Esc)",
                        "Pause menu",
                        |_: On<Activate>, mut next: ResMut<NextState<Overlay>>| {
                            next.set(Overlay::Pause)
                        },
                    ),));
                });
            });
            root.spawn(Node {
                flex_grow: 1.0,
                flex_basis: px(0),
                min_height: px(0),
                column_gap: px(12),
                align_items: AlignItems::Stretch,
                ..default()
            })
            .with_children(|main| {
                // Left: who is on the other side, and what you have learned.
                main.spawn((LeftColumn, Node {
                    width: percent(30),
                    min_width: px(220),
                    min_height: px(0),
                    ..column(12.0)
                }))
                .with_children(|left| {
                    left.spawn((panel(Node::default()), a11y(Role::Group, "Customer")))
                        .with_children(|card| {
                            card.spawn(heading(customer.name.clone()));
                            card.spawn(muted(format!("{}, {}", customer.role, customer.company)));
                            card.spawn((MoodText, text("", TextRole::Body, ColorRole::Text)));
                        });
                    left.spawn((
                        panel(Node {
                            flex_grow: 1.0,
                            flex_basis: px(0),
                            min_height: px(0),
                            ..default()
                        }),
                        a11y(Role::Group, "What I have learned"),
                    ))
                    .with_children(|p| {
                        p.spawn(heading("What I have learned"));
                        let list = p
                            .spawn((
                                LearnedList,
                                ReadingPanel,
                                Node {
                                    flex_grow: 1.0,
                                    ..scroll_column(6.0)
                                },
                            ))
                            .id();
                        p.spawn(more_hint(list));
                    });
                });
                // Right: the dialogue, the coach, the moves.
                main.spawn(Node {
                    flex_grow: 1.0,
                    flex_basis: px(0),
                    min_width: px(0),
                    min_height: px(0),
                    ..column(10.0)
                })
                .with_children(|right| {
                    let mut log_a11y = accesskit::Node::new(Role::Log);
                    log_a11y.set_label("Dialogue");
                    log_a11y.set_live(Live::Polite);
                    right
                        .spawn(Node {
                            flex_grow: 1.0,
                            flex_basis: px(0),
                            min_height: px(80),
                            flex_direction: FlexDirection::Column,
                            ..default()
                        })
                        .with_children(|frame| {
                            let log = frame
                                .spawn((
                                    DialogueLog,
                                    ReadingPanel,
                                    panel(Node {
                                        flex_grow: 1.0,
                                        min_height: px(0),
                                        overflow: Overflow::scroll_y(),
                                        ..default()
                                    }),
                                    AccessibilityNode(log_a11y),
                                ))
                                .id();
                            frame.spawn(more_hint(log));
                        });
                    right
                        .spawn((
                            CoachLine,
                            Node {
                                display: Display::None,
                                padding: UiRect::axes(px(10), px(6)),
                                ..default()
                            },
                            Bg(ColorRole::PanelAlt),
                            BackgroundColor(Color::NONE),
                            a11y(Role::Note, "Coach"),
                        ))
                        .with_children(|c| {
                            c.spawn(text("", TextRole::Small, ColorRole::Text));
                        });
                    right
                        .spawn((
                            MovesPanel,
                            panel(Node {
                                max_height: percent(MOVES_SHARE),
                                min_height: px(120),
                                flex_shrink: 0.0,
                                ..default()
                            }),
                            a11y(Role::Group, "What do you say?"),
                        ))
                        .with_children(|moves| {
                            if session.conversation.is_over() {
                                return;
                            }
                            let mut count = Entity::PLACEHOLDER;
                            moves
                                .spawn(Node {
                                    justify_content: JustifyContent::SpaceBetween,
                                    flex_shrink: 0.0,
                                    ..row(12.0)
                                })
                                .with_children(|head| {
                                    head.spawn((
                                        SeedLine,
                                        muted(
                                            "What do you say? Press a number, or use arrows and Enter.",
                                        ),
                                    ));
                                    count = head.spawn_empty().id();
                                });
                            moves.spawn(keys::pending_line());
                            let list = moves
                                .spawn((
                                    MovesList,
                                    KeyList,
                                    Node {
                                        flex_shrink: 1.0,
                                        // Room for the focus ring, which the list clips.
                                        padding: UiRect::all(px(5)),
                                        ..scroll_column(6.0)
                                    },
                                ))
                                .with_children(|list| {
                                    let spawned = spawn_moves(list, &session, &menu);
                                    if let Some(&(_, first)) = spawned.first() {
                                        list.commands().entity(first).insert(AutoFocus);
                                    }
                                })
                                .id();
                            moves
                                .commands()
                                .entity(count)
                                .insert(list_count(list, "Moves"));
                        });
                });
            });
        });
}

#[allow(clippy::too_many_arguments, clippy::type_complexity)]
fn refresh(
    session: Option<Res<Session>>,
    settings: Res<Settings>,
    mut views: Query<&mut ConversationView>,
    mut texts: ParamSet<(
        Query<&mut Text, With<TrustText>>,
        Query<&mut Text, With<TimeText>>,
        Query<&mut Text, With<MoodText>>,
    )>,
    mut meters: ParamSet<(
        Query<&mut AccessibilityNode, With<TrustMeter>>,
        Query<&mut AccessibilityNode, With<TimeMeter>>,
    )>,
    fills: Query<(&Children, Has<TrustFill>), Or<(With<TrustFill>, With<TimeFill>)>>,
    mut nodes: Query<&mut Node>,
    mut log: Query<(Entity, &mut ScrollPosition), With<DialogueLog>>,
    learned: Query<Entity, With<LearnedList>>,
    coach: Query<(Entity, &Children), With<CoachLine>>,
    mut coach_text: Query<&mut Text, (Without<TrustText>, Without<TimeText>, Without<MoodText>)>,
    moves_panel: Query<Entity, With<MovesPanel>>,
    mut commands: Commands,
) {
    let Some(session) = session else { return };
    let Ok(mut view) = views.single_mut() else {
        return;
    };
    if view.drawn_once && !session.is_changed() && !settings.is_changed() {
        return;
    }
    view.drawn_once = true;
    let conv = &session.conversation;
    let state = conv.state();
    let scenario = &session.scenario;

    // Meters: a number and a word beside each bar, never colour alone.
    let trust = state.trust;
    let trust_label = format!("Trust {trust} of 100 ({})", trust_word(trust));
    if let Ok(mut t) = texts.p0().single_mut() {
        t.0 = trust_label.clone();
    }
    let patience = state.patience.max(0);
    let time_label = format!("Time left {patience} of 100");
    if let Ok(mut t) = texts.p1().single_mut() {
        t.0 = time_label.clone();
    }
    if let Ok(mut t) = texts.p2().single_mut() {
        // One scale: the same word as the trust meter.
        t.0 = format!("Mood: {} (trust {trust})", trust_word(trust));
    }
    if let Ok(mut a) = meters.p0().single_mut() {
        a.set_label(trust_label);
        a.set_numeric_value(f64::from(trust));
        a.set_min_numeric_value(0.0);
        a.set_max_numeric_value(100.0);
    }
    if let Ok(mut a) = meters.p1().single_mut() {
        a.set_label(time_label);
        a.set_numeric_value(f64::from(patience));
        a.set_min_numeric_value(0.0);
        a.set_max_numeric_value(100.0);
    }
    for (children, is_trust) in &fills {
        let value = if is_trust { trust } else { patience };
        if let Some(&fill) = children.first()
            && let Ok(mut node) = nodes.get_mut(fill)
        {
            node.width = percent(f32::from(value.clamp(0, 100)));
        }
    }

    // The dialogue: add the lines not shown yet and scroll to the newest.
    if let Ok((log_entity, mut scroll)) = log.single_mut() {
        let name = session.customer_name().to_string();
        let new_lines = &session.log[view.log_shown.min(session.log.len())..];
        if !new_lines.is_empty() {
            commands.entity(log_entity).with_children(|l| {
                for line in new_lines {
                    // Narration (how the call ended) has no speaker and no label.
                    let (who, bg) = match line.speaker {
                        Speaker::Trainee => (Some("You".to_string()), ColorRole::Trainee),
                        Speaker::Customer => (Some(name.clone()), ColorRole::Customer),
                        Speaker::Narrator => (None, ColorRole::PanelAlt),
                    };
                    let said = match &who {
                        Some(who) => format!("{who}: {}", line.text),
                        None => line.text.clone(),
                    };
                    l.spawn((
                        Node {
                            flex_direction: FlexDirection::Column,
                            padding: UiRect::axes(px(10), px(6)),
                            border_radius: BorderRadius::all(px(6)),
                            flex_shrink: 0.0,
                            margin: if line.speaker == Speaker::Trainee {
                                UiRect::left(px(40))
                            } else {
                                UiRect::right(px(40))
                            },
                            ..default()
                        },
                        Bg(bg),
                        BackgroundColor(Color::NONE),
                        a11y(Role::Paragraph, said),
                    ))
                    .with_children(|entry| {
                        if let Some(who) = who {
                            entry.spawn(text(who, TextRole::Small, ColorRole::Muted));
                        }
                        entry.spawn(body(line.text.clone()));
                    });
                }
            });
            view.log_shown = session.log.len();
            scroll.y = f32::MAX / 4.0;
        }
    }

    // What I have learned: the needs discovered, at their depth, and the concerns voiced.
    if let Ok(list) = learned.single() {
        commands.entity(list).despawn_related::<Children>();
        let lines = learned_lines(scenario, state);
        commands
            .entity(list)
            .with_children(|l| spawn_learned(l, lines));
    }

    // Coach mode: the principle the last move followed or broke.
    if let Ok((coach_entity, children)) = coach.single() {
        let note = session.coach.last().filter(|_| settings.coach_lines());
        if let Ok(mut node) = nodes.get_mut(coach_entity) {
            node.display = if note.is_some() {
                Display::Flex
            } else {
                Display::None
            };
        }
        if let (Some(note), Some(&child)) = (note, children.first())
            && let Ok(mut t) = coach_text.get_mut(child)
        {
            t.0 = format!("Coach: {note}");
        }
    }

    // The end of the call: the moves give way to the way to the debrief.
    if conv.is_over() && !view.ended_shown {
        view.ended_shown = true;
        if let Ok(panel_entity) = moves_panel.single() {
            commands.entity(panel_entity).despawn_related::<Children>();
            let ending = conv.outcome().map_or("the call ended", outcome_label);
            commands.entity(panel_entity).with_children(|p| {
                p.spawn(text(
                    format!("The call has ended: {ending}."),
                    TextRole::Heading,
                    ColorRole::Text,
                ));
                p.spawn((
                    primary_button(
                        "Read the debrief",
                        "Read the debrief",
                        |_: On<Activate>, mut next: ResMut<NextState<Screen>>| {
                            next.set(Screen::Debrief)
                        },
                    ),
                    AutoFocus,
                ));
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{is_compact, is_narrow};

    #[test]
    fn narrow_windows_and_large_text_fold_the_notes_away_from_the_moves() {
        assert!(is_narrow(1024.0, 1.5));
        assert!(is_narrow(1024.0, 2.0));
        assert!(is_narrow(1280.0, 2.0));
        assert!(!is_narrow(1024.0, 1.0));
        assert!(!is_narrow(1280.0, 1.5));
        assert!(!is_narrow(1920.0, 2.0));
    }

    #[test]
    fn short_windows_and_large_text_use_the_compact_call_layout() {
        // 1024×600 from 150 % text up, and any window under 440 pixels, are compact.
        assert!(is_compact(600.0, 1.5));
        assert!(is_compact(600.0, 2.0));
        assert!(is_compact(420.0, 1.0));
        // 1024×600 at normal text, 720p and 1080p at up to 200 % keep the roomy layout.
        assert!(!is_compact(600.0, 1.0));
        assert!(!is_compact(720.0, 1.5));
        assert!(!is_compact(1080.0, 2.0));
    }
}
