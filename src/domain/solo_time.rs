//! The solo-time ladder: small things done alone, from a short walk to a day
//! trip, each rated for comfort before and after. The ladder climbs as rungs
//! feel manageable; the next step offered is never more than one rung up.

use serde::{Deserialize, Serialize};

use super::time::Timestamp;
use super::Record;

/// How many rungs the ladder has (content ids `solo_time_rung_1` ..).
pub const RUNGS: u8 = 7;
/// Comfort ratings run from 0 (very uneasy) to this.
pub const MAX_COMFORT: u8 = 10;
/// Comfort afterwards at or above this counts as "that felt manageable".
pub const COMFORTABLE: u8 = 6;
/// Longest custom activity name.
pub const MAX_TITLE: usize = 200;
/// Longest note.
pub const MAX_NOTE: usize = 20_000;

/// How it went, once done.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Done {
    /// Comfort just before, 0-10.
    pub before: u8,
    /// Comfort afterwards, 0-10.
    pub after: u8,
    #[serde(default)]
    pub note: String,
    pub at: Timestamp,
}

/// One solo activity: planned first, then (perhaps) done.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SoloActivity {
    /// The rung it sits on, 1..=RUNGS.
    pub rung: u8,
    /// The person's own activity; empty for the ladder's own suggestion.
    #[serde(default)]
    pub custom: String,
    /// A day they have in mind, `YYYY-MM-DD` (optional, never "overdue").
    #[serde(default)]
    pub planned_for: Option<String>,
    pub planned_at: Timestamp,
    #[serde(default)]
    pub done: Option<Done>,
}

impl Record for SoloActivity {
    const KIND: &'static str = "solo_activity";
}

fn valid_day(s: &str) -> bool {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
}

impl SoloActivity {
    /// A fresh plan.
    pub fn plan(rung: u8, custom: &str, planned_for: &str, at: Timestamp) -> Option<Self> {
        if !(1..=RUNGS).contains(&rung) {
            return None;
        }
        let day = planned_for.trim();
        Some(Self {
            rung,
            custom: custom.trim().chars().take(MAX_TITLE).collect(),
            planned_for: (!day.is_empty() && valid_day(day)).then(|| day.to_string()),
            planned_at: at,
            done: None,
        })
    }

    /// Rejects values the forms could never produce.
    pub fn check(&self) -> Result<(), String> {
        if !(1..=RUNGS).contains(&self.rung) {
            return Err(format!("rung must be 1-{RUNGS}"));
        }
        if self.custom.chars().count() > MAX_TITLE {
            return Err("activity name too long".into());
        }
        if let Some(day) = &self.planned_for {
            if !valid_day(day) {
                return Err("planned day must be YYYY-MM-DD".into());
            }
        }
        if let Some(d) = &self.done {
            if d.before > MAX_COMFORT || d.after > MAX_COMFORT {
                return Err(format!("comfort must be 0-{MAX_COMFORT}"));
            }
            if d.note.chars().count() > MAX_NOTE {
                return Err("note too long".into());
            }
        }
        Ok(())
    }

    /// Marks it done with comfort before and after (clamped to 0-10).
    pub fn finish(&mut self, before: u8, after: u8, note: &str, at: Timestamp) {
        self.done = Some(Done {
            before: before.min(MAX_COMFORT),
            after: after.min(MAX_COMFORT),
            note: note.trim().chars().take(MAX_NOTE).collect(),
            at,
        });
    }
}

/// Whether a rung counts as reached: done at least once with comfort
/// afterwards of [`COMFORTABLE`] or more, or done twice whatever the comfort
/// (doing it again is itself the climb).
pub fn is_reached(activities: &[SoloActivity], rung: u8) -> bool {
    let done: Vec<&Done> = activities
        .iter()
        .filter(|a| a.rung == rung)
        .filter_map(|a| a.done.as_ref())
        .collect();
    done.len() >= 2 || done.iter().any(|d| d.after >= COMFORTABLE)
}

