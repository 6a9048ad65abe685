//! One module per screen. Pages read [`crate::app::AppState`] and call its
//! methods; the rules live in `crate::domain` and `crate::store`.

pub mod data;
pub mod help;
pub mod home;
pub mod not_found;
