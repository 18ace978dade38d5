//! `gongkai build`: builds the site, writes it atomically, says what
//! changed since the build before it in the same folder, and optionally
//! writes the change list and a hand-over archive.

use super::{BuildArgs, EXIT_CONTENT, EXIT_USAGE, error_summary, paths, print_diagnostics, resolve_as_of};
use crate::output::changes::{self, Change, FileChange};
use crate::output::manifest::{self, Manifest};
use crate::output::site_archive;
use crate::output::write::{
    LockProblem, MANIFEST, OutDirProblem, OutLock, check_replaceable, check_replaceable_by, write_file,
    write_site,
};
use crate::render::release::ReleaseView;
use std::io::Write;

/// Changed files listed in the terminal; the change list file has them all.
const LISTED_CHANGES: usize = 30;

pub fn run(args: BuildArgs) -> u8 {
    let root = &args.common.root;
    let out = args.out.clone().unwrap_or_else(|| root.join("public"));
    let as_of = match resolve_as_of(args.common.as_of.as_deref()) {
        Ok(d) => d,
        Err(msg) => return usage(&msg),
    };
    let base_url = match args.base_url.as_deref().map(crate::content::normalize_base_url) {
        Some(Err(why)) => return usage(&format!("--base-url 的值无效：{why}")),
        Some(Ok(url)) => Some(url),
        None => None,
    };
    if let Some(why) = paths::forbidden_out(root, &out) {
        return usage(&format!("{why}：{}", out.display()));
    }
    for (flag, file) in [("--changes", &args.changes), ("--archive", &args.archive)] {
        if let Some(why) = file.as_deref().and_then(|f| paths::forbidden_beside_out(root, &out, f)) {
            return usage(&format!("{flag} 的文件{why}：{}", file.as_deref().unwrap_or(&out).display()));
        }
    }
    let archive = match &args.archive {
        Some(path) => match site_archive::format_of(path) {
            Some(format) => Some((path, format)),
            None => {
                return usage(&format!(
                    "--archive 的文件名应以 .zip、.tar.gz 或 .tgz 结尾，以确定打包格式：{}",
                    path.display()
                ));
            }
        },
        None => None,
    };
    // Held until the end: the earlier build is read and replaced by this one alone.
    let _lock = match OutLock::acquire(&out) {
        Ok(lock) => lock,
        Err(LockProblem::Held(path)) => {
            return usage(&format!(
                "另一个 gongkai build 正在生成 {}（锁文件 {}），为避免两次生成互相覆盖，本次没有生成。请等它完成后再运行",
                out.display(),
                path.display()
            ));
        }
        Err(LockProblem::Io(e)) => {
            return usage(&format!(
                "无法在 {} 旁边创建锁文件：{}",
                out.display(),
                crate::diagnostics::io_reason(&e)
            ));
        }
    };
    if let Err(refusal) = refuse_unless_replaceable(&out, check_replaceable(&out)) {
        return refusal;
    }
    let read = manifest::read(&out);
    let manifest_unreadable = read.is_err();
    let previous = match read {
        Ok(m) => m,
        Err(why) => {
            eprintln!(
                "警告：无法读取上次生成的清单 {}（{why}），本次按首次生成处理。",
                out.join(MANIFEST).display()
            );
            None
        }
    };

    let earlier = previous.as_ref().and_then(|m| m.release.clone());
    let outcome = crate::build::build_after(root, as_of, base_url.as_deref(), earlier);
    print_diagnostics(&outcome.diags);
    let (errors, warnings) = error_summary(&outcome.diags);
    let (Some(site), Some(manifest)) = (&outcome.site, &outcome.manifest) else {
        eprintln!("共 {errors} 个错误、{warnings} 个警告，网站没有生成；{} 保持原样。", out.display());
        return EXIT_CONTENT;
    };
    if args.strict && warnings > 0 {
        eprintln!(
            "严格模式（--strict）：{warnings} 个警告按错误处理，网站没有生成；{} 保持原样。",
            out.display()
        );
        return EXIT_CONTENT;
    }
    if manifest_unreadable
        && let Err(refusal) = refuse_unless_replaceable(&out, check_replaceable_by(&out, &site.files))
    {
        return refusal;
    }
    if let Err(e) = write_site(&out, &site.files) {
        eprintln!(
            "错误：写入 {} 失败：{}。原有内容保持不变。",
            out.display(),
            crate::diagnostics::io_reason(&e)
        );
        return EXIT_USAGE;
    }
    let m = &outcome.model;
    // Counted as the change list and the manifest count them: without the manifest.
    let files = manifest.files.len();
    eprintln!(
        "已生成网站：{files} 个文件和清单 {MANIFEST}，写入 {}（统计日期 {}；问题 {} 个，已发布进展 {} 条，未到发布日期 {} 条；警告 {warnings} 个）",
        out.display(),
        m.as_of,
        m.content.issues.len(),
        m.published.len(),
        m.unpublished.len()
    );

    let file_changes = match &previous {
        Some(before) => changes::between(before, manifest),
        None => changes::all_added(manifest),
    };
    report_changes(previous.as_ref(), &file_changes);
    if let Some(history) = &manifest.release {
        let view = ReleaseView::new(history);
        match &view.previous_on {
            None => eprintln!("本次更新页面（release.html）：这是首次发布。"),
            Some(_) if view.summary.is_empty() => {
                eprintln!("本次更新页面（release.html）：与上一次发布相比，内容没有变化。")
            }
            Some(on) => eprintln!(
                "本次更新页面（release.html）：与上一次发布（统计日期 {on}）相比，{}。",
                view.summary
            ),
        }
    }

    let mut status = 0;
    if let Some(path) = &args.changes {
        match write_file(path, |mut f| f.write_all(changes::list(&file_changes).as_bytes())) {
            Ok(()) => eprintln!("已写出变化清单：{}（{} 行）", path.display(), file_changes.len()),
            Err(e) => {
                eprintln!("错误：无法写入变化清单 {}：{}", path.display(), crate::diagnostics::io_reason(&e));
                status = EXIT_USAGE;
            }
        }
    }
    if let Some((path, format)) = archive {
        match site_archive::write(path, format, &site.files, as_of) {
            Ok(()) => eprintln!("已打包整个网站：{}（{files} 个文件和清单 {MANIFEST}）", path.display()),
            Err(e) => {
                eprintln!(
                    "错误：无法写入打包文件 {}：{}（网站本身已生成）",
                    path.display(),
                    crate::diagnostics::io_reason(&e)
                );
                status = EXIT_USAGE;
            }
        }
    }
    status
}

