//! The movement log: a short form (kept as a draft while it is filled in),
//! the past week's figures and recent entries with delete and undo.

use chrono::Duration as Days;
use leptos::prelude::*;

use crate::app::use_app;
use crate::browser::{self, Debounce};
use crate::components::choice::{Choice, ChoiceList};
use crate::components::feedback::{FormMessage, UndoNotice};
use crate::components::page_title::PageTitle;
use crate::components::rating::RatingSlider;
use crate::content::{fill, Text};
use crate::domain::movement::{
    summary_since, DraftProblem, MovementDraft, MovementEntry, MovementKind, MAX_FEELING,
};
use crate::domain::time;

fn kind_label(t: &'static Text, k: MovementKind) -> &'static str {
    match k {
        MovementKind::Walk => t.movement().kind_walk,
        MovementKind::Exercise => t.movement().kind_exercise,
        MovementKind::Other => t.movement().kind_other,
    }
}

/// The movement page.
#[component]
pub fn MovementPage() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let draft = app
        .get::<MovementDraft>(MovementDraft::ID)
        .unwrap_or_default();
    let kind = RwSignal::new(draft.kind.map(MovementKind::id));
    let minutes = RwSignal::new(draft.minutes.clone());
    let before = RwSignal::new(draft.before.unwrap_or(5));
    let after = RwSignal::new(draft.after.unwrap_or(5));
    let note = RwSignal::new(draft.note.clone());
    let message = RwSignal::new(None::<(bool, &'static str)>);
    let debounce = Debounce::new();

    let snapshot = move || MovementDraft {
        kind: kind.get().and_then(MovementKind::from_id),
        minutes: minutes.get(),
        before: Some(before.get()),
        after: Some(after.get()),
        note: note.get(),
    };
    // Keep what is typed: save the draft shortly after each change.
    Effect::new(move |previous: Option<MovementDraft>| {
        let now = snapshot();
        if previous.as_ref().is_some_and(|p| *p != now) {
            let copy = now.clone();
            debounce.call(move || {
                if copy.is_blank() {
                    let _ = app.delete::<MovementDraft>(MovementDraft::ID);
                } else {
                    let _ = app.save(MovementDraft::ID, &copy);
                }
            });
        }
        now
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match snapshot().finish(time::now()) {
            Err(DraftProblem::NoKind) => message.set(Some((false, t.movement().need_kind))),
            Err(DraftProblem::Minutes) => message.set(Some((false, t.movement().need_minutes))),
            Ok(entry) => {
                let _ = app.save(&browser::new_id(), &entry);
                let _ = app.delete::<MovementDraft>(MovementDraft::ID);
                kind.set(None);
                minutes.set(String::new());
                before.set(5);
                after.set(5);
                note.set(String::new());
                message.set(Some((true, t.movement().saved)));
            }
        }
    };

    let kinds = MovementKind::ALL
        .into_iter()
        .map(|k| Choice {
            id: k.id(),
            label: kind_label(t, k),
        })
        .collect::<Vec<_>>();

    view! {
        <section class="page movement" aria-labelledby="movement-title">
            <PageTitle id="movement-title" text=t.movement().title.to_string()/>
            <p class="lead">{t.movement().intro}</p>
            <form class="card" on:submit=submit novalidate>
                <ChoiceList name="movement-kind" legend=t.movement().kind_legend choices=kinds selected=kind/>
                <div class="field">
                    <label for="movement-minutes">{t.movement().minutes_label}</label>
                    <input
                        id="movement-minutes"
                        type="number"
                        inputmode="numeric"
                        min="1"
                        max="600"
                        prop:value=move || minutes.get()
                        on:input=move |ev| minutes.set(event_target_value(&ev))
                    />
                </div>
                <RatingSlider
                    id="movement-before".to_string()
                    label=t.movement().before_label.to_string()
                    value=before
                    max=MAX_FEELING
                    step=1
                    low=t.movement().low
                    high=t.movement().high
                />
                <RatingSlider
                    id="movement-after".to_string()
                    label=t.movement().after_label.to_string()
                    value=after
                    max=MAX_FEELING
                    step=1
                    low=t.movement().low
                    high=t.movement().high
                />
                <div class="field">
                    <label for="movement-note">{t.movement().note_label}</label>
                    <textarea
                        id="movement-note"
                        prop:value=move || note.get()
                        on:input=move |ev| note.set(event_target_value(&ev))
                    ></textarea>
                </div>
                <FormMessage message/>
                <div class="actions">
                    <button type="submit" class="button">{t.movement().save}</button>
                </div>
            </form>
            <MovementHistory/>
        </section>
    }
}

/// The past week's figures and the latest entries.
#[component]
fn MovementHistory() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let undo = RwSignal::new(None::<(String, MovementEntry)>);
    let entries = move || {
        let mut all = app.all::<MovementEntry>();
        crate::domain::order::sort_by_key(&mut all, |(_, e, _)| std::cmp::Reverse(e.at));
        all
    };
    view! {
        <div class="card">
            <h2>{t.movement().recent}</h2>
            {move || {
                let all = entries();
                let plain: Vec<MovementEntry> = all.iter().map(|(_, e, _)| e.clone()).collect();
                let week = summary_since(&plain, time::now() - Days::days(7));
                let mut lines = vec![];
                if week.sessions == 0 {
                    lines.push(t.movement().week_none.to_string());
                } else {
                    lines.push(fill(
                        t.movement().week,
                        &[("sessions", &week.sessions.to_string()), ("minutes", &week.minutes.to_string())],
                    ));
                    if let Some(lift) = week.average_lift.filter(|l| *l > 0.0) {
                        lines.push(fill(t.movement().week_lift, &[("lift", &format!("{lift:.1}"))]));
                    }
                }
                view! {
                    {lines.into_iter().map(|l| view! { <p>{l}</p> }).collect_view()}
                    <ul class="log">
                        {all
                            .into_iter()
                            .take(10)
                            .map(|(id, e, _)| {
                                let entry = e.clone();
                                let remove = move |_| {
                                    if let Some(removed) = app.delete::<MovementEntry>(&id) {
                                        undo.set(Some((id.clone(), removed)));
                                    }
                                };
                                view! {
                                    <li>
                                        <span>
                                            <strong>
                                                {fill(
                                                    t.movement().item,
                                                    &[("kind", kind_label(t, e.kind)), ("minutes", &e.minutes.to_string())],
                                                )}
                                            </strong>
                                            <br/>
                                            <span class="small">
                                                {fill(
                                                    t.movement().item_feel,
                                                    &[("before", &e.before.to_string()), ("after", &e.after.to_string())],
                                                )}
                                                " · "
                                                {e.at.format("%-d %b").to_string()}
                                            </span>
                                            {(!entry.note.is_empty()).then(|| view! { <br/><span class="small">{entry.note.clone()}</span> })}
                                        </span>
                                        <button type="button" class="button secondary small-button" on:click=remove>
                                            {t.movement().delete}
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
            }}
            <UndoNotice undo said=t.movement().deleted button=t.movement().undo/>
        </div>
    }
}
