//! The passphrase lock's stored format and its in-memory side (plain Rust,
//! no browser types; the Web Crypto half is `browser::vault`).
//!
//! With the lock on, local storage holds nothing readable:
//! - `gw-vault:meta`: [`Meta`], the key-derivation parameters (PBKDF2 with
//!   SHA-256, the iteration count, a random salt), a sealed check value
//!   that tells a right passphrase from a wrong one, the generation of the
//!   entries, and two settings needed before unlocking (when to lock, the
//!   plain name the lock screen goes by).
//! - `gw-vault:e-<32 hex>`: one [`Entry`] per stored record. The name is an
//!   HMAC-SHA-256 of the record's key (so saving one record rewrites one
//!   entry and the name says nothing); the value is AES-256-GCM with a fresh
//!   12-byte IV of a [`Payload`]: the record's key and its stored text.
//!
//! Both keys come from one PBKDF2 derivation of 512 bits: the first half is
//! the AES key, the second the HMAC key. Changing the passphrase writes every
//! entry under the new keys with the next generation, switches `meta` in one
//! write, then removes the old entries; entries of another generation found
//! on unlock are leftovers of an interrupted change and are removed.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use super::backend::{Backend, BackendError};

/// The lock's parameters.
pub const META_KEY: &str = "gw-vault:meta";
/// Every locked entry's key starts with this.
pub const ENTRY_PREFIX: &str = "gw-vault:e-";
/// OWASP's current figure for PBKDF2-HMAC-SHA256.
pub const DEFAULT_ITERATIONS: u32 = 600_000;
/// Stored parameters outside these bounds are refused as damaged.
pub const MIN_ITERATIONS: u32 = 100_000;
pub const MAX_ITERATIONS: u32 = 20_000_000;
pub const SALT_LEN: usize = 16;
pub const IV_LEN: usize = 12;
/// AES-GCM's authentication tag, part of every ciphertext.
pub const TAG_LEN: usize = 16;
/// Bits derived from the passphrase: an AES-256 key and an HMAC key.
pub const DERIVED_BITS: u32 = 512;
/// The plaintext of the check value in `meta`.
pub const CHECK_TEXT: &str = "groundwork: the passphrase is right";
/// A new passphrase has at least this many characters.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
/// The idle times offered, in minutes.
pub const LOCK_AFTER_CHOICES: [u32; 4] = [1, 5, 15, 30];
pub const DEFAULT_LOCK_AFTER: u32 = 5;
/// The current version of [`Meta`] and of protected backup files.
pub const FORMAT: u32 = 1;

/// Why stored lock data or a protected file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormatError {
    NotJson(String),
    /// Made by a newer Groundwork.
    Newer(u32),
    Bad(&'static str),
}

/// How a key is derived from a passphrase. Stored with the data, so the
/// iteration count can be raised later without breaking older data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kdf {
    pub name: String,
    pub hash: String,
    pub iterations: u32,
    /// Base64 of [`SALT_LEN`] random bytes.
    pub salt: String,
}

impl Kdf {
    /// PBKDF2-HMAC-SHA256 at [`DEFAULT_ITERATIONS`] with this salt.
    pub fn new(salt: &[u8; SALT_LEN]) -> Self {
        Self {
            name: "PBKDF2".into(),
            hash: "SHA-256".into(),
            iterations: DEFAULT_ITERATIONS,
            salt: base64::encode(salt),
        }
    }

    /// The salt, after checking every parameter is one this build can use.
    pub fn checked_salt(&self) -> Result<Vec<u8>, FormatError> {
        if self.name != "PBKDF2" || self.hash != "SHA-256" {
            return Err(FormatError::Bad("unknown key derivation"));
        }
        if !(MIN_ITERATIONS..=MAX_ITERATIONS).contains(&self.iterations) {
            return Err(FormatError::Bad("iteration count out of range"));
        }
        let salt = base64::decode(&self.salt).ok_or(FormatError::Bad("salt is not base64"))?;
        if salt.len() != SALT_LEN {
            return Err(FormatError::Bad("salt has the wrong length"));
        }
        Ok(salt)
    }
}

/// An AES-GCM ciphertext with its IV, both base64.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sealed {
    pub iv: String,
    pub ct: String,
}

impl Sealed {
    pub fn new(iv: &[u8; IV_LEN], ct: &[u8]) -> Self {
        Self {
            iv: base64::encode(iv),
            ct: base64::encode(ct),
        }
    }

    /// The IV and ciphertext bytes, checked for length.
    pub fn parts(&self) -> Result<([u8; IV_LEN], Vec<u8>), FormatError> {
        let iv = base64::decode(&self.iv).ok_or(FormatError::Bad("IV is not base64"))?;
        let iv: [u8; IV_LEN] = iv
            .try_into()
            .map_err(|_| FormatError::Bad("IV has the wrong length"))?;
        let ct = base64::decode(&self.ct).ok_or(FormatError::Bad("ciphertext is not base64"))?;
        if ct.len() < TAG_LEN {
            return Err(FormatError::Bad("ciphertext is too short"));
        }
        Ok((iv, ct))
    }
}

/// The lock's parameters, stored readable under [`META_KEY`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub v: u32,
    pub kdf: Kdf,
    /// Generation of the entries written with these keys.
    pub gen: u32,
    /// [`CHECK_TEXT`], sealed with the AES key.
    pub check: Sealed,
    /// Minutes without a tap or key before the app locks itself.
    pub lock_after_minutes: u32,
    /// The plain name (a `NeutralName` id) the lock screen goes by, if any.
    #[serde(default)]
    pub plain_name: Option<String>,
}

impl Meta {
    /// Reads and checks stored parameters.
    pub fn parse(text: &str) -> Result<Meta, FormatError> {
        let v: serde_json::Value =
            serde_json::from_str(text).map_err(|e| FormatError::NotJson(e.to_string()))?;
        if let Some(n) = v.get("v").and_then(serde_json::Value::as_u64) {
            if n > u64::from(FORMAT) {
                return Err(FormatError::Newer(n as u32));
            }
        }
        let meta: Meta =
            serde_json::from_value(v).map_err(|_| FormatError::Bad("not lock parameters"))?;
        meta.kdf.checked_salt()?;
        meta.check.parts()?;
        if meta.v != FORMAT {
            return Err(FormatError::Bad("unknown version"));
        }
        if !LOCK_AFTER_CHOICES.contains(&meta.lock_after_minutes) {
            return Err(FormatError::Bad("unknown idle time"));
        }
        if meta.plain_name.as_ref().is_some_and(|n| n.len() > 40) {
            return Err(FormatError::Bad("plain name too long"));
        }
        Ok(meta)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("lock parameters serialise")
    }
}

