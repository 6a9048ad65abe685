//! The browser side of privacy on a shared phone and of keeping data safe:
//! leaving quickly for a neutral page, the neutral title and manifest,
//! whether storage is persistent, whether the app runs installed, and the
//! browser's install offer.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The neutral page quick exit goes to (copied by Trunk from `static/`).
const AWAY_PAGE: &str = "away.html";
/// Session-storage flag: this tab left quickly. Session storage belongs to
/// the tab and is gone when it closes.
const LEFT_FLAG: &str = "gw-left-quickly";
/// Class on `<html>` that hides everything while leaving.
const LEAVING_CLASS: &str = "leaving";

fn window() -> web_sys::Window {
    web_sys::window().expect("a window")
}

fn document() -> web_sys::Document {
    window().document().expect("a document")
}

fn session_flag(set: Option<bool>) -> bool {
    let Ok(Some(storage)) = window().session_storage() else {
        return false;
    };
    match set {
        Some(true) => {
            let _ = storage.set_item(LEFT_FLAG, "1");
            true
        }
        Some(false) => {
            let _ = storage.remove_item(LEFT_FLAG);
            false
        }
        None => storage.get_item(LEFT_FLAG).ok().flatten().is_some(),
    }
}

/// Hides everything on the page at once (leaving, or locking while the
/// page reloads into the lock screen).
pub fn conceal() {
    if let Some(html) = document().document_element() {
        let _ = html.class_list().add_1(LEAVING_CLASS);
    }
}

/// Hides the app and replaces this page (and its history entry) with the
/// neutral page. The caller flushes saves first (before the lock forgets
/// its keys); any left are saved on the way out.
pub fn leave_for_neutral_page() {
    conceal();
    LEFT_FROM_HERE.with(|left| left.set(true));
    session_flag(Some(true));
    super::leave_for(&format!("{}/{AWAY_PAGE}", super::base_path()));
}

