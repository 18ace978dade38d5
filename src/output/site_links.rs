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
use super::html_scan::{PageLinks, scan};
use crate::content::Markdown;
use crate::diagnostics::{Diagnostic, Pos};
use crate::model::Model;
use crate::render::markdown::LinkBase;
use crate::urls::{self, decode, is_external, join, split};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

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
/// A `data:` URL: its content is in the page itself.
fn is_data(url: &str) -> bool {
    url.get(..5).is_some_and(|s| s.eq_ignore_ascii_case("data:"))
}

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
        MarkdownSources { dirs: urls::page_dirs(&c.known), by_page }
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
    use crate::output::html_scan::{PageLinks, scan};

    fn site(
        pages: &[(&'static str, &'static str)],
    ) -> (BTreeSet<&'static str>, BTreeMap<&'static str, PageLinks>) {
        let paths = pages.iter().map(|(p, _)| *p).collect();
        let scanned = pages.iter().map(|(p, html)| (*p, scan(html))).collect();
        (paths, scanned)
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
