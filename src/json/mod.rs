//! A strict JSON reader for scenario documents. Unlike a general-purpose parser it keeps repeated
//! keys (so the scenario reader can report them where they are), caps nesting at 128 levels without
//! recursion-depth surprises, and locates syntax errors by line and column in Unicode characters.

/// A parsed JSON value. Objects keep their members in document order, repeats included.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    /// The JSON type name, for error messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }
}

/// Building values to write: the trace, exported documents and console answers are `Json` built
/// in document order and written by serde_json through the `Serialize` impl below. (serde_json's
/// own `Value` would bring a second map type and its machinery into the module.)
impl Json {
    pub fn object<const N: usize>(members: [(&str, Json); N]) -> Json {
        Json::Object(
            members
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        )
    }

    /// Sets `key` on an object: replaces the member with that key, or appends one.
    pub fn set(&mut self, key: &str, value: Json) {
        if let Json::Object(members) = self {
            match members.iter_mut().find(|(k, _)| k == key) {
                Some((_, old)) => *old = value,
                None => members.push((key.to_string(), value)),
            }
        }
    }

    pub fn strings(items: &[String]) -> Json {
        Json::Array(items.iter().map(|s| Json::from(s.as_str())).collect())
    }

    /// Compact JSON text.
    pub fn text(&self) -> String {
        crate::surely(serde_json::to_string(self), "JSON values serialize")
    }

    /// JSON text indented by two spaces, as documents are exported.
    pub fn pretty(&self) -> String {
        crate::surely(serde_json::to_string_pretty(self), "JSON values serialize")
    }
}

impl From<&str> for Json {
    fn from(s: &str) -> Json {
        Json::String(s.to_string())
    }
}

impl From<String> for Json {
    fn from(s: String) -> Json {
        Json::String(s)
    }
}

impl From<bool> for Json {
    fn from(b: bool) -> Json {
        Json::Bool(b)
    }
}

impl From<u32> for Json {
    fn from(n: u32) -> Json {
        Json::Number(f64::from(n))
    }
}

impl From<usize> for Json {
    fn from(n: usize) -> Json {
        Json::Number(n as f64)
    }
}

impl From<f64> for Json {
    fn from(n: f64) -> Json {
        Json::Number(n)
    }
}

impl From<Vec<Json>> for Json {
    fn from(items: Vec<Json>) -> Json {
        Json::Array(items)
    }
}

impl<T: Into<Json>> From<Option<T>> for Json {
    fn from(value: Option<T>) -> Json {
        value.map_or(Json::Null, Into::into)
    }
}

impl serde::Serialize for Json {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Json::Null => serializer.serialize_unit(),
            Json::Bool(b) => serializer.serialize_bool(*b),
            // Whole numbers print without a fraction ("5", not "5.0") while every one is exact.
            Json::Number(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => {
                serializer.serialize_i64(*n as i64)
            }
            Json::Number(n) => serializer.serialize_f64(*n),
            Json::String(s) => serializer.serialize_str(s),
            Json::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Object(members) => {
                let mut map = serializer.serialize_map(Some(members.len()))?;
                for (key, value) in members {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

pub const MAX_DEPTH: usize = 128;

/// A syntax error: what went wrong and where (1-based line and column, in characters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub problem: Problem,
    pub line: u32,
    pub column: u32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    UnexpectedEnd,
    UnexpectedCharacter(char),
    TrailingCharacters,
    TooDeep,
    BadEscape,
    ControlCharacterInString,
    BadNumber,
    /// A byte that is not UTF-8 (`Some`), or a character cut off by the end (`None`).
    NotUtf8(Option<u8>),
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::UnexpectedEnd => {
                f.write_str("the document ends too early; close every open string, array and object")
            }
            Problem::UnexpectedCharacter(c) => write!(
                f,
                "unexpected {}; check for a missing comma, quote or bracket just before it",
                describe_char(*c)
            ),
            Problem::TrailingCharacters => f.write_str(
                "there is more text after the document; a scenario is exactly one JSON object",
            ),
            Problem::TooDeep => write!(
                f,
                "values are nested more than {MAX_DEPTH} levels deep; flatten the document"
            ),
            Problem::BadEscape => f.write_str(
                "invalid escape in a string; use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u followed by four hex digits (surrogates in pairs)",
            ),
            Problem::ControlCharacterInString => f.write_str(
                "a control character (such as a raw line break) is inside a string; write it as an escape like \\n",
            ),
            Problem::BadNumber => f.write_str(
                "malformed number; write digits with an optional minus sign, fraction and exponent (no leading zeros, no trailing dot)",
            ),
            Problem::NotUtf8(Some(byte)) => write!(
                f,
                "byte 0x{byte:02X} is not UTF-8 text; save the file as UTF-8"
            ),
            Problem::NotUtf8(None) => {
                f.write_str("the file ends inside a character; save the file as UTF-8")
            }
        }
    }
}

fn describe_char(c: char) -> String {
    match c {
        '\'' => "single quote (JSON strings use double quotes)".to_string(),
        c if c.is_control() || c.is_whitespace() => format!("character U+{:04X}", c as u32),
        c => format!("character '{c}'"),
    }
}

/// The bytes of a file as text, or where they stop being UTF-8.
pub fn utf8(bytes: &[u8]) -> Result<&str, SyntaxError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        // Columns count characters, as the parser's do; the valid prefix is UTF-8.
        let column = String::from_utf8_lossy(&valid[line_start..])
            .chars()
            .count()
            + 1;
        SyntaxError {
            problem: Problem::NotUtf8(e.error_len().map(|_| bytes[e.valid_up_to()])),
            line: line as u32,
            column: column as u32,
        }
    })
}

