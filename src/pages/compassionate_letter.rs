//! The compassionate letter: the list of letters (those ready to read again
//! first), the writing page that saves as the person types, and the reading
//! page that records a reread. Also [`LettersToReread`], the home card.

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;

use crate::app::router::{param, query, use_router};
use crate::app::{href, use_app};
use crate::browser::{self, Debounce};
use crate::components::choice::{Choice, ChoiceList};
use crate::components::confirm::ConfirmedButton;
use crate::components::page_title::PageTitle;
use crate::content::{fill, Text};
use crate::domain::compassionate_letter::{
    self as letters, due, due_letters, reread_on, Letter, LetterDraft, LetterProblem, DAY_CHOICES,
    DEFAULT_DAYS, MAX_NOTE, MAX_TEXT,
};
use crate::domain::feelings::month_short;
use crate::domain::time;
use crate::domain::Record;
use crate::store::valid_key;

/// A calendar day in words, e.g. "28 Nov 2026".
pub(crate) fn day_text(t: &'static Text, day: NaiveDate) -> String {
    fill(
        t.compassionate_letter().date,
        &[
            ("day", &day.day().to_string()),
            ("month", month_short(t, day)),
            ("year", &day.year().to_string()),
        ],
    )
}

fn letter_path(id: &str) -> String {
    href(&format!("/kindness/letters/{id}"))
}

fn all_letters(app: crate::app::AppState) -> Vec<(String, Letter)> {
    app.all::<Letter>()
        .into_iter()
        .map(|(id, l, _)| (id, l))
        .collect()
}

/// The state line under a letter in the list.
fn letter_state(t: &'static Text, letter: &Letter, now: time::Timestamp) -> String {
    if due(letter, now) {
        t.compassionate_letter().list_ready.to_string()
    } else if let Some(day) = reread_on(letter) {
        fill(
            t.compassionate_letter().list_waiting,
            &[("date", &day_text(t, day))],
        )
    } else if let Some(last) = letter.last_reread() {
        fill(
            t.compassionate_letter().list_rested,
            &[("date", &day_text(t, last.at.date_naive()))],
        )
    } else {
        String::new()
    }
}

// ---------- the list ----------

