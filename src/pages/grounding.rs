//! SCAFFOLD: replaced by the grounding exercise.

use leptos::prelude::*;

use crate::components::page_title::PageTitle;

/// SCAFFOLD.
#[component]
pub fn GroundingPage() -> impl IntoView {
    view! {
        <section class="page">
            <PageTitle id="scaffold-title" text="GroundingPage".to_string()/>
        </section>
    }
}
