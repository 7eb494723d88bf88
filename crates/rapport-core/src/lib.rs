//! Rapport's simulation core: scenarios (model, parsing, diagnostics), the conversation
//! engine, scoring and the debrief, automatic players and the best-play search.
//!
//! No Bevy and no I/O: text goes in, values come out. Choices go in, events come out:
//! ```
//! use rapport_core::{check, engine::Conversation};
//! let parsed = rapport_core::scenario::parse(rapport_core::STARTER_SCENARIO);
//! let scenario = parsed.scenario.expect("the starter scenario is valid");
//! let mut call = Conversation::start(scenario, 7);
//! let events = call.choose(0).expect("the call has just started");
//! assert!(!events.is_empty());
//! # let _ = check::check_source;
//! ```

pub mod check;
pub mod engine;
pub mod players;
pub mod report;
pub mod scenario;
pub mod scoring;
pub mod visible;

/// A commented starter scenario that passes `check` (what `rapport new` writes).
pub const STARTER_SCENARIO: &str = include_str!("starter.ron");
