//! The scenario as a trainer writes it: plain data read from RON, unknown fields rejected.

use super::kinds::{MoveKind, Reply};
use serde::{Deserialize, Serialize};

pub use super::kinds::Lines;

/// The scenario format version this build writes. Version 1 and 2 files are read as version 3
/// (every field added since has a default), with a warning that says what to add.
pub const FORMAT_VERSION: u32 = 3;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename = "Scenario")]
pub struct ScenarioFile {
    pub format_version: u32,
    pub meta: Meta,
    pub briefing: Briefing,
    pub product: Product,
    pub customer: Customer,
    pub needs: Vec<Need>,
    #[serde(default)]
    pub concerns: Vec<Concern>,
    pub criteria: Vec<Criterion>,
    pub decision: Decision,
    #[serde(default)]
    pub variation: Variation,
    #[serde(default)]
    pub post_sale: Option<PostSale>,
    pub moves: Vec<Move>,
    #[serde(default)]
    pub replies: Vec<Reply>,
    #[serde(default)]
    pub weights: Option<Weights>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub industry: String,
    pub difficulty: Difficulty,
    pub estimated_minutes: u32,
    #[serde(default)]
    pub learning_objectives: Vec<String>,
    #[serde(default)]
    pub author: String,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Difficulty {
    Beginner,
    Intermediate,
    Advanced,
}

/// The Target step: what the trainee reads before the call.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Briefing {
    /// Facts known before the call.
    pub known: Vec<String>,
    /// What the trainee should try to find out.
    #[serde(default)]
    pub find_out: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Product {
    pub name: String,
    pub description: String,
    #[serde(default)]
    pub can: Vec<String>,
    #[serde(default)]
    pub cannot: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Customer {
    pub name: String,
    pub role: String,
    pub company: String,
    pub style: SocialStyle,
    /// Trust at the start of the call, 0–100.
    pub trust: i32,
    /// Time the customer gives, 0–100; each move spends some.
    pub patience: i32,
    /// The seed moves starting trust up or down by at most this much.
    #[serde(default)]
    pub mood_variation: i32,
    /// The highest trust this customer ever gives, 1–100; by default 100 for a Socializer,
    /// 95 for a Relater, 90 for a Director and 80 for a Thinker (a guarded Thinker stays measured).
    #[serde(default)]
    pub max_trust: Option<i32>,
    /// The customer's first words.
    pub opening: Lines,
    /// On some seeds the customer is guarded: lower starting trust, and an opening cue.
    #[serde(default)]
    pub guarded: Option<Guarded>,
    /// Tricks that cost this customer more trust than her style's default (never less).
    #[serde(default)]
    pub pressure_costs: Vec<PressureCost>,
}

/// The trust one manipulative move kind costs with this customer.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PressureCost {
    pub kind: MoveKind,
    /// Trust lost each time, from the style's default for the kind up to 40.
    pub trust: i32,
}

/// A seeded, more guarded version of the customer.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Guarded {
    /// Percent of seeds on which the customer is guarded, 0–100.
    pub chance: u8,
    /// Starting trust is lowered by this much, 0–40.
    pub trust_drop: i32,
    /// Said after the opening on a guarded seed: the cue that this customer needs more care.
    pub cue: Lines,
}

impl Customer {
    /// The trust ceiling, from `max_trust` or the social style's default.
    pub fn trust_ceiling(&self) -> i32 {
        self.max_trust.unwrap_or(match self.style {
            SocialStyle::Socializer => 100,
            SocialStyle::Relater => 95,
            SocialStyle::Director => 90,
            SocialStyle::Thinker => 80,
        })
    }
}

/// Alessandra's Platinum Rule styles; each shades what builds or spends trust and patience.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
pub enum SocialStyle {
    Director,
    Socializer,
    Relater,
    Thinker,
}

