//! Markdown to HTML for pages and feeds: site-relative links rewritten for
//! where the HTML will be read, raw HTML shown as text, headings kept below
//! the page's own.

use crate::cjk;
use crate::content::markdown::options;
use crate::urls::PageDirs;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Parser, Tag, TagEnd, html};

/// Where the HTML will be read, which decides how site links are written.
#[derive(Debug, Clone, Copy)]
pub enum LinkBase<'a> {
    /// In a page: relative to it, naming the file (`../../issues/07/index.html`).
    Relative(&'a str),
    /// In a feed reader: absolute under `base` in directory form; a bare
    /// `#part` points into the page the text comes from (`page`, absolute).
    Absolute { base: &'a str, page: &'a str },
}

impl LinkBase<'_> {
    pub fn link(&self, dest: &str, dirs: PageDirs) -> Option<String> {
        if let (LinkBase::Absolute { page, .. }, Some(fragment)) = (self, dest.strip_prefix('#')) {
            return Some(format!("{page}#{fragment}"));
        }
        let link = crate::urls::resolve(dest, dirs)?;
        let fragment = link.fragment.as_deref().map(|f| format!("#{f}")).unwrap_or_default();
        Some(match self {
            LinkBase::Relative(root) => format!("{root}{}{fragment}", crate::urls::encode_path(&link.file)),
            LinkBase::Absolute { base, .. } => {
                format!("{base}{}{fragment}", crate::urls::encode_path(crate::urls::dir_form(&link.file)))
            }
        })
    }
}

/// Renders `text`; its top heading level becomes `<h{min_heading}>`, so that
/// a page whose sections start at `##` (the title being the page's `<h1>`)
/// does not skip a heading level.
pub fn to_html(text: &str, base: LinkBase, dirs: PageDirs, min_heading: u8) -> String {
    let top = Parser::new_ext(text, options())
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(level as u8),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    let shift = |level: HeadingLevel| -> HeadingLevel {
        let n = (level as u8 - top + min_heading).min(6);
        HeadingLevel::try_from(n as usize).unwrap_or(HeadingLevel::H6)
    };
    let rewrite = |dest: CowStr<'_>| -> CowStr<'static> {
        match base.link(&dest, dirs) {
            Some(url) => url.into(),
            None => dest.into_string().into(),
        }
    };
    let events =
        join_cjk_lines(Parser::new_ext(text, options()).collect()).into_iter().map(|event| match event {
            Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                Event::Start(Tag::Heading { level: shift(level), id, classes, attrs })
            }
            Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(shift(level))),
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                Event::Start(Tag::Link { link_type, dest_url: rewrite(dest_url), title, id })
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                Event::Start(Tag::Image { link_type, dest_url: rewrite(dest_url), title, id })
            }
            other => other,
        });
    let mut out = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

/// The text of a markdown snippet without markup, for descriptions and excerpts.
pub fn to_plain(text: &str) -> String {
    let mut out = String::new();
    for event in join_cjk_lines(Parser::new_ext(text, options()).collect()) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell) => {
                out.push(' ')
            }
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Drops the soft line breaks (a line break inside a paragraph) that stand
/// between two Chinese characters: a paragraph typed with hard line breaks
/// in Notepad, or pasted from Word, reads as one line, as a browser shows
/// Chinese with no space between characters. Between Latin words (or a
/// Latin and a Chinese one) the break stays, and shows as a space. This is
/// the segment break rule of CSS Text 3 for wide characters.
fn join_cjk_lines(mut events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let joined: Vec<usize> = (0..events.len())
        .filter(|&i| matches!(events[i], Event::SoftBreak))
        .filter(|&i| {
            let before = events[..i].iter().rev().find_map(|e| edge_char(e, true));
            let after = events[i + 1..].iter().find_map(|e| edge_char(e, false));
            before.zip(after).is_some_and(|(b, a)| cjk::joins(b, a))
        })
        .collect();
    for i in joined.into_iter().rev() {
        events.remove(i);
    }
    events
}

