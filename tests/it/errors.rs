//! Invalid sites, one per class of error in the content format: `gongkai
//! check` (and the first phase of `build`) must report every problem at
//! once, each as `path:line:column: 错误: …` in Chinese, at the exact place,
//! and exit 1.

use crate::common;

use std::path::Path;

/// The diagnostic lines `gongkai check` prints for `tests/fixtures/invalid/<name>`.
fn check(name: &str) -> Vec<String> {
    let root = common::fixture(&format!("invalid/{name}"));
    let out = common::gongkai(&["check", "--root", root.to_str().unwrap(), "--as-of", common::FULL_AS_OF]);
    let stderr = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "check {name} should exit 1:\n{stderr}");
    diagnostic_lines(&stderr)
}

fn diagnostic_lines(stderr: &str) -> Vec<String> {
    stderr.lines().filter(|l| l.contains(": 错误: ") || l.contains(": 警告: ")).map(str::to_string).collect()
}

/// Asserts that the fixture reports exactly `expected`, in order (by file,
/// then position), and nothing else.
fn assert_reports(name: &str, expected: &[&str]) {
    let got = check(name);
    assert_eq!(got, expected, "\nfixture invalid/{name} reported:\n{}\n", got.join("\n"));
}

#[test]
fn yaml_syntax_errors_are_explained_in_chinese_at_their_place() {
    assert_reports(
        "yaml-syntax",
        &[
            "content/issues/01.yaml:2:15: 错误: YAML 格式错误：此处不能出现“键: 值”。常见原因：文字中含有“: ”（冒号加空格），请给整段文字加引号；或缩进不对",
            "content/issues/02.yaml:2:8: 错误: YAML 格式错误：引号没有成对闭合",
            // At the tab itself.
            "content/issues/03.yaml:4:1: 错误: YAML 格式错误：不能用 Tab 缩进，请改用空格",
            // Front matter lines are counted from the top of the .md file.
            "content/notes/a.md:5:1: 错误: YAML 格式错误：方括号列表没有正确结束，应写成 [甲, 乙]",
            "content/notes/b.md:2:6: 错误: 键“title”后面用了中文冒号“：”。请改成英文冒号加空格“: ”，写成 title: …",
            "content/notes/c.md:2:11: 错误: 不支持 YAML 锚点（&、*）；如果文字以 & 或 * 开头，请给整段文字加引号",
            "content/notes/d.md:2:14: 错误: 不支持 YAML 标签（!）；如果文字以 ! 开头，请给整段文字加引号",
            "content/targets/pm25.yaml:4:1: 错误: 一个文件只能有一段内容：这一行的“---”或“...”之后的内容不会被读取。请删除这一行，把内容合并到上面",
        ],
    );
}

/// Full-width punctuation typed with a Chinese input method, reported at
/// the character itself and saying what to type instead. Issue 04 and the
/// comments use `：`, `，`, Chinese quotes and full-width spaces in text,
/// where they are fine: it reports nothing.
#[test]
fn full_width_punctuation_is_named_where_it_was_typed() {
    assert_reports(
        "full-width",
        &[
            // Reported on its own line, not as a missing colon on the next.
            "content/issues/01.yaml:3:9: 错误: 键“category”后面用了中文冒号“：”。请改成英文冒号加空格“: ”，写成 category: …",
            "content/issues/02.yaml:7:1: 错误: 这一行开头用了全角空格“　”缩进，YAML 不认。请删除全角空格，改用英文空格缩进（同一层的各项左对齐）",
            // Not one bogus unit: an error per comma, in a list and in a single text.
            "content/issues/03.yaml:7:16: 错误: “lead”的各项之间用了中文逗号“，”。请改成英文逗号“,”，写成 市生态环境局, 洮北区人民政府",
            "content/issues/03.yaml:8:21: 错误: “support”的各项之间用了中文逗号“，”。请改成英文逗号“,”，写成 [市住房和城乡建设局, 市水利局]",
            // Every slip of a file that stops its parse, in block and flow mappings.
            "content/issues/05.yaml:13:9: 错误: 键“date”后面用了中文冒号“：”。请改成英文冒号加空格“: ”，写成 date: …",
            "content/issues/05.yaml:15:28: 错误: 键“goal”后面用了中文冒号“：”。请改成英文冒号加空格“: ”，写成 goal: …",
            "content/notes/a.md:4:10: 错误: 找不到问题““04””：content/issues/ 下没有这个文件。编号里有中文引号、全角括号或全角数字：请切换到英文输入法，用英文引号和方括号，写成 issues: [\"04\"]",
            "content/notes/b.md:4:9: 错误: 找不到问题“［\"04\"］”：content/issues/ 下没有这个文件。编号里有中文引号、全角括号或全角数字：请切换到英文输入法，用英文引号和方括号，写成 issues: [\"04\"]",
            "content/notes/c.md:4:14: 错误: 列表各项之间用了中文逗号“，”。请改成英文逗号“,”，例如 [\"01\", \"02\"]",
            "content/notes/d.md:4:10: 错误: 找不到问题“０４”：content/issues/ 下没有这个文件。编号里有中文引号、全角括号或全角数字：请切换到英文输入法，用英文引号和方括号，写成 issues: [\"04\"]",
            "content/site.yaml:5:7: 错误: 键“host”后面用了中文冒号“：”。请改成英文冒号加空格“: ”，写成 host: …",
        ],
    );
}

#[test]
fn unknown_keys_name_the_allowed_keys_and_the_likely_one() {
    assert_reports(
        "unknown-key",
        &[
            "content/issues/01.yaml:5:1: 错误: 未知的键“dedline”。是否想写“deadline”？允许的键：number、title、category、kind、deadline、responsible、leaders、description、goal、measures、milestones、targets、status",
            "content/issues/01.yaml:9:3: 错误: 未知的键“leader”。是否想写“lead”？允许的键：lead、support",
            "content/issues/01.yaml:15:36: 错误: 未知的键“done”。是否想写“date”？允许的键：date、goal",
            "content/notes/a.md:4:1: 错误: 未知的键“issue”。是否想写“issues”？允许的键：title、date、issues、status、deadline、milestones、source、acceptance、publicity",
            "content/site.yaml:5:3: 错误: 未知的键“phone”。允许的键：host、operator、contact",
            "content/site.yaml:6:1: 错误: 未知的键“colour”。允许的键：title、base_url、description、theme、language、sample、publisher、identifiers、categories、feed_items、due_soon_days、stale_after_days、plan_date、data_license、closure、public_numbers",
        ],
    );
}

