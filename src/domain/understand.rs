//! "Understand": the short readings, the person's notes on them, and the
//! reflective "what is my worth leaning on?" self-check (not a test, not a
//! diagnosis: a mirror).

use serde::{Deserialize, Serialize};

use super::time::Timestamp;
use super::Record;

/// The readings, in the order they are offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    Origins,
    Achievement,
    Approval,
    Repeated,
    Spillover,
    Helps,
    Setbacks,
}

impl Reading {
    /// Every reading, in order.
    pub const ALL: [Reading; 7] = [
        Self::Origins,
        Self::Achievement,
        Self::Approval,
        Self::Repeated,
        Self::Spillover,
        Self::Helps,
        Self::Setbacks,
    ];

    /// Stable id, used in the address and as the notes' record id.
    pub fn id(self) -> &'static str {
        match self {
            Self::Origins => "origins",
            Self::Achievement => "achievement",
            Self::Approval => "approval",
            Self::Repeated => "repeated",
            Self::Spillover => "spillover",
            Self::Helps => "helps",
            Self::Setbacks => "setbacks",
        }
    }

    /// The inverse of [`Reading::id`].
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.id() == id)
    }

    /// The in-app path of the exercise this reading leads to.
    pub fn practice(self) -> &'static str {
        match self {
            Self::Origins => "/journal/new",
            Self::Achievement | Self::Repeated => "/thoughts/new",
            Self::Approval => "/feelings",
            Self::Spillover => "/movement",
            Self::Helps => "/breathe",
            Self::Setbacks => "/grounding",
        }
    }
}

/// Most reflection answers kept per reading.
pub const QUESTIONS: usize = 2;
/// Longest reflection answer.
pub const MAX_ANSWER: usize = 4000;

/// The person's marks and private notes on one reading (id = reading id).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadingNotes {
    #[serde(default)]
    pub read_at: Option<Timestamp>,
    #[serde(default)]
    pub later: bool,
    /// Answers to the reflection questions, in order.
    #[serde(default)]
    pub answers: Vec<String>,
}

impl Record for ReadingNotes {
    const KIND: &'static str = "reading";
}

impl ReadingNotes {
    /// Whether the reading has been marked read.
    pub fn is_read(&self) -> bool {
        self.read_at.is_some()
    }

    /// Marks the reading read (keeping the first time) and clears "later".
    pub fn mark_read(&mut self, at: Timestamp) {
        self.read_at.get_or_insert(at);
        self.later = false;
    }

    /// The answer to question `n` (0-based).
    pub fn answer(&self, n: usize) -> &str {
        self.answers.get(n).map_or("", String::as_str)
    }

    /// Sets the answer to question `n`, cut to [`MAX_ANSWER`] characters.
    pub fn set_answer(&mut self, n: usize, text: &str) {
        if n >= QUESTIONS {
            return;
        }
        if self.answers.len() <= n {
            self.answers.resize(n + 1, String::new());
        }
        self.answers[n] = text.chars().take(MAX_ANSWER).collect();
    }

    /// Rejects shapes the app never writes.
    pub fn check(&self) -> Result<(), String> {
        if self.answers.len() > QUESTIONS {
            return Err("too many answers".into());
        }
        if self.answers.iter().any(|a| a.chars().count() > MAX_ANSWER) {
            return Err("answer too long".into());
        }
        Ok(())
    }
}

/// What a person's sense of worth may be leaning on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leaning {
    Achievement,
    BeingNeeded,
    Approval,
    Looks,
    Comparison,
}

impl Leaning {
    /// Every area, in the order asked.
    pub const ALL: [Leaning; 5] = [
        Self::Achievement,
        Self::BeingNeeded,
        Self::Approval,
        Self::Looks,
        Self::Comparison,
    ];

    /// The readings and exercises that fit this area, best first.
    pub fn suggestions(self) -> &'static [Suggestion] {
        use Suggestion::*;
        match self {
            Self::Achievement => &[ReadAchievement, ThoughtRecord],
            Self::BeingNeeded => &[ReadApproval, Journal],
            Self::Approval => &[ReadApproval, FeelingsCheckIn],
            Self::Looks => &[ReadOrigins, Journal],
            Self::Comparison => &[ReadRepeated, ThoughtRecord],
        }
    }
}

