//! The asset loader over the core's parser: it never fails on a broken file, so the menu can
//! show what is wrong.

use bevy::asset::io::Reader;
use bevy::asset::{AssetLoader, LoadContext};
use bevy::prelude::*;
use bevy::tasks::futures_lite::AsyncReadExt;
use rapport_core::scenario::decode::MAX_SCENARIO_BYTES;
use rapport_core::scenario::{Parsed, parse_bytes};

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
        // At most one byte over the limit, so the core's decoding reports the size.
        let mut bytes = Vec::new();
        let mut chunk = vec![0u8; 64 * 1024];
        loop {
            let n = reader.read(&mut chunk).await?;
            if n == 0 {
                break;
            }
            bytes.extend_from_slice(&chunk[..n]);
            if bytes.len() > MAX_SCENARIO_BYTES {
                bytes.truncate(MAX_SCENARIO_BYTES + 1);
                break;
            }
        }
        // The same decoding as `rapport check`, so the game and the check always agree.
        let (text, parsed) = parse_bytes(&bytes);
        Ok(ScenarioAsset { text, parsed })
    }

    fn extensions(&self) -> &[&str] {
        &["ron"]
    }
}
