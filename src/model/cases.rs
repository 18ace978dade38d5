//! The 交办件 as of the as-of date: the tables published by then, each
//! case with its current values (its batch table's, then each published
//! update table's non-empty cells in date order) and its history, and the
//! counts the office and the media read: by district, by type, by truth
//! (属实率), by state (办结率), accountability and repeats.

use crate::content::cases::{CaseSection, CaseState, CaseType, CaseValues, Field, TableKind, Truth};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::sync::Arc;

/// One case as it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseFacts {
    pub id: String,
    /// Its batch table (index into `section.tables`) and row in it.
    pub table: usize,
    pub row: usize,
    pub batch: u32,
    pub received: NaiveDate,
    /// When its batch table was published.
    pub published: NaiveDate,
    /// The published date of the newest table that has the case.
    pub last_update: NaiveDate,
    /// The current values.
    pub values: CaseValues,
    /// The published update tables that changed it, oldest first.
    pub updates: Vec<CaseUpdate>,
}

/// What one update table changed of a case.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseUpdate {
    /// Index into `section.tables`.
    pub table: usize,
    pub published: NaiveDate,
    /// The fields whose value changed, in column order, and their new values
    /// (the row's values; the fields not listed are unchanged).
    pub changed: Vec<Field>,
    pub values: CaseValues,
}

/// Counts over a set of cases.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CaseStats {
    pub cases: usize,
    /// Most cases first, ties in order of first appearance; 「未注明」 cases
    /// (no district) are counted in `no_district`.
    pub by_district: Vec<(String, usize)>,
    pub no_district: usize,
    /// A case counts once for each of its types; in the order of the types.
    pub by_type: Vec<(CaseType, usize)>,
    pub by_truth: Vec<(Truth, usize)>,
    /// Cases with a truth value, and of them those at least partly true.
    pub with_truth: usize,
    pub truthful: usize,
    pub by_state: Vec<(CaseState, usize)>,
    pub done: usize,
    /// Cases whose accountability cell says something.
    pub accountability: usize,
    /// Repeat cases (`duplicate_of`).
    pub repeats: usize,
}

impl CaseStats {
    pub fn of<'a>(cases: impl IntoIterator<Item = &'a CaseFacts>) -> CaseStats {
        let mut s = CaseStats::default();
        let mut districts: Vec<(String, usize)> = Vec::new();
        let mut types: HashMap<CaseType, usize> = HashMap::new();
        let mut truth: HashMap<Truth, usize> = HashMap::new();
        let mut state: HashMap<CaseState, usize> = HashMap::new();
        for c in cases {
            let v = &c.values;
            s.cases += 1;
            match &v.district {
                Some(d) => match districts.iter_mut().find(|(name, _)| name == d) {
                    Some((_, n)) => *n += 1,
                    None => districts.push((d.clone(), 1)),
                },
                None => s.no_district += 1,
            }
            for t in v.types.iter().flatten() {
                *types.entry(*t).or_default() += 1;
            }
            if let Some(t) = v.truth {
                *truth.entry(t).or_default() += 1;
                s.with_truth += 1;
                s.truthful += usize::from(t.is_true());
            }
            if let Some(st) = v.state {
                *state.entry(st).or_default() += 1;
                s.done += usize::from(st == CaseState::Done);
            }
            s.accountability += usize::from(v.accountability.is_some());
            s.repeats += usize::from(v.duplicate_of.is_some());
        }
        // Stable: ties keep the order of first appearance.
        districts.sort_by_key(|d| std::cmp::Reverse(d.1));
        s.by_district = districts;
        s.by_type = CaseType::ALL.iter().filter_map(|(_, t)| types.get(t).map(|n| (*t, *n))).collect();
        s.by_truth = Truth::ALL.iter().filter_map(|(_, t)| truth.get(t).map(|n| (*t, *n))).collect();
        let states = [CaseState::Done, CaseState::StageDone, CaseState::Open];
        s.by_state = states.iter().filter_map(|t| state.get(t).map(|n| (*t, *n))).collect();
        s
    }

    /// 属实率 in percent; None without any case with a truth value.
    pub fn truth_rate(&self) -> Option<f64> {
        (self.with_truth > 0).then(|| self.truthful as f64 * 100.0 / self.with_truth as f64)
    }

    /// 办结率 in percent: 已办结 over all cases; None without cases.
    pub fn done_rate(&self) -> Option<f64> {
        (self.cases > 0).then(|| self.done as f64 * 100.0 / self.cases as f64)
    }
}

