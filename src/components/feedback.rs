//! Short feedback after a tap: a form's "saved" or "what's missing" line, and
//! the "Undo" notice after something was removed or put away.

use leptos::prelude::*;

use crate::app::use_app;
use crate::domain::Record;

/// `Some((true, words))` shows words as a polite status, `Some((false,
/// words))` as an alert; `None` shows nothing.
#[component]
pub fn FormMessage(message: RwSignal<Option<(bool, &'static str)>>) -> impl IntoView {
    move || {
        message.get().map(|(ok, text)| {
            if ok {
                view! { <p class="success" role="status">{text}</p> }.into_any()
            } else {
                view! { <p class="error" role="alert">{text}</p> }.into_any()
            }
        })
    }
}

/// While `undo` holds a removed record, says so and offers to put it back
/// (saved again under its old id).
#[component]
pub fn UndoNotice<T>(
    undo: RwSignal<Option<(String, T)>>,
    /// What happened, e.g. "Deleted."
    said: &'static str,
    /// The button, e.g. "Undo".
    button: &'static str,
) -> impl IntoView
where
    T: Record + Clone + Send + Sync + 'static,
{
    let app = use_app();
    move || {
        undo.get().map(|(id, record)| {
            view! {
                <div class="notice" role="status">
                    <p>{said}</p>
                    <button
                        type="button"
                        class="button"
                        on:click=move |_| {
                            let _ = app.save(&id, &record);
                            undo.set(None);
                        }
                    >
                        {button}
                    </button>
                </div>
            }
        })
    }
}
