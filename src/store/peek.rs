//! Reading the first screen's few records without serde: the profile
//! (welcome or greeting), the plain-name setting (the header) and the
//! lock screen's name.
//!
//! serde_json and the readers derived for it are most of what the store's
//! code weighs, and the first screen's WebAssembly is kept small. So before
//! the store is read, these records are read by this small reader instead.
//! It is sure or says so: it gives a record only when the store's own
//! reading (serde, then `domain::validate`) gives the same record from the
//! same text, and `None` for anything else (damaged text, another version,
//! a shape the app never writes), which the full reading then settles.

use crate::domain::discretion::{Discretion, NeutralName};
use crate::domain::profile::{Profile, Setback};
use crate::domain::Record;
use crate::store::schema::{simple_time, CURRENT};

/// A JSON value as this reader keeps it.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// A number, as written.
    Number(String),
    String(String),
    Array(Vec<Json>),
    /// Members in order. A key appears once: text with a repeated key is
    /// refused, as serde refuses a repeated field.
    Object(Vec<(String, Json)>),
}

/// Nesting deeper than this is refused (the records read here are flat).
const MAX_DEPTH: usize = 32;

/// Reads one JSON value (RFC 8259), with nothing but whitespace around it.
pub fn parse(text: &str) -> Option<Json> {
    let mut reader = Reader {
        b: text.as_bytes(),
        at: 0,
    };
    let value = reader.value(0)?;
    reader.space();
    (reader.at == reader.b.len()).then_some(value)
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.at).copied()
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, c: u8) -> bool {
        let found = self.peek() == Some(c);
        self.at += usize::from(found);
        found
    }

    fn word(&mut self, word: &str) -> bool {
        let found = self.b[self.at..].starts_with(word.as_bytes());
        if found {
            self.at += word.len();
        }
        found
    }

    fn value(&mut self, depth: usize) -> Option<Json> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.space();
        match self.peek()? {
            b'n' => self.word("null").then_some(Json::Null),
            b't' => self.word("true").then_some(Json::Bool(true)),
            b'f' => self.word("false").then_some(Json::Bool(false)),
            b'"' => self.string().map(Json::String),
            b'-' | b'0'..=b'9' => self.number().map(Json::Number),
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                self.space();
                if self.eat(b']') {
                    return Some(Json::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.space();
                    if self.eat(b']') {
                        return Some(Json::Array(items));
                    }
                    if !self.eat(b',') {
                        return None;
                    }
                }
            }
            b'{' => {
                self.at += 1;
                let mut members: Vec<(String, Json)> = Vec::new();
                self.space();
                if self.eat(b'}') {
                    return Some(Json::Object(members));
                }
                loop {
                    self.space();
                    if self.peek() != Some(b'"') {
                        return None;
                    }
                    let key = self.string()?;
                    if members.iter().any(|(k, _)| *k == key) {
                        return None;
                    }
                    self.space();
                    if !self.eat(b':') {
                        return None;
                    }
                    let value = self.value(depth + 1)?;
                    members.push((key, value));
                    self.space();
                    if self.eat(b'}') {
                        return Some(Json::Object(members));
                    }
                    if !self.eat(b',') {
                        return None;
                    }
                }
            }
            _ => None,
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> Option<String> {
        let start = self.at;
        self.eat(b'-');
        if !self.eat(b'0') && self.digits() == 0 {
            return None;
        }
        if self.eat(b'.') && self.digits() == 0 {
            return None;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if !self.eat(b'+') {
                self.eat(b'-');
            }
            if self.digits() == 0 {
                return None;
            }
        }
        std::str::from_utf8(&self.b[start..self.at])
            .ok()
            .map(str::to_string)
    }

    /// A string, from its opening quote.
    fn string(&mut self) -> Option<String> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let start = self.at;
            while self
                .peek()
                .is_some_and(|c| c != b'"' && c != b'\\' && c >= 0x20)
            {
                self.at += 1;
            }
            // Stops only at ASCII, so the run is whole UTF-8.
            out.push_str(std::str::from_utf8(&self.b[start..self.at]).ok()?);
            match self.peek()? {
                b'"' => {
                    self.at += 1;
                    return Some(out);
                }
                b'\\' => {
                    self.at += 1;
                    let escaped = self.peek()?;
                    self.at += 1;
                    out.push(match escaped {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.escaped_char()?,
                        _ => return None,
                    });
                }
                // A control character must be escaped.
                _ => return None,
            }
        }
    }

    /// The character after `\u`: four hex digits, or a surrogate pair.
    fn escaped_char(&mut self) -> Option<char> {
        let high = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&high) {
            if !self.word("\\u") {
                return None;
            }
            let low = self.hex4()?;
            if !(0xDC00..0xE000).contains(&low) {
                return None;
            }
            0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        } else {
            high
        };
        // A lone low surrogate is no character.
        char::from_u32(code)
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.b.get(self.at..self.at + 4)?;
        self.at += 4;
        digits.iter().try_fold(0, |n, &c| {
            let digit = (c as char).to_digit(16)?;
            Some(n * 16 + digit)
        })
    }
}