/// One locked record, stored under `gw-vault:e-<name>` as
/// `{"g": <generation>, "iv": .., "ct": ..}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The generation of the keys that sealed it.
    pub g: u32,
    #[serde(flatten)]
    pub sealed: Sealed,
}

impl Entry {
    pub fn new(gen: u32, sealed: Sealed) -> Self {
        Self { g: gen, sealed }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("entries serialise")
    }
}

/// What an entry holds once opened: the plain storage key and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Payload {
    pub k: String,
    pub d: String,
}

impl Payload {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("payloads serialise")
    }

    /// Reads an opened entry; only `gw:`/`gw-aside:` keys are accepted.
    pub fn parse(bytes: &[u8]) -> Option<Payload> {
        let p: Payload = serde_json::from_slice(bytes).ok()?;
        is_plain_record_key(&p.k).then_some(p)
    }
}

/// The generation for keys made now: above every entry stored, so that
/// leftovers of an interrupted change never look like current entries.
pub fn next_generation(stored: impl IntoIterator<Item = (String, String)>, current: u32) -> u32 {
    stored
        .into_iter()
        .filter(|(k, _)| k.starts_with(ENTRY_PREFIX))
        .filter_map(|(_, raw)| serde_json::from_str::<Entry>(&raw).ok())
        .map(|e| e.g)
        .fold(current, u32::max)
        .saturating_add(1)
}

/// The storage key of an entry whose HMAC name is `hex`.
pub fn entry_key(hex_name: &str) -> String {
    format!("{ENTRY_PREFIX}{hex_name}")
}

/// The first 16 bytes of an HMAC as the 32-character entry name.
pub fn entry_name(mac: &[u8]) -> String {
    hex(&mac[..mac.len().min(16)])
}

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

/// Keys of the unlocked layout: what the lock encrypts and moves.
pub fn is_plain_record_key(key: &str) -> bool {
    key.starts_with("gw:") || key.starts_with("gw-aside:")
}

/// Keys the lock itself writes.
pub fn is_vault_key(key: &str) -> bool {
    key.starts_with("gw-vault:")
}

/// What unlocking does with each stored entry.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct UnlockPlan {
    /// Entries to open: storage key and entry.
    pub open: Vec<(String, Entry)>,
    /// Entries of an older generation: left by an interrupted passphrase
    /// change; removed once unlocked.
    pub stale: Vec<String>,
    /// Entries that cannot be read as entries: left as they are.
    pub unreadable: Vec<String>,
}

/// Sorts the stored `gw-vault:e-` values by what unlocking does with them.
/// Entries of a newer generation (a passphrase change in another tab, not
/// finished yet) are in no list: they are left alone.
pub fn plan_unlock(gen: u32, stored: impl IntoIterator<Item = (String, String)>) -> UnlockPlan {
    let mut plan = UnlockPlan::default();
    for (key, raw) in stored {
        if !key.starts_with(ENTRY_PREFIX) {
            continue;
        }
        match serde_json::from_str::<Entry>(&raw) {
            // Written by a passphrase change still under way (or cut off):
            // not ours to open or remove.
            Ok(entry) if entry.g > gen => {}
            Ok(entry) if entry.g == gen => {
                if entry.sealed.parts().is_ok() {
                    plan.open.push((key, entry));
                } else {
                    plan.unreadable.push(key);
                }
            }
            Ok(_) => plan.stale.push(key),
            Err(_) => plan.unreadable.push(key),
        }
    }
    plan
}

/// A backup file protected with a passphrase: the usual backup JSON, sealed,
/// as `{"groundwork_protected_backup": 1, "kdf": {..}, "iv": .., "ct": ..}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProtectedBackup {
    pub groundwork_protected_backup: u32,
    pub kdf: Kdf,
    #[serde(flatten)]
    pub sealed: Sealed,
}

impl ProtectedBackup {
    pub fn new(kdf: Kdf, sealed: Sealed) -> Self {
        Self {
            groundwork_protected_backup: FORMAT,
            kdf,
            sealed,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("protected backups serialise")
    }

    /// `Ok(None)` when `text` is not a protected backup at all (an ordinary
    /// backup or anything else: the usual checks take over); an error when
    /// it is one but damaged or from a newer version.
    pub fn detect(text: &str) -> Result<Option<ProtectedBackup>, FormatError> {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(text) else {
            return Ok(None);
        };
        let Some(version) = v.get("groundwork_protected_backup") else {
            return Ok(None);
        };
        match version.as_u64() {
            Some(n) if n > u64::from(FORMAT) => return Err(FormatError::Newer(n as u32)),
            Some(n) if n == u64::from(FORMAT) => {}
            _ => return Err(FormatError::Bad("unknown version")),
        }
        let file: ProtectedBackup =
            serde_json::from_value(v).map_err(|_| FormatError::Bad("damaged protected backup"))?;
        file.kdf.checked_salt()?;
        file.sealed.parts()?;
        Ok(Some(file))
    }
}

/// Why a new passphrase is not accepted yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PassphraseProblem {
    TooShort,
    Different,
}

/// Checks a new passphrase and its repetition. Spaces count: a sentence
/// makes a good passphrase.
pub fn check_new_passphrase(passphrase: &str, again: &str) -> Result<(), PassphraseProblem> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(PassphraseProblem::TooShort);
    }
    if passphrase != again {
        return Err(PassphraseProblem::Different);
    }
    Ok(())
}

/// True once `minutes` have passed since the last tap or key press.
pub fn idle_lock_due(last_activity_ms: f64, now_ms: f64, minutes: u32) -> bool {
    now_ms - last_activity_ms >= f64::from(minutes) * 60_000.0
}

/// The two keys one passphrase opens: AES-256-GCM for what is stored and
/// HMAC-SHA256 for entry names. Sealing is synchronous, so a record counts
/// as saved only once its sealed entry is in storage, exactly as without
/// the lock (Web Crypto's promises would leave a gap in which closing the
/// page loses the last change). Only the slow key derivation (PBKDF2) runs
/// in Web Crypto.
pub struct Cipher {
    aes: Aes256Gcm,
    mac_key: [u8; 32],
}

impl Cipher {
    /// The keys from the [`DERIVED_BITS`] bits PBKDF2 gave.
    pub fn from_bits(bits: &[u8]) -> Self {
        assert_eq!(bits.len(), DERIVED_BITS as usize / 8, "512 derived bits");
        let mut mac_key = [0u8; 32];
        mac_key.copy_from_slice(&bits[32..64]);
        Self {
            aes: Aes256Gcm::new_from_slice(&bits[..32]).expect("a 256-bit key"),
            mac_key,
        }
    }

