//! Tiny goals, logged wins, rest days and the "momentum" measure.
//!
//! A goal is done on a day when a win for it was logged that day, so ticking
//! a goal writes one small `win` record and unticking deletes it. Wins that
//! were never planned are wins too.
//!
//! Momentum never shames: it rises with each day something was done, stays
//! put on rest days and on days nothing was planned, and only eases down,
//! slowly, on a day a repeating goal was planned and nothing at all was done.
//! A few missed days after a long run barely move it.

use std::borrow::Borrow;
use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::profile::Setback;
use super::time::Timestamp;
use super::Record;
use crate::content::Text;

/// Longest goal title.
pub const MAX_TITLE: usize = 120;
/// Longest win text or note.
pub const MAX_WIN: usize = 500;
/// A goal is offered a bigger next step after this many done days (and again
/// after as many more, if the person said "not now").
pub const BIGGER_AFTER: usize = 3;

/// How much energy the person has today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Energy {
    VeryLow,
    Some,
    Good,
}

impl Energy {
    /// Every level, lowest first.
    pub const ALL: [Energy; 3] = [Self::VeryLow, Self::Some, Self::Good];

    /// Stable identifier for forms and tests.
    pub fn id(self) -> &'static str {
        match self {
            Self::VeryLow => "very_low",
            Self::Some => "some",
            Self::Good => "good",
        }
    }

    /// The inverse of [`Energy::id`].
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.id() == id)
    }
}

/// A suggested goal: which setback and energy it suits, and the slightly
/// bigger step that follows it. Its words are `micro_goals_suggest_<id>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suggestion {
    pub id: &'static str,
    /// `None`: fits any setback.
    pub setback: Option<Setback>,
    pub energy: Energy,
    /// The next, slightly bigger step, if there is one.
    pub bigger: Option<&'static str>,
}

const fn s(
    id: &'static str,
    setback: Option<Setback>,
    energy: Energy,
    bigger: Option<&'static str>,
) -> Suggestion {
    Suggestion {
        id,
        setback,
        energy,
        bigger,
    }
}

/// Every suggestion, small to larger within each theme.
pub const SUGGESTIONS: [Suggestion; 15] = [
    s(
        "exam_one_page",
        Some(Setback::Exam),
        Energy::VeryLow,
        Some("exam_study_20"),
    ),
    s(
        "exam_study_20",
        Some(Setback::Exam),
        Energy::Some,
        Some("exam_study_45"),
    ),
    s("exam_study_45", Some(Setback::Exam), Energy::Good, None),
    s(
        "job_one_strength",
        Some(Setback::Job),
        Energy::VeryLow,
        Some("job_cv_section"),
    ),
    s(
        "job_cv_section",
        Some(Setback::Job),
        Energy::Some,
        Some("job_one_application"),
    ),
    s(
        "job_one_application",
        Some(Setback::Job),
        Energy::Good,
        None,
    ),
    s(
        "rel_step_outside",
        Some(Setback::Relationship),
        Energy::VeryLow,
        Some("rel_walk_alone"),
    ),
    s(
        "rel_walk_alone",
        Some(Setback::Relationship),
        Energy::Some,
        Some("rel_cook_meal"),
    ),
    s(
        "rel_cook_meal",
        Some(Setback::Relationship),
        Energy::Good,
        None,
    ),
    s("any_water", None, Energy::VeryLow, Some("any_shower")),
    s("any_shower", None, Energy::VeryLow, Some("any_tidy_corner")),
    s("any_tidy_corner", None, Energy::Some, Some("any_tidy_room")),
    s("any_tidy_room", None, Energy::Good, None),
    s("any_sunlight", None, Energy::Some, Some("any_walk_30")),
    s("any_walk_30", None, Energy::Good, None),
];

impl Suggestion {
    /// The suggestion with this id.
    pub fn by_id(id: &str) -> Option<Suggestion> {
        SUGGESTIONS.into_iter().find(|s| s.id == id)
    }

