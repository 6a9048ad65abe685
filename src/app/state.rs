//! The one place where the UI meets the store.
//!
//! Components read signals from [`AppState`] and call its methods; they never
//! touch storage. Each method changes the store, then refreshes the signals
//! that show its result, so a tap flows: component -> `AppState` method ->
//! `Store` (memory, then local storage) -> signals -> views.

use leptos::prelude::*;

use crate::browser;
use crate::browser::vault;
use crate::content::Text;
use crate::domain::discretion::{Discretion, NeutralName};
use crate::domain::field_draft::FieldDraft;
use crate::domain::profile::Profile;
use crate::domain::time;
use crate::domain::Record;
use crate::store::backup::{self, ImportError, ImportMode, ImportSummary, ValidBackup};
use crate::store::local::LocalBackend;
use crate::store::vault::{Followed, VaultError, META_KEY};
use crate::store::{Backend, Health, MemoryBackend, Opening, Peek, Store, StoreError, Typed};

type AppStore = Store<Box<dyn Backend>>;

/// The store is read once home is on screen: with more keys than this in
/// storage, in steps (see `store::Opening`); fewer are read at once (a few
/// hundred records take a couple of frames on a cheap phone).
const READ_IN_STEPS_FROM: usize = 400;
/// Records read per step: about 20 ms at the benchmark's 4x slowdown. The
/// first steps read fewer (`FIRST_STEP`, doubling), as they also pay for
/// compiling the code that reads each kind of record.
const RECORDS_PER_STEP: usize = 250;
const FIRST_STEP: usize = 30;

/// The store, or the store while it is being read in steps.
enum Stage {
    Opening(Opening<Box<dyn Backend>>),
    Open(AppStore),
    /// Only while one becomes the other.
    Moving,
}

impl Stage {
    fn open(&self) -> &AppStore {
        match self {
            Stage::Open(store) => store,
            _ => unreachable!("the store is opened before it is read"),
        }
    }

    fn open_mut(&mut self) -> &mut AppStore {
        self.finish();
        match self {
            Stage::Open(store) => store,
            _ => unreachable!("just opened"),
        }
    }

    /// Reads everything afresh if another tab changed storage while it
    /// was being read in steps (see `Opening::start_over`).
    fn start_over(&mut self) {
        self.open_with(Opening::start_over);
    }

    /// Reads whatever is still unread.
    fn finish(&mut self) {
        self.open_with(Opening::finish);
    }

    /// While opening: becomes the store `open` makes of the opening.
    fn open_with(&mut self, open: fn(Opening<Box<dyn Backend>>) -> AppStore) {
        if !matches!(self, Stage::Opening(_)) {
            return;
        }
        if let Stage::Opening(opening) = std::mem::replace(self, Stage::Moving) {
            *self = Stage::Open(open(opening));
        }
    }
}

/// Shared, copyable handle to the app's state. Provided as context by `App`.
#[derive(Clone, Copy)]
pub struct AppState {
    store: StoredValue<Stage, LocalStorage>,
    /// The words of the app, in the person's language.
    pub text: &'static Text,
    /// What the person told us on the welcome screen.
    pub profile: RwSignal<Profile>,
    /// The plain-name setting: the header and the tab's title go by it.
    pub discretion: RwSignal<Discretion>,
    /// Whether writes reach storage.
    pub health: RwSignal<Health>,
    /// Bumped after every change, for views that summarise the store.
    pub revision: RwSignal<u64>,
    /// Whether the passphrase lock is on (the store is then sealed).
    pub locked_storage: RwSignal<bool>,
    asked_persistence: StoredValue<bool>,
    /// Per record kind: notified when a record of that kind is saved or
    /// deleted in this tab, so a view of one kind does not re-run (and re-read
    /// years of records) when another kind is saved.
    kinds: StoredValue<std::collections::HashMap<&'static str, ArcTrigger>, LocalStorage>,
    /// Per record kind: notified a frame after a change of that kind (see
    /// [`AppState::settled`]).
    settled_kinds: StoredValue<std::collections::HashMap<&'static str, ArcTrigger>, LocalStorage>,
    /// Notified when anything may have changed at once (another tab, an
    /// import, a wipe, the lock): every view of records re-runs.
    everything: RwSignal<u64>,
    /// False until the store is read, after home is on screen (see
    /// [`AppState::read_history`]). Views that summarise many records (the
    /// home cards, the storage notice) wait for it, so home is on screen
    /// and answers taps at once; a page that reads records before then
    /// gets them all, read there and then.
    pub opened: RwSignal<bool>,
    /// False while the stored profile needs the whole store read to be
    /// known (it is damaged, or from a newer version): home then greets
    /// rather than show the welcome to someone who answered it.
    pub profile_known: RwSignal<bool>,
    /// The code that reads the store could not be fetched (see
    /// [`AppState::read_history`]).
    pub history_failed: RwSignal<bool>,
}

