//! Low power: the game draws no frames while it waits for the trainee (winit's reactive
//! mode), and wakes itself whenever content changes without input — the first frames, a
//! scenario that finished loading, a hot reload, a background check that finished.
//!
//! Reactive mode alone leaves the window blank until the next input or timeout (measured:
//! an empty Bevy 0.19 UI app under Xvfb drew nothing for 60 s in 6 runs of 9), so
//! [`wake_for`] sends winit a wake-up from any thread and keeps frames coming briefly.

use bevy::prelude::*;
use bevy::window::RequestRedraw;
use bevy::winit::{EventLoopProxyWrapper, WinitSettings, WinitUserEvent};
use std::sync::Mutex;
use std::time::{Duration, Instant};

type Waker = Box<dyn Fn() + Send>;

static WAKER: Mutex<Option<Waker>> = Mutex::new(None);
static BUSY_UNTIL: Mutex<Option<Instant>> = Mutex::new(None);

/// Keeps the game drawing for `duration` from now and wakes the event loop at once.
/// Callable from any thread (file watchers, background tasks); a no-op without a window.
pub fn wake_for(duration: Duration) {
    let until = Instant::now() + duration;
    if let Ok(mut busy) = BUSY_UNTIL.lock() {
        *busy = Some(busy.map_or(until, |b| b.max(until)));
    }
    if let Ok(waker) = WAKER.lock()
        && let Some(wake) = waker.as_ref()
    {
        wake();
    }
}

fn busy() -> bool {
    BUSY_UNTIL
        .lock()
        .ok()
        .and_then(|b| *b)
        .is_some_and(|until| Instant::now() < until)
}

/// Something that needs frames now (an autoplay run, a benchmark, a running task).
#[derive(Resource, Debug, Default)]
pub struct KeepAwake {
    /// Reasons that want continuous frames; empty means the game may sleep.
    pub reasons: Vec<&'static str>,
}

impl KeepAwake {
    pub fn set(&mut self, reason: &'static str, on: bool) {
        let has = self.reasons.contains(&reason);
        if on && !has {
            self.reasons.push(reason);
        } else if !on && has {
            self.reasons.retain(|r| *r != reason);
        }
    }
}

/// How long a window with nothing to do waits before an update of its own: in effect never
/// (winit's desktop default updates every 5 s, a burst of drawing with nothing changed).
/// Everything that changes without input wakes the game itself ([`wake_for`]).
const IDLE_WAIT: Duration = Duration::from_secs(24 * 60 * 60);

/// For the real window: reactive updates plus the wake-ups.
pub fn windowed_plugin(app: &mut App) {
    app.insert_resource(WinitSettings {
        focused_mode: bevy::winit::UpdateMode::reactive(IDLE_WAIT),
        unfocused_mode: bevy::winit::UpdateMode::reactive_low_power(IDLE_WAIT),
    });
    app.add_systems(Startup, install_waker);
    app.add_systems(Last, keep_drawing);
    // The first second: draw until the window and the menu are really on screen.
    wake_for(Duration::from_millis(1500));
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<KeepAwake>();
}

fn install_waker(proxy: Res<EventLoopProxyWrapper>) {
    let proxy = (**proxy).clone();
    if let Ok(mut waker) = WAKER.lock() {
        *waker = Some(Box::new(move || {
            let _ = proxy.send_event(WinitUserEvent::WakeUp);
        }));
    }
}

fn keep_drawing(
    keep: Res<KeepAwake>,
    frames: Res<bevy::diagnostic::FrameCount>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    if busy() || !keep.reasons.is_empty() || frames.0 < 20 {
        redraw.write(RequestRedraw);
    }
}
