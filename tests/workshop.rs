//! The facilitator's command line, run as real processes: a workshop code gives the room one
//! customer situation, `simulate --trainee --workshop --results` writes results exactly as a
//! finished game does, and names never leave the results folder.

use rapport_workshop::CallResult;
use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "support/run.rs"]
mod run;
use run::rapport;

fn code_of(stdout: &str) -> String {
    stdout
        .lines()
        .find_map(|l| l.strip_prefix("Workshop code: "))
        .expect("a code is printed")
        .to_string()
}

fn results_in(dir: &Path) -> Vec<(PathBuf, CallResult)> {
    let mut found: Vec<(PathBuf, CallResult)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let result = CallResult::from_json(&std::fs::read(&p).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p, result)
        })
        .collect();
    found.sort_by(|a, b| a.1.attempt.started_at.cmp(&b.1.attempt.started_at));
    found
}

fn simulate(trainee: &str, code: &str, results: &Path, scenario: &str) -> (i32, String) {
    let (status, _, err) = rapport(&[
        "simulate",
        scenario,
        "--player",
        "average",
        "--trainee",
        trainee,
        "--workshop",
        code,
        "--results",
        results.to_str().unwrap(),
    ]);
    (status, err)
}

#[test]
fn a_workshop_code_gives_the_room_one_situation_and_second_attempts_another() {
    let (status, out, err) = rapport(&[
        "workshop",
        "new",
        "--scenarios",
        "corner-cafe,clinic-scheduling",
        "--seed",
        "4242",
    ]);
    assert_eq!(status, 0, "{err}");
    let code = code_of(&out);
    assert!(code.starts_with("RAP-") && code.len() <= 34, "{code}");
    let room = tempfile::tempdir().unwrap();
    // Each call adds one file; its seed is that attempt's.
    let mut seen: Vec<PathBuf> = Vec::new();
    let mut attempt_as = |who: &str, code: &str| -> CallResult {
        let (status, err) = simulate(who, code, room.path(), "clinic-scheduling");
        assert_eq!(status, 0, "{err}");
        let (path, result) = results_in(room.path())
            .into_iter()
            .find(|(p, _)| !seen.contains(p))
            .expect("the call wrote a result");
        seen.push(path);
        result
    };
    let ana: Vec<u64> = (0..2)
        .map(|_| attempt_as("Ana", &code).attempt.seed)
        .collect();
    // Ben comes back typing the code in lower case and his name with other spaces: still his
    // second attempt, and stored under the code's canonical spelling.
    let ben = vec![
        attempt_as("Ben", &code).attempt.seed,
        attempt_as("  BEN ", &code.to_lowercase().replace('-', " "))
            .attempt
            .seed,
    ];
    let results = results_in(room.path());
    assert_eq!(results.len(), 4);
    assert_eq!(ana[0], 4242, "a first attempt meets the room's situation");
    assert_eq!(ana, ben, "the whole room meets the same customers");
    assert_ne!(ana[1], 4242, "a second attempt meets another situation");
    assert!(
        results
            .iter()
            .all(|(_, r)| r.attempt.workshop.as_deref() == Some(&code))
    );
    // A scenario outside the workshop is refused, naming what it uses.
    let (status, err) = simulate("Ana", &code, room.path(), "law-firm-records");
    assert_eq!(status, 1);
    assert!(err.contains("corner-cafe, clinic-scheduling"), "{err}");
}

#[test]
fn a_code_for_a_missing_or_edited_scenario_is_refused_saying_which_and_what_to_do() {
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("pilot.ron");
    let (status, _, err) = rapport(&["new", "pilot", "--out", file.to_str().unwrap()]);
    assert_eq!(status, 0, "{err}");
    let folder_arg = folder.path().to_str().unwrap();
    let (status, out, err) = rapport(&["--scenarios", folder_arg, "workshop", "new", "pilot"]);
    assert_eq!(status, 0, "{err}");
    let code = code_of(&out);
    assert!(out.contains("--scenarios FOLDER"), "{out}");

    let results = tempfile::tempdir().unwrap();
    let (status, err) = simulate("Ana", &code, results.path(), "corner-cafe");
    assert_eq!(status, 1);
    assert!(
        err.contains("\"pilot\"") && err.contains("does not have") && err.contains("--scenarios"),
        "{err}"
    );

    let text = std::fs::read_to_string(&file).unwrap();
    // A trainer's copy with one more comment: another text than the facilitator's.
    std::fs::write(&file, format!("{text}\n// edited on this laptop\n")).unwrap();
    let (status, _, err) = rapport(&[
        "--scenarios",
        folder_arg,
        "simulate",
        "pilot",
        "--trainee",
        "Ana",
        "--workshop",
        &code,
        "--results",
        results.path().to_str().unwrap(),
    ]);
    assert_eq!(status, 1);
    assert!(err.contains("not the facilitator's version"), "{err}");
    assert!(std::fs::read_dir(results.path()).unwrap().next().is_none());
}

