//! What a build changed in the output folder, file by file, against the
//! build before it (from the two manifests), so that the uploader copies
//! only those files and deletes the removed ones from the server.
//!
//! The change list (`build --changes FILE`) has one line per file, sorted
//! by path: `A path` added, `M path` changed, `D path` removed; paths are
//! relative to the output folder, `/`-separated, UTF-8, LF line ends. The
//! manifest itself is never listed.

use super::manifest::Manifest;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    Added,
    Modified,
    Removed,
}

impl Change {
    pub fn code(self) -> char {
        match self {
            Change::Added => 'A',
            Change::Modified => 'M',
            Change::Removed => 'D',
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Change::Added => "新增",
            Change::Modified => "修改",
            Change::Removed => "删除",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    pub change: Change,
    pub path: String,
}

/// The files added, changed and removed from `before` to `after`, by path.
pub fn between(before: &Manifest, after: &Manifest) -> Vec<FileChange> {
    let old: BTreeMap<&str, (&str, u64)> =
        before.files.iter().map(|e| (e.path.as_str(), (e.sha256.as_str(), e.size))).collect();
    let new: BTreeMap<&str, (&str, u64)> =
        after.files.iter().map(|e| (e.path.as_str(), (e.sha256.as_str(), e.size))).collect();
    let mut changes: Vec<FileChange> = new
        .iter()
        .filter_map(|(path, now)| {
            match old.get(path) {
                None => Some(Change::Added),
                Some(was) if was != now => Some(Change::Modified),
                Some(_) => None,
            }
            .map(|change| FileChange { change, path: path.to_string() })
        })
        .collect();
    changes.extend(
        old.keys()
            .filter(|p| !new.contains_key(*p))
            .map(|p| FileChange { change: Change::Removed, path: p.to_string() }),
    );
    changes.sort_by(|a, b| a.path.cmp(&b.path));
    changes
}

/// Every file of `after` as added: the change list of a first build.
pub fn all_added(after: &Manifest) -> Vec<FileChange> {
    after.files.iter().map(|e| FileChange { change: Change::Added, path: e.path.clone() }).collect()
}

/// The change list file: `A path` / `M path` / `D path`, one per line.
pub fn list(changes: &[FileChange]) -> String {
    changes.iter().map(|c| format!("{} {}\n", c.change.code(), c.path)).collect()
}

/// How many files of each kind changed.
pub fn count(changes: &[FileChange], kind: Change) -> usize {
    changes.iter().filter(|c| c.change == kind).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::manifest::Entry;

    fn manifest(files: &[(&str, &str)]) -> Manifest {
        Manifest {
            generator: "gongkai".into(),
            version: "0".into(),
            as_of: "2024-01-01".into(),
            files: files
                .iter()
                .map(|(p, h)| Entry { path: p.to_string(), size: h.len() as u64, sha256: h.to_string() })
                .collect(),
            release: None,
        }
    }

    #[test]
    fn added_changed_removed_by_path() {
        let before = manifest(&[("a.html", "1"), ("b.html", "2"), ("c/d.html", "3")]);
        let after = manifest(&[("a.html", "1"), ("b.html", "9"), ("c/e.html", "4")]);
        let ch = between(&before, &after);
        assert_eq!(list(&ch), "M b.html\nD c/d.html\nA c/e.html\n");
        assert_eq!(
            (count(&ch, Change::Added), count(&ch, Change::Modified), count(&ch, Change::Removed)),
            (1, 1, 1)
        );
        assert!(between(&after, &after).is_empty());
        assert_eq!(list(&all_added(&before)), "A a.html\nA b.html\nA c/d.html\n");
    }
}
