//! The debrief: each score dimension as a bar with its reasons, trust over the turns, the
//! customer's head turn by turn (step with [ and ], or the buttons), the annotated timeline,
//! needs found and missed, the behaviour profile beside Rackham's negotiators, the gap to the
//! best play the checker found, and what-if: play on from any turn with another move.
//!
//! All of it is `rapport_core::scoring::debrief::debrief` of the session's conversation.

use super::{Screen, screen_root};
use crate::game::session::{CallRequest, Session};
use crate::game::theme::interaction::ButtonLook;
use crate::game::theme::widgets::{
    a11y, body, button, button_base_edged, column, heading, meter_bar, muted, panel,
    primary_button, row, scroll_column, text, title,
};
use crate::game::theme::{Bg, ColorRole, Edge, TextRole};
use accesskit::Role;
use bevy::input::common_conditions::input_just_pressed;
use bevy::input_focus::{AutoFocus, InputFocus};
use bevy::prelude::*;
use bevy::ui_widgets::{Activate, observe};
use rapport_core::engine::trust_word;
use rapport_core::scoring::debrief::{Debrief, Verdict, debrief};
use rapport_core::scoring::outcome_label;

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
            root.spawn((
                Node {
                    flex_grow: 1.0,
                    flex_basis: px(0),
                    ..scroll_column(12.0)
                },
                PageScroll,
            ))
            .with_children(|page| {
                page.spawn((MainArea { drawn: false }, column(12.0)));
            });
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

