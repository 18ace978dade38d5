//! The chart of a numeric target, drawn at build time: where every point,
//! line and label goes in a fixed SVG viewBox. Only geometry is decided
//! here, as a pure function of the target and its facts; the markup is the
//! theme's `partials/target_chart.html`, so a site can restyle it.
//!
//! The viewBox is small (360 wide) and scales to the width of the page, so
//! its text stays readable on a 320 px phone; the stylesheet caps the width
//! on large screens so the text does not grow too big there.

use crate::content::{Observation, Target, TargetKind};
use crate::model::TargetFacts;
use crate::model::targets::{deadline_words, fmt_number, goal_with_deadline};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

pub const WIDTH: f64 = 360.0;
pub const HEIGHT: f64 = 250.0;
/// Font size of the labels, in viewBox units: 15 px (13.5 px for SMALL)
/// where the page is 320 px wide.
pub const FONT: f64 = 19.0;
const SMALL: f64 = 17.0;
const TOP: f64 = 50.0;
const BOTTOM: f64 = HEIGHT - 36.0;
const RIGHT: f64 = WIDTH - 16.0;
const POINT_RADIUS: f64 = 5.0;

#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    pub width: String,
    pub height: String,
    pub font: String,
    pub small: String,
    /// The plot area.
    pub left: String,
    pub right: String,
    pub top: String,
    pub bottom: String,
    /// 「单位：微克/立方米」, above the value axis.
    pub unit_label: String,
    /// Where the value labels end, left of the plot.
    pub y_label_x: String,
    /// Baseline of the year labels, below the plot.
    pub x_label_y: String,
    /// Lower end of the year boundary marks.
    pub x_tick_end: String,
    pub y_ticks: Vec<Tick>,
    /// Year boundaries on the time axis.
    pub x_ticks: Vec<String>,
    /// Years, centred in their span of the time axis.
    pub x_labels: Vec<Tick>,
    /// `x,y x,y …` through the baseline and observations in date order.
    pub line: String,
    pub points: Vec<Point>,
    pub target: Line,
    pub deadline: Line,
    pub title: String,
    pub desc: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Tick {
    /// Position along its axis.
    pub at: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Point {
    pub x: String,
    pub y: String,
    pub baseline: bool,
    pub period: String,
    pub value: String,
    pub label: Label,
}

/// A text with its anchor point (SVG `x`, `y` of the baseline of the text).
#[derive(Debug, Clone, Serialize)]
pub struct Label {
    pub text: String,
    pub x: String,
    pub y: String,
    /// `start`, `middle` or `end`.
    pub anchor: &'static str,
}

/// The target value (horizontal) or the target date (vertical).
#[derive(Debug, Clone, Serialize)]
pub struct Line {
    /// Position along the axis it crosses.
    pub at: String,
    pub label: Label,
}

/// The chart of a numeric target with at least one observation; None
/// otherwise (the page then says there is no data, in words).
pub fn chart(t: &Target, f: &TargetFacts) -> Option<Chart> {
    if t.kind != TargetKind::Numeric || f.observations.is_empty() {
        return None;
    }
    let (goal, cmp) = (t.goal.value?, t.goal.comparison?);
    let unit = t.unit.clone().unwrap_or_default();
    let baseline = t.baseline.as_ref().filter(|b| b.value.is_some());

    // Baseline and observations in date order (the baseline may follow an early observation).
    let mut series: Vec<(&Observation, bool)> = f.observations.iter().map(|o| (o, false)).collect();
    if let Some(b) = baseline {
        series.push((b, true));
    }
    series.sort_by_key(|(o, _)| o.date);
    let values: Vec<f64> = series.iter().filter_map(|(o, _)| o.value).collect();
    let dates: Vec<NaiveDate> = series.iter().map(|(o, _)| o.date).chain([t.goal.by]).collect();

    let y_axis = ValueAxis::new(&values, goal, &unit)?;
    let y_ticks: Vec<Tick> =
        y_axis.ticks().into_iter().map(|v| Tick { at: num(y_axis.y(v)), label: fmt_number(v) }).collect();
    let widest = y_ticks.iter().map(|t| text_width(&t.label, FONT)).fold(0.0, f64::max);
    let left = (widest + 16.0).round();
    // Numbers too long to label an axis: the table says it all.
    if left > WIDTH / 3.0 {
        return None;
    }
    let x_axis = TimeAxis::new(&dates, left);

    let mut placed: Vec<Box> = Vec::new();
    // The target date, labelled above the plot.
    let deadline_x = x_axis.x(t.goal.by);
    let deadline_text = format!("期限{}", deadline_words(t.goal.by));
    let deadline_label = fit_horizontally(&deadline_text, deadline_x, TOP - 10.0, SMALL);
    placed.push(deadline_label.1);

    // Every point is an obstacle for every label.
    let coords: Vec<(f64, f64)> =
        series.iter().map(|(o, _)| (x_axis.x(o.date), y_axis.y(o.value.unwrap_or(goal)))).collect();
    placed.extend(coords.iter().map(|&(x, y)| Box::around(x, y, POINT_RADIUS + 1.0)));

    // The target value, labelled at the left on its better side, where the
    // line of observations is least likely to be.
    let target_y = y_axis.y(goal);
    let target_text = format!("目标：{}{}", cmp.words(), fmt_number(goal));
    let (below, above) = (target_y + SMALL + 4.0, target_y - 6.0);
    let sides = if cmp.decreasing() { [below, above] } else { [above, below] };
    let target_label = place(&target_text, left + 6.0, "start", SMALL, &sides, &placed);
    placed.push(target_label.1);
    // Value labels keep off the target and deadline lines too, where they can.
    placed.push(Box { x0: left, y0: target_y - 1.5, x1: RIGHT, y1: target_y + 1.5 });
    placed.push(Box { x0: deadline_x - 1.0, y0: TOP, x1: deadline_x + 1.0, y1: BOTTOM });

    let mut points = Vec::new();
    for (i, ((o, is_base), &(x, y))) in series.iter().zip(&coords).enumerate() {
        let value = fmt_number(o.value.unwrap_or_default());
        let text = if *is_base { format!("基准{value}") } else { value.clone() };
        // Above a peak, below a trough: away from the line through its neighbours.
        let neighbours: Vec<f64> = [i.checked_sub(1), Some(i + 1)]
            .into_iter()
            .flatten()
            .filter_map(|j| coords.get(j))
            .map(|c| c.1)
            .collect();
        let mean = neighbours.iter().sum::<f64>() / neighbours.len().max(1) as f64;
        let up = y - POINT_RADIUS - 5.0;
        let down = y + POINT_RADIUS + FONT;
        let prefer_up = neighbours.is_empty() || y <= mean;
        let tries = if prefer_up { [up, down] } else { [down, up] };
        let (label, bx) = place(&text, x, "middle", FONT, &tries, &placed);
        placed.push(bx);
        points.push(Point {
            x: num(x),
            y: num(y),
            baseline: *is_base,
            period: o.period.clone().unwrap_or_else(|| o.date.to_string()),
            value,
            label,
        });
    }

    let line = coords.iter().map(|(x, y)| format!("{},{}", num(*x), num(*y))).collect::<Vec<_>>().join(" ");
    let unit_part = if unit.is_empty() { String::new() } else { format!("（单位：{unit}）") };
    let mut desc = Vec::new();
    if let Some(b) = baseline {
        desc.push(format!("基准值{}{}", when(b), fmt_number(b.value.unwrap_or_default())));
    }
    let observed: Vec<String> = f
        .observations
        .iter()
        .map(|o| format!("{}{}", when(o), fmt_number(o.value.unwrap_or_default())))
        .collect();
    desc.push(format!("监测值{}", observed.join("，")));
    desc.push(format!("目标：{}", goal_with_deadline(t)));

    Some(Chart {
        width: num(WIDTH),
        height: num(HEIGHT),
        font: num(FONT),
        small: num(SMALL),
        left: num(left),
        right: num(RIGHT),
        top: num(TOP),
        bottom: num(BOTTOM),
        y_label_x: num(left - 8.0),
        x_label_y: num(BOTTOM + 8.0 + FONT),
        x_tick_end: num(BOTTOM + 6.0),
        unit_label: if unit.is_empty() { String::new() } else { format!("单位：{unit}") },
        y_ticks,
        x_ticks: x_axis.boundaries().into_iter().map(num).collect(),
        x_labels: x_axis.labels(),
        line,
        points,
        target: Line { at: num(target_y), label: target_label.0 },
        deadline: Line { at: num(deadline_x), label: deadline_label.0 },
        title: format!("{}变化情况", t.name),
        desc: format!("{}{unit_part}。", desc.join("；")),
    })
}

fn when(o: &Observation) -> String {
    o.period.clone().unwrap_or_else(|| o.date.to_string())
}

/// Coordinates with one decimal: enough for a 400-unit viewBox, and stable.
fn num(v: f64) -> String {
    let s = format!("{:.1}", v);
    let s = s.strip_suffix(".0").unwrap_or(&s);
    if s == "-0" { "0".to_string() } else { s.to_string() }
}

/// The value axis: a round range around the values and the target.
struct ValueAxis {
    min: f64,
    max: f64,
    step: f64,
}

impl ValueAxis {
    /// None when the values span more than a float can hold.
    fn new(values: &[f64], goal: f64, unit: &str) -> Option<ValueAxis> {
        let all: Vec<f64> = values.iter().copied().chain([goal]).collect();
        let mut lo = all.iter().copied().fold(f64::INFINITY, f64::min);
        let mut hi = all.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if hi - lo < 1e-9 {
            let pad = (hi.abs() * 0.1).max(1.0);
            lo -= pad;
            hi += pad;
        }
        if !(hi - lo).is_finite() {
            return None;
        }
        let mut step = nice_step((hi - lo) / 4.0).max(0.01);
        // Counts (and other whole numbers) get whole ticks.
        if all.iter().all(|v| v.fract() == 0.0) {
            step = step.max(1.0);
        }
        // Room beyond the extreme values for their labels.
        let mut min = (lo / step).floor() * step;
        if lo - min < step * 0.25 {
            min -= step;
        }
        let mut max = (hi / step).ceil() * step;
        if max - hi < step * 0.25 {
            max += step;
        }
        // Nothing below zero, nor above 100%, when no value is.
        if lo >= 0.0 && min < 0.0 {
            min = 0.0;
        }
        if unit == "%" && hi <= 100.0 && max > 100.0 {
            max = 100.0;
        }
        Some(ValueAxis { min, max, step })
    }

    fn ticks(&self) -> Vec<f64> {
        let n = ((self.max - self.min) / self.step).round() as i64;
        (0..=n).map(|i| self.min + i as f64 * self.step).filter(|v| *v <= self.max + 1e-9).collect()
    }

    fn y(&self, v: f64) -> f64 {
        BOTTOM - (v - self.min) / (self.max - self.min) * (BOTTOM - TOP)
    }
}

/// 1, 2 or 5 times a power of ten, at least `raw`.
fn nice_step(raw: f64) -> f64 {
    let power = 10f64.powf(raw.log10().floor());
    let f = raw / power;
    let n = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    n * power
}

/// The time axis: whole calendar years from the first date's to the last's.
struct TimeAxis {
    start: NaiveDate,
    end: NaiveDate,
    left: f64,
    /// Every year is marked and labelled, or every 2nd, 5th, 10th, 20th …
    /// when years are too narrow for their label.
    every: i32,
}

impl TimeAxis {
    fn new(dates: &[NaiveDate], left: f64) -> TimeAxis {
        let first = dates.iter().min().copied().unwrap_or_default();
        let last = dates.iter().max().copied().unwrap_or_default();
        let years = (last.year() - first.year() + 1) as f64;
        let span = (RIGHT - left) / years;
        let every = (0..)
            .flat_map(|p| [1, 2, 5].map(|k| k * 10i32.saturating_pow(p)))
            .find(|k| span * *k as f64 >= text_width("2000", FONT) + 10.0 || *k >= 100_000)
            .unwrap_or(1);
        TimeAxis { start: year_start(first.year()), end: year_start(last.year() + 1), left, every }
    }

    fn x(&self, d: NaiveDate) -> f64 {
        let total = (self.end - self.start).num_days() as f64;
        self.left + (d - self.start).num_days() as f64 / total * (RIGHT - self.left)
    }

    fn marked(&self, y: i32) -> bool {
        self.every == 1 || y % self.every == 0
    }

    fn boundaries(&self) -> Vec<f64> {
        (self.start.year()..=self.end.year())
            .filter(|y| self.marked(*y))
            .map(|y| self.x(year_start(y)))
            .collect()
    }

    fn labels(&self) -> Vec<Tick> {
        (self.start.year()..self.end.year())
            .filter(|y| self.marked(*y))
            .map(|y| Tick {
                at: num((self.x(year_start(y)) + self.x(year_start(y + 1))) / 2.0),
                label: y.to_string(),
            })
            .collect()
    }
}

fn year_start(y: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or_default()
}

/// Approximate width of a text: CJK characters are square, digits narrow.
fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| match c {
            '.' | ',' | ':' => 0.3,
            c if c.is_ascii() => 0.56,
            _ => 1.0,
        })
        .sum::<f64>()
        * size
}

