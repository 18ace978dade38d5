//! A target's progress: where it started, where it is, where it must get
//! to and by when, and whether the pace so far will get it there.
//!
//! Whether the target date has passed is judged against the as-of date of
//! the build: once it has, a target not met is off track, whatever the pace.
//! The sentence that tells all this is made from these facts by the
//! renderer (`render/words.rs`).

use crate::content::{Observation, Target, TargetKind};
use chrono::NaiveDate;

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
}

/// Where the target date stands, as of the build and the latest observation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetDeadline {
    /// Still to come: the pace decides.
    Ahead,
    /// The latest observation is dated on the target date itself.
    Reached,
    /// Before the as-of date (or before the latest observation).
    Passed,
}

impl TargetDeadline {
    fn of(by: NaiveDate, as_of: NaiveDate, seen: Option<NaiveDate>) -> TargetDeadline {
        if by < as_of || seen.is_some_and(|s| by < s) {
            TargetDeadline::Passed
        } else if seen == Some(by) {
            TargetDeadline::Reached
        } else {
            TargetDeadline::Ahead
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
    /// The target date against the as-of date and the latest observation.
    pub deadline: TargetDeadline,
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
    let deadline = TargetDeadline::of(t.goal.by, as_of, latest.as_ref().map(|o| o.date));
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
        deadline,
    };
    match t.kind {
        TargetKind::Qualitative => qualitative(facts),
        TargetKind::Numeric => numeric(t, facts),
    }
}

fn qualitative(facts: TargetFacts) -> TargetFacts {
    let Some(last) = &facts.latest else { return facts };
    let achieved = last.achieved == Some(true);
    let assessment = if achieved { Assessment::Achieved } else { Assessment::OffTrack };
    TargetFacts { achieved, assessment, ..facts }
}

fn numeric(t: &Target, facts: TargetFacts) -> TargetFacts {
    // The loader guarantees both for a numeric target.
    let (Some(goal), Some(cmp)) = (t.goal.value, t.goal.comparison) else { return facts };
    let Some((last, last_value)) = facts.latest.clone().and_then(|o| Some((o.clone(), o.value?))) else {
        return facts;
    };
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
    let needed_rate =
        (facts.deadline == TargetDeadline::Ahead).then(|| (goal - last_value) / years(last.date, t.goal.by));

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
    let reference = reference.map(|(r, _)| r.clone());
    TargetFacts { achieved, progress_percent, needed_rate, average_rate, reference, assessment, ..facts }
}

fn years(from: NaiveDate, to: NaiveDate) -> f64 {
    (to - from).num_days() as f64 / DAYS_PER_YEAR
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
    }

    #[test]
    fn decreasing_target_achieved() {
        let f = facts(&pm25(28.0, vec![obs("2024-12-31", "2024年", 24.0)]));
        assert!(f.achieved);
        assert_eq!(f.progress_percent, Some(100.0));
        assert_eq!(f.assessment, Assessment::Achieved);
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
        let better = facts(&pm25(30.0, vec![obs("2023-12-31", "2023年", 20.0)]));
        assert_eq!(better.progress_percent, Some(100.0));
    }

    #[test]
    fn single_observation_with_baseline_has_a_pace() {
        let f = facts(&pm25(30.0, vec![obs("2023-12-31", "2023年", 29.5)]));
        assert_eq!(f.progress_percent, Some(10.0));
        assert_eq!(f.assessment, Assessment::OffTrack);
    }

    #[test]
    fn single_observation_without_baseline_has_no_pace() {
        let f = facts(&target(Comparison::Below, 25.0, "x", None, vec![obs("2023-12-31", "2023年", 27.0)]));
        assert_eq!(f.progress_percent, None);
        assert_eq!(f.average_rate, None);
        assert!(f.needed_rate.is_some());
        assert_eq!(f.assessment, Assessment::InsufficientData);
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
    }

