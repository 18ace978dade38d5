//! Runs tests/tools/check_open_data.py, the project's independent check of
//! feeds (Python's feedparser) and calendars (Python's icalendar).
#![allow(dead_code)]

use super::Built;
use std::path::Path;
use std::process::Command;

/// Runs the project's checker (feedparser and icalendar in Python) and
/// returns its report; fails with the checker's errors.
pub fn python_check(site: &Built, base: &str, files: &[String]) -> serde_json::Value {
    let probe = python3().args(["-c", "import feedparser, icalendar"]).output();
    match probe {
        Ok(out) if out.status.success() => {}
        _ => panic!(
            "These tests need python3 with the feedparser and icalendar packages: \
             run tests/setup.sh (./test.sh runs it first)"
        ),
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/check_open_data.py");
    let out = python3().arg(script).arg(site.out()).arg(base).args(files).output().expect("run python3");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("checker output: {e}\n{}", String::from_utf8_lossy(&out.stderr)));
    assert!(out.status.success(), "feed/calendar check failed: {:#}", report["errors"]);
    report
}

/// python3 with the packages tests/setup.sh installs into the target folder.
fn python3() -> Command {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let mut paths = vec![target.join("test-deps/python")];
    paths.extend(std::env::var_os("PYTHONPATH").iter().flat_map(std::env::split_paths));
    let mut command = Command::new("python3");
    command.env("PYTHONPATH", std::env::join_paths(paths).unwrap_or_default());
    command
}

pub fn all_feeds(site: &Built) -> Vec<String> {
    let mut feeds = vec!["feed.xml".to_string(), "updates/status.xml".to_string()];
    let mut issues: Vec<String> = std::fs::read_dir(site.out().join("issues"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("feed.xml").exists())
        .map(|e| format!("issues/{}/feed.xml", e.file_name().to_string_lossy()))
        .collect();
    issues.sort();
    feeds.extend(issues);
    feeds
}
