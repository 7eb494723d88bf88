//! Collaborate: proposals and co-design tied to explored needs, honesty about what the product
//! cannot do, and what the customer volunteers once the conversation has come far enough.

use super::{Sink, Step};
use crate::engine::criteria::{advice_due, first_unmet_criterion};
use crate::engine::rules::Rule;
use crate::engine::state::{ConcernState, Depth, Phase};
use crate::engine::{Event, Speaker};
use crate::scenario::{Fit, MoveKind, Reaction};

impl<S: Sink> Step<'_, S> {
    /// What the customer offers unasked, once the conversation has come far enough: the first
    /// concern on their mind once a solution is on the table (if they trust you enough to say
    /// it), and the request for advice once they have described what hurts.
    pub(super) fn volunteer(&mut self) {
        // Who signs, kept back until she trusts you.
        if self
            .scenario
            .file
            .decision
            .budget_holder
            .as_ref()
            .and_then(|b| b.trust_gate)
            .is_some_and(|g| i32::from(self.state.trust) >= g)
        {
            self.tell_who_signs();
        }
        if self.state.proposed != 0 {
            let next = self
                .scenario
                .file
                .concerns
                .iter()
                .enumerate()
                .find(|(i, c)| {
                    !c.after_sale
                        && self.state.concern_active(*i)
                        && self.state.concerns[*i] == ConcernState::Latent
                });
            if let Some((i, c)) = next
                && c.trust_gate
                    .is_none_or(|g| i32::from(self.state.trust) >= g)
            {
                self.set_concern(i, ConcernState::Raised, Rule::ConcernSurfacedByProposal);
            }
        }
        if !self.state.advice_asked && advice_due(self.scenario, self.state) {
            self.state.advice_asked = true;
            self.react(Reaction::AdviceAsked, false);
            if S::RECORDS {
                self.sink.push(Event::AdviceAsked {
                    rule: Rule::AdviceAsked,
                });
            }
        }
    }

    /// She says who signs, if she has not yet: once she trusts you, or, pushed, to push back
    /// ("It's not my decision anyway"). So a trick that lowers her trust never keeps it unsaid,
    /// and never makes asking for the order when she cannot give it any cheaper.
    pub(super) fn tell_who_signs(&mut self) {
        if !self.state.signer_pending {
            return;
        }
        self.state.signer_pending = false;
        if let Some(b) = &self.scenario.file.decision.budget_holder {
            let lines = if self.state.needs_budget_holder {
                b.cue.clone()
            } else {
                b.alone_cue.clone()
            };
            self.say_lines(&lines, 900);
        }
    }

    /// The customer says, in their words, the first buying criterion still open.
    pub(super) fn name_open_criterion(&mut self, rule: Rule) {
        if S::RECORDS
            && let Some(c) = first_unmet_criterion(self.scenario, self.state)
        {
            let text = self.scenario.file.criteria[c].text.as_str().into();
            self.sink.push(Event::Said {
                speaker: Speaker::Customer,
                text,
            });
            self.sink.push(Event::GapNamed { criterion: c, rule });
        }
    }

    pub(super) fn propose(&mut self, kind: MoveKind, needs: u16) {
        let (mut premature, mut irrelevant, mut cannot) = (false, false, false);
        let mut unexplored = false;
        let mut matched = 0u16;
        for n in 0..self.scenario.file.needs.len() {
            let bit = 1 << n;
            if needs & bit == 0 {
                continue;
            }
            if !self.state.is_active(n) {
                irrelevant = true;
            } else if self.state.depth[n] < Depth::Explored as u8 {
                premature = true;
                unexplored = true;
                self.state.proposed_early |= bit;
            } else if !self.state.advice_asked {
                premature = true;
                self.state.proposed_early |= bit;
            } else if self.scenario.need(n).fit == Fit::None {
                cannot = true;
            } else {
                matched |= bit;
            }
        }
        // A proposal before she asked for advice (or before the need was explored) shows she
        // was not heard: it costs what presuming costs, on top of its own price.
        if premature {
            self.state.presumed = self.state.presumed.saturating_add(1);
            self.state.premature_proposals = self.state.premature_proposals.saturating_add(1);
            let reaction = if unexplored {
                Reaction::ProposalPremature
            } else {
                Reaction::ProposalBeforeAdvice
            };
            self.react(reaction, false);
            self.lose(4, Rule::ProposalPremature);
        } else if cannot {
            self.state.bad_proposals = self.state.bad_proposals.saturating_add(1);
            self.react(Reaction::ProposalCannotFit, false);
            self.lose(4, Rule::ProposalCannotFit);
        } else if irrelevant {
            self.state.bad_proposals = self.state.bad_proposals.saturating_add(1);
            self.react(Reaction::ProposalIrrelevant, false);
            self.lose(3, Rule::ProposalIrrelevant);
        } else if matched != 0 {
            self.advance_phase(Phase::Collaborate);
            let new_proposed = (matched & !self.state.proposed).count_ones() as i16;
            self.state.proposed |= matched;
            if kind == MoveKind::CoDesign {
                let new_shaped = (matched & !self.state.co_designed).count_ones() as i16;
                self.state.co_designed |= matched;
                self.react(Reaction::CoDesigned, false);
                self.gain(2 * new_proposed + new_shaped, Rule::CoDesigned);
            } else {
                self.react(Reaction::ProposalWelcome, false);
                self.gain(2 * new_proposed, Rule::ProposalMatched);
            }
        }
    }

    /// Saying plainly what the product cannot do, for a need the customer has brought up.
    pub(super) fn disclose(&mut self, needs: u16, time: &mut i16, time_rule: &mut Rule) {
        let known = (0..self.scenario.file.needs.len()).filter(|&n| needs & (1 << n) != 0);
        let puzzling = known.clone().any(|n| {
            !self.state.is_active(n)
                || self.state.depth[n] < Depth::Surfaced as u8
                || self.scenario.need(n).fit == Fit::Full
        });
        if puzzling {
            self.state.presumed = self.state.presumed.saturating_add(1);
            self.react(Reaction::LimitationPuzzled, false);
            *time += 2;
            *time_rule = Rule::LimitationPuzzling;
            self.lose(1, Rule::LimitationPuzzling);
            return;
        }
        let fresh = known.fold(0u16, |acc, n| acc | 1 << n) & !self.state.disclosed;
        self.state.disclosed |= fresh;
        self.react(Reaction::LimitationDisclosed, true);
        self.gain(3 * fresh.count_ones() as i16, Rule::LimitationDisclosed);
    }
}
