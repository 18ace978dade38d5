//! `gongkai import issues`, `gongkai import notes` and `gongkai export
//! ledger`, on spreadsheets made here in every messy shape offices send:
//! exact files written, exact error lines, nothing written on error, and
//! the example's ledger exported and imported back to the same issues.

use crate::common;
use rust_xlsxwriter::{Format, Workbook};
use std::fs;
use std::path::Path;

const SITE: &str = "title: 测试市督察整改信息公开\nbase_url: https://www.example.gov.cn/dczg/\nplan_date: 2023-07-17\ncategories: [大气污染防治]\n";

/// A site root with only site.yaml (and `files`).
fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("content")).unwrap();
    fs::write(dir.path().join("content/site.yaml"), SITE).unwrap();
    for (path, text) in files {
        let p = dir.path().join(path);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }
    dir
}

fn run(args: &[&str]) -> (Option<i32>, String) {
    let out = common::gongkai(args);
    (out.status.code(), common::stderr(&out))
}

fn diagnostics(said: &str) -> Vec<&str> {
    said.lines().filter(|l| l.contains(": 错误: ") || l.contains(": 警告: ")).collect()
}

/// A task list as an office sends it: two title rows, a header over two
/// rows (责任单位 merged over 牵头单位 and 配合单位), section rows, 牵头单位
/// merged down, numbers as text, full-width punctuation and line breaks,
/// deadlines and measures in every form, an empty row and a 备注 row.
fn messy_task_list(path: &Path) {
    let mut book = Workbook::new();
    let s = book.add_worksheet().set_name("任务清单").unwrap();
    let f = Format::new();
    s.merge_range(0, 0, 0, 8, "测试市贯彻落实省生态环境保护督察反馈意见整改任务清单", &f).unwrap();
    s.merge_range(1, 0, 1, 8, "（2023年7月）", &f).unwrap();
    for (c, h) in ["序号", "问题名称", "反馈问题", "整改目标", "整改措施", "整改时限"].iter().enumerate()
    {
        s.merge_range(2, c as u16, 3, c as u16, h, &f).unwrap();
    }
    s.merge_range(2, 6, 2, 7, "责任单位", &f).unwrap();
    s.write(3, 6, "牵头单位").unwrap();
    s.write(3, 7, "配合单位").unwrap();
    s.merge_range(2, 8, 3, 8, "阶段\n目标", &f).unwrap();
    s.merge_range(4, 0, 4, 8, "一、大气污染防治", &f).unwrap();
    let rows: [[&str; 9]; 3] = [
        [
            "1",
            "城区燃煤小锅炉未按期淘汰",
            "城区仍有35台燃煤小锅炉在用。\n其中9台未配套除尘设施。",
            "全部淘汰或完成清洁能源改造。",
            "1.开展全面排查，建立台账。2.逐台制定淘汰方案；3.完成淘汰改造。",
            "2023年9月底前完成排查建档；2023年12月底前全部完成",
            "市生态环境局",
            "市住房和城乡建设局、各县（市、区）政府",
            "",
        ],
        [
            "２",
            "秸秆露天焚烧",
            "春秋季焚烧火点时有发生。",
            "火点数量逐年下降。",
            "（1）网格化巡查；\n（2）推广秸秆还田。",
            "长期坚持",
            "",
            "",
            "2024年6月30日前建成监控平台",
        ],
        [
            "3",
            "工地扬尘",
            "工地未苫盖。",
            "扬尘得到控制。",
            "立即整改，规范苫盖。",
            "立行立改",
            "市住房和城乡建设局",
            "",
            "",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                s.write(5 + r as u32, c as u16, *v).unwrap();
            }
        }
    }
    // 牵头单位 merged down over problems 1 and 2.
    s.merge_range(5, 6, 6, 6, "市生态环境局", &f).unwrap();
    s.merge_range(8, 0, 8, 8, "（二）水污染问题", &f).unwrap();
    let row = [
        "4",
        "",
        "污水处理厂出水超标，影响下游水质。",
        "稳定达标。",
        "①提标改造\n②加强监管",
        "2024/6/30",
        "市水务局",
        "",
        "",
    ];
    for (c, v) in row.iter().enumerate() {
        if !v.is_empty() {
            s.write(9, c as u16, *v).unwrap();
        }
    }
    s.write(11, 0, "备注：本清单共4个问题。").unwrap();
    book.save(path).unwrap();
}

