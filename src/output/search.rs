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
    let mut h = Fnv::new();
    key.encode_utf16().for_each(|u| h.unit(u));
    h.0
}

/// The FNV-1a hash, fed one UTF-16 code unit at a time.
struct Fnv(u32);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0x811c_9dc5)
    }

    fn unit(&mut self, u: u16) {
        self.0 = (self.0 ^ u32::from(u)).wrapping_mul(0x0100_0193);
    }
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

/// A map keyed by index keys: a fast hash, and the same order on every run.
type KeyMap<V> = HashMap<Key, V, foldhash::fast::FixedState>;

/// A key of the index. Most are one or two Han characters, kept as their
/// UTF-16 units so that tokenizing a document allocates nothing for them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    /// A Han character standing alone (second unit 0) or a pair of them.
    Han(u16, u16),
    /// `*字`: every Han token holding the character.
    HanIn(u16),
    /// A run of ASCII letters and digits.
    Word(Box<str>),
    /// `>ab`: every ASCII word starting with it.
    Prefix(Box<str>),
}

impl Key {
    /// The key as the script looks it up.
    fn text(&self) -> String {
        let han = |u: u16| char::from_u32(u32::from(u)).unwrap_or(char::REPLACEMENT_CHARACTER);
        match self {
            Key::Han(a, 0) => han(*a).to_string(),
            Key::Han(a, b) => [han(*a), han(*b)].iter().collect(),
            Key::HanIn(c) => format!("*{}", han(*c)),
            Key::Word(w) => w.to_string(),
            Key::Prefix(p) => format!(">{p}"),
        }
    }

    /// [`key_hash`] of [`Key::text`], without making the text.
    fn hash(&self) -> u32 {
        let mut h = Fnv::new();
        let ascii = |h: &mut Fnv, s: &str| s.bytes().for_each(|b| h.unit(u16::from(b)));
        match self {
            Key::Han(a, b) => {
                h.unit(*a);
                if *b != 0 {
                    h.unit(*b);
                }
            }
            Key::HanIn(c) => {
                h.unit(u16::from(b'*'));
                h.unit(*c);
            }
            Key::Word(w) => ascii(&mut h, w),
            Key::Prefix(p) => {
                h.unit(u16::from(b'>'));
                ascii(&mut h, p);
            }
        }
        h.0
    }
}

/// A token of a text: one or two Han characters, or an ASCII word.
enum Token<'a> {
    Han(u16, u16),
    Word(&'a str),
}

/// Calls `f` with the tokens of `text` in order, repeated as often as they
/// occur: each pair of neighbouring Han characters, a Han character
/// standing alone, and each run of ASCII letters and digits (lower case).
/// Everything else separates tokens.
fn each_token(text: &str, mut f: impl FnMut(Token)) {
    // The previous Han character of the current run, and the run's length.
    let mut prev: Option<u16> = None;
    let mut run = 0;
    let mut word = String::new();
    let end_han = |prev: &mut Option<u16>, run: &mut usize, f: &mut dyn FnMut(Token)| {
        if let (Some(c), 1) = (*prev, *run) {
            f(Token::Han(c, 0));
        }
        *prev = None;
        *run = 0;
    };
    for c in text.chars().map(normalize) {
        if is_han(c) {
            if !word.is_empty() {
                f(Token::Word(&word));
                word.clear();
            }
            // Han characters are in the Basic Multilingual Plane: one unit.
            let u = c as u32 as u16;
            if let Some(p) = prev {
                f(Token::Han(p, u));
            }
            prev = Some(u);
            run += 1;
        } else if c.is_ascii_alphanumeric() {
            end_han(&mut prev, &mut run, &mut f);
            word.push(c);
        } else {
            end_han(&mut prev, &mut run, &mut f);
            if !word.is_empty() {
                f(Token::Word(&word));
                word.clear();
            }
        }
    }
    end_han(&mut prev, &mut run, &mut f);
    if !word.is_empty() {
        f(Token::Word(&word));
    }
}

