//! The passphrase lock in the browser: PBKDF2-HMAC-SHA256 in Web Crypto
//! (through web-sys), random bytes from `crypto.getRandomValues`, the
//! unlocked vault of this page, and the triggers that lock it again (idle
//! time, the page being hidden, "Lock now", leaving quickly). Sealing,
//! opening and the stored format are `store::vault`, tested natively.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::CryptoKey;

use crate::store::local::LocalBackend;
use crate::store::vault::{
    Followed, FormatError, Ivs, Kdf, Meta, ProtectedBackup, SealedBackend, Vault, VaultError,
    DERIVED_BITS, IV_LEN, META_KEY, SALT_LEN,
};
use crate::store::BackendError;

type Shared = Rc<RefCell<Option<Vault<LocalBackend>>>>;

thread_local! {
    static VAULT: RefCell<Option<Shared>> = const { RefCell::new(None) };
    static PICKING_FILE: Cell<bool> = const { Cell::new(false) };
    static UNSAVED: Cell<bool> = const { Cell::new(false) };
    static LAST_ACTIVITY: Cell<f64> = const { Cell::new(0.0) };
    static WATCHING: Cell<bool> = const { Cell::new(false) };
}

fn window() -> web_sys::Window {
    web_sys::window().expect("a window")
}

/// `N` bytes from the browser's cryptographic random source.
pub fn random<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    window()
        .crypto()
        .and_then(|c| c.get_random_values_with_u8_array(&mut bytes))
        .expect("the browser gives random bytes");
    bytes
}

/// A fresh random IV for every write.
pub fn ivs() -> Ivs {
    Box::new(random::<IV_LEN>)
}

fn object(pairs: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &(*k).into(), v);
    }
    o
}

/// PBKDF2-HMAC-SHA256 over the passphrase with the stored parameters:
/// the 512 bits the AES and HMAC keys come from. Deliberately slow.
pub async fn derive_bits(passphrase: &str, kdf: &Kdf) -> Result<Vec<u8>, JsValue> {
    let salt = kdf
        .checked_salt()
        .map_err(|_| JsValue::from_str("unusable key parameters"))?;
    let subtle = window().crypto()?.subtle();
    let secret = Uint8Array::from(passphrase.as_bytes());
    let usages: Array = [JsValue::from_str("deriveBits")].into_iter().collect();
    let base: CryptoKey =
        JsFuture::from(subtle.import_key_with_str("raw", &secret, "PBKDF2", false, &usages)?)
            .await?
            .dyn_into()?;
    let params = object(&[
        ("name", "PBKDF2".into()),
        ("hash", "SHA-256".into()),
        ("iterations", kdf.iterations.into()),
        ("salt", Uint8Array::from(&salt[..]).into()),
    ]);
    let bits =
        JsFuture::from(subtle.derive_bits_with_object(&params, &base, DERIVED_BITS)?).await?;
    let view = Uint8Array::new(&bits);
    let out = view.to_vec();
    view.fill(0, 0, view.length());
    Ok(out)
}

/// What the page finds in storage before anything else starts.
#[derive(Clone, Debug)]
pub enum Stored {
    /// No lock: the app opens as usual.
    None,
    Locked(Meta),
    /// Lock parameters this build cannot use (damaged, or from a newer
    /// version): nothing can be opened, and nothing is changed.
    Unusable(FormatError),
}

/// The stored lock parameters as they are, if the lock is on. The first
/// screen goes by this alone (the lock screen's name is read from it by
/// `store::peek`); reading them whole is [`stored_lock`], for unlocking.
/// Only reads: the app's own opening of local storage (with its write
/// probe) comes after.
pub fn lock_text() -> Option<String> {
    window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(META_KEY).ok().flatten())
}

/// Whether the data is locked, with the lock parameters read and checked.
pub fn stored_lock() -> Stored {
    match lock_text().map(|t| Meta::parse(&t)) {
        None => Stored::None,
        Some(Ok(meta)) => Stored::Locked(meta),
        Some(Err(e)) => Stored::Unusable(e),
    }
}

fn shared() -> Option<Shared> {
    VAULT.with(|v| v.borrow().clone())
}

