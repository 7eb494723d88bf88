//! The durable outbox: each statement waits in a file of its own (`<statement id>.xapi` in
//! `lrs-outbox/` beside the results) from before the first attempt until the LRS has it. A
//! file is written to a temporary name in the same folder, synced and renamed, so a crash
//! leaves a statement whole or absent, never half; adding a statement that already waits is
//! a no-op, and the file is removed only once the LRS acknowledged it; one the LRS refuses is
//! moved to `refused/` inside, kept but out of the others' way. The outbox is bounded and
//! tells when it is not draining. No credentials ever reach it: only statements.

use serde_json::Value;
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The outbox's folder name inside a results folder. The results loader skips it: it holds
/// no `.json` files.
pub const FOLDER: &str = "lrs-outbox";
const EXTENSION: &str = "xapi";
/// Where statements the LRS refused one by one are kept, inside the outbox.
const REFUSED: &str = "refused";
/// Enough for a year of a busy laptop's calls (a few KB each) with the LRS out of reach.
pub const DEFAULT_CAPACITY: usize = 20_000;
/// Statements older than this still waiting mean the outbox is not draining.
pub const STALE_AFTER: Duration = Duration::from_secs(24 * 60 * 60);

#[derive(Debug, Clone)]
pub struct Outbox {
    dir: PathBuf,
    capacity: usize,
}

/// A statement waiting in the outbox.
#[derive(Debug, Clone)]
pub struct Waiting {
    pub id: String,
    pub path: PathBuf,
    pub queued_at: SystemTime,
}

/// How full the outbox is and since when its oldest statement waits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxStatus {
    pub waiting: usize,
    pub capacity: usize,
    pub oldest: Option<SystemTime>,
}

impl OutboxStatus {
    /// Whether statements have waited longer than [`STALE_AFTER`], or the outbox is full.
    pub fn not_draining(&self, now: SystemTime) -> bool {
        self.waiting >= self.capacity
            || self
                .oldest
                .and_then(|t| now.duration_since(t).ok())
                .is_some_and(|age| age > STALE_AFTER)
    }
}

#[derive(Debug)]
pub enum OutboxError {
    /// A statement without a string `id`: the outbox keys everything by it.
    NoId,
    /// The outbox holds `capacity` statements and takes no more.
    Full {
        capacity: usize,
        dir: PathBuf,
    },
    Io {
        dir: PathBuf,
        error: std::io::Error,
    },
}

impl fmt::Display for OutboxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OutboxError::NoId => write!(f, "a statement without an id cannot be queued"),
            OutboxError::Full { capacity, dir } => write!(
                f,
                "the LRS outbox {} holds {capacity} statements and is not draining; the \
                 results stay in the folder and `rapport report FOLDER --send-lrs` sends them later",
                dir.display()
            ),
            OutboxError::Io { dir, error } => {
                write!(f, "cannot use the LRS outbox {}: {error}", dir.display())
            }
        }
    }
}

impl std::error::Error for OutboxError {}

impl Outbox {
    /// The outbox of a results folder.
    pub fn beside_results(results: &Path) -> Outbox {
        Outbox::at(results.join(FOLDER), DEFAULT_CAPACITY)
    }

