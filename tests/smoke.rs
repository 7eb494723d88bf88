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

/// Runs the game under Xvfb with these arguments and environment, through `sh` so the game's
/// own exit code is echoed as the last line of stderr ("game exit N"): xvfb-run's cleanup may
/// fail when other windowed tests run beside it. `None` when Xvfb is missing outside CI.
fn run_windowed(args: &str, env: &[(&str, &str)]) -> Option<(String, i32)> {
    if !have("xvfb-run") {
        assert!(
            std::env::var_os("CI").is_none(),
            "xvfb-run is missing in CI"
        );
        return None;
    }
    let mut command = Command::new("xvfb-run");
    command
        .args(["-a", "-s", "-screen 0 1280x720x24", "sh", "-c"])
        .arg(format!(
            "timeout 300 '{}' {args}; echo \"game exit $?\" >&2",
            env!("CARGO_BIN_EXE_rapport")
        ))
        .env("RUST_LOG", "off")
        .env("RUST_BACKTRACE", "1");
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with("xvfb-run:"))
        .collect();
    let code = lines
        .last()
        .and_then(|l| l.strip_prefix("game exit "))
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("no exit code in: {stderr}"));
    let lines = lines[..lines.len() - 1].join("\n");
    Some((lines, code))
}

/// The Vulkan loader finds no driver, as on a machine without one.
const NO_VULKAN: [(&str, &str); 2] = [
    ("VK_ICD_FILENAMES", "/nonexistent/icd.json"),
    ("VK_DRIVER_FILES", "/nonexistent/icd.json"),
];
/// Nor does the EGL loader (GLVND) find Mesa: no OpenGL either.
const NO_OPENGL: (&str, &str) = ("__EGL_VENDOR_LIBRARY_FILENAMES", "/nonexistent/egl.json");

#[test]
fn without_a_vulkan_driver_the_game_plays_with_opengl() {
    let dir = tempfile::tempdir().unwrap();
    let shots = dir.path().join("shots");
    let Some((stderr, code)) = run_windowed(
        &format!(
            "--autoplay collaborative --scenario corner-cafe --seed 1 --screenshots '{}'",
            shots.display()
        ),
        &NO_VULKAN,
    ) else {
        return;
    };
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.starts_with("rapport: no Vulkan driver found; drawing with OpenGL ("),
        "one line says which API draws: {stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    for name in ["01-menu", "03-conversation", "07-debrief"] {
        check_png(&shots.join(format!("{name}.png")));
    }
}

#[test]
fn without_vulkan_or_opengl_the_game_says_what_to_install_in_one_line() {
    let mut env = NO_VULKAN.to_vec();
    env.push(NO_OPENGL);
    let Some((stderr, code)) =
        run_windowed("--autoplay collaborative --scenario corner-cafe", &env)
    else {
        return;
    };
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(
        stderr.lines().count(),
        1,
        "one line, no backtrace: {stderr}"
    );
    assert!(
        stderr.contains("no Vulkan or OpenGL graphics driver")
            && stderr.contains("mesa-vulkan-drivers")
            && stderr.contains("rapport simulate")
            && !stderr.contains("panicked"),
        "{stderr}"
    );
}

#[test]
fn a_renderer_asked_for_by_name_is_not_replaced_by_the_other() {
    let Some((stderr, code)) = run_windowed("--renderer vulkan", &NO_VULKAN) else {
        return;
    };
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("no Vulkan graphics driver found (--renderer vulkan)"),
        "{stderr}"
    );
    let Some((stderr, code)) = run_windowed("--renderer gl", &[NO_OPENGL]) else {
        return;
    };
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("no OpenGL driver found (--renderer gl)"),
        "{stderr}"
    );
}
