//! The customer's words: picking a line variant by seed, and the plain lines said when a
//! scenario wrote none for a reaction.

use crate::scenario::Reaction;
use std::sync::Arc;

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

/// Said when a scenario wrote no line for a reaction; plain, so trainers notice and add one.
pub fn generic_line(reaction: Reaction) -> &'static str {
    match reaction {
        Reaction::Rapport => "Ha, yes. Thanks for asking.",
        Reaction::RapportTooMuch => "Shall we get to why you called?",
        Reaction::Purpose => "Sure, go ahead and ask.",
        Reaction::PurposeAgain => "Yes, you said that.",
        Reaction::PurposeLate => "Ah, so that's what all the questions are for. Fine.",
        Reaction::SituationGeneral => "That's how things are set up here, yes.",
        Reaction::SituationTooMany => "You could have looked most of this up before calling.",
        Reaction::NotAnIssue => "Honestly, that's not really a problem for us.",
        Reaction::NotYet => "I'm not sure what you mean. That's not something I've mentioned.",
        Reaction::NotReadyToSay => "I'd rather not go into that just yet.",
        Reaction::AlreadySaid => "As I said earlier.",
        Reaction::AskedAgain => "You asked me that already.",
        Reaction::Listened => "Yes. Exactly.",
        Reaction::GuardHeard => "Thank you. All right, I'll give you a fair hearing.",
        Reaction::GuardIgnored => {
            "Hold on. I've just told you why I'm wary, and you're straight into your questions."
        }
        Reaction::SummaryAccepted => "Yes, that's a fair summary.",
        Reaction::Understood => "Yes, that's it. You've understood me.",
        Reaction::SummaryWrong => "No, that's not what I said.",
        Reaction::NothingNew => "Mm-hm.",
        Reaction::WhatIsMissing => "What's missing for me is this.",
        Reaction::Agreed => "Yes, that's it. We're on the same page.",
        Reaction::Educated => "That's useful to know. It helps me see the options.",
        Reaction::Lectured => "OK... but you don't know yet what our problem is.",
        Reaction::AdviceAsked => "So... what would you do, in my place?",
        Reaction::ProposalWelcome => "That could actually help with what I described.",
        Reaction::ProposalPremature => "Hold on, you don't know what we need yet.",
        Reaction::ProposalBeforeAdvice => {
            "Let me finish telling you how things are before you start selling me something."
        }
        Reaction::ProposalIrrelevant => "That's not a problem we have.",
        Reaction::ProposalCannotFit => "That won't do what I need.",
        Reaction::CoDesigned => "If we did it that way, I could see it working here.",
        Reaction::LimitationDisclosed => "Thank you for telling me straight. I'd rather know now.",
        Reaction::LimitationPuzzled => "I'm not sure why you're telling me that.",
        Reaction::ConcernNone => "No real worries on that front.",
        Reaction::ConcernTooEarly => {
            "Worries? It's a bit early for that. We haven't even talked about what needs fixing."
        }
        Reaction::ConcernAskedAgain => {
            "I've told you what worries me. What I need now is an answer to it."
        }
        Reaction::AnswerMissed => "That's not really what I'm worried about.",
        Reaction::AnswerUnasked => {
            "Why are you telling me that? I haven't said I'm worried about it."
        }
        Reaction::AnswerAgain => "Yes, you've put my mind at rest on that already.",
        Reaction::CommitmentNotReady => "I'm not ready to commit to anything yet.",
        Reaction::CannotDecideAlone => {
            "I can't sign this on my own. It would have to go to the person who holds the budget."
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
