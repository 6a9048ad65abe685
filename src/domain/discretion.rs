//! Discretion on a shared phone: the neutral-name setting and the "Escape
//! three times" rule for leaving quickly. Plain Rust; the shell and
//! `pages::discretion` do the browser side.

use serde::{Deserialize, Serialize};

use super::Record;

/// The plain names the app can go by when someone else might see the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum NeutralName {
    #[default]
    Notes,
    ReadingList,
    Planner,
}

impl NeutralName {
    /// Every name on offer, in the order they are shown.
    pub const ALL: [NeutralName; 3] = [Self::Notes, Self::ReadingList, Self::Planner];

    /// The stored id.
    pub fn id(self) -> &'static str {
        match self {
            Self::Notes => "notes",
            Self::ReadingList => "reading_list",
            Self::Planner => "planner",
        }
    }

    /// The name with this id, if there is one.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|n| n.id() == id)
    }
}

/// Whether the app shows a neutral name (in the tab title and the header)
/// instead of "Groundwork". One record, id [`Discretion::ID`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Discretion {
    /// Use the neutral name.
    #[serde(default)]
    pub neutral: bool,
    /// Which neutral name.
    #[serde(default)]
    pub name: NeutralName,
}

impl Record for Discretion {
    const KIND: &'static str = "settings_discretion";
}

impl Discretion {
    /// The one record's id.
    pub const ID: &'static str = "me";

    /// The neutral name to show, or `None` for the app's own name.
    pub fn shown_name(&self) -> Option<NeutralName> {
        self.neutral.then_some(self.name)
    }
}

/// How many presses of Escape leave the app.
pub const ESCAPE_PRESSES: usize = 3;
/// ... within this many milliseconds of the first.
pub const ESCAPE_WINDOW_MS: f64 = 1500.0;

/// Counts presses of one key and says when it has been pressed
/// [`ESCAPE_PRESSES`] times within [`ESCAPE_WINDOW_MS`].
#[derive(Debug, Clone, Default)]
pub struct RepeatedPress {
    times: Vec<f64>,
}

impl RepeatedPress {
    /// Records a press at `at_ms` (any monotonic clock in milliseconds);
    /// true when this press completes the run (the count starts over).
    pub fn press(&mut self, at_ms: f64) -> bool {
        self.times
            .retain(|t| at_ms - t < ESCAPE_WINDOW_MS && *t <= at_ms);
        self.times.push(at_ms);
        if self.times.len() >= ESCAPE_PRESSES {
            self.times.clear();
            true
        } else {
            false
        }
    }

    /// Forgets earlier presses (another key came in between).
    pub fn reset(&mut self) {
        self.times.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validate;
    use serde_json::json;

    #[test]
    fn three_quick_presses_leave() {
        let mut p = RepeatedPress::default();
        assert!(!p.press(0.0));
        assert!(!p.press(400.0));
        assert!(p.press(900.0));
        // The count starts over afterwards.
        assert!(!p.press(1000.0));
    }

    #[test]
    fn slow_presses_do_not_leave() {
        let mut p = RepeatedPress::default();
        assert!(!p.press(0.0));
        assert!(!p.press(1000.0));
        // The first press is now too old: only two in the window.
        assert!(!p.press(1600.0));
        assert!(p.press(2000.0));
    }

    #[test]
    fn another_key_in_between_starts_over() {
        let mut p = RepeatedPress::default();
        p.press(0.0);
        p.press(100.0);
        p.reset();
        assert!(!p.press(200.0));
    }

    #[test]
    fn neutral_name_only_when_switched_on() {
        let mut d = Discretion::default();
        assert_eq!(d.shown_name(), None);
        d.neutral = true;
        assert_eq!(d.shown_name(), Some(NeutralName::Notes));
        d.name = NeutralName::Planner;
        assert_eq!(d.shown_name(), Some(NeutralName::Planner));
    }

    #[test]
    fn names_round_trip() {
        for n in NeutralName::ALL {
            assert_eq!(NeutralName::from_id(n.id()), Some(n));
        }
        assert_eq!(NeutralName::from_id("groundwork"), None);
    }

    #[test]
    fn validation_refuses_unknown_names_and_fields() {
        let kind = Discretion::KIND;
        assert!(validate(kind, &json!({"neutral": true, "name": "reading_list"})).is_ok());
        assert!(validate(kind, &json!({})).is_ok());
        assert!(validate(kind, &json!({"neutral": true, "name": "diary"})).is_err());
        assert!(validate(kind, &json!({"neutral": "yes"})).is_err());
        assert!(validate(kind, &json!({"neutral": true, "title": "x"})).is_err());
        assert!(validate(kind, &json!([true])).is_err());
    }
}
