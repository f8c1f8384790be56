//! Engine tests that need the manual clock or the engine's insides:
//! expiry to the millisecond, the event stream, SCAN under change, and
//! random input. Reply-for-reply fidelity lives in tests/differential.rs.

use super::*;

pub(super) const T0: i64 = 1_700_000_000_000;

/// An engine on the manual clock with one client (the other engine
/// test modules use it too).
pub(super) fn engine() -> (Engine, SessionId) {
    let mut e = Engine::new(EngineOptions {
        seed: 1,
        start_us: T0 * 1000,
        ..Default::default()
    });
    let s = e.open_session(ClientAddr::default());
    (e, s)
}

pub(super) fn run(e: &mut Engine, s: SessionId, line: &str) -> Reply {
    let argv = crate::cli::split_args(line.as_bytes()).unwrap_or_default();
    e.execute(s, &argv)
}

#[test]
fn a_key_lives_through_its_deadline_millisecond() {
    let (mut e, s) = engine();
    assert_eq!(run(&mut e, s, "SET k v PX 100"), Reply::ok());
    e.advance_time(100);
    // Redis expires a key when now > deadline, not at it.
    assert_eq!(run(&mut e, s, "GET k"), Reply::bulk("v"));
    assert_eq!(run(&mut e, s, "PTTL k"), Reply::Integer(0));
    e.advance_time(1);
    assert_eq!(run(&mut e, s, "GET k"), Reply::Null);
    assert_eq!(run(&mut e, s, "TTL k"), Reply::Integer(-2));
}

#[test]
fn fast_forward_drains_every_due_key_without_a_command() {
    let (mut e, s) = engine();
    for i in 0..1000 {
        run(&mut e, s, &format!("SET k{i} v PX {}", 10 + i));
    }
    run(&mut e, s, "SET forever v");
    e.take_events();
    e.advance_time(500);
    assert_eq!(e.db(0).map(|d| d.len()), Some(1 + 1000 - 490));
    let expired = e
        .take_events()
        .events
        .iter()
        .filter(|ev| {
            matches!(
                ev,
                Event::Key {
                    event: "expired",
                    ..
                }
            )
        })
        .count();
    assert_eq!(expired, 490);
    e.advance_time(60_000);
    assert_eq!(run(&mut e, s, "DBSIZE"), Reply::Integer(1));
    assert_eq!(e.stats.expired_keys, 1000);
}

#[test]
fn ttl_rounds_like_redis() {
    let (mut e, s) = engine();
    run(&mut e, s, "SET k v PX 1499");
    assert_eq!(run(&mut e, s, "TTL k"), Reply::Integer(1));
    run(&mut e, s, "SET k v PX 1500");
    assert_eq!(run(&mut e, s, "TTL k"), Reply::Integer(2));
}

#[test]
fn the_clock_never_goes_back() {
    let (mut e, s) = engine();
    run(&mut e, s, "SET k v PX 1000");
    e.tick(T0 - 50_000);
    assert_eq!(e.now_ms(), T0);
    assert_eq!(run(&mut e, s, "PTTL k"), Reply::Integer(1000));
}

#[test]
fn writes_and_expiry_show_on_the_event_stream() {
    let (mut e, s) = engine();
    e.take_events();
    run(&mut e, s, "SET k v EX 1");
    run(&mut e, s, "RENAME k j");
    e.advance_time(1001);
    let keys: Vec<(String, &str)> = e
        .take_events()
        .events
        .into_iter()
        .filter_map(|ev| match ev {
            Event::Key { key, event, .. } => {
                Some((String::from_utf8_lossy(&key).into_owned(), event))
            }
            _ => None,
        })
        .collect();
    let want: Vec<(String, &str)> = vec![
        ("k".into(), "set"),
        ("k".into(), "expire"),
        ("k".into(), "rename_from"),
        ("j".into(), "rename_to"),
        ("j".into(), "expired"),
    ];
    assert_eq!(keys, want);
}

