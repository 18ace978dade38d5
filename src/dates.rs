//! Calendar dates as the content format fixes them: Beijing time, written
//! `YYYY-MM-DD`. Every stage and the command line (`--as-of`,
//! `SOURCE_DATE_EPOCH`) reads and writes dates through here.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, Timelike};

/// UTC+08:00, the time of every date and time of the content.
pub fn beijing() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("+08:00 is a valid offset")
}

/// Today in Beijing.
pub fn today() -> NaiveDate {
    chrono::Utc::now().with_timezone(&beijing()).date_naive()
}

/// The Beijing calendar date of a Unix time (for `SOURCE_DATE_EPOCH` and today).
/// None outside the years 0000–9999, which `--as-of` cannot name either
/// (and date arithmetic near chrono's limits would overflow).
pub fn beijing_date(unix_seconds: i64) -> Option<NaiveDate> {
    DateTime::from_timestamp(unix_seconds, 0)
        .map(|t| t.with_timezone(&beijing()).date_naive())
        .filter(|d| (0..=9999).contains(&d.year()))
}

/// Exactly `YYYY-MM-DD` (chrono alone would accept `2023-7-1`).
pub fn parse(raw: &str) -> Option<NaiveDate> {
    if !has_date_shape(raw) {
        return None;
    }
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok()
}

/// Written as `YYYY-MM-DD`, whether or not that day exists.
pub fn has_date_shape(raw: &str) -> bool {
    let b = raw.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// `YYYY-MM-DD`: how a date is written in open data and the manifest.
/// (Written out, not by chrono's `format`, which parses its pattern at
/// every call: a province's site writes a million dates.)
pub fn ymd(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// `YYYY-MM-DD HH:MM`.
pub fn ymd_hm(t: NaiveDateTime) -> String {
    format!("{} {:02}:{:02}", ymd(t.date()), t.hour(), t.minute())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_to_beijing_date() {
        // 2023-12-31T16:00:00Z is already 2024-01-01 in Beijing.
        assert_eq!(beijing_date(1_704_038_400), NaiveDate::from_ymd_opt(2024, 1, 1));
        assert_eq!(beijing_date(1_704_038_399), NaiveDate::from_ymd_opt(2023, 12, 31));
        // Beyond what --as-of can name.
        assert_eq!(beijing_date(-62_167_248_001), None, "year -1");
        assert_eq!(beijing_date(253_402_300_800), None, "year 10000");
        assert_eq!(beijing_date(-62_167_248_000), NaiveDate::from_ymd_opt(0, 1, 1));
    }

    #[test]
    fn written_as_chrono_writes_them() {
        let days = [(0, 1, 1), (7, 3, 9), (999, 12, 31), (2023, 7, 1), (2024, 2, 29), (9999, 12, 31)];
        for (y, m, d) in days {
            let day = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(ymd(day), day.format("%Y-%m-%d").to_string());
            let time = day.and_hms_opt(8, 5, 59).unwrap();
            assert_eq!(ymd_hm(time), time.format("%Y-%m-%d %H:%M").to_string());
        }
    }

    #[test]
    fn dates_must_be_exact() {
        assert!(parse("2023-07-01").is_some());
        assert!(parse("2023-7-1").is_none());
        assert!(parse("2023-02-30").is_none());
        assert!(parse("2023/07/01").is_none());
        assert!(has_date_shape("2023-02-30"));
    }
}
