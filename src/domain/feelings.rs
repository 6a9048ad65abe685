//! The feelings check-in: naming a feeling precisely, how strong it is, and
//! what was going on; the draft kept while the person chooses; and the
//! week/month summaries drawn by the chart.
//!
//! Feelings are placed on two axes, pleasant/unpleasant and more/less energy
//! (the "mood meter" idea), which gives the four [`Group`]s. Every word has a
//! stable id that is what gets stored; the words shown live in
//! `content/en/feelings.toml`.

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::time::Timestamp;
use super::Record;
use crate::content::{fill, Text};

/// Longest note, in characters.
pub const MAX_NOTE: usize = 1000;
/// Longest "something else" text about what was going on, in characters.
pub const MAX_CONTEXT_TEXT: usize = 200;
/// Intensity runs from 1 (barely there) to 10 (as strong as it gets).
pub const MIN_INTENSITY: u8 = 1;
/// See [`MIN_INTENSITY`].
pub const MAX_INTENSITY: u8 = 10;
/// Where the slider starts: the middle.
pub const DEFAULT_INTENSITY: u8 = 5;

/// The four families of feelings: pleasant or unpleasant, with more or less
/// energy in the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    PleasantHigh,
    PleasantLow,
    UnpleasantHigh,
    UnpleasantLow,
}

impl Group {
    /// Every group, in the order they are shown.
    pub const ALL: [Group; 4] = [
        Self::PleasantHigh,
        Self::PleasantLow,
        Self::UnpleasantHigh,
        Self::UnpleasantLow,
    ];

