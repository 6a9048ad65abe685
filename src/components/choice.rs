//! A group of large, tappable radio choices with a legend and a hint.

use leptos::prelude::*;

/// One option: a stable id and the words shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice {
    pub id: &'static str,
    pub label: &'static str,
}

/// Radio buttons in a `fieldset`; `selected` holds the chosen id.
#[component]
pub fn ChoiceList(
    /// Form-unique name of the radio group.
    name: &'static str,
    legend: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    choices: Vec<Choice>,
    selected: RwSignal<Option<&'static str>>,
) -> impl IntoView {
    let hint_id = format!("{name}-hint");
    let described = hint.map(|_| hint_id.clone());
    view! {
        <fieldset class="choices" aria-describedby=described>
            <legend>{legend}</legend>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            {choices
                .into_iter()
                .map(|c| {
                    view! {
                        <label class="choice">
                            <input
                                type="radio"
                                name=name
                                value=c.id
                                prop:checked=move || selected.get() == Some(c.id)
                                on:change=move |_| selected.set(Some(c.id))
                            />
                            <span>{c.label}</span>
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}
