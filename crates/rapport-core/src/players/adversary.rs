//! The adversaries: players that try to win without reading the customer, each trained on a
//! few seeds and tested on many others beside the reading player. If one comes close, a
//! trainee can win the same way, and `check` says so (W003).
//!
//! - a fixed list: the best honest play of each training seed, merged into one list and
//!   recited, skipping what is not on offer or already said;
//! - a priority list learnt by local search on the training seeds: at each turn, the first
//!   move of the list that is on offer and not yet said;
//! - a menu sweeper that sees only the menu and its own history and ranks moves by kind;
//! - strategies a trainee might try on top of reading: asking each worry twice, stalling with
//!   summaries, disclosing every limitation at once, asking for the order whoever signs.

use super::search::{SearchConfig, search};
use super::{Collaborative, Player, play};
use crate::engine::{Depth, Phase, State, initial_state, is_offered};
use crate::scenario::{MoveKind, Scenario};
use crate::scoring::total;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

/// Most moves an adversary's play may take (a call is far shorter).
const LIMIT: usize = 120;

/// Recites a list in order, skipping moves not on offer or already said: the fixed list.
pub struct Recital {
    moves: Vec<usize>,
    next: usize,
}

impl Recital {
    pub fn new(moves: Vec<usize>) -> Self {
        Recital { moves, next: 0 }
    }
}

impl Player for Recital {
    fn name(&self) -> &'static str {
        "fixed list"
    }

    fn choose(&mut self, scn: &Scenario, s: &State) -> Option<usize> {
        while let Some(&m) = self.moves.get(self.next) {
            self.next += 1;
            if is_offered(scn, s, m) && !s.was_used(m) {
                return Some(m);
            }
        }
        None
    }
}

/// At each turn, the first move of a priority list that is on offer and not yet said.
#[derive(Clone)]
pub struct Priority {
    pub list: Vec<usize>,
}

impl Player for Priority {
    fn name(&self) -> &'static str {
        "priority list"
    }

    fn choose(&mut self, scn: &Scenario, s: &State) -> Option<usize> {
        self.list
            .iter()
            .copied()
            .find(|&m| is_offered(scn, s, m) && !s.was_used(m))
    }
}

/// The order a menu sweeper ranks moves in: a textbook call read off the kinds alone.
const SWEEP_ORDER: [MoveKind; 19] = [
    MoveKind::StatePurpose,
    MoveKind::Rapport,
    MoveKind::Problem,
    MoveKind::Implication,
    MoveKind::NeedPayoff,
    MoveKind::Listen,
    MoveKind::Summarize,
    MoveKind::ExploreConcern,
    MoveKind::AnswerConcern,
    MoveKind::Educate,
    MoveKind::DiscloseLimitation,
    MoveKind::CoDesign,
    MoveKind::Propose,
    MoveKind::CheckUnderstanding,
    MoveKind::AskCommitment,
    MoveKind::FollowUp,
    MoveKind::AgreeNextSteps,
    MoveKind::Situation,
    MoveKind::RecommendNoFit,
];

/// Every honest move ranked by kind (then in the menu's order): what a player who reads only
/// the menu would say, in the order a textbook lists the steps.
pub fn sweep_list(scn: &Scenario) -> Vec<usize> {
    let mut list = Vec::new();
    for kind in SWEEP_ORDER {
        for (i, m) in scn.moves.iter().enumerate() {
            if m.kind == kind && !list.contains(&i) {
                list.push(i);
            }
        }
    }
    list
}

/// Sees only which moves are on offer and which it has said; says each honest move once, by
/// the textbook's order of kinds.
pub fn menu_sweeper(scn: &Scenario) -> Priority {
    Priority {
        list: sweep_list(scn),
    }
}

/// The best honest play of each training seed, merged into one list in the order first met.
pub fn learnt_fixed_list(scn: &Scenario, training: &[u64]) -> Vec<usize> {
    let plays = in_parallel(training.len(), |i| {
        search(
            scn,
            initial_state(scn, training[i]),
            SearchConfig::default(),
        )
        .honest
        .map(|p| p.moves)
        .unwrap_or_default()
    });
    let mut list = Vec::new();
    for m in plays.into_iter().flatten() {
        if !list.contains(&m) {
            list.push(m);
        }
    }
    list
}

/// `f(0)`, `f(1)`, … `f(n - 1)` on the machine's cores, in order: the jobs are independent
/// and deterministic, so the result does not depend on how many cores there are.
fn in_parallel<T: Send>(n: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |c| c.get())
        .clamp(1, n.max(1));
    let f = &f;
    let mut done: Vec<(usize, T)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                scope.spawn(move || {
                    (w..n)
                        .step_by(workers)
                        .map(|i| (i, f(i)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("an adversary's job"))
            .collect()
    });
    done.sort_by_key(|&(i, _)| i);
    done.into_iter().map(|(_, t)| t).collect()
}

