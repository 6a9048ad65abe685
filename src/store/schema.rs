//! The versioned shape of every stored document and the migrations between
//! versions.
//!
//! A stored document is JSON: `{"v": <schema version>, "saved": <RFC 3339>,
//! "body": <the record>}`. On load, a document older than [`CURRENT`] is run
//! through [`MIGRATIONS`] in order; a newer one is refused (an older app must
//! never overwrite data it does not understand).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::domain::time::Timestamp;

/// The schema version this build writes.
pub const CURRENT: u32 = 1;

/// One step from version `to - 1` to version `to`.
pub struct Migration {
    /// The version this step produces.
    pub to: u32,
    /// Rewrites one record's body; gets the record's kind.
    pub run: fn(kind: &str, body: Value) -> Result<Value, String>,
}

/// Every migration ever released, oldest first. Version 1 is the first
/// released schema, so there are none yet. Add a step here *and* a fixture in
/// `tests/fixtures/v<N>/` whenever a record's shape changes.
pub const MIGRATIONS: &[Migration] = &[];

/// A stored document, after parsing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Schema version the body is written in.
    pub v: u32,
    /// When the record was last saved, with the local offset.
    pub saved: Timestamp,
    /// The record itself.
    pub body: Value,
}

/// Why a stored or imported document could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocProblem {
    /// Not JSON, or not a `{v, saved, body}` document.
    Damaged(String),
    /// Written by a newer Groundwork (schema version given).
    TooNew(u32),
    /// A migration step failed.
    MigrationFailed { to: u32, reason: String },
    /// The body is not a valid record of its kind.
    Invalid(String),
}

impl std::fmt::Display for DocProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Damaged(why) => write!(f, "damaged: {why}"),
            Self::TooNew(v) => write!(f, "written by a newer version (schema {v})"),
            Self::MigrationFailed { to, reason } => {
                write!(f, "could not be upgraded to schema {to}: {reason}")
            }
            Self::Invalid(why) => write!(f, "not a valid record: {why}"),
        }
    }
}

/// Parses stored text into a document at the current version.
///
/// `validate` checks the upgraded body against its record type.
pub fn read(
    kind: &str,
    raw: &str,
    migrations: &[Migration],
    validate: impl Fn(&str, &Value) -> Result<(), String>,
) -> Result<Document, DocProblem> {
    let doc: Document =
        serde_json::from_str(raw).map_err(|e| DocProblem::Damaged(e.to_string()))?;
    let doc = upgrade(kind, doc, migrations)?;
    validate(kind, &doc.body).map_err(DocProblem::Invalid)?;
    Ok(doc)
}

/// A stored document at the [`CURRENT`] version, its body still JSON text:
/// what opening the store keeps until the body is needed as a
/// `serde_json::Value` (most records are only ever read as their type).
#[derive(Debug, Clone, PartialEq)]
pub struct DocText {
    /// When the record was last saved.
    pub saved: Timestamp,
    /// The stored text, exactly as found.
    raw: String,
    /// Where the body is in `raw`.
    body: std::ops::Range<usize>,
}

impl DocText {
    /// Reads the envelope of stored text, if it is a `{v, saved, body}`
    /// document at the [`CURRENT`] version, which needs no migration; hands
    /// the text back otherwise (anything else takes the full road of [`read`]).
    pub fn parse(raw: String) -> Result<Self, String> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Envelope<'a> {
            v: u32,
            #[serde(deserialize_with = "saved_time")]
            saved: Timestamp,
            #[serde(borrow)]
            body: &'a serde_json::value::RawValue,
        }
        let parts = match serde_json::from_str::<Envelope>(&raw) {
            Ok(e) if e.v == CURRENT => {
                let body = e.body.get();
                let start = body.as_ptr() as usize - raw.as_ptr() as usize;
                Some((e.saved, start..start + body.len()))
            }
            _ => None,
        };
        match parts {
            Some((saved, body)) => Ok(Self { saved, raw, body }),
            None => Err(raw),
        }
    }

    /// The body's JSON text.
    pub fn body(&self) -> &str {
        &self.raw[self.body.clone()]
    }

    /// The stored text, exactly as found.
    pub fn into_raw(self) -> String {
        self.raw
    }

    /// The document, its body parsed into a value.
    pub fn to_document(&self) -> Document {
        Document {
            v: CURRENT,
            saved: self.saved,
            // The envelope was read whole, so the body is well-formed JSON
            // (and the store keeps only bodies its record type read, so not
            // nested deeper than a value can be); should it fail all the
            // same, null rather than a crash.
            body: serde_json::from_str(self.body()).unwrap_or_default(),
        }
    }
}

