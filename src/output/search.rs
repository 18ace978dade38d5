//! The site search index: every issue, published note, target and free
//! page as plain text, with an inverted index of character bigrams (Chinese
//! has no spaces, so words cannot be split off; two-character pieces find
//! nearly every Chinese word and need no dictionary).
//!
//! Written as a JavaScript file that `search/index.html` loads with
//! `<script src>`: a browser may not `fetch()` a JSON file from a copy of the
//! site opened from disk (file://), but it runs a script. The tokenizer here
//! and the one in `assets/search.js` must agree; both are tested.

use crate::model::Model;
use crate::render::search_docs::{Doc, documents};
use serde::Serialize;
use std::collections::BTreeMap;

/// A title counts this many times as much as the text.
const TITLE_WEIGHT: u32 = 5;

#[derive(Debug, Serialize)]
pub struct SearchIndex {
    /// Format version, for the script.
    pub version: u32,
    pub docs: Vec<Doc>,
    /// Token → flat list of (document number, weight) pairs.
    pub index: BTreeMap<String, Vec<u32>>,
}

pub fn build_index(docs: Vec<Doc>) -> SearchIndex {
    let mut index: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (n, doc) in docs.iter().enumerate() {
        let mut weights: BTreeMap<String, u32> = BTreeMap::new();
        for t in tokens(&doc.title) {
            *weights.entry(t).or_default() += TITLE_WEIGHT;
        }
        for t in tokens(&doc.meta).into_iter().chain(tokens(&doc.text)) {
            *weights.entry(t).or_default() += 1;
        }
        for (token, weight) in weights {
            index.entry(token).or_default().extend([n as u32, weight]);
        }
    }
    SearchIndex { version: 1, docs, index }
}

/// The index as the script file the search page loads.
pub fn index_script(model: &Model) -> Vec<u8> {
    let index = build_index(documents(model));
    let json = serde_json::to_string(&index).unwrap_or_else(|_| "null".into());
    // U+2028/U+2029 end a line in older JavaScript engines, even in a string.
    let json = json.replace('\u{2028}', "\\u2028").replace('\u{2029}', "\\u2029");
    format!("window.GONGKAI_SEARCH={json};\n").into_bytes()
}

/// Han characters of the Basic Multilingual Plane (CJK Unified Ideographs,
/// extension A, compatibility ideographs). Characters outside the BMP are
/// left out so that the script, which reads UTF-16 units, agrees.
fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// Full-width ASCII (ＰＭ２．５) as ASCII, letters in lower case.
fn normalize(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    c.to_ascii_lowercase()
}

/// The tokens of `text`, repeated as often as they occur: each pair of
/// neighbouring Han characters, a Han character standing alone, and each
/// run of ASCII letters and digits. Everything else separates tokens.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut han: Vec<char> = Vec::new();
    let mut word = String::new();
    let flush_han = |han: &mut Vec<char>, out: &mut Vec<String>| {
        match han.len() {
            0 => {}
            1 => out.push(han[0].to_string()),
            _ => out.extend(han.windows(2).map(|w| w.iter().collect())),
        }
        han.clear();
    };
    for c in text.chars().map(normalize) {
        if is_han(c) {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            han.push(c);
        } else if c.is_ascii_alphanumeric() {
            flush_han(&mut han, &mut out);
            word.push(c);
        } else {
            flush_han(&mut han, &mut out);
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
        }
    }
    flush_han(&mut han, &mut out);
    if !word.is_empty() {
        out.push(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_bigrams_single_han_and_ascii_words() {
        assert_eq!(tokens("燃煤锅炉"), ["燃煤", "煤锅", "锅炉"]);
        assert_eq!(tokens("水、气"), ["水", "气"]);
        assert_eq!(tokens("问题7：ＰＭ２．５浓度"), ["问题", "7", "pm2", "5", "浓度"]);
        assert_eq!(tokens("VOCs治理2023年"), ["vocs", "治理", "2023", "年"]);
        assert!(tokens("—— ，。").is_empty());
    }

    #[test]
    fn index_weights_titles_above_text() {
        let doc = |title: &str, text: &str| Doc {
            kind: "页面",
            title: title.into(),
            url: "x/index.html".into(),
            meta: String::new(),
            text: text.into(),
        };
        let idx = build_index(vec![doc("锅炉", "无关"), doc("其他", "锅炉 锅炉")]);
        assert_eq!(idx.index["锅炉"], [0, 5, 1, 2]);
        assert_eq!(idx.index["无关"], [0, 1]);
    }
}
