//! "Your data": what is kept and where, backup download, restore with a
//! preview, and deleting everything.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::app::{use_app, AppState};
use crate::browser;
use crate::components::choice::{Choice, ChoiceList};
use crate::components::confirm::ConfirmedButton;
use crate::components::icons::{Icon, IconKind};
use crate::components::later::Later;
use crate::components::page_title::PageTitle;
use crate::content::{fill, human_size, Text};
use crate::domain::profile::Profile;
use crate::domain::Record;
use crate::store::backup::{self, ImportError, ImportMode, ValidBackup};
use crate::store::vault::{FormatError, ProtectedBackup};
use crate::store::{BackendError, StoreError};

/// Where a restore is up to.
#[derive(Clone, Debug)]
enum Restore {
    Idle,
    Reading,
    Preview(ValidBackup),
    /// A file protected with a passphrase, waiting for it.
    Protected(ProtectedBackup),
    Failed(String),
    Done(String),
}

fn import_error_text(t: &'static Text, e: &ImportError) -> String {
    match e {
        ImportError::TooLarge { bytes } => fill(
            t.data().import_error_too_large,
            &[("size", &human_size(*bytes))],
        ),
        ImportError::NotJson(_) => t.data().import_error_not_json.into(),
        ImportError::NotABackup => t.data().import_error_not_backup.into(),
        ImportError::NewerFormat { .. } => t.data().import_error_newer.into(),
        ImportError::WrongShape(d) => fill(t.data().import_error_wrong_shape, &[("detail", d)]),
        ImportError::BadRecord { key, problem } => fill(
            t.data().import_error_bad_record,
            &[("detail", &format!("{key}: {problem}"))],
        ),
        ImportError::Duplicate(_) => t.data().import_error_duplicate.into(),
    }
}

fn write_error_detail(e: &StoreError) -> String {
    match e {
        StoreError::Write(BackendError::Full) => "storage is full".into(),
        StoreError::Write(BackendError::Unavailable) => "storage is switched off".into(),
        StoreError::Write(BackendError::Other(d)) => d.clone(),
        StoreError::NewerVersionHere(k) => format!("{k} belongs to a newer version"),
        StoreError::BadKey(k) => format!("{k} is not a valid name"),
    }
}

/// The data page.
#[component]
pub fn DataPage() -> impl IntoView {
    let t = use_app().text;
    view! {
        <section class="page data" aria-labelledby="data-title">
            <PageTitle id="data-title" text=t.data().title.to_string()/>
            <p class="lead">{t.data().intro}</p>
            <StoredSummary/>
            <Later>
                <ExportCard/>
            </Later>
            <Later>
                <crate::pages::keep_safe::KeepSafeCard/>
                <crate::pages::discretion::DiscretionCard/>
            </Later>
            <Later>
                <crate::pages::vault::VaultCard/>
            </Later>
            <Later>
                <RestoreCard/>
            </Later>
            <Later>
                <DeleteCard/>
            </Later>
        </section>
    }
}

#[component]
fn StoredSummary() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let lines = move || {
        app.read(|s| {
            let mut lines = Vec::new();
            let counts = s.counts();
            if counts.contains_key(Profile::KIND) {
                lines.push(t.data().stored_profile.to_string());
            }
            let others: usize = counts
                .iter()
                .filter(|(k, _)| k.as_str() != Profile::KIND)
                .map(|(_, n)| n)
                .sum();
            if others > 0 {
                lines.push(fill(
                    t.data().stored_other,
                    &[("count", &others.to_string())],
                ));
            }
            let replaced = s
                .set_aside()
                .iter()
                .filter(|a| a.reason == crate::store::REPLACED_ELSEWHERE)
                .count();
            let unreadable = s.set_aside().len() - replaced;
            if unreadable > 0 {
                let n = unreadable.to_string();
                lines.push(fill(t.data().stored_aside, &[("count", &n)]));
            }
            if replaced > 0 {
                let n = replaced.to_string();
                lines.push(fill(t.data().stored_replaced, &[("count", &n)]));
            }
            if s.newer_count() > 0 {
                let n = s.newer_count().to_string();
                lines.push(fill(t.data().stored_newer, &[("count", &n)]));
            }
            let size = (!s.is_empty()).then(|| {
                fill(
                    t.data().stored_size,
                    &[("size", &human_size(s.bytes_used()))],
                )
            });
            (lines, size)
        })
    };
    view! {
        <div class="card">
            <h2>{t.data().stored_heading}</h2>
            {move || {
                let (lines, size) = lines();
                if lines.is_empty() {
                    view! { <p>{t.data().stored_empty}</p> }.into_any()
                } else {
                    view! {
                        <ul class="stored">
                            {lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                        </ul>
                        {size.map(|s| view! { <p class="small">{s}</p> })}
                    }
                        .into_any()
                }
            }}
            <p class="small">{t.data().stored_where_note}</p>
        </div>
    }
}

