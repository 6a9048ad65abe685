//! The feelings check-in: name a feeling from four groups, say how strong it
//! is and what was going on, then look back over a week or a month and at
//! the recent check-ins. The rules and summaries live in
//! `crate::domain::feelings`; this page only shows them.

use leptos::html;
use leptos::prelude::*;

use crate::app::use_app;
use crate::browser::{self, Debounce};
use crate::components::chart::{Chart, ChartData, Column, LegendMark, Point, Series, Shape};
use crate::components::later::Later;
use crate::components::page_title::PageTitle;
use crate::components::rating::RatingSlider;
use crate::content::{fill, Text};
use crate::domain::feelings::{
    day_words, period_words, summarise, weekday_name, when_words, CheckIn, Context, Draft, Group,
    Period, Span, Step, Summary, DEFAULT_INTENSITY, MAX_CONTEXT_TEXT, MAX_INTENSITY, MAX_NOTE,
    MIN_INTENSITY,
};
use crate::domain::time;

/// How many check-ins the recent list shows.
const RECENT: usize = 10;

fn shape_of(g: Group) -> Shape {
    match g {
        Group::PleasantHigh => Shape::Triangle,
        Group::PleasantLow => Shape::Circle,
        Group::UnpleasantHigh => Shape::Diamond,
        Group::UnpleasantLow => Shape::Square,
    }
}

fn tone_of(g: Group) -> u8 {
    g.index() as u8 + 1
}

/// The page: check in, look back, recent check-ins.
#[component]
pub fn FeelingsPage() -> impl IntoView {
    let t = use_app().text;
    let history_heading = NodeRef::<html::H2>::new();
    let show_history = Callback::new(move |()| {
        if let Some(h) = history_heading.get_untracked() {
            h.scroll_into_view();
            let _ = h.focus();
        }
    });
    view! {
        <section class="page feelings" aria-labelledby="feelings-title">
            <PageTitle id="feelings-title" text=t.feelings().page_title.to_string()/>
            <p class="lead">{t.feelings().page_lead}</p>
            <CheckInCard show_history=show_history/>
            <Later>
                <History heading=history_heading/>
            </Later>
            <Later>
                <Recent/>
            </Later>
        </section>
    }
}

/// The two-step check-in, kept as a draft while the person goes.
#[component]
fn CheckInCard(show_history: Callback<()>) -> impl IntoView {
    let app = use_app();
    let loaded = untrack(|| app.get::<Draft>(Draft::ID)).unwrap_or_default();
    let intensity = RwSignal::new(loaded.intensity);
    let last_written = StoredValue::new(loaded.clone());
    let draft = RwSignal::new(loaded);
    let saved = RwSignal::new(None::<CheckIn>);
    let missing = RwSignal::new(false);
    // Focus follows the step only after the person moved, never on arrival.
    let moved = StoredValue::new(false);
    let debounce = Debounce::new();

    // Writes the draft now if it changed since the last write.
    let flush = move || {
        let Some(d) = draft.try_get_untracked() else {
            return;
        };
        if last_written.try_get_value().as_ref() == Some(&d) {
            return;
        }
        if d.is_empty() {
            app.delete::<Draft>(Draft::ID);
        } else {
            let _ = app.save(Draft::ID, &d);
        }
        last_written.set_value(d);
    };

    Effect::new(move |_| {
        let v = intensity.get();
        draft.update(|d| {
            if d.intensity != v {
                d.intensity = v;
            }
        });
    });
    // Debounced writes while typing or choosing.
    Effect::new(move |_| {
        let d = draft.get();
        if last_written.with_value(|w| *w == d) {
            return;
        }
        debounce.call(flush);
    });
    let on_hide = window_event_listener(leptos::ev::pagehide, move |_| flush());
    let on_hidden = window_event_listener(leptos::ev::visibilitychange, move |_| flush());
    on_cleanup(move || {
        flush();
        on_hide.remove();
        on_hidden.remove();
    });

    let go_to = move |step: Step| {
        moved.set_value(true);
        draft.update(|d| d.step = step);
        flush();
    };
    let next = move |_| {
        if draft.with_untracked(|d| d.feeling.is_none()) {
            missing.set(true);
        } else {
            missing.set(false);
            go_to(Step::Details);
        }
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let d = draft.get_untracked();
        let Some(check_in) = d.finish(time::now()) else {
            go_to(Step::Name);
            missing.set(true);
            return;
        };
        // A refused write stays queued in memory and the storage notice says
        // so; the check-in is not lost.
        let _ = app.save(&browser::new_id(), &check_in);
        moved.set_value(true);
        saved.set(Some(check_in));
        draft.set(Draft::default());
        intensity.set(DEFAULT_INTENSITY);
        flush();
    };
    let again = move |_| {
        moved.set_value(true);
        saved.set(None);
    };
    // The step alone: the view below is built again only when it changes,
    // not on every letter typed into the draft (a new text box each time
    // lost the caret and the letters typed after it).
    let step = Memo::new(move |_| draft.with(|d| d.step));

    view! {
        <div class="card checkin">
            {move || {
                if let Some(c) = saved.get() {
                    view! { <Saved check_in=c moved=moved again=again show_history=show_history/> }
                        .into_any()
                } else if step.get() == Step::Details {
                    view! {
                        <Details
                            draft=draft
                            intensity=intensity
                            moved=moved
                            on_submit=save
                            back=move |_| go_to(Step::Name)
                            flush=flush
                        />
                    }
                        .into_any()
                } else {
                    view! { <Picker draft=draft missing=missing moved=moved next=next/> }.into_any()
                }
            }}
        </div>
    }
}

