//! "What I have learned" as the call screen and the notes overlay show it: the core's list
//! (needs at their depth, concerns voiced), concerns in the muted colour.

use crate::game::theme::widgets::{muted, text};
use crate::game::theme::{ColorRole, TextRole};
use bevy::prelude::*;

/// "What I have learned" as lines to show: the core's list (needs at their depth, concerns
/// voiced), concerns in the muted colour.
pub(super) fn learned_lines(
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
pub(super) fn spawn_learned(list: &mut ChildSpawnerCommands, lines: Vec<(String, ColorRole)>) {
    if lines.is_empty() {
        list.spawn(muted(
            "Nothing yet. Ask about their situation and problems.",
        ));
    }
    for (line, color) in lines {
        list.spawn(text(line, TextRole::Body, color));
    }
}
