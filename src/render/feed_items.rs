//! The body of a feed item: the whole note as HTML for a feed reader, from
//! the theme's `feed_item.html`, with every link absolute.

use super::closures::{AcceptanceView, PublicityView, acceptance_view, publicity_view};
use super::markdown::{LinkBase, to_html};
use super::views::{NoteRow, note_row};
use crate::model::Model;
use crate::urls;
use crate::urls::PageDirs;
use serde::Serialize;

pub const TEMPLATE: &str = "feed_item.html";

#[derive(Debug, Serialize)]
pub struct FeedItemView {
    pub note: NoteRow,
    pub body_html: String,
    /// The issues the note reports on, with their absolute URLs.
    pub issues: Vec<IssueRef>,
    pub acceptance: Option<AcceptanceView>,
    pub publicity: Option<PublicityView>,
}

#[derive(Debug, Serialize)]
pub struct IssueRef {
    pub number: u32,
    pub title: String,
    pub url: String,
}

pub fn view(model: &Model, n: usize, dirs: PageDirs) -> FeedItemView {
    let c = &model.content;
    let base = &c.site.base_url;
    let note = note_row(model, n);
    let page = urls::absolute(base, &note.path);
    let md = |text: &str| to_html(text, LinkBase::Absolute { base, page: &page }, dirs, 2);
    let body_html = md(&c.notes[n].body.text);
    let issues = note
        .issues
        .iter()
        .map(|i| IssueRef { number: i.number, title: i.title.clone(), url: urls::absolute(base, &i.path) })
        .collect();
    let acceptance = c.notes[n].acceptance.as_ref().map(|a| acceptance_view(a, &md));
    let publicity = c.notes[n].publicity.as_ref().map(|p| publicity_view(p, model.as_of));
    FeedItemView { note, body_html, issues, acceptance, publicity }
}