impl AppState {
    /// Opens local storage (or a page-lifetime stand-in when the browser
    /// refuses it) and reads the profile on its own, for home. Everything
    /// else is read once home is painted, by code fetched then (see
    /// [`AppState::read_history`] and [`AppState::opened`]).
    pub fn open(text: &'static Text) -> Self {
        let opening = Opening::begin(Self::plain_backend());
        let (profile, known) = match opening.peek::<Profile>(Profile::ID) {
            Peek::Found(profile) => (profile, true),
            Peek::Absent => (Profile::default(), true),
            // Damaged or from a newer version: known once the store is read.
            Peek::Unsure => (Profile::default(), false),
        };
        let discretion = match opening.peek::<Discretion>(Discretion::ID) {
            Peek::Found(discretion) => discretion,
            Peek::Absent | Peek::Unsure => Discretion::default(),
        };
        let health = opening.health().clone();
        let app = Self::new(text, Stage::Opening(opening), profile, health);
        app.profile_known.set(known);
        app.discretion.set(discretion);
        // Once home is on screen and answers taps: behind the parts of it
        // built a frame at a time (`Later`), which its first frame queues
        // after this.
        browser::after_paint(move || browser::after_paint(move || app.read_history()));
        app.listen_to_other_tabs();
        app
    }

    /// Fetches the code that reads the store and shows what looks across
    /// it (`app::history`), then reads the store with it. If that code
    /// cannot be fetched (offline before the app was kept on the phone),
    /// [`AppState::history_failed`] says so, and this can be tried again.
    /// Once read, the pages' code is readied in idle time (`lazy::get_ready`).
    pub fn read_history(&self) {
        let app = *self;
        app.history_failed.set(false);
        leptos::task::spawn_local(async move {
            match super::history::read_history(app).await {
                Ok(reading) => {
                    reading.await;
                    super::lazy::get_ready();
                }
                Err(_) => {
                    let _ = app.history_failed.try_set(true);
                }
            }
        });
    }

    fn plain_backend() -> Box<dyn Backend> {
        match LocalBackend::open() {
            Some(local) => Box::new(local),
            None => Box::new(MemoryBackend::volatile()),
        }
    }

    fn plain_store() -> AppStore {
        Store::open(Self::plain_backend())
    }

    /// Reads the store: at once, or with years of history a step per
    /// task; then the record kinds in `read_ahead` a kind per task; then
    /// shows what waited for it ([`AppState::opened`]). Runs once, after
    /// home is painted (see [`AppState::read_history`]).
    pub async fn read_the_rest(self, read_ahead: &'static [fn(&AppState)]) {
        // Waits for the next task; false when the app is gone by then (a
        // test unmounted it).
        let next_task = || async {
            browser::next_task().await;
            self.store.try_with_value(|_| ()).is_some()
        };
        let few = self.store.try_with_value(|stage| match stage {
            Stage::Opening(opening) => opening.stored_keys() < READ_IN_STEPS_FROM,
            _ => true,
        });
        match few {
            Some(true) => self.store.update_value(Stage::finish),
            Some(false) => {}
            None => return,
        }
        let mut records = FIRST_STEP;
        loop {
            let done = self.store.try_update_value(|stage| match stage {
                Stage::Opening(opening) => opening.step(records),
                _ => true,
            });
            records = (records * 2).min(RECORDS_PER_STEP);
            match done {
                Some(false) if next_task().await => {}
                Some(true) => break,
                // The app is gone.
                _ => return,
            }
        }
        // Putting the store together, each kind's list, the signals that
        // read single records meanwhile (again, from the open store), then
        // the cards: each in a task of its own.
        if !next_task().await {
            return;
        }
        self.store.update_value(Stage::finish);
        for read in read_ahead {
            if !next_task().await {
                return;
            }
            read(&self);
        }
        if !next_task().await {
            return;
        }
        // Nothing changed: storage is not asked to keep data just for this
        // (that waits for the first save, see `after_change`).
        self.refresh_signals();
        self.show_health();
        if !next_task().await {
            return;
        }
        self.opened.set(true);
    }

