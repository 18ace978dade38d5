//! 销号公示: an issue's notices before closing and how each one ended, as
//! a citizen checking whether a problem was really fixed wants to see them.

use super::history::{Event, HistoryEntry};
use crate::content::Status;
use chrono::NaiveDate;

/// Where a notice stands against the as-of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublicityPhase {
    /// Announced, not begun.
    Upcoming,
    /// In its period; days from the as-of date to its last day (0 on it).
    Open { days_left: i64 },
    /// Its period is over and no later note has decided (公示期满，待销号).
    Ended,
}

/// How a notice ended: the first later note that set a status or a new notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeOutcome {
    /// No later note has decided yet.
    Pending(PublicityPhase),
    /// Closed (销号) by the note.
    Closed { note: usize },
    /// An objection held: back to rectification (强化整改).
    Reopened { note: usize },
    /// A new notice replaced it.
    Renewed { note: usize },
    /// Another status was set (the notice was withdrawn).
    Changed { note: usize, to: Status },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// Index into `content.notes` of the note that announced it.
    pub note: usize,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub outcome: NoticeOutcome,
}

/// The days of a notice, both ends counted.
pub fn period_days(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days() + 1
}

pub fn phase(from: NaiveDate, to: NaiveDate, as_of: NaiveDate) -> PublicityPhase {
    if as_of < from {
        PublicityPhase::Upcoming
    } else if as_of <= to {
        PublicityPhase::Open { days_left: (to - as_of).num_days() }
    } else {
        PublicityPhase::Ended
    }
}

/// The notices in an issue's `history` (oldest first), each with its outcome.
pub fn notices(history: &[HistoryEntry], as_of: NaiveDate) -> Vec<Notice> {
    let mut out: Vec<Notice> = Vec::new();
    for entry in history {
        let publicity = entry.events.iter().find_map(|e| match e {
            Event::Publicity { from, to } => Some((*from, *to)),
            _ => None,
        });
        let status = entry.events.iter().find_map(|e| match e {
            Event::Status { to, .. } => Some(*to),
            _ => None,
        });
        if let Some(open) = out.last_mut().filter(|n| matches!(n.outcome, NoticeOutcome::Pending(_))) {
            let note = entry.note;
            open.outcome = match (publicity, status) {
                (Some(_), _) => NoticeOutcome::Renewed { note },
                (None, Some(Status::Closed)) => NoticeOutcome::Closed { note },
                (None, Some(Status::Reopened)) => NoticeOutcome::Reopened { note },
                (None, Some(to)) => NoticeOutcome::Changed { note, to },
                (None, None) => open.outcome,
            };
        }
        if let Some((from, to)) = publicity {
            out.push(Notice {
                note: entry.note,
                from,
                to,
                outcome: NoticeOutcome::Pending(phase(from, to, as_of)),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_notice_is_upcoming_open_to_its_last_day_then_ended() {
        let (from, to) = (d("2024-03-01"), d("2024-03-07"));
        assert_eq!(phase(from, to, d("2024-02-29")), PublicityPhase::Upcoming);
        assert_eq!(phase(from, to, d("2024-03-01")), PublicityPhase::Open { days_left: 6 });
        assert_eq!(phase(from, to, d("2024-03-07")), PublicityPhase::Open { days_left: 0 });
        assert_eq!(phase(from, to, d("2024-03-08")), PublicityPhase::Ended);
    }
}
