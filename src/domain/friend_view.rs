//! Friend versus self: how the person would answer a friend in their
//! situation, how they have been talking to themselves, and, with the two
//! side by side, what would change.
//!
//! The entry being written is one draft (`friend_view_draft/current`),
//! saved as the person types; saving it makes an entry (`friend_view/<id>`).

use serde::{Deserialize, Serialize};

use super::time::Timestamp;
use super::Record;

/// Longest answer in any of the three boxes, in characters.
pub const MAX_TEXT: usize = 20_000;

/// The steps of the exercise, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FriendStep {
    /// What would you say to a friend?
    Friend,
    /// What have you been saying to yourself?
    SelfTalk,
    /// Side by side: what would change?
    Compare,
}

impl FriendStep {
    /// Every step in order.
    pub const ALL: [FriendStep; 3] = [Self::Friend, Self::SelfTalk, Self::Compare];

    /// Stable id.
    pub fn id(self) -> &'static str {
        match self {
            Self::Friend => "friend",
            Self::SelfTalk => "self_talk",
            Self::Compare => "compare",
        }
    }

    /// The step at `index` (0-based).
    pub fn at(index: u8) -> Option<Self> {
        Self::ALL.get(usize::from(index)).copied()
    }
}

/// A saved comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FriendEntry {
    /// What the person would say to a friend.
    pub friend: String,
    /// How they have been talking to themselves.
    pub self_talk: String,
    /// What would change (may be blank).
    #[serde(default)]
    pub change: String,
    pub created: Timestamp,
}

impl Record for FriendEntry {
    const KIND: &'static str = "friend_view";
}

fn check_text(what: &str, text: &str) -> Result<(), String> {
    if text.chars().count() > MAX_TEXT {
        return Err(format!("{what} is longer than {MAX_TEXT} characters"));
    }
    Ok(())
}

impl FriendEntry {
    /// Refuses values the app never writes.
    pub fn check(&self) -> Result<(), String> {
        if self.friend.trim().is_empty() && self.self_talk.trim().is_empty() {
            return Err("both answers are empty".into());
        }
        check_text("the answer to a friend", &self.friend)?;
        check_text("the self-talk", &self.self_talk)?;
        check_text("what would change", &self.change)
    }
}

/// The entry being written.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FriendDraft {
    /// The step shown, 0-2.
    #[serde(default)]
    pub step: u8,
    #[serde(default)]
    pub friend: String,
    #[serde(default)]
    pub self_talk: String,
    #[serde(default)]
    pub change: String,
    #[serde(default)]
    pub started: Option<Timestamp>,
}

impl Record for FriendDraft {
    const KIND: &'static str = "friend_view_draft";
}

/// What keeps a draft from being saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FriendProblem {
    /// Neither answer has been written.
    Empty,
}

fn cut(text: &str) -> String {
    text.chars().take(MAX_TEXT).collect()
}

impl FriendDraft {
    /// The one draft's id.
    pub const ID: &'static str = "current";

    /// The step shown.
    pub fn current(&self) -> FriendStep {
        FriendStep::at(self.step).unwrap_or(FriendStep::Compare)
    }

    /// Next step (stays on the last).
    pub fn next(&mut self) {
        if usize::from(self.step) + 1 < FriendStep::ALL.len() {
            self.step += 1;
        }
    }

    /// Back one step (stays on the first).
    pub fn back(&mut self) {
        self.step = self.step.saturating_sub(1);
    }

    /// Sets the text of one of the three boxes, cut to the limit; notes
    /// when writing started.
    pub fn set(&mut self, step: FriendStep, text: &str, now: Timestamp) {
        let text = cut(text);
        match step {
            FriendStep::Friend => self.friend = text,
            FriendStep::SelfTalk => self.self_talk = text,
            FriendStep::Compare => self.change = text,
        }
        self.started.get_or_insert(now);
    }

    /// The text of one box.
    pub fn text(&self, step: FriendStep) -> &str {
        match step {
            FriendStep::Friend => &self.friend,
            FriendStep::SelfTalk => &self.self_talk,
            FriendStep::Compare => &self.change,
        }
    }

