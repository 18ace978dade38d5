//! Built pages read as a browser reads them: parsed HTML, text as shown.

use scraper::{ElementRef, Html, Selector};

pub fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e}"))
}

/// The path from the site root that the relative link `href` on the page at
/// `page` leads to, as a browser resolves it on disk (query and fragment
/// dropped); None when it leaves the site.
pub fn resolve(page: &str, href: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for segment in href.split(['#', '?']).next().unwrap_or("").split('/') {
        match segment {
            ".." => {
                parts.pop()?;
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

pub fn parse(html: &str) -> Html {
    Html::parse_document(html)
}

pub fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    let selector = Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e}"));
    doc.select(&selector).collect()
}

pub fn select_in<'a>(el: ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    let selector = Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e}"));
    el.select(&selector).collect()
}

/// The text of an element as a reader sees it: whitespace runs as one space.
pub fn text(el: ElementRef) -> String {
    el.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of every element matching `css`.
pub fn texts(doc: &Html, css: &str) -> Vec<String> {
    select(doc, css).into_iter().map(text).collect()
}

/// The one element matching `css`; panics if there is not exactly one.
pub fn one<'a>(doc: &'a Html, css: &str) -> ElementRef<'a> {
    let found = select(doc, css);
    assert_eq!(found.len(), 1, "expected one {css}, found {}", found.len());
    found[0]
}

/// The values of `attr` on every element matching `css`, in document order.
pub fn attrs(doc: &Html, css: &str, attr: &str) -> Vec<String> {
    select(doc, css).into_iter().filter_map(|e| e.value().attr(attr).map(str::to_string)).collect()
}

/// Text without any whitespace, for matching figures whatever the layout.
pub fn squeezed(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}
