//! Privacy on a shared phone: the "Leave quickly" button in the header (and
//! Escape three times), the brand that can go by a plain name, and the card
//! on the data page where the plain name is chosen.

use leptos::prelude::*;

use crate::app::use_app;
use crate::browser::{self, privacy};
use crate::components::choice::{Choice, ChoiceList};
use crate::components::icons::{Icon, IconKind};
use crate::content::Text;
use crate::domain::discretion::{Discretion, NeutralName, RepeatedPress};

/// Leaves at once for the neutral page: saves whatever is waiting to be
/// saved, locks the vault (forgets its keys: coming back asks for the
/// passphrase), then replaces this page and its history entry.
pub fn leave_quickly() {
    browser::flush_pending_saves();
    browser::vault::forget();
    privacy::leave_for_neutral_page();
}

/// The words of a neutral name.
pub fn neutral_name(t: &'static Text, name: NeutralName) -> &'static str {
    match name {
        NeutralName::Notes => t.discretion().card_name_notes,
        NeutralName::ReadingList => t.discretion().card_name_reading_list,
        NeutralName::Planner => t.discretion().card_name_planner,
    }
}

/// The "Leave quickly" header button; also listens for Escape pressed three
/// times anywhere. Takes the words directly: the lock screen has it too.
#[component]
pub fn QuickExitButton(text: &'static Text) -> impl IntoView {
    let t = text;
    let presses = StoredValue::new(RepeatedPress::default());
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" {
            let now = privacy::now_ms();
            if presses.try_update_value(|p| p.press(now)) == Some(true) {
                leave_quickly();
            }
        } else {
            presses.update_value(RepeatedPress::reset);
        }
    });
    on_cleanup(move || keys.remove());
    view! {
        <button type="button" class="exit-button" on:click=move |_| leave_quickly()>
            {t.discretion().exit_button}
        </button>
    }
}

/// The header's brand link content: the logo and "Groundwork", or a plain
/// notebook and the neutral name. Also keeps the tab title and the web app
/// manifest in step with the setting.
#[component]
pub fn Brand() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let shown = Memo::new(move |_| app.discretion.get().shown_name());
    Effect::new(move |_| {
        let name = shown.get();
        privacy::set_title(name.map_or(t.app().name, |n| neutral_name(t, n)));
        privacy::use_neutral_manifest(name.is_some());
    });
    view! {
        {move || {
            if shown.get().is_some() {
                view! { <Icon kind=IconKind::Notebook/> }.into_any()
            } else {
                view! { <Icon kind=IconKind::Logo/> }.into_any()
            }
        }}
        <span class="brand-name">
            {move || shown.get().map_or(t.app().name, |n| neutral_name(t, n))}
        </span>
    }
}

/// The data page's card: how leaving quickly works, and the plain name.
#[component]
pub fn DiscretionCard() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let stored = app.get::<Discretion>(Discretion::ID).unwrap_or_default();
    let neutral = RwSignal::new(stored.neutral);
    let chosen = RwSignal::new(Some(stored.name.id()));
    let save = move || {
        let record = Discretion {
            neutral: neutral.get_untracked(),
            name: chosen
                .get_untracked()
                .and_then(NeutralName::from_id)
                .unwrap_or_default(),
        };
        let _ = app.save(Discretion::ID, &record);
    };
    // Save when the name choice changes (not on the first run).
    Effect::new(move |first: Option<()>| {
        chosen.track();
        if first.is_some() {
            save();
        }
    });
    let choices = NeutralName::ALL
        .into_iter()
        .map(|n| Choice {
            id: n.id(),
            label: neutral_name(t, n),
        })
        .collect::<Vec<_>>();
    view! {
        <div class="card discretion-card">
            <h2>{t.discretion().card_heading}</h2>
            <p>{t.discretion().card_intro}</p>
            <h3>{t.discretion().card_exit_heading}</h3>
            <p>{t.discretion().card_exit_body}</p>
            <h3>{t.discretion().card_name_heading}</h3>
            <label class="choice switch-row">
                <input
                    type="checkbox"
                    prop:checked=move || neutral.get()
                    on:change=move |ev| {
                        neutral.set(event_target_checked(&ev));
                        save();
                    }
                    aria-describedby="neutral-hint"
                />
                <span>{t.discretion().card_name_toggle}</span>
            </label>
            <p class="hint" id="neutral-hint">{t.discretion().card_name_hint}</p>
            <Show when=move || neutral.get()>
                <ChoiceList
                    name="neutral-name"
                    legend=t.discretion().card_name_legend
                    choices=choices.clone()
                    selected=chosen
                />
                <p class="small">{t.discretion().card_installed_note}</p>
            </Show>
        </div>
    }
}
