//! A labelled slider for ratings such as "how strong is this feeling, 0-100"
//! or "how comfortable, 0-10", with the number shown and announced.

use leptos::prelude::*;

/// An `<input type="range">` with its label, the current value beside it,
/// and words for the two ends.
#[component]
pub fn RatingSlider(
    /// Unique element id (the label points at it).
    id: String,
    label: String,
    value: RwSignal<u8>,
    #[prop(default = 0)] min: u8,
    #[prop(default = 100)] max: u8,
    #[prop(default = 5)] step: u8,
    /// Words for the low end, e.g. "barely".
    #[prop(optional)]
    low: Option<&'static str>,
    /// Words for the high end, e.g. "as strong as it gets".
    #[prop(optional)]
    high: Option<&'static str>,
) -> impl IntoView {
    let output_id = format!("{id}-value");
    view! {
        <div class="rating">
            <div class="rating-head">
                <label for=id.clone()>{label}</label>
                <output id=output_id.clone() for=id.clone() aria-live="polite">
                    {move || value.get()}
                </output>
            </div>
            <input
                id=id
                type="range"
                min=min
                max=max
                step=step
                prop:value=move || value.get().to_string()
                on:input=move |ev| {
                    if let Ok(v) = event_target_value(&ev).parse::<u8>() {
                        value.set(v.clamp(min, max));
                    }
                }
            />
            {(low.is_some() || high.is_some())
                .then(|| {
                    view! {
                        <div class="rating-ends" aria-hidden="true">
                            <span>{low.unwrap_or("")}</span>
                            <span>{high.unwrap_or("")}</span>
                        </div>
                    }
                })}
        </div>
    }
}
