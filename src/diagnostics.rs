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
