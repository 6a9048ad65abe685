//! Thin wrappers over the web APIs the app needs: the public URL, file
//! download and upload, persistent-storage requests, the service worker.
//! Pages call these instead of touching web-sys themselves.

pub mod drafts;
pub mod notify;
pub mod privacy;
pub mod pwa;
pub mod vault;

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

pub use drafts::{flush_pending_saves, leave_for, reload, Debounce, DRAFT_DELAY};

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

/// The path the app is served under, without a trailing slash ("" at the
/// root, "/groundwork" under a sub-path). The build writes it into
/// `<meta name="groundwork-base">`.
pub fn base_path() -> String {
    let base = document()
        .query_selector("meta[name=groundwork-base]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_default();
    base.trim_end_matches('/').to_string()
}

/// The browser's preferred language tag, e.g. `en-IN`.
pub fn language() -> String {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_else(|| "en".into())
}

/// Sets `<html lang>` to the language the text is in.
pub fn set_document_language(lang: &str) {
    if let Some(html) = document().document_element() {
        let _ = html.set_attribute("lang", lang);
    }
}

/// Offers `text` as a file download called `file_name`.
pub fn download(file_name: &str, text: &str, mime: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let a: web_sys::HtmlAnchorElement = document().create_element("a")?.unchecked_into();
    a.set_href(&url);
    a.set_download(file_name);
    a.set_hidden(true);
    document().body().expect("a body").append_child(&a)?;
    a.click();
    a.remove();
    web_sys::Url::revoke_object_url(&url)?;
    Ok(())
}

/// Reads a chosen file as text.
pub async fn read_text(file: &web_sys::File) -> Result<String, JsValue> {
    let text = JsFuture::from(file.text()).await?;
    text.as_string()
        .ok_or_else(|| JsValue::from_str("not text"))
}

/// Asks the browser to keep this site's storage under pressure
/// (`navigator.storage.persist()`). Quietly does nothing where unsupported.
pub fn request_persistent_storage() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    if !js_sys::Reflect::has(&navigator, &JsValue::from_str("storage")).unwrap_or(false) {
        return;
    }
    if let Ok(promise) = navigator.storage().persist() {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = JsFuture::from(promise).await;
        });
    }
}

/// Moves keyboard and screen-reader focus to the page's main heading, with
/// the page scrolled to the top.
///
/// The focus moves once the new page's first frame is painted: focusing
/// makes the browser lay the page out there and then, and on a cheap phone
/// that doubled the time a tap kept the page busy.
pub fn focus_main_heading() {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
    after_paint(|| {
        if let Ok(Some(h1)) = document().query_selector("main h1") {
            if let Ok(h1) = h1.dyn_into::<web_sys::HtmlElement>() {
                let options = web_sys::FocusOptions::new();
                options.set_prevent_scroll(true);
                let _ = h1.focus_with_options(&options);
            }
        }
    });
}

type Job = Box<dyn FnOnce()>;

thread_local! {
    static AFTER_PAINT: RefCell<VecDeque<Job>> = RefCell::new(VecDeque::new());
    static PUMPING: Cell<bool> = const { Cell::new(false) };
}

/// Runs `job` once the next frame is painted: each queued job in its own
/// task after its own frame, in the order they were queued. A hidden page
/// paints no frames, so there the jobs run one task after another.
pub fn after_paint(job: impl FnOnce() + 'static) {
    AFTER_PAINT.with(|q| q.borrow_mut().push_back(Box::new(job)));
    if !PUMPING.with(|p| p.replace(true)) {
        next_frame();
    }
}

fn next_frame() {
    let run = || {
        leptos::prelude::set_timeout(
            || {
                let job = AFTER_PAINT.with(|q| q.borrow_mut().pop_front());
                if let Some(job) = job {
                    job();
                }
                if AFTER_PAINT.with(|q| q.borrow().is_empty()) {
                    PUMPING.with(|p| p.set(false));
                } else {
                    next_frame();
                }
            },
            std::time::Duration::ZERO,
        )
    };
    if document().hidden() {
        run();
    } else {
        leptos::prelude::request_animation_frame(run);
    }
}

/// Runs `job` when the page has nothing else to do (or after two seconds
/// where the browser cannot say when that is).
pub fn when_idle(job: impl FnOnce() + 'static) {
    let job = wasm_bindgen::closure::Closure::once_into_js(job);
    let asked = web_sys::window()
        .map(|w| w.request_idle_callback(job.unchecked_ref()).is_ok())
        .unwrap_or(false);
    if !asked {
        if let Some(w) = web_sys::window() {
            let _ =
                w.set_timeout_with_callback_and_timeout_and_arguments_0(job.unchecked_ref(), 2000);
        }
    }
}

/// Resolves in a task of its own, so a tap or a frame waiting meanwhile
/// goes first (long work done in parts awaits this between parts). A
/// message to itself rather than a zero timeout: browsers hold timeouts
/// nested more than a few deep back by 4 ms each, which over dozens of
/// parts would only add waiting.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if !post_to_self(resolve.clone()) {
            leptos::prelude::set_timeout(
                move || {
                    let _ = resolve.call0(&JsValue::NULL);
                },
                std::time::Duration::ZERO,
            );
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// One message channel for the page: each message posted to it calls the
/// oldest waiting function. False when there is no channel.
fn post_to_self(resolve: js_sys::Function) -> bool {
    use wasm_bindgen::closure::Closure;
    type Channel = (web_sys::MessageChannel, Closure<dyn FnMut()>);
    thread_local! {
        static CHANNEL: Option<Channel> = web_sys::MessageChannel::new().ok().map(|channel| {
            let deliver = Closure::<dyn FnMut()>::new(|| {
                if let Some(resolve) = WAITING.with(|w| w.borrow_mut().pop_front()) {
                    let _ = resolve.call0(&JsValue::NULL);
                }
            });
            channel.port1().set_onmessage(Some(deliver.as_ref().unchecked_ref()));
            (channel, deliver)
        });
        static WAITING: RefCell<VecDeque<js_sys::Function>> = const { RefCell::new(VecDeque::new()) };
    }
    CHANNEL.with(|channel| {
        let Some((channel, _)) = channel else {
            return false;
        };
        WAITING.with(|w| w.borrow_mut().push_back(resolve));
        if channel.port2().post_message(&JsValue::NULL).is_ok() {
            return true;
        }
        WAITING.with(|w| w.borrow_mut().pop_back());
        false
    })
}

/// A fresh record id for something made now (see `domain::new_id`).
pub fn new_id() -> String {
    let salt = (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
    crate::domain::new_id(crate::domain::time::now(), salt)
}

/// True when the person asked their system for less motion.
pub fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// True where the device can vibrate (`navigator.vibrate`).
pub fn can_vibrate() -> bool {
    web_sys::window().is_some_and(|w| {
        js_sys::Reflect::has(&w.navigator(), &JsValue::from_str("vibrate")).unwrap_or(false)
    })
}

/// A short vibration, where supported; silently nothing elsewhere.
pub fn vibrate(ms: u32) {
    if can_vibrate() {
        if let Some(w) = web_sys::window() {
            let _ = w.navigator().vibrate_with_duration(ms);
        }
    }
}
