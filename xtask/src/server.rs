//! A small static file server (std only, one thread per connection) used by
//! `cargo xtask serve` and the end-to-end tests.
//!
//! It behaves like a static host configured for a single-page app: files are
//! served with their Content-Type and `Cache-Control: no-cache`; a directory
//! serves its `index.html`; a GET/HEAD for an extension-less path that is not a
//! file (a client-side route such as `/journal/3`) gets `index.html` with 200.
//! Everything can be mounted under a prefix such as `/groundwork/`.

use crate::err;
use crate::util::Result;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

/// Configuration of one server.
#[derive(Debug, Clone)]
pub struct Config {
    /// Directory whose files are served.
    pub root: PathBuf,
    /// URL prefix the directory is mounted at; starts and ends with `/`.
    pub mount: String,
    /// Log each request to stderr.
    pub log: bool,
}

/// What to answer for a request path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// Serve this file with 200.
    File(PathBuf),
    /// Serve the app's `index.html` with 200 (SPA fallback for a client-side route).
    Fallback(PathBuf),
    /// Redirect (301) to this location, e.g. `/groundwork` → `/groundwork/`.
    Redirect(String),
    /// 400: the path is malformed or tries to leave the root.
    BadRequest,
    /// 404.
    NotFound,
}

/// Normalizes a mount prefix to start and end with `/`.
pub fn normalize_mount(mount: &str) -> String {
    let trimmed = mount.trim_matches('/');
    if trimmed.is_empty() {
        "/".to_string()
    } else {
        format!("/{trimmed}/")
    }
}

/// Decodes `%XX` escapes; `None` for malformed escapes or invalid UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Decides how to answer `target` (the request-target of the request line).
pub fn resolve(root: &Path, mount: &str, target: &str) -> Resolution {
    let path = target.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') {
        return Resolution::BadRequest;
    }
    if mount != "/" && path == mount.trim_end_matches('/') {
        let query = &target[path.len()..];
        return Resolution::Redirect(format!("{mount}{query}"));
    }
    let Some(rest) = path.strip_prefix(mount) else {
        return Resolution::NotFound;
    };
    let Some(decoded) = percent_decode(rest) else {
        return Resolution::BadRequest;
    };
    let mut file = root.to_path_buf();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Resolution::BadRequest,
            s if s.contains('\\') || s.contains('\0') => return Resolution::BadRequest,
            s => file.push(s),
        }
    }
    if file.is_dir() {
        let index = file.join("index.html");
        return if index.is_file() {
            Resolution::File(index)
        } else {
            Resolution::NotFound
        };
    }
    if file.is_file() {
        return Resolution::File(file);
    }
    let last = decoded.rsplit('/').next().unwrap_or("");
    let index = root.join("index.html");
    if !last.contains('.') && index.is_file() {
        Resolution::Fallback(index)
    } else {
        Resolution::NotFound
    }
}

/// The Content-Type for a file name.
pub fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("html") | Some("htm") => "text/html; charset=utf-8",
        Some("js") | Some("mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("webmanifest") => "application/manifest+json",
        Some("json") | Some("map") => "application/json",
        Some("png") => "image/png",
        Some("jpg") | Some("jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("svg") => "image/svg+xml",
        Some("ico") => "image/x-icon",
        Some("ics") => "text/calendar; charset=utf-8",
        Some("txt") | Some("md") => "text/plain; charset=utf-8",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("xml") => "application/xml",
        _ => "application/octet-stream",
    }
}

/// A running server.
pub struct Server {
    /// The base URL, e.g. `http://127.0.0.1:8080/groundwork/`.
    pub url: String,
}

/// Binds `127.0.0.1:port` (0 picks a free port) and serves `config` on a
/// background thread. The server lives until the process exits.
pub fn start(mut config: Config, port: u16) -> Result<Server> {
    config.mount = normalize_mount(&config.mount);
    let listener = TcpListener::bind(("127.0.0.1", port)).map_err(|e| {
        err!("cannot listen on 127.0.0.1:{port}: {e} (is another server using it? try --port)")
    })?;
    let addr = listener.local_addr()?;
    let url = format!("http://{addr}{}", config.mount);
    let config = Arc::new(config);
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let config = Arc::clone(&config);
            thread::spawn(move || {
                let _ = handle(stream, &config);
            });
        }
    });
    Ok(Server { url })
}

