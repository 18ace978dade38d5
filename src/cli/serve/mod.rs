//! `gongkai serve`: serves the site on 127.0.0.1, made again when a file
//! under `content/` or `themes/` changes: only the files that changed are
//! read again, and each page is made when it is asked for (see
//! [`crate::preview`]); then every page and link is checked in the
//! background, as a build checks them. Nothing is written: `public/` is
//! only read, for the manifest of the last build, so the 本次更新 page
//! previews what the next build will say.
//!
//! Every served page carries a small script that long-polls
//! `/__gongkai/poll?since=<generation>`; the answer comes when the site
//! has been rebuilt (or the errors changed), and the page reloads. When a
//! rebuild fails, the last good build keeps being served, with the errors
//! (file:line:column and message) laid over every page and printed in the
//! terminal.

mod http;

use super::{EXIT_USAGE, ServeArgs, error_summary, print_diagnostics, release_in_default_out, resolve_as_of};
use crate::content::Changed;
use crate::diagnostics::Diagnostic;
use crate::model::release::ReleaseHistory;
use crate::preview::{Generation, Preview};
use notify::{RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use tiny_http::{Header, Method, Request, Response, Server};

const DEFAULT_PORT: u16 = 8000;
/// Ports tried after a busy default.
const PORTS_TRIED: u16 = 20;
/// Quiet time after the last change before rebuilding (editors save in bursts).
const DEBOUNCE: Duration = Duration::from_millis(120);
/// The longest wait for quiet after the first change.
const MAX_DEBOUNCE: Duration = Duration::from_secs(1);
/// More paths changed at once than a save makes: a checkout, a copy.
const MAX_NAMED: usize = 1000;
/// How long a reload poll waits before answering "no change".
const POLL_WAIT: Duration = Duration::from_secs(25);
/// Polls waiting at once; more are answered at once (each holds a thread).
const MAX_WAITING_POLLS: usize = 64;

/// What is served: the last good site, and the errors of the last rebuild
/// if it failed (or of the check of the site served). `generation` counts
/// changes of either.
struct State {
    generation: u64,
    site: Option<Arc<Generation>>,
    errors: Arc<Vec<Diagnostic>>,
    waiting: usize,
}

struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

pub fn run(args: ServeArgs) -> u8 {
    let root = args.common.root.clone();
    if !root.join("content").is_dir() {
        eprintln!(
            "错误：{} 下没有 content/ 文件夹。请在网站根目录下运行，或用 --root 指定；新建网站请用 gongkai init 目录",
            root.display()
        );
        return EXIT_USAGE;
    }
    if let Err(msg) = resolve_as_of(args.common.as_of.as_deref()) {
        eprintln!("错误：{msg}");
        return EXIT_USAGE;
    }
    let (server, port) = match bind(args.port) {
        Ok(bound) => bound,
        Err(msg) => {
            eprintln!("错误：{msg}");
            return EXIT_USAGE;
        }
    };
    let base_url = format!("http://127.0.0.1:{port}/");
    let shared = Arc::new(Shared {
        state: Mutex::new(State { generation: 0, site: None, errors: Arc::new(Vec::new()), waiting: 0 }),
        changed: Condvar::new(),
    });
    let builder = Builder {
        root: root.clone(),
        as_of: args.common.as_of.clone(),
        preview: Mutex::new(Preview::new(root.clone(), base_url.clone())),
        checking: Mutex::new(None),
        earlier: Mutex::new(None),
    };
    // Watched before the first build, so that a save during it is seen;
    // watched where its events are compared: the root made absolute.
    let watcher = match watch(&super::paths::absolute(&root)) {
        Ok(w) => w,
        Err(msg) => {
            eprintln!("错误：{msg}");
            return EXIT_USAGE;
        }
    };
    builder.rebuild(&shared, "生成网站", &Changed::Anything);
    eprintln!("预览地址：{base_url}（只能在本机访问；修改内容或主题后页面自动刷新；按 Ctrl+C 停止）");
    {
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || rebuild_on_change(watcher, &builder, &shared));
    }
    for request in server.incoming_requests() {
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || respond(&shared, request));
    }
    0
}

