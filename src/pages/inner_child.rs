//! Inner-child work: `/inner-child` (what this is, start a conversation at
//! a chosen age, the three questions, past work), `/inner-child/:id` (one
//! two-voice conversation, saved as the person types) and
//! `/inner-child/reflect/:id` (the three questions and the card they make).

use chrono::Datelike;
use leptos::html;
use leptos::prelude::*;

use crate::app::router::{param, use_router};
use crate::app::{href, use_app, AppState};
use crate::browser::{self, Debounce};
use crate::components::confirm::ConfirmedButton;
use crate::components::page_title::PageTitle;
use crate::content::{fill, Text};
use crate::domain::feelings::month_short;
use crate::domain::inner_child::{
    self, Dialogue, Question, Reflection, TurnError, Voice, MAX_AGE, MAX_ANSWER, MAX_TURN, MIN_AGE,
};
use crate::domain::time::{self, Timestamp};
use crate::domain::Record;
use crate::store::valid_key;

/// Characters of a turn or answer shown in the lists.
const PREVIEW: usize = 80;

/// "Me now" or "Me at 9".
fn who(t: &'static Text, voice: Voice, age: u8) -> String {
    match voice {
        Voice::Now => t.inner_child().me_now.to_string(),
        Voice::Younger => fill(t.inner_child().me_at, &[("age", &age.to_string())]),
    }
}

fn date_text(t: &'static Text, at: &Timestamp) -> String {
    fill(
        t.inner_child().past_item_date,
        &[
            ("day", &at.day().to_string()),
            ("month", month_short(t, at.date_naive())),
        ],
    )
}

fn counts_text(t: &'static Text, d: &Dialogue) -> String {
    let turns = if d.turn_count() == 1 {
        t.inner_child().past_turns_one.to_string()
    } else {
        fill(
            t.inner_child().past_turns_many,
            &[("count", &d.turn_count().to_string())],
        )
    };
    let words = if d.word_count() == 1 {
        t.inner_child().past_words_one.to_string()
    } else {
        fill(
            t.inner_child().past_words,
            &[("count", &d.word_count().to_string())],
        )
    };
    fill(
        t.inner_child().dialogue_counts,
        &[("turns", &turns), ("words", &words)],
    )
}

// ---------- the front page ----------

/// `/inner-child`.
#[component]
pub fn InnerChildPage() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let age = RwSignal::new(String::new());
    let error = RwSignal::new(false);
    let router = use_router();
    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(dialogue) = inner_child::parse_age(&age.get_untracked())
            .and_then(|a| Dialogue::new(a, time::now()))
        else {
            error.set(true);
            return;
        };
        let id = browser::new_id();
        let _ = app.save(&id, &dialogue);
        router.go(&format!("/inner-child/{id}"), false);
    };
    view! {
        <section class="page inner-child" aria-labelledby="inner-child-title">
            <PageTitle id="inner-child-title" text=t.inner_child().title.to_string()/>
            <p class="lead">{t.inner_child().intro}</p>
            <p class="ic-care">{t.inner_child().care}</p>
            <form class="card ic-start" on:submit=start novalidate>
                <h2>{t.inner_child().start_heading}</h2>
                <p class="hint">{t.inner_child().start_hint}</p>
                <div class="field">
                    <label for="ic-age">{t.inner_child().start_age_label}</label>
                    <input
                        id="ic-age"
                        type="number"
                        inputmode="numeric"
                        min=MIN_AGE
                        max=MAX_AGE
                        aria-describedby="ic-age-hint"
                        prop:value=move || age.get()
                        on:input=move |ev| {
                            age.set(event_target_value(&ev));
                            error.set(false);
                        }
                    />
                    <p class="hint" id="ic-age-hint">{t.inner_child().start_age_hint}</p>
                </div>
                <div role="alert">
                    {move || error.get().then(|| view! { <p class="error">{t.inner_child().start_age_error}</p> })}
                </div>
                <div class="actions">
                    <button type="submit" class="button">{t.inner_child().start_button}</button>
                </div>
            </form>
            <div class="card ic-reflect">
                <h2>{t.inner_child().reflect_heading}</h2>
                <p>{t.inner_child().reflect_hint}</p>
                <a href=href("/inner-child/reflect/new") class="button secondary">
                    {t.inner_child().reflect_button}
                </a>
            </div>
            <PastWork/>
        </section>
    }
}

