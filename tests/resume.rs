//! A killed game loses nothing: the real game, in a real window under Xvfb, is killed with
//! SIGKILL in the middle of a call; the next start resumes at exactly that move, and the
//! resumed call ends with exactly the score the uninterrupted call has.

use rapport_workshop::{CallResult, SavedCall, Status};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const HOLD_AFTER: usize = 4;

fn have_xvfb() -> bool {
    Command::new("sh")
        .args(["-c", "command -v xvfb-run"])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn game(results: &Path, extra: &[&str]) -> Child {
    Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1280x720x24"])
        .arg(env!("CARGO_BIN_EXE_rapport"))
        .args(["--autoplay", "collaborative", "--scenario", "corner-cafe"])
        .arg("--results")
        .arg(results)
        .args(extra)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("xvfb-run starts")
}

fn saved_moves(results: &Path) -> usize {
    std::fs::read(results.join("call-in-progress.json"))
        .ok()
        .and_then(|b| SavedCall::from_json(&b).ok())
        .map_or(0, |s| s.moves.len())
}

#[test]
fn a_call_killed_mid_way_resumes_at_that_move_and_ends_with_the_same_score() {
    if !have_xvfb() {
        assert!(
            std::env::var_os("CI").is_none(),
            "xvfb-run is missing in CI"
        );
        eprintln!("skipping: install xvfb to run the kill-and-resume test");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let results = dir.path().join("results-kill-test");

    // The first run plays four moves and waits there; it is killed like a crash.
    let mut first = game(
        &results,
        &[
            "--seed",
            "3",
            "--trainee",
            "Kill Test",
            "--autoplay-hold-after",
            &HOLD_AFTER.to_string(),
        ],
    );
    let started = Instant::now();
    while saved_moves(&results) < HOLD_AFTER {
        assert!(
            started.elapsed() < Duration::from_secs(240),
            "the game did not save {HOLD_AFTER} moves in 240 s"
        );
        assert!(first.try_wait().unwrap().is_none(), "the game exited early");
        std::thread::sleep(Duration::from_millis(100));
    }
    let killed = Command::new("pkill")
        .args(["-KILL", "-f"])
        .arg(results.to_str().unwrap())
        .status()
        .unwrap();
    assert!(killed.success(), "the game process was found and killed");
    let _ = first.kill();
    let _ = first.wait();
    assert_eq!(saved_moves(&results), HOLD_AFTER);
    let files: Vec<_> = std::fs::read_dir(&results).unwrap().collect();
    assert_eq!(
        files.len(),
        1,
        "only the call in progress, no temporary file left"
    );

    // The next start resumes it (automatic play accepts the offer) and plays on to the end.
    let second = game(&results, &[]);
    let output = second.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "the resumed game failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let written: Vec<CallResult> = std::fs::read_dir(&results)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| CallResult::from_json(&std::fs::read(&p).unwrap()).unwrap())
        .collect();
    assert_eq!(
        written.len(),
        1,
        "one result, and the call in progress is gone"
    );
    let resumed = &written[0];
    assert_eq!(resumed.status, Status::Finished);
    assert_eq!(resumed.attempt.trainee, "Kill Test");
    assert_eq!(resumed.attempt.seed, 3);

    // The same call uninterrupted, from the command line.
    let simulated = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args([
            "simulate",
            "corner-cafe",
            "--player",
            "collaborative",
            "--seed",
            "3",
            "--json",
        ])
        .output()
        .unwrap();
    let whole: serde_json::Value = serde_json::from_slice(&simulated.stdout).unwrap();
    assert_eq!(
        resumed.moves.len(),
        whole["moves"].as_array().unwrap().len()
    );
    assert_eq!(resumed.total(), whole["total"].as_f64().unwrap());
    assert!(resumed.total() > 0.0);
}
