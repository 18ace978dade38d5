//! Open data for journalists and other sites: the ledger, the notes and
//! the targets as JSON and CSV, in the shape the content format fixes.
//! CSV is UTF-8 with a byte-order mark (Excel), RFC 4180 with CRLF.

use crate::model::targets::fmt_number;
use crate::model::Model;
use crate::render::{urls, views};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct IssueRecord {
    pub id: String,
    pub number: u32,
    pub title: String,
    pub category: String,
    pub kind: &'static str,
    pub lead: Vec<String>,
    pub support: Vec<String>,
    pub deadline: Option<String>,
    pub original_deadline: Option<String>,
    pub deadline_changes: usize,
    pub status: &'static str,
    pub status_label: &'static str,
    pub finished: bool,
    pub schedule: &'static str,
    pub due_soon: bool,
    pub stale: bool,
    pub last_update: Option<String>,
    pub notes: usize,
    pub url: String,
}

#[derive(Debug, Serialize)]
pub struct NoteRecord {
    pub slug: String,
    pub date: String,
    pub title: String,
    pub issues: Vec<String>,
    pub status: Option<&'static str>,
    pub deadline: Option<String>,
    pub url: String,
}

#[derive(Debug, Serialize)]
pub struct TargetRecord {
    pub id: String,
    pub name: String,
    pub unit: Option<String>,
    pub kind: &'static str,
    pub comparison: Option<&'static str>,
    pub target_value: Option<f64>,
    pub by: String,
    pub baseline_value: Option<f64>,
    pub latest_value: Option<f64>,
    pub latest_date: Option<String>,
    pub achieved: bool,
    pub progress_percent: Option<f64>,
    pub url: String,
    // Extra fields (the contract allows additions).
    pub target_text: Option<String>,
    pub assessment: &'static str,
    pub summary: String,
}

pub fn issues(model: &Model) -> Vec<IssueRecord> {
    let base = &model.content.site.base_url;
    model
        .content
        .issues
        .iter()
        .zip(&model.issues)
        .map(|(i, f)| IssueRecord {
            id: i.id.clone(),
            number: i.number,
            title: i.title.clone(),
            category: i.category.value.clone(),
            kind: i.kind.key(),
            lead: i.lead.clone(),
            support: i.support.clone(),
            deadline: f.deadline.map(views::date),
            original_deadline: i.deadline.map(views::date),
            deadline_changes: f.deadline_changes.len(),
            status: f.status.key(),
            status_label: f.status.label(),
            finished: f.finished,
            schedule: f.schedule.key(),
            due_soon: f.due_soon,
            stale: f.stale,
            last_update: f.last_update.map(|t| views::date(t.date())),
            notes: f.history.len(),
            url: urls::absolute(base, &urls::issue(&i.id)),
        })
        .collect()
}

pub fn notes(model: &Model) -> Vec<NoteRecord> {
    let c = &model.content;
    model
        .published
        .iter()
        .map(|&n| {
            let note = &c.notes[n];
            NoteRecord {
                slug: note.slug.clone(),
                date: views::Time::new(note.date.time).iso,
                title: note.title.clone(),
                issues: note.issues.iter().map(|i| i.value.clone()).collect(),
                status: note.status.map(|s| s.key()),
                deadline: note.deadline.map(views::date),
                url: urls::absolute(&c.site.base_url, &urls::note(&note.slug)),
            }
        })
        .collect()
}

pub fn targets(model: &Model) -> Vec<TargetRecord> {
    let c = &model.content;
    c.targets
        .iter()
        .zip(&model.targets)
        .map(|(t, f)| TargetRecord {
            id: t.id.clone(),
            name: t.name.clone(),
            unit: t.unit.clone(),
            kind: t.kind.key(),
            comparison: t.goal.comparison.map(|c| c.symbol()),
            target_value: t.goal.value,
            by: views::date(t.goal.by),
            baseline_value: t.baseline.as_ref().and_then(|b| b.value),
            latest_value: f.latest.as_ref().and_then(|o| o.value),
            latest_date: f.latest.as_ref().map(|o| views::date(o.date)),
            achieved: f.achieved,
            progress_percent: f.progress_percent.map(|p| (p * 10.0).round() / 10.0),
            url: urls::absolute(&c.site.base_url, &urls::target(&t.id)),
            target_text: t.goal.text.clone(),
            assessment: f.assessment.key(),
            summary: f.summary.clone(),
        })
        .collect()
}

pub fn json<T: Serialize>(records: &[T]) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(records).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// A CSV table: header row and rows of cells, with a BOM and CRLF.
pub fn csv(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(b"\xEF\xBB\xBF".to_vec());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(header);
    for row in rows {
        let _ = w.write_record(&row);
    }
    w.into_inner().unwrap_or_default()
}

const LIST_SEPARATOR: &str = "；";

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

pub fn issues_csv(records: &[IssueRecord]) -> Vec<u8> {
    csv(
        &[
            "id", "number", "title", "category", "kind", "lead", "support", "deadline", "original_deadline",
            "deadline_changes", "status", "status_label", "finished", "schedule", "due_soon", "stale",
            "last_update", "notes", "url",
        ],
        records.iter().map(|r| {
            vec![
                r.id.clone(),
                r.number.to_string(),
                r.title.clone(),
                r.category.clone(),
                r.kind.to_string(),
                r.lead.join(LIST_SEPARATOR),
                r.support.join(LIST_SEPARATOR),
                opt(r.deadline.as_ref()),
                opt(r.original_deadline.as_ref()),
                r.deadline_changes.to_string(),
                r.status.to_string(),
                r.status_label.to_string(),
                r.finished.to_string(),
                r.schedule.to_string(),
                r.due_soon.to_string(),
                r.stale.to_string(),
                opt(r.last_update.as_ref()),
                r.notes.to_string(),
                r.url.clone(),
            ]
        }),
    )
}

pub fn notes_csv(records: &[NoteRecord]) -> Vec<u8> {
    csv(
        &["slug", "date", "title", "issues", "status", "deadline", "url"],
        records.iter().map(|r| {
            vec![
                r.slug.clone(),
                r.date.clone(),
                r.title.clone(),
                r.issues.join(LIST_SEPARATOR),
                opt(r.status),
                opt(r.deadline.as_ref()),
                r.url.clone(),
            ]
        }),
    )
}

pub fn targets_csv(records: &[TargetRecord]) -> Vec<u8> {
    csv(
        &[
            "id", "name", "unit", "kind", "comparison", "target_value", "by", "baseline_value", "latest_value",
            "latest_date", "achieved", "progress_percent", "url", "target_text", "assessment", "summary",
        ],
        records.iter().map(|r| {
            vec![
                r.id.clone(),
                r.name.clone(),
                opt(r.unit.as_ref()),
                r.kind.to_string(),
                opt(r.comparison),
                opt(r.target_value.map(fmt_number)),
                r.by.clone(),
                opt(r.baseline_value.map(fmt_number)),
                opt(r.latest_value.map(fmt_number)),
                opt(r.latest_date.as_ref()),
                r.achieved.to_string(),
                opt(r.progress_percent.map(fmt_number)),
                r.url.clone(),
                opt(r.target_text.as_ref()),
                r.assessment.to_string(),
                r.summary.clone(),
            ]
        }),
    )
}
