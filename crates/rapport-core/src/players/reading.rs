//! The players who read the customer: the collaborative seller, Rackham's skilled and
//! average negotiators built on it, and the questioner who never proposes.

use super::{Player, about_raised, answer_for, find_move, fresh_move, needs_in_order_raised};
use crate::engine::offer::concern_hinted;
use crate::engine::{ConcernState, Depth, State, is_offered, offered};
use crate::scenario::{MoveKind, Scenario, SocialStyle};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Follows the collaborative sale by reading the customer: it acts only on what a trainee
/// could know (what the customer said, the trust meter, the briefing and the product sheet,
/// the moves on offer), never on the hidden situation. Contact; open probes; SPIN questions
/// for each need the customer brings up; summaries as news comes in; honesty about what the
/// product cannot do; concerns explored once hinted; a proposal once the customer asks for
/// advice; agreement checked; then an order, or a next step when the customer says they
/// cannot decide alone.
pub struct Collaborative;

impl Player for Collaborative {
    fn name(&self) -> &'static str {
        "collaborative"
    }

    fn choose(&mut self, scn: &Scenario, s: &State) -> Option<usize> {
        let style = scn.file.customer.style;
        let find = |kind, need, concern| find_move(scn, s, kind, need, concern);
        if s.phase == crate::engine::Phase::Assure {
            for (c, concern) in scn.file.concerns.iter().enumerate() {
                if concern.after_sale
                    && s.concerns[c] != ConcernState::Resolved
                    && let Some(m) = work_through(scn, s, c)
                {
                    return Some(m);
                }
            }
            return find(MoveKind::FollowUp, None, None);
        }
        // She said why she is wary: hear it before asking her anything.
        if s.guard_up
            && let Some(m) = find(MoveKind::Listen, None, None)
        {
            return Some(m);
        }
        if !s.purpose_stated {
            if s.rapport_moves == 0
                && matches!(style, SocialStyle::Socializer | SocialStyle::Relater)
                && let Some(m) = find(MoveKind::Rapport, None, None)
            {
                return Some(m);
            }
            if let Some(m) = find(MoveKind::StatePurpose, None, None) {
                return Some(m);
            }
        }
        // Summarise once several things are new; acknowledge news when trust is thin.
        if s.info >= s.info_at_check + 5
            && let Some(m) =
                find(MoveKind::Summarize, None, None).filter(|&m| scn.moves[m].needs == 0)
        {
            return Some(m);
        }
        // Test understanding once the customer has said what a problem costs them.
        if s.info >= s.info_at_check + 2
            && (0..scn.file.needs.len()).any(|n| s.depth_of(n) == Depth::Explored)
            && let Some(m) = find(MoveKind::CheckUnderstanding, None, None)
        {
            return Some(m);
        }
        // Deepen every need the customer has brought up.
        for n in needs_in_order_raised(s) {
            let depth = s.depth_of(n);
            if depth == Depth::Unknown || depth == Depth::Explicit || s.held_back & (1 << n) != 0 {
                continue;
            }
            let kind = if depth == Depth::Surfaced {
                MoveKind::Implication
            } else {
                MoveKind::NeedPayoff
            };
            if let Some(m) = find(kind, Some(n), None) {
                return Some(m);
            }
        }
        // Probe the areas this customer may have a problem in, once each, in the menu's
        // order (how much each matters is unknown until the customer speaks); a probe the
        // customer deflected is asked again once they trust you more.
        for n in 0..scn.file.needs.len() {
            if s.depth_of(n) == Depth::Unknown
                && s.ruled_out & (1 << n) == 0
                && s.held_back & (1 << n) == 0
                && let Some(m) = fresh_move(scn, s, MoveKind::Problem, Some(n))
                    .or_else(|| find(MoveKind::Problem, Some(n), None))
            {
                return Some(m);
            }
        }
        // Be honest about what the product cannot do, for needs the customer raised.
        for n in 0..scn.file.needs.len() {
            if s.depth_of(n) >= Depth::Surfaced
                && scn.need(n).fit != crate::scenario::Fit::Full
                && s.disclosed & (1 << n) == 0
                && s.ruled_out & (1 << n) == 0
                && let Some(m) = find(MoveKind::DiscloseLimitation, Some(n), None)
            {
                return Some(m);
            }
        }
        // A need held back waits for trust: acknowledge what was said.
        if s.info > s.info_at_listen
            && (s.held_back != 0 || s.info >= s.info_at_listen + 2)
            && let Some(m) = find(MoveKind::Listen, None, None)
        {
            return Some(m);
        }
        if s.info >= s.info_at_check + 2
            && let Some(m) =
                find(MoveKind::Summarize, None, None).filter(|&m| scn.moves[m].needs == 0)
        {
            return Some(m);
        }
        // A dealbreaker the product cannot meet: say so honestly.
        let no_fit_known = scn.file.needs.iter().enumerate().any(|(i, n)| {
            n.dealbreaker
                && n.fit == crate::scenario::Fit::None
                && s.depth[i] >= Depth::Explored as u8
        });
        // Before moving on to a recommendation, sum up what was heard.
        let summary_before_moving_on = || {
            (s.summaries == 0)
                .then(|| find(MoveKind::Summarize, None, None))
                .flatten()
                .filter(|&m| scn.moves[m].needs == 0)
        };
        if no_fit_known {
            if let Some(m) = summary_before_moving_on() {
                return Some(m);
            }
            if !s.confirmed
                && let Some(m) = fresh_move(scn, s, MoveKind::CheckUnderstanding, None)
            {
                return Some(m);
            }
            return find(MoveKind::RecommendNoFit, None, None);
        }
        // Concerns the customer has hinted at or voiced: ask about each once hinted, answer
        // the one she voices.
        for (c, concern) in scn.file.concerns.iter().enumerate() {
            if concern.after_sale
                || s.concerns[c] == ConcernState::Resolved
                || !concern_hinted(scn, c, s)
            {
                continue;
            }
            if let Some(m) = work_through(scn, s, c) {
                return Some(m);
            }
        }
        // Once the customer has described the gap, show the options (Cooke).
        if !s.advice_asked
            && !s.educated_well
            && (0..scn.file.needs.len()).any(|n| s.depth_of(n) >= Depth::Explored)
            && let Some(m) = fresh_move(scn, s, MoveKind::Educate, None)
        {
            return Some(m);
        }
        // Propose (co-design where offered) for explicit needs, once asked for advice.
        if s.advice_asked {
            if s.proposed == 0
                && let Some(m) = summary_before_moving_on()
            {
                return Some(m);
            }
            let explicit_unproposed: u16 = (0..scn.file.needs.len())
                .filter(|&n| {
                    s.depth_of(n) == Depth::Explicit
                        && s.proposed & (1 << n) == 0
                        && scn.need(n).fit != crate::scenario::Fit::None
                })
                .fold(0, |acc, n| acc | 1 << n);
            if explicit_unproposed != 0 {
                let best = (0..scn.moves.len())
                    .filter(|&i| is_offered(scn, s, i))
                    .map(|i| (i, &scn.moves[i]))
                    .filter(|(_, m)| matches!(m.kind, MoveKind::CoDesign | MoveKind::Propose))
                    .filter(|(_, m)| {
                        m.needs & explicit_unproposed != 0
                            && (0..16).all(|n| {
                                m.needs & (1 << n) == 0
                                    || s.depth[n] >= Depth::Explored as u8
                                        && scn.need(n).fit != crate::scenario::Fit::None
                            })
                    })
                    .max_by_key(|(_, m)| {
                        (
                            (m.needs & explicit_unproposed).count_ones(),
                            m.kind == MoveKind::CoDesign,
                        )
                    });
                if let Some((m, _)) = best {
                    return Some(m);
                }
            }
        }
        if s.proposed != 0 && !s.confirmed {
            return find(MoveKind::CheckUnderstanding, None, None)
                .or_else(|| find(MoveKind::Summarize, None, None));
        }
        // Ask once, unless the customer said at the start that someone else signs; if the
        // answer is that it is not theirs alone to decide, agree a next step.
        if s.confirmed
            && !s.said_someone_else_signs()
            && let Some(m) = fresh_move(scn, s, MoveKind::AskCommitment, None)
        {
            return Some(m);
        }
        find(MoveKind::AgreeNextSteps, None, None)
    }
}

