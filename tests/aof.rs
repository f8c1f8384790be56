//! The append-only file against redis-server 7.0: the same commands give
//! the same incremental file (timestamps aside, each server's own clock),
//! an AOF directory written by either server loads in the other as the
//! same data, a server killed with SIGKILL under `appendfsync always`
//! comes back with every acknowledged write, BGREWRITEAOF compacts into a
//! new base, and a cut last command is dropped or refused as
//! `aof-load-truncated` says.

#![cfg(feature = "server")]

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{argv, scratch_dir, Client, ReddishServer, RedisServer};
use reddish::Reply;

fn call(c: &mut Client, words: &[&str]) -> Reply {
    c.call(&argv(words))
}

const AOF: [&str; 6] = [
    "--appendonly",
    "yes",
    "--appendfsync",
    "always",
    "--enable-debug-command",
    "yes",
];

/// The files a manifest names, in order, read from `dir/appendonlydir`.
fn aof_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let sub = dir.join("appendonlydir");
    let manifest = std::fs::read_to_string(sub.join("appendonly.aof.manifest"))
        .unwrap_or_else(|e| panic!("no manifest in {}: {e}", sub.display()));
    manifest
        .lines()
        .filter_map(|l| l.split_whitespace().nth(1).map(str::to_string))
        .map(|name| {
            let bytes = std::fs::read(sub.join(&name)).unwrap_or_default();
            (name, bytes)
        })
        .collect()
}

/// The incremental file's commands, with every run of 13 digits (a Unix
/// time in milliseconds: each server's own clock) written as `T`.
fn incremental(dir: &Path) -> String {
    let files = aof_files(dir);
    let (_, bytes) = files.last().expect("an incremental file");
    let text = String::from_utf8_lossy(bytes).into_owned();
    let mut out = String::new();
    let mut digits = String::new();
    for ch in text.chars() {
        if ch.is_ascii_digit() {
            digits.push(ch);
            continue;
        }
        if digits.len() == 13 {
            out.push('T');
        } else {
            out.push_str(&digits);
        }
        digits.clear();
        out.push(ch);
    }
    out.push_str(&digits);
    out
}

fn dir_of(c: &mut Client) -> PathBuf {
    match call(c, &["CONFIG", "GET", "dir"]) {
        Reply::Array(v) | Reply::Set(v) if v.len() == 2 => match &v[1] {
            Reply::Bulk(b) => PathBuf::from(String::from_utf8_lossy(b).into_owned()),
            other => panic!("dir: {other:?}"),
        },
        Reply::Map(v) if v.len() == 1 => match &v[0].1 {
            Reply::Bulk(b) => PathBuf::from(String::from_utf8_lossy(b).into_owned()),
            other => panic!("dir: {other:?}"),
        },
        other => panic!("dir: {other:?}"),
    }
}

