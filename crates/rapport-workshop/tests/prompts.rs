//! The discussion prompts fit the class they are about: nobody or everybody at the right
//! ending, a class of one, equal scores, the largest gap to Rackham's skilled negotiators and
//! the trick line the class actually said most.

#[path = "support/class.rs"]
mod class;

use class::call;
use rapport_workshop::CallResult;
use rapport_workshop::report::{ClassReport, ReportOptions};

const CODE: &str = "RAP-TEST-0002";

fn calls(n: usize) -> Vec<CallResult> {
    (0..n)
        .map(|i| {
            let name = format!("Person {i}");
            call(
                i % 2,
                "average",
                80,
                &name,
                CODE,
                i as u64 + 1,
                9 * 3600 + 60 * i as u64,
            )
        })
        .collect()
}

fn report(results: Vec<CallResult>) -> ClassReport {
    ClassReport::new(results, &ReportOptions::default())
}

fn assert_fits(r: &ClassReport) {
    assert!((3..=5).contains(&r.prompts.len()), "{:?}", r.prompts);
    for p in &r.prompts {
        assert!(
            !p.contains("of 1 trainees") && !p.contains("1 trainees"),
            "{p}"
        );
        assert!(!p.contains("NaN") && !p.contains("inf"), "{p}");
    }
}

#[test]
fn a_class_where_nobody_reached_the_right_ending_is_asked_what_was_missing() {
    let mut results = calls(6);
    for r in &mut results {
        r.debrief.score.outcome = None;
    }
    let r = report(results);
    assert_fits(&r);
    assert!(
        r.prompts
            .iter()
            .any(|p| p.contains("none of the 3 trainees")),
        "{:?}",
        r.prompts
    );
    assert!(!r.prompts.iter().any(|p| p.contains("(0%)")));
}

#[test]
fn a_class_where_everybody_reached_it_is_asked_what_made_it_work() {
    let mut results = calls(6);
    for r in &mut results {
        r.debrief.score.outcome = Some(r.debrief.score.right_outcome);
    }
    let r = report(results);
    assert_fits(&r);
    assert!(
        r.prompts
            .iter()
            .any(|p| p.contains("all 3 trainees reached")),
        "{:?}",
        r.prompts
    );
    assert!(
        !r.prompts
            .iter()
            .any(|p| p.contains("did that the others did not"))
    );
}

#[test]
fn a_class_of_one_gets_three_prompts_in_the_singular() {
    let r = report(calls(1));
    assert_fits(&r);
    assert!(
        r.prompts.iter().any(|p| p.contains("the one trainee")),
        "{:?}",
        r.prompts
    );
}

#[test]
fn equal_scores_share_a_rank_and_an_equal_second_try_is_called_the_same() {
    let mut results = calls(2);
    let mut again = call(0, "average", 80, "Person 0", CODE, 99, 11 * 3600);
    again.debrief.score.total = results[0].debrief.score.total;
    results.push(again);
    results.push(call(0, "average", 80, "Person 2", CODE, 98, 10 * 3600));
    let ranked = ClassReport::new(
        results,
        &ReportOptions {
            rank: true,
            ..ReportOptions::default()
        },
    );
    assert_fits(&ranked);
    let ranks: Vec<Option<usize>> = ranked
        .table("corner-cafe")
        .iter()
        .map(|(_, p)| p.rank)
        .collect();
    assert_eq!(
        ranks,
        [Some(1), Some(1)],
        "the same player on the same seed"
    );
    assert!(
        ranked
            .prompts
            .iter()
            .any(|p| p.contains("the same as the first")),
        "{:?}",
        ranked.prompts
    );
}

#[test]
fn the_rackham_prompt_names_the_class_s_largest_gap_below_the_skilled_profile() {
    let r = report(class::class(38).results());
    let gap = r
        .mix
        .shares
        .iter()
        .filter(|s| s.class < s.skilled)
        .min_by(|a, b| (a.class / a.skilled).total_cmp(&(b.class / b.skilled)))
        .expect("the made-up class falls short somewhere");
    assert!(
        r.prompts
            .iter()
            .any(|p| p.contains(&gap.label.to_lowercase()) && p.contains("largest gap")),
        "{} in {:?}",
        gap.label,
        r.prompts
    );
}

#[test]
fn the_trick_prompt_quotes_the_line_the_class_said_most() {
    let r = report(class::class(38).results());
    let kind = r
        .mix
        .kinds
        .iter()
        .filter(|(k, _)| k.is_manipulative())
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        .expect("tricks were played")
        .0;
    let most = r
        .scenarios
        .iter()
        .flat_map(|s| s.moves.iter().filter(|m| m.kind == kind))
        .map(|m| m.times)
        .max()
        .unwrap();
    let lines: Vec<&str> = r
        .scenarios
        .iter()
        .flat_map(|s| s.moves.iter())
        .filter(|m| m.kind == kind && m.times == most)
        .map(|m| m.text.as_str())
        .collect();
    assert!(
        r.prompts.iter().any(|p| lines
            .iter()
            .any(|l| p.contains(&format!("\"{l}\" ({most} times)")))),
        "{lines:?} in {:?}",
        r.prompts
    );
}
