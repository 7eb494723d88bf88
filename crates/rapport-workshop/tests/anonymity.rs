//! An anonymous report cannot be turned back into names: "Trainee N" follows a pseudonym keyed
//! by the facilitator's secret (or, without one, the time of each trainee's first call), never
//! the alphabet, and a pseudonym cannot be recomputed from a name without the secret.

#[path = "support/class.rs"]
mod class;

use class::call;
use rapport_workshop::CallResult;
use rapport_workshop::report::xapi::DEFAULT_BASE;
use rapport_workshop::report::{ClassReport, ReportOptions};
use std::collections::BTreeMap;
use uuid::Uuid;

const NAMES: [&str; 12] = [
    "Aaron", "Bella", "Chidi", "Dana", "Emeka", "Fatima", "Goran", "Hana", "Ivo", "Jun", "Kofi",
    "Lena",
];
const CODE: &str = "RAP-TEST-0001";

/// Each name plays once; `start_of(i)` says when trainee i starts, in seconds.
fn class(start_of: impl Fn(usize) -> u64) -> Vec<CallResult> {
    NAMES
        .iter()
        .enumerate()
        .map(|(i, name)| call(i % 3, "average", 6, name, CODE, i as u64 + 1, start_of(i)))
        .collect()
}

/// Each real name's anonymous number.
fn numbers(report: &ClassReport, results: &[CallResult]) -> BTreeMap<String, usize> {
    results
        .iter()
        .map(|r| {
            let (t, _) = report
                .attempts()
                .find(|(_, a)| a.attempt_id == r.attempt.attempt_id)
                .unwrap();
            let n = t.name.strip_prefix("Trainee ").unwrap().parse().unwrap();
            (r.attempt.trainee.clone(), n)
        })
        .collect()
}

fn anonymous(key: Option<[u8; 32]>) -> ReportOptions {
    ReportOptions {
        anonymous: true,
        key,
        ..ReportOptions::default()
    }
}

#[test]
fn with_the_secret_numbers_follow_no_name_and_stay_put_from_one_report_to_the_next() {
    // Start times in name order too: neither may show through the numbers.
    let results = class(|i| 9 * 3600 + 60 * i as u64);
    let key = Some([42; 32]);
    let report = ClassReport::new(results.clone(), &anonymous(key));
    let by_name = numbers(&report, &results);
    let in_name_order: Vec<usize> = NAMES.iter().map(|n| by_name[*n]).collect();
    assert_ne!(in_name_order, (1..=NAMES.len()).collect::<Vec<_>>());
    let mut shuffled = results.clone();
    shuffled.rotate_left(5);
    let again = ClassReport::new(shuffled, &anonymous(key));
    assert_eq!(
        numbers(&again, &results),
        by_name,
        "the same key, the same numbers"
    );
    let other = ClassReport::new(results.clone(), &anonymous(Some([43; 32])));
    assert_ne!(
        numbers(&other, &results),
        by_name,
        "another key, other numbers"
    );
}

#[test]
fn without_the_secret_numbers_follow_first_calls_not_names() {
    // The last name starts first.
    let results = class(|i| 9 * 3600 + 60 * (NAMES.len() - i) as u64);
    let report = ClassReport::new(results.clone(), &anonymous(None));
    let by_name = numbers(&report, &results);
    let expected: BTreeMap<String, usize> = NAMES
        .iter()
        .enumerate()
        .map(|(i, n)| (n.to_string(), NAMES.len() - i))
        .collect();
    assert_eq!(by_name, expected);
}

#[test]
fn a_pseudonym_cannot_be_recomputed_from_a_name_without_the_secret() {
    let results = class(|i| 9 * 3600 + i as u64);
    let accounts = |key| -> Vec<String> {
        let r = ClassReport::new(results.clone(), &anonymous(key));
        let mut a: Vec<String> = r.trainees.iter().map(|t| t.account.clone()).collect();
        a.sort();
        a
    };
    let keyed = accounts(Some([1; 32]));
    assert_ne!(keyed, accounts(Some([2; 32])));
    assert_eq!(keyed, accounts(Some([1; 32])));
    // The earlier pseudonym was a v5 UUID of the workshop and name anyone could recompute.
    let namespace = Uuid::new_v5(&Uuid::NAMESPACE_URL, DEFAULT_BASE.as_bytes());
    for name in NAMES {
        let guess = Uuid::new_v5(&namespace, format!("trainee|{CODE}|{name}").as_bytes());
        let guessed = format!("trainee-{}", guess.simple());
        assert!(!keyed.contains(&guessed) && !accounts(None).contains(&guessed));
    }
    assert!(keyed.iter().all(|a| !NAMES.iter().any(|n| a.contains(n))));
}