#[test]
fn sessions_keep_their_own_db() {
    let (mut e, a) = engine();
    let b = e.open_session(ClientAddr::default());
    run(&mut e, a, "SELECT 3");
    run(&mut e, a, "SET k in3");
    assert_eq!(run(&mut e, b, "GET k"), Reply::Null);
    run(&mut e, b, "SELECT 3");
    assert_eq!(run(&mut e, b, "GET k"), Reply::bulk("in3"));
    e.close_session(b);
    assert!(e.execute(b, &[b"PING".to_vec()]).is_error());
}

/// Keys present for a whole SCAN are returned at least once, whatever is
/// added or removed between the calls.
#[test]
fn scan_survives_changes_between_calls() {
    let (mut e, s) = engine();
    for i in 0..500 {
        run(&mut e, s, &format!("SET keep{i} v"));
    }
    let mut rng = fastrand::Rng::with_seed(9);
    let mut seen = std::collections::BTreeSet::new();
    let mut cursor = "0".to_string();
    let mut extra = 0;
    loop {
        let r = run(&mut e, s, &format!("SCAN {cursor} COUNT 7"));
        let Reply::Array(parts) = r else {
            panic!("scan reply")
        };
        let (Some(Reply::Bulk(c)), Some(Reply::Array(items))) = (parts.first(), parts.get(1))
        else {
            panic!("shape")
        };
        for it in items {
            if let Reply::Bulk(k) = it {
                seen.insert(String::from_utf8_lossy(k).into_owned());
            }
        }
        cursor = String::from_utf8_lossy(c).into_owned();
        // Churn: add and remove keys that are not part of the promise.
        for _ in 0..5 {
            run(&mut e, s, &format!("SET tmp{extra} v"));
            extra += 1;
            let victim = rng.usize(..extra);
            run(&mut e, s, &format!("DEL tmp{victim}"));
        }
        if cursor == "0" {
            break;
        }
    }
    for i in 0..500 {
        assert!(seen.contains(&format!("keep{i}")), "keep{i} missed");
    }
}

/// Random argument vectors built from command names and nasty values:
/// every reply is a reply, nothing panics.
#[test]
fn random_input_never_panics() {
    let (mut e, s) = engine();
    let names: Vec<&str> = table::all()
        .iter()
        .map(|c| c.name)
        .filter(|n| *n != "quit")
        .collect();
    let values = [
        "",
        "0",
        "-1",
        "1",
        "9223372036854775807",
        "-9223372036854775808",
        "99999999999999999999",
        "1.5",
        "inf",
        "-inf",
        "nan",
        "k",
        "k2",
        "*",
        "[",
        "\\",
        "ex",
        "px",
        "nx",
        "xx",
        "get",
        "keepttl",
        "count",
        "match",
        "type",
        "db",
        "replace",
        "idx",
        "len",
        "minmatchlen",
        "encoding",
        "get",
        "set",
        "list",
        "1e308",
        "\u{0}",
        "a[^-]*?",
    ];
    let mut rng = fastrand::Rng::with_seed(42);
    for _ in 0..20_000 {
        let mut argv = vec![names[rng.usize(..names.len())].as_bytes().to_vec()];
        for _ in 0..rng.usize(..6) {
            argv.push(values[rng.usize(..values.len())].as_bytes().to_vec());
        }
        let _ = e.execute(s, &argv);
        if rng.usize(..50) == 0 {
            e.advance_time(rng.i64(..5000));
        }
    }
    assert!(e.session(s).is_some());
}

