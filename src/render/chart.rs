//! The chart of a numeric target, drawn at build time: where every point,
//! line and label goes in a fixed SVG viewBox. Only geometry is decided
//! here, as a pure function of the target and its facts; the markup is the
//! theme's `partials/target_chart.html`, so a site can restyle it.
//!
//! An SVG scales its text with its width, so one drawing cannot serve both
//! a 320 px phone and a 1100 px desktop column: it is drawn in two sizes.
//! The narrow drawing (360 wide) keeps its text readable at 320 px; the
//! wide one (880 wide) fills the content width of larger screens with text
//! about the size of the body text. The stylesheet shows one of them; both
//! are in the page, so no script decides.
//!
//! Labels are placed one by one, each where it covers the fewest things
//! already drawn: other labels, points, the line through the points, the
//! target and deadline lines, the axes.

use super::words::{self, number as fmt_number};
use crate::content::{Observation, Target, TargetKind};
use crate::model::TargetFacts;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// The size of a drawing, in viewBox units.
#[derive(Debug, Clone, Copy)]
struct Frame {
    /// `narrow` or `wide`: the class the stylesheet shows it by.
    size: &'static str,
    width: f64,
    height: f64,
    /// Font size of the values and years.
    font: f64,
    /// Font size of the unit, target and deadline labels.
    small: f64,
}

/// 15 px text (13.5 px small) where the page is 320 px wide (288 px of content).
const NARROW: Frame = Frame { size: "narrow", width: 360.0, height: 280.0, font: 19.0, small: 17.0 };
/// 15.6–20 px text across the content widths it is shown at (856–1112 px).
const WIDE: Frame = Frame { size: "wide", width: 880.0, height: 340.0, font: 16.0, small: 15.0 };

const POINT_RADIUS: f64 = 5.0;

impl Frame {
    /// Room above the plot for the unit and the deadline label.
    fn top(&self) -> f64 {
        (self.small * 3.0).round()
    }

    /// Room below the plot for the years.
    fn bottom(&self) -> f64 {
        self.height - self.font - 18.0
    }

    fn right(&self) -> f64 {
        self.width - 16.0
    }
}

