//! The store keeps each kind's typed records once read (see
//! `store::docs`): these tests check that what it hands out always matches
//! what is stored, after saves, deletes, other tabs' changes, imports and
//! wipes, and that a list is reused only while its kind is unchanged.

use std::rc::Rc;

use groundwork::domain::micro_goals::{RestDay, Win};
use groundwork::domain::time::{parse, Timestamp};
use groundwork::store::backup::ImportMode;
use groundwork::store::{Backend, MemoryBackend, Store};

fn at(s: &str) -> Timestamp {
    parse(s).unwrap()
}

fn now() -> Timestamp {
    at("2026-11-28T21:30:00+05:30")
}

fn win(text: &str) -> Win {
    Win {
        text: text.into(),
        goal: None,
        at: now(),
    }
}

fn texts(store: &Store<MemoryBackend>) -> Vec<String> {
    store
        .all_shared::<Win>()
        .iter()
        .map(|(_, w, _)| w.text.clone())
        .collect()
}

#[test]
fn a_kind_is_read_once_and_shared_until_it_changes() {
    let mut store = Store::open(MemoryBackend::new());
    store
        .put("20261128-100000-0001", &win("tea"), now())
        .unwrap();
    let first = store.all_shared::<Win>();
    assert!(Rc::ptr_eq(&first, &store.all_shared::<Win>()));
    // A save of another kind keeps the list.
    let rest = RestDay {
        date: now().date_naive(),
    };
    store.put("2026-11-28", &rest, now()).unwrap();
    assert!(Rc::ptr_eq(&first, &store.all_shared::<Win>()));
    // A save of this kind makes a new one, with the new record in it.
    store
        .put("20261128-100000-0002", &win("walk"), now())
        .unwrap();
    let second = store.all_shared::<Win>();
    assert!(!Rc::ptr_eq(&first, &second));
    assert_eq!(texts(&store), ["tea", "walk"]);
    assert_eq!(first.len(), 1, "a list handed out earlier is not changed");
}

#[test]
fn saves_edits_and_deletes_show_at_once() {
    let mut store = Store::open(MemoryBackend::new());
    store
        .put("20261128-100000-0001", &win("tea"), now())
        .unwrap();
    store
        .put("20261128-100000-0002", &win("walk"), now())
        .unwrap();
    assert_eq!(texts(&store), ["tea", "walk"]);
    store
        .put("20261128-100000-0001", &win("chai"), now())
        .unwrap();
    assert_eq!(texts(&store), ["chai", "walk"]);
    store.delete::<Win>("20261128-100000-0002");
    assert_eq!(texts(&store), ["chai"]);
    assert_eq!(store.all::<Win>().len(), 1);
    store.delete_everything().unwrap();
    assert!(texts(&store).is_empty());
}

#[test]
fn records_read_at_opening_match_reading_them_afresh() {
    let mut store = Store::open(MemoryBackend::new());
    for i in 0..50 {
        store
            .put(
                &format!("20261128-1000{i:02}-0001"),
                &win(&format!("w{i}")),
                now(),
            )
            .unwrap();
    }
    let reopened = Store::open(store.backend().clone());
    let expected: Vec<(String, Win, Timestamp)> = store.all::<Win>();
    assert_eq!(reopened.all::<Win>(), expected);
    // A second read gives the same again.
    assert_eq!(reopened.all::<Win>(), expected);
}

#[test]
fn a_record_saved_over_after_opening_is_not_read_from_the_opening() {
    let mut first = Store::open(MemoryBackend::new());
    first
        .put("20261128-100000-0001", &win("tea"), now())
        .unwrap();
    let mut store = Store::open(first.backend().clone());
    // Not read yet; now changed.
    store
        .put("20261128-100000-0001", &win("chai"), now())
        .unwrap();
    assert_eq!(texts(&store), ["chai"]);
}