impl Json {
    /// An object's members, if this is an object and every key is `known`.
    fn members_among(&self, known: &[&str]) -> Option<&[(String, Json)]> {
        match self {
            Json::Object(members) if members.iter().all(|(k, _)| known.contains(&k.as_str())) => {
                Some(members)
            }
            _ => None,
        }
    }
}

fn member<'a>(members: &'a [(String, Json)], key: &str) -> Option<&'a Json> {
    members.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// A record the first screen reads on its own.
pub trait Peekable: Record + Sized {
    /// The record in `body`, or `None` unless the store's reading gives
    /// exactly this record.
    fn from_json(body: &Json) -> Option<Self>;
}

impl Peekable for Profile {
    fn from_json(body: &Json) -> Option<Self> {
        let m = body.members_among(&["welcomed", "setback", "welcomed_at"])?;
        Some(Profile {
            welcomed: match member(m, "welcomed") {
                None => false,
                Some(Json::Bool(b)) => *b,
                Some(_) => return None,
            },
            setback: match member(m, "setback") {
                None | Some(Json::Null) => None,
                Some(Json::String(id)) => Some(Setback::from_id(id)?),
                Some(_) => return None,
            },
            welcomed_at: match member(m, "welcomed_at") {
                None | Some(Json::Null) => None,
                Some(Json::String(at)) => Some(simple_time(at)?),
                Some(_) => return None,
            },
        })
    }
}

impl Peekable for Discretion {
    fn from_json(body: &Json) -> Option<Self> {
        let m = body.members_among(&["neutral", "name"])?;
        Some(Discretion {
            neutral: match member(m, "neutral") {
                None => false,
                Some(Json::Bool(b)) => *b,
                Some(_) => return None,
            },
            name: match member(m, "name") {
                None => NeutralName::default(),
                Some(Json::String(id)) => NeutralName::from_id(id)?,
                Some(_) => return None,
            },
        })
    }
}

/// The record in a stored document (`{"v", "saved", "body"}`), if it is
/// one at the [`CURRENT`] version that this reader is sure of.
pub fn read_doc<T: Peekable>(raw: &str) -> Option<T> {
    let doc = parse(raw)?;
    let m = doc.members_among(&["v", "saved", "body"])?;
    match member(m, "v")? {
        Json::Number(v) if *v == CURRENT.to_string() => {}
        _ => return None,
    }
    match member(m, "saved")? {
        Json::String(saved) if simple_time(saved).is_some() => {}
        _ => return None,
    }
    T::from_json(member(m, "body")?)
}

