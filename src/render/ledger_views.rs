//! Other ways into the ledger, pre-built so that they work without
//! JavaScript: by progress (status and schedule) and by responsible unit.
//! The category view is the ledger page itself.

use super::views::{Counts, Group, IssueRow, counts};
use super::words;
use std::collections::HashMap;

/// The progress groups, in the order a reader scans them: what needs
/// attention first, then what is finished, by status.
const PROGRESS_GROUPS: &[&str] =
    &["overdue", "behind", "on-schedule", "basically-done", "done", "publicizing", "closed", "ongoing"];

/// Unfinished issues by schedule, finished ones by status; every group is
/// listed, empty or not, so that a zero is visible too.
pub fn by_progress(rows: &[IssueRow]) -> Vec<Group<'_>> {
    PROGRESS_GROUPS
        .iter()
        .map(|key| {
            let rows: Vec<&IssueRow> = rows
                .iter()
                .filter(|r| if r.finished { r.status.key == *key } else { r.schedule.key == *key })
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
#[derive(Debug, Clone)]
pub struct UnitGroup<'a> {
    pub name: String,
    pub anchor: String,
    /// Issues the unit leads (牵头), in ledger order.
    pub lead: Vec<&'a IssueRow>,
    /// Issues the unit supports (配合), in ledger order.
    pub support: Vec<&'a IssueRow>,
    /// Counts over the issues it leads.
    pub counts: Counts,
}

/// Units in order of first appearance as a lead unit in the ledger (the
/// order the plan itself lists them), then units that only support.
pub fn by_unit(rows: &[IssueRow]) -> Vec<UnitGroup<'_>> {
    // Units in order of first appearance, leads first; each row put into
    // its units' lists in one pass (a province has hundreds of units and
    // 100,000 issues: too many to scan every row once per unit).
    let mut units: Vec<(&str, [Vec<&IssueRow>; 2])> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for role in [0, 1] {
        for r in rows {
            for name in if role == 0 { &r.lead } else { &r.support } {
                let u = *index.entry(name).or_insert_with(|| {
                    units.push((name, [Vec::new(), Vec::new()]));
                    units.len() - 1
                });
                let list = &mut units[u].1[role];
                // A unit named twice in one issue lists it once.
                if list.last().is_none_or(|last| !std::ptr::eq(*last, r)) {
                    list.push(r);
                }
            }
        }
    }
    units
        .into_iter()
        .enumerate()
        .map(|(i, (name, [lead, support]))| UnitGroup {
            name: name.to_string(),
            anchor: format!("unit-{}", i + 1),
            counts: counts(&lead),
            lead,
            support,
        })
        .collect()
}
