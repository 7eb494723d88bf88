//! What the game teaches agrees with itself, on every shipped scenario: the debrief speaks
//! plainly, the guide's patience formula lets an attentive seller through, the best honest play
//! it shows breaks no principle and states the purpose first, a move it recommends is marked
//! wrong elsewhere only with the reason, and the margin floor `check` prints holds.

use rapport_core::check::{CheckConfig, check_source};
use rapport_core::engine::initial_state;
use rapport_core::players::invariant::covering_seeds;
use rapport_core::players::{by_name, play};
use rapport_core::scenario::{Scenario, SocialStyle};
use rapport_core::scoring::total;
use std::collections::BTreeSet;

mod common;
use common::{parsed, shipped};

/// Engine words and arithmetic slips a trainee should never read in a debrief.
const NOT_FOR_TRAINEES: &[&str] = &[
    "continuation",
    "= -",
    "= −",
    "−0 ",
    "-0 ",
    "-0.0",
    "−0.0",
    "Rule::",
    "Reaction::",
    "presumed",
];

#[test]
fn the_debrief_speaks_plainly_on_every_shipped_scenario() {
    use rapport_core::engine::Conversation;
    use rapport_core::report::{debrief_of, play_out, profile_text, reveal_text, score_text};
    for (name, s) in parsed() {
        for player in ["collaborative", "pitcher", "closer", "random"] {
            for seed in 0..4 {
                let mut c = Conversation::start(s.clone(), seed);
                let mut p = by_name(player, seed).expect("a known player");
                play_out(&mut c, p.as_mut(), 200);
                let d = debrief_of(&c);
                let text = format!(
                    "{}\n{}\n{}",
                    score_text(&d.score),
                    reveal_text(&d),
                    profile_text(&d.profile)
                );
                for word in NOT_FOR_TRAINEES {
                    assert!(
                        !text.contains(word),
                        "{name}, {player}, seed {seed}: the debrief says \"{word}\":\n{text}"
                    );
                }
            }
        }
    }
}

/// Patience as the guide's budgeting formula (section 11, "Budget patience") sizes it, for the
/// play with the most to do: 1 for the purpose (and 1 for rapport with a Socializer or a
/// Relater, 1 to hear out a guarded start), 1 per topic in the pool that is not real today (she
/// says it is no problem), 3 per real need, 2 per worry, 1 per disclosure and 1 per proposal,
/// 3 summaries and checks, 1 to listen, 1 to commit, and the post-sale call; every move spends
/// 2, plus half as much again to spare.
fn patience_by_the_guides_formula(s: &Scenario) -> i32 {
    let f = &s.file;
    let (need_pool, need_pick) = f.variation.active_needs.as_ref().map_or((0, 0), |p| {
        (p.from.iter().collect::<BTreeSet<_>>().len(), p.pick)
    });
    let real_needs = f.needs.len() - need_pool + need_pick;
    let not_real = need_pool - need_pick;
    let before_sale = f.concerns.iter().filter(|c| !c.after_sale).count();
    let after_sale = f.concerns.len() - before_sale;
    let pool: Vec<&String> = f
        .variation
        .active_concerns
        .as_ref()
        .map_or(Vec::new(), |p| p.from.iter().collect());
    let pick = f.variation.active_concerns.as_ref().map_or(0, |p| p.pick);
    let pooled_before_sale = f
        .concerns
        .iter()
        .filter(|c| !c.after_sale && pool.contains(&&c.id))
        .count();
    let worries = before_sale - pooled_before_sale + pick.min(pooled_before_sale);
    let not_full = f
        .needs
        .iter()
        .filter(|n| n.fit != rapport_core::scenario::Fit::Full)
        .count();
    let opening =
        1 + usize::from(matches!(
            f.customer.style,
            SocialStyle::Socializer | SocialStyle::Relater
        )) + usize::from(f.customer.guarded.is_some());
    let moves = opening
        + not_real
        + 3 * real_needs
        + 2 * worries
        + not_full.min(real_needs)
        + real_needs
        + 3
        + 1
        + 1
        + 2 * after_sale
        + usize::from(after_sale > 0);
    (moves as f64 * 2.0 * 1.5).ceil() as i32
}

#[test]
fn a_scenario_sized_by_the_guides_patience_formula_lets_an_attentive_seller_through() {
    let mut sized = 0;
    let mut failures = Vec::new();
    let starter = (
        "starter".to_string(),
        rapport_core::STARTER_SCENARIO.to_string(),
    );
    for (name, text) in shipped().into_iter().chain([starter]) {
        let s = rapport_core::scenario::parse(&text)
            .scenario
            .expect("parses");
        let patience = patience_by_the_guides_formula(&s);
        eprintln!("{name}: patience {patience} by the formula");
        if patience > 100 {
            // The guide says so: more than one call can hold. Such a file is sized at 100.
            continue;
        }
        let from = format!("patience: {},", s.file.customer.patience);
        assert!(text.contains(&from), "{name}: {from}");
        let resized = text.replacen(&from, &format!("patience: {patience},"), 1);
        let report = check_source(&resized, CheckConfig::default());
        let w006: Vec<_> = report
            .diagnostics()
            .iter()
            .filter(|d| d.code == "W006")
            .map(|d| d.message.clone())
            .collect();
        if !w006.is_empty() {
            failures.push(format!("{name} at patience {patience}: {w006:?}"));
        }
        sized += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        sized >= 3,
        "only {sized} scenarios fit the formula under 100"
    );
}

