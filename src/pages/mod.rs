//! One module per screen. Pages read [`crate::app::AppState`] and call its
//! methods; the rules live in `crate::domain` and `crate::store`.

pub mod breathing;
pub mod data;
pub mod feelings;
pub mod grounding;
pub mod help;
pub mod home;
pub mod inner_child;
pub mod journal;
pub mod kind_phrases;
pub mod movement;
pub mod not_found;
pub mod practices;
pub mod thought_record;
pub mod understand;