/// The last (`last`) or first character of an event's text; None for the
/// start or end of inline markup, which is looked through; a space for
/// anything else (a break, an image, a block), which stops the search.
fn edge_char(event: &Event, last: bool) -> Option<char> {
    let text = match event {
        Event::Text(t) | Event::Code(t) => t,
        Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })
        | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link) => {
            return None;
        }
        _ => return Some(' '),
    };
    if last { text.chars().next_back() } else { text.chars().next() }
}

#[cfg(test)]
mod tests {
    use super::*;

    static NO_IDS: std::sync::LazyLock<crate::content::KnownIds> = std::sync::LazyLock::new(Default::default);

    fn dirs() -> PageDirs<'static> {
        PageDirs::of(&NO_IDS)
    }

    #[test]
    fn rewrites_site_links_relative_and_absolute() {
        let md = "见[问题7](/issues/07/#history)和[附件](</files/整改 清单.pdf>)。";
        let rel = to_html(md, LinkBase::Relative("../../"), dirs(), 2);
        assert!(rel.contains(r#"href="../../issues/07/index.html#history""#), "{rel}");
        assert!(rel.contains(r#"href="../../files/%E6%95%B4%E6%94%B9%20%E6%B8%85%E5%8D%95.pdf""#), "{rel}");
        let base =
            LinkBase::Absolute { base: "https://x.gov.cn/dczg/", page: "https://x.gov.cn/dczg/updates/n/" };
        let abs = to_html(&format!("{md}[本文](#part)"), base, dirs(), 2);
        assert!(abs.contains(r#"href="https://x.gov.cn/dczg/updates/n/#part""#), "{abs}");
        assert!(abs.contains(r#"href="https://x.gov.cn/dczg/issues/07/#history""#), "{abs}");
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = to_html("<script>alert(1)</script>\n\n段落<b>粗</b>", LinkBase::Relative(""), dirs(), 2);
        assert!(!html.contains("<script>") && !html.contains("<b>"), "{html}");
        assert!(html.contains("&lt;script&gt;"));
    }

    #[test]
    fn headings_are_shifted() {
        let html = to_html("# 一\n\n## 二\n\n###### 六", LinkBase::Relative(""), dirs(), 3);
        assert!(
            html.contains("<h3>一</h3>") && html.contains("<h4>二</h4>") && html.contains("<h6>六</h6>"),
            "{html}"
        );
    }

    #[test]
    fn top_heading_level_starts_at_min_heading() {
        let html = to_html("## 一\n\n### 二", LinkBase::Relative(""), dirs(), 2);
        assert!(html.contains("<h2>一</h2>") && html.contains("<h3>二</h3>"), "{html}");
    }

    #[test]
    fn external_links_are_left_alone() {
        let html = to_html("[部](https://www.mee.gov.cn/)", LinkBase::Relative("../"), dirs(), 2);
        assert!(html.contains(r#"href="https://www.mee.gov.cn/""#));
    }

    #[test]
    fn a_line_break_between_chinese_characters_is_no_space() {
        let md = "污水处理厂完成提标改造，\n出水稳定达标，**月均**\n浓度下降。\nCOD and\nammonia 指标\n“达标”\n[见](/x/)\n附件";
        let html = to_html(md, LinkBase::Relative(""), dirs(), 2);
        assert!(
            html.contains(
                "提标改造，出水稳定达标，<strong>月均</strong>浓度下降。\nCOD and\nammonia 指标“达标”<a"
            ),
            "{html}"
        );
        assert!(html.contains("</a>附件"), "{html}");
        assert_eq!(
            to_plain(md),
            "污水处理厂完成提标改造，出水稳定达标，月均浓度下降。 COD and ammonia 指标“达标”见附件"
        );
        // A hard break (two spaces or a backslash at the end) stays a break.
        assert!(to_html("第一行\\\n第二行", LinkBase::Relative(""), dirs(), 2).contains("<br />"));
    }

    #[test]
    fn plain_text() {
        assert_eq!(to_plain("**重点**：完成[排查](/x/)。\n\n- 一\n- 二"), "重点：完成排查。 一 二");
    }
}
