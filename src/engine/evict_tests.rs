//! maxmemory on the manual clock: the running total against a fresh
//! count, OOM refusals, and which keys each policy gives up.

use super::*;

use super::tests::{engine, run};

fn text(r: Reply) -> String {
    match r {
        Reply::Bulk(b) | Reply::Verbatim(_, b) => String::from_utf8_lossy(&b).into_owned(),
        other => format!("{other:?}"),
    }
}

/// Every database's running total equals a count from scratch.
fn assert_total_is_fresh(e: &Engine, after: &str) {
    for (i, d) in e.dbs().iter().enumerate() {
        let fresh: usize = d.iter().map(|(k, en)| sizes::key_cost(k, &en.value)).sum();
        assert!(d.metered(), "db {i} is not metered");
        assert_eq!(d.used(), fresh, "db {i} after {after}");
    }
}

#[test]
fn the_running_total_stays_equal_to_a_fresh_count() {
    let (mut e, s) = engine();
    run(&mut e, s, "CONFIG SET maxmemory 1gb");
    let mut rng = fastrand::Rng::with_seed(11);
    let templates = [
        "SET k{a} {v}",
        "APPEND k{a} {v}",
        "SETRANGE k{a} {n} {v}",
        "INCR n{a}",
        "SETBIT b{a} {n}00 1",
        "GETDEL k{a}",
        "RPUSH l{a} {v} {v} {v}",
        "LPUSH l{a} {v}",
        "LPOP l{a} 2",
        "LTRIM l{a} 1 -2",
        "LSET l{a} 0 {v}",
        "HSET h{a} f{n} {v}",
        "HDEL h{a} f{n}",
        "HINCRBY h{a} c 1",
        "SADD s{a} {n} m{n}",
        "SREM s{a} {n}",
        "SPOP s{a}",
        "ZADD z{a} {n} m{n}",
        "ZREM z{a} m{n}",
        "ZINCRBY z{a} 1 m{n}",
        "XADD x{a} * f {v}",
        "XTRIM x{a} MAXLEN 2",
        "DEL k{a} l{a}",
        "UNLINK h{a}",
        "RENAME k{a} k{b}",
        "COPY l{a} l{b} REPLACE",
        "MOVE s{a} 1",
        "SWAPDB 0 1",
        "EXPIRE k{a} 1",
        "PEXPIRE l{a} 5",
        "SUNIONSTORE s{b} s{a} s{b}",
        "ZUNIONSTORE z{b} 2 z{a} z{b}",
        "LMOVE l{a} l{b} LEFT RIGHT",
        "SORT l{a} ALPHA STORE l{b}",
        "GETEX k{a} PX 3",
        "RESTORE r{a} 0 \"\\x00\\x01v\\n\\x00\\xd5\\xb5\\x8f\\xb3\\x12\\x12\\x1e\\x1a\" REPLACE",
        "MSET k{a} {v} k{b} {v}",
        // Read-only commands that change a value in place: PFCOUNT caches
        // its count, SORT_RO may turn a small sorted set into a skiplist.
        "PFADD p{a} x{n} y{n} z{n}",
        "PFCOUNT p{a}",
        "SORT_RO z{a} ALPHA",
        "EVAL \"redis.call('rpush', KEYS[1], ARGV[1]) return redis.call('set', KEYS[2], ARGV[1])\" 2 l{a} k{b} {v}",
        "FLUSHDB",
    ];
    for step in 0..3000 {
        let t = templates[rng.usize(..templates.len())];
        if t == "FLUSHDB" && rng.u8(..) > 8 {
            continue;
        }
        let v = "x".repeat(rng.usize(..60));
        let line = t
            .replace("{a}", &rng.u8(..6).to_string())
            .replace("{b}", &rng.u8(..6).to_string())
            .replace("{n}", &rng.u8(..40).to_string())
            .replace("{v}", &v);
        run(&mut e, s, &line);
        if step % 7 == 0 {
            e.advance_time(2);
        }
        assert_total_is_fresh(&e, &line);
    }
    // A long list, costed by its estimate, pushed and popped.
    for i in 0..1500 {
        run(&mut e, s, &format!("RPUSH long {}", "y".repeat(i % 30)));
    }
    assert_total_is_fresh(&e, "RPUSH long");
    run(&mut e, s, "LPOP long 1000");
    assert_total_is_fresh(&e, "LPOP long 1000");
}

