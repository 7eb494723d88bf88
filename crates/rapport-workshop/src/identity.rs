//! Who a trainee is: the one cleaning of a name (Settings, `--trainee` and `simulate` share
//! it), the key two names are matched by, and a workshop code in its canonical form.
//!
//! A name is kept as typed, less what cannot be part of a name: control characters (newlines,
//! tabs, escape sequences) and invisible formatting (direction overrides, zero-width joiners)
//! become spaces, runs of spaces become one, the ends are trimmed, and the text is in Unicode
//! normal form C. Names are matched case-free on top of that.

use crate::code::WorkshopCode;
use rapport_core::visible::is_hidden;
use unicode_normalization::UnicodeNormalization;

/// Longest name kept (in characters): a name is for a report's table, not an essay.
pub const NAME_MAX: usize = 80;

/// A name as kept, or `None` when nothing of it is left (a blank name is no name).
pub fn cleaned_name(raw: &str) -> Option<String> {
    let mut out = String::new();
    let mut space = false;
    for c in raw.nfc().take(NAME_MAX) {
        if c.is_whitespace() || is_hidden(c) {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    (!out.is_empty()).then_some(out)
}

/// What two names are matched by: the cleaned name, case-folded, then in normal form C (a
/// lowercase letter may decompose differently from its capital). Also the report's sort key,
/// a locale-free order people read as alphabetical ("émile" beside "Emma", not after "Zoë").
pub fn name_key(name: &str) -> String {
    let cleaned = cleaned_name(name).unwrap_or_default();
    cleaned.to_lowercase().nfc().collect()
}

/// A workshop code as it is stored and compared: its canonical spelling (upper case, dashes
/// in groups of four, `I`/`L`/`O` typed for `1`/`0` corrected), or, for a text that is not a
/// readable code (a hand-made result), the text trimmed and upper-cased.
pub fn canonical_code(text: &str) -> String {
    match WorkshopCode::decode(text) {
        Ok(code) => code.encode(),
        Err(_) => text.trim().to_uppercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_trimmed_spaced_and_composed_and_a_blank_one_is_no_name() {
        assert_eq!(cleaned_name("  Ana \t Lima\n").as_deref(), Some("Ana Lima"));
        assert_eq!(cleaned_name("\u{1b}[31mRed").as_deref(), Some("[31mRed"));
        assert_eq!(
            cleaned_name("\u{202e}Reversa\u{202c}").as_deref(),
            Some("Reversa")
        );
        // "José" with a combining accent becomes the precomposed form.
        assert_eq!(cleaned_name("Jose\u{301}").as_deref(), Some("José"));
        assert_eq!(cleaned_name(" \t\n\u{200b} "), None);
        assert_eq!(cleaned_name(""), None);
        assert_eq!(
            cleaned_name(&"x".repeat(500)).unwrap().chars().count(),
            NAME_MAX
        );
    }

    #[test]
    fn names_match_free_of_case_spaces_and_unicode_form() {
        assert_eq!(name_key("  MARIA  Silva"), name_key("maria silva"));
        assert_eq!(name_key("Jose\u{301}"), name_key("JOSÉ"));
        assert_ne!(name_key("Maria"), name_key("Mario"));
    }

    #[test]
    fn a_code_typed_any_way_has_one_canonical_form() {
        let code = WorkshopCode::new(&[("corner-cafe".into(), 7)], 2026)
            .unwrap()
            .encode();
        let sloppy = code.to_lowercase().replace('-', " ");
        assert_eq!(canonical_code(&sloppy), code);
        assert_eq!(canonical_code(" rap-made-up "), "RAP-MADE-UP");
    }
}
