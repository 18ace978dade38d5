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

/// A searchable page, before its text is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocRef {
    Issue(usize),
    /// A published note, by its index in `content.notes`.
    Note(usize),
    Target(usize),
    /// A 交办件, by its index in the model's cases.
    Case(usize),
    Page(usize),
}

/// The documents of the site, in the order results tie: issues in ledger
/// order, notes newest first, targets, 交办件, pages.
pub fn doc_refs(model: &Model) -> Vec<DocRef> {
    let c = &model.content;
    let mut refs: Vec<DocRef> = (0..c.issues.len()).map(DocRef::Issue).collect();
    refs.extend(model.published.iter().map(|&n| DocRef::Note(n)));
    refs.extend((0..c.targets.len()).map(DocRef::Target));
    refs.extend((0..model.cases.as_ref().map_or(0, |f| f.cases.len())).map(DocRef::Case));
    refs.extend((0..c.pages.len()).map(DocRef::Page));
    refs
}

/// One document, in the words of its page.
pub fn document(model: &Model, r: DocRef) -> Doc {
    let c = &model.content;
    match r {
        DocRef::Issue(i) => {
            let (issue, facts) = (&c.issues[i], &model.issues[i]);
            let mut text = vec![
                to_plain(&issue.description.text),
                to_plain(&issue.goal.text),
                issue.measures.iter().map(|m| to_plain(&m.text)).collect::<Vec<_>>().join(" "),
            ];
            text.extend(issue.milestones.iter().map(|m| m.goal.clone()));
            text.extend(words::responsible(issue));
            Doc {
                kind: words::KIND_ISSUE,
                title: words::issue_title(issue),
                url: urls::issue(&issue.id),
                meta: words::issue_meta(issue, facts),
                text: join(text),
            }
        }
        DocRef::Note(i) => {
            let note = &c.notes[i];
            Doc {
                kind: words::KIND_NOTE,
                title: note.title.clone(),
                url: urls::note(&note.slug),
                meta: words::note_meta(note.date.date(), note.reported_by.as_deref()),
                text: to_plain(&note.body.text),
            }
        }
        DocRef::Target(i) => {
            let (target, facts) = (&c.targets[i], &model.targets[i]);
            let mut text = vec![words::target_summary(target, facts)];
            text.extend(target.goal.text.clone());
            text.extend(target.description.as_ref().map(|d| to_plain(&d.text)));
            Doc {
                kind: words::KIND_TARGET,
                title: target.name.clone(),
                url: urls::target(&target.id),
                meta: words::assessment(facts.assessment, target.kind).to_string(),
                text: join(text),
            }
        }
        DocRef::Case(i) => {
            let case = &model.cases.as_ref().expect("a case ref has cases").cases[i];
            let v = &case.values;
            let text = [&v.summary, &v.district, &v.verified, &v.handling, &v.accountability]
                .into_iter()
                .flatten()
                .cloned()
                .chain(v.lead.as_ref().map(|l| words::names(l)))
                .collect();
            Doc {
                kind: words::CASES,
                title: words::case_search_title(&case.id, v.summary.as_deref()),
                url: urls::case(&case.id),
                meta: words::case_meta(case.batch, v.district.as_deref(), v.state),
                text: join(text),
            }
        }
        DocRef::Page(i) => {
            let page = &c.pages[i];
            Doc {
                kind: words::KIND_PAGE,
                title: page.title.clone(),
                url: urls::page(&page.slug),
                meta: String::new(),
                text: to_plain(&page.body.text),
            }
        }
    }
}

fn join(parts: Vec<String>) -> String {
    parts.into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ")
}
