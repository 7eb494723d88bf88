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

mod collaborate;
mod endings;
mod explore;
mod pressure;

use crate::engine::criteria::{
    gap_described, known_no_fit, no_fit_situation, ready_to_commit, right_outcome,
};
use crate::engine::lines::{generic_line, pick_line};
use crate::engine::rules::Rule;
use crate::engine::state::{ConcernState, Phase, State};
use crate::engine::style::{StyleTraits, traits};
use crate::engine::{Event, Speaker};
use crate::scenario::{MoveKind, Outcome, Reaction, Scenario, SocialStyle};
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

/// Moves that dig into a customer's business or push the sale on: what a guarded customer
/// holds back until her wariness has been heard.
fn presses_on(kind: MoveKind) -> bool {
    matches!(
        kind,
        MoveKind::Problem
            | MoveKind::Implication
            | MoveKind::NeedPayoff
            | MoveKind::ExploreConcern
            | MoveKind::Educate
            | MoveKind::Propose
            | MoveKind::CoDesign
            | MoveKind::AskCommitment
    )
}
/// Extra time a repeated move spends.
const REPEAT_TIME: i16 = 2;
/// Extra time an empty move spends: a summary or check with nothing new, listening to nothing,
/// an answer to a worry she does not have, a question that presumes.
const EMPTY_TIME: i16 = 2;
/// Trust a question costs that presumes a problem she never mentioned ("I didn't say that was
/// a problem").
const PRESUME_TRUST: i16 = 4;
/// Trust an answer costs that misses her worry or answers one she never voiced.
const WRONG_ANSWER_TRUST: i16 = 3;
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
        self.sink.push(Event::Reacted { reaction });
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
        // A worry hardened by a trick counts as not heard: the trick takes the place of the
        // repeated question it makes free (softening is asking again), so it never saves one.
        if to == ConcernState::Hardened {
            self.state.presumed = self.state.presumed.saturating_add(1);
        }
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
                // A hardened line answers an argument about the concern ("'It's secure' won't
                // cut it"); pressure made none, so the customer's reaction to it is all she says.
                ConcernState::Hardened if rule == Rule::ConcernHardenedByPressure => &[][..],
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

    pub fn run(mut self) {
        let mv = self.scenario.moves[self.move_index];
        if S::RECORDS {
            self.sink.push(Event::MoveChosen {
                index: self.move_index,
            });
        }
        let repeat = self.state.was_used(self.move_index);
        let kind = mv.kind;
        // A guarded customer who has just said why she is wary holds back the first question
        // that ignores it; the question stays free to ask again once she has been heard.
        let held_by_guard = self.state.guard_up && presses_on(kind);
        if self.move_index < 128 {
            self.state.used |= 1u128 << self.move_index;
        }
        self.state.turn += 1;
        self.state.moves = self.state.moves.saturating_add(1);
        if kind.is_question() {
            self.state.questions = self.state.questions.saturating_add(1);
        }
        if kind.is_close() || kind == MoveKind::SummaryPileOn {
            self.state.closes = self.state.closes.saturating_add(1);
        }
        let mut time = BASE_TIME;
        let mut time_rule = Rule::TimePasses;
        // Acknowledging, summing up or checking again is not asking again: with nothing new
        // they cost as empty moves (below), not as a repeated question.
        let reusable = matches!(
            kind,
            MoveKind::Listen | MoveKind::Summarize | MoveKind::CheckUnderstanding
        );
        if repeat && !kind.is_manipulative() && !reusable {
            time += REPEAT_TIME;
            time_rule = Rule::AskedAgain;
        }
        let style = self.style();

        if held_by_guard {
            self.unanswered();
            self.guard_ignored(&mut time, &mut time_rule);
            self.finish_turn(time, time_rule);
            return;
        }
        // Straight into her business without saying why you called: she answers, warily.
        if !self.state.purpose_stated
            && self.state.phase == Phase::Contact
            && (kind.is_question() || presses_on(kind))
        {
            self.lose(2, Rule::NoPurposeYet);
        }
        match kind {
            MoveKind::StatePurpose => {
                if self.state.purpose_stated {
                    time += 2;
                    time_rule = Rule::PurposeRepeated;
                    self.react(Reaction::PurposeAgain, false);
                } else if self.state.phase == Phase::Contact {
                    self.state.purpose_stated = true;
                    self.react(Reaction::Purpose, true);
                    self.gain(5, Rule::PurposeStated);
                } else {
                    // The questions have started: she has already wondered why you ask.
                    self.state.purpose_stated = true;
                    self.react(Reaction::PurposeLate, false);
                    self.gain(1, Rule::PurposeLate);
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
            MoveKind::Listen if self.state.guard_up => {
                self.state.guard_up = false;
                self.react(Reaction::GuardHeard, false);
                let drop = self.scenario.file.customer.guarded.as_ref();
                let points = drop.map_or(0, |g| g.trust_drop.clamp(0, 40) / 2).max(2);
                self.gain(points as i16, Rule::GuardHeard);
            }
            MoveKind::Listen => {
                let news = i32::from(self.state.info.saturating_sub(self.state.info_at_listen));
                if news > 0 {
                    self.state.info_at_listen = self.state.info;
                    self.react(Reaction::Listened, true);
                    self.gain_q(style.listen_q * news, Rule::Listened);
                } else {
                    self.react(Reaction::NothingNew, false);
                    time += EMPTY_TIME;
                    time_rule = Rule::ListenedToNothing;
                }
            }
            MoveKind::Summarize | MoveKind::CheckUnderstanding => {
                if kind == MoveKind::Summarize {
                    self.state.summaries = self.state.summaries.saturating_add(1);
                } else {
                    self.state.tests_understanding =
                        self.state.tests_understanding.saturating_add(1);
                }
                if !self.check(kind, mv.needs, &style) {
                    time += EMPTY_TIME;
                    time_rule = Rule::NothingNewToCheck;
                }
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
                self.explore_concern(c, repeat, &mut time, &mut time_rule);
            }
            MoveKind::AnswerConcern => self.answer_concern(mv.settles, &mut time, &mut time_rule),
            MoveKind::AskCommitment => {
                if self.state.ordered {
                    self.react(Reaction::AlreadySaid, false);
                } else if ready_to_commit(self.scenario, self.state) && self.state.confirmed {
                    match right_outcome(self.scenario, self.state) {
                        Outcome::Advance => {
                            // Ready, but not theirs to decide: the cue for a next step. A
                            // customer who said so at the start feels unheard.
                            self.react(Reaction::CannotDecideAlone, false);
                            // Said before she named who signs, the question is how she tells.
                            let told = self.state.said_someone_else_signs();
                            self.state.signer_pending = false;
                            if told {
                                time += 2;
                                time_rule = Rule::AskedBeyondAuthority;
                                self.state.presumed = self.state.presumed.saturating_add(1);
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
                    self.state.presumed = self.state.presumed.saturating_add(1);
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
            _ => {
                let (extra, rule) = self.trick(kind, mv.concern, &style);
                time += extra;
                time_rule = rule;
            }
        }

        if kind.is_manipulative() && self.state.phase != Phase::Ended {
            self.tell_who_signs();
        }
        self.finish_turn(time, time_rule);
    }

    /// She kept her answer back: asking again later is not asking the same thing twice.
    pub(super) fn unanswered(&mut self) {
        if self.move_index < 128 {
            self.state.used &= !(1u128 << self.move_index);
        }
    }

    /// A question or proposal while a guarded customer's wariness is unacknowledged: she
    /// keeps her answer back and says why, and she has not been heard (it presumes). She lets
    /// the next one through: the cost is this turn and what it showed her.
    fn guard_ignored(&mut self, time: &mut i16, time_rule: &mut Rule) {
        self.state.guard_up = false;
        self.react(Reaction::GuardIgnored, false);
        self.state.presumed = self.state.presumed.saturating_add(1);
        self.lose(PRESUME_TRUST, Rule::GuardIgnored);
        *time += EMPTY_TIME;
        *time_rule = Rule::GuardIgnored;
    }

    /// The end of every turn that did not end the call: what she volunteers, the time it
    /// took, and whether she has had enough.
    fn finish_turn(&mut self, time: i16, time_rule: Rule) {
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
}
