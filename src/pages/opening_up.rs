//! Opening up: log a small trust step (which step, with whom, what happened,
//! how it felt), kept as a draft while it is filled in, and the steps taken.

use leptos::prelude::*;

use crate::app::use_app;
use crate::browser::{self, Debounce};
use crate::components::choice::{Choice, ChoiceList};
use crate::components::feedback::{FormMessage, UndoNotice};
use crate::components::page_title::PageTitle;
use crate::components::rating::RatingSlider;
use crate::content::{fill, Text};
use crate::domain::opening_up::{DraftProblem, OpeningDraft, OpeningStep, MAX_FELT, OWN, STEPS};
use crate::domain::time;

/// The words for a step id.
fn step_label(t: &'static Text, id: &str) -> &'static str {
    match id {
        "share_feeling" => t.opening_up().step_share_feeling,
        "small_help" => t.opening_up().step_small_help,
        "hard_week" => t.opening_up().step_hard_week,
        "accept_offer" => t.opening_up().step_accept_offer,
        "say_miss" => t.opening_up().step_say_miss,
        "reply_honestly" => t.opening_up().step_reply_honestly,
        _ => t.opening_up().step_own,
    }
}

/// The static id matching a stored step id (radio values are `'static`).
fn static_step(id: &str) -> Option<&'static str> {
    STEPS.into_iter().chain([OWN]).find(|s| *s == id)
}

/// The opening-up page.
#[component]
pub fn OpeningUpPage() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let draft = app
        .get::<OpeningDraft>(OpeningDraft::ID)
        .unwrap_or_default();
    let step = RwSignal::new(draft.step.as_deref().and_then(static_step));
    let own = RwSignal::new(draft.own.clone());
    let who = RwSignal::new(draft.who.clone());
    let happened = RwSignal::new(draft.happened.clone());
    let felt = RwSignal::new(draft.felt.unwrap_or(5));
    let message = RwSignal::new(None::<(bool, &'static str)>);
    let debounce = Debounce::new();

    let snapshot = move || OpeningDraft {
        step: step.get().map(str::to_string),
        own: own.get(),
        who: who.get(),
        happened: happened.get(),
        felt: Some(felt.get()),
    };
    Effect::new(move |previous: Option<OpeningDraft>| {
        let now = snapshot();
        if previous.as_ref().is_some_and(|p| *p != now) {
            let copy = now.clone();
            debounce.call(move || {
                if copy.is_blank() {
                    let _ = app.delete::<OpeningDraft>(OpeningDraft::ID);
                } else {
                    let _ = app.save(OpeningDraft::ID, &copy);
                }
            });
        }
        now
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match snapshot().finish(time::now()) {
            Err(DraftProblem::NoStep) => message.set(Some((false, t.opening_up().need_step))),
            Err(DraftProblem::NoOwnWords) => message.set(Some((false, t.opening_up().need_own))),
            Ok(entry) => {
                debounce.cancel();
                let _ = app.save(&browser::new_id(), &entry);
                let _ = app.delete::<OpeningDraft>(OpeningDraft::ID);
                step.set(None);
                own.set(String::new());
                who.set(String::new());
                happened.set(String::new());
                felt.set(5);
                message.set(Some((true, t.opening_up().saved)));
            }
        }
    };

    let choices = STEPS
        .into_iter()
        .chain([OWN])
        .map(|id| Choice {
            id,
            label: step_label(t, id),
        })
        .collect::<Vec<_>>();

    view! {
        <section class="page opening-up" aria-labelledby="opening-title">
            <PageTitle id="opening-title" text=t.opening_up().title.to_string()/>
            <p class="lead">{t.opening_up().intro}</p>
            <form class="card" on:submit=submit novalidate>
                <h2>{t.opening_up().form_heading}</h2>
                <ChoiceList name="opening-step" legend=t.opening_up().step_legend choices selected=step/>
                {move || {
                    (step.get() == Some(OWN))
                        .then(|| {
                            view! {
                                <div class="field">
                                    <label for="opening-own">{t.opening_up().own_label}</label>
                                    <input
                                        id="opening-own"
                                        type="text"
                                        maxlength="300"
                                        prop:value=move || own.get()
                                        on:input=move |ev| own.set(event_target_value(&ev))
                                    />
                                </div>
                            }
                        })
                }}
                <div class="field">
                    <label for="opening-who">{t.opening_up().who_label}</label>
                    <input
                        id="opening-who"
                        type="text"
                        maxlength="100"
                        autocomplete="off"
                        prop:value=move || who.get()
                        on:input=move |ev| who.set(event_target_value(&ev))
                    />
                </div>
                <div class="field">
                    <label for="opening-happened">{t.opening_up().happened_label}</label>
                    <textarea
                        id="opening-happened"
                        prop:value=move || happened.get()
                        on:input=move |ev| happened.set(event_target_value(&ev))
                    ></textarea>
                </div>
                <RatingSlider
                    id="opening-felt".to_string()
                    label=t.opening_up().felt_label.to_string()
                    value=felt
                    max=MAX_FELT
                    step=1
                    low=t.opening_up().low
                    high=t.opening_up().high
                />
                <FormMessage message/>
                <div class="actions">
                    <button type="submit" class="button">{t.opening_up().save}</button>
                </div>
            </form>
            <OpeningLog/>
        </section>
    }
}

/// The steps taken, newest first, with delete and undo.
#[component]
fn OpeningLog() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let undo = RwSignal::new(None::<(String, OpeningStep)>);
    view! {
        <div class="card">
            <h2>{t.opening_up().log_heading}</h2>
            {move || {
                let mut all = app.all::<OpeningStep>();
                crate::domain::order::sort_by_key(&mut all, |(_, e, _)| std::cmp::Reverse(e.at));
                if all.is_empty() {
                    return view! { <p>{t.opening_up().log_none}</p> }.into_any();
                }
                view! {
                    <ul class="log">
                        {all
                            .into_iter()
                            .take(30)
                            .map(|(id, e, _)| {
                                let title = if e.step == OWN {
                                    e.own.clone()
                                } else {
                                    step_label(t, &e.step).to_string()
                                };
                                let remove = move |_| {
                                    if let Some(removed) = app.delete::<OpeningStep>(&id) {
                                        undo.set(Some((id.clone(), removed)));
                                    }
                                };
                                view! {
                                    <li>
                                        <span>
                                            <strong>{title}</strong>
                                            <br/>
                                            <span class="small">
                                                {(!e.who.is_empty())
                                                    .then(|| format!("{} · ", fill(t.opening_up().log_with, &[("who", &e.who)])))}
                                                {fill(t.opening_up().log_felt, &[("felt", &e.felt.to_string())])}
                                                " · "
                                                {e.at.format("%-d %b").to_string()}
                                            </span>
                                            {(!e.happened.is_empty())
                                                .then(|| view! { <br/><span class="small">{e.happened.clone()}</span> })}
                                        </span>
                                        <button type="button" class="button secondary small-button" on:click=remove>
                                            {t.opening_up().delete}
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            <UndoNotice undo said=t.opening_up().deleted button=t.opening_up().undo/>
        </div>
    }
}
