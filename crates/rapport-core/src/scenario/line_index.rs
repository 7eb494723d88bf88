//! Line and column of a byte offset, found by binary search over line starts indexed once per
//! file, so that locating every diagnostic of a file costs one pass over it, not one per
//! diagnostic.

use std::ops::Range;

/// Bytes between two counts of the characters before them: a column is counted from the
/// nearest count, so a place on a very long line is found without reading the whole line.
const CHECKPOINT: usize = 256;

/// The line starts of one text, and enough character counts to turn bytes into columns.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    source: &'a str,
    /// Byte offset where each line starts; lines end at `\n` (a `\r` before it belongs to the
    /// line, as RON counts them).
    line_starts: Vec<usize>,
    /// Characters in `source[..k * CHECKPOINT]`, for each `k`.
    chars_before_checkpoint: Vec<usize>,
}

/// A UTF-8 byte that starts a character (not a continuation byte).
fn starts_char(byte: u8) -> bool {
    byte & 0xC0 != 0x80
}

impl<'a> LineIndex<'a> {
    pub fn new(source: &'a str) -> Self {
        let bytes = source.as_bytes();
        let mut line_starts = vec![0];
        line_starts.extend(
            bytes
                .iter()
                .enumerate()
                .filter(|&(_, &b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        let mut chars_before_checkpoint = Vec::with_capacity(bytes.len() / CHECKPOINT + 1);
        let mut chars = 0;
        for block in bytes.chunks(CHECKPOINT) {
            chars_before_checkpoint.push(chars);
            chars += block.iter().filter(|&&b| starts_char(b)).count();
        }
        chars_before_checkpoint.push(chars);
        LineIndex {
            source,
            line_starts,
            chars_before_checkpoint,
        }
    }

    pub fn source(&self) -> &'a str {
        self.source
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Characters before a byte offset (clamped to the text).
    pub fn char_offset(&self, offset: usize) -> usize {
        let offset = offset.min(self.source.len());
        let block = offset / CHECKPOINT;
        let from = block * CHECKPOINT;
        self.chars_before_checkpoint[block]
            + self.source.as_bytes()[from..offset]
                .iter()
                .filter(|&&b| starts_char(b))
                .count()
    }

    /// 0-based index of the line holding a byte offset.
    fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset) - 1
    }

    /// 1-based line and 1-based column, in characters, of a byte offset (clamped to the text).
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.source.len());
        let line = self.line_of(offset);
        let column = self.char_offset(offset) - self.char_offset(self.line_starts[line]) + 1;
        (line + 1, column)
    }

    /// The bytes of a 1-based line, without its `\n` or a `\r` before it.
    pub fn line_span(&self, line: usize) -> Range<usize> {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.source.len()..self.source.len();
        };
        let end = self
            .line_starts
            .get(line)
            .map_or(self.source.len(), |&next| next - 1);
        let end = if self.source.as_bytes()[start..end].ends_with(b"\r") {
            end - 1
        } else {
            end
        };
        start..end
    }

    /// Byte offset of a 1-based line and 1-based column in characters; a column past the end
    /// of its line stops at the line's end, a line past the end of the text at its end.
    pub fn offset_of(&self, line: usize, column: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.source.len();
        };
        let end = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.source.len());
        let within: usize = self.source[start..end]
            .chars()
            .take(column.saturating_sub(1))
            .map(char::len_utf8)
            .sum();
        start + within
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_from_one_in_characters() {
        let src = "ab\ncdé f\n";
        let index = LineIndex::new(src);
        assert_eq!(index.line_column(0), (1, 1));
        assert_eq!(index.line_column(3), (2, 1));
        let f = src.find('f').unwrap();
        assert_eq!(index.line_column(f), (2, 5));
        assert_eq!(index.offset_of(2, 5), f);
        assert_eq!(index.line_column(src.len()), (3, 1));
        assert_eq!(&src[index.line_span(2)], "cdé f");
    }

    #[test]
    fn a_carriage_return_is_not_part_of_a_line_shown() {
        let src = "ab\r\ncd";
        let index = LineIndex::new(src);
        assert_eq!(&src[index.line_span(1)], "ab");
        assert_eq!(index.line_column(4), (2, 1));
    }
}