fn with_vault<R>(f: impl FnOnce(&mut Vault<LocalBackend>) -> R) -> Option<R> {
    let shared = shared()?;
    let mut guard = shared.borrow_mut();
    guard.as_mut().map(f)
}

fn open_with(vault: Vault<LocalBackend>) -> BTreeMap<String, String> {
    let records = vault.records().clone();
    VAULT.with(|v| *v.borrow_mut() = Some(Rc::new(RefCell::new(Some(vault)))));
    records
}

/// Forgets the vault of this page (its keys and records).
fn close() {
    if let Some(shared) = VAULT.with(|v| v.borrow_mut().take()) {
        shared.borrow_mut().take();
    }
}

/// True while this page holds an unlocked vault.
pub fn is_open() -> bool {
    shared().is_some_and(|s| s.borrow().is_some())
}

fn storage() -> Result<LocalBackend, VaultError> {
    LocalBackend::open().ok_or(VaultError::Write(BackendError::Unavailable))
}

fn js_error(e: JsValue) -> VaultError {
    VaultError::Write(BackendError::Other(format!("{e:?}")))
}

/// Opens the vault with `passphrase`: the records to load.
pub async fn unlock(passphrase: &str) -> Result<BTreeMap<String, String>, VaultError> {
    let meta = match stored_lock() {
        Stored::Locked(meta) => meta,
        Stored::Unusable(e) => return Err(VaultError::Unusable(e)),
        Stored::None => return Err(VaultError::Unusable(FormatError::Bad("no lock"))),
    };
    let bits = derive_bits(passphrase, &meta.kdf).await.map_err(js_error)?;
    let vault = Vault::unlock(storage()?, &bits, ivs()).map_err(|(_, e)| e)?;
    Ok(open_with(vault))
}

/// Turns the lock on for everything stored: the records to load.
pub async fn turn_on(
    passphrase: &str,
    plain_name: Option<String>,
) -> Result<BTreeMap<String, String>, VaultError> {
    let kdf = Kdf::new(&random::<SALT_LEN>());
    let bits = derive_bits(passphrase, &kdf).await.map_err(js_error)?;
    let vault = Vault::turn_on(storage()?, &bits, kdf, plain_name, ivs()).map_err(|(_, e)| e)?;
    Ok(open_with(vault))
}

async fn check(passphrase: &str) -> Result<(), VaultError> {
    let kdf = with_vault(|v| v.meta().kdf.clone()).ok_or(VaultError::Wrong)?;
    let bits = derive_bits(passphrase, &kdf).await.map_err(js_error)?;
    match with_vault(|v| v.opens_with(&bits)) {
        Some(true) => Ok(()),
        _ => Err(VaultError::Wrong),
    }
}

/// Seals everything under a new passphrase, after checking the current one.
pub async fn change_passphrase(current: &str, new: &str) -> Result<(), VaultError> {
    check(current).await?;
    let kdf = Kdf::new(&random::<SALT_LEN>());
    let bits = derive_bits(new, &kdf).await.map_err(js_error)?;
    with_vault(|v| v.change(&bits, kdf)).unwrap_or(Err(VaultError::Wrong))
}

/// Turns the lock off after checking the passphrase: everything is stored
/// readable again and this page's vault is closed.
pub async fn turn_off(current: &str) -> Result<(), VaultError> {
    check(current).await?;
    with_vault(|v| v.turn_off())
        .ok_or(VaultError::Wrong)?
        .map_err(VaultError::Write)?;
    close();
    Ok(())
}

/// The store's backend over this page's vault.
pub fn backend() -> Option<SealedBackend<LocalBackend>> {
    shared().map(SealedBackend::new)
}

/// The lock parameters of the open vault.
pub fn meta() -> Option<Meta> {
    with_vault(|v| v.meta().clone())
}

/// Entries found on unlock that could not be opened.
pub fn unreadable() -> usize {
    with_vault(|v| v.unreadable).unwrap_or(0)
}

pub fn set_lock_after(minutes: u32) -> Result<(), BackendError> {
    with_vault(|v| v.set_lock_after(minutes)).unwrap_or(Ok(()))
}

/// Keeps the plain name for the lock screen.
pub fn set_plain_name(name: Option<&str>) {
    with_vault(|v| {
        let _ = v.set_plain_name(name);
    });
}

