//! Shared helpers for the integration tests: run the real `gongkai` binary
//! on fixture sites and read what it wrote.
#![allow(dead_code)]

pub mod html;
pub mod python;
pub mod search;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The fixture sites live under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// The example site of the repository (its root holds `content/`).
pub fn example_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn gongkai(args: &[&str]) -> Output {
    gongkai_with_tmpdir(args, None)
}

/// As [`gongkai`], with the temporary folder (`TMPDIR`) set to `tmp`.
pub fn gongkai_with_tmpdir(args: &[&str], tmp: Option<&Path>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gongkai"));
    cmd.args(args).env_remove("SOURCE_DATE_EPOCH");
    if let Some(tmp) = tmp {
        cmd.env("TMPDIR", tmp);
    }
    cmd.output().expect("run gongkai")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A built site in a temporary folder, removed when dropped.
pub struct Built {
    pub dir: tempfile::TempDir,
    pub output: Output,
}

impl Built {
    pub fn out(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    pub fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.out().join(path)).unwrap_or_else(|e| panic!("read {path}: {e}"))
    }

    pub fn bytes(&self, path: &str) -> Vec<u8> {
        std::fs::read(self.out().join(path)).unwrap_or_else(|e| panic!("read {path}: {e}"))
    }

    pub fn exists(&self, path: &str) -> bool {
        self.out().join(path).exists()
    }
}

/// Runs `build` of the site at `root` as of `as_of` into `public/` of a
/// fresh folder, whatever its outcome.
pub fn try_build(root: &Path, as_of: &str) -> (tempfile::TempDir, Output) {
    try_build_with(root, as_of, &[])
}

/// As [`try_build`], with more arguments.
pub fn try_build_with(root: &Path, as_of: &str, args: &[&str]) -> (tempfile::TempDir, Output) {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("public");
    let mut all =
        vec!["build", "--root", root.to_str().unwrap(), "--out", out.to_str().unwrap(), "--as-of", as_of];
    all.extend(args);
    let output = gongkai(&all);
    (dir, output)
}

/// Builds the site at `root` as of `as_of` into a fresh folder; panics with
/// the tool's messages if the build fails.
pub fn build(root: &Path, as_of: &str) -> Built {
    let (dir, output) = try_build(root, as_of);
    assert!(output.status.success(), "build of {} failed:\n{}", root.display(), stderr(&output));
    Built { dir, output }
}

/// The fixture that uses every field, as of the date it was written for.
pub fn build_full() -> Built {
    build(&fixture("full"), FULL_AS_OF)
}

pub const FULL_AS_OF: &str = "2024-06-15";

/// A copy of a fixture in a temporary folder, for tests that modify it.
pub fn copy_fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&fixture(name), dir.path());
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}
