//! The passphrase lock: the lock screen shown before anything else when the
//! lock is on, the card on the data page that turns it on, changes and
//! turns it off, and the pieces of the backup cards that protect a file
//! with a passphrase. The crypto is `browser::vault`; the format and rules
//! `store::vault`.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::app::{use_app, AppState};
use crate::browser::vault;
use crate::components::choice::{Choice, ChoiceList};
use crate::components::confirm::ConfirmedButton;
use crate::components::icons::{Icon, IconKind};
use crate::content::{fill, Text};
use crate::domain::discretion::NeutralName;
use crate::pages::discretion::{neutral_name, QuickExitButton};
use crate::pages::help::HelpBody;
use crate::store::peek::lock_plain_name;
use crate::store::vault::{
    check_new_passphrase, PassphraseProblem, VaultError, LOCK_AFTER_CHOICES,
};
use crate::store::BackendError;

/// What the person is told when the lock could not be changed.
fn lock_error_text(t: &'static Text, e: &VaultError) -> String {
    match e {
        VaultError::Wrong => t.vault().card_wrong.into(),
        VaultError::Write(BackendError::Full) => t.vault().card_full.into(),
        VaultError::Write(BackendError::Unavailable) => t.vault().card_not_saving.into(),
        VaultError::Write(BackendError::Other(d)) => fill(t.vault().card_failed, &[("detail", d)]),
        VaultError::Unusable(e) => fill(t.vault().card_failed, &[("detail", &format!("{e:?}"))]),
    }
}

fn passphrase_problem_text(t: &'static Text, p: PassphraseProblem) -> &'static str {
    match p {
        PassphraseProblem::TooShort => t.vault().card_too_short,
        PassphraseProblem::Different => t.vault().card_different,
    }
}

/// A feedback line: `Ok` is news, `Err` a problem (read out at once).
type Feedback = RwSignal<Option<Result<String, String>>>;

#[component]
fn FeedbackLine(feedback: Feedback) -> impl IntoView {
    move || match feedback.get() {
        None => view! { <p class="status" role="status"></p> }.into_any(),
        Some(Ok(m)) => view! { <p class="status success" role="status">{m}</p> }.into_any(),
        Some(Err(m)) => view! { <p class="error" role="alert">{m}</p> }.into_any(),
    }
}

/// A labelled passphrase field. `id` must be unique on the page.
#[component]
fn PassphraseField(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(default = "current-password")] autocomplete: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] shown: Option<RwSignal<bool>>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let described = hint.map(|_| hint_id.clone());
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            <input
                id=id
                type=move || if shown.is_some_and(|s| s.get()) { "text" } else { "password" }
                autocomplete=autocomplete
                autocapitalize="off"
                spellcheck="false"
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
}

