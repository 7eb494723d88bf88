//! Results to the organisation's learning record store from the game, when one is configured
//! in the environment (see `rapport_lrs::config`). The results writer thread queues a call's
//! statements in the outbox beside the results right after writing the result, so nothing of it
//! runs on a frame; a thread of its own then sends the outbox, waiting longer after each
//! failure, so a slow or absent LRS never delays a save. What the LRS last said is
//! [`LrsState`], shown in Settings in plain words. Killing the game at any point leaves the
//! outbox as it was: the next start sends what waits, and stable statement ids mean a
//! statement the LRS already took is not stored twice.

use bevy::prelude::*;
use rapport_lrs::{LrsConfig, Outbox, Retry, Sender};
use rapport_workshop::report::{XapiOptions, xapi};
use rapport_workshop::{CallResult, ClassReport, ReportOptions};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

/// After a failure the sender waits 5 s, then twice as long each time, at most 5 minutes.
const GAME_RETRY: Retry = Retry {
    attempts: u32::MAX,
    first_wait: Duration::from_secs(5),
    max_wait: Duration::from_secs(300),
};

/// What the learning record store last said, for Settings.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum LrsStatus {
    /// No LRS configured: results stay in the folder.
    #[default]
    Off,
    /// The configuration cannot be used (why, in one line).
    Misconfigured(String),
    /// Configured; nothing sent yet in this run.
    Ready,
    /// The last send worked; `waiting` statements still in the outbox.
    Answered { waiting: usize },
    /// The last send failed (why, in one line); `waiting` statements in the outbox.
    Failed { why: String, waiting: usize },
}

impl LrsStatus {
    /// The Settings line.
    pub fn plain_words(&self) -> Option<String> {
        match self {
            LrsStatus::Off => None,
            LrsStatus::Misconfigured(why) => {
                Some(format!("Learning record store: not used ({why})."))
            }
            LrsStatus::Ready => {
                Some("Learning record store: ready; results are sent as calls end.".into())
            }
            LrsStatus::Answered { waiting: 0 } => {
                Some("Learning record store: it answered; every result so far is sent.".into())
            }
            LrsStatus::Answered { waiting } => Some(format!(
                "Learning record store: it answered; {waiting} statements still to send."
            )),
            LrsStatus::Failed { why, waiting } => Some(format!(
                "Learning record store: {why}. {waiting} statements wait in the results folder \
                 and go with the next send."
            )),
        }
    }
}

/// The LRS's status as the game shows it: updated from the sender thread's news each frame.
#[derive(Resource, Debug, Default, Clone, PartialEq, Eq)]
pub struct LrsState(pub LrsStatus);

/// The game's link to the LRS: the sender thread and its news.
#[derive(Resource)]
pub struct LrsLink {
    queue: Option<LrsQueue>,
    news: Arc<Mutex<LrsStatus>>,
}

/// What the results writer's jobs carry to queue a result's statements and wake the sender.
#[derive(Clone)]
pub struct LrsQueue {
    wake: mpsc::Sender<PathBuf>,
}

impl LrsLink {
    /// The LRS in this process's environment, if any, with its sender thread started.
    pub fn from_env() -> LrsLink {
        match LrsConfig::from_env() {
            Ok(Some(config)) => LrsLink::start(config),
            Ok(None) => LrsLink::with_status(LrsStatus::Off),
            Err(e) => LrsLink::with_status(LrsStatus::Misconfigured(e.to_string())),
        }
    }

    fn with_status(status: LrsStatus) -> LrsLink {
        LrsLink {
            queue: None,
            news: Arc::new(Mutex::new(status)),
        }
    }

    /// Starts the sender thread for `config`.
    pub fn start(config: LrsConfig) -> LrsLink {
        let news = Arc::new(Mutex::new(LrsStatus::Ready));
        let (wake, inbox) = mpsc::channel();
        let thread_news = news.clone();
        let started = std::thread::Builder::new()
            .name("rapport LRS sender".into())
            .spawn(move || send_forever(Sender::new(config), inbox, thread_news));
        match started {
            Ok(_) => LrsLink {
                queue: Some(LrsQueue { wake }),
                news,
            },
            Err(e) => LrsLink::with_status(LrsStatus::Misconfigured(format!(
                "cannot start the sender: {e}"
            ))),
        }
    }

