//! Times the class report on 1,000 results: parsing the result files' JSON, building the
//! report, and writing the text, CSV, HTML and xAPI views. The results are made in memory by
//! the core's automatic players (the tests' class, scaled up), then timed from their JSON:
//! `cargo run --release -p rapport-workshop --example report_bench [-- N]`.

#[path = "../tests/support/class.rs"]
mod class;

use rapport_workshop::CallResult;
use rapport_workshop::report::{self, ClassReport, ReportOptions, XapiOptions};
use std::time::{Duration, Instant};

/// Each step runs this many times; the report shows the median.
const RUNS: usize = 5;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let wanted: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000);
    // Every fourth trainee plays twice: trainees enough for `wanted` results.
    let mut trainees = wanted * 4 / 5;
    let made = Instant::now();
    let mut results = class::class(trainees).results();
    while results.len() < wanted {
        trainees += 10;
        results = class::class(trainees).results();
    }
    results.truncate(wanted);
    let files: Vec<String> = results.iter().map(CallResult::to_json).collect();
    let total_bytes: usize = files.iter().map(String::len).sum();
    let mut sizes: Vec<usize> = files.iter().map(String::len).collect();
    sizes.sort();
    eprintln!(
        "made {} results in {:.1} s",
        files.len(),
        made.elapsed().as_secs_f64()
    );

    let options = ReportOptions::default();
    let mut parse = Vec::new();
    let mut build = Vec::new();
    let mut text = Vec::new();
    let mut csv = Vec::new();
    let mut html = Vec::new();
    let mut xapi = Vec::new();
    let mut all = Vec::new();
    let mut sizes_out = (0, 0, 0, 0);
    let mut count = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        let parsed: Vec<CallResult> = files
            .iter()
            .map(|f| CallResult::from_json(f.as_bytes()).expect("a result"))
            .collect();
        let t1 = Instant::now();
        let r = ClassReport::new(parsed, &options);
        let t2 = Instant::now();
        let t = report::text(&r);
        let t3 = Instant::now();
        let c = report::csv(&r);
        let t4 = Instant::now();
        let h = report::html(&r);
        let t5 = Instant::now();
        let statements = report::xapi(&r, &XapiOptions::default());
        count = statements.as_array().map_or(0, Vec::len);
        let x = statements.to_string();
        let t6 = Instant::now();
        parse.push(t1 - start);
        build.push(t2 - t1);
        text.push(t3 - t2);
        csv.push(t4 - t3);
        html.push(t5 - t4);
        xapi.push(t6 - t5);
        all.push(t6 - start);
        sizes_out = (t.len(), c.len(), h.len(), x.len());
    }
    println!(
        "Class report on {} results (median of {RUNS} runs)",
        files.len()
    );
    println!("  parse the JSON        {}", ms(median(parse)));
    println!("  build the report      {}", ms(median(build)));
    println!(
        "  text                  {} ({} bytes)",
        ms(median(text)),
        sizes_out.0
    );
    println!(
        "  CSV                   {} ({} bytes)",
        ms(median(csv)),
        sizes_out.1
    );
    println!(
        "  HTML                  {} ({} bytes)",
        ms(median(html)),
        sizes_out.2
    );
    println!(
        "  xAPI (serialised)     {} ({} bytes, {count} statements)",
        ms(median(xapi)),
        sizes_out.3
    );
    println!("  all of it             {}", ms(median(all)));
    println!(
        "  one result file (pretty JSON): median {} bytes, smallest {}, largest {}; {} bytes in all",
        sizes[sizes.len() / 2],
        sizes[0],
        sizes[sizes.len() - 1],
        total_bytes
    );
}