/// A subscriber that never reads is cut off at the pubsub output limit;
/// the publisher and everyone else carry on.
#[test]
fn a_subscriber_that_never_reads_is_disconnected_alone() {
    let (mut e, publisher) = engine();
    let slow = e.open_session(ClientAddr::default());
    let fine = e.open_session(ClientAddr::default());
    assert_eq!(
        run(
            &mut e,
            publisher,
            "CONFIG SET client-output-buffer-limit \"pubsub 1mb 0 0\""
        ),
        Reply::ok()
    );
    run(&mut e, slow, "SUBSCRIBE feed");
    run(&mut e, fine, "SUBSCRIBE feed");
    e.take_events();
    let big = vec![b'x'; 300_000];
    let publish = [b"PUBLISH".to_vec(), b"feed".to_vec(), big];
    for _ in 0..5 {
        e.execute(publisher, &publish);
        // `fine` reads what it is sent, `slow` never does.
        e.take_pushes(fine);
    }
    assert!(e.session(slow).is_none(), "the slow subscriber is gone");
    assert_eq!(e.take_disconnected(), vec![slow]);
    assert!(e
        .take_events()
        .events
        .contains(&Event::OutputLimit { session: slow }));
    assert_eq!(e.execute(publisher, &publish), Reply::Integer(1));
    assert_eq!(e.take_pushes(fine).len(), 1);
    assert_eq!(
        run(&mut e, fine, "PING"),
        Reply::Array(vec![Reply::bulk("pong"), Reply::bulk("")])
    );
}

/// Thousands of channels and patterns: counts stay exact and one PUBLISH
/// reaches each match once.
#[test]
fn thousands_of_subscriptions() {
    let (mut e, s) = engine();
    let other = e.open_session(ClientAddr::default());
    let mut sub = vec![b"SUBSCRIBE".to_vec()];
    sub.extend((0..5000).map(|i| format!("ch:{i}").into_bytes()));
    let mut psub = vec![b"PSUBSCRIBE".to_vec()];
    psub.extend((0..2000).map(|i| format!("ch:{i}*").into_bytes()));
    e.execute(s, &sub);
    assert_eq!(e.take_pushes(s).len(), 4999);
    let last = e.execute(s, &psub);
    assert_eq!(
        last,
        Reply::Push(vec![
            Reply::bulk("psubscribe"),
            Reply::bulk("ch:1999*"),
            Reply::Integer(7000)
        ])
    );
    e.take_pushes(s);
    // ch:1 matches ch:1*; ch:1x (x a digit below 2000's range) and so on.
    let n = run(&mut e, other, "PUBLISH ch:1 m");
    let expected = 1
        + (0..2000)
            .filter(|i| "ch:1".starts_with(&format!("ch:{i}")))
            .count();
    assert_eq!(n, Reply::Integer(expected as i64));
    assert_eq!(e.take_pushes(s).len(), expected);
    assert_eq!(run(&mut e, other, "PUBSUB NUMPAT"), Reply::Integer(2000));
    e.close_session(s);
    assert_eq!(run(&mut e, other, "PUBSUB NUMPAT"), Reply::Integer(0));
    assert_eq!(run(&mut e, other, "PUBLISH ch:1 m"), Reply::Integer(0));
}

fn argv(line: &str) -> Vec<Vec<u8>> {
    crate::cli::split_args(line.as_bytes()).unwrap_or_default()
}

#[test]
fn a_blocked_client_times_out_on_the_manual_clock() {
    let (mut e, s) = engine();
    assert_eq!(e.submit(s, &argv("BLPOP q 1.5")), None);
    assert!(e.is_blocked(s));
    e.advance_time(1499);
    assert!(e.is_blocked(s) && e.take_pushes(s).is_empty());
    // A fast-forward that reaches the deadline answers it: a learner who
    // moves the clock by the timeout sees the timeout.
    e.advance_time(1);
    assert!(!e.is_blocked(s));
    assert_eq!(e.take_pushes(s), vec![Reply::NullArray]);
    assert_eq!(run(&mut e, s, "PING"), Reply::simple("PONG"));
}

