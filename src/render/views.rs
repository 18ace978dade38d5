//! What templates see: the model flattened into plain, serialisable rows
//! with labels in Chinese and paths from the site root. Built once and
//! shared by every page.

use super::words;
use crate::content::{Issue, ProgressNote};
use crate::model::{HistoryEntry, IssueFacts, Model, TargetFacts};
use crate::urls;
use chrono::NaiveDateTime;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Tag {
    pub key: &'static str,
    pub label: &'static str,
}

/// A point in time, in every form a page or feed needs.
#[derive(Debug, Clone, Serialize)]
pub struct Time {
    /// RFC 3339 with +08:00, for `<time datetime>`.
    pub iso: String,
    /// YYYY-MM-DD
    pub date: String,
    /// YYYY-MM-DD HH:MM (Beijing time): a page's publication or update time.
    pub display: String,
    /// As written: YYYY-MM-DD HH:MM, or only the date for a date-only note
    /// (lists and timelines would otherwise show a misleading 00:00).
    pub label: String,
}

impl Time {
    pub fn new(t: NaiveDateTime) -> Time {
        let display = words::date_time(t);
        Time {
            iso: t.format("%Y-%m-%dT%H:%M:%S+08:00").to_string(),
            date: words::date(t.date()),
            label: display.clone(),
            display,
        }
    }

