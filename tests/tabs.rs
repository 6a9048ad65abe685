//! Two tabs over one local storage, natively: each `Store` is one tab, the
//! shared backend is the browser's storage, and `sync` delivers the `storage`
//! events a browser would send to the other tabs.

use std::cell::RefCell;
use std::rc::Rc;

use groundwork::domain::journal::JournalEntry;
use groundwork::domain::profile::{Profile, Setback};
use groundwork::domain::time::{parse, Timestamp};
use groundwork::store::backup::{self, ImportMode};
use groundwork::store::{
    covers, Backend, BackendError, Health, MemoryBackend, Store, StoreError, REPLACED_ELSEWHERE,
};

fn at(s: &str) -> Timestamp {
    parse(s).unwrap()
}

fn t(n: u32) -> Timestamp {
    at(&format!("2026-11-28T21:{n:02}:00+05:30"))
}

/// Shared storage, plus the log of changes the browser would announce.
#[derive(Default)]
struct Browser {
    storage: MemoryBackend,
    events: Vec<(usize, Option<String>, Option<String>)>,
}

/// One tab's view of the shared storage.
struct TabBackend {
    browser: Rc<RefCell<Browser>>,
    tab: usize,
    /// When true, this tab's writes fail as if the disk were full.
    full: bool,
}

impl Backend for TabBackend {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        self.browser.borrow().storage.get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        if self.full {
            return Err(BackendError::Full);
        }
        let mut b = self.browser.borrow_mut();
        // Like browsers: writing the same value again announces nothing.
        if b.storage.get(key)?.as_deref() == Some(value) {
            return Ok(());
        }
        b.storage.set(key, value)?;
        b.events
            .push((self.tab, Some(key.to_string()), Some(value.to_string())));
        Ok(())
    }
    fn remove(&mut self, key: &str) -> Result<(), BackendError> {
        if self.full {
            return Err(BackendError::Full);
        }
        let mut b = self.browser.borrow_mut();
        if b.storage.get(key)?.is_none() {
            return Ok(());
        }
        b.storage.remove(key)?;
        b.events.push((self.tab, Some(key.to_string()), None));
        Ok(())
    }
    fn keys(&self) -> Result<Vec<String>, BackendError> {
        self.browser.borrow().storage.keys()
    }
}

type Tab = Store<TabBackend>;

fn browser() -> Rc<RefCell<Browser>> {
    let b = Rc::new(RefCell::new(Browser::default()));
    b.borrow_mut().storage = MemoryBackend::new();
    b
}

fn tab(browser: &Rc<RefCell<Browser>>, n: usize) -> Tab {
    Store::open(TabBackend {
        browser: browser.clone(),
        tab: n,
        full: false,
    })
}

/// Delivers every announced change to every other tab, until quiet.
fn sync(browser: &Rc<RefCell<Browser>>, tabs: &mut [&mut Tab]) {
    for _ in 0..20 {
        let events = std::mem::take(&mut browser.borrow_mut().events);
        if events.is_empty() {
            return;
        }
        for (from, key, value) in events {
            for tab in tabs.iter_mut() {
                if tab.backend().tab != from {
                    tab.apply_external(key.as_deref(), value.as_deref());
                }
            }
        }
    }
    panic!("the tabs keep answering each other");
}

fn entry(body: &str, when: Timestamp) -> JournalEntry {
    let mut e = JournalEntry::new(t(0), None);
    e.set_body(body);
    e.updated = when;
    e
}

fn bodies(store: &Tab) -> Vec<String> {
    let mut all: Vec<String> = store
        .all::<JournalEntry>()
        .into_iter()
        .map(|(_, e, _)| e.body)
        .collect();
    all.sort();
    all
}

/// What a tab opened now would show.
fn stored_bodies(browser: &Rc<RefCell<Browser>>) -> Vec<String> {
    bodies(&tab(browser, 99))
}

const ID: &str = "20261128-210000-00001234";

