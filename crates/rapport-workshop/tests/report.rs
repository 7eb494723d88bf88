//! The class report on a made-up class of 38 trainees over three shipped scenarios (second
//! attempts, abandoned calls, hostile names): who is in it, first and best attempts per
//! scenario, the needs missed, the prompts, and the text, CSV, HTML and xAPI views, named and
//! anonymous.

#[path = "support/class.rs"]
mod class;

use class::{Class, class};
use rapport_workshop::identity::name_key;
use rapport_workshop::record::Status;
use rapport_workshop::report::{self, ClassReport, ReportOptions, XapiOptions};
use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

const TRAINEES: usize = 38;

fn the_class() -> &'static Class {
    static CLASS: OnceLock<Class> = OnceLock::new();
    CLASS.get_or_init(|| class(TRAINEES))
}

fn report(options: ReportOptions) -> ClassReport {
    ClassReport::new(the_class().results(), &options)
}

fn named() -> ClassReport {
    report(ReportOptions::default())
}

/// Every string inside a JSON value.
fn strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(o) => o.iter().for_each(|(k, v)| {
            out.push(k.clone());
            strings(v, out)
        }),
        _ => {}
    }
}

fn html_escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[test]
fn the_class_has_the_shape_the_tests_rely_on() {
    let c = the_class();
    assert!(c.names.len() >= 30);
    assert!(c.calls.iter().any(|p| !p.first), "some second attempts");
    assert!(
        c.calls.iter().any(|p| p.result.status == Status::Abandoned),
        "some abandoned calls"
    );
    let scenarios: HashSet<&str> = c
        .calls
        .iter()
        .map(|p| p.result.attempt.scenario.id.as_str())
        .collect();
    assert_eq!(scenarios.len(), 3);
}

#[test]
fn every_trainee_appears_once_keyed_by_name_and_workshop() {
    let r = named();
    let c = the_class();
    assert_eq!(r.trainees.len(), TRAINEES);
    let keys: HashSet<(&str, Option<&str>)> = r
        .trainees
        .iter()
        .map(|t| (t.name.as_str(), t.workshop.as_deref()))
        .collect();
    assert_eq!(keys.len(), TRAINEES, "no trainee twice");
    // "Ana Lima" plays in two workshops: two trainees.
    assert_eq!(
        r.trainees.iter().filter(|t| t.name == "Ana Lima").count(),
        2
    );
    let attempts: usize = r.trainees.iter().map(|t| t.calls()).sum();
    assert_eq!(attempts, c.calls.len());
    assert_eq!(r.calls(), c.calls.len());
}

#[test]
fn trainees_are_in_name_order_without_rank_and_by_best_score_per_scenario_with_it() {
    let r = named();
    let keys: Vec<String> = r.trainees.iter().map(|t| name_key(&t.name)).collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]), "by name, case-free");

    let ranked = report(ReportOptions {
        rank: true,
        ..ReportOptions::default()
    });
    for s in &ranked.scenarios {
        let table = ranked.table(&s.id);
        let ranks: Vec<Option<usize>> = table.iter().map(|(_, p)| p.rank).collect();
        assert_eq!(ranks[0], Some(1), "{}: ranked within the scenario", s.id);
        let best: Vec<f64> = table
            .iter()
            .filter_map(|(_, p)| p.best_attempt().map(|a| a.total))
            .collect();
        assert!(best.windows(2).all(|w| w[0] >= w[1]), "best score first");
        for w in table.windows(2) {
            let (a, b) = (w[0].1, w[1].1);
            match (a.best_attempt(), b.best_attempt()) {
                (Some(x), Some(y)) if x.total == y.total => {
                    assert_eq!(a.rank, b.rank, "equal scores share a rank")
                }
                (Some(_), Some(_)) => assert!(b.rank > a.rank),
                (_, None) => assert_eq!(b.rank, None, "no finished call, no rank"),
                (None, Some(_)) => panic!("a row without a finished call ranks last"),
            }
        }
    }
    assert!(report::text(&ranked).contains("Rank"));
    assert!(!report::text(&r).contains("Rank"));
}

