//! The facilitator's class report: a room's results gathered per trainee and per scenario, the
//! class's habits beside Rackham's negotiators, and discussion prompts built from what the
//! class actually did. No I/O: results go in as values, the views come out as text and bytes.
//!
//! What counts where:
//! - A trainee is a name within a workshop: names are matched free of case, spaces and
//!   Unicode form, codes in their canonical spelling. One name found in several folders is
//!   warned about, or with `split_by_folder` counted once per folder.
//! - Everything about attempts is per trainee *and scenario*: a trainee's calls at one
//!   scenario are ordered by `started_at` and numbered from 1; the first is the earliest
//!   finished call (an abandoned call is never a first), the best the finished call with the
//!   highest total (the earlier one on a tie). Ranks, tables and histograms are per scenario.
//! - The scores, outcome and right ending of a row are those of the best call; tricks
//!   (manipulative moves) and premature proposals are added up over the row's calls.
//! - Needs missed are counted over finished calls (an abandoned call had no chance to find
//!   them) in which the need was in play (a seed decides which needs a customer has).
//! - Moves chosen are counted over every call, finished or abandoned.
//! - The share who reached the right ending counts trainees who reached it in any attempt.
//! - "Trainee N" follows no name: the order of a keyed pseudonym, else of first calls.

mod csv;
mod gather;
mod html;
pub mod intake;
mod model;
mod names;
mod projector;
mod prompts;
mod stats;
mod text;
pub mod time;
pub mod xapi;

pub use self::csv::{CsvOptions, csv, csv_with};
pub use html::html;
pub use model::{
    AttemptSummary, ClassReport, DIMENSIONS, MissedNeed, MixShare, MoveCount, MoveMix,
    ReportOptions, ScenarioSummary, Trainee, TraineeScenario,
};
pub use names::{for_terminal, shortened_to_width};
pub use projector::projector;
pub use stats::missed_needs;
pub use text::text;
pub use xapi::{XapiOptions, xapi};
