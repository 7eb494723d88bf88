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
