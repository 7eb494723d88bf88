//! The window opens with the menu already drawn: it is created hidden and shown two frames
//! after the first update that had laid-out text, so the first frame anyone sees is a drawn
//! one (shown at once, a window's first presents could be uninitialised stripes on a
//! software renderer while the pipelines were still compiling).

use super::bench::first_ui_frame;
use super::low_power::wake_for;
use bevy::diagnostic::FrameCount;
use bevy::prelude::*;
use std::time::Duration;

/// Never keep the window hidden longer than this, whatever happens to the first frames.
const SHOW_AT_THE_LATEST: Duration = Duration::from_secs(4);

/// The frame whose update first saw laid-out text, once seen.
#[derive(Resource, Debug, Default)]
struct FirstTextFrame(Option<u32>);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<FirstTextFrame>();
    app.add_systems(Last, show_when_drawn);
}

fn show_when_drawn(
    mut seen: ResMut<FirstTextFrame>,
    frames: Res<FrameCount>,
    time: Res<Time<Real>>,
    texts: Query<&ComputedNode, With<Text>>,
    mut windows: Query<&mut Window>,
) {
    if windows.iter().all(|w| w.visible) {
        return;
    }
    if seen.0.is_none() && first_ui_frame(&texts) {
        seen.0 = Some(frames.0);
    }
    // With pipelined rendering, frame N is drawn while N+1 updates: by N+2 it is presented.
    let drawn = seen.0.is_some_and(|at| frames.0 >= at + 2);
    if drawn || time.elapsed() >= SHOW_AT_THE_LATEST {
        for mut window in &mut windows {
            window.visible = true;
        }
        // Frames keep coming while the window maps, so it is drawn again at once.
        wake_for(Duration::from_millis(500));
    }
}