    /// The words for this suggestion.
    pub fn text(self, t: &'static Text) -> &'static str {
        match self.id {
            "exam_one_page" => t.micro_goals().suggest_exam_one_page,
            "exam_study_20" => t.micro_goals().suggest_exam_study_20,
            "exam_study_45" => t.micro_goals().suggest_exam_study_45,
            "job_one_strength" => t.micro_goals().suggest_job_one_strength,
            "job_cv_section" => t.micro_goals().suggest_job_cv_section,
            "job_one_application" => t.micro_goals().suggest_job_one_application,
            "rel_step_outside" => t.micro_goals().suggest_rel_step_outside,
            "rel_walk_alone" => t.micro_goals().suggest_rel_walk_alone,
            "rel_cook_meal" => t.micro_goals().suggest_rel_cook_meal,
            "any_water" => t.micro_goals().suggest_any_water,
            "any_shower" => t.micro_goals().suggest_any_shower,
            "any_tidy_corner" => t.micro_goals().suggest_any_tidy_corner,
            "any_tidy_room" => t.micro_goals().suggest_any_tidy_room,
            "any_sunlight" => t.micro_goals().suggest_any_sunlight,
            _ => t.micro_goals().suggest_any_walk_30,
        }
    }
}

/// Suggestions for this setback and energy: the ones made for the setback
/// first, then the ones that fit anyone. At most `limit`.
pub fn suggestions_for(setback: Option<Setback>, energy: Energy, limit: usize) -> Vec<Suggestion> {
    let fits = |s: &Suggestion| s.energy == energy;
    let specific = SUGGESTIONS
        .into_iter()
        .filter(|s| s.setback.is_some() && s.setback == setback && fits(s));
    let general = SUGGESTIONS
        .into_iter()
        .filter(|s| s.setback.is_none() && fits(s));
    specific.chain(general).take(limit).collect()
}

/// A tiny goal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    pub title: String,
    /// Days of the week it repeats on, 0 = Monday .. 6 = Sunday, sorted.
    /// Empty: a one-off goal.
    #[serde(default)]
    pub days: Vec<u8>,
    /// The suggestion it came from, if any.
    #[serde(default)]
    pub suggestion: Option<String>,
    pub created: Timestamp,
    /// Put away by the person (kept for the record, no longer shown).
    #[serde(default)]
    pub archived: Option<Timestamp>,
    /// The done count at which the person last said "not now" to a bigger
    /// step; 0 when never.
    #[serde(default)]
    pub bigger_declined_at: usize,
}

impl Record for Goal {
    const KIND: &'static str = "goal";
}

impl Goal {
    /// Rejects values the form could never produce.
    pub fn check(&self) -> Result<(), String> {
        let len = self.title.trim().chars().count();
        if len == 0 || len > MAX_TITLE {
            return Err(format!("title must be 1-{MAX_TITLE} characters"));
        }
        if self.days.iter().any(|d| *d > 6) {
            return Err("days must be 0-6".into());
        }
        if self.days.windows(2).any(|w| w[0] >= w[1]) {
            return Err("days must be sorted and distinct".into());
        }
        if let Some(id) = &self.suggestion {
            if Suggestion::by_id(id).is_none() {
                return Err("unknown suggestion".into());
            }
        }
        Ok(())
    }

    /// Whether the goal repeats.
    pub fn repeats(&self) -> bool {
        !self.days.is_empty()
    }

    /// Whether a repeating goal is planned for `date` (it existed and was not
    /// put away by then, and the weekday is one of its days).
    pub fn planned_on(&self, date: NaiveDate) -> bool {
        let weekday = date.weekday().num_days_from_monday() as u8;
        self.repeats()
            && self.created.date_naive() <= date
            && self.archived.is_none_or(|a| a.date_naive() > date)
            && self.days.contains(&weekday)
    }
}

/// A win: a goal ticked off, or something the person is glad they did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Win {
    /// What was done (for a goal: its title when ticked).
    pub text: String,
    /// The goal's id when this ticks a goal off.
    #[serde(default)]
    pub goal: Option<String>,
    pub at: Timestamp,
}

impl Record for Win {
    const KIND: &'static str = "win";
}

impl Win {
    /// Rejects values the form could never produce.
    pub fn check(&self) -> Result<(), String> {
        let len = self.text.trim().chars().count();
        if len == 0 || len > MAX_WIN {
            return Err(format!("a win must be 1-{MAX_WIN} characters"));
        }
        Ok(())
    }
}

/// A day the person chose to rest. Its id is the date, e.g. `2026-11-28`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RestDay {
    pub date: NaiveDate,
}

impl Record for RestDay {
    const KIND: &'static str = "rest_day";
}

impl RestDay {
    /// The storage id for a rest day on `date`.
    pub fn id(date: NaiveDate) -> String {
        date.format("%Y-%m-%d").to_string()
    }
}

