//! The native server end to end: raw sockets, redis-cli and redis-py against
//! an in-process server on an ephemeral loopback port.
//!
//! External clients are skipped when missing, except under CI (env `CI`
//! set), where a missing tool is a failure: a green run must mean they ran.
#![cfg(all(feature = "server", not(target_arch = "wasm32")))]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::Command;
use std::time::{Duration, Instant};

use reddish::resp::{decode_all, decode_reply, encode_command};
use reddish::server::{spawn, ServerHandle, ServerOptions};
use reddish::Reply;

fn start_with(opts: ServerOptions) -> ServerHandle {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind an ephemeral loopback port");
    spawn(listener, opts).expect("start the server")
}

fn start() -> ServerHandle {
    start_with(ServerOptions::default())
}

fn connect(server: &ServerHandle) -> TcpStream {
    let s = TcpStream::connect(server.local_addr()).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    s
}

/// Read until `n` replies have been decoded.
fn read_replies(s: &mut TcpStream, n: usize) -> Vec<Reply> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 64 * 1024];
    loop {
        let (replies, _) = decode_all(&buf).expect("valid RESP from the server");
        if replies.len() >= n {
            return replies;
        }
        let got = s.read(&mut chunk).expect("read replies");
        assert!(
            got > 0,
            "connection closed after {} of {n} replies: {:?}",
            replies.len(),
            String::from_utf8_lossy(&buf)
        );
        buf.extend_from_slice(chunk.get(..got).unwrap_or_default());
    }
}

/// Everything the server sends until it closes the connection; panics if
/// it does not close within the read timeout.
fn read_to_close(s: &mut TcpStream) -> Vec<u8> {
    let mut out = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        match s.read(&mut chunk) {
            Ok(0) => return out,
            Ok(n) => out.extend_from_slice(chunk.get(..n).unwrap_or_default()),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return out,
            Err(e) => panic!(
                "connection not closed ({e}); got so far {:?}",
                String::from_utf8_lossy(&out)
            ),
        }
    }
}

/// Whether nothing answers at `addr` any more: connecting fails, or a
/// PING gets the connection closed.
fn answers_no_more(addr: std::net::SocketAddr) -> bool {
    match TcpStream::connect_timeout(&addr, Duration::from_secs(1)) {
        Err(_) => true,
        Ok(mut s) => {
            s.set_read_timeout(Some(Duration::from_secs(5))).ok();
            let _ = s.write_all(b"PING\r\n");
            let mut buf = [0u8; 16];
            matches!(s.read(&mut buf), Ok(0) | Err(_))
        }
    }
}

fn send(s: &mut TcpStream, bytes: &[u8]) {
    s.write_all(bytes).expect("write");
}

fn cmd(argv: &[&str]) -> Vec<u8> {
    let mut out = Vec::new();
    encode_command(argv, &mut out);
    out
}

fn roundtrip(s: &mut TcpStream, argv: &[&str]) -> Reply {
    send(s, &cmd(argv));
    read_replies(s, 1).into_iter().next().expect("one reply")
}

#[test]
fn pipelined_commands_in_one_write() {
    let server = start();
    let mut c = connect(&server);
    let mut wire = Vec::new();
    for i in 0..500 {
        encode_command(&["SET", &format!("k{i}"), &format!("v{i}")], &mut wire);
    }
    for i in 0..500 {
        encode_command(&["GET", &format!("k{i}")], &mut wire);
    }
    for _ in 0..10 {
        encode_command(&["INCR", "counter"], &mut wire);
    }
    encode_command(&["DEL", "k0", "k1", "nope"], &mut wire);
    send(&mut c, &wire);
    let replies = read_replies(&mut c, 1011);
    assert_eq!(replies.len(), 1011);
    for r in replies.get(..500).unwrap_or_default() {
        assert_eq!(r, &Reply::ok());
    }
    for (i, r) in replies
        .get(500..1000)
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        assert_eq!(r, &Reply::bulk(format!("v{i}")));
    }
    for (i, r) in replies
        .get(1000..1010)
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        assert_eq!(r, &Reply::Integer(i as i64 + 1));
    }
    assert_eq!(replies.get(1010), Some(&Reply::Integer(2)));
}