fn draw_main(
    page: &mut ChildSpawnerCommands,
    session: &Session,
    view: &DebriefView,
    focus: Option<&Key>,
) {
    let d = &view.debrief;
    let s = &session.scenario;
    let score = &d.score;
    page.spawn(title(format!("Debrief: {}", s.title())));
    let ending = score.outcome.map_or("the call did not end", outcome_label);
    page.spawn(body(format!(
        "Ending: {ending}. The right ending for this customer: {}.",
        outcome_label(score.right_outcome)
    )));
    page.spawn(text(
        format!("Score {:.1} / 100", score.total),
        TextRole::Title,
        ColorRole::Accent,
    ));
    let gap = match session.best_play() {
        Some(best) => best.gap_to(score.total).sentence(),
        None if session.searching() => "Searching for the best honest play…".to_string(),
        None => "The checker found no honest play to compare with.".to_string(),
    };
    page.spawn(body(gap));

    if let Some(w) = &session.what_if {
        page.spawn((
            panel(Node::default()),
            a11y(Role::Group, "What-if compared with the first ending"),
        ))
        .with_children(|p| {
            p.spawn(heading(format!(
                "What-if: played on from turn {}",
                w.from_turn + 1
            )));
            p.spawn(Node {
                align_items: AlignItems::Stretch,
                ..row(16.0)
            })
            .with_children(|cols| {
                for (label, db) in [("First ending", &w.first), ("This ending", d)] {
                    cols.spawn(Node {
                        flex_grow: 1.0,
                        flex_basis: px(220),
                        ..column(4.0)
                    })
                    .with_children(|c| {
                        c.spawn(text(label, TextRole::Button, ColorRole::Text));
                        c.spawn(body(format!(
                            "{} — score {:.1}",
                            db.score.outcome.map_or("no ending", outcome_label),
                            db.score.total
                        )));
                        for dim in &db.score.dimensions {
                            c.spawn(muted(format!("{}: {:.0}", dim.name, dim.value)));
                        }
                        c.spawn(muted(format!("{} moves", db.timeline.len())));
                    });
                }
            });
        });
    }

    page.spawn(row(10.0)).with_children(|bar| {
        keyed(
            bar,
            (
                primary_button("Replay, same seed", "Replay this call with the same seed"),
                observe(|_: On<Activate>, mut call: MessageWriter<CallRequest>| {
                    call.write(CallRequest::Restart { same_seed: true });
                }),
            ),
            "replay",
            focus,
        );
        keyed(
            bar,
            (
                button("Try a new seed", "Play this scenario again with a new seed"),
                observe(|_: On<Activate>, mut call: MessageWriter<CallRequest>| {
                    call.write(CallRequest::Restart { same_seed: false });
                }),
            ),
            "new-seed",
            focus,
        );
        keyed(
            bar,
            (
                button("Back to the menu", "Back to the scenario menu"),
                observe(|_: On<Activate>, mut call: MessageWriter<CallRequest>| {
                    call.write(CallRequest::Leave);
                }),
            ),
            "menu",
            focus,
        );
    });
    page.spawn(muted("Keys: [ and ] step through the customer's head · W plays on from that turn with another move · Esc: menu"));

    page.spawn(Node {
        align_items: AlignItems::Stretch,
        ..row(12.0)
    })
    .with_children(|cols| {
        // Score by dimension.
        cols.spawn(side_panel("Score by dimension"))
            .with_children(|p| {
                p.spawn(heading("Score by dimension"));
                for dim in &score.dimensions {
                    let line = format!(
                        "{}: {:.1} / 100 (weight {}%)",
                        dim.name, dim.value, dim.weight
                    );
                    p.spawn((
                        text(line.clone(), TextRole::Body, ColorRole::Text),
                        a11y(Role::Label, line),
                    ));
                    p.spawn(meter_bar(dim.value as f32 / 100.0, ColorRole::Accent, 10.0));
                    for r in &dim.reasons {
                        p.spawn(muted(format!("• {r}")));
                    }
                }
                for pen in &score.penalties {
                    p.spawn(text(
                        format!("Penalty: {} × {} = −{:.0}", pen.count, pen.what, pen.points),
                        TextRole::Body,
                        ColorRole::Bad,
                    ));
                }
            });
        // Trust over the call and the customer's head.
        cols.spawn(side_panel("Trust and the customer's head"))
            .with_children(|p| {
                p.spawn((HeadArea { turn: view.turn }, column(8.0)))
                    .with_children(|h| draw_head(h, session, view, focus));
            });
    });

    // The timeline: every move with the principle it followed or broke.
    page.spawn((
        panel(Node::default()),
        a11y(Role::Group, "The call, move by move"),
    ))
    .with_children(|p| {
        p.spawn(heading("The call, move by move"));
        p.spawn(muted(
            "Enter or a click shows that turn in the customer's head.",
        ));
        for a in &d.timeline {
            let (word, color) = match a.verdict {
                Verdict::Followed => ("Good", ColorRole::Good),
                Verdict::Broke => ("Broke a principle", ColorRole::Bad),
                Verdict::Neutral => ("Neutral", ColorRole::Neutral),
            };
            let turn = a.turn;
            let label = format!("Turn {turn}, {word}: {}. {}", a.move_text, a.principle);
            keyed(
                p,
                (
                    button_base_edged(ButtonLook::CARD, color, label),
                    Node {
                        flex_direction: FlexDirection::Column,
                        padding: UiRect::axes(px(10), px(6)),
                        border: UiRect::left(px(5)),
                        row_gap: px(2),
                        flex_shrink: 0.0,
                        ..default()
                    },
                    observe(move |_: On<Activate>, mut view: ResMut<DebriefView>| view.turn = turn),
                    children![
                        (
                            text(
                                format!("{turn}. {word} — “{}”", a.move_text),
                                TextRole::Body,
                                ColorRole::Text
                            ),
                            Pickable::IGNORE
                        ),
                        (
                            muted(format!("{} (trust {} after)", a.principle, a.trust_after)),
                            Pickable::IGNORE
                        ),
                    ],
                ),
                &format!("turn-{turn}"),
                focus,
            );
        }
    });

    page.spawn(Node {
        align_items: AlignItems::Stretch,
        ..row(12.0)
    })
    .with_children(|cols| {
        cols.spawn(side_panel("Needs found and missed"))
            .with_children(|p| {
                p.spawn(heading("Needs found and missed"));
                for n in &d.needs {
                    let (word, color) = if n.found {
                        ("Found", ColorRole::Good)
                    } else {
                        ("Missed", ColorRole::Bad)
                    };
                    p.spawn(text(
                        format!("{word}: {} ({})", n.summary, n.depth.label()),
                        TextRole::Body,
                        color,
                    ));
                    if let Some(sug) = &n.suggestion {
                        p.spawn(muted(format!("A question that takes it further: “{sug}”")));
                    }
                }
                if !d.missed_cues.is_empty() {
                    p.spawn(heading(
                        "What the customer said that you could have acted on",
                    ));
                    for cue in &d.missed_cues {
                        p.spawn(text(format!("• {cue}"), TextRole::Body, ColorRole::Text));
                    }
                }
            });
        cols.spawn(side_panel("Behaviour profile"))
            .with_children(|p| profile(p, d));
    });
}

