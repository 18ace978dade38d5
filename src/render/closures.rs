//! 销号公示 and 验收 as pages show them: the notices page, the notice and
//! acceptance of an issue, and those a note announces.

use super::views::{IssueLink, Time, issue_link};
use super::words;
use crate::content::{Acceptance, Publicity};
use crate::model::closure::{Notice, NoticeOutcome, PublicityPhase, period_days, phase};
use crate::model::{IssueFacts, Model};
use crate::urls;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct AcceptanceView {
    pub date: String,
    pub level: &'static str,
    pub by: String,
    /// 验收意见, rendered for the page that shows it.
    pub opinion_html: Option<String>,
    /// 「市级验收：2024-02-26，……」
    pub summary: String,
}

pub fn acceptance_view(a: &Acceptance, md: &dyn Fn(&str) -> String) -> AcceptanceView {
    AcceptanceView {
        date: words::date(a.date),
        level: a.level.name(),
        by: a.by.clone(),
        opinion_html: a.opinion.as_ref().map(|o| md(&o.text)),
        summary: words::acceptance(a),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PublicityView {
    pub from: String,
    pub to: String,
    /// 「2024-03-01 至 2024-03-07（7 天）」
    pub period: String,
    /// Days in the period, both ends counted.
    pub days: i64,
    pub contact: String,
    /// Where it stands or how it ended: 「正在公示，还剩 3 天」, 「2024-03-10 销号」.
    pub state: Option<String>,
    /// The kind of `state`, for its tag: open, ended, closed, reopened, renewed, changed.
    pub state_key: &'static str,
    /// In its period (or announced): citizens may still object.
    pub open: bool,
}

/// A notice as a note announces it. A note may name several issues, each
/// with its own outcome, so only a notice still open says where it stands.
pub fn publicity_view(p: &Publicity, as_of: NaiveDate) -> PublicityView {
    let mut v = view(p.from, p.to, &p.contact);
    let phase = phase(p.from, p.to, as_of);
    if matches!(phase, PublicityPhase::Open { .. } | PublicityPhase::Upcoming) {
        v.state = Some(words::publicity_phase(phase, p.from));
        v.state_key = "open";
        v.open = true;
    }
    v
}

fn view(from: NaiveDate, to: NaiveDate, contact: &str) -> PublicityView {
    PublicityView {
        from: words::date(from),
        to: words::date(to),
        period: words::publicity_period(from, to),
        days: period_days(from, to),
        contact: contact.to_string(),
        state: None,
        state_key: "",
        open: false,
    }
}

/// One notice of one issue, on the notices page, the home page and the issue page.
#[derive(Debug, Clone, Serialize)]
pub struct NoticeRow {
    pub issue: IssueLink,
    pub publicity: PublicityView,
    /// The note that announced it.
    pub note_path: String,
    pub note_title: String,
    pub announced: Time,
    /// The acceptance it followed: the latest on or before the notice.
    pub acceptance: Option<AcceptanceView>,
    /// The note that decided it.
    pub decided_path: Option<String>,
}

fn notice_row(model: &Model, issue: usize, notice: &Notice) -> NoticeRow {
    let c = &model.content;
    let f = &model.issues[issue];
    let note = &c.notes[notice.note];
    let decided = match notice.outcome {
        NoticeOutcome::Pending(_) => None,
        NoticeOutcome::Closed { note }
        | NoticeOutcome::Reopened { note }
        | NoticeOutcome::Renewed { note }
        | NoticeOutcome::Changed { note, .. } => Some(&c.notes[note]),
    };
    // The acceptance in force when the notice was announced.
    let upto = f.history.iter().position(|h| h.note == notice.note).map_or(0, |p| p + 1);
    let acceptance = f.history[..upto].iter().rev().find_map(|h| c.notes[h.note].acceptance.as_ref());
    let mut publicity =
        view(notice.from, notice.to, note.publicity.as_ref().map_or("", |p| p.contact.as_str()));
    publicity.state =
        Some(words::notice_outcome(notice.outcome, decided.map(|n| n.date.date()), notice.from));
    publicity.state_key = match notice.outcome {
        NoticeOutcome::Pending(PublicityPhase::Ended) => "ended",
        NoticeOutcome::Pending(_) => "open",
        NoticeOutcome::Closed { .. } => "closed",
        NoticeOutcome::Reopened { .. } => "reopened",
        NoticeOutcome::Renewed { .. } => "renewed",
        NoticeOutcome::Changed { .. } => "changed",
    };
    publicity.open = publicity.state_key == "open";
    NoticeRow {
        issue: issue_link(&c.issues[issue]),
        publicity,
        note_path: urls::note(&note.slug),
        note_title: note.title.clone(),
        announced: Time::of_note(note.date),
        acceptance: acceptance.map(|a| acceptance_view(a, &|_| String::new())),
        decided_path: decided.map(|n| urls::note(&n.slug)),
    }
}

/// The notices page: those citizens may still object to first, soonest
/// ending first; then the decided and ended ones, newest first.
#[derive(Debug, Serialize)]
pub struct ClosuresView {
    pub open: Vec<NoticeRow>,
    pub past: Vec<NoticeRow>,
    /// Issues closed (销号) so far, and how many of them after a notice.
    pub closed: usize,
    pub closed_after_notice: usize,
}

pub fn closures(model: &Model) -> ClosuresView {
    let mut all: Vec<(&Notice, NoticeRow)> = Vec::new();
    for (i, f) in model.issues.iter().enumerate() {
        for n in &f.notices {
            all.push((n, notice_row(model, i, n)));
        }
    }
    let is_open = |n: &Notice| {
        matches!(n.outcome, NoticeOutcome::Pending(PublicityPhase::Open { .. } | PublicityPhase::Upcoming))
    };
    let (mut open, mut past): (Vec<_>, Vec<_>) = all.into_iter().partition(|(n, _)| is_open(n));
    open.sort_by_key(|(n, row)| (n.to, n.from, row.issue.number));
    past.sort_by_key(|(n, row)| (std::cmp::Reverse((n.from, n.to)), row.issue.number));
    let closed: Vec<&IssueFacts> = model.issues.iter().filter(|f| f.closed_on.is_some()).collect();
    ClosuresView {
        open: open.into_iter().map(|(_, r)| r).collect(),
        past: past.into_iter().map(|(_, r)| r).collect(),
        closed: closed.len(),
        closed_after_notice: closed
            .iter()
            .filter(|f| f.notices.iter().any(|n| matches!(n.outcome, NoticeOutcome::Closed { .. })))
            .count(),
    }
}

/// Whether the site has any notice, so that it has a notices page.
pub fn has_notices(model: &Model) -> bool {
    model.issues.iter().any(|f| !f.notices.is_empty())
}

/// An issue's acceptance and notices, for its page.
#[derive(Debug, Serialize)]
pub struct IssueClosureView {
    pub acceptance: Option<AcceptanceView>,
    /// The notice the issue is in, while undecided.
    pub current: Option<NoticeRow>,
    /// Every notice, oldest first.
    pub notices: Vec<NoticeRow>,
    pub closed_on: Option<String>,
}

pub fn issue_closure(model: &Model, issue: usize, md: &dyn Fn(&str) -> String) -> IssueClosureView {
    let f = &model.issues[issue];
    let notices: Vec<NoticeRow> = f.notices.iter().map(|n| notice_row(model, issue, n)).collect();
    IssueClosureView {
        acceptance: f
            .acceptance
            .and_then(|n| model.content.notes[n].acceptance.as_ref())
            .map(|a| acceptance_view(a, md)),
        current: f.current_notice().and_then(|_| notices.last().cloned()),
        notices,
        closed_on: f.closed_on.map(|t| words::date(t.date())),
    }
}