/// A misspelt required key is one mistake: the unknown-key error names
/// the right key, so its absence is not reported as well. A key that
/// suggests nothing does not hide a missing one (notes/b.md).
#[test]
fn a_misspelt_required_key_is_reported_once() {
    assert_reports(
        "misspelt-required-key",
        &[
            "content/issues/01.yaml:5:1: 错误: 未知的键“dedline”。是否想写“deadline”？允许的键：number、title、category、kind、deadline、responsible、leaders、description、goal、measures、milestones、targets、status",
            "content/issues/01.yaml:7:3: 错误: 未知的键“laed”。是否想写“lead”？允许的键：lead、support",
            "content/issues/01.yaml:13:6: 错误: 未知的键“dat”。是否想写“date”？允许的键：date、goal",
            "content/notes/a.md:2:1: 错误: 未知的键“titel”。是否想写“title”？允许的键：title、date、issues、status、deadline、milestones、source、acceptance、publicity",
            "content/notes/b.md:2:1: 错误: 未知的键“heading”。允许的键：title、date、issues、status、deadline、milestones、source、acceptance、publicity",
            "content/notes/b.md:2:1: 错误: 缺少必填项“title”（标题，一行文字）",
            "content/site.yaml:1:1: 错误: 未知的键“titel”。是否想写“title”？允许的键：title、base_url、description、theme、language、sample、publisher、identifiers、categories、feed_items、due_soon_days、stale_after_days、plan_date、data_license、closure、public_numbers",
            "content/targets/pm25.yaml:3:10: 错误: 未知的键“valeu”。是否想写“value”？允许的键：value、comparison、by、text",
        ],
    );
}

#[test]
fn missing_required_fields_say_what_belongs_there() {
    assert_reports(
        "missing-required",
        &[
            "content/issues/01.yaml:1:1: 错误: 缺少必填项“deadline”（整改时限，日期 YYYY-MM-DD；只有 long-term（长期坚持）的问题可以不填）",
            "content/issues/01.yaml:1:1: 错误: 缺少必填项“title”（问题标题，一行文字）",
            "content/issues/01.yaml:5:3: 错误: 缺少必填项“lead”（牵头责任单位，至少一个，例如 [市生态环境局]）",
            "content/issues/01.yaml:7:1: 错误: “goal”不能为空，应填写整改目标，可用 Markdown",
            "content/issues/01.yaml:8:11: 错误: “measures”至少要有一项整改措施",
            "content/notes/a.md:2:1: 错误: 缺少必填项“date”（YYYY-MM-DD、YYYY-MM-DD HH:MM（北京时间）或带时区的 RFC 3339 时间（例如 2023-09-28T16:30:00+08:00））",
            "content/notes/a.md:2:1: 错误: 缺少必填项“title”（标题，一行文字）",
            "content/pages/about.md:2:1: 错误: 缺少必填项“title”（页面标题，一行文字）",
            "content/site.yaml:1:1: 错误: 缺少必填项“title”（网站名称，一行文字）",
            "content/targets/pm25.yaml:1:1: 错误: 缺少必填项“unit”（计量单位，例如 微克/立方米 或 %；没有数值的定性指标请写 kind: qualitative）",
            "content/targets/pm25.yaml:3:3: 错误: 缺少必填项“comparison”（比较方式：<、<=、> 或 >=（决定数值越低越好还是越高越好））",
            "content/targets/pm25.yaml:3:3: 错误: 缺少必填项“value”（目标值，数值，例如 25）",
        ],
    );
}

#[test]
fn wrong_types_name_the_expected_form_and_what_was_written() {
    assert_reports(
        "wrong-type",
        &[
            "content/issues/01.yaml:1:9: 错误: “number”应为正整数（例如 7），实际写的是“第一”",
            "content/issues/01.yaml:2:8: 错误: “title”应为一段文字，实际写的是列表",
            "content/issues/01.yaml:4:7: 错误: “kind”的值“限期整改”无效，应为以下之一：immediate、short-term、long-term",
            "content/issues/01.yaml:6:14: 错误: “responsible”应为“键: 值”的组合（缩进写在下一行），实际写的是一段文字",
            "content/issues/01.yaml:9:11: 错误: “measures”应为列表，例如 [甲, 乙] 或逐行以“- ”开头",
            "content/issues/01.yaml:10:13: 错误: “milestones”应为列表，例如 [甲, 乙] 或逐行以“- ”开头",
            "content/notes/a.md:5:9: 错误: “status”的值“已完成”无效，应为以下之一：in-progress、basically-done、done、closed、ongoing、reopened",
            "content/notes/a.md:6:14: 错误: “milestones”应为正整数（例如 7），实际写的是“一”",
            "content/site.yaml:3:9: 错误: “sample”应为 true 或 false，实际写的是“是”",
            "content/site.yaml:4:13: 错误: “feed_items”应为正整数（例如 7），实际写的是“0”",
            "content/site.yaml:5:16: 错误: “due_soon_days”不能是负数",
            "content/site.yaml:6:13: 错误: “categories”应为列表，例如 [甲, 乙] 或逐行以“- ”开头",
            "content/targets/pm25.yaml:3:17: 错误: “value”应为数值（例如 25 或 9.48，不带单位、不加引号），实际写的是“25微克”",
            "content/targets/pm25.yaml:5:31: 错误: “value”应为数值（例如 25 或 9.48，不带单位、不加引号），实际写的是“27”",
        ],
    );
}

