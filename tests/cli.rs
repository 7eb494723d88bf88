//! The trainer's command line, run as a real process: `check` exit codes and located
//! reports, `simulate` text and JSON, and `new` writing a scenario that passes `check`.

use std::process::Command;

#[path = "support/run.rs"]
mod run;
use run::rapport;

#[test]
fn check_passes_the_shipped_scenarios_and_prints_each_margin() {
    let (code, out, err) = rapport(&["check", "scenarios"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        out.matches("invariant holds; smallest margin").count(),
        8,
        "{out}"
    );
    assert_eq!(
        out.matches("    without reading, on 200 unseen seeds (medians; reading the customer")
            .count(),
        8,
        "{out}"
    );
    assert_eq!(
        out.matches("    habits, points lost where they change the play: ")
            .count(),
        8,
        "{out}"
    );
    assert!(out.contains("8 scenario(s) passed, 0 failed"), "{out}");
    // The facilitator chooses a workshop's scenarios from this list: how hard and how long.
    assert!(
        out.contains("✓ scenarios/corner-cafe.ron: The Corner Cup: the lunch rush (Beginner, about 15 minutes)"),
        "{out}"
    );
}

#[test]
fn check_fails_with_file_line_column_and_a_hint_for_a_broken_file() {
    let (code, out, _) = rapport(&["check", "crates/rapport-core/tests/fixtures/unknown_id.ron"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("crates/rapport-core/tests/fixtures/unknown_id.ron:114:123"),
        "{out}"
    );
    assert!(out.contains("Did you mean \"proofs\"?"), "{out}");
    let (code, out, _) = rapport(&[
        "check",
        "--short",
        "crates/rapport-core/tests/fixtures/out_of_range.ron",
    ]);
    assert_eq!(code, 1);
    // The fixture is a version 2 file: its W002 comes first, at `format_version`.
    assert!(
        out.lines().any(|l| l
            .starts_with("crates/rapport-core/tests/fixtures/out_of_range.ron:49:25: error[E018]")),
        "{out}"
    );
}

#[test]
fn check_of_a_folder_reports_every_file_and_fails_if_any_fails() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy("scenarios/corner-cafe.ron", dir.path().join("good.ron")).expect("copy");
    std::fs::copy(
        "crates/rapport-core/tests/fixtures/duplicate_id.ron",
        dir.path().join("bad.ron"),
    )
    .expect("copy");
    let (code, out, _) = rapport(&["check", &dir.path().display().to_string()]);
    assert_eq!(code, 1);
    assert!(out.contains("1 scenario(s) passed, 1 failed"), "{out}");
}

#[test]
fn simulate_prints_transcript_score_and_profile() {
    let (code, out, err) = rapport(&[
        "simulate",
        "clinic-scheduling",
        "--player",
        "collaborative",
        "--seed",
        "3",
        "--reveal",
    ]);
    assert_eq!(code, 0, "{err}");
    for expected in [
        "Discovery",
        "Agreement-checking",
        "Relationship",
        "Solution fit and outcome",
        "Total:",
        "Behaviour profile",
        "Inside the customer's head",
        "head: trust",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }
}

#[test]
fn simulate_json_is_one_object_with_outcome_total_dimensions_and_moves() {
    let (code, out, err) = rapport(&[
        "simulate",
        "law-firm-records",
        "--player",
        "closer",
        "--seed",
        "2",
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert!(v["total"].is_number());
    assert_eq!(v["dimensions"].as_array().map(Vec::len), Some(4));
    assert!(v["moves"].as_array().is_some_and(|m| !m.is_empty()));
    assert!(v["outcome"].is_string());
    assert_eq!(v["right_outcome"], "mutual_no_fit");
    assert!(v["profile"]["closes"].as_u64().is_some_and(|c| c > 0));
}

#[test]
fn simulate_is_deterministic_for_a_seed() {
    let args = [
        "simulate",
        "corner-cafe",
        "--player",
        "random",
        "--seed",
        "11",
        "--json",
    ];
    let a = rapport(&args);
    let b = rapport(&args);
    assert_eq!(a, b);
}

#[test]
fn new_writes_a_starter_scenario_that_passes_check() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("my-first.ron");
    let (code, out, err) = rapport(&["new", "My First", "--out", &path.display().to_string()]);
    assert_eq!(code, 0, "{out}{err}");
    let text = std::fs::read_to_string(&path).expect("written");
    assert!(text.contains("id: \"my-first\""));
    let (code, out, _) = rapport(&["check", &path.display().to_string()]);
    assert_eq!(code, 0, "{out}");
    let (code, _, err) = rapport(&["new", "My First", "--out", &path.display().to_string()]);
    assert_eq!(code, 1, "refuses to overwrite");
    assert!(err.contains("already exists"));
}

#[test]
fn check_of_two_files_with_the_same_id_is_an_error_naming_the_other_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string("crates/rapport-core/src/starter.ron").expect("starter");
    let a = dir.path().join("a.ron");
    let b = dir.path().join("b.ron");
    std::fs::write(&a, &text).expect("write");
    std::fs::write(&b, &text).expect("write");
    let (code, out, _) = rapport(&["check", &a.display().to_string(), &b.display().to_string()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("E023"), "{out}");
    assert!(
        out.contains("is also used by") && out.contains("a.ron"),
        "{out}"
    );
}

/// Runs the binary, failing the test instead of hanging if it takes longer than `secs`.
fn rapport_within(secs: u64, args: &[&str]) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let start = std::time::Instant::now();
    while child.try_wait().expect("waits").is_none() {
        if start.elapsed() > std::time::Duration::from_secs(secs) {
            let _ = child.kill();
            panic!("rapport {args:?} did not finish within {secs} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[cfg(unix)]
#[test]
fn check_refuses_pipes_and_devices_without_hanging_and_counts_them_as_failed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pipe = dir.path().join("pipe.ron");
    let made = Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.ron")).expect("symlink");
    let (code, out, err) = rapport_within(20, &["check", &dir.path().display().to_string()]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains("pipe.ron: cannot read: not a regular file"),
        "{err}"
    );
    assert!(
        err.contains("zero.ron: cannot read: not a regular file"),
        "{err}"
    );
    assert!(out.contains("0 scenario(s) passed, 2 failed"), "{out}");
}

#[test]
fn a_file_that_is_not_utf8_is_reported_at_its_first_bad_byte() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("latin1.ron");
    std::fs::write(&file, b"Scenario(\n  meta: caf\xE9,\n").expect("write");
    let (code, out, _) = rapport(&["check", &file.display().to_string()]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("E004") && out.contains("latin1.ron:2:12"),
        "{out}"
    );
    assert!(out.contains("Save the file as UTF-8"), "{out}");
}

#[cfg(unix)]
#[test]
fn new_never_writes_through_a_dangling_link_and_keeps_unicode_names() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("elsewhere.ron");
    let link = dir.path().join("x.ron");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    let (code, _, err) = rapport(&["new", "x", "--out", &link.display().to_string()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("already exists"), "{err}");
    assert!(!target.exists(), "the link's target was created");

    let out_path = dir.path().join("café crème.ron");
    let (code, out, err) = rapport(&[
        "new",
        "Café Crème",
        "--out",
        &out_path.display().to_string(),
    ]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&out_path).expect("written");
    assert!(
        text.contains("id: \"café-crème\""),
        "the id keeps its letters"
    );
    assert!(
        out.contains("rapport check '"),
        "the hint quotes a path with a space: {out}"
    );
}

#[test]
fn check_shows_the_first_fifty_problems_of_a_file_and_counts_every_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let starter = std::fs::read_to_string("crates/rapport-core/src/starter.ron").expect("starter");
    let at = starter.find("moves: [\n").expect("moves") + 9;
    let repeated =
        "        (id: \"hello\", text: \"Lovely weather.\", kind: Rapport),\n".repeat(500);
    let path = dir.path().join("pasted.ron");
    std::fs::write(
        &path,
        format!("{}{repeated}{}", &starter[..at], &starter[at..]),
    )
    .expect("write");
    let path = path.display().to_string();
    // 500 duplicate ids and one "too many moves".
    let (code, out, _) = rapport(&["check", "--short", &path]);
    assert_eq!(code, 1);
    let located = out.lines().filter(|l| l.starts_with(&path)).count();
    assert_eq!(located, 50, "{out}");
    assert!(
        out.contains("… and 451 more problems in this file, not shown (451 errors)"),
        "{out}"
    );
    assert!(out.contains(&format!("✗ {path}: 501 error(s)")), "{out}");
    let (code, out, _) = rapport(&["check", &path]);
    assert_eq!(code, 1);
    assert_eq!(out.matches("Error: ").count(), 50, "{out}");
    assert!(out.contains("… and 451 more problems"), "{out}");
    assert!(out.contains("0 scenario(s) passed, 1 failed"), "{out}");
}
