//! Discussion prompts: three to five questions for the room, built from what the class did,
//! worded for what the figures are (nobody or everybody at the right ending, equal scores, a
//! class of one) and pointing at the class's largest gap to Rackham's skilled negotiators.

use super::model::{AttemptSummary, ClassReport, MixShare};
use crate::record::Status;
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
    if report.results.is_empty() {
        return Vec::new();
    }
    let mut prompts: Vec<String> = [
        most_missed_need(report),
        most_used_trick(report),
        right_ending(report),
        rackham_gap(&report.mix.shares, report.mix.moves),
        tried_again(report).or_else(|| premature(report)),
    ]
    .into_iter()
    .flatten()
    .collect();
    if prompts.len() < 3 {
        prompts.push(spread(report));
    }
    if prompts.len() < 3
        && let Some(p) = premature(report)
        && !prompts.contains(&p)
    {
        prompts.push(p);
    }
    if prompts.len() < 3 {
        prompts.push(
            "Which moment of the call told you most about what the customer needed, and what \
             did you do with it?"
                .to_string(),
        );
    }
    prompts.truncate(5);
    prompts
}

/// The need missed most often (then: in the largest share of the calls it was in play;
/// then the first scenario).
fn most_missed_need(report: &ClassReport) -> Option<String> {
    let (scenario, need) = report
        .scenarios
        .iter()
        .flat_map(|s| s.missed_needs.first().map(|n| (s, n)))
        .reduce(|best, next| {
            let (a, b) = (best.1, next.1);
            let better = b.missed > a.missed
                || (b.missed == a.missed && b.missed * a.in_play > a.missed * b.in_play);
            if better { next } else { best }
        })?;
    let question = match &need.suggestion {
        Some(q) => format!(" One question that would have found it: \"{q}\""),
        None => String::new(),
    };
    let calls = if need.missed == need.in_play && need.in_play > 1 {
        format!("in all {} of {} finished calls", need.missed, need.in_play)
    } else {
        format!(
            "in {} of {} finished {}",
            need.missed,
            need.in_play,
            if need.in_play == 1 { "call" } else { "calls" }
        )
    };
    Some(format!(
        "In \"{}\", the customer never put \"{}\" in their own words {calls}. What would you ask \
         to find it?{question}",
        scenario.title, need.summary,
    ))
}

/// The trick played most often, the line of it the class said most, and what it cost.
fn most_used_trick(report: &ClassReport) -> Option<String> {
    let mut tricks: BTreeMap<MoveKind, (usize, i64, Vec<&str>)> = BTreeMap::new();
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
            if !e.2.contains(&t.account.as_str()) {
                e.2.push(&t.account);
            }
        }
    }
    let (kind, (times, trust_lost, who)) = tricks
        .iter()
        .max_by(|a, b| a.1.0.cmp(&b.1.0).then_with(|| b.0.cmp(a.0)))?;
    let with_tricks: Vec<&AttemptSummary> = report
        .attempts()
        .map(|(_, a)| a)
        .filter(|a| a.tricks > 0)
        .collect();
    let points =
        with_tricks.iter().map(|a| a.trick_points).sum::<f64>() / with_tricks.len().max(1) as f64;
    // The line of this kind the class said most often, in the scenario's words.
    let line = report
        .scenarios
        .iter()
        .flat_map(|s| s.moves.iter().filter(|m| m.kind == *kind))
        .max_by(|a, b| a.times.cmp(&b.times).then_with(|| b.id.cmp(&a.id)))
        .map_or(String::new(), |m| {
            format!(
                " The line said most: \"{}\" ({}).",
                m.text,
                plural(m.times, "time", "times")
            )
        });
    let per_trick = *trust_lost as f64 / *times as f64;
    let trust = if per_trick > 0.0 {
        format!("On average each one cost {per_trick:.1} points of the customer's trust")
    } else {
        "It cost no trust on the spot".to_string()
    };
    Some(format!(
        "{} used {}, {} in all.{line} {trust}, and the calls with tricks lost {points:.1} score \
         points to them. What did the customer hear, and what would you say instead?",
        plural(who.len(), "trainee", "trainees"),
        with_article(kind.label()),
        plural(*times, "time", "times"),
    ))
}