/// The next move on a concern: ask about it once (again after a trick hardened it), and
/// once she has voiced it, answer it with what settles it (in a version 2 scenario, where a
/// concern has no answers, ask a second time).
fn work_through(scn: &Scenario, s: &State, c: usize) -> Option<usize> {
    let ask = find_move(scn, s, MoveKind::ExploreConcern, None, Some(c));
    match s.concerns[c] {
        ConcernState::Raised if scn.answered_concerns & (1 << c) != 0 => answer_for(scn, s, c),
        ConcernState::Latent => ask.filter(|&m| !s.was_used(m)),
        ConcernState::Resolved => None,
        _ => ask,
    }
}

/// A reading seller with the habits of one of Rackham's negotiator groups (49 negotiators,
/// 102 negotiations): skilled ones test understanding and summarise about twice as often as
/// average ones and use few irritators (2.3 an hour against 10.8); average ones also
/// counter-propose before the other side has finished. Built on the collaborative player,
/// with those habits drawn at the stated rates from a seeded generator.
pub struct Negotiator {
    rng: ChaCha8Rng,
    /// Chance that a summary or a test of understanding the collaborative player would make
    /// before any proposal is left out.
    skip_summary: f64,
    /// Chance per move of an irritator, when one is on offer.
    irritate: f64,
    /// Chance that a less important need is left at "surfaced".
    skip_depth: f64,
    /// Chance per move of proposing before the customer asked for advice.
    counter_propose: f64,
    name: &'static str,
}

