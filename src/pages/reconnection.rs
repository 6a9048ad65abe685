//! People: the private list of supportive people with the last time the
//! person reached out, a nudge for someone not contacted in a while, the
//! ladder of social steps (plan one, log it with how it went), and kinds of
//! support groups.

use leptos::prelude::*;

use crate::app::{use_app, AppState};
use crate::browser;
use crate::components::choice::{Choice, ChoiceList};
use crate::components::feedback::{FormMessage, UndoNotice};
use crate::components::page_title::PageTitle;
use crate::content::{fill, Text};
use crate::domain::reconnection::{
    last_contact, nudges, suggest_step, HowItWent, Outreach, Person, SocialStep, MAX_NAME,
    MAX_NOTE, NUDGE_WEEKS,
};
use crate::domain::time::{self, Timestamp};

fn step_label(t: &'static Text, s: SocialStep) -> &'static str {
    match s {
        SocialStep::Message => t.reconnection().ladder_step_message,
        SocialStep::Call => t.reconnection().ladder_step_call,
        SocialStep::Meet => t.reconnection().ladder_step_meet,
        SocialStep::Group => t.reconnection().ladder_step_group,
        SocialStep::Volunteer => t.reconnection().ladder_step_volunteer,
    }
}

fn went_label(t: &'static Text, h: HowItWent) -> &'static str {
    match h {
        HowItWent::Hard => t.reconnection().log_went_hard,
        HowItWent::Okay => t.reconnection().log_went_okay,
        HowItWent::Good => t.reconnection().log_went_good,
    }
}

fn nudge_label(t: &'static Text, weeks: u8) -> &'static str {
    match weeks {
        1 => t.reconnection().list_nudge_1,
        2 => t.reconnection().list_nudge_2,
        4 => t.reconnection().list_nudge_4,
        8 => t.reconnection().list_nudge_8,
        _ => t.reconnection().list_nudge_0,
    }
}

/// "today", "yesterday", "5 days ago".
pub fn when_words(t: &'static Text, at: Timestamp) -> String {
    let days = (time::now().date_naive() - at.date_naive()).num_days();
    match days {
        i64::MIN..=0 => t.reconnection().list_today.to_string(),
        1 => t.reconnection().list_one_day_ago.to_string(),
        n => fill(t.reconnection().list_days_ago, &[("days", &n.to_string())]),
    }
}

fn people(app: &AppState) -> Vec<(String, Person)> {
    app.all::<Person>()
        .into_iter()
        .map(|(id, p, _)| (id, p))
        .collect()
}

fn outreach(app: &AppState) -> Vec<(String, Outreach)> {
    app.all::<Outreach>()
        .into_iter()
        .map(|(id, o, _)| (id, o))
        .collect()
}

fn plain(log: &[(String, Outreach)]) -> Vec<Outreach> {
    log.iter().map(|(_, o)| o.clone()).collect()
}

fn plan(app: AppState, step: SocialStep, person: Option<String>) {
    let o = Outreach {
        step,
        person,
        planned: time::now(),
        done: None,
        went: None,
        note: String::new(),
    };
    let _ = app.save(&browser::new_id(), &o);
}

/// The people page.
#[component]
pub fn PeoplePage() -> impl IntoView {
    let t = use_app().text;
    view! {
        <section class="page people" aria-labelledby="people-title">
            <PageTitle id="people-title" text=t.reconnection().page_title.to_string()/>
            <p class="lead">{t.reconnection().page_intro}</p>
            <PeopleNudge/>
            <NextStep/>
            <Plans/>
            <LogStep/>
            <PeopleList/>
            <AddPerson/>
            <History/>
            <SupportGroups/>
        </section>
    }
}

/// A gentle card for the first person waiting for a nudge; nothing otherwise.
/// Also shown on the home screen.
#[component]
pub fn PeopleNudge() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let planned = RwSignal::new(false);
    move || {
        let list = people(&app);
        let log = outreach(&app);
        let due = nudges(&list, &plain(&log), time::now().date_naive());
        let (id, person) = due.first().map(|(id, p)| (id.clone(), p.clone()))?;
        // A plan already made for this person answers the nudge.
        if log
            .iter()
            .any(|(_, o)| o.done.is_none() && o.person.as_deref() == Some(id.as_str()))
        {
            return None;
        }
        let name = person.name.clone();
        Some(view! {
            <div class="card nudge">
                <h2>{t.reconnection().nudge_heading}</h2>
                <p>{fill(t.reconnection().nudge_body, &[("name", &name)])}</p>
                <button
                    type="button"
                    class="button secondary"
                    on:click=move |_| {
                        plan(app, SocialStep::Message, Some(id.clone()));
                        planned.set(true);
                    }
                >
                    {fill(t.reconnection().nudge_plan, &[("name", &name)])}
                </button>
            </div>
        })
    }
}

/// The next step on the social ladder, with "Plan this step".
#[component]
fn NextStep() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let planned = RwSignal::new(false);
    view! {
        <div class="card ladder-card">
            <h2>{t.reconnection().ladder_heading}</h2>
            {move || {
                let log = plain(&outreach(&app));
                let next = suggest_step(&log);
                view! {
                    <ol class="social-ladder">
                        {SocialStep::ALL
                            .into_iter()
                            .map(|s| {
                                let current = s == next;
                                view! {
                                    <li class:current=current aria-current=current.then_some("step")>
                                        {step_label(t, s)}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                    <p class="small">{t.reconnection().ladder_hint}</p>
                    <button
                        type="button"
                        class="button"
                        on:click=move |_| {
                            plan(app, next, None);
                            planned.set(true);
                        }
                    >
                        {t.reconnection().ladder_plan}
                        <span class="visually-hidden">{format!(": {}", step_label(t, next))}</span>
                    </button>
                }
            }}
            <Show when=move || planned.get()>
                <p class="success" role="status">{t.reconnection().ladder_planned}</p>
            </Show>
        </div>
    }
}

/// Planned steps: "I did it" (then how it went) or remove.
#[component]
fn Plans() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let completing = RwSignal::new(None::<String>);
    let undo = RwSignal::new(None::<(String, Outreach)>);
    view! {
        <div class="card">
            <h2>{t.reconnection().plans_heading}</h2>
            {move || {
                let list = people(&app);
                let plans: Vec<(String, Outreach)> = outreach(&app)
                    .into_iter()
                    .filter(|(_, o)| o.done.is_none())
                    .collect();
                if plans.is_empty() {
                    return view! { <p class="muted">{t.reconnection().plans_none}</p> }.into_any();
                }
                view! {
                    <ul class="log">
                        {plans
                            .into_iter()
                            .map(|(id, o)| {
                                let who = o
                                    .person
                                    .as_ref()
                                    .and_then(|p| list.iter().find(|(pid, _)| pid == p))
                                    .map(|(_, p)| fill(t.reconnection().plans_with, &[("name", &p.name)]));
                                let label = fill(t.reconnection().plans_remove_label, &[("step", step_label(t, o.step))]);
                                let id_done = id.clone();
                                let id_open = id.clone();
                                let id_remove = id.clone();
                                let plan_for_form = o.clone();
                                view! {
                                    <li class="plan">
                                        <span>
                                            <strong>{step_label(t, o.step)}</strong>
                                            {who.map(|w| view! { <br/><span class="small">{w}</span> })}
                                        </span>
                                        <Show
                                            when=move || completing.get().as_deref() == Some(id_open.as_str())
                                            fallback={
                                                let id_done = id_done.clone();
                                                let id_remove = id_remove.clone();
                                                let label = label.clone();
                                                move || {
                                                    let id_done = id_done.clone();
                                                    let id_remove = id_remove.clone();
                                                    view! {
                                                        <div class="actions">
                                                            <button
                                                                type="button"
                                                                class="button small-button"
                                                                on:click=move |_| completing.set(Some(id_done.clone()))
                                                            >
                                                                {t.reconnection().plans_did_it}
                                                            </button>
                                                            <button
                                                                type="button"
                                                                class="button secondary small-button"
                                                                on:click=move |_| {
                                                                    if let Some(removed) = app.delete::<Outreach>(&id_remove) {
                                                                        undo.set(Some((id_remove.clone(), removed)));
                                                                    }
                                                                }
                                                            >
                                                                <span aria-hidden="true">{t.reconnection().plans_remove}</span>
                                                                <span class="visually-hidden">{label.clone()}</span>
                                                            </button>
                                                        </div>
                                                    }
                                                }
                                            }
                                        >
                                            <StepForm
                                                id=id.clone()
                                                start=Some(plan_for_form.clone())
                                                on_done=Callback::new(move |_| completing.set(None))
                                            />
                                        </Show>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            <UndoNotice undo said=t.reconnection().plans_removed button=t.reconnection().plans_undo/>
        </div>
    }
}

/// The log form on its own card.
#[component]
fn LogStep() -> impl IntoView {
    let t = use_app().text;
    // Folded away until wanted: the page is long on a phone.
    view! {
        <details class="card log-step">
            <summary>
                <h2>{t.reconnection().log_heading}</h2>
            </summary>
            <StepForm id=String::new() start=None on_done=Callback::new(|_| {})/>
        </details>
    }
}

/// What was done, with whom, how it went and a note. Completes a plan
/// (`start` is the plan, `id` its id) or logs a new step (`id` empty).
#[component]
fn StepForm(id: String, start: Option<Outreach>, on_done: Callback<()>) -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let prefix = if id.is_empty() {
        "log".to_string()
    } else {
        format!("plan-{id}")
    };
    let step = RwSignal::new(start.as_ref().map(|o| o.step.id()));
    let who = RwSignal::new(
        start
            .as_ref()
            .and_then(|o| o.person.clone())
            .unwrap_or_default(),
    );
    let went = RwSignal::new(None::<&'static str>);
    let note = RwSignal::new(String::new());
    let message = RwSignal::new(None::<(bool, &'static str)>);
    let planned_at = start.as_ref().map(|o| o.planned);
    let record_id = id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(s) = step.get_untracked().and_then(SocialStep::from_id) else {
            message.set(Some((false, t.reconnection().log_need_step)));
            return;
        };
        let now = time::now();
        let person = Some(who.get_untracked()).filter(|p| !p.is_empty());
        let o = Outreach {
            step: s,
            person,
            planned: planned_at.unwrap_or(now),
            done: Some(now),
            went: went.get_untracked().and_then(HowItWent::from_id),
            note: note.get_untracked().trim().to_string(),
        };
        if o.check().is_err() {
            return;
        }
        let key = if record_id.is_empty() {
            browser::new_id()
        } else {
            record_id.clone()
        };
        let _ = app.save(&key, &o);
        step.set(None);
        who.set(String::new());
        went.set(None);
        note.set(String::new());
        message.set(Some((true, t.reconnection().log_saved)));
        on_done.run(());
    };
    let who_id = format!("{prefix}-who");
    let note_id = format!("{prefix}-note");
    let step_name: &'static str = if id.is_empty() {
        "log-step"
    } else {
        "plan-step"
    };
    let went_name: &'static str = if id.is_empty() {
        "log-went"
    } else {
        "plan-went"
    };
    view! {
        <form class="step-form" on:submit=submit novalidate>
            <ChoiceList
                name=step_name
                legend=t.reconnection().log_step_legend
                choices=SocialStep::ALL
                    .into_iter()
                    .map(|s| Choice { id: s.id(), label: step_label(t, s) })
                    .collect()
                selected=step
            />
            <div class="field">
                <label for=who_id.clone()>{t.reconnection().log_who_label}</label>
                <select
                    id=who_id
                    prop:value=move || who.get()
                    on:change=move |ev| who.set(event_target_value(&ev))
                >
                    <option value="">{t.reconnection().log_who_none}</option>
                    {move || {
                        people(&app)
                            .into_iter()
                            .map(|(pid, p)| {
                                let selected = who.get_untracked() == pid;
                                view! { <option value=pid selected=selected>{p.name}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            <ChoiceList
                name=went_name
                legend=t.reconnection().log_went_legend
                choices=HowItWent::ALL
                    .into_iter()
                    .map(|h| Choice { id: h.id(), label: went_label(t, h) })
                    .collect()
                selected=went
            />
            <div class="field">
                <label for=note_id.clone()>{t.reconnection().log_note_label}</label>
                <textarea
                    id=note_id
                    maxlength=MAX_NOTE.to_string()
                    prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))
                ></textarea>
            </div>
            <FormMessage message/>
            <div class="actions">
                <button type="submit" class="button">{t.reconnection().log_save}</button>
            </div>
        </form>
    }
}

/// The list of people with their last contact and nudge setting.
#[component]
fn PeopleList() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let undo = RwSignal::new(None::<(String, Person)>);
    view! {
        <div class="card">
            <h2>{t.reconnection().list_heading}</h2>
            {move || {
                let list = people(&app);
                let log = plain(&outreach(&app));
                if list.is_empty() {
                    return view! { <p class="muted">{t.reconnection().list_none}</p> }.into_any();
                }
                view! {
                    <ul class="person-list">
                        {list
                            .into_iter()
                            .map(|(id, p)| {
                                let last = last_contact(&log, &id)
                                    .map(|at| fill(t.reconnection().list_last, &[("when", &when_words(t, at))]))
                                    .unwrap_or_else(|| t.reconnection().list_never.to_string());
                                let select_id = format!("nudge-{id}");
                                let label_for = select_id.clone();
                                let remove_label = fill(t.reconnection().list_remove_label, &[("name", &p.name)]);
                                let id_nudge = id.clone();
                                let person_nudge = p.clone();
                                let id_remove = id.clone();
                                let current = p.nudge_weeks;
                                view! {
                                    <li class="person">
                                        <div>
                                            <strong>{p.name.clone()}</strong>
                                            <br/>
                                            <span class="small">{last}</span>
                                        </div>
                                        <div class="field inline-field">
                                            <label for=label_for>{t.reconnection().list_nudge_label}</label>
                                            <select
                                                id=select_id
                                                on:change=move |ev| {
                                                    if let Ok(w) = event_target_value(&ev).parse::<u8>() {
                                                        let mut changed = person_nudge.clone();
                                                        changed.nudge_weeks = w;
                                                        if changed.check().is_ok() {
                                                            let _ = app.save(&id_nudge, &changed);
                                                        }
                                                    }
                                                }
                                            >
                                                {NUDGE_WEEKS
                                                    .into_iter()
                                                    .map(|w| {
                                                        view! {
                                                            <option value=w.to_string() selected=w == current>
                                                                {nudge_label(t, w)}
                                                            </option>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </select>
                                        </div>
                                        <button
                                            type="button"
                                            class="button secondary small-button"
                                            on:click=move |_| {
                                                if let Some(removed) = app.delete::<Person>(&id_remove) {
                                                    undo.set(Some((id_remove.clone(), removed)));
                                                }
                                            }
                                        >
                                            <span aria-hidden="true">{t.reconnection().list_remove}</span>
                                            <span class="visually-hidden">{remove_label}</span>
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            <UndoNotice undo said=t.reconnection().list_removed button=t.reconnection().list_undo/>
        </div>
    }
}

/// Adding a person: a name and an optional nudge.
#[component]
fn AddPerson() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let name = app.field_draft("people-add");
    let weeks = RwSignal::new(Some("0"));
    let message = RwSignal::new(None::<(bool, &'static str)>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let p = Person {
            name: name.get_untracked().trim().to_string(),
            nudge_weeks: weeks
                .get_untracked()
                .and_then(|w| w.parse().ok())
                .unwrap_or(0),
            added: time::now(),
        };
        if p.check().is_err() {
            message.set(Some((false, t.reconnection().add_need_name)));
            return;
        }
        let _ = app.save(&browser::new_id(), &p);
        name.set(String::new());
        message.set(Some((true, t.reconnection().add_added)));
    };
    view! {
        <form class="card" on:submit=submit novalidate>
            <h2>{t.reconnection().add_heading}</h2>
            <div class="field">
                <label for="person-name">{t.reconnection().add_name_label}</label>
                <p class="hint" id="person-name-hint">{t.reconnection().add_name_hint}</p>
                <input
                    id="person-name"
                    type="text"
                    autocomplete="off"
                    aria-describedby="person-name-hint"
                    maxlength=MAX_NAME.to_string()
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
            </div>
            <ChoiceList
                name="person-nudge"
                legend=t.reconnection().list_nudge_label
                choices=vec![
                    Choice { id: "0", label: t.reconnection().list_nudge_0 },
                    Choice { id: "1", label: t.reconnection().list_nudge_1 },
                    Choice { id: "2", label: t.reconnection().list_nudge_2 },
                    Choice { id: "4", label: t.reconnection().list_nudge_4 },
                    Choice { id: "8", label: t.reconnection().list_nudge_8 },
                ]
                selected=weeks
            />
            <FormMessage message/>
            <div class="actions">
                <button type="submit" class="button">{t.reconnection().add_add}</button>
            </div>
        </form>
    }
}

/// Steps taken, newest first.
#[component]
fn History() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    view! {
        <div class="card">
            <h2>{t.reconnection().log_history}</h2>
            {move || {
                let list = people(&app);
                let mut done: Vec<Outreach> = plain(&outreach(&app))
                    .into_iter()
                    .filter(|o| o.done.is_some())
                    .collect();
                crate::domain::order::sort_by_key(&mut done, |o| std::cmp::Reverse(o.done));
                if done.is_empty() {
                    return view! { <p class="muted">{t.reconnection().log_history_none}</p> }.into_any();
                }
                view! {
                    <ul class="log">
                        {done
                            .into_iter()
                            .take(20)
                            .map(|o| {
                                let what = match &o.person {
                                    None => step_label(t, o.step).to_string(),
                                    Some(pid) => {
                                        let name = list
                                            .iter()
                                            .find(|(id, _)| id == pid)
                                            .map(|(_, p)| p.name.clone())
                                            .unwrap_or_else(|| t.reconnection().log_removed_person.to_string());
                                        fill(t.reconnection().log_item_with, &[("step", step_label(t, o.step)), ("name", &name)])
                                    }
                                };
                                let when = o.done.map(|d| d.format("%-d %b").to_string()).unwrap_or_default();
                                let went = o.went.map(|h| went_label(t, h));
                                view! {
                                    <li>
                                        <span>
                                            <strong>{what}</strong>
                                            <br/>
                                            <span class="small">
                                                {when}
                                                {went.map(|w| format!(" · {w}"))}
                                            </span>
                                            {(!o.note.is_empty()).then(|| view! { <br/><span class="small">{o.note.clone()}</span> })}
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

/// Kinds of support groups and how to find one, offline.
#[component]
fn SupportGroups() -> impl IntoView {
    let t = use_app().text;
    view! {
        <div class="card">
            <h2>{t.reconnection().groups_heading}</h2>
            <p>{t.reconnection().groups_intro}</p>
            <ul class="steps">
                <li>{t.reconnection().groups_student}</li>
                <li>{t.reconnection().groups_work}</li>
                <li>{t.reconnection().groups_heartbreak}</li>
                <li>{t.reconnection().groups_interest}</li>
                <li>{t.reconnection().groups_volunteer}</li>
            </ul>
            <p>{t.reconnection().groups_how}</p>
        </div>
    }
}
