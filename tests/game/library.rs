//! Hot reload: an edit shows in the menu, and a broken save keeps the last good version.

use crate::support::*;
use bevy::prelude::*;
use rapport::game::scenario_assets::Library;
use rapport::game::screens::Screen;
use rapport::game::session::Session;
use std::time::{Duration, Instant};

#[test]
fn hot_reload_updates_the_menu_and_keeps_the_last_good_version() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("starter.ron");
    std::fs::write(&file, starter("starter", "Starter: the print shop")).unwrap();
    let mut app = app_for(dir.path(), true);
    app.wait_for_library("starter");

    // An edit shows in the menu within a second or two.
    let saved = Instant::now();
    std::fs::write(&file, starter("starter", "Starter: the print shop, edited")).unwrap();
    app.update_until(10, "the edited title", |app| {
        app.texts()
            .iter()
            .any(|t| t == "Starter: the print shop, edited")
    });
    assert!(
        saved.elapsed() < Duration::from_secs(3),
        "reload took {:?}",
        saved.elapsed()
    );

    // The briefing of the edited version, then a broken save while it is open.
    app.focus_scenario("starter");
    app.press(KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Briefing);
    let broken = starter("starter", "Starter: broken").replacen("trust: 40,", "trust: forty,", 1);
    std::fs::write(&file, broken).unwrap();
    app.update_until(10, "the diagnostic", |app| {
        app.texts()
            .iter()
            .any(|t| t.contains("starter.ron:") && t.contains("error["))
    });
    let shown = app.texts();
    assert!(
        shown.iter().any(|t| t.contains("last good version")),
        "the briefing says it shows the last good version"
    );
    assert!(
        shown.iter().any(|t| t == "Starter: the print shop, edited"),
        "the last good version stays"
    );

    // The last good version is still playable.
    app.press(KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Conversation);
    assert_eq!(
        app.world().resource::<Session>().scenario.title(),
        "Starter: the print shop, edited"
    );
    assert!(
        app.texts()
            .iter()
            .any(|t| t
                .contains("The file on disk has errors; this call plays its last good version")),
        "a quiet sign in the call"
    );
    // A good edit landing mid-call says so too, and the call goes on as it started.
    std::fs::write(
        &file,
        starter("starter", "Starter: the print shop, edited again"),
    )
    .unwrap();
    app.update_until(10, "the sign of a good edit", |app| {
        app.texts().iter().any(|t| {
            t.contains("this call goes on as it started, and the next call plays the edit")
        })
    });
    assert_eq!(
        app.world().resource::<Session>().scenario.title(),
        "Starter: the print shop, edited"
    );

    // A new file in the folder appears in the menu; a file with only errors is listed too.
    app.press(KeyCode::Escape);
    std::fs::write(
        dir.path().join("second.ron"),
        starter("second", "A second call"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("garbage.ron"),
        "Scenario(format_version: 1,",
    )
    .unwrap();
    app.update_until(10, "the new files", |app| {
        let lib = app.world().resource::<Library>();
        lib.by_id("second").is_some()
            && lib
                .entries
                .iter()
                .any(|e| e.origin.ends_with("garbage.ron") && e.loaded)
    });
    let lib = app.world().resource::<Library>();
    let garbage = lib
        .entries
        .iter()
        .find(|e| e.origin.ends_with("garbage.ron"))
        .unwrap();
    assert!(garbage.good.is_none() && garbage.has_errors() && !garbage.problems().is_empty());
}

/// A card redrawn because the library changed (a check finished, a file was saved) keeps the
/// highlight of the mouse resting on it: the new card starts hovered instead of blinking off
/// until picking runs again.
#[test]
fn a_redrawn_card_keeps_the_hover_of_the_mouse_resting_on_it() {
    use bevy::picking::hover::Hovered;
    use rapport::game::screens::menu::ScenarioCard;
    let (_dir, mut app) = app_with_starter();
    app.wait_for_library("starter");
    let card = |app: &mut App| {
        let mut cards = app.world_mut().query::<(Entity, &ScenarioCard)>();
        cards
            .iter(app.world())
            .next()
            .map(|(e, c)| (e, c.0.clone()))
            .expect("a card")
    };
    let (before, path) = card(&mut app);
    app.world_mut().entity_mut(before).insert(Hovered(true));
    app.world_mut().resource_mut::<Library>().revision += 1;
    app.update();
    let (after, same_path) = card(&mut app);
    assert_ne!(before, after, "the card was redrawn");
    assert_eq!(path, same_path);
    assert_eq!(app.world().get::<Hovered>(after), Some(&Hovered(true)));
}