#[test]
fn first_and_best_are_the_earliest_and_highest_finished_calls_of_each_scenario() {
    let r = named();
    let c = the_class();
    let mut improved = 0;
    for t in &r.trainees {
        for played in &t.scenarios {
            let mine: Vec<_> = c
                .calls
                .iter()
                .filter(|p| {
                    p.result.attempt.trainee == t.name
                        && p.result.attempt.workshop == t.workshop
                        && p.result.attempt.scenario.id == played.scenario_id
                })
                .collect();
            assert_eq!(mine.len(), played.attempts.len(), "{}", t.name);
            let finished: Vec<_> = mine
                .iter()
                .filter(|p| p.result.status == Status::Finished)
                .collect();
            // The made-up first call is earliest; an abandoned one is never the first.
            let first = finished
                .iter()
                .find(|p| p.first)
                .or_else(|| finished.first());
            assert_eq!(
                played.first_attempt().map(|a| a.attempt_id.as_str()),
                first.map(|p| p.result.attempt.attempt_id.as_str()),
                "the first finished call of {:?}",
                t.name
            );
            let best = finished
                .iter()
                .map(|p| p.result.total())
                .fold(None, |b: Option<f64>, x| Some(b.map_or(x, |b| b.max(x))));
            assert_eq!(played.best_attempt().map(|a| a.total), best);
            let numbers: Vec<usize> = played.attempts.iter().map(|a| a.number).collect();
            assert_eq!(numbers, (1..=played.attempts.len()).collect::<Vec<_>>());
            if played.best != played.first {
                improved += 1;
            }
        }
    }
    assert!(improved > 0, "some second attempts did better");
}

#[test]
fn tricks_and_premature_proposals_come_from_the_debrief() {
    let r = named();
    let c = the_class();
    for (t, a) in r.attempts() {
        let result = &r.results[a.result];
        assert_eq!(result.attempt.attempt_id, a.attempt_id);
        assert_eq!(result.attempt.trainee, t.name);
        let manipulative = result
            .debrief
            .score
            .penalties
            .iter()
            .find(|p| p.what.starts_with("manipulative"))
            .map_or(0, |p| p.count);
        assert_eq!(a.tricks, manipulative, "timeline and penalty agree");
        assert_eq!(
            a.right_ending,
            result.debrief.score.outcome == Some(result.debrief.score.right_outcome)
        );
    }
    assert!(
        r.attempts().any(|(_, a)| a.tricks > 0),
        "the closers tricked"
    );
    assert!(
        r.attempts().any(|(_, a)| a.premature_proposals > 0),
        "the pitchers proposed early"
    );
    assert!(c.calls.len() > r.trainees.len());
}

#[test]
fn the_most_missed_need_matches_a_direct_count_over_finished_calls() {
    let r = named();
    for s in &r.scenarios {
        let mut missed: BTreeMap<String, usize> = BTreeMap::new();
        for p in &the_class().calls {
            let res = &p.result;
            if res.attempt.scenario.id != s.id || res.status != Status::Finished {
                continue;
            }
            for n in res.debrief.needs.iter().filter(|n| !n.found) {
                *missed.entry(n.id.clone()).or_default() += 1;
            }
        }
        let most = missed.values().copied().max().unwrap_or(0);
        let top = s.missed_needs.first();
        assert_eq!(top.map_or(0, |n| n.missed), most, "{}", s.id);
        if let Some(top) = top {
            assert_eq!(missed[&top.id], most);
            assert!(
                top.suggestion.is_some(),
                "a question that would have found it"
            );
        }
        assert_eq!(s.missed_needs.len(), missed.len());
    }
}

#[test]
fn the_share_who_reached_the_right_ending_counts_trainees() {
    let r = named();
    for s in &r.scenarios {
        let who: HashSet<(String, Option<String>)> = the_class()
            .calls
            .iter()
            .map(|p| &p.result)
            .filter(|res| {
                res.attempt.scenario.id == s.id
                    && res.debrief.score.outcome == Some(res.debrief.score.right_outcome)
            })
            .map(|res| (res.attempt.trainee.clone(), res.attempt.workshop.clone()))
            .collect();
        assert_eq!(s.trainees_right, who.len());
        assert!(s.trainees_right <= s.trainees);
        assert!(!s.moves.is_empty());
        assert!(s.moves.windows(2).all(|w| w[0].times >= w[1].times));
    }
}

