//! `gongkai serve` against a real HTTP client: a plain TcpStream that
//! sends the request line exactly as written (URL libraries normalise
//! `..` away, which would hide traversal attempts from the server).

use crate::common;

use scraper::{Html, Selector};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

/// A running `gongkai serve` on a copy of a fixture; killed when dropped.
struct Preview {
    child: Child,
    port: u16,
    site: tempfile::TempDir,
    /// Everything it printed to the terminal so far.
    terminal: Arc<Mutex<Vec<String>>>,
}

impl Preview {
    fn start(fixture: &str) -> Preview {
        Preview::start_with(fixture, &["--port", "0"])
    }

    fn start_with(fixture: &str, args: &[&str]) -> Preview {
        let site = common::copy_fixture(fixture);
        let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .args(["serve", "--root", site.path().to_str().unwrap(), "--as-of", common::FULL_AS_OF])
            .args(args)
            .env_remove("SOURCE_DATE_EPOCH")
            .stderr(Stdio::piped())
            .spawn()
            .expect("start gongkai serve");
        let terminal = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = mpsc::channel();
        let stderr = child.stderr.take().unwrap();
        let lines = Arc::clone(&terminal);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                    let port: String = rest.chars().take_while(char::is_ascii_digit).collect();
                    let _ = tx.send(port.parse::<u16>().unwrap());
                }
                lines.lock().unwrap().push(line);
            }
        });
        let port = rx.recv_timeout(Duration::from_secs(120)).unwrap_or_else(|_| {
            let _ = child.kill();
            panic!("serve printed no address:\n{}", terminal.lock().unwrap().join("\n"))
        });
        Preview { child, port, site, terminal }
    }

    fn root(&self) -> &Path {
        self.site.path()
    }

    fn get(&self, target: &str) -> Reply {
        request(self.port, "GET", target)
    }

    fn terminal(&self) -> String {
        self.terminal.lock().unwrap().join("\n")
    }

    /// Waits until the terminal shows `needle` (its lines arrive through a pipe).
    fn wait_for_terminal(&self, needle: &str) -> String {
        let started = Instant::now();
        loop {
            let terminal = self.terminal();
            if terminal.contains(needle) || started.elapsed() > Duration::from_secs(30) {
                return terminal;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The generation number in the reload script of a served page.
    fn generation(&self) -> u64 {
        generation_of(&self.get("/").text())
    }

    /// Starts a long poll for a change after `since`; the handle gives the
    /// new generation and how long the answer took.
    fn poll(&self, since: u64) -> std::thread::JoinHandle<(u64, Duration)> {
        let port = self.port;
        std::thread::spawn(move || {
            let started = Instant::now();
            let reply = request(port, "GET", &format!("/__gongkai/poll?since={since}"));
            assert_eq!(reply.status, 200);
            (reply.text().trim().parse().unwrap(), started.elapsed())
        })
    }

    /// Changes a file of the site, waits for the rebuild it causes and
    /// returns the new generation.
    fn change(&self, rel: &str, edit: impl FnOnce(String) -> String) -> u64 {
        let before = self.generation();
        let waiting = self.poll(before);
        // Let the poll reach the server before the change.
        std::thread::sleep(Duration::from_millis(300));
        let path = self.root().join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, edit(text)).unwrap();
        let (after, took) = waiting.join().unwrap();
        assert!(after > before, "no rebuild after changing {rel} ({took:?}):\n{}", self.terminal());
        after
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("UTF-8 body")
    }
}

/// Sends `METHOD target HTTP/1.1` as is and reads the whole reply.
fn request(port: u16, method: &str, target: &str) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(90))).unwrap();
    write!(stream, "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read reply");
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("end of headers");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked =
        headers.iter().any(|(n, v)| n.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked {
        body = dechunk(&body);
    }
    Reply { status, headers, body }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line_end = data.windows(2).position(|w| w == b"\r\n").unwrap();
        let size = usize::from_str_radix(String::from_utf8_lossy(&data[..line_end]).trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[line_end + 2..line_end + 2 + size]);
        data = &data[line_end + 2 + size + 2..];
    }
}

fn generation_of(html: &str) -> u64 {
    let rest = html.split("var generation = ").nth(1).expect("reload script in the page");
    rest.split(';').next().unwrap().parse().unwrap()
}

