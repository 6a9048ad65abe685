//! The thought record: one painful moment, looked at step by step until a
//! fairer thought can be put beside the harsh one.
//!
//! A record is a draft while `finished_at` is `None`; the step the person was
//! on is kept, so an unfinished record opens where it was left. Feelings are
//! rated 0-100 at the start and, optionally, again at the end; [`change`]
//! compares the two.

use super::time::Timestamp;
use super::Record;
use crate::content::Text;
use serde::{Deserialize, Serialize};

/// How many screens the guided record has.
pub const STEPS: u8 = 8;
/// Longest free text (situation, evidence, friend test, balanced thought).
pub const MAX_TEXT: usize = 2000;
/// Longest single automatic thought.
pub const MAX_THOUGHT: usize = 500;
/// Most automatic thoughts in one record.
pub const MAX_THOUGHTS: usize = 10;
/// Longest name of a feeling.
pub const MAX_FEELING_NAME: usize = 40;
/// Most feelings in one record.
pub const MAX_FEELINGS: usize = 12;
/// Highest rating (intensity, belief).
pub const MAX_RATING: u8 = 100;

/// A common way thinking bends when we are hurting. The words (name,
/// explanation, example) live in `content/en/thought_record.toml`; the id is
/// what is stored, so it never changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trap {
    AllOrNothing,
    Overgeneralising,
    MentalFilter,
    DiscountingPositive,
    MindReading,
    FortuneTelling,
    Magnifying,
    EmotionalReasoning,
    Shoulds,
    Labelling,
    Personalising,
    Blaming,
}

/// Name, plain explanation and an everyday example of a trap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrapWords {
    pub name: &'static str,
    pub about: &'static str,
    pub example: &'static str,
}

impl Trap {
    /// Every trap, in the order they are offered.
    pub const ALL: [Trap; 12] = [
        Self::AllOrNothing,
        Self::Overgeneralising,
        Self::MentalFilter,
        Self::DiscountingPositive,
        Self::MindReading,
        Self::FortuneTelling,
        Self::Magnifying,
        Self::EmotionalReasoning,
        Self::Shoulds,
        Self::Labelling,
        Self::Personalising,
        Self::Blaming,
    ];

    /// Stable identifier (the stored value), also used for element ids.
    pub fn id(self) -> &'static str {
        match self {
            Self::AllOrNothing => "all_or_nothing",
            Self::Overgeneralising => "overgeneralising",
            Self::MentalFilter => "mental_filter",
            Self::DiscountingPositive => "discounting_positive",
            Self::MindReading => "mind_reading",
            Self::FortuneTelling => "fortune_telling",
            Self::Magnifying => "magnifying",
            Self::EmotionalReasoning => "emotional_reasoning",
            Self::Shoulds => "shoulds",
            Self::Labelling => "labelling",
            Self::Personalising => "personalising",
            Self::Blaming => "blaming",
        }
    }

    /// The inverse of [`Trap::id`].
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.id() == id)
    }

    /// How the trap is explained to the person.
    pub fn words(self, t: &'static Text) -> TrapWords {
        let (name, about, example) = match self {
            Self::AllOrNothing => (
                t.thought_record().trap_all_or_nothing_name,
                t.thought_record().trap_all_or_nothing_about,
                t.thought_record().trap_all_or_nothing_example,
            ),
            Self::Overgeneralising => (
                t.thought_record().trap_overgeneralising_name,
                t.thought_record().trap_overgeneralising_about,
                t.thought_record().trap_overgeneralising_example,
            ),
            Self::MentalFilter => (
                t.thought_record().trap_mental_filter_name,
                t.thought_record().trap_mental_filter_about,
                t.thought_record().trap_mental_filter_example,
            ),
            Self::DiscountingPositive => (
                t.thought_record().trap_discounting_positive_name,
                t.thought_record().trap_discounting_positive_about,
                t.thought_record().trap_discounting_positive_example,
            ),
            Self::MindReading => (
                t.thought_record().trap_mind_reading_name,
                t.thought_record().trap_mind_reading_about,
                t.thought_record().trap_mind_reading_example,
            ),
            Self::FortuneTelling => (
                t.thought_record().trap_fortune_telling_name,
                t.thought_record().trap_fortune_telling_about,
                t.thought_record().trap_fortune_telling_example,
            ),
            Self::Magnifying => (
                t.thought_record().trap_magnifying_name,
                t.thought_record().trap_magnifying_about,
                t.thought_record().trap_magnifying_example,
            ),
            Self::EmotionalReasoning => (
                t.thought_record().trap_emotional_reasoning_name,
                t.thought_record().trap_emotional_reasoning_about,
                t.thought_record().trap_emotional_reasoning_example,
            ),
            Self::Shoulds => (
                t.thought_record().trap_shoulds_name,
                t.thought_record().trap_shoulds_about,
                t.thought_record().trap_shoulds_example,
            ),
            Self::Labelling => (
                t.thought_record().trap_labelling_name,
                t.thought_record().trap_labelling_about,
                t.thought_record().trap_labelling_example,
            ),
            Self::Personalising => (
                t.thought_record().trap_personalising_name,
                t.thought_record().trap_personalising_about,
                t.thought_record().trap_personalising_example,
            ),
            Self::Blaming => (
                t.thought_record().trap_blaming_name,
                t.thought_record().trap_blaming_about,
                t.thought_record().trap_blaming_example,
            ),
        };
        TrapWords {
            name,
            about,
            example,
        }
    }
}