/// The chart of a target in both sizes.
#[derive(Debug, Clone, Serialize)]
pub struct TargetChart {
    /// Narrow first.
    pub sizes: Vec<Chart>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    pub size: &'static str,
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
    pub unit_label: Option<Label>,
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
pub fn chart(t: &Target, f: &TargetFacts) -> Option<TargetChart> {
    Some(TargetChart { sizes: vec![draw(t, f, NARROW)?, draw(t, f, WIDE)?] })
}

/// The chart in one frame.
fn draw(t: &Target, f: &TargetFacts, frame: Frame) -> Option<Chart> {
    if t.kind != TargetKind::Numeric || f.observations.is_empty() {
        return None;
    }
    let (goal, cmp) = (t.goal.value?, t.goal.comparison?);
    let unit = t.unit.clone().unwrap_or_default();
    let baseline = t.baseline.as_ref().filter(|b| b.value.is_some());
    let (top, bottom, right) = (frame.top(), frame.bottom(), frame.right());

    // Baseline and observations in date order (the baseline may follow an early observation).
    let mut series: Vec<(&Observation, bool)> = f.observations.iter().map(|o| (o, false)).collect();
    if let Some(b) = baseline {
        series.push((b, true));
    }
    series.sort_by_key(|(o, _)| o.date);
    let values: Vec<f64> = series.iter().filter_map(|(o, _)| o.value).collect();
    let dates: Vec<NaiveDate> = series.iter().map(|(o, _)| o.date).chain([t.goal.by]).collect();

    // Room for a label beyond the lowest and highest value.
    let room = POINT_RADIUS + 6.0 + frame.font * 1.05;
    let y_axis = ValueAxis::new(&values, goal, &unit, top, bottom, room)?;
    let y_ticks: Vec<Tick> =
        y_axis.ticks().into_iter().map(|v| Tick { at: num(y_axis.y(v)), label: fmt_number(v) }).collect();
    let widest = y_ticks.iter().map(|t| text_width(&t.label, frame.font)).fold(0.0, f64::max);
    let left = (widest + 16.0).round();
    // Numbers too long to label an axis: the table says it all.
    if left > frame.width / 3.0 {
        return None;
    }
    let x_axis = TimeAxis::new(&dates, left, right, frame.font);
    let coords: Vec<(f64, f64)> =
        series.iter().map(|(o, _)| (x_axis.x(o.date), y_axis.y(o.value.unwrap_or(goal)))).collect();
    let deadline_x = x_axis.x(t.goal.by);
    let target_y = y_axis.y(goal);

    // Everything drawn so far, for the labels to keep clear of.
    let mut scene = Scene {
        area: Rect { x0: left + 3.0, y0: 2.0, x1: frame.width - 2.0, y1: bottom - 3.0 },
        boxes: coords.iter().map(|&(x, y)| Rect::around(x, y, POINT_RADIUS + 1.5)).collect(),
        segments: coords.windows(2).map(|w| ((w[0], w[1]), DATA_LINE)).collect(),
    };

    let unit_label = (!unit.is_empty()).then(|| {
        let text = words::chart_unit(&unit);
        let y = (frame.small + 3.0).round();
        scene.add_label(Rect::of_text(&text, 4.0, y, "start", frame.small), frame.font);
        Label { text, x: "4".into(), y: num(y), anchor: "start" }
    });

    // The target date, labelled above the plot, moved sideways to stay inside.
    let deadline_text = words::chart_deadline(t.goal.by);
    let w = text_width(&deadline_text, frame.small);
    let x = deadline_x.min(frame.width - w / 2.0 - 2.0).max(w / 2.0 + 2.0);
    let deadline_label = candidate(&deadline_text, x, top - 8.0, "middle", frame.small);
    scene.add_label(deadline_label.1, frame.font);
    scene.segments.push((((deadline_x, top), (deadline_x, bottom)), GUIDE_LINE));

    // The target value, at either end of its line, preferably on its better
    // side, where the line of values is least likely to be.
    let target_text = words::chart_target(cmp, goal);
    let (below, above) = (target_y + frame.small * 0.85 + 5.0, target_y - frame.small * 0.2 - 4.0);
    let sides = if cmp.decreasing() { [below, above] } else { [above, below] };
    let ends = [(left + 6.0, "start"), (right - 6.0, "end")];
    let target_candidates: Vec<(Label, Rect)> = ends
        .iter()
        .flat_map(|&(x, anchor)| sides.map(|y| candidate(&target_text, x, y, anchor, frame.small)))
        .collect();
    let target_label = scene.best(target_candidates)?;
    scene.add_label(target_label.1, frame.font);
    scene.segments.push((((left, target_y), (right, target_y)), GUIDE_LINE));

    let mut points = Vec::new();
    for (i, ((o, is_base), &(x, y))) in series.iter().zip(&coords).enumerate() {
        let value = fmt_number(o.value.unwrap_or_default());
        let text = words::chart_point(o.value.unwrap_or_default(), *is_base);
        // Above a peak, below a trough: away from the line through its neighbours.
        let neighbours: Vec<f64> = [i.checked_sub(1), Some(i + 1)]
            .into_iter()
            .flatten()
            .filter_map(|j| coords.get(j))
            .map(|c| c.1)
            .collect();
        let mean = neighbours.iter().sum::<f64>() / neighbours.len().max(1) as f64;
        let prefer_up = neighbours.is_empty() || y <= mean;
        let label = scene.best(point_candidates(&text, x, y, prefer_up, frame.font))?;
        scene.add_label(label.1, frame.font);
        points.push(Point {
            x: num(x),
            y: num(y),
            baseline: *is_base,
            period: words::period(o),
            value,
            label: label.0,
        });
    }

    let line = coords.iter().map(|(x, y)| format!("{},{}", num(*x), num(*y))).collect::<Vec<_>>().join(" ");

    Some(Chart {
        size: frame.size,
        width: num(frame.width),
        height: num(frame.height),
        font: num(frame.font),
        small: num(frame.small),
        left: num(left),
        right: num(right),
        top: num(top),
        bottom: num(bottom),
        y_label_x: num(left - 8.0),
        x_label_y: num(bottom + 8.0 + frame.font),
        x_tick_end: num(bottom + 6.0),
        unit_label,
        y_ticks,
        x_ticks: x_axis.boundaries().into_iter().map(num).collect(),
        x_labels: x_axis.labels(),
        line,
        points,
        target: Line { at: num(target_y), label: target_label.0 },
        deadline: Line { at: num(deadline_x), label: deadline_label.0 },
        title: words::chart_title(t),
        desc: words::chart_description(t, baseline, &f.observations),
    })
}

/// Coordinates with one decimal: enough for a viewBox of a few hundred
/// units, and stable.
pub(super) fn num(v: f64) -> String {
    let s = format!("{:.1}", v);
    let s = s.strip_suffix(".0").unwrap_or(&s);
    if s == "-0" { "0".to_string() } else { s.to_string() }
}

/// The value axis: a round range around the values and the target.
struct ValueAxis {
    min: f64,
    max: f64,
    step: f64,
    top: f64,
    bottom: f64,
}

impl ValueAxis {
    /// None when the values span more than a float can hold. `room` is the
    /// height (in viewBox units) to leave below the lowest value and above
    /// the highest, for their labels, where the axis may grow.
    fn new(values: &[f64], goal: f64, unit: &str, top: f64, bottom: f64, room: f64) -> Option<ValueAxis> {
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
        let mut min = (lo / step).floor() * step;
        let mut max = (hi / step).ceil() * step;
        // Nothing below zero, nor above 100%, when no value is.
        let floor = if lo >= 0.0 { 0.0 } else { f64::NEG_INFINITY };
        let ceiling = if unit == "%" && hi <= 100.0 { 100.0 } else { f64::INFINITY };
        // Room beyond the extreme values for their labels: a step more at a
        // time (a few at most), as long as the axis may grow that way.
        let share = room / (bottom - top);
        for _ in 0..4 {
            let span = max - min;
            let grow_down = lo - min < span * share && min - step >= floor - 1e-9;
            let grow_up = max - hi < span * share && max + step <= ceiling + 1e-9;
            if !grow_down && !grow_up {
                break;
            }
            if grow_down {
                min -= step;
            }
            if grow_up {
                max += step;
            }
        }
        Some(ValueAxis { min: min.max(floor), max: max.min(ceiling), step, top, bottom })
    }