#[test]
fn entries_added_in_two_tabs_are_all_kept_and_each_tab_sees_the_others() {
    let b = browser();
    let (mut a, mut c) = (tab(&b, 1), tab(&b, 2));
    a.put("20261128-210100-00010001", &entry("from A", t(1)), t(1))
        .unwrap();
    c.put("20261128-210200-00020002", &entry("from B", t(2)), t(2))
        .unwrap();
    sync(&b, &mut [&mut a, &mut c]);
    let both = vec!["from A".to_string(), "from B".to_string()];
    assert_eq!(bodies(&a), both);
    assert_eq!(bodies(&c), both);
    assert_eq!(stored_bodies(&b), both);
    assert_eq!(a.versions_kept() + c.versions_kept(), 0);
}

#[test]
fn the_same_entry_saved_in_two_tabs_keeps_the_later_one_and_a_copy_of_the_other() {
    let b = browser();
    let (mut a, mut c) = (tab(&b, 1), tab(&b, 2));
    // Both tabs write before either hears of the other.
    a.put(ID, &entry("typed in A", t(1)), t(1)).unwrap();
    c.put(ID, &entry("typed in B", t(2)), t(2)).unwrap();
    sync(&b, &mut [&mut a, &mut c]);
    let both = vec!["typed in A".to_string(), "typed in B".to_string()];
    assert_eq!(stored_bodies(&b), both, "exactly one copy, nothing lost");
    // Both tabs say so (each kept the same copy once).
    assert_eq!(a.versions_kept(), 1);
    assert_eq!(c.versions_kept(), 1);
    assert_eq!(bodies(&a), both);
    assert_eq!(bodies(&c), both);
    // The later save holds the entry's own id.
    assert_eq!(a.get::<JournalEntry>(ID).unwrap().body, "typed in B");
    assert_eq!(
        tab(&b, 9).get::<JournalEntry>(ID).unwrap().body,
        "typed in B"
    );
}

#[test]
fn a_tab_that_saves_over_an_entry_it_never_saw_keeps_a_copy_even_when_the_other_tab_is_gone() {
    let b = browser();
    let mut c = tab(&b, 2);
    {
        let mut a = tab(&b, 1);
        a.put(ID, &entry("A wrote this, then A was closed", t(1)), t(1))
            .unwrap();
        sync(&b, &mut [&mut a, &mut c]);
    }
    // B's editor was opened before A's save and never reloaded it.
    c.put(ID, &entry("B's older screen", t(3)), t(3)).unwrap();
    assert_eq!(
        stored_bodies(&b),
        vec![
            "A wrote this, then A was closed".to_string(),
            "B's older screen".to_string()
        ]
    );
}

#[test]
fn continuing_what_the_other_tab_wrote_makes_no_copy() {
    let b = browser();
    let (mut a, mut c) = (tab(&b, 1), tab(&b, 2));
    a.put(ID, &entry("Today I", t(1)), t(1)).unwrap();
    sync(&b, &mut [&mut a, &mut c]);
    let mut more = c.get::<JournalEntry>(ID).unwrap();
    more.set_body("Today I went for a walk");
    more.updated = t(2);
    c.put(ID, &more, t(2)).unwrap();
    sync(&b, &mut [&mut a, &mut c]);
    assert_eq!(
        stored_bodies(&b),
        vec!["Today I went for a walk".to_string()]
    );
    assert_eq!(bodies(&a), vec!["Today I went for a walk".to_string()]);
    assert_eq!(a.versions_kept() + c.versions_kept(), 0);
}

#[test]
fn typing_on_in_an_open_form_after_the_other_tab_saved_keeps_exactly_two_versions() {
    let b = browser();
    let (mut a, mut c) = (tab(&b, 1), tab(&b, 2));
    a.put(ID, &entry("A's words", t(1)), t(1)).unwrap();
    sync(&b, &mut [&mut a, &mut c]);
    // B rewrites the entry; A keeps its own version as a copy.
    c.put(ID, &entry("B's words", t(2)), t(2)).unwrap();
    sync(&b, &mut [&mut a, &mut c]);
    assert_eq!(
        stored_bodies(&b),
        vec!["A's words".to_string(), "B's words".to_string()]
    );
    // A's form still shows A's words and the person types on: B's version
    // becomes the copy, and A's old copy (all within the new text) goes.
    a.put(ID, &entry("A's words, and more", t(3)), t(3))
        .unwrap();
    sync(&b, &mut [&mut a, &mut c]);
    let expected = vec!["A's words, and more".to_string(), "B's words".to_string()];
    assert_eq!(stored_bodies(&b), expected);
    assert_eq!(bodies(&a), expected);
    assert_eq!(bodies(&c), expected);
    assert_eq!(
        c.get::<JournalEntry>(ID).unwrap().body,
        "A's words, and more"
    );
}

