//! Chinese text: which characters are written without spaces between
//! them, so that a line break between two of them is no space. Used by the
//! content stage (YAML folds the line breaks of a multi-line text into
//! spaces) and by the renderer (markdown's soft line breaks).

/// Chinese (and Japanese) characters and the punctuation written with
/// them: between two of these a line break is no space.
pub fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FDF}'   // radicals
        | '\u{3000}'..='\u{303F}' // CJK symbols and punctuation: 、。「」
        | '\u{3040}'..='\u{30FF}' // kana
        | '\u{3100}'..='\u{312F}' // bopomofo
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}' // vertical and compatibility forms
        | '\u{FF01}'..='\u{FF60}' // full-width forms: ，：（）
        | '\u{FFE0}'..='\u{FFE6}'
        | '\u{20000}'..='\u{3FFFF}'
        | '“' | '”' | '‘' | '’' | '…' | '—' | '·')
}

/// Whether a line break between `before` and `after` reads as nothing (two
/// Chinese characters) rather than as a space (Latin words).
pub fn joins(before: char, after: char) -> bool {
    is_wide(before) && is_wide(after)
}
