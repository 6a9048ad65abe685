//! The self-compassion break: one step per screen with Back and Next, an
//! optional pause timer on each step, the kind words saved as typed, and
//! the log of past breaks with their words.

use std::time::Duration;

use leptos::prelude::*;

use crate::app::use_app;
use crate::browser::{self, Debounce};
use crate::components::page_title::PageTitle;
use crate::content::{fill, Text};
use crate::domain::compassion_break::{
    minutes_seconds, BreakDraft, BreakLog, BreakStep, MAX_WORDS, STEPS, STEP_SECONDS,
};
use crate::domain::time;
use crate::pages::compassionate_letter::day_text;

fn step_text(t: &'static Text, s: BreakStep) -> (&'static str, &'static str, &'static str) {
    match s {
        BreakStep::Notice => (
            t.compassion_break().step_notice_title,
            t.compassion_break().step_notice_body,
            t.compassion_break().step_notice_try,
        ),
        BreakStep::Shared => (
            t.compassion_break().step_shared_title,
            t.compassion_break().step_shared_body,
            t.compassion_break().step_shared_try,
        ),
        BreakStep::Kindness => (
            t.compassion_break().step_kindness_title,
            t.compassion_break().step_kindness_body,
            "",
        ),
    }
}

/// `/kindness/break`.
#[component]
pub fn CompassionBreakPage() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let draft = RwSignal::new(untrack(|| app.get::<BreakDraft>(BreakDraft::ID)));
    let just_finished = RwSignal::new(false);
    // Re-draw the step only when it changes, not on every keystroke.
    let step = Memo::new(move |_| draft.with(|d| d.as_ref().map(|d| d.step)));
    let save = move || {
        if let Some(d) = draft.get_untracked() {
            let _ = app.save(BreakDraft::ID, &d);
        }
    };
    let begin = move |_| {
        just_finished.set(false);
        draft.set(Some(BreakDraft::start(time::now())));
        save();
        browser::focus_main_heading();
    };
    let finish = move || {
        if let Some(d) = draft.get_untracked() {
            let log = d.finish(time::now());
            let _ = app.save(&browser::new_id(), &log);
            app.delete::<BreakDraft>(BreakDraft::ID);
            draft.set(None);
            just_finished.set(true);
            browser::focus_main_heading();
        }
    };

    view! {
        <section class="page kindness compassion-break" aria-labelledby="break-title">
            <PageTitle id="break-title" text=t.compassion_break().title.to_string()/>
            {move || match step.get() {
                Some(_) => view! { <Step draft save finish/> }.into_any(),
                None => {
                    view! {
                        <Show
                            when=move || just_finished.get()
                            fallback=move || view! { <p class="lead">{t.compassion_break().intro}</p> }
                        >
                            <div class="card done" role="status">
                                <h2>{t.compassion_break().done_title}</h2>
                                <p>{t.compassion_break().done_body}</p>
                            </div>
                        </Show>
                        <div class="actions">
                            <button type="button" class="button" on:click=begin>
                                {move || {
                                    if just_finished.get() {
                                        t.compassion_break().done_again
                                    } else {
                                        t.compassion_break().start
                                    }
                                }}
                            </button>
                        </div>
                    }
                        .into_any()
                }
            }}
            <BreakHistory/>
        </section>
    }
}

/// One step: where we are, the guidance, the pause, (on the last step)
/// the kind words, and the buttons.
#[component]
fn Step(
    draft: RwSignal<Option<BreakDraft>>,
    save: impl Fn() + Copy + Send + Sync + 'static,
    finish: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let t = use_app().text;
    let Some(current) = draft.get_untracked() else {
        return ().into_any();
    };
    let step = current.current();
    let (title, body, hint) = step_text(t, step);
    let last = current.is_last();
    let first = current.step == 0;
    let debounce = Debounce::new();
    let save_words = move || {
        debounce.cancel();
        save();
    };
    on_cleanup(move || debounce.cancel());
    let hide = window_event_listener(leptos::ev::pagehide, move |_| save());
    on_cleanup(move || hide.remove());
    let go = move |forward: bool| {
        draft.update(|d| {
            if let Some(d) = d {
                if forward {
                    d.next();
                } else {
                    d.back();
                }
            }
        });
        save_words();
        browser::focus_main_heading();
    };
    let words = (step == BreakStep::Kindness).then(|| {
        view! {
            <div class="field">
                <label for="break-words">{t.compassion_break().step_kindness_label}</label>
                <textarea
                    id="break-words"
                    rows="4"
                    maxlength=MAX_WORDS
                    aria-describedby="break-words-hint"
                    prop:value=current.kind_words.clone()
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        draft.update(|d| {
                            if let Some(d) = d {
                                d.set_kind_words(&value);
                            }
                        });
                        debounce.call(save);
                    }
                    on:blur=move |_| save_words()
                ></textarea>
                <p class="hint" id="break-words-hint">{t.compassion_break().step_kindness_hint}</p>
            </div>
            <details class="kindness-ideas">
                <summary>{t.compassion_break().step_examples_heading}</summary>
                <ul>
                    <li>{t.compassion_break().step_example_1}</li>
                    <li>{t.compassion_break().step_example_2}</li>
                    <li>{t.compassion_break().step_example_3}</li>
                    <li>{t.compassion_break().step_example_4}</li>
                </ul>
            </details>
        }
    });
    view! {
        <div class="card step kindness-step">
            <p class="step-label">
                {fill(t.compassion_break().step_of, &[("n", &(current.step + 1).to_string())])}
            </p>
            <progress
                class="kindness-progress"
                max=STEPS.to_string()
                value=(current.step + 1).to_string()
                aria-hidden="true"
            ></progress>
            <h2>{title}</h2>
            <p class="lead">{body}</p>
            {(!hint.is_empty()).then(|| view! { <p class="kindness-try">{hint}</p> })}
            <PauseTimer/>
            {words}
            <div class="actions">
                <button
                    type="button"
                    class="button"
                    on:click=move |_| {
                        if last {
                            save_words();
                            finish();
                        } else {
                            go(true);
                        }
                    }
                >
                    {if last { t.compassion_break().finish } else { t.compassion_break().next }}
                </button>
                {(!first)
                    .then(|| {
                        view! {
                            <button type="button" class="button secondary" on:click=move |_| go(false)>
                                {t.compassion_break().back}
                            </button>
                        }
                    })}
            </div>
            {(!last)
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="link-button kindness-end"
                            on:click=move |_| {
                                save_words();
                                finish();
                            }
                        >
                            {t.compassion_break().finish_early}
                        </button>
                    }
                })}
        </div>
    }
    .into_any()
}

