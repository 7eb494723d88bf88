//! Results to an organisation's learning record store from the command line: `simulate
//! --results DIR` sends its call when an LRS is configured in the environment, and `report
//! DIR --send-lrs` sends a folder's results. The statements are the ones `report --xapi`
//! writes; they wait in the outbox beside the results until the LRS has them, so a failure
//! costs one line and nothing else.

use rapport_lrs::outbox::STALE_AFTER;
use rapport_lrs::{LrsConfig, Outbox, Retry, Sender};
use rapport_workshop::report::{XapiOptions, xapi};
use rapport_workshop::{CallResult, ClassReport, ReportOptions};
use serde_json::Value;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// A command waits a few seconds for an LRS that fails, not the game's patient schedule.
const COMMAND_RETRY: Retry = Retry {
    attempts: 3,
    first_wait: Duration::from_millis(500),
    max_wait: Duration::from_secs(2),
};

/// A class's statements, exactly as `report --xapi` exports them.
pub fn statements_of(class: &ClassReport) -> Vec<Value> {
    match xapi(class, &XapiOptions::default()) {
        Value::Array(statements) => statements,
        other => vec![other],
    }
}

/// After `simulate --results DIR` saved `result`: queues and sends its statements when an LRS
/// is configured. Problems are warnings; the result itself is saved either way.
pub fn send_recorded(results_dir: &Path, result: &CallResult) {
    match LrsConfig::from_env() {
        Ok(None) => {}
        Ok(Some(config)) => {
            let class = ClassReport::new(vec![result.clone()], &ReportOptions::default());
            let _ = queue_and_send(results_dir, &statements_of(&class), config, false);
        }
        Err(e) => eprintln!("warning: not sent to the LRS: {e}"),
    }
}

/// `report DIR --send-lrs`: the class's statements to the configured LRS, through the outbox
/// of the first results folder. Whether everything was delivered.
pub fn send_class(first_path: &Path, class: &ClassReport) -> bool {
    let config = match LrsConfig::from_env() {
        Ok(Some(config)) => config,
        Ok(None) => {
            eprintln!(
                "error: --send-lrs needs the LRS in the environment: {} and the credentials \
                 ({} or {}); see docs/workshop.md",
                rapport_lrs::config::ENDPOINT_VAR,
                rapport_lrs::config::CREDENTIALS_VAR,
                rapport_lrs::config::CREDENTIALS_FILE_VAR,
            );
            return false;
        }
        Err(e) => {
            eprintln!("error: {e}");
            return false;
        }
    };
    let home = if first_path.is_dir() {
        first_path
    } else {
        first_path.parent().unwrap_or(Path::new("."))
    };
    queue_and_send(home, &statements_of(class), config, true)
}

/// Queues `statements` in the outbox of `results_dir` (durably, before any attempt), then
/// drains the whole outbox, earlier leftovers included (and, on a send asked for by hand,
/// what the LRS refused before). One line either way, and one for refused statements.
fn queue_and_send(
    results_dir: &Path,
    statements: &[Value],
    config: LrsConfig,
    retry_refused: bool,
) -> bool {
    let outbox = Outbox::beside_results(results_dir);
    if retry_refused && let Err(e) = outbox.requeue_refused() {
        eprintln!("warning: cannot put the refused statements back in line: {e}");
    }
    if let Err(e) = outbox.add(statements) {
        eprintln!("warning: not sent to the LRS: {e}");
        return false;
    }
    let sender = Sender::new(config);
    let outcome = sender.drain(&outbox, &COMMAND_RETRY, &mut |_| {});
    let waiting = outbox.status().ok();
    match outcome {
        Ok(delivery) => {
            // An LRS may answer a known, identical statement with success rather than 409
            // (Ralph does), so "already there" is only what the LRS said.
            let known = match delivery.already_there {
                0 => String::new(),
                n => format!(" ({n} of them it had already)"),
            };
            eprintln!(
                "sent to the LRS at {}: {} statements delivered{known}",
                sender.config().endpoint(),
                delivery.total(),
            );
            if delivery.refused > 0 {
                eprintln!(
                    "warning: the LRS refused {} statements ({}); they are kept in {} and go \
                     again with the next report --send-lrs",
                    delivery.refused,
                    delivery.refusal.as_deref().unwrap_or("no reason given"),
                    outbox.dir().join("refused").display()
                );
            }
            delivery.refused == 0
        }
        Err(e) => {
            let count = waiting.as_ref().map_or(0, |w| w.waiting);
            eprintln!(
                "warning: {e} ({count} waiting in {}; they go with the next send)",
                outbox.dir().display()
            );
            if waiting.is_some_and(|w| w.not_draining(SystemTime::now())) {
                eprintln!(
                    "warning: the LRS outbox has not drained for over {} hours; check the \
                     LRS's address and credentials",
                    STALE_AFTER.as_secs() / 3600
                );
            }
            false
        }
    }
}