#[test]
fn waiting_clients_are_served_first_come_first_served() {
    let (mut e, a) = engine();
    let b = e.open_session(ClientAddr::default());
    let c = e.open_session(ClientAddr::default());
    let pusher = e.open_session(ClientAddr::default());
    assert_eq!(e.submit(b, &argv("BLPOP q 0")), None);
    assert_eq!(e.submit(a, &argv("BLPOP q 0")), None);
    assert_eq!(e.submit(c, &argv("BLPOP other q 0")), None);
    assert_eq!(e.blocked_count(), 3);
    assert_eq!(run(&mut e, pusher, "RPUSH q 1 2"), Reply::Integer(2));
    let got = |e: &mut Engine, s| e.take_pushes(s);
    assert_eq!(
        got(&mut e, b),
        vec![Reply::Array(vec![Reply::bulk("q"), Reply::bulk("1")])]
    );
    assert_eq!(
        got(&mut e, a),
        vec![Reply::Array(vec![Reply::bulk("q"), Reply::bulk("2")])]
    );
    assert!(got(&mut e, c).is_empty() && e.is_blocked(c));
    assert_eq!(run(&mut e, pusher, "EXISTS q"), Reply::Integer(0));
    // Closing a waiting client takes it out of every queue.
    e.close_session(c);
    assert_eq!(e.blocked_count(), 0);
    assert_eq!(run(&mut e, pusher, "RPUSH q 3"), Reply::Integer(1));
}

#[test]
fn a_waiting_client_is_sent_nothing_and_events_tell_the_story() {
    let (mut e, s) = engine();
    let other = e.open_session(ClientAddr::default());
    let _ = e.take_events();
    assert_eq!(e.submit(s, &argv("BZPOPMIN z 0")), None);
    // A host bug (a command for a waiting client) is refused, not run.
    let refused = e.submit(s, &argv("SET k v"));
    assert!(matches!(refused, Some(Reply::Error(_))));
    assert_eq!(run(&mut e, other, "EXISTS k"), Reply::Integer(0));
    assert_eq!(run(&mut e, other, "ZADD z 2 m"), Reply::Integer(1));
    let events = e.take_events().events;
    assert!(events.iter().any(|ev| matches!(ev,
        Event::Blocked { session, command: "bzpopmin", keys, deadline_ms: None, .. }
            if *session == s && keys == &vec![b"z".to_vec()])));
    assert!(events.iter().any(|ev| matches!(ev,
        Event::Unblocked { session, reason: "served", key: Some(k) } if *session == s && k == b"z")));
    assert_eq!(
        e.take_pushes(s),
        vec![Reply::Array(vec![
            Reply::bulk("z"),
            Reply::bulk("m"),
            Reply::Double(2.0)
        ])]
    );
}

#[test]
fn execute_never_waits() {
    let (mut e, s) = engine();
    assert_eq!(run(&mut e, s, "BLPOP q 0"), Reply::NullArray);
    assert_eq!(run(&mut e, s, "BLMOVE q d LEFT LEFT 0"), Reply::Null);
    assert!(!e.is_blocked(s) && e.blocked_count() == 0);
}

#[test]
fn swapdb_serves_clients_waiting_on_keys_it_brings_in() {
    let (mut e, s) = engine();
    let w = e.open_session(ClientAddr::default());
    assert_eq!(e.submit(w, &argv("BLPOP q 0")), None);
    run(&mut e, s, "SELECT 1");
    run(&mut e, s, "RPUSH q fromdb1");
    assert!(e.is_blocked(w));
    assert_eq!(run(&mut e, s, "SWAPDB 0 1"), Reply::ok());
    assert_eq!(
        e.take_pushes(w),
        vec![Reply::Array(vec![Reply::bulk("q"), Reply::bulk("fromdb1")])]
    );
}