fn profile(p: &mut ChildSpawnerCommands, d: &Debrief) {
    let pr = &d.profile;
    p.spawn(heading("How you talked, beside Rackham's negotiators"));
    let cell = |w: f32| Node {
        width: px(w),
        flex_shrink: 0.0,
        ..default()
    };
    let header = ["", "you", "skilled", "average"].map(String::from);
    let shares = pr.shares().map(|share| {
        [
            share.label.to_string(),
            format!("{:.1}%", share.you),
            format!("{:.1}%", share.skilled),
            format!("{:.1}%", share.average),
        ]
    });
    for [label, you, skilled, average] in std::iter::once(header).chain(shares) {
        let line = format!("{label}: you {you}, skilled {skilled}, average {average}");
        p.spawn((row(6.0), a11y(Role::Row, line)))
            .with_children(|r| {
                r.spawn(cell(200.0)).with_children(|c| {
                    c.spawn(body(label));
                });
                for v in [you, skilled, average] {
                    r.spawn(cell(80.0)).with_children(|c| {
                        c.spawn(body(v));
                    });
                }
            });
    }
    p.spawn(body(format!(
        "Irritators used: {} (skilled negotiators: {:.1} an hour, average: {:.1}). Closing techniques used: {}.",
        pr.irritators, pr.skilled.irritators_per_hour, pr.average.irritators_per_hour, pr.closes
    )));
    p.spawn(muted(format!(
        "Source: {}. Your figures are shares of your {} moves; Rackham measured shares of behaviour.",
        pr.source, pr.moves
    )));
}