/// Parses one JSON document. A leading UTF-8 byte-order mark is ignored.
pub fn parse(text: &str) -> Result<Json, SyntaxError> {
    with_parser(text, |_| true, |p| p.document())
}

/// Parses one or more JSON documents written one after another (what a shell loop of AWS CLI
/// calls prints), separated by whitespace or nothing.
pub fn parse_sequence(text: &str) -> Result<Vec<Json>, SyntaxError> {
    with_parser(text, |_| true, |p| p.sequence())
}

/// `parse_sequence` for a reader that looks at a few fields only: the members of any object
/// whose key `keep` refuses are checked as JSON and left out, so they cost no memory (most of
/// what AWS CLI output holds is not read).
pub fn parse_sequence_keeping(
    text: &str,
    keep: fn(&str) -> bool,
) -> Result<Vec<Json>, SyntaxError> {
    with_parser(text, keep, |p| p.sequence())
}

fn with_parser<T>(
    text: &str,
    keep: fn(&str) -> bool,
    read: impl FnOnce(&mut Parser) -> Result<T, Failure>,
) -> Result<T, SyntaxError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let offset = text.len() - body.len();
    let mut parser = Parser {
        text: body,
        bytes: body.as_bytes(),
        pos: 0,
        keep,
    };
    let result = read(&mut parser);
    result.map_err(|(problem, at)| {
        let (line, column) = locate(text, offset + at);
        SyntaxError {
            problem,
            line,
            column,
        }
    })
}

/// 1-based line (counted by `\n`) and column (in characters) of a byte offset.
fn locate(text: &str, at: usize) -> (u32, u32) {
    let before = &text[..at.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line as u32, column as u32)
}

type Failure = (Problem, usize);

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// Which object members to build; the others are only checked.
    keep: fn(&str) -> bool,
}

impl<'a> Parser<'a> {
    fn document(&mut self) -> Result<Json, Failure> {
        self.skip_whitespace();
        let value = self.value(1)?;
        self.skip_whitespace();
        if self.pos < self.bytes.len() {
            return Err((Problem::TrailingCharacters, self.pos));
        }
        Ok(value)
    }

