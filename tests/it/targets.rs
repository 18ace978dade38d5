//! Target pages as citizens see them: the overview, one target with its
//! chart and data, the home dashboard; and the errors for bad target files.

use crate::common;
use crate::common::html::{sel, text};

use chrono::{Datelike, NaiveDate};
use scraper::{ElementRef, Html};

const EXAMPLE_AS_OF: &str = "2026-11-29";
const EDGE_AS_OF: &str = "2024-06-15";

fn page(site: &common::Built, path: &str) -> Html {
    Html::parse_document(&site.read(path))
}

fn one<'a>(doc: &'a Html, s: &str) -> ElementRef<'a> {
    doc.select(&sel(s)).next().unwrap_or_else(|| panic!("no {s}"))
}

fn all<'a>(scope: ElementRef<'a>, s: &str) -> Vec<ElementRef<'a>> {
    scope.select(&sel(s)).collect()
}

fn attr(e: ElementRef, name: &str) -> f64 {
    let v = e.value().attr(name).unwrap_or_else(|| panic!("no {name} on {:?}", e.value()));
    v.parse().unwrap_or_else(|_| panic!("{name}={v}"))
}

fn example() -> common::Built {
    common::build(&common::example_root(), EXAMPLE_AS_OF)
}

fn edge() -> common::Built {
    common::build(&common::fixture("targets-edge"), EDGE_AS_OF)
}

/// One row of the overview: id, latest, progress, assessment.
fn overview(site: &common::Built) -> Vec<(String, String, String, String)> {
    let doc = page(site, "targets/index.html");
    all(one(&doc, "table.targets"), "tbody tr")
        .into_iter()
        .map(|tr| {
            let link = one_in(tr, "th a");
            let href = link.value().attr("href").unwrap();
            let id = href.strip_prefix("../targets/").and_then(|h| h.strip_suffix("/index.html")).unwrap();
            let cells = all(tr, "td");
            assert_eq!(cells.len(), 4);
            (id.to_string(), text(cells[1]), text(cells[2]), text(cells[3]))
        })
        .collect()
}

/// The text of every cell of every body row.
fn cells(table: ElementRef) -> Vec<Vec<String>> {
    all(table, "tbody tr")
        .into_iter()
        .map(|tr| tr.children().filter_map(ElementRef::wrap).map(text).collect())
        .collect()
}

/// The facts table of a target page: heading → text.
fn facts(doc: &Html) -> Vec<(String, String)> {
    cells(one(doc, "table.target-facts")).into_iter().map(|r| (r[0].clone(), r[1].clone())).collect()
}

fn fact(doc: &Html, name: &str) -> Option<String> {
    facts(doc).into_iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

fn one_in<'a>(scope: ElementRef<'a>, s: &str) -> ElementRef<'a> {
    scope.select(&sel(s)).next().unwrap_or_else(|| panic!("no {s} in {}", scope.html()))
}

#[test]
fn overview_shows_every_target_with_latest_value_progress_and_label() {
    let site = example();
    let rows = overview(&site);
    // In the plan's order (`order:` in each file), not by id.
    let expected = [
        ("pm25", "24 微克/立方米（2026年上半年）", "100%", "已达标"),
        ("good-air-days", "91.8%（2026年上半年）", "0%", "需加力"),
        ("heavy-pollution", "已实现（2025年）", "定性指标，不计算进度", "已实现"),
        ("surface-water", "93.8%（2026年上半年）", "75%", "需加力"),
        ("worse-than-v", "0 个（2026年上半年）", "100%", "已达标"),
        ("black-smelly-water", "未实现（2026年上半年）", "定性指标，不计算进度", "未实现"),
        ("farmland", "95.8%（2025年）", "100%", "已达标"),
        ("forest", "9.44%（2025年）", "85%", "需加力"),
        ("grassland", "68.3%（2025年）", "100%", "已达标"),
        ("wetland", "50.4%（2025年）", "100%", "已达标"),
    ];
    let got: Vec<(&str, &str, &str, &str)> =
        rows.iter().map(|(a, b, c, d)| (a.as_str(), b.as_str(), c.as_str(), d.as_str())).collect();
    assert_eq!(got, expected);

    // Labels are words in a tag; the bar's width is its number.
    let doc = page(&site, "targets/index.html");
    for tag in doc.select(&sel("table.targets .tag")) {
        let class = tag.value().attr("class").unwrap();
        assert!(class.starts_with("tag tag-target-"), "{class}");
    }
    let forest = doc.select(&sel("table.targets tbody tr")).nth(7).unwrap();
    let fill = one_in(forest, ".target-progress-fill").value().attr("style").unwrap();
    assert_eq!(fill.replace(' ', ""), "width:85%");
    assert!(one_in(forest, ".target-progress-track").value().attr("aria-hidden") == Some("true"));
}

