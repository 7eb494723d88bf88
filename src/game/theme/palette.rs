//! The palette: calm warm neutrals with one teal accent, and a high-contrast variant.
//! No information is carried by colour alone: every coloured mark also has a word or a number.

use bevy::prelude::*;

/// What a colour is for; widgets name roles, the palette gives the colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColorRole {
    Background,
    Panel,
    PanelAlt,
    Text,
    Muted,
    Accent,
    OnAccent,
    Button,
    ButtonHover,
    ButtonPressed,
    Primary,
    PrimaryHover,
    Border,
    Focus,
    Good,
    Bad,
    Neutral,
    Track,
    Trainee,
    Customer,
    Warning,
    Transparent,
    Scrim,
}

#[derive(Debug, Clone)]
pub struct Palette {
    pub background: Color,
    pub panel: Color,
    pub panel_alt: Color,
    pub text: Color,
    pub muted: Color,
    pub accent: Color,
    pub on_accent: Color,
    pub button: Color,
    pub button_hover: Color,
    pub button_pressed: Color,
    pub primary_hover: Color,
    pub border: Color,
    pub focus: Color,
    pub good: Color,
    pub bad: Color,
    pub neutral: Color,
    pub track: Color,
    pub trainee: Color,
    pub customer: Color,
    pub warning: Color,
    pub scrim: Color,
}

fn hex(s: &str) -> Color {
    Srgba::hex(s).map(Color::from).unwrap_or(Color::BLACK)
}

impl Palette {
    /// The default: warm paper, ink text, a teal accent.
    pub fn calm() -> Palette {
        Palette {
            background: hex("F3F0E8"),
            panel: hex("FFFFFF"),
            panel_alt: hex("ECE7DC"),
            text: hex("1E2A33"),
            muted: hex("4F5D69"),
            accent: hex("2B6A6E"),
            on_accent: hex("FFFFFF"),
            button: hex("E4DED2"),
            button_hover: hex("D7CFBF"),
            button_pressed: hex("C7BEAB"),
            primary_hover: hex("22585B"),
            border: hex("CCC4B3"),
            focus: hex("C4460E"),
            good: hex("2E7D4F"),
            bad: hex("B0413E"),
            neutral: hex("7A828A"),
            track: hex("E2DDD2"),
            trainee: hex("E6F0EF"),
            customer: hex("FFFFFF"),
            warning: hex("8A5A00"),
            scrim: Color::srgba(0.1, 0.1, 0.1, 0.55),
        }
    }

    /// Black and white with yellow and cyan marks, for projectors and low vision.
    pub fn high_contrast() -> Palette {
        Palette {
            background: hex("000000"),
            panel: hex("000000"),
            panel_alt: hex("1A1A1A"),
            text: hex("FFFFFF"),
            muted: hex("F0F0F0"),
            accent: hex("FFD400"),
            on_accent: hex("000000"),
            button: hex("000000"),
            button_hover: hex("333333"),
            button_pressed: hex("555555"),
            primary_hover: hex("FFE766"),
            border: hex("FFFFFF"),
            focus: hex("00E5FF"),
            good: hex("7CFF7C"),
            bad: hex("FF8080"),
            neutral: hex("DDDDDD"),
            track: hex("333333"),
            trainee: hex("0A2A2A"),
            customer: hex("000000"),
            warning: hex("FFD400"),
            scrim: Color::srgba(0.0, 0.0, 0.0, 0.8),
        }
    }

    pub fn get(&self, role: ColorRole) -> Color {
        match role {
            ColorRole::Background => self.background,
            ColorRole::Panel => self.panel,
            ColorRole::PanelAlt => self.panel_alt,
            ColorRole::Text => self.text,
            ColorRole::Muted => self.muted,
            ColorRole::Accent => self.accent,
            ColorRole::OnAccent => self.on_accent,
            ColorRole::Button => self.button,
            ColorRole::ButtonHover => self.button_hover,
            ColorRole::ButtonPressed => self.button_pressed,
            ColorRole::Primary => self.accent,
            ColorRole::PrimaryHover => self.primary_hover,
            ColorRole::Border => self.border,
            ColorRole::Focus => self.focus,
            ColorRole::Good => self.good,
            ColorRole::Bad => self.bad,
            ColorRole::Neutral => self.neutral,
            ColorRole::Track => self.track,
            ColorRole::Trainee => self.trainee,
            ColorRole::Customer => self.customer,
            ColorRole::Warning => self.warning,
            ColorRole::Transparent => Color::NONE,
            ColorRole::Scrim => self.scrim,
        }
    }
}
