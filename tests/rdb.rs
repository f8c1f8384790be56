//! RDB files across servers: a dataset of every type and encoding saved
//! by reddish-server loads in redis-server 7.0 as the same data, and the
//! file redis-server then saves loads back in reddish-server; the native
//! server keeps its data across a restart; a damaged file stops the start
//! and is left as it was.
//!
//! "The same data" is checked key by key with DEBUG DIGEST-VALUE (Redis's
//! digest of a value's contents), DEBUG DIGEST (the whole dataset, with
//! deadlines), TYPE, OBJECT ENCODING (both load under the same rules),
//! PEXPIRETIME, a stream's XINFO STREAM FULL (its groups, consumers and
//! pending entries, times included, since both read them from the file)
//! and FUNCTION LIST WITHCODE.

#![cfg(feature = "server")]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{argv, scratch_dir, Client, ReddishServer, RedisServer};
use reddish::Reply;

fn call(c: &mut Client, words: &[&str]) -> Reply {
    c.call(&argv(words))
}

fn ok(c: &mut Client, words: &[&str]) {
    let r = call(c, words);
    assert!(!matches!(r, Reply::Error(_)), "{words:?}: {r:?}");
}

/// Every type, in each of its encodings, with deadlines, two databases,
/// a stream with a group, consumers and pending entries, a library.
fn fill(c: &mut Client) {
    ok(c, &["SET", "int", "7"]);
    ok(c, &["SET", "bigint", "-12345678901"]);
    ok(c, &["SET", "short", "hello"]);
    ok(c, &["SET", "long", &"a text that repeats, ".repeat(40)]);
    ok(c, &["APPEND", "raw", "made by append"]);
    ok(c, &["SET", "volatile", "v", "PX", "100000000"]);
    ok(c, &["RPUSH", "list", "a", "1", "-70000", "some text"]);
    let lua_fill = "for i=1,tonumber(ARGV[2]) do redis.call(ARGV[1], KEYS[1], unpack(ARGV[3] == 'z' and {i, 'm' .. i} or ARGV[3] == 'h' and {'f' .. i, i * 3} or {ARGV[3] .. i})) end";
    ok(
        c,
        &[
            "EVAL", lua_fill, "1", "biglist", "RPUSH", "1500", "element-",
        ],
    );
    ok(c, &["SADD", "intset", "3", "1", "70000"]);
    ok(c, &["SADD", "strset", "a", "b", "c", "d"]);
    ok(c, &["EVAL", lua_fill, "1", "bigintset", "SADD", "600", ""]);
    ok(c, &["HSET", "hash", "a", "1", "b", "text"]);
    ok(c, &["EVAL", lua_fill, "1", "bighash", "HSET", "200", "h"]);
    ok(c, &["ZADD", "zset", "1.5", "a", "2", "b", "-inf", "c"]);
    ok(c, &["EVAL", lua_fill, "1", "bigzset", "ZADD", "200", "z"]);
    ok(c, &["EXPIRE", "bigzset", "5000000"]);
    for i in 1..=40 {
        let id = format!("{}-{}", 1000 + i / 3, i % 3);
        if i % 7 == 0 {
            ok(c, &["XADD", "stream", &id, "other", &i.to_string()]);
        } else {
            ok(
                c,
                &[
                    "XADD",
                    "stream",
                    &id,
                    "n",
                    &i.to_string(),
                    "sq",
                    &(i * i).to_string(),
                ],
            );
        }
    }
    ok(c, &["XDEL", "stream", "1002-0", "1005-1"]);
    ok(c, &["XGROUP", "CREATE", "stream", "g1", "0"]);
    ok(c, &["XGROUP", "CREATE", "stream", "g2", "$"]);
    ok(
        c,
        &[
            "XREADGROUP",
            "GROUP",
            "g1",
            "alice",
            "COUNT",
            "5",
            "STREAMS",
            "stream",
            ">",
        ],
    );
    ok(
        c,
        &[
            "XREADGROUP",
            "GROUP",
            "g1",
            "bob",
            "COUNT",
            "3",
            "STREAMS",
            "stream",
            ">",
        ],
    );
    ok(c, &["XACK", "stream", "g1", "1000-1"]);
    ok(c, &["XGROUP", "CREATECONSUMER", "stream", "g2", "carol"]);
    ok(c, &["XADD", "empty-stream", "1-1", "a", "b"]);
    ok(c, &["XDEL", "empty-stream", "1-1"]);
    ok(
        c,
        &[
            "FUNCTION",
            "LOAD",
            "#!lua name=mylib\nredis.register_function('hi', function() return 'hi' end)",
        ],
    );
    ok(c, &["SELECT", "3"]);
    ok(c, &["SET", "in-db-3", "x"]);
    ok(c, &["SELECT", "0"]);
}