/// The days each goal was ticked off, read from the wins in one pass.
/// Today's list asks several questions of every goal; with years of wins,
/// going through every win for each of them was most of what a tick cost.
#[derive(Debug, Default)]
pub struct GoalDays<'a> {
    days: BTreeMap<&'a str, BTreeSet<NaiveDate>>,
}

impl<'a> GoalDays<'a> {
    pub fn of<W: Borrow<Win>>(wins: &'a [W]) -> Self {
        let mut days: BTreeMap<&str, BTreeSet<NaiveDate>> = BTreeMap::new();
        for win in wins.iter().map(Borrow::borrow) {
            if let Some(goal) = win.goal.as_deref() {
                days.entry(goal).or_default().insert(win.at.date_naive());
            }
        }
        Self { days }
    }

    /// How many different days `goal_id` was ticked off.
    pub fn count(&self, goal_id: &str) -> usize {
        self.days.get(goal_id).map_or(0, BTreeSet::len)
    }

    /// Whether `goal_id` was ticked off on `date`.
    pub fn on(&self, goal_id: &str, date: NaiveDate) -> bool {
        self.days.get(goal_id).is_some_and(|d| d.contains(&date))
    }
}

/// The goals to show for `today`: repeating goals planned today, and one-off
/// goals not yet done (or done today, so the tick stays visible). Archived
/// goals are left out. In creation order.
pub fn for_today<'a>(
    goals: &'a [(String, Goal)],
    done: &GoalDays,
    today: NaiveDate,
) -> Vec<&'a (String, Goal)> {
    goals
        .iter()
        .filter(|(id, g)| {
            g.archived.is_none()
                && if g.repeats() {
                    g.planned_on(today)
                } else {
                    done.count(id) == 0 || done.on(id, today)
                }
        })
        .collect()
}

/// What a bigger next step for a goal would be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bigger {
    /// The next suggestion on its ladder.
    Suggestion(&'static str),
    /// A goal of the person's own: offer to make it a little bigger.
    OwnWords,
}

/// Offers a slightly bigger step once a goal was done on [`BIGGER_AFTER`]
/// days, and again after as many more if the person said "not now". Never
/// for a suggestion at the top of its ladder, never for a put-away goal.
pub fn offer_bigger(goal_id: &str, goal: &Goal, done: &GoalDays) -> Option<Bigger> {
    if goal.archived.is_some() {
        return None;
    }
    let done = done.count(goal_id);
    let threshold = if goal.bigger_declined_at == 0 {
        BIGGER_AFTER
    } else {
        goal.bigger_declined_at + BIGGER_AFTER
    };
    if done < threshold {
        return None;
    }
    match goal.suggestion.as_deref().map(Suggestion::by_id) {
        Some(Some(s)) => s.bigger.map(Bigger::Suggestion),
        Some(None) => None,
        None => Some(Bigger::OwnWords),
    }
}

/// What a past day was, for momentum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Day {
    /// At least one win.
    Done,
    /// A rest day the person chose.
    Rest,
    /// Nothing was planned and nothing done: no effect.
    Quiet,
    /// A repeating goal was planned, nothing was done, no rest was taken.
    Missed,
}

/// How much a done day lifts momentum towards 100: a fifth of the gap.
pub const RISE: f64 = 0.2;
/// How much a missed day eases it: 3 %.
pub const EASE: f64 = 0.03;

/// Momentum after one more day, on a 0-1 scale.
pub fn step(momentum: f64, day: Day) -> f64 {
    match day {
        Day::Done => momentum + (1.0 - momentum) * RISE,
        Day::Missed => momentum * (1.0 - EASE),
        Day::Rest | Day::Quiet => momentum,
    }
}

/// Classifies every day from the first goal or win up to `today`, oldest
/// first. Today is never `Missed`: it is not over yet.
pub fn days<W: Borrow<Win>>(
    goals: &[(String, Goal)],
    wins: &[W],
    rest: &[RestDay],
    today: NaiveDate,
) -> Vec<(NaiveDate, Day)> {
    let win_days: BTreeSet<NaiveDate> = wins.iter().map(|w| w.borrow().at.date_naive()).collect();
    let rest_days: BTreeSet<NaiveDate> = rest.iter().map(|r| r.date).collect();
    let first = goals
        .iter()
        .map(|(_, g)| g.created.date_naive())
        .chain(win_days.iter().copied())
        .min();
    let Some(mut date) = first else {
        return Vec::new();
    };
    let mut out = Vec::new();
    while date <= today {
        let day = if win_days.contains(&date) {
            Day::Done
        } else if rest_days.contains(&date) {
            Day::Rest
        } else if date < today && goals.iter().any(|(_, g)| g.planned_on(date)) {
            Day::Missed
        } else {
            Day::Quiet
        };
        out.push((date, day));
        date = date + Days::new(1);
    }
    out
}

