//! Names made safe to show: control characters and direction marks neutralised, and cut to a
//! display width with "…", so a hostile or 10,000-character name cannot break a table.

use rapport_core::visible::is_hidden;
use unicode_width::UnicodeWidthChar;

/// A text with every control character (C0, DEL, C1: newlines, tabs, escape sequences) and
/// every invisible formatting character replaced by U+FFFD, so it cannot move the cursor,
/// colour the terminal or reverse the line it sits in.
pub fn for_terminal(text: &str) -> String {
    text.chars()
        .map(|c| if is_hidden(c) { '\u{FFFD}' } else { c })
        .collect()
}

/// The columns a (neutralised) text takes in a terminal.
pub fn display_width(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// A name neutralised with [`for_terminal`] and cut to at most `width` columns, ending in "…"
/// when it was cut.
pub fn shortened_to_width(text: &str, width: usize) -> String {
    let safe = for_terminal(text);
    if display_width(&safe) <= width {
        return safe;
    }
    let mut out = String::new();
    let mut used = 0;
    for c in safe.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// A text padded with spaces to `width` columns (left-aligned).
pub fn pad(text: &str, width: usize) -> String {
    let w = display_width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}

/// A text padded with spaces to `width` columns (right-aligned).
pub fn pad_left(text: &str, width: usize) -> String {
    let w = display_width(text);
    format!("{}{text}", " ".repeat(width.saturating_sub(w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_newlines_and_direction_marks_are_neutralised() {
        let safe = for_terminal("a\u{1b}[31mb\nc\u{202e}d\u{200f}e");
        assert!(!safe.chars().any(is_hidden));
        assert_eq!(safe.chars().filter(|&c| c == '\u{FFFD}').count(), 4);
    }

    #[test]
    fn long_and_wide_names_are_cut_to_the_width() {
        let long = "x".repeat(10_000);
        let short = shortened_to_width(&long, 20);
        assert_eq!(display_width(&short), 20);
        assert!(short.ends_with('…'));
        let emoji = "😀".repeat(30);
        assert!(display_width(&shortened_to_width(&emoji, 21)) <= 21);
        assert_eq!(shortened_to_width("Zoë", 20), "Zoë");
    }
}
