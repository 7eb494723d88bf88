//! One home for files: where scenarios are found (shipped in the binary, a `--scenarios`
//! folder, and which wins), where the trainee's settings and results are kept, [`read_bounded`],
//! the one way a file is read, and [`write_atomic`], the one way one is written ([`write_output`]
//! for a path the user names as an output). The command line and the game both read files through here;
//! nothing else in the binary opens one (the game's asset loader watches the same folders
//! through Bevy and decodes what it reads with the same core function).

pub mod report_key;
pub mod results;
pub mod scenarios;
pub mod settings;

use std::io::{Read, Write};
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

/// Writes a file so that a crash or power loss at any moment leaves either the old file or
/// the new one whole: a temporary file in the same folder, flushed and synced, renamed over
/// the target, then the folder synced. A link at `path` is replaced, never written through.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".rapport-").suffix(".tmp");
    // Readable like any file the user saves (a facilitator collects results), not 0600.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let mut temporary = builder.tempfile_in(dir)?;
    temporary.write_all(bytes)?;
    temporary.as_file().sync_all()?;
    temporary.persist(path).map_err(|e| e.error)?;
    sync_folder(dir);
    Ok(())
}

/// Writes a file the user named as an output (`report --html/--csv/--xapi`): only over a
/// regular file or at a new path. A device, a named pipe, a socket, a folder or a link there
/// is refused by name and left as it is: [`write_atomic`] renames over its target, which
/// would replace `/dev/full` or a FIFO with a regular file.
pub fn write_output(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Ok(meta) = std::fs::symlink_metadata(path)
        && let Some(what) = not_a_regular_file(&meta.file_type())
    {
        return Err(std::io::Error::other(format!(
            "it is {what}; outputs are written only to a regular file or a new path"
        )));
    }
    write_atomic(path, bytes)
}

/// What a file system entry is when it is not a regular file, in words.
fn not_a_regular_file(kind: &std::fs::FileType) -> Option<&'static str> {
    if kind.is_file() {
        return None;
    }
    if kind.is_symlink() {
        return Some("a link");
    }
    if kind.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some("a device");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

/// A path as a message shows it: control characters and direction overrides written as
/// escapes, bytes that are not UTF-8 as `\xNN`, at most 200 characters.
pub fn shown(path: &Path) -> String {
    rapport_core::visible::echoed_bytes(path.as_os_str().as_encoded_bytes(), 200)
}

/// Makes a rename durable. Folders cannot be opened for syncing on every platform (Windows);
/// there the rename is as durable as the platform makes it.
fn sync_folder(dir: &Path) {
    #[cfg(unix)]
    if let Ok(folder) = std::fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