#[test]
fn pipeline_split_across_writes_and_bytes() {
    let server = start();
    let mut c = connect(&server);
    c.set_nodelay(true).expect("nodelay");
    let mut wire = cmd(&["SET", "split", "a\r\nb"]);
    wire.extend_from_slice(&cmd(&["GET", "split"]));
    wire.extend_from_slice(b"GET split\r\n");
    for b in &wire {
        send(&mut c, std::slice::from_ref(b));
    }
    let replies = read_replies(&mut c, 3);
    assert_eq!(
        replies,
        vec![Reply::ok(), Reply::bulk("a\r\nb"), Reply::bulk("a\r\nb")]
    );
}

#[test]
fn inline_commands() {
    let server = start();
    let mut c = connect(&server);
    send(&mut c, b"SET greeting \"hello world\"\r\n\r\nGET greeting\nINCR n\r\nDEL greeting n\r\nPING\r\nECHO 'it\\'s'\r\n");
    let replies = read_replies(&mut c, 6);
    assert_eq!(
        replies,
        vec![
            Reply::ok(),
            Reply::bulk("hello world"),
            Reply::Integer(1),
            Reply::Integer(2),
            Reply::simple("PONG"),
            Reply::bulk("it's"),
        ]
    );
}

#[test]
fn large_values_round_trip() {
    let server = start();
    let mut c = connect(&server);
    let value: String = (0..3_000_000)
        .map(|i| char::from(b'a' + (i % 26) as u8))
        .collect();
    send(&mut c, &cmd(&["SET", "big", &value]));
    send(&mut c, &cmd(&["GET", "big"]));
    let replies = read_replies(&mut c, 2);
    assert_eq!(replies.first(), Some(&Reply::ok()));
    assert_eq!(replies.get(1), Some(&Reply::Bulk(value.into_bytes())));
}

/// Each garbage input gets Redis's exact error (texts checked against
/// redis-server 7.0.15), commands before it in the same write still run,
/// the connection is closed, and another client is unaffected.
#[test]
fn protocol_errors_close_only_that_connection() {
    let server = start();
    let mut bystander = connect(&server);
    assert_eq!(
        roundtrip(&mut bystander, &["SET", "safe", "1"]),
        Reply::ok()
    );
    let cases: &[(&[u8], &[u8])] = &[
        (
            b"*1\r\nX4\r\nPING\r\n",
            b"-ERR Protocol error: expected '$', got 'X'\r\n",
        ),
        (
            b"*1\r\n\r\n",
            b"-ERR Protocol error: expected '$', got ' '\r\n",
        ),
        (
            b"*x\r\n",
            b"-ERR Protocol error: invalid multibulk length\r\n",
        ),
        (
            b"*2147483648\r\n",
            b"-ERR Protocol error: invalid multibulk length\r\n",
        ),
        (
            b"*1\r\n$-1\r\n",
            b"-ERR Protocol error: invalid bulk length\r\n",
        ),
        (
            b"*1\r\n$536870913\r\n",
            b"-ERR Protocol error: invalid bulk length\r\n",
        ),
        (
            b"SET a \"b\r\n",
            b"-ERR Protocol error: unbalanced quotes in request\r\n",
        ),
        (
            b"SET a \"b\"c\r\n",
            b"-ERR Protocol error: unbalanced quotes in request\r\n",
        ),
        (
            b"GET safe\r\n*1\r\n$x\r\nGET safe\r\n",
            b"$1\r\n1\r\n-ERR Protocol error: invalid bulk length\r\n",
        ),
    ];
    for (input, want) in cases {
        let mut c = connect(&server);
        send(&mut c, input);
        let got = read_to_close(&mut c);
        assert_eq!(
            String::from_utf8_lossy(&got),
            String::from_utf8_lossy(want),
            "input {:?}",
            String::from_utf8_lossy(input)
        );
        assert_eq!(
            roundtrip(&mut bystander, &["GET", "safe"]),
            Reply::bulk("1")
        );
    }
    // Over 64 KiB without a line end.
    let mut c = connect(&server);
    send(&mut c, &vec![b'a'; 70_000]);
    assert_eq!(
        read_to_close(&mut c),
        b"-ERR Protocol error: too big inline request\r\n"
    );
    let mut c = connect(&server);
    let mut count = b"*".to_vec();
    count.extend(std::iter::repeat_n(b'1', 70_000));
    send(&mut c, &count);
    assert_eq!(
        read_to_close(&mut c),
        b"-ERR Protocol error: too big mbulk count string\r\n"
    );
    assert_eq!(
        roundtrip(&mut bystander, &["INCR", "safe"]),
        Reply::Integer(2)
    );
    // CONFIG SET proto-max-bulk-len holds for what is read next, as in Redis;
    // CONFIG GET port tells the port this server really listens on.
    assert_eq!(
        roundtrip(
            &mut bystander,
            &["CONFIG", "SET", "proto-max-bulk-len", "1mb"]
        ),
        Reply::ok()
    );
    let mut c = connect(&server);
    send(&mut c, b"*1\r\n$1048577\r\n");
    assert_eq!(
        read_to_close(&mut c),
        b"-ERR Protocol error: invalid bulk length\r\n"
    );
    let port = server.shared().local_addr().port().to_string();
    assert_eq!(
        roundtrip(&mut bystander, &["CONFIG", "GET", "port"]),
        Reply::Array(vec![Reply::bulk("port"), Reply::bulk(port)])
    );
}

