//! Keeping data safe: the data page's card (persistent storage, installing,
//! Safari on iOS, private windows, the backup reminder's interval) and the
//! gentle home card when a backup is due.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::app::{href, use_app, AppState};
use crate::browser::{self, privacy};
use crate::components::choice::{Choice, ChoiceList};
use crate::components::icons::{Icon, IconKind};
use crate::content::fill;
use crate::domain::backup_reminder::{is_ios_safari, BackupReminder, INTERVALS};
use crate::domain::time;

/// Downloads a backup of everything and remembers when, for the reminder.
/// Returns the file's name.
pub fn download_backup(app: AppState) -> Result<String, String> {
    let backup = app.export();
    let name = backup.file_name();
    browser::download(&name, &backup.to_json(), "application/json")
        .map_err(|e| format!("{e:?}"))?;
    backup_made(app);
    Ok(name)
}

/// Downloads a backup sealed with `passphrase` (see `browser::vault`).
pub async fn download_protected_backup(app: AppState, passphrase: &str) -> Result<String, String> {
    let backup = app.export();
    let name = backup.file_name().replace(".json", "-protected.json");
    let sealed = browser::vault::protect_backup(passphrase, &backup.to_json())
        .await
        .map_err(|e| format!("{e:?}"))?;
    browser::download(&name, &sealed, "application/json").map_err(|e| format!("{e:?}"))?;
    backup_made(app);
    Ok(name)
}

/// Counts a downloaded backup for the backup reminder.
fn backup_made(app: AppState) {
    let mut reminder = app
        .get::<BackupReminder>(BackupReminder::ID)
        .unwrap_or_default();
    reminder.exported(time::now());
    let _ = app.save(BackupReminder::ID, &reminder);
}

fn on_ios_safari() -> bool {
    is_ios_safari(&privacy::user_agent(), privacy::touch_screen())
}

/// What the browser said about keeping the data.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Persisted {
    Checking,
    Yes,
    No,
    AskedNo,
    Unknown,
}

/// "Keeping your data safe" on the data page.
#[component]
pub fn KeepSafeCard() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let persisted = RwSignal::new(Persisted::Checking);
    spawn_local(async move {
        let state = match privacy::storage_is_persistent().await {
            Some(true) => Persisted::Yes,
            Some(false) => Persisted::No,
            None => Persisted::Unknown,
        };
        persisted.try_set(state);
    });
    let ask = move |_| {
        spawn_local(async move {
            let state = match privacy::ask_for_persistent_storage().await {
                Some(true) => Persisted::Yes,
                Some(false) => Persisted::AskedNo,
                None => Persisted::Unknown,
            };
            persisted.try_set(state);
        });
    };
    let installed_at_start = privacy::runs_installed();
    let installed = move || installed_at_start || privacy::installed_this_visit();
    let install = move |_| {
        spawn_local(async move {
            privacy::show_install_dialog().await;
        });
    };
    let ios = on_ios_safari() && !installed_at_start;
    view! {
        <div class="card keep-safe" id="keep-safe">
            <h2>{t.keep_safe().card_heading}</h2>
            <p>{t.keep_safe().card_intro}</p>
            <h3>{t.keep_safe().card_storage_heading}</h3>
            <p role="status" class="keep-safe-state">
                {move || match persisted.get() {
                    Persisted::Checking => t.keep_safe().card_checking,
                    Persisted::Yes => t.keep_safe().card_persisted_yes,
                    Persisted::No => t.keep_safe().card_persisted_no,
                    Persisted::AskedNo => t.keep_safe().card_asked_no,
                    Persisted::Unknown => t.keep_safe().card_persisted_unknown,
                }}
            </p>
            <Show when=move || matches!(persisted.get(), Persisted::No | Persisted::AskedNo)>
                <button type="button" class="button secondary" on:click=ask>
                    {t.keep_safe().card_ask_again}
                </button>
            </Show>
            <h3>{t.keep_safe().card_install_heading}</h3>
            <p>
                {move || {
                    if privacy::installed_this_visit() {
                        t.keep_safe().card_installed_now
                    } else if installed() {
                        t.keep_safe().card_installed_yes
                    } else {
                        t.keep_safe().card_installed_no
                    }
                }}
            </p>
            <Show when=move || privacy::install_offer_waiting() && !installed()>
                <button type="button" class="button" on:click=install>
                    <Icon kind=IconKind::Download/>
                    <span>{t.keep_safe().card_install_button}</span>
                </button>
            </Show>
            {ios
                .then(|| {
                    view! {
                        <div class="ios-steps">
                            <h3>{t.keep_safe().card_ios_heading}</h3>
                            <p>{t.keep_safe().card_ios_body}</p>
                        </div>
                    }
                })}
            <p class="small">{t.keep_safe().card_private_note}</p>
            <ReminderChoice/>
        </div>
    }
}

