//! Reconnecting with people: a private list of supportive people (a name or
//! nickname only; no contacts are read), a ladder of social steps, and a log
//! of reaching out with how it went.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::time::Timestamp;
use super::Record;

/// Longest name or nickname.
pub const MAX_NAME: usize = 60;
/// Longest note on a step.
pub const MAX_NOTE: usize = 1000;
/// The nudge intervals a person can choose, in weeks (0: no nudge).
pub const NUDGE_WEEKS: [u8; 5] = [0, 1, 2, 4, 8];

/// A supportive person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: String,
    /// A gentle reminder on the home screen after this many weeks without
    /// reaching out; 0 for none.
    #[serde(default)]
    pub nudge_weeks: u8,
    pub added: Timestamp,
}

impl Record for Person {
    const KIND: &'static str = "person";
}

impl Person {
    /// Rejects values the form could never produce.
    pub fn check(&self) -> Result<(), String> {
        let len = self.name.trim().chars().count();
        if len == 0 || len > MAX_NAME {
            return Err(format!("name must be 1-{MAX_NAME} characters"));
        }
        if !NUDGE_WEEKS.contains(&self.nudge_weeks) {
            return Err("unknown nudge interval".into());
        }
        Ok(())
    }
}

/// The ladder of social steps, smallest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SocialStep {
    Message,
    Call,
    Meet,
    Group,
    Volunteer,
}

impl SocialStep {
    /// Every step, smallest first.
    pub const ALL: [SocialStep; 5] = [
        Self::Message,
        Self::Call,
        Self::Meet,
        Self::Group,
        Self::Volunteer,
    ];

    /// Stable identifier for forms and tests.
    pub fn id(self) -> &'static str {
        match self {
            Self::Message => "message",
            Self::Call => "call",
            Self::Meet => "meet",
            Self::Group => "group",
            Self::Volunteer => "volunteer",
        }
    }

    /// The inverse of [`SocialStep::id`].
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.id() == id)
    }

    /// Whether the step is with one person from the list (a group or
    /// volunteering need not be).
    pub fn with_someone(self) -> bool {
        matches!(self, Self::Message | Self::Call | Self::Meet)
    }
}

/// How a step went, in the person's own rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HowItWent {
    Hard,
    Okay,
    Good,
}

impl HowItWent {
    /// Every answer, in the order offered.
    pub const ALL: [HowItWent; 3] = [Self::Hard, Self::Okay, Self::Good];

    /// Stable identifier for forms and tests.
    pub fn id(self) -> &'static str {
        match self {
            Self::Hard => "hard",
            Self::Okay => "okay",
            Self::Good => "good",
        }
    }

    /// The inverse of [`HowItWent::id`].
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|h| h.id() == id)
    }
}

/// A social step: planned (no `done` yet) or done, with how it went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outreach {
    pub step: SocialStep,
    /// The person's id in the list, when it was with one of them.
    #[serde(default)]
    pub person: Option<String>,
    /// When it was planned (for planned steps) or logged.
    pub planned: Timestamp,
    /// When it happened; `None` while it is only a plan.
    #[serde(default)]
    pub done: Option<Timestamp>,
    #[serde(default)]
    pub went: Option<HowItWent>,
    #[serde(default)]
    pub note: String,
}

impl Record for Outreach {
    const KIND: &'static str = "outreach";
}

impl Outreach {
    /// Rejects values the form could never produce.
    pub fn check(&self) -> Result<(), String> {
        if self.note.chars().count() > MAX_NOTE {
            return Err("note too long".into());
        }
        if self.done.is_none() && self.went.is_some() {
            return Err("a plan has no outcome yet".into());
        }
        if let Some(p) = &self.person {
            if p.is_empty() || p.len() > 64 {
                return Err("bad person id".into());
            }
        }
        Ok(())
    }
}

/// When the person last reached out to `person_id` (done steps only).
pub fn last_contact(outreach: &[Outreach], person_id: &str) -> Option<Timestamp> {
    outreach
        .iter()
        .filter(|o| o.person.as_deref() == Some(person_id))
        .filter_map(|o| o.done)
        .max()
}

/// People with a nudge set who have not been contacted in that many weeks
/// (counted from when they were added if never), longest waiting first.
pub fn nudges<'a>(
    people: &'a [(String, Person)],
    outreach: &[Outreach],
    today: NaiveDate,
) -> Vec<&'a (String, Person)> {
    let mut due: Vec<(NaiveDate, &'a (String, Person))> = people
        .iter()
        .filter(|(_, p)| p.nudge_weeks > 0)
        .filter_map(|entry| {
            let (id, p) = entry;
            let since = last_contact(outreach, id).unwrap_or(p.added).date_naive();
            let due_on = since + Days::new(7 * u64::from(p.nudge_weeks));
            (due_on <= today).then_some((since, entry))
        })
        .collect();
    crate::domain::order::sort_by_key(&mut due, |(since, _)| *since);
    due.into_iter().map(|(_, e)| e).collect()
}

