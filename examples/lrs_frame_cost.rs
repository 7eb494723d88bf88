//! What the game's frame pays for the LRS: reading the sender's news each frame
//! (`follow_news`) and taking the queue handle a finished call's write job carries.

use rapport::game::workshop::LrsLink;
use rapport_lrs::{Credentials, LrsConfig};
use std::time::Instant;

fn main() {
    let config = LrsConfig::new(
        "http://127.0.0.1:9/xAPI/",
        Credentials::parse("key:secret").expect("credentials"),
        true,
    )
    .expect("a local endpoint");
    let link = LrsLink::start(config);
    let rounds = 100_000;
    let began = Instant::now();
    let mut changed = 0;
    let mut last = link.status();
    for _ in 0..rounds {
        let status = link.status();
        if status != last {
            changed += 1;
            last = status;
        }
    }
    let per_frame = began.elapsed().as_secs_f64() / rounds as f64;
    let began = Instant::now();
    for _ in 0..rounds {
        std::hint::black_box(link.queue());
    }
    let per_call = began.elapsed().as_secs_f64() / rounds as f64;
    println!(
        "reading the news: {:.3} µs a frame ({changed} changes); the queue handle: {:.3} µs a call",
        per_frame * 1e6,
        per_call * 1e6
    );
}
