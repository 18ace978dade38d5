//! Personal information (个人信息) in what the site publishes. A
//! complainant's mobile number or resident ID number on a government site
//! is a legal problem for the office, so each one is an error at its place,
//! with the masked form to write instead. Masked numbers (`138****1234`)
//! pass, and so do numbers listed in site.yaml's `public_numbers`.
//!
//! A mobile number is 11 digits starting 13–19, written together or as
//! 3-4-4 groups with spaces or hyphens, and not part of a longer run of
//! digits. A resident ID number is 18 characters (17 digits and a digit or
//! X) whose check digit is right (GB 11643), so an 18-digit serial number
//! is not taken for one. Full-width digits count as digits: an input method
//! may type them.

use crate::diagnostics::{Diagnostic, Pos};

/// Personal information found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Byte offset of its first character in the text.
    pub offset: usize,
    pub message: String,
}

/// A character as a digit, full-width ones included.
fn digit(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '０'..='９' => Some((c as u32 - '０' as u32) as u8),
        _ => None,
    }
}

/// A run of digits: where it starts and ends (bytes) and its digits.
struct Run {
    start: usize,
    end: usize,
    digits: Vec<u8>,
}

fn runs(text: &str) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let mut current: Option<Run> = None;
    for (i, c) in text.char_indices() {
        match (digit(c), current.as_mut()) {
            (Some(d), Some(run)) => {
                run.digits.push(d);
                run.end = i + c.len_utf8();
            }
            (Some(d), None) => current = Some(Run { start: i, end: i + c.len_utf8(), digits: vec![d] }),
            (None, _) => out.extend(current.take()),
        }
    }
    out.extend(current);
    out
}

fn is_mobile(digits: &[u8]) -> bool {
    digits.len() == 11 && digits[0] == 1 && (3..=9).contains(&digits[1])
}

/// GB 11643: the 18th character is fixed by the first 17.
fn id_check_char(first17: &[u8]) -> char {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
    let sum: u32 = first17.iter().zip(WEIGHTS).map(|(d, w)| u32::from(*d) * w).sum();
    CHECK[(sum % 11) as usize]
}

fn text_of(digits: &[u8]) -> String {
    digits.iter().map(|d| char::from(b'0' + d)).collect()
}

fn mobile_finding(offset: usize, digits: &[u8], public: &[String]) -> Option<Finding> {
    let number = text_of(digits);
    if public.contains(&number) {
        return None;
    }
    let masked = format!("{}****{}", &number[..3], &number[7..]);
    Some(Finding {
        offset,
        message: format!(
            "这里有一个手机号码（{masked}）：信息公开不得公开群众的个人信息。请隐去中间四位，写成“{masked}”；如果这是应当公开的办公电话，请把它加到 content/site.yaml 的 public_numbers 中"
        ),
    })
}

fn id_finding(offset: usize, id: &str) -> Finding {
    let masked = format!("{}********{}", &id[..6], &id[14..]);
    Finding {
        offset,
        message: format!(
            "这里有一个居民身份证号码（{masked}）：信息公开不得公开群众的个人信息。请删除，或只保留前6位和后4位，写成“{masked}”"
        ),
    }
}

/// Every mobile and ID number in `text`, in order.
pub fn find(text: &str, public: &[String]) -> Vec<Finding> {
    let runs = runs(text);
    let mut found = Vec::new();
    let mut skip_until = 0;
    for (k, run) in runs.iter().enumerate() {
        if run.start < skip_until {
            continue;
        }
        let after = text[run.end..].chars().next();
        let before = text[..run.start].chars().next_back();
        let letter = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
        match run.digits.len() {
            11 if is_mobile(&run.digits) => found.extend(mobile_finding(run.start, &run.digits, public)),
            18 if !letter(before) && !letter(after) => {
                let check = id_check_char(&run.digits[..17]);
                if char::from(b'0' + run.digits[17]) == check {
                    found.push(id_finding(run.start, &text_of(&run.digits)));
                }
            }
            17 if matches!(after, Some('X' | 'x' | 'Ｘ' | 'ｘ')) && !letter(before) => {
                let past_x = text[run.end..].chars().nth(1);
                if id_check_char(&run.digits) == 'X' && !letter(past_x) && past_x.and_then(digit).is_none() {
                    found.push(id_finding(run.start, &format!("{}X", text_of(&run.digits))));
                }
            }
            // 138-0436-1234, 138 0436 1234: one separator, the same twice.
            3 => {
                let grouped = (|| {
                    let (b, c) = (runs.get(k + 1)?, runs.get(k + 2)?);
                    let sep = &text[run.end..b.start];
                    let ok = matches!(sep, "-" | " " | "－")
                        && &text[b.end..c.start] == sep
                        && b.digits.len() == 4
                        && c.digits.len() == 4;
                    // Not the middle of a longer grouping (a date, an account number).
                    let mut after_c = text[c.end..].chars();
                    let continues = match (after_c.next(), after_c.next()) {
                        (Some(n), _) if digit(n).is_some() => true,
                        (Some(n), Some(m)) => n.to_string() == sep && digit(m).is_some(),
                        _ => false,
                    };
                    let mut before_a = text[..run.start].chars().rev();
                    let follows = match (before_a.next(), before_a.next()) {
                        (Some(p), Some(q)) => p.to_string() == sep && digit(q).is_some(),
                        _ => false,
                    };
                    (ok && !continues && !follows).then_some(c.end)
                })();
                let digits: Vec<u8> =
                    runs.iter().skip(k).take(3).flat_map(|r| r.digits.iter().copied()).collect();
                if let Some(end) = grouped.filter(|_| is_mobile(&digits)) {
                    found.extend(mobile_finding(run.start, &digits, public));
                    skip_until = end;
                }
            }
            _ => {}
        }
    }
    found
}