/// The plain name (a `NeutralName` id) the lock screen goes by, from the
/// stored lock parameters' text. Checking the rest of them is left to the
/// unlocking, which reads them whole.
pub fn lock_plain_name(meta: &str) -> Option<String> {
    match parse(meta)? {
        Json::Object(members) => match member(&members, "plain_name")? {
            Json::String(name) if name.len() <= 40 => Some(name.clone()),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> String {
        format!(r#"{{"v":1,"saved":"2026-11-28T21:00:00+05:30","body":{body}}}"#)
    }

    #[test]
    fn reads_json() {
        assert_eq!(parse(" null "), Some(Json::Null));
        assert_eq!(
            parse("[true,false]"),
            Some(Json::Array(vec![Json::Bool(true), Json::Bool(false)]))
        );
        assert_eq!(
            parse(r#""a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00""#),
            Some(Json::String("a\"\\/\u{8}\u{c}\n\r\té😀".into()))
        );
        assert_eq!(parse("-12.5e+3"), Some(Json::Number("-12.5e+3".into())));
        assert_eq!(
            parse(r#"{ "a" : [ ] , "b" : { } }"#),
            Some(Json::Object(vec![
                ("a".into(), Json::Array(vec![])),
                ("b".into(), Json::Object(vec![]))
            ]))
        );
        assert_eq!(parse("\"ünïcödé\""), Some(Json::String("ünïcödé".into())));
    }

    #[test]
    fn refuses_what_is_not_json() {
        for text in [
            "",
            "nul",
            "tru",
            "01",
            "1.",
            ".5",
            "1e",
            "-",
            "+1",
            "[1,]",
            "[1 2]",
            "{\"a\":1,}",
            "{a:1}",
            "{\"a\" 1}",
            "\"open",
            "\"tab\there\"",
            "\"\\x\"",
            "\"\\u12\"",
            "\"\\u+123\"",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "\"\\ud800\\u0041\"",
            "{\"a\":1,\"a\":2}",
            "1 2",
            "[]]",
        ] {
            assert_eq!(parse(text), None, "{text:?}");
        }
        let deep = format!("{}{}", "[".repeat(40), "]".repeat(40));
        assert_eq!(parse(&deep), None);
    }

    #[test]
    fn only_current_documents_are_read() {
        let body = r#"{"welcomed":true}"#;
        assert!(read_doc::<Profile>(&doc(body)).is_some());
        for raw in [
            format!(r#"{{"v":2,"saved":"2026-11-28T21:00:00Z","body":{body}}}"#),
            format!(r#"{{"v":1.0,"saved":"2026-11-28T21:00:00Z","body":{body}}}"#),
            format!(r#"{{"v":"1","saved":"2026-11-28T21:00:00Z","body":{body}}}"#),
            format!(r#"{{"saved":"2026-11-28T21:00:00Z","body":{body}}}"#),
            format!(r#"{{"v":1,"body":{body}}}"#),
            format!(r#"{{"v":1,"saved":"yesterday","body":{body}}}"#),
            format!(r#"{{"v":1,"saved":"2026-11-28T21:00:00Z","body":{body},"extra":1}}"#),
            r#"{"v":1,"saved":"2026-11-28T21:00:00Z"}"#.to_string(),
            "not json".to_string(),
        ] {
            assert_eq!(read_doc::<Profile>(&raw), None, "{raw}");
        }
    }

    #[test]
    fn the_lock_screen_name() {
        assert_eq!(
            lock_plain_name(r#"{"v":1,"plain_name":"planner"}"#).as_deref(),
            Some("planner")
        );
        assert_eq!(lock_plain_name(r#"{"v":1,"plain_name":null}"#), None);
        assert_eq!(lock_plain_name(r#"{"v":1}"#), None);
        assert_eq!(lock_plain_name("damaged"), None);
        assert_eq!(
            lock_plain_name(&format!(r#"{{"plain_name":"{}"}}"#, "x".repeat(41))),
            None
        );
    }
}
