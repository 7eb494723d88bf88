//! The cost of what the game writes, for docs/benchmarks.md: the call in progress saved after
//! every move (built, serialised, written to a temporary file, synced, renamed, folder synced)
//! and the result at the end, with the file sizes. The game does all of it on its results
//! writer thread; the frame only copies the conversation, timed here too.
//!
//!     cargo run --release --example save_cost -- [FOLDER]
//!
//! FOLDER (default: a temporary folder) should be on the disk the results will live on: the
//! sync dominates, and it depends on the disk.

use rapport::files::results::{new_attempt, result_now, save_in_progress, save_result};
use rapport::files::scenarios::shipped;
use rapport_core::engine::Conversation;
use rapport_core::players::by_name;
use rapport_workshop::SavedCall;
use std::time::{Duration, Instant, SystemTime};

fn main() {
    let temporary = tempfile::tempdir().expect("a temporary folder");
    let dir = std::env::args()
        .nth(1)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| temporary.path().to_path_buf());
    let mut saves: Vec<Duration> = Vec::new();
    let mut builds: Vec<Duration> = Vec::new();
    let mut copies: Vec<Duration> = Vec::new();
    let mut sizes: Vec<u64> = Vec::new();
    let mut largest_in_progress = 0u64;
    for entry in shipped() {
        let scenario = entry
            .parsed
            .scenario
            .clone()
            .expect("shipped scenarios parse");
        for (player, seed) in [("skilled", 1), ("average", 2), ("pitcher", 3)] {
            let started = SystemTime::now();
            let attempt = new_attempt("Benchmark", None, &scenario, seed, started);
            let mut call = Conversation::start(scenario.clone(), seed);
            let mut p = by_name(player, seed).expect("a player");
            while !call.is_over() && call.turns().len() < 200 {
                let Some(m) = p.choose(&scenario, call.state()) else {
                    break;
                };
                if call.choose(m).is_err() {
                    break;
                }
                let began = Instant::now();
                let copy = call.clone();
                copies.push(began.elapsed());
                drop(copy);
                let began = Instant::now();
                let saved = SavedCall::of(&call, attempt.clone());
                let _text = saved.to_json();
                builds.push(began.elapsed());
                let began = Instant::now();
                save_in_progress(&dir, &saved).expect("saved");
                saves.push(began.elapsed());
                let size = std::fs::metadata(dir.join("call-in-progress.json"))
                    .unwrap()
                    .len();
                largest_in_progress = largest_in_progress.max(size);
            }
            let result = result_now(&call, attempt, started);
            let path = save_result(&dir, &result).expect("written");
            sizes.push(std::fs::metadata(path).unwrap().len());
        }
    }
    saves.sort();
    builds.sort();
    copies.sort();
    sizes.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "per-move write (serialise, temporary file, sync, rename, folder sync): {} saves, median {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        saves.len(),
        ms(saves[saves.len() / 2]),
        ms(saves[saves.len() * 95 / 100]),
        ms(*saves.last().unwrap())
    );
    println!(
        "on the frame, copying the call for the writer: median {:.3} ms, max {:.3} ms",
        ms(copies[copies.len() / 2]),
        ms(*copies.last().unwrap())
    );
    println!(
        "building and serialising the save (writer thread): median {:.2} ms, max {:.2} ms",
        ms(builds[builds.len() / 2]),
        ms(*builds.last().unwrap())
    );
    println!(
        "result files: {} written, median {:.1} KB, max {:.1} KB; call in progress at most {:.1} KB",
        sizes.len(),
        sizes[sizes.len() / 2] as f64 / 1024.0,
        *sizes.last().unwrap() as f64 / 1024.0,
        largest_in_progress as f64 / 1024.0
    );
}
