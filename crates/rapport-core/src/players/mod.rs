//! Automatic players: collaborative, pitcher, closer and random. They see only what a trainee
//! could see (what the customer has said, the trust meter, the briefing), never the hidden pools.

pub mod search;

use crate::engine::{ConcernState, Depth, State, apply};
use crate::scenario::{MoveKind, RightWhenFits, Scenario, SocialStyle};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Picks the next move for a state; `None` when it has nothing left to say.
pub trait Player {
    fn name(&self) -> &'static str;
    fn choose(&mut self, scenario: &Scenario, state: &State) -> Option<usize>;
}

pub const PLAYER_NAMES: [&str; 4] = ["collaborative", "pitcher", "closer", "random"];

/// A player by name, seeded where it draws at random.
pub fn by_name(name: &str, seed: u64) -> Option<Box<dyn Player>> {
    Some(match name {
        "collaborative" => Box::new(Collaborative),
        "pitcher" => Box::new(Pitcher::default()),
        "closer" => Box::new(Closer::default()),
        "random" => Box::new(RandomPlayer::new(seed)),
        _ => return None,
    })
}

/// Plays until the call ends or the player stops, at most `limit` moves; returns the moves.
pub fn play(
    scenario: &Scenario,
    start: State,
    player: &mut dyn Player,
    limit: usize,
) -> (Vec<usize>, State) {
    let mut state = start;
    let mut moves = Vec::new();
    while !state.ended() && moves.len() < limit {
        let Some(m) = player.choose(scenario, &state) else {
            break;
        };
        apply(scenario, &mut state, m);
        moves.push(m);
    }
    (moves, state)
}

/// The first move of a kind (about a need or concern, if given).
pub fn find_move(
    scenario: &Scenario,
    kind: MoveKind,
    need: Option<usize>,
    concern: Option<usize>,
) -> Option<usize> {
    scenario.moves.iter().position(|m| {
        m.kind == kind
            && need.is_none_or(|n| m.needs & (1 << n) != 0)
            && concern.is_none_or(|c| m.concern == Some(c))
    })
}

fn needs_by_importance(scenario: &Scenario) -> Vec<usize> {
    let mut order: Vec<usize> = (0..scenario.file.needs.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(scenario.need(i).importance));
    order
}

/// Follows the collaborative sale: contact, explore each need with SPIN questions,
/// check understanding, explore concerns, propose for explicit needs, confirm, commit.
pub struct Collaborative;

impl Player for Collaborative {
    fn name(&self) -> &'static str {
        "collaborative"
    }

    fn choose(&mut self, scn: &Scenario, s: &State) -> Option<usize> {
        let style = scn.file.customer.style;
        if s.phase == crate::engine::Phase::Assure {
            for (c, concern) in scn.file.concerns.iter().enumerate() {
                if concern.after_sale
                    && s.concerns[c] != ConcernState::Resolved
                    && let Some(m) = find_move(scn, MoveKind::ExploreConcern, None, Some(c))
                {
                    return Some(m);
                }
            }
            return find_move(scn, MoveKind::FollowUp, None, None);
        }
        if !s.purpose_stated {
            if s.rapport_moves == 0
                && matches!(style, SocialStyle::Socializer | SocialStyle::Relater)
                && let Some(m) = find_move(scn, MoveKind::Rapport, None, None)
            {
                return Some(m);
            }
            if let Some(m) = find_move(scn, MoveKind::StatePurpose, None, None) {
                return Some(m);
            }
        }
        // Acknowledge after a need opens up fully; summarize once several facts are new.
        if s.info >= s.info_at_check + 3
            && let Some(m) = find_move(scn, MoveKind::Summarize, None, None)
                .filter(|&m| scn.moves[m].needs == 0)
                .or_else(|| find_move(scn, MoveKind::CheckUnderstanding, None, None))
        {
            return Some(m);
        }
        // Discovery: the most important open need first; a need held back waits for trust.
        for n in needs_by_importance(scn) {
            if s.ruled_out & (1 << n) != 0 || s.depth_of(n) == Depth::Explicit {
                continue;
            }
            if s.held_back & (1 << n) != 0 {
                continue;
            }
            let kind = match s.depth_of(n) {
                Depth::Unknown => MoveKind::Problem,
                Depth::Surfaced => MoveKind::Implication,
                _ => MoveKind::NeedPayoff,
            };
            if let Some(m) = find_move(scn, kind, Some(n), None) {
                return Some(m);
            }
        }
        // Build trust for needs still held back: listen when there is something to acknowledge.
        if s.held_back != 0
            && s.info > s.info_at_listen
            && let Some(m) = find_move(scn, MoveKind::Listen, None, None)
        {
            return Some(m);
        }
        if s.info >= s.info_at_check + 2
            && let Some(m) =
                find_move(scn, MoveKind::Summarize, None, None).filter(|&m| scn.moves[m].needs == 0)
        {
            return Some(m);
        }
        // A dealbreaker the product cannot meet: say so honestly.
        let no_fit_known = scn.file.needs.iter().enumerate().any(|(i, n)| {
            n.dealbreaker
                && n.fit == crate::scenario::Fit::None
                && s.depth[i] >= Depth::Explored as u8
        });
        if no_fit_known {
            if !s.confirmed
                && let Some(m) = find_move(scn, MoveKind::CheckUnderstanding, None, None)
            {
                return Some(m);
            }
            return find_move(scn, MoveKind::RecommendNoFit, None, None);
        }
        // Concerns: explore each one the customer may have.
        for (c, concern) in scn.file.concerns.iter().enumerate() {
            if concern.after_sale {
                continue;
            }
            let open = concern.trust_gate.is_none_or(|g| i32::from(s.trust) >= g);
            if open
                && s.concerns[c] != ConcernState::Resolved
                && let Some(m) = find_move(scn, MoveKind::ExploreConcern, None, Some(c))
            {
                return Some(m);
            }
        }
        // Propose (co-design where offered) for explicit needs the product meets.
        let explicit_unproposed: u16 = (0..scn.file.needs.len())
            .filter(|&n| {
                s.depth_of(n) == Depth::Explicit
                    && s.proposed & (1 << n) == 0
                    && scn.need(n).fit != crate::scenario::Fit::None
            })
            .fold(0, |acc, n| acc | 1 << n);
        if explicit_unproposed != 0 {
            let ready = |m: &&crate::scenario::CompiledMove| {
                (0..16).all(|n| {
                    m.needs & (1 << n) == 0 || s.depth[n] >= Depth::Explored as u8 && s.is_active(n)
                })
            };
            let best = scn
                .moves
                .iter()
                .enumerate()
                .filter(|(_, m)| matches!(m.kind, MoveKind::CoDesign | MoveKind::Propose))
                .filter(|(_, m)| ready(m) && m.needs & explicit_unproposed != 0)
                .filter(|(_, m)| {
                    (0..16).all(|n| {
                        m.needs & (1 << n) == 0 || scn.need(n).fit != crate::scenario::Fit::None
                    })
                })
                .max_by_key(|(_, m)| {
                    (
                        (m.needs & explicit_unproposed).count_ones(),
                        m.kind == MoveKind::CoDesign,
                    )
                });
            if let Some((m, _)) = best {
                return Some(m);
            }
        }
        if s.proposed != 0 && !s.confirmed {
            return find_move(scn, MoveKind::CheckUnderstanding, None, None)
                .or_else(|| find_move(scn, MoveKind::Summarize, None, None));
        }
        if s.confirmed
            && scn.file.decision.right_outcome == RightWhenFits::Order
            && let Some(m) = find_move(scn, MoveKind::AskCommitment, None, None)
        {
            return Some(m);
        }
        find_move(scn, MoveKind::AgreeNextSteps, None, None)
    }
}

