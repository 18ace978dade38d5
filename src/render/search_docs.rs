//! What the search finds: every issue, published note, target and free
//! page and 交办件 as one document with its kind, title, a line under the title and
//! its text, in the words of its page. `output::search` indexes them.

use super::markdown::to_plain;
use super::words;
use crate::model::Model;
use crate::urls;
use serde::Serialize;

/// One searchable page.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Doc {
    /// What kind of page, in words: 问题, 整改进展, 目标指标, 页面.
    pub kind: &'static str,
    pub title: String,
    /// Path from the site root.
    pub url: String,
    /// A short line under the title (category and status, date, …).
    pub meta: String,
    /// The page's text, for snippets.
    pub text: String,
}

/// The documents of the site, in the order results tie: issues in ledger
/// order, notes newest first, targets, pages.
pub fn documents(model: &Model) -> Vec<Doc> {
    let c = &model.content;
    let mut docs = Vec::new();
    for (issue, facts) in c.issues.iter().zip(&model.issues) {
        let mut text = vec![
            to_plain(&issue.description.text),
            to_plain(&issue.goal.text),
            issue.measures.iter().map(|m| to_plain(&m.text)).collect::<Vec<_>>().join(" "),
        ];
        text.extend(issue.milestones.iter().map(|m| m.goal.clone()));
        text.extend(words::responsible(issue));
        docs.push(Doc {
            kind: words::KIND_ISSUE,
            title: words::issue_title(issue),
            url: urls::issue(&issue.id),
            meta: words::issue_meta(issue, facts),
            text: join(text),
        });
    }
    for &i in &model.published {
        let note = &c.notes[i];
        docs.push(Doc {
            kind: words::KIND_NOTE,
            title: note.title.clone(),
            url: urls::note(&note.slug),
            meta: words::note_meta(note.date.date(), note.reported_by.as_deref()),
            text: to_plain(&note.body.text),
        });
    }
    for (target, facts) in c.targets.iter().zip(&model.targets) {
        let mut text = vec![words::target_summary(target, facts)];
        text.extend(target.goal.text.clone());
        text.extend(target.description.as_ref().map(|d| to_plain(&d.text)));
        docs.push(Doc {
            kind: words::KIND_TARGET,
            title: target.name.clone(),
            url: urls::target(&target.id),
            meta: words::assessment(facts.assessment, target.kind).to_string(),
            text: join(text),
        });
    }
    if let Some(facts) = &model.cases {
        for case in &facts.cases {
            let v = &case.values;
            let text = [&v.summary, &v.district, &v.verified, &v.handling, &v.accountability]
                .into_iter()
                .flatten()
                .cloned()
                .chain(v.lead.as_ref().map(|l| words::names(l)))
                .collect();
            docs.push(Doc {
                kind: words::CASES,
                title: words::case_search_title(&case.id, v.summary.as_deref()),
                url: urls::case(&case.id),
                meta: words::case_meta(case.batch, v.district.as_deref(), v.state),
                text: join(text),
            });
        }
    }
    for page in &c.pages {
        docs.push(Doc {
            kind: words::KIND_PAGE,
            title: page.title.clone(),
            url: urls::page(&page.slug),
            meta: String::new(),
            text: to_plain(&page.body.text),
        });
    }
    docs
}

fn join(parts: Vec<String>) -> String {
    parts.into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ")
}
