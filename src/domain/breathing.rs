//! Guided breathing: the rhythms, where in the rhythm a moment falls, and the
//! log of sessions.

use serde::{Deserialize, Serialize};

use super::time::Timestamp;
use super::Record;

/// A breathing rhythm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pattern {
    /// In 4, hold 4, out 4, hold 4.
    Box,
    /// In 4, hold 7, out 8.
    FourSevenEight,
    /// About 5.5 breaths a minute: in and out for 5.45 s each.
    Slow,
}

/// What the person is doing in this moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    In,
    HoldFull,
    Out,
    HoldEmpty,
}

impl Pattern {
    /// Every pattern, in the order offered.
    pub const ALL: [Pattern; 3] = [Self::Box, Self::FourSevenEight, Self::Slow];

    /// Stable identifier for forms and tests.
    pub fn id(self) -> &'static str {
        match self {
            Self::Box => "box",
            Self::FourSevenEight => "4-7-8",
            Self::Slow => "slow",
        }
    }

    /// The inverse of [`Pattern::id`].
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.id() == id)
    }

    /// The phases of one breath with their lengths in milliseconds.
    pub fn phases(self) -> &'static [(Phase, u32)] {
        match self {
            Self::Box => &[
                (Phase::In, 4000),
                (Phase::HoldFull, 4000),
                (Phase::Out, 4000),
                (Phase::HoldEmpty, 4000),
            ],
            Self::FourSevenEight => &[
                (Phase::In, 4000),
                (Phase::HoldFull, 7000),
                (Phase::Out, 8000),
            ],
            // 60 s / 5.5 breaths = 10.909 s a breath.
            Self::Slow => &[(Phase::In, 5455), (Phase::Out, 5455)],
        }
    }

    /// Length of one breath in milliseconds.
    pub fn cycle_ms(self) -> u32 {
        self.phases().iter().map(|(_, ms)| ms).sum()
    }
}

/// Where a moment falls in the rhythm.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Moment {
    pub phase: Phase,
    /// 0.0 at the start of the phase, 1.0 at its end.
    pub progress: f64,
    /// Whole seconds left in this phase, counting down to 1.
    pub seconds_left: u32,
    /// How full the lungs are, 0.0 (empty) to 1.0 (full), for the pacer.
    pub fullness: f64,
    /// Which breath this is, from 0.
    pub breath: u32,
}

/// The state of the rhythm `elapsed_ms` after starting.
pub fn moment(pattern: Pattern, elapsed_ms: u64) -> Moment {
    let cycle = u64::from(pattern.cycle_ms());
    let breath = (elapsed_ms / cycle) as u32;
    let mut t = (elapsed_ms % cycle) as u32;
    for &(phase, len) in pattern.phases() {
        if t < len {
            let progress = f64::from(t) / f64::from(len);
            let fullness = match phase {
                Phase::In => ease(progress),
                Phase::HoldFull => 1.0,
                Phase::Out => 1.0 - ease(progress),
                Phase::HoldEmpty => 0.0,
            };
            return Moment {
                phase,
                progress,
                seconds_left: (len - t).div_ceil(1000),
                fullness,
                breath,
            };
        }
        t -= len;
    }
    unreachable!("t is always inside one breath")
}

/// Smooth start and end, so the pacer never jerks.
fn ease(x: f64) -> f64 {
    0.5 - 0.5 * (std::f64::consts::PI * x).cos()
}

/// Session lengths offered, in minutes.
pub const LENGTHS_MIN: [u8; 3] = [1, 3, 5];

/// Shortest session worth keeping in the log (stopping after a few seconds
/// is usually a mis-tap).
pub const MIN_LOGGED_SECONDS: u32 = 10;

/// One breathing session in the log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BreathingSession {
    pub pattern: Pattern,
    /// The length chosen, in seconds.
    pub planned_seconds: u32,
    /// How long was actually done, in seconds.
    pub done_seconds: u32,
    pub started_at: Timestamp,
}

impl Record for BreathingSession {
    const KIND: &'static str = "breathing";
}

