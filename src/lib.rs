//! Rapport as a library: the command line (`cli`) and the Bevy game (`game`), so the
//! integration tests in `tests/` can drive both. `main.rs` only parses and dispatches.

pub mod cli;
pub mod game;
