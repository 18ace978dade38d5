//! `gongkai export ledger FILE.xlsx`: the ledger as of a date, as the
//! workbook a city sends upward (`output::ledger_xlsx`).

use super::{
    EXIT_CONTENT, EXIT_USAGE, ExportArgs, ExportKind, error_summary, print_diagnostics, resolve_as_of,
};
use crate::output::write::write_file;
use std::io::Write;

pub fn run(args: ExportArgs) -> u8 {
    let ExportKind::Ledger { file, common } = args.kind;
    if !file.to_string_lossy().to_ascii_lowercase().ends_with(".xlsx") {
        eprintln!("错误：导出的文件名应以 .xlsx 结尾：{}", file.display());
        return EXIT_USAGE;
    }
    let as_of = match resolve_as_of(common.as_of.as_deref()) {
        Ok(d) => d,
        Err(msg) => {
            eprintln!("错误：{msg}");
            return EXIT_USAGE;
        }
    };
    let (content, mut diags) = crate::content::load(&common.root);
    let model = crate::model::Model::new(content, as_of);
    diags.retain(|d| d.is_error());
    if !diags.is_empty() {
        print_diagnostics(&diags);
        let (errors, _) = error_summary(&diags);
        eprintln!("内容有 {errors} 个错误，没有导出。请先改正（gongkai check 会列出全部问题）。");
        return EXIT_CONTENT;
    }
    let bytes = match crate::output::ledger_xlsx::workbook(&model) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("错误：无法生成工作簿：{}", crate::output::ledger_xlsx::reason(&e));
            return EXIT_USAGE;
        }
    };
    if let Err(e) = write_file(&file, |mut f| f.write_all(&bytes)) {
        eprintln!("错误：无法写入 {}：{}", file.display(), crate::diagnostics::io_reason(&e));
        return EXIT_USAGE;
    }
    eprintln!(
        "已导出问题整改台账：{} 个问题（统计日期 {as_of}），写入 {}",
        model.content.issues.len(),
        file.display()
    );
    0
}