/// What must be equal after a load, key by key.
fn observe(c: &mut Client) -> Vec<(String, Reply)> {
    let mut out = vec![
        ("DEBUG DIGEST".to_string(), call(c, &["DEBUG", "DIGEST"])),
        (
            "FUNCTION LIST".to_string(),
            call(c, &["FUNCTION", "LIST", "WITHCODE"]),
        ),
    ];
    for db in ["0", "3"] {
        ok(c, &["SELECT", db]);
        let Reply::Array(keys) = call(c, &["KEYS", "*"]) else {
            panic!("KEYS")
        };
        let mut keys: Vec<String> = keys
            .into_iter()
            .map(|k| match k {
                Reply::Bulk(b) => String::from_utf8(b).unwrap(),
                other => panic!("{other:?}"),
            })
            .collect();
        keys.sort();
        for k in keys {
            // DEBUG OBJECT's sizes (the RDB form's length, a list's
            // nodes); its address and clock are each server's own.
            let obj = match call(c, &["DEBUG", "OBJECT", &k]) {
                Reply::Simple(s) => s
                    .split(' ')
                    .filter(|p| !p.starts_with("at:") && !p.starts_with("lru"))
                    .collect::<Vec<_>>()
                    .join(" "),
                other => panic!("DEBUG OBJECT {k}: {other:?}"),
            };
            out.push((format!("db {db}: DEBUG OBJECT {k}"), Reply::Simple(obj)));
            for probe in [
                vec!["TYPE", &k],
                vec!["OBJECT", "ENCODING", &k],
                vec!["DEBUG", "DIGEST-VALUE", &k],
                vec!["PEXPIRETIME", &k],
            ] {
                out.push((format!("db {db}: {probe:?}"), call(c, &probe)));
            }
        }
    }
    ok(c, &["SELECT", "0"]);
    out.push((
        "XINFO STREAM FULL".into(),
        call(c, &["XINFO", "STREAM", "stream", "FULL"]),
    ));
    // Nothing compared may be an error both sides share (DEBUG refused,
    // a key missing), or the comparison would prove nothing.
    for (what, r) in &out {
        assert!(!matches!(r, Reply::Error(_)), "{what}: {r:?}");
    }
    assert!(out.len() > 70, "{} observations", out.len());
    out
}

fn assert_same(what: &str, a: &[(String, Reply)], b: &[(String, Reply)]) {
    assert_eq!(a.len(), b.len(), "{what}: not the same keys");
    for ((la, ra), (lb, rb)) in a.iter().zip(b) {
        assert_eq!(la, lb, "{what}");
        assert_eq!(ra, rb, "{what}: {la}");
    }
}

fn fresh_dir(name: &str) -> PathBuf {
    scratch_dir(name, 0)
}

const DEBUG: [&str; 2] = ["--enable-debug-command", "yes"];