/// The highest rung reached so far (0 when none).
pub fn highest_reached(activities: &[SoloActivity]) -> u8 {
    (1..=RUNGS)
        .rev()
        .find(|&r| is_reached(activities, r))
        .unwrap_or(0)
}

/// One done activity on the climb chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ClimbPoint {
    pub at: Timestamp,
    pub rung: u8,
    pub before: u8,
    pub after: u8,
    /// Highest rung reached counting this activity and everything before it.
    pub highest: u8,
}

/// The climb over time: every done activity, oldest first, with the highest
/// rung reached so far.
pub fn climb(activities: &[SoloActivity]) -> Vec<ClimbPoint> {
    let mut done: Vec<&SoloActivity> = activities.iter().filter(|a| a.done.is_some()).collect();
    crate::domain::order::sort_by_key(&mut done, |a| a.done.as_ref().map(|d| d.at));
    let mut so_far: Vec<SoloActivity> = Vec::new();
    done.into_iter()
        .map(|a| {
            so_far.push(a.clone());
            let d = a.done.as_ref().expect("filtered");
            ClimbPoint {
                at: d.at,
                rung: a.rung,
                before: d.before,
                after: d.after,
                highest: highest_reached(&so_far),
            }
        })
        .collect()
}

/// Why a step is suggested (each has its own gentle words).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// Nothing done yet: begin at the bottom.
    Start,
    /// The last time felt hard: the same rung again, no hurry.
    Stay,
    /// The last time felt manageable: one rung up.
    Up,
    /// The top rung is reached: any rung, for the enjoyment of it.
    Top,
}

/// The next small step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suggestion {
    pub rung: u8,
    pub why: Why,
}

/// The next, slightly larger step. While comfort afterwards was low, stay on
/// that rung; when it felt manageable, move up one rung from the highest
/// reached. Never more than one rung above the highest reached.
pub fn suggest_next(activities: &[SoloActivity]) -> Suggestion {
    let highest = highest_reached(activities);
    let frontier = (highest + 1).min(RUNGS);
    let last = activities
        .iter()
        .filter_map(|a| a.done.as_ref().map(|d| (a.rung, d)))
        .max_by_key(|(_, d)| d.at);
    match last {
        None => Suggestion {
            rung: 1,
            why: Why::Start,
        },
        Some(_) if highest >= RUNGS => Suggestion {
            rung: RUNGS,
            why: Why::Top,
        },
        Some((rung, d)) if d.after < COMFORTABLE => Suggestion {
            rung: rung.min(frontier),
            why: Why::Stay,
        },
        Some(_) => Suggestion {
            rung: frontier,
            why: Why::Up,
        },
    }
}

/// Plans not done yet, in the order they were made. No deadlines: a plan
/// simply waits until it is done or removed.
pub fn waiting(activities: &[(String, SoloActivity)]) -> Vec<&(String, SoloActivity)> {
    let mut out: Vec<_> = activities
        .iter()
        .filter(|(_, a)| a.done.is_none())
        .collect();
    crate::domain::order::sort_by_key(&mut out, |(_, a)| a.planned_at);
    out
}

/// What is being typed on the ladder page, so nothing is lost on reload.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SoloDraft {
    /// The own activity being planned.
    #[serde(default)]
    pub custom: String,
    #[serde(default)]
    pub custom_rung: Option<u8>,
    #[serde(default)]
    pub planned_for: String,
    /// The plan being marked done, with its ratings and note so far.
    #[serde(default)]
    pub finishing: Option<String>,
    #[serde(default)]
    pub before: Option<u8>,
    #[serde(default)]
    pub after: Option<u8>,
    #[serde(default)]
    pub note: String,
}

impl Record for SoloDraft {
    const KIND: &'static str = "solo_draft";
}

impl SoloDraft {
    /// The one draft's id.
    pub const ID: &'static str = "current";