#[test]
fn commandstats_count_rejected_and_failed_calls() {
    let (mut e, s) = engine();
    run(&mut e, s, "SET k v");
    run(&mut e, s, "LPUSH k x");
    run(&mut e, s, "GET");
    run(&mut e, s, "CONFIG GET");
    run(&mut e, s, "MULTI");
    run(&mut e, s, "INCR k");
    run(&mut e, s, "EXEC");
    // A waiting XREADGROUP answered NOGROUP when its group is destroyed
    // is a failed call of XREADGROUP (Redis's updateStatsOnUnblock).
    let w = e.open_session(ClientAddr::default());
    run(&mut e, s, "XGROUP CREATE st g $ MKSTREAM");
    let argv = crate::cli::split_args(b"XREADGROUP GROUP g alice BLOCK 0 STREAMS st >")
        .unwrap_or_default();
    assert_eq!(e.submit(w, &argv), None);
    run(&mut e, s, "XGROUP DESTROY st g");
    assert!(matches!(e.take_pushes(w).first(), Some(Reply::Error(t)) if t.starts_with("NOGROUP")));
    let (Reply::Bulk(info) | Reply::Verbatim(_, info)) = run(&mut e, s, "INFO commandstats") else {
        panic!("INFO answers a text");
    };
    let info = String::from_utf8_lossy(&info).into_owned();
    for want in [
        "cmdstat_set:calls=1,usec=0,usec_per_call=0.00,rejected_calls=0,failed_calls=0",
        "cmdstat_lpush:calls=1,usec=0,usec_per_call=0.00,rejected_calls=0,failed_calls=1",
        "cmdstat_get:calls=0,usec=0,usec_per_call=0.00,rejected_calls=1,failed_calls=0",
        "cmdstat_config|get:calls=0,usec=0,usec_per_call=0.00,rejected_calls=1,failed_calls=0",
        "cmdstat_incr:calls=1,usec=0,usec_per_call=0.00,rejected_calls=0,failed_calls=1",
        "cmdstat_xreadgroup:calls=1,usec=0,usec_per_call=0.00,rejected_calls=0,failed_calls=1",
    ] {
        assert!(info.contains(want), "{want} in {info}");
    }
}

#[test]
fn monitors_see_commands_on_the_engine_clock_until_they_leave() {
    let (mut e, s) = engine();
    let m = e.open_session(ClientAddr {
        addr: "127.0.0.1:5001".into(),
        ..ClientAddr::default()
    });
    assert_eq!(run(&mut e, m, "MONITOR"), Reply::ok());
    e.take_all_pushes();
    e.advance_time(1_234);
    run(&mut e, s, "SET k \"a b\"");
    let line = |e: &mut Engine| e.take_pushes(m);
    let addr = e
        .session(s)
        .map(|x| x.addr.addr.clone())
        .unwrap_or_default();
    assert_eq!(
        line(&mut e),
        vec![Reply::Simple(format!(
            "1700000001.234000 [0 {addr}] \"SET\" \"k\" \"a b\""
        ))]
    );
    // Shown in CLIENT LIST as O; and after a restore still a monitor.
    let Reply::Verbatim(_, list) = run(&mut e, s, "CLIENT LIST") else {
        panic!("CLIENT LIST is text");
    };
    let list = String::from_utf8_lossy(&list);
    assert!(list.contains("flags=O db=0"), "{list}");
    let snap = e.snapshot();
    let mut e2 = Engine::new(EngineOptions::default());
    e2.restore(&snap).unwrap();
    run(&mut e2, s, "GET k");
    assert_eq!(e2.take_pushes(m).len(), 1);
    // Closing it (or RESET) ends it.
    run(&mut e, m, "RESET");
    run(&mut e, s, "GET k");
    assert!(line(&mut e).is_empty());
    assert!(e.monitors.is_empty());
    run(&mut e2, m, "QUIT");
    e2.close_session(m);
    assert!(e2.monitors.is_empty());
}

