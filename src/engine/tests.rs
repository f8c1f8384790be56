//! Engine tests that need the manual clock or the engine's insides:
//! expiry to the millisecond, the event stream, SCAN under change, and
//! random input. Reply-for-reply fidelity lives in tests/differential.rs.

use super::*;

const T0: i64 = 1_700_000_000_000;

fn engine() -> (Engine, SessionId) {
    let mut e = Engine::new(EngineOptions {
        seed: 1,
        start_us: T0 * 1000,
    });
    let s = e.open_session(ClientAddr::default());
    (e, s)
}

fn run(e: &mut Engine, s: SessionId, line: &str) -> Reply {
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
