//! Plain-text and JSON views of a played conversation: the transcript, the score breakdown,
//! the customer's head turn by turn, and the behaviour profile (used by `rapport simulate`).

use crate::engine::{Conversation, Event, Speaker, trust_word};
use crate::scoring::debrief::{Debrief, Profile, Verdict, debrief};
use crate::scoring::{Score, outcome_label};
use serde::Serialize;
use std::fmt::Write;

/// The dialogue as text, one line per utterance, with the ending.
pub fn transcript(conversation: &Conversation) -> String {
    let scenario = conversation.scenario();
    let customer = &scenario.file.customer.name;
    let mut out = String::new();
    let say = |out: &mut String, e: &Event| match e {
        Event::Said {
            speaker: Speaker::Customer,
            text,
        } => {
            let _ = writeln!(out, "    {customer}: {text}");
        }
        Event::Said {
            speaker: Speaker::Narrator,
            text,
        } => {
            let _ = writeln!(out, "    — {text}");
        }
        Event::Said {
            speaker: Speaker::Trainee,
            text,
        } => {
            let _ = writeln!(out, "    You: {text}");
        }
        Event::Committed { .. } => {
            let _ = writeln!(
                out,
                "    [The customer buys. The call goes on after the sale.]"
            );
        }
        Event::Ended { outcome, .. } => {
            let _ = writeln!(out, "    [The call ends: {}.]", outcome_label(*outcome));
        }
        _ => {}
    };
    for e in conversation.opening() {
        say(&mut out, e);
    }
    for (i, turn) in conversation.turns().iter().enumerate() {
        let _ = writeln!(out, "{:>3}. You: {}", i + 1, conversation.trainee_line(i));
        for e in &turn.events {
            say(&mut out, e);
        }
    }
    out
}

/// Each dimension with its value, weight and reasons, the penalties and the total.
pub fn score_text(score: &Score) -> String {
    let mut out = String::new();
    for d in &score.dimensions {
        let _ = writeln!(
            out,
            "{:<26} {:>5.1} / 100  (weight {}%)",
            d.name, d.value, d.weight
        );
        for r in &d.reasons {
            let _ = writeln!(out, "    - {r}");
        }
    }
    for p in &score.penalties {
        let _ = writeln!(out, "{}", p.line());
    }
    let _ = writeln!(out, "Total: {:.1} / 100", score.total);
    out
}

/// The behaviour profile beside Rackham's skilled and average negotiators.
pub fn profile_text(p: &Profile) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Behaviour profile ({} moves)         you   skilled  average",
        p.moves
    );
    for share in p.shares() {
        let _ = writeln!(
            out,
            "  {:<31}{:>5.1}%  {:>5.1}%  {:>5.1}%",
            share.label.to_lowercase(),
            share.you,
            share.skilled,
            share.average
        );
    }
    let _ = writeln!(
        out,
        "  irritators used                {:>6}   (skilled {:.1}/h, average {:.1}/h)",
        p.irritators, p.skilled.irritators_per_hour, p.average.irritators_per_hour
    );
    let _ = writeln!(out, "  closing techniques used        {:>6}", p.closes);
    let _ = writeln!(
        out,
        "  Source: {}. Shares of your moves; Rackham measured shares of behaviour.",
        p.source
    );
    out
}

/// The customer's hidden state after every turn, with each change and its reason.
pub fn reveal_text(d: &Debrief) -> String {
    let mut out = String::new();
    for (turn, annotation) in d.head.iter().zip(&d.timeline) {
        let verdict = match annotation.verdict {
            Verdict::Followed => "+",
            Verdict::Broke => "✗",
            Verdict::Neutral => "·",
        };
        let _ = writeln!(out, "{:>3}. {verdict} {}", turn.turn, turn.move_text);
        let _ = writeln!(out, "     principle: {}", annotation.principle);
        let needs: Vec<String> = turn
            .needs
            .iter()
            .map(|(id, depth)| format!("{id}={}", depth.label()))
            .collect();
        let concerns: Vec<String> = turn
            .concerns
            .iter()
            .map(|(id, c)| format!("{id}={}", c.label()))
            .collect();
        let _ = writeln!(
            out,
            "     head: trust {} ({}), patience {}; needs {}; concerns {}",
            turn.trust,
            trust_word(turn.trust),
            turn.patience,
            needs.join(", "),
            if concerns.is_empty() {
                "none".to_string()
            } else {
                concerns.join(", ")
            }
        );
        for c in &turn.changes {
            match c.voice.as_deref() {
                Some(v) => {
                    let _ = writeln!(out, "       • {}: {} “{v}”", c.what, c.why);
                }
                None => {
                    let _ = writeln!(out, "       • {}: {}", c.what, c.why);
                }
            }
        }
    }
    out
}

