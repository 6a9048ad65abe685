//! A personal bank of kind phrases: suggested ones (from the content) and
//! the person's own, with a few pinned to the home screen.
//!
//! Own phrases are one record each (`kind_phrase/<id>`); the pins are one
//! small record (`kind_phrase_pins/current`) that keeps their order. The
//! half-written new phrase is a draft (`kind_phrase_draft/current`).

use serde::{Deserialize, Serialize};

use super::profile::Setback;
use super::time::Timestamp;
use super::Record;
use crate::content::Text;

/// Longest phrase, in characters.
pub const MAX_PHRASE: usize = 300;
/// Most phrases pinned to the home screen at once.
pub const MAX_PINS: usize = 5;
/// Longest id (suggested or own).
const MAX_ID: usize = 64;

/// The suggested phrases, with the setback each one speaks to best
/// (`None`: any day).
pub const SUGGESTED: [(&str, Option<Setback>); 12] = [
    ("still_here", None),
    ("one_step", None),
    ("gentle_voice", None),
    ("feelings_pass", None),
    ("worth_not_earned", None),
    ("rest_allowed", None),
    ("exam_one_day", Some(Setback::Exam)),
    ("exam_learning", Some(Setback::Exam)),
    ("job_not_title", Some(Setback::Job)),
    ("job_skills_stay", Some(Setback::Job)),
    ("breakup_loved", Some(Setback::Relationship)),
    ("breakup_grief", Some(Setback::Relationship)),
];

/// The words of a suggested phrase in the person's language.
pub fn suggested_text(t: &'static Text, id: &str) -> Option<&'static str> {
    Some(match id {
        "still_here" => t.kind_phrases().suggested_still_here,
        "one_step" => t.kind_phrases().suggested_one_step,
        "gentle_voice" => t.kind_phrases().suggested_gentle_voice,
        "feelings_pass" => t.kind_phrases().suggested_feelings_pass,
        "worth_not_earned" => t.kind_phrases().suggested_worth_not_earned,
        "rest_allowed" => t.kind_phrases().suggested_rest_allowed,
        "exam_one_day" => t.kind_phrases().suggested_exam_one_day,
        "exam_learning" => t.kind_phrases().suggested_exam_learning,
        "job_not_title" => t.kind_phrases().suggested_job_not_title,
        "job_skills_stay" => t.kind_phrases().suggested_job_skills_stay,
        "breakup_loved" => t.kind_phrases().suggested_breakup_loved,
        "breakup_grief" => t.kind_phrases().suggested_breakup_grief,
        _ => return None,
    })
}

/// The suggested ids in the order to offer them: those that fit the
/// person's setback first, then the ones for any day, then the rest.
pub fn suggested_for(setback: Option<Setback>) -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = Vec::new();
    if let Some(s) = setback {
        ids.extend(
            SUGGESTED
                .iter()
                .filter(|(_, fits)| *fits == Some(s))
                .map(|(id, _)| *id),
        );
    }
    ids.extend(
        SUGGESTED
            .iter()
            .filter(|(_, fits)| fits.is_none())
            .map(|(id, _)| *id),
    );
    ids.extend(
        SUGGESTED
            .iter()
            .filter(|(_, fits)| fits.is_some() && *fits != setback)
            .map(|(id, _)| *id),
    );
    ids
}

/// A phrase the person wrote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OwnPhrase {
    pub text: String,
    pub created: Timestamp,
    pub updated: Timestamp,
}

impl Record for OwnPhrase {
    const KIND: &'static str = "kind_phrase";
}

/// Why a phrase was not kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhraseError {
    Empty,
    TooLong,
}

/// Tidies a phrase: trimmed, and refused when empty or too long.
pub fn tidy_phrase(raw: &str) -> Result<String, PhraseError> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(PhraseError::Empty);
    }
    if text.chars().count() > MAX_PHRASE {
        return Err(PhraseError::TooLong);
    }
    Ok(text.to_string())
}

