//! Hostile backup files, beyond the bad-file cases in `tests/store.rs`: a real
//! 50 MB file, a wrong type in every field of every record kind, dates in the
//! far future and past, and markup in every text field. Each is refused with
//! nothing changed, or imported safely with the text kept as plain text.

use groundwork::domain::time::{parse, Timestamp};
use groundwork::store::backup::{self, ImportError, ImportMode};
use groundwork::store::{Backend, MemoryBackend, Store};
use serde_json::{json, Value};

fn now() -> Timestamp {
    parse("2026-11-28T21:30:00+05:30").unwrap()
}

/// Every fixture as `(kind, document)`.
fn fixtures() -> Vec<(String, Value)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1");
    let mut out: Vec<(String, Value)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let stem = path.file_stem().unwrap().to_string_lossy().to_string();
            let kind = stem.split('-').next().unwrap().to_string();
            let doc = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            (kind, doc)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn file_of(records: Vec<Value>) -> String {
    json!({
        "groundwork_backup": 1,
        "exported_at": "2026-11-28T10:00:00Z",
        "schema": 1,
        "records": records,
    })
    .to_string()
}

fn record(kind: &str, doc: &Value) -> Value {
    json!({ "key": format!("{kind}/x"), "v": doc["v"], "saved": doc["saved"], "body": doc["body"] })
}

/// A store holding every fixture, and a copy of its storage to compare with.
fn full_store() -> Store<MemoryBackend> {
    let mut backend = MemoryBackend::new();
    for (i, (kind, doc)) in fixtures().iter().enumerate() {
        backend
            .set(&format!("gw:{kind}/mine{i}"), &doc.to_string())
            .unwrap();
    }
    let store = Store::open(backend);
    assert!(store.set_aside().is_empty());
    store
}

fn storage(store: &Store<MemoryBackend>) -> Vec<(String, Option<String>)> {
    let mut keys = store.backend().keys().unwrap();
    keys.sort();
    keys.into_iter()
        .map(|k| {
            let v = store.backend().get(&k).unwrap();
            (k, v)
        })
        .collect()
}

#[test]
fn a_50_mb_file_is_refused_before_it_is_read_and_changes_nothing() {
    let store = full_store();
    let before = storage(&store);
    // A real backup, padded with a 50 MB journal entry.
    let (_, journal) = fixtures()
        .into_iter()
        .find(|(k, _)| k == "journal")
        .unwrap();
    let mut big = record("journal", &journal);
    big["body"]["body"] = json!("अ".repeat(50 * 1024 * 1024 / 3));
    let file = file_of(vec![big]);
    assert!(file.len() >= 50 * 1024 * 1024);
    let started = std::time::Instant::now();
    assert!(matches!(
        backup::parse(&file, now()),
        Err(ImportError::TooLarge { .. })
    ));
    assert!(
        started.elapsed().as_millis() < 100,
        "refused without parsing"
    );
    assert_eq!(storage(&store), before);
}

#[test]
fn a_file_just_under_the_limit_is_checked_whole() {
    // Many long entries, under the limit: read and validated, not refused for size.
    let (_, journal) = fixtures()
        .into_iter()
        .find(|(k, _)| k == "journal")
        .unwrap();
    let mut records = Vec::new();
    let mut size = 0;
    let mut i = 0;
    while size < backup::MAX_BYTES / 4 {
        let mut r = record("journal", &journal);
        r["key"] = json!(format!("journal/e{i}"));
        r["body"]["body"] = json!("x".repeat(19_000));
        size += 19_100;
        i += 1;
        records.push(r);
    }
    // The last one is one character too long: the whole file is refused.
    let mut bad = record("journal", &journal);
    bad["key"] = json!("journal/last");
    bad["body"]["body"] = json!("x".repeat(20_001));
    records.push(bad);
    let file = file_of(records);
    assert!(file.len() < backup::MAX_BYTES);
    match backup::parse(&file, now()) {
        Err(ImportError::BadRecord { key, .. }) => assert_eq!(key, "journal/last"),
        other => panic!("{:?}", other.map(|v| v.docs.len())),
    }
}

/// Values of a different type from `v`.
fn wrong_types(v: &Value) -> Vec<Value> {
    let all = [
        json!(12345),
        json!(-1),
        json!(1.5),
        json!("12345"),
        json!(true),
        json!([1, "two"]),
        json!({"nested": {"deeper": []}}),
    ];
    all.into_iter()
        .filter(|w| {
            std::mem::discriminant(w) != std::mem::discriminant(v)
                // Numbers of another kind (1.5 for an integer) are wrong too.
                || (w.is_number() && v.is_number() && w.is_f64() != v.is_f64())
        })
        .collect()
}

#[test]
fn a_wrong_type_in_any_field_of_any_record_kind_refuses_the_file() {
    let store = full_store();
    let before = storage(&store);
    let mut checked = 0;
    for (kind, doc) in fixtures() {
        let Some(body) = doc["body"].as_object() else {
            continue;
        };
        // The whole body of the wrong type.
        for wrong in wrong_types(&doc["body"]) {
            let mut r = record(&kind, &doc);
            r["body"] = wrong.clone();
            let result = backup::parse(&file_of(vec![r]), now());
            assert!(
                matches!(result, Err(ImportError::BadRecord { .. })),
                "{kind} body {wrong}: {result:?}"
            );
        }
        for (field, value) in body {
            if value.is_null() {
                continue; // null stands for "not given"; any type may replace it.
            }
            for wrong in wrong_types(value) {
                let mut r = record(&kind, &doc);
                r["body"][field] = wrong.clone();
                let result = backup::parse(&file_of(vec![r]), now());
                assert!(
                    matches!(result, Err(ImportError::BadRecord { .. })),
                    "{kind}.{field} = {wrong} was accepted: {result:?}"
                );
                checked += 1;
            }
        }
        // And the envelope of each record.
        for (field, wrong) in [
            ("v", json!("1")),
            ("saved", json!(1_700_000_000)),
            ("key", json!(["journal", "x"])),
        ] {
            let mut r = record(&kind, &doc);
            r[field] = wrong;
            assert!(matches!(
                backup::parse(&file_of(vec![r]), now()),
                Err(ImportError::WrongShape(_))
            ));
        }
    }
    assert!(checked > 100, "only {checked} fields checked");
    assert_eq!(storage(&store), before, "refusals change nothing");
}

