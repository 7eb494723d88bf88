//! No input makes the core panic: random and mutated scenario text through the parser and
//! checker, random move sequences through the engine. And the invariant as a property:
//! inserting a manipulative move into any play never raises its score.

use proptest::prelude::*;
use rapport_core::check::{CheckConfig, check_source};
use rapport_core::engine::{Conversation, initial_state};
use rapport_core::players::adversary::AdversaryConfig;
use rapport_core::players::invariant::until_end;
use rapport_core::players::search::{SearchConfig, replay};
use rapport_core::scenario::diagnostic::SHOWN_PER_FILE;
use rapport_core::scenario::{MAX_NEEDS, parse};
use rapport_core::scoring::total;

const STARTER: &str = rapport_core::STARTER_SCENARIO;

fn small_check() -> CheckConfig {
    CheckConfig {
        search: SearchConfig {
            beam_width: 8,
            max_depth: 40,
        },
        seeds: 1,
        random_plays: 1,
        adversaries: AdversaryConfig {
            test_seeds: 4,
            search_steps: 4,
        },
    }
}

/// Text edits that keep most of the scenario and break a little of it.
#[derive(Debug, Clone)]
enum Mutation {
    Delete {
        at: usize,
        len: usize,
    },
    Insert {
        at: usize,
        text: String,
    },
    Duplicate {
        at: usize,
        len: usize,
    },
    ReplaceNumber {
        nth: usize,
        value: i64,
    },
    ReplaceString {
        nth: usize,
        value: String,
    },
    /// A line pasted again hundreds of times: often hundreds of problems in one file.
    RepeatLine {
        nth: usize,
        times: usize,
    },
    /// One overlong word, as a slip of the keyboard or a pasted blob makes.
    LongWord {
        at: usize,
        len: usize,
    },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1usize..40).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), "[(),:\\[\\]\"a-zA-Z0-9 \n]{1,12}")
            .prop_map(|(at, text)| Mutation::Insert { at, text }),
        (any::<usize>(), 1usize..200).prop_map(|(at, len)| Mutation::Duplicate { at, len }),
        (any::<usize>(), -1000i64..1000)
            .prop_map(|(nth, value)| Mutation::ReplaceNumber { nth, value }),
        (any::<usize>(), "[a-z\\-]{0,10}")
            .prop_map(|(nth, value)| Mutation::ReplaceString { nth, value }),
        (any::<usize>(), 100usize..1500)
            .prop_map(|(nth, times)| Mutation::RepeatLine { nth, times }),
        (any::<usize>(), 1_000usize..200_000).prop_map(|(at, len)| Mutation::LongWord { at, len }),
    ]
}