#[test]
fn noeviction_refuses_what_may_grow_the_dataset() {
    let (mut e, s) = engine();
    run(&mut e, s, "SET a 1");
    assert_eq!(run(&mut e, s, "CONFIG SET maxmemory 1"), Reply::ok());
    let oom = Reply::err(evict::OOM);
    assert_eq!(run(&mut e, s, "SET b 2"), oom);
    assert_eq!(run(&mut e, s, "INCR a"), oom);
    assert_eq!(run(&mut e, s, "GET a"), Reply::bulk("1"));
    assert_eq!(run(&mut e, s, "DEL a"), Reply::Integer(1));
    // Inside MULTI every queued command is refused, and EXEC then aborts.
    assert_eq!(run(&mut e, s, "MULTI"), Reply::ok());
    assert_eq!(run(&mut e, s, "GET a"), oom);
    assert_eq!(
        run(&mut e, s, "EXEC"),
        Reply::err("EXECABORT Transaction discarded because of previous errors.")
    );
    // A script that declares flags without allow-oom is refused whole; one
    // without flags only at its first write.
    assert_eq!(run(&mut e, s, "EVAL \"#!lua\nreturn 1\" 0"), oom);
    assert_eq!(
        run(
            &mut e,
            s,
            "EVAL \"#!lua flags=allow-oom\nreturn redis.call('set', 'k', 'v')\" 0"
        ),
        Reply::ok()
    );
    match run(&mut e, s, "EVAL \"return redis.call('set', 'k2', 'v')\" 0") {
        Reply::Error(t) => assert!(t.starts_with("OOM command not allowed"), "{t}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        run(&mut e, s, "EVAL \"return redis.pcall('get', 'k')\" 0"),
        Reply::bulk("v")
    );
    let info = text(run(&mut e, s, "INFO stats"));
    assert!(info.contains("evicted_keys:0"), "{info}");
    assert_eq!(run(&mut e, s, "CONFIG SET maxmemory 0"), Reply::ok());
    assert_eq!(run(&mut e, s, "SET b 2"), Reply::ok());
}

/// Fill `n` keys of 100 bytes, then set the limit to what they use now.
fn fill_to_limit(e: &mut Engine, s: SessionId, n: usize, ttl: bool) {
    for i in 0..n {
        let px = if ttl {
            format!(" PX {}", 1_000_000 + i * 1000)
        } else {
            String::new()
        };
        run(e, s, &format!("SET key:{i} {}{px}", "v".repeat(100)));
    }
    e.memory_settings();
    let used = e.used_memory();
    run(e, s, &format!("CONFIG SET maxmemory {used}"));
}

fn alive(e: &mut Engine, s: SessionId, keys: std::ops::Range<usize>) -> usize {
    keys.filter(|i| run(e, s, &format!("EXISTS key:{i}")) == Reply::Integer(1))
        .count()
}

#[test]
fn allkeys_lru_keeps_the_recently_used_keys() {
    let (mut e, s) = engine();
    fill_to_limit(&mut e, s, 1000, false);
    run(&mut e, s, "CONFIG SET maxmemory-policy allkeys-lru");
    e.advance_time(10_000);
    // The first half is read now; the second half stays idle.
    for i in 0..500 {
        run(&mut e, s, &format!("GET key:{i}"));
    }
    e.advance_time(1000);
    for i in 0..300 {
        run(&mut e, s, &format!("SET new:{i} {}", "w".repeat(100)));
    }
    let hot = alive(&mut e, s, 0..500);
    let cold = alive(&mut e, s, 500..1000);
    assert!(hot >= 450, "hot keys left: {hot}");
    assert!(cold <= 300, "cold keys left: {cold}");
    let info = text(run(&mut e, s, "INFO stats"));
    let evicted = 1000 + 300 - e.db(0).map_or(0, |d| d.len());
    assert!(info.contains(&format!("evicted_keys:{evicted}")), "{info}");
}

#[test]
fn volatile_ttl_takes_the_soonest_deadlines_and_spares_the_rest() {
    let (mut e, s) = engine();
    fill_to_limit(&mut e, s, 400, true);
    run(&mut e, s, "SET keep-me forever");
    run(&mut e, s, "CONFIG SET maxmemory-policy volatile-ttl");
    for i in 0..100 {
        run(&mut e, s, &format!("SET new:{i} {}", "w".repeat(100)));
    }
    assert_eq!(run(&mut e, s, "EXISTS keep-me"), Reply::Integer(1));
    // Deadlines grow with the index: the early ones went first.
    let early = alive(&mut e, s, 0..100);
    let late = alive(&mut e, s, 300..400);
    assert!(early < late, "early {early}, late {late}");
    assert!(late >= 95, "late {late}");
}

#[test]
fn volatile_policies_without_volatile_keys_answer_oom() {
    let (mut e, s) = engine();
    fill_to_limit(&mut e, s, 50, false);
    run(&mut e, s, "CONFIG SET maxmemory-policy volatile-lru");
    run(&mut e, s, &format!("SET one-more {}", "w".repeat(100)));
    assert_eq!(
        run(&mut e, s, &format!("SET two-more {}", "w".repeat(100))),
        Reply::err(evict::OOM)
    );
    assert_eq!(e.db(0).map(|d| d.len()), Some(51));
}