    fn sequence(&mut self) -> Result<Vec<Json>, Failure> {
        let mut values = Vec::new();
        self.skip_whitespace();
        loop {
            values.push(self.value(1)?);
            self.skip_whitespace();
            if self.pos >= self.bytes.len() {
                return Ok(values);
            }
        }
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn unexpected(&self) -> Failure {
        match self.text[self.pos..].chars().next() {
            Some(c) => (Problem::UnexpectedCharacter(c), self.pos),
            None => (Problem::UnexpectedEnd, self.pos),
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), Failure> {
        if self.bytes.get(self.pos) == Some(&byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, Failure> {
        match self.bytes.get(self.pos) {
            Some(b'{') | Some(b'[') if depth > MAX_DEPTH => Err((Problem::TooDeep, self.pos)),
            Some(b'{') => {
                let mut members = Vec::new();
                let keep = self.keep;
                self.members(|p, key| {
                    if keep(&key) {
                        members.push((key.into_owned(), p.value(depth + 1)?));
                        Ok(())
                    } else {
                        p.check(depth + 1)
                    }
                })?;
                Ok(Json::Object(members))
            }
            Some(b'[') => {
                let mut items = Vec::new();
                self.items(|p| {
                    items.push(p.value(depth + 1)?);
                    Ok(())
                })?;
                Ok(Json::Array(items))
            }
            Some(b'"') => self.string().map(|s| Json::String(s.into_owned())),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => Ok(Json::Number(decimal(self.number()?))),
            _ => Err(self.unexpected()),
        }
    }

    /// Checks a value exactly as `value` reads it, building nothing.
    fn check(&mut self, depth: usize) -> Result<(), Failure> {
        match self.bytes.get(self.pos) {
            Some(b'{') | Some(b'[') if depth > MAX_DEPTH => Err((Problem::TooDeep, self.pos)),
            Some(b'{') => self.members(|p, _| p.check(depth + 1)),
            Some(b'[') => self.items(|p| p.check(depth + 1)),
            Some(b'"') => self.string().map(drop),
            Some(b't') => self.literal("true", ()),
            Some(b'f') => self.literal("false", ()),
            Some(b'n') => self.literal("null", ()),
            Some(b'-' | b'0'..=b'9') => self.number().map(drop),
            _ => Err(self.unexpected()),
        }
    }

    fn literal<T>(&mut self, word: &str, value: T) -> Result<T, Failure> {
        for expected in word.bytes() {
            if self.bytes.get(self.pos) != Some(&expected) {
                return Err(self.unexpected());
            }
            self.pos += 1;
        }
        Ok(value)
    }

    /// An object from its `{`: `member` reads each value, given its key.
    fn members(
        &mut self,
        mut member: impl FnMut(&mut Self, std::borrow::Cow<'a, str>) -> Result<(), Failure>,
    ) -> Result<(), Failure> {
        self.pos += 1;
        self.skip_whitespace();
        if self.bytes.get(self.pos) == Some(&b'}') {
            self.pos += 1;
            return Ok(());
        }
        loop {
            self.skip_whitespace();
            if self.bytes.get(self.pos) != Some(&b'"') {
                return Err(self.unexpected());
            }
            let key = self.string()?;
            self.skip_whitespace();
            self.expect(b':')?;
            self.skip_whitespace();
            member(self, key)?;
            self.skip_whitespace();
            match self.bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => return Err(self.unexpected()),
            }
        }
    }

    /// An array from its `[`: `item` reads each item.
    fn items(
        &mut self,
        mut item: impl FnMut(&mut Self) -> Result<(), Failure>,
    ) -> Result<(), Failure> {
        self.pos += 1;
        self.skip_whitespace();
        if self.bytes.get(self.pos) == Some(&b']') {
            self.pos += 1;
            return Ok(());
        }
        loop {
            self.skip_whitespace();
            item(self)?;
            self.skip_whitespace();
            match self.bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => return Err(self.unexpected()),
            }
        }
    }

    /// A string from its opening quote; borrowed from the text when it has no escapes.
    fn string(&mut self) -> Result<std::borrow::Cow<'a, str>, Failure> {
        self.pos += 1; // opening quote
        let start = self.pos;
        self.plain_run();
        if self.bytes.get(self.pos) == Some(&b'"') {
            self.pos += 1;
            return Ok(std::borrow::Cow::Borrowed(&self.text[start..self.pos - 1]));
        }
        let mut out = String::from(&self.text[start..self.pos]);
        loop {
            let start = self.pos;
            self.plain_run();
            out.push_str(&self.text[start..self.pos]);
            match self.bytes.get(self.pos) {
                None => return Err((Problem::UnexpectedEnd, self.pos)),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(std::borrow::Cow::Owned(out));
                }
                Some(b'\\') => {
                    let escape_at = self.pos;
                    self.pos += 1;
                    let c = match self.bytes.get(self.pos) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            let c = self
                                .unicode_escape()
                                .ok_or((Problem::BadEscape, escape_at))?;
                            out.push(c);
                            continue;
                        }
                        None => return Err((Problem::UnexpectedEnd, self.pos)),
                        Some(_) => return Err((Problem::BadEscape, escape_at)),
                    };
                    self.pos += 1;
                    out.push(c);
                }
                Some(_) => return Err((Problem::ControlCharacterInString, self.pos)),
            }
        }
    }

    /// Moves past characters that stand for themselves in a string.
    fn plain_run(&mut self) {
        while let Some(&b) = self.bytes.get(self.pos) {
            if b == b'"' || b == b'\\' || b < 0x20 {
                break;
            }
            self.pos += 1;
        }
    }

    /// After `\u`: four hex digits, and for a high surrogate a following `\uDC00`–`\uDFFF`.
    fn unicode_escape(&mut self) -> Option<char> {
        let first = self.hex4()?;
        if (0xD800..0xDC00).contains(&first) {
            if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                return None;
            }
            self.pos += 2;
            let second = self.hex4()?;
            if !(0xDC00..0xE000).contains(&second) {
                return None;
            }
            char::from_u32(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
        } else {
            char::from_u32(first)
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.text.get(self.pos..self.pos + 4)?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.pos += 4;
        u32::from_str_radix(digits, 16).ok()
    }

    /// A number's text, checked against JSON's grammar.
    fn number(&mut self) -> Result<&'a str, Failure> {
        let start = self.pos;
        let digits = |p: &mut Self| {
            let from = p.pos;
            while let Some(b'0'..=b'9') = p.bytes.get(p.pos) {
                p.pos += 1;
            }
            p.pos - from
        };
        if self.bytes.get(self.pos) == Some(&b'-') {
            self.pos += 1;
        }
        let int_start = self.pos;
        let int_digits = digits(self);
        if int_digits == 0 || (int_digits > 1 && self.bytes[int_start] == b'0') {
            return Err((Problem::BadNumber, start));
        }
        if self.bytes.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            if digits(self) == 0 {
                return Err((Problem::BadNumber, start));
            }
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.pos) {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.bytes.get(self.pos) {
                self.pos += 1;
            }
            if digits(self) == 0 {
                return Err((Problem::BadNumber, start));
            }
        }
        Ok(&self.text[start..self.pos])
    }
}

