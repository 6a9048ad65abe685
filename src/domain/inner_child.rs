//! Inner-child work: a written conversation between the person now and the
//! person at an age they choose, and three questions whose middle answer
//! ("what did they need to hear?") becomes a card for the home screen.
//!
//! A dialogue is one record (`inner_child/<id>`) holding its turns and the
//! half-written next turn, so a reload mid-sentence loses nothing. A
//! reflection is one record (`inner_child_reflection/<id>`), saved as the
//! person types.

use serde::{Deserialize, Serialize};

use super::journal::word_count;
use super::time::Timestamp;
use super::Record;

/// The youngest age that can be chosen.
pub const MIN_AGE: u8 = 1;
/// The oldest age that can be chosen.
pub const MAX_AGE: u8 = 25;
/// Longest single turn, in characters.
pub const MAX_TURN: usize = 5_000;
/// Most turns in one conversation.
pub const MAX_TURNS: usize = 200;
/// Longest answer to one reflection question, in characters.
pub const MAX_ANSWER: usize = 20_000;

/// Who is speaking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Voice {
    /// The person as they are today.
    Now,
    /// The person at the chosen age.
    Younger,
}

impl Voice {
    /// The other voice.
    pub fn other(self) -> Self {
        match self {
            Self::Now => Self::Younger,
            Self::Younger => Self::Now,
        }
    }

    /// Stable identifier for classes and tests.
    pub fn id(self) -> &'static str {
        match self {
            Self::Now => "now",
            Self::Younger => "younger",
        }
    }
}

/// One thing said in the conversation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Turn {
    pub voice: Voice,
    pub text: String,
}

/// A conversation between "me now" and "me at `age`".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dialogue {
    /// The younger self's age, [`MIN_AGE`]..=[`MAX_AGE`].
    pub age: u8,
    #[serde(default)]
    pub turns: Vec<Turn>,
    /// Who speaks next (alternates, but the person may switch it).
    pub next: Voice,
    /// The next turn as it is being written.
    #[serde(default)]
    pub draft: String,
    pub created: Timestamp,
    pub updated: Timestamp,
}

impl Record for Dialogue {
    const KIND: &'static str = "inner_child";
}

/// Why a turn was not added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TurnError {
    /// Nothing but spaces.
    Empty,
    /// The conversation already has [`MAX_TURNS`] turns.
    TooMany,
}

/// Whether `age` can be chosen.
pub fn valid_age(age: u8) -> bool {
    (MIN_AGE..=MAX_AGE).contains(&age)
}

/// Reads an age typed into a form: a whole number in range, or `None`.
pub fn parse_age(text: &str) -> Option<u8> {
    text.trim().parse::<u8>().ok().filter(|a| valid_age(*a))
}

fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => text[..end].to_string(),
        None => text.to_string(),
    }
}

/// The first `max` characters of `text` on one line, with "…" when cut.
pub fn preview(text: &str, max: usize) -> Option<String> {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.is_empty() {
        return None;
    }
    if one_line.chars().count() <= max {
        return Some(one_line);
    }
    let mut short = cut(&one_line, max.saturating_sub(1));
    if let Some(space) = short.rfind(' ') {
        short.truncate(space);
    }
    Some(format!("{}…", short.trim_end()))
}

impl Dialogue {
    /// A new conversation with the younger self at `age`; "me now" speaks
    /// first. `None` when the age is out of range.
    pub fn new(age: u8, now: Timestamp) -> Option<Self> {
        valid_age(age).then(|| Dialogue {
            age,
            turns: Vec::new(),
            next: Voice::Now,
            draft: String::new(),
            created: now,
            updated: now,
        })
    }