#[test]
fn bad_dates_are_reported_with_the_forms_allowed() {
    assert_reports(
        "bad-date",
        &[
            "content/issues/01.yaml:5:11: 错误: “deadline”的日期“2023/12/31”无效：应写成 YYYY-MM-DD，例如 2023-12-31",
            "content/issues/01.yaml:13:12: 错误: “date”的日期“2023-02-30”无效：这一天不存在",
            "content/notes/a.md:3:7: 错误: “date”的时间“2024-01-01 25:00”无效，应写成 YYYY-MM-DD、YYYY-MM-DD HH:MM（北京时间）或带时区的 RFC 3339 时间（例如 2023-09-28T16:30:00+08:00）",
            "content/notes/b.md:3:7: 错误: “date”的时间“2024年1月1日”无效，应写成 YYYY-MM-DD、YYYY-MM-DD HH:MM（北京时间）或带时区的 RFC 3339 时间（例如 2023-09-28T16:30:00+08:00）",
            "content/notes/b.md:5:11: 错误: “deadline”的日期“2024-6-30”无效：应写成 YYYY-MM-DD，例如 2023-12-31",
            "content/pages/about.md:3:7: 错误: “date”的时间“2024-01-01T10:00”无效，应写成 YYYY-MM-DD、YYYY-MM-DD HH:MM（北京时间）或带时区的 RFC 3339 时间（例如 2023-09-28T16:30:00+08:00）",
            "content/site.yaml:3:12: 错误: “plan_date”的日期“17/07/2023”无效：应写成 YYYY-MM-DD，例如 2023-12-31",
        ],
    );
}

/// Asserts that the fixture reports exactly `expected` as warnings: `check`
/// succeeds, and fails with `--strict` (for a release), reporting the same.
fn assert_warns(name: &str, expected: &[&str]) {
    let root = common::fixture(&format!("invalid/{name}"));
    for (strict, code) in [(false, 0), (true, 1)] {
        let mut args = vec!["check", "--root", root.to_str().unwrap(), "--as-of", common::FULL_AS_OF];
        args.extend(strict.then_some("--strict"));
        let out = common::gongkai(&args);
        let stderr = common::stderr(&out);
        assert_eq!(out.status.code(), Some(code), "check {name}, strict: {strict}\n{stderr}");
        assert_eq!(diagnostic_lines(&stderr), expected, "check {name}, strict: {strict}");
    }
}

/// Valid but implausible dates are warnings, each saying what is odd.
#[test]
fn implausible_dates_are_warnings() {
    assert_warns(
        "implausible-date",
        &[
            "content/issues/01.yaml:5:11: 警告: 整改时限 2022-12-31 早于整改方案的发布日期 2023-07-17（content/site.yaml 的 plan_date）。请确认日期没有写错",
            "content/issues/01.yaml:13:12: 警告: 第 1 个阶段目标的日期 2023-06-30 早于整改方案的发布日期 2023-07-17（content/site.yaml 的 plan_date）。请确认日期没有写错",
            "content/notes/a.md:3:7: 警告: 进展日期 2023-07-01 早于整改方案的发布日期 2023-07-17（content/site.yaml 的 plan_date）。请确认日期没有写错",
            // c.md, exactly a year after the as-of date, is not far off.
            "content/notes/b.md:3:7: 警告: 进展日期 2025-06-16 比统计日期 2024-06-15 晚一年以上，可能是年份写错了：这条进展要到 2025-06-16 才会发布",
            "content/notes/c.md:5:11: 警告: 调整后的整改时限 2023-01-31 早于整改方案的发布日期 2023-07-17（content/site.yaml 的 plan_date）。请确认日期没有写错",
        ],
    );
}

/// A space in a link's address makes it plain text, silently: a warning at
/// the link, also inside a `|` block of an issue file. Addresses in angle
/// brackets, links with a title and anything in code are fine.
#[test]
fn a_space_in_a_link_address_is_a_warning() {
    let advice = "中有空格，这里不会成为链接，只显示为文字。请去掉地址中的空格（附件也相应改名），或把地址写在尖括号里：";
    let image = "中有空格，这里不会显示图片，只显示为文字。请去掉地址中的空格（附件也相应改名），或把地址写在尖括号里：";
    assert_warns(
        "link-space",
        &[
            &format!(
                "content/issues/01.yaml:10:4: 警告: 地址“/files/整改 方案.pdf”{advice}</files/整改 方案.pdf>"
            ),
            &format!(
                "content/notes/a.md:6:3: 警告: 地址“/files/整改 方案.pdf”{advice}</files/整改 方案.pdf>"
            ),
            &format!(
                "content/notes/a.md:6:26: 警告: 地址“/files/现场 照片.jpg”{image}</files/现场 照片.jpg>"
            ),
        ],
    );
}

#[test]
fn unknown_issue_ids_suggest_the_file_meant() {
    assert_reports(
        "unknown-issue",
        &[
            "content/notes/a.md:4:10: 错误: 找不到问题“99”：content/issues/ 下没有这个文件。编号就是 content/issues/ 下的文件名（不含扩展名），例如 [\"07\"]",
            // `[7]` is the text "7", not the file 07.yaml.
            "content/notes/b.md:4:10: 错误: 找不到问题“7”：content/issues/ 下没有这个文件。是否是“07”？编号要和文件名完全一致，包括开头的 0",
            "content/notes/b.md:4:13: 错误: 找不到问题“a1”：content/issues/ 下没有这个文件。是否是“A1”？（大小写要一致）",
        ],
    );
}

#[test]
fn duplicate_ids_ignore_case_and_sub_folders() {
    assert_reports(
        "duplicate-id",
        &[
            "content/issues/2024/07.yaml: 错误: 问题编号“07”与 content/issues/2023/07.yaml 重复（不区分大小写：Windows 和部分服务器不分大小写），请改名其中一个",
            "content/issues/a1.yaml: 错误: 问题编号“a1”与 content/issues/A1.yaml 重复（不区分大小写：Windows 和部分服务器不分大小写），请改名其中一个",
            "content/pages/x/About.md: 错误: 文件名“About”与 content/pages/about.md 重复（不区分大小写：Windows 和部分服务器不分大小写），请改名其中一个",
            "content/targets/forest.yml: 错误: 指标编号“forest”与 content/targets/Forest.yaml 重复（不区分大小写：Windows 和部分服务器不分大小写），请改名其中一个",
        ],
    );
}

