//! The call screen's parts as components: what the view has drawn so far (so each update adds
//! only what is new, and the moves as listed) and the markers by which the update systems find
//! the meters, the dialogue log, the lists, the columns and the lines the layout hides.

use bevy::prelude::*;
use rapport_core::engine::MenuSection;

/// What the view has drawn so far, to add only what is new.
#[derive(Component, Debug, Default)]
pub struct ConversationView {
    pub(super) log_shown: usize,
    pub(super) ended_shown: bool,
    pub(super) drawn_once: bool,
    /// The menu as drawn: each move's scenario index and whether it is marked new or said.
    pub(super) moves_shown: Vec<MenuRow>,
    /// The turns played when the moves were last drawn, to tell a pick from a redraw.
    pub(super) turns_seen: usize,
}

#[derive(Component)]
pub struct TrustMeter;
#[derive(Component)]
pub struct TimeMeter;
#[derive(Component)]
pub(super) struct TrustFill;
#[derive(Component)]
pub(super) struct TimeFill;
#[derive(Component)]
pub(super) struct TrustText;
#[derive(Component)]
pub(super) struct TimeText;
#[derive(Component)]
pub(super) struct MoodText;
/// The dialogue log (scrolls to the newest line).
#[derive(Component)]
pub struct DialogueLog;
#[derive(Component)]
pub(super) struct LearnedList;
#[derive(Component)]
pub(super) struct CoachLine;
#[derive(Component)]
pub(super) struct MovesPanel;
/// The scrolling list of move buttons inside the moves panel.
#[derive(Component)]
pub struct MovesList;
/// The customer card and "What I have learned", which a narrow layout folds into the notes
/// overlay (N).
#[derive(Component)]
pub(super) struct LeftColumn;
/// The top bar's "Notes (N)" button, shown when the left column is folded.
#[derive(Component)]
pub(super) struct NotesButton;
/// A line the compact layout hides: the seed, the moves' key hint.
#[derive(Component)]
pub(super) struct SeedLine;
/// A quiet sign that the scenario file on disk is broken (the call plays its last good
/// version), for a trainer saving while a call is open.
#[derive(Component)]
pub(super) struct FileSign;

/// A move as listed: its scenario index, the section it is listed under, whether it opened
/// with the last move, and whether it was said before in this call (the core's record of the
/// moves used).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct MenuRow {
    pub index: usize,
    pub section: MenuSection,
    pub new: bool,
    pub said: bool,
}
