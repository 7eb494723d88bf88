//! Which graphics API draws the game: on Linux, Vulkan on the GPU, else OpenGL on the GPU
//! (through EGL), else either in software, else one line that says what to install.
//!
//! Bevy creates its wgpu instance without a display connection, which is fine for Vulkan but
//! leaves OpenGL on Linux unable to present to an X11 window. So on Linux the game creates the
//! instance, adapter and device itself (`RenderCreation::Manual`), giving the GL backend a
//! connection to the same X server the window opens on. Windows (DirectX 12) and macOS (Metal)
//! keep Bevy's own choice.

use bevy::prelude::*;
use bevy::render::settings::{RenderCreation, WgpuSettings};

/// `--renderer`: which graphics API to use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Renderer {
    /// The GPU's Vulkan, else the GPU's OpenGL, else software Vulkan or OpenGL.
    #[default]
    Auto,
    /// Vulkan only (DirectX 12 or Metal where those are the platform's API).
    Vulkan,
    /// OpenGL only (Linux).
    Gl,
}

/// What a player without any graphics driver reads instead of Bevy's panic and backtrace.
pub const NO_GRAPHICS: &str = "rapport: no Vulkan or OpenGL graphics driver found. Install your \
     graphics driver (on Debian or Ubuntu: sudo apt install mesa-vulkan-drivers libegl-mesa0, \
     which also render in software without a GPU), or";

/// The graphics picked for this machine, to hand to the app being built.
pub struct Graphics {
    /// For Bevy's `RenderPlugin`.
    pub creation: RenderCreation,
    /// With OpenGL on X11: the connection EGL draws through. wgpu accepts a window only from
    /// the instance's own connection, so the window's handle names this one too (the window
    /// itself is the server's, whichever connection asks).
    #[cfg(target_os = "linux")]
    gl_display: Option<platform::XDisplay>,
}

/// The renderer for [`Renderer`], or the line to print when no driver can draw.
pub fn choose(choice: Renderer) -> Result<Graphics, String> {
    platform::choose(choice)
}

impl Graphics {
    /// Adds Bevy's `RenderPlugin` settings' counterpart in the app: with OpenGL on X11, the
    /// window's handle is pointed at the renderer's connection as soon as winit creates it.
    pub fn finish(&self, app: &mut App) {
        #[cfg(target_os = "linux")]
        if let Some(display) = self.gl_display {
            app.insert_resource(display)
                .add_observer(platform::window_uses_the_gl_display);
        }
        #[cfg(not(target_os = "linux"))]
        let _ = app;
    }
}

#[cfg(not(target_os = "linux"))]
mod platform {
    use super::*;
    use bevy::render::settings::Backends;

    pub fn choose(choice: Renderer) -> Result<Graphics, String> {
        let mut settings = WgpuSettings::default();
        match choice {
            Renderer::Auto => {}
            Renderer::Vulkan => {
                settings.backends = Some(Backends::PRIMARY);
            }
            Renderer::Gl => {
                return Err(
                    "rapport: --renderer gl is for Linux; this system draws with its own API \
                     (leave out --renderer)"
                        .into(),
                );
            }
        }
        Ok(Graphics {
            creation: settings.into(),
        })
    }
}

#[cfg(target_os = "linux")]
mod platform {
    use super::*;
    use bevy::log::info;
    use bevy::render::renderer::{
        RenderAdapter, RenderAdapterInfo, RenderDevice, RenderInstance, RenderQueue, WgpuWrapper,
    };
    use bevy::render::settings::WgpuSettingsPriority;
    use bevy::window::RawHandleWrapper;
    use std::sync::Arc;

    pub use x11::XDisplay;

    pub fn choose(choice: Renderer) -> Result<Graphics, String> {
        let settings = WgpuSettings::default();
        let found = match choice {
            Renderer::Vulkan => vulkan(&settings),
            Renderer::Gl => opengl(&settings)?,
            Renderer::Auto => automatic(&settings)?,
        };
        let Some((instance, adapter, gl_display)) = found else {
            return Err(match choice {
                Renderer::Gl => "rapport: no OpenGL driver found (--renderer gl). Install Mesa's \
                                 EGL (on Debian or Ubuntu: sudo apt install libegl-mesa0), \
                                 leave out --renderer to try Vulkan, or"
                    .into(),
                Renderer::Vulkan => "rapport: no Vulkan graphics driver found (--renderer \
                                     vulkan). Install your graphics driver with Vulkan (on \
                                     Debian or Ubuntu: sudo apt install mesa-vulkan-drivers), \
                                     leave out --renderer to try OpenGL, or"
                    .into(),
                Renderer::Auto => NO_GRAPHICS.into(),
            });
        };
        Ok(Graphics {
            creation: device_for(&settings, instance, adapter),
            gl_display,
        })
    }

