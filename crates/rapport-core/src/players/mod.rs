//! Automatic players: collaborative, pitcher, closer and random. They see only what a trainee
//! could see (what the customer has said, the trust meter, the briefing), never the hidden pools.

pub mod adversary;
pub mod invariant;
mod reading;
mod scripted;
pub mod search;

pub use reading::{Collaborative, Negotiator, Questioner};
pub use scripted::{Closer, Pitcher, RandomPlayer};

use crate::engine::{Depth, State, apply, is_offered};
use crate::scenario::{MoveKind, Scenario};

/// Picks the next move for a state; `None` when it has nothing left to say.
pub trait Player {
    fn name(&self) -> &'static str;
    fn choose(&mut self, scenario: &Scenario, state: &State) -> Option<usize>;
}

pub const PLAYER_NAMES: [&str; 7] = [
    "collaborative",
    "skilled",
    "average",
    "questioner",
    "pitcher",
    "closer",
    "random",
];

/// A player by name, seeded where it draws at random.
pub fn by_name(name: &str, seed: u64) -> Option<Box<dyn Player>> {
    Some(match name {
        "collaborative" => Box::new(Collaborative),
        "skilled" => Box::new(Negotiator::skilled(seed)),
        "average" => Box::new(Negotiator::average(seed)),
        "questioner" => Box::new(Questioner),
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

/// The first move on offer of a kind (about a need or concern, if given).
pub fn find_move(
    scenario: &Scenario,
    state: &State,
    kind: MoveKind,
    need: Option<usize>,
    concern: Option<usize>,
) -> Option<usize> {
    (0..scenario.moves.len()).find(|&i| is_move(scenario, state, i, kind, need, concern))
}

/// The first offered move of a kind not played yet.
pub(crate) fn fresh_move(
    scenario: &Scenario,
    s: &State,
    kind: MoveKind,
    need: Option<usize>,
) -> Option<usize> {
    (0..scenario.moves.len()).find(|&i| is_move(scenario, s, i, kind, need, None) && !s.was_used(i))
}

/// Move `i` is on offer, of this kind, about this need or concern when given.
fn is_move(
    scenario: &Scenario,
    s: &State,
    i: usize,
    kind: MoveKind,
    need: Option<usize>,
    concern: Option<usize>,
) -> bool {
    let m = &scenario.moves[i];
    m.kind == kind
        && need.is_none_or(|n| m.needs & (1 << n) != 0)
        && concern.is_none_or(|c| m.concern == Some(c))
        && is_offered(scenario, s, i)
}

/// Every need the move names has been brought up by the customer (what a trainee heard).
pub(crate) fn about_raised(s: &State, m: &crate::scenario::CompiledMove) -> bool {
    (0..16).all(|n| m.needs & (1 << n) == 0 || s.depth_of(n) >= Depth::Surfaced)
}

/// The answer that settles a concern she voiced (the reading player understood her worry).
pub(crate) fn answer_for(scenario: &Scenario, s: &State, concern: usize) -> Option<usize> {
    (0..scenario.moves.len()).find(|&i| {
        scenario.moves[i].kind == MoveKind::AnswerConcern
            && scenario.moves[i].settles & (1 << concern) != 0
            && is_offered(scenario, s, i)
    })
}

/// The needs the customer has brought up. The reading player deepens each as soon as it comes
/// up, so their order hardly matters; it is not how much each matters, which only the
/// customer's words would tell.
pub(crate) fn needs_in_order_raised(s: &State) -> Vec<usize> {
    (0..16)
        .filter(|&n| s.depth_of(n) != Depth::Unknown)
        .collect()
}

pub(crate) fn needs_by_importance(scenario: &Scenario) -> Vec<usize> {
    let mut order: Vec<usize> = (0..scenario.file.needs.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(scenario.need(i).importance));
    order
}
