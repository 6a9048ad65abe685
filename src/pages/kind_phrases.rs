//! Kind words: suggested phrases and the person's own, pinned to the home
//! screen with toggle buttons; and `ThingsToHoldOnTo`, the home-screen
//! cards (pinned phrases and the inner-child "needed to hear" cards).

use leptos::prelude::*;

use crate::app::{href, use_app, AppState};
use crate::browser::{self, Debounce};
use crate::components::confirm::Confirm;
use crate::components::page_title::PageTitle;
use crate::content::fill;
use crate::domain::inner_child::{self, Reflection};
use crate::domain::kind_phrases::{
    self, OwnPhrase, PhraseDraft, PhraseError, PhraseRef, PinError, Pins, MAX_PHRASE, MAX_PINS,
};
use crate::domain::time;

fn phrase_error(app: AppState, e: PhraseError) -> String {
    let t = app.text;
    match e {
        PhraseError::Empty => t.kind_phrases().error_empty.to_string(),
        PhraseError::TooLong => fill(
            t.kind_phrases().error_too_long,
            &[("max", &MAX_PHRASE.to_string())],
        ),
    }
}

/// The pins as stored (none yet: empty).
fn pins(app: AppState) -> Pins {
    app.get::<Pins>(Pins::ID).unwrap_or_default()
}

