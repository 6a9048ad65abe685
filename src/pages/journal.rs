//! The journal: a list of entries with search and tags, prompts to start
//! from, and an editor that saves as the person types.

use chrono::{Datelike, Timelike};
use leptos::html;
use leptos::prelude::*;

use crate::app::router::{param, query, use_router};
use crate::app::{href, use_app, AppState};
use crate::browser::{self, Debounce};
use crate::components::icons::{Icon, IconKind};
use crate::components::later::Later;
use crate::components::page_title::PageTitle;
use crate::content::{fill, Text};
use crate::domain::feelings::month_short;
use crate::domain::journal::{
    self, JournalEntry, TagError, MAX_BODY, MAX_TAG, MAX_TAGS, MAX_TITLE,
};
use crate::domain::time::{self, Timestamp};
use crate::domain::Record;
use crate::store::{valid_key, Health};

/// Characters of the first line shown when an entry has no title.
const HEADLINE: usize = 70;
/// How many entries the list shows at first, and how many more per tap.
const PAGE: usize = 50;

fn words_text(t: &'static Text, n: usize) -> String {
    if n == 1 {
        t.journal().words_one.to_string()
    } else {
        fill(t.journal().words_many, &[("count", &n.to_string())])
    }
}

fn date_text(t: &'static Text, at: &Timestamp) -> String {
    fill(
        t.journal().list_date,
        &[
            ("day", &at.day().to_string()),
            ("month", month_short(t, at.date_naive())),
            ("year", &at.year().to_string()),
            ("time", &format!("{:02}:{:02}", at.hour(), at.minute())),
        ],
    )
}

fn entry_path(id: &str) -> String {
    href(&format!("/journal/{id}"))
}

// ---------- the list ----------

/// The journal's front page: new entry, prompts, search, tags and entries.
#[component]
pub fn JournalPage() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    // Prompts come first until there is something to read back; then the
    // entries lead and the prompts follow them.
    let has_entries = Memo::new(move |_| !app.all_shared::<JournalEntry>().is_empty());
    view! {
        <section class="page journal" aria-labelledby="journal-title">
            <PageTitle id="journal-title" text=t.journal().list_title.to_string()/>
            <p class="lead">{t.journal().list_intro}</p>
            <div class="actions journal-new">
                <a href=href("/journal/new") class="button">
                    {t.journal().list_new}
                </a>
            </div>
            <Show when=move || !has_entries.get()>
                <Prompts/>
            </Show>
            <Entries/>
            <Show when=move || has_entries.get()>
                <Prompts/>
            </Show>
        </section>
    }
}

/// Prompts to start from: tailored ones first when the person said what
/// happened, the rest behind "More prompts".
#[component]
fn Prompts() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let link = move |id: &'static str| {
        journal::prompt_text(t, id).map(|words| {
            view! {
                <li>
                    <a href=href(&format!("/journal/new?prompt={id}")) class="prompt-link">
                        {words}
                    </a>
                </li>
            }
        })
    };
    view! {
        <div class="card journal-prompts">
            <h2>{t.journal().prompts_heading}</h2>
            <p class="small">{t.journal().prompts_hint}</p>
            {move || {
                let setback = app.profile.with(|p| p.setback);
                let tailored = setback.map(|s| journal::tailored_prompts(s).to_vec()).unwrap_or_default();
                let general = journal::GENERAL_PROMPTS.to_vec();
                // Two to start with (tailored first); the rest one tap away.
                let (first, rest_tailored, rest_general) = if tailored.is_empty() {
                    (general[..2].to_vec(), Vec::new(), general[2..].to_vec())
                } else {
                    (tailored[..2].to_vec(), tailored[2..].to_vec(), general)
                };
                let for_you = (!tailored.is_empty())
                    .then(|| view! { <h3>{t.journal().prompts_for_you}</h3> });
                let more_for_you = (!rest_tailored.is_empty())
                    .then(|| {
                        view! {
                            <h3>{t.journal().prompts_for_you}</h3>
                            <ul class="prompt-list">
                                {rest_tailored.into_iter().map(link).collect_view()}
                            </ul>
                        }
                    });
                view! {
                    {for_you}
                    <ul class="prompt-list">{first.into_iter().map(link).collect_view()}</ul>
                    <details class="more-prompts">
                        <summary>{t.journal().prompts_more}</summary>
                        {more_for_you}
                        <h3>{t.journal().prompts_any_day}</h3>
                        <ul class="prompt-list">
                            {rest_general.into_iter().map(link).collect_view()}
                        </ul>
                    </details>
                }
            }}
        </div>
    }
}

