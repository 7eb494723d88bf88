//! The shipped scenarios: each passes the checker (the invariant proven, the right ending
//! reachable), is a real conversation, and the collaborative player beats the pitcher, the
//! closer and the random player on every one of them.

use rapport_core::check::{CheckConfig, check_source};
use rapport_core::engine::{initial_state, right_outcome};
use rapport_core::players::invariant::covering_seeds;
use rapport_core::players::{by_name, play};
use rapport_core::scenario::{Outcome, Scenario, SocialStyle};
use rapport_core::scoring::total;
use std::collections::BTreeSet;

mod common;
use common::shipped;

use common::parsed;

/// Words that put an offer in the seller's mouth: "So you'd sign a data agreement", "you've
/// told me", "Put like that". A concern is resolved by exploring it twice, and the trainee
/// may have said nothing about the product in between, so a resolved line must be the
/// customer's own conclusion and never quote an offer back.
const SELLER_ATTRIBUTING: &[&str] = &[
    "you'd",
    "you would",
    "you've",
    "you have told",
    "you have said",
    "you told",
    "you said",
    "you mentioned",
    "you'll",
    "you will",
    "you're offering",
    "you offer",
    "so you",
    "put like that",
    "needed to hear",
];

#[test]
fn resolved_concern_lines_never_quote_an_offer_the_trainee_did_not_make() {
    let starter = rapport_core::scenario::parse(rapport_core::STARTER_SCENARIO)
        .scenario
        .expect("the starter parses");
    let mut all = parsed();
    all.push(("the starter template".to_string(), starter));
    let mut quoting = Vec::new();
    for (name, s) in &all {
        for concern in &s.file.concerns {
            for line in concern.resolved.iter() {
                let lower = line.to_lowercase().replace('\u{2019}', "'");
                let phrase = SELLER_ATTRIBUTING.iter().find(|p| lower.contains(*p));
                // "So it works offline..." restates what the customer has just been told, and
                // "...its own SIM? Right." checks it back.
                let restates = lower.trim_start_matches("oh, ").starts_with("so ");
                let asks_back = lower.contains('?');
                let file = name.rsplit('/').next().unwrap_or(name);
                let id = &concern.id;
                if let Some(phrase) = phrase {
                    quoting.push(format!("{file} {id}: {phrase:?} in {line:?}"));
                } else if restates {
                    quoting.push(format!("{file} {id}: opens with \"So\": {line:?}"));
                } else if asks_back {
                    quoting.push(format!("{file} {id}: asks it back: {line:?}"));
                }
            }
        }
    }
    assert!(
        quoting.is_empty(),
        "{} resolved lines quote an offer the trainee may never have made:\n{}",
        quoting.len(),
        quoting.join("\n")
    );
}

#[test]
fn every_shipped_scenario_passes_check_without_a_warning() {
    let all = shipped();
    assert!(all.len() >= 8, "eight scenarios ship, found {}", all.len());
    for (name, text) in &all {
        let report = check_source(text, CheckConfig::default());
        assert!(
            report.diagnostics().is_empty(),
            "{name}: {:#?}",
            report.diagnostics()
        );
        assert!(!report.invariant.is_empty());
        for r in &report.invariant {
            assert!(
                r.holds(),
                "{name} seed {}: margin {:?}, violations {:?}",
                r.seed,
                r.search.margin(),
                r.insertions.violations
            );
            assert!(r.right_outcome_reachable(), "{name} seed {}", r.seed);
        }
    }
}

#[test]
fn shipped_scenarios_are_real_conversations_across_industries_and_styles() {
    let all = parsed();
    let mut industries = BTreeSet::new();
    let mut styles = BTreeSet::new();
    for (name, s) in &all {
        let f = &s.file;
        assert!(f.moves.len() >= 20, "{name}: {} moves", f.moves.len());
        assert!(f.needs.len() >= 4, "{name}: {} needs", f.needs.len());
        assert!(
            f.concerns.len() >= 2,
            "{name}: {} concerns",
            f.concerns.len()
        );
        assert!(
            (10..=20).contains(&f.meta.estimated_minutes),
            "{name}: {} minutes",
            f.meta.estimated_minutes
        );
        assert!(
            f.moves.iter().filter(|m| m.kind.is_manipulative()).count() >= 4,
            "{name}: tempting moves"
        );
        industries.insert(f.meta.industry.clone());
        styles.insert(format!("{:?}", f.customer.style));
    }
    assert_eq!(
        industries.len(),
        all.len(),
        "each scenario in its own industry: {industries:?}"
    );
    for style in [
        SocialStyle::Director,
        SocialStyle::Socializer,
        SocialStyle::Relater,
        SocialStyle::Thinker,
    ] {
        assert!(
            styles.contains(&format!("{style:?}")),
            "no {style:?} customer among {styles:?}"
        );
    }
}

