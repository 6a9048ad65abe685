//! The self-compassion break: three short steps (notice that this hurts,
//! remember that others struggle like this too, offer yourself kindness),
//! then the kind words the person chose are kept in a log.
//!
//! While a break is in progress it lives in one draft
//! (`compassion_break_draft/current`), saved at every step and as the person
//! types, so a reload resumes it. Finishing turns it into a logged break
//! (`compassion_break/<id>`).

use serde::{Deserialize, Serialize};

use super::time::Timestamp;
use super::Record;

/// The steps, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakStep {
    /// Notice that this moment hurts.
    Notice,
    /// Others struggle like this too.
    Shared,
    /// Offer yourself some kindness.
    Kindness,
}

impl BreakStep {
    /// Every step in order.
    pub const ALL: [BreakStep; 3] = [Self::Notice, Self::Shared, Self::Kindness];

    /// Stable id for content and tests.
    pub fn id(self) -> &'static str {
        match self {
            Self::Notice => "notice",
            Self::Shared => "shared",
            Self::Kindness => "kindness",
        }
    }

    /// The inverse of [`BreakStep::id`].
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.id() == id)
    }

    /// The step at `index` (0-based).
    pub fn at(index: u8) -> Option<Self> {
        Self::ALL.get(usize::from(index)).copied()
    }
}

/// How many steps there are.
pub const STEPS: u8 = BreakStep::ALL.len() as u8;
/// Longest kind words, in characters.
pub const MAX_WORDS: usize = 2_000;
/// The longest break logged, in seconds (a forgotten tab is capped).
pub const MAX_SECONDS: u32 = 2 * 60 * 60;
/// The gentle timer offered on each step, in seconds.
pub const STEP_SECONDS: u32 = 30;

/// A finished break, as kept in the log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BreakLog {
    pub started_at: Timestamp,
    /// How long it took, in seconds.
    pub seconds: u32,
    /// How many steps were reached, 1-3.
    pub steps_reached: u8,
    /// The kind words the person wrote (may be blank).
    #[serde(default)]
    pub kind_words: String,
}

impl Record for BreakLog {
    const KIND: &'static str = "compassion_break";
}

impl BreakLog {
    /// Refuses values the app never writes.
    pub fn check(&self) -> Result<(), String> {
        if !(1..=STEPS).contains(&self.steps_reached) {
            return Err(format!("steps reached must be 1-{STEPS}"));
        }
        if self.seconds > MAX_SECONDS {
            return Err("the break is longer than the longest kept".into());
        }
        check_words(&self.kind_words)
    }
}

fn check_words(words: &str) -> Result<(), String> {
    if words.chars().count() > MAX_WORDS {
        return Err(format!(
            "the kind words are longer than {MAX_WORDS} characters"
        ));
    }
    Ok(())
}

/// A break in progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BreakDraft {
    pub started_at: Timestamp,
    /// The step shown, 0-2.
    pub step: u8,
    /// The furthest step shown so far, 0-2.
    #[serde(default)]
    pub furthest: u8,
    #[serde(default)]
    pub kind_words: String,
}

impl Record for BreakDraft {
    const KIND: &'static str = "compassion_break_draft";
}

impl BreakDraft {
    /// The one draft's id.
    pub const ID: &'static str = "current";

    /// A new break at the first step.
    pub fn start(now: Timestamp) -> Self {
        Self {
            started_at: now,
            step: 0,
            furthest: 0,
            kind_words: String::new(),
        }
    }

    /// The step shown.
    pub fn current(&self) -> BreakStep {
        BreakStep::at(self.step).unwrap_or(BreakStep::Kindness)
    }

    /// Whether this is the last step.
    pub fn is_last(&self) -> bool {
        self.step + 1 >= STEPS
    }

    /// On to the next step (stays on the last).
    pub fn next(&mut self) {
        if !self.is_last() {
            self.step += 1;
            self.furthest = self.furthest.max(self.step);
        }
    }

    /// Back one step (stays on the first).
    pub fn back(&mut self) {
        self.step = self.step.saturating_sub(1);
    }

    /// Replaces the kind words, cut to the limit.
    pub fn set_kind_words(&mut self, words: &str) {
        self.kind_words = words.chars().take(MAX_WORDS).collect();
    }

    /// Refuses shapes the app never writes.
    pub fn check(&self) -> Result<(), String> {
        if self.step >= STEPS || self.furthest >= STEPS {
            return Err("step out of range".into());
        }
        check_words(&self.kind_words)
    }