/// The screen shown instead of the app while the lock is on, from the
/// stored lock parameters' text (`lock`). On the right passphrase it opens
/// the store and hands the app to `opened`.
#[component]
pub fn LockScreen(text: &'static Text, lock: String, opened: Callback<AppState>) -> impl IntoView {
    let t = text;
    let passphrase = RwSignal::new(String::new());
    let shown = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let feedback: Feedback = RwSignal::new(None);
    let plain = lock_plain_name(&lock)
        .as_deref()
        .and_then(NeutralName::from_id);
    // Parameters this build cannot use are found by reading them whole,
    // with the code that unlocks (fetched now, see `app::history`).
    let unusable = RwSignal::new(None::<String>);
    spawn_local(async move {
        if let Ok(Some(detail)) = crate::app::history::lock_problem().await {
            let _ = unusable.try_set(Some(detail));
        }
    });
    crate::browser::privacy::set_title(plain.map_or(t.app().name, |n| neutral_name(t, n)));
    crate::browser::privacy::use_neutral_manifest(plain.is_some());
    let unlock = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let typed = passphrase.get_untracked();
        if typed.is_empty() {
            feedback.set(Some(Err(t.vault().lock_screen_empty.into())));
            return;
        }
        busy.set(true);
        feedback.set(Some(Ok(t.vault().lock_screen_unlocking.into())));
        spawn_local(async move {
            // The checking and the reading are fetched on first use (see
            // `app::history`).
            let unlocked = match crate::app::history::unlock(t, typed).await {
                Ok(unlocking) => unlocking.await,
                Err(_) => {
                    busy.set(false);
                    feedback.set(Some(Err(t.app().history_load_not_saved.into())));
                    return;
                }
            };
            match unlocked {
                Ok(app) => {
                    passphrase.set(String::new());
                    opened.run(app);
                }
                Err(VaultError::Wrong) => {
                    busy.set(false);
                    feedback.set(Some(Err(t.vault().lock_screen_wrong.into())));
                }
                // The lock was turned off in another tab meanwhile: open.
                Err(VaultError::Unusable(_)) if vault::lock_text().is_none() => {
                    crate::browser::reload();
                }
                Err(e) => {
                    busy.set(false);
                    let detail = format!("{e:?}");
                    feedback.set(Some(Err(fill(
                        t.vault().lock_screen_broken,
                        &[("detail", &detail)],
                    ))));
                }
            }
        });
    };
    // Start again from the welcome on the home screen.
    let wipe = Callback::new(move |_| {
        vault::wipe();
        crate::browser::leave_for(&crate::app::href("/"));
    });
    let brand = match plain {
        Some(n) => view! {
            <Icon kind=IconKind::Notebook/>
            <span class="brand-name">{neutral_name(t, n)}</span>
        }
        .into_any(),
        None => view! {
            <Icon kind=IconKind::Logo/>
            <span class="brand-name">{t.app().name}</span>
        }
        .into_any(),
    };
    let form = move || {
        match unusable.get() {
        Some(detail) => view! {
            <p class="error" role="alert">{fill(t.vault().lock_screen_unusable, &[("detail", &detail)])}</p>
        }
        .into_any(),
        None => view! {
            <form class="card lock-form" on:submit=unlock novalidate>
                <PassphraseField id="lock-passphrase" label=t.vault().lock_screen_passphrase value=passphrase shown/>
                <label class="choice">
                    <input type="checkbox" on:change=move |ev| shown.set(event_target_checked(&ev))/>
                    <span>{t.vault().lock_screen_show}</span>
                </label>
                <button type="submit" class="button" prop:disabled=move || busy.get()>
                    <Icon kind=IconKind::Shield/>
                    <span>{t.vault().lock_screen_unlock}</span>
                </button>
                <FeedbackLine feedback/>
            </form>
        }
        .into_any(),
    }
    };
    view! {
        <a class="skip-link" href="#main">{t.app().skip_link}</a>
        <header class="app-header">
            <span class="brand">{brand}</span>
            <QuickExitButton text=t/>
            <a href="#lock-help" class="crisis-button" aria-label=t.app().crisis_button_label>
                <Icon kind=IconKind::Lifebuoy/>
                <span>{t.app().crisis_button}</span>
            </a>
        </header>
        <main id="main" tabindex="-1" class="locked">
            <section class="page lock-screen" aria-labelledby="lock-title">
                <h1 id="lock-title">{t.vault().lock_screen_title}</h1>
                <p class="lead">{t.vault().lock_screen_body}</p>
                {form}
                <details class="card forgot">
                    <summary>{t.vault().lock_screen_forgot_heading}</summary>
                    <p>{t.vault().lock_screen_forgot_body}</p>
                    <ConfirmedButton
                        label=t.vault().lock_screen_forgot_button
                        title=t.vault().lock_screen_forgot_confirm_title
                        body=t.vault().lock_screen_forgot_confirm_body
                        confirm_label=t.vault().lock_screen_forgot_confirm
                        cancel_label=t.vault().lock_screen_forgot_cancel
                        on_confirm=wipe
                    />
                </details>
                <section id="lock-help" class="lock-help" aria-labelledby="lock-help-title" tabindex="-1">
                    <h2 id="lock-help-title">{t.vault().lock_screen_help_heading}</h2>
                    <HelpBody text=t/>
                </section>
            </section>
        </main>
    }
}

/// "Lock with a passphrase" on the data page.
#[component]
pub fn VaultCard() -> impl IntoView {
    let app = use_app();
    // Shared, so that the card that replaces the other says what happened.
    let feedback: Feedback = RwSignal::new(None);
    move || {
        if app.locked_storage.get() {
            view! { <LockOnCard feedback/> }.into_any()
        } else {
            view! { <LockOffCard feedback/> }.into_any()
        }
    }
}

