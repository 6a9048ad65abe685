//! Keeping data safe: when the last backup was downloaded, how often the
//! person would like a gentle reminder, and whether one is due now.

use chrono::Duration;
use serde::{Deserialize, Serialize};

use super::time::Timestamp;
use super::Record;

/// The reminder intervals on offer, in weeks; 0 means "never remind me".
pub const INTERVALS: [u8; 4] = [2, 4, 8, 0];
/// The interval until the person chooses another.
pub const DEFAULT_WEEKS: u8 = 4;
/// How long "Not now" quiets the reminder.
pub const SNOOZE_DAYS: i64 = 7;

fn default_weeks() -> u8 {
    DEFAULT_WEEKS
}

/// The backup reminder's settings and history. One record, id
/// [`BackupReminder::ID`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BackupReminder {
    /// Remind after this many weeks without a backup (0: never).
    #[serde(default = "default_weeks")]
    pub every_weeks: u8,
    /// When a backup file was last downloaded.
    #[serde(default)]
    pub last_export: Option<Timestamp>,
    /// "Not now" was chosen: quiet until then.
    #[serde(default)]
    pub quiet_until: Option<Timestamp>,
}

impl Default for BackupReminder {
    fn default() -> Self {
        Self {
            every_weeks: DEFAULT_WEEKS,
            last_export: None,
            quiet_until: None,
        }
    }
}

impl Record for BackupReminder {
    const KIND: &'static str = "settings_backup";
}

impl BackupReminder {
    /// The one record's id.
    pub const ID: &'static str = "me";

    /// Refuses intervals the app does not offer.
    pub fn check(&self) -> Result<(), String> {
        if !INTERVALS.contains(&self.every_weeks) {
            return Err(format!(
                "reminder interval {} not offered",
                self.every_weeks
            ));
        }
        Ok(())
    }

    /// A backup was downloaded at `at`: the reminder starts over.
    pub fn exported(&mut self, at: Timestamp) {
        self.last_export = Some(at);
        self.quiet_until = None;
    }

    /// "Not now": no reminder for [`SNOOZE_DAYS`] days from `now`.
    pub fn not_now(&mut self, now: Timestamp) {
        self.quiet_until = Some(now + Duration::days(SNOOZE_DAYS));
    }

    /// Whether to show the reminder at `now`: from the start of the local
    /// day `every_weeks` weeks after the last backup (by calendar days, so
    /// a clock change does not move it). `first_use` (when the welcome was
    /// finished) stands in for the last backup when there has never been
    /// one, so a new person is not reminded on day one.
    pub fn is_due(&self, first_use: Option<Timestamp>, now: Timestamp) -> bool {
        if self.every_weeks == 0 {
            return false;
        }
        if self.quiet_until.is_some_and(|q| now < q) {
            return false;
        }
        let Some(since) = self.last_export.or(first_use) else {
            return false;
        };
        local_days(since, now) >= 7 * i64::from(self.every_weeks)
    }

    /// Local calendar days since the last backup at `now`, if there was one.
    pub fn days_since_export(&self, now: Timestamp) -> Option<i64> {
        self.last_export.map(|at| local_days(at, now).max(0))
    }
}

/// Calendar days from `since`'s local date to `now`'s.
fn local_days(since: Timestamp, now: Timestamp) -> i64 {
    (now.date_naive() - since.date_naive()).num_days()
}

