//! Why the customer's hidden state changed: every change the engine makes names one of these
//! rules, which the debrief explains in plain words and, where it fits, in the customer's voice.

use serde::{Deserialize, Serialize};

/// A rule of the simulation that caused a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Rule {
    TimePasses,
    PurposeStated,
    PurposeRepeated,
    PurposeLate,
    NoPurposeYet,
    RapportWelcome,
    RapportTooMuch,
    SituationFine,
    SituationTooMany,
    NeedSurfaced,
    NeedExplored,
    NeedMadeExplicit,
    QuestionTooEarly,
    AlreadyAnswered,
    NotAnIssue,
    TrustGateClosed,
    Listened,
    ListenedToNothing,
    GuardHeard,
    GuardIgnored,
    SummaryAccurate,
    UnderstandingTested,
    SummaryWrong,
    NothingNewToCheck,
    CheckInvitedConcern,
    CheckFoundGap,
    AgreementConfirmed,
    EducationLecture,
    EducationAfterGap,
    AdviceAsked,
    AskedAgain,
    LimitationDisclosed,
    LimitationPuzzling,
    ProposalMatched,
    ProposalPremature,
    ProposalIrrelevant,
    ProposalCannotFit,
    CoDesigned,
    ConcernSurfacedByProposal,
    ConcernVoiced,
    ConcernResolved,
    ConcernSoftened,
    ConcernHidden,
    ConcernTooEarly,
    ConcernAskedAgain,
    AnswerMissed,
    AnswerUnasked,
    ConcernHardenedByPressure,
    ConcernHardenedByRebuttal,
    CommitmentPremature,
    CommitmentEarned,
    OrderWithoutAuthority,
    AskedBeyondAuthority,
    NextStepAgreed,
    NoCommitment,
    NoFitHonest,
    NoFitUnfounded,
    NoFitWrong,
    FollowUpTooEarly,
    FollowUpAssured,
    PostSaleBegins,
    Pressure,
    Rebuttal,
    FeatureDump,
    Irritator,
    PatienceRanOut,
    TrustBroken,
}