fn select_text(html: &str, css: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let sel = Selector::parse(css).unwrap();
    doc.select(&sel).map(|e| e.text().collect::<String>()).collect()
}

#[test]
fn serves_the_site_from_memory_with_types_and_the_reload_script() {
    let preview = Preview::start("full");
    let home = preview.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(home.header("Content-Type"), Some("text/html; charset=utf-8"));
    assert_eq!(home.header("Cache-Control"), Some("no-store"));
    let html = home.text();
    assert_eq!(select_text(&html, "title"), ["测试市督察整改信息公开"]);
    assert!(html.contains("/__gongkai/poll?since="), "no reload script");
    assert_eq!(generation_of(&html), 1);

    // Directory URLs serve index.html; without the final slash they redirect.
    let issue = preview.get("/issues/03/");
    assert_eq!(issue.status, 200);
    assert_eq!(select_text(&issue.text(), "h1").len(), 1);
    assert!(issue.text().contains("var generation = 1;"));
    let redirect = preview.get("/issues/03");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("Location"), Some("/issues/03/"));
    // Percent-encoded as sent, encoded once in the redirect.
    let encoded = preview.get("/issues/%30%33");
    assert_eq!((encoded.status, encoded.header("Location")), (301, Some("/issues/03/")));
    assert_eq!(preview.get("/issues/03/index.html").body, issue.body);

    // Other files are served as built, with their type.
    let css = preview.get("/assets/style.css");
    assert_eq!((css.status, css.header("Content-Type")), (200, Some("text/css; charset=utf-8")));
    let csv = preview.get("/data/issues.csv");
    assert_eq!(csv.header("Content-Type"), Some("text/csv; charset=utf-8"));
    assert!(csv.body.starts_with(b"\xEF\xBB\xBFid,number,"));
    let pdf = preview.get("/files/plan.pdf");
    assert_eq!(pdf.header("Content-Type"), Some("application/pdf"));
    assert_eq!(pdf.body, std::fs::read(common::fixture("full").join("content/files/plan.pdf")).unwrap());
    let attachment = preview.get("/files/%E6%95%B4%E6%94%B9%E6%B8%85%E5%8D%95.csv");
    assert_eq!(attachment.status, 200, "a file with a Chinese name");

    // A missing page gets the site's 404 page, which reloads too.
    let missing = preview.get("/issues/99/");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("var generation = 1;"));
    assert!(!select_text(&missing.text(), "h1").is_empty());

    // HEAD answers without a body.
    let head = request(preview.port, "HEAD", "/");
    assert_eq!((head.status, head.body.len()), (200, 0));

    // The preview's links work against the preview: the 404 page's absolute
    // links point at the preview, not at the production server.
    let base = format!("http://127.0.0.1:{}/", preview.port);
    assert!(missing.text().contains(&base), "404 links should use {base}");

    // Nothing is written into the site root.
    assert!(!preview.root().join("public").exists());
    assert!(preview.wait_for_terminal("预览地址：").contains("预览地址："), "{}", preview.terminal());
}

#[test]
fn a_changed_note_is_rebuilt_and_signals_the_reload() {
    let preview = Preview::start("full");
    let note = "content/notes/2024/2024-05-20-guanwang.md";
    let page = "/updates/2024-05-20-guanwang/";
    assert_eq!(select_text(&preview.get(page).text(), "h1"), ["园区污水管网建设过半"]);

    // A poll for an old generation answers at once.
    let (now, took) = preview.poll(0).join().unwrap();
    assert_eq!(now, 1);
    assert!(took < Duration::from_secs(10), "{took:?}");

    let after = preview.change(note, |t| t.replace("园区污水管网建设过半", "园区污水管网建设完成六成"));
    assert_eq!(after, 2);
    let html = preview.get(page).text();
    assert_eq!(select_text(&html, "h1"), ["园区污水管网建设完成六成"]);
    assert_eq!(generation_of(&html), 2);
    let terminal = preview.wait_for_terminal("文件有变化，重新生成：成功");
    assert!(terminal.contains("文件有变化，重新生成：成功"), "{terminal}");
    // Still nothing on disk.
    assert!(!preview.root().join("public").exists());
}