#[test]
fn a_tab_editing_its_own_entry_again_after_a_reload_makes_no_copy() {
    let b = browser();
    let mut a = tab(&b, 1);
    a.put(ID, &entry("first words", t(1)), t(1)).unwrap();
    drop(a);
    let mut a = tab(&b, 1);
    a.put(ID, &entry("rewritten", t(2)), t(2)).unwrap();
    assert_eq!(stored_bodies(&b), vec!["rewritten".to_string()]);
}

#[test]
fn when_this_tabs_version_is_the_later_one_it_stays_and_theirs_is_kept() {
    let b = browser();
    let (mut a, mut c) = (tab(&b, 1), tab(&b, 2));
    // A's save carries the later time but reaches storage first.
    a.put(ID, &entry("A, later", t(5)), t(5)).unwrap();
    b.borrow_mut().events.clear();
    c.put(ID, &entry("B, earlier", t(4)), t(4)).unwrap();
    // A hears of B's write only now.
    let raw = b.borrow().storage.get(&format!("gw:journal/{ID}")).unwrap();
    a.apply_external(Some(&format!("gw:journal/{ID}")), raw.as_deref());
    sync(&b, &mut [&mut a, &mut c]);
    assert_eq!(a.get::<JournalEntry>(ID).unwrap().body, "A, later");
    assert_eq!(tab(&b, 9).get::<JournalEntry>(ID).unwrap().body, "A, later");
    let stored = stored_bodies(&b);
    assert!(stored.contains(&"B, earlier".to_string()), "{stored:?}");
    assert!(stored.contains(&"A, later".to_string()));
}

#[test]
fn a_single_record_that_loses_is_set_aside_once_with_a_note() {
    let b = browser();
    let (mut a, mut c) = (tab(&b, 1), tab(&b, 2));
    let mut p1 = Profile::default();
    p1.welcome(Some(Setback::Exam), t(1));
    let mut p2 = Profile::default();
    p2.welcome(Some(Setback::Job), t(2));
    a.put(Profile::ID, &p1, t(1)).unwrap();
    c.put(Profile::ID, &p2, t(2)).unwrap();
    sync(&b, &mut [&mut a, &mut c]);
    assert_eq!(a.get::<Profile>(Profile::ID), Some(p2.clone()));
    let fresh = tab(&b, 9);
    assert_eq!(fresh.get::<Profile>(Profile::ID), Some(p2));
    assert_eq!(fresh.set_aside().len(), 1, "{:?}", fresh.set_aside());
    assert_eq!(fresh.set_aside()[0].reason, REPLACED_ELSEWHERE);
    assert_eq!(fresh.set_aside()[0].key, "gw:profile/me");
    assert!(fresh.set_aside()[0].raw.contains("exam"));
    // Both tabs list it too.
    assert_eq!(a.set_aside().len(), 1);
    assert_eq!(c.set_aside().len(), 1);
}

#[test]
fn a_queued_write_is_never_dropped_by_a_change_from_another_tab() {
    let b = browser();
    let (mut a, mut c) = (tab(&b, 1), tab(&b, 2));
    c.backend_mut().full = true;
    c.put(ID, &entry("B, still queued", t(1)), t(1)).unwrap();
    assert!(matches!(c.health(), Health::Failing { .. }));
    a.put(ID, &entry("A, saved", t(2)), t(2)).unwrap();
    sync(&b, &mut [&mut a, &mut c]);
    // B's queued text is kept (as a copy, still queued) and shown.
    assert_eq!(
        bodies(&c),
        vec!["A, saved".to_string(), "B, still queued".to_string()]
    );
    c.backend_mut().full = false;
    assert!(c.flush());
    sync(&b, &mut [&mut a, &mut c]);
    assert_eq!(
        stored_bodies(&b),
        vec!["A, saved".to_string(), "B, still queued".to_string()]
    );
    assert_eq!(bodies(&a), stored_bodies(&b));
}

