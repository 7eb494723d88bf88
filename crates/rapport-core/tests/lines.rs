//! Every line the customer says fits the rule that fired: each reaction is used only in the
//! circumstances the guide's reaction table gives for it (checked here against the state before
//! the move, independently of the engine's own branches), and the line said for it comes from
//! that reaction's lines (the scenario's, the move's own reply where the table allows one, or
//! the plain line), over every shipped scenario, the starter, many seeds and every core player.

use rapport_core::engine::lines::generic_line;
use rapport_core::engine::{ConcernState, Conversation, Depth, Event, Phase, State};
use rapport_core::players::{PLAYER_NAMES, by_name};
use rapport_core::scenario::{Fit, Mood, MoveKind, Reaction, Scenario};
use std::sync::Arc;

mod common;
use common::shipped;

fn scenarios() -> Vec<(String, Arc<Scenario>)> {
    shipped()
        .into_iter()
        .chain([(
            "starter".to_string(),
            rapport_core::STARTER_SCENARIO.to_string(),
        )])
        .map(|(name, text)| {
            let scenario = rapport_core::scenario::parse(&text)
                .scenario
                .unwrap_or_else(|| panic!("{name} parses"));
            (name, scenario)
        })
        .collect()
}

/// The needs a move is about, as indices.
fn needs_of(scn: &Scenario, m: usize) -> Vec<usize> {
    let bits = scn.moves[m].needs;
    (0..scn.file.needs.len())
        .filter(|n| bits & (1 << n) != 0)
        .collect()
}

fn gated(gate: Option<i32>, s: &State) -> bool {
    gate.is_some_and(|g| i32::from(s.trust) < g)
}

/// Whether the guide's reaction table allows `reaction` for move `m` said in state `b`
/// (`a` is the state after it).
fn allowed(scn: &Scenario, reaction: Reaction, m: usize, b: &State, a: &State) -> bool {
    use MoveKind as K;
    use Reaction as R;
    let kind = scn.moves[m].kind;
    let question = matches!(kind, K::Problem | K::Implication | K::NeedPayoff);
    let proposal = matches!(kind, K::Propose | K::CoDesign);
    let needs = needs_of(scn, m);
    let concern = scn.moves[m].concern;
    match reaction {
        R::Rapport | R::RapportTooMuch => kind == K::Rapport,
        R::Purpose => kind == K::StatePurpose && !b.purpose_stated && b.phase == Phase::Contact,
        R::PurposeLate => kind == K::StatePurpose && !b.purpose_stated && b.phase != Phase::Contact,
        R::PurposeAgain => kind == K::StatePurpose && b.purpose_stated,
        R::SituationGeneral | R::SituationTooMany => kind == K::Situation,
        R::NotAnIssue => kind == K::Problem && needs.iter().any(|&n| !b.is_active(n)),
        R::NotYet => {
            matches!(kind, K::Implication | K::NeedPayoff)
                && needs.iter().any(|&n| {
                    let needed = if kind == K::Implication {
                        Depth::Surfaced
                    } else {
                        Depth::Explored
                    };
                    !b.is_active(n) || b.depth_of(n) < needed
                })
        }
        R::NotReadyToSay => {
            (question && needs.iter().any(|&n| gated(scn.need(n).trust_gate, b)))
                || concern.is_some_and(|c| gated(scn.concern(c).trust_gate, b))
        }
        R::AlreadySaid => {
            (question && needs.iter().any(|&n| b.depth[n] > 0))
                || (kind == K::ExploreConcern
                    && concern.is_some_and(|c| b.concerns[c] == ConcernState::Resolved))
                || (kind == K::AskCommitment && b.ordered)
        }
        R::AskedAgain => b.was_used(m),
        R::Listened => kind == K::Listen && b.info > b.info_at_listen,
        R::GuardHeard => kind == K::Listen && b.guard_up,
        R::GuardIgnored => b.guard_up,
        R::SummaryAccepted => kind == K::Summarize && b.info > b.info_at_check,
        R::SummaryWrong => kind == K::Summarize,
        R::Understood | R::Agreed | R::WhatIsMissing => kind == K::CheckUnderstanding,
        R::NothingNew => match kind {
            K::Listen => b.info == b.info_at_listen,
            K::Summarize | K::CheckUnderstanding => b.info == b.info_at_check,
            _ => false,
        },
        R::Educated => kind == K::Educate && (0..8).any(|n| b.depth[n] >= Depth::Explored as u8),
        R::Lectured => kind == K::Educate,
        R::AdviceAsked => a.advice_asked && !b.advice_asked,
        R::ProposalWelcome | R::CoDesigned => proposal,
        R::ProposalPremature => {
            proposal
                && needs
                    .iter()
                    .any(|&n| b.is_active(n) && b.depth_of(n) < Depth::Explored)
        }
        R::ProposalBeforeAdvice => {
            proposal
                && !b.advice_asked
                && needs
                    .iter()
                    .all(|&n| !b.is_active(n) || b.depth_of(n) >= Depth::Explored)
        }
        R::ProposalIrrelevant => proposal && needs.iter().any(|&n| !b.is_active(n)),
        R::ProposalCannotFit => proposal && needs.iter().any(|&n| scn.need(n).fit == Fit::None),
        R::LimitationDisclosed | R::LimitationPuzzled => kind == K::DiscloseLimitation,
        R::ConcernNone => {
            kind == K::ExploreConcern
                && concern.is_some_and(|c| {
                    !b.concern_active(c) || (scn.concern(c).after_sale && !b.ordered)
                })
        }
        R::ConcernTooEarly => {
            kind == K::ExploreConcern
                && concern.is_some_and(|c| b.concerns[c] == ConcernState::Latent)
        }
        R::ConcernAskedAgain => {
            kind == K::ExploreConcern
                && concern.is_some_and(|c| b.concerns[c] == ConcernState::Raised)
        }
        R::AnswerMissed | R::AnswerUnasked | R::AnswerAgain => kind == K::AnswerConcern,
        R::CommitmentNotReady | R::Ordered => kind == K::AskCommitment && !b.ordered,
        R::CannotDecideAlone => {
            kind == K::AskCommitment
                && rapport_core::engine::right_outcome(scn, b)
                    == rapport_core::scenario::Outcome::Advance
        }
        R::NextStepAgreed | R::BrochurePlease => kind == K::AgreeNextSteps && !b.ordered,
        R::NoFitAgreed | R::NoFitPuzzled => kind == K::RecommendNoFit,
        R::FollowUpTooEarly => kind == K::FollowUp && !b.ordered,
        R::FollowUpThanks => matches!(kind, K::FollowUp | K::AgreeNextSteps) && b.ordered,
        R::Pressured => kind.is_close() || kind == K::SummaryPileOn,
        R::Rebutted => kind == K::RebutObjection,
        R::FeatureDumped => kind == K::FeatureDump,
        R::Irritated => kind == K::Irritator,
        R::Walkout => a.walked_out,
    }
}