impl OwnPhrase {
    /// A new phrase, tidied.
    pub fn new(raw: &str, now: Timestamp) -> Result<Self, PhraseError> {
        Ok(OwnPhrase {
            text: tidy_phrase(raw)?,
            created: now,
            updated: now,
        })
    }

    /// Changes the words, tidied.
    pub fn edit(&mut self, raw: &str, now: Timestamp) -> Result<(), PhraseError> {
        self.text = tidy_phrase(raw)?;
        self.updated = now;
        Ok(())
    }

    /// Checks every limit.
    pub fn check(&self) -> Result<(), String> {
        match tidy_phrase(&self.text) {
            Ok(t) if t == self.text => Ok(()),
            Ok(_) => Err("the phrase has spaces around it".into()),
            Err(PhraseError::Empty) => Err("the phrase is empty".into()),
            Err(PhraseError::TooLong) => {
                Err(format!("the phrase is longer than {MAX_PHRASE} characters"))
            }
        }
    }
}

/// The new phrase as it is being written.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhraseDraft {
    #[serde(default)]
    pub text: String,
}

impl Record for PhraseDraft {
    const KIND: &'static str = "kind_phrase_draft";
}

impl PhraseDraft {
    /// The one draft's id.
    pub const ID: &'static str = "current";

    /// Checks the limit (a little room over [`MAX_PHRASE`] so a paste can
    /// be trimmed by the person rather than lost).
    pub fn check(&self) -> Result<(), String> {
        if self.text.chars().count() > MAX_PHRASE * 4 {
            return Err("the draft is too long".into());
        }
        Ok(())
    }
}

/// Which phrase: a suggested one by its content id, or one of the person's
/// own by its record id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "from", content = "id", rename_all = "snake_case")]
pub enum PhraseRef {
    Suggested(String),
    Own(String),
}

impl PhraseRef {
    fn valid(&self) -> bool {
        let (id, extra) = match self {
            PhraseRef::Suggested(id) => (id, false),
            PhraseRef::Own(id) => (id, true),
        };
        (1..=MAX_ID).contains(&id.len())
            && id.bytes().all(|b| {
                b.is_ascii_lowercase()
                    || b.is_ascii_digit()
                    || b == b'_'
                    || (extra && (b == b'-' || b.is_ascii_uppercase()))
            })
    }
}

/// The pinned phrases, in the order they were pinned.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pins {
    #[serde(default)]
    pub pinned: Vec<PhraseRef>,
}

impl Record for Pins {
    const KIND: &'static str = "kind_phrase_pins";
}

/// Why a phrase was not pinned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinError {
    /// Already [`MAX_PINS`] pinned.
    Full,
    /// Not a phrase id.
    Invalid,
}

impl Pins {
    /// The one record's id.
    pub const ID: &'static str = "current";

    /// Checks the limits: few enough, valid ids, no duplicates.
    pub fn check(&self) -> Result<(), String> {
        if self.pinned.len() > MAX_PINS {
            return Err(format!("more than {MAX_PINS} pins"));
        }
        for (i, p) in self.pinned.iter().enumerate() {
            if !p.valid() {
                return Err("a pinned id is not valid".into());
            }
            if self.pinned[..i].contains(p) {
                return Err("a phrase is pinned twice".into());
            }
        }
        Ok(())
    }

    pub fn is_pinned(&self, r: &PhraseRef) -> bool {
        self.pinned.contains(r)
    }

    pub fn is_full(&self) -> bool {
        self.pinned.len() >= MAX_PINS
    }

    /// Pins a phrase at the end (pinning it again changes nothing).
    pub fn pin(&mut self, r: PhraseRef) -> Result<(), PinError> {
        if !r.valid() {
            return Err(PinError::Invalid);
        }
        if self.is_pinned(&r) {
            return Ok(());
        }
        if self.is_full() {
            return Err(PinError::Full);
        }
        self.pinned.push(r);
        Ok(())
    }

    /// Unpins a phrase; the others keep their order.
    pub fn unpin(&mut self, r: &PhraseRef) {
        self.pinned.retain(|p| p != r);
    }

