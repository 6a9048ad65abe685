//! The compassionate letter: the person writes to themselves as a friend
//! who loves them without conditions, sets it aside for a few days, then
//! reads it again.
//!
//! One record per letter (`compassionate_letter/<id>`) and one draft
//! (`compassionate_letter_draft/current`) kept while writing. Scheduling
//! counts calendar days in the local offset: a letter written on the 1st
//! with "7 days" is offered from the start of the 8th, whatever the hour.
//!
//! Rereading is allowed at any time, before the date too. Marking a letter
//! reread records when (and, optionally, how it felt) and then schedules
//! nothing further, unless the person asks to see it "again in N days":
//! then the next date counts from the day of that reread.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::time::Timestamp;
use super::Record;

/// Longest letter, in characters.
pub const MAX_TEXT: usize = 20_000;
/// Longest note on how a reread felt.
pub const MAX_NOTE: usize = 2_000;
/// Most rereads kept on one letter.
pub const MAX_REREADS: usize = 500;
/// The waits the person can choose, in days.
pub const DAY_CHOICES: [u16; 4] = [3, 7, 14, 30];
/// The wait chosen when nothing else was.
pub const DEFAULT_DAYS: u16 = 7;

/// One time the letter was read again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reread {
    pub at: Timestamp,
    /// How it felt to read it (optional, may be blank).
    #[serde(default)]
    pub note: String,
}

/// A saved letter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Letter {
    /// When it was saved.
    pub written: Timestamp,
    pub text: String,
    /// Days to wait before offering it again, counted from the day it was
    /// written or, after a reread, from that reread; `None` once the person
    /// has reread it and asked for no further reminder.
    pub reread_after_days: Option<u16>,
    /// Every reread, oldest first.
    #[serde(default)]
    pub rereads: Vec<Reread>,
    /// A note on the next reread, kept while it is being typed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note_draft: String,
}

impl Record for Letter {
    const KIND: &'static str = "compassionate_letter";
}

/// Why a letter cannot be saved yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LetterProblem {
    /// Nothing written.
    Empty,
    /// A wait that is not one of [`DAY_CHOICES`].
    Days,
}

/// Whether `days` is one of the waits offered.
pub fn valid_days(days: u16) -> bool {
    DAY_CHOICES.contains(&days)
}

fn cut(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

impl Letter {
    /// A letter saved at `now` to be offered again after `days`.
    pub fn new(text: &str, days: u16, now: Timestamp) -> Result<Self, LetterProblem> {
        if text.trim().is_empty() {
            return Err(LetterProblem::Empty);
        }
        if !valid_days(days) {
            return Err(LetterProblem::Days);
        }
        Ok(Letter {
            written: now,
            text: cut(text.trim_end(), MAX_TEXT),
            reread_after_days: Some(days),
            rereads: Vec::new(),
            note_draft: String::new(),
        })
    }

    /// Checks every limit; the error says which one failed.
    pub fn check(&self) -> Result<(), String> {
        if self.text.trim().is_empty() {
            return Err("the letter is empty".into());
        }
        if self.text.chars().count() > MAX_TEXT {
            return Err(format!("the letter is longer than {MAX_TEXT} characters"));
        }
        if let Some(days) = self.reread_after_days {
            if !valid_days(days) {
                return Err(format!("{days} days is not one of the waits offered"));
            }
        }
        if self.rereads.len() > MAX_REREADS {
            return Err(format!("more than {MAX_REREADS} rereads"));
        }
        if self.note_draft.chars().count() > MAX_NOTE
            || self
                .rereads
                .iter()
                .any(|r| r.note.chars().count() > MAX_NOTE)
        {
            return Err(format!("a note is longer than {MAX_NOTE} characters"));
        }
        Ok(())
    }

    /// When the wait counts from: the last reread, else the writing.
    fn anchor(&self) -> Timestamp {
        self.rereads.last().map_or(self.written, |r| r.at)
    }

    /// The last reread, if any.
    pub fn last_reread(&self) -> Option<&Reread> {
        self.rereads.last()
    }

    /// Records a reread at `now` (allowed before the date too). `again`
    /// asks for one more offer that many days later; `None` means no
    /// further reminder. A wait that is not offered is refused.
    pub fn mark_reread(
        &mut self,
        now: Timestamp,
        note: &str,
        again: Option<u16>,
    ) -> Result<(), LetterProblem> {
        if again.is_some_and(|d| !valid_days(d)) {
            return Err(LetterProblem::Days);
        }
        if self.rereads.len() >= MAX_REREADS {
            self.rereads.remove(0);
        }
        self.rereads.push(Reread {
            at: now,
            note: cut(note.trim(), MAX_NOTE),
        });
        self.reread_after_days = again;
        self.note_draft.clear();
        Ok(())
    }

    /// Keeps the note being typed for the next reread, cut to the limit.
    pub fn set_note_draft(&mut self, note: &str) {
        self.note_draft = cut(note, MAX_NOTE);
    }
}

/// The local calendar day from which the letter is offered again; `None`
/// when nothing is scheduled.
pub fn reread_on(letter: &Letter) -> Option<NaiveDate> {
    let days = letter.reread_after_days?;
    letter
        .anchor()
        .date_naive()
        .checked_add_days(Days::new(u64::from(days)))
}

/// Whether the letter is ready to be read again at `now` (by the calendar
/// day in `now`'s offset).
pub fn due(letter: &Letter, now: Timestamp) -> bool {
    reread_on(letter).is_some_and(|day| now.date_naive() >= day)
}

/// The letters ready to read again at `now`, the longest waiting first
/// (earliest date, then earliest written).
pub fn due_letters(letters: &[(String, Letter)], now: Timestamp) -> Vec<&(String, Letter)> {
    let mut ready: Vec<&(String, Letter)> = letters.iter().filter(|(_, l)| due(l, now)).collect();
    crate::domain::order::sort_by(&mut ready, |(ia, a), (ib, b)| {
        reread_on(a)
            .cmp(&reread_on(b))
            .then(a.written.cmp(&b.written))
            .then(ia.cmp(ib))
    });
    ready
}

/// The letter being written, kept so nothing typed is lost.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LetterDraft {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub days: Option<u16>,
}