/// The reminder interval and when the last backup was made.
#[component]
fn ReminderChoice() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let reminder = move || {
        app.get::<BackupReminder>(BackupReminder::ID)
            .unwrap_or_default()
    };
    let id_of = |weeks: u8| match weeks {
        2 => "2",
        4 => "4",
        8 => "8",
        _ => "never",
    };
    let chosen = RwSignal::new(Some(id_of(reminder().every_weeks)));
    Effect::new(move |first: Option<()>| {
        let id = chosen.get();
        if first.is_some() {
            let weeks = INTERVALS
                .into_iter()
                .find(|w| Some(id_of(*w)) == id)
                .unwrap_or_default();
            // Untracked: a save elsewhere must not re-run this and undo it.
            let mut r =
                untrack(|| app.get::<BackupReminder>(BackupReminder::ID)).unwrap_or_default();
            if r.every_weeks != weeks {
                r.every_weeks = weeks;
                let _ = app.save(BackupReminder::ID, &r);
            }
        }
    });
    let label = move |weeks: u8| match weeks {
        2 => t.keep_safe().reminder_every_2,
        4 => t.keep_safe().reminder_every_4,
        8 => t.keep_safe().reminder_every_8,
        _ => t.keep_safe().reminder_never,
    };
    let choices = INTERVALS
        .into_iter()
        .map(|w| Choice {
            id: id_of(w),
            label: label(w),
        })
        .collect::<Vec<_>>();
    let last = move || {
        reminder().last_export.map_or_else(
            || t.keep_safe().reminder_last_never.to_string(),
            |at| {
                fill(
                    t.keep_safe().reminder_last,
                    &[("date", &at.format("%-d %B %Y").to_string())],
                )
            },
        )
    };
    view! {
        <h3>{t.keep_safe().reminder_heading}</h3>
        <p class="last-backup">{last}</p>
        <ChoiceList name="backup-reminder" legend=t.keep_safe().reminder_legend choices selected=chosen/>
    }
}

/// The home card: a gentle backup reminder when one is due, or else (on
/// Safari for iOS, not installed) a short hint about the Home Screen.
/// Renders nothing when there is nothing to say.
#[component]
pub fn KeepSafeHomeCard() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let now = time::now();
    let done = RwSignal::new(None::<String>);
    let due = move || {
        let first_use = app.profile.with(|p| p.welcomed_at);
        app.get::<BackupReminder>(BackupReminder::ID)
            .unwrap_or_default()
            .is_due(first_use, now)
    };
    let download = move |_| match download_backup(app) {
        Ok(file) => done.set(Some(fill(t.keep_safe().home_done, &[("file", &file)]))),
        Err(e) => done.set(Some(e)),
    };
    let not_now = move |_| {
        let mut r = app
            .get::<BackupReminder>(BackupReminder::ID)
            .unwrap_or_default();
        r.not_now(time::now());
        let _ = app.save(BackupReminder::ID, &r);
    };
    let ios_hint = on_ios_safari() && !privacy::runs_installed();
    view! {
        {move || {
            if let Some(message) = done.get() {
                view! {
                    <div class="card backup-due">
                        <p role="status">{message}</p>
                    </div>
                }
                    .into_any()
            } else if due() {
                view! {
                    <section class="card backup-due" aria-labelledby="backup-due-title">
                        <h2 id="backup-due-title">{t.keep_safe().home_heading}</h2>
                        <p>{t.keep_safe().home_body}</p>
                        <div class="actions">
                            <button type="button" class="button" on:click=download>
                                <Icon kind=IconKind::Download/>
                                <span>{t.keep_safe().home_download}</span>
                            </button>
                            <button type="button" class="button secondary" on:click=not_now>
                                {t.keep_safe().home_not_now}
                            </button>
                        </div>
                    </section>
                }
                    .into_any()
            } else if ios_hint {
                view! {
                    <p class="card ios-hint">
                        <span>{t.keep_safe().home_ios_hint}</span>
                        " "
                        <a href=format!("{}#keep-safe", href("/data"))>{t.keep_safe().home_ios_link}</a>
                    </p>
                }
                    .into_any()
            } else {
                ().into_any()
            }
        }}
    }
}