/// The personal information in the file `rel`, whose whole text is `text`,
/// each an error at its line and column. The whole file is read, comments
/// too: content folders are shared and kept, not only published.
pub fn scan_file(rel: &str, text: &str, public: &[String]) -> Vec<Diagnostic> {
    find(text, public)
        .into_iter()
        .map(|f| {
            let before = &text[..f.offset];
            let line = before.matches('\n').count() + 1;
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            // A byte-order mark is not a column.
            let column = before[line_start..].trim_start_matches('\u{feff}').chars().count() + 1;
            Diagnostic::error(rel, Some(Pos::new(line, column)), f.message)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<usize> {
        find(text, &[]).into_iter().map(|f| f.offset).collect()
    }

    /// A valid resident ID number with the check digit computed here.
    fn id(first17: &str) -> String {
        let digits: Vec<u8> = first17.bytes().map(|b| b - b'0').collect();
        format!("{first17}{}", id_check_char(&digits))
    }

    #[test]
    fn mobile_numbers_in_every_way_they_are_written() {
        assert_eq!(found("举报人电话13804361234。"), [15]);
        assert_eq!(found("13804361234"), [0]);
        assert_eq!(found("电话：138-0436-1234"), [9]);
        assert_eq!(found("电话 138 0436 1234，"), [7]);
        assert_eq!(found("电话１３８０４３６１２３４"), [6]);
        assert_eq!(found("+86 13804361234"), [4]);
        let message = &find("13804361234", &[])[0].message;
        assert!(message.contains("138****1234") && !message.contains("13804361234"), "{message}");
    }

    #[test]
    fn what_is_not_a_mobile_number() {
        // Masked, a landline, 10 or 12 digits, inside a longer run, not 13–19.
        for text in [
            "138****1234",
            "138××××1234",
            "0436-3206855",
            "043632068551",
            "1380436123",
            "138043612345",
            "8613804361234",
            "12804361234",
            "10804361234",
            "2023-1234-5678",
            "编号 20231130 0001",
            "138-0436-1234-5",
            "9-138-0436-1234",
            "138-0436 1234",
        ] {
            assert_eq!(found(text), Vec::<usize>::new(), "{text}");
        }
    }

    #[test]
    fn public_numbers_pass() {
        assert!(find("办公电话 13804361234", &["13804361234".into()]).is_empty());
        assert!(find("办公电话 138-0436-1234", &["13804361234".into()]).is_empty());
        assert_eq!(find("13804361235", &["13804361234".into()]).len(), 1);
    }

    #[test]
    fn resident_id_numbers_by_their_check_digit() {
        let good = id("22080219850312003");
        assert_eq!(found(&format!("身份证号{good}。")), [12]);
        let message = &find(&good, &[])[0].message;
        assert!(message.contains("220802********") && !message.contains(&good), "{message}");
        // One whose check digit is X, in either case.
        let x = (0..1000).map(|n| id(&format!("2208021985031{n:04}"))).find(|i| i.ends_with('X')).unwrap();
        assert_eq!(found(&x).len(), 1);
        assert_eq!(found(&x.to_lowercase()).len(), 1);
        // A wrong check digit: an 18-digit serial number, not an ID.
        let last = good.chars().last().unwrap();
        let wrong = format!("{}{}", &good[..17], if last == '1' { '2' } else { '1' });
        assert!(found(&wrong).is_empty(), "{wrong}");
        // Masked, 17 or 19 digits, inside letters.
        assert!(found(&format!("{}********{}", &good[..6], &good[14..])).is_empty());
        assert!(found(&good[..17]).is_empty());
        assert!(found(&format!("{good}7")).is_empty());
        assert!(found(&format!("9{good}")).is_empty());
        assert!(found(&format!("NO{good}")).is_empty());
    }

    #[test]
    fn positions_in_a_file_are_line_and_column() {
        let diags = scan_file("a.md", "---\ntitle: 标题\n---\n联系电话：13804361234\n", &[]);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].pos, Some(Pos::new(4, 6)));
    }
}
