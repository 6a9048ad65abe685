//! The shell: header with the crisis link, storage and update notices, the
//! page for the address (`router`), bottom navigation. Pages live in
//! `crate::pages`.

pub mod history;
mod lazy;
pub mod router;
pub mod state;

use leptos::prelude::*;

use crate::browser;
use crate::browser::vault;
use crate::components::icons::{Icon, IconKind};
use crate::components::notices::UpdateNotice;
use crate::content;
use crate::pages::discretion::{Brand, QuickExitButton};
use crate::pages::practices::PracticesPage;
use crate::pages::vault::LockScreen;
use crate::pages::{help::HelpPage, home::HomePage, not_found::NotFoundPage};
use crate::routes::Page;
use history::{FromHistory, Part};
use router::{CurrentPage, NavLink};
pub use state::{use_app, AppState};

thread_local! {
    static BASE: String = browser::base_path();
}

/// An in-app path such as `/help` with the public URL's prefix, for links.
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
    let Some(lock) = vault::lock_text() else {
        provide_context(AppState::open(text));
        return view! { <Routed/> }.into_any();
    };
    let state = RwSignal::new(None::<AppState>);
    let opened = Callback::new(move |app: AppState| state.set(Some(app)));
    let lock = StoredValue::new_local(lock);
    view! {
        {move || match state.get() {
            Some(app) => {
                provide_context(app);
                view! { <Routed/> }.into_any()
            }
            None => view! { <LockScreen text lock=lock.get_value() opened/> }.into_any(),
        }}
    }
    .into_any()
}

/// The router and the shell, once the app state is provided.
#[component]
fn Routed() -> impl IntoView {
    provide_context(router::Router::start(BASE.with(Clone::clone)));
    crate::browser::drafts::keep_drafts_when_leaving();
    view! { <Shell/> }
}

/// A page whose code comes with the first screen.
fn first_screen_page(page: Page) -> AnyView {
    match page {
        Page::Home => view! { <HomePage/> }.into_any(),
        Page::Help => view! { <HelpPage/> }.into_any(),
        Page::Practices => view! { <PracticesPage/> }.into_any(),
        _ => view! { <NotFoundPage/> }.into_any(),
    }
}

/// Header, notices, the page and the navigation bar. While the next page
/// is on its way (its code is fetched on the first visit) the main area is
/// marked busy and, if it takes a moment, a quiet "Opening…" shows (CSS
/// waits before showing it, so a quick change never flashes it).
#[component]
fn Shell() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    let routing = router::use_router().routing();
    view! {
        <a class="skip-link" href="#main">{t.app().skip_link}</a>
        <header class="app-header">
            <a href=href("/") class="brand">
                <Brand/>
            </a>
            <QuickExitButton text=t/>
            <a href=href("/help") class="crisis-button" aria-label=t.app().crisis_button_label>
                <Icon kind=IconKind::Lifebuoy/>
                <span>{t.app().crisis_button}</span>
            </a>
        </header>
        <div class="notices">
            <Show when=move || app.opened.get()>
                <FromHistory part=Part::StorageNotice/>
            </Show>
            <UpdateNotice/>
        </div>
        <p class="opening" class:on=routing aria-hidden="true">{t.app().opening}</p>
        <main id="main" tabindex="-1" aria-busy=move || routing.get().then_some("true")>
            <CurrentPage/>
        </main>
        <nav class="app-nav" aria-label=t.app().nav_label>
            <NavLink to="/" exact=true>
                <Icon kind=IconKind::Home/>
                <span>{t.app().nav_home}</span>
            </NavLink>
            <NavLink to="/practices">
                <Icon kind=IconKind::Leaf/>
                <span>{t.app().nav_practices}</span>
            </NavLink>
            <NavLink to="/progress">
                <Icon kind=IconKind::Path/>
                <span>{t.app().nav_progress}</span>
            </NavLink>
            <NavLink to="/data">
                <Icon kind=IconKind::Shield/>
                <span>{t.app().nav_data}</span>
            </NavLink>
            <NavLink to="/help">
                <Icon kind=IconKind::Lifebuoy/>
                <span>{t.app().nav_help}</span>
            </NavLink>
        </nav>
    }
}
