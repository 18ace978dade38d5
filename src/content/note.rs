//! `content/notes/**/<slug>.md`: dated progress notes.

use super::Status;
use super::ids::SourceFile;
use super::markdown::{Markdown, Origin};
use super::yaml::{Located, Reader};
use crate::dates::parse as parse_date;
use crate::diagnostics::{Diagnostic, Pos};
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};
use std::sync::OnceLock;

/// A date as written in front matter, in Beijing time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct NoteDate {
    /// Beijing wall-clock time; a date-only note counts as 00:00.
    pub time: NaiveDateTime,
    /// Whether a time of day was written (a date-only note shows no time).
    pub has_time: bool,
}

impl NoteDate {
    pub fn date(&self) -> NaiveDate {
        self.time.date()
    }
}

#[derive(Debug, Clone)]
pub struct ProgressNote {
    pub slug: String,
    pub source: String,
    pub title: String,
    pub date: NoteDate,
    pub date_pos: Option<Pos>,
    pub issues: Vec<Located<String>>,
    pub status: Option<Status>,
    pub status_pos: Option<Pos>,
    pub deadline: Option<NaiveDate>,
    pub deadline_pos: Option<Pos>,
    pub milestones: Vec<Located<u32>>,
    /// Who reported it (`source:` in the front matter).
    pub reported_by: Option<String>,
    /// 整改验收 reported by this note.
    pub acceptance: Option<Box<Acceptance>>,
    /// 销号公示 announced by this note.
    pub publicity: Option<Box<Publicity>>,
    pub body: Markdown,
    /// The digest of what it publishes, as a release records it
    /// (`model::release`), made once: the preview keeps a note unchanged
    /// on disk from one rebuild to the next, and 50,000 digests are a
    /// tenth of a second.
    pub release_digest: OnceLock<[u8; 32]>,
}

/// Who checked the work (验收) and at what level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcceptanceLevel {
    Province,
    City,
    County,
}

impl AcceptanceLevel {
    pub const ALL: [(&'static str, AcceptanceLevel); 3] = [
        ("省级", AcceptanceLevel::Province),
        ("市级", AcceptanceLevel::City),
        ("县级", AcceptanceLevel::County),
    ];

    /// As written in the file and shown on the site: 省级, 市级, 县级.
    pub fn name(self) -> &'static str {
        AcceptanceLevel::ALL.iter().find(|(_, l)| *l == self).map_or("", |(n, _)| n)
    }
}

#[derive(Debug, Clone)]
pub struct Acceptance {
    pub date: NaiveDate,
    pub date_pos: Option<Pos>,
    pub level: AcceptanceLevel,
    pub by: String,
    /// 验收意见.
    pub opinion: Option<Markdown>,
}

/// A public notice before closing: from `from` to `to`, both inclusive.
#[derive(Debug, Clone)]
pub struct Publicity {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Where objections go.
    pub contact: String,
}

const KEYS: &[&str] =
    &["title", "date", "issues", "status", "deadline", "milestones", "source", "acceptance", "publicity"];

pub const DATE_FORMS: &str =
    "YYYY-MM-DD、YYYY-MM-DD HH:MM（北京时间）或带时区的 RFC 3339 时间（例如 2023-09-28T16:30:00+08:00）";

/// A markdown file split into its front matter and body.
pub struct FrontMatter<'a> {
    pub yaml: &'a str,
    pub body: &'a str,
    /// 1-based line of the file on which the body starts.
    pub body_line: usize,
}

/// Splits `---` front matter from the body; reports a missing fence.
pub fn split_front_matter<'a>(
    text: &'a str,
    rel: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<FrontMatter<'a>> {
    let Some(rest) = text.strip_prefix("---\n").or_else(|| (text.trim_end() == "---").then_some("")) else {
        diags.push(Diagnostic::error(
            rel,
            Some(Pos::new(1, 1)),
            "文件应以“---”开头的一段设置（front matter）开始，其中写 title、date 等，再以“---”结束，之后是正文",
        ));
        return None;
    };
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            let body = &rest[offset + line.len()..];
            return Some(FrontMatter { yaml: &rest[..offset], body, body_line: i + 3 });
        }
        offset += line.len();
    }
    diags.push(Diagnostic::error(
        rel,
        Some(Pos::new(1, 1)),
        "开头的设置（front matter）没有以单独一行“---”结束",
    ));
    None
}

