//! Small steps: today's tiny goals with a one-tap tick and a small
//! celebration, rest days, momentum, adding goals (with ideas fitted to the
//! setback and today's energy), a gentle offer of a bigger step, and the wins
//! log.

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;

use crate::app::{use_app, AppState};
use crate::browser;
use crate::components::choice::{Choice, ChoiceList};
use crate::components::feedback::{FormMessage, UndoNotice};
use crate::components::later::Later;
use crate::components::page_title::PageTitle;
use crate::content::{fill, Text};
use crate::domain::micro_goals::{
    self as goals, days, for_today, momentum, offer_bigger, suggestions_for, weekly, Bigger,
    Energy, Goal, GoalDays, RestDay, Suggestion, Win,
};
use crate::domain::time;
use crate::domain::Record;

fn energy_label(t: &'static Text, e: Energy) -> &'static str {
    match e {
        Energy::VeryLow => t.micro_goals().energy_very_low,
        Energy::Some => t.micro_goals().energy_some,
        Energy::Good => t.micro_goals().energy_good,
    }
}

/// "Mon" .. "Sun" for 0 = Monday .. 6 = Sunday (also used by reminders).
pub fn day_short(t: &'static Text, d: u8) -> &'static str {
    [
        t.micro_goals().days_d0,
        t.micro_goals().days_d1,
        t.micro_goals().days_d2,
        t.micro_goals().days_d3,
        t.micro_goals().days_d4,
        t.micro_goals().days_d5,
        t.micro_goals().days_d6,
    ][usize::from(d.min(6))]
}

/// Seven checkboxes, Monday first, for choosing days of the week (`days`
/// holds 0 for Monday ... 6 for Sunday, in the order they were ticked).
/// Each box shows the short name and is read out with the full one.
#[component]
pub fn DayPicker(legend: &'static str, days: RwSignal<Vec<u8>>) -> impl IntoView {
    let t = use_app().text;
    view! {
        <fieldset class="day-picker">
            <legend>{legend}</legend>
            {(0u8..7)
                .map(|d| {
                    let checked = move || days.with(|v| v.contains(&d));
                    let toggle = move |_| {
                        days.update(|v| match v.iter().position(|x| *x == d) {
                            Some(i) => {
                                v.remove(i);
                            }
                            None => v.push(d),
                        })
                    };
                    view! {
                        <label class="day">
                            <input type="checkbox" prop:checked=checked on:change=toggle/>
                            <span aria-hidden="true">{day_short(t, d)}</span>
                            <span class="visually-hidden">{day_full(t, d)}</span>
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// "Monday" .. "Sunday" for 0 = Monday .. 6 = Sunday.
pub fn day_full(t: &'static Text, d: u8) -> &'static str {
    [
        t.micro_goals().days_full0,
        t.micro_goals().days_full1,
        t.micro_goals().days_full2,
        t.micro_goals().days_full3,
        t.micro_goals().days_full4,
        t.micro_goals().days_full5,
        t.micro_goals().days_full6,
    ][usize::from(d.min(6))]
}

/// "Repeats Mon, Wed" / "Repeats every day" / "Once".
fn repeat_words(t: &'static Text, g: &Goal) -> String {
    if !g.repeats() {
        return t.micro_goals().today_once.to_string();
    }
    let days = if g.days.len() == 7 {
        t.micro_goals().days_every.to_string()
    } else {
        g.days
            .iter()
            .map(|d| day_short(t, *d))
            .collect::<Vec<_>>()
            .join(", ")
    };
    fill(t.micro_goals().today_repeats, &[("days", &days)])
}

/// A short word for a momentum value.
pub fn momentum_word(t: &'static Text, value: f64) -> &'static str {
    match value {
        v if v < 25.0 => t.micro_goals().momentum_word_start,
        v if v < 50.0 => t.micro_goals().momentum_word_building,
        v if v < 75.0 => t.micro_goals().momentum_word_steady,
        _ => t.micro_goals().momentum_word_strong,
    }
}

fn today() -> NaiveDate {
    time::now().date_naive()
}

/// The goals page.
#[component]
pub fn GoalsPage() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let energy = RwSignal::new(Some(Energy::Some.id()));
    view! {
        <section class="page goals" aria-labelledby="goals-title">
            <PageTitle id="goals-title" text=t.micro_goals().page_title.to_string()/>
            <p class="lead">{t.micro_goals().page_intro}</p>
            <TodayCard/>
            <Later>
                <MomentumCard/>
            </Later>
            <Later>
                <div class="card">
                    <ChoiceList
                        name="energy"
                        legend=t.micro_goals().energy_legend
                        hint=t.micro_goals().energy_hint
                        choices=Energy::ALL
                            .into_iter()
                            .map(|e| Choice { id: e.id(), label: energy_label(t, e) })
                            .collect()
                        selected=energy
                    />
                </div>
                <AddGoal energy=Signal::derive(move || {
                    energy.get().and_then(Energy::from_id).unwrap_or(Energy::Some)
                })/>
            </Later>
            <Later>
                <YourGoals/>
            </Later>
            <Later>
                <WinsLog/>
            </Later>
        </section>
    }
}

/// Hands `f` every goal with its id and every win, the wins borrowed from
/// the store's shared list rather than copied (three years of them is
/// thousands): the shape the small-steps rules in the domain take.
pub fn with_goals_and_wins<R>(
    app: &AppState,
    f: impl FnOnce(&[(String, Goal)], &[&Win]) -> R,
) -> R {
    let goals: Vec<(String, Goal)> = app
        .all::<Goal>()
        .into_iter()
        .map(|(id, g, _)| (id, g))
        .collect();
    let shared = app.all_shared::<Win>();
    let wins: Vec<&Win> = shared.iter().map(|(_, w, _)| w).collect();
    f(&goals, &wins)
}

/// One line of today's list of small steps.
#[derive(Debug, Clone, PartialEq)]
struct TodayLine {
    id: String,
    goal: Goal,
    done: bool,
    offer: Option<Bigger>,
    /// Days the goal was done.
    done_days: usize,
}

/// Today's goals with their ticks, the celebration and the rest-day switch.
#[component]
fn TodayCard() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let celebration = RwSignal::new(None::<&'static str>);
    let celebrations = [
        t.micro_goals().today_celebrate_0,
        t.micro_goals().today_celebrate_1,
        t.micro_goals().today_celebrate_2,
        t.micro_goals().today_celebrate_3,
    ];
    let count = RwSignal::new(0usize);
    let toggle = move |id: String, title: String, done: bool| {
        let date = today();
        if done {
            // Today's wins for this goal, found in the shared list (not a
            // copy of years of wins), which is let go before deleting.
            let todays: Vec<String> = app
                .all_shared::<Win>()
                .iter()
                .filter(|(_, w, _)| {
                    w.goal.as_deref() == Some(id.as_str()) && w.at.date_naive() == date
                })
                .map(|(win_id, _, _)| win_id.clone())
                .collect();
            for win_id in todays {
                app.delete::<Win>(&win_id);
            }
            celebration.set(None);
        } else {
            let win = Win {
                text: title,
                goal: Some(id),
                at: time::now(),
            };
            let _ = app.save(&browser::new_id(), &win);
            let n = count.get_untracked();
            count.set(n + 1);
            celebration.set(Some(celebrations[n % celebrations.len()]));
            if !browser::prefers_reduced_motion() {
                browser::vibrate(30);
            }
        }
    };
    let rest_today = move || app.get::<RestDay>(&RestDay::id(today())).is_some();
    // Today's lines, and whether any goal is still in use. Settled on wins:
    // after a tick, the box is already ticked by the browser and the
    // celebration shows in the tap's own task; the lines catch up in the
    // next one. A change to a goal (a line's "Not now", the bigger step)
    // shows at once.
    let today_list = Memo::new(move |_| {
        app.track::<Goal>();
        app.settled(&[Win::KIND], || {
            with_goals_and_wins(&app, |all, wins| {
                let date = today();
                let done = GoalDays::of(wins);
                let items: Vec<TodayLine> = for_today(all, &done, date)
                    .into_iter()
                    .map(|(id, g)| TodayLine {
                        id: id.clone(),
                        goal: g.clone(),
                        done: done.on(id, date),
                        offer: offer_bigger(id, g, &done),
                        done_days: done.count(id),
                    })
                    .collect();
                (items, all.iter().any(|(_, g)| g.archived.is_none()))
            })
        })
    });
    view! {
        <div class="card today-goals">
            <h2>{t.micro_goals().today_heading}</h2>
            {move || {
                today_list.with(|(items, any_open)| {
                    items.is_empty().then(|| {
                        let words = if *any_open {
                            t.micro_goals().today_none
                        } else {
                            t.micro_goals().today_none_yet
                        };
                        view! { <p class="muted">{words}</p> }
                    })
                })
            }}
            // Keyed by what a tick does not change, so ticking keeps the line
            // (and the keyboard focus on it) and only flips its tick.
            <ul class="goal-list" hidden=move || today_list.with(|(items, _)| items.is_empty())>
                <For
                    each=move || today_list.with(|(items, _)| items.clone())
                    key=|line| {
                        let offered = line.offer.as_ref().map(|o| (o, line.done_days));
                        format!("{:?}", (&line.id, &line.goal, offered))
                    }
                    let:line
                >
                    {
                        let TodayLine { id, goal: g, offer, done_days, .. } = line;
                        let line_id = id.clone();
                        let done = Memo::new(move |_| {
                            today_list.with(|(items, _)| items.iter().any(|l| l.id == line_id && l.done))
                        });
                        let input_id = format!("goal-{id}");
                        let label_for = input_id.clone();
                        let title = g.title.clone();
                        let id_for_toggle = id.clone();
                        view! {
                            <li class="goal" class:done=done>
                                <label class="goal-tick" for=label_for>
                                    <input
                                        id=input_id
                                        type="checkbox"
                                        prop:checked=done
                                        // The box as the person left it (the line
                                        // may not have caught up with a tap just
                                        // before): ticked now means it was not done.
                                        on:change=move |ev| {
                                            toggle(
                                                id_for_toggle.clone(),
                                                title.clone(),
                                                !event_target_checked(&ev),
                                            )
                                        }
                                    />
                                    <span class="goal-title">{g.title.clone()}</span>
                                </label>
                                <span class="small muted">{repeat_words(t, &g)}</span>
                                {offer.map(|b| view! { <BiggerOffer id=id.clone() goal=g.clone() bigger=b done=done_days/> })}
                            </li>
                        }
                    }
                </For>
            </ul>
            {move || {
                celebration
                    .get()
                    .map(|words| {
                        view! {
                            <p class="celebrate" role="status">
                                <span class="burst" aria-hidden="true"></span>
                                {words}
                            </p>
                        }
                    })
            }}
            <div class="rest-day">
                <Show
                    when=rest_today
                    fallback=move || {
                        view! {
                            <button
                                type="button"
                                class="button secondary"
                                on:click=move |_| {
                                    let date = today();
                                    let _ = app.save(&RestDay::id(date), &RestDay { date });
                                }
                            >
                                {t.micro_goals().today_rest_button}
                            </button>
                        }
                    }
                >
                    <p class="success" role="status">{t.micro_goals().today_rest_on}</p>
                    <button
                        type="button"
                        class="button secondary"
                        on:click=move |_| {
                            app.delete::<RestDay>(&RestDay::id(today()));
                        }
                    >
                        {t.micro_goals().today_rest_undo}
                    </button>
                </Show>
            </div>
        </div>
    }
}

/// "Would a slightly bigger step feel right?" under a goal done often.
#[component]
fn BiggerOffer(
    id: String,
    goal: Goal,
    bigger: Bigger,
    /// Days the goal was done (already counted by the list).
    done: usize,
) -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let own_words = RwSignal::new(goal.title.clone());
    let field_id = format!("bigger-{id}");
    let id_yes = id.clone();
    let goal_yes = goal.clone();
    let save = move |title: String, suggestion: Option<String>| {
        let mut g = goal_yes.clone();
        g.title = title;
        g.suggestion = suggestion;
        g.bigger_declined_at = 0;
        if g.check().is_ok() {
            let _ = app.save(&id_yes, &g);
        }
    };
    let id_no = id.clone();
    let goal_no = goal.clone();
    let not_now = move |_| {
        let mut g = goal_no.clone();
        g.bigger_declined_at = done;
        let _ = app.save(&id_no, &g);
    };
    let body = match bigger {
        Bigger::Suggestion(next) => {
            let s = Suggestion::by_id(next).expect("ladder links are checked by a test");
            let words = s.text(t);
            let save = save.clone();
            view! {
                <p>{fill(t.micro_goals().bigger_next, &[("next", words)])}</p>
                <div class="actions">
                    <button
                        type="button"
                        class="button"
                        on:click=move |_| save(words.to_string(), Some(next.to_string()))
                    >
                        {t.micro_goals().bigger_yes}
                    </button>
                    <button type="button" class="button secondary" on:click=not_now.clone()>
                        {t.micro_goals().bigger_not_now}
                    </button>
                </div>
            }
            .into_any()
        }
        Bigger::OwnWords => view! {
            <div class="field">
                <label for=field_id.clone()>{t.micro_goals().bigger_own_label}</label>
                <input
                    id=field_id
                    type="text"
                    maxlength=goals::MAX_TITLE.to_string()
                    prop:value=move || own_words.get()
                    on:input=move |ev| own_words.set(event_target_value(&ev))
                />
            </div>
            <div class="actions">
                <button
                    type="button"
                    class="button"
                    on:click=move |_| save(own_words.get_untracked().trim().to_string(), None)
                >
                    {t.micro_goals().bigger_own_save}
                </button>
                <button type="button" class="button secondary" on:click=not_now.clone()>
                    {t.micro_goals().bigger_not_now}
                </button>
            </div>
        }
        .into_any(),
    };
    view! {
        <div class="bigger-offer">
            <p>{fill(t.micro_goals().bigger_offer, &[("days", &done.to_string())])}</p>
            {body}
        </div>
    }
}

/// Momentum now, in words and a bar, and the last four weeks.
#[component]
fn MomentumCard() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    view! {
        <div class="card momentum">
            <h2>{t.micro_goals().momentum_heading}</h2>
            {move || {
                let date = today();
                // Redrawn after a tick is on screen (see `AppState::settled`).
                let (d, weeks) = app.settled(&[Win::KIND, Goal::KIND, RestDay::KIND], || {
                    let rest: Vec<RestDay> = app.all::<RestDay>().into_iter().map(|(_, r, _)| r).collect();
                    with_goals_and_wins(&app, |all, wins| {
                        (days(all, wins, &rest, date), weekly(wins, &rest, date, 4))
                    })
                });
                if d.is_empty() {
                    return view! { <p class="muted">{t.micro_goals().momentum_none}</p> }.into_any();
                }
                let value = momentum(&d);
                let shown = value.round() as u32;
                let most = weeks.iter().map(|w| w.done_days).max().unwrap_or(0).max(1);
                view! {
                    <p class="momentum-value">
                        <strong>{momentum_word(t, value)}</strong>
                        " · "
                        {fill(t.micro_goals().momentum_value, &[("value", &shown.to_string())])}
                    </p>
                    <Bar class="meter" percent=shown as usize/>
                    <p class="small">{t.micro_goals().momentum_explain}</p>
                    <h3>{t.micro_goals().momentum_weeks_heading}</h3>
                    <ul class="week-bars">
                        {weeks
                            .into_iter()
                            .map(|w| {
                                let width = w.done_days * 100 / most.max(7);
                                view! {
                                    <li>
                                        <span class="week-words">
                                            {fill(
                                                t.micro_goals().momentum_week,
                                                &[
                                                    ("date", &w.monday.format("%-d %b").to_string()),
                                                    ("done", &w.done_days.to_string()),
                                                    ("wins", &w.wins.to_string()),
                                                    ("rest", &w.rest_days.to_string()),
                                                ],
                                            )}
                                        </span>
                                        <Bar class="week-bar" percent=width/>
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

/// A horizontal bar filled to `percent` (SVG, since the CSP forbids inline
/// styles). Decorative: the words beside it carry the number.
#[component]
fn Bar(class: &'static str, percent: usize) -> impl IntoView {
    let width = percent.min(100);
    view! {
        <svg class=class viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
            <rect class="bar-track" width="100" height="10" rx="5"/>
            <rect class="bar-fill" width=width height="10" rx="5"/>
        </svg>
    }
}

/// The form for a new goal, with ideas fitted to the setback and energy.
#[component]
fn AddGoal(#[prop(into)] energy: Signal<Energy>) -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let title = app.field_draft("goals-add");
    let suggestion = RwSignal::new(None::<&'static str>);
    let repeat = RwSignal::new(Some("once"));
    let chosen_days = RwSignal::new(Vec::<u8>::new());
    let message = RwSignal::new(None::<(bool, &'static str)>);
    let ideas = move || {
        let setback = app.profile.with(|p| p.setback);
        suggestions_for(setback, energy.get(), 3)
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let words = title.get_untracked().trim().to_string();
        if words.is_empty() {
            message.set(Some((false, t.micro_goals().add_need_title)));
            return;
        }
        let mut days = if repeat.get_untracked() == Some("days") {
            chosen_days.get_untracked()
        } else {
            Vec::new()
        };
        crate::domain::order::sort(&mut days);
        days.dedup();
        if repeat.get_untracked() == Some("days") && days.is_empty() {
            message.set(Some((false, t.micro_goals().add_need_days)));
            return;
        }
        // Keep the idea's ladder only while the words are still the idea's.
        let from_idea = suggestion
            .get_untracked()
            .filter(|id| Suggestion::by_id(id).is_some_and(|s| s.text(t) == words));
        let goal = Goal {
            title: words,
            days,
            suggestion: from_idea.map(String::from),
            created: time::now(),
            archived: None,
            bigger_declined_at: 0,
        };
        if goal.check().is_err() {
            message.set(Some((false, t.micro_goals().add_need_title)));
            return;
        }
        let _ = app.save(&browser::new_id(), &goal);
        title.set(String::new());
        suggestion.set(None);
        message.set(Some((true, t.micro_goals().add_added)));
    };
    view! {
        <form class="card add-goal" on:submit=submit novalidate>
            <h2>{t.micro_goals().add_heading}</h2>
            <div class="field">
                <label for="goal-title">{t.micro_goals().add_title_label}</label>
                <p class="hint" id="goal-title-hint">{t.micro_goals().add_title_hint}</p>
                <input
                    id="goal-title"
                    type="text"
                    aria-describedby="goal-title-hint"
                    maxlength=goals::MAX_TITLE.to_string()
                    prop:value=move || title.get()
                    on:input=move |ev| title.set(event_target_value(&ev))
                />
            </div>
            <h3 class="small-heading">{t.micro_goals().add_ideas}</h3>
            <ul class="idea-list">
                {move || {
                    ideas()
                        .into_iter()
                        .map(|s| {
                            let words = s.text(t);
                            view! {
                                <li>
                                    <button
                                        type="button"
                                        class="idea"
                                        on:click=move |_| {
                                            title.set(words.to_string());
                                            suggestion.set(Some(s.id));
                                        }
                                    >
                                        <span class="visually-hidden">
                                            {t.micro_goals().add_use_idea}
                                            " "
                                        </span>
                                        {words}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <ChoiceList
                name="goal-repeat"
                legend=t.micro_goals().add_repeat_legend
                choices=vec![
                    Choice { id: "once", label: t.micro_goals().add_once },
                    Choice { id: "days", label: t.micro_goals().add_some_days },
                ]
                selected=repeat
            />
            <Show when=move || repeat.get() == Some("days")>
                <DayPicker legend=t.micro_goals().add_days_legend days=chosen_days/>
            </Show>
            <FormMessage message/>
            <div class="actions">
                <button type="submit" class="button">{t.micro_goals().add_add}</button>
            </div>
        </form>
    }
}

/// Every goal not put away, with how often it was done and "Put away".
#[component]
fn YourGoals() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let undo = RwSignal::new(None::<(String, Goal)>);
    view! {
        <div class="card">
            <h2>{t.micro_goals().goals_heading}</h2>
            {move || {
                // Redrawn after a tick is on screen (see `AppState::settled`).
                let (shared_wins, active) = app.settled(&[Win::KIND, Goal::KIND], || {
                    let active: Vec<(String, Goal)> = app
                        .all::<Goal>()
                        .into_iter()
                        .filter(|(_, g, _)| g.archived.is_none())
                        .map(|(id, g, _)| (id, g))
                        .collect();
                    (app.all_shared::<Win>(), active)
                });
                let wins: Vec<&Win> = shared_wins.iter().map(|(_, w, _)| w).collect();
                let done = GoalDays::of(&wins);
                if active.is_empty() {
                    return view! { <p class="muted">{t.micro_goals().goals_none}</p> }.into_any();
                }
                view! {
                    <ul class="log">
                        {active
                            .into_iter()
                            .map(|(id, g)| {
                                let count = done.count(&id);
                                let label = fill(t.micro_goals().goals_put_away_label, &[("title", &g.title)]);
                                let before = g.clone();
                                let put_away = move |_| {
                                    let mut after = before.clone();
                                    after.archived = Some(time::now());
                                    let _ = app.save(&id, &after);
                                    undo.set(Some((id.clone(), before.clone())));
                                };
                                view! {
                                    <li>
                                        <span>
                                            <strong>{g.title.clone()}</strong>
                                            <br/>
                                            <span class="small">
                                                {repeat_words(t, &g)}
                                                " · "
                                                {fill(t.micro_goals().goals_done_count, &[("days", &count.to_string())])}
                                            </span>
                                        </span>
                                        <button type="button" class="button secondary small-button" on:click=put_away>
                                            <span aria-hidden="true">{t.micro_goals().goals_put_away}</span>
                                            <span class="visually-hidden">{label}</span>
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            <UndoNotice undo said=t.micro_goals().goals_put_away_done button=t.micro_goals().goals_undo/>
        </div>
    }
}

/// How many wins the log shows at first, and how many more per tap: a
/// short list keeps opening the page quick on a cheap phone.
const WINS_SHOWN: usize = 8;
const MORE_WINS: usize = 20;

/// The wins log: add an unplanned win; recent wins, newest first, older
/// ones on request.
#[component]
fn WinsLog() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let limit = RwSignal::new(WINS_SHOWN);
    let text = RwSignal::new(String::new());
    let message = RwSignal::new(None::<(bool, &'static str)>);
    let undo = RwSignal::new(None::<(String, Win)>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let win = Win {
            text: text.get_untracked().trim().to_string(),
            goal: None,
            at: time::now(),
        };
        if win.check().is_err() {
            message.set(Some((false, t.micro_goals().wins_need_text)));
            return;
        }
        let _ = app.save(&browser::new_id(), &win);
        text.set(String::new());
        message.set(Some((true, t.micro_goals().wins_added)));
    };
    // The newest wins (sorted by reference: only the few shown are copied)
    // and how many came this week.
    let recent = Memo::new(move |_| {
        // Follows a tick a frame later (see `AppState::settled`).
        let shared = app.settled(&[Win::KIND], || app.all_shared::<Win>());
        let mut all = shared.iter().collect::<Vec<_>>();
        crate::domain::order::sort_by_key(&mut all, |(_, w, _)| std::cmp::Reverse(w.at));
        let monday = goals::monday_of(today());
        let this_week = all
            .iter()
            .filter(|(_, w, _)| w.at.date_naive() >= monday)
            .count();
        let older = all.len() > limit.get();
        let shown: Vec<(String, Win)> = all
            .into_iter()
            .take(limit.get())
            .map(|(id, w, _)| (id.clone(), w.clone()))
            .collect();
        (this_week, shown, older)
    });
    view! {
        <div class="card wins">
            <h2>{t.micro_goals().wins_heading}</h2>
            <p>{t.micro_goals().wins_intro}</p>
            <form on:submit=submit novalidate>
                <div class="field">
                    <label for="win-text">{t.micro_goals().wins_label}</label>
                    <input
                        id="win-text"
                        type="text"
                        maxlength=goals::MAX_WIN.to_string()
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))
                    />
                </div>
                <FormMessage message/>
                <div class="actions">
                    <button type="submit" class="button">{t.micro_goals().wins_add}</button>
                </div>
            </form>
            {move || {
                recent
                    .with(|(this_week, shown, _)| {
                        if shown.is_empty() {
                            view! { <p class="muted">{t.micro_goals().wins_none}</p> }.into_any()
                        } else {
                            let count = this_week.to_string();
                            view! { <p class="small">{fill(t.micro_goals().wins_this_week, &[("count", &count)])}</p> }
                                .into_any()
                        }
                    })
            }}
            // Keyed, so logging a win adds one line instead of redrawing all.
            <ul class="log win-log" hidden=move || recent.with(|(_, shown, _)| shown.is_empty())>
                <For
                    each=move || recent.with(|(_, shown, _)| shown.clone())
                    key=|(id, w)| (id.clone(), w.text.clone(), w.at)
                    let:item
                >
                    {
                        let (id, w) = item;
                        let label = fill(t.micro_goals().wins_remove_label, &[("text", &w.text)]);
                        let from_goal = w.goal.is_some();
                        let remove = move |_| {
                            if let Some(removed) = app.delete::<Win>(&id) {
                                undo.set(Some((id.clone(), removed)));
                            }
                        };
                        view! {
                            <li>
                                <span>
                                    <strong>{w.text.clone()}</strong>
                                    <br/>
                                    <span class="small">
                                        {format!(
                                            "{} {}",
                                            day_short(t, w.at.weekday().num_days_from_monday() as u8),
                                            w.at.format("%-d %b"),
                                        )}
                                        {from_goal.then(|| format!(" · {}", t.micro_goals().wins_from_goal))}
                                    </span>
                                </span>
                                <button type="button" class="button secondary small-button" on:click=remove>
                                    <span aria-hidden="true">{t.micro_goals().wins_remove}</span>
                                    <span class="visually-hidden">{label}</span>
                                </button>
                            </li>
                        }
                    }
                </For>
            </ul>
            <Show when=move || recent.with(|(_, _, older)| *older)>
                <button type="button" class="button secondary" on:click=move |_| limit.update(|n| *n += MORE_WINS)>
                    {t.micro_goals().wins_more}
                </button>
            </Show>
            <UndoNotice undo said=t.micro_goals().wins_removed button=t.micro_goals().wins_undo/>
        </div>
    }
}