    /// Nothing written in any box.
    pub fn is_blank(&self) -> bool {
        self.friend.trim().is_empty()
            && self.self_talk.trim().is_empty()
            && self.change.trim().is_empty()
    }

    /// Refuses shapes the app never writes.
    pub fn check(&self) -> Result<(), String> {
        if usize::from(self.step) >= FriendStep::ALL.len() {
            return Err("step out of range".into());
        }
        check_text("the answer to a friend", &self.friend)?;
        check_text("the self-talk", &self.self_talk)?;
        check_text("what would change", &self.change)
    }

    /// The entry this draft makes; `created` is when writing started (or
    /// `now` if that is unknown).
    pub fn finish(&self, now: Timestamp) -> Result<FriendEntry, FriendProblem> {
        if self.friend.trim().is_empty() && self.self_talk.trim().is_empty() {
            return Err(FriendProblem::Empty);
        }
        Ok(FriendEntry {
            friend: self.friend.trim().to_string(),
            self_talk: self.self_talk.trim().to_string(),
            change: self.change.trim().to_string(),
            created: self.started.unwrap_or(now),
        })
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

    #[test]
    fn a_draft_moves_through_the_steps_and_keeps_every_box() {
        let now = at("2026-11-28T21:00:00+05:30");
        let mut d = FriendDraft::default();
        assert!(d.is_blank());
        assert_eq!(d.current(), FriendStep::Friend);
        assert_eq!(d.finish(now), Err(FriendProblem::Empty));
        d.set(
            FriendStep::Friend,
            "  You worked so hard. One exam is not you. ",
            now,
        );
        d.next();
        assert_eq!(d.current(), FriendStep::SelfTalk);
        d.set(
            FriendStep::SelfTalk,
            "I'm useless.",
            at("2026-11-28T21:05:00+05:30"),
        );
        d.next();
        d.next();
        assert_eq!(d.current(), FriendStep::Compare);
        d.back();
        assert_eq!(d.text(FriendStep::SelfTalk), "I'm useless.");
        d.next();
        d.set(FriendStep::Compare, "I'd be gentler.", now);
        let e = d.finish(at("2026-11-28T21:10:00+05:30")).unwrap();
        assert_eq!(e.friend, "You worked so hard. One exam is not you.");
        assert_eq!(e.change, "I'd be gentler.");
        assert_eq!(e.created, now, "dated from when writing started");
        assert!(e.check().is_ok());
    }

    #[test]
    fn one_answer_is_enough_to_save() {
        let now = at("2026-11-28T21:00:00+05:30");
        let mut d = FriendDraft::default();
        d.set(FriendStep::SelfTalk, "I always mess up.", now);
        assert!(d.finish(now).is_ok());
        d.set(FriendStep::Compare, &"x".repeat(MAX_TEXT + 3), now);
        assert_eq!(d.change.chars().count(), MAX_TEXT);
    }

    #[test]
    fn stored_entries_and_drafts_are_checked() {
        let good = json!({
            "friend": "Be gentle with yourself.",
            "self_talk": "I should have known better.",
            "change": "Less shouting.",
            "created": "2026-11-28T21:00:00+05:30"
        });
        assert_eq!(validate("friend_view", &good), Ok(()));
        let with = |field: &str, value: serde_json::Value| {
            let mut v = good.clone();
            v[field] = value;
            v
        };
        for bad in [
            with("friend", json!("x".repeat(MAX_TEXT + 1))),
            with("change", json!("x".repeat(MAX_TEXT + 1))),
            with("created", json!("today")),
            with("extra", json!(true)),
            json!({"friend": " ", "self_talk": "", "created": "2026-11-28T21:00:00+05:30"}),
        ] {
            assert!(validate("friend_view", &bad).is_err(), "{bad}");
        }
        assert_eq!(
            validate("friend_view_draft", &json!({"step": 2, "friend": "hi"})),
            Ok(())
        );
        assert!(validate("friend_view_draft", &json!({"step": 3})).is_err());
        assert!(validate("friend_view_draft", &json!({"step": "compare"})).is_err());
    }
}