/// The section as of the as-of date.
#[derive(Debug, Clone, PartialEq)]
pub struct CasesFacts {
    /// Indices into `section.tables` of the tables published by the as-of
    /// date, in the section's order (batches, then updates by date).
    pub published: Vec<usize>,
    /// Tables dated later: validated, not shown (`check` lists them).
    pub unpublished: Vec<usize>,
    /// Cases of the published batches, by batch and row.
    pub cases: Vec<CaseFacts>,
    pub stats: CaseStats,
    /// Per published batch table: its index and its counts.
    pub batches: Vec<(usize, CaseStats)>,
    /// Case id, lower-cased → index into `cases` (ids are unique, ignoring case).
    by_id: HashMap<String, usize>,
    /// Issue id → indices into `cases` of the cases naming it, in order:
    /// each issue page lists its cases (a scan of every case for each of
    /// 100,000 issues was quadratic).
    by_issue: HashMap<String, Vec<usize>>,
    /// The tables and date these facts are of.
    made_from: (Arc<CaseSection>, NaiveDate),
}

impl CasesFacts {
    pub fn new(section: &Arc<CaseSection>, as_of: NaiveDate) -> CasesFacts {
        let (published, unpublished): (Vec<usize>, Vec<usize>) =
            (0..section.tables.len()).partition(|&i| section.tables[i].published <= as_of);
        let mut cases = Vec::new();
        for &t in &published {
            let table = &section.tables[t];
            let TableKind::Batch { number, received } = table.kind else { continue };
            for (row, case) in table.rows.iter().enumerate() {
                cases.push(CaseFacts {
                    id: case.id.clone(),
                    table: t,
                    row,
                    batch: number,
                    received,
                    published: table.published,
                    last_update: table.published,
                    values: case.values.clone(),
                    updates: Vec::new(),
                });
            }
        }
        let by_id: HashMap<String, usize> =
            cases.iter().enumerate().map(|(i, c)| (c.id.to_lowercase(), i)).collect();
        let mut updates: Vec<usize> =
            published.iter().copied().filter(|&t| section.tables[t].kind == TableKind::Update).collect();
        updates.sort_by_key(|&t| (section.tables[t].published, t));
        for t in updates {
            let table = &section.tables[t];
            for row in &table.rows {
                let Some(&i) = by_id.get(&row.id.to_lowercase()) else { continue };
                let case = &mut cases[i];
                let changed = apply(&mut case.values, &row.values, &table.fields);
                case.last_update = case.last_update.max(table.published);
                case.updates.push(CaseUpdate {
                    table: t,
                    published: table.published,
                    changed,
                    values: row.values.clone(),
                });
            }
        }
        let stats = CaseStats::of(&cases);
        let batches = published
            .iter()
            .filter(|&&t| section.tables[t].batch().is_some())
            .map(|&t| (t, CaseStats::of(cases.iter().filter(|c| c.table == t))))
            .collect();
        let mut by_issue: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, case) in cases.iter().enumerate() {
            for issue in case.values.issues.iter().flatten() {
                let list = by_issue.entry(issue.value.clone()).or_default();
                // A case naming an issue twice is listed once.
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        let made_from = (Arc::clone(section), as_of);
        CasesFacts { published, unpublished, cases, stats, batches, by_id, by_issue, made_from }
    }

    /// Whether these are the facts of the tables `section` (the same
    /// tables read, not equal ones) as of `as_of`.
    pub fn are_of(&self, section: &Arc<CaseSection>, as_of: NaiveDate) -> bool {
        Arc::ptr_eq(&self.made_from.0, section) && self.made_from.1 == as_of
    }

    /// The case `id` (ignoring case).
    pub fn case(&self, id: &str) -> Option<&CaseFacts> {
        self.by_id.get(&id.to_lowercase()).map(|&i| &self.cases[i])
    }

    /// The cases whose 关联问题 name issue `id`.
    pub fn of_issue<'a>(&'a self, id: &str) -> impl Iterator<Item = &'a CaseFacts> + 'a {
        self.by_issue.get(id).into_iter().flatten().map(|&i| &self.cases[i])
    }
}

