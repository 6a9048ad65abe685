//! Boundaries: ready scripts by situation (each can start one's own), the
//! person's own scripts saved as they type, and the "I held a boundary" log.

use leptos::prelude::*;

use crate::app::use_app;
use crate::browser::{self, Debounce};
use crate::components::choice::{Choice, ChoiceList};
use crate::components::confirm::Confirm;
use crate::components::feedback::{FormMessage, UndoNotice};
use crate::components::page_title::PageTitle;
use crate::components::rating::RatingSlider;
use crate::content::{fill, Text};
use crate::domain::boundaries::{BoundaryHeld, BoundaryScript, HeldDraft, MAX_FELT, SITUATIONS};
use crate::domain::time;

/// The id of the "something else" choice in the held form.
const OTHER: &str = "other";

/// A situation's title and ready script.
fn situation(t: &'static Text, id: &str) -> (&'static str, &'static str) {
    match id {
        "results" => (
            t.boundaries().situation_results_title,
            t.boundaries().situation_results_script,
        ),
        "money" => (
            t.boundaries().situation_money_title,
            t.boundaries().situation_money_script,
        ),
        "late" => (
            t.boundaries().situation_late_title,
            t.boundaries().situation_late_script,
        ),
        "ex" => (
            t.boundaries().situation_ex_title,
            t.boundaries().situation_ex_script,
        ),
        "outing" => (
            t.boundaries().situation_outing_title,
            t.boundaries().situation_outing_script,
        ),
        _ => (
            t.boundaries().situation_advice_title,
            t.boundaries().situation_advice_script,
        ),
    }
}

/// The boundaries page.
#[component]
pub fn BoundariesPage() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let copied = RwSignal::new(false);
    let start = move |situation_id: Option<&'static str>| {
        let (title, text) = situation_id.map(|s| situation(t, s)).unwrap_or(("", ""));
        let script = BoundaryScript {
            situation: situation_id.map(str::to_string),
            title: title.to_string(),
            text: text.to_string(),
            updated: time::now(),
        };
        let _ = app.save(&browser::new_id(), &script);
        copied.set(situation_id.is_some());
    };

    view! {
        <section class="page boundaries" aria-labelledby="boundaries-title">
            <PageTitle id="boundaries-title" text=t.boundaries().title.to_string()/>
            <p class="lead">{t.boundaries().intro}</p>
            <div class="card">
                <h2>{t.boundaries().scripts_heading}</h2>
                <p class="hint">{t.boundaries().scripts_hint}</p>
                {SITUATIONS
                    .into_iter()
                    .map(|id| {
                        let (title, script) = situation(t, id);
                        view! {
                            <details class="script">
                                <summary>{title}</summary>
                                <blockquote>{script}</blockquote>
                                <button type="button" class="button secondary" on:click=move |_| start(Some(id))>
                                    {t.boundaries().use_it}
                                </button>
                            </details>
                        }
                    })
                    .collect_view()}
                {move || copied.get().then(|| view! { <p class="success" role="status">{t.boundaries().started}</p> })}
            </div>
            <div class="card">
                <h2>{t.boundaries().own_heading}</h2>
                <OwnScripts/>
                <div class="actions">
                    <button type="button" class="button secondary" on:click=move |_| start(None)>
                        {t.boundaries().own_new}
                    </button>
                </div>
            </div>
            <HeldForm/>
            <HeldLog/>
        </section>
    }
}

/// The person's own scripts, oldest first, each editable in place.
#[component]
fn OwnScripts() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let scripts = move || {
        app.all::<BoundaryScript>()
            .into_iter()
            .map(|(id, s, _)| (id, s))
            .collect::<Vec<_>>()
    };
    view! {
        {move || scripts().is_empty().then(|| view! { <p>{t.boundaries().own_none}</p> })}
        <ul class="own-scripts">
            <For
                each=scripts
                key=|(id, _)| id.clone()
                children=move |(id, script)| view! { <ScriptEditor id script/> }
            />
        </ul>
    }
}

/// One own script: who it is for and the words, saved as they type.
#[component]
fn ScriptEditor(id: String, script: BoundaryScript) -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let title = RwSignal::new(script.title.clone());
    let text = RwSignal::new(script.text.clone());
    let confirming = RwSignal::new(false);
    let debounce = Debounce::new();
    let situation = script.situation.clone();
    let save_id = id.clone();
    Effect::new(move |previous: Option<(String, String)>| {
        let now = (title.get(), text.get());
        if previous.as_ref().is_some_and(|p| *p != now) {
            let record = BoundaryScript {
                situation: situation.clone(),
                title: now.0.clone(),
                text: now.1.clone(),
                updated: time::now(),
            };
            let id = save_id.clone();
            debounce.call(move || {
                let _ = app.save(&id, &record);
            });
        }
        now
    });
    let title_id = format!("script-title-{id}");
    let text_id = format!("script-text-{id}");
    view! {
        <li class="own-script">
            <div class="field">
                <label for=title_id.clone()>{t.boundaries().own_title_label}</label>
                <input
                    id=title_id
                    type="text"
                    maxlength="200"
                    prop:value=move || title.get()
                    on:input=move |ev| title.set(event_target_value(&ev))
                />
            </div>
            <div class="field">
                <label for=text_id.clone()>{t.boundaries().own_text_label}</label>
                <textarea
                    id=text_id
                    rows="5"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                ></textarea>
            </div>
            {move || {
                if confirming.get() {
                    let id = id.clone();
                    view! {
                        <Confirm
                            title=t.boundaries().own_delete_title
                            body=t.boundaries().own_delete_body
                            confirm_label=t.boundaries().own_delete_yes
                            cancel_label=t.boundaries().own_delete_no
                            on_confirm=Callback::new(move |_| {
                                debounce.cancel();
                                let _ = app.delete::<BoundaryScript>(&id);
                            })
                            on_cancel=Callback::new(move |_| confirming.set(false))
                        />
                    }
                        .into_any()
                } else {
                    view! {
                        <div class="actions">
                            <button type="button" class="button secondary small-button" on:click=move |_| confirming.set(true)>
                                {t.boundaries().own_delete}
                            </button>
                        </div>
                    }
                        .into_any()
                }
            }}
        </li>
    }
}

