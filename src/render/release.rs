//! The 本次更新 page (`release.html`): what this release changed in content
//! terms against the release before, in words and with links to the pages
//! that show it. Its path cannot collide with content: page slugs, issue
//! and target ids ending in `.html` are reserved, so no content folder is
//! ever called `release.html`.

use super::words;
use crate::model::release::{NoteFact, ReleaseHistory, TargetFact};
use crate::urls;
use serde::Serialize;
use std::collections::HashMap;

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
    /// 交办件 tables published since the release before.
    pub case_tables: Vec<CaseTableLine>,
    /// Cases of earlier batches whose values changed.
    pub updated_cases: Vec<CaseLine>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CaseTableLine {
    pub title: String,
    pub published: String,
    pub cases: usize,
    pub path: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CaseLine {
    pub id: String,
    pub path: String,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Totals {
    pub issues: usize,
    pub notes: usize,
    pub targets: usize,
    pub cases: usize,
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
        let numbers: HashMap<&str, u32> = now.issues.iter().map(|i| (i.id.as_str(), i.number)).collect();
        let number_of = |id: &str| numbers.get(id).copied();
        let note_line = |n: &NoteFact, linked: bool| NoteLine {
            backdated: ch.backdated_notes.contains(&n.slug),
            title: n.title.clone(),
            date: n.date.clone(),
            path: linked.then(|| urls::note(&n.slug)),
            issues: n
                .issues
                .iter()
                .map(|id| match number_of(id) {
                    Some(n) => words::issue_number(n),
                    None => words::issue_id(id),
                })
                .collect::<Vec<_>>()
                .join(words::LIST),
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
                (Some(v), _) => words::value_with_unit(v, t.unit.as_deref()),
                (None, Some(achieved)) => words::achieved(achieved).into(),
                (None, None) => words::NO_VALUE.into(),
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
            totals: Totals {
                issues: now.issues.len(),
                notes: now.notes.len(),
                targets: now.targets.len(),
                cases: now.cases.len(),
            },
            summary: words::release_summary(&ch),
            new_notes: ch.new_notes.iter().map(|n| note_line(n, true)).collect(),
            corrected_notes: ch.corrected_notes.iter().map(|n| note_line(n, true)).collect(),
            withdrawn_notes: ch.withdrawn_notes.iter().map(|n| note_line(n, false)).collect(),
            status_changes: ch
                .status_changes
                .iter()
                .map(|(i, from)| {
                    issue_change(i, true, Some(words::status_key(from)), Some(words::status_key(&i.status)))
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
            case_tables: ch
                .new_case_tables
                .iter()
                .map(|t| {
                    let published = crate::dates::parse(&t.published);
                    let (title, path) = match (t.batch, published) {
                        (Some(n), _) => (words::batch_title(n), urls::case_batch(n)),
                        (None, Some(d)) => (
                            words::case_update_title(d),
                            format!("{}#{}", urls::CASES, urls::case_update_anchor(d)),
                        ),
                        (None, None) => (t.file.clone(), urls::CASES.to_string()),
                    };
                    CaseTableLine { title, published: t.published.clone(), cases: t.cases, path }
                })
                .collect(),
            updated_cases: ch
                .updated_cases
                .iter()
                .map(|c| CaseLine { id: c.id.clone(), path: urls::case(&c.id) })
                .collect(),
        }
    }
}
