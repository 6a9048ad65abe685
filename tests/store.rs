//! The store end to end, natively: layout, faults, set-aside values, upgrades,
//! backups. Browser storage is rehearsed with `MemoryBackend`.

use groundwork::domain::profile::{Profile, Setback};
use groundwork::domain::time::{parse, Timestamp};
use groundwork::store::backup::{self, ImportError, ImportMode};
use groundwork::store::{
    schema, Backend, BackendError, Health, MemoryBackend, Opening, Peek, Store, StoreError,
};

fn at(s: &str) -> Timestamp {
    parse(s).unwrap()
}

fn now() -> Timestamp {
    at("2026-11-28T21:30:00+05:30")
}

fn profile(setback: Option<Setback>) -> Profile {
    let mut p = Profile::default();
    p.welcome(setback, at("2026-11-28T21:00:00+05:30"));
    p
}

fn store_with_profile() -> Store<MemoryBackend> {
    let mut store = Store::open(MemoryBackend::new());
    store
        .put(Profile::ID, &profile(Some(Setback::Job)), now())
        .unwrap();
    store
}

#[test]
fn a_saved_record_survives_reopening() {
    let store = store_with_profile();
    let backend = store.backend().clone();
    let reopened = Store::open(backend);
    assert_eq!(
        reopened.get::<Profile>(Profile::ID),
        Some(profile(Some(Setback::Job)))
    );
    assert_eq!(reopened.health(), &Health::Saved);
}

#[test]
fn each_record_has_its_own_key_with_a_schema_version() {
    let store = store_with_profile();
    let keys = store.backend().keys().unwrap();
    assert_eq!(keys, vec!["gw:profile/me".to_string()]);
    let raw = store.backend().get("gw:profile/me").unwrap().unwrap();
    let json: serde_json::Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(json["v"], schema::CURRENT);
    assert_eq!(json["saved"], "2026-11-28T21:30:00+05:30");
}

#[test]
fn saving_one_record_writes_only_that_record() {
    // A backend that counts the bytes written per call.
    #[derive(Default)]
    struct Counting(MemoryBackend, Vec<String>);
    impl Backend for Counting {
        fn get(&self, k: &str) -> Result<Option<String>, BackendError> {
            self.0.get(k)
        }
        fn set(&mut self, k: &str, v: &str) -> Result<(), BackendError> {
            self.1.push(k.to_string());
            self.0.set(k, v)
        }
        fn remove(&mut self, k: &str) -> Result<(), BackendError> {
            self.0.remove(k)
        }
        fn keys(&self) -> Result<Vec<String>, BackendError> {
            self.0.keys()
        }
    }
    let mut inner = MemoryBackend::new();
    for i in 0..500 {
        inner
            .set(
                &format!("gw:future_note/{i}"),
                r#"{"v":1,"saved":"2026-01-01T00:00:00Z","body":{"text":"an old entry"}}"#,
            )
            .unwrap();
    }
    let mut store = Store::open(Counting(inner, Vec::new()));
    store.put(Profile::ID, &profile(None), now()).unwrap();
    assert_eq!(store.backend().1, vec!["gw:profile/me".to_string()]);
}

#[test]
fn damaged_values_are_set_aside_not_deleted() {
    let mut backend = MemoryBackend::new();
    backend.set("gw:profile/me", "{not json").unwrap();
    backend
        .set(
            "gw:other/1",
            r#"{"v":1,"saved":"2026-01-01T00:00:00Z","body":{"x":1}}"#,
        )
        .unwrap();
    backend.set("unrelated", "left alone").unwrap();
    let store = Store::open(backend);
    assert_eq!(store.get::<Profile>(Profile::ID), None);
    assert_eq!(store.counts().get("other"), Some(&1));
    assert_eq!(store.set_aside().len(), 1);
    assert_eq!(store.set_aside()[0].raw, "{not json");
    assert_eq!(store.set_aside()[0].key, "gw:profile/me");
    let keys = store.backend().keys().unwrap();
    assert!(keys.contains(&"gw-aside:profile/me".to_string()));
    assert!(!keys.contains(&"gw:profile/me".to_string()));
    assert!(keys.contains(&"unrelated".to_string()));
    // Reopening finds the set-aside value again, and does not duplicate it.
    let again = Store::open(store.backend().clone());
    assert_eq!(again.set_aside(), store.set_aside());
}

