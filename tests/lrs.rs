//! The command line sends to a real learning record store (Ralph, started by the test):
//! `simulate --results` sends each call when an LRS is configured, and `report --send-lrs`
//! sends a folder, keeping everything in the outbox while the LRS is down and delivering it
//! exactly once when it is back.

#[path = "../crates/rapport-lrs/tests/support/ralph.rs"]
mod ralph;

use ralph::Ralph;
use rapport_lrs::Sender;
use rapport_workshop::CallResult;
use rapport_workshop::report::{ClassReport, ReportOptions, XapiOptions, xapi};
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
    let mut results = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            results.push(CallResult::from_json(&std::fs::read(&path).unwrap()).unwrap());
        }
    }
    export_ids(results)
}

/// The ids of the statements `report --xapi` exports for these results: what must arrive.
fn export_ids(results: Vec<CallResult>) -> Vec<String> {
    let class = ClassReport::new(results, &ReportOptions::default());
    let statements = xapi(&class, &XapiOptions::default());
    let mut ids: Vec<String> = statements
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
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
    simulate("corner-cafe", "collaborative", 0, dir, None);
    let good = expected_ids(results.path());
    // A statement left waiting by an older Rapport, which Ralph refuses:
    // one of the class's statements without its verb, under an id of its own.
    let class: Vec<CallResult> = std::fs::read_dir(results.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| CallResult::from_json(&std::fs::read(p).unwrap()).unwrap())
        .collect();
    let report = ClassReport::new(class, &ReportOptions::default());
    let mut bad = xapi(&report, &XapiOptions::default())[0].clone();
    let id = "0b5e4c1e-9a8d-4f7e-8c55-0d1a2b3c4d5e";
    bad["id"] = serde_json::Value::String(id.into());
    bad.as_object_mut().unwrap().remove("verb");
    let outbox = results.path().join("lrs-outbox");
    std::fs::create_dir_all(&outbox).unwrap();
    std::fs::write(
        outbox.join(format!("{id}.xapi")),
        serde_json::to_vec(&bad).unwrap(),
    )
    .unwrap();
    let (ok, stderr) = rapport(&["report", dir, "--send-lrs"], Some(&ralph));
    assert!(!ok, "a refusal is a failure of the send: {stderr}");
    assert!(
        stderr.contains("lrs-outbox: the LRS outbox: statements waiting to be sent, not results"),
        "the report names the outbox once, not each statement as a damaged result: {stderr}"
    );
    let refused: Vec<&str> = stderr.lines().filter(|l| l.contains("refused")).collect();
    assert_eq!(refused.len(), 1, "{stderr}");
    assert!(
        refused[0].contains("the LRS refused 1 statement") && refused[0].contains("(HTTP 4"),
        "{stderr}"
    );
    assert_eq!(
        outbox_files(results.path()),
        1,
        "only the refused folder is left"
    );
    let refused_dir = outbox.join("refused");
    assert_eq!(std::fs::read_dir(&refused_dir).unwrap().count(), 1);
    assert_eq!(stored_once(&ralph), good, "the good ones are delivered");
    // A send by hand offers it again; still refused, still kept, nothing doubled.
    let (ok, stderr) = rapport(&["report", dir, "--send-lrs"], Some(&ralph));
    assert!(!ok, "{stderr}");
    assert_eq!(std::fs::read_dir(&refused_dir).unwrap().count(), 1);
    assert_eq!(stored_once(&ralph), good);
}
