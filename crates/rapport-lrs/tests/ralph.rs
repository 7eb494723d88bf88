//! Sending a rehearsed class to a real LRS (Ralph, started by the tests): every statement
//! arrives exactly once whatever fails in between — the LRS killed mid-send and restarted,
//! the sender stopped after the LRS stored a batch but before the outbox forgot it — and a
//! wrong password or a stopped LRS each give one line and leave the outbox whole.

#[path = "../../rapport-workshop/tests/support/class.rs"]
mod class;
mod support;

use rapport_lrs::{Credentials, LrsConfig, Outbox, Retry, SendError, Sender};
use rapport_workshop::ClassReport;
use rapport_workshop::report::xapi::validate;
use rapport_workshop::report::{ReportOptions, XapiOptions, xapi};
use serde_json::Value;
use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Duration;
use support::ralph::Ralph;

/// The statements of a made-up class of `trainees`, as the export writes them.
fn class_statements(trainees: usize) -> Vec<Value> {
    let report = ClassReport::new(class::class(trainees).results(), &ReportOptions::default());
    match xapi(&report, &XapiOptions::default()) {
        Value::Array(statements) => statements,
        other => panic!("the export is an array of statements, not {other}"),
    }
}

fn ids(statements: &[Value]) -> Vec<String> {
    let mut ids: Vec<String> = statements
        .iter()
        .map(|s| {
            s["id"]
                .as_str()
                .expect("every statement has an id")
                .to_string()
        })
        .collect();
    ids.sort();
    ids
}

/// How many times the LRS holds each statement id.
fn stored_counts(sender: &Sender) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for statement in sender
        .statements(&[("limit", "40")])
        .expect("the LRS reads back")
    {
        *counts
            .entry(statement["id"].as_str().unwrap_or_default().to_string())
            .or_insert(0) += 1;
    }
    counts
}

fn assert_each_stored_once(sender: &Sender, statements: &[Value]) {
    let counts = stored_counts(sender);
    let expected = ids(statements);
    let mut stored: Vec<String> = counts.keys().cloned().collect();
    stored.sort();
    assert_eq!(
        stored, expected,
        "the LRS holds exactly the class's statements"
    );
    let doubled: Vec<_> = counts.iter().filter(|(_, n)| **n > 1).collect();
    assert!(doubled.is_empty(), "statements stored twice: {doubled:?}");
}

/// An outbox in a fresh results folder with `statements` queued (the folder lives as long as
/// the returned guard).
fn queued(statements: &[Value]) -> (tempfile::TempDir, Outbox) {
    let results = tempfile::tempdir().unwrap();
    let outbox = Outbox::beside_results(results.path());
    assert_eq!(outbox.add(statements).unwrap(), statements.len());
    (results, outbox)
}

const QUICK_RETRY: Retry = Retry {
    attempts: 40,
    first_wait: Duration::from_millis(100),
    max_wait: Duration::from_millis(500),
};

#[test]
fn a_class_killed_mid_send_arrives_exactly_once_after_the_lrs_restarts() {
    let Some(ralph) = Ralph::start() else { return };
    let statements = class_statements(30);
    let (_results, outbox) = queued(&statements);
    let sender = Sender::new(ralph.config()).with_batch(5);
    let mut batches = 0;
    let mut waiting_when_killed = 0;
    let delivered = std::thread::scope(|scope| {
        sender.drain(&outbox, &QUICK_RETRY, &mut |_| {
            batches += 1;
            if batches == 3 {
                ralph.stop();
                waiting_when_killed = outbox.status().unwrap().waiting;
                scope.spawn(|| {
                    std::thread::sleep(Duration::from_secs(1));
                    ralph.restart();
                });
            }
        })
    })
    .unwrap_or_else(|e| panic!("the outbox drains once the LRS is back: {e}"));
    assert_eq!(
        waiting_when_killed,
        statements.len() - 15,
        "killed mid-send"
    );
    assert_eq!(delivered.total(), statements.len());
    assert_eq!(outbox.status().unwrap().waiting, 0, "the outbox is empty");
    assert_each_stored_once(&sender, &statements);
}

/// Copies every statement file of the outbox, to put back what a crash would not have removed.
fn snapshot(outbox: &Outbox) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    std::fs::read_dir(outbox.dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
        .collect()
}

