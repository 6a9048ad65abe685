//! The key-value interface the store writes through, and an in-memory
//! implementation used by native tests and when the browser keeps nothing.
//!
//! The browser's local storage implements the same trait in
//! `store::local` (wasm only).

use std::collections::BTreeMap;

/// Why a key-value operation failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackendError {
    /// The storage quota is used up (`QuotaExceededError`).
    Full,
    /// Storage cannot be used at all (disabled, private mode, blocked).
    Unavailable,
    /// Anything else, with the browser's words.
    Other(String),
}

/// A string key-value store such as `window.localStorage`.
pub trait Backend {
    /// The value under `key`, if any.
    fn get(&self, key: &str) -> Result<Option<String>, BackendError>;
    /// Writes `value` under `key`.
    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError>;
    /// Removes `key`; removing a missing key is not an error.
    fn remove(&mut self, key: &str) -> Result<(), BackendError>;
    /// Every key currently stored (any order).
    fn keys(&self) -> Result<Vec<String>, BackendError>;
    /// False when nothing written survives closing the page.
    fn is_persistent(&self) -> bool {
        true
    }
}

impl<B: Backend + ?Sized> Backend for Box<B> {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        (**self).get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        (**self).set(key, value)
    }
    fn remove(&mut self, key: &str) -> Result<(), BackendError> {
        (**self).remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, BackendError> {
        (**self).keys()
    }
    fn is_persistent(&self) -> bool {
        (**self).is_persistent()
    }
}

impl<B: Backend + ?Sized> Backend for &mut B {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        (**self).get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        (**self).set(key, value)
    }
    fn remove(&mut self, key: &str) -> Result<(), BackendError> {
        (**self).remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, BackendError> {
        (**self).keys()
    }
    fn is_persistent(&self) -> bool {
        (**self).is_persistent()
    }
}

/// A [`Backend`] in memory, with an optional quota to rehearse a full disk.
#[derive(Debug, Clone, Default)]
pub struct MemoryBackend {
    map: BTreeMap<String, String>,
    /// Maximum total of key and value lengths, in UTF-16 code units as the
    /// browser counts them.
    pub quota: Option<usize>,
    /// When true every operation fails as if storage were switched off.
    pub broken: bool,
    persistent: bool,
}

impl MemoryBackend {
    /// A backend that behaves like working local storage.
    pub fn new() -> Self {
        Self {
            persistent: true,
            ..Self::default()
        }
    }

    /// A backend standing in for storage the browser refuses: it holds data
    /// for this page only.
    pub fn volatile() -> Self {
        Self::default()
    }

    /// Units used now, counted like the browser's quota (UTF-16).
    pub fn used(&self) -> usize {
        self.map.iter().map(|(k, v)| units(k) + units(v)).sum()
    }
}

fn units(s: &str) -> usize {
    s.encode_utf16().count()
}

impl Backend for MemoryBackend {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        if self.broken {
            return Err(BackendError::Unavailable);
        }
        Ok(self.map.get(key).cloned())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        if self.broken {
            return Err(BackendError::Unavailable);
        }
        if let Some(quota) = self.quota {
            let old = self.map.get(key).map_or(0, |v| units(key) + units(v));
            if self.used() - old + units(key) + units(value) > quota {
                return Err(BackendError::Full);
            }
        }
        self.map.insert(key.to_string(), value.to_string());
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), BackendError> {
        if self.broken {
            return Err(BackendError::Unavailable);
        }
        self.map.remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, BackendError> {
        if self.broken {
            return Err(BackendError::Unavailable);
        }
        Ok(self.map.keys().cloned().collect())
    }

    fn is_persistent(&self) -> bool {
        self.persistent
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quota_refuses_growth_but_allows_shrinking() {
        let mut b = MemoryBackend::new();
        b.quota = Some(10);
        b.set("k", "12345").unwrap();
        assert_eq!(b.set("k2", "123456"), Err(BackendError::Full));
        b.set("k", "1").unwrap();
        assert_eq!(b.used(), 2);
    }

    #[test]
    fn broken_storage_fails_everything() {
        let mut b = MemoryBackend::new();
        b.broken = true;
        assert_eq!(b.keys(), Err(BackendError::Unavailable));
        assert_eq!(b.set("a", "b"), Err(BackendError::Unavailable));
    }
}