/// Something the self-check can point to next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suggestion {
    ReadOrigins,
    ReadAchievement,
    ReadApproval,
    ReadRepeated,
    ThoughtRecord,
    Journal,
    FeelingsCheckIn,
}

impl Suggestion {
    /// The in-app path it opens.
    pub fn path(self) -> &'static str {
        match self {
            Self::ReadOrigins => "/understand/origins",
            Self::ReadAchievement => "/understand/achievement",
            Self::ReadApproval => "/understand/approval",
            Self::ReadRepeated => "/understand/repeated",
            Self::ThoughtRecord => "/thoughts/new",
            Self::Journal => "/journal/new",
            Self::FeelingsCheckIn => "/feelings",
        }
    }
}

/// Ratings run 0 (no pull at all) to this (pulls very strongly).
pub const MAX_PULL: u8 = 10;

/// How strongly something pulls, in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pull {
    Light,
    Some,
    Strong,
}

/// 0-3 light, 4-6 some, 7-10 strong.
pub fn pull(rating: u8) -> Pull {
    match rating {
        0..=3 => Pull::Light,
        4..=6 => Pull::Some,
        _ => Pull::Strong,
    }
}

/// One taking of the self-check (id = a new record id).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorthCheck {
    pub at: Timestamp,
    /// One rating per [`Leaning::ALL`], in that order, 0-10.
    pub ratings: Vec<u8>,
}

impl Record for WorthCheck {
    const KIND: &'static str = "worth_check";
}

impl WorthCheck {
    /// Rejects shapes the app never writes.
    pub fn check(&self) -> Result<(), String> {
        if self.ratings.len() != Leaning::ALL.len() {
            return Err("one rating per area is needed".into());
        }
        if self.ratings.iter().any(|r| *r > MAX_PULL) {
            return Err("ratings run from 0 to 10".into());
        }
        Ok(())
    }

    /// The rating for one area.
    pub fn rating(&self, leaning: Leaning) -> u8 {
        let i = Leaning::ALL.iter().position(|l| *l == leaning).unwrap_or(0);
        self.ratings.get(i).copied().unwrap_or(0)
    }

    /// The areas that pull at least "some" (4+), strongest first; ties keep
    /// the order asked.
    pub fn strongest(&self) -> Vec<Leaning> {
        let mut areas: Vec<Leaning> = Leaning::ALL
            .into_iter()
            .filter(|l| pull(self.rating(*l)) != Pull::Light)
            .collect();
        crate::domain::order::sort_by_key(&mut areas, |l| std::cmp::Reverse(self.rating(*l)));
        areas
    }

    /// Up to three suggestions from the two strongest areas, without repeats.
    pub fn suggestions(&self) -> Vec<Suggestion> {
        let mut out = Vec::new();
        for leaning in self.strongest().into_iter().take(2) {
            for s in leaning.suggestions() {
                if !out.contains(s) && out.len() < 3 {
                    out.push(*s);
                }
            }
        }
        out
    }

    /// Change per area since an earlier check (positive: pulls more now).
    pub fn change_since(&self, earlier: &WorthCheck) -> Vec<(Leaning, i16)> {
        Leaning::ALL
            .into_iter()
            .map(|l| (l, i16::from(self.rating(l)) - i16::from(earlier.rating(l))))
            .collect()
    }
}

/// Reading text sizes offered (0 is the app's normal size).
pub const TEXT_SIZES: u8 = 4;

/// How the person likes readings shown (id "me").
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadingPrefs {
    /// 0 (normal) to `TEXT_SIZES - 1` (largest).
    #[serde(default)]
    pub text_size: u8,
}

impl Record for ReadingPrefs {
    const KIND: &'static str = "reading_prefs";
}

impl ReadingPrefs {
    /// The one record's id.
    pub const ID: &'static str = "me";

