//! Finds the JSON path (`stages[3].gate.criteria[2]`) of a byte position in a JSON document.
//!
//! serde_json reports errors by line and column only. Rather than pull in a path-tracking
//! deserializer, we re-scan the (already size-capped) text up to the error and keep a stack of the
//! objects and arrays we are in. The scan is linear and never fails: on malformed input it simply
//! describes the position it reached.

/// One level of nesting on the way to a position.
enum Frame {
    Object { key: Option<String> },
    Array { index: usize },
}

/// The JSON path of the value at `line` and `column` (1-based, as serde_json counts them), or an empty
/// string at the top level.
pub(crate) fn path_at(source: &str, line: usize, column: usize) -> String {
    let offset = offset_of(source, line, column);
    let mut stack: Vec<Frame> = Vec::new();
    let bytes = source.as_bytes();
    let mut i = 0;
    while i < offset.min(bytes.len()) {
        match bytes[i] {
            b'{' => stack.push(Frame::Object { key: None }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { key }) => *key = None,
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            b'"' => {
                let end = string_end(bytes, i);
                if let Some(Frame::Object { key }) = stack.last_mut()
                    && key.is_none()
                    && is_key(bytes, end)
                {
                    *key = Some(unescape(&source[i + 1..end.min(bytes.len()).max(i + 1)]));
                }
                i = end;
            }
            _ => {}
        }
        i += 1;
    }
    render(&stack)
}

/// The byte offset of a 1-based line and column; serde_json's column counts bytes within the line.
fn offset_of(source: &str, line: usize, column: usize) -> usize {
    let line_start: usize = source
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    line_start + column
}

/// The index of the quote that closes the string opening at `start`, or the end of input.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Whether the string that ends at `end` is followed by a colon, which makes it an object key.
fn is_key(bytes: &[u8], end: usize) -> bool {
    bytes
        .get(end + 1..)
        .unwrap_or_default()
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b':')
}

/// A readable form of a key; escapes are rare in keys, so only the common ones are decoded.
fn unescape(raw: &str) -> String {
    raw.replace("\\\"", "\"").replace("\\\\", "\\")
}

fn render(stack: &[Frame]) -> String {
    let mut path = String::new();
    for frame in stack {
        match frame {
            Frame::Object { key: Some(key) } => {
                let plain = !key.is_empty()
                    && key
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
                if plain {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(key);
                } else {
                    path.push_str(&format!("[{key:?}]"));
                }
            }
            Frame::Object { key: None } => {}
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `source` marks the position with `|`, which is removed before the scan.
    #[track_caller]
    fn check(source: &str, expected: &str) {
        let offset = source
            .find('|')
            .expect("test source must mark a position with |");
        let text = source.replace('|', "");
        let line = text[..offset].matches('\n').count() + 1;
        let line_start = text[..offset].rfind('\n').map_or(0, |n| n + 1);
        let column = offset - line_start;
        assert_eq!(path_at(&text, line, column), expected);
    }

    #[test]
    fn paths() {
        check(r#"|{"a": 1}"#, "");
        check(r#"{"a": 1|}"#, "a");
        check(r#"{"a": [1, 2, 3|]}"#, "a[2]");
        check(r#"{"a": [{"b": 1}, {"c": {"d": true|}}]}"#, "a[1].c.d");
        check(r#"{"a": [{"b": 1}|, {"c": 2}]}"#, "a[0]");
        check(r#"{"a": {"b": 1}, "c"|: 2}"#, "c");
        check(r#"{"a,b": {"x}": "]", "y": 2|}}"#, "[\"a,b\"].y");
        check(r#"{"s": "a\"b", "t": 1|}"#, "t");
        check(
            "{\n  \"stages\": [\n    {\"number\": 1},\n    {\"number\": 2|}\n  ]\n}",
            "stages[1].number",
        );
        check(
            r#"{"a": [1, 2"#.to_owned().as_str().replace("2", "2|").as_str(),
            "a[1]",
        );
    }
}