#[test]
fn dates_in_the_far_future_are_brought_back_to_now_and_never_crash() {
    let mut store = full_store();
    let (_, journal) = fixtures()
        .into_iter()
        .find(|(k, _)| k == "journal")
        .unwrap();

    // Impossible dates are refused as a whole file.
    for bad in [
        "+262143-12-31T23:59:59Z",
        "10000-01-01T00:00:00Z",
        "2026-13-40T99:00:00Z",
    ] {
        let mut r = record("journal", &journal);
        r["saved"] = json!(bad);
        assert!(
            matches!(
                backup::parse(&file_of(vec![r]), now()),
                Err(ImportError::WrongShape(_))
            ),
            "{bad}"
        );
    }

    // A phone whose clock was years ahead: the file is kept, the save time
    // is brought back to now so the record does not win every later merge,
    // and the entry's own dates are kept as written.
    let mut r = record("journal", &journal);
    r["key"] = json!("journal/ahead");
    r["saved"] = json!("9999-12-31T23:59:59+14:00");
    r["body"]["created"] = json!("9999-12-31T23:59:59+14:00");
    r["body"]["updated"] = json!("9999-12-31T23:59:59+14:00");
    let mut file: Value = serde_json::from_str(&file_of(vec![r])).unwrap();
    file["exported_at"] = json!("9999-12-31T23:59:59+14:00");
    let valid = backup::parse(&file.to_string(), now()).unwrap();
    let doc = &valid.docs["journal/ahead"];
    assert_eq!(doc.saved, now());
    assert_eq!(doc.body["created"], "9999-12-31T23:59:59+14:00");
    store.import(valid, ImportMode::Merge).unwrap();

    // A newer copy saved tomorrow still wins over it.
    let mut newer = record("journal", &journal);
    newer["key"] = json!("journal/ahead");
    newer["saved"] = json!("2026-11-29T10:00:00+05:30");
    newer["body"]["title"] = json!("later");
    let later = parse("2026-11-29T10:00:00+05:30").unwrap();
    let valid = backup::parse(&file_of(vec![newer]), later).unwrap();
    store.import(valid, ImportMode::Merge).unwrap();
    assert_eq!(store.documents()["journal/ahead"].body["title"], "later");

    // The export of it all reads back.
    let exported = store.export(now()).to_json();
    backup::parse(&exported, now()).unwrap();
}

const PAYLOADS: [&str; 4] = [
    "<script>window.__pwned=1</script>",
    "<img src=x onerror=\"window.__pwned=1\">",
    "\"><svg onload=window.__pwned=1>",
    "javascript:alert(1)//{{7*7}}${7*7}&lt;b&gt;",
];

/// Replaces every string leaf of `v` by `payload`, one at a time.
fn string_paths(v: &Value, path: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    match v {
        Value::String(_) => out.push(path.clone()),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(json!(i));
                string_paths(item, path, out);
                path.pop();
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                path.push(json!(k));
                string_paths(item, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn at_path<'a>(v: &'a mut Value, path: &[Value]) -> &'a mut Value {
    path.iter().fold(v, |v, step| match step {
        Value::String(k) => &mut v[k.as_str()],
        Value::Number(i) => &mut v[i.as_u64().unwrap() as usize],
        _ => unreachable!(),
    })
}

#[test]
fn markup_in_any_text_field_is_kept_as_inert_text_or_refused() {
    let mut kept = 0;
    for (kind, doc) in fixtures() {
        let mut paths = Vec::new();
        string_paths(&doc["body"], &mut Vec::new(), &mut paths);
        for path in paths {
            for payload in PAYLOADS {
                let mut r = record(&kind, &doc);
                *at_path(&mut r["body"], &path) = json!(payload);
                let file = file_of(vec![r]);
                match backup::parse(&file, now()) {
                    // Ids, dates and choices refuse it: the file is refused whole.
                    Err(ImportError::BadRecord { .. }) => {}
                    Err(other) => panic!("{kind} {path:?}: {other:?}"),
                    // Free text keeps it exactly, through import and export.
                    Ok(valid) => {
                        let mut store = Store::open(MemoryBackend::new());
                        store.import(valid, ImportMode::Replace).unwrap();
                        let reopened = Store::open(store.backend().clone());
                        let mut body = reopened.documents()[&format!("{kind}/x")].body.clone();
                        assert_eq!(*at_path(&mut body, &path), json!(payload));
                        let again = backup::parse(&reopened.export(now()).to_json(), now());
                        let mut body = again.unwrap().docs[&format!("{kind}/x")].body.clone();
                        assert_eq!(*at_path(&mut body, &path), json!(payload));
                        kept += 1;
                    }
                }
            }
        }
    }
    assert!(kept > 40, "only {kept} text fields took the payloads");
}
