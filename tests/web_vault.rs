//! Browser tests of the passphrase lock (wasm-bindgen-test in headless
//! Chromium, real Web Crypto and local storage): PBKDF2 through Web
//! Crypto, sealing round trips, a wrong passphrase, fresh random IVs over
//! 1,000 writes, and no readable text left in storage.
#![cfg(target_arch = "wasm32")]

use std::collections::BTreeSet;

use groundwork::browser::vault;
use groundwork::store::local::LocalBackend;
use groundwork::store::vault::{
    Cipher, Entry, Kdf, Meta, ProtectedBackup, VaultError, ENTRY_PREFIX, META_KEY, SALT_LEN,
};
use groundwork::store::{Backend, Store};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SECRET: &str = "a marker nobody else writes: lantern-4471";
const PASS: &str = "tea at four o'clock";

fn raw() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn everything() -> Vec<(String, String)> {
    let s = raw();
    let mut all: Vec<(String, String)> = (0..s.length().unwrap())
        .map(|i| s.key(i).unwrap().unwrap())
        .map(|k| {
            let v = s.get_item(&k).unwrap().unwrap();
            (k, v)
        })
        .collect();
    all.sort();
    all
}

/// A journal entry and the profile, written as the app writes them.
fn seed_plain_records() {
    vault::wipe();
    raw().clear().unwrap();
    let mut store = Store::open(LocalBackend::open().unwrap());
    let now = groundwork::domain::time::now();
    let mut entry = groundwork::domain::journal::JournalEntry::new(now, None);
    entry.body = SECRET.to_string();
    store.put("20261128-aaaa", &entry, now).unwrap();
    let mut profile = groundwork::domain::profile::Profile::default();
    profile.welcome(Some(groundwork::domain::profile::Setback::Job), now);
    store
        .put(groundwork::domain::profile::Profile::ID, &profile, now)
        .unwrap();
}

#[wasm_bindgen_test]
async fn pbkdf2_in_web_crypto_gives_the_same_keys_for_the_same_passphrase_and_salt() {
    let kdf = Kdf::new(&vault::random::<SALT_LEN>());
    assert_eq!(kdf.iterations, 600_000);
    let a = vault::derive_bits(PASS, &kdf).await.unwrap();
    let b = vault::derive_bits(PASS, &kdf).await.unwrap();
    assert_eq!(a.len(), 64);
    assert_eq!(a, b);
    let other_salt = Kdf::new(&vault::random::<SALT_LEN>());
    assert_ne!(vault::derive_bits(PASS, &other_salt).await.unwrap(), a);
    assert_ne!(
        vault::derive_bits("tea at five o'clock", &kdf)
            .await
            .unwrap(),
        a
    );

    // Sealed with keys from one passphrase, opened only by them.
    let text = "दो ✓ <b>markup</b>".as_bytes();
    let sealed = Cipher::from_bits(&a).seal(vault::random(), text);
    assert_eq!(Cipher::from_bits(&b).open(&sealed).unwrap(), text);
    let wrong = vault::derive_bits("tea at five o'clock", &kdf)
        .await
        .unwrap();
    assert_eq!(Cipher::from_bits(&wrong).open(&sealed), None);
}

#[wasm_bindgen_test]
async fn turning_the_lock_on_leaves_nothing_readable_and_a_wrong_passphrase_changes_nothing() {
    seed_plain_records();
    let records = vault::turn_on(PASS, None).await.unwrap();
    assert_eq!(records.len(), 2);
    let stored = everything();
    assert!(stored.iter().any(|(k, _)| k == META_KEY));
    for (k, v) in &stored {
        assert!(k.starts_with("gw-vault:"), "a readable key was left: {k}");
        // Words long enough that sealed (base64) text never holds them by
        // chance: the secret, a record kind, a profile field.
        for plain in ["lantern", "journal", "setback"] {
            assert!(!v.contains(plain), "{plain} readable in {k}");
        }
    }
    let meta = Meta::parse(&raw().get_item(META_KEY).unwrap().unwrap()).unwrap();
    assert_eq!(meta.kdf.iterations, 600_000);

    vault::forget();
    let before = everything();
    assert_eq!(
        vault::unlock("tea at five o'clock").await.unwrap_err(),
        VaultError::Wrong
    );
    assert_eq!(everything(), before);
    assert!(!vault::is_open());

    let opened = vault::unlock(PASS).await.unwrap();
    assert_eq!(opened, records);
    assert!(opened.values().any(|v| v.contains(SECRET)));
    vault::wipe();
    assert!(everything().is_empty());
}

#[wasm_bindgen_test]
async fn every_write_gets_a_fresh_random_iv_over_a_thousand_writes() {
    seed_plain_records();
    vault::turn_on(PASS, None).await.unwrap();
    let mut backend = vault::backend().unwrap();
    let mut ivs = BTreeSet::new();
    for i in 0..1000 {
        backend
            .set("gw:journal/20261128-aaaa", &format!("{{\"n\":{i}}}"))
            .unwrap();
        let entries: Vec<Entry> = everything()
            .into_iter()
            .filter(|(k, _)| k.starts_with(ENTRY_PREFIX))
            .map(|(_, v)| serde_json::from_str(&v).unwrap())
            .collect();
        assert_eq!(entries.len(), 2, "one entry per record, rewritten in place");
        for e in entries {
            ivs.insert(e.sealed.iv);
        }
    }
    // 1,000 writes of the journal entry plus the profile's one entry.
    assert_eq!(ivs.len(), 1001, "an IV was used twice");
    vault::wipe();
}

#[wasm_bindgen_test]
async fn changing_the_passphrase_then_turning_the_lock_off() {
    seed_plain_records();
    let records = vault::turn_on("first passphrase", None).await.unwrap();
    let old = vault::meta().unwrap();
    assert_eq!(
        vault::change_passphrase("not it", "second passphrase").await,
        Err(VaultError::Wrong)
    );
    vault::change_passphrase("first passphrase", "second passphrase")
        .await
        .unwrap();
    let new = vault::meta().unwrap();
    assert_ne!(new.kdf.salt, old.kdf.salt);
    assert!(new.gen > old.gen);
    vault::forget();
    assert_eq!(
        vault::unlock("first passphrase").await.unwrap_err(),
        VaultError::Wrong
    );
    assert_eq!(vault::unlock("second passphrase").await.unwrap(), records);

    assert_eq!(
        vault::turn_off("first passphrase").await,
        Err(VaultError::Wrong)
    );
    vault::turn_off("second passphrase").await.unwrap();
    let stored = everything();
    assert!(stored.iter().all(|(k, _)| !k.starts_with("gw-vault:")));
    assert!(stored.iter().any(|(_, v)| v.contains(SECRET)));
    assert!(!vault::is_open());
    raw().clear().unwrap();
}

#[wasm_bindgen_test]
async fn protected_backups_open_only_with_their_passphrase() {
    let json = format!("{{\"groundwork_backup\":1,\"note\":\"{SECRET}\"}}");
    let file = vault::protect_backup("file passphrase", &json)
        .await
        .unwrap();
    assert!(!file.contains("lantern"));
    let parsed = ProtectedBackup::detect(&file).unwrap().unwrap();
    assert_eq!(
        vault::open_backup("other passphrase", &parsed).await,
        Err(VaultError::Wrong)
    );
    assert_eq!(
        vault::open_backup("file passphrase", &parsed)
            .await
            .unwrap(),
        json
    );
}