    /// Rejects sizes the app does not offer.
    pub fn check(&self) -> Result<(), String> {
        if self.text_size >= TEXT_SIZES {
            return Err("text size out of range".into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::parse;

    fn check(ratings: [u8; 5]) -> WorthCheck {
        WorthCheck {
            at: parse("2026-11-28T20:00:00+05:30").unwrap(),
            ratings: ratings.to_vec(),
        }
    }

    #[test]
    fn reading_ids_round_trip_and_lead_somewhere() {
        for r in Reading::ALL {
            assert_eq!(Reading::from_id(r.id()), Some(r));
            assert!(r.practice().starts_with('/'));
        }
        assert_eq!(Reading::from_id("nope"), None);
    }

    #[test]
    fn notes_keep_the_first_read_time_and_cap_answers() {
        let t1 = parse("2026-11-28T20:00:00Z").unwrap();
        let t2 = parse("2026-11-29T20:00:00Z").unwrap();
        let mut n = ReadingNotes {
            later: true,
            ..Default::default()
        };
        n.mark_read(t1);
        n.mark_read(t2);
        assert_eq!(n.read_at, Some(t1));
        assert!(!n.later);
        n.set_answer(1, "second");
        assert_eq!((n.answer(0), n.answer(1)), ("", "second"));
        n.set_answer(5, "ignored");
        assert_eq!(n.answers.len(), 2);
        n.set_answer(0, &"x".repeat(MAX_ANSWER + 10));
        assert_eq!(n.answer(0).len(), MAX_ANSWER);
        assert!(n.check().is_ok());
        n.answers.push("third".into());
        assert!(n.check().is_err());
    }

    #[test]
    fn pull_levels() {
        assert_eq!(pull(0), Pull::Light);
        assert_eq!(pull(3), Pull::Light);
        assert_eq!(pull(4), Pull::Some);
        assert_eq!(pull(6), Pull::Some);
        assert_eq!(pull(7), Pull::Strong);
        assert_eq!(pull(10), Pull::Strong);
    }

    #[test]
    fn strongest_areas_come_first_and_light_ones_are_left_out() {
        let c = check([8, 2, 9, 4, 3]);
        assert_eq!(
            c.strongest(),
            vec![Leaning::Approval, Leaning::Achievement, Leaning::Looks]
        );
        assert!(check([0, 1, 2, 3, 3]).strongest().is_empty());
        // Ties keep the order asked.
        assert_eq!(
            check([5, 5, 0, 0, 0]).strongest(),
            vec![Leaning::Achievement, Leaning::BeingNeeded]
        );
    }

    #[test]
    fn suggestions_follow_the_two_strongest_areas_without_repeats() {
        use Suggestion::*;
        assert_eq!(
            check([8, 2, 9, 4, 3]).suggestions(),
            vec![ReadApproval, FeelingsCheckIn, ReadAchievement]
        );
        assert_eq!(
            check([0, 7, 8, 0, 0]).suggestions(),
            vec![ReadApproval, FeelingsCheckIn, Journal]
        );
        assert!(check([1, 1, 1, 1, 1]).suggestions().is_empty());
    }

    #[test]
    fn changes_are_per_area() {
        let before = check([8, 2, 9, 4, 3]);
        let after = check([5, 2, 10, 0, 3]);
        let change = after.change_since(&before);
        assert_eq!(change[0], (Leaning::Achievement, -3));
        assert_eq!(change[2], (Leaning::Approval, 1));
        assert_eq!(change[3], (Leaning::Looks, -4));
    }

    #[test]
    fn bad_checks_and_prefs_are_refused() {
        let mut c = check([1, 2, 3, 4, 5]);
        assert!(c.check().is_ok());
        c.ratings.push(1);
        assert!(c.check().is_err());
        assert!(check([11, 0, 0, 0, 0]).check().is_err());
        assert!(ReadingPrefs { text_size: 3 }.check().is_ok());
        assert!(ReadingPrefs { text_size: 4 }.check().is_err());
    }
}