    /// Rejects values the page could never produce.
    pub fn check(&self) -> Result<(), String> {
        if self.custom.chars().count() > MAX_TITLE || self.note.chars().count() > MAX_NOTE {
            return Err("text too long".into());
        }
        if self.custom_rung.is_some_and(|r| !(1..=RUNGS).contains(&r)) {
            return Err("rung out of range".into());
        }
        if self.before.is_some_and(|v| v > MAX_COMFORT)
            || self.after.is_some_and(|v| v > MAX_COMFORT)
        {
            return Err("comfort out of range".into());
        }
        if self.planned_for.chars().count() > 10 {
            return Err("day too long".into());
        }
        Ok(())
    }

    /// Whether nothing worth keeping is in it.
    pub fn is_blank(&self) -> bool {
        self.custom.trim().is_empty()
            && self.planned_for.is_empty()
            && self.finishing.is_none()
            && self.note.trim().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::parse;

    fn at(s: &str) -> Timestamp {
        parse(s).unwrap()
    }

    fn done(rung: u8, before: u8, after: u8, day: u32) -> SoloActivity {
        let when = at(&format!("2026-11-{day:02}T18:00:00+05:30"));
        let mut a = SoloActivity::plan(rung, "", "", when).unwrap();
        a.finish(before, after, "", when);
        a
    }

    #[test]
    fn a_rung_is_reached_by_one_comfortable_time_or_two_hard_ones() {
        assert!(!is_reached(&[], 1));
        assert!(!is_reached(&[done(1, 2, 5, 1)], 1));
        assert!(is_reached(&[done(1, 2, 6, 1)], 1));
        assert!(is_reached(&[done(1, 2, 3, 1), done(1, 1, 4, 2)], 1));
        // A plan not yet done does not count.
        let plan = SoloActivity::plan(1, "", "", at("2026-11-01T10:00:00Z")).unwrap();
        assert!(!is_reached(&[plan.clone(), plan, done(1, 2, 3, 1)], 1));
    }

    #[test]
    fn the_highest_reached_rung_and_the_climb_over_time() {
        let acts = vec![
            done(2, 3, 7, 5),
            done(1, 2, 4, 1),
            done(1, 3, 8, 3),
            done(3, 2, 4, 6),
        ];
        assert_eq!(highest_reached(&acts), 2);
        let c = climb(&acts);
        assert_eq!(
            c.iter().map(|p| (p.rung, p.highest)).collect::<Vec<_>>(),
            vec![(1, 0), (1, 1), (2, 2), (3, 2)]
        );
        assert_eq!((c[0].before, c[0].after), (2, 4));
        assert!(
            climb(&[SoloActivity::plan(1, "", "", at("2026-11-01T10:00:00Z")).unwrap()]).is_empty()
        );
    }

    #[test]
    fn the_first_suggestion_is_the_bottom_rung() {
        assert_eq!(
            suggest_next(&[]),
            Suggestion {
                rung: 1,
                why: Why::Start
            }
        );
    }

    #[test]
    fn low_comfort_stays_on_the_rung_and_comfort_moves_up_one() {
        let hard = vec![done(1, 2, 3, 1)];
        assert_eq!(
            suggest_next(&hard),
            Suggestion {
                rung: 1,
                why: Why::Stay
            }
        );
        let easy = vec![done(1, 2, 3, 1), done(1, 4, 7, 2)];
        assert_eq!(
            suggest_next(&easy),
            Suggestion {
                rung: 2,
                why: Why::Up
            }
        );
        // Hard on rung 2 after rung 1 felt fine: stay on 2.
        let mut two = easy.clone();
        two.push(done(2, 2, 3, 3));
        assert_eq!(
            suggest_next(&two),
            Suggestion {
                rung: 2,
                why: Why::Stay
            }
        );
    }

    #[test]
    fn rungs_are_never_skipped() {
        // A custom activity on rung 5 that felt fine does not jump the ladder:
        // the highest reached rung is 5, so the next is 6, not more.
        let acts = vec![done(5, 5, 9, 1)];
        assert_eq!(
            suggest_next(&acts),
            Suggestion {
                rung: 6,
                why: Why::Up
            }
        );
        // Hard on rung 6 with only rung 1 reached: the suggestion is rung 2.
        let acts = vec![done(1, 5, 8, 1), done(6, 1, 2, 2)];
        assert_eq!(
            suggest_next(&acts),
            Suggestion {
                rung: 2,
                why: Why::Stay
            }
        );
        // Comfortable on rung 1 after reaching 3: next is 4, one above the highest.
        let acts = vec![
            done(1, 5, 8, 1),
            done(2, 5, 8, 2),
            done(3, 5, 8, 3),
            done(1, 5, 8, 4),
        ];
        assert_eq!(
            suggest_next(&acts),
            Suggestion {
                rung: 4,
                why: Why::Up
            }
        );
    }

    #[test]
    fn the_top_of_the_ladder_stays_put() {
        let acts: Vec<_> = (1..=RUNGS).map(|r| done(r, 5, 8, u32::from(r))).collect();
        assert_eq!(
            suggest_next(&acts),
            Suggestion {
                rung: RUNGS,
                why: Why::Top
            }
        );
    }

    #[test]
    fn plans_wait_without_deadlines_oldest_first() {
        let a = SoloActivity::plan(1, "", "2026-01-01", at("2026-11-02T10:00:00Z")).unwrap();
        let b = SoloActivity::plan(2, "  Museum  ", "", at("2026-11-01T10:00:00Z")).unwrap();
        assert_eq!(b.custom, "Museum");
        let c = done(1, 1, 2, 3);
        let list = vec![
            ("a".to_string(), a),
            ("b".to_string(), b),
            ("c".to_string(), c),
        ];
        let w: Vec<&str> = waiting(&list).iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(w, vec!["b", "a"]);
    }

    #[test]
    fn impossible_values_are_refused() {
        let now = at("2026-11-01T10:00:00Z");
        assert!(SoloActivity::plan(0, "", "", now).is_none());
        assert!(SoloActivity::plan(RUNGS + 1, "", "", now).is_none());
        assert_eq!(
            SoloActivity::plan(1, "", "not a day", now)
                .unwrap()
                .planned_for,
            None
        );
        let good = done(1, 2, 3, 1);
        assert!(good.check().is_ok());
        assert!(SoloActivity {
            rung: 9,
            ..good.clone()
        }
        .check()
        .is_err());
        assert!(SoloActivity {
            planned_for: Some("31/12/2026".into()),
            ..good.clone()
        }
        .check()
        .is_err());
        assert!(SoloActivity {
            custom: "x".repeat(MAX_TITLE + 1),
            ..good.clone()
        }
        .check()
        .is_err());
        let mut loud = good.clone();
        loud.done.as_mut().unwrap().after = 11;
        assert!(loud.check().is_err());
        let mut long = good;
        long.done.as_mut().unwrap().note = "x".repeat(MAX_NOTE + 1);
        assert!(long.check().is_err());
        assert!(SoloDraft {
            custom_rung: Some(0),
            ..Default::default()
        }
        .check()
        .is_err());
        assert!(SoloDraft {
            before: Some(11),
            ..Default::default()
        }
        .check()
        .is_err());
        assert!(SoloDraft::default().is_blank());
    }

    #[test]
    fn finishing_clamps_and_trims() {
        let now = at("2026-11-01T10:00:00Z");
        let mut a = SoloActivity::plan(3, "", "", now).unwrap();
        a.finish(12, 7, "  nice tea ", now);
        let d = a.done.unwrap();
        assert_eq!((d.before, d.after, d.note.as_str()), (10, 7, "nice tea"));
    }
}
