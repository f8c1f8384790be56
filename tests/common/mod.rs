//! Shared by the integration tests: a real redis-server, our own server
//! binary, and a small blocking RESP client. Servers listen on 127.0.0.1
//! only and are killed when the test drops them.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use reddish::resp;
use reddish::Reply;

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

/// Start a server on a port `free_port` found, again on another port if
/// it exits at once: between finding a port and the server binding it,
/// another test's client connection may have taken it as its own
/// (ephemeral) port, which tests running side by side do.
fn start_on_free_port(what: &str, spawn: impl Fn(u16) -> Child) -> (u16, Child) {
    for _ in 0..5 {
        let port = free_port();
        let mut child = spawn(port);
        if wait_for_port(port, &mut child, what) {
            return (port, child);
        }
    }
    panic!("{what} exited at start five times in a row");
}

/// True once the server answers PING; false if it exited first.
fn wait_for_port(port: u16, child: &mut Child, what: &str) -> bool {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if let Ok(Some(status)) = child.try_wait() {
            eprintln!("{what} exited at start ({status}) on port {port}; trying another port");
            return false;
        }
        if let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) {
            let _ = s.write_all(b"PING\r\n");
            let mut buf = [0u8; 7];
            // A server with a password answers NOAUTH: it is up too.
            if s.read_exact(&mut buf).is_ok() && (&buf == b"+PONG\r\n" || &buf == b"-NOAUTH") {
                return true;
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("{what} did not answer on port {port}");
}

/// A directory of its own for a server's files (dump.rdb, the AOF), so
/// that a test's SAVE never writes into the checkout; removed with the
/// server.
pub fn scratch_dir(what: &str, port: u16) -> std::path::PathBuf {
    let dir = scratch_dir_path(what, port);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// A redis-server child process: the oracle.
pub struct RedisServer {
    pub port: u16,
    child: Child,
}

impl RedisServer {
    /// Start Debian's redis-server. Missing is a failure, never a skip:
    /// a differential suite that silently compares nothing proves nothing.
    pub fn start() -> RedisServer {
        RedisServer::start_with(&[])
    }

    /// The same with more options on redis-server's command line.
    pub fn start_with(extra: &[&str]) -> RedisServer {
        let (port, child) = start_on_free_port("redis-server", |port| {
            let dir = scratch_dir("redis", port);
            let child = Command::new("redis-server")
                .args([
                    "--port",
                    &port.to_string(),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                ])
                .arg(&dir)
                .args(extra)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn();
            match child {
                Ok(c) => c,
                Err(e) => panic!(
                    "redis-server is required (run `cargo xtask test`, which installs it): {e}"
                ),
            }
        });
        RedisServer { port, child }
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(scratch_dir_path("redis", self.port));
    }
}

fn scratch_dir_path(what: &str, port: u16) -> std::path::PathBuf {
    std::env::temp_dir()
        .join("reddish-tests")
        .join(format!("{what}-{}-{port}", std::process::id()))
}

/// Our native server, the binary Cargo built for this test run.
#[cfg(feature = "server")]
pub struct ReddishServer {
    pub port: u16,
    child: Child,
}

#[cfg(feature = "server")]
impl ReddishServer {
    pub fn start() -> ReddishServer {
        ReddishServer::start_with(&[])
    }

    /// The same with more options on its command line.
    pub fn start_with(extra: &[&str]) -> ReddishServer {
        let (port, child) = start_on_free_port("reddish-server", |port| {
            let dir = scratch_dir("reddish", port);
            Command::new(env!("CARGO_BIN_EXE_reddish-server"))
                .args([
                    "--port",
                    &port.to_string(),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                ])
                .arg("--dir")
                .arg(&dir)
                .args(extra)
                .stdout(Stdio::null())
                .stderr(Stdio::inherit())
                .spawn()
                .expect("spawn reddish-server")
        });
        ReddishServer { port, child }
    }

    /// The same, with its files limited to `kib` KiB each (the shell's
    /// `ulimit -f`, SIGXFSZ ignored): a write past it fails part-way, as
    /// on a full disk.
    pub fn start_limited(kib: u32, extra: &[&str]) -> ReddishServer {
        let (port, child) = start_on_free_port("reddish-server", |port| {
            let dir = scratch_dir("reddish", port);
            let mut line = format!(
                "ulimit -f {kib}; trap '' XFSZ; exec \"$0\" --port {port} --bind 127.0.0.1 --save '' --dir \"$1\""
            );
            for (i, _) in extra.iter().enumerate() {
                line.push_str(&format!(" \"${}\"", i + 2));
            }
            Command::new("bash")
                .arg("-c")
                .arg(line)
                .arg(env!("CARGO_BIN_EXE_reddish-server"))
                .arg(&dir)
                .args(extra)
                .stdout(Stdio::null())
                .stderr(Stdio::inherit())
                .spawn()
                .expect("spawn reddish-server")
        });
        ReddishServer { port, child }
    }

    /// Started on a configuration file (its first argument, as
    /// redis-server takes one), then `extra`.
    pub fn start_from_file(conf: &std::path::Path, extra: &[&str]) -> ReddishServer {
        let (port, child) = start_on_free_port("reddish-server", |port| {
            Command::new(env!("CARGO_BIN_EXE_reddish-server"))
                .arg(conf)
                .args(["--port", &port.to_string()])
                .args(extra)
                .stdout(Stdio::null())
                .stderr(Stdio::inherit())
                .spawn()
                .expect("spawn reddish-server")
        });
        ReddishServer { port, child }
    }
}

#[cfg(feature = "server")]
impl Drop for ReddishServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(scratch_dir_path("reddish", self.port));
    }
}