#[component]
fn LockOffCard(feedback: Feedback) -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let first = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let understood = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let backup = move |_| {
        feedback.set(Some(match crate::pages::keep_safe::download_backup(app) {
            Ok(name) => Ok(fill(t.data().export_done, &[("file", &name)])),
            Err(e) => Err(e),
        }));
    };
    let turn_on = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let passphrase = first.get_untracked();
        if let Err(p) = check_new_passphrase(&passphrase, &again.get_untracked()) {
            feedback.set(Some(Err(passphrase_problem_text(t, p).into())));
            return;
        }
        if !understood.get_untracked() {
            feedback.set(Some(Err(t.vault().card_not_understood.into())));
            return;
        }
        busy.set(true);
        feedback.set(Some(Ok(t.vault().card_turning_on.into())));
        spawn_local(async move {
            let result = app.turn_lock_on(&passphrase).await;
            busy.set(false);
            match result {
                // The "on" card replaces this one and says so.
                Ok(()) => feedback.set(Some(Ok(t.vault().card_on_done.into()))),
                Err(e) => feedback.set(Some(Err(lock_error_text(t, &e)))),
            }
        });
    };
    view! {
        <div class="card vault-card">
            <h2>{t.vault().card_heading}</h2>
            <p>{t.vault().card_intro}</p>
            <p class="warning"><strong>{t.vault().card_warning}</strong></p>
            <button type="button" class="button secondary" on:click=backup>
                <Icon kind=IconKind::Download/>
                <span>{t.vault().card_backup_first}</span>
            </button>
            <form class="vault-form" on:submit=turn_on novalidate>
                <PassphraseField
                    id="vault-new"
                    label=t.vault().card_new_passphrase
                    value=first
                    autocomplete="new-password"
                    hint=t.vault().card_new_hint
                />
                <PassphraseField id="vault-again" label=t.vault().card_again value=again autocomplete="new-password"/>
                <label class="choice">
                    <input
                        type="checkbox"
                        prop:checked=move || understood.get()
                        on:change=move |ev| understood.set(event_target_checked(&ev))
                    />
                    <span>{t.vault().card_understand}</span>
                </label>
                <button type="submit" class="button" prop:disabled=move || busy.get()>
                    <Icon kind=IconKind::Shield/>
                    <span>{t.vault().card_turn_on}</span>
                </button>
            </form>
            <FeedbackLine feedback/>
        </div>
    }
}

fn minutes_label(t: &'static Text, minutes: u32) -> &'static str {
    match minutes {
        1 => t.vault().card_minutes_1,
        5 => t.vault().card_minutes_5,
        15 => t.vault().card_minutes_15,
        _ => t.vault().card_minutes_30,
    }
}

#[component]
fn LockOnCard(feedback: Feedback) -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let meta = vault::meta();
    let unreadable = vault::unreadable();
    let ids: Vec<&'static str> = vec!["1", "5", "15", "30"];
    let start = meta.as_ref().map_or(5, |m| m.lock_after_minutes);
    let chosen = RwSignal::new(ids.iter().copied().find(|id| *id == start.to_string()));
    Effect::new(move |first: Option<()>| {
        let Some(id) = chosen.get() else { return };
        if first.is_some() {
            let minutes: u32 = id.parse().unwrap_or(5);
            if let Err(e) = vault::set_lock_after(minutes) {
                feedback.set(Some(Err(lock_error_text(t, &VaultError::Write(e)))));
            }
        }
    });
    let choices = LOCK_AFTER_CHOICES
        .iter()
        .zip(ids.iter())
        .map(|(m, id)| Choice {
            id,
            label: minutes_label(t, *m),
        })
        .collect::<Vec<_>>();
    let lock_now = move |_| {
        if !vault::lock() {
            feedback.set(Some(Err(t.vault().card_cannot_lock.into())));
        }
    };

    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let change = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let next = new.get_untracked();
        if let Err(p) = check_new_passphrase(&next, &again.get_untracked()) {
            feedback.set(Some(Err(passphrase_problem_text(t, p).into())));
            return;
        }
        let old = current.get_untracked();
        busy.set(true);
        feedback.set(Some(Ok(t.vault().card_changing.into())));
        spawn_local(async move {
            let result = app.change_passphrase(&old, &next).await;
            busy.set(false);
            feedback.set(Some(match result {
                Ok(()) => {
                    for s in [current, new, again] {
                        s.set(String::new());
                    }
                    Ok(t.vault().card_changed.into())
                }
                Err(e) => Err(lock_error_text(t, &e)),
            }));
        });
    };

    let off_passphrase = RwSignal::new(String::new());
    let turn_off = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let typed = off_passphrase.get_untracked();
        busy.set(true);
        feedback.set(Some(Ok(t.vault().card_turning_off.into())));
        spawn_local(async move {
            let result = app.turn_lock_off(&typed).await;
            busy.set(false);
            feedback.set(Some(match result {
                // The "off" card replaces this one.
                Ok(()) => Ok(t.vault().card_off_done.into()),
                Err(e) => Err(lock_error_text(t, &e)),
            }));
        });
    };

    view! {
        <div class="card vault-card on">
            <h2>{t.vault().card_on_heading}</h2>
            <p>{t.vault().card_on_body}</p>
            {(unreadable > 0).then(|| view! {
                <p class="warning">{fill(t.vault().card_unreadable, &[("count", &unreadable.to_string())])}</p>
            })}
            <ChoiceList name="lock-after" legend=t.vault().card_lock_after_legend choices selected=chosen/>
            <button type="button" class="button secondary" on:click=lock_now>
                <Icon kind=IconKind::Shield/>
                <span>{t.vault().card_lock_now}</span>
            </button>
            <FeedbackLine feedback/>
            <details>
                <summary>{t.vault().card_change_heading}</summary>
                <form class="vault-form" on:submit=change novalidate>
                    <PassphraseField id="vault-current" label=t.vault().card_current value=current/>
                    <PassphraseField
                        id="vault-change-new"
                        label=t.vault().card_new_passphrase
                        value=new
                        autocomplete="new-password"
                        hint=t.vault().card_new_hint
                    />
                    <PassphraseField
                        id="vault-change-again"
                        label=t.vault().card_again
                        value=again
                        autocomplete="new-password"
                    />
                    <button type="submit" class="button" prop:disabled=move || busy.get()>
                        {t.vault().card_change_button}
                    </button>
                </form>
            </details>
            <details>
                <summary>{t.vault().card_off_heading}</summary>
                <form class="vault-form" on:submit=turn_off novalidate>
                    <p>{t.vault().card_off_body}</p>
                    <PassphraseField id="vault-off" label=t.vault().card_current value=off_passphrase/>
                    <button type="submit" class="button secondary" prop:disabled=move || busy.get()>
                        {t.vault().card_off_button}
                    </button>
                </form>
            </details>
        </div>
    }
}

