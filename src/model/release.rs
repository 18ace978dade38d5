//! Releases: the published content of a build in the terms citizens care
//! about (notes, issue statuses and deadlines, target observations), and
//! what changed since the release before. Each build records its release
//! in the manifest of the output folder, so the next build can say what it
//! changes (the 本次更新 page). Pure: the previous release comes in as a
//! value.

use super::Model;
use crate::content::ProgressNote;
use crate::dates::{ymd as date, ymd_hm};
use crate::diagnostics::Diagnostic;
use crate::digest::{hex, sha256, sha256_hex};
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The published content of one build. Only published notes are recorded:
/// the manifest may be uploaded with the site, and must not reveal a note
/// before its date.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ContentFacts {
    /// Published notes, by slug.
    pub notes: Vec<NoteFact>,
    /// In ledger order.
    pub issues: Vec<IssueFact>,
    /// By id.
    pub targets: Vec<TargetFact>,
    /// Published 交办件 tables, in the section's order. (Absent in
    /// manifests of gongkai before the section.)
    #[serde(default)]
    pub case_tables: Vec<CaseTableFact>,
    /// Cases of the published batches, by batch and row.
    #[serde(default)]
    pub cases: Vec<CaseFact>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseTableFact {
    pub file: String,
    /// None for an update table.
    pub batch: Option<u32>,
    /// `YYYY-MM-DD`.
    pub published: String,
    pub cases: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseFact {
    pub id: String,
    pub batch: u32,
    /// SHA-256 of the case's current values, to tell a changed case.
    pub digest: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoteFact {
    pub slug: String,
    pub title: String,
    /// `YYYY-MM-DD HH:MM` (Beijing time), or `YYYY-MM-DD` for a date-only note.
    pub date: String,
    pub issues: Vec<String>,
    /// SHA-256 of everything the note publishes, to tell a corrected note.
    pub digest: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IssueFact {
    pub id: String,
    pub number: u32,
    pub title: String,
    /// Status key as of the build.
    pub status: String,
    /// Current deadline (after every move), `YYYY-MM-DD`.
    pub deadline: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetFact {
    pub id: String,
    pub name: String,
    pub unit: Option<String>,
    /// In date order.
    pub observations: Vec<ObservationFact>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObservationFact {
    pub date: String,
    pub period: Option<String>,
    pub value: Option<f64>,
    pub achieved: Option<bool>,
}

impl ContentFacts {
    pub fn of(model: &Model) -> ContentFacts {
        let c = &model.content;
        let mut notes: Vec<NoteFact> = model
            .published
            .par_iter()
            .map(|&i| {
                let n = &c.notes[i];
                let issues: Vec<String> = n.issues.iter().map(|x| x.value.clone()).collect();
                let digest = n.release_digest.get_or_init(|| {
                    let published = serde_json::json!([
                        n.title,
                        ymd_hm(n.date.time),
                        n.date.has_time,
                        issues,
                        n.status.map(|s| s.key()),
                        n.deadline.map(date),
                        n.milestones.iter().map(|m| m.value).collect::<Vec<_>>(),
                        n.reported_by,
                        n.body.text,
                    ]);
                    sha256(published.to_string().as_bytes())
                });
                let shown = if n.date.has_time { ymd_hm(n.date.time) } else { date(n.date.date()) };
                NoteFact {
                    slug: n.slug.clone(),
                    title: n.title.clone(),
                    date: shown,
                    issues,
                    digest: hex(digest),
                }
            })
            .collect();
        notes.par_sort_by(|a, b| a.slug.cmp(&b.slug));
        let issues = c
            .issues
            .iter()
            .zip(&model.issues)
            .map(|(i, f)| IssueFact {
                id: i.id.clone(),
                number: i.number,
                title: i.title.clone(),
                status: f.status.key().to_string(),
                deadline: f.deadline.map(date),
            })
            .collect();
        let targets = c
            .targets
            .iter()
            .zip(&model.targets)
            .map(|(t, f)| TargetFact {
                id: t.id.clone(),
                name: t.name.clone(),
                unit: t.unit.clone(),
                observations: f
                    .observations
                    .iter()
                    .map(|o| ObservationFact {
                        date: date(o.date),
                        period: o.period.clone(),
                        value: o.value,
                        achieved: o.achieved,
                    })
                    .collect(),
            })
            .collect();
        let (case_tables, cases) = match (&c.cases, &model.cases) {
            (Some(section), Some(facts)) => (
                facts
                    .published
                    .iter()
                    .map(|&t| {
                        let table = &section.tables[t];
                        CaseTableFact {
                            file: table.file.clone(),
                            batch: table.batch(),
                            published: date(table.published),
                            cases: table.rows.len(),
                        }
                    })
                    .collect(),
                facts
                    .cases
                    .par_iter()
                    .map(|case| CaseFact {
                        id: case.id.clone(),
                        batch: case.batch,
                        digest: case_digest(&case.values),
                    })
                    .collect(),
            ),
            _ => (Vec::new(), Vec::new()),
        };
        ContentFacts { notes, issues, targets, case_tables, cases }
    }
}

/// The SHA-256 of everything a case publishes (its values, not where in
/// its table they were written).
fn case_digest(v: &crate::content::cases::CaseValues) -> String {
    let published = serde_json::json!([
        v.summary,
        v.district,
        v.types.iter().flatten().map(|t| t.key()).collect::<Vec<_>>(),
        v.verified,
        v.truth.map(|t| t.key()),
        v.handling,
        v.accountability,
        v.state.map(|s| s.key()),
        v.lead,
        v.issues.iter().flatten().map(|i| &i.value).collect::<Vec<_>>(),
        v.duplicate_of.as_ref().map(|d| &d.value),
    ]);
    sha256_hex(published.to_string().as_bytes())
}

/// Published content and the as-of date of the build that first published it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Release {
    pub released_on: String,
    /// As-of date of the latest build of this content: a rebuild on a later
    /// day publishes the same content again. None in manifests of gongkai
    /// before it was recorded (then `released_on` stands for it).
    #[serde(default)]
    pub last_built_on: Option<String>,
    pub content: ContentFacts,
}

impl Release {
    /// The last day this release was built (and so published) on.
    pub fn last_built_on(&self) -> &str {
        self.last_built_on.as_deref().unwrap_or(&self.released_on)
    }
}

/// This build's release and the release its 本次更新 page compares it with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReleaseHistory {
    pub current: Release,
    /// None for the first release.
    pub previous: Option<Release>,
}

impl ReleaseHistory {
    /// The release of a build with `content` as of `as_of`, after the build
    /// recorded in `earlier` (the output folder's manifest). A build whose
    /// content equals the earlier one's (a rebuild, a theme change, a new
    /// as-of date that publishes nothing new) is the same release: it keeps
    /// the earlier comparison, so rebuilding changes nothing.
    pub fn next(earlier: Option<ReleaseHistory>, content: ContentFacts, as_of: NaiveDate) -> ReleaseHistory {
        let built_on = Some(date(as_of));
        match earlier {
            Some(e) if e.current.content == content => ReleaseHistory {
                current: Release {
                    released_on: e.current.released_on,
                    last_built_on: e.current.last_built_on.max(built_on),
                    content,
                },
                previous: e.previous,
            },
            earlier => ReleaseHistory {
                current: Release { released_on: date(as_of), last_built_on: built_on, content },
                previous: earlier.map(|e| e.current),
            },
        }
    }

    /// What the current release changed; None for the first release.
    pub fn changes(&self) -> Option<ReleaseChanges> {
        self.previous.as_ref().map(|p| {
            let mut ch = ReleaseChanges::between(&p.content, &self.current.content);
            // Dated before a day the previous release was built on: had it
            // existed then, that build would have published it.
            let built_on = p.last_built_on();
            ch.backdated_notes =
                ch.new_notes.iter().filter(|n| n.day() < built_on).map(|n| n.slug.clone()).collect();
            ch
        })
    }
}

impl NoteFact {
    /// The Beijing date, `YYYY-MM-DD`.
    pub fn day(&self) -> &str {
        self.date.get(..10).unwrap_or(&self.date)
    }
}

/// A warning at the `date` of every note this release publishes late
/// (补发): new since the previous release, yet dated before the last build
/// of it. A back-dated note is a public error unless its date is right.
pub fn backdating_warnings(model: &Model, history: &ReleaseHistory) -> Vec<Diagnostic> {
    let (Some(previous), Some(changes)) = (&history.previous, history.changes()) else { return Vec::new() };
    let c = &model.content;
    let by_slug: HashMap<&str, &ProgressNote> = c.notes.iter().map(|n| (n.slug.as_str(), &**n)).collect();
    changes
        .backdated_notes
        .iter()
        .filter_map(|slug| by_slug.get(slug.as_str()).copied())
        .map(|note| {
            Diagnostic::warning(
                &note.source,
                note.date_pos,
                format!(
                    "这条进展的日期早于上次发布（{}），是补发的吗？请确认日期无误",
                    previous.last_built_on()
                ),
            )
        })
        .collect()
}

/// What one release changed against another, in content terms.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReleaseChanges {
    /// Newest first (ties by slug).
    pub new_notes: Vec<NoteFact>,
    /// Slugs of the new notes dated before the last build of the previous
    /// release (补发), newest first; empty from [`ReleaseChanges::between`],
    /// which knows no dates of builds.
    pub backdated_notes: Vec<String>,
    /// Published before, changed since; newest first.
    pub corrected_notes: Vec<NoteFact>,
    /// Published before, gone now; newest first.
    pub withdrawn_notes: Vec<NoteFact>,
    pub new_issues: Vec<IssueFact>,
    pub removed_issues: Vec<IssueFact>,
    /// (issue now, status before)
    pub status_changes: Vec<(IssueFact, String)>,
    /// (issue now, deadline before)
    pub deadline_changes: Vec<(IssueFact, Option<String>)>,
    pub new_targets: Vec<TargetFact>,
    pub removed_targets: Vec<TargetFact>,
    /// Observations of a date not observed before, per target (targets by id).
    pub new_observations: Vec<(TargetFact, ObservationFact)>,
    /// Observations of an earlier date whose value or status changed.
    pub corrected_observations: Vec<(TargetFact, ObservationFact)>,
    /// 交办件 tables published since.
    pub new_case_tables: Vec<CaseTableFact>,
    /// Cases published since (in a new batch).
    pub new_cases: Vec<CaseFact>,
    /// Cases published before whose values changed (an update table).
    pub updated_cases: Vec<CaseFact>,
}

impl ReleaseChanges {
    pub fn between(before: &ContentFacts, now: &ContentFacts) -> ReleaseChanges {
        let mut ch = ReleaseChanges::default();

        let old_notes: BTreeMap<&str, &NoteFact> =
            before.notes.iter().map(|n| (n.slug.as_str(), n)).collect();
        let new_notes: BTreeMap<&str, &NoteFact> = now.notes.iter().map(|n| (n.slug.as_str(), n)).collect();
        for n in &now.notes {
            match old_notes.get(n.slug.as_str()) {
                None => ch.new_notes.push(n.clone()),
                Some(old) if old.digest != n.digest => ch.corrected_notes.push(n.clone()),
                Some(_) => {}
            }
        }
        ch.withdrawn_notes =
            before.notes.iter().filter(|n| !new_notes.contains_key(n.slug.as_str())).cloned().collect();
        for list in [&mut ch.new_notes, &mut ch.corrected_notes, &mut ch.withdrawn_notes] {
            list.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
        }

        let old_issues: BTreeMap<&str, &IssueFact> =
            before.issues.iter().map(|i| (i.id.as_str(), i)).collect();
        for i in &now.issues {
            let Some(old) = old_issues.get(i.id.as_str()) else {
                ch.new_issues.push(i.clone());
                continue;
            };
            if old.status != i.status {
                ch.status_changes.push((i.clone(), old.status.clone()));
            }
            if old.deadline != i.deadline {
                ch.deadline_changes.push((i.clone(), old.deadline.clone()));
            }
        }
        let now_issues: BTreeSet<&str> = now.issues.iter().map(|i| i.id.as_str()).collect();
        ch.removed_issues =
            before.issues.iter().filter(|o| !now_issues.contains(o.id.as_str())).cloned().collect();

        let old_targets: BTreeMap<&str, &TargetFact> =
            before.targets.iter().map(|t| (t.id.as_str(), t)).collect();
        for t in &now.targets {
            let old = old_targets.get(t.id.as_str());
            if old.is_none() {
                ch.new_targets.push(t.clone());
            }
            for o in &t.observations {
                match old.and_then(|old| old.observations.iter().find(|x| x.date == o.date)) {
                    None => ch.new_observations.push((t.clone(), o.clone())),
                    Some(x) if x != o => ch.corrected_observations.push((t.clone(), o.clone())),
                    Some(_) => {}
                }
            }
        }
        ch.removed_targets =
            before.targets.iter().filter(|o| !now.targets.iter().any(|t| t.id == o.id)).cloned().collect();

        ch.new_case_tables = now
            .case_tables
            .iter()
            .filter(|t| !before.case_tables.iter().any(|b| b.file == t.file))
            .cloned()
            .collect();
        let old_cases: BTreeMap<&str, &CaseFact> = before.cases.iter().map(|c| (c.id.as_str(), c)).collect();
        for c in &now.cases {
            match old_cases.get(c.id.as_str()) {
                None => ch.new_cases.push(c.clone()),
                Some(old) if old.digest != c.digest => ch.updated_cases.push(c.clone()),
                Some(_) => {}
            }
        }
        ch
    }

    pub fn is_empty(&self) -> bool {
        *self == ReleaseChanges::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(slug: &str, date: &str, digest: &str) -> NoteFact {
        NoteFact {
            slug: slug.into(),
            title: format!("进展{slug}"),
            date: date.into(),
            issues: vec!["01".into()],
            digest: digest.into(),
        }
    }

    fn issue(id: &str, status: &str, deadline: Option<&str>) -> IssueFact {
        IssueFact {
            id: id.into(),
            number: id.parse().unwrap(),
            title: format!("问题{id}"),
            status: status.into(),
            deadline: deadline.map(String::from),
        }
    }

    fn obs(date: &str, value: f64) -> ObservationFact {
        ObservationFact { date: date.into(), period: None, value: Some(value), achieved: None }
    }

    fn target(id: &str, observations: Vec<ObservationFact>) -> TargetFact {
        TargetFact { id: id.into(), name: format!("指标{id}"), unit: None, observations }
    }

    fn before() -> ContentFacts {
        ContentFacts {
            notes: vec![note("a", "2024-01-01 00:00", "1"), note("b", "2024-02-01 00:00", "2")],
            issues: vec![issue("01", "in-progress", Some("2024-06-30")), issue("02", "done", None)],
            targets: vec![target("pm25", vec![obs("2023-12-31", 30.0)])],
            case_tables: vec![CaseTableFact {
                file: "1.xlsx".into(),
                batch: Some(1),
                published: "2023-09-14".into(),
                cases: 2,
            }],
            cases: vec![case("A1", "x"), case("A2", "y")],
        }
    }

    fn case(id: &str, digest: &str) -> CaseFact {
        CaseFact { id: id.into(), batch: 1, digest: digest.into() }
    }

    #[test]
    fn changes_in_content_terms() {
        let mut now = before();
        now.notes[1].digest = "2b".into();
        now.notes.remove(0);
        now.notes.push(note("c", "2024-03-01 10:00", "3"));
        now.notes.push(note("d", "2024-03-02 00:00", "4"));
        now.issues[0].status = "done".into();
        now.issues[0].deadline = Some("2024-12-31".into());
        now.issues.push(issue("03", "in-progress", Some("2025-01-01")));
        now.targets[0].observations[0].value = Some(29.0);
        now.targets[0].observations.push(obs("2024-12-31", 27.0));
        now.targets.push(target("water", vec![obs("2024-06-30", 80.0)]));
        now.case_tables.push(CaseTableFact {
            file: "u.csv".into(),
            batch: None,
            published: "2024-03-31".into(),
            cases: 1,
        });
        now.cases[1].digest = "y2".into();
        now.cases.push(CaseFact { id: "B1".into(), batch: 2, digest: "z".into() });

        let ch = ReleaseChanges::between(&before(), &now);
        let slugs = |v: &[NoteFact]| v.iter().map(|n| n.slug.clone()).collect::<Vec<_>>();
        assert_eq!(slugs(&ch.new_notes), ["d", "c"]);
        assert_eq!(slugs(&ch.corrected_notes), ["b"]);
        assert_eq!(slugs(&ch.withdrawn_notes), ["a"]);
        assert_eq!(ch.status_changes, vec![(now.issues[0].clone(), "in-progress".to_string())]);
        assert_eq!(ch.deadline_changes, vec![(now.issues[0].clone(), Some("2024-06-30".to_string()))]);
        assert_eq!(ch.new_issues, vec![now.issues[2].clone()]);
        assert!(ch.removed_issues.is_empty());
        let obs_of = |v: &[(TargetFact, ObservationFact)]| {
            v.iter().map(|(t, o)| (t.id.clone(), o.date.clone())).collect::<Vec<_>>()
        };
        assert_eq!(
            obs_of(&ch.new_observations),
            [("pm25".to_string(), "2024-12-31".to_string()), ("water".to_string(), "2024-06-30".to_string())]
        );
        assert_eq!(obs_of(&ch.corrected_observations), [("pm25".to_string(), "2023-12-31".to_string())]);
        assert_eq!(ch.new_targets.len(), 1);
        assert_eq!(ch.new_case_tables.iter().map(|t| t.file.as_str()).collect::<Vec<_>>(), ["u.csv"]);
        assert_eq!(ch.new_cases.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["B1"]);
        assert_eq!(ch.updated_cases.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["A2"]);
        assert!(ReleaseChanges::between(&now, &now).is_empty());
    }

    #[test]
    fn a_rebuild_of_the_same_content_is_the_same_release() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let first = ReleaseHistory::next(None, before(), d("2024-03-01"));
        assert_eq!(first.previous, None);
        assert_eq!(first.changes(), None);
        let mut now = before();
        now.notes.push(note("c", "2024-03-05 00:00", "3"));
        let second = ReleaseHistory::next(Some(first.clone()), now.clone(), d("2024-03-05"));
        assert_eq!(second.current.released_on, "2024-03-05");
        assert_eq!(second.previous.as_ref(), Some(&first.current));
        // Rebuilt on a later day with the same content: still the 03-05
        // release, built again on 03-06.
        let again = ReleaseHistory::next(Some(second.clone()), now.clone(), d("2024-03-06"));
        assert_eq!(again.current.released_on, "2024-03-05");
        assert_eq!(again.current.last_built_on(), "2024-03-06");
        assert_eq!(again.previous, second.previous);
        assert_eq!(again.changes(), second.changes());
        assert_eq!(again.changes().unwrap().new_notes.len(), 1);
        // Rebuilt with an earlier as-of date: the last build stays the latest day.
        let earlier_day = ReleaseHistory::next(Some(again.clone()), now, d("2024-03-05"));
        assert_eq!(earlier_day.current.last_built_on(), "2024-03-06");
    }

    #[test]
    fn new_notes_dated_before_the_last_build_of_the_previous_release_are_backdated() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let first = ReleaseHistory::next(None, before(), d("2024-03-01"));
        // Published again on 03-10 with nothing new.
        let rebuilt = ReleaseHistory::next(Some(first), before(), d("2024-03-10"));
        let mut now = before();
        now.notes.push(note("on-the-day", "2024-03-10 16:00", "3"));
        now.notes.push(note("late", "2024-03-05", "4"));
        now.notes.push(note("later", "2024-02-28 10:00", "5"));
        now.notes.push(note("new", "2024-03-11", "6"));
        let next = ReleaseHistory::next(Some(rebuilt), now.clone(), d("2024-03-12"));
        let ch = next.changes().unwrap();
        assert_eq!(ch.new_notes.len(), 4);
        // 03-10 itself is not before the 03-10 build: written after it that day.
        assert_eq!(ch.backdated_notes, ["late", "later"]);

        // A manifest of before last builds were recorded: the release date counts.
        let mut old = ReleaseHistory::next(None, before(), d("2024-03-01"));
        old.current.last_built_on = None;
        let next = ReleaseHistory::next(Some(old), now, d("2024-03-12"));
        assert_eq!(next.changes().unwrap().backdated_notes, ["later"]);
    }
}
