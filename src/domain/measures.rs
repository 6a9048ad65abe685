//! Validated questionnaires, scored on the device: the Rosenberg Self-Esteem
//! Scale, the Self-Compassion Scale short form and the WHO-5 Well-Being Index.
//!
//! The item wording lives in `content/<lang>/measures.toml` (with the
//! sources); this module knows each scale's shape (how many items, the answer
//! range, which items are reverse-scored) and turns answers into a score. A
//! score is a snapshot of how the last weeks felt, never a diagnosis.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::time::Timestamp;
use super::Record;

/// One of the questionnaires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scale {
    /// Rosenberg Self-Esteem Scale (Rosenberg 1965): 10 items answered
    /// strongly agree .. strongly disagree, total 0-30.
    Rosenberg,
    /// Self-Compassion Scale, short form (Raes, Pommier, Neff & Van Gucht
    /// 2011): 12 items answered 1 (almost never) .. 5 (almost always), mean
    /// 1-5.
    SelfCompassion,
    /// WHO-5 Well-Being Index (WHO 1998): 5 items answered 0 (at no time) ..
    /// 5 (all of the time), raw 0-25 times 4 = 0-100.
    Who5,
}

/// How a score reads, in broad and kind bands (never a diagnosis).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Band {
    /// The lower part of the range: things have been heavy.
    Low,
    /// The middle of the range.
    Middle,
    /// The upper part of the range.
    High,
}

impl Scale {
    /// Every scale, in the order offered.
    pub const ALL: [Scale; 3] = [Self::Rosenberg, Self::SelfCompassion, Self::Who5];

    /// Stable identifier (routes, forms, storage).
    pub fn id(self) -> &'static str {
        match self {
            Self::Rosenberg => "rosenberg",
            Self::SelfCompassion => "self_compassion",
            Self::Who5 => "who5",
        }
    }

    /// The inverse of [`Scale::id`].
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.id() == id)
    }

    /// Number of items.
    pub fn items(self) -> usize {
        match self {
            Self::Rosenberg => 10,
            Self::SelfCompassion => 12,
            Self::Who5 => 5,
        }
    }

    /// The lowest and highest answer value, as stored. Rosenberg answers are
    /// stored 0 (strongly disagree) .. 3 (strongly agree) before reversing.
    pub fn answer_range(self) -> (u8, u8) {
        match self {
            Self::Rosenberg => (0, 3),
            Self::SelfCompassion => (1, 5),
            Self::Who5 => (0, 5),
        }
    }

    /// Whether item `i` (0-based) is reverse-scored.
    ///
    /// Rosenberg: items 2, 5, 6, 8 and 9 (1-based) are negatively worded.
    /// SCS-SF: over-identification (1, 9), isolation (4, 8) and
    /// self-judgement (11, 12), 1-based.
    pub fn reversed(self, i: usize) -> bool {
        let one_based = i + 1;
        match self {
            Self::Rosenberg => matches!(one_based, 2 | 5 | 6 | 8 | 9),
            Self::SelfCompassion => matches!(one_based, 1 | 4 | 8 | 9 | 11 | 12),
            Self::Who5 => false,
        }
    }

    /// The value an answer counts for after reversing.
    pub fn item_score(self, i: usize, answer: u8) -> u8 {
        let (lo, hi) = self.answer_range();
        if self.reversed(i) {
            hi + lo - answer
        } else {
            answer
        }
    }

    /// The score of a complete, valid set of answers (see [`Scale::check`]).
    ///
    /// Rosenberg: sum, 0-30. SCS-SF: mean, 1-5. WHO-5: sum times 4, 0-100.
    pub fn score(self, answers: &[u8]) -> Result<f64, String> {
        self.check(answers)?;
        let sum: u32 = answers
            .iter()
            .enumerate()
            .map(|(i, &a)| u32::from(self.item_score(i, a)))
            .sum();
        Ok(match self {
            Self::Rosenberg => f64::from(sum),
            Self::SelfCompassion => f64::from(sum) / self.items() as f64,
            Self::Who5 => f64::from(sum * 4),
        })
    }

    /// The lowest and highest possible score.
    pub fn score_range(self) -> (f64, f64) {
        match self {
            Self::Rosenberg => (0.0, 30.0),
            Self::SelfCompassion => (1.0, 5.0),
            Self::Who5 => (0.0, 100.0),
        }
    }

    /// Refuses answers the form could never produce.
    pub fn check(self, answers: &[u8]) -> Result<(), String> {
        if answers.len() != self.items() {
            return Err(format!(
                "{} needs {} answers, got {}",
                self.id(),
                self.items(),
                answers.len()
            ));
        }
        let (lo, hi) = self.answer_range();
        if let Some(a) = answers.iter().find(|a| !(lo..=hi).contains(*a)) {
            return Err(format!("answer {a} outside {lo}-{hi}"));
        }
        Ok(())
    }

    /// A broad band for the plain-words explanation.
    ///
    /// Rosenberg: below 15 low, 15-25 the usual range, above 25 high (the
    /// bands most often used with this scale). SCS-SF: below 2.5 low, up to
    /// 3.5 middle, above high (Neff's suggested reading of the mean). WHO-5:
    /// 50 or below low (the WHO-5 guide suggests talking to someone then),
    /// up to 72 middle, above high.
    pub fn band(self, score: f64) -> Band {
        match self {
            Self::Rosenberg if score < 15.0 => Band::Low,
            Self::Rosenberg if score <= 25.0 => Band::Middle,
            Self::SelfCompassion if score < 2.5 => Band::Low,
            Self::SelfCompassion if score <= 3.5 => Band::Middle,
            Self::Who5 if score <= 50.0 => Band::Low,
            Self::Who5 if score <= 72.0 => Band::Middle,
            _ => Band::High,
        }
    }

    /// The smallest change between two scores worth calling a change rather
    /// than day-to-day noise (WHO-5: 10 points, its guide's figure; the
    /// others: about a tenth of the range).
    pub fn meaningful_change(self) -> f64 {
        match self {
            Self::Rosenberg => 3.0,
            Self::SelfCompassion => 0.4,
            Self::Who5 => 10.0,
        }
    }
}