/// A blocking client that sends commands as multibulk and decodes replies
/// with our own decoder (tested against redis-server's bytes by this use).
pub struct Client {
    stream: TcpStream,
    buf: Vec<u8>,
}

impl Client {
    pub fn connect(port: u16) -> Client {
        let stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .expect("timeout");
        stream.set_nodelay(true).expect("nodelay");
        Client {
            stream,
            buf: Vec::new(),
        }
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        self.stream.write_all(bytes).expect("write");
    }

    /// Send a command without waiting for its reply (a blocking command).
    pub fn send(&mut self, argv: &[Vec<u8>]) {
        let mut out = format!("*{}\r\n", argv.len()).into_bytes();
        for a in argv {
            out.extend_from_slice(format!("${}\r\n", a.len()).as_bytes());
            out.extend_from_slice(a);
            out.extend_from_slice(b"\r\n");
        }
        self.send_raw(&out);
    }

    pub fn call(&mut self, argv: &[Vec<u8>]) -> Reply {
        self.send(argv);
        self.read_reply().expect("connection closed before a reply")
    }

    /// The next frame if one arrives within `wait` (pushes a script
    /// expects), None otherwise; the usual timeout comes back after.
    pub fn read_within(&mut self, wait: Duration) -> Option<Reply> {
        self.stream.set_read_timeout(Some(wait)).expect("timeout");
        let r = self.read_reply();
        self.stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .expect("timeout");
        r
    }

    /// The next reply, or None if the server closed the connection.
    pub fn read_reply(&mut self) -> Option<Reply> {
        loop {
            match resp::decode_reply(&self.buf) {
                Ok(Some((r, used))) => {
                    self.buf.drain(..used);
                    return Some(r);
                }
                Ok(None) => {}
                Err(e) => panic!(
                    "undecodable reply: {e}: {:?}",
                    String::from_utf8_lossy(&self.buf)
                ),
            }
            let mut chunk = [0u8; 16384];
            match self.stream.read(&mut chunk) {
                Ok(0) | Err(_) => return None,
                Ok(n) => self
                    .buf
                    .extend_from_slice(chunk.get(..n).unwrap_or_default()),
            }
        }
    }
}

pub fn argv(words: &[&str]) -> Vec<Vec<u8>> {
    words.iter().map(|w| w.as_bytes().to_vec()).collect()
}