    /// Checks every limit; the error says which one failed.
    pub fn check(&self) -> Result<(), String> {
        if !valid_age(self.age) {
            return Err(format!("the age must be {MIN_AGE}-{MAX_AGE}"));
        }
        if self.turns.len() > MAX_TURNS {
            return Err(format!("more than {MAX_TURNS} turns"));
        }
        for turn in &self.turns {
            if turn.text.trim().is_empty() {
                return Err("a turn is empty".into());
            }
            if turn.text.chars().count() > MAX_TURN {
                return Err(format!("a turn is longer than {MAX_TURN} characters"));
            }
        }
        if self.draft.chars().count() > MAX_TURN {
            return Err(format!("the draft is longer than {MAX_TURN} characters"));
        }
        Ok(())
    }

    /// Who would speak next if the person does not switch: the other voice
    /// from the last turn, or "me now" to begin.
    pub fn natural_next(&self) -> Voice {
        self.turns.last().map_or(Voice::Now, |t| t.voice.other())
    }

    /// Lets the other voice speak next instead.
    pub fn switch_speaker(&mut self) {
        self.next = self.next.other();
    }

    /// Sets the half-written next turn, cut to the limit.
    pub fn set_draft(&mut self, text: &str) {
        self.draft = cut(text, MAX_TURN);
    }

    /// Adds the draft as a turn by the voice whose turn it is, clears the
    /// draft and hands the next turn to the other voice.
    pub fn add_turn(&mut self) -> Result<(), TurnError> {
        let text = self.draft.trim();
        if text.is_empty() {
            return Err(TurnError::Empty);
        }
        if self.turns.len() >= MAX_TURNS {
            return Err(TurnError::TooMany);
        }
        self.turns.push(Turn {
            voice: self.next,
            text: text.to_string(),
        });
        self.draft.clear();
        self.next = self.natural_next();
        Ok(())
    }

    /// Takes the last turn back into the draft so it can be changed.
    pub fn take_back_last(&mut self) -> bool {
        match self.turns.pop() {
            Some(turn) => {
                self.next = turn.voice;
                self.draft = if self.draft.trim().is_empty() {
                    turn.text
                } else {
                    cut(&format!("{}\n\n{}", turn.text, self.draft), MAX_TURN)
                };
                true
            }
            None => false,
        }
    }

    /// How many turns have been written.
    pub fn turn_count(&self) -> usize {
        self.turns.len()
    }

    /// Words in every turn (the draft not included).
    pub fn word_count(&self) -> usize {
        self.turns.iter().map(|t| word_count(&t.text)).sum()
    }

    /// True when nothing has been written, not even a draft.
    pub fn is_blank(&self) -> bool {
        self.turns.is_empty() && self.draft.trim().is_empty()
    }
}

/// The three questions, in the order they are asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    /// When did you first feel not good enough?
    FirstFelt,
    /// What did that child need to hear?
    Needed,
    /// What do you want them to know now?
    KnowNow,
}

impl Question {
    pub const ALL: [Question; 3] = [Self::FirstFelt, Self::Needed, Self::KnowNow];

    /// Position in the flow, from 0.
    pub fn index(self) -> usize {
        Self::ALL.iter().position(|q| *q == self).unwrap_or(0)
    }
}

/// Answers to the three questions. The answer to "what did they need to
/// hear?" becomes a card on the home screen unless the person hides it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reflection {
    #[serde(default)]
    pub first_felt: String,
    #[serde(default)]
    pub needed: String,
    #[serde(default)]
    pub know_now: String,
    /// True when the person took the card off the home screen.
    #[serde(default)]
    pub hidden: bool,
    /// Where the person is: a question's index, or [`Reflection::DONE`]
    /// once they have seen their card.
    #[serde(default)]
    pub step: u8,
    pub created: Timestamp,
    pub updated: Timestamp,
}

impl Record for Reflection {
    const KIND: &'static str = "inner_child_reflection";
}

impl Reflection {
    /// A new, empty reflection.
    pub fn new(now: Timestamp) -> Self {
        Reflection {
            first_felt: String::new(),
            needed: String::new(),
            know_now: String::new(),
            hidden: false,
            step: 0,
            created: now,
            updated: now,
        }
    }

