//! Pages loaded on first visit: each is its own piece of WebAssembly
//! (split off after the build, see xtask/src/split.rs), fetched the first
//! time someone opens it, so the home screen starts without them.

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

/// A route whose page is split off: `lazy_page!(Route, path::to::Page)`.
macro_rules! lazy_page {
    ($route:ident, $page:path) => {
        #[derive(Debug)]
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                view! { <$page/> }.into_any()
            }
        }
    };
}

lazy_page!(Data, crate::pages::data::DataPage);
lazy_page!(Practices, crate::pages::practices::PracticesPage);
lazy_page!(
    ThoughtHistory,
    crate::pages::thought_record::ThoughtHistoryPage
);
lazy_page!(
    ThoughtRecordFlow,
    crate::pages::thought_record::ThoughtRecordFlowPage
);
lazy_page!(
    ThoughtRecordView,
    crate::pages::thought_record::ThoughtRecordViewPage
);
lazy_page!(Feelings, crate::pages::feelings::FeelingsPage);
lazy_page!(Journal, crate::pages::journal::JournalPage);
lazy_page!(JournalEntry, crate::pages::journal::JournalEntryPage);
lazy_page!(Understand, crate::pages::understand::UnderstandPage);
lazy_page!(WorthCheck, crate::pages::understand::WorthCheckPage);
lazy_page!(Reading, crate::pages::understand::ReadingPage);
lazy_page!(Breathing, crate::pages::breathing::BreathingPage);
lazy_page!(Grounding, crate::pages::grounding::GroundingPage);
lazy_page!(Movement, crate::pages::movement::MovementPage);
lazy_page!(Goals, crate::pages::micro_goals::GoalsPage);
lazy_page!(Measures, crate::pages::measures::MeasuresPage);
lazy_page!(People, crate::pages::reconnection::PeoplePage);
lazy_page!(Progress, crate::pages::progress::ProgressPage);
lazy_page!(MeasureForm, crate::pages::measures::MeasureFormPage);
lazy_page!(SoloTime, crate::pages::solo_time::SoloTimePage);
lazy_page!(OpeningUp, crate::pages::opening_up::OpeningUpPage);
lazy_page!(Boundaries, crate::pages::boundaries::BoundariesPage);
lazy_page!(
    CompassionBreak,
    crate::pages::compassion_break::CompassionBreakPage
);
lazy_page!(FriendView, crate::pages::friend_view::FriendViewPage);
lazy_page!(Letters, crate::pages::compassionate_letter::LettersPage);
lazy_page!(Letter, crate::pages::compassionate_letter::LetterPage);
lazy_page!(InnerChild, crate::pages::inner_child::InnerChildPage);
lazy_page!(Reflection, crate::pages::inner_child::ReflectionPage);
lazy_page!(Dialogue, crate::pages::inner_child::DialoguePage);
lazy_page!(KindPhrases, crate::pages::kind_phrases::KindPhrasesPage);
lazy_page!(Reminders, crate::pages::reminders::RemindersPage);