/// An optional half-minute pause: started by the person, stoppable, never
/// blocking Next, silent, and without movement (a plain progress bar).
#[component]
fn PauseTimer() -> impl IntoView {
    let t = use_app().text;
    let total_ms = u64::from(STEP_SECONDS) * 1000;
    let started = RwSignal::new(None::<f64>);
    let elapsed = RwSignal::new(0u64);
    let done = RwSignal::new(false);
    let interval = StoredValue::new_local(None::<IntervalHandle>);
    let stop = move || {
        if let Some(handle) = interval.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        started.set(None);
    };
    on_cleanup(move || {
        if let Some(handle) = interval.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    });
    let start = move |_| {
        let at = js_sys::Date::now();
        done.set(false);
        elapsed.set(0);
        started.set(Some(at));
        let handle = set_interval_with_handle(
            move || {
                let ms = (js_sys::Date::now() - at).max(0.0) as u64;
                elapsed.set(ms.min(total_ms));
                if ms >= total_ms {
                    stop();
                    done.set(true);
                }
            },
            Duration::from_millis(250),
        )
        .ok();
        interval.set_value(handle);
    };
    view! {
        <div class="kindness-pause">
            {move || {
                if started.get().is_some() {
                    let left = total_ms.saturating_sub(elapsed.get()).div_ceil(1000);
                    view! {
                        <progress
                            max=total_ms.to_string()
                            value=elapsed.get().to_string()
                            aria-label=t.compassion_break().timer_label
                        ></progress>
                        <p class="small">
                            {fill(t.compassion_break().timer_running, &[("seconds", &left.to_string())])}
                        </p>
                        <button type="button" class="button secondary" on:click=move |_| stop()>
                            {t.compassion_break().timer_stop}
                        </button>
                    }
                        .into_any()
                } else {
                    view! {
                        <p class="small">{t.compassion_break().timer_offer}</p>
                        <button type="button" class="button secondary" on:click=start>
                            {t.compassion_break().timer_start}
                        </button>
                    }
                        .into_any()
                }
            }}
            <p class="small kindness-pause-done" role="status">
                {move || done.get().then_some(t.compassion_break().timer_done)}
            </p>
        </div>
    }
}

fn length_text(t: &'static Text, seconds: u32) -> String {
    let (m, s) = minutes_seconds(seconds);
    if m == 0 {
        fill(
            t.compassion_break().log_length_short,
            &[("seconds", &s.to_string())],
        )
    } else {
        fill(
            t.compassion_break().log_length,
            &[("minutes", &m.to_string()), ("seconds", &s.to_string())],
        )
    }
}

/// Past breaks, newest first, with their kind words.
#[component]
fn BreakHistory() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let logs = move || {
        let mut all = app.all::<BreakLog>();
        crate::domain::order::sort_by(&mut all, |a, b| {
            b.1.started_at.cmp(&a.1.started_at).then(b.0.cmp(&a.0))
        });
        all
    };
    view! {
        <h2 class="section-heading">{t.compassion_break().log_heading}</h2>
        {move || {
            let all = logs();
            if all.is_empty() {
                return view! { <p class="kindness-empty">{t.compassion_break().log_empty}</p> }
                    .into_any();
            }
            view! {
                <ul class="kindness-log">
                    {all
                        .into_iter()
                        .map(|(_, log, _)| {
                            let steps = if log.steps_reached >= STEPS {
                                t.compassion_break().log_steps_all.to_string()
                            } else {
                                fill(
                                    t.compassion_break().log_steps_some,
                                    &[("n", &log.steps_reached.to_string())],
                                )
                            };
                            let meta = format!(
                                "{} · {} · {}",
                                day_text(t, log.started_at.date_naive()),
                                length_text(t, log.seconds),
                                steps,
                            );
                            let words = if log.kind_words.is_empty() {
                                view! { <p class="small">{t.compassion_break().log_no_words}</p> }
                                    .into_any()
                            } else {
                                view! { <blockquote class="kind-words">{log.kind_words}</blockquote> }
                                    .into_any()
                            };
                            view! {
                                <li class="card">
                                    <p class="small kindness-meta">{meta}</p>
                                    {words}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
    }
}