/// Focuses `heading` once it is in the page, if the person moved here.
fn focus_when_moved(heading: NodeRef<html::H2>, moved: StoredValue<bool>) {
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            if moved.get_value() {
                let _ = h.focus();
            }
        }
    });
}

/// Step 1: the words, in four groups.
#[component]
fn Picker(
    draft: RwSignal<Draft>,
    missing: RwSignal<bool>,
    moved: StoredValue<bool>,
    next: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    let t = use_app().text;
    let heading = NodeRef::<html::H2>::new();
    focus_when_moved(heading, moved);
    // The first group fills the screen; the others follow a frame later.
    let groups = Group::ALL
        .into_iter()
        .enumerate()
        .map(|(i, group)| {
            if i == 0 {
                view! { <FeelingGroup group draft missing/> }.into_any()
            } else {
                view! {
                    <Later>
                        <FeelingGroup group draft missing/>
                    </Later>
                }
                .into_any()
            }
        })
        .collect_view();
    let chosen = move || draft.with(|d| d.feeling.map(|f| f.label(t)));
    view! {
        <p class="small step">{fill(t.feelings().page_step, &[("n", "1")])}</p>
        <h2 tabindex="-1" node_ref=heading>{t.feelings().pick_heading}</h2>
        <p class="hint">{t.feelings().pick_hint}</p>
        {groups}
        <div class="feelings-next">
            <Show when=move || missing.get()>
                <p class="error" role="alert">{t.feelings().pick_need_feeling}</p>
            </Show>
            <button type="button" class="button" on:click=next>
                {move || {
                    chosen()
                        .map_or_else(
                            || t.feelings().pick_next.to_string(),
                            |w| fill(t.feelings().pick_next_with, &[("feeling", w)]),
                        )
                }}
            </button>
        </div>
    }
}

