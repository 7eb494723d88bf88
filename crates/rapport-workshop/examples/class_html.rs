//! Writes the class report of a made-up class (the tests' class: 38 trainees over three shipped
//! scenarios, hostile names included) as HTML, and its terminal text beside it, to look at
//! in a browser: `cargo run -p rapport-workshop --example class_html -- OUT.html [--rank]
//! [--anonymous]`.

#[path = "../tests/support/class.rs"]
mod class;

use rapport_workshop::report::{self, ClassReport, ReportOptions};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .cloned()
        .unwrap_or_else(|| "class-report.html".to_string());
    let options = ReportOptions {
        rank: args.iter().any(|a| a == "--rank"),
        anonymous: args.iter().any(|a| a == "--anonymous"),
        ..ReportOptions::default()
    };
    let report = ClassReport::new(class::class(38).results(), &options);
    if let Err(e) = std::fs::write(&out, report::html(&report)) {
        eprintln!("could not write {out}: {e}");
        std::process::exit(1);
    }
    print!("{}", report::text(&report));
    eprintln!("wrote {out}");
}