/// `/kindness/letters`: write a new letter, the letters ready to read
/// again (longest waiting first), then every letter, newest first.
#[component]
pub fn LettersPage() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let has_draft = move || {
        app.get::<LetterDraft>(LetterDraft::ID)
            .is_some_and(|d| !d.is_blank())
    };
    let letters = Memo::new(move |_| all_letters(app));
    let ready = move || {
        let now = time::now();
        letters.with(|all| {
            due_letters(all, now)
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    // Every letter not already listed as ready, newest first.
    let others = move || {
        let now = time::now();
        let mut rest: Vec<(String, Letter)> = letters
            .get()
            .into_iter()
            .filter(|(_, l)| !due(l, now))
            .collect();
        crate::domain::order::sort_by(&mut rest, |a, b| {
            b.1.written.cmp(&a.1.written).then(b.0.cmp(&a.0))
        });
        rest
    };
    view! {
        <section class="page kindness letters" aria-labelledby="letters-title">
            <PageTitle id="letters-title" text=t.compassionate_letter().title.to_string()/>
            <p class="lead">{t.compassionate_letter().intro}</p>
            <div class="actions">
                <a href=href("/kindness/letters/new") class="button">
                    {move || {
                        if has_draft() {
                            t.compassionate_letter().continue_draft
                        } else {
                            t.compassionate_letter().write_new
                        }
                    }}
                </a>
            </div>
            {move || {
                let ready = ready();
                (!ready.is_empty())
                    .then(|| {
                        view! {
                            <div class="letters-ready">
                                <h2>{t.compassionate_letter().list_ready_heading}</h2>
                                <ul class="letter-list">
                                    {ready
                                        .into_iter()
                                        .map(|(id, l)| view! { <LetterItem id letter=l/> })
                                        .collect_view()}
                                </ul>
                            </div>
                        }
                    })
            }}
            {move || {
                let all = others();
                if letters.with(Vec::is_empty) {
                    view! {
                        <h2 class="section-heading">{t.compassionate_letter().list_heading}</h2>
                        <p class="kindness-empty">{t.compassionate_letter().list_empty}</p>
                    }
                        .into_any()
                } else if all.is_empty() {
                    ().into_any()
                } else {
                    view! {
                        <h2 class="section-heading">{t.compassionate_letter().list_heading}</h2>
                        <ul class="letter-list">
                            {all
                                .into_iter()
                                .map(|(id, l)| view! { <LetterItem id letter=l/> })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// One letter in a list: a link named by its date, and its state.
#[component]
fn LetterItem(id: String, letter: Letter) -> impl IntoView {
    let t = use_app().text;
    let written = day_text(t, letter.written.date_naive());
    let now = time::now();
    let is_due = due(&letter, now);
    let state = letter_state(t, &letter, now);
    let first_line = letter
        .text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(|l| l.chars().take(80).collect::<String>())
        .unwrap_or_default();
    view! {
        <li class="card letter-item" class:due=is_due>
            <a href=letter_path(&id) class="letter-link">
                {fill(t.compassionate_letter().list_open, &[("date", &written)])}
            </a>
            <p class="letter-first-line">{first_line}</p>
            <p class="small letter-state">{state}</p>
        </li>
    }
}

// ---------- one letter ----------

/// `/kindness/letters/:id`: `new` is the writing page, any other id the
/// reading page.
#[component]
pub fn LetterPage() -> impl IntoView {
    let t = use_app().text;
    let id = Signal::stored(param("id"));
    view! {
        {move || {
            let id = id.get();
            if id == "new" {
                view! { <LetterWriter/> }.into_any()
            } else if valid_key(&format!("{}/{id}", Letter::KIND)) {
                let just_saved = query("saved").is_some();
                view! { <LetterReader id just_saved/> }.into_any()
            } else {
                view! {
                    <section class="page kindness" aria-labelledby="letter-title">
                        <PageTitle id="letter-title" text=t.compassionate_letter().read_title.to_string()/>
                        <p>{t.compassionate_letter().read_not_found}</p>
                        <a href=href("/kindness/letters") class="button secondary">
                            {t.compassionate_letter().read_not_found_link}
                        </a>
                    </section>
                }
                    .into_any()
            }
        }}
    }
}

fn days_choice_id(days: u16) -> &'static str {
    match days {
        3 => "3",
        14 => "14",
        30 => "30",
        _ => "7",
    }
}

/// The writing page: prompt, ideas, the letter (saved as a draft while
/// typed), when to offer it again, save.
#[component]
fn LetterWriter() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let router = use_router();
    let draft = untrack(|| app.get::<LetterDraft>(LetterDraft::ID).unwrap_or_default());
    let text = RwSignal::new(draft.text.clone());
    let days = RwSignal::new(Some(days_choice_id(draft.days.unwrap_or(DEFAULT_DAYS))));
    let status =
        RwSignal::new((!draft.is_blank()).then_some(t.compassionate_letter().write_status_saved));
    let problem = RwSignal::new(None::<&'static str>);
    let debounce = Debounce::new();
    let dirty = StoredValue::new(false);

    let snapshot = move || LetterDraft {
        text: text.get_untracked(),
        days: days.get_untracked().and_then(|d| d.parse().ok()),
    };
    let save_now = move || {
        if !dirty.try_get_value().unwrap_or(false) {
            return;
        }
        dirty.set_value(false);
        let d = snapshot();
        if d.is_blank() {
            app.delete::<LetterDraft>(LetterDraft::ID);
            status.set(None);
        } else {
            let _ = app.save(LetterDraft::ID, &d);
            status.set(Some(t.compassionate_letter().write_status_saved));
        }
    };
    let changed = move || {
        dirty.set_value(true);
        let saving = Some(t.compassionate_letter().write_status_saving);
        if status.get_untracked() != saving {
            status.set(saving);
        }
        debounce.call(save_now);
    };
    on_cleanup(save_now);
    let hide = window_event_listener(leptos::ev::pagehide, move |_| save_now());
    let hidden = window_event_listener(leptos::ev::visibilitychange, move |_| save_now());
    on_cleanup(move || {
        hide.remove();
        hidden.remove();
    });
    // A change of the wait is saved at once.
    Effect::new(move |previous: Option<Option<&'static str>>| {
        let now = days.get();
        if previous.is_some_and(|p| p != now) {
            dirty.set_value(true);
            save_now();
        }
        now
    });

    let save_letter = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match snapshot().finish(time::now()) {
            Err(LetterProblem::Empty) => problem.set(Some(t.compassionate_letter().write_empty)),
            Err(LetterProblem::Days) => problem.set(Some(t.compassionate_letter().write_days_hint)),
            Ok(letter) => {
                let id = browser::new_id();
                let _ = app.save(&id, &letter);
                debounce.cancel();
                dirty.set_value(false);
                app.delete::<LetterDraft>(LetterDraft::ID);
                // The router adds the public URL's prefix itself.
                router.go(&format!("/kindness/letters/{id}?saved=1"), true);
            }
        }
    };

    let day_choices = DAY_CHOICES
        .iter()
        .map(|d| Choice {
            id: days_choice_id(*d),
            label: match d {
                3 => t.compassionate_letter().write_days_3,
                14 => t.compassionate_letter().write_days_14,
                30 => t.compassionate_letter().write_days_30,
                _ => t.compassionate_letter().write_days_7,
            },
        })
        .collect::<Vec<_>>();

    view! {
        <section class="page kindness letter-writer" aria-labelledby="letter-write-title">
            <a href=href("/kindness/letters") class="back-link">
                {t.compassionate_letter().write_back}
            </a>
            <PageTitle id="letter-write-title" text=t.compassionate_letter().write_title.to_string()/>
            <p class="lead" id="letter-prompt">{t.compassionate_letter().write_prompt}</p>
            <details class="card kindness-ideas">
                <summary>{t.compassionate_letter().write_ideas_heading}</summary>
                <ul>
                    <li>{t.compassionate_letter().write_idea_1}</li>
                    <li>{t.compassionate_letter().write_idea_2}</li>
                    <li>{t.compassionate_letter().write_idea_3}</li>
                </ul>
            </details>
            <form class="card" on:submit=save_letter novalidate>
                <div class="field">
                    <label for="letter-text">{t.compassionate_letter().write_label}</label>
                    <textarea
                        id="letter-text"
                        class="letter-text"
                        rows="12"
                        maxlength=MAX_TEXT
                        aria-describedby="letter-text-hint"
                        prop:value=draft.text
                        on:input=move |ev| {
                            text.set(event_target_value(&ev));
                            problem.set(None);
                            changed();
                        }
                        on:blur=move |_| save_now()
                    ></textarea>
                    <p class="hint" id="letter-text-hint">{t.compassionate_letter().write_hint}</p>
                    <p class="small kindness-status" role="status">{move || status.get()}</p>
                </div>
                <ChoiceList
                    name="letter-days"
                    legend=t.compassionate_letter().write_days_legend
                    hint=t.compassionate_letter().write_days_hint
                    choices=day_choices
                    selected=days
                />
                <p class="error" role="alert">{move || problem.get()}</p>
                <div class="actions">
                    <button type="submit" class="button">{t.compassionate_letter().write_save}</button>
                </div>
            </form>
        </section>
    }
}

/// The reading page: the letter, its schedule, "I've reread it" and the
/// rereads so far.
#[component]
fn LetterReader(id: String, just_saved: bool) -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let id = StoredValue::new(id);
    let letter = Memo::new(move |_| id.with_value(|id| app.get::<Letter>(id)));
    // What is shown, without the note being typed (so typing does not
    // redraw the letter).
    let shown = Memo::new(move |_| {
        letter.get().map(|mut l| {
            l.note_draft.clear();
            l
        })
    });
    let note = RwSignal::new(
        letter
            .get_untracked()
            .map(|l| l.note_draft)
            .unwrap_or_default(),
    );
    let again = RwSignal::new(Some("none"));
    let marked = RwSignal::new(false);
    let debounce = Debounce::new();
    let save_note = move || {
        debounce.cancel();
        let Some(mut l) = letter.get_untracked() else {
            return;
        };
        let typed = note.get_untracked();
        if l.note_draft != typed {
            l.set_note_draft(&typed);
            let _ = id.with_value(|id| app.save(id, &l));
        }
    };
    on_cleanup(move || debounce.cancel());
    let hide = window_event_listener(leptos::ev::pagehide, move |_| save_note());
    on_cleanup(move || hide.remove());
    let router = use_router();
    let delete = Callback::new(move |()| {
        debounce.cancel();
        id.with_value(|id| app.delete::<Letter>(id));
        router.go("/kindness/letters", false);
    });

    let mark = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(mut l) = letter.get_untracked() else {
            return;
        };
        let next = again.get_untracked().and_then(|a| a.parse::<u16>().ok());
        debounce.cancel();
        if l.mark_reread(time::now(), &note.get_untracked(), next)
            .is_ok()
        {
            let _ = id.with_value(|id| app.save(id, &l));
            note.set(String::new());
            again.set(Some("none"));
            marked.set(true);
        }
    };
    let again_choices = vec![
        Choice {
            id: "none",
            label: t.compassionate_letter().read_again_none,
        },
        Choice {
            id: "7",
            label: t.compassionate_letter().read_again_7,
        },
        Choice {
            id: "30",
            label: t.compassionate_letter().read_again_30,
        },
    ];

    view! {
        <section class="page kindness letter-reader" aria-labelledby="letter-title">
            <a href=href("/kindness/letters") class="back-link">
                {t.compassionate_letter().read_back}
            </a>
            <PageTitle id="letter-title" text=t.compassionate_letter().read_title.to_string()/>
            {move || match shown.get() {
                None => {
                    view! {
                        <p>{t.compassionate_letter().read_not_found}</p>
                        <a href=href("/kindness/letters") class="button secondary">
                            {t.compassionate_letter().read_not_found_link}
                        </a>
                    }
                        .into_any()
                }
                Some(l) => {
                    let now = time::now();
                    let written = day_text(t, l.written.date_naive());
                    let schedule = if due(&l, now) {
                        t.compassionate_letter().read_ready.to_string()
                    } else if let Some(day) = reread_on(&l) {
                        let key = if just_saved && l.rereads.is_empty() {
                            t.compassionate_letter().read_saved
                        } else {
                            t.compassionate_letter().read_waiting
                        };
                        fill(key, &[("date", &day_text(t, day))])
                    } else {
                        t.compassionate_letter().read_rested.to_string()
                    };
                    let rereads = l.rereads.clone();
                    view! {
                        <p class="lead letter-schedule" role="status">{schedule}</p>
                        <article class="letter-paper" aria-labelledby="letter-written">
                            <p class="small" id="letter-written">
                                {fill(t.compassionate_letter().read_written, &[("date", &written)])}
                            </p>
                            <div class="letter-body">{l.text.clone()}</div>
                        </article>
                        {(!rereads.is_empty())
                            .then(|| {
                                view! {
                                    <div class="card letter-rereads">
                                        <h2>{t.compassionate_letter().read_rereads_heading}</h2>
                                        <ul>
                                            {rereads
                                                .into_iter()
                                                .rev()
                                                .map(|r| {
                                                    view! {
                                                        <li>
                                                            <span class="reread-date">
                                                                {day_text(t, r.at.date_naive())}
                                                            </span>
                                                            {(!r.note.is_empty())
                                                                .then(|| view! { <p class="reread-note">{r.note}</p> })}
                                                        </li>
                                                    }
                                                })
                                                .collect_view()}
                                        </ul>
                                    </div>
                                }
                            })}
                    }
                        .into_any()
                }
            }}
            <Show when=move || letter.with(Option::is_some)>
                <form class="card letter-mark" on:submit=mark novalidate>
                    <h2>{t.compassionate_letter().read_heading}</h2>
                    <div class="field">
                        <label for="reread-note">{t.compassionate_letter().read_note_label}</label>
                        <textarea
                            id="reread-note"
                            rows="3"
                            maxlength=MAX_NOTE
                            prop:value=move || note.get()
                            on:input=move |ev| {
                                note.set(event_target_value(&ev));
                                marked.set(false);
                                debounce.call(save_note);
                            }
                            on:blur=move |_| save_note()
                        ></textarea>
                    </div>
                    <ChoiceList
                        name="reread-again"
                        legend=t.compassionate_letter().read_again_legend
                        choices=again_choices.clone()
                        selected=again
                    />
                    <div class="actions">
                        <button type="submit" class="button">{t.compassionate_letter().read_mark}</button>
                    </div>
                    <p class="success" role="status">
                        {move || marked.get().then_some(t.compassionate_letter().read_marked)}
                    </p>
                </form>
                <div class="letter-delete">
                    <ConfirmedButton
                        label=t.compassionate_letter().read_delete
                        class="button secondary"
                        icon=false
                        title=t.compassionate_letter().read_delete_title
                        body=t.compassionate_letter().read_delete_body
                        confirm_label=t.compassionate_letter().read_delete_confirm
                        cancel_label=t.compassionate_letter().read_delete_cancel
                        on_confirm=delete
                    />
                </div>
            </Show>
        </section>
    }
}

// ---------- home ----------

/// On the home screen: a gentle card when a letter is ready to read
/// again (the one waiting longest); nothing otherwise.
#[component]
pub fn LettersToReread() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    move || {
        let all = all_letters(app);
        let first = letters::due_letters(&all, time::now())
            .first()
            .map(|(id, l)| (id.clone(), l.written.date_naive()));
        first.map(|(id, written)| {
            view! {
                <div class="card kindness-home-letter">
                    <h2>{t.compassionate_letter().home_heading}</h2>
                    <p>{fill(t.compassionate_letter().home_ready, &[("date", &day_text(t, written))])}</p>
                    <a href=letter_path(&id) class="button secondary">
                        {t.compassionate_letter().home_link}
                    </a>
                </div>
            }
        })
    }
}