/// A rectangle in viewBox units, for keeping labels apart.
#[derive(Debug, Clone, Copy)]
struct Box {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Box {
    fn around(x: f64, y: f64, r: f64) -> Box {
        Box { x0: x - r, y0: y - r, x1: x + r, y1: y + r }
    }

    fn of_text(text: &str, x: f64, y: f64, anchor: &str, size: f64) -> Box {
        let w = text_width(text, size);
        let x0 = match anchor {
            "start" => x,
            "end" => x - w,
            _ => x - w / 2.0,
        };
        Box { x0, y0: y - size * 0.85, x1: x0 + w, y1: y + size * 0.2 }
    }

    fn overlaps(&self, o: &Box) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
}

/// A label at (x, y), moved sideways to stay inside the viewBox.
fn fit_horizontally(text: &str, x: f64, y: f64, size: f64) -> (Label, Box) {
    let w = text_width(text, size);
    // Not `clamp`: a text wider than the chart has no valid range.
    let x = x.min(WIDTH - w / 2.0 - 2.0).max(w / 2.0 + 2.0);
    let label = Label { text: text.to_string(), x: num(x), y: num(y), anchor: "middle" };
    (label, Box::of_text(text, x, y, "middle", size))
}

/// Of the baselines `ys`, in order of preference, the first where the label
/// stays inside the chart and overlaps the fewest things already placed.
fn place(text: &str, x: f64, anchor: &'static str, size: f64, ys: &[f64], placed: &[Box]) -> (Label, Box) {
    let candidates: Vec<(Label, Box)> = ys
        .iter()
        .map(|&y| {
            if anchor == "middle" {
                fit_horizontally(text, x, y, size)
            } else {
                (
                    Label { text: text.to_string(), x: num(x), y: num(y), anchor },
                    Box::of_text(text, x, y, anchor, size),
                )
            }
        })
        .collect();
    let inside = |b: &Box| b.y0 >= 0.0 && b.y1 <= BOTTOM + 2.0;
    let overlaps = |b: &Box| placed.iter().filter(|p| p.overlaps(b)).count();
    candidates
        .iter()
        .filter(|(_, b)| inside(b))
        .min_by_key(|(_, b)| overlaps(b))
        .unwrap_or(&candidates[0])
        .clone()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Comparison, TargetGoal};
    use crate::model::targets::target_facts;

