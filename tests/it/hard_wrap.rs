//! Text typed with hard line breaks inside a Chinese paragraph (Notepad
//! with word wrap, a paste from Word), in markdown and in YAML: between two
//! Chinese characters the break is no space, in every output that shows
//! the text; between Latin words it is one (the `hard-wrap` fixture).

use crate::common;
use crate::common::html::{one, parse, squeezed, text};

fn site() -> common::Built {
    common::build(&common::fixture("hard-wrap"), "2024-06-15")
}

#[test]
fn pages_join_chinese_lines_and_keep_spaces_between_latin_words() {
    let site = site();
    let note = parse(&site.read("updates/2024-06-01-tibiao/index.html"));
    assert_eq!(
        text(one(&note, ".note-body")),
        "城区污水处理厂完成提标改造，出水稳定达标，月均浓度下降。The plant now meets Class 1A."
    );
    let issue = parse(&site.read("issues/01/index.html"));
    let shown = text(one(&issue, "main"));
    for expected in [
        "城区污水处理厂出水氨氮浓度超过一级A标准，需要完成提标改造。",
        "出水稳定达到一级A标准， COD and ammonia meet the standard。",
        "完成提标改造工程。",
        "城区污水处理厂完成提标改造，出水稳定达标，月均浓度下降。",
    ] {
        assert!(shown.contains(expected), "{expected} not in {shown}");
    }
    // The list of updates names the note by its title.
    let updates = parse(&site.read("updates/index.html"));
    assert!(squeezed(&text(one(&updates, "main"))).contains("污水处理厂提标改造完成"));
}

#[test]
fn the_feed_and_the_search_index_join_them_too() {
    let site = site();
    let channel: rss::Channel = site.read("feed.xml").parse().expect("feed parses");
    let body = channel.items()[0].description().unwrap();
    assert!(
        body.contains("完成提标改造，出水稳定达标，<strong>月均</strong>浓度下降。The plant now\nmeets"),
        "{body}"
    );
    let js = serde_json::to_string(&common::search::docs(&site)).unwrap();
    assert!(
        js.contains("城区污水处理厂完成提标改造，出水稳定达标，月均浓度下降。The plant now meets Class 1A."),
        "{js}"
    );
    assert!(js.contains("完成提标改造工程。"), "{js}");
    assert!(!js.contains("提标 改造") && !js.contains("氨氮 浓度"), "{js}");
}