/// Search, tag filter and the entries, newest first, with delete and undo.
#[component]
fn Entries() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let query = RwSignal::new(String::new());
    let tag = RwSignal::new(None::<String>);
    let undo = RwSignal::new(None::<(String, JournalEntry)>);
    let restored = RwSignal::new(false);
    let undo_ref = NodeRef::<html::Button>::new();
    // Years of entries are shown a page at a time, newest first.
    let limit = RwSignal::new(PAGE);

    let entries = Memo::new(move |_| {
        app.all::<JournalEntry>()
            .into_iter()
            .map(|(id, e, _)| (id, e))
            .collect::<Vec<_>>()
    });
    let tags =
        Memo::new(move |_| entries.with(|all| journal::all_tags(all.iter().map(|(_, e)| e))));
    let shown = Memo::new(move |_| {
        let q = query.get();
        let tag = tag.get();
        entries.with(|all| {
            journal::search(all, &q, tag.as_deref())
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let filtering = move || !query.with(|q| q.trim().is_empty()) || tag.with(Option::is_some);

    // A filter for a tag that no entry carries any more is dropped.
    Effect::new(move |_| {
        let current = tag.get();
        if let Some(current) = current {
            if !tags.with(|all| all.contains(&current)) {
                tag.set(None);
            }
        }
    });
    Effect::new(move |_| {
        if undo.with(Option::is_some) {
            if let Some(button) = undo_ref.get() {
                let _ = button.focus();
            }
        }
    });

    let delete = move |id: String| {
        if let Some(entry) = app.delete::<JournalEntry>(&id) {
            restored.set(false);
            undo.set(Some((id, entry)));
        }
    };
    let undo_delete = move |_| {
        if let Some((id, entry)) = undo.get_untracked() {
            let _ = app.save(&id, &entry);
            undo.set(None);
            restored.set(true);
        }
    };

    view! {
        <h2 class="section-heading">{t.journal().list_heading}</h2>
        <div class="journal-undo" role="status">
            {move || {
                if undo.with(Option::is_some) {
                    Some(
                        view! {
                            <p>{t.journal().list_deleted}</p>
                            <button
                                type="button"
                                class="button secondary"
                                node_ref=undo_ref
                                on:click=undo_delete
                            >
                                {t.journal().list_undo}
                            </button>
                        }
                            .into_any(),
                    )
                } else if restored.get() {
                    Some(view! { <p>{t.journal().list_restored}</p> }.into_any())
                } else {
                    None
                }
            }}
        </div>
        <Show
            when=move || entries.with(|e| !e.is_empty())
            fallback=move || view! { <p class="journal-empty">{t.journal().list_empty}</p> }
        >
            <div class="journal-search" role="search">
                <label class="field">
                    <span>{t.journal().list_search_label}</span>
                    <input
                        type="search"
                        aria-describedby="journal-search-hint"
                        prop:value=move || query.get()
                        on:input=move |ev| query.set(event_target_value(&ev))
                    />
                </label>
                <p class="hint" id="journal-search-hint">{t.journal().list_search_hint}</p>
            </div>
            <Show when=move || tags.with(|t| !t.is_empty())>
                <div class="tag-filter" role="group" aria-labelledby="journal-tag-filter">
                    <p class="tag-filter-label" id="journal-tag-filter">{t.journal().list_tags_label}</p>
                    <button
                        type="button"
                        class="chip"
                        aria-pressed=move || tag.with(Option::is_none).to_string()
                        on:click=move |_| tag.set(None)
                    >
                        {t.journal().list_tag_all}
                    </button>
                    <For each=move || tags.get() key=|name| name.clone() let:name>
                        {
                            let pressed_name = name.clone();
                            let click_name = name.clone();
                            view! {
                                <button
                                    type="button"
                                    class="chip"
                                    aria-pressed=move || {
                                        tag.with(|t| t.as_deref() == Some(pressed_name.as_str()))
                                            .to_string()
                                    }
                                    on:click=move |_| tag.set(Some(click_name.clone()))
                                >
                                    {format!("#{name}")}
                                </button>
                            }
                        }
                    </For>
                </div>
            </Show>
            <p class="small journal-shown" role="status">
                {move || {
                    filtering()
                        .then(|| {
                            fill(
                                t.journal().list_shown,
                                &[
                                    ("count", &shown.with(Vec::len).to_string()),
                                    ("total", &entries.with(Vec::len).to_string()),
                                ],
                            )
                        })
                }}
            </p>
            <Show
                when=move || shown.with(|s| !s.is_empty())
                fallback=move || view! { <p class="journal-empty">{t.journal().list_no_match}</p> }
            >
                <ul class="journal-entries">
                    <For
                        each=move || {
                            let limit = limit.get();
                            shown.with(|s| s.iter().take(limit).cloned().collect::<Vec<_>>())
                        }
                        key=|(id, e)| (id.clone(), e.updated, e.tags.clone(), e.title.clone())
                        let:item
                    >
                        <EntryCard id=item.0 entry=item.1 on_delete=Callback::new(delete)/>
                    </For>
                </ul>
                {move || {
                    let total = shown.with(Vec::len);
                    let count = limit.get().min(total);
                    (count < total)
                        .then(|| {
                            let showing = fill(
                                t.journal().list_showing,
                                &[("count", &count.to_string()), ("total", &total.to_string())],
                            );
                            view! {
                                <div class="journal-more">
                                    <p class="small">{showing}</p>
                                    <button
                                        type="button"
                                        class="button secondary"
                                        on:click=move |_| limit.update(|n| *n += PAGE)
                                    >
                                        {t.journal().list_more}
                                    </button>
                                </div>
                            }
                        })
                }}
            </Show>
        </Show>
    }
}

/// One entry in the list: a link to it, its date, length and tags.
#[component]
fn EntryCard(id: String, entry: JournalEntry, on_delete: Callback<String>) -> impl IntoView {
    let t = use_app().text;
    let headline = entry
        .headline(HEADLINE)
        .unwrap_or_else(|| t.journal().list_untitled.to_string());
    let delete_label = fill(t.journal().list_delete_label, &[("title", &headline)]);
    let meta = format!(
        "{} · {}",
        date_text(t, &entry.created),
        words_text(t, entry.words())
    );
    let id_for_delete = id.clone();
    view! {
        <li class="card journal-entry">
            <a href=entry_path(&id) class="journal-entry-link">
                {headline}
            </a>
            <p class="small journal-entry-meta">{meta}</p>
            {(!entry.tags.is_empty())
                .then(|| {
                    view! {
                        <ul class="tag-list">
                            {entry
                                .tags
                                .iter()
                                .map(|tag| view! { <li class="tag">{format!("#{tag}")}</li> })
                                .collect_view()}
                        </ul>
                    }
                })}
            <button
                type="button"
                class="button secondary journal-delete"
                aria-label=delete_label
                on:click=move |_| on_delete.run(id_for_delete.clone())
            >
                <Icon kind=IconKind::Trash/>
                <span>{t.journal().list_delete}</span>
            </button>
        </li>
    }
}

// ---------- the editor ----------

/// `/journal/:id`. `/journal/new` makes a fresh id and takes it as its
/// address (in place of the history entry, so a reload keeps editing the
/// same entry).
#[component]
pub fn JournalEntryPage() -> impl IntoView {
    let t = use_app().text;
    let prompt = query("prompt").filter(|p| journal::valid_prompt_id(p));
    let mut id = param("id");
    if id == "new" {
        id = browser::new_id();
        use_router().rename(&match &prompt {
            Some(p) => format!("/journal/{id}?prompt={p}"),
            None => format!("/journal/{id}"),
        });
    }
    let body = if valid_key(&format!("{}/{id}", JournalEntry::KIND)) {
        view! { <Editor id=id prompt/> }.into_any()
    } else {
        view! {
            <p>{t.journal().editor_not_found}</p>
            <a href=href("/journal") class="button secondary">
                {t.journal().editor_not_found_link}
            </a>
        }
        .into_any()
    };
    view! {
        <section class="page journal-editor" aria-labelledby="journal-entry-title">
            <a href=href("/journal") class="back-link">
                {t.journal().editor_back}
            </a>
            <PageTitle id="journal-entry-title" text=t.journal().editor_title.to_string()/>
            {body}
        </section>
    }
}

/// Where the editor's saving is up to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    /// Nothing typed yet in this visit.
    Idle,
    /// Typed; waiting for a pause to save.
    Pending,
    Saved,
    /// The store kept the change in memory only.
    Failed,
}

/// Saves `entry` unless it is blank; a blank entry that was saved before is
/// removed, so empty entries never pile up. Returns the new status and
/// whether the entry is now stored.
fn persist(app: AppState, id: &str, entry: &JournalEntry, stored: bool) -> (Status, bool) {
    if entry.is_blank() {
        if stored {
            app.delete::<JournalEntry>(id);
        }
        return (Status::Idle, false);
    }
    let mut entry = entry.clone();
    entry.updated = time::now();
    let ok = app.save(id, &entry).is_ok()
        && matches!(
            app.health.get_untracked(),
            Health::Saved | Health::Unavailable
        );
    (if ok { Status::Saved } else { Status::Failed }, true)
}

/// The writing area for one entry id.
#[component]
fn Editor(id: String, prompt: Option<String>) -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let existing = untrack(|| app.get::<JournalEntry>(&id));
    let stored = StoredValue::new(existing.is_some());
    let entry = RwSignal::new(
        existing.unwrap_or_else(|| JournalEntry::new(time::now(), prompt.as_deref())),
    );
    let id = StoredValue::new(id);
    let status = RwSignal::new(if stored.get_value() {
        Status::Saved
    } else {
        Status::Idle
    });
    let dirty = StoredValue::new(false);
    let debounce = Debounce::new();
    let tag_input = RwSignal::new(String::new());
    let tag_error = RwSignal::new(None::<String>);

    let save_now = move || {
        if !dirty.try_get_value().unwrap_or(false) {
            return;
        }
        dirty.set_value(false);
        let current = entry.get_untracked();
        let (next, now_stored) = id.with_value(|id| persist(app, id, &current, stored.get_value()));
        stored.set_value(now_stored);
        status.set(next);
    };
    let changed = move || {
        dirty.set_value(true);
        // Set only on change, so screen readers hear "Saving…" once, not per key.
        if status.get_untracked() != Status::Pending {
            status.set(Status::Pending);
        }
        debounce.call(save_now);
    };
    // Leaving the page, in the app or by closing the tab, saves at once.
    on_cleanup(save_now);
    let hide = window_event_listener(leptos::ev::pagehide, move |_| save_now());
    let hidden = window_event_listener(leptos::ev::visibilitychange, move |_| save_now());
    on_cleanup(move || {
        hide.remove();
        hidden.remove();
    });

    let add_tag = move |raw: String| {
        let mut next = entry.get_untracked();
        match next.add_tag(&raw) {
            Ok(_) => {
                entry.set(next);
                tag_input.set(String::new());
                tag_error.set(None);
                dirty.set_value(true);
                save_now();
            }
            Err(e) => {
                let max_tag = MAX_TAG.to_string();
                let max_tags = MAX_TAGS.to_string();
                tag_error.set(Some(match e {
                    TagError::Empty => t.journal().tags_error_empty.to_string(),
                    TagError::TooLong => {
                        fill(t.journal().tags_error_too_long, &[("max", &max_tag)])
                    }
                    TagError::TooMany => {
                        fill(t.journal().tags_error_too_many, &[("max", &max_tags)])
                    }
                    TagError::Duplicate => t.journal().tags_error_duplicate.to_string(),
                }));
            }
        }
    };
    let remove_tag = move |tag: String| {
        entry.update(|e| e.remove_tag(&tag));
        dirty.set_value(true);
        save_now();
    };
    let suggestions = Memo::new(move |_| {
        let used = app.all_shared::<JournalEntry>();
        let mine = entry.with(|e| e.tags.clone());
        journal::all_tags(used.iter().map(|(_, e, _)| e))
            .into_iter()
            .filter(|tag| !mine.contains(tag))
            .take(8)
            .collect::<Vec<_>>()
    });
    let router = use_router();
    let done = move |_| {
        save_now();
        router.go("/journal", false);
    };

    let initial = entry.get_untracked();
    let prompt_words = initial
        .prompt
        .as_deref()
        .and_then(|p| journal::prompt_text(t, p));
    let described = if prompt_words.is_some() {
        "journal-prompt journal-body-hint"
    } else {
        "journal-body-hint"
    };
    let status_text = move || match status.get() {
        Status::Idle => t.journal().editor_status_new,
        Status::Pending => t.journal().editor_status_saving,
        Status::Saved => t.journal().editor_status_saved,
        Status::Failed => t.journal().editor_status_failed,
    };

    view! {
        {prompt_words
            .map(|words| {
                view! {
                    <div class="card journal-prompt">
                        <p class="small">{t.journal().editor_prompt_label}</p>
                        <p class="journal-prompt-text" id="journal-prompt">{words}</p>
                    </div>
                }
            })}
        <label class="field">
            <span>{t.journal().editor_title_label}</span>
            <input
                type="text"
                maxlength=MAX_TITLE
                autocomplete="off"
                prop:value=initial.title.clone()
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    entry.update(|e| e.set_title(&value));
                    changed();
                }
                on:blur=move |_| save_now()
            />
        </label>
        <label class="field">
            <span>{t.journal().editor_body_label}</span>
            <textarea
                class="journal-body"
                rows="10"
                maxlength=MAX_BODY
                aria-describedby=described
                prop:value=initial.body.clone()
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    entry.update(|e| e.set_body(&value));
                    changed();
                }
                on:blur=move |_| save_now()
            ></textarea>
        </label>
        <p class="hint" id="journal-body-hint">{t.journal().editor_body_hint}</p>
        <div class="journal-editor-meta">
            <span class="small">{move || words_text(t, entry.with(JournalEntry::words))}</span>
            <span
                class="journal-status"
                class:pending=move || status.get() == Status::Pending
                role="status"
            >
                {status_text}
            </span>
        </div>
        <Later>
            <div class="card journal-tags" role="group" aria-labelledby="journal-tags-heading">
                <h2 id="journal-tags-heading">{t.journal().tags_heading}</h2>
                <p class="hint">{t.journal().tags_hint}</p>
                <ul class="tag-list">
                    <For each=move || entry.with(|e| e.tags.clone()) key=|tag| tag.clone() let:tag>
                        {
                            let label = fill(t.journal().tags_remove, &[("tag", &tag)]);
                            let removed = tag.clone();
                            view! {
                                <li class="tag removable">
                                    <span>{format!("#{tag}")}</span>
                                    <button
                                        type="button"
                                        aria-label=label
                                        on:click=move |_| remove_tag(removed.clone())
                                    >
                                        "×"
                                    </button>
                                </li>
                            }
                        }
                    </For>
                </ul>
                <form
                    class="tag-add"
                    on:submit=move |ev| {
                        ev.prevent_default();
                        add_tag(tag_input.get_untracked());
                    }
                >
                    <label for="journal-tag-input">{t.journal().tags_add_label}</label>
                    <div class="tag-add-row">
                        <input
                            id="journal-tag-input"
                            type="text"
                            maxlength=MAX_TAG + 8
                            autocomplete="off"
                            enterkeyhint="done"
                            prop:value=move || tag_input.get()
                            on:input=move |ev| {
                                tag_input.set(event_target_value(&ev));
                                tag_error.set(None);
                            }
                        />
                        <button type="submit" class="button secondary">{t.journal().tags_add}</button>
                    </div>
                </form>
                <p class="error journal-tag-error" role="alert">
                    {move || tag_error.get()}
                </p>
                <Show when=move || suggestions.with(|s| !s.is_empty())>
                    <p class="small">{t.journal().tags_suggestions}</p>
                    <div class="suggestions">
                        <For each=move || suggestions.get() key=|tag| tag.clone() let:tag>
                            {
                                let label = fill(t.journal().tags_suggest_add, &[("tag", &tag)]);
                                let chosen = tag.clone();
                                view! {
                                    <button
                                        type="button"
                                        class="chip"
                                        aria-label=label
                                        on:click=move |_| add_tag(chosen.clone())
                                    >
                                        {format!("+ #{tag}")}
                                    </button>
                                }
                            }
                        </For>
                    </div>
                </Show>
            </div>
        </Later>
        <div class="actions">
            <button type="button" class="button" on:click=done>
                {t.journal().editor_done}
            </button>
        </div>
    }
}
