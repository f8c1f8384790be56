//! Scripting on the manual clock and inside the engine: what the
//! differential scripts cannot show (the instruction budget, the memory
//! limit, events, locks whose TTL runs out while the holder works).

use crate::engine::{ClientAddr, Engine, EngineOptions, SessionId};
use crate::reply::Reply;

const T0: i64 = 1_700_000_000_000;

fn engine_with(instructions: u64) -> (Engine, SessionId) {
    let mut e = Engine::new(EngineOptions {
        seed: 1,
        start_us: T0 * 1000,
        script_instructions: instructions,
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
    let sha = crate::engine::scripting::vm::sha1_hex(b"\nreturn redis.call('nosuch')");
    assert_eq!(
        r,
        Reply::Error(format!(
            "ERR Unknown Redis command called from script script: {sha}, on @user_script:2."
        ))
    );
}