    /// Pins or unpins; returns whether it is pinned now.
    pub fn toggle(&mut self, r: PhraseRef) -> Result<bool, PinError> {
        if self.is_pinned(&r) {
            self.unpin(&r);
            Ok(false)
        } else {
            self.pin(r).map(|_| true)
        }
    }

    /// Call when an own phrase is deleted: it is unpinned too.
    pub fn forget_own(&mut self, id: &str) {
        self.unpin(&PhraseRef::Own(id.to_string()));
    }

    /// The pinned phrases' words, in pin order, skipping any that no longer
    /// exist (a deleted own phrase, a suggestion from a newer version).
    pub fn resolve(
        &self,
        t: &'static Text,
        own: &[(String, OwnPhrase)],
    ) -> Vec<(PhraseRef, String)> {
        self.pinned
            .iter()
            .filter_map(|p| {
                let words = match p {
                    PhraseRef::Suggested(id) => suggested_text(t, id).map(str::to_string),
                    PhraseRef::Own(id) => own
                        .iter()
                        .find(|(oid, _)| oid == id)
                        .map(|(_, o)| o.text.clone()),
                };
                words.map(|w| (p.clone(), w))
            })
            .collect()
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

    fn s(id: &str) -> PhraseRef {
        PhraseRef::Suggested(id.into())
    }

    fn o(id: &str) -> PhraseRef {
        PhraseRef::Own(id.into())
    }

    #[test]
    fn every_suggestion_has_words_and_each_setback_has_some() {
        let t = crate::content::for_language("en");
        assert!(SUGGESTED.len() >= 12);
        for (id, _) in SUGGESTED {
            assert!(suggested_text(t, id).is_some_and(|w| !w.is_empty()), "{id}");
            assert!(s(id).valid(), "{id}");
        }
        let mut ids: Vec<&str> = SUGGESTED.iter().map(|(id, _)| *id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), SUGGESTED.len());
        for setback in [Setback::Exam, Setback::Job, Setback::Relationship] {
            assert!(SUGGESTED.iter().any(|(_, f)| *f == Some(setback)));
        }
        assert_eq!(suggested_text(t, "from_a_newer_version"), None);
    }

