//! "How far you've come": milestones gathered from every exercise, and the
//! one next thing the home screen suggests today.
//!
//! Both work on plain facts (what was done and when), so this module does not
//! depend on any exercise's record types; the app collects the facts.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};

use super::feelings::{CheckIn, Group};
use super::micro_goals::monday_of;
use super::thought_record::ThoughtRecord;
use super::time::{PartOfDay, Timestamp};

/// Something the person did, as the timeline counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Activity {
    ThoughtRecord,
    CheckIn,
    Journal,
    Breathing,
    Grounding,
    Movement,
    Win,
    Goal,
    Outreach,
    Measure,
    CompassionBreak,
    FriendView,
    Letter,
    LetterReread,
    InnerChild,
    SoloStep,
    OpeningUp,
    BoundaryHeld,
    Reading,
}

impl Activity {
    /// Stable identifier (content keys `progress_milestone_<id>_<n>`).
    pub fn id(self) -> &'static str {
        match self {
            Self::ThoughtRecord => "thought_record",
            Self::CheckIn => "check_in",
            Self::Journal => "journal",
            Self::Breathing => "breathing",
            Self::Grounding => "grounding",
            Self::Movement => "movement",
            Self::Win => "win",
            Self::Goal => "goal",
            Self::Outreach => "outreach",
            Self::Measure => "measure",
            Self::CompassionBreak => "compassion_break",
            Self::FriendView => "friend_view",
            Self::Letter => "letter",
            Self::LetterReread => "letter_reread",
            Self::InnerChild => "inner_child",
            Self::SoloStep => "solo_step",
            Self::OpeningUp => "opening_up",
            Self::BoundaryHeld => "boundary_held",
            Self::Reading => "reading",
        }
    }

    /// The counts that make a milestone: the first always; the tenth and
    /// fiftieth for things done often.
    pub fn milestone_counts(self) -> &'static [usize] {
        match self {
            Self::Win | Self::CheckIn | Self::ThoughtRecord | Self::Journal => &[1, 10, 50],
            Self::Breathing | Self::Movement | Self::Outreach | Self::BoundaryHeld => &[1, 10],
            _ => &[1],
        }
    }
}

/// A milestone on the timeline: the `count`-th time of `activity`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Milestone {
    pub activity: Activity,
    pub count: usize,
    pub at: Timestamp,
}

/// The milestones reached, oldest first. `done` lists every activity with
/// its time, in any order.
pub fn milestones(done: &[(Activity, Timestamp)]) -> Vec<Milestone> {
    let mut by_activity: BTreeMap<Activity, Vec<Timestamp>> = BTreeMap::new();
    for (activity, at) in done {
        by_activity.entry(*activity).or_default().push(*at);
    }
    let mut out = Vec::new();
    for (activity, mut times) in by_activity {
        crate::domain::order::sort(&mut times);
        for &count in activity.milestone_counts() {
            if let Some(at) = times.get(count - 1) {
                out.push(Milestone {
                    activity,
                    count,
                    at: *at,
                });
            }
        }
    }
    crate::domain::order::sort_by_key(&mut out, |m| (m.at, m.activity));
    out
}

/// The first day the person did anything, and how many days since: never
/// fewer than none, even when every record is dated after `today` (a phone
/// whose clock was set back, a backup from a phone whose clock ran ahead).
pub fn days_since_start(done: &[(Activity, Timestamp)], today: NaiveDate) -> Option<i64> {
    done.iter()
        .map(|(_, at)| at.date_naive())
        .min()
        .map(|first| (today - first).num_days().max(0))
}

/// The Mondays of the last `weeks` weeks up to this one, oldest first.
pub fn week_starts(today: NaiveDate, weeks: usize) -> Vec<NaiveDate> {
    let this = monday_of(today);
    (0..weeks)
        .rev()
        .map(|i| this - Days::new(7 * i as u64))
        .collect()
}

/// Check-ins in one week, split into pleasant and unpleasant feelings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekFeelings {
    pub monday: NaiveDate,
    pub pleasant: usize,
    pub unpleasant: usize,
}

