//! User text made safe to echo in a message: ids, names, codes and paths a message quotes
//! may hold terminal escapes, direction overrides that reverse the rest of the line, or
//! megabytes. Here they are made visible (`\u{202e}`, `\x1b`) and cut to a bounded length,
//! so what a message says is what the reader sees.

/// How many characters of a user's text a one-line message quotes.
pub const ECHO_LIMIT: usize = 80;

/// Characters that act on the text around them instead of showing themselves: every control
/// character (C0, DEL, C1), direction marks, embeddings, overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069), zero-width characters, line and paragraph separators and
/// the byte-order mark.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
        )
}

/// The text with every [`is_hidden`] character written as a Rust escape (`\u{202e}`,
/// `\n`, `\t`), whatever its length.
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_visible(&mut out, c);
    }
    out
}

fn push_visible(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if is_hidden(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        c => out.push(c),
    }
}

/// The text made visible with [`escaped`] and cut after `limit` characters of the original,
/// ending in `…` and its full length when it was cut: `"xxxx… (10,000 characters)"`.
pub fn echoed(text: &str, limit: usize) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    for c in chars.by_ref().take(limit) {
        push_visible(&mut out, c);
    }
    if chars.next().is_some() {
        let total = text.chars().count();
        out.push_str(&format!(
            "… ({} characters)",
            crate::scenario::diagnostic::with_thousands(total)
        ));
    }
    out
}

/// Bytes that should be text (a file name on Unix may be any bytes): the UTF-8 parts made
/// visible as [`echoed`] does, each invalid byte written `\xNN`, cut after `limit` characters.
pub fn echoed_bytes(bytes: &[u8], limit: usize) -> String {
    let mut out = String::new();
    let (mut shown, mut total) = (0, 0);
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if shown < limit {
                push_visible(&mut out, c);
                shown += 1;
            }
            total += 1;
        }
        for &byte in chunk.invalid() {
            if shown < limit {
                out.push_str(&format!("\\x{byte:02x}"));
                shown += 1;
            }
            total += 1;
        }
    }
    if total > shown {
        out.push_str(&format!(
            "… ({} characters)",
            crate::scenario::diagnostic::with_thousands(total)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_direction_overrides_are_shown_as_escapes() {
        assert_eq!(
            escaped("a\u{1b}[31mb\u{202e}c\u{2066}d\ne"),
            "a\\u{1b}[31mb\\u{202e}c\\u{2066}d\\ne"
        );
        assert_eq!(escaped("Zoë 🙂"), "Zoë 🙂");
    }

    #[test]
    fn a_long_text_is_cut_and_says_how_long_it_was() {
        let shown = echoed(&"é".repeat(10_000), 5);
        assert_eq!(shown, "ééééé… (10,000 characters)");
        assert_eq!(echoed("short", 80), "short");
    }

    #[test]
    fn invalid_bytes_are_written_as_hex() {
        assert_eq!(echoed_bytes(b"caf\xe9.json", 80), "caf\\xe9.json");
        assert_eq!(
            echoed_bytes(b"\xff\xfeab", 3),
            "\\xff\\xfea… (4 characters)"
        );
    }
}
