//! Service-worker registration and the "update ready" hand-shake.
//!
//! The worker (`static/sw.js`, completed at build time by `cargo xtask
//! post-build`) precaches the app. A new version waits until the person taps
//! "Update now"; then it takes over and the page reloads once.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState,
};

/// The page's service workers, or `None` where the browser has none (an
/// old browser, a page not served securely).
fn workers() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker"))
        .unwrap_or(false)
        .then(|| navigator.service_worker())
}

/// Whether the service worker serves this page (so the app's files come
/// from the phone's cache).
pub fn served_by_worker() -> bool {
    workers().is_some_and(|c| c.controller().is_some())
}

/// Runs `job` once the service worker serves this page: now if it already
/// does, else when it takes charge (on a first visit, right after it has
/// saved the whole app on the phone). Never where there is no service worker.
pub fn when_served(job: impl FnOnce() + 'static) {
    let Some(container) = workers() else {
        return;
    };
    if container.controller().is_some() {
        job();
        return;
    }
    // A listener of its own (the reload after "Update now" holds the
    // `oncontrollerchange` slot), removed by the browser after one call.
    let job = Closure::once_into_js(job);
    let options = web_sys::AddEventListenerOptions::new();
    options.set_once(true);
    let _ = container.add_event_listener_with_callback_and_add_event_listener_options(
        "controllerchange",
        job.unchecked_ref(),
        &options,
    );
}

/// Registers `<base>/sw.js` and calls `on_update` with a waiting worker
/// whenever a new version has been installed behind the running one.
pub fn register(base: &str, on_update: impl Fn(ServiceWorker) + 'static) {
    let Some(container) = workers() else {
        return;
    };
    let options = web_sys::RegistrationOptions::new();
    options.set_scope(&format!("{base}/"));
    let promise = container.register_with_options(&format!("{base}/sw.js"), &options);
    let on_update = Rc::new(on_update);

    // Reload once when the new worker takes control after "Update now".
    let reloading = Rc::new(Cell::new(false));
    let had_controller = container.controller().is_some();
    let on_change = Closure::<dyn Fn()>::new(move || {
        if had_controller && !reloading.replace(true) {
            super::reload();
        }
    });
    container.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
    on_change.forget();

    wasm_bindgen_futures::spawn_local(async move {
        // Some browsers (and test harnesses) resolve without a registration.
        let Some(reg) = JsFuture::from(promise)
            .await
            .ok()
            .filter(JsValue::is_object)
        else {
            return;
        };
        let reg: ServiceWorkerRegistration = reg.unchecked_into();
        if let Some(waiting) = reg.waiting() {
            if served_by_worker() {
                on_update(waiting);
            }
        }
        let reg2 = reg.clone();
        let on_found = Closure::<dyn Fn()>::new(move || {
            let Some(installing) = reg2.installing() else {
                return;
            };
            let worker = installing.clone();
            let on_update = on_update.clone();
            let on_state = Closure::<dyn Fn()>::new(move || {
                if worker.state() == ServiceWorkerState::Installed && served_by_worker() {
                    on_update(worker.clone());
                }
            });
            installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget();
        });
        reg.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
        on_found.forget();
    });
}

/// Tells a waiting worker to take over now.
pub fn activate(waiting: &ServiceWorker) {
    let _ = waiting.post_message(&JsValue::from_str("skip-waiting"));
}