#[test]
fn duplicate_issue_numbers_point_at_each_repeat() {
    assert_reports(
        "duplicate-number",
        &[
            "content/issues/02.yaml:1:9: 错误: 序号 3 与 content/issues/01.yaml 重复，每个问题的序号必须不同",
            "content/issues/03.yaml:1:9: 错误: 序号 3 与 content/issues/01.yaml 重复，每个问题的序号必须不同",
        ],
    );
}

#[test]
fn duplicate_note_slugs_across_folders() {
    assert_reports(
        "duplicate-slug",
        &[
            "content/notes/2024/JinZhan.md: 错误: 文件名“JinZhan”与 content/notes/2023/jinzhan.md 重复（不区分大小写：Windows 和部分服务器不分大小写），请改名其中一个",
            "content/notes/2024/jinzhan.md: 错误: 文件名“jinzhan”与 content/notes/2023/jinzhan.md 重复（不区分大小写：Windows 和部分服务器不分大小写），请改名其中一个",
        ],
    );
}

#[test]
fn milestone_numbers_must_exist() {
    assert_reports(
        "milestone-missing",
        &[
            "content/notes/a.md:5:17: 错误: 问题“01”只有 2 个阶段目标，没有第 3 个。“milestones”写的是 content/issues/01.yaml 中阶段目标的序号（从 1 开始）",
            "content/notes/b.md:5:13: 错误: 问题“02”没有阶段目标（milestones）。“milestones”写的是 content/issues/02.yaml 中阶段目标的序号（从 1 开始）",
        ],
    );
}

#[test]
fn status_deadline_and_milestones_need_issues() {
    assert_reports(
        "changes-without-issues",
        &[
            "content/notes/a.md:4:9: 错误: 写了“status”就必须用“issues”写明是哪个问题，例如 issues: [\"07\"]",
            "content/notes/a.md:5:11: 错误: 写了“deadline”就必须用“issues”写明是哪个问题，例如 issues: [\"07\"]",
            "content/notes/a.md:6:13: 错误: 写了“milestones”就必须用“issues”写明是哪个问题，例如 issues: [\"07\"]",
            "content/notes/b.md:5:9: 错误: 写了“status”就必须用“issues”写明是哪个问题，例如 issues: [\"07\"]",
        ],
    );
}

#[test]
fn milestones_need_exactly_one_issue() {
    assert_reports(
        "milestones-two-issues",
        &["content/notes/a.md:5:13: 错误: “milestones”只能用于一个问题：这条进展写了多个问题，请分开写"],
    );
}

#[test]
fn milestones_out_of_date_order() {
    assert_reports(
        "milestones-out-of-order",
        &["content/issues/01.yaml:14:12: 错误: 阶段目标应按日期先后排列：2023-09-30 早于上一项的 2023-11-30"],
    );
}

#[test]
fn issues_naming_unknown_targets() {
    assert_reports(
        "unknown-target",
        &[
            "content/issues/01.yaml:12:11: 错误: 找不到指标“pm25”：content/targets/ 下没有这个文件。编号就是 content/targets/ 下的文件名（不含扩展名），例如 [pm25]",
            "content/issues/01.yaml:12:17: 错误: 找不到指标“PM10”：content/targets/ 下没有这个文件。是否是“pm10”？（大小写要一致）",
        ],
    );
}

#[test]
fn categories_outside_the_site_list() {
    assert_reports(
        "unknown-category",
        &[
            "content/issues/02.yaml:3:11: 错误: 类别“土壤污染防治”不在 content/site.yaml 的 categories 中。可用的类别：大气污染防治、水污染防治",
        ],
    );
}

#[test]
fn base_url_must_be_absolute() {
    assert_reports(
        "invalid-base-url",
        &[
            "content/site.yaml:2:11: 错误: “base_url”的值“www.example.gov.cn/dczg/”无效：缺少开头的 https:// 或 http://。应为以 http:// 或 https:// 开头的完整网址，例如 https://www.example.gov.cn/ztzl/dczg/",
        ],
    );
}

#[test]
fn ids_must_be_ascii_and_not_reserved() {
    assert_reports(
        "bad-id",
        &[
            "content/issues/07 copy.yaml: 错误: 文件名“07 copy”不能用作网址：只能包含英文字母、数字、-、_ 和 .，请改名，例如 07.yaml",
            "content/issues/feed.xml.yaml: 错误: 文件名“feed.xml”不能使用：以 .html 或 .xml 结尾的名字留给网站自动生成的文件，请改名",
            "content/issues/问题7.yaml: 错误: 文件名“问题7”不能用作网址：只能包含英文字母、数字、-、_ 和 .，请改名，例如 07.yaml",
            "content/notes/page.md: 错误: 文件名“page”不能使用：“page”留给进展列表的分页，请改名",
            "content/notes/status.xml.md: 错误: 文件名“status.xml”不能使用：以 .xml 结尾的名字留给订阅源，请改名",
            "content/pages/Data.md: 错误: 文件名“Data”不能使用：这个名字已用于网站的栏目，请改名",
            "content/pages/issues.md: 错误: 文件名“issues”不能使用：这个名字已用于网站的栏目，请改名",
            "content/pages/search.html.md: 错误: 文件名“search.html”不能使用：以 .html 或 .xml 结尾的名字留给网站自动生成的文件，请改名",
            "content/pages/关于.md: 错误: 文件名“关于”不能用作网址：只能包含英文字母、数字、-、_ 和 .，请改名，例如 about.md",
            "content/targets/index.html.yaml: 错误: 文件名“index.html”不能使用：以 .html 或 .xml 结尾的名字留给网站自动生成的文件，请改名",
        ],
    );
}

#[test]
fn gbk_files_are_rejected_with_how_to_convert() {
    // The fixture's bytes are GBK on purpose (see its .gitattributes).
    let raw = std::fs::read(common::fixture("invalid/gbk/content/issues/01.yaml")).unwrap();
    assert!(std::str::from_utf8(&raw).is_err(), "the fixture must not be UTF-8");
    let advice = "文件不是 UTF-8 编码（看起来是 GBK/GB18030 编码）。请转换为 UTF-8 后再生成：用记事本打开，选择“另存为”，在“编码”中选“UTF-8”后保存；或在命令行运行 iconv -f GB18030 -t UTF-8 原文件 > 新文件";
    let expected = [
        format!("content/issues/01.yaml:2:8: 错误: {advice}"),
        format!("content/notes/a.md:2:8: 错误: {advice}"),
        // The first character that is not UTF-8 is in the body.
        format!("content/notes/b.md:6:1: 错误: {advice}"),
    ];
    assert_eq!(check("gbk"), expected);
}