/// How well the product meets a need.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, Default)]
pub enum Fit {
    #[default]
    Full,
    Partial,
    None,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Need {
    pub id: String,
    /// The heading of this need's section on the menu ("The lunch queue"): what the moves are
    /// about, not what is wrong. Optional: the id, in words, otherwise.
    #[serde(default)]
    pub topic: Option<String>,
    /// Short label shown in "What I have learned" once the need surfaces.
    pub summary: String,
    /// 1 (nice to have) to 5 (critical).
    pub importance: u8,
    #[serde(default)]
    pub fit: Fit,
    /// A must-have: if the product cannot meet it, the honest outcome is no fit.
    #[serde(default)]
    pub dealbreaker: bool,
    /// The need only opens up when trust is at least this.
    #[serde(default)]
    pub trust_gate: Option<i32>,
    /// Background answers to situation questions about this topic.
    #[serde(default)]
    pub situation: Lines,
    /// The customer mentions the problem.
    pub surfaced: Lines,
    /// The customer tells what the problem costs them.
    pub explored: Lines,
    /// The customer says, in their words, what solving it is worth.
    pub explicit: Lines,
    /// What the customer says while the need is still closed to them (trust too low).
    #[serde(default)]
    pub guarded: Lines,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Concern {
    pub id: String,
    pub summary: String,
    #[serde(default)]
    pub trust_gate: Option<i32>,
    /// The need whose surfacing lets the customer hint at this concern (their words about it
    /// carry the cue); until then the trainee is not offered moves about the concern. Without
    /// it the concern can be explored from the start (the briefing or opening hints at it).
    #[serde(default)]
    pub hinted_by: Option<String>,
    /// Appears only after the sale, in the post-sale phase.
    #[serde(default)]
    pub after_sale: bool,
    /// The customer voices the concern.
    pub raised: Lines,
    /// The `AnswerConcern` moves that settle this worry once she has voiced it (version 3).
    /// The other answers on the menu miss it. Without any, asking about the voiced concern a
    /// second time settles it, as in version 2.
    #[serde(default)]
    pub settled_by: Vec<String>,
    /// The concern, answered, is worked through.
    pub resolved: Lines,
    /// The concern, rebutted or pressured, hardens.
    pub hardened: Lines,
    #[serde(default)]
    pub guarded: Lines,
}

/// Something that must be true before the customer commits.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub id: String,
    /// The criterion in the customer's words, said when it is not yet met.
    pub text: String,
    pub requires: Vec<Condition>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub enum Condition {
    /// The need was made explicit by the customer.
    Explicit(String),
    /// The need's implications are known.
    Explored(String),
    /// A solution was proposed (or co-designed) for the need.
    Proposed(String),
    /// The concern was explored and worked through.
    Resolved(String),
    /// Trust is at least this.
    Trust(i32),
}

/// The outcomes a call can end with.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// The customer commits to buy.
    Order,
    /// The customer commits to a concrete next step.
    Advance,
    /// A friendly end with no commitment.
    Continuation,
    /// Both agree the product does not fit.
    MutualNoFit,
    /// The customer ended the call.
    NoSale,
}

/// What the right ending is when the product fits.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
pub enum RightWhenFits {
    Order,
    Advance,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// The right ending when every active dealbreaker need fits. When an active dealbreaker
    /// need does not fit, the right ending is always a mutual no-fit.
    pub right_outcome: RightWhenFits,
    /// The concrete next step an advance commits the customer to.
    pub next_step: String,
    /// Why this is the right ending, shown in the debrief.
    #[serde(default)]
    pub why: String,
    /// On some seeds the customer cannot decide alone: the right ending (when the product
    /// fits) is then an advance to the budget holder, whatever `right_outcome` says.
    #[serde(default)]
    pub budget_holder: Option<BudgetHolder>,
}

/// Who decides, by seed, and the words that tell the trainee.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct BudgetHolder {
    /// Percent of seeds on which the customer needs a budget holder's sign-off, 0–100.
    pub chance: u8,
    /// Said after the opening when they need sign-off ("Anything over five thousand goes to
    /// our finance director").
    pub cue: Lines,
    /// Said after the opening when they decide alone ("It's my budget, my call"). Optional.
    #[serde(default)]
    pub alone_cue: Lines,
    /// With a gate, who signs is not said at the opening: the customer says it (the `cue` or
    /// the `alone_cue`) once her trust reaches the gate, or when asked for the order.
    #[serde(default)]
    pub trust_gate: Option<i32>,
}

/// Seeded variation between plays.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Variation {
    /// Only `pick` of these needs are active in a given play; needs not listed always are.
    #[serde(default)]
    pub active_needs: Option<Pick>,
    /// Only `pick` of these concerns are on the customer's mind in a given play; concerns not
    /// listed always are.
    #[serde(default)]
    pub active_concerns: Option<Pick>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Pick {
    pub pick: usize,
    pub from: Vec<String>,
}

/// The Assure step: the call goes on after an order.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PostSale {
    /// Narration shown when the post-sale phase starts ("Six weeks later…").
    pub intro: String,
    /// The customer's first words after the sale.
    pub opening: Lines,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Move {
    pub id: String,
    /// What the trainee says.
    pub text: String,
    /// What the trainee says when asking the same thing again ("Sorry, remind me: how do
    /// orders reach you?"); without it, `text` is said again.
    #[serde(default)]
    pub again: Option<String>,
    pub kind: MoveKind,
    /// The needs or concerns the move is about.
    #[serde(default)]
    pub about: Vec<String>,
    /// What the customer answers to this very move, in place of the general reply for its
    /// reaction. Used when the move has its ordinary effect: welcome rapport, a first
    /// statement of purpose, a general situation question, listening to something new,
    /// education, a follow-up after the sale, and every manipulative move.
    #[serde(default)]
    pub reply: Lines,
}

/// Score-weight adjustments; each weight 10–50, together 100.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    pub discovery: u32,
    pub agreement: u32,
    pub relationship: u32,
    pub fit_and_outcome: u32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            discovery: 25,
            agreement: 20,
            relationship: 15,
            fit_and_outcome: 40,
        }
    }
}

impl Weights {
    pub const MIN: u32 = 10;
    pub const MAX: u32 = 50;
}