#[test]
fn a_messy_task_list_becomes_issue_files() {
    let dir = site(&[]);
    let root = dir.path().to_str().unwrap();
    let list = dir.path().join("清单.xlsx");
    messy_task_list(&list);
    let (code, said) = run(&["import", "issues", list.to_str().unwrap(), "--root", root]);
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("读取到 4 个问题，将写入："), "{said}");
    assert!(said.contains("  content/issues/04.yaml  问题4：污水处理厂出水超标，影响下游水质"), "{said}");
    assert!(said.contains("1 个问题的标题取自反馈问题的第一句"), "{said}");
    assert!(said.contains("类别：大气污染防治（3 个）、水污染问题（1 个）"), "{said}");
    assert!(said.contains("  categories: [大气污染防治, 水污染问题]"), "{said}");
    assert_eq!(
        diagnostics(&said),
        ["清单.xlsx:8:6: 警告: 工作表“任务清单”单元格 F8：问题 3 立行立改，没有写日期：整改时限按整改方案发布日期 2023-07-17（site.yaml 的 plan_date）导入，请核对"]
            .map(|l| l.replace("清单.xlsx", list.to_str().unwrap()))
    );
    let read = |id: &str| fs::read_to_string(dir.path().join(format!("content/issues/{id}.yaml"))).unwrap();
    let source = list.display();
    assert_eq!(
        read("01"),
        format!(
            "# 由 gongkai import issues 从 {source} 第 6 行导入\nnumber: 1\ntitle: 城区燃煤小锅炉未按期淘汰\ncategory: 大气污染防治\nkind: short-term\ndeadline: 2023-12-31\nresponsible:\n  lead: [市生态环境局]\n  support: [市住房和城乡建设局, 各县（市、区）政府]\ndescription: |\n  城区仍有35台燃煤小锅炉在用。\n  其中9台未配套除尘设施。\ngoal: 全部淘汰或完成清洁能源改造。\nmeasures:\n  - 开展全面排查，建立台账。\n  - 逐台制定淘汰方案\n  - 完成淘汰改造。\nmilestones:\n  - {{date: 2023-09-30, goal: 完成排查建档}}\n"
        )
    );
    assert_eq!(
        read("02"),
        format!(
            "# 由 gongkai import issues 从 {source} 第 7 行导入\nnumber: 2\ntitle: 秸秆露天焚烧\ncategory: 大气污染防治\nkind: long-term\nresponsible:\n  lead: [市生态环境局]\ndescription: 春秋季焚烧火点时有发生。\ngoal: 火点数量逐年下降。\nmeasures:\n  - 网格化巡查\n  - 推广秸秆还田。\nmilestones:\n  - {{date: 2024-06-30, goal: 建成监控平台}}\n"
        )
    );
    assert!(read("03").contains("kind: immediate\ndeadline: 2023-07-17\n"), "{}", read("03"));
    assert!(
        read("04").contains("title: 污水处理厂出水超标，影响下游水质\ncategory: 水污染问题\n"),
        "{}",
        read("04")
    );
    assert!(read("04").contains("deadline: 2024-06-30\n"));
    assert!(read("04").contains("measures:\n  - 提标改造\n  - 加强监管\n"), "{}", read("04"));
    assert!(!dir.path().join("content/issues/05.yaml").exists());
}