    type Found = (wgpu::Instance, wgpu::Adapter, Option<XDisplay>);

    fn is_software(found: &Found) -> bool {
        found.1.get_info().device_type == wgpu::DeviceType::Cpu
    }

    /// Vulkan on a GPU; else OpenGL on a GPU (an older laptop whose GPU has no Vulkan driver
    /// may still have Mesa's software Vulkan installed, and its GPU's OpenGL draws faster);
    /// else whichever software renderer answers, Vulkan first.
    fn automatic(settings: &WgpuSettings) -> Result<Option<Found>, String> {
        let vulkan = vulkan(settings);
        if vulkan.as_ref().is_some_and(|v| !is_software(v)) {
            return Ok(vulkan);
        }
        let opengl = match opengl(settings) {
            Ok(found) => found,
            // Without an X connection for OpenGL, software Vulkan still draws.
            Err(_) if vulkan.is_some() => None,
            Err(message) => return Err(message),
        };
        let name = |found: &Found| found.1.get_info().name;
        Ok(match (vulkan, opengl) {
            (vulkan, Some(gl)) if !is_software(&gl) => {
                if vulkan.is_some() {
                    eprintln!(
                        "rapport: Vulkan renders in software here; drawing with the GPU's \
                         OpenGL ({})",
                        name(&gl)
                    );
                } else {
                    eprintln!(
                        "rapport: no Vulkan driver found; drawing with OpenGL ({})",
                        name(&gl)
                    );
                }
                Some(gl)
            }
            (Some(vulkan), _) => Some(vulkan),
            (None, Some(gl)) => {
                eprintln!(
                    "rapport: no Vulkan driver found; drawing with OpenGL ({})",
                    name(&gl)
                );
                Some(gl)
            }
            (None, None) => None,
        })
    }

    fn vulkan(settings: &WgpuSettings) -> Option<Found> {
        let (instance, adapter) = adapter(settings, wgpu::Backends::VULKAN, None)?;
        Some((instance, adapter, None))
    }

    fn opengl(settings: &WgpuSettings) -> Result<Option<Found>, String> {
        let display = XDisplay::open()?;
        Ok(
            adapter(settings, wgpu::Backends::GL, Some(Box::new(display)))
                .map(|(instance, adapter)| (instance, adapter, Some(display))),
        )
    }

    /// Names the renderer's X connection in the window's handle, which winit filled with its
    /// own, before the renderer creates the window's surface.
    pub fn window_uses_the_gl_display(
        added: On<Insert, RawHandleWrapper>,
        display: Res<XDisplay>,
        mut handles: Query<&mut RawHandleWrapper>,
    ) {
        if let Ok(mut handle) = handles.get_mut(added.entity) {
            handle.set_display_handle(display.raw());
        }
    }

    fn adapter(
        settings: &WgpuSettings,
        backends: wgpu::Backends,
        display: Option<Box<dyn wgpu::wgt::WgpuHasDisplayHandle>>,
    ) -> Option<(wgpu::Instance, wgpu::Adapter)> {
        let mut descriptor = wgpu::InstanceDescriptor::new_without_display_handle();
        descriptor.backends = backends;
        descriptor.flags = settings.instance_flags;
        descriptor.memory_budget_thresholds = settings.instance_memory_budget_thresholds;
        descriptor.backend_options.gl.gles_minor_version = settings.gles3_minor_version;
        descriptor.display = display;
        let instance = wgpu::Instance::new(descriptor);
        let adapter =
            bevy::tasks::block_on(instance.request_adapter(&wgpu::RequestAdapterOptions {
                power_preference: settings.power_preference,
                compatible_surface: None,
                force_fallback_adapter: settings.force_fallback_adapter,
            }))
            .ok()?;
        Some((instance, adapter))
    }