/// Parses a note or page date: date only, date and minute (Beijing), or RFC 3339.
pub fn parse_note_date(raw: &str) -> Option<NoteDate> {
    if let Some(d) = parse_date(raw) {
        return Some(NoteDate { time: d.and_time(NaiveTime::MIN), has_time: false });
    }
    if raw.len() == 16 && raw.as_bytes()[10] == b' ' {
        let d = parse_date(&raw[..10])?;
        let t = NaiveTime::parse_from_str(&raw[11..], "%H:%M").ok().filter(|_| raw.as_bytes()[13] == b':')?;
        return Some(NoteDate { time: d.and_time(t), has_time: true });
    }
    let dt = DateTime::parse_from_rfc3339(raw).ok()?;
    Some(NoteDate { time: dt.with_timezone(&crate::dates::beijing()).naive_local(), has_time: true })
}

pub fn read_date(r: &mut Reader, node: &marked_yaml::Node, key: &str) -> Option<NoteDate> {
    let pos = r.pos(node);
    let raw = r.text(node, key)?;
    let parsed = parse_note_date(&raw);
    if parsed.is_none() {
        r.error(pos, format!("“{key}”的时间“{raw}”无效，应写成 {DATE_FORMS}"));
    }
    parsed
}

/// The progress note in `file`, from the text `content::load` read.
pub fn load(file: &SourceFile, text: &str) -> (Option<ProgressNote>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let Some(fm) = split_front_matter(text, &file.rel, &mut diags) else {
        return (None, diags);
    };
    let mut r = Reader::new(&file.rel, 1);
    let note = r.parse(fm.yaml).and_then(|map| {
        r.check_keys(&map, KEYS);
        let title = r.required(&map, "title", "标题，一行文字").and_then(|n| r.text(n, "title"));
        let date_node = r.required(&map, "date", DATE_FORMS);
        let date_pos = date_node.and_then(|n| r.pos(n));
        let date = date_node.and_then(|n| read_date(&mut r, n, "date"));
        let issues_node = r.optional(&map, "issues");
        let issues = issues_node.map(|n| r.text_list(n, "issues", true)).unwrap_or_default();
        let status = r.optional(&map, "status").map(|n| (r.pos(n), Status::read(&mut r, n)));
        let deadline = r.optional(&map, "deadline").map(|n| (r.pos(n), r.date(n, "deadline")));
        let milestones = r.optional(&map, "milestones").map(|n| {
            let pos = r.pos(n);
            let list = r
                .list(n, "milestones", true)
                .into_iter()
                .filter_map(|item| {
                    let p = r.pos(item);
                    r.positive_integer(item, "milestones").map(|value| Located { value, pos: p })
                })
                .collect::<Vec<_>>();
            (pos, list)
        });
        let reported_by = r.optional(&map, "source").and_then(|n| r.text(n, "source"));
        let acceptance_node = r.optional(&map, "acceptance");
        let acceptance = acceptance_node.and_then(|n| read_acceptance(&mut r, n, text));
        let publicity_node = r.optional(&map, "publicity");
        let publicity = publicity_node.and_then(|n| read_publicity(&mut r, n));

        // Changes need to know whose they are.
        if issues.is_empty() {
            for (key, pos) in [
                ("status", status.as_ref().map(|s| s.0)),
                ("deadline", deadline.as_ref().map(|d| d.0)),
                ("milestones", milestones.as_ref().map(|m| m.0)),
                ("acceptance", acceptance_node.map(|n| r.pos(n))),
                ("publicity", publicity_node.map(|n| r.pos(n))),
            ] {
                if let Some(pos) = pos {
                    r.error(pos, format!("写了“{key}”就必须用“issues”写明是哪个问题，例如 issues: [\"07\"]"));
                }
            }
        }
        if let Some((pos, _)) = milestones.as_ref().filter(|_| issues.len() > 1) {
            r.error(*pos, "“milestones”只能用于一个问题：这条进展写了多个问题，请分开写");
        }
        // During a notice the status is 销号公示中; its outcome is a later note.
        if let (Some(_), Some((pos, _))) = (publicity_node, &status) {
            r.error(
                *pos,
                "写了“publicity”（销号公示）的进展不能同时写“status”：公示期间状态自动为“销号公示中”。公示结束后另写一条进展：销号写 status: closed，异议属实、需要继续整改写 status: reopened",
            );
        }
        if let (Some(a), Some(d)) = (&acceptance, &date)
            && a.date > d.date()
        {
            r.error(
                a.date_pos,
                format!(
                    "验收日期 {} 晚于这条进展的日期 {}：进展只能报告已经完成的验收。请核对验收日期，或把进展的 date 改为验收之后",
                    a.date,
                    d.date()
                ),
            );
        }
        if let (Some(p), Some(d)) = (&publicity, &date)
            && p.from < d.date()
        {
            let pos = publicity_node.and_then(|n| match n {
                marked_yaml::Node::Mapping(m) => m.get_node("from").and_then(|f| r.pos(f)),
                _ => None,
            });
            r.warning(
                pos,
                format!(
                    "公示开始日期 {} 早于这条进展的日期 {}：网站上从 {} 起才能看到这次公示，实际公示天数少于写明的天数。请核对日期",
                    p.from,
                    d.date(),
                    d.date()
                ),
            );
        }

        let body = Markdown::new(
            fm.body.to_string(),
            Origin { line: fm.body_line, column: 1, line_for_line: true, indent: 0 },
        );
        // A bad status or deadline is reported above and fails the build;
        // the note is kept so that its issues and links are still checked.
        Some(ProgressNote {
            slug: file.id.clone(),
            source: file.rel.clone(),
            title: title?,
            date: date?,
            date_pos,
            issues,
            status_pos: status.as_ref().and_then(|(p, _)| *p),
            status: status.and_then(|(_, s)| s),
            deadline_pos: deadline.and_then(|(p, _)| p),
            deadline: deadline.and_then(|(_, d)| d),
            milestones: milestones.map(|m| m.1).unwrap_or_default(),
            reported_by,
            acceptance: acceptance.map(Box::new),
            publicity: publicity.map(Box::new),
            body,
            release_digest: OnceLock::new(),
        })
    });
    diags.append(&mut r.diags);
    (note, diags)
}