/// The export card's option to protect the file with a passphrase.
/// `protect` says whether it is ticked; the passphrase fields only show
/// then.
#[component]
pub fn ProtectBackupFields(
    protect: RwSignal<bool>,
    passphrase: RwSignal<String>,
    again: RwSignal<String>,
) -> impl IntoView {
    let t = use_app().text;
    view! {
        <label class="choice">
            <input
                type="checkbox"
                prop:checked=move || protect.get()
                on:change=move |ev| protect.set(event_target_checked(&ev))
                aria-describedby="protect-hint"
            />
            <span>{t.vault().backup_protect}</span>
        </label>
        <p class="hint" id="protect-hint">{t.vault().backup_protect_hint}</p>
        <Show when=move || protect.get()>
            <PassphraseField
                id="backup-passphrase"
                label=t.vault().backup_passphrase
                value=passphrase
                autocomplete="new-password"
                hint=t.vault().card_new_hint
            />
            <PassphraseField id="backup-again" label=t.vault().card_again value=again autocomplete="new-password"/>
        </Show>
    }
}

/// Checks the passphrase a protected backup gets; the text to show when
/// it is not acceptable.
pub fn protect_problem(t: &'static Text, passphrase: &str, again: &str) -> Option<&'static str> {
    check_new_passphrase(passphrase, again)
        .err()
        .map(|p| passphrase_problem_text(t, p))
}

/// The restore card's step for a protected file: asks for its passphrase
/// and calls `opened` with the backup's text.
#[component]
pub fn OpenProtectedBackup(
    file: crate::store::vault::ProtectedBackup,
    opened: Callback<String>,
) -> impl IntoView {
    let t = use_app().text;
    let passphrase = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let feedback: Feedback = RwSignal::new(None);
    let file = StoredValue::new(file);
    let open = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let typed = passphrase.get_untracked();
        busy.set(true);
        feedback.set(Some(Ok(t.vault().backup_opening.into())));
        spawn_local(async move {
            let result = vault::open_backup(&typed, &file.get_value()).await;
            busy.set(false);
            match result {
                Ok(text) => {
                    feedback.set(None);
                    opened.run(text);
                }
                Err(VaultError::Wrong) => feedback.set(Some(Err(t.vault().backup_wrong.into()))),
                Err(_) => feedback.set(Some(Err(t.vault().backup_damaged.into()))),
            }
        });
    };
    view! {
        <form class="vault-form" on:submit=open novalidate>
            <p>{t.vault().backup_needs_passphrase}</p>
            <PassphraseField id="restore-passphrase" label=t.vault().backup_file_passphrase value=passphrase/>
            <button type="submit" class="button" prop:disabled=move || busy.get()>
                {t.vault().backup_open}
            </button>
            <FeedbackLine feedback/>
        </form>
    }
}
