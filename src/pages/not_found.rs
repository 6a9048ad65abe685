//! Shown for any address the app does not know.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::app::use_app;

/// "This page isn't here", with a way home.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let t = use_app().text;
    view! {
        <section class="page">
            <h1 tabindex="-1">{t.app_not_found_title}</h1>
            <p>{t.app_not_found_body}</p>
            <A href="/" attr:class="button">{t.app_not_found_home}</A>
        </section>
    }
}
