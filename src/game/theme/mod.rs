//! The look of the game in one place: the palette (normal and high contrast), text sizes that
//! follow the text-size setting, small widget helpers, and hover/press/focus styling.
//!
//! Widgets name a colour *role* and a text *role*; [`apply`] turns roles into colours and sizes
//! whenever an element appears or the settings change, so screens never pick a colour.

pub mod interaction;
pub mod palette;
pub mod widgets;

use bevy::prelude::*;
pub use palette::{ColorRole, Palette};

/// The regular face, embedded in the binary (Inter, SIL Open Font License: assets/fonts/OFL.txt).
pub const FONT_REGULAR: &[u8] = include_bytes!("../../../assets/fonts/Inter-Regular.otf");
/// The semibold face for headings and buttons.
pub const FONT_SEMIBOLD: &[u8] = include_bytes!("../../../assets/fonts/Inter-SemiBold.otf");

/// The theme in force: palette and text scale, derived from the settings.
#[derive(Resource, Debug, Clone)]
pub struct Theme {
    pub palette: Palette,
    /// 0.8–2.0.
    pub text_scale: f32,
    pub high_contrast: bool,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            palette: Palette::calm(),
            text_scale: 1.0,
            high_contrast: false,
        }
    }
}

/// Text sizes, in logical pixels at 100 %.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextRole {
    Title,
    Heading,
    Body,
    Small,
    Button,
}

impl TextRole {
    pub fn base_size(self) -> f32 {
        match self {
            TextRole::Title => 28.0,
            TextRole::Heading => 20.0,
            TextRole::Body => 16.0,
            TextRole::Small => 13.5,
            TextRole::Button => 16.0,
        }
    }

    fn strong(self) -> bool {
        matches!(self, TextRole::Title | TextRole::Heading | TextRole::Button)
    }
}

/// A text element's role: its size follows the text-size setting.
#[derive(Component, Debug, Clone, Copy)]
pub struct Txt {
    pub role: TextRole,
    pub strong: bool,
}

/// The colour of a text element.
#[derive(Component, Debug, Clone, Copy)]
pub struct Fg(pub ColorRole);

/// The background of a node.
#[derive(Component, Debug, Clone, Copy)]
pub struct Bg(pub ColorRole);

/// The border of a node.
#[derive(Component, Debug, Clone, Copy)]
pub struct Edge(pub ColorRole);

/// The semibold face (the regular one is the default font).
#[derive(Resource, Debug, Clone, Default)]
pub struct Fonts {
    pub semibold: Handle<Font>,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Theme>();
    app.init_resource::<Fonts>();
    app.add_systems(Startup, install_fonts);
    app.add_systems(PostUpdate, apply.before(bevy::ui::UiSystems::Prepare));
    app.add_plugins(interaction::plugin);
}

/// Puts the embedded fonts into the font assets, the regular face as the default font, so the
/// very first frame has its text and a copied binary needs no `assets/` folder.
fn install_fonts(fonts: Option<ResMut<Assets<Font>>>, mut handles: ResMut<Fonts>) {
    let Some(mut fonts) = fonts else { return };
    let _ = fonts.insert(AssetId::default(), Font::from_bytes(FONT_REGULAR.to_vec()));
    handles.semibold = fonts.add(Font::from_bytes(FONT_SEMIBOLD.to_vec()));
}

#[allow(clippy::type_complexity)]
fn apply(
    theme: Res<Theme>,
    clear: Option<ResMut<ClearColor>>,
    fonts: Res<Fonts>,
    mut texts: Query<(Ref<Txt>, &mut TextFont)>,
    mut fgs: Query<(Ref<Fg>, &mut TextColor)>,
    mut bgs: Query<(Ref<Bg>, &mut BackgroundColor)>,
    mut edges: Query<(Ref<Edge>, &mut BorderColor)>,
) {
    let all = theme.is_changed();
    if all && let Some(mut clear) = clear {
        clear.0 = theme.palette.background;
    }
    for (txt, mut font) in &mut texts {
        if all || txt.is_added() || txt.is_changed() {
            font.font_size = FontSize::Px((txt.role.base_size() * theme.text_scale).round());
            font.font = if txt.strong && fonts.semibold != Handle::default() {
                fonts.semibold.clone().into()
            } else {
                FontSource::default()
            };
        }
    }
    for (fg, mut color) in &mut fgs {
        if all || fg.is_added() || fg.is_changed() {
            color.0 = theme.palette.get(fg.0);
        }
    }
    for (bg, mut color) in &mut bgs {
        if all || bg.is_added() || bg.is_changed() {
            color.0 = theme.palette.get(bg.0);
        }
    }
    for (edge, mut color) in &mut edges {
        if all || edge.is_added() || edge.is_changed() {
            *color = BorderColor::all(theme.palette.get(edge.0));
        }
    }
}

impl Txt {
    pub fn new(role: TextRole) -> Txt {
        Txt {
            role,
            strong: role.strong(),
        }
    }
}