    /// The step after the last question: the card.
    pub const DONE: u8 = Question::ALL.len() as u8;

    /// Moves to a step (a question's index or [`Reflection::DONE`]).
    pub fn go_to(&mut self, step: usize) {
        self.step = step.min(usize::from(Self::DONE)) as u8;
    }

    /// Checks every limit.
    pub fn check(&self) -> Result<(), String> {
        if self.step > Self::DONE {
            return Err(format!("the step must be 0-{}", Self::DONE));
        }
        for q in Question::ALL {
            if self.answer(q).chars().count() > MAX_ANSWER {
                return Err(format!("an answer is longer than {MAX_ANSWER} characters"));
            }
        }
        Ok(())
    }

    /// The answer to one question.
    pub fn answer(&self, q: Question) -> &str {
        match q {
            Question::FirstFelt => &self.first_felt,
            Question::Needed => &self.needed,
            Question::KnowNow => &self.know_now,
        }
    }

    /// Sets the answer to one question, cut to the limit.
    pub fn set_answer(&mut self, q: Question, text: &str) {
        let text = cut(text, MAX_ANSWER);
        match q {
            Question::FirstFelt => self.first_felt = text,
            Question::Needed => self.needed = text,
            Question::KnowNow => self.know_now = text,
        }
    }

    /// True when no question has an answer.
    pub fn is_blank(&self) -> bool {
        Question::ALL
            .iter()
            .all(|q| self.answer(*q).trim().is_empty())
    }

    /// The words for the home-screen card, when there are some and the
    /// person has not hidden it.
    pub fn card(&self) -> Option<&str> {
        let needed = self.needed.trim();
        (!self.hidden && !needed.is_empty()).then_some(needed)
    }
}

