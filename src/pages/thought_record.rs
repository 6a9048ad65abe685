//! The thought record: the guided steps (new, resumed or edited), the
//! history of finished records, and one record read whole.
//!
//! What the person types lives in one `RwSignal<ThoughtRecord>` and is saved
//! through `AppState::save` a moment after they stop typing, when they leave
//! a field, and on every step change, so a reload never loses anything.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::router::{param, use_router};
use crate::app::{href, use_app, AppState};
use crate::browser::{self, Debounce};
use crate::components::page_title::PageTitle;
use crate::components::rating::RatingSlider;
use crate::content::{fill, Text};
use crate::domain::thought_record::{
    self as tr, AddFeelingError, Direction, ThoughtRecord, Trap, MAX_FEELING_NAME, MAX_TEXT,
    MAX_THOUGHT, STEPS,
};
use crate::domain::time::{self, Timestamp};

/// How long "Undo" stays offered after a delete.
const UNDO_FOR: Duration = Duration::from_secs(30);
/// How much of the hot thought the history shows.
const HOT_PREVIEW: usize = 90;

fn date(t: &'static Text, at: Timestamp) -> String {
    at.format(t.thought_record().date_format).to_string()
}

/// "Feelings eased by 35 points on average", or how else they changed.
fn change_words(t: &'static Text, record: &ThoughtRecord) -> String {
    match record.change().map(Direction::of) {
        None => t.thought_record().change_none.to_string(),
        Some(Direction::Same) => t.thought_record().change_same.to_string(),
        Some(Direction::Eased(p)) => fill(
            t.thought_record().change_eased,
            &[("points", &p.to_string())],
        ),
        Some(Direction::Stronger(p)) => fill(
            t.thought_record().change_stronger,
            &[("points", &p.to_string())],
        ),
    }
}

/// The sentence about the average change over every finished record.
fn average_words(t: &'static Text, records: &[(String, ThoughtRecord)]) -> String {
    let Some((average, count)) = tr::average_change(records.iter().map(|(_, r)| r)) else {
        return t.thought_record().history_average_none.to_string();
    };
    let count = count.to_string();
    match Direction::of(average) {
        Direction::Same => fill(
            t.thought_record().history_average_same,
            &[("count", &count)],
        ),
        Direction::Eased(p) => fill(
            t.thought_record().history_average_eased,
            &[("count", &count), ("points", &p.to_string())],
        ),
        Direction::Stronger(p) => fill(
            t.thought_record().history_average_stronger,
            &[("count", &count), ("points", &p.to_string())],
        ),
    }
}

/// Moves the keyboard focus to the element matching `selector` once the
/// view has caught up.
fn focus_soon(selector: String) {
    set_timeout(
        move || {
            let found = document().query_selector(&selector).ok().flatten();
            if let Some(el) = found.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = el.focus();
            }
        },
        Duration::ZERO,
    );
}

/// A recently deleted record that "Undo" can bring back, with a counter so
/// an old timer never hides a newer offer.
#[derive(Clone, Copy)]
struct UndoOffer {
    deleted: RwSignal<Option<(String, ThoughtRecord)>>,
    restored: RwSignal<bool>,
    /// Counts offers, so an old timer never hides a newer one (a timer, not
    /// a draft: leaving the page does not run it early).
    offers: StoredValue<u64>,
}

impl UndoOffer {
    fn new() -> Self {
        Self {
            deleted: RwSignal::new(None),
            restored: RwSignal::new(false),
            offers: StoredValue::new(0),
        }
    }

    /// Deletes the record and offers to bring it back for a while.
    fn delete(self, app: AppState, id: &str) {
        let Some(record) = app.delete::<ThoughtRecord>(id) else {
            return;
        };
        self.restored.set(false);
        self.deleted.set(Some((id.to_string(), record)));
        self.offers.update_value(|n| *n += 1);
        let this = self.offers.get_value();
        set_timeout(
            move || {
                if self.offers.try_get_value() == Some(this) {
                    self.deleted.try_set(None);
                }
            },
            UNDO_FOR,
        );
    }

    /// Saves the deleted record again.
    fn undo(self, app: AppState) {
        if let Some((id, record)) = self.deleted.get_untracked() {
            let _ = app.save(&id, &record);
            self.deleted.set(None);
            self.restored.set(true);
        }
    }
}

// ---------------------------------------------------------------- history

