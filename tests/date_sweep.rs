//! The date sweep: the domain's date-dependent rules, checked at every
//! instant listed in `tests/dates.txt`.
//!
//! Why: the suite must pass on any date, and the bugs worth catching only
//! show at awkward local times: just after midnight on the 1st in India
//! (still the previous month in UTC), ten minutes before the new year, on
//! 29 February, and the night after the clocks went forward in Europe (when
//! "24 hours ago" is two calendar days back). Each property below says
//! something that must hold whatever the date; it runs at every instant,
//! with records built the way the app stores them: local wall-clock time
//! with the offset in force at that moment, from a tiny zone helper
//! ([`Zone`]) that knows the two zones used.
//!
//! Records are made at two times of day on purpose. [`EARLY`] (00:00 local)
//! is the day before in UTC in both zones, so it catches a rule that reads
//! UTC dates; [`LATE`] (23:59 local) N days back is less than N × 24 hours
//! ago, so it catches a rule that counts elapsed hours instead of calendar
//! days.
//!
//! A malformed line in `dates.txt` fails every sweep, naming the line; a
//! failing property names each instant it failed at.

use std::any::Any;
use std::fmt;
use std::panic;

use chrono::{
    DateTime, Datelike, Days, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime,
};
use groundwork::domain::backup_reminder::{BackupReminder, INTERVALS};
use groundwork::domain::compassionate_letter::{self, due_letters, reread_on, Letter, DAY_CHOICES};
use groundwork::domain::feelings::{summarise, CheckIn, Feeling, Period, Span};
use groundwork::domain::measures::{self, next_offer, MeasureResult, Scale, EVERY_DAYS_CHOICES};
use groundwork::domain::micro_goals::{
    days, for_today, momentum, momentum_series, monday_of, weekly, Day, Goal, GoalDays, RestDay,
    Win,
};
use groundwork::domain::progress::{days_since_start, week_starts, weekly_feelings, Activity};
use groundwork::domain::reconnection::{
    last_contact, nudges, Outreach, Person, SocialStep, NUDGE_WEEKS,
};
use groundwork::domain::reminders::{events, ics, Reminder, Repeat, What};
use groundwork::domain::time::{parse, Timestamp};

/// The instants, read when the tests are built.
const DATES: &str = include_str!("dates.txt");

/// 00:00 local: the previous day in UTC east of Greenwich.
const EARLY: NaiveTime = NaiveTime::MIN;
/// 23:59 local: N days before an instant, yet less than N × 24 h before it.
const LATE: NaiveTime = match NaiveTime::from_hms_opt(23, 59, 0) {
    Some(t) => t,
    None => panic!("23:59 is a time"),
};

// ---------- time zones ----------

/// The time zones `dates.txt` may name. No tz database here: each knows its
/// own rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    /// Asia/Kolkata: +05:30 all year.
    Kolkata,
    /// Europe/Berlin: +01:00, and +02:00 from the last Sunday of March
    /// 01:00 UTC until the last Sunday of October 01:00 UTC (the EU rule).
    Berlin,
}

impl Zone {
    fn from_name(name: &str) -> Option<Zone> {
        match name {
            "Asia/Kolkata" => Some(Zone::Kolkata),
            "Europe/Berlin" => Some(Zone::Berlin),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Zone::Kolkata => "Asia/Kolkata",
            Zone::Berlin => "Europe/Berlin",
        }
    }

    /// Every offset the zone uses, the summer one first.
    fn offsets(self) -> Vec<FixedOffset> {
        match self {
            Zone::Kolkata => vec![east(IST)],
            Zone::Berlin => vec![east(2 * 3600), east(3600)],
        }
    }

    /// The offset in force at the UTC moment `utc`.
    fn offset_at(self, utc: NaiveDateTime) -> FixedOffset {
        match self {
            Zone::Kolkata => east(IST),
            Zone::Berlin => {
                let summer = eu_change(utc.year(), 3) <= utc && utc < eu_change(utc.year(), 10);
                east(if summer { 2 * 3600 } else { 3600 })
            }
        }
    }

    /// The moment the local clock shows `wall`, with the offset in force
    /// then. `None` for a time the clocks skip; for a time they show twice,
    /// the first.
    fn local(self, wall: NaiveDateTime) -> Option<Timestamp> {
        self.offsets().into_iter().find_map(|offset| {
            let utc = wall - Duration::seconds(i64::from(offset.local_minus_utc()));
            (self.offset_at(utc) == offset)
                .then(|| DateTime::from_naive_utc_and_offset(utc, offset))
        })
    }

    /// The UTC moment `utc` as this zone's clock shows it.
    fn at_utc(self, utc: NaiveDateTime) -> Timestamp {
        DateTime::from_naive_utc_and_offset(utc, self.offset_at(utc))
    }
}

/// India's offset, +05:30, in seconds.
const IST: i32 = 5 * 3600 + 30 * 60;

