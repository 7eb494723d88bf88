//! Explore: SPIN questions that take a need deeper, concerns explored, and the summaries and
//! checks of understanding that confirm as you go.

use super::{Sink, Step};
use crate::engine::Event;
use crate::engine::criteria::{criteria_met, known_no_fit};
use crate::engine::offer::concern_hinted;
use crate::engine::rules::Rule;
use crate::engine::state::{ConcernState, Depth, Phase};
use crate::engine::style::StyleTraits;
use crate::scenario::{MoveKind, Reaction};

impl<S: Sink> Step<'_, S> {
    pub(super) fn question(
        &mut self,
        kind: MoveKind,
        need: usize,
        repeat: bool,
        time: &mut i16,
        time_rule: &mut Rule,
    ) {
        self.advance_phase(Phase::Explore);
        let (from, rule) = match kind {
            MoveKind::Problem => (Depth::Unknown, Rule::NeedSurfaced),
            MoveKind::Implication => (Depth::Surfaced, Rule::NeedExplored),
            _ => (Depth::Explored, Rule::NeedMadeExplicit),
        };
        let depth = self.state.depth_of(need);
        let gate = self.scenario.need(need).trust_gate;
        if !self.state.is_active(need) && kind == MoveKind::Problem {
            if self.state.ruled_out & (1 << need) == 0 {
                self.state.ruled_out |= 1 << need;
                self.state.info = self.state.info.saturating_add(1);
            }
            self.react(Reaction::NotAnIssue, false);
        } else if !self.state.is_active(need) || depth < from {
            // Implications or value of a problem she never mentioned (or said she does not
            // have): the question presumes. "I didn't say that was a problem."
            *time += super::EMPTY_TIME;
            *time_rule = Rule::QuestionTooEarly;
            self.react(Reaction::NotYet, false);
            self.state.presumed = self.state.presumed.saturating_add(1);
            self.lose(super::PRESUME_TRUST, Rule::QuestionTooEarly);
        } else if depth > from {
            let reaction = if repeat {
                Reaction::AskedAgain
            } else {
                Reaction::AlreadySaid
            };
            self.react(reaction, false);
        } else if gate.is_some_and(|g| (self.state.trust as i32) < g) {
            self.state.held_back |= 1 << need;
            self.unanswered();
            if S::RECORDS {
                self.sink.push(Event::NeedHeldBack {
                    need,
                    rule: Rule::TrustGateClosed,
                });
                let lines = self.scenario.need(need).guarded.clone();
                if !self.say_lines(&lines, 400 + need as u64) {
                    self.react(Reaction::NotReadyToSay, false);
                }
            }
        } else {
            self.deepen(need, rule);
            if S::RECORDS {
                let n = self.scenario.need(need);
                let lines = match kind {
                    MoveKind::Problem => n.surfaced.clone(),
                    MoveKind::Implication => n.explored.clone(),
                    _ => n.explicit.clone(),
                };
                self.say_lines(&lines, 100 + need as u64);
            }
            let gain = match kind {
                MoveKind::Problem => 1,
                MoveKind::Implication => 2,
                _ => 3,
            };
            self.gain(gain, rule);
        }
    }

    pub(super) fn explore_concern(
        &mut self,
        c: usize,
        repeat: bool,
        time: &mut i16,
        time_rule: &mut Rule,
    ) {
        let concern = self.scenario.concern(c);
        let open = concern
            .trust_gate
            .is_none_or(|g| self.state.trust as i32 >= g);
        let answerable = self.scenario.answered_concerns & (1 << c) != 0;
        match self.state.concerns[c] {
            _ if !self.state.concern_active(c) || (concern.after_sale && !self.state.ordered) => {
                self.react(Reaction::ConcernNone, false);
            }
            ConcernState::Latent if !concern_hinted(self.scenario, c, self.state) => {
                // Doubts before she has said anything that leads there.
                *time += super::EMPTY_TIME;
                *time_rule = Rule::ConcernTooEarly;
                self.state.presumed = self.state.presumed.saturating_add(1);
                self.react(Reaction::ConcernTooEarly, false);
            }
            ConcernState::Latent if !open => {
                self.unanswered();
                if S::RECORDS {
                    self.sink.push(Event::ConcernHeldBack {
                        concern: c,
                        rule: Rule::ConcernHidden,
                    });
                    let lines = concern.guarded.clone();
                    if !self.say_lines(&lines, 600 + c as u64) {
                        self.react(Reaction::NotReadyToSay, false);
                    }
                }
            }
            ConcernState::Latent => {
                self.set_concern(c, ConcernState::Raised, Rule::ConcernVoiced);
            }
            // She has said what worries her: it is settled by an answer, not a second question.
            ConcernState::Raised if answerable => {
                *time += super::EMPTY_TIME;
                *time_rule = Rule::ConcernAskedAgain;
                self.state.presumed = self.state.presumed.saturating_add(1);
                self.react(Reaction::ConcernAskedAgain, false);
            }
            ConcernState::Raised => {
                self.set_concern(c, ConcernState::Resolved, Rule::ConcernResolved);
            }
            ConcernState::Hardened => {
                self.set_concern(c, ConcernState::Raised, Rule::ConcernSoftened);
            }
            ConcernState::Resolved => {
                let reaction = if repeat {
                    Reaction::AskedAgain
                } else {
                    Reaction::AlreadySaid
                };
                self.react(reaction, false);
            }
        }
    }

    /// An answer to a worry: it settles the voiced concern it was written for; any other
    /// answer misses (or presumes a worry she never voiced) and costs the same whatever she has
    /// said, so knowing more never makes an answer cost more.
    pub(super) fn answer_concern(&mut self, settles: u16, time: &mut i16, time_rule: &mut Rule) {
        let count = self.scenario.file.concerns.len();
        let live = |s: &crate::engine::state::State, c: usize| {
            s.concern_active(c) && (!self.scenario.concern(c).after_sale || s.ordered)
        };
        let mine = |c: usize| settles & (1 << c) != 0;
        if let Some(c) = (0..count).find(|&c| {
            mine(c) && live(self.state, c) && self.state.concerns[c] == ConcernState::Raised
        }) {
            self.set_concern(c, ConcernState::Resolved, Rule::ConcernResolved);
            return;
        }
        if (0..count).any(|c| {
            mine(c) && live(self.state, c) && self.state.concerns[c] == ConcernState::Resolved
        }) {
            self.react(Reaction::AnswerAgain, false);
            return;
        }
        let voiced = (0..count).any(|c| {
            live(self.state, c)
                && matches!(
                    self.state.concerns[c],
                    ConcernState::Raised | ConcernState::Hardened
                )
        });
        let (reaction, rule) = if voiced {
            (Reaction::AnswerMissed, Rule::AnswerMissed)
        } else {
            (Reaction::AnswerUnasked, Rule::AnswerUnasked)
        };
        self.react(reaction, false);
        self.state.presumed = self.state.presumed.saturating_add(1);
        *time += super::EMPTY_TIME;
        *time_rule = rule;
        self.lose(super::WRONG_ANSWER_TRUST, rule);
    }

    /// A summary or a check of understanding; false when it had nothing to work on.
    pub(super) fn check(&mut self, kind: MoveKind, about: u16, style: &StyleTraits) -> bool {
        // A summary naming a need the customer never mentioned puts words in their mouth.
        let wrong = (0..16).any(|n| about & (1 << n) != 0 && self.state.depth[n] == 0);
        if wrong {
            self.react(Reaction::SummaryWrong, false);
            self.lose(3, Rule::SummaryWrong);
            return true;
        }
        let proposal_ready = self.state.proposed != 0 && criteria_met(self.scenario, self.state);
        let no_fit_ready = known_no_fit(self.scenario, self.state);
        if kind == MoveKind::Summarize {
            let news = i32::from(self.state.info.saturating_sub(self.state.info_at_check));
            if news > 0 {
                self.state.info_at_check = self.state.info;
                self.state.useful_checks = self.state.useful_checks.saturating_add(1);
                self.react(Reaction::SummaryAccepted, false);
                self.gain_q(style.summary_q * news, Rule::SummaryAccurate);
                return true;
            }
            self.react(Reaction::NothingNew, false);
            return false;
        }
        // Testing understanding asks for the customer's opinion: it covers the news as a
        // summary does, confirms agreement once there is something to agree on, and otherwise
        // invites what is still missing.
        let news = i32::from(self.state.info.saturating_sub(self.state.info_at_check));
        if news > 0 {
            self.state.info_at_check = self.state.info;
            self.state.useful_checks = self.state.useful_checks.saturating_add(1);
            self.gain_q(style.summary_q * news, Rule::UnderstandingTested);
        }
        if (proposal_ready || no_fit_ready) && !self.state.confirmed {
            self.state.confirmed = true;
            self.react(Reaction::Agreed, false);
            if S::RECORDS {
                self.sink.push(Event::AgreementConfirmed);
            }
            self.gain(style.agreement_trust, Rule::AgreementConfirmed);
            self.advance_phase(Phase::Confirm);
        } else if self.state.proposed != 0 && !proposal_ready {
            self.react(Reaction::WhatIsMissing, false);
            self.name_open_criterion(Rule::CheckFoundGap);
        } else if news > 0 {
            self.react(Reaction::Understood, false);
        } else {
            self.react(Reaction::NothingNew, false);
            return false;
        }
        true
    }
}
