//! The debrief's page: the ending and score, the gap to the best play, the buttons to play
//! again or leave, each dimension with its reasons, the annotated timeline, needs found and
//! missed with the cues the trainee missed, and the behaviour profile.

use super::head::draw_head;
use super::{DebriefView, HeadArea, Key, keyed, side_panel};
use crate::game::screens::Screen;
use crate::game::screens::replay::ReplayView;
use crate::game::session::{CallRequest, Session};
use crate::game::theme::interaction::ButtonLook;
use crate::game::theme::widgets::{
    a11y, body, button, button_base_edged, column, heading, meter_bar, muted, panel,
    primary_button, row, text, title,
};
use crate::game::theme::{ColorRole, TextRole};
use accesskit::Role;
use bevy::prelude::*;
use bevy::ui_widgets::{Activate, observe};
use rapport_core::scoring::debrief::{Debrief, Verdict, debrief};
use rapport_core::scoring::outcome_label;

pub(super) fn draw_main(
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

    if session.what_if.is_none() && !session.explored.is_empty() {
        page.spawn((
            panel(Node::default()),
            a11y(Role::Group, "Your what-ifs from this call"),
        ))
        .with_children(|p| {
            p.spawn(heading("Your what-ifs from this call"));
            for (index, e) in session.explored.iter().enumerate() {
                let score = debrief(&e.conversation).score;
                let ending = match score.outcome {
                    Some(o) => format!("{} — score {:.1}", outcome_label(o), score.total),
                    None => format!("not finished, after {} moves", e.conversation.turns().len()),
                };
                p.spawn(row(10.0)).with_children(|r| {
                    let caption = format!("Played on from turn {}: {ending}", e.from_turn + 1);
                    keyed(
                        r,
                        (button(
                            "Reopen",
                            format!("Reopen the what-if. {caption}"),
                            move |_: On<Activate>, mut call: MessageWriter<CallRequest>| {
                                call.write(CallRequest::ReopenWhatIf { index });
                            },
                        ),),
                        &format!("reopen-{index}"),
                        focus,
                    );
                    r.spawn(body(caption));
                });
            }
        });
    }

    let in_what_if = session.what_if.is_some();
    page.spawn(row(10.0)).with_children(|bar| {
        if in_what_if {
            keyed(
                bar,
                (button(
                    "Back to the first ending",
                    "Back to the first ending and its debrief",
                    |_: On<Activate>, mut call: MessageWriter<CallRequest>| {
                        call.write(CallRequest::BackToFirst);
                    },
                ),),
                "first-ending",
                focus,
            );
        }
        keyed(
            bar,
            (primary_button(
                "Replay, same seed",
                "Replay this call with the same seed",
                |_: On<Activate>, mut call: MessageWriter<CallRequest>| {
                    call.write(CallRequest::Restart { same_seed: true });
                },
            ),),
            "replay",
            focus,
        );
        keyed(
            bar,
            (button(
                "Step through beside the best play",
                "Step through this call turn by turn beside the best honest play",
                |_: On<Activate>,
                 session: Option<Res<Session>>,
                 mut screen: ResMut<NextState<Screen>>,
                 mut commands: Commands| {
                    let Some(session) = session else { return };
                    let replay = rapport_workshop::replay::of_conversation(
                        &session.conversation,
                        session.best_play(),
                    );
                    commands.insert_resource(ReplayView::new(replay, Screen::Debrief));
                    screen.set(Screen::Replay);
                },
            ),),
            "step-through",
            focus,
        );
        keyed(
            bar,
            (button(
                "Try a new seed",
                "Play this scenario again with a new seed",
                |_: On<Activate>, mut call: MessageWriter<CallRequest>| {
                    call.write(CallRequest::Restart { same_seed: false });
                },
            ),),
            "new-seed",
            focus,
        );
        keyed(
            bar,
            (button(
                "Back to the menu",
                "Back to the scenario menu",
                |_: On<Activate>, mut call: MessageWriter<CallRequest>| {
                    call.write(CallRequest::Leave);
                },
            ),),
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
                    p.spawn(text(pen.line(), TextRole::Body, ColorRole::Bad));
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