/// Formats a score the way it is shown: whole numbers for Rosenberg and
/// WHO-5, one decimal for the SCS-SF mean.
pub fn format_score(scale: Scale, score: f64) -> String {
    match scale {
        Scale::SelfCompassion => format!("{score:.1}"),
        _ => format!("{}", score.round() as i64),
    }
}

/// One completed questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureResult {
    pub scale: Scale,
    /// The answers as given, in item order (before reversing).
    pub answers: Vec<u8>,
    pub at: Timestamp,
}

impl Record for MeasureResult {
    const KIND: &'static str = "measure";
}

impl MeasureResult {
    /// Rejects values the form could never produce.
    pub fn check(&self) -> Result<(), String> {
        self.scale.check(&self.answers)
    }

    /// The score (valid results only reach here through `check`).
    pub fn score(&self) -> f64 {
        self.scale.score(&self.answers).unwrap_or(f64::NAN)
    }
}

/// An answer in progress, kept so that a reload does not lose it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureDraft {
    pub scale: Scale,
    /// One slot per item; `None` until answered.
    pub answers: Vec<Option<u8>>,
    pub started: Timestamp,
}

impl Record for MeasureDraft {
    const KIND: &'static str = "measure_draft";
}

impl MeasureDraft {
    /// An empty draft for `scale`.
    pub fn new(scale: Scale, started: Timestamp) -> Self {
        Self {
            scale,
            answers: vec![None; scale.items()],
            started,
        }
    }

    /// Rejects drafts the form could never produce.
    pub fn check(&self) -> Result<(), String> {
        if self.answers.len() != self.scale.items() {
            return Err("wrong number of answers".into());
        }
        let (lo, hi) = self.scale.answer_range();
        if self
            .answers
            .iter()
            .flatten()
            .any(|a| !(lo..=hi).contains(a))
        {
            return Err("answer out of range".into());
        }
        Ok(())
    }

    /// How many items have an answer.
    pub fn answered(&self) -> usize {
        self.answers.iter().flatten().count()
    }

    /// The finished result once every item is answered.
    pub fn complete(&self, at: Timestamp) -> Option<MeasureResult> {
        let answers: Option<Vec<u8>> = self.answers.iter().copied().collect();
        answers.map(|answers| MeasureResult {
            scale: self.scale,
            answers,
            at,
        })
    }
}

/// How often each questionnaire is offered again, in days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureSettings {
    pub every_days: u16,
}

impl Default for MeasureSettings {
    fn default() -> Self {
        Self {
            every_days: DEFAULT_EVERY_DAYS,
        }
    }
}

/// The default interval between offers: two weeks.
pub const DEFAULT_EVERY_DAYS: u16 = 14;
/// The intervals a person can choose from.
pub const EVERY_DAYS_CHOICES: [u16; 4] = [7, 14, 30, 60];

impl Record for MeasureSettings {
    const KIND: &'static str = "measure_settings";
}

impl MeasureSettings {
    /// The one settings record's id.
    pub const ID: &'static str = "settings";

