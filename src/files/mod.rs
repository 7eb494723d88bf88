//! One home for files: where scenarios are found (shipped in the binary, a `--scenarios`
//! folder, and which wins), and where the trainee's settings are kept. The command line and
//! the game both read files through here; nothing else in the binary opens one (the game's
//! asset loader watches the same folders through Bevy).

pub mod scenarios;
pub mod settings;
