//! Conventions of Chinese government websites that the national
//! monitoring of government sites looks for: the monitoring `<meta>` tags
//! and the 我为政府网站找错 (report an error) link.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use serde::Serialize;

/// The national error-report service, as its own `jiucuo.js` (served by
/// zfwzgl.www.gov.cn and embedded by government sites) opens it:
/// `…/exposure/jiucuo.html?site_code=<网站标识码>&url=<encodeURIComponent(page URL)>`.
/// gongkai writes the link at build time, so no script is needed.
pub const ERROR_REPORT_SERVICE: &str = "https://zfwzgl.www.gov.cn/exposure/jiucuo.html";

/// What JavaScript's `encodeURIComponent` leaves alone: letters, digits and
/// `-_.!~*'()`. The service decodes with the JavaScript rules, so the link
/// encodes with them.
const URI_COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// The 找错 link of the page at the absolute URL `page_url`. Like the
/// service's script, the URL is decoded first so that a non-ASCII path is
/// sent once encoded, not twice.
pub fn error_report_url(site_code: &str, page_url: &str) -> String {
    let plain = percent_decode_str(page_url).decode_utf8_lossy();
    format!(
        "{ERROR_REPORT_SERVICE}?site_code={}&url={}",
        utf8_percent_encode(site_code, URI_COMPONENT),
        utf8_percent_encode(&plain, URI_COMPONENT)
    )
}

/// The host (and port, if any) of `base_url`: the `SiteDomain` meta tag.
pub fn site_domain(base_url: &str) -> String {
    url::Url::parse(base_url)
        .ok()
        .and_then(|u| {
            let host = u.host_str()?.to_string();
            Some(match u.port() {
                Some(p) => format!("{host}:{p}"),
                None => host,
            })
        })
        .unwrap_or_default()
}

/// The article-level monitoring tags of a page that is one dated article
/// (a note, an issue, a dated free page).
#[derive(Debug, Clone, Serialize)]
pub struct ArticleMeta {
    pub title: String,
    /// `YYYY-MM-DD HH:MM`, Beijing time.
    pub pub_date: String,
    pub source: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_report_link_encodes_like_encode_uri_component() {
        assert_eq!(
            error_report_url("2208000056", "https://www.example.gov.cn/ztzl/dczg/issues/07/"),
            "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=2208000056\
             &url=https%3A%2F%2Fwww.example.gov.cn%2Fztzl%2Fdczg%2Fissues%2F07%2F"
        );
        // An already-encoded CJK path is sent encoded once.
        assert_eq!(
            error_report_url("bm01", "https://a.cn/%E6%95%B4%E6%94%B9/x_y.z~(1)/"),
            "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=bm01\
             &url=https%3A%2F%2Fa.cn%2F%E6%95%B4%E6%94%B9%2Fx_y.z~(1)%2F"
        );
    }

    #[test]
    fn domain_is_host_and_port() {
        assert_eq!(site_domain("https://www.example.gov.cn/ztzl/dczg/"), "www.example.gov.cn");
        assert_eq!(site_domain("http://127.0.0.1:8080/"), "127.0.0.1:8080");
    }
}