#[test]
fn three_to_five_prompts_quote_the_class_s_own_figures() {
    let r = named();
    assert!((3..=5).contains(&r.prompts.len()), "{:?}", r.prompts);
    // The need missed in most calls (then in the largest share): any of them on a tie.
    let needs: Vec<_> = r
        .scenarios
        .iter()
        .flat_map(|s| s.missed_needs.iter().map(move |n| (s, n)))
        .collect();
    let most = needs
        .iter()
        .map(|(_, n)| n.missed)
        .max()
        .expect("a need was missed");
    let top: Vec<_> = needs.iter().filter(|(_, n)| n.missed == most).collect();
    let share = |n: &&rapport_workshop::report::MissedNeed| n.missed as f64 / n.in_play as f64;
    let best_share = top.iter().map(|(_, n)| share(n)).fold(0.0, f64::max);
    let first = &r.prompts[0];
    assert!(
        top.iter()
            .filter(|(_, n)| share(n) == best_share)
            .any(|(s, n)| {
                first.contains(&n.summary)
                    && first.contains(&s.title)
                    && first.contains(n.suggestion.as_deref().unwrap())
                    && first.contains(&format!("{} of {}", n.missed, n.in_play))
            }),
        "{first}"
    );
    let most = r.scenarios.iter().map(|s| s.trainees).max().unwrap();
    assert!(
        r.scenarios.iter().filter(|s| s.trainees == most).any(|s| {
            r.prompts.iter().any(|p| {
                p.contains(&s.title)
                    && p.contains(&format!("{} of {} trainees", s.trainees_right, s.trainees))
                    && p.contains("right ending")
            })
        }),
        "{:?}",
        r.prompts
    );
    let trick = r
        .mix
        .kinds
        .iter()
        .filter(|(k, _)| k.is_manipulative())
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        .expect("tricks were played");
    assert!(
        r.prompts
            .iter()
            .any(|p| p.contains(trick.0.label()) && p.contains(&format!("{} times", trick.1))),
        "{:?}",
        r.prompts
    );
}

#[test]
fn the_terminal_table_stays_aligned_and_neutralises_hostile_names() {
    let r = named();
    let text = report::text(&r);
    for bad in ['\u{1b}', '\r', '\t', '\u{202e}', '\u{200f}', '\u{202c}'] {
        assert!(!text.contains(bad), "{bad:?} reached the terminal");
    }
    assert!(!text.contains(&"Z".repeat(100)), "the long name is cut");
    assert!(text.contains("ZZZZ…"));
    let lines: Vec<&str> = text.lines().collect();
    let headers: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with("Trainee "))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(headers.len(), r.scenarios.len(), "one table per scenario");
    let col = |line: &str| {
        use unicode_width::UnicodeWidthStr;
        let at = line.find("RAP-").expect("a workshop code");
        line[..at].width()
    };
    for (s, &header) in r.scenarios.iter().zip(&headers) {
        let rows = r.table(&s.id).len();
        // The column after the names starts at the same column in every row.
        let workshop_col = lines[header].find("Workshop").unwrap();
        assert_eq!(
            col(lines[header].replace("Workshop", "RAP-").as_str()),
            workshop_col
        );
        for row in &lines[header + 1..header + 1 + rows] {
            assert_eq!(col(row), workshop_col, "{row}");
        }
        assert!(!lines[header + 1 + rows].contains("RAP-"), "{rows} rows");
    }
}

#[test]
fn the_csv_parses_back_one_row_per_attempt_with_formulas_neutralised() {
    let r = named();
    let bytes = report::csv(&r);
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a byte-order mark");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers = reader.headers().expect("a header").clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    assert_eq!(rows.len(), r.calls());
    let numeric = [
        "attempt",
        "seed",
        "duration_seconds",
        "moves",
        "discovery",
        "agreement_checking",
        "relationship",
        "solution_fit_and_outcome",
        "total",
        "tricks",
        "trick_points",
        "premature_proposals",
        "trust_start",
        "trust_end",
    ];
    for row in &rows {
        assert_eq!(row.len(), headers.len());
        for (h, cell) in headers.iter().zip(row.iter()) {
            if numeric.contains(&h) {
                assert!(cell.parse::<f64>().is_ok(), "{h} = {cell:?} is a number");
            } else {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{h} = {cell:?} could run as a formula"
                );
            }
        }
    }
    let names: Vec<&str> = rows.iter().map(|row| &row[column("trainee")]).collect();
    for (hostile, expected) in [
        (
            "=HYPERLINK(\"http://evil.example\",\"click\")",
            "'=HYPERLINK(",
        ),
        ("+cmd|' /C calc'!A0", "'+cmd"),
        ("@SUM(A1:A9)", "'@SUM"),
        ("-2+3", "'-2+3"),
        ("\tTabbed Tabitha", "'\tTabbed"),
        ("\rCarriage Carl", "'\rCarriage"),
    ] {
        let row = names
            .iter()
            .find(|n| n.ends_with(hostile))
            .unwrap_or_else(|| panic!("a row for {hostile:?}"));
        assert!(row.starts_with(expected), "{row:?}");
    }
    // Commas, quotes and newlines come back whole.
    assert!(names.contains(&"Zoë \"the closer\", O'Brien"));
    assert!(names.contains(&"line one\nline two"));
    assert!(names.iter().any(|n| n.chars().count() == 10_000));
    let firsts = rows
        .iter()
        .filter(|r| &r[column("first_attempt")] == "yes")
        .count();
    let with_a_finished_call = r
        .trainees
        .iter()
        .flat_map(|t| &t.scenarios)
        .filter(|p| p.first.is_some())
        .count();
    assert_eq!(
        firsts, with_a_finished_call,
        "one first per trainee and scenario"
    );
    for row in &rows {
        if &row[column("first_attempt")] == "yes" {
            assert_eq!(
                &row[column("status")],
                "finished",
                "an abandoned call is no first"
            );
        }
    }
}