    #[test]
    fn suggestions_that_fit_come_first_and_none_are_lost() {
        let job = suggested_for(Some(Setback::Job));
        assert_eq!(&job[..2], ["job_not_title", "job_skills_stay"]);
        assert_eq!(job[2], "still_here");
        assert_eq!(job.len(), SUGGESTED.len());
        let any = suggested_for(None);
        assert_eq!(any[0], "still_here");
        assert_eq!(any.len(), SUGGESTED.len());
        let other = suggested_for(Some(Setback::Other));
        assert_eq!(other.len(), SUGGESTED.len());
        let mut sorted = other.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), SUGGESTED.len());
    }

    #[test]
    fn own_phrases_are_tidied_and_limited() {
        let now = at("2026-11-28T21:00:00+05:30");
        let p = OwnPhrase::new("  I am learning, not failing.  ", now).unwrap();
        assert_eq!(p.text, "I am learning, not failing.");
        assert!(p.check().is_ok());
        assert_eq!(OwnPhrase::new(" \n ", now), Err(PhraseError::Empty));
        assert_eq!(
            OwnPhrase::new(&"a".repeat(MAX_PHRASE + 1), now),
            Err(PhraseError::TooLong)
        );
        assert!(OwnPhrase::new(&"आ".repeat(MAX_PHRASE), now).is_ok());
        let mut q = p.clone();
        let later = at("2026-11-29T08:00:00+05:30");
        assert_eq!(q.edit("   ", later), Err(PhraseError::Empty));
        assert_eq!(q.text, p.text);
        q.edit("Still here.", later).unwrap();
        assert_eq!(q.text, "Still here.");
        assert_eq!(q.updated, later);
    }

    #[test]
    fn pins_keep_order_and_stop_at_the_limit() {
        let mut pins = Pins::default();
        pins.pin(s("one_step")).unwrap();
        pins.pin(o("20261128-210000-00010abc")).unwrap();
        pins.pin(s("one_step")).unwrap();
        assert_eq!(pins.pinned.len(), 2);
        for id in ["still_here", "gentle_voice", "rest_allowed"] {
            pins.pin(s(id)).unwrap();
        }
        assert!(pins.is_full());
        assert_eq!(pins.pin(s("feelings_pass")), Err(PinError::Full));
        assert_eq!(pins.toggle(s("feelings_pass")), Err(PinError::Full));
        assert_eq!(pins.toggle(s("still_here")), Ok(false));
        assert_eq!(pins.toggle(s("feelings_pass")), Ok(true));
        assert_eq!(
            pins.pinned,
            [
                s("one_step"),
                o("20261128-210000-00010abc"),
                s("gentle_voice"),
                s("rest_allowed"),
                s("feelings_pass")
            ]
        );
        assert_eq!(pins.pin(s("<script>")), Err(PinError::Invalid));
        assert!(pins.check().is_ok());
    }

    #[test]
    fn deleting_an_own_phrase_unpins_it_and_missing_ones_are_skipped() {
        let t = crate::content::for_language("en");
        let now = at("2026-11-28T21:00:00+05:30");
        let own = vec![
            ("a1".to_string(), OwnPhrase::new("Mine one", now).unwrap()),
            ("b2".to_string(), OwnPhrase::new("Mine two", now).unwrap()),
        ];
        let mut pins = Pins::default();
        pins.pin(o("b2")).unwrap();
        pins.pin(s("one_step")).unwrap();
        pins.pin(o("a1")).unwrap();
        pins.pin(s("gone_in_this_version")).unwrap();
        let words: Vec<String> = pins.resolve(t, &own).into_iter().map(|(_, w)| w).collect();
        assert_eq!(
            words,
            [
                "Mine two".to_string(),
                t.kind_phrases().suggested_one_step.to_string(),
                "Mine one".to_string()
            ]
        );
        pins.forget_own("b2");
        assert!(!pins.is_pinned(&o("b2")));
        assert_eq!(pins.pinned.len(), 3);
        let remaining = vec![own[0].clone()];
        assert_eq!(pins.resolve(t, &remaining).len(), 2);
    }

    #[test]
    fn stored_values_are_checked() {
        let phrase = json!({
            "text": "I can begin again.",
            "created": "2026-11-28T21:00:00+05:30",
            "updated": "2026-11-28T21:00:00+05:30"
        });
        assert_eq!(validate("kind_phrase", &phrase), Ok(()));
        let mut empty = phrase.clone();
        empty["text"] = json!("  ");
        assert!(validate("kind_phrase", &empty).is_err());
        let mut long = phrase.clone();
        long["text"] = json!("x".repeat(MAX_PHRASE + 1));
        assert!(validate("kind_phrase", &long).is_err());

        let pins = json!({"pinned": [
            {"from": "suggested", "id": "one_step"},
            {"from": "own", "id": "20261128-210000-00010abc"}
        ]});
        assert_eq!(validate("kind_phrase_pins", &pins), Ok(()));
        assert!(validate(
            "kind_phrase_pins",
            &json!({"pinned": [{"from": "friend", "id": "x"}]})
        )
        .is_err());
        assert!(validate(
            "kind_phrase_pins",
            &json!({"pinned": [{"from": "own", "id": "a/b"}]})
        )
        .is_err());
        assert!(validate(
            "kind_phrase_pins",
            &json!({"pinned": [
                {"from": "own", "id": "a"},
                {"from": "own", "id": "a"}
            ]})
        )
        .is_err());
        let six: Vec<_> = (0..=MAX_PINS)
            .map(|i| json!({"from": "own", "id": format!("p{i}")}))
            .collect();
        assert!(validate("kind_phrase_pins", &json!({ "pinned": six })).is_err());

        assert_eq!(
            validate("kind_phrase_draft", &json!({"text": "half"})),
            Ok(())
        );
        assert!(validate("kind_phrase_draft", &json!({"text": 3})).is_err());
    }
}