    /// Seals `plain` with `iv`, which must never have been used with these
    /// keys (callers pass fresh random bytes).
    pub fn seal(&self, iv: [u8; IV_LEN], plain: &[u8]) -> Sealed {
        let ct = self
            .aes
            .encrypt(Nonce::from_slice(&iv), plain)
            .expect("AES-GCM seals any length we store");
        Sealed::new(&iv, &ct)
    }

    /// The plain bytes, or `None` when these keys did not seal it (or it
    /// was changed since: GCM checks every bit).
    pub fn open(&self, sealed: &Sealed) -> Option<Vec<u8>> {
        let (iv, ct) = sealed.parts().ok()?;
        self.aes.decrypt(Nonce::from_slice(&iv), ct.as_slice()).ok()
    }

    /// The entry key a record key is stored under with these keys.
    pub fn entry_key(&self, record_key: &str) -> String {
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(&self.mac_key).expect("HMAC takes any key");
        mac.update(record_key.as_bytes());
        entry_key(&entry_name(&mac.finalize().into_bytes()))
    }

    /// True when these keys open the check value of `meta`.
    pub fn opens(&self, meta: &Meta) -> bool {
        self.open(&meta.check).as_deref() == Some(CHECK_TEXT.as_bytes())
    }
}

/// Where fresh IVs come from: the browser's `crypto.getRandomValues`;
/// tests use a counter.
pub type Ivs = Box<dyn FnMut() -> [u8; IV_LEN]>;

/// Why the lock did not open or change. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VaultError {
    /// The passphrase does not open it.
    Wrong,
    /// Storage refused a write; what was written so far was taken back.
    Write(BackendError),
    /// The stored lock parameters cannot be used (damaged, newer, gone).
    Unusable(FormatError),
}

/// What another tab's change to the lock's storage means here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Followed {
    /// A record's new text (`None`: removed), to apply to the store.
    Record(String, Option<String>),
    /// The lock itself changed (passphrase, turned off): start again.
    LockChanged,
}

/// The unlocked vault over a storage backend: the opened records in
/// memory, and every change sealed and written at once.
pub struct Vault<B: Backend> {
    storage: B,
    cipher: Cipher,
    meta: Meta,
    records: BTreeMap<String, String>,
    /// Record key -> entry key.
    names: BTreeMap<String, String>,
    ivs: Ivs,
    /// Entries found on unlock that these keys could not open (left alone).
    pub unreadable: usize,
}

fn pairs<B: Backend>(storage: &B) -> Vec<(String, String)> {
    storage
        .keys()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|k| storage.get(&k).ok().flatten().map(|v| (k, v)))
        .collect()
}

/// Seals every record under `cipher` and writes it; takes everything back
/// on the first refused write.
fn write_sealed<B: Backend>(
    storage: &mut B,
    cipher: &Cipher,
    gen: u32,
    records: &BTreeMap<String, String>,
    ivs: &mut Ivs,
) -> Result<BTreeMap<String, String>, BackendError> {
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    for (key, value) in records {
        let name = cipher.entry_key(key);
        let entry = sealed_entry(cipher, gen, key, value, ivs());
        if let Err(e) = storage.set(&name, &entry.to_json()) {
            for written in names.values() {
                let _ = storage.remove(written);
            }
            return Err(e);
        }
        names.insert(key.clone(), name);
    }
    Ok(names)
}

fn sealed_entry(cipher: &Cipher, gen: u32, key: &str, value: &str, iv: [u8; IV_LEN]) -> Entry {
    let payload = Payload {
        k: key.to_string(),
        d: value.to_string(),
    };
    Entry::new(gen, cipher.seal(iv, payload.to_json().as_bytes()))
}

/// New lock parameters for `cipher`.
fn new_meta(
    cipher: &Cipher,
    kdf: Kdf,
    gen: u32,
    lock_after_minutes: u32,
    plain_name: Option<String>,
    iv: [u8; IV_LEN],
) -> Meta {
    Meta {
        v: FORMAT,
        kdf,
        gen,
        check: cipher.seal(iv, CHECK_TEXT.as_bytes()),
        lock_after_minutes,
        plain_name,
    }
}

/// The stored lock parameters: `None` without a lock.
pub fn read_meta<B: Backend>(storage: &B) -> Option<Result<Meta, FormatError>> {
    match storage.get(META_KEY) {
        Ok(Some(text)) => Some(Meta::parse(&text)),
        _ => None,
    }
}

impl<B: Backend> Vault<B> {
    /// Turns the lock on: seals every record stored readable, writes the
    /// parameters, then removes the readable copies. `bits` come from
    /// PBKDF2 over the passphrase with `kdf`. On a refused write, storage
    /// is as it was.
    pub fn turn_on(
        mut storage: B,
        bits: &[u8],
        kdf: Kdf,
        plain_name: Option<String>,
        mut ivs: Ivs,
    ) -> Result<Self, (B, VaultError)> {
        let stored = pairs(&storage);
        let gen = next_generation(stored.iter().cloned(), 0);
        let records: BTreeMap<String, String> = stored
            .into_iter()
            .filter(|(k, _)| is_plain_record_key(k))
            .collect();
        let cipher = Cipher::from_bits(bits);
        let names = match write_sealed(&mut storage, &cipher, gen, &records, &mut ivs) {
            Ok(names) => names,
            Err(e) => return Err((storage, VaultError::Write(e))),
        };
        let meta = new_meta(&cipher, kdf, gen, DEFAULT_LOCK_AFTER, plain_name, ivs());
        if let Err(e) = storage.set(META_KEY, &meta.to_json()) {
            for name in names.values() {
                let _ = storage.remove(name);
            }
            return Err((storage, VaultError::Write(e)));
        }
        for key in records.keys() {
            let _ = storage.remove(key);
        }
        Ok(Self {
            storage,
            cipher,
            meta,
            records,
            names,
            ivs,
            unreadable: 0,
        })
    }