fn mean_score(scn: &Scenario, player: &dyn Fn() -> Box<dyn Player>, seeds: &[u64]) -> f64 {
    let sum: f64 = seeds
        .iter()
        .map(|&seed| {
            let mut p = player();
            let (_, end) = play(scn, initial_state(scn, seed), p.as_mut(), LIMIT);
            total(scn, &end)
        })
        .sum();
    sum / seeds.len().max(1) as f64
}

/// Independent runs of the priority list's local search; the list that scores best on the
/// training seeds is kept. One run's result depends on its random steps (lists found by
/// different runs differ by up to 20 points on unseen seeds), so several runs make the
/// adversary both stronger and steadier.
pub const RESTARTS: u64 = 8;

/// A priority list learnt by local search on the training seeds: each of `RESTARTS` runs
/// starts from the better of the fixed list and the sweeper's list and swaps, moves, drops and
/// inserts honest moves, keeping a change when the mean score on the training seeds does not
/// fall; the best run's list wins.
pub fn learnt_priority_list(
    scn: &Scenario,
    training: &[u64],
    fixed: &[usize],
    steps: usize,
) -> Vec<usize> {
    let honest: Vec<usize> = (0..scn.moves.len())
        .filter(|&i| !scn.moves[i].kind.is_manipulative())
        .collect();
    let score = |list: &[usize]| {
        let list = list.to_vec();
        mean_score(
            scn,
            &|| Box::new(Priority { list: list.clone() }) as Box<dyn Player>,
            training,
        )
    };
    let mut start = fixed.to_vec();
    let mut start_score = score(&start);
    let sweep = sweep_list(scn);
    let sweep_score = score(&sweep);
    if sweep_score > start_score {
        start = sweep;
        start_score = sweep_score;
    }
    let runs: Vec<(Vec<usize>, f64)> = in_parallel(RESTARTS as usize, |run| {
        let mut best = start.clone();
        let mut best_score = start_score;
        let mut rng = ChaCha8Rng::seed_from_u64(0x1ea2 ^ scn.fingerprint ^ ((run as u64) << 32));
        for _ in 0..steps {
            let mut next = best.clone();
            let len = next.len();
            match rng.random_range(0..4) {
                0 if len >= 2 => {
                    let (a, b) = (rng.random_range(0..len), rng.random_range(0..len));
                    next.swap(a, b);
                }
                1 if len >= 2 => {
                    let m = next.remove(rng.random_range(0..len));
                    next.insert(rng.random_range(0..len), m);
                }
                2 if len >= 2 => {
                    next.remove(rng.random_range(0..len));
                }
                _ => {
                    let m = honest[rng.random_range(0..honest.len())];
                    if let Some(at) = next.iter().position(|&x| x == m) {
                        next.remove(at);
                    }
                    let at = rng.random_range(0..=next.len());
                    next.insert(at, m);
                }
            }
            let s = score(&next);
            if s >= best_score {
                best = next;
                best_score = s;
            }
        }
        (best, best_score)
    });
    runs.into_iter()
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(list, _)| list)
        .unwrap_or(start)
}

/// The strategies a trainee might lay over reading the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Strategy {
    /// States the purpose, asks every worry's question twice, then reads.
    AskTwice,
    /// Reads, with a summary after every move whether or not anything is new.
    Stall,
    /// States the purpose, discloses every limitation on the menu, then reads.
    DiscloseEverything,
    /// Reads, but asks for the order whoever signs, then agrees a next step.
    AskThenNextStep,
    /// Reads, but proposes for each need as soon as she has made it explicit, without
    /// waiting for her to ask for advice.
    ProposeUnasked,
    /// Reads, but asks what it costs her about a topic she just said is no problem.
    DigAfterNo,
    /// Reads, but goes straight to its questions when she opens by saying why she is wary.
    PressPastWariness,
}

impl Strategy {
    pub const ALL: [Strategy; 7] = [
        Strategy::AskTwice,
        Strategy::Stall,
        Strategy::DiscloseEverything,
        Strategy::AskThenNextStep,
        Strategy::ProposeUnasked,
        Strategy::DigAfterNo,
        Strategy::PressPastWariness,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Strategy::AskTwice => "ask each worry twice",
            Strategy::Stall => "stall with summaries",
            Strategy::DiscloseEverything => "disclose every limitation",
            Strategy::AskThenNextStep => "ask for the order whoever signs",
            Strategy::ProposeUnasked => "propose before she asks for advice",
            Strategy::DigAfterNo => "dig into what she said is no problem",
            Strategy::PressPastWariness => "press on past her wariness",
        }
    }
}

