//! Figures for docs/benchmarks.md: a made-up class of TRAINEES (default 240, 300 calls) queued
//! in an outbox, sent to the LRS configured in the environment (RAPPORT_LRS_…) in batches of
//! BATCH statements (default 50), sent again (all already there), and read back.
//!
//!     cargo run --release -p rapport-lrs --example send_rate -- 240 50

#[path = "../../rapport-workshop/tests/support/class.rs"]
mod class;

use rapport_lrs::{LrsConfig, Outbox, Retry, Sender};
use rapport_workshop::ClassReport;
use rapport_workshop::report::{ReportOptions, XapiOptions, xapi};
use serde_json::Value;
use std::time::Instant;

fn main() {
    let trainees: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(240);
    let batch: usize = std::env::args()
        .nth(2)
        .and_then(|n| n.parse().ok())
        .unwrap_or(50);
    let config = match LrsConfig::from_env() {
        Ok(Some(config)) => config,
        Ok(None) => return eprintln!("set RAPPORT_LRS_ENDPOINT and the credentials first"),
        Err(e) => return eprintln!("{e}"),
    };
    let played = class::class(trainees);
    let calls = played.calls.len();
    let report = ClassReport::new(played.results(), &ReportOptions::default());
    let Value::Array(statements) = xapi(&report, &XapiOptions::default()) else {
        unreachable!("the export is an array")
    };
    println!("{calls} calls, {} statements", statements.len());
    for label in ["first send", "sent again"] {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let outbox = Outbox::beside_results(dir.path());
        let queued = Instant::now();
        // As a call ends: its "attempted" and "completed" statements together.
        for call in statements.chunks(2) {
            outbox.add(call).expect("queued");
        }
        let per_call = queued.elapsed().as_secs_f64() / statements.len().div_ceil(2) as f64;
        let sender = Sender::new(config.clone()).with_batch(batch);
        let sending = Instant::now();
        let delivery = sender
            .drain(&outbox, &Retry::default(), &mut |_| {})
            .expect("sent");
        let seconds = sending.elapsed().as_secs_f64();
        println!(
            "{label}, batches of {batch}: queued at {:.2} ms a call (two statements); sent {} ({} already there) in {seconds:.2} s = {:.0} statements/s",
            per_call * 1000.0,
            delivery.total(),
            delivery.already_there,
            delivery.total() as f64 / seconds
        );
    }
    let sender = Sender::new(config);
    let reading = Instant::now();
    let read = sender.statements(&[("limit", "100")]).expect("read back");
    println!(
        "read back {} statements in pages of 100 in {:.2} s",
        read.len(),
        reading.elapsed().as_secs_f64()
    );
}
