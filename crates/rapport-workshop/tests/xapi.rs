//! The class report's xAPI statements on the made-up class: valid, one set per attempt with
//! the score in one statement only, stable across runs, and apart from an anonymous export's.

#[path = "support/class.rs"]
mod class;

use class::{Class, class};
use rapport_workshop::report::xapi::{ABANDONED, ATTEMPTED, COMPLETED, FAILED, PASSED, validate};
use rapport_workshop::report::{self, ClassReport, ReportOptions, XapiOptions};
use std::collections::HashSet;
use std::sync::OnceLock;

fn the_class() -> &'static Class {
    static CLASS: OnceLock<Class> = OnceLock::new();
    CLASS.get_or_init(|| class(38))
}

fn report(options: ReportOptions) -> ClassReport {
    ClassReport::new(the_class().results(), &options)
}

fn named() -> ClassReport {
    report(ReportOptions::default())
}

#[test]
fn xapi_statements_are_valid_unique_and_stable_across_runs() {
    let r = named();
    let options = XapiOptions::default();
    let statements = report::xapi(&r, &options);
    let list = statements.as_array().expect("an array of statements");
    let finished = r.finished_calls();
    // attempted per call; completed and passed/failed per finished call; abandoned otherwise.
    assert_eq!(list.len(), 2 * r.calls() + finished);
    for s in list {
        let errors = validate(s);
        assert!(errors.is_empty(), "{errors:?} in {s:#}");
        assert!(s["actor"].get("mbox").is_none());
        assert_eq!(
            s["object"]["definition"]["type"],
            "http://adlnet.gov/expapi/activities/simulation"
        );
        assert!(
            s["object"]["id"]
                .as_str()
                .unwrap()
                .starts_with("https://rapport-game.org/xapi/scenarios/")
        );
        assert!(
            s["context"]["extensions"]["https://rapport-game.org/xapi/extensions/workshop"]
                .is_string()
        );
        let verb = s["verb"]["id"].as_str().unwrap();
        let scored = verb == PASSED || verb == FAILED;
        assert_eq!(
            s["result"].get("score").is_some(),
            scored,
            "only passed or failed carries the score: {verb}"
        );
        if scored {
            let raw = s["result"]["score"]["raw"].as_f64().unwrap();
            let scaled = s["result"]["score"]["scaled"].as_f64().unwrap();
            assert!((raw / 100.0 - scaled).abs() < 0.001);
            assert_eq!(s["result"]["success"] == true, verb == PASSED);
            assert!(
                s["result"]["extensions"]["https://rapport-game.org/xapi/extensions/trust-end"]
                    .is_number()
            );
        }
    }
    let count = |verb: &str| list.iter().filter(|s| s["verb"]["id"] == verb).count();
    assert_eq!(count(ATTEMPTED), r.calls());
    assert!(
        list.iter()
            .filter(|s| s["verb"]["id"] == ATTEMPTED)
            .all(|s| s.get("result").is_none()),
        "attempted carries no result"
    );
    assert_eq!(count(COMPLETED), finished);
    assert_eq!(count(PASSED) + count(FAILED), finished);
    assert_eq!(count(ABANDONED), r.calls() - finished);
    assert!(
        list.iter()
            .filter(|s| s["verb"]["id"] == COMPLETED)
            .all(|s| s["result"]["completion"] == true)
    );
    // One registration per attempt, the attempt's own id when it is a UUID.
    let registrations: HashSet<&str> = list
        .iter()
        .map(|s| s["context"]["registration"].as_str().unwrap())
        .collect();
    assert_eq!(registrations.len(), r.calls());
    assert!(registrations.contains("5eed0000-0000-4000-8000-000000000001"));
    let ids: Vec<&str> = list.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids.iter().collect::<HashSet<_>>().len(),
        ids.len(),
        "unique ids"
    );
    // A second run, from the results in another order, gives the very same ids.
    let mut shuffled = the_class().results();
    shuffled.rotate_left(7);
    let again = report::xapi(&ClassReport::new(shuffled, &r.options), &options);
    let again_ids: HashSet<&str> = again
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(again_ids, ids.iter().copied().collect());
    let anonymous = report(ReportOptions {
        anonymous: true,
        key: Some([7; 32]),
        ..ReportOptions::default()
    });
    let anonymous_ids: HashSet<String> = report::xapi(&anonymous, &options)
        .as_array()
        .unwrap()
        .iter()
        .inspect(|s| assert!(validate(s).is_empty()))
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    assert!(
        ids.iter().all(|id| !anonymous_ids.contains(*id)),
        "an anonymous export never reuses a named statement's id"
    );
}