    fn ticks(&self) -> Vec<f64> {
        let n = ((self.max - self.min) / self.step).round() as i64;
        (0..=n).map(|i| self.min + i as f64 * self.step).filter(|v| *v <= self.max + 1e-9).collect()
    }

    fn y(&self, v: f64) -> f64 {
        self.bottom - (v - self.min) / (self.max - self.min) * (self.bottom - self.top)
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
    right: f64,
    /// Every year is marked and labelled, or every 2nd, 5th, 10th, 20th …
    /// when years are too narrow for their label.
    every: i32,
}

impl TimeAxis {
    fn new(dates: &[NaiveDate], left: f64, right: f64, font: f64) -> TimeAxis {
        let first = dates.iter().min().copied().unwrap_or_default();
        let last = dates.iter().max().copied().unwrap_or_default();
        let years = (last.year() - first.year() + 1) as f64;
        let span = (right - left) / years;
        let every = (0..)
            .flat_map(|p| [1, 2, 5].map(|k| k * 10i32.saturating_pow(p)))
            .find(|k| span * *k as f64 >= text_width("2000", font) + 10.0 || *k >= 100_000)
            .unwrap_or(1);
        TimeAxis { start: year_start(first.year()), end: year_start(last.year() + 1), left, right, every }
    }

    fn x(&self, d: NaiveDate) -> f64 {
        let total = (self.end - self.start).num_days() as f64;
        self.left + (d - self.start).num_days() as f64 / total * (self.right - self.left)
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
pub(super) fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| match c {
            '.' | ',' | ':' => 0.3,
            c if c.is_ascii() => 0.56,
            _ => 1.0,
        })
        .sum::<f64>()
        * size
}

/// A rectangle in viewBox units.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Rect {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Rect {
    fn around(x: f64, y: f64, r: f64) -> Rect {
        Rect { x0: x - r, y0: y - r, x1: x + r, y1: y + r }
    }