/// `/thoughts`: finished records, the unfinished one, the average change.
#[component]
pub fn ThoughtHistoryPage() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let all = Memo::new(move |_| {
        app.all::<ThoughtRecord>()
            .into_iter()
            .map(|(id, r, _)| (id, r))
            .collect::<Vec<_>>()
    });
    let finished = Memo::new(move |_| tr::finished_newest_first(all.get()));
    let draft = Memo::new(move |_| tr::latest_draft(all.get()));
    let undo = UndoOffer::new();

    let draft_card = move || {
        draft.get().map(|(id, record)| {
            let body = fill(
                t.thought_record().history_draft_body,
                &[
                    ("step", &record.step.to_string()),
                    ("total", &STEPS.to_string()),
                ],
            );
            let snippet = (!record.situation.trim().is_empty())
                .then(|| tr::truncate(&record.situation, HOT_PREVIEW));
            view! {
                <div class="card thought-draft">
                    <h2>{t.thought_record().history_draft_heading}</h2>
                    <p>{body}</p>
                    {snippet.map(|s| view! { <p class="thought-quote">{s}</p> })}
                    <div class="actions">
                        <a href=href("/thoughts/new") class="button">
                            {t.thought_record().history_draft_continue}
                        </a>
                        <button
                            type="button"
                            class="button secondary"
                            on:click=move |_| undo.delete(app, &id)
                        >
                            {t.thought_record().history_draft_discard}
                        </button>
                    </div>
                </div>
            }
        })
    };

    let list = move || {
        let records = finished.get();
        if records.is_empty() {
            return view! { <p class="card">{t.thought_record().history_empty}</p> }.into_any();
        }
        view! {
            <ul class="thought-list">
                {records
                    .into_iter()
                    .map(|(id, r)| {
                        let when = r.finished_at.map(|f| date(t, f)).unwrap_or_default();
                        let hot = r
                            .hot_thought()
                            .map(|h| tr::truncate(h, HOT_PREVIEW))
                            .unwrap_or_else(|| t.thought_record().history_no_hot.to_string());
                        let change = change_words(t, &r);
                        view! {
                            <li>
                                <a href=href(&format!("/thoughts/{id}")) class="thought-entry">
                                    <span class="thought-entry-date">{when}</span>
                                    <span class="thought-entry-hot">{hot}</span>
                                    <span class="thought-entry-change">{change}</span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };

    view! {
        <section class="page thoughts" aria-labelledby="thoughts-title">
            <PageTitle id="thoughts-title" text=t.thought_record().history_title.to_string()/>
            <p class="lead">{t.thought_record().history_intro}</p>
            <div role="status" class="thought-undo">
                {move || {
                    undo.deleted
                        .with(Option::is_some)
                        .then(|| {
                            view! {
                                <p>{t.thought_record().history_draft_deleted}</p>
                                <button
                                    type="button"
                                    class="button secondary"
                                    on:click=move |_| undo.undo(app)
                                >
                                    {t.thought_record().history_undo}
                                </button>
                            }
                        })
                }}
                {move || {
                    undo.restored.get().then(|| view! { <p>{t.thought_record().history_restored}</p> })
                }}
            </div>
            {draft_card}
            <Show when=move || draft.with(Option::is_none)>
                <div class="actions thought-new">
                    <a href=href("/thoughts/new") class="button">
                        {t.thought_record().history_new}
                    </a>
                </div>
            </Show>
            <p class="card today thought-average">{move || finished.with(|f| average_words(t, f))}</p>
            <h2 class="section-heading">{t.thought_record().history_list_heading}</h2>
            {list}
        </section>
    }
}

// ---------------------------------------------------------------- one record

/// `/thoughts/:id`: one record read whole, with Edit and Delete (and Undo).
#[component]
pub fn ThoughtRecordViewPage() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let id = StoredValue::new(param("id"));
    let id = move || id.get_value();
    let record = move || app.get::<ThoughtRecord>(&id());
    let undo = UndoOffer::new();

    let body = move || match record() {
        Some(r) => view! { <RecordView id=id() record=r undo/> }.into_any(),
        None if undo.deleted.with(Option::is_some) => view! {
            <div class="card" role="status">
                <p>{t.thought_record().view_deleted}</p>
                <div class="actions">
                    <button type="button" class="button" on:click=move |_| undo.undo(app)>
                        {t.thought_record().view_undo}
                    </button>
                    <a href=href("/thoughts") class="button secondary">
                        {t.thought_record().view_back}
                    </a>
                </div>
            </div>
        }
        .into_any(),
        None => view! {
            <div class="card">
                <p>{t.thought_record().flow_not_found}</p>
                <a href=href("/thoughts") class="button secondary">
                    {t.thought_record().view_back}
                </a>
            </div>
        }
        .into_any(),
    };

    view! {
        <section class="page thought-view" aria-labelledby="thought-view-title">
            <PageTitle id="thought-view-title" text=t.thought_record().title.to_string()/>
            {body}
        </section>
    }
}

/// The parts of one record, each under its own small heading.
#[component]
fn RecordView(id: String, record: ThoughtRecord, undo: UndoOffer) -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let text_or_nothing = move |s: &str| {
        if s.trim().is_empty() {
            view! { <p class="small">{t.thought_record().view_nothing}</p> }.into_any()
        } else {
            view! { <p class="user-text">{s.trim().to_string()}</p> }.into_any()
        }
    };
    let finished = record
        .finished_at
        .map(|f| fill(t.thought_record().view_finished, &[("date", &date(t, f))]));
    let feelings = record
        .feelings
        .iter()
        .map(|f| {
            let before = f.before.to_string();
            let line = match f.after {
                Some(a) => fill(
                    t.thought_record().view_feeling_change,
                    &[
                        ("name", &f.name),
                        ("before", &before),
                        ("after", &a.to_string()),
                    ],
                ),
                None => fill(
                    t.thought_record().view_feeling_before,
                    &[("name", &f.name), ("before", &before)],
                ),
            };
            view! { <li>{line}</li> }
        })
        .collect_view();
    let hot = record.hot_thought().map(str::to_string);
    let thoughts = record
        .thoughts
        .iter()
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            let is_hot = hot.as_deref() == Some(s.trim());
            view! {
                <li class="user-text" class:thought-hot=is_hot>
                    {s.trim().to_string()}
                    {is_hot.then(|| view! { " " <strong>{t.thought_record().view_hot}</strong> })}
                </li>
            }
        })
        .collect_view();
    let traps = record
        .traps
        .iter()
        .map(|trap| view! { <li>{trap.words(t).name}</li> })
        .collect_view();
    let belief = record.belief.map(|b| {
        fill(
            t.thought_record().view_belief,
            &[("belief", &b.to_string())],
        )
    });
    let delete_id = id.clone();
    view! {
        <div class="thought-summary">
            {finished.map(|f| view! { <p class="small">{f}</p> })}
            <p class="thought-change">{change_words(t, &record)}</p>
            <div class="card">
                <h2>{t.thought_record().view_situation}</h2>
                {text_or_nothing(&record.situation)}
                <h2>{t.thought_record().view_feelings}</h2>
                {if record.feelings.is_empty() {
                    text_or_nothing("")
                } else {
                    view! { <ul class="thought-lines">{feelings}</ul> }.into_any()
                }}
                <h2>{t.thought_record().view_thoughts}</h2>
                {if record.thoughts.iter().all(|s| s.trim().is_empty()) {
                    text_or_nothing("")
                } else {
                    view! { <ul class="thought-lines">{thoughts}</ul> }.into_any()
                }}
                <h2>{t.thought_record().view_traps}</h2>
                {if record.traps.is_empty() {
                    text_or_nothing("")
                } else {
                    view! { <ul class="thought-lines">{traps}</ul> }.into_any()
                }}
                <h2>{t.thought_record().view_evidence_for}</h2>
                {text_or_nothing(&record.evidence_for)}
                <h2>{t.thought_record().view_evidence_against}</h2>
                {text_or_nothing(&record.evidence_against)}
                <h2>{t.thought_record().view_friend}</h2>
                {text_or_nothing(&record.friend)}
                <h2>{t.thought_record().view_balanced}</h2>
                {text_or_nothing(&record.balanced)}
                {belief.map(|b| view! { <p class="small">{b}</p> })}
            </div>
            <div class="actions">
                <a href=href(&format!("/thoughts/{id}/edit")) class="button">
                    {t.thought_record().view_edit}
                </a>
                <button
                    type="button"
                    class="button secondary danger-text"
                    on:click=move |_| undo.delete(app, &delete_id)
                >
                    {t.thought_record().view_delete}
                </button>
            </div>
            <Show when=move || undo.restored.get()>
                <p class="status" role="status">{t.thought_record().view_restored}</p>
            </Show>
            <p>
                <a href=href("/thoughts")>{t.thought_record().view_back}</a>
            </p>
        </div>
    }
}