    pub fn at(dir: PathBuf, capacity: usize) -> Outbox {
        Outbox { dir, capacity }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Queues statements, each durable on disk when this returns. Returns how many were new
    /// (a statement already waiting is left as it is). Refuses the whole lot if it would
    /// overflow the outbox, so a call's statements are queued together or not at all.
    pub fn add(&self, statements: &[Value]) -> Result<usize, OutboxError> {
        let io = |error| OutboxError::Io {
            dir: self.dir.clone(),
            error,
        };
        let mut ids = Vec::with_capacity(statements.len());
        for statement in statements {
            let id = statement_id(statement).ok_or(OutboxError::NoId)?;
            ids.push(id);
        }
        std::fs::create_dir_all(&self.dir).map_err(io)?;
        let new: Vec<(usize, &str)> = ids
            .iter()
            .enumerate()
            .filter(|(_, id)| !self.path_of(id).exists())
            .map(|(i, id)| (i, *id))
            .collect();
        if new.is_empty() {
            return Ok(0);
        }
        if self.count().map_err(io)? + new.len() > self.capacity {
            return Err(OutboxError::Full {
                capacity: self.capacity,
                dir: self.dir.clone(),
            });
        }
        for &(i, id) in &new {
            let bytes = serde_json::to_vec(&statements[i]).unwrap_or_default();
            self.write_one(id, &bytes).map_err(io)?;
        }
        sync_folder(&self.dir);
        Ok(new.len())
    }

    fn write_one(&self, id: &str, bytes: &[u8]) -> std::io::Result<()> {
        let mut temporary = tempfile::Builder::new()
            .prefix(".queued-")
            .suffix(".tmp")
            .tempfile_in(&self.dir)?;
        temporary.write_all(bytes)?;
        temporary.as_file().sync_all()?;
        temporary.persist(self.path_of(id)).map_err(|e| e.error)?;
        Ok(())
    }

    fn path_of(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.{EXTENSION}"))
    }

    fn count(&self) -> std::io::Result<usize> {
        Ok(self.waiting()?.len())
    }

    /// The statements waiting, oldest first (then by id, so the order is stable).
    pub fn waiting(&self) -> std::io::Result<Vec<Waiting>> {
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e),
        };
        let mut waiting = Vec::new();
        for entry in entries {
            let path = entry?.path();
            if path.extension().and_then(|e| e.to_str()) != Some(EXTENSION) {
                continue;
            }
            let Some(id) = path.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            let queued_at = std::fs::metadata(&path)
                .and_then(|m| m.modified())
                .unwrap_or(SystemTime::UNIX_EPOCH);
            waiting.push(Waiting {
                id: id.to_string(),
                path: path.clone(),
                queued_at,
            });
        }
        waiting.sort_by(|a, b| a.queued_at.cmp(&b.queued_at).then(a.id.cmp(&b.id)));
        Ok(waiting)
    }

    /// A waiting statement's JSON.
    pub fn read(&self, waiting: &Waiting) -> std::io::Result<Value> {
        let bytes = std::fs::read(&waiting.path)?;
        serde_json::from_slice(&bytes)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
    }

    /// Forgets a statement the LRS acknowledged. Removing one already gone is not an error.
    pub fn delivered(&self, id: &str) -> std::io::Result<()> {
        match std::fs::remove_file(self.path_of(id)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// Moves a statement the LRS refused out of the way, into `refused/`, so it no longer
    /// holds up the others and is still kept (see [`Outbox::requeue_refused`]).
    pub fn set_aside(&self, id: &str) -> std::io::Result<()> {
        let refused = self.dir.join(REFUSED);
        std::fs::create_dir_all(&refused)?;
        std::fs::rename(self.path_of(id), refused.join(format!("{id}.{EXTENSION}")))?;
        sync_folder(&self.dir);
        Ok(())
    }

    /// How many refused statements are set aside.
    pub fn refused(&self) -> usize {
        std::fs::read_dir(self.dir.join(REFUSED)).map_or(0, |d| d.count())
    }

    /// Puts the refused statements back in line, for a send asked for by hand (after the LRS's
    /// administrator fixed what it refused). Returns how many.
    pub fn requeue_refused(&self) -> std::io::Result<usize> {
        let refused = self.dir.join(REFUSED);
        let entries = match std::fs::read_dir(&refused) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
            Err(e) => return Err(e),
        };
        let mut count = 0;
        for entry in entries {
            let path = entry?.path();
            if let Some(name) = path.file_name() {
                std::fs::rename(&path, self.dir.join(name))?;
                count += 1;
            }
        }
        sync_folder(&self.dir);
        Ok(count)
    }

    pub fn status(&self) -> std::io::Result<OutboxStatus> {
        let waiting = self.waiting()?;
        Ok(OutboxStatus {
            waiting: waiting.len(),
            capacity: self.capacity,
            oldest: waiting.iter().map(|w| w.queued_at).min(),
        })
    }
}

/// A statement's `id`, when it is a plain UUID-like token safe as a file name.
pub fn statement_id(statement: &Value) -> Option<&str> {
    statement
        .get("id")
        .and_then(Value::as_str)
        .filter(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-'))
}

fn sync_folder(dir: &Path) {
    #[cfg(unix)]
    if let Ok(folder) = std::fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
