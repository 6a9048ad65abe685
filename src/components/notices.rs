//! Notices shown above every page: storage problems and a waiting update.

use leptos::prelude::*;
use web_sys::ServiceWorker;

use crate::app::use_app;
use crate::browser;
use crate::content::fill;
use crate::store::{BackendError, Health, REPLACED_ELSEWHERE};

/// Says when what the person writes is not being kept, and offers a backup.
#[component]
pub fn StorageNotice() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let dismissed_aside = RwSignal::new(false);
    let dismissed_kept = RwSignal::new(0usize);
    let problem = move || match app.health.get() {
        Health::Saved => None,
        Health::Unavailable => Some(t.app().storage_unavailable.to_string()),
        Health::Failing {
            problem: BackendError::Full,
            ..
        } => Some(t.app().storage_full.to_string()),
        Health::Failing { problem, .. } => {
            let detail = match problem {
                BackendError::Other(d) => d,
                _ => "storage is switched off".into(),
            };
            Some(fill(t.app().storage_blocked, &[("detail", &detail)]))
        }
    };
    let failing = move || matches!(app.health.get(), Health::Failing { .. });
    let backup = move |_| {
        let b = app.export();
        let _ = browser::download(&b.file_name(), &b.to_json(), "application/json");
    };
    let quiet = move || {
        // What was set aside is known once the store is read.
        if !app.opened.get() {
            return None;
        }
        let (aside, newer, kept) = app.read(|s| {
            let unreadable = s
                .set_aside()
                .iter()
                .filter(|a| a.reason != REPLACED_ELSEWHERE)
                .count();
            (unreadable, s.newer_count(), s.versions_kept())
        });
        let mut lines = Vec::new();
        if kept > dismissed_kept.get() {
            lines.push(t.app().storage_versions_kept);
        }
        if !dismissed_aside.get() {
            if aside > 0 {
                lines.push(t.app().storage_set_aside);
            }
            if newer > 0 {
                lines.push(t.app().storage_newer);
            }
        }
        (!lines.is_empty()).then_some(lines)
    };
    view! {
        {move || {
            problem()
                .map(|message| {
                    view! {
                        <div class="notice warning" role="alert">
                            <p>{message}</p>
                            <Show when=failing>
                                <button type="button" class="button" on:click=backup>
                                    {t.app().storage_backup_action}
                                </button>
                            </Show>
                        </div>
                    }
                })
        }}
        {move || {
            quiet()
                .map(|lines| {
                    view! {
                        <div class="notice" role="status">
                            {lines.into_iter().map(|l| view! { <p>{l}</p> }).collect_view()}
                            <button
                                type="button"
                                class="button secondary"
                                on:click=move |_| {
                                    dismissed_aside.set(true);
                                    dismissed_kept.set(app.read(|s| s.versions_kept()));
                                }
                            >
                                {t.app().storage_dismiss}
                            </button>
                        </div>
                    }
                })
        }}
    }
}

/// Registers the service worker and offers a new version when one waits.
/// Registering waits until the first screen is painted: on a first visit
/// the worker then saves the whole app, and that should not compete with
/// opening the store and drawing the home screen.
#[component]
pub fn UpdateNotice() -> impl IntoView {
    let t = use_app().text;
    let waiting = RwSignal::new_local(None::<ServiceWorker>);
    browser::after_paint(move || {
        browser::pwa::register(&browser::base_path(), move |worker| {
            waiting.set(Some(worker))
        })
    });
    let update = move |_| {
        if let Some(worker) = waiting.get_untracked() {
            browser::pwa::activate(&worker);
        }
    };
    view! {
        <Show when=move || waiting.with(Option::is_some)>
            <div class="notice" role="status">
                <p>{t.app().update_ready}</p>
                <button type="button" class="button" on:click=update>
                    {t.app().update_action}
                </button>
            </div>
        </Show>
    }
}
