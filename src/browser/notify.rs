//! The Notifications API, used only while the app is open and only after
//! the person asks for it. Where it is missing, everything says so plainly.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Notification, NotificationOptions, NotificationPermission};

/// What the browser allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    Granted,
    Denied,
    /// Not asked yet.
    Ask,
    /// No Notifications API here.
    Unsupported,
}

/// Whether this browser has the Notifications API.
pub fn supported() -> bool {
    web_sys::window().is_some_and(|w| {
        js_sys::Reflect::has(&w, &JsValue::from_str("Notification")).unwrap_or(false)
    })
}

/// The current permission, without asking.
pub fn permission() -> Permission {
    if !supported() {
        return Permission::Unsupported;
    }
    match Notification::permission() {
        NotificationPermission::Granted => Permission::Granted,
        NotificationPermission::Denied => Permission::Denied,
        _ => Permission::Ask,
    }
}

/// Asks for permission (call only from a tap) and returns the answer.
pub async fn request() -> Permission {
    if !supported() {
        return Permission::Unsupported;
    }
    let Ok(promise) = Notification::request_permission() else {
        return Permission::Unsupported;
    };
    let _ = JsFuture::from(promise).await;
    permission()
}

/// Shows one notification; `tag` keeps two tabs from showing it twice.
pub fn show(title: &str, body: &str, tag: &str) {
    if permission() != Permission::Granted {
        return;
    }
    let options = NotificationOptions::new();
    options.set_body(body);
    options.set_tag(tag);
    let _ = Notification::new_with_options(title, &options);
}
