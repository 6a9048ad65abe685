//! Property tests for the first screen's small reader (`store::peek`):
//! it reads every profile and plain-name setting the store writes, and
//! whatever text it is given, it never reads a record the store's own
//! reading (serde, then validation) would not read the same way.

use chrono::{Duration, FixedOffset};
use groundwork::domain::discretion::{Discretion, NeutralName};
use groundwork::domain::profile::{Profile, Setback};
use groundwork::domain::time::{parse, Timestamp};
use groundwork::domain::{validate_typed_text, Record};
use groundwork::store::backend::Backend;
use groundwork::store::peek::{read_doc, Peekable};
use groundwork::store::schema::DocText;
use groundwork::store::{MemoryBackend, Store};
use proptest::prelude::*;

fn timestamp() -> impl Strategy<Value = Timestamp> {
    (
        0i64..(5 * 365 * 24 * 3600),
        0u32..1_000_000_000,
        prop::sample::select(vec![0, 19_800, -28_800, 45_900, -3_600]),
    )
        .prop_map(|(back, nanos, offset)| {
            let at = parse("2026-11-28T21:30:00+05:30").unwrap() - Duration::seconds(back)
                + Duration::nanoseconds(i64::from(nanos % 3 * 250_000_000));
            at.with_timezone(&FixedOffset::east_opt(offset).unwrap())
        })
}

fn profile() -> impl Strategy<Value = Profile> {
    (
        any::<bool>(),
        prop::option::of(prop::sample::select(Setback::ALL.to_vec())),
        prop::option::of(timestamp()),
    )
        .prop_map(|(welcomed, setback, welcomed_at)| Profile {
            welcomed,
            setback,
            welcomed_at,
        })
}

fn discretion() -> impl Strategy<Value = Discretion> {
    (
        any::<bool>(),
        prop::sample::select(NeutralName::ALL.to_vec()),
    )
        .prop_map(|(neutral, name)| Discretion { neutral, name })
}

/// The text the store writes for `record`.
fn stored<T: Record + serde::Serialize>(id: &str, record: &T, at: Timestamp) -> String {
    let mut store = Store::open(MemoryBackend::new());
    store.put(id, record, at).expect("saved");
    store
        .backend()
        .get(&format!("gw:{}/{id}", T::KIND))
        .unwrap()
        .expect("written")
}

/// What the store's own reading makes of a document.
fn full<T: Peekable + 'static>(raw: &str) -> Option<T> {
    let doc = DocText::parse(raw.to_string()).ok()?;
    validate_typed_text(T::KIND, doc.body())
        .ok()
        .flatten()
        .map(|r| *r.downcast::<T>().expect("its own type"))
}