/// `/phrases`.
#[component]
pub fn KindPhrasesPage() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let pinned = Memo::new(move |_| pins(app));
    let full_notice = RwSignal::new(None::<PhraseRef>);

    let toggle = Callback::new(move |r: PhraseRef| {
        let mut next = pins(app);
        match next.toggle(r.clone()) {
            Ok(_) => {
                full_notice.set(None);
                let _ = app.save(Pins::ID, &next);
            }
            Err(PinError::Full) => full_notice.set(Some(r)),
            Err(PinError::Invalid) => {}
        }
    });

    let suggested = move || kind_phrases::suggested_for(app.profile.with(|p| p.setback));

    view! {
        <section class="page phrases" aria-labelledby="phrases-title">
            <PageTitle id="phrases-title" text=t.kind_phrases().title.to_string()/>
            <p class="lead">{t.kind_phrases().intro}</p>
            <div class="phrases-status" role="status">
                <p class="small">
                    {move || {
                        fill(
                            t.kind_phrases().pinned_count,
                            &[
                                ("count", &pinned.with(|p| p.pinned.len()).to_string()),
                                ("max", &MAX_PINS.to_string()),
                            ],
                        )
                    }}
                </p>
            </div>
            <OwnPhrases pinned toggle full_notice/>
            <div class="card">
                <h2>{t.kind_phrases().suggested_heading}</h2>
                <p class="hint">{t.kind_phrases().suggested_hint}</p>
                <ul class="phrase-list">
                    {move || {
                        suggested()
                            .into_iter()
                            .filter_map(|id| kind_phrases::suggested_text(t, id).map(|w| (id, w)))
                            .map(|(id, words)| {
                                let r = PhraseRef::Suggested(id.to_string());
                                view! {
                                    <li class="phrase">
                                        <p class="phrase-text">{words}</p>
                                        <div class="phrase-actions">
                                            <PinButton r words=words.to_string() pinned toggle full_notice/>
                                        </div>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
        </section>
    }
}

/// A pin toggle for one phrase.
#[component]
fn PinButton(
    r: PhraseRef,
    /// The phrase, so each button's name says which phrase it pins.
    words: String,
    pinned: Memo<Pins>,
    toggle: Callback<PhraseRef>,
    full_notice: RwSignal<Option<PhraseRef>>,
) -> impl IntoView {
    let t = use_app().text;
    let pressed_ref = r.clone();
    let notice_ref = r.clone();
    view! {
        <button
            type="button"
            class="chip pin-toggle"
            aria-pressed=move || pinned.with(|p| p.is_pinned(&pressed_ref)).to_string()
            on:click=move |_| toggle.run(r.clone())
        >
            {t.kind_phrases().pin}
            <span class="visually-hidden">{format!(": {words}")}</span>
        </button>
        // Said next to the button that was tapped, so it is seen.
        {move || {
            full_notice
                .with(|n| n.as_ref() == Some(&notice_ref))
                .then(|| view! { <p class="phrases-full" role="alert">{t.kind_phrases().full}</p> })
        }}
    }
}

/// The person's own phrases: add (kept as a draft while typed), edit,
/// pin, delete.
#[component]
fn OwnPhrases(
    pinned: Memo<Pins>,
    toggle: Callback<PhraseRef>,
    full_notice: RwSignal<Option<PhraseRef>>,
) -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let own = Memo::new(move |_| {
        let mut all = app.all::<OwnPhrase>();
        crate::domain::order::sort_by(&mut all, |(ia, a, _), (ib, b, _)| {
            b.created.cmp(&a.created).then(ib.cmp(ia))
        });
        all.into_iter()
            .map(|(id, p, _)| (id, p))
            .collect::<Vec<_>>()
    });
    let text = RwSignal::new(untrack(|| {
        app.get::<PhraseDraft>(PhraseDraft::ID)
            .unwrap_or_default()
            .text
    }));
    let error = RwSignal::new(None::<String>);
    let added = RwSignal::new(false);
    let debounce = Debounce::new();
    let save_draft = move || {
        let draft = PhraseDraft {
            text: text.get_untracked(),
        };
        if draft.text.trim().is_empty() {
            if app.get::<PhraseDraft>(PhraseDraft::ID).is_some() {
                app.delete::<PhraseDraft>(PhraseDraft::ID);
            }
        } else {
            let _ = app.save(PhraseDraft::ID, &draft);
        }
    };
    let hide = window_event_listener(leptos::ev::pagehide, move |_| save_draft());
    on_cleanup(move || hide.remove());

    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        debounce.cancel();
        match OwnPhrase::new(&text.get_untracked(), time::now()) {
            Ok(phrase) => {
                let _ = app.save(&browser::new_id(), &phrase);
                app.delete::<PhraseDraft>(PhraseDraft::ID);
                text.set(String::new());
                error.set(None);
                added.set(true);
            }
            Err(e) => {
                added.set(false);
                error.set(Some(phrase_error(app, e)));
            }
        }
    };

    view! {
        <div class="card">
            <h2>{t.kind_phrases().own_heading}</h2>
            <p class="hint">{t.kind_phrases().own_hint}</p>
            <form class="phrase-add" on:submit=add novalidate>
                <label class="field">
                    <span>{t.kind_phrases().add_label}</span>
                    <textarea
                        rows="2"
                        maxlength=MAX_PHRASE
                        prop:value=move || text.get()
                        on:input=move |ev| {
                            text.set(event_target_value(&ev));
                            error.set(None);
                            added.set(false);
                            debounce.call(save_draft);
                        }
                    ></textarea>
                </label>
                <p class="error" role="alert">{move || error.get()}</p>
                <div class="actions">
                    <button type="submit" class="button">{t.kind_phrases().add}</button>
                </div>
                <div role="status">
                    {move || added.get().then(|| view! { <p class="success">{t.kind_phrases().added}</p> })}
                </div>
            </form>
            <Show
                when=move || own.with(|o| !o.is_empty())
                fallback=move || view! { <p class="small">{t.kind_phrases().own_empty}</p> }
            >
                <ul class="phrase-list">
                    <For each=move || own.get() key=|(id, p)| (id.clone(), p.updated) let:item>
                        <OwnPhraseItem id=item.0 phrase=item.1 pinned toggle full_notice/>
                    </For>
                </ul>
            </Show>
        </div>
    }
}

/// One own phrase with its pin, edit and delete.
#[component]
fn OwnPhraseItem(
    id: String,
    phrase: OwnPhrase,
    pinned: Memo<Pins>,
    toggle: Callback<PhraseRef>,
    full_notice: RwSignal<Option<PhraseRef>>,
) -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let editing = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let text = RwSignal::new(phrase.text.clone());
    let error = RwSignal::new(None::<String>);
    let id = StoredValue::new(id);
    let words = phrase.text.clone();

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(mut current) = id.with_value(|id| app.get::<OwnPhrase>(id)) else {
            return;
        };
        match current.edit(&text.get_untracked(), time::now()) {
            Ok(()) => {
                id.with_value(|id| {
                    let _ = app.save(id, &current);
                });
                editing.set(false);
            }
            Err(e) => error.set(Some(phrase_error(app, e))),
        }
    };
    let delete = Callback::new(move |_| {
        id.with_value(|id| {
            let mut p = pins(app);
            if p.is_pinned(&PhraseRef::Own(id.clone())) {
                p.forget_own(id);
                let _ = app.save(Pins::ID, &p);
            }
            app.delete::<OwnPhrase>(id);
        });
    });

    view! {
        <li class="phrase own">
            <Show
                when=move || editing.get()
                fallback=move || {
                    let r = PhraseRef::Own(id.get_value());
                    view! {
                        <p class="phrase-text">{words.clone()}</p>
                        <div class="phrase-actions">
                            <PinButton r words=words.clone() pinned toggle full_notice/>
                            <button
                                type="button"
                                class="button secondary small-button"
                                on:click=move |_| {
                                    error.set(None);
                                    editing.set(true);
                                }
                            >
                                {t.kind_phrases().edit}
                            </button>
                            <button
                                type="button"
                                class="button secondary small-button"
                                on:click=move |_| confirming.set(true)
                            >
                                {t.kind_phrases().delete}
                            </button>
                        </div>
                    }
                }
            >
                <form class="phrase-edit" on:submit=save novalidate>
                    <label class="field">
                        <span>{t.kind_phrases().edit_label}</span>
                        <textarea
                            rows="2"
                            maxlength=MAX_PHRASE
                            prop:value=move || text.get()
                            on:input=move |ev| text.set(event_target_value(&ev))
                        ></textarea>
                    </label>
                    <p class="error" role="alert">{move || error.get()}</p>
                    <div class="actions">
                        <button type="submit" class="button">{t.kind_phrases().save}</button>
                        <button
                            type="button"
                            class="button secondary"
                            on:click=move |_| editing.set(false)
                        >
                            {t.kind_phrases().cancel}
                        </button>
                    </div>
                </form>
            </Show>
            <Show when=move || confirming.get()>
                <Confirm
                    title=t.kind_phrases().confirm_title
                    body=t.kind_phrases().confirm_body
                    confirm_label=t.kind_phrases().confirm_yes
                    cancel_label=t.kind_phrases().confirm_no
                    on_confirm=delete
                    on_cancel=Callback::new(move |_| confirming.set(false))
                />
            </Show>
        </li>
    }
}

