//! A small inline-SVG chart (no chart library, no network) for "how did my
//! week or month look": one column per day (or any other bucket), values as
//! heights, each series drawn with its own shape *and* colour, so nothing is
//! told by colour alone.
//!
//! The picture is one `role="img"` with a spoken summary; the same numbers
//! are available as a real two-column `<table>` (narrow enough for a phone)
//! behind a "show as a table" toggle (its rows are built when first opened),
//! and the legend is plain text. Pages build a [`ChartData`] from their domain
//! summaries; the chart knows nothing about what it draws.
//!
//! Colours come from the `--chart-1` .. `--chart-4` tokens in `style/main.css`
//! (light and dark), picked by [`Series::tone`].

use leptos::prelude::*;

/// Marker shapes, so series differ by outline as well as colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Circle,
    Square,
    Triangle,
    Diamond,
}

/// One series: how it is named and drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Column header in the table, e.g. "Heavy and low".
    pub name: String,
    /// Legend text, e.g. "Heavy and low: 3".
    pub legend: String,
    pub shape: Shape,
    /// Colour token 1-4 (`--chart-N`).
    pub tone: u8,
}

/// One column (bucket) of the chart, e.g. a day.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// First axis line, e.g. "Mon" (may be empty).
    pub label: String,
    /// Second axis line, e.g. "23" (may be empty).
    pub sublabel: String,
    /// Full name for the table, e.g. "Mon 23 Nov".
    pub name: String,
}

/// One value to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    /// Index into [`ChartData::columns`].
    pub column: usize,
    /// Index into [`ChartData::series`].
    pub series: usize,
    pub value: f64,
    /// How the value reads in the table, e.g. "drained 7/10".
    pub label: String,
}

/// Everything the chart draws and says.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartData {
    /// The spoken summary of the picture (`aria-label`).
    pub summary: String,
    pub columns: Vec<Column>,
    pub series: Vec<Series>,
    pub points: Vec<Point>,
    /// Value range of the vertical axis.
    pub min: f64,
    pub max: f64,
    /// Values that get a grid line and a number.
    pub ticks: Vec<f64>,
    /// Label every n-th column (e.g. 7 for a month: the 1st, 8th, 15th...);
    /// `None` labels as many as fit.
    pub label_every: Option<usize>,
    /// What the vertical axis measures (shown above it).
    pub axis_label: String,
    /// Accessible name of the legend list.
    pub legend_label: String,
    /// The table toggle's words, e.g. "Show as a table".
    pub table_toggle: String,
    pub table_caption: String,
    /// Header of the first table column, e.g. "Day".
    pub table_first_header: String,
    /// Header of the second table column, e.g. "Check-ins".
    pub table_value_header: String,
    /// When set, columns without points are left out of the table and this
    /// note says so.
    pub skip_empty_note: Option<String>,
}

// Drawing box (SVG user units; the SVG scales to the width it is given).
const WIDTH: f64 = 360.0;
const HEIGHT: f64 = 230.0;
const LEFT: f64 = 26.0;
const RIGHT: f64 = 6.0;
const TOP: f64 = 30.0;
const BOTTOM: f64 = 38.0;
/// Narrowest column that still gets its own axis label.
const MIN_LABEL_WIDTH: f64 = 34.0;
/// Narrowest lane that still separates series side by side.
const MIN_LANE: f64 = 9.0;

/// Where things go, computed from the data.
#[derive(Debug, Clone, PartialEq)]
struct Layout {
    column_width: f64,
    lanes: bool,
    radius: f64,
    label_every: usize,
}

fn layout(columns: usize, series: usize) -> Layout {
    let columns = columns.max(1);
    let series = series.max(1);
    let column_width = (WIDTH - LEFT - RIGHT) / columns as f64;
    let lanes = series > 1 && column_width / series as f64 >= MIN_LANE;
    let slot = if lanes {
        column_width / series as f64
    } else {
        column_width
    };
    let radius = (slot * 0.42).clamp(3.0, 6.5);
    let label_every = (MIN_LABEL_WIDTH / column_width).ceil().max(1.0) as usize;
    Layout {
        column_width,
        lanes,
        radius,
        label_every,
    }
}