    /// Opens the vault with `bits` (PBKDF2 over the passphrase with the
    /// stored parameters). Entries of older generations (an interrupted
    /// passphrase change) are removed; records still stored readable (a
    /// lock that was cut short, a tab that had not noticed) are sealed.
    pub fn unlock(storage: B, bits: &[u8], ivs: Ivs) -> Result<Self, (B, VaultError)> {
        let meta = match read_meta(&storage) {
            Some(Ok(meta)) => meta,
            Some(Err(e)) => return Err((storage, VaultError::Unusable(e))),
            None => return Err((storage, VaultError::Unusable(FormatError::Bad("no lock")))),
        };
        let cipher = Cipher::from_bits(bits);
        if !cipher.opens(&meta) {
            return Err((storage, VaultError::Wrong));
        }
        let stored = pairs(&storage);
        let plain: Vec<(String, String)> = stored
            .iter()
            .filter(|(k, _)| is_plain_record_key(k))
            .cloned()
            .collect();
        let plan = plan_unlock(meta.gen, stored);
        let mut vault = Self {
            storage,
            cipher,
            meta,
            records: BTreeMap::new(),
            names: BTreeMap::new(),
            ivs,
            unreadable: plan.unreadable.len(),
        };
        for (name, entry) in plan.open {
            let payload = vault
                .cipher
                .open(&entry.sealed)
                .and_then(|plain| Payload::parse(&plain));
            match payload {
                Some(p) if !vault.records.contains_key(&p.k) => {
                    vault.names.insert(p.k.clone(), name);
                    vault.records.insert(p.k, p.d);
                }
                _ => vault.unreadable += 1,
            }
        }
        for key in plan.stale {
            let _ = vault.storage.remove(&key);
        }
        for (key, value) in plain {
            // Sealed first; the readable copy goes only once that worked.
            if vault.put(&key, &value).is_ok() {
                let _ = vault.storage.remove(&key);
            } else {
                vault.records.insert(key, value);
            }
        }
        Ok(vault)
    }

    pub fn records(&self) -> &BTreeMap<String, String> {
        &self.records
    }

    pub fn meta(&self) -> &Meta {
        &self.meta
    }

    /// True when `bits` (from a passphrase typed now) open this vault.
    pub fn opens_with(&self, bits: &[u8]) -> bool {
        Cipher::from_bits(bits).opens(&self.meta)
    }

    /// Seals and writes one record.
    pub fn put(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        let name = match self.names.get(key) {
            Some(name) => name.clone(),
            None => self.cipher.entry_key(key),
        };
        let iv = (self.ivs)();
        let entry = sealed_entry(&self.cipher, self.meta.gen, key, value, iv);
        self.storage.set(&name, &entry.to_json())?;
        self.names.insert(key.to_string(), name);
        self.records.insert(key.to_string(), value.to_string());
        Ok(())
    }

    /// Removes one record's entry.
    pub fn remove(&mut self, key: &str) -> Result<(), BackendError> {
        if let Some(name) = self.names.get(key).cloned() {
            self.storage.remove(&name)?;
            self.names.remove(key);
        }
        self.records.remove(key);
        Ok(())
    }

    /// Seals everything under new keys (`bits` from the new passphrase
    /// with `kdf`, a fresh salt), switches the parameters in one write,
    /// then removes the old entries. On a refused write, nothing changed.
    pub fn change(&mut self, bits: &[u8], kdf: Kdf) -> Result<(), VaultError> {
        let gen = next_generation(pairs(&self.storage), self.meta.gen);
        let cipher = Cipher::from_bits(bits);
        let names = write_sealed(
            &mut self.storage,
            &cipher,
            gen,
            &self.records,
            &mut self.ivs,
        )
        .map_err(VaultError::Write)?;
        let meta = new_meta(
            &cipher,
            kdf,
            gen,
            self.meta.lock_after_minutes,
            self.meta.plain_name.clone(),
            (self.ivs)(),
        );
        if let Err(e) = self.storage.set(META_KEY, &meta.to_json()) {
            for name in names.values() {
                let _ = self.storage.remove(name);
            }
            return Err(VaultError::Write(e));
        }
        for old in self.names.values() {
            let _ = self.storage.remove(old);
        }
        self.cipher = cipher;
        self.meta = meta;
        self.names = names;
        Ok(())
    }

    /// Turns the lock off: writes every record readable, then removes the
    /// parameters and every entry; the vault is then done with (drop it).
    /// On a refused write, nothing changed and the vault still works.
    pub fn turn_off(&mut self) -> Result<(), BackendError> {
        let mut written: Vec<String> = Vec::new();
        for (key, value) in &self.records {
            if let Err(e) = self.storage.set(key, value) {
                for k in &written {
                    let _ = self.storage.remove(k);
                }
                return Err(e);
            }
            written.push(key.clone());
        }
        let _ = self.storage.remove(META_KEY);
        for (key, _) in pairs(&self.storage) {
            if key.starts_with(ENTRY_PREFIX) {
                let _ = self.storage.remove(&key);
            }
        }
        Ok(())
    }

    fn write_meta(&mut self, meta: Meta) -> Result<(), BackendError> {
        self.storage.set(META_KEY, &meta.to_json())?;
        self.meta = meta;
        Ok(())
    }

    /// Changes the idle time before the app locks itself.
    pub fn set_lock_after(&mut self, minutes: u32) -> Result<(), BackendError> {
        if !LOCK_AFTER_CHOICES.contains(&minutes) {
            return Ok(());
        }
        let mut meta = self.meta.clone();
        meta.lock_after_minutes = minutes;
        self.write_meta(meta)
    }

    /// Keeps the plain name (a `NeutralName` id) for the lock screen.
    pub fn set_plain_name(&mut self, name: Option<&str>) -> Result<(), BackendError> {
        if self.meta.plain_name.as_deref() == name {
            return Ok(());
        }
        let mut meta = self.meta.clone();
        meta.plain_name = name.map(str::to_string);
        self.write_meta(meta)
    }

    /// Reads a change another tab made to `storage_key` (the `storage`
    /// event) and says what it means here.
    pub fn follow(&mut self, storage_key: &str, value: Option<&str>) -> Option<Followed> {
        if storage_key == META_KEY {
            return (value != Some(self.meta.to_json().as_str())).then_some(Followed::LockChanged);
        }
        if !storage_key.starts_with(ENTRY_PREFIX) {
            return None;
        }
        let Some(value) = value else {
            let record = self
                .names
                .iter()
                .find(|(_, name)| name.as_str() == storage_key)
                .map(|(record, _)| record.clone())?;
            self.names.remove(&record);
            self.records.remove(&record);
            return Some(Followed::Record(record, None));
        };
        let entry = serde_json::from_str::<Entry>(value).ok()?;
        if entry.g != self.meta.gen {
            return None;
        }
        let payload = Payload::parse(&self.cipher.open(&entry.sealed)?)?;
        self.names
            .insert(payload.k.clone(), storage_key.to_string());
        self.records.insert(payload.k.clone(), payload.d.clone());
        Some(Followed::Record(payload.k, Some(payload.d)))
    }

    /// Removes everything the lock and the app stored (a forgotten
    /// passphrase, or "delete everything").
    pub fn wipe(storage: &mut B) {
        for (key, _) in pairs(storage) {
            if is_vault_key(&key) || is_plain_record_key(&key) {
                let _ = storage.remove(&key);
            }
        }
    }
}

