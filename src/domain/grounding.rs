//! 5-4-3-2-1 grounding: five steps through the senses, resumable, logged when
//! finished.

use serde::{Deserialize, Serialize};

use super::time::Timestamp;
use super::Record;

/// The senses in the order the exercise walks through them, with how many
/// things to notice for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sense {
    See,
    Touch,
    Hear,
    Smell,
    Taste,
}

impl Sense {
    /// The five steps in order.
    pub const STEPS: [Sense; 5] = [Self::See, Self::Touch, Self::Hear, Self::Smell, Self::Taste];

    /// How many things to notice: 5, 4, 3, 2, 1.
    pub fn count(self) -> u8 {
        match self {
            Self::See => 5,
            Self::Touch => 4,
            Self::Hear => 3,
            Self::Smell => 2,
            Self::Taste => 1,
        }
    }
}

/// Longest note for one sense.
pub const MAX_NOTE: usize = 500;

/// One grounding session: in progress while `finished_at` is `None`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroundingSession {
    pub started_at: Timestamp,
    /// The step being shown, 0-4 (5 once finished).
    pub step: u8,
    /// What the person wrote for each sense (optional), one per step.
    #[serde(default)]
    pub notes: Vec<String>,
    #[serde(default)]
    pub finished_at: Option<Timestamp>,
}

impl Record for GroundingSession {
    const KIND: &'static str = "grounding";
}

impl GroundingSession {
    /// A new session at the first step.
    pub fn start(at: Timestamp) -> Self {
        Self {
            started_at: at,
            step: 0,
            notes: vec![String::new(); Sense::STEPS.len()],
            finished_at: None,
        }
    }

    /// The sense for the current step, `None` when finished.
    pub fn sense(&self) -> Option<Sense> {
        Sense::STEPS.get(usize::from(self.step)).copied()
    }

    /// The note for the current step.
    pub fn note(&self) -> &str {
        self.notes
            .get(usize::from(self.step))
            .map_or("", String::as_str)
    }

    /// Replaces the current step's note (cut to [`MAX_NOTE`] characters).
    pub fn set_note(&mut self, text: &str) {
        let step = usize::from(self.step);
        if self.notes.len() < Sense::STEPS.len() {
            self.notes.resize(Sense::STEPS.len(), String::new());
        }
        if let Some(slot) = self.notes.get_mut(step) {
            *slot = text.chars().take(MAX_NOTE).collect();
        }
    }

    /// Moves on; after the last sense the session is finished at `at`.
    pub fn next(&mut self, at: Timestamp) {
        if self.finished_at.is_some() {
            return;
        }
        self.step += 1;
        if usize::from(self.step) >= Sense::STEPS.len() {
            self.step = Sense::STEPS.len() as u8;
            self.finished_at = Some(at);
        }
    }

    /// Goes back one step (not before the first).
    pub fn back(&mut self) {
        if self.finished_at.is_none() {
            self.step = self.step.saturating_sub(1);
        }
    }

    /// Rejects shapes the app never writes.
    pub fn check(&self) -> Result<(), String> {
        if usize::from(self.step) > Sense::STEPS.len() {
            return Err("step out of range".into());
        }
        if self.notes.len() > Sense::STEPS.len() {
            return Err("too many notes".into());
        }
        if self.notes.iter().any(|n| n.chars().count() > MAX_NOTE) {
            return Err("note too long".into());
        }
        if self.finished_at.is_some() != (usize::from(self.step) == Sense::STEPS.len()) {
            return Err("finished state does not match the step".into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::parse;

    #[test]
    fn counts_run_five_to_one() {
        let counts: Vec<u8> = Sense::STEPS.iter().map(|s| s.count()).collect();
        assert_eq!(counts, vec![5, 4, 3, 2, 1]);
    }

    #[test]
    fn a_session_walks_forward_and_back_and_finishes() {
        let t = parse("2026-11-28T18:00:00+05:30").unwrap();
        let mut s = GroundingSession::start(t);
        assert_eq!(s.sense(), Some(Sense::See));
        s.set_note("lamp, window, cup");
        s.back();
        assert_eq!(s.step, 0);
        for _ in 0..4 {
            s.next(t);
        }
        assert_eq!(s.sense(), Some(Sense::Taste));
        assert!(s.check().is_ok());
        s.next(t);
        assert_eq!(s.sense(), None);
        assert_eq!(s.finished_at, Some(t));
        assert_eq!(s.notes[0], "lamp, window, cup");
        s.back();
        s.next(t);
        assert_eq!(s.step, 5);
        assert!(s.check().is_ok());
    }

    #[test]
    fn notes_are_capped_and_bad_shapes_refused() {
        let t = parse("2026-11-28T18:00:00Z").unwrap();
        let mut s = GroundingSession::start(t);
        s.set_note(&"x".repeat(2000));
        assert_eq!(s.note().len(), MAX_NOTE);
        let mut bad = s.clone();
        bad.step = 9;
        assert!(bad.check().is_err());
        let mut bad = s.clone();
        bad.finished_at = Some(t);
        assert!(bad.check().is_err());
    }
}
