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

use super::html_scan::scan;
use super::site::Paths;
use crate::content::Markdown;
use crate::diagnostics::{Diagnostic, Pos};
use crate::model::Model;
use crate::render::markdown::LinkBase;
use crate::urls::{self, decode, is_external, join, split};
use std::collections::{BTreeMap, HashSet};
use std::sync::Mutex;

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

/// The link check of a build, fed one page at a time as pages are
/// rendered (in parallel), so that no page has to be kept: a link to a
/// file is checked at once against the paths the build writes; a link to
/// an `#id` on another page waits until every page's ids are known, which
/// are kept as hashes.
pub struct LinkCheck<'a> {
    base: &'a str,
    paths: &'a Paths<'a>,
    found: Mutex<Found>,
}

#[derive(Default)]
struct Found {
    /// Hashes of (page, id) of every page checked.
    ids: HashSet<u64>,
    /// Links to an id on another page: (page, template, href, target, id).
    anchors: Vec<(String, String, String, String, String)>,
    /// (page, template, href, problem).
    problems: Vec<(String, String, String, Problem)>,
}

fn id_key(page: &str, id: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (page, id).hash(&mut h);
    h.finish()
}

impl<'a> LinkCheck<'a> {
    /// `paths`: every file the build writes.
    pub fn new(base: &'a str, paths: &'a Paths<'a>) -> Self {
        LinkCheck { base, paths, found: Mutex::new(Found::default()) }
    }

    /// Checks the links of one rendered page (from `template`).
    pub fn page(&self, path: &str, template: &str, html: &str) {
        let links = scan(html);
        let mut problems = Vec::new();
        let mut anchors = Vec::new();
        for r in links.resources.iter().filter(|r| is_external(r) && !is_data(r)) {
            problems.push((path.to_string(), template.to_string(), r.clone(), Problem::External(r.clone())));
        }
        for href in &links.links {
            match resolve(path, href, self.base, self.paths) {
                Resolved::Fine => {}
                Resolved::Broken(problem) => {
                    problems.push((path.to_string(), template.to_string(), href.clone(), problem))
                }
                Resolved::Anchor(file, id) if file == path => {
                    if !links.ids.contains(&id) {
                        let problem = if href.starts_with('#') {
                            Problem::OwnAnchor(id)
                        } else {
                            Problem::Anchor(file, id)
                        };
                        problems.push((path.to_string(), template.to_string(), href.clone(), problem));
                    }
                }
                Resolved::Anchor(file, id) => {
                    anchors.push((path.to_string(), template.to_string(), href.clone(), file, id))
                }
            }
        }
        let mut found = self.found.lock().unwrap_or_else(|e| e.into_inner());
        found.ids.extend(links.ids.iter().map(|id| id_key(path, id)));
        found.problems.append(&mut problems);
        found.anchors.append(&mut anchors);
    }