#[test]
fn bom_and_crlf_do_not_shift_positions() {
    let raw = std::fs::read(common::fixture("invalid/bom-crlf/content/issues/01.yaml")).unwrap();
    assert!(raw.starts_with(b"\xEF\xBB\xBF") && raw.windows(2).any(|w| w == b"\r\n"));
    assert_reports(
        "bom-crlf",
        &[
            "content/issues/01.yaml:1:9: 错误: “number”应为正整数（例如 7），实际写的是“一”",
            "content/issues/01.yaml:5:1: 错误: 未知的键“dedline”。是否想写“deadline”？允许的键：number、title、category、kind、deadline、responsible、leaders、description、goal、measures、milestones、targets、status",
            "content/notes/a.md:5:9: 错误: “status”的值“finished”无效，应为以下之一：in-progress、basically-done、done、closed、ongoing、reopened",
            // A bad status does not hide the note's other problems.
            "content/notes/a.md:9:2: 错误: 链接“/files/none.pdf”指向的页面或文件不存在：请确认附件 content/files/none.pdf 存在（文件名大小写要一致）",
            "content/site.yaml:3:9: 错误: “sample”应为 true 或 false，实际写的是“1”",
        ],
    );
}

#[test]
fn front_matter_missing_or_unclosed() {
    assert_reports(
        "front-matter",
        &[
            "content/notes/empty.md:1:1: 错误: 文件应以“---”开头的一段设置（front matter）开始，其中写 title、date 等，再以“---”结束，之后是正文",
            "content/notes/no-fence.md:1:1: 错误: 文件应以“---”开头的一段设置（front matter）开始，其中写 title、date 等，再以“---”结束，之后是正文",
            "content/notes/unclosed.md:1:1: 错误: 开头的设置（front matter）没有以单独一行“---”结束",
            "content/pages/about.md:2:1: 错误: 缺少必填项“title”（页面标题，一行文字）",
        ],
    );
}

#[test]
fn links_to_missing_files_and_unpublished_notes() {
    assert_reports(
        "link-missing",
        &[
            // Inside a `|` block of an issue file: the line of the link itself.
            "content/issues/01.yaml:12:9: 错误: 链接“/files/方案.pdf”指向的页面或文件不存在：请确认附件 content/files/方案.pdf 存在（文件名大小写要一致）",
            "content/notes/a.md:6:44: 错误: 链接“/issues/02/”指向的页面或文件不存在：请确认编号或文件名正确",
            "content/notes/a.md:8:3: 错误: 链接“/updates/later/”指向的页面或文件不存在：请确认这条进展存在且已发布（日期不晚于统计日期）",
            "content/notes/a.md:8:26: 错误: 链接“/files/Plan.pdf”指向的页面或文件不存在：请确认附件 content/files/Plan.pdf 存在（文件名大小写要一致）",
            "content/pages/about.md:4:46: 错误: 链接“/data/x.csv”指向的页面或文件不存在：请确认编号或文件名正确",
            "content/pages/about.md:4:65: 错误: 站内链接“files/plan.pdf”应以“/”开头，从网站根目录写起，例如 /files/plan.pdf 或 /issues/07/",
        ],
    );
}

#[test]
fn the_unpublished_note_is_listed_and_still_checked() {
    let root = common::fixture("invalid/link-missing");
    let out = common::gongkai(&["check", "--root", root.to_str().unwrap(), "--as-of", common::FULL_AS_OF]);
    let stderr = common::stderr(&out);
    assert!(
        stderr.contains("暂不发布")
            && stderr.contains("\n  content/notes/later.md（2024-07-01 00:00）整改进展\n"),
        "{stderr}"
    );
    // On its publication day the link from a.md to it is fine.
    let out = common::gongkai(&["check", "--root", root.to_str().unwrap(), "--as-of", "2024-07-01"]);
    let lines = diagnostic_lines(&common::stderr(&out));
    assert!(!lines.iter().any(|l| l.contains("/updates/later/")), "{lines:#?}");
    assert_eq!(lines.len(), 5, "{lines:#?}");
}

/// An id exists as soon as its file exists: files that fail to load
/// (an issue, a note, a target, a page) report their own errors, and the
/// links to their pages and feeds from elsewhere are not errors as well.
#[test]
fn links_to_files_with_errors_do_not_cascade() {
    assert_reports(
        "broken-file-links",
        &[
            "content/issues/07.yaml:1:1: 错误: 未知的键“numbr”。是否想写“number”？允许的键：number、title、category、kind、deadline、responsible、leaders、description、goal、measures、milestones、targets、status",
            // A page that has no file at all is still an error.
            "content/notes/a.md:7:6: 错误: 链接“/issues/08/”指向的页面或文件不存在：请确认编号或文件名正确",
            "content/notes/b.md:2:1: 错误: 未知的键“titel”。是否想写“title”？允许的键：title、date、issues、status、deadline、milestones、source、acceptance、publicity",
            "content/pages/plan.md:2:1: 错误: 未知的键“titel”。是否想写“title”？允许的键：title、date、order",
            "content/targets/pm25.yaml:3:33: 错误: “comparison”的值“<<”无效，应为以下之一：<、<=、>、>=",
        ],
    );
}

#[test]
fn external_images_are_refused() {
    assert_reports(
        "external-image",
        &[
            "content/pages/about.md:6:8: 错误: 不能引用外部图片“https://cdn.example.com/a.png”：网站不加载其他网站的资源。请把图片放到 content/files/ 下，写成 /files/图片名",
            "content/pages/about.md:8:1: 错误: 不能引用外部图片“//cdn.example.com/b.png”：网站不加载其他网站的资源。请把图片放到 content/files/ 下，写成 /files/图片名",
        ],
    );
}