/// Writes whose logged form is each server's choice: relative times made
/// absolute, random pops made explicit, a float sum stored, a script and
/// a transaction as their writes, a database change.
fn writes(c: &mut Client) {
    let script: [&[&str]; 50] = [
        &["SET", "plain", "v"],
        &["SET", "ttl", "v", "EX", "1000"],
        &["SETEX", "ttl2", "1000", "v"],
        &["SET", "got", "new", "GET"],
        &["GETSET", "got", "newer"],
        &["INCR", "n"],
        &["INCRBYFLOAT", "f", "1.5"],
        &["HINCRBYFLOAT", "h", "x", "2.25"],
        &["EXPIRE", "plain", "5000"],
        &["PERSIST", "plain"],
        &["GETEX", "n", "PX", "90000"],
        &["GETDEL", "f"],
        &["RPUSH", "l", "a", "b", "c"],
        &["SADD", "s", "only"],
        &["SPOP", "s"],
        &["SADD", "all", "x", "y"],
        &["SPOP", "all", "5"],
        &["MULTI"],
        &["INCR", "n"],
        &["LPOP", "l"],
        &["EXEC"],
        &[
            "EVAL",
            "redis.call('set', 'from-script', '1') return redis.call('incr', 'n')",
            "0",
        ],
        // Blocking commands that need not wait: logged as what they did.
        &["RPUSH", "bl", "a", "b", "c"],
        &["BLPOP", "bl", "1"],
        &["BRPOP", "nothing", "bl", "1"],
        &["RPUSH", "bl", "x", "y", "z"],
        &["BLMPOP", "1", "1", "bl", "LEFT", "COUNT", "10"],
        &["RPUSH", "src", "1", "2"],
        &["BLMOVE", "src", "dst", "left", "RIGHT", "1"],
        &["BRPOPLPUSH", "src", "dst", "1"],
        &["ZADD", "z", "1", "a", "2", "b", "3", "c"],
        &["BZPOPMIN", "z", "1"],
        &["BZMPOP", "1", "1", "z", "MAX", "COUNT", "5"],
        &["ZADD", "z", "1", "a", "2", "b", "3", "c"],
        &["ZMPOP", "1", "z", "MIN", "COUNT", "2"],
        &["RPUSH", "bl", "p", "q", "r"],
        &["LMPOP", "2", "nothing", "bl", "RIGHT", "COUNT", "2"],
        // Claims, logged as idempotent XCLAIMs, and a group's last id.
        &["XADD", "st", "1-0", "f", "v"],
        &["XADD", "st", "2-0", "f", "v"],
        &["XADD", "st", "3-0", "f", "v"],
        &["XGROUP", "CREATE", "st", "g", "0"],
        &[
            "XREADGROUP",
            "GROUP",
            "g",
            "alice",
            "COUNT",
            "3",
            "STREAMS",
            "st",
            ">",
        ],
        &["XCLAIM", "st", "g", "bob", "0", "1-0"],
        &[
            "XCLAIM", "st", "g", "bob", "0", "2-0", "JUSTID", "LASTID", "5-0",
        ],
        &["XCLAIM", "st", "g", "carol", "0", "9-0", "LASTID", "7-0"],
        &["XCLAIM", "st", "g", "erin", "100000", "1-0"],
        &["XDEL", "st", "3-0"],
        &["XAUTOCLAIM", "st", "g", "dave", "0", "0-0"],
        &["SELECT", "3"],
        &["SET", "in3", "v"],
    ];
    for line in script {
        let r = call(c, line);
        assert!(!matches!(r, Reply::Error(_)), "{line:?}: {r:?}");
    }
    // An expired key is logged as its DEL when a read finds it.
    call(c, &["SELECT", "0"]);
    call(c, &["SET", "brief", "v", "PX", "50"]);
    std::thread::sleep(Duration::from_millis(120));
    call(c, &["GET", "brief"]);
}

#[test]
fn the_same_writes_give_the_same_incremental_file() {
    let redis = RedisServer::start_with(&AOF);
    let ours = ReddishServer::start_with(&AOF);
    let mut r = Client::connect(redis.port);
    let mut o = Client::connect(ours.port);
    writes(&mut r);
    writes(&mut o);
    // A client served after it waited is logged as the pop, move or
    // group read it did.
    let served: [(&[&str], &[&str]); 4] = [
        (&["BLPOP", "q", "0"], &["RPUSH", "q", "job"]),
        (&["BRPOPLPUSH", "q2", "q3", "0"], &["RPUSH", "q2", "a"]),
        (
            &["BLMPOP", "0", "1", "q4", "RIGHT", "COUNT", "5"],
            &["RPUSH", "q4", "a", "b"],
        ),
        (
            &[
                "XREADGROUP",
                "GROUP",
                "g",
                "zoe",
                "BLOCK",
                "0",
                "STREAMS",
                "st",
                ">",
            ],
            &["XADD", "st", "8-0", "f", "v"],
        ),
    ];
    for port in [redis.port, ours.port] {
        let mut main = Client::connect(port);
        let mut waiter = Client::connect(port);
        for (wait, wake) in served {
            waiter.send(&argv(wait));
            std::thread::sleep(Duration::from_millis(100));
            assert!(
                !matches!(call(&mut main, wake), Reply::Error(_)),
                "{wake:?}"
            );
            assert!(waiter.read_reply().is_some(), "{wait:?}");
        }
    }
    let (rd, od) = (dir_of(&mut r), dir_of(&mut o));
    let theirs = incremental(&rd);
    let mine = incremental(&od);
    assert!(theirs.contains("PXAT"), "{theirs}");
    assert_eq!(mine, theirs);
    // Both start with a base in the RDB format.
    for dir in [&rd, &od] {
        let files = aof_files(dir);
        assert!(files[0].0.ends_with(".base.rdb"), "{files:?}");
        assert!(files[0].1.starts_with(b"REDIS"), "{}", files[0].0);
    }
}

