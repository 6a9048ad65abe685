//! SCAFFOLD: replaced by the movement exercise.

use leptos::prelude::*;

use crate::components::page_title::PageTitle;

/// SCAFFOLD.
#[component]
pub fn MovementPage() -> impl IntoView {
    view! {
        <section class="page">
            <PageTitle id="scaffold-title" text="MovementPage".to_string()/>
        </section>
    }
}
