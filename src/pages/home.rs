//! The home screen: a welcome on the first visit, then a daily greeting.

use chrono::{Datelike, Timelike};
use leptos::prelude::*;

use crate::app::history::{self, FromHistory, Part};
use crate::app::{href, use_app, AppState};
use crate::components::choice::{Choice, ChoiceList};
use crate::components::icons::{Icon, IconKind};
use crate::components::later::Later;
use crate::components::page_title::PageTitle;
use crate::content::Text;
use crate::domain::profile::{Profile, Setback};
use crate::domain::time::{self, PartOfDay};
use crate::pages::practices::PracticeChips;

/// Every record kind home's cards look across, read a kind per task once
/// the store is read, before the cards show (see `AppState::read_the_rest`).
pub const READ_AHEAD: &[fn(&AppState)] = {
    use crate::domain::*;
    &[
        AppState::read_ahead::<thought_record::ThoughtRecord>,
        AppState::read_ahead::<feelings::CheckIn>,
        AppState::read_ahead::<journal::JournalEntry>,
        AppState::read_ahead::<breathing::BreathingSession>,
        AppState::read_ahead::<grounding::GroundingSession>,
        AppState::read_ahead::<movement::MovementEntry>,
        AppState::read_ahead::<micro_goals::Win>,
        AppState::read_ahead::<micro_goals::Goal>,
        AppState::read_ahead::<micro_goals::RestDay>,
        AppState::read_ahead::<reconnection::Outreach>,
        AppState::read_ahead::<reconnection::Person>,
        AppState::read_ahead::<measures::MeasureResult>,
        AppState::read_ahead::<understand::ReadingNotes>,
        AppState::read_ahead::<compassion_break::BreakLog>,
        AppState::read_ahead::<friend_view::FriendEntry>,
        AppState::read_ahead::<compassionate_letter::Letter>,
        AppState::read_ahead::<inner_child::Dialogue>,
        AppState::read_ahead::<solo_time::SoloActivity>,
        AppState::read_ahead::<opening_up::OpeningStep>,
        AppState::read_ahead::<boundaries::BoundaryHeld>,
        AppState::read_ahead::<kind_phrases::OwnPhrase>,
        AppState::read_ahead::<reminders::Reminder>,
    ]
};

fn setback_choices(t: &'static Text) -> Vec<Choice> {
    Setback::ALL
        .into_iter()
        .map(|s| Choice {
            id: s.id(),
            label: s.label(t),
        })
        .collect()
}

/// Saves the profile with the code that writes to the store (fetched on
/// first use, see `app::history`); true once it is saved. If that code
/// could not be fetched before, it is here now: the history is read too.
async fn save_profile(app: AppState, profile: Profile) -> bool {
    let saved = history::save_profile(app, profile).await.is_ok();
    if saved && app.history_failed.get_untracked() {
        app.read_history();
    }
    saved
}

/// Welcome or greeting, depending on whether the welcome was answered.
/// When the stored answer cannot be read on its own (it is damaged, or
/// from a newer version), the greeting shows until the store is read: not
/// the welcome, to someone who most likely answered it already.
#[component]
pub fn HomePage() -> impl IntoView {
    let app = use_app();
    let greet = move || app.profile.with(|p| p.welcomed) || !app.profile_known.get();
    view! {
        <Show when=greet fallback=Welcome>
            <Greeting/>
        </Show>
    }
}

/// First visit: who we are, the privacy promise, one optional question.
#[component]
fn Welcome() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let selected = RwSignal::new(None::<&'static str>);
    let not_saved = RwSignal::new(false);
    let finish = move |setback: Option<Setback>| {
        let mut profile = app.profile.get_untracked();
        profile.welcome(setback, time::now());
        leptos::task::spawn_local(async move {
            let saved = save_profile(app, profile).await;
            let _ = not_saved.try_set(!saved);
        });
    };
    view! {
        <section class="page welcome" aria-labelledby="welcome-title">
            <div class="hero">
                <Icon kind=IconKind::Logo/>
            </div>
            <PageTitle id="welcome-title" text=t.home().welcome_title.to_string()/>
            <p class="lead">{t.home().welcome_body}</p>
            <p class="privacy">
                <Icon kind=IconKind::Shield/>
                <span>{t.home().welcome_privacy}</span>
            </p>
            <form
                class="card"
                on:submit=move |ev| {
                    ev.prevent_default();
                    finish(selected.get_untracked().and_then(Setback::from_id));
                }
            >
                <ChoiceList
                    name="setback"
                    legend=t.home().welcome_question
                    hint=t.home().welcome_hint
                    choices=setback_choices(t)
                    selected=selected
                />
                <div class="actions">
                    <button type="submit" class="button">{t.home().welcome_save}</button>
                    <button type="button" class="button secondary" on:click=move |_| finish(None)>
                        {t.home().welcome_skip}
                    </button>
                </div>
                {move || {
                    not_saved
                        .get()
                        .then(|| view! { <p class="error" role="alert">{t.app().history_load_not_saved}</p> })
                }}
            </form>
        </section>
    }
}