#[test]
fn unreadable_cells_are_errors_at_their_cell_and_nothing_is_written() {
    let dir = site(&[]);
    let list = dir.path().join("清单.csv");
    let text = "序号,问题名称,反馈问题,整改目标,整改措施,整改时限,牵头单位\n\
        一,A,问题,目标,措施,2023-12-31,市生态环境局\n\
        2,B,,目标,措施,尽快,市生态环境局\n\
        3,C,问题,目标,措施,2023年12月底前,\n\
        3,D,问题,目标,措施,2023-02-30,市水务局\n";
    // As Excel on Chinese Windows saves a CSV.
    fs::write(&list, encoding_rs::GB18030.encode(text).0).unwrap();
    let (code, said) =
        run(&["import", "issues", list.to_str().unwrap(), "--root", dir.path().to_str().unwrap()]);
    assert_eq!(code, Some(1), "{said}");
    let at = list.to_str().unwrap();
    assert_eq!(
        diagnostics(&said),
        [
            format!("{at}:2:1: 错误: 单元格 A2：序号“一”应为正整数，例如 7"),
            format!(
                "{at}:3:1: 错误: 单元格 A3：问题 2 没有类别：表中没有“类别”一列，上方也没有“一、大气污染防治”这样的分类行"
            ),
            format!("{at}:3:3: 错误: 单元格 C3：问题 2 的“反馈问题”是空的"),
            format!(
                "{at}:3:6: 错误: 单元格 F3：无法识别整改时限“尽快”：请写日期，例如 2023-12-31、2023年12月31日、2023年12月底前、2025年底前，或写“立行立改”“长期坚持”"
            ),
            format!(
                "{at}:4:1: 错误: 单元格 A4：问题 3 没有类别：表中没有“类别”一列，上方也没有“一、大气污染防治”这样的分类行"
            ),
            format!("{at}:4:7: 错误: 单元格 G4：问题 3 没有牵头责任单位"),
            format!(
                "{at}:5:1: 错误: 单元格 A5：问题 3 没有类别：表中没有“类别”一列，上方也没有“一、大气污染防治”这样的分类行"
            ),
            format!(
                "{at}:5:6: 错误: 单元格 F5：无法识别整改时限“2023-02-30”：请写日期，例如 2023-12-31、2023年12月31日、2023年12月底前、2025年底前，或写“立行立改”“长期坚持”"
            ),
        ]
    );
    assert!(said.contains("没有写入任何文件"), "{said}");
    assert!(!dir.path().join("content/issues").exists());
}

#[test]
fn existing_files_are_kept_unless_forced_and_a_dry_run_writes_nothing() {
    let dir = site(&[("content/issues/01.yaml", "# 办公室改过的文件\n")]);
    let root = dir.path().to_str().unwrap();
    let list = dir.path().join("清单.xlsx");
    messy_task_list(&list);
    let file = list.to_str().unwrap();
    let (code, said) = run(&["import", "issues", file, "--root", root]);
    assert_eq!(code, Some(2), "{said}");
    assert!(said.contains("以下 1 个文件已经存在：content/issues/01.yaml"), "{said}");
    assert_eq!(
        fs::read_to_string(dir.path().join("content/issues/01.yaml")).unwrap(),
        "# 办公室改过的文件\n"
    );
    assert!(!dir.path().join("content/issues/02.yaml").exists(), "nothing written");
    let (code, said) = run(&["import", "issues", file, "--root", root, "--force", "--dry-run"]);
    assert_eq!(code, Some(0), "{said}");
    assert!(!dir.path().join("content/issues/02.yaml").exists(), "a dry run writes nothing");
    let (code, said) = run(&["import", "issues", file, "--root", root, "--force"]);
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("已写入 4 个文件（其中覆盖 1 个）"), "{said}");
    assert!(fs::read_to_string(dir.path().join("content/issues/01.yaml")).unwrap().contains("number: 1\n"));
}

#[test]
fn a_progress_report_becomes_notes_dated_as_given() {
    let issue = "number: 7\ntitle: 锅炉\ncategory: 大气污染防治\nkind: short-term\ndeadline: 2024-12-31\nresponsible:\n  lead: [市生态环境局]\ndescription: 描述。\ngoal: 目标。\nmeasures:\n  - 措施。\n";
    let dir = site(&[("content/issues/07.yaml", issue)]);
    let root = dir.path().to_str().unwrap();
    let report = dir.path().join("进展.xlsx");
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    s.write_row(0, 0, ["2024年6月整改进展报表"]).unwrap();
    s.write_row(1, 0, ["序号", "进展情况", "整改状态", "报送单位"]).unwrap();
    s.write(2, 0, 7).unwrap();
    s.write_row(2, 1, ["35台锅炉已全部完成淘汰。验收报告已报送。", "已完成", "市生态环境局"]).unwrap();
    s.write_row(3, 0, ["9", "进展。", "done"]).unwrap();
    book.save(&report).unwrap();
    let file = report.to_str().unwrap();
    let (code, said) = run(&["import", "notes", file, "--date", "2024-06-30", "--root", root]);
    assert_eq!(code, Some(1), "{said}");
    assert_eq!(
        diagnostics(&said),
        [format!(
            "{file}:4:1: 错误: 工作表“Sheet1”单元格 A4：找不到序号为“9”的问题：content/issues/ 中没有这个问题"
        )]
    );
    // Without the bad row.
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    s.write_row(0, 0, ["序号", "进展情况", "整改状态", "报送单位"]).unwrap();
    s.write(1, 0, 7).unwrap();
    s.write_row(1, 1, ["35台锅炉已全部完成淘汰。验收报告已报送。", "已完成", "市生态环境局"]).unwrap();
    book.save(&report).unwrap();
    let (code, said) = run(&["import", "notes", file, "--date", "2024-06-30", "--root", root]);
    assert_eq!(code, Some(0), "{said}");
    let note = fs::read_to_string(dir.path().join("content/notes/2024/2024-06-30-07.md")).unwrap();
    assert_eq!(
        note,
        "---\ntitle: 35台锅炉已全部完成淘汰\ndate: 2024-06-30\nissues: [\"07\"]\nstatus: done\nsource: 市生态环境局\n---\n35台锅炉已全部完成淘汰。验收报告已报送。\n"
    );
    let (code, said) = run(&["check", "--root", root, "--as-of", "2024-07-01"]);
    assert_eq!(code, Some(0), "{said}");
}

