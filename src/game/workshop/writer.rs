//! The results writer's own thread: saving the call in progress after a move and writing a
//! result at the end run there, one after another in the order asked, so a slow or syncing
//! disk never holds up a frame. The game reads back how each write went (a problem becomes the
//! notice on screen). Dropping the writer (the game closing) finishes what was asked first.

use bevy::prelude::*;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Work for the writer thread: what it is (for messages), where, and the work itself.
struct Job {
    what: &'static str,
    dir: PathBuf,
    work: Box<dyn FnOnce() -> std::io::Result<()> + Send>,
}

/// How a job went, and how long it took on the writer thread.
pub struct Outcome {
    pub what: &'static str,
    pub dir: PathBuf,
    pub result: std::io::Result<()>,
    pub took: Duration,
}

#[derive(Resource)]
pub struct ResultsWriter {
    jobs: Option<mpsc::Sender<Job>>,
    /// For writes done here when the thread could not start.
    report: mpsc::Sender<Outcome>,
    outcomes: Mutex<mpsc::Receiver<Outcome>>,
    pending: Arc<AtomicUsize>,
    thread: Option<JoinHandle<()>>,
}

impl Default for ResultsWriter {
    fn default() -> Self {
        let (jobs, inbox) = mpsc::channel::<Job>();
        let (report, outcomes) = mpsc::channel::<Outcome>();
        let pending = Arc::new(AtomicUsize::new(0));
        let counter = pending.clone();
        let report_here = report.clone();
        let thread = std::thread::Builder::new()
            .name("rapport results writer".into())
            .spawn(move || {
                for job in inbox {
                    let began = Instant::now();
                    let result = (job.work)();
                    let _ = report.send(Outcome {
                        what: job.what,
                        dir: job.dir,
                        result,
                        took: began.elapsed(),
                    });
                    counter.fetch_sub(1, Ordering::SeqCst);
                    // A sleeping window hears of a problem saving at once, not at the next key.
                    crate::game::low_power::wake_for(std::time::Duration::from_millis(100));
                }
            })
            .ok();
        ResultsWriter {
            jobs: Some(jobs),
            report: report_here,
            outcomes: Mutex::new(outcomes),
            pending,
            thread,
        }
    }
}

impl ResultsWriter {
    /// Asks for `work` to be done after everything asked before.
    pub fn queue(
        &self,
        what: &'static str,
        dir: PathBuf,
        work: impl FnOnce() -> std::io::Result<()> + Send + 'static,
    ) {
        let job = Job {
            what,
            dir,
            work: Box::new(work),
        };
        self.pending.fetch_add(1, Ordering::SeqCst);
        let sent = match (&self.jobs, &self.thread) {
            (Some(jobs), Some(_)) => jobs.send(job).map_err(|e| e.0),
            _ => Err(job),
        };
        // Without a writer thread (it could not start), write here rather than lose it.
        if let Err(job) = sent {
            self.pending.fetch_sub(1, Ordering::SeqCst);
            let began = Instant::now();
            let result = (job.work)();
            let _ = self.report.send(Outcome {
                what: job.what,
                dir: job.dir,
                result,
                took: began.elapsed(),
            });
        }
    }

    /// How the writes since the last call went.
    pub fn outcomes(&self) -> Vec<Outcome> {
        self.outcomes
            .lock()
            .map(|o| o.try_iter().collect())
            .unwrap_or_default()
    }

    /// Waits (at most `limit`) until everything asked has been written: for tests.
    pub fn wait_idle(&self, limit: Duration) -> bool {
        let began = Instant::now();
        while self.pending.load(Ordering::SeqCst) > 0 {
            if began.elapsed() > limit {
                return false;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        true
    }
}

impl Drop for ResultsWriter {
    fn drop(&mut self) {
        // Closing the queue lets the thread finish what was asked, then end.
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
