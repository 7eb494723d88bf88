//! What each kind of move does to the customer. This is the one place the rules live: the
//! scenario supplies the words, this file decides the consequences.

use super::rules::Rule;
use super::state::{ConcernState, Depth, Phase, State, mood_for};
use super::{Event, Speaker};
use crate::scenario::{
    Cond, Fit, MoveKind, Outcome, Reaction, RightWhenFits, Scenario, SocialStyle,
};
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
const BASE_TIME: i16 = 3;
/// Patience given for the short post-sale call.
const POST_SALE_PATIENCE: i16 = 30;
/// Below this trust the customer ends the call.
const TRUST_FLOOR: i16 = 10;

/// How a social style shades reactions.
struct StyleTraits {
    /// Rapport moves that still build trust.
    rapport_welcome: u8,
    rapport_trust: i16,
    /// Situation questions before they grate.
    situation_ok: u8,
    /// Multiplier (in quarters) for trust lost to pressure.
    pressure_quarters: i16,
    listen_trust: i16,
    summary_trust: i16,
    likes_education: bool,
}

fn traits(style: SocialStyle) -> StyleTraits {
    match style {
        SocialStyle::Director => StyleTraits {
            rapport_welcome: 0,
            rapport_trust: 0,
            situation_ok: 2,
            pressure_quarters: 4,
            listen_trust: 1,
            summary_trust: 3,
            likes_education: false,
        },
        SocialStyle::Socializer => StyleTraits {
            rapport_welcome: 3,
            rapport_trust: 4,
            situation_ok: 3,
            pressure_quarters: 4,
            listen_trust: 2,
            summary_trust: 2,
            likes_education: false,
        },
        SocialStyle::Relater => StyleTraits {
            rapport_welcome: 2,
            rapport_trust: 3,
            situation_ok: 4,
            pressure_quarters: 6,
            listen_trust: 3,
            summary_trust: 3,
            likes_education: false,
        },
        SocialStyle::Thinker => StyleTraits {
            rapport_welcome: 1,
            rapport_trust: 1,
            situation_ok: 5,
            pressure_quarters: 5,
            listen_trust: 2,
            summary_trust: 4,
            likes_education: true,
        },
    }
}

/// Trust a manipulative move costs before the style multiplier; the most manipulative cost most.
fn pressure_cost(kind: MoveKind) -> i16 {
    match kind {
        MoveKind::UrgencyClose | MoveKind::ScarcityClose => 10,
        MoveKind::BenFranklinClose | MoveKind::YesSetClose | MoveKind::SummaryPileOn => 9,
        MoveKind::AssumptiveClose
        | MoveKind::AlternativeChoiceClose
        | MoveKind::MinorPointClose
        | MoveKind::ConcessionClose => 8,
        MoveKind::PuppyDogClose => 7,
        MoveKind::RebutObjection => 6,
        MoveKind::Irritator => 5,
        MoveKind::FeatureDump => 4,
        _ => 0,
    }
}

/// The ending that is right for this play's hidden situation.
pub fn right_outcome(scenario: &Scenario, active: u16) -> Outcome {
    let no_fit = scenario
        .file
        .needs
        .iter()
        .enumerate()
        .any(|(i, n)| active & (1 << i) != 0 && n.dealbreaker && n.fit == Fit::None);
    if no_fit {
        Outcome::MutualNoFit
    } else {
        match scenario.file.decision.right_outcome {
            RightWhenFits::Order => Outcome::Order,
            RightWhenFits::Advance => Outcome::Advance,
        }
    }
}

/// Every buying criterion holds (conditions about inactive needs hold trivially).
pub fn criteria_met(scenario: &Scenario, s: &State) -> bool {
    first_unmet_criterion(scenario, s).is_none()
}

pub fn first_unmet_criterion(scenario: &Scenario, s: &State) -> Option<usize> {
    scenario
        .criteria
        .iter()
        .position(|conds| !conds.iter().all(|c| cond_holds(c, s)))
}

