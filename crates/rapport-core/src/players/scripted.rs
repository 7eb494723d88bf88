//! The players who do not read the customer: the pushy pitcher, the manipulative closer and
//! the random player (the adversaries that learn a list live in `adversary`).

use super::{Player, about_raised, find_move, fresh_move, needs_by_importance};
use crate::engine::{ConcernState, Depth, State, is_offered, offered};
use crate::scenario::{MoveKind, Scenario};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Pushy but not manipulative: proposes as soon as a proposal is on offer, lectures about the
/// product, and asks for the order early and often: "prescription before diagnosis".
#[derive(Default)]
pub struct Pitcher {
    step: usize,
}

impl Player for Pitcher {
    fn name(&self) -> &'static str {
        "pitcher"
    }

    fn choose(&mut self, scn: &Scenario, s: &State) -> Option<usize> {
        self.step += 1;
        let find = |kind, need| find_move(scn, s, kind, need, None);
        if s.phase == crate::engine::Phase::Assure {
            return find(MoveKind::FollowUp, None);
        }
        if !s.purpose_stated {
            return find(MoveKind::StatePurpose, None);
        }
        // Pitches for whatever problem the customer has just mentioned.
        let unused_proposal = (0..scn.moves.len()).find(|&m| {
            matches!(scn.moves[m].kind, MoveKind::Propose | MoveKind::CoDesign)
                && !s.was_used(m)
                && about_raised(s, &scn.moves[m])
                && is_offered(scn, s, m)
        });
        if let Some(m) = unused_proposal {
            return Some(m);
        }
        if self.step % 5 == 2
            && let Some(m) = fresh_move(scn, s, MoveKind::Educate, None)
        {
            return Some(m);
        }
        if self.step.is_multiple_of(4) {
            return find(MoveKind::AskCommitment, None);
        }
        // A question now and then, to find something to pitch: problem questions, and an
        // implication question once in a while.
        for n in needs_by_importance(scn) {
            if s.depth_of(n) == Depth::Surfaced
                && self.step.is_multiple_of(3)
                && let Some(m) = fresh_move(scn, s, MoveKind::Implication, Some(n))
            {
                return Some(m);
            }
        }
        for n in needs_by_importance(scn) {
            if s.depth_of(n) == Depth::Unknown
                && s.ruled_out & (1 << n) == 0
                && let Some(m) = fresh_move(scn, s, MoveKind::Problem, Some(n))
            {
                return Some(m);
            }
        }
        if s.proposed != 0 && !s.confirmed {
            return find(MoveKind::CheckUnderstanding, None);
        }
        find(MoveKind::AskCommitment, None)
    }
}

/// Asks a little, then uses every closing trick in the book and argues with objections.
#[derive(Default)]
pub struct Closer {
    step: usize,
}

impl Player for Closer {
    fn name(&self) -> &'static str {
        "closer"
    }

    fn choose(&mut self, scn: &Scenario, s: &State) -> Option<usize> {
        self.step += 1;
        let find = |kind, need, concern| find_move(scn, s, kind, need, concern);
        if s.phase == crate::engine::Phase::Assure {
            return find(MoveKind::FollowUp, None, None);
        }
        if !s.purpose_stated {
            return find(MoveKind::StatePurpose, None, None);
        }
        if self.step <= 5 {
            for n in needs_by_importance(scn) {
                if s.depth_of(n) == Depth::Surfaced
                    && let Some(m) = fresh_move(scn, s, MoveKind::Implication, Some(n))
                {
                    return Some(m);
                }
                if s.depth_of(n) == Depth::Unknown
                    && s.ruled_out & (1 << n) == 0
                    && let Some(m) = fresh_move(scn, s, MoveKind::Problem, Some(n))
                {
                    return Some(m);
                }
            }
        }
        if let Some((c, _)) = s
            .concerns
            .iter()
            .enumerate()
            .take(scn.file.concerns.len())
            .find(|(_, c)| **c == ConcernState::Raised)
            && let Some(m) = find(MoveKind::RebutObjection, None, Some(c))
        {
            return Some(m);
        }
        let tricks: Vec<usize> = offered(scn, s)
            .into_iter()
            .filter(|&m| {
                scn.moves[m].kind.is_manipulative() && scn.moves[m].kind != MoveKind::RebutObjection
            })
            .collect();
        if tricks.is_empty() || self.step.is_multiple_of(3) {
            return find(MoveKind::AskCommitment, None, None);
        }
        Some(tricks[self.step % tricks.len()])
    }
}

/// Picks uniformly among the moves on offer, seeded.
pub struct RandomPlayer {
    rng: ChaCha8Rng,
}

impl RandomPlayer {
    pub fn new(seed: u64) -> Self {
        RandomPlayer {
            rng: ChaCha8Rng::seed_from_u64(seed ^ 0x5eed),
        }
    }
}

impl Player for RandomPlayer {
    fn name(&self) -> &'static str {
        "random"
    }

    fn choose(&mut self, scn: &Scenario, s: &State) -> Option<usize> {
        let menu = offered(scn, s);
        if menu.is_empty() {
            return None;
        }
        Some(menu[self.rng.random_range(0..menu.len())])
    }
}
