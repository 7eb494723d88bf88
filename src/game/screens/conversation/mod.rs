//! The call: a customer card whose mood follows trust, the dialogue log, the moves as plain
//! text (never their kind), trust and time meters, and "What I have learned". Coach mode adds
//! the core's one-line principle after each move.
//!
//! Everything shown is read from the session's `Conversation`; a chosen move is only sent as
//! a `ChooseMove` message. This file wires the screen's systems: `layout.rs` spawns the
//! screen and fits it to the window, `refresh.rs` keeps it up to date (`moves.rs` the moves
//! panel), and `view.rs` holds the components they share.

use super::Screen;
use crate::game::session::CallMoves;
use bevy::prelude::*;

mod keys;
mod layout;
mod learned;
mod moves;
mod notes;
mod refresh;
mod view;

pub use keys::{PendingLine, PendingNumber, pending_text};
pub use layout::{is_compact, is_narrow};
pub use moves::{MenuHeading, MoveButton};
pub use view::{ConversationView, DialogueLog, MovesList, TimeMeter, TrustMeter};

pub(super) fn plugin(app: &mut App) {
    app.add_plugins((keys::plugin, notes::plugin));
    app.add_systems(OnEnter(Screen::Conversation), layout::spawn);
    app.add_systems(
        Update,
        (
            (refresh::refresh, moves::refresh_moves).after(CallMoves),
            layout::fit_to_window,
            refresh::file_sign,
        )
            .run_if(in_state(Screen::Conversation)),
    );
}