#[test]
fn shipped_scenarios_cover_no_fit_post_sale_and_advance_endings() {
    let all = parsed();
    let rights = |s: &Scenario| -> Vec<Outcome> {
        covering_seeds(s, 6)
            .into_iter()
            .map(|seed| right_outcome(s, &initial_state(s, seed)))
            .collect()
    };
    // No-fit is the honest ending on most of its situations, not on all: a scenario whose
    // answer never changes can be won by a memorised list.
    assert!(
        all.iter().any(|(_, s)| {
            let r = rights(s);
            2 * r.iter().filter(|o| **o == Outcome::MutualNoFit).count() >= r.len()
        }),
        "a scenario where the honest ending is mostly no sale"
    );
    assert!(
        all.iter()
            .any(|(_, s)| rights(s).contains(&Outcome::Advance)),
        "a scenario where an advance is right"
    );
    assert!(
        all.iter().any(|(_, s)| s.has_post_sale()),
        "a scenario with a post-sale phase"
    );
    assert!(
        all.iter().any(|(_, s)| {
            let r = rights(s);
            r.contains(&Outcome::MutualNoFit) && r.iter().any(|o| *o != Outcome::MutualNoFit)
        }),
        "a scenario whose right ending depends on the seed"
    );
}

#[test]
fn collaborative_player_beats_pitcher_closer_and_random_on_every_scenario() {
    for (name, s) in parsed() {
        for seed in covering_seeds(&s, 4) {
            let start = initial_state(&s, seed);
            let score_of = |player: &str, player_seed: u64| {
                let mut p = by_name(player, player_seed).expect("known player");
                let (_, end) = play(&s, start, p.as_mut(), 200);
                total(&s, &end)
            };
            let collaborative = score_of("collaborative", seed);
            for other in ["pitcher", "closer"] {
                let theirs = score_of(other, seed);
                assert!(
                    collaborative > theirs,
                    "{name} seed {seed}: collaborative {collaborative} vs {other} {theirs}"
                );
            }
            for random_seed in 0..10 {
                let theirs = score_of("random", random_seed);
                assert!(
                    collaborative > theirs,
                    "{name} seed {seed}: collaborative {collaborative} vs random({random_seed}) {theirs}"
                );
            }
        }
    }
}

/// Mean score of a player over seeds 0..n of a scenario, and on how many seeds it scored 0.
fn mean_over_seeds(s: &Scenario, player: &str, seeds: u64) -> (f64, usize) {
    let mut sum = 0.0;
    let mut zeros = 0;
    for seed in 0..seeds {
        let mut p = by_name(player, seed).expect("known player");
        let (_, end) = play(s, initial_state(s, seed), p.as_mut(), 200);
        let t = total(s, &end);
        sum += t;
        zeros += usize::from(t == 0.0);
    }
    (sum / seeds as f64, zeros)
}

#[test]
fn scores_are_graded_skilled_above_questions_only_above_pushy_above_manipulative() {
    for (name, s) in parsed() {
        let (collaborative, _) = mean_over_seeds(&s, "collaborative", 50);
        let (questioner, _) = mean_over_seeds(&s, "questioner", 50);
        let (pitcher, pitcher_zeros) = mean_over_seeds(&s, "pitcher", 50);
        let (closer, closer_zeros) = mean_over_seeds(&s, "closer", 50);
        assert!(
            collaborative >= 90.0,
            "{name}: the reading player averages {collaborative:.1}"
        );
        assert!(
            collaborative - questioner >= 15.0 && questioner > pitcher + 20.0,
            "{name}: good questions without a proposal belong in the middle: {questioner:.1} (collaborative {collaborative:.1}, pitcher {pitcher:.1})"
        );
        assert!(
            pitcher > closer,
            "{name}: pushy {pitcher:.1} should beat manipulative {closer:.1}"
        );
        assert!(
            pitcher_zeros < 25 && closer_zeros < 25,
            "{name}: a failed call still shows what went well (zeros: pitcher {pitcher_zeros}, closer {closer_zeros} of 50)"
        );
    }
}

#[test]
fn rackham_skilled_negotiators_beat_average_ones_by_a_clear_margin() {
    for (name, s) in parsed() {
        let (skilled, _) = mean_over_seeds(&s, "skilled", 50);
        let (average, _) = mean_over_seeds(&s, "average", 50);
        assert!(
            skilled >= average + 8.0,
            "{name}: skilled {skilled:.1} vs average {average:.1}"
        );
    }
}

/// The situation a seed makes, with the ending that is right in it.
fn situation(s: &Scenario, seed: u64) -> (rapport_core::engine::Situation, Outcome) {
    let st = initial_state(s, seed);
    (st.situation(), right_outcome(s, &st))
}

#[test]
fn every_scenario_varies_by_seed_and_two_have_a_right_ending_that_does() {
    let mut ending_varies = Vec::new();
    for (name, s) in parsed() {
        let situations: BTreeSet<String> = (0..200)
            .map(|seed| format!("{:?}", situation(&s, seed)))
            .collect();
        assert!(
            situations.len() >= 3,
            "{name}: only {} different situations over 200 seeds",
            situations.len()
        );
        let endings: BTreeSet<String> = (0..200)
            .map(|seed| format!("{:?}", situation(&s, seed).1))
            .collect();
        if endings.len() >= 2 {
            ending_varies.push(name);
        }
    }
    assert!(
        ending_varies.len() >= 2,
        "scenarios whose right ending differs by seed: {ending_varies:?}"
    );
}

