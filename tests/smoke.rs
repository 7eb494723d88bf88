//! The windowed smoke test: the real binary, in a real window under Xvfb with Mesa's
//! software Vulkan (lavapipe), plays a scenario with an automatic player through every
//! screen and saves a screenshot of each. `.ci/run` installs Xvfb and Mesa; in CI a missing
//! display is a failure, not a skip.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SHOTS: [&str; 10] = [
    "01-menu",
    "02-briefing",
    "03-conversation",
    "04-pause",
    "05-settings",
    "06-call-ended",
    "07-debrief",
    "08-debrief-head-and-timeline",
    "09-what-if-debrief",
    "10-replay",
];

fn have(program: &str) -> bool {
    Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {program}"))
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn autoplay_in_a_real_window_saves_every_screen() {
    let in_ci = std::env::var_os("CI").is_some();
    if !have("xvfb-run") {
        assert!(
            !in_ci,
            "xvfb-run is missing: .ci/run installs xvfb; the windowed smoke test cannot be skipped in CI"
        );
        eprintln!(
            "skipping the windowed smoke test: install xvfb (apt-get install xvfb mesa-vulkan-drivers)"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let scenarios = dir.path().join("scenarios");
    let shots = dir.path().join("shots");
    std::fs::create_dir_all(&scenarios).unwrap();
    std::fs::write(
        scenarios.join("starter.ron"),
        rapport_core::STARTER_SCENARIO,
    )
    .unwrap();

    let started = Instant::now();
    let mut child = Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1280x720x24"])
        .arg(env!("CARGO_BIN_EXE_rapport"))
        .arg("--scenarios")
        .arg(&scenarios)
        .args([
            "--autoplay",
            "collaborative",
            "--scenario",
            "starter",
            "--seed",
            "1",
            "--screenshots",
        ])
        .arg(&shots)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("xvfb-run starts");
    // Bounded: a hung window fails the test instead of the CI run.
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(300) {
            let _ = child.kill();
            panic!("the windowed autoplay did not finish in 300 s");
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        status.success(),
        "autoplay failed ({status}):\n{stdout}\n{stderr}"
    );
    assert!(
        stdout.contains("autoplay: collaborative played"),
        "{stdout}"
    );
    for name in SHOTS {
        let path = shots.join(format!("{name}.png"));
        check_png(&path);
    }
    eprintln!(
        "windowed autoplay took {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

/// A real PNG of the window's size, not a blank frame: a uniform image compresses to
/// almost nothing, a screen with text does not.
fn check_png(path: &Path) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(
        &bytes[..8],
        b"\x89PNG\r\n\x1a\n",
        "{} is not a PNG",
        path.display()
    );
    let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    assert_eq!((width, height), (1280, 720), "{}", path.display());
    assert!(
        bytes.len() > 20_000,
        "{} looks blank ({} bytes)",
        path.display(),
        bytes.len()
    );
}

#[test]
fn without_a_display_the_game_says_so_in_one_line() {
    let output = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("rapport simulate") && !stderr.contains("panicked"),
        "{stderr}"
    );
}

#[test]
fn without_a_vulkan_driver_the_game_says_what_to_install_in_one_line() {
    if !have("xvfb-run") {
        assert!(
            std::env::var_os("CI").is_none(),
            "xvfb-run is missing in CI"
        );
        return;
    }
    // The Vulkan loader finds no driver: as on a machine without one.
    // The game's own exit code is echoed from inside xvfb-run, whose cleanup may fail when
    // other windowed tests run beside it.
    let output = Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1280x720x24", "sh", "-c"])
        .arg(format!(
            "'{}' --autoplay collaborative --scenario corner-cafe; echo \"game exit $?\" >&2",
            env!("CARGO_BIN_EXE_rapport")
        ))
        .env("VK_ICD_FILENAMES", "/nonexistent/icd.json")
        .env("VK_DRIVER_FILES", "/nonexistent/icd.json")
        .env("RUST_LOG", "off")
        .env("RUST_BACKTRACE", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with("xvfb-run:"))
        .collect();
    assert_eq!(lines.len(), 2, "one line, no backtrace: {stderr}");
    assert_eq!(lines[1], "game exit 2", "{stderr}");
    assert!(
        lines[0].contains("no Vulkan graphics driver")
            && lines[0].contains("mesa-vulkan-drivers")
            && !lines[0].contains("panicked"),
        "{stderr}"
    );
}