/// The store's [`Backend`] while the lock is on: a handle on the vault
/// (shared with the page that can change or close it). Once the vault is
/// closed, every operation fails as if storage were switched off.
pub struct SealedBackend<B: Backend> {
    vault: Rc<RefCell<Option<Vault<B>>>>,
}

impl<B: Backend> SealedBackend<B> {
    pub fn new(vault: Rc<RefCell<Option<Vault<B>>>>) -> Self {
        Self { vault }
    }
}

impl<B: Backend> Backend for SealedBackend<B> {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        match &*self.vault.borrow() {
            Some(v) => Ok(v.records.get(key).cloned()),
            None => Err(BackendError::Unavailable),
        }
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        match &mut *self.vault.borrow_mut() {
            Some(v) => v.put(key, value),
            None => Err(BackendError::Unavailable),
        }
    }

    fn remove(&mut self, key: &str) -> Result<(), BackendError> {
        match &mut *self.vault.borrow_mut() {
            Some(v) => v.remove(key),
            None => Err(BackendError::Unavailable),
        }
    }

    fn keys(&self) -> Result<Vec<String>, BackendError> {
        match &*self.vault.borrow() {
            Some(v) => Ok(v.records.keys().cloned().collect()),
            None => Err(BackendError::Unavailable),
        }
    }

    fn entries(&self) -> Result<Vec<(String, String)>, BackendError> {
        match &*self.vault.borrow() {
            Some(v) => Ok(v
                .records
                .iter()
                .map(|(k, d)| (k.clone(), d.clone()))
                .collect()),
            None => Err(BackendError::Unavailable),
        }
    }
}

impl ProtectedBackup {
    /// Seals a backup's text with `bits` from the file's own passphrase.
    pub fn seal(bits: &[u8], kdf: Kdf, iv: [u8; IV_LEN], json: &str) -> Self {
        Self::new(kdf, Cipher::from_bits(bits).seal(iv, json.as_bytes()))
    }

    /// The backup's text, or `None` for a wrong passphrase.
    pub fn open(&self, bits: &[u8]) -> Option<String> {
        let plain = Cipher::from_bits(bits).open(&self.sealed)?;
        String::from_utf8(plain).ok()
    }
}

/// Standard base64 with padding (RFC 4648), for bytes in JSON.
pub mod base64 {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    pub fn encode(bytes: &[u8]) -> String {
        let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let b = [
                chunk[0],
                chunk.get(1).copied().unwrap_or(0),
                chunk.get(2).copied().unwrap_or(0),
            ];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
    }

