//! The `<h1>` of every page. After in-app navigation it takes the focus, so a
//! screen reader announces the new page and keyboard users start at its top;
//! on the very first page of a visit the focus is left alone.

use std::cell::Cell;

use leptos::html;
use leptos::prelude::*;

use crate::browser;

thread_local! {
    static TITLES_SHOWN: Cell<u32> = const { Cell::new(0) };
}

/// A page's main heading.
#[component]
pub fn PageTitle(
    /// Element id, for `aria-labelledby` on the page's section.
    id: &'static str,
    #[prop(into)] text: Signal<String>,
) -> impl IntoView {
    let heading = NodeRef::<html::H1>::new();
    let first = TITLES_SHOWN.with(|n| {
        n.set(n.get() + 1);
        n.get() == 1
    });
    Effect::new(move |_| {
        if let (false, Some(_)) = (first, heading.get()) {
            browser::focus_main_heading();
        }
    });
    view! {
        <h1 id=id tabindex="-1" node_ref=heading>
            {text}
        </h1>
    }
}