#[test]
fn a_profile_of_the_wrong_shape_is_set_aside() {
    let mut backend = MemoryBackend::new();
    backend
        .set(
            "gw:profile/me",
            r#"{"v":1,"saved":"2026-01-01T00:00:00Z","body":{"welcomed":"yes"}}"#,
        )
        .unwrap();
    let store = Store::open(backend);
    assert_eq!(store.get::<Profile>(Profile::ID), None);
    assert_eq!(store.set_aside().len(), 1);
    assert!(store.set_aside()[0].reason.contains("not a valid record"));
}

#[test]
fn a_second_damaged_copy_does_not_overwrite_the_first() {
    let mut backend = MemoryBackend::new();
    backend
        .set(
            "gw-aside:profile/me",
            r#"{"key":"gw:profile/me","raw":"first","reason":"r"}"#,
        )
        .unwrap();
    backend.set("gw:profile/me", "second").unwrap();
    let store = Store::open(backend);
    let raws: Vec<_> = store.set_aside().iter().map(|a| a.raw.as_str()).collect();
    assert!(raws.contains(&"first") && raws.contains(&"second"));
}

#[test]
fn data_from_a_newer_version_is_left_untouched() {
    let newer = r#"{"v":99,"saved":"2026-01-01T00:00:00Z","body":{"shape":"unknown"}}"#;
    let mut backend = MemoryBackend::new();
    backend.set("gw:profile/me", newer).unwrap();
    let mut store = Store::open(backend);
    assert_eq!(store.newer_count(), 1);
    assert_eq!(
        store.put(Profile::ID, &profile(None), now()),
        Err(StoreError::NewerVersionHere("profile/me".into()))
    );
    assert_eq!(
        store.backend().get("gw:profile/me").unwrap().unwrap(),
        newer
    );
    // Exported, so it is never lost.
    assert_eq!(store.export(now()).set_aside[0].raw, newer);
}

#[test]
fn a_full_storage_keeps_changes_in_memory_and_catches_up_later() {
    let mut store = Store::open(MemoryBackend::new());
    store.backend_mut().quota = Some(10);
    store
        .put(Profile::ID, &profile(Some(Setback::Exam)), now())
        .unwrap();
    assert!(matches!(
        store.health(),
        Health::Failing {
            problem: BackendError::Full,
            pending: 1
        }
    ));
    // Still readable in this session.
    assert_eq!(
        store.get::<Profile>(Profile::ID).unwrap().setback,
        Some(Setback::Exam)
    );
    assert_eq!(store.backend().get("gw:profile/me").unwrap(), None);
    // Space is freed; the next write brings storage up to date.
    store.backend_mut().quota = None;
    store
        .put(Profile::ID, &profile(Some(Setback::Job)), now())
        .unwrap();
    assert_eq!(store.health(), &Health::Saved);
    let reopened = Store::open(store.backend().clone());
    assert_eq!(
        reopened.get::<Profile>(Profile::ID).unwrap().setback,
        Some(Setback::Job)
    );
}

#[test]
fn unavailable_storage_still_works_for_the_session() {
    let mut store = Store::open(MemoryBackend::volatile());
    assert_eq!(store.health(), &Health::Unavailable);
    store.put(Profile::ID, &profile(None), now()).unwrap();
    assert!(store.get::<Profile>(Profile::ID).is_some());
    assert_eq!(store.health(), &Health::Unavailable);

    let mut broken = MemoryBackend::new();
    broken.broken = true;
    let store = Store::open(broken);
    assert_eq!(store.health(), &Health::Unavailable);
}

#[test]
fn delete_everything_removes_only_groundwork_keys() {
    let mut store = store_with_profile();
    store
        .backend_mut()
        .set("gw-aside:x/1", "kept until now")
        .unwrap();
    store.backend_mut().set("someone-else", "mine").unwrap();
    store.delete_everything().unwrap();
    assert!(store.is_empty());
    assert_eq!(
        store.backend().keys().unwrap(),
        vec!["someone-else".to_string()]
    );
}

