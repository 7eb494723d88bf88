//! The honesty invariant on every shipped scenario, tried as an adversary would: random honest
//! plays (moves on offer, cut where the call ends) with every manipulative move inserted at
//! every position, and, at states along those plays, the best continuation after each trick
//! against the best continuation after the best honest move.
//!
//! The quick versions run with `cargo test`; the large ones (100,000 plays in all) are ignored
//! by default and run in release by `.ci/run`:
//! `cargo test --release -p rapport-core --test invariant -- --ignored`.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rapport_core::engine::{apply, initial_state, offered};
use rapport_core::players::invariant::{Violation, insertions_into, random_honest_play};
use rapport_core::players::search::{SearchConfig, search};
use rapport_core::scenario::{Scenario, parse};
use std::sync::Arc;

mod common;

fn shipped() -> Vec<Arc<Scenario>> {
    common::shipped()
        .into_iter()
        .map(|(path, text)| {
            parse(&text)
                .scenario
                .unwrap_or_else(|| panic!("{path} parses"))
        })
        .collect()
}

fn tricks(scenario: &Scenario) -> Vec<usize> {
    (0..scenario.moves.len())
        .filter(|&m| scenario.moves[m].kind.is_manipulative())
        .collect()
}

fn describe(scenario: &Scenario, v: &Violation) -> String {
    let ids = |ms: &[usize]| {
        ms.iter()
            .map(|&m| scenario.file.moves[m].id.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    format!(
        "{}: inserting \"{}\" at {} raised {:.1} to {:.1} in [{}]",
        scenario.id(),
        scenario.file.moves[v.inserted].id,
        v.at,
        v.before,
        v.after,
        ids(&v.play)
    )
}

/// Plays `plays` random honest plays per scenario, spread over seeds, and inserts every trick
/// at every position of each. Returns the number of insertions tried.
fn insert_everywhere(plays_per_scenario: usize) -> usize {
    let mut tried = 0;
    for scenario in shipped() {
        let tricks = tricks(&scenario);
        let mut rng = ChaCha8Rng::seed_from_u64(0x1_5e47);
        for i in 0..plays_per_scenario {
            let seed = (i % 200) as u64;
            let start = initial_state(&scenario, seed);
            let play = random_honest_play(&scenario, start, &mut rng);
            let mut violations = Vec::new();
            tried += insertions_into(&scenario, start, &play, &tricks, &mut violations);
            if let Some(v) = violations.first() {
                panic!("{}", describe(&scenario, v));
            }
        }
    }
    tried
}

#[test]
fn inserting_any_trick_anywhere_in_random_honest_plays_never_raises_the_score() {
    let tried = insert_everywhere(300);
    assert!(tried > 100_000, "tried {tried} insertions");
}

#[test]
#[ignore = "large: run in release by .ci/run"]
fn inserting_any_trick_anywhere_in_100k_random_honest_plays_never_raises_the_score() {
    let per_scenario = 100_000usize.div_ceil(shipped().len());
    let tried = insert_everywhere(per_scenario);
    eprintln!("{tried} insertions into 100,000 random honest plays: no score raised");
}

/// From a state, the best score reachable after each first move (the search's best play,
/// honest or not, from the state that move leads to).
fn best_after(scenario: &Scenario, state: &rapport_core::engine::State, m: usize) -> f64 {
    let mut s = *state;
    apply(scenario, &mut s, m);
    if s.ended() {
        return rapport_core::scoring::total(scenario, &s);
    }
    let found = search(
        scenario,
        s,
        SearchConfig {
            beam_width: 12,
            max_depth: 60,
        },
    );
    let honest = found.honest.map_or(0.0, |p| p.total);
    let manipulative = found.manipulative.map_or(0.0, |p| p.total);
    honest.max(manipulative)
}

/// At `states` states along random honest plays per scenario: the best continuation after any
/// trick stays below the best continuation after the best honest move.
fn tricks_never_open_a_better_road(states_per_scenario: usize) -> usize {
    let mut checked = 0;
    for scenario in shipped() {
        let tricks = tricks(&scenario);
        let mut rng = ChaCha8Rng::seed_from_u64(0x0bad_5eed);
        for i in 0..states_per_scenario {
            let seed = i as u64;
            let start = initial_state(&scenario, seed);
            let play = random_honest_play(&scenario, start, &mut rng);
            let cut = (i * 7) % play.len().max(1);
            let mut state = start;
            for &m in &play[..cut] {
                apply(&scenario, &mut state, m);
            }
            if state.ended() {
                continue;
            }
            let menu = offered(&scenario, &state);
            let best_honest = menu
                .iter()
                .filter(|&&m| !scenario.moves[m].kind.is_manipulative())
                .map(|&m| best_after(&scenario, &state, m))
                .fold(0.0, f64::max);
            for &t in tricks.iter().filter(|t| menu.contains(t)) {
                let after_trick = best_after(&scenario, &state, t);
                assert!(
                    after_trick < best_honest || best_honest == 0.0,
                    "{} seed {seed} after {} moves: trick \"{}\" leads to {after_trick:.1}, the best honest move to {best_honest:.1}",
                    scenario.id(),
                    cut,
                    scenario.file.moves[t].id
                );
            }
            checked += 1;
        }
    }
    checked
}

#[test]
fn from_states_along_honest_plays_a_trick_never_opens_a_better_road() {
    let checked = tricks_never_open_a_better_road(3);
    assert!(checked >= 6, "checked {checked} states");
}

#[test]
#[ignore = "large: run in release by .ci/run"]
fn from_many_states_a_trick_never_opens_a_better_road() {
    let checked = tricks_never_open_a_better_road(25);
    eprintln!("{checked} states: no trick led anywhere better than the best honest move");
}

#[test]
fn a_trick_is_inserted_only_where_the_game_offers_it_and_refused_moves_are_skipped() {
    use rapport_core::engine::{Phase, is_offered};
    use rapport_core::players::{Collaborative, Player, play};
    let scenario = shipped()
        .into_iter()
        .find(|s| s.id() == "corner-cafe")
        .expect("corner-cafe ships");
    let tricks = tricks(&scenario);
    let start = initial_state(&scenario, 0);
    let (moves, _) = play(&scenario, start, &mut Collaborative as &mut dyn Player, 80);
    // Where the game offers each trick along the play: after the sale it offers none.
    let mut s = start;
    let mut offered_places = 0;
    let mut refused_places = 0;
    let mut after_sale = false;
    for at in 0..=moves.len() {
        after_sale |= s.phase == Phase::Assure;
        for &t in &tricks {
            if is_offered(&scenario, &s, t) {
                offered_places += 1;
            } else {
                refused_places += 1;
            }
        }
        if let Some(&m) = moves.get(at) {
            apply(&scenario, &mut s, m);
        }
    }
    assert!(after_sale, "the reading play goes on after the sale");
    assert!(refused_places > 0, "some places refuse a trick");
    let mut violations = Vec::new();
    let tried = insertions_into(&scenario, start, &moves, &tricks, &mut violations);
    assert_eq!(tried, offered_places);
    assert!(
        violations.is_empty(),
        "{}",
        describe(&scenario, &violations[0])
    );
}