#[test]
fn example_targets_are_the_plans_and_marked_as_sample() {
    let site = example();
    let doc = page(&site, "targets/index.html");
    let names: Vec<String> = doc.select(&sel("table.targets tbody th")).map(text).collect();
    for name in
        ["PM2.5", "优良天数", "I—III类", "劣V类", "安全利用率", "森林", "草原", "湿地", "重污染", "黑臭"]
    {
        assert!(names.iter().any(|n| n.contains(name)), "{name} missing from {names:?}");
    }
    for (id, ..) in overview(&site) {
        let body = text(one(&page(&site, &format!("targets/{id}/index.html")), "main"));
        assert!(body.contains("示例数据"), "targets/{id} not marked as sample");
    }
}

/// Checks that the chart is drawn in both sizes, narrow then wide, and that
/// in each every point sits where its value and date say, reading the scale
/// back from the chart's own axis labels, and that the points are the rows
/// of the table below it.
fn check_chart(doc: &Html, dates: &[NaiveDate]) {
    let svgs = all(one(doc, "figure.target-chart"), "svg");
    let classes: Vec<&str> = svgs.iter().map(|s| s.value().attr("class").unwrap()).collect();
    assert_eq!(classes, ["target-chart-svg chart-narrow", "target-chart-svg chart-wide"]);
    for svg in svgs {
        check_drawing(doc, svg, dates);
    }
}

fn check_drawing(doc: &Html, svg: ElementRef, dates: &[NaiveDate]) {
    assert_eq!(svg.value().attr("role"), Some("img"));
    assert!(svg.value().attr("viewBox").is_some());
    assert_eq!(svg.value().attr("width"), Some("100%"));

    // Value axis: from the first and last tick label.
    let ticks: Vec<(f64, f64)> =
        all(svg, "text.y-label").into_iter().map(|t| (attr(t, "y"), text(t).parse().unwrap())).collect();
    assert!(ticks.len() >= 2);
    let ((y0, v0), (y1, v1)) = (ticks[0], *ticks.last().unwrap());
    for &(y, v) in &ticks {
        assert!((v0 + (y - y0) / (y1 - y0) * (v1 - v0) - v).abs() < 0.01, "ticks not linear: {ticks:?}");
    }
    let value_at = |y: f64| v0 + (y - y0) / (y1 - y0) * (v1 - v0);

    // Time axis: year boundaries, the first at 1 January of the first labelled year.
    let bounds: Vec<f64> = all(svg, "line.x-tick").into_iter().map(|l| attr(l, "x1")).collect();
    let first_year: i32 = text(one_in(svg, "text.x-label")).parse().unwrap();
    let x_of = |d: NaiveDate| {
        let i = (d.year() - first_year) as usize;
        let days = if NaiveDate::from_ymd_opt(d.year(), 2, 29).is_some() { 366.0 } else { 365.0 };
        bounds[i] + (bounds[i + 1] - bounds[i]) * d.ordinal0() as f64 / days
    };

    let table_values: Vec<f64> = all(one(doc, "table.observations"), "tbody td:nth-child(3)")
        .into_iter()
        .map(|td| text(td).parse().unwrap())
        .collect();
    let points = all(svg, "g.point");
    assert_eq!(points.len(), table_values.len());
    assert_eq!(points.len(), dates.len());
    for ((p, value), date) in points.iter().zip(&table_values).zip(dates) {
        let circle = one_in(*p, "circle");
        let label = text(one_in(*p, "text"));
        assert!(label.ends_with(&text_number(*value)), "label {label} for {value}");
        assert!(
            (value_at(attr(circle, "cy")) - value).abs() < 0.02,
            "{value} drawn at {}",
            attr(circle, "cy")
        );
        assert!((attr(circle, "cx") - x_of(*date)).abs() < 0.2, "{date} drawn at {}", attr(circle, "cx"));
    }
    // Points joined in date order.
    let line: Vec<String> =
        one_in(svg, "polyline").value().attr("points").unwrap().split(' ').map(String::from).collect();
    let drawn: Vec<String> = points
        .iter()
        .map(|p| {
            let c = one_in(*p, "circle").value();
            format!("{},{}", c.attr("cx").unwrap(), c.attr("cy").unwrap())
        })
        .collect();
    assert_eq!(line, drawn);
}

