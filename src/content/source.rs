//! Reading text files the way an office's Windows machines write them:
//! UTF-8 with or without a byte-order mark, CRLF line endings. A file in
//! another encoding is refused with a message that says how to fix it,
//! never guessed at, so that no page ever shows mojibake.

use crate::diagnostics::{Diagnostic, Pos, io_reason};
use std::path::Path;

/// Reads `abs` as UTF-8 text with line endings normalised to `\n`.
/// `rel` is the path shown in messages.
pub fn read_text(abs: &Path, rel: &str) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(abs)
        .map_err(|e| Diagnostic::error(rel, None, format!("无法读取文件：{}", io_reason(&e))))?;
    decode(&bytes, rel)
}

pub fn decode(bytes: &[u8], rel: &str) -> Result<String, Diagnostic> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Diagnostic::error(
            rel,
            None,
            "文件是 UTF-16（“Unicode”）编码，不是 UTF-8。请用记事本打开，选择“另存为”，\
             在“编码”中选“UTF-8”后保存",
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(normalize_newlines(text)),
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            // valid_up_to() is a char boundary, so this cannot fail.
            let before = std::str::from_utf8(valid).unwrap_or_default();
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            let (_, _, had_errors) = encoding_rs::GB18030.decode(bytes);
            let guess = if had_errors {
                "文件不是 UTF-8 编码"
            } else {
                "文件不是 UTF-8 编码（看起来是 GBK/GB18030 编码）"
            };
            Err(Diagnostic::error(
                rel,
                Some(Pos::new(line, column)),
                format!(
                    "{guess}。请转换为 UTF-8 后再生成：用记事本打开，选择“另存为”，在“编码”中选“UTF-8”后保存；\
                     或在命令行运行 iconv -f GB18030 -t UTF-8 原文件 > 新文件"
                ),
            ))
        }
    }
}

fn normalize_newlines(text: &str) -> String {
    if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_bom_and_crlf() {
        let text = decode(b"\xEF\xBB\xBFtitle: a\r\nb: c\r\n", "x.yaml").unwrap();
        assert_eq!(text, "title: a\nb: c\n");
    }

    #[test]
    fn rejects_gbk_with_position_and_advice() {
        let (gbk, _, _) = encoding_rs::GBK.encode("title: ok\nname: 白城市\n");
        let err = decode(&gbk, "content/site.yaml").unwrap_err();
        assert_eq!(err.pos, Some(Pos::new(2, 7)));
        assert!(err.message.contains("GBK/GB18030"), "{}", err.message);
        assert!(err.message.contains("UTF-8"));
        assert!(err.message.contains("另存为"));
    }

    #[test]
    fn rejects_utf16() {
        let err = decode(b"\xFF\xFEt\0", "a.md").unwrap_err();
        assert!(err.message.contains("UTF-16"));
    }
}