impl BreathingSession {
    /// True when the whole chosen length was done.
    pub fn completed(&self) -> bool {
        self.done_seconds >= self.planned_seconds
    }

    /// Rejects values no session could have.
    pub fn check(&self) -> Result<(), String> {
        if !(1..=3600).contains(&self.planned_seconds) {
            return Err("planned length out of range".into());
        }
        if self.done_seconds > self.planned_seconds {
            return Err("done longer than planned".into());
        }
        Ok(())
    }
}

/// Sessions and total minutes among `sessions` started on or after `since`.
pub fn total_since(sessions: &[BreathingSession], since: Timestamp) -> (usize, u32) {
    let recent: Vec<_> = sessions.iter().filter(|s| s.started_at >= since).collect();
    let seconds: u32 = recent.iter().map(|s| s.done_seconds).sum();
    (recent.len(), seconds / 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::parse;

    #[test]
    fn box_breathing_walks_through_four_equal_phases() {
        assert_eq!(Pattern::Box.cycle_ms(), 16_000);
        assert_eq!(moment(Pattern::Box, 0).phase, Phase::In);
        assert_eq!(moment(Pattern::Box, 0).seconds_left, 4);
        assert_eq!(moment(Pattern::Box, 3_999).seconds_left, 1);
        assert_eq!(moment(Pattern::Box, 4_000).phase, Phase::HoldFull);
        assert_eq!(moment(Pattern::Box, 8_000).phase, Phase::Out);
        assert_eq!(moment(Pattern::Box, 12_500).phase, Phase::HoldEmpty);
        let next = moment(Pattern::Box, 16_000);
        assert_eq!((next.phase, next.breath), (Phase::In, 1));
    }

    #[test]
    fn four_seven_eight_holds_for_seven_and_breathes_out_for_eight() {
        assert_eq!(Pattern::FourSevenEight.cycle_ms(), 19_000);
        let hold = moment(Pattern::FourSevenEight, 4_000);
        assert_eq!((hold.phase, hold.seconds_left), (Phase::HoldFull, 7));
        let out = moment(Pattern::FourSevenEight, 11_000);
        assert_eq!((out.phase, out.seconds_left), (Phase::Out, 8));
    }

    #[test]
    fn slow_breathing_is_five_and_a_half_breaths_a_minute() {
        let per_minute = 60_000.0 / f64::from(Pattern::Slow.cycle_ms());
        assert!((per_minute - 5.5).abs() < 0.01, "{per_minute}");
    }

    #[test]
    fn fullness_rises_on_the_in_breath_and_falls_on_the_out_breath() {
        assert_eq!(moment(Pattern::Box, 0).fullness, 0.0);
        assert!((moment(Pattern::Box, 2_000).fullness - 0.5).abs() < 1e-9);
        assert_eq!(moment(Pattern::Box, 5_000).fullness, 1.0);
        assert!(moment(Pattern::Box, 11_000).fullness < 0.5);
        assert_eq!(moment(Pattern::Box, 13_000).fullness, 0.0);
    }

    #[test]
    fn ids_round_trip() {
        for p in Pattern::ALL {
            assert_eq!(Pattern::from_id(p.id()), Some(p));
        }
    }

    #[test]
    fn sessions_are_checked_and_totalled() {
        let at = parse("2026-11-28T08:00:00+05:30").unwrap();
        let s = BreathingSession {
            pattern: Pattern::Slow,
            planned_seconds: 180,
            done_seconds: 180,
            started_at: at,
        };
        assert!(s.completed() && s.check().is_ok());
        let partial = BreathingSession {
            done_seconds: 50,
            ..s.clone()
        };
        assert!(!partial.completed());
        let odd = BreathingSession {
            done_seconds: 999,
            ..s.clone()
        };
        assert!(odd.check().is_err());
        let week_start = parse("2026-11-23T00:00:00+05:30").unwrap();
        let old = BreathingSession {
            started_at: parse("2026-11-01T08:00:00+05:30").unwrap(),
            ..s.clone()
        };
        assert_eq!(total_since(&[s, partial, old], week_start), (2, 3));
    }
}
