//! Inside the customer's head: trust over the call, and the hidden state at the selected turn
//! with every change and its reason; what-if plays on from there.

use super::{DebriefView, Key, keyed};
use crate::game::session::{CallRequest, Session};
use crate::game::theme::widgets::{a11y, body, button, column, heading, muted, row, text};
use crate::game::theme::{Bg, ColorRole, Edge, TextRole};
use accesskit::Role;
use bevy::prelude::*;
use bevy::ui_widgets::{Activate, observe};
use rapport_core::engine::trust_word;

/// The trust chart and the customer's head at the selected turn.
pub(super) fn draw_head(
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
            (button(
                "← Previous turn",
                "Previous turn in the customer's head",
                |_: On<Activate>, mut v: ResMut<DebriefView>| v.step(-1),
            ),),
            "head-prev",
            focus,
        );
        r.spawn(body(format!("Turn {} of {n}", view.turn)));
        keyed(
            r,
            (button(
                "Next turn →",
                "Next turn in the customer's head",
                |_: On<Activate>, mut v: ResMut<DebriefView>| v.step(1),
            ),),
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
        (button(
            format!("What if… play on from turn {} (W)", view.turn),
            format!("What if: play on from turn {} with another move", view.turn),
            |_: On<Activate>, v: Res<DebriefView>, mut call: MessageWriter<CallRequest>| {
                call.write(CallRequest::WhatIf { turn: v.turn });
            },
        ),),
        "what-if",
        focus,
    );
}
