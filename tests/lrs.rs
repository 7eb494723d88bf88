//! The command line sends to a real learning record store (Ralph, started by the test):
//! `simulate --results` sends each call when an LRS is configured, and `report --send-lrs`
//! sends a folder, keeping everything in the outbox while the LRS is down and delivering it
//! exactly once when it is back.

#[path = "../crates/rapport-lrs/tests/support/ralph.rs"]
mod ralph;

use ralph::Ralph;
use rapport_lrs::Sender;
use rapport_workshop::CallResult;
use rapport_workshop::report::xapi::{ATTEMPTED, COMPLETED, statement_id};
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

fn rapport(args: &[&str], lrs: Option<&Ralph>) -> (bool, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_rapport"));
    command.args(args);
    for var in [
        "RAPPORT_LRS_ENDPOINT",
        "RAPPORT_LRS_CREDENTIALS",
        "RAPPORT_LRS_CREDENTIALS_FILE",
        "RAPPORT_LRS_ALLOW_HTTP",
    ] {
        command.env_remove(var);
    }
    if let Some(ralph) = lrs {
        command
            .env("RAPPORT_LRS_ENDPOINT", &ralph.endpoint)
            .env("RAPPORT_LRS_CREDENTIALS_FILE", ralph.credentials_file())
            .env("RAPPORT_LRS_ALLOW_HTTP", "1");
    }
    let out = command.output().expect("rapport runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.success(), stderr)
}

/// The statement ids the results in `dir` must give: "attempted" for each, "completed" for
/// each finished one.
fn expected_ids(dir: &Path) -> Vec<String> {
    let mut ids = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let result = CallResult::from_json(&std::fs::read(&path).unwrap()).unwrap();
            ids.push(statement_id(&result.attempt.attempt_id, ATTEMPTED).to_string());
            if result.status == rapport_workshop::Status::Finished {
                ids.push(statement_id(&result.attempt.attempt_id, COMPLETED).to_string());
            }
        }
    }
    ids.sort();
    ids
}

fn stored_once(ralph: &Ralph) -> Vec<String> {
    let sender = Sender::new(ralph.config());
    let mut counts: HashMap<String, usize> = HashMap::new();
    for s in sender.statements(&[("limit", "10")]).unwrap() {
        *counts
            .entry(s["id"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    assert!(
        counts.values().all(|n| *n == 1),
        "a statement stored twice: {counts:?}"
    );
    let mut ids: Vec<String> = counts.into_keys().collect();
    ids.sort();
    ids
}

/// Records a simulated call of "Trainee `i`" in `dir`; its stderr.
fn simulate(scenario: &str, player: &str, i: usize, dir: &str, lrs: Option<&Ralph>) -> String {
    let trainee = format!("Trainee {i}");
    let args = [
        "simulate",
        scenario,
        "--player",
        player,
        "--trainee",
        &trainee,
        "--results",
        dir,
    ];
    let (ok, stderr) = rapport(&args, lrs);
    assert!(ok, "{stderr}");
    stderr
}

fn outbox_files(results: &Path) -> usize {
    std::fs::read_dir(results.join("lrs-outbox")).map_or(0, |d| d.count())
}

#[test]
fn simulate_with_an_lrs_configured_sends_each_call_as_it_is_recorded() {
    let Some(ralph) = Ralph::start() else { return };
    let results = tempfile::tempdir().unwrap();
    let dir = results.path().to_str().unwrap();
    for (i, player) in ["collaborative", "closer", "random"].iter().enumerate() {
        let stderr = simulate("corner-cafe", player, i, dir, Some(&ralph));
        assert!(stderr.contains("sent to the LRS at"), "{stderr}");
    }
    assert_eq!(outbox_files(results.path()), 0, "the outbox drained");
    assert_eq!(stored_once(&ralph), expected_ids(results.path()));
}

#[test]
fn report_send_lrs_keeps_the_class_while_the_lrs_is_down_and_delivers_it_once_when_back() {
    let Some(ralph) = Ralph::start() else { return };
    let results = tempfile::tempdir().unwrap();
    let dir = results.path().to_str().unwrap();
    for (i, player) in ["skilled", "pitcher", "questioner", "average"]
        .iter()
        .enumerate()
    {
        simulate("clinic-scheduling", player, i, dir, None);
    }
    let expected = expected_ids(results.path());
    ralph.stop();
    let (ok, stderr) = rapport(&["report", dir, "--send-lrs"], Some(&ralph));
    assert!(!ok, "a send that failed says so in the exit status");
    let warning: Vec<&str> = stderr.lines().filter(|l| l.contains("LRS")).collect();
    assert_eq!(warning.len(), 1, "one line: {stderr}");
    assert!(warning[0].contains("cannot reach the LRS"), "{stderr}");
    assert_eq!(outbox_files(results.path()), expected.len(), "all queued");
    ralph.restart();
    let (ok, stderr) = rapport(&["report", dir, "--send-lrs"], Some(&ralph));
    assert!(ok, "{stderr}");
    assert_eq!(outbox_files(results.path()), 0);
    // Sending the same folder again adds nothing.
    let (ok, stderr) = rapport(&["report", dir, "--send-lrs"], Some(&ralph));
    assert!(ok, "{stderr}");
    assert_eq!(stored_once(&ralph), expected);
}

#[test]
fn report_send_lrs_without_an_lrs_configured_says_what_to_set() {
    let results = tempfile::tempdir().unwrap();
    let dir = results.path().to_str().unwrap();
    let (ok, stderr) = rapport(
        &[
            "simulate",
            "corner-cafe",
            "--trainee",
            "Ana",
            "--results",
            dir,
        ],
        None,
    );
    assert!(ok, "{stderr}");
    let (ok, stderr) = rapport(&["report", dir, "--send-lrs"], None);
    assert!(!ok);
    assert!(
        stderr.contains("--send-lrs needs the LRS in the environment: RAPPORT_LRS_ENDPOINT"),
        "{stderr}"
    );
}

#[test]
fn a_call_the_lrs_refuses_is_kept_and_named_in_one_line() {
    let Some(ralph) = Ralph::start() else { return };
    let results = tempfile::tempdir().unwrap();
    let dir = results.path().to_str().unwrap();
    // No trainee name: the actor's account has an empty name, which Ralph refuses (422).
    let (ok, stderr) = rapport(&["simulate", "corner-cafe", "--results", dir], Some(&ralph));
    assert!(ok, "the result itself is saved: {stderr}");
    let refused: Vec<&str> = stderr.lines().filter(|l| l.contains("refused")).collect();
    assert_eq!(refused.len(), 1, "{stderr}");
    assert!(
        refused[0].contains("the LRS refused 2 statements (HTTP 422"),
        "{stderr}"
    );
    assert_eq!(
        outbox_files(results.path()),
        1,
        "only the refused folder is left"
    );
    let refused_dir = results.path().join("lrs-outbox/refused");
    assert_eq!(std::fs::read_dir(&refused_dir).unwrap().count(), 2);
    // A send by hand offers them again; still refused, still kept.
    let (ok, stderr) = rapport(&["report", dir, "--send-lrs"], Some(&ralph));
    assert!(!ok, "{stderr}");
    assert_eq!(std::fs::read_dir(&refused_dir).unwrap().count(), 2);
    assert!(stored_once(&ralph).is_empty());
}