/// The keys of one document with their weight and flags: each token, each
/// Han character of a Han token (`*字`), each prefix of an ASCII token
/// (`>ab`). The flags say whether the title (text) holds the key's word,
/// as the search's "whole query in the title" asks: for a prefix, anywhere
/// in an ASCII word (「7」 is in 「2017」).
fn doc_keys(title: &str, meta: &str, text: &str) -> Vec<(Key, u32, u32)> {
    let mut tokens: KeyMap<(u32, u32)> = KeyMap::default();
    let mut ascii: [Vec<String>; 2] = Default::default();
    for (part, weight, flags) in [(title, TITLE_WEIGHT, IN_TITLE), (meta, 1, 0), (text, 1, IN_TEXT)] {
        each_token(part, |t| {
            let key = match t {
                Token::Han(a, b) => Key::Han(a, b),
                Token::Word(w) => {
                    if flags != 0 {
                        ascii[usize::from(flags == IN_TEXT)].push(w.to_string());
                    }
                    Key::Word(w.into())
                }
            };
            let e = tokens.entry(key).or_default();
            e.0 += weight;
            e.1 |= flags;
        });
    }
    for words in &mut ascii {
        words.sort_unstable();
        words.dedup();
    }
    let [title_words, text_words] = &ascii;
    let mut keys: KeyMap<(u32, u32)> = KeyMap::with_capacity_and_hasher(tokens.len() * 2, Default::default());
    for (token, &(weight, flags)) in &tokens {
        match token {
            Key::Word(w) => {
                for end in 1..=w.len() {
                    let prefix = &w[..end];
                    let e = keys.entry(Key::Prefix(prefix.into())).or_insert_with(|| {
                        let title = title_words.iter().any(|w| w.contains(prefix));
                        let text = text_words.iter().any(|w| w.contains(prefix));
                        (0, if title { IN_TITLE } else { 0 } | if text { IN_TEXT } else { 0 })
                    });
                    e.0 += weight;
                }
            }
            Key::Han(a, b) => {
                let chars: &[u16] = if *b == 0 || b == a { &[*a] } else { &[*a, *b] };
                for &c in chars {
                    let e = keys.entry(Key::HanIn(c)).or_default();
                    e.0 += weight;
                    e.1 |= flags;
                }
            }
            Key::HanIn(_) | Key::Prefix(_) => {}
        }
    }
    tokens.into_iter().chain(keys).map(|(k, (w, f))| (k, w, f)).collect()
}

impl SearchIndex {
    pub fn build(model: &Model) -> SearchIndex {
        let refs = doc_refs(model);
        let shards = shard_count(refs.len());
        // Keys are merged in groups of shards, each group by one thread:
        // every document's keys go to their group as they are made, and a
        // group adds them in document order (the entries are deltas).
        let groups = (rayon::current_num_threads() * 4).min(shards as usize).max(1);
        let group_of = |key: &Key| (key.hash() % shards) as usize % groups;
        let mut merged: Vec<KeyMap<Entries>> = (0..groups).map(|_| KeyMap::default()).collect();
        for (c, chunk) in refs.chunks(CHUNK).enumerate() {
            let mut keyed: Vec<Vec<Vec<(Key, u32, u32)>>> = chunk
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
            let per_group: Vec<Vec<Vec<(Key, u32, u32)>>> = (0..groups)
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
                by_shard[(key.hash() % shards) as usize].push((key.text(), e.bytes));
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokens of `text`, as the script makes them (see [`each_token`]).
    fn tokens_of(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        each_token(text, |t| {
            out.push(match t {
                Token::Han(a, b) => Key::Han(a, b).text(),
                Token::Word(w) => w.to_string(),
            })
        });
        out
    }

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
        let keys = doc_keys("锅炉", "", "锅炉 锅炉 pm25");
        let get = |k: &str| keys.iter().find(|(key, ..)| key.text() == k).map(|(_, w, f)| (*w, *f));
        assert_eq!(get("锅炉"), Some((7, IN_TITLE | IN_TEXT)));
        assert_eq!(get("*锅"), Some((7, IN_TITLE | IN_TEXT)));
        assert_eq!(get("pm25"), Some((1, IN_TEXT)));
        assert_eq!(get(">p"), Some((1, IN_TEXT)));
        assert_eq!(get(">pm25"), Some((1, IN_TEXT)));
        assert_eq!(get(">pm256"), None);
        // A key holding a character twice counts once for it.
        let keys = doc_keys("", "", "水水");
        assert_eq!(keys.iter().find(|(k, ..)| k.text() == "*水").map(|(_, w, _)| *w), Some(1));
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
        let keys = doc_keys("PM2.5 水、燃煤锅炉", "", "ＶＯＣｓ 水水");
        assert!(keys.len() > 10);
        for (key, ..) in &keys {
            assert_eq!(key.hash(), key_hash(&key.text()), "{key:?}");
        }
        assert_eq!(shard_count(0), 1);
        assert_eq!(shard_count(350), 64);
    }
}