#[test]
fn template_syntax_error_in_a_site_override() {
    let got = check("template-syntax");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(got[0].starts_with("themes/default/templates/page.html:3:19: 错误: 模板语法错误"), "{}", got[0]);
}

/// Tera names the template whose parent is missing only in English.
#[test]
fn template_extending_a_missing_template_is_reported_at_its_file() {
    assert_eq!(
        check("template-missing-parent"),
        [
            "themes/default/templates/page.html: 错误: 模板错误：这个模板继承（extends）的模板“layout.html”不存在：请检查 extends 中的文件名"
        ]
    );
}

#[test]
fn template_render_error_in_a_site_override() {
    let got = check("template-render");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(
        got[0],
        "themes/default/templates/page.html: 错误: 模板渲染失败（生成 about/index.html 时）：变量 page.author.name 不存在：请检查拼写，或先用 {% if … %} 判断它是否存在"
    );
}

/// The ledger's rows are rendered apart from their pages: an error in
/// their template names it and each page it is on.
#[test]
fn template_render_error_in_the_ledger_rows() {
    let error = |page: &str| {
        format!(
            "themes/default/templates/partials/ledger_rows.html: 错误: 模板渲染失败（生成 {page} 时）：变量 row.owner.name 不存在：请检查拼写，或先用 {{% if … %}} 判断它是否存在"
        )
    };
    assert_eq!(
        check("template-rows"),
        [error("issues/index.html"), error("issues/status.html"), error("issues/units.html")]
    );
    let error = |partial: &str, page: &str| {
        format!(
            "themes/default/templates/partials/{partial}: 错误: 模板渲染失败（生成 {page} 时）：变量 row.owner.name 不存在：请检查拼写，或先用 {{% if … %}} 判断它是否存在"
        )
    };
    assert_eq!(
        check("template-rows-others"),
        [
            error("ledger_print_rows.html", "issues/print.html"),
            error("ledger_support_items.html", "issues/units.html")
        ]
    );
}

#[test]
fn missing_site_yaml_is_a_content_error() {
    let root = common::fixture("invalid/missing-site-yaml");
    let expected = format!(
        "content/site.yaml: 错误: 找不到网站设置文件 content/site.yaml（网站根目录：{}）。请在网站根目录下运行，或用 --root 指定网站根目录；新建网站可运行 gongkai init <目录>",
        root.display()
    );
    assert_eq!(check("missing-site-yaml"), [expected]);
}

/// A file the system cannot read, and a folder that cannot be made: the
/// reason in Chinese, not the system's English (“Is a directory (os error 21)”).
#[test]
fn file_system_errors_are_worded_in_chinese() {
    assert_reports("unreadable-file", &["content/site.yaml: 错误: 无法读取文件：这是文件夹，不是文件"]);

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a-file"), "").unwrap();
    let site = dir.path().join("a-file/site");
    let out = common::gongkai(&["init", site.to_str().unwrap(), "--as-of", common::FULL_AS_OF]);
    assert_eq!(out.status.code(), Some(2));
    let expected = format!(
        "错误：无法创建 {}：不是文件夹（路径中有一项是文件）\n",
        site.join("content/files").display()
    );
    assert_eq!(common::stderr(&out), expected);
}

/// `build` reports what `check` reports (its first phase is the same) and
/// writes nothing: one fixture per stage that finds problems.
#[test]
fn build_reports_the_same_and_writes_nothing() {
    for name in [
        "yaml-syntax",
        "gbk",
        "missing-site-yaml",
        "link-missing",
        "template-syntax",
        "template-missing-parent",
        "template-render",
    ] {
        let (dir, run) = common::try_build(&common::fixture(&format!("invalid/{name}")), common::FULL_AS_OF);
        let out = dir.path().join("public");
        assert_eq!(run.status.code(), Some(1), "build {name}");
        assert_eq!(diagnostic_lines(&common::stderr(&run)), check(name), "build {name}");
        assert!(!out.exists(), "build {name} wrote {}", out.display());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "build {name} left files behind");
    }
}

