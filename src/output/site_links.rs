//! The links of the rendered site, checked on every build: every relative
//! `href`, `src` and `action` of every page, and every absolute one under
//! `base_url`, must name a file of the build, and every `#fragment` an
//! element id on the page it points to. Relative links must name the file
//! (`…/index.html`), not a folder, or the copy of the site opened from
//! disk breaks. Problems are reported at the content file whose markdown
//! holds the link, else at the template the page was rendered from, once
//! per template and target however many pages repeat them.

use super::OutputFile;
use crate::content::Markdown;
use crate::diagnostics::{Diagnostic, Pos};
use crate::model::Model;
use crate::render::markdown::LinkBase;
use crate::render::urls;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use rayon::prelude::*;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

/// The ids and the links of one page.
#[derive(Debug, Default)]
pub struct PageLinks {
    pub ids: BTreeSet<String>,
    /// `href`, `src` and `action` values as written.
    pub links: Vec<String>,
}

/// The ids and links of a page, from its tokens: no document tree is built
/// (a third of the work of a full parse, on tens of thousands of pages).
pub fn scan(html: &str) -> PageLinks {
    let tokenizer = Tokenizer::new(LinkSink::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.page.take()
}

#[derive(Default)]
struct LinkSink {
    page: RefCell<PageLinks>,
}

impl TokenSink for LinkSink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else { return TokenSinkResult::Continue };
        if tag.kind != TagKind::StartTag {
            return TokenSinkResult::Continue;
        }
        let mut page = self.page.borrow_mut();
        for attr in &tag.attrs {
            match &*attr.name.local {
                "id" => {
                    page.ids.insert(attr.value.to_string());
                }
                "name" if &*tag.name == "a" => {
                    page.ids.insert(attr.value.to_string());
                }
                "href" | "src" | "action" | "xlink:href" => page.links.push(attr.value.trim().to_string()),
                _ => {}
            }
        }
        // As a tree builder would: the text of these elements is not markup.
        match &*tag.name {
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" => TokenSinkResult::RawData(RawKind::Rawtext),
            "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
            _ => TokenSinkResult::Continue,
        }
    }
}

/// A problem with one link, before it is placed in a file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Problem {
    /// The file the link resolves to does not exist.
    Missing(String),
    /// The page exists; the fragment is not an id on it.
    Anchor(String, String),
    /// `#id` alone, and the page it is on has no such id.
    OwnAnchor(String),
    /// A relative link to a folder (`issues/07/`), with the file it should name.
    Folder(String),
    /// `../` above the site root.
    OutsideSite,
}

pub fn check(model: &Model, files: &[OutputFile], templates: &BTreeMap<String, String>) -> Vec<Diagnostic> {
    let base = model.content.site.base_url.as_str();
    let paths: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let pages: BTreeMap<&str, PageLinks> = files
        .par_iter()
        .filter(|f| f.path.ends_with(".html"))
        .map(|f| (f.path.as_str(), scan(&String::from_utf8_lossy(&f.bytes))))
        .collect();

    // (where, what) → the link as first written and the pages it is on: a
    // template's mistake is reported once, not on every page at every depth.
    type Found<'a> = BTreeMap<(String, Option<Pos>, Problem), (String, Vec<&'a str>)>;
    let mut found: Found = BTreeMap::new();
    let sources = MarkdownSources::new(model);
    for (page, links) in &pages {
        for href in &links.links {
            let Some(problem) = problem(page, href, base, &paths, &pages) else { continue };
            let (path, pos) = match sources.find(page, href) {
                Some((source, pos)) => (source.to_string(), pos),
                None => (templates.get(*page).cloned().unwrap_or_else(|| (*page).to_string()), None),
            };
            found.entry((path, pos, problem)).or_insert_with(|| (href.clone(), Vec::new())).1.push(page);
        }
    }
    found
        .into_iter()
        .map(|((path, pos, problem), (href, pages))| {
            let at = match pages.len() {
                1 => format!("页面 {} 中", pages[0]),
                n => format!("{n} 个页面（例如 {}）中", pages[0]),
            };
            let what = match &problem {
                Problem::Missing(target) => format!("指向的 {target} 不存在"),
                Problem::Anchor(target, id) => format!("指向的位置“#{id}”在 {target} 中不存在（没有 id=\"{id}\" 的元素）"),
                Problem::OwnAnchor(id) => format!("指向本页中不存在的位置（没有 id=\"{id}\" 的元素）"),
                Problem::Folder(file) => format!(
                    "指向文件夹：从本地副本打开网站时，文件夹不会自动打开其中的 index.html，请写出文件名，指向 {file}"
                ),
                Problem::OutsideSite => "超出了网站根目录".to_string(),
            };
            Diagnostic::error(path, pos, format!("{at}的链接“{href}”{what}"))
        })
        .collect()
}

