//! RSS 2.0 feeds: all notes, each issue's notes, and status and deadline
//! changes. Item links, guids and every link inside a description are
//! absolute, so a feed reader can follow them.

use crate::model::{Event, Model};
use crate::render::markdown::{to_html, LinkBase};
use crate::render::{urls, views};
use rss::extension::atom::{AtomExtension, Link};
use rss::{CategoryBuilder, ChannelBuilder, GuidBuilder, Item, ItemBuilder};
use std::collections::BTreeSet;

/// One feed: its output path, channel title and description, the page it
/// belongs to, and its notes (indices, newest first).
pub struct Feed {
    pub path: String,
    pub title: String,
    pub description: String,
    pub page: String,
    pub notes: Vec<usize>,
}

/// Every feed of the site.
pub fn feeds(model: &Model) -> Vec<Feed> {
    let c = &model.content;
    let site = &c.site;
    let mut feeds = vec![
        Feed {
            path: urls::FEED.into(),
            title: format!("{}：整改进展", site.title),
            description: site.description.clone().unwrap_or_else(|| format!("{}的全部整改进展", site.title)),
            page: urls::updates_page(1),
            notes: model.published.iter().copied().take(site.feed_items).collect(),
        },
        Feed {
            path: urls::STATUS_FEED.into(),
            title: format!("{}：整改状态与时限变化", site.title),
            description: "只包含改变问题整改状态或整改时限的进展".into(),
            page: urls::updates_page(1),
            notes: model.published.iter().copied().filter(|&n| changes_status_or_deadline(model, n)).take(site.feed_items).collect(),
        },
    ];
    for (issue, facts) in c.issues.iter().zip(&model.issues) {
        feeds.push(Feed {
            path: urls::issue_feed(&issue.id),
            title: format!("问题{}：{} - 整改进展", issue.number, issue.title),
            description: format!("{}问题{}的整改进展", site.title, issue.number),
            page: urls::issue(&issue.id),
            notes: facts.history.iter().rev().map(|h| h.note).collect(),
        });
    }
    feeds
}

fn changes_status_or_deadline(model: &Model, note: usize) -> bool {
    model.issues.iter().any(|f| {
        f.history.iter().any(|h| {
            h.note == note && h.events.iter().any(|e| matches!(e, Event::Status { .. } | Event::Deadline { .. }))
        })
    })
}

/// The feed as RSS 2.0 XML.
pub fn to_xml(model: &Model, feed: &Feed, dirs: &BTreeSet<String>) -> String {
    let base = &model.content.site.base_url;
    let items: Vec<Item> = feed.notes.iter().map(|&n| item(model, n, dirs)).collect();
    let last_build = feed.notes.first().map(|&n| rfc822(model.content.notes[n].date.time));
    let atom = AtomExtension {
        links: vec![Link {
            href: urls::absolute(base, &feed.path),
            rel: "self".into(),
            mime_type: Some("application/rss+xml".into()),
            ..Link::default()
        }],
    };
    let channel = ChannelBuilder::default()
        .title(feed.title.clone())
        .link(urls::absolute(base, &feed.page))
        .description(feed.description.clone())
        .language(Some("zh-cn".to_string()))
        .generator(Some("gongkai".to_string()))
        .last_build_date(last_build)
        .namespaces([("atom".to_string(), rss::extension::atom::NAMESPACE.to_string())])
        .atom_ext(Some(atom))
        .items(items)
        .build();
    let mut xml = channel.to_string();
    if !xml.starts_with("<?xml") {
        xml.insert_str(0, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }
    xml
}

fn item(model: &Model, n: usize, dirs: &BTreeSet<String>) -> Item {
    let c = &model.content;
    let note = &c.notes[n];
    let base = &c.site.base_url;
    let url = urls::absolute(base, &urls::note(&note.slug));
    let changes = views::note_changes(model, n);
    let mut categories: Vec<&str> = Vec::new();
    for (i, _) in &changes {
        let cat = c.issues[*i].category.value.as_str();
        if !categories.contains(&cat) {
            categories.push(cat);
        }
    }
    let mut description = String::new();
    let lines: Vec<String> = views::note_row(model, n).changes;
    if !lines.is_empty() {
        description.push_str("<ul>");
        for l in &lines {
            description.push_str(&format!("<li>{}</li>", tera::escape_html(l)));
        }
        description.push_str("</ul>");
    }
    description.push_str(&to_html(&note.body.text, LinkBase::Absolute(base), dirs, 2));
    ItemBuilder::default()
        .title(Some(item_title(model, n)))
        .link(Some(url.clone()))
        .guid(Some(GuidBuilder::default().value(url).permalink(true).build()))
        .pub_date(Some(rfc822(note.date.time)))
        .categories(categories.into_iter().map(|name| CategoryBuilder::default().name(name.to_string()).build()).collect::<Vec<_>>())
        .description(Some(description))
        .build()
}

/// 「【问题7 · 已完成】标题」: the issues named and what changed.
pub fn item_title(model: &Model, n: usize) -> String {
    let c = &model.content;
    let note = &c.notes[n];
    let changes = views::note_changes(model, n);
    if changes.is_empty() {
        return note.title.clone();
    }
    let numbers: Vec<String> = changes.iter().map(|(i, _)| format!("问题{}", c.issues[*i].number)).collect();
    let mut parts = vec![numbers.join("、")];
    // The change of the first issue that has one; notes changing several
    // issues set them all the same way.
    let events = changes.iter().find_map(|(i, _)| {
        model.issues[*i].history.iter().find(|h| h.note == n).filter(|h| !h.events.is_empty()).map(|h| &h.events)
    });
    for e in events.into_iter().flatten() {
        match e {
            Event::Status { to, .. } => parts.push(to.label().to_string()),
            Event::Deadline { to, .. } => parts.push(format!("时限调整至{}", views::date(*to))),
            Event::Milestone { number } => parts.push(format!("完成阶段目标{number}")),
        }
    }
    format!("【{}】{}", parts.join(" · "), note.title)
}

/// RFC 822 date in Beijing time: `Thu, 28 Sep 2023 16:30:00 +0800`.
pub fn rfc822(t: chrono::NaiveDateTime) -> String {
    t.and_local_timezone(crate::model::beijing()).single().map(|d| d.to_rfc2822()).unwrap_or_default()
}
