//! The command line: parses arguments, runs a stage pipeline, prints
//! diagnostics in Chinese, and returns the exit status (0 success, 1 the
//! content has errors, 2 wrong usage or an I/O failure).

mod build;
mod check;
mod export;
mod import;
mod init;
mod new;
mod paths;
mod scaffold;
mod serve;

use chrono::NaiveDate;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Args, Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub const EXIT_CONTENT: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "gongkai",
    version,
    about = "公开（gongkai）：生态环境保护督察整改信息公开网站生成工具",
    help_template = "{about}\n\n用法：{usage}\n\n{all-args}{after-help}",
    override_usage = "gongkai <命令> [选项]",
    subcommand_help_heading = "命令",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// 显示帮助
    #[arg(short = 'h', long = "help", action = clap::ArgAction::Help, global = true, help_heading = "选项", display_order = 1000)]
    help: Option<bool>,
    /// 显示版本号
    #[arg(short = 'V', long = "version", action = clap::ArgAction::Version, help_heading = "选项")]
    version: Option<bool>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// 检查内容并生成网站（默认输出到 <网站根目录>/public）
    #[command(
        help_template = "{about}\n\n用法：{usage}\n\n{all-args}",
        override_usage = "gongkai build [选项]"
    )]
    Build(BuildArgs),
    /// 只检查，不生成网站：与 build 做完全相同的检查（内容，以及生成页面中的每个站内链接和锚点），并列出尚未到发布日期的进展
    #[command(
        help_template = "{about}\n\n用法：{usage}\n\n{all-args}",
        override_usage = "gongkai check [选项]"
    )]
    Check(CheckArgs),
    /// 在本机预览网站（只监听 127.0.0.1），修改内容或主题后页面自动刷新；不写入 public/
    #[command(
        help_template = "{about}\n\n用法：{usage}\n\n{all-args}",
        override_usage = "gongkai serve [选项]"
    )]
    Serve(ServeArgs),
    /// 新建一个问题或一条进展的模板文件（每项都有中文说明）
    #[command(
        help_template = "{about}\n\n用法：{usage}\n\n{all-args}",
        override_usage = "gongkai new <类型> …",
        subcommand_help_heading = "类型"
    )]
    New(NewArgs),
    /// 新建一个网站根目录，内含可直接生成的最小示例内容
    #[command(
        help_template = "{about}\n\n用法：{usage}\n\n{all-args}",
        override_usage = "gongkai init <目录> [选项]"
    )]
    Init(InitArgs),
    /// 从 Excel 导入：整改任务清单 → 问题文件，整改进展报表 → 进展文件
    #[command(
        help_template = "{about}\n\n用法：{usage}\n\n{all-args}",
        override_usage = "gongkai import <类型> <文件> [选项]",
        subcommand_help_heading = "类型"
    )]
    Import(ImportArgs),
    /// 导出为 Excel：问题整改台账
    #[command(
        help_template = "{about}\n\n用法：{usage}\n\n{all-args}",
        override_usage = "gongkai export ledger <文件.xlsx> [选项]",
        subcommand_help_heading = "类型"
    )]
    Export(ExportArgs),
}

#[derive(Debug, Args)]
#[command(next_help_heading = "选项")]
struct ImportArgs {
    #[command(subcommand)]
    kind: ImportKind,
}

/// Where an import writes and what it may do.
#[derive(Debug, Args)]
#[command(next_help_heading = "选项")]
struct ImportOptions {
    /// 要读取的工作表名称，默认为第一个工作表
    #[arg(long, value_name = "工作表")]
    sheet: Option<String>,
    /// 网站根目录（含 content/ 的文件夹），默认为当前目录
    #[arg(long, value_name = "目录", default_value = ".", hide_default_value = true)]
    root: PathBuf,
    /// 覆盖已有的同名文件（默认不覆盖，有同名文件时什么也不写）
    #[arg(long)]
    force: bool,
    /// 只检查并列出将要写入的文件，不写入
    #[arg(long = "dry-run")]
    dry_run: bool,
}

#[derive(Debug, Subcommand)]
enum ImportKind {
    /// 从整改任务清单（.xlsx、.xls 或 .csv）导入问题，每行写一个 content/issues/<编号>.yaml
    #[command(
        help_template = "{about}\n\n用法：{usage}\n\n{all-args}",
        override_usage = "gongkai import issues <文件> [选项]"
    )]
    Issues {
        /// 整改任务清单文件
        #[arg(value_name = "文件", help_heading = "参数")]
        file: PathBuf,
        #[command(flatten)]
        options: ImportOptions,
    },
    /// 从整改进展报表导入进展，每行写一个 content/notes/<年份>/<日期>-<编号>.md
    #[command(
        help_template = "{about}\n\n用法：{usage}\n\n{all-args}",
        override_usage = "gongkai import notes <文件> --date YYYY-MM-DD [选项]"
    )]
    Notes {
        /// 整改进展报表文件
        #[arg(value_name = "文件", help_heading = "参数")]
        file: PathBuf,
        /// 这些进展的日期 YYYY-MM-DD
        #[arg(long, value_name = "YYYY-MM-DD", help_heading = "选项")]
        date: String,
        #[command(flatten)]
        options: ImportOptions,
    },
}