fn handle(stream: TcpStream, config: &Config) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    // Keep-alive: serve requests until the client closes or goes quiet.
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line)? == 0 {
            return Ok(());
        }
        let mut close = false;
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header)? == 0 {
                return Ok(());
            }
            let header = header.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                if name.eq_ignore_ascii_case("connection")
                    && value.trim().eq_ignore_ascii_case("close")
                {
                    close = true;
                }
            }
        }
        let mut parts = request_line.split_whitespace();
        let (method, target, version) = (
            parts.next().unwrap_or(""),
            parts.next().unwrap_or(""),
            parts.next().unwrap_or(""),
        );
        if version == "HTTP/1.0" {
            close = true;
        }
        let status = respond(&mut writer, config, method, target, close)?;
        if config.log {
            eprintln!("{status} {method} {target}");
        }
        if close {
            return Ok(());
        }
    }
}

fn respond(
    w: &mut TcpStream,
    config: &Config,
    method: &str,
    target: &str,
    close: bool,
) -> std::io::Result<u16> {
    let connection = if close { "close" } else { "keep-alive" };
    let simple = |w: &mut TcpStream, status: &str, extra: &str| -> std::io::Result<()> {
        let body = if method == "HEAD" { "" } else { status };
        write!(
            w,
            "HTTP/1.1 {status}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nConnection: {connection}\r\n{extra}\r\n{body}",
            status.len()
        )?;
        w.flush()
    };
    if method != "GET" && method != "HEAD" {
        simple(w, "405 Method Not Allowed", "Allow: GET, HEAD\r\n")?;
        return Ok(405);
    }
    match resolve(&config.root, &config.mount, target) {
        Resolution::File(path) | Resolution::Fallback(path) => match std::fs::read(&path) {
            Ok(data) => {
                write!(
                    w,
                    "HTTP/1.1 200 OK\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nConnection: {connection}\r\n\r\n",
                    content_type(&path),
                    data.len()
                )?;
                if method == "GET" {
                    w.write_all(&data)?;
                }
                w.flush()?;
                Ok(200)
            }
            Err(_) => {
                simple(w, "404 Not Found", "")?;
                Ok(404)
            }
        },
        Resolution::Redirect(location) => {
            simple(
                w,
                "301 Moved Permanently",
                &format!("Location: {location}\r\n"),
            )?;
            Ok(301)
        }
        Resolution::BadRequest => {
            simple(w, "400 Bad Request", "")?;
            Ok(400)
        }
        Resolution::NotFound => {
            simple(w, "404 Not Found", "")?;
            Ok(404)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn site(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-server-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for f in [
            "index.html",
            "app-1.js",
            "app-1_bg.wasm",
            "icons/icon-192.png",
            "docs/index.html",
        ] {
            let p = dir.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, f).unwrap();
        }
        std::fs::create_dir_all(dir.join("empty")).unwrap();
        dir
    }

    #[test]
    fn path_resolution_and_spa_fallback() {
        let root = site("resolve");
        let r = |mount: &str, target: &str| resolve(&root, mount, target);
        assert_eq!(r("/", "/"), Resolution::File(root.join("index.html")));
        assert_eq!(
            r("/", "/app-1.js?v=1"),
            Resolution::File(root.join("app-1.js"))
        );
        assert_eq!(
            r("/", "/icons/icon-192.png"),
            Resolution::File(root.join("icons/icon-192.png"))
        );
        assert_eq!(
            r("/", "/docs"),
            Resolution::File(root.join("docs/index.html"))
        );
        assert_eq!(
            r("/", "/icons%2Ficon-192.png"),
            Resolution::File(root.join("icons/icon-192.png"))
        );
        assert_eq!(
            r("/", "/journal/3"),
            Resolution::Fallback(root.join("index.html"))
        );
        assert_eq!(
            r("/", "/journal/new#x"),
            Resolution::Fallback(root.join("index.html"))
        );
        assert_eq!(r("/", "/missing.js"), Resolution::NotFound);
        assert_eq!(r("/", "/empty"), Resolution::NotFound);
        assert_eq!(r("/", "/../etc/passwd"), Resolution::BadRequest);
        assert_eq!(r("/", "/%2e%2e/etc/passwd"), Resolution::BadRequest);
        assert_eq!(r("/", "/a/..%2F..%2Fsecret"), Resolution::BadRequest);
        assert_eq!(r("/", "/%zz"), Resolution::BadRequest);
        assert_eq!(r("/", "http://x/"), Resolution::BadRequest);

        let m = "/groundwork/";
        assert_eq!(
            r(m, "/groundwork/"),
            Resolution::File(root.join("index.html"))
        );
        assert_eq!(
            r(m, "/groundwork/app-1.js"),
            Resolution::File(root.join("app-1.js"))
        );
        assert_eq!(
            r(m, "/groundwork/journal"),
            Resolution::Fallback(root.join("index.html"))
        );
        assert_eq!(
            r(m, "/groundwork"),
            Resolution::Redirect("/groundwork/".into())
        );
        assert_eq!(
            r(m, "/groundwork?a=1"),
            Resolution::Redirect("/groundwork/?a=1".into())
        );
        assert_eq!(r(m, "/"), Resolution::NotFound);
        assert_eq!(r(m, "/app-1.js"), Resolution::NotFound);
        assert_eq!(r(m, "/journal"), Resolution::NotFound);
        assert_eq!(r(m, "/groundworkx/"), Resolution::NotFound);
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn mount_normalization() {
        assert_eq!(normalize_mount(""), "/");
        assert_eq!(normalize_mount("/"), "/");
        assert_eq!(normalize_mount("groundwork"), "/groundwork/");
        assert_eq!(normalize_mount("/groundwork/"), "/groundwork/");
    }

    #[test]
    fn content_types() {
        let ct = |f: &str| content_type(Path::new(f));
        assert_eq!(ct("a_bg.wasm"), "application/wasm");
        assert_eq!(ct("a.js"), "text/javascript; charset=utf-8");
        assert_eq!(ct("a.mjs"), "text/javascript; charset=utf-8");
        assert_eq!(ct("a.css"), "text/css; charset=utf-8");
        assert_eq!(ct("index.html"), "text/html; charset=utf-8");
        assert_eq!(ct("manifest.webmanifest"), "application/manifest+json");
        assert_eq!(ct("i.PNG"), "image/png");
        assert_eq!(ct("i.svg"), "image/svg+xml");
        assert_eq!(ct("d.json"), "application/json");
        assert_eq!(ct("c.ics"), "text/calendar; charset=utf-8");
        assert_eq!(ct("noext"), "application/octet-stream");
    }

    fn get(server: &Server, req: &str) -> String {
        let host = server
            .url
            .trim_start_matches("http://")
            .split('/')
            .next()
            .unwrap();
        let mut s = TcpStream::connect(host).unwrap();
        s.write_all(req.as_bytes()).unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        out
    }

    #[test]
    fn serves_over_tcp() {
        let root = site("tcp");
        let server = start(
            Config {
                root: root.clone(),
                mount: "/groundwork/".into(),
                log: false,
            },
            0,
        )
        .unwrap();
        assert!(server.url.ends_with("/groundwork/"));
        let wasm = get(
            &server,
            "GET /groundwork/app-1_bg.wasm HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        );
        assert!(wasm.starts_with("HTTP/1.1 200 OK\r\n"), "{wasm}");
        assert!(wasm.contains("Content-Type: application/wasm\r\n"));
        assert!(wasm.contains("Cache-Control: no-cache\r\n"));
        assert!(wasm.ends_with("\r\n\r\napp-1_bg.wasm"));
        let head = get(&server, "HEAD /groundwork/deep/link HTTP/1.0\r\n\r\n");
        assert!(head.starts_with("HTTP/1.1 200 OK\r\n"));
        assert!(head.contains("Content-Length: 10\r\n"));
        assert!(head.ends_with("\r\n\r\n"), "HEAD has no body");
        let outside = get(
            &server,
            "GET /index.html HTTP/1.1\r\nConnection: close\r\n\r\n",
        );
        assert!(outside.starts_with("HTTP/1.1 404"));
        let post = get(
            &server,
            "POST /groundwork/ HTTP/1.1\r\nConnection: close\r\n\r\n",
        );
        assert!(post.starts_with("HTTP/1.1 405"));
        // Keep-alive: two requests on one connection.
        let two = get(
            &server,
            "GET /groundwork/app-1.js HTTP/1.1\r\n\r\nGET /groundwork/ HTTP/1.1\r\nConnection: close\r\n\r\n",
        );
        assert_eq!(two.matches("HTTP/1.1 200 OK").count(), 2);
        std::fs::remove_dir_all(root).unwrap();
    }
}