    /// Stable identifier (element ids, CSS classes, tests).
    pub fn id(self) -> &'static str {
        match self {
            Self::PleasantHigh => "pleasant_high",
            Self::PleasantLow => "pleasant_low",
            Self::UnpleasantHigh => "unpleasant_high",
            Self::UnpleasantLow => "unpleasant_low",
        }
    }

    /// Position in [`Group::ALL`].
    pub fn index(self) -> usize {
        Self::ALL.iter().position(|g| *g == self).unwrap_or(0)
    }

    /// The group's name for people.
    pub fn label(self, t: &'static Text) -> &'static str {
        match self {
            Self::PleasantHigh => t.feelings().group_pleasant_high,
            Self::PleasantLow => t.feelings().group_pleasant_low,
            Self::UnpleasantHigh => t.feelings().group_unpleasant_high,
            Self::UnpleasantLow => t.feelings().group_unpleasant_low,
        }
    }

    /// One line on what the group has in common.
    pub fn hint(self, t: &'static Text) -> &'static str {
        match self {
            Self::PleasantHigh => t.feelings().group_pleasant_high_hint,
            Self::PleasantLow => t.feelings().group_pleasant_low_hint,
            Self::UnpleasantHigh => t.feelings().group_unpleasant_high_hint,
            Self::UnpleasantLow => t.feelings().group_unpleasant_low_hint,
        }
    }

    /// What Groundwork says after a check-in in this group; `{feeling}` is
    /// the word chosen.
    pub fn acknowledgement(self, t: &'static Text) -> &'static str {
        match self {
            Self::PleasantHigh => t.feelings().saved_pleasant_high,
            Self::PleasantLow => t.feelings().saved_pleasant_low,
            Self::UnpleasantHigh => t.feelings().saved_unpleasant_high,
            Self::UnpleasantLow => t.feelings().saved_unpleasant_low,
        }
    }

    /// The feelings in this group, in the order they are offered.
    pub fn feelings(self) -> impl Iterator<Item = Feeling> {
        Feeling::ALL
            .iter()
            .copied()
            .filter(move |f| f.group() == self)
    }
}

/// Declares the feeling words: variant, stored id, content field, group.
macro_rules! feelings {
    ($($variant:ident $id:literal $field:ident $group:ident,)*) => {
        /// A precisely named feeling. Serialised as its id.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Feeling {
            $($variant,)*
        }

        impl Feeling {
            /// Every feeling, grouped, in the order they are offered.
            pub const ALL: &'static [Feeling] = &[$(Self::$variant,)*];

            /// Stable identifier, the same as the stored form.
            pub fn id(self) -> &'static str {
                match self {
                    $(Self::$variant => $id,)*
                }
            }

            /// The group the feeling belongs to.
            pub fn group(self) -> Group {
                match self {
                    $(Self::$variant => Group::$group,)*
                }
            }

            /// The word shown to people.
            pub fn label(self, t: &'static Text) -> &'static str {
                match self {
                    $(Self::$variant => t.feelings().$field,)*
                }
            }
        }
    };
}

feelings! {
    Excited "excited" word_excited PleasantHigh,
    Hopeful "hopeful" word_hopeful PleasantHigh,
    Proud "proud" word_proud PleasantHigh,
    Cheerful "cheerful" word_cheerful PleasantHigh,
    Energised "energised" word_energised PleasantHigh,
    Curious "curious" word_curious PleasantHigh,
    Inspired "inspired" word_inspired PleasantHigh,
    Playful "playful" word_playful PleasantHigh,
    Determined "determined" word_determined PleasantHigh,
    Amused "amused" word_amused PleasantHigh,
    Confident "confident" word_confident PleasantHigh,
    Calm "calm" word_calm PleasantLow,
    Content "content" word_content PleasantLow,
    Relieved "relieved" word_relieved PleasantLow,
    Grateful "grateful" word_grateful PleasantLow,
    Peaceful "peaceful" word_peaceful PleasantLow,
    Relaxed "relaxed" word_relaxed PleasantLow,
    Safe "safe" word_safe PleasantLow,
    CaredFor "cared_for" word_cared_for PleasantLow,
    Thoughtful "thoughtful" word_thoughtful PleasantLow,
    Comfortable "comfortable" word_comfortable PleasantLow,
    Balanced "balanced" word_balanced PleasantLow,
    Anxious "anxious" word_anxious UnpleasantHigh,
    Angry "angry" word_angry UnpleasantHigh,
    Restless "restless" word_restless UnpleasantHigh,
    Frustrated "frustrated" word_frustrated UnpleasantHigh,
    Panicky "panicky" word_panicky UnpleasantHigh,
    Irritated "irritated" word_irritated UnpleasantHigh,
    Jealous "jealous" word_jealous UnpleasantHigh,
    Embarrassed "embarrassed" word_embarrassed UnpleasantHigh,
    Overwhelmed "overwhelmed" word_overwhelmed UnpleasantHigh,
    Tense "tense" word_tense UnpleasantHigh,
    Worried "worried" word_worried UnpleasantHigh,
    Sad "sad" word_sad UnpleasantLow,
    Drained "drained" word_drained UnpleasantLow,
    Lonely "lonely" word_lonely UnpleasantLow,
    Ashamed "ashamed" word_ashamed UnpleasantLow,
    Hopeless "hopeless" word_hopeless UnpleasantLow,
    Disappointed "disappointed" word_disappointed UnpleasantLow,
    Numb "numb" word_numb UnpleasantLow,
    Hurt "hurt" word_hurt UnpleasantLow,
    Tired "tired" word_tired UnpleasantLow,
    Discouraged "discouraged" word_discouraged UnpleasantLow,
    Empty "empty" word_empty UnpleasantLow,
}

impl Feeling {
    /// The inverse of [`Feeling::id`].
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|f| f.id() == id)
    }
}

/// What was going on around the feeling: quick tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Context {
    Study,
    Work,
    Family,
    Partner,
    Friends,
    Health,
    Money,
    Alone,
    Other,
}

impl Context {
    /// Every tag, in the order offered.
    pub const ALL: [Context; 9] = [
        Self::Study,
        Self::Work,
        Self::Family,
        Self::Partner,
        Self::Friends,
        Self::Health,
        Self::Money,
        Self::Alone,
        Self::Other,
    ];

