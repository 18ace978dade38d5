//! Stage 2: the facts derived from the content against the as-of date —
//! what is published, each issue's status history and schedule, each
//! target's progress. Pure: no I/O, no clock.

pub mod cases;
pub mod closure;
pub mod date_warnings;
pub mod history;
pub mod links;
pub mod release;
pub mod targets;

pub use history::{DeadlineChange, Event, HistoryEntry, IssueFacts, Schedule};
pub use targets::{Assessment, TargetFacts};

use crate::content::Content;
use chrono::{NaiveDate, NaiveDateTime};
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

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
    /// The 交办件 section as of the as-of date, when the site has one.
    pub cases: Option<Arc<cases::CasesFacts>>,
    /// Issue id → index into `content.issues`.
    issue_index: IdIndex,
}

type IdIndex = HashMap<String, usize, foldhash::fast::FixedState>;

/// `notes` (indices into `content.notes`, in its order: oldest first, ties
/// by slug) newest first, ties by slug: the times' runs in reverse, each
/// run as it is. Without a sort, which would look at each note many times.
fn newest_first(notes: Vec<usize>, time: impl Fn(usize) -> NaiveDateTime) -> Vec<usize> {
    let mut newest = Vec::with_capacity(notes.len());
    let mut end = notes.len();
    while end > 0 {
        let t = time(notes[end - 1]);
        let start = notes[..end].iter().rposition(|&i| time(i) != t).map_or(0, |p| p + 1);
        newest.extend_from_slice(&notes[start..end]);
        end = start;
    }
    newest
}

impl Model {
    pub fn new(content: Content, as_of: NaiveDate) -> Model {
        Model::reusing(content, as_of, None)
    }

    /// As [`Model::new`], with the 交办件 facts of an earlier model when
    /// they are of the same tables read and the same date: the preview
    /// makes the model again after every save, and a note's save does not
    /// change the tables.
    pub fn reusing(
        content: Content,
        as_of: NaiveDate,
        earlier_cases: Option<Arc<cases::CasesFacts>>,
    ) -> Model {
        // The notes are looked at in parallel, each once: 10^5 notes lie all
        // over memory, and the preview makes the model again after every save.
        let (times, issue_index) = rayon::join(
            || content.notes.par_iter().map(|n| n.date.time).collect::<Vec<_>>(),
            || content.issues.iter().enumerate().map(|(i, issue)| (issue.id.clone(), i)).collect::<IdIndex>(),
        );
        let is_published = |n: usize| times[n].date() <= as_of;
        let (published, unpublished): (Vec<usize>, Vec<usize>) =
            (0..times.len()).partition(|&n| is_published(n));
        let published = newest_first(published, |n| times[n]);
        // The issues each published note names, by position.
        let named: Vec<Vec<usize>> = content
            .notes
            .par_iter()
            .enumerate()
            .map(|(n, note)| {
                let ids = note.issues.iter().filter(|_| is_published(n));
                ids.filter_map(|id| issue_index.get(&id.value).copied()).collect()
            })
            .collect();
        // Each issue's published notes, oldest first: the order in which
        // their events apply (content.notes is in that order).
        let mut notes_of: Vec<Vec<usize>> = vec![Vec::new(); content.issues.len()];
        for (n, issues) in named.iter().enumerate() {
            for &i in issues {
                // A note naming an issue twice is one entry in its history.
                if notes_of[i].last() != Some(&n) {
                    notes_of[i].push(n);
                }
            }
        }
        // In parallel: the preview makes the model again after every save.
        let (issues, cases) = rayon::join(
            || {
                content
                    .issues
                    .par_iter()
                    .zip(&notes_of)
                    .map(|(issue, notes)| {
                        history::issue_facts(issue, &content.notes, notes, &content.site, as_of)
                    })
                    .collect()
            },
            || {
                content.cases.as_ref().map(|section| {
                    match earlier_cases.filter(|f| f.are_of(section, as_of)) {
                        Some(facts) => facts,
                        None => Arc::new(cases::CasesFacts::new(section, as_of)),
                    }
                })
            },
        );
        let targets = content.targets.iter().map(|t| targets::target_facts(t, as_of)).collect();
        Model { content, as_of, issues, targets, published, unpublished, cases, issue_index }
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

    /// When the published content last changed: the newest published note
    /// or 交办件 table, else the plan date. Used as the update time of
    /// overview pages, so that a build is a function of its content alone.
    pub fn last_update(&self) -> Option<NaiveDateTime> {
        let note = self.published.first().map(|&i| self.content.notes[i].date.time);
        let table = self.content.cases.as_ref().zip(self.cases.as_ref()).and_then(|(section, facts)| {
            facts
                .published
                .iter()
                .map(|&t| section.tables[t].published.and_time(chrono::NaiveTime::MIN))
                .max()
        });
        note.max(table).or_else(|| self.content.site.plan_date.map(|d| d.and_time(chrono::NaiveTime::MIN)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_first_is_the_sort_by_time_descending_then_slug() {
        // Notes 0..n in content order (time, then slug: the index stands
        // for the slug), with runs of equal times at the ends and inside.
        let day = |d: u32, h: u32| NaiveDate::from_ymd_opt(2024, 6, d).unwrap().and_hms_opt(h, 0, 0).unwrap();
        let times = [
            day(1, 0),
            day(1, 0),
            day(2, 9),
            day(3, 0),
            day(3, 0),
            day(3, 0),
            day(3, 8),
            day(4, 0),
            day(4, 0),
        ];
        for published in
            [vec![], vec![4], (0..times.len()).collect(), vec![0, 2, 3, 5, 7, 8], vec![1, 4, 5, 6]]
        {
            let mut sorted = published.clone();
            sorted.sort_by_key(|&i| (std::cmp::Reverse(times[i]), i));
            assert_eq!(newest_first(published.clone(), |i| times[i]), sorted, "{published:?}");
        }
        assert_eq!(newest_first((0..times.len()).collect(), |i| times[i]), [7, 8, 6, 3, 4, 5, 2, 0, 1]);
    }
}
