//! The `serve` benchmark (run by `bench/serve.sh`): how long the preview
//! takes to make the site again after one note is saved, as `gongkai serve`
//! does after each save (told which file changed, as its file watcher
//! tells it), without the background check that competes for
//! the CPU. Prints a table: the first build, then each save (a line added
//! to a note, then the note as it was), with the median.
//!
//! usage: cargo run --release --example preview_rebuild -- SITE_ROOT [SAVES]

use gongkai::content::Changed;
use gongkai::preview::Preview;
use std::path::PathBuf;
use std::time::Instant;

// As the gongkai binary.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().expect("usage: preview_rebuild SITE_ROOT [SAVES]"));
    let saves: usize = args.next().map(|n| n.parse().expect("SAVES is a number")).unwrap_or(6);
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).expect("a date");
    let note = first_note(&root.join("content/notes")).expect("a note under content/notes");
    let original = std::fs::read(&note).expect("read the note");

    let mut preview = Preview::new(root.clone(), "http://127.0.0.1:8000/".to_string());
    let started = Instant::now();
    let site = preview.generation(as_of, None, &Changed::Anything);
    assert!(site.is_site(), "the site has errors: {:?}", site.diags.first());
    let first = started.elapsed().as_secs_f64() * 1000.0;
    drop(site);

    // What serve's file watcher reports after the save.
    let rel = note.strip_prefix(&root).expect("under the root").to_string_lossy().replace('\\', "/");
    let changed = Changed::Only([rel].into());
    let mut times = Vec::new();
    for save in 0..saves {
        let mut text = original.clone();
        if save % 2 == 0 {
            text.extend_from_slice(format!("\n补充说明第 {save} 次。\n").as_bytes());
        }
        std::fs::write(&note, &text).expect("save the note");
        let started = Instant::now();
        let site = preview.generation(as_of, None, &changed);
        // The page of the note saved, as the browser asks for it next.
        let slug = note.file_stem().and_then(|s| s.to_str()).expect("a slug");
        let page = site.file(&format!("updates/{slug}/index.html"));
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        assert!(page.is_some(), "no page for the note saved");
    }
    std::fs::write(&note, &original).expect("restore the note");
    times.sort_by(f64::total_cmp);
    println!("| first build ms | saves | median after a save ms | fastest ms | slowest ms |");
    println!("|---:|---:|---:|---:|---:|");
    println!(
        "| {first:.0} | {saves} | {:.0} | {:.0} | {:.0} |",
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    );
}

/// The first note file, in path order.
fn first_note(dir: &std::path::Path) -> Option<PathBuf> {
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(dir).ok()?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    entries.into_iter().find_map(|p| {
        if p.is_dir() { first_note(&p) } else { Some(p).filter(|p| p.extension().is_some_and(|e| e == "md")) }
    })
}
