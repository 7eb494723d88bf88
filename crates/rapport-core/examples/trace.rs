//! Prints a player's play on one scenario and seed with the customer's words:
//! `cargo run -p rapport-core --example trace -- scenarios/x.ron collaborative 3`.

use rapport_core::engine::{Conversation, Event};
use rapport_core::players::by_name;
use rapport_core::scenario::parse;
use rapport_core::scoring::total;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(&args[1]).unwrap();
    let scenario = parse(&text).scenario.expect("parses");
    let seed: u64 = args[3].parse().unwrap();
    let mut player = by_name(&args[2], seed).unwrap();
    let mut c = Conversation::start(scenario.clone(), seed);
    while !c.is_over() && c.turns().len() < 80 {
        let Some(m) = player.choose(&scenario, c.state()) else {
            break;
        };
        let events = c.choose(m).expect("offered").to_vec();
        let s = c.state();
        println!(
            "> {} [{}] trust {} patience {}",
            scenario.file.moves[m].id,
            scenario.moves[m].kind.label(),
            s.trust,
            s.patience
        );
        for e in events {
            match e {
                Event::Said { text, .. } => {
                    println!("    \"{}\"", text.chars().take(90).collect::<String>())
                }
                Event::MoveChosen { .. }
                | Event::TrustChanged { .. }
                | Event::PatienceChanged { .. } => {}
                other => println!("    {other:?}"),
            }
        }
    }
    println!("total {}", total(&scenario, c.state()));
}
