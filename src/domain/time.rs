//! Dates and times: stored as RFC 3339 / ISO 8601 text with the person's local
//! offset, e.g. `2026-11-28T21:30:00+05:30`.

use chrono::{DateTime, FixedOffset, Local};

/// A moment with the local offset it was recorded in.
pub type Timestamp = DateTime<FixedOffset>;

/// The current local time with its offset (the browser's clock in wasm).
pub fn now() -> Timestamp {
    Local::now().fixed_offset()
}

/// Parses a stored timestamp; `None` for anything that is not RFC 3339.
pub fn parse(text: &str) -> Option<Timestamp> {
    DateTime::parse_from_rfc3339(text).ok()
}

/// The part of the day, for a greeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartOfDay {
    Morning,
    Afternoon,
    Evening,
    Night,
}

impl PartOfDay {
    /// Morning 5-12, afternoon 12-17, evening 17-22, night otherwise.
    pub fn of(hour: u32) -> Self {
        match hour {
            5..=11 => Self::Morning,
            12..=16 => Self::Afternoon,
            17..=21 => Self::Evening,
            _ => Self::Night,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_local_offset_through_text() {
        let t = parse("2026-11-28T21:30:00+05:30").unwrap();
        assert_eq!(t.offset().local_minus_utc(), 5 * 3600 + 1800);
        assert_eq!(t.to_rfc3339(), "2026-11-28T21:30:00+05:30");
        assert!(parse("28/11/2026").is_none());
    }

    #[test]
    fn parts_of_day() {
        assert_eq!(PartOfDay::of(6), PartOfDay::Morning);
        assert_eq!(PartOfDay::of(12), PartOfDay::Afternoon);
        assert_eq!(PartOfDay::of(21), PartOfDay::Evening);
        assert_eq!(PartOfDay::of(2), PartOfDay::Night);
    }
}