fn east(seconds: i32) -> FixedOffset {
    FixedOffset::east_opt(seconds).expect("an offset under a day")
}

/// 01:00 UTC on the last Sunday of `month`: when the EU's clocks change.
fn eu_change(year: i32, month: u32) -> NaiveDateTime {
    let last = NaiveDate::from_ymd_opt(year, month, days_in_month(year, month))
        .expect("the last day of a month");
    let back = last.weekday().num_days_from_sunday();
    (last - Days::new(u64::from(back)))
        .and_hms_opt(1, 0, 0)
        .expect("01:00 is a time")
}

/// How many days the month has, straight from the calendar: the highest
/// day number that is a real date.
fn days_in_month(year: i32, month: u32) -> u32 {
    (28..=31)
        .rev()
        .find(|&d| NaiveDate::from_ymd_opt(year, month, d).is_some())
        .expect("every month has at least 28 days")
}

/// 0 = Monday .. 6 = Sunday, counted from a known Monday rather than asked
/// of chrono, so the rules are checked against an independent answer.
fn weekday_index(date: NaiveDate) -> u8 {
    let known_monday = NaiveDate::from_ymd_opt(2024, 1, 1).expect("a date");
    (date - known_monday).num_days().rem_euclid(7) as u8
}

// ---------- the instants ----------

/// One line of `dates.txt`: the moment the app's clock shows, in its zone.
#[derive(Debug)]
struct Instant {
    line: usize,
    at: Timestamp,
    zone: Zone,
    why: String,
}

impl fmt::Display for Instant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} ({}; dates.txt line {})",
            self.at.to_rfc3339(),
            self.zone.name(),
            self.why,
            self.line
        )
    }
}

impl Instant {
    /// The local calendar date.
    fn today(&self) -> NaiveDate {
        self.at.date_naive()
    }

    /// A record made `n` local days ago at `time` on the local clock, with
    /// the offset in force then (not necessarily today's).
    fn days_ago(&self, n: u64, time: NaiveTime) -> Timestamp {
        let wall = (self.today() - Days::new(n)).and_time(time);
        let at = self
            .zone
            .local(wall)
            .unwrap_or_else(|| panic!("{wall} never shows on a clock in {}", self.zone.name()));
        assert!(
            at <= self.at,
            "{at} is after the instant: pick another time"
        );
        at
    }

    /// A record made `n` local days ago at the instant's wall-clock time.
    fn same_time_days_ago(&self, n: u64) -> Timestamp {
        self.days_ago(n, self.at.time())
    }

    /// The moment `elapsed` before the instant, on the zone's clock.
    fn ago(&self, elapsed: Duration) -> Timestamp {
        self.zone.at_utc(self.at.naive_utc() - elapsed)
    }
}

/// Reads `dates.txt`: `<RFC 3339 instant> <IANA zone> <why>` per line,
/// `#` comments and blank lines skipped. Anything else panics, naming the
/// line: a sweep that quietly skips an instant proves nothing.
fn parse_instants(text: &str) -> Vec<Instant> {
    let mut instants = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let content = raw.trim();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let mut fields = content.split_whitespace();
        let (Some(at_text), Some(zone_name)) = (fields.next(), fields.next()) else {
            panic!("dates.txt line {line}: want `<instant> <zone> <why>`, got {raw:?}");
        };
        let why = fields.collect::<Vec<_>>().join(" ");
        assert!(
            !why.is_empty(),
            "dates.txt line {line}: say why {at_text} is here"
        );
        let at = parse(at_text)
            .unwrap_or_else(|| panic!("dates.txt line {line}: {at_text:?} is not RFC 3339"));
        let zone = Zone::from_name(zone_name).unwrap_or_else(|| {
            panic!("dates.txt line {line}: no offset rule for {zone_name:?}; teach `Zone` it")
        });
        let in_force = zone.offset_at(at.naive_utc());
        assert_eq!(
            *at.offset(),
            in_force,
            "dates.txt line {line}: {at_text} has the wrong offset for {zone_name}"
        );
        instants.push(Instant {
            line,
            at,
            zone,
            why,
        });
    }
    instants
}

fn instants() -> Vec<Instant> {
    let instants = parse_instants(DATES);
    assert!(!instants.is_empty(), "dates.txt lists no instant");
    instants
}

