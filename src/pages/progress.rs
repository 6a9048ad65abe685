//! "How far you've come": when the person began, the milestones gathered from
//! every practice, trends (momentum, feelings, thought records, measures) as
//! inline-SVG charts with words; and the home screen's one next thing.

use chrono::{NaiveDate, Timelike};
use leptos::prelude::*;

use crate::app::{href, use_app, AppState};
use crate::components::chart::{Chart, ChartData, Column, Point, Series, Shape};
use crate::components::later::Later;
use crate::components::page_title::PageTitle;
use crate::content::{fill, Text};
use crate::domain::boundaries::BoundaryHeld;
use crate::domain::breathing::BreathingSession;
use crate::domain::compassion_break::BreakLog;
use crate::domain::compassionate_letter::Letter;
use crate::domain::feelings::CheckIn;
use crate::domain::friend_view::FriendEntry;
use crate::domain::grounding::GroundingSession;
use crate::domain::inner_child::Dialogue;
use crate::domain::journal::JournalEntry;
use crate::domain::measures::{self, change, latest, MeasureResult, MeasureSettings, Scale};
use crate::domain::micro_goals::{self, for_today, Goal, GoalDays, RestDay, Win};
use crate::domain::movement::MovementEntry;
use crate::domain::opening_up::OpeningStep;
use crate::domain::progress::{
    days_since_start, milestones, next_thing, weekly_feelings, weekly_thought_ease, Activity,
    NextThing, Today,
};
use crate::domain::reconnection::Outreach;
use crate::domain::solo_time::SoloActivity;
use crate::domain::thought_record::ThoughtRecord;
use crate::domain::time::{self, PartOfDay, Timestamp};
use crate::domain::understand::ReadingNotes;
use crate::pages::measures::{score_words, words as scale_words};
use crate::pages::micro_goals::with_goals_and_wins;

/// Everything the person has done, as (activity, when), from every practice.
pub fn collect_activities(app: &AppState) -> Vec<(Activity, Timestamp)> {
    let mut done: Vec<(Activity, Timestamp)> = Vec::new();
    for (_, r, _) in app.all_shared::<ThoughtRecord>().iter() {
        if let Some(at) = r.finished_at {
            done.push((Activity::ThoughtRecord, at));
        }
    }
    for (_, c, _) in app.all_shared::<CheckIn>().iter() {
        done.push((Activity::CheckIn, c.at));
    }
    for (_, j, _) in app.all_shared::<JournalEntry>().iter() {
        done.push((Activity::Journal, j.created));
    }
    for (_, b, _) in app.all_shared::<BreathingSession>().iter() {
        done.push((Activity::Breathing, b.started_at));
    }
    for (_, g, _) in app.all_shared::<GroundingSession>().iter() {
        if let Some(at) = g.finished_at {
            done.push((Activity::Grounding, at));
        }
    }
    for (_, m, _) in app.all_shared::<MovementEntry>().iter() {
        done.push((Activity::Movement, m.at));
    }
    for (_, w, _) in app.all_shared::<Win>().iter() {
        done.push((Activity::Win, w.at));
    }
    for (_, g, _) in app.all_shared::<Goal>().iter() {
        done.push((Activity::Goal, g.created));
    }
    for (_, o, _) in app.all_shared::<Outreach>().iter() {
        if let Some(at) = o.done {
            done.push((Activity::Outreach, at));
        }
    }
    for (_, m, _) in app.all_shared::<MeasureResult>().iter() {
        done.push((Activity::Measure, m.at));
    }
    for (_, r, _) in app.all_shared::<ReadingNotes>().iter() {
        if let Some(at) = r.read_at {
            done.push((Activity::Reading, at));
        }
    }
    for (_, b, _) in app.all_shared::<BreakLog>().iter() {
        done.push((Activity::CompassionBreak, b.started_at));
    }
    for (_, f, _) in app.all_shared::<FriendEntry>().iter() {
        done.push((Activity::FriendView, f.created));
    }
    for (_, l, _) in app.all_shared::<Letter>().iter() {
        done.push((Activity::Letter, l.written));
        for r in &l.rereads {
            done.push((Activity::LetterReread, r.at));
        }
    }
    for (_, d, _) in app.all_shared::<Dialogue>().iter() {
        if !d.turns.is_empty() {
            done.push((Activity::InnerChild, d.created));
        }
    }
    for (_, a, _) in app.all_shared::<SoloActivity>().iter() {
        if let Some(d) = &a.done {
            done.push((Activity::SoloStep, d.at));
        }
    }
    for (_, o, _) in app.all_shared::<OpeningStep>().iter() {
        done.push((Activity::OpeningUp, o.at));
    }
    for (_, b, _) in app.all_shared::<BoundaryHeld>().iter() {
        done.push((Activity::BoundaryHeld, b.at));
    }
    done
}

