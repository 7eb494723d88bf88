//! Plays a scenario file with an automatic player and prints transcript, head and score,
//! with the core alone: `cargo run -p rapport-core --example transcript -- FILE [PLAYER] [SEED]`

use rapport_core::engine::Conversation;
use rapport_core::report::{play_out, profile_text, reveal_text, score_text, transcript};
use rapport_core::scoring::debrief::debrief;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: transcript FILE [collaborative|pitcher|closer|random] [SEED]");
        std::process::exit(2);
    };
    let player_name = args.get(2).map_or("collaborative", String::as_str);
    let seed: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(1);
    let text = std::fs::read_to_string(path).expect("readable file");
    let parsed = rapport_core::scenario::parse(&text);
    let Some(scenario) = parsed.scenario else {
        eprint!(
            "{}",
            rapport_core::scenario::diagnostic::render(path, &text, &parsed.diagnostics)
        );
        std::process::exit(1);
    };
    let mut player = rapport_core::players::by_name(player_name, seed).expect("known player");
    let mut conversation = Conversation::start(scenario, seed);
    play_out(&mut conversation, player.as_mut(), 200);
    let d = debrief(&conversation);
    print!("{}", transcript(&conversation));
    println!();
    print!("{}", reveal_text(&d));
    println!();
    print!("{}", score_text(&d.score));
    print!("{}", profile_text(&d.profile));
}