/// The right ending, for the scenario most of the class played: worded for nobody, everybody
/// or a class of one.
fn right_ending(report: &ClassReport) -> Option<String> {
    let s = report
        .scenarios
        .iter()
        .max_by(|a, b| a.trainees.cmp(&b.trainees).then_with(|| b.id.cmp(&a.id)))?;
    let right = s
        .right_outcomes
        .first()
        .map_or("the right ending", |(o, _)| outcome_label(*o));
    let title = &s.title;
    Some(match (s.trainees_right, s.trainees) {
        (1, 1) => format!(
            "In \"{title}\", the one trainee reached the right ending, {right}. Which moment \
             made the customer ready for it?"
        ),
        (0, 1) => format!(
            "In \"{title}\", the one trainee did not reach the right ending, which was \
             {right}. What would the customer have needed to hear first?"
        ),
        (0, n) => format!(
            "In \"{title}\", none of the {n} trainees reached the right ending, which was most \
             often {right}. What would the customer have needed to hear first?"
        ),
        (r, n) if r == n => format!(
            "In \"{title}\", {} reached the right ending, most often {right}. \
             What did everyone do that made it work, and what would change with a more guarded \
             customer?",
            if n == 2 {
                "both trainees".to_string()
            } else {
                format!("all {n} trainees")
            }
        ),
        (r, n) => format!(
            "In \"{title}\", {r} of {n} trainees ({}) reached the right ending, which was most \
             often {right}. What did they do that the others did not?",
            percent(r, n),
        ),
    })
}

/// The behaviour furthest below Rackham's skilled negotiators, relative to their share (a
/// class that never summarises is further off than one that asks a few questions less); a
/// class at or above them everywhere is asked what worked.
pub(super) fn largest_gap(shares: &[MixShare]) -> Option<&MixShare> {
    shares
        .iter()
        .filter(|s| s.skilled > 0.0 && s.class < s.skilled)
        .min_by(|a, b| (a.class / a.skilled).total_cmp(&(b.class / b.skilled)))
}

fn rackham_gap(shares: &[MixShare], moves: u32) -> Option<String> {
    if moves == 0 {
        return None;
    }
    let Some(gap) = largest_gap(shares) else {
        return Some(
            "The class tested understanding, summarised and asked questions at least as often \
             as Rackham's skilled negotiators. Which of these did the customer answer best, \
             and when did one too many get in the way?"
                .to_string(),
        );
    };
    let question = match gap.label {
        "Summarizing" => {
            "Where in your call would saying back what the customer told you have moved things on?"
        }
        "Testing understanding" => {
            "Where would checking what the customer meant (\"So you mean…?\") have saved a wrong \
             turn?"
        }
        _ => "Where in your call would one more question have changed the customer's answer?",
    };
    let what = gap.label.to_lowercase();
    let class = if gap.class == 0.0 {
        format!("The class never used {what}")
    } else {
        format!("The class spent {:.1}% of its moves on {what}", gap.class)
    };
    Some(format!(
        "{class}; Rackham's skilled negotiators {:.1}%, average ones {:.1}%: the class's largest \
         gap to the skilled profile. {question}",
        gap.skilled, gap.average
    ))
}