#[test]
fn a_queued_later_write_outlives_an_earlier_one_from_another_tab() {
    let b = browser();
    let (mut a, mut c) = (tab(&b, 1), tab(&b, 2));
    c.backend_mut().full = true;
    c.put(ID, &entry("B, later, queued", t(5)), t(5)).unwrap();
    a.put(ID, &entry("A, earlier", t(4)), t(4)).unwrap();
    sync(&b, &mut [&mut a, &mut c]);
    assert_eq!(c.get::<JournalEntry>(ID).unwrap().body, "B, later, queued");
    c.backend_mut().full = false;
    assert!(c.flush());
    sync(&b, &mut [&mut a, &mut c]);
    assert_eq!(
        tab(&b, 9).get::<JournalEntry>(ID).unwrap().body,
        "B, later, queued"
    );
    assert_eq!(
        stored_bodies(&b),
        vec!["A, earlier".to_string(), "B, later, queued".to_string()]
    );
}

#[test]
fn deleting_in_one_tab_removes_it_from_the_other() {
    let b = browser();
    let (mut a, mut c) = (tab(&b, 1), tab(&b, 2));
    a.put(ID, &entry("to go", t(1)), t(1)).unwrap();
    a.put(Profile::ID, &Profile::default(), t(1)).unwrap();
    sync(&b, &mut [&mut a, &mut c]);
    assert_eq!(bodies(&c), vec!["to go".to_string()]);
    a.delete::<JournalEntry>(ID);
    sync(&b, &mut [&mut a, &mut c]);
    assert!(bodies(&c).is_empty());
    a.delete_everything().unwrap();
    sync(&b, &mut [&mut a, &mut c]);
    assert!(c.is_empty());
    assert!(stored_bodies(&b).is_empty());
}

#[test]
fn storage_cleared_elsewhere_reloads_everything_but_keeps_queued_writes() {
    let b = browser();
    let (mut a, mut c) = (tab(&b, 1), tab(&b, 2));
    a.put(ID, &entry("saved", t(1)), t(1)).unwrap();
    sync(&b, &mut [&mut a, &mut c]);
    c.backend_mut().full = true;
    c.put("20261128-210500-00050005", &entry("queued", t(5)), t(5))
        .unwrap();
    // Another tab (or the person, in devtools) runs localStorage.clear().
    b.borrow_mut().storage = MemoryBackend::new();
    c.apply_external(None, None);
    assert_eq!(bodies(&c), vec!["queued".to_string()]);
    c.backend_mut().full = false;
    assert!(c.flush());
    assert_eq!(stored_bodies(&b), vec!["queued".to_string()]);
}

#[test]
fn a_damaged_value_from_another_tab_is_set_aside_once() {
    let b = browser();
    let (mut a, mut c) = (tab(&b, 1), tab(&b, 2));
    let key = format!("gw:journal/{ID}");
    b.borrow_mut().storage.set(&key, "{not json").unwrap();
    a.apply_external(Some(&key), Some("{not json"));
    c.apply_external(Some(&key), Some("{not json"));
    sync(&b, &mut [&mut a, &mut c]);
    let fresh = tab(&b, 9);
    assert_eq!(fresh.set_aside().len(), 1);
    assert_eq!(fresh.set_aside()[0].raw, "{not json");
    assert_eq!(a.set_aside().len(), 1);
    assert_eq!(c.set_aside().len(), 1);
    assert!(b.borrow().storage.get(&key).unwrap().is_none());
}