/// A reading player with one habit laid over it.
pub struct Habit {
    strategy: Strategy,
    script: Vec<usize>,
    next: usize,
    summarise_next: bool,
}

impl Habit {
    pub fn new(scn: &Scenario, strategy: Strategy) -> Self {
        let of_kind = |kind: MoveKind| -> Vec<usize> {
            (0..scn.moves.len())
                .filter(|&i| scn.moves[i].kind == kind)
                .collect()
        };
        let purpose = of_kind(MoveKind::StatePurpose).into_iter().take(1);
        let script = match strategy {
            Strategy::AskTwice => purpose
                .chain(
                    of_kind(MoveKind::ExploreConcern)
                        .into_iter()
                        .flat_map(|m| [m, m]),
                )
                .collect(),
            Strategy::DiscloseEverything => purpose
                .chain(of_kind(MoveKind::DiscloseLimitation))
                .collect(),
            Strategy::Stall
            | Strategy::AskThenNextStep
            | Strategy::ProposeUnasked
            | Strategy::DigAfterNo
            | Strategy::PressPastWariness => Vec::new(),
        };
        Habit {
            strategy,
            script,
            next: 0,
            summarise_next: false,
        }
    }
}

impl Player for Habit {
    fn name(&self) -> &'static str {
        self.strategy.label()
    }

    fn choose(&mut self, scn: &Scenario, s: &State) -> Option<usize> {
        while let Some(&m) = self.script.get(self.next) {
            self.next += 1;
            if is_offered(scn, s, m) {
                return Some(m);
            }
        }
        match self.strategy {
            Strategy::Stall => {
                self.summarise_next = !self.summarise_next;
                if self.summarise_next && s.phase != Phase::Assure {
                    let summary = (0..scn.moves.len()).find(|&i| {
                        scn.moves[i].kind == MoveKind::Summarize
                            && scn.moves[i].needs == 0
                            && is_offered(scn, s, i)
                    });
                    if summary.is_some() {
                        return summary;
                    }
                }
                Collaborative.choose(scn, s)
            }
            Strategy::AskThenNextStep => {
                let m = Collaborative.choose(scn, s)?;
                if scn.moves[m].kind == MoveKind::AgreeNextSteps
                    && s.confirmed
                    && let Some(ask) = (0..scn.moves.len()).find(|&i| {
                        scn.moves[i].kind == MoveKind::AskCommitment
                            && is_offered(scn, s, i)
                            && !s.was_used(i)
                    })
                {
                    return Some(ask);
                }
                Some(m)
            }
            Strategy::DigAfterNo => {
                let dig = (0..scn.moves.len()).find(|&i| {
                    let m = &scn.moves[i];
                    m.kind == MoveKind::Implication
                        && m.needs.count_ones() == 1
                        && s.ruled_out & m.needs != 0
                        && !s.was_used(i)
                        && is_offered(scn, s, i)
                });
                dig.or_else(|| Collaborative.choose(scn, s))
            }
            Strategy::ProposeUnasked => {
                if !s.advice_asked && s.phase != Phase::Assure {
                    let unasked = (0..scn.moves.len()).find(|&i| {
                        let m = &scn.moves[i];
                        m.kind == MoveKind::Propose
                            && m.needs.count_ones() == 1
                            && s.depth_of(m.needs.trailing_zeros() as usize) == Depth::Explicit
                            && s.proposed & m.needs == 0
                            && !s.was_used(i)
                            && is_offered(scn, s, i)
                    });
                    if unasked.is_some() {
                        return unasked;
                    }
                }
                Collaborative.choose(scn, s)
            }
            Strategy::PressPastWariness => {
                let unheard = State {
                    guard_up: false,
                    ..*s
                };
                Collaborative.choose(scn, &unheard)
            }
            _ => Collaborative.choose(scn, s),
        }
    }
}

/// Training seeds: the adversaries learn on these.
pub const TRAINING_SEEDS: [u64; 5] = [1, 2, 3, 4, 5];
/// Unseen seeds the adversaries are tested on.
pub const TEST_SEEDS: u64 = 200;
/// An adversary that comes within this many points of reading (medians) wins by rote.
pub const CLOSE: f64 = 25.0;
/// A habit laid over reading must cost at least this much where it changes the play, or the
/// cue it ignores does not matter.
pub const HABIT_COST: f64 = 5.0;

