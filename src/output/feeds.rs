//! RSS 2.0 feeds: all notes, each issue's notes, and status and deadline
//! changes. Item links, guids and every link inside a description are
//! absolute, so a feed reader can follow them.

use crate::model::{Event, Model};
use crate::render::{views, words};
use crate::urls;
use chrono::NaiveDateTime;
use rss::extension::atom::{AtomExtension, Link};
use rss::{Category, Channel, Guid, Item};

/// A feed of notes of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedOf {
    /// `feed.xml`: every note.
    Site,
    /// `updates/status.xml`: the notes that change a status or deadline.
    Status,
    /// An issue's notes, by its position in the ledger.
    Issue(usize),
}

/// One feed: its output path, channel title and description, the page it
/// belongs to, and its notes (indices, newest first).
pub struct Feed {
    pub path: String,
    pub title: String,
    pub description: String,
    /// The page the channel links to.
    pub page: String,
    pub notes: Vec<usize>,
}

/// Every feed of the site: `feed.xml`, `updates/status.xml`, then one per
/// issue in ledger order.
pub fn all(model: &Model) -> impl Iterator<Item = FeedOf> {
    [FeedOf::Site, FeedOf::Status].into_iter().chain((0..model.content.issues.len()).map(FeedOf::Issue))
}

/// The output path of a feed (known without making the feed: a site lists
/// its files before it makes any).
pub fn path(model: &Model, of: FeedOf) -> String {
    match of {
        FeedOf::Site => urls::FEED.into(),
        FeedOf::Status => urls::STATUS_FEED.into(),
        FeedOf::Issue(i) => urls::issue_feed(&model.content.issues[i].id),
    }
}

pub fn feed(model: &Model, of: FeedOf) -> Feed {
    let c = &model.content;
    let site = &c.site;
    match of {
        // The site feed belongs to the site: RSS 2.0 defines the channel
        // link as "the URL to the HTML website corresponding to the channel".
        FeedOf::Site => {
            let (title, description) = words::site_feed(&site.title, site.description.as_deref());
            Feed {
                path: path(model, of),
                title,
                description,
                page: urls::HOME.into(),
                notes: model.published.iter().copied().take(site.feed_items).collect(),
            }
        }
        // Status and deadline changes are changes to the ledger.
        FeedOf::Status => {
            let (title, description) = words::status_feed(&site.title);
            Feed {
                path: path(model, of),
                title,
                description,
                page: urls::LEDGER.into(),
                notes: model
                    .published
                    .iter()
                    .copied()
                    .filter(|&n| changes_status_or_deadline(model, n))
                    .take(site.feed_items)
                    .collect(),
            }
        }
        FeedOf::Issue(i) => {
            let issue = &c.issues[i];
            let (title, description) = words::issue_feed_channel(issue, &site.title);
            // Its history, in the site feed's order (newest first, ties by slug).
            let mut notes: Vec<usize> = model.issues[i].history.iter().map(|h| h.note).collect();
            notes.sort_by_key(|&n| (std::cmp::Reverse(c.notes[n].date.time), &c.notes[n].slug));
            Feed { path: path(model, of), title, description, page: urls::issue(&issue.id), notes }
        }
    }
}

fn changes_status_or_deadline(model: &Model, note: usize) -> bool {
    events_of(model, note).any(|e| matches!(e, Event::Status { .. } | Event::Deadline { .. }))
}

/// Every event the note made, over all the issues it names.
fn events_of(model: &Model, note: usize) -> impl Iterator<Item = &Event> {
    model.content.notes[note]
        .issues
        .iter()
        .filter_map(|id| model.issue_position(&id.value))
        .filter_map(move |i| model.history_entry(i, note))
        .flat_map(|h| &h.events)
}

/// The feed as RSS 2.0 XML; `body` renders a note's description.
pub fn to_xml(model: &Model, feed: &Feed, body: &dyn Fn(usize) -> Option<String>) -> String {
    let items: Vec<Item> = feed.notes.iter().map(|&n| item(model, n, body(n))).collect();
    // The newest item's date keeps builds deterministic; a feed without
    // items says when the site's content last changed.
    let last_build = feed
        .notes
        .first()
        .map(|&n| model.content.notes[n].date.time)
        .or_else(|| model.last_update())
        .unwrap_or_else(|| model.as_of.and_time(chrono::NaiveTime::MIN));
    channel_xml(model, &feed.path, &feed.page, &feed.title, &feed.description, last_build, items)
}