/// Binds 127.0.0.1: the given port (0: any free one), else 8000 or the
/// next free one after it.
fn bind(port: Option<u16>) -> Result<(Server, u16), String> {
    let candidates: Vec<u16> = match port {
        Some(p) => vec![p],
        None => (DEFAULT_PORT..DEFAULT_PORT + PORTS_TRIED).collect(),
    };
    for (i, &p) in candidates.iter().enumerate() {
        if let Ok(server) = Server::http(("127.0.0.1", p)) {
            let bound = server.server_addr().to_ip().map(|a| a.port()).unwrap_or(p);
            if i > 0 {
                eprintln!("端口 {DEFAULT_PORT} 已被占用，改用端口 {bound}。");
            }
            return Ok((server, bound));
        }
    }
    Err(match port {
        Some(p) => {
            format!("无法使用端口 {p}（可能已被其他程序占用），请用 --port 换一个端口，例如 --port 8080")
        }
        None => format!(
            "端口 {DEFAULT_PORT}–{} 都已被占用，请用 --port 指定一个空闲端口",
            DEFAULT_PORT + PORTS_TRIED - 1
        ),
    })
}

struct Builder {
    root: PathBuf,
    as_of: Option<String>,
    preview: Mutex<Preview>,
    /// Set to stop the check of the site served when it is replaced.
    checking: Mutex<Option<Arc<AtomicBool>>>,
    /// The release the last build in `public/` recorded, with the size and
    /// time of its manifest: read again only when the manifest changes (a
    /// province's takes a tenth of a second to read).
    earlier: Mutex<Option<(Option<Stamp>, Option<ReleaseHistory>)>>,
}

type Stamp = (u64, Option<std::time::SystemTime>);

impl Builder {
    /// Makes the site again and publishes it, then checks it in the
    /// background; prints what happened.
    fn rebuild(&self, shared: &Arc<Shared>, what: &str, changed: &Changed) {
        let started = Instant::now();
        // Today may have changed since the preview started.
        let as_of = match resolve_as_of(self.as_of.as_deref()) {
            Ok(d) => d,
            Err(msg) => {
                eprintln!("错误：{msg}");
                return;
            }
        };
        let earlier = self.earlier();
        // The check of the site served is of no use now, and would slow this.
        if let Some(stop) = self.checking.lock().unwrap_or_else(|e| e.into_inner()).take() {
            stop.store(true, Ordering::Relaxed);
        }
        let site = self.preview.lock().unwrap_or_else(|e| e.into_inner()).generation(as_of, earlier, changed);
        print_diagnostics(&site.diags);
        let (errors, warnings) = error_summary(&site.diags);
        let seconds = started.elapsed().as_secs_f64();
        let mut state = shared.lock();
        if site.is_site() {
            eprintln!(
                "{what}：成功，用时 {seconds:.2} 秒（统计日期 {as_of}；警告 {warnings} 个）。正在后台检查全部页面和链接……"
            );
            let site = Arc::new(site);
            state.site = Some(Arc::clone(&site));
            state.errors = Arc::new(Vec::new());
            state.generation += 1;
            shared.changed.notify_all();
            drop(state);
            let stop = Arc::new(AtomicBool::new(false));
            *self.checking.lock().unwrap_or_else(|e| e.into_inner()) = Some(Arc::clone(&stop));
            let shared = Arc::clone(shared);
            std::thread::spawn(move || check(&shared, &site, stop));
            return;
        }
        eprintln!(
            "{what}：失败，{errors} 个错误（见上）。{}",
            if state.site.is_some() {
                "浏览器中继续显示上次成功生成的网站，并显示错误。"
            } else {
                ""
            }
        );
        let errors = Arc::new(site.diags.into_iter().filter(Diagnostic::is_error).collect::<Vec<_>>());
        if *errors != *state.errors {
            state.errors = errors;
            state.generation += 1;
            shared.changed.notify_all();
        }
    }