/// What `rapport simulate --json` prints.
#[derive(Debug, Serialize)]
pub struct SimulationJson<'a> {
    pub scenario: &'a str,
    pub player: &'a str,
    pub seed: u64,
    pub outcome: Option<&'static str>,
    pub right_outcome: &'static str,
    pub total: f64,
    pub dimensions: Vec<DimensionJson<'a>>,
    pub penalties: &'a [crate::scoring::Penalty],
    pub moves: Vec<MoveJson<'a>>,
    pub needs: &'a [crate::scoring::debrief::NeedReport],
    pub profile: &'a Profile,
    pub trust: &'a [i16],
    pub missed_cues: &'a [String],
    /// What the trainee had learned by the end, in the words of the call screen.
    pub learned: Vec<crate::engine::Learned>,
}

#[derive(Debug, Serialize)]
pub struct DimensionJson<'a> {
    pub name: &'a str,
    pub value: f64,
    pub weight: u32,
    pub reasons: &'a [String],
}

#[derive(Debug, Serialize)]
pub struct MoveJson<'a> {
    pub turn: usize,
    pub id: &'a str,
    pub text: &'a str,
    pub kind: &'static str,
    pub verdict: Verdict,
    pub principle: &'a str,
    pub trust_after: i16,
}

fn outcome_key(o: crate::scenario::Outcome) -> &'static str {
    use crate::scenario::Outcome;
    match o {
        Outcome::Order => "order",
        Outcome::Advance => "advance",
        Outcome::Continuation => "continuation",
        Outcome::MutualNoFit => "mutual_no_fit",
        Outcome::NoSale => "no_sale",
    }
}

/// The simulation as one JSON value.
pub fn simulation_json(
    conversation: &Conversation,
    player: &str,
    d: &Debrief,
) -> serde_json::Value {
    let json = SimulationJson {
        scenario: conversation.scenario().id(),
        player,
        seed: conversation.seed(),
        outcome: d.score.outcome.map(outcome_key),
        right_outcome: outcome_key(d.score.right_outcome),
        total: d.score.total,
        dimensions: d
            .score
            .dimensions
            .iter()
            .map(|x| DimensionJson {
                name: &x.name,
                value: x.value,
                weight: x.weight,
                reasons: &x.reasons,
            })
            .collect(),
        penalties: &d.score.penalties,
        moves: d
            .timeline
            .iter()
            .map(|a| MoveJson {
                turn: a.turn,
                id: &a.move_id,
                text: &a.move_text,
                kind: a.kind.label(),
                verdict: a.verdict,
                principle: &a.principle,
                trust_after: a.trust_after,
            })
            .collect(),
        needs: &d.needs,
        profile: &d.profile,
        trust: &d.trust,
        missed_cues: &d.missed_cues,
        learned: crate::engine::learned(conversation.scenario(), conversation.state()),
    };
    serde_json::to_value(json).unwrap_or(serde_json::Value::Null)
}

/// Plays a conversation to its end with a player (at most `limit` moves).
pub fn play_out(
    conversation: &mut Conversation,
    player: &mut dyn crate::players::Player,
    limit: usize,
) {
    while !conversation.is_over() && conversation.turns().len() < limit {
        let Some(m) = player.choose(
            conversation.scenario().clone().as_ref(),
            conversation.state(),
        ) else {
            break;
        };
        if conversation.choose(m).is_err() {
            break;
        }
    }
}

/// Convenience for callers that want the debrief right after playing.
pub fn debrief_of(conversation: &Conversation) -> Debrief {
    debrief(conversation)
}