/// Runs `property` at every instant and fails once, listing every instant
/// it failed at and why.
fn sweep(property: fn(&Instant)) {
    let failures: Vec<String> = instants()
        .iter()
        .filter_map(|instant| {
            panic::catch_unwind(|| property(instant))
                .err()
                .map(|e| format!("at {instant}:\n    {}", panic_text(e.as_ref())))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "failed at {} instant(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn panic_text(payload: &(dyn Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)")
}

// ---------- records ----------

fn check_in(feeling: Feeling, at: Timestamp) -> CheckIn {
    CheckIn {
        feeling,
        intensity: 5,
        note: String::new(),
        context: vec![],
        context_text: String::new(),
        at,
    }
}

const EVERY_DAY: [u8; 7] = [0, 1, 2, 3, 4, 5, 6];

fn goal(days: &[u8], created: Timestamp) -> Goal {
    Goal {
        title: "Drink a glass of water".into(),
        days: days.to_vec(),
        suggestion: None,
        created,
        archived: None,
        bigger_declined_at: 0,
    }
}

fn win(goal: Option<&str>, at: Timestamp) -> Win {
    Win {
        text: "did it".into(),
        goal: goal.map(String::from),
        at,
    }
}

fn letter(days: u16, written: Timestamp) -> Letter {
    Letter::new("Dear me, you did your best.", days, written).expect("a valid letter")
}

fn measure(scale: Scale, at: Timestamp) -> MeasureResult {
    MeasureResult {
        scale,
        answers: vec![scale.answer_range().0; scale.items()],
        at,
    }
}

fn reminder(what: What, time: &str, days: &[u8], created: Timestamp) -> Reminder {
    Reminder::new(what, "A few quiet minutes", time, days, created).expect("a valid reminder")
}

fn person(nudge_weeks: u8, added: Timestamp) -> Person {
    Person {
        name: "Asha".into(),
        nudge_weeks,
        added,
    }
}

fn reached_out(person: &str, at: Timestamp) -> Outreach {
    Outreach {
        step: SocialStep::Message,
        person: Some(person.into()),
        planned: at,
        done: Some(at),
        went: None,
        note: String::new(),
    }
}

fn ids<T>(list: &[&(String, T)]) -> Vec<String> {
    list.iter().map(|(id, _)| id.clone()).collect()
}

// ---------- properties: feelings ----------

/// A check-in made now is in the week and the month around today's local
/// date, and in no other; the week runs Monday to Sunday, the month has
/// exactly its calendar days (29 in February 2028), and stepping back and
/// forth returns to the same period.
fn check_ins_fall_in_the_local_week_and_month(i: &Instant) {
    let today = i.today();
    let c = check_in(Feeling::Calm, i.at);
    assert_eq!(c.date(), today);

    let week = Period::containing(Span::Week, today);
    assert_eq!(weekday_index(week.start), 0, "{week:?} starts on a Monday");
    let seven: Vec<NaiveDate> = (0..7).map(|n| week.start + Days::new(n)).collect();
    assert_eq!(week.days(), seven);
    assert!(week.contains(today), "{week:?} holds {today}");

    let month = Period::containing(Span::Month, today);
    let calendar: Vec<NaiveDate> = (1..=days_in_month(today.year(), today.month()))
        .map(|d| today.with_day(d).expect("a day of the month"))
        .collect();
    assert_eq!(month.days(), calendar);

    for period in [week, month] {
        assert_eq!(period.previous().next(), period);
        assert_eq!(period.next().previous(), period);
        assert_eq!(period.previous().end.succ_opt(), Some(period.start));
        assert_eq!(period.end.succ_opt(), Some(period.next().start));

        let s = summarise([&c], period);
        assert_eq!(s.total, 1, "the check-in made now is in {period:?}");
        let marked: Vec<NaiveDate> = s
            .days
            .iter()
            .filter(|d| !d.marks.is_empty())
            .map(|d| d.date)
            .collect();
        assert_eq!(marked, [today], "marked on today in {period:?}");
        for other in [period.previous(), period.next()] {
            assert_eq!(summarise([&c], other).total, 0, "not in {other:?}");
        }
    }
}

/// Two check-ins of one feeling made in the last few minutes (never before
/// local midnight) make it the one felt most often this week and month,
/// on one day.
fn the_last_minutes_are_felt_most_often(i: &Instant) {
    let since_midnight = (i.at.time() - NaiveTime::MIN).num_minutes();
    let minutes_ago = |m: i64| i.ago(Duration::minutes(m.min(since_midnight)));
    let check_ins = [
        check_in(Feeling::Tired, minutes_ago(4)),
        check_in(Feeling::Tired, minutes_ago(2)),
    ];
    for span in [Span::Week, Span::Month] {
        let s = summarise(&check_ins, Period::containing(span, i.today()));
        assert_eq!(s.most_often(), Some((vec![Feeling::Tired], 2)), "{span:?}");
        assert_eq!(s.days_with_check_ins(), 1, "{span:?}");
    }
}

// ---------- properties: small steps ----------

/// A win logged today (at midnight or now) ticks today's goals; a win late
/// yesterday ticks yesterday's. Today's list holds the goals planned on
/// today's weekday and the one-off done today; tomorrow's no longer holds
/// that one-off. A goal set at midnight is planned from today; one put
/// away at midnight was planned until yesterday.
fn wins_tick_goals_on_the_local_day(i: &Instant) {
    let today = i.today();
    let yesterday = today - Days::new(1);
    let tomorrow = today + Days::new(1);
    let goals: Vec<(String, Goal)> = [
        ("daily", goal(&EVERY_DAY, i.days_ago(10, EARLY))),
        ("one_off", goal(&[], i.days_ago(1, LATE))),
        ("today", goal(&[weekday_index(today)], i.days_ago(7, EARLY))),
        (
            "tomorrow",
            goal(&[weekday_index(tomorrow)], i.days_ago(7, EARLY)),
        ),
    ]
    .into_iter()
    .map(|(id, g)| (id.to_string(), g))
    .collect();
    let wins = [
        win(Some("daily"), i.days_ago(0, EARLY)),
        win(Some("daily"), i.days_ago(1, LATE)),
        win(Some("one_off"), i.at),
        win(Some("today"), i.at),
    ];
    let done = GoalDays::of(&wins);
    assert!(done.on("daily", today) && done.on("daily", yesterday));
    assert_eq!(done.count("daily"), 2);
    assert!(done.on("one_off", today) && !done.on("one_off", yesterday));
    assert!(done.on("today", today));
    assert_eq!(done.count("today"), 1);

    assert_eq!(
        ids(&for_today(&goals, &done, today)),
        ["daily", "one_off", "today"]
    );
    assert_eq!(
        ids(&for_today(&goals, &done, tomorrow)),
        ["daily", "tomorrow"]
    );

    let fresh = goal(&EVERY_DAY, i.days_ago(0, EARLY));
    assert!(fresh.planned_on(today), "set at midnight: planned today");
    assert!(
        !fresh.planned_on(yesterday),
        "set at midnight: not yesterday"
    );
    let mut put_away = goal(&EVERY_DAY, i.days_ago(10, EARLY));
    put_away.archived = Some(i.days_ago(0, EARLY));
    assert!(
        put_away.planned_on(yesterday),
        "put away at midnight: planned yesterday"
    );
    assert!(
        !put_away.planned_on(today),
        "put away at midnight: not today"
    );
}

/// This week (Monday to Sunday around today) counts today's wins and rest
/// day; yesterday's win counts in this week or the last, by its local date.
fn this_weeks_counts_hold_todays_wins(i: &Instant) {
    let today = i.today();
    let yesterday = today - Days::new(1);
    let wins = [
        win(None, i.days_ago(0, EARLY)),
        win(None, i.at),
        win(None, i.days_ago(1, LATE)),
    ];
    let rest = [RestDay { date: today }];
    let monday = monday_of(today);
    assert_eq!(weekday_index(monday), 0, "{monday} is a Monday");
    assert!(monday <= today && today - monday < Duration::days(7));

    let weeks = weekly(&wins, &rest, today, 2);
    let [last, this] = weeks.as_slice() else {
        panic!("two weeks asked for, got {weeks:?}");
    };
    assert_eq!(this.monday, monday);
    assert_eq!(last.monday, monday - Days::new(7));
    let yesterday_here = usize::from(yesterday >= monday);
    assert_eq!(this.wins, 2 + yesterday_here, "{this:?}");
    assert_eq!(this.done_days, 1 + yesterday_here, "{this:?}");
    assert_eq!(this.rest_days, 1, "{this:?}");
    assert_eq!(last.wins, 1 - yesterday_here, "{last:?}");
    assert_eq!(last.rest_days, 0, "{last:?}");
}

/// With a daily goal set three local days ago and a win yesterday (at
/// midnight), the days are missed, missed, done, and today; today is never
/// missed, and a win now makes it done and lifts momentum.
fn momentum_follows_local_days(i: &Instant) {
    let today = i.today();
    let goals = [("walk".to_string(), goal(&EVERY_DAY, i.days_ago(3, EARLY)))];
    let mut wins = vec![
        win(Some("walk"), i.days_ago(1, EARLY)),
        win(None, i.days_ago(1, LATE)),
    ];
    let day = |n: u64| today - Days::new(n);

    let before = days(&goals, &wins, &[], today);
    assert_eq!(
        before,
        [
            (day(3), Day::Missed),
            (day(2), Day::Missed),
            (day(1), Day::Done),
            (today, Day::Quiet),
        ]
    );
    wins.push(win(Some("walk"), i.at));
    let after = days(&goals, &wins, &[], today);
    assert_eq!(after.last(), Some(&(today, Day::Done)));
    assert_eq!(momentum_series(&after).last().map(|(d, _)| *d), Some(today));
    assert!(
        momentum(&after) > momentum(&before),
        "{} -> {}",
        momentum(&before),
        momentum(&after)
    );
}

// ---------- properties: letters ----------

/// A letter with a wait of N days is offered again from the start of the
/// Nth local day after it was written, whatever the hour it was written and
/// whatever the clocks did in between; a day later written, it waits until
/// tomorrow. Rereads restart the count from their own day.
fn letters_come_back_on_the_local_day(i: &Instant) {
    let today = i.today();
    let tomorrow = today + Days::new(1);
    for wait in DAY_CHOICES {
        let n = u64::from(wait);
        for time in [EARLY, LATE] {
            let ready = letter(wait, i.days_ago(n, time));
            let what = format!("{wait} days, written {}", ready.written);
            assert_eq!(reread_on(&ready), Some(today), "{what}");
            assert!(compassionate_letter::due(&ready, i.at), "{what}: due now");

            let waiting = letter(wait, i.days_ago(n - 1, time));
            let what = format!("{wait} days, written {}", waiting.written);
            assert_eq!(reread_on(&waiting), Some(tomorrow), "{what}");
            assert!(
                !compassionate_letter::due(&waiting, i.at),
                "{what}: not yet"
            );
        }
        let fresh = letter(wait, i.at);
        assert_eq!(reread_on(&fresh), Some(today + Days::new(n)));
        assert!(!compassionate_letter::due(&fresh, i.at));
    }

    let mut reread = letter(30, i.days_ago(40, EARLY));
    reread
        .mark_reread(i.days_ago(3, LATE), "", Some(3))
        .expect("3 days is offered");
    assert_eq!(reread_on(&reread), Some(today));

    let letters: Vec<(String, Letter)> = [
        ("not_yet", letter(3, i.days_ago(2, EARLY))),
        ("today", letter(7, i.days_ago(7, LATE))),
        ("yesterday", letter(30, i.days_ago(31, EARLY))),
        ("reread", reread),
    ]
    .into_iter()
    .map(|(id, l)| (id.to_string(), l))
    .collect();
    assert_eq!(
        ids(&due_letters(&letters, i.at)),
        ["yesterday", "reread", "today"],
        "longest waiting first, then earliest written"
    );
}

// ---------- properties: backup reminder ----------

/// A backup made just now, or one local day short of the chosen weeks ago,
/// is not due; "never" never reminds; "Not now" quiets a due reminder.
fn a_backup_is_not_due_before_its_weeks(i: &Instant) {
    let with = |every_weeks: u8, last_export: Option<Timestamp>| BackupReminder {
        every_weeks,
        last_export,
        quiet_until: None,
    };
    for weeks in INTERVALS.into_iter().filter(|w| *w > 0) {
        let almost = i.same_time_days_ago(7 * u64::from(weeks) - 1);
        assert!(!with(weeks, Some(i.at)).is_due(None, i.at), "just made");
        assert!(
            !with(weeks, Some(almost)).is_due(None, i.at),
            "made {almost}"
        );
        assert!(
            !with(weeks, None).is_due(Some(almost), i.at),
            "first use {almost}"
        );
    }
    assert_eq!(with(4, Some(i.at)).days_since_export(i.at), Some(0));
    assert!(!with(0, Some(i.days_ago(400, EARLY))).is_due(None, i.at));

    let mut quiet = with(2, Some(i.days_ago(100, EARLY)));
    assert!(quiet.is_due(None, i.at));
    quiet.not_now(i.ago(Duration::minutes(1)));
    assert!(!quiet.is_due(None, i.at), "not now, a minute ago");
}

/// A backup made the chosen number of weeks ago, counted in local days, at
/// the same time on the clock, is due now.
fn a_backup_is_due_once_its_weeks_of_local_days_are_up(i: &Instant) {
    for weeks in INTERVALS.into_iter().filter(|w| *w > 0) {
        let made = i.same_time_days_ago(7 * u64::from(weeks));
        let r = BackupReminder {
            every_weeks: weeks,
            last_export: Some(made),
            quiet_until: None,
        };
        assert!(r.is_due(None, i.at), "every {weeks} weeks, made {made}");
    }
}

/// Days since the last backup count local calendar days: one made N local
/// days ago at this same time on the clock was N days ago.
fn days_since_a_backup_are_local_days(i: &Instant) {
    for n in [1, 2, 7, 28] {
        let made = i.same_time_days_ago(n);
        let r = BackupReminder {
            last_export: Some(made),
            ..BackupReminder::default()
        };
        assert_eq!(r.days_since_export(i.at), Some(n as i64), "made {made}");
    }
}

// ---------- properties: questionnaires ----------

/// A questionnaire taken `every_days` local days ago is offered today, one
/// taken a day later is offered tomorrow, one never taken is offered today,
/// and each scale keeps its own dates.
fn questionnaires_come_back_on_the_local_day(i: &Instant) {
    let today = i.today();
    let tomorrow = today + Days::new(1);
    for scale in Scale::ALL {
        assert!(measures::due(&[], scale, 14, today));
        assert_eq!(next_offer(&[], scale, 14, today), today);
    }
    for every in EVERY_DAYS_CHOICES {
        let n = u64::from(every);
        for time in [EARLY, LATE] {
            let taken = [measure(Scale::Who5, i.days_ago(n, time))];
            let what = format!("every {every} days, taken {}", taken[0].at);
            assert_eq!(
                next_offer(&taken, Scale::Who5, every, today),
                today,
                "{what}"
            );
            assert!(measures::due(&taken, Scale::Who5, every, today), "{what}");

            let later = [
                taken[0].clone(),
                measure(Scale::Who5, i.days_ago(n - 1, time)),
            ];
            let what = format!("every {every} days, last taken {}", later[1].at);
            assert_eq!(
                next_offer(&later, Scale::Who5, every, today),
                tomorrow,
                "{what}"
            );
            assert!(!measures::due(&later, Scale::Who5, every, today), "{what}");
            assert!(measures::due(&later, Scale::Rosenberg, every, today));
        }
        let now = [measure(Scale::Who5, i.at)];
        assert_eq!(
            next_offer(&now, Scale::Who5, every, today),
            today + Days::new(n)
        );
    }
}

// ---------- properties: reminders ----------

/// A reminder set for today's weekday is on today and a week from now, and
/// on no day between; its home card shows from its minute on and not
/// before, and not once put away today; a reminder on every other weekday
/// is not on today.
fn reminders_follow_the_local_weekday(i: &Instant) {
    let today = i.today();
    let now = i.at.naive_local();
    let created = i.days_ago(30, EARLY);
    let weekday = weekday_index(today);
    let this_minute = now.format("%H:%M").to_string();
    let r = reminder(What::CheckIn, &this_minute, &[weekday], created);

    assert!(r.on_day(today));
    for n in 1..7 {
        assert!(!r.on_day(today + Days::new(n)), "{n} days on");
        assert!(!r.on_day(today - Days::new(n)), "{n} days back");
    }
    assert!(r.on_day(today + Days::new(7)) && r.on_day(today - Days::new(7)));

    let others: Vec<u8> = (0..7).filter(|d| *d != weekday).collect();
    let elsewhere = reminder(What::Practice, "00:00", &others, created);
    assert!(!elsewhere.on_day(today));
    assert!((1..7).all(|n| elsewhere.on_day(today + Days::new(n))));
    assert!(!elsewhere.show_in_app(now, false));

    assert!(r.show_in_app(now, false), "at {this_minute}");
    assert!(!r.show_in_app(now, true), "done today");
    assert!(r.rings_at(now));
    let mut put_away = r.clone();
    put_away.dismissed = Some(today);
    assert!(!put_away.show_in_app(now, false), "put away today");
    put_away.dismissed = Some(today - Days::new(1));
    assert!(put_away.show_in_app(now, false), "put away yesterday");

    let next_minute = now + Duration::minutes(1);
    if next_minute.date() == today {
        let time = next_minute.format("%H:%M").to_string();
        let later = reminder(What::CheckIn, &time, &[weekday], created);
        assert!(!later.show_in_app(now, false), "not before {time}");
        assert!(!later.rings_at(now));
    }
}

/// The calendar file starts each event on the local day it is next due
/// (dates already past move to today), at a floating local time, on
/// today's weekday code, and stamps the instant in UTC.
fn the_calendar_file_starts_on_the_local_day(i: &Instant) {
    const BYDAY: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
    let today = i.today();
    let tomorrow = today + Days::new(1);
    let created = i.days_ago(30, EARLY);
    let reminders: Vec<(String, Reminder)> = [
        (
            "daily",
            reminder(What::CheckIn, "20:00", &EVERY_DAY, created),
        ),
        (
            "today",
            reminder(What::Practice, "07:30", &[weekday_index(today)], created),
        ),
        (
            "tomorrow",
            reminder(What::Custom, "09:00", &[weekday_index(tomorrow)], created),
        ),
        ("letters", reminder(What::Letters, "18:00", &[], created)),
        ("measures", reminder(What::Measures, "10:00", &[], created)),
    ]
    .into_iter()
    .map(|(id, r)| (id.to_string(), r))
    .collect();
    let letters: Vec<(String, NaiveDate)> = [
        ("past", letter(3, i.days_ago(4, LATE))),
        ("soon", letter(3, i.days_ago(2, EARLY))),
    ]
    .into_iter()
    .map(|(id, l)| (id.to_string(), reread_on(&l).expect("scheduled")))
    .collect();
    assert_eq!(letters[0].1, today - Days::new(1));
    assert_eq!(letters[1].1, tomorrow);
    let taken = [measure(Scale::Who5, i.days_ago(20, LATE))];
    let measures = Some((next_offer(&taken, Scale::Who5, 14, today), 14));

    let evs = events(&reminders, &letters, measures, today);
    let starts: Vec<(NaiveDateTime, &Repeat)> = evs.iter().map(|e| (e.start, &e.repeat)).collect();
    let at = |date: NaiveDate, h: u32, m: u32| date.and_hms_opt(h, m, 0).expect("a time");
    let weekday = |date| vec![weekday_index(date)];
    assert_eq!(
        starts,
        [
            (at(today, 20, 0), &Repeat::Daily),
            (at(today, 7, 30), &Repeat::Weekly(weekday(today))),
            (at(tomorrow, 9, 0), &Repeat::Weekly(weekday(tomorrow))),
            (at(today, 18, 0), &Repeat::Once),
            (at(tomorrow, 18, 0), &Repeat::Once),
            (at(today, 10, 0), &Repeat::EveryDays(14)),
        ]
    );

    let file = ics(&evs, i.at);
    let stamp = format!("DTSTAMP:{}Z\r\n", i.at.naive_utc().format("%Y%m%dT%H%M%S"));
    assert_eq!(file.matches(&stamp).count(), evs.len(), "{stamp:?}");
    let first = format!("DTSTART:{}T200000\r\n", today.format("%Y%m%d"));
    assert!(file.contains(&first), "{first:?}");
    assert!(file
        .split("\r\n")
        .filter(|l| l.starts_with("DTSTART:"))
        .all(|l| !l.ends_with('Z')));
    let byday = format!(
        "RRULE:FREQ=WEEKLY;BYDAY={}\r\n",
        BYDAY[usize::from(weekday_index(today))]
    );
    assert!(file.contains(&byday), "{byday:?}");
}

// ---------- properties: people ----------

/// Someone reached out to just now was last contacted today and is not
/// nudged; after their number of weeks, counted in local days from the
/// last contact (or from being added), they are, longest waiting first;
/// a day sooner they are not; with no nudge set, never.
fn people_are_nudged_by_local_days(i: &Instant) {
    let today = i.today();
    for weeks in NUDGE_WEEKS.into_iter().filter(|w| *w > 0) {
        let n = 7 * u64::from(weeks);
        for time in [EARLY, LATE] {
            let long_ago = i.days_ago(n + 100, EARLY);
            let people: Vec<(String, Person)> = [
                ("just_now", person(weeks, long_ago)),
                ("up", person(weeks, long_ago)),
                ("almost", person(weeks, long_ago)),
                ("added_up", person(weeks, i.days_ago(n, time))),
                ("added_almost", person(weeks, i.days_ago(n - 1, time))),
                ("never_reached", person(weeks, long_ago)),
                ("no_nudge", person(0, long_ago)),
            ]
            .into_iter()
            .map(|(id, p)| (id.to_string(), p))
            .collect();
            let log = [
                reached_out("just_now", i.days_ago(n, time)),
                reached_out("just_now", i.at),
                reached_out("up", i.days_ago(n, time)),
                reached_out("almost", i.days_ago(n - 1, time)),
            ];
            let contact = last_contact(&log, "just_now").expect("reached out");
            assert_eq!(contact, i.at);
            assert_eq!(contact.date_naive(), today);
            assert_eq!(
                ids(&nudges(&people, &log, today)),
                ["never_reached", "up", "added_up"],
                "every {weeks} weeks, contacts at {time}"
            );
        }
    }
}

// ---------- properties: progress ----------

/// Days since the first thing done count local days (whatever its hour);
/// the weeks drawn end with this week's Monday; a check-in today counts in
/// this week and yesterday's in its own.
fn progress_counts_local_days_and_weeks(i: &Instant) {
    let today = i.today();
    let yesterday = today - Days::new(1);
    for n in [0, 1, 2, 7, 30] {
        let times: &[NaiveTime] = if n == 0 { &[EARLY] } else { &[EARLY, LATE] };
        for &time in times {
            let first = i.days_ago(n, time);
            let done = [(Activity::Win, i.at), (Activity::CheckIn, first)];
            assert_eq!(
                days_since_start(&done, today),
                Some(n as i64),
                "first thing at {first}"
            );
        }
    }

    let mondays = week_starts(today, 3);
    assert_eq!(mondays.last(), Some(&monday_of(today)));
    for pair in mondays.windows(2) {
        assert_eq!(pair[1] - pair[0], Duration::days(7));
    }

    let check_ins = [
        check_in(Feeling::Calm, i.days_ago(0, EARLY)),
        check_in(Feeling::Sad, i.at),
        check_in(Feeling::Hopeful, i.days_ago(1, LATE)),
    ];
    let weeks = weekly_feelings(&check_ins, today, 2);
    let yesterday_here = usize::from(monday_of(yesterday) == monday_of(today));
    assert_eq!(weeks[1].monday, monday_of(today));
    assert_eq!(
        (weeks[1].pleasant, weeks[1].unpleasant),
        (1 + yesterday_here, 1),
        "{weeks:?}"
    );
    assert_eq!(weeks[0].pleasant, 1 - yesterday_here, "{weeks:?}");
}

// ---------- the tests ----------

/// One `#[test]` per property, each run at every instant.
macro_rules! at_every_instant {
    ($($(#[$attr:meta])* $property:ident,)*) => {
        mod at_every_instant {
            $(
                $(#[$attr])*
                #[test]
                fn $property() {
                    super::sweep(super::$property);
                }
            )*
        }
    };
}

at_every_instant! {
    check_ins_fall_in_the_local_week_and_month,
    the_last_minutes_are_felt_most_often,
    wins_tick_goals_on_the_local_day,
    this_weeks_counts_hold_todays_wins,
    momentum_follows_local_days,
    letters_come_back_on_the_local_day,
    a_backup_is_not_due_before_its_weeks,
    a_backup_is_due_once_its_weeks_of_local_days_are_up,
    days_since_a_backup_are_local_days,
    questionnaires_come_back_on_the_local_day,
    reminders_follow_the_local_weekday,
    the_calendar_file_starts_on_the_local_day,
    people_are_nudged_by_local_days,
    progress_counts_local_days_and_weeks,
}

// ---------- the helpers and the list themselves ----------

#[test]
fn the_zone_helper_follows_the_eu_rule() {
    let naive =
        |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("a time in the test");
    // (last Sunday of March, last Sunday of October)
    for (year, march, october) in [(2026, 29, 25), (2027, 28, 31), (2028, 26, 29)] {
        for (month, day, before, after) in [(3, march, 1, 2), (10, october, 2, 1)] {
            let change = naive(&format!("{year}-{month:02}-{day:02} 01:00"));
            assert_eq!(eu_change(year, month), change);
            let offset = |t| Zone::Berlin.offset_at(t).local_minus_utc() / 3600;
            assert_eq!(offset(change - Duration::minutes(1)), before, "{change}");
            assert_eq!(offset(change), after, "{change}");
        }
    }
    assert_eq!(
        Zone::Berlin.offset_at(naive("2026-01-15 12:00")),
        east(3600)
    );
    assert_eq!(
        Zone::Berlin.offset_at(naive("2026-07-15 12:00")),
        east(7200)
    );
    for t in ["2026-01-15 12:00", "2026-07-15 12:00", "2028-02-29 00:00"] {
        assert_eq!(Zone::Kolkata.offset_at(naive(t)), east(IST));
    }

    assert_eq!(
        Zone::Berlin.local(naive("2026-03-29 01:59")),
        parse("2026-03-29T01:59:00+01:00")
    );
    assert_eq!(
        Zone::Berlin.local(naive("2026-03-29 02:30")),
        None,
        "skipped"
    );
    assert_eq!(
        Zone::Berlin.local(naive("2026-03-29 03:00")),
        parse("2026-03-29T03:00:00+02:00")
    );
    assert_eq!(
        Zone::Berlin.local(naive("2026-10-25 02:30")),
        parse("2026-10-25T02:30:00+02:00"),
        "shown twice: the first"
    );
    assert_eq!(
        Zone::Kolkata.local(naive("2026-12-01 00:05")),
        parse("2026-12-01T00:05:00+05:30")
    );
    for zone in [Zone::Kolkata, Zone::Berlin] {
        assert_eq!(Zone::from_name(zone.name()), Some(zone));
    }
    assert_eq!(Zone::from_name("Europe/Paris"), None);
}

#[test]
fn malformed_lines_are_refused_not_skipped() {
    let good = "# a comment\n\n2026-06-17T10:30:00+05:30 Asia/Kolkata a Wednesday\n";
    let parsed = parse_instants(good);
    assert_eq!(parsed.len(), 1);
    assert_eq!((parsed[0].line, parsed[0].why.as_str()), (3, "a Wednesday"));
    for bad in [
        "2026-06-17T10:30:00+05:30",
        "2026-06-17T10:30:00+05:30 Asia/Kolkata",
        "2026-06-17 10:30 Asia/Kolkata no offset",
        "2026-02-30T10:30:00+05:30 Asia/Kolkata no such day",
        "2026-06-17T10:30:00+05:30 Mars/Olympus unknown zone",
        "2026-06-17T10:30:00+01:00 Europe/Berlin winter offset in June",
        "2026-03-30T00:30:00+01:00 Europe/Berlin winter offset after the change",
    ] {
        let text = format!("{good}{bad}\n");
        let refused = panic::catch_unwind(|| parse_instants(&text));
        assert!(refused.is_err(), "{bad:?} was accepted");
    }
}

#[test]
fn the_instants_include_the_awkward_ones() {
    let all = instants();
    let any = |what: &str, test: &dyn Fn(&Instant) -> bool| {
        assert!(all.iter().any(test), "dates.txt has no instant {what}");
    };
    any("on the 1st, still the month before in UTC", &|i| {
        i.today().day() == 1 && i.at.naive_utc().month() != i.today().month()
    });
    any("late on 31 December", &|i| {
        (i.today().month(), i.today().day()) == (12, 31)
            && i.at.naive_local().time() >= LATE - Duration::minutes(15)
    });
    any("on 29 February", &|i| {
        (i.today().month(), i.today().day()) == (2, 29)
    });
    any("where 24 hours ago is two local days back", &|i| {
        i.ago(Duration::hours(24)).date_naive() == i.today() - Days::new(2)
    });
}