fn x_of(l: &Layout, column: usize, series: usize, series_count: usize) -> f64 {
    let left = LEFT + l.column_width * column as f64;
    if l.lanes {
        let lane = l.column_width / series_count.max(1) as f64;
        left + lane * (series as f64 + 0.5)
    } else {
        left + l.column_width / 2.0
    }
}

fn y_of(value: f64, min: f64, max: f64) -> f64 {
    let span = if max > min { max - min } else { 1.0 };
    let share = ((value - min) / span).clamp(0.0, 1.0);
    HEIGHT - BOTTOM - share * (HEIGHT - TOP - BOTTOM)
}

/// The SVG path (or points) of a marker centred on (x, y).
fn shape_path(shape: Shape, x: f64, y: f64, r: f64) -> String {
    match shape {
        Shape::Circle => format!(
            "M{:.1} {y:.1}a{r:.1} {r:.1} 0 1 0 {:.1} 0a{r:.1} {r:.1} 0 1 0 {:.1} 0z",
            x - r,
            2.0 * r,
            -2.0 * r
        ),
        Shape::Square => {
            let s = r * 0.9;
            format!(
                "M{:.1} {:.1}h{:.1}v{:.1}h{:.1}z",
                x - s,
                y - s,
                2.0 * s,
                2.0 * s,
                -2.0 * s
            )
        }
        Shape::Triangle => {
            let h = r * 1.2;
            format!(
                "M{x:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}z",
                y - h,
                x + h,
                y + h * 0.8,
                x - h,
                y + h * 0.8
            )
        }
        Shape::Diamond => {
            let d = r * 1.25;
            format!(
                "M{x:.1} {:.1}L{:.1} {y:.1}L{x:.1} {:.1}L{:.1} {y:.1}z",
                y - d,
                x + d,
                y + d,
                x - d
            )
        }
    }
}

fn tone_class(tone: u8) -> String {
    format!("tone-{}", tone.clamp(1, 4))
}

/// The table's rows: a column's name and the labels of its points, in
/// series order.
fn table_rows(data: &ChartData) -> Vec<(String, Vec<String>)> {
    data.columns
        .iter()
        .enumerate()
        .filter_map(|(ci, column)| {
            let mut points: Vec<&Point> = data.points.iter().filter(|p| p.column == ci).collect();
            crate::domain::order::sort_by_key(&mut points, |p| p.series);
            let labels: Vec<String> = points.into_iter().map(|p| p.label.clone()).collect();
            (!(labels.is_empty() && data.skip_empty_note.is_some()))
                .then(|| (column.name.clone(), labels))
        })
        .collect()
}

/// A small shape for the legend, drawn like the chart's markers.
#[component]
pub fn LegendMark(shape: Shape, tone: u8) -> impl IntoView {
    view! {
        <svg class=format!("chart-mark {}", tone_class(tone)) viewBox="0 0 16 16" aria-hidden="true">
            <path d=shape_path(shape, 8.0, 8.5, 5.5)/>
        </svg>
    }
}