    /// The log entry for a break finished at `now`.
    pub fn finish(&self, now: Timestamp) -> BreakLog {
        let seconds = (now - self.started_at)
            .num_seconds()
            .clamp(0, i64::from(MAX_SECONDS));
        BreakLog {
            started_at: self.started_at,
            seconds: seconds as u32,
            steps_reached: self.furthest.max(self.step).min(STEPS - 1) + 1,
            kind_words: self.kind_words.trim().to_string(),
        }
    }
}

/// Minutes and seconds for a length in seconds, e.g. `(2, 5)` for 125.
pub fn minutes_seconds(seconds: u32) -> (u32, u32) {
    (seconds / 60, seconds % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::parse;
    use crate::domain::validate;
    use serde_json::json;

    fn at(s: &str) -> Timestamp {
        parse(s).unwrap()
    }

    #[test]
    fn steps_have_stable_ids_in_order() {
        let ids: Vec<&str> = BreakStep::ALL.iter().map(|s| s.id()).collect();
        assert_eq!(ids, ["notice", "shared", "kindness"]);
        for s in BreakStep::ALL {
            assert_eq!(BreakStep::from_id(s.id()), Some(s));
        }
        assert_eq!(BreakStep::from_id("other"), None);
        assert_eq!(BreakStep::at(3), None);
    }

    #[test]
    fn a_break_walks_forward_and_back_and_logs_what_was_reached() {
        let mut d = BreakDraft::start(at("2026-11-28T21:00:00+05:30"));
        assert_eq!(d.current(), BreakStep::Notice);
        d.back();
        assert_eq!(d.step, 0);
        d.next();
        assert_eq!(d.current(), BreakStep::Shared);
        // Finishing early logs the steps reached so far.
        let early = d.finish(at("2026-11-28T21:00:40+05:30"));
        assert_eq!((early.steps_reached, early.seconds), (2, 40));
        d.next();
        d.next();
        assert!(d.is_last());
        assert_eq!(d.current(), BreakStep::Kindness);
        d.back();
        d.set_kind_words("  May I be patient with myself.  ");
        let log = d.finish(at("2026-11-28T21:02:05+05:30"));
        assert_eq!(
            log.steps_reached, 3,
            "going back does not undo reaching a step"
        );
        assert_eq!(minutes_seconds(log.seconds), (2, 5));
        assert_eq!(log.kind_words, "May I be patient with myself.");
        assert!(log.check().is_ok());
    }

    #[test]
    fn lengths_are_kept_within_bounds() {
        let d = BreakDraft::start(at("2026-11-28T21:00:00+05:30"));
        // A clock that went backwards, and a tab left open for a day.
        assert_eq!(d.finish(at("2026-11-28T20:00:00+05:30")).seconds, 0);
        assert_eq!(
            d.finish(at("2026-11-29T21:00:00+05:30")).seconds,
            MAX_SECONDS
        );
        let mut d = d;
        d.set_kind_words(&"क".repeat(MAX_WORDS + 5));
        assert_eq!(d.kind_words.chars().count(), MAX_WORDS);
    }

    #[test]
    fn stored_breaks_are_checked() {
        let good = json!({
            "started_at": "2026-11-28T21:00:00+05:30",
            "seconds": 95,
            "steps_reached": 3,
            "kind_words": "This is hard, and I am doing my best."
        });
        assert_eq!(validate("compassion_break", &good), Ok(()));
        let with = |field: &str, value: serde_json::Value| {
            let mut v = good.clone();
            v[field] = value;
            v
        };
        for bad in [
            with("steps_reached", json!(0)),
            with("steps_reached", json!(4)),
            with("seconds", json!(MAX_SECONDS + 1)),
            with("seconds", json!(-1)),
            with("kind_words", json!("x".repeat(MAX_WORDS + 1))),
            with("before", json!(3)),
            with("step", json!("kindness")),
        ] {
            assert!(validate("compassion_break", &bad).is_err(), "{bad}");
        }
        let draft = json!({"started_at": "2026-11-28T21:00:00+05:30", "step": 2, "furthest": 2});
        assert_eq!(validate("compassion_break_draft", &draft), Ok(()));
        let mut bad = draft.clone();
        bad["step"] = json!(3);
        assert!(validate("compassion_break_draft", &bad).is_err());
    }
}
