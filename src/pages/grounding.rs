//! 5-4-3-2-1 grounding, one sense per screen. The session is saved at every
//! step and as the person types, so it resumes after a reload.

use leptos::prelude::*;

use crate::app::use_app;
use crate::browser::{self, Debounce};
use crate::components::page_title::PageTitle;
use crate::content::{fill, Text};
use crate::domain::grounding::{GroundingSession, Sense};
use crate::domain::time;

fn sense_text(t: &'static Text, s: Sense) -> (&'static str, &'static str) {
    match s {
        Sense::See => (t.grounding().sense_short_see, t.grounding().sense_see),
        Sense::Touch => (t.grounding().sense_short_touch, t.grounding().sense_touch),
        Sense::Hear => (t.grounding().sense_short_hear, t.grounding().sense_hear),
        Sense::Smell => (t.grounding().sense_short_smell, t.grounding().sense_smell),
        Sense::Taste => (t.grounding().sense_short_taste, t.grounding().sense_taste),
    }
}

/// The grounding page.
#[component]
pub fn GroundingPage() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    // The unfinished session, if one was left part-way.
    let unfinished = app
        .all::<GroundingSession>()
        .into_iter()
        .filter(|(_, s, _)| s.finished_at.is_none())
        .max_by_key(|(_, s, _)| s.started_at)
        .map(|(id, s, _)| (id, s));
    let current = RwSignal::new(unfinished);
    let finished_count = move || {
        app.all::<GroundingSession>()
            .iter()
            .filter(|(_, s, _)| s.finished_at.is_some())
            .count()
    };
    let just_finished = RwSignal::new(false);
    // Re-draw only when the step changes, not on every keystroke.
    let step_key = Memo::new(move |_| {
        current.with(|c| {
            c.as_ref()
                .map(|(id, s)| (id.clone(), s.step, s.finished_at.is_some()))
        })
    });
    let save = move || {
        if let Some((id, session)) = current.get_untracked() {
            let _ = app.save(&id, &session);
        }
    };
    let begin = move |_| {
        just_finished.set(false);
        current.set(Some((
            browser::new_id(),
            GroundingSession::start(time::now()),
        )));
        save();
        browser::focus_main_heading();
    };

    view! {
        <section class="page grounding" aria-labelledby="grounding-title">
            <PageTitle id="grounding-title" text=t.grounding().title.to_string()/>
            {move || match step_key.get().and(current.get_untracked()) {
                Some((_, session)) if session.finished_at.is_none() => {
                    view! { <Step session current save just_finished/> }.into_any()
                }
                _ => {
                    view! {
                        <Show
                            when=move || just_finished.get()
                            fallback=move || view! { <p class="lead">{t.grounding().intro}</p> }
                        >
                            <div class="card done" role="status">
                                <h2>{t.grounding().done_title}</h2>
                                <p>{t.grounding().done_body}</p>
                            </div>
                        </Show>
                        <div class="actions">
                            <button type="button" class="button" on:click=begin>
                                {move || if just_finished.get() { t.grounding().again } else { t.grounding().start }}
                            </button>
                        </div>
                        <p class="small">
                            {move || fill(t.grounding().log, &[("count", &finished_count().to_string())])}
                        </p>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// One sense: count, instruction, optional note, back and next.
#[component]
fn Step(
    session: GroundingSession,
    current: RwSignal<Option<(String, GroundingSession)>>,
    save: impl Fn() + Copy + 'static,
    just_finished: RwSignal<bool>,
) -> impl IntoView {
    let t = use_app().text;
    let Some(sense) = session.sense() else {
        return ().into_any();
    };
    let (short, instruction) = sense_text(t, sense);
    let step = session.step;
    let note = session.note().to_string();
    let debounce = Debounce::new();
    let on_input = move |ev| {
        let text = event_target_value(&ev);
        current.update(|c| {
            if let Some((_, s)) = c {
                s.set_note(&text);
            }
        });
        debounce.call(save);
    };
    let go = move |forward: bool| {
        current.update(|c| {
            if let Some((_, s)) = c {
                if forward {
                    s.next(time::now());
                } else {
                    s.back();
                }
            }
        });
        save();
        if current.with_untracked(|c| c.as_ref().is_some_and(|(_, s)| s.finished_at.is_some())) {
            just_finished.set(true);
        }
        browser::focus_main_heading();
    };
    let last = usize::from(step) + 1 == Sense::STEPS.len();
    let note_id = format!("grounding-note-{step}");
    view! {
        <div class="card step">
            <p class="step-label">{fill(t.grounding().step, &[("n", &(step + 1).to_string())])}</p>
            <div class="sense-count" aria-hidden="true">{sense.count()}</div>
            <h2>{short}</h2>
            <p class="lead">{instruction}</p>
            <div class="field">
                <label for=note_id.clone()>{t.grounding().note_label}</label>
                <textarea id=note_id prop:value=note on:input=on_input on:blur=move |_| save()></textarea>
            </div>
            <div class="actions">
                <button type="button" class="button" on:click=move |_| go(true)>
                    {if last { t.grounding().finish } else { t.grounding().next }}
                </button>
                {(step > 0)
                    .then(|| {
                        view! {
                            <button type="button" class="button secondary" on:click=move |_| go(false)>
                                {t.grounding().back}
                            </button>
                        }
                    })}
            </div>
        </div>
    }
    .into_any()
}
