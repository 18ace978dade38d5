//! What the 数据下载 page (`data/index.html`) and the subscribe page
//! (`data/subscribe/index.html`) show: the data files with their size and
//! update time, and every feed with its absolute address to copy.
//! The subscribe page lives under `data/`, a slug reserved for the site's
//! own pages, so it can never collide with a free page or a note.

use super::views::Time;
use super::words;
use crate::model::Model;
use crate::urls;
use chrono::NaiveDateTime;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct DataFileView {
    pub name: &'static str,
    pub path: String,
    pub url: String,
    /// What the file holds, in a few words.
    pub title: &'static str,
    pub format: &'static str,
    pub bytes: usize,
    pub size: String,
    pub records: Option<usize>,
    pub updated: Option<Time>,
}

/// What the data page shows of a file under `data/`. The output stage
/// makes the files before the pages are rendered, as the page lists their
/// sizes; this is all it passes on.
#[derive(Debug, Clone)]
pub struct DataFileFacts {
    /// File name inside `data/`.
    pub name: &'static str,
    pub bytes: usize,
    pub records: Option<usize>,
    pub updated: Option<NaiveDateTime>,
}

pub fn data_files(model: &Model, files: &[DataFileFacts]) -> Vec<DataFileView> {
    let base = &model.content.site.base_url;
    files
        .iter()
        .map(|f| {
            let (title, format) = words::data_file(f.name);
            let path = urls::data_file(f.name);
            DataFileView {
                name: f.name,
                url: urls::absolute(base, &path),
                path,
                title,
                format,
                bytes: f.bytes,
                size: words::size(f.bytes),
                records: f.records,
                updated: f.updated.map(Time::new),
            }
        })
        .collect()
}

#[derive(Debug, Serialize)]
pub struct FeedView {
    pub title: String,
    pub path: String,
    pub url: String,
}

#[derive(Debug, Serialize)]
pub struct IssueFeedView {
    pub number: u32,
    pub title: String,
    pub page: String,
    pub feed: FeedView,
}

#[derive(Debug, Serialize)]
pub struct Subscriptions {
    pub site: FeedView,
    pub status: FeedView,
    pub issues: Vec<IssueFeedView>,
    pub calendar: FeedView,
    /// The 交办件 feed, when the site has the section.
    pub cases: Option<FeedView>,
    pub feed_items: usize,
}

pub fn subscriptions(model: &Model) -> Subscriptions {
    let c = &model.content;
    let base = &c.site.base_url;
    let feed = |title: String, path: String| FeedView { url: urls::absolute(base, &path), title, path };
    Subscriptions {
        site: feed(words::FEED_ALL.into(), urls::FEED.into()),
        status: feed(words::FEED_STATUS.into(), urls::STATUS_FEED.into()),
        issues: c
            .issues
            .iter()
            .map(|i| IssueFeedView {
                number: i.number,
                title: i.title.clone(),
                page: urls::issue(&i.id),
                feed: feed(words::issue_feed(i.number), urls::issue_feed(&i.id)),
            })
            .collect(),
        calendar: feed(words::CALENDAR.into(), urls::CALENDAR.into()),
        cases: model.cases.as_ref().map(|_| feed(words::FEED_CASES.into(), urls::CASES_FEED.into())),
        feed_items: c.site.feed_items,
    }
}
