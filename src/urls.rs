//! The public URL layout (the content format's contract) and how links
//! resolve in it: the output path of every page and file, how pages link to
//! each other, and what a link written in markdown or found in a rendered
//! page names. Pages link to each other relatively and by file name, so a
//! copy of the site works from disk and under any sub-directory of the web
//! server. Every stage uses it: the model to check links in the content,
//! render to make them, output to place files, write absolute URLs and
//! check the links of the rendered pages.

use crate::content::KnownIds;
use std::collections::BTreeSet;

// --- the layout ----------------------------------------------------------------

pub const HOME: &str = "index.html";
pub const LEDGER: &str = "issues/index.html";
/// Extra ledger pages. Issue ids ending in `.html` are reserved, so these
/// can never collide with an issue page.
pub const LEDGER_BY_PROGRESS: &str = "issues/status.html";
pub const LEDGER_BY_UNIT: &str = "issues/units.html";
pub const LEDGER_PRINT: &str = "issues/print.html";
pub const TARGETS: &str = "targets/index.html";
pub const FEED: &str = "feed.xml";
pub const STATUS_FEED: &str = "updates/status.xml";
pub const SEARCH: &str = "search/index.html";
/// The search index: a small script beside the search page saying how the
/// index is split, the pieces (`search/i/<n>.js`) holding the entries of
/// the words whose hash falls on them, and one script per searchable page
/// (`search/d/<n / 1000>/<n>.js`), loaded for the results shown.
pub const SEARCH_INDEX: &str = "search/search-data.js";

/// The piece of the search index (relative to the search page, without
/// `.js`: how the script asks for it).
pub fn search_part(shard: u32) -> String {
    format!("i/{shard}")
}

/// The search document `n` (relative to the search page, without `.js`).
pub fn search_doc(n: u32) -> String {
    format!("d/{}/{n}", n / 1000)
}

/// The output path of a search file named relative to the search page.
pub fn search_file(name: &str) -> String {
    format!("search/{name}.js")
}
/// The 本次更新 page. Page slugs, issue and target ids ending in `.html`
/// are reserved, so no content folder is ever called `release.html`.
pub const RELEASE: &str = "release.html";
pub const NOT_FOUND: &str = "404.html";
pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";
/// The data page and the subscribe page live under `data/`, a slug
/// reserved for the site's own pages: no free page or note can take them.
pub const DATA: &str = "data/index.html";
pub const SUBSCRIBE: &str = "data/subscribe/index.html";
pub const CALENDAR: &str = "data/deadlines.ics";
/// The 交办件 section: its overview, its feed, a page per batch and per case.
/// Case ids `batch` and `page` are reserved for the section's own folders.
pub const CASES: &str = "cases/index.html";
pub const CASES_FEED: &str = "cases/feed.xml";
/// 销号公示: every notice before closing.
pub const CLOSURES: &str = "closures/index.html";

pub fn case_batch(number: u32) -> String {
    format!("cases/batch/{number}/index.html")
}

pub fn case(id: &str) -> String {
    format!("cases/{id}/index.html")
}

/// An update table on the overview, by its date: its anchor.
pub fn case_update_anchor(published: chrono::NaiveDate) -> String {
    format!("update-{}", published.format("%Y-%m-%d"))
}

pub fn issue(id: &str) -> String {
    format!("issues/{id}/index.html")
}

pub fn issue_feed(id: &str) -> String {
    format!("issues/{id}/feed.xml")
}

pub fn note(slug: &str) -> String {
    format!("updates/{slug}/index.html")
}

pub fn target(id: &str) -> String {
    format!("targets/{id}/index.html")
}

pub fn page(slug: &str) -> String {
    format!("{slug}/index.html")
}

/// Page `n` (1-based) of the updates list.
pub fn updates_page(n: usize) -> String {
    if n <= 1 { "updates/index.html".to_string() } else { format!("updates/page/{n}/index.html") }
}

/// A file of open data: `data/issues.csv`.
pub fn data_file(name: &str) -> String {
    format!("data/{name}")
}

/// An attachment, by its path under `content/files/`.
pub fn attachment(rel: &str) -> String {
    format!("files/{rel}")
}

/// The prefix that leads from the page at `path` back to the site root:
/// `issues/07/index.html` → `../../`.
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// The absolute URL of an output file, in directory form for pages:
/// `issues/07/index.html` → `{base}issues/07/`.
pub fn absolute(base_url: &str, path: &str) -> String {
    format!("{base_url}{}", encode_path(dir_form(path)))
}

/// A page in directory form: `issues/07/index.html` → `issues/07/`.
pub fn dir_form(path: &str) -> &str {
    path.strip_suffix("index.html").unwrap_or(path)
}

/// Percent-encodes what a URL path may not hold (spaces, CJK file names).
pub fn encode_path(path: &str) -> String {
    const SET: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'#')
        .add(b'<')
        .add(b'>')
        .add(b'?')
        .add(b'`')
        .add(b'{')
        .add(b'}')
        .add(b'%');
    percent_encoding::utf8_percent_encode(path, SET).to_string()
}

// --- site-relative links written in markdown -------------------------------------

/// A site-relative link, resolved to the output file it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteLink {
    /// Output path, e.g. `issues/07/index.html` or `files/plan.pdf`.
    pub file: String,
    /// `#…` part, without the `#`.
    pub fragment: Option<String>,
}