/// Past conversations and answers, newest first.
#[component]
fn PastWork() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let dialogues = Memo::new(move |_| {
        let mut all: Vec<(String, Dialogue)> = app
            .all::<Dialogue>()
            .into_iter()
            .map(|(id, d, _)| (id, d))
            .filter(|(_, d)| !d.is_blank())
            .collect();
        crate::domain::order::sort_by(&mut all, |(ia, a), (ib, b)| {
            b.updated.cmp(&a.updated).then(ib.cmp(ia))
        });
        all
    });
    let reflections = Memo::new(move |_| {
        let mut all: Vec<(String, Reflection)> = app
            .all::<Reflection>()
            .into_iter()
            .map(|(id, r, _)| (id, r))
            .filter(|(_, r)| !r.is_blank())
            .collect();
        crate::domain::order::sort_by(&mut all, |(ia, a), (ib, b)| {
            b.created.cmp(&a.created).then(ib.cmp(ia))
        });
        all
    });
    view! {
        <h2 class="section-heading">{t.inner_child().past_dialogues}</h2>
        {move || {
            let all = dialogues.get();
            if all.is_empty() {
                return view! { <p class="small">{t.inner_child().past_empty}</p> }.into_any();
            }
            view! {
                <ul class="ic-past">
                    {all
                        .into_iter()
                        .map(|(id, d)| {
                            let title = fill(t.inner_child().past_item, &[("age", &d.age.to_string())]);
                            let last = d
                                .turns
                                .last()
                                .and_then(|turn| inner_child::preview(&turn.text, PREVIEW));
                            let meta = format!("{} · {}", date_text(t, &d.created), counts_text(t, &d));
                            view! {
                                <li class="card ic-past-item">
                                    <a href=href(&format!("/inner-child/{id}")) class="ic-past-link">
                                        {title}
                                    </a>
                                    <p class="small">{meta}</p>
                                    {last.map(|l| view! { <p class="ic-past-preview">{l}</p> })}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
        <h2 class="section-heading">{t.inner_child().past_reflections}</h2>
        {move || {
            let all = reflections.get();
            if all.is_empty() {
                return view! { <p class="small">{t.inner_child().past_empty}</p> }.into_any();
            }
            view! {
                <ul class="ic-past">
                    {all
                        .into_iter()
                        .map(|(id, r)| {
                            let words = inner_child::preview(&r.needed, PREVIEW)
                                .unwrap_or_else(|| t.inner_child().past_no_card.to_string());
                            view! {
                                <li class="card ic-past-item">
                                    <a href=href(&format!("/inner-child/reflect/{id}")) class="ic-past-link">
                                        {words}
                                    </a>
                                    <p class="small">{date_text(t, &r.created)}</p>
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

// ---------- one conversation ----------

/// `/inner-child/:id`.
#[component]
pub fn DialoguePage() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let id = Signal::stored(param("id"));
    view! {
        <section class="page inner-child ic-dialogue" aria-labelledby="ic-dialogue-title">
            <a href=href("/inner-child") class="back-link">{t.inner_child().dialogue_back}</a>
            {move || {
                let id = id.get();
                let found = valid_key(&format!("{}/{id}", Dialogue::KIND))
                    .then(|| untrack(|| app.get::<Dialogue>(&id)))
                    .flatten();
                match found {
                    Some(d) => view! { <Conversation id dialogue=d/> }.into_any(),
                    None => {
                        view! {
                            <PageTitle id="ic-dialogue-title" text=t.inner_child().title.to_string()/>
                            <p>{t.inner_child().dialogue_not_found}</p>
                        }
                            .into_any()
                    }
                }
            }}
        </section>
    }
}

/// Saves `d` (with a fresh `updated`).
fn persist_dialogue(app: AppState, id: &str, d: &Dialogue) {
    let mut d = d.clone();
    d.updated = time::now();
    let _ = app.save(id, &d);
}

/// The turns and the box for the next one.
#[component]
fn Conversation(id: String, dialogue: Dialogue) -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let age = dialogue.age;
    let dialogue = RwSignal::new(dialogue);
    let id = StoredValue::new(id);
    let dirty = StoredValue::new(false);
    let saving = RwSignal::new(false);
    let error = RwSignal::new(None::<&'static str>);
    let deleted = StoredValue::new(false);
    let debounce = Debounce::new();
    let draft_ref = NodeRef::<html::Textarea>::new();
    let router = use_router();

    let save_now = move || {
        if !dirty.try_get_value().unwrap_or(false) || deleted.try_get_value().unwrap_or(true) {
            return;
        }
        dirty.set_value(false);
        id.with_value(|id| persist_dialogue(app, id, &dialogue.get_untracked()));
        saving.set(false);
    };
    let changed = move || {
        dirty.set_value(true);
        if !saving.get_untracked() {
            saving.set(true);
        }
        debounce.call(save_now);
    };
    let hide = window_event_listener(leptos::ev::pagehide, move |_| save_now());
    let hidden = window_event_listener(leptos::ev::visibilitychange, move |_| save_now());
    // Leaving in the app: save, or drop a conversation that never began.
    on_cleanup(move || {
        hide.remove();
        hidden.remove();
        if deleted.try_get_value().unwrap_or(true) {
            return;
        }
        if let Some(d) = dialogue.try_get_untracked() {
            if d.is_blank() {
                id.with_value(|id| app.delete::<Dialogue>(id));
            } else {
                save_now();
            }
        }
    });

    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut next = dialogue.get_untracked();
        match next.add_turn() {
            Ok(()) => {
                dialogue.set(next);
                error.set(None);
                dirty.set_value(true);
                save_now();
                if let Some(area) = draft_ref.get_untracked() {
                    let _ = area.focus();
                }
            }
            Err(TurnError::Empty) => error.set(Some(t.inner_child().dialogue_error_empty)),
            Err(TurnError::TooMany) => error.set(Some(t.inner_child().dialogue_error_too_many)),
        }
    };
    let switch = move |_| {
        dialogue.update(Dialogue::switch_speaker);
        dirty.set_value(true);
        save_now();
    };
    let take_back = move |_| {
        dialogue.update(|d| {
            d.take_back_last();
        });
        dirty.set_value(true);
        save_now();
        if let Some(area) = draft_ref.get_untracked() {
            let _ = area.focus();
        }
    };
    let done = move |_| {
        save_now();
        router.go("/inner-child", false);
    };
    let delete = Callback::new(move |_| {
        deleted.set_value(true);
        debounce.cancel();
        id.with_value(|id| app.delete::<Dialogue>(id));
        router.go("/inner-child", false);
    });

    let title = fill(t.inner_child().dialogue_title, &[("age", &age.to_string())]);
    let next_voice = move || dialogue.with(|d| d.next);
    let says = move || {
        fill(
            t.inner_child().dialogue_says,
            &[("who", &who(t, next_voice(), age))],
        )
    };
    let switch_text = move || match next_voice() {
        Voice::Now => fill(
            t.inner_child().dialogue_switch_to_younger,
            &[("age", &age.to_string())],
        ),
        Voice::Younger => t.inner_child().dialogue_switch_to_now.to_string(),
    };

    view! {
        <PageTitle id="ic-dialogue-title" text=title/>
        <p class="lead">{t.inner_child().dialogue_how}</p>
        <details class="ic-starters">
            <summary>{t.inner_child().dialogue_starters_heading}</summary>
            <ul>
                <li>{t.inner_child().dialogue_starter_1}</li>
                <li>{t.inner_child().dialogue_starter_2}</li>
                <li>{t.inner_child().dialogue_starter_3}</li>
            </ul>
        </details>
        {move || {
            dialogue
                .with(|d| d.turns.is_empty())
                .then(|| view! { <p class="ic-empty">{t.inner_child().dialogue_empty}</p> })
        }}
        <ol class="ic-turns">
            {move || {
                dialogue
                    .with(|d| d.turns.clone())
                    .into_iter()
                    .map(|turn| {
                        let class = format!("ic-turn ic-{}", turn.voice.id());
                        view! {
                            <li class=class>
                                <p class="ic-who">{who(t, turn.voice, age)}</p>
                                <p class="ic-text">{turn.text}</p>
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ol>
        <form
            class=move || format!("card ic-compose ic-compose-{}", next_voice().id())
            on:submit=add
            novalidate
        >
            <label class="field">
                <span class="ic-says">{says}</span>
                <textarea
                    node_ref=draft_ref
                    rows="4"
                    maxlength=MAX_TURN
                    prop:value=move || dialogue.with(|d| d.draft.clone())
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        dialogue.update(|d| d.set_draft(&value));
                        error.set(None);
                        changed();
                    }
                    on:blur=move |_| save_now()
                ></textarea>
            </label>
            <div role="alert">{move || error.get().map(|e| view! { <p class="error">{e}</p> })}</div>
            <div class="actions">
                <button type="submit" class="button">{t.inner_child().dialogue_add}</button>
                <button type="button" class="button secondary" on:click=switch>
                    {switch_text}
                </button>
            </div>
            <div class="ic-meta">
                <span class="small">{move || dialogue.with(|d| counts_text(t, d))}</span>
                <span class="small ic-status" role="status">
                    {move || {
                        if saving.get() {
                            t.inner_child().dialogue_status_saving
                        } else {
                            t.inner_child().dialogue_status_saved
                        }
                    }}
                </span>
            </div>
        </form>
        <div class="actions">
            <button type="button" class="button" on:click=done>{t.inner_child().dialogue_done}</button>
            <Show when=move || dialogue.with(|d| !d.turns.is_empty())>
                <button type="button" class="button secondary" on:click=take_back>
                    {t.inner_child().dialogue_take_back}
                </button>
            </Show>
        </div>
        <div class="ic-danger">
            <ConfirmedButton
                label=t.inner_child().dialogue_delete
                class="button secondary danger-text"
                icon=false
                title=t.inner_child().dialogue_confirm_title
                body=t.inner_child().dialogue_confirm_body
                confirm_label=t.inner_child().dialogue_confirm_yes
                cancel_label=t.inner_child().dialogue_confirm_no
                on_confirm=delete
            />
        </div>
    }
}

// ---------- the three questions ----------

fn question_words(t: &'static Text, q: Question) -> (&'static str, &'static str) {
    match q {
        Question::FirstFelt => (
            t.inner_child().prompts_first_felt,
            t.inner_child().prompts_first_felt_hint,
        ),
        Question::Needed => (
            t.inner_child().prompts_needed,
            t.inner_child().prompts_needed_hint,
        ),
        Question::KnowNow => (
            t.inner_child().prompts_know_now,
            t.inner_child().prompts_know_now_hint,
        ),
    }
}

/// `/inner-child/reflect/:id`; `new` makes a fresh id and takes it as its
/// address (in place of the history entry, so a reload keeps the same
/// answers).
#[component]
pub fn ReflectionPage() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let mut id = param("id");
    if id == "new" {
        id = browser::new_id();
        use_router().rename(&format!("/inner-child/reflect/{id}"));
    }
    let body = if valid_key(&format!("{}/{id}", Reflection::KIND)) {
        let existing = untrack(|| app.get::<Reflection>(&id));
        view! { <Questions id existing/> }.into_any()
    } else {
        view! { <p>{t.inner_child().prompts_not_found}</p> }.into_any()
    };
    view! {
        <section class="page inner-child ic-prompts" aria-labelledby="ic-prompts-title">
            <a href=href("/inner-child") class="back-link">{t.inner_child().prompts_back}</a>
            <PageTitle id="ic-prompts-title" text=t.inner_child().prompts_title.to_string()/>
            {body}
        </section>
    }
}

/// The three questions, one at a time, then the card.
#[component]
fn Questions(id: String, existing: Option<Reflection>) -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let stored = StoredValue::new(existing.is_some());
    // Answers open where the person left them (the card once finished).
    let step = RwSignal::new(existing.as_ref().map_or(0, |r| usize::from(r.step)));
    let reflection = RwSignal::new(existing.unwrap_or_else(|| Reflection::new(time::now())));
    let id = StoredValue::new(id);
    let dirty = StoredValue::new(false);
    let deleted = StoredValue::new(false);
    let debounce = Debounce::new();
    let router = use_router();

    let save_now = move || {
        if !dirty.try_get_value().unwrap_or(false) || deleted.try_get_value().unwrap_or(true) {
            return;
        }
        dirty.set_value(false);
        let mut r = reflection.get_untracked();
        id.with_value(|id| {
            if r.is_blank() {
                if stored.get_value() {
                    app.delete::<Reflection>(id);
                    stored.set_value(false);
                }
            } else {
                r.updated = time::now();
                let _ = app.save(id, &r);
                stored.set_value(true);
            }
        });
    };
    let hide = window_event_listener(leptos::ev::pagehide, move |_| save_now());
    let hidden = window_event_listener(leptos::ev::visibilitychange, move |_| save_now());
    on_cleanup(move || {
        hide.remove();
        hidden.remove();
        save_now();
    });
    let go = move |to: usize| {
        reflection.update(|r| r.go_to(to));
        dirty.set_value(true);
        save_now();
        step.set(to);
        browser::focus_main_heading();
    };
    let toggle_home = move |_| {
        reflection.update(|r| r.hidden = !r.hidden);
        dirty.set_value(true);
        save_now();
    };
    let delete = Callback::new(move |_| {
        deleted.set_value(true);
        debounce.cancel();
        id.with_value(|id| app.delete::<Reflection>(id));
        router.go("/inner-child", false);
    });

    let question_view = move |q: Question| {
        let (label, hint) = question_words(t, q);
        let n = q.index() + 1;
        let last = n == Question::ALL.len();
        view! {
            <form
                class="card ic-question"
                on:submit=move |ev| {
                    ev.prevent_default();
                    go(n);
                }
            >
                <p class="small ic-step">
                    {fill(t.inner_child().prompts_step, &[("n", &n.to_string())])}
                </p>
                <label class="field">
                    <span class="ic-question-text">{label}</span>
                    <textarea
                        rows="6"
                        maxlength=MAX_ANSWER
                        aria-describedby="ic-question-hint"
                        prop:value=reflection.with_untracked(|r| r.answer(q).to_string())
                        on:input=move |ev| {
                            let value = event_target_value(&ev);
                            reflection.update(|r| r.set_answer(q, &value));
                            dirty.set_value(true);
                            debounce.call(save_now);
                        }
                        on:blur=move |_| save_now()
                    ></textarea>
                </label>
                <p class="hint" id="ic-question-hint">{hint}</p>
                <p class="small">{t.inner_child().prompts_saved}</p>
                <div class="actions">
                    <button type="submit" class="button">
                        {if last { t.inner_child().prompts_finish } else { t.inner_child().prompts_next }}
                    </button>
                    {(n > 1)
                        .then(|| {
                            view! {
                                <button type="button" class="button secondary" on:click=move |_| go(n - 2)>
                                    {t.inner_child().prompts_previous}
                                </button>
                            }
                        })}
                </div>
            </form>
        }
    };

    let card_view = move || {
        let needed = reflection.with(|r| r.needed.trim().to_string());
        view! {
            <div class="card ic-card-view">
                <h2>{t.inner_child().prompts_card_heading}</h2>
                {if needed.is_empty() {
                    view! { <p>{t.inner_child().prompts_card_empty}</p> }.into_any()
                } else {
                    view! {
                        <p class="small">{t.inner_child().prompts_card_intro}</p>
                        <blockquote class="hold-card needed-card">
                            <p class="hold-words">{needed}</p>
                        </blockquote>
                        <button
                            type="button"
                            class="chip pin-toggle"
                            aria-pressed=move || reflection.with(|r| !r.hidden).to_string()
                            on:click=toggle_home
                        >
                            {t.inner_child().prompts_show_on_home}
                        </button>
                    }
                        .into_any()
                }}
                <div class="actions">
                    <a href=href("/") class="button">{t.inner_child().prompts_done}</a>
                    <button type="button" class="button secondary" on:click=move |_| go(0)>
                        {t.inner_child().prompts_edit}
                    </button>
                </div>
            </div>
        }
    };

    view! {
        {move || match Question::ALL.get(step.get()) {
            Some(q) => question_view(*q).into_any(),
            None => card_view().into_any(),
        }}
        <div class="ic-danger">
            <Show when=move || reflection.with(|r| !r.is_blank())>
                <ConfirmedButton
                    label=t.inner_child().prompts_delete
                    class="button secondary danger-text"
                    icon=false
                    title=t.inner_child().prompts_confirm_title
                    body=t.inner_child().prompts_confirm_body
                    confirm_label=t.inner_child().prompts_confirm_yes
                    cancel_label=t.inner_child().prompts_confirm_no
                    on_confirm=delete
                />
            </Show>
        </div>
    }
}