// ---------------------------------------------------------------- the steps

/// The record being written, and how it is kept.
#[derive(Clone, Copy)]
struct Flow {
    app: AppState,
    id: StoredValue<String>,
    draft: RwSignal<ThoughtRecord>,
    step: RwSignal<u8>,
    /// True once the record exists in storage (so clearing it is saved too).
    kept: StoredValue<bool>,
    saver: Debounce,
}

impl Flow {
    /// Changes the record and saves it a moment later.
    fn change(self, f: impl FnOnce(&mut ThoughtRecord)) {
        self.draft.update(f);
        self.saver.call(move || self.save_now());
    }

    /// Saves right away (a blank new record is not worth keeping).
    fn save_now(self) {
        let Some(record) = self.draft.try_get_untracked() else {
            return;
        };
        let (Some(id), Some(kept)) = (self.id.try_get_value(), self.kept.try_get_value()) else {
            return;
        };
        self.saver.cancel();
        if record.is_blank() && !kept {
            return;
        }
        if self.app.save(&id, &record).is_ok() {
            self.kept.try_set_value(true);
        }
    }

    /// Goes to another step, saving first, and moves the focus to its heading.
    fn go(self, to: u8) {
        self.draft.update(|d| d.go_to(to));
        let step = self.draft.with_untracked(|d| d.step);
        self.save_now();
        self.step.set(step);
        if let Some(w) = web_sys::window() {
            w.scroll_to_with_x_and_y(0.0, 0.0);
        }
        focus_soon("#step-heading".into());
    }
}