    /// The box of a text whose baseline starts, is centred or ends at (x, y).
    fn of_text(text: &str, x: f64, y: f64, anchor: &str, size: f64) -> Rect {
        let w = text_width(text, size);
        let x0 = match anchor {
            "start" => x,
            "end" => x - w,
            _ => x - w / 2.0,
        };
        Rect { x0, y0: y - size * 0.85, x1: x0 + w, y1: y + size * 0.2 }
    }

    fn grown(&self, dx: f64, dy: f64) -> Rect {
        Rect { x0: self.x0 - dx, y0: self.y0 - dy, x1: self.x1 + dx, y1: self.y1 + dy }
    }

    fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    fn contains(&self, o: &Rect) -> bool {
        o.x0 >= self.x0 && o.x1 <= self.x1 && o.y0 >= self.y0 && o.y1 <= self.y1
    }

    /// Whether the segment from `a` to `b` passes through the rectangle
    /// (Liang–Barsky clipping).
    fn crossed_by(&self, a: (f64, f64), b: (f64, f64)) -> bool {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let (mut t0, mut t1) = (0.0f64, 1.0f64);
        for (p, q) in [(-dx, a.0 - self.x0), (dx, self.x1 - a.0), (-dy, a.1 - self.y0), (dy, self.y1 - a.1)] {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let r = q / p;
                if p < 0.0 {
                    t0 = t0.max(r);
                } else {
                    t1 = t1.min(r);
                }
            }
        }
        t0 < t1
    }
}

type Segment = ((f64, f64), (f64, f64));

/// The cost of a label across the line through the points.
const DATA_LINE: usize = 20;
/// The cost of a label across the thin target or deadline line: less, as
/// the text has a white outline (in the template) and the line stays clear
/// on either side of it.
const GUIDE_LINE: usize = 10;

/// The least space between two labels, in font sizes.
const LABEL_GAP: f64 = 0.35;

/// What the labels must keep clear of.
struct Scene {
    /// Where labels may go: inside the plot, clear of the axes and years.
    area: Rect,
    /// Points and labels already placed.
    boxes: Vec<Rect>,
    /// The line through the points, the target and deadline lines, each
    /// with the cost of crossing it.
    segments: Vec<(Segment, usize)>,
}

impl Scene {
    /// How bad a label there would be: outside its area worst, then over
    /// another label or a point, then across a line.
    fn cost(&self, b: &Rect) -> usize {
        let outside = usize::from(!self.area.contains(b));
        let covered = self.boxes.iter().filter(|o| o.overlaps(b)).count();
        let crossed: usize =
            self.segments.iter().filter(|((a, e), _)| b.crossed_by(*a, *e)).map(|(_, c)| c).sum();
        outside * 10_000 + covered * 1000 + crossed
    }

    /// A label placed, with a margin around it so that no other text runs
    /// into it: two numbers side by side must not read as one.
    fn add_label(&mut self, b: Rect, font: f64) {
        self.boxes.push(b.grown(LABEL_GAP * font, 1.0));
    }

    /// Of the candidates, in order of preference, the one that covers
    /// least (the order only breaks ties: there are fewer than 10).
    fn best(&self, candidates: Vec<(Label, Rect)>) -> Option<(Label, Rect)> {
        candidates.into_iter().enumerate().min_by_key(|(i, c)| self.cost(&c.1) + i).map(|(_, c)| c)
    }
}

fn candidate(text: &str, x: f64, y: f64, anchor: &'static str, size: f64) -> (Label, Rect) {
    (Label { text: text.to_string(), x: num(x), y: num(y), anchor }, Rect::of_text(text, x, y, anchor, size))
}