#[test]
fn no_adversary_wins_without_reading_and_every_habit_that_ignores_a_cue_costs() {
    use rapport_core::players::adversary::{AdversaryConfig, HABIT_COST, adversaries};
    let mut failures = Vec::new();
    for (name, s) in parsed() {
        for r in adversaries(&s, AdversaryConfig::default()) {
            assert_eq!(r.seeds, 200);
            if r.reading_median < 90.0 {
                failures.push(format!("{name}: reading median {:.1}", r.reading_median));
            }
            if r.rote && r.median > 60.0 {
                failures.push(format!("{name}: {} median {:.1}", r.name, r.median));
            }
            if let Some(cost) = r.cost_where_it_differs
                && cost < HABIT_COST
            {
                failures.push(format!("{name}: {} costs only {cost:.1}", r.name));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_reading_player_talks_like_rackhams_skilled_negotiators_summaries_included() {
    use rapport_core::scoring::debrief::{SKILLED, profile};
    for (name, s) in parsed() {
        let (mut testing, mut summaries) = (0.0, 0u32);
        let seeds = 20;
        for seed in 0..seeds {
            let mut p = by_name("collaborative", seed).expect("known player");
            let (_, end) = play(&s, initial_state(&s, seed), p.as_mut(), 200);
            testing += profile(&end).testing_understanding;
            summaries += u32::from(end.summaries);
        }
        let testing = testing / seeds as f64;
        assert!(
            testing >= SKILLED.testing,
            "{name}: tests understanding in {testing:.1}% of moves (skilled: {}%)",
            SKILLED.testing
        );
        assert!(
            summaries >= seeds as u32,
            "{name}: {summaries} summaries in {seeds} calls"
        );
    }
}

#[test]
fn the_shipped_scenarios_together_reach_all_five_endings() {
    let mut reached = BTreeSet::new();
    for (_, s) in parsed() {
        for player in ["collaborative", "questioner", "pitcher", "closer"] {
            for seed in 0..10 {
                let mut p = by_name(player, seed).expect("known player");
                let (_, end) = play(&s, initial_state(&s, seed), p.as_mut(), 200);
                if let Some(o) = end.outcome.filter(|_| end.ended()) {
                    reached.insert(format!("{o:?}"));
                }
            }
        }
    }
    for o in ["Order", "Advance", "Continuation", "MutualNoFit", "NoSale"] {
        assert!(reached.contains(o), "no play ends in {o}: {reached:?}");
    }
}

#[test]
fn the_menu_sections_are_the_same_on_every_seed_and_every_turn_of_the_sale() {
    use rapport_core::engine::{MenuSection, Phase, apply, menu, offered};
    use rapport_core::players::{Collaborative, Player};
    use rapport_core::scenario::MoveKind;
    for (name, s) in parsed() {
        let first = menu(&s, &initial_state(&s, 0));
        // Every need of the pool has its section from the first turn, real today or not.
        for n in 0..s.file.needs.len() {
            assert!(
                first.iter().any(|(sec, _)| *sec == MenuSection::Topic(n)),
                "{name}: no section for need {n}"
            );
        }
        // Answers sit together with the worries, so the layout does not pair them.
        let worries = &first
            .iter()
            .find(|(sec, _)| *sec == MenuSection::Worries)
            .expect("a worries section")
            .1;
        for (i, m) in s.moves.iter().enumerate() {
            if m.kind == MoveKind::AnswerConcern && offered(&s, &initial_state(&s, 0)).contains(&i)
            {
                assert!(
                    worries.contains(&i),
                    "{name}: answer {i} outside the worries"
                );
            }
        }
        for seed in 0..20 {
            let mut state = initial_state(&s, seed);
            while !state.ended() && state.phase != Phase::Assure {
                assert_eq!(menu(&s, &state), first, "{name} seed {seed}");
                let Some(m) = Collaborative.choose(&s, &state) else {
                    break;
                };
                apply(&s, &mut state, m);
            }
        }
    }
}

#[test]
fn a_copy_with_windows_line_ends_is_the_same_scenario_with_the_same_fingerprint() {
    for (name, text) in shipped() {
        let crlf = text.replace('\n', "\r\n");
        let scenario = |text: &str| {
            rapport_core::scenario::parse(text)
                .scenario
                .expect("a shipped scenario parses")
        };
        let (lf, crlf) = (scenario(&text), scenario(&crlf));
        assert_eq!(lf.fingerprint, crlf.fingerprint, "{name}");
        assert_eq!(lf.file, crlf.file, "{name}: the same scenario");
        let edited = scenario(&format!("{text}\n// edited\n"));
        assert_ne!(
            lf.fingerprint, edited.fingerprint,
            "{name}: an edit still shows"
        );
    }
}
