//! The public URL layout (the content format's contract): the output path
//! of every page and file, and how pages link to them. Pages link to each
//! other relatively and by file name, so a copy of the site works from disk
//! and under any sub-directory of the web server. Every stage uses it: the
//! model to check links in the content, render to make them, output to
//! place files and write absolute URLs.

/// The prefix that leads from the page at `path` back to the site root:
/// `issues/07/index.html` → `../../`.
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// The absolute URL of an output file, in directory form for pages:
/// `issues/07/index.html` → `{base}issues/07/`.
pub fn absolute(base_url: &str, path: &str) -> String {
    let dir_form = path.strip_suffix("index.html").unwrap_or(path);
    format!("{base_url}{}", encode_path(dir_form))
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

pub const HOME: &str = "index.html";
pub const LEDGER: &str = "issues/index.html";
pub const TARGETS: &str = "targets/index.html";
pub const FEED: &str = "feed.xml";
pub const STATUS_FEED: &str = "updates/status.xml";

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
}
