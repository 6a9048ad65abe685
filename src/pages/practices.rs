//! The practices hub: every exercise, grouped, one tap to start.

use leptos::prelude::*;

use crate::app::{href, use_app};
use crate::components::later::Later;
use crate::components::page_title::PageTitle;
use crate::content::Text;

/// One practice on the hub and on the home screen.
#[derive(Clone, Copy)]
pub struct Practice {
    /// Where it starts (an in-app path).
    pub path: &'static str,
    pub title: Words,
    pub blurb: Words,
}

/// Words looked up in the content for one language.
type Words = fn(&'static Text) -> &'static str;

/// Practices in groups, in the order they are shown.
pub fn groups() -> [(Words, Vec<Practice>); 8] {
    [
        (
            |t| t.practices().group_steps,
            vec![
                Practice {
                    path: "/goals",
                    title: |t| t.practices().goals_title,
                    blurb: |t| t.practices().goals_blurb,
                },
                Practice {
                    path: "/people",
                    title: |t| t.practices().people_title,
                    blurb: |t| t.practices().people_blurb,
                },
            ],
        ),
        (
            |t| t.practices().group_reframe,
            vec![
                Practice {
                    path: "/thoughts/new",
                    title: |t| t.practices().thought_record_title,
                    blurb: |t| t.practices().thought_record_blurb,
                },
                Practice {
                    path: "/journal/new",
                    title: |t| t.practices().journal_title,
                    blurb: |t| t.practices().journal_blurb,
                },
            ],
        ),
        (
            |t| t.practices().group_feel,
            vec![
                Practice {
                    path: "/feelings",
                    title: |t| t.practices().feelings_title,
                    blurb: |t| t.practices().feelings_blurb,
                },
                Practice {
                    path: "/breathe",
                    title: |t| t.practices().breathing_title,
                    blurb: |t| t.practices().breathing_blurb,
                },
                Practice {
                    path: "/grounding",
                    title: |t| t.practices().grounding_title,
                    blurb: |t| t.practices().grounding_blurb,
                },
            ],
        ),
        (
            |t| t.practices().group_kindness,
            vec![
                Practice {
                    path: "/kindness/break",
                    title: |t| t.practices().compassion_break_title,
                    blurb: |t| t.practices().compassion_break_blurb,
                },
                Practice {
                    path: "/kindness/friend",
                    title: |t| t.practices().friend_view_title,
                    blurb: |t| t.practices().friend_view_blurb,
                },
                Practice {
                    path: "/kindness/letters",
                    title: |t| t.practices().compassionate_letter_title,
                    blurb: |t| t.practices().compassionate_letter_blurb,
                },
                Practice {
                    path: "/phrases",
                    title: |t| t.practices().kind_phrases_title,
                    blurb: |t| t.practices().kind_phrases_blurb,
                },
            ],
        ),
        (
            |t| t.practices().group_younger,
            vec![
                Practice {
                    path: "/inner-child",
                    title: |t| t.practices().inner_child_title,
                    blurb: |t| t.practices().inner_child_blurb,
                },
                Practice {
                    path: "/inner-child/reflect/new",
                    title: |t| t.practices().inner_child_prompts_title,
                    blurb: |t| t.practices().inner_child_prompts_blurb,
                },
            ],
        ),
        (
            |t| t.practices().group_stand,
            vec![
                Practice {
                    path: "/solo",
                    title: |t| t.practices().solo_time_title,
                    blurb: |t| t.practices().solo_time_blurb,
                },
                Practice {
                    path: "/opening-up",
                    title: |t| t.practices().opening_up_title,
                    blurb: |t| t.practices().opening_up_blurb,
                },
                Practice {
                    path: "/boundaries",
                    title: |t| t.practices().boundaries_title,
                    blurb: |t| t.practices().boundaries_blurb,
                },
            ],
        ),
        (
            |t| t.practices().group_move,
            vec![Practice {
                path: "/movement",
                title: |t| t.practices().movement_title,
                blurb: |t| t.practices().movement_blurb,
            }],
        ),
        (
            |t| t.practices().group_track,
            vec![
                Practice {
                    path: "/progress",
                    title: |t| t.practices().progress_title,
                    blurb: |t| t.practices().progress_blurb,
                },
                Practice {
                    path: "/measures",
                    title: |t| t.practices().measures_title,
                    blurb: |t| t.practices().measures_blurb,
                },
                Practice {
                    path: "/reminders",
                    title: |t| t.practices().reminders_title,
                    blurb: |t| t.practices().reminders_blurb,
                },
            ],
        ),
    ]
}

/// A list of practice cards, each a single link.
#[component]
pub fn PracticeLinks(practices: Vec<Practice>) -> impl IntoView {
    let t = use_app().text;
    view! {
        <ul class="practice-list">
            {practices
                .into_iter()
                .map(|p| {
                    view! {
                        <li>
                            <a href=href(p.path) class="practice">
                                <span class="practice-title">{(p.title)(t)}</span>
                                <span class="practice-blurb">{(p.blurb)(t)}</span>
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// Every practice by group as compact links (titles only), for the home
/// screen, where the full cards would make a very long page.
#[component]
pub fn PracticeChips() -> impl IntoView {
    let t = use_app().text;
    groups()
        .into_iter()
        .map(|(heading, practices)| {
            view! {
                <div class="chip-group">
                    <h3>{heading(t)}</h3>
                    <ul class="practice-chips">
                        {practices
                            .into_iter()
                            .map(|p| {
                                view! {
                                    <li>
                                        <a href=href(p.path) class="chip">{(p.title)(t)}</a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
        .collect_view()
}

/// The hub page.
#[component]
pub fn PracticesPage() -> impl IntoView {
    let t = use_app().text;
    view! {
        <section class="page practices" aria-labelledby="practices-title">
            <PageTitle id="practices-title" text=t.practices().title.to_string()/>
            <p class="lead">{t.practices().intro}</p>
            // Each group follows a frame later, so the tap that opens the
            // page is done quickly (see `Later`).
            {(0..groups().len())
                .map(|index| {
                    view! {
                        <Later>
                            <PracticeGroup index/>
                        </Later>
                    }
                })
                .collect_view()}
        </section>
    }
}

/// One group of the hub page: its heading and its practices.
#[component]
fn PracticeGroup(index: usize) -> impl IntoView {
    let t = use_app().text;
    groups().into_iter().nth(index).map(|(heading, practices)| {
        view! {
            <h2>{heading(t)}</h2>
            <PracticeLinks practices/>
        }
    })
}
