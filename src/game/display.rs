//! Starting without a display: one line and a hint instead of a panic deep in winit.

use std::path::Path;

pub const HINT: &str =
    "to play without a window, try `rapport simulate default --player collaborative`";

/// Checks that an X11 display can be reached before any window code runs.
pub fn check() -> Result<(), String> {
    check_env(
        std::env::var("DISPLAY").ok().as_deref(),
        std::env::var_os("WAYLAND_DISPLAY").is_some(),
    )
}

/// The decision behind [`check`], from the environment's values.
pub fn check_env(display: Option<&str>, wayland: bool) -> Result<(), String> {
    let Some(display) = display.filter(|d| !d.is_empty()) else {
        return Err(if wayland {
            format!(
                "rapport: no X11 display (DISPLAY is not set; this build needs X11 or XWayland); {HINT}"
            )
        } else {
            format!("rapport: no display to open the game window on (DISPLAY is not set); {HINT}")
        });
    };
    // A local display ":N" has a socket; a remote one ("host:N") is left to the X client.
    if let Some(number) = display.strip_prefix(':') {
        let number = number.split('.').next().unwrap_or("");
        let socket = format!("/tmp/.X11-unix/X{number}");
        if !number.is_empty()
            && Path::new("/tmp/.X11-unix").is_dir()
            && !Path::new(&socket).exists()
        {
            return Err(format!(
                "rapport: cannot reach the display {display} (no {socket}); {HINT}"
            ));
        }
    }
    Ok(())
}

/// If the window or the renderer still fails to start, say so in one line: without a graphics
/// driver (Bevy's "Unable to find a GPU", where Bevy picks the adapter), only our line and the
/// exit code 2; any other failure keeps Rust's message and adds the hint.
pub fn install_panic_hint() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.contains("Unable to find a GPU") {
            eprintln!("{} {HINT}", super::renderer::NO_GRAPHICS);
            std::process::exit(2);
        }
        default(info);
        eprintln!("rapport: the game window could not run; {HINT}");
    }));
}
