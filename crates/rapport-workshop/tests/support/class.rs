//! A made-up class for the report's tests, benchmark and sample page: trainees (some with
//! hostile names, two sharing a name in different workshops) playing three shipped scenarios
//! with the core's automatic players, some trying twice, some leaving a call unfinished.

#![allow(dead_code)]

use rapport_core::engine::Conversation;
use rapport_core::players::{PLAYER_NAMES, by_name};
use rapport_core::report::play_out;
use rapport_core::scenario::{Scenario, parse};
use rapport_workshop::CallResult;
use rapport_workshop::record::{Attempt, Ending, ScenarioRef};
use std::sync::Arc;

pub const SCENARIOS: [(&str, &str, u64); 3] = [
    (
        include_str!("../../../../scenarios/corner-cafe.ron"),
        "RAP-CAFE-0001",
        3,
    ),
    (
        include_str!("../../../../scenarios/clinic-scheduling.ron"),
        "RAP-CLIN-0002",
        7,
    ),
    (
        include_str!("../../../../scenarios/school-devices.ron"),
        "RAP-SCHO-0003",
        11,
    ),
];

/// Hostile names, each with a fragment that must never show in an anonymous report.
pub fn hostile_names() -> Vec<(String, String)> {
    let pairs: [(String, &str); 18] = [
        ("../../etc/passwd".into(), "etc/passwd"),
        ("a/b\\c Slash".into(), "b\\c Slash"),
        ("Zoë \"the closer\", O'Brien".into(), "O'Brien"),
        ("line one\nline two".into(), "line one"),
        (
            "=HYPERLINK(\"http://evil.example\",\"click\")".into(),
            "HYPERLINK",
        ),
        ("+cmd|' /C calc'!A0".into(), "calc'!A0"),
        ("@SUM(A1:A9)".into(), "SUM(A1:A9)"),
        ("-2+3".into(), "-2+3"),
        ("😀🎉 Party Person".into(), "Party Person"),
        ("\u{202e}Reversa\u{202c} \u{200f}Nombre".into(), "Reversa"),
        ("<script>alert('pwned')</script>".into(), "pwned"),
        ("Tom & Jerry".into(), "Jerry"),
        ("\tTabbed Tabitha".into(), "Tabitha"),
        ("\rCarriage Carl".into(), "Carriage Carl"),
        ("Z".repeat(10_000), "ZZZZZZZZZZZZ"),
        ("\u{1b}[31mRed Rupert".into(), "Red Rupert"),
        ("مريم الخوري".into(), "مريم الخوري"),
        ("李小龍".into(), "李小龍"),
    ];
    pairs.into_iter().map(|(n, f)| (n, f.to_string())).collect()
}

const FIRST: [&str; 8] = [
    "Maya", "Jonas", "Ifeoma", "Priya", "Mateus", "Sigrid", "Kenji", "Lucía",
];
const LAST: [&str; 7] = [
    "Okafor",
    "Lindqvist",
    "Haddad",
    "Moreau",
    "Tanaka",
    "Novak",
    "Brennan",
];

/// One made-up call and what the test knows about it.
pub struct Played {
    pub result: CallResult,
    /// The trainee's index in the class.
    pub trainee: usize,
    /// Whether this is the trainee's first call.
    pub first: bool,
}

pub struct Class {
    pub calls: Vec<Played>,
    /// Every trainee's name and a fragment of it to look for.
    pub names: Vec<(String, String)>,
}

impl Class {
    pub fn results(&self) -> Vec<CallResult> {
        self.calls.iter().map(|p| p.result.clone()).collect()
    }
}

/// A time on the workshop's day, 2026-11-23, `seconds` after midnight UTC.
pub fn utc(seconds: u64) -> String {
    format!(
        "2026-11-23T{:02}:{:02}:{:02}Z",
        seconds / 3600 % 24,
        seconds / 60 % 60,
        seconds % 60
    )
}

