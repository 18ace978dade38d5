//! The links of the rendered site, checked on every build: every relative
//! `href`, `src` and `action` of every page, and every absolute one under
//! `base_url`, must name a file of the build, and every `#fragment` an
//! element id on the page it points to. Relative links must name the file
//! (`…/index.html`), not a folder, or the copy of the site opened from
//! disk breaks. Nothing the browser loads by itself (image, script,
//! stylesheet, icon, frame, CSS `url()`) may come from another site or by
//! an absolute URL: a site template could otherwise bring in a CDN. Problems
//! are reported at the content file whose markdown
//! holds the link, else at the template the page was rendered from, once
//! per template and target however many pages repeat them.

use super::OutputFile;
use crate::content::Markdown;
use crate::diagnostics::{Diagnostic, Pos};
use crate::model::Model;
use crate::render::markdown::LinkBase;
use crate::urls;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use rayon::prelude::*;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

/// The ids and the links of one page.
#[derive(Debug, Default)]
pub struct PageLinks {
    pub ids: BTreeSet<String>,
    /// `href`, `src` and `action` values as written.
    pub links: Vec<String>,
    /// The URLs the browser loads by itself to show the page (images,
    /// scripts, stylesheets, icons, frames, fonts in CSS), in page order.
    pub resources: Vec<String>,
}

/// The ids and links of a page. Every page of a large site is read, so
/// this is a scanner of start tags and their attributes that follows the
/// HTML tokenizer's rules where they matter here (comments, the raw text
/// of `script` and `style`, quoting, the first of two equal attributes),
/// not a full parser: text is skipped at `memchr` speed and no tree is
/// built. A value with a character reference (`&amp;`) is decoded by
/// html5ever's tokenizer, exactly. A test compares the result with a full
/// HTML parser on every page of the fixture sites.
pub fn scan(html: &str) -> PageLinks {
    let b = html.as_bytes();
    let mut page = PageLinks::default();
    let mut i = 0;
    while let Some(lt) = find(b, i, b"<") {
        i = lt + 1;
        match b.get(i) {
            Some(b'!') if b[i..].starts_with(b"!--") => i = comment_end(b, i + 3),
            Some(b'!' | b'?') => i = find(b, i, b">").map_or(b.len(), |gt| gt + 1),
            Some(b'/') if b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) => {
                i = tag(html, i + 1).map_or(b.len(), |t| t.end);
            }
            Some(b'/') => i = find(b, i, b">").map_or(b.len(), |gt| gt + 1),
            Some(c) if c.is_ascii_alphabetic() => {
                let Some(t) = tag(html, i) else { break };
                i = t.end;
                for (name, value) in &t.attrs {
                    let value = || value.decoded().trim().to_string();
                    if name.eq_ignore_ascii_case("id") || (name.eq_ignore_ascii_case("name") && t.is("a")) {
                        page.ids.insert(value());
                    } else if ["href", "src", "action", "xlink:href"]
                        .iter()
                        .any(|a| name.eq_ignore_ascii_case(a))
                    {
                        page.links.push(value());
                    }
                }
                resources(&t, &mut page.resources);
                if RAW_TEXT.iter().any(|raw| t.is(raw)) {
                    let end = raw_text_end(b, i, t.name.as_bytes());
                    if t.is("style") {
                        css_urls(&html[i..end], &mut page.resources);
                    }
                    i = end;
                }
            }
            _ => {}
        }
    }
    page
}

/// The URLs a start tag makes the browser load: `src` of any element,
/// `srcset`, `poster`, an object's `data`, a `<link>` that is a stylesheet,
/// icon or preload, an SVG image or `use`, and `url(…)` in a `style`.
fn resources(t: &Tag, out: &mut Vec<String>) {
    let attr =
        |name: &str| t.attrs.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.decoded());
    for name in ["src", "poster"] {
        out.extend(attr(name).map(|v| v.trim().to_string()));
    }
    if t.is("object") {
        out.extend(attr("data").map(|v| v.trim().to_string()));
    }
    if let Some(set) = attr("srcset") {
        // Candidates are `url [descriptor]`, separated by commas.
        out.extend(set.split(',').filter_map(|c| c.split_ascii_whitespace().next()).map(String::from));
    }
    let loaded_link = t.is("link")
        && attr("rel").is_some_and(|rel| {
            rel.split_ascii_whitespace().any(|r| {
                [
                    "stylesheet",
                    "icon",
                    "preload",
                    "prefetch",
                    "modulepreload",
                    "manifest",
                    "apple-touch-icon",
                    "mask-icon",
                ]
                .iter()
                .any(|k| r.eq_ignore_ascii_case(k))
            })
        });
    let svg_ref = ["image", "use", "feimage"].iter().any(|n| t.is(n));
    if loaded_link || svg_ref {
        out.extend(attr("href").or_else(|| attr("xlink:href")).map(|v| v.trim().to_string()));
    }
    if let Some(style) = attr("style") {
        css_urls(&style, out);
    }
}

