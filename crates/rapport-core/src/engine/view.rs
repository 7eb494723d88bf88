//! What the trainee has learned so far: the needs and concerns the customer has put into
//! words, with the core's words for how far each has gone. Every view of "what I know" (the
//! call screen, a screen reader, the command line) reads this, never the hidden state.

use super::state::{ConcernState, Depth, State};
use crate::scenario::Scenario;
use serde::Serialize;

/// One thing the customer has said about a need or a concern.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Learned {
    pub text: String,
    /// A concern (worry) rather than a need.
    pub concern: bool,
}

impl Depth {
    /// How far a need has come, in words a trainee uses.
    pub fn heard(self) -> &'static str {
        match self {
            Depth::Unknown => "not mentioned",
            Depth::Surfaced => "mentioned (surfaced)",
            Depth::Explored => "its costs are clear (explored)",
            Depth::Explicit => "they said what solving it is worth (explicit)",
        }
    }
}

/// The needs the customer has brought up (at their depth) and the concerns they have voiced,
/// in the scenario's order.
pub fn learned(scenario: &Scenario, s: &State) -> Vec<Learned> {
    let mut out = Vec::new();
    for (i, need) in scenario.file.needs.iter().enumerate() {
        let depth = s.depth_of(i);
        if depth > Depth::Unknown {
            out.push(Learned {
                text: format!("{} — {}", need.summary, depth.heard()),
                concern: false,
            });
        }
    }
    for (i, concern) in scenario.file.concerns.iter().enumerate() {
        let c = s.concerns[i];
        if c != ConcernState::Latent {
            out.push(Learned {
                text: format!("Concern: {} — {}", concern.summary, c.label()),
                concern: true,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Conversation;

    #[test]
    fn the_trainee_learns_only_what_the_customer_has_said_in_the_cores_words() {
        let scenario = crate::scenario::parse(crate::STARTER_SCENARIO)
            .scenario
            .expect("starter parses");
        let mut c = Conversation::start(scenario.clone(), 1);
        assert!(learned(&scenario, c.state()).is_empty());
        c.choose_id("purpose").expect("offered");
        c.choose_id("ask-proofs").expect("offered");
        c.choose_id("cost-proofs").expect("offered");
        let heard = learned(&scenario, c.state());
        assert_eq!(
            heard,
            vec![Learned {
                text: "Proof approvals drag on — its costs are clear (explored)".to_string(),
                concern: false,
            }]
        );
    }
}
