//! The call screen's updates: the meters and the mood, the dialogue log (new lines only,
//! scrolled to the newest), "What I have learned", the coach line, the end of the call, and the
//! sign that the scenario file on disk is broken.

use super::learned::{learned_lines, spawn_learned};
use super::view::{
    CoachLine, ConversationView, DialogueLog, FileSign, LearnedList, MoodText, MovesPanel,
    TimeFill, TimeMeter, TimeText, TrustFill, TrustMeter, TrustText,
};
use crate::game::scenario_assets::Library;
use crate::game::screens::Screen;
use crate::game::session::Session;
use crate::game::settings::Settings;
use crate::game::theme::widgets::{a11y, body, primary_button, text};
use crate::game::theme::{Bg, ColorRole, TextRole};
use accesskit::Role;
use bevy::a11y::AccessibilityNode;
use bevy::input_focus::AutoFocus;
use bevy::prelude::*;
use bevy::ui_widgets::Activate;
use rapport_core::engine::{Speaker, trust_word};
use rapport_core::scoring::outcome_label;

/// Brings the call screen up to date with the session and the settings: the meters and the
/// mood, new dialogue lines, "What I have learned", the coach line, and the end of the call.
#[allow(clippy::too_many_arguments, clippy::type_complexity)]
pub(super) fn refresh(
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

/// Shows the file sign while the call's scenario file on disk is not what the call plays: it
/// has errors (the call plays its last good version), or a good edit landed mid-call (the
/// call goes on as it started; the next one plays the edit).
pub(super) fn file_sign(
    library: Res<Library>,
    session: Option<Res<Session>>,
    added: Query<(), Added<FileSign>>,
    mut signs: Query<(&mut Text, &mut Node), With<FileSign>>,
) {
    let Some(session) = session else { return };
    if !library.is_changed() && added.is_empty() {
        return;
    }
    let entry = library.by_path(&session.path);
    let broken = entry.is_some_and(|entry| entry.has_errors());
    let edited = entry
        .and_then(|entry| entry.good.as_ref())
        .is_some_and(|good| good.fingerprint != session.scenario.fingerprint);
    for (mut text, mut node) in &mut signs {
        let (said, display) = if broken {
            (
                "The file on disk has errors; this call plays its last good version.",
                Display::Flex,
            )
        } else if edited {
            (
                "The file was edited; this call goes on as it started, and the next call plays the edit.",
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