/// Reads a document's save time: [`simple_time`] when it has the shape this
/// app writes, chrono otherwise. Same result either way, quicker for the
/// thousands of documents read at start-up.
fn saved_time<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Timestamp, D::Error> {
    let text = <std::borrow::Cow<str>>::deserialize(d)?;
    match simple_time(&text) {
        Some(t) => Ok(t),
        None => text.parse().map_err(serde::de::Error::custom),
    }
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)`, read without chrono's
/// general parser: exactly what chrono reads from the same text, or `None`
/// for anything else (other shapes, leap seconds, impossible dates), which
/// is left to chrono.
pub fn simple_time(text: &str) -> Option<Timestamp> {
    use chrono::{FixedOffset, NaiveDate, NaiveTime, TimeZone};
    let b = text.as_bytes();
    let digits = |from: usize, to: usize| -> Option<u32> {
        b.get(from..to)?.iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let punctuation = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
    if b.len() < 20 || punctuation.iter().any(|&(i, c)| b[i] != c) {
        return None;
    }
    let (year, month, day) = (digits(0, 4)?, digits(5, 7)?, digits(8, 10)?);
    let (hour, minute, second) = (digits(11, 13)?, digits(14, 16)?, digits(17, 19)?);
    let mut at = 19;
    let mut nanos = 0;
    if b[at] == b'.' {
        let end = at
            + 1
            + b[at + 1..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
        let places = end - at - 1;
        if !(1..=9).contains(&places) {
            return None;
        }
        nanos = digits(at + 1, end)? * 10u32.pow(9 - places as u32);
        at = end;
    }
    let offset = match &b[at..] {
        [b'Z'] => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let (h, m) = (digits(at + 1, at + 3)?, digits(at + 4, at + 6)?);
            if h > 23 || m > 59 {
                return None;
            }
            let seconds = (h * 3600 + m * 60) as i32;
            if *sign == b'-' {
                -seconds
            } else {
                seconds
            }
        }
        _ => return None,
    };
    if second > 59 {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(year as i32, month, day)?;
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?;
    FixedOffset::east_opt(offset)?
        .from_local_datetime(&date.and_time(time))
        .single()
}

/// Runs every migration after `doc.v`, up to [`CURRENT`] (or the last step in
/// `migrations`, for tests).
pub fn upgrade(
    kind: &str,
    mut doc: Document,
    migrations: &[Migration],
) -> Result<Document, DocProblem> {
    let target = migrations.last().map_or(CURRENT, |m| m.to.max(CURRENT));
    if doc.v == 0 {
        return Err(DocProblem::Damaged("schema version 0".into()));
    }
    if doc.v > target {
        return Err(DocProblem::TooNew(doc.v));
    }
    let start = doc.v;
    for step in migrations.iter().filter(|m| m.to > start) {
        if step.to != doc.v + 1 {
            return Err(DocProblem::MigrationFailed {
                to: step.to,
                reason: format!("no step from schema {}", doc.v),
            });
        }
        doc.body = (step.run)(kind, doc.body).map_err(|reason| DocProblem::MigrationFailed {
            to: step.to,
            reason,
        })?;
        doc.v = step.to;
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ok(_: &str, _: &Value) -> Result<(), String> {
        Ok(())
    }

    fn rename_name_to_nickname(kind: &str, mut body: Value) -> Result<Value, String> {
        if kind == "person" {
            let obj = body.as_object_mut().ok_or("not an object")?;
            if let Some(name) = obj.remove("name") {
                obj.insert("nickname".into(), name);
            }
        }
        Ok(body)
    }

    fn add_tags(_: &str, mut body: Value) -> Result<Value, String> {
        body["tags"] = json!([]);
        Ok(body)
    }

    fn always_fails(_: &str, _: Value) -> Result<Value, String> {
        Err("boom".into())
    }

    const STEPS: &[Migration] = &[
        Migration {
            to: 2,
            run: rename_name_to_nickname,
        },
        Migration {
            to: 3,
            run: add_tags,
        },
    ];

    #[test]
    fn released_migrations_are_a_gapless_chain_to_current() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.to, i as u32 + 2);
        }
        assert_eq!(MIGRATIONS.len() as u32, CURRENT - 1);
    }

    #[test]
    fn current_documents_pass_through() {
        let raw = r#"{"v":1,"saved":"2026-11-28T10:00:00+05:30","body":{"a":1}}"#;
        let doc = read("x", raw, MIGRATIONS, ok).unwrap();
        assert_eq!(doc.body, json!({"a": 1}));
        assert_eq!(doc.v, CURRENT);
    }

    #[test]
    fn old_documents_run_every_step_in_order() {
        let raw = r#"{"v":1,"saved":"2026-11-28T10:00:00+05:30","body":{"name":"Asha"}}"#;
        let doc = read("person", raw, STEPS, ok).unwrap();
        assert_eq!(doc.v, 3);
        assert_eq!(doc.body, json!({"nickname": "Asha", "tags": []}));
        let mid = r#"{"v":2,"saved":"2026-11-28T10:00:00+05:30","body":{"nickname":"A"}}"#;
        assert_eq!(
            read("person", mid, STEPS, ok).unwrap().body,
            json!({"nickname": "A", "tags": []})
        );
    }

    #[test]
    fn newer_documents_are_refused_not_rewritten() {
        let raw = r#"{"v":9,"saved":"2026-11-28T10:00:00+05:30","body":{}}"#;
        assert_eq!(read("x", raw, MIGRATIONS, ok), Err(DocProblem::TooNew(9)));
    }

    #[test]
    fn damage_is_reported_not_panicked() {
        for raw in [
            "",
            "{",
            "null",
            "[]",
            r#"{"v":1}"#,
            r#"{"v":"1","saved":"2026-11-28T10:00:00Z","body":{}}"#,
            r#"{"v":1,"saved":"yesterday","body":{}}"#,
            r#"{"v":0,"saved":"2026-11-28T10:00:00Z","body":{}}"#,
            r#"{"v":1,"saved":"2026-11-28T10:00:00Z","body":{},"extra":1}"#,
        ] {
            assert!(
                matches!(read("x", raw, MIGRATIONS, ok), Err(DocProblem::Damaged(_))),
                "{raw}"
            );
        }
    }

    #[test]
    fn failed_steps_and_invalid_bodies_are_named() {
        let raw = r#"{"v":1,"saved":"2026-11-28T10:00:00Z","body":{}}"#;
        let failing = [Migration {
            to: 2,
            run: always_fails,
        }];
        assert!(matches!(
            read("x", raw, &failing, ok),
            Err(DocProblem::MigrationFailed { to: 2, .. })
        ));
        let invalid = read("x", raw, MIGRATIONS, |_, _| Err("nope".into()));
        assert_eq!(invalid, Err(DocProblem::Invalid("nope".into())));
    }

    #[test]
    fn current_documents_keep_their_body_as_text() {
        let raw = r#"{"v":1,"saved":"2026-11-28T10:00:00+05:30","body": {"a":[1,"x"]} }"#;
        let text = DocText::parse(raw.to_string()).unwrap();
        assert_eq!(text.body(), r#"{"a":[1,"x"]}"#);
        assert_eq!(text.to_document(), read("x", raw, MIGRATIONS, ok).unwrap());
        assert_eq!(text.into_raw(), raw);
    }

    #[test]
    fn anything_else_is_handed_back_for_the_full_read() {
        for raw in [
            "",
            "{",
            r#"{"v":2,"saved":"2026-11-28T10:00:00Z","body":{}}"#,
            r#"{"v":0,"saved":"2026-11-28T10:00:00Z","body":{}}"#,
            r#"{"v":1,"saved":"yesterday","body":{}}"#,
            r#"{"v":1,"saved":"2026-11-28T10:00:00Z","body":{},"extra":1}"#,
            r#"{"v":1,"saved":"2026-11-28T10:00:00Z","body":{"a":}}"#,
            r#"{"v":1,"saved":"2026-11-28T10:00:00Z"}"#,
        ] {
            assert_eq!(
                DocText::parse(raw.to_string()),
                Err(raw.to_string()),
                "{raw}"
            );
        }
    }

    #[test]
    fn simple_times_read_exactly_as_chrono_reads_them() {
        let chrono = |t: &str| t.parse::<Timestamp>().ok();
        let mut texts = vec![
            "2026-11-28T21:30:00+05:30".to_string(),
            "2026-11-28T21:30:00Z".into(),
            "2026-11-28T21:30:00-00:00".into(),
            "2026-11-28T21:30:00.5+05:30".into(),
            "2026-11-28T21:30:00.123456789-11:45".into(),
            "2024-02-29T00:00:00+00:00".into(),
            "0001-01-01T00:00:00Z".into(),
            "9999-12-31T23:59:59.999999999+23:59".into(),
        ];
        for (y, mo, d) in [
            (2023, 2, 29),
            (2026, 13, 1),
            (2026, 4, 31),
            (2026, 0, 10),
            (2000, 2, 29),
        ] {
            for (h, mi, se) in [
                (0, 0, 0),
                (23, 59, 59),
                (24, 0, 0),
                (12, 60, 0),
                (12, 0, 60),
            ] {
                for off in ["Z", "+05:30", "-09:00", "+24:00", "+05:60", "+0530", "z"] {
                    texts.push(format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{se:02}{off}"));
                    texts.push(format!(
                        "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{se:02}.25{off}"
                    ));
                }
            }
        }
        texts.extend(
            [
                "2026-11-28 21:30:00+05:30",
                "2026-11-28t21:30:00+05:30",
                "2026-11-28T21:30:00.+05:30",
                "2026-11-28T21:30:00.1234567891+05:30",
                "2026-11-28T21:30:00+05:30 ",
                " 2026-11-28T21:30:00+05:30",
                "2026-11-28T21:30+05:30",
                "2026-11-28T21:30:00",
                "+2026-11-28T21:30:00Z",
                "2026-1-28T21:30:00+05:30",
                "२०२६-11-28T21:30:00+05:30",
                "",
            ]
            .map(String::from),
        );
        let mut read = 0;
        for text in &texts {
            // `None` is left to chrono (other shapes, leap seconds, nonsense).
            if let Some(t) = simple_time(text) {
                assert_eq!(Some(t), chrono(text), "{text}");
                assert_eq!(t.offset(), chrono(text).unwrap().offset(), "{text}");
                read += 1;
            }
        }
        assert!(read > 10, "{read}");
        // Whatever this app writes (serde's text of a timestamp) is read
        // here, as the same time in the same offset.
        let start = chrono("2023-01-01T00:00:00+05:30").unwrap();
        for k in 0..5000i64 {
            let offset = chrono::FixedOffset::east_opt(((k % 7) as i32 - 3) * 12_600).unwrap();
            let t = (start
                + chrono::Duration::seconds(k * 19_997)
                + chrono::Duration::nanoseconds(if k % 3 == 0 { k * 1_000_003 } else { 0 }))
            .with_timezone(&offset);
            let text = serde_json::to_value(t).unwrap();
            let text = text.as_str().unwrap();
            assert_eq!(simple_time(text), Some(t), "{text}");
            assert_eq!(simple_time(text).unwrap().offset(), t.offset(), "{text}");
        }
    }

    #[test]
    fn documents_with_any_save_time_chrono_reads_still_open() {
        for saved in [
            "2026-11-28 21:30:00+05:30",
            "2026-11-28T21:30:00.1234567891Z",
        ] {
            let raw = format!(r#"{{"v":1,"saved":"{saved}","body":{{}}}}"#);
            let text = DocText::parse(raw.clone()).unwrap();
            assert_eq!(text.saved, saved.parse::<Timestamp>().unwrap());
            assert_eq!(text.to_document(), read("x", &raw, MIGRATIONS, ok).unwrap());
        }
        let raw = r#"{"v":1,"saved":"2026-11-28T25:30:00Z","body":{}}"#;
        assert!(DocText::parse(raw.into()).is_err());
    }
}
