//! The shell: router, header with the crisis link, storage and update
//! notices, bottom navigation. Pages live in `crate::pages`.

pub mod state;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

use crate::browser;
use crate::browser::vault;
use crate::components::icons::{Icon, IconKind};
use crate::components::notices::{StorageNotice, UpdateNotice};
use crate::content;
use crate::pages::boundaries::BoundariesPage;
use crate::pages::breathing::BreathingPage;
use crate::pages::compassion_break::CompassionBreakPage;
use crate::pages::compassionate_letter::{LetterPage, LettersPage};
use crate::pages::discretion::{Brand, QuickExitButton};
use crate::pages::feelings::FeelingsPage;
use crate::pages::friend_view::FriendViewPage;
use crate::pages::grounding::GroundingPage;
use crate::pages::inner_child::{DialoguePage, InnerChildPage, ReflectionPage};
use crate::pages::journal::{JournalEntryPage, JournalPage};
use crate::pages::kind_phrases::KindPhrasesPage;
use crate::pages::measures::{MeasureFormPage, MeasuresPage};
use crate::pages::micro_goals::GoalsPage;
use crate::pages::movement::MovementPage;
use crate::pages::opening_up::OpeningUpPage;
use crate::pages::practices::PracticesPage;
use crate::pages::progress::ProgressPage;
use crate::pages::reconnection::PeoplePage;
use crate::pages::reminders::RemindersPage;
use crate::pages::solo_time::SoloTimePage;
use crate::pages::thought_record::{
    ThoughtHistoryPage, ThoughtRecordFlowPage, ThoughtRecordViewPage,
};
use crate::pages::understand::{ReadingPage, UnderstandPage, WorthCheckPage};
use crate::pages::vault::LockScreen;
use crate::pages::{data::DataPage, help::HelpPage, home::HomePage, not_found::NotFoundPage};
pub use state::{use_app, AppState};

thread_local! {
    static BASE: String = browser::base_path();
}

/// An in-app path such as `/help` with the public URL's prefix, for links.
/// (The router adds its base when matching, but links keep absolute hrefs
/// as written.)
pub fn href(path: &str) -> String {
    BASE.with(|base| format!("{base}{path}"))
}

/// Mounts the app on `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    // Back after "Leave quickly": straight back to the neutral page.
    if browser::privacy::came_back_after_leaving() {
        browser::privacy::leave_for_neutral_page();
        return;
    }
    browser::privacy::leave_again_if_restored();
    browser::privacy::keep_install_offer();
    mount_to_body(App);
}

/// The whole app: state, router and shell; with the passphrase lock on,
/// the lock screen until the right passphrase opens the store.
#[component]
pub fn App() -> impl IntoView {
    let text = content::for_language(&browser::language());
    browser::set_document_language(text.lang);
    let stored = vault::stored_lock();
    if matches!(stored, vault::Stored::None) {
        provide_context(AppState::open(text));
        return view! { <Routed/> }.into_any();
    }
    let state = RwSignal::new(None::<AppState>);
    let opened = Callback::new(move |()| {
        state.set(Some(AppState::open_unlocked(text)));
    });
    let stored = StoredValue::new_local(stored);
    view! {
        {move || match state.get() {
            Some(app) => {
                provide_context(app);
                view! { <Routed/> }.into_any()
            }
            None => view! { <LockScreen text stored=stored.get_value() opened/> }.into_any(),
        }}
    }
    .into_any()
}

/// The router and the shell, once the app state is provided.
#[component]
fn Routed() -> impl IntoView {
    view! {
        <Router base=BASE.with(Clone::clone)>
            <Shell/>
        </Router>
    }
}

/// Header, notices, the routed page and the navigation bar.
#[component]
fn Shell() -> impl IntoView {
    let t = use_app().text;
    view! {
        <a class="skip-link" href="#main">{t.app_skip_link}</a>
        <header class="app-header">
            <A href=href("/") attr:class="brand">
                <Brand/>
            </A>
            <QuickExitButton text=t/>
            <A href=href("/help") attr:class="crisis-button" attr:aria-label=t.app_crisis_button_label>
                <Icon kind=IconKind::Lifebuoy/>
                <span>{t.app_crisis_button}</span>
            </A>
        </header>
        <div class="notices">
            <StorageNotice/>
            <UpdateNotice/>
        </div>
        <main id="main" tabindex="-1">
            <Routes fallback=|| view! { <NotFoundPage/> }>
                <Route path=path!("/") view=HomePage/>
                <Route path=path!("/help") view=HelpPage/>
                <Route path=path!("/data") view=DataPage/>
                <Route path=path!("/practices") view=PracticesPage/>
                <Route path=path!("/thoughts") view=ThoughtHistoryPage/>
                <Route path=path!("/thoughts/new") view=ThoughtRecordFlowPage/>
                <Route path=path!("/thoughts/:id") view=ThoughtRecordViewPage/>
                <Route path=path!("/thoughts/:id/edit") view=ThoughtRecordFlowPage/>
                <Route path=path!("/feelings") view=FeelingsPage/>
                <Route path=path!("/journal") view=JournalPage/>
                <Route path=path!("/journal/:id") view=JournalEntryPage/>
                <Route path=path!("/understand") view=UnderstandPage/>
                <Route path=path!("/understand/check") view=WorthCheckPage/>
                <Route path=path!("/understand/:id") view=ReadingPage/>
                <Route path=path!("/breathe") view=BreathingPage/>
                <Route path=path!("/grounding") view=GroundingPage/>
                <Route path=path!("/movement") view=MovementPage/>
                <Route path=path!("/goals") view=GoalsPage/>
                <Route path=path!("/measures") view=MeasuresPage/>
                <Route path=path!("/people") view=PeoplePage/>
                <Route path=path!("/progress") view=ProgressPage/>
                <Route path=path!("/measures/:scale") view=MeasureFormPage/>
                <Route path=path!("/solo") view=SoloTimePage/>
                <Route path=path!("/opening-up") view=OpeningUpPage/>
                <Route path=path!("/boundaries") view=BoundariesPage/>
                <Route path=path!("/kindness/break") view=CompassionBreakPage/>
                <Route path=path!("/kindness/friend") view=FriendViewPage/>
                <Route path=path!("/kindness/letters") view=LettersPage/>
                <Route path=path!("/kindness/letters/:id") view=LetterPage/>
                <Route path=path!("/inner-child") view=InnerChildPage/>
                <Route path=path!("/inner-child/reflect/:id") view=ReflectionPage/>
                <Route path=path!("/inner-child/:id") view=DialoguePage/>
                <Route path=path!("/phrases") view=KindPhrasesPage/>
                <Route path=path!("/reminders") view=RemindersPage/>
            </Routes>
        </main>
        <nav class="app-nav" aria-label=t.app_nav_label>
            <A href=href("/") exact=true>
                <Icon kind=IconKind::Home/>
                <span>{t.app_nav_home}</span>
            </A>
            <A href=href("/practices")>
                <Icon kind=IconKind::Leaf/>
                <span>{t.app_nav_practices}</span>
            </A>
            <A href=href("/progress")>
                <Icon kind=IconKind::Path/>
                <span>{t.app_nav_progress}</span>
            </A>
            <A href=href("/data")>
                <Icon kind=IconKind::Shield/>
                <span>{t.app_nav_data}</span>
            </A>
            <A href=href("/help")>
                <Icon kind=IconKind::Lifebuoy/>
                <span>{t.app_nav_help}</span>
            </A>
        </nav>
    }
}