    /// Every problem found, reported at the content file whose markdown
    /// holds the link, else at the template the page was rendered from.
    pub fn finish(self, model: &Model) -> Vec<Diagnostic> {
        let Found { ids, anchors, mut problems } = self.found.into_inner().unwrap_or_else(|e| e.into_inner());
        for (page, template, href, file, id) in anchors {
            if !ids.contains(&id_key(&file, &id)) {
                problems.push((page, template, href, Problem::Anchor(file, id)));
            }
        }
        // (where, what) → the link as first written and the pages it is on: a
        // template's mistake is reported once, not on every page at every depth.
        type Places = BTreeMap<(String, Option<Pos>, Problem), (String, Vec<String>)>;
        let mut places: Places = BTreeMap::new();
        let sources = MarkdownSources::new(model);
        problems.sort();
        for (page, template, href, problem) in problems {
            let (path, pos) = match sources.find(&page, &href) {
                Some((source, pos)) => (source.to_string(), pos),
                None => (template, None),
            };
            places.entry((path, pos, problem)).or_insert_with(|| (href.clone(), Vec::new())).1.push(page);
        }
        places
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
}

/// Where a link of `page` leads.
#[derive(Debug, PartialEq)]
enum Resolved {
    /// A file of the site, or elsewhere.
    Fine,
    Broken(Problem),
    /// An id on a page of the site: (page, id).
    Anchor(String, String),
}

fn resolve(page: &str, href: &str, base_url: &str, paths: &Paths) -> Resolved {
    let (target, fragment, dir_form_ok) = if let Some(rest) = href.strip_prefix(base_url) {
        // Absolute under base_url (canonical links, 404.html): directory form is right.
        let (path, fragment) = split(rest);
        (Some(decode(path)), fragment, true)
    } else if is_external(href) {
        return Resolved::Fine;
    } else {
        let (path, fragment) = split(href);
        if path.is_empty() {
            (Some(page.to_string()), fragment, false)
        } else {
            (join(page, &decode(path)), fragment, false)
        }
    };
    let Some(target) = target else { return Resolved::Broken(Problem::OutsideSite) };
    let file = if target.is_empty() || target.ends_with('/') {
        let index = format!("{target}index.html");
        if !dir_form_ok {
            return Resolved::Broken(Problem::Folder(index));
        }
        index
    } else if !paths.contains(target.as_str()) && paths.contains(format!("{target}/index.html").as_str()) {
        let index = format!("{target}/index.html");
        if !dir_form_ok {
            return Resolved::Broken(Problem::Folder(index));
        }
        index
    } else {
        target
    };
    if !paths.contains(file.as_str()) {
        return Resolved::Broken(Problem::Missing(file));
    }
    match fragment.map(decode).filter(|f| !f.is_empty() && !f.eq_ignore_ascii_case("top")) {
        Some(id) if file.ends_with(".html") => Resolved::Anchor(file, id),
        _ => Resolved::Fine,
    }
}

/// A `data:` URL: its content is in the page itself.
/// A `data:` URL: its content is in the page itself.
fn is_data(url: &str) -> bool {
    url.get(..5).is_some_and(|s| s.eq_ignore_ascii_case("data:"))
}

struct MarkdownSources<'m> {
    dirs: urls::PageDirs<'m>,
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
        MarkdownSources { dirs: urls::PageDirs::of(&c.known), by_page }
    }

    /// The content file and position of the markdown link that became `href` on `page`.
    fn find(&self, page: &str, href: &str) -> Option<(&'m str, Option<Pos>)> {
        let root = urls::root_of(page);
        let base = LinkBase::Relative(&root);
        self.by_page.get(page)?.iter().find_map(|(source, md)| {
            md.links
                .iter()
                .find(|l| {
                    let rendered = base.link(&l.dest, self.dirs).unwrap_or_else(|| l.dest.clone());
                    rendered == href || l.dest == href
                })
                .map(|l| (*source, l.pos))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The problem of each link, as a build of these pages finds it.
    fn problems(pages: &[(&str, &str)], links: &[(&str, &str)]) -> Vec<Option<Problem>> {
        let paths: Paths = pages.iter().map(|(p, _)| *p).collect();
        links
            .iter()
            .map(|(page, href)| {
                let check = LinkCheck::new("https://x.cn/", &paths);
                for (p, html) in pages {
                    let html =
                        if p == page { format!("{html}<a href=\"{href}\">x</a>") } else { html.to_string() };
                    check.page(p, "t.html", &html);
                }
                let Found { ids, anchors, problems } = check.found.into_inner().unwrap();
                let late = anchors.into_iter().filter(|(.., file, id)| !ids.contains(&id_key(file, id)));
                let late = late.map(|(_, _, _, file, id)| Problem::Anchor(file, id));
                problems.into_iter().map(|(.., p)| p).chain(late).next()
            })
            .collect()
    }

    #[test]
    fn finds_missing_files_anchors_and_folder_links() {
        let pages = [("index.html", "<p id=top-news>"), ("issues/index.html", "<table id=list></table>")];
        let links = [
            ("index.html", "issues/index.html#list"),
            ("index.html", "#top-news"),
            ("index.html", "#"),
            ("issues/index.html", "../index.html#top-news"),
            ("index.html", "https://x.cn/issues/"),
            ("index.html", "https://x.cn/"),
            ("index.html", "https://other.cn/missing"),
            ("index.html", "issues/index.html#nope"),
            ("index.html", "#nope"),
            ("index.html", "targets/index.html"),
            ("index.html", "https://x.cn/targets/"),
            ("index.html", "issues/"),
            ("index.html", "issues"),
            ("issues/index.html", "../../x.html"),
        ];
        assert_eq!(
            problems(&pages, &links),
            [
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                Some(Problem::Anchor("issues/index.html".into(), "nope".into())),
                Some(Problem::OwnAnchor("nope".into())),
                Some(Problem::Missing("targets/index.html".into())),
                Some(Problem::Missing("targets/index.html".into())),
                Some(Problem::Folder("issues/index.html".into())),
                Some(Problem::Folder("issues/index.html".into())),
                Some(Problem::OutsideSite),
            ]
        );
    }
}