fn fixture_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(common::fixture("invalid"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Every fixture here is a site root (a `content/` folder, or for
/// missing-site-yaml, no site.yaml in it) and has a test above.
#[test]
fn every_invalid_fixture_is_tested() {
    let source = include_str!("errors.rs");
    for name in fixture_names() {
        assert!(Path::new(&common::fixture(&format!("invalid/{name}/content"))).is_dir(), "{name}");
        assert!(source.contains(&format!("\"{name}\"")), "fixture invalid/{name} has no test");
    }
}

/// A site's own template may not load anything from elsewhere: the built
/// site must work alone (links to other sites and data: URLs are fine).
#[test]
fn external_resources_in_a_template_override() {
    let at = "themes/default/templates/page.html: 错误: 页面 about/index.html 中引用的资源";
    let why = "从其他网站或以完整网址加载：网站必须自包含（不用 CDN 或其他网站的样式、脚本、字体、图片），从本地副本打开时也要能显示。请把文件放进主题的 assets/ 或 content/files/，用相对路径引用";
    assert_reports(
        "theme-external",
        &[
            &format!("{at}“//cdn.example.com/bg.png”{why}"),
            &format!("{at}“https://cdn.example.com/theme.css”{why}"),
        ],
    );
}

/// A linked file is read like any other; a broken link or a link loop in a
/// content folder is an error at the link, never silently left out.
#[cfg(unix)]
#[test]
fn broken_and_looping_links_in_content_are_errors() {
    use std::os::unix::fs::symlink;
    let site = common::copy_fixture("full");
    let extra = site.path().join("content/notes/extra");
    std::fs::create_dir(&extra).unwrap();
    symlink(site.path().join("content/notes/2024/2024-01-05-special.md"), extra.join("linked.md")).unwrap();
    symlink("/nonexistent/y.md", extra.join("broken.md")).unwrap();
    symlink("..", extra.join("loop")).unwrap();
    let out =
        common::gongkai(&["check", "--root", site.path().to_str().unwrap(), "--as-of", common::FULL_AS_OF]);
    let said = common::stderr(&out);
    assert_eq!(
        diagnostic_lines(&said),
        [
            "content/notes/extra/broken.md: 错误: 无法读取：符号链接指向的文件不存在",
            "content/notes/extra/loop: 错误: 无法读取：符号链接指向了它所在的上层文件夹，形成循环",
        ]
    );
    // Without the bad links the linked note is read, as a note of its own.
    std::fs::remove_file(extra.join("broken.md")).unwrap();
    std::fs::remove_file(extra.join("loop")).unwrap();
    let published = |root: &std::path::Path| {
        let out =
            common::gongkai(&["check", "--root", root.to_str().unwrap(), "--as-of", common::FULL_AS_OF]);
        let said = common::stderr(&out);
        let count = said.split("已发布进展 ").nth(1).and_then(|r| r.split(' ').next()).map(String::from);
        count.unwrap_or_else(|| panic!("{said}"))
    };
    assert_eq!(published(site.path()), "22");
    assert_eq!(published(&common::fixture("full")), "21");
}

/// `theme` names a folder under themes/: a path is refused, not followed.
#[test]
fn a_theme_outside_the_themes_folder_is_refused() {
    let site = common::copy_fixture("full");
    let yaml = site.path().join("content/site.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    for theme in ["../content", "/etc", ".."] {
        std::fs::write(&yaml, text.replace("theme: default", &format!("theme: \"{theme}\""))).unwrap();
        let out = common::gongkai(&[
            "check",
            "--root",
            site.path().to_str().unwrap(),
            "--as-of",
            common::FULL_AS_OF,
        ]);
        assert_eq!(
            diagnostic_lines(&common::stderr(&out)),
            [format!(
                "content/site.yaml:6:8: 错误: “theme”应为 themes/ 下一个文件夹的名字（英文字母、数字、-、_），例如 default，实际写的是“{theme}”"
            )]
        );
    }
}

#[test]
fn case_tables_report_each_problem_at_its_cell() {
    assert_reports(
        "cases-tables",
        &[
            "content/cases/cases.yaml:10:16: 错误: 发布日期 2023-04-10 早于交办日期 2023-04-18",
            "content/cases/cases.yaml:28:11: 错误: 找不到表格文件 content/cases/第07批.xlsx：请把表格放进 content/cases/，文件名（含扩展名 .xlsx、.xls 或 .csv）要与这里写的一致",
            "content/cases/cases.yaml:34:12: 错误: 更新表（update: true）不属于某一批次，不能写“batch”",
            "content/cases/加密.xlsx: 错误: 工作簿设置了打开密码，无法读取。请在 Excel 中打开，在“文件 → 信息 → 保护工作簿 → 用密码进行加密”中清除密码后保存",
            "content/cases/损坏.xlsx: 错误: 工作簿已损坏或不是有效的 Excel 文件，无法读取。请在 Excel 中打开后“另存为” .xlsx 再试（读取程序提示：Zip error: invalid Zip archive: Could not find EOCD）",
            "content/cases/更新.csv:2:1: 错误: 单元格 A2：找不到交办件“NOPE”：各批次表中都没有这个受理编号",
            "content/cases/更新.csv:4:1: 错误: 单元格 A4：受理编号“A-1”在这张更新表中已在第 3 行出现，每件只能写一行",
            "content/cases/第1批.xlsx:1:3: 错误: 工作表“一览表”单元格 C1：不认识的表头“联系电话”。可以识别的表头：受理编号、交办编号、信访件编号、转办编号、交办问题基本情况、群众反映问题、信访反映问题、反映问题、行政区域、所属区域、属地、区域、污染类型、问题类型、调查核实情况、核查情况、是否属实、属实情况、处理和整改情况、处理整改情况、整改情况、最新整改情况、问责情况、责任人被处理情况、办理状态、办结情况、是否办结、责任单位、牵头单位、关联问题、序号、重复件、重复交办。其他标题请在 cases.yaml 的 columns 中写明它是哪一项，例如 columns: {联系电话: summary}，不需要的列写 ignore",
            "content/cases/第1批.xlsx:2:4: 错误: 工作表“一览表”单元格 D2：污染类型“光污染”无效，应为以下之一：大气、水、土壤、噪声、生态、固废、辐射、海洋、其他（几种类型用“、”隔开）",
            "content/cases/第1批.xlsx:2:5: 错误: 工作表“一览表”单元格 E2：“真的”不是属实情况，应为属实、基本属实、部分属实或不属实",
            "content/cases/第1批.xlsx:2:6: 错误: 工作表“一览表”单元格 F2：“完成”不是办理状态，应为已办结、阶段性办结或未办结（是 即已办结，否 即未办结）",
            "content/cases/第1批.xlsx:2:7: 错误: 工作表“一览表”单元格 G2：关联问题“99”不存在：content/issues/ 下没有这个编号的问题文件",
            "content/cases/第1批.xlsx:3:1: 错误: 工作表“一览表”单元格 A3：这一行有内容，但没有受理编号",
            "content/cases/第1批.xlsx:4:1: 错误: 工作表“一览表”单元格 A4：受理编号“白城001”无效：受理编号只能包含英文字母、数字、“-”和“_”",
            "content/cases/第1批.xlsx:5:2: 错误: 工作表“一览表”单元格 B5：交办件 A-2 缺少反映的问题",
            "content/cases/第2批.xlsx:2:1: 错误: 工作表“Sheet”单元格 A2：受理编号“a-1”重复：第1批.xlsx 第 2 行已有这一件（不区分大小写）",
            "content/cases/第3批.xlsx: 错误: 工作簿中没有名为“汇总”的工作表。现有的工作表：一览表",
            "content/cases/草稿.xlsx: 警告: 没有写在 content/cases/cases.yaml 的 tables 中，不会发布。如果是草稿，可以改名以“_”开头",
            "content/cases/附件.pdf: 错误: 不是电子表格文件：只能读取 Excel 工作簿（.xlsx、.xls）和逗号分隔的 .csv 文件。请在 Excel 中打开后“另存为”其中一种格式",
        ],
    );
}

#[test]
fn a_cases_folder_needs_its_settings() {
    assert_reports(
        "cases-settings",
        &[
            "content/cases: 错误: 有 content/cases/ 文件夹，但缺少设置文件 content/cases/cases.yaml：请在其中写明 title 和 tables（每张表的文件名、批次和发布日期）",
        ],
    );
}

/// 销号公示 and 验收 on notes: each mistake at its key, in Chinese.
#[test]
fn acceptance_and_publicity_mistakes_are_reported_at_their_key() {
    assert_reports(
        "closure-notes",
        &[
            "content/issues/02.yaml:11:9: 错误: “publicizing”（销号公示中）不能写在 status 中：请在进展中写 publicity（公示起止日期 from、to 和意见反馈渠道 contact），公示期间状态自动为“销号公示中”",
            "content/notes/a.md:5:9: 错误: 写了“publicity”（销号公示）的进展不能同时写“status”：公示期间状态自动为“销号公示中”。公示结束后另写一条进展：销号写 status: closed，异议属实、需要继续整改写 status: reopened",
            "content/notes/b.md:7:7: 错误: 公示结束日期 to（2024-03-01）早于开始日期 from（2024-03-07）：公示期从 from 到 to，两天都算在内",
            "content/notes/c.md:7:10: 错误: “level”的值“区级”无效，应为以下之一：省级、市级、县级",
            "content/notes/d.md:5:20: 错误: 验收日期 2024-03-05 晚于这条进展的日期 2024-03-01：进展只能报告已经完成的验收。请核对验收日期，或把进展的 date 改为验收之后",
            "content/notes/e.md:4:12: 错误: 写了“publicity”就必须用“issues”写明是哪个问题，例如 issues: [\"07\"]",
            "content/notes/f.md:5:9: 错误: “publicizing”（销号公示中）不能写在 status 中：请在进展中写 publicity（公示起止日期 from、to 和意见反馈渠道 contact），公示期间状态自动为“销号公示中”",
            "content/notes/g.md:6:3: 错误: 缺少必填项“contact”（对公示有异议时的反映渠道，例如“市督察整改办，电话 0436-3206855”）",
            "content/notes/g.md:6:3: 错误: 缺少必填项“to”（公示结束日期 YYYY-MM-DD（含这一天））",
            "content/notes/g.md:7:3: 错误: 未知的键“till”。允许的键：from、to、contact",
        ],
    );
}

/// With site.yaml's `closure` rules, a closing note needs an ended notice
/// and an acceptance; each missing step is named. Issue 4 follows both.
#[test]
fn closing_against_the_site_rules_says_which_step_is_missing() {
    assert_reports(
        "closure-rules",
        &[
            "content/notes/2024-03-01-closed-01.md:5:9: 错误: 问题1没有整改验收，不能销号：本网站要求销号前先验收（site.yaml 中 closure 的 require_acceptance）。请在这条或之前的进展中写 acceptance（验收日期 date、层级 level、验收单位 by）",
            "content/notes/2024-03-01-closed-01.md:5:9: 错误: 问题1还没有销号公示，不能销号：本网站要求销号前先公示（site.yaml 中 closure 的 require_publicity）。请先写一条带 publicity 的进展，公示期满后再写 status: closed",
            "content/notes/2024-03-08-closed-02.md:5:9: 错误: 问题2的销号公示（2024-03-01 至 2024-03-10，见 content/notes/2024-03-01-notice-02.md）到 2024-03-10 才结束，2024-03-08 还不能销号：公示期满、没有异议后再写 status: closed",
            "content/notes/2024-03-11-closed-03-04.md:5:9: 错误: 问题3没有整改验收，不能销号：本网站要求销号前先验收（site.yaml 中 closure 的 require_acceptance）。请在这条或之前的进展中写 acceptance（验收日期 date、层级 level、验收单位 by）",
        ],
    );
}

/// Without the rules, closing while a notice runs is a warning, and so is
/// a notice said to start before the note that announces it.
#[test]
fn closing_during_a_notice_without_rules_is_a_warning() {
    assert_warns(
        "closure-warnings",
        &[
            "content/notes/2024-03-05-notice.md:6:9: 警告: 公示开始日期 2024-03-01 早于这条进展的日期 2024-03-05：网站上从 2024-03-05 起才能看到这次公示，实际公示天数少于写明的天数。请核对日期",
            "content/notes/2024-03-08-closed.md:5:9: 警告: 问题1的销号公示（2024-03-01 至 2024-03-10，见 content/notes/2024-03-05-notice.md）到 2024-03-10 才结束，2024-03-08 还不能销号：公示期满、没有异议后再写 status: closed",
        ],
    );
}

/// Phone and ID numbers in every kind of published text, at their place;
/// near misses (masked, landline, public, a wrong check digit, 17 or 19
/// digits, an ignored column) are not reported.
#[test]
fn personal_information_is_an_error_where_it_is_written() {
    assert_reports(
        "personal-info",
        &[
            "content/cases/第1批.csv:2:2: 错误: 单元格 B2：这里有一个手机号码（137****1111）：信息公开不得公开群众的个人信息。请隐去中间四位，写成“137****1111”；如果这是应当公开的办公电话，请把它加到 content/site.yaml 的 public_numbers 中",
            "content/issues/01.yaml:9:9: 错误: 这里有一个手机号码（139****5678）：信息公开不得公开群众的个人信息。请隐去中间四位，写成“139****5678”；如果这是应当公开的办公电话，请把它加到 content/site.yaml 的 public_numbers 中",
            "content/notes/a.md:6:17: 错误: 这里有一个居民身份证号码（220802********0033）：信息公开不得公开群众的个人信息。请删除，或只保留前6位和后4位，写成“220802********0033”",
            "content/notes/a.md:10:11: 错误: 这里有一个居民身份证号码（220802********018X）：信息公开不得公开群众的个人信息。请删除，或只保留前6位和后4位，写成“220802********018X”",
            "content/pages/about.md:4:10: 错误: 这里有一个手机号码（139****5678）：信息公开不得公开群众的个人信息。请隐去中间四位，写成“139****5678”；如果这是应当公开的办公电话，请把它加到 content/site.yaml 的 public_numbers 中",
            "content/targets/pm25.yaml:5:53: 错误: 这里有一个手机号码（136****1111）：信息公开不得公开群众的个人信息。请隐去中间四位，写成“136****1111”；如果这是应当公开的办公电话，请把它加到 content/site.yaml 的 public_numbers 中",
        ],
    );
}
