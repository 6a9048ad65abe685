//! SCAFFOLD: replaced by the breathing exercise.

use leptos::prelude::*;

use crate::components::page_title::PageTitle;

/// SCAFFOLD.
#[component]
pub fn BreathingPage() -> impl IntoView {
    view! {
        <section class="page">
            <PageTitle id="scaffold-title" text="BreathingPage".to_string()/>
        </section>
    }
}