#[test]
fn another_tabs_change_shows_at_once() {
    let mut store = Store::open(MemoryBackend::new());
    store
        .put("20261128-100000-0001", &win("tea"), now())
        .unwrap();
    assert_eq!(texts(&store), ["tea"]);
    let raw = r#"{"v":1,"saved":"2026-11-28T21:40:00+05:30","body":{"text":"from the other tab","at":"2026-11-28T21:40:00+05:30"}}"#;
    store
        .backend_mut()
        .set("gw:win/20261128-100000-0009", raw)
        .unwrap();
    assert!(store.apply_external(Some("gw:win/20261128-100000-0009"), Some(raw)));
    assert_eq!(texts(&store), ["tea", "from the other tab"]);
    store
        .backend_mut()
        .remove("gw:win/20261128-100000-0001")
        .unwrap();
    assert!(store.apply_external(Some("gw:win/20261128-100000-0001"), None));
    assert_eq!(texts(&store), ["from the other tab"]);
    // Storage cleared elsewhere: everything is read again.
    store
        .backend_mut()
        .remove("gw:win/20261128-100000-0009")
        .unwrap();
    assert!(store.apply_external(None, None));
    assert!(texts(&store).is_empty());
}

#[test]
fn an_import_shows_at_once() {
    let mut source = Store::open(MemoryBackend::new());
    source
        .put("20261128-100000-0001", &win("tea"), now())
        .unwrap();
    source
        .put("20261128-100000-0002", &win("walk"), now())
        .unwrap();
    let text = serde_json::to_string(&source.export(now())).unwrap();
    let mut store = Store::open(MemoryBackend::new());
    store
        .put("20261128-100000-0003", &win("mine"), now())
        .unwrap();
    assert_eq!(texts(&store), ["mine"]);
    let valid = groundwork::store::backup::parse(&text, now()).unwrap();
    store.import(valid, ImportMode::Merge).unwrap();
    assert_eq!(texts(&store), ["tea", "walk", "mine"]);
    let valid = groundwork::store::backup::parse(&text, now()).unwrap();
    store.import(valid, ImportMode::Replace).unwrap();
    assert_eq!(texts(&store), ["tea", "walk"]);
}

/// What `bytes_used` must say: every `gw` key and value read back from
/// storage, in UTF-16 units.
fn recount<B: Backend>(backend: &B) -> usize {
    backend
        .keys()
        .unwrap()
        .iter()
        .filter(|k| k.starts_with("gw:") || k.starts_with("gw-aside:"))
        .map(|k| {
            let v = backend.get(k).unwrap().unwrap();
            2 * (k.encode_utf16().count() + v.encode_utf16().count())
        })
        .sum()
}

#[test]
fn bytes_used_stays_equal_to_reading_storage_back() {
    let mut backend = MemoryBackend::new();
    backend.set("gw:win/broken", "not json").unwrap();
    backend.set("other", "not ours").unwrap();
    let mut store = Store::open(backend);
    // The damaged value was set aside (a new key) and its key removed.
    assert_eq!(store.set_aside().len(), 1);
    assert_eq!(store.bytes_used(), recount(store.backend()));
    store
        .put("20261128-100000-0001", &win("चाय 🌱"), now())
        .unwrap();
    store
        .put("20261128-100000-0002", &win("tea"), now())
        .unwrap();
    assert_eq!(store.bytes_used(), recount(store.backend()));
    store
        .put("20261128-100000-0002", &win("a longer tea"), now())
        .unwrap();
    store.delete::<Win>("20261128-100000-0001");
    assert_eq!(store.bytes_used(), recount(store.backend()));
    // Another tab adds, then removes.
    let raw = r#"{"v":1,"saved":"2026-11-28T21:40:00+05:30","body":{"text":"दूसरा","at":"2026-11-28T21:40:00+05:30"}}"#;
    store
        .backend_mut()
        .set("gw:win/20261128-100000-0009", raw)
        .unwrap();
    store.apply_external(Some("gw:win/20261128-100000-0009"), Some(raw));
    assert_eq!(store.bytes_used(), recount(store.backend()));
    store
        .backend_mut()
        .remove("gw:win/20261128-100000-0002")
        .unwrap();
    store.apply_external(Some("gw:win/20261128-100000-0002"), None);
    assert_eq!(store.bytes_used(), recount(store.backend()));
    // Another tab set a value aside.
    let aside = r#"{"key":"gw:win/x","raw":"?","reason":"damaged"}"#;
    store.backend_mut().set("gw-aside:win/x", aside).unwrap();
    store.apply_external(Some("gw-aside:win/x"), Some(aside));
    assert_eq!(store.bytes_used(), recount(store.backend()));
    // An import, then everything deleted.
    let mut source = Store::open(MemoryBackend::new());
    source
        .put("20261128-100000-0005", &win("imported"), now())
        .unwrap();
    let text = serde_json::to_string(&source.export(now())).unwrap();
    let valid = groundwork::store::backup::parse(&text, now()).unwrap();
    store.import(valid, ImportMode::Merge).unwrap();
    assert_eq!(store.bytes_used(), recount(store.backend()));
    // Storage cleared in another tab.
    store
        .backend_mut()
        .remove("gw:win/20261128-100000-0005")
        .unwrap();
    store.apply_external(None, None);
    assert_eq!(store.bytes_used(), recount(store.backend()));
    store.delete_everything().unwrap();
    assert_eq!(store.bytes_used(), 0);
    assert_eq!(recount(store.backend()), 0);
}