fn digest(c: &mut Client) -> Reply {
    call(c, &["DEBUG", "DIGEST"])
}

fn copy_aof(from: &Path, to: &Path) {
    let src = from.join("appendonlydir");
    let dst = to.join("appendonlydir");
    std::fs::create_dir_all(&dst).unwrap();
    for e in std::fs::read_dir(&src).unwrap().flatten() {
        std::fs::copy(e.path(), dst.join(e.file_name())).unwrap();
    }
}

#[test]
fn an_aof_written_by_either_server_loads_in_the_other() {
    // Ours, read by redis-server.
    let ours = ReddishServer::start_with(&AOF);
    let mut o = Client::connect(ours.port);
    writes(&mut o);
    call(&mut o, &["SELECT", "0"]);
    let want = digest(&mut o);
    let there = scratch_dir("aof-to-redis", 0);
    copy_aof(&dir_of(&mut o), &there);
    let d = there.to_string_lossy().into_owned();
    let mut args = AOF.to_vec();
    args.extend(["--dir", &d]);
    let redis = RedisServer::start_with(&args);
    let mut r = Client::connect(redis.port);
    assert_eq!(digest(&mut r), want, "reddish's AOF in redis-server");

    // redis-server's, read by ours (its own writes added on top).
    call(&mut r, &["RPUSH", "l", "from-redis"]);
    let want = digest(&mut r);
    let back = scratch_dir("aof-to-reddish", 0);
    copy_aof(&there, &back);
    drop(r);
    drop(redis);
    let d = back.to_string_lossy().into_owned();
    let mut args = AOF.to_vec();
    args.extend(["--dir", &d]);
    let again = ReddishServer::start_with(&args);
    let mut b = Client::connect(again.port);
    assert_eq!(digest(&mut b), want, "redis-server's AOF in reddish");
    let _ = std::fs::remove_dir_all(&there);
    let _ = std::fs::remove_dir_all(&back);
}

