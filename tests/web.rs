//! Browser tests (wasm-bindgen-test in headless Chromium): the local-storage
//! adapter against the real `localStorage`, including a full quota, and the
//! mounted app writing through to it. Run by `cargo xtask test`.
#![cfg(target_arch = "wasm32")]

use groundwork::domain::profile::{Profile, Setback};
use groundwork::domain::time;
use groundwork::store::local::{classify, LocalBackend};
use groundwork::store::{Backend, BackendError, Health, Store};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn raw() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn clear_storage() {
    raw().clear().unwrap();
}

#[wasm_bindgen_test]
fn local_backend_round_trips_values_and_lists_keys() {
    clear_storage();
    let mut b = LocalBackend::open().expect("local storage is available");
    b.set("gw:test/1", "one").unwrap();
    b.set("gw:test/2", "two ✓ दो").unwrap();
    assert_eq!(b.get("gw:test/2").unwrap().as_deref(), Some("two ✓ दो"));
    let mut keys = b.keys().unwrap();
    keys.sort();
    assert_eq!(keys, vec!["gw:test/1", "gw:test/2"]);
    b.remove("gw:test/1").unwrap();
    assert_eq!(b.get("gw:test/1").unwrap(), None);
    clear_storage();
}

#[wasm_bindgen_test]
fn everything_read_at_once_equals_reading_key_by_key() {
    use groundwork::store::backend::entries_one_by_one;
    let sorted = |b: &LocalBackend| {
        let mut all = b.entries().unwrap();
        all.sort();
        let mut one_by_one = entries_one_by_one(b).unwrap();
        one_by_one.sort();
        (all, one_by_one)
    };
    clear_storage();
    let mut b = LocalBackend::open().expect("local storage is available");
    assert_eq!(b.entries().unwrap(), vec![]);
    b.set("gw:test/1", r#"{"t":"आज \"ok\"\n"}"#).unwrap();
    b.set("gw:test/2", "").unwrap();
    b.set("other app", "🌱 emoji").unwrap();
    let (all, one_by_one) = sorted(&b);
    assert_eq!(all.len(), 3);
    assert_eq!(all, one_by_one);
    // A key Object.keys cannot show (Storage's own `length`) and a text
    // holding U+0000: read key by key, all the same.
    b.set("length", "5").unwrap();
    let (all, one_by_one) = sorted(&b);
    assert_eq!(all.len(), 4);
    assert_eq!(all, one_by_one);
    b.remove("length").unwrap();
    b.set("gw:test/3", "a\0b").unwrap();
    let (all, one_by_one) = sorted(&b);
    assert_eq!(all.len(), 4);
    assert_eq!(all, one_by_one);
    clear_storage();
}

#[wasm_bindgen_test]
fn parts_read_at_once_equal_reading_key_by_key() {
    use groundwork::store::backend::entries_of_one_by_one;
    clear_storage();
    let mut b = LocalBackend::open().expect("local storage is available");
    assert_eq!(b.keys().unwrap(), Vec::<String>::new());
    assert_eq!(b.entries_of(&[]).unwrap(), vec![]);
    b.set("gw:test/1", r#"{"t":"आज \"ok\"\n"}"#).unwrap();
    b.set("gw:test/2", "").unwrap();
    b.set("gw:test/3", "🌱").unwrap();
    let mut keys = b.keys().unwrap();
    keys.sort();
    assert_eq!(keys, vec!["gw:test/1", "gw:test/2", "gw:test/3"]);
    assert_eq!(b.count().unwrap(), 3);
    let part = |b: &LocalBackend, keys: &[&str]| {
        let keys: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
        let mut at_once = b.entries_of(&keys).unwrap();
        at_once.sort();
        let mut one_by_one = entries_of_one_by_one(b, &keys).unwrap();
        one_by_one.sort();
        assert_eq!(at_once, one_by_one);
        at_once
    };
    assert_eq!(part(&b, &["gw:test/1", "gw:test/3"]).len(), 2);
    // A key gone since the listing (another tab) is skipped.
    assert_eq!(part(&b, &["gw:test/2", "gw:test/gone"]).len(), 1);
    // A text holding U+0000 and a key Object.keys cannot show (`length`).
    b.set("gw:test/4", "a\0b").unwrap();
    assert_eq!(part(&b, &["gw:test/4", "gw:test/1"]).len(), 2);
    b.set("length", "5").unwrap();
    let mut keys = b.keys().unwrap();
    keys.sort();
    assert_eq!(keys.len(), 5);
    assert_eq!(keys[4], "length");
    clear_storage();
}

#[wasm_bindgen_test]
fn the_size_shown_matches_reading_every_value() {
    // The store keeps the size as it reads and writes; it must equal reading
    // every value back (UTF-16 units, non-ASCII included).
    clear_storage();
    let mut b = LocalBackend::open().expect("local storage is available");
    b.set("gw:test/1", "{}").unwrap();
    b.set("gw-aside:test/3", "{}").unwrap();
    b.set("other", "not ours").unwrap();
    let mut store = Store::open(b);
    let profile = Profile {
        setback: Some(Setback::Exam),
        ..Profile::default()
    };
    store.put(Profile::ID, &profile, time::now()).unwrap();
    let by_reading: usize = raw_keys()
        .iter()
        .filter(|k| k.starts_with("gw"))
        .map(|k| {
            let v = raw().get_item(k).unwrap().unwrap();
            2 * (k.encode_utf16().count() + v.encode_utf16().count())
        })
        .sum();
    assert_eq!(store.bytes_used(), by_reading);
    clear_storage();
}

fn raw_keys() -> Vec<String> {
    let n = raw().length().unwrap();
    (0..n).filter_map(|i| raw().key(i).unwrap()).collect()
}

#[wasm_bindgen_test]
fn quota_errors_are_recognised_by_name() {
    let e = web_sys::DomException::new_with_message_and_name("full", "QuotaExceededError").unwrap();
    assert_eq!(classify(e.into()), BackendError::Full);
    let e = web_sys::DomException::new_with_message_and_name("no", "SecurityError").unwrap();
    assert_eq!(classify(e.into()), BackendError::Unavailable);
    let e = js_sys::Error::new("odd");
    assert!(matches!(classify(e.into()), BackendError::Other(_)));
}

/// Fills local storage until the browser refuses more; returns the filler keys.
fn fill_storage() -> Vec<String> {
    let storage = raw();
    let mut keys = Vec::new();
    let mut chunk = "x".repeat(512 * 1024);
    let mut i = 0;
    while chunk.len() >= 16 {
        let key = format!("filler-{i}");
        match storage.set_item(&key, &chunk) {
            Ok(()) => {
                keys.push(key);
                i += 1;
            }
            Err(_) => chunk.truncate(chunk.len() / 2),
        }
    }
    keys
}

#[wasm_bindgen_test]
fn a_full_local_storage_keeps_the_change_in_memory_then_catches_up() {
    clear_storage();
    let fillers = fill_storage();
    assert!(!fillers.is_empty());

    let mut store = Store::open(LocalBackend::open().unwrap());
    let mut profile = Profile::default();
    profile.welcome(Some(Setback::Exam), time::now());
    store.put(Profile::ID, &profile, time::now()).unwrap();
    assert!(
        matches!(
            store.health(),
            Health::Failing {
                problem: BackendError::Full,
                pending: 1
            }
        ),
        "{:?}",
        store.health()
    );
    assert_eq!(store.get::<Profile>(Profile::ID), Some(profile.clone()));
    assert_eq!(raw().get_item("gw:profile/me").unwrap(), None);

    for key in &fillers {
        raw().remove_item(key).unwrap();
    }
    assert!(store.flush());
    assert_eq!(store.health(), &Health::Saved);
    let reopened = Store::open(LocalBackend::open().unwrap());
    assert_eq!(reopened.get::<Profile>(Profile::ID), Some(profile));
    clear_storage();
}

#[wasm_bindgen_test]
fn damaged_stored_json_is_set_aside_in_local_storage() {
    clear_storage();
    raw().set_item("gw:profile/me", "{\"v\":1,").unwrap();
    let store = Store::open(LocalBackend::open().unwrap());
    assert_eq!(store.set_aside().len(), 1);
    assert_eq!(raw().get_item("gw:profile/me").unwrap(), None);
    assert!(raw()
        .get_item("gw-aside:profile/me")
        .unwrap()
        .unwrap()
        .contains("{\\\"v\\\":1,"));
    clear_storage();
}

/// The whole app, mounted in a fresh element of the test page.
struct MountedApp {
    host: web_sys::HtmlElement,
    handle: Box<dyn std::any::Any>,
    owner: leptos::prelude::Owner,
}

impl MountedApp {
    /// Unmounts the app and cleans up everything it set up, its listeners
    /// on the window included (so a later test's clicks reach only its own
    /// app), and removes its element.
    fn unmount(self) {
        drop(self.handle);
        self.owner.cleanup();
        self.host.remove();
    }
}

async fn mount_app() -> MountedApp {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let owner = leptos::prelude::Owner::new();
    let handle = owner.with(|| leptos::mount::mount_to(host.clone(), groundwork::app::App));
    leptos::task::tick().await;
    MountedApp {
        host,
        handle: Box::new(handle),
        owner,
    }
}

#[wasm_bindgen_test]
async fn the_mounted_app_saves_the_welcome_answer_to_local_storage() {
    clear_storage();
    let app = mount_app().await;
    let host = app.host.clone();

    let h1 = host.query_selector("h1").unwrap().expect("a heading");
    assert!(h1.text_content().unwrap().starts_with("Welcome"));
    let job: web_sys::HtmlInputElement = host
        .query_selector("input[value=job]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    job.click();
    let submit: web_sys::HtmlElement = host
        .query_selector("button[type=submit]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    submit.click();
    leptos::task::tick().await;

    let stored = raw().get_item("gw:profile/me").unwrap().expect("saved");
    assert!(stored.contains("\"setback\":\"job\""), "{stored}");
    let h1 = host.query_selector("h1").unwrap().unwrap();
    assert!(!h1.text_content().unwrap().starts_with("Welcome"));
    app.unmount();
    clear_storage();
}

/// Resolves after `ms` milliseconds (a plain timer, so frames pass meanwhile).
async fn wait_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn later_parts_of_a_page_come_after_the_first_paint_in_order() {
    use groundwork::browser::after_paint;
    use groundwork::components::later::Later;
    use leptos::prelude::*;
    use std::cell::RefCell;
    use std::rc::Rc;

    // Jobs never run inside the task that queued them, and run in order.
    let ran = Rc::new(RefCell::new(Vec::new()));
    for n in 1..=3 {
        let ran = Rc::clone(&ran);
        after_paint(move || ran.borrow_mut().push(n));
    }
    assert!(ran.borrow().is_empty());
    wait_ms(300).await;
    assert_eq!(*ran.borrow(), vec![1, 2, 3]);

    // A page: what is outside `Later` is there at once, the rest after.
    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), || {
        view! {
            <p id="first">"first"</p>
            <Later>
                <p id="second">"second"</p>
            </Later>
            <Later>
                <p id="third">"third"</p>
            </Later>
        }
    });
    leptos::task::tick().await;
    assert!(host.query_selector("#first").unwrap().is_some());
    assert!(host.query_selector("#second").unwrap().is_none());
    wait_ms(300).await;
    let order: Vec<String> = (0..host.children().length())
        .filter_map(|i| host.children().item(i))
        .map(|el| el.id())
        .collect();
    assert_eq!(order, ["first", "second", "third"]);
    drop(handle);
    host.remove();
}

#[wasm_bindgen_test]
async fn a_charts_table_is_built_when_it_is_first_opened() {
    use groundwork::components::chart::{Chart, ChartData, Column, Point, Series, Shape};
    use leptos::prelude::*;

    let day = |n: u32| Column {
        label: n.to_string(),
        sublabel: "Nov".into(),
        name: format!("{n} Nov"),
    };
    let data = ChartData {
        summary: "Three days".into(),
        columns: vec![day(1), day(2), day(3)],
        series: vec![Series {
            name: "Momentum".into(),
            legend: "Momentum".into(),
            shape: Shape::Circle,
            tone: 1,
        }],
        points: (0..3)
            .map(|i| Point {
                column: i,
                series: 0,
                value: 10.0 * i as f64,
                label: format!("{}", 10 * i),
            })
            .collect(),
        min: 0.0,
        max: 100.0,
        ticks: vec![0.0, 100.0],
        label_every: None,
        axis_label: "Momentum".into(),
        legend_label: "Key".into(),
        table_toggle: "Show as a table".into(),
        table_caption: "Momentum by day".into(),
        table_first_header: "Day".into(),
        table_value_header: "Momentum".into(),
        skip_empty_note: None,
    };
    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), move || {
        let data = data.clone();
        view! { <Chart id="test-chart" data=Signal::derive(move || data.clone())/> }
    });
    leptos::task::tick().await;
    let rows = || {
        let body = host
            .query_selector("tbody")
            .unwrap()
            .expect("the table is there, closed");
        body.children().length()
    };
    assert!(host.query_selector("svg[role=img]").unwrap().is_some());
    assert_eq!(rows(), 0, "no rows before the table is opened");

    // A tap on "Show as a table": the rows are there as it opens.
    let summary: web_sys::HtmlElement = host
        .query_selector("summary")
        .unwrap()
        .unwrap()
        .unchecked_into();
    summary.click();
    leptos::task::tick().await;
    assert_eq!(rows(), 3);
    let details: web_sys::HtmlDetailsElement = host
        .query_selector("details")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(details.open());
    // Closed again, they stay.
    summary.click();
    wait_ms(50).await;
    assert!(!details.open());
    assert_eq!(rows(), 3);
    drop(handle);
    host.remove();
}