    /// Stable identifier, the same as the stored form.
    pub fn id(self) -> &'static str {
        match self {
            Self::Study => "study",
            Self::Work => "work",
            Self::Family => "family",
            Self::Partner => "partner",
            Self::Friends => "friends",
            Self::Health => "health",
            Self::Money => "money",
            Self::Alone => "alone",
            Self::Other => "other",
        }
    }

    /// The tag's words.
    pub fn label(self, t: &'static Text) -> &'static str {
        match self {
            Self::Study => t.feelings().context_study,
            Self::Work => t.feelings().context_work,
            Self::Family => t.feelings().context_family,
            Self::Partner => t.feelings().context_partner,
            Self::Friends => t.feelings().context_friends,
            Self::Health => t.feelings().context_health,
            Self::Money => t.feelings().context_money,
            Self::Alone => t.feelings().context_alone,
            Self::Other => t.feelings().context_other,
        }
    }
}

/// Why a check-in is not valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    IntensityOutOfRange(u8),
    NoteTooLong,
    ContextTextTooLong,
    RepeatedContext,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::IntensityOutOfRange(v) => write!(
                f,
                "intensity {v} is outside {MIN_INTENSITY}-{MAX_INTENSITY}"
            ),
            Self::NoteTooLong => write!(f, "note is longer than {MAX_NOTE} characters"),
            Self::ContextTextTooLong => write!(
                f,
                "context text is longer than {MAX_CONTEXT_TEXT} characters"
            ),
            Self::RepeatedContext => write!(f, "a context tag is repeated"),
        }
    }
}

fn check_parts(
    intensity: u8,
    note: &str,
    context: &[Context],
    context_text: &str,
) -> Result<(), Problem> {
    if !(MIN_INTENSITY..=MAX_INTENSITY).contains(&intensity) {
        return Err(Problem::IntensityOutOfRange(intensity));
    }
    if note.chars().count() > MAX_NOTE {
        return Err(Problem::NoteTooLong);
    }
    if context_text.chars().count() > MAX_CONTEXT_TEXT {
        return Err(Problem::ContextTextTooLong);
    }
    let mut seen = context.to_vec();
    crate::domain::order::sort(&mut seen);
    seen.dedup();
    if seen.len() != context.len() {
        return Err(Problem::RepeatedContext);
    }
    Ok(())
}

/// The stored shape of a check-in, before its rules are checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckInShape {
    feeling: Feeling,
    intensity: u8,
    #[serde(default)]
    note: String,
    #[serde(default)]
    context: Vec<Context>,
    #[serde(default)]
    context_text: String,
    at: Timestamp,
}

/// One saved check-in (`feeling/<id>`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, try_from = "CheckInShape")]
pub struct CheckIn {
    pub feeling: Feeling,
    /// 1-10.
    pub intensity: u8,
    /// Optional words about it.
    pub note: String,
    /// What was going on (quick tags, no repeats).
    pub context: Vec<Context>,
    /// What was going on, in the person's words.
    pub context_text: String,
    /// When the check-in was saved, with the local offset.
    pub at: Timestamp,
}

impl TryFrom<CheckInShape> for CheckIn {
    type Error = Problem;
    fn try_from(s: CheckInShape) -> Result<Self, Problem> {
        check_parts(s.intensity, &s.note, &s.context, &s.context_text)?;
        Ok(CheckIn {
            feeling: s.feeling,
            intensity: s.intensity,
            note: s.note,
            context: s.context,
            context_text: s.context_text,
            at: s.at,
        })
    }
}

impl Record for CheckIn {
    const KIND: &'static str = "feeling";
}

impl CheckIn {
    /// The local calendar date the check-in was made on (in the offset it was
    /// recorded with).
    pub fn date(&self) -> NaiveDate {
        self.at.date_naive()
    }
}

/// Where the person is in the check-in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Choosing the word.
    #[default]
    Name,
    /// Intensity, note and what was going on.
    Details,
}

/// The stored shape of a draft, before its rules are checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DraftShape {
    #[serde(default)]
    step: Step,
    #[serde(default)]
    feeling: Option<Feeling>,
    #[serde(default = "default_intensity")]
    intensity: u8,
    #[serde(default)]
    note: String,
    #[serde(default)]
    context: Vec<Context>,
    #[serde(default)]
    context_text: String,
}

