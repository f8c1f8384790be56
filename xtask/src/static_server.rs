//! A tiny static file server for the browser tests: std only, 127.0.0.1,
//! a port the OS picks, GET and HEAD, one thread per connection,
//! `Connection: close`. It serves a trunk `dist/` folder and stops when
//! dropped, so it never outlives the test run.
//!
//! Not a general web server: no ranges, no keep-alive, no directory
//! listings. Paths are confined to the root (no `..`, no absolute paths).

use std::fs;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

use crate::{fail, Result};

/// Longest request head we read; browsers send far less.
const MAX_HEAD: usize = 16 * 1024;

pub struct StaticServer {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl StaticServer {
    /// Serves `root` on `127.0.0.1:<free port>` until dropped.
    pub fn start(root: &Path) -> Result<StaticServer> {
        let root = root
            .canonicalize()
            .map_err(|e| fail!("cannot serve {}: {e}", root.display()))?;
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .map_err(|e| fail!("cannot bind a port on 127.0.0.1: {e}"))?;
        let addr = listener
            .local_addr()
            .map_err(|e| fail!("cannot read the bound address: {e}"))?;
        let stop = Arc::new(AtomicBool::new(false));
        let stop_flag = stop.clone();
        let thread = thread::Builder::new()
            .name("static-server".into())
            .spawn(move || {
                for conn in listener.incoming() {
                    if stop_flag.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(conn) = conn else { continue };
                    let root = root.clone();
                    let _ = thread::Builder::new()
                        .name("static-conn".into())
                        .spawn(move || {
                            let _ = handle(conn, &root);
                        });
                }
            })
            .map_err(|e| fail!("cannot start the static server thread: {e}"))?;
        Ok(StaticServer {
            addr,
            stop,
            thread: Some(thread),
        })
    }

    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn handle(mut conn: TcpStream, root: &Path) -> std::io::Result<()> {
    conn.set_read_timeout(Some(Duration::from_secs(10)))?;
    conn.set_write_timeout(Some(Duration::from_secs(30)))?;
    let mut head = Vec::new();
    let mut buf = [0u8; 2048];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = conn.read(&mut buf)?;
        if n == 0 {
            return Ok(());
        }
        head.extend_from_slice(&buf[..n]);
        if head.len() > MAX_HEAD {
            return respond(
                &mut conn,
                431,
                "text/plain",
                b"request head too large",
                true,
            );
        }
    }
    let text = String::from_utf8_lossy(&head);
    let mut words = text.lines().next().unwrap_or("").split(' ');
    let (method, target) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    let with_body = match method {
        "GET" => true,
        "HEAD" => false,
        _ => return respond(&mut conn, 405, "text/plain", b"method not allowed", true),
    };
    match resolve(root, target) {
        Some(path) => match fs::read(&path) {
            Ok(body) => respond(&mut conn, 200, content_type(&path), &body, with_body),
            Err(_) => respond(&mut conn, 404, "text/plain", b"not found", with_body),
        },
        None => respond(&mut conn, 404, "text/plain", b"not found", with_body),
    }
}

fn respond(
    conn: &mut TcpStream,
    status: u16,
    content_type: &str,
    body: &[u8],
    with_body: bool,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Request Header Fields Too Large",
    };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        body.len()
    );
    conn.write_all(head.as_bytes())?;
    if with_body {
        conn.write_all(body)?;
    }
    conn.flush()
}

/// The file a request target names, inside `root`: `/` and folders mean
/// their `index.html`; the query and fragment are ignored; `%XX` is
/// decoded; anything that would leave the root is refused.
fn resolve(root: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let path = percent_decode(path)?;
    let rel = path.strip_prefix('/')?;
    let mut out = root.to_path_buf();
    for c in Path::new(rel).components() {
        match c {
            Component::Normal(part) => out.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if out.is_dir() {
        out.push("index.html");
    }
    // Symlinks could still point out of the root: check the real path.
    let real = out.canonicalize().ok()?;
    (real.starts_with(root) && real.is_file()).then_some(real)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let s = String::from_utf8(out).ok()?;
    (!s.contains('\0')).then_some(s)
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" | "md" | "redis" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// GET or HEAD over a fresh connection; returns (status line, headers, body).
    fn request(server: &StaticServer, method: &str, target: &str) -> (String, String, Vec<u8>) {
        let mut c = TcpStream::connect(server.addr).unwrap();
        write!(c, "{method} {target} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut all = Vec::new();
        c.read_to_end(&mut all).unwrap();
        let split = all.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = String::from_utf8(all[..split].to_vec()).unwrap();
        let body = all[split + 4..].to_vec();
        let (status, headers) = head.split_once("\r\n").unwrap_or((&head, ""));
        (status.to_string(), headers.to_string(), body)
    }

    fn temp_root(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-static-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("sub")).unwrap();
        fs::write(dir.join("index.html"), "<p>hi</p>").unwrap();
        fs::write(dir.join("app_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
        fs::write(dir.join("sub").join("a b.js"), "x()").unwrap();
        fs::write(dir.join("sub").join("index.html"), "sub").unwrap();
        dir
    }

    #[test]
    fn serves_files_with_types_and_refuses_escapes() {
        let root = temp_root("serve");
        let secret = root
            .parent()
            .unwrap()
            .join(format!("xtask-secret-{}", std::process::id()));
        fs::write(&secret, "no").unwrap();
        let server = StaticServer::start(&root).unwrap();
        assert!(server.url().starts_with("http://127.0.0.1:"));

        let (status, headers, body) = request(&server, "GET", "/");
        assert_eq!(status, "HTTP/1.1 200 OK");
        assert!(headers.contains("Content-Type: text/html"), "{headers}");
        assert_eq!(body, b"<p>hi</p>");

        let (_, headers, body) = request(&server, "GET", "/app_bg.wasm?v=1");
        assert!(
            headers.contains("Content-Type: application/wasm"),
            "{headers}"
        );
        assert_eq!(body, b"\0asm\x01\0\0\0");

        let (_, headers, body) = request(&server, "GET", "/sub/a%20b.js");
        assert!(
            headers.contains("Content-Type: text/javascript"),
            "{headers}"
        );
        assert_eq!(body, b"x()");
        assert_eq!(request(&server, "GET", "/sub/").2, b"sub");

        let (status, headers, body) = request(&server, "HEAD", "/index.html");
        assert_eq!(status, "HTTP/1.1 200 OK");
        assert!(headers.contains("Content-Length: 9"), "{headers}");
        assert!(body.is_empty());

        let name = secret.file_name().unwrap().to_str().unwrap();
        for bad in [
            format!("/../{name}"),
            format!("/sub/../../{name}"),
            format!("/%2e%2e/{name}"),
            "/missing.js".to_string(),
            "/%zz".to_string(),
            "relative".to_string(),
        ] {
            assert_eq!(
                request(&server, "GET", &bad).0,
                "HTTP/1.1 404 Not Found",
                "{bad}"
            );
        }
        assert_eq!(
            request(&server, "POST", "/").0,
            "HTTP/1.1 405 Method Not Allowed"
        );

        let addr = server.addr;
        drop(server);
        // Stopped: nothing answers any more.
        let answered = TcpStream::connect(addr).and_then(|mut c| {
            write!(c, "GET / HTTP/1.1\r\n\r\n")?;
            let mut v = Vec::new();
            c.read_to_end(&mut v)?;
            Ok(!v.is_empty())
        });
        assert!(
            !matches!(answered, Ok(true)),
            "server still answers after drop"
        );
        let _ = fs::remove_dir_all(&root);
        let _ = fs::remove_file(&secret);
    }
}
