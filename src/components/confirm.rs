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

/// A button that asks [`Confirm`] in its place before `on_confirm` runs;
/// "cancel" brings the button back. By default a danger button with the
/// bin icon; `class` and `icon` change that for quieter places. `on_open`
/// runs when it is pressed (e.g. to clear an old message).
#[component]
pub fn ConfirmedButton(
    label: &'static str,
    #[prop(default = "button danger")] class: &'static str,
    #[prop(default = true)] icon: bool,
    title: &'static str,
    body: &'static str,
    confirm_label: &'static str,
    cancel_label: &'static str,
    on_confirm: Callback<()>,
    #[prop(optional)] on_open: Option<Callback<()>>,
) -> impl IntoView {
    let asking = RwSignal::new(false);
    let confirm = Callback::new(move |()| {
        asking.set(false);
        on_confirm.run(());
    });
    let cancel = Callback::new(move |()| asking.set(false));
    view! {
        <Show
            when=move || asking.get()
            fallback=move || {
                view! {
                    <button
                        type="button"
                        class=class
                        on:click=move |_| {
                            if let Some(f) = on_open {
                                f.run(());
                            }
                            asking.set(true);
                        }
                    >
                        {icon
                            .then(|| {
                                view! {
                                    <crate::components::icons::Icon kind=crate::components::icons::IconKind::Trash/>
                                }
                            })}
                        <span>{label}</span>
                    </button>
                }
            }
        >
            <Confirm title body confirm_label cancel_label on_confirm=confirm on_cancel=cancel/>
        </Show>
    }
}
