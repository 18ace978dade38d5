//! Reading the links of a rendered page: the ids, links and loaded
//! resources of every element, by a scanner of start tags and their
//! attributes that follows the HTML tokenizer's rules where they matter
//! here (comments, the raw text of `script` and `style`, quoting, the first
//! of two equal attributes), not a full parser: every page of a large site
//! is read on every build.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use std::cell::RefCell;
use std::collections::BTreeSet;

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
    let rest = b.get(from..)?;
    // Most needles are one byte (`<`, `>`, a quote): `memmem` would build
    // a searcher for each call, which took longer than the search.
    let at = match needle {
        [byte] => memchr::memchr(*byte, rest),
        _ => memchr::memmem::find(rest, needle),
    };
    at.map(|at| from + at)
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