fn text_number(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn table_dates(doc: &Html) -> Vec<NaiveDate> {
    all(one(doc, "table.observations"), "tbody td.observation-date time")
        .into_iter()
        .map(|t| NaiveDate::parse_from_str(t.value().attr("datetime").unwrap(), "%Y-%m-%d").unwrap())
        .collect()
}

#[test]
fn numeric_target_page_draws_its_data() {
    let site = example();
    let doc = page(&site, "targets/pm25/index.html");
    assert_eq!(
        text(one(&doc, ".target-summary")),
        "2026年上半年为24微克/立方米，比2022年下降4，已达到低于25微克/立方米的目标。"
    );

    // The chart: an accessible image in a captioned figure.
    // The chart: an accessible image in a captioned figure, drawn narrow
    // (phones) and wide (larger screens); the stylesheet shows one.
    let figure = one(&doc, "figure.target-chart");
    assert!(text(one_in(figure, "figcaption")).starts_with("图：细颗粒物（PM2.5）年均浓度的变化情况"));
    let svgs = all(figure, "svg");
    assert_eq!(svgs.len(), 2);
    for (svg, size) in svgs.into_iter().zip(["narrow", "wide"]) {
        let labelled: Vec<String> =
            svg.value().attr("aria-labelledby").unwrap().split(' ').map(String::from).collect();
        assert_eq!(labelled, [format!("chart-title-{size}"), format!("chart-desc-{size}")]);
        assert_eq!(
            text(one_in(svg, &format!("title#chart-title-{size}"))),
            "细颗粒物（PM2.5）年均浓度变化情况"
        );
        assert_eq!(
            text(one_in(svg, &format!("desc#chart-desc-{size}"))),
            "基准值2022年28；监测值2023年27，2024年24，2025年23，2026年上半年24；目标：2025年底前低于25微克/立方米（单位：微克/立方米）。"
        );
        // Nothing to load, nothing to run.
        let html = svg.html();
        for external in ["href", "url(", "<script", "<image", "<foreignObject"] {
            assert!(!html.contains(external), "{external} in chart");
        }

        // The target as a dashed line at 25, the date as a line at the end of 2025.
        assert_eq!(text(one_in(svg, "text.target-label")), "目标：低于25");
        assert!(one_in(svg, "g.chart-target").value().attr("stroke-dasharray").is_some());
        assert_eq!(text(one_in(svg, "text.deadline-label")), "期限2025年底");
        assert_eq!(text(one_in(svg, "text.unit-label")), "单位：微克/立方米");
        assert_eq!(all(svg, "g.point-baseline").len(), 1);
    }

    // Directly below the figure, the table of every observation in date order.
    let next = figure.next_siblings().filter_map(ElementRef::wrap).next().unwrap();
    assert!(next.value().classes().any(|c| c == "table-scroll"));
    let rows = cells(one(&doc, "table.observations"));
    let src = "市生态环境局";
    assert_eq!(
        rows,
        [
            ["2022年（基准）", "2022-12-31", "28", src],
            ["2023年", "2023-12-31", "27", src],
            ["2024年", "2024-12-31", "24", src],
            ["2025年", "2025-12-31", "23", src],
            ["2026年上半年", "2026-06-30", "24", src],
        ]
    );
    check_chart(&doc, &table_dates(&doc));

    // Related issues, with their status.
    let related: Vec<String> = all(one(&doc, ".target-related"), "li > a").into_iter().map(text).collect();
    let numbers: Vec<&str> = related.iter().map(|r| r.split('：').next().unwrap()).collect();
    assert_eq!(numbers, ["问题6", "问题7", "问题8", "问题11"]);
    for li in all(one(&doc, ".target-related"), "li") {
        assert!(li.select(&sel(".tag")).next().is_some(), "no status: {}", text(li));
    }
}

#[test]
fn every_numeric_chart_matches_its_table() {
    for (site, ids) in [
        (
            example(),
            &["farmland", "forest", "good-air-days", "grassland", "surface-water", "wetland", "worse-than-v"]
                [..],
        ),
        (edge(), &["pm25", "wetland", "grassland", "worse-than-v"][..]),
    ] {
        for id in ids {
            let doc = page(&site, &format!("targets/{id}/index.html"));
            check_chart(&doc, &table_dates(&doc));
        }
    }
}

#[test]
fn qualitative_target_page_shows_status_note_and_date() {
    let site = example();
    let doc = page(&site, "targets/black-smelly-water/index.html");
    assert!(doc.select(&sel("svg")).next().is_none(), "no chart for a qualitative target");
    assert_eq!(text(one(&doc, ".status-line .tag")), "未实现");
    assert_eq!(
        text(one(&doc, ".target-summary")),
        "2026年上半年评估为尚未实现：2处返黑水体完成清淤，溢流污染控制工程正在施工；目标期限（2025年底）已过，尚未实现，需加大力度。"
    );
    assert_eq!(
        fact(&doc, "最新情况").as_deref(),
        Some("未实现（2026年上半年）2处返黑水体完成清淤，溢流污染控制工程正在施工")
    );
    assert_eq!(fact(&doc, "基准值"), None);
    assert_eq!(fact(&doc, "完成进度"), None);
    let rows = cells(one(&doc, "table.observations"));
    assert_eq!(rows.len(), 4);
    // Period and date in columns of their own.
    assert_eq!(rows[1][..2], ["2024年", "2024-12-31"]);
    assert_eq!(rows[1][2], "已实现 4处黑臭水体整治完成，连续6个月监测达到非黑臭标准");
    assert_eq!(rows[3][2], "未实现 2处返黑水体完成清淤，溢流污染控制工程正在施工");
    assert_eq!(rows[3][3], "市住房和城乡建设局");
    let head: Vec<String> = all(one(&doc, "table.observations"), "thead th").into_iter().map(text).collect();
    assert_eq!(head, ["时期", "监测日期", "评估结果", "来源"]);
    // On a phone each row is a card whose cells say what they are.
    let labels: Vec<&str> = all(one(&doc, "table.observations"), "tbody tr:first-child td")
        .into_iter()
        .map(|td| td.value().attr("data-label").unwrap())
        .collect();
    assert_eq!(labels, ["监测日期", "评估结果", "来源"]);
    let related: Vec<String> = all(one(&doc, ".target-related"), "li > a").into_iter().map(text).collect();
    assert_eq!(related.len(), 1);
    assert!(related[0].starts_with("问题12："));
}

#[test]
fn home_page_has_a_dashboard_of_all_targets() {
    let site = example();
    let doc = page(&site, "index.html");
    let section = one(&doc, "section.targets-dashboard");
    assert_eq!(text(one_in(section, "h2")), "目标指标完成情况");
    assert_eq!(
        text(one_in(section, "p")),
        "整改方案确定的 10 项目标指标中，最新监测数据已达到目标的 6 项，需加力或尚未实现的 4 项。"
    );
    let cards = all(section, "li.target-card");
    assert_eq!(cards.len(), 10);
    let first_last = [cards[0], cards[9]].map(|c| text(one_in(c, "h3 a")));
    assert_eq!(first_last, ["细颗粒物（PM2.5）年均浓度", "湿地保护率"]);
    let pm25 = cards.iter().find(|c| text(**c).contains("PM2.5")).unwrap();
    assert_eq!(one_in(*pm25, "h3 a").value().attr("href"), Some("targets/pm25/index.html"));
    assert_eq!(text(one_in(*pm25, ".tag")), "已达标");
    assert_eq!(text(one_in(*pm25, ".target-card-latest")), "最新：24 微克/立方米（2026年上半年）");
    assert_eq!(text(one_in(*pm25, ".target-card-goal")), "目标：低于25微克/立方米（2025年底前）");
    assert_eq!(text(one_in(*pm25, ".target-progress-number")), "100%");
    let heavy = cards.iter().find(|c| text(**c).contains("重污染")).unwrap();
    assert!(heavy.select(&sel(".target-progress")).next().is_none());
    assert_eq!(text(one_in(*heavy, ".tag")), "已实现");
}

#[test]
fn targets_are_listed_by_order_then_id_everywhere() {
    // Only `boilers` has an `order`: it comes first, the others after it by id.
    let site = edge();
    let ids: Vec<String> = overview(&site).into_iter().map(|r| r.0).collect();
    let want = [
        "boilers",
        "black-smelly-water",
        "forest",
        "grassland",
        "heavy-pollution",
        "pm25",
        "wetland",
        "worse-than-v",
    ];
    assert_eq!(ids, want);
    let data: serde_json::Value = serde_json::from_str(&site.read("data/targets.json")).unwrap();
    let data_ids: Vec<&str> = data.as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert_eq!(data_ids, want);
    let home = page(&site, "index.html");
    let cards: Vec<String> = home.select(&sel("li.target-card h3 a")).map(text).collect();
    assert_eq!(cards.first().map(String::as_str), Some("城区燃煤小锅炉淘汰率"));
    assert_eq!(cards.len(), want.len());
}

#[test]
fn targets_without_data_or_baseline_render_sensibly() {
    let site = edge();
    let rows = overview(&site);
    let find = |id: &str| rows.iter().find(|r| r.0 == id).unwrap().clone();
    assert_eq!(find("forest").1, "暂无监测数据");
    assert_eq!(find("forest").2, "暂无监测数据");
    assert_eq!(find("forest").3, "暂无数据");
    assert_eq!(find("wetland").2, "无基准值，不计算进度");
    assert_eq!(find("wetland").3, "需加力");
    assert_eq!(find("grassland").3, "数据不足");
    assert_eq!(find("pm25").3, "进展顺利");
    assert_eq!(find("black-smelly-water").1, "暂无监测数据");
    assert_eq!(find("black-smelly-water").3, "暂无数据");
    assert_eq!(find("heavy-pollution").1, "已实现（2024年1—5月）");

    // Nothing measured: no chart, no table, a sentence.
    for id in ["forest", "black-smelly-water"] {
        let doc = page(&site, &format!("targets/{id}/index.html"));
        assert!(doc.select(&sel("svg")).next().is_none(), "{id}");
        assert!(doc.select(&sel("table.observations")).next().is_none(), "{id}");
        assert_eq!(text(one(&doc, ".target-no-data")), "暂无监测数据。");
        assert!(text(one(&doc, ".target-summary")).starts_with("暂无监测数据。目标："), "{id}");
    }
    assert_eq!(
        text(one(&page(&site, "targets/forest/index.html"), ".target-summary")),
        "暂无监测数据。目标：2025年底前不低于9.48%。"
    );

    // No baseline: a chart of the observations alone, and the pace since the first.
    let doc = page(&site, "targets/wetland/index.html");
    assert!(doc.select(&sel("g.point-baseline")).next().is_none());
    assert_eq!(doc.select(&sel("svg.chart-narrow g.point")).count(), 2);
    assert_eq!(doc.select(&sel("svg.chart-wide g.point")).count(), 2);
    assert_eq!(fact(&doc, "基准值").as_deref(), Some("未设定"));
    assert_eq!(fact(&doc, "完成进度").as_deref(), Some("无基准值，不计算进度"));
    assert_eq!(fact(&doc, "平均变化").as_deref(), Some("每年上升0.4个百分点（自2022年以来）"));
    assert_eq!(fact(&doc, "按期达标需要").as_deref(), Some("每年上升1.55个百分点"));

    // Observations written out of order are shown in date order; related issues named.
    let doc = page(&site, "targets/pm25/index.html");
    let dates: Vec<String> = table_dates(&doc).iter().map(|d| d.to_string()).collect();
    assert_eq!(dates, ["2022-12-31", "2023-06-30", "2023-12-31"]);
    let related: Vec<String> = all(one(&doc, ".target-related"), "li").into_iter().map(text).collect();
    assert_eq!(related, ["问题1：城区燃煤小锅炉未按期淘汰 整改中 逾期 167 天"]);
    let doc = page(&site, "targets/forest/index.html");
    assert_eq!(text(one(&doc, "#related-heading + p")), "整改台账中暂无与本指标关联的问题。");
}

#[test]
fn a_target_date_passed_by_the_as_of_date_reads_as_missed() {
    // Due 2023-12-31, last measured 2023-06-30, built 2024-06-15.
    let site = edge();
    let rows = overview(&site);
    let boilers = rows.iter().find(|r| r.0 == "boilers").unwrap();
    assert_eq!(
        (boilers.1.as_str(), boilers.2.as_str(), boilers.3.as_str()),
        ("85%（2023年上半年）", "63%", "需加力")
    );
    let doc = page(&site, "targets/boilers/index.html");
    assert_eq!(text(one(&doc, ".status-line .tag")), "需加力");
    assert_eq!(
        text(one(&doc, ".target-summary")),
        "2023年上半年为85%，比2022年上升25个百分点；目标期限（2023年底）已过，尚未达到目标，期限后尚无监测数据；还需再升15个百分点，需加大力度。"
    );
    // No pace "needed" for a date already gone.
    assert_eq!(fact(&doc, "按期达标需要"), None);
    assert_eq!(fact(&doc, "平均变化").as_deref(), Some("每年上升50.45个百分点（自2022年以来）"));

    // The example, built long after its 2025 target dates: off track where not met.
    let example = example();
    let doc = page(&example, "targets/surface-water/index.html");
    assert_eq!(
        text(one(&doc, ".target-summary")),
        "2026年上半年为93.8%，比2022年上升18.8个百分点；目标期限（2025年底）已过，尚未达到目标；还需再升6.2个百分点，需加大力度。"
    );
}

#[test]
fn bad_target_files_are_reported_with_position() {
    let root = common::fixture("invalid-targets");
    let out = common::gongkai(&["check", "--root", root.to_str().unwrap(), "--as-of", EDGE_AS_OF]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = common::stderr(&out);
    let errors: Vec<&str> = stderr.lines().filter(|l| l.contains(": 错误: ")).collect();
    let t = "content/targets/";
    let expected = [
        format!(
            "{t}by-before-baseline.yaml:6:7: 错误: 目标期限 2021-12-31 早于基准日期 2022-12-31（第 7 行），期限应在基准之后，请检查 by 或基准的 date 是否写错"
        ),
        format!("{t}comparison-equals.yaml:3:33: 错误: “comparison”的值“=”无效，应为以下之一：<、<=、>、>="),
        format!(
            "{t}comparison-words.yaml:5:16: 错误: “comparison”的值“不低于”无效，应为以下之一：<、<=、>、>="
        ),
        format!(
            "{t}duplicate-date.yaml:7:16: 错误: 同一日期 2023-12-31 有两条监测数据（第一条在第 5 行），每个日期只能有一条，请删除或改正其中一条"
        ),
        format!(
            "{t}no-unit.yaml:1:1: 错误: 缺少必填项“unit”（计量单位，例如 微克/立方米 或 %；没有数值的定性指标请写 kind: qualitative）"
        ),
        format!("{t}no-value.yaml:4:3: 错误: 缺少必填项“value”（目标值，数值，例如 25）"),
        format!(
            "{t}observation-no-date.yaml:6:6: 错误: 缺少必填项“date”（监测日期 YYYY-MM-DD，例如 2023-12-31）"
        ),
        format!(
            "{t}observation-no-date.yaml:7:5: 错误: 缺少必填项“date”（监测日期 YYYY-MM-DD，例如 2023-12-31）"
        ),
        format!(
            "{t}observation-no-status.yaml:5:6: 错误: 缺少必填项“status”（achieved（已实现）或 not-yet（未实现））"
        ),
        format!(
            "{t}observation-no-status.yaml:6:47: 错误: “status”的值“done”无效，应为以下之一：achieved、not-yet"
        ),
        format!("{t}observation-no-value.yaml:6:6: 错误: 缺少必填项“value”（监测数值，例如 27）"),
        format!("{t}observation-no-value.yaml:7:39: 错误: “value”不能为空，应填写监测数值，例如 27"),
        format!("{t}order-not-a-number.yaml:2:8: 错误: “order”应为整数（例如 3），实际写的是“第一”"),
        format!(
            "{t}qualitative-with-numbers.yaml:3:7: 错误: “unit”不适用：定性指标没有计量单位，请删除 unit"
        ),
        format!(
            "{t}qualitative-with-numbers.yaml:4:56: 错误: 定性指标（kind: qualitative）不填“comparison”，请用 text 写明目标"
        ),
        format!(
            "{t}qualitative-with-numbers.yaml:6:64: 错误: “value”不适用：定性指标用 status 填写 achieved（已实现）或 not-yet（未实现），不填 value"
        ),
    ];
    assert_eq!(errors, expected.iter().map(String::as_str).collect::<Vec<_>>(), "\n{stderr}");

    // Data before the baseline, the reference point: most likely a mistyped
    // year, so a warning at the date (the build goes on).
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.contains(": 警告: ")).collect();
    let expected = [
        format!(
            "{t}baseline-after-observations.yaml:4:36: 警告: 基准日期 2025-06-30 晚于全部监测数据（最新一条为 2024-12-31）：进度和变化速度从基准算起，请检查基准的 date 是否写错"
        ),
        format!(
            "{t}observation-before-baseline.yaml:10:12: 警告: 监测日期 2021-12-31 早于基准日期 2022-12-31（第 5 行）：基准是衡量进展的起点，早于它的数据不计入进度，请检查日期是否写错"
        ),
        format!(
            "{t}observation-before-baseline.yaml:11:12: 警告: 监测日期 2022-06-30 早于基准日期 2022-12-31（第 5 行）：基准是衡量进展的起点，早于它的数据不计入进度，请检查日期是否写错"
        ),
    ];
    assert_eq!(warnings, expected.iter().map(String::as_str).collect::<Vec<_>>(), "\n{stderr}");
}

#[test]
fn data_before_the_baseline_is_a_warning_not_an_error() {
    let dir = common::copy_fixture("targets-edge");
    let targets = dir.path().join("content/targets");
    std::fs::copy(
        common::fixture("invalid-targets/content/targets/observation-before-baseline.yaml"),
        targets.join("observation-before-baseline.yaml"),
    )
    .unwrap();
    let root = dir.path().to_str().unwrap();
    let out = common::gongkai(&["check", "--root", root, "--as-of", EDGE_AS_OF]);
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr(&out));
    assert_eq!(common::stderr(&out).matches(": 警告: 监测日期").count(), 2);
    let strict = common::gongkai(&["check", "--root", root, "--as-of", EDGE_AS_OF, "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn a_bad_target_fails_the_build_and_keeps_the_old_site() {
    let dir = common::copy_fixture("targets-edge");
    let out = dir.path().join("public");
    let args = |out: &std::path::Path| {
        vec![
            "build".to_string(),
            "--root".into(),
            dir.path().to_str().unwrap().into(),
            "--out".into(),
            out.to_str().unwrap().into(),
            "--as-of".into(),
            EDGE_AS_OF.into(),
        ]
    };
    let run = |a: Vec<String>| common::gongkai(&a.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(run(args(&out)).status.success());
    let before = std::fs::read(out.join("targets/pm25/index.html")).unwrap();
    let file = dir.path().join("content/targets/pm25.yaml");
    let yaml = std::fs::read_to_string(&file).unwrap().replace("comparison: \"<\"", "comparison: \"<<\"");
    std::fs::write(&file, yaml).unwrap();
    let failed = run(args(&out));
    assert_eq!(failed.status.code(), Some(1));
    assert!(common::stderr(&failed).contains("content/targets/pm25.yaml:3:"), "{}", common::stderr(&failed));
    assert_eq!(std::fs::read(out.join("targets/pm25/index.html")).unwrap(), before);
}

/// Like notes, observations dated after the as-of date are published nowhere
/// until their date, and `check` lists them.
#[test]
fn observations_after_the_as_of_date_are_held_back() {
    let site = common::build(&common::fixture("full"), "2024-01-15");
    let json: serde_json::Value = serde_json::from_str(&site.read("data/targets.json")).unwrap();
    let heavy = json.as_array().unwrap().iter().find(|t| t["id"] == "heavy-pollution").unwrap();
    assert_eq!(heavy["latest_date"], "2023-12-31");
    assert_eq!(heavy["achieved"], false);
    let doc = page(&site, "targets/heavy-pollution/index.html");
    let html = doc.html();
    assert!(!html.contains("2024-05-31") && !html.contains("未出现重污染天气"), "{html}");
    let sitemap = site.read("sitemap.xml");
    let lastmods: Vec<&str> = sitemap.split("<lastmod>").skip(1).map(|s| &s[..10]).collect();
    assert!(!lastmods.is_empty());
    assert!(lastmods.iter().all(|d| *d <= "2024-01-15"), "{lastmods:?}");
    assert!(!site.read("data/index.html").contains("2024-05-31"));

    let out = common::gongkai(&[
        "check",
        "--root",
        common::fixture("full").to_str().unwrap(),
        "--as-of",
        "2024-01-15",
    ]);
    let said = common::stderr(&out);
    assert!(
        said.contains("以下 1 条监测数据的日期晚于统计日期 2024-01-15，暂不发布（已检查）：\n  content/targets/heavy-pollution.yaml：2024-05-31（2024年1—5月） 重污染天气"),
        "{said}"
    );
}
