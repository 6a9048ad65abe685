//! Plain-Rust records and rules. Nothing here knows about Leptos, web-sys or
//! local storage: every type is serialisable and tested with `cargo test`.
//!
//! Each stored record has a *kind* (the folder-like first half of its storage
//! key). [`validate`] is how the store asks whether a body read from storage or
//! a backup really is a record of that kind.

pub mod backup_reminder;
pub mod boundaries;
pub mod breathing;
pub mod compassion_break;
pub mod compassionate_letter;
pub mod discretion;
pub mod feelings;
pub mod field_draft;
pub mod friend_view;
pub mod grounding;
pub mod inner_child;
pub mod journal;
pub mod kind_phrases;
pub mod measures;
pub mod micro_goals;
pub mod movement;
pub mod opening_up;
pub mod order;
pub mod profile;
pub mod progress;
pub mod reconnection;
pub mod reminders;
pub mod solo_time;
pub mod thought_record;
pub mod time;
pub mod understand;

use serde::de::DeserializeOwned;

/// A type that is stored as one document per id under a fixed kind.
pub trait Record: serde::Serialize + DeserializeOwned {
    /// The storage kind, e.g. `"profile"`. Lower case, digits and `_` only.
    const KIND: &'static str;
}

/// A new record id: the local time it was made plus a counter, e.g.
/// `20261128-213000-0042`. Sortable by creation time and unique within a
/// session; `salt` (for example a random number from the browser) keeps ids
/// from two tabs apart.
pub fn new_id(now: time::Timestamp, salt: u32) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed) % 10_000;
    format!(
        "{}-{:04}{:04x}",
        now.format("%Y%m%d-%H%M%S"),
        n,
        salt & 0xffff
    )
}

/// Checks that `body` is a valid record of `kind`.
///
/// Unknown kinds are accepted and kept untouched, so that data written by a
/// sibling tab running a slightly newer build is never thrown away.
pub fn validate(kind: &str, body: &serde_json::Value) -> Result<(), String> {
    validate_typed(kind, body).map(|_| ())
}

/// [`validate`], handing back the record it read (`None` for a kind this
/// version does not know), so the store need not read it a second time.
pub fn validate_typed(
    kind: &str,
    body: &serde_json::Value,
) -> Result<Option<Box<dyn std::any::Any>>, String> {
    read_typed(kind, Body::Value(body))
}

/// [`validate_typed`] reading the record straight from its JSON text (the
/// body of a stored document), without building a `serde_json::Value`
/// first. Whatever this accepts, [`validate_typed`] accepts on the same
/// text parsed into a value, and reads as the same record; it may refuse a
/// little more (a field written twice), so a refusal is worth checking with
/// [`validate_typed`], whose reason is the one to report.
pub fn validate_typed_text(
    kind: &str,
    body: &str,
) -> Result<Option<Box<dyn std::any::Any>>, String> {
    read_typed(kind, Body::Text(body))
}

/// Where validation reads a record from.
#[derive(Clone, Copy)]
enum Body<'a> {
    Value(&'a serde_json::Value),
    /// JSON text of one value.
    Text(&'a str),
}

impl Body<'_> {
    fn read<T: Record>(self) -> Result<T, String> {
        // Serde would also read a struct from an array of its fields in order;
        // every record is stored as an object, so anything else is refused.
        const NOT_AN_OBJECT: &str = "a record must be a JSON object";
        match self {
            Body::Value(body) if body.is_object() => {
                T::deserialize(body).map_err(|e| e.to_string())
            }
            Body::Text(body) if body.trim_start().starts_with('{') => {
                serde_json::from_str(body).map_err(|e| e.to_string())
            }
            _ => Err(NOT_AN_OBJECT.into()),
        }
    }
}