/// One feeling with how strong it was at the start and, once re-rated, at
/// the end (both 0-100).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Feeling {
    pub name: String,
    pub before: u8,
    #[serde(default)]
    pub after: Option<u8>,
}

/// One thought record, finished or not (kind `thought_record`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThoughtRecord {
    /// When the record was begun.
    pub started_at: Timestamp,
    /// When it was finished; `None` while it is a draft.
    #[serde(default)]
    pub finished_at: Option<Timestamp>,
    /// The screen the person was on (1..=8), to resume there.
    #[serde(default = "first_step")]
    pub step: u8,
    /// What happened.
    #[serde(default)]
    pub situation: String,
    #[serde(default)]
    pub feelings: Vec<Feeling>,
    /// The automatic thoughts, in the person's words.
    #[serde(default)]
    pub thoughts: Vec<String>,
    /// Index into `thoughts` of the one that hurts most.
    #[serde(default)]
    pub hot: Option<usize>,
    /// Thinking traps the person recognised, in `Trap::ALL` order.
    #[serde(default)]
    pub traps: Vec<Trap>,
    #[serde(default)]
    pub evidence_for: String,
    #[serde(default)]
    pub evidence_against: String,
    /// What they would say to a friend who had this thought.
    #[serde(default)]
    pub friend: String,
    /// A fairer, more balanced thought.
    #[serde(default)]
    pub balanced: String,
    /// How much they believe the balanced thought, 0-100.
    #[serde(default)]
    pub belief: Option<u8>,
}

fn first_step() -> u8 {
    1
}

impl Record for ThoughtRecord {
    const KIND: &'static str = "thought_record";
}

/// Why a feeling could not be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddFeelingError {
    Empty,
    TooLong,
    Duplicate,
    TooMany,
}

/// Checks a stored body: it must read as a [`ThoughtRecord`] and pass
/// [`ThoughtRecord::check`]. Used by `domain::validate`.
pub fn validate(body: &serde_json::Value) -> Result<(), String> {
    ThoughtRecord::deserialize(body)
        .map_err(|e| e.to_string())?
        .check()
}

fn too_long(s: &str, max: usize) -> bool {
    s.chars().count() > max
}

