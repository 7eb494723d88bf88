//! How the menu is arranged for reading: the moves on offer in sections that follow a call,
//! with one section per topic of the scenario, so a trainee finds a move by what it is about.
//! The arrangement depends only on the moves themselves (their kind and the needs they name),
//! never on what the customer said or what is real today: every topic of the pool has its
//! section from the first turn, in the file's order, and nothing moves during a call.

use super::offer::offered;
use super::state::State;
use crate::scenario::{MoveKind, Scenario};
use serde::Serialize;

/// A section of the menu, in the order sections are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum MenuSection {
    /// Greeting, the purpose of the call, questions about her situation in general.
    Opening,
    /// Everything said about one need of the scenario: its questions, what to propose for it,
    /// a limitation touching it.
    Topic(usize),
    /// Listening, summarising and checking understanding.
    Listening,
    /// Her worries: asking about them and answering them.
    Worries,
    /// Teaching, shaping a solution together, offers about several things at once.
    WayForward,
    /// Asking for a decision, agreeing a next step, saying it does not fit.
    Decision,
    /// After the sale: how it is going.
    AfterSale,
}

impl MenuSection {
    /// The section's heading as shown to the trainee.
    pub fn title(self, scenario: &Scenario) -> String {
        match self {
            MenuSection::Opening => "Opening the call".into(),
            MenuSection::Topic(n) => scenario.need_topic(n),
            MenuSection::Listening => "Listening and checking".into(),
            MenuSection::Worries => "Her worries".into(),
            MenuSection::WayForward => "A way forward".into(),
            MenuSection::Decision => "Deciding".into(),
            MenuSection::AfterSale => "After the sale".into(),
        }
    }
}

/// The section a move is listed under: a move about exactly one need goes under that need's
/// topic, unless its kind belongs to listening, the worries, the decision or the after-sale
/// call.
pub fn section_of(scenario: &Scenario, index: usize) -> MenuSection {
    let m = &scenario.moves[index];
    let by_kind = match m.kind {
        MoveKind::Rapport | MoveKind::StatePurpose | MoveKind::Situation => MenuSection::Opening,
        MoveKind::Problem | MoveKind::Implication | MoveKind::NeedPayoff => MenuSection::Opening,
        MoveKind::Listen | MoveKind::Summarize | MoveKind::CheckUnderstanding => {
            return MenuSection::Listening;
        }
        MoveKind::ExploreConcern | MoveKind::AnswerConcern | MoveKind::RebutObjection => {
            return MenuSection::Worries;
        }
        MoveKind::Educate
        | MoveKind::Propose
        | MoveKind::CoDesign
        | MoveKind::DiscloseLimitation
        | MoveKind::FeatureDump
        | MoveKind::Irritator => MenuSection::WayForward,
        MoveKind::FollowUp => return MenuSection::AfterSale,
        MoveKind::AskCommitment | MoveKind::AgreeNextSteps | MoveKind::RecommendNoFit => {
            return MenuSection::Decision;
        }
        kind if kind.is_close() || kind.is_manipulative() => return MenuSection::Decision,
        _ => MenuSection::WayForward,
    };
    if m.needs.count_ones() == 1 && m.kind != MoveKind::CoDesign {
        MenuSection::Topic(m.needs.trailing_zeros() as usize)
    } else {
        by_kind
    }
}

/// The moves on offer, arranged in sections (sections in their order, moves in the file's
/// order within each); numbering the moves in this order gives the numbers a trainee types.
pub fn menu(scenario: &Scenario, s: &State) -> Vec<(MenuSection, Vec<usize>)> {
    let mut sections: Vec<(MenuSection, Vec<usize>)> = Vec::new();
    let mut moves: Vec<(MenuSection, usize)> = offered(scenario, s)
        .into_iter()
        .map(|m| (section_of(scenario, m), m))
        .collect();
    // Stable: within a section the file's order stays.
    moves.sort_by_key(|&(section, _)| section);
    for (section, m) in moves {
        match sections.last_mut() {
            Some((last, list)) if *last == section => list.push(m),
            _ => sections.push((section, vec![m])),
        }
    }
    sections
}

/// The moves on offer in the menu's order, flattened: position + 1 is a move's number.
pub fn menu_order(scenario: &Scenario, s: &State) -> Vec<usize> {
    menu(scenario, s)
        .into_iter()
        .flat_map(|(_, moves)| moves)
        .collect()
}
