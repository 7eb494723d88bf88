//! The trainee's past results on this machine, newest first; choosing one replays it beside
//! the best play. Files that cannot be read are counted, never fatal.

use super::replay::ReplayView;
use super::{Screen, screen_root, unix_now};
use crate::files::results::load_results;
use crate::game::scenario_assets::Library;
use crate::game::session::{WhatIfEnding, WhatIfEndings};
use crate::game::theme::widgets::{a11y, body, button, muted, row, scroll_column, title};
use crate::game::workshop::ResultsFolder;
use accesskit::Role;
use bevy::input::common_conditions::input_just_pressed;
use bevy::input_focus::AutoFocus;
use bevy::prelude::*;
use bevy::ui_widgets::Activate;
use rapport_core::scoring::outcome_label;
use rapport_workshop::record::shortened;
use rapport_workshop::resume::{started_ago, time_ago};
use rapport_workshop::{CallResult, Status};
use std::sync::Arc;

/// The results listed, kept so a choice can open one.
#[derive(Resource, Debug, Default)]
struct Listed(Vec<Listing>);

/// A saved call, or a what-if that ended in this run (explorations are not saved).
#[derive(Debug, Clone)]
enum Listing {
    Saved(Arc<CallResult>),
    WhatIf(Arc<WhatIfEnding>),
}

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

fn spawn(
    mut commands: Commands,
    folder: Res<ResultsFolder>,
    what_ifs: Res<WhatIfEndings>,
    mut listed: ResMut<Listed>,
) {
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
    let now = unix_now();
    // This run's what-ifs first, newest first: they are the most recent play.
    let listings: Vec<(Listing, String)> = what_ifs
        .0
        .iter()
        .rev()
        .map(|w| (Listing::WhatIf(w.clone()), what_if_caption(w, now)))
        .chain(
            results
                .iter()
                .map(|r| (Listing::Saved(r.clone()), caption(r))),
        )
        .collect();
    listed.0 = listings.iter().map(|(l, _)| l.clone()).collect();
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
                if listings.is_empty() {
                    list.spawn(body(
                        "No results yet: a call you finish or leave appears here.",
                    ));
                }
                for (i, (_, caption)) in listings.iter().enumerate() {
                    let caption = caption.clone();
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

/// A what-if of this run: when it ended, where it branched, its score and ending.
fn what_if_caption(w: &WhatIfEnding, now: i64) -> String {
    let ended = w
        .ended_at
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(now, |d| d.as_secs() as i64);
    let when = time_ago(now - ended);
    let score = rapport_core::scoring::debrief::debrief(&w.conversation).score;
    format!(
        "{when} · What-if from turn {} of {} · {:.1} · {} (this run only, not saved as an attempt)",
        w.from_turn + 1,
        shortened(w.conversation.scenario().title(), 50),
        score.total,
        score.outcome.map_or("no ending", outcome_label),
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
    let result = match listed.0.get(*i) {
        Some(Listing::Saved(result)) => result,
        Some(Listing::WhatIf(w)) => {
            let replay =
                rapport_workshop::replay::of_conversation(&w.conversation, w.best.as_ref());
            commands.insert_resource(ReplayView::new(replay, Screen::Results));
            screen.set(Screen::Replay);
            return;
        }
        None => return,
    };
    let scenario = library
        .by_id(&result.attempt.scenario.id)
        .and_then(|e| e.good.clone());
    let replay = rapport_workshop::replay::of_result(result, scenario.as_ref());
    commands.insert_resource(ReplayView::new(replay, Screen::Results));
    screen.set(Screen::Replay);
}