/// Redis's guard against HTTP requests smuggled to its port: the
/// connection is dropped without any reply.
#[test]
fn http_requests_are_dropped_silently() {
    let server = start();
    for input in [
        &b"POST / HTTP/1.1\r\nHost: x\r\n\r\n"[..],
        b"Host: example.com\r\n",
        b"SET a 1\r\npost /x\r\n",
    ] {
        let mut c = connect(&server);
        send(&mut c, input);
        assert_eq!(
            read_to_close(&mut c),
            b"",
            "input {:?}",
            String::from_utf8_lossy(input)
        );
    }
}

#[test]
fn quit_replies_then_closes() {
    let server = start();
    let mut c = connect(&server);
    send(&mut c, b"PING\r\nQUIT\r\nSET after quit\r\n");
    assert_eq!(read_to_close(&mut c), b"+PONG\r\n+OK\r\n");
    let mut other = connect(&server);
    assert_eq!(roundtrip(&mut other, &["GET", "after"]), Reply::Null);
}

#[test]
fn hello_3_switches_encoding() {
    let server = start();
    let mut c = connect(&server);
    assert_eq!(roundtrip(&mut c, &["GET", "missing"]), Reply::Null);
    send(&mut c, &cmd(&["HELLO", "3"]));
    let hello = read_replies(&mut c, 1);
    assert!(
        matches!(hello.first(), Some(Reply::Map(_))),
        "HELLO 3 answers with a RESP3 map: {hello:?}"
    );
    send(&mut c, &cmd(&["GET", "missing"]));
    let mut buf = [0u8; 3];
    c.read_exact(&mut buf).expect("read");
    assert_eq!(&buf, b"_\r\n");
}

