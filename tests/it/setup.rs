//! The README's test command sets up what the tests need itself
//! (tests/setup.sh): run again, it finds everything in place and changes
//! nothing.

use std::path::Path;
use std::process::Command;
use std::time::SystemTime;

fn setup() -> String {
    let out = Command::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/setup.sh")).output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    said
}

fn modified(path: &Path) -> SystemTime {
    std::fs::metadata(path).and_then(|m| m.modified()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_setup_step_run_twice_does_nothing_the_second_time() {
    setup();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), Into::into);
    let marks = [
        root.join("node_modules/.gongkai-installed"),
        root.join("node_modules/playwright-core/package.json"),
        target.join("test-deps/python/.gongkai-installed"),
    ];
    let before: Vec<SystemTime> = marks.iter().map(|m| modified(m)).collect();
    let again = setup();
    let lines: Vec<&str> = again.lines().collect();
    assert_eq!(lines.len(), 3, "{again}");
    assert!(lines.iter().all(|l| l.starts_with("已就绪：")), "the second run installed something:\n{again}");
    let after: Vec<SystemTime> = marks.iter().map(|m| modified(m)).collect();
    assert_eq!(before, after, "the second run touched the installed packages");
}