/// The cards to show on the home screen, newest first: (id, words).
pub fn home_cards(reflections: &[(String, Reflection)]) -> Vec<(String, String)> {
    let mut shown: Vec<&(String, Reflection)> = reflections
        .iter()
        .filter(|(_, r)| r.card().is_some())
        .collect();
    crate::domain::order::sort_by(&mut shown, |(ia, a), (ib, b)| {
        b.created.cmp(&a.created).then(ib.cmp(ia))
    });
    shown
        .into_iter()
        .filter_map(|(id, r)| r.card().map(|c| (id.clone(), c.to_string())))
        .collect()
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

    fn dialogue() -> Dialogue {
        Dialogue::new(9, at("2026-11-28T21:00:00+05:30")).unwrap()
    }

    fn say(d: &mut Dialogue, text: &str) {
        d.set_draft(text);
        d.add_turn().unwrap();
    }

    #[test]
    fn ages_are_limited() {
        let now = at("2026-11-28T21:00:00+05:30");
        assert!(Dialogue::new(0, now).is_none());
        assert!(Dialogue::new(1, now).is_some());
        assert!(Dialogue::new(25, now).is_some());
        assert!(Dialogue::new(26, now).is_none());
        assert_eq!(parse_age(" 9 "), Some(9));
        assert_eq!(parse_age("0"), None);
        assert_eq!(parse_age("40"), None);
        assert_eq!(parse_age("nine"), None);
        assert_eq!(parse_age("-3"), None);
        assert_eq!(parse_age("9.5"), None);
    }

    #[test]
    fn voices_alternate_starting_with_me_now() {
        let mut d = dialogue();
        assert_eq!(d.next, Voice::Now);
        say(&mut d, "Hi. I remember you.");
        assert_eq!(d.next, Voice::Younger);
        say(&mut d, "I'm scared of the report card.");
        assert_eq!(d.next, Voice::Now);
        say(&mut d, "You are safe with me.");
        let voices: Vec<Voice> = d.turns.iter().map(|t| t.voice).collect();
        assert_eq!(voices, [Voice::Now, Voice::Younger, Voice::Now]);
        assert_eq!(d.turn_count(), 3);
        assert_eq!(d.word_count(), 4 + 6 + 5);
    }

    #[test]
    fn the_person_can_switch_who_speaks_next() {
        let mut d = dialogue();
        d.switch_speaker();
        assert_eq!(d.next, Voice::Younger);
        say(&mut d, "Are you me?");
        assert_eq!(d.next, Voice::Now);
        d.switch_speaker();
        say(&mut d, "And another thing.");
        assert_eq!(d.turns[1].voice, Voice::Younger);
        // After two younger turns in a row, it is the adult's turn.
        assert_eq!(d.next, Voice::Now);
    }

    #[test]
    fn empty_turns_are_refused_and_the_draft_is_kept_until_added() {
        let mut d = dialogue();
        d.set_draft("   \n ");
        assert_eq!(d.add_turn(), Err(TurnError::Empty));
        assert!(d.turns.is_empty());
        assert!(d.is_blank());
        d.set_draft("  half a thought");
        assert!(!d.is_blank());
        d.add_turn().unwrap();
        assert_eq!(d.turns[0].text, "half a thought");
        assert_eq!(d.draft, "");
    }

    #[test]
    fn turns_are_capped() {
        let mut d = dialogue();
        d.set_draft(&"अ".repeat(MAX_TURN + 50));
        assert_eq!(d.draft.chars().count(), MAX_TURN);
        for _ in 0..MAX_TURNS {
            say(&mut d, "hello");
        }
        d.set_draft("one more");
        assert_eq!(d.add_turn(), Err(TurnError::TooMany));
        assert_eq!(d.draft, "one more");
        assert!(d.check().is_ok());
    }

    #[test]
    fn the_last_turn_can_be_taken_back() {
        let mut d = dialogue();
        assert!(!d.take_back_last());
        say(&mut d, "First.");
        say(&mut d, "Second.");
        assert!(d.take_back_last());
        assert_eq!(d.turns.len(), 1);
        assert_eq!(d.draft, "Second.");
        assert_eq!(d.next, Voice::Younger);
    }

    #[test]
    fn previews_are_short_and_on_one_line() {
        assert_eq!(preview("  \n ", 20), None);
        assert_eq!(preview("Hello\nthere", 20).as_deref(), Some("Hello there"));
        assert_eq!(
            preview("one two three four five", 12).as_deref(),
            Some("one two…")
        );
    }

    #[test]
    fn stored_dialogues_are_checked() {
        let good = json!({
            "age": 9,
            "turns": [{"voice": "now", "text": "Hi"}, {"voice": "younger", "text": "Hello"}],
            "next": "now",
            "draft": "I wanted",
            "created": "2026-11-28T21:00:00+05:30",
            "updated": "2026-11-28T21:05:00+05:30"
        });
        assert_eq!(validate("inner_child", &good), Ok(()));
        let with = |field: &str, value: serde_json::Value| {
            let mut v = good.clone();
            v[field] = value;
            v
        };
        assert!(validate("inner_child", &with("age", json!(0))).is_err());
        assert!(validate("inner_child", &with("age", json!(26))).is_err());
        assert!(validate("inner_child", &with("age", json!(-1))).is_err());
        assert!(validate("inner_child", &with("next", json!("parent"))).is_err());
        assert!(validate(
            "inner_child",
            &with("turns", json!([{"voice": "ghost", "text": "boo"}]))
        )
        .is_err());
        assert!(validate(
            "inner_child",
            &with("turns", json!([{"voice": "now", "text": "  "}]))
        )
        .is_err());
        assert!(validate(
            "inner_child",
            &with(
                "turns",
                json!([{"voice": "now", "text": "x".repeat(MAX_TURN + 1)}])
            )
        )
        .is_err());
        assert!(validate(
            "inner_child",
            &with("draft", json!("x".repeat(MAX_TURN + 1)))
        )
        .is_err());
        assert!(validate("inner_child", &with("mood", json!(1))).is_err());
        let back: Dialogue = serde_json::from_value(good).unwrap();
        let again: Dialogue = serde_json::from_value(serde_json::to_value(&back).unwrap()).unwrap();
        assert_eq!(again, back);
    }

    #[test]
    fn answers_are_kept_per_question_and_capped() {
        let mut r = Reflection::new(at("2026-11-28T21:00:00+05:30"));
        assert!(r.is_blank());
        r.set_answer(Question::FirstFelt, "Class 6 maths test.");
        assert!(!r.is_blank());
        r.set_answer(
            Question::Needed,
            "One mark doesn't change how loved you are.",
        );
        r.set_answer(Question::KnowNow, &"x".repeat(MAX_ANSWER + 5));
        assert_eq!(r.answer(Question::FirstFelt), "Class 6 maths test.");
        assert_eq!(r.answer(Question::KnowNow).chars().count(), MAX_ANSWER);
        assert!(r.check().is_ok());
        assert_eq!(Question::Needed.index(), 1);
    }

    #[test]
    fn the_step_is_kept_and_limited() {
        let mut r = Reflection::new(at("2026-11-28T21:00:00+05:30"));
        assert_eq!(r.step, 0);
        r.go_to(1);
        assert_eq!(r.step, 1);
        r.go_to(9);
        assert_eq!(r.step, Reflection::DONE);
        assert!(r.check().is_ok());
        r.step = Reflection::DONE + 1;
        assert!(r.check().is_err());
    }

    #[test]
    fn the_needed_answer_becomes_a_card_unless_hidden() {
        let mut r = Reflection::new(at("2026-11-28T21:00:00+05:30"));
        assert_eq!(r.card(), None);
        r.set_answer(Question::FirstFelt, "Long ago");
        assert_eq!(r.card(), None);
        r.set_answer(Question::Needed, "  You are loved as you are. ");
        assert_eq!(r.card(), Some("You are loved as you are."));
        r.hidden = true;
        assert_eq!(r.card(), None);
    }

    #[test]
    fn home_cards_are_newest_first_and_skip_hidden_ones() {
        let mut old = Reflection::new(at("2026-11-01T09:00:00+05:30"));
        old.set_answer(Question::Needed, "Old words");
        let mut new = Reflection::new(at("2026-11-20T09:00:00+05:30"));
        new.set_answer(Question::Needed, "New words");
        let mut hidden = Reflection::new(at("2026-11-25T09:00:00+05:30"));
        hidden.set_answer(Question::Needed, "Hidden words");
        hidden.hidden = true;
        let blank = Reflection::new(at("2026-11-26T09:00:00+05:30"));
        let all = vec![
            ("a".to_string(), old),
            ("b".to_string(), new),
            ("c".to_string(), hidden),
            ("d".to_string(), blank),
        ];
        assert_eq!(
            home_cards(&all),
            [
                ("b".to_string(), "New words".to_string()),
                ("a".to_string(), "Old words".to_string())
            ]
        );
    }

    #[test]
    fn stored_reflections_are_checked() {
        let good = json!({
            "first_felt": "At nine",
            "needed": "You are enough",
            "know_now": "",
            "hidden": false,
            "created": "2026-11-28T21:00:00+05:30",
            "updated": "2026-11-28T21:05:00+05:30"
        });
        assert_eq!(validate("inner_child_reflection", &good), Ok(()));
        let mut long = good.clone();
        long["needed"] = json!("x".repeat(MAX_ANSWER + 1));
        assert!(validate("inner_child_reflection", &long).is_err());
        let mut odd = good.clone();
        odd["hidden"] = json!("no");
        assert!(validate("inner_child_reflection", &odd).is_err());
        let mut far = good.clone();
        far["step"] = json!(4);
        assert!(validate("inner_child_reflection", &far).is_err());
        let mut extra = good;
        extra["score"] = json!(3);
        assert!(validate("inner_child_reflection", &extra).is_err());
    }
}