    const AS_OF: &str = "2026-11-29";

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn obs(date: &str, period: &str, value: f64) -> Observation {
        Observation {
            date: d(date),
            period: Some(period.into()),
            value: Some(value),
            achieved: None,
            note: None,
            source: None,
        }
    }

    fn target(
        cmp: Comparison,
        goal: f64,
        unit: &str,
        baseline: Option<Observation>,
        o: Vec<Observation>,
    ) -> Target {
        Target {
            id: "t".into(),
            source: "content/targets/t.yaml".into(),
            name: "细颗粒物（PM2.5）年均浓度".into(),
            unit: Some(unit.into()),
            kind: TargetKind::Numeric,
            goal: TargetGoal { value: Some(goal), comparison: Some(cmp), by: d("2025-12-31"), text: None },
            baseline,
            observations: o,
            description: None,
            order: None,
        }
    }

    fn pm25() -> Target {
        target(
            Comparison::Below,
            25.0,
            "微克/立方米",
            Some(obs("2022-12-31", "2022年", 28.0)),
            vec![
                obs("2024-12-31", "2024年", 24.0),
                obs("2023-12-31", "2023年", 27.0),
                obs("2026-06-30", "2026年上半年", 24.0),
                obs("2025-12-31", "2025年", 23.0),
            ],
        )
    }