/// `cases/feed.xml`: one item per published 交办件 table, newest first;
/// `body` renders a table's description (by table index).
pub fn cases_xml(model: &Model, body: &dyn Fn(usize) -> Option<String>) -> Option<String> {
    let (section, facts) = model.content.cases.as_ref().zip(model.cases.as_ref())?;
    let base = &model.content.site.base_url;
    let mut tables = facts.published.clone();
    tables.sort_by_key(|&t| (std::cmp::Reverse(section.tables[t].published), std::cmp::Reverse(t)));
    let items: Vec<Item> = tables
        .iter()
        .map(|&t| {
            let table = &section.tables[t];
            let count = table.rows.len();
            let (title, url) = match table.kind {
                crate::content::cases::TableKind::Batch { number, .. } => {
                    (words::case_feed_batch(number, count), urls::absolute(base, &urls::case_batch(number)))
                }
                crate::content::cases::TableKind::Update => (
                    words::case_feed_update(table.published, count),
                    format!(
                        "{}#{}",
                        urls::absolute(base, urls::CASES),
                        urls::case_update_anchor(table.published)
                    ),
                ),
            };
            let mut guid = Guid::default();
            guid.set_value(url.clone());
            guid.set_permalink(true);
            let mut item = Item::default();
            item.set_title(title);
            item.set_link(url);
            item.set_guid(guid);
            item.set_pub_date(rfc822(table.published.and_time(chrono::NaiveTime::MIN)));
            item.set_description(body(t));
            item
        })
        .collect();
    let last_build = tables
        .first()
        .map(|&t| section.tables[t].published.and_time(chrono::NaiveTime::MIN))
        .or_else(|| model.last_update())
        .unwrap_or_else(|| model.as_of.and_time(chrono::NaiveTime::MIN));
    let (title, description) = words::cases_feed(&model.content.site.title, &section.title);
    Some(channel_xml(model, urls::CASES_FEED, urls::CASES, &title, &description, last_build, items))
}

/// An RSS 2.0 channel of `items`, belonging to the page at `page`.
fn channel_xml(
    model: &Model,
    path: &str,
    page: &str,
    title: &str,
    description: &str,
    last_build: NaiveDateTime,
    items: Vec<Item>,
) -> String {
    let base = &model.content.site.base_url;
    let atom = AtomExtension {
        links: vec![Link {
            href: urls::absolute(base, path),
            rel: "self".into(),
            mime_type: Some("application/rss+xml".into()),
            ..Link::default()
        }],
    };
    let mut channel = Channel::default();
    channel.set_title(title.to_string());
    channel.set_link(urls::absolute(base, page));
    channel.set_description(description.to_string());
    channel.set_language("zh-cn".to_string());
    channel.set_generator("gongkai".to_string());
    channel.set_last_build_date(rfc822(last_build));
    channel.set_namespaces([("atom".to_string(), rss::extension::atom::NAMESPACE.to_string())]);
    channel.set_atom_ext(atom);
    channel.set_items(items);
    let mut xml = channel.to_string();
    if !xml.starts_with("<?xml") {
        xml.insert_str(0, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }
    xml.push('\n');
    xml
}

fn item(model: &Model, n: usize, description: Option<String>) -> Item {
    let c = &model.content;
    let note = &c.notes[n];
    let url = urls::absolute(&c.site.base_url, &urls::note(&note.slug));
    let mut categories: Vec<&str> = Vec::new();
    for i in issues_by_number(model, n) {
        let cat = c.issues[i].category.value.as_str();
        if !categories.contains(&cat) {
            categories.push(cat);
        }
    }
    let mut guid = Guid::default();
    guid.set_value(url.clone());
    guid.set_permalink(true);
    let mut item = Item::default();
    item.set_title(item_title(model, n));
    item.set_link(url);
    item.set_guid(guid);
    item.set_pub_date(rfc822(note.date.time));
    item.set_categories(
        categories
            .into_iter()
            .map(|name| {
                let mut category = Category::default();
                category.set_name(name);
                category
            })
            .collect::<Vec<_>>(),
    );
    item.set_description(description);
    item
}

/// The issues a note names, by ledger number.
fn issues_by_number(model: &Model, n: usize) -> Vec<usize> {
    views::note_changes(model, n).into_iter().map(|(i, _)| i).collect()
}

/// 「【问题7 · 已完成】标题」: the issues the note names and what it changed.
pub fn item_title(model: &Model, n: usize) -> String {
    let c = &model.content;
    let numbers: Vec<u32> = issues_by_number(model, n).into_iter().map(|i| c.issues[i].number).collect();
    let events: Vec<&Event> = events_of(model, n).collect();
    words::feed_item_title(&c.notes[n].title, &numbers, &events)
}

/// RFC 822 date in Beijing time: `Thu, 28 Sep 2023 16:30:00 +0800`.
pub fn rfc822(t: NaiveDateTime) -> String {
    t.format("%a, %d %b %Y %H:%M:%S +0800").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc822_is_beijing_time_with_two_digit_day() {
        let t = chrono::NaiveDate::from_ymd_opt(2024, 6, 5).unwrap().and_hms_opt(0, 0, 0).unwrap();
        assert_eq!(rfc822(t), "Wed, 05 Jun 2024 00:00:00 +0800");
        let t = chrono::NaiveDate::from_ymd_opt(2023, 9, 28).unwrap().and_hms_opt(16, 30, 0).unwrap();
        assert_eq!(rfc822(t), "Thu, 28 Sep 2023 16:30:00 +0800");
    }

    #[test]
    fn cdata_end_inside_a_description_stays_well_formed() {
        let mut item = Item::default();
        item.set_description("<p>a ]]> b</p>".to_string());
        let mut channel = Channel::default();
        channel.set_title("t");
        channel.set_link("https://a.cn/");
        channel.set_items(vec![item]);
        let xml = channel.to_string();
        let back: rss::Channel = xml.parse().expect("parses");
        assert_eq!(back.items[0].description(), Some("<p>a ]]> b</p>"));
    }
}
