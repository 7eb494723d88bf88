//! Discussion prompts: three to five questions for the room, built from what the class did.

use super::model::{AttemptSummary, ClassReport};
use rapport_core::scenario::MoveKind;
use rapport_core::scoring::outcome_label;
use std::collections::BTreeMap;

/// "a", "an": the article a label takes.
fn with_article(label: &str) -> String {
    let article = match label.chars().next() {
        Some(c) if "aeiouAEIOU".contains(c) => "an",
        _ => "a",
    };
    format!("{article} {label}")
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        "0%".to_string()
    } else {
        format!("{:.0}%", 100.0 * part as f64 / whole as f64)
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Questions for the room, from the class's own results, most telling first.
pub(super) fn prompts(report: &ClassReport) -> Vec<String> {
    let mut prompts = Vec::new();
    if report.results.is_empty() {
        return prompts;
    }

    // 1. The need missed most often (then: in the largest share of the calls it was in play;
    // then the first scenario).
    let most_missed = report
        .scenarios
        .iter()
        .flat_map(|s| s.missed_needs.first().map(|n| (s, n)))
        .reduce(|best, next| {
            let (a, b) = (best.1, next.1);
            let better = b.missed > a.missed
                || (b.missed == a.missed && b.missed * a.in_play > a.missed * b.in_play);
            if better { next } else { best }
        });
    if let Some((scenario, need)) = most_missed {
        let question = match &need.suggestion {
            Some(q) => format!(" One question that would have found it: \"{q}\""),
            None => String::new(),
        };
        prompts.push(format!(
            "In \"{}\", the customer never put \"{}\" in their own words in {} of {} finished \
             calls. What would you ask to find it?{question}",
            scenario.title, need.summary, need.missed, need.in_play,
        ));
    }

    // 2. The trick played most often, and what it cost.
    let mut tricks: BTreeMap<MoveKind, (usize, i64, Vec<usize>)> = BTreeMap::new();
    for (t, a) in report.attempts() {
        let r = &report.results[a.result];
        for ann in r
            .debrief
            .timeline
            .iter()
            .filter(|x| x.kind.is_manipulative())
        {
            let before = r
                .debrief
                .trust
                .get(ann.turn.saturating_sub(1))
                .copied()
                .unwrap_or(ann.trust_after);
            let e = tricks.entry(ann.kind).or_default();
            e.0 += 1;
            e.1 += i64::from(before) - i64::from(ann.trust_after);
            let who = report
                .trainees
                .iter()
                .position(|x| std::ptr::eq(x, t))
                .unwrap_or(0);
            if !e.2.contains(&who) {
                e.2.push(who);
            }
        }
    }
    if let Some((kind, (times, trust_lost, who))) = tricks
        .iter()
        .max_by(|a, b| a.1.0.cmp(&b.1.0).then_with(|| b.0.cmp(a.0)))
    {
        let with_tricks: Vec<&AttemptSummary> = report
            .attempts()
            .map(|(_, a)| a)
            .filter(|a| a.tricks > 0)
            .collect();
        let points = with_tricks.iter().map(|a| a.trick_points).sum::<f64>()
            / with_tricks.len().max(1) as f64;
        let label = kind.label();
        prompts.push(format!(
            "{} used {}, {} {}. On average each one cost {:.1} points of the \
             customer's trust, and the calls with tricks lost {points:.1} score points to them. \
             What did the customer hear, and what would you say instead?",
            plural(who.len(), "trainee", "trainees"),
            with_article(label),
            plural(*times, "time", "times"),
            "in all",
            *trust_lost as f64 / *times as f64,
        ));
    }

    // 3. The right ending, for the scenario most of the class played.
    if let Some(s) = report
        .scenarios
        .iter()
        .max_by(|a, b| a.trainees.cmp(&b.trainees).then_with(|| b.id.cmp(&a.id)))
    {
        let right = s
            .right_outcomes
            .first()
            .map_or("the right ending", |(o, _)| outcome_label(*o));
        prompts.push(format!(
            "In \"{}\", {} of {} trainees ({}) reached the right ending, which was most often \
             {right}. What did they do that the others did not?",
            s.title,
            s.trainees_right,
            s.trainees,
            percent(s.trainees_right, s.trainees),
        ));
    }

    // 4. Questions asked, beside Rackham's negotiators.
    if let Some(q) = report
        .mix
        .shares
        .iter()
        .find(|s| s.label == "Asking questions")
    {
        prompts.push(format!(
            "The class asked questions in {:.0}% of its moves; Rackham's skilled negotiators \
             {:.1}%, average ones {:.1}%. Where in your call would one more question have \
             changed the customer's answer?",
            q.class, q.skilled, q.average
        ));
    }

    // 5. Second attempts, or premature proposals when nobody tried again.
    let again: Vec<(f64, f64)> = report
        .trainees
        .iter()
        .filter(|t| t.attempts.len() > 1)
        .map(|t| {
            let first = t.first_attempt().total;
            let later = t.attempts[1..]
                .iter()
                .map(|a| a.total)
                .fold(f64::MIN, f64::max);
            (first, later)
        })
        .collect();
    let premature: usize = report
        .attempts()
        .filter(|(_, a)| a.premature_proposals > 0)
        .count();
    if !again.is_empty() {
        let gain = again.iter().map(|(f, l)| l - f).sum::<f64>() / again.len() as f64;
        prompts.push(format!(
            "{} tried again; their best later score was {:.1} points {} their first on \
             average. What did you change the second time?",
            plural(again.len(), "trainee", "trainees"),
            gain.abs(),
            if gain >= 0.0 { "above" } else { "below" },
        ));
    } else if premature > 0 {
        prompts.push(format!(
            "{} of {} calls proposed a solution before the need was explored and the customer \
             asked for advice. How do you know a customer is ready to hear a proposal?",
            premature,
            report.calls()
        ));
    }
    // 6. When the class gave little else to discuss: the spread of scores.
    if prompts.len() < 3 {
        let mut totals: Vec<f64> = report.attempts().map(|(_, a)| a.total).collect();
        totals.sort_by(f64::total_cmp);
        let median = totals[totals.len() / 2];
        prompts.push(format!(
            "Scores ran from {:.1} to {:.1}, with half the calls at {median:.1} or above. \
             Which single move made the biggest difference in your call?",
            totals[0],
            totals[totals.len() - 1],
        ));
    }
    prompts.truncate(5);
    prompts
}