/// Whether a link of `page` is broken, and how.
fn problem(
    page: &str,
    href: &str,
    base_url: &str,
    paths: &BTreeSet<&str>,
    pages: &BTreeMap<&str, PageLinks>,
) -> Option<Problem> {
    let (target, fragment, dir_form_ok) = if let Some(rest) = href.strip_prefix(base_url) {
        // Absolute under base_url (canonical links, 404.html): directory form is right.
        let (path, fragment) = split(rest);
        (Some(decode(path)), fragment, true)
    } else if is_external(href) {
        return None;
    } else {
        let (path, fragment) = split(href);
        if path.is_empty() {
            (Some(page.to_string()), fragment, false)
        } else {
            (join(page, &decode(path)), fragment, false)
        }
    };
    let Some(target) = target else { return Some(Problem::OutsideSite) };
    let file = if target.is_empty() || target.ends_with('/') {
        let index = format!("{target}index.html");
        if !dir_form_ok {
            return Some(Problem::Folder(index));
        }
        index
    } else if !paths.contains(target.as_str()) && paths.contains(format!("{target}/index.html").as_str()) {
        let index = format!("{target}/index.html");
        if !dir_form_ok {
            return Some(Problem::Folder(index));
        }
        index
    } else {
        target
    };
    if !paths.contains(file.as_str()) {
        return Some(Problem::Missing(file));
    }
    let fragment = fragment.map(decode).filter(|f| !f.is_empty() && !f.eq_ignore_ascii_case("top"))?;
    let ids = pages.get(file.as_str()).map(|p| &p.ids)?;
    if ids.contains(&fragment) {
        None
    } else if href.starts_with('#') {
        Some(Problem::OwnAnchor(fragment))
    } else {
        Some(Problem::Anchor(file, fragment))
    }
}

fn is_external(href: &str) -> bool {
    if href.starts_with("//") {
        return true;
    }
    // A scheme: letters, digits, + - . before the first ':' (http:, mailto:, tel:, data:).
    match href.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// Path and fragment of a link, without its query.
fn split(href: &str) -> (&str, Option<&str>) {
    let (rest, fragment) = match href.split_once('#') {
        Some((r, f)) => (r, Some(f)),
        None => (href, None),
    };
    (rest.split('?').next().unwrap_or(""), fragment)
}

fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// `rel` resolved against the folder of `page`; None above the site root.
/// A trailing `/` is kept (it marks a folder).
fn join(page: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> =
        if rel.starts_with('/') { Vec::new() } else { page.split('/').collect::<Vec<_>>() };
    parts.pop();
    let folder =
        rel.ends_with('/') || rel.ends_with("/.") || rel.ends_with("/..") || rel == "." || rel == "..";
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if folder && !path.is_empty() {
        path.push('/');
    }
    Some(path)
}

/// The markdown shown on each page, to tell which content file a link came from.
struct MarkdownSources<'m> {
    dirs: BTreeSet<String>,
    by_page: BTreeMap<String, Vec<(&'m str, &'m Markdown)>>,
}

impl<'m> MarkdownSources<'m> {
    fn new(model: &'m Model) -> Self {
        let c = &model.content;
        let mut by_page: BTreeMap<String, Vec<(&str, &Markdown)>> = BTreeMap::new();
        for (issue, facts) in c.issues.iter().zip(&model.issues) {
            let list = by_page.entry(urls::issue(&issue.id)).or_default();
            list.push((&issue.source, &issue.description));
            list.push((&issue.source, &issue.goal));
            list.extend(issue.measures.iter().map(|m| (issue.source.as_str(), m)));
            list.extend(
                facts.history.iter().map(|h| (c.notes[h.note].source.as_str(), &c.notes[h.note].body)),
            );
        }
        for &n in &model.published {
            let note = &c.notes[n];
            by_page.entry(urls::note(&note.slug)).or_default().push((&note.source, &note.body));
        }
        for t in &c.targets {
            if let Some(d) = &t.description {
                by_page.entry(urls::target(&t.id)).or_default().push((&t.source, d));
            }
        }
        for p in &c.pages {
            by_page.entry(urls::page(&p.slug)).or_default().push((&p.source, &p.body));
        }
        MarkdownSources { dirs: crate::model::links::page_dirs(model), by_page }
    }

