//! Reading the split search index of a built site back, as the script does.

use super::Built;
use serde_json::Value;

fn part(js: &str) -> Value {
    let json = js.split_once(',').map(|(_, rest)| rest.trim_end().trim_end_matches(");")).unwrap();
    serde_json::from_str(json).unwrap()
}

/// `search/search-data.js`: the number of documents and of pieces.
pub fn meta(site: &Built) -> (u32, u32) {
    let js = site.read("search/search-data.js");
    let json =
        js.strip_prefix("window.GONGKAI_SEARCH=").and_then(|s| s.trim_end().strip_suffix(';')).unwrap();
    let v: Value = serde_json::from_str(json).unwrap();
    assert_eq!(v["version"], 2);
    (v["docs"].as_u64().unwrap() as u32, v["shards"].as_u64().unwrap() as u32)
}

/// Every document, in number order.
pub fn docs(site: &Built) -> Vec<Value> {
    let (docs, _) = meta(site);
    (0..docs).map(|n| part(&site.read(&format!("search/d/{}/{n}.js", n / 1000)))).collect()
}

/// The entries of `key`: (document, weight, flags), in document order.
pub fn entries(site: &Built, key: &str) -> Vec<(u32, u32, u32)> {
    let (_, shards) = meta(site);
    let shard = gongkai::output::search::key_hash(key) % shards;
    let piece = part(&site.read(&format!("search/i/{shard}.js")));
    let Some(encoded) = piece[key].as_str() else { return Vec::new() };
    const DIGITS: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
    let mut numbers = Vec::new();
    let (mut value, mut shift) = (0u32, 0);
    for c in encoded.chars() {
        let d = DIGITS.find(c).unwrap() as u32;
        value += (d & 31) << shift;
        if d & 32 != 0 {
            shift += 5;
        } else {
            numbers.push(value);
            (value, shift) = (0, 0);
        }
    }
    let mut doc = 0;
    numbers
        .chunks(2)
        .map(|p| {
            doc += p[0];
            (doc, p[1] / 4, p[1] % 4)
        })
        .collect()
}