/// `/thoughts/new` (a new record, or the unfinished one) and
/// `/thoughts/:id/edit` (any record).
#[component]
pub fn ThoughtRecordFlowPage() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let wanted = Some(param("id")).filter(|id| !id.is_empty());
    let loaded = untrack(|| match &wanted {
        Some(id) => app.get::<ThoughtRecord>(id).map(|r| (id.clone(), r, true)),
        None => Some(
            tr::latest_draft(
                app.all::<ThoughtRecord>()
                    .into_iter()
                    .map(|(id, r, _)| (id, r))
                    .collect(),
            )
            .map(|(id, r)| (id, r, true))
            .unwrap_or_else(|| (browser::new_id(), ThoughtRecord::new(time::now()), false)),
        ),
    });
    let title = view! { <PageTitle id="flow-title" text=t.thought_record().title.to_string()/> };
    let Some((id, record, kept)) = loaded else {
        return view! {
            <section class="page thought-flow" aria-labelledby="flow-title">
                {title}
                <div class="card">
                    <p>{t.thought_record().flow_not_found}</p>
                    <a href=href("/thoughts") class="button secondary">
                        {t.thought_record().flow_to_history}
                    </a>
                </div>
            </section>
        }
        .into_any();
    };
    let editing_finished = !record.is_draft();
    let mut record = record;
    if editing_finished {
        // A finished record is read again from the start.
        record.go_to(1);
    }
    let flow = Flow {
        app,
        id: StoredValue::new(id),
        step: RwSignal::new(record.step),
        draft: RwSignal::new(record),
        kept: StoredValue::new(kept),
        saver: Debounce::new(),
    };

    // Keep what was typed when the tab is closed or the page is left.
    let on_hide = window_event_listener(leptos::ev::pagehide, move |_| flow.save_now());
    on_cleanup(move || {
        on_hide.remove();
        flow.save_now();
    });

    let router = use_router();
    let finish = move |rerated: bool| {
        flow.draft.update(|d| {
            for i in 0..d.feelings.len() {
                if rerated {
                    if d.feelings[i].after.is_none() {
                        let before = d.feelings[i].before;
                        d.rate_after(i, before);
                    }
                } else {
                    d.feelings[i].after = None;
                }
            }
            d.tidy();
            d.finish(time::now());
        });
        flow.kept.set_value(true);
        flow.save_now();
        let id = flow.id.get_value();
        router.go(&format!("/thoughts/{id}"), true);
    };

    let step = flow.step;
    let step_count = move || {
        fill(
            t.thought_record().flow_step_of,
            &[
                ("step", &step.get().to_string()),
                ("total", &STEPS.to_string()),
            ],
        )
    };
    let progress = move || format!("{}%", u32::from(step.get()) * 100 / u32::from(STEPS));
    let hot = move || {
        (step.get() >= 4)
            .then(|| flow.draft.with(|d| d.hot_thought().map(str::to_string)))
            .flatten()
    };

    let body = move || match step.get() {
        1 => view! { <StepSituation flow/> }.into_any(),
        2 => view! { <StepFeelings flow/> }.into_any(),
        3 => view! { <StepThoughts flow/> }.into_any(),
        4 => view! { <StepTraps flow/> }.into_any(),
        5 => view! { <StepEvidence flow/> }.into_any(),
        6 => view! { <StepFriend flow/> }.into_any(),
        7 => view! { <StepBalanced flow/> }.into_any(),
        _ => view! { <StepRerate flow/> }.into_any(),
    };

    view! {
        <section class="page thought-flow" aria-labelledby="flow-title">
            {title}
            <div class="step-progress">
                <p class="step-count" id="step-count">{step_count}</p>
                <div class="step-bar" aria-hidden="true">
                    <span style:width=progress></span>
                </div>
            </div>
            {move || {
                hot()
                    .map(|h| {
                        view! {
                            <div class="hot-context">
                                <p class="small">{t.thought_record().flow_hot_label}</p>
                                <p class="hot-context-text">{h}</p>
                            </div>
                        }
                    })
            }}
            <div class="card step-card" on:focusout=move |_| flow.save_now()>
                {body}
            </div>
            <div class="step-nav step-nav-main">
                <Show when=move || { step.get() > 1 }>
                    <button
                        type="button"
                        class="button secondary"
                        on:click=move |_| flow.go(step.get_untracked() - 1)
                    >
                        {t.thought_record().flow_back}
                    </button>
                </Show>
                <Show
                    when=move || { step.get() < STEPS }
                    fallback=move || {
                        let finish_rerated = finish;
                        view! {
                            <button
                                type="button"
                                class="button"
                                on:click=move |_| finish_rerated(true)
                            >
                                {t.thought_record().flow_finish}
                            </button>
                        }
                    }
                >
                    <button
                        type="button"
                        class="button secondary"
                        on:click=move |_| flow.go(step.get_untracked() + 1)
                    >
                        {t.thought_record().flow_skip}
                    </button>
                    <button
                        type="button"
                        class="button"
                        on:click=move |_| flow.go(step.get_untracked() + 1)
                    >
                        {t.thought_record().flow_next}
                    </button>
                </Show>
            </div>
            <Show when=move || {
                step.get() == STEPS && flow.draft.with(|d| !d.feelings.is_empty())
            }>
                {
                    view! {
                        <div class="step-nav">
                            <button
                                type="button"
                                class="button secondary"
                                on:click=move |_| finish(false)
                            >
                                {t.thought_record().flow_finish_unrated}
                            </button>
                        </div>
                    }
                }
            </Show>
            <p class="small">
                {if editing_finished {
                    t.thought_record().flow_editing_note
                } else {
                    t.thought_record().flow_saved_note
                }}
            </p>
        </section>
    }
    .into_any()
}

