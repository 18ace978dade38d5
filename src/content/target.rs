//! `content/targets/<id>.yaml`: the plan's quantitative and qualitative targets.

use super::ids::SourceFile;
use super::markdown::Markdown;
use super::yaml::Reader;
use crate::diagnostics::{Diagnostic, Pos};
use chrono::NaiveDate;
use marked_yaml::Node;
use marked_yaml::types::MarkedMappingNode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TargetKind {
    Numeric,
    Qualitative,
}

impl TargetKind {
    pub fn key(self) -> &'static str {
        match self {
            TargetKind::Numeric => "numeric",
            TargetKind::Qualitative => "qualitative",
        }
    }
}

/// Which way is better, and whether reaching the value itself counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Comparison {
    #[serde(rename = "<")]
    Below,
    #[serde(rename = "<=")]
    AtMost,
    #[serde(rename = ">")]
    Above,
    #[serde(rename = ">=")]
    AtLeast,
}

impl Comparison {
    pub const ALL: [(&'static str, Comparison); 4] = [
        ("<", Comparison::Below),
        ("<=", Comparison::AtMost),
        (">", Comparison::Above),
        (">=", Comparison::AtLeast),
    ];

    pub fn symbol(self) -> &'static str {
        Comparison::ALL.iter().find(|(_, c)| *c == self).map(|(s, _)| *s).unwrap_or_default()
    }

    /// Reaching the value itself does not count.
    pub fn strict(self) -> bool {
        matches!(self, Comparison::Below | Comparison::Above)
    }

    /// Lower values are better.
    pub fn decreasing(self) -> bool {
        matches!(self, Comparison::Below | Comparison::AtMost)
    }

    pub fn is_met(self, value: f64, target: f64) -> bool {
        match self {
            Comparison::Below => value < target,
            Comparison::AtMost => value <= target,
            Comparison::Above => value > target,
            Comparison::AtLeast => value >= target,
        }
    }
}

