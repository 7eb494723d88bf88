//! Scores a conversation on the brief's dimensions, each 0–100 with reasons, and takes off
//! penalties for manipulative moves and premature proposals.

pub mod debrief;

use crate::engine::criteria::{known_no_fit, limitations};
use crate::engine::{ConcernState, Depth, State, right_outcome};
use crate::scenario::{Fit, Outcome, Scenario};
use serde::{Deserialize, Serialize};

/// Each manipulative move keeps this share of the score: the score is multiplied by it once
/// per trick, so a pushy play still shows what it did well, and a trick can never pay.
pub const MANIPULATION_FACTOR: f64 = 0.88;
/// No play with a manipulative move can score above this: every dimension tops out at 100,
/// and a trick keeps only `MANIPULATION_FACTOR` of the score.
pub const TRICK_CEILING: f64 = 100.0 * MANIPULATION_FACTOR;
/// Fit points off for each proposal made before its need was explored and the customer asked
/// for advice, or for a need the customer lacks or the product cannot meet.
pub const PROPOSAL_MISTAKE_FIT: f64 = 15.0;
/// Fit points off for each move that showed the customer she had not been heard: a deeper
/// question about a problem she never raised, a worry asked about before anything she said led
/// there or again once she had voiced it, an answer to a worry she never voiced or that missed
/// the one she did, a limitation of something she does not need, an order asked for before she
/// was ready or after she said someone else signs, a worry hardened by a trick. Taken from fit
/// and outcome, which a walk-out zeroes anyway, so a trick that ends the call early never hides
/// one.
pub const PRESUMED_FIT: f64 = 20.0;
/// Outcome points off for each such move.
pub const PRESUMED_OUTCOME: f64 = 10.0;
/// Outcome points off for each limitation of the product left unsaid before an order or an
/// advance.
pub const UNSAID_LIMITATION: f64 = 15.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DimensionKind {
    Discovery,
    Agreement,
    Relationship,
    FitAndOutcome,
}