/// The chart, its legend and its table.
#[component]
pub fn Chart(
    /// Unique prefix for element ids.
    id: &'static str,
    #[prop(into)] data: Signal<ChartData>,
) -> impl IntoView {
    let picture = move || {
        let d = data.get();
        let mut l = layout(d.columns.len(), d.series.len());
        if let Some(n) = d.label_every {
            l.label_every = l.label_every.max(n);
        }
        let n_series = d.series.len();
        let baseline = HEIGHT - BOTTOM;
        let grid = d
            .ticks
            .iter()
            .map(|&t| {
                let y = y_of(t, d.min, d.max);
                view! {
                    <line class="chart-grid" x1=LEFT x2=WIDTH - RIGHT y1=y y2=y/>
                    <text class="chart-tick" x=LEFT - 5.0 y=y + 4.0 text-anchor="end">
                        {format!("{t}")}
                    </text>
                }
            })
            .collect_view();
        let labels = d
            .columns
            .iter()
            .enumerate()
            .filter(|(i, _)| i % l.label_every == 0)
            .map(|(i, c)| {
                let x = LEFT + l.column_width * (i as f64 + 0.5);
                view! {
                    <text class="chart-label" x=x y=baseline + 15.0 text-anchor="middle">
                        {c.label.clone()}
                    </text>
                    <text class="chart-sublabel" x=x y=baseline + 30.0 text-anchor="middle">
                        {c.sublabel.clone()}
                    </text>
                }
            })
            .collect_view();
        let bands = (0..d.columns.len())
            .filter(|i| i % 2 == 1)
            .map(|i| {
                view! {
                    <rect
                        class="chart-band"
                        x=LEFT + l.column_width * i as f64
                        y=TOP
                        width=l.column_width
                        height=baseline - TOP
                    />
                }
            })
            .collect_view();
        // Tallest first, so short markers stay visible on top.
        let mut points = d.points.clone();
        crate::domain::order::sort_by(&mut points, |a, b| b.value.total_cmp(&a.value));
        let marks = points
            .iter()
            .filter_map(|p| {
                let s = d.series.get(p.series)?;
                let x = x_of(&l, p.column, p.series, n_series);
                let y = y_of(p.value, d.min, d.max);
                Some(view! {
                    <g class=tone_class(s.tone)>
                        <line class="chart-stem" x1=x x2=x y1=baseline y2=y/>
                        <path class="chart-point" d=shape_path(s.shape, x, y, l.radius)/>
                    </g>
                })
            })
            .collect_view();
        view! {
            <svg
                class="chart-svg"
                viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                role="img"
                aria-label=d.summary.clone()
                preserveAspectRatio="xMidYMid meet"
            >
                {bands}
                {grid}
                <text class="chart-axis" x=4.0 y=12.0>
                    {d.axis_label.clone()}
                </text>
                <line class="chart-baseline" x1=LEFT x2=WIDTH - RIGHT y1=baseline y2=baseline/>
                {labels}
                {marks}
            </svg>
        }
    };
    let legend = move || {
        let d = data.get();
        let label = d.legend_label.clone();
        let items = d
            .series
            .into_iter()
            .map(|s| {
                view! {
                    <li>
                        <LegendMark shape=s.shape tone=s.tone/>
                        <span>{s.legend}</span>
                    </li>
                }
            })
            .collect_view();
        view! {
            <ul class="chart-legend" aria-label=label>
                {items}
            </ul>
        }
    };
    // The table's rows are built the first time it is opened: most people
    // never open it, and a page with several charts is quicker to show.
    let table_opened = RwSignal::new(false);
    let table_body = move || {
        if !table_opened.get() {
            return None;
        }
        let rows = table_rows(&data.get());
        let body = rows
            .into_iter()
            .map(|(name, labels)| {
                view! {
                    <tr>
                        <th scope="row">{name}</th>
                        <td>
                            {labels
                                .into_iter()
                                .map(|l| view! { <span class="chart-cell-item">{l}</span> })
                                .collect_view()}
                        </td>
                    </tr>
                }
            })
            .collect_view();
        Some(body)
    };
    let table = move || {
        let d = data.get();
        view! {
            <details
                class="chart-table"
                on:toggle=move |ev| {
                    let details: web_sys::HtmlDetailsElement = event_target(&ev);
                    if details.open() {
                        table_opened.set(true);
                    }
                }
            >
                // Built as the tap opens it: the toggle event comes in a
                // later task (it also covers opening by find-in-page).
                <summary on:click=move |_| table_opened.set(true)>{d.table_toggle.clone()}</summary>
                <div class="chart-table-scroll" tabindex="0" role="region" aria-label=d.table_caption.clone()>
                    <table>
                        <caption>{d.table_caption.clone()}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{d.table_first_header.clone()}</th>
                                <th scope="col">{d.table_value_header.clone()}</th>
                            </tr>
                        </thead>
                        <tbody>{table_body}</tbody>
                    </table>
                </div>
                {d.skip_empty_note.clone().map(|n| view! { <p class="small">{n}</p> })}
            </details>
        }
    };
    view! {
        <figure class="chart" id=id>
            {picture}
            {legend}
            {table}
        </figure>
    }
}
