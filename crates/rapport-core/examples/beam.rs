//! Compares best-play search results and times across beam widths (a tuning aid).
use rapport_core::engine::initial_state;
use rapport_core::players::invariant::covering_seeds;
use rapport_core::players::search::{SearchConfig, search};
fn main() {
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap();
        let Some(s) = rapport_core::scenario::parse(&text).scenario else {
            continue;
        };
        for seed in covering_seeds(&s, 3) {
            let mut line = format!("{path} seed {seed}:");
            for w in [24, 72, 240, 960] {
                let t = std::time::Instant::now();
                let r = search(
                    &s,
                    initial_state(&s, seed),
                    SearchConfig {
                        beam_width: w,
                        max_depth: 60,
                    },
                );
                line += &format!(
                    " w{w}={:.1}/{:.1} ({:.0}ms)",
                    r.honest.as_ref().map_or(0.0, |p| p.total),
                    r.manipulative.as_ref().map_or(0.0, |p| p.total),
                    t.elapsed().as_secs_f64() * 1000.0
                );
            }
            println!("{line}");
        }
    }
}