fn clip(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

impl ThoughtRecord {
    /// A new, empty draft on step 1.
    pub fn new(at: Timestamp) -> Self {
        Self {
            started_at: at,
            finished_at: None,
            step: 1,
            situation: String::new(),
            feelings: Vec::new(),
            thoughts: Vec::new(),
            hot: None,
            traps: Vec::new(),
            evidence_for: String::new(),
            evidence_against: String::new(),
            friend: String::new(),
            balanced: String::new(),
            belief: None,
        }
    }

    /// True while the record is an unfinished draft.
    pub fn is_draft(&self) -> bool {
        self.finished_at.is_none()
    }

    /// True when nothing has been written or chosen yet (such a draft is not
    /// worth keeping).
    pub fn is_blank(&self) -> bool {
        [
            &self.situation,
            &self.evidence_for,
            &self.evidence_against,
            &self.friend,
            &self.balanced,
        ]
        .iter()
        .all(|s| s.trim().is_empty())
            && self.feelings.is_empty()
            && self.thoughts.iter().all(|t| t.trim().is_empty())
            && self.traps.is_empty()
            && self.belief.is_none()
    }

    /// Every rule a stored record must follow.
    pub fn check(&self) -> Result<(), String> {
        if !(1..=STEPS).contains(&self.step) {
            return Err(format!("step {} is not between 1 and {STEPS}", self.step));
        }
        for (name, text) in [
            ("situation", &self.situation),
            ("evidence_for", &self.evidence_for),
            ("evidence_against", &self.evidence_against),
            ("friend", &self.friend),
            ("balanced", &self.balanced),
        ] {
            if too_long(text, MAX_TEXT) {
                return Err(format!("{name} is longer than {MAX_TEXT} characters"));
            }
        }
        if self.feelings.len() > MAX_FEELINGS {
            return Err(format!("more than {MAX_FEELINGS} feelings"));
        }
        for f in &self.feelings {
            if f.name.trim().is_empty() || too_long(&f.name, MAX_FEELING_NAME) {
                return Err("a feeling's name is empty or too long".into());
            }
            if f.before > MAX_RATING || f.after.is_some_and(|a| a > MAX_RATING) {
                return Err(format!("an intensity is above {MAX_RATING}"));
            }
        }
        if self.thoughts.len() > MAX_THOUGHTS {
            return Err(format!("more than {MAX_THOUGHTS} thoughts"));
        }
        if self.thoughts.iter().any(|t| too_long(t, MAX_THOUGHT)) {
            return Err(format!("a thought is longer than {MAX_THOUGHT} characters"));
        }
        if self.hot.is_some_and(|h| h >= self.thoughts.len()) {
            return Err("the hot thought is not one of the thoughts".into());
        }
        let mut seen = self.traps.clone();
        crate::domain::order::sort(&mut seen);
        seen.dedup();
        if seen.len() != self.traps.len() {
            return Err("a thinking trap is ticked twice".into());
        }
        if self.belief.is_some_and(|b| b > MAX_RATING) {
            return Err(format!("belief is above {MAX_RATING}"));
        }
        if self.finished_at.is_some_and(|f| f < self.started_at) {
            return Err("finished before it was started".into());
        }
        Ok(())
    }

    /// Moves to `step`, kept within 1..=8.
    pub fn go_to(&mut self, step: u8) {
        self.step = step.clamp(1, STEPS);
    }

    /// Sets a free-text field's value, cut to the allowed length.
    pub fn clipped(text: &str) -> String {
        clip(text, MAX_TEXT)
    }

    /// Adds a feeling at `before` intensity. Names are trimmed and compared
    /// without regard to case.
    pub fn add_feeling(&mut self, name: &str, before: u8) -> Result<(), AddFeelingError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(AddFeelingError::Empty);
        }
        if too_long(name, MAX_FEELING_NAME) {
            return Err(AddFeelingError::TooLong);
        }
        if self.has_feeling(name) {
            return Err(AddFeelingError::Duplicate);
        }
        if self.feelings.len() >= MAX_FEELINGS {
            return Err(AddFeelingError::TooMany);
        }
        self.feelings.push(Feeling {
            name: name.to_string(),
            before: before.min(MAX_RATING),
            after: None,
        });
        Ok(())
    }

    /// Whether a feeling with this name (any case) is in the list.
    pub fn has_feeling(&self, name: &str) -> bool {
        let name = name.trim().to_lowercase();
        self.feelings.iter().any(|f| f.name.to_lowercase() == name)
    }

    /// Removes the feeling with this name (any case), if present.
    pub fn remove_feeling(&mut self, name: &str) {
        let name = name.trim().to_lowercase();
        self.feelings.retain(|f| f.name.to_lowercase() != name);
    }

    /// Sets how strong a feeling was at the start.
    pub fn rate_before(&mut self, index: usize, value: u8) {
        if let Some(f) = self.feelings.get_mut(index) {
            f.before = value.min(MAX_RATING);
        }
    }

    /// Sets how strong a feeling is now, at the end.
    pub fn rate_after(&mut self, index: usize, value: u8) {
        if let Some(f) = self.feelings.get_mut(index) {
            f.after = Some(value.min(MAX_RATING));
        }
    }

    /// Adds an empty thought to fill in; false when the list is full.
    pub fn add_thought(&mut self) -> bool {
        if self.thoughts.len() >= MAX_THOUGHTS {
            return false;
        }
        self.thoughts.push(String::new());
        true
    }

    /// Makes room for thought `index` when it is the next one in the list
    /// (the first, empty box on screen has no stored thought yet).
    fn reach_thought(&mut self, index: usize) {
        if index == self.thoughts.len() && index < MAX_THOUGHTS {
            self.thoughts.push(String::new());
        }
    }

    /// Changes the words of one thought (cut to the allowed length).
    pub fn set_thought(&mut self, index: usize, text: &str) {
        self.reach_thought(index);
        if let Some(t) = self.thoughts.get_mut(index) {
            *t = clip(text, MAX_THOUGHT);
        }
    }

    /// Marks thought `index` as the one that hurts most.
    pub fn mark_hot(&mut self, index: usize) {
        self.reach_thought(index);
        if index < self.thoughts.len() {
            self.hot = Some(index);
        }
    }

    /// Removes one thought, keeping the mark on the hot thought right.
    pub fn remove_thought(&mut self, index: usize) {
        if index >= self.thoughts.len() {
            return;
        }
        self.thoughts.remove(index);
        self.hot = match self.hot {
            Some(h) if h == index => None,
            Some(h) if h > index => Some(h - 1),
            other => other,
        };
    }

    /// The thought that hurts most: the marked one, or the only one written.
    pub fn hot_thought(&self) -> Option<&str> {
        let written: Vec<usize> = (0..self.thoughts.len())
            .filter(|&i| !self.thoughts[i].trim().is_empty())
            .collect();
        let index = match self.hot {
            Some(h) if written.contains(&h) => Some(h),
            _ if written.len() == 1 => Some(written[0]),
            _ => None,
        };
        index.map(|i| self.thoughts[i].trim())
    }

    /// Ticks or unticks a trap, keeping `Trap::ALL` order.
    pub fn set_trap(&mut self, trap: Trap, ticked: bool) {
        self.traps.retain(|&t| t != trap);
        if ticked {
            self.traps.push(trap);
            crate::domain::order::sort(&mut self.traps);
        }
    }

    /// Sets how much the balanced thought is believed.
    pub fn set_belief(&mut self, value: u8) {
        self.belief = Some(value.min(MAX_RATING));
    }

    /// Finishes the record: feelings the person re-rated on the last screen
    /// keep their new rating. A record finished before keeps its first time.
    pub fn finish(&mut self, at: Timestamp) {
        self.finished_at.get_or_insert(at);
    }

    /// Drops empty thoughts (keeping the hot mark right), for a tidy record.
    pub fn tidy(&mut self) {
        let mut i = 0;
        while i < self.thoughts.len() {
            if self.thoughts[i].trim().is_empty() {
                self.remove_thought(i);
            } else {
                i += 1;
            }
        }
    }

    /// How much the feelings eased, in points: the average of before minus
    /// after over the feelings that were re-rated. Positive means they
    /// eased; `None` when nothing was re-rated.
    pub fn change(&self) -> Option<f32> {
        let diffs: Vec<f32> = self
            .feelings
            .iter()
            .filter_map(|f| f.after.map(|a| f32::from(f.before) - f32::from(a)))
            .collect();
        (!diffs.is_empty()).then(|| diffs.iter().sum::<f32>() / diffs.len() as f32)
    }
}

