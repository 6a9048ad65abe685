//! Pages fetched the first time someone opens one of them. Their code is
//! one piece of WebAssembly, cut off after the build (xtask/src/split.rs)
//! and kept by the service worker, so the home screen starts without
//! waiting for it.
//!
//! When that piece cannot be fetched (offline before the app was fully
//! saved on the phone), the page says so and offers to try again, instead of
//! the whole app stopping.

use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;
use leptos::wasm_split::SplitLoaderError;

use crate::app::{href, use_app};
use crate::components::page_title::PageTitle;
use crate::routes::Page;

/// Builds a split-off page. With the `split` feature (the app's build, see
/// `index.html`) this is the split point into the module `pages`, so every
/// page it names is cut off with it; without it (the browser tests) it is a
/// plain function, so no test build imports a module only the split makes.
#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(
        pages,
        wasm_split_path = ::leptos::wasm_split,
        preload(fetch_pages),
        fallible
    )
)]
fn page_view(page: Page) -> Result<AnyView, SplitLoaderError> {
    use crate::pages::*;
    Ok(match page {
        Page::Data => view! { <data::DataPage/> }.into_any(),
        Page::ThoughtHistory => view! { <thought_record::ThoughtHistoryPage/> }.into_any(),
        Page::ThoughtRecordFlow => view! { <thought_record::ThoughtRecordFlowPage/> }.into_any(),
        Page::ThoughtRecordView => view! { <thought_record::ThoughtRecordViewPage/> }.into_any(),
        Page::Feelings => view! { <feelings::FeelingsPage/> }.into_any(),
        Page::Journal => view! { <journal::JournalPage/> }.into_any(),
        Page::JournalEntry => view! { <journal::JournalEntryPage/> }.into_any(),
        Page::Understand => view! { <understand::UnderstandPage/> }.into_any(),
        Page::WorthCheck => view! { <understand::WorthCheckPage/> }.into_any(),
        Page::Reading => view! { <understand::ReadingPage/> }.into_any(),
        Page::Breathing => view! { <breathing::BreathingPage/> }.into_any(),
        Page::Grounding => view! { <grounding::GroundingPage/> }.into_any(),
        Page::Movement => view! { <movement::MovementPage/> }.into_any(),
        Page::Goals => view! { <micro_goals::GoalsPage/> }.into_any(),
        Page::Measures => view! { <measures::MeasuresPage/> }.into_any(),
        Page::MeasureForm => view! { <measures::MeasureFormPage/> }.into_any(),
        Page::People => view! { <reconnection::PeoplePage/> }.into_any(),
        Page::Progress => view! { <progress::ProgressPage/> }.into_any(),
        Page::SoloTime => view! { <solo_time::SoloTimePage/> }.into_any(),
        Page::OpeningUp => view! { <opening_up::OpeningUpPage/> }.into_any(),
        Page::Boundaries => view! { <boundaries::BoundariesPage/> }.into_any(),
        Page::CompassionBreak => view! { <compassion_break::CompassionBreakPage/> }.into_any(),
        Page::FriendView => view! { <friend_view::FriendViewPage/> }.into_any(),
        Page::Letters => view! { <compassionate_letter::LettersPage/> }.into_any(),
        Page::Letter => view! { <compassionate_letter::LetterPage/> }.into_any(),
        Page::InnerChild => view! { <inner_child::InnerChildPage/> }.into_any(),
        Page::Reflection => view! { <inner_child::ReflectionPage/> }.into_any(),
        Page::Dialogue => view! { <inner_child::DialoguePage/> }.into_any(),
        Page::KindPhrases => view! { <kind_phrases::KindPhrasesPage/> }.into_any(),
        Page::Reminders => view! { <reminders::RemindersPage/> }.into_any(),
        // The first screen's pages are built by the shell, never here.
        Page::Home | Page::Help | Page::Practices | Page::NotFound => {
            view! { <not_found::NotFoundPage/> }.into_any()
        }
    })
}

/// Fetches the pages' code (the first time) and builds `page`.
async fn load(page: Page) -> Result<AnyView, SplitLoaderError> {
    #[cfg(feature = "split")]
    return page_view(page).await;
    #[cfg(not(feature = "split"))]
    return page_view(page);
}

/// Fetches and links the pages' code ahead of the first page opened, once
/// the phone is idle, so that tap only builds the page. Only once the
/// service worker serves the app (on a first visit, when it has taken
/// charge): then the code comes from the phone's own cache, where the worker
/// saved it with the rest of the app, and no more data is spent on it. A
/// failure is forgotten: opening a page tries again.
pub fn get_ready() {
    #[cfg(feature = "split")]
    crate::browser::pwa::when_served(|| {
        crate::browser::when_idle(|| {
            leptos::task::spawn_local(async {
                let _ = fetch_pages().await;
            })
        })
    });
}

/// The page, or what to say when its code could not be fetched.
pub async fn open(page: Page) -> AnyView {
    match load(page).await {
        Ok(view) => view,
        Err(_) => view! { <PageDidNotLoad page/> }.into_any(),
    }
}

/// "This page couldn't open", with a way to try again in place (a reload
/// would lose the app itself when offline) and a way home.
#[component]
fn PageDidNotLoad(page: Page) -> impl IntoView {
    let t = use_app().text;
    let loaded = RwSignal::new_local(None::<AnyView>);
    let trying = RwSignal::new(false);
    let failed_again = RwSignal::new(false);
    // The page is built as its code arrives, under this view's owner (it
    // needs the app's context), and not at all if the person has left.
    let owner = Owner::current().expect("a page is built under the router");
    let retry = move |_| {
        trying.set(true);
        failed_again.set(false);
        let owner = owner.clone();
        owner.with(|| {
            spawn_local_scoped_with_cancellation(async move {
                match load(page).await {
                    Ok(page) => loaded.set(Some(page)),
                    Err(_) => failed_again.set(true),
                }
                trying.set(false);
            })
        });
    };
    move || {
        loaded.track();
        if let Some(page) = loaded.try_update_untracked(Option::take).flatten() {
            return page;
        }
        let retry = retry.clone();
        view! {
            <section class="page" aria-labelledby="page-load-title">
                <PageTitle id="page-load-title" text=t.app().page_load_title.to_string()/>
                <p>{t.app().page_load_body}</p>
                <p role="status">{move || failed_again.get().then_some(t.app().page_load_failed_again)}</p>
                <button class="button" on:click=retry disabled=move || trying.get()>
                    {move || if trying.get() { t.app().page_load_trying } else { t.app().page_load_retry }}
                </button>
                <a href=href("/") class="button secondary">{t.app().page_load_home}</a>
            </section>
        }
        .into_any()
    }
}
