//! SCAFFOLD: replaced by the thought_record exercise.

use leptos::prelude::*;

use crate::components::page_title::PageTitle;

/// SCAFFOLD.
#[component]
pub fn ThoughtHistoryPage() -> impl IntoView {
    view! {
        <section class="page">
            <PageTitle id="scaffold-title" text="ThoughtHistoryPage".to_string()/>
        </section>
    }
}

/// SCAFFOLD.
#[component]
pub fn ThoughtRecordFlowPage() -> impl IntoView {
    view! {
        <section class="page">
            <PageTitle id="scaffold-title" text="ThoughtRecordFlowPage".to_string()/>
        </section>
    }
}

/// SCAFFOLD.
#[component]
pub fn ThoughtRecordViewPage() -> impl IntoView {
    view! {
        <section class="page">
            <PageTitle id="scaffold-title" text="ThoughtRecordViewPage".to_string()/>
        </section>
    }
}