fn read_typed(kind: &str, body: Body) -> Result<Option<Box<dyn std::any::Any>>, String> {
    type Read = Result<Option<Box<dyn std::any::Any>>, String>;
    fn check<T: Record + 'static>(body: Body) -> Read {
        body.read::<T>()
            .map(|r| Some(Box::new(r) as Box<dyn std::any::Any>))
    }
    fn check_with<T: Record + 'static>(body: Body, rule: fn(&T) -> Result<(), String>) -> Read {
        let r = body.read::<T>()?;
        rule(&r)?;
        Ok(Some(Box::new(r)))
    }
    match kind {
        profile::Profile::KIND => check::<profile::Profile>(body),
        breathing::BreathingSession::KIND => check_with(body, breathing::BreathingSession::check),
        grounding::GroundingSession::KIND => check_with(body, grounding::GroundingSession::check),
        movement::MovementEntry::KIND => check_with(body, movement::MovementEntry::check),
        movement::MovementDraft::KIND => check::<movement::MovementDraft>(body),
        feelings::CheckIn::KIND => check::<feelings::CheckIn>(body),
        feelings::Draft::KIND => check::<feelings::Draft>(body),
        field_draft::FieldDraft::KIND => check_with(body, field_draft::FieldDraft::check),
        journal::JournalEntry::KIND => check::<journal::JournalEntry>(body),
        thought_record::ThoughtRecord::KIND => {
            check_with(body, thought_record::ThoughtRecord::check)
        }
        understand::ReadingNotes::KIND => check_with(body, understand::ReadingNotes::check),
        understand::WorthCheck::KIND => check_with(body, understand::WorthCheck::check),
        understand::ReadingPrefs::KIND => check_with(body, understand::ReadingPrefs::check),
        measures::MeasureResult::KIND => check_with(body, measures::MeasureResult::check),
        measures::MeasureDraft::KIND => check_with(body, measures::MeasureDraft::check),
        measures::MeasureSettings::KIND => check_with(body, measures::MeasureSettings::check),
        micro_goals::Goal::KIND => check_with(body, micro_goals::Goal::check),
        micro_goals::Win::KIND => check_with(body, micro_goals::Win::check),
        micro_goals::RestDay::KIND => check::<micro_goals::RestDay>(body),
        reconnection::Person::KIND => check_with(body, reconnection::Person::check),
        reconnection::Outreach::KIND => check_with(body, reconnection::Outreach::check),
        solo_time::SoloActivity::KIND => check_with(body, solo_time::SoloActivity::check),
        solo_time::SoloDraft::KIND => check_with(body, solo_time::SoloDraft::check),
        opening_up::OpeningStep::KIND => check_with(body, opening_up::OpeningStep::check),
        opening_up::OpeningDraft::KIND => check_with(body, opening_up::OpeningDraft::check),
        boundaries::BoundaryScript::KIND => check_with(body, boundaries::BoundaryScript::check),
        boundaries::BoundaryHeld::KIND => check_with(body, boundaries::BoundaryHeld::check),
        boundaries::HeldDraft::KIND => check_with(body, boundaries::HeldDraft::check),
        compassion_break::BreakLog::KIND => check_with(body, compassion_break::BreakLog::check),
        compassion_break::BreakDraft::KIND => check_with(body, compassion_break::BreakDraft::check),
        friend_view::FriendEntry::KIND => check_with(body, friend_view::FriendEntry::check),
        friend_view::FriendDraft::KIND => check_with(body, friend_view::FriendDraft::check),
        compassionate_letter::Letter::KIND => check_with(body, compassionate_letter::Letter::check),
        compassionate_letter::LetterDraft::KIND => {
            check_with(body, compassionate_letter::LetterDraft::check)
        }
        inner_child::Dialogue::KIND => check_with(body, inner_child::Dialogue::check),
        inner_child::Reflection::KIND => check_with(body, inner_child::Reflection::check),
        kind_phrases::OwnPhrase::KIND => check_with(body, kind_phrases::OwnPhrase::check),
        kind_phrases::Pins::KIND => check_with(body, kind_phrases::Pins::check),
        kind_phrases::PhraseDraft::KIND => check_with(body, kind_phrases::PhraseDraft::check),
        reminders::Reminder::KIND => check_with(body, reminders::Reminder::check),
        reminders::ReminderDraft::KIND => check_with(body, reminders::ReminderDraft::check),
        reminders::ReminderSettings::KIND => check::<reminders::ReminderSettings>(body),
        discretion::Discretion::KIND => check::<discretion::Discretion>(body),
        backup_reminder::BackupReminder::KIND => {
            check_with(body, backup_reminder::BackupReminder::check)
        }
        _ => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn validate_accepts_good_and_refuses_bad_profiles() {
        assert!(validate("profile", &json!({"welcomed": true, "setback": "job"})).is_ok());
        assert!(validate("profile", &json!({"welcomed": "yes"})).is_err());
        assert!(validate("profile", &json!({"setback": "<script>"})).is_err());
        assert!(validate("profile", &json!([1, 2])).is_err());
    }

    #[test]
    fn ids_are_valid_keys_sortable_and_unique() {
        let now = time::parse("2026-11-28T21:30:00+05:30").unwrap();
        let a = new_id(now, 7);
        let b = new_id(now, 7);
        assert_ne!(a, b);
        assert!(a.starts_with("20261128-213000-"));
        assert!(crate::store::valid_key(&format!("note/{a}")));
    }

    #[test]
    fn unknown_kinds_are_kept() {
        assert!(validate("future_exercise", &json!({"anything": 1})).is_ok());
    }
}
