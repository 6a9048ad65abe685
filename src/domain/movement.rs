//! The movement log: a walk or some exercise, and how the person felt
//! before and after.

use serde::{Deserialize, Serialize};

use super::time::Timestamp;
use super::Record;

/// What kind of movement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MovementKind {
    Walk,
    Exercise,
    Other,
}

impl MovementKind {
    /// Every kind, in the order offered.
    pub const ALL: [MovementKind; 3] = [Self::Walk, Self::Exercise, Self::Other];

    /// Stable identifier for forms and tests.
    pub fn id(self) -> &'static str {
        match self {
            Self::Walk => "walk",
            Self::Exercise => "exercise",
            Self::Other => "other",
        }
    }

    /// The inverse of [`MovementKind::id`].
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.id() == id)
    }
}

/// Longest note kept with an entry.
pub const MAX_NOTE: usize = 1000;
/// Longest session that can be logged, in minutes.
pub const MAX_MINUTES: u16 = 600;
/// Mood ratings run from 0 (very low) to this.
pub const MAX_FEELING: u8 = 10;

/// One logged session of movement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MovementEntry {
    pub kind: MovementKind,
    pub minutes: u16,
    /// How the person felt before, 0-10.
    pub before: u8,
    /// How they felt after, 0-10.
    pub after: u8,
    #[serde(default)]
    pub note: String,
    pub at: Timestamp,
}

impl Record for MovementEntry {
    const KIND: &'static str = "movement";
}

impl MovementEntry {
    /// Rejects values the form could never produce.
    pub fn check(&self) -> Result<(), String> {
        if !(1..=MAX_MINUTES).contains(&self.minutes) {
            return Err(format!("minutes must be 1-{MAX_MINUTES}"));
        }
        if self.before > MAX_FEELING || self.after > MAX_FEELING {
            return Err(format!("feelings must be 0-{MAX_FEELING}"));
        }
        if self.note.chars().count() > MAX_NOTE {
            return Err("note too long".into());
        }
        Ok(())
    }

    /// After minus before: positive when moving helped.
    pub fn lift(&self) -> i16 {
        i16::from(self.after) - i16::from(self.before)
    }
}

/// The form as it is being filled in, kept so nothing typed is lost.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MovementDraft {
    #[serde(default)]
    pub kind: Option<MovementKind>,
    #[serde(default)]
    pub minutes: String,
    #[serde(default)]
    pub before: Option<u8>,
    #[serde(default)]
    pub after: Option<u8>,
    #[serde(default)]
    pub note: String,
}

impl Record for MovementDraft {
    const KIND: &'static str = "movement_draft";
}

impl MovementDraft {
    /// The one draft's id.
    pub const ID: &'static str = "current";

    /// Why the draft cannot be saved yet, or the entry it makes.
    pub fn finish(&self, at: Timestamp) -> Result<MovementEntry, DraftProblem> {
        let kind = self.kind.ok_or(DraftProblem::NoKind)?;
        let minutes: u16 = self
            .minutes
            .trim()
            .parse()
            .ok()
            .filter(|m| (1..=MAX_MINUTES).contains(m))
            .ok_or(DraftProblem::Minutes)?;
        let entry = MovementEntry {
            kind,
            minutes,
            before: self.before.unwrap_or(5).min(MAX_FEELING),
            after: self.after.unwrap_or(5).min(MAX_FEELING),
            note: self.note.trim().chars().take(MAX_NOTE).collect(),
            at,
        };
        Ok(entry)
    }

    /// Whether nothing worth keeping has been filled in (ratings left at
    /// the middle count as untouched).
    pub fn is_blank(&self) -> bool {
        let untouched = |r: Option<u8>| r.is_none() || r == Some(5);
        self.kind.is_none()
            && self.minutes.trim().is_empty()
            && self.note.trim().is_empty()
            && untouched(self.before)
            && untouched(self.after)
    }
}

/// What is missing from a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftProblem {
    NoKind,
    Minutes,
}

/// A week's figures: sessions, minutes, and the average lift in mood.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub sessions: usize,
    pub minutes: u32,
    /// Average of after minus before, `None` with no sessions.
    pub average_lift: Option<f64>,
}

/// Sums the entries made on or after `since`.
pub fn summary_since(entries: &[MovementEntry], since: Timestamp) -> Summary {
    let recent: Vec<_> = entries.iter().filter(|e| e.at >= since).collect();
    let minutes = recent.iter().map(|e| u32::from(e.minutes)).sum();
    let average_lift = (!recent.is_empty())
        .then(|| recent.iter().map(|e| f64::from(e.lift())).sum::<f64>() / recent.len() as f64);
    Summary {
        sessions: recent.len(),
        minutes,
        average_lift,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::parse;

    fn at(s: &str) -> Timestamp {
        parse(s).unwrap()
    }

    #[test]
    fn a_draft_becomes_an_entry_only_when_complete() {
        let now = at("2026-11-28T18:00:00+05:30");
        let mut d = MovementDraft::default();
        assert!(d.is_blank());
        d.before = Some(5);
        assert!(d.is_blank());
        d.before = Some(2);
        assert!(!d.is_blank());
        d.before = None;
        assert_eq!(d.finish(now), Err(DraftProblem::NoKind));
        d.kind = Some(MovementKind::Walk);
        assert_eq!(d.finish(now), Err(DraftProblem::Minutes));
        d.minutes = "0".into();
        assert_eq!(d.finish(now), Err(DraftProblem::Minutes));
        d.minutes = " 25 ".into();
        d.before = Some(3);
        d.after = Some(6);
        d.note = "  around the lake ".into();
        let e = d.finish(now).unwrap();
        assert_eq!(
            (e.minutes, e.lift(), e.note.as_str()),
            (25, 3, "around the lake")
        );
        assert!(e.check().is_ok());
    }

    #[test]
    fn impossible_entries_are_refused() {
        let e = MovementEntry {
            kind: MovementKind::Other,
            minutes: 700,
            before: 1,
            after: 2,
            note: String::new(),
            at: at("2026-11-28T18:00:00Z"),
        };
        assert!(e.check().is_err());
        assert!(MovementEntry {
            minutes: 10,
            after: 11,
            ..e.clone()
        }
        .check()
        .is_err());
        assert!(MovementEntry { minutes: 10, ..e }.check().is_ok());
    }

    #[test]
    fn the_summary_counts_only_the_window() {
        let base = MovementEntry {
            kind: MovementKind::Walk,
            minutes: 20,
            before: 3,
            after: 7,
            note: String::new(),
            at: at("2026-11-27T18:00:00Z"),
        };
        let older = MovementEntry {
            at: at("2026-10-01T18:00:00Z"),
            ..base.clone()
        };
        let flat = MovementEntry {
            minutes: 40,
            before: 5,
            after: 5,
            ..base.clone()
        };
        let s = summary_since(&[base, older, flat], at("2026-11-23T00:00:00Z"));
        assert_eq!((s.sessions, s.minutes), (2, 60));
        assert_eq!(s.average_lift, Some(2.0));
        assert_eq!(
            summary_since(&[], at("2026-11-23T00:00:00Z")).average_lift,
            None
        );
    }
}