#[test]
fn a_killed_server_keeps_every_acknowledged_write_with_appendfsync_always() {
    let dir = scratch_dir("aof-crash", 0);
    let d = dir.to_string_lossy().into_owned();
    let mut args = AOF.to_vec();
    args.extend(["--dir", &d]);
    let server = ReddishServer::start_with(&args);
    let mut c = Client::connect(server.port);
    // Acknowledged writes, then SIGKILL with no warning (Drop kills).
    let mut acked = 0;
    let until = Instant::now() + Duration::from_millis(400);
    while Instant::now() < until {
        assert_eq!(call(&mut c, &["INCR", "acked"]), Reply::Integer(acked + 1));
        acked += 1;
        call(&mut c, &["RPUSH", "log", &acked.to_string()]);
    }
    drop(c);
    drop(server);
    let again = ReddishServer::start_with(&args);
    let mut c = Client::connect(again.port);
    let Reply::Bulk(n) = call(&mut c, &["GET", "acked"]) else {
        panic!("nothing came back");
    };
    let n: i64 = String::from_utf8_lossy(&n).parse().unwrap();
    assert!(n >= acked, "{n} of {acked} acknowledged writes came back");
    assert_eq!(call(&mut c, &["LLEN", "log"]), Reply::Integer(acked));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_restart_replays_under_a_password_and_after_deadlines_passed() {
    let dir = scratch_dir("aof-replay", 0);
    let d = dir.to_string_lossy().into_owned();
    let mut args = AOF.to_vec();
    args.extend(["--dir", &d, "--requirepass", "secret"]);
    let server = ReddishServer::start_with(&args);
    let mut c = Client::connect(server.port);
    assert_eq!(call(&mut c, &["AUTH", "secret"]), Reply::ok());
    // A deadline that passes before the restart, removed in time.
    call(&mut c, &["SET", "saved", "v", "PX", "300"]);
    call(&mut c, &["PERSIST", "saved"]);
    // SET ... KEEPTTL GET keeps the deadline it had.
    call(&mut c, &["SET", "kept", "a", "EX", "1000"]);
    call(&mut c, &["SET", "kept", "b", "KEEPTTL", "GET"]);
    // BGREWRITEAOF inside a transaction waits for it.
    call(&mut c, &["MULTI"]);
    call(&mut c, &["INCR", "n"]);
    call(&mut c, &["BGREWRITEAOF"]);
    call(&mut c, &["INCR", "n"]);
    assert!(matches!(call(&mut c, &["EXEC"]), Reply::Array(_)));
    drop(c);
    drop(server);
    std::thread::sleep(Duration::from_millis(400));
    let again = ReddishServer::start_with(&args);
    let mut c = Client::connect(again.port);
    assert_eq!(call(&mut c, &["AUTH", "secret"]), Reply::ok());
    assert_eq!(call(&mut c, &["GET", "saved"]), Reply::Bulk(b"v".to_vec()));
    assert!(matches!(
        call(&mut c, &["TTL", "kept"]),
        Reply::Integer(998..=1000)
    ));
    assert_eq!(call(&mut c, &["GET", "n"]), Reply::Bulk(b"2".to_vec()));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bgrewriteaof_compacts_and_a_cut_tail_is_dropped_or_refused() {
    let dir = scratch_dir("aof-rewrite", 0);
    let d = dir.to_string_lossy().into_owned();
    let mut args = AOF.to_vec();
    args.extend(["--dir", &d]);
    let server = ReddishServer::start_with(&args);
    let mut c = Client::connect(server.port);
    for i in 0..50 {
        call(&mut c, &["INCR", "n"]);
        call(&mut c, &["SET", &format!("k{i}"), "v"]);
    }
    assert_eq!(
        call(&mut c, &["BGREWRITEAOF"]),
        Reply::Simple("Background append only file rewriting started".into())
    );
    let files = aof_files(&dir);
    assert_eq!(
        files.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(),
        ["appendonly.aof.2.base.rdb", "appendonly.aof.2.incr.aof"]
    );
    assert!(
        files[1].1.is_empty(),
        "the new incremental file starts empty"
    );
    call(&mut c, &["SET", "after", "rewrite"]);
    let want = digest(&mut c);
    // DEBUG LOADAOF reads the files back into the running server.
    assert_eq!(call(&mut c, &["DEBUG", "LOADAOF"]), Reply::ok());
    assert_eq!(digest(&mut c), want);
    drop(c);
    drop(server);

    // A command cut short at the end: dropped by default...
    let incr = dir.join("appendonlydir").join("appendonly.aof.2.incr.aof");
    let mut bytes = std::fs::read(&incr).unwrap();
    bytes.extend_from_slice(b"*3\r\n$3\r\nSET\r\n$4\r\nlost");
    std::fs::write(&incr, &bytes).unwrap();
    let again = ReddishServer::start_with(&args);
    let mut c = Client::connect(again.port);
    assert_eq!(digest(&mut c), want);
    assert_eq!(call(&mut c, &["EXISTS", "lost"]), Reply::Integer(0));
    drop(c);
    drop(again);
    // ...and a reason not to start with aof-load-truncated no.
    std::fs::write(&incr, &bytes).unwrap();
    let mut strict = args.clone();
    strict.extend(["--aof-load-truncated", "no"]);
    let port = common::free_port();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_reddish-server"))
        .args(["--port", &port.to_string()])
        .args(&strict)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("append only file"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// An AOF as Redis before 7.0 kept it: one `appendonly.aof` in `dir`,
/// commands alone or an RDB preamble then commands. At start both
/// servers move it into the AOF directory with a manifest and load it,
/// to the same data.
#[test]
fn a_single_file_aof_of_redis_6_is_moved_into_the_directory_and_loaded() {
    let commands: &[&[&str]] = &[
        &["SELECT", "0"],
        &["SET", "after", "preamble"],
        &["RPUSH", "l", "x", "y"],
        &["SELECT", "2"],
        &["SET", "in2", "v"],
    ];
    let mut tail = Vec::new();
    for argv in commands {
        reddish::engine::propagate::encode(
            &mut tail,
            &argv
                .iter()
                .map(|a| a.as_bytes().to_vec())
                .collect::<Vec<_>>(),
        );
    }
    // A preamble: the RDB redis-server writes of a little data.
    let maker = RedisServer::start();
    let mut m = Client::connect(maker.port);
    call(&mut m, &["SET", "from", "rdb"]);
    call(&mut m, &["HSET", "h", "f", "v"]);
    call(&mut m, &["SAVE"]);
    let rdb = std::fs::read(dir_of(&mut m).join("dump.rdb")).expect("redis-server's dump.rdb");
    drop(m);
    drop(maker);
    let with_preamble = [rdb, tail.clone()].concat();
    for (what, file) in [("commands", tail), ("preamble", with_preamble)] {
        let mut digests = Vec::new();
        for ours in [false, true] {
            let dir = scratch_dir(&format!("aof-upgrade-{what}-{ours}"), 0);
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join("appendonly.aof"), &file).unwrap();
            let d = dir.to_string_lossy().into_owned();
            let mut args = AOF.to_vec();
            args.extend(["--dir", &d]);
            let (_redis, _reddish);
            let port = if ours {
                _reddish = ReddishServer::start_with(&args);
                _reddish.port
            } else {
                _redis = RedisServer::start_with(&args);
                _redis.port
            };
            let mut c = Client::connect(port);
            digests.push(digest(&mut c));
            assert_eq!(
                call(&mut c, &["GET", "after"]),
                Reply::Bulk(b"preamble".to_vec()),
                "{what}, ours: {ours}"
            );
            assert!(
                !dir.join("appendonly.aof").exists(),
                "{what}, ours: {ours}: moved"
            );
            assert!(
                dir.join("appendonlydir/appendonly.aof.manifest").exists(),
                "{what}, ours: {ours}"
            );
            let _ = std::fs::remove_dir_all(&dir);
        }
        assert_eq!(digests[0], digests[1], "{what}: the same data in both");
    }
}

/// A write that fails part-way (the file hits its size limit, as on a
/// full disk) under `appendfsync always`: the file is cut back to whole
/// commands and the server exits before acknowledging it, as Redis does
/// (the write cannot be taken back, and it is not on the disk). Started
/// again on its files, it has every acknowledged write and no more.
#[test]
fn a_write_that_fails_part_way_is_cut_back_and_never_acknowledged() {
    let server = ReddishServer::start_limited(64, &AOF);
    let mut c = Client::connect(server.port);
    let dir = dir_of(&mut c);
    let value = "v".repeat(1000);
    let mut acked = 0;
    loop {
        c.send(&argv(&["SET", &format!("k{acked}"), &value]));
        match c.read_reply() {
            None => break,
            Some(Reply::Error(e)) => panic!("refused rather than stopped: {e}"),
            Some(_) => acked += 1,
        }
        assert!(acked < 200, "the file limit never hit");
    }
    let file = incremental(&dir);
    let mut parser = reddish::resp::RequestParser::new();
    parser.feed(file.as_bytes());
    let mut sets = 0;
    while let Some(Ok(argv)) = parser.next_command() {
        sets += usize::from(argv[0] == b"SET");
    }
    assert_eq!(parser.buffered(), 0, "no cut command at the end");
    assert_eq!(
        sets, acked,
        "every acknowledged write is in it, and no more"
    );
    let there = scratch_dir("aof-short-write", 0);
    copy_aof(&dir, &there);
    drop(server);
    let d = there.to_string_lossy().into_owned();
    let mut args = AOF.to_vec();
    args.extend(["--dir", &d]);
    let again = ReddishServer::start_with(&args);
    let mut c = Client::connect(again.port);
    assert_eq!(call(&mut c, &["DBSIZE"]), Reply::Integer(acked as i64));
    let _ = std::fs::remove_dir_all(&there);
}