/// The usage error for an output folder gongkai must not replace.
fn refuse_unless_replaceable(out: &std::path::Path, check: Result<(), OutDirProblem>) -> Result<(), u8> {
    let why = match check {
        Ok(()) => return Ok(()),
        Err(OutDirProblem::NotAFolder) => {
            format!("输出目录 {} 是一个文件，不是文件夹，拒绝写入。请指定一个文件夹", out.display())
        }
        Err(OutDirProblem::NotOurs { first, more }) => {
            let more = if more > 0 { format!("（另有 {more} 个）") } else { String::new() };
            format!(
                "输出目录 {} 里有不是 gongkai 生成的文件：{first}{more}。为避免删除您的文件，拒绝写入。请指定一个空目录，或先把这些文件移走",
                out.display()
            )
        }
        Err(OutDirProblem::Io(e)) => {
            format!("无法读取输出目录 {}：{}", out.display(), crate::diagnostics::io_reason(&e))
        }
    };
    Err(usage(&why))
}

/// Prints the counts and the first changed paths.
fn report_changes(previous: Option<&Manifest>, list: &[FileChange]) {
    let Some(before) = previous else {
        eprintln!("输出目录中没有上次生成的网站，全部 {} 个文件都是新的，请整体上传。", list.len());
        return;
    };
    if list.is_empty() {
        eprintln!("与上次生成（统计日期 {}）相比，没有文件变化，无需上传。", before.as_of);
        return;
    }
    eprintln!(
        "与上次生成（统计日期 {}）相比：新增 {} 个、修改 {} 个、删除 {} 个文件。",
        before.as_of,
        changes::count(list, Change::Added),
        changes::count(list, Change::Modified),
        changes::count(list, Change::Removed)
    );
    let mut grouped: Vec<&FileChange> = list.iter().collect();
    grouped.sort_by_key(|c| c.change);
    for c in grouped.into_iter().take(LISTED_CHANGES) {
        eprintln!("  {} {}", c.change.label(), c.path);
    }
    if list.len() > LISTED_CHANGES {
        eprintln!("  ……另有 {} 个（用 --changes 文件名 写出完整清单）", list.len() - LISTED_CHANGES);
    }
}

fn usage(msg: &str) -> u8 {
    eprintln!("错误：{msg}");
    EXIT_USAGE
}
