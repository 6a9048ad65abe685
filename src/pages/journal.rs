//! SCAFFOLD: replaced by the journal exercise.

use leptos::prelude::*;

use crate::components::page_title::PageTitle;

/// SCAFFOLD.
#[component]
pub fn JournalPage() -> impl IntoView {
    view! {
        <section class="page">
            <PageTitle id="scaffold-title" text="JournalPage".to_string()/>
        </section>
    }
}

/// SCAFFOLD.
#[component]
pub fn JournalEntryPage() -> impl IntoView {
    view! {
        <section class="page">
            <PageTitle id="scaffold-title" text="JournalEntryPage".to_string()/>
        </section>
    }
}