#[test]
fn a_newer_version_in_another_tab_is_left_untouched_by_this_one() {
    let b = browser();
    let (mut a, mut c) = (tab(&b, 1), tab(&b, 2));
    a.put(ID, &entry("mine", t(1)), t(1)).unwrap();
    sync(&b, &mut [&mut a, &mut c]);
    // A newer Groundwork in a third tab rewrites the entry in its schema.
    let newer = r#"{"v":999,"saved":"2026-11-28T21:10:00+05:30","body":{"shape":"new"}}"#;
    let key = format!("gw:journal/{ID}");
    b.borrow_mut().storage.set(&key, newer).unwrap();
    a.apply_external(Some(&key), Some(newer));
    c.apply_external(Some(&key), Some(newer));
    sync(&b, &mut [&mut a, &mut c]);
    assert_eq!(c.newer_count(), 1);
    assert_eq!(
        c.put(ID, &entry("an older app's edit", t(11)), t(11)),
        Err(StoreError::NewerVersionHere(format!("journal/{ID}")))
    );
    assert_eq!(
        b.borrow().storage.get(&key).unwrap().as_deref(),
        Some(newer)
    );
    // A's own earlier words were not dropped: the newer app had them and A kept them too.
    assert_eq!(stored_bodies(&b), vec!["mine".to_string()]);
}

#[test]
fn an_older_app_opening_newer_data_neither_overwrites_nor_deletes_it() {
    let newer_entry = r#"{"v":999,"saved":"2027-05-01T09:00:00+05:30","body":{"blocks":[]}}"#;
    let newer_profile = r#"{"v":999,"saved":"2027-05-01T09:00:00+05:30","body":{"x":1}}"#;
    let b = browser();
    {
        let mut s = b.borrow_mut();
        s.storage
            .set(&format!("gw:journal/{ID}"), newer_entry)
            .unwrap();
        s.storage.set("gw:profile/me", newer_profile).unwrap();
    }
    let mut old = tab(&b, 1);
    assert_eq!(old.newer_count(), 2);
    assert!(old.all::<JournalEntry>().is_empty());
    // Using the app: saving, deleting, saving the profile, importing.
    old.put(
        "20261128-211500-00150015",
        &entry("new words", t(15)),
        t(15),
    )
    .unwrap();
    old.delete::<JournalEntry>(ID);
    assert_eq!(
        old.put(Profile::ID, &Profile::default(), t(16)),
        Err(StoreError::NewerVersionHere("profile/me".into()))
    );
    assert_eq!(
        old.put(ID, &entry("overwrite?", t(16)), t(16)),
        Err(StoreError::NewerVersionHere(format!("journal/{ID}")))
    );
    let file = old.export(t(17)).to_json();
    let valid = backup::parse(&file, t(17)).unwrap();
    old.import(valid, ImportMode::Replace).unwrap();
    let s = b.borrow();
    assert_eq!(
        s.storage
            .get(&format!("gw:journal/{ID}"))
            .unwrap()
            .as_deref(),
        Some(newer_entry)
    );
    assert_eq!(
        s.storage.get("gw:profile/me").unwrap().as_deref(),
        Some(newer_profile)
    );
    // And a backup carries them, so they travel with the person's data.
    let raws: Vec<String> = old
        .export(t(18))
        .set_aside
        .into_iter()
        .map(|a| a.raw)
        .collect();
    assert!(raws.contains(&newer_entry.to_string()) && raws.contains(&newer_profile.to_string()));
}

#[test]
fn covers_ignores_times_and_needs_every_word_and_value() {
    use serde_json::json;
    let winner = json!({"body": "Today I went for a walk", "tags": ["walk", "calm"],
        "updated": "2026-11-28T21:05:00+05:30", "rating": 3});
    let loser = json!({"body": "Today I", "tags": ["walk"],
        "updated": "2026-11-28T21:01:00+05:30", "rating": 3});
    assert!(covers(&winner, &loser));
    assert!(!covers(&winner, &json!({"body": "Today I ran"})));
    assert!(!covers(&winner, &json!({"tags": ["sad"]})));
    assert!(!covers(&winner, &json!({"rating": 4})));
    assert!(!covers(&winner, &json!({"mood": "ok"})));
}