fn char_boundary(text: &str, at: usize) -> usize {
    let mut at = at % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(text: &str, m: &Mutation) -> String {
    match m {
        Mutation::Delete { at, len } => {
            let a = char_boundary(text, *at);
            let b = char_boundary(text, (a + len).min(text.len()));
            format!("{}{}", &text[..a], &text[b.max(a)..])
        }
        Mutation::Insert { at, text: t } => {
            let a = char_boundary(text, *at);
            format!("{}{}{}", &text[..a], t, &text[a..])
        }
        Mutation::Duplicate { at, len } => {
            let a = char_boundary(text, *at);
            let b = char_boundary(text, (a + len).min(text.len())).max(a);
            format!("{}{}{}", &text[..b], &text[a..b], &text[b..])
        }
        Mutation::ReplaceNumber { nth, value } => {
            let spots: Vec<(usize, usize)> = text
                .match_indices(|c: char| c.is_ascii_digit())
                .map(|(i, _)| (i, i + 1))
                .collect();
            if spots.is_empty() {
                return text.to_string();
            }
            let (a, b) = spots[nth % spots.len()];
            format!("{}{}{}", &text[..a], value, &text[b..])
        }
        Mutation::ReplaceString { nth, value } => {
            let quotes: Vec<usize> = text.match_indices('"').map(|(i, _)| i).collect();
            if quotes.len() < 2 {
                return text.to_string();
            }
            let pair = (nth % (quotes.len() / 2)) * 2;
            let (a, b) = (quotes[pair] + 1, quotes[pair + 1]);
            format!("{}{}{}", &text[..a], value, &text[b..])
        }
        Mutation::RepeatLine { nth, times } => {
            let lines: Vec<&str> = text.split_inclusive('\n').collect();
            let n = nth % lines.len().max(1);
            let mut out = String::with_capacity(text.len() + lines[n].len() * times);
            for (i, line) in lines.iter().enumerate() {
                out.push_str(line);
                if i == n {
                    out.push_str(&line.repeat(*times));
                }
            }
            out
        }
        Mutation::LongWord { at, len } => {
            let a = char_boundary(text, *at);
            format!("{}{}{}", &text[..a], "w".repeat(*len), &text[a..])
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn parser_survives_random_text(text in "\\PC{0,400}") {
        let parsed = parse(&text);
        prop_assert!(parsed.scenario.is_none() || !parsed.has_errors());
    }

    #[test]
    fn parser_survives_random_ron_shaped_text(text in "[(){}\\[\\],:\"a-zA-Z0-9_ \n/*#!-]{0,300}") {
        let _ = parse(&text);
        let _ = rapport_core::scenario::spans::parse(&text);
    }

    #[test]
    fn checker_survives_mutated_scenarios(mutations in prop::collection::vec(mutation(), 1..4)) {
        let mut text = STARTER.to_string();
        for m in &mutations {
            text = apply(&text, m);
        }
        let report = check_source(&text, small_check());
        for d in report.diagnostics() {
            prop_assert!(d.line >= 1 && d.column >= 1);
            prop_assert!(d.span.end <= text.len());
            prop_assert!(!d.help.is_empty(), "every diagnostic carries a hint: {:?}", d);
        }
        let rendered = rapport_core::scenario::diagnostic::render("mutated.ron", &text, report.diagnostics());
        prop_assert_eq!(rendered.is_empty(), report.diagnostics().is_empty());
        // However many problems and however long a word or line: a bounded report.
        let drawn = rendered.lines().filter(|l| l.trim_start_matches('─') == "╯").count();
        prop_assert!(drawn <= SHOWN_PER_FILE, "{} reports drawn", drawn);
        let widest = rendered.lines().map(|l| l.chars().count()).max().unwrap_or(0);
        prop_assert!(widest <= 1_000, "a rendered line of {} characters", widest);
    }

    #[test]
    fn engine_survives_random_moves_and_keeps_its_state_in_range(seed in any::<u64>(), moves in prop::collection::vec(0usize..64, 0..120)) {
        let scenario = parse(STARTER).scenario.expect("starter parses");
        let mut c = Conversation::start(scenario.clone(), seed);
        for m in moves {
            let ended = c.is_over();
            let time_left = c.state().patience;
            let result = c.choose(m % (scenario.moves.len() + 2));
            if ended { prop_assert!(result.is_err()); }
            let s = c.state();
            // Time left never rises, before or after the sale.
            prop_assert!(s.patience <= time_left, "time left rose from {} to {}", time_left, s.patience);
            prop_assert!((0..=100).contains(&s.trust));
            prop_assert!((0..=100).contains(&s.patience));
            prop_assert!(s.depth.iter().take(MAX_NEEDS).all(|&d| d <= 3));
        }
        let score = rapport_core::scoring::score(&scenario, c.state());
        prop_assert!((0.0..=100.0).contains(&score.total));
        for d in &score.dimensions {
            prop_assert!((0.0..=100.0).contains(&d.value), "{} = {}", d.name, d.value);
        }
    }

    #[test]
    fn inserting_a_manipulative_move_never_raises_a_score(seed in 0u64..50, picks in prop::collection::vec(any::<prop::sample::Index>(), 1..45), at in any::<prop::sample::Index>(), trick in any::<prop::sample::Index>()) {
        let scenario = parse(STARTER).scenario.expect("starter parses");
        let honest: Vec<usize> = (0..scenario.moves.len()).filter(|&m| !scenario.moves[m].kind.is_manipulative()).collect();
        let tricks: Vec<usize> = (0..scenario.moves.len()).filter(|&m| scenario.moves[m].kind.is_manipulative()).collect();
        let start = initial_state(&scenario, seed);
        // Any honest moves, offered or not: the engine's rules must keep the promise for
        // every move, not only for the menu. A play stops where its call ends.
        let play = until_end(&scenario, start, &picks.iter().map(|i| honest[i.index(honest.len())]).collect::<Vec<_>>());
        let before = total(&scenario, &replay(&scenario, start, &play));
        let mut altered = play.clone();
        altered.insert(at.index(play.len() + 1), tricks[trick.index(tricks.len())]);
        let after = total(&scenario, &replay(&scenario, start, &altered));
        prop_assert!(after <= before, "{} -> {} by inserting into {:?}", before, after, play);
    }
}