/// The home screen's gentle cards: the pinned phrases, then the words the
/// person wrote for their younger self. Nothing at all when there are none.
#[component]
pub fn ThingsToHoldOnTo() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let cards = Memo::new(move |_| {
        let own: Vec<(String, OwnPhrase)> = app
            .all::<OwnPhrase>()
            .into_iter()
            .map(|(id, p, _)| (id, p))
            .collect();
        let phrases: Vec<String> = pins(app)
            .resolve(t, &own)
            .into_iter()
            .map(|(_, w)| w)
            .collect();
        let reflections: Vec<(String, Reflection)> = app
            .all::<Reflection>()
            .into_iter()
            .map(|(id, r, _)| (id, r))
            .collect();
        let needed = inner_child::home_cards(&reflections);
        (phrases, needed)
    });
    move || {
        let (phrases, needed) = cards.get();
        (!phrases.is_empty() || !needed.is_empty()).then(|| {
            view! {
                <section class="hold" aria-labelledby="hold-heading">
                    <h2 class="section-heading" id="hold-heading">{t.kind_phrases().home_heading}</h2>
                    <ul class="hold-list">
                        {phrases
                            .into_iter()
                            .map(|w| {
                                view! {
                                    <li class="hold-card phrase-card">
                                        <p class="hold-words">{w}</p>
                                    </li>
                                }
                            })
                            .collect_view()}
                        {needed
                            .into_iter()
                            .map(|(id, w)| {
                                view! {
                                    <li class="hold-card needed-card">
                                        <p class="hold-label">
                                            <a href=href(&format!("/inner-child/reflect/{id}"))>
                                                {t.kind_phrases().home_needed_label}
                                            </a>
                                        </p>
                                        <p class="hold-words">{w}</p>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                    <a href=href("/phrases") class="small hold-manage">{t.kind_phrases().home_manage}</a>
                </section>
            }
        })
    }
}
