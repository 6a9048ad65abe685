//! Reminders: the list (switch on and off, change, delete), the form, the
//! calendar file download and the opt-in notification switch. Also
//! [`ReminderNudge`], the home card, and the clock that shows notifications
//! while the app is open.

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::time::Duration;

use chrono::{NaiveDate, NaiveTime};
use leptos::prelude::*;

use crate::app::{href, use_app, AppState};
use crate::browser::{self, notify, Debounce};
use crate::components::choice::{Choice, ChoiceList};
use crate::components::confirm::Confirm;
use crate::components::page_title::PageTitle;
use crate::content::{fill, Text};
use crate::domain::compassionate_letter::{reread_on, Letter};
use crate::domain::measures::{next_offer, MeasureResult, MeasureSettings, Scale};
use crate::domain::progress::Activity;
use crate::domain::reminders::{
    events, ics, Problem, Reminder, ReminderDraft, ReminderSettings, What, MAX_TITLE,
};
use crate::domain::time;
use crate::pages::micro_goals::{day_short, DayPicker};

fn what_label(t: &'static Text, w: What) -> &'static str {
    match w {
        What::CheckIn => t.reminders().what_check_in,
        What::Practice => t.reminders().what_practice,
        What::Measures => t.reminders().what_measures,
        What::Letters => t.reminders().what_letters,
        What::Custom => t.reminders().what_custom,
    }
}

fn default_title(t: &'static Text, w: What) -> &'static str {
    match w {
        What::CheckIn => t.reminders().default_title_check_in,
        What::Practice => t.reminders().default_title_practice,
        What::Measures => t.reminders().default_title_measures,
        What::Letters => t.reminders().default_title_letters,
        What::Custom => t.reminders().default_title_custom,
    }
}

/// "8:00 pm".
fn clock_text(time: NaiveTime) -> String {
    time.format("%-I:%M %P").to_string()
}

fn when_words(t: &'static Text, r: &Reminder) -> String {
    let days = match r.what {
        What::Measures => t.reminders().measures_when.to_string(),
        What::Letters => t.reminders().letters_when.to_string(),
        _ if r.days.len() == 7 => t.reminders().every_day.to_string(),
        _ => r
            .days
            .iter()
            .map(|d| day_short(t, *d))
            .collect::<Vec<_>>()
            .join(", "),
    };
    let time = fill(
        t.reminders().item_time,
        &[("time", &clock_text(r.time_of_day()))],
    );
    format!("{days}, {time}")
}

fn sorted_reminders(app: AppState) -> Vec<(String, Reminder)> {
    let mut all: Vec<(String, Reminder)> = app
        .all::<Reminder>()
        .into_iter()
        .map(|(id, r, _)| (id, r))
        .collect();
    crate::domain::order::sort_by(&mut all, |(ia, a), (ib, b)| {
        a.time.cmp(&b.time).then(ia.cmp(ib))
    });
    all
}

/// Whether the thing a reminder is for was done on `today`.
fn done_today(app: AppState, what: What, today: NaiveDate) -> bool {
    let done = crate::pages::progress::collect_activities(&app);
    let today_only = |a: &Activity| match what {
        What::CheckIn => *a == Activity::CheckIn,
        What::Practice => true,
        _ => false,
    };
    done.iter()
        .any(|(a, at)| at.date_naive() == today && today_only(a))
}

/// The calendar file for everything switched on, or `None` when empty.
fn calendar_file(app: AppState) -> Option<String> {
    let now = time::now();
    let today = now.date_naive();
    let reminders = sorted_reminders(app);
    let letters: Vec<(String, NaiveDate)> = app
        .all::<Letter>()
        .into_iter()
        .filter_map(|(id, l, _)| reread_on(&l).map(|d| (id, d)))
        .collect();
    let results: Vec<MeasureResult> = app
        .all::<MeasureResult>()
        .into_iter()
        .map(|(_, r, _)| r)
        .collect();
    let every = app
        .get::<MeasureSettings>(MeasureSettings::ID)
        .unwrap_or_default()
        .every_days;
    let measures = Scale::ALL
        .into_iter()
        .map(|s| next_offer(&results, s, every, today))
        .min()
        .map(|d| (d, every));
    let evs = events(&reminders, &letters, measures, today);
    (!evs.is_empty()).then(|| ics(&evs, now))
}

thread_local! {
    static CLOCK_STARTED: Cell<bool> = const { Cell::new(false) };
    static RUNG: RefCell<HashSet<(String, NaiveDate)>> = RefCell::new(HashSet::new());
}

/// Starts (once per page load) the timer that shows a notification at a
/// reminder's time while the app is open, if the person switched that on.
pub fn start_clock(app: AppState) {
    if CLOCK_STARTED.with(|s| s.replace(true)) {
        return;
    }
    let t = app.text;
    let _ = set_interval_with_handle(
        move || {
            let wanted = untrack(|| app.get::<ReminderSettings>(ReminderSettings::ID))
                .is_some_and(|s| s.notify);
            if !wanted || notify::permission() != notify::Permission::Granted {
                return;
            }
            let now = time::now().naive_local();
            let today = now.date();
            for (id, r) in untrack(|| sorted_reminders(app)) {
                if !r.rings_at(now) || done_today(app, r.what, today) {
                    continue;
                }
                let fresh = RUNG.with(|rung| rung.borrow_mut().insert((id.clone(), today)));
                if fresh {
                    let time = clock_text(r.time_of_day());
                    notify::show(
                        &r.title,
                        &nudge_words(t, &r, &time),
                        &format!("{id}-{today}"),
                    );
                }
            }
        },
        Duration::from_secs(20),
    );
}

fn nudge_words(t: &'static Text, r: &Reminder, time: &str) -> String {
    let template = match r.what {
        What::CheckIn => t.reminders().home_check_in,
        What::Practice => t.reminders().home_practice,
        _ => t.reminders().home_custom,
    };
    fill(template, &[("time", time), ("title", &r.title)])
}

/// The reminders page.
#[component]
pub fn RemindersPage() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    start_clock(app);
    // The reminder being changed, or `None` while adding (from the draft,
    // so a reload comes back to the same form).
    let editing = RwSignal::new(
        untrack(|| app.get::<ReminderDraft>(ReminderDraft::ID))
            .and_then(|d| d.editing)
            .filter(|id| untrack(|| app.get::<Reminder>(id)).is_some()),
    );
    view! {
        <section class="page reminders" aria-labelledby="reminders-title">
            <PageTitle id="reminders-title" text=t.reminders().title.to_string()/>
            <p class="lead">{t.reminders().intro}</p>
            <ReminderList editing/>
            {move || {
                let id = editing.get();
                view! { <ReminderForm editing id/> }
            }}
            <CalendarCard/>
            <NotifyCard/>
        </section>
    }
}

#[component]
fn ReminderList(editing: RwSignal<Option<String>>) -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let asking = RwSignal::new(None::<String>);
    let undo = RwSignal::new(None::<(String, Reminder)>);
    view! {
        <div class="card">
            <h2>{t.reminders().list_heading}</h2>
            {move || {
                let all = sorted_reminders(app);
                if all.is_empty() {
                    return view! { <p class="muted">{t.reminders().none}</p> }.into_any();
                }
                view! {
                    <ul class="reminder-list">
                        {all
                            .into_iter()
                            .map(|(id, r)| {
                                let switch_id = format!("reminder-on-{id}");
                                let label_for = switch_id.clone();
                                let id_toggle = id.clone();
                                let id_edit = id.clone();
                                let id_ask = id.clone();
                                let id_confirm = id.clone();
                                let id_show = id.clone();
                                let toggle_record = r.clone();
                                let toggle = move |_| {
                                    let mut changed = toggle_record.clone();
                                    changed.on = !changed.on;
                                    let _ = app.save(&id_toggle, &changed);
                                };
                                let on = r.on;
                                view! {
                                    <li class="reminder" class:off=!on>
                                        <div class="reminder-text">
                                            <strong>{r.title.clone()}</strong>
                                            <span class="small">{what_label(t, r.what)}</span>
                                            <span class="small">{when_words(t, &r)}</span>
                                            {(!on).then(|| view! { <span class="small">{t.reminders().item_off}</span> })}
                                        </div>
                                        <div class="reminder-actions">
                                            <label class="reminder-switch" for=label_for>
                                                <input id=switch_id type="checkbox" role="switch" prop:checked=on on:change=toggle/>
                                                <span aria-hidden="true">{t.reminders().on_label}</span>
                                                <span class="visually-hidden">{fill(t.reminders().on_named, &[("title", &r.title)])}</span>
                                            </label>
                                            <button
                                                type="button"
                                                class="button secondary small-button"
                                                on:click=move |_| editing.set(Some(id_edit.clone()))
                                            >
                                                <span aria-hidden="true">{t.reminders().edit}</span>
                                                <span class="visually-hidden">{fill(t.reminders().edit_named, &[("title", &r.title)])}</span>
                                            </button>
                                            <button
                                                type="button"
                                                class="button secondary small-button"
                                                on:click=move |_| asking.set(Some(id_ask.clone()))
                                            >
                                                <span aria-hidden="true">{t.reminders().delete}</span>
                                                <span class="visually-hidden">{fill(t.reminders().delete_named, &[("title", &r.title)])}</span>
                                            </button>
                                        </div>
                                        <Show when=move || asking.with(|a| a.as_deref() == Some(id_show.as_str()))>
                                            {
                                                let id_confirm = id_confirm.clone();
                                                view! {
                                                    <Confirm
                                                        title=t.reminders().confirm_title
                                                        body=t.reminders().confirm_body
                                                        confirm_label=t.reminders().confirm_yes
                                                        cancel_label=t.reminders().confirm_no
                                                        on_confirm=Callback::new(move |()| {
                                                            if let Some(removed) = app.delete::<Reminder>(&id_confirm) {
                                                                undo.set(Some((id_confirm.clone(), removed)));
                                                            }
                                                            if editing.get_untracked().as_deref() == Some(id_confirm.as_str()) {
                                                                editing.set(None);
                                                            }
                                                            asking.set(None);
                                                        })
                                                        on_cancel=Callback::new(move |()| asking.set(None))
                                                    />
                                                }
                                            }
                                        </Show>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            {move || {
                undo.get()
                    .map(|(id, r)| {
                        view! {
                            <div class="notice" role="status">
                                <p>{t.reminders().deleted}</p>
                                <button
                                    type="button"
                                    class="button"
                                    on:click=move |_| {
                                        let _ = app.save(&id, &r);
                                        undo.set(None);
                                    }
                                >
                                    {t.reminders().undo}
                                </button>
                            </div>
                        }
                    })
            }}
        </div>
    }
}

/// Adds a reminder, or changes the one with `id`.
#[component]
fn ReminderForm(editing: RwSignal<Option<String>>, id: Option<String>) -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let existing = id
        .as_deref()
        .and_then(|id| untrack(|| app.get::<Reminder>(id)));
    let start_what = existing.as_ref().map_or(What::CheckIn, |r| r.what);
    let what = RwSignal::new(Some(start_what.id()));
    let title = RwSignal::new(
        existing
            .as_ref()
            .map_or(default_title(t, start_what).to_string(), |r| {
                r.title.clone()
            }),
    );
    let clock = RwSignal::new(
        existing
            .as_ref()
            .map_or("20:00".to_string(), |r| r.time.clone()),
    );
    let days = RwSignal::new(
        existing
            .as_ref()
            .filter(|r| r.what.has_days())
            .map_or(vec![0u8, 1, 2, 3, 4, 5, 6], |r| r.days.clone()),
    );
    // What was typed before a reload wins over the stored values.
    match untrack(|| app.get::<ReminderDraft>(ReminderDraft::ID)) {
        Some(d) if d.editing == id => {
            if let Some(w) = d.what {
                what.set(Some(w.id()));
            }
            title.set(d.title);
            clock.set(d.time);
            days.set(d.days);
        }
        Some(_) => {
            let _ = app.delete::<ReminderDraft>(ReminderDraft::ID);
        }
        None => {}
    }
    let message = RwSignal::new(None::<(bool, &'static str)>);
    let debounce = Debounce::new();
    let id_for_draft = id.clone();
    // Keep what is typed: save the draft shortly after each change.
    Effect::new(move |previous: Option<ReminderDraft>| {
        let now = ReminderDraft {
            editing: id_for_draft.clone(),
            what: what.get().and_then(What::from_id),
            title: title.get().chars().take(MAX_TITLE).collect(),
            time: clock.get().chars().take(5).collect(),
            days: days.get(),
        };
        if previous.as_ref().is_some_and(|p| *p != now) {
            let copy = now.clone();
            // A new form left as it started is not worth keeping.
            let fresh = ReminderDraft {
                editing: None,
                what: Some(What::CheckIn),
                title: default_title(t, What::CheckIn).to_string(),
                time: "20:00".into(),
                days: vec![0, 1, 2, 3, 4, 5, 6],
            };
            debounce.call(move || {
                if copy == fresh {
                    let _ = app.delete::<ReminderDraft>(ReminderDraft::ID);
                } else {
                    let _ = app.save(ReminderDraft::ID, &copy);
                }
            });
        }
        now
    });
    let forget_draft = move || {
        debounce.cancel();
        let _ = app.delete::<ReminderDraft>(ReminderDraft::ID);
    };
    // A new kind brings its discreet default title, unless the person wrote
    // their own words.
    Effect::new(move |previous: Option<Option<&'static str>>| {
        let now = what.get();
        if let Some(Some(before)) = previous {
            if now != Some(before) {
                let old_default = What::from_id(before).map(|w| default_title(t, w));
                if title.with_untracked(|x| x.trim().is_empty() || Some(x.as_str()) == old_default)
                {
                    if let Some(w) = now.and_then(What::from_id) {
                        title.set(default_title(t, w).to_string());
                    }
                }
            }
        }
        now
    });
    let is_edit = existing.is_some();
    let id_for_save = id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(w) = what.get_untracked().and_then(What::from_id) else {
            return;
        };
        let made = Reminder::new(
            w,
            &title.get_untracked(),
            &clock.get_untracked(),
            &days.get_untracked(),
            time::now(),
        );
        match made {
            Err(p) => message.set(Some((
                false,
                match p {
                    Problem::NoTitle => t.reminders().form_need_title,
                    Problem::TitleTooLong => t.reminders().form_title_long,
                    Problem::Time => t.reminders().form_need_time,
                    Problem::NoDays => t.reminders().form_need_days,
                },
            ))),
            Ok(mut r) => match &id_for_save {
                Some(id) => {
                    if let Some(old) = untrack(|| app.get::<Reminder>(id)) {
                        r.created = old.created;
                        r.on = old.on;
                    }
                    let _ = app.save(id, &r);
                    forget_draft();
                    editing.set(None);
                }
                None => {
                    let _ = app.save(&browser::new_id(), &r);
                    forget_draft();
                    // A fresh form for the next one.
                    title.set(default_title(t, What::CheckIn).to_string());
                    what.set(Some(What::CheckIn.id()));
                    clock.set("20:00".into());
                    days.set(vec![0, 1, 2, 3, 4, 5, 6]);
                    message.set(Some((true, t.reminders().form_added)));
                }
            },
        }
    };
    let choices = What::ALL
        .into_iter()
        .map(|w| Choice {
            id: w.id(),
            label: what_label(t, w),
        })
        .collect::<Vec<_>>();
    let has_days = move || {
        what.get()
            .and_then(What::from_id)
            .is_some_and(What::has_days)
    };
    view! {
        <form class="card reminder-form" on:submit=submit novalidate>
            <h2>{if is_edit { t.reminders().form_edit_heading } else { t.reminders().form_add_heading }}</h2>
            <ChoiceList name="reminder-what" legend=t.reminders().form_what_legend choices selected=what/>
            <div class="field">
                <label for="reminder-title">{t.reminders().form_title_label}</label>
                <p class="hint" id="reminder-title-hint">{t.reminders().form_title_hint}</p>
                <input
                    id="reminder-title"
                    type="text"
                    maxlength=MAX_TITLE.to_string()
                    aria-describedby="reminder-title-hint"
                    prop:value=move || title.get()
                    on:input=move |ev| title.set(event_target_value(&ev))
                />
            </div>
            <div class="field">
                <label for="reminder-time">{t.reminders().form_time_label}</label>
                <input
                    id="reminder-time"
                    type="time"
                    prop:value=move || clock.get()
                    on:input=move |ev| clock.set(event_target_value(&ev))
                />
            </div>
            <Show when=has_days>
                <DayPicker legend=t.reminders().form_days_legend days/>
            </Show>
            {move || {
                message
                    .get()
                    .map(|(ok, text)| {
                        if ok {
                            view! { <p class="success" role="status">{text}</p> }.into_any()
                        } else {
                            view! { <p class="error" role="alert">{text}</p> }.into_any()
                        }
                    })
            }}
            <div class="actions">
                <button type="submit" class="button">
                    {if is_edit { t.reminders().form_save_edit } else { t.reminders().form_save_add }}
                </button>
                {is_edit
                    .then(|| {
                        view! {
                            <button type="button" class="button secondary" on:click=move |_| {
                                forget_draft();
                                editing.set(None);
                            }>
                                {t.reminders().form_cancel}
                            </button>
                        }
                    })}
            </div>
        </form>
    }
}

#[component]
fn CalendarCard() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let message = RwSignal::new(None::<&'static str>);
    let download = move |_| match calendar_file(app) {
        Some(file) => {
            let _ = browser::download("groundwork-reminders.ics", &file, "text/calendar");
            message.set(Some(t.reminders().calendar_done));
        }
        None => message.set(Some(t.reminders().calendar_nothing)),
    };
    view! {
        <div class="card reminder-calendar">
            <h2>{t.reminders().calendar_heading}</h2>
            <p>{t.reminders().calendar_body}</p>
            <p class="small">{t.reminders().calendar_privacy}</p>
            <div class="actions">
                <button type="button" class="button" on:click=download>{t.reminders().calendar_download}</button>
            </div>
            {move || message.get().map(|m| view! { <p class="success" role="status">{m}</p> })}
        </div>
    }
}

#[component]
fn NotifyCard() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let wanted = move || {
        app.get::<ReminderSettings>(ReminderSettings::ID)
            .is_some_and(|s| s.notify)
    };
    let permission = RwSignal::new(notify::permission());
    let toggle = move |_| {
        let on = !wanted();
        let _ = app.save(ReminderSettings::ID, &ReminderSettings { notify: on });
        if on && permission.get_untracked() == notify::Permission::Ask {
            wasm_bindgen_futures::spawn_local(async move {
                permission.set(notify::request().await);
            });
        } else {
            permission.set(notify::permission());
        }
    };
    let status = move || {
        if !wanted() {
            return None;
        }
        match permission.get() {
            notify::Permission::Granted => Some(t.reminders().notify_granted),
            notify::Permission::Denied => Some(t.reminders().notify_denied),
            notify::Permission::Unsupported => Some(t.reminders().notify_unsupported),
            notify::Permission::Ask => None,
        }
    };
    view! {
        <div class="card reminder-notify">
            <h2>{t.reminders().notify_heading}</h2>
            <label class="reminder-switch wide" for="reminder-notify">
                <input
                    id="reminder-notify"
                    type="checkbox"
                    role="switch"
                    aria-describedby="reminder-notify-hint"
                    prop:checked=wanted
                    on:change=toggle
                />
                <span>{t.reminders().notify_switch}</span>
            </label>
            <p class="hint" id="reminder-notify-hint">{t.reminders().notify_hint}</p>
            {move || status().map(|s| view! { <p class="small" role="status">{s}</p> })}
        </div>
    }
}

/// The home card: one gentle nudge when a reminder's time has come today
/// and the thing is not done yet; "Not today" puts it away until tomorrow.
/// Renders nothing otherwise.
#[component]
pub fn ReminderNudge() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    start_clock(app);
    move || {
        let now = time::now().naive_local();
        let today = now.date();
        let (id, r) = sorted_reminders(app)
            .into_iter()
            .find(|(_, r)| r.show_in_app(now, done_today(app, r.what, today)))?;
        let time = clock_text(r.time_of_day());
        let (link, label) = match r.what {
            What::CheckIn => ("/feelings", t.reminders().home_check_in_link),
            What::Practice => ("/practices", t.reminders().home_practice_link),
            _ => ("/reminders", t.reminders().home_custom_link),
        };
        let words = nudge_words(t, &r, &time);
        let later = move |_| {
            let mut put_away = r.clone();
            put_away.dismissed = Some(today);
            let _ = app.save(&id, &put_away);
        };
        Some(view! {
            <div class="card reminder-nudge">
                <h2>{t.reminders().home_heading}</h2>
                <p>{words}</p>
                <div class="actions">
                    <a href=href(link) class="button secondary">{label}</a>
                    <button type="button" class="button secondary" on:click=later>
                        {t.reminders().home_later}
                    </button>
                </div>
            </div>
        })
    }
}
