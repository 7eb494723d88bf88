//! The trainee's past results on this machine, newest first; choosing one replays it beside
//! the best play. Files that cannot be read are counted, never fatal.

use super::replay::ReplayView;
use super::{Screen, screen_root, unix_now};
use crate::files::results::load_results;
use crate::game::scenario_assets::Library;
use crate::game::theme::widgets::{a11y, body, button, muted, row, scroll_column, title};
use crate::game::workshop::ResultsFolder;
use accesskit::Role;
use bevy::input::common_conditions::input_just_pressed;
use bevy::input_focus::AutoFocus;
use bevy::prelude::*;
use bevy::ui_widgets::Activate;
use rapport_core::scoring::outcome_label;
use rapport_workshop::record::shortened;
use rapport_workshop::resume::started_ago;
use rapport_workshop::{CallResult, Status};
use std::sync::Arc;

/// The results listed, kept so a choice can open one.
#[derive(Resource, Debug, Default)]
struct Listed(Vec<Arc<CallResult>>);

#[derive(Component, Debug, Clone, Copy)]
struct ResultButton(usize);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Listed>();
    app.add_systems(OnEnter(Screen::Results), spawn);
    app.add_systems(
        Update,
        (|mut screen: ResMut<NextState<Screen>>| screen.set(Screen::Menu)).run_if(
            in_state(Screen::Results)
                .and_then(in_state(super::Overlay::None))
                .and_then(input_just_pressed(KeyCode::Escape)),
        ),
    );
}

fn spawn(mut commands: Commands, folder: Res<ResultsFolder>, mut listed: ResMut<Listed>) {
    let loaded = folder
        .0
        .as_ref()
        .map(|dir| load_results(std::slice::from_ref(dir)))
        .unwrap_or_default();
    let mut results: Vec<Arc<CallResult>> = loaded
        .results
        .into_iter()
        .map(|(_, r)| Arc::new(r))
        .collect();
    results.sort_by(|a, b| b.attempt.started_at.cmp(&a.attempt.started_at));
    listed.0 = results.clone();
    commands
        .spawn(screen_root(Screen::Results))
        .with_children(|root| {
            root.spawn(title("Your results"));
            root.spawn(muted(match &folder.0 {
                Some(dir) => format!(
                    "Calls saved in {}. Choose one to step through it beside the best play.",
                    dir.display()
                ),
                None => "Results are not saved in this run.".into(),
            }));
            if !loaded.skipped.is_empty() {
                root.spawn(muted(format!(
                    "{} file(s) in the folder could not be read and are left out.",
                    loaded.skipped.len()
                )));
            }
            root.spawn((
                Node {
                    flex_grow: 1.0,
                    flex_basis: px(0),
                    ..scroll_column(8.0)
                },
                a11y(Role::List, "Your results"),
            ))
            .with_children(|list| {
                if results.is_empty() {
                    list.spawn(body(
                        "No results yet: a call you finish or leave appears here.",
                    ));
                }
                for (i, r) in results.iter().enumerate() {
                    let caption = caption(r);
                    let mut b = list.spawn((
                        button(caption.clone(), format!("Replay: {caption}"), open),
                        ResultButton(i),
                    ));
                    if i == 0 {
                        b.insert(AutoFocus);
                    }
                }
            });
            root.spawn(row(10.0)).with_children(|bar| {
                bar.spawn(button(
                    "Back to the menu",
                    "Back to the scenario menu",
                    |_: On<Activate>, mut screen: ResMut<NextState<Screen>>| {
                        screen.set(Screen::Menu)
                    },
                ));
                bar.spawn(muted("Enter replays the focused call · Esc goes back"));
            });
        });
}

fn caption(r: &CallResult) -> String {
    let when = started_ago(&r.attempt.started_at, unix_now())
        .unwrap_or_else(|| r.attempt.started_at.replace('T', " "));
    let ending = match r.status {
        Status::Finished => r
            .debrief
            .score
            .outcome
            .map_or("no ending", outcome_label)
            .to_string(),
        Status::Abandoned => "left before the end".into(),
    };
    let who = if r.attempt.trainee.is_empty() {
        String::new()
    } else {
        format!(" · {}", shortened(&r.attempt.trainee, 30))
    };
    format!(
        "{when} · {}{who} · {:.1} · {ending}",
        shortened(&r.attempt.scenario.title, 50),
        r.total()
    )
}

fn open(
    activate: On<Activate>,
    buttons: Query<&ResultButton>,
    listed: Res<Listed>,
    library: Res<Library>,
    mut screen: ResMut<NextState<Screen>>,
    mut commands: Commands,
) {
    let Ok(ResultButton(i)) = buttons.get(activate.event_target()) else {
        return;
    };
    let Some(result) = listed.0.get(*i) else {
        return;
    };
    let scenario = library
        .by_id(&result.attempt.scenario.id)
        .and_then(|e| e.good.clone());
    let replay = rapport_workshop::replay::of_result(result, scenario.as_ref());
    commands.insert_resource(ReplayView::new(replay, Screen::Results));
    screen.set(Screen::Replay);
}
