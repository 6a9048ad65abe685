//! "How far you've come": milestones gathered from every exercise, and the
//! one next thing the home screen suggests today.
//!
//! Both work on plain facts (what was done and when), so this module does not
//! depend on any exercise's record types; the app collects the facts.

use std::collections::BTreeMap;

use chrono::NaiveDate;

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
        times.sort();
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
    out.sort_by_key(|m| (m.at, m.activity));
    out
}

/// The first day the person did anything, and how many days since.
pub fn days_since_start(done: &[(Activity, Timestamp)], today: NaiveDate) -> Option<i64> {
    done.iter()
        .map(|(_, at)| at.date_naive())
        .min()
        .map(|first| (today - first).num_days())
}

/// What the home screen can suggest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NextThing {
    /// A letter the person wrote is ready to be reread.
    RereadLetter,
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
    /// Someone on the list has not heard from the person in a while.
    ReachOut { name: String },
    /// Nothing pressing: try an exercise not tried yet (its id).
    Try(Activity),
    /// Everything has been tried: write in the journal.
    Journal,
}

/// What the suggestion is based on today.
#[derive(Debug, Clone, Default)]
pub struct Today {
    pub part_of_day: Option<PartOfDay>,
    pub letter_due: bool,
    pub open_goals_today: usize,
    pub any_goals: bool,
    pub checked_in_today: bool,
    pub measure_due: bool,
    /// The first person waiting for a nudge, if any.
    pub nudge: Option<String>,
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

/// The one next thing for today. Never more than one, never urgent: the
/// order puts what the person asked for (a letter to reread) first, then
/// what fits the time of day, then gentle openings.
pub fn next_thing(today: &Today) -> NextThing {
    if today.letter_due {
        return NextThing::RereadLetter;
    }
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
    if let Some(name) = &today.nudge {
        return NextThing::ReachOut { name: name.clone() };
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
    fn next_thing_puts_a_due_letter_first_then_fits_the_time_of_day() {
        let mut t = Today {
            part_of_day: Some(PartOfDay::Night),
            letter_due: true,
            ..Today::default()
        };
        assert_eq!(next_thing(&t), NextThing::RereadLetter);
        t.letter_due = false;
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
        t.nudge = Some("Asha".into());
        assert_eq!(
            next_thing(&t),
            NextThing::ReachOut {
                name: "Asha".into()
            }
        );
        t.nudge = None;
        t.tried.extend([Activity::CheckIn, Activity::Breathing]);
        assert_eq!(next_thing(&t), NextThing::Try(Activity::ThoughtRecord));
        t.tried.extend(TRY_ORDER);
        assert_eq!(next_thing(&t), NextThing::Journal);
        t.measure_due = true;
        assert_eq!(next_thing(&t), NextThing::Measure);
    }
}
