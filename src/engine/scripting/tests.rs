//! Scripting on the manual clock and inside the engine: what the
//! differential scripts cannot show (the instruction budget, the memory
//! limit, events, locks whose TTL runs out while the holder works).

use crate::engine::{ClientAddr, Engine, EngineOptions, Event, SessionId};
use crate::reply::Reply;

const T0: i64 = 1_700_000_000_000;

fn engine_with(instructions: u64) -> (Engine, SessionId) {
    let mut e = Engine::new(EngineOptions {
        seed: 1,
        start_us: T0 * 1000,
        script_instructions: instructions,
        ..Default::default()
    });
    let s = e.open_session(ClientAddr::default());
    (e, s)
}

fn run(e: &mut Engine, s: SessionId, argv: &[&str]) -> Reply {
    let argv: Vec<Vec<u8>> = argv.iter().map(|a| a.as_bytes().to_vec()).collect();
    e.execute(s, &argv)
}

#[test]
fn errors_from_redis_call_name_the_script_and_line() {
    let (mut e, s) = engine_with(1_000_000);
    let r = run(&mut e, s, &["EVAL", "\nreturn redis.call('nosuch')", "0"]);
    let sha = crate::engine::scripting::sha1_hex(b"\nreturn redis.call('nosuch')");
    assert_eq!(
        r,
        Reply::Error(format!(
            "ERR Unknown Redis command called from script script: {sha}, on @user_script:2."
        ))
    );
}

const RELEASE: &str =
    "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
const EXTEND: &str = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

#[test]
fn a_lock_whose_ttl_runs_out_while_the_holder_works() {
    let (mut e, a) = engine_with(1_000_000);
    let b = e.open_session(ClientAddr::default());
    assert_eq!(
        run(&mut e, a, &["SET", "lock", "token-a", "NX", "PX", "1000"]),
        Reply::ok()
    );
    // Held: the second client cannot take it.
    assert_eq!(
        run(&mut e, b, &["SET", "lock", "token-b", "NX", "PX", "1000"]),
        Reply::Null
    );
    // The holder extends it while it still owns it.
    assert_eq!(
        run(&mut e, a, &["EVAL", EXTEND, "1", "lock", "token-a", "1000"]),
        Reply::Integer(1)
    );
    e.advance_time(900);
    assert_eq!(
        run(&mut e, b, &["SET", "lock", "token-b", "NX", "PX", "1000"]),
        Reply::Null
    );
    // The holder is slow: its TTL runs out while it works.
    e.advance_time(101);
    assert_eq!(
        run(&mut e, b, &["SET", "lock", "token-b", "NX", "PX", "1000"]),
        Reply::ok()
    );
    // Its late release and extend do nothing to the new owner's lock.
    assert_eq!(
        run(&mut e, a, &["EVAL", RELEASE, "1", "lock", "token-a"]),
        Reply::Integer(0)
    );
    assert_eq!(
        run(&mut e, a, &["EVAL", EXTEND, "1", "lock", "token-a", "5000"]),
        Reply::Integer(0)
    );
    assert_eq!(run(&mut e, b, &["GET", "lock"]), Reply::bulk("token-b"));
    assert_eq!(run(&mut e, b, &["PTTL", "lock"]), Reply::Integer(1000));
    // The owner releases it.
    assert_eq!(
        run(&mut e, b, &["EVAL", RELEASE, "1", "lock", "token-b"]),
        Reply::Integer(1)
    );
    assert_eq!(run(&mut e, a, &["EXISTS", "lock"]), Reply::Integer(0));
}

#[test]
fn a_runaway_script_is_stopped_by_the_budget_and_the_engine_goes_on() {
    let (mut e, s) = engine_with(200_000);
    let body = "redis.call('SET', 'before', '1')\nwhile true do end";
    let r = run(&mut e, s, &["EVAL", body, "0"]);
    let sha = crate::engine::scripting::sha1_hex(body.as_bytes());
    assert_eq!(
        r,
        Reply::Error(format!(
            "ERR Script killed: it ran past the budget of 200000 Lua instructions script: {sha}."
        ))
    );
    // What it wrote stays written; the next script has a full budget.
    assert_eq!(run(&mut e, s, &["GET", "before"]), Reply::bulk("1"));
    assert_eq!(
        run(
            &mut e,
            s,
            &[
                "EVAL",
                "local n = 0 for i = 1, 1000 do n = n + i end return n",
                "0"
            ]
        ),
        Reply::Integer(500500)
    );
    assert_eq!(
        run(&mut e, s, &["SCRIPT", "KILL"]),
        Reply::err(crate::engine::errors::NOTBUSY)
    );
}

#[test]
fn a_script_that_builds_a_huge_table_hits_the_memory_limit() {
    let (mut e, s) = engine_with(u64::MAX / 2);
    let r = run(
        &mut e,
        s,
        &[
            "EVAL",
            "local t = {} for i = 1, 1e9 do t[i] = 'x' .. i end",
            "0",
        ],
    );
    let Reply::Error(text) = r else {
        panic!("expected an error, got {r:?}")
    };
    assert!(
        text.starts_with("ERR Script killed: the Lua heap reached its limit of 64 MB"),
        "{text}"
    );
    assert_eq!(
        run(&mut e, s, &["EVAL", "return #KEYS", "2", "a", "b"]),
        Reply::Integer(2)
    );
}

#[test]
fn script_runs_are_on_the_event_stream() {
    let (mut e, s) = engine_with(1_000_000);
    e.set_event_detail(crate::engine::Detail::Basic);
    e.take_events();
    run(
        &mut e,
        s,
        &[
            "EVAL",
            "redis.call('SET', KEYS[1], 'v') return redis.call('GET', KEYS[1])",
            "1",
            "k",
        ],
    );
    run(&mut e, s, &["EVAL", "error('no')", "0"]);
    let events = e.take_events().events;
    let runs: Vec<(&str, u64, &str)> = events
        .iter()
        .filter_map(|ev| match ev {
            Event::ScriptRun {
                kind,
                calls,
                outcome,
                ..
            } => Some((*kind, *calls, *outcome)),
            _ => None,
        })
        .collect();
    assert_eq!(runs, [("eval", 2, "ok"), ("eval", 0, "error")]);
    // Each redis.call is a command of its own on the stream.
    let inner = events
        .iter()
        .filter(|ev| matches!(ev, Event::CommandRun { argv, parent: Some(_), .. } if argv.first().is_some_and(|a| a == b"SET" || a == b"GET")))
        .count();
    assert_eq!(inner, 2);
}

#[test]
fn many_cached_scripts_do_not_crowd_out_the_heap() {
    let (mut e, s) = engine_with(10_000_000);
    // Each body carries 8 KB of constants; 10,000 of them is more than the
    // 64 MB heap limit, as a long-running server's cache can be.
    let filler = "x".repeat(8 * 1024);
    for i in 0..10_000 {
        let body = format!("local s = '{filler}' return {i}");
        assert_eq!(run(&mut e, s, &["EVAL", &body, "0"]), Reply::Integer(i));
    }
    // A script that needs a few MB of its own still gets them.
    assert_eq!(
        run(
            &mut e,
            s,
            &[
                "EVAL",
                "local t = {} for i = 1, 100000 do t[i] = 'v' .. i end return #t",
                "0"
            ]
        ),
        Reply::Integer(100000)
    );
}
