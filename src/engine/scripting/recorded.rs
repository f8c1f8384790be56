//! What the library tests (cjson, bit, struct, cmsgpack) share: each
//! case is a Lua snippet run inside a file's own harness text (`before`
//! and `after`, which print the outcome canonically), and the output is
//! compared with what the same text printed under EVAL on redis-server
//! 7.0.15. The harness texts stay in each file: their line counts put the
//! cases on the script lines they had on the real server.

use omnilua::{HostHooks, Lua, LuaVersion, Table};

/// A Lua 5.1 VM with one library installed under `name`.
pub(super) fn vm(name: &str, install: fn(&Lua) -> omnilua::Result<Table>) -> Lua {
    let lua = Lua::with_hooks_versioned(HostHooks::default(), LuaVersion::V51).expect("Lua 5.1 VM");
    let library = install(&lua).expect("library installs");
    lua.globals().set(name, library).expect("library global");
    lua
}

/// What the harness prints for one case.
pub(super) fn run(lua: &Lua, before: &str, after: &str, case: &str) -> String {
    let source = format!("{before}\n{case}\n{after}");
    match lua.load(source).set_name("@user_script").eval::<String>() {
        Ok(printed) => printed,
        Err(err) => format!("harness failed: {err}"),
    }
}

/// Run every case in one VM (settings persist between scripts, as in
/// Redis) and list all mismatches.
pub(super) fn check(lua: &Lua, before: &str, after: &str, cases: &[(&str, &str)]) {
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(case, want)| {
            let got = run(lua, before, after, case);
            (got != *want).then(|| format!("{case}\n    redis: {want}\n    ours:  {got}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases differ from Redis:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
