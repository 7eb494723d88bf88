//! How long the menu is during a reading play: at the start, at its longest, and on average.
//! `cargo run --release -p rapport-core --example menu -- scenarios/*.ron`

use rapport_core::engine::{apply, initial_state, offered};
use rapport_core::players::{Collaborative, Player};

fn main() {
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).expect("readable");
        let scenario = rapport_core::scenario::parse(&text)
            .scenario
            .expect("parses");
        let (mut first, mut longest, mut sum, mut turns) = (0, 0, 0, 0);
        for seed in 0..20 {
            let mut s = initial_state(&scenario, seed);
            first += offered(&scenario, &s).len();
            while !s.ended() {
                let menu = offered(&scenario, &s).len();
                longest = longest.max(menu);
                sum += menu;
                turns += 1;
                let Some(m) = Collaborative.choose(&scenario, &s) else {
                    break;
                };
                apply(&scenario, &mut s, m);
            }
        }
        println!(
            "{path}: {} moves in the file; menu at the start {:.0}, longest {longest}, mean {:.0}",
            scenario.moves.len(),
            first as f64 / 20.0,
            sum as f64 / turns.max(1) as f64
        );
    }
}
