//! The best-play search: a beam search over distinct states for the best honest play and the
//! best play with a manipulative move. (The invariant's insertion test is in `invariant.rs`.)

use super::{Collaborative, Player, play};
use crate::engine::{State, apply, criteria_met, offered, right_outcome};
use crate::scenario::{Outcome, Scenario};
use crate::scoring::{TRICK_CEILING, figures, total};
use serde::Serialize;
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

/// A fast non-cryptographic hasher (the Fx hash of rustc) for the search's seen-state set;
/// the default SipHash costs more than the engine step itself.
#[derive(Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.write_u64(u64::from(i));
    }

    fn write_u16(&mut self, i: u16) {
        self.write_u64(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type SeenStates = HashSet<(State, bool), BuildHasherDefault<FxHasher>>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SearchConfig {
    /// States kept per depth and layer; the search is exhaustive when no layer ever held more.
    pub beam_width: usize,
    /// Most moves in a play.
    pub max_depth: usize,
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig {
            beam_width: 24,
            max_depth: 60,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Play {
    pub moves: Vec<usize>,
    pub total: f64,
    pub outcome: Option<Outcome>,
}

/// How far a trainee's score stays below the best honest play found: the one place this is
/// computed, for the debrief screen, the `simulate` text and its JSON.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Gap {
    pub best_total: f64,
    pub best_outcome: Option<Outcome>,
    pub best_moves: usize,
    /// Points the best play scores above the trainee's, one decimal, never negative.
    pub points: f64,
}

impl Gap {
    /// The gap in one sentence a trainee reads.
    pub fn sentence(&self) -> String {
        let ending = self
            .best_outcome
            .map_or("no ending", crate::scoring::outcome_label);
        if self.points > 0.05 {
            format!(
                "The best honest play the checker found scores {:.1}, ending in {ending}: {:.1} points more than yours, in {} moves.",
                self.best_total, self.points, self.best_moves
            )
        } else {
            format!(
                "You matched the best honest play the checker found ({:.1}, {ending}).",
                self.best_total
            )
        }
    }
}

impl Play {
    /// The gap from a score to this play.
    pub fn gap_to(&self, total: f64) -> Gap {
        Gap {
            best_total: self.total,
            best_outcome: self.outcome,
            best_moves: self.moves.len(),
            points: (((self.total - total) * 10.0).round() / 10.0).max(0.0),
        }
    }

    pub(super) fn of(scenario: &Scenario, moves: Vec<usize>, state: &State) -> Play {
        Play {
            moves,
            total: total(scenario, state),
            outcome: if state.ended() { state.outcome } else { None },
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchResult {
    /// The best play found that uses no manipulative move.
    pub honest: Option<Play>,
    /// The best play found that uses at least one.
    pub manipulative: Option<Play>,
    /// The best honest play reaching each ending, in [`OUTCOMES`] order.
    pub honest_by_outcome: Vec<Option<Play>>,
    pub right_outcome: Outcome,
    pub states_explored: usize,
    /// True when no beam was ever cut: every distinct state was expanded.
    pub exhaustive: bool,
    pub config: SearchConfig,
}

pub const OUTCOMES: [Outcome; 5] = [
    Outcome::Order,
    Outcome::Advance,
    Outcome::Continuation,
    Outcome::MutualNoFit,
    Outcome::NoSale,
];

pub(super) fn outcome_slot(o: Outcome) -> usize {
    OUTCOMES.iter().position(|x| *x == o).unwrap_or(0)
}

impl SearchResult {
    /// How far the best manipulative play stays below the best honest one (positive is good).
    pub fn margin(&self) -> Option<f64> {
        let honest = self.honest.as_ref()?.total;
        Some(match &self.manipulative {
            Some(m) => ((honest - m.total) * 10.0).round() / 10.0,
            None => honest,
        })
    }

    /// How far any play with a trick must stay below the best honest play found, whatever a
    /// wider search would find: no such play scores above [`TRICK_CEILING`]. `None` when the
    /// best honest play is not above it (then only the search's margin speaks).
    pub fn margin_floor(&self) -> Option<f64> {
        let honest = self.honest.as_ref()?.total;
        let floor = ((honest - TRICK_CEILING) * 10.0).round() / 10.0;
        (floor > 0.0).then_some(floor)
    }

    /// The margin in words: what the search found, and what holds for any play.
    pub fn margin_text(&self) -> String {
        let found = self.margin().unwrap_or(0.0);
        match self.margin_floor() {
            Some(floor) => format!("margin {found:.1} as found, at least {floor:.1} for any play"),
            None => format!("margin {found:.1} as found (a wider search may find less)"),
        }
    }

    pub fn bound_note(&self) -> String {
        if self.exhaustive {
            format!("exhaustive over {} distinct states", self.states_explored)
        } else {
            format!(
                "bounded: beam of {} states per depth and layer, at most {} moves, {} distinct states expanded",
                self.config.beam_width, self.config.max_depth, self.states_explored
            )
        }
    }
}

struct Node {
    state: State,
    /// This node's entry in the arena; `u32::MAX` for the start.
    id: u32,
    rank: f64,
}

/// Ranks a state still in play: its score so far, plus the ending it could reach.
fn rank(scenario: &Scenario, s: &State) -> f64 {
    let f = figures(scenario, s);
    if s.ended() {
        return f.total;
    }
    let hope = if criteria_met(scenario, s) {
        if s.confirmed { 100.0 } else { 60.0 }
    } else {
        0.0
    };
    f.total + 0.6 * f64::from(scenario.weights.fit_and_outcome) * hope / 100.0
}

/// The moves leading to an arena entry; each entry is (parent entry, move).
fn path(arena: &[(u32, u16)], mut at: u32) -> Vec<usize> {
    let mut moves = Vec::new();
    while at != u32::MAX {
        let (parent, mv) = arena[at as usize];
        moves.push(usize::from(mv));
        at = parent;
    }
    moves.reverse();
    moves
}

type Found = Option<(f64, u32, State)>;

/// Searches the plays from a starting state: a beam search over distinct states in two
/// layers, plays without any manipulative move and plays with at least one.
pub fn search(scenario: &Scenario, start: State, config: SearchConfig) -> SearchResult {
    let manipulative: Vec<bool> = scenario
        .moves
        .iter()
        .map(|m| m.kind.is_manipulative())
        .collect();
    let mut arena: Vec<(u32, u16)> = Vec::new();
    let mut seen = SeenStates::default();
    let mut best_honest: Found = None;
    let mut best_manip: Found = None;
    let mut by_outcome: Vec<Found> = vec![None; OUTCOMES.len()];
    let mut exhaustive = true;
    let mut explored = 0usize;
    let better = |slot: &Found, t: f64| slot.as_ref().is_none_or(|(b, _, _)| t > *b);

    let mut layers: [Vec<Node>; 2] = [
        vec![Node {
            state: start,
            id: u32::MAX,
            rank: 0.0,
        }],
        Vec::new(),
    ];
    for _depth in 0..config.max_depth {
        if layers.iter().all(Vec::is_empty) {
            break;
        }
        let mut next: [Vec<Node>; 2] = [Vec::new(), Vec::new()];
        for (layer, nodes) in layers.iter().enumerate() {
            for node in nodes {
                explored += 1;
                for m in offered(scenario, &node.state) {
                    let is_manip = manipulative[m];
                    let mut s = node.state;
                    apply(scenario, &mut s, m);
                    let to_layer = usize::from(layer == 1 || is_manip);
                    if !seen.insert((s.key(), to_layer == 1)) {
                        continue;
                    }
                    arena.push((node.id, m as u16));
                    let id = arena.len() as u32 - 1;
                    if s.ended() {
                        let t = total(scenario, &s);
                        if to_layer == 0 {
                            if better(&best_honest, t) {
                                best_honest = Some((t, id, s));
                            }
                            let slot =
                                &mut by_outcome[outcome_slot(s.outcome.unwrap_or(Outcome::NoSale))];
                            if better(slot, t) {
                                *slot = Some((t, id, s));
                            }
                        } else if better(&best_manip, t) {
                            best_manip = Some((t, id, s));
                        }
                    } else {
                        next[to_layer].push(Node {
                            state: s,
                            id,
                            rank: rank(scenario, &s),
                        });
                    }
                }
            }
        }
        for layer in &mut next {
            if layer.len() > config.beam_width {
                exhaustive = false;
                layer.select_nth_unstable_by(config.beam_width, |a, b| b.rank.total_cmp(&a.rank));
                layer.truncate(config.beam_width);
            }
        }
        layers = next;
    }
    if layers.iter().any(|l| !l.is_empty()) {
        exhaustive = false;
    }
    // Plays still running at the depth bound count as they stand (no ending).
    for (layer, nodes) in layers.iter().enumerate() {
        for node in nodes {
            let t = total(scenario, &node.state);
            let slot = if layer == 0 {
                &mut best_honest
            } else {
                &mut best_manip
            };
            if better(slot, t) {
                *slot = Some((t, node.id, node.state));
            }
        }
    }
    let to_play =
        |found: Found| found.map(|(_, leaf, s)| Play::of(scenario, path(&arena, leaf), &s));
    let mut honest = to_play(best_honest);
    let mut honest_by_outcome: Vec<Option<Play>> = by_outcome.into_iter().map(to_play).collect();
    // The beam can miss a long play that reads the customer well: the collaborative player's
    // play is a known honest play, so the best found is never worse than it.
    let (moves, end) = play(
        scenario,
        start,
        &mut Collaborative as &mut dyn Player,
        config.max_depth,
    );
    let known = Play::of(scenario, moves, &end);
    if honest.as_ref().is_none_or(|h| known.total > h.total) {
        if let Some(o) = known.outcome {
            let slot = &mut honest_by_outcome[outcome_slot(o)];
            if slot.as_ref().is_none_or(|p| known.total > p.total) {
                *slot = Some(known.clone());
            }
        }
        honest = Some(known);
    }
    let honest = honest.map(|p| polish(scenario, start, p, false));
    let manipulative = to_play(best_manip).map(|p| polish(scenario, start, p, true));
    SearchResult {
        honest,
        manipulative,
        honest_by_outcome,
        right_outcome: right_outcome(scenario, &start),
        states_explored: explored,
        exhaustive,
        config,
    }
}

/// The rounds of local improvement a found play gets.
const POLISH_ROUNDS: usize = 4;

/// Improves a found play by local edits the beam cannot see: a move said earlier (the beam
/// favours what pays at once, so it says the purpose late, when it pays most said first) or a
/// move left out. Keeps an edit only if every move stays on offer and the score rises; a
/// manipulative play keeps at least one trick.
fn polish(scenario: &Scenario, start: State, mut best: Play, manipulative: bool) -> Play {
    let is_trick = |m: usize| scenario.moves[m].kind.is_manipulative();
    for _ in 0..POLISH_ROUNDS {
        // The state before each move of the best play: an edit at `j` replays from there.
        let mut before = Vec::with_capacity(best.moves.len());
        let mut s = start;
        for &m in &best.moves {
            before.push(s);
            apply(scenario, &mut s, m);
        }
        let n = best.moves.len();
        let mut found: Option<Play> = None;
        let mut edits: Vec<(usize, Vec<usize>)> = Vec::new();
        for i in 0..n {
            for j in 0..i {
                let mut moves = best.moves.clone();
                let m = moves.remove(i);
                moves.insert(j, m);
                edits.push((j, moves));
            }
            let mut moves = best.moves.clone();
            moves.remove(i);
            edits.push((i, moves));
        }
        for (from, mut moves) in edits {
            let Some((end, said)) = replay_offered(scenario, before[from], &moves[from..]) else {
                continue;
            };
            moves.truncate(from + said);
            if manipulative && !moves.iter().any(|&m| is_trick(m)) {
                continue;
            }
            let t = total(scenario, &end);
            let to_beat = found.as_ref().map_or(best.total, |f| f.total);
            if t > to_beat {
                found = Some(Play::of(scenario, moves, &end));
            }
        }
        match found {
            Some(better) => best = better,
            None => break,
        }
    }
    best
}

/// Replays moves as the game would take them, with how many were said before the call
/// ended; `None` if one is not on offer when it comes.
fn replay_offered(scenario: &Scenario, start: State, moves: &[usize]) -> Option<(State, usize)> {
    let mut s = start;
    for (said, &m) in moves.iter().enumerate() {
        if s.ended() {
            return Some((s, said));
        }
        if !crate::engine::is_offered(scenario, &s, m) {
            return None;
        }
        apply(scenario, &mut s, m);
    }
    Some((s, moves.len()))
}

/// Replays moves from a start state, stopping when the call ends.
pub fn replay(scenario: &Scenario, start: State, moves: &[usize]) -> State {
    let mut s = start;
    for &m in moves {
        if s.ended() {
            break;
        }
        apply(scenario, &mut s, m);
    }
    s
}
