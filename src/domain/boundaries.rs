//! Boundaries: ready scripts for saying no in common situations, the
//! person's own drafted scripts, and a log of boundaries held.

use serde::{Deserialize, Serialize};

use super::time::Timestamp;
use super::Record;

/// The situations with ready scripts, by content id
/// (`boundaries_situation_<id>_title` / `_script`).
pub const SITUATIONS: [&str; 6] = ["results", "money", "late", "ex", "outing", "advice"];
/// Longest script title.
pub const MAX_TITLE: usize = 200;
/// Longest script or note.
pub const MAX_TEXT: usize = 20_000;
/// How it felt runs from 0 (very hard) to this.
pub const MAX_FELT: u8 = 10;

fn known_situation(id: &Option<String>) -> bool {
    id.as_deref().is_none_or(|s| SITUATIONS.contains(&s))
}

/// One of the person's own scripts, saved as they type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoundaryScript {
    /// The ready script it started from, if any.
    #[serde(default)]
    pub situation: Option<String>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub text: String,
    pub updated: Timestamp,
}

impl Record for BoundaryScript {
    const KIND: &'static str = "boundary_script";
}

impl BoundaryScript {
    /// Rejects values the page could never produce.
    pub fn check(&self) -> Result<(), String> {
        if !known_situation(&self.situation) {
            return Err("unknown situation".into());
        }
        if self.title.chars().count() > MAX_TITLE || self.text.chars().count() > MAX_TEXT {
            return Err("text too long".into());
        }
        Ok(())
    }

    /// Whether there is nothing in it worth keeping.
    pub fn is_blank(&self) -> bool {
        self.title.trim().is_empty() && self.text.trim().is_empty()
    }
}

/// One boundary held.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoundaryHeld {
    /// A ready situation, if it was one of those.
    #[serde(default)]
    pub situation: Option<String>,
    /// What the boundary was, in the person's words.
    #[serde(default)]
    pub what: String,
    /// How it felt, 0-10.
    pub felt: u8,
    #[serde(default)]
    pub note: String,
    pub at: Timestamp,
}

impl Record for BoundaryHeld {
    const KIND: &'static str = "boundary_held";
}

impl BoundaryHeld {
    /// Rejects values the form could never produce.
    pub fn check(&self) -> Result<(), String> {
        if !known_situation(&self.situation) {
            return Err("unknown situation".into());
        }
        if self.felt > MAX_FELT {
            return Err(format!("felt must be 0-{MAX_FELT}"));
        }
        if self.what.chars().count() > MAX_TITLE || self.note.chars().count() > MAX_TEXT {
            return Err("text too long".into());
        }
        if self.situation.is_none() && self.what.trim().is_empty() {
            return Err("say what the boundary was".into());
        }
        Ok(())
    }
}

/// The "I held a boundary" form as it is being filled in.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeldDraft {
    #[serde(default)]
    pub situation: Option<String>,
    #[serde(default)]
    pub what: String,
    #[serde(default)]
    pub felt: Option<u8>,
    #[serde(default)]
    pub note: String,
}

impl Record for HeldDraft {
    const KIND: &'static str = "boundary_held_draft";
}

impl HeldDraft {
    /// The one draft's id.
    pub const ID: &'static str = "current";

    /// Rejects values the form could never produce.
    pub fn check(&self) -> Result<(), String> {
        if !known_situation(&self.situation) {
            return Err("unknown situation".into());
        }
        if self.felt.is_some_and(|f| f > MAX_FELT) {
            return Err("felt out of range".into());
        }
        if self.what.chars().count() > MAX_TITLE || self.note.chars().count() > MAX_TEXT {
            return Err("text too long".into());
        }
        Ok(())
    }

    /// Whether nothing worth keeping is in it (a middle rating is untouched).
    pub fn is_blank(&self) -> bool {
        self.situation.is_none()
            && self.what.trim().is_empty()
            && self.note.trim().is_empty()
            && (self.felt.is_none() || self.felt == Some(5))
    }

    /// The log entry it makes, or `None` while it does not say what the
    /// boundary was (neither a situation nor words).
    pub fn finish(&self, at: Timestamp) -> Option<BoundaryHeld> {
        let what: String = self.what.trim().chars().take(MAX_TITLE).collect();
        let situation = self
            .situation
            .clone()
            .filter(|s| SITUATIONS.contains(&s.as_str()));
        if situation.is_none() && what.is_empty() {
            return None;
        }
        Some(BoundaryHeld {
            situation,
            what,
            felt: self.felt.unwrap_or(5).min(MAX_FELT),
            note: self.note.trim().chars().take(MAX_TEXT).collect(),
            at,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::parse;

    fn now() -> Timestamp {
        parse("2026-11-28T18:00:00+05:30").unwrap()
    }

    #[test]
    fn a_held_boundary_needs_a_situation_or_words() {
        let mut d = HeldDraft::default();
        assert!(d.is_blank());
        assert_eq!(d.finish(now()), None);
        d.what = "   ".into();
        assert_eq!(d.finish(now()), None);
        d.situation = Some("money".into());
        d.felt = Some(3);
        let h = d.finish(now()).unwrap();
        assert_eq!((h.situation.as_deref(), h.felt), (Some("money"), 3));
        assert!(h.check().is_ok());
        d.situation = None;
        d.what = " Said no to the late shift ".into();
        let h = d.finish(now()).unwrap();
        assert_eq!(h.what, "Said no to the late shift");
        assert!(h.check().is_ok());
    }

    #[test]
    fn impossible_values_are_refused() {
        let good = BoundaryHeld {
            situation: Some("late".into()),
            what: String::new(),
            felt: 6,
            note: String::new(),
            at: now(),
        };
        assert!(good.check().is_ok());
        assert!(BoundaryHeld {
            felt: 11,
            ..good.clone()
        }
        .check()
        .is_err());
        assert!(BoundaryHeld {
            situation: Some("boss".into()),
            ..good.clone()
        }
        .check()
        .is_err());
        assert!(BoundaryHeld {
            situation: None,
            ..good.clone()
        }
        .check()
        .is_err());
        assert!(BoundaryHeld {
            note: "x".repeat(MAX_TEXT + 1),
            ..good
        }
        .check()
        .is_err());
        let script = BoundaryScript {
            situation: None,
            title: "Mum".into(),
            text: "Not today.".into(),
            updated: now(),
        };
        assert!(script.check().is_ok());
        assert!(!script.is_blank());
        assert!(BoundaryScript {
            situation: Some("x".into()),
            ..script.clone()
        }
        .check()
        .is_err());
        assert!(BoundaryScript {
            text: "x".repeat(MAX_TEXT + 1),
            ..script.clone()
        }
        .check()
        .is_err());
        assert!(BoundaryScript {
            title: " ".into(),
            text: "".into(),
            ..script
        }
        .is_blank());
        assert!(HeldDraft {
            felt: Some(12),
            ..Default::default()
        }
        .check()
        .is_err());
    }
}