/// Momentum after each day, 0-100, oldest first.
pub fn momentum_series(days: &[(NaiveDate, Day)]) -> Vec<(NaiveDate, f64)> {
    let mut m = 0.0;
    days.iter()
        .map(|&(date, day)| {
            m = step(m, day);
            (date, m * 100.0)
        })
        .collect()
}

/// Momentum today, 0-100 (0 before anything was planned or done).
pub fn momentum(days: &[(NaiveDate, Day)]) -> f64 {
    momentum_series(days).last().map_or(0.0, |(_, m)| *m)
}

/// Counts for one week (Monday to Sunday).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Week {
    pub monday: NaiveDate,
    /// Days with at least one win.
    pub done_days: usize,
    pub wins: usize,
    pub rest_days: usize,
}

/// The Monday of the week `date` falls in.
pub fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Days::new(u64::from(date.weekday().num_days_from_monday()))
}

/// The last `weeks` weeks up to and including this one, oldest first.
pub fn weekly<W: Borrow<Win>>(
    wins: &[W],
    rest: &[RestDay],
    today: NaiveDate,
    weeks: usize,
) -> Vec<Week> {
    let this_monday = monday_of(today);
    let mut by_week: BTreeMap<NaiveDate, Week> = (0..weeks)
        .map(|i| {
            let monday = this_monday - Days::new(7 * i as u64);
            (
                monday,
                Week {
                    monday,
                    done_days: 0,
                    wins: 0,
                    rest_days: 0,
                },
            )
        })
        .collect();
    let mut seen_days = BTreeSet::new();
    for w in wins.iter().map(Borrow::borrow) {
        let date = w.at.date_naive();
        if let Some(week) = by_week.get_mut(&monday_of(date)) {
            week.wins += 1;
            if seen_days.insert(date) {
                week.done_days += 1;
            }
        }
    }
    for r in rest {
        if let Some(week) = by_week.get_mut(&monday_of(r.date)) {
            week.rest_days += 1;
        }
    }
    by_week.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::parse;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn at(s: &str) -> Timestamp {
        parse(s).unwrap()
    }

    fn goal(title: &str, days: &[u8], created: &str) -> Goal {
        Goal {
            title: title.into(),
            days: days.to_vec(),
            suggestion: None,
            created: at(created),
            archived: None,
            bigger_declined_at: 0,
        }
    }

    fn win(goal: Option<&str>, when: &str) -> Win {
        Win {
            text: "did it".into(),
            goal: goal.map(String::from),
            at: at(when),
        }
    }

    const EVERY_DAY: [u8; 7] = [0, 1, 2, 3, 4, 5, 6];

    #[test]
    fn momentum_rises_with_done_days_and_stays_on_rest_and_quiet_days() {
        let mut m = 0.0;
        m = step(m, Day::Done);
        assert!((m - 0.2).abs() < 1e-9);
        assert_eq!(step(m, Day::Rest), m);
        assert_eq!(step(m, Day::Quiet), m);
        assert!(step(m, Day::Done) > m);
        assert!(step(m, Day::Missed) < m);
        // Never above 100 % or below 0.
        let mut high = 0.0;
        for _ in 0..500 {
            high = step(high, Day::Done);
        }
        assert!(high <= 1.0 && high > 0.99);
        let mut low = 0.5;
        for _ in 0..500 {
            low = step(low, Day::Missed);
        }
        assert!(low >= 0.0);
    }

    #[test]
    fn a_few_missed_days_after_a_long_run_barely_move_it() {
        let mut m = 0.0;
        for _ in 0..30 {
            m = step(m, Day::Done);
        }
        let before = m;
        for _ in 0..3 {
            m = step(m, Day::Missed);
        }
        assert!(before > 0.99);
        // Three missed days cost under a tenth, and three done days win
        // most of that back.
        assert!(before - m < 0.1, "{before} -> {m}");
        for _ in 0..3 {
            m = step(m, Day::Done);
        }
        assert!(m > before - 0.05, "{before} -> {m}");
    }

    #[test]
    fn days_are_classified_without_counting_today_as_missed() {
        // A walk planned Mon/Wed/Fri from Monday 2026-11-23.
        let goals = vec![(
            "g1".to_string(),
            goal("Walk", &[0, 2, 4], "2026-11-23T08:00:00+05:30"),
        )];
        let wins = vec![
            win(Some("g1"), "2026-11-23T18:00:00+05:30"),
            // An unplanned win on Tuesday still counts as a done day.
            win(None, "2026-11-24T20:00:00+05:30"),
        ];
        let rest = vec![RestDay {
            date: date("2026-11-27"),
        }];
        // Today is Saturday the 28th.
        let d = days(&goals, &wins, &rest, date("2026-11-28"));
        let kinds: Vec<Day> = d.iter().map(|(_, k)| *k).collect();
        assert_eq!(
            kinds,
            vec![
                Day::Done,   // Mon 23
                Day::Done,   // Tue 24
                Day::Missed, // Wed 25: planned, nothing done
                Day::Quiet,  // Thu 26: nothing planned
                Day::Rest,   // Fri 27: planned, but a chosen rest
                Day::Quiet,  // Sat 28: today
            ]
        );
        // Planned today and not yet done: still not missed.
        let d = days::<Win>(&goals, &[], &[], date("2026-11-25"));
        assert_eq!(d.last().unwrap().1, Day::Quiet);
        assert_eq!(d[0].1, Day::Missed);
        assert!(days::<Win>(&[], &[], &[], date("2026-11-25")).is_empty());
    }

    #[test]
    fn put_away_goals_stop_being_planned() {
        let mut g = goal("Walk", &EVERY_DAY, "2026-11-20T08:00:00+05:30");
        g.archived = Some(at("2026-11-22T10:00:00+05:30"));
        assert!(g.planned_on(date("2026-11-21")));
        assert!(!g.planned_on(date("2026-11-22")));
        assert!(!g.planned_on(date("2026-11-19")));
        let goals = vec![("g".to_string(), g)];
        let d = days::<Win>(&goals, &[], &[], date("2026-11-25"));
        assert_eq!(
            d.iter().filter(|(_, k)| *k == Day::Missed).count(),
            2,
            "only the 20th and 21st"
        );
    }

    #[test]
    fn momentum_series_follows_the_days() {
        let d = vec![
            (date("2026-11-23"), Day::Done),
            (date("2026-11-24"), Day::Rest),
            (date("2026-11-25"), Day::Done),
        ];
        let series = momentum_series(&d);
        assert!((series[0].1 - 20.0).abs() < 1e-9);
        assert!((series[1].1 - 20.0).abs() < 1e-9);
        assert!((series[2].1 - 36.0).abs() < 1e-9);
        assert!((momentum(&d) - 36.0).abs() < 1e-9);
        assert_eq!(momentum(&[]), 0.0);
    }

    #[test]
    fn weekly_counts() {
        let wins = vec![
            win(Some("g"), "2026-11-23T08:00:00+05:30"),
            win(None, "2026-11-23T20:00:00+05:30"),
            win(None, "2026-11-25T20:00:00+05:30"),
            win(None, "2026-11-17T20:00:00+05:30"),
            // Too old for a two-week view.
            win(None, "2026-11-02T20:00:00+05:30"),
        ];
        let rest = vec![RestDay {
            date: date("2026-11-26"),
        }];
        let weeks = weekly(&wins, &rest, date("2026-11-28"), 2);
        assert_eq!(
            weeks,
            vec![
                Week {
                    monday: date("2026-11-16"),
                    done_days: 1,
                    wins: 1,
                    rest_days: 0
                },
                Week {
                    monday: date("2026-11-23"),
                    done_days: 2,
                    wins: 3,
                    rest_days: 1
                },
            ]
        );
        assert_eq!(monday_of(date("2026-11-29")), date("2026-11-23"));
    }

    #[test]
    fn todays_list_keeps_one_offs_until_done() {
        let goals = vec![
            (
                "a".to_string(),
                goal("Walk", &[5], "2026-11-20T08:00:00+05:30"),
            ),
            (
                "b".to_string(),
                goal("Call home", &[], "2026-11-20T08:00:00+05:30"),
            ),
            (
                "c".to_string(),
                goal("Tidy desk", &[], "2026-11-20T08:00:00+05:30"),
            ),
            (
                "d".to_string(),
                goal("Read", &[0], "2026-11-20T08:00:00+05:30"),
            ),
        ];
        let wins = vec![
            win(Some("b"), "2026-11-28T09:00:00+05:30"),
            win(Some("c"), "2026-11-27T09:00:00+05:30"),
        ];
        // Saturday: the Saturday walk, the one-off done today (still shown
        // ticked), not the one-off done yesterday, not the Monday goal.
        let done = GoalDays::of(&wins);
        let ids: Vec<&str> = for_today(&goals, &done, date("2026-11-28"))
            .into_iter()
            .map(|(id, _)| id.as_str())
            .collect();
        assert_eq!(ids, vec!["a", "b"]);
        assert!(done.on("b", date("2026-11-28")));
        assert!(!done.on("a", date("2026-11-28")));
        assert!(done.on("c", date("2026-11-27")));
        assert_eq!(
            (done.count("b"), done.count("c"), done.count("a")),
            (1, 1, 0)
        );
    }

    #[test]
    fn a_bigger_step_is_offered_after_three_done_days_and_never_pushed() {
        let mut g = goal("Study", &EVERY_DAY, "2026-11-20T08:00:00+05:30");
        g.suggestion = Some("exam_study_20".into());
        let mut wins = vec![
            win(Some("g"), "2026-11-20T09:00:00+05:30"),
            // Twice on one day is still one day.
            win(Some("g"), "2026-11-20T19:00:00+05:30"),
            win(Some("g"), "2026-11-21T09:00:00+05:30"),
        ];
        assert_eq!(offer_bigger("g", &g, &GoalDays::of(&wins)), None);
        wins.push(win(Some("g"), "2026-11-22T09:00:00+05:30"));
        assert_eq!(
            offer_bigger("g", &g, &GoalDays::of(&wins)),
            Some(Bigger::Suggestion("exam_study_45"))
        );
        // "Not now": asked again only after three more done days.
        g.bigger_declined_at = 3;
        assert_eq!(offer_bigger("g", &g, &GoalDays::of(&wins)), None);
        for d in 23..26 {
            wins.push(win(Some("g"), &format!("2026-11-{d}T09:00:00+05:30")));
        }
        assert!(offer_bigger("g", &g, &GoalDays::of(&wins)).is_some());
        // The top of a ladder offers nothing; own goals get "own words".
        g.suggestion = Some("exam_study_45".into());
        assert_eq!(offer_bigger("g", &g, &GoalDays::of(&wins)), None);
        g.suggestion = None;
        assert_eq!(
            offer_bigger("g", &g, &GoalDays::of(&wins)),
            Some(Bigger::OwnWords)
        );
        g.archived = Some(at("2026-11-26T09:00:00+05:30"));
        assert_eq!(offer_bigger("g", &g, &GoalDays::of(&wins)), None);
    }

    #[test]
    fn suggestions_fit_the_setback_and_the_energy() {
        let low = suggestions_for(Some(Setback::Exam), Energy::VeryLow, 3);
        assert_eq!(low[0].id, "exam_one_page");
        assert!(low.iter().all(|s| s.energy == Energy::VeryLow));
        let job = suggestions_for(Some(Setback::Job), Energy::Some, 2);
        assert_eq!(job[0].id, "job_cv_section");
        let none = suggestions_for(None, Energy::Good, 10);
        assert!(none.iter().all(|s| s.setback.is_none()));
        assert!(!none.is_empty());
        // Every ladder link points at a real, not-smaller suggestion.
        for s in SUGGESTIONS {
            if let Some(b) = s.bigger {
                let next = Suggestion::by_id(b).unwrap();
                assert!(next.energy as u8 >= s.energy as u8, "{} -> {b}", s.id);
            }
        }
    }

    #[test]
    fn validation_refuses_what_the_form_cannot_make() {
        let ok = goal("Walk", &[0, 3], "2026-11-20T08:00:00+05:30");
        assert!(ok.check().is_ok());
        assert!(goal("  ", &[], "2026-11-20T08:00:00+05:30")
            .check()
            .is_err());
        assert!(goal("Walk", &[7], "2026-11-20T08:00:00+05:30")
            .check()
            .is_err());
        assert!(goal("Walk", &[3, 0], "2026-11-20T08:00:00+05:30")
            .check()
            .is_err());
        assert!(goal(&"x".repeat(121), &[], "2026-11-20T08:00:00+05:30")
            .check()
            .is_err());
        let mut bad = ok.clone();
        bad.suggestion = Some("nope".into());
        assert!(bad.check().is_err());
        assert!(win(None, "2026-11-20T08:00:00+05:30").check().is_ok());
        let mut empty = win(None, "2026-11-20T08:00:00+05:30");
        empty.text = " ".into();
        assert!(empty.check().is_err());
        assert_eq!(RestDay::id(date("2026-11-28")), "2026-11-28");
    }
}
