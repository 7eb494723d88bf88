//! The asset loader over the core's parser: it never fails on a broken file, so the menu can
//! show what is wrong.

use bevy::asset::io::Reader;
use bevy::asset::{AssetLoader, LoadContext};
use bevy::prelude::*;
use rapport_core::scenario::{Parsed, parse};

/// One scenario file as loaded: its text and what the core's parser found.
#[derive(Asset, TypePath, Debug)]
pub struct ScenarioAsset {
    pub text: String,
    pub parsed: Parsed,
}

/// Reads a `.ron` file and parses it with `rapport_core::scenario::parse`.
#[derive(Default, TypePath)]
pub struct ScenarioLoader;

impl AssetLoader for ScenarioLoader {
    type Asset = ScenarioAsset;
    type Settings = ();
    type Error = std::io::Error;

    async fn load(
        &self,
        reader: &mut dyn Reader,
        _settings: &(),
        _context: &mut LoadContext<'_>,
    ) -> Result<ScenarioAsset, std::io::Error> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).await?;
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let parsed = parse(&text);
        Ok(ScenarioAsset { text, parsed })
    }

    fn extensions(&self) -> &[&str] {
        &["ron"]
    }
}