fn default_intensity() -> u8 {
    DEFAULT_INTENSITY
}

/// A check-in in progress (`feeling_draft/current`), kept as the person goes
/// so nothing is lost on reload or navigation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, try_from = "DraftShape")]
pub struct Draft {
    pub step: Step,
    pub feeling: Option<Feeling>,
    pub intensity: u8,
    pub note: String,
    pub context: Vec<Context>,
    pub context_text: String,
}

impl Default for Draft {
    fn default() -> Self {
        Draft {
            step: Step::Name,
            feeling: None,
            intensity: DEFAULT_INTENSITY,
            note: String::new(),
            context: Vec::new(),
            context_text: String::new(),
        }
    }
}

impl TryFrom<DraftShape> for Draft {
    type Error = Problem;
    fn try_from(s: DraftShape) -> Result<Self, Problem> {
        check_parts(s.intensity, &s.note, &s.context, &s.context_text)?;
        Ok(Draft {
            step: s.step,
            feeling: s.feeling,
            intensity: s.intensity,
            note: s.note,
            context: s.context,
            context_text: s.context_text,
        })
    }
}

impl Record for Draft {
    const KIND: &'static str = "feeling_draft";
}

impl Draft {
    /// The id of the one draft.
    pub const ID: &'static str = "current";

    /// True when there is nothing in it worth keeping.
    pub fn is_empty(&self) -> bool {
        *self == Draft::default()
    }

    /// Turns a tag on or off, keeping the offered order.
    pub fn toggle(&mut self, c: Context) {
        if self.context.contains(&c) {
            self.context.retain(|x| *x != c);
        } else {
            self.context.push(c);
            crate::domain::order::sort(&mut self.context);
        }
    }

    /// The check-in this draft becomes when saved at `at`, or `None` while
    /// no feeling is chosen. Text is trimmed and cut to its limit; the
    /// intensity is clamped, so the result always passes validation.
    pub fn finish(&self, at: Timestamp) -> Option<CheckIn> {
        let feeling = self.feeling?;
        let mut context = self.context.clone();
        crate::domain::order::sort(&mut context);
        context.dedup();
        Some(CheckIn {
            feeling,
            intensity: self.intensity.clamp(MIN_INTENSITY, MAX_INTENSITY),
            note: limit(self.note.trim(), MAX_NOTE),
            context,
            context_text: limit(self.context_text.trim(), MAX_CONTEXT_TEXT),
            at,
        })
    }
}

/// At most `max` characters of `text`.
pub fn limit(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

// ---------- summaries ----------

/// A calendar week (Monday to Sunday) or month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    Week,
    Month,
}

/// A run of whole local days: the week or month shown in the chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub span: Span,
    /// First day (a Monday, or the 1st).
    pub start: NaiveDate,
    /// Last day, included.
    pub end: NaiveDate,
}

impl Period {
    /// The week or month that contains `day`.
    pub fn containing(span: Span, day: NaiveDate) -> Self {
        match span {
            Span::Week => {
                let start = day - Days::new(u64::from(day.weekday().num_days_from_monday()));
                Period {
                    span,
                    start,
                    end: start + Days::new(6),
                }
            }
            Span::Month => {
                let start = day.with_day(1).unwrap_or(day);
                let end = start
                    .checked_add_months(Months::new(1))
                    .and_then(|d| d.pred_opt())
                    .unwrap_or(start);
                Period { span, start, end }
            }
        }
    }

    /// The period before this one.
    pub fn previous(self) -> Self {
        Self::containing(self.span, self.start.pred_opt().unwrap_or(self.start))
    }

    /// The period after this one.
    pub fn next(self) -> Self {
        Self::containing(self.span, self.end.succ_opt().unwrap_or(self.end))
    }

    /// Whether `day` falls in this period.
    pub fn contains(self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }

    /// Every day of the period, in order.
    pub fn days(self) -> Vec<NaiveDate> {
        self.start
            .iter_days()
            .take_while(|d| *d <= self.end)
            .collect()
    }
}

