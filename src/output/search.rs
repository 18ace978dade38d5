//! The site search index: every issue, published note, target, free page
//! and 交办件 as plain text, with an inverted index of character bigrams
//! (Chinese has no spaces, so words cannot be split off; two-character
//! pieces find nearly every Chinese word and need no dictionary).
//!
//! Split so that a phone loads only what a query needs: the entries of a
//! word are in the piece its hash names (`search/i/<n>.js`), and each
//! page's text in a file of its own (`search/d/…/<n>.js`), loaded for the
//! results shown. A single Han character and the unfinished ASCII word at
//! the end of a query match every entry that contains it or starts with
//! it: those merged entries are made here (keys `*字` and `>ab`), so that no
//! query needs the list of all words.
//!
//! All are JavaScript files that `assets/search.js` loads with `<script>`:
//! a browser may not `fetch()` a file from a copy of the site opened from
//! disk (file://), but it runs a script. The tokenizer, the hash and the
//! number encoding here and in `assets/search.js` must agree; both are
//! tested (tests/browser/search.mjs builds today's one-file index from the
//! documents and compares the results of many queries).

use crate::model::Model;
use crate::render::search_docs::{DocRef, doc_refs, document};
use crate::urls;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// A title counts this many times as much as the text.
const TITLE_WEIGHT: u32 = 5;
/// Flags of an entry: the word is in the title, in the text.
const IN_TITLE: u32 = 1;
const IN_TEXT: u32 = 2;
/// Documents tokenized at once (in parallel) before their entries are added in order.
const CHUNK: usize = 512;

/// The pieces of the index: each holds the encoded entries of its keys.
pub struct SearchIndex {
    pub docs: u32,
    shards: Vec<Vec<(String, Vec<u8>)>>,
}

/// How many pieces an index of `docs` documents is split into: a power of
/// two, about one per eight documents, so that a piece stays small.
pub fn shard_count(docs: usize) -> u32 {
    (docs / 8).max(1).next_power_of_two() as u32
}