    /// Rejects intervals the form could never produce.
    pub fn check(&self) -> Result<(), String> {
        if EVERY_DAYS_CHOICES.contains(&self.every_days) {
            Ok(())
        } else {
            Err("unknown interval".into())
        }
    }
}

/// The most recent result for `scale`, if any.
pub fn latest(results: &[MeasureResult], scale: Scale) -> Option<&MeasureResult> {
    results
        .iter()
        .filter(|r| r.scale == scale)
        .max_by_key(|r| r.at)
}

/// The date the scale is next offered: never taken → today; otherwise the
/// last time plus the interval.
pub fn next_offer(
    results: &[MeasureResult],
    scale: Scale,
    every_days: u16,
    today: NaiveDate,
) -> NaiveDate {
    match latest(results, scale) {
        None => today,
        Some(r) => r.at.date_naive() + chrono::Days::new(u64::from(every_days)),
    }
}

/// Whether the scale is due (offered) today.
pub fn due(results: &[MeasureResult], scale: Scale, every_days: u16, today: NaiveDate) -> bool {
    next_offer(results, scale, every_days, today) <= today
}

/// The scores of one scale in time order, for the trend chart.
pub fn trend(results: &[MeasureResult], scale: Scale) -> Vec<(Timestamp, f64)> {
    let mut points: Vec<(Timestamp, f64)> = results
        .iter()
        .filter(|r| r.scale == scale)
        .map(|r| (r.at, r.score()))
        .collect();
    crate::domain::order::sort_by_key(&mut points, |(at, _)| *at);
    points
}

/// How the newest score compares with the one before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Up,
    Down,
    AboutTheSame,
}