#[derive(Debug, Clone)]
pub struct TargetGoal {
    pub value: Option<f64>,
    pub comparison: Option<Comparison>,
    pub by: NaiveDate,
    pub text: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    pub date: NaiveDate,
    pub period: Option<String>,
    /// Numeric targets.
    pub value: Option<f64>,
    /// Qualitative targets: `achieved` (true) or `not-yet` (false).
    pub achieved: Option<bool>,
    pub note: Option<String>,
    pub source: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Target {
    pub id: String,
    pub source: String,
    pub name: String,
    pub unit: Option<String>,
    pub kind: TargetKind,
    pub goal: TargetGoal,
    pub baseline: Option<Observation>,
    /// As written; the model orders them.
    pub observations: Vec<Observation>,
    pub description: Option<Markdown>,
    /// Where it is listed: lower first, then by id; without it, after all
    /// that have one (as a page's `order`).
    pub order: Option<i64>,
}

const KEYS: &[&str] = &["name", "unit", "kind", "target", "baseline", "observations", "description", "order"];

/// The target in `file`, from the text `content::load` read.
pub fn load(file: &SourceFile, text: &str) -> (Option<Target>, Vec<Diagnostic>) {
    let mut r = Reader::new(&file.rel, 0);
    let target = r.parse(text).and_then(|map| read(&mut r, &map, file, text));
    (target, r.diags)
}

fn read(r: &mut Reader, map: &MarkedMappingNode, file: &SourceFile, text: &str) -> Option<Target> {
    r.check_keys(map, KEYS);
    let name = r.required(map, "name", "指标名称，一行文字").and_then(|n| r.text(n, "name"));
    let order = r.optional(map, "order").and_then(|n| r.integer(n, "order"));
    let kind = match r.optional(map, "kind") {
        Some(n) => {
            r.choice(n, "kind", &[("numeric", TargetKind::Numeric), ("qualitative", TargetKind::Qualitative)])
        }
        None => Some(TargetKind::Numeric),
    };
    let numeric = kind == Some(TargetKind::Numeric);
    let unit = if numeric {
        r.required(map, "unit", "计量单位，例如 微克/立方米 或 %；没有数值的定性指标请写 kind: qualitative")
            .and_then(|n| r.text(n, "unit"))
    } else {
        forbid(r, map, "unit", "定性指标没有计量单位，请删除 unit");
        None
    };
    let goal_map = r
        .required(
            map,
            "target",
            "目标：value（目标值）、comparison（<、<=、>、>=）、by（期限）、text（原文表述，可选）",
        )
        .and_then(|n| r.mapping(n, "target"));
    let goal = goal_map.and_then(|m| read_goal(r, m, kind));
    let by_pos = goal_map.and_then(|m| r.optional(m, "by")).and_then(|n| r.pos(n));
    let mut baseline_pos = None;
    let baseline = r.optional(map, "baseline").and_then(|n| {
        let m = r.mapping(n, "baseline")?;
        baseline_pos = r.optional(m, "date").and_then(|d| r.pos(d));
        read_observation(r, m, kind)
    });
    let mut observations = Vec::new();
    // Where each date was written, so a duplicate can point at the first.
    let mut seen: Vec<(NaiveDate, Option<Pos>)> = Vec::new();
    if let Some(n) = r.optional(map, "observations") {
        for item in r.list(n, "observations", false) {
            let Some(m) = r.mapping(item, "observations") else { continue };
            let date_pos = r.optional(m, "date").and_then(|d| r.pos(d));
            let Some(o) = read_observation(r, m, kind) else {
                continue;
            };
            if let Some((_, first)) = seen.iter().find(|(d, _)| *d == o.date) {
                let first = first.map(|p| format!("（第一条在第 {} 行）", p.line)).unwrap_or_default();
                r.error(
                    date_pos,
                    format!(
                        "同一日期 {} 有两条监测数据{first}，每个日期只能有一条，请删除或改正其中一条",
                        o.date
                    ),
                );
                continue;
            }
            seen.push((o.date, date_pos));
            observations.push(o);
        }
    }
    if let (Some(goal), Some(base)) = (&goal, &baseline) {
        check_dates(r, goal.by, by_pos, (base.date, baseline_pos), &seen);
    }
    let description = r.optional(map, "description").and_then(|n| {
        let pos = r.pos(n);
        r.markdown_text(n, "description").map(|t| Markdown::from_yaml(t, pos, text))
    });
    Some(Target {
        id: file.id.clone(),
        source: file.rel.clone(),
        name: name?,
        unit,
        kind: kind?,
        goal: goal?,
        baseline,
        observations,
        description,
        order,
    })
}

/// The baseline is where progress is measured from: the target date must
/// come after it, and observations before it (or a baseline after every
/// observation) are most likely a mistyped year.
fn check_dates(
    r: &mut Reader,
    by: NaiveDate,
    by_pos: Option<Pos>,
    (base, base_pos): (NaiveDate, Option<Pos>),
    observations: &[(NaiveDate, Option<Pos>)],
) {
    let line = |p: Option<Pos>| p.map(|p| format!("（第 {} 行）", p.line)).unwrap_or_default();
    if by < base {
        r.error(
            by_pos,
            format!(
                "目标期限 {by} 早于基准日期 {base}{}，期限应在基准之后，请检查 by 或基准的 date 是否写错",
                line(base_pos)
            ),
        );
    }
    let latest = observations.iter().map(|(d, _)| *d).max();
    match latest {
        Some(latest) if latest < base => r.warning(
            base_pos,
            format!(
                "基准日期 {base} 晚于全部监测数据（最新一条为 {latest}）：进度和变化速度从基准算起，请检查基准的 date 是否写错"
            ),
        ),
        _ => {
            for (date, pos) in observations.iter().filter(|(d, _)| *d < base) {
                r.warning(
                    *pos,
                    format!(
                        "监测日期 {date} 早于基准日期 {base}{}：基准是衡量进展的起点，早于它的数据不计入进度，请检查日期是否写错",
                        line(base_pos)
                    ),
                );
            }
        }
    }
}

fn read_goal(r: &mut Reader, m: &MarkedMappingNode, kind: Option<TargetKind>) -> Option<TargetGoal> {
    r.check_keys(m, &["value", "comparison", "by", "text"]);
    let by = r.required(m, "by", "实现期限，日期 YYYY-MM-DD").and_then(|n| r.date(n, "by"));
    let text = r.optional(m, "text").and_then(|n| r.text(n, "text"));
    let (value, comparison) = match kind {
        Some(TargetKind::Numeric) => (
            r.required(m, "value", "目标值，数值，例如 25").and_then(|n| r.number(n, "value")),
            r.required(m, "comparison", "比较方式：<、<=、> 或 >=（决定数值越低越好还是越高越好）")
                .and_then(|n| r.choice(n, "comparison", &Comparison::ALL)),
        ),
        Some(TargetKind::Qualitative) => {
            for key in ["value", "comparison"] {
                if let Some(n) = m.get_node(key) {
                    let pos = r.pos(n);
                    r.error(pos, format!("定性指标（kind: qualitative）不填“{key}”，请用 text 写明目标"));
                }
            }
            if text.is_none() {
                r.required(m, "text", "定性指标的目标表述，例如 重污染天气基本消除");
            }
            (None, None)
        }
        None => (None, None),
    };
    if kind == Some(TargetKind::Numeric) && (value.is_none() || comparison.is_none()) {
        return None;
    }
    Some(TargetGoal { value, comparison, by: by?, text })
}

fn read_observation(r: &mut Reader, m: &MarkedMappingNode, kind: Option<TargetKind>) -> Option<Observation> {
    r.check_keys(m, &["date", "period", "value", "status", "note", "source"]);
    let date = r.required(m, "date", "监测日期 YYYY-MM-DD，例如 2023-12-31").and_then(|n| r.date(n, "date"));
    let period = r.optional(m, "period").and_then(|n| r.text(n, "period"));
    let note = r.optional(m, "note").and_then(|n| r.text(n, "note"));
    let source = r.optional(m, "source").and_then(|n| r.text(n, "source"));
    let (value, achieved) = match kind {
        Some(TargetKind::Numeric) => {
            forbid(r, m, "status", "数值指标用 value 填写数值，不填 status");
            let value = r.required(m, "value", "监测数值，例如 27").and_then(|n| r.number(n, "value"));
            (Some(value?), None)
        }
        Some(TargetKind::Qualitative) => {
            forbid(
                r,
                m,
                "value",
                "定性指标用 status 填写 achieved（已实现）或 not-yet（未实现），不填 value",
            );
            let status = r
                .required(m, "status", "achieved（已实现）或 not-yet（未实现）")
                .and_then(|n| r.choice(n, "status", &[("achieved", true), ("not-yet", false)]));
            (None, Some(status?))
        }
        None => (None, None),
    };
    Some(Observation { date: date?, period, value, achieved, note, source })
}

fn forbid(r: &mut Reader, m: &MarkedMappingNode, key: &str, why: &str) {
    if let Some(n) = m.get_node(key).filter(|n: &&Node| !super::yaml::is_null(n)) {
        let pos = r.pos(n);
        r.error(pos, format!("“{key}”不适用：{why}"));
    }
}
