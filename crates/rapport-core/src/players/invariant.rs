//! The scoring invariant, tested as an adversary would: every manipulative move inserted at
//! every place of honest plays (random ones on offer, and the best ones), which must never
//! raise the score; the seeds that cover a scenario's situations.

use super::{Collaborative, Player, play};
use crate::engine::{State, apply, initial_state, is_offered, offered, right_outcome};
use crate::scenario::Scenario;
use crate::scoring::total;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use super::search::{Play, SearchConfig, SearchResult, outcome_slot, replay, search};

/// A case where inserting a manipulative move raised the score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Violation {
    pub play: Vec<usize>,
    pub inserted: usize,
    pub at: usize,
    pub before: f64,
    pub after: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct InsertionReport {
    pub plays: usize,
    pub insertions: usize,
    pub violations: Vec<Violation>,
}

/// Plays honest moves on offer at random until the call ends (at most 80 moves).
pub fn random_honest_play(scenario: &Scenario, start: State, rng: &mut ChaCha8Rng) -> Vec<usize> {
    let mut s = start;
    let mut moves = Vec::new();
    while !s.ended() && moves.len() < 80 {
        let menu: Vec<usize> = offered(scenario, &s)
            .into_iter()
            .filter(|&m| !scenario.moves[m].kind.is_manipulative())
            .collect();
        if menu.is_empty() {
            break;
        }
        let m = menu[rng.random_range(0..menu.len())];
        apply(scenario, &mut s, m);
        moves.push(m);
    }
    moves
}

/// The moves of a play up to the one that ended the call: a play stops where its call ends.
pub fn until_end(scenario: &Scenario, start: State, moves: &[usize]) -> Vec<usize> {
    let mut s = start;
    let mut kept = Vec::with_capacity(moves.len());
    for &m in moves {
        if s.ended() {
            break;
        }
        apply(scenario, &mut s, m);
        kept.push(m);
    }
    kept
}

/// Inserts one manipulative move into an honest play, at each position where the game offers
/// it, and reports any insertion that raised the final score. The play is cut where its call
/// ends; the altered play then tries the same moves under the game's refusal rules: a move no
/// longer on offer is refused and skipped, so a trick that takes a later mistake off the menu
/// (hiding it) shows as a raised score.
pub fn insertions_into(
    scenario: &Scenario,
    start: State,
    play: &[usize],
    tricks: &[usize],
    violations: &mut Vec<Violation>,
) -> usize {
    let play = until_end(scenario, start, play);
    let before = total(scenario, &replay(scenario, start, &play));
    // The states along the play, so each insertion replays only the moves after it.
    let mut prefix = Vec::with_capacity(play.len() + 1);
    let mut s = start;
    prefix.push(s);
    for &m in &play {
        apply(scenario, &mut s, m);
        prefix.push(s);
    }
    let mut count = 0;
    for at in 0..=play.len() {
        for &t in tricks {
            let mut s = prefix[at];
            if !is_offered(scenario, &s, t) {
                continue;
            }
            apply(scenario, &mut s, t);
            for &m in &play[at..] {
                if s.ended() {
                    break;
                }
                if is_offered(scenario, &s, m) {
                    apply(scenario, &mut s, m);
                }
            }
            let after = total(scenario, &s);
            count += 1;
            if after > before + 1e-9 {
                violations.push(Violation {
                    play: play.clone(),
                    inserted: t,
                    at,
                    before,
                    after,
                });
            }
        }
    }
    count
}

/// Inserts every manipulative move of the scenario at every place of the given plays and of
/// `random_plays` random honest plays.
pub fn check_insertions(
    scenario: &Scenario,
    start: State,
    base_plays: &[Vec<usize>],
    random_plays: usize,
    seed: u64,
) -> InsertionReport {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x001a_5e47);
    let mut plays: Vec<Vec<usize>> = base_plays.to_vec();
    for _ in 0..random_plays {
        plays.push(random_honest_play(scenario, start, &mut rng));
    }
    let tricks: Vec<usize> = (0..scenario.moves.len())
        .filter(|&m| scenario.moves[m].kind.is_manipulative())
        .collect();
    let mut insertions = 0;
    let mut violations = Vec::new();
    for p in &plays {
        insertions += insertions_into(scenario, start, p, &tricks, &mut violations);
    }
    InsertionReport {
        plays: plays.len(),
        insertions,
        violations,
    }
}

/// The invariant, proven for one seed of a scenario.
#[derive(Debug, Clone, Serialize)]
pub struct InvariantReport {
    pub seed: u64,
    pub search: SearchResult,
    pub insertions: InsertionReport,
    /// The collaborative player's play and score, for reference.
    pub collaborative: Play,
}

impl InvariantReport {
    pub fn holds(&self) -> bool {
        self.search.margin().is_some_and(|m| m > 0.0) && self.insertions.violations.is_empty()
    }

    /// Whether an honest play reached the ending that is right for this seed.
    pub fn right_outcome_reachable(&self) -> bool {
        self.search.honest_by_outcome[outcome_slot(self.search.right_outcome)].is_some()
    }
}

pub fn prove_invariant(
    scenario: &Scenario,
    seed: u64,
    config: SearchConfig,
    random_plays: usize,
) -> InvariantReport {
    let start = initial_state(scenario, seed);
    let search = search(scenario, start, config);
    let (collab_moves, collab_state) =
        play(scenario, start, &mut Collaborative as &mut dyn Player, 80);
    let collaborative = Play::of(scenario, collab_moves.clone(), &collab_state);
    let mut base = vec![collab_moves];
    if let Some(h) = &search.honest {
        base.push(h.moves.clone());
    }
    let insertions = check_insertions(scenario, start, &base, random_plays, seed);
    InvariantReport {
        seed,
        search,
        insertions,
        collaborative,
    }
}

/// Seeds that together cover the scenario's variation: first one seed for each right ending
/// the seeds lead to, then one per distinct situation (active needs and concerns, who decides,
/// how guarded), up to `most`, found by trying seeds in order.
pub fn covering_seeds(scenario: &Scenario, most: usize) -> Vec<u64> {
    let tries = (most as u64 * 16).max(64);
    let situation = |seed: u64| {
        let s = initial_state(scenario, seed);
        (s.situation(), right_outcome(scenario, &s))
    };
    let mut seeds: Vec<u64> = Vec::new();
    let mut endings = Vec::new();
    for seed in 0..tries {
        let (_, ending) = situation(seed);
        if !endings.contains(&ending) && seeds.len() < most {
            endings.push(ending);
            seeds.push(seed);
        }
    }
    let mut seen: Vec<_> = seeds.iter().map(|&s| situation(s).0).collect();
    for seed in 0..tries {
        if seeds.len() >= most {
            break;
        }
        let (key, _) = situation(seed);
        if !seen.contains(&key) {
            seen.push(key);
            seeds.push(seed);
        }
    }
    seeds.sort_unstable();
    seeds
}