/// The average [`ThoughtRecord::change`] over finished records that were
/// re-rated, and how many of them there were; `None` when there are none.
pub fn average_change<'a>(
    records: impl IntoIterator<Item = &'a ThoughtRecord>,
) -> Option<(f32, usize)> {
    let changes: Vec<f32> = records
        .into_iter()
        .filter(|r| !r.is_draft())
        .filter_map(ThoughtRecord::change)
        .collect();
    (!changes.is_empty()).then(|| {
        (
            changes.iter().sum::<f32>() / changes.len() as f32,
            changes.len(),
        )
    })
}

/// A change in points put into words' categories, rounded to whole points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Eased by this many points (at least 1).
    Eased(u8),
    /// Grew stronger by this many points (at least 1).
    Stronger(u8),
    /// Less than half a point either way.
    Same,
}

impl Direction {
    /// Which way a change went, rounded to whole points.
    pub fn of(change: f32) -> Self {
        let points = change.abs().round().min(100.0) as u8;
        match points {
            0 => Self::Same,
            p if change > 0.0 => Self::Eased(p),
            p => Self::Stronger(p),
        }
    }
}

/// Finished records, newest first (by when they were finished).
pub fn finished_newest_first(
    records: Vec<(String, ThoughtRecord)>,
) -> Vec<(String, ThoughtRecord)> {
    let mut done: Vec<_> = records.into_iter().filter(|(_, r)| !r.is_draft()).collect();
    crate::domain::order::sort_by(&mut done, |a, b| {
        b.1.finished_at.cmp(&a.1.finished_at).then(b.0.cmp(&a.0))
    });
    done
}

