//! Snapshot bytes: round trips of every kind of state, and bytes that
//! must be refused.

use super::super::{Engine, EngineOptions};
use super::*;
use crate::reply::Reply;

fn argv(line: &str) -> Vec<Vec<u8>> {
    crate::cli::split_args(line.as_bytes()).unwrap_or_default()
}

fn run(e: &mut Engine, s: SessionId, line: &str) -> Reply {
    e.execute(s, &argv(line))
}

const SCRIPT: &str = "return redis.call('GET', KEYS[1])";

/// An engine holding every part of the state a snapshot keeps, after
/// its pushes were taken. Clients: 0 the main one, 1 a RESP3
/// subscriber, 2 in MULTI with a watch, 3 in MULTI with a broken
/// watch and a refused command, 4 waiting in BLPOP (5 s), 5 in
/// BZPOPMIN (for ever), 6 in BLMOVE in db 3, 7 in BLMPOP (3 s) on the
/// same list as 4.
fn busy_engine() -> (Engine, Vec<SessionId>) {
    let mut e = Engine::new(EngineOptions {
        seed: 42,
        ..Default::default()
    });
    let ids: Vec<SessionId> = (0..8)
        .map(|i| {
            e.open_session(ClientAddr {
                addr: format!("10.0.0.{i}:5000"),
                laddr: "10.0.0.100:6379".into(),
                fd: 7 + i,
            })
        })
        .collect();
    let lines: &[(usize, &str)] = &[
        (0, "CONFIG SET hash-max-listpack-entries 4 set-max-intset-entries 4 zset-max-listpack-entries 4"),
        (0, "CONFIG SET notify-keyspace-events AKEn maxmemory-clients 10% save \"100 10\""),
        (0, "CONFIG SET client-output-buffer-limit \"pubsub 1mb 512kb 30\" maxmemory 1gb"),
        (0, "CONFIG SET maxmemory-policy allkeys-lru bind \"127.0.0.1 -::1\" oom-score-adj-values \"0 100 900\""),
        (0, "CONFIG SET latency-tracking-info-percentiles \"50 99.5\" shutdown-on-sigint \"nosave now\" hz 1000"),
        (0, "SET s:int 12345"),
        (0, "SET s:neg -7"),
        (0, "SET s:emb hello"),
        (0, "SET s:raw aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
        (0, "APPEND s:app abc"),
        (0, "SET s:bin \"\\x00\\xff\\r\\n\""),
        (0, "RPUSH l a b c d e"),
        (0, "LPUSH l z"),
        (0, "HSET h:small f1 v1 f2 v2"),
        (0, "HSET h:big a 1 b 2 c 3 d 4 e 5"),
        (0, "HDEL h:big a c"),
        (0, "SADD set:int 30 -1 2"),
        (0, "SADD set:conv 1 2 3 4 5 6"),
        (0, "SREM set:conv 1 2 3 4"),
        (0, "SADD set:str x y z w v"),
        (0, "ZADD z:small 2 b 1 a -inf lo +inf hi 0 zero"),
        (0, "ZADD z:big 1 a 2 b 3 c 4 d 5 e 6 f -0 g"),
        (0, "ZREM z:big a c e"),
        (0, "SET t:px v PX 5000"),
        (0, "EXPIRE h:small 100"),
        (0, "PEXPIRE z:big 2500"),
        (0, "SELECT 3"),
        (0, "SET other x"),
        (0, "HSET h3 f v"),
        (0, "SELECT 0"),
        (0, &format!("SCRIPT LOAD \"{SCRIPT}\"")),
        (0, "CLIENT SETNAME alice"),
        (1, "HELLO 3"),
        (1, "SUBSCRIBE news sport"),
        (1, "PSUBSCRIBE n* __keyevent@0__:set"),
        (1, "SSUBSCRIBE shard1"),
        (2, "WATCH w1 s:int"),
        (2, "MULTI"),
        (2, "SET w1 1"),
        (2, "INCR s:int"),
        (2, "GET w1"),
        (3, "WATCH s:emb"),
        (0, "SET s:emb changed"),
        (3, "MULTI"),
        (3, "NOSUCHCOMMAND"),
        (3, "GET s:emb"),
        (6, "SELECT 3"),
    ];
    for (who, line) in lines {
        let r = run(&mut e, ids[*who], line);
        assert!(!r.is_error() || line.starts_with("NOSUCH"), "{line}: {r:?}");
    }
    #[cfg(feature = "lua")]
    {
        let lib = "#!lua name=mylib\nredis.register_function('hello', function() return 'hi' end)";
        let r = e.execute(
            ids[0],
            &[b"FUNCTION".to_vec(), b"LOAD".to_vec(), lib.into()],
        );
        assert!(!r.is_error(), "{r:?}");
    }
    e.advance_time(3_000);
    // Different last accesses for OBJECT IDLETIME.
    run(&mut e, ids[0], "GET s:raw");
    run(&mut e, ids[0], "LLEN l");
    for (who, line) in [
        (4, "BLPOP q 5"),
        (5, "BZPOPMIN zq 0"),
        (6, "BLMOVE srcq dst LEFT RIGHT 0"),
        (7, "BLMPOP 3 2 q q2 LEFT COUNT 2"),
    ] {
        assert!(e.submit(ids[who], &argv(line)).is_none(), "{line} waits");
    }
    e.advance_time(700);
    e.take_all_pushes();
    (e, ids)
}

/// Run `line` for client `id` on both engines: the same reply and
/// the same pushes to everyone. How many clients got pushes.
fn both(e1: &mut Engine, e2: &mut Engine, id: SessionId, line: &str) -> usize {
    let r1 = e1.submit(id, &argv(line));
    let r2 = e2.submit(id, &argv(line));
    assert_eq!(r1, r2, "{line}");
    let pushes = e1.take_all_pushes();
    assert_eq!(pushes, e2.take_all_pushes(), "{line}");
    pushes.len()
}

#[test]
fn bytes_restore_an_engine_that_answers_the_same() {
    let (mut e1, ids) = busy_engine();
    let bytes = e1.snapshot().to_bytes();
    let snap = Snapshot::from_bytes(&bytes).unwrap();
    let mut e2 = Engine::new(EngineOptions {
        seed: 7,
        start_us: 5,
        ..Default::default()
    });
    e2.restore(&snap).unwrap();
    assert_eq!(resnapshot(&e2, 1), bytes, "a re-snapshot, byte for byte");
    let sha = sha1_hex(SCRIPT.as_bytes());
    let keys = [
        "s:int", "s:neg", "s:emb", "s:raw", "s:app", "s:bin", "l", "h:small", "h:big", "set:int",
        "set:conv", "set:str", "z:small", "z:big", "t:px",
    ];
    let mut lines: Vec<String> = Vec::new();
    for k in keys {
        for cmd in ["OBJECT ENCODING", "OBJECT IDLETIME", "PTTL", "TTL", "DUMP"] {
            lines.push(format!("{cmd} {k}"));
        }
    }
    lines.extend(
        [
            "SCAN 0",
            "SCAN 0 COUNT 3",
            "SCAN 9 COUNT 4",
            "KEYS *",
            "RANDOMKEY",
            "SRANDMEMBER set:str 2",
            "SRANDMEMBER set:conv -5",
            "SPOP set:str",
            "HRANDFIELD h:big 2 WITHVALUES",
            "ZRANGE z:small 0 -1 WITHSCORES",
            "ZRANGE z:big 0 -1 WITHSCORES",
            "ZSCAN z:big 0",
            "HSCAN h:big 0",
            "SSCAN set:conv 0",
            "HGETALL h:small",
            "SMEMBERS set:int",
            "LRANGE l 0 -1",
            "GET s:bin",
            "CONFIG GET *",
            "CLIENT LIST",
            "PUBSUB CHANNELS",
            "PUBSUB NUMPAT",
            "PUBSUB SHARDCHANNELS",
            "TIME",
            "DBSIZE",
            "SELECT 3",
            "DBSIZE",
            "SCAN 0",
            "SELECT 0",
            "HSET h:small f3 3 f4 4 f5 5",
            "OBJECT ENCODING h:small",
            "SADD set:int 7 8",
            "OBJECT ENCODING set:int",
            "ZADD z:small 9 q",
            "OBJECT ENCODING z:small",
            "SET brand-new 1",
            "PUBLISH news hello",
            "PUBLISH nope hi",
            "SPUBLISH shard1 hi",
            "LPUSH q x",
            "ZADD zq 1 m 2 n",
        ]
        .map(String::from),
    );
    lines.push(format!("SCRIPT EXISTS {sha}"));
    lines.push(format!("EVALSHA {sha} 1 s:emb"));
    #[cfg(feature = "lua")]
    lines.extend(["FUNCTION LIST", "FCALL hello 0"].map(String::from));
    assert!(ids
        .get(4..)
        .is_some_and(|w| w.iter().all(|id| e2.is_blocked(*id))));
    // `n` came back, though CONFIG GET shows `AKE` either way.
    let new = crate::engine::config::NOTIFY_NEW;
    assert_ne!(e2.config.keyspace_events() & new, 0);
    for line in &lines {
        let pushed = both(&mut e1, &mut e2, ids[0], line);
        // The subscriber (keyspace events too) and the waiters get theirs.
        let expect = [
            "SET brand-new",
            "PUBLISH news",
            "SPUBLISH",
            "LPUSH q",
            "ZADD zq",
        ];
        if expect.iter().any(|p| line.starts_with(p)) {
            assert!(pushed > 0, "{line}");
        }
    }
    assert!(!e2.is_blocked(ids[4]) && !e2.is_blocked(ids[5]));
    assert!(e2.is_blocked(ids[7]), "BLMPOP found q empty again");
    both(&mut e1, &mut e2, ids[1], "PING");
    both(&mut e1, &mut e2, ids[2], "EXEC");
    both(&mut e1, &mut e2, ids[3], "EXEC");
    // Client 7 still waits on q; its 3 s run out.
    e1.advance_time(3_000);
    e2.advance_time(3_000);
    let timed_out = e1.take_all_pushes();
    assert_eq!(timed_out, e2.take_all_pushes());
    assert_eq!(timed_out, vec![(ids[7], vec![Reply::NullArray])]);
    assert!(e1.is_blocked(ids[6]) && e2.is_blocked(ids[6]));
    for line in ["SELECT 3", "RPUSH srcq e", "LRANGE dst 0 -1", "CLIENT LIST"] {
        both(&mut e1, &mut e2, ids[0], line);
    }
    assert!(!e2.is_blocked(ids[6]));
    let c1 = e1.open_session(ClientAddr::default());
    assert_eq!(c1, e2.open_session(ClientAddr::default()));
    assert_eq!(resnapshot(&e1, 0), resnapshot(&e2, 1));
}

#[test]
fn streams_and_their_readers_come_back() {
    let mut e1 = Engine::new(EngineOptions::default());
    let ids: Vec<SessionId> = (0..3)
        .map(|_| e1.open_session(ClientAddr::default()))
        .collect();
    for line in [
        "CONFIG SET stream-node-max-entries 2",
        "XADD s 1-1 a 1",
        "XADD s 1-2 a 2 b 3",
        "XADD s 2-0 a 4",
        "XADD s 3-0 z 9",
        "XDEL s 1-2",
        "XGROUP CREATE s g 0",
        "XGROUP CREATE s idle $ ENTRIESREAD 3",
        "XREADGROUP GROUP g alice COUNT 5 STREAMS s >",
        "XGROUP CREATECONSUMER s g bob",
        "XGROUP CREATE empty g $ MKSTREAM",
    ] {
        let r = run(&mut e1, ids[0], line);
        assert!(!r.is_error(), "{line}: {r:?}");
    }
    e1.advance_time(1_500);
    assert!(e1
        .submit(ids[1], &argv("XREAD BLOCK 0 STREAMS s $"))
        .is_none());
    assert!(e1
        .submit(
            ids[2],
            &argv("XREADGROUP GROUP g carol BLOCK 5000 STREAMS s >")
        )
        .is_none());
    let bytes = e1.snapshot().to_bytes();
    let mut e2 = Engine::new(EngineOptions::default());
    e2.restore(&Snapshot::from_bytes(&bytes).unwrap()).unwrap();
    assert_eq!(resnapshot(&e2, 1), bytes, "a re-snapshot, byte for byte");
    for line in [
        "XINFO STREAM s FULL",
        "XINFO GROUPS s",
        "XINFO STREAM empty",
        "XPENDING s g - + 10",
        "MEMORY USAGE s",
        "OBJECT ENCODING s",
        "XADD s 4-0 new entry",
        "XINFO STREAM s FULL",
    ] {
        let pushed = both(&mut e1, &mut e2, ids[0], line);
        if line.starts_with("XADD") {
            assert_eq!(pushed, 2, "both readers served");
        }
    }
}

/// The bytes of `e`'s snapshot, with the data version put back `by`
/// the restores it went through: a restore moves it on on purpose
/// (hosts redraw when it changes), and that is all it changes.
fn resnapshot(e: &Engine, by: u64) -> Vec<u8> {
    let mut snap = e.snapshot();
    snap.state.dirty -= by;
    snap.to_bytes()
}

#[test]
fn every_truncation_is_an_error() {
    let (e, _) = busy_engine();
    let bytes = e.snapshot().to_bytes();
    for n in 0..bytes.len() {
        let r = Snapshot::from_bytes(bytes.get(..n).unwrap_or_default());
        assert!(r.is_err(), "cut at {n}");
    }
}

/// What a restored engine is asked after a decoded damaged snapshot:
/// the keyspace read every way, the clock run out, waits served.
fn exercise(snap: &Snapshot) {
    let mut e = Engine::default();
    e.restore(snap).unwrap();
    let s = e.open_session(ClientAddr::default());
    for db in 0..NUM_DBS {
        run(&mut e, s, &format!("SELECT {db}"));
        for line in ["DBSIZE", "KEYS *", "SCAN 0", "SCAN 0 COUNT 2", "RANDOMKEY"] {
            run(&mut e, s, line);
        }
        let keys: Vec<Vec<u8>> = (0..e.db(db).map_or(0, Db::len))
            .filter_map(|i| e.db(db)?.key_at(i).map(|(k, _)| k.to_vec()))
            .collect();
        for k in keys {
            for cmd in [
                "OBJECT ENCODING",
                "PTTL",
                "LRANGE",
                "HGETALL",
                "SMEMBERS",
                "ZRANGE",
            ] {
                let mut a = argv(cmd);
                a.push(k.clone());
                if cmd == "LRANGE" || cmd == "ZRANGE" {
                    a.extend([b"0".to_vec(), b"-1".to_vec()]);
                }
                e.execute(s, &a);
            }
        }
    }
    for line in [
        "CLIENT LIST",
        "PUBSUB CHANNELS",
        "CONFIG GET *",
        "LPUSH q x",
        "ZADD zq 1 m",
    ] {
        run(&mut e, s, line);
    }
    let ids: Vec<SessionId> = e.sessions().map(|s| s.id).collect();
    for id in ids {
        e.submit(id, &argv("EXEC"));
    }
    e.advance_time(1 << 40);
    run(&mut e, s, "DBSIZE");
    e.take_all_pushes();
}

#[test]
fn flipped_bytes_never_panic() {
    let (e, _) = busy_engine();
    let bytes = e.snapshot().to_bytes();
    let mut rng = fastrand::Rng::with_seed(2024);
    let mut decoded = 0;
    for _ in 0..3000 {
        let mut b = bytes.clone();
        for _ in 0..rng.usize(1..=3) {
            if let Some(x) = b.get_mut(rng.usize(..bytes.len())) {
                *x ^= rng.u8(1..);
            }
        }
        if let Ok(snap) = Snapshot::from_bytes(&b) {
            decoded += 1;
            exercise(&snap);
        }
    }
    // Flips in keys and values still decode: the restore path ran.
    assert!(decoded > 100, "{decoded}");
}

/// The fixed part of a header with empty counters, up to CONFIG.
fn header(version: u32) -> Writer {
    let mut w = Writer(MAGIC.to_vec());
    w.uint(version.into());
    [0, 1_000_000, 0].into_iter().for_each(|t| w.int(t));
    w.0.extend_from_slice(&[0; 8]);
    [2, 0, 1, 1].into_iter().for_each(|n| w.uint(n));
    w
}

#[test]
fn huge_lengths_are_refused_before_anything_is_allocated() {
    // Allocating what these lengths claim would abort the test run
    // (2^60 bytes); refusing them first is what keeps it alive.
    let huge = 1u64 << 60;
    let cases: [&dyn Fn(&mut Writer); 4] = [
        // As the number of CONFIG changes.
        &|w| w.uint(huge),
        // As a key's length.
        &|w| {
            w.len(0);
            w.len(NUM_DBS);
            w.len(1);
            w.uint(huge);
        },
        // As a list's length.
        &|w| {
            w.len(0);
            w.len(NUM_DBS);
            w.len(1);
            w.bytes(b"k");
            w.0.push(3);
            w.uint(0);
            w.uint(huge);
        },
        // As a number too long for 64 bits.
        &|w| w.0.extend_from_slice(&[0xff; 12]),
    ];
    for case in cases {
        let mut w = header(SNAPSHOT_VERSION);
        case(&mut w);
        w.0.extend_from_slice(&[1; 32]);
        assert!(Snapshot::from_bytes(&w.0).is_err());
    }
}

#[test]
fn headers_say_what_is_wrong() {
    let mut e = Engine::default();
    let good = e.snapshot().to_bytes();
    assert!(Snapshot::from_bytes(&good).is_ok());
    let mut future = header(SNAPSHOT_VERSION + 1).0;
    future.extend_from_slice(good.get(future.len()..).unwrap_or_default());
    assert_eq!(
        Snapshot::from_bytes(&future).map(|_| ()),
        Err(RestoreError::Version(SNAPSHOT_VERSION + 1))
    );
    assert_eq!(
        Snapshot::from_bytes(b"PK\x03\x04 a zip file").map(|_| ()),
        Err(RestoreError::NotASnapshot)
    );
    assert_eq!(
        Snapshot::from_bytes(b"RD").map(|_| ()),
        Err(RestoreError::Truncated { at: 2 })
    );
    let mut trailing = good.clone();
    trailing.push(0);
    assert!(matches!(
        Snapshot::from_bytes(&trailing),
        Err(RestoreError::Invalid { .. })
    ));
    assert_eq!(
        RestoreError::Truncated { at: 12 }.to_string(),
        "The snapshot stops too early, after 12 bytes: it was probably cut short when copied."
    );
    let err = RestoreError::Invalid {
        at: 40,
        what: "a key that appears twice".into(),
    };
    assert_eq!(
        err.to_string(),
        "The snapshot is damaged near byte 40: a key that appears twice."
    );
    // An empty engine restores from its bytes too.
    let snap = Snapshot::from_bytes(&good).unwrap();
    e.restore(&snap).unwrap();
    assert_eq!(resnapshot(&e, 1), good);
}

#[test]
fn clients_queues_and_counters_must_agree() {
    let (e, ids) = busy_engine();
    let refused = |change: &dyn Fn(&mut State)| {
        let mut snap = e.snapshot();
        change(&mut snap.state);
        Snapshot::from_bytes(&snap.to_bytes()).is_err()
    };
    assert!(!refused(&|_| ()));
    // A waiter missing from a queue of its key, or in another's.
    assert!(refused(&|s| {
        s.blocking[0].get_mut(b"q".as_slice()).map(|q| q.pop_back());
    }));
    assert!(refused(&|s| {
        s.blocking[0].insert(b"zz".to_vec(), [ids[4]].into());
    }));
    assert!(refused(&|s| {
        s.blocking[0].insert(b"zz".to_vec(), Waiters::new());
    }));
    // Clients in id order, below the next id; dirty watches theirs.
    assert!(refused(&|s| s.sessions.swap(0, 1)));
    assert!(refused(&|s| s.next_session = ids[7]));
    assert!(refused(&|s| s.watch_dirty.push(999)));
    // One script cached twice (its SHA1 is computed again).
    assert!(refused(&|s| {
        let body = s.scripts.values().next().cloned().unwrap_or_default();
        s.scripts.insert("another name".into(), body);
    }));
    // A clock behind its start, a counter about to wrap.
    assert!(refused(&|s| s.start_us = s.now_us + 1));
    assert!(refused(&|s| s.dirty = u64::MAX));
    #[cfg(feature = "lua")]
    {
        // A function two libraries define; a library under another name.
        assert!(refused(&|s| {
            let lib = s.libraries.values().next().cloned();
            if let Some(mut lib) = lib {
                lib.name = "other".into();
                let code = String::from_utf8_lossy(&lib.code).replace("mylib", "other");
                lib.code = code.into_bytes();
                s.libraries.insert("other".into(), lib);
            }
        }));
        assert!(refused(&|s| {
            if let Some(lib) = s.libraries.values_mut().next() {
                lib.name = "renamed".into();
            }
        }));
    }
}

fn fresh_session() -> Session {
    let mut e = Engine::default();
    let id = e.open_session(ClientAddr::default());
    run(&mut e, id, "CLIENT SETNAME x");
    e.session(id)
        .cloned()
        .unwrap_or_else(|| panic!("a session"))
}

fn value(tag: u8, f: impl FnOnce(&mut Writer)) -> Res<Value> {
    let mut w = Writer(Vec::new());
    f(&mut w);
    get_value(&mut Reader { buf: &w.0, pos: 0 }, tag)
}

fn scores(w: &mut Writer, items: &[(f64, &str)]) {
    w.len(items.len());
    for (s, m) in items {
        w.0.extend_from_slice(&s.to_le_bytes());
        w.bytes(m.as_bytes());
    }
}

fn strs(w: &mut Writer, items: &[&str]) {
    w.len(items.len() / 2);
    items.iter().for_each(|s| w.bytes(s.as_bytes()));
}

#[test]
fn values_an_engine_could_not_hold_are_refused() {
    // Strings must be what their encoding says.
    assert!(value(0, |w| w.bytes(b"123")).is_ok());
    for bad in ["12a", "007", "", "99999999999999999999"] {
        assert!(value(0, |w| w.bytes(bad.as_bytes())).is_err(), "{bad}");
    }
    assert!(value(1, |w| w.bytes(&[b'x'; 44])).is_ok());
    assert!(value(1, |w| w.bytes(&[b'x'; 45])).is_err());
    assert!(value(2, |w| w.bytes(&[0xff; 45])).is_ok());
    // No empty collections, no unknown types.
    assert!(value(3, |w| w.len(0)).is_err());
    assert!(value(10, |w| w.len(1)).is_err());
    // Sorted sets: no NaN, a listpack in order, no member twice.
    assert!(value(8, |w| scores(w, &[(1.0, "a"), (2.0, "b")])).is_ok());
    assert!(value(8, |w| scores(w, &[(2.0, "a"), (1.0, "b")])).is_err());
    assert!(value(8, |w| scores(w, &[(1.0, "a"), (2.0, "a")])).is_err());
    assert!(value(9, |w| scores(w, &[(2.0, "a"), (1.0, "b")])).is_ok());
    assert!(value(9, |w| scores(w, &[(1.0, "a"), (2.0, "a")])).is_err());
    for tag in [8, 9] {
        assert!(value(tag, |w| scores(w, &[(f64::NAN, "a")])).is_err());
    }
    // Sets: an intset sorted, no member twice.
    let ints = |xs: &'static [i64]| {
        move |w: &mut Writer| {
            w.len(xs.len());
            xs.iter().for_each(|x| w.int(*x));
        }
    };
    assert!(value(6, ints(&[-5, 3, 9])).is_ok());
    assert!(value(6, ints(&[3, 3])).is_err());
    assert!(value(6, ints(&[9, 3])).is_err());
    assert!(value(7, |w| {
        w.len(2);
        w.bytes(b"a");
        w.bytes(b"a");
    })
    .is_err());
    // Hashes: no field twice, in either encoding.
    for tag in [4, 5] {
        assert!(value(tag, |w| strs(w, &["f", "1", "g", "2"])).is_ok());
        assert!(value(tag, |w| strs(w, &["f", "1", "f", "2"])).is_err());
    }
    // A packed hash read back is the one `insert` would have built.
    let Ok(Value::Hash(h)) = value(4, |w| strs(w, &["f", "1", "g", "2"])) else {
        panic!("a hash");
    };
    let mut built = Hash::new();
    built.map.insert(b"f", b"1".to_vec());
    built.map.insert(b"g", b"2".to_vec());
    assert_eq!(h.map, built.map);
}

