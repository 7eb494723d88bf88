//! A tolerant RON reader that keeps where every value stands in the source, so that a
//! semantic problem found after parsing can point at the exact line and column.

use std::ops::Range;

/// A value in the source with the byte range it covers.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub span: Range<usize>,
    pub kind: NodeKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    /// `Name(field: value, …)` or `(field: value, …)`.
    Struct(Vec<Field>),
    /// `Name(value, …)`, `(value, …)`, `[value, …]`.
    Seq(Vec<Node>),
    /// `{key: value, …}`.
    Map(Vec<(Node, Node)>),
    /// A string literal, unescaped.
    Str(String),
    /// A number, identifier, boolean or char, as written.
    Atom(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    pub name_span: Range<usize>,
    pub value: Node,
}

impl Node {
    /// The value of a struct field, looking through `Some(…)`.
    pub fn field(&self, name: &str) -> Option<&Node> {
        match &self.unwrap_some().kind {
            NodeKind::Struct(fields) => fields.iter().find(|f| f.name == name).map(|f| &f.value),
            _ => None,
        }
    }

    /// The span of a struct field's name (for "this field is not allowed" and the like).
    pub fn field_name_span(&self, name: &str) -> Option<Range<usize>> {
        match &self.unwrap_some().kind {
            NodeKind::Struct(fields) => fields
                .iter()
                .find(|f| f.name == name)
                .map(|f| f.name_span.clone()),
            _ => None,
        }
    }

    /// The n-th element of a list or tuple.
    pub fn index(&self, n: usize) -> Option<&Node> {
        match &self.unwrap_some().kind {
            NodeKind::Seq(items) => items.get(n),
            _ => None,
        }
    }

    pub fn items(&self) -> &[Node] {
        match &self.unwrap_some().kind {
            NodeKind::Seq(items) => items,
            _ => &[],
        }
    }

    fn unwrap_some(&self) -> &Node {
        // `Some(x)` reads as a one-element sequence; tolerate both shapes.
        self
    }
}

/// Follows a path such as `["needs", "2", "id"]` from the root.
pub fn locate<'a>(root: &'a Node, path: &[&str]) -> Option<&'a Node> {
    let mut node = root;
    for step in path {
        node = match step.parse::<usize>() {
            Ok(i) => node.index(i)?,
            Err(_) => match node.field(step) {
                Some(n) => n,
                // `Some((…))` wraps a struct in a one-element sequence.
                None => node.index(0).and_then(|inner| inner.field(step))?,
            },
        };
    }
    Some(node)
}

/// Reads the whole text; `None` when it is not RON this reader understands.
pub fn parse(text: &str) -> Option<Node> {
    let mut p = Parser {
        src: text.as_bytes(),
        pos: 0,
        depth: 0,
    };
    p.skip_trivia();
    // Top-level attributes such as `#![enable(implicit_some)]`.
    while p.peek() == Some(b'#') {
        while let Some(c) = p.peek() {
            p.pos += 1;
            if c == b']' {
                break;
            }
        }
        p.skip_trivia();
    }
    let node = p.value()?;
    p.skip_trivia();
    Some(node)
}

struct Parser<'a> {
    src: &'a [u8],
    pos: usize,
    depth: usize,
}