#[test]
fn a_theme_folder_made_while_serving_is_watched_too() {
    let preview = Preview::start("full");
    assert!(!preview.root().join("themes").exists());
    let before = preview.generation();
    let waiting = preview.poll(before);
    std::thread::sleep(Duration::from_millis(300));
    let templates = preview.root().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    let page =
        std::fs::read_to_string(common::example_root().join("themes/default/templates/page.html")).unwrap();
    let marked = page.replacen("{% block content %}", "{% block content %}<p id=theme-mark>主题一</p>", 1);
    std::fs::write(templates.join("page.html"), &marked).unwrap();
    let (after, _) = waiting.join().unwrap();
    assert!(after > before, "creating themes/ did not rebuild:\n{}", preview.terminal());
    // The folder and the file may arrive in two rebuilds.
    let started = Instant::now();
    while select_text(&preview.get("/about/").text(), "#theme-mark").is_empty() {
        assert!(started.elapsed() < Duration::from_secs(60), "template not used:\n{}", preview.terminal());
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(select_text(&preview.get("/about/").text(), "#theme-mark"), ["主题一"]);

    // Edits inside the new folder are seen as well.
    preview.change("themes/default/templates/page.html", |t| t.replace("主题一", "主题二"));
    assert_eq!(select_text(&preview.get("/about/").text(), "#theme-mark"), ["主题二"]);
}

#[test]
fn a_content_error_is_shown_in_the_page_and_the_terminal_and_the_last_good_build_stays() {
    let preview = Preview::start("full");
    let note = "content/notes/2024/2024-05-20-guanwang.md";
    let page = "/updates/2024-05-20-guanwang/";
    preview.change(note, |t| t.replace("date: 2024-05-20", "date: 2024-13-45"));

    let html = preview.get(page).text();
    // The last good build is still served…
    assert_eq!(select_text(&html, "main h1"), ["园区污水管网建设过半"]);
    // …with the error laid over it: file, line, column and message.
    let errors = select_text(&html, "#gongkai-errors li");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("content/notes/2024/2024-05-20-guanwang.md:3:7 "), "{errors:?}");
    assert!(errors[0].contains("2024-13-45"), "{errors:?}");
    // Every page shows it, not only the broken one.
    assert_eq!(select_text(&preview.get("/").text(), "#gongkai-errors li"), errors);
    // And the terminal has it in the usual form.
    let needle = "content/notes/2024/2024-05-20-guanwang.md:3:7: 错误:";
    let terminal = preview.wait_for_terminal(needle);
    assert!(terminal.contains(needle), "{terminal}");

    // Fixed: the overlay goes, the page reloads.
    preview.change(note, |t| t.replace("date: 2024-13-45", "date: 2024-05-20"));
    let html = preview.get(page).text();
    assert!(select_text(&html, "#gongkai-errors").is_empty(), "overlay still shown");
    assert_eq!(select_text(&html, "main h1"), ["园区污水管网建设过半"]);
}

#[test]
fn the_preview_checks_the_rendered_links_and_placeholders_as_build_does() {
    let preview = Preview::start("full");
    let note = "content/notes/2024/2024-05-20-guanwang.md";
    preview.change(note, |t| format!("{t}\n见[上文](#shangwen)。\n\n【请填写】补充说明。\n"));
    // The site is shown at once; its pages and links are checked after.
    preview.wait_for_terminal("检查完成：发现 1 个错误");
    let errors = select_text(&preview.get("/").text(), "#gongkai-errors li");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with(&format!("{note}:8:2 ")), "{errors:?}");
    assert!(errors[0].contains("“#shangwen”指向本页中不存在的位置"), "{errors:?}");
    let warning = format!("{note}:10:1: 警告: 这里还是模板中的“【请填写】”");
    let terminal = preview.wait_for_terminal(&warning);
    assert!(terminal.contains(&warning), "{terminal}");
}