/// Every field an issue file holds, as the loader read it.
fn issues_of(root: &Path) -> Vec<String> {
    let (content, diags) = gongkai::content::load(root);
    assert!(!gongkai::diagnostics::has_errors(&diags), "{diags:#?}");
    content
        .issues
        .iter()
        .map(|i| {
            format!(
                "{}|{}|{}|{}|{:?}|{:?}|{:?}|{:?}|{}|{}|{:?}|{:?}|{:?}",
                i.id,
                i.number,
                i.title,
                i.category.value,
                i.kind,
                i.deadline,
                i.lead,
                (&i.support, &i.leaders),
                i.description.text.trim(),
                i.goal.text.trim(),
                i.measures.iter().map(|m| m.text.trim().to_string()).collect::<Vec<_>>(),
                i.milestones.iter().map(|m| (m.date, m.goal.clone())).collect::<Vec<_>>(),
                i.targets.iter().map(|t| t.value.clone()).collect::<Vec<_>>(),
            )
        })
        .collect()
}

#[test]
fn the_exported_ledger_imports_back_to_the_same_issues() {
    let example = common::example_root();
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("台账.xlsx");
    let (code, said) = run(&[
        "export",
        "ledger",
        ledger.to_str().unwrap(),
        "--root",
        example.to_str().unwrap(),
        "--as-of",
        "2026-11-29",
    ]);
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("已导出问题整改台账：28 个问题（统计日期 2026-11-29）"), "{said}");
    let copy = site(&[]);
    fs::copy(example.join("content/site.yaml"), copy.path().join("content/site.yaml")).unwrap();
    common::copy_dir(&example.join("content/targets"), &copy.path().join("content/targets"));
    let (code, said) =
        run(&["import", "issues", ledger.to_str().unwrap(), "--root", copy.path().to_str().unwrap()]);
    assert_eq!(code, Some(0), "{said}");
    let (got, want) = (issues_of(copy.path()), issues_of(&example));
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g, w);
    }

    // The same workbook is data/issues.xlsx of a build as of that day, and
    // the same bytes every time.
    let site = common::build(&example, "2026-11-29");
    assert_eq!(site.bytes("data/issues.xlsx"), fs::read(&ledger).unwrap());
    let again = dir.path().join("again.xlsx");
    run(&[
        "export",
        "ledger",
        again.to_str().unwrap(),
        "--root",
        example.to_str().unwrap(),
        "--as-of",
        "2026-11-29",
    ]);
    assert_eq!(fs::read(&again).unwrap(), fs::read(&ledger).unwrap());
}

/// The workbook's rows go through a temporary file: without a usable
/// temporary folder, the export says which and writes nothing.
#[test]
fn exporting_without_a_temporary_folder_names_it() {
    let example = common::example_root();
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("台账.xlsx");
    let missing = dir.path().join("no-such-folder");
    let args = ["export", "ledger", ledger.to_str().unwrap(), "--root", example.to_str().unwrap()];
    let out = common::gongkai_with_tmpdir(&[&args[..], &["--as-of", "2026-11-29"]].concat(), Some(&missing));
    let said = common::stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{said}");
    assert!(
        said.contains(&format!(
            "错误：无法生成工作簿：无法在临时文件夹 {} 中建立临时文件",
            missing.display()
        )),
        "{said}"
    );
    assert!(said.contains("TMPDIR"), "{said}");
    assert!(!ledger.exists());
}