/// The "I held a boundary" form, kept as a draft while it is filled in.
#[component]
fn HeldForm() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let draft = app.get::<HeldDraft>(HeldDraft::ID).unwrap_or_default();
    let initial = match draft.situation.as_deref() {
        Some(s) => SITUATIONS.into_iter().find(|x| *x == s),
        None if !draft.what.is_empty() => Some(OTHER),
        None => None,
    };
    let choice = RwSignal::new(initial);
    let what = RwSignal::new(draft.what.clone());
    let felt = RwSignal::new(draft.felt.unwrap_or(5));
    let note = RwSignal::new(draft.note.clone());
    let message = RwSignal::new(None::<(bool, &'static str)>);
    let debounce = Debounce::new();

    let snapshot = move || HeldDraft {
        situation: choice.get().filter(|c| *c != OTHER).map(str::to_string),
        what: what.get(),
        felt: Some(felt.get()),
        note: note.get(),
    };
    Effect::new(move |previous: Option<HeldDraft>| {
        let now = snapshot();
        if previous.as_ref().is_some_and(|p| *p != now) {
            let copy = now.clone();
            debounce.call(move || {
                if copy.is_blank() {
                    let _ = app.delete::<HeldDraft>(HeldDraft::ID);
                } else {
                    let _ = app.save(HeldDraft::ID, &copy);
                }
            });
        }
        now
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match snapshot().finish(time::now()) {
            None => message.set(Some((false, t.boundaries().held_need))),
            Some(entry) => {
                debounce.cancel();
                let _ = app.save(&browser::new_id(), &entry);
                let _ = app.delete::<HeldDraft>(HeldDraft::ID);
                choice.set(None);
                what.set(String::new());
                felt.set(5);
                note.set(String::new());
                message.set(Some((true, t.boundaries().held_saved)));
            }
        }
    };

    let choices = SITUATIONS
        .into_iter()
        .map(|id| Choice {
            id,
            label: situation(t, id).0,
        })
        .chain([Choice {
            id: OTHER,
            label: t.boundaries().held_none_option,
        }])
        .collect::<Vec<_>>();

    view! {
        <form class="card" on:submit=submit novalidate>
            <h2>{t.boundaries().held_heading}</h2>
            <ChoiceList name="held-situation" legend=t.boundaries().held_situation_legend choices selected=choice/>
            <div class="field">
                <label for="held-what">{t.boundaries().held_what_label}</label>
                <input
                    id="held-what"
                    type="text"
                    maxlength="200"
                    prop:value=move || what.get()
                    on:input=move |ev| what.set(event_target_value(&ev))
                />
            </div>
            <RatingSlider
                id="held-felt".to_string()
                label=t.boundaries().held_felt_label.to_string()
                value=felt
                max=MAX_FELT
                step=1
                low=t.boundaries().low
                high=t.boundaries().high
            />
            <div class="field">
                <label for="held-note">{t.boundaries().held_note_label}</label>
                <textarea
                    id="held-note"
                    prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))
                ></textarea>
            </div>
            <FormMessage message/>
            <div class="actions">
                <button type="submit" class="button">{t.boundaries().held_save}</button>
            </div>
        </form>
    }
}

/// The boundaries held, newest first, with delete and undo.
#[component]
fn HeldLog() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let undo = RwSignal::new(None::<(String, BoundaryHeld)>);
    view! {
        <div class="card">
            <h2>{t.boundaries().log_heading}</h2>
            {move || {
                let mut all = app.all::<BoundaryHeld>();
                crate::domain::order::sort_by_key(&mut all, |(_, e, _)| std::cmp::Reverse(e.at));
                if all.is_empty() {
                    return view! { <p>{t.boundaries().log_none}</p> }.into_any();
                }
                view! {
                    <ul class="log">
                        {all
                            .into_iter()
                            .take(30)
                            .map(|(id, e, _)| {
                                let title = if e.what.is_empty() {
                                    e.situation.as_deref().map(|s| situation(t, s).0).unwrap_or("").to_string()
                                } else {
                                    e.what.clone()
                                };
                                let remove = move |_| {
                                    if let Some(removed) = app.delete::<BoundaryHeld>(&id) {
                                        undo.set(Some((id.clone(), removed)));
                                    }
                                };
                                view! {
                                    <li>
                                        <span>
                                            <strong>{title}</strong>
                                            <br/>
                                            <span class="small">
                                                {fill(t.boundaries().log_felt, &[("felt", &e.felt.to_string())])}
                                                " · "
                                                {e.at.format("%-d %b").to_string()}
                                            </span>
                                            {(!e.note.is_empty()).then(|| view! { <br/><span class="small">{e.note.clone()}</span> })}
                                        </span>
                                        <button type="button" class="button secondary small-button" on:click=remove>
                                            {t.boundaries().delete}
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            <UndoNotice undo said=t.boundaries().deleted button=t.boundaries().undo/>
        </div>
    }
}