mod decimal;
pub use decimal::decimal;

/// A number as JSON writes it (`5`, `1.5`, `1e300`), without core's float formatting, which is
/// large in WebAssembly.
pub fn number_text(n: f64) -> String {
    // Whole numbers within i64 print as all their digits; only larger ones need an exponent.
    if n.fract() == 0.0 && n.abs() < 9.2e18 {
        (n as i64).to_string()
    } else {
        crate::surely(serde_json::to_string(&n), "numbers serialize")
    }
}

/// Appends `key` to a JSON Pointer, escaping `~` and `/` (RFC 6901).
pub fn pointer_push(path: &str, key: &str) -> String {
    format!("{path}/{}", key.replace('~', "~0").replace('/', "~1"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> (Problem, u32, u32) {
        let e = parse(text).unwrap_err();
        (e.problem, e.line, e.column)
    }

    #[test]
    fn parses_values_and_keeps_repeated_keys() {
        let value =
            parse("\u{feff} {\"a\": [1, -2.5e1, true, null], \"a\": \"x\\u00e9\\ud83d\\ude00\"} ")
                .unwrap();
        assert_eq!(
            value,
            Json::Object(vec![
                (
                    "a".into(),
                    Json::Array(vec![
                        Json::Number(1.0),
                        Json::Number(-25.0),
                        Json::Bool(true),
                        Json::Null
                    ])
                ),
                ("a".into(), Json::String("xé😀".into())),
            ])
        );
    }

    #[test]
    fn locates_syntax_errors_in_characters() {
        assert_eq!(
            error("{\n  \"é\": 1\n  \"b\": 2}"),
            (Problem::UnexpectedCharacter('"'), 3, 3)
        );
        assert_eq!(
            error("{\"ééé\" 1}"),
            (Problem::UnexpectedCharacter('1'), 1, 8)
        );
        assert_eq!(error("{\"a\": [1, 2"), (Problem::UnexpectedEnd, 1, 12));
        assert_eq!(error("{} x"), (Problem::TrailingCharacters, 1, 4));
        assert_eq!(
            error("{'a': 1}"),
            (Problem::UnexpectedCharacter('\''), 1, 2)
        );
        assert_eq!(error("[01]"), (Problem::BadNumber, 1, 2));
        assert_eq!(error("[1.]"), (Problem::BadNumber, 1, 2));
        assert_eq!(error("[\"\\x\"]"), (Problem::BadEscape, 1, 3));
        assert_eq!(error("[\"\\ud800\"]"), (Problem::BadEscape, 1, 3));
        assert_eq!(
            error("[\"a\nb\"]"),
            (Problem::ControlCharacterInString, 1, 4)
        );
        assert_eq!(error(""), (Problem::UnexpectedEnd, 1, 1));
    }

    #[test]
    fn nesting_is_capped_at_128_levels_without_recursing_further() {
        assert!(parse(&format!("{}{}", "[".repeat(128), "]".repeat(128))).is_ok());
        assert_eq!(
            error(&format!("{}{}", "[".repeat(129), "]".repeat(129))),
            (Problem::TooDeep, 1, 129)
        );
        // 100,000 brackets: an error, not a stack overflow.
        assert_eq!(error(&"[".repeat(100_000)), (Problem::TooDeep, 1, 129));
    }

    #[test]
    fn a_reader_of_a_few_fields_gets_only_those_and_every_error_of_the_rest() {
        let keep = |key: &str| key.starts_with('k');
        let text = r#"{"k1": {"drop": [1, {"k2": 2}], "k3": "a\"b"}, "skip": "x\u00e9", "k4": [{"k5": null, "d": true}]} [1]"#;
        assert_eq!(
            parse_sequence_keeping(text, keep).unwrap(),
            [
                Json::Object(vec![
                    (
                        "k1".into(),
                        Json::Object(vec![("k3".into(), Json::String("a\"b".into()))])
                    ),
                    (
                        "k4".into(),
                        Json::Array(vec![Json::Object(vec![("k5".into(), Json::Null)])])
                    ),
                ]),
                Json::Array(vec![Json::Number(1.0)]),
            ]
        );
        // What is left out is checked exactly as it would be read: same problem, same place.
        for bad in [
            r#"{"drop": [1, }"#,
            r#"{"drop": "\x"}"#,
            r#"{"drop": 01}"#,
            r#"{"drop": tru}"#,
            r#"{"drop": {"a" 1}}"#,
            "{\"drop\": \"a\nb\"}",
            &format!(r#"{{"drop": {}{}}}"#, "[".repeat(128), "]".repeat(128)),
        ] {
            let whole = parse_sequence(bad).unwrap_err();
            assert_eq!(
                parse_sequence_keeping(bad, keep).unwrap_err(),
                whole,
                "{bad}"
            );
        }
        assert_eq!(
            parse_sequence_keeping(
                &format!(r#"{{"drop": {}{}}}"#, "[".repeat(127), "]".repeat(127)),
                keep
            )
            .unwrap(),
            [Json::Object(vec![])]
        );
    }

    #[test]
    fn problems_read_as_sentences_with_a_fix() {
        assert_eq!(
            Problem::UnexpectedCharacter('}').to_string(),
            "unexpected character '}'; check for a missing comma, quote or bracket just before it"
        );
        assert_eq!(
            Problem::TooDeep.to_string(),
            "values are nested more than 128 levels deep; flatten the document"
        );
    }

    #[test]
    fn pointers_escape_tilde_and_slash() {
        assert_eq!(pointer_push("/events/0", "a/b~c"), "/events/0/a~1b~0c");
    }
}