#[test]
fn the_html_page_is_offline_escaped_and_draws_its_charts_in_svg() {
    let r = named();
    let page = report::html(&r);
    let lower = page.to_lowercase();
    assert!(
        !lower.contains("<script"),
        "no script, and no name let one in"
    );
    assert!(page.contains("&lt;script&gt;alert('pwned')&lt;/script&gt;"));
    for load in [
        "src=", "href=", "@import", "url(", "<link", "<iframe", "<img",
    ] {
        assert!(!lower.contains(load), "{load} would load something");
    }
    assert!(
        !lower.contains("=\"http") && !lower.contains("='http"),
        "no address in an attribute"
    );
    assert!(page.contains("<svg"));
    // Per scenario a histogram and the trust curves, the mix, needs missed per scenario.
    let needs_charts = r
        .scenarios
        .iter()
        .filter(|s| !s.missed_needs.is_empty())
        .count();
    let charts = 2 * r.scenarios.len() + 1 + needs_charts;
    assert_eq!(page.matches("<svg").count(), charts);
    assert!(page.matches("<polyline").count() == r.calls());
    assert!(page.contains("@media print"));
    assert!(page.contains("Tom &amp; Jerry"));
    assert!(!page.contains(&"Z".repeat(100)), "the long name is cut");
    for mark in ['\u{202e}', '\u{200f}', '\u{1b}'] {
        assert!(!page.contains(mark), "{mark:?} is neutralised");
    }
    for p in &r.prompts {
        assert!(
            page.contains(&html_escaped(p)),
            "the prompt {p:?} is on the page"
        );
    }
}

#[test]
fn anonymous_reports_name_nobody_anywhere() {
    let anonymous = report(ReportOptions {
        anonymous: true,
        key: Some([7; 32]),
        ..ReportOptions::default()
    });
    let mut views = vec![
        ("text", report::text(&anonymous)),
        ("csv", String::from_utf8(report::csv(&anonymous)).unwrap()),
        ("html", report::html(&anonymous)),
    ];
    let statements = report::xapi(&anonymous, &XapiOptions::default());
    let mut xapi_strings = Vec::new();
    strings(&statements, &mut xapi_strings);
    views.push(("xapi", xapi_strings.join("\n")));
    views.push(("xapi-json", statements.to_string()));
    for (name, fragment) in &the_class().names {
        for (view, text) in &views {
            assert!(!text.contains(name.as_str()), "{view} names {name:?}");
            assert!(
                !text.contains(fragment.as_str()),
                "{view} shows {fragment:?}"
            );
            assert!(
                !text.contains(&html_escaped(fragment)),
                "{view} shows {fragment:?}"
            );
        }
    }
    let labels: HashSet<&str> = anonymous.trainees.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(labels.len(), TRAINEES);
    assert!(
        labels.contains("Trainee 1") && labels.contains(format!("Trainee {TRAINEES}").as_str())
    );
    // The same trainee gets the same label whatever order the results come in.
    let mut shuffled = the_class().results();
    shuffled.reverse();
    let again = ClassReport::new(shuffled, &anonymous.options);
    let label_of = |r: &ClassReport, id: &str| {
        r.attempts()
            .find(|(_, a)| a.attempt_id == id)
            .map(|(t, _)| t.name.clone())
    };
    for p in &the_class().calls {
        let id = &p.result.attempt.attempt_id;
        assert_eq!(label_of(&anonymous, id), label_of(&again, id));
    }
}

#[test]
fn a_result_copied_twice_counts_once_and_an_empty_class_still_reports() {
    let mut results = the_class().results();
    results.push(results[0].clone());
    let r = ClassReport::new(results, &ReportOptions::default());
    assert_eq!(r.calls(), the_class().calls.len());

    let empty = ClassReport::new(Vec::new(), &ReportOptions::default());
    assert!(empty.prompts.is_empty());
    assert!(report::text(&empty).contains("0 trainees"));
    assert!(report::csv(&empty).len() > 3, "a header row");
    assert!(report::html(&empty).contains("<html"));
    assert_eq!(
        report::xapi(&empty, &XapiOptions::default()),
        serde_json::json!([])
    );
}
