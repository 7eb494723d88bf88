//! One home for files: where scenarios are found (shipped in the binary, a `--scenarios`
//! folder, and which wins), where the trainee's settings are kept, and [`read_bounded`], the
//! one way a file is read. The command line and the game both read files through here;
//! nothing else in the binary opens one (the game's asset loader watches the same folders
//! through Bevy and decodes what it reads with the same core function).

pub mod scenarios;
pub mod settings;

use std::io::Read;
use std::path::Path;

/// Reads a file the one safe way: only a regular file (a link to one is fine), at most `limit`
/// bytes, so a pipe, a device or a huge file can neither hang nor exhaust memory. The error
/// says which it was.
pub fn read_bounded(path: &Path, limit: usize) -> std::io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        let what = if meta.is_dir() {
            "a folder"
        } else {
            "not a regular file (a pipe, socket or device)"
        };
        return Err(std::io::Error::other(format!(
            "{what}; only files are read"
        )));
    }
    if meta.len() > limit as u64 {
        return Err(std::io::Error::other(format!(
            "too large ({} bytes; the limit is {} bytes)",
            meta.len(),
            limit
        )));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() > limit {
        return Err(std::io::Error::other(format!(
            "too large (more than {limit} bytes)"
        )));
    }
    Ok(bytes)
}
