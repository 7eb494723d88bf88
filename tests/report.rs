//! The facilitator's whole path from the command line: a class of 32 trainees over three
//! scenarios is generated with `rapport simulate --trainee --workshop --results` (exactly as
//! finished games write results), then `rapport report` reads the folders, skips a damaged
//! file with a warning, and writes the HTML page, the spreadsheet and xAPI statements.

use std::path::Path;
use std::process::Command;

fn rapport(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        // An anonymous report keeps its key beside the settings: never the tester's own.
        .env("XDG_CONFIG_HOME", config_home())
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A settings folder of this test run's own.
fn config_home() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("rapport-report-test-{}", std::process::id()))
}

/// A new workshop code for these scenarios (comma-separated) and seed.
fn workshop_code(scenarios: &str, seed: &str) -> String {
    let (status, out, err) =
        rapport(&["workshop", "new", "--scenarios", scenarios, "--seed", seed]);
    assert_eq!(status, 0, "{err}");
    out.lines()
        .find_map(|l| l.strip_prefix("Workshop code: "))
        .expect("a code is printed")
        .to_string()
}

const PLAYERS: [&str; 7] = [
    "collaborative",
    "skilled",
    "average",
    "questioner",
    "pitcher",
    "closer",
    "random",
];
const SCENARIOS: [&str; 3] = ["corner-cafe", "clinic-scheduling", "school-devices"];

fn trainee_name(i: usize) -> String {
    match i {
        0 => "=HYPERLINK(\"http://evil.example\")".into(),
        1 => "<script>alert(1)</script>".into(),
        2 => "Zoë, \"quoted\"\nsecond line".into(),
        3 => "../../etc/passwd".into(),
        4 => "\u{202e}Reversed".into(),
        _ => format!("Trainee Name {i:02}"),
    }
}

/// 32 trainees, each on a laptop of their own (one results folder each), some twice.
fn generate_class(root: &Path, code: &str) -> usize {
    let mut calls = 0;
    let jobs: Vec<(usize, usize)> = (0..32)
        .flat_map(|i| {
            let tries = if i % 4 == 0 { 2 } else { 1 };
            (0..tries).map(move |t| (i, t))
        })
        .collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = jobs
            .chunks(jobs.len().div_ceil(2))
            .map(|chunk| {
                scope.spawn(move || {
                    for &(i, t) in chunk {
                        let folder = root.join(format!("laptop-{i:02}"));
                        let (status, _, err) = rapport(&[
                            "simulate",
                            SCENARIOS[i % 3],
                            "--player",
                            PLAYERS[(i + t) % PLAYERS.len()],
                            "--trainee",
                            &trainee_name(i),
                            "--workshop",
                            code,
                            "--results",
                            folder.to_str().unwrap(),
                        ]);
                        assert_eq!(status, 0, "{err}");
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
    });
    calls += jobs.len();
    calls
}

#[test]
fn a_simulated_class_of_32_gives_a_report_page_spreadsheet_and_xapi() {
    let code = workshop_code(&SCENARIOS.join(","), "2026");
    let room = tempfile::tempdir().unwrap();
    let calls = generate_class(room.path(), &code);
    assert_eq!(calls, 40);
    std::fs::write(
        room.path().join("laptop-05").join("damaged.json"),
        "{\"kind\": \"rapport-result\", \"format\": 1, ",
    )
    .unwrap();

    let out_dir = tempfile::tempdir().unwrap();
    let html = out_dir.path().join("class.html");
    let csv = out_dir.path().join("class.csv");
    let xapi = out_dir.path().join("class.xapi.json");
    let (status, text, err) = rapport(&[
        "report",
        room.path().to_str().unwrap(),
        "--html",
        html.to_str().unwrap(),
        "--csv",
        csv.to_str().unwrap(),
        "--xapi",
        xapi.to_str().unwrap(),
    ]);
    assert_eq!(status, 0, "{err}");
    assert!(
        err.lines()
            .any(|l| l.contains("damaged.json: not a Rapport result")),
        "{err}"
    );
    for i in 5..32 {
        assert!(
            text.contains(&trainee_name(i)),
            "{} is in the table",
            trainee_name(i)
        );
    }
    assert!(
        !text.contains('\u{202e}'),
        "direction marks are neutralised in the terminal"
    );

    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("<svg"));
    assert!(!page.contains("<script>alert"));
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!page.contains("src=\"http") && !page.contains("href=\"http"));

    let bytes = std::fs::read(&csv).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "a byte-order mark for spreadsheets"
    );
    let sheet = String::from_utf8(bytes).unwrap();
    assert!(sheet.contains("'=HYPERLINK"), "formulas are neutralised");
    assert!(!sheet.contains(",=HYPERLINK") && !sheet.contains("\"=HYPERLINK"));

    let statements: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&xapi).unwrap()).unwrap();
    let statements = statements.as_array().unwrap();
    assert!(statements.len() >= calls, "{} statements", statements.len());
    for s in statements {
        let problems = rapport_workshop::report::xapi::validate(s);
        assert!(problems.is_empty(), "{problems:?}");
    }

    // Anonymous: no name anywhere.
    let (status, text, err) = rapport(&[
        "report",
        room.path().to_str().unwrap(),
        "--anonymous",
        "--rank",
        "--html",
        html.to_str().unwrap(),
    ]);
    assert_eq!(status, 0, "{err}");
    let page = std::fs::read_to_string(&html).unwrap();
    for i in 5..32 {
        assert!(!text.contains(&trainee_name(i)) && !page.contains(&trainee_name(i)));
    }
    assert!(text.contains("Trainee 1"));
    let key = config_home().join("rapport").join("report-key");
    assert!(
        key.is_file(),
        "the key is made on first use, beside the settings"
    );
    let (_, again, _) = rapport(&["report", room.path().to_str().unwrap(), "--anonymous"]);
    let (_, third, _) = rapport(&["report", room.path().to_str().unwrap(), "--anonymous"]);
    assert_eq!(again, third, "the same key gives the same numbers");
    let _ = std::fs::remove_dir_all(config_home());
}