#[test]
fn a_sender_dropped_after_the_lrs_stored_a_batch_neither_loses_nor_doubles_it() {
    let Some(ralph) = Ralph::start() else { return };
    let statements = class_statements(12);
    let (_results, outbox) = queued(&statements);
    let queued = snapshot(&outbox);
    // The first sender dies (a panic unwinds through it) after its second batch was stored.
    let crashed = catch_unwind(AssertUnwindSafe(|| {
        let sender = Sender::new(ralph.config()).with_batch(4);
        let mut batches = 0;
        let _ = sender.send_waiting(&outbox, &mut |_| {
            batches += 1;
            if batches == 2 {
                panic!("the game is killed here");
            }
        });
    }));
    assert!(crashed.is_err(), "the first sender stopped mid-way");
    // The crash came before the outbox's removals reached the disk: every file is back.
    for (path, bytes) in &queued {
        std::fs::write(path, bytes).unwrap();
    }
    assert_eq!(outbox.status().unwrap().waiting, statements.len());
    let sender = Sender::new(ralph.config()).with_batch(4);
    let delivery = sender
        .drain(&outbox, &QUICK_RETRY, &mut |_| {})
        .expect("the second sender drains the outbox");
    assert_eq!(delivery.total(), statements.len());
    assert_eq!(outbox.status().unwrap().waiting, 0);
    assert_each_stored_once(&sender, &statements);
}

fn one_line_without(message: &str, secret: &str) {
    assert!(!message.contains('\n'), "one line: {message}");
    assert!(
        !message.contains(secret),
        "the password shows in: {message}"
    );
}

#[test]
fn a_wrong_password_gives_one_line_and_leaves_the_outbox_whole() {
    let Some(ralph) = Ralph::start() else { return };
    let statements = class_statements(3);
    let (_results, outbox) = queued(&statements);
    let wrong = Credentials::parse("rapport:not-the-password-42").unwrap();
    let sender = Sender::new(LrsConfig::new(&ralph.endpoint, wrong, true).unwrap());
    let error = sender
        .drain(&outbox, &QUICK_RETRY, &mut |_| {})
        .expect_err("the LRS refuses a wrong password");
    assert!(
        matches!(error, SendError::Credentials { status: 401 }),
        "{error:?}"
    );
    let message = error.to_string();
    one_line_without(&message, "not-the-password-42");
    assert!(message.contains("refused the credentials"), "{message}");
    assert_eq!(outbox.status().unwrap().waiting, statements.len());
}

#[test]
fn a_stopped_lrs_gives_one_line_and_leaves_the_outbox_whole() {
    let Some(ralph) = Ralph::start() else { return };
    let statements = class_statements(3);
    let (_results, outbox) = queued(&statements);
    ralph.stop();
    let sender = Sender::new(ralph.config());
    let once = Retry {
        attempts: 1,
        first_wait: Duration::from_millis(10),
        max_wait: Duration::from_millis(10),
    };
    let error = sender
        .drain(&outbox, &once, &mut |_| {})
        .expect_err("nobody answers");
    assert!(matches!(error, SendError::Down { .. }), "{error:?}");
    let message = error.to_string();
    one_line_without(&message, &ralph.credentials_password());
    assert!(message.contains("cannot reach the LRS"), "{message}");
    assert_eq!(outbox.status().unwrap().waiting, statements.len());
}

#[test]
fn a_statement_the_lrs_refuses_is_set_aside_and_the_rest_of_its_batch_still_goes() {
    let Some(ralph) = Ralph::start() else { return };
    let mut statements = class_statements(3);
    statements[1].as_object_mut().unwrap().remove("verb");
    let (_results, outbox) = queued(&statements);
    let sender = Sender::new(ralph.config());
    let delivery = sender
        .drain(&outbox, &QUICK_RETRY, &mut |_| {})
        .expect("the others are delivered");
    assert_eq!(delivery.refused, 1);
    let refusal = delivery.refusal.clone().expect("the LRS's reason");
    assert!(refusal.starts_with("HTTP 4"), "{refusal}");
    one_line_without(&refusal, &ralph.credentials_password());
    assert_eq!(delivery.total(), statements.len() - 1);
    assert_eq!(
        outbox.status().unwrap().waiting,
        0,
        "nothing holds up the outbox"
    );
    assert_eq!(outbox.refused(), 1, "the refused statement is kept");
    let good: Vec<Value> = [&statements[..1], &statements[2..]].concat();
    assert_each_stored_once(&sender, &good);
    assert_eq!(outbox.requeue_refused().unwrap(), 1);
    assert_eq!(
        outbox.status().unwrap().waiting,
        1,
        "back in line for a send by hand"
    );
}

#[test]
fn reading_back_follows_more_links_to_every_statement_each_still_valid() {
    let Some(ralph) = Ralph::start() else { return };
    let statements = class_statements(10);
    let (_results, outbox) = queued(&statements);
    let sender = Sender::new(ralph.config());
    sender.drain(&outbox, &QUICK_RETRY, &mut |_| {}).unwrap();
    let read = sender.statements(&[("limit", "7")]).unwrap();
    assert!(statements.len() > 14, "at least three pages");
    assert_eq!(ids(&read), ids(&statements));
    // What the LRS gives back (with its own stored, authority and version added) still
    // passes the xAPI 1.0.3 rules the export is held to.
    for statement in &read {
        assert_eq!(validate(statement), Vec::<String>::new(), "{statement}");
    }
}
