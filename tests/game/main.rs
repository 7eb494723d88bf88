//! Headless app tests: the real game plugins without a window or renderer, driven by the
//! game's own messages and by key presses sent as winit would send them. One test binary,
//! one module per behaviour; the shared set-up is in `support.rs`.

mod call;
mod call_owner;
mod debrief;
mod keys;
mod library;
mod lrs;
mod results;
mod settings;
mod support;
mod traps;
