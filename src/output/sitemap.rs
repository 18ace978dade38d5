//! `sitemap.xml`: every public page with its absolute URL and, where the
//! content dates it, its last change.

use super::site::PageFacts;
use crate::urls;

/// `pages`: every page with its facts, in any order.
pub fn sitemap(base_url: &str, pages: &[(String, PageFacts)]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut listed: Vec<&(String, PageFacts)> = pages.iter().filter(|(_, p)| p.listed).collect();
    listed.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, page) in listed {
        out.push_str("  <url><loc>");
        out.push_str(&escape(&urls::absolute(base_url, path)));
        out.push_str("</loc>");
        if let Some(t) = &page.updated {
            out.push_str(&format!("<lastmod>{}</lastmod>", t.iso));
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