fn read_acceptance(r: &mut Reader, node: &marked_yaml::Node, text: &str) -> Option<Acceptance> {
    let map = r.mapping(node, "acceptance")?;
    r.check_keys(map, &["date", "level", "by", "opinion"]);
    let date_node = r.required(map, "date", "验收日期 YYYY-MM-DD");
    let date_pos = date_node.and_then(|n| r.pos(n));
    let date = date_node.and_then(|n| r.date(n, "date"));
    let level = r
        .required(map, "level", "验收层级：省级、市级或县级")
        .and_then(|n| r.choice(n, "level", &AcceptanceLevel::ALL));
    let by = r.required(map, "by", "组织验收的单位，一行文字").and_then(|n| r.text(n, "by"));
    let opinion = r.optional(map, "opinion").and_then(|n| {
        let pos = r.pos(n);
        r.markdown_text(n, "opinion").map(|t| Markdown::from_yaml(t, pos, text))
    });
    Some(Acceptance { date: date?, date_pos, level: level?, by: by?, opinion })
}

fn read_publicity(r: &mut Reader, node: &marked_yaml::Node) -> Option<Publicity> {
    let map = r.mapping(node, "publicity")?;
    r.check_keys(map, &["from", "to", "contact"]);
    let from = r.required(map, "from", "公示开始日期 YYYY-MM-DD").and_then(|n| r.date(n, "from"));
    let to_node = r.required(map, "to", "公示结束日期 YYYY-MM-DD（含这一天）");
    let to = to_node.and_then(|n| r.date(n, "to"));
    let contact = r
        .required(map, "contact", "对公示有异议时的反映渠道，例如“市督察整改办，电话 0436-3206855”")
        .and_then(|n| r.text(n, "contact"));
    let (from, to) = (from?, to?);
    if to < from {
        let pos = to_node.and_then(|n| r.pos(n));
        r.error(
            pos,
            format!("公示结束日期 to（{to}）早于开始日期 from（{from}）：公示期从 from 到 to，两天都算在内"),
        );
        return None;
    }
    Some(Publicity { from, to, contact: contact? })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_forms() {
        let d = parse_note_date("2023-09-28").unwrap();
        assert_eq!(d.time.to_string(), "2023-09-28 00:00:00");
        assert!(!d.has_time);
        let d = parse_note_date("2023-09-28 16:30").unwrap();
        assert_eq!(d.time.to_string(), "2023-09-28 16:30:00");
        assert!(d.has_time);
        // An RFC 3339 time is moved to Beijing time: the date may change.
        let d = parse_note_date("2023-09-28T20:00:00Z").unwrap();
        assert_eq!(d.time.to_string(), "2023-09-29 04:00:00");
        assert!(parse_note_date("2023-09-28 25:00").is_none());
        assert!(parse_note_date("2023-09-28T16:30").is_none());
        assert!(parse_note_date("2023-9-28").is_none());
    }

    #[test]
    fn front_matter_lines() {
        let mut d = Vec::new();
        let fm = split_front_matter("---\ntitle: a\ndate: 2023-01-01\n---\n正文\n", "n.md", &mut d).unwrap();
        assert_eq!(fm.yaml, "title: a\ndate: 2023-01-01\n");
        assert_eq!(fm.body, "正文\n");
        assert_eq!(fm.body_line, 5);
        assert!(split_front_matter("title: a\n", "n.md", &mut d).is_none());
        assert!(split_front_matter("---\ntitle: a\n", "n.md", &mut d).is_none());
        assert_eq!(d.len(), 2);
    }
}
