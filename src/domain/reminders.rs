//! Reminders the person sets: what, what time, which days. No server: they
//! are shown inside the app when it is opened, and written into an `.ics`
//! calendar file (RFC 5545) so the phone's own calendar does the reminding.
//!
//! Times in the calendar file are *floating* local times (`DTSTART` without
//! `Z` or `TZID`): "8 pm" stays 8 pm in whatever zone the phone is set to,
//! which is what a person means by "remind me at 8 in the evening".

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use super::time::Timestamp;
use super::Record;

/// Longest calendar title or custom text, in characters.
pub const MAX_TITLE: usize = 200;
/// The fixed domain that makes calendar UIDs globally unique.
pub const UID_DOMAIN: &str = "groundwork.local";

/// What a reminder is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum What {
    /// A feelings check-in.
    CheckIn,
    /// A few minutes of any practice.
    Practice,
    /// Retaking the questionnaires, on the days they are offered again.
    Measures,
    /// Rereading letters, on each letter's reread date.
    Letters,
    /// Something in the person's own words.
    Custom,
}

impl What {
    /// Every kind, in the order offered.
    pub const ALL: [What; 5] = [
        Self::CheckIn,
        Self::Practice,
        Self::Measures,
        Self::Letters,
        Self::Custom,
    ];

    /// Stable identifier for forms and tests.
    pub fn id(self) -> &'static str {
        match self {
            Self::CheckIn => "check_in",
            Self::Practice => "practice",
            Self::Measures => "measures",
            Self::Letters => "letters",
            Self::Custom => "custom",
        }
    }

    /// The inverse of [`What::id`].
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|w| w.id() == id)
    }

    /// Whether the person picks days of the week (the measures and letters
    /// follow their own dates).
    pub fn has_days(self) -> bool {
        matches!(self, Self::CheckIn | Self::Practice | Self::Custom)
    }
}

/// One reminder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reminder {
    pub what: What,
    /// The words the calendar shows (calendars are often seen by others, so
    /// the person chooses them; the form starts with a discreet default).
    pub title: String,
    /// Local time of day, "HH:MM".
    pub time: String,
    /// Days of the week, 0 = Monday … 6 = Sunday, sorted, no repeats.
    /// Ignored for [`What::Measures`] and [`What::Letters`].
    #[serde(default)]
    pub days: Vec<u8>,
    /// Switched on.
    pub on: bool,
    pub created: Timestamp,
    /// The day the home card was put away ("not today").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dismissed: Option<NaiveDate>,
}

impl Record for Reminder {
    const KIND: &'static str = "reminder";
}

/// What is wrong with a reminder form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// No title (the calendar needs words).
    NoTitle,
    TitleTooLong,
    /// Not a time of day as "HH:MM".
    Time,
    /// No day chosen for a reminder that needs days.
    NoDays,
}

/// Reads "HH:MM" (24-hour, as `<input type=time>` gives it).
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    let (h, m) = text.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let h: u32 = h.parse().ok()?;
    let m: u32 = m.parse().ok()?;
    NaiveTime::from_hms_opt(h, m, 0)
}

impl Reminder {
    /// A reminder from the form's values: title trimmed, days sorted.
    pub fn new(
        what: What,
        title: &str,
        time: &str,
        days: &[u8],
        created: Timestamp,
    ) -> Result<Self, Problem> {
        let mut days: Vec<u8> = days.iter().copied().filter(|d| *d <= 6).collect();
        crate::domain::order::sort(&mut days);
        days.dedup();
        if !what.has_days() {
            days.clear();
        }
        let r = Self {
            what,
            title: title.trim().to_string(),
            time: time.trim().to_string(),
            days,
            on: true,
            created,
            dismissed: None,
        };
        r.problem().map_or(Ok(r), Err)
    }

    /// The first problem with this reminder, if any.
    pub fn problem(&self) -> Option<Problem> {
        if self.title.trim().is_empty() {
            return Some(Problem::NoTitle);
        }
        if self.title.chars().count() > MAX_TITLE {
            return Some(Problem::TitleTooLong);
        }
        if parse_time(&self.time).is_none() {
            return Some(Problem::Time);
        }
        if self.what.has_days() && self.days.is_empty() {
            return Some(Problem::NoDays);
        }
        None
    }

