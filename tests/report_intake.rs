//! What `rapport report` reads, run as a real process over a collected class: `--workshop`
//! keeps one workshop and counts what it left out, folders are searched at any depth, and
//! every file not read or result left out is named with why (calls in progress and set aside,
//! a name that is not UTF-8, a copy, an attempt id under another name, another scenario text).

use std::path::{Path, PathBuf};

#[path = "support/run.rs"]
mod run;
use run::rapport;

fn code(scenarios: &str, seed: &str) -> String {
    let (status, out, err) =
        rapport(&["workshop", "new", "--scenarios", scenarios, "--seed", seed]);
    assert_eq!(status, 0, "{err}");
    out.lines()
        .find_map(|l| l.strip_prefix("Workshop code: "))
        .expect("a code is printed")
        .to_string()
}

/// Plays one call and returns the result file it wrote in `folder`.
fn play(scenario: &str, trainee: &str, workshop: Option<&str>, folder: &Path) -> PathBuf {
    let before: Vec<PathBuf> = files_in(folder);
    let mut args = vec![
        "simulate",
        scenario,
        "--trainee",
        trainee,
        "--results",
        folder.to_str().unwrap(),
    ];
    if let Some(code) = workshop {
        args.extend(["--workshop", code]);
    }
    let (status, _, err) = rapport(&args);
    assert_eq!(status, 0, "{err}");
    files_in(folder)
        .into_iter()
        .find(|p| !before.contains(p))
        .expect("a result was written")
}

fn files_in(folder: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(folder)
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default()
}

#[test]
fn one_workshop_is_kept_and_everything_else_is_named_with_why() {
    let room = code("corner-cafe,clinic-scheduling", "7");
    let other = code("corner-cafe", "8");
    let class = tempfile::tempdir().unwrap();
    let root = class.path();
    // Six folders deep, as copying a laptop's data folder makes it.
    let deep = root.join("laptop-1/home/ana/.local-copy/share/rapport/results");
    let ana = play("corner-cafe", "Ana", Some(&room), &deep);
    let ben_folder = root.join("laptop-2");
    let ben = play("clinic-scheduling", "Ben", Some(&room), &ben_folder);
    play("corner-cafe", "Cy", Some(&other), &root.join("laptop-3"));
    play("corner-cafe", "Dee", None, &root.join("laptop-4"));
    play(
        "corner-cafe",
        "Eve",
        Some(&room.to_lowercase()),
        &root.join("laptop-5"),
    );
    std::fs::write(ben_folder.join("call-in-progress.json"), "{}").unwrap();
    std::fs::write(ben_folder.join("call-interrupted-1234.json"), "{}").unwrap();
    std::fs::write(ben_folder.join("notes.txt"), "room 4").unwrap();
    // A copy of Ben's result under a name that is not UTF-8 (Latin-1 "café").
    #[cfg(unix)]
    let odd_name = {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9.json");
        std::fs::copy(&ben, ben_folder.join(name)).unwrap();
        "caf\\xe9.json"
    };
    let ben_text = std::fs::read_to_string(&ben).unwrap();
    let renamed = root.join("laptop-6");
    std::fs::create_dir_all(&renamed).unwrap();
    std::fs::write(
        renamed.join("renamed.json"),
        ben_text.replace("\"trainee\": \"Ben\"", "\"trainee\": \"Bent\""),
    )
    .unwrap();
    // Ana's call again under a new attempt id, played on another text of the scenario.
    let ana_text = std::fs::read_to_string(&ana).unwrap();
    let hash_at = ana_text.find("\"hash\": \"fnv1a64:").unwrap() + 17;
    let mut edited = ana_text.clone();
    edited.replace_range(hash_at..hash_at + 16, "0123456789abcdef");
    let id_at = edited.find("\"attempt_id\": \"").unwrap() + 15;
    edited.replace_range(id_at..id_at + 8, "ffffffff");
    std::fs::write(renamed.join("edited.json"), edited).unwrap();
    // Ben's call with its total hand-edited to 250, under an attempt id of its own.
    let total_at = ben_text.find("\"total\": ").unwrap() + 9;
    let total_end = total_at + ben_text[total_at..].find(',').unwrap();
    let mut inflated = ben_text.clone();
    inflated.replace_range(total_at..total_end, "250.0");
    let id_at = inflated.find("\"attempt_id\": \"").unwrap() + 15;
    inflated.replace_range(id_at..id_at + 8, "eeeeeeee");
    std::fs::write(renamed.join("inflated.json"), inflated).unwrap();

    let folder = root.to_str().unwrap();
    let (status, out, err) = rapport(&["report", folder, "--workshop", &room]);
    assert_eq!(status, 0, "{err}");
    for kept in ["Ana", "Ben", "Eve"] {
        assert!(out.contains(kept), "{kept} is in the report: {out}");
    }
    for left in ["Cy", "Dee", "Bent"] {
        assert!(!out.contains(left), "{left} is not: {out}");
    }
    assert!(
        err.contains(&format!(
            "note: left out 1 result(s) from 1 other code(s) ({other}: 1), 1 free-play call(s)"
        )),
        "{err}"
    );
    let named = [
        ("call-in-progress.json", "a call in progress"),
        ("call-interrupted-1234.json", "a call set aside"),
        ("notes.txt", "not a .json file"),
        (
            "renamed.json",
            "under another name (\"Ben\" there, \"Bent\" here)",
        ),
        ("edited.json", "than the workshop code's text of it"),
        (
            "inflated.json",
            "damaged result: field `debrief.score.total`, line",
        ),
    ];
    for (file, why) in named {
        let line = err
            .lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("{file} is named: {err}"));
        assert!(line.contains(why), "{line}");
    }
    assert!(err.contains("250 is out of range (0 to 100)"), "{err}");
    #[cfg(unix)]
    assert!(
        err.lines()
            .any(|l| l.contains(odd_name) && l.contains("(the same attempt), counted once")),
        "{err}"
    );

    // Without --workshop the mix is a warning and the edited text is found by majority.
    let (status, _, err) = rapport(&["report", folder]);
    assert_eq!(status, 0, "{err}");
    assert!(
        err.contains("warning: these results mix 2 workshop code(s) and free play"),
        "{err}"
    );

    let (status, _, err) = rapport(&["report", folder, "--workshop", "RAP-0000"]);
    assert_eq!(status, 1);
    assert!(
        err.contains("--workshop: this is not a workshop code"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn a_link_back_up_the_tree_is_named_and_searched_once() {
    let class = tempfile::tempdir().unwrap();
    let laptop = class.path().join("laptop-1");
    play("corner-cafe", "Ana", None, &laptop);
    std::os::unix::fs::symlink(class.path(), laptop.join("back-up")).unwrap();
    let (status, out, err) = rapport(&["report", class.path().to_str().unwrap()]);
    assert_eq!(status, 0, "{err}");
    assert!(out.contains("1 trainee"), "{out}");
    assert!(
        err.lines()
            .any(|l| l.contains("back-up") && l.contains("a link back to")),
        "{err}"
    );
}