/// Resolves `/issues/07`, `/issues/07/` and `/issues/07/index.html` alike
/// to `issues/07/index.html`. `page_dirs` are the folders that hold a page
/// (needed for ids with a dot, such as `/updates/v1.2`). Returns None for
/// links that are not site-relative.
pub fn resolve(dest: &str, page_dirs: PageDirs) -> Option<SiteLink> {
    let rest = dest.strip_prefix('/').filter(|r| !r.starts_with('/'))?;
    let (path, fragment) = match rest.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (rest, None),
    };
    let path = decode(path.split('?').next().unwrap_or(""));
    let trimmed = path.trim_end_matches('/');
    let last = trimmed.rsplit('/').next().unwrap_or("");
    let is_dir = path.is_empty() || path.ends_with('/') || page_dirs.contains(trimmed) || !last.contains('.');
    let file = if is_dir {
        if trimmed.is_empty() { HOME.to_string() } else { format!("{trimmed}/index.html") }
    } else {
        trimmed.to_string()
    };
    Some(SiteLink { file, fragment })
}

/// Folders that hold a page, as [`resolve`] needs them: one per id whose
/// file exists (loaded or not, so that a link to a broken file resolves as
/// it will once the file is fixed). A view of the ids, not a list of
/// folders: a site of 10,000 issues has 60,000 of them.
#[derive(Debug, Clone, Copy)]
pub struct PageDirs<'a>(&'a KnownIds);

impl<'a> PageDirs<'a> {
    pub fn of(known: &'a KnownIds) -> Self {
        PageDirs(known)
    }

    /// Whether `dir` (`issues/07`, no slashes around it) holds a page;
    /// the folders of [`issue`], [`note`], [`target`] and [`page`].
    pub fn contains(&self, dir: &str) -> bool {
        let k = self.0;
        let under = |folder: &str, ids: &BTreeSet<String>| {
            dir.strip_prefix(folder).and_then(|d| d.strip_prefix('/')).is_some_and(|id| ids.contains(id))
        };
        under("issues", &k.issues)
            || under("updates", &k.notes)
            || under("targets", &k.targets)
            || k.pages.contains(dir)
    }
}

// --- links as a browser reads them ---------------------------------------------------

/// A link to another site or scheme (`https:`, `mailto:`, `data:`, `//host`):
/// a scheme is letters, digits, `+ - .` before the first `:`.
pub fn is_external(href: &str) -> bool {
    if href.starts_with("//") {
        return true;
    }
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
pub fn split(href: &str) -> (&str, Option<&str>) {
    let (rest, fragment) = match href.split_once('#') {
        Some((r, f)) => (r, Some(f)),
        None => (href, None),
    };
    (rest.split('?').next().unwrap_or(""), fragment)
}

/// A percent-encoded path or fragment as written in the file system.
pub fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// `rel` resolved against the folder of `page`; None above the site root.
/// A trailing `/` is kept (it marks a folder).
pub fn join(page: &str, rel: &str) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_and_urls() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("issues/07/index.html"), "../../");
        assert_eq!(root_of("updates/page/2/index.html"), "../../../");
        assert_eq!(absolute("https://a.cn/x/", "issues/07/index.html"), "https://a.cn/x/issues/07/");
        assert_eq!(absolute("https://a.cn/x/", "index.html"), "https://a.cn/x/");
        assert_eq!(absolute("https://a.cn/x/", "feed.xml"), "https://a.cn/x/feed.xml");
        assert_eq!(updates_page(1), "updates/index.html");
        assert_eq!(updates_page(3), "updates/page/3/index.html");
    }

    fn r(dest: &str) -> Option<SiteLink> {
        let known = KnownIds { notes: ["v1.2".to_string()].into(), ..Default::default() };
        resolve(dest, PageDirs::of(&known))
    }

    #[test]
    fn page_dirs_are_the_folders_of_the_pages_of_ids() {
        let ids = |s: &[&str]| s.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
        let known = KnownIds {
            issues: ids(&["07", "a.b"]),
            notes: ids(&["v1.2"]),
            targets: ids(&["pm25"]),
            pages: ids(&["about"]),
        };
        let dirs = PageDirs::of(&known);
        let folder = |file: String| file.strip_suffix("/index.html").unwrap().to_string();
        for dir in [
            folder(issue("07")),
            folder(issue("a.b")),
            folder(note("v1.2")),
            folder(target("pm25")),
            folder(page("about")),
        ] {
            assert!(dirs.contains(&dir), "{dir}");
        }
        for dir in [
            "issues",
            "issues/",
            "issues/08",
            "updates/07",
            "targets/v1.2",
            "pm25",
            "issues/07/x",
            "about/x",
            "",
        ] {
            assert!(!dirs.contains(dir), "{dir}");
        }
    }

    #[test]
    fn the_three_forms_of_a_page_link_are_one() {
        for d in ["/issues/07", "/issues/07/", "/issues/07/index.html"] {
            assert_eq!(r(d).unwrap().file, "issues/07/index.html", "{d}");
        }
        assert_eq!(r("/").unwrap().file, "index.html");
        assert_eq!(r("/updates/v1.2").unwrap().file, "updates/v1.2/index.html");
        assert_eq!(r("/files/plan.pdf").unwrap().file, "files/plan.pdf");
        assert_eq!(r("/feed.xml").unwrap().file, "feed.xml");
        let l = r("/issues/07/#history").unwrap();
        assert_eq!((l.file.as_str(), l.fragment.as_deref()), ("issues/07/index.html", Some("history")));
        assert_eq!(dir_form(&l.file), "issues/07/");
        assert_eq!(r("/files/%E6%B8%85%E5%8D%95.pdf").unwrap().file, "files/清单.pdf");
        assert!(r("files/plan.pdf").is_none());
        assert!(r("//cdn.example.com/x.js").is_none());
    }

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
    fn external_links_are_not_the_sites() {
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
}