    fn facts(t: &Target) -> TargetFacts {
        target_facts(t, d(AS_OF))
    }

    fn draw(t: &Target) -> Chart {
        chart(t, &facts(t)).expect("a chart")
    }

    fn f(s: &str) -> f64 {
        s.parse().unwrap()
    }

    /// The value at height `y`, read back from the first and last tick.
    fn value_at(c: &Chart, y: f64) -> f64 {
        let (a, b) = (&c.y_ticks[0], c.y_ticks.last().unwrap());
        let (ya, yb, va, vb) = (f(&a.at), f(&b.at), f(&a.label), f(&b.label));
        va + (y - ya) / (yb - ya) * (vb - va)
    }

    #[test]
    fn points_sit_at_their_values_and_dates() {
        let c = draw(&pm25());
        let got: Vec<(&str, &str, bool)> =
            c.points.iter().map(|p| (p.period.as_str(), p.value.as_str(), p.baseline)).collect();
        assert_eq!(
            got,
            [
                ("2022年", "28", true),
                ("2023年", "27", false),
                ("2024年", "24", false),
                ("2025年", "23", false),
                ("2026年上半年", "24", false)
            ]
        );
        for p in &c.points {
            assert!((value_at(&c, f(&p.y)) - f(&p.value)).abs() < 0.02, "{p:?}");
        }
        assert!((value_at(&c, f(&c.target.at)) - 25.0).abs() < 0.02);
        // Years 2022–2026 share the width equally; a year-end point sits at
        // the next year's boundary, a mid-year one halfway into its year.
        let bounds: Vec<f64> = c.x_ticks.iter().map(|x| f(x)).collect();
        assert_eq!(bounds.len(), 6);
        assert_eq!((bounds[0], bounds[5]), (f(&c.left), f(&c.right)));
        let year = (bounds[5] - bounds[0]) / 5.0;
        assert!((f(&c.points[1].x) - (bounds[2] - year / 365.0)).abs() < 0.2);
        assert!((f(&c.points[4].x) - (bounds[4] + year * 180.0 / 365.0)).abs() < 0.2);
        assert!((f(&c.deadline.at) - (bounds[4] - year / 365.0)).abs() < 0.2);
        let years: Vec<&str> = c.x_labels.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(years, ["2022", "2023", "2024", "2025", "2026"]);
        assert_eq!(c.line.split(' ').count(), 5);
        assert_eq!(c.line.split(' ').next(), Some(format!("{},{}", c.points[0].x, c.points[0].y).as_str()));
    }

