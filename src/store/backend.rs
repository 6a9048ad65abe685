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
    /// Every key with its value (any order). Opening the store reads
    /// everything at once; a backend that can hand it over in one go (the
    /// browser's local storage) overrides this.
    fn entries(&self) -> Result<Vec<(String, String)>, BackendError> {
        entries_one_by_one(self)
    }
    /// The keys of `keys` that are still stored, with their values (any
    /// order): opening the store in steps reads a part at a time.
    fn entries_of(&self, keys: &[String]) -> Result<Vec<(String, String)>, BackendError> {
        entries_of_one_by_one(self, keys)
    }
    /// How many keys are stored.
    fn count(&self) -> Result<usize, BackendError> {
        Ok(self.keys()?.len())
    }
    /// The keys at positions `from..to` in the backend's own order, which
    /// holds while nothing is written (as `localStorage.key(i)` does):
    /// opening the store in steps lists a part at a time.
    fn keys_between(&self, from: usize, to: usize) -> Result<Vec<String>, BackendError> {
        let keys = self.keys()?;
        let to = to.min(keys.len());
        Ok(keys
            .get(from..to)
            .map(<[String]>::to_vec)
            .unwrap_or_default())
    }
    /// False when nothing written survives closing the page.
    fn is_persistent(&self) -> bool {
        true
    }
}

/// Every key with its value, read key by key through [`Backend::get`].
pub fn entries_one_by_one<B: Backend + ?Sized>(
    backend: &B,
) -> Result<Vec<(String, String)>, BackendError> {
    let keys = backend.keys()?;
    let mut entries = Vec::with_capacity(keys.len());
    for key in keys {
        // A key removed meanwhile (another tab) is skipped.
        if let Ok(Some(value)) = backend.get(&key) {
            entries.push((key, value));
        }
    }
    Ok(entries)
}

/// The keys of `keys` still stored, with their values, read through
/// [`Backend::get`]. A key removed meanwhile (another tab) is skipped.
pub fn entries_of_one_by_one<B: Backend + ?Sized>(
    backend: &B,
    keys: &[String],
) -> Result<Vec<(String, String)>, BackendError> {
    let mut entries = Vec::with_capacity(keys.len());
    for key in keys {
        if let Some(value) = backend.get(key)? {
            entries.push((key.clone(), value));
        }
    }
    Ok(entries)
}

/// The `len` pairs of `keys` and `values`, each the texts joined with
/// U+0000 (as JavaScript's `join("\0")` writes them); `None` when either
/// does not split into exactly `len` parts (a text holding U+0000 itself).
pub fn split_entries(keys: &str, values: &str, len: usize) -> Option<Vec<(String, String)>> {
    if len == 0 {
        return (keys.is_empty() && values.is_empty()).then(Vec::new);
    }
    let mut pairs = Vec::with_capacity(len);
    let mut keys = keys.split('\0');
    let mut values = values.split('\0');
    for (key, value) in keys.by_ref().zip(values.by_ref()) {
        if pairs.len() == len {
            return None;
        }
        pairs.push((key.to_string(), value.to_string()));
    }
    (pairs.len() == len && keys.next().is_none() && values.next().is_none()).then_some(pairs)
}

/// `impl Backend` for a pointer to a backend (`Box<B>`, `&mut B`): every
/// method goes to the backend it points to.
macro_rules! forward_backend {
    ($pointer:ty) => {
        impl<B: Backend + ?Sized> Backend for $pointer {
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
            fn entries(&self) -> Result<Vec<(String, String)>, BackendError> {
                (**self).entries()
            }
            fn entries_of(&self, keys: &[String]) -> Result<Vec<(String, String)>, BackendError> {
                (**self).entries_of(keys)
            }
            fn count(&self) -> Result<usize, BackendError> {
                (**self).count()
            }
            fn keys_between(&self, from: usize, to: usize) -> Result<Vec<String>, BackendError> {
                (**self).keys_between(from, to)
            }
            fn is_persistent(&self) -> bool {
                (**self).is_persistent()
            }
        }
    };
}

forward_backend!(Box<B>);
forward_backend!(&mut B);

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
    fn entries_are_every_key_with_its_value() {
        let mut b = MemoryBackend::new();
        b.set("gw:a/1", "{\"x\":1}").unwrap();
        b.set("other", "").unwrap();
        let mut entries = b.entries().unwrap();
        entries.sort();
        assert_eq!(
            entries,
            vec![
                ("gw:a/1".to_string(), "{\"x\":1}".to_string()),
                ("other".to_string(), String::new())
            ]
        );
        b.broken = true;
        assert_eq!(b.entries(), Err(BackendError::Unavailable));
    }

    #[test]
    fn entries_split_from_two_joined_texts() {
        let pairs = |p: &[(&str, &str)]| -> Vec<(String, String)> {
            p.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        assert_eq!(
            split_entries("gw:a/1\0b\0c", "{\"t\":\"आज\"}\0\0x", 3),
            Some(pairs(&[
                ("gw:a/1", "{\"t\":\"आज\"}"),
                ("b", ""),
                ("c", "x")
            ]))
        );
        assert_eq!(split_entries("a", "", 1), Some(pairs(&[("a", "")])));
        assert_eq!(split_entries("", "", 0), Some(vec![]));
        // A U+0000 inside a key or a value: the counts disagree.
        assert_eq!(split_entries("a\0b", "x\0y\0z", 2), None);
        assert_eq!(split_entries("a\0b\0c", "x\0y", 3), None);
        assert_eq!(split_entries("a\0b", "x\0y", 1), None);
        assert_eq!(split_entries("a", "x", 2), None);
        assert_eq!(split_entries("a", "", 0), None);
    }

    #[test]
    fn broken_storage_fails_everything() {
        let mut b = MemoryBackend::new();
        b.broken = true;
        assert_eq!(b.keys(), Err(BackendError::Unavailable));
        assert_eq!(b.set("a", "b"), Err(BackendError::Unavailable));
    }
}
