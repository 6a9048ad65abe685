//! What the person told Groundwork about themselves on the first visit.

use super::time::Timestamp;
use super::Record;
use crate::content::Text;
use serde::{Deserialize, Serialize};

/// The kind of setback that brought the person here. Used to tailor
/// suggestions; never required.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Setback {
    Exam,
    Job,
    Relationship,
    Other,
}

impl Setback {
    /// Every choice, in the order they are offered.
    pub const ALL: [Setback; 4] = [Self::Exam, Self::Job, Self::Relationship, Self::Other];

    /// Stable identifier used in forms and tests.
    pub fn id(self) -> &'static str {
        match self {
            Self::Exam => "exam",
            Self::Job => "job",
            Self::Relationship => "relationship",
            Self::Other => "other",
        }
    }

    /// The inverse of [`Setback::id`].
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.id() == id)
    }

    /// How the choice is worded for the person.
    pub fn label(self, t: &'static Text) -> &'static str {
        match self {
            Self::Exam => t.home().setback_exam,
            Self::Job => t.home().setback_job,
            Self::Relationship => t.home().setback_relationship,
            Self::Other => t.home().setback_other,
        }
    }

    /// A short, kind sentence that fits this setback.
    pub fn encouragement(self, t: &'static Text) -> &'static str {
        match self {
            Self::Exam => t.home().kind_word_exam,
            Self::Job => t.home().kind_word_job,
            Self::Relationship => t.home().kind_word_relationship,
            Self::Other => t.home().kind_word_other,
        }
    }
}

/// The single profile record (`profile/me`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// True once the welcome has been answered or skipped.
    #[serde(default)]
    pub welcomed: bool,
    /// What happened, if the person chose to say.
    #[serde(default)]
    pub setback: Option<Setback>,
    /// When the welcome was first finished.
    #[serde(default)]
    pub welcomed_at: Option<Timestamp>,
}

impl Record for Profile {
    const KIND: &'static str = "profile";
}

impl Profile {
    /// The id of the one profile record.
    pub const ID: &'static str = "me";

    /// Finishes the welcome with an optional answer. The first finish time is
    /// kept when the answer is changed later.
    pub fn welcome(&mut self, setback: Option<Setback>, at: Timestamp) {
        self.setback = setback;
        self.welcomed = true;
        self.welcomed_at.get_or_insert(at);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::parse;

    #[test]
    fn ids_round_trip() {
        for s in Setback::ALL {
            assert_eq!(Setback::from_id(s.id()), Some(s));
        }
        assert_eq!(Setback::from_id("nope"), None);
    }

    #[test]
    fn welcome_keeps_the_first_time() {
        let mut p = Profile::default();
        let first = parse("2026-01-01T10:00:00+05:30").unwrap();
        p.welcome(Some(Setback::Exam), first);
        p.welcome(
            Some(Setback::Job),
            parse("2026-02-01T10:00:00+05:30").unwrap(),
        );
        assert_eq!(p.setback, Some(Setback::Job));
        assert_eq!(p.welcomed_at, Some(first));
        assert!(p.welcomed);
    }

    #[test]
    fn skipping_is_a_valid_answer() {
        let mut p = Profile::default();
        p.welcome(None, parse("2026-01-01T10:00:00Z").unwrap());
        assert!(p.welcomed);
        assert_eq!(p.setback, None);
    }

    #[test]
    fn serialises_plainly() {
        let mut p = Profile::default();
        p.welcome(
            Some(Setback::Relationship),
            parse("2026-01-01T10:00:00+05:30").unwrap(),
        );
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(
            json,
            r#"{"welcomed":true,"setback":"relationship","welcomed_at":"2026-01-01T10:00:00+05:30"}"#
        );
    }
}