/// The `url(…)` and `@import "…"` targets of CSS.
fn css_urls(css: &str, out: &mut Vec<String>) {
    let unquote = |s: &str| s.trim().trim_matches(|c| c == '"' || c == '\'').trim().to_string();
    for (at, _) in css.match_indices("url(") {
        let rest = &css[at + 4..];
        out.push(unquote(&rest[..rest.find(')').unwrap_or(rest.len())]));
    }
    for (at, _) in css.match_indices("@import") {
        let rest = css[at + 7..].trim_start();
        if let Some(q) = rest.chars().next().filter(|c| matches!(c, '"' | '\'')) {
            let inner = &rest[1..];
            out.push(unquote(&inner[..inner.find(q).unwrap_or(inner.len())]));
        }
    }
}

/// Elements whose text is not markup (a `<a href>` in a script is no link).
const RAW_TEXT: &[&str] = &["script", "style", "xmp", "iframe", "noembed", "noframes", "title", "textarea"];

/// A start or end tag: its name, its attributes (the first of equal
/// names), and where it ends.
struct Tag<'a> {
    name: &'a str,
    attrs: Vec<(&'a str, AttrValue<'a>)>,
    end: usize,
}

impl Tag<'_> {
    fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }
}

/// An attribute value as written, and how it was quoted.
struct AttrValue<'a> {
    raw: &'a str,
    quote: Option<char>,
}

impl AttrValue<'_> {
    fn decoded(&self) -> std::borrow::Cow<'_, str> {
        if self.raw.contains('&') {
            decode_with_tokenizer(self.raw, self.quote).into()
        } else {
            self.raw.into()
        }
    }
}

fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// The tag whose name starts at `i`; None when the page ends inside it
/// (the tokenizer drops such a tag).
fn tag(html: &str, mut i: usize) -> Option<Tag<'_>> {
    let b = html.as_bytes();
    let start = i;
    while i < b.len() && !is_space(b[i]) && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    let mut tag = Tag { name: &html[start..i], attrs: Vec::new(), end: 0 };
    loop {
        while i < b.len() && (is_space(b[i]) || b[i] == b'/') {
            i += 1;
        }
        match b.get(i)? {
            b'>' => {
                tag.end = i + 1;
                return Some(tag);
            }
            _ => {
                // A name runs to a space, `/`, `>` or `=` (an `=` first is part of it).
                let name_start = i;
                i += 1;
                while i < b.len() && !is_space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
                    i += 1;
                }
                let name = &html[name_start..i];
                while i < b.len() && is_space(b[i]) {
                    i += 1;
                }
                let mut value = AttrValue { raw: "", quote: None };
                if b.get(i) == Some(&b'=') {
                    i += 1;
                    while i < b.len() && is_space(b[i]) {
                        i += 1;
                    }
                    match b.get(i)? {
                        &q @ (b'"' | b'\'') => {
                            let close = find(b, i + 1, &[q])?;
                            value = AttrValue { raw: &html[i + 1..close], quote: Some(q as char) };
                            i = close + 1;
                        }
                        b'>' => {}
                        _ => {
                            let value_start = i;
                            while i < b.len() && !is_space(b[i]) && b[i] != b'>' {
                                i += 1;
                            }
                            value = AttrValue { raw: &html[value_start..i], quote: None };
                        }
                    }
                }
                if !tag.attrs.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)) {
                    tag.attrs.push((name, value));
                }
            }
        }
    }
}

/// Where a comment whose text starts at `i` ends: after `-->` or `--!>`;
/// `<!-->` and `<!--->` are empty comments.
fn comment_end(b: &[u8], i: usize) -> usize {
    if b[i..].starts_with(b">") {
        return i + 1;
    }
    if b[i..].starts_with(b"->") {
        return i + 2;
    }
    let mut from = i;
    while let Some(dashes) = find(b, from, b"--") {
        let rest = &b[dashes + 2..];
        if rest.starts_with(b">") {
            return dashes + 3;
        }
        if rest.starts_with(b"!>") {
            return dashes + 4;
        }
        from = dashes + 1;
    }
    b.len()
}

/// Where the raw text after a start tag `name` ends: at its end tag
/// (`</name` in any letter case, then a space, `/` or `>`).
fn raw_text_end(b: &[u8], mut i: usize, name: &[u8]) -> usize {
    while let Some(lt) = find(b, i, b"</") {
        let after = lt + 2 + name.len();
        if b.get(lt + 2..after).is_some_and(|n| n.eq_ignore_ascii_case(name))
            && b.get(after).is_some_and(|&c| is_space(c) || c == b'/' || c == b'>')
        {
            return lt;
        }
        i = lt + 2;
    }
    b.len()
}

