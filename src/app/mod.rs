//! The shell: router, header with the crisis link, storage and update
//! notices, bottom navigation. Pages live in `crate::pages`.

pub mod history;
mod lazy;
pub mod state;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::{path, Lazy};

use crate::browser;
use crate::browser::vault;
use crate::components::icons::{Icon, IconKind};
use crate::components::notices::UpdateNotice;
use crate::content;
use crate::pages::discretion::{Brand, QuickExitButton};
use crate::pages::practices::PracticesPage;
use crate::pages::vault::LockScreen;
use crate::pages::{help::HelpPage, home::HomePage, not_found::NotFoundPage};
use history::{FromHistory, Part};
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
    let opened = Callback::new(move |app: AppState| state.set(Some(app)));
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
    let routing = RwSignal::new(false);
    view! {
        <Router base=BASE.with(Clone::clone) set_is_routing=routing>
            <Shell routing=routing.read_only()/>
        </Router>
    }
}

/// Header, notices, the routed page and the navigation bar. `routing` is
/// true while the next page is on its way (its code is fetched on the first
/// visit): the main area is marked busy and, if it takes a moment, a quiet
/// "Opening…" shows (CSS waits before showing it, so a quick change never
/// flashes it).
#[component]
fn Shell(routing: ReadSignal<bool>) -> impl IntoView {
    let app = use_app();
    let t = app.text;
    view! {
        <a class="skip-link" href="#main">{t.app().skip_link}</a>
        <header class="app-header">
            <A href=href("/") attr:class="brand">
                <Brand/>
            </A>
            <QuickExitButton text=t/>
            <A href=href("/help") attr:class="crisis-button" attr:aria-label=t.app().crisis_button_label>
                <Icon kind=IconKind::Lifebuoy/>
                <span>{t.app().crisis_button}</span>
            </A>
        </header>
        <div class="notices">
            <Show when=move || app.opened.get()>
                <FromHistory part=Part::StorageNotice/>
            </Show>
            <UpdateNotice/>
        </div>
        <p class="opening" class:on=routing aria-hidden="true">{t.app().opening}</p>
        <main id="main" tabindex="-1" aria-busy=move || routing.get().then_some("true")>
            <Routes fallback=|| view! { <NotFoundPage/> }>
                <Route path=path!("/") view=HomePage/>
                <Route path=path!("/help") view=HelpPage/>
                <Route path=path!("/data") view={Lazy::<lazy::Data>::new()}/>
                <Route path=path!("/practices") view=PracticesPage/>
                <Route path=path!("/thoughts") view={Lazy::<lazy::ThoughtHistory>::new()}/>
                <Route path=path!("/thoughts/new") view={Lazy::<lazy::ThoughtRecordFlow>::new()}/>
                <Route path=path!("/thoughts/:id") view={Lazy::<lazy::ThoughtRecordView>::new()}/>
                <Route path=path!("/thoughts/:id/edit") view={Lazy::<lazy::ThoughtRecordFlow>::new()}/>
                <Route path=path!("/feelings") view={Lazy::<lazy::Feelings>::new()}/>
                <Route path=path!("/journal") view={Lazy::<lazy::Journal>::new()}/>
                <Route path=path!("/journal/:id") view={Lazy::<lazy::JournalEntry>::new()}/>
                <Route path=path!("/understand") view={Lazy::<lazy::Understand>::new()}/>
                <Route path=path!("/understand/check") view={Lazy::<lazy::WorthCheck>::new()}/>
                <Route path=path!("/understand/:id") view={Lazy::<lazy::Reading>::new()}/>
                <Route path=path!("/breathe") view={Lazy::<lazy::Breathing>::new()}/>
                <Route path=path!("/grounding") view={Lazy::<lazy::Grounding>::new()}/>
                <Route path=path!("/movement") view={Lazy::<lazy::Movement>::new()}/>
                <Route path=path!("/goals") view={Lazy::<lazy::Goals>::new()}/>
                <Route path=path!("/measures") view={Lazy::<lazy::Measures>::new()}/>
                <Route path=path!("/people") view={Lazy::<lazy::People>::new()}/>
                <Route path=path!("/progress") view={Lazy::<lazy::Progress>::new()}/>
                <Route path=path!("/measures/:scale") view={Lazy::<lazy::MeasureForm>::new()}/>
                <Route path=path!("/solo") view={Lazy::<lazy::SoloTime>::new()}/>
                <Route path=path!("/opening-up") view={Lazy::<lazy::OpeningUp>::new()}/>
                <Route path=path!("/boundaries") view={Lazy::<lazy::Boundaries>::new()}/>
                <Route path=path!("/kindness/break") view={Lazy::<lazy::CompassionBreak>::new()}/>
                <Route path=path!("/kindness/friend") view={Lazy::<lazy::FriendView>::new()}/>
                <Route path=path!("/kindness/letters") view={Lazy::<lazy::Letters>::new()}/>
                <Route path=path!("/kindness/letters/:id") view={Lazy::<lazy::Letter>::new()}/>
                <Route path=path!("/inner-child") view={Lazy::<lazy::InnerChild>::new()}/>
                <Route path=path!("/inner-child/reflect/:id") view={Lazy::<lazy::Reflection>::new()}/>
                <Route path=path!("/inner-child/:id") view={Lazy::<lazy::Dialogue>::new()}/>
                <Route path=path!("/phrases") view={Lazy::<lazy::KindPhrases>::new()}/>
                <Route path=path!("/reminders") view={Lazy::<lazy::Reminders>::new()}/>
            </Routes>
        </main>
        <nav class="app-nav" aria-label=t.app().nav_label>
            <A href=href("/") exact=true>
                <Icon kind=IconKind::Home/>
                <span>{t.app().nav_home}</span>
            </A>
            <A href=href("/practices")>
                <Icon kind=IconKind::Leaf/>
                <span>{t.app().nav_practices}</span>
            </A>
            <A href=href("/progress")>
                <Icon kind=IconKind::Path/>
                <span>{t.app().nav_progress}</span>
            </A>
            <A href=href("/data")>
                <Icon kind=IconKind::Shield/>
                <span>{t.app().nav_data}</span>
            </A>
            <A href=href("/help")>
                <Icon kind=IconKind::Lifebuoy/>
                <span>{t.app().nav_help}</span>
            </A>
        </nav>
    }
}
