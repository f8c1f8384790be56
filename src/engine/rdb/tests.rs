//! Bad bytes never panic: every DUMP payload and a whole RDB file of
//! every type, cut at every length and with bytes changed at random, read
//! back as a value or an error, and the engine is left as it was when a
//! load fails.

use super::*;
use crate::engine::{ClientAddr, Engine, EngineOptions, SessionId};
use crate::reply::Reply;

fn engine_with_data() -> (Engine, SessionId) {
    let mut e = Engine::new(EngineOptions {
        seed: 3,
        ..Default::default()
    });
    let s = e.open_session(ClientAddr::default());
    let lines = [
        "SET s 12345",
        "SET t \"a long string, a long string, a long string\"",
        "RPUSH l a 1 -300 xyz",
        "SADD si 1 2 300000",
        "SADD ss a b c",
        "HSET h f 1 g two",
        "ZADD z 1 a 2.5 b",
        "XADD x 1-1 a 1 b 2",
        "XADD x 1-2 a 3 b 4",
        "XADD x 2-0 c 5",
        "XDEL x 1-2",
        "XGROUP CREATE x g 0",
        "XREADGROUP GROUP g alice COUNT 1 STREAMS x >",
        "SET v 1 PX 100000",
    ];
    for l in lines {
        let argv = crate::cli::split_args(l.as_bytes()).unwrap();
        let r = e.execute(s, &argv);
        assert!(!matches!(r, Reply::Error(_)), "{l}: {r:?}");
    }
    (e, s)
}

/// Every cut, and `flips` random changes of one to three bytes.
fn damaged(good: &[u8], rng: &mut fastrand::Rng, flips: usize) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = (0..good.len()).map(|n| good[..n].to_vec()).collect();
    for _ in 0..flips {
        let mut b = good.to_vec();
        for _ in 0..rng.usize(1..=3) {
            let i = rng.usize(..b.len());
            b[i] = rng.u8(..);
        }
        out.push(b);
    }
    out
}

#[test]
fn damaged_payloads_and_files_give_errors_never_panics() {
    let (mut e, _) = engine_with_data();
    let lim = Limits::from_config(&e.config);
    let opts = Options::from_config(&e.config);
    let mut rng = fastrand::Rng::with_seed(11);
    let keys: Vec<Vec<u8>> = e.db(0).unwrap().iter().map(|(k, _)| k.to_vec()).collect();
    assert_eq!(keys.len(), 9);
    for k in &keys {
        let v = e.db(0).unwrap().raw_get(k).unwrap().value.clone();
        let payload = dump(&v, opts);
        // Read back whole: the same value (a stream's last node then has
        // its exact size allocated, as in Redis, so compare the bytes).
        let back = restore(&payload, &lim).unwrap();
        assert_eq!(dump(&back, opts), payload, "{k:?}");
        for bad in damaged(&payload, &mut rng, 300) {
            // The checksum stops most; the reader must survive the rest,
            // which is what RESTORE reads when the checksum is skipped.
            let _ = verify(&bad, false);
            let _ = verify(&bad, true);
            let _ = restore(&bad, &lim);
        }
    }
    let file = e.rdb_bytes();
    let before = e.rdb_bytes();
    for bad in damaged(&file, &mut rng, 2000) {
        if bad != file {
            // A damaged file is refused (the checksum or the reader finds
            // it) and changes nothing.
            assert!(e.load_rdb(&bad, true, false).is_err());
        }
    }
    assert_eq!(e.rdb_bytes(), before);
    // Without the checksum (`rdbchecksum no` writes zero), only the reader
    // stands between bad bytes and the engine: it must not panic.
    let mut unchecked = file.clone();
    let n = unchecked.len();
    unchecked[n - 8..].fill(0);
    for bad in damaged(&unchecked[..n - 8], &mut rng, 3000) {
        let mut b = bad;
        b.extend_from_slice(&[0; 8]);
        let _ = file::read(&b, &lim, 16, false);
    }
    // A changed byte the checksum catches leaves every key in place.
    let mut flipped = file.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 1;
    assert!(e.load_rdb(&flipped, true, false).is_err());
    assert_eq!(e.rdb_bytes(), before);
    assert_eq!(e.load_rdb(&file, true, false), Ok(()));
}

fn info_line(e: &mut Engine, s: SessionId, field: &str) -> String {
    let b = match e.execute(s, &[b"INFO".to_vec(), b"persistence".to_vec()]) {
        Reply::Bulk(b) | Reply::Verbatim(_, b) => b,
        other => panic!("INFO: {other:?}"),
    };
    String::from_utf8_lossy(&b)
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{field}:")).map(str::to_string))
        .unwrap_or_default()
}