/// FNV-1a over the UTF-16 code units of `key`, as the script computes it.
pub fn key_hash(key: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for unit in key.encode_utf16() {
        h ^= u32::from(unit);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// Numbers as base-32 digits, low first; a digit with more to follow is
/// written from the upper half of the alphabet.
const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

fn push_number(out: &mut Vec<u8>, mut v: u32) {
    loop {
        let low = v & 31;
        v >>= 5;
        if v == 0 {
            out.push(DIGITS[low as usize]);
            return;
        }
        out.push(DIGITS[(low | 32) as usize]);
    }
}

/// The entries of one key: document number deltas and weight·4+flags.
#[derive(Default)]
struct Entries {
    last: Option<u32>,
    bytes: Vec<u8>,
}

impl Entries {
    fn push(&mut self, doc: u32, weight: u32, flags: u32) {
        push_number(&mut self.bytes, doc - self.last.unwrap_or(0));
        push_number(&mut self.bytes, weight * 4 + flags);
        self.last = Some(doc);
    }
}

/// The keys of one document with their weight and flags: each token, each
/// Han character of a Han token (`*字`), each prefix of an ASCII token
/// (`>ab`). The flags say whether the title (text) holds the key's word,
/// as the search's "whole query in the title" asks: for a prefix, anywhere
/// in an ASCII word (「7」 is in 「2017」).
fn doc_keys(title: &str, meta: &str, text: &str) -> Vec<(String, u32, u32)> {
    let mut tokens: HashMap<String, (u32, u32)> = HashMap::new();
    for t in tokens_of(title) {
        let e = tokens.entry(t).or_default();
        e.0 += TITLE_WEIGHT;
        e.1 |= IN_TITLE;
    }
    for t in tokens_of(meta) {
        tokens.entry(t).or_default().0 += 1;
    }
    for t in tokens_of(text) {
        let e = tokens.entry(t).or_default();
        e.0 += 1;
        e.1 |= IN_TEXT;
    }
    let ascii = |text: &str| -> Vec<String> {
        tokens_of(text).into_iter().filter(|t| t.starts_with(|c: char| c.is_ascii_alphanumeric())).collect()
    };
    let (title_words, text_words) = (ascii(title), ascii(text));
    let mut keys: HashMap<String, (u32, u32)> = HashMap::with_capacity(tokens.len() * 2);
    for (token, &(weight, flags)) in &tokens {
        if token.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            for end in (1..=token.len()).filter(|&e| token.is_char_boundary(e)) {
                let prefix = &token[..end];
                let e = keys.entry(format!(">{prefix}")).or_insert_with(|| {
                    let title = title_words.iter().any(|w| w.contains(prefix));
                    let text = text_words.iter().any(|w| w.contains(prefix));
                    (0, if title { IN_TITLE } else { 0 } | if text { IN_TEXT } else { 0 })
                });
                e.0 += weight;
            }
        } else {
            let mut merge = |key: String| {
                let e = keys.entry(key).or_default();
                e.0 += weight;
                e.1 |= flags;
            };
            let mut chars: Vec<char> = token.chars().collect();
            chars.dedup();
            for c in chars {
                merge(format!("*{c}"));
            }
        }
    }
    let mut out: Vec<(String, u32, u32)> = tokens.into_iter().map(|(k, (w, f))| (k, w, f)).collect();
    out.extend(keys.into_iter().map(|(k, (w, f))| (k, w, f)));
    out
}

impl SearchIndex {
    pub fn build(model: &Model) -> SearchIndex {
        let refs = doc_refs(model);
        let shards = shard_count(refs.len());
        // Keys are merged in groups of shards, each group by one thread:
        // every document's keys go to their group as they are made, and a
        // group adds them in document order (the entries are deltas).
        let groups = (rayon::current_num_threads() * 4).min(shards as usize).max(1);
        let group_of = |key: &str| (key_hash(key) % shards) as usize % groups;
        let mut merged: Vec<HashMap<String, Entries>> = (0..groups).map(|_| HashMap::new()).collect();
        for (c, chunk) in refs.chunks(CHUNK).enumerate() {
            let mut keyed: Vec<Vec<Vec<(String, u32, u32)>>> = chunk
                .par_iter()
                .map(|&r| {
                    let doc = document(model, r);
                    let mut by_group = vec![Vec::new(); groups];
                    for k in doc_keys(&doc.title, &doc.meta, &doc.text) {
                        by_group[group_of(&k.0)].push(k);
                    }
                    by_group
                })
                .collect();
            let first = (c * CHUNK) as u32;
            let per_group: Vec<Vec<Vec<(String, u32, u32)>>> = (0..groups)
                .map(|g| keyed.iter_mut().map(|doc| std::mem::take(&mut doc[g])).collect())
                .collect();
            merged.par_iter_mut().zip(per_group).for_each(|(entries, docs)| {
                for (i, keys) in docs.into_iter().enumerate() {
                    for (key, weight, flags) in keys {
                        entries.entry(key).or_default().push(first + i as u32, weight, flags);
                    }
                }
            });
        }
        let mut by_shard: Vec<Vec<(String, Vec<u8>)>> = vec![Vec::new(); shards as usize];
        for entries in merged {
            for (key, e) in entries {
                by_shard[(key_hash(&key) % shards) as usize].push((key, e.bytes));
            }
        }
        by_shard.par_iter_mut().for_each(|s| s.sort_by(|a, b| a.0.cmp(&b.0)));
        SearchIndex { docs: refs.len() as u32, shards: by_shard }
    }

    pub fn shards(&self) -> u32 {
        self.shards.len() as u32
    }

    /// `search/i/<n>.js`.
    pub fn shard_script(&self, n: u32) -> Vec<u8> {
        let keys: BTreeMap<&str, &str> = self.shards[n as usize]
            .iter()
            .map(|(k, bytes)| (k.as_str(), std::str::from_utf8(bytes).unwrap_or_default()))
            .collect();
        part_script(&urls::search_part(n), &keys)
    }
}

/// `search/search-data.js`: how the index is split.
pub fn meta_script(docs: u32, shards: u32) -> Vec<u8> {
    format!("window.GONGKAI_SEARCH={{\"version\":2,\"docs\":{docs},\"shards\":{shards}}};\n").into_bytes()
}

/// `search/d/…/<n>.js`: one document, for a result shown.
pub fn doc_script(model: &Model, r: DocRef, n: u32) -> Vec<u8> {
    part_script(&urls::search_doc(n), &document(model, r))
}

fn part_script(name: &str, value: &impl serde::Serialize) -> Vec<u8> {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".into());
    // U+2028/U+2029 end a line in older JavaScript engines, even in a string.
    let json = json.replace('\u{2028}', "\\u2028").replace('\u{2029}', "\\u2029");
    format!("GONGKAI_SEARCH_PART(\"{name}\",{json});\n").into_bytes()
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
pub fn tokens_of(text: &str) -> Vec<String> {
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
        assert_eq!(tokens_of("燃煤锅炉"), ["燃煤", "煤锅", "锅炉"]);
        assert_eq!(tokens_of("水、气"), ["水", "气"]);
        assert_eq!(tokens_of("问题7：ＰＭ２．５浓度"), ["问题", "7", "pm2", "5", "浓度"]);
        assert_eq!(tokens_of("VOCs治理2023年"), ["vocs", "治理", "2023", "年"]);
        assert!(tokens_of("—— ，。").is_empty());
    }

    #[test]
    fn keys_weigh_titles_above_text_and_merge_characters_and_prefixes() {
        let mut keys = doc_keys("锅炉", "", "锅炉 锅炉 pm25");
        keys.sort();
        let get = |k: &str| keys.iter().find(|(key, ..)| key == k).map(|(_, w, f)| (*w, *f));
        assert_eq!(get("锅炉"), Some((7, IN_TITLE | IN_TEXT)));
        assert_eq!(get("*锅"), Some((7, IN_TITLE | IN_TEXT)));
        assert_eq!(get("pm25"), Some((1, IN_TEXT)));
        assert_eq!(get(">p"), Some((1, IN_TEXT)));
        assert_eq!(get(">pm25"), Some((1, IN_TEXT)));
        assert_eq!(get(">pm256"), None);
        // A key holding a character twice counts once for it.
        let keys = doc_keys("", "", "水水");
        assert_eq!(keys.iter().find(|(k, ..)| k == "*水").map(|(_, w, _)| *w), Some(1));
    }

    #[test]
    fn numbers_and_hashes_are_written_as_the_script_reads_them() {
        let mut out = Vec::new();
        for v in [0, 31, 32, 1000] {
            push_number(&mut out, v);
        }
        assert_eq!(String::from_utf8(out).unwrap(), "0VW1eV");
        // FNV-1a of UTF-16 units: the script's value for the same keys.
        assert_eq!(key_hash(""), 0x811c_9dc5);
        assert_eq!(key_hash("a"), 0xe40c_292c);
        assert_eq!(shard_count(0), 1);
        assert_eq!(shard_count(350), 64);
    }
}
