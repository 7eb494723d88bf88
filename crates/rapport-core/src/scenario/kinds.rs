//! The engine's fixed taxonomies a scenario names: the kinds of move (honest and
//! manipulative), the customer's moods, and the reactions the customer's lines answer to.

use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// A line the customer may say, with variants the engine picks between by seed.
pub type Lines = Vec<Arc<str>>;

/// The engine's fixed move taxonomy. The engine, not the scenario, decides what each does.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MoveKind {
    // Contact
    Rapport,
    StatePurpose,
    // Explore (SPIN)
    Situation,
    Problem,
    Implication,
    NeedPayoff,
    Listen,
    // Confirm as you go
    Summarize,
    CheckUnderstanding,
    // Collaborate
    Educate,
    Propose,
    CoDesign,
    ExploreConcern,
    /// Answers a voiced worry with what would settle it (evidence, a reference, a pilot, a
    /// guarantee, an exit); which worry it settles is the concern's `settled_by`.
    AnswerConcern,
    DiscloseLimitation,
    // Commit
    AskCommitment,
    AgreeNextSteps,
    RecommendNoFit,
    // Assure
    FollowUp,
    // Manipulative
    AssumptiveClose,
    AlternativeChoiceClose,
    PuppyDogClose,
    BenFranklinClose,
    UrgencyClose,
    ScarcityClose,
    MinorPointClose,
    YesSetClose,
    SummaryPileOn,
    ConcessionClose,
    RebutObjection,
    FeatureDump,
    Irritator,
}

impl MoveKind {
    pub const ALL: [MoveKind; 32] = [
        MoveKind::Rapport,
        MoveKind::StatePurpose,
        MoveKind::Situation,
        MoveKind::Problem,
        MoveKind::Implication,
        MoveKind::NeedPayoff,
        MoveKind::Listen,
        MoveKind::Summarize,
        MoveKind::CheckUnderstanding,
        MoveKind::Educate,
        MoveKind::Propose,
        MoveKind::CoDesign,
        MoveKind::ExploreConcern,
        MoveKind::AnswerConcern,
        MoveKind::DiscloseLimitation,
        MoveKind::AskCommitment,
        MoveKind::AgreeNextSteps,
        MoveKind::RecommendNoFit,
        MoveKind::FollowUp,
        MoveKind::AssumptiveClose,
        MoveKind::AlternativeChoiceClose,
        MoveKind::PuppyDogClose,
        MoveKind::BenFranklinClose,
        MoveKind::UrgencyClose,
        MoveKind::ScarcityClose,
        MoveKind::MinorPointClose,
        MoveKind::YesSetClose,
        MoveKind::SummaryPileOn,
        MoveKind::ConcessionClose,
        MoveKind::RebutObjection,
        MoveKind::FeatureDump,
        MoveKind::Irritator,
    ];

    /// Closing tricks, rebuttals, feature dumps and irritators: each costs trust and score.
    pub fn is_manipulative(self) -> bool {
        self >= MoveKind::AssumptiveClose
    }

    /// A closing technique (as opposed to a rebuttal, a pitch or an irritator).
    pub fn is_close(self) -> bool {
        (MoveKind::AssumptiveClose..=MoveKind::ConcessionClose).contains(&self)
    }

    pub fn is_question(self) -> bool {
        matches!(
            self,
            MoveKind::Situation
                | MoveKind::Problem
                | MoveKind::Implication
                | MoveKind::NeedPayoff
                | MoveKind::ExploreConcern
                | MoveKind::CheckUnderstanding
        )
    }

    /// What a move of this kind must be about.
    pub fn target(self) -> TargetRule {
        match self {
            MoveKind::Problem | MoveKind::Implication | MoveKind::NeedPayoff => TargetRule::OneNeed,
            MoveKind::Situation => TargetRule::AtMostOneNeed,
            MoveKind::Propose | MoveKind::CoDesign | MoveKind::DiscloseLimitation => {
                TargetRule::SomeNeeds
            }
            MoveKind::Summarize => TargetRule::AnyNeeds,
            MoveKind::ExploreConcern | MoveKind::RebutObjection => TargetRule::OneConcern,
            _ => TargetRule::Nothing,
        }
    }