    #[test]
    fn labels_name_values_target_and_deadline() {
        let c = draw(&pm25());
        let labels: Vec<&str> = c.points.iter().map(|p| p.label.text.as_str()).collect();
        assert_eq!(labels, ["基准28", "27", "24", "23", "24"]);
        assert_eq!(c.target.label.text, "目标：低于25");
        assert_eq!(c.deadline.label.text, "期限2025年底");
        assert_eq!(c.unit_label, "单位：微克/立方米");
        assert_eq!(c.title, "细颗粒物（PM2.5）年均浓度变化情况");
        assert_eq!(
            c.desc,
            "基准值2022年28；监测值2023年27，2024年24，2025年23，2026年上半年24；目标：2025年底前低于25微克/立方米（单位：微克/立方米）。"
        );
    }

    #[test]
    fn labels_stay_inside_and_apart() {
        for t in [
            pm25(),
            target(
                Comparison::AtLeast,
                100.0,
                "%",
                Some(obs("2022-12-31", "2022年", 75.0)),
                vec![
                    obs("2023-12-31", "2023年", 81.3),
                    obs("2024-12-31", "2024年", 87.5),
                    obs("2025-12-31", "2025年", 93.8),
                    obs("2026-06-30", "2026年上半年", 93.8),
                ],
            ),
        ] {
            let c = draw(&t);
            let boxes: Vec<Box> = c
                .points
                .iter()
                .map(|p| &p.label)
                .chain([&c.target.label, &c.deadline.label])
                .map(|l| Box::of_text(&l.text, f(&l.x), f(&l.y), l.anchor, FONT))
                .collect();
            for (i, a) in boxes.iter().enumerate() {
                assert!(a.x0 >= 0.0 && a.x1 <= WIDTH && a.y0 >= 0.0 && a.y1 <= HEIGHT, "{a:?}");
                for b in &boxes[i + 1..] {
                    assert!(!a.overlaps(b), "{a:?} overlaps {b:?} in {}", t.name);
                }
            }
        }
    }