    /// The release of the last build in `public/`, which the 本次更新 page
    /// compares with.
    fn earlier(&self) -> Option<ReleaseHistory> {
        let manifest = self.root.join("public").join(crate::output::write::MANIFEST);
        let stamp = std::fs::metadata(manifest).ok().map(|m| (m.len(), m.modified().ok()));
        let mut held = self.earlier.lock().unwrap_or_else(|e| e.into_inner());
        if held.as_ref().is_none_or(|(s, _)| *s != stamp) {
            *held = Some((stamp, release_in_default_out(&self.root)));
        }
        held.as_ref().and_then(|(_, release)| release.clone())
    }
}

/// Checks every page and link of the site served, as a build would, and
/// shows the errors over its pages; unless it is replaced first.
fn check(shared: &Shared, site: &Arc<Generation>, stop: Arc<AtomicBool>) {
    let started = Instant::now();
    let diags = site.check(Arc::clone(&stop));
    if stop.load(Ordering::Relaxed) {
        return;
    }
    let (errors, warnings) = error_summary(&diags);
    let seconds = started.elapsed().as_secs_f64();
    if errors > 0 {
        let mut state = shared.lock();
        if state.site.as_ref().is_some_and(|s| Arc::ptr_eq(s, site)) {
            state.errors = Arc::new(diags.iter().filter(|d| d.is_error()).cloned().collect());
            state.generation += 1;
            shared.changed.notify_all();
        }
    }
    print_diagnostics(&diags);
    if errors == 0 {
        eprintln!("检查完成：全部页面和链接没有错误，用时 {seconds:.2} 秒（警告 {warnings} 个）");
    } else {
        eprintln!("检查完成：发现 {errors} 个错误（见上），用时 {seconds:.2} 秒。发布前请先改正。");
    }
}

/// Watches `content/` and `themes/` (and the root, to notice `themes/`
/// being created); the events arrive on the returned channel, and so do
/// the watcher's errors (changes may then have been missed).
fn watch(
    root: &Path,
) -> Result<(notify::RecommendedWatcher, mpsc::Receiver<notify::Result<notify::Event>>), String> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let _ = tx.send(event);
    })
    .map_err(|e| format!("无法监视文件变化：{}", watch_reason(&e)))?;
    watcher
        .watch(&root.join("content"), RecursiveMode::Recursive)
        .map_err(|e| format!("无法监视 content/ 的变化：{}", watch_reason(&e)))?;
    let _ = watcher.watch(root, RecursiveMode::NonRecursive);
    if root.join("themes").is_dir() {
        let _ = watcher.watch(&root.join("themes"), RecursiveMode::Recursive);
    }
    Ok((watcher, rx))
}

/// Why watching failed, in Chinese where the kind is known.
fn watch_reason(e: &notify::Error) -> String {
    match &e.kind {
        notify::ErrorKind::Io(io) => crate::diagnostics::io_reason(io),
        notify::ErrorKind::PathNotFound => "文件夹不存在".to_string(),
        notify::ErrorKind::MaxFilesWatch => {
            "系统允许监视的文件数已用完（Linux 可调大 fs.inotify.max_user_watches）".to_string()
        }
        _ => e.to_string(),
    }
}

/// Whether an event can change the site: a change under `content/` or
/// `themes/` (reading a file changes nothing), or an error of the watcher.
fn relevant(root: &Path, event: &notify::Result<notify::Event>) -> bool {
    let Ok(event) = event else { return true };
    // Events were lost (inotify's queue overflowed): it names no path.
    if event.need_rescan() {
        return true;
    }
    if matches!(event.kind, notify::EventKind::Access(_)) {
        return false;
    }
    let content = root.join("content");
    let themes = root.join("themes");
    event.paths.iter().any(|p| p.starts_with(&content) || p.starts_with(&themes))
}

/// Adds the paths an event names to `changed`, relative to `root`. After
/// an error, an event that says changes were missed, a path outside the
/// root or not plainly spelled (`..`, not UTF-8), or more paths than a
/// save makes (Windows drops events silently when overwhelmed), anything
/// may have changed.
fn add_paths(changed: &mut Changed, root: &Path, event: notify::Result<notify::Event>) {
    let Changed::Only(paths) = changed else { return };
    let plain = |p: &Path| -> Option<String> {
        let names: Option<Vec<&str>> = p
            .strip_prefix(root)
            .ok()?
            .components()
            .map(|c| match c {
                std::path::Component::Normal(name) => name.to_str(),
                _ => None,
            })
            .collect();
        names.map(|names| names.join("/"))
    };
    let named: Option<Vec<String>> = match event {
        Ok(event) if !event.need_rescan() => event.paths.iter().map(|p| plain(p)).collect(),
        _ => None,
    };
    match named {
        Some(named) if paths.len() + named.len() <= MAX_NAMED => paths.extend(named),
        _ => *changed = Changed::Anything,
    }
}