#[test]
fn a_site_that_never_built_shows_its_errors_on_every_path() {
    let site = common::copy_fixture("full");
    let path = site.path().join("content/site.yaml");
    let text = std::fs::read_to_string(&path).unwrap().replace("title: ", "titel: ");
    std::fs::write(&path, text).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["serve", "--root", site.path().to_str().unwrap(), "--port", "0"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines().map_while(Result::ok);
    let address = lines.find(|l| l.contains("http://127.0.0.1:")).expect("address");
    let port: u16 = address
        .split("http://127.0.0.1:")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .and_then(|p| p.parse().ok())
        .expect("port");
    let replies = [request(port, "GET", "/issues/01/"), request(port, "GET", "/")];
    let _ = child.kill();
    let _ = child.wait();
    for reply in replies {
        assert_eq!(reply.status, 500);
        assert_eq!(reply.header("Content-Type"), Some("text/html; charset=utf-8"));
        let errors = select_text(&reply.text(), "#gongkai-errors li");
        assert!(errors.iter().any(|e| e.starts_with("content/site.yaml:")), "{errors:?}");
        assert!(reply.text().contains("/__gongkai/poll"), "the error page reloads when fixed");
    }
}

#[test]
fn bad_requests_are_refused_and_nothing_outside_the_site_is_served() {
    let preview = Preview::start("full");
    // A file beside the site's output that must never be reachable.
    let secret = "SECRET-7f3a9c";
    std::fs::write(preview.root().join("secret.txt"), secret).unwrap();
    for target in [
        "/../secret.txt",
        "/../../secret.txt",
        "/issues/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/issues/..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "/./index.html",
        "//etc/passwd",
        "/content/site.yaml/../../secret.txt",
        "/%00",
        "/%zz",
        "http://127.0.0.1/../secret.txt",
        "secret.txt",
    ] {
        let reply = preview.get(target);
        assert_eq!(reply.status, 400, "{target}");
        assert!(!String::from_utf8_lossy(&reply.body).contains(secret), "{target}");
    }
    // Files of the site root that are not part of the built site are not served.
    for target in [
        "/secret.txt",
        "/content/site.yaml",
        "/content/notes/2024/2024-05-20-guanwang.md",
        "/__gongkai/",
        "/__gongkai/x",
    ] {
        let reply = preview.get(target);
        assert_eq!(reply.status, 404, "{target}");
        assert!(!String::from_utf8_lossy(&reply.body).contains(secret), "{target}");
        assert!(
            !String::from_utf8_lossy(&reply.body).contains("测试市督察整改信息公开\nbase_url"),
            "{target}"
        );
    }
    let long = format!("/{}", "a".repeat(5000));
    assert_eq!(preview.get(&long).status, 414);
    for method in ["POST", "PUT", "DELETE", "OPTIONS"] {
        let reply = request(preview.port, method, "/index.html");
        assert_eq!(reply.status, 405, "{method}");
        assert_eq!(reply.header("Allow"), Some("GET, HEAD"));
    }
    // Still serving after all that.
    assert_eq!(preview.get("/").status, 200);
}

#[test]
fn the_default_port_is_8000_or_the_next_free_one_and_is_printed() {
    // Hold 8000 if it is free, so that the fallback is exercised too.
    let held = std::net::TcpListener::bind("127.0.0.1:8000");
    let preview = Preview::start_with("full", &[]);
    assert!((8001..8020).contains(&preview.port), "port {}", preview.port);
    // The address is printed after the first build, after the notice.
    let terminal = preview.wait_for_terminal("预览地址");
    if held.is_ok() {
        assert!(terminal.contains(&format!("端口 8000 已被占用，改用端口 {}。", preview.port)), "{terminal}");
    }
    assert!(terminal.contains(&format!("预览地址：http://127.0.0.1:{}/", preview.port)), "{terminal}");
    assert_eq!(preview.get("/").status, 200);
}

#[test]
fn a_busy_port_given_explicitly_is_a_usage_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let root = common::fixture("full");
    let out = common::gongkai(&["serve", "--root", root.to_str().unwrap(), "--port", &port]);
    assert_eq!(out.status.code(), Some(2));
    let err = common::stderr(&out);
    assert!(err.contains(&format!("无法使用端口 {port}")), "{err}");
}

#[test]
fn serve_outside_a_site_root_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = common::gongkai(&["serve", "--root", dir.path().to_str().unwrap(), "--port", "0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(common::stderr(&out).contains("没有 content/ 文件夹"), "{}", common::stderr(&out));
}
