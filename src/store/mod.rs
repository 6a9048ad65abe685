//! Durable storage of every record, one key per record.
//!
//! Layout in local storage (every key starts with `gw`):
//! - `gw:<kind>/<id>`: one [`schema::Document`] per record, so saving one
//!   entry rewrites only that entry, however long the history grows.
//! - `gw-aside:<kind>/<id>[#n]`: a record that could not be read, set aside
//!   with the reason, never deleted (it is part of every export).
//!
//! The [`Store`] keeps every record in memory too. A write that the browser
//! refuses (full, blocked) stays queued in memory; the next successful write
//! flushes the queue, and [`Store::health`] says what the person must be told.

pub mod backend;
pub mod backup;
#[cfg(target_arch = "wasm32")]
pub mod local;
pub mod schema;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::time::Timestamp;
use crate::domain::{self, Record};
pub use backend::{Backend, BackendError, MemoryBackend};
use schema::{DocProblem, Document};

const DOC_PREFIX: &str = "gw:";
const ASIDE_PREFIX: &str = "gw-aside:";

/// Whether what the person writes is reaching storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Health {
    /// Everything is written.
    Saved,
    /// The browser keeps nothing (private mode, disabled storage): data lives
    /// only as long as this page.
    Unavailable,
    /// The last write failed; `pending` changes wait in memory.
    Failing {
        problem: BackendError,
        pending: usize,
    },
}

/// A stored value that could not be read, kept with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetAside {
    /// Where it was found, e.g. `gw:profile/me`.
    pub key: String,
    /// The stored text, exactly as found.
    pub raw: String,
    /// Why it could not be used.
    pub reason: String,
}

/// An operation the store refused, changing nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// A newer Groundwork wrote this record; this version must not overwrite it.
    NewerVersionHere(String),
    /// The browser refused a write and the change was rolled back.
    Write(BackendError),
    /// A kind or id with characters that are not allowed in keys.
    BadKey(String),
}

