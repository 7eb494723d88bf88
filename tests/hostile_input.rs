//! The command line under hostile input, run as real processes: outputs are written only to
//! regular files or new paths, options given before a command are refused, and every echo of
//! user text is bounded with its control characters and direction overrides made visible.

use std::path::Path;
use std::process::Command;

#[path = "support/run.rs"]
mod run;
use run::rapport;

/// One finished call by Ana in `dir`.
fn one_result(dir: &Path) {
    let (status, _, err) = rapport(&[
        "simulate",
        "corner-cafe",
        "--trainee",
        "Ana",
        "--results",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(status, 0, "{err}");
}

const HIDDEN: [char; 4] = ['\u{1b}', '\u{202e}', '\u{2066}', '\u{7}'];

fn assert_visible_and_bounded(text: &str, limit: usize) {
    assert!(
        !text.contains(HIDDEN),
        "a hidden character was echoed: {text:?}"
    );
    assert!(text.len() < limit, "{} bytes echoed: {text}", text.len());
}

#[cfg(unix)]
#[test]
fn report_outputs_refuse_a_fifo_a_link_and_a_folder_by_name_and_leave_them_as_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let results = dir.path().join("results");
    one_result(&results);
    let fifo = dir.path().join("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let target = dir.path().join("elsewhere.html");
    std::fs::write(&target, "kept").unwrap();
    let link = dir.path().join("link.html");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let folder = dir.path().join("folder.json");
    std::fs::create_dir(&folder).unwrap();
    // A device of its own, like /dev/full (1, 7), where the system lets this user make one.
    let device = dir.path().join("full");
    let has_device = Command::new("mknod")
        .args([device.to_str().unwrap(), "c", "1", "7"])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let mut cases = vec![
        ("--csv", &fifo, "a named pipe (FIFO)"),
        ("--html", &link, "a link"),
        ("--xapi", &folder, "a folder"),
    ];
    if has_device {
        cases.push(("--html", &device, "a device"));
    }
    for (flag, path, what) in cases {
        let (status, _, err) = rapport(&[
            "report",
            results.to_str().unwrap(),
            flag,
            path.to_str().unwrap(),
        ]);
        assert_eq!(status, 1, "{flag}: {err}");
        assert!(
            err.contains(path.to_str().unwrap()) && err.contains(what),
            "{flag}: {err}"
        );
    }
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "kept");
    assert!(folder.is_dir());
    if has_device {
        let kind = std::fs::symlink_metadata(&device).unwrap().file_type();
        assert!(kind.is_char_device(), "the device is still a device");
    }
    // A regular file is replaced and a new path is written, as before.
    let page = dir.path().join("class.html");
    let (status, _, err) = rapport(&[
        "report",
        results.to_str().unwrap(),
        "--html",
        page.to_str().unwrap(),
        "--csv",
        target.to_str().unwrap(),
    ]);
    assert_eq!(status, 0, "{err}");
    assert!(std::fs::read_to_string(&target).unwrap().contains("Ana"));
    assert!(page.is_file());
}

#[test]
fn game_options_given_before_a_command_are_an_error_not_ignored() {
    let dir = tempfile::tempdir().unwrap();
    one_result(dir.path());
    let folder = dir.path().to_str().unwrap();
    let (status, out, err) = rapport(&["--workshop", "RAP-X", "report", folder]);
    assert_eq!(status, 2, "{out}{err}");
    assert!(
        err.contains("--workshop given before `report`") && err.contains("after it"),
        "{err}"
    );
    assert!(out.is_empty(), "no report was printed: {out}");
    let (status, _, err) = rapport(&["--trainee", "Ana", "--projector", "check"]);
    assert_eq!(status, 2, "{err}");
    assert!(
        err.contains("--trainee, --projector given before `check`"),
        "{err}"
    );
    // The global folders stay where they were: before the command, for every command.
    let (status, _, err) = rapport(&["--results", folder, "report", folder]);
    assert_eq!(status, 0, "{err}");
}

#[test]
fn unknown_ids_are_echoed_bounded_with_escapes_and_overrides_visible() {
    let hostile = format!("\u{1b}[2J\u{202e}evil\u{2066}\u{7}{}", "x".repeat(20_000));
    let (status, _, err) = rapport(&["simulate", &hostile]);
    assert_eq!(status, 1);
    assert!(err.contains("\\u{202e}evil\\u{2066}"), "{err}");
    assert!(err.contains("(20,011 characters)"), "{err}");
    assert_visible_and_bounded(&err, 1_000);

    let (status, _, err) = rapport(&["workshop", "new", "--scenarios", &hostile]);
    assert_eq!(status, 1);
    assert!(err.contains("\\u{1b}[2J"), "{err}");
    assert_visible_and_bounded(&err, 1_000);

    let (status, _, err) = rapport(&["simulate", "corner-cafe", "--player", &hostile]);
    assert_eq!(status, 1);
    assert_visible_and_bounded(&err, 1_000);

    let (status, _, err) = rapport(&["report", &hostile]);
    assert_eq!(status, 1);
    assert!(err.contains("does not exist"), "{err}");
    assert_visible_and_bounded(&err, 1_000);
}

#[test]
fn a_scenario_named_twice_in_a_workshop_is_refused() {
    let (status, out, err) = rapport(&[
        "workshop",
        "new",
        "--scenarios",
        "corner-cafe,clinic-scheduling,corner-cafe",
    ]);
    assert_eq!(status, 1, "{out}");
    assert!(
        err.contains("\"corner-cafe\" is named twice (places 1 and 3)"),
        "{err}"
    );
}

#[test]
fn file_names_with_escapes_are_shown_visibly_by_check_and_new() {
    let dir = tempfile::tempdir().unwrap();
    let name = "pilot\u{1b}[2J\u{202e}.ron";
    let path = dir.path().join(name);
    let (status, out, err) = rapport(&["new", "pilot", "--out", path.to_str().unwrap()]);
    assert_eq!(status, 0, "{err}");
    assert!(out.contains("pilot\\u{1b}[2J\\u{202e}.ron"), "{out}");
    assert!(
        out.contains("pilot\\x1b[2J\\u202e.ron'"),
        "pasted into bash: {out}"
    );
    assert_visible_and_bounded(&out, 2_000);
    let (status, out, err) = rapport(&["check", "--short", dir.path().to_str().unwrap()]);
    assert_eq!(status, 0, "{err}");
    assert!(out.contains("✓") && out.contains("\\u{202e}.ron"), "{out}");
    assert!(!out.contains(HIDDEN), "{out:?}");
}