/// One adversary's results on the unseen seeds, beside the reading player's.
#[derive(Debug, Clone, Serialize)]
pub struct AdversaryResult {
    pub name: String,
    /// Reads nothing of the customer (as opposed to a habit laid over reading).
    pub rote: bool,
    /// What a rote adversary recites or ranks (move indices); empty for a habit.
    pub list: Vec<usize>,
    /// The habit laid over reading, for a habit.
    pub habit: Option<Strategy>,
    pub median: f64,
    pub reading_median: f64,
    /// Unseen seeds on which it scored within `CLOSE` of reading or above, first few.
    pub close_seeds: Vec<u64>,
    pub close_count: usize,
    /// Seeds on which it beat the reading player.
    pub beat_reading: usize,
    /// How much less than reading it scored on the seeds where its habit changed the play
    /// (habits only: mean of reading minus it over those seeds).
    pub cost_where_it_differs: Option<f64>,
    pub seeds: usize,
    /// Time spent playing the unseen seeds (learning not included).
    pub play_seconds: f64,
}

impl AdversaryResult {
    pub fn comes_close(&self) -> bool {
        self.rote && self.median > self.reading_median - CLOSE
    }

    /// A habit that changes the play yet costs less than `HABIT_COST` on those seeds.
    pub fn costs_too_little(&self) -> bool {
        self.cost_where_it_differs.is_some_and(|c| c < HABIT_COST)
    }
}

pub(crate) fn median(mut xs: Vec<f64>) -> f64 {
    if xs.is_empty() {
        return 0.0;
    }
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    }
}

/// How much work the adversaries do.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct AdversaryConfig {
    pub test_seeds: u64,
    /// Local-search steps for the priority list.
    pub search_steps: usize,
}

impl Default for AdversaryConfig {
    fn default() -> Self {
        AdversaryConfig {
            test_seeds: TEST_SEEDS,
            search_steps: 1500,
        }
    }
}

/// Plays every adversary on unseen seeds beside the reading player.
pub fn adversaries(scn: &Scenario, config: AdversaryConfig) -> Vec<AdversaryResult> {
    let test: Vec<u64> = (0..)
        .filter(|s| !TRAINING_SEEDS.contains(s))
        .take(config.test_seeds as usize)
        .collect();
    let reading: Vec<(Vec<usize>, f64)> = test
        .iter()
        .map(|&seed| {
            let (moves, end) = play(scn, initial_state(scn, seed), &mut Collaborative, LIMIT);
            (moves, total(scn, &end))
        })
        .collect();
    let fixed = learnt_fixed_list(scn, &TRAINING_SEEDS);
    let priority = learnt_priority_list(scn, &TRAINING_SEEDS, &fixed, config.search_steps);
    let sweep = sweep_list(scn);
    type Make<'a> = Box<dyn Fn() -> Box<dyn Player> + 'a>;
    let mut players: Vec<(String, Vec<usize>, Option<Strategy>, Make)> = vec![
        (
            "fixed list".into(),
            fixed.clone(),
            None,
            Box::new(|| Box::new(Recital::new(fixed.clone())) as Box<dyn Player>),
        ),
        (
            "learnt priority list".into(),
            priority.clone(),
            None,
            Box::new(|| {
                Box::new(Priority {
                    list: priority.clone(),
                }) as Box<dyn Player>
            }),
        ),
        (
            "menu sweeper".into(),
            sweep.clone(),
            None,
            Box::new(|| {
                Box::new(Priority {
                    list: sweep.clone(),
                }) as Box<dyn Player>
            }),
        ),
    ];
    for strategy in Strategy::ALL {
        players.push((
            strategy.label().into(),
            Vec::new(),
            Some(strategy),
            Box::new(move || Box::new(Habit::new(scn, strategy)) as Box<dyn Player>),
        ));
    }
    let reading_median = median(reading.iter().map(|r| r.1).collect());
    players
        .into_iter()
        .map(|(name, list, habit, make)| {
            let rote = habit.is_none();
            let started = std::time::Instant::now();
            let mut scores = Vec::new();
            let mut close = Vec::new();
            let mut beat = 0;
            let mut diffs = Vec::new();
            for (&seed, (reading_moves, reading_score)) in test.iter().zip(&reading) {
                let mut p = make();
                let (moves, end) = play(scn, initial_state(scn, seed), p.as_mut(), LIMIT);
                let t = total(scn, &end);
                if t > reading_score - CLOSE {
                    close.push(seed);
                }
                if t > *reading_score {
                    beat += 1;
                }
                if &moves != reading_moves {
                    diffs.push(reading_score - t);
                }
                scores.push(t);
            }
            let close_count = close.len();
            close.truncate(8);
            AdversaryResult {
                name,
                rote,
                list,
                habit,
                median: median(scores),
                reading_median,
                close_seeds: close,
                close_count,
                beat_reading: beat,
                cost_where_it_differs: (!rote && !diffs.is_empty())
                    .then(|| diffs.iter().sum::<f64>() / diffs.len() as f64),
                seeds: test.len(),
                play_seconds: started.elapsed().as_secs_f64(),
            }
        })
        .collect()
}