/// Returning visits: a greeting, a kind word, and the way to change the answer.
#[component]
fn Greeting() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let now = time::now();
    let greeting = match PartOfDay::of(now.hour()) {
        PartOfDay::Morning => t.home().greeting_morning,
        PartOfDay::Afternoon => t.home().greeting_afternoon,
        PartOfDay::Evening => t.home().greeting_evening,
        PartOfDay::Night => t.home().greeting_night,
    };
    let thoughts = [
        t.home().today_d0,
        t.home().today_d1,
        t.home().today_d2,
        t.home().today_d3,
        t.home().today_d4,
        t.home().today_d5,
        t.home().today_d6,
    ];
    let thought = thoughts[now.ordinal0() as usize % thoughts.len()];
    let setback = move || app.profile.with(|p| p.setback);
    let kind_word = move || setback().map_or(t.home().kind_word_none, |s| s.encouragement(t));
    view! {
        <section class="page greeting" aria-labelledby="greeting-title">
            <PageTitle id="greeting-title" text=greeting.to_string()/>
            <p class="lead">{kind_word}</p>
            // Cards that look across the history wait until it is read
            // (see `AppState::opened`).
            <Show when=move || app.opened.get() fallback=HistoryWaiting>
                <FromHistory part=Part::HomeFirst/>
            </Show>
            <div class="card today">
                <h2>
                    <Icon kind=IconKind::Leaf/>
                    <span>{t.home().today_heading}</span>
                </h2>
                <p>{thought}</p>
            </div>
            // What the person needs first is built at once; the rest follows
            // a frame at a time (see `Later`).
            <Later>
                <Show when=move || app.opened.get()>
                    <FromHistory part=Part::HomeLater/>
                </Show>
            </Later>
            <Later>
                <h2 class="section-heading">{t.home().cards_practices_title}</h2>
                <PracticeChips/>
            </Later>
            <Later>
                <div class="card">
                    <h2>{t.home().cards_understand_title}</h2>
                    <p>{t.home().cards_understand_body}</p>
                    <a href=href("/understand") class="button secondary">{t.home().cards_understand_link}</a>
                </div>
                <ChangeAnswer/>
                <div class="card">
                    <h2>{t.home().cards_help_title}</h2>
                    <p>{t.home().cards_help_body}</p>
                    <a href=href("/help") class="button secondary">{t.home().cards_help_link}</a>
                </div>
                <div class="card">
                    <h2>{t.home().cards_data_title}</h2>
                    <p>{t.home().cards_data_body}</p>
                    <a href=href("/data") class="button secondary">{t.home().cards_data_link}</a>
                </div>
            </Later>
        </section>
    }
}

/// Holds the place of "One thing for today" while the history is read, so
/// the page does not jump when it comes (hidden from screen readers: it is
/// only a moment, and the card itself is announced as usual). If the code
/// that reads it could not be fetched, says so and offers to try again.
#[component]
fn HistoryWaiting() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    move || {
        if app.history_failed.get() {
            view! {
                <div class="card next-thing-waiting">
                    <p role="status">{t.app().history_load_failed}</p>
                    <button type="button" class="button secondary" on:click=move |_| app.read_history()>
                        {t.app().history_load_retry}
                    </button>
                </div>
            }
            .into_any()
        } else {
            view! {
                <div class="card next-thing-waiting" aria-hidden="true">
                    <h2>{t.home().cards_waiting_heading}</h2>
                    <p class="muted">{t.home().cards_waiting}</p>
                </div>
            }
            .into_any()
        }
    }
}

/// Shows the stored answer and lets the person change it.
#[component]
fn ChangeAnswer() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let editing = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let selected = RwSignal::new(None::<&'static str>);
    let current = move || {
        app.profile
            .with(|p| p.setback)
            .map_or(t.home().setback_none, |s| s.label(t))
    };
    let start = move |_| {
        selected.set(app.profile.with_untracked(|p| p.setback.map(Setback::id)));
        saved.set(false);
        editing.set(true);
    };
    let not_saved = RwSignal::new(false);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut profile = app.profile.get_untracked();
        profile.welcome(
            selected.get_untracked().and_then(Setback::from_id),
            time::now(),
        );
        leptos::task::spawn_local(async move {
            let done = save_profile(app, profile).await;
            let _ = not_saved.try_set(!done);
            if done {
                let _ = editing.try_set(false);
                let _ = saved.try_set(true);
            }
        });
    };
    view! {
        <div class="card answer">
            <h2>{t.home().answer_heading}</h2>
            <Show
                when=move || editing.get()
                fallback=move || {
                    view! {
                        <p class="current-answer">{current}</p>
                        <Show when=move || saved.get()>
                            <p class="saved" role="status">{t.home().answer_saved}</p>
                        </Show>
                        <button type="button" class="button secondary" on:click=start>
                            {t.home().answer_change}
                        </button>
                    }
                }
            >
                <form on:submit=save>
                    <ChoiceList
                        name="setback-change"
                        legend=t.home().welcome_question
                        choices=setback_choices(t)
                        selected=selected
                    />
                    <div class="actions">
                        <button type="submit" class="button">{t.home().welcome_save}</button>
                        <button
                            type="button"
                            class="button secondary"
                            on:click=move |_| editing.set(false)
                        >
                            {t.home().answer_cancel}
                        </button>
                    </div>
                    {move || {
                        not_saved
                            .get()
                            .then(|| view! { <p class="error" role="alert">{t.app().history_load_not_saved}</p> })
                    }}
                </form>
            </Show>
        </div>
    }
}