fn rebuild_on_change(
    (mut watcher, events): (notify::RecommendedWatcher, mpsc::Receiver<notify::Result<notify::Event>>),
    builder: &Builder,
    shared: &Arc<Shared>,
) {
    // Event paths are absolute; compare with an absolute root.
    let root = super::paths::absolute(&builder.root);
    let mut watching_themes = root.join("themes").is_dir();
    while let Ok(event) = events.recv() {
        if !relevant(&root, &event) {
            continue;
        }
        let mut changed = Changed::Only(Default::default());
        add_paths(&mut changed, &root, event);
        // Wait until the saving is over, but not for ever under a stream
        // of changes; the events that follow make the next rebuild.
        let first = Instant::now();
        let mut last = first;
        loop {
            let until = (last + DEBOUNCE).min(first + MAX_DEBOUNCE);
            match events.recv_timeout(until.saturating_duration_since(Instant::now())) {
                Ok(event) if relevant(&root, &event) => {
                    add_paths(&mut changed, &root, event);
                    last = Instant::now();
                }
                Ok(_) => {}
                Err(mpsc::RecvTimeoutError::Timeout) => break,
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            }
        }
        if !watching_themes && root.join("themes").is_dir() {
            watching_themes = watcher.watch(&root.join("themes"), RecursiveMode::Recursive).is_ok();
        }
        builder.rebuild(shared, "文件有变化，重新生成", &changed);
    }
}

fn respond(shared: &Shared, request: Request) {
    let response = answer(shared, &request);
    let _ = request.respond(response);
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("ASCII header")
}

fn text(status: u16, body: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(body.as_bytes().to_vec())
        .with_status_code(status)
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
        .with_header(header("Cache-Control", "no-store"))
}

fn answer(shared: &Shared, request: &Request) -> Response<std::io::Cursor<Vec<u8>>> {
    if request.url().len() > http::MAX_URL {
        return text(414, "请求的网址太长。\n");
    }
    if !matches!(request.method(), Method::Get | Method::Head) {
        return text(405, "预览服务器只接受 GET 和 HEAD 请求。\n").with_header(header("Allow", "GET, HEAD"));
    }
    let target = match http::parse_target(request.url()) {
        Ok(t) => t,
        Err(http::Refusal::TooLong) => return text(414, "请求的网址太长。\n"),
        Err(http::Refusal::BadPath) => return text(400, "请求的网址无效。\n"),
    };
    if target.path == "__gongkai/poll" {
        let since =
            target.query.as_deref().and_then(|q| q.strip_prefix("since=")).and_then(|n| n.parse().ok());
        return text(200, &poll(shared, since).to_string());
    }
    if target.path.starts_with(http::RESERVED) {
        return text(404, "没有这个页面。\n");
    }
    let (generation, site, errors) = {
        let state = shared.lock();
        (state.generation, state.site.clone(), Arc::clone(&state.errors))
    };
    let overlay = (!errors.is_empty()).then(|| http::overlay(&errors, site.is_some()));
    let Some(site) = site else {
        let page = http::inject(http::failed_page().as_bytes(), generation, overlay.as_deref());
        return file_response(500, "failed.html", page);
    };
    let path = &target.path;
    let key = if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.clone() };
    if let Some(bytes) = site.file(&key) {
        let body =
            if key.ends_with(".html") { http::inject(&bytes, generation, overlay.as_deref()) } else { bytes };
        return file_response(200, &key, body);
    }
    // A folder without its final `/`: redirect, so its relative links work.
    if site.has(&format!("{path}/index.html")) {
        // From the decoded path: the URL as sent may already be encoded.
        let location = format!("/{}/", crate::urls::encode_path(path));
        return text(301, "").with_header(header("Location", &location));
    }
    match site.file("404.html") {
        Some(page) => file_response(404, "404.html", http::inject(&page, generation, overlay.as_deref())),
        None => text(404, "没有这个页面。\n"),
    }
}