#[test]
fn lfu_counts_accesses_logarithmically_and_evicts_the_least_used() {
    let (mut e, s) = engine();
    fill_to_limit(&mut e, s, 200, false);
    run(&mut e, s, "CONFIG SET maxmemory-policy allkeys-lfu");
    run(&mut e, s, "SET fresh v");
    assert_eq!(run(&mut e, s, "OBJECT FREQ fresh"), Reply::Integer(5));
    // The first access always counts; later ones less and less often.
    run(&mut e, s, "GET fresh");
    assert_eq!(run(&mut e, s, "OBJECT FREQ fresh"), Reply::Integer(6));
    for _ in 0..1000 {
        run(&mut e, s, "GET fresh");
    }
    let Reply::Integer(f) = run(&mut e, s, "OBJECT FREQ fresh") else {
        panic!("no freq");
    };
    assert!((15..40).contains(&f), "freq after 1000 reads: {f}");
    // It decays by one a minute (lfu-decay-time 1).
    e.advance_time(3 * 60_000);
    assert_eq!(run(&mut e, s, "OBJECT FREQ fresh"), Reply::Integer(f - 3));
    for i in 0..100 {
        for _ in 0..20 {
            run(&mut e, s, &format!("GET key:{i}"));
        }
    }
    for i in 0..60 {
        run(&mut e, s, &format!("SET new:{i} {}", "w".repeat(100)));
    }
    let used = alive(&mut e, s, 0..100);
    let unused = alive(&mut e, s, 100..200);
    assert!(used >= 95 && unused < used, "used {used}, unused {unused}");
    assert_eq!(run(&mut e, s, "EXISTS fresh"), Reply::Integer(1));
    // An overwrite keeps the counter (Redis's dbOverwrite); RESTORE sets it.
    run(&mut e, s, "SET hot 1");
    let Reply::Bulk(payload) = run(&mut e, s, "DUMP hot") else {
        panic!("no DUMP");
    };
    let restore = [
        b"RESTORE".to_vec(),
        b"hot".to_vec(),
        b"0".to_vec(),
        payload,
        b"REPLACE".to_vec(),
        b"FREQ".to_vec(),
        b"100".to_vec(),
    ];
    assert_eq!(e.execute(s, &restore), Reply::ok());
    assert_eq!(run(&mut e, s, "OBJECT FREQ hot"), Reply::Integer(100));
    run(&mut e, s, "SET hot 2");
    assert!(matches!(
        run(&mut e, s, "OBJECT FREQ hot"),
        Reply::Integer(100 | 101)
    ));
}

#[test]
fn evictions_are_effects_and_keyspace_events() {
    let (mut e, s) = engine();
    e.set_event_detail(events::Detail::Full);
    fill_to_limit(&mut e, s, 20, false);
    run(&mut e, s, "CONFIG SET maxmemory-policy allkeys-random");
    e.take_events();
    run(&mut e, s, &format!("SET new {}", "w".repeat(500)));
    // Memory is checked before a command: the next one evicts.
    run(&mut e, s, "PING");
    let events = e.take_events().events;
    let evicted: Vec<&Event> = events
        .iter()
        .filter(|ev| {
            matches!(
                ev,
                Event::Key {
                    event: "evicted",
                    ..
                }
            )
        })
        .collect();
    let effects = events
        .iter()
        .filter(|ev| {
            matches!(
                ev,
                Event::Effect {
                    effect: Effect::Evicted {
                        why: evict::Reason::Random,
                        ..
                    },
                    ..
                }
            )
        })
        .count();
    assert!(!evicted.is_empty());
    assert_eq!(evicted.len(), effects);
    assert_eq!(e.db(0).map(|d| d.len()), Some(21 - evicted.len()));
}

/// A key evicted before a command runs is invalidated before that
/// command's reply (Redis evicts in `processCommand`, before executing);
/// a key the command itself writes is invalidated after it.
#[test]
fn an_evicted_keys_invalidation_comes_before_the_reply() {
    let (mut e, s) = engine();
    run(&mut e, s, "HELLO 3");
    run(&mut e, s, "CLIENT TRACKING on");
    run(&mut e, s, "SETEX volatile-key 10000 x");
    run(&mut e, s, "GET volatile-key");
    let limit = e.used_memory() + 100 * 1024;
    run(&mut e, s, &format!("CONFIG SET maxmemory {limit}"));
    run(&mut e, s, "CONFIG SET maxmemory-policy volatile-random");
    run(&mut e, s, "SETBIT big-key 1600000 0");
    e.take_pushes(s);
    e.take_late_pushes(s);
    assert_eq!(run(&mut e, s, "GETBIT big-key 0"), Reply::Integer(0));
    let invalidate = Reply::Push(vec![
        Reply::bulk("invalidate"),
        Reply::Array(vec![Reply::bulk("volatile-key")]),
    ]);
    assert_eq!(e.take_pushes(s), vec![invalidate]);
    assert_eq!(e.take_late_pushes(s), Vec::<Reply>::new());
    // The command's own write: after its reply.
    run(&mut e, s, "CONFIG SET maxmemory 0");
    run(&mut e, s, "GET big-key");
    run(&mut e, s, "SETBIT big-key 0 1");
    assert_eq!(e.take_pushes(s), Vec::<Reply>::new());
    assert_eq!(e.take_late_pushes(s).len(), 1);
}
