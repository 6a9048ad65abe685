//! Opening up: small trust steps (share one feeling with one person, ask for
//! one small help...), each logged with who, what happened and how it felt.

use serde::{Deserialize, Serialize};

use super::time::Timestamp;
use super::Record;

/// The suggested steps, by content id (`opening_up_step_<id>`), smallest first.
pub const STEPS: [&str; 6] = [
    "share_feeling",
    "small_help",
    "hard_week",
    "accept_offer",
    "say_miss",
    "reply_honestly",
];
/// The id used for the person's own step.
pub const OWN: &str = "own";
/// How it felt runs from 0 (awful) to this.
pub const MAX_FELT: u8 = 10;
/// Longest name or nickname.
pub const MAX_WHO: usize = 100;
/// Longest own step.
pub const MAX_OWN: usize = 300;
/// Longest "what happened".
pub const MAX_TEXT: usize = 20_000;

/// Whether `id` is a known step (or the person's own).
pub fn known_step(id: &str) -> bool {
    id == OWN || STEPS.contains(&id)
}

/// One trust step taken.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpeningStep {
    /// A step id from [`STEPS`], or [`OWN`].
    pub step: String,
    /// The own step in the person's words (with [`OWN`]).
    #[serde(default)]
    pub own: String,
    /// A name or nickname (optional).
    #[serde(default)]
    pub who: String,
    #[serde(default)]
    pub happened: String,
    /// How it felt, 0-10.
    pub felt: u8,
    pub at: Timestamp,
}

impl Record for OpeningStep {
    const KIND: &'static str = "opening_step";
}

impl OpeningStep {
    /// Rejects values the form could never produce.
    pub fn check(&self) -> Result<(), String> {
        if !known_step(&self.step) {
            return Err(format!("unknown step {}", self.step));
        }
        if self.felt > MAX_FELT {
            return Err(format!("felt must be 0-{MAX_FELT}"));
        }
        if self.who.chars().count() > MAX_WHO
            || self.own.chars().count() > MAX_OWN
            || self.happened.chars().count() > MAX_TEXT
        {
            return Err("text too long".into());
        }
        Ok(())
    }
}

/// The form as it is being filled in.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpeningDraft {
    #[serde(default)]
    pub step: Option<String>,
    #[serde(default)]
    pub own: String,
    #[serde(default)]
    pub who: String,
    #[serde(default)]
    pub happened: String,
    #[serde(default)]
    pub felt: Option<u8>,
}

impl Record for OpeningDraft {
    const KIND: &'static str = "opening_draft";
}

/// What is missing from a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftProblem {
    NoStep,
    NoOwnWords,
}

impl OpeningDraft {
    /// The one draft's id.
    pub const ID: &'static str = "current";

    /// Rejects values the form could never produce.
    pub fn check(&self) -> Result<(), String> {
        if self.step.as_deref().is_some_and(|s| !known_step(s)) {
            return Err("unknown step".into());
        }
        if self.felt.is_some_and(|f| f > MAX_FELT) {
            return Err("felt out of range".into());
        }
        if self.who.chars().count() > MAX_WHO
            || self.own.chars().count() > MAX_OWN
            || self.happened.chars().count() > MAX_TEXT
        {
            return Err("text too long".into());
        }
        Ok(())
    }

    /// Whether nothing worth keeping is in it (a middle rating is untouched).
    pub fn is_blank(&self) -> bool {
        self.step.is_none()
            && self.own.trim().is_empty()
            && self.who.trim().is_empty()
            && self.happened.trim().is_empty()
            && (self.felt.is_none() || self.felt == Some(5))
    }

    /// The step it makes, or what is missing.
    pub fn finish(&self, at: Timestamp) -> Result<OpeningStep, DraftProblem> {
        let step = self
            .step
            .clone()
            .filter(|s| known_step(s))
            .ok_or(DraftProblem::NoStep)?;
        let own: String = self.own.trim().chars().take(MAX_OWN).collect();
        if step == OWN && own.is_empty() {
            return Err(DraftProblem::NoOwnWords);
        }
        Ok(OpeningStep {
            own: if step == OWN { own } else { String::new() },
            step,
            who: self.who.trim().chars().take(MAX_WHO).collect(),
            happened: self.happened.trim().chars().take(MAX_TEXT).collect(),
            felt: self.felt.unwrap_or(5).min(MAX_FELT),
            at,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::parse;

    #[test]
    fn a_draft_becomes_a_step_only_when_it_says_which_step() {
        let now = parse("2026-11-28T18:00:00+05:30").unwrap();
        let mut d = OpeningDraft::default();
        assert!(d.is_blank());
        assert_eq!(d.finish(now), Err(DraftProblem::NoStep));
        d.step = Some("nonsense".into());
        assert_eq!(d.finish(now), Err(DraftProblem::NoStep));
        d.step = Some(OWN.into());
        assert_eq!(d.finish(now), Err(DraftProblem::NoOwnWords));
        d.own = "  Told my sister about the exam ".into();
        d.who = " Didi ".into();
        d.felt = Some(7);
        let s = d.finish(now).unwrap();
        assert_eq!(
            (s.own.as_str(), s.who.as_str(), s.felt),
            ("Told my sister about the exam", "Didi", 7)
        );
        assert!(s.check().is_ok());
        d.step = Some("share_feeling".into());
        assert_eq!(d.finish(now).unwrap().own, "");
    }

    #[test]
    fn impossible_steps_are_refused() {
        let now = parse("2026-11-28T18:00:00+05:30").unwrap();
        let good = OpeningStep {
            step: "small_help".into(),
            own: String::new(),
            who: String::new(),
            happened: String::new(),
            felt: 4,
            at: now,
        };
        assert!(good.check().is_ok());
        assert!(OpeningStep {
            felt: 11,
            ..good.clone()
        }
        .check()
        .is_err());
        assert!(OpeningStep {
            step: "<b>".into(),
            ..good.clone()
        }
        .check()
        .is_err());
        assert!(OpeningStep {
            who: "x".repeat(MAX_WHO + 1),
            ..good.clone()
        }
        .check()
        .is_err());
        assert!(OpeningStep {
            happened: "x".repeat(MAX_TEXT + 1),
            ..good
        }
        .check()
        .is_err());
        assert!(OpeningDraft {
            felt: Some(11),
            ..Default::default()
        }
        .check()
        .is_err());
        assert!(OpeningDraft {
            step: Some("x".into()),
            ..Default::default()
        }
        .check()
        .is_err());
    }
}
