//! The facilitator's class report: a room's results gathered per trainee and per scenario, the
//! class's habits beside Rackham's negotiators, and discussion prompts built from what the
//! class actually did. No I/O: results go in as values, the views come out as text and bytes.
//!
//! What counts where:
//! - A trainee is a name within a workshop (the same name in two workshops is two trainees).
//!   Their attempts are ordered by `started_at`; the first is the earliest, the best the one
//!   with the highest total (the earlier one on a tie).
//! - The scores, outcome and right ending of a trainee's row are those of the best attempt;
//!   tricks (manipulative moves) and premature proposals are added up over all their calls.
//! - Needs missed are counted over finished calls (an abandoned call had no chance to find
//!   them) in which the need was in play (a seed decides which needs a customer has).
//! - Moves chosen are counted over every call, finished or abandoned.
//! - The share who reached the right ending counts trainees who reached it in any attempt.

mod csv;
mod gather;
mod html;
pub mod intake;
mod model;
mod names;
mod prompts;
mod stats;
mod text;
pub mod time;
pub mod xapi;

pub use self::csv::csv;
pub use html::html;
pub use model::{
    AttemptSummary, ClassReport, DIMENSIONS, MissedNeed, MixShare, MoveCount, MoveMix,
    ReportOptions, ScenarioSummary, Trainee,
};
pub use names::{for_terminal, shortened_to_width};
pub use stats::missed_needs;
pub use text::text;
pub use xapi::{XapiOptions, xapi};