#[test]
fn every_released_schema_version_has_fixtures_that_load() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for version in 1..=schema::CURRENT {
        let folder = dir.join(format!("v{version}"));
        let mut files: Vec<_> = std::fs::read_dir(&folder)
            .unwrap_or_else(|_| panic!("missing fixtures for schema v{version}: {folder:?}"))
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        assert!(!files.is_empty(), "no fixtures in {folder:?}");
        for file in files {
            let raw = std::fs::read_to_string(&file).unwrap();
            let stem = file.file_stem().unwrap().to_string_lossy().to_string();
            let kind = stem.split('-').next().unwrap();
            let mut backend = MemoryBackend::new();
            backend.set(&format!("gw:{kind}/fixture"), &raw).unwrap();
            let store = Store::open(backend);
            assert!(
                store.set_aside().is_empty(),
                "{file:?}: {:?}",
                store.set_aside()
            );
            let doc = &store.documents()[&format!("{kind}/fixture")];
            assert_eq!(doc.v, schema::CURRENT, "{file:?}");
            // Nothing lost: every field of the old body is still there.
            let old: serde_json::Value = serde_json::from_str(&raw).unwrap();
            if version == schema::CURRENT {
                assert_eq!(doc.body, old["body"], "{file:?}");
            }
        }
    }
}

#[test]
fn the_profile_fixture_reads_as_a_profile() {
    let raw = include_str!("fixtures/v1/profile.json");
    let mut backend = MemoryBackend::new();
    backend.set("gw:profile/me", raw).unwrap();
    let store = Store::open(backend);
    let p = store.get::<Profile>(Profile::ID).unwrap();
    assert_eq!(p.setback, Some(Setback::Exam));
    assert_eq!(p.welcomed_at, Some(at("2026-11-28T21:29:40+05:30")));
}

// ---------- backups ----------

#[test]
fn export_then_import_into_an_empty_store_restores_everything() {
    let mut store = store_with_profile();
    store.backend_mut().set("gw:profile/broken", "x").unwrap();
    let store = Store::open(store.backend().clone());
    let file = store.export(now()).to_json();

    let mut fresh = Store::open(MemoryBackend::new());
    let valid = backup::parse(&file, now()).unwrap();
    assert_eq!(valid.counts().get("profile"), Some(&1));
    let summary = fresh.import(valid, ImportMode::Replace).unwrap();
    assert_eq!(summary.added, 1);
    assert_eq!(
        fresh.get::<Profile>(Profile::ID),
        store.get::<Profile>(Profile::ID)
    );
    assert_eq!(fresh.set_aside(), store.set_aside());
    // And it is really in storage.
    let reopened = Store::open(fresh.backend().clone());
    assert_eq!(
        reopened.get::<Profile>(Profile::ID),
        store.get::<Profile>(Profile::ID)
    );
    assert_eq!(reopened.set_aside().len(), 1);
}

#[test]
fn merge_keeps_the_newer_copy_and_replace_takes_the_file() {
    let mut mine = Store::open(MemoryBackend::new());
    mine.put(
        Profile::ID,
        &profile(Some(Setback::Job)),
        at("2026-11-28T12:00:00Z"),
    )
    .unwrap();
    let mut theirs = Store::open(MemoryBackend::new());
    theirs
        .put(
            Profile::ID,
            &profile(Some(Setback::Exam)),
            at("2026-11-27T12:00:00Z"),
        )
        .unwrap();
    let older_file = theirs.export(now()).to_json();

    let s = mine
        .import(
            backup::parse(&older_file, now()).unwrap(),
            ImportMode::Merge,
        )
        .unwrap();
    assert_eq!(s.kept, 1);
    assert_eq!(
        mine.get::<Profile>(Profile::ID).unwrap().setback,
        Some(Setback::Job)
    );

    let s = mine
        .import(
            backup::parse(&older_file, now()).unwrap(),
            ImportMode::Replace,
        )
        .unwrap();
    assert_eq!(s.updated, 1);
    assert_eq!(
        mine.get::<Profile>(Profile::ID).unwrap().setback,
        Some(Setback::Exam)
    );
}

