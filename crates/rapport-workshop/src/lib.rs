//! Rapport's workshop kit: what outlives a call (results, the call in progress, resuming it),
//! workshop codes that give a room one customer, and the facilitator's class report.
//!
//! No Bevy and no I/O: records go in and out as values and bytes; the game and the command
//! line read and write the files (`src/files/results.rs`).

pub mod code;
mod damage;
pub mod identity;
pub mod record;
pub mod replay;
pub mod report;
pub mod resume;

pub use code::{CodeError, WorkshopCode};
pub use record::{CallResult, PlayedMove, RESULT_FORMAT, ResultError, SavedCall, Status};
pub use report::{ClassReport, ReportOptions};
pub use resume::{ResumeError, resume};
