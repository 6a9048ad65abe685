//! One module per screen. Pages read [`crate::app::AppState`] and call its
//! methods; the rules live in `crate::domain` and `crate::store`.

pub mod breathing;
pub mod data;
pub mod feelings;
pub mod grounding;
pub mod help;
pub mod home;
pub mod journal;
pub mod measures;
pub mod micro_goals;
pub mod movement;
pub mod not_found;
pub mod practices;
pub mod progress;
pub mod reconnection;
pub mod thought_record;
pub mod understand;
