//! The full `check` of each good version, in the background one at a time, after the first
//! frames are drawn.

use crate::game::low_power;
use bevy::prelude::*;
use bevy::tasks::{AsyncComputeTaskPool, Task, block_on, futures_lite::future};
use rapport_core::check::{CheckConfig, check_source};
use rapport_core::scenario::Diagnostic;
use std::time::Duration;

use super::{CheckStatus, Library};

/// What a background check found: new diagnostics, whether it failed, the smallest margin.
type CheckOutcome = (Vec<Diagnostic>, bool, Option<f64>);

/// Background `check` runs, one at a time, after the first frames are drawn.
#[derive(Resource, Default)]
pub struct CheckTasks {
    running: Option<(String, u32, Task<CheckOutcome>)>,
    /// Off in tests that do not need it.
    pub disabled: bool,
}

pub(super) fn run_checks(
    mut tasks: ResMut<CheckTasks>,
    mut library: ResMut<Library>,
    frames: Res<bevy::diagnostic::FrameCount>,
) {
    if tasks.disabled {
        return;
    }
    if let Some((_, _, task)) = &mut tasks.running {
        if !task.is_finished() {
            return;
        }
        let Some((path, version, task)) = tasks.running.take() else {
            return;
        };
        let (diagnostics, failed, margin) = block_on(future::poll_once(task)).unwrap_or_default();
        if let Some(entry) = library
            .entries
            .iter_mut()
            .find(|e| e.path == path && e.version == version)
        {
            entry.check = if failed {
                CheckStatus::Failed { diagnostics }
            } else {
                CheckStatus::Passed { margin }
            };
            library.revision += 1;
        }
    }
    // Let the menu appear first: the checks share the two cores with the first frames.
    if frames.0 < 10 {
        return;
    }
    let Some(entry) = library.entries.iter_mut().find(|e| {
        e.check == CheckStatus::Pending
            && e.loaded
            && !e.diagnostics.iter().any(Diagnostic::is_error)
            && e.good.is_some()
    }) else {
        return;
    };
    entry.check = CheckStatus::Running;
    let text = entry.text.clone();
    let parsed_before = entry.diagnostics.len();
    let task = AsyncComputeTaskPool::get().spawn(async move {
        let report = check_source(&text, CheckConfig::default());
        let failed = report.has_errors();
        let new: Vec<Diagnostic> = report
            .diagnostics()
            .iter()
            .skip(parsed_before)
            .cloned()
            .collect();
        low_power::wake_for(Duration::from_millis(200));
        (new, failed, report.margin())
    });
    tasks.running = Some((entry.path.clone(), entry.version, task));
}
