//! The facilitator's secret for anonymous reports: 32 random bytes, made once and kept in
//! `report-key` beside the settings (`~/.config/rapport/report-key` on Linux). It keys the
//! "Trainee N" numbering and the xAPI pseudonyms, so the same trainee keeps the same number and
//! pseudonym from one report to the next, and nobody without the file can work out who is
//! who from a name. Keep it private; deleting it makes new numbers and pseudonyms.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The secret's file name, in the settings folder.
pub const FILE_NAME: &str = "report-key";

/// Where the secret is kept: beside the settings file.
pub fn default_file() -> Option<PathBuf> {
    Some(super::settings::default_file()?.with_file_name(FILE_NAME))
}

/// The secret in `path`, made (readable by its owner only) when there is none yet.
pub fn load_or_create(path: &Path) -> std::io::Result<[u8; 32]> {
    match super::read_bounded(path, 1024) {
        Ok(bytes) => return parse(&bytes),
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        Err(_) => {}
    }
    // Two random (v4) UUIDs: 244 random bits from the system's generator.
    let mut key = [0u8; 32];
    key[..16].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
    key[16..].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let mut options = std::fs::OpenOptions::new();
    // A new file only: two reports started at once never overwrite each other's key.
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(mut file) => {
            let text: String = key.iter().map(|b| format!("{b:02x}")).collect();
            file.write_all(format!("{text}\n").as_bytes())?;
            file.sync_all()?;
            Ok(key)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            parse(&super::read_bounded(path, 1024)?)
        }
        Err(e) => Err(e),
    }
}

fn parse(bytes: &[u8]) -> std::io::Result<[u8; 32]> {
    let bad = || std::io::Error::other("not a report key (64 hexadecimal digits)");
    let text = std::str::from_utf8(bytes).map_err(|_| bad())?.trim();
    if text.len() != 64 || !text.is_ascii() {
        return Err(bad());
    }
    let mut key = [0u8; 32];
    for (i, byte) in key.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).map_err(|_| bad())?;
    }
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_made_once_and_read_back_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rapport").join(FILE_NAME);
        let made = load_or_create(&path).unwrap();
        assert_eq!(load_or_create(&path).unwrap(), made);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "only its owner reads the key");
        }
        std::fs::write(&path, "not hex").unwrap();
        assert!(
            load_or_create(&path).is_err(),
            "a damaged key is not replaced"
        );
    }
}
