//! Corrupt or hand-edited stored values of every kind: the app starts, every
//! good record loads, and each bad value is kept (set aside, never deleted).
//!
//! The good records are the fixtures in `tests/fixtures/v1/` (one or more per
//! kind, so kinds added later are covered without touching this file); each
//! is damaged in several ways and stored next to all the good ones.

use std::path::Path;

use groundwork::domain::time::parse;
use groundwork::store::{Backend, MemoryBackend, Store};
use serde_json::{json, Value};

/// `(kind, raw document)` for every fixture of the current schema.
fn fixtures() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy().to_string();
            let kind = stem.split('-').next().unwrap().to_string();
            (kind, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    out.sort();
    assert!(out.len() > 20, "expected a fixture for every kind");
    out
}

/// The first `n` characters (not bytes: fixtures hold Hindi text too).
fn cut(raw: &str, n: usize) -> String {
    raw.chars().take(n).collect()
}

/// Ways a stored value gets damaged: cut short, not a document, a body of the
/// wrong shape, every field of the body replaced by something of the wrong
/// type, a schema version that is not a number.
fn damaged(raw: &str) -> Vec<String> {
    let doc: Value = serde_json::from_str(raw).unwrap();
    let mut out = vec![
        cut(raw, raw.chars().count() / 2),
        String::new(),
        "null".into(),
        "[1,2,3]".into(),
        "<script>alert(1)</script>".into(),
    ];
    for body in [json!(null), json!([]), json!("text"), json!(42)] {
        let mut d = doc.clone();
        d["body"] = body;
        out.push(d.to_string());
    }
    let mut d = doc.clone();
    d["v"] = json!("one");
    out.push(d.to_string());
    if let Some(fields) = doc["body"].as_object() {
        for name in fields.keys() {
            // A value no field of any record accepts.
            let mut d = doc.clone();
            d["body"][name] = json!({"<img src=x onerror=alert(1)>": [[[]]]});
            out.push(d.to_string());
        }
    }
    out
}

#[test]
fn every_kind_damaged_every_way_is_kept_and_the_rest_still_loads() {
    let all = fixtures();
    let mut cases = 0;
    for (kind, raw) in &all {
        for (n, bad) in damaged(raw).into_iter().enumerate() {
            let mut backend = MemoryBackend::new();
            for (i, (k, good)) in all.iter().enumerate() {
                backend.set(&format!("gw:{k}/good{i}"), good).unwrap();
            }
            let bad_key = format!("gw:{kind}/damaged{n}");
            backend.set(&bad_key, &bad).unwrap();
            let store = Store::open(backend);

            // Everything good loaded.
            for (i, (k, _)) in all.iter().enumerate() {
                assert!(
                    store.documents().contains_key(&format!("{k}/good{i}")),
                    "{kind} #{n}: good {k}/good{i} did not load"
                );
            }
            // The damaged value is either a valid record after all (a field
            // that really accepts anything), or set aside with its text kept
            // byte for byte, in the report and in storage.
            let loaded = store
                .documents()
                .contains_key(&format!("{kind}/damaged{n}"));
            if !loaded {
                let aside = store
                    .set_aside()
                    .iter()
                    .find(|s| s.key == bad_key)
                    .unwrap_or_else(|| panic!("{kind} #{n}: {bad:?} neither loaded nor set aside"));
                assert_eq!(aside.raw, bad, "{kind} #{n}");
                let backend = store.backend();
                let kept = backend.keys().unwrap().into_iter().any(|k| {
                    k.starts_with("gw-aside:")
                        && backend
                            .get(&k)
                            .unwrap()
                            .and_then(|v| serde_json::from_str::<Value>(&v).ok())
                            .is_some_and(|v| v["raw"] == json!(bad))
                }) || backend.get(&bad_key).unwrap().as_deref() == Some(&bad);
                assert!(kept, "{kind} #{n}: the damaged text is gone from storage");
            }
            cases += 1;
        }
    }
    assert!(cases > 200, "only {cases} cases");
}

#[test]
fn a_write_after_opening_damaged_storage_loses_nothing() {
    let all = fixtures();
    let mut backend = MemoryBackend::new();
    for (i, (k, raw)) in all.iter().enumerate() {
        backend.set(&format!("gw:{k}/good{i}"), raw).unwrap();
        backend
            .set(
                &format!("gw:{k}/bad{i}"),
                &cut(raw, raw.chars().count() / 3),
            )
            .unwrap();
    }
    let mut store = Store::open(backend);
    let profile = groundwork::domain::profile::Profile::default();
    store
        .put("me", &profile, parse("2026-11-29T09:00:00+05:30").unwrap())
        .unwrap();
    // Reopen: the same records load and the same damaged values are reported.
    let reopened = Store::open(store.backend().clone());
    assert_eq!(reopened.set_aside().len(), all.len());
    for (i, (k, _)) in all.iter().enumerate() {
        assert!(reopened.documents().contains_key(&format!("{k}/good{i}")));
    }
}