const MAX_DEPTH: usize = 128;

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    fn skip_trivia(&mut self) {
        loop {
            match self.peek() {
                Some(c) if c.is_ascii_whitespace() => self.pos += 1,
                Some(b'/') if self.src.get(self.pos + 1) == Some(&b'/') => {
                    while let Some(c) = self.peek() {
                        if c == b'\n' {
                            break;
                        }
                        self.pos += 1;
                    }
                }
                Some(b'/') if self.src.get(self.pos + 1) == Some(&b'*') => {
                    self.pos += 2;
                    let mut nesting = 1;
                    while nesting > 0 && self.pos < self.src.len() {
                        if self.src[self.pos..].starts_with(b"/*") {
                            nesting += 1;
                            self.pos += 2;
                        } else if self.src[self.pos..].starts_with(b"*/") {
                            nesting -= 1;
                            self.pos += 2;
                        } else {
                            self.pos += 1;
                        }
                    }
                }
                _ => return,
            }
        }
    }

    fn value(&mut self) -> Option<Node> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        self.skip_trivia();
        let start = self.pos;
        let result = match self.peek()? {
            b'"' => self.string().map(|s| Node {
                span: start..self.pos,
                kind: NodeKind::Str(s),
            }),
            b'r' if matches!(self.src.get(self.pos + 1), Some(b'"' | b'#')) => {
                self.raw_string().map(|s| Node {
                    span: start..self.pos,
                    kind: NodeKind::Str(s),
                })
            }
            b'[' => {
                self.pos += 1;
                self.seq_items(b']').map(|items| Node {
                    span: start..self.pos,
                    kind: NodeKind::Seq(items),
                })
            }
            b'{' => {
                self.pos += 1;
                self.map_items().map(|items| Node {
                    span: start..self.pos,
                    kind: NodeKind::Map(items),
                })
            }
            b'(' => self.parens(start),
            b'\'' => {
                self.pos += 1;
                while let Some(c) = self.peek() {
                    self.pos += 1;
                    if c == b'\\' {
                        self.pos += 1;
                    } else if c == b'\'' {
                        break;
                    }
                }
                let atom = String::from_utf8_lossy(&self.src[start..self.pos.min(self.src.len())])
                    .into_owned();
                Some(Node {
                    span: start..self.pos,
                    kind: NodeKind::Atom(atom),
                })
            }
            _ => {
                let word = self.word();
                if word.is_empty() {
                    return None;
                }
                self.skip_trivia();
                if self.peek() == Some(b'(') {
                    // A named struct, tuple struct or enum variant: the span covers the name too.
                    self.parens(start)
                } else {
                    Some(Node {
                        span: start..start + word.len(),
                        kind: NodeKind::Atom(word),
                    })
                }
            }
        };
        self.depth -= 1;
        result
    }

    fn word(&mut self) -> String {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-' | b'+') || c >= 0x80 {
                self.pos += 1;
            } else {
                break;
            }
        }
        String::from_utf8_lossy(&self.src[start..self.pos]).into_owned()
    }

    fn string(&mut self) -> Option<String> {
        self.pos += 1;
        let mut out = Vec::new();
        loop {
            let c = self.peek()?;
            self.pos += 1;
            match c {
                b'"' => return Some(String::from_utf8_lossy(&out).into_owned()),
                b'\\' => {
                    let e = self.peek()?;
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b't' => out.push(b'\t'),
                        b'r' => out.push(b'\r'),
                        other => out.push(other),
                    }
                }
                other => out.push(other),
            }
        }
    }

    fn raw_string(&mut self) -> Option<String> {
        self.pos += 1;
        let mut hashes = 0;
        while self.peek() == Some(b'#') {
            hashes += 1;
            self.pos += 1;
        }
        if self.peek() != Some(b'"') {
            return None;
        }
        self.pos += 1;
        let start = self.pos;
        loop {
            if self.pos >= self.src.len() {
                return None;
            }
            if self.src[self.pos] == b'"'
                && self.src.len() >= self.pos + 1 + hashes
                && self.src[self.pos + 1..self.pos + 1 + hashes]
                    .iter()
                    .all(|&b| b == b'#')
            {
                let s = String::from_utf8_lossy(&self.src[start..self.pos]).into_owned();
                self.pos += 1 + hashes;
                return Some(s);
            }
            self.pos += 1;
        }
    }

    /// After the name (if any) of a parenthesised value: a struct when it starts `ident:`.
    fn parens(&mut self, start: usize) -> Option<Node> {
        if self.peek() != Some(b'(') {
            return None;
        }
        self.pos += 1;
        self.skip_trivia();
        let save = self.pos;
        let name = self.word();
        self.skip_trivia();
        let is_struct = !name.is_empty()
            && self.peek() == Some(b':')
            && self.src.get(self.pos + 1) != Some(&b':');
        self.pos = save;
        if !is_struct {
            let items = self.seq_items(b')')?;
            return Some(Node {
                span: start..self.pos,
                kind: NodeKind::Seq(items),
            });
        }
        let mut fields = Vec::new();
        loop {
            self.skip_trivia();
            if self.peek()? == b')' {
                self.pos += 1;
                return Some(Node {
                    span: start..self.pos,
                    kind: NodeKind::Struct(fields),
                });
            }
            let name_start = self.pos;
            let name = self.word();
            if name.is_empty() {
                return None;
            }
            let name_span = name_start..self.pos;
            self.skip_trivia();
            if self.peek()? != b':' {
                return None;
            }
            self.pos += 1;
            let value = self.value()?;
            fields.push(Field {
                name,
                name_span,
                value,
            });
            self.skip_trivia();
            match self.peek()? {
                b',' => self.pos += 1,
                b')' => {}
                _ => return None,
            }
        }
    }

    fn seq_items(&mut self, close: u8) -> Option<Vec<Node>> {
        let mut items = Vec::new();
        loop {
            self.skip_trivia();
            if self.peek()? == close {
                self.pos += 1;
                return Some(items);
            }
            items.push(self.value()?);
            self.skip_trivia();
            match self.peek()? {
                b',' => self.pos += 1,
                c if c == close => {}
                _ => return None,
            }
        }
    }

    fn map_items(&mut self) -> Option<Vec<(Node, Node)>> {
        let mut items = Vec::new();
        loop {
            self.skip_trivia();
            if self.peek()? == b'}' {
                self.pos += 1;
                return Some(items);
            }
            let key = self.value()?;
            self.skip_trivia();
            if self.peek()? != b':' {
                return None;
            }
            self.pos += 1;
            let value = self.value()?;
            items.push((key, value));
            self.skip_trivia();
            match self.peek()? {
                b',' => self.pos += 1,
                b'}' => {}
                _ => return None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_fields_with_their_spans() {
        let text = "Scenario(\n  needs: [\n    (id: \"a\", x: 1),\n    (id: \"b\", about: [\"q\"]),\n  ],\n  opt: Some((k: 2)),\n)";
        let root = parse(text).expect("parses");
        let id = locate(&root, &["needs", "1", "id"]).expect("found");
        assert_eq!(&text[id.span.clone()], "\"b\"");
        let k = locate(&root, &["opt", "k"]).expect("found through Some");
        assert_eq!(&text[k.span.clone()], "2");
        let about = locate(&root, &["needs", "1", "about", "0"]).expect("found");
        assert_eq!(about.kind, NodeKind::Str("q".into()));
    }

    #[test]
    fn skips_comments_and_raw_strings() {
        let text = "// head\n( /* a */ a: r#\"x \"y\"\"#, b: Some(3), c: 'c' )";
        let root = parse(text).expect("parses");
        assert_eq!(
            root.field("a").map(|n| n.kind.clone()),
            Some(NodeKind::Str("x \"y\"".into()))
        );
        assert!(root.field("b").is_some());
        assert!(root.field("c").is_some());
    }
}
