//! What the 数据下载 page (`data/index.html`) and the subscribe page
//! (`data/subscribe/index.html`) show: the data files with their size and
//! update time, and every feed with its absolute address to copy.
//! The subscribe page lives under `data/`, a slug reserved for the site's
//! own pages, so it can never collide with a free page or a note.

use super::views::Time;
use crate::model::Model;
use crate::urls;
use chrono::NaiveDateTime;
use serde::Serialize;

pub const DATA_PAGE: &str = "data/index.html";
pub const SUBSCRIBE_PAGE: &str = "data/subscribe/index.html";

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
            let (title, format) = describe(f.name);
            let path = format!("data/{}", f.name);
            DataFileView {
                name: f.name,
                url: urls::absolute(base, &path),
                path,
                title,
                format,
                bytes: f.bytes,
                size: size_label(f.bytes),
                records: f.records,
                updated: f.updated.map(Time::new),
            }
        })
        .collect()
}

fn describe(name: &str) -> (&'static str, &'static str) {
    match name {
        "issues.csv" => ("问题台账", "CSV"),
        "issues.json" => ("问题台账", "JSON"),
        "notes.csv" => ("整改进展", "CSV"),
        "notes.json" => ("整改进展", "JSON"),
        "targets.csv" => ("目标指标", "CSV"),
        "targets.json" => ("目标指标", "JSON"),
        "deadlines.ics" => ("整改时限日历", "iCalendar"),
        "all.zip" => ("以上全部文件", "ZIP 压缩包"),
        _ => ("数据文件", ""),
    }
}

/// `850 字节`, `3.2 KB`, `1.4 MB` (1 KB = 1024 字节).
pub fn size_label(bytes: usize) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if bytes < 1024 {
        format!("{bytes} 字节")
    } else if b < KB * KB {
        format!("{:.1} KB", b / KB)
    } else {
        format!("{:.1} MB", b / KB / KB)
    }
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
    pub feed_items: usize,
}

pub fn subscriptions(model: &Model) -> Subscriptions {
    let c = &model.content;
    let base = &c.site.base_url;
    let feed = |title: String, path: String| FeedView { url: urls::absolute(base, &path), title, path };
    Subscriptions {
        site: feed("全部整改进展".into(), urls::FEED.into()),
        status: feed("整改状态与时限变化".into(), urls::STATUS_FEED.into()),
        issues: c
            .issues
            .iter()
            .map(|i| IssueFeedView {
                number: i.number,
                title: i.title.clone(),
                page: urls::issue(&i.id),
                feed: feed(format!("问题{}的整改进展", i.number), urls::issue_feed(&i.id)),
            })
            .collect(),
        calendar: feed("整改时限日历".into(), "data/deadlines.ics".into()),
        feed_items: c.site.feed_items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_in_words() {
        assert_eq!(size_label(0), "0 字节");
        assert_eq!(size_label(1023), "1023 字节");
        assert_eq!(size_label(1024), "1.0 KB");
        assert_eq!(size_label(3277), "3.2 KB");
        assert_eq!(size_label(1_468_006), "1.4 MB");
    }
}