/// A current document with `body`.
fn doc(body: &str) -> String {
    format!(r#"{{"v":1,"saved":"2026-11-28T21:00:00+05:30","body":{body}}}"#)
}

#[test]
fn profiles_read_as_the_store_reads_them() {
    for body in [
        r#"{"welcomed":true,"setback":"job","welcomed_at":"2026-11-28T21:00:00+05:30"}"#,
        r#"{"welcomed": true, "setback": null}"#,
        r#"{"setback":"relationship"}"#,
        r#"{}"#,
        r#"{"welc\u006fmed":true}"#,
        r#"{"welcomed":"yes"}"#,
        r#"{"setback":"<script>"}"#,
        r#"{"setback":"Job"}"#,
        r#"{"welcomed":true,"colour":"red"}"#,
        r#"{"welcomed_at":"28 Nov 2026"}"#,
        r#"{"welcomed_at":"2026-11-28 21:00:00+05:30"}"#,
        r#"[true,"job"]"#,
        r#""job""#,
    ] {
        let text = doc(body);
        let light = read_doc::<Profile>(&text);
        let serde = full::<Profile>(&text);
        if light.is_some() {
            assert_eq!(light, serde, "{body}");
        }
    }
    let sure = read_doc::<Profile>(&doc(r#"{"welcomed":true,"setback":"exam"}"#));
    assert_eq!(sure.map(|p| p.setback), Some(Some(Setback::Exam)));
}

#[test]
fn the_plain_name_setting_reads_as_the_store_reads_it() {
    for body in [
        r#"{"neutral":true,"name":"planner"}"#,
        r#"{"neutral":true}"#,
        r#"{"neutral":true,"name":"somewhere"}"#,
        r#"{"neutral":3}"#,
        r#"{"neutral":false,"colour":"red"}"#,
        r#"{"name":null}"#,
        r#"[]"#,
        r#"{}"#,
    ] {
        let text = doc(body);
        let light = read_doc::<Discretion>(&text);
        if light.is_some() {
            assert_eq!(light, full::<Discretion>(&text), "{body}");
        }
    }
    assert_eq!(
        read_doc::<Discretion>(&doc(r#"{"neutral":true,"name":"reading_list"}"#)),
        Some(Discretion {
            neutral: true,
            name: NeutralName::ReadingList
        })
    );
}

/// Small edits to JSON text: characters that matter to JSON put in,
/// taken out or swapped, at any place.
#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, &'static str),
    Remove(usize),
    Replace(usize, &'static str),
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let bits = prop::sample::select(vec![
        " ",
        "\n",
        "\t",
        "\"",
        "\\",
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "0",
        "1",
        "-",
        ".",
        "e",
        "null",
        "true",
        "false",
        "\\u0041",
        "\\ud800",
        "\"x\":1",
        "\"welcomed\":true",
        "\"name\":\"notes\"",
        "\"neutral\":false",
        "\"setback\":\"job\"",
        "\u{7}",
        "é",
    ]);
    let edit = prop_oneof![
        (any::<usize>(), bits.clone()).prop_map(|(at, s)| Edit::Insert(at, s)),
        any::<usize>().prop_map(Edit::Remove),
        (any::<usize>(), bits).prop_map(|(at, s)| Edit::Replace(at, s)),
    ];
    prop::collection::vec(edit, 1..4)
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for edit in edits {
        match *edit {
            Edit::Insert(at, s) => {
                let at = at % (chars.len() + 1);
                chars.splice(at..at, s.chars());
            }
            Edit::Remove(at) if !chars.is_empty() => {
                chars.remove(at % chars.len());
            }
            Edit::Replace(at, s) if !chars.is_empty() => {
                let at = at % chars.len();
                chars.splice(at..=at, s.chars());
            }
            _ => {}
        }
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn every_profile_the_store_writes_is_read(p in profile(), at in timestamp()) {
        let raw = stored(Profile::ID, &p, at);
        prop_assert_eq!(read_doc::<Profile>(&raw), Some(p));
    }

    #[test]
    fn every_plain_name_setting_the_store_writes_is_read(d in discretion(), at in timestamp()) {
        let raw = stored(Discretion::ID, &d, at);
        prop_assert_eq!(read_doc::<Discretion>(&raw), Some(d));
    }

    #[test]
    fn an_edited_profile_is_read_as_the_store_reads_it_or_not_at_all(
        p in profile(),
        at in timestamp(),
        edits in edits(),
    ) {
        let raw = apply(&stored(Profile::ID, &p, at), &edits);
        if let Some(light) = read_doc::<Profile>(&raw) {
            prop_assert_eq!(Some(light), full::<Profile>(&raw), "{}", raw);
        }
    }

    #[test]
    fn an_edited_setting_is_read_as_the_store_reads_it_or_not_at_all(
        d in discretion(),
        at in timestamp(),
        edits in edits(),
    ) {
        let raw = apply(&stored(Discretion::ID, &d, at), &edits);
        if let Some(light) = read_doc::<Discretion>(&raw) {
            prop_assert_eq!(Some(light), full::<Discretion>(&raw), "{}", raw);
        }
    }
}

#[test]
fn edits_are_not_all_refused() {
    // The edit tests above only mean something if some edited texts are
    // still read: whitespace, a reordered or escaped key.
    let raw = stored(
        Profile::ID,
        &Profile {
            welcomed: true,
            setback: Some(Setback::Job),
            welcomed_at: None,
        },
        parse("2026-11-28T21:30:00+05:30").unwrap(),
    );
    let spaced = raw.replace("\":", "\" : ").replace(",\"", ",\n \"");
    assert!(read_doc::<Profile>(&spaced).is_some(), "{spaced}");
    assert_eq!(read_doc::<Profile>(&spaced), full::<Profile>(&spaced));
    let escaped = raw.replace("\"job\"", "\"j\\u006fb\"");
    assert_eq!(
        read_doc::<Profile>(&escaped).map(|p| p.setback),
        Some(Some(Setback::Job))
    );
}