    /// Rejects values the form could never produce.
    pub fn check(&self) -> Result<(), String> {
        if let Some(p) = self.problem() {
            return Err(format!("{p:?}"));
        }
        if self.days.iter().any(|d| *d > 6) {
            return Err("days must be 0-6".into());
        }
        if self.days.windows(2).any(|w| w[0] >= w[1]) {
            return Err("days must be sorted and distinct".into());
        }
        if !self.what.has_days() && !self.days.is_empty() {
            return Err("no days for this kind".into());
        }
        Ok(())
    }

    /// The time of day (midnight if the stored text is unreadable, which
    /// `check` prevents).
    pub fn time_of_day(&self) -> NaiveTime {
        parse_time(&self.time).unwrap_or(NaiveTime::MIN)
    }

    /// Whether it repeats on `date`'s weekday.
    pub fn on_day(&self, date: NaiveDate) -> bool {
        let weekday = date.weekday().num_days_from_monday() as u8;
        self.days.contains(&weekday)
    }

    /// Whether the home card should show at `now`: switched on, one of its
    /// days, at or after its time, not put away today, and `done_today`
    /// false. Only for reminders with days: the letters and measures have
    /// their own home cards.
    pub fn show_in_app(&self, now: NaiveDateTime, done_today: bool) -> bool {
        self.on
            && self.what.has_days()
            && self.on_day(now.date())
            && now.time() >= self.time_of_day()
            && self.dismissed != Some(now.date())
            && !done_today
    }

    /// Whether a notification is due at `now` (the same minute).
    pub fn rings_at(&self, now: NaiveDateTime) -> bool {
        use chrono::Timelike;
        let t = self.time_of_day();
        self.on
            && self.what.has_days()
            && self.on_day(now.date())
            && now.hour() == t.hour()
            && now.minute() == t.minute()
    }
}

/// The switch for notifications while the app is open.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReminderSettings {
    /// The person asked for a notification while Groundwork is open.
    pub notify: bool,
}

impl Record for ReminderSettings {
    const KIND: &'static str = "reminder_settings";
}

impl ReminderSettings {
    /// The one settings record's id.
    pub const ID: &'static str = "settings";
}

/// The reminder form as it is being filled in, kept so nothing typed is lost.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReminderDraft {
    /// The id of the reminder being changed; `None` for a new one.
    #[serde(default)]
    pub editing: Option<String>,
    #[serde(default)]
    pub what: Option<What>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub time: String,
    #[serde(default)]
    pub days: Vec<u8>,
}

impl Record for ReminderDraft {
    const KIND: &'static str = "reminder_draft";
}

impl ReminderDraft {
    /// The one draft's id.
    pub const ID: &'static str = "current";

    /// Rejects values the form could never produce.
    pub fn check(&self) -> Result<(), String> {
        if self.title.chars().count() > MAX_TITLE {
            return Err("title too long".into());
        }
        if self.time.chars().count() > 5 {
            return Err("time too long".into());
        }
        if self.days.len() > 7 || self.days.iter().any(|d| *d > 6) {
            return Err("days must be 0-6".into());
        }
        if self.editing.as_ref().is_some_and(|id| id.len() > 100) {
            return Err("id too long".into());
        }
        Ok(())
    }
}

// ── The calendar file ──

/// How a calendar event repeats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Repeat {
    /// Once only.
    Once,
    Daily,
    /// On these weekdays (0 = Monday).
    Weekly(Vec<u8>),
    /// Every `n` days.
    EveryDays(u16),
}

/// One event in the calendar file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Unique and stable: the same reminder gives the same UID every time,
    /// so importing the file again updates rather than duplicates.
    pub uid: String,
    pub summary: String,
    /// Floating local start.
    pub start: NaiveDateTime,
    pub repeat: Repeat,
}

const BYDAY: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/// The first date on or after `from` that falls on one of `days`.
fn first_day(days: &[u8], from: NaiveDate) -> NaiveDate {
    (0..7)
        .map(|n| from + chrono::Days::new(n))
        .find(|d| days.contains(&(d.weekday().num_days_from_monday() as u8)))
        .unwrap_or(from)
}