    pub fn of_note(d: crate::content::NoteDate) -> Time {
        let mut t = Time::new(d.time);
        if !d.has_time {
            t.label = t.date.clone();
        }
        t
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct IssueRow {
    pub id: String,
    pub number: u32,
    pub title: String,
    pub category: String,
    pub kind: Tag,
    pub lead: Vec<String>,
    pub support: Vec<String>,
    pub leaders: Vec<String>,
    pub deadline: Option<String>,
    pub original_deadline: Option<String>,
    pub deadline_changes: usize,
    pub status: Tag,
    pub finished: bool,
    pub schedule: Tag,
    pub due_soon: bool,
    pub days_left: Option<i64>,
    /// Days past the deadline, when overdue.
    pub overdue_days: Option<i64>,
    pub stale: bool,
    pub last_update: Option<Time>,
    pub notes: usize,
    pub path: String,
    pub feed_path: String,
}

pub fn issue_row(issue: &Issue, f: &IssueFacts) -> IssueRow {
    IssueRow {
        id: issue.id.clone(),
        number: issue.number,
        title: issue.title.clone(),
        category: issue.category.value.clone(),
        kind: Tag { key: issue.kind.key(), label: words::issue_kind(issue.kind) },
        lead: issue.lead.clone(),
        support: issue.support.clone(),
        leaders: issue.leaders.clone(),
        deadline: f.deadline.map(words::date),
        original_deadline: issue.deadline.map(words::date),
        deadline_changes: f.deadline_changes.len(),
        status: Tag { key: f.status.key(), label: words::issue_status(f) },
        finished: f.finished,
        schedule: Tag { key: f.schedule.key(), label: words::schedule(f.schedule) },
        due_soon: f.due_soon,
        days_left: f.days_left,
        overdue_days: f.days_left.filter(|d| *d < 0 && !f.finished).map(|d| -d),
        stale: f.stale,
        last_update: f.last_update.map(Time::new),
        notes: f.history.len(),
        path: urls::issue(&issue.id),
        feed_path: urls::issue_feed(&issue.id),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct IssueLink {
    pub id: String,
    pub number: u32,
    pub title: String,
    pub path: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NoteRow {
    pub slug: String,
    pub title: String,
    pub date: Time,
    pub path: String,
    pub issues: Vec<IssueLink>,
    /// What the note changed, one line per change: 「问题7：状态 整改中 → 已完成」.
    pub changes: Vec<String>,
    pub reported_by: Option<String>,
}

/// The issues a note names (indices, in ledger order) and what it changed
/// for each, in words.
pub fn note_changes(model: &Model, note_index: usize) -> Vec<(usize, Vec<String>)> {
    let note = &model.content.notes[note_index];
    let mut issues: Vec<usize> =
        note.issues.iter().filter_map(|id| model.issue_position(&id.value)).collect();
    issues.sort_by_key(|&i| model.content.issues[i].number);
    issues.dedup();
    issues
        .into_iter()
        .map(|i| {
            let entry = model.history_entry(i, note_index);
            let words = entry.map(|h| event_words(&model.content.issues[i], h)).unwrap_or_default();
            (i, words)
        })
        .collect()
}

pub fn event_words(issue: &Issue, entry: &HistoryEntry) -> Vec<String> {
    entry.events.iter().map(|e| words::event(issue, e)).collect()
}

pub fn issue_link(issue: &Issue) -> IssueLink {
    IssueLink {
        id: issue.id.clone(),
        number: issue.number,
        title: issue.title.clone(),
        path: urls::issue(&issue.id),
    }
}

pub fn note_row(model: &Model, note_index: usize) -> NoteRow {
    let note: &ProgressNote = &model.content.notes[note_index];
    let changes = note_changes(model, note_index);
    let many = changes.len() > 1;
    NoteRow {
        slug: note.slug.clone(),
        title: note.title.clone(),
        date: Time::of_note(note.date),
        path: urls::note(&note.slug),
        issues: changes.iter().map(|(i, _)| issue_link(&model.content.issues[*i])).collect(),
        changes: changes
            .iter()
            .flat_map(|(i, words)| {
                let n = model.content.issues[*i].number;
                words.iter().map(move |w| if many { words::event_of_issue(n, w) } else { w.clone() })
            })
            .collect(),
        reported_by: note.reported_by.clone(),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct TargetRow {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub unit: Option<String>,
    pub comparison: Option<&'static str>,
    pub target_value: Option<String>,
    pub target_text: Option<String>,
    pub by: String,
    pub baseline_value: Option<String>,
    pub baseline_period: Option<String>,
    pub latest_value: Option<String>,
    pub latest_period: Option<String>,
    pub latest_date: Option<String>,
    /// Qualitative: 已实现 / 未实现.
    pub latest_status: Option<&'static str>,
    /// Qualitative: what the latest assessment found.
    pub latest_note: Option<String>,
    /// The goal in words: 「低于25微克/立方米」, or a qualitative target's text.
    pub goal: String,
    /// 「2025年底」
    pub by_words: String,
    /// Average change so far, in words: 「每年下降1.33」, and since when.
    pub pace: Option<String>,
    pub pace_from: Option<String>,
    /// Change per year still needed to meet the target in time, in words.
    pub needed_pace: Option<String>,
    pub achieved: bool,
    pub assessment: Tag,
    pub progress_percent: Option<String>,
    /// Whole percent for the width of a progress bar.
    pub progress_width: Option<u32>,
    pub summary: String,
    pub path: String,
}

pub fn target_row(t: &crate::content::Target, f: &TargetFacts) -> TargetRow {
    TargetRow {
        id: t.id.clone(),
        name: t.name.clone(),
        kind: t.kind.key(),
        unit: t.unit.clone(),
        comparison: t.goal.comparison.map(|c| c.symbol()),
        target_value: t.goal.value.map(words::number),
        target_text: t.goal.text.clone(),
        by: words::date(t.goal.by),
        baseline_value: t.baseline.as_ref().and_then(|b| b.value).map(words::number),
        baseline_period: t.baseline.as_ref().map(words::period),
        latest_value: f.latest.as_ref().and_then(|o| o.value).map(words::number),
        latest_period: f.latest.as_ref().map(words::period),
        latest_date: f.latest.as_ref().map(|o| words::date(o.date)),
        latest_status: f.latest.as_ref().and_then(|o| o.achieved).map(words::achieved),
        latest_note: f.latest.as_ref().and_then(|o| o.note.clone()),
        goal: words::goal(t),
        by_words: words::deadline(t.goal.by),
        pace: f.average_rate.map(|r| words::pace(r, t.unit.as_deref())),
        pace_from: f.reference.as_ref().map(words::period),
        needed_pace: f.needed_rate.filter(|_| !f.achieved).map(|r| words::pace(r, t.unit.as_deref())),
        achieved: f.achieved,
        assessment: Tag { key: f.assessment.key(), label: words::assessment(f.assessment, t.kind) },
        progress_percent: f.progress_percent.map(|p| words::number(p.round())),
        progress_width: f.progress_percent.map(|p| p.round() as u32),
        summary: words::target_summary(t, f),
        path: urls::target(&t.id),
    }
}

/// Headline figures for the home page.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Counts {
    pub total: usize,
    pub finished: usize,
    pub unfinished: usize,
    pub overdue: usize,
    pub behind: usize,
    pub on_schedule: usize,
    pub due_soon: usize,
    pub stale: usize,
    /// Finished share in whole percent.
    pub finished_percent: u32,
}

pub fn counts<R: std::borrow::Borrow<IssueRow>>(rows: &[R]) -> Counts {
    let n = |f: &dyn Fn(&IssueRow) -> bool| rows.iter().filter(|r| f((*r).borrow())).count();
    let total = rows.len();
    let finished = n(&|r| r.finished);
    Counts {
        total,
        finished,
        unfinished: total - finished,
        overdue: n(&|r| r.schedule.key == "overdue"),
        behind: n(&|r| r.schedule.key == "behind"),
        on_schedule: n(&|r| r.schedule.key == "on-schedule"),
        due_soon: n(&|r| r.due_soon),
        stale: n(&|r| r.stale),
        finished_percent: (finished * 100).checked_div(total).unwrap_or(0) as u32,
    }
}

/// Issues of one category, in ledger order (the rows borrowed: a
/// province's ledger page groups 100,000 of them).
#[derive(Debug, Clone)]
pub struct Group<'a> {
    pub name: String,
    /// Fragment id of the group on the ledger page.
    pub anchor: String,
    pub rows: Vec<&'a IssueRow>,
    pub counts: Counts,
}

/// A category's name, anchor and counts without its rows: what the home
/// page shows of each (the rows of a province are tens of megabytes as
/// template values).
#[derive(Debug, Clone, Serialize)]
pub struct CategoryCount {
    pub name: String,
    pub anchor: String,
    pub counts: Counts,
}

pub fn category_counts(rows: &[IssueRow], order: &[String]) -> Vec<CategoryCount> {
    let groups = by_category(rows, order);
    groups.into_iter().map(|g| CategoryCount { name: g.name, anchor: g.anchor, counts: g.counts }).collect()
}

/// Groups rows by category: the order of site.yaml's `categories`, then
/// any other category in order of first appearance.
pub fn by_category<'a>(rows: &'a [IssueRow], order: &[String]) -> Vec<Group<'a>> {
    let mut names: Vec<String> =
        order.iter().filter(|c| rows.iter().any(|r| &r.category == *c)).cloned().collect();
    for r in rows {
        if !names.contains(&r.category) {
            names.push(r.category.clone());
        }
    }
    names
        .into_iter()
        .enumerate()
        .map(|(i, name)| {
            let rows: Vec<&IssueRow> = rows.iter().filter(|r| r.category == name).collect();
            Group { anchor: format!("category-{}", i + 1), counts: counts(&rows), name, rows }
        })
        .collect()
}
