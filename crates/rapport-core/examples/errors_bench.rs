//! Times `check` on a file with thousands of errors against files of the same size with one
//! error and none, to show that diagnostics cost time in proportion to the file (issue 14).
//! `cargo run --release -p rapport-core --example errors_bench [-- MOVES]` (default 16,000).

use rapport_core::STARTER_SCENARIO;
use rapport_core::check::{CheckConfig, check_source};
use rapport_core::scenario::diagnostic::render;
use std::time::{Duration, Instant};

/// One move line, about 150 bytes, as a trainer might paste it again and again.
fn move_line(id: &str) -> String {
    format!(
        "        (id: \"{id}\", text: \"How was the trade fair for you, after all that rain? I hear the halls were half empty.\", kind: Rapport),\n"
    )
}

/// The starter scenario with `count` extra moves at the top of its move list.
fn with_moves(count: usize, id: impl Fn(usize) -> String) -> String {
    let at = STARTER_SCENARIO
        .find("moves: [\n")
        .expect("the starter has moves")
        + 9;
    let mut text = String::with_capacity(STARTER_SCENARIO.len() + count * 160);
    text.push_str(&STARTER_SCENARIO[..at]);
    for i in 0..count {
        text.push_str(&move_line(&id(i)));
    }
    text.push_str(&STARTER_SCENARIO[at..]);
    text
}

/// The valid starter scenario padded with comment lines to `len` bytes.
fn padded_valid(len: usize) -> String {
    let mut text = STARTER_SCENARIO.to_string();
    let line = format!("// {}\n", "padding ".repeat(18));
    while text.len() + line.len() <= len {
        text.push_str(&line);
    }
    text
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let started = Instant::now();
        last = Some(f());
        times.push(started.elapsed());
    }
    (median(times), last.expect("at least one run"))
}

fn main() {
    let count: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(16_000);
    let runs: usize = std::env::args()
        .nth(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(3);
    let duplicates = with_moves(count, |_| "hello".to_string());
    let unique = with_moves(count, |i| format!("said-{i:06}"));
    let valid = padded_valid(duplicates.len());
    println!(
        "{count} extra moves; median of {runs} runs; release build\n\n\
         | file | size | problems | check | render (full output) | output |\n\
         |---|---:|---:|---:|---:|---:|"
    );
    for (name, text) in [
        ("duplicate move ids", &duplicates),
        ("unique move ids", &unique),
        ("valid, padded with comments", &valid),
    ] {
        let (checked, report) = time(runs, || check_source(text, CheckConfig::default()));
        let (rendered, output) = time(runs, || render("bench.ron", text, report.diagnostics()));
        println!(
            "| {name} | {:.2} MB | {} | {:.3} s | {:.3} s | {} bytes |",
            text.len() as f64 / 1e6,
            report.diagnostics().len(),
            checked.as_secs_f64(),
            rendered.as_secs_f64(),
            output.len()
        );
    }
}