impl DimensionKind {
    pub fn label(self) -> &'static str {
        match self {
            DimensionKind::Discovery => "Discovery",
            DimensionKind::Agreement => "Agreement-checking",
            DimensionKind::Relationship => "Relationship",
            DimensionKind::FitAndOutcome => "Solution fit and outcome",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dimension {
    pub kind: DimensionKind,
    pub name: String,
    /// 0–100.
    pub value: f64,
    /// Share of the total, in percent.
    pub weight: u32,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Penalty {
    pub what: String,
    pub count: u32,
    pub points: f64,
}

impl Penalty {
    /// The penalty as the debrief and the reports say it: how many, what, and the points it
    /// took off, never "-0" (a penalty on a score already near zero takes off nothing).
    pub fn line(&self) -> String {
        let cost = if self.points >= 0.05 {
            format!("{:.1} points off the total", self.points)
        } else {
            "nothing left to take off".to_string()
        };
        format!("Penalty for {} {}: {cost}.", self.count, self.what)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Score {
    /// 0–100, one decimal.
    pub total: f64,
    pub dimensions: Vec<Dimension>,
    pub penalties: Vec<Penalty>,
    pub outcome: Option<Outcome>,
    pub right_outcome: Outcome,
}

/// The numbers behind a score, computed without any text (the search calls this a lot).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figures {
    pub discovery: f64,
    pub agreement: f64,
    pub relationship: f64,
    pub fit: f64,
    pub outcome: f64,
    pub fit_and_outcome: f64,
    pub penalty: f64,
    pub total: f64,
}

/// The outcome score: reaching the ending that is right for the hidden situation. A sale
/// counts from the moment it is made, even while the post-sale call goes on.
pub fn outcome_points(scenario: &Scenario, state: &State) -> f64 {
    let right = right_outcome(scenario, state);
    let outcome = if state.ordered {
        Outcome::Order
    } else if state.ended() {
        state.outcome.unwrap_or(Outcome::NoSale)
    } else {
        return 0.0;
    };
    let unsaid = f64::from((limitations(scenario, state.active) & !state.disclosed).count_ones());
    let honest_close = (100.0 - UNSAID_LIMITATION * unsaid).max(50.0);
    match (right, outcome) {
        (Outcome::Order, Outcome::Order) => {
            if scenario.has_post_sale() && !state.assured {
                honest_close - 20.0
            } else {
                honest_close
            }
        }
        (Outcome::Order, Outcome::Advance) => 70.0_f64.min(honest_close),
        (Outcome::Advance, Outcome::Advance) => honest_close,
        (Outcome::Advance, Outcome::Order) => 55.0,
        (Outcome::MutualNoFit, Outcome::MutualNoFit) => {
            if state.no_fit_founded {
                100.0
            } else {
                60.0
            }
        }
        (Outcome::MutualNoFit, Outcome::Continuation) => 20.0,
        (Outcome::MutualNoFit, Outcome::Advance) => 15.0,
        (Outcome::MutualNoFit, Outcome::Order) => 0.0,
        (_, Outcome::Continuation) => 25.0,
        (_, Outcome::MutualNoFit) => 10.0,
        (_, Outcome::NoSale) => 0.0,
        (_, _) => 0.0,
    }
}

/// Pieces of news a thorough seller would have covered in summaries for this play.
fn expected_news(scenario: &Scenario, s: &State) -> f64 {
    let needs = (0..scenario.file.needs.len())
        .filter(|&i| s.is_active(i))
        .count();
    let concerns = scenario
        .file
        .concerns
        .iter()
        .enumerate()
        .filter(|(i, c)| !c.after_sale && s.concern_active(*i))
        .count();
    (2 * needs + concerns).max(3) as f64
}

/// The numbers behind a score. Each dimension only grows as the conversation learns more and
/// the customer trusts more, and a walk-out counts nothing for the relationship or the
/// outcome: together with the engine's rules, this is why inserting a trick never raises it.
pub fn figures(scenario: &Scenario, s: &State) -> Figures {
    let needs = &scenario.file.needs;
    let mut weight_all = 0.0;
    let mut weight_found = 0.0;
    let mut weight_fitting = 0.0;
    let mut weight_proposed = 0.0;
    for (i, n) in needs.iter().enumerate() {
        if !s.is_active(i) {
            continue;
        }
        let w = f64::from(n.importance);
        weight_all += w;
        weight_found += w * f64::from(s.depth[i]) / 3.0;
        if n.fit != Fit::None {
            weight_fitting += w;
            if s.proposed & (1 << i) != 0 {
                let honest = s.disclosed & (1 << i) != 0;
                weight_proposed += w * match (n.fit, honest) {
                    (Fit::Partial, true) => 0.8,
                    (Fit::Partial, false) => 0.5,
                    _ => 1.0,
                };
            }
        }
    }
    let found = if weight_all > 0.0 {
        100.0 * weight_found / weight_all
    } else {
        0.0
    };
    let discovery = found;

    let covered = (f64::from(s.info_at_check) / expected_news(scenario, s)).min(1.0);
    let agreement = 70.0 * covered + if s.confirmed { 30.0 } else { 0.0 };

    let ceiling = f64::from(scenario.trust_ceiling.max(1));
    let course = (100.0 - 2.0 * f64::from(s.trust_lost())).max(0.0);
    let relationship = if s.walked_out {
        0.0
    } else {
        (0.8 * 100.0 * f64::from(s.trust) / ceiling + 0.2 * course).min(100.0)
    };

    let right = right_outcome(scenario, s);
    let mistakes = f64::from(s.premature_proposals) + f64::from(s.bad_proposals);
    let presumed = PRESUMED_FIT * f64::from(s.presumed);
    let fit = if right == Outcome::MutualNoFit {
        // The fit here is saying, once the reason is known, that the product does not fit.
        let base = if s.no_fit_founded {
            100.0
        } else if known_no_fit(scenario, s) {
            50.0
        } else {
            25.0
        };
        (base - 25.0 * mistakes - presumed).max(0.0)
    } else {
        let coverage = if weight_fitting > 0.0 {
            weight_proposed / weight_fitting
        } else {
            1.0
        };
        let co_design = if s.co_designed != 0 { 10.0 } else { 0.0 };
        (100.0 * coverage * 0.9 + co_design - PROPOSAL_MISTAKE_FIT * mistakes - presumed)
            .clamp(0.0, 100.0)
    };
    let outcome = (outcome_points(scenario, s) - PRESUMED_OUTCOME * f64::from(s.presumed)).max(0.0);
    let fit_and_outcome = if s.walked_out {
        0.0
    } else {
        0.4 * fit + 0.6 * outcome
    };

    let w = scenario.weights;
    let weighted = (f64::from(w.discovery) * discovery
        + f64::from(w.agreement) * agreement
        + f64::from(w.relationship) * relationship
        + f64::from(w.fit_and_outcome) * fit_and_outcome)
        / 100.0;
    let factor = MANIPULATION_FACTOR.powi(i32::from(s.manipulative));
    let kept = (weighted * factor).clamp(0.0, 100.0);
    let total = (kept * 10.0).round() / 10.0;
    Figures {
        discovery,
        agreement,
        relationship,
        fit,
        outcome,
        fit_and_outcome,
        penalty: weighted - kept,
        total,
    }
}

/// The total score only.
pub fn total(scenario: &Scenario, state: &State) -> f64 {
    figures(scenario, state).total
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The full score with a reason for every dimension.
pub fn score(scenario: &Scenario, s: &State) -> Score {
    let f = figures(scenario, s);
    let w = scenario.weights;
    let right = right_outcome(scenario, s);
    let needs = &scenario.file.needs;
    let active: Vec<usize> = (0..needs.len()).filter(|&i| s.is_active(i)).collect();

    let mut discovery = Vec::new();
    let explicit = active
        .iter()
        .filter(|&&i| s.depth_of(i) == Depth::Explicit)
        .count();
    discovery.push(format!(
        "{explicit} of {} needs made explicit by the customer (importance-weighted depth {:.0}%).",
        active.len(),
        f.discovery
    ));
    for &i in &active {
        if s.depth_of(i) < Depth::Explicit {
            discovery.push(format!(
                "\"{}\" stayed {}.",
                needs[i].summary,
                s.depth_of(i).label()
            ));
        }
    }
    if s.situation_asked > 3 {
        discovery.push(format!(
            "{} situation questions: top sellers ask few (Rackham).",
            s.situation_asked
        ));
    }

    let mut agreement = vec![format!(
        "{} summaries or checks made when there was something new to check.",
        s.useful_checks
    )];
    agreement.push(if s.confirmed {
        "Agreement was confirmed before the call ended.".to_string()
    } else {
        "Agreement was never confirmed: no check once there was something to agree on.".to_string()
    });

    let mut relationship = vec![format!(
        "Trust went from {} to {} ({}).",
        s.start_trust,
        s.trust,
        crate::engine::trust_word(s.trust)
    )];
    if s.trust_lost() > 0 {
        relationship.push(format!(
            "{} points of trust lost along the way.",
            s.trust_lost()
        ));
    }
    if s.walked_out {
        relationship.push(
            "The customer ended the call: the relationship and the outcome count nothing, but what you found out and checked still does."
                .to_string(),
        );
    }
    if scenario.trust_ceiling < 100 {
        relationship.push(format!(
            "This customer's trust tops out at {}; the score measures trust against that.",
            scenario.trust_ceiling
        ));
    }

    let mut fit_reasons = Vec::new();
    if s.presumed > 0 {
        fit_reasons.push(format!(
            "{} {} showed she had not been heard (-{PRESUMED_FIT:.0} fit and -{PRESUMED_OUTCOME:.0} outcome points each): ask about what she raised, answer the worry she voiced instead of asking again, ask for the order once she is ready and only if she can give it.",
            s.presumed,
            if s.presumed == 1 { "move" } else { "moves" }
        ));
    }
    let outcome_word = |o: Option<Outcome>| match o {
        Some(o) => outcome_label(o),
        None => "no ending yet",
    };
    fit_reasons.push(format!(
        "Ending: {} — the right ending here is {} ({:.0} outcome points).",
        outcome_word(if s.ended() { s.outcome } else { None }),
        outcome_label(right),
        f.outcome
    ));
    if !scenario.file.decision.why.is_empty() {
        fit_reasons.push(scenario.file.decision.why.clone());
    }
    if right != Outcome::MutualNoFit {
        let proposed = active
            .iter()
            .filter(|&&i| needs[i].fit != Fit::None && s.proposed & (1 << i) != 0)
            .count();
        let fitting = active
            .iter()
            .filter(|&&i| needs[i].fit != Fit::None)
            .count();
        fit_reasons.push(format!(
            "Solutions proposed for {proposed} of {fitting} needs the product can meet."
        ));
        if s.co_designed != 0 {
            fit_reasons.push("The customer helped shape the solution.".to_string());
        }
    }
    let unsaid = limitations(scenario, s.active) & !s.disclosed;
    if unsaid != 0 && right != Outcome::MutualNoFit {
        for i in (0..needs.len()).filter(|i| unsaid & (1 << i) != 0) {
            let meets = if needs[i].fit == Fit::None {
                "cannot meet"
            } else {
                "only partly meets"
            };
            fit_reasons.push(if s.depth_of(i) > Depth::Unknown {
                format!(
                    "A limitation was left unsaid: the product {meets} \"{}\", and the customer was not told.",
                    needs[i].summary
                )
            } else {
                format!(
                    "A limitation was never reached: the product {meets} \"{}\", which never came up, so it could not be said.",
                    needs[i].summary
                )
            });
        }
    } else if s.disclosed != 0 {
        fit_reasons
            .push("You said plainly what the product cannot do, where it mattered.".to_string());
    }
    if s.bad_proposals > 0 {
        fit_reasons.push(format!(
            "{} proposals for needs the customer does not have or the product cannot meet.",
            s.bad_proposals
        ));
    }
    if scenario.has_post_sale() && s.ordered {
        fit_reasons.push(if s.assured {
            "You followed up after the sale and resolved what came up.".to_string()
        } else {
            "After the sale, the follow-up was missing or left a concern open.".to_string()
        });
    }
    let open_concerns = scenario
        .file
        .concerns
        .iter()
        .enumerate()
        .filter(|(i, _)| matches!(s.concerns[*i], ConcernState::Hardened))
        .count();
    if open_concerns > 0 {
        fit_reasons.push(format!("{open_concerns} concerns were left hardened."));
    }

    let mut penalties = Vec::new();
    if s.manipulative > 0 {
        penalties.push(Penalty {
            what: format!(
                "manipulative moves (closes, rebuttals, feature dumps, irritators; each keeps only {:.0}% of the score)",
                MANIPULATION_FACTOR * 100.0
            ),
            count: s.manipulative.into(),
            points: round1(f.penalty),
        });
    }
    if s.premature_proposals > 0 {
        penalties.push(Penalty {
            what: format!(
                "proposals before the need was explored and advice was asked ({PROPOSAL_MISTAKE_FIT:.0} fit points and 4 trust each)"
            ),
            count: s.premature_proposals.into(),
            points: round1(
                PROPOSAL_MISTAKE_FIT * f64::from(s.premature_proposals)
                    * 0.4
                    * f64::from(w.fit_and_outcome)
                    / 100.0,
            ),
        });
    }
    let dim = |kind: DimensionKind, value: f64, weight: u32, reasons: Vec<String>| Dimension {
        kind,
        name: kind.label().to_string(),
        value: round1(value),
        weight,
        reasons,
    };
    Score {
        total: f.total,
        dimensions: vec![
            dim(
                DimensionKind::Discovery,
                f.discovery,
                w.discovery,
                discovery,
            ),
            dim(
                DimensionKind::Agreement,
                f.agreement,
                w.agreement,
                agreement,
            ),
            dim(
                DimensionKind::Relationship,
                f.relationship,
                w.relationship,
                relationship,
            ),
            dim(
                DimensionKind::FitAndOutcome,
                f.fit_and_outcome,
                w.fit_and_outcome,
                fit_reasons,
            ),
        ],
        penalties,
        outcome: if s.ended() { s.outcome } else { None },
        right_outcome: right,
    }
}

pub fn outcome_label(o: Outcome) -> &'static str {
    match o {
        Outcome::Order => "an order",
        Outcome::Advance => "an advance",
        Outcome::Continuation => "no commitment",
        Outcome::MutualNoFit => "a mutual no-fit",
        Outcome::NoSale => "no sale",
    }
}