#[test]
fn the_ledger_workbook_has_chinese_headers_and_facts_in_words() {
    use calamine::{Data, Reader, Xlsx};
    let site = common::build_full();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(site.bytes("data/issues.xlsx"))).unwrap();
    assert_eq!(book.sheet_names(), ["问题整改台账"]);
    let range = book.worksheet_range("问题整改台账").unwrap();
    let header: Vec<String> = range.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(
        &header[..9],
        ["序号", "编号", "问题名称", "类别", "整改类型", "牵头单位", "配合单位", "责任领导", "整改时限"]
    );
    assert!(header.contains(&"整改状态".to_string()) && header.contains(&"整改进度".to_string()));
    let issues: serde_json::Value = serde_json::from_str(&site.read("data/issues.json")).unwrap();
    let rows: Vec<Vec<Data>> = range.rows().skip(1).map(|r| r.to_vec()).collect();
    assert_eq!(rows.len(), issues.as_array().unwrap().len());
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    for (row, issue) in rows.iter().zip(issues.as_array().unwrap()) {
        assert_eq!(row[col("序号")], Data::Float(issue["number"].as_f64().unwrap()));
        assert_eq!(row[col("整改状态")].to_string(), issue["status_label"].as_str().unwrap());
        assert_eq!(row[col("当前整改时限")].to_string(), issue["deadline"].as_str().unwrap_or(""));
    }
    let data_page = site.read("data/index.html");
    assert!(data_page.contains("issues.xlsx"));
}

/// A complainant's number in an imported cell is an error at that cell,
/// before anything is written; a column that is not imported is not read.
#[test]
fn personal_information_in_a_spreadsheet_is_an_error_at_its_cell() {
    let dir = site(&[]);
    let root = dir.path().to_str().unwrap();
    let list = dir.path().join("清单.csv");
    fs::write(
        &list,
        "序号,类别,问题名称,反馈问题,整改目标,整改措施,整改时限,牵头单位,联系人电话\n\
         1,大气污染防治,A,群众（13912345678）反映锅炉冒黑烟,目标,措施,2023-12-31,市生态环境局,13900001111\n\
         2,大气污染防治,B,群众（139****5678）反映扬尘,目标,措施,2023-12-31,市住房和城乡建设局,13900002222\n",
    )
    .unwrap();
    let file = list.to_str().unwrap();
    let (code, said) = run(&["import", "issues", file, "--root", root]);
    assert_eq!(code, Some(1), "{said}");
    assert_eq!(
        diagnostics(&said),
        [format!(
            "{file}:2:4: 错误: 单元格 D2：这里有一个手机号码（139****5678）：信息公开不得公开群众的个人信息。请隐去中间四位，写成“139****5678”；如果这是应当公开的办公电话，请把它加到 content/site.yaml 的 public_numbers 中"
        )]
    );
    assert!(!dir.path().join("content/issues").exists());

    let issue = "number: 7\ntitle: 锅炉\ncategory: 大气污染防治\nkind: short-term\ndeadline: 2024-12-31\nresponsible:\n  lead: [市生态环境局]\ndescription: 描述。\ngoal: 目标。\nmeasures:\n  - 措施。\n";
    fs::create_dir_all(dir.path().join("content/issues")).unwrap();
    fs::write(dir.path().join("content/issues/07.yaml"), issue).unwrap();
    let report = dir.path().join("进展.csv");
    fs::write(&report, "序号,进展情况\n7,已答复举报人（身份证号 220802198503120033）。\n").unwrap();
    let file = report.to_str().unwrap();
    let (code, said) = run(&["import", "notes", file, "--date", "2024-06-30", "--root", root]);
    assert_eq!(code, Some(1), "{said}");
    assert_eq!(
        diagnostics(&said),
        [format!(
            "{file}:2:2: 错误: 单元格 B2：这里有一个居民身份证号码（220802********0033）：信息公开不得公开群众的个人信息。请删除，或只保留前6位和后4位，写成“220802********0033”"
        )]
    );
    assert!(!dir.path().join("content/notes").exists());
}
