//! Problems found in a scenario file, located by line and column, with a hint in a
//! trainer's words, and rendered the way rustc shows errors.

use super::line_index::LineIndex;
use serde::Serialize;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// A stable code such as `E003`, listed in `docs/scenario-format.md`.
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    /// Byte range in the source that the problem is about.
    pub span: Range<usize>,
    /// 1-based line of the span's start.
    pub line: usize,
    /// 1-based column (in characters) of the span's start.
    pub column: usize,
    /// What the underline says.
    pub label: String,
    /// What to write instead.
    pub help: String,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> DiagnosticBuilder {
        DiagnosticBuilder::new(code, Severity::Error, message.into())
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> DiagnosticBuilder {
        DiagnosticBuilder::new(code, Severity::Warning, message.into())
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column: error[E003]: message`, the one-line form for editors and scripts.
    pub fn short(&self, file: &str) -> String {
        format!(
            "{file}:{}:{}: {}[{}]: {}",
            self.line,
            self.column,
            severity_word(self),
            self.code,
            self.message
        )
    }
}

/// Collects a diagnostic's parts; `at` fixes its place in the source.
pub struct DiagnosticBuilder {
    code: &'static str,
    severity: Severity,
    message: String,
    label: String,
    help: String,
}

impl DiagnosticBuilder {
    fn new(code: &'static str, severity: Severity, message: String) -> Self {
        DiagnosticBuilder {
            code,
            severity,
            message,
            label: String::new(),
            help: String::new(),
        }
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = help.into();
        self
    }

    /// Fixes the diagnostic's place: `span` in the text `lines` indexes.
    pub fn at(self, lines: &LineIndex, span: Range<usize>) -> Diagnostic {
        let span = clamp_span(lines.source(), span);
        let (line, column) = lines.line_column(span.start);
        Diagnostic {
            code: self.code,
            severity: self.severity,
            message: shown(&self.message),
            span,
            line,
            column,
            label: shown(&self.label),
            help: shown(&self.help),
        }
    }
}

/// What a message echoes from the file is cut ([`shorten_long_words`]) and made visible: an
/// id holding a terminal escape or a direction override cannot recolour or reverse the line.
fn shown(text: &str) -> String {
    crate::visible::escaped(&shorten_long_words(text))
}

/// The source as printed under a message: each direction override or other invisible
/// character becomes U+FFFD (3 bytes like them, so every span stays where it was) and each
/// control character other than a line end as many spaces as it has bytes.
fn printable_source(source: &str) -> std::borrow::Cow<'_, str> {
    if !source
        .chars()
        .any(|c| crate::visible::is_hidden(c) && c != '\n' && c != '\r')
    {
        return std::borrow::Cow::Borrowed(source);
    }
    // Spans are byte offsets: each replacement keeps its character's length in bytes.
    let same_width = |c: char| match c {
        '\n' | '\r' => c.to_string(),
        c if crate::visible::is_hidden(c) && c.len_utf8() == 3 => "\u{FFFD}".to_string(),
        c if crate::visible::is_hidden(c) => " ".repeat(c.len_utf8()),
        c => c.to_string(),
    };
    std::borrow::Cow::Owned(source.chars().map(same_width).collect())
}

fn clamp_span(source: &str, span: Range<usize>) -> Range<usize> {
    let mut start = span.start.min(source.len());
    while !source.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, source.len());
    while !source.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// Diagnostics rendered in full per file; the rest are counted in one line.
pub const SHOWN_PER_FILE: usize = 50;
/// A word longer than this, in characters, is shortened wherever a message echoes it.
pub const LONGEST_WORD_SHOWN: usize = 60;
/// A source line longer than this, in characters, is shown shortened around the problem.
pub const LONGEST_LINE_SHOWN: usize = 200;

/// `16777216` as `16,777,216`.
pub fn with_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// The first characters of an overlong word, then `…`: at most `keep` characters and the `…`.
fn prefix_chars(word: &str, keep: usize) -> &str {
    let end = word.char_indices().nth(keep).map_or(word.len(), |(i, _)| i);
    &word[..end]
}

/// Any word (a run of non-blank characters) longer than [`LONGEST_WORD_SHOWN`] characters is
/// cut to its first 40 with `…` and its length, e.g. `` `xxxx…` (a 16,777,216-character
/// word) ``, so that echoing what a file says can never print megabytes.
pub fn shorten_long_words(text: &str) -> String {
    const QUOTES: &[char] = &['`', '"', '\'', '(', '['];
    const CLOSING: &[char] = &['`', '"', '\'', ')', ']'];
    const PUNCTUATION: &[char] = &[',', '.', ';', ':', '!', '?'];
    if text.len() <= LONGEST_WORD_SHOWN {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len().min(4096));
    for piece in text.split_inclusive(char::is_whitespace) {
        let word = piece.trim_end();
        if word.len() <= LONGEST_WORD_SHOWN || word.chars().count() <= LONGEST_WORD_SHOWN {
            out.push_str(piece);
            continue;
        }
        let core = word.trim_start_matches(QUOTES);
        let before_punctuation = core.trim_end_matches(PUNCTUATION);
        let bare = before_punctuation.trim_end_matches(CLOSING);
        // Quotes and punctuation around the word stay; a word made of them is cut as it is.
        let (opening, bare, closing, punctuation) = if bare.len() > LONGEST_WORD_SHOWN {
            (
                &word[..word.len() - core.len()],
                bare,
                &before_punctuation[bare.len()..],
                &core[before_punctuation.len()..],
            )
        } else {
            ("", word, "", "")
        };
        out.push_str(opening);
        out.push_str(prefix_chars(bare, 40));
        out.push('…');
        out.push_str(closing);
        out.push_str(&format!(
            " (a {}-character word)",
            with_thousands(bare.chars().count())
        ));
        out.push_str(punctuation);
        out.push_str(&piece[word.len()..]);
    }
    out
}

fn severity_word(d: &Diagnostic) -> &'static str {
    match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The line that stands for the diagnostics past the first [`SHOWN_PER_FILE`], e.g. `… and
/// 15,951 more problems in this file, not shown (15,951 errors); …`; `None` when every one is
/// shown.
pub fn not_shown<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> Option<String> {
    let (mut errors, mut warnings) = (0, 0);
    for d in diagnostics.into_iter().skip(SHOWN_PER_FILE) {
        if d.is_error() {
            errors += 1;
        } else {
            warnings += 1;
        }
    }
    if errors + warnings == 0 {
        return None;
    }
    let count = |n: usize, what: &str| {
        format!(
            "{} {what}{}",
            with_thousands(n),
            if n == 1 { "" } else { "s" }
        )
    };
    let kinds: Vec<String> = [(errors, "error"), (warnings, "warning")]
        .into_iter()
        .filter(|&(n, _)| n > 0)
        .map(|(n, what)| count(n, what))
        .collect();
    let rest = errors + warnings;
    Some(format!(
        "… and {} more {} in this file, not shown ({}); fix the ones above and check again",
        with_thousands(rest),
        if rest == 1 { "problem" } else { "problems" },
        kinds.join(", ")
    ))
}

/// The one-line form of each diagnostic shown (at most [`SHOWN_PER_FILE`]), then the line
/// counting the rest.
pub fn render_short(file: &str, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics.iter().take(SHOWN_PER_FILE) {
        out.push_str(&d.short(file));
        out.push('\n');
    }
    if let Some(rest) = not_shown(diagnostics) {
        out.push_str(&rest);
        out.push('\n');
    }
    out
}

/// Renders diagnostics rustc-style: the code, `file:line:col`, the source line with the
/// span underlined, and the help line. No colour, so it reads the same in any terminal or file.
/// At most [`SHOWN_PER_FILE`] are rendered, then one line counts the rest; a source line
/// longer than [`LONGEST_LINE_SHOWN`] characters is shown shortened around the span.
pub fn render(file: &str, source: &str, diagnostics: &[Diagnostic]) -> String {
    use ariadne::{Config, Label, Report, ReportKind, Source};
    let mut out = Vec::new();
    if diagnostics.is_empty() {
        return String::new();
    }
    let printable = printable_source(source);
    let source = printable.as_ref();
    let lines = LineIndex::new(source);
    // Built once per file: building it reads the whole text.
    let whole = Source::from(source);
    for d in diagnostics.iter().take(SHOWN_PER_FILE) {
        let span = clamp_span(source, d.span.clone());
        let (first_line, _) = lines.line_column(span.start);
        let (last_line, _) = lines.line_column(span.end.saturating_sub(1).max(span.start));
        // ariadne prints the first and last line of a span and elides the lines between.
        let overlong = [first_line, last_line].into_iter().any(|l| {
            let bytes = lines.line_span(l);
            bytes.len() > LONGEST_LINE_SHOWN
                && lines.char_offset(bytes.end) - lines.char_offset(bytes.start)
                    > LONGEST_LINE_SHOWN
        });
        if overlong {
            out.extend_from_slice(render_shortened_line(file, &lines, d, span).as_bytes());
            continue;
        }
        let kind = match d.severity {
            Severity::Error => ReportKind::Error,
            Severity::Warning => ReportKind::Warning,
        };
        // ariadne counts character offsets.
        let char_start = lines.char_offset(span.start);
        let char_len = (lines.char_offset(span.end) - char_start).max(1);
        let char_span = char_start..char_start + char_len;
        let mut report = Report::build(kind, (file, char_span.clone()))
            .with_config(Config::default().with_color(false))
            .with_code(d.code)
            .with_message(&d.message)
            .with_label(Label::new((file, char_span)).with_message(&d.label));
        if !d.help.is_empty() {
            report = report.with_help(&d.help);
        }
        // Writing into a Vec cannot fail; fall back to the short form if ariadne ever does.
        if report.finish().write((file, &whole), &mut out).is_err() {
            out.extend_from_slice(d.short(file).as_bytes());
            out.push(b'\n');
        }
    }
    if let Some(rest) = not_shown(diagnostics) {
        out.extend_from_slice(rest.as_bytes());
        out.push(b'\n');
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A diagnostic on a line too long to print whole, laid out as ariadne lays out the others:
/// the line is cut to a window around the start of the span, with `…` where it was cut, and
/// only the span's part on its first line is underlined.
fn render_shortened_line(
    file: &str,
    lines: &LineIndex,
    d: &Diagnostic,
    span: Range<usize>,
) -> String {
    const BEFORE: usize = 60;
    const UNDERLINED: usize = 100;
    let source = lines.source();
    let (line, column) = lines.line_column(span.start);
    let whole_line = lines.line_span(line);
    let span_end = span.end.min(whole_line.end);
    // Characters before the span, at most BEFORE of them.
    let left = source[whole_line.start..span.start]
        .char_indices()
        .rev()
        .nth(BEFORE - 1)
        .map_or(whole_line.start, |(i, _)| whole_line.start + i);
    let underlined_end = span.start + prefix_chars(&source[span.start..span_end], UNDERLINED).len();
    let after = LONGEST_LINE_SHOWN.saturating_sub(BEFORE + UNDERLINED);
    let right = underlined_end + prefix_chars(&source[underlined_end..whole_line.end], after).len();
    let printable = |text: &str| -> String {
        text.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect()
    };
    let mut shown = String::new();
    if left > whole_line.start {
        shown.push('…');
    }
    shown.push_str(&printable(&source[left..span.start]));
    let underline_at = shown.chars().count();
    let underlined = printable(&source[span.start..underlined_end]);
    let underline_len = underlined.chars().count().max(1);
    shown.push_str(&underlined);
    shown.push_str(&printable(&source[underlined_end..right]));
    if right < whole_line.end {
        shown.push('…');
    }

    let width = line.to_string().len();
    let gutter = " ".repeat(width + 2);
    let kind = match d.severity {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
    };
    let middle = underline_len / 2;
    let mut underline = "─".repeat(middle);
    underline.push('┬');
    underline.push_str(&"─".repeat(underline_len - middle - 1));
    let pad = " ".repeat(underline_at);
    let mut out = format!(
        "[{code}] {kind}: {message}\n\
         {gutter}╭─[ {file}:{line}:{column} ]\n\
         {gutter}│\n\
         \x20{line:>width$} │ {shown}\n\
         {gutter}│ {pad}{underline}  \n\
         {gutter}│ {pad}{to_middle}╰{arrow} {label}\n",
        code = d.code,
        message = d.message,
        to_middle = " ".repeat(middle),
        arrow = "─".repeat(underline_len - middle + 1),
        label = d.label,
    );
    if !d.help.is_empty() {
        out.push_str(&format!("{gutter}│ \n{gutter}│ Help: {}\n", d.help));
    }
    out.push_str(&"─".repeat(width + 2));
    out.push_str("╯\n");
    out
}