#[component]
fn ExportCard() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let message = RwSignal::new(None::<String>);
    let protect = RwSignal::new(false);
    let passphrase = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let export = move |_| {
        if !protect.get_untracked() {
            match crate::pages::keep_safe::download_backup(app) {
                Ok(name) => message.set(Some(fill(t.data().export_done, &[("file", &name)]))),
                Err(e) => message.set(Some(e)),
            }
            return;
        }
        let typed = passphrase.get_untracked();
        if let Some(problem) =
            crate::pages::vault::protect_problem(t, &typed, &again.get_untracked())
        {
            message.set(Some(problem.into()));
            return;
        }
        busy.set(true);
        message.set(Some(t.vault().backup_protecting.into()));
        spawn_local(async move {
            let result = crate::pages::keep_safe::download_protected_backup(app, &typed).await;
            busy.set(false);
            match result {
                Ok(name) => {
                    passphrase.set(String::new());
                    again.set(String::new());
                    message.set(Some(fill(t.data().export_done, &[("file", &name)])));
                }
                Err(e) => message.set(Some(e)),
            }
        });
    };
    view! {
        <div class="card">
            <h2>{t.data().export_heading}</h2>
            <p>{t.data().export_body}</p>
            <crate::pages::vault::ProtectBackupFields protect passphrase again/>
            <button type="button" class="button" on:click=export prop:disabled=move || busy.get()>
                <Icon kind=IconKind::Download/>
                <span>{t.data().export_button}</span>
            </button>
            <p class="status" role="status">{move || message.get()}</p>
        </div>
    }
}

/// The next step for a backup file's text: its preview, or why not.
fn checked(app: AppState, text: &str) -> Restore {
    match app.check_backup(text) {
        Ok(valid) => Restore::Preview(valid),
        Err(e) => Restore::Failed(import_error_text(app.text, &e)),
    }
}

#[component]
fn RestoreCard() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let stage = RwSignal::new(Restore::Idle);
    let mode = RwSignal::new(Some("merge"));
    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        // Let the same file be chosen again after a cancel.
        input.set_value("");
        let size = file.size() as usize;
        if size > backup::MAX_BYTES {
            let e = ImportError::TooLarge { bytes: size };
            stage.set(Restore::Failed(import_error_text(t, &e)));
            return;
        }
        stage.set(Restore::Reading);
        spawn_local(async move {
            let next = match browser::read_text(&file).await {
                Err(_) => Restore::Failed(t.data().import_error_unreadable.into()),
                Ok(text) => match ProtectedBackup::detect(&text) {
                    Ok(Some(file)) => Restore::Protected(file),
                    Ok(None) => checked(app, &text),
                    Err(FormatError::Newer(_)) => Restore::Failed(t.vault().backup_newer.into()),
                    Err(_) => Restore::Failed(t.vault().backup_damaged.into()),
                },
            };
            stage.set(next);
        });
    };
    let opened = Callback::new(move |text: String| stage.set(checked(app, &text)));
    view! {
        <div class="card">
            <h2>{t.data().import_heading}</h2>
            <p>{t.data().import_body}</p>
            <label class="file">
                <Icon kind=IconKind::Upload/>
                <span>{t.data().import_choose}</span>
                <input
                    type="file"
                    accept=".json,application/json"
                    on:click=move |_| browser::vault::expect_file_chooser()
                    on:change=on_file
                />
            </label>
            {move || match stage.get() {
                Restore::Idle => ().into_any(),
                Restore::Reading => view! { <p role="status">{t.data().import_reading}</p> }.into_any(),
                Restore::Failed(message) => {
                    view! { <p class="error" role="alert">{message}</p> }.into_any()
                }
                Restore::Done(message) => view! { <p class="success" role="status">{message}</p> }.into_any(),
                Restore::Preview(valid) => view! { <RestorePreview valid stage mode app/> }.into_any(),
                Restore::Protected(file) => {
                    view! { <crate::pages::vault::OpenProtectedBackup file opened/> }.into_any()
                }
            }}
        </div>
    }
}

