//! Every adversary on every scenario in a folder, beside the reading player, on unseen seeds:
//! `cargo run --release -p rapport-core --example adversaries [-- DIR]`.

use rapport_core::players::adversary::{AdversaryConfig, adversaries};
use rapport_core::scenario::parse;
use std::time::Instant;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "scenarios".into());
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("scenario folder")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    paths.sort();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let Some(scenario) = parse(&text).scenario else {
            println!("{}: does not parse", path.display());
            continue;
        };
        let started = Instant::now();
        let results = adversaries(&scenario, AdversaryConfig::default());
        println!(
            "{} (reading median {:.1}; {:.2} s)",
            scenario.id(),
            results[0].reading_median,
            started.elapsed().as_secs_f64()
        );
        {
            use rapport_core::players::adversary::*;
            let t = Instant::now();
            let fixed = learnt_fixed_list(&scenario, &TRAINING_SEEDS);
            let fixed_secs = t.elapsed().as_secs_f64();
            let t = Instant::now();
            let list = learnt_priority_list(
                &scenario,
                &TRAINING_SEEDS,
                &fixed,
                AdversaryConfig::default().search_steps,
            );
            println!(
                "  learning: fixed list {fixed_secs:.2} s, priority list {:.2} s; playing 200 seeds: {}",
                t.elapsed().as_secs_f64(),
                results
                    .iter()
                    .map(|r| format!("{:.3} s", r.play_seconds))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            if std::env::var_os("SHOW_LISTS").is_some() {
                let ids: Vec<&str> = list
                    .iter()
                    .map(|&m| scenario.file.moves[m].id.as_str())
                    .collect();
                println!("  learnt list: {}", ids.join(" "));
            }
        }
        for r in results {
            println!(
                "  {:32} median {:5.1}  close on {:3}/{}  beat reading on {:3}{}",
                r.name,
                r.median,
                r.close_count,
                r.seeds,
                r.beat_reading,
                r.cost_where_it_differs
                    .map(|c| format!("  costs {c:.1} where it differs"))
                    .unwrap_or_default()
            );
        }
    }
}