/// True for Safari on an iPhone, iPad or iPod, where site data is cleared
/// after about a week without a visit unless the app is on the Home Screen.
/// Other browsers on iOS name themselves (`CriOS`, `FxiOS`, `EdgiOS`...).
/// iPads that ask for desktop sites say "Macintosh": `touch` (the screen
/// takes several touch points) tells them apart from a Mac.
pub fn is_ios_safari(user_agent: &str, touch: bool) -> bool {
    let apple_mobile = ["iPhone", "iPad", "iPod"]
        .iter()
        .any(|d| user_agent.contains(d))
        || (user_agent.contains("Macintosh") && touch);
    let other_browser = ["CriOS", "FxiOS", "EdgiOS", "OPiOS", "GSA/", "DuckDuckGo"]
        .iter()
        .any(|b| user_agent.contains(b));
    apple_mobile && user_agent.contains("Safari") && !other_browser
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

    #[test]
    fn due_once_the_chosen_weeks_have_passed() {
        let mut r = BackupReminder::default();
        r.exported(at("2026-11-01T10:00:00+05:30"));
        assert!(!r.is_due(None, at("2026-11-28T10:00:00+05:30")), "27 days");
        assert!(r.is_due(None, at("2026-11-29T10:00:00+05:30")), "28 days");
        r.every_weeks = 8;
        assert!(!r.is_due(None, at("2026-12-20T10:00:00+05:30")));
        assert!(r.is_due(None, at("2026-12-27T10:00:00+05:30")));
        r.every_weeks = 2;
        assert!(r.is_due(None, at("2026-11-15T10:00:00+05:30")));
    }

    #[test]
    fn never_means_never() {
        let r = BackupReminder {
            every_weeks: 0,
            last_export: Some(at("2020-01-01T00:00:00Z")),
            quiet_until: None,
        };
        assert!(!r.is_due(None, at("2026-11-28T10:00:00Z")));
    }

    #[test]
    fn without_a_backup_counts_from_the_first_visit() {
        let r = BackupReminder::default();
        let first = at("2026-11-01T10:00:00Z");
        assert!(
            !r.is_due(None, at("2027-11-01T10:00:00Z")),
            "nothing to go on"
        );
        assert!(!r.is_due(Some(first), at("2026-11-20T10:00:00Z")));
        assert!(r.is_due(Some(first), at("2026-11-29T10:00:00Z")));
    }

    #[test]
    fn not_now_quiets_for_a_week_and_a_backup_starts_over() {
        let mut r = BackupReminder::default();
        r.exported(at("2026-10-01T10:00:00Z"));
        let now = at("2026-11-28T10:00:00Z");
        assert!(r.is_due(None, now));
        r.not_now(now);
        assert!(!r.is_due(None, at("2026-12-04T10:00:00Z")));
        assert!(r.is_due(None, at("2026-12-05T10:00:00Z")));
        r.exported(at("2026-12-05T11:00:00Z"));
        assert_eq!(r.quiet_until, None);
        assert!(!r.is_due(None, at("2026-12-06T10:00:00Z")));
        assert_eq!(r.days_since_export(at("2026-12-08T12:00:00Z")), Some(3));
    }

    #[test]
    fn validation_refuses_intervals_not_offered() {
        let kind = BackupReminder::KIND;
        assert!(validate(kind, &json!({})).is_ok());
        assert!(validate(
            kind,
            &json!({"every_weeks": 8, "last_export": "2026-11-28T21:30:00+05:30"})
        )
        .is_ok());
        assert!(validate(kind, &json!({"every_weeks": 3})).is_err());
        assert!(validate(kind, &json!({"every_weeks": 300})).is_err());
        assert!(validate(kind, &json!({"last_export": "yesterday"})).is_err());
        assert!(validate(kind, &json!({"every_weeks": 4, "extra": 1})).is_err());
        let r: BackupReminder = serde_json::from_value(json!({})).unwrap();
        assert_eq!(r.every_weeks, DEFAULT_WEEKS);
    }

    #[test]
    fn ios_safari_is_recognised() {
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
        let chrome_ios = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/123.0 Mobile/15E148 Safari/604.1";
        let ipad_desktop = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15";
        let android = "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36";
        assert!(is_ios_safari(iphone, true));
        assert!(!is_ios_safari(chrome_ios, true));
        assert!(is_ios_safari(ipad_desktop, true));
        assert!(!is_ios_safari(ipad_desktop, false), "a Mac");
        assert!(!is_ios_safari(android, true));
    }
}
