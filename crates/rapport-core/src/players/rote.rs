//! Does rote pay? The memoriser learns the best play found on one seed and recites it on
//! other seeds; the reading (collaborative) player decides from what the customer says. A
//! scenario teaches reading only if the first scores far below the second.

use super::adversary::median;
use super::{Collaborative, Memoriser, Player, play};
use crate::engine::initial_state;
use crate::scenario::Scenario;
use crate::scoring::total;
use serde::Serialize;

/// Seeds the rote check plays by default.
pub const ROTE_SEEDS: u64 = 200;

#[derive(Debug, Clone, Serialize)]
pub struct RoteReport {
    /// The seed whose best play was learnt by heart.
    pub learnt_on: u64,
    /// Unseen seeds played (the learnt seed excluded).
    pub seeds: u64,
    pub memorised_median: f64,
    pub reading_median: f64,
    pub memorised_mean: f64,
    pub reading_mean: f64,
}

impl RoteReport {
    /// Rote comes within this many points of reading: the scenario can be won by rote.
    pub const CLOSE: f64 = 25.0;

    pub fn rote_comes_close(&self) -> bool {
        self.memorised_median > self.reading_median - Self::CLOSE
    }
}

/// Recites `learnt` (a play found on seed `learnt_on`) on seeds `0..=seeds` other than the
/// learnt one, beside the reading player on the same seeds.
pub fn rote_check(scenario: &Scenario, learnt_on: u64, learnt: &[usize], seeds: u64) -> RoteReport {
    let mut memorised = Vec::new();
    let mut reading = Vec::new();
    for seed in (0..=seeds).filter(|&s| s != learnt_on).take(seeds as usize) {
        let start = initial_state(scenario, seed);
        let mut rote = Memoriser::new(learnt.to_vec());
        let (_, end) = play(scenario, start, &mut rote as &mut dyn Player, 200);
        memorised.push(total(scenario, &end));
        let (_, end) = play(scenario, start, &mut Collaborative as &mut dyn Player, 200);
        reading.push(total(scenario, &end));
    }
    let mean = |xs: &[f64]| xs.iter().sum::<f64>() / xs.len().max(1) as f64;
    RoteReport {
        learnt_on,
        seeds: memorised.len() as u64,
        memorised_mean: mean(&memorised),
        reading_mean: mean(&reading),
        memorised_median: median(memorised),
        reading_median: median(reading),
    }
}
