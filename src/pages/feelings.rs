//! SCAFFOLD: replaced by the feelings exercise.

use leptos::prelude::*;

use crate::components::page_title::PageTitle;

/// SCAFFOLD.
#[component]
pub fn FeelingsPage() -> impl IntoView {
    view! {
        <section class="page">
            <PageTitle id="scaffold-title" text="FeelingsPage".to_string()/>
        </section>
    }
}
