//! How a call ends: an order (or the post-sale call it opens), the follow-up after the sale,
//! and the customer walking out.

use super::{Sink, Step};
use crate::engine::rules::Rule;
use crate::engine::state::{ConcernState, Phase};
use crate::engine::{Event, Speaker};
use crate::scenario::{Outcome, Reaction};

impl<S: Sink> Step<'_, S> {
    pub(super) fn end(&mut self, outcome: Outcome, rule: Rule) {
        self.state.outcome = Some(outcome);
        self.phase(Phase::Ended);
        if S::RECORDS {
            self.sink.push(Event::Ended { outcome, rule });
        }
    }

    /// Ends a call that already made its sale: the outcome stays an order.
    pub(super) fn end_after_sale(&mut self, rule: Rule) {
        self.end(Outcome::Order, rule);
    }

    /// An order: the call ends, or the post-sale phase begins if the scenario has one. The
    /// post-sale call goes on with the time that is left.
    pub(super) fn order(&mut self, rule: Rule) {
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

    /// Ends the call from the customer's side. A walk-out counts nothing for the relationship
    /// or the outcome, even after a sale: so a trick that ends a call early can never spare
    /// a play the mistakes it would have made later.
    pub(super) fn walk_out(&mut self, rule: Rule) {
        self.react(Reaction::Walkout, false);
        self.state.walked_out = true;
        let outcome = if self.state.ordered {
            Outcome::Order
        } else {
            Outcome::NoSale
        };
        self.end(outcome, rule);
    }

    pub(super) fn follow_up(&mut self) {
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
}