#[test]
fn replace_removes_records_the_file_does_not_have() {
    let mut mine = store_with_profile();
    let empty = Store::open(MemoryBackend::new()).export(now()).to_json();
    let s = mine
        .import(backup::parse(&empty, now()).unwrap(), ImportMode::Replace)
        .unwrap();
    assert_eq!(s.removed, 1);
    assert!(mine.get::<Profile>(Profile::ID).is_none());
    assert!(mine.backend().keys().unwrap().is_empty());
}

#[test]
fn a_failed_import_write_rolls_everything_back() {
    let mut source = Store::open(MemoryBackend::new());
    source
        .put(Profile::ID, &profile(Some(Setback::Exam)), now())
        .unwrap();
    for i in 0..5 {
        source
            .backend_mut()
            .set(
                &format!("gw:note/{i}"),
                r#"{"v":1,"saved":"2026-01-01T00:00:00Z","body":{"t":"some words here"}}"#,
            )
            .unwrap();
    }
    let file = Store::open(source.backend().clone())
        .export(now())
        .to_json();

    let mut mine = store_with_profile();
    let before = mine.backend().clone();
    mine.backend_mut().quota = Some(mine.backend().used() + 150);
    let result = mine.import(backup::parse(&file, now()).unwrap(), ImportMode::Replace);
    assert_eq!(result, Err(StoreError::Write(BackendError::Full)));
    assert_eq!(mine.backend().keys().unwrap(), before.keys().unwrap());
    assert_eq!(
        mine.backend().get("gw:profile/me").unwrap(),
        before.get("gw:profile/me").unwrap()
    );
    assert_eq!(
        mine.get::<Profile>(Profile::ID).unwrap().setback,
        Some(Setback::Job)
    );
}

fn refused(text: &str) -> ImportError {
    backup::parse(text, now()).expect_err(text.get(..60).unwrap_or(text))
}

