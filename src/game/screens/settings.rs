//! The settings overlay: text size (80–200 %), high contrast, coach mode, projector and
//! assessment modes, the trainee's name, the workshop code, and where results are saved.
//! Changes apply at once; Esc or "Done" goes back where it came from.

use super::{Overlay, Screen, overlay_root};
use crate::files::settings::{NAME_MAX, clean_name};
use crate::game::input::{MainScroll, ScrollHint};
use crate::game::settings::{Settings, TEXT_MAX, TEXT_MIN};
use crate::game::theme::widgets::{
    body, button, heading, muted, panel, primary_button, row, scroll_column, text_field, title,
};
use crate::game::workshop::{LrsState, ResultsFolder, ResultsNotice, Trainee, WorkshopCodeChecked};
use bevy::input::common_conditions::input_just_pressed;
use bevy::input_focus::AutoFocus;
use bevy::prelude::*;
use bevy::text::{EditableText, TextEditChange};
use bevy::ui_widgets::Activate;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Overlay::Settings), spawn);
    app.add_systems(Update, refresh.run_if(in_state(Overlay::Settings)));
    // The code's verdict in the frame of the keystroke (see `WorkshopCodeChecked`).
    app.add_systems(
        PostUpdate,
        refresh_workshop
            .after(WorkshopCodeChecked)
            .before(bevy::text::detect_text_needs_rerender)
            .run_if(in_state(Overlay::Settings)),
    );
    // Esc closes the settings, back to the pause menu during a call.
    app.add_systems(
        Update,
        (|screen: Res<State<Screen>>, mut overlay: ResMut<NextState<Overlay>>| {
            close(&screen, &mut overlay)
        })
        .run_if(in_state(Overlay::Settings).and_then(input_just_pressed(KeyCode::Escape))),
    );
}

#[derive(Component, Debug, Clone, Copy)]
enum Value {
    TextSize,
    Contrast,
    Coach,
    Projector,
    Assessment,
}

/// The line under the workshop field: the code's scenarios, or why it was refused.
#[derive(Component, Debug)]
struct WorkshopStatus;

/// The line saying where results go, with the last problem writing them.
#[derive(Component, Debug)]
struct ResultsStatus;

/// Closes the settings: back to the pause menu during a call, else to the screen.
pub fn close(screen: &State<Screen>, next: &mut NextState<Overlay>) {
    next.set(if *screen.get() == Screen::Conversation {
        Overlay::Pause
    } else {
        Overlay::None
    });
}

fn spawn(mut commands: Commands, settings: Res<Settings>, trainee: Res<Trainee>) {
    commands
        .spawn(overlay_root(Overlay::Settings))
        .with_children(|root| {
            root.spawn(panel(Node {
                min_width: px(360),
                max_width: percent(92),
                max_height: percent(94),
                row_gap: px(10),
                ..default()
            }))
            .with_children(|panel| {
                // Everything but "Done" scrolls; "Done" and the sign of more below stay in
                // view at any text size.
                let body = panel
                    .spawn((
                        Node {
                            flex_shrink: 1.0,
                            ..scroll_column(10.0)
                        },
                        MainScroll,
                    ))
                    .with_children(|p| fill(p, &settings, &trainee))
                    .id();
                panel.spawn(row(10.0)).with_children(|r| {
                    r.spawn(primary_button(
                        "Done",
                        "Close the settings",
                        |_: On<Activate>,
                         screen: Res<State<Screen>>,
                         mut next: ResMut<NextState<Overlay>>| {
                            close(&screen, &mut next)
                        },
                    ));
                    r.spawn((
                        muted(""),
                        ScrollHint {
                            target: body,
                            items: None,
                        },
                    ));
                });
            });
        });
}