#[test]
fn keys_config_and_clients_are_checked() {
    let read = |w: &Writer, f: fn(&mut Reader<'_>) -> Res<()>| f(&mut Reader { buf: &w.0, pos: 0 });
    // A key twice in one database.
    let mut w = Writer(Vec::new());
    w.len(2);
    for _ in 0..2 {
        w.bytes(b"k");
        w.0.push(1);
        w.uint(0);
        w.bytes(b"v");
    }
    assert!(read(&w, |r| get_db(r, 0).map(|_| ())).is_err());
    // CONFIG: names in UTF-8, values CONFIG SET could have stored.
    let config = |name: &[u8], v: ConfigValue| {
        let mut w = Writer(Vec::new());
        w.len(1);
        w.bytes(name);
        match v {
            ConfigValue::Bool(b) => w.flag(b),
            ConfigValue::Int(i) => {
                // Small values: the low half is the i64 zigzag.
                w.0.push(2);
                w.int(i64::try_from(i).unwrap_or_default());
                w.uint(0);
            }
            ConfigValue::Text(t) => {
                w.0.push(3);
                w.bytes(t.as_bytes());
            }
        }
        get_config(&mut Reader { buf: &w.0, pos: 0 })
    };
    assert!(config(b"hz", ConfigValue::Int(50)).is_ok());
    assert!(config(b"hz", ConfigValue::Int(5000)).is_err());
    assert!(config(b"hz", ConfigValue::Text("50".into())).is_err());
    assert!(config(b"h\xffz", ConfigValue::Int(50)).is_err());
    assert!(config(b"no-such-parameter", ConfigValue::Int(50)).is_err());
    assert!(config(b"activedefrag", ConfigValue::Bool(true)).is_err());
    assert!(config(b"maxmemory-policy", ConfigValue::Text("allkeys-lru".into())).is_ok());
    assert!(config(b"maxmemory-policy", ConfigValue::Text("sometimes".into())).is_err());
    // `AKEn`, which CONFIG GET shows as `AKE`, is kept whole.
    use crate::engine::config::{NOTIFY_ALL, NOTIFY_KEYEVENT, NOTIFY_KEYSPACE, NOTIFY_NEW};
    let aken = NOTIFY_ALL | NOTIFY_KEYSPACE | NOTIFY_KEYEVENT | NOTIFY_NEW;
    let c = config(b"notify-keyspace-events", ConfigValue::Int(aken.into()));
    assert_eq!(c.map(|c| c.keyspace_events()).ok(), Some(aken));
    assert!(config(b"notify-keyspace-events", ConfigValue::Int(1 << 20)).is_err());
    // Clients: a known protocol, a known command, a database there is.
    let mut w = Writer(Vec::new());
    put_session(
        &mut w,
        &Session {
            resp: 4,
            ..fresh_session()
        },
    );
    assert!(read(&w, |r| get_session(r, 0).map(|_| ())).is_err());
    let mut w = Writer(Vec::new());
    put_session(&mut w, &fresh_session());
    assert!(read(&w, |r| get_session(r, 0).map(|_| ())).is_ok());
    let mut w = Writer(Vec::new());
    put_session(
        &mut w,
        &Session {
            last_cmd: "flushall-everything",
            ..fresh_session()
        },
    );
    assert!(read(&w, |r| get_session(r, 0).map(|_| ())).is_err());
    let mut w = Writer(Vec::new());
    put_session(
        &mut w,
        &Session {
            db: NUM_DBS,
            ..fresh_session()
        },
    );
    assert!(read(&w, |r| get_session(r, 0).map(|_| ())).is_err());
}
