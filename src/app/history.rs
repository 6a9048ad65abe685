//! What needs the whole store, fetched once home is painted.
//!
//! The first screen (home, or the lock screen) is built by the main
//! WebAssembly module, which reads only the records it shows on its own
//! (`store::Opening::peek`). Reading the rest of the store, the readers of
//! every kind of record, the cards that look across them, following other
//! tabs and opening the passphrase lock are here instead: with the `split`
//! feature (the app's build, see `index.html`) each function below is a
//! split point into the module `history`, fetched the first time one is
//! called and kept by the service worker (xtask/src/split.rs). Without it
//! (the browser tests) they are plain functions.
//!
//! Code the main module runs must reach the store's readers only through
//! these functions: the build checks that the main module does not carry
//! them (`xtask/src/split.rs`, `MAIN_MUST_NOT_HOLD`).

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;
use leptos::wasm_split::SplitLoaderError;

use crate::app::AppState;
use crate::content::Text;
use crate::domain::profile::Profile;
use crate::store::vault::VaultError;

type Later<T> = Pin<Box<dyn Future<Output = T>>>;

/// A function whose code is fetched on its first call:
/// `in_history! { pub fn name(args) -> Output { body } }` defines
/// `async fn name(args) -> Result<Output, SplitLoaderError>`.
macro_rules! in_history {
    ($(#[$doc:meta])* pub fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $out:ty $body:block) => {
        $(#[$doc])*
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split(history, wasm_split_path = ::leptos::wasm_split, fallible)]
        pub fn $name($($arg: $ty),*) -> Result<$out, SplitLoaderError> {
            Ok($body)
        }

        $(#[$doc])*
        #[cfg(not(feature = "split"))]
        pub async fn $name($($arg: $ty),*) -> Result<$out, SplitLoaderError> {
            Ok($body)
        }
    };
}

in_history! {
    /// The reading of the store (see `AppState::read_the_rest`).
    pub fn read_history(app: AppState) -> Later<()> {
        Box::pin(app.read_the_rest(crate::pages::home::READ_AHEAD))
    }
}

in_history! {
    /// Saves the profile (the welcome's answer, or a changed one).
    pub fn save_profile(app: AppState, profile: Profile) -> () {
        app.save_profile(profile)
    }
}

in_history! {
    /// Follows a change another tab made to local storage.
    pub fn other_tab(app: AppState, key: Option<String>, value: Option<String>) -> () {
        app.follow_other_tab(key, value)
    }
}

in_history! {
    /// Checks the passphrase and opens the sealed store with it.
    pub fn unlock(text: &'static Text, passphrase: String) -> Later<Result<AppState, VaultError>> {
        Box::pin(async move {
            crate::browser::vault::unlock(&passphrase).await?;
            Ok(AppState::open_unlocked(text))
        })
    }
}

in_history! {
    /// What makes the stored lock parameters unusable (damaged, or from a
    /// newer version), if anything: the lock screen then says so in place
    /// of the passphrase field.
    pub fn lock_problem() -> Option<String> {
        match crate::browser::vault::stored_lock() {
            crate::browser::vault::Stored::Unusable(e) => Some(format!("{e:?}")),
            _ => None,
        }
    }
}

/// The parts of screens that look across the store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// Home's first cards: one thing for today, a reminder, letters to reread.
    HomeFirst,
    /// Home's later cards: things to hold on to, people, keeping a copy.
    HomeLater,
    /// The shell's notice of what storage did not keep or set aside.
    StorageNotice,
}

in_history! {
    /// Builds a part (under the caller's owner: it reads the app's context).
    pub fn build(part: Part) -> AnyView {
        use crate::pages;
        match part {
            Part::HomeFirst => view! {
                <pages::progress::NextThingCard/>
                <pages::reminders::ReminderNudge/>
                <pages::compassionate_letter::LettersToReread/>
            }
            .into_any(),
            Part::HomeLater => view! {
                <pages::kind_phrases::ThingsToHoldOnTo/>
                <pages::reconnection::PeopleNudge/>
                <pages::keep_safe::KeepSafeHomeCard/>
            }
            .into_any(),
            Part::StorageNotice => {
                view! { <crate::components::notices::StorageNotice/> }.into_any()
            }
        }
    }
}

/// Shows `part` once its code is here. Meant for places that wait for
/// [`AppState::opened`]: the reading ran in the same module, so by then it
/// is fetched and the part is built straight away.
#[component]
pub fn FromHistory(part: Part) -> impl IntoView {
    let built = RwSignal::new_local(None::<AnyView>);
    if let Some(owner) = Owner::current() {
        owner.with(|| {
            spawn_local_scoped_with_cancellation(async move {
                if let Ok(view) = build(part).await {
                    built.set(Some(view));
                }
            })
        });
    }
    move || {
        built.track();
        built.try_update_untracked(Option::take).flatten()
    }
}