/// The settings themselves, in the panel's scrolling part.
fn fill(p: &mut ChildSpawnerCommands, settings: &Settings, trainee: &Trainee) {
    p.spawn(title("Settings"));
    p.spawn(heading("You"));
    p.spawn(row(10.0)).with_children(|r| {
        r.spawn(body("Your name"));
        let mut field = r.spawn(text_field(
            &trainee.name,
            "Your name or nickname, written into your results",
            NAME_MAX,
        ));
        // A trainee without a name starts there; others start at the text size.
        if trainee.name.is_empty() {
            field.insert(AutoFocus);
        }
        field.observe(
            |change: On<TextEditChange>,
             fields: Query<&EditableText>,
             mut settings: ResMut<Settings>| {
                let Ok(field) = fields.get(change.event_target()) else {
                    return;
                };
                let name = clean_name(&field.value().to_string());
                if settings.trainee != name {
                    settings.trainee = name;
                }
            },
        );
    });
    p.spawn(row(10.0)).with_children(|r| {
        r.spawn(body("Workshop code"));
        r.spawn(text_field(
            &settings.workshop,
            "Workshop code from your facilitator, starting with RAP",
            120,
        ))
        .observe(
            |change: On<TextEditChange>,
             fields: Query<&EditableText>,
             mut settings: ResMut<Settings>| {
                let Ok(field) = fields.get(change.event_target()) else {
                    return;
                };
                let code = field.value().to_string().trim().to_string();
                if settings.workshop != code {
                    settings.workshop = code;
                }
            },
        );
    });
    p.spawn((muted(""), WorkshopStatus));
    p.spawn(heading("Reading"));
    p.spawn(row(10.0)).with_children(|r| {
        r.spawn(button(
            "Smaller text (−)",
            "Make the text smaller",
            |_: On<Activate>, mut s: ResMut<Settings>| s.smaller(),
        ));
        r.spawn((body(""), Value::TextSize));
        let mut larger = r.spawn(button(
            "Larger text (+)",
            "Make the text larger",
            |_: On<Activate>, mut s: ResMut<Settings>| s.bigger(),
        ));
        if !trainee.name.is_empty() {
            larger.insert(AutoFocus);
        }
    });
    toggle(p, "High contrast", Value::Contrast, |s| {
        s.high_contrast = !s.high_contrast
    });
    toggle(p, "Coach mode", Value::Coach, |s| s.coach = !s.coach);
    toggle(p, "Projector mode", Value::Projector, |s| {
        s.projector = !s.projector
    });
    toggle(p, "Assessment mode", Value::Assessment, |s| {
        s.assessment = !s.assessment
    });
    p.spawn(muted(format!(
        "Text from {TEXT_MIN}% to {TEXT_MAX}%. Coach mode shows the principle behind \
                 each move during the call. Projector mode: large text, high contrast and large \
                 targets for a shared screen. Assessment mode: no coach lines and no score until \
                 the debrief. Your choices are kept for the next time you open Rapport."
    )));
    p.spawn(heading("Results"));
    p.spawn((muted(""), ResultsStatus));
    p.spawn(row(10.0)).with_children(|r| {
        r.spawn(button(
            "Open the results folder",
            "Open the results folder in the file manager",
            |_: On<Activate>, folder: Res<ResultsFolder>, mut notice: ResMut<ResultsNotice>| {
                if let Some(dir) = &folder.0
                    && let Err(why) = open_folder(dir)
                {
                    notice.0 = Some(format!("Could not open {}: {why}", dir.display()));
                }
            },
        ));
    });
}

/// A button that flips one setting, with the line that shows its value.
fn toggle(
    p: &mut ChildSpawnerCommands,
    caption: &'static str,
    value: Value,
    flip: fn(&mut Settings),
) {
    p.spawn(row(10.0)).with_children(|r| {
        r.spawn(button(
            caption,
            format!("Toggle {}", caption.to_lowercase()),
            move |_: On<Activate>, mut s: ResMut<Settings>| flip(&mut s),
        ));
        r.spawn((body(""), value));
    });
}

/// Opens a folder in the platform's file manager (the folder is created first).
fn open_folder(dir: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let program = if cfg!(target_os = "windows") {
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    std::process::Command::new(program)
        .arg(dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|_| ())
}

fn refresh_workshop(
    trainee: Res<Trainee>,
    folder: Res<ResultsFolder>,
    (notice, lrs): (Res<ResultsNotice>, Res<LrsState>),
    mut workshop_line: Query<&mut Text, (With<WorkshopStatus>, Without<ResultsStatus>)>,
    mut results_line: Query<&mut Text, (With<ResultsStatus>, Without<WorkshopStatus>)>,
    added: Query<(), Added<WorkshopStatus>>,
) {
    let first = !added.is_empty();
    if first || trainee.is_changed() {
        let line = match (&trainee.workshop, &trainee.workshop_problem) {
            (Some((_, code)), _) => {
                let ids: Vec<&str> = code.scenarios.iter().map(|s| s.id.as_str()).collect();
                format!(
                    "In the workshop: {}. The room meets the same customer.",
                    ids.join(", ")
                )
            }
            (None, Some(problem)) => format!("Code not accepted: {problem}"),
            (None, None) => "No workshop: leave the code empty to play on your own.".into(),
        };
        for mut text in &mut workshop_line {
            text.0 = line.clone();
        }
    }
    if first || notice.is_changed() || folder.is_changed() || lrs.is_changed() {
        let mut line = match &folder.0 {
            Some(dir) => format!("Each call's result is saved in {}", dir.display()),
            None => "Results are not saved in this run.".into(),
        };
        if let Some(problem) = &notice.0 {
            line = format!("{line}\n{problem}");
        }
        if let Some(store) = lrs.0.plain_words() {
            line = format!("{line}\n{store}");
        }
        for mut text in &mut results_line {
            text.0 = line.clone();
        }
    }
}

fn refresh(settings: Res<Settings>, mut values: Query<(&Value, &mut Text, Ref<Value>)>) {
    for (value, mut text, added) in &mut values {
        if !settings.is_changed() && !added.is_added() {
            continue;
        }
        text.0 = match value {
            Value::TextSize => format!("Text size: {}%", settings.text_percent),
            Value::Contrast => format!("High contrast: {}", on_off(settings.high_contrast)),
            Value::Coach => format!("Coach mode: {}", on_off(settings.coach)),
            Value::Projector => format!("Projector mode: {}", on_off(settings.projector)),
            Value::Assessment => format!("Assessment mode: {}", on_off(settings.assessment)),
        };
    }
}

fn on_off(on: bool) -> &'static str {
    if on { "on" } else { "off" }
}