#[component]
fn RestorePreview(
    valid: ValidBackup,
    stage: RwSignal<Restore>,
    mode: RwSignal<Option<&'static str>>,
    app: AppState,
) -> impl IntoView {
    let t = app.text;
    let made = fill(
        t.data().import_preview_made,
        &[(
            "date",
            &valid.exported_at.format("%-d %B %Y, %H:%M").to_string(),
        )],
    );
    let count = fill(
        t.data().import_preview_count,
        &[("count", &valid.docs.len().to_string())],
    );
    let aside = (!valid.set_aside.is_empty()).then(|| {
        fill(
            t.data().import_preview_aside,
            &[("count", &valid.set_aside.len().to_string())],
        )
    });
    let valid = StoredValue::new(valid);
    let restore = move |_| {
        let chosen = if mode.get_untracked() == Some("replace") {
            ImportMode::Replace
        } else {
            ImportMode::Merge
        };
        let next = match app.import(valid.get_value(), chosen) {
            Ok(s) => Restore::Done(fill(
                t.data().import_done,
                &[
                    ("added", &s.added.to_string()),
                    ("updated", &s.updated.to_string()),
                    ("kept", &s.kept.to_string()),
                    ("removed", &s.removed.to_string()),
                ],
            )),
            Err(e) => Restore::Failed(fill(
                t.data().import_failed,
                &[("detail", &write_error_detail(&e))],
            )),
        };
        stage.set(next);
    };
    view! {
        <div class="preview" role="group" aria-labelledby="preview-title">
            <h3 id="preview-title">{t.data().import_preview_heading}</h3>
            <ul>
                <li>{made}</li>
                <li>{count}</li>
                {aside.map(|a| view! { <li>{a}</li> })}
            </ul>
            <ChoiceList
                name="restore-mode"
                legend=t.data().import_mode_legend
                choices=vec![
                    Choice { id: "merge", label: t.data().import_merge },
                    Choice { id: "replace", label: t.data().import_replace },
                ]
                selected=mode
            />
            <div class="actions">
                <button type="button" class="button" on:click=restore>{t.data().import_confirm}</button>
                <button
                    type="button"
                    class="button secondary"
                    on:click=move |_| stage.set(Restore::Done(t.data().import_cancelled.into()))
                >
                    {t.data().import_cancel}
                </button>
            </div>
        </div>
    }
}

#[component]
fn DeleteCard() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let message = RwSignal::new(None::<String>);
    let confirm = Callback::new(move |()| {
        let text = match app.delete_everything() {
            Ok(()) => t.data().delete_done.to_string(),
            Err(e) => write_error_detail(&e),
        };
        message.set(Some(text));
    });
    view! {
        <div class="card danger-zone">
            <h2>{t.data().delete_heading}</h2>
            <p>{t.data().delete_body}</p>
            <ConfirmedButton
                label=t.data().delete_button
                title=t.data().delete_confirm_title
                body=t.data().delete_confirm_body
                confirm_label=t.data().delete_confirm
                cancel_label=t.data().delete_cancel
                on_confirm=confirm
                on_open=Callback::new(move |()| message.set(None))
            />
            <p class="status" role="status">{move || message.get()}</p>
        </div>
    }
}
