//! The solo-time ladder: the rungs reached, the next small step with "Plan
//! it", the person's own plans, "I did it" with comfort before and after,
//! a chart of comfort over time and the history.

use leptos::prelude::*;

use crate::app::use_app;
use crate::browser::{self, Debounce};
use crate::components::chart::{Chart, ChartData, Column, Point, Series, Shape};
use crate::components::confirm::Confirm;
use crate::components::feedback::FormMessage;
use crate::components::page_title::PageTitle;
use crate::components::rating::RatingSlider;
use crate::content::{fill, Text};
use crate::domain::solo_time::{
    climb, highest_reached, is_reached, suggest_next, waiting, SoloActivity, SoloDraft, Why,
    MAX_COMFORT, RUNGS,
};
use crate::domain::time;

/// The ladder's own words for a rung.
fn rung_text(t: &'static Text, rung: u8) -> &'static str {
    match rung {
        1 => t.solo_time().rung_1,
        2 => t.solo_time().rung_2,
        3 => t.solo_time().rung_3,
        4 => t.solo_time().rung_4,
        5 => t.solo_time().rung_5,
        6 => t.solo_time().rung_6,
        _ => t.solo_time().rung_7,
    }
}

/// What an activity is called: the person's words or the rung's.
fn activity_title(t: &'static Text, a: &SoloActivity) -> String {
    if a.custom.is_empty() {
        rung_text(t, a.rung).to_string()
    } else {
        a.custom.clone()
    }
}

/// A planned day as "5 Dec 2026".
fn day_words(day: &str) -> String {
    chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .map(|d| d.format("%-d %b %Y").to_string())
        .unwrap_or_else(|_| day.to_string())
}

fn rung_label(t: &'static Text, rung: u8) -> String {
    fill(t.solo_time().rung_label, &[("n", &rung.to_string())])
}

/// The ladder page.
#[component]
pub fn SoloTimePage() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let draft = app.get::<SoloDraft>(SoloDraft::ID).unwrap_or_default();
    let custom = RwSignal::new(draft.custom.clone());
    let custom_rung = RwSignal::new(draft.custom_rung.unwrap_or(1));
    let planned_for = RwSignal::new(draft.planned_for.clone());
    let finishing = RwSignal::new(draft.finishing.clone());
    let before = RwSignal::new(draft.before.unwrap_or(5));
    let after = RwSignal::new(draft.after.unwrap_or(5));
    let note = RwSignal::new(draft.note.clone());
    let message = RwSignal::new(None::<(bool, &'static str)>);
    let debounce = Debounce::new();

    let snapshot = move || SoloDraft {
        custom: custom.get(),
        custom_rung: Some(custom_rung.get()),
        planned_for: planned_for.get(),
        finishing: finishing.get(),
        before: Some(before.get()),
        after: Some(after.get()),
        note: note.get(),
    };
    // Keep what is typed: save the draft shortly after each change.
    Effect::new(move |previous: Option<SoloDraft>| {
        let now = snapshot();
        if previous.as_ref().is_some_and(|p| *p != now) {
            let copy = now.clone();
            debounce.call(move || {
                if copy.is_blank() {
                    let _ = app.delete::<SoloDraft>(SoloDraft::ID);
                } else {
                    let _ = app.save(SoloDraft::ID, &copy);
                }
            });
        }
        now
    });

    let activities = move || app.all::<SoloActivity>();
    let plain = move || {
        activities()
            .into_iter()
            .map(|(_, a, _)| a)
            .collect::<Vec<_>>()
    };

    let plan = move |rung: u8, words: &str, day: &str| {
        if let Some(a) = SoloActivity::plan(rung, words, day, time::now()) {
            let _ = app.save(&browser::new_id(), &a);
            message.set(Some((true, t.solo_time().planned)));
        }
    };

    let plan_own = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let words = custom.get_untracked();
        if words.trim().is_empty() {
            message.set(Some((false, t.solo_time().need_own)));
            return;
        }
        plan(
            custom_rung.get_untracked(),
            &words,
            &planned_for.get_untracked(),
        );
        custom.set(String::new());
        planned_for.set(String::new());
        custom_rung.set(1);
    };

    let ladder = move || {
        let acts = plain();
        let next = suggest_next(&acts).rung;
        let reached = (1..=RUNGS).filter(|&r| is_reached(&acts, r)).count();
        let summary = if reached == 0 {
            t.solo_time().ladder_none.to_string()
        } else {
            fill(
                t.solo_time().ladder_summary,
                &[("reached", &reached.to_string())],
            )
        };
        view! {
            <p>{summary}</p>
            <ol class="ladder" role="list">
                {(1..=RUNGS)
                    .rev()
                    .map(|r| {
                        let done = is_reached(&acts, r);
                        let is_next = r == next && !done;
                        let class = if done {
                            "rung reached"
                        } else if is_next {
                            "rung next"
                        } else {
                            "rung"
                        };
                        view! {
                            <li class=class>
                                <span class="rung-number">{r}</span>
                                <span class="rung-text">
                                    <span class="visually-hidden">{rung_label(t, r)}": "</span>
                                    {rung_text(t, r)}
                                </span>
                                {done.then(|| view! { <span class="rung-tag">{t.solo_time().rung_reached}</span> })}
                                {is_next.then(|| view! { <span class="rung-tag next">{t.solo_time().rung_next}</span> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        }
    };

    let suggestion = move || {
        let s = suggest_next(&plain());
        let why = match s.why {
            Why::Start => t.solo_time().suggest_start,
            Why::Stay => t.solo_time().suggest_stay,
            Why::Up => t.solo_time().suggest_up,
            Why::Top => t.solo_time().suggest_top,
        };
        view! {
            <p class="suggest-step">
                <span class="small">{rung_label(t, s.rung)}</span>
                <br/>
                <strong>{rung_text(t, s.rung)}</strong>
            </p>
            <p>{why}</p>
            <div class="actions">
                <button type="button" class="button" on:click=move |_| plan(s.rung, "", "")>
                    {t.solo_time().plan_it}
                </button>
            </div>
        }
    };

    view! {
        <section class="page solo" aria-labelledby="solo-title">
            <PageTitle id="solo-title" text=t.solo_time().title.to_string()/>
            <p class="lead">{t.solo_time().intro}</p>
            <div class="card">
                <h2>{t.solo_time().ladder_heading}</h2>
                {ladder}
            </div>
            <div class="card">
                <h2>{t.solo_time().suggest_heading}</h2>
                {suggestion}
                <FormMessage message/>
            </div>
            <form class="card" on:submit=plan_own novalidate>
                <h2>{t.solo_time().own_heading}</h2>
                <p class="hint">{t.solo_time().own_hint}</p>
                <div class="field">
                    <label for="solo-own">{t.solo_time().own_label}</label>
                    <input
                        id="solo-own"
                        type="text"
                        maxlength="200"
                        prop:value=move || custom.get()
                        on:input=move |ev| custom.set(event_target_value(&ev))
                    />
                </div>
                <div class="field">
                    <label for="solo-own-rung">{t.solo_time().own_rung_legend}</label>
                    <select
                        id="solo-own-rung"
                        prop:value=move || custom_rung.get().to_string()
                        on:change=move |ev| {
                            if let Ok(r) = event_target_value(&ev).parse::<u8>() {
                                custom_rung.set(r.clamp(1, RUNGS));
                            }
                        }
                    >
                        {(1..=RUNGS)
                            .map(|r| {
                                view! {
                                    <option value=r.to_string() selected=move || custom_rung.get() == r>
                                        {fill(
                                            t.solo_time().own_rung_option,
                                            &[("n", &r.to_string()), ("example", rung_text(t, r))],
                                        )}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="solo-day">{t.solo_time().day_label}</label>
                    <input
                        id="solo-day"
                        type="date"
                        prop:value=move || planned_for.get()
                        on:input=move |ev| planned_for.set(event_target_value(&ev))
                    />
                </div>
                <div class="actions">
                    <button type="submit" class="button secondary">{t.solo_time().plan_own}</button>
                </div>
            </form>
            <Plans finishing before after note message/>
            <SoloHistory/>
        </section>
    }
}

/// The plans that wait, each with "I did it" and "Take it off".
#[component]
fn Plans(
    finishing: RwSignal<Option<String>>,
    before: RwSignal<u8>,
    after: RwSignal<u8>,
    note: RwSignal<String>,
    /// The "added to your plans" line above, cleared once a plan is being done.
    message: RwSignal<Option<(bool, &'static str)>>,
) -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let removing = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);

    let finish = move |id: String| {
        if let Some(mut a) = app.get::<SoloActivity>(&id) {
            a.finish(
                before.get_untracked(),
                after.get_untracked(),
                &note.get_untracked(),
                time::now(),
            );
            let _ = app.save(&id, &a);
            finishing.set(None);
            before.set(5);
            after.set(5);
            note.set(String::new());
            saved.set(true);
        }
    };

    let waiting_list = move || {
        let all: Vec<(String, SoloActivity)> = app
            .all::<SoloActivity>()
            .into_iter()
            .map(|(id, a, _)| (id, a))
            .collect();
        waiting(&all).into_iter().cloned().collect::<Vec<_>>()
    };

    view! {
        <div class="card">
            <h2>{t.solo_time().plans_heading}</h2>
            {move || {
                saved.get().then(|| view! { <p class="success" role="status">{t.solo_time().saved_done}</p> })
            }}
            {move || {
                if waiting_list().is_empty() {
                    view! { <p>{t.solo_time().plans_none}</p> }.into_any()
                } else {
                    view! { <p class="hint">{t.solo_time().plans_hint}</p> }.into_any()
                }
            }}
            <ul class="solo-plans">
                <For
                    each=waiting_list
                    key=|(id, _)| id.clone()
                    children=move |(id, a)| {
                                let title = activity_title(t, &a);
                                let id_finish = id.clone();
                                let id_open = id.clone();
                                let id_remove = id.clone();
                                let id_is_open = id.clone();
                                let id_is_removing = id.clone();
                                let form_id = format!("solo-finish-{id}");
                                view! {
                                    <li class="solo-plan">
                                        <p class="solo-plan-title">
                                            <strong>{title}</strong>
                                            <br/>
                                            <span class="small">
                                                {rung_label(t, a.rung)}
                                                {a
                                                    .planned_for
                                                    .clone()
                                                    .map(|d| format!(" · {}", fill(t.solo_time().plan_for, &[("day", &day_words(&d))])))}
                                            </span>
                                        </p>
                                        {move || {
                                            let open = finishing.get().as_deref() == Some(id_is_open.as_str());
                                            let id_finish = id_finish.clone();
                                            let id_open = id_open.clone();
                                            let id_remove = id_remove.clone();
                                            if open {
                                                let form_id = form_id.clone();
                                                view! {
                                                    <form
                                                        class="solo-finish"
                                                        on:submit=move |ev: leptos::ev::SubmitEvent| {
                                                            ev.prevent_default();
                                                            finish(id_finish.clone());
                                                        }
                                                    >
                                                        <h3>{t.solo_time().finish_heading}</h3>
                                                        <RatingSlider
                                                            id=format!("{form_id}-before")
                                                            label=t.solo_time().before_label.to_string()
                                                            value=before
                                                            max=MAX_COMFORT
                                                            step=1
                                                            low=t.solo_time().low
                                                            high=t.solo_time().high
                                                        />
                                                        <RatingSlider
                                                            id=format!("{form_id}-after")
                                                            label=t.solo_time().after_label.to_string()
                                                            value=after
                                                            max=MAX_COMFORT
                                                            step=1
                                                            low=t.solo_time().low
                                                            high=t.solo_time().high
                                                        />
                                                        <div class="field">
                                                            <label for=format!("{form_id}-note")>{t.solo_time().note_label}</label>
                                                            <textarea
                                                                id=format!("{form_id}-note")
                                                                prop:value=move || note.get()
                                                                on:input=move |ev| note.set(event_target_value(&ev))
                                                            ></textarea>
                                                        </div>
                                                        <div class="actions">
                                                            <button type="submit" class="button">{t.solo_time().save_done}</button>
                                                            <button
                                                                type="button"
                                                                class="button secondary"
                                                                on:click=move |_| finishing.set(None)
                                                            >
                                                                {t.solo_time().cancel}
                                                            </button>
                                                        </div>
                                                    </form>
                                                }
                                                    .into_any()
                                            } else {
                                                view! {
                                                    <div class="actions">
                                                        <button
                                                            type="button"
                                                            class="button"
                                                            on:click=move |_| {
                                                                saved.set(false);
                                                                message.set(None);
                                                                before.set(5);
                                                                after.set(5);
                                                                note.set(String::new());
                                                                finishing.set(Some(id_open.clone()));
                                                            }
                                                        >
                                                            {t.solo_time().did_it}
                                                        </button>
                                                        <button
                                                            type="button"
                                                            class="button secondary"
                                                            on:click=move |_| removing.set(Some(id_remove.clone()))
                                                        >
                                                            {t.solo_time().remove}
                                                        </button>
                                                    </div>
                                                }
                                                    .into_any()
                                            }
                                        }}
                                        {move || {
                                            (removing.get().as_deref() == Some(id_is_removing.as_str()))
                                                .then(|| {
                                                    let id = id_is_removing.clone();
                                                    view! {
                                                        <Confirm
                                                            title=t.solo_time().remove_title
                                                            body=t.solo_time().remove_body
                                                            confirm_label=t.solo_time().remove_yes
                                                            cancel_label=t.solo_time().remove_no
                                                            on_confirm=Callback::new(move |_| {
                                                                let _ = app.delete::<SoloActivity>(&id);
                                                                if finishing.get_untracked().as_deref() == Some(id.as_str()) {
                                                                    finishing.set(None);
                                                                }
                                                                removing.set(None);
                                                            })
                                                            on_cancel=Callback::new(move |_| removing.set(None))
                                                        />
                                                    }
                                                })
                                        }}
                                    </li>
                                }
                    }
                />
            </ul>
        </div>
    }
}

fn chart_data(t: &'static Text, acts: &[SoloActivity]) -> ChartData {
    let points_all = climb(acts);
    // The latest ten, oldest first.
    let skip = points_all.len().saturating_sub(10);
    let shown = &points_all[skip..];
    let columns = shown
        .iter()
        .map(|p| Column {
            label: p.at.format("%-d").to_string(),
            sublabel: p.at.format("%b").to_string(),
            name: format!("{} · {}", p.at.format("%-d %b"), rung_label(t, p.rung)),
        })
        .collect();
    let series = vec![
        Series {
            name: t.solo_time().chart_before.to_string(),
            legend: t.solo_time().chart_before.to_string(),
            shape: Shape::Circle,
            tone: 2,
        },
        Series {
            name: t.solo_time().chart_after.to_string(),
            legend: t.solo_time().chart_after.to_string(),
            shape: Shape::Square,
            tone: 1,
        },
    ];
    let points = shown
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            [
                Point {
                    column: i,
                    series: 0,
                    value: f64::from(p.before),
                    label: fill(
                        t.solo_time().chart_cell_before,
                        &[("value", &p.before.to_string())],
                    ),
                },
                Point {
                    column: i,
                    series: 1,
                    value: f64::from(p.after),
                    label: fill(
                        t.solo_time().chart_cell_after,
                        &[("value", &p.after.to_string())],
                    ),
                },
            ]
        })
        .collect();
    ChartData {
        summary: fill(
            t.solo_time().chart_summary,
            &[("count", &shown.len().to_string())],
        ),
        columns,
        series,
        points,
        min: 0.0,
        max: f64::from(MAX_COMFORT),
        ticks: vec![0.0, 5.0, 10.0],
        label_every: None,
        axis_label: t.solo_time().chart_axis.to_string(),
        legend_label: t.solo_time().chart_legend.to_string(),
        table_toggle: t.solo_time().chart_toggle.to_string(),
        table_caption: t.solo_time().chart_caption.to_string(),
        table_first_header: t.solo_time().chart_first.to_string(),
        table_value_header: t.solo_time().chart_value.to_string(),
        skip_empty_note: None,
    }
}

/// Comfort over time and the activities done, newest first.
#[component]
fn SoloHistory() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let acts = move || {
        app.all::<SoloActivity>()
            .into_iter()
            .map(|(_, a, _)| a)
            .collect::<Vec<_>>()
    };
    let data = Signal::derive(move || chart_data(t, &acts()));
    view! {
        <div class="card">
            <h2>{t.solo_time().history_heading}</h2>
            {move || {
                let all = acts();
                let mut done: Vec<SoloActivity> = all.iter().filter(|a| a.done.is_some()).cloned().collect();
                if done.is_empty() {
                    return view! { <p>{t.solo_time().history_none}</p> }.into_any();
                }
                crate::domain::order::sort_by_key(&mut done, |a| std::cmp::Reverse(a.done.as_ref().map(|d| d.at)));
                let highest = highest_reached(&all);
                view! {
                    {(highest > 0)
                        .then(|| view! { <p>{fill(t.solo_time().climb_line, &[("rung", &highest.to_string())])}</p> })}
                    <Chart id="solo-chart" data/>
                    <ul class="log">
                        {done
                            .into_iter()
                            .take(20)
                            .map(|a| {
                                let d = a.done.clone().expect("filtered");
                                view! {
                                    <li>
                                        <span>
                                            <strong>{activity_title(t, &a)}</strong>
                                            <br/>
                                            <span class="small">
                                                {fill(
                                                    t.solo_time().history_item,
                                                    &[("before", &d.before.to_string()), ("after", &d.after.to_string())],
                                                )}
                                                " · "
                                                {d.at.format("%-d %b").to_string()}
                                            </span>
                                            {(!d.note.is_empty()).then(|| view! { <br/><span class="small">{d.note.clone()}</span> })}
                                        </span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </div>
    }
}
