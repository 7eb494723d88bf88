//! From a file's bytes to its text, the one way both `check` and the game do it: at most
//! [`MAX_SCENARIO_BYTES`], UTF-8 (a byte-order mark is allowed and dropped), and otherwise a
//! located diagnostic with a hint, so the two can never disagree about a file.

use super::diagnostic::Diagnostic;
use super::line_index::LineIndex;

/// The largest scenario file read: far more than any scenario needs (the shipped ones are
/// under 100 KB), small enough that a wrong file cannot exhaust a laptop's memory.
pub const MAX_SCENARIO_BYTES: usize = 8 * 1024 * 1024;

/// Bytes that are not a readable scenario: the text to show (decoded leniently) and why.
#[derive(Debug, Clone)]
pub struct Undecodable {
    pub shown: String,
    pub diagnostic: Diagnostic,
}

/// The text of a scenario file, or why it cannot be read.
pub fn decode(bytes: &[u8]) -> Result<String, Box<Undecodable>> {
    if bytes.len() > MAX_SCENARIO_BYTES {
        let diagnostic = Diagnostic::error(
            "E004",
            format!(
                "the file is too large: {} bytes; a scenario may have at most {} MB",
                bytes.len(),
                MAX_SCENARIO_BYTES >> 20
            ),
        )
        .label("too large")
        .help("Check that this is the scenario you meant; a scenario is a few hundred kilobytes at most.")
        .at(&LineIndex::new(""), 0..0);
        return Err(Box::new(Undecodable {
            shown: String::new(),
            diagnostic,
        }));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let diagnostic = Diagnostic::error("E004", "the file is saved as UTF-16, not UTF-8")
            .label("UTF-16 byte-order mark")
            .help("Save the file as UTF-8 (in most editors: Save with encoding, then UTF-8).")
            .at(&LineIndex::new(""), 0..0);
        return Err(Box::new(Undecodable {
            shown: String::new(),
            diagnostic,
        }));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(with_lone_returns_as_newlines(text)),
        Err(e) => {
            let shown = String::from_utf8_lossy(bytes).into_owned();
            let at = e.valid_up_to();
            let diagnostic = Diagnostic::error("E004", "the file is not UTF-8 text")
                .label("this byte is not UTF-8")
                .help("Save the file as UTF-8 (in most editors: Save with encoding, then UTF-8); a character typed in another encoding is often the cause.")
                .at(&LineIndex::new(&shown), at..at + 1);
            Err(Box::new(Undecodable { shown, diagnostic }))
        }
    }
}

/// A file saved with old Mac line endings (a lone `\r`) reads as lines, as editors show it:
/// each lone `\r` becomes `\n` (one byte for one, so every offset stays where it was), and
/// the parser, the line index and the rendered snippets count the same lines.
fn with_lone_returns_as_newlines(text: &str) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
    String::from_utf8(bytes).expect("one ASCII byte replaced by another keeps UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_mac_line_endings_read_as_lines_and_windows_ones_stay() {
        assert_eq!(decode(b"a\rb\r\nc\r").unwrap(), "a\nb\r\nc\n");
    }

    #[test]
    fn a_bad_byte_is_located_and_a_byte_order_mark_is_dropped() {
        assert_eq!(decode(b"\xEF\xBB\xBFScenario(").unwrap(), "Scenario(");
        let d = decode(b"Scenario(\n  meta: caf\xE9,\n")
            .unwrap_err()
            .diagnostic;
        assert_eq!((d.code, d.line, d.column), ("E004", 2, 12));
        assert!(d.help.contains("UTF-8"));
        let d = decode(b"\xFF\xFES\x00").unwrap_err().diagnostic;
        assert!(d.message.contains("UTF-16"));
        let big = vec![b' '; MAX_SCENARIO_BYTES + 1];
        assert!(
            decode(&big)
                .unwrap_err()
                .diagnostic
                .message
                .contains("too large")
        );
    }
}
