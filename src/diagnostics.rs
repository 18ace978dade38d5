//! Problems found in a site's files, collected rather than thrown, so that a
//! clerk sees every mistake in one run.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A 1-based line and column in a file (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

impl Pos {
    pub fn new(line: usize, column: usize) -> Self {
        Pos { line, column }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, with `/` separators.
    pub path: String,
    pub pos: Option<Pos>,
    pub message: String,
}

impl Diagnostic {
    pub fn error(path: impl Into<String>, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, path: path.into(), pos, message: message.into() }
    }

    pub fn warning(path: impl Into<String>, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, path: path.into(), pos, message: message.into() }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        };
        match self.pos {
            Some(p) => write!(f, "{}:{}:{}: {}: {}", self.path, p.line, p.column, label, self.message),
            None => write!(f, "{}: {}: {}", self.path, label, self.message),
        }
    }
}

/// Sorts diagnostics by file and position so output is stable across runs
/// (files are loaded in parallel) and reads top to bottom.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (&a.path, a.pos.unwrap_or_default(), a.severity, &a.message).cmp(&(
            &b.path,
            b.pos.unwrap_or_default(),
            b.severity,
            &b.message,
        ))
    });
}

pub fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(Diagnostic::is_error)
}

/// Why a file operation failed, in Chinese, to follow a message such as
/// “无法读取文件：”. The system's own message (English, with an error
/// number) only for the rare kinds not worded here.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let words = match e.kind() {
        K::NotFound => "不存在",
        K::PermissionDenied => "没有权限（请检查文件或文件夹的权限，或是否正被其他程序使用）",
        K::AlreadyExists => "已存在同名的文件或文件夹",
        K::NotADirectory => "不是文件夹（路径中有一项是文件）",
        K::IsADirectory => "这是文件夹，不是文件",
        K::DirectoryNotEmpty => "文件夹不是空的",
        K::ReadOnlyFilesystem => "磁盘是只读的",
        K::StorageFull => "磁盘空间已满",
        K::QuotaExceeded => "超出了磁盘配额",
        K::FileTooLarge => "文件太大",
        K::ResourceBusy | K::ExecutableFileBusy => "正被其他程序使用，请关闭后再试",
        K::InvalidFilename => "文件名无效或太长",
        K::CrossesDevices => "不能跨磁盘移动",
        K::AddrInUse => "端口已被占用",
        K::TimedOut => "超时",
        K::Interrupted => "操作被中断",
        K::UnexpectedEof => "文件不完整",
        K::OutOfMemory => "内存不足",
        _ => return e.to_string(),
    };
    words.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Error, ErrorKind};

    #[test]
    fn io_errors_in_chinese_with_the_system_message_as_fallback() {
        let missing = std::fs::read("/nonexistent/gongkai/site.yaml").unwrap_err();
        assert_eq!(io_reason(&missing), "不存在");
        assert_eq!(io_reason(&Error::from(ErrorKind::AlreadyExists)), "已存在同名的文件或文件夹");
        let odd = Error::other("disk on fire");
        assert_eq!(io_reason(&odd), "disk on fire");
    }
}
