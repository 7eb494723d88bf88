//! Problems found in a scenario file, located by line and column, with a hint in a
//! trainer's words, and rendered the way rustc shows errors.

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
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        format!(
            "{file}:{}:{}: {sev}[{}]: {}",
            self.line, self.column, self.code, self.message
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

    pub fn at(self, source: &str, span: Range<usize>) -> Diagnostic {
        let span = clamp_span(source, span);
        let (line, column) = line_column(source, span.start);
        Diagnostic {
            code: self.code,
            severity: self.severity,
            message: self.message,
            span,
            line,
            column,
            label: self.label,
            help: self.help,
        }
    }
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

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = &source.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// Byte offset of a 1-based line and column (columns in characters).
pub fn offset_of(source: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (i, text) in source.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let within: usize = text
                .chars()
                .take(column.saturating_sub(1))
                .map(char::len_utf8)
                .sum();
            return (offset + within).min(source.len());
        }
        offset += text.len();
    }
    source.len()
}

/// Renders diagnostics rustc-style: the code, `file:line:col`, the source line with the
/// span underlined, and the help line. No colour, so it reads the same in any terminal or file.
pub fn render(file: &str, source: &str, diagnostics: &[Diagnostic]) -> String {
    use ariadne::{Config, Label, Report, ReportKind, Source};
    let mut out = Vec::new();
    for d in diagnostics {
        let kind = match d.severity {
            Severity::Error => ReportKind::Error,
            Severity::Warning => ReportKind::Warning,
        };
        // ariadne counts character offsets.
        let char_start = source[..d.span.start].chars().count();
        let char_len = source[d.span.clone()].chars().count().max(1);
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
        if report
            .finish()
            .write((file, Source::from(source)), &mut out)
            .is_err()
        {
            out.extend_from_slice(d.short(file).as_bytes());
            out.push(b'\n');
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_from_one_in_characters() {
        let src = "ab\ncdé f\n";
        assert_eq!(line_column(src, 0), (1, 1));
        assert_eq!(line_column(src, 3), (2, 1));
        let f = src.find('f').unwrap();
        assert_eq!(line_column(src, f), (2, 5));
        assert_eq!(offset_of(src, 2, 5), f);
    }
}