/// One check-in as the chart needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub feeling: Feeling,
    pub intensity: u8,
}

/// Everything checked in on one local day, in time order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Day {
    pub date: NaiveDate,
    pub marks: Vec<Mark>,
}

/// What a week or month of check-ins looks like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub period: Period,
    /// How many check-ins fall in the period.
    pub total: usize,
    /// Check-ins per group, in [`Group::ALL`] order.
    pub per_group: [usize; 4],
    /// Words by how often they were chosen (most first; ties in the order
    /// the words are offered).
    pub top: Vec<(Feeling, usize)>,
    /// One entry per day of the period, empty days included.
    pub days: Vec<Day>,
}

impl Summary {
    /// The word or words chosen most, and how often. `None` when nothing
    /// stands out: no check-ins, or several different words once each.
    pub fn most_often(&self) -> Option<(Vec<Feeling>, usize)> {
        let (_, most) = *self.top.first()?;
        if most < 2 && self.total > 1 {
            return None;
        }
        let words = self
            .top
            .iter()
            .filter(|(_, n)| *n == most)
            .map(|(f, _)| *f)
            .collect();
        Some((words, most))
    }

    /// How many days had at least one check-in.
    pub fn days_with_check_ins(&self) -> usize {
        self.days.iter().filter(|d| !d.marks.is_empty()).count()
    }
}

