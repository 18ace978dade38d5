//! An issue's rectification history and where it stands against the
//! as-of date, exactly as the format's "Statuses" section defines them.

use super::closure::{self, Notice};
use crate::content::{AcceptanceLevel, Issue, ProgressNote, SiteConfig, Status};
use chrono::{NaiveDate, NaiveDateTime};
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Schedule {
    Finished,
    /// 逾期: not finished and the current deadline is before the as-of date.
    Overdue,
    /// 未达到序时进度: a milestone dated before the as-of date is not reached.
    Behind,
    /// 达到序时进度.
    OnSchedule,
}

impl Schedule {
    pub fn key(self) -> &'static str {
        match self {
            Schedule::Finished => "finished",
            Schedule::Overdue => "overdue",
            Schedule::Behind => "behind",
            Schedule::OnSchedule => "on-schedule",
        }
    }
}

/// A change a note made to an issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Status {
        from: Status,
        to: Status,
    },
    Deadline {
        from: Option<NaiveDate>,
        to: NaiveDate,
    },
    /// 1-based milestone number.
    Milestone {
        number: usize,
    },
    /// 整改验收 reported.
    Acceptance {
        date: NaiveDate,
        level: AcceptanceLevel,
    },
    /// 销号公示 announced, `from` to `to` inclusive.
    Publicity {
        from: NaiveDate,
        to: NaiveDate,
    },
}

