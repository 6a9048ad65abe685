//! "Understand": the list of readings, one reading with its reflection, and
//! the "what is my worth leaning on?" self-check.

use leptos::prelude::*;

use crate::app::router::param;
use crate::app::{href, use_app};
use crate::browser::Debounce;
use crate::components::page_title::PageTitle;
use crate::components::rating::RatingSlider;
use crate::content::{fill, Text};
use crate::domain::time;
use crate::domain::understand::{
    pull, Leaning, Pull, Reading, ReadingNotes, ReadingPrefs, Suggestion, WorthCheck, MAX_PULL,
    QUESTIONS, TEXT_SIZES,
};

/// The words of one reading.
struct ReadingText {
    title: &'static str,
    minutes: &'static str,
    summary: &'static str,
    body: &'static str,
    questions: [&'static str; QUESTIONS],
    practice_button: &'static str,
    sources: &'static str,
}

fn reading_text(t: &'static Text, r: Reading) -> ReadingText {
    // Every reading's file has the same keys (build.rs makes a struct of
    // each file, so they are different types with the same fields).
    macro_rules! words {
        ($file:expr) => {{
            let w = $file;
            ReadingText {
                title: w.title,
                minutes: w.minutes,
                summary: w.summary,
                body: w.body,
                questions: [w.question_1, w.question_2],
                practice_button: w.practice_button,
                sources: w.sources,
            }
        }};
    }
    match r {
        Reading::Origins => words!(t.read_origins()),
        Reading::Achievement => words!(t.read_achievement()),
        Reading::Approval => words!(t.read_approval()),
        Reading::Repeated => words!(t.read_repeated()),
        Reading::Spillover => words!(t.read_spillover()),
        Reading::Helps => words!(t.read_helps()),
        Reading::Setbacks => words!(t.read_setbacks()),
    }
}

fn leaning_label(t: &'static Text, l: Leaning) -> &'static str {
    match l {
        Leaning::Achievement => t.understand().leaning_achievement,
        Leaning::BeingNeeded => t.understand().leaning_being_needed,
        Leaning::Approval => t.understand().leaning_approval,
        Leaning::Looks => t.understand().leaning_looks,
        Leaning::Comparison => t.understand().leaning_comparison,
    }
}

fn pull_label(t: &'static Text, rating: u8) -> &'static str {
    match pull(rating) {
        Pull::Light => t.understand().pull_light,
        Pull::Some => t.understand().pull_some,
        Pull::Strong => t.understand().pull_strong,
    }
}

fn suggestion_label(t: &'static Text, s: Suggestion) -> &'static str {
    match s {
        Suggestion::ReadOrigins => t.understand().suggestion_read_origins,
        Suggestion::ReadAchievement => t.understand().suggestion_read_achievement,
        Suggestion::ReadApproval => t.understand().suggestion_read_approval,
        Suggestion::ReadRepeated => t.understand().suggestion_read_repeated,
        Suggestion::ThoughtRecord => t.understand().suggestion_thought_record,
        Suggestion::Journal => t.understand().suggestion_journal,
        Suggestion::FeelingsCheckIn => t.understand().suggestion_feelings,
    }
}

/// Paragraphs of a reading: blank lines separate them; a paragraph whose
/// lines all start with "- " is a list.
fn paragraphs(body: &'static str) -> impl IntoView {
    body.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            if p.lines().all(|l| l.trim_start().starts_with("- ")) {
                let items = p
                    .lines()
                    .map(|l| l.trim_start().trim_start_matches("- ").to_string())
                    .map(|l| view! { <li>{l}</li> })
                    .collect_view();
                view! { <ul>{items}</ul> }.into_any()
            } else {
                view! { <p>{p.to_string()}</p> }.into_any()
            }
        })
        .collect_view()
}

/// The list of readings and the self-check card.
#[component]
pub fn UnderstandPage() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let notes = move |r: Reading| app.get::<ReadingNotes>(r.id()).unwrap_or_default();
    let read_count = move || Reading::ALL.iter().filter(|r| notes(**r).is_read()).count();
    let last_check = move || {
        app.all::<WorthCheck>()
            .into_iter()
            .map(|(_, c, _)| c)
            .max_by_key(|c| c.at)
    };
    view! {
        <section class="page understand" aria-labelledby="understand-title">
            <PageTitle id="understand-title" text=t.understand().title.to_string()/>
            <p class="lead">{t.understand().intro}</p>
            <div class="card today">
                <h2>{t.understand().check_card_title}</h2>
                <p>{t.understand().check_card_body}</p>
                {move || {
                    last_check()
                        .map(|c| {
                            let date = c.at.format("%-d %B %Y").to_string();
                            view! { <p class="small">{fill(t.understand().check_card_last, &[("date", &date)])}</p> }
                        })
                }}
                <a href=href("/understand/check") class="button">
                    {move || {
                        if last_check().is_some() {
                            t.understand().check_card_again
                        } else {
                            t.understand().check_card_start
                        }
                    }}
                </a>
            </div>
            <h2>{t.understand().list_heading}</h2>
            <p class="small">
                {move || {
                    fill(
                        t.understand().progress,
                        &[("read", &read_count().to_string()), ("total", &Reading::ALL.len().to_string())],
                    )
                }}
            </p>
            <ul class="practice-list">
                {Reading::ALL
                    .into_iter()
                    .map(|r| {
                        let words = reading_text(t, r);
                        let status = move || {
                            let n = notes(r);
                            if n.is_read() {
                                t.understand().read
                            } else if n.later {
                                t.understand().later
                            } else {
                                t.understand().not_read
                            }
                        };
                        view! {
                            <li>
                                <a href=href(&format!("/understand/{}", r.id())) class="practice">
                                    <span class="practice-title">{words.title}</span>
                                    <span class="practice-blurb">{words.summary}</span>
                                    <span class="reading-meta">
                                        <span>{fill(t.understand().minutes, &[("n", words.minutes)])}</span>
                                        <span class="badge" class:done=move || notes(r).is_read()>
                                            {status}
                                        </span>
                                    </span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// One reading: size control, text, sources, reflection and the way into practice.
#[component]
pub fn ReadingPage() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let reading = Reading::from_id(&param("id"));
    let reading = move || reading;
    view! {
        {move || match reading() {
            Some(r) => view! { <ReadingView reading=r/> }.into_any(),
            None => {
                view! {
                    <section class="page" aria-labelledby="reading-missing">
                        <PageTitle id="reading-missing" text=t.understand().title.to_string()/>
                        <p>{t.understand().reading_not_found}</p>
                        <a href=href("/understand") class="button">{t.understand().back}</a>
                    </section>
                }
                    .into_any()
            }
        }}
    }
}

#[component]
fn ReadingView(reading: Reading) -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let words = reading_text(t, reading);
    let notes = RwSignal::new(app.get::<ReadingNotes>(reading.id()).unwrap_or_default());
    let size = RwSignal::new(
        app.get::<ReadingPrefs>(ReadingPrefs::ID)
            .map_or(0, |p| p.text_size.min(TEXT_SIZES - 1)),
    );
    let saved = RwSignal::new(false);
    let debounce = Debounce::new();
    let save_now = move || {
        let _ = app.save(reading.id(), &notes.get_untracked());
        saved.set(true);
    };
    let resize = move |delta: i8| {
        let next = (size.get_untracked() as i8 + delta).clamp(0, TEXT_SIZES as i8 - 1) as u8;
        size.set(next);
        let _ = app.save(ReadingPrefs::ID, &ReadingPrefs { text_size: next });
    };
    let toggle_read = move |_| {
        notes.update(|n| {
            if n.is_read() {
                n.read_at = None;
            } else {
                n.mark_read(time::now());
            }
        });
        save_now();
    };
    let toggle_later = move |_| {
        notes.update(|n| n.later = !n.later);
        save_now();
    };
    let follow = move |_| {
        notes.update(|n| n.mark_read(time::now()));
        save_now();
    };
    on_cleanup(move || {
        if saved.get_untracked() {
            let _ = app.save(reading.id(), &notes.get_untracked());
        }
    });
    let questions = words
        .questions
        .into_iter()
        .enumerate()
        .map(|(i, q)| {
            let id = format!("reflection-{i}");
            view! {
                <div class="field">
                    <label for=id.clone()>{q}</label>
                    <textarea
                        id=id
                        prop:value=notes.with_untracked(|n| n.answer(i).to_string())
                        on:input=move |ev| {
                            let text = event_target_value(&ev);
                            notes.update(|n| n.set_answer(i, &text));
                            saved.set(false);
                            debounce.call(save_now);
                        }
                        on:blur=move |_| save_now()
                    ></textarea>
                </div>
            }
        })
        .collect_view();
    view! {
        <article class="page reading" aria-labelledby="reading-title">
            <a href=href("/understand") class="back-link">{t.understand().back}</a>
            <PageTitle id="reading-title" text=words.title.to_string()/>
            <div class="reading-tools">
                <span class="small">{fill(t.understand().minutes, &[("n", words.minutes)])}</span>
                <div class="size-control" role="group" aria-label=t.understand().reading_text_size>
                    <button
                        type="button"
                        class="button secondary"
                        prop:disabled=move || size.get() == 0
                        on:click=move |_| resize(-1)
                    >
                        <span aria-hidden="true">"A−"</span>
                        <span class="visually-hidden">{t.understand().reading_smaller}</span>
                    </button>
                    <button
                        type="button"
                        class="button secondary"
                        prop:disabled=move || { size.get() + 1 >= TEXT_SIZES }
                        on:click=move |_| resize(1)
                    >
                        <span aria-hidden="true">"A+"</span>
                        <span class="visually-hidden">{t.understand().reading_larger}</span>
                    </button>
                </div>
            </div>
            <div class=move || format!("reading-body size-{}", size.get())>{paragraphs(words.body)}</div>
            <p class="small sources">
                <strong>{t.understand().reading_sources}": "</strong>
                {words.sources}
            </p>
            <div class="card">
                <h2>{t.understand().reading_reflect_heading}</h2>
                <p class="hint">{t.understand().reading_reflect_hint}</p>
                {questions}
                <p class="status" role="status">
                    {move || saved.get().then_some(t.understand().reading_saved)}
                </p>
            </div>
            <div class="card">
                <h2>{t.understand().reading_next_step}</h2>
                <a href=href(reading.practice()) class="button" on:click=follow>
                    {words.practice_button}
                </a>
                <div class="actions">
                    <button type="button" class="button secondary" aria-pressed=move || notes.with(|n| n.is_read()).to_string() on:click=toggle_read>
                        {move || if notes.with(|n| n.is_read()) { t.understand().reading_mark_unread } else { t.understand().reading_mark_read }}
                    </button>
                    <button type="button" class="button secondary" aria-pressed=move || notes.with(|n| n.later).to_string() on:click=toggle_later>
                        {move || if notes.with(|n| n.later) { t.understand().reading_unmark_later } else { t.understand().reading_read_later }}
                    </button>
                </div>
                <Show when=move || notes.with(|n| n.is_read())>
                    <p class="success">{t.understand().reading_marked_read}</p>
                </Show>
            </div>
        </article>
    }
}

/// The self-check: rate five pulls, see the picture, compare with last time.
#[component]
pub fn WorthCheckPage() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let ratings: Vec<RwSignal<u8>> = Leaning::ALL.iter().map(|_| RwSignal::new(0)).collect();
    let result = RwSignal::new(None::<WorthCheck>);
    let history = move || {
        let mut all: Vec<WorthCheck> = app
            .all::<WorthCheck>()
            .into_iter()
            .map(|(_, c, _)| c)
            .collect();
        crate::domain::order::sort_by_key(&mut all, |c| c.at);
        all
    };
    let sliders = Leaning::ALL
        .into_iter()
        .zip(ratings.iter().copied())
        .map(|(l, value)| {
            view! {
                <RatingSlider
                    id=format!("pull-{}", Leaning::ALL.iter().position(|x| *x == l).unwrap_or(0))
                    label=leaning_label(t, l).to_string()
                    value
                    max=MAX_PULL
                    step=1
                    low=t.understand().check_none
                    high=t.understand().check_very
                />
            }
        })
        .collect_view();
    let ratings_for_save = ratings.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let check = WorthCheck {
            at: time::now(),
            ratings: ratings_for_save.iter().map(|r| r.get_untracked()).collect(),
        };
        let _ = app.save(&crate::browser::new_id(), &check);
        result.set(Some(check));
        crate::browser::focus_main_heading();
    };
    view! {
        <section class="page worth-check" aria-labelledby="check-title">
            <a href=href("/understand") class="back-link">{t.understand().back}</a>
            <PageTitle id="check-title" text=t.understand().check_title.to_string()/>
            <Show
                when=move || result.with(Option::is_some)
                fallback=move || {
                    view! {
                        <p class="lead">{t.understand().check_intro}</p>
                        <p class="disclaimer">{t.understand().check_not_a_test}</p>
                    }
                }
            >
                {move || result.get().map(|c| view! { <CheckResult check=c earlier=history()/> })}
                <div class="actions">
                    <button type="button" class="button secondary" on:click=move |_| result.set(None)>
                        {t.understand().check_retake}
                    </button>
                </div>
            </Show>
            <form class="card" on:submit=save prop:hidden=move || result.with(Option::is_some)>
                {sliders}
                <div class="actions">
                    <button type="submit" class="button">{t.understand().check_save}</button>
                </div>
            </form>
            <p class="small">
                {move || fill(t.understand().check_history, &[("count", &history().len().to_string())])}
            </p>
        </section>
    }
}

/// The picture of one result, its meaning, suggestions, and the change since
/// the check before it.
#[component]
fn CheckResult(check: WorthCheck, earlier: Vec<WorthCheck>) -> impl IntoView {
    let t = use_app().text;
    let previous = earlier.into_iter().rev().find(|c| c.at < check.at);
    let strongest = check.strongest();
    let summary = if strongest.is_empty() {
        t.understand().check_result_light.to_string()
    } else {
        let names: Vec<&str> = strongest
            .iter()
            .take(2)
            .map(|l| leaning_label(t, *l))
            .collect();
        fill(
            t.understand().check_result_strong,
            &[("areas", &names.join(", "))],
        )
    };
    let row = 66.0;
    let bar_y = 22.0;
    let bar_height = 16.0;
    let width = 300.0;
    let height = row * Leaning::ALL.len() as f64;
    let described: Vec<String> = Leaning::ALL
        .iter()
        .map(|l| format!("{} {}/10", leaning_label(t, *l), check.rating(*l)))
        .collect();
    let bars = Leaning::ALL
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let r = check.rating(l);
            let y = i as f64 * row;
            let w = width * f64::from(r) / f64::from(MAX_PULL);
            view! {
                <text class="bar-label" x="0" y=y + 16.0>{leaning_label(t, l)}</text>
                <text class="bar-value" x="0" y=y + 54.0>
                    {format!("{r}/10 · {}", pull_label(t, r))}
                </text>
                <rect class="bar-track" x="0" y=y + bar_y width=width height=bar_height rx="8"/>
                <rect class="bar" x="0" y=y + bar_y width=w height=bar_height rx="8"/>
            }
        })
        .collect_view();
    let suggestions = check
        .suggestions()
        .into_iter()
        .map(|s| view! { <li><a href=href(s.path()) class="button secondary">{suggestion_label(t, s)}</a></li> })
        .collect_view();
    let has_suggestions = !check.suggestions().is_empty();
    let comparison = previous.map(|p| {
        let date = p.at.format("%-d %B").to_string();
        let rows = check
            .change_since(&p)
            .into_iter()
            .map(|(l, delta)| {
                let word = match delta {
                    d if d > 0 => t.understand().check_more,
                    d if d < 0 => t.understand().check_less,
                    _ => t.understand().check_same,
                };
                view! {
                    <tr>
                        <th scope="row">{leaning_label(t, l)}</th>
                        <td>{p.rating(l)}</td>
                        <td>{format!("{} ({word})", check.rating(l))}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="card">
                <h2>{fill(t.understand().check_compare_heading, &[("date", &date)])}</h2>
                <table class="compare">
                    <thead>
                        <tr>
                            <th scope="col">{t.understand().check_compare_area}</th>
                            <th scope="col">{t.understand().check_compare_before}</th>
                            <th scope="col">{t.understand().check_compare_now}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    });
    view! {
        <div class="card" role="status">
            <h2>{t.understand().check_result_heading}</h2>
            <svg
                class="pull-bars"
                viewBox=format!("0 0 {width} {height}")
                role="img"
                aria-label=described.join("; ")
            >
                {bars}
            </svg>
            <p><strong>{summary}</strong></p>
            <p>{t.understand().check_result_explain}</p>
            <p class="small">{t.understand().check_not_a_test}</p>
        </div>
        {has_suggestions.then(|| view! {
            <div class="card">
                <h2>{t.understand().check_suggest_heading}</h2>
                <ul class="suggestions">{suggestions}</ul>
            </div>
        })}
        {comparison}
    }
}
