//! A target's progress: where it started, where it is, where it must get
//! to and by when, and whether the pace so far will get it there.

use crate::content::{Comparison, Observation, Target, TargetKind};
use chrono::{Datelike, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Assessment {
    /// 已达标 / 已实现
    Achieved,
    /// 进展顺利: the average pace since the baseline reaches the target in time.
    OnTrack,
    /// 需加力: too slow, or the target date has passed.
    OffTrack,
    /// 暂无数据: no observation, or too little to see a pace.
    NoData,
}

impl Assessment {
    pub fn key(self) -> &'static str {
        match self {
            Assessment::Achieved => "achieved",
            Assessment::OnTrack => "on-track",
            Assessment::OffTrack => "off-track",
            Assessment::NoData => "no-data",
        }
    }

    pub fn label(self, kind: TargetKind) -> &'static str {
        match (self, kind) {
            (Assessment::Achieved, TargetKind::Qualitative) => "已实现",
            (Assessment::Achieved, TargetKind::Numeric) => "已达标",
            (Assessment::OnTrack, _) => "进展顺利",
            (Assessment::OffTrack, TargetKind::Qualitative) => "未实现",
            (Assessment::OffTrack, TargetKind::Numeric) => "需加力",
            (Assessment::NoData, _) => "暂无数据",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TargetFacts {
    /// Observations in date order.
    pub observations: Vec<Observation>,
    pub latest: Option<Observation>,
    pub achieved: bool,
    /// 0–100 from baseline to target; None without baseline or observations.
    pub progress_percent: Option<f64>,
    /// Change per year still needed from the latest observation to the target value.
    pub needed_rate: Option<f64>,
    /// Average change per year from the baseline to the latest observation.
    pub average_rate: Option<f64>,
    pub assessment: Assessment,
    /// One plain-language sentence on the gap.
    pub summary: String,
}

const DAYS_PER_YEAR: f64 = 365.25;

pub fn target_facts(t: &Target) -> TargetFacts {
    let mut observations = t.observations.clone();
    observations.sort_by_key(|o| o.date);
    let latest = observations.last().cloned();
    match t.kind {
        TargetKind::Qualitative => qualitative(t, observations, latest),
        TargetKind::Numeric => numeric(t, observations, latest),
    }
}

fn qualitative(t: &Target, observations: Vec<Observation>, latest: Option<Observation>) -> TargetFacts {
    let achieved = latest.as_ref().and_then(|o| o.achieved) == Some(true);
    let assessment = match &latest {
        None => Assessment::NoData,
        Some(_) if achieved => Assessment::Achieved,
        Some(_) => Assessment::OffTrack,
    };
    let summary = match &latest {
        None => format!("暂无评估结果。目标是{}前{}。", deadline_words(t.goal.by), goal_words(t)),
        Some(o) => {
            let state = if achieved { "已实现" } else { "尚未实现" };
            let note =
                o.note.as_deref().map(|n| format!("：{}", n.trim_end_matches('。'))).unwrap_or_default();
            format!("{}评估为{state}{note}。", when(o))
        }
    };
    TargetFacts {
        observations,
        latest,
        achieved,
        progress_percent: None,
        needed_rate: None,
        average_rate: None,
        assessment,
        summary,
    }
}

fn numeric(t: &Target, observations: Vec<Observation>, latest: Option<Observation>) -> TargetFacts {
    let (Some(goal), Some(cmp)) = (t.goal.value, t.goal.comparison) else {
        return TargetFacts {
            observations,
            latest,
            achieved: false,
            progress_percent: None,
            needed_rate: None,
            average_rate: None,
            assessment: Assessment::NoData,
            summary: String::new(),
        };
    };
    let unit = t.unit.as_deref().unwrap_or("");
    let Some((last, last_value)) = latest.as_ref().and_then(|o| Some((o, o.value?))) else {
        let summary = format!("暂无监测数据。目标是{}前{}。", deadline_words(t.goal.by), goal_words(t));
        return TargetFacts {
            observations,
            latest,
            achieved: false,
            progress_percent: None,
            needed_rate: None,
            average_rate: None,
            assessment: Assessment::NoData,
            summary,
        };
    };
    let achieved = cmp.is_met(last_value, goal);

    // The baseline is the reference for pace and progress; without one the
    // first observation gives the pace (but no progress percentage).
    let baseline = t.baseline.as_ref().and_then(|b| Some((b, b.value?)));
    let progress_percent = baseline.map(|(_, base)| {
        if cmp.is_met(base, goal) || base == goal {
            if achieved { 100.0 } else { 0.0 }
        } else {
            ((last_value - base) / (goal - base) * 100.0).clamp(0.0, 100.0)
        }
    });
    let reference = baseline.or_else(|| observations.first().and_then(|o| Some((o, o.value?))));
    let average_rate = reference
        .filter(|(r, _)| r.date < last.date)
        .map(|(r, v)| (last_value - v) / years(r.date, last.date));
    let needed_rate = (t.goal.by > last.date).then(|| (goal - last_value) / years(last.date, t.goal.by));

    let better = |rate: f64| if cmp.decreasing() { -rate } else { rate };
    let assessment = if achieved {
        Assessment::Achieved
    } else if t.goal.by <= last.date {
        Assessment::OffTrack
    } else {
        match (average_rate, needed_rate) {
            (Some(avg), Some(need)) if better(avg) >= better(need) && better(avg) > 0.0 => {
                Assessment::OnTrack
            }
            (Some(_), _) => Assessment::OffTrack,
            (None, _) => Assessment::NoData,
        }
    };

    let mut summary = format!("{}为{}{}", when(last), fmt_number(last_value), unit);
    if let Some((r, v)) = reference.filter(|(r, _)| r.date < last.date) {
        let diff = last_value - v;
        let change = if diff == 0.0 {
            "持平".to_string()
        } else {
            format!("{}{}", if diff < 0.0 { "下降" } else { "上升" }, amount(diff.abs(), unit))
        };
        let joiner = if change == "持平" { "与" } else { "比" };
        summary.push_str(&format!("，{joiner}{}{change}", when(r)));
    }
    let by = deadline_words(t.goal.by);
    if achieved {
        summary.push_str(&format!("，已达到{}的目标。", goal_words(t)));
    } else {
        let gap = (goal - last_value).abs();
        let verb = if cmp.decreasing() { "降" } else { "升" };
        let strict = matches!(cmp, Comparison::Below | Comparison::Above);
        let need = if gap == 0.0 {
            format!("还需再{verb}一点")
        } else if strict {
            format!("还需再{verb}{}以上", amount(gap, unit))
        } else {
            format!("还需再{verb}{}", amount(gap, unit))
        };
        let outlook = match assessment {
            Assessment::OnTrack => {
                format!("按目前平均{}可以按期实现", if cmp.decreasing() { "降幅" } else { "增幅" })
            }
            Assessment::OffTrack if t.goal.by <= last.date => "目标期限已过，需加大力度".to_string(),
            Assessment::OffTrack => format!(
                "按目前平均{}难以按期实现，需加大力度",
                if cmp.decreasing() { "降幅" } else { "增幅" }
            ),
            _ => "目前数据不足以判断能否按期实现".to_string(),
        };
        summary.push_str(&format!("；{need}才能在{by}前达到目标，{outlook}。"));
    }

    TargetFacts {
        observations,
        latest,
        achieved,
        progress_percent,
        needed_rate,
        average_rate,
        assessment,
        summary,
    }
}

fn years(from: NaiveDate, to: NaiveDate) -> f64 {
    (to - from).num_days() as f64 / DAYS_PER_YEAR
}

/// 「2023年」 from the period when given, else the date.
fn when(o: &Observation) -> String {
    o.period.clone().unwrap_or_else(|| format!("{}年{}月{}日", o.date.year(), o.date.month(), o.date.day()))
}

/// 「2025年底」 for 31 December, else 「2025年6月30日」.
pub fn deadline_words(d: NaiveDate) -> String {
    if d.month() == 12 && d.day() == 31 {
        format!("{}年底", d.year())
    } else {
        format!("{}年{}月{}日", d.year(), d.month(), d.day())
    }
}

fn goal_words(t: &Target) -> String {
    match (&t.goal.text, t.goal.value, t.goal.comparison) {
        (Some(text), _, _) => format!("“{text}”"),
        (None, Some(v), Some(c)) => {
            format!("{}{}{}", c.symbol(), fmt_number(v), t.unit.as_deref().unwrap_or(""))
        }
        _ => String::new(),
    }
}

/// A difference in the target's unit; percentages differ by percentage points.
fn amount(v: f64, unit: &str) -> String {
    match unit {
        "%" => format!("{}个百分点", fmt_number(v)),
        _ => fmt_number(v),
    }
}

/// Up to two decimals, without trailing zeros: 25, 9.48, 92.5.
pub fn fmt_number(v: f64) -> String {
    let s = format!("{:.2}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".to_string() } else { s.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::TargetGoal;

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
        obs: Vec<Observation>,
    ) -> Target {
        Target {
            id: "t".into(),
            source: "content/targets/t.yaml".into(),
            name: "n".into(),
            unit: Some(unit.into()),
            kind: TargetKind::Numeric,
            goal: TargetGoal { value: Some(goal), comparison: Some(cmp), by: d("2025-12-31"), text: None },
            baseline,
            observations: obs,
            description: None,
        }
    }

    #[test]
    fn decreasing_target_on_track_reads_as_the_plan_would() {
        let t = target(
            Comparison::Below,
            25.0,
            "微克/立方米",
            Some(obs("2022-12-31", "2022年", 30.0)),
            vec![obs("2023-12-31", "2023年", 27.0)],
        );
        let f = target_facts(&t);
        assert!(!f.achieved);
        assert_eq!(f.progress_percent, Some(60.0));
        assert_eq!(f.assessment, Assessment::OnTrack);
        assert_eq!(
            f.summary,
            "2023年为27微克/立方米，比2022年下降3；还需再降2以上才能在2025年底前达到目标，按目前平均降幅可以按期实现。"
        );
    }

    #[test]
    fn increasing_target_off_track_in_percentage_points() {
        let t = target(
            Comparison::AtLeast,
            97.0,
            "%",
            Some(obs("2022-12-31", "2022年", 92.0)),
            vec![obs("2024-12-31", "2024年", 92.6), obs("2023-12-31", "2023年", 92.3)],
        );
        let f = target_facts(&t);
        assert_eq!(f.latest.as_ref().unwrap().value, Some(92.6));
        assert_eq!(f.assessment, Assessment::OffTrack);
        assert!((f.progress_percent.unwrap() - 12.0).abs() < 1e-9);
        assert!(f.summary.contains("比2022年上升0.6个百分点"), "{}", f.summary);
        assert!(f.summary.contains("还需再升4.4个百分点才能"), "{}", f.summary);
        assert!(f.summary.contains("难以按期实现"));
    }

    #[test]
    fn strict_and_non_strict_comparison_at_the_value() {
        let at = |cmp| {
            target_facts(&target(cmp, 25.0, "微克/立方米", None, vec![obs("2024-12-31", "2024年", 25.0)]))
        };
        assert!(!at(Comparison::Below).achieved);
        assert!(at(Comparison::AtMost).achieved);
        assert!(!at(Comparison::Above).achieved);
        assert!(at(Comparison::AtLeast).achieved);
    }

    #[test]
    fn baseline_already_meeting_target() {
        let base = Some(obs("2022-12-31", "2022年", 99.0));
        let met = target_facts(&target(
            Comparison::AtLeast,
            97.0,
            "%",
            base.clone(),
            vec![obs("2023-12-31", "2023年", 98.0)],
        ));
        assert_eq!(met.progress_percent, Some(100.0));
        assert_eq!(met.assessment, Assessment::Achieved);
        let slipped = target_facts(&target(
            Comparison::AtLeast,
            97.0,
            "%",
            base,
            vec![obs("2023-12-31", "2023年", 96.0)],
        ));
        assert_eq!(slipped.progress_percent, Some(0.0));
        assert!(!slipped.achieved);
    }

    #[test]
    fn progress_is_clamped() {
        let base = Some(obs("2022-12-31", "2022年", 30.0));
        let worse = target_facts(&target(
            Comparison::Below,
            25.0,
            "x",
            base.clone(),
            vec![obs("2023-12-31", "2023年", 32.0)],
        ));
        assert_eq!(worse.progress_percent, Some(0.0));
        let better = target_facts(&target(
            Comparison::Below,
            25.0,
            "x",
            base,
            vec![obs("2023-12-31", "2023年", 20.0)],
        ));
        assert_eq!(better.progress_percent, Some(100.0));
    }

    #[test]
    fn single_observation_without_baseline_has_no_pace() {
        let f = target_facts(&target(
            Comparison::Below,
            25.0,
            "x",
            None,
            vec![obs("2023-12-31", "2023年", 27.0)],
        ));
        assert_eq!(f.progress_percent, None);
        assert_eq!(f.average_rate, None);
        assert!(f.needed_rate.is_some());
        assert_eq!(f.assessment, Assessment::NoData);
        assert!(f.summary.contains("数据不足"));
    }

    #[test]
    fn no_observation() {
        let f = target_facts(&target(
            Comparison::Below,
            25.0,
            "x",
            Some(obs("2022-12-31", "2022年", 30.0)),
            vec![],
        ));
        assert!(f.latest.is_none() && !f.achieved);
        assert_eq!(f.progress_percent, None);
        assert_eq!(f.assessment, Assessment::NoData);
    }

    #[test]
    fn target_date_in_the_past() {
        let mut t = target(
            Comparison::Below,
            25.0,
            "x",
            Some(obs("2022-12-31", "2022年", 30.0)),
            vec![obs("2026-06-30", "2026年上半年", 26.0)],
        );
        t.goal.by = d("2025-12-31");
        let f = target_facts(&t);
        assert_eq!(f.needed_rate, None);
        assert_eq!(f.assessment, Assessment::OffTrack);
        assert!(f.summary.contains("目标期限已过"));
    }

    #[test]
    fn rates_per_year() {
        let t = target(
            Comparison::Below,
            25.0,
            "x",
            Some(obs("2022-12-31", "2022年", 30.0)),
            vec![obs("2023-12-31", "2023年", 27.0)],
        );
        let f = target_facts(&t);
        assert!((f.average_rate.unwrap() - (-3.0 * 365.25 / 365.0)).abs() < 1e-9);
        assert!((f.needed_rate.unwrap() - (-2.0 * 365.25 / 731.0)).abs() < 1e-9);
    }

    #[test]
    fn numbers_are_formatted_plainly() {
        assert_eq!(fmt_number(25.0), "25");
        assert_eq!(fmt_number(9.48), "9.48");
        assert_eq!(fmt_number(92.50), "92.5");
        assert_eq!(fmt_number(-0.001), "0");
    }
}