/// Checks `kind/id`: kind is `[a-z0-9_]{1,40}`, id is `[A-Za-z0-9_-]{1,64}`.
pub fn valid_key(key: &str) -> bool {
    let Some((kind, id)) = key.split_once('/') else {
        return false;
    };
    (1..=40).contains(&kind.len())
        && kind
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Every record, the set-aside values and the write queue, over a [`Backend`].
pub struct Store<B: Backend> {
    backend: B,
    docs: BTreeMap<String, Document>,
    aside: Vec<SetAside>,
    too_new: BTreeMap<String, String>,
    pending: BTreeMap<String, Option<String>>,
    health: Health,
}

impl<B: Backend> Store<B> {
    /// Reads everything under the `gw` prefixes. Damaged values are moved
    /// aside (kept); values from a newer schema are left untouched.
    pub fn open(backend: B) -> Self {
        let mut store = Store {
            health: if backend.is_persistent() {
                Health::Saved
            } else {
                Health::Unavailable
            },
            backend,
            docs: BTreeMap::new(),
            aside: Vec::new(),
            too_new: BTreeMap::new(),
            pending: BTreeMap::new(),
        };
        let mut keys = match store.backend.keys() {
            Ok(keys) => keys,
            Err(_) => {
                store.health = Health::Unavailable;
                return store;
            }
        };
        keys.sort();
        for storage_key in keys {
            let Ok(Some(raw)) = store.backend.get(&storage_key) else {
                continue;
            };
            if let Some(key) = storage_key.strip_prefix(DOC_PREFIX) {
                store.load_doc(&storage_key, key.to_string(), raw);
            } else if storage_key.starts_with(ASIDE_PREFIX) {
                match serde_json::from_str::<SetAside>(&raw) {
                    Ok(aside) => store.aside.push(aside),
                    Err(e) => store.aside.push(SetAside {
                        key: storage_key,
                        raw,
                        reason: format!("damaged set-aside entry: {e}"),
                    }),
                }
            }
        }
        store
    }

    fn load_doc(&mut self, storage_key: &str, key: String, raw: String) {
        let problem = if !valid_key(&key) {
            DocProblem::Damaged("the key is not a Groundwork record key".into())
        } else {
            let kind = key.split('/').next().unwrap_or_default();
            match schema::read(kind, &raw, schema::MIGRATIONS, domain::validate) {
                Ok(doc) => {
                    self.docs.insert(key, doc);
                    return;
                }
                Err(DocProblem::TooNew(_)) => {
                    self.too_new.insert(key, raw);
                    return;
                }
                Err(problem) => problem,
            }
        };
        let aside = SetAside {
            key: storage_key.to_string(),
            raw,
            reason: problem.to_string(),
        };
        let mut aside_key = format!("{ASIDE_PREFIX}{key}");
        let mut n = 1;
        while matches!(self.backend.get(&aside_key), Ok(Some(_))) {
            n += 1;
            aside_key = format!("{ASIDE_PREFIX}{key}#{n}");
        }
        let json = serde_json::to_string(&aside).expect("set-aside entries serialise");
        // Only remove the original once its copy is safely written.
        if self.backend.set(&aside_key, &json).is_ok() {
            let _ = self.backend.remove(storage_key);
        }
        self.aside.push(aside);
    }

    /// Whether writes are reaching storage.
    pub fn health(&self) -> &Health {
        &self.health
    }

    /// Values that could not be read and were set aside.
    pub fn set_aside(&self) -> &[SetAside] {
        &self.aside
    }

    /// How many records were written by a newer Groundwork and are left alone.
    pub fn newer_count(&self) -> usize {
        self.too_new.len()
    }

    /// The record `T` with this id, if stored.
    pub fn get<T: Record>(&self, id: &str) -> Option<T> {
        let doc = self.docs.get(&format!("{}/{id}", T::KIND))?;
        T::deserialize(&doc.body).ok()
    }

    /// Every record of kind `T` with its id and save time, in id order.
    pub fn all<T: Record>(&self) -> Vec<(String, T, Timestamp)> {
        let prefix = format!("{}/", T::KIND);
        self.docs
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .filter_map(|(k, doc)| {
                let body = T::deserialize(&doc.body).ok()?;
                Some((k[prefix.len()..].to_string(), body, doc.saved))
            })
            .collect()
    }

    /// Number of records of each kind.
    pub fn counts(&self) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for key in self.docs.keys() {
            let kind = key.split('/').next().unwrap_or_default();
            *counts.entry(kind.to_string()).or_insert(0) += 1;
        }
        counts
    }

    /// True when nothing at all is stored.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty() && self.aside.is_empty() && self.too_new.is_empty()
    }

    /// Saves one record. A refused write is kept in memory and retried with
    /// the next save; see [`Store::health`].
    pub fn put<T: Record>(
        &mut self,
        id: &str,
        record: &T,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let key = format!("{}/{id}", T::KIND);
        if !valid_key(&key) {
            return Err(StoreError::BadKey(key));
        }
        if self.too_new.contains_key(&key) {
            return Err(StoreError::NewerVersionHere(key));
        }
        let body = serde_json::to_value(record).expect("records serialise");
        let doc = Document {
            v: schema::CURRENT,
            saved: now,
            body,
        };
        let json = serde_json::to_string(&doc).expect("documents serialise");
        self.docs.insert(key.clone(), doc);
        self.pending
            .insert(format!("{DOC_PREFIX}{key}"), Some(json));
        self.flush();
        Ok(())
    }

    /// Deletes one record.
    pub fn delete<T: Record>(&mut self, id: &str) {
        let key = format!("{}/{id}", T::KIND);
        if self.docs.remove(&key).is_some() {
            self.pending.insert(format!("{DOC_PREFIX}{key}"), None);
            self.flush();
        }
    }

    /// Tries every queued write, oldest key first, and updates the health.
    /// Returns true when nothing is left waiting.
    pub fn flush(&mut self) -> bool {
        if self.health == Health::Unavailable {
            self.pending.clear();
            return true;
        }
        while let Some((key, value)) = self.pending.pop_first() {
            let result = match &value {
                Some(v) => self.backend.set(&key, v),
                None => self.backend.remove(&key),
            };
            if let Err(problem) = result {
                self.pending.insert(key, value);
                self.health = Health::Failing {
                    problem,
                    pending: self.pending.len(),
                };
                return false;
            }
        }
        self.health = Health::Saved;
        true
    }

    /// Removes every Groundwork key from storage and memory: records,
    /// set-aside values and records from newer versions.
    pub fn delete_everything(&mut self) -> Result<(), StoreError> {
        self.pending.clear();
        let keys = self.backend.keys().unwrap_or_default();
        let mut failure = None;
        for key in keys {
            if key.starts_with(DOC_PREFIX) || key.starts_with(ASIDE_PREFIX) {
                if let Err(e) = self.backend.remove(&key) {
                    failure = Some(e);
                }
            }
        }
        self.docs.clear();
        self.aside.clear();
        self.too_new.clear();
        if self.health != Health::Unavailable {
            self.health = Health::Saved;
        }
        match failure {
            Some(e) => Err(StoreError::Write(e)),
            None => Ok(()),
        }
    }

    /// Approximate bytes used by Groundwork in storage (UTF-16, as browsers count).
    pub fn bytes_used(&self) -> usize {
        let keys = self.backend.keys().unwrap_or_default();
        keys.iter()
            .filter(|k| k.starts_with(DOC_PREFIX) || k.starts_with(ASIDE_PREFIX))
            .map(|k| {
                let value = self.backend.get(k).ok().flatten().unwrap_or_default();
                2 * (k.encode_utf16().count() + value.encode_utf16().count())
            })
            .sum()
    }

    /// Everything, as a backup taken at `now`.
    pub fn export(&self, now: Timestamp) -> backup::Backup {
        let mut set_aside = self.aside.clone();
        set_aside.extend(self.too_new.iter().map(|(key, raw)| SetAside {
            key: format!("{DOC_PREFIX}{key}"),
            raw: raw.clone(),
            reason: "written by a newer version of Groundwork".into(),
        }));
        backup::Backup {
            groundwork_backup: backup::FORMAT,
            exported_at: now,
            schema: schema::CURRENT,
            records: self
                .docs
                .iter()
                .map(|(key, doc)| backup::BackupRecord {
                    key: key.clone(),
                    v: doc.v,
                    saved: doc.saved,
                    body: doc.body.clone(),
                })
                .collect(),
            set_aside,
        }
    }

    /// Writes a validated backup into storage. Either every write lands or
    /// storage is put back as it was and nothing in memory changes.
    pub fn import(
        &mut self,
        incoming: backup::ValidBackup,
        mode: backup::ImportMode,
    ) -> Result<backup::ImportSummary, StoreError> {
        let mut summary = backup::ImportSummary::default();
        let mut writes: Vec<(String, Option<String>)> = Vec::new();
        let mut new_docs = self.docs.clone();
        if mode == backup::ImportMode::Replace {
            for key in self.docs.keys() {
                if !incoming.docs.contains_key(key) {
                    writes.push((format!("{DOC_PREFIX}{key}"), None));
                    new_docs.remove(key);
                    summary.removed += 1;
                }
            }
        }
        for (key, doc) in &incoming.docs {
            if self.too_new.contains_key(key) {
                summary.kept += 1;
                continue;
            }
            match self.docs.get(key) {
                Some(mine) if mine == doc => {
                    summary.kept += 1;
                    continue;
                }
                Some(mine) if mode == backup::ImportMode::Merge && mine.saved >= doc.saved => {
                    summary.kept += 1;
                    continue;
                }
                Some(_) => summary.updated += 1,
                None => summary.added += 1,
            }
            let json = serde_json::to_string(doc).expect("documents serialise");
            writes.push((format!("{DOC_PREFIX}{key}"), Some(json)));
            new_docs.insert(key.clone(), doc.clone());
        }
        let mut new_aside = self.aside.clone();
        for aside in &incoming.set_aside {
            if new_aside.contains(aside) {
                continue;
            }
            let json = serde_json::to_string(aside).expect("set-aside entries serialise");
            let n = new_aside.len() + 1;
            writes.push((format!("{ASIDE_PREFIX}imported#{n}"), Some(json)));
            new_aside.push(aside.clone());
        }

        if self.health != Health::Unavailable {
            let snapshot: Vec<(String, Option<String>)> = writes
                .iter()
                .map(|(k, _)| (k.clone(), self.backend.get(k).ok().flatten()))
                .collect();
            for (i, (key, value)) in writes.iter().enumerate() {
                let result = match value {
                    Some(v) => self.backend.set(key, v),
                    None => self.backend.remove(key),
                };
                if let Err(problem) = result {
                    for (key, old) in snapshot[..i].iter().rev() {
                        let _ = match old {
                            Some(v) => self.backend.set(key, v),
                            None => self.backend.remove(key),
                        };
                    }
                    return Err(StoreError::Write(problem));
                }
            }
        }
        self.docs = new_docs;
        self.aside = new_aside;
        summary.set_aside = incoming.set_aside.len();
        Ok(summary)
    }

    /// The backend, for tests and diagnostics.
    pub fn backend(&self) -> &B {
        &self.backend
    }

    /// Mutable access to the backend, for tests that rehearse faults.
    pub fn backend_mut(&mut self) -> &mut B {
        &mut self.backend
    }

    /// The stored documents, keyed `kind/id` (for tests and diagnostics).
    pub fn documents(&self) -> &BTreeMap<String, Document> {
        &self.docs
    }
}