#[derive(Debug, Args)]
#[command(next_help_heading = "选项")]
struct ExportArgs {
    #[command(subcommand)]
    kind: ExportKind,
}

#[derive(Debug, Subcommand)]
enum ExportKind {
    /// 把问题整改台账写成 Excel 工作簿（中文表头，整改状态用文字），便于报送
    #[command(
        help_template = "{about}\n\n用法：{usage}\n\n{all-args}",
        override_usage = "gongkai export ledger <文件.xlsx> [选项]"
    )]
    Ledger {
        /// 要写入的工作簿文件，以 .xlsx 结尾
        #[arg(value_name = "文件.xlsx", help_heading = "参数")]
        file: PathBuf,
        #[command(flatten)]
        common: CommonArgs,
    },
}

#[derive(Debug, Args)]
#[command(next_help_heading = "选项")]
struct CommonArgs {
    /// 网站根目录（含 content/ 的文件夹），默认为当前目录
    #[arg(long, value_name = "目录", default_value = ".", hide_default_value = true)]
    root: PathBuf,
    /// 统计日期 YYYY-MM-DD：按这一天计算状态与逾期，晚于这一天的进展暂不发布。默认取环境变量 SOURCE_DATE_EPOCH，否则为今天（北京时间）
    #[arg(long = "as-of", value_name = "YYYY-MM-DD")]
    as_of: Option<String>,
}

/// The site root and the date a scaffold fills in.
#[derive(Debug, Args)]
#[command(next_help_heading = "选项")]
struct ScaffoldArgs {
    /// 网站根目录（含 content/ 的文件夹），默认为当前目录
    #[arg(long, value_name = "目录", default_value = ".", hide_default_value = true)]
    root: PathBuf,
    /// 模板中填写的日期 YYYY-MM-DD，默认取环境变量 SOURCE_DATE_EPOCH，否则为今天（北京时间）
    #[arg(long = "as-of", value_name = "YYYY-MM-DD")]
    as_of: Option<String>,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "选项")]
struct BuildArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// 输出目录，默认为 <网站根目录>/public
    #[arg(long, value_name = "目录")]
    out: Option<PathBuf>,
    /// 覆盖 site.yaml 中的 base_url（例如预发布环境的网址）
    #[arg(long = "base-url", value_name = "网址")]
    base_url: Option<String>,
    /// 把与上次生成相比新增（A）、修改（M）、删除（D）的文件清单写入这个文件，每行一个
    #[arg(long, value_name = "文件")]
    changes: Option<PathBuf>,
    /// 同时把整个网站打包成一个文件（.zip 或 .tar.gz），便于移交上传
    #[arg(long, value_name = "文件")]
    archive: Option<PathBuf>,
    /// 严格模式：有警告也按错误处理，不生成网站（用于正式发布）
    #[arg(long)]
    strict: bool,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "选项")]
struct CheckArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// 严格模式：有警告也按错误处理（用于正式发布）
    #[arg(long)]
    strict: bool,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "选项")]
struct ServeArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// 端口号，默认 8000（被占用时自动换下一个）；0 表示任选一个空闲端口
    #[arg(long, value_name = "端口")]
    port: Option<u16>,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "选项")]
struct NewArgs {
    #[command(subcommand)]
    kind: NewKind,
}

#[derive(Debug, Subcommand)]
enum NewKind {
    /// 新建问题文件 content/issues/<编号>.yaml
    #[command(
        help_template = "{about}\n\n用法：{usage}\n\n{all-args}",
        override_usage = "gongkai new issue <编号> [选项]"
    )]
    Issue {
        /// 问题编号（文件名），只能包含英文字母、数字、-、_ 和 .，例如 29
        #[arg(value_name = "编号", help_heading = "参数")]
        id: String,
        #[command(flatten)]
        common: ScaffoldArgs,
    },
    /// 新建进展文件 content/notes/<年份>/<名称>.md
    #[command(
        help_template = "{about}\n\n用法：{usage}\n\n{all-args}",
        override_usage = "gongkai new note <名称> [选项]"
    )]
    Note {
        /// 进展的名称（文件名），只能包含英文字母、数字、-、_ 和 .，例如 2024-06-30-guolu-taotai
        #[arg(value_name = "名称", help_heading = "参数")]
        slug: String,
        /// 这条进展涉及的问题编号
        #[arg(long, value_name = "编号", help_heading = "选项")]
        issue: Option<String>,
        #[command(flatten)]
        common: ScaffoldArgs,
    },
}