    /// The device as Bevy's automatic creation makes it: the adapter's features and limits
    /// (without mappable primary buffers on a discrete GPU), plus the settings' own.
    fn device_for(
        settings: &WgpuSettings,
        instance: wgpu::Instance,
        adapter: wgpu::Adapter,
    ) -> RenderCreation {
        let info = adapter.get_info();
        info!("{info:?}");
        let mut features = wgpu::Features::empty();
        let mut limits = settings.limits.clone();
        if matches!(settings.priority, WgpuSettingsPriority::Functionality) {
            features = adapter.features();
            if info.device_type == wgpu::DeviceType::DiscreteGpu {
                features.remove(wgpu::Features::MAPPABLE_PRIMARY_BUFFERS);
            }
            limits = adapter.limits();
        }
        if let Some(disabled) = settings.disabled_features {
            features.remove(disabled);
        }
        features |= settings.features;
        if let Some(constrained) = settings.constrained_limits.as_ref() {
            limits = limits.or_worse_values_from(constrained);
        }
        let descriptor = wgpu::DeviceDescriptor {
            label: settings.device_label.as_ref().map(AsRef::as_ref),
            required_features: features,
            required_limits: limits,
            // As Bevy does (bevy#22082): its shaders rely on features wgpu calls experimental.
            // SAFETY: the same descriptor Bevy's automatic creation uses.
            experimental_features: unsafe { wgpu::ExperimentalFeatures::enabled() },
            memory_hints: settings.memory_hints.clone(),
            trace: wgpu::Trace::Off,
        };
        let (device, queue) = bevy::tasks::block_on(adapter.request_device(&descriptor))
            .expect("the adapter refused the device it reported it could create");
        RenderCreation::manual(
            RenderDevice::from(device),
            RenderQueue(Arc::new(WgpuWrapper::new(queue))),
            RenderAdapterInfo(WgpuWrapper::new(info)),
            RenderAdapter(Arc::new(WgpuWrapper::new(adapter))),
            RenderInstance(Arc::new(WgpuWrapper::new(instance))),
        )
    }

    /// A connection to the X server for EGL, the one the game window opens on.
    mod x11 {
        use raw_window_handle::{
            DisplayHandle, HandleError, HasDisplayHandle, RawDisplayHandle, XlibDisplayHandle,
        };
        use std::ffi::c_void;
        use std::ptr::NonNull;

        #[derive(Debug, Clone, Copy, bevy::prelude::Resource)]
        pub struct XDisplay {
            display: NonNull<c_void>,
            screen: i32,
        }

        // SAFETY: the connection is only used by EGL inside wgpu, which serialises its calls,
        // and Xlib is initialised for threads before it is opened.
        unsafe impl Send for XDisplay {}
        unsafe impl Sync for XDisplay {}

        impl XDisplay {
            /// Opens `$DISPLAY`. The connection stays open for the rest of the run: the
            /// renderer draws through it until the game exits.
            pub fn open() -> Result<Self, String> {
                let xlib = x11_dl::xlib::Xlib::open()
                    .map_err(|err| format!("rapport: cannot load the X11 library: {err}"))?;
                // SAFETY: plain Xlib calls; XInitThreads comes before any other.
                let (display, screen) = unsafe {
                    (xlib.XInitThreads)();
                    let display = (xlib.XOpenDisplay)(std::ptr::null());
                    let screen = if display.is_null() {
                        0
                    } else {
                        (xlib.XDefaultScreen)(display)
                    };
                    (display, screen)
                };
                // x11-dl never unloads libX11, so the connection outlives `xlib`.
                let display = NonNull::new(display.cast::<c_void>())
                    .ok_or("rapport: cannot open the X11 display for OpenGL")?;
                Ok(Self { display, screen })
            }
        }

        impl XDisplay {
            pub fn raw(&self) -> RawDisplayHandle {
                RawDisplayHandle::Xlib(XlibDisplayHandle::new(Some(self.display), self.screen))
            }
        }

        impl HasDisplayHandle for XDisplay {
            fn display_handle(&self) -> Result<DisplayHandle<'_>, HandleError> {
                // SAFETY: the connection outlives every handle: it is never closed.
                Ok(unsafe { DisplayHandle::borrow_raw(self.raw()) })
            }
        }
    }
}