    #[test]
    fn no_observation() {
        let f = facts(&pm25(30.0, vec![]));
        assert!(f.latest.is_none() && !f.achieved);
        assert_eq!(f.progress_percent, None);
        assert_eq!(f.assessment, Assessment::NoData);
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
        // Met after the date has passed: achieved all the same.
        let late = later(&pm25(30.0, vec![obs("2026-06-30", "2026年上半年", 24.0)]));
        assert_eq!(late.assessment, Assessment::Achieved);
        // Observed on the target date itself: the date has come.
        let on = target_facts(&pm25(30.0, vec![obs("2025-12-31", "2025年", 26.0)]), d("2025-12-31"));
        assert_eq!(on.assessment, Assessment::OffTrack);
        assert_eq!(on.needed_rate, None);
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
        let later = target_facts(&t, d("2026-11-29"));
        assert!(!later.achieved);
        assert_eq!(later.assessment, Assessment::OffTrack);
        assert_eq!(later.needed_rate, None);
        assert!(later.average_rate.is_some());
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
    }

    #[test]
    fn rates_per_year() {
        let f = facts(&pm25(30.0, vec![obs("2023-12-31", "2023年", 27.0)]));
        assert!((f.average_rate.unwrap() - (-3.0 * 365.25 / 365.0)).abs() < 1e-9);
        assert!((f.needed_rate.unwrap() - (-2.0 * 365.25 / 731.0)).abs() < 1e-9);
    }

    #[test]
    fn an_unchanged_value_has_no_pace() {
        let f = facts(&pm25(27.0, vec![obs("2023-12-31", "2023年", 27.0)]));
        assert_eq!(f.average_rate, Some(0.0));
        assert_eq!(f.assessment, Assessment::OffTrack);
    }

    #[test]
    fn qualitative_latest_status_with_note_and_date() {
        let f = facts(&qualitative_target(vec![
            status("2024-12-31", "2024年", true, Some("全年未出现重污染天气。")),
            status("2023-12-31", "2023年", false, Some("全年2天")),
        ]));
        assert!(f.achieved);
        assert_eq!(f.assessment, Assessment::Achieved);
        let latest = f.latest.as_ref().unwrap();
        assert_eq!((latest.date, latest.achieved), (d("2024-12-31"), Some(true)));
        assert_eq!(latest.note.as_deref(), Some("全年未出现重污染天气。"));
        assert_eq!((f.progress_percent, f.needed_rate, f.average_rate), (None, None, None));
    }

    #[test]
    fn qualitative_not_yet_before_and_after_the_date() {
        let before = facts(&qualitative_target(vec![status("2024-12-31", "2024年", false, None)]));
        assert!(!before.achieved);
        // A target once reached and then lost is not achieved: the latest status counts.
        let after = target_facts(
            &qualitative_target(vec![
                status("2024-12-31", "2024年", true, None),
                status("2026-06-30", "2026年上半年", false, Some("2处水体返黑")),
            ]),
            d("2026-11-29"),
        );
        assert!(!after.achieved);
    }

    #[test]
    fn qualitative_not_yet_after_the_date_as_of_the_build() {
        let t = qualitative_target(vec![status("2024-12-31", "2024年", false, Some("全年2天"))]);
        let f = target_facts(&t, d("2026-11-29"));
        assert_eq!(f.assessment, Assessment::OffTrack);
        let on = qualitative_target(vec![status("2025-12-31", "2025年", false, None)]);
        assert_eq!(target_facts(&on, d("2026-11-29")).deadline, TargetDeadline::Passed);
        assert_eq!(target_facts(&on, d("2025-12-31")).deadline, TargetDeadline::Reached);
        assert_eq!(target_facts(&on, d("2025-06-30")).deadline, TargetDeadline::Ahead);
        // Achieved before the date stays achieved after it.
        let done = qualitative_target(vec![status("2024-12-31", "2024年", true, None)]);
        assert_eq!(target_facts(&done, d("2026-11-29")).assessment, Assessment::Achieved);
    }

    #[test]
    fn qualitative_without_observation() {
        let f = facts(&qualitative_target(vec![]));
        assert_eq!(f.assessment, Assessment::NoData);
        assert!(!f.achieved);
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
}
