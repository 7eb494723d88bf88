//! Everything in the class report is per trainee and scenario: trying one scenario again
//! counts once, an abandoned call is never a first, attempt numbers and ranks count within a
//! scenario; and one person is one trainee however the name and code were typed, while one
//! name from two folders is warned about and can be split.

#[path = "support/class.rs"]
mod class;

use class::call;
use rapport_workshop::record::Status;
use rapport_workshop::report::{self, ClassReport, ReportOptions, XapiOptions};
use rapport_workshop::{CallResult, WorkshopCode};

const CAFE: usize = 0;
const CLINIC: usize = 1;

fn code() -> String {
    WorkshopCode::new(
        &[("corner-cafe".into(), 1), ("clinic-scheduling".into(), 2)],
        2026,
    )
    .unwrap()
    .encode()
}

/// Ana plays both scenarios and tries the clinic again; Ben plays both once.
fn two_scenarios() -> Vec<CallResult> {
    let code = code();
    vec![
        call(CAFE, "average", 80, "Ana", &code, 1, 9 * 3600),
        call(CLINIC, "pitcher", 80, "Ana", &code, 2, 9 * 3600 + 600),
        call(
            CLINIC,
            "collaborative",
            80,
            "Ana",
            &code,
            3,
            9 * 3600 + 1200,
        ),
        call(CAFE, "collaborative", 80, "Ben", &code, 4, 9 * 3600 + 60),
        call(CLINIC, "collaborative", 80, "Ben", &code, 5, 9 * 3600 + 660),
    ]
}

#[test]
fn trying_one_scenario_again_counts_once_not_once_per_scenario_played() {
    let r = ClassReport::new(two_scenarios(), &ReportOptions::default());
    assert_eq!(r.trainees.len(), 2);
    let ana = r.trainees.iter().find(|t| t.name == "Ana").unwrap();
    assert!(!ana.scenario("corner-cafe").unwrap().tried_again());
    let clinic = ana.scenario("clinic-scheduling").unwrap();
    assert!(clinic.tried_again());
    assert_eq!(clinic.first, Some(0));
    let numbers: Vec<usize> = clinic.attempts.iter().map(|a| a.number).collect();
    assert_eq!(numbers, [1, 2], "numbered within the scenario, not 2 and 3");
    let again: Vec<&String> = r.prompts.iter().filter(|p| p.contains("again")).collect();
    assert_eq!(again.len(), 1, "{:?}", r.prompts);
    assert!(
        again[0].starts_with("1 trainee tried a scenario again"),
        "{}",
        again[0]
    );
    // xAPI counts attempts within trainee and scenario too.
    let statements = report::xapi(&r, &XapiOptions::default());
    let attempt_of = |id: &str| {
        statements
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["context"]["registration"] == id)
            .map(|s| {
                s["context"]["extensions"]["https://rapport-game.org/xapi/extensions/attempt"]
                    .clone()
            })
            .unwrap()
    };
    assert_eq!(attempt_of("7e570000-0000-4000-8000-000000000001"), 1);
    assert_eq!(attempt_of("7e570000-0000-4000-8000-000000000003"), 2);
    // A European spreadsheet: semicolons, decimal commas, the seed of each call.
    let sheet = report::csv_with(&r, &report::CsvOptions { separator: b';' });
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&sheet[3..]);
    let headers = reader.headers().unwrap().clone();
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    for row in reader.records().map(Result::unwrap) {
        assert!(!row[at("total")].contains('.'), "{:?}", &row[at("total")]);
        assert!(row[at("total")].replace(',', ".").parse::<f64>().is_ok());
        assert!(row[at("seed")].parse::<u64>().is_ok());
    }
    // One table per scenario, each with its own trainees.
    let text = report::text(&r);
    assert_eq!(text.matches("  Trainees (").count(), 2, "{text}");
}

