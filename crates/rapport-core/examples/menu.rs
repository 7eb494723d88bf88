//! How long the menu is during a reading play (at the start, at its longest, on average), and
//! what it costs a newcomer to find a given move in it: lines read and screens scrolled, with
//! the moves in the file's order (flat) and in the menu's sections (a heading per topic).
//! `cargo run --release -p rapport-core --example menu -- scenarios/*.ron`
//!
//! The finding model: the newcomer knows what they want to say and what it is about. In the
//! flat list they read every line from the top until the move. In the sectioned list they read
//! the headings until the move's section, skipping the moves under the others, then the moves
//! of that section until the move. Screens scrolled: the rows above the move (a heading is half
//! a row) over the rows a 1280x720 window shows (5).

use rapport_core::engine::{apply, initial_state, menu, offered};
use rapport_core::players::{Collaborative, Player};

const ROWS_ON_SCREEN: f64 = 5.0;

fn main() {
    let (mut flat_read, mut flat_scroll, mut sect_read, mut sect_scroll, mut targets) =
        (0.0, 0.0, 0.0, 0.0, 0.0);
    let mut worst_flat: f64 = 0.0;
    let mut worst_sect: f64 = 0.0;
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
        // Finding each move of the menu at the start of a call (the menu of the sale).
        let start = initial_state(&scenario, 0);
        let flat = offered(&scenario, &start);
        let sections = menu(&scenario, &start);
        let (mut fr, mut sr) = (0.0, 0.0);
        for (at, &m) in flat.iter().enumerate() {
            let read = (at + 1) as f64;
            fr += read;
            flat_scroll += (at as f64 / ROWS_ON_SCREEN).floor();
            worst_flat = worst_flat.max(read);
            let si = sections
                .iter()
                .position(|(_, ms)| ms.contains(&m))
                .expect("listed");
            let within = sections[si].1.iter().position(|&x| x == m).unwrap();
            let read = (si + 1 + within + 1) as f64;
            sr += read;
            worst_sect = worst_sect.max(read);
            let rows_above: f64 = sections[..si]
                .iter()
                .map(|(_, ms)| 0.5 + ms.len() as f64)
                .sum::<f64>()
                + 0.5
                + within as f64;
            sect_scroll += (rows_above / ROWS_ON_SCREEN).floor();
        }
        flat_read += fr;
        sect_read += sr;
        targets += flat.len() as f64;
        println!(
            "{path}: {} moves in the file; menu at the start {:.0}, longest {longest}, mean {:.0}; \
             {} sections; lines read to find a move: flat {:.1}, sectioned {:.1}",
            scenario.moves.len(),
            first as f64 / 20.0,
            sum as f64 / turns.max(1) as f64,
            sections.len(),
            fr / flat.len() as f64,
            sr / flat.len() as f64,
        );
    }
    println!(
        "all: lines read to find a move, flat {:.1} (worst {worst_flat}), sectioned {:.1} (worst {worst_sect}); \
         screens scrolled, flat {:.2}, sectioned {:.2}",
        flat_read / targets,
        sect_read / targets,
        flat_scroll / targets,
        sect_scroll / targets
    );
}