/// A class of `trainees`: trainee i plays scenario i % 3 in that scenario's workshop with
/// player i % 7; every fourth (from the second) tries again on another seed, starting later
/// but with a time written in another offset, so only reading the instant orders them right;
/// every ninth (from the fifth) leaves the first call after three moves. Trainees 0 and 1
/// share a name in two workshops; trainee 5's first call has an attempt id that is no UUID.
pub fn class(trainees: usize) -> Class {
    let scenarios: Vec<Arc<Scenario>> = SCENARIOS
        .iter()
        .map(|(src, _, _)| parse(src).scenario.expect("a shipped scenario is valid"))
        .collect();
    let hostile = hostile_names();
    let mut names = Vec::new();
    let mut calls = Vec::new();
    let mut counter = 0u64;
    for i in 0..trainees {
        let (name, fragment) = if i < 2 {
            ("Ana Lima".to_string(), "Ana Lima".to_string())
        } else if i - 2 < hostile.len() {
            hostile[i - 2].clone()
        } else {
            let n = format!("{} {} {i}", FIRST[i % FIRST.len()], LAST[i % LAST.len()]);
            (n.clone(), n)
        };
        names.push((name.clone(), fragment));
        let s = i % scenarios.len();
        let (_, workshop, seed) = SCENARIOS[s];
        let player = PLAYER_NAMES[i % PLAYER_NAMES.len()];
        let start = 9 * 3600 + 60 * (i as u64 % 50) + i as u64 % 60;
        let limit = if i % 9 == 4 { 3 } else { 80 };
        let mut id = || {
            counter += 1;
            format!("5eed0000-0000-4000-8000-{counter:012x}")
        };
        let first_id = if i == 5 {
            "legacy attempt 5".to_string()
        } else {
            id()
        };
        calls.push(Played {
            result: play(
                &scenarios[s],
                player,
                seed,
                limit,
                &name,
                workshop,
                first_id,
                &utc(start),
                start,
                i,
            ),
            trainee: i,
            first: true,
        });
        if i % 4 == 1 {
            // 08:xx at -02:00 is 10:xx UTC: after the first call, though it sorts before as text.
            let later = 10 * 3600 + 60 * (i as u64 % 50);
            let written = format!(
                "2026-11-23T08:{:02}:{:02}-02:00",
                later / 60 % 60,
                later % 60
            );
            calls.push(Played {
                result: play(
                    &scenarios[s],
                    "collaborative",
                    seed + 1000,
                    80,
                    &name,
                    workshop,
                    id(),
                    &written,
                    later,
                    i,
                ),
                trainee: i,
                first: false,
            });
        }
    }
    Class { calls, names }
}

/// One call by `trainee` at shipped scenario `scenario` (a place in [`SCENARIOS`]) in
/// `workshop`: `player` plays on the scenario's seed for at most `limit` moves, starting
/// `start` seconds after midnight; the attempt id is made from `id`.
pub fn call(
    scenario: usize,
    player: &str,
    limit: usize,
    trainee: &str,
    workshop: &str,
    id: u64,
    start: u64,
) -> CallResult {
    let parsed = parse(SCENARIOS[scenario].0)
        .scenario
        .expect("a shipped scenario is valid");
    play(
        &parsed,
        player,
        SCENARIOS[scenario].2,
        limit,
        trainee,
        workshop,
        format!("7e570000-0000-4000-8000-{id:012x}"),
        &utc(start),
        start,
        id as usize,
    )
}

#[allow(clippy::too_many_arguments)]
fn play(
    scenario: &Arc<Scenario>,
    player: &str,
    seed: u64,
    limit: usize,
    trainee: &str,
    workshop: &str,
    attempt_id: String,
    started_at: &str,
    start: u64,
    i: usize,
) -> CallResult {
    let mut call = Conversation::start(scenario.clone(), seed);
    let mut p = by_name(player, seed).expect("a known player");
    play_out(&mut call, p.as_mut(), limit);
    let duration = 240 + 7 * (i as u64 % 40) + 15 * call.turns().len() as u64;
    CallResult::of(
        &call,
        Attempt {
            attempt_id,
            trainee: trainee.to_string(),
            workshop: Some(workshop.to_string()),
            scenario: ScenarioRef::of(scenario),
            seed,
            started_at: started_at.to_string(),
        },
        Ending {
            ended_at: utc(start + duration),
            duration_seconds: duration as f64,
        },
        "0.1.0",
    )
}
