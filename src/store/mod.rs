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
pub mod docs;
#[cfg(target_arch = "wasm32")]
pub mod local;
mod opening;
pub mod peek;
pub mod schema;
pub mod vault;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::domain::time::Timestamp;
use crate::domain::{self, Record};
pub use backend::{Backend, BackendError, MemoryBackend};
use docs::Docs;
pub use docs::Typed;
pub use opening::{Opening, Peek};
use schema::{DocProblem, Document};

const DOC_PREFIX: &str = "gw:";
const ASIDE_PREFIX: &str = "gw-aside:";
/// The note on a version set aside because another tab saved a later one.
pub const REPLACED_ELSEWHERE: &str =
    "replaced by a later version saved in another tab; kept here so nothing is lost";

/// Whether a version that lost a conflict is kept as a copy under a new id
/// (entries in a list, whose ids come from `domain::new_id`) rather than set
/// aside (single records such as `profile/me`, notes per reading, drafts).
fn copies_make_sense(kind: &str, id: &str) -> bool {
    let b = id.as_bytes();
    !kind.ends_with("_draft")
        && b.len() > 9
        && b[..8].iter().all(u8::is_ascii_digit)
        && b[8] == b'-'
}

/// True when `winner` already holds everything in `loser`, so dropping the
/// loser loses nothing: every text of the loser appears within the winner's
/// text in the same place, every list item is found, every other value is
/// equal. Timestamps (e.g. "updated") are not content and are ignored.
pub fn covers(winner: &serde_json::Value, loser: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (winner, loser) {
        (_, Value::Null) => true,
        (Value::String(w), Value::String(l)) => {
            w.contains(l.as_str())
                || (crate::domain::time::parse(w).is_some()
                    && crate::domain::time::parse(l).is_some())
        }
        (Value::Array(w), Value::Array(l)) => l.iter().all(|x| w.iter().any(|y| covers(y, x))),
        (Value::Object(w), Value::Object(l)) => l
            .iter()
            .all(|(k, x)| w.get(k).is_some_and(|y| covers(y, x))),
        (w, l) => w == l,
    }
}

/// FNV-1a, 64 bits: a stable fingerprint for naming copies.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

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

/// A current-version record of a known kind that reads as its type, read
/// once, straight from its text (the text is kept and becomes a JSON value
/// only if something asks for the document); anything else is handed back
/// for [`Store::load_doc`], which decides (and words) what happens to it.
fn read_current(
    key: &str,
    raw: String,
) -> Result<(schema::DocText, Box<dyn std::any::Any>), String> {
    if !valid_key(key) {
        return Err(raw);
    }
    let kind = key.split('/').next().unwrap_or_default();
    let text = schema::DocText::parse(raw)?;
    match domain::validate_typed_text(kind, text.body()) {
        Ok(Some(record)) => Ok((text, record)),
        _ => Err(text.into_raw()),
    }
}

/// Every record, the set-aside values and the write queue, over a [`Backend`].
pub struct Store<B: Backend> {
    backend: B,
    docs: Docs,
    aside: Vec<SetAside>,
    too_new: BTreeMap<String, String>,
    pending: BTreeMap<String, Option<String>>,
    health: Health,
    /// `kind/id` -> the stored text this tab last wrote there, while it is
    /// still the current version as far as this tab knows.
    mine: BTreeMap<String, String>,
    /// `kind/id` whose current version arrived from another tab.
    external: BTreeSet<String>,
    /// How many versions this tab kept after another tab saved over them.
    kept: usize,
    /// `kind/id` -> the copy this tab made of its own version when another
    /// tab saved over it. If this tab saves there again with everything the
    /// copy holds (the person kept typing in an open form), the copy has
    /// nothing left to keep and is removed.
    own_copies: BTreeMap<String, String>,
    /// Storage key -> bytes it takes with its value (UTF-16, as browsers
    /// count), for every `gw` key: kept as the store reads and writes, so
    /// the data page need not read years of values back from storage.
    sizes: std::collections::HashMap<String, usize>,
}