/// The calendar events for the switched-on reminders. `letters` are
/// (letter id, reread date) for every letter waiting to be read again;
/// `measures` is the next date a questionnaire is offered and the
/// interval in days. Dates before `today` move to `today`.
pub fn events(
    reminders: &[(String, Reminder)],
    letters: &[(String, NaiveDate)],
    measures: Option<(NaiveDate, u16)>,
    today: NaiveDate,
) -> Vec<Event> {
    let mut out = Vec::new();
    for (id, r) in reminders.iter().filter(|(_, r)| r.on) {
        let time = r.time_of_day();
        match r.what {
            What::CheckIn | What::Practice | What::Custom => {
                let repeat = if r.days.len() == 7 {
                    Repeat::Daily
                } else {
                    Repeat::Weekly(r.days.clone())
                };
                out.push(Event {
                    uid: format!("{id}@{UID_DOMAIN}"),
                    summary: r.title.clone(),
                    start: first_day(&r.days, today).and_time(time),
                    repeat,
                });
            }
            What::Measures => {
                if let Some((date, every)) = measures {
                    out.push(Event {
                        uid: format!("{id}@{UID_DOMAIN}"),
                        summary: r.title.clone(),
                        start: date.max(today).and_time(time),
                        repeat: Repeat::EveryDays(every.max(1)),
                    });
                }
            }
            What::Letters => {
                for (letter, date) in letters {
                    out.push(Event {
                        uid: format!("{id}-letter-{letter}@{UID_DOMAIN}"),
                        summary: r.title.clone(),
                        start: (*date).max(today).and_time(time),
                        repeat: Repeat::Once,
                    });
                }
            }
        }
    }
    out
}

/// Escapes TEXT values: backslash, semicolon, comma and newlines.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds one content line so no physical line is longer than 75 octets,
/// never splitting a UTF-8 character; every line ends with CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