/// One published note in an issue's history, with the changes it made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    /// Index into `content.notes`.
    pub note: usize,
    pub events: Vec<Event>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineChange {
    pub from: Option<NaiveDate>,
    pub to: NaiveDate,
    pub note: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IssueFacts {
    pub status: Status,
    pub finished: bool,
    /// The current deadline, after every move.
    pub deadline: Option<NaiveDate>,
    /// Oldest first; one entry per published note naming the issue.
    pub history: Vec<HistoryEntry>,
    pub deadline_changes: Vec<DeadlineChange>,
    /// Per milestone, the note that first reported it reached.
    pub milestones_reached: Vec<Option<usize>>,
    pub schedule: Schedule,
    /// Milestones (0-based) dated before the as-of date and not reached.
    pub missed_milestones: Vec<usize>,
    pub due_soon: bool,
    /// Days from the as-of date to the current deadline (negative when past).
    pub days_left: Option<i64>,
    pub stale: bool,
    /// Time of the newest published note naming the issue.
    pub last_update: Option<NaiveDateTime>,
    /// The note with the latest acceptance (验收), if any.
    pub acceptance: Option<usize>,
    /// Every notice (销号公示), oldest first, with how it ended.
    pub notices: Vec<Notice>,
    /// When the issue is closed: the time of the note that closed it.
    pub closed_on: Option<NaiveDateTime>,
}

impl IssueFacts {
    /// The notice an issue that is publicizing is in.
    pub fn current_notice(&self) -> Option<&Notice> {
        self.notices.last().filter(|_| self.status == Status::Publicizing)
    }
}

/// `notes` are the indices (into `all_notes`, oldest first) of the published
/// notes that name `issue`.
pub fn issue_facts(
    issue: &Issue,
    all_notes: &[Arc<ProgressNote>],
    notes: &[usize],
    site: &SiteConfig,
    as_of: NaiveDate,
) -> IssueFacts {
    let mut status = issue.initial_status;
    let mut deadline = issue.deadline;
    let mut history = Vec::with_capacity(notes.len());
    let mut deadline_changes = Vec::new();
    let mut milestones_reached = vec![None; issue.milestones.len()];
    let mut acceptance = None;
    let mut closed_on = None;

    for &n in notes {
        let note = &all_notes[n];
        let mut events = Vec::new();
        if let Some(a) = &note.acceptance {
            events.push(Event::Acceptance { date: a.date, level: a.level });
            acceptance = Some(n);
        }
        // A notice makes the issue publicizing; a note with a notice has no status.
        let set = match &note.publicity {
            Some(p) => {
                events.push(Event::Publicity { from: p.from, to: p.to });
                Some(Status::Publicizing)
            }
            None => note.status,
        };
        if let Some(to) = set.filter(|s| *s != status) {
            events.push(Event::Status { from: status, to });
            status = to;
            if to == Status::Closed {
                closed_on = Some(note.date.time);
            }
        }
        if let Some(to) = note.deadline.filter(|d| Some(*d) != deadline) {
            events.push(Event::Deadline { from: deadline, to });
            deadline_changes.push(DeadlineChange { from: deadline, to, note: n });
            deadline = Some(to);
        }
        // Milestones belong to a single issue (checked when loading).
        if note.issues.len() == 1 {
            for m in &note.milestones {
                let i = m.value as usize;
                if let Some(slot @ None) = milestones_reached.get_mut(i.wrapping_sub(1)) {
                    *slot = Some(n);
                    events.push(Event::Milestone { number: i });
                }
            }
        }
        history.push(HistoryEntry { note: n, events });
    }

    let notices = closure::notices(&history, as_of);
    let closed_on = closed_on.filter(|_| status == Status::Closed);
    let finished = status.is_finished();
    let days_left = deadline.map(|d| (d - as_of).num_days());
    let overdue = !finished && days_left.is_some_and(|d| d < 0);
    let missed_milestones: Vec<usize> = if finished || overdue {
        Vec::new()
    } else {
        issue
            .milestones
            .iter()
            .enumerate()
            .filter(|(i, m)| m.date < as_of && milestones_reached[*i].is_none())
            .map(|(i, _)| i)
            .collect()
    };
    let schedule = if finished {
        Schedule::Finished
    } else if overdue {
        Schedule::Overdue
    } else if !missed_milestones.is_empty() {
        Schedule::Behind
    } else {
        Schedule::OnSchedule
    };
    let due_soon = !finished && days_left.is_some_and(|d| (0..=site.due_soon_days).contains(&d));
    let last_update = notes.last().map(|&n| all_notes[n].date.time);
    let last_activity = last_update.map(|t| t.date()).or(site.plan_date);
    let stale = !finished && last_activity.is_some_and(|d| (as_of - d).num_days() > site.stale_after_days);

    IssueFacts {
        status,
        finished,
        deadline,
        history,
        deadline_changes,
        milestones_reached,
        schedule,
        missed_milestones,
        due_soon,
        days_left,
        stale,
        last_update,
        acceptance,
        notices,
        closed_on,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::markdown::{Markdown, Origin};
    use crate::content::yaml::Located;
    use crate::content::{IssueKind, Milestone, NoteDate};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn md() -> Markdown {
        Markdown::new(String::new(), Origin { line: 1, column: 1, line_for_line: true, indent: 0 })
    }

    fn issue(deadline: Option<&str>, milestones: &[&str]) -> Issue {
        Issue {
            id: "07".into(),
            source: "content/issues/07.yaml".into(),
            number: 7,
            number_pos: None,
            title: "t".into(),
            category: Located { value: "c".into(), pos: None },
            kind: if deadline.is_some() { IssueKind::ShortTerm } else { IssueKind::LongTerm },
            deadline: deadline.map(d),
            deadline_pos: None,
            lead: vec!["市生态环境局".into()],
            support: vec![],
            leaders: vec![],
            description: md(),
            goal: md(),
            measures: vec![md()],
            milestones: milestones
                .iter()
                .map(|m| Milestone { date: d(m), date_pos: None, goal: "g".into() })
                .collect(),
            targets: vec![],
            initial_status: Status::InProgress,
        }
    }

    struct N<'a> {
        date: &'a str,
        status: Option<Status>,
        deadline: Option<&'a str>,
        milestones: &'a [u32],
        /// A notice, from and to.
        publicity: Option<(&'a str, &'a str)>,
        /// An acceptance on this date.
        acceptance: Option<&'a str>,
    }

    fn note(slug: &str, n: &N) -> ProgressNote {
        ProgressNote {
            slug: slug.into(),
            source: format!("content/notes/{slug}.md"),
            title: slug.into(),
            date: NoteDate { time: d(n.date).and_hms_opt(0, 0, 0).unwrap(), has_time: false },
            date_pos: None,
            issues: vec![Located { value: "07".into(), pos: None }],
            status: n.status,
            deadline: n.deadline.map(d),
            deadline_pos: None,
            milestones: n.milestones.iter().map(|&m| Located { value: m, pos: None }).collect(),
            reported_by: None,
            status_pos: None,
            acceptance: n
                .acceptance
                .map(|a| crate::content::Acceptance {
                    date: d(a),
                    date_pos: None,
                    level: AcceptanceLevel::City,
                    by: "市督察整改办".into(),
                    opinion: None,
                })
                .map(Box::new),
            publicity: n
                .publicity
                .map(|(from, to)| crate::content::Publicity {
                    from: d(from),
                    to: d(to),
                    contact: "电话 0436-3206855".into(),
                })
                .map(Box::new),
            body: md(),
            release_digest: Default::default(),
        }
    }

    fn facts(issue: &Issue, notes: &[N], as_of: &str) -> IssueFacts {
        let all: Vec<Arc<ProgressNote>> =
            notes.iter().enumerate().map(|(i, n)| Arc::new(note(&format!("n{i}"), n))).collect();
        let idx: Vec<usize> = (0..all.len()).collect();
        let site = SiteConfig { plan_date: Some(d("2023-07-17")), ..SiteConfig::default() };
        issue_facts(issue, &all, &idx, &site, d(as_of))
    }

    const fn n(date: &str) -> N<'_> {
        N { date, status: None, deadline: None, milestones: &[], publicity: None, acceptance: None }
    }

    #[test]
    fn deadline_equal_to_as_of_is_due_soon_not_overdue() {
        let f = facts(&issue(Some("2023-12-31"), &[]), &[n("2023-12-01")], "2023-12-31");
        assert_eq!(f.schedule, Schedule::OnSchedule);
        assert!(f.due_soon);
        assert_eq!(f.days_left, Some(0));
        let f = facts(&issue(Some("2023-12-31"), &[]), &[n("2023-12-01")], "2024-01-01");
        assert_eq!(f.schedule, Schedule::Overdue);
        assert!(!f.due_soon);
    }

    #[test]
    fn due_soon_window_is_inclusive() {
        let i = issue(Some("2024-01-30"), &[]);
        assert!(facts(&i, &[], "2023-12-31").due_soon); // 30 days
        assert!(!facts(&i, &[], "2023-12-30").due_soon); // 31 days
    }

    #[test]
    fn deadline_moved_twice_and_repeat_is_no_change() {
        let notes = [
            N { deadline: Some("2024-06-30"), ..n("2023-12-20") },
            N { deadline: Some("2024-06-30"), ..n("2024-01-10") },
            N { deadline: Some("2024-12-31"), ..n("2024-06-01") },
        ];
        let f = facts(&issue(Some("2023-12-31"), &[]), &notes, "2024-07-01");
        assert_eq!(f.deadline, Some(d("2024-12-31")));
        assert_eq!(
            f.deadline_changes,
            vec![
                DeadlineChange { from: Some(d("2023-12-31")), to: d("2024-06-30"), note: 0 },
                DeadlineChange { from: Some(d("2024-06-30")), to: d("2024-12-31"), note: 2 },
            ]
        );
        assert!(f.history[1].events.is_empty());
        assert_eq!(f.schedule, Schedule::OnSchedule);
    }

    #[test]
    fn reopened_after_done_is_unfinished_again() {
        let notes = [
            N { status: Some(Status::Done), ..n("2023-11-01") },
            N { status: Some(Status::Done), ..n("2023-11-02") },
            N { status: Some(Status::Reopened), ..n("2024-03-01") },
        ];
        let f = facts(&issue(Some("2023-12-31"), &[]), &notes, "2024-03-05");
        assert_eq!(f.status, Status::Reopened);
        assert!(!f.finished);
        assert_eq!(f.schedule, Schedule::Overdue);
        assert_eq!(f.history[0].events, vec![Event::Status { from: Status::InProgress, to: Status::Done }]);
        assert!(f.history[1].events.is_empty());
        assert_eq!(f.history[2].events, vec![Event::Status { from: Status::Done, to: Status::Reopened }]);
    }

    #[test]
    fn finished_issue_is_never_overdue_or_stale() {
        let notes = [N { status: Some(Status::Closed), ..n("2023-08-01") }];
        let f = facts(&issue(Some("2023-07-31"), &["2023-07-20"]), &notes, "2025-01-01");
        assert_eq!(f.schedule, Schedule::Finished);
        assert!(!f.stale && !f.due_soon);
    }

    #[test]
    fn long_term_without_deadline() {
        let f = facts(&issue(None, &[]), &[n("2024-01-01")], "2024-02-01");
        assert_eq!(f.schedule, Schedule::OnSchedule);
        assert_eq!(f.days_left, None);
        assert!(!f.due_soon);
        // A note may give it a deadline: that counts as a change.
        let f =
            facts(&issue(None, &[]), &[N { deadline: Some("2025-12-31"), ..n("2024-01-01") }], "2024-02-01");
        assert_eq!(f.deadline_changes.len(), 1);
        assert_eq!(f.deadline_changes[0].from, None);
    }

    #[test]
    fn milestones_reached_out_of_order() {
        let i = issue(Some("2024-12-31"), &["2024-03-31", "2024-06-30", "2024-09-30"]);
        let notes = [N { milestones: &[2], ..n("2024-05-01") }, N { milestones: &[1, 2], ..n("2024-07-01") }];
        let f = facts(&i, &notes, "2024-07-15");
        assert_eq!(f.milestones_reached, vec![Some(1), Some(0), None]);
        assert_eq!(f.history[1].events, vec![Event::Milestone { number: 1 }]);
        assert_eq!(f.schedule, Schedule::OnSchedule);
        // Before the second note, milestone 1 (2024-03-31) was missed.
        let f = facts(&i, &notes[..1], "2024-05-02");
        assert_eq!(f.schedule, Schedule::Behind);
        assert_eq!(f.missed_milestones, vec![0]);
    }

    #[test]
    fn milestone_dated_on_as_of_is_not_yet_missed() {
        let i = issue(Some("2024-12-31"), &["2024-03-31"]);
        assert_eq!(facts(&i, &[], "2024-03-31").schedule, Schedule::OnSchedule);
        assert_eq!(facts(&i, &[], "2024-04-01").schedule, Schedule::Behind);
    }

    #[test]
    fn overdue_wins_over_behind() {
        let i = issue(Some("2024-01-31"), &["2024-01-01"]);
        let f = facts(&i, &[], "2024-02-01");
        assert_eq!(f.schedule, Schedule::Overdue);
        assert!(f.missed_milestones.is_empty());
    }

    #[test]
    fn never_stale_without_a_note_or_a_plan_date() {
        let i = issue(Some("2026-12-31"), &[]);
        let site = SiteConfig { plan_date: None, ..SiteConfig::default() };
        let f = issue_facts(&i, &[], &[], &site, d("2025-12-31"));
        assert!(!f.stale);
        assert_eq!(f.last_update, None);
    }

    #[test]
    fn a_milestone_reported_twice_counts_once_and_a_bad_number_is_ignored() {
        let i = issue(Some("2024-12-31"), &["2024-03-31"]);
        let notes =
            [N { milestones: &[1], ..n("2024-03-01") }, N { milestones: &[1, 0, 9], ..n("2024-03-02") }];
        let f = facts(&i, &notes, "2024-04-01");
        assert_eq!(f.milestones_reached, vec![Some(0)]);
        assert!(f.history[1].events.is_empty());
        assert_eq!(f.schedule, Schedule::OnSchedule);
    }

    #[test]
    fn status_and_deadline_in_one_note_are_two_events() {
        let notes = [N { status: Some(Status::Reopened), deadline: Some("2024-09-30"), ..n("2024-06-01") }];
        let f = facts(&issue(Some("2024-03-31"), &[]), &notes, "2024-06-15");
        assert_eq!(
            f.history[0].events,
            vec![
                Event::Status { from: Status::InProgress, to: Status::Reopened },
                Event::Deadline { from: Some(d("2024-03-31")), to: d("2024-09-30") },
            ]
        );
        // Moved past the as-of date, it is no longer overdue.
        assert_eq!(f.schedule, Schedule::OnSchedule);
        assert_eq!(f.days_left, Some(107));
    }

    #[test]
    fn stale_counts_from_newest_note_or_plan_date() {
        let i = issue(Some("2026-12-31"), &[]);
        // 90 days after the note: not yet stale; 91: stale.
        assert!(!facts(&i, &[n("2024-01-01")], "2024-03-31").stale);
        assert!(facts(&i, &[n("2024-01-01")], "2024-04-01").stale);
        // No note: counted from plan_date 2023-07-17.
        assert!(!facts(&i, &[], "2023-10-15").stale);
        assert!(facts(&i, &[], "2023-10-16").stale);
    }

    use crate::model::closure::{Notice, NoticeOutcome, PublicityPhase};

    /// Done, accepted on 03-01, noticed 03-05 to 03-11.
    fn noticed<'a>() -> Vec<N<'a>> {
        vec![
            N { status: Some(Status::Done), ..n("2024-02-20") },
            N {
                acceptance: Some("2024-03-01"),
                publicity: Some(("2024-03-05", "2024-03-11")),
                ..n("2024-03-04")
            },
        ]
    }

    #[test]
    fn a_notice_makes_the_issue_publicizing_through_its_period() {
        let i = issue(Some("2024-06-30"), &[]);
        let notes = noticed();
        let before = facts(&i, &notes[..1], "2024-03-04");
        assert_eq!(before.status, Status::Done);
        assert_eq!(before.acceptance, None);
        // Announced the day before it starts: publicizing, not begun.
        let f = facts(&i, &notes, "2024-03-04");
        assert_eq!(f.status, Status::Publicizing);
        assert!(f.finished);
        assert_eq!(f.schedule, Schedule::Finished);
        assert_eq!(f.acceptance, Some(1));
        assert_eq!(
            f.history[1].events,
            vec![
                Event::Acceptance { date: d("2024-03-01"), level: AcceptanceLevel::City },
                Event::Publicity { from: d("2024-03-05"), to: d("2024-03-11") },
                Event::Status { from: Status::Done, to: Status::Publicizing },
            ]
        );
        let outcome = |as_of| facts(&i, &notes, as_of).current_notice().map(|n| n.outcome);
        assert_eq!(outcome("2024-03-04"), Some(NoticeOutcome::Pending(PublicityPhase::Upcoming)));
        assert_eq!(
            outcome("2024-03-05"),
            Some(NoticeOutcome::Pending(PublicityPhase::Open { days_left: 6 }))
        );
        assert_eq!(
            outcome("2024-03-11"),
            Some(NoticeOutcome::Pending(PublicityPhase::Open { days_left: 0 }))
        );
        assert_eq!(outcome("2024-03-12"), Some(NoticeOutcome::Pending(PublicityPhase::Ended)));
        // Ended and undecided for a year: still publicizing, still finished.
        let late = facts(&i, &notes, "2025-03-12");
        assert_eq!(late.status, Status::Publicizing);
        assert!(!late.stale);
        assert_eq!(late.closed_on, None);
    }

    #[test]
    fn a_notice_ends_closed_reopened_renewed_or_changed() {
        let i = issue(Some("2024-06-30"), &[]);
        let decided = |later: N| {
            let mut notes = noticed();
            notes.push(later);
            facts(&i, &notes, "2024-04-01")
        };
        let closed = decided(N { status: Some(Status::Closed), ..n("2024-03-15") });
        assert_eq!(closed.status, Status::Closed);
        assert_eq!(closed.closed_on, Some(d("2024-03-15").and_hms_opt(0, 0, 0).unwrap()));
        assert_eq!(
            closed.notices,
            vec![Notice {
                note: 1,
                from: d("2024-03-05"),
                to: d("2024-03-11"),
                outcome: NoticeOutcome::Closed { note: 2 }
            }]
        );
        assert!(closed.current_notice().is_none());

        let reopened = decided(N { status: Some(Status::Reopened), ..n("2024-03-08") });
        assert_eq!(reopened.status, Status::Reopened);
        assert!(!reopened.finished);
        assert_eq!(reopened.notices[0].outcome, NoticeOutcome::Reopened { note: 2 });
        assert_eq!(reopened.closed_on, None);

        let renewed = decided(N { publicity: Some(("2024-03-20", "2024-03-26")), ..n("2024-03-20") });
        assert_eq!(renewed.notices.len(), 2);
        assert_eq!(renewed.notices[0].outcome, NoticeOutcome::Renewed { note: 2 });
        assert_eq!(renewed.notices[1].outcome, NoticeOutcome::Pending(PublicityPhase::Ended));
        // A second notice while publicizing is no status change.
        assert_eq!(
            renewed.history[2].events,
            vec![Event::Publicity { from: d("2024-03-20"), to: d("2024-03-26") }]
        );

        let changed = decided(N { status: Some(Status::InProgress), ..n("2024-03-20") });
        assert_eq!(changed.notices[0].outcome, NoticeOutcome::Changed { note: 2, to: Status::InProgress });
        // A note that changes nothing decides nothing.
        let quiet = decided(n("2024-03-20"));
        assert_eq!(quiet.notices[0].outcome, NoticeOutcome::Pending(PublicityPhase::Ended));
    }

    #[test]
    fn closed_on_is_the_closing_note_and_is_cleared_when_reopened() {
        let i = issue(Some("2024-06-30"), &[]);
        let notes = [
            N { status: Some(Status::Closed), ..n("2024-03-15") },
            N { status: Some(Status::Reopened), ..n("2024-05-01") },
        ];
        assert!(facts(&i, &notes[..1], "2024-04-01").closed_on.is_some());
        assert_eq!(facts(&i, &notes, "2024-05-02").closed_on, None);
        // The latest acceptance counts.
        let twice = [
            N { acceptance: Some("2024-01-01"), ..n("2024-01-02") },
            N { acceptance: Some("2024-02-01"), ..n("2024-02-02") },
        ];
        assert_eq!(facts(&i, &twice, "2024-03-01").acceptance, Some(1));
    }
}
