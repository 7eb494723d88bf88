//! A real learning record store for tests: Ralph, installed by `scripts/lrs/install.sh` (a
//! no-op once installed) and started by `scripts/lrs/start.sh` on 127.0.0.1 with generated
//! Basic credentials. Without Python or PyPI the tests that need it are skipped with a note,
//! except under `CI=true`, where a missing LRS fails them.

#![allow(dead_code)]

use rapport_lrs::{Credentials, LrsConfig};
use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Ralph {
    dir: tempfile::TempDir,
    pub endpoint: String,
}

/// `scripts/lrs` of the workspace, from this crate's tests or the root package's.
fn scripts() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|dir| dir.join("scripts/lrs"))
        .find(|dir| dir.is_dir())
        .expect("the workspace's scripts/lrs")
}

fn run(script: &str, args: &[&Path]) -> Result<String, String> {
    let output = Command::new("bash")
        .arg(scripts().join(script))
        .args(args)
        .output()
        .map_err(|e| format!("cannot run {script}: {e}"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).trim().to_string())
    } else {
        Err(format!(
            "{script} failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ))
    }
}

impl Ralph {
    /// A fresh, empty LRS, or `None` (with a note) when Ralph cannot be installed here.
    pub fn start() -> Option<Ralph> {
        if let Err(why) = run("install.sh", &[]) {
            assert!(
                std::env::var("CI").map_or(true, |v| v != "true"),
                "the LRS tests need Ralph under CI: {why}"
            );
            eprintln!("note: skipped, no LRS to test against ({why})");
            return None;
        }
        let dir = tempfile::tempdir().expect("a temporary folder");
        let endpoint = run("start.sh", &[dir.path()]).expect("Ralph starts");
        Some(Ralph { dir, endpoint })
    }

    /// Kills the LRS (its statements stay on disk).
    pub fn stop(&self) {
        run("stop.sh", &[self.dir.path()]).expect("Ralph stops");
    }

    /// Starts it again on the same port with the same statements.
    pub fn restart(&self) {
        run("start.sh", &[self.dir.path()]).expect("Ralph restarts");
    }

    pub fn credentials_file(&self) -> PathBuf {
        self.dir.path().join("credentials")
    }

    pub fn credentials(&self) -> Credentials {
        Credentials::from_file(&self.credentials_file())
            .expect("start.sh writes owner-only credentials")
    }

    /// The password alone, to check that no message shows it.
    pub fn credentials_password(&self) -> String {
        let text = std::fs::read_to_string(self.credentials_file()).unwrap();
        text.split_once(':').unwrap().1.trim().to_string()
    }

    pub fn config(&self) -> LrsConfig {
        LrsConfig::new(&self.endpoint, self.credentials(), true).expect("a local endpoint")
    }
}

impl Drop for Ralph {
    fn drop(&mut self) {
        let _ = run("stop.sh", &[self.dir.path()]);
    }
}