    /// Reads every record of kind `T` into its list ahead of a view that
    /// will ask for it (see [`AppState::read_the_rest`]).
    pub fn read_ahead<T: Record + 'static>(&self) {
        self.with_open(|s| {
            s.all_shared::<T>();
        });
    }

    /// The app over an unlocked vault (`vault::unlock` opened it).
    pub fn open_unlocked(text: &'static Text) -> Self {
        let backend = vault::backend().expect("unlocked");
        let app = Self::with_store(text, Store::open(Box::new(backend)));
        app.locked_storage.set(true);
        vault::watch_for_auto_lock();
        app.listen_to_other_tabs();
        app
    }

    /// Turns the passphrase lock on: everything stored is sealed, and the
    /// store carries on over the vault.
    pub async fn turn_lock_on(&self, passphrase: &str) -> Result<(), VaultError> {
        if let Health::Failing { problem, .. } = self.health.get_untracked() {
            return Err(VaultError::Write(problem));
        }
        let plain_name = self
            .get_untracked::<crate::domain::discretion::Discretion>(
                crate::domain::discretion::Discretion::ID,
            )
            .and_then(|d| d.shown_name())
            .map(|n| n.id().to_string());
        vault::turn_on(passphrase, plain_name).await?;
        let backend = vault::backend().expect("just turned on");
        self.store
            .set_value(Stage::Open(Store::open(Box::new(backend))));
        self.locked_storage.set(true);
        vault::watch_for_auto_lock();
        self.reload_signals();
        Ok(())
    }

    /// Turns the lock off after checking the passphrase: everything is
    /// stored readable again.
    pub async fn turn_lock_off(&self, passphrase: &str) -> Result<(), VaultError> {
        vault::turn_off(passphrase).await?;
        self.store.set_value(Stage::Open(Self::plain_store()));
        self.locked_storage.set(false);
        self.reload_signals();
        Ok(())
    }

    /// Seals everything under a new passphrase.
    pub async fn change_passphrase(&self, current: &str, new: &str) -> Result<(), VaultError> {
        vault::change_passphrase(current, new).await
    }

    /// Follows what other tabs of the app save: the browser's `storage`
    /// event fires here for every change another tab makes to local storage.
    /// Open forms keep what the person is typing (their next save goes
    /// through the store's conflict rule, so the other version is kept).
    pub fn listen_to_other_tabs(&self) {
        let app = *self;
        // Lives as long as the page, like the app state itself. The change
        // is followed by code in `app::history`: if it was never fetched,
        // nothing was read yet either, and what is read later is current.
        let _ = window_event_listener(leptos::ev::storage, move |ev| {
            let (key, value) = (ev.key(), ev.new_value());
            leptos::task::spawn_local(async move {
                let _ = super::history::other_tab(app, key, value).await;
            });
        });
    }

    /// Follows one change another tab made to local storage.
    pub fn follow_other_tab(&self, key: Option<String>, value: Option<String>) {
        let reload = crate::browser::reload;
        if vault::is_open() {
            match vault::follow_other_tab(key.as_deref(), value.as_deref()) {
                Some(Followed::Record(k, v)) => self.apply_external(Some(&k), v.as_deref()),
                // The passphrase changed or the lock went off elsewhere.
                Some(Followed::LockChanged) => reload(),
                None => {}
            }
        } else if key.as_deref() == Some(META_KEY) {
            // Another tab turned the lock on: ask for the passphrase.
            reload();
        } else {
            self.apply_external(key.as_deref(), value.as_deref());
        }
    }

    /// Applies one change made in another tab (`key` `None`: storage was
    /// cleared) and refreshes every view that shows the store.
    pub fn apply_external(&self, key: Option<&str>, value: Option<&str>) {
        self.store.update_value(Stage::start_over);
        if self.write(|s| s.apply_external(key, value)) {
            self.reload_signals();
        }
    }

    /// Wraps an already opened store (also used by browser tests).
    pub fn with_store(text: &'static Text, store: AppStore) -> Self {
        let profile = store.get::<Profile>(Profile::ID).unwrap_or_default();
        let discretion = store.get::<Discretion>(Discretion::ID).unwrap_or_default();
        let health = store.health().clone();
        let app = Self::new(text, Stage::Open(store), profile, health);
        app.discretion.set(discretion);
        app.opened.set(true);
        app
    }

    fn new(text: &'static Text, stage: Stage, profile: Profile, health: Health) -> Self {
        Self {
            store: StoredValue::new_local(stage),
            text,
            profile: RwSignal::new(profile),
            discretion: RwSignal::new(Discretion::default()),
            health: RwSignal::new(health),
            revision: RwSignal::new(0),
            locked_storage: RwSignal::new(false),
            asked_persistence: StoredValue::new(false),
            kinds: StoredValue::new_local(Default::default()),
            settled_kinds: StoredValue::new_local(Default::default()),
            everything: RwSignal::new(0),
            opened: RwSignal::new(false),
            profile_known: RwSignal::new(true),
            history_failed: RwSignal::new(false),
        }
    }

    /// Calls `f` with the open store, reading whatever is still unread
    /// first (see [`AppState::opened`]).
    fn with_open<R>(&self, f: impl FnOnce(&AppStore) -> R) -> R {
        let unread = self.store.with_value(|s| matches!(s, Stage::Opening(_)));
        if unread {
            self.store.update_value(Stage::finish);
        }
        self.store.with_value(|s| f(s.open()))
    }

    /// Reads the store (for summaries such as counts and sizes).
    pub fn read<R>(&self, f: impl FnOnce(&AppStore) -> R) -> R {
        self.revision.track();
        self.with_open(f)
    }

    /// The trigger of records of `kind`.
    fn kind_trigger(&self, kind: &'static str) -> ArcTrigger {
        self.kinds
            .try_update_value(|m| m.entry(kind).or_default().clone())
            .expect("the triggers live as long as the app")
    }

    /// The trigger notified a frame after records of `kind` change.
    fn settled_trigger(&self, kind: &'static str) -> ArcTrigger {
        self.settled_kinds
            .try_update_value(|m| m.entry(kind).or_default().clone())
            .expect("the triggers live as long as the app")
    }

    /// Records of `kind` changed: views of them re-run now, and views that
    /// follow them [`settled`](AppState::settled) once this frame is painted.
    fn changed(&self, kind: &'static str) {
        if kind == Discretion::KIND {
            self.refresh_discretion();
        }
        self.kind_trigger(kind).notify();
        let settled = self.settled_trigger(kind);
        browser::after_paint(move || settled.notify());
    }

    /// Re-runs the caller when a record of kind `T` changes, reading
    /// nothing: for a view that reads `T` inside [`AppState::settled`] but
    /// should follow changes to it at once.
    pub fn track<T: Record>(&self) {
        self.kind_trigger(T::KIND).track();
        self.everything.track();
    }

    /// Runs `f` (which reads records) untracked, and re-runs the view that
    /// calls this a frame after records of `kinds` change rather than in the
    /// task of the tap that changed them. For summaries further down a page
    /// (a chart, a count, a log): the tap's own answer (a tick, a line
    /// added) is on screen first, and no single task has to redraw it all.
    pub fn settled<R>(&self, kinds: &[&'static str], f: impl FnOnce() -> R) -> R {
        for kind in kinds {
            self.settled_trigger(kind).track();
        }
        self.everything.track();
        untrack(f)
    }

    /// Reads records of `kind` from the store; re-runs when a record of that
    /// kind changes (or everything may have).
    fn read_kind<R>(&self, kind: &'static str, f: impl FnOnce(&AppStore) -> R) -> R {
        self.kind_trigger(kind).track();
        self.everything.track();
        self.with_open(f)
    }

    fn write<R>(&self, f: impl FnOnce(&mut AppStore) -> R) -> R {
        self.store
            .try_update_value(|s| f(s.open_mut()))
            .expect("the store lives as long as the app")
    }

    /// Saves the profile.
    pub fn save_profile(&self, profile: Profile) {
        let result = self.write(|s| s.put(Profile::ID, &profile, time::now()));
        self.changed(Profile::KIND);
        // A profile from a newer version stays untouched in storage (the
        // shell says so); this answer still holds for this visit, so the
        // person is not asked the welcome question over and over.
        if matches!(result, Ok(()) | Err(StoreError::NewerVersionHere(_))) {
            self.profile.set(profile);
        }
        self.after_change();
    }

    /// Every record of kind `T`, newest save last by id order; re-runs when
    /// a record of kind `T` is saved.
    pub fn all<T: Record + Clone + 'static>(&self) -> Vec<(String, T, time::Timestamp)> {
        self.read_kind(T::KIND, |s| s.all::<T>())
    }

    /// Like [`AppState::all`], but shared rather than copied (the store
    /// keeps each kind's list until a record of that kind changes): for
    /// summaries that only look at the records.
    pub fn all_shared<T: Record + 'static>(&self) -> Typed<T> {
        self.read_kind(T::KIND, |s| s.all_shared::<T>())
    }

    /// The text of a small "add" field (a person's name, a new goal),
    /// kept as a draft while it is typed: read back when the page opens,
    /// saved a moment after each change (and on leaving, like every
    /// draft), forgotten when the field is emptied, as after adding.
    pub fn field_draft(&self, id: &'static str) -> RwSignal<String> {
        let app = *self;
        let kept = self.get_untracked::<FieldDraft>(id).map(|d| d.text);
        let text = RwSignal::new(kept.unwrap_or_default());
        let debounce = browser::Debounce::new();
        Effect::new(move |previous: Option<String>| {
            let now = text.get();
            if previous.is_some_and(|p| p != now) {
                let copy = now.clone();
                debounce.call(move || {
                    if copy.trim().is_empty() {
                        app.delete::<FieldDraft>(id);
                    } else {
                        let _ = app.save(id, &FieldDraft { text: copy });
                    }
                });
            }
            now
        });
        text
    }

    /// The record `T` with this id, without following changes.
    pub fn get_untracked<T: Record + 'static>(&self, id: &str) -> Option<T> {
        self.with_open(|s| s.get::<T>(id))
    }

    /// The record `T` with this id; re-runs when a record of kind `T` is saved.
    pub fn get<T: Record + 'static>(&self, id: &str) -> Option<T> {
        self.kind_trigger(T::KIND).track();
        self.everything.track();
        self.get_untracked(id)
    }

    /// Saves one record (an exercise entry, a draft...). A write the browser
    /// refuses is kept in memory and shown by the storage notice.
    pub fn save<T: Record>(&self, id: &str, record: &T) -> Result<(), StoreError> {
        let result = self.write(|s| s.put(id, record, time::now()));
        self.changed(T::KIND);
        self.after_change();
        result
    }

    /// Deletes one record and returns it, so the page can offer "Undo".
    pub fn delete<T: Record>(&self, id: &str) -> Option<T> {
        let removed = self.write(|s| {
            let record = s.get::<T>(id);
            s.delete::<T>(id);
            record
        });
        self.changed(T::KIND);
        self.after_change();
        removed
    }

    /// A backup of everything, made now.
    pub fn export(&self) -> backup::Backup {
        self.with_open(|s| s.export(time::now()))
    }

    /// Checks a backup file's text without changing anything.
    pub fn check_backup(&self, text: &str) -> Result<ValidBackup, ImportError> {
        backup::parse(text, time::now())
    }

    /// Imports a checked backup.
    pub fn import(
        &self,
        valid: ValidBackup,
        mode: ImportMode,
    ) -> Result<ImportSummary, StoreError> {
        let result = self.write(|s| s.import(valid, mode));
        self.reload_signals();
        result
    }

    /// Deletes everything Groundwork has kept.
    pub fn delete_everything(&self) -> Result<(), StoreError> {
        let result = self.write(|s| s.delete_everything());
        if self.locked_storage.get_untracked() {
            // The lock goes too: its parameters and every sealed entry.
            vault::wipe();
            self.store.set_value(Stage::Open(Self::plain_store()));
            self.locked_storage.set(false);
        }
        self.reload_signals();
        result
    }

    fn reload_signals(&self) {
        self.refresh_signals();
        self.after_change();
    }

    /// Every view of records re-runs, and the profile is read afresh.
    fn refresh_signals(&self) {
        let profile = self.with_open(|s| s.get::<Profile>(Profile::ID).unwrap_or_default());
        if self.profile.with_untracked(|p| *p != profile) {
            self.profile.set(profile);
        }
        if !self.profile_known.get_untracked() {
            self.profile_known.set(true);
        }
        self.refresh_discretion();
        self.everything.update(|n| *n += 1);
    }

    /// Reads the plain-name setting afresh; with the lock on, the lock
    /// screen goes by the same name.
    fn refresh_discretion(&self) {
        let discretion =
            self.with_open(|s| s.get::<Discretion>(Discretion::ID).unwrap_or_default());
        if self.discretion.get_untracked() != discretion {
            self.discretion.set(discretion);
            if self.locked_storage.get_untracked() {
                vault::set_plain_name(discretion.shown_name().map(NeutralName::id));
            }
        }
    }

    /// After a change: shows whether it reached storage, and after the
    /// first that did, asks the browser to keep storage.
    fn after_change(&self) {
        let health = self.show_health();
        if health == Health::Saved && !self.asked_persistence.get_value() {
            self.asked_persistence.set_value(true);
            browser::request_persistent_storage();
        }
    }

    fn show_health(&self) -> Health {
        let health = self.with_open(|s| s.health().clone());
        vault::set_unsaved(matches!(health, Health::Failing { .. }));
        self.health.set(health.clone());
        self.revision.update(|r| *r += 1);
        health
    }
}

/// The app state from context.
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