    /// The content file and position of the markdown link that became `href` on `page`.
    fn find(&self, page: &str, href: &str) -> Option<(&'m str, Option<Pos>)> {
        let root = urls::root_of(page);
        let base = LinkBase::Relative(&root);
        self.by_page.get(page)?.iter().find_map(|(source, md)| {
            md.links
                .iter()
                .find(|l| {
                    let rendered = base.link(&l.dest, &self.dirs).unwrap_or_else(|| l.dest.clone());
                    rendered == href || l.dest == href
                })
                .map(|l| (*source, l.pos))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_relative_links() {
        assert_eq!(join("issues/07/index.html", "../../index.html").as_deref(), Some("index.html"));
        assert_eq!(join("issues/07/index.html", "../08/index.html").as_deref(), Some("issues/08/index.html"));
        assert_eq!(join("index.html", "issues/").as_deref(), Some("issues/"));
        assert_eq!(join("issues/07/index.html", "..").as_deref(), Some("issues/"));
        assert_eq!(join("index.html", "../x.html"), None);
        assert_eq!(join("a/index.html", "./b.css").as_deref(), Some("a/b.css"));
    }

    #[test]
    fn external_links_are_not_checked() {
        for href in [
            "https://www.gov.cn/",
            "http://x",
            "mailto:a@b.cn",
            "tel:0436",
            "//cdn.x/y.js",
            "data:image/png;base64,xx",
        ] {
            assert!(is_external(href), "{href}");
        }
        for href in ["index.html", "../a:b.html", "#main", ""] {
            assert!(!is_external(href), "{href}");
        }
    }

    fn site(
        pages: &[(&'static str, &'static str)],
    ) -> (BTreeSet<&'static str>, BTreeMap<&'static str, PageLinks>) {
        let paths = pages.iter().map(|(p, _)| *p).collect();
        let scanned = pages.iter().map(|(p, html)| (*p, scan(html))).collect();
        (paths, scanned)
    }

    #[test]
    fn scans_ids_and_links_as_a_browser_reads_them() {
        let page = scan(concat!(
            "<!doctype html><title>a <a href=x.html></title><p id=top class=a>",
            "<a href=\"issues/index.html?a=1&amp;b=2#list\" name=old>x</a><img src='p&#x6e;g.png' alt=\"\">",
            "<form action=search/index.html></form><!-- <a href=comment.html> -->",
            "<script>if (a<b) document.write('<a href=script.html id=s>')</script>",
            "<style>a[href=\"style.html\"]{}</style><svg><a xlink:href=\" #top \" id=chart></a></svg>"
        ));
        assert_eq!(page.ids, BTreeSet::from(["chart", "old", "top"].map(String::from)));
        assert_eq!(
            page.links,
            ["issues/index.html?a=1&b=2#list", "png.png", "search/index.html", "#top"].map(String::from)
        );
    }

    #[test]
    fn finds_missing_files_anchors_and_folder_links() {
        let (paths, pages) = site(&[
            ("index.html", "<a href=issues/index.html#list>x</a><p id=top-news>"),
            ("issues/index.html", "<table id=list></table>"),
        ]);
        let p = |page, href| problem(page, href, "https://x.cn/", &paths, &pages);
        assert_eq!(p("index.html", "issues/index.html#list"), None);
        assert_eq!(p("index.html", "#top-news"), None);
        assert_eq!(p("index.html", "#"), None);
        assert_eq!(p("issues/index.html", "../index.html#top-news"), None);
        assert_eq!(p("index.html", "https://x.cn/issues/"), None);
        assert_eq!(p("index.html", "https://x.cn/"), None);
        assert_eq!(p("index.html", "https://other.cn/missing"), None);
        assert_eq!(
            p("index.html", "issues/index.html#nope"),
            Some(Problem::Anchor("issues/index.html".into(), "nope".into()))
        );
        assert_eq!(p("index.html", "#nope"), Some(Problem::OwnAnchor("nope".into())));
        assert_eq!(
            p("index.html", "targets/index.html"),
            Some(Problem::Missing("targets/index.html".into()))
        );
        assert_eq!(
            p("index.html", "https://x.cn/targets/"),
            Some(Problem::Missing("targets/index.html".into()))
        );
        assert_eq!(p("index.html", "issues/"), Some(Problem::Folder("issues/index.html".into())));
        assert_eq!(p("index.html", "issues"), Some(Problem::Folder("issues/index.html".into())));
        assert_eq!(p("issues/index.html", "../../x.html"), Some(Problem::OutsideSite));
    }
}