/// The trust chart and the customer's head at the selected turn.
fn draw_head(
    h: &mut ChildSpawnerCommands,
    session: &Session,
    view: &DebriefView,
    focus: Option<&Key>,
) {
    let d = &view.debrief;
    let s = &session.scenario;
    h.spawn(heading("Trust over the call"));
    let lowest = d.trust.iter().enumerate().min_by_key(|(_, t)| **t);
    let summary = format!(
        "Trust {} at the start, {} at the end{}.",
        d.trust.first().copied().unwrap_or_default(),
        d.trust.last().copied().unwrap_or_default(),
        lowest.map_or(String::new(), |(i, t)| if i == 0 {
            String::new()
        } else {
            format!("; lowest {t} after turn {i}")
        })
    );
    h.spawn((
        Node {
            height: px(120),
            column_gap: px(6),
            align_items: AlignItems::Stretch,
            ..default()
        },
        a11y(Role::Figure, summary.clone()),
    ))
    .with_children(|chart| {
        chart
            .spawn(Node {
                flex_direction: FlexDirection::Column,
                justify_content: JustifyContent::SpaceBetween,
                ..default()
            })
            .with_children(|axis| {
                for v in ["100", "50", "0"] {
                    axis.spawn(muted(v));
                }
            });
        chart
            .spawn((
                Node {
                    flex_grow: 1.0,
                    align_items: AlignItems::End,
                    column_gap: px(2),
                    border: UiRect::left(px(1)).with_bottom(px(1)),
                    padding: UiRect::horizontal(px(2)),
                    ..default()
                },
                Edge(ColorRole::Border),
            ))
            .with_children(|bars| {
                for (i, t) in d.trust.iter().enumerate() {
                    let selected = i == view.turn;
                    bars.spawn((
                        Node {
                            flex_grow: 1.0,
                            flex_basis: px(0),
                            height: percent(f32::from((*t).clamp(2, 100))),
                            border: UiRect::all(px(if selected { 2.0 } else { 0.0 })),
                            ..default()
                        },
                        Bg(if selected {
                            ColorRole::Focus
                        } else {
                            ColorRole::Accent
                        }),
                        BackgroundColor(Color::NONE),
                        Edge(ColorRole::Text),
                        observe(
                            move |_: On<Pointer<Click>>, view: Option<ResMut<DebriefView>>| {
                                if let Some(mut v) = view
                                    && i > 0
                                {
                                    v.turn = i;
                                }
                            },
                        ),
                    ));
                }
            });
    });
    h.spawn(muted(format!(
        "{summary} Start on the left, one bar per move; the outlined bar is the turn shown below."
    )));

    // The customer's head, turn by turn.
    let n = d.head.len();
    h.spawn(heading("Inside the customer's head"));
    if n == 0 {
        h.spawn(muted("No moves were played."));
        return;
    }
    h.spawn(row(8.0)).with_children(|r| {
        keyed(
            r,
            (
                button("← Previous turn", "Previous turn in the customer's head"),
                observe(|_: On<Activate>, mut v: ResMut<DebriefView>| v.step(-1)),
            ),
            "head-prev",
            focus,
        );
        r.spawn(body(format!("Turn {} of {n}", view.turn)));
        keyed(
            r,
            (
                button("Next turn →", "Next turn in the customer's head"),
                observe(|_: On<Activate>, mut v: ResMut<DebriefView>| v.step(1)),
            ),
            "head-next",
            focus,
        );
    });
    let Some(t) = d.head.get(view.turn.saturating_sub(1)) else {
        return;
    };
    let need_summary = |id: &str| {
        s.file
            .needs
            .iter()
            .find(|n| n.id == id)
            .map_or(id.to_string(), |n| n.summary.clone())
    };
    let concern_summary = |id: &str| {
        s.file
            .concerns
            .iter()
            .find(|c| c.id == id)
            .map_or(id.to_string(), |c| c.summary.clone())
    };
    let mut lines = vec![
        (format!("You said: “{}”", t.move_text), ColorRole::Text),
        (
            format!(
                "Trust {} ({}), patience {}",
                t.trust,
                trust_word(t.trust),
                t.patience
            ),
            ColorRole::Text,
        ),
    ];
    for (id, depth) in &t.needs {
        lines.push((
            format!("Need “{}”: {}", need_summary(id), depth.label()),
            ColorRole::Muted,
        ));
    }
    for (id, c) in &t.concerns {
        lines.push((
            format!("Concern “{}”: {}", concern_summary(id), c.label()),
            ColorRole::Muted,
        ));
    }
    for c in &t.changes {
        lines.push((
            match c.voice.as_deref() {
                Some(v) => format!("• {}: {} “{v}”", c.what, c.why),
                None => format!("• {}: {}", c.what, c.why),
            },
            ColorRole::Text,
        ));
    }
    let label = lines
        .iter()
        .map(|(l, _)| l.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    h.spawn((
        column(3.0),
        a11y(Role::Group, format!("Turn {}: {label}", view.turn)),
    ))
    .with_children(|c| {
        for (line, color) in lines {
            c.spawn(text(line, TextRole::Small, color));
        }
    });
    keyed(
        h,
        (
            button(
                format!("What if… play on from turn {} (W)", view.turn),
                format!("What if: play on from turn {} with another move", view.turn),
            ),
            observe(
                |_: On<Activate>, v: Res<DebriefView>, mut call: MessageWriter<CallRequest>| {
                    call.write(CallRequest::WhatIf { turn: v.turn });
                },
            ),
        ),
        "what-if",
        focus,
    );
}