    fn value(c: u8) -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    }

    /// `None` for anything that is not canonical padded base64.
    pub fn decode(text: &str) -> Option<Vec<u8>> {
        let bytes = text.as_bytes();
        if !bytes.len().is_multiple_of(4) {
            return None;
        }
        let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
        let quads = bytes.len() / 4;
        for (i, quad) in bytes.chunks(4).enumerate() {
            let pad = quad.iter().rev().take_while(|&&c| c == b'=').count();
            if pad > 2 || (pad > 0 && i + 1 != quads) {
                return None;
            }
            let mut n = 0u32;
            for (j, &c) in quad.iter().enumerate() {
                let v = if j >= 4 - pad { 0 } else { value(c)? };
                n = (n << 6) | v;
            }
            let got = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
            out.extend_from_slice(&got[..3 - pad]);
            // Padding bits must be zero (canonical form).
            if (pad == 1 && n & 0xff != 0) || (pad == 2 && n & 0xffff != 0) {
                return None;
            }
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::MemoryBackend;

    fn meta() -> Meta {
        Meta {
            v: FORMAT,
            kdf: Kdf::new(&[7; SALT_LEN]),
            gen: 1,
            check: Sealed::new(&[1; IV_LEN], &[2; 40]),
            lock_after_minutes: DEFAULT_LOCK_AFTER,
            plain_name: None,
        }
    }

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, coded) in cases {
            assert_eq!(base64::encode(plain.as_bytes()), coded);
            assert_eq!(base64::decode(coded).unwrap(), plain.as_bytes());
        }
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(base64::decode(&base64::encode(&all)).unwrap(), all);
    }

    #[test]
    fn base64_refuses_what_is_not_canonical() {
        for bad in [
            "Zg=", "Z===", "Zg==Zg==", "Zh==", "Zm9=", "Zm9v!A==", "@@@@",
        ] {
            assert_eq!(base64::decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn meta_round_trips_and_keeps_its_parameters() {
        let m = meta();
        let json = m.to_json();
        assert!(json.contains("\"iterations\":600000"));
        assert!(json.contains("\"name\":\"PBKDF2\""));
        assert_eq!(Meta::parse(&json).unwrap(), m);
    }

    #[test]
    fn raised_iterations_are_read_back_as_stored() {
        let mut m = meta();
        m.kdf.iterations = 1_200_000;
        assert_eq!(Meta::parse(&m.to_json()).unwrap().kdf.iterations, 1_200_000);
    }

    #[test]
    fn damaged_or_unusable_meta_is_refused() {
        let mut few = meta();
        few.kdf.iterations = 1_000;
        let mut other_hash = meta();
        other_hash.kdf.hash = "SHA-1".into();
        let mut short_salt = meta();
        short_salt.kdf.salt = base64::encode(&[1; 8]);
        let mut short_iv = meta();
        short_iv.check.iv = base64::encode(&[1; 8]);
        let mut odd_idle = meta();
        odd_idle.lock_after_minutes = 7;
        for m in [few, other_hash, short_salt, short_iv, odd_idle] {
            assert!(matches!(
                Meta::parse(&m.to_json()),
                Err(FormatError::Bad(_))
            ));
        }
        assert!(matches!(Meta::parse("{"), Err(FormatError::NotJson(_))));
        assert!(matches!(Meta::parse("[]"), Err(FormatError::Bad(_))));
        let mut newer = meta();
        newer.v = 2;
        assert_eq!(Meta::parse(&newer.to_json()), Err(FormatError::Newer(2)));
    }

    #[test]
    fn sealed_values_check_lengths() {
        assert!(Sealed::new(&[0; IV_LEN], &[0; TAG_LEN]).parts().is_ok());
        assert!(Sealed::new(&[0; IV_LEN], &[0; TAG_LEN - 1])
            .parts()
            .is_err());
        let odd = Sealed {
            iv: "not base64!".into(),
            ct: base64::encode(&[0; 20]),
        };
        assert!(odd.parts().is_err());
    }

    #[test]
    fn unlock_plan_sorts_entries() {
        let good = Entry::new(2, Sealed::new(&[1; IV_LEN], &[2; 30])).to_json();
        let old = Entry::new(1, Sealed::new(&[1; IV_LEN], &[2; 30])).to_json();
        let newer = Entry::new(3, Sealed::new(&[1; IV_LEN], &[2; 30])).to_json();
        let stored = vec![
            (entry_key("ee"), newer),
            (entry_key("aa"), good.clone()),
            (entry_key("bb"), old),
            (entry_key("cc"), "garbage".into()),
            (entry_key("dd"), r#"{"g":2,"iv":"AA==","ct":"AA=="}"#.into()),
            (META_KEY.to_string(), "{}".into()),
            ("gw:journal/x".into(), "{}".into()),
        ];
        let plan = plan_unlock(2, stored);
        assert_eq!(plan.open.len(), 1);
        assert_eq!(plan.open[0].0, entry_key("aa"));
        assert_eq!(plan.stale, vec![entry_key("bb")]);
        assert_eq!(plan.unreadable, vec![entry_key("cc"), entry_key("dd")]);
    }

    #[test]
    fn new_generations_pass_every_stored_one() {
        let e = |g| Entry::new(g, Sealed::new(&[1; IV_LEN], &[2; 30])).to_json();
        assert_eq!(next_generation(Vec::new(), 0), 1);
        assert_eq!(
            next_generation(vec![(entry_key("a"), e(4)), (entry_key("b"), e(2))], 2),
            5
        );
        assert_eq!(next_generation(vec![(entry_key("a"), "junk".into())], 7), 8);
    }

    #[test]
    fn payloads_only_carry_record_keys() {
        let p = Payload {
            k: "gw:journal/1".into(),
            d: "{}".into(),
        };
        assert_eq!(Payload::parse(p.to_json().as_bytes()), Some(p));
        let other = Payload {
            k: "gw-vault:meta".into(),
            d: "{}".into(),
        };
        assert_eq!(Payload::parse(other.to_json().as_bytes()), None);
        assert_eq!(Payload::parse(b"not json"), None);
    }

    #[test]
    fn entry_names_are_32_hex_characters() {
        let mac: Vec<u8> = (0..32).collect();
        let name = entry_name(&mac);
        assert_eq!(name, "000102030405060708090a0b0c0d0e0f");
        assert_eq!(entry_key(&name), format!("gw-vault:e-{name}"));
        assert!(is_vault_key(&entry_key(&name)) && !is_plain_record_key(&entry_key(&name)));
    }

    #[test]
    fn protected_backups_are_told_apart() {
        let file = ProtectedBackup::new(
            Kdf::new(&[3; SALT_LEN]),
            Sealed::new(&[4; IV_LEN], &[5; 64]),
        );
        let json = file.to_json();
        assert_eq!(ProtectedBackup::detect(&json).unwrap(), Some(file.clone()));
        assert_eq!(
            ProtectedBackup::detect(r#"{"groundwork_backup":1}"#).unwrap(),
            None
        );
        assert_eq!(ProtectedBackup::detect("not json").unwrap(), None);
        let newer = json.replace(
            "\"groundwork_protected_backup\": 1",
            "\"groundwork_protected_backup\": 3",
        );
        assert_eq!(ProtectedBackup::detect(&newer), Err(FormatError::Newer(3)));
        let mut damaged = file;
        damaged.sealed.iv = "x".into();
        assert!(ProtectedBackup::detect(&damaged.to_json()).is_err());
        assert!(ProtectedBackup::detect(r#"{"groundwork_protected_backup":1}"#).is_err());
    }

    #[test]
    fn new_passphrases_need_eight_characters_and_a_match() {
        assert_eq!(
            check_new_passphrase("short", "short"),
            Err(PassphraseProblem::TooShort)
        );
        assert_eq!(
            check_new_passphrase("tea at four", "tea at five"),
            Err(PassphraseProblem::Different)
        );
        assert_eq!(check_new_passphrase("tea at four", "tea at four"), Ok(()));
        // Characters, not bytes.
        assert_eq!(check_new_passphrase("चायचायचा", "चायचायचा"), Ok(()));
    }

    #[test]
    fn idle_lock_waits_the_chosen_minutes() {
        assert!(!idle_lock_due(0.0, 299_999.0, 5));
        assert!(idle_lock_due(0.0, 300_000.0, 5));
        assert!(idle_lock_due(1_000.0, 61_000.0, 1));
    }

    // ── Sealing and the vault over a storage backend ──

    fn bits(n: u8) -> Vec<u8> {
        (0..64).map(|i| i ^ n).collect()
    }

    /// IVs from a counter: distinct, like the browser's random ones.
    fn counter() -> Ivs {
        let mut n = 0u64;
        Box::new(move || {
            n += 1;
            let mut iv = [0u8; IV_LEN];
            iv[..8].copy_from_slice(&n.to_le_bytes());
            iv
        })
    }

    fn all(b: &MemoryBackend) -> BTreeMap<String, String> {
        pairs(b).into_iter().collect()
    }

    const MARK: &str = "lantern evening 4471";

    /// A backend holding a profile and a journal entry, as the app writes them.
    fn plain_storage() -> MemoryBackend {
        use crate::store::Store;
        let mut b = MemoryBackend::new();
        let now = crate::domain::time::parse("2026-11-28T10:00:00+05:30").unwrap();
        let mut store = Store::open(&mut b);
        let mut entry = crate::domain::journal::JournalEntry::new(now, None);
        entry.body = MARK.into();
        store.put("20261128-100000-aaaa", &entry, now).unwrap();
        let profile = crate::domain::profile::Profile::default();
        store
            .put(crate::domain::profile::Profile::ID, &profile, now)
            .unwrap();
        drop(store);
        b.set("unrelated", "left alone").unwrap();
        b
    }

    /// The records of [`plain_storage`], locked with `bits(1)`.
    fn locked() -> Vault<MemoryBackend> {
        Vault::turn_on(
            plain_storage(),
            &bits(1),
            Kdf::new(&[5; SALT_LEN]),
            None,
            counter(),
        )
        .ok()
        .unwrap()
    }

    fn assert_nothing_readable(b: &MemoryBackend) {
        for (k, v) in all(b) {
            if k == "unrelated" {
                continue;
            }
            assert!(is_vault_key(&k), "readable key {k}");
            assert!(!v.contains("lantern") && !v.contains("journal") && !v.contains("profile"));
            assert!(!k.contains("journal"));
        }
    }

    #[test]
    fn aes_256_gcm_matches_the_gcm_specification_test_case() {
        // McGrew & Viega, "The Galois/Counter Mode of Operation", test case 14.
        let cipher = Cipher::from_bits(&[0; 64]);
        let sealed = cipher.seal([0; IV_LEN], &[0; 16]);
        assert_eq!(
            hex(&base64::decode(&sealed.ct).unwrap()),
            "cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919"
        );
        assert_eq!(cipher.open(&sealed).unwrap(), vec![0; 16]);
    }

    #[test]
    fn entry_names_are_hmac_sha256_as_in_rfc_4231() {
        // RFC 4231 test case 2: key "Jefe" (HMAC pads short keys with zeros).
        let mut b = vec![0u8; 64];
        b[32..36].copy_from_slice(b"Jefe");
        let cipher = Cipher::from_bits(&b);
        assert_eq!(
            cipher.entry_key("what do ya want for nothing?"),
            "gw-vault:e-5bdcc146bf60754e6a042426089575c7"
        );
    }

    #[test]
    fn sealed_values_open_only_with_their_keys_and_unchanged() {
        let cipher = Cipher::from_bits(&bits(1));
        let sealed = cipher.seal([9; IV_LEN], "दो ✓ <b>".as_bytes());
        assert_eq!(cipher.open(&sealed).unwrap(), "दो ✓ <b>".as_bytes());
        assert_eq!(Cipher::from_bits(&bits(2)).open(&sealed), None);
        let mut ct = base64::decode(&sealed.ct).unwrap();
        ct[3] ^= 0x40;
        let tampered = Sealed::new(&[9; IV_LEN], &ct);
        assert_eq!(cipher.open(&tampered), None);
        let moved = Sealed::new(&[8; IV_LEN], &base64::decode(&sealed.ct).unwrap());
        assert_eq!(cipher.open(&moved), None, "the IV is checked too");
    }

    #[test]
    fn turning_the_lock_on_seals_everything_and_unlocking_brings_it_back() {
        let storage = plain_storage();
        let before = all(&storage);
        let vault = Vault::turn_on(storage, &bits(1), Kdf::new(&[5; SALT_LEN]), None, counter())
            .ok()
            .unwrap();
        let records = vault.records().clone();
        assert_eq!(records.len(), 2);
        for (k, v) in &records {
            assert_eq!(before.get(k), Some(v), "the same text under the same key");
        }
        let storage = vault.storage;
        assert_nothing_readable(&storage);
        assert_eq!(
            all(&storage).get("unrelated").map(String::as_str),
            Some("left alone")
        );
        let meta = read_meta(&storage).unwrap().unwrap();
        assert_eq!(meta.kdf.iterations, DEFAULT_ITERATIONS);
        assert_eq!(meta.gen, 1);

        let locked = all(&storage);
        let (storage, e) = Vault::unlock(storage, &bits(2), counter()).err().unwrap();
        assert_eq!(e, VaultError::Wrong);
        assert_eq!(all(&storage), locked, "a wrong passphrase changes nothing");
        let vault = Vault::unlock(storage, &bits(1), counter()).ok().unwrap();
        assert_eq!(vault.records(), &records);
        assert_eq!(vault.unreadable, 0);
    }

    #[test]
    fn a_full_storage_refuses_the_lock_and_keeps_everything_readable() {
        let mut storage = plain_storage();
        storage.quota = Some(storage.used() + 200);
        let before = all(&storage);
        let (storage, e) =
            Vault::turn_on(storage, &bits(1), Kdf::new(&[5; SALT_LEN]), None, counter())
                .err()
                .unwrap();
        assert_eq!(e, VaultError::Write(BackendError::Full));
        assert_eq!(all(&storage), before);
    }

    #[test]
    fn the_store_works_over_the_sealed_backend_and_every_save_is_sealed() {
        use crate::store::Store;
        let vault = locked();
        let shared = Rc::new(RefCell::new(Some(vault)));
        let mut store = Store::open(SealedBackend::new(shared.clone()));
        let now = crate::domain::time::parse("2026-11-28T11:00:00+05:30").unwrap();
        let mut entry = crate::domain::journal::JournalEntry::new(now, None);
        entry.body = format!("{MARK} again");
        store.put("20261128-110000-bbbb", &entry, now).unwrap();
        store.delete::<crate::domain::journal::JournalEntry>("20261128-100000-aaaa");
        assert_eq!(store.health(), &crate::store::Health::Saved);
        drop(store);
        let vault = shared.borrow_mut().take().unwrap();
        let storage = vault.storage;
        assert_nothing_readable(&storage);
        let entries = all(&storage)
            .keys()
            .filter(|k| k.starts_with(ENTRY_PREFIX))
            .count();
        assert_eq!(entries, 2, "one entry per record");
        let vault = Vault::unlock(storage, &bits(1), counter()).ok().unwrap();
        let store = Store::open(SealedBackend::new(Rc::new(RefCell::new(Some(vault)))));
        let journal = store.all::<crate::domain::journal::JournalEntry>();
        assert_eq!(journal.len(), 1);
        assert_eq!(journal[0].1.body, format!("{MARK} again"));
        // A closed vault refuses writes: the store keeps them queued.
        let closed: Rc<RefCell<Option<Vault<MemoryBackend>>>> = Rc::new(RefCell::new(None));
        let mut b = SealedBackend::new(closed);
        assert_eq!(b.set("gw:x/y", "{}"), Err(BackendError::Unavailable));
    }

    #[test]
    fn a_full_storage_while_locked_is_an_error_the_store_can_queue() {
        let mut vault = locked();
        vault.storage.quota = Some(vault.storage.used() + 10);
        assert_eq!(vault.put("gw:journal/new", "{}"), Err(BackendError::Full));
        assert!(!vault.records().contains_key("gw:journal/new"));
    }

    #[test]
    fn changing_the_passphrase_re_seals_under_new_keys() {
        let mut vault = locked();
        vault.set_lock_after(15).unwrap();
        let records = vault.records().clone();
        assert!(vault.opens_with(&bits(1)) && !vault.opens_with(&bits(2)));
        vault.change(&bits(2), Kdf::new(&[6; SALT_LEN])).unwrap();
        assert_eq!(vault.meta().gen, 2);
        assert_eq!(vault.meta().lock_after_minutes, 15, "settings carry over");
        let storage = vault.storage;
        let entries = all(&storage)
            .keys()
            .filter(|k| k.starts_with(ENTRY_PREFIX))
            .count();
        assert_eq!(entries, 2, "the old entries are gone");
        let (storage, e) = Vault::unlock(storage, &bits(1), counter()).err().unwrap();
        assert_eq!(e, VaultError::Wrong);
        let vault = Vault::unlock(storage, &bits(2), counter()).ok().unwrap();
        assert_eq!(vault.records(), &records);
    }

    #[test]
    fn an_interrupted_change_loses_nothing() {
        let mut vault = locked();
        let records = vault.records().clone();
        // Storage fills up half-way through writing the new entries.
        vault.storage.quota = Some(vault.storage.used() + 300);
        let before = all(&vault.storage);
        assert!(matches!(
            vault.change(&bits(2), Kdf::new(&[6; SALT_LEN])),
            Err(VaultError::Write(BackendError::Full))
        ));
        assert_eq!(all(&vault.storage), before, "taken back");
        vault.storage.quota = None;
        // The page closed half-way: entries of generation 2 without their meta.
        let new = Cipher::from_bits(&bits(2));
        let names = write_sealed(&mut vault.storage, &new, 2, &records, &mut counter()).unwrap();
        let storage = vault.storage;
        let vault = Vault::unlock(storage, &bits(1), counter()).ok().unwrap();
        assert_eq!(
            vault.records(),
            &records,
            "the old passphrase still opens it all"
        );
        for name in names.values() {
            assert!(
                all(&vault.storage).contains_key(name),
                "newer entries are left alone"
            );
        }
        // The next change goes past them.
        let mut vault = vault;
        vault.change(&bits(3), Kdf::new(&[7; SALT_LEN])).unwrap();
        assert_eq!(vault.meta().gen, 3);
        // An entry of an older generation is removed on unlock.
        let old = sealed_entry(
            &Cipher::from_bits(&bits(1)),
            1,
            "gw:journal/x",
            "{}",
            [1; IV_LEN],
        );
        vault.storage.set("gw-vault:e-00", &old.to_json()).unwrap();
        let vault = Vault::unlock(vault.storage, &bits(3), counter())
            .ok()
            .unwrap();
        assert!(!all(&vault.storage).contains_key("gw-vault:e-00"));
        assert_eq!(vault.records(), &records);
    }

    #[test]
    fn turning_the_lock_off_makes_everything_readable_again() {
        let vault = locked();
        let records = vault.records().clone();
        let mut vault = vault;
        vault.turn_off().unwrap();
        let storage = vault.storage;
        let stored = all(&storage);
        assert!(stored.keys().all(|k| !is_vault_key(k)));
        for (k, v) in &records {
            assert_eq!(stored.get(k), Some(v));
        }
        // With no room to write the readable copies, the lock stays on.
        let mut vault =
            Vault::turn_on(storage, &bits(1), Kdf::new(&[5; SALT_LEN]), None, counter())
                .ok()
                .unwrap();
        vault.storage.quota = Some(vault.storage.used() + 10);
        let before = all(&vault.storage);
        assert_eq!(vault.turn_off(), Err(BackendError::Full));
        assert_eq!(all(&vault.storage), before);
        assert!(
            vault.put("gw:journal/still", "{}").is_err(),
            "still full, still locked"
        );
        vault.storage.quota = None;
        vault.put("gw:journal/still", "{}").unwrap();
    }

    #[test]
    fn unlocking_seals_records_left_readable_and_counts_damaged_entries() {
        let vault = locked();
        let mut storage = vault.storage;
        // A tab that had not noticed the lock wrote a readable record...
        storage.set("gw:journal/late", "{\"v\":1}").unwrap();
        // ...and one entry was damaged on disk.
        storage
            .set(
                "gw-vault:e-ff",
                "{\"g\":1,\"iv\":\"AAAAAAAAAAAAAAAA\",\"ct\":\"AAAAAAAAAAAAAAAAAAAAAA==\"}",
            )
            .unwrap();
        let vault = Vault::unlock(storage, &bits(1), counter()).ok().unwrap();
        assert_eq!(
            vault.records().get("gw:journal/late").map(String::as_str),
            Some("{\"v\":1}")
        );
        assert_eq!(vault.unreadable, 1);
        let stored = all(&vault.storage);
        assert!(!stored.contains_key("gw:journal/late"), "sealed now");
        assert!(
            stored.contains_key("gw-vault:e-ff"),
            "the damaged entry is left as it was"
        );
    }

    #[test]
    fn changes_from_another_tab_are_followed() {
        let vault = locked();
        let storage = vault.storage.clone();
        let mut here = vault;
        let mut there = Vault::unlock(storage, &bits(1), counter()).ok().unwrap();
        there
            .put("gw:journal/there", "{\"from\":\"there\"}")
            .unwrap();
        let name = there.cipher.entry_key("gw:journal/there");
        let value = all(&there.storage)[&name].clone();
        assert_eq!(
            here.follow(&name, Some(&value)),
            Some(Followed::Record(
                "gw:journal/there".into(),
                Some("{\"from\":\"there\"}".into())
            ))
        );
        assert_eq!(
            here.follow(&name, None),
            Some(Followed::Record("gw:journal/there".into(), None))
        );
        assert_eq!(here.follow("gw-vault:e-unknown", None), None);
        assert_eq!(here.follow("gw-vault:e-bad", Some("junk")), None);
        let meta = here.meta().to_json();
        assert_eq!(
            here.follow(META_KEY, Some(&meta)),
            None,
            "our own parameters"
        );
        assert_eq!(here.follow(META_KEY, None), Some(Followed::LockChanged));
    }

    #[test]
    fn every_write_takes_a_fresh_iv() {
        let mut vault = locked();
        let mut ivs = std::collections::BTreeSet::new();
        for i in 0..1000 {
            vault
                .put("gw:journal/a", &format!("{{\"n\":{i}}}"))
                .unwrap();
            let name = vault.names["gw:journal/a"].clone();
            let entry: Entry = serde_json::from_str(&all(&vault.storage)[&name]).unwrap();
            ivs.insert(entry.sealed.iv);
        }
        assert_eq!(ivs.len(), 1000);
    }

    #[test]
    fn wiping_removes_the_lock_and_every_record_only() {
        let vault = locked();
        let mut storage = vault.storage;
        Vault::wipe(&mut storage);
        assert_eq!(
            all(&storage).into_keys().collect::<Vec<_>>(),
            vec!["unrelated".to_string()]
        );
    }

    #[test]
    fn protected_backups_open_only_with_their_passphrase() {
        let json = format!("{{\"groundwork_backup\":1,\"note\":\"{MARK}\"}}");
        let file = ProtectedBackup::seal(&bits(4), Kdf::new(&[2; SALT_LEN]), [3; IV_LEN], &json);
        let text = file.to_json();
        assert!(!text.contains("lantern"));
        let read = ProtectedBackup::detect(&text).unwrap().unwrap();
        assert_eq!(read.open(&bits(4)).as_deref(), Some(json.as_str()));
        assert_eq!(read.open(&bits(5)), None);
    }
}
