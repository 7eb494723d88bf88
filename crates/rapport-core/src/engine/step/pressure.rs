//! What a manipulative move does: it only takes away (trust, a worry's resolution, time), by
//! the customer's style or more where the scenario says so, and never less.

use super::{Sink, Step};
use crate::engine::rules::Rule;
use crate::engine::state::ConcernState;
use crate::engine::style::{StyleTraits, pressure_cost};
use crate::scenario::{MoveKind, Reaction};

impl<S: Sink> Step<'_, S> {
    /// Plays a trick; returns the extra time it took and the rule that took it.
    pub(super) fn trick(
        &mut self,
        kind: MoveKind,
        concern: Option<usize>,
        style: &StyleTraits,
    ) -> (i16, Rule) {
        match kind {
            MoveKind::RebutObjection => {
                self.state.manipulative = self.state.manipulative.saturating_add(1);
                let c = concern.unwrap_or(0);
                self.react(Reaction::Rebutted, true);
                let cost = self.trick_cost(kind, style);
                self.lose(cost, Rule::Rebuttal);
                if matches!(
                    self.state.concerns[c],
                    ConcernState::Raised | ConcernState::Resolved
                ) {
                    self.set_concern(c, ConcernState::Hardened, Rule::ConcernHardenedByRebuttal);
                }
                (1, Rule::Rebuttal)
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
                let cost = self.trick_cost(kind, style);
                self.lose(cost, rule);
                (extra, rule)
            }
            _ => {
                // Every closing trick.
                debug_assert!(kind.is_close() || kind == MoveKind::SummaryPileOn);
                self.state.manipulative = self.state.manipulative.saturating_add(1);
                self.react(Reaction::Pressured, true);
                let cost = self.trick_cost(kind, style);
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
                (2, Rule::Pressure)
            }
        }
    }

    /// The trust a trick costs this customer: her style's default, or more where the scenario
    /// says so (never less, so a trick never gets cheaper).
    fn trick_cost(&self, kind: MoveKind, style: &StyleTraits) -> i16 {
        let default = pressure_cost(kind) * style.pressure_quarters / 4;
        let authored = self
            .scenario
            .file
            .customer
            .pressure_costs
            .iter()
            .filter(|c| c.kind == kind)
            .map(|c| c.trust.clamp(0, 40) as i16)
            .max()
            .unwrap_or(0);
        default.max(authored)
    }
}
