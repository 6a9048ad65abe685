//! Keeping what a person types: the one way every editor saves a draft.
//!
//! An editor calls [`Debounce::call`] on each change; the save runs
//! [`DRAFT_DELAY`] after the last one. Every save still waiting is run at
//! once by [`flush_pending_saves`], which is called, whatever the page:
//! - when the page is hidden or left (`visibilitychange` to hidden,
//!   `pagehide`), from the one listener [`keep_drafts_when_leaving`] adds
//!   (a phone may kill a hidden tab without another event);
//! - by the router, before it cleans up the page a tap has replaced;
//! - before any reload or navigation the app starts itself ([`reload`],
//!   [`leave_for`]), and before leaving quickly.
//!
//! So a page cannot lose the last keystrokes by forgetting a listener.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::time::Duration;

use leptos::prelude::{GetValue, SetValue, StoredValue, UpdateValue};
use wasm_bindgen::{closure::Closure, JsCast};

/// How long after the last change a draft is saved, in every editor.
pub const DRAFT_DELAY: Duration = Duration::from_millis(500);

thread_local! {
    /// Saves scheduled by a [`Debounce`] and not yet run, by token, so that
    /// [`flush_pending_saves`] can run them at once.
    static PENDING: RefCell<BTreeMap<u64, Box<dyn FnOnce()>>> = Default::default();
    static NEXT_TOKEN: Cell<u64> = const { Cell::new(1) };
    static LISTENING: Cell<bool> = const { Cell::new(false) };
}

fn take_pending(token: u64) -> Option<Box<dyn FnOnce()>> {
    PENDING.with(|p| p.borrow_mut().remove(&token))
}

/// Runs every save a [`Debounce`] is still waiting to make, now, so nothing
/// typed is lost when the page (or the app) is about to go away.
pub fn flush_pending_saves() {
    loop {
        let jobs = PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()));
        if jobs.is_empty() {
            break;
        }
        for job in jobs.into_values() {
            job();
        }
    }
}

/// Adds, once for the whole app, the listeners that save every waiting
/// draft when the page is hidden or left. The shell calls it on start.
pub fn keep_drafts_when_leaving() {
    if LISTENING.with(|l| l.replace(true)) {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let on_hide = Closure::<dyn Fn()>::new(flush_pending_saves);
    let _ = window.add_event_listener_with_callback("pagehide", on_hide.as_ref().unchecked_ref());
    on_hide.forget();
    if let Some(document) = window.document() {
        let hidden = document.clone();
        let on_hidden = Closure::<dyn Fn()>::new(move || {
            if hidden.visibility_state() == web_sys::VisibilityState::Hidden {
                flush_pending_saves();
            }
        });
        let _ = document.add_event_listener_with_callback(
            "visibilitychange",
            on_hidden.as_ref().unchecked_ref(),
        );
        on_hidden.forget();
    }
}

/// Reloads the page after saving every waiting draft.
pub fn reload() {
    flush_pending_saves();
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

/// Replaces the page with `url` (no history entry) after saving every
/// waiting draft.
pub fn leave_for(url: &str) {
    flush_pending_saves();
    if let Some(w) = web_sys::window() {
        let _ = w.location().replace(url);
    }
}

/// Runs only the last of a burst of calls, [`DRAFT_DELAY`] after it: for
/// saving a draft while someone types. Copyable; create one per field or
/// form. [`flush_pending_saves`] runs what is waiting straight away.
#[derive(Clone, Copy)]
pub struct Debounce {
    /// The token of the call waiting to run (0: none).
    generation: StoredValue<u64>,
}

impl Debounce {
    /// A debouncer owned by the current component.
    pub fn new() -> Self {
        Self {
            generation: StoredValue::new(0),
        }
    }

    /// Forgets whatever is scheduled (safe after the owner is gone).
    pub fn cancel(&self) {
        self.generation.try_update_value(|g| {
            take_pending(*g);
            *g = 0;
        });
    }

    /// Saves with `f` after [`DRAFT_DELAY`], cancelling what was scheduled
    /// before.
    pub fn call(&self, f: impl FnOnce() + 'static) {
        self.cancel();
        if self.generation.try_get_value().is_none() {
            return;
        }
        let mine = NEXT_TOKEN.with(|n| {
            let t = n.get();
            n.set(t + 1);
            t
        });
        self.generation.set_value(mine);
        let generation = self.generation;
        let job: Box<dyn FnOnce()> = Box::new(move || {
            // Only while the owner is alive and this is still the latest call.
            if generation.try_get_value() == Some(mine) {
                generation.try_set_value(0);
                f();
            }
        });
        PENDING.with(|p| p.borrow_mut().insert(mine, job));
        leptos::prelude::set_timeout(
            move || {
                if let Some(job) = take_pending(mine) {
                    job();
                }
            },
            DRAFT_DELAY,
        );
    }
}

impl Default for Debounce {
    fn default() -> Self {
        Self::new()
    }
}