/// Bytes `key` and `value` take in local storage (UTF-16 code units).
fn stored_size(key: &str, value: &str) -> usize {
    // One unit per character (every byte but UTF-8's continuation bytes),
    // two for a character beyond U+FFFF (4-byte sequences): counting bytes
    // is cheaper than decoding characters, for megabytes of history.
    let units = |s: &str| {
        if s.is_ascii() {
            s.len()
        } else {
            s.bytes()
                .map(|b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
                .sum()
        }
    };
    2 * (units(key) + units(value))
}

fn ours(storage_key: &str) -> bool {
    storage_key.starts_with(DOC_PREFIX) || storage_key.starts_with(ASIDE_PREFIX)
}

impl<B: Backend> Store<B> {
    /// Reads everything under the `gw` prefixes. Damaged values are moved
    /// aside (kept); values from a newer schema are left untouched. (To read
    /// years of history a part at a time instead, see [`Opening`].)
    pub fn open(backend: B) -> Self {
        Opening::begin(backend).finish()
    }

    /// A store over `backend` with nothing read yet.
    fn unread(backend: B) -> Self {
        Store {
            health: if backend.is_persistent() {
                Health::Saved
            } else {
                Health::Unavailable
            },
            backend,
            docs: Docs::default(),
            aside: Vec::new(),
            too_new: BTreeMap::new(),
            pending: BTreeMap::new(),
            mine: BTreeMap::new(),
            external: BTreeSet::new(),
            kept: 0,
            own_copies: BTreeMap::new(),
            sizes: Default::default(),
        }
    }

    /// Reads a record [`read_current`] did not take: upgraded, left
    /// alone (newer) or set aside (damaged), as the schema says.
    fn load_doc(&mut self, storage_key: &str, key: String, raw: String) {
        let (problem, raw) = if !valid_key(&key) {
            let problem = DocProblem::Damaged("the key is not a Groundwork record key".into());
            (problem, raw)
        } else {
            let kind = key.split('/').next().unwrap_or_default();
            // The record validation reads is kept, so listing it later does
            // not read it a second time.
            let record = std::cell::RefCell::new(None);
            let validate = |kind: &str, body: &serde_json::Value| {
                *record.borrow_mut() = domain::validate_typed(kind, body)?;
                Ok(())
            };
            match schema::read(kind, &raw, schema::MIGRATIONS, validate) {
                Ok(doc) => {
                    self.docs.insert_read(key, doc, record.into_inner());
                    return;
                }
                Err(DocProblem::TooNew(_)) => {
                    self.too_new.insert(key, raw);
                    return;
                }
                Err(problem) => (problem, raw),
            }
        };
        let aside = SetAside {
            key: storage_key.to_string(),
            raw,
            reason: problem.to_string(),
        };
        // Only remove the original once its copy is safely written.
        if self.write_aside(&key, aside) {
            let _ = self.backend_remove(storage_key);
        }
    }

    /// Keeps `aside` under the first free `gw-aside:<key>[#n]`, unless the
    /// very same value is already set aside there (another tab may have done
    /// it first). Returns true once it is safely in storage.
    fn write_aside(&mut self, key: &str, aside: SetAside) -> bool {
        let mut aside_key = format!("{ASIDE_PREFIX}{key}");
        let mut n = 1;
        loop {
            match self.backend.get(&aside_key) {
                Ok(Some(existing)) => {
                    if serde_json::from_str::<SetAside>(&existing).is_ok_and(|e| e == aside) {
                        if !self.aside.contains(&aside) {
                            self.aside.push(aside);
                        }
                        return true;
                    }
                }
                Ok(None) => break,
                Err(_) => break,
            }
            n += 1;
            aside_key = format!("{ASIDE_PREFIX}{key}#{n}");
        }
        let json = serde_json::to_string(&aside).expect("set-aside entries serialise");
        let written = self.backend_set(&aside_key, &json).is_ok();
        if !written && self.health != Health::Unavailable {
            // Kept in the write queue, so it is retried and never dropped.
            self.pending.insert(aside_key, Some(json));
        }
        if !self.aside.contains(&aside) {
            self.aside.push(aside);
        }
        written
    }

    /// Writes to storage, keeping [`Store::bytes_used`] in step.
    fn backend_set(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        self.backend.set(key, value)?;
        if ours(key) {
            self.sizes.insert(key.to_string(), stored_size(key, value));
        }
        Ok(())
    }

    /// Removes from storage, keeping [`Store::bytes_used`] in step.
    fn backend_remove(&mut self, key: &str) -> Result<(), BackendError> {
        self.backend.remove(key)?;
        self.sizes.remove(key);
        Ok(())
    }

    /// Applies a change another tab made to storage (the browser's `storage`
    /// event): `storage_key` is the changed key (`None` when the other tab
    /// cleared storage: everything is read again) and `value` its new text
    /// (`None` when removed). Keys outside the `gw` prefixes are ignored.
    ///
    /// The value is read with the same rules as [`Store::open`]: damaged ones
    /// are set aside, newer-schema ones left untouched. When it replaces a
    /// different version this tab wrote (saved or still queued), the one
    /// saved later stays under the key and the other is kept (see
    /// [`Store::put`] and ARCHITECTURE.md). Returns true when anything in
    /// memory changed.
    pub fn apply_external(&mut self, storage_key: Option<&str>, value: Option<&str>) -> bool {
        let Some(storage_key) = storage_key else {
            self.reload();
            return true;
        };
        if storage_key.starts_with(ASIDE_PREFIX) {
            self.reload_aside();
            return true;
        }
        let Some(key) = storage_key.strip_prefix(DOC_PREFIX) else {
            return false;
        };
        match value {
            Some(raw) => self
                .sizes
                .insert(storage_key.to_string(), stored_size(storage_key, raw)),
            None => self.sizes.remove(storage_key),
        };
        let key = key.to_string();
        let Some(raw) = value else {
            // Removed in another tab. A change of this tab still waiting to be
            // written is kept: it is newer than anything the other tab saw.
            self.mine.remove(&key);
            self.external.remove(&key);
            self.too_new.remove(&key);
            if self.pending.contains_key(storage_key) {
                return false;
            }
            return self.docs.remove(&key).is_some();
        };
        if self.mine.get(&key).is_some_and(|m| m == raw) {
            return false;
        }
        let kind = key.split('/').next().unwrap_or_default();
        let incoming = valid_key(&key)
            .then(|| schema::read(kind, raw, schema::MIGRATIONS, domain::validate).ok())
            .flatten();
        if let Some(mine_raw) = self.mine.remove(&key) {
            let my_doc = serde_json::from_str::<Document>(&mine_raw).ok();
            if let (Some(theirs), Some(my_doc)) = (&incoming, &my_doc) {
                if my_doc.saved > theirs.saved {
                    // This tab's version is the later one: it goes back under
                    // the key and theirs is kept.
                    if !covers(&my_doc.body, &theirs.body) {
                        let _ = self.keep_loser(&key, raw.to_string(), Some(theirs.clone()));
                    }
                    self.docs.insert(key.clone(), my_doc.clone());
                    self.pending
                        .insert(storage_key.to_string(), Some(mine_raw.clone()));
                    self.mine.insert(key, mine_raw);
                    self.flush();
                    return true;
                }
            }
            // Theirs is the later one (or from a newer version): this tab's
            // version is kept aside, unless theirs already holds all of it.
            self.pending.remove(storage_key);
            let covered = match (&incoming, &my_doc) {
                (Some(theirs), Some(mine)) => covers(&theirs.body, &mine.body),
                _ => false,
            };
            if !covered {
                if let Some(copy) = self.keep_loser(&key, mine_raw, my_doc) {
                    self.own_copies.insert(key.clone(), copy);
                }
            }
        }
        self.external.insert(key.clone());
        self.docs.remove(&key);
        self.too_new.remove(&key);
        match incoming {
            Some(doc) => {
                self.docs.insert(key, doc);
            }
            None => self.load_doc(storage_key, key, raw.to_string()),
        }
        self.flush();
        true
    }

    /// Reads everything again (another tab cleared storage), keeping this
    /// tab's writes that are still waiting in the queue.
    fn reload(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        let before = std::mem::take(&mut self.docs);
        let mut fresh = Store::open(&mut self.backend);
        let docs = std::mem::take(&mut fresh.docs);
        let aside = std::mem::take(&mut fresh.aside);
        let too_new = std::mem::take(&mut fresh.too_new);
        let sizes = std::mem::take(&mut fresh.sizes);
        drop(fresh);
        self.sizes = sizes;
        self.external = docs
            .iter()
            .filter(|(k, d)| before.get(k) != Some(*d))
            .map(|(k, _)| k.clone())
            .collect();
        self.mine.retain(|k, raw| {
            docs.get(k)
                .is_some_and(|d| serde_json::from_str::<Document>(raw).is_ok_and(|m| &m == d))
        });
        self.docs = docs;
        self.aside = aside;
        self.too_new = too_new;
        for (storage_key, value) in &pending {
            if let (Some(key), Some(raw)) = (storage_key.strip_prefix(DOC_PREFIX), value) {
                if let Ok(doc) = serde_json::from_str::<Document>(raw) {
                    self.docs.insert(key.to_string(), doc);
                    self.mine.insert(key.to_string(), raw.clone());
                }
            }
        }
        self.pending = pending;
        self.flush();
    }

    /// Reads the set-aside values again, keeping those still queued.
    fn reload_aside(&mut self) {
        let mut aside = Vec::new();
        let mut keys = self.backend.keys().unwrap_or_default();
        crate::domain::order::sort(&mut keys);
        self.sizes.retain(|k, _| !k.starts_with(ASIDE_PREFIX));
        for key in keys.iter().filter(|k| k.starts_with(ASIDE_PREFIX)) {
            if let Ok(Some(raw)) = self.backend.get(key) {
                self.sizes.insert(key.clone(), stored_size(key, &raw));
                aside.push(serde_json::from_str::<SetAside>(&raw).unwrap_or(SetAside {
                    key: key.clone(),
                    raw,
                    reason: "damaged set-aside entry".into(),
                }));
            }
        }
        for (key, value) in &self.pending {
            if let (true, Some(raw)) = (key.starts_with(ASIDE_PREFIX), value) {
                if let Ok(a) = serde_json::from_str::<SetAside>(raw) {
                    if !aside.contains(&a) {
                        aside.push(a);
                    }
                }
            }
        }
        self.aside = aside;
    }

    /// Whether writes are reaching storage.
    pub fn health(&self) -> &Health {
        &self.health
    }

    /// Values that could not be read and were set aside.
    pub fn set_aside(&self) -> &[SetAside] {
        &self.aside
    }

    /// How many versions this tab kept (as a copy or set aside) because
    /// another tab saved a different version of the same record.
    pub fn versions_kept(&self) -> usize {
        self.kept
    }

    /// How many records were written by a newer Groundwork and are left alone.
    pub fn newer_count(&self) -> usize {
        self.too_new.len()
    }

    /// The record `T` with this id, if stored.
    pub fn get<T: Record>(&self, id: &str) -> Option<T> {
        self.docs.parse(&format!("{}/{id}", T::KIND))
    }

    /// Every record of kind `T` with its id and save time, in id order.
    pub fn all<T: Record + Clone + 'static>(&self) -> Vec<(String, T, Timestamp)> {
        self.docs.all::<T>().as_ref().clone()
    }

    /// The same list as [`Store::all`], shared rather than copied: read once
    /// per kind and kept until a record of that kind changes.
    pub fn all_shared<T: Record + 'static>(&self) -> Typed<T> {
        self.docs.all::<T>()
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
        let key = self.key_to_write(T::KIND, id)?;
        let body = serde_json::to_value(record).expect("records serialise");
        self.put_body(key, body, now)
    }

    /// The key `kind/id`, if it is well formed and not held by a newer
    /// Groundwork. Not generic, so each record type's `put` stays small.
    fn key_to_write(&self, kind: &str, id: &str) -> Result<String, StoreError> {
        let key = format!("{kind}/{id}");
        if !valid_key(&key) {
            return Err(StoreError::BadKey(key));
        }
        if self.too_new.contains_key(&key) {
            return Err(StoreError::NewerVersionHere(key));
        }
        Ok(key)
    }

    /// Stores `body` under `key` (checked by [`Store::key_to_write`]).
    fn put_body(
        &mut self,
        key: String,
        body: serde_json::Value,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let storage_key = format!("{DOC_PREFIX}{key}");
        self.keep_what_this_write_replaces(&key, &storage_key, &body)?;
        if let Some(copy) = self.own_copies.remove(&key) {
            if self.docs.get(&copy).is_some_and(|c| covers(&body, &c.body)) {
                self.docs.remove(&copy);
                self.pending.insert(format!("{DOC_PREFIX}{copy}"), None);
            }
        }
        let doc = Document {
            v: schema::CURRENT,
            saved: now,
            body,
        };
        let json = serde_json::to_string(&doc).expect("documents serialise");
        self.docs.insert(key.clone(), doc);
        self.mine.insert(key.clone(), json.clone());
        self.external.remove(&key);
        self.pending.insert(storage_key, Some(json));
        self.flush();
        Ok(())
    }

    /// Before this tab writes `key`, looks at what storage holds there now.
    /// A version this tab did not write and had not loaded itself (another
    /// tab saved it) is kept as a copy unless the new body already contains
    /// all of it; a newer-schema value refuses the write.
    fn keep_what_this_write_replaces(
        &mut self,
        key: &str,
        storage_key: &str,
        body: &serde_json::Value,
    ) -> Result<(), StoreError> {
        if self.pending.contains_key(storage_key) {
            // Storage still holds this tab's older version; the queued one replaces it.
            return Ok(());
        }
        let Ok(Some(current_raw)) = self.backend.get(storage_key) else {
            return Ok(());
        };
        if self.mine.get(key) == Some(&current_raw) {
            return Ok(());
        }
        let kind = key.split('/').next().unwrap_or_default();
        match schema::read(kind, &current_raw, schema::MIGRATIONS, domain::validate) {
            Ok(current) => {
                let known = !self.external.contains(key) && self.docs.get(key) == Some(&current);
                if !known && current.body != *body && !covers(body, &current.body) {
                    let _ = self.keep_loser(key, current_raw, Some(current));
                }
                Ok(())
            }
            Err(DocProblem::TooNew(_)) => {
                self.docs.remove(key);
                self.too_new.insert(key.to_string(), current_raw);
                Err(StoreError::NewerVersionHere(key.to_string()))
            }
            Err(problem) => {
                let aside = SetAside {
                    key: storage_key.to_string(),
                    raw: current_raw,
                    reason: problem.to_string(),
                };
                self.write_aside(key, aside);
                Ok(())
            }
        }
    }

    /// Keeps a version that lost a conflict for `key` (`kind/id`): as a copy
    /// under a new id of the same kind when the kind is a list of entries,
    /// set aside with a note otherwise (single records such as the profile,
    /// and drafts). The copy's id comes from its text, so two tabs keeping
    /// the same loser write the same key once.
    /// Returns the copy's `kind/id` when a copy was made.
    fn keep_loser(&mut self, key: &str, raw: String, doc: Option<Document>) -> Option<String> {
        let (kind, id) = key.split_once('/').unwrap_or((key, ""));
        if let Some(doc) = doc.filter(|_| copies_make_sense(kind, id)) {
            let prefix: String = id.chars().take(40).collect();
            let copy_key = format!("{kind}/{prefix}-v{:016x}", fnv1a(&raw));
            if !self.docs.contains_key(&copy_key) {
                self.kept += 1;
                self.docs.insert(copy_key.clone(), doc);
                self.pending
                    .insert(format!("{DOC_PREFIX}{copy_key}"), Some(raw));
            }
            return Some(copy_key);
        }
        let aside = SetAside {
            key: format!("{DOC_PREFIX}{key}"),
            raw,
            reason: REPLACED_ELSEWHERE.into(),
        };
        if !self.aside.contains(&aside) {
            self.kept += 1;
        }
        self.write_aside(key, aside);
        None
    }

    /// Deletes one record.
    pub fn delete<T: Record>(&mut self, id: &str) {
        self.delete_key(format!("{}/{id}", T::KIND));
    }

    /// Removes the record stored under `key` (not generic: one copy).
    fn delete_key(&mut self, key: String) {
        self.mine.remove(&key);
        self.external.remove(&key);
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
                Some(v) => self.backend_set(&key, v),
                None => self.backend_remove(&key),
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
                if let Err(e) = self.backend_remove(&key) {
                    failure = Some(e);
                }
            }
        }
        self.docs.clear();
        self.aside.clear();
        self.too_new.clear();
        self.mine.clear();
        self.external.clear();
        self.own_copies.clear();
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
        self.sizes.values().sum()
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
                    Some(v) => self.backend_set(key, v),
                    None => self.backend_remove(key),
                };
                if let Err(problem) = result {
                    for (key, old) in snapshot[..i].iter().rev() {
                        let _ = match old {
                            Some(v) => self.backend_set(key, v),
                            None => self.backend_remove(key),
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
    pub fn documents(&self) -> BTreeMap<String, Document> {
        self.docs.documents()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn stored_size_counts_utf16_units_as_browsers_do() {
        for s in [
            "",
            "abc",
            "आज थोड़ा बेहतर",
            "🌱 seed",
            "é\u{10FFFF}\u{FFFF}\u{80}",
        ] {
            assert_eq!(
                super::stored_size("kआ", s),
                2 * (2 + s.encode_utf16().count()),
                "{s}"
            );
        }
    }
}