/// Trainees who finished a scenario more than once, their first finished call against their
/// best later one, at the same scenario.
fn tried_again(report: &ClassReport) -> Option<String> {
    let mut again: Vec<(f64, f64)> = Vec::new();
    for t in &report.trainees {
        for played in t.scenarios.iter().filter(|s| s.tried_again()) {
            let finished: Vec<f64> = played
                .attempts
                .iter()
                .filter(|a| a.status == Status::Finished)
                .map(|a| a.total)
                .collect();
            let later = finished[1..].iter().copied().fold(f64::MIN, f64::max);
            again.push((finished[0], later));
        }
    }
    if again.is_empty() {
        return None;
    }
    let gain = again.iter().map(|(f, l)| l - f).sum::<f64>() / again.len() as f64;
    let who = if again.len() == 1 {
        "1 trainee tried a scenario again; their best later score was".to_string()
    } else {
        format!(
            "{} times a trainee tried a scenario again; the best later score was",
            again.len()
        )
    };
    let change = if gain.abs() < 0.05 {
        "the same as the first on average".to_string()
    } else {
        format!(
            "{:.1} points {} the first on average",
            gain.abs(),
            if gain > 0.0 { "above" } else { "below" }
        )
    };
    Some(format!(
        "{who} {change}. What did you change the second time?"
    ))
}

/// Proposals before the customer was ready, when any call made one.
fn premature(report: &ClassReport) -> Option<String> {
    let premature = report
        .attempts()
        .filter(|(_, a)| a.premature_proposals > 0)
        .count();
    (premature > 0).then(|| {
        format!(
            "{} of {} calls proposed a solution before the need was explored and the customer \
             asked for advice. How do you know a customer is ready to hear a proposal?",
            premature,
            report.calls()
        )
    })
}

/// The spread of the finished calls' scores, worded for equal scores and for none.
fn spread(report: &ClassReport) -> String {
    let mut totals: Vec<f64> = report
        .attempts()
        .filter(|(_, a)| a.status == Status::Finished)
        .map(|(_, a)| a.total)
        .collect();
    totals.sort_by(f64::total_cmp);
    match (totals.first(), totals.last()) {
        (None, _) | (_, None) => "No call reached an ending. What made the calls stop before the \
                                  customer decided?"
            .to_string(),
        (Some(low), Some(high)) if low == high => format!(
            "{} scored {low:.1}. Which single move would have changed that score most?",
            if totals.len() == 1 {
                "The one finished call".to_string()
            } else if totals.len() == 2 {
                "Both finished calls".to_string()
            } else {
                format!("All {} finished calls", totals.len())
            }
        ),
        (Some(low), Some(high)) => format!(
            "Scores ran from {low:.1} to {high:.1}, with half the finished calls at {:.1} or \
             above. Which single move made the biggest difference in your call?",
            totals[totals.len() / 2],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn share(label: &'static str, class: f64, skilled: f64) -> MixShare {
        MixShare {
            label,
            class,
            skilled,
            average: skilled / 2.0,
        }
    }

    #[test]
    fn a_class_asking_three_times_rackhams_rate_but_never_summarising_is_asked_to_summarise() {
        let shares = [
            share("Testing understanding", 9.0, 9.7),
            share("Summarizing", 0.0, 7.5),
            share("Asking questions", 63.9, 21.3),
        ];
        assert_eq!(largest_gap(&shares).unwrap().label, "Summarizing");
        let prompt = rackham_gap(&shares, 100).unwrap();
        assert!(
            prompt.starts_with("The class never used summarizing"),
            "{prompt}"
        );
        assert!(!prompt.contains("one more question"), "{prompt}");
    }

    #[test]
    fn a_class_at_or_above_the_skilled_profile_is_asked_what_worked() {
        let shares = [
            share("Testing understanding", 12.0, 9.7),
            share("Summarizing", 8.0, 7.5),
            share("Asking questions", 30.0, 21.3),
        ];
        assert!(largest_gap(&shares).is_none());
        assert!(
            rackham_gap(&shares, 10)
                .unwrap()
                .contains("at least as often")
        );
        assert!(
            rackham_gap(&shares, 0).is_none(),
            "no moves, nothing to compare"
        );
    }
}