/// Pleasant and unpleasant check-ins per week, for the last `weeks` weeks.
pub fn weekly_feelings(check_ins: &[CheckIn], today: NaiveDate, weeks: usize) -> Vec<WeekFeelings> {
    week_starts(today, weeks)
        .into_iter()
        .map(|monday| {
            let mut w = WeekFeelings {
                monday,
                pleasant: 0,
                unpleasant: 0,
            };
            for c in check_ins.iter().filter(|c| monday_of(c.date()) == monday) {
                match c.feeling.group() {
                    Group::PleasantHigh | Group::PleasantLow => w.pleasant += 1,
                    Group::UnpleasantHigh | Group::UnpleasantLow => w.unpleasant += 1,
                }
            }
            w
        })
        .collect()
}

/// How much thought records eased their feelings, on average, per week (by
/// when each was finished): `None` for weeks without a re-rated record.
pub fn weekly_thought_ease(
    records: &[ThoughtRecord],
    today: NaiveDate,
    weeks: usize,
) -> Vec<(NaiveDate, Option<f32>)> {
    week_starts(today, weeks)
        .into_iter()
        .map(|monday| {
            let changes: Vec<f32> = records
                .iter()
                .filter(|r| {
                    r.finished_at
                        .is_some_and(|f| monday_of(f.date_naive()) == monday)
                })
                .filter_map(ThoughtRecord::change)
                .collect();
            let avg =
                (!changes.is_empty()).then(|| changes.iter().sum::<f32>() / changes.len() as f32);
            (monday, avg)
        })
        .collect()
}

/// What the home screen can suggest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NextThing {
    /// A goal planned for today is still open.
    TickGoal,
    /// No goals yet: set one tiny goal.
    SetGoal,
    /// Name how the day felt (evening, no check-in yet today).
    CheckIn,
    /// Wind down with slow breathing (late at night).
    Breathe,
    /// A questionnaire is due again.
    Measure,
    /// Nothing pressing: try an exercise not tried yet (its id).
    Try(Activity),
    /// Everything has been tried: write in the journal.
    Journal,
}

/// What the suggestion is based on today.
#[derive(Debug, Clone, Default)]
pub struct Today {
    pub part_of_day: Option<PartOfDay>,
    pub open_goals_today: usize,
    pub any_goals: bool,
    pub checked_in_today: bool,
    pub measure_due: bool,
    /// Activities done at least once, ever.
    pub tried: Vec<Activity>,
}

/// Exercises suggested to try, in the order a newcomer meets them.
pub const TRY_ORDER: [Activity; 10] = [
    Activity::CheckIn,
    Activity::Breathing,
    Activity::ThoughtRecord,
    Activity::CompassionBreak,
    Activity::Movement,
    Activity::FriendView,
    Activity::Grounding,
    Activity::Letter,
    Activity::InnerChild,
    Activity::SoloStep,
];

