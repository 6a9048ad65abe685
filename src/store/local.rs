//! The browser's `localStorage` as a [`Backend`] (wasm only), through
//! gloo-storage. The only place that touches local storage.

use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::{JsCast, JsValue};

use super::backend::{Backend, BackendError};

/// Local storage of this origin.
pub struct LocalBackend {
    raw: web_sys::Storage,
}

impl LocalBackend {
    /// The origin's local storage, or `None` when the browser refuses it
    /// (disabled, some private modes, sandboxed frames).
    pub fn open() -> Option<Self> {
        let window = web_sys::window()?;
        // Accessing the property itself can throw (SecurityError).
        let storage = window.local_storage().ok().flatten()?;
        // Some browsers hand out a storage object whose every write fails.
        let probe = "gw-probe";
        storage.set_item(probe, "1").ok()?;
        storage.remove_item(probe).ok()?;
        Some(Self {
            raw: LocalStorage::raw(),
        })
    }
}

/// Maps a thrown value to what the person is told: `QuotaExceededError`
/// (Chromium, Safari) and `NS_ERROR_DOM_QUOTA_REACHED` (Firefox) mean full.
pub fn classify(error: JsValue) -> BackendError {
    let (name, message) = if let Some(e) = error.dyn_ref::<web_sys::DomException>() {
        (e.name(), e.message())
    } else if let Some(e) = error.dyn_ref::<js_sys::Error>() {
        (e.name().into(), e.message().into())
    } else {
        ("Error".to_string(), format!("{error:?}"))
    };
    match name.as_str() {
        "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => BackendError::Full,
        "SecurityError" => BackendError::Unavailable,
        _ => BackendError::Other(format!("{name}: {message}")),
    }
}

impl Backend for LocalBackend {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        self.raw.get_item(key).map_err(classify)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        self.raw.set_item(key, value).map_err(classify)
    }

    fn remove(&mut self, key: &str) -> Result<(), BackendError> {
        self.raw.remove_item(key).map_err(classify)
    }

    fn keys(&self) -> Result<Vec<String>, BackendError> {
        let n = self.raw.length().map_err(classify)?;
        Ok((0..n)
            .filter_map(|i| self.raw.key(i).ok().flatten())
            .collect())
    }

    /// Everything in one call: `JSON.stringify(localStorage)` is one string
    /// crossing into WebAssembly, where reading thousands of keys one by one
    /// (a `key(i)` and a `getItem` each, every string copied separately) was
    /// a good part of start-up with years of history. Key by key again
    /// when the object does not list every key (a key named like one of
    /// Storage's own properties, e.g. `length`, is hidden from it).
    fn entries(&self) -> Result<Vec<(String, String)>, BackendError> {
        let n = self.raw.length().map_err(classify)?;
        let whole = js_sys::JSON::stringify(&self.raw)
            .ok()
            .and_then(|text| text.as_string())
            .and_then(|text| super::backend::parse_entries(&text));
        match whole {
            Some(entries) if entries.len() == n as usize => Ok(entries),
            _ => super::backend::entries_one_by_one(self),
        }
    }
}
