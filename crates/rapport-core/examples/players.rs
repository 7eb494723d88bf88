//! Mean scores of every automatic player on every shipped scenario, and the invariant's
//! insertion test on random honest plays: `cargo run --release -p rapport-core --example players`.

use rapport_core::engine::initial_state;
use rapport_core::players::invariant::check_insertions;
use rapport_core::players::{PLAYER_NAMES, by_name, play};
use rapport_core::scenario::parse;
use rapport_core::scoring::{figures, total};

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "scenarios".into());
    let plays: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("scenario folder")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    paths.sort();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let scenario = parse(&text).scenario.expect("parses");
        print!("{:22}", scenario.id());
        for name in PLAYER_NAMES {
            let mut sum = 0.0;
            let mut zero = 0;
            let seeds = 50;
            let mut outcomes = std::collections::BTreeMap::new();
            for seed in 0..seeds {
                let mut p = by_name(name, seed).unwrap();
                let start = initial_state(&scenario, seed);
                let (_, s) = play(&scenario, start, p.as_mut(), 80);
                let t = total(&scenario, &s);
                if t == 0.0 {
                    zero += 1;
                }
                sum += t;
                *outcomes
                    .entry(format!("{:?}", if s.ended() { s.outcome } else { None }))
                    .or_insert(0) += 1;
            }
            print!(" {name}={:.1}(z{zero})", sum / seeds as f64);
            if std::env::var("OUTCOMES").is_ok() {
                print!("{outcomes:?}");
            }
        }
        println!();
        if std::env::var("PROFILE").is_ok() {
            for name in ["collaborative", "skilled", "average"] {
                let (mut t, mut su, mut q, mut irr, mut n) = (0.0, 0.0, 0.0, 0u32, 0u32);
                for seed in 0..50 {
                    let mut p = by_name(name, seed).unwrap();
                    let (_, s) = play(&scenario, initial_state(&scenario, seed), p.as_mut(), 80);
                    let pr = rapport_core::scoring::debrief::profile(&s);
                    t += pr.testing_understanding;
                    su += pr.summarizing;
                    q += pr.questions;
                    irr += pr.irritators;
                    n += 1;
                }
                let n = f64::from(n);
                println!(
                    "  {name:13} testing {:.1}% summarizing {:.1}% questions {:.1}% irritators/call {:.2}",
                    t / n,
                    su / n,
                    q / n,
                    f64::from(irr) / n
                );
            }
        }
        if std::env::var("FIG").is_ok() {
            let mut p = by_name("collaborative", 1).unwrap();
            let start = initial_state(&scenario, 1);
            let (moves, s) = play(&scenario, start, p.as_mut(), 80);
            println!("  {:?}", figures(&scenario, &s));
            println!(
                "  {}",
                moves
                    .iter()
                    .map(|&m| scenario.file.moves[m].id.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            );
        }
        if plays > 0 {
            let mut ins = 0;
            let mut viol = 0;
            for seed in 0..8 {
                let r =
                    check_insertions(&scenario, initial_state(&scenario, seed), &[], plays, seed);
                ins += r.insertions;
                viol += r.violations.len();
                if let Some(v) = r.violations.first()
                    && viol == r.violations.len()
                {
                    println!(
                        "  violation seed {seed}: {} at {} {:.1}->{:.1} in {}",
                        scenario.file.moves[v.inserted].id,
                        v.at,
                        v.before,
                        v.after,
                        v.play
                            .iter()
                            .map(|&m| scenario.file.moves[m].id.as_str())
                            .collect::<Vec<_>>()
                            .join(" ")
                    );
                }
            }
            println!("  insertions {ins}, violations {viol}");
        }
    }
}
