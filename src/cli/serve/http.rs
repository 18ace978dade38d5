//! What the preview server answers: request paths checked and mapped to
//! files of the site held in memory (there is no file system path to
//! escape to, and anything that looks like an attempt is refused anyway),
//! content types with their charset, and the reload script and error
//! overlay injected into served pages.

use crate::diagnostics::Diagnostic;
use serde::Serialize;

/// Longer request targets are refused with 414.
pub const MAX_URL: usize = 2048;

/// The reserved prefix of the preview's own endpoints; no site file can
/// be there (its first folder starts with `_`, which content never makes).
pub const RESERVED: &str = "__gongkai/";

/// Why a request target is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// 414 URI Too Long.
    TooLong,
    /// 400 Bad Request: not an origin-form path, `..`, `\`, control
    /// characters, bad percent-encoding or an empty segment.
    BadPath,
}

/// A checked request target: the path inside the site (no leading `/`,
/// percent-decoded) and the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub path: String,
    pub query: Option<String>,
}

pub fn parse_target(url: &str) -> Result<Target, Refusal> {
    if url.len() > MAX_URL {
        return Err(Refusal::TooLong);
    }
    // Origin form only: `/path?query`; absolute-form and `*` are refused.
    let rest = url.strip_prefix('/').ok_or(Refusal::BadPath)?;
    let (raw, query) = match rest.split_once('?') {
        Some((p, q)) => (p, Some(q.to_string())),
        None => (rest, None),
    };
    let raw = raw.split('#').next().unwrap_or("");
    let bytes: Vec<u8> = percent_encoding::percent_decode_str(raw).collect();
    if raw.split('%').skip(1).any(|h| h.len() < 2 || !h.as_bytes()[..2].iter().all(u8::is_ascii_hexdigit)) {
        return Err(Refusal::BadPath);
    }
    let path = String::from_utf8(bytes).map_err(|_| Refusal::BadPath)?;
    if path.chars().any(|c| c.is_control() || c == '\\') {
        return Err(Refusal::BadPath);
    }
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len() - 1;
    for (i, seg) in segments.iter().enumerate() {
        // `a//b` and a leading `//`; a trailing `/` (empty last segment) names a folder.
        if (seg.is_empty() && i != last) || *seg == "." || *seg == ".." {
            return Err(Refusal::BadPath);
        }
    }
    Ok(Target { path, query })
}

pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "zip" => "application/zip",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "wps" | "et" | "ofd" => "application/octet-stream",
        "mp4" => "video/mp4",
        "mp3" => "audio/mpeg",
        _ => "application/octet-stream",
    }
}

#[derive(Serialize)]
struct ErrorLine {
    place: String,
    message: String,
}

/// The error overlay for the errors of the last rebuild. `stale` says a
/// previous good build is shown underneath.
pub fn overlay(errors: &[Diagnostic], stale: bool) -> String {
    let lines: Vec<ErrorLine> = errors
        .iter()
        .map(|d| ErrorLine {
            place: match d.pos {
                Some(p) => format!("{}:{}:{}", d.path, p.line, p.column),
                None => d.path.clone(),
            },
            message: d.message.clone(),
        })
        .collect();
    let mut ctx = tera::Context::new();
    ctx.insert("errors", &lines);
    ctx.insert("stale", &stale);
    tera::Tera::one_off(include_str!("overlay.html"), &ctx, true).unwrap_or_else(|e| {
        format!("<p>错误提示无法显示（{}），请看终端中的信息。</p>", tera::escape_html(&e.to_string()))
    })
}

/// The page shown when no build has succeeded yet.
pub fn failed_page() -> &'static str {
    include_str!("failed.html")
}

/// `html` with the reload script (and the overlay, if any) before `</body>`.
pub fn inject(html: &[u8], generation: u64, overlay: Option<&str>) -> Vec<u8> {
    let script: String = include_str!("reload.js")
        .lines()
        .filter(|l| !l.starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
        .replace("__GENERATION__", &generation.to_string());
    let mut extra = String::new();
    if let Some(o) = overlay {
        extra.push_str(o);
    }
    extra.push_str("<script>");
    extra.push_str(&script);
    extra.push_str("</script>");
    let text = String::from_utf8_lossy(html);
    let at = text.rfind("</body>").unwrap_or(text.len());
    let mut out = String::with_capacity(text.len() + extra.len());
    out.push_str(&text[..at]);
    out.push_str(&extra);
    out.push_str(&text[at..]);
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(url: &str) -> Result<String, Refusal> {
        parse_target(url).map(|t| t.path)
    }

    #[test]
    fn accepts_site_paths() {
        assert_eq!(path("/"), Ok(String::new()));
        assert_eq!(path("/issues/07/"), Ok("issues/07/".into()));
        assert_eq!(path("/issues/07/index.html?x=1#h"), Ok("issues/07/index.html".into()));
        assert_eq!(path("/files/%E6%B8%85%E5%8D%95.pdf"), Ok("files/清单.pdf".into()));
        assert_eq!(path("/updates/v1.2/"), Ok("updates/v1.2/".into()));
        assert_eq!(parse_target("/__gongkai/poll?since=3").unwrap().query.as_deref(), Some("since=3"));
    }

    #[test]
    fn refuses_traversal_and_odd_targets() {
        for url in [
            "/../etc/passwd",
            "/issues/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/issues/%2e%2e/%2e%2e/x",
            "/..%5c..%5cwindows",
            "/a\\..\\b",
            "/./index.html",
            "//etc/passwd",
            "/a//b",
            "http://127.0.0.1/index.html",
            "*",
            "etc/passwd",
            "/%00",
            "/%zz",
            "/%e6%b8",
            "/a%0d%0aSet-Cookie:x",
        ] {
            assert_eq!(path(url), Err(Refusal::BadPath), "{url}");
        }
        assert_eq!(path(&format!("/{}", "a".repeat(MAX_URL))), Err(Refusal::TooLong));
    }

    #[test]
    fn types_carry_a_charset_for_text() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("assets/style.CSS"), "text/css; charset=utf-8");
        assert_eq!(content_type("data/issues.csv"), "text/csv; charset=utf-8");
        assert_eq!(content_type("feed.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("files/plan.pdf"), "application/pdf");
        assert_eq!(content_type("files/noext"), "application/octet-stream");
    }

    #[test]
    fn script_and_overlay_go_before_the_end_of_body() {
        let errors = [Diagnostic::error(
            "content/notes/a.md",
            Some(crate::diagnostics::Pos::new(3, 8)),
            "标题<不能>为空",
        )];
        let out = String::from_utf8(inject(
            b"<html><body><p>x</p></body></html>",
            7,
            Some(&overlay(&errors, true)),
        ))
        .unwrap();
        assert!(out.ends_with("</script></body></html>"), "{out}");
        assert!(out.contains("var generation = 7;"));
        // Tera escapes `/` as well; the browser shows it as written.
        assert!(out.contains("content&#x2F;notes&#x2F;a.md:3:8"), "{out}");
        assert!(out.contains("标题&lt;不能&gt;为空"), "{out}");
        assert!(out.find("gongkai-errors").unwrap() < out.find("<script>").unwrap());
    }
}