/// SETBIT and BITFIELD count only what changed as dirty (INFO's
/// rdb_changes_since_last_save), with the deltas Redis's own bitops unit
/// expects: a new key always, the same bits again never, each changing
/// BITFIELD SET and every INCRBY once, growing the string once.
#[test]
fn bit_writes_count_only_changes_as_dirty() {
    let (mut e, s) = engine();
    let dirty = |e: &mut Engine| e.dirty;
    let steps: [(&[&str], u64); 7] = [
        (&["SETBIT foo 0 0", "BITFIELD foo2 SET i5 0 0"], 2),
        (&["SETBIT foo 0 0", "BITFIELD foo2 SET i5 0 0"], 0),
        (
            &[
                "SETBIT foo 0 1",
                "SETBIT foo 0 1",
                "SETBIT foo 0 0",
                "SETBIT foo 0 0",
                "BITFIELD foo2 SET i5 0 1",
                "BITFIELD foo2 SET i5 0 1",
                "BITFIELD foo2 SET i5 0 0",
                "BITFIELD foo2 SET i5 0 0",
            ],
            4,
        ),
        (
            &["BITFIELD foo3 INCRBY i5 0 1", "BITFIELD foo3 INCRBY i5 0 1"],
            2,
        ),
        (&["SETBIT foo 90 0", "BITFIELD foo2 SET i5 90 0"], 2),
        // Two changing writes in one BITFIELD count twice; a refused one none.
        (
            &[
                "BITFIELD foo2 SET u8 0 7 SET u8 8 7",
                "BITFIELD foo2 OVERFLOW FAIL INCRBY u2 0 9",
            ],
            2,
        ),
        // An INCRBY that changes nothing (by 0, or saturated) counts none.
        (
            &[
                "BITFIELD foo3 INCRBY u8 0 0",
                "BITFIELD foo3 OVERFLOW SAT INCRBY u2 0 0",
            ],
            0,
        ),
    ];
    for (lines, delta) in steps {
        let before = dirty(&mut e);
        for line in lines {
            assert!(!run(&mut e, s, line).is_error(), "{line}");
        }
        assert_eq!(dirty(&mut e) - before, delta, "{lines:?}");
    }
}

/// tracking-table-max-keys: past it, keys leave the tracking table at
/// random, each with an invalidation to its reader, until the table is
/// back at the limit; the key left is still tracked.
#[test]
fn a_full_tracking_table_invalidates_keys_until_it_fits() {
    let (mut e, s) = engine();
    let writer = e.open_session(ClientAddr::default());
    assert!(!run(&mut e, s, "HELLO 3").is_error());
    assert_eq!(run(&mut e, s, "CLIENT TRACKING on"), Reply::ok());
    run(&mut e, writer, "MSET a 1 b 2 c 3");
    run(&mut e, s, "MGET a b c");
    e.take_all_pushes();
    assert_eq!(
        run(&mut e, writer, "CONFIG SET tracking-table-max-keys 1"),
        Reply::ok()
    );
    let invalidated = |pushes: Vec<Reply>| -> Vec<Vec<u8>> {
        pushes
            .into_iter()
            .filter_map(|p| match p {
                Reply::Push(items) => match items.as_slice() {
                    [Reply::Bulk(kind), Reply::Array(keys)] if kind == b"invalidate" => Some(
                        keys.iter()
                            .filter_map(|k| match k {
                                Reply::Bulk(b) => Some(b.clone()),
                                _ => None,
                            })
                            .collect::<Vec<_>>(),
                    ),
                    _ => None,
                },
                _ => None,
            })
            .flatten()
            .collect()
    };
    let mut gone = invalidated(e.take_pushes(s));
    gone.sort();
    assert_eq!(gone.len(), 2, "{gone:?}");
    let kept = [b"a".to_vec(), b"b".to_vec(), b"c".to_vec()]
        .into_iter()
        .find(|k| !gone.contains(k))
        .expect("one key stays");
    // The key left is still tracked: a write to it is told.
    run(
        &mut e,
        writer,
        &format!("SET {} x", String::from_utf8_lossy(&kept)),
    );
    assert_eq!(invalidated(e.take_pushes(s)), vec![kept]);
}

/// RANDOMKEY while clients are paused and every key is past its deadline
/// (nothing is removed then): an answer after a bounded number of picks,
/// where Redis 7.0 loops for ever (7.2 bounds it the same way).
#[test]
fn randomkey_ends_while_paused_among_expired_keys() {
    let (mut e, s) = engine();
    run(&mut e, s, "SET only v PX 1");
    assert_eq!(run(&mut e, s, "CLIENT PAUSE 100000 WRITE"), Reply::ok());
    e.advance_time(5);
    assert_eq!(run(&mut e, s, "GET only"), Reply::Null);
    assert_eq!(run(&mut e, s, "RANDOMKEY"), Reply::bulk("only"));
    assert_eq!(run(&mut e, s, "CLIENT UNPAUSE"), Reply::ok());
    assert_eq!(run(&mut e, s, "RANDOMKEY"), Reply::Null);
}
