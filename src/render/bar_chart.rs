//! Horizontal bar charts of counts (交办件 by district, by type), drawn at
//! build time as SVG: a label, a bar and the number, row by row. Like a
//! target's chart it is drawn narrow and wide, so that its text stays
//! readable on a phone and on a desktop; the numbers are also in a table
//! beside it, and in the chart's description for those who cannot see it.

use super::chart::{num, text_width};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct BarChart {
    pub title: String,
    /// Every label with its number, for those who cannot see the chart.
    pub desc: String,
    /// Narrow first.
    pub sizes: Vec<BarDrawing>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BarDrawing {
    /// `narrow` or `wide`: the class the stylesheet shows it by.
    pub size: &'static str,
    pub width: String,
    pub height: String,
    pub font: String,
    pub rows: Vec<Bar>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    pub label: String,
    pub value: String,
    /// Right end of the label, baseline of the row's text.
    pub label_x: String,
    pub text_y: String,
    pub bar_x: String,
    pub bar_y: String,
    pub bar_width: String,
    pub bar_height: String,
    /// Where the number starts, after the bar.
    pub value_x: String,
}

struct Frame {
    size: &'static str,
    width: f64,
    font: f64,
}

const NARROW: Frame = Frame { size: "narrow", width: 360.0, font: 19.0 };
const WIDE: Frame = Frame { size: "wide", width: 880.0, font: 16.0 };

/// The chart of `rows` (label, count); None without rows.
pub fn bar_chart(title: String, desc: String, rows: &[(String, usize)]) -> Option<BarChart> {
    if rows.is_empty() {
        return None;
    }
    Some(BarChart { title, desc, sizes: vec![draw(rows, &NARROW), draw(rows, &WIDE)] })
}

fn draw(rows: &[(String, usize)], frame: &Frame) -> BarDrawing {
    let font = frame.font;
    let row_height = (font * 2.1).round();
    let label_width = rows.iter().map(|(l, _)| text_width(l, font)).fold(0.0, f64::max);
    let most = rows.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let value_room = text_width(&most.to_string(), font) + 12.0;
    let bar_x = (label_width + 14.0).round();
    let room = (frame.width - bar_x - value_room).max(font);
    let bars = rows
        .iter()
        .enumerate()
        .map(|(i, (label, n))| {
            let top = i as f64 * row_height;
            let w = room * (*n as f64) / most as f64;
            Bar {
                label: label.clone(),
                value: n.to_string(),
                label_x: num(bar_x - 8.0),
                text_y: num(top + row_height / 2.0 + font * 0.35),
                bar_x: num(bar_x),
                bar_y: num(top + row_height * 0.18),
                bar_width: num(w),
                bar_height: num(row_height * 0.64),
                value_x: num(bar_x + w + 6.0),
            }
        })
        .collect();
    BarDrawing {
        size: frame.size,
        width: num(frame.width),
        height: num(row_height * rows.len() as f64),
        font: num(font),
        rows: bars,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_as_long_as_their_share_of_the_largest() {
        let rows = vec![("洮北区".to_string(), 28), ("通榆县".to_string(), 7)];
        let c = bar_chart("t".into(), "d".into(), &rows).unwrap();
        for d in &c.sizes {
            let w: Vec<f64> = d.rows.iter().map(|b| b.bar_width.parse().unwrap()).collect();
            assert!((w[0] / w[1] - 4.0).abs() < 0.01, "{w:?}");
            let right: f64 =
                d.rows[0].value_x.parse::<f64>().unwrap() + 2.0 * 0.56 * d.font.parse::<f64>().unwrap();
            assert!(right <= d.width.parse().unwrap(), "the number fits");
        }
        assert!(bar_chart("t".into(), "d".into(), &[]).is_none());
    }
}
