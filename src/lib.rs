//! Rapport as a library: the command line (`cli`), the Bevy game (`game`) and the one home
//! for files both use (`files`), so the integration tests in `tests/` can drive them.
//! `main.rs` only parses and dispatches. The command line starts the game; the game never
//! reaches into the command line.

pub mod cli;
pub mod files;
pub mod game;