#[test]
fn an_abandoned_call_is_never_the_first_and_a_row_without_a_finished_call_has_no_rank() {
    let code = code();
    let results = vec![
        // Cleo's first call stops after three moves (a crash); her second finishes.
        call(CAFE, "collaborative", 3, "Cleo", &code, 1, 9 * 3600),
        call(CAFE, "average", 80, "Cleo", &code, 2, 9 * 3600 + 900),
        // Dan only ever left a call.
        call(CAFE, "collaborative", 2, "Dan", &code, 3, 9 * 3600 + 60),
        call(CAFE, "skilled", 80, "Eve", &code, 4, 9 * 3600 + 120),
    ];
    assert_eq!(results[0].status, Status::Abandoned);
    let options = ReportOptions {
        rank: true,
        ..ReportOptions::default()
    };
    let r = ClassReport::new(results, &options);
    let row = |name: &str| {
        r.trainees
            .iter()
            .find(|t| t.name == name)
            .unwrap()
            .scenario("corner-cafe")
            .unwrap()
            .clone()
    };
    let cleo = row("Cleo");
    assert_eq!(
        cleo.first,
        Some(1),
        "the finished call, not the abandoned one"
    );
    assert_eq!(cleo.first_attempt().unwrap().number, 2);
    assert!(!cleo.tried_again(), "one finished call is no second try");
    let dan = row("Dan");
    assert_eq!((dan.first, dan.best, dan.rank), (None, None, None));
    let table = r.table("corner-cafe");
    assert_eq!(
        table.last().unwrap().0.name,
        "Dan",
        "unranked rows come last"
    );
    let text = report::text(&r);
    let dan_line = text.lines().find(|l| l.contains("Dan")).unwrap();
    assert!(
        dan_line.contains("abandoned") && dan_line.contains('—'),
        "{dan_line}"
    );
    let sheet = String::from_utf8(report::csv(&r)).unwrap();
    let firsts: Vec<&str> = sheet.lines().filter(|l| l.contains(",yes,")).collect();
    assert!(
        firsts.iter().all(|l| l.contains(",finished,")),
        "{firsts:?}"
    );
}

#[test]
fn one_person_is_one_trainee_whatever_the_case_spaces_unicode_form_or_code_spelling() {
    let code = code();
    let sloppy = code.to_lowercase().replace('-', " ");
    let results = vec![
        call(CAFE, "average", 80, "José Núñez", &code, 1, 9 * 3600),
        call(
            CAFE,
            "collaborative",
            80,
            "  jose\u{301}  NU\u{301}N\u{303}EZ",
            &sloppy,
            2,
            10 * 3600,
        ),
    ];
    let r = ClassReport::new(results, &ReportOptions::default());
    assert_eq!(r.trainees.len(), 1, "{:?}", r.trainees);
    let t = &r.trainees[0];
    assert_eq!(
        t.workshop.as_deref(),
        Some(code.as_str()),
        "the canonical code"
    );
    assert!(t.scenario("corner-cafe").unwrap().tried_again());
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

#[test]
fn one_name_from_two_folders_is_warned_about_and_split_by_folder_on_request() {
    let code = code();
    let results = || {
        vec![
            (
                "room/laptop-3".to_string(),
                call(CAFE, "average", 80, "Maria", &code, 1, 9 * 3600),
            ),
            (
                "room/laptop-7".to_string(),
                call(CAFE, "pitcher", 80, "Maria", &code, 2, 9 * 3600),
            ),
        ]
    };
    let merged = ClassReport::from_folders(results(), &ReportOptions::default());
    assert_eq!(merged.trainees.len(), 1);
    assert_eq!(merged.warnings.len(), 1);
    let w = &merged.warnings[0];
    assert!(
        w.contains("\"Maria\"") && w.contains("2 folders") && w.contains("room/laptop-7"),
        "{w}"
    );
    let page = report::html(&merged);
    assert!(page.contains("Check first") && page.contains("2 folders"));
    assert!(report::text(&merged).contains("Check: "));
    let split = ClassReport::from_folders(
        results(),
        &ReportOptions {
            split_by_folder: true,
            ..ReportOptions::default()
        },
    );
    let names: Vec<&str> = split.trainees.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Maria (laptop-3)", "Maria (laptop-7)"]);
    assert!(split.warnings.is_empty());
    // Anonymous: the warning names nobody and the folders are numbered.
    let anonymous = ClassReport::from_folders(
        results(),
        &ReportOptions {
            anonymous: true,
            ..ReportOptions::default()
        },
    );
    let w = &anonymous.warnings[0];
    assert!(!w.contains("Maria") && !w.contains("laptop-"), "{w}");
    assert!(w.contains("folder 1") && w.contains("folder 2"), "{w}");
}