/// Compares the last two scores of a trend; `None` with fewer than two.
pub fn change(scale: Scale, trend: &[(Timestamp, f64)]) -> Option<Change> {
    let [.., (_, before), (_, now)] = trend else {
        return None;
    };
    let diff = now - before;
    Some(if diff.abs() < scale.meaningful_change() {
        Change::AboutTheSame
    } else if diff > 0.0 {
        Change::Up
    } else {
        Change::Down
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::parse;

    fn at(s: &str) -> Timestamp {
        parse(s).unwrap()
    }

    fn result(scale: Scale, answers: &[u8], when: &str) -> MeasureResult {
        MeasureResult {
            scale,
            answers: answers.to_vec(),
            at: at(when),
        }
    }

    // Rosenberg answers are stored 0 = strongly disagree .. 3 = strongly agree.
    const SA: u8 = 3;
    const A: u8 = 2;
    const D: u8 = 1;
    const SD: u8 = 0;

    #[test]
    fn rosenberg_worked_examples() {
        // Agrees strongly with every positive item, disagrees strongly with
        // every negative one: the top score.
        let best = [SA, SD, SA, SA, SD, SD, SA, SD, SD, SA];
        assert_eq!(Scale::Rosenberg.score(&best), Ok(30.0));
        // The mirror image: the lowest.
        let worst = [SD, SA, SD, SD, SA, SA, SD, SA, SA, SD];
        assert_eq!(Scale::Rosenberg.score(&worst), Ok(0.0));
        // "Agree" to everything: 5 positive items x 2 + 5 negative x 1 = 15.
        assert_eq!(Scale::Rosenberg.score(&[A; 10]), Ok(15.0));
        // A mixed example worked by hand:
        // items 1..10 = A, D, A, A, A, SA, D, SA, D, A
        // scores     =  2, 2, 2, 2, 1, 0,  1, 0,  2, 2  = 14
        let mixed = [A, D, A, A, A, SA, D, SA, D, A];
        assert_eq!(Scale::Rosenberg.score(&mixed), Ok(14.0));
        assert_eq!(Scale::Rosenberg.band(14.0), Band::Low);
        assert_eq!(Scale::Rosenberg.band(15.0), Band::Middle);
        assert_eq!(Scale::Rosenberg.band(26.0), Band::High);
    }

    #[test]
    fn self_compassion_short_form_worked_examples() {
        // "Almost always" (5) to everything: the 6 reversed items count 1.
        // (6 x 5 + 6 x 1) / 12 = 3.0
        assert_eq!(Scale::SelfCompassion.score(&[5; 12]), Ok(3.0));
        // Kind answers on the positive items, "almost never" on the negative.
        let kind = [1, 5, 5, 1, 5, 5, 5, 1, 1, 5, 1, 1];
        assert_eq!(Scale::SelfCompassion.score(&kind), Ok(5.0));
        let harsh = [5, 1, 1, 5, 1, 1, 1, 5, 5, 1, 5, 5];
        assert_eq!(Scale::SelfCompassion.score(&harsh), Ok(1.0));
        // By hand: answers 4,2,3,4,3,2,3,5,4,2,4,5
        // reversed items 1,4,8,9,11,12 → 2,2,1,2,2,1; others 2,3,3,2,3,2
        // sum = 2+2+3+2+3+2+3+1+2+2+2+1 = 25; 25 / 12 = 2.083...
        let by_hand = [4, 2, 3, 4, 3, 2, 3, 5, 4, 2, 4, 5];
        let score = Scale::SelfCompassion.score(&by_hand).unwrap();
        assert!((score - 25.0 / 12.0).abs() < 1e-9);
        assert_eq!(format_score(Scale::SelfCompassion, score), "2.1");
        assert_eq!(Scale::SelfCompassion.band(score), Band::Low);
    }

    #[test]
    fn who5_worked_examples() {
        assert_eq!(Scale::Who5.score(&[5; 5]), Ok(100.0));
        assert_eq!(Scale::Who5.score(&[0; 5]), Ok(0.0));
        // 3+2+2+1+4 = 12, x4 = 48: at or below 50, the low band.
        assert_eq!(Scale::Who5.score(&[3, 2, 2, 1, 4]), Ok(48.0));
        assert_eq!(Scale::Who5.band(48.0), Band::Low);
        assert_eq!(Scale::Who5.band(52.0), Band::Middle);
        assert_eq!(Scale::Who5.band(76.0), Band::High);
    }

    #[test]
    fn incomplete_or_out_of_range_answers_are_refused() {
        assert!(Scale::Rosenberg.score(&[2; 9]).is_err());
        assert!(Scale::Rosenberg.score(&[4; 10]).is_err());
        assert!(Scale::SelfCompassion.score(&[0; 12]).is_err());
        assert!(Scale::Who5.score(&[6, 0, 0, 0, 0]).is_err());
        let bad = result(Scale::Who5, &[1, 2, 3], "2026-11-28T10:00:00+05:30");
        assert!(bad.check().is_err());
    }

    #[test]
    fn drafts_complete_only_when_every_item_is_answered() {
        let start = at("2026-11-28T10:00:00+05:30");
        let mut draft = MeasureDraft::new(Scale::Who5, start);
        assert_eq!(draft.answered(), 0);
        assert!(draft.complete(start).is_none());
        for (i, a) in [3, 2, 2, 1].into_iter().enumerate() {
            draft.answers[i] = Some(a);
        }
        assert!(draft.complete(start).is_none());
        draft.answers[4] = Some(4);
        let done = draft.complete(start).unwrap();
        assert_eq!(done.score(), 48.0);
        draft.answers[0] = Some(9);
        assert!(draft.check().is_err());
    }

    #[test]
    fn offered_again_after_the_chosen_interval() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        assert!(due(&[], Scale::Rosenberg, 14, today));
        let results = vec![
            result(Scale::Rosenberg, &[A; 10], "2026-11-10T09:00:00+05:30"),
            result(Scale::Rosenberg, &[A; 10], "2026-11-20T21:00:00+05:30"),
            result(Scale::Who5, &[3; 5], "2026-11-01T09:00:00+05:30"),
        ];
        assert_eq!(
            next_offer(&results, Scale::Rosenberg, 14, today),
            NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()
        );
        assert!(!due(&results, Scale::Rosenberg, 14, today));
        assert!(due(&results, Scale::Rosenberg, 7, today));
        assert!(due(&results, Scale::Who5, 14, today));
        assert!(due(&results, Scale::SelfCompassion, 14, today));
    }

    #[test]
    fn trend_and_change() {
        let results = vec![
            result(Scale::Who5, &[3, 3, 3, 3, 3], "2026-11-20T09:00:00+05:30"),
            result(Scale::Who5, &[2, 2, 2, 2, 2], "2026-11-06T09:00:00+05:30"),
            result(Scale::Rosenberg, &[A; 10], "2026-11-10T09:00:00+05:30"),
        ];
        let t = trend(&results, Scale::Who5);
        assert_eq!(t.iter().map(|p| p.1).collect::<Vec<_>>(), vec![40.0, 60.0]);
        assert_eq!(change(Scale::Who5, &t), Some(Change::Up));
        assert_eq!(
            change(Scale::Rosenberg, &trend(&results, Scale::Rosenberg)),
            None
        );
        let small = vec![
            (at("2026-11-01T09:00:00+05:30"), 60.0),
            (at("2026-11-15T09:00:00+05:30"), 56.0),
        ];
        assert_eq!(change(Scale::Who5, &small), Some(Change::AboutTheSame));
    }

    #[test]
    fn settings_only_take_offered_intervals() {
        assert!(MeasureSettings::default().check().is_ok());
        assert!(MeasureSettings { every_days: 3 }.check().is_err());
    }
}