#[test]
fn files_cross_both_ways_with_redis_server() {
    let ours = ReddishServer::start_with(&DEBUG);
    let mut c = Client::connect(ours.port);
    fill(&mut c);
    let original = observe(&mut c);
    assert_eq!(call(&mut c, &["SAVE"]), Reply::Simple("OK".into()));
    let Reply::Bulk(dir) = call(&mut c, &["CONFIG", "GET", "dir"]).into_pairs_value() else {
        panic!("dir")
    };
    let file = Path::new(std::str::from_utf8(&dir).unwrap()).join("dump.rdb");

    // Ours, read by redis-server.
    let there = fresh_dir("rdb-to-redis");
    std::fs::copy(&file, there.join("dump.rdb")).unwrap();
    let dir_arg = there.to_string_lossy().into_owned();
    let redis = RedisServer::start_with(&[DEBUG[0], DEBUG[1], "--dir", &dir_arg]);
    let mut r = Client::connect(redis.port);
    let in_redis = observe(&mut r);
    assert_same("reddish's file in redis-server", &original, &in_redis);

    // redis-server's own file, read by ours.
    assert_eq!(call(&mut r, &["SAVE"]), Reply::Simple("OK".into()));
    drop(r);
    drop(redis);
    let back = ReddishServer::start_with(&[DEBUG[0], DEBUG[1], "--dir", &dir_arg]);
    let mut b = Client::connect(back.port);
    let in_ours_again = observe(&mut b);
    assert_same("redis-server's file in reddish", &original, &in_ours_again);
    let _ = std::fs::remove_dir_all(&there);
}

trait PairsValue {
    fn into_pairs_value(self) -> Reply;
}

impl PairsValue for Reply {
    /// The value of a one-pair map (CONFIG GET in RESP2 is an array).
    fn into_pairs_value(self) -> Reply {
        match self {
            Reply::Array(mut v) if v.len() == 2 => v.remove(1),
            Reply::Map(mut v) if v.len() == 1 => v.remove(0).1,
            other => other,
        }
    }
}

/// What reddish-server printed when it refused to start in `dir`
/// (panics if it is still running after 20 s). Its port is not probed:
/// the server listens before it loads, as redis-server does, so a
/// connection can be taken during a load that then fails.
fn refused_start(dir: &Path) -> String {
    let d = dir.to_string_lossy().into_owned();
    let port = common::free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_reddish-server"))
        .args(["--port", &port.to_string(), "--dir", &d])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(!status.success());
            let mut err = String::new();
            use std::io::Read;
            let _ = child.stderr.take().unwrap().read_to_string(&mut err);
            return err;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("reddish-server started on a file it should refuse");
}

