//! The questionnaires: an overview with each scale's last score, trend and
//! when it is next offered; one page per scale with its items (kept as a
//! draft while answered) and the plain-words result.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::app::router::param;
use crate::app::{href, use_app};
use crate::components::chart::{Chart, ChartData, Column, Point, Series, Shape};
use crate::components::choice::{Choice, ChoiceList};
use crate::components::page_title::PageTitle;
use crate::content::{fill, Text};
use crate::domain::measures::{
    change, format_score, latest, next_offer, trend, Band, Change, MeasureDraft, MeasureResult,
    MeasureSettings, Scale, EVERY_DAYS_CHOICES,
};
use crate::domain::time;
use crate::pages::not_found::NotFoundPage;

/// The words of one scale.
pub struct ScaleWords {
    pub name: &'static str,
    pub full_name: &'static str,
    pub intro: &'static str,
    pub items: Vec<&'static str>,
    /// (stored value, words), in the order shown.
    pub answers: Vec<(u8, &'static str)>,
    pub low: &'static str,
    pub middle: &'static str,
    pub high: &'static str,
}

/// The words for `scale` in this language.
pub fn words(t: &'static Text, scale: Scale) -> ScaleWords {
    match scale {
        Scale::Rosenberg => ScaleWords {
            name: t.measures().rosenberg_name,
            full_name: t.measures().rosenberg_full_name,
            intro: t.measures().rosenberg_intro,
            items: vec![
                t.measures().rosenberg_item_1,
                t.measures().rosenberg_item_2,
                t.measures().rosenberg_item_3,
                t.measures().rosenberg_item_4,
                t.measures().rosenberg_item_5,
                t.measures().rosenberg_item_6,
                t.measures().rosenberg_item_7,
                t.measures().rosenberg_item_8,
                t.measures().rosenberg_item_9,
                t.measures().rosenberg_item_10,
            ],
            answers: vec![
                (3, t.measures().rosenberg_answer_3),
                (2, t.measures().rosenberg_answer_2),
                (1, t.measures().rosenberg_answer_1),
                (0, t.measures().rosenberg_answer_0),
            ],
            low: t.measures().rosenberg_low,
            middle: t.measures().rosenberg_middle,
            high: t.measures().rosenberg_high,
        },
        Scale::SelfCompassion => ScaleWords {
            name: t.measures().self_compassion_name,
            full_name: t.measures().self_compassion_full_name,
            intro: t.measures().self_compassion_intro,
            items: vec![
                t.measures().self_compassion_item_1,
                t.measures().self_compassion_item_2,
                t.measures().self_compassion_item_3,
                t.measures().self_compassion_item_4,
                t.measures().self_compassion_item_5,
                t.measures().self_compassion_item_6,
                t.measures().self_compassion_item_7,
                t.measures().self_compassion_item_8,
                t.measures().self_compassion_item_9,
                t.measures().self_compassion_item_10,
                t.measures().self_compassion_item_11,
                t.measures().self_compassion_item_12,
            ],
            answers: vec![
                (1, t.measures().self_compassion_answer_1),
                (2, t.measures().self_compassion_answer_2),
                (3, t.measures().self_compassion_answer_3),
                (4, t.measures().self_compassion_answer_4),
                (5, t.measures().self_compassion_answer_5),
            ],
            low: t.measures().self_compassion_low,
            middle: t.measures().self_compassion_middle,
            high: t.measures().self_compassion_high,
        },
        Scale::Who5 => ScaleWords {
            name: t.measures().who5_name,
            full_name: t.measures().who5_full_name,
            intro: t.measures().who5_intro,
            items: vec![
                t.measures().who5_item_1,
                t.measures().who5_item_2,
                t.measures().who5_item_3,
                t.measures().who5_item_4,
                t.measures().who5_item_5,
            ],
            answers: vec![
                (5, t.measures().who5_answer_5),
                (4, t.measures().who5_answer_4),
                (3, t.measures().who5_answer_3),
                (2, t.measures().who5_answer_2),
                (1, t.measures().who5_answer_1),
                (0, t.measures().who5_answer_0),
            ],
            low: t.measures().who5_low,
            middle: t.measures().who5_middle,
            high: t.measures().who5_high,
        },
    }
}

fn every_label(t: &'static Text, days: u16) -> &'static str {
    match days {
        7 => t.measures().page_every_7,
        14 => t.measures().page_every_14,
        30 => t.measures().page_every_30,
        _ => t.measures().page_every_60,
    }
}

fn date_words(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// "12 out of 30" / "3.2 on a scale of 1 to 5" / "48 out of 100".
pub fn score_words(t: &'static Text, scale: Scale, score: f64) -> String {
    let shown = format_score(scale, score);
    match scale {
        Scale::SelfCompassion => fill(t.measures().result_score_mean, &[("score", &shown)]),
        _ => {
            let max = format_score(scale, scale.score_range().1);
            fill(
                t.measures().result_score,
                &[("score", &shown), ("max", &max)],
            )
        }
    }
}

fn change_words(t: &'static Text, c: Change) -> &'static str {
    match c {
        Change::Up => t.measures().page_change_up,
        Change::Down => t.measures().page_change_down,
        Change::AboutTheSame => t.measures().page_change_same,
    }
}

/// The interval chosen for offering the scales again.
fn every_days(app: &crate::app::AppState) -> u16 {
    app.get::<MeasureSettings>(MeasureSettings::ID)
        .unwrap_or_default()
        .every_days
}

/// The trend chart data for one scale.
fn trend_chart(t: &'static Text, scale: Scale, results: &[MeasureResult]) -> ChartData {
    let w = words(t, scale);
    let points = trend(results, scale);
    let (min, max) = scale.score_range();
    let spoken = points
        .iter()
        .map(|(at, s)| format!("{} {}", at.format("%-d %b"), format_score(scale, *s)))
        .collect::<Vec<_>>()
        .join(", ");
    let ticks = match scale {
        Scale::Rosenberg => vec![0.0, 15.0, 30.0],
        Scale::SelfCompassion => vec![1.0, 3.0, 5.0],
        Scale::Who5 => vec![0.0, 50.0, 100.0],
    };
    ChartData {
        summary: fill(
            t.measures().page_trend_summary,
            &[("name", w.name), ("points", &spoken)],
        ),
        columns: points
            .iter()
            .map(|(at, _)| Column {
                label: at.format("%-d").to_string(),
                sublabel: at.format("%b").to_string(),
                name: at.format("%-d %b %Y").to_string(),
            })
            .collect(),
        series: vec![Series {
            name: t.measures().page_trend_table_score.to_string(),
            legend: w.name.to_string(),
            shape: Shape::Circle,
            tone: 1,
        }],
        points: points
            .iter()
            .enumerate()
            .map(|(i, (_, s))| Point {
                column: i,
                series: 0,
                value: *s,
                label: format_score(scale, *s),
            })
            .collect(),
        min,
        max,
        ticks,
        label_every: None,
        axis_label: t.measures().page_trend_axis.to_string(),
        legend_label: t.measures().page_trend_legend.to_string(),
        table_toggle: t.measures().page_trend_table_toggle.to_string(),
        table_caption: fill(t.measures().page_trend_table_caption, &[("name", w.name)]),
        table_first_header: t.measures().page_trend_table_date.to_string(),
        table_value_header: t.measures().page_trend_table_score.to_string(),
        skip_empty_note: None,
    }
}

/// The overview of the three scales.
#[component]
pub fn MeasuresPage() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let every = RwSignal::new(Some(match every_days(&app) {
        7 => "7",
        30 => "30",
        60 => "60",
        _ => "14",
    }));
    let saved = RwSignal::new(false);
    Effect::new(move |first: Option<()>| {
        let chosen = every.get();
        if first.is_some() {
            if let Some(days) = chosen.and_then(|d| d.parse::<u16>().ok()) {
                let _ = app.save(MeasureSettings::ID, &MeasureSettings { every_days: days });
                saved.set(true);
            }
        }
    });
    view! {
        <section class="page measures" aria-labelledby="measures-title">
            <PageTitle id="measures-title" text=t.measures().page_title.to_string()/>
            <p class="lead">{t.measures().page_intro}</p>
            <p class="disclaimer">{t.measures().page_not_a_test}</p>
            {Scale::ALL.into_iter().map(|scale| view! { <ScaleCard scale/> }).collect_view()}
            <div class="card">
                <ChoiceList
                    name="measure-every"
                    legend=t.measures().page_every_legend
                    choices=EVERY_DAYS_CHOICES
                        .into_iter()
                        .map(|d| Choice {
                            id: match d {
                                7 => "7",
                                14 => "14",
                                30 => "30",
                                _ => "60",
                            },
                            label: every_label(t, d),
                        })
                        .collect()
                    selected=every
                />
                <Show when=move || saved.get()>
                    <p class="success" role="status">{t.measures().page_every_saved}</p>
                </Show>
            </div>
        </section>
    }
}

/// One scale on the overview.
#[component]
fn ScaleCard(scale: Scale) -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let w = words(t, scale);
    let minutes = scale.items().div_ceil(5).max(1);
    let heading_id = format!("scale-{}", scale.id());
    let labelled_by = heading_id.clone();
    view! {
        <article class="card scale-card" aria-labelledby=labelled_by>
            <h2 id=heading_id>{w.name}</h2>
            <p class="small muted">
                {w.full_name}
                " · "
                {fill(
                    t.measures().page_about,
                    &[("items", &scale.items().to_string()), ("minutes", &minutes.to_string())],
                )}
            </p>
            {move || {
                let results: Vec<MeasureResult> = app
                    .all::<MeasureResult>()
                    .into_iter()
                    .map(|(_, r, _)| r)
                    .collect();
                let today = time::now().date_naive();
                let last = latest(&results, scale).cloned();
                let next = next_offer(&results, scale, every_days(&app), today);
                let has_draft = app.get::<MeasureDraft>(scale.id()).is_some_and(|d| d.answered() > 0);
                let points = trend(&results, scale);
                let moved = change(scale, &points);
                let status = match &last {
                    None => t.measures().page_never_taken.to_string(),
                    Some(r) => fill(
                        t.measures().page_last,
                        &[
                            ("date", &date_words(r.at.date_naive())),
                            ("score", &score_words(t, scale, r.score())),
                        ],
                    ),
                };
                let when = if next <= today {
                    t.measures().page_ready.to_string()
                } else {
                    fill(t.measures().page_next, &[("date", &date_words(next))])
                };
                let action = if has_draft {
                    t.measures().page_continue
                } else if last.is_some() {
                    t.measures().page_again
                } else {
                    t.measures().page_start
                };
                let chart = (points.len() >= 2).then(|| {
                    let data = trend_chart(t, scale, &results);
                    view! { <Chart id=scale.id() data=Signal::derive(move || data.clone())/> }
                });
                view! {
                    <p>{status}</p>
                    {moved.map(|c| view! { <p>{change_words(t, c)}</p> })}
                    {chart}
                    <p class="small">{when}</p>
                    <a href=href(&format!("/measures/{}", scale.id())) class="button">
                        {action}
                        <span class="visually-hidden">{format!(": {}", w.name)}</span>
                    </a>
                }
            }}
        </article>
    }
}

/// One questionnaire: its items, then the result.
#[component]
pub fn MeasureFormPage() -> impl IntoView {
    match Scale::from_id(&param("scale")) {
        Some(scale) => view! { <MeasureForm scale/> }.into_any(),
        None => view! { <NotFoundPage/> }.into_any(),
    }
}

#[component]
fn MeasureForm(scale: Scale) -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let w = words(t, scale);
    let draft = app
        .get::<MeasureDraft>(scale.id())
        .filter(|d| d.scale == scale && d.check().is_ok())
        .unwrap_or_else(|| MeasureDraft::new(scale, time::now()));
    let answers = RwSignal::new(draft.answers.clone());
    let started = draft.started;
    let result = RwSignal::new(None::<(MeasureResult, Option<f64>)>);
    let missing = RwSignal::new(Vec::<usize>::new());
    let save_draft = move || {
        let d = MeasureDraft {
            scale,
            answers: answers.get_untracked(),
            started,
        };
        let _ = app.save(scale.id(), &d);
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let d = MeasureDraft {
            scale,
            answers: answers.get_untracked(),
            started,
        };
        match d.complete(time::now()) {
            None => missing.set(
                d.answers
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| a.is_none())
                    .map(|(i, _)| i + 1)
                    .collect(),
            ),
            Some(r) => {
                let before: Vec<MeasureResult> = app
                    .all::<MeasureResult>()
                    .into_iter()
                    .map(|(_, r, _)| r)
                    .collect();
                let previous = latest(&before, scale).map(MeasureResult::score);
                let _ = app.save(&crate::browser::new_id(), &r);
                app.delete::<MeasureDraft>(scale.id());
                missing.set(Vec::new());
                result.set(Some((r, previous)));
                crate::browser::focus_main_heading();
            }
        }
    };
    let answered = move || answers.with(|a| a.iter().flatten().count());
    let total = scale.items();
    let title = w.full_name.to_string();
    let items = w.items.clone();
    let choices = w.answers.clone();
    view! {
        <section class="page measure-form" aria-labelledby="measure-title">
            <PageTitle id="measure-title" text=title/>
            <Show
                when=move || result.with(Option::is_some)
                fallback=move || {
                    let items = items.clone();
                    let choices = choices.clone();
                    view! {
                        <p class="lead">{w.intro}</p>
                        <p class="small" role="status">
                            {move || {
                                fill(
                                    t.measures().form_progress,
                                    &[("answered", &answered().to_string()), ("total", &total.to_string())],
                                )
                            }}
                        </p>
                        <form class="measure-items" on:submit=submit novalidate>
                            <ol class="item-list">
                                {items
                                    .into_iter()
                                    .enumerate()
                                    .map(|(i, item)| {
                                        let choices = choices.clone();
                                        view! {
                                            <li>
                                                <fieldset class="measure-item">
                                                    <legend>{item}</legend>
                                                    <div class="answer-row">
                                                        {choices
                                                            .into_iter()
                                                            .map(|(value, label)| {
                                                                view! {
                                                                    <label class="measure-answer">
                                                                        <input
                                                                            type="radio"
                                                                            name=format!("{}-{i}", scale.id())
                                                                            value=value.to_string()
                                                                            prop:checked=move || {
                                                                                answers.with(|a| a[i] == Some(value))
                                                                            }
                                                                            on:change=move |_| {
                                                                                answers.update(|a| a[i] = Some(value));
                                                                                save_draft();
                                                                            }
                                                                        />
                                                                        <span>{label}</span>
                                                                    </label>
                                                                }
                                                            })
                                                            .collect_view()}
                                                    </div>
                                                </fieldset>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ol>
                            {move || {
                                let m = missing.get();
                                (!m.is_empty())
                                    .then(|| {
                                        let numbers = m
                                            .iter()
                                            .map(ToString::to_string)
                                            .collect::<Vec<_>>()
                                            .join(", ");
                                        view! {
                                            <p class="error" role="alert">
                                                {fill(t.measures().form_incomplete, &[("numbers", &numbers)])}
                                            </p>
                                        }
                                    })
                            }}
                            <div class="actions">
                                <button type="submit" class="button">{t.measures().form_submit}</button>
                            </div>
                        </form>
                    }
                }
            >
                {move || result.get().map(|(r, previous)| view! { <MeasureResultView result=r previous/> })}
            </Show>
            <p>
                <a href=href("/measures") class="button secondary">{t.measures().form_back}</a>
            </p>
        </section>
    }
}

/// The score, what it means in plain words, and what it does not.
#[component]
fn MeasureResultView(result: MeasureResult, previous: Option<f64>) -> impl IntoView {
    let t = use_app().text;
    let scale = result.scale;
    let w = words(t, scale);
    let score = result.score();
    let band = scale.band(score);
    let meaning = match band {
        Band::Low => w.low,
        Band::Middle => w.middle,
        Band::High => w.high,
    };
    let moved = previous.and_then(|p| {
        let a = result.at;
        change(scale, &[(a, p), (a, score)])
    });
    view! {
        <div class="card result" role="region" aria-labelledby="result-heading">
            <h2 id="result-heading">{t.measures().result_heading}</h2>
            <p class="score">{score_words(t, scale, score)}</p>
            <p>{meaning}</p>
            {moved.map(|c| view! { <p>{change_words(t, c)}</p> })}
            <p class="small">{t.measures().result_what_not}</p>
            {(band == Band::Low)
                .then(|| {
                    view! {
                        <p>
                            {t.measures().result_talk}
                            " "
                            <a href=href("/help")>{t.measures().result_talk_link}</a>
                        </p>
                    }
                })}
        </div>
    }
}