impl Record for LetterDraft {
    const KIND: &'static str = "compassionate_letter_draft";
}

impl LetterDraft {
    /// The one draft's id.
    pub const ID: &'static str = "current";

    /// Nothing worth keeping.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// Refuses over-long text and waits that are not offered.
    pub fn check(&self) -> Result<(), String> {
        if self.text.chars().count() > MAX_TEXT {
            return Err(format!("the draft is longer than {MAX_TEXT} characters"));
        }
        if self.days.is_some_and(|d| !valid_days(d)) {
            return Err("the wait is not one of those offered".into());
        }
        Ok(())
    }

    /// The letter this draft makes, saved at `now`.
    pub fn finish(&self, now: Timestamp) -> Result<Letter, LetterProblem> {
        Letter::new(&self.text, self.days.unwrap_or(DEFAULT_DAYS), now)
    }
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

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn letter(written: &str, days: u16) -> Letter {
        Letter::new("Dear me, you did your best.", days, at(written)).unwrap()
    }

    #[test]
    fn reread_date_counts_calendar_days_not_hours() {
        // Written late at night: still offered from the start of day 8.
        let l = letter("2026-11-01T23:30:00+05:30", 7);
        assert_eq!(reread_on(&l), Some(day("2026-11-08")));
        assert!(!due(&l, at("2026-11-07T23:59:59+05:30")));
        assert!(due(&l, at("2026-11-08T00:00:00+05:30")));
        assert!(due(&l, at("2026-12-25T12:00:00+05:30")));
        // 23:30 in India is 18:00 UTC; the day is the local one.
        assert_eq!(l.written.naive_utc().date(), day("2026-11-01"));
        let early = letter("2026-11-02T00:30:00+05:30", 3);
        assert_eq!(early.written.naive_utc().date(), day("2026-11-01"));
        assert_eq!(reread_on(&early), Some(day("2026-11-05")));
    }

    #[test]
    fn every_wait_offered_schedules_and_month_ends_roll_over() {
        for days in DAY_CHOICES {
            let l = letter("2026-01-31T10:00:00+05:30", days);
            let expected = day("2026-01-31") + chrono::Duration::days(i64::from(days));
            assert_eq!(reread_on(&l), Some(expected));
        }
        assert_eq!(
            reread_on(&letter("2026-12-30T10:00:00+05:30", 3)),
            Some(day("2027-01-02"))
        );
    }

    #[test]
    fn bad_waits_and_empty_letters_are_refused() {
        let now = at("2026-11-01T10:00:00+05:30");
        assert_eq!(Letter::new("  \n ", 7, now), Err(LetterProblem::Empty));
        assert_eq!(Letter::new("hi", 5, now), Err(LetterProblem::Days));
        assert_eq!(Letter::new("hi", 0, now), Err(LetterProblem::Days));
        let long = Letter::new(&"a".repeat(MAX_TEXT + 9), 7, now).unwrap();
        assert_eq!(long.text.chars().count(), MAX_TEXT);
        let mut l = letter("2026-11-01T10:00:00+05:30", 7);
        assert_eq!(l.mark_reread(now, "", Some(2)), Err(LetterProblem::Days));
        assert!(l.rereads.is_empty());
    }