#[wasm_bindgen_test]
async fn years_of_history_are_read_after_home_is_on_screen() {
    clear_storage();
    let doc =
        |body: &str| format!(r#"{{"v":1,"saved":"2026-11-28T21:00:00+05:30","body":{body}}}"#);
    raw()
        .set_item(
            "gw:profile/me",
            &doc(r#"{"welcomed":true,"setback":"exam"}"#),
        )
        .unwrap();
    // Enough records to be read in steps (500 small ones; the app's
    // threshold is a few hundred keys).
    for i in 0..500 {
        raw()
            .set_item(
                &format!("gw:profile/p{i:04}"),
                &doc(r#"{"welcomed":false}"#),
            )
            .unwrap();
    }
    raw().set_item("gw:profile/damaged", "{\"v\":1,").unwrap();
    let app = mount_app().await;
    let host = app.host.clone();

    // Home is there with the greeting (the profile was read on its own);
    // the cards that look across the history are not, yet.
    let h1 = host.query_selector("main h1").unwrap().expect("a heading");
    assert!(!h1.text_content().unwrap().starts_with("Welcome"));
    assert!(host.query_selector(".next-thing").unwrap().is_none());
    assert!(host
        .query_selector(".next-thing-waiting")
        .unwrap()
        .is_some());
    // Nothing was set aside yet: the damaged record is read in a later step.
    assert!(raw().get_item("gw:profile/damaged").unwrap().is_some());

    let mut waited = 0;
    while host.query_selector(".next-thing").unwrap().is_none() {
        assert!(waited < 5000, "the home cards never came");
        wait_ms(50).await;
        waited += 50;
    }
    assert!(host
        .query_selector(".next-thing-waiting")
        .unwrap()
        .is_none());
    // Everything was read: the damaged record is set aside, as at once,
    // and the storage notice says so.
    assert!(raw().get_item("gw:profile/damaged").unwrap().is_none());
    assert!(raw()
        .get_item("gw-aside:profile/damaged")
        .unwrap()
        .is_some());
    leptos::task::tick().await;
    let notices = host.query_selector(".notices").unwrap().unwrap();
    assert!(!notices.text_content().unwrap().is_empty());
    assert_eq!(raw().length().unwrap(), 502);
    app.unmount();
    clear_storage();
}

#[wasm_bindgen_test]
async fn a_tapped_link_marks_its_page_at_once_and_builds_it_in_the_next_task() {
    clear_storage();
    let window = web_sys::window().unwrap();
    let address = window.location().href().unwrap();
    raw()
        .set_item(
            "gw:profile/me",
            r#"{"v":1,"saved":"2026-11-28T21:00:00+05:30","body":{"welcomed":true,"setback":"exam"}}"#,
        )
        .unwrap();
    let app = mount_app().await;
    let host = app.host.clone();
    let h1 = || {
        host.query_selector("main h1")
            .unwrap()
            .expect("a heading")
            .text_content()
            .unwrap()
    };
    let home = h1();
    let link: web_sys::HtmlElement = host
        .query_selector("nav.app-nav a[href$='/practices']")
        .unwrap()
        .expect("the Practices link")
        .unchecked_into();
    let main = host.query_selector("main").unwrap().unwrap();

    link.click();
    // The tap's own task (its microtasks included, awaited here without
    // letting another task run): the address and the link already say
    // Practices, the main area is busy, the page before is still there.
    for _ in 0..20 {
        let resolved = js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL);
        wasm_bindgen_futures::JsFuture::from(resolved)
            .await
            .unwrap();
    }
    assert!(window
        .location()
        .pathname()
        .unwrap()
        .ends_with("/practices"));
    assert_eq!(link.get_attribute("aria-current").as_deref(), Some("page"));
    assert_eq!(main.get_attribute("aria-busy").as_deref(), Some("true"));
    assert_eq!(h1(), home);

    // The next task builds the page.
    wait_ms(50).await;
    assert_eq!(h1(), "Practices");
    assert_eq!(main.get_attribute("aria-busy"), None);

    app.unmount();
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&address))
        .unwrap();
    clear_storage();
}