#[test]
fn maxclients_refuses_extra_connections() {
    let server = start_with(ServerOptions {
        maxclients: 2,
        ..ServerOptions::default()
    });
    let mut a = connect(&server);
    let mut b = connect(&server);
    // Round trips make sure both are counted before the third arrives.
    assert_eq!(roundtrip(&mut a, &["SET", "x", "1"]), Reply::ok());
    assert_eq!(roundtrip(&mut b, &["GET", "x"]), Reply::bulk("1"));
    let mut c = connect(&server);
    assert_eq!(
        read_to_close(&mut c),
        b"-ERR max number of clients reached\r\n"
    );
    drop(a);
    // The slot frees once the server notices the close.
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let mut d = connect(&server);
        send(&mut d, &cmd(&["GET", "x"]));
        let mut buf = Vec::new();
        let mut chunk = [0u8; 64];
        let n = d.read(&mut chunk).unwrap_or(0);
        buf.extend_from_slice(chunk.get(..n).unwrap_or_default());
        if buf == b"$1\r\n1\r\n" {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "slot never freed: {:?}",
            String::from_utf8_lossy(&buf)
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn timer_expires_keys_without_traffic() {
    let server = start();
    let mut c = connect(&server);
    assert_eq!(
        roundtrip(&mut c, &["SET", "short", "v", "PX", "50"]),
        Reply::ok()
    );
    assert_eq!(roundtrip(&mut c, &["SET", "long", "v"]), Reply::ok());
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let len = {
            let engine = server.shared().engine.lock().expect("engine lock");
            engine.db(0).map(|d| d.len())
        };
        if len == Some(1) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the timer never expired the key (db size {len:?})"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn shutdown_closes_connections() {
    let mut server = start();
    let mut c = connect(&server);
    assert_eq!(roundtrip(&mut c, &["SET", "a", "b"]), Reply::ok());
    let addr = server.local_addr();
    server.shutdown();
    assert_eq!(read_to_close(&mut c), b"");
    // Nothing is accepted any more.
    assert!(
        answers_no_more(addr),
        "the server still answers after shutdown"
    );
}

#[test]
fn many_clients_at_once() {
    let server = start();
    let addr = server.local_addr();
    let threads: Vec<_> = (0..16)
        .map(|t| {
            std::thread::spawn(move || {
                let mut s = TcpStream::connect(addr).expect("connect");
                s.set_read_timeout(Some(Duration::from_secs(10)))
                    .expect("timeout");
                let mut wire = Vec::new();
                for _ in 0..200 {
                    encode_command(&["INCR", "shared"], &mut wire);
                    encode_command(&["INCR", &format!("own{t}")], &mut wire);
                }
                s.write_all(&wire).expect("write");
                let replies = read_replies(&mut s, 400);
                assert_eq!(replies.last(), Some(&Reply::Integer(200)));
            })
        })
        .collect();
    for t in threads {
        t.join().expect("client thread");
    }
    let mut c = connect(&server);
    assert_eq!(roundtrip(&mut c, &["GET", "shared"]), Reply::bulk("3200"));
}

/// A tool a test needs: present, or skip (locally) / fail (under CI).
fn tool_available(program: &str, probe: &[&str]) -> bool {
    let ok = Command::new(program)
        .args(probe)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok {
        if std::env::var_os("CI").is_some() {
            panic!("{program} {probe:?} is required under CI but is not available");
        }
        eprintln!("skipping: {program} {probe:?} is not available");
    }
    ok
}

fn redis_cli(port: u16, args: &[&str]) -> String {
    let out = Command::new("redis-cli")
        .arg("-p")
        .arg(port.to_string())
        .args(args)
        .output()
        .expect("run redis-cli");
    assert!(
        out.status.success(),
        "redis-cli {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn redis_cli_talks_to_the_server() {
    if !tool_available("redis-cli", &["--version"]) {
        return;
    }
    let server = start();
    let port = server.local_addr().port();
    assert_eq!(redis_cli(port, &["PING"]), "PONG\n");
    assert_eq!(redis_cli(port, &["SET", "cli:key", "hello world"]), "OK\n");
    assert_eq!(redis_cli(port, &["GET", "cli:key"]), "hello world\n");
    assert_eq!(redis_cli(port, &["INCR", "cli:n"]), "1\n");
    assert_eq!(redis_cli(port, &["GET", "cli:missing"]), "\n");
    assert_eq!(redis_cli(port, &["ECHO", "x"]), "x\n");
    // Several commands through one connection, as redis-cli reads stdin.
    let mut child = Command::new("redis-cli")
        .arg("-p")
        .arg(port.to_string())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn redis-cli");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"SET a 1\nINCR a\nGET a\nDEL a\n")
        .expect("write stdin");
    let out = child.wait_with_output().expect("redis-cli output");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "OK\n2\n2\n1\n");
}

/// Run a redis-py script against a server of its own (the port is its
/// argv[1]); it must print `ok`. Without redis-py it is skipped, as
/// `tool_available` says.
fn run_redis_py(script: &str) {
    if !tool_available("python3", &["-c", "import redis"]) {
        return;
    }
    let server = start();
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(server.local_addr().port().to_string())
        .output()
        .expect("run python3");
    assert!(
        out.status.success() && String::from_utf8_lossy(&out.stdout).trim() == "ok",
        "redis-py failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn redis_py_talks_to_the_server() {
    let script = r#"
import sys, redis
r = redis.Redis(host="127.0.0.1", port=int(sys.argv[1]), socket_timeout=10)
assert r.ping() is True
assert r.set("py:k", "v") is True
assert r.get("py:k") == b"v"
assert r.incr("py:n") == 1
assert r.incr("py:n") == 2
p = r.pipeline(transaction=False)
for i in range(100):
    p.set("py:%d" % i, i)
    p.incr("py:count")
p.get("py:42")
res = p.execute()
assert res[-1] == b"42", res[-1]
assert res[-2] == 100, res[-2]
assert r.delete("py:k", "py:missing") == 1
assert r.get("py:k") is None
print("ok")
"#;
    run_redis_py(script);
}

#[test]
fn replies_decode_as_resp() {
    // Sanity of the decoder the other tests lean on.
    assert_eq!(decode_reply(b"+OK\r\n"), Ok(Some((Reply::ok(), 5))));
}

/// redis-py's pubsub object (a second connection in subscribed mode, its
/// messages read with get_message) and its transactional pipeline with
/// WATCH, against the native server.
#[test]
fn redis_py_pubsub_and_transactions() {
    let script = r#"
import sys, time, redis
r = redis.Redis(host="127.0.0.1", port=int(sys.argv[1]), socket_timeout=10)
p = r.pubsub()
p.subscribe("news")
p.psubscribe("n*")
def next_message():
    deadline = time.time() + 5
    while time.time() < deadline:
        m = p.get_message(timeout=0.5)
        if m is not None:
            return m
    raise AssertionError("no message")
assert next_message()["type"] == "subscribe"
assert next_message()["type"] == "psubscribe"
assert r.publish("news", "hello") == 2
m = next_message()
assert (m["type"], m["channel"], m["data"]) == ("message", b"news", b"hello"), m
m = next_message()
assert (m["type"], m["pattern"], m["data"]) == ("pmessage", b"n*", b"hello"), m
assert r.pubsub_numsub("news") == [(b"news", 1)]
assert r.pubsub_numpat() == 1
p.unsubscribe("news")
p.punsubscribe("n*")
assert next_message()["type"] == "unsubscribe"
assert next_message()["type"] == "punsubscribe"
assert r.publish("news", "nobody") == 0
p.close()

r.set("bal", 10)
with r.pipeline() as t:
    t.watch("bal")
    v = int(t.get("bal"))
    t.multi()
    t.set("bal", v - 3)
    t.incr("ops")
    assert t.execute() == [True, 1]
assert r.get("bal") == b"7"
other = redis.Redis(host="127.0.0.1", port=int(sys.argv[1]), socket_timeout=10)
with r.pipeline() as t:
    t.watch("bal")
    other.set("bal", 100)
    t.multi()
    t.set("bal", 0)
    try:
        t.execute()
        raise AssertionError("EXEC ran although bal changed")
    except redis.WatchError:
        pass
assert r.get("bal") == b"100"
print("ok")
"#;
    run_redis_py(script);
}

/// A worker blocked in BLPOP over TCP is served by another connection's
/// push, a timeout answers None, a connection that waits can still be
/// unblocked by CLIENT UNBLOCK, and commands a client pipelines behind
/// its blocking command run once it is answered.
#[test]
fn redis_py_blocking_pops() {
    let script = r#"
import sys, threading, time, redis
port = int(sys.argv[1])
r = redis.Redis(host="127.0.0.1", port=port, socket_timeout=10)
got = {}
def worker():
    w = redis.Redis(host="127.0.0.1", port=port, socket_timeout=10)
    got["job"] = w.blpop(["jobs"], timeout=5)
t = threading.Thread(target=worker)
t.start()
deadline = time.time() + 5
while int(r.info("clients")["blocked_clients"]) != 1:
    assert time.time() < deadline, "the worker never blocked"
    time.sleep(0.02)
assert r.rpush("jobs", "j1") == 1
t.join(5)
assert got["job"] == (b"jobs", b"j1"), got
assert r.blpop(["empty"], timeout=0.1) is None
assert r.bzpopmin(["zq"], timeout=0.1) is None

w = redis.Redis(host="127.0.0.1", port=port, socket_timeout=10)
wid = w.client_id()
def waiter():
    try:
        got["unblocked"] = w.brpop(["never"], timeout=0)
    except redis.ResponseError as e:
        got["unblocked"] = str(e)
t = threading.Thread(target=waiter)
t.start()
deadline = time.time() + 5
while int(r.info("clients")["blocked_clients"]) != 1:
    assert time.time() < deadline, "the waiter never blocked"
    time.sleep(0.02)
assert r.client_unblock(wid, error=True) is True
t.join(5)
assert "UNBLOCKED" in got["unblocked"], got
assert w.ping() is True

p = w.pipeline(transaction=False)
p.blpop(["later"], timeout=0)
p.llen("later")
def pusher():
    time.sleep(0.2)
    r.rpush("later", "a", "b")
threading.Thread(target=pusher).start()
assert p.execute() == [(b"later", b"a"), 1]
print("ok")
"#;
    run_redis_py(script);
}

/// redis-py's `Lock` end to end: acquire is `SET NX PX`, and release,
/// extend and reacquire are Lua scripts it sends as EVALSHA, falling back
/// to SCRIPT LOAD on NOSCRIPT (its sha1 is computed client-side, so ours
/// must match). Covers a second client that cannot take a held lock
/// (non-blocking and with a short blocking_timeout), a waiter that gets it
/// when the owner releases, and non-owners the scripts must refuse.
#[test]
fn redis_py_lock_acquire_extend_release() {
    let script = r#"
import sys, threading, time, redis
from redis.exceptions import LockError, LockNotOwnedError
port = int(sys.argv[1])
r = redis.Redis(host="127.0.0.1", port=port, socket_timeout=10)
other = redis.Redis(host="127.0.0.1", port=port, socket_timeout=10)

a = r.lock("res", timeout=10, blocking_timeout=1)
assert a.acquire() is True
assert a.locked() and a.owned()
assert 9000 < r.pttl("res") <= 10000, r.pttl("res")
b = other.lock("res", timeout=10)
assert b.locked() and not b.owned()
assert b.acquire(blocking=False) is False
started = time.monotonic()
assert b.acquire(blocking_timeout=0.3) is False
assert time.monotonic() - started >= 0.2
try:
    with other.lock("res", timeout=10, blocking_timeout=0.1):
        raise AssertionError("the context manager took a held lock")
except LockNotOwnedError:
    raise
except LockError:
    pass

# extend adds to the remaining TTL (the script adds a string ARGV to a
# number); replace_ttl sets it; reacquire resets it to the timeout.
assert a.extend(20) is True
assert 29000 < r.pttl("res") <= 30000, r.pttl("res")
assert a.extend(5, replace_ttl=True) is True
assert 4000 < r.pttl("res") <= 5000, r.pttl("res")
assert a.reacquire() is True
assert 9000 < r.pttl("res") <= 10000, r.pttl("res")

# A non-owner holding some other token: the scripts refuse, and the
# lock stays with its owner.
b.local.token = b"not-the-owner"
try:
    b.release()
    raise AssertionError("a non-owner released the lock")
except LockNotOwnedError:
    pass
try:
    b.release()
    raise AssertionError("released twice")
except LockNotOwnedError:
    raise
except LockError:
    pass
b.local.token = b"not-the-owner"
for op in (lambda: b.extend(1), b.reacquire):
    try:
        op()
        raise AssertionError("a non-owner changed the TTL")
    except LockNotOwnedError:
        pass
assert a.owned() and 9000 < r.pttl("res") <= 10000

# A waiter polling in acquire gets the lock once the owner releases.
got = {}
def waiter():
    w = other.lock("res", timeout=10)
    got["acquired"] = w.acquire(blocking_timeout=5)
    got["owned"] = w.owned()
    w.release()
t = threading.Thread(target=waiter)
t.start()
time.sleep(0.3)
a.release()
t.join(10)
assert got == {"acquired": True, "owned": True}, got
assert not a.locked() and not a.owned()
assert r.exists("res") == 0

with r.lock("res", timeout=5) as held:
    assert held.owned()
assert r.exists("res") == 0
print("ok")
"#;
    run_redis_py(script);
}

/// The failure a lock's TTL exists for: the holder works longer than its
/// timeout, the key expires, another client takes the lock, and the late
/// holder's extend, reacquire and release all raise LockNotOwnedError
/// instead of touching the new owner's lock.
#[test]
fn redis_py_lock_expires_under_a_slow_holder() {
    let script = r#"
import sys, time, redis
from redis.exceptions import LockNotOwnedError
port = int(sys.argv[1])
r = redis.Redis(host="127.0.0.1", port=port, socket_timeout=10)
other = redis.Redis(host="127.0.0.1", port=port, socket_timeout=10)
slow = r.lock("job", timeout=0.2)
assert slow.acquire(blocking=False) is True
assert 0 < r.pttl("job") <= 200, r.pttl("job")
time.sleep(0.4)
assert not slow.locked() and not slow.owned()
fast = other.lock("job", timeout=10)
assert fast.acquire(blocking=False) is True
for op in (lambda: slow.extend(1), slow.reacquire, slow.release):
    try:
        op()
        raise AssertionError("the expired holder still acted on the lock")
    except LockNotOwnedError:
        pass
assert fast.owned() and not slow.owned()
assert 9000 < r.pttl("job") <= 10000
fast.release()
assert r.exists("job") == 0
print("ok")
"#;
    run_redis_py(script);
}

/// The lock the tutorials teach, with plain commands: `SET key token NX
/// PX 30000` to take it, a compare-and-pexpire script to extend it and a
/// compare-and-delete script to release it, both by EVAL and by EVALSHA,
/// including the late release after the TTL ran out.
#[test]
fn redis_py_lock_pattern_with_plain_commands() {
    let script = r#"
import sys, time, uuid, redis
r = redis.Redis(host="127.0.0.1", port=int(sys.argv[1]), socket_timeout=10)
other = redis.Redis(host="127.0.0.1", port=int(sys.argv[1]), socket_timeout=10)
RELEASE = "if redis.call('get',KEYS[1]) == ARGV[1] then return redis.call('del',KEYS[1]) else return 0 end"
EXTEND = "if redis.call('get',KEYS[1]) == ARGV[1] then return redis.call('pexpire',KEYS[1],ARGV[2]) else return 0 end"

mine, theirs = uuid.uuid4().hex, uuid.uuid4().hex
assert r.execute_command("SET", "lock:order", mine, "NX", "PX", 30000) is True
assert other.execute_command("SET", "lock:order", theirs, "NX", "PX", 30000) is None
assert other.set("lock:order", theirs, nx=True, px=30000) is None
assert r.get("lock:order") == mine.encode()
assert 29000 < r.pttl("lock:order") <= 30000

assert other.eval(EXTEND, 1, "lock:order", theirs, 60000) == 0
assert 29000 < r.pttl("lock:order") <= 30000
assert r.eval(EXTEND, 1, "lock:order", mine, 60000) == 1
assert 59000 < r.pttl("lock:order") <= 60000

assert other.eval(RELEASE, 1, "lock:order", theirs) == 0
assert r.get("lock:order") == mine.encode()
extend_sha = r.script_load(EXTEND)
release_sha = r.script_load(RELEASE)
assert r.evalsha(release_sha, 1, "lock:order", mine) == 1
assert r.exists("lock:order") == 0
assert r.eval(RELEASE, 1, "lock:order", mine) == 0
assert r.evalsha(extend_sha, 1, "lock:order", mine, 1000) == 0
assert other.set("lock:order", theirs, nx=True, px=30000) is True
assert other.evalsha(release_sha, 1, "lock:order", theirs) == 1

assert r.set("lock:slow", mine, nx=True, px=200) is True
time.sleep(0.4)
assert other.set("lock:slow", theirs, nx=True, px=30000) is True
assert r.eval(EXTEND, 1, "lock:slow", mine, 60000) == 0
assert r.eval(RELEASE, 1, "lock:slow", mine) == 0
assert r.get("lock:slow") == theirs.encode()
assert 29000 < r.pttl("lock:slow") <= 30000
print("ok")
"#;
    run_redis_py(script);
}

/// redis-py's script and function API: `register_script` (EVALSHA with
/// its NOSCRIPT fallback, and in a pipeline SCRIPT EXISTS then SCRIPT LOAD
/// before the EVALSHAs), `eval`/`evalsha`/`script_load` with Lua values
/// turned into replies and errors raised, and `function_load` then
/// `fcall`/`fcall_ro`. Every expected value was checked against
/// redis-server 7.0.15 through the same redis-py.
#[test]
fn redis_py_scripts_and_functions() {
    let script = r##"
import hashlib, sys, redis
from redis.exceptions import NoScriptError, ResponseError
r = redis.Redis(host="127.0.0.1", port=int(sys.argv[1]), socket_timeout=10)

body = "return {KEYS[1], ARGV[1], redis.call('incrby', KEYS[1], ARGV[2])}"
s = r.register_script(body)
assert s.sha == hashlib.sha1(body.encode()).hexdigest()
assert r.script_exists(s.sha) == [False]
assert s(keys=["ctr"], args=["hello", 5]) == [b"ctr", b"hello", 5]
assert r.script_exists(s.sha, "0" * 40) == [True, False]
assert s(keys=["ctr"], args=["again", 2]) == [b"ctr", b"again", 7]
assert r.script_flush() is True
assert r.script_exists(s.sha) == [False]
p = r.pipeline()
s(keys=["ctr"], args=["p1", 1], client=p)
s(keys=["other"], args=["p2", 10], client=p)
assert p.execute() == [[b"ctr", b"p1", 8], [b"other", b"p2", 10]]

assert r.eval("return ARGV[1] .. KEYS[1]", 1, "k", "v") == b"vk"
assert r.eval("return {1, 2.9, 'x', true, false, nil, 'never'}", 0) == [1, 2, b"x", 1, None]
assert r.eval("return redis.status_reply('FINE')", 0) == b"FINE"
assert r.eval("return redis.call('get', KEYS[1])", 1, "missing") is None
sha = r.script_load("return redis.call('set', KEYS[1], ARGV[1])")
assert sha == hashlib.sha1(b"return redis.call('set', KEYS[1], ARGV[1])").hexdigest()
assert r.evalsha(sha, 1, "by-sha", "value") == b"OK"
assert r.get("by-sha") == b"value"
assert r.evalsha(sha.upper(), 1, "by-sha", "upper") == b"OK"
assert r.get("by-sha") == b"upper"
try:
    r.evalsha("0" * 40, 0)
    raise AssertionError("EVALSHA of an unknown script ran")
except NoScriptError:
    pass
try:
    r.eval("return redis.call('incr', KEYS[1])", 1, "by-sha")
    raise AssertionError("INCR of a non-integer succeeded in a script")
except ResponseError as e:
    assert "not an integer" in str(e), e
try:
    r.eval("return redis.error_reply('MYERR custom')", 0)
    raise AssertionError("error_reply did not raise")
except ResponseError as e:
    assert str(e).startswith("MYERR custom"), e

lib = """#!lua name=reddishlib
redis.register_function('keep', function(keys, args)
    return redis.call('set', keys[1], args[1])
end)
redis.register_function{
    function_name = 'peek',
    callback = function(keys, args) return redis.call('get', keys[1]) end,
    flags = {'no-writes'},
}
"""
assert r.function_load(lib) == b"reddishlib"
try:
    r.function_load(lib)
    raise AssertionError("loaded the same library twice without REPLACE")
except ResponseError as e:
    assert "already exists" in str(e), e
assert r.function_load(lib, replace=True) == b"reddishlib"
assert r.fcall("keep", 1, "fn:key", "fn-value") == b"OK"
assert r.fcall("peek", 1, "fn:key") == b"fn-value"
assert r.fcall_ro("peek", 1, "fn:key") == b"fn-value"
try:
    r.fcall_ro("keep", 1, "fn:key", "x")
    raise AssertionError("FCALL_RO ran a function that writes")
except ResponseError:
    pass
libs = [dict(zip(e[::2], e[1::2])) for e in r.function_list()]
assert [l[b"library_name"] for l in libs] == [b"reddishlib"], libs
fns = sorted((dict(zip(f[::2], f[1::2])) for f in libs[0][b"functions"]), key=lambda f: f[b"name"])
assert [(f[b"name"], f[b"flags"]) for f in fns] == [(b"keep", []), (b"peek", [b"no-writes"])], fns
assert r.function_delete("reddishlib") is True
try:
    r.fcall("keep", 1, "fn:key", "x")
    raise AssertionError("FCALL of a deleted function ran")
except ResponseError as e:
    assert "Function not found" in str(e), e
print("ok")
"##;
    run_redis_py(script);
}

#[test]
fn the_shutdown_command_stops_the_server_without_a_reply() {
    let server = start();
    let mut c = connect(&server);
    let mut other = connect(&server);
    assert_eq!(roundtrip(&mut c, &["SET", "a", "b"]), Reply::ok());
    // ABORT with nothing in progress is refused.
    assert_eq!(
        roundtrip(&mut c, &["SHUTDOWN", "ABORT"]),
        Reply::err("ERR No shutdown in progress.")
    );
    // SAVE saves (this in-process server keeps its file in memory), then
    // the server stops.
    send(&mut c, &cmd(&["SHUTDOWN", "SAVE"]));
    assert_eq!(
        read_to_close(&mut c),
        b"",
        "no reply, the connection closes"
    );
    assert_eq!(read_to_close(&mut other), b"", "every connection closes");
    assert!(
        answers_no_more(server.local_addr()),
        "the server still answers after SHUTDOWN"
    );
}

/// A PUBLISH's message is built once and shared by its subscribers'
/// outboxes (encoded once per protocol): each still gets it in its own
/// protocol, every time, byte for byte as Redis sends it.
#[test]
fn one_message_reaches_resp2_and_resp3_subscribers_in_their_protocols() {
    let server = start();
    let mut two = connect(&server);
    let mut three = connect(&server);
    send(&mut three, &cmd(&["HELLO", "3"]));
    read_replies(&mut three, 1);
    for c in [&mut two, &mut three] {
        send(c, &cmd(&["SUBSCRIBE", "ch"]));
        read_replies(c, 1);
    }
    let mut publisher = connect(&server);
    for payload in ["hi", "again"] {
        assert_eq!(
            roundtrip(&mut publisher, &["PUBLISH", "ch", payload]),
            Reply::Integer(2)
        );
        let body = format!(
            "$7\r\nmessage\r\n$2\r\nch\r\n${}\r\n{payload}\r\n",
            payload.len()
        );
        for (c, head) in [(&mut two, "*3\r\n"), (&mut three, ">3\r\n")] {
            let want = format!("{head}{body}");
            let mut got = vec![0u8; want.len()];
            c.read_exact(&mut got).expect("read the message");
            assert_eq!(String::from_utf8_lossy(&got), want);
        }
    }
}
