//! `data/deadlines.ics`: every unfinished issue's current deadline as an
//! all-day event, so journalists can subscribe to the deadlines in their
//! calendar. Deterministic: each event's UID names its issue, and its
//! DTSTAMP is the time of the issue's newest note, not the clock.

use crate::model::Model;
use crate::render::words;
use crate::urls;
use chrono::{Duration, NaiveDateTime, NaiveTime};
use icalendar::{Calendar, Component, EventLike, Property};

/// The calendar and the number of events in it.
pub struct Deadlines {
    pub text: String,
    pub events: usize,
}

pub fn deadlines(model: &Model) -> Deadlines {
    let c = &model.content;
    let base = &c.site.base_url;
    let uid_domain = uid_domain(base);
    let site_stamp = model.last_update().unwrap_or_else(|| model.as_of.and_time(NaiveTime::MIN));
    let (name, about) = words::calendar(&c.site.title);
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", "-//gongkai//deadlines//ZH"))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("METHOD", "PUBLISH"))
        .append_property(Property::new("X-WR-CALNAME", escape(&name)))
        .append_property(Property::new("X-WR-CALDESC", escape(&about)))
        .append_property(Property::new("X-WR-TIMEZONE", "Asia/Shanghai"))
        .append_property(Property::new("URL", urls::absolute(base, urls::CALENDAR)));
    let mut events = 0;
    for (issue, f) in c.issues.iter().zip(&model.issues) {
        let Some(deadline) = f.deadline.filter(|_| !f.finished) else { continue };
        let url = urls::absolute(base, &urls::issue(&issue.id));
        let (summary, description) = words::deadline_event(issue, f, deadline, &url);
        let stamp = f.last_update.unwrap_or(site_stamp);
        let event = icalendar::Event::new()
            .uid(&format!("issue-{}-deadline@{uid_domain}", issue.id))
            .add_property("DTSTAMP", utc(stamp))
            .starts(deadline)
            .ends(deadline + Duration::days(1))
            .summary(&summary)
            .description(&description)
            .url(&url)
            .add_property("CATEGORIES", escape(&issue.category.value))
            // Each move of the deadline is a new revision of the event.
            .sequence(f.deadline_changes.len() as u32)
            .add_property("TRANSP", "TRANSPARENT")
            .done();
        calendar.push(event);
        events += 1;
    }
    Deadlines { text: calendar.to_string(), events }
}

/// Beijing time as an iCalendar UTC date-time: `20231220T010000Z`.
fn utc(t: NaiveDateTime) -> String {
    t.checked_sub_signed(Duration::hours(8)).unwrap_or(t).format("%Y%m%dT%H%M%SZ").to_string()
}

/// The host and path of the site (`www.example.gov.cn/ztzl/dczg`): two
/// sites on one host must not share UIDs.
fn uid_domain(base_url: &str) -> String {
    let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    rest.trim_end_matches('/').to_string()
}

/// TEXT escaping for the properties the crate writes as they are.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,").replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_and_uid_domain() {
        let t = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap().and_hms_opt(7, 30, 0).unwrap();
        assert_eq!(utc(t), "20231231T233000Z");
        assert_eq!(uid_domain("https://www.example.gov.cn/ztzl/dczg/"), "www.example.gov.cn/ztzl/dczg");
        assert_eq!(uid_domain("http://a.cn/"), "a.cn");
        assert_eq!(escape("大气,水;土\\"), "大气\\,水\\;土\\\\");
    }
}