/// One group of feeling words, each a radio button.
#[component]
fn FeelingGroup(group: Group, draft: RwSignal<Draft>, missing: RwSignal<bool>) -> impl IntoView {
    let t = use_app().text;
    let heading_id = format!("feelings-group-{}", group.id());
    let labelled_by = heading_id.clone();
    let words = group
        .feelings()
        .map(|f| {
            view! {
                <label class="feeling-word">
                    <input
                        type="radio"
                        name="feeling"
                        value=f.id()
                        prop:checked=move || draft.with(|d| d.feeling == Some(f))
                        on:change=move |_| {
                            missing.set(false);
                            draft.update(|d| d.feeling = Some(f));
                        }
                    />
                    <span>{f.label(t)}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <div
            class=format!("feeling-group tone-{}", tone_of(group))
            role="group"
            aria-labelledby=labelled_by
        >
            <h3 id=heading_id>
                <LegendMark shape=shape_of(group) tone=tone_of(group)/>
                <span>{group.label(t)}</span>
            </h3>
            <p class="hint">{group.hint(t)}</p>
            <div class="feeling-words">{words}</div>
        </div>
    }
}

/// Step 2: how strong, a note, what was going on.
#[component]
fn Details(
    draft: RwSignal<Draft>,
    intensity: RwSignal<u8>,
    moved: StoredValue<bool>,
    on_submit: impl Fn(leptos::ev::SubmitEvent) + 'static,
    back: impl Fn(leptos::ev::MouseEvent) + 'static,
    flush: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let t = use_app().text;
    let heading = NodeRef::<html::H2>::new();
    focus_when_moved(heading, moved);
    let feeling = draft.with_untracked(|d| d.feeling);
    let title = feeling.map_or_else(String::new, |f| {
        fill(t.feelings().details_heading, &[("feeling", f.label(t))])
    });
    let group = feeling.map(|f| f.group());
    let tags = Context::ALL
        .into_iter()
        .map(|c| {
            view! {
                <label class="feeling-word tag">
                    <input
                        type="checkbox"
                        value=c.id()
                        prop:checked=move || draft.with(|d| d.context.contains(&c))
                        on:change=move |_| draft.update(|d| d.toggle(c))
                    />
                    <span>{c.label(t)}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <form on:submit=on_submit>
            <p class="small step">{fill(t.feelings().page_step, &[("n", "2")])}</p>
            <h2 tabindex="-1" node_ref=heading>
                {group.map(|g| view! { <LegendMark shape=shape_of(g) tone=tone_of(g)/> })}
                <span>{title}</span>
            </h2>
            {group.map(|g| view! { <p class="hint">{g.label(t)}</p> })}
            <RatingSlider
                id="feeling-intensity".to_string()
                label=t.feelings().details_intensity.to_string()
                value=intensity
                min=MIN_INTENSITY
                max=MAX_INTENSITY
                step=1
                low=t.feelings().details_intensity_low
                high=t.feelings().details_intensity_high
            />
            <div class="field">
                <label for="feeling-note">{t.feelings().details_note}</label>
                <p class="hint" id="feeling-note-hint">{t.feelings().details_note_hint}</p>
                <textarea
                    id="feeling-note"
                    aria-describedby="feeling-note-hint"
                    maxlength=MAX_NOTE
                    prop:value=move || draft.with(|d| d.note.clone())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        draft.update(|d| d.note = v);
                    }
                    on:blur=move |_| flush()
                ></textarea>
            </div>
            <fieldset class="feeling-context" aria-describedby="feeling-context-hint">
                <legend>{t.feelings().details_context_legend}</legend>
                <p class="hint" id="feeling-context-hint">{t.feelings().details_context_hint}</p>
                <div class="feeling-words">{tags}</div>
            </fieldset>
            <div class="field">
                <label for="feeling-context-text">{t.feelings().details_context_text}</label>
                <input
                    id="feeling-context-text"
                    type="text"
                    maxlength=MAX_CONTEXT_TEXT
                    prop:value=move || draft.with(|d| d.context_text.clone())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        draft.update(|d| d.context_text = v);
                    }
                    on:blur=move |_| flush()
                />
            </div>
            <div class="actions">
                <button type="submit" class="button">{t.feelings().details_save}</button>
                <button type="button" class="button secondary" on:click=back>
                    {t.feelings().details_back}
                </button>
            </div>
        </form>
    }
}

/// After saving: a kind word, and where to go next.
#[component]
fn Saved(
    check_in: CheckIn,
    moved: StoredValue<bool>,
    again: impl Fn(leptos::ev::MouseEvent) + 'static,
    show_history: Callback<()>,
) -> impl IntoView {
    let t = use_app().text;
    let heading = NodeRef::<html::H2>::new();
    focus_when_moved(heading, moved);
    let g = check_in.feeling.group();
    let words = fill(
        g.acknowledgement(t),
        &[("feeling", check_in.feeling.label(t))],
    );
    view! {
        <div class="feelings-saved" role="status">
            <h2 tabindex="-1" node_ref=heading>
                <LegendMark shape=shape_of(g) tone=tone_of(g)/>
                <span>{t.feelings().saved_heading}</span>
            </h2>
            <p>{words}</p>
        </div>
        <div class="actions">
            <button type="button" class="button" on:click=move |_| show_history.run(())>
                {t.feelings().saved_see}
            </button>
            <button type="button" class="button secondary" on:click=again>
                {t.feelings().saved_again}
            </button>
        </div>
    }
}

/// The chart's data for a summary.
fn chart_data(t: &'static Text, s: &Summary) -> ChartData {
    let week = s.period.span == Span::Week;
    let columns = s
        .days
        .iter()
        .map(|d| {
            let day = chrono::Datelike::day(&d.date).to_string();
            Column {
                label: if week {
                    weekday_name(t, d.date).to_string()
                } else {
                    String::new()
                },
                sublabel: day,
                name: day_words(t, d.date),
            }
        })
        .collect();
    let series = Group::ALL
        .into_iter()
        .map(|g| Series {
            name: g.label(t).to_string(),
            legend: fill(
                t.feelings().history_legend_count,
                &[
                    ("group", g.label(t)),
                    ("count", &s.per_group[g.index()].to_string()),
                ],
            ),
            shape: shape_of(g),
            tone: tone_of(g),
        })
        .collect();
    let points = s
        .days
        .iter()
        .enumerate()
        .flat_map(|(i, d)| {
            d.marks.iter().map(move |m| Point {
                column: i,
                series: m.feeling.group().index(),
                value: f64::from(m.intensity),
                label: fill(
                    t.feelings().history_mark,
                    &[
                        ("feeling", m.feeling.label(t)),
                        ("intensity", &m.intensity.to_string()),
                        ("group", m.feeling.group().label(t)),
                    ],
                ),
            })
        })
        .collect();
    ChartData {
        summary: summary_sentence(t, s),
        columns,
        series,
        points,
        min: 0.0,
        max: f64::from(MAX_INTENSITY),
        ticks: vec![0.0, 5.0, 10.0],
        label_every: (!week).then_some(7),
        axis_label: t.feelings().history_axis.to_string(),
        legend_label: t.feelings().history_legend.to_string(),
        table_toggle: t.feelings().history_table_toggle.to_string(),
        table_caption: t.feelings().history_table_caption.to_string(),
        table_first_header: t.feelings().history_table_day.to_string(),
        table_value_header: t.feelings().history_table_values.to_string(),
        skip_empty_note: (!week).then(|| t.feelings().history_table_skipped.to_string()),
    }
}

/// The lines of text beside the chart.
fn summary_lines(t: &'static Text, s: &Summary) -> Vec<String> {
    if s.total == 0 {
        return vec![match s.period.span {
            Span::Week => t.feelings().history_none_week.to_string(),
            Span::Month => t.feelings().history_none_month.to_string(),
        }];
    }
    let mut lines = vec![fill(
        t.feelings().history_count,
        &[("count", &s.total.to_string())],
    )];
    if let Some((words, n)) = s.most_often() {
        let words = words
            .iter()
            .map(|f| f.label(t))
            .collect::<Vec<_>>()
            .join(", ");
        lines.push(fill(
            t.feelings().history_most,
            &[("feeling", &words), ("count", &n.to_string())],
        ));
    }
    lines.push(fill(
        t.feelings().history_days,
        &[
            ("days", &s.days_with_check_ins().to_string()),
            ("total", &s.days.len().to_string()),
        ],
    ));
    lines
}

fn summary_sentence(t: &'static Text, s: &Summary) -> String {
    let title = fill(
        t.feelings().history_chart_title,
        &[
            ("start", &day_words(t, s.period.start)),
            ("end", &day_words(t, s.period.end)),
        ],
    );
    let mut parts = vec![title];
    parts.extend(summary_lines(t, s));
    parts.join(". ")
}

/// Week and month views of the check-ins.
#[component]
fn History(heading: NodeRef<html::H2>) -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let today = time::now().date_naive();
    let period = RwSignal::new(Period::containing(Span::Week, today));
    let summary = Memo::new(move |_| {
        let period = period.get();
        summarise(
            app.all_shared::<CheckIn>().iter().map(|(_, c, _)| c),
            period,
        )
    });
    let data = Signal::derive(move || summary.with(|s| chart_data(t, s)));
    let span = move || period.with(|p| p.span);
    let show = move |s: Span| {
        let p = period.get_untracked();
        let anchor = if p.contains(today) { today } else { p.start };
        period.set(Period::containing(s, anchor));
    };
    let is_current = move || period.with(|p| p.contains(today));
    let (prev_label, next_label) = (
        move || match span() {
            Span::Week => t.feelings().history_previous_week,
            Span::Month => t.feelings().history_previous_month,
        },
        move || match span() {
            Span::Week => t.feelings().history_next_week,
            Span::Month => t.feelings().history_next_month,
        },
    );
    view! {
        <div class="card feelings-history">
            <h2 id="feelings-history-title" tabindex="-1" node_ref=heading>
                {t.feelings().history_heading}
            </h2>
            <p class="hint">{t.feelings().history_intro}</p>
            <div class="segmented" role="group" aria-label=t.feelings().history_show>
                <button
                    type="button"
                    aria-pressed=move || (span() == Span::Week).to_string()
                    on:click=move |_| show(Span::Week)
                >
                    {t.feelings().history_week}
                </button>
                <button
                    type="button"
                    aria-pressed=move || (span() == Span::Month).to_string()
                    on:click=move |_| show(Span::Month)
                >
                    {t.feelings().history_month}
                </button>
            </div>
            <h3 class="period" aria-live="polite">{move || period_words(t, period.get())}</h3>
            <Chart id="feelings-chart" data=data/>
            <ul class="feelings-summary">
                {move || {
                    summary.with(|s| summary_lines(t, s))
                        .into_iter()
                        .map(|l| view! { <li>{l}</li> })
                        .collect_view()
                }}
            </ul>
            <div class="period-nav">
                <button
                    type="button"
                    class="button secondary"
                    on:click=move |_| period.update(|p| *p = p.previous())
                >
                    <span aria-hidden="true">"‹"</span>
                    <span>{prev_label}</span>
                </button>
                <Show when=move || !is_current()>
                    <button
                        type="button"
                        class="button secondary"
                        on:click=move |_| period.update(|p| *p = p.next())
                    >
                        <span>{next_label}</span>
                        <span aria-hidden="true">"›"</span>
                    </button>
                </Show>
            </div>
        </div>
    }
}

/// The latest check-ins, newest first, each with delete (and undo).
#[component]
fn Recent() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let removed = RwSignal::new(None::<(String, CheckIn)>);
    let message = RwSignal::new(None::<&'static str>);
    let recent = Memo::new(move |_| {
        // Sorted by reference, so only the few shown are copied.
        let shared = app.all_shared::<CheckIn>();
        let mut all = shared.iter().collect::<Vec<_>>();
        crate::domain::order::sort_by(&mut all, |a, b| b.1.at.cmp(&a.1.at).then(b.0.cmp(&a.0)));
        all.truncate(RECENT);
        all.into_iter()
            .map(|(id, c, _)| (id.clone(), c.clone()))
            .collect::<Vec<_>>()
    });
    let delete = move |id: String| {
        if let Some(c) = app.delete::<CheckIn>(&id) {
            removed.set(Some((id, c)));
            message.set(Some(t.feelings().recent_deleted));
        }
    };
    let undo = move |_| {
        if let Some((id, c)) = removed.get_untracked() {
            let _ = app.save(&id, &c);
            removed.set(None);
            message.set(Some(t.feelings().recent_restored));
        }
    };
    view! {
        <div class="feelings-recent">
            <h2>{t.feelings().recent_heading}</h2>
            <div class="undo-bar" role="status">
                {move || message.get().map(|m| view! { <span>{m}</span> })}
                <Show when=move || removed.with(Option::is_some)>
                    <button type="button" class="button secondary" on:click=undo>
                        {t.feelings().recent_undo}
                    </button>
                </Show>
            </div>
            <Show
                when=move || recent.with(|r| !r.is_empty())
                fallback=move || view! { <p class="card">{t.feelings().recent_empty}</p> }
            >
                <ul class="checkin-list">
                    <For
                        each=move || recent.get()
                        key=|(id, c)| (id.clone(), c.at)
                        children=move |(id, c)| {
                            let g = c.feeling.group();
                            let when = when_words(t, c.at);
                            let label = fill(
                                t.feelings().recent_delete_label,
                                &[("feeling", c.feeling.label(t)), ("when", &when)],
                            );
                            let tags = c
                                .context
                                .iter()
                                .map(|x| x.label(t))
                                .chain((!c.context_text.is_empty()).then_some(c.context_text.as_str()))
                                .collect::<Vec<_>>()
                                .join(", ");
                            view! {
                                <li class="card checkin-item">
                                    <div class="checkin-head">
                                        <LegendMark shape=shape_of(g) tone=tone_of(g)/>
                                        <strong>{c.feeling.label(t)}</strong>
                                        <span class="small">{g.label(t)}</span>
                                    </div>
                                    <p class="small">
                                        {when}
                                        " · "
                                        {fill(
                                            t.feelings().recent_strength,
                                            &[("intensity", &c.intensity.to_string())],
                                        )}
                                    </p>
                                    {(!c.note.is_empty())
                                        .then(|| view! { <p class="checkin-note">{c.note.clone()}</p> })}
                                    {(!tags.is_empty())
                                        .then(|| {
                                            view! {
                                                <p class="small">
                                                    {fill(t.feelings().recent_going_on, &[("tags", &tags)])}
                                                </p>
                                            }
                                        })}
                                    <button
                                        type="button"
                                        class="button secondary danger-text"
                                        aria-label=label
                                        on:click=move |_| delete(id.clone())
                                    >
                                        {t.feelings().recent_delete}
                                    </button>
                                </li>
                            }
                        }
                    />
                </ul>
            </Show>
        </div>
    }
}