#[test]
fn a_list_patched_after_changes_matches_reading_everything_afresh() {
    let mut store = Store::open(MemoryBackend::new());
    let id = |i: usize| format!("20261128-10{:04}-0001", i * 7 % 100);
    for i in 0..40 {
        store.put(&id(i), &win(&format!("w{i}")), now()).unwrap();
    }
    // Every step: a few saves, edits, deletes and other tabs' changes, then
    // the (patched) list must equal a fresh read of the same storage.
    for step in 0..30usize {
        drop(store.all_shared::<Win>());
        for j in 0..(step % 5 + 1) {
            let n = (step * 13 + j * 29) % 60;
            match (step + j) % 4 {
                0 | 1 => store
                    .put(&id(n), &win(&format!("s{step}-{j}")), now())
                    .unwrap(),
                2 => store.delete::<Win>(&id(n)),
                _ => {
                    let key = format!("gw:win/{}", id(n));
                    let raw = format!(
                        r#"{{"v":1,"saved":"2026-11-28T21:40:00+05:30","body":{{"text":"tab {step}","at":"2026-11-28T21:40:00+05:30"}}}}"#
                    );
                    store.backend_mut().set(&key, &raw).unwrap();
                    store.apply_external(Some(&key), Some(&raw));
                }
            }
        }
        let fresh = Store::open(store.backend().clone());
        assert_eq!(store.all::<Win>(), fresh.all::<Win>(), "after step {step}");
    }
}

#[test]
fn a_list_still_held_elsewhere_is_not_patched_but_read_again() {
    let mut store = Store::open(MemoryBackend::new());
    store
        .put("20261128-100000-0001", &win("tea"), now())
        .unwrap();
    let held = store.all_shared::<Win>();
    store
        .put("20261128-100000-0001", &win("chai"), now())
        .unwrap();
    store
        .put("20261128-100000-0002", &win("walk"), now())
        .unwrap();
    assert_eq!(texts(&store), ["chai", "walk"]);
    assert_eq!(held.len(), 1);
    assert_eq!(held[0].1.text, "tea", "a list handed out is never changed");
}

#[test]
fn many_changes_at_once_read_the_kind_afresh() {
    let mut store = Store::open(MemoryBackend::new());
    assert!(texts(&store).is_empty());
    for i in 0..200 {
        store
            .put(
                &format!("20261128-1{i:05}-0001"),
                &win(&format!("w{i}")),
                now(),
            )
            .unwrap();
    }
    let fresh = Store::open(store.backend().clone());
    assert_eq!(store.all::<Win>(), fresh.all::<Win>());
    assert_eq!(texts(&store).len(), 200);
}
