//! Checks scenario files with the core alone (no game build): handy while writing scenarios.
//! `cargo run -p rapport-core --example check -- scenarios/*.ron`

use rapport_core::check::{CheckConfig, check_source};
use rapport_core::scenario::diagnostic::render;

fn main() {
    let mut failed = false;
    for path in std::env::args().skip(1) {
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{path}: {e}");
                failed = true;
                continue;
            }
        };
        let report = check_source(&text, CheckConfig::default());
        print!("{}", render(&path, &text, report.diagnostics()));
        failed |= report.has_errors();
        for r in &report.invariant {
            println!(
                "{path} seed {}: honest {:.1} ({:?}), manipulative {:.1}, margin {:.1}, collaborative {:.1} ({:?}) in {} moves, violations {}, right {:?} reachable {}",
                r.seed,
                r.search.honest.as_ref().map_or(0.0, |p| p.total),
                r.search.honest.as_ref().and_then(|p| p.outcome),
                r.search.manipulative.as_ref().map_or(0.0, |p| p.total),
                r.search.margin().unwrap_or(0.0),
                r.collaborative.total,
                r.collaborative.outcome,
                r.collaborative.moves.len(),
                r.insertions.violations.len(),
                r.search.right_outcome,
                r.right_outcome_reachable(),
            );
        }
        for r in &report.adversaries {
            println!(
                "{path} {}: median {:.1} on {} unseen seeds (reading {:.1}), within reach on {}{}",
                r.name,
                r.median,
                r.seeds,
                r.reading_median,
                r.close_count,
                r.cost_where_it_differs
                    .map(|c| format!(", costs {c:.1} where it differs"))
                    .unwrap_or_default()
            );
        }
    }
    std::process::exit(i32::from(failed));
}