#[test]
fn data_survives_a_restart_and_a_damaged_file_stops_the_start() {
    let dir = fresh_dir("rdb-restart");
    let d = dir.to_string_lossy().into_owned();
    let server = ReddishServer::start_with(&[DEBUG[0], DEBUG[1], "--dir", &d]);
    let mut c = Client::connect(server.port);
    fill(&mut c);
    let before = call(&mut c, &["DEBUG", "DIGEST"]);
    // SHUTDOWN SAVE saves and the server stops without a reply.
    c.send(&argv(&["SHUTDOWN", "SAVE"]));
    assert_eq!(c.read_reply(), None);
    drop(server);
    let file = dir.join("dump.rdb");
    let saved = std::fs::read(&file).expect("SHUTDOWN wrote dump.rdb");

    let again = ReddishServer::start_with(&[DEBUG[0], DEBUG[1], "--dir", &d]);
    let mut c = Client::connect(again.port);
    assert_eq!(call(&mut c, &["DEBUG", "DIGEST"]), before);
    drop(c);
    drop(again);

    // Cut short: the start fails, says why, and the file stays.
    let cut = &saved[..saved.len() - 20];
    std::fs::write(&file, cut).unwrap();
    let err = refused_start(&dir);
    assert!(err.contains("Fatal error loading the DB"), "{err}");
    assert_eq!(std::fs::read(&file).unwrap(), cut);
    // One flipped byte: the checksum finds it.
    let mut flipped = saved.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x20;
    std::fs::write(&file, &flipped).unwrap();
    let err = refused_start(&dir);
    assert!(err.contains("Fatal error loading the DB"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A background save that fails (a directory stands where dump.rdb
/// should go, so the finished file cannot be renamed over it) is reported
/// as Redis reports it, and with save points set writes are refused with
/// MISCONF until a save works again.
#[test]
fn a_failed_background_save_stops_writes_as_in_redis() {
    // `dir` and `dbfilename` are protected parameters (CONFIG SET refuses
    // them): each server starts in a directory of its own.
    let dirs = [
        fresh_dir("rdb-blocked-redis"),
        fresh_dir("rdb-blocked-ours"),
    ];
    let args: Vec<String> = dirs
        .iter()
        .map(|d| d.to_string_lossy().into_owned())
        .collect();
    let redis = RedisServer::start_with(&["--dir", &args[0]]);
    let ours = ReddishServer::start_with(&["--dir", &args[1]]);
    let mut clients = [Client::connect(redis.port), Client::connect(ours.port)];
    let mut seen = Vec::new();
    let mut scripts = Vec::new();
    for (c, dir) in clients.iter_mut().zip(&dirs) {
        ok(c, &["CONFIG", "SET", "save", "3600 1"]);
        ok(c, &["SET", "k", "v"]);
        let blocker = dir.join("dump.rdb");
        std::fs::create_dir_all(blocker.join("inside")).unwrap();
        assert_eq!(
            call(c, &["BGSAVE"]),
            Reply::Simple("Background saving started".into())
        );
        // redis-server's child needs a moment to fail.
        let deadline = Instant::now() + Duration::from_secs(10);
        let status = loop {
            let info = match call(c, &["INFO", "persistence"]) {
                Reply::Bulk(b) => String::from_utf8_lossy(&b).into_owned(),
                other => panic!("INFO: {other:?}"),
            };
            if !info.contains("rdb_bgsave_in_progress:1") || Instant::now() > deadline {
                break info
                    .lines()
                    .find(|l| l.starts_with("rdb_last_bgsave_status"))
                    .unwrap_or_default()
                    .to_string();
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        seen.push((
            status,
            call(c, &["SET", "k", "w"]),
            call(c, &["PING"]),
            call(c, &["GET", "k"]),
        ));
        // Scripts: one without flags is refused its first write, one that
        // declares flags without no-writes is refused before it runs.
        scripts.push(
            [
                "return redis.call('set', 'k', 'w')",
                "redis.call('get', 'k') return redis.pcall('set', 'k', 'w')",
                "#!lua\nreturn 1",
                "#!lua flags=no-writes\nreturn redis.call('get', 'k')",
            ]
            .map(|body| call(c, &["EVAL", &body.replace("\\n", "\n"), "0"])),
        );
        std::fs::remove_dir_all(&blocker).unwrap();
        assert_eq!(call(c, &["SAVE"]), Reply::Simple("OK".into()));
        seen.push((
            String::new(),
            call(c, &["SET", "k", "x"]),
            call(c, &["PING"]),
            call(c, &["GET", "k"]),
        ));
        ok(c, &["CONFIG", "SET", "save", ""]);
        let _ = std::fs::remove_dir_all(dir);
    }
    assert_eq!(seen[0], seen[2], "after the failed save");
    assert_eq!(scripts[0], scripts[1], "scripts after the failed save");
    assert!(
        matches!(&scripts[1][2], Reply::Error(e) if e.starts_with("MISCONF")),
        "{:?}",
        scripts[1]
    );
    assert_eq!(seen[1], seen[3], "after a save that worked");
    assert!(matches!(&seen[0].1, Reply::Error(e) if e.starts_with("MISCONF")));
    assert_eq!(seen[0].0, "rdb_last_bgsave_status:err");
}
