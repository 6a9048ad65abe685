//! The shell: router, header with the crisis link, storage and update
//! notices, bottom navigation. Pages live in `crate::pages`.

pub mod state;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::browser;
use crate::components::icons::{Icon, IconKind};
use crate::components::notices::{StorageNotice, UpdateNotice};
use crate::content;
use crate::pages::{data::DataPage, help::HelpPage, home::HomePage, not_found::NotFoundPage};
pub use state::{use_app, AppState};

/// Mounts the app on `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    mount_to_body(App);
}

/// The whole app: state, router and shell.
#[component]
pub fn App() -> impl IntoView {
    let text = content::for_language(&browser::language());
    browser::set_document_language(text.lang);
    let state = AppState::open(text);
    provide_context(state);
    view! {
        <Router base=browser::base_path()>
            <Shell/>
        </Router>
    }
}

/// Header, notices, the routed page and the navigation bar.
#[component]
fn Shell() -> impl IntoView {
    let t = use_app().text;
    let location = use_location();
    // Move focus to the new page's heading after in-app navigation, so screen
    // readers announce it; not on the first load.
    let first = StoredValue::new(true);
    Effect::new(move |_| {
        location.pathname.track();
        if first.get_value() {
            first.set_value(false);
        } else {
            browser::focus_main_heading();
        }
    });
    view! {
        <a class="skip-link" href="#main">{t.app_skip_link}</a>
        <header class="app-header">
            <A href="/" attr:class="brand">
                <Icon kind=IconKind::Logo/>
                <span>{t.app_name}</span>
            </A>
            <A href="/help" attr:class="crisis-button" attr:aria-label=t.app_crisis_button_label>
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
            </Routes>
        </main>
        <nav class="app-nav" aria-label=t.app_nav_label>
            <A href="/" exact=true>
                <Icon kind=IconKind::Home/>
                <span>{t.app_nav_home}</span>
            </A>
            <A href="/data">
                <Icon kind=IconKind::Shield/>
                <span>{t.app_nav_data}</span>
            </A>
            <A href="/help">
                <Icon kind=IconKind::Lifebuoy/>
                <span>{t.app_nav_help}</span>
            </A>
        </nav>
    }
}