impl Rule {
    /// The rule in words a trainee understands.
    pub fn explain(self) -> &'static str {
        match self {
            Rule::TimePasses => "Every turn spends some of the time the customer gave you.",
            Rule::PurposeStated => {
                "Stating your purpose and asking permission to explore sets up a cooperative call."
            }
            Rule::PurposeRepeated => "Repeating the purpose adds nothing and spends time.",
            Rule::PurposeLate => {
                "Saying why you called after the questions have started explains less: she had already wondered why you were asking."
            }
            Rule::NoPurposeYet => {
                "Questions before saying why you called: she answered, but wondered what it was for."
            }
            Rule::RapportWelcome => "A little rapport suited to this person's style builds trust.",
            Rule::RapportTooMuch => "More small talk than this person wants spends their patience.",
            Rule::SituationFine => {
                "A few situation questions give background; top sellers ask few."
            }
            Rule::SituationTooMany => {
                "Too many situation questions feel like an interrogation (Rackham: top sellers ask few)."
            }
            Rule::NeedSurfaced => "A problem question on the right topic surfaced a need.",
            Rule::NeedExplored => "An implication question made the cost of the problem clear.",
            Rule::NeedMadeExplicit => {
                "A need-payoff question let the customer state the value in their own words."
            }
            Rule::QuestionTooEarly => {
                "The question assumed a problem the customer had not mentioned."
            }
            Rule::AlreadyAnswered => "The customer had already answered this.",
            Rule::NotAnIssue => "This is not a problem for this customer; asking ruled it out.",
            Rule::TrustGateClosed => {
                "The customer does not trust you enough yet to open up on this."
            }
            Rule::Listened => "Acknowledging what was said shows you listened.",
            Rule::GuardHeard => {
                "She opened by saying why she was wary; acknowledging it before asking anything told her she had been heard."
            }
            Rule::GuardIgnored => {
                "She opened by saying why she was wary, and the call pressed on with questions as if she had not: she kept her answer back."
            }
            Rule::ListenedToNothing => "There was nothing new to acknowledge.",
            Rule::SummaryAccurate => {
                "An accurate summary of new information tests understanding and builds trust."
            }
            Rule::UnderstandingTested => {
                "Testing your understanding of what was just said builds trust (Rackham: skilled negotiators do it more than twice as often as average ones)."
            }
            Rule::SummaryWrong => "The summary put words in the customer's mouth.",
            Rule::NothingNewToCheck => {
                "Nothing new had been said since the last check: an empty summary spends time."
            }
            Rule::CheckInvitedConcern => {
                "Asking for an opinion invited an honest objection into the open."
            }
            Rule::CheckFoundGap => {
                "Asking what is missing showed which buying criterion is still open."
            }
            Rule::AgreementConfirmed => {
                "You checked agreement once there was something to agree on."
            }
            Rule::EducationLecture => {
                "Education before the customer has described a gap is a lecture (Cooke)."
            }
            Rule::EducationAfterGap => {
                "Once the customer has described the gap, showing the options helps them decide (Cooke)."
            }
            Rule::AdviceAsked => {
                "Having described what hurts, the customer asked for advice: now a proposal lands."
            }
            Rule::AskedAgain => "Asking the same thing twice spends the customer's time.",
            Rule::LimitationDisclosed => {
                "Saying plainly what the product cannot do, where it matters to this customer, builds trust."
            }
            Rule::LimitationPuzzling => {
                "A \"limitation\" about something the customer never raised, or the product does well, only confuses."
            }
            Rule::ProposalMatched => "The proposal answered a need the customer had made clear.",
            Rule::ProposalPremature => {
                "Prescription before diagnosis: you proposed before the need was explored and the customer asked for advice."
            }
            Rule::ProposalIrrelevant => "You pitched for a problem this customer does not have.",
            Rule::ProposalCannotFit => "You offered the product for a need it cannot meet.",
            Rule::CoDesigned => "Inviting the customer to shape the solution builds ownership.",
            Rule::ConcernSurfacedByProposal => {
                "Talking about the solution brought a concern to the surface."
            }
            Rule::ConcernVoiced => "Exploring let the customer voice a concern.",
            Rule::ConcernResolved => {
                "Answering the worry she voiced with what would settle it, rather than arguing, worked it through."
            }
            Rule::ConcernTooEarly => {
                "A worry asked about before she said anything that leads there: it is too early to talk about doubts."
            }
            Rule::ConcernAskedAgain => {
                "She had already told you what worries her; asking again does not settle it. Answer it."
            }
            Rule::AnswerMissed => {
                "The answer missed what she is worried about: it spent her time and some trust."
            }
            Rule::AnswerUnasked => {
                "Answering a worry before she has voiced it presumes you know her mind."
            }
            Rule::ConcernSoftened => "Listening softened a hardened concern.",
            Rule::ConcernHidden => "The customer is not ready to share this concern.",
            Rule::ConcernHardenedByPressure => "Pressure hardened the customer's open concerns.",
            Rule::ConcernHardenedByRebuttal => {
                "Rebutting an objection instead of exploring it hardened it."
            }
            Rule::CommitmentPremature => {
                "Asking for commitment before the buying criteria are met spends trust."
            }
            Rule::CommitmentEarned => {
                "Every buying criterion was met and confirmed, so commitment came naturally."
            }
            Rule::OrderWithoutAuthority => {
                "The customer signed beyond what they can decide alone; the order may unravel."
            }
            Rule::AskedBeyondAuthority => {
                "The customer had said that someone else signs; asking them for the order anyway shows you were not listening."
            }
            Rule::NextStepAgreed => "The customer committed to a concrete next step: an advance.",
            Rule::NoCommitment => {
                "The next step came before her buying criteria were met, so she only asked for something to read. Once they are met, the same step is an advance."
            }
            Rule::NoFitHonest => {
                "You agreed together that the product does not fit: an honest, good ending."
            }
            Rule::NoFitUnfounded => "You declared no fit before finding out why it does not fit.",
            Rule::NoFitWrong => "You walked away from a customer the product could have helped.",
            Rule::FollowUpTooEarly => "There is nothing to follow up yet.",
            Rule::FollowUpAssured => "Following up after the sale keeps the relationship (Assure).",
            Rule::PostSaleBegins => "The sale is made; the Assure step begins.",
            Rule::Pressure => "A closing trick lowers the buyer's trust (Hawes, Strong & Winick).",
            Rule::Rebuttal => "Arguing with an objection tells the customer you are not listening.",
            Rule::FeatureDump => "A feature dump talks about the product, not the customer.",
            Rule::Irritator => {
                "Irritators such as \"a generous offer\" lower trust (Rackham: skilled negotiators use few)."
            }
            Rule::PatienceRanOut => "The customer ran out of time and ended the call.",
            Rule::TrustBroken => "Trust fell so low that the customer ended the call.",
        }
    }

    /// How the customer would put it, where that reads naturally.
    pub fn customer_voice(self) -> Option<&'static str> {
        Some(match self {
            Rule::PurposeStated => {
                "You told me why you called and asked before digging in. I liked that."
            }
            Rule::PurposeLate => "You'd been asking me things for a while before you said why.",
            Rule::NoPurposeYet => "You started asking before you'd said what this was about.",
            Rule::RapportTooMuch => "I have a lot on today; the chit-chat was eating my time.",
            Rule::SituationTooMany => "So many questions about things you could have looked up.",
            Rule::NeedSurfaced => "You asked about exactly what's been bothering me.",
            Rule::NeedExplored => "Saying out loud what it costs us made it feel more real.",
            Rule::NeedMadeExplicit => {
                "When you asked what fixing it would be worth, I convinced myself."
            }
            Rule::QuestionTooEarly => {
                "You talked as if you knew my problems before I'd told you any."
            }
            Rule::AlreadyAnswered => "I already told you that.",
            Rule::TrustGateClosed => "I don't know you well enough to talk about that yet.",
            Rule::Listened => "You actually listened.",
            Rule::GuardHeard => {
                "I told you I nearly cancelled, and you heard me before you asked me anything."
            }
            Rule::GuardIgnored => {
                "I told you why I was wary and you went straight into your questions."
            }
            Rule::SummaryAccurate => "You got it right, and it showed you were paying attention.",
            Rule::UnderstandingTested => "You checked you'd understood me before going on.",
            Rule::SummaryWrong => "That's not what I said.",
            Rule::CheckInvitedConcern => "You asked what I thought, so I told you what worried me.",
            Rule::AgreementConfirmed => "We were clearly on the same page.",
            Rule::EducationLecture => "I didn't ask for a lecture.",
            Rule::EducationAfterGap => "That helped me see what my options really are.",
            Rule::AdviceAsked => "By then I wanted to know what you'd suggest.",
            Rule::AskedAgain => "You asked me that already.",
            Rule::LimitationDisclosed => "You told me what it can't do. Now I believe what it can.",
            Rule::ProposalMatched => "That answers what I told you I need.",
            Rule::ProposalPremature => "You started selling before you knew what hurts.",
            Rule::ProposalIrrelevant => "Why are you pitching me something I don't need?",
            Rule::ProposalCannotFit => "That won't do what I need, and I think you know it.",
            Rule::CoDesigned => "I helped shape it, so it's partly my plan now.",
            Rule::ConcernResolved => "You heard what worried me and answered exactly that.",
            Rule::ConcernHidden => "I wasn't going to tell you about that yet.",
            Rule::ConcernAskedAgain => "I'd told you what worried me. I wanted an answer.",
            Rule::AnswerMissed => "That wasn't what I was worried about.",
            Rule::AnswerUnasked => "I hadn't said I was worried about that.",
            Rule::ConcernHardenedByPressure => "The more you pushed, the more I dug in.",
            Rule::ConcernHardenedByRebuttal => "You argued with me instead of asking why.",
            Rule::CommitmentPremature => "You asked me to commit before I had what I needed.",
            Rule::CommitmentEarned => "By the time you asked, I was ready.",
            Rule::OrderWithoutAuthority => "I signed, but my boss will have questions.",
            Rule::AskedBeyondAuthority => "I told you it isn't my signature.",
            Rule::NextStepAgreed => "A clear next step: I can take that to my people.",
            Rule::NoCommitment => "Send me something; I'll look at it. Maybe.",
            Rule::NoFitHonest => {
                "You were straight with me. I'll remember that, and I'll refer people to you."
            }
            Rule::NoFitWrong => "I thought this might actually help us.",
            Rule::Pressure => "I felt handled, not helped.",
            Rule::Rebuttal => "You weren't listening to my objection, you were fighting it.",
            Rule::FeatureDump => "So many features, and none of them about my problem.",
            Rule::Irritator => "Don't tell me what's fair.",
            Rule::PatienceRanOut => "I'm out of time.",
            Rule::TrustBroken => "I've heard enough.",
            _ => return None,
        })
    }
}
