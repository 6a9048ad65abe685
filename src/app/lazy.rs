//! Pages fetched the first time someone opens one of them. Their code is
//! one piece of WebAssembly, cut off after the build (xtask/src/split.rs)
//! and kept by the service worker, so the home screen starts without
//! waiting for it.
//!
//! When that piece cannot be fetched (offline before the app was fully
//! saved on the phone), the page says so and offers to try again, instead of
//! the whole app stopping.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;
use leptos::wasm_split::SplitLoaderError;

use crate::app::{href, use_app};
use crate::components::page_title::PageTitle;

/// Loads a split-off page's code and builds the page.
pub type LoadPage = fn() -> Pin<Box<dyn Future<Output = Result<AnyView, SplitLoaderError>>>>;

/// A route whose page is split off:
/// `lazy_page!(Route, load_fn_name, path::to::Page)`. The load function's
/// name must be unique. With the `split` feature (the app's build, see
/// `index.html`) every load function is a split point into the one module
/// `pages`; without it (the browser tests) it is a plain function, so no
/// test build imports a module that only the split provides.
macro_rules! lazy_page {
    ($route:ident, $load:ident, $page:path) => {
        #[derive(Debug)]
        pub struct $route;

        #[cfg_attr(
            feature = "split",
            leptos::wasm_split::wasm_split(pages, wasm_split_path = ::leptos::wasm_split, fallible)
        )]
        fn $load() -> Result<AnyView, SplitLoaderError> {
            Ok(view! { <$page/> }.into_any())
        }

        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_this: Self) -> AnyView {
                #[cfg(feature = "split")]
                let load: LoadPage = || Box::pin($load());
                #[cfg(not(feature = "split"))]
                let load: LoadPage = || Box::pin(async { $load() });
                open(load).await
            }
        }
    };
}

/// The page, or what to say when its code could not be fetched.
pub async fn open(load: LoadPage) -> AnyView {
    match load().await {
        Ok(page) => page,
        Err(_) => view! { <PageDidNotLoad load/> }.into_any(),
    }
}

/// "This page couldn't open", with a way to try again in place (a reload
/// would lose the app itself when offline) and a way home.
#[component]
fn PageDidNotLoad(load: LoadPage) -> impl IntoView {
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
                match load().await {
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

lazy_page!(Data, data_page, crate::pages::data::DataPage);
lazy_page!(
    ThoughtHistory,
    thought_history_page,
    crate::pages::thought_record::ThoughtHistoryPage
);
lazy_page!(
    ThoughtRecordFlow,
    thought_record_flow_page,
    crate::pages::thought_record::ThoughtRecordFlowPage
);
lazy_page!(
    ThoughtRecordView,
    thought_record_view_page,
    crate::pages::thought_record::ThoughtRecordViewPage
);
lazy_page!(
    Feelings,
    feelings_page,
    crate::pages::feelings::FeelingsPage
);
lazy_page!(Journal, journal_page, crate::pages::journal::JournalPage);
lazy_page!(
    JournalEntry,
    journal_entry_page,
    crate::pages::journal::JournalEntryPage
);
lazy_page!(
    Understand,
    understand_page,
    crate::pages::understand::UnderstandPage
);
lazy_page!(
    WorthCheck,
    worth_check_page,
    crate::pages::understand::WorthCheckPage
);
lazy_page!(Reading, reading_page, crate::pages::understand::ReadingPage);
lazy_page!(
    Breathing,
    breathing_page,
    crate::pages::breathing::BreathingPage
);
lazy_page!(
    Grounding,
    grounding_page,
    crate::pages::grounding::GroundingPage
);
lazy_page!(
    Movement,
    movement_page,
    crate::pages::movement::MovementPage
);
lazy_page!(Goals, goals_page, crate::pages::micro_goals::GoalsPage);
lazy_page!(
    Measures,
    measures_page,
    crate::pages::measures::MeasuresPage
);
lazy_page!(People, people_page, crate::pages::reconnection::PeoplePage);
lazy_page!(
    Progress,
    progress_page,
    crate::pages::progress::ProgressPage
);
lazy_page!(
    MeasureForm,
    measure_form_page,
    crate::pages::measures::MeasureFormPage
);
lazy_page!(
    SoloTime,
    solo_time_page,
    crate::pages::solo_time::SoloTimePage
);
lazy_page!(
    OpeningUp,
    opening_up_page,
    crate::pages::opening_up::OpeningUpPage
);
lazy_page!(
    Boundaries,
    boundaries_page,
    crate::pages::boundaries::BoundariesPage
);
lazy_page!(
    CompassionBreak,
    compassion_break_page,
    crate::pages::compassion_break::CompassionBreakPage
);
lazy_page!(
    FriendView,
    friend_view_page,
    crate::pages::friend_view::FriendViewPage
);
lazy_page!(
    Letters,
    letters_page,
    crate::pages::compassionate_letter::LettersPage
);
lazy_page!(
    Letter,
    letter_page,
    crate::pages::compassionate_letter::LetterPage
);
lazy_page!(
    InnerChild,
    inner_child_page,
    crate::pages::inner_child::InnerChildPage
);
lazy_page!(
    Reflection,
    reflection_page,
    crate::pages::inner_child::ReflectionPage
);
lazy_page!(
    Dialogue,
    dialogue_page,
    crate::pages::inner_child::DialoguePage
);
lazy_page!(
    KindPhrases,
    kind_phrases_page,
    crate::pages::kind_phrases::KindPhrasesPage
);
lazy_page!(
    Reminders,
    reminders_page,
    crate::pages::reminders::RemindersPage
);