fn file_response(status: u16, path: &str, body: Vec<u8>) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", http::content_type(path)))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
}

/// Waits until the generation differs from `since` (or a while passes) and
/// returns the current one.
fn poll(shared: &Shared, since: Option<u64>) -> u64 {
    let mut state = shared.lock();
    let Some(since) = since else { return state.generation };
    if state.generation != since || state.waiting >= MAX_WAITING_POLLS {
        return state.generation;
    }
    state.waiting += 1;
    let deadline = Instant::now() + POLL_WAIT;
    while state.generation == since {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        state = shared.changed.wait_timeout(state, left).unwrap_or_else(|e| e.into_inner()).0;
    }
    state.waiting -= 1;
    state.generation
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, EventKind, Flag, ModifyKind};

    fn event(kind: EventKind, paths: &[&str]) -> notify::Result<notify::Event> {
        Ok(paths.iter().fold(notify::Event::new(kind), |e, p| e.add_path(PathBuf::from(p))))
    }

    fn modified(paths: &[&str]) -> notify::Result<notify::Event> {
        event(EventKind::Modify(ModifyKind::Any), paths)
    }

    fn told(events: Vec<notify::Result<notify::Event>>) -> Changed {
        let mut changed = Changed::Only(Default::default());
        for e in events {
            add_paths(&mut changed, Path::new("/site"), e);
        }
        changed
    }

    #[test]
    fn the_paths_an_event_names_are_told_relative_to_the_root() {
        let changed = told(vec![
            modified(&["/site/content/notes/2024/a.md"]),
            modified(&["/site/content/notes/2024/.a.md.swp", "/site/themes/x/templates/base.html"]),
        ]);
        let Changed::Only(paths) = changed else { panic!("{changed:?}") };
        let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
        assert_eq!(
            paths,
            ["content/notes/2024/.a.md.swp", "content/notes/2024/a.md", "themes/x/templates/base.html"]
        );
    }

    #[test]
    fn after_lost_events_an_error_or_an_odd_path_anything_may_have_changed() {
        let lost = || Ok(notify::Event::new(EventKind::Other).set_flag(Flag::Rescan));
        let error = || Err(notify::Error::generic("watch failed"));
        let too_many: Vec<String> = (0..=MAX_NAMED).map(|i| format!("/site/content/notes/{i}.md")).collect();
        let cases = [
            ("lost events", vec![lost()]),
            ("an error", vec![modified(&["/site/content/notes/a.md"]), error()]),
            ("outside the root", vec![modified(&["/elsewhere/content/notes/a.md"])]),
            ("a `..`", vec![modified(&["/site/content/../content/notes/a.md"])]),
            ("a checkout", too_many.iter().map(|p| modified(&[p.as_str()])).collect()),
        ];
        for (what, events) in cases {
            assert!(matches!(told(events), Changed::Anything), "{what}");
        }
        // Lost events name no path, but must not be ignored.
        assert!(relevant(Path::new("/site"), &lost()));
        assert!(relevant(Path::new("/site"), &error()));
    }

    #[cfg(unix)]
    #[test]
    fn a_name_that_is_not_utf8_means_anything_may_have_changed() {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"/site/content/notes/\xff.md");
        let event = Ok(notify::Event::new(EventKind::Modify(ModifyKind::Any)).add_path(PathBuf::from(name)));
        assert!(matches!(told(vec![event]), Changed::Anything));
    }

    #[test]
    fn reading_a_file_or_a_change_outside_content_and_themes_is_no_change() {
        let root = Path::new("/site");
        assert!(!relevant(root, &event(EventKind::Access(AccessKind::Any), &["/site/content/notes/a.md"])));
        assert!(!relevant(root, &modified(&["/site/public/index.html"])));
        assert!(relevant(root, &modified(&["/site/content/notes/a.md"])));
        assert!(relevant(root, &modified(&["/site/themes/x/templates/base.html"])));
    }
}