/// The one next thing for today. A letter ready to reread and someone to
/// reach out to have their own home cards, so they are not repeated here.
/// Never more than one, never urgent: what fits the time of day first, then
/// goals, then gentle openings.
pub fn next_thing(today: &Today) -> NextThing {
    if today.part_of_day == Some(PartOfDay::Night) {
        return NextThing::Breathe;
    }
    if today.part_of_day == Some(PartOfDay::Evening) && !today.checked_in_today {
        return NextThing::CheckIn;
    }
    if today.open_goals_today > 0 {
        return NextThing::TickGoal;
    }
    if !today.any_goals {
        return NextThing::SetGoal;
    }
    if today.measure_due && today.tried.contains(&Activity::Measure) {
        return NextThing::Measure;
    }
    if let Some(a) = TRY_ORDER.into_iter().find(|a| !today.tried.contains(a)) {
        return NextThing::Try(a);
    }
    if today.measure_due {
        return NextThing::Measure;
    }
    NextThing::Journal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_start_is_never_negative() {
        let later = crate::domain::time::parse("2026-11-28T21:30:00+05:30").unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 6, 17).unwrap();
        assert_eq!(
            days_since_start(&[(Activity::Journal, later)], today),
            Some(0)
        );
        assert_eq!(days_since_start(&[], today), None);
    }
    use crate::domain::time::parse;

    fn at(s: &str) -> Timestamp {
        parse(s).unwrap()
    }

    #[test]
    fn milestones_gather_firsts_and_round_numbers_from_every_exercise() {
        let mut done = vec![
            (Activity::ThoughtRecord, at("2026-11-03T10:00:00+05:30")),
            (Activity::ThoughtRecord, at("2026-11-01T10:00:00+05:30")),
            (Activity::BoundaryHeld, at("2026-11-05T10:00:00+05:30")),
            (Activity::LetterReread, at("2026-11-20T10:00:00+05:30")),
        ];
        for day in 10..20 {
            done.push((Activity::Win, at(&format!("2026-11-{day}T09:00:00+05:30"))));
        }
        let m = milestones(&done);
        let seen: Vec<(Activity, usize, String)> = m
            .iter()
            .map(|m| (m.activity, m.count, m.at.format("%d").to_string()))
            .collect();
        assert_eq!(
            seen,
            vec![
                (Activity::ThoughtRecord, 1, "01".into()),
                (Activity::BoundaryHeld, 1, "05".into()),
                (Activity::Win, 1, "10".into()),
                (Activity::Win, 10, "19".into()),
                (Activity::LetterReread, 1, "20".into()),
            ]
        );
        assert!(milestones(&[]).is_empty());
    }

    #[test]
    fn weekly_trends_of_feelings_and_thought_records() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        assert_eq!(
            week_starts(today, 3),
            vec![
                NaiveDate::from_ymd_opt(2026, 11, 9).unwrap(),
                NaiveDate::from_ymd_opt(2026, 11, 16).unwrap(),
                NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            ]
        );
        let check_in = |feeling: &str, when: &str| -> CheckIn {
            serde_json::from_value(serde_json::json!({
                "feeling": feeling, "intensity": 5, "note": "", "context": [],
                "context_text": "", "at": when
            }))
            .unwrap()
        };
        let check_ins = vec![
            check_in("drained", "2026-11-17T10:00:00+05:30"),
            check_in("calm", "2026-11-24T10:00:00+05:30"),
            check_in("hopeful", "2026-11-25T10:00:00+05:30"),
            check_in("anxious", "2026-11-26T10:00:00+05:30"),
        ];
        let weeks = weekly_feelings(&check_ins, today, 2);
        assert_eq!((weeks[0].pleasant, weeks[0].unpleasant), (0, 1));
        assert_eq!((weeks[1].pleasant, weeks[1].unpleasant), (2, 1));

        let record = |finished: &str, before: u8, after: u8| -> ThoughtRecord {
            serde_json::from_value(serde_json::json!({
                "started_at": finished, "finished_at": finished, "step": 8,
                "feelings": [{"name": "Ashamed", "before": before, "after": after}]
            }))
            .unwrap()
        };
        let records = vec![
            record("2026-11-24T10:00:00+05:30", 80, 40),
            record("2026-11-25T10:00:00+05:30", 60, 40),
        ];
        let ease = weekly_thought_ease(&records, today, 2);
        assert_eq!(ease[0].1, None);
        assert_eq!(ease[1].1, Some(30.0));
    }

    #[test]
    fn days_since_the_first_thing_done() {
        let done = vec![
            (Activity::Win, at("2026-11-21T23:30:00+05:30")),
            (Activity::CheckIn, at("2026-11-25T10:00:00+05:30")),
        ];
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        assert_eq!(days_since_start(&done, today), Some(7));
        assert_eq!(days_since_start(&[], today), None);
    }

    #[test]
    fn next_thing_fits_the_time_of_day() {
        let mut t = Today {
            part_of_day: Some(PartOfDay::Night),
            ..Today::default()
        };
        assert_eq!(next_thing(&t), NextThing::Breathe);
        t.part_of_day = Some(PartOfDay::Evening);
        assert_eq!(next_thing(&t), NextThing::CheckIn);
        t.checked_in_today = true;
        t.any_goals = true;
        t.open_goals_today = 2;
        assert_eq!(next_thing(&t), NextThing::TickGoal);
    }

    #[test]
    fn next_thing_in_the_morning_opens_gently() {
        let mut t = Today {
            part_of_day: Some(PartOfDay::Morning),
            ..Today::default()
        };
        // Nothing yet: one tiny goal.
        assert_eq!(next_thing(&t), NextThing::SetGoal);
        t.any_goals = true;
        // A measure is only pressed once the person has taken one.
        t.measure_due = true;
        assert_eq!(next_thing(&t), NextThing::Try(Activity::CheckIn));
        t.tried.push(Activity::Measure);
        assert_eq!(next_thing(&t), NextThing::Measure);
        t.measure_due = false;
        t.tried.extend([Activity::CheckIn, Activity::Breathing]);
        assert_eq!(next_thing(&t), NextThing::Try(Activity::ThoughtRecord));
        t.tried.extend(TRY_ORDER);
        assert_eq!(next_thing(&t), NextThing::Journal);
        t.measure_due = true;
        assert_eq!(next_thing(&t), NextThing::Measure);
    }
}
