//! How a social style shades the customer's reactions (Alessandra's Platinum Rule styles).

use super::kinds::MoveKind;
use super::model::SocialStyle;

/// What builds or spends trust and patience for one style. Gains are in quarter points.
pub struct StyleTraits {
    /// Rapport moves that still build trust.
    pub rapport_welcome: u8,
    pub rapport_trust: i16,
    /// Situation questions before they grate.
    pub situation_ok: u8,
    /// Multiplier (in quarters) for trust lost to pressure.
    pub pressure_quarters: i16,
    /// Trust per piece of news acknowledged by listening, in quarter points.
    pub listen_q: i32,
    /// Trust per piece of news covered by a summary, in quarter points.
    pub summary_q: i32,
    /// Trust for the agreement confirmed.
    pub agreement_trust: i16,
    pub likes_education: bool,
}

pub fn traits(style: SocialStyle) -> StyleTraits {
    match style {
        SocialStyle::Director => StyleTraits {
            rapport_welcome: 0,
            rapport_trust: 0,
            situation_ok: 2,
            pressure_quarters: 4,
            listen_q: 1,
            summary_q: 3,
            agreement_trust: 3,
            likes_education: false,
        },
        SocialStyle::Socializer => StyleTraits {
            rapport_welcome: 3,
            rapport_trust: 4,
            situation_ok: 3,
            pressure_quarters: 4,
            listen_q: 3,
            summary_q: 2,
            agreement_trust: 2,
            likes_education: false,
        },
        SocialStyle::Relater => StyleTraits {
            rapport_welcome: 2,
            rapport_trust: 3,
            situation_ok: 4,
            pressure_quarters: 6,
            listen_q: 4,
            summary_q: 3,
            agreement_trust: 3,
            likes_education: false,
        },
        SocialStyle::Thinker => StyleTraits {
            rapport_welcome: 1,
            rapport_trust: 1,
            situation_ok: 5,
            pressure_quarters: 5,
            listen_q: 2,
            summary_q: 4,
            agreement_trust: 4,
            likes_education: true,
        },
    }
}

/// Trust a manipulative move costs before the style multiplier; the most manipulative cost most.
pub fn pressure_cost(kind: MoveKind) -> i16 {
    match kind {
        MoveKind::UrgencyClose | MoveKind::ScarcityClose => 10,
        MoveKind::BenFranklinClose | MoveKind::YesSetClose | MoveKind::SummaryPileOn => 9,
        MoveKind::AssumptiveClose
        | MoveKind::AlternativeChoiceClose
        | MoveKind::MinorPointClose
        | MoveKind::ConcessionClose => 8,
        MoveKind::PuppyDogClose => 7,
        MoveKind::RebutObjection => 6,
        MoveKind::Irritator => 5,
        MoveKind::FeatureDump => 4,
        _ => 0,
    }
}