/// Puts the non-empty values of `new` into `current`; returns the fields
/// whose value changed, in the table's column order.
fn apply(current: &mut CaseValues, new: &CaseValues, fields: &[Field]) -> Vec<Field> {
    let mut changed = Vec::new();
    macro_rules! take {
        ($field:ident, $which:expr) => {
            if let Some(v) = &new.$field {
                if current.$field.as_ref() != Some(v) {
                    current.$field = Some(v.clone());
                    changed.push($which);
                }
            }
        };
    }
    take!(summary, Field::Summary);
    take!(district, Field::District);
    take!(types, Field::Types);
    take!(verified, Field::Verified);
    take!(truth, Field::Truth);
    take!(handling, Field::Handling);
    take!(accountability, Field::Accountability);
    take!(state, Field::State);
    take!(lead, Field::Lead);
    take!(issues, Field::Issues);
    take!(duplicate_of, Field::DuplicateOf);
    changed.sort_by_key(|f| fields.iter().position(|x| x == f).unwrap_or(usize::MAX));
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::cases::{CaseRow, CaseTable};
    use crate::diagnostics::Pos;

    fn d(s: &str) -> NaiveDate {
        crate::dates::parse(s).unwrap()
    }

    fn row(id: &str, values: CaseValues) -> CaseRow {
        CaseRow { id: id.into(), pos: Pos::new(1, 1), values }
    }

    fn table(file: &str, kind: TableKind, published: &str, rows: Vec<CaseRow>) -> CaseTable {
        CaseTable {
            file: file.into(),
            source: format!("content/cases/{file}"),
            kind,
            published: d(published),
            pos: None,
            sheet: None,
            fields: vec![
                Field::Id,
                Field::District,
                Field::Types,
                Field::Truth,
                Field::Handling,
                Field::State,
            ],
            rows,
        }
    }

    fn case(district: &str, types: &[CaseType], truth: Truth, state: CaseState) -> CaseValues {
        CaseValues {
            district: Some(district.into()),
            types: Some(types.to_vec()),
            truth: Some(truth),
            state: Some(state),
            summary: Some("反映问题".into()),
            ..CaseValues::default()
        }
    }

    fn section() -> CaseSection {
        use CaseState::*;
        use CaseType::*;
        let batch = |n, received: &str, published, rows| {
            table(
                &format!("{n}.xlsx"),
                TableKind::Batch { number: n, received: d(received) },
                published,
                rows,
            )
        };
        CaseSection {
            title: "交办件".into(),
            inspection: None,
            contact: None,
            tables: vec![
                batch(
                    1,
                    "2022-09-10",
                    "2022-09-14",
                    vec![
                        row("A1", case("洮北区", &[Air, Noise], Truth::True, StageDone)),
                        row("A2", case("洮南市", &[Water], Truth::False, Done)),
                        row("A3", case("洮北区", &[Air], Truth::PartlyTrue, Open)),
                    ],
                ),
                batch(
                    2,
                    "2022-09-15",
                    "2022-09-19",
                    vec![row("B1", case("大安市", &[Soil], Truth::MostlyTrue, Open))],
                ),
                table(
                    "u1.xlsx",
                    TableKind::Update,
                    "2023-03-31",
                    vec![row(
                        "A1",
                        CaseValues {
                            handling: Some("已完成整改".into()),
                            state: Some(Done),
                            truth: Some(Truth::True),
                            ..CaseValues::default()
                        },
                    )],
                ),
            ],
        }
    }

    #[test]
    fn facts_are_of_the_tables_read_and_the_date() {
        let read = Arc::new(section());
        let facts = CasesFacts::new(&read, d("2023-03-31"));
        assert!(facts.are_of(&read, d("2023-03-31")));
        assert!(!facts.are_of(&read, d("2023-04-01")), "another date");
        assert!(!facts.are_of(&Arc::new(section()), d("2023-03-31")), "the tables read again");
    }

    #[test]
    fn updates_apply_from_their_date_and_record_what_changed() {
        let before = CasesFacts::new(&Arc::new(section()), d("2023-03-30"));
        assert_eq!(before.published, [0, 1]);
        assert_eq!(before.unpublished, [2]);
        assert_eq!(before.cases[0].values.state, Some(CaseState::StageDone));
        let after = CasesFacts::new(&Arc::new(section()), d("2023-03-31"));
        let a1 = &after.cases[0];
        assert_eq!(a1.values.state, Some(CaseState::Done));
        assert_eq!(a1.values.handling.as_deref(), Some("已完成整改"));
        assert_eq!(a1.last_update, d("2023-03-31"));
        // The truth was the same: no change.
        assert_eq!(a1.updates[0].changed, [Field::Handling, Field::State]);
        assert_eq!(after.cases[1].last_update, d("2022-09-14"));
    }

    #[test]
    fn counts_and_rates() {
        let f = CasesFacts::new(&Arc::new(section()), d("2023-12-31"));
        let s = &f.stats;
        assert_eq!(s.cases, 4);
        assert_eq!(
            s.by_district,
            [("洮北区".to_string(), 2), ("洮南市".to_string(), 1), ("大安市".to_string(), 1)]
        );
        assert_eq!(
            s.by_type,
            [(CaseType::Air, 2), (CaseType::Water, 1), (CaseType::Soil, 1), (CaseType::Noise, 1)]
        );
        assert_eq!((s.with_truth, s.truthful), (4, 3));
        assert_eq!(s.truth_rate(), Some(75.0));
        assert_eq!(s.done, 2);
        assert_eq!(s.done_rate(), Some(50.0));
        assert_eq!(f.batches.len(), 2);
        assert_eq!(f.batches[0].1.cases, 3);
        assert_eq!(CaseStats::of([]).truth_rate(), None);
    }
}