    /// For the results writer: `None` when nothing is sent.
    pub fn queue(&self) -> Option<LrsQueue> {
        self.queue.clone()
    }

    pub fn status(&self) -> LrsStatus {
        self.news.lock().map(|s| s.clone()).unwrap_or_default()
    }
}

impl LrsQueue {
    /// Queues `result`'s statements in the outbox of `results_dir` (durable on return), then
    /// asks the sender to send. Runs on the results writer thread.
    pub fn queue_result(&self, results_dir: &Path, result: &CallResult) -> std::io::Result<()> {
        let class = ClassReport::new(vec![result.clone()], &ReportOptions::default());
        let statements = match xapi(&class, &XapiOptions::default()) {
            Value::Array(statements) => statements,
            other => vec![other],
        };
        Outbox::beside_results(results_dir)
            .add(&statements)
            .map_err(std::io::Error::other)?;
        self.send(results_dir);
        Ok(())
    }

    /// Asks the sender to send what waits in the outbox of `results_dir`.
    pub fn send(&self, results_dir: &Path) {
        let _ = self.wake.send(results_dir.to_path_buf());
    }
}

/// The sender thread: sends the outboxes it was told of whenever woken, and after a failure
/// tries again on its own with growing waits. Ends when the game drops its link.
fn send_forever(sender: Sender, inbox: mpsc::Receiver<PathBuf>, news: Arc<Mutex<LrsStatus>>) {
    let mut folders = BTreeSet::new();
    let mut failures = 0;
    loop {
        let woken = if failures == 0 {
            inbox
                .recv()
                .map_err(|_| mpsc::RecvTimeoutError::Disconnected)
        } else {
            inbox.recv_timeout(GAME_RETRY.wait_before(failures))
        };
        match woken {
            Ok(dir) => {
                folders.insert(dir);
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        }
        let status = send_all(&sender, &folders);
        failures = match status {
            LrsStatus::Failed { .. } => failures.saturating_add(1),
            _ => 0,
        };
        if let Ok(mut shared) = news.lock() {
            *shared = status;
        }
        // A sleeping window hears the news at once, not at the next key.
        crate::game::low_power::wake_for(Duration::from_millis(100));
    }
}

fn send_all(sender: &Sender, folders: &BTreeSet<PathBuf>) -> LrsStatus {
    let mut failure = None;
    for dir in folders {
        let outbox = Outbox::beside_results(dir);
        match sender.send_waiting(&outbox, &mut |_| {}) {
            Ok(delivery) if delivery.refused > 0 => {
                failure = Some(format!(
                    "it refused {} statements ({}), kept in {}",
                    delivery.refused,
                    delivery.refusal.as_deref().unwrap_or("no reason given"),
                    outbox.dir().join("refused").display()
                ));
            }
            Ok(_) => {}
            Err(e) => failure = Some(e.to_string()),
        }
    }
    let waiting = folders
        .iter()
        .filter_map(|dir| Outbox::beside_results(dir).status().ok())
        .map(|s| s.waiting)
        .sum();
    let refused: usize = folders
        .iter()
        .map(|dir| Outbox::beside_results(dir).refused())
        .sum();
    match failure {
        Some(why) => LrsStatus::Failed { why, waiting },
        None if refused > 0 => LrsStatus::Failed {
            why: format!(
                "it refused {refused} statements, kept in the outbox's refused folder \
                 (`rapport report FOLDER --send-lrs` offers them again)"
            ),
            waiting,
        },
        None => LrsStatus::Answered { waiting },
    }
}

/// Copies the sender's news into [`LrsState`] when it changed, so Settings redraws then only.
pub(super) fn follow_news(link: Res<LrsLink>, mut state: ResMut<LrsState>) {
    let status = link.status();
    if state.0 != status {
        state.0 = status;
    }
}

/// At start (and with another LRS or results folder), sends what a previous run, or a killed
/// game, left in the outbox.
pub(super) fn send_leftovers(link: Res<LrsLink>, folder: Res<super::ResultsFolder>) {
    if let (Some(queue), Some(dir)) = (link.queue(), &folder.0)
        && dir.join(rapport_lrs::outbox::FOLDER).is_dir()
    {
        queue.send(dir);
    }
}