/// Two people called Maria on two laptops, one of them typing the code in lower case and
/// her name with other spaces, play the same scenario; the report counts the code once, warns
/// about the name, and with --split-by-folder reports two trainees.
#[test]
fn one_name_from_two_folders_is_warned_about_and_can_be_split() {
    let code = workshop_code("corner-cafe", "77");
    let room = tempfile::tempdir().unwrap();
    for (laptop, name, code) in [
        ("laptop-a", "Maria", code.clone()),
        ("laptop-b", "  maria ", code.to_lowercase()),
    ] {
        let folder = room.path().join(laptop);
        let (status, _, err) = rapport(&[
            "simulate",
            "corner-cafe",
            "--trainee",
            name,
            "--workshop",
            &code,
            "--results",
            folder.to_str().unwrap(),
        ]);
        assert_eq!(status, 0, "{err}");
    }
    let csv = room.path().join("class.csv");
    let projector = room.path().join("wall.html");
    let (status, text, err) = rapport(&[
        "report",
        room.path().to_str().unwrap(),
        "--csv",
        csv.to_str().unwrap(),
        "--csv-separator",
        ";",
        "--projector",
        projector.to_str().unwrap(),
    ]);
    assert_eq!(status, 0, "{err}");
    assert!(
        text.to_lowercase().contains("\"maria\"")
            && text.contains("2 folders")
            && text.contains("--split-by-folder"),
        "{text}"
    );
    assert!(text.contains("1 trainee,"), "one row for the name: {text}");
    let sheet = String::from_utf8(std::fs::read(&csv).unwrap()).unwrap();
    let header = sheet.lines().next().unwrap();
    assert!(header.contains(";seed;source_folder;"), "{header}");
    assert!(sheet.contains("laptop-a") && sheet.contains("laptop-b"));
    assert_eq!(
        sheet.matches(&code).count(),
        2,
        "both rows carry the canonical code"
    );
    let wall = std::fs::read_to_string(&projector).unwrap();
    assert!(wall.contains("scroll-snap") && !wall.contains("<table"));

    let (status, text, err) =
        rapport(&["report", room.path().to_str().unwrap(), "--split-by-folder"]);
    assert_eq!(status, 0, "{err}");
    assert!(
        text.contains("2 trainees,") && !text.contains("2 folders"),
        "{text}"
    );
    assert!(
        text.contains("Maria (") && text.contains("laptop-b)"),
        "{text}"
    );
}

#[test]
fn report_without_results_says_what_it_looked_for() {
    let empty = tempfile::tempdir().unwrap();
    let (status, _, err) = rapport(&["report", empty.path().to_str().unwrap()]);
    assert_eq!(status, 1);
    assert!(err.contains("no results found"), "{err}");
    let (status, _, err) = rapport(&["report", "/no/such/folder"]);
    assert_eq!(status, 1);
    assert!(err.contains("does not exist"), "{err}");
}