/// Groups the check-ins that fall in `period` by local day and counts them.
pub fn summarise<'a>(check_ins: impl IntoIterator<Item = &'a CheckIn>, period: Period) -> Summary {
    let mut inside: Vec<&CheckIn> = check_ins
        .into_iter()
        .filter(|c| period.contains(c.date()))
        .collect();
    crate::domain::order::sort_by_key(&mut inside, |c| c.at);
    let mut per_group = [0; 4];
    let mut counts: Vec<(Feeling, usize)> = Vec::new();
    for c in &inside {
        per_group[c.feeling.group().index()] += 1;
        match counts.iter_mut().find(|(f, _)| *f == c.feeling) {
            Some((_, n)) => *n += 1,
            None => counts.push((c.feeling, 1)),
        }
    }
    crate::domain::order::sort_by(&mut counts, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let days = period
        .days()
        .into_iter()
        .map(|date| Day {
            date,
            marks: inside
                .iter()
                .filter(|c| c.date() == date)
                .map(|c| Mark {
                    feeling: c.feeling,
                    intensity: c.intensity,
                })
                .collect(),
        })
        .collect();
    Summary {
        period,
        total: inside.len(),
        per_group,
        top: counts,
        days,
    }
}

// ---------- dates in words ----------

/// Short weekday name, Monday first.
pub fn weekday_name(t: &'static Text, day: NaiveDate) -> &'static str {
    [
        t.feelings().calendar_weekday_1,
        t.feelings().calendar_weekday_2,
        t.feelings().calendar_weekday_3,
        t.feelings().calendar_weekday_4,
        t.feelings().calendar_weekday_5,
        t.feelings().calendar_weekday_6,
        t.feelings().calendar_weekday_7,
    ][day.weekday().num_days_from_monday() as usize]
}

/// Short month name.
pub fn month_short(t: &'static Text, day: NaiveDate) -> &'static str {
    [
        t.feelings().calendar_short_1,
        t.feelings().calendar_short_2,
        t.feelings().calendar_short_3,
        t.feelings().calendar_short_4,
        t.feelings().calendar_short_5,
        t.feelings().calendar_short_6,
        t.feelings().calendar_short_7,
        t.feelings().calendar_short_8,
        t.feelings().calendar_short_9,
        t.feelings().calendar_short_10,
        t.feelings().calendar_short_11,
        t.feelings().calendar_short_12,
    ][day.month0() as usize]
}

/// Full month name.
pub fn month_long(t: &'static Text, day: NaiveDate) -> &'static str {
    [
        t.feelings().calendar_month_1,
        t.feelings().calendar_month_2,
        t.feelings().calendar_month_3,
        t.feelings().calendar_month_4,
        t.feelings().calendar_month_5,
        t.feelings().calendar_month_6,
        t.feelings().calendar_month_7,
        t.feelings().calendar_month_8,
        t.feelings().calendar_month_9,
        t.feelings().calendar_month_10,
        t.feelings().calendar_month_11,
        t.feelings().calendar_month_12,
    ][day.month0() as usize]
}

/// A day in words, e.g. "Sat 28 Nov".
pub fn day_words(t: &'static Text, day: NaiveDate) -> String {
    fill(
        t.feelings().calendar_day_short,
        &[
            ("weekday", weekday_name(t, day)),
            ("day", &day.day().to_string()),
            ("month", month_short(t, day)),
        ],
    )
}

/// A moment in words, e.g. "Sat 28 Nov, 21:30".
pub fn when_words(t: &'static Text, at: Timestamp) -> String {
    let day = at.date_naive();
    fill(
        t.feelings().calendar_when,
        &[
            ("weekday", weekday_name(t, day)),
            ("day", &day.day().to_string()),
            ("month", month_short(t, day)),
            ("time", &at.format("%H:%M").to_string()),
        ],
    )
}

/// The period's name, e.g. "Mon 23 Nov to Sun 29 Nov" or "November 2026".
pub fn period_words(t: &'static Text, period: Period) -> String {
    match period.span {
        Span::Week => fill(
            t.feelings().history_range,
            &[
                ("start", &day_words(t, period.start)),
                ("end", &day_words(t, period.end)),
            ],
        ),
        Span::Month => fill(
            t.feelings().calendar_month_year,
            &[
                ("month", month_long(t, period.start)),
                ("year", &period.start.year().to_string()),
            ],
        ),
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

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn check_in(feeling: Feeling, intensity: u8, when: &str) -> CheckIn {
        CheckIn {
            feeling,
            intensity,
            note: String::new(),
            context: vec![],
            context_text: String::new(),
            at: at(when),
        }
    }

    #[test]
    fn there_are_at_least_forty_words_in_four_groups_of_ten_or_more() {
        assert!(Feeling::ALL.len() >= 40);
        for g in Group::ALL {
            assert!(g.feelings().count() >= 10, "{g:?}");
        }
    }

    #[test]
    fn ids_are_unique_stable_and_match_the_stored_form() {
        let mut ids: Vec<_> = Feeling::ALL.iter().map(|f| f.id()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), Feeling::ALL.len());
        for f in Feeling::ALL {
            assert_eq!(Feeling::from_id(f.id()), Some(*f));
            assert_eq!(serde_json::to_value(f).unwrap(), json!(f.id()));
        }
        for c in Context::ALL {
            assert_eq!(serde_json::to_value(c).unwrap(), json!(c.id()));
        }
        assert_eq!(Feeling::from_id("bad"), None);
        assert_eq!(Feeling::CaredFor.id(), "cared_for");
    }

    #[test]
    fn every_word_and_group_has_text() {
        let t = crate::content::for_language("en");
        for f in Feeling::ALL {
            assert!(!f.label(t).is_empty());
        }
        for g in Group::ALL {
            assert!(!g.label(t).is_empty() && !g.hint(t).is_empty());
            assert!(g.acknowledgement(t).contains("{feeling}"));
        }
        for c in Context::ALL {
            assert!(!c.label(t).is_empty());
        }
    }

    #[test]
    fn a_check_in_round_trips_and_validates() {
        let mut c = check_in(Feeling::Drained, 7, "2026-11-28T21:30:00+05:30");
        c.note = "Long day <b>at</b> the library".into();
        c.context = vec![Context::Study, Context::Alone];
        c.context_text = "mock test".into();
        let value = serde_json::to_value(&c).unwrap();
        assert_eq!(value["feeling"], "drained");
        assert!(validate("feeling", &value).is_ok());
        let back: CheckIn = serde_json::from_value(value).unwrap();
        assert_eq!(back, c);
    }

    #[test]
    fn bad_check_ins_are_refused() {
        let good = json!({"feeling": "calm", "intensity": 3, "at": "2026-11-28T21:30:00+05:30"});
        assert!(validate("feeling", &good).is_ok());
        let mut cases = Vec::new();
        for (field, bad) in [
            ("intensity", json!(0)),
            ("intensity", json!(11)),
            ("intensity", json!(300)),
            ("intensity", json!("5")),
            ("feeling", json!("grumpy")),
            ("note", json!("x".repeat(MAX_NOTE + 1))),
            ("context_text", json!("x".repeat(MAX_CONTEXT_TEXT + 1))),
            ("context", json!(["study", "study"])),
            ("context", json!(["gym"])),
            ("at", json!("yesterday")),
            ("extra", json!(1)),
        ] {
            let mut v = good.clone();
            v[field] = bad;
            cases.push(v);
        }
        cases.push(json!({"feeling": "calm", "intensity": 3}));
        cases.push(json!([1]));
        for v in cases {
            assert!(validate("feeling", &v).is_err(), "{v}");
        }
        // Limits count characters, not bytes.
        let mut v = good.clone();
        v["note"] = json!("अ".repeat(MAX_NOTE));
        assert!(validate("feeling", &v).is_ok());
    }

    #[test]
    fn drafts_validate_and_default_sensibly() {
        assert!(validate("feeling_draft", &json!({})).is_ok());
        let d: Draft = serde_json::from_value(json!({})).unwrap();
        assert!(d.is_empty());
        assert_eq!(d.intensity, DEFAULT_INTENSITY);
        assert!(validate("feeling_draft", &json!({"intensity": 0})).is_err());
        assert!(validate("feeling_draft", &json!({"step": "later"})).is_err());
        assert!(validate("feeling_draft", &json!({"mood": 1})).is_err());
        let d = Draft {
            step: Step::Details,
            feeling: Some(Feeling::Hopeful),
            note: "hi".into(),
            ..Draft::default()
        };
        let v = serde_json::to_value(&d).unwrap();
        assert!(validate("feeling_draft", &v).is_ok());
        assert_eq!(serde_json::from_value::<Draft>(v).unwrap(), d);
    }

    #[test]
    fn finishing_a_draft_needs_a_feeling_and_tidies_text() {
        let now = at("2026-11-28T21:30:00+05:30");
        let mut d = Draft::default();
        assert_eq!(d.finish(now), None);
        d.feeling = Some(Feeling::Lonely);
        d.note = format!("  {}  ", "a".repeat(MAX_NOTE + 50));
        d.context_text = " exam results ".into();
        d.toggle(Context::Work);
        d.toggle(Context::Study);
        d.toggle(Context::Money);
        d.toggle(Context::Money);
        let c = d.finish(now).unwrap();
        assert_eq!(c.feeling, Feeling::Lonely);
        assert_eq!(c.note.chars().count(), MAX_NOTE);
        assert_eq!(c.context_text, "exam results");
        assert_eq!(c.context, vec![Context::Study, Context::Work]);
        assert_eq!(c.at, now);
        assert!(validate("feeling", &serde_json::to_value(&c).unwrap()).is_ok());
    }

    #[test]
    fn weeks_run_monday_to_sunday() {
        // 28 Nov 2026 is a Saturday.
        let p = Period::containing(Span::Week, date("2026-11-28"));
        assert_eq!(p.start, date("2026-11-23"));
        assert_eq!(p.end, date("2026-11-29"));
        assert_eq!(p.days().len(), 7);
        assert_eq!(p.previous().start, date("2026-11-16"));
        assert_eq!(p.next().start, date("2026-11-30"));
        assert_eq!(p.next().end, date("2026-12-06"));
        let monday = Period::containing(Span::Week, date("2026-11-23"));
        assert_eq!(monday, p);
    }

    #[test]
    fn months_have_their_own_length() {
        let feb = Period::containing(Span::Month, date("2028-02-14"));
        assert_eq!(
            (feb.start, feb.end),
            (date("2028-02-01"), date("2028-02-29"))
        );
        assert_eq!(feb.days().len(), 29);
        let dec = Period::containing(Span::Month, date("2026-12-31"));
        assert_eq!(dec.days().len(), 31);
        assert_eq!(dec.next().start, date("2027-01-01"));
        assert_eq!(dec.previous().end, date("2026-11-30"));
    }

    #[test]
    fn summaries_count_groups_words_and_days_in_local_dates() {
        let all = vec![
            check_in(Feeling::Drained, 6, "2026-11-23T08:00:00+05:30"),
            check_in(Feeling::Drained, 8, "2026-11-25T22:00:00+05:30"),
            check_in(Feeling::Hopeful, 4, "2026-11-25T09:00:00+05:30"),
            check_in(Feeling::Calm, 5, "2026-11-27T12:00:00+05:30"),
            check_in(Feeling::Anxious, 9, "2026-11-29T23:50:00+05:30"),
            // 00:10 on Monday 30th in India: next week, though it is still
            // Sunday in UTC.
            check_in(Feeling::Sad, 3, "2026-11-30T00:10:00+05:30"),
            // Before the week.
            check_in(Feeling::Sad, 3, "2026-11-22T23:59:00+05:30"),
        ];
        let week = Period::containing(Span::Week, date("2026-11-28"));
        let s = summarise(&all, week);
        assert_eq!(s.total, 5);
        assert_eq!(s.per_group, [1, 1, 1, 2]);
        assert_eq!(s.most_often(), Some((vec![Feeling::Drained], 2)));
        assert_eq!(s.top.len(), 4);
        assert_eq!(s.days.len(), 7);
        assert_eq!(s.days_with_check_ins(), 4);
        // Wednesday, in time order.
        assert_eq!(
            s.days[2].marks,
            vec![
                Mark {
                    feeling: Feeling::Hopeful,
                    intensity: 4
                },
                Mark {
                    feeling: Feeling::Drained,
                    intensity: 8
                }
            ]
        );
        assert_eq!(s.days[6].marks.len(), 1);

        let month = summarise(&all, Period::containing(Span::Month, date("2026-11-02")));
        assert_eq!(month.total, 7);
        assert_eq!(month.days.len(), 30);
        // A tie keeps the order the words are offered in.
        assert_eq!(month.top[0], (Feeling::Sad, 2));
        assert_eq!(month.top[1], (Feeling::Drained, 2));
        assert_eq!(
            month.most_often(),
            Some((vec![Feeling::Sad, Feeling::Drained], 2))
        );
    }

    #[test]
    fn dates_read_as_words() {
        let t = crate::content::for_language("en");
        assert_eq!(day_words(t, date("2026-11-28")), "Sat 28 Nov");
        assert_eq!(
            when_words(t, at("2026-11-28T21:05:00+05:30")),
            "Sat 28 Nov, 21:05"
        );
        let week = Period::containing(Span::Week, date("2026-11-28"));
        assert_eq!(period_words(t, week), "Mon 23 Nov to Sun 29 Nov");
        let month = Period::containing(Span::Month, date("2026-11-28"));
        assert_eq!(period_words(t, month), "November 2026");
    }

    #[test]
    fn nothing_stands_out_when_every_word_came_once() {
        let week = Period::containing(Span::Week, date("2026-11-28"));
        let one = [check_in(Feeling::Calm, 5, "2026-11-27T12:00:00+05:30")];
        assert_eq!(
            summarise(&one, week).most_often(),
            Some((vec![Feeling::Calm], 1))
        );
        let two = [
            one[0].clone(),
            check_in(Feeling::Sad, 5, "2026-11-28T12:00:00+05:30"),
        ];
        assert_eq!(summarise(&two, week).most_often(), None);
    }

    #[test]
    fn an_empty_period_summarises_to_nothing() {
        let s = summarise(
            &Vec::<CheckIn>::new(),
            Period::containing(Span::Week, date("2026-01-01")),
        );
        assert_eq!(s.total, 0);
        assert_eq!(s.most_often(), None);
        assert_eq!(s.days_with_check_ins(), 0);
        assert_eq!(s.days.len(), 7);
    }
}
