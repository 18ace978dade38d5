//! The 本次更新 page (`release.html`): what this release changed in content
//! terms against the release before, in words and with links to the pages
//! that show it. Its path cannot collide with content: page slugs, issue
//! and target ids ending in `.html` are reserved, so no content folder is
//! ever called `release.html`.

use crate::content::Status;
use crate::model::release::{NoteFact, ReleaseChanges, ReleaseHistory, TargetFact};
use crate::model::targets::fmt_number;
use crate::urls;
use serde::Serialize;

pub const PATH: &str = "release.html";

#[derive(Debug, Clone, Serialize)]
pub struct ReleaseView {
    /// As-of date of the build that first published this content.
    pub released_on: String,
    /// As-of date of the release compared with; None for the first release.
    pub previous_on: Option<String>,
    /// The last day the previous release was built on: new notes dated
    /// before it are 补发.
    pub previous_built_on: Option<String>,
    /// What the site holds, for the first release.
    pub totals: Totals,
    /// One sentence with the counts of what changed.
    pub summary: String,
    pub new_notes: Vec<NoteLine>,
    pub corrected_notes: Vec<NoteLine>,
    pub withdrawn_notes: Vec<NoteLine>,
    pub status_changes: Vec<IssueChange>,
    pub deadline_changes: Vec<IssueChange>,
    pub new_issues: Vec<IssueChange>,
    pub removed_issues: Vec<IssueChange>,
    pub observations: Vec<ObservationLine>,
    pub new_targets: Vec<TargetLine>,
    pub removed_targets: Vec<TargetLine>,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Totals {
    pub issues: usize,
    pub notes: usize,
    pub targets: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct NoteLine {
    pub title: String,
    pub date: String,
    /// None for a withdrawn note, which has no page any more.
    pub path: Option<String>,
    /// 「问题3、问题7」
    pub issues: String,
    /// A new note dated before the last build of the previous release (补发).
    pub backdated: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct IssueChange {
    pub number: u32,
    pub title: String,
    pub path: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ObservationLine {
    pub target: String,
    pub path: String,
    /// 「2024年」, else the date.
    pub period: String,
    pub date: String,
    /// 「27 微克/立方米」 or 「已实现」.
    pub value: String,
    /// An earlier observation whose value was corrected.
    pub corrected: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct TargetLine {
    pub name: String,
    pub path: Option<String>,
}

impl ReleaseView {
    pub fn new(history: &ReleaseHistory) -> ReleaseView {
        let now = &history.current.content;
        let ch = history.changes().unwrap_or_default();
        let number_of = |id: &str| now.issues.iter().find(|i| i.id == id).map(|i| i.number);
        let note_line = |n: &NoteFact, linked: bool| NoteLine {
            backdated: ch.backdated_notes.contains(&n.slug),
            title: n.title.clone(),
            date: n.date.clone(),
            path: linked.then(|| urls::note(&n.slug)),
            issues: n
                .issues
                .iter()
                .map(|id| {
                    number_of(id).map(|num| format!("问题{num}")).unwrap_or_else(|| format!("问题{id}"))
                })
                .collect::<Vec<_>>()
                .join("、"),
        };
        let issue_change = |i: &crate::model::release::IssueFact, linked: bool, from, to| IssueChange {
            number: i.number,
            title: i.title.clone(),
            path: linked.then(|| urls::issue(&i.id)),
            from,
            to,
        };
        let observation = |(t, o): &(TargetFact, crate::model::release::ObservationFact), corrected| {
            let value = match (o.value, o.achieved) {
                (Some(v), _) => match &t.unit {
                    Some(u) => format!("{} {u}", fmt_number(v)),
                    None => fmt_number(v),
                },
                (None, Some(true)) => "已实现".into(),
                (None, Some(false)) => "未实现".into(),
                (None, None) => "—".into(),
            };
            ObservationLine {
                target: t.name.clone(),
                path: urls::target(&t.id),
                period: o.period.clone().unwrap_or_else(|| o.date.clone()),
                date: o.date.clone(),
                value,
                corrected,
            }
        };
        let mut observations: Vec<ObservationLine> =
            ch.new_observations.iter().map(|x| observation(x, false)).collect();
        observations.extend(ch.corrected_observations.iter().map(|x| observation(x, true)));
        ReleaseView {
            released_on: history.current.released_on.clone(),
            previous_on: history.previous.as_ref().map(|p| p.released_on.clone()),
            previous_built_on: history.previous.as_ref().map(|p| p.last_built_on().to_string()),
            totals: Totals { issues: now.issues.len(), notes: now.notes.len(), targets: now.targets.len() },
            summary: summary(&ch),
            new_notes: ch.new_notes.iter().map(|n| note_line(n, true)).collect(),
            corrected_notes: ch.corrected_notes.iter().map(|n| note_line(n, true)).collect(),
            withdrawn_notes: ch.withdrawn_notes.iter().map(|n| note_line(n, false)).collect(),
            status_changes: ch
                .status_changes
                .iter()
                .map(|(i, from)| {
                    issue_change(i, true, Some(status_label(from)), Some(status_label(&i.status)))
                })
                .collect(),
            deadline_changes: ch
                .deadline_changes
                .iter()
                .map(|(i, from)| issue_change(i, true, from.clone(), i.deadline.clone()))
                .collect(),
            new_issues: ch.new_issues.iter().map(|i| issue_change(i, true, None, None)).collect(),
            removed_issues: ch.removed_issues.iter().map(|i| issue_change(i, false, None, None)).collect(),
            observations,
            new_targets: ch
                .new_targets
                .iter()
                .map(|t| TargetLine { name: t.name.clone(), path: Some(urls::target(&t.id)) })
                .collect(),
            removed_targets: ch
                .removed_targets
                .iter()
                .map(|t| TargetLine { name: t.name.clone(), path: None })
                .collect(),
        }
    }
}

/// The Chinese label of a status key (a key from an older manifest that is
/// no longer known is shown as it is).
fn status_label(key: &str) -> String {
    Status::ALL
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, s)| s.label().to_string())
        .unwrap_or_else(|| key.into())
}

/// 「新发布整改进展 3 条，2 个问题整改状态变化，……」
fn summary(ch: &ReleaseChanges) -> String {
    let new_notes = match ch.backdated_notes.len() {
        0 => "新发布整改进展 {} 条".to_string(),
        n => format!("新发布整改进展 {{}} 条（其中补发 {n} 条）"),
    };
    let parts: Vec<String> = [
        (ch.new_notes.len(), new_notes.as_str()),
        (ch.corrected_notes.len(), "更正整改进展 {} 条"),
        (ch.withdrawn_notes.len(), "撤下整改进展 {} 条"),
        (ch.status_changes.len(), "{} 个问题整改状态变化"),
        (ch.deadline_changes.len(), "{} 个问题整改时限调整"),
        (ch.new_issues.len(), "新增问题 {} 个"),
        (ch.removed_issues.len(), "删除问题 {} 个"),
        (ch.new_observations.len(), "目标指标新数据 {} 项"),
        (ch.corrected_observations.len(), "更正指标数据 {} 项"),
        (ch.new_targets.len(), "新增目标指标 {} 项"),
        (ch.removed_targets.len(), "删除目标指标 {} 项"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, words)| words.replace("{}", &n.to_string()))
    .collect();
    parts.join("，")
}