fn local(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

/// The whole calendar file. `stamp` is when it is made (written as UTC in
/// DTSTAMP). Each event carries an alarm at its start showing its title.
pub fn ics(events: &[Event], stamp: Timestamp) -> String {
    let stamp = stamp
        .with_timezone(&Utc)
        .format("%Y%m%dT%H%M%SZ")
        .to_string();
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//Groundwork//Reminders//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
    ];
    for e in events {
        let summary = escape(&e.summary);
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}", e.uid));
        lines.push(format!("DTSTAMP:{stamp}"));
        lines.push(format!("DTSTART:{}", local(e.start)));
        lines.push("DURATION:PT15M".into());
        match &e.repeat {
            Repeat::Once => {}
            Repeat::Daily => lines.push("RRULE:FREQ=DAILY".into()),
            Repeat::Weekly(days) => {
                let by: Vec<&str> = days
                    .iter()
                    .filter_map(|d| BYDAY.get(usize::from(*d)).copied())
                    .collect();
                lines.push(format!("RRULE:FREQ=WEEKLY;BYDAY={}", by.join(",")));
            }
            Repeat::EveryDays(n) => lines.push(format!("RRULE:FREQ=DAILY;INTERVAL={n}")),
        }
        lines.push(format!("SUMMARY:{summary}"));
        lines.push("TRANSP:TRANSPARENT".into());
        lines.push("BEGIN:VALARM".into());
        lines.push("ACTION:DISPLAY".into());
        lines.push("TRIGGER:PT0S".into());
        lines.push(format!("DESCRIPTION:{summary}"));
        lines.push("END:VALARM".into());
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold(l)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::parse;

    fn at(s: &str) -> Timestamp {
        parse(s).unwrap()
    }
    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }
    fn dt(s: &str) -> NaiveDateTime {
        s.parse().unwrap()
    }
    fn reminder(what: What, time: &str, days: &[u8]) -> Reminder {
        Reminder::new(
            what,
            "A few quiet minutes",
            time,
            days,
            at("2026-11-28T10:00:00+05:30"),
        )
        .unwrap()
    }
    const ALL_DAYS: [u8; 7] = [0, 1, 2, 3, 4, 5, 6];

    #[test]
    fn the_form_is_checked() {
        let now = at("2026-11-28T10:00:00+05:30");
        let new = |title: &str, time: &str, days: &[u8]| {
            Reminder::new(What::CheckIn, title, time, days, now)
        };
        assert_eq!(new("  ", "20:00", &[0]), Err(Problem::NoTitle));
        assert_eq!(
            new(&"x".repeat(MAX_TITLE + 1), "20:00", &[0]),
            Err(Problem::TitleTooLong)
        );
        assert_eq!(new("Tea", "8 pm", &[0]), Err(Problem::Time));
        assert_eq!(new("Tea", "24:00", &[0]), Err(Problem::Time));
        assert_eq!(new("Tea", "9:00", &[0]), Err(Problem::Time));
        assert_eq!(new("Tea", "20:00", &[]), Err(Problem::NoDays));
        let r = new(" Tea ", "07:05", &[4, 0, 4, 9]).unwrap();
        assert_eq!((r.title.as_str(), r.days.clone()), ("Tea", vec![0, 4]));
        assert!(r.check().is_ok());
        // Measures and letters follow their own dates: no days needed.
        let m = Reminder::new(What::Measures, "Tea", "09:00", &[1], now).unwrap();
        assert!(m.days.is_empty() && m.check().is_ok());
    }

    #[test]
    fn stored_values_the_form_cannot_make_are_refused() {
        let r = reminder(What::CheckIn, "20:00", &[0, 2]);
        for bad in [
            Reminder {
                days: vec![2, 0],
                ..r.clone()
            },
            Reminder {
                days: vec![0, 7],
                ..r.clone()
            },
            Reminder {
                time: "25:00".into(),
                ..r.clone()
            },
            Reminder {
                what: What::Letters,
                ..r.clone()
            },
        ] {
            assert!(bad.check().is_err(), "{bad:?}");
        }
        let json = serde_json::to_value(&r).unwrap();
        assert!(crate::domain::validate(Reminder::KIND, &json).is_ok());
        let mut unknown = json.clone();
        unknown["what"] = "nagging".into();
        assert!(crate::domain::validate(Reminder::KIND, &unknown).is_err());
    }

    #[test]
    fn drafts_keep_what_the_form_can_hold_and_nothing_more() {
        let d = ReminderDraft {
            editing: None,
            what: Some(What::Custom),
            title: "Tea".into(),
            time: "07:3".into(),
            days: vec![0, 2],
        };
        assert!(d.check().is_ok());
        assert!(ReminderDraft {
            title: "x".repeat(MAX_TITLE + 1),
            ..d.clone()
        }
        .check()
        .is_err());
        assert!(ReminderDraft {
            days: vec![9],
            ..d.clone()
        }
        .check()
        .is_err());
        let json = serde_json::to_value(&d).unwrap();
        assert!(crate::domain::validate(ReminderDraft::KIND, &json).is_ok());
    }

    #[test]
    fn the_home_card_shows_after_the_time_on_its_days_until_done_or_put_away() {
        // 2026-11-28 is a Saturday (5).
        let mut r = reminder(What::CheckIn, "20:00", &[5]);
        assert!(!r.show_in_app(dt("2026-11-28T19:59:00"), false));
        assert!(r.show_in_app(dt("2026-11-28T20:30:00"), false));
        assert!(!r.show_in_app(dt("2026-11-28T20:30:00"), true));
        assert!(!r.show_in_app(dt("2026-11-29T20:30:00"), false), "Sunday");
        r.dismissed = Some(date("2026-11-28"));
        assert!(!r.show_in_app(dt("2026-11-28T21:00:00"), false));
        r.dismissed = Some(date("2026-11-21"));
        assert!(r.show_in_app(dt("2026-11-28T21:00:00"), false));
        r.on = false;
        assert!(!r.show_in_app(dt("2026-11-28T21:00:00"), false));
        let letters = reminder(What::Letters, "20:00", &[]);
        assert!(!letters.show_in_app(dt("2026-11-28T21:00:00"), false));
    }

    #[test]
    fn a_notification_rings_in_its_minute_only() {
        let r = reminder(What::Practice, "08:15", &ALL_DAYS);
        assert!(r.rings_at(dt("2026-11-28T08:15:40")));
        assert!(!r.rings_at(dt("2026-11-28T08:16:00")));
        assert!(!r.rings_at(dt("2026-11-28T20:15:00")));
    }

    #[test]
    fn escaping_text_values() {
        assert_eq!(
            escape("Tea, toast; a\\b\nnext\r\nend"),
            "Tea\\, toast\\; a\\\\b\\nnext\\nend"
        );
        assert_eq!(escape("bell\u{7}"), "bell");
    }

    #[test]
    fn folding_at_75_octets_never_splits_a_character() {
        let short = fold("SUMMARY:short");
        assert_eq!(short, "SUMMARY:short\r\n");
        let line = format!("SUMMARY:{}", "कुछ शांत पल अपने लिए ".repeat(8));
        let folded = fold(&line);
        assert!(folded.ends_with("\r\n"));
        let physical: Vec<&str> = folded.trim_end_matches("\r\n").split("\r\n").collect();
        assert!(physical.len() > 2);
        for (i, p) in physical.iter().enumerate() {
            assert!(p.len() <= 75, "line {i} is {} octets", p.len());
            if i > 0 {
                assert!(p.starts_with(' '));
            }
        }
        // Unfolding gives back the original line.
        assert_eq!(folded.trim_end_matches("\r\n").replace("\r\n ", ""), line);
        // Exactly 75 octets stays on one line; 76 folds.
        assert_eq!(fold(&"a".repeat(75)).matches("\r\n").count(), 1);
        assert_eq!(fold(&"a".repeat(76)).matches("\r\n").count(), 2);
    }

    #[test]
    fn the_calendar_file_has_one_event_per_reminder_with_its_rule() {
        let today = date("2026-11-28"); // Saturday
        let mut off = reminder(What::Custom, "09:00", &[0]);
        off.on = false;
        let reminders = vec![
            (
                "r1".to_string(),
                reminder(What::CheckIn, "20:00", &ALL_DAYS),
            ),
            ("r2".to_string(), reminder(What::Practice, "07:30", &[0, 2])),
            ("r3".to_string(), reminder(What::Measures, "10:00", &[])),
            ("r4".to_string(), reminder(What::Letters, "18:00", &[])),
            ("r5".to_string(), off),
        ];
        let letters = vec![
            ("l1".to_string(), date("2026-12-02")),
            ("l2".to_string(), date("2026-11-20")),
        ];
        let evs = events(&reminders, &letters, Some((date("2026-12-05"), 14)), today);
        assert_eq!(evs.len(), 5, "off reminders give nothing; one per letter");
        assert_eq!(evs[0].repeat, Repeat::Daily);
        assert_eq!(evs[0].start, dt("2026-11-28T20:00:00"));
        // Weekly: starts on the first chosen day (Monday the 30th).
        assert_eq!(evs[1].repeat, Repeat::Weekly(vec![0, 2]));
        assert_eq!(evs[1].start, dt("2026-11-30T07:30:00"));
        assert_eq!(evs[2].repeat, Repeat::EveryDays(14));
        assert_eq!(evs[2].start, dt("2026-12-05T10:00:00"));
        assert_eq!(evs[3].repeat, Repeat::Once);
        assert_eq!(evs[3].start, dt("2026-12-02T18:00:00"));
        // A reread date already passed moves to today.
        assert_eq!(evs[4].start, dt("2026-11-28T18:00:00"));
        assert_eq!(evs[3].uid, "r4-letter-l1@groundwork.local");

        let file = ics(&evs, at("2026-11-28T21:30:00+05:30"));
        assert!(file.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
        assert!(file.ends_with("END:VCALENDAR\r\n"));
        assert!(!file.replace("\r\n", "").contains('\n'), "CRLF only");
        assert!(file.contains("\r\nCALSCALE:GREGORIAN\r\n"));
        assert_eq!(file.matches("BEGIN:VEVENT\r\n").count(), 5);
        assert_eq!(file.matches("BEGIN:VALARM\r\n").count(), 5);
        assert_eq!(file.matches("TRIGGER:PT0S\r\n").count(), 5);
        assert_eq!(file.matches("DTSTAMP:20261128T160000Z\r\n").count(), 5);
        assert!(file.contains(
            "UID:r1@groundwork.local\r\nDTSTAMP:20261128T160000Z\r\nDTSTART:20261128T200000\r\n"
        ));
        assert!(file.contains("RRULE:FREQ=DAILY\r\n"));
        assert!(file.contains("RRULE:FREQ=WEEKLY;BYDAY=MO,WE\r\n"));
        assert!(file.contains("RRULE:FREQ=DAILY;INTERVAL=14\r\n"));
        assert_eq!(file.matches("RRULE:").count(), 3, "letters happen once");
        assert!(file
            .split("\r\n")
            .all(|l| l.len() <= 75 && !l.contains('\r')));
        // Stable: the same reminders give the same file.
        assert_eq!(file, ics(&evs, at("2026-11-28T21:30:00+05:30")));
    }

    #[test]
    fn titles_are_escaped_and_folded_in_the_file() {
        let mut r = reminder(What::Custom, "20:00", &[5]);
        r.title =
            "Tea, a walk; then rest\\sleep\nकुछ शांत पल अपने लिए, धीरे धीरे साँस लें और आराम करें".into();
        let file = ics(
            &events(&[("x".into(), r)], &[], None, date("2026-11-28")),
            at("2026-11-28T21:30:00+05:30"),
        );
        let unfolded = file.replace("\r\n ", "");
        assert!(unfolded.contains("SUMMARY:Tea\\, a walk\\; then rest\\\\sleep\\nकुछ"));
        assert!(file.split("\r\n").all(|l| l.len() <= 75));
        assert!(file.split("\r\n").filter(|l| l.starts_with(' ')).count() >= 2);
    }
}
