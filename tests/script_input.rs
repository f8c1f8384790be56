//! Scripts written to hurt: none may panic the engine or leave it unable
//! to run the next one. Deep recursion in Lua is deep recursion on the
//! Rust stack (omnilua stops at 200 nested calls), so the test runs on a
//! thread with the stack the native server gives its engine.

use reddish::engine::{ClientAddr, Engine, EngineOptions};
use reddish::Reply;

fn run(e: &mut Engine, s: u64, argv: &[&str]) -> Reply {
    let argv: Vec<Vec<u8>> = argv.iter().map(|a| a.as_bytes().to_vec()).collect();
    e.execute(s, &argv)
}

fn bad_scripts() {
    let mut e = Engine::new(EngineOptions {
        script_instructions: 100_000,
        ..Default::default()
    });
    let s = e.open_session(ClientAddr::default());
    for body in [
        "return",
        "return {",
        "return ((((((((((((((((((((1))))))))))))))))))))",
        "local t = {} t[1] = t return t",
        "return string.rep('x', 1e9)",
        "return redis.call(string.rep('x', 100000))",
        "return cjson.decode(string.rep('[', 100000))",
        "local function f() return f() end return f()",
        "local function f() return 1 + f() end return f()",
        "return setmetatable({}, {__index = function(t, k) return t[k] end}).x",
        "return coroutine.wrap(function() while true do coroutine.yield() end end)()",
        "return tostring(setmetatable({}, {__tostring = function(t) return tostring(t) end}))",
        "\0\0\0",
    ] {
        let r = run(&mut e, s, &["EVAL", body, "0"]);
        assert!(
            !matches!(r, Reply::Error(ref t) if t.contains("panicked")),
            "{body:?}: {r:?}"
        );
        assert_eq!(
            run(&mut e, s, &["EVAL", "return 1", "0"]),
            Reply::Integer(1),
            "after {body:?}"
        );
    }
}

#[test]
fn bad_scripts_never_panic() {
    std::thread::Builder::new()
        .stack_size(256 * 1024 * 1024)
        .spawn(bad_scripts)
        .expect("spawn")
        .join()
        .expect("the engine survived every script");
}

/// Functions that build a string in one step are refused past the heap
/// limit, with an error at the script's line; normal uses still work.
#[test]
fn one_step_string_builders_are_bounded() {
    let mut e = Engine::new(EngineOptions::default());
    let s = e.open_session(ClientAddr::default());
    for (body, want) in [
        ("return #string.rep('x', 3e9)", "string.rep would build a string of 3000000000 bytes"),
        ("local s = string.rep('x', 1e7) local t = {} for i = 1, 1000 do t[i] = s end return #table.concat(t)", "table.concat would build"),
        ("local s = string.rep('x', 1e7) return #string.gsub(string.rep('y', 1000), 'y', function() return s end)", "string.gsub would build"),
        ("local s = 'x' for i = 1, 40 do s = s .. s end return #s", "the Lua heap reached its limit"),
    ] {
        match run(&mut e, s, &["EVAL", body, "0"]) {
            Reply::Error(t) => assert!(t.contains(want), "{body}: {t}"),
            other => panic!("{body}: {other:?}"),
        }
    }
    for (body, want) in [
        ("return #string.rep('ab', 1000)", 2000),
        (
            "return #string.gsub(string.rep('x', 100000), 'x', '%0%0')",
            200000,
        ),
        ("return #table.concat({'a', 'b', 'c'}, '--')", 7),
        ("return #string.format('%s-%d', 'abc', 42)", 6),
    ] {
        assert_eq!(
            run(&mut e, s, &["EVAL", body, "0"]),
            Reply::Integer(want),
            "{body}"
        );
    }
}
