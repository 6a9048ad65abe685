//! Friend versus self: two writing steps, then the two answers side by side
//! (stacked, with labels, on a phone) and what would change; below, the
//! comparisons saved before. Everything typed is kept as a draft.

use leptos::prelude::*;

use crate::app::use_app;
use crate::browser::{self, Debounce};
use crate::components::page_title::PageTitle;
use crate::content::fill;
use crate::domain::friend_view::{FriendDraft, FriendEntry, FriendStep, MAX_TEXT};
use crate::domain::time;
use crate::pages::compassionate_letter::day_text;

/// `/kindness/friend`.
#[component]
pub fn FriendViewPage() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let draft = RwSignal::new(untrack(|| {
        app.get::<FriendDraft>(FriendDraft::ID).unwrap_or_default()
    }));
    let step = Memo::new(move |_| draft.with(|d| d.step));
    let message = RwSignal::new(None::<(bool, &'static str)>);
    let save = move || {
        let d = draft.get_untracked();
        if d.is_blank() && d.step == 0 {
            app.delete::<FriendDraft>(FriendDraft::ID);
        } else {
            let _ = app.save(FriendDraft::ID, &d);
        }
    };
    let submit = move || match draft.get_untracked().finish(time::now()) {
        Err(_) => message.set(Some((false, t.friend_view().need_answer))),
        Ok(entry) => {
            let _ = app.save(&browser::new_id(), &entry);
            app.delete::<FriendDraft>(FriendDraft::ID);
            draft.set(FriendDraft::default());
            message.set(Some((true, t.friend_view().saved)));
            browser::focus_main_heading();
        }
    };
    view! {
        <section class="page kindness friend-view" aria-labelledby="friend-title">
            <PageTitle id="friend-title" text=t.friend_view().title.to_string()/>
            <p class="lead">{t.friend_view().intro}</p>
            {move || {
                message
                    .get()
                    .filter(|(ok, _)| *ok)
                    .map(|(_, text)| view! { <p class="success" role="status">{text}</p> })
            }}
            {move || {
                let s = FriendStep::at(step.get()).unwrap_or(FriendStep::Compare);
                view! { <Step step=s draft save submit message/> }
            }}
            <FriendHistory/>
        </section>
    }
}

/// One step of the exercise.
#[component]
fn Step(
    step: FriendStep,
    draft: RwSignal<FriendDraft>,
    save: impl Fn() + Copy + Send + Sync + 'static,
    submit: impl Fn() + Copy + Send + Sync + 'static,
    message: RwSignal<Option<(bool, &'static str)>>,
) -> impl IntoView {
    let t = use_app().text;
    let debounce = Debounce::new();
    let save_now = move || {
        debounce.cancel();
        save();
    };
    on_cleanup(move || debounce.cancel());
    let hide = window_event_listener(leptos::ev::pagehide, move |_| save());
    on_cleanup(move || hide.remove());
    let go = move |forward: bool| {
        draft.update(|d| if forward { d.next() } else { d.back() });
        if forward {
            message.set(None);
        }
        save_now();
        browser::focus_main_heading();
    };
    let n = FriendStep::ALL.iter().position(|s| *s == step).unwrap_or(0) + 1;
    let (heading, body, label) = match step {
        FriendStep::Friend => (
            t.friend_view().friend_heading,
            t.friend_view().friend_body,
            t.friend_view().friend_label,
        ),
        FriendStep::SelfTalk => (
            t.friend_view().self_heading,
            t.friend_view().self_body,
            t.friend_view().self_label,
        ),
        FriendStep::Compare => (
            t.friend_view().compare_heading,
            t.friend_view().compare_body,
            t.friend_view().compare_change_label,
        ),
    };
    let field_id = format!("friend-{}", step.id());
    let initial = draft.with_untracked(|d| d.text(step).to_string());
    let compare = (step == FriendStep::Compare).then(|| {
        let (friend, own) = draft.with_untracked(|d| (d.friend.clone(), d.self_talk.clone()));
        let shown = |text: String| {
            if text.trim().is_empty() {
                view! { <p class="small">{t.friend_view().compare_empty}</p> }.into_any()
            } else {
                view! { <p class="side-text">{text}</p> }.into_any()
            }
        };
        view! {
            <div class="side-by-side">
                <section class="side friend-side" aria-labelledby="side-friend">
                    <h3 id="side-friend">{t.friend_view().compare_friend_label}</h3>
                    {shown(friend)}
                </section>
                <section class="side self-side" aria-labelledby="side-self">
                    <h3 id="side-self">{t.friend_view().compare_self_label}</h3>
                    {shown(own)}
                </section>
            </div>
        }
    });
    let last = step == FriendStep::Compare;
    view! {
        <div class="card step kindness-step">
            <p class="step-label">{fill(t.friend_view().step, &[("n", &n.to_string())])}</p>
            <h2>{heading}</h2>
            <p>{body}</p>
            {compare}
            <div class="field">
                <label for=field_id.clone()>{label}</label>
                <textarea
                    id=field_id
                    rows="6"
                    maxlength=MAX_TEXT
                    aria-describedby="friend-hint"
                    prop:value=initial
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        draft.update(|d| d.set(step, &value, time::now()));
                        message.set(None);
                        debounce.call(save);
                    }
                    on:blur=move |_| save_now()
                ></textarea>
                <p class="hint" id="friend-hint">
                    {if last { t.friend_view().compare_change_hint } else { t.friend_view().status_saved }}
                </p>
            </div>
            {move || {
                message
                    .get()
                    .filter(|(ok, _)| !*ok)
                    .map(|(_, text)| view! { <p class="error" role="alert">{text}</p> })
            }}
            <div class="actions">
                <button
                    type="button"
                    class="button"
                    on:click=move |_| {
                        if last {
                            save_now();
                            submit();
                        } else {
                            go(true);
                        }
                    }
                >
                    {if last { t.friend_view().save } else { t.friend_view().next }}
                </button>
                {(n > 1)
                    .then(|| {
                        view! {
                            <button type="button" class="button secondary" on:click=move |_| go(false)>
                                {t.friend_view().back}
                            </button>
                        }
                    })}
            </div>
        </div>
    }
}

/// Saved comparisons, newest first.
#[component]
fn FriendHistory() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let entries = move || {
        let mut all = app.all::<FriendEntry>();
        crate::domain::order::sort_by(&mut all, |a, b| {
            b.1.created.cmp(&a.1.created).then(b.0.cmp(&a.0))
        });
        all
    };
    view! {
        <h2 class="section-heading">{t.friend_view().history_heading}</h2>
        {move || {
            let all = entries();
            if all.is_empty() {
                return view! { <p class="kindness-empty">{t.friend_view().history_empty}</p> }.into_any();
            }
            view! {
                <ul class="kindness-log">
                    {all
                        .into_iter()
                        .map(|(_, e, _)| {
                            view! {
                                <li class="card">
                                    <p class="small kindness-meta">{day_text(t, e.created.date_naive())}</p>
                                    <dl class="friend-entry">
                                        <dt>{t.friend_view().compare_friend_label}</dt>
                                        <dd>{e.friend}</dd>
                                        <dt>{t.friend_view().compare_self_label}</dt>
                                        <dd>{e.self_talk}</dd>
                                        {(!e.change.is_empty())
                                            .then(|| {
                                                view! {
                                                    <dt>{t.friend_view().history_change_label}</dt>
                                                    <dd>{e.change}</dd>
                                                }
                                            })}
                                    </dl>
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
