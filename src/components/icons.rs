//! Small inline SVG icons (no icon font, no network). Decorative: hidden from
//! screen readers, the text beside them carries the meaning.

use leptos::prelude::*;

/// Which icon to draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IconKind {
    Logo,
    Home,
    Shield,
    Lifebuoy,
    Phone,
    Download,
    Upload,
    Trash,
    Leaf,
    Path,
    /// A plain notebook, for the neutral name.
    Notebook,
}

/// The icon's drawing, as SVG markup. Set as the `<svg>`'s inner HTML: one
/// call into the page instead of one per shape and attribute, which adds up
/// on the first screen of a slow phone. Constant text, never anything a
/// person typed.
fn shapes(kind: IconKind) -> &'static str {
    match kind {
        IconKind::Logo => {
            r#"<path class="ground" d="M3 19.5c2.6-2 5.6-3 9-3s6.4 1 9 3"/><path d="M12 16.5V9"/><path d="M12 11c-.3-3-2.4-4.8-5.6-4.9.1 3.2 2.3 5.1 5.6 4.9z" fill="currentColor"/><path d="M12 9.5c.2-3.1 2.4-5.2 5.8-5.4-.1 3.4-2.4 5.4-5.8 5.4z" fill="currentColor"/>"#
        }
        IconKind::Home => {
            r#"<path d="M4 11.5 12 5l8 6.5"/><path d="M6.5 10v9h11v-9"/><path d="M10.5 19v-4.5h3V19"/>"#
        }
        IconKind::Shield => {
            r#"<path d="M12 3.5 19 6v5.5c0 4.3-2.9 7.6-7 9-4.1-1.4-7-4.7-7-9V6z"/><path d="m9 12 2 2 4-4"/>"#
        }
        IconKind::Lifebuoy => {
            r#"<circle cx="12" cy="12" r="8.5"/><circle cx="12" cy="12" r="3.5"/><path d="m6 6 3.5 3.5M18 6l-3.5 3.5M6 18l3.5-3.5M18 18l-3.5-3.5"/>"#
        }
        IconKind::Phone => {
            r#"<path d="M6.5 3.5h3l1.5 4-2 1.5a11 11 0 0 0 6 6l1.5-2 4 1.5v3a2 2 0 0 1-2 2A16 16 0 0 1 4.5 5.5a2 2 0 0 1 2-2z"/>"#
        }
        IconKind::Download => {
            r#"<path d="M12 4v11"/><path d="m7.5 10.5 4.5 4.5 4.5-4.5"/><path d="M5 19.5h14"/>"#
        }
        IconKind::Upload => {
            r#"<path d="M12 15V4"/><path d="M7.5 8.5 12 4l4.5 4.5"/><path d="M5 19.5h14"/>"#
        }
        IconKind::Trash => {
            r#"<path d="M5 7h14"/><path d="M9.5 7V5h5v2"/><path d="M7 7l1 12.5h8L17 7"/>"#
        }
        IconKind::Leaf => {
            r#"<path d="M5 19c0-8 5-13 14-14-.5 9-5.5 14-14 14z"/><path d="M5 19 13 11"/>"#
        }
        IconKind::Path => {
            r#"<path d="M4 20c3 0 4-3 7-3s3-4 6-4 2-5 3-7"/><circle cx="4" cy="20" r="1.2"/><circle cx="20" cy="6" r="1.6"/>"#
        }
        IconKind::Notebook => {
            r#"<rect x="5.5" y="3.5" width="13" height="17" rx="1.5"/><path d="M9 3.5v17M11.5 8h4.5M11.5 11h4.5"/>"#
        }
    }
}

/// An icon in the current text colour.
#[component]
pub fn Icon(kind: IconKind) -> impl IntoView {
    view! {
        <svg
            class="icon"
            viewBox="0 0 24 24"
            width="24"
            height="24"
            fill="none"
            stroke="currentColor"
            stroke-width="1.8"
            stroke-linecap="round"
            stroke-linejoin="round"
            aria-hidden="true"
            focusable="false"
            inner_html=shapes(kind)
        ></svg>
    }
}
