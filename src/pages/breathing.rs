//! Guided breathing with a visual pacer (or words and a progress bar when the
//! person prefers less motion); every session of ten seconds or more is logged.

use chrono::Duration;
use leptos::prelude::*;

use crate::app::use_app;
use crate::browser;
use crate::components::choice::{Choice, ChoiceList};
use crate::components::page_title::PageTitle;
use crate::content::{fill, Text};
use crate::domain::breathing::{
    moment, total_since, BreathingSession, Pattern, Phase, LENGTHS_MIN, MIN_LOGGED_SECONDS,
};
use crate::domain::time;

fn pattern_label(t: &'static Text, p: Pattern) -> &'static str {
    match p {
        Pattern::Box => t.breathing().pattern_box,
        Pattern::FourSevenEight => t.breathing().pattern_four_seven_eight,
        Pattern::Slow => t.breathing().pattern_slow,
    }
}

fn pattern_short(t: &'static Text, p: Pattern) -> &'static str {
    match p {
        Pattern::Box => t.breathing().pattern_short_box,
        Pattern::FourSevenEight => t.breathing().pattern_short_four_seven_eight,
        Pattern::Slow => t.breathing().pattern_short_slow,
    }
}

fn phase_label(t: &'static Text, p: Phase) -> &'static str {
    match p {
        Phase::In => t.breathing().phase_in,
        Phase::HoldFull => t.breathing().phase_hold_full,
        Phase::Out => t.breathing().phase_out,
        Phase::HoldEmpty => t.breathing().phase_hold_empty,
    }
}

/// "1:05" for 65 seconds.
fn clock(seconds: u32) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// A session under way.
#[derive(Clone, Copy)]
struct Run {
    pattern: Pattern,
    planned_ms: u64,
    started_ms: f64,
    started_at: time::Timestamp,
}

/// How the last session ended: seconds done, and whether all of it.
#[derive(Clone, Copy)]
struct Outcome {
    done_seconds: u32,
    completed: bool,
}

/// The breathing page: choose, breathe, see the log.
#[component]
pub fn BreathingPage() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let pattern = RwSignal::new(Some(Pattern::Box.id()));
    let length = RwSignal::new(Some("1"));
    let vibrate = RwSignal::new(false);
    let run = RwSignal::new(None::<Run>);
    let elapsed = RwSignal::new(0u64);
    let outcome = RwSignal::new(None::<Outcome>);
    let interval = StoredValue::new_local(None::<IntervalHandle>);
    let last_phase = StoredValue::new(None::<Phase>);
    let reduced_motion = browser::prefers_reduced_motion();

    let finish = move |done_ms: u64| {
        if let Some(handle) = interval.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        let Some(r) = run.get_untracked() else {
            return;
        };
        run.set(None);
        let done_seconds = (done_ms.min(r.planned_ms) / 1000) as u32;
        let planned_seconds = (r.planned_ms / 1000) as u32;
        if done_seconds >= MIN_LOGGED_SECONDS {
            let session = BreathingSession {
                pattern: r.pattern,
                planned_seconds,
                done_seconds,
                started_at: r.started_at,
            };
            let _ = app.save(&browser::new_id(), &session);
        }
        outcome.set(Some(Outcome {
            done_seconds,
            completed: done_seconds >= planned_seconds,
        }));
    };

    let start = move |_| {
        let chosen = pattern
            .get_untracked()
            .and_then(Pattern::from_id)
            .unwrap_or(Pattern::Box);
        let minutes: u64 = length
            .get_untracked()
            .and_then(|l| l.parse().ok())
            .unwrap_or(1);
        let r = Run {
            pattern: chosen,
            planned_ms: minutes * 60_000,
            started_ms: js_sys::Date::now(),
            started_at: time::now(),
        };
        outcome.set(None);
        elapsed.set(0);
        last_phase.set_value(None);
        run.set(Some(r));
        let handle = set_interval_with_handle(
            move || {
                let done = (js_sys::Date::now() - r.started_ms).max(0.0) as u64;
                elapsed.set(done);
                let phase = moment(r.pattern, done).phase;
                if last_phase.get_value() != Some(phase) {
                    last_phase.set_value(Some(phase));
                    if vibrate.get_untracked() {
                        browser::vibrate(60);
                    }
                }
                if done >= r.planned_ms {
                    finish(done);
                }
            },
            std::time::Duration::from_millis(100),
        )
        .ok();
        interval.set_value(handle);
    };
    on_cleanup(move || {
        if run.get_untracked().is_some() {
            finish(elapsed.get_untracked());
        }
    });

    let pattern_choices = Pattern::ALL
        .into_iter()
        .map(|p| Choice {
            id: p.id(),
            label: pattern_label(t, p),
        })
        .collect::<Vec<_>>();
    let length_choices = LENGTHS_MIN
        .iter()
        .map(|n| Choice {
            id: match n {
                1 => "1",
                3 => "3",
                _ => "5",
            },
            label: match n {
                1 => t.breathing().length_one,
                3 => t.breathing().length_three,
                _ => t.breathing().length_five,
            },
        })
        .collect::<Vec<_>>();

    let pacer = move || {
        run.get().map(|r| {
            let done = elapsed.get();
            let m = moment(r.pattern, done);
            let left = ((r.planned_ms.saturating_sub(done)) / 1000) as u32;
            let radius = 34.0 + 56.0 * m.fullness;
            view! {
                <div class="pacer card">
                    {(!reduced_motion)
                        .then(|| {
                            view! {
                                <svg class="pacer-circle" viewBox="0 0 200 200" aria-hidden="true">
                                    <circle class="pacer-track" cx="100" cy="100" r="92"/>
                                    <circle class="pacer-breath" cx="100" cy="100" r=format!("{radius:.1}")/>
                                </svg>
                            }
                        })}
                    <p class="pacer-phase" aria-live="polite">{phase_label(t, m.phase)}</p>
                    <p class="pacer-count" aria-hidden="true">{m.seconds_left}</p>
                    <progress
                        max=r.planned_ms.to_string()
                        value=done.min(r.planned_ms).to_string()
                        aria-label=t.breathing().progress_label
                    ></progress>
                    <p class="small">
                        {fill(t.breathing().remaining, &[("time", &clock(left))])} " · "
                        {fill(t.breathing().breath_count, &[("n", &(m.breath + 1).to_string())])}
                    </p>
                    <button type="button" class="button secondary" on:click=move |_| finish(elapsed.get_untracked())>
                        {t.breathing().stop}
                    </button>
                </div>
            }
        })
    };

    let result = move || {
        outcome.get().map(|o| {
            let body = if o.completed {
                let minutes = clock(o.done_seconds);
                fill(t.breathing().done_body, &[("minutes", &minutes)])
            } else {
                fill(
                    t.breathing().stopped_body,
                    &[("time", &clock(o.done_seconds))],
                )
            };
            view! {
                <div class="card done" role="status">
                    <h2>{t.breathing().done_title}</h2>
                    <p>{body}</p>
                </div>
            }
        })
    };

    view! {
        <section class="page breathing" aria-labelledby="breathing-title">
            <PageTitle id="breathing-title" text=t.breathing().title.to_string()/>
            <Show
                when=move || run.with(Option::is_some)
                fallback=move || {
                    view! {
                        <p class="lead">{t.breathing().intro}</p>
                        {result}
                        <div class="card">
                            <ChoiceList
                                name="pattern"
                                legend=t.breathing().pattern_legend
                                choices=pattern_choices.clone()
                                selected=pattern
                            />
                            <ChoiceList
                                name="length"
                                legend=t.breathing().length_legend
                                choices=length_choices.clone()
                                selected=length
                            />
                            {browser::can_vibrate()
                                .then(|| {
                                    view! {
                                        <label class="choice">
                                            <input
                                                type="checkbox"
                                                prop:checked=move || vibrate.get()
                                                on:change=move |ev| vibrate.set(event_target_checked(&ev))
                                            />
                                            <span>{t.breathing().vibrate}</span>
                                        </label>
                                    }
                                })}
                            <div class="actions">
                                <button type="button" class="button" on:click=start>
                                    {move || {
                                        if outcome.with(Option::is_some) {
                                            t.breathing().again
                                        } else {
                                            t.breathing().start
                                        }
                                    }}
                                </button>
                            </div>
                        </div>
                        <BreathingLog/>
                    }
                }
            >
                {pacer}
            </Show>
        </section>
    }
}

/// The last few sessions and the past week's total.
#[component]
fn BreathingLog() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let sessions = move || {
        let mut all: Vec<BreathingSession> = app
            .all::<BreathingSession>()
            .into_iter()
            .map(|(_, s, _)| s)
            .collect();
        crate::domain::order::sort_by_key(&mut all, |s| std::cmp::Reverse(s.started_at));
        all
    };
    view! {
        <div class="card">
            <h2>{t.breathing().log_heading}</h2>
            {move || {
                let all = sessions();
                if all.is_empty() {
                    return view! { <p class="small">{t.breathing().log_empty}</p> }.into_any();
                }
                let (count, minutes) = total_since(&all, time::now() - Duration::days(7));
                let items = all
                    .iter()
                    .take(5)
                    .map(|s| {
                        let pattern = pattern_short(t, s.pattern);
                        let text = if s.completed() {
                            fill(t.breathing().log_item, &[("pattern", pattern), ("time", &clock(s.done_seconds))])
                        } else {
                            fill(
                                t.breathing().log_item_partial,
                                &[
                                    ("pattern", pattern),
                                    ("time", &clock(s.done_seconds)),
                                    ("planned", &clock(s.planned_seconds)),
                                ],
                            )
                        };
                        let date = s.started_at.format("%-d %b, %H:%M").to_string();
                        view! {
                            <li>
                                <span>{text}</span>
                                <span class="small">{date}</span>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <p>
                        {fill(
                            t.breathing().log_week,
                            &[("count", &count.to_string()), ("minutes", &minutes.to_string())],
                        )}
                    </p>
                    <ul class="log">{items}</ul>
                }
                    .into_any()
            }}
        </div>
    }
}
