//! An inline confirmation for actions that cannot be undone. The safe choice
//! gets the focus, so a stray Enter never destroys anything.

use leptos::html;
use leptos::prelude::*;

/// Asks "are you sure?" in place, with a destructive and a safe button.
#[component]
pub fn Confirm(
    title: &'static str,
    body: &'static str,
    confirm_label: &'static str,
    cancel_label: &'static str,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let cancel_ref = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = cancel_ref.get() {
            let _ = button.focus();
        }
    });
    view! {
        <div
            class="confirm"
            role="alertdialog"
            aria-labelledby="confirm-title"
            aria-describedby="confirm-body"
        >
            <h3 id="confirm-title">{title}</h3>
            <p id="confirm-body">{body}</p>
            <div class="actions">
                <button type="button" class="button danger" on:click=move |_| on_confirm.run(())>
                    {confirm_label}
                </button>
                <button
                    type="button"
                    class="button secondary"
                    node_ref=cancel_ref
                    on:click=move |_| on_cancel.run(())
                >
                    {cancel_label}
                </button>
            </div>
        </div>
    }
}
