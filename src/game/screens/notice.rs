//! A quiet line at the foot of every screen for what the trainee must know but need not act
//! on at once: results that could not be saved (the call goes on; earlier results are safe)
//! and a workshop code that was not accepted.

use crate::game::theme::widgets::{a11y, muted};
use crate::game::theme::{Bg, ColorRole};
use crate::game::workshop::{ResultsNotice, Trainee};
use accesskit::Role;
use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Startup, spawn);
    app.add_systems(
        Update,
        refresh.run_if(resource_changed::<ResultsNotice>.or_else(resource_changed::<Trainee>)),
    );
}

#[derive(Component)]
struct NoticeBar;

#[derive(Component)]
struct NoticeText;

fn spawn(mut commands: Commands) {
    commands
        .spawn((
            Name::new("Notice bar"),
            NoticeBar,
            Node {
                position_type: PositionType::Absolute,
                left: px(0),
                right: px(0),
                bottom: px(0),
                padding: UiRect::axes(px(16), px(6)),
                display: Display::None,
                ..default()
            },
            GlobalZIndex(20),
            Bg(ColorRole::Panel),
            BackgroundColor(Color::NONE),
            Pickable::IGNORE,
        ))
        .with_children(|bar| {
            bar.spawn((muted(""), NoticeText, a11y(Role::Status, "")));
        });
}

fn refresh(
    notice: Res<ResultsNotice>,
    trainee: Res<Trainee>,
    mut bar: Query<&mut Node, With<NoticeBar>>,
    mut line: Query<(&mut Text, &mut bevy::a11y::AccessibilityNode), With<NoticeText>>,
) {
    let lines: Vec<String> = notice
        .0
        .iter()
        .cloned()
        .chain(
            trainee
                .workshop_problem
                .iter()
                .map(|p| format!("Workshop code not accepted: {p}")),
        )
        .collect();
    for mut node in &mut bar {
        node.display = if lines.is_empty() {
            Display::None
        } else {
            Display::Flex
        };
    }
    for (mut text, mut label) in &mut line {
        text.0 = lines.join("\n");
        label.0.set_label(text.0.clone());
    }
}
