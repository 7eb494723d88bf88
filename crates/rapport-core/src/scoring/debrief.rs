//! The debrief: what each move did and which principle it followed or broke, the needs found
//! and missed (with a question that would have found each), the trust course, the customer's
//! hidden state turn by turn, and a behaviour profile beside Rackham's negotiators.

use super::{Score, score};
use crate::engine::{ConcernState, Conversation, Depth, Event, Rule, State};
use crate::scenario::{MoveKind, Scenario};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    Followed,
    Broke,
    Neutral,
}

/// One move in the timeline, with the principle it followed or broke.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Annotation {
    pub turn: usize,
    pub move_id: String,
    pub move_text: String,
    pub kind: MoveKind,
    pub verdict: Verdict,
    /// A one-line principle (also what coach mode shows after the move).
    pub principle: String,
    pub trust_after: i16,
    pub patience_after: i16,
}

/// A need of this play: how deep it got, and the move that would have taken it further.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NeedReport {
    pub id: String,
    pub summary: String,
    pub importance: u8,
    pub depth: Depth,
    pub found: bool,
    /// The text of a move that would have taken this need one step further.
    pub suggestion: Option<String>,
}

/// One change to the hidden state and the rule that made it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub what: String,
    pub why: String,
    pub voice: Option<String>,
}

/// The customer's head at the end of one turn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeadTurn {
    pub turn: usize,
    pub move_text: String,
    pub trust: i16,
    pub patience: i16,
    /// Depth of each active need, by need id.
    pub needs: Vec<(String, Depth)>,
    /// State of each concern, by concern id.
    pub concerns: Vec<(String, ConcernState)>,
    pub changes: Vec<Change>,
}

/// Rackham's negotiator study (49 negotiators, 102 negotiations): share of behaviour.
pub const RACKHAM_SOURCE: &str =
    "Neil Rackham, Huthwaite negotiator study (49 negotiators, 102 negotiations)";
pub const SKILLED: ProfileFigures = ProfileFigures {
    testing: 9.7,
    summarizing: 7.5,
    questions: 21.3,
    irritators_per_hour: 2.3,
};
pub const AVERAGE: ProfileFigures = ProfileFigures {
    testing: 4.1,
    summarizing: 4.2,
    questions: 9.6,
    irritators_per_hour: 10.8,
};

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ProfileFigures {
    pub testing: f64,
    pub summarizing: f64,
    pub questions: f64,
    pub irritators_per_hour: f64,
}

/// The trainee's behaviour as shares of their moves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub moves: u32,
    /// Percent of moves that tested understanding.
    pub testing_understanding: f64,
    /// Percent of moves that summarized.
    pub summarizing: f64,
    /// Percent of moves that asked questions.
    pub questions: f64,
    pub irritators: u32,
    pub closes: u32,
    pub skilled: ProfileFigures,
    pub average: ProfileFigures,
    pub source: String,
}

pub fn profile(s: &State) -> Profile {
    let moves = u32::from(s.moves);
    let pct = |n: u8| {
        if moves == 0 {
            0.0
        } else {
            (1000.0 * f64::from(n) / f64::from(moves)).round() / 10.0
        }
    };
    Profile {
        moves,
        testing_understanding: pct(s.tests_understanding),
        summarizing: pct(s.summaries),
        questions: pct(s.questions),
        irritators: s.irritators.into(),
        closes: s.closes.into(),
        skilled: SKILLED,
        average: AVERAGE,
        source: RACKHAM_SOURCE.to_string(),
    }
}

/// One of the profile's three shares, in percent, beside Rackham's two groups.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProfileShare {
    pub label: &'static str,
    pub you: f64,
    pub skilled: f64,
    pub average: f64,
}