impl Negotiator {
    pub fn skilled(seed: u64) -> Self {
        Negotiator {
            rng: ChaCha8Rng::seed_from_u64(seed ^ 0x5c1d),
            skip_summary: 0.0,
            irritate: 0.01,
            skip_depth: 0.05,
            counter_propose: 0.0,
            name: "skilled",
        }
    }

    pub fn average(seed: u64) -> Self {
        Negotiator {
            rng: ChaCha8Rng::seed_from_u64(seed ^ 0xa7e),
            skip_summary: 0.6,
            irritate: 0.1,
            skip_depth: 0.6,
            counter_propose: 0.12,
            name: "average",
        }
    }
}

impl Player for Negotiator {
    fn name(&self) -> &'static str {
        self.name
    }

    fn choose(&mut self, scn: &Scenario, s: &State) -> Option<usize> {
        let menu = offered(scn, s);
        let pick_kind = |kinds: &[MoveKind]| {
            menu.iter()
                .copied()
                .find(|&m| kinds.contains(&scn.moves[m].kind) && !s.was_used(m))
        };
        if s.phase != crate::engine::Phase::Assure {
            // Irritators, or where the scenario has none, arguing with a voiced objection
            // (Rackham's defend/attack spirals).
            if self.rng.random_bool(self.irritate)
                && let Some(m) = pick_kind(&[MoveKind::Irritator]).or_else(|| {
                    menu.iter().copied().find(|&m| {
                        scn.moves[m].kind == MoveKind::RebutObjection
                            && scn.moves[m]
                                .concern
                                .is_some_and(|c| s.concerns[c] != ConcernState::Latent)
                    })
                })
            {
                return Some(m);
            }
            if !s.advice_asked
                && self.rng.random_bool(self.counter_propose)
                && let Some(m) = menu.iter().copied().find(|&m| {
                    matches!(scn.moves[m].kind, MoveKind::Propose | MoveKind::CoDesign)
                        && !s.was_used(m)
                        && about_raised(s, &scn.moves[m])
                })
            {
                return Some(m);
            }
        }
        let m = Collaborative.choose(scn, s)?;
        let mv = &scn.moves[m];
        let checking = matches!(mv.kind, MoveKind::Summarize | MoveKind::CheckUnderstanding);
        if checking && s.proposed == 0 && self.rng.random_bool(self.skip_summary) {
            return pick_kind(&[MoveKind::Problem]).or(Some(m));
        }
        let minor = mv.first_need().is_some_and(|n| scn.need(n).importance <= 3);
        if matches!(mv.kind, MoveKind::Implication | MoveKind::NeedPayoff)
            && minor
            && self.rng.random_bool(self.skip_depth)
        {
            return pick_kind(&[MoveKind::Problem, MoveKind::Situation]).or(Some(m));
        }
        Some(m)
    }
}

/// Asks good questions, listens and summarises like the collaborative player, but never
/// proposes anything or asks for a decision: it ends by offering to send information. Good
/// discovery alone should land in the middle of the scale, not near the top.
pub struct Questioner;

impl Player for Questioner {
    fn name(&self) -> &'static str {
        "questioner"
    }

    fn choose(&mut self, scn: &Scenario, s: &State) -> Option<usize> {
        let m = Collaborative.choose(scn, s)?;
        let deciding = matches!(
            scn.moves[m].kind,
            MoveKind::Propose
                | MoveKind::CoDesign
                | MoveKind::AskCommitment
                | MoveKind::RecommendNoFit
        );
        if deciding {
            find_move(scn, s, MoveKind::AgreeNextSteps, None, None)
        } else {
            Some(m)
        }
    }
}
