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

impl LocalBackend {
    /// `localStorage[name]` as a function, bound to local storage.
    fn method(&self, name: &str) -> Option<js_sys::Function> {
        let f: js_sys::Function = js_sys::Reflect::get(&self.raw, &JsValue::from_str(name))
            .ok()?
            .dyn_into()
            .ok()?;
        Some(f.bind0(&self.raw))
    }

    /// Every key, listed on the JavaScript side and joined into one string;
    /// `None` when that does not give all `n` keys (see [`Backend::entries`]).
    fn keys_at_once(&self, n: usize) -> Option<js_sys::Array> {
        let keys = js_sys::Object::keys(&self.raw);
        (keys.length() as usize == n).then_some(keys)
    }

    /// The values of `keys` (a JavaScript array), read with `getItem` mapped
    /// over them and joined into one string; `None` when a key is gone or
    /// a text holds U+0000.
    fn values_at_once(&self, keys: &js_sys::Array) -> Option<Vec<(String, String)>> {
        use js_sys::{Array, Function, Reflect};
        let map: Function = Reflect::get(keys, &JsValue::from_str("map"))
            .ok()?
            .dyn_into()
            .ok()?;
        // keys.map(localStorage.getItem.bind(localStorage)): getItem ignores
        // the index and array that map passes besides the key.
        let values: Array = map
            .call1(keys, &self.method("getItem")?.into())
            .ok()?
            .dyn_into()
            .ok()?;
        if values.includes(&JsValue::NULL, 0) {
            return None;
        }
        let n = keys.length() as usize;
        let keys = String::from(keys.join("\0"));
        let values = String::from(values.join("\0"));
        super::backend::split_entries(&keys, &values, n)
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

    /// Every key, in one string from the JavaScript side (thousands of
    /// `key(i)` calls, each string copied on its own, are slow); key by
    /// key when that does not list every key (see [`Backend::entries`]).
    fn keys(&self) -> Result<Vec<String>, BackendError> {
        let n = self.raw.length().map_err(classify)?;
        if let Some(keys) = self.keys_at_once(n as usize) {
            let joined = String::from(keys.join("\0"));
            let keys: Vec<String> = match n {
                0 => Vec::new(),
                _ => joined.split('\0').map(str::to_string).collect(),
            };
            if keys.len() == n as usize {
                return Ok(keys);
            }
        }
        Ok((0..n)
            .filter_map(|i| self.raw.key(i).ok().flatten())
            .collect())
    }

    fn count(&self) -> Result<usize, BackendError> {
        Ok(self.raw.length().map_err(classify)? as usize)
    }

    /// `key(i)` for each position: a few hundred calls cost a few
    /// milliseconds, where `Object.keys` lists thousands in one long call.
    fn keys_between(&self, from: usize, to: usize) -> Result<Vec<String>, BackendError> {
        let mut keys = Vec::with_capacity(to.saturating_sub(from));
        for i in from..to {
            match self.raw.key(i as u32).map_err(classify)? {
                Some(key) => keys.push(key),
                None => break,
            }
        }
        Ok(keys)
    }

    /// Everything at once: every key and every value read on the
    /// JavaScript side (`Object.keys`, then `getItem` mapped over them) and
    /// joined into two strings, so thousands of records cross into
    /// WebAssembly as two copies, not two per record (a `key(i)` and a
    /// `getItem`, each string copied on its own, were a good part of
    /// start-up with years of history). Key by key again when that does
    /// not give every key exactly once (a key named like one of Storage's
    /// own properties, e.g. `length`, is hidden from `Object.keys`; a text
    /// holding U+0000; a key removed meanwhile).
    fn entries(&self) -> Result<Vec<(String, String)>, BackendError> {
        let n = self.raw.length().map_err(classify)? as usize;
        match self.keys_at_once(n).and_then(|k| self.values_at_once(&k)) {
            Some(entries) => Ok(entries),
            None => super::backend::entries_one_by_one(self),
        }
    }

    /// A part of the keys, read like [`Backend::entries`]: the keys cross
    /// to JavaScript as one string and the values come back as one.
    fn entries_of(&self, keys: &[String]) -> Result<Vec<(String, String)>, BackendError> {
        let at_once = || {
            if keys.is_empty() || keys.iter().any(|k| k.contains('\0')) {
                return None;
            }
            let joined = js_sys::JsString::from(keys.join("\0"));
            self.values_at_once(&joined.split("\0"))
        };
        match at_once() {
            Some(entries) => Ok(entries),
            None => super::backend::entries_of_one_by_one(self, keys),
        }
    }
}