/// What another tab's change to storage means here (`None`: nothing, or
/// the lock is not open in this page). A cleared storage counts as a
/// change of the lock.
pub fn follow_other_tab(key: Option<&str>, value: Option<&str>) -> Option<Followed> {
    let Some(key) = key else {
        return is_open().then_some(Followed::LockChanged);
    };
    with_vault(|v| v.follow(key, value)).flatten()
}

/// Removes everything the lock and the app stored and closes the vault
/// (a forgotten passphrase, "delete everything").
pub fn wipe() {
    close();
    if let Some(mut local) = LocalBackend::open() {
        Vault::wipe(&mut local);
    }
}

/// Set by the app while some changes wait in memory because storage
/// refused them: locking then would lose them, so it waits.
pub fn set_unsaved(unsaved: bool) {
    UNSAVED.with(|u| u.set(unsaved));
}

/// Locks now: writes what is being typed, forgets the keys and shows the
/// lock screen. Returns false, doing nothing, while changes wait unsaved.
pub fn lock() -> bool {
    if !is_open() || UNSAVED.with(Cell::get) {
        return false;
    }
    super::flush_pending_saves();
    close();
    // Nothing stays on screen while the page reloads into the lock screen
    // (a hidden page may reload only when it is shown again).
    super::privacy::conceal();
    super::reload();
    true
}

/// Forgets the keys (leaving quickly): every save is already written.
pub fn forget() {
    close();
}

/// Call before opening a file chooser: on a phone it hides the page for a
/// while, which must not lock the app.
pub fn expect_file_chooser() {
    PICKING_FILE.with(|p| p.set(true));
}

/// Locks after the chosen idle minutes, and whenever the page is hidden
/// (another app, the screen turned off). Starts once per page.
pub fn watch_for_auto_lock() {
    use wasm_bindgen::closure::Closure;
    if WATCHING.with(|w| w.replace(true)) {
        return;
    }
    let now = js_sys::Date::now;
    LAST_ACTIVITY.with(|a| a.set(now()));
    let touch = Closure::<dyn Fn()>::new(move || {
        LAST_ACTIVITY.with(|a| a.set(now()));
        PICKING_FILE.with(|p| p.set(false));
    });
    for event in ["pointerdown", "keydown", "input", "change", "focus"] {
        let _ = window().add_event_listener_with_callback_and_bool(
            event,
            touch.as_ref().unchecked_ref(),
            true,
        );
    }
    touch.forget();
    let doc = window().document().expect("a document");
    let doc2 = doc.clone();
    let hidden = Closure::<dyn Fn()>::new(move || {
        if doc2.visibility_state() == web_sys::VisibilityState::Hidden
            && !PICKING_FILE.with(Cell::get)
        {
            lock();
        }
    });
    let _ =
        doc.add_event_listener_with_callback("visibilitychange", hidden.as_ref().unchecked_ref());
    hidden.forget();
    let tick = Closure::<dyn Fn()>::new(move || {
        let Some(minutes) = with_vault(|v| v.meta().lock_after_minutes) else {
            return;
        };
        let last = LAST_ACTIVITY.with(Cell::get);
        if crate::store::vault::idle_lock_due(last, now(), minutes) {
            lock();
        }
    });
    let _ = window().set_interval_with_callback_and_timeout_and_arguments_0(
        tick.as_ref().unchecked_ref(),
        10_000,
    );
    tick.forget();
}

/// A backup file's text sealed with its own passphrase (a fresh salt).
pub async fn protect_backup(passphrase: &str, json: &str) -> Result<String, VaultError> {
    let kdf = Kdf::new(&random::<SALT_LEN>());
    let bits = derive_bits(passphrase, &kdf).await.map_err(js_error)?;
    Ok(ProtectedBackup::seal(&bits, kdf, random::<IV_LEN>(), json).to_json())
}

/// Opens a protected backup file: the backup's text, or `Wrong`.
pub async fn open_backup(passphrase: &str, file: &ProtectedBackup) -> Result<String, VaultError> {
    let bits = derive_bits(passphrase, &file.kdf).await.map_err(js_error)?;
    file.open(&bits).ok_or(VaultError::Wrong)
}
