//! Other ways into the ledger, pre-built so that they work without
//! JavaScript: by progress (status and schedule) and by responsible unit.
//! The category view is the ledger page itself.

use super::views::{Counts, Group, IssueRow, counts};
use super::words;
use serde::Serialize;

/// The progress groups, in the order a reader scans them: what needs
/// attention first, then what is finished, by status.
const PROGRESS_GROUPS: &[&str] =
    &["overdue", "behind", "on-schedule", "basically-done", "done", "publicizing", "closed", "ongoing"];

/// Unfinished issues by schedule, finished ones by status; every group is
/// listed, empty or not, so that a zero is visible too.
pub fn by_progress(rows: &[IssueRow]) -> Vec<Group> {
    PROGRESS_GROUPS
        .iter()
        .map(|key| {
            let rows: Vec<IssueRow> = rows
                .iter()
                .filter(|r| if r.finished { r.status.key == *key } else { r.schedule.key == *key })
                .cloned()
                .collect();
            Group {
                name: words::progress_group(key).to_string(),
                anchor: format!("progress-{key}"),
                counts: counts(&rows),
                rows,
            }
        })
        .collect()
}

/// One responsible unit and the issues it leads or supports.
#[derive(Debug, Clone, Serialize)]
pub struct UnitGroup {
    pub name: String,
    pub anchor: String,
    /// Issues the unit leads (牵头), in ledger order.
    pub lead: Vec<IssueRow>,
    /// Issues the unit supports (配合), in ledger order.
    pub support: Vec<IssueRow>,
    /// Counts over the issues it leads.
    pub counts: Counts,
}

/// Units in order of first appearance as a lead unit in the ledger (the
/// order the plan itself lists them), then units that only support.
pub fn by_unit(rows: &[IssueRow]) -> Vec<UnitGroup> {
    let mut names: Vec<&String> = Vec::new();
    for unit in rows.iter().flat_map(|r| &r.lead).chain(rows.iter().flat_map(|r| &r.support)) {
        if !names.contains(&unit) {
            names.push(unit);
        }
    }
    names
        .into_iter()
        .enumerate()
        .map(|(i, name)| {
            let lead: Vec<IssueRow> = rows.iter().filter(|r| r.lead.contains(name)).cloned().collect();
            let support: Vec<IssueRow> = rows.iter().filter(|r| r.support.contains(name)).cloned().collect();
            UnitGroup {
                name: name.clone(),
                anchor: format!("unit-{}", i + 1),
                counts: counts(&lead),
                lead,
                support,
            }
        })
        .collect()
}