/// The unfinished record to resume: the most recently started draft.
pub fn latest_draft(records: Vec<(String, ThoughtRecord)>) -> Option<(String, ThoughtRecord)> {
    records
        .into_iter()
        .filter(|(_, r)| r.is_draft())
        .max_by(|a, b| a.1.started_at.cmp(&b.1.started_at).then(a.0.cmp(&b.0)))
}

/// Cuts `text` to at most `max` characters, adding "…" when it was longer.
pub fn truncate(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    // Prefer to end at a word break when one is near.
    let cut = match cut.rfind(char::is_whitespace) {
        Some(i) if cut[..i].chars().count() >= max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::parse;
    use serde_json::json;

    fn at(s: &str) -> Timestamp {
        parse(s).unwrap()
    }

    fn start() -> Timestamp {
        at("2026-11-28T21:00:00+05:30")
    }

    fn finished(before_after: &[(u8, Option<u8>)], when: &str) -> ThoughtRecord {
        let mut r = ThoughtRecord::new(start());
        for (i, (b, a)) in before_after.iter().enumerate() {
            r.add_feeling(&format!("feeling {i}"), *b).unwrap();
            if let Some(a) = a {
                r.rate_after(i, *a);
            }
        }
        r.finish(at(when));
        r
    }

    #[test]
    fn trap_ids_round_trip_and_are_stable() {
        assert_eq!(Trap::ALL.len(), 12);
        for t in Trap::ALL {
            assert_eq!(Trap::from_id(t.id()), Some(t));
            // The serialised form is the id.
            assert_eq!(serde_json::to_value(t).unwrap(), json!(t.id()));
        }
        assert_eq!(Trap::from_id("catastrophe"), None);
        assert_eq!(Trap::MindReading.id(), "mind_reading");
    }

    #[test]
    fn every_trap_has_words() {
        let t = crate::content::for_language("en");
        for trap in Trap::ALL {
            let w = trap.words(t);
            assert!(!w.name.is_empty() && !w.about.is_empty() && !w.example.is_empty());
        }
        let names: std::collections::HashSet<_> =
            Trap::ALL.iter().map(|trap| trap.words(t).name).collect();
        assert_eq!(names.len(), 12, "every trap has its own name");
    }

    #[test]
    fn a_new_draft_is_blank_and_valid() {
        let r = ThoughtRecord::new(start());
        assert!(r.is_draft());
        assert!(r.is_blank());
        assert_eq!(r.step, 1);
        assert_eq!(r.check(), Ok(()));
        assert_eq!(r.change(), None);
        let mut r2 = r.clone();
        r2.situation = "  ".into();
        assert!(r2.is_blank());
        r2.situation = "The results came out".into();
        assert!(!r2.is_blank());
    }

    #[test]
    fn change_averages_only_re_rated_feelings() {
        let r = finished(
            &[(80, Some(40)), (60, Some(40)), (90, None)],
            "2026-11-28T21:20:00+05:30",
        );
        assert_eq!(r.change(), Some(30.0));
        let none = finished(&[(80, None)], "2026-11-28T21:20:00+05:30");
        assert_eq!(none.change(), None);
        let worse = finished(&[(20, Some(50))], "2026-11-28T21:20:00+05:30");
        assert_eq!(worse.change(), Some(-30.0));
        let empty = finished(&[], "2026-11-28T21:20:00+05:30");
        assert_eq!(empty.change(), None);
    }

    #[test]
    fn average_change_skips_drafts_and_unrated_records() {
        let a = finished(&[(80, Some(40))], "2026-11-20T10:00:00+05:30");
        let b = finished(&[(60, Some(50))], "2026-11-21T10:00:00+05:30");
        let unrated = finished(&[(60, None)], "2026-11-22T10:00:00+05:30");
        let mut draft = ThoughtRecord::new(start());
        draft.add_feeling("sad", 90).unwrap();
        draft.rate_after(0, 0);
        assert_eq!(average_change([&a, &b, &unrated, &draft]), Some((25.0, 2)));
        assert_eq!(average_change([&unrated, &draft]), None);
        assert_eq!(average_change(Vec::<&ThoughtRecord>::new()), None);
    }

    #[test]
    fn directions_round_to_whole_points() {
        assert_eq!(Direction::of(35.4), Direction::Eased(35));
        assert_eq!(Direction::of(-10.0), Direction::Stronger(10));
        assert_eq!(Direction::of(0.4), Direction::Same);
        assert_eq!(Direction::of(-0.4), Direction::Same);
        assert_eq!(Direction::of(0.6), Direction::Eased(1));
    }

    #[test]
    fn feelings_are_unique_trimmed_and_limited() {
        let mut r = ThoughtRecord::new(start());
        assert_eq!(r.add_feeling("  Sad ", 70), Ok(()));
        assert_eq!(r.feelings[0].name, "Sad");
        assert_eq!(r.add_feeling("sad", 10), Err(AddFeelingError::Duplicate));
        assert_eq!(r.add_feeling("   ", 10), Err(AddFeelingError::Empty));
        assert_eq!(
            r.add_feeling(&"x".repeat(MAX_FEELING_NAME + 1), 10),
            Err(AddFeelingError::TooLong)
        );
        assert!(r.has_feeling("SAD"));
        for i in 1..MAX_FEELINGS {
            r.add_feeling(&format!("f{i}"), 10).unwrap();
        }
        assert_eq!(r.add_feeling("one more", 10), Err(AddFeelingError::TooMany));
        r.remove_feeling("sAd");
        assert!(!r.has_feeling("sad"));
        assert_eq!(r.feelings.len(), MAX_FEELINGS - 1);
    }

    #[test]
    fn ratings_are_kept_within_0_to_100() {
        let mut r = ThoughtRecord::new(start());
        r.add_feeling("anxious", 250).unwrap();
        assert_eq!(r.feelings[0].before, 100);
        r.rate_before(0, 120);
        r.rate_after(0, 101);
        assert_eq!(r.feelings[0].before, 100);
        assert_eq!(r.feelings[0].after, Some(100));
        r.rate_after(5, 10); // no such feeling: nothing happens
        r.set_belief(200);
        assert_eq!(r.belief, Some(100));
        assert_eq!(r.check(), Ok(()));
    }

    #[test]
    fn removing_a_thought_keeps_the_hot_mark_right() {
        let mut r = ThoughtRecord::new(start());
        for words in ["I'm useless", "Everyone saw", "I'll never get a job"] {
            assert!(r.add_thought());
            let i = r.thoughts.len() - 1;
            r.set_thought(i, words);
        }
        r.hot = Some(2);
        r.remove_thought(0);
        assert_eq!(r.hot, Some(1));
        assert_eq!(r.hot_thought(), Some("I'll never get a job"));
        r.remove_thought(1);
        assert_eq!(r.hot, None);
        // With one thought left, it is the hot one.
        assert_eq!(r.hot_thought(), Some("Everyone saw"));
        r.remove_thought(7); // out of range: nothing happens
        assert_eq!(r.thoughts.len(), 1);
    }

    #[test]
    fn hot_thought_needs_a_mark_when_there_are_several() {
        let mut r = ThoughtRecord::new(start());
        r.thoughts = vec!["a".into(), "b".into()];
        assert_eq!(r.hot_thought(), None);
        r.hot = Some(0);
        assert_eq!(r.hot_thought(), Some("a"));
        r.thoughts[0] = "  ".into();
        assert_eq!(r.hot_thought(), Some("b"), "the only written one");
    }

    #[test]
    fn thoughts_are_limited_in_number_and_length() {
        let mut r = ThoughtRecord::new(start());
        for _ in 0..MAX_THOUGHTS {
            assert!(r.add_thought());
        }
        assert!(!r.add_thought());
        r.set_thought(0, &"é".repeat(MAX_THOUGHT + 20));
        assert_eq!(r.thoughts[0].chars().count(), MAX_THOUGHT);
        assert_eq!(
            ThoughtRecord::clipped(&"a".repeat(MAX_TEXT + 1)).len(),
            MAX_TEXT
        );
    }

    #[test]
    fn the_first_box_becomes_a_thought_when_used() {
        let mut r = ThoughtRecord::new(start());
        r.mark_hot(0);
        assert_eq!(r.thoughts, vec![String::new()]);
        assert_eq!(r.hot, Some(0));
        r.set_thought(1, "second");
        assert_eq!(r.thoughts.len(), 2);
        r.set_thought(5, "too far");
        r.mark_hot(7);
        assert_eq!(r.thoughts.len(), 2);
        assert_eq!(r.hot, Some(0));
        assert_eq!(r.check(), Ok(()));
    }

    #[test]
    fn tidy_drops_empty_thoughts() {
        let mut r = ThoughtRecord::new(start());
        r.thoughts = vec!["".into(), "keep".into(), " ".into(), "hot".into()];
        r.hot = Some(3);
        r.tidy();
        assert_eq!(r.thoughts, vec!["keep".to_string(), "hot".to_string()]);
        assert_eq!(r.hot, Some(1));
    }

    #[test]
    fn traps_are_unique_and_in_order() {
        let mut r = ThoughtRecord::new(start());
        r.set_trap(Trap::Labelling, true);
        r.set_trap(Trap::AllOrNothing, true);
        r.set_trap(Trap::Labelling, true);
        assert_eq!(r.traps, vec![Trap::AllOrNothing, Trap::Labelling]);
        r.set_trap(Trap::AllOrNothing, false);
        assert_eq!(r.traps, vec![Trap::Labelling]);
    }

    #[test]
    fn steps_stay_in_range() {
        let mut r = ThoughtRecord::new(start());
        r.go_to(0);
        assert_eq!(r.step, 1);
        r.go_to(9);
        assert_eq!(r.step, STEPS);
        r.go_to(4);
        assert_eq!(r.step, 4);
    }

    #[test]
    fn finishing_keeps_the_first_time() {
        let mut r = ThoughtRecord::new(start());
        let first = at("2026-11-28T21:30:00+05:30");
        r.finish(first);
        r.finish(at("2026-11-29T08:00:00+05:30"));
        assert_eq!(r.finished_at, Some(first));
        assert!(!r.is_draft());
    }

    #[test]
    fn validation_refuses_out_of_range_and_oversized_data() {
        let good = json!({
            "started_at": "2026-11-28T21:00:00+05:30",
            "finished_at": "2026-11-28T21:20:00+05:30",
            "step": 8,
            "situation": "Results day",
            "feelings": [{"name": "ashamed", "before": 90, "after": 50}],
            "thoughts": ["I'm a failure"],
            "hot": 0,
            "traps": ["labelling"],
            "evidence_for": "", "evidence_against": "", "friend": "", "balanced": "",
            "belief": 60
        });
        assert_eq!(validate(&good), Ok(()));
        let minimal = json!({"started_at": "2026-11-28T21:00:00+05:30"});
        assert_eq!(validate(&minimal), Ok(()));

        let mut bad_cases = Vec::new();
        for (path, value) in [
            ("step", json!(0)),
            ("step", json!(9)),
            ("belief", json!(101)),
            ("hot", json!(1)),
            ("traps", json!(["labelling", "labelling"])),
            ("traps", json!(["catastrophising"])),
            ("situation", json!("x".repeat(MAX_TEXT + 1))),
            ("thoughts", json!(vec!["t"; MAX_THOUGHTS + 1])),
            ("thoughts", json!(["x".repeat(MAX_THOUGHT + 1)])),
            ("feelings", json!([{"name": "sad", "before": 101}])),
            (
                "feelings",
                json!([{"name": "sad", "before": 10, "after": 300}]),
            ),
            ("feelings", json!([{"name": " ", "before": 10}])),
            ("feelings", json!([{"name": "sad", "before": -1}])),
            ("finished_at", json!("2026-11-27T21:00:00+05:30")),
            ("started_at", json!("yesterday")),
            ("surprise", json!(true)),
        ] {
            let mut body = good.clone();
            body[path] = value;
            bad_cases.push((path, body));
        }
        for (path, body) in bad_cases {
            assert!(validate(&body).is_err(), "{path} should be refused");
        }
        assert!(validate(&json!([1, 2])).is_err());
    }

    #[test]
    fn round_trips_through_json() {
        let mut r = finished(&[(80, Some(30))], "2026-11-28T21:20:00+05:30");
        r.situation = "Didn't get the job".into();
        r.thoughts = vec!["Nobody will ever hire me".into()];
        r.hot = Some(0);
        r.set_trap(Trap::FortuneTelling, true);
        r.set_belief(65);
        let text = serde_json::to_string(&r).unwrap();
        let back: ThoughtRecord = serde_json::from_str(&text).unwrap();
        assert_eq!(back, r);
        assert_eq!(validate(&serde_json::from_str(&text).unwrap()), Ok(()));
    }

    #[test]
    fn history_is_newest_first_and_drafts_are_found() {
        let old = finished(&[], "2026-11-20T10:00:00+05:30");
        let new = finished(&[], "2026-11-25T10:00:00+05:30");
        let mut d1 = ThoughtRecord::new(at("2026-11-21T10:00:00+05:30"));
        d1.situation = "older draft".into();
        let mut d2 = ThoughtRecord::new(at("2026-11-26T10:00:00+05:30"));
        d2.situation = "newer draft".into();
        let all = vec![
            ("a".to_string(), old.clone()),
            ("b".to_string(), d1),
            ("c".to_string(), new.clone()),
            ("d".to_string(), d2.clone()),
        ];
        let done = finished_newest_first(all.clone());
        assert_eq!(
            done.iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>(),
            vec!["c", "a"]
        );
        assert_eq!(latest_draft(all), Some(("d".to_string(), d2)));
        assert_eq!(latest_draft(vec![("a".into(), old)]), None);
    }

    #[test]
    fn truncation_adds_an_ellipsis_only_when_needed() {
        assert_eq!(truncate("  short  ", 10), "short");
        assert_eq!(truncate("exactly ten", 11), "exactly ten");
        assert_eq!(truncate("I will never pass this exam", 10), "I will…");
        assert_eq!(truncate("नमस्ते दुनिया", 5).chars().count(), 5);
    }
}