/// The step to suggest next: the smallest step not yet done with a good or
/// okay outcome, so one comfortable step leads to the next. Starts at a
/// message; after everything went well, stays at the top.
pub fn suggest_step(outreach: &[Outreach]) -> SocialStep {
    let comfortable = |s: SocialStep| {
        outreach.iter().any(|o| {
            o.step == s
                && o.done.is_some()
                && matches!(o.went, Some(HowItWent::Okay | HowItWent::Good))
        })
    };
    SocialStep::ALL
        .into_iter()
        .find(|s| !comfortable(*s))
        .unwrap_or(SocialStep::Volunteer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::parse;

    fn at(s: &str) -> Timestamp {
        parse(s).unwrap()
    }

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn person(name: &str, weeks: u8, added: &str) -> Person {
        Person {
            name: name.into(),
            nudge_weeks: weeks,
            added: at(added),
        }
    }

    fn done(step: SocialStep, person: Option<&str>, when: &str, went: HowItWent) -> Outreach {
        Outreach {
            step,
            person: person.map(String::from),
            planned: at(when),
            done: Some(at(when)),
            went: Some(went),
            note: String::new(),
        }
    }

    #[test]
    fn last_contact_ignores_plans_and_other_people() {
        let mut plan = done(
            SocialStep::Call,
            Some("a"),
            "2026-11-27T10:00:00+05:30",
            HowItWent::Good,
        );
        plan.done = None;
        plan.went = None;
        let log = vec![
            done(
                SocialStep::Message,
                Some("a"),
                "2026-11-10T10:00:00+05:30",
                HowItWent::Okay,
            ),
            done(
                SocialStep::Message,
                Some("a"),
                "2026-11-20T10:00:00+05:30",
                HowItWent::Good,
            ),
            done(
                SocialStep::Meet,
                Some("b"),
                "2026-11-25T10:00:00+05:30",
                HowItWent::Hard,
            ),
            plan,
        ];
        assert_eq!(
            last_contact(&log, "a"),
            Some(at("2026-11-20T10:00:00+05:30"))
        );
        assert_eq!(last_contact(&log, "c"), None);
    }

    #[test]
    fn nudges_after_the_chosen_weeks_longest_waiting_first() {
        let people = vec![
            (
                "a".to_string(),
                person("Asha", 2, "2026-10-01T10:00:00+05:30"),
            ),
            (
                "b".to_string(),
                person("Ben", 1, "2026-11-01T10:00:00+05:30"),
            ),
            (
                "c".to_string(),
                person("Chitra", 0, "2026-01-01T10:00:00+05:30"),
            ),
            (
                "d".to_string(),
                person("Dev", 4, "2026-11-20T10:00:00+05:30"),
            ),
        ];
        let log = vec![done(
            SocialStep::Call,
            Some("a"),
            "2026-11-20T10:00:00+05:30",
            HowItWent::Good,
        )];
        let today = date("2026-11-28");
        let names: Vec<&str> = nudges(&people, &log, today)
            .into_iter()
            .map(|(_, p)| p.name.as_str())
            .collect();
        // Asha was called 8 days ago (nudge after 14), Chitra has no nudge,
        // Dev was added 8 days ago (nudge after 28): only Ben.
        assert_eq!(names, vec!["Ben"]);
        let later = date("2026-12-20");
        let names: Vec<&str> = nudges(&people, &log, later)
            .into_iter()
            .map(|(_, p)| p.name.as_str())
            .collect();
        assert_eq!(names, vec!["Ben", "Asha", "Dev"]);
    }

    #[test]
    fn the_suggested_step_climbs_only_after_a_step_felt_okay() {
        assert_eq!(suggest_step(&[]), SocialStep::Message);
        let hard = done(
            SocialStep::Message,
            None,
            "2026-11-20T10:00:00+05:30",
            HowItWent::Hard,
        );
        assert_eq!(
            suggest_step(std::slice::from_ref(&hard)),
            SocialStep::Message
        );
        let okay = done(
            SocialStep::Message,
            None,
            "2026-11-21T10:00:00+05:30",
            HowItWent::Okay,
        );
        assert_eq!(suggest_step(&[hard, okay.clone()]), SocialStep::Call);
        let all: Vec<Outreach> = SocialStep::ALL
            .into_iter()
            .map(|s| done(s, None, "2026-11-21T10:00:00+05:30", HowItWent::Good))
            .collect();
        assert_eq!(suggest_step(&all), SocialStep::Volunteer);
    }

    #[test]
    fn validation() {
        assert!(person("Asha", 2, "2026-10-01T10:00:00+05:30")
            .check()
            .is_ok());
        assert!(person(" ", 2, "2026-10-01T10:00:00+05:30").check().is_err());
        assert!(person("Asha", 3, "2026-10-01T10:00:00+05:30")
            .check()
            .is_err());
        let mut o = done(
            SocialStep::Call,
            Some("a"),
            "2026-11-20T10:00:00+05:30",
            HowItWent::Good,
        );
        assert!(o.check().is_ok());
        o.done = None;
        assert!(o.check().is_err());
        o.went = None;
        assert!(o.check().is_ok());
        o.note = "x".repeat(MAX_NOTE + 1);
        assert!(o.check().is_err());
        assert_eq!(SocialStep::from_id("meet"), Some(SocialStep::Meet));
        assert!(SocialStep::Message.with_someone() && !SocialStep::Group.with_someone());
    }
}