#[test]
fn hostile_names_stay_inside_the_results_folder_and_come_back_as_settings_keeps_them() {
    let outer = tempfile::tempdir().unwrap();
    let results = outer.path().join("results");
    let long = "é".repeat(10_000);
    let names = [
        "../../escape",
        "/etc/passwd",
        "a\\b:c*?\"<>|",
        "Zoë \"quoted\", with commas",
        "two\nlines\r\n",
        "=HYPERLINK(\"http://x\")",
        "🙂 emoji",
        "\u{202e}reversed\u{200f}",
        long.as_str(),
    ];
    for name in names {
        let (status, _, err) = rapport(&[
            "simulate",
            "corner-cafe",
            "--player",
            "pitcher",
            "--trainee",
            name,
            "--results",
            results.to_str().unwrap(),
        ]);
        assert_eq!(status, 0, "{name:?}: {err}");
    }
    let written = results_in(&results);
    assert_eq!(written.len(), names.len());
    let outside: Vec<_> = std::fs::read_dir(outer.path()).unwrap().collect();
    assert_eq!(outside.len(), 1, "only the results folder is in its parent");
    let mut back: Vec<String> = written
        .iter()
        .map(|(_, r)| r.attempt.trainee.clone())
        .collect();
    back.sort();
    // Kept as Settings keeps a typed name: the one cleaning both share.
    let mut expected: Vec<String> = names
        .iter()
        .map(|n| rapport_workshop::identity::cleaned_name(n).unwrap())
        .collect();
    expected.sort();
    assert_eq!(back, expected);
    for (path, _) in &written {
        let file_name = path.file_name().unwrap().to_str().unwrap();
        assert!(file_name.len() < 120, "{file_name}");
        assert!(
            file_name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)),
            "{file_name}"
        );
    }
}

#[test]
fn a_results_folder_that_cannot_be_written_is_an_error_that_says_where() {
    let outer = tempfile::tempdir().unwrap();
    let not_a_folder = outer.path().join("taken");
    std::fs::write(&not_a_folder, "a file where the folder should be").unwrap();
    let (status, _, err) = rapport(&[
        "simulate",
        "corner-cafe",
        "--trainee",
        "Ana",
        "--results",
        not_a_folder.to_str().unwrap(),
    ]);
    assert_eq!(status, 1);
    assert!(
        err.contains("cannot write the result into")
            && err.contains("taken")
            && err.contains("it is a file, not a folder")
            && !err.contains("File exists"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&not_a_folder).unwrap(),
        "a file where the folder should be"
    );
}

#[test]
fn a_command_piped_into_head_ends_quietly() {
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' workshop new --scenarios corner-cafe | head -1",
            env!("CARGO_BIN_EXE_rapport")
        ))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stdout.starts_with("Workshop code: RAP-"), "{stdout}");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
        "{stderr}"
    );
}

#[test]
fn workshop_show_says_whether_this_machines_files_match_and_a_crlf_copy_does() {
    let (status, out, err) = rapport(&[
        "workshop",
        "new",
        "--scenarios",
        "corner-cafe,clinic-scheduling",
        "--seed",
        "2026",
    ]);
    assert_eq!(status, 0, "{err}");
    let code = code_of(&out);
    let (status, out, err) = rapport(&["workshop", "show", &code.to_lowercase()]);
    assert_eq!(status, 0, "{err}");
    assert!(out.contains(&format!("Workshop code: {code}")), "{out}");
    assert!(out.contains("seed 2026"), "{out}");
    assert!(
        out.contains("matches this machine's scenarios/corner-cafe.ron")
            && out.contains("matches this machine's scenarios/clinic-scheduling.ron")
            && out.contains("This machine's scenario files match the code."),
        "{out}"
    );
    // A laptop whose copy came through Windows: CRLF line ends, the same text.
    let folder = tempfile::tempdir().unwrap();
    let cafe = std::fs::read_to_string("scenarios/corner-cafe.ron").unwrap();
    let copy = folder.path().join("corner-cafe.ron");
    std::fs::write(&copy, cafe.replace('\n', "\r\n")).unwrap();
    let folder_arg = folder.path().to_str().unwrap();
    let (status, out, err) = rapport(&["--scenarios", folder_arg, "workshop", "show", &code]);
    assert_eq!(status, 0, "{err}");
    assert!(
        out.contains(&format!("matches this machine's {}", copy.display())),
        "{out}"
    );
    let results = tempfile::tempdir().unwrap();
    let (status, _, err) = rapport(&[
        "--scenarios",
        folder_arg,
        "simulate",
        "corner-cafe",
        "--trainee",
        "Ana",
        "--workshop",
        &code,
        "--results",
        results.path().to_str().unwrap(),
    ]);
    assert_eq!(status, 0, "the CRLF copy is accepted: {err}");
    // An edited copy differs, and the command fails.
    std::fs::write(&copy, format!("{cafe}\n// edited\n")).unwrap();
    let (status, out, _) = rapport(&["--scenarios", folder_arg, "workshop", "show", &code]);
    assert_eq!(status, 1, "{out}");
    assert!(out.contains("differs: this machine's"), "{out}");
    assert!(
        out.contains("do not match the code (1 scenario(s) above)"),
        "{out}"
    );
}

#[test]
fn a_blank_trainee_name_is_refused_and_nothing_is_written() {
    let results = tempfile::tempdir().unwrap();
    for blank in ["", "  \t ", "\u{200b}\n"] {
        let (status, _, err) = rapport(&[
            "simulate",
            "corner-cafe",
            "--trainee",
            blank,
            "--results",
            results.path().to_str().unwrap(),
        ]);
        assert_eq!(status, 1, "{blank:?}");
        assert!(err.contains("--trainee is blank"), "{err}");
    }
    let (status, _, err) = rapport(&[
        "simulate",
        "corner-cafe",
        "--results",
        results.path().to_str().unwrap(),
    ]);
    assert_eq!(status, 1);
    assert!(err.contains("add --trainee NAME"), "{err}");
    assert!(std::fs::read_dir(results.path()).unwrap().next().is_none());
}
