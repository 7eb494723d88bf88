//! Settings kept for the next run; a broken settings file is ignored.

use crate::support::*;
use bevy::prelude::*;
use rapport::game::GameOptions;
use rapport::game::screens::Overlay;
use rapport::game::settings::Settings;
use rapport::game::theme::Theme;
use std::path::Path;

#[test]
fn settings_are_kept_for_the_next_run_and_a_broken_file_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config").join("settings.ron");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(
        &file,
        "(text_percent: 150, high_contrast: true, coach: false, trainee: \"Ana\")",
    )
    .unwrap();
    let options = |file: &Path| GameOptions {
        settings_file: Some(file.to_path_buf()),
        watch: false,
        ..Default::default()
    };

    // The saved settings apply from the first frame.
    let mut app = unchecked_app(options(&file));
    app.update();
    app.update();
    let settings = app.world().resource::<Settings>().clone();
    assert_eq!(settings.text_percent, 150);
    assert!(settings.high_contrast && !settings.coach);
    assert_eq!(app.world().resource::<Theme>().text_scale, 1.5);

    // A trainee with a name opens the settings on "Larger text" (one without starts at the
    // name field); Enter makes the text larger and saves it, name and all.
    app.world_mut()
        .resource_mut::<NextState<Overlay>>()
        .set(Overlay::Settings);
    app.update();
    app.update();
    app.press(KeyCode::Enter);
    assert_eq!(app.world().resource::<Settings>().text_percent, 160);
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.contains("text_percent: 160"), "{saved}");
    assert!(saved.contains("trainee: \"Ana\""), "{saved}");
    drop(app);

    // The next run starts with what was saved.
    let mut next_run = unchecked_app(options(&file));
    next_run.update();
    assert_eq!(next_run.world().resource::<Settings>().text_percent, 160);

    // A file the game cannot read gives the defaults instead of stopping the game.
    std::fs::write(&file, "(text_percent: \"huge\"").unwrap();
    let mut broken = unchecked_app(options(&file));
    broken.update();
    assert_eq!(*broken.world().resource::<Settings>(), Settings::default());
}

/// The workshop code field in the open Settings, found by what a screen reader hears.
fn workshop_field(app: &mut App) -> Entity {
    app.world_mut()
        .query::<(Entity, &bevy::a11y::AccessibilityNode)>()
        .iter(app.world())
        .find(|(_, a)| {
            a.label()
                .is_some_and(|l| l.starts_with("Workshop code from your facilitator"))
        })
        .map(|(e, _)| e)
        .expect("the workshop code field")
}

/// Replaces a text field's contents, as typing or pasting would, in one frame.
fn type_into(app: &mut App, field: Entity, text: &str) {
    use bevy::text::TextEdit;
    let mut editable = app
        .world_mut()
        .get_mut::<bevy::text::EditableText>(field)
        .expect("a text field");
    editable.queue_edit(TextEdit::SelectAll);
    editable.queue_edit(TextEdit::Insert(text.into()));
}

#[test]
fn the_workshop_code_verdict_shows_in_the_frame_of_the_keystroke() {
    use rapport_workshop::WorkshopCode;
    let (_dir, mut app) = app_with_starter();
    app.wait_for_library("starter");
    let fingerprint = app
        .world()
        .resource::<rapport::game::scenario_assets::Library>()
        .by_id("starter")
        .and_then(|e| e.good.as_ref())
        .expect("the starter is loaded")
        .fingerprint;
    let good = WorkshopCode::new(&[("starter".into(), fingerprint)], 42)
        .unwrap()
        .encode();
    let wrong = WorkshopCode::new(&[("starter".into(), fingerprint + 1)], 42)
        .unwrap()
        .encode();
    app.world_mut()
        .resource_mut::<NextState<Overlay>>()
        .set(Overlay::Settings);
    app.update();
    app.update();
    let field = workshop_field(&mut app);

    type_into(&mut app, field, &good);
    app.update();
    let texts = app.texts();
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("In the workshop: starter")),
        "a right code is accepted in the same frame: {texts:?}"
    );

    type_into(&mut app, field, &wrong);
    app.update();
    let texts = app.texts();
    assert!(
        texts.iter().any(|t| t.starts_with("Code not accepted")),
        "a wrong code is refused in the same frame: {texts:?}"
    );
}

/// At any text size the settings end on "Done" in view: the settings scroll above it, and a
/// sign beside it says when more is below.
#[test]
fn done_stays_outside_the_scrolling_settings_with_a_sign_of_more_below() {
    use rapport::game::input::ScrollHint;
    let (_dir, mut app) = app_with_starter();
    app.world_mut()
        .resource_mut::<NextState<Overlay>>()
        .set(Overlay::Settings);
    app.update();
    app.update();
    let labelled = |app: &mut App, label: &str| -> Entity {
        let mut texts = app.world_mut().query::<(Entity, &Text)>();
        texts
            .iter(app.world())
            .find(|(_, t)| t.0 == label)
            .map(|(e, _)| e)
            .unwrap_or_else(|| panic!("no text {label:?}"))
    };
    let scroller_above = |app: &mut App, entity: Entity| -> Option<Entity> {
        let world = app.world();
        std::iter::successors(Some(entity), |&e| {
            world.get::<ChildOf>(e).map(ChildOf::parent)
        })
        .find(|&e| {
            world
                .get::<Node>(e)
                .is_some_and(|n| n.overflow.y == OverflowAxis::Scroll)
        })
    };
    let done = labelled(&mut app, "Done");
    assert_eq!(
        scroller_above(&mut app, done),
        None,
        "Done never scrolls away"
    );
    let name = labelled(&mut app, "Your name");
    let body = scroller_above(&mut app, name).expect("the settings scroll");
    let mut hints = app.world_mut().query::<&ScrollHint>();
    assert!(
        hints.iter(app.world()).any(|h| h.target == body),
        "a sign says when the settings have more below"
    );
}