/// How this document was reached: "navigate", "reload", "back_forward"...
fn navigation_type() -> Option<String> {
    let performance = js_sys::Reflect::get(&window(), &"performance".into()).ok()?;
    let entries: js_sys::Function = js_sys::Reflect::get(&performance, &"getEntriesByType".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let list: js_sys::Array = entries
        .call1(&performance, &"navigation".into())
        .ok()?
        .dyn_into()
        .ok()?;
    js_sys::Reflect::get(&list.get(0), &"type".into())
        .ok()?
        .as_string()
}

thread_local! {
    /// Set when this page leaves quickly, so the flag it writes is not
    /// cleared behind it (see [`came_back_after_leaving`]).
    static LEFT_FROM_HERE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// True when this tab left quickly and the back button brought it here
/// again: the app then goes straight back to the neutral page instead of
/// showing anything. Opening the app on purpose (a link, the home-screen
/// icon, a reload) clears the flag and starts as usual; that clearing waits
/// until the first screen is painted (the tab's session storage is slow to
/// open the first time), unless this page has left quickly by then.
pub fn came_back_after_leaving() -> bool {
    if navigation_type().as_deref() == Some("back_forward") {
        return session_flag(None);
    }
    super::after_paint(|| {
        if !LEFT_FROM_HERE.with(std::cell::Cell::get) {
            session_flag(Some(false));
        }
    });
    false
}

/// If a page restored from the back-forward cache was hidden for leaving,
/// leaves again (it stays hidden meanwhile).
pub fn leave_again_if_restored() {
    let _ = window_event_listener(leptos::ev::pageshow, |_| {
        let leaving = document()
            .document_element()
            .is_some_and(|h| h.class_list().contains(LEAVING_CLASS));
        if leaving {
            leave_for_neutral_page();
        }
    });
}

/// Milliseconds since 1970, for timing key presses.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Sets the tab's title.
pub fn set_title(title: &str) {
    document().set_title(title);
}

/// Points `<link rel="manifest">` at the neutral manifest or the usual one.
pub fn use_neutral_manifest(neutral: bool) {
    let file = if neutral {
        "manifest-neutral.webmanifest"
    } else {
        "manifest.webmanifest"
    };
    let href = format!("{}/{file}", super::base_path());
    if let Ok(Some(link)) = document().query_selector("link[rel=manifest]") {
        if link.get_attribute("href").as_deref() != Some(href.as_str()) {
            let _ = link.set_attribute("href", &href);
        }
    }
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = window().navigator();
    js_sys::Reflect::has(&navigator, &"storage".into())
        .unwrap_or(false)
        .then(|| navigator.storage())
}

/// Whether the browser promised to keep this site's storage
/// (`navigator.storage.persisted()`); `None` where it cannot say.
pub async fn storage_is_persistent() -> Option<bool> {
    let promise = storage_manager()?.persisted().ok()?;
    JsFuture::from(promise).await.ok()?.as_bool()
}

/// Asks the browser to keep this site's storage; the answer, or `None`
/// where it cannot say.
pub async fn ask_for_persistent_storage() -> Option<bool> {
    let promise = storage_manager()?.persist().ok()?;
    JsFuture::from(promise).await.ok()?.as_bool()
}

/// True when the app runs as an installed app (home-screen icon).
pub fn runs_installed() -> bool {
    let standalone = window()
        .match_media("(display-mode: standalone)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches());
    // Safari on iOS says so with `navigator.standalone`.
    standalone
        || js_sys::Reflect::get(&window().navigator(), &"standalone".into())
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false)
}

/// The browser's user-agent string.
pub fn user_agent() -> String {
    window().navigator().user_agent().unwrap_or_default()
}

thread_local! {
    /// The browser's saved install offer (`beforeinstallprompt`), if any.
    static INSTALL_OFFER: std::cell::RefCell<Option<JsValue>> = const { std::cell::RefCell::new(None) };
    /// Whether an install offer is waiting, for views.
    static OFFER_WAITING: ArcRwSignal<bool> = ArcRwSignal::new(false);
    /// Set when the app was installed during this visit.
    static JUST_INSTALLED: ArcRwSignal<bool> = ArcRwSignal::new(false);
}

/// Keeps the browser's install offer for a tap on "Install" instead of
/// letting the browser show its own banner. Call once at start.
pub fn keep_install_offer() {
    let _ = window_event_listener(
        leptos::ev::Custom::<web_sys::Event>::new("beforeinstallprompt"),
        |ev| {
            ev.prevent_default();
            INSTALL_OFFER.with(|o| *o.borrow_mut() = Some(ev.into()));
            OFFER_WAITING.with(|s| s.set(true));
        },
    );
    let _ = window_event_listener(
        leptos::ev::Custom::<web_sys::Event>::new("appinstalled"),
        |_| {
            INSTALL_OFFER.with(|o| o.borrow_mut().take());
            OFFER_WAITING.with(|s| s.set(false));
            JUST_INSTALLED.with(|s| s.set(true));
        },
    );
}

/// Whether the browser has offered to install the app (reactive).
pub fn install_offer_waiting() -> bool {
    OFFER_WAITING.with(|s| s.get())
}

/// Whether the app was installed during this visit (reactive).
pub fn installed_this_visit() -> bool {
    JUST_INSTALLED.with(|s| s.get())
}

/// Shows the browser's install dialog (after a tap); true if the person
/// accepted. The offer can be used once.
pub async fn show_install_dialog() -> bool {
    let Some(event) = INSTALL_OFFER.with(|o| o.borrow_mut().take()) else {
        return false;
    };
    OFFER_WAITING.with(|s| s.set(false));
    let call = |name: &str| -> Option<JsValue> {
        let f: js_sys::Function = js_sys::Reflect::get(&event, &name.into())
            .ok()?
            .dyn_into()
            .ok()?;
        f.call0(&event).ok()
    };
    let Some(shown) = call("prompt") else {
        return false;
    };
    if let Ok(promise) = shown.dyn_into::<js_sys::Promise>() {
        let _ = JsFuture::from(promise).await;
    }
    let Some(choice) = js_sys::Reflect::get(&event, &"userChoice".into())
        .ok()
        .and_then(|c| c.dyn_into::<js_sys::Promise>().ok())
    else {
        return false;
    };
    let Ok(choice) = JsFuture::from(choice).await else {
        return false;
    };
    js_sys::Reflect::get(&choice, &"outcome".into())
        .ok()
        .and_then(|o| o.as_string())
        .is_some_and(|o| o == "accepted")
}

/// True when the screen takes more than one touch point (phones, tablets).
pub fn touch_screen() -> bool {
    js_sys::Reflect::get(&window().navigator(), &"maxTouchPoints".into())
        .ok()
        .and_then(|v| v.as_f64())
        .is_some_and(|n| n > 1.0)
}
