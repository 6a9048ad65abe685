//! Shown for any address the app does not know.

use leptos::prelude::*;

use crate::app::{href, use_app};
use crate::components::page_title::PageTitle;

/// "This page isn't here", with a way home.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let t = use_app().text;
    view! {
        <section class="page" aria-labelledby="not-found-title">
            <PageTitle id="not-found-title" text=t.app().not_found_title.to_string()/>
            <p>{t.app().not_found_body}</p>
            <a href=href("/") class="button">{t.app().not_found_home}</a>
        </section>
    }
}