fn cmd(e: &mut Engine, s: SessionId, line: &str) -> Reply {
    e.execute(s, &crate::cli::split_args(line.as_bytes()).unwrap())
}

#[test]
fn save_points_save_on_the_engine_clock_and_a_failed_save_waits_to_retry() {
    let mut e = Engine::new(EngineOptions {
        seed: 3,
        start_us: 1_700_000_000_000_000,
        ..Default::default()
    });
    let s = e.open_session(ClientAddr::default());
    assert_eq!(cmd(&mut e, s, "CONFIG SET save \"10 2\""), Reply::ok());
    cmd(&mut e, s, "SET a 1");
    e.advance_time(11_000);
    // One change is not enough for "10 2".
    assert_eq!(info_line(&mut e, s, "rdb_saves"), "0");
    cmd(&mut e, s, "SET b 2");
    e.advance_time(100);
    assert_eq!(info_line(&mut e, s, "rdb_saves"), "1");
    assert_eq!(info_line(&mut e, s, "rdb_changes_since_last_save"), "0");
    let Reply::Integer(last) = cmd(&mut e, s, "LASTSAVE") else {
        panic!()
    };
    assert_eq!(last, 1_700_000_011);

    // A disk that fails: the save point's save fails, is reported, and
    // is tried again only 5 seconds later.
    e.set_disk(Box::new(crate::engine::persist::StubDisk { full: true }));
    cmd(&mut e, s, "SET d 4");
    cmd(&mut e, s, "SET e 5");
    e.advance_time(11_000);
    assert_eq!(info_line(&mut e, s, "rdb_last_bgsave_status"), "err");
    assert_eq!(info_line(&mut e, s, "rdb_saves"), "1");
    let tried = e.persist.last_try_secs;
    e.advance_time(4_000);
    assert_eq!(e.persist.last_try_secs, tried, "retried within 5 s");
    e.advance_time(2_000);
    assert_eq!(e.persist.last_try_secs, tried + 6, "retried after 5 s");
    assert_eq!(
        cmd(&mut e, s, "BGSAVE"),
        Reply::simple("Background saving started")
    );
    assert_eq!(cmd(&mut e, s, "SAVE"), Reply::err("ERR"));
    // Writes (and PING) are refused while it stays so; reads go on.
    let misconf = |r: Reply| matches!(r, Reply::Error(t) if t.starts_with("MISCONF Redis is configured to save RDB snapshots"));
    assert!(misconf(cmd(&mut e, s, "SET x 1")));
    assert!(misconf(cmd(&mut e, s, "PING")));
    assert_eq!(cmd(&mut e, s, "GET a"), Reply::bulk("1"));
    assert_eq!(
        cmd(&mut e, s, "CONFIG SET stop-writes-on-bgsave-error no"),
        Reply::ok()
    );
    assert_eq!(cmd(&mut e, s, "SET x 1"), Reply::ok());
    assert_eq!(
        cmd(&mut e, s, "CONFIG SET stop-writes-on-bgsave-error yes"),
        Reply::ok()
    );
    assert!(misconf(cmd(&mut e, s, "SET x 1")));
    // A shutdown that must save and cannot is refused, unless FORCE.
    e.allow_shutdown();
    assert_eq!(
        cmd(&mut e, s, "SHUTDOWN NOW"),
        Reply::err("ERR Errors trying to SHUTDOWN. Check logs.")
    );
    assert!(!e.shutdown_requested());
    assert_eq!(cmd(&mut e, s, "SHUTDOWN NOW FORCE"), Reply::ok());
    assert!(e.shutdown_requested());
}

#[test]
fn a_file_whose_libraries_do_not_load_changes_nothing() {
    let (mut e, s) = engine_with_data();
    let lib = b"#!lua name=twice\nredis.register_function('f', function() return 1 end)";
    let v =
        crate::engine::value::Value::Str(crate::engine::value::StrValue::from_arg(b"x".to_vec()));
    let contents = file::Contents {
        ctime_secs: 0,
        used_mem: 0,
        // The same library twice: the second cannot load.
        libraries: vec![lib.as_slice(), lib.as_slice()],
        dbs: vec![(
            0,
            0,
            vec![file::Key {
                key: b"only",
                value: &v,
                expire_ms: None,
                idle_secs: None,
                freq: None,
            }],
        )],
        checksum: true,
    };
    let bytes = file::write(&contents, Options::from_config(&e.config));
    let before = e.rdb_bytes();
    let err = e.load_rdb(&bytes, true, false).unwrap_err();
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(e.rdb_bytes(), before);
    assert_eq!(cmd(&mut e, s, "GET s"), Reply::bulk("12345"));
    assert_eq!(cmd(&mut e, s, "EXISTS only"), Reply::Integer(0));
}