/// Where the value label of a point at (x, y) may go, in order of
/// preference: above or below (away from the line), then diagonally, then
/// beside it.
fn point_candidates(text: &str, x: f64, y: f64, prefer_up: bool, font: f64) -> Vec<(Label, Rect)> {
    let gap = POINT_RADIUS + 3.0;
    let up = y - gap - font * 0.2;
    let down = y + gap + font * 0.85;
    let side = POINT_RADIUS + 4.0;
    let middle = y + font * 0.32;
    let vertical = if prefer_up { [up, down] } else { [down, up] };
    let mut out = Vec::new();
    for v in vertical {
        out.push(candidate(text, x, v, "middle", font));
        out.push(candidate(text, x - 2.0, v, "end", font));
        out.push(candidate(text, x + 2.0, v, "start", font));
    }
    out.push(candidate(text, x + side, middle, "start", font));
    out.push(candidate(text, x - side, middle, "end", font));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Comparison;
    use crate::model::targets::examples::*;
    use crate::model::targets::target_facts;

    const AS_OF: &str = "2026-11-29";

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

    fn draw_in(t: &Target, frame: Frame) -> Chart {
        draw(t, &facts(t), frame).expect("a chart")
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
    fn both_sizes_are_drawn_narrow_first() {
        let t = pm25();
        let c = chart(&t, &facts(&t)).unwrap();
        let sizes: Vec<(&str, &str, &str)> =
            c.sizes.iter().map(|c| (c.size, c.width.as_str(), c.font.as_str())).collect();
        assert_eq!(sizes, [("narrow", "360", "19"), ("wide", "880", "16")]);
        // Text of either size at the widths the stylesheet shows it: the
        // narrow one from a 320 px phone (288 px of content), the wide one
        // from 56rem (856 px of content) to the widest column (1112 px).
        let px = |frame: Frame, width: f64| frame.font * width / frame.width;
        assert!(px(NARROW, 288.0) >= 15.0);
        assert!(px(WIDE, 856.0) >= 15.0 && px(WIDE, 1112.0) <= 21.0);
    }

    #[test]
    fn points_sit_at_their_values_and_dates() {
        for frame in [NARROW, WIDE] {
            let c = draw_in(&pm25(), frame);
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
            assert_eq!(
                c.line.split(' ').next(),
                Some(format!("{},{}", c.points[0].x, c.points[0].y).as_str())
            );
        }
    }

    #[test]
    fn labels_name_values_target_and_deadline() {
        let c = draw_in(&pm25(), NARROW);
        let labels: Vec<&str> = c.points.iter().map(|p| p.label.text.as_str()).collect();
        assert_eq!(labels, ["基准28", "27", "24", "23", "24"]);
        assert_eq!(c.target.label.text, "目标：低于25");
        assert_eq!(c.deadline.label.text, "期限2025年底");
        assert_eq!(c.unit_label.as_ref().map(|l| l.text.as_str()), Some("单位：微克/立方米"));
        assert_eq!(c.title, "细颗粒物（PM2.5）年均浓度变化情况");
        assert_eq!(
            c.desc,
            "基准值2022年28；监测值2023年27，2024年24，2025年23，2026年上半年24；目标：2025年底前低于25微克/立方米（单位：微克/立方米）。"
        );
    }

    #[test]
    fn a_segment_crosses_a_rectangle_only_through_it() {
        let r = Rect { x0: 0.0, y0: 0.0, x1: 10.0, y1: 10.0 };
        assert!(r.crossed_by((-5.0, 5.0), (15.0, 5.0)));
        assert!(r.crossed_by((5.0, 5.0), (6.0, 6.0)));
        assert!(r.crossed_by((-5.0, -5.0), (15.0, 15.0)));
        assert!(!r.crossed_by((-5.0, 12.0), (15.0, 12.0)));
        assert!(!r.crossed_by((11.0, -5.0), (11.0, 15.0)));
        assert!(!r.crossed_by((-10.0, 0.0), (0.0, -10.0)));
        assert!(!r.crossed_by((12.0, 5.0), (20.0, 5.0)));
    }

    #[test]
    fn value_axis_is_round_and_bounded() {
        let ticks = |values: &[f64], goal: f64, unit: &str| -> Vec<f64> {
            ValueAxis::new(values, goal, unit, 50.0, 200.0, 30.0).unwrap().ticks()
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
        let c = draw_in(&t, NARROW);
        assert_eq!(c.points.len(), 1);
        assert!(!c.points[0].baseline);
        assert!((value_at(&c, f(&c.points[0].y)) - 92.6).abs() < 0.02);
        assert_eq!(c.x_labels.len(), 2);
    }

    #[test]
    fn no_chart_without_numbers() {
        let mut none = pm25();
        none.observations.clear();
        assert!(chart(&none, &facts(&none)).is_none());
        let mut q = pm25();
        q.kind = TargetKind::Qualitative;
        assert!(chart(&q, &facts(&q)).is_none());
    }

    #[test]
    fn many_years_are_labelled_sparsely() {
        let mut t = pm25();
        t.baseline = Some(obs("2010-12-31", "2010年", 60.0));
        t.goal.by = d("2035-12-31");
        for frame in [NARROW, WIDE] {
            let c = draw_in(&t, frame);
            let spacing = f(&c.x_labels[1].at) - f(&c.x_labels[0].at);
            assert!(spacing >= text_width("2000", frame.font) + 10.0, "{spacing}");
        }
        let years: Vec<String> = draw_in(&t, NARROW).x_labels.into_iter().map(|l| l.label).collect();
        assert_eq!(years, ["2010", "2015", "2020", "2025", "2030", "2035"]);
        // The wide drawing has room for more years.
        assert!(draw_in(&t, WIDE).x_labels.len() > years.len());
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
        for frame in [NARROW, WIDE] {
            let c = draw_in(&ages, frame);
            assert!(c.x_ticks.len() <= 20, "{}", c.x_ticks.len());
        }
    }

    #[test]
    fn the_theme_template_makes_well_formed_svg() {
        let theme = crate::content::theme::built_in();
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html"]);
        let name = "partials/target_chart.html";
        tera.add_raw_template(name, &theme.templates[name].data).unwrap();
        let mut ctx = tera::Context::new();
        let t = pm25();
        ctx.insert("chart", &chart(&t, &facts(&t)).unwrap());
        ctx.insert("target", &serde_json::json!({"name": "细颗粒物（PM2.5）年均浓度 <测试>"}));
        ctx.insert("baseline", &true);
        let html = tera.render(name, &ctx).unwrap();
        let mut reader = quick_xml::Reader::from_str(&html);
        let (mut circles, mut svgs, mut ids, mut texts) = (0, Vec::new(), Vec::new(), Vec::new());
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(quick_xml::events::Event::Empty(e)) if e.name().as_ref() == b"circle" => circles += 1,
                Ok(quick_xml::events::Event::Start(e)) => {
                    let attr = |n: &str| {
                        e.try_get_attribute(n)
                            .unwrap()
                            .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                    };
                    if e.name().as_ref() == b"svg" {
                        svgs.push((attr("class"), attr("aria-labelledby")));
                    }
                    ids.extend(attr("id"));
                }
                Ok(quick_xml::events::Event::Text(t)) => texts.push(t.decode().unwrap().into_owned()),
                Ok(_) => {}
                Err(e) => panic!("not well-formed at {}: {e}\n{html}", reader.buffer_position()),
            }
        }
        assert_eq!(circles, 10);
        assert_eq!(
            svgs,
            [
                (
                    Some("target-chart-svg chart-narrow".to_string()),
                    Some("chart-title-narrow chart-desc-narrow".to_string())
                ),
                (
                    Some("target-chart-svg chart-wide".to_string()),
                    Some("chart-title-wide chart-desc-wide".to_string())
                ),
            ]
        );
        assert_eq!(ids, ["chart-title-narrow", "chart-desc-narrow", "chart-title-wide", "chart-desc-wide"]);
        assert_eq!(texts.iter().filter(|t| *t == "目标：低于25").count(), 2, "{texts:?}");
        assert!(html.contains("&lt;测试&gt;"));
    }
}
