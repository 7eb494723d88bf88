//! RON's own errors (a missing comma, an unknown field, a quoted number…) turned into located
//! diagnostics with a hint a trainer can act on.

use super::diagnostic::Diagnostic;
use super::line_index::LineIndex;
use super::spans::Node;

/// The end of the token before `offset`, skipping white space and comments: where a missing
/// comma belongs.
fn previous_token_end(source: &str, offset: usize) -> usize {
    let mut end = offset.min(source.len());
    loop {
        let before = source[..end].trim_end();
        end = before.len();
        // A `//` comment at the end of the previous line.
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        match before[line_start..].find("//") {
            Some(i) if !before[line_start..line_start + i].contains('"') => end = line_start + i,
            _ => return end,
        }
    }
}

/// The struct (deepest first) that contains `offset`: where a missing field belongs.
fn innermost_struct(node: &Node, offset: usize) -> Option<&Node> {
    if !node.span.contains(&offset) && node.span.end != offset {
        return None;
    }
    let children: Vec<&Node> = match &node.kind {
        super::spans::NodeKind::Struct(fields) => fields.iter().map(|f| &f.value).collect(),
        super::spans::NodeKind::Seq(items) => items.iter().collect(),
        super::spans::NodeKind::Map(items) => items.iter().flat_map(|(k, v)| [k, v]).collect(),
        _ => Vec::new(),
    };
    children
        .into_iter()
        .find_map(|c| innermost_struct(c, offset))
        .or(matches!(node.kind, super::spans::NodeKind::Struct(_)).then_some(node))
}

pub(super) fn from_ron_error(lines: &LineIndex, err: &ron::error::SpannedError) -> Diagnostic {
    use ron::Error as E;
    let source = lines.source();
    let mut start = lines.offset_of(err.span.start.line, err.span.start.col);
    let mut end = lines
        .offset_of(err.span.end.line, err.span.end.col)
        .max(start + 1);
    match &err.code {
        E::ExpectedComma => {
            let at = previous_token_end(source, start);
            (start, end) = (at, at + 1);
        }
        E::MissingStructField { .. } => {
            // RON reports the closing bracket; point at the opening of the part instead.
            let tree = super::spans::parse(source);
            let at = tree
                .as_ref()
                .and_then(|t| innermost_struct(t, start.saturating_sub(1)))
                .map(|n| n.span.start);
            if let Some(at) = at {
                let line_end = source[at..].find('\n').map_or(source.len(), |i| at + i);
                (start, end) = (at, line_end.max(at + 1));
            }
        }
        _ => {}
    }
    let list = |names: &[&str]| {
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (code, message, label, help) = match &err.code {
        E::NoSuchStructField { expected, found, outer } => (
            "E002",
            format!("`{found}` is not a field of {}", outer.as_deref().unwrap_or("this part")),
            "unknown field".to_string(),
            format!("Check the spelling, or remove it. Allowed here: {}.", list(expected)),
        ),
        E::MissingStructField { field, outer } => (
            "E002",
            format!("{} is missing the field `{field}`", outer.as_deref().unwrap_or("this part")),
            format!("this part has no `{field}`"),
            format!("Add `{field}: …` inside these brackets (see docs/scenario-format.md)."),
        ),
        E::DuplicateStructField { field, .. } => (
            "E002",
            format!("the field `{field}` is written twice"),
            "second time".to_string(),
            "Keep one of the two and delete the other.".to_string(),
        ),
        E::NoSuchEnumVariant { expected, found, .. } => (
            "E002",
            format!("`{found}` is not one of the allowed words here"),
            "not allowed here".to_string(),
            format!("Write one of: {}.", list(expected)),
        ),
        E::InvalidValueForType { expected, found } => (
            "E002",
            format!("expected {expected}, found {found}"),
            "wrong kind of value".to_string(),
            format!("Write {expected} here."),
        ),
        E::ExpectedDifferentStructName { expected, found } => (
            "E002",
            format!("expected `{expected}(`, found `{found}(`"),
            "wrong name".to_string(),
            format!("Write `{expected}` here (or leave the name out)."),
        ),
        E::ExpectedInteger | E::ExpectedFloat
            if source.get(start..).is_some_and(|r| r.trim_start().starts_with('"')) =>
        {
            let quote = start + source[start..].find('"').unwrap_or(0);
            let quoted = source[quote + 1..]
                .split('"')
                .next()
                .unwrap_or_default()
                .trim()
                .to_string();
            let help = if quoted.parse::<f64>().is_ok() {
                format!("Remove the quotes: write {quoted}, not \"{quoted}\".")
            } else {
                "Write a number without quotes here (for importance, 1 to 5).".to_string()
            };
            (
                "E001",
                "a number is expected here, without quotes".to_string(),
                "quoted".to_string(),
                help,
            )
        }
        E::ExpectedString | E::ExpectedStringEnd => (
            "E001",
            err.code.to_string(),
            "text expected".to_string(),
            "Text goes between double quotes: \"like this\". A quote inside text is written \\\".".to_string(),
        ),
        E::Eof => (
            "E001",
            "the file ends too early".to_string(),
            "file ends here".to_string(),
            "A closing bracket `)` or `]` is probably missing; count the brackets of the part you last edited."
                .to_string(),
        ),
        E::ExpectedComma => (
            "E001",
            "a comma is missing".to_string(),
            "expected `,` after this".to_string(),
            "Put a comma at the end of this line: every field and list item ends with `,`.".to_string(),
        ),
        E::ExpectedArrayEnd | E::ExpectedStructLikeEnd | E::ExpectedMapEnd => (
            "E001",
            err.code.to_string(),
            "expected `,` or a closing bracket".to_string(),
            "Put a comma after each field and list item; check that every `(` and `[` is closed."
                .to_string(),
        ),
        other => (
            "E001",
            other.to_string(),
            "the file stops making sense here".to_string(),
            "Look just before this point for a missing comma, quote or bracket.".to_string(),
        ),
    };
    Diagnostic::error(code, message)
        .label(label)
        .help(help)
        .at(lines, start..end)
}