/// The heading and hint every step starts with.
#[component]
fn StepHead(heading: &'static str, hint: &'static str) -> impl IntoView {
    view! {
        <h2 id="step-heading" class="step-heading" tabindex="-1">{heading}</h2>
        <p class="hint" id="step-hint">{hint}</p>
    }
}

/// A text area for one free-text part of the record.
#[component]
fn RecordText(
    flow: Flow,
    id: &'static str,
    /// Element that labels it.
    labelled_by: &'static str,
    described_by: &'static str,
    get: fn(&ThoughtRecord) -> &String,
    set: fn(&mut ThoughtRecord, String),
) -> impl IntoView {
    let initial = flow.draft.with_untracked(|d| get(d).clone());
    view! {
        <textarea
            id=id
            aria-labelledby=labelled_by
            aria-describedby=described_by
            maxlength=MAX_TEXT
            prop:value=initial
            on:input=move |ev| {
                let value = ThoughtRecord::clipped(&event_target_value(&ev));
                flow.change(|d| set(d, value));
            }
        ></textarea>
    }
}

#[component]
fn StepSituation(flow: Flow) -> impl IntoView {
    let t = flow.app.text;
    view! {
        <StepHead heading=t.thought_record().step1_heading hint=t.thought_record().step1_hint/>
        <RecordText
            flow
            id="situation"
            labelled_by="step-heading"
            described_by="step-hint"
            get=|d| &d.situation
            set=|d, v| d.situation = v
        />
    }
}