/// Proposes early and often: the "prescription before diagnosis" habit.
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
        if !s.purpose_stated {
            return find_move(scn, MoveKind::StatePurpose, None, None);
        }
        let proposals: Vec<usize> = (0..scn.moves.len())
            .filter(|&m| scn.moves[m].kind == MoveKind::Propose)
            .collect();
        if let Some(&m) = proposals.get(self.step.saturating_sub(2)) {
            return Some(m);
        }
        if self.step.is_multiple_of(4)
            && let Some(m) = find_move(scn, MoveKind::Educate, None, None)
        {
            return Some(m);
        }
        // A question now and then, to keep going, then ask for the order.
        let open = needs_by_importance(scn)
            .into_iter()
            .find(|&n| s.depth_of(n) == Depth::Unknown && s.ruled_out & (1 << n) == 0);
        match open {
            Some(n) if !self.step.is_multiple_of(3) => {
                find_move(scn, MoveKind::Problem, Some(n), None)
            }
            _ => find_move(scn, MoveKind::AskCommitment, None, None),
        }
    }
}

/// Asks a little, then uses every closing trick in the book.
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
        if !s.purpose_stated {
            return find_move(scn, MoveKind::StatePurpose, None, None);
        }
        if self.step <= 4 {
            let open = needs_by_importance(scn)
                .into_iter()
                .find(|&n| s.depth_of(n) == Depth::Unknown && s.ruled_out & (1 << n) == 0);
            if let Some(m) = open.and_then(|n| find_move(scn, MoveKind::Problem, Some(n), None)) {
                return Some(m);
            }
        }
        if let Some((c, _)) = s
            .concerns
            .iter()
            .enumerate()
            .take(scn.file.concerns.len())
            .find(|(_, c)| **c == ConcernState::Raised)
            && let Some(m) = find_move(scn, MoveKind::RebutObjection, None, Some(c))
        {
            return Some(m);
        }
        let tricks: Vec<usize> = (0..scn.moves.len())
            .filter(|&m| {
                scn.moves[m].kind.is_manipulative() && scn.moves[m].kind != MoveKind::RebutObjection
            })
            .collect();
        if tricks.is_empty() || self.step.is_multiple_of(3) {
            return find_move(scn, MoveKind::AskCommitment, None, None);
        }
        Some(tricks[self.step % tricks.len()])
    }
}

/// Picks uniformly among all moves, seeded.
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

    fn choose(&mut self, scn: &Scenario, _: &State) -> Option<usize> {
        Some(self.rng.random_range(0..scn.moves.len()))
    }
}