    #[test]
    fn value_axis_is_round_and_bounded() {
        let ticks = |values: &[f64], goal: f64, unit: &str| -> Vec<f64> {
            ValueAxis::new(values, goal, unit).unwrap().ticks()
        };
        // Percentages stop at 100; counts start at 0 and step by whole numbers.
        assert_eq!(*ticks(&[75.0, 93.8], 100.0, "%").last().unwrap(), 100.0);
        assert_eq!(ticks(&[1.0, 0.0, 0.0], 0.0, "个"), [0.0, 1.0, 2.0]);
        let forest = ticks(&[9.21, 9.29, 9.44], 9.48, "%");
        assert!(forest.first().unwrap() < &9.21 && forest.last().unwrap() > &9.48, "{forest:?}");
        assert!(forest.iter().all(|v| fmt_number(*v).len() <= 4), "{forest:?}");
        // One value equal to its target still gets a range.
        assert!(ticks(&[25.0], 25.0, "x").len() >= 2);
        assert_eq!(nice_step(0.7), 1.0);
        assert_eq!(nice_step(1.3), 2.0);
        assert_eq!(nice_step(3.0), 5.0);
        assert_eq!(nice_step(0.06), 0.1);
    }

    #[test]
    fn single_observation_without_baseline() {
        let t = target(Comparison::AtLeast, 97.0, "%", None, vec![obs("2024-12-31", "2024年", 92.6)]);
        let c = draw(&t);
        assert_eq!(c.points.len(), 1);
        assert!(!c.points[0].baseline);
        assert!((value_at(&c, f(&c.points[0].y)) - 92.6).abs() < 0.02);
        assert_eq!(c.x_labels.len(), 2);
    }

    #[test]
    fn no_chart_without_numbers() {
        assert!(chart(&pm25_without_observations(), &facts(&pm25_without_observations())).is_none());
        let mut q = pm25();
        q.kind = TargetKind::Qualitative;
        assert!(chart(&q, &facts(&q)).is_none());
    }

    fn pm25_without_observations() -> Target {
        let mut t = pm25();
        t.observations.clear();
        t
    }

    #[test]
    fn many_years_are_labelled_sparsely() {
        let mut t = pm25();
        t.baseline = Some(obs("2010-12-31", "2010年", 60.0));
        t.goal.by = d("2035-12-31");
        let c = draw(&t);
        let years: Vec<&str> = c.x_labels.iter().map(|l| l.label.as_str()).collect();
        assert_eq!(years, ["2010", "2015", "2020", "2025", "2030", "2035"]);
        assert_eq!(c.x_ticks.len(), 6);
        let spacing = f(&c.x_labels[1].at) - f(&c.x_labels[0].at);
        assert!(spacing >= text_width("2000", FONT) + 10.0, "{spacing}");
    }

    #[test]
    fn extreme_numbers_give_no_chart_rather_than_a_broken_one() {
        let huge = target(
            Comparison::Above,
            1e308,
            "u",
            Some(obs("2022-12-31", "2022年", -1e308)),
            vec![obs("2023-12-31", "2023年", f64::MAX)],
        );
        assert!(chart(&huge, &facts(&huge)).is_none());
        let long = target(Comparison::Below, 1e15, "u", None, vec![obs("2023-12-31", "2023年", 2e15)]);
        assert!(chart(&long, &facts(&long)).is_none());
        // Ten thousand years still make a chart of a few marks.
        let mut ages = pm25();
        ages.baseline = Some(obs("0001-12-31", "1年", 28.0));
        ages.goal.by = d("9999-12-31");
        let c = draw(&ages);
        assert!(c.x_ticks.len() <= 12, "{}", c.x_ticks.len());
    }

    #[test]
    fn the_theme_template_makes_well_formed_svg() {
        let theme = crate::content::theme::built_in();
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html"]);
        let name = "partials/target_chart.html";
        tera.add_raw_template(name, &theme.templates[name].data).unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("chart", &draw(&pm25()));
        ctx.insert("target", &serde_json::json!({"name": "细颗粒物（PM2.5）年均浓度 <测试>"}));
        ctx.insert("baseline", &true);
        let html = tera.render(name, &ctx).unwrap();
        let mut reader = quick_xml::Reader::from_str(&html);
        let (mut circles, mut texts) = (0, Vec::new());
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(quick_xml::events::Event::Empty(e)) if e.name().as_ref() == b"circle" => circles += 1,
                Ok(quick_xml::events::Event::Text(t)) => texts.push(t.decode().unwrap().into_owned()),
                Ok(_) => {}
                Err(e) => panic!("not well-formed at {}: {e}\n{html}", reader.buffer_position()),
            }
        }
        assert_eq!(circles, 5);
        assert!(texts.iter().any(|t| t == "目标：低于25"), "{texts:?}");
        assert!(html.contains("&lt;测试&gt;"));
    }
}
