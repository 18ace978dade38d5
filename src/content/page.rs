//! `content/pages/**/<slug>.md`: free pages (the plan, about, accessibility).

use super::ids::SourceFile;
use super::markdown::{Markdown, Origin};
use super::note::{NoteDate, read_date, split_front_matter};
use super::yaml::Reader;
use crate::diagnostics::Diagnostic;

#[derive(Debug, Clone)]
pub struct Page {
    pub slug: String,
    pub source: String,
    pub title: String,
    pub date: Option<NoteDate>,
    /// Position in the navigation (lower first; pages without come last).
    pub order: Option<i64>,
    pub body: Markdown,
}

/// The page in `file`, from the text `content::load` read.
pub fn load(file: &SourceFile, text: &str) -> (Option<Page>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let Some(fm) = split_front_matter(text, &file.rel, &mut diags) else {
        return (None, diags);
    };
    let mut r = Reader::new(&file.rel, 1);
    let page = r.parse(fm.yaml).and_then(|map| {
        r.check_keys(&map, &["title", "date", "order"]);
        let title = r.required(&map, "title", "页面标题，一行文字").and_then(|n| r.text(n, "title"));
        // A bad date is reported by read_date; the page is still checked.
        let date = r.optional(&map, "date").and_then(|n| read_date(&mut r, n, "date"));
        let order = r.optional(&map, "order").and_then(|n| r.integer(n, "order"));
        let body = Markdown::new(
            fm.body.to_string(),
            Origin { line: fm.body_line, column: 1, line_for_line: true, indent: 0 },
        );
        Some(Page { slug: file.id.clone(), source: file.rel.clone(), title: title?, date, order, body })
    });
    diags.append(&mut r.diags);
    (page, diags)
}
