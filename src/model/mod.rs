//! Stage 2: the facts derived from the content against the as-of date —
//! what is published, each issue's status history and schedule, each
//! target's progress. Pure: no I/O, no clock.

pub mod dates;
pub mod history;
pub mod links;
pub mod release;
pub mod targets;

pub use history::{DeadlineChange, Event, HistoryEntry, IssueFacts, Schedule};
pub use targets::{Assessment, TargetFacts};

use crate::content::Content;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime};
use std::cmp::Reverse;
use std::collections::HashMap;

/// The content with everything computed from it, as of one date. Built
/// once and only read afterwards, so pages can be rendered in parallel.
#[derive(Debug)]
pub struct Model {
    pub content: Content,
    pub as_of: NaiveDate,
    /// Parallel to `content.issues`.
    pub issues: Vec<IssueFacts>,
    /// Parallel to `content.targets`.
    pub targets: Vec<TargetFacts>,
    /// Indices into `content.notes` of published notes, newest first (ties by slug).
    pub published: Vec<usize>,
    /// Notes dated after the as-of date, oldest first: validated, not shown.
    pub unpublished: Vec<usize>,
    /// Issue id → index into `content.issues`.
    issue_index: HashMap<String, usize>,
}

impl Model {
    pub fn new(content: Content, as_of: NaiveDate) -> Model {
        let (mut published, unpublished): (Vec<usize>, Vec<usize>) =
            (0..content.notes.len()).partition(|&i| content.notes[i].date.date() <= as_of);
        published.sort_by_key(|&i| (Reverse(content.notes[i].date.time), &content.notes[i].slug));

        let issue_index: HashMap<String, usize> =
            content.issues.iter().enumerate().map(|(i, issue)| (issue.id.clone(), i)).collect();
        // Each issue's published notes, oldest first: the order in which
        // their events apply (content.notes is in that order).
        let mut notes_of: Vec<Vec<usize>> = vec![Vec::new(); content.issues.len()];
        for (n, note) in content.notes.iter().enumerate().filter(|(_, note)| note.date.date() <= as_of) {
            for id in &note.issues {
                if let Some(list) = issue_index.get(&id.value).map(|&i| &mut notes_of[i]) {
                    // A note naming an issue twice is one entry in its history.
                    if list.last() != Some(&n) {
                        list.push(n);
                    }
                }
            }
        }
        let issues = content
            .issues
            .iter()
            .zip(&notes_of)
            .map(|(issue, notes)| history::issue_facts(issue, &content.notes, notes, &content.site, as_of))
            .collect();
        let targets = content.targets.iter().map(|t| targets::target_facts(t, as_of)).collect();
        Model { content, as_of, issues, targets, published, unpublished, issue_index }
    }

    /// The index (into `content.issues` and `issues`) of the issue `id`.
    pub fn issue_position(&self, id: &str) -> Option<usize> {
        self.issue_index.get(id).copied()
    }

    /// The entry that note `note` made in the history of issue `issue`.
    pub fn history_entry(&self, issue: usize, note: usize) -> Option<&HistoryEntry> {
        let history = &self.issues[issue].history;
        history.binary_search_by_key(&note, |h| h.note).ok().map(|i| &history[i])
    }

    /// When the published content last changed: the newest published note,
    /// else the plan date. Used as the update time of overview pages, so
    /// that a build is a function of its content alone.
    pub fn last_update(&self) -> Option<NaiveDateTime> {
        self.published
            .first()
            .map(|&i| self.content.notes[i].date.time)
            .or_else(|| self.content.site.plan_date.map(|d| d.and_time(chrono::NaiveTime::MIN)))
    }
}

pub fn beijing() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("+08:00 is a valid offset")
}

/// The Beijing calendar date of a Unix time (for `SOURCE_DATE_EPOCH` and today).
/// None outside the years 0000–9999, which `--as-of` cannot name either
/// (and date arithmetic near chrono's limits would overflow).
pub fn beijing_date(unix_seconds: i64) -> Option<NaiveDate> {
    DateTime::from_timestamp(unix_seconds, 0)
        .map(|t| t.with_timezone(&beijing()).date_naive())
        .filter(|d| (0..=9999).contains(&d.year()))
}

/// `YYYY-MM-DD`: how a date is written in pages, open data and the manifest.
pub fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The SHA-256 of `bytes` in lower-case hex (manifest entries, note digests).
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_to_beijing_date() {
        // 2023-12-31T16:00:00Z is already 2024-01-01 in Beijing.
        assert_eq!(beijing_date(1_704_038_400), NaiveDate::from_ymd_opt(2024, 1, 1));
        assert_eq!(beijing_date(1_704_038_399), NaiveDate::from_ymd_opt(2023, 12, 31));
        // Beyond what --as-of can name.
        assert_eq!(beijing_date(-62_167_248_001), None, "year -1");
        assert_eq!(beijing_date(253_402_300_800), None, "year 10000");
        assert_eq!(beijing_date(-62_167_248_000), NaiveDate::from_ymd_opt(0, 1, 1));
    }
}
