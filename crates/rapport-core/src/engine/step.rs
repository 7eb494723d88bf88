//! What each kind of move does to the customer. This is the one place the rules live: the
//! scenario supplies the words, this file decides the consequences.
//!
//! The rules keep one promise that makes the honesty invariant hold by construction: a
//! conversation that knows more (deeper needs, concerns further along, more trust, more time)
//! never fares worse with the same honest move than one that knows less. So
//! - every trust gain is earned once, for a piece of progress (a need deepened, a concern
//!   voiced or resolved, news acknowledged or summarised), and never again;
//! - time costs depend on the moves played (a repeat, the fifth situation question), or fall
//!   on the less-informed side (a question asked too early), never on the better-informed one;
//! - what the customer volunteers (a concern after a proposal, asking for advice) follows from
//!   progress alone, in a fixed order;
//! - a manipulative move only takes away: trust, time, a concern's resolution.

use super::criteria::{
    advice_due, criteria_met, first_unmet_criterion, gap_described, known_no_fit, no_fit_situation,
    ready_to_commit, right_outcome,
};
use super::lines::{generic_line, pick_line};
use super::rules::Rule;
use super::state::{ConcernState, Depth, Phase, State};
use super::style::{StyleTraits, pressure_cost, traits};
use super::{Event, Speaker};
use crate::scenario::{Fit, MoveKind, Outcome, Reaction, Scenario, SocialStyle};
use std::sync::Arc;

/// Receives the events of a step. The search uses a sink that records nothing, so it pays
/// for no text and no allocation.
pub trait Sink {
    const RECORDS: bool;
    fn push(&mut self, event: Event);
}

/// Records nothing.
pub struct Discard;

impl Sink for Discard {
    const RECORDS: bool = false;
    #[inline]
    fn push(&mut self, _: Event) {}
}

impl Sink for Vec<Event> {
    const RECORDS: bool = true;
    fn push(&mut self, event: Event) {
        Vec::push(self, event);
    }
}

/// Patience every move spends.
const BASE_TIME: i16 = 2;
/// Extra time a repeated move spends.
const REPEAT_TIME: i16 = 2;
/// Below this trust the customer ends the call.
pub const TRUST_FLOOR: i16 = 10;

/// Applies one move. `seed` only picks line variants; the consequences depend on the state.
pub struct Step<'a, S: Sink> {
    pub scenario: &'a Scenario,
    pub state: &'a mut State,
    pub seed: u64,
    pub sink: &'a mut S,
    pub move_index: usize,
}

