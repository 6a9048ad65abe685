//! One module per screen. Pages read [`crate::app::AppState`] and call its
//! methods; the rules live in `crate::domain` and `crate::store`.

pub mod boundaries;
pub mod breathing;
pub mod compassion_break;
pub mod compassionate_letter;
pub mod data;
pub mod discretion;
pub mod feelings;
pub mod friend_view;
pub mod grounding;
pub mod help;
pub mod home;
pub mod inner_child;
pub mod journal;
pub mod keep_safe;
pub mod kind_phrases;
pub mod measures;
pub mod micro_goals;
pub mod movement;
pub mod not_found;
pub mod opening_up;
pub mod practices;
pub mod progress;
pub mod reconnection;
pub mod reminders;
pub mod solo_time;
pub mod thought_record;
pub mod understand;
pub mod vault;