#[test]
fn bad_files_are_refused_with_a_reason() {
    assert!(matches!(refused(""), ImportError::NotJson(_)));
    assert!(matches!(
        refused("PK\u{3}\u{4} zip"),
        ImportError::NotJson(_)
    ));
    assert_eq!(refused(r#"{"hello":"world"}"#), ImportError::NotABackup);
    assert_eq!(refused("[1,2,3]"), ImportError::NotABackup);
    assert_eq!(
        refused(r#"{"groundwork_backup":7}"#),
        ImportError::NewerFormat { format: 7 }
    );
    assert!(matches!(
        refused(r#"{"groundwork_backup":"1"}"#),
        ImportError::WrongShape(_)
    ));
    assert!(matches!(
        refused(
            r#"{"groundwork_backup":1,"exported_at":"2026-11-28T10:00:00Z","schema":1,"records":{}}"#
        ),
        ImportError::WrongShape(_)
    ));
}

fn file_with(record: &str) -> String {
    format!(
        r#"{{"groundwork_backup":1,"exported_at":"2026-11-28T10:00:00Z","schema":1,"records":[{record}]}}"#
    )
}

#[test]
fn bad_records_refuse_the_whole_file() {
    let cases = [
        r#"{"key":"../etc","v":1,"saved":"2026-11-28T10:00:00Z","body":{}}"#,
        r#"{"key":"profile/me","v":42,"saved":"2026-11-28T10:00:00Z","body":{}}"#,
        r#"{"key":"profile/me","v":1,"saved":"2026-11-28T10:00:00Z","body":{"setback":"<img src=x onerror=alert(1)>"}}"#,
    ];
    for record in cases {
        assert!(
            matches!(refused(&file_with(record)), ImportError::BadRecord { .. }),
            "{record}"
        );
    }
    let twice = format!(
        "{},{}",
        r#"{"key":"profile/me","v":1,"saved":"2026-11-28T10:00:00Z","body":{}}"#,
        r#"{"key":"profile/me","v":1,"saved":"2026-11-28T11:00:00Z","body":{}}"#
    );
    assert_eq!(
        refused(&file_with(&twice)),
        ImportError::Duplicate("profile/me".into())
    );
}

#[test]
fn huge_and_deeply_nested_files_are_refused_without_crashing() {
    let huge = " ".repeat(backup::MAX_BYTES + 1);
    assert!(matches!(refused(&huge), ImportError::TooLarge { .. }));
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(matches!(refused(&deep), ImportError::NotJson(_)));
    let deep_body = file_with(&format!(
        r#"{{"key":"note/1","v":1,"saved":"2026-11-28T10:00:00Z","body":{}1{}}}"#,
        "[".repeat(5000),
        "]".repeat(5000)
    ));
    assert!(matches!(refused(&deep_body), ImportError::NotJson(_)));
}

#[test]
fn user_text_with_markup_survives_a_round_trip_as_text() {
    // Text is data: the store never interprets it.
    let mut store = Store::open(MemoryBackend::new());
    store
        .backend_mut()
        .set(
            "gw:note/1",
            r#"{"v":1,"saved":"2026-01-01T00:00:00Z","body":{"text":"<script>alert(1)</script>"}}"#,
        )
        .unwrap();
    let store = Store::open(store.backend().clone());
    let file = store.export(now()).to_json();
    let valid = backup::parse(&file, now()).unwrap();
    assert_eq!(
        valid.docs["note/1"].body["text"],
        "<script>alert(1)</script>"
    );
}

// ---------- reading once at opening ----------

/// Every fixture body with each top-level field in turn replaced by values
/// of other shapes, plus the body itself: what the validators are fed.
fn fixture_bodies() -> Vec<(String, serde_json::Value)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let kind = stem.split('-').next().unwrap().to_string();
        let doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let body = doc["body"].clone();
        out.push((kind.clone(), body.clone()));
        for field in body.as_object().unwrap().keys() {
            for other in [
                serde_json::json!(null),
                serde_json::json!(-1),
                serde_json::json!(1.5),
                serde_json::json!("x"),
                serde_json::json!([]),
                serde_json::json!({}),
            ] {
                let mut changed = body.clone();
                changed[field] = other;
                out.push((kind.clone(), changed));
            }
        }
        out.push((kind.clone(), serde_json::json!([body])));
        out.push((kind, serde_json::json!("body")));
    }
    out
}

#[test]
fn reading_a_body_from_its_text_agrees_with_reading_its_value() {
    use groundwork::domain::{validate_typed, validate_typed_text};
    for (kind, body) in fixture_bodies() {
        let text = serde_json::to_string(&body).unwrap();
        let from_value = validate_typed(&kind, &body);
        let from_text = validate_typed_text(&kind, &text);
        assert_eq!(
            from_value.as_ref().map(Option::is_some).map_err(|_| ()),
            from_text.as_ref().map(Option::is_some).map_err(|_| ()),
            "{kind}: {text}"
        );
    }
}

#[test]
fn records_opened_the_fast_way_equal_the_full_read() {
    use groundwork::domain::{journal::JournalEntry, validate};
    let mut backend = MemoryBackend::new();
    let mut expected = std::collections::BTreeMap::new();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let kind = stem.split('-').next().unwrap();
        let raw = std::fs::read_to_string(&path).unwrap();
        let key = format!("{kind}/{}", stem.replace('-', "_"));
        let doc = schema::read(kind, &raw, schema::MIGRATIONS, validate).unwrap();
        backend.set(&format!("gw:{key}"), raw.trim()).unwrap();
        expected.insert(key, doc);
    }
    let store = Store::open(backend);
    assert!(store.set_aside().is_empty(), "{:?}", store.set_aside());
    assert_eq!(store.documents(), expected);

    // The typed list is the record read from the document's value, first
    // from what opening read, then (once a journal entry changes) afresh
    // from the stored text.
    let journal: Vec<_> = expected
        .iter()
        .filter(|(k, _)| k.starts_with("journal/"))
        .map(|(k, d)| {
            let entry: JournalEntry = serde::Deserialize::deserialize(&d.body).unwrap();
            (k["journal/".len()..].to_string(), entry, d.saved)
        })
        .collect();
    assert!(!journal.is_empty());
    let mut store = store;
    assert_eq!(store.all::<JournalEntry>(), journal);
    assert_eq!(store.all::<JournalEntry>(), journal);
    let (id, first, _) = journal[0].clone();
    assert_eq!(store.get::<JournalEntry>(&id), Some(first.clone()));
    store.put("zz-new", &first, now()).unwrap();
    let listed = store.all::<JournalEntry>();
    assert_eq!(&listed[..journal.len()], &journal[..]);
    assert_eq!(listed.len(), journal.len() + 1);
    // Exported exactly as stored.
    let export = store.export(now());
    for record in export
        .records
        .iter()
        .filter(|r| expected.contains_key(&r.key))
    {
        assert_eq!(record.body, expected[&record.key].body);
        assert_eq!(record.saved, expected[&record.key].saved);
    }
}

#[test]
fn a_body_with_a_field_written_twice_opens_as_before() {
    // Reading the text straight into the record refuses a field written
    // twice; the full read keeps the last one, as it always did.
    let raw = r#"{"v":1,"saved":"2026-11-28T21:00:00+05:30","body":{"welcomed":true,"setback":"job","setback":"exam"}}"#;
    let mut backend = MemoryBackend::new();
    backend.set("gw:profile/me", raw).unwrap();
    let store = Store::open(backend);
    assert!(store.set_aside().is_empty());
    let p = store.get::<Profile>(Profile::ID).unwrap();
    assert_eq!(p.setback, Some(Setback::Exam));
}

#[test]
fn opening_still_sets_aside_damage_and_leaves_newer_records_alone() {
    let mut backend = MemoryBackend::new();
    let good = r#"{"v":1,"saved":"2026-11-28T21:00:00+05:30","body":{"welcomed":true}}"#;
    let newer = r#"{"v":9,"saved":"2026-11-28T21:00:00+05:30","body":{"welcomed":"maybe"}}"#;
    let wrong = r#"{"v":1,"saved":"2026-11-28T21:00:00+05:30","body":{"welcomed":"yes"}}"#;
    let extra = r#"{"v":1,"saved":"2026-11-28T21:00:00+05:30","body":{},"x":1}"#;
    let future_kind = r#"{"v":1,"saved":"2026-11-28T21:00:00+05:30","body":[1,{"a":2}]}"#;
    backend.set("gw:profile/me", good).unwrap();
    backend.set("gw:profile/newer", newer).unwrap();
    backend.set("gw:profile/wrong", wrong).unwrap();
    backend.set("gw:profile/extra", extra).unwrap();
    backend.set("gw:future_thing/1", future_kind).unwrap();
    let store = Store::open(backend);
    assert_eq!(store.newer_count(), 1);
    let aside: Vec<&str> = store.set_aside().iter().map(|a| a.key.as_str()).collect();
    assert_eq!(aside, ["gw:profile/extra", "gw:profile/wrong"]);
    assert!(store.set_aside()[1]
        .reason
        .starts_with("not a valid record"));
    let docs = store.documents();
    assert_eq!(docs.len(), 2);
    assert_eq!(
        docs["future_thing/1"].body,
        serde_json::json!([1, {"a": 2}])
    );
    assert_eq!(
        store.backend().get("gw:profile/newer").unwrap().as_deref(),
        Some(newer)
    );
}

/// A backend that lists its keys backwards, as a browser may list them in
/// any order.
struct Backwards(MemoryBackend);

impl Backend for Backwards {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        self.0.get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        self.0.set(key, value)
    }
    fn remove(&mut self, key: &str) -> Result<(), BackendError> {
        self.0.remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, BackendError> {
        let mut keys = self.0.keys()?;
        keys.reverse();
        Ok(keys)
    }
    fn entries(&self) -> Result<Vec<(String, String)>, BackendError> {
        let mut entries = self.0.entries()?;
        entries.reverse();
        Ok(entries)
    }
}

/// Storage holding every case opening meets: current records, damaged
/// ones, a newer version, an unknown kind, a bad key, a damaged set-aside
/// entry and another app's key.
fn mixed_backend() -> MemoryBackend {
    let mut backend = MemoryBackend::new();
    let doc =
        |body: &str| format!(r#"{{"v":1,"saved":"2026-11-28T21:00:00+05:30","body":{body}}}"#);
    backend
        .set("gw:profile/me", &doc(r#"{"welcomed":true}"#))
        .unwrap();
    backend.set("gw:profile/a", "{").unwrap();
    backend
        .set("gw:profile/b", &doc(r#"{"welcomed":"no"}"#))
        .unwrap();
    backend.set("gw:profile/c", &doc("[]")).unwrap();
    backend
        .set(
            "gw:profile/new",
            r#"{"v":7,"saved":"2026-11-28T21:00:00Z","body":{}}"#,
        )
        .unwrap();
    backend.set("gw:later_kind/1", &doc(r#"{"x":1}"#)).unwrap();
    backend.set("gw:Bad Key", &doc("{}")).unwrap();
    backend.set("gw-aside:profile/a", "not json").unwrap();
    backend.set("other-app", "left alone").unwrap();
    backend
}

#[test]
fn opening_does_not_depend_on_the_order_storage_lists_keys() {
    let backend = mixed_backend();
    let forwards = Store::open(backend.clone());
    let backwards = Store::open(Backwards(backend));
    assert_eq!(forwards.documents(), backwards.documents());
    assert_eq!(forwards.set_aside(), backwards.set_aside());
    assert_eq!(forwards.set_aside().len(), 5);
    assert_eq!(forwards.newer_count(), 1);
    assert_eq!(forwards.bytes_used(), backwards.bytes_used());
    let mut a = forwards.backend().entries().unwrap();
    let mut b = backwards.backend().0.entries().unwrap();
    a.sort();
    b.sort();
    assert_eq!(a, b);
    assert_eq!(forwards.documents().len(), 2);
}

/// Opens `backend` in steps of `records`, counting the steps.
fn open_in_steps<B: Backend>(backend: B, records: usize) -> (Store<B>, usize) {
    let mut opening = Opening::begin(backend);
    let mut steps = 1;
    while !opening.step(records) {
        steps += 1;
    }
    (opening.finish(), steps)
}

fn with_many_profiles(mut backend: MemoryBackend, n: usize) -> MemoryBackend {
    for i in 0..n {
        let doc = format!(
            r#"{{"v":1,"saved":"2026-11-28T21:00:00+05:30","body":{{"welcomed":{}}}}}"#,
            i % 2 == 0
        );
        backend.set(&format!("gw:profile/p{i:03}"), &doc).unwrap();
    }
    backend
}

#[test]
fn opening_in_steps_builds_the_same_store_as_opening_at_once() {
    let backend = with_many_profiles(mixed_backend(), 40);
    let at_once = Store::open(backend.clone());
    for records in [1, 3, 7, 100] {
        let (stepped, steps) = open_in_steps(backend.clone(), records);
        assert_eq!(stepped.documents(), at_once.documents(), "{records} a step");
        assert_eq!(stepped.set_aside(), at_once.set_aside());
        assert_eq!(stepped.newer_count(), at_once.newer_count());
        assert_eq!(stepped.bytes_used(), at_once.bytes_used());
        assert_eq!(stepped.health(), at_once.health());
        assert_eq!(
            stepped.all::<Profile>().len(),
            at_once.all::<Profile>().len()
        );
        // Damaged records were moved aside in storage the same way.
        let mut a = stepped.backend().entries().unwrap();
        let mut b = at_once.backend().entries().unwrap();
        a.sort();
        b.sort();
        assert_eq!(a, b);
        // One step per part of the keys (another app's key among them),
        // then the sizes, the order and the documents.
        let keys = backend.count().unwrap();
        assert_eq!(keys, 49);
        assert_eq!(steps, keys.div_ceil(records) + 3);
    }
    assert_eq!(at_once.all::<Profile>().len(), 41);
}

#[test]
fn finishing_part_way_reads_the_rest() {
    let backend = with_many_profiles(MemoryBackend::new(), 30);
    let mut opening = Opening::begin(backend.clone());
    assert!(!opening.step(10));
    assert!(!opening.step(10));
    let store = opening.finish();
    assert_eq!(
        store.bytes_used(),
        Store::open(backend.clone()).bytes_used()
    );
    assert_eq!(store.documents(), Store::open(backend).documents());
    assert_eq!(store.all::<Profile>().len(), 30);
    // Finishing before any step reads everything at once.
    let store = Opening::begin(with_many_profiles(MemoryBackend::new(), 5)).finish();
    assert_eq!(store.all::<Profile>().len(), 5);
}

#[test]
fn peeking_reads_one_record_and_says_when_it_cannot_tell() {
    let mut backend = mixed_backend();
    backend
        .set(
            "gw:profile/me",
            r#"{"v":1,"saved":"2026-11-28T21:00:00+05:30","body":{"welcomed":true,"setback":"job"}}"#,
        )
        .unwrap();
    let opening = Opening::begin(backend);
    assert_eq!(opening.stored_keys(), 9);
    match opening.peek::<Profile>(Profile::ID) {
        Peek::Found(p) => assert_eq!(p.setback, Some(Setback::Job)),
        other => panic!("expected the profile, got {other:?}"),
    }
    assert_eq!(opening.peek::<Profile>("nobody"), Peek::Absent);
    // Damaged or from a newer version: only opening the store says what
    // becomes of it.
    assert_eq!(opening.peek::<Profile>("a"), Peek::Unsure);
    assert_eq!(opening.peek::<Profile>("b"), Peek::Unsure);
    assert_eq!(opening.peek::<Profile>("new"), Peek::Unsure);
    let store = opening.finish();
    assert_eq!(store.get::<Profile>("a"), None);
    assert_eq!(store.newer_count(), 1);
}

/// Storage shared with "another tab", which changes it between steps.
#[derive(Clone, Default)]
struct Shared(
    std::rc::Rc<std::cell::RefCell<MemoryBackend>>,
    std::rc::Rc<std::cell::Cell<bool>>,
);

impl Backend for Shared {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        self.0.borrow().get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        self.0.borrow_mut().set(key, value)
    }
    fn remove(&mut self, key: &str) -> Result<(), BackendError> {
        self.0.borrow_mut().remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, BackendError> {
        self.0.borrow().keys()
    }
    fn entries_of(&self, keys: &[String]) -> Result<Vec<(String, String)>, BackendError> {
        if self.1.get() {
            return Err(BackendError::Other("storage went away".into()));
        }
        groundwork::store::backend::entries_of_one_by_one(self, keys)
    }
}

#[test]
fn a_record_removed_between_steps_is_skipped() {
    let shared = Shared::default();
    *shared.0.borrow_mut() = with_many_profiles(MemoryBackend::new(), 6);
    let mut opening = Opening::begin(shared.clone());
    assert!(!opening.step(2), "p000 and p001 are read");
    shared.0.borrow_mut().remove("gw:profile/p005").unwrap();
    shared.0.borrow_mut().remove("gw:profile/p000").unwrap();
    while !opening.step(2) {}
    let store = opening.finish();
    // p000 was read before it went (the other tab's change arrives as an
    // event); p005 was not read yet and is simply not there. The rest are
    // found although their positions moved.
    let ids: Vec<String> = store
        .all::<Profile>()
        .into_iter()
        .map(|(id, _, _)| id)
        .collect();
    assert!(!ids.contains(&"p005".to_string()), "{ids:?}");
    assert_eq!(ids.len(), 5);
    assert_eq!(store.health(), &Health::Saved);
}

#[test]
fn storage_failing_part_way_keeps_what_was_read_and_says_so() {
    let shared = Shared::default();
    *shared.0.borrow_mut() = with_many_profiles(MemoryBackend::new(), 6);
    let mut opening = Opening::begin(shared.clone());
    assert!(!opening.step(2));
    assert!(!opening.step(2));
    shared.1.set(true);
    assert!(!opening.step(2), "a failed read stops the reading");
    assert!(!opening.step(2), "the sizes");
    assert!(!opening.step(2), "the order");
    assert!(opening.step(2), "the documents");
    let store = opening.finish();
    assert_eq!(store.health(), &Health::Unavailable);
    assert_eq!(store.all::<Profile>().len(), 4);
    // Nothing in storage was touched.
    assert_eq!(shared.0.borrow().keys().unwrap().len(), 6);
}
