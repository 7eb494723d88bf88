//! Where a damaged result is damaged: the field (`debrief.score.total`, `moves[3].kind`) and
//! its line and column, so a facilitator can open the file and see what a hand edit broke.
//! Only a file that failed to read is walked; a good file is read in one pass.

use rapport_core::visible::{ECHO_LIMIT, echoed};

/// One step of a path into a JSON document.
enum Step {
    Key(String),
    Index(usize),
}

fn path_text(steps: &[Step]) -> String {
    let mut out = String::new();
    for step in steps {
        match step {
            Step::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(&echoed(key, ECHO_LIMIT));
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// The byte offset of a 1-based line and column, as serde_json counts them (columns in
/// bytes; column 0 is the line's end before it).
pub fn offset_of(bytes: &[u8], line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match bytes[start..].iter().position(|&b| b == b'\n') {
            Some(i) => start += i + 1,
            None => return bytes.len(),
        }
    }
    (start + column.saturating_sub(1)).min(bytes.len())
}

/// The 1-based line and column of a byte offset.
pub fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    (line, offset - line_start + 1)
}

/// Walks a JSON document (already known to be valid) and calls `visit` with the path and
/// byte range of every value; stops when `visit` returns true.
fn walk(bytes: &[u8], mut visit: impl FnMut(&[Step], std::ops::Range<usize>) -> bool) {
    let mut path: Vec<Step> = Vec::new();
    // Each open container: whether it is an object, where it starts, the path's length there.
    let mut open: Vec<(bool, usize, usize)> = Vec::new();
    let mut expecting_key = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' | b'[' => {
                let object = bytes[i] == b'{';
                open.push((object, i, path.len()));
                if !object {
                    path.push(Step::Index(0));
                }
                expecting_key = object;
                i += 1;
            }
            b'}' | b']' => {
                let (_, start, depth) = open.pop().unwrap_or((false, 0, 0));
                path.truncate(depth);
                i += 1;
                if visit(&path, start..i) {
                    return;
                }
                expecting_key = false;
            }
            b',' => {
                if let Some(&(object, _, depth)) = open.last() {
                    if object {
                        path.truncate(depth);
                        expecting_key = true;
                    } else if let Some(Step::Index(n)) = path.last_mut() {
                        *n += 1;
                    }
                }
                i += 1;
            }
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
                let end = i.min(bytes.len());
                if expecting_key {
                    let key =
                        serde_json::from_slice::<String>(&bytes[start..end]).unwrap_or_default();
                    path.push(Step::Key(key));
                    expecting_key = false;
                } else if visit(&path, start..end) {
                    return;
                }
            }
            b' ' | b'\t' | b'\n' | b'\r' | b':' => i += 1,
            _ => {
                let start = i;
                while i < bytes.len() && !b",]} \t\n\r".contains(&bytes[i]) {
                    i += 1;
                }
                if visit(&path, start..i) {
                    return;
                }
            }
        }
    }
}

/// The path of the innermost value at `offset`, e.g. `debrief.score.total`.
pub fn field_at(bytes: &[u8], offset: usize) -> String {
    let mut found = String::new();
    walk(bytes, |path, range| {
        // serde_json points at a value's last byte, or just past it.
        if range.start <= offset && offset <= range.end {
            found = path_text(path);
            return true;
        }
        false
    });
    found
}

/// The 1-based line and column where the value at `field` (as [`field_at`] names it) starts.
pub fn place_of(bytes: &[u8], field: &str) -> Option<(usize, usize)> {
    let mut found = None;
    walk(bytes, |path, range| {
        if path_text(path) == field {
            found = Some(line_column(bytes, range.start));
            return true;
        }
        false
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &[u8] = br#"{
  "a": 1,
  "b": {"c": [10, {"d": "x\"y"}, 30], "e": null, "h": {}},
  "f": "g"
}"#;

    #[test]
    fn the_field_at_a_place_is_named_by_its_path() {
        let at = |needle: &[u8]| {
            let i = DOC.windows(needle.len()).position(|w| w == needle).unwrap();
            field_at(DOC, i + needle.len() - 1)
        };
        assert_eq!(at(b"1,"), "a");
        assert_eq!(at(b"30"), "b.c[2]");
        assert_eq!(at(b"\"x\\\"y\""), "b.c[1].d");
        assert_eq!(at(b"null"), "b.e");
        assert_eq!(at(b"\"g\""), "f");
        assert_eq!(at(b"{}"), "b.h");
    }

    #[test]
    fn a_field_is_found_by_its_path_at_its_line_and_column() {
        assert_eq!(place_of(DOC, "b.c[1].d"), Some((3, 25)));
        assert_eq!(place_of(DOC, "f"), Some((4, 8)));
        assert_eq!(place_of(DOC, "nothing"), None);
        assert_eq!(offset_of(DOC, 4, 8), DOC.len() - 5);
    }
}