fn common_feelings(t: &'static Text) -> [&'static str; 10] {
    [
        t.thought_record().feeling_sad,
        t.thought_record().feeling_anxious,
        t.thought_record().feeling_ashamed,
        t.thought_record().feeling_angry,
        t.thought_record().feeling_hurt,
        t.thought_record().feeling_lonely,
        t.thought_record().feeling_hopeless,
        t.thought_record().feeling_embarrassed,
        t.thought_record().feeling_guilty,
        t.thought_record().feeling_jealous,
    ]
}

fn add_feeling_error(t: &'static Text, e: AddFeelingError) -> &'static str {
    match e {
        AddFeelingError::Empty => t.thought_record().step2_error_empty,
        AddFeelingError::Duplicate => t.thought_record().step2_error_duplicate,
        AddFeelingError::TooMany => t.thought_record().step2_error_too_many,
        AddFeelingError::TooLong => t.thought_record().step2_error_too_long,
    }
}

/// Step 2: feelings, chosen or typed, each rated 0-100.
#[component]
fn StepFeelings(flow: Flow) -> impl IntoView {
    let t = flow.app.text;
    let error = RwSignal::new(None::<&'static str>);
    let other = RwSignal::new(String::new());
    let names = Memo::new(move |_| {
        flow.draft.with(|d| {
            d.feelings
                .iter()
                .map(|f| f.name.clone())
                .collect::<Vec<_>>()
        })
    });
    let add = move |name: String| {
        let mut result = Ok(());
        flow.change(|d| result = d.add_feeling(&name, 50));
        error.set(result.err().map(|e| add_feeling_error(t, e)));
        result.is_ok()
    };
    let toggle = move |name: &'static str| {
        if flow.draft.with_untracked(|d| d.has_feeling(name)) {
            flow.change(|d| d.remove_feeling(name));
            error.set(None);
        } else {
            add(name.to_string());
        }
    };
    view! {
        <StepHead heading=t.thought_record().step2_heading hint=t.thought_record().step2_hint/>
        <fieldset class="feeling-picker">
            <legend class="small-legend">{t.thought_record().step2_common_legend}</legend>
            <div class="chips">
                {common_feelings(t)
                    .into_iter()
                    .map(|name| {
                        view! {
                            <button
                                type="button"
                                class="chip"
                                aria-pressed=move || {
                                    flow.draft.with(|d| d.has_feeling(name)).to_string()
                                }
                                on:click=move |_| toggle(name)
                            >
                                {name}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
        </fieldset>
        <form
            class="feeling-other"
            on:submit=move |ev| {
                ev.prevent_default();
                if add(other.get_untracked()) {
                    other.set(String::new());
                }
            }
        >
            <label for="feeling-other">{t.thought_record().step2_other_label}</label>
            <div class="inline-field">
                <input
                    id="feeling-other"
                    type="text"
                    maxlength=MAX_FEELING_NAME
                    autocomplete="off"
                    prop:value=move || other.get()
                    on:input=move |ev| other.set(event_target_value(&ev))
                />
                <button type="submit" class="button secondary">{t.thought_record().step2_add}</button>
            </div>
        </form>
        {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        <Show
            when=move || names.with(|n| !n.is_empty())
            fallback=move || view! { <p class="small">{t.thought_record().step2_none_yet}</p> }
        >
            <ul class="feeling-ratings">
                <For each=move || names.get() key=|name| name.clone() let:name>
                    <FeelingRow flow name/>
                </For>
            </ul>
        </Show>
    }
}

fn feeling_index(d: &ThoughtRecord, name: &str) -> Option<usize> {
    d.feelings.iter().position(|f| f.name == name)
}

/// One chosen feeling with its "before" slider and a remove button.
#[component]
fn FeelingRow(flow: Flow, name: String) -> impl IntoView {
    let t = flow.app.text;
    let start = flow
        .draft
        .with_untracked(|d| feeling_index(d, &name).map_or(50, |i| d.feelings[i].before));
    let value = RwSignal::new(start);
    let watched = name.clone();
    Effect::watch(
        move || value.get(),
        move |v, _, _| {
            let v = *v;
            let name = watched.clone();
            flow.change(move |d| {
                if let Some(i) = feeling_index(d, &name) {
                    d.rate_before(i, v);
                }
            });
        },
        false,
    );
    let slider_id = format!("feeling-{}", browser::new_id());
    let label = fill(t.thought_record().step2_intensity, &[("name", &name)]);
    let remove_label = fill(t.thought_record().step2_remove, &[("name", &name)]);
    let remove = move |_| {
        let name = name.clone();
        flow.change(move |d| d.remove_feeling(&name));
        focus_soon("#feeling-other".into());
    };
    view! {
        <li class="feeling-row">
            <RatingSlider
                id=slider_id
                label=label
                value
                low=t.thought_record().step2_low
                high=t.thought_record().step2_high
            />
            <button type="button" class="button secondary small-button" on:click=remove>
                {remove_label}
            </button>
        </li>
    }
}

/// Step 3: the automatic thoughts, and which one hurts most.
#[component]
fn StepThoughts(flow: Flow) -> impl IntoView {
    let t = flow.app.text;
    // The list is drawn again only when thoughts are added or removed. An
    // empty record still shows one box to write in.
    let count = Memo::new(move |_| flow.draft.with(|d| d.thoughts.len().max(1)));
    let full = move || count.get() >= tr::MAX_THOUGHTS;
    let add = move |_| {
        let mut added = false;
        flow.change(|d| {
            if d.thoughts.is_empty() {
                d.add_thought();
            }
            added = d.add_thought();
        });
        if added {
            focus_soon(format!("#thought-{}", count.get_untracked()));
        }
    };
    let items = move || {
        (0..count.get())
            .map(|i| view! { <ThoughtItem flow index=i/> })
            .collect_view()
    };
    view! {
        <StepHead heading=t.thought_record().step3_heading hint=t.thought_record().step3_hint/>
        <ol class="thought-items">{items}</ol>
        <Show
            when=move || !full()
            fallback=move || view! { <p class="small">{t.thought_record().step3_full}</p> }
        >
            <button type="button" class="button secondary" on:click=add>
                {t.thought_record().step3_add}
            </button>
        </Show>
    }
}

#[component]
fn ThoughtItem(flow: Flow, index: usize) -> impl IntoView {
    let t = flow.app.text;
    let n = (index + 1).to_string();
    let initial = flow
        .draft
        .with_untracked(|d| d.thoughts.get(index).cloned().unwrap_or_default());
    let input_id = format!("thought-{}", index + 1);
    let remove = move |_| {
        flow.change(|d| d.remove_thought(index));
        focus_soon("#step-heading".into());
    };
    view! {
        <li class="thought-item">
            <label class="field">
                <span>{fill(t.thought_record().step3_thought_label, &[("n", &n)])}</span>
                <textarea
                    id=input_id
                    class="short"
                    rows="2"
                    maxlength=MAX_THOUGHT
                    prop:value=initial
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        flow.change(|d| d.set_thought(index, &value));
                    }
                ></textarea>
            </label>
            <div class="thought-item-actions">
                <label class="choice">
                    <input
                        type="radio"
                        name="hot-thought"
                        prop:checked=move || flow.draft.with(|d| d.hot == Some(index))
                        on:change=move |_| flow.change(|d| d.mark_hot(index))
                    />
                    <span>{fill(t.thought_record().step3_hot_for, &[("n", &n)])}</span>
                </label>
                <button type="button" class="button secondary small-button" on:click=remove>
                    {fill(t.thought_record().step3_remove, &[("n", &n)])}
                </button>
            </div>
        </li>
    }
}

/// Step 4: thinking traps to tick.
#[component]
fn StepTraps(flow: Flow) -> impl IntoView {
    let t = flow.app.text;
    view! {
        <StepHead heading=t.thought_record().step4_heading hint=t.thought_record().step4_hint/>
        <ul class="traps">
            {Trap::ALL
                .into_iter()
                .map(|trap| {
                    let words = trap.words(t);
                    let name_id = format!("trap-{}-name", trap.id());
                    let about_id = format!("trap-{}-about", trap.id());
                    let example = fill(t.thought_record().step4_example, &[("example", words.example)]);
                    view! {
                        <li>
                            <label class="trap">
                                <input
                                    type="checkbox"
                                    aria-labelledby=name_id.clone()
                                    aria-describedby=about_id.clone()
                                    prop:checked=move || flow.draft.with(|d| d.traps.contains(&trap))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        flow.change(|d| d.set_trap(trap, on));
                                    }
                                />
                                <span class="trap-text">
                                    <span class="trap-name" id=name_id>{words.name}</span>
                                    <span id=about_id>
                                        <span class="trap-about">{words.about}</span>
                                        " "
                                        <span class="trap-example">{example}</span>
                                    </span>
                                </span>
                            </label>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// Step 5: evidence for and against the hot thought.
#[component]
fn StepEvidence(flow: Flow) -> impl IntoView {
    let t = flow.app.text;
    view! {
        <StepHead heading=t.thought_record().step5_heading hint=t.thought_record().step5_hint/>
        <div class="field">
            <label id="evidence-for-label" for="evidence-for">{t.thought_record().step5_for_label}</label>
            <p class="hint" id="evidence-for-hint">{t.thought_record().step5_for_hint}</p>
            <RecordText
                flow
                id="evidence-for"
                labelled_by="evidence-for-label"
                described_by="evidence-for-hint"
                get=|d| &d.evidence_for
                set=|d, v| d.evidence_for = v
            />
        </div>
        <div class="field">
            <label id="evidence-against-label" for="evidence-against">
                {t.thought_record().step5_against_label}
            </label>
            <p class="hint" id="evidence-against-hint">{t.thought_record().step5_against_hint}</p>
            <RecordText
                flow
                id="evidence-against"
                labelled_by="evidence-against-label"
                described_by="evidence-against-hint"
                get=|d| &d.evidence_against
                set=|d, v| d.evidence_against = v
            />
        </div>
    }
}

/// Step 6: what they would say to a friend.
#[component]
fn StepFriend(flow: Flow) -> impl IntoView {
    let t = flow.app.text;
    view! {
        <StepHead heading=t.thought_record().step6_heading hint=t.thought_record().step6_hint/>
        <div class="field">
            <label id="friend-label" for="friend">{t.thought_record().step6_label}</label>
            <RecordText
                flow
                id="friend"
                labelled_by="friend-label"
                described_by="step-hint"
                get=|d| &d.friend
                set=|d, v| d.friend = v
            />
        </div>
    }
}

/// Step 7: a balanced thought and how much it is believed.
#[component]
fn StepBalanced(flow: Flow) -> impl IntoView {
    let t = flow.app.text;
    let belief = RwSignal::new(flow.draft.with_untracked(|d| d.belief.unwrap_or(50)));
    Effect::watch(
        move || belief.get(),
        move |v, _, _| {
            let v = *v;
            flow.change(move |d| d.set_belief(v));
        },
        false,
    );
    view! {
        <StepHead heading=t.thought_record().step7_heading hint=t.thought_record().step7_hint/>
        <div class="field">
            <label id="balanced-label" for="balanced">{t.thought_record().step7_label}</label>
            <RecordText
                flow
                id="balanced"
                labelled_by="balanced-label"
                described_by="step-hint"
                get=|d| &d.balanced
                set=|d, v| d.balanced = v
            />
        </div>
        <RatingSlider
            id="belief".to_string()
            label=t.thought_record().step7_belief.to_string()
            value=belief
            low=t.thought_record().step7_low
            high=t.thought_record().step7_high
        />
    }
}

/// Step 8: the same feelings rated again.
#[component]
fn StepRerate(flow: Flow) -> impl IntoView {
    let t = flow.app.text;
    let feelings = flow.draft.with_untracked(|d| d.feelings.clone());
    let none = feelings.is_empty();
    let rows = feelings
        .into_iter()
        .map(|f| {
            let value = RwSignal::new(f.after.unwrap_or(f.before));
            let name = f.name.clone();
            Effect::watch(
                move || value.get(),
                move |v, _, _| {
                    let v = *v;
                    let name = name.clone();
                    flow.change(move |d| {
                        if let Some(i) = feeling_index(d, &name) {
                            d.rate_after(i, v);
                        }
                    });
                },
                false,
            );
            let label = fill(
                t.thought_record().step8_after,
                &[("name", &f.name), ("before", &f.before.to_string())],
            );
            view! {
                <li>
                    <RatingSlider
                        id=format!("after-{}", browser::new_id())
                        label
                        value
                        low=t.thought_record().step2_low
                        high=t.thought_record().step2_high
                    />
                </li>
            }
        })
        .collect_view();
    view! {
        <StepHead heading=t.thought_record().step8_heading hint=t.thought_record().step8_hint/>
        {none.then(|| view! { <p class="small">{t.thought_record().step8_none}</p> })}
        <ul class="feeling-ratings">{rows}</ul>
    }
}