#[derive(Debug, Args)]
#[command(next_help_heading = "选项")]
struct InitArgs {
    /// 新网站根目录（不存在或为空的文件夹）
    #[arg(value_name = "目录", help_heading = "参数")]
    dir: PathBuf,
    /// 模板中填写的日期 YYYY-MM-DD，默认取环境变量 SOURCE_DATE_EPOCH，否则为今天（北京时间）
    #[arg(long = "as-of", value_name = "YYYY-MM-DD")]
    as_of: Option<String>,
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    let code = match cli.command {
        Command::Build(args) => build::run(args),
        Command::Check(args) => check::run(args),
        Command::Serve(args) => serve::run(args),
        Command::New(args) => new::run(args),
        Command::Init(args) => init::run(args),
        Command::Import(args) => import::run(args),
        Command::Export(args) => export::run(args),
    };
    ExitCode::from(code)
}

const COMMANDS: &str = "build、check、serve、new、init、import、export";

/// Prints a usage problem in Chinese (help and version are printed as they are).
fn usage_error(e: clap::Error) -> ExitCode {
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    let arg = match e.get(ContextKind::InvalidArg).or_else(|| e.get(ContextKind::InvalidSubcommand)) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        _ => String::new(),
    };
    let first = std::env::args().nth(1);
    let what = match e.kind() {
        ErrorKind::UnknownArgument => format!("未知的参数“{arg}”"),
        ErrorKind::InvalidSubcommand | ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            if first.as_deref() == Some("import") =>
        {
            "可以导入 issues（整改任务清单）或 notes（整改进展报表）：gongkai import issues 文件，或 gongkai import notes 文件 --date YYYY-MM-DD".to_string()
        }
        ErrorKind::InvalidSubcommand | ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            if first.as_deref() == Some("export") =>
        {
            "可以导出 ledger（问题整改台账）：gongkai export ledger 文件.xlsx".to_string()
        }
        ErrorKind::InvalidSubcommand if std::env::args().nth(1).as_deref() == Some("new") => {
            format!("不能新建“{arg}”：可以新建 issue（问题）或 note（进展）")
        }
        ErrorKind::InvalidSubcommand => format!("未知的命令“{arg}”，可用的命令：{COMMANDS}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            if std::env::args().nth(1).as_deref() == Some("new") =>
        {
            "缺少要新建的类型：gongkai new issue 问题编号，或 gongkai new note 进展名称 [--issue 问题编号]"
                .to_string()
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            format!("缺少命令，可用的命令：{COMMANDS}")
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数 {arg}"),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => format!("参数 {arg} 的值无效"),
        ErrorKind::ArgumentConflict => format!("参数 {arg} 不能同时使用"),
        _ => "命令行参数有误".to_string(),
    };
    eprintln!("错误：{what}。运行 gongkai --help 查看用法");
    ExitCode::from(EXIT_USAGE)
}

/// `--as-of`, else `SOURCE_DATE_EPOCH`, else today in Beijing time.
fn resolve_as_of(arg: Option<&str>) -> Result<NaiveDate, String> {
    if let Some(raw) = arg {
        return crate::dates::parse(raw)
            .ok_or_else(|| format!("--as-of 的值“{raw}”无效，应写成 YYYY-MM-DD，例如 2024-06-30"));
    }
    if let Ok(raw) = std::env::var("SOURCE_DATE_EPOCH") {
        return raw
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(crate::dates::beijing_date)
            .ok_or_else(|| format!("环境变量 SOURCE_DATE_EPOCH 的值“{raw}”无效，应为 Unix 时间戳（秒）"));
    }
    Ok(crate::dates::today())
}

/// The release recorded by the last build into `<root>/public`, the
/// default output folder: `check` and `serve` compare with it, as the next
/// `build` there will (the 本次更新 page, back-dated notes). An unreadable
/// manifest is `build`'s to report.
fn release_in_default_out(root: &Path) -> Option<crate::model::release::ReleaseHistory> {
    crate::output::manifest::read(&root.join("public")).ok().flatten().and_then(|m| m.release)
}

fn print_diagnostics(diags: &[crate::diagnostics::Diagnostic]) {
    for d in diags {
        eprintln!("{d}");
    }
}

fn error_summary(diags: &[crate::diagnostics::Diagnostic]) -> (usize, usize) {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    (errors, diags.len() - errors)
}
