//! A target's progress: where it started, where it is, where it must get
//! to and by when, and whether the pace so far will get it there.
//!
//! Whether the target date has passed is judged against the as-of date of
//! the build: once it has, a target not met is off track, whatever the pace,
//! and the summary says whether any value from after the date is in yet.

use crate::content::{Observation, Target, TargetKind};
use chrono::{Datelike, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Assessment {
    /// 已达标 / 已实现
    Achieved,
    /// 进展顺利: the average pace since the baseline reaches the target in time.
    OnTrack,
    /// 需加力 / 未实现: too slow, getting worse, or the target date has come.
    OffTrack,
    /// 数据不足: a value, but nothing earlier to see a pace from.
    InsufficientData,
    /// 暂无数据: no observation yet.
    NoData,
}

impl Assessment {
    pub fn key(self) -> &'static str {
        match self {
            Assessment::Achieved => "achieved",
            Assessment::OnTrack => "on-track",
            Assessment::OffTrack => "off-track",
            Assessment::InsufficientData => "insufficient-data",
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
            (Assessment::InsufficientData, _) => "数据不足",
            (Assessment::NoData, _) => "暂无数据",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TargetFacts {
    /// Observations dated on or before the as-of date, in date order.
    pub observations: Vec<Observation>,
    /// Observations dated after the as-of date, in date order: like notes,
    /// not published anywhere until their date (`check` lists them).
    pub later: Vec<Observation>,
    /// The observation with the latest date: its value (numeric) or its
    /// status, note and date (qualitative).
    pub latest: Option<Observation>,
    pub achieved: bool,
    /// 0–100 from baseline to target, 100 only when achieved; None without
    /// baseline or observations.
    pub progress_percent: Option<f64>,
    /// Change per year still needed from the latest observation to the
    /// target value by the target date; None once that date has come (as of
    /// the build, or as of the latest observation).
    pub needed_rate: Option<f64>,
    /// Average change per year from `reference` to the latest observation.
    pub average_rate: Option<f64>,
    /// Where the pace is measured from: the baseline, else the first
    /// observation; None when that is not before the latest one.
    pub reference: Option<Observation>,
    pub assessment: Assessment,
    /// One plain-language sentence on the gap.
    pub summary: String,
}

const DAYS_PER_YEAR: f64 = 365.25;
/// The most progress a target not (yet) achieved can show.
const MAX_UNMET_PROGRESS: f64 = 99.0;

/// The facts of target `t` as of the build date `as_of`.
pub fn target_facts(t: &Target, as_of: NaiveDate) -> TargetFacts {
    let mut observations = t.observations.clone();
    observations.sort_by_key(|o| o.date);
    let later = observations.split_off(observations.partition_point(|o| o.date <= as_of));
    let latest = observations.last().cloned();
    let facts = TargetFacts {
        observations,
        later,
        latest,
        achieved: false,
        progress_percent: None,
        needed_rate: None,
        average_rate: None,
        reference: None,
        assessment: Assessment::NoData,
        summary: match Deadline::of(t.goal.by, as_of, None) {
            Deadline::Ahead => format!("暂无监测数据。目标：{}。", goal_with_deadline(t)),
            _ => format!("暂无监测数据。目标：{}；目标期限已过。", goal_with_deadline(t)),
        },
    };
    match t.kind {
        TargetKind::Qualitative => qualitative(t, facts, as_of),
        TargetKind::Numeric => numeric(t, facts, as_of),
    }
}

/// Where the target date stands, as of the build and the latest observation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Deadline {
    /// Still to come: the pace decides.
    Ahead,
    /// The latest observation is dated on the target date itself.
    Reached,
    /// Before the as-of date (or before the latest observation).
    Passed,
}

impl Deadline {
    fn of(by: NaiveDate, as_of: NaiveDate, seen: Option<NaiveDate>) -> Deadline {
        if by < as_of || seen.is_some_and(|s| by < s) {
            Deadline::Passed
        } else if seen == Some(by) {
            Deadline::Reached
        } else {
            Deadline::Ahead
        }
    }
}

/// 「目标期限（2023年底）已过，尚未达到目标，期限后尚无监测数据」 for a target
/// not met once its date has come; None before.
fn missed_deadline(by: NaiveDate, deadline: Deadline, seen: NaiveDate, kind: TargetKind) -> Option<String> {
    let words = deadline_words(by);
    let not_met = match kind {
        TargetKind::Numeric => "尚未达到目标",
        TargetKind::Qualitative => "尚未实现",
    };
    match deadline {
        Deadline::Ahead => None,
        Deadline::Reached => Some(format!("目标期限（{words}）已到，{not_met}")),
        Deadline::Passed if seen < by => {
            Some(format!("目标期限（{words}）已过，{not_met}，期限后尚无监测数据"))
        }
        Deadline::Passed => Some(format!("目标期限（{words}）已过，{not_met}")),
    }
}

fn qualitative(t: &Target, facts: TargetFacts, as_of: NaiveDate) -> TargetFacts {
    let Some(last) = facts.latest.clone() else { return facts };
    let achieved = last.achieved == Some(true);
    let note = last.note.as_deref().map(|n| format!("：{}", n.trim_end_matches('。'))).unwrap_or_default();
    let deadline = Deadline::of(t.goal.by, as_of, Some(last.date));
    let summary = if achieved {
        format!("{}评估为已实现{note}。", when(&last))
    } else {
        let outlook = missed_deadline(t.goal.by, deadline, last.date, TargetKind::Qualitative)
            .map(|missed| format!("{missed}，需加大力度"))
            .unwrap_or_else(|| format!("目标期限为{}", deadline_words(t.goal.by)));
        format!("{}评估为尚未实现{note}；{outlook}。", when(&last))
    };
    let assessment = if achieved { Assessment::Achieved } else { Assessment::OffTrack };
    TargetFacts { achieved, assessment, summary, ..facts }
}

fn numeric(t: &Target, facts: TargetFacts, as_of: NaiveDate) -> TargetFacts {
    // The loader guarantees both for a numeric target.
    let (Some(goal), Some(cmp)) = (t.goal.value, t.goal.comparison) else { return facts };
    let Some((last, last_value)) = facts.latest.clone().and_then(|o| Some((o.clone(), o.value?))) else {
        return facts;
    };
    let unit = t.unit.as_deref().unwrap_or("");
    let achieved = cmp.is_met(last_value, goal);

    // The baseline is the reference for pace and progress; without one the
    // first observation gives the pace (but no progress percentage).
    let baseline = t.baseline.as_ref().and_then(|b| Some((b, b.value?)));
    // 100 % means achieved: a value exactly at a strict target ("< 25" at
    // 25) has covered the distance but not met the target, so short of it
    // progress stops at 99.
    let progress_percent = baseline.map(|(_, base)| {
        if achieved {
            100.0
        } else if cmp.is_met(base, goal) || base == goal {
            0.0
        } else {
            ((last_value - base) / (goal - base) * 100.0).clamp(0.0, MAX_UNMET_PROGRESS)
        }
    });
    // Values at the edge of what a float holds give no meaningful share.
    let progress_percent = progress_percent.filter(|p| p.is_finite());
    let reference = baseline
        .or_else(|| facts.observations.first().and_then(|o| Some((o, o.value?))))
        .filter(|(r, _)| r.date < last.date);
    let average_rate = reference.map(|(r, v)| (last_value - v) / years(r.date, last.date));
    let deadline = Deadline::of(t.goal.by, as_of, Some(last.date));
    let needed_rate =
        (deadline == Deadline::Ahead).then(|| (goal - last_value) / years(last.date, t.goal.by));

    // Rates as improvement: positive is the better direction.
    let better = |rate: f64| if cmp.decreasing() { -rate } else { rate };
    let assessment = match (average_rate, needed_rate) {
        _ if achieved => Assessment::Achieved,
        (_, None) => Assessment::OffTrack,
        (None, Some(_)) => Assessment::InsufficientData,
        (Some(avg), Some(need)) => {
            let fast_enough =
                if cmp.strict() { better(avg) > better(need) } else { better(avg) >= better(need) };
            if better(avg) > 0.0 && fast_enough { Assessment::OnTrack } else { Assessment::OffTrack }
        }
    };

    let mut summary = format!("{}为{}{}", when(&last), fmt_number(last_value), unit);
    if let Some((r, v)) = reference {
        let diff = last_value - v;
        if fmt_number(diff.abs()) == "0" {
            summary.push_str(&format!("，与{}持平", when(r)));
        } else {
            let change = if diff < 0.0 { "下降" } else { "上升" };
            summary.push_str(&format!("，比{}{change}{}", when(r), amount(diff.abs(), unit)));
        }
    }
    if achieved {
        summary.push_str(&format!("，已达到{}的目标。", goal_words(t)));
    } else {
        let gap = (goal - last_value).abs();
        let (verb, pace) = if cmp.decreasing() { ("降", "降幅") } else { ("升", "增幅") };
        let need = if fmt_number(gap) == "0" {
            format!("还需再{verb}一些")
        } else if cmp.strict() {
            format!("还需再{verb}{}以上", amount(gap, unit))
        } else {
            format!("还需再{verb}{}", amount(gap, unit))
        };
        let by = deadline_words(t.goal.by);
        let rest = match (
            missed_deadline(t.goal.by, deadline, last.date, TargetKind::Numeric),
            assessment,
            average_rate,
        ) {
            (Some(missed), ..) => format!("{missed}；{need}，需加大力度"),
            (_, Assessment::OnTrack, _) => {
                format!("{need}才能在{by}前达到目标，按目前平均{pace}可以按期实现")
            }
            (_, _, Some(avg)) if better(avg) <= 0.0 => {
                let trend = match (avg == 0.0, cmp.decreasing()) {
                    (true, _) => "目前没有改善",
                    (false, true) => "目前不降反升",
                    (false, false) => "目前不升反降",
                };
                format!("{need}才能在{by}前达到目标，{trend}，需加大力度")
            }
            (_, Assessment::OffTrack, _) => {
                format!("{need}才能在{by}前达到目标，按目前平均{pace}难以按期实现，需加大力度")
            }
            _ => format!("{need}才能在{by}前达到目标，目前数据不足以判断能否按期实现"),
        };
        summary.push_str(&format!("；{rest}。"));
    }

    let reference = reference.map(|(r, _)| r.clone());
    TargetFacts {
        achieved,
        progress_percent,
        needed_rate,
        average_rate,
        reference,
        assessment,
        summary,
        ..facts
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

/// The goal in words: 「低于25微克/立方米」; a qualitative target's text.
pub fn goal_words(t: &Target) -> String {
    match (t.goal.value, t.goal.comparison) {
        (Some(v), Some(c)) => format!("{}{}{}", c.words(), fmt_number(v), t.unit.as_deref().unwrap_or("")),
        _ => t.goal.text.clone().unwrap_or_default(),
    }
}

/// 「2025年底前低于25微克/立方米」; a qualitative target's text with its deadline.
pub fn goal_with_deadline(t: &Target) -> String {
    match t.kind {
        TargetKind::Numeric => format!("{}前{}", deadline_words(t.goal.by), goal_words(t)),
        TargetKind::Qualitative => format!("{}（期限：{}）", goal_words(t), deadline_words(t.goal.by)),
    }
}

/// A difference in the target's unit; percentages differ by percentage points.
pub fn amount(v: f64, unit: &str) -> String {
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

/// Targets and observations for the unit tests here and in the chart.
#[cfg(test)]
pub(crate) mod examples {
    use crate::content::{Comparison, Observation, Target, TargetGoal, TargetKind};
    use chrono::NaiveDate;

    pub(crate) fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    pub(crate) fn obs(date: &str, period: &str, value: f64) -> Observation {
        Observation {
            date: d(date),
            period: Some(period.into()),
            value: Some(value),
            achieved: None,
            note: None,
            source: None,
        }
    }

    pub(crate) fn status(date: &str, period: &str, achieved: bool, note: Option<&str>) -> Observation {
        Observation {
            date: d(date),
            period: Some(period.into()),
            value: None,
            achieved: Some(achieved),
            note: note.map(Into::into),
            source: None,
        }
    }

    pub(crate) fn target(
        cmp: Comparison,
        goal: f64,
        unit: &str,
        baseline: Option<Observation>,
        obs: Vec<Observation>,
    ) -> Target {
        Target {
            id: "t".into(),
            source: "content/targets/t.yaml".into(),
            name: "细颗粒物（PM2.5）年均浓度".into(),
            unit: Some(unit.into()),
            kind: TargetKind::Numeric,
            goal: TargetGoal { value: Some(goal), comparison: Some(cmp), by: d("2025-12-31"), text: None },
            baseline,
            observations: obs,
            description: None,
            order: None,
        }
    }

    pub(crate) fn qualitative_target(obs: Vec<Observation>) -> Target {
        Target {
            id: "q".into(),
            source: "content/targets/q.yaml".into(),
            name: "重污染天气基本消除".into(),
            unit: None,
            kind: TargetKind::Qualitative,
            goal: TargetGoal {
                value: None,
                comparison: None,
                by: d("2025-12-31"),
                text: Some("重污染天气基本消除".into()),
            },
            baseline: None,
            observations: obs,
            description: None,
            order: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::examples::*;
    use super::*;
    use crate::content::Comparison;

    /// Before every target date of these tests, after most observations.
    const AS_OF: &str = "2025-06-30";

    fn facts(t: &Target) -> TargetFacts {
        target_facts(t, d(AS_OF))
    }

    fn pm25(baseline: f64, observations: Vec<Observation>) -> Target {
        target(
            Comparison::Below,
            25.0,
            "微克/立方米",
            Some(obs("2022-12-31", "2022年", baseline)),
            observations,
        )
    }

    #[test]
    fn decreasing_target_on_track_reads_as_the_plan_would() {
        let f = facts(&pm25(30.0, vec![obs("2023-12-31", "2023年", 27.0)]));
        assert!(!f.achieved);
        assert_eq!(f.latest.as_ref().map(|o| (o.date, o.value)), Some((d("2023-12-31"), Some(27.0))));
        assert_eq!(f.progress_percent, Some(60.0));
        assert_eq!(f.assessment, Assessment::OnTrack);
        assert_eq!(
            f.summary,
            "2023年为27微克/立方米，比2022年下降3；还需再降2以上才能在2025年底前达到目标，按目前平均降幅可以按期实现。"
        );
    }

    #[test]
    fn decreasing_target_achieved() {
        let f = facts(&pm25(28.0, vec![obs("2024-12-31", "2024年", 24.0)]));
        assert!(f.achieved);
        assert_eq!(f.progress_percent, Some(100.0));
        assert_eq!(f.assessment, Assessment::Achieved);
        assert_eq!(f.summary, "2024年为24微克/立方米，比2022年下降4，已达到低于25微克/立方米的目标。");
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
        let f = facts(&t);
        assert_eq!(f.latest.as_ref().unwrap().value, Some(92.6));
        assert_eq!(f.assessment, Assessment::OffTrack);
        assert!((f.progress_percent.unwrap() - 12.0).abs() < 1e-9);
        assert_eq!(
            f.summary,
            "2024年为92.6%，比2022年上升0.6个百分点；还需再升4.4个百分点才能在2025年底前达到目标，按目前平均增幅难以按期实现，需加大力度。"
        );
    }

    #[test]
    fn increasing_target_on_track() {
        let t = target(
            Comparison::AtLeast,
            68.0,
            "%",
            Some(obs("2022-12-31", "2022年", 65.0)),
            vec![obs("2023-12-31", "2023年", 66.5)],
        );
        let f = facts(&t);
        assert_eq!(f.assessment, Assessment::OnTrack);
        assert_eq!(f.progress_percent, Some(50.0));
        assert!(f.summary.ends_with("按目前平均增幅可以按期实现。"), "{}", f.summary);
    }

    #[test]
    fn strict_and_non_strict_comparison_at_the_value() {
        let at =
            |cmp| facts(&target(cmp, 25.0, "微克/立方米", None, vec![obs("2024-12-31", "2024年", 25.0)]));
        assert!(!at(Comparison::Below).achieved);
        assert!(at(Comparison::AtMost).achieved);
        assert!(!at(Comparison::Above).achieved);
        assert!(at(Comparison::AtLeast).achieved);
        assert_eq!(at(Comparison::AtMost).assessment, Assessment::Achieved);
        // At the value of a strict target: a little further still to go.
        assert!(
            at(Comparison::Below).summary.contains("还需再降一些才能"),
            "{}",
            at(Comparison::Below).summary
        );
    }

    #[test]
    fn strict_target_needs_more_than_the_exact_pace() {
        // 28 → 27 in 365 days; 730 days left to reach 25: exactly the same
        // pace. Enough for "at most 25", not for "below 25".
        let with = |cmp| {
            let mut t = target(
                cmp,
                25.0,
                "x",
                None,
                vec![obs("2022-12-31", "2022年", 28.0), obs("2023-12-31", "2023年", 27.0)],
            );
            t.goal.by = d("2025-12-30");
            facts(&t)
        };
        let at_most = with(Comparison::AtMost);
        assert_eq!(at_most.average_rate, at_most.needed_rate);
        assert_eq!(at_most.assessment, Assessment::OnTrack);
        assert_eq!(with(Comparison::Below).assessment, Assessment::OffTrack);
    }

    #[test]
    fn baseline_already_meeting_target() {
        let base = Some(obs("2022-12-31", "2022年", 99.0));
        let met = facts(&target(
            Comparison::AtLeast,
            97.0,
            "%",
            base.clone(),
            vec![obs("2023-12-31", "2023年", 98.0)],
        ));
        assert_eq!(met.progress_percent, Some(100.0));
        assert_eq!(met.assessment, Assessment::Achieved);
        let slipped =
            facts(&target(Comparison::AtLeast, 97.0, "%", base, vec![obs("2023-12-31", "2023年", 96.0)]));
        assert_eq!(slipped.progress_percent, Some(0.0));
        assert!(!slipped.achieved);
        assert_eq!(slipped.assessment, Assessment::OffTrack);
        assert!(slipped.summary.contains("目前不升反降，需加大力度"), "{}", slipped.summary);
        // A baseline exactly at a strict target does not meet it, and must not divide by zero.
        let at = facts(&pm25(25.0, vec![obs("2023-12-31", "2023年", 24.0)]));
        assert_eq!(at.progress_percent, Some(100.0));
        let at = facts(&pm25(25.0, vec![obs("2023-12-31", "2023年", 26.0)]));
        assert_eq!(at.progress_percent, Some(0.0));
    }

    #[test]
    fn progress_is_clamped() {
        let worse = facts(&pm25(30.0, vec![obs("2023-12-31", "2023年", 32.0)]));
        assert_eq!(worse.progress_percent, Some(0.0));
        assert_eq!(worse.assessment, Assessment::OffTrack);
        assert!(worse.summary.contains("比2022年上升2；"), "{}", worse.summary);
        assert!(worse.summary.ends_with("目前不降反升，需加大力度。"), "{}", worse.summary);
        let better = facts(&pm25(30.0, vec![obs("2023-12-31", "2023年", 20.0)]));
        assert_eq!(better.progress_percent, Some(100.0));
    }

    #[test]
    fn single_observation_with_baseline_has_a_pace() {
        let f = facts(&pm25(30.0, vec![obs("2023-12-31", "2023年", 29.5)]));
        assert_eq!(f.progress_percent, Some(10.0));
        assert_eq!(f.assessment, Assessment::OffTrack);
        assert!(f.summary.contains("难以按期实现"), "{}", f.summary);
    }

    #[test]
    fn single_observation_without_baseline_has_no_pace() {
        let f = facts(&target(Comparison::Below, 25.0, "x", None, vec![obs("2023-12-31", "2023年", 27.0)]));
        assert_eq!(f.progress_percent, None);
        assert_eq!(f.average_rate, None);
        assert!(f.needed_rate.is_some());
        assert_eq!(f.assessment, Assessment::InsufficientData);
        assert_eq!(f.assessment.label(TargetKind::Numeric), "数据不足");
        assert_eq!(
            f.summary,
            "2023年为27x；还需再降2以上才能在2025年底前达到目标，目前数据不足以判断能否按期实现。"
        );
    }

    #[test]
    fn without_baseline_the_first_observation_gives_the_pace() {
        let f = facts(&target(
            Comparison::Below,
            25.0,
            "x",
            None,
            vec![obs("2024-12-31", "2024年", 26.0), obs("2023-12-31", "2023年", 28.0)],
        ));
        assert_eq!(f.progress_percent, None);
        assert!((f.average_rate.unwrap() - (-2.0 * 365.25 / 366.0)).abs() < 1e-9);
        assert_eq!(f.assessment, Assessment::OnTrack);
        assert!(f.summary.starts_with("2024年为26x，比2023年下降2；"), "{}", f.summary);
    }

    #[test]
    fn unordered_observations_are_put_in_date_order() {
        let f = facts(&pm25(
            30.0,
            vec![
                obs("2024-12-31", "2024年", 26.0),
                obs("2023-06-30", "2023年上半年", 29.0),
                obs("2025-06-30", "2025年上半年", 25.5),
                obs("2023-12-31", "2023年", 28.0),
            ],
        ));
        let dates: Vec<_> = f.observations.iter().map(|o| o.date).collect();
        assert_eq!(dates, [d("2023-06-30"), d("2023-12-31"), d("2024-12-31"), d("2025-06-30")]);
        assert_eq!(f.latest.as_ref().map(|o| (o.date, o.value)), Some((d("2025-06-30"), Some(25.5))));
        assert_eq!(f.progress_percent, Some(90.0));
        assert!(f.summary.starts_with("2025年上半年为25.5微克/立方米，比2022年下降4.5；"), "{}", f.summary);
    }

    #[test]
    fn no_observation() {
        let f = facts(&pm25(30.0, vec![]));
        assert!(f.latest.is_none() && !f.achieved);
        assert_eq!(f.progress_percent, None);
        assert_eq!(f.assessment, Assessment::NoData);
        assert_eq!(f.summary, "暂无监测数据。目标：2025年底前低于25微克/立方米。");
    }

    #[test]
    fn target_date_in_the_past() {
        // A value from after the target date, still short of it (published:
        // the build is later still).
        let later = |t: &Target| target_facts(t, d("2026-11-29"));
        let f = later(&pm25(30.0, vec![obs("2026-06-30", "2026年上半年", 26.0)]));
        assert_eq!(f.needed_rate, None);
        assert!(f.average_rate.is_some());
        assert_eq!(f.assessment, Assessment::OffTrack);
        assert_eq!(
            f.summary,
            "2026年上半年为26微克/立方米，比2022年下降4；目标期限（2025年底）已过，尚未达到目标；还需再降1以上，需加大力度。"
        );
        // Met after the date has passed: achieved all the same.
        let late = later(&pm25(30.0, vec![obs("2026-06-30", "2026年上半年", 24.0)]));
        assert_eq!(late.assessment, Assessment::Achieved);
        // Observed on the target date itself: the date has come.
        let on = target_facts(&pm25(30.0, vec![obs("2025-12-31", "2025年", 26.0)]), d("2025-12-31"));
        assert_eq!(on.assessment, Assessment::OffTrack);
        assert_eq!(on.needed_rate, None);
        assert!(
            on.summary.contains("；目标期限（2025年底）已到，尚未达到目标；还需再降1以上，需加大力度。"),
            "{}",
            on.summary
        );
    }

    #[test]
    fn observations_after_the_as_of_date_are_held_back() {
        let t = pm25(
            30.0,
            vec![
                obs("2024-12-31", "2024年", 24.0),
                obs("2023-12-31", "2023年", 27.0),
                obs("2024-06-30", "2024年上半年", 26.0),
            ],
        );
        let f = target_facts(&t, d("2024-06-30"));
        assert_eq!(f.observations.iter().map(|o| o.value).collect::<Vec<_>>(), [Some(27.0), Some(26.0)]);
        assert_eq!(
            f.latest.as_ref().map(|o| o.date),
            Some(d("2024-06-30")),
            "the as-of date itself is published"
        );
        assert_eq!(f.later.iter().map(|o| o.date).collect::<Vec<_>>(), [d("2024-12-31")]);
        assert!(!f.achieved, "the value that meets the target is not published yet");
        assert!(f.summary.starts_with("2024年上半年为26微克/立方米"), "{}", f.summary);
        // Before every observation: as without data.
        let none = target_facts(&t, d("2023-12-30"));
        assert!(none.observations.is_empty() && none.latest.is_none());
        assert_eq!(none.later.len(), 3);
        assert_eq!(none.assessment, Assessment::NoData);
    }

    #[test]
    fn a_passed_target_date_is_judged_by_the_as_of_date() {
        // Due at the end of 2023, last measured mid-2023 at a pace that
        // would have made it: on track then, off track once the date is past.
        let mut t = pm25(30.0, vec![obs("2023-06-30", "2023年上半年", 26.0)]);
        t.goal.by = d("2023-12-31");
        let then = target_facts(&t, d("2023-09-30"));
        assert_eq!(then.assessment, Assessment::OnTrack);
        assert!(
            then.summary.contains("才能在2023年底前达到目标，按目前平均降幅可以按期实现"),
            "{}",
            then.summary
        );
        let later = target_facts(&t, d("2026-11-29"));
        assert!(!later.achieved);
        assert_eq!(later.assessment, Assessment::OffTrack);
        assert_eq!(later.assessment.label(TargetKind::Numeric), "需加力");
        assert_eq!(later.needed_rate, None);
        assert!(later.average_rate.is_some());
        assert_eq!(
            later.summary,
            "2023年上半年为26微克/立方米，比2022年下降4；目标期限（2023年底）已过，尚未达到目标，期限后尚无监测数据；还需再降1以上，需加大力度。"
        );
        // The day after the date is past it; on the date itself the pace still decides.
        assert_eq!(target_facts(&t, d("2024-01-01")).assessment, Assessment::OffTrack);
        assert_eq!(target_facts(&t, d("2023-12-31")).assessment, Assessment::OnTrack);
        // Achieved before the date stays achieved.
        let mut met = pm25(30.0, vec![obs("2023-06-30", "2023年上半年", 24.0)]);
        met.goal.by = d("2023-12-31");
        assert_eq!(target_facts(&met, d("2026-11-29")).assessment, Assessment::Achieved);
        // Insufficient data (one value, no baseline) is off track too once the date is past.
        let mut lone =
            target(Comparison::Below, 25.0, "x", None, vec![obs("2023-06-30", "2023年上半年", 27.0)]);
        lone.goal.by = d("2023-12-31");
        assert_eq!(target_facts(&lone, d("2023-09-30")).assessment, Assessment::InsufficientData);
        assert_eq!(target_facts(&lone, d("2024-06-30")).assessment, Assessment::OffTrack);
    }

    #[test]
    fn no_data_past_the_target_date_says_so() {
        let t = pm25(30.0, vec![]);
        let f = target_facts(&t, d("2026-01-01"));
        assert_eq!(f.assessment, Assessment::NoData);
        assert_eq!(f.summary, "暂无监测数据。目标：2025年底前低于25微克/立方米；目标期限已过。");
        assert_eq!(facts(&t).summary, "暂无监测数据。目标：2025年底前低于25微克/立方米。");
    }

    #[test]
    fn rates_per_year() {
        let f = facts(&pm25(30.0, vec![obs("2023-12-31", "2023年", 27.0)]));
        assert!((f.average_rate.unwrap() - (-3.0 * 365.25 / 365.0)).abs() < 1e-9);
        assert!((f.needed_rate.unwrap() - (-2.0 * 365.25 / 731.0)).abs() < 1e-9);
    }

    #[test]
    fn unchanged_value_reads_as_flat() {
        let f = facts(&pm25(27.0, vec![obs("2023-12-31", "2023年", 27.0)]));
        assert!(f.summary.starts_with("2023年为27微克/立方米，与2022年持平；"), "{}", f.summary);
        assert!(f.summary.ends_with("目前没有改善，需加大力度。"), "{}", f.summary);
    }

    #[test]
    fn qualitative_latest_status_with_note_and_date() {
        let f = facts(&qualitative_target(vec![
            status("2024-12-31", "2024年", true, Some("全年未出现重污染天气。")),
            status("2023-12-31", "2023年", false, Some("全年2天")),
        ]));
        assert!(f.achieved);
        assert_eq!(f.assessment, Assessment::Achieved);
        assert_eq!(f.assessment.label(TargetKind::Qualitative), "已实现");
        let latest = f.latest.as_ref().unwrap();
        assert_eq!((latest.date, latest.achieved), (d("2024-12-31"), Some(true)));
        assert_eq!(latest.note.as_deref(), Some("全年未出现重污染天气。"));
        assert_eq!(f.summary, "2024年评估为已实现：全年未出现重污染天气。");
        assert_eq!((f.progress_percent, f.needed_rate, f.average_rate), (None, None, None));
    }

    #[test]
    fn qualitative_not_yet_before_and_after_the_date() {
        let before = facts(&qualitative_target(vec![status("2024-12-31", "2024年", false, None)]));
        assert!(!before.achieved);
        assert_eq!(before.assessment.label(TargetKind::Qualitative), "未实现");
        assert_eq!(before.summary, "2024年评估为尚未实现；目标期限为2025年底。");
        // A target once reached and then lost is not achieved: the latest status counts.
        let after = target_facts(
            &qualitative_target(vec![
                status("2024-12-31", "2024年", true, None),
                status("2026-06-30", "2026年上半年", false, Some("2处水体返黑")),
            ]),
            d("2026-11-29"),
        );
        assert!(!after.achieved);
        assert_eq!(
            after.summary,
            "2026年上半年评估为尚未实现：2处水体返黑；目标期限（2025年底）已过，尚未实现，需加大力度。"
        );
    }

    #[test]
    fn qualitative_not_yet_after_the_date_as_of_the_build() {
        let t = qualitative_target(vec![status("2024-12-31", "2024年", false, Some("全年2天"))]);
        let f = target_facts(&t, d("2026-11-29"));
        assert_eq!(f.assessment, Assessment::OffTrack);
        assert_eq!(f.assessment.label(TargetKind::Qualitative), "未实现");
        assert_eq!(
            f.summary,
            "2024年评估为尚未实现：全年2天；目标期限（2025年底）已过，尚未实现，期限后尚无监测数据，需加大力度。"
        );
        let on = qualitative_target(vec![status("2025-12-31", "2025年", false, None)]);
        assert_eq!(
            target_facts(&on, d("2026-11-29")).summary,
            "2025年评估为尚未实现；目标期限（2025年底）已过，尚未实现，需加大力度。"
        );
        assert_eq!(
            target_facts(&on, d("2025-12-31")).summary,
            "2025年评估为尚未实现；目标期限（2025年底）已到，尚未实现，需加大力度。"
        );
        // Achieved before the date stays achieved after it.
        let done = qualitative_target(vec![status("2024-12-31", "2024年", true, None)]);
        assert_eq!(target_facts(&done, d("2026-11-29")).assessment, Assessment::Achieved);
    }

    #[test]
    fn qualitative_without_observation() {
        let f = facts(&qualitative_target(vec![]));
        assert_eq!(f.assessment, Assessment::NoData);
        assert!(!f.achieved);
        assert_eq!(f.summary, "暂无监测数据。目标：重污染天气基本消除（期限：2025年底）。");
    }

    #[test]
    fn values_at_the_edge_of_a_float_give_no_progress() {
        // Infinite distance covered over an infinite distance to go.
        let t = target(
            Comparison::Above,
            f64::MAX,
            "u",
            Some(obs("2022-12-31", "2022年", -1e308)),
            vec![obs("2023-12-31", "2023年", 1e308)],
        );
        let f = facts(&t);
        assert!(!f.achieved);
        assert_eq!(f.progress_percent, None);
        // Achieved is 100 %, however far the numbers.
        let t = target(
            Comparison::Above,
            1e308,
            "u",
            Some(obs("2022-12-31", "2022年", -1e308)),
            vec![obs("2023-12-31", "2023年", f64::MAX)],
        );
        assert_eq!(facts(&t).progress_percent, Some(100.0));
    }

    #[test]
    fn progress_is_100_only_when_achieved() {
        // Exactly at a strict target: the whole distance covered, the target not met.
        let at = facts(&pm25(30.0, vec![obs("2024-12-31", "2024年", 25.0)]));
        assert!(!at.achieved);
        assert_eq!(at.progress_percent, Some(99.0));
        let at_most = target(
            Comparison::AtMost,
            25.0,
            "x",
            Some(obs("2022-12-31", "2022年", 30.0)),
            vec![obs("2024-12-31", "2024年", 25.0)],
        );
        assert_eq!(facts(&at_most).progress_percent, Some(100.0));
        // A hair short of the target does not round up to 100 either.
        let near = facts(&pm25(30.0, vec![obs("2024-12-31", "2024年", 25.01)]));
        assert!(!near.achieved);
        assert_eq!(near.progress_percent, Some(99.0));
        let increasing = target(
            Comparison::AtLeast,
            100.0,
            "%",
            Some(obs("2022-12-31", "2022年", 0.0)),
            vec![obs("2024-12-31", "2024年", 99.6)],
        );
        assert_eq!(facts(&increasing).progress_percent, Some(99.0));
    }

    #[test]
    fn numbers_are_formatted_plainly() {
        assert_eq!(fmt_number(25.0), "25");
        assert_eq!(fmt_number(9.48), "9.48");
        assert_eq!(fmt_number(92.50), "92.5");
        assert_eq!(fmt_number(-0.001), "0");
        assert_eq!(amount(0.6000000001, "%"), "0.6个百分点");
    }
}