/// The moves that dig into her business: the purpose should come before any of them.
fn digs_in(kind: rapport_core::scenario::MoveKind) -> bool {
    use rapport_core::scenario::MoveKind::*;
    matches!(
        kind,
        Problem | Implication | NeedPayoff | ExploreConcern | Propose | CoDesign | Educate
    )
}

#[test]
fn the_best_honest_play_the_debrief_shows_breaks_no_principle_and_states_the_purpose_first() {
    use rapport_core::engine::{Conversation, initial_state};
    use rapport_core::players::search::{SearchConfig, search};
    use rapport_core::report::debrief_of;
    use rapport_core::scoring::debrief::Verdict;
    let mut failures = Vec::new();
    for (name, s) in parsed() {
        for seed in covering_seeds(&s, 4) {
            let result = search(&s, initial_state(&s, seed), SearchConfig::default());
            let best = result.honest.expect("an honest play");
            let mut c = Conversation::start(s.clone(), seed);
            for &m in &best.moves {
                c.choose(m).expect("the best play's moves are on offer");
            }
            let d = debrief_of(&c);
            for a in &d.timeline {
                if a.verdict == Verdict::Broke {
                    failures.push(format!(
                        "{name} seed {seed}: turn {} \"{}\" broke a principle: {}",
                        a.turn, a.move_id, a.principle
                    ));
                }
            }
            let purpose = d
                .timeline
                .iter()
                .position(|a| a.kind == rapport_core::scenario::MoveKind::StatePurpose);
            let first_dig = d.timeline.iter().position(|a| digs_in(a.kind));
            if purpose.is_none_or(|p| first_dig.is_some_and(|q| q < p) || p > 2) {
                failures.push(format!(
                    "{name} seed {seed}: the purpose comes at turn {purpose:?}, the first question at {first_dig:?}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn no_play_with_a_trick_scores_above_the_ceiling_the_margin_floor_rests_on() {
    use rapport_core::scoring::TRICK_CEILING;
    let mut with_tricks = 0;
    for (name, s) in parsed() {
        for seed in 0..150 {
            for player in ["random", "closer", "pitcher"] {
                let mut p = by_name(player, seed).expect("a known player");
                let (_, end) = play(&s, initial_state(&s, seed), p.as_mut(), 120);
                if end.manipulative > 0 {
                    with_tricks += 1;
                    let t = total(&s, &end);
                    assert!(t <= TRICK_CEILING, "{name} seed {seed} {player}: {t}");
                }
            }
        }
    }
    assert!(with_tricks > 1000, "only {with_tricks} plays used a trick");
}

/// Words that say when a move is wrong: a move the page recommends elsewhere may be marked as
/// breaking a principle only for its timing or its target, and the mark must say which.
const WHEN: &[&str] = &[
    "before",
    "once",
    "after",
    "again",
    "already",
    "yet",
    "twice",
    "had said",
    "had not",
    "nothing new",
    "not mentioned",
    "never raised",
    "does not have",
    "cannot meet",
    "more ",
    "wary",
    "someone else",
    "fully meets",
];

#[test]
fn a_move_the_debrief_recommends_is_marked_wrong_only_with_the_reason_it_was_wrong_then() {
    use rapport_core::engine::{Conversation, initial_state};
    use rapport_core::players::search::{SearchConfig, search};
    use rapport_core::report::{debrief_of, play_out};
    use rapport_core::scoring::debrief::Verdict;
    let mut failures = Vec::new();
    let mut checked = 0;
    for (name, s) in parsed() {
        for seed in covering_seeds(&s, 3) {
            let best = search(&s, initial_state(&s, seed), SearchConfig::default())
                .honest
                .expect("an honest play");
            for player in [
                "collaborative",
                "average",
                "questioner",
                "pitcher",
                "random",
            ] {
                let mut c = Conversation::start(s.clone(), seed);
                let mut p = by_name(player, seed).expect("a known player");
                play_out(&mut c, p.as_mut(), 200);
                for a in debrief_of(&c).timeline {
                    let recommended = best.moves.iter().any(|&m| s.file.moves[m].id == a.move_id);
                    if a.verdict != Verdict::Broke || !recommended {
                        continue;
                    }
                    checked += 1;
                    let text = a.principle.to_lowercase();
                    if !WHEN.iter().any(|w| text.contains(w)) {
                        failures.push(format!(
                            "{name} seed {seed} {player}: \"{}\" is in the best play but marked: {}",
                            a.move_id, a.principle
                        ));
                    }
                }
            }
        }
    }
    failures.sort();
    failures.dedup();
    assert!(checked > 20, "only {checked} marks checked");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
