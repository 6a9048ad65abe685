//! What must hold for ANY bytes handed to Groundwork as a backup file or
//! found in storage. Shared by the fuzz target (`fuzz/fuzz_targets/backup.rs`)
//! and the stable replay test (`tests/fuzz_corpus.rs`), which runs every file
//! in `fuzz/corpus/backup/` through it on each `cargo test`.
//!
//! 1. Parsing never panics; a refused file changes nothing.
//! 2. A file that parses imports (merge and replace) into a store that
//!    already holds data; the imported records are stored exactly; the store
//!    reads back the same from storage; its export parses again and a second
//!    import of that export changes nothing.
//! 3. When storage fills up half way through the import, everything is put
//!    back exactly as it was.
//! 4. The same bytes stored under a record key never crash opening the store:
//!    they load, or are set aside word for word, or are left alone as newer.
//! 5. Any parsed document runs through a chain of test migrations without
//!    panicking.

use groundwork::domain::profile::{Profile, Setback};
use groundwork::domain::time::{parse, Timestamp};
use groundwork::store::backup::{self, ImportMode};
use groundwork::store::schema::{self, Document, Migration};
use groundwork::store::{Backend, MemoryBackend, Store};

fn now() -> Timestamp {
    parse("2026-11-28T21:30:00+05:30").expect("fixed time")
}

/// Storage as a person would have it: a profile, a journal entry, a value
/// that was set aside earlier.
fn existing() -> MemoryBackend {
    let mut store = Store::open(MemoryBackend::new());
    let mut profile = Profile::default();
    profile.welcome(Some(Setback::Exam), now());
    store.put(Profile::ID, &profile, now()).expect("seed");
    let mut backend = store.backend().clone();
    backend
        .set(
            "gw:journal/seed",
            r#"{"v":1,"saved":"2026-11-28T21:00:00+05:30","body":{"title":"t","body":"b","tags":[],"prompt":null,"created":"2026-11-28T21:00:00+05:30","updated":"2026-11-28T21:00:00+05:30"}}"#,
        )
        .expect("seed");
    backend.set("gw:profile/broken", "{not json").expect("seed");
    backend
}

fn snapshot(backend: &MemoryBackend) -> Vec<(String, Option<String>)> {
    let mut keys = backend.keys().expect("keys");
    keys.sort();
    keys.into_iter()
        .map(|k| {
            let v = backend.get(&k).expect("get");
            (k, v)
        })
        .collect()
}

/// Runs every check on one input. Panics when something does not hold.
pub fn backup_file(data: &[u8]) {
    // The data page reads the file as text the way the browser does:
    // invalid UTF-8 becomes U+FFFD.
    let text = String::from_utf8_lossy(data);
    stored_value(&text);
    migrations(&text);

    let Ok(valid) = backup::parse(&text, now()) else {
        // `parse` is pure: a refused file never reaches the store.
        return;
    };
    for mode in [ImportMode::Merge, ImportMode::Replace] {
        let mut store = Store::open(existing());
        let before = store.documents().clone();
        store
            .import(valid.clone(), mode)
            .expect("an import into working storage succeeds");
        for (key, doc) in &valid.docs {
            let kept_mine = mode == ImportMode::Merge
                && before.get(key).is_some_and(|mine| mine.saved >= doc.saved);
            if !kept_mine {
                assert_eq!(
                    store.documents().get(key),
                    Some(doc),
                    "{key} stored as given"
                );
            }
        }
        if mode == ImportMode::Replace {
            assert_eq!(store.documents().len(), valid.docs.len());
        }
        // What is in memory is what is in storage.
        let reopened = Store::open(store.backend().clone());
        assert_eq!(
            reopened.documents(),
            store.documents(),
            "storage matches memory"
        );

        // The export reads back and re-importing it changes nothing.
        let exported = store.export(now()).to_json();
        let again = backup::parse(&exported, now()).expect("our own export parses");
        assert_eq!(again.docs, store.documents(), "export holds every record");
        let stored = snapshot(store.backend());
        let summary = store.import(again, ImportMode::Merge).expect("re-import");
        assert_eq!(summary.added + summary.updated + summary.removed, 0);
        assert_eq!(
            snapshot(store.backend()),
            stored,
            "re-import changed storage"
        );
    }

    // Storage fills up part way: everything is put back.
    let mut backend = existing();
    backend.quota = Some(backend.used() + text.len() / 2);
    let mut store = Store::open(backend);
    let before_docs = store.documents().clone();
    let before_aside = store.set_aside().to_vec();
    let before_storage = snapshot(store.backend());
    if store.import(valid, ImportMode::Replace).is_err() {
        assert_eq!(store.documents(), before_docs);
        assert_eq!(store.set_aside(), &before_aside[..]);
        assert_eq!(snapshot(store.backend()), before_storage, "rolled back");
    }
}

/// The bytes as a value found in storage under a few record keys.
fn stored_value(text: &str) {
    for key in [
        "gw:profile/me",
        "gw:journal/x",
        "gw:thought_record/x",
        "gw:someday/x",
    ] {
        let mut backend = MemoryBackend::new();
        backend.set(key, text).expect("set");
        let store = Store::open(backend);
        let loaded = store.documents().len();
        let aside = store.set_aside().len();
        let newer = store.newer_count();
        assert_eq!(loaded + aside + newer, 1, "{key}: kept exactly once");
        if aside == 1 {
            assert_eq!(store.set_aside()[0].raw, text, "set aside word for word");
        }
        // Whatever happened, it is part of the export, and the export parses.
        let exported = store.export(now()).to_json();
        backup::parse(&exported, now()).expect("export of anything parses");
    }
}

fn add_note(_kind: &str, mut body: serde_json::Value) -> Result<serde_json::Value, String> {
    let obj = body.as_object_mut().ok_or("not an object")?;
    obj.entry("note").or_insert(serde_json::Value::Null);
    Ok(body)
}

fn wrap(kind: &str, body: serde_json::Value) -> Result<serde_json::Value, String> {
    if kind == "profile" {
        return Ok(serde_json::json!({ "old": body }));
    }
    Ok(body)
}

fn unwrap_old(_kind: &str, body: serde_json::Value) -> Result<serde_json::Value, String> {
    match body {
        serde_json::Value::Object(mut obj) if obj.contains_key("old") => {
            Ok(obj.remove("old").unwrap_or_default())
        }
        other => Ok(other),
    }
}

const TEST_MIGRATIONS: &[Migration] = &[
    Migration {
        to: 2,
        run: add_note,
    },
    Migration { to: 3, run: wrap },
    Migration {
        to: 4,
        run: unwrap_old,
    },
];

/// The bytes as a stored document, through real and test migrations.
fn migrations(text: &str) {
    let Ok(doc) = serde_json::from_str::<Document>(text) else {
        return;
    };
    for kind in ["profile", "journal"] {
        if let Ok(up) = schema::upgrade(kind, doc.clone(), TEST_MIGRATIONS) {
            assert_eq!(up.v, 4.max(doc.v));
            assert_eq!(up.saved, doc.saved, "upgrades keep the save time");
        }
        if let Ok(up) = schema::upgrade(kind, doc.clone(), schema::MIGRATIONS) {
            assert_eq!(up, doc, "no released migrations yet: unchanged");
        }
    }
}