/// Reactions whose move may say its own `reply` instead (the table's "reply" column).
fn takes_own_reply(reaction: Reaction) -> bool {
    use Reaction as R;
    matches!(
        reaction,
        R::Rapport
            | R::Purpose
            | R::SituationGeneral
            | R::Listened
            | R::Educated
            | R::LimitationDisclosed
            | R::FollowUpThanks
            | R::Pressured
            | R::Rebutted
            | R::FeatureDumped
            | R::Irritated
    )
}

fn written_for(scn: &Scenario, reaction: Reaction, m: usize, line: &str) -> bool {
    let moods = [Mood::Any, Mood::Guarded, Mood::Neutral, Mood::Warm];
    line == generic_line(reaction)
        || moods
            .iter()
            .any(|&mood| scn.replies(reaction, mood).iter().any(|l| &**l == line))
        || scn
            .file
            .replies
            .iter()
            .any(|r| r.on == reaction && r.lines.iter().any(|l| &**l == line))
        || (takes_own_reply(reaction) && scn.file.moves[m].reply.iter().any(|l| &**l == line))
}

#[test]
fn every_reaction_fires_only_where_the_guide_says_and_its_line_was_written_for_it() {
    let mut failures = Vec::new();
    let mut reactions_seen = std::collections::BTreeSet::new();
    for (name, scn) in scenarios() {
        for seed in 0..12 {
            for player in PLAYER_NAMES {
                let Some(mut p) = by_name(player, seed) else {
                    continue;
                };
                let mut c = Conversation::start(scn.clone(), seed);
                for _ in 0..120 {
                    let before = *c.state();
                    let Some(m) = p.choose(&scn, &before) else {
                        break;
                    };
                    let Ok(events) = c.choose(m) else {
                        break;
                    };
                    let events: Vec<Event> = events.to_vec();
                    let after = *c.state();
                    for (i, e) in events.iter().enumerate() {
                        let Event::Reacted { reaction } = e else {
                            continue;
                        };
                        reactions_seen.insert(format!("{reaction:?}"));
                        let id = &scn.file.moves[m].id;
                        if !allowed(&scn, *reaction, m, &before, &after) {
                            failures.push(format!(
                                "{name} seed {seed} {player} turn {}: {reaction:?} after \"{id}\" where the guide does not use it",
                                before.turn + 1
                            ));
                        }
                        if let Some(Event::Said { text, .. }) = events.get(i + 1)
                            && !written_for(&scn, *reaction, m, text)
                        {
                            failures.push(format!(
                                "{name} seed {seed} {player}: under {reaction:?} after \"{id}\" she said a line written for something else: \"{text}\""
                            ));
                        }
                    }
                    if c.state().ended() {
                        break;
                    }
                }
            }
        }
    }
    failures.sort();
    failures.dedup();
    assert!(
        failures.is_empty(),
        "{} problems, first 30:\n{}",
        failures.len(),
        failures
            .iter()
            .take(30)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(
        reactions_seen.len() >= 35,
        "the players met only {} reactions: {reactions_seen:?}",
        reactions_seen.len()
    );
}