fn cond_holds(cond: &Cond, s: &State) -> bool {
    match *cond {
        Cond::Explicit(n) => !s.is_active(n) || s.depth[n] >= Depth::Explicit as u8,
        Cond::Explored(n) => !s.is_active(n) || s.depth[n] >= Depth::Explored as u8,
        Cond::Proposed(n) => !s.is_active(n) || s.proposed & (1 << n) != 0,
        Cond::Resolved(c) => s.concerns[c] == ConcernState::Resolved,
        Cond::Trust(t) => s.trust as i32 >= t,
    }
}

/// An active dealbreaker need the product cannot meet, found to at least explored depth.
fn known_no_fit(scenario: &Scenario, s: &State) -> bool {
    scenario.file.needs.iter().enumerate().any(|(i, n)| {
        s.is_active(i) && n.dealbreaker && n.fit == Fit::None && s.depth[i] >= Depth::Explored as u8
    })
}

/// Picks a line variant: the same seed, turn and pool always give the same line.
pub fn pick_line(lines: &[Arc<str>], seed: u64, turn: u16, salt: u64) -> Option<Arc<str>> {
    if lines.is_empty() {
        return None;
    }
    let mut x = seed ^ (u64::from(turn) << 32) ^ salt.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    // splitmix64 finaliser
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^= x >> 31;
    Some(lines[(x % lines.len() as u64) as usize].clone())
}

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

    fn trust(&mut self, delta: i16, rule: Rule) {
        if delta == 0 {
            return;
        }
        let from = self.state.trust;
        let to = (from + delta).clamp(0, 100);
        if to == from {
            return;
        }
        self.state.trust = to;
        if to < from {
            self.state.trust_lost += (from - to) as u16;
        } else {
            // More trust: a customer who held back may open up now.
            self.state.held_back = 0;
        }
        if S::RECORDS {
            self.sink.push(Event::TrustChanged { from, to, rule });
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
        if matches!(to, ConcernState::Raised | ConcernState::Resolved) {
            self.state.info = self.state.info.saturating_add(1);
        }
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

    /// An order: the call ends, or the post-sale phase begins if the scenario has one.
    fn order(&mut self, rule: Rule) {
        self.state.ordered = true;
        if self.scenario.has_post_sale() {
            // The sale is made and the call goes on into the Assure phase: no `Ended` yet.
            self.state.outcome = Some(Outcome::Order);
            if S::RECORDS {
                self.sink.push(Event::Committed { rule });
            }
            self.phase(Phase::Assure);
            let from = self.state.patience;
            self.state.patience = POST_SALE_PATIENCE;
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
                self.sink.push(Event::PatienceChanged {
                    from,
                    to: POST_SALE_PATIENCE,
                    rule: Rule::PostSaleBegins,
                });
                let opening = post.opening.clone();
                self.say_lines(&opening, 77);
            }
            for (i, c) in self.scenario.file.concerns.iter().enumerate() {
                if c.after_sale {
                    self.set_concern(i, ConcernState::Raised, Rule::PostSaleBegins);
                }
            }
        } else {
            self.end(Outcome::Order, rule);
        }
    }

    /// Raises the first latent concern the customer trusts you enough to voice.
    fn surface_a_concern(&mut self, rule: Rule) -> bool {
        let trust = self.state.trust as i32;
        let found = self
            .scenario
            .file
            .concerns
            .iter()
            .enumerate()
            .find(|(i, c)| {
                !c.after_sale
                    && self.state.concerns[*i] == ConcernState::Latent
                    && c.trust_gate.is_none_or(|g| trust >= g)
            });
        match found {
            Some((i, _)) => {
                self.set_concern(i, ConcernState::Raised, rule);
                true
            }
            None => false,
        }
    }

    fn harden_open_concerns(&mut self, rule: Rule) {
        for i in 0..self.scenario.file.concerns.len() {
            if self.state.concerns[i] == ConcernState::Raised {
                self.set_concern(i, ConcernState::Hardened, rule);
            }
        }
    }

    pub fn run(mut self) {
        let mv = self.scenario.moves[self.move_index];
        if S::RECORDS {
            self.sink.push(Event::MoveChosen {
                index: self.move_index,
            });
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
        let style = self.style();
        let assure = self.state.phase == Phase::Assure;

        match kind {
            MoveKind::StatePurpose => {
                if self.state.purpose_stated {
                    time += 2;
                    time_rule = Rule::PurposeRepeated;
                    self.react(Reaction::PurposeAgain, false);
                } else {
                    self.state.purpose_stated = true;
                    self.react(Reaction::Purpose, true);
                    self.trust(5, Rule::PurposeStated);
                }
            }
            MoveKind::Rapport => {
                self.state.rapport_moves = self.state.rapport_moves.saturating_add(1);
                if self.state.rapport_moves <= style.rapport_welcome {
                    self.react(Reaction::Rapport, true);
                    self.trust(style.rapport_trust, Rule::RapportWelcome);
                } else {
                    self.react(Reaction::RapportTooMuch, false);
                    time += 4;
                    time_rule = Rule::RapportTooMuch;
                    if self.scenario.file.customer.style == SocialStyle::Director {
                        self.trust(-2, Rule::RapportTooMuch);
                    }
                }
            }
            MoveKind::Situation => {
                self.advance_phase(Phase::Explore);
                self.state.situation_asked = self.state.situation_asked.saturating_add(1);
                if self.state.situation_asked > style.situation_ok {
                    self.react(Reaction::SituationTooMany, false);
                    time += 3;
                    time_rule = Rule::SituationTooMany;
                    self.trust(-2, Rule::SituationTooMany);
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
                self.advance_phase(Phase::Explore);
                let need = mv.first_need().unwrap_or(0);
                let (from, rule) = match kind {
                    MoveKind::Problem => (Depth::Unknown, Rule::NeedSurfaced),
                    MoveKind::Implication => (Depth::Surfaced, Rule::NeedExplored),
                    _ => (Depth::Explored, Rule::NeedMadeExplicit),
                };
                let depth = self.state.depth_of(need);
                let gate = self.scenario.need(need).trust_gate;
                if !self.state.is_active(need) {
                    self.state.ruled_out |= 1 << need;
                    if kind == MoveKind::Problem {
                        self.state.info = self.state.info.saturating_add(1);
                    } else {
                        self.trust(-1, Rule::QuestionTooEarly);
                    }
                    self.react(Reaction::NotAnIssue, false);
                } else if depth > from {
                    time += 2;
                    time_rule = Rule::AlreadyAnswered;
                    self.react(Reaction::AlreadySaid, false);
                } else if depth < from {
                    time += 2;
                    time_rule = Rule::QuestionTooEarly;
                    self.react(Reaction::NotYet, false);
                    self.trust(-1, Rule::QuestionTooEarly);
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
                    self.trust(gain, rule);
                }
            }
            MoveKind::Listen => {
                if self.state.info > self.state.info_at_listen {
                    self.state.info_at_listen = self.state.info;
                    self.react(Reaction::Listened, true);
                    self.trust(style.listen_trust, Rule::Listened);
                } else {
                    self.react(Reaction::NothingNew, false);
                    time += 2;
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
                self.check(kind, mv.needs, &style, &mut time, &mut time_rule);
            }
            MoveKind::Educate => {
                self.state.educated = self.state.educated.saturating_add(1);
                if style.likes_education && self.state.educated == 1 {
                    self.react(Reaction::Educated, true);
                    self.trust(2, Rule::EducationWelcome);
                } else {
                    self.react(Reaction::Educated, false);
                    time += 3;
                    time_rule = Rule::EducationUnasked;
                    self.trust(-1, Rule::EducationUnasked);
                }
            }
            MoveKind::Propose | MoveKind::CoDesign => self.propose(kind, mv.needs),
            MoveKind::ExploreConcern => {
                let c = mv.concern.unwrap_or(0);
                let concern = self.scenario.concern(c);
                let open = concern
                    .trust_gate
                    .is_none_or(|g| self.state.trust as i32 >= g);
                match self.state.concerns[c] {
                    _ if concern.after_sale && !assure => {
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
                        self.trust(1, Rule::ConcernVoiced);
                    }
                    ConcernState::Raised => {
                        self.set_concern(c, ConcernState::Resolved, Rule::ConcernResolved);
                        self.trust(3, Rule::ConcernResolved);
                    }
                    ConcernState::Hardened => {
                        self.set_concern(c, ConcernState::Raised, Rule::ConcernSoftened);
                        self.trust(1, Rule::ConcernSoftened);
                    }
                    ConcernState::Resolved => {
                        time += 2;
                        time_rule = Rule::AlreadyAnswered;
                        self.react(Reaction::AlreadySaid, false);
                    }
                }
            }
            MoveKind::AskCommitment => {
                if assure || self.state.ordered {
                    time += 2;
                    time_rule = Rule::AlreadyAnswered;
                    self.react(Reaction::AlreadySaid, false);
                } else if criteria_met(self.scenario, self.state) && self.state.confirmed {
                    match right_outcome(self.scenario, self.state.active) {
                        Outcome::Advance => {
                            // Pushed past what they can decide alone, they give in anyway.
                            self.react(Reaction::CannotDecideAlone, false);
                            self.order(Rule::OrderWithoutAuthority);
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
                    self.trust(-3, Rule::CommitmentPremature);
                    self.surface_a_concern(Rule::ConcernSurfacedByProposal);
                }
            }
            MoveKind::AgreeNextSteps => {
                if assure {
                    self.react(Reaction::FollowUpThanks, false);
                    self.follow_up();
                } else if criteria_met(self.scenario, self.state) {
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
                if assure {
                    self.react(Reaction::NoFitPuzzled, false);
                    time += 2;
                    time_rule = Rule::NoFitWrong;
                } else if right_outcome(self.scenario, self.state.active) == Outcome::MutualNoFit {
                    if known_no_fit(self.scenario, self.state) {
                        self.state.no_fit_founded = true;
                        self.react(Reaction::NoFitAgreed, false);
                        self.trust(8, Rule::NoFitHonest);
                        self.end(Outcome::MutualNoFit, Rule::NoFitHonest);
                    } else {
                        self.react(Reaction::NoFitAgreed, false);
                        self.end(Outcome::MutualNoFit, Rule::NoFitUnfounded);
                    }
                } else {
                    self.react(Reaction::NoFitPuzzled, false);
                    self.end(Outcome::MutualNoFit, Rule::NoFitWrong);
                }
            }
            MoveKind::FollowUp => {
                if assure {
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
                self.trust(-cost, Rule::Rebuttal);
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
                self.trust(-cost, rule);
                time += extra;
                time_rule = rule;
            }
            _ => {
                // Every closing trick.
                debug_assert!(kind.is_close() || kind == MoveKind::SummaryPileOn);
                self.state.manipulative = self.state.manipulative.saturating_add(1);
                self.react(Reaction::Pressured, true);
                let cost = pressure_cost(kind) * style.pressure_quarters / 4;
                self.trust(-cost, Rule::Pressure);
                self.harden_open_concerns(Rule::ConcernHardenedByPressure);
                time += 2;
                time_rule = Rule::Pressure;
            }
        }

        // The move that makes the sale opens the post-sale call: it spends none of its time.
        let post_sale_just_began = !assure && self.state.phase == Phase::Assure;
        if self.state.phase != Phase::Ended && !post_sale_just_began {
            self.patience(time, time_rule);
            if self.state.trust < TRUST_FLOOR {
                self.walk_out(Rule::TrustBroken);
            } else if self.state.patience <= 0 {
                self.walk_out(Rule::PatienceRanOut);
            }
        }
    }

    /// Ends the call from the customer's side; after an order it simply closes the Assure call.
    fn walk_out(&mut self, rule: Rule) {
        self.react(Reaction::Walkout, false);
        if self.state.ordered {
            self.state.outcome = Some(Outcome::Order);
            self.phase(Phase::Ended);
            if S::RECORDS {
                self.sink.push(Event::Ended {
                    outcome: Outcome::Order,
                    rule,
                });
            }
        } else {
            self.end(Outcome::NoSale, rule);
        }
    }

    fn follow_up(&mut self) {
        let all_resolved = self
            .scenario
            .file
            .concerns
            .iter()
            .enumerate()
            .all(|(i, c)| !c.after_sale || self.state.concerns[i] == ConcernState::Resolved);
        if all_resolved {
            self.state.assured = true;
            self.trust(5, Rule::FollowUpAssured);
        }
        self.state.outcome = Some(Outcome::Order);
        self.phase(Phase::Ended);
        if S::RECORDS {
            self.sink.push(Event::Ended {
                outcome: Outcome::Order,
                rule: Rule::FollowUpAssured,
            });
        }
    }

    fn check(
        &mut self,
        kind: MoveKind,
        about: u16,
        style: &StyleTraits,
        time: &mut i16,
        time_rule: &mut Rule,
    ) {
        // A summary naming a need the customer never mentioned puts words in their mouth.
        let wrong = (0..16).any(|n| about & (1 << n) != 0 && self.state.depth[n] == 0);
        if wrong {
            self.react(Reaction::SummaryWrong, false);
            self.trust(-3, Rule::SummaryWrong);
            return;
        }
        let something_new = self.state.info > self.state.info_at_check;
        let proposal_ready = self.state.proposed != 0 && criteria_met(self.scenario, self.state);
        let no_fit_ready = known_no_fit(self.scenario, self.state);
        if (proposal_ready || no_fit_ready) && !self.state.confirmed {
            self.state.confirmed = true;
            self.state.useful_checks = self.state.useful_checks.saturating_add(1);
            self.state.info_at_check = self.state.info;
            self.react(Reaction::Agreed, false);
            if S::RECORDS {
                self.sink.push(Event::AgreementConfirmed);
            }
            self.trust(style.summary_trust, Rule::AgreementConfirmed);
            self.advance_phase(Phase::Confirm);
            return;
        }
        if kind == MoveKind::CheckUnderstanding && self.state.proposed != 0 && !proposal_ready {
            // An opinion question after a proposal: "what's missing?" invites the real objection.
            self.state.info_at_check = self.state.info;
            if self.surface_a_concern(Rule::CheckInvitedConcern) {
                self.state.useful_checks = self.state.useful_checks.saturating_add(1);
                self.trust(1, Rule::CheckInvitedConcern);
            } else {
                self.react(Reaction::WhatIsMissing, false);
                self.name_open_criterion(Rule::CheckFoundGap);
            }
            return;
        }
        if something_new {
            self.state.info_at_check = self.state.info;
            self.state.useful_checks = self.state.useful_checks.saturating_add(1);
            self.react(Reaction::SummaryAccepted, false);
            self.trust(style.summary_trust, Rule::SummaryAccurate);
        } else {
            self.react(Reaction::NothingNew, false);
            *time += 2;
            *time_rule = Rule::NothingNewToCheck;
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
        let (mut premature, mut irrelevant, mut cannot, mut matched) = (false, false, false, false);
        for n in 0..self.scenario.file.needs.len() {
            if needs & (1 << n) == 0 {
                continue;
            }
            let bit = 1 << n;
            if !self.state.is_active(n) {
                irrelevant = true;
            } else if self.state.depth[n] < Depth::Explored as u8 {
                premature = true;
                self.state.proposed_early |= bit;
            } else if self.scenario.need(n).fit == Fit::None {
                cannot = true;
            } else {
                matched = true;
                self.state.proposed |= bit;
                if kind == MoveKind::CoDesign {
                    self.state.co_designed |= bit;
                }
            }
        }
        if premature {
            self.state.premature_proposals = self.state.premature_proposals.saturating_add(1);
            self.react(Reaction::ProposalPremature, false);
            self.trust(-4, Rule::ProposalPremature);
        } else if cannot {
            self.state.bad_proposals = self.state.bad_proposals.saturating_add(1);
            self.react(Reaction::ProposalCannotFit, false);
            self.trust(-4, Rule::ProposalCannotFit);
        } else if irrelevant {
            self.state.bad_proposals = self.state.bad_proposals.saturating_add(1);
            self.react(Reaction::ProposalIrrelevant, false);
            self.trust(-3, Rule::ProposalIrrelevant);
        } else if matched {
            self.advance_phase(Phase::Collaborate);
            if kind == MoveKind::CoDesign {
                self.react(Reaction::CoDesigned, false);
                self.trust(3, Rule::CoDesigned);
            } else {
                self.react(Reaction::ProposalWelcome, false);
                self.trust(2, Rule::ProposalMatched);
            }
            self.surface_a_concern(Rule::ConcernSurfacedByProposal);
        }
    }
}

/// Said when a scenario wrote no line for a reaction; plain, so trainers notice and add one.
pub fn generic_line(reaction: Reaction) -> &'static str {
    match reaction {
        Reaction::Rapport => "Ha, yes. Thanks for asking.",
        Reaction::RapportTooMuch => "Shall we get to why you called?",
        Reaction::Purpose => "Sure, go ahead and ask.",
        Reaction::PurposeAgain => "Yes, you said that.",
        Reaction::SituationGeneral => "That's how things are set up here, yes.",
        Reaction::SituationTooMany => "You could have looked most of this up before calling.",
        Reaction::NotAnIssue => "Honestly, that's not really a problem for us.",
        Reaction::NotYet => "I'm not sure what you mean. That's not something I've mentioned.",
        Reaction::AlreadySaid => "As I said earlier.",
        Reaction::Listened => "Yes. Exactly.",
        Reaction::SummaryAccepted => "Yes, that's a fair summary.",
        Reaction::SummaryWrong => "No, that's not what I said.",
        Reaction::NothingNew => "Mm-hm.",
        Reaction::WhatIsMissing => "What's missing for me is this.",
        Reaction::Agreed => "Yes, that's it. We're on the same page.",
        Reaction::Educated => "OK.",
        Reaction::ProposalWelcome => "That could actually help with what I described.",
        Reaction::ProposalPremature => "Hold on, you don't know what we need yet.",
        Reaction::ProposalIrrelevant => "That's not a problem we have.",
        Reaction::ProposalCannotFit => "That won't do what I need.",
        Reaction::CoDesigned => "If we did it that way, I could see it working here.",
        Reaction::ConcernNone => "No real worries on that front.",
        Reaction::CommitmentNotReady => "I'm not ready to commit to anything yet.",
        Reaction::CannotDecideAlone => {
            "I'd normally need sign-off for this... but all right, let's do it."
        }
        Reaction::Ordered => "All right. Let's do it.",
        Reaction::NextStepAgreed => "Yes, let's set that up.",
        Reaction::BrochurePlease => "Why don't you send me some information and I'll have a look.",
        Reaction::NoFitAgreed => "I appreciate you being straight with me.",
        Reaction::NoFitPuzzled => "Oh. I thought this could have worked for us.",
        Reaction::FollowUpTooEarly => "We haven't bought anything yet.",
        Reaction::FollowUpThanks => "Thanks for checking in. Not many vendors do.",
        Reaction::Pressured => "I don't like being pushed.",
        Reaction::Rebutted => "You're not really hearing me.",
        Reaction::FeatureDumped => "That's a lot of features.",
        Reaction::Irritated => "Let me be the judge of what's fair.",
        Reaction::Walkout => "I think we'll leave it there.",
    }
}

pub(super) fn mood_word(trust: i16) -> &'static str {
    match mood_for(trust) {
        crate::scenario::Mood::Guarded => "guarded",
        crate::scenario::Mood::Warm => "warm",
        _ => "neutral",
    }
}