impl Profile {
    /// The shares Rackham compared (testing understanding, summarizing, asking questions),
    /// in the order every view shows them.
    pub fn shares(&self) -> [ProfileShare; 3] {
        let share = |label, you, pick: fn(&ProfileFigures) -> f64| ProfileShare {
            label,
            you,
            skilled: pick(&self.skilled),
            average: pick(&self.average),
        };
        [
            share("Testing understanding", self.testing_understanding, |f| {
                f.testing
            }),
            share("Summarizing", self.summarizing, |f| f.summarizing),
            share("Asking questions", self.questions, |f| f.questions),
        ]
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Debrief {
    pub scenario_id: String,
    pub seed: u64,
    pub score: Score,
    pub timeline: Vec<Annotation>,
    pub needs: Vec<NeedReport>,
    /// Trust before the first move and after each.
    pub trust: Vec<i16>,
    pub head: Vec<HeadTurn>,
    pub profile: Profile,
    /// What the customer said that should have changed the trainee's course, and what it
    /// meant: cues missed, advice asked late or never, limitations left unsaid.
    pub missed_cues: Vec<String>,
}

/// The principle behind a turn, judged from the rules its events name.
pub fn annotate(kind: MoveKind, events: &[Event]) -> (Verdict, String) {
    if kind.is_manipulative() {
        let rule = events.iter().filter_map(Event::rule).find(|r| {
            matches!(
                r,
                Rule::Pressure | Rule::Rebuttal | Rule::FeatureDump | Rule::Irritator
            )
        });
        let text = match rule {
            Some(r) => r.explain().to_string(),
            None => {
                "A manipulative move: it spends trust and never makes a customer ready.".to_string()
            }
        };
        return (Verdict::Broke, format!("{} ({})", text, kind.label()));
    }
    let broke = [
        Rule::ProposalPremature,
        Rule::ProposalIrrelevant,
        Rule::ProposalCannotFit,
        Rule::CommitmentPremature,
        Rule::OrderWithoutAuthority,
        Rule::AskedBeyondAuthority,
        Rule::SummaryWrong,
        Rule::QuestionTooEarly,
        Rule::SituationTooMany,
        Rule::RapportTooMuch,
        Rule::EducationLecture,
        Rule::LimitationPuzzling,
        Rule::AskedAgain,
        Rule::ConcernAskedAgain,
        Rule::ConcernTooEarly,
        Rule::AnswerMissed,
        Rule::AnswerUnasked,
        Rule::ListenedToNothing,
        Rule::GuardIgnored,
        Rule::NothingNewToCheck,
        Rule::NoFitWrong,
        Rule::NoFitUnfounded,
        Rule::NoCommitment,
    ];
    let followed = [
        Rule::NeedMadeExplicit,
        Rule::NeedExplored,
        Rule::NeedSurfaced,
        Rule::AgreementConfirmed,
        Rule::CommitmentEarned,
        Rule::NextStepAgreed,
        Rule::NoFitHonest,
        Rule::ConcernResolved,
        Rule::ConcernVoiced,
        Rule::ConcernSoftened,
        Rule::CheckInvitedConcern,
        Rule::CheckFoundGap,
        Rule::CoDesigned,
        Rule::ProposalMatched,
        Rule::SummaryAccurate,
        Rule::UnderstandingTested,
        Rule::Listened,
        Rule::GuardHeard,
        Rule::PurposeStated,
        Rule::RapportWelcome,
        Rule::FollowUpAssured,
        Rule::EducationAfterGap,
        Rule::LimitationDisclosed,
        Rule::AdviceAsked,
        Rule::NotAnIssue,
    ];
    let rules: Vec<Rule> = events.iter().filter_map(Event::rule).collect();
    if let Some(r) = broke.iter().find(|r| rules.contains(r)) {
        return (Verdict::Broke, r.explain().to_string());
    }
    if let Some(r) = followed.iter().find(|r| rules.contains(r)) {
        return (Verdict::Followed, r.explain().to_string());
    }
    if kind == MoveKind::Problem
        && events.iter().any(|e| matches!(e, Event::Said { .. }))
        && rules.is_empty()
    {
        return (Verdict::Followed, Rule::NotAnIssue.explain().to_string());
    }
    let neutral = rules
        .iter()
        .find(|r| **r != Rule::TimePasses)
        .copied()
        .unwrap_or(Rule::TimePasses);
    (Verdict::Neutral, neutral.explain().to_string())
}

/// The move that would take a need one step deeper from where it stands.
pub fn suggestion_for(scenario: &Scenario, need: usize, depth: Depth) -> Option<String> {
    let kind = match depth {
        Depth::Unknown => MoveKind::Problem,
        Depth::Surfaced => MoveKind::Implication,
        Depth::Explored => MoveKind::NeedPayoff,
        Depth::Explicit => return None,
    };
    scenario
        .moves
        .iter()
        .zip(&scenario.file.moves)
        .find(|(m, _)| m.kind == kind && m.needs & (1 << need) != 0)
        .map(|(_, m)| m.text.clone())
}

fn describe(scenario: &Scenario, e: &Event) -> Option<String> {
    Some(match e {
        Event::TrustChanged { from, to, .. } => format!("Trust {from} → {to}"),
        Event::PatienceChanged { from, to, .. } => format!("Patience {from} → {to}"),
        Event::NeedDeepened { need, depth, .. } => {
            format!(
                "Need \"{}\" is now {}",
                scenario.need(*need).summary,
                depth.label()
            )
        }
        Event::NeedHeldBack { need, .. } => {
            format!("Held back on \"{}\"", scenario.need(*need).summary)
        }
        Event::ConcernChanged { concern, to, .. } => {
            format!(
                "Concern \"{}\" is now {}",
                scenario.concern(*concern).summary,
                to.label()
            )
        }
        Event::ConcernHeldBack { concern, .. } => {
            format!(
                "Kept the concern \"{}\" to themselves",
                scenario.concern(*concern).summary
            )
        }
        Event::GapNamed { criterion, .. } => format!(
            "Named an open criterion: \"{}\"",
            scenario.file.criteria[*criterion].id
        ),
        Event::Committed { .. } => "The customer bought; the post-sale call begins".to_string(),
        Event::AdviceAsked { .. } => "Asked for advice: ready to hear a proposal".to_string(),
        Event::Ended { outcome, .. } => {
            format!("The call ended: {}", super::outcome_label(*outcome))
        }
        _ => return None,
    })
}

pub fn debrief(conversation: &Conversation) -> Debrief {
    let scenario = conversation.scenario();
    let state = conversation.state();
    let mut timeline = Vec::new();
    let mut head = Vec::new();
    let mut trust = vec![conversation.start_state().trust];
    for (i, t) in conversation.turns().iter().enumerate() {
        let mv = &scenario.file.moves[t.move_index];
        let (verdict, principle) = annotate(mv.kind, &t.events);
        timeline.push(Annotation {
            turn: i + 1,
            move_id: mv.id.clone(),
            move_text: conversation.trainee_line(i).to_string(),
            kind: mv.kind,
            verdict,
            principle,
            trust_after: t.after.trust,
            patience_after: t.after.patience,
        });
        trust.push(t.after.trust);
        // The customer's voice once per turn, even when one rule made several changes.
        let mut voiced: Vec<&str> = Vec::new();
        let changes = t
            .events
            .iter()
            .filter_map(|e| {
                let rule = e.rule()?;
                let voice = rule.customer_voice().filter(|v| !voiced.contains(v));
                voiced.extend(voice);
                Some(Change {
                    what: describe(scenario, e)?,
                    why: rule.explain().to_string(),
                    voice: voice.map(str::to_string),
                })
            })
            .collect();
        head.push(HeadTurn {
            turn: i + 1,
            move_text: mv.text.clone(),
            trust: t.after.trust,
            patience: t.after.patience,
            needs: (0..scenario.file.needs.len())
                .filter(|&n| t.after.is_active(n))
                .map(|n| (scenario.need(n).id.clone(), t.after.depth_of(n)))
                .collect(),
            concerns: scenario
                .file
                .concerns
                .iter()
                .enumerate()
                .filter(|&(c, _)| t.after.concern_active(c))
                .map(|(c, concern)| (concern.id.clone(), t.after.concerns[c]))
                .collect(),
            changes,
        });
    }
    let needs = (0..scenario.file.needs.len())
        .filter(|&n| state.is_active(n))
        .map(|n| {
            let need = scenario.need(n);
            let depth = state.depth_of(n);
            NeedReport {
                id: need.id.clone(),
                summary: need.summary.clone(),
                importance: need.importance,
                depth,
                found: depth == Depth::Explicit,
                suggestion: suggestion_for(scenario, n, depth),
            }
        })
        .collect();
    let missed_cues = missed_cues(conversation);
    Debrief {
        missed_cues,
        scenario_id: scenario.id().to_string(),
        seed: conversation.seed(),
        score: score(scenario, state),
        timeline,
        needs,
        trust,
        head,
        profile: profile(state),
    }
}

/// The cues in the customer's words the trainee did not act on, each with what it meant.
pub fn missed_cues(conversation: &Conversation) -> Vec<String> {
    let scenario = conversation.scenario();
    let s = conversation.state();
    let name = &scenario.file.customer.name;
    let said_at_start = |pool: &[std::sync::Arc<str>]| {
        conversation.opening().iter().find_map(|e| match e {
            Event::Said { text, .. } if pool.contains(text) => Some(text.to_string()),
            _ => None,
        })
    };
    // Who signs may be said later, once she trusts you (a gated budget holder).
    let said_in_call = |pool: &[std::sync::Arc<str>]| {
        said_at_start(pool).or_else(|| {
            conversation.turns().iter().find_map(|t| {
                t.events.iter().find_map(|e| match e {
                    Event::Said { text, .. } if pool.contains(text) => Some(text.to_string()),
                    _ => None,
                })
            })
        })
    };
    let mut out = Vec::new();
    let ended_as = if s.ended() { s.outcome } else { None };
    let asked_anyway = conversation.turns().iter().any(|t| {
        t.events
            .iter()
            .any(|e| e.rule() == Some(Rule::AskedBeyondAuthority))
    });
    if s.needs_budget_holder
        && (ended_as != Some(crate::scenario::Outcome::Advance) || asked_anyway)
        && let Some(cue) = scenario
            .file
            .decision
            .budget_holder
            .as_ref()
            .and_then(|b| said_in_call(&b.cue))
    {
        out.push(format!(
            "{name} said: \"{cue}\" That meant they could not sign alone: the right ending was a concrete next step ({}).",
            scenario.file.decision.next_step
        ));
    }
    let held_back = conversation.turns().iter().any(|t| {
        t.events.iter().any(|e| {
            matches!(
                e,
                Event::NeedHeldBack { .. } | Event::ConcernHeldBack { .. }
            )
        })
    });
    let guard_ignored = conversation.turns().iter().any(|t| {
        t.events
            .iter()
            .any(|e| e.rule() == Some(Rule::GuardIgnored))
    });
    if s.guarded
        && (held_back || guard_ignored)
        && let Some(cue) = scenario
            .file
            .customer
            .guarded
            .as_ref()
            .and_then(|g| said_at_start(&g.cue))
    {
        out.push(if guard_ignored {
            format!(
                "{name} said \"{cue}\" at the start, and the call went straight on to questions: she held her answer back. Acknowledge a wary customer's words first (a listening move), then ask."
            )
        } else {
            format!(
                "{name} said \"{cue}\" at the start: a guarded customer opens up only after her wariness is acknowledged, a clear purpose and listening, and some topics stayed closed."
            )
        });
    }
    for (c, concern) in scenario.file.concerns.iter().enumerate() {
        let Some(need) = scenario.concern_hints.get(c).copied().flatten() else {
            continue;
        };
        if s.concern_active(c)
            && s.depth[need] >= Depth::Surfaced as u8
            && s.concerns[c] == ConcernState::Latent
        {
            out.push(format!(
                "When {name} talked about \"{}\", that hinted at a worry: \"{}\". Exploring it would have brought it into the open.",
                scenario.need(need).summary,
                concern.summary
            ));
        }
    }
    let advice_turn = conversation.turns().iter().position(|t| {
        t.events
            .iter()
            .any(|e| matches!(e, Event::AdviceAsked { .. }))
    });
    if s.premature_proposals > 0 {
        out.push(match advice_turn {
            Some(t) => format!(
                "{name} asked for your advice only at turn {}: proposals before that were prescription before diagnosis.",
                t + 1
            ),
            None => format!(
                "{name} never asked for your advice (every key need explored, one made explicit or the options shown): proposing anyway was prescription before diagnosis."
            ),
        });
    }
    let unsaid = crate::engine::criteria::limitations(scenario, s.active) & !s.disclosed;
    if crate::engine::right_outcome(scenario, s) != crate::scenario::Outcome::MutualNoFit {
        for n in (0..scenario.file.needs.len()).filter(|n| unsaid & (1 << n) != 0) {
            if s.depth[n] >= Depth::Surfaced as u8 {
                out.push(format!(
                    "{name} raised \"{}\", which the product cannot fully meet, and was not told so.",
                    scenario.need(n).summary
                ));
            }
        }
    }
    out
}