    /// A plain-words name, for trainers and the debrief (never shown during play).
    pub fn label(self) -> &'static str {
        match self {
            MoveKind::Rapport => "rapport",
            MoveKind::StatePurpose => "state purpose and ask permission",
            MoveKind::Situation => "situation question",
            MoveKind::Problem => "problem question",
            MoveKind::Implication => "implication question",
            MoveKind::NeedPayoff => "need-payoff question",
            MoveKind::Listen => "listen and acknowledge",
            MoveKind::Summarize => "summary",
            MoveKind::CheckUnderstanding => "check understanding",
            MoveKind::Educate => "generic education",
            MoveKind::Propose => "proposal",
            MoveKind::CoDesign => "invite co-design",
            MoveKind::ExploreConcern => "explore a concern",
            MoveKind::AnswerConcern => "answer a concern",
            MoveKind::DiscloseLimitation => "disclose a limitation",
            MoveKind::AskCommitment => "ask for commitment",
            MoveKind::AgreeNextSteps => "agree next steps",
            MoveKind::RecommendNoFit => "recommend no fit",
            MoveKind::FollowUp => "follow up",
            MoveKind::AssumptiveClose => "assumptive close",
            MoveKind::AlternativeChoiceClose => "alternative-choice close",
            MoveKind::PuppyDogClose => "puppy-dog close",
            MoveKind::BenFranklinClose => "Ben Franklin close",
            MoveKind::UrgencyClose => "urgency close",
            MoveKind::ScarcityClose => "scarcity close",
            MoveKind::MinorPointClose => "minor-point close",
            MoveKind::YesSetClose => "yes-set close",
            MoveKind::SummaryPileOn => "summary pile-on",
            MoveKind::ConcessionClose => "concession trade-off close",
            MoveKind::RebutObjection => "rebuttal of an objection",
            MoveKind::FeatureDump => "feature dump",
            MoveKind::Irritator => "irritator",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetRule {
    Nothing,
    OneNeed,
    AtMostOneNeed,
    SomeNeeds,
    AnyNeeds,
    OneConcern,
}

/// The customer's mood, derived from trust; reply lines can be written per mood.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, Default)]
pub enum Mood {
    #[default]
    Any,
    Guarded,
    Neutral,
    Warm,
}

/// A pool of customer lines for one reaction, optionally for one mood only.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Reply {
    pub on: Reaction,
    #[serde(default)]
    pub mood: Mood,
    pub lines: Lines,
}

/// What the customer is reacting to; the engine decides which one a move causes.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reaction {
    Rapport,
    RapportTooMuch,
    Purpose,
    PurposeAgain,
    /// The purpose stated after the questions had started.
    PurposeLate,
    SituationGeneral,
    SituationTooMany,
    NotAnIssue,
    NotYet,
    /// A question about a need or a worry she keeps back until she trusts you more, when the
    /// scenario wrote no `guarded` line for it.
    NotReadyToSay,
    AlreadySaid,
    /// The same move again: "you asked me that".
    AskedAgain,
    Listened,
    /// A guarded customer's wariness acknowledged before any question about her business.
    GuardHeard,
    /// A question about her business while her wariness is unacknowledged: she holds back.
    GuardIgnored,
    SummaryAccepted,
    /// A check of understanding, before any proposal, that got it right.
    Understood,
    SummaryWrong,
    NothingNew,
    WhatIsMissing,
    Agreed,
    Educated,
    /// Education before the customer described a gap: a lecture.
    Lectured,
    /// The customer, ready, asks for advice ("So what would you do?").
    AdviceAsked,
    ProposalWelcome,
    /// A proposal for a need she has not yet said what it costs her.
    ProposalPremature,
    /// A proposal for needs she has explored, before she asked for advice.
    ProposalBeforeAdvice,
    ProposalIrrelevant,
    ProposalCannotFit,
    CoDesigned,
    LimitationDisclosed,
    /// A "limitation" stated for a need the product fully meets, or one the customer lacks.
    LimitationPuzzled,
    ConcernNone,
    /// A worry asked about before anything she said could have led there.
    ConcernTooEarly,
    /// The worry she voiced, asked about again instead of answered.
    ConcernAskedAgain,
    /// An answer that misses the worry she voiced.
    AnswerMissed,
    /// An answer to a worry she has not voiced.
    AnswerUnasked,
    /// The answer to a worry she has already put to rest.
    AnswerAgain,
    CommitmentNotReady,
    CannotDecideAlone,
    Ordered,
    NextStepAgreed,
    BrochurePlease,
    NoFitAgreed,
    NoFitPuzzled,
    FollowUpTooEarly,
    FollowUpThanks,
    Pressured,
    Rebutted,
    FeatureDumped,
    Irritated,
    Walkout,
}

impl Reaction {
    pub const COUNT: usize = Reaction::Walkout as usize + 1;
}
