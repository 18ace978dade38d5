//! `sitemap.xml`: every public page with its absolute URL and, where the
//! content dates it, its last change.

use crate::urls;

/// `pages`: every page the sitemap lists, in path order, with its last
/// change (RFC 3339) where the content dates it.
pub fn sitemap<'a>(base_url: &str, pages: impl IntoIterator<Item = (&'a str, Option<&'a str>)>) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, lastmod) in pages {
        out.push_str("  <url><loc>");
        out.push_str(&escape(&urls::absolute(base_url, path)));
        out.push_str("</loc>");
        if let Some(t) = lastmod {
            out.push_str(&format!("<lastmod>{t}</lastmod>"));
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}