/// The words for a milestone.
pub fn milestone_words(t: &'static Text, activity: Activity, count: usize) -> &'static str {
    use Activity as A;
    match (activity, count) {
        (A::ThoughtRecord, 10) => t.progress().timeline_thought_record_10,
        (A::ThoughtRecord, 50) => t.progress().timeline_thought_record_50,
        (A::ThoughtRecord, _) => t.progress().timeline_thought_record_1,
        (A::CheckIn, 10) => t.progress().timeline_check_in_10,
        (A::CheckIn, 50) => t.progress().timeline_check_in_50,
        (A::CheckIn, _) => t.progress().timeline_check_in_1,
        (A::Journal, 10) => t.progress().timeline_journal_10,
        (A::Journal, 50) => t.progress().timeline_journal_50,
        (A::Journal, _) => t.progress().timeline_journal_1,
        (A::Breathing, 10) => t.progress().timeline_breathing_10,
        (A::Breathing, _) => t.progress().timeline_breathing_1,
        (A::Grounding, _) => t.progress().timeline_grounding_1,
        (A::Movement, 10) => t.progress().timeline_movement_10,
        (A::Movement, _) => t.progress().timeline_movement_1,
        (A::Win, 10) => t.progress().timeline_win_10,
        (A::Win, 50) => t.progress().timeline_win_50,
        (A::Win, _) => t.progress().timeline_win_1,
        (A::Goal, _) => t.progress().timeline_goal_1,
        (A::Outreach, 10) => t.progress().timeline_outreach_10,
        (A::Outreach, _) => t.progress().timeline_outreach_1,
        (A::Measure, _) => t.progress().timeline_measure_1,
        (A::CompassionBreak, _) => t.progress().timeline_compassion_break_1,
        (A::FriendView, _) => t.progress().timeline_friend_view_1,
        (A::Letter, _) => t.progress().timeline_letter_1,
        (A::LetterReread, _) => t.progress().timeline_letter_reread_1,
        (A::InnerChild, _) => t.progress().timeline_inner_child_1,
        (A::SoloStep, _) => t.progress().timeline_solo_step_1,
        (A::OpeningUp, _) => t.progress().timeline_opening_up_1,
        (A::BoundaryHeld, 10) => t.progress().timeline_boundary_held_10,
        (A::BoundaryHeld, _) => t.progress().timeline_boundary_held_1,
        (A::Reading, _) => t.progress().timeline_reading_1,
    }
}

fn date_words(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// The progress page.
#[component]
pub fn ProgressPage() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    view! {
        <section class="page progress" aria-labelledby="progress-title">
            <PageTitle id="progress-title" text=t.progress().page_title.to_string()/>
            <p class="lead">{t.progress().page_intro}</p>
            {move || {
                let done = collect_activities(&app);
                let today = time::now().date_naive();
                let began = match days_since_start(&done, today) {
                    None => t.progress().page_empty.to_string(),
                    Some(0) => t.progress().page_began_today.to_string(),
                    Some(1) => t.progress().page_began_one.to_string(),
                    Some(n) => fill(
                        t.progress().page_began,
                        &[
                            ("days", &n.to_string()),
                            ("date", &date_words(today - chrono::Days::new(n as u64))),
                        ],
                    ),
                };
                view! { <p class="began">{began}</p> }
            }}
            <Later>
                <Timeline/>
            </Later>
            <Later>
                <MomentumTrend/>
            </Later>
            <Later>
                <FeelingsTrend/>
            </Later>
            <Later>
                <ThoughtTrend/>
                <MeasuresSummary/>
            </Later>
        </section>
    }
}

/// Milestones, newest first.
#[component]
fn Timeline() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    view! {
        <div class="card">
            <h2>{t.progress().timeline_heading}</h2>
            {move || {
                let mut list = milestones(&collect_activities(&app));
                list.reverse();
                if list.is_empty() {
                    return view! { <p class="muted">{t.progress().timeline_none}</p> }.into_any();
                }
                view! {
                    <ol class="timeline">
                        {list
                            .into_iter()
                            .map(|m| {
                                view! {
                                    <li>
                                        <time datetime=m.at.to_rfc3339()>{date_words(m.at.date_naive())}</time>
                                        <span>{milestone_words(t, m.activity, m.count)}</span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                }
                    .into_any()
            }}
        </div>
    }
}

/// Momentum over the last 28 days.
#[component]
fn MomentumTrend() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    view! {
        <div class="card">
            <h2>{t.progress().momentum_heading}</h2>
            {move || {
                let rest: Vec<RestDay> = app.all::<RestDay>().into_iter().map(|(_, r, _)| r).collect();
                let today = time::now().date_naive();
                let series = with_goals_and_wins(&app, |goals, wins| {
                    micro_goals::momentum_series(&micro_goals::days(goals, wins, &rest, today))
                });
                if series.is_empty() {
                    return view! {
                        <p class="muted">{t.progress().momentum_none}</p>
                        <a href=href("/goals") class="button secondary">{t.progress().momentum_link}</a>
                    }
                        .into_any();
                }
                let start = today - chrono::Days::new(27);
                let last28: Vec<(NaiveDate, f64)> = (0..28)
                    .map(|i| {
                        let d = start + chrono::Days::new(i);
                        let v = series
                            .iter()
                            .rev()
                            .find(|(sd, _)| *sd <= d)
                            .map_or(0.0, |(_, v)| *v);
                        (d, v)
                    })
                    .collect();
                let first = last28.first().map_or(0.0, |p| p.1).round();
                let last = last28.last().map_or(0.0, |p| p.1).round();
                let data = ChartData {
                    summary: fill(
                        t.progress().momentum_summary,
                        &[
                            ("first", &first.to_string()),
                            ("start", &start.format("%-d %b").to_string()),
                            ("last", &last.to_string()),
                        ],
                    ),
                    columns: last28
                        .iter()
                        .map(|(d, _)| Column {
                            label: d.format("%-d").to_string(),
                            sublabel: d.format("%b").to_string(),
                            name: d.format("%-d %b").to_string(),
                        })
                        .collect(),
                    series: vec![Series {
                        name: t.progress().momentum_series.to_string(),
                        legend: t.progress().momentum_series.to_string(),
                        shape: Shape::Circle,
                        tone: 1,
                    }],
                    points: last28
                        .iter()
                        .enumerate()
                        .map(|(i, (_, v))| Point {
                            column: i,
                            series: 0,
                            value: *v,
                            label: format!("{}", v.round()),
                        })
                        .collect(),
                    min: 0.0,
                    max: 100.0,
                    ticks: vec![0.0, 50.0, 100.0],
                    label_every: Some(7),
                    axis_label: t.progress().momentum_axis.to_string(),
                    legend_label: t.progress().momentum_legend.to_string(),
                    table_toggle: t.progress().momentum_table_toggle.to_string(),
                    table_caption: t.progress().momentum_table_caption.to_string(),
                    table_first_header: t.progress().momentum_table_day.to_string(),
                    table_value_header: t.progress().momentum_table_value.to_string(),
                    skip_empty_note: None,
                };
                view! { <Chart id="momentum" data=Signal::derive(move || data.clone())/> }.into_any()
            }}
        </div>
    }
}

const WEEKS: usize = 8;

/// Pleasant and unpleasant check-ins per week.
#[component]
fn FeelingsTrend() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    view! {
        <div class="card">
            <h2>{t.progress().feelings_heading}</h2>
            {move || {
                let check_ins: Vec<CheckIn> = app.all::<CheckIn>().into_iter().map(|(_, c, _)| c).collect();
                let weeks = weekly_feelings(&check_ins, time::now().date_naive(), WEEKS);
                if weeks.iter().all(|w| w.pleasant + w.unpleasant == 0) {
                    return view! {
                        <p class="muted">{t.progress().feelings_none}</p>
                        <a href=href("/feelings") class="button secondary">{t.progress().feelings_link}</a>
                    }
                        .into_any();
                }
                let pleasant: usize = weeks.iter().map(|w| w.pleasant).sum();
                let unpleasant: usize = weeks.iter().map(|w| w.unpleasant).sum();
                let most = weeks.iter().map(|w| w.pleasant.max(w.unpleasant)).max().unwrap_or(1).max(4);
                let data = ChartData {
                    summary: fill(
                        t.progress().feelings_summary,
                        &[
                            ("weeks", &WEEKS.to_string()),
                            ("pleasant", &pleasant.to_string()),
                            ("unpleasant", &unpleasant.to_string()),
                        ],
                    ),
                    columns: weeks
                        .iter()
                        .map(|w| Column {
                            label: w.monday.format("%-d").to_string(),
                            sublabel: w.monday.format("%b").to_string(),
                            name: w.monday.format("%-d %b").to_string(),
                        })
                        .collect(),
                    series: vec![
                        Series {
                            name: t.progress().feelings_pleasant.to_string(),
                            legend: t.progress().feelings_pleasant.to_string(),
                            shape: Shape::Circle,
                            tone: 1,
                        },
                        Series {
                            name: t.progress().feelings_unpleasant.to_string(),
                            legend: t.progress().feelings_unpleasant.to_string(),
                            shape: Shape::Square,
                            tone: 3,
                        },
                    ],
                    points: weeks
                        .iter()
                        .enumerate()
                        .flat_map(|(i, w)| {
                            [
                                Point {
                                    column: i,
                                    series: 0,
                                    value: w.pleasant as f64,
                                    label: format!("{} {}", t.progress().feelings_pleasant, w.pleasant),
                                },
                                Point {
                                    column: i,
                                    series: 1,
                                    value: w.unpleasant as f64,
                                    label: format!("{} {}", t.progress().feelings_unpleasant, w.unpleasant),
                                },
                            ]
                        })
                        .collect(),
                    min: 0.0,
                    max: most as f64,
                    ticks: vec![0.0, (most / 2) as f64, most as f64],
                    label_every: None,
                    axis_label: t.progress().feelings_axis.to_string(),
                    legend_label: t.progress().feelings_legend.to_string(),
                    table_toggle: t.progress().feelings_table_toggle.to_string(),
                    table_caption: t.progress().feelings_table_caption.to_string(),
                    table_first_header: t.progress().feelings_table_week.to_string(),
                    table_value_header: t.progress().feelings_table_value.to_string(),
                    skip_empty_note: None,
                };
                view! {
                    <Chart id="feelings-weeks" data=Signal::derive(move || data.clone())/>
                    <p class="small">{t.progress().feelings_note}</p>
                }
                    .into_any()
            }}
        </div>
    }
}

/// How much thought records eased feelings, per week.
#[component]
fn ThoughtTrend() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    view! {
        <div class="card">
            <h2>{t.progress().thoughts_heading}</h2>
            {move || {
                let records: Vec<ThoughtRecord> = app.all::<ThoughtRecord>().into_iter().map(|(_, r, _)| r).collect();
                let weeks = weekly_thought_ease(&records, time::now().date_naive(), WEEKS);
                if weeks.iter().all(|(_, v)| v.is_none()) {
                    return view! {
                        <p class="muted">{t.progress().thoughts_none}</p>
                        <a href=href("/thoughts/new") class="button secondary">{t.progress().thoughts_link}</a>
                    }
                        .into_any();
                }
                let spoken = weeks
                    .iter()
                    .map(|(m, v)| {
                        let value = v.map_or(t.progress().thoughts_nothing.to_string(), |v| format!("{v:.0}"));
                        format!("{} {}", m.format("%-d %b"), value)
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                let data = ChartData {
                    summary: fill(t.progress().thoughts_summary, &[("points", &spoken)]),
                    columns: weeks
                        .iter()
                        .map(|(m, _)| Column {
                            label: m.format("%-d").to_string(),
                            sublabel: m.format("%b").to_string(),
                            name: m.format("%-d %b").to_string(),
                        })
                        .collect(),
                    series: vec![Series {
                        name: t.progress().thoughts_series.to_string(),
                        legend: t.progress().thoughts_series.to_string(),
                        shape: Shape::Diamond,
                        tone: 2,
                    }],
                    points: weeks
                        .iter()
                        .enumerate()
                        .filter_map(|(i, (_, v))| {
                            v.map(|v| Point {
                                column: i,
                                series: 0,
                                value: f64::from(v.clamp(0.0, 100.0)),
                                label: format!("{v:.0}"),
                            })
                        })
                        .collect(),
                    min: 0.0,
                    max: 100.0,
                    ticks: vec![0.0, 50.0, 100.0],
                    label_every: None,
                    axis_label: t.progress().thoughts_axis.to_string(),
                    legend_label: t.progress().thoughts_legend.to_string(),
                    table_toggle: t.progress().thoughts_table_toggle.to_string(),
                    table_caption: t.progress().thoughts_table_caption.to_string(),
                    table_first_header: t.progress().thoughts_table_week.to_string(),
                    table_value_header: t.progress().thoughts_table_value.to_string(),
                    skip_empty_note: None,
                };
                view! { <Chart id="thought-ease" data=Signal::derive(move || data.clone())/> }.into_any()
            }}
        </div>
    }
}

/// The latest score of each questionnaire and how it moved.
#[component]
fn MeasuresSummary() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    view! {
        <div class="card">
            <h2>{t.progress().measures_heading}</h2>
            {move || {
                let results: Vec<MeasureResult> = app.all::<MeasureResult>().into_iter().map(|(_, r, _)| r).collect();
                if results.is_empty() {
                    return view! { <p class="muted">{t.progress().measures_none}</p> }.into_any();
                }
                view! {
                    <ul class="log">
                        {Scale::ALL
                            .into_iter()
                            .filter_map(|scale| {
                                let last = latest(&results, scale)?;
                                let moved = change(scale, &measures::trend(&results, scale));
                                let w = scale_words(t, scale);
                                Some(view! {
                                    <li>
                                        <span>
                                            <strong>{w.name}</strong>
                                            <br/>
                                            <span class="small">
                                                {score_words(t, scale, last.score())}
                                                " · "
                                                {date_words(last.at.date_naive())}
                                                {moved.map(|c| format!(" · {}", match c {
                                                    measures::Change::Up => t.measures().page_change_up,
                                                    measures::Change::Down => t.measures().page_change_down,
                                                    measures::Change::AboutTheSame => t.measures().page_change_same,
                                                }))}
                                            </span>
                                        </span>
                                    </li>
                                })
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            <a href=href("/measures") class="button secondary">{t.progress().measures_link}</a>
        </div>
    }
}

/// The facts the next-thing suggestion needs, read from the store.
fn today_facts(app: &AppState) -> Today {
    let now = time::now();
    let date = now.date_naive();
    let (open_goals_today, any_goals) = with_goals_and_wins(app, |goals, wins| {
        let done = GoalDays::of(wins);
        let open = for_today(goals, &done, date)
            .into_iter()
            .filter(|(id, _)| !done.on(id, date))
            .count();
        (open, goals.iter().any(|(_, g)| g.archived.is_none()))
    });
    let results: Vec<MeasureResult> = app
        .all::<MeasureResult>()
        .into_iter()
        .map(|(_, r, _)| r)
        .collect();
    let every = app
        .get::<MeasureSettings>(MeasureSettings::ID)
        .unwrap_or_default()
        .every_days;
    // Each kind once: years of history are thousands of activities, but
    // only a few dozen kinds (sorting them all was a good part of start-up).
    let mut tried: Vec<Activity> = Vec::new();
    for (a, _) in collect_activities(app) {
        if !tried.contains(&a) {
            tried.push(a);
        }
    }
    crate::domain::order::sort(&mut tried);
    Today {
        part_of_day: Some(PartOfDay::of(now.hour())),
        open_goals_today,
        any_goals,
        checked_in_today: app
            .all_shared::<CheckIn>()
            .iter()
            .any(|(_, c, _)| c.date() == date),
        measure_due: Scale::ALL
            .into_iter()
            .any(|s| measures::due(&results, s, every, date)),
        tried,
    }
}

/// Where an activity starts.
fn path_of(a: Activity) -> &'static str {
    match a {
        Activity::CheckIn => "/feelings",
        Activity::Breathing => "/breathe",
        Activity::ThoughtRecord => "/thoughts/new",
        Activity::CompassionBreak => "/kindness/break",
        Activity::Movement => "/movement",
        Activity::FriendView => "/kindness/friend",
        Activity::Grounding => "/grounding",
        Activity::Letter => "/kindness/letters",
        Activity::InnerChild => "/inner-child",
        Activity::SoloStep => "/solo",
        Activity::Journal => "/journal/new",
        Activity::Measure => "/measures",
        Activity::Win | Activity::Goal => "/goals",
        Activity::Outreach => "/people",
        _ => "/practices",
    }
}

fn try_words(t: &'static Text, a: Activity) -> &'static str {
    match a {
        Activity::CheckIn => t.progress().next_try_check_in,
        Activity::Breathing => t.progress().next_try_breathing,
        Activity::ThoughtRecord => t.progress().next_try_thought_record,
        Activity::CompassionBreak => t.progress().next_try_compassion_break,
        Activity::Movement => t.progress().next_try_movement,
        Activity::FriendView => t.progress().next_try_friend_view,
        Activity::Grounding => t.progress().next_try_grounding,
        Activity::Letter => t.progress().next_try_letter,
        Activity::InnerChild => t.progress().next_try_inner_child,
        _ => t.progress().next_try_solo_step,
    }
}

/// The home screen's one suggestion for today.
#[component]
pub fn NextThingCard() -> impl IntoView {
    let app = use_app();
    let t = app.text;
    move || {
        let (words, link, path) = match next_thing(&today_facts(&app)) {
            NextThing::TickGoal => (
                t.progress().next_tick_goal.to_string(),
                t.progress().next_tick_goal_link,
                "/goals",
            ),
            NextThing::SetGoal => (
                t.progress().next_set_goal.to_string(),
                t.progress().next_set_goal_link,
                "/goals",
            ),
            NextThing::CheckIn => (
                t.progress().next_check_in.to_string(),
                t.progress().next_check_in_link,
                "/feelings",
            ),
            NextThing::Breathe => (
                t.progress().next_breathe.to_string(),
                t.progress().next_breathe_link,
                "/breathe",
            ),
            NextThing::Measure => (
                t.progress().next_measure.to_string(),
                t.progress().next_measure_link,
                "/measures",
            ),
            NextThing::Try(a) => (
                try_words(t, a).to_string(),
                t.progress().next_try_link,
                path_of(a),
            ),
            NextThing::Journal => (
                t.progress().next_journal.to_string(),
                t.progress().next_journal_link,
                "/journal/new",
            ),
        };
        view! {
            <div class="card next-thing">
                <h2>{t.progress().next_heading}</h2>
                <p>{words}</p>
                <a href=href(path) class="button">{link}</a>
            </div>
        }
    }
}