    #[test]
    fn rereading_stops_the_reminder_unless_asked_again() {
        let mut l = letter("2026-11-01T10:00:00+05:30", 3);
        l.mark_reread(at("2026-11-05T20:00:00+05:30"), "  lighter  ", None)
            .unwrap();
        assert_eq!(reread_on(&l), None);
        assert!(!due(&l, at("2027-11-05T20:00:00+05:30")));
        assert_eq!(l.rereads.len(), 1);
        assert_eq!(l.last_reread().unwrap().note, "lighter");

        // "Again in 14 days" counts from the day of that reread.
        let mut l = letter("2026-11-01T10:00:00+05:30", 3);
        l.mark_reread(at("2026-11-06T22:00:00+05:30"), "", Some(14))
            .unwrap();
        assert_eq!(reread_on(&l), Some(day("2026-11-20")));
        assert!(!due(&l, at("2026-11-19T23:00:00+05:30")));
        assert!(due(&l, at("2026-11-20T06:00:00+05:30")));
    }

    #[test]
    fn the_note_being_typed_is_kept_until_the_reread_is_recorded() {
        let mut l = letter("2026-11-01T10:00:00+05:30", 7);
        l.set_note_draft(&"n".repeat(MAX_NOTE + 4));
        assert_eq!(l.note_draft.chars().count(), MAX_NOTE);
        l.set_note_draft("Softer than I thought");
        assert!(l.check().is_ok());
        l.mark_reread(at("2026-11-08T10:00:00+05:30"), &l.note_draft.clone(), None)
            .unwrap();
        assert_eq!(l.rereads[0].note, "Softer than I thought");
        assert_eq!(l.note_draft, "");
        let json = serde_json::to_value(&l).unwrap();
        assert!(json.get("note_draft").is_none());
    }

    #[test]
    fn rereading_before_the_date_is_allowed() {
        let mut l = letter("2026-11-01T10:00:00+05:30", 30);
        assert!(!due(&l, at("2026-11-02T10:00:00+05:30")));
        l.mark_reread(at("2026-11-02T10:00:00+05:30"), "", None)
            .unwrap();
        assert_eq!(l.rereads.len(), 1);
        assert!(!due(&l, at("2026-12-31T10:00:00+05:30")));
        assert!(l.check().is_ok());
    }

    #[test]
    fn due_letters_are_listed_oldest_first() {
        let now = at("2026-11-20T09:00:00+05:30");
        let letters = vec![
            ("c".to_string(), letter("2026-11-10T10:00:00+05:30", 7)), // 17th
            ("a".to_string(), letter("2026-11-01T10:00:00+05:30", 14)), // 15th
            ("b".to_string(), letter("2026-11-12T10:00:00+05:30", 3)), // 15th
            ("d".to_string(), letter("2026-11-18T10:00:00+05:30", 3)), // 21st
        ];
        let ids: Vec<&str> = due_letters(&letters, now)
            .into_iter()
            .map(|(id, _)| id.as_str())
            .collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert!(due_letters(&letters, at("2026-11-14T23:00:00+05:30")).is_empty());
    }

    #[test]
    fn drafts_finish_with_the_default_wait() {
        let now = at("2026-11-01T10:00:00+05:30");
        let mut d = LetterDraft::default();
        assert!(d.is_blank());
        assert_eq!(d.finish(now), Err(LetterProblem::Empty));
        d.text = "Dear friend".into();
        assert_eq!(d.finish(now).unwrap().reread_after_days, Some(DEFAULT_DAYS));
        d.days = Some(30);
        assert_eq!(d.finish(now).unwrap().reread_after_days, Some(30));
        d.days = Some(31);
        assert!(d.check().is_err());
    }

    #[test]
    fn stored_letters_are_checked() {
        let good = json!({
            "written": "2026-11-01T10:00:00+05:30",
            "text": "Dear me",
            "reread_after_days": 7,
            "rereads": [{"at": "2026-11-08T10:00:00+05:30", "note": "warm"}]
        });
        assert_eq!(validate("compassionate_letter", &good), Ok(()));
        let with = |field: &str, value: serde_json::Value| {
            let mut v = good.clone();
            v[field] = value;
            v
        };
        assert_eq!(
            validate(
                "compassionate_letter",
                &with("reread_after_days", json!(null))
            ),
            Ok(())
        );
        for bad in [
            with("reread_after_days", json!(5)),
            with("reread_after_days", json!(-7)),
            with("text", json!("  ")),
            with("text", json!("x".repeat(MAX_TEXT + 1))),
            with(
                "rereads",
                json!([{"at": "2026-11-08T10:00:00+05:30", "note": "x".repeat(MAX_NOTE + 1)}]),
            ),
            with("rereads", json!([{"at": "soon"}])),
            with("note_draft", json!("x".repeat(MAX_NOTE + 1))),
            with("written", json!("yesterday")),
            with("mood", json!(3)),
        ] {
            assert!(validate("compassionate_letter", &bad).is_err(), "{bad}");
        }
        assert_eq!(
            validate(
                "compassionate_letter_draft",
                &json!({"text": "Dear", "days": 14})
            ),
            Ok(())
        );
        assert!(validate("compassionate_letter_draft", &json!({"days": 9})).is_err());
    }
}
