//! Benchmarks (not timed tests): engine moves per second, with and without recording events,
//! and the time `check` takes on every shipped scenario, search included.
//! Run: `cargo bench -p rapport-core` (release build). Figures go in docs/benchmarks.md.

use rapport_core::check::{CheckConfig, check_source};
use rapport_core::engine::{Conversation, apply, initial_state};
use rapport_core::scenario::parse;
use std::time::{Duration, Instant};

fn shipped() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../scenarios");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "ron"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            (
                p.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned(),
                std::fs::read_to_string(&p).unwrap_or_default(),
            )
        })
        .collect()
}

/// A cheap deterministic move stream (xorshift), so the RNG costs nothing next to the engine.
struct Moves(u64);
impl Moves {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let mut scenarios = shipped();
    if scenarios.is_empty() {
        scenarios.push(("starter.ron".into(), rapport_core::STARTER_SCENARIO.into()));
    }
    println!("engine throughput (median of 5 runs of 1 s each)");
    let mut all_fast = Vec::new();
    for (name, text) in &scenarios {
        let Some(scenario) = parse(text).scenario else {
            println!("  {name}: does not parse, skipped");
            continue;
        };
        let n = scenario.moves.len();
        let start = initial_state(&scenario, 1);
        let mut fast = Vec::new();
        let mut recorded = Vec::new();
        let mut rng = Moves(0x9e37_79b9);
        for _ in 0..5 {
            // Fast path: the bare state, as the search and the players use it.
            let (mut moves, t0) = (0u64, Instant::now());
            while t0.elapsed() < Duration::from_secs(1) {
                for _ in 0..1000 {
                    let mut s = start;
                    while !s.ended() {
                        apply(&scenario, &mut s, rng.next(n));
                        moves += 1;
                    }
                }
            }
            fast.push(moves as f64 / t0.elapsed().as_secs_f64());
            // Full path: a Conversation recording events and turns, as the game uses it.
            let (mut moves, t0) = (0u64, Instant::now());
            while t0.elapsed() < Duration::from_secs(1) {
                for _ in 0..100 {
                    let mut c = Conversation::start(scenario.clone(), 1);
                    while !c.is_over() {
                        let _ = c.choose(rng.next(n));
                        moves += 1;
                    }
                }
            }
            recorded.push(moves as f64 / t0.elapsed().as_secs_f64());
        }
        let fast = median(fast);
        all_fast.push(fast);
        println!(
            "  {name:<28} {:>12.0} moves/s (state only)   {:>10.0} moves/s (recording events)",
            fast,
            median(recorded)
        );
    }
    if let Some(min) = all_fast.iter().copied().reduce(f64::min) {
        println!("  slowest scenario, state only: {min:.0} moves/s");
    }

    println!("check of all shipped scenarios, search and adversaries included (median of 5)");
    let mut runs = Vec::new();
    for _ in 0..5 {
        let t0 = Instant::now();
        for (_, text) in &scenarios {
            let _ = check_source(text, CheckConfig::default());
        }
        runs.push(t0.elapsed().as_secs_f64());
    }
    for (name, text) in &scenarios {
        let t0 = Instant::now();
        let r = check_source(text, CheckConfig::default());
        let whole = t0.elapsed().as_secs_f64();
        let adversaries_alone = parse(text).scenario.map_or(0.0, |scenario| {
            let t0 = Instant::now();
            let _ = rapport_core::players::adversary::adversaries(
                &scenario,
                CheckConfig::default().adversaries,
            );
            t0.elapsed().as_secs_f64()
        });
        println!(
            "  {name:<28} {:>6.3} s, adversaries {adversaries_alone:.3} s  ({} seeds, {} states expanded)",
            whole,
            r.invariant.len(),
            r.invariant
                .iter()
                .map(|i| i.search.states_explored)
                .sum::<usize>()
        );
    }
    println!("  all {} scenarios: {:.3} s", scenarios.len(), median(runs));
}
