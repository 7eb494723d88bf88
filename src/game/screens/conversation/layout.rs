//! The call screen's layout: spawning the top bar, the customer card, "What I have learned",
//! the dialogue, the coach line and the moves panel, and fitting them to the window's size and
//! the text scale (the compact and the narrow layouts).

use super::moves::{menu_now, spawn_moves};
use super::view::{
    CoachLine, ConversationView, DialogueLog, FileSign, LearnedList, LeftColumn, MoodText,
    MovesList, MovesPanel, NotesButton, SeedLine, TimeFill, TimeMeter, TimeText, TrustFill,
    TrustMeter, TrustText,
};
use super::{keys, notes};
use crate::game::input::{KeyList, ReadingPanel};
use crate::game::screens::{Overlay, Screen, screen_root};
use crate::game::session::Session;
use crate::game::theme::widgets::{
    a11y, button, column, heading, list_count, meter_bar, more_hint, muted, panel, row,
    scroll_column, text,
};
use crate::game::theme::{Bg, ColorRole, TextRole, Theme};
use accesskit::{Live, Role};
use bevy::a11y::AccessibilityNode;
use bevy::input_focus::AutoFocus;
use bevy::prelude::*;
use bevy::ui_widgets::Activate;
use bevy::window::PrimaryWindow;

/// The share of the right column the moves may take, in a roomy window and in a compact one.
const MOVES_SHARE: f32 = 55.0;
/// Space under the dialogue's newest line, in px: the height of the "more" badge and its gap.
const LOG_BOTTOM_ROOM: f32 = 34.0;
const MOVES_SHARE_COMPACT: f32 = 62.0;
/// Below this height in text lines of the chosen size, the call switches to a compact layout:
/// the seed line goes, and the moves get more of the height than the dialogue.
const COMPACT_BELOW: f32 = 440.0;
/// Below this width in logical pixels of the chosen text size, the left column folds into
/// the notes overlay so that the moves and the dialogue get the whole width.
const NARROW_BELOW: f32 = 760.0;

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
pub(super) fn fit_to_window(
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

/// The call screen: the top bar (what is played, the meters, notes and pause), the customer
/// card and "What I have learned" on the left, the dialogue, the coach line and the moves on
/// the right.
pub(super) fn spawn(mut commands: Commands, session: Option<Res<Session>>) {
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
                            // Room under the newest line for the "more above" badge, so the
                            // badge never covers the end of what she just said.
                            frame.commands().entity(log).queue(|mut log: EntityWorldMut| {
                                if let Some(mut node) = log.get_mut::<Node>() {
                                    node.padding.bottom = px(LOG_BOTTOM_ROOM);
                                }
                            });
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