impl<S: Sink> Step<'_, S> {
    fn style(&self) -> StyleTraits {
        traits(self.scenario.file.customer.style)
    }

    fn say_lines(&mut self, lines: &[Arc<str>], salt: u64) -> bool {
        if !S::RECORDS {
            return !lines.is_empty();
        }
        match pick_line(lines, self.seed, self.state.turn, salt) {
            Some(text) => {
                self.sink.push(Event::Said {
                    speaker: Speaker::Customer,
                    text,
                });
                true
            }
            None => false,
        }
    }

    /// The customer's reply: this move's own reply if it has one and `own` is allowed,
    /// else the scenario's lines for the reaction, else a built-in generic line.
    fn react(&mut self, reaction: Reaction, own: bool) {
        if !S::RECORDS {
            return;
        }
        let scenario = self.scenario;
        let own_lines = &scenario.file.moves[self.move_index].reply;
        if own && self.say_lines(own_lines, self.move_index as u64) {
            return;
        }
        let lines = scenario.replies(reaction, self.state.mood());
        if !self.say_lines(lines, reaction as u64 + 1000) {
            self.sink.push(Event::Said {
                speaker: Speaker::Customer,
                text: generic_line(reaction).into(),
            });
        }
    }

    /// Re-reads trust from its ledger and records the change under `rule`.
    fn settle_trust(&mut self, rule: Rule) {
        let s = &mut *self.state;
        let from = s.trust;
        let raw = i32::from(s.start_trust) + (s.trust_gained_q - s.trust_lost_q).div_euclid(4);
        let to = raw.clamp(0, i32::from(self.scenario.trust_ceiling)) as i16;
        s.trust = to;
        s.trust_lost = (s.trust_lost_q / 4).clamp(0, i32::from(u16::MAX)) as u16;
        if to != from {
            // More trust: a customer who held back may open up now.
            if to > from {
                s.held_back = 0;
            }
            if S::RECORDS {
                self.sink.push(Event::TrustChanged { from, to, rule });
            }
        }
    }

    /// Trust earned by a piece of progress, in quarter points.
    fn gain_q(&mut self, quarters: i32, rule: Rule) {
        if quarters > 0 {
            self.state.trust_gained_q += quarters;
            self.settle_trust(rule);
        }
    }

    fn gain(&mut self, points: i16, rule: Rule) {
        self.gain_q(i32::from(points) * 4, rule);
    }

    fn lose(&mut self, points: i16, rule: Rule) {
        if points > 0 {
            self.state.trust_lost_q += i32::from(points) * 4;
            self.settle_trust(rule);
        }
    }

    fn patience(&mut self, cost: i16, rule: Rule) {
        let from = self.state.patience;
        let to = (from - cost).max(0);
        self.state.patience = to;
        if S::RECORDS && to != from {
            self.sink.push(Event::PatienceChanged { from, to, rule });
        }
    }

    fn deepen(&mut self, need: usize, rule: Rule) {
        self.state.depth[need] += 1;
        self.state.info = self.state.info.saturating_add(1);
        self.state.held_back &= !(1 << need);
        if S::RECORDS {
            let depth = self.state.depth_of(need);
            self.sink.push(Event::NeedDeepened { need, depth, rule });
        }
    }

    fn set_concern(&mut self, concern: usize, to: ConcernState, rule: Rule) {
        let from = self.state.concerns[concern];
        if from == to {
            return;
        }
        self.state.concerns[concern] = to;
        let bit = 1u16 << concern;
        if S::RECORDS {
            self.sink.push(Event::ConcernChanged {
                concern,
                from,
                to,
                rule,
            });
            let c = self.scenario.concern(concern);
            let lines = match to {
                ConcernState::Raised => &c.raised,
                ConcernState::Resolved => &c.resolved,
                ConcernState::Hardened => &c.hardened,
                ConcernState::Latent => &c.guarded,
            };
            self.say_lines(lines, 500 + concern as u64);
        }
        // Trust and news count the first time only, so a concern hardened by a trick and
        // worked through again pays nothing twice.
        match to {
            ConcernState::Raised if self.state.ever_raised & bit == 0 => {
                self.state.ever_raised |= bit;
                self.state.info = self.state.info.saturating_add(1);
                self.gain(1, Rule::ConcernVoiced);
            }
            ConcernState::Resolved => {
                if self.state.ever_raised & bit == 0 {
                    self.state.ever_raised |= bit;
                    self.state.info = self.state.info.saturating_add(1);
                }
                if self.state.ever_resolved & bit == 0 {
                    self.state.ever_resolved |= bit;
                    self.state.info = self.state.info.saturating_add(1);
                    self.gain(3, Rule::ConcernResolved);
                }
            }
            _ => {}
        }
    }

    fn phase(&mut self, to: Phase) {
        let from = self.state.phase;
        if from == to {
            return;
        }
        self.state.phase = to;
        if S::RECORDS {
            self.sink.push(Event::PhaseChanged { from, to });
        }
    }

    /// Moves the phase forward only (a late question does not send the call back to Explore).
    fn advance_phase(&mut self, to: Phase) {
        let order = |p: Phase| match p {
            Phase::Contact => 0,
            Phase::Explore => 1,
            Phase::Collaborate => 2,
            Phase::Confirm => 3,
            Phase::Assure => 4,
            Phase::Ended => 5,
        };
        if order(to) > order(self.state.phase) {
            self.phase(to);
        }
    }

    fn end(&mut self, outcome: Outcome, rule: Rule) {
        self.state.outcome = Some(outcome);
        self.phase(Phase::Ended);
        if S::RECORDS {
            self.sink.push(Event::Ended { outcome, rule });
        }
    }

    /// Ends a call that already made its sale: the outcome stays an order.
    fn end_after_sale(&mut self, rule: Rule) {
        self.end(Outcome::Order, rule);
    }

    /// An order: the call ends, or the post-sale phase begins if the scenario has one. The
    /// post-sale call goes on with the time that is left.
    fn order(&mut self, rule: Rule) {
        self.state.ordered = true;
        if self.scenario.has_post_sale() {
            self.state.outcome = Some(Outcome::Order);
            if S::RECORDS {
                self.sink.push(Event::Committed { rule });
            }
            self.phase(Phase::Assure);
            if S::RECORDS {
                let post = self
                    .scenario
                    .file
                    .post_sale
                    .as_ref()
                    .expect("checked above");
                self.sink.push(Event::Said {
                    speaker: Speaker::Narrator,
                    text: post.intro.as_str().into(),
                });
                let opening = post.opening.clone();
                self.say_lines(&opening, 77);
            }
            for (i, c) in self.scenario.file.concerns.iter().enumerate() {
                if c.after_sale
                    && self.state.concern_active(i)
                    && self.state.concerns[i] == ConcernState::Latent
                {
                    self.set_concern(i, ConcernState::Raised, Rule::PostSaleBegins);
                }
            }
        } else {
            self.end(Outcome::Order, rule);
        }
    }

    pub fn run(mut self) {
        let mv = self.scenario.moves[self.move_index];
        if S::RECORDS {
            self.sink.push(Event::MoveChosen {
                index: self.move_index,
            });
        }
        let repeat = self.state.was_used(self.move_index);
        if self.move_index < 128 {
            self.state.used |= 1u128 << self.move_index;
        }
        self.state.turn += 1;
        self.state.moves = self.state.moves.saturating_add(1);
        let kind = mv.kind;
        if kind.is_question() {
            self.state.questions = self.state.questions.saturating_add(1);
        }
        if kind.is_close() || kind == MoveKind::SummaryPileOn {
            self.state.closes = self.state.closes.saturating_add(1);
        }
        let mut time = BASE_TIME;
        let mut time_rule = Rule::TimePasses;
        if repeat && !kind.is_manipulative() {
            time += REPEAT_TIME;
            time_rule = Rule::AskedAgain;
        }
        let style = self.style();

        match kind {
            MoveKind::StatePurpose => {
                if self.state.purpose_stated {
                    time += 2;
                    time_rule = Rule::PurposeRepeated;
                    self.react(Reaction::PurposeAgain, false);
                } else {
                    self.state.purpose_stated = true;
                    self.react(Reaction::Purpose, true);
                    self.gain(5, Rule::PurposeStated);
                }
            }
            MoveKind::Rapport => {
                self.state.rapport_moves = self.state.rapport_moves.saturating_add(1);
                if self.state.rapport_moves <= style.rapport_welcome {
                    self.react(Reaction::Rapport, true);
                    self.gain(style.rapport_trust, Rule::RapportWelcome);
                } else {
                    self.react(Reaction::RapportTooMuch, false);
                    time += 4;
                    time_rule = Rule::RapportTooMuch;
                    if self.scenario.file.customer.style == SocialStyle::Director {
                        self.lose(2, Rule::RapportTooMuch);
                    }
                }
            }
            MoveKind::Situation => {
                self.advance_phase(Phase::Explore);
                self.state.situation_asked = self.state.situation_asked.saturating_add(1);
                if repeat {
                    self.react(Reaction::AskedAgain, false);
                } else if self.state.situation_asked > style.situation_ok {
                    self.react(Reaction::SituationTooMany, false);
                    time += 3;
                    time_rule = Rule::SituationTooMany;
                    self.lose(2, Rule::SituationTooMany);
                } else {
                    let spoke = match mv.first_need() {
                        Some(n) if self.state.is_active(n) => {
                            let lines = self.scenario.need(n).situation.clone();
                            S::RECORDS && self.say_lines(&lines, 300 + n as u64)
                        }
                        _ => false,
                    };
                    if !spoke {
                        self.react(Reaction::SituationGeneral, true);
                    }
                }
            }
            MoveKind::Problem | MoveKind::Implication | MoveKind::NeedPayoff => {
                self.question(
                    kind,
                    mv.first_need().unwrap_or(0),
                    repeat,
                    &mut time,
                    &mut time_rule,
                );
            }
            MoveKind::Listen => {
                let news = i32::from(self.state.info.saturating_sub(self.state.info_at_listen));
                if news > 0 {
                    self.state.info_at_listen = self.state.info;
                    self.react(Reaction::Listened, true);
                    self.gain_q(style.listen_q * news, Rule::Listened);
                } else {
                    self.react(Reaction::NothingNew, false);
                }
            }
            MoveKind::Summarize | MoveKind::CheckUnderstanding => {
                if kind == MoveKind::Summarize {
                    self.state.summaries = self.state.summaries.saturating_add(1);
                } else {
                    self.state.tests_understanding =
                        self.state.tests_understanding.saturating_add(1);
                }
                self.check(kind, mv.needs, &style);
            }
            MoveKind::Educate => {
                self.state.educated = self.state.educated.saturating_add(1);
                if gap_described(self.state) {
                    self.react(Reaction::Educated, true);
                    if !self.state.educated_well {
                        self.state.educated_well = true;
                        let points = if style.likes_education { 3 } else { 2 };
                        self.gain(points, Rule::EducationAfterGap);
                    }
                } else {
                    self.react(Reaction::Lectured, false);
                    time += 2;
                    time_rule = Rule::EducationLecture;
                    self.lose(1, Rule::EducationLecture);
                }
            }
            MoveKind::Propose | MoveKind::CoDesign => self.propose(kind, mv.needs),
            MoveKind::DiscloseLimitation => self.disclose(mv.needs, &mut time, &mut time_rule),
            MoveKind::ExploreConcern => {
                let c = mv.concern.unwrap_or(0);
                self.explore_concern(c, repeat);
            }
            MoveKind::AskCommitment => {
                if self.state.ordered {
                    self.react(Reaction::AlreadySaid, false);
                } else if ready_to_commit(self.scenario, self.state) && self.state.confirmed {
                    match right_outcome(self.scenario, self.state) {
                        Outcome::Advance => {
                            // Ready, but not theirs to decide: the cue for a next step. A
                            // customer who said so at the start feels unheard.
                            self.react(Reaction::CannotDecideAlone, false);
                            if self.state.needs_budget_holder {
                                time += 2;
                                time_rule = Rule::AskedBeyondAuthority;
                                self.lose(2, Rule::AskedBeyondAuthority);
                            }
                        }
                        _ => {
                            self.react(Reaction::Ordered, false);
                            self.order(Rule::CommitmentEarned);
                        }
                    }
                } else {
                    self.react(Reaction::CommitmentNotReady, false);
                    self.name_open_criterion(Rule::CommitmentPremature);
                    time += 2;
                    time_rule = Rule::CommitmentPremature;
                    self.lose(3, Rule::CommitmentPremature);
                }
            }
            MoveKind::AgreeNextSteps => {
                if self.state.ordered {
                    self.react(Reaction::FollowUpThanks, false);
                    self.follow_up();
                } else if ready_to_commit(self.scenario, self.state) {
                    self.react(Reaction::NextStepAgreed, false);
                    if S::RECORDS {
                        let step = self.scenario.file.decision.next_step.as_str().into();
                        self.sink.push(Event::Said {
                            speaker: Speaker::Narrator,
                            text: step,
                        });
                    }
                    self.end(Outcome::Advance, Rule::NextStepAgreed);
                } else {
                    self.react(Reaction::BrochurePlease, false);
                    self.end(Outcome::Continuation, Rule::NoCommitment);
                }
            }
            MoveKind::RecommendNoFit => {
                if self.state.ordered {
                    self.react(Reaction::NoFitPuzzled, false);
                    self.end_after_sale(Rule::NoFitWrong);
                } else if no_fit_situation(self.scenario, self.state.active) {
                    self.react(Reaction::NoFitAgreed, false);
                    if known_no_fit(self.scenario, self.state) {
                        self.state.no_fit_founded = true;
                        self.gain(8, Rule::NoFitHonest);
                        self.end(Outcome::MutualNoFit, Rule::NoFitHonest);
                    } else {
                        self.end(Outcome::MutualNoFit, Rule::NoFitUnfounded);
                    }
                } else {
                    self.react(Reaction::NoFitPuzzled, false);
                    self.end(Outcome::MutualNoFit, Rule::NoFitWrong);
                }
            }
            MoveKind::FollowUp => {
                if self.state.ordered {
                    self.react(Reaction::FollowUpThanks, true);
                    self.follow_up();
                } else {
                    self.react(Reaction::FollowUpTooEarly, false);
                    time += 2;
                    time_rule = Rule::FollowUpTooEarly;
                }
            }
            MoveKind::RebutObjection => {
                self.state.manipulative = self.state.manipulative.saturating_add(1);
                let c = mv.concern.unwrap_or(0);
                self.react(Reaction::Rebutted, true);
                let cost = pressure_cost(kind) * style.pressure_quarters / 4;
                self.lose(cost, Rule::Rebuttal);
                if matches!(
                    self.state.concerns[c],
                    ConcernState::Raised | ConcernState::Resolved
                ) {
                    self.set_concern(c, ConcernState::Hardened, Rule::ConcernHardenedByRebuttal);
                }
                time += 1;
                time_rule = Rule::Rebuttal;
            }
            MoveKind::FeatureDump | MoveKind::Irritator => {
                self.state.manipulative = self.state.manipulative.saturating_add(1);
                let (reaction, rule, extra) = if kind == MoveKind::FeatureDump {
                    (Reaction::FeatureDumped, Rule::FeatureDump, 5)
                } else {
                    self.state.irritators = self.state.irritators.saturating_add(1);
                    (Reaction::Irritated, Rule::Irritator, 1)
                };
                self.react(reaction, true);
                let cost = pressure_cost(kind) * style.pressure_quarters / 4;
                self.lose(cost, rule);
                time += extra;
                time_rule = rule;
            }
            _ => {
                // Every closing trick.
                debug_assert!(kind.is_close() || kind == MoveKind::SummaryPileOn);
                self.state.manipulative = self.state.manipulative.saturating_add(1);
                self.react(Reaction::Pressured, true);
                let cost = pressure_cost(kind) * style.pressure_quarters / 4;
                self.lose(cost, Rule::Pressure);
                for i in 0..self.scenario.file.concerns.len() {
                    if self.state.concerns[i] == ConcernState::Raised {
                        self.set_concern(
                            i,
                            ConcernState::Hardened,
                            Rule::ConcernHardenedByPressure,
                        );
                    }
                }
                time += 2;
                time_rule = Rule::Pressure;
            }
        }

        if self.state.phase == Phase::Ended {
            return;
        }
        self.volunteer();
        self.patience(time, time_rule);
        if self.state.trust < TRUST_FLOOR {
            self.walk_out(Rule::TrustBroken);
        } else if self.state.patience <= 0 {
            self.walk_out(Rule::PatienceRanOut);
        }
    }

    /// What the customer offers unasked, once the conversation has come far enough: the first
    /// concern on their mind once a solution is on the table (if they trust you enough to say
    /// it), and the request for advice once they have described what hurts.
    fn volunteer(&mut self) {
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

    fn question(
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
        if !self.state.is_active(need) {
            if kind == MoveKind::Problem {
                if self.state.ruled_out & (1 << need) == 0 {
                    self.state.ruled_out |= 1 << need;
                    self.state.info = self.state.info.saturating_add(1);
                }
            } else {
                self.lose(1, Rule::QuestionTooEarly);
            }
            self.react(Reaction::NotAnIssue, false);
        } else if depth > from {
            let reaction = if repeat {
                Reaction::AskedAgain
            } else {
                Reaction::AlreadySaid
            };
            self.react(reaction, false);
        } else if depth < from {
            *time += 2;
            *time_rule = Rule::QuestionTooEarly;
            self.react(Reaction::NotYet, false);
            self.lose(1, Rule::QuestionTooEarly);
        } else if gate.is_some_and(|g| (self.state.trust as i32) < g) {
            self.state.held_back |= 1 << need;
            if S::RECORDS {
                self.sink.push(Event::NeedHeldBack {
                    need,
                    rule: Rule::TrustGateClosed,
                });
                let lines = self.scenario.need(need).guarded.clone();
                if !self.say_lines(&lines, 400 + need as u64) {
                    self.react(Reaction::NotYet, false);
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

    fn explore_concern(&mut self, c: usize, repeat: bool) {
        let concern = self.scenario.concern(c);
        let open = concern
            .trust_gate
            .is_none_or(|g| self.state.trust as i32 >= g);
        match self.state.concerns[c] {
            _ if !self.state.concern_active(c) || (concern.after_sale && !self.state.ordered) => {
                self.react(Reaction::ConcernNone, false);
            }
            ConcernState::Latent if !open => {
                if S::RECORDS {
                    self.sink.push(Event::ConcernHeldBack {
                        concern: c,
                        rule: Rule::ConcernHidden,
                    });
                    let lines = concern.guarded.clone();
                    if !self.say_lines(&lines, 600 + c as u64) {
                        self.react(Reaction::ConcernNone, false);
                    }
                }
            }
            ConcernState::Latent => {
                self.set_concern(c, ConcernState::Raised, Rule::ConcernVoiced);
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

    /// Ends the call from the customer's side. A walk-out counts nothing for the relationship
    /// or the outcome, even after a sale: so a trick that ends a call early can never spare
    /// a play the mistakes it would have made later.
    fn walk_out(&mut self, rule: Rule) {
        self.react(Reaction::Walkout, false);
        self.state.walked_out = true;
        let outcome = if self.state.ordered {
            Outcome::Order
        } else {
            Outcome::NoSale
        };
        self.end(outcome, rule);
    }

    fn follow_up(&mut self) {
        let all_resolved = self
            .scenario
            .file
            .concerns
            .iter()
            .enumerate()
            .all(|(i, c)| {
                !c.after_sale
                    || !self.state.concern_active(i)
                    || self.state.concerns[i] == ConcernState::Resolved
            });
        if all_resolved {
            self.state.assured = true;
            self.gain(5, Rule::FollowUpAssured);
        }
        self.end_after_sale(Rule::FollowUpAssured);
    }

    fn check(&mut self, kind: MoveKind, about: u16, style: &StyleTraits) {
        // A summary naming a need the customer never mentioned puts words in their mouth.
        let wrong = (0..16).any(|n| about & (1 << n) != 0 && self.state.depth[n] == 0);
        if wrong {
            self.react(Reaction::SummaryWrong, false);
            self.lose(3, Rule::SummaryWrong);
            return;
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
            } else {
                self.react(Reaction::NothingNew, false);
            }
            return;
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
        }
    }

    /// The customer says, in their words, the first buying criterion still open.
    fn name_open_criterion(&mut self, rule: Rule) {
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

    fn propose(&mut self, kind: MoveKind, needs: u16) {
        let (mut premature, mut irrelevant, mut cannot) = (false, false, false);
        let mut matched = 0u16;
        for n in 0..self.scenario.file.needs.len() {
            let bit = 1 << n;
            if needs & bit == 0 {
                continue;
            }
            if !self.state.is_active(n) {
                irrelevant = true;
            } else if self.state.depth[n] < Depth::Explored as u8 || !self.state.advice_asked {
                premature = true;
                self.state.proposed_early |= bit;
            } else if self.scenario.need(n).fit == Fit::None {
                cannot = true;
            } else {
                matched |= bit;
            }
        }
        if premature {
            self.state.premature_proposals = self.state.premature_proposals.saturating_add(1);
            self.react(Reaction::ProposalPremature, false);
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
    fn disclose(&mut self, needs: u16, time: &mut i16, time_rule: &mut Rule) {
        let known = (0..self.scenario.file.needs.len()).filter(|&n| needs & (1 << n) != 0);
        let puzzling = known.clone().any(|n| {
            !self.state.is_active(n)
                || self.state.depth[n] < Depth::Surfaced as u8
                || self.scenario.need(n).fit == Fit::Full
        });
        if puzzling {
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