/// Where `needle` first occurs in `b` at or after `from`.
fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(b.get(from..)?, needle).map(|at| from + at)
}

/// A value with character references, decoded as the HTML tokenizer does
/// (named, numeric, the legacy forms without `;`, and their exceptions in
/// attributes).
fn decode_with_tokenizer(raw: &str, quote: Option<char>) -> String {
    let q = quote.map(String::from).unwrap_or_default();
    let tokenizer = Tokenizer::new(FirstAttribute::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(&format!("<a v={q}{raw}{q}>")));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.value.take().unwrap_or_else(|| raw.to_string())
}

#[derive(Default)]
struct FirstAttribute {
    value: RefCell<Option<String>>,
}

impl TokenSink for FirstAttribute {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        if let Token::TagToken(tag) = token
            && let Some(attr) = tag.attrs.first()
        {
            self.value.borrow_mut().get_or_insert_with(|| attr.value.to_string());
        }
        TokenSinkResult::Continue
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
    /// A resource loaded from another site, or by an absolute URL.
    External(String),
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
        let external = links
            .resources
            .iter()
            .filter(|r| is_external(r) && !is_data(r))
            .map(|r| (r, Problem::External(r.clone())));
        let broken =
            links.links.iter().filter_map(|href| Some((href, problem(page, href, base, &paths, &pages)?)));
        for (href, problem) in external.chain(broken) {
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
                Problem::External(_) => "从其他网站或以完整网址加载：网站必须自包含（不用 CDN 或其他网站的样式、脚本、字体、图片），从本地副本打开时也要能显示。请把文件放进主题的 assets/ 或 content/files/，用相对路径引用".to_string(),
            };
            let kind = if matches!(problem, Problem::External(_)) { "引用的资源" } else { "的链接" };
            Diagnostic::error(path, pos, format!("{at}{kind}“{href}”{what}"))
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

/// A `data:` URL: its content is in the page itself.
fn is_data(url: &str) -> bool {
    url.get(..5).is_some_and(|s| s.eq_ignore_ascii_case("data:"))
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
    fn finds_what_the_browser_loads_by_itself() {
        let html = r##"<link rel="Stylesheet" href="a.css"><link rel="alternate" href="https://x/feed.xml">
            <link rel="canonical" href="https://x/"><script src="s.js"></script>
            <img src="i.png" srcset="i-2x.png 2x, https://cdn/i-3x.png 3x"><video poster="p.jpg"></video>
            <object data="o.svg"></object><svg><use href="#sym"/><image xlink:href="//cdn/e.png"/></svg>
            <a href="https://www.gov.cn/">链接</a><div style="background:url( 'bg.png' )"></div>
            <style>@import "https://cdn/f.css"; .x{background:url(data:image/png;base64,AA)}</style>"##;
        assert_eq!(
            scan(html).resources,
            [
                "a.css",
                "s.js",
                "i.png",
                "i-2x.png",
                "https://cdn/i-3x.png",
                "p.jpg",
                "o.svg",
                "#sym",
                "//cdn/e.png",
                "bg.png",
                "data:image/png;base64,AA",
                "https://cdn/f.css",
            ]
        );
    }

    #[test]
    fn scans_ids_and_links_as_a_browser_reads_them() {
        let page = scan(concat!(
            "<!doctype html><title>a <a href=x.html></title><p id=top class=a>",
            "<a href=\"issues/index.html?a=1&amp;b=2#list\" name=old>x</a><img src='p&#x6e;g.png' alt=\"\">",
            "<form action=search/index.html></form><!-- <a href=comment.html> -->",
            "<script>if (a<b) document.write('<a href=script.html id=s>')</SCRIPT >",
            "<style>a[href=\"style.html\"]{}</style><svg><a xlink:href=\" #top \" id=chart></a></svg>",
            "<A HREF=Upper.html ID=Up href=second.html></A><a id = spaced / ><a href>",
            "<a href=\"&copy&notit;&amp\"></a><!--> <a href=empty-comment.html><!---> <a href=a.html>",
            "<!-- a -- b --!> <a href=b.html><? pi <a href=pi.html> ?><p>1 < 2</p>",
        ));
        assert_eq!(page.ids, BTreeSet::from(["Up", "chart", "old", "spaced", "top"].map(String::from)));
        assert_eq!(
            page.links,
            [
                "issues/index.html?a=1&b=2#list",
                "png.png",
                "search/index.html",
                "#top",
                "Upper.html",
                "",
                "©&notit;&",
                "empty-comment.html",
                "a.html",
                "b.html",
            ]
            .map(String::from)
        );
        // A tag cut off by the end of the page is no tag.
        assert!(scan("<p id=a><a href=\"x.html").links.is_empty());
        assert!(scan("<script><a href=x.html>").links.is_empty());
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
