//! Dates that are valid but implausible: most likely a typo, and one that
//! would be published without anyone noticing (a back-dated note, a note
//! that silently stays unpublished for years). Warnings, not errors: a
//! real date may be odd, and `--strict` makes them errors for a release.

use super::Model;
use crate::diagnostics::{Diagnostic, Pos};
use chrono::{Months, NaiveDate};

/// A note dated further than this after the as-of date is likely a
/// mistyped year.
const FAR_FUTURE: Months = Months::new(12);

/// Warnings about every implausible date of the content, as of `model.as_of`.
pub fn warnings(model: &Model) -> Vec<Diagnostic> {
    let c = &model.content;
    let mut diags = Vec::new();
    let mut warn = |source: &str, pos: Option<Pos>, message: String| {
        diags.push(Diagnostic::warning(source, pos, message));
    };
    let plan = c.site.plan_date;
    let early = |date: &NaiveDate| plan.is_some_and(|p| *date < p);
    let why = plan
        .map(|p| format!("早于整改方案的发布日期 {p}（content/site.yaml 的 plan_date）。请确认日期没有写错"))
        .unwrap_or_default();

    for issue in &c.issues {
        if let Some(deadline) = issue.deadline.filter(early) {
            warn(&issue.source, issue.deadline_pos, format!("整改时限 {deadline} {why}"));
        }
        for (i, m) in issue.milestones.iter().enumerate().filter(|(_, m)| early(&m.date)) {
            warn(&issue.source, m.date_pos, format!("第 {} 个阶段目标的日期 {} {why}", i + 1, m.date));
        }
    }
    for note in &c.notes {
        let date = note.date.date();
        if early(&date) {
            warn(&note.source, note.date_pos, format!("进展日期 {date} {why}"));
        }
        if is_far_future(date, model.as_of) {
            let message = format!(
                "进展日期 {date} 比统计日期 {} 晚一年以上，可能是年份写错了：这条进展要到 {date} 才会发布",
                model.as_of
            );
            warn(&note.source, note.date_pos, message);
        }
        if let Some(deadline) = note.deadline.filter(early) {
            warn(&note.source, note.deadline_pos, format!("调整后的整改时限 {deadline} {why}"));
        }
    }
    diags
}

/// More than [`FAR_FUTURE`] after `as_of`.
fn is_far_future(date: NaiveDate, as_of: NaiveDate) -> bool {
    as_of.checked_add_months(FAR_FUTURE).is_some_and(|limit| date > limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn far_future_is_more_than_a_year_after_as_of() {
        assert!(!is_far_future(d("2027-11-29"), d("2026-11-29")));
        assert!(is_far_future(d("2027-11-30"), d("2026-11-29")));
        // A year after 29 February is 28 February.
        assert!(!is_far_future(d("2025-02-28"), d("2024-02-29")));
        assert!(is_far_future(d("2025-03-01"), d("2024-02-29")));
    }
}
