//! Building a long page in steps, one frame at a time.
//!
//! On a cheap phone, building a whole page (and laying it out) in the task
//! that handles the tap can take a tenth of a second, during which the next
//! tap waits. The top of the page, what the person sees first, is built at
//! once; the parts further down are wrapped in [`Later`] and built one per
//! frame after the first frame is on screen ([`after_paint`]).

use leptos::prelude::*;

use crate::browser::after_paint;

/// Content built after the rest of the page is on screen (see the module
/// documentation). Use it for the parts below the first screen.
#[component]
pub fn Later(children: ChildrenFn) -> impl IntoView {
    let ready = RwSignal::new(false);
    after_paint(move || {
        // The page may be gone by now; then there is nothing to build.
        let _ = ready.try_set(true);
    });
    move || ready.get().then(|| children())
}
