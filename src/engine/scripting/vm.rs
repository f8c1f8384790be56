//! The Lua VM scripts run on, and the conversions between Lua values and
//! replies.
//!
//! One VM per engine, made the first time a script is loaded or run (a
//! page that never runs a script never pays for it). It is Lua 5.1, the
//! dialect Redis embeds, on `omnilua` (pure Rust, so it builds for wasm32),
//! with an instruction budget per run and a memory ceiling: the only way a
//! synchronous engine can stop a runaway script without hanging its host.
//! `prelude.lua` turns the stock 5.1 globals into Redis's sandbox.

use std::cell::Cell;
use std::rc::Rc;

use indexmap::IndexMap;
use omnilua::{
    Function, HostHooks, Lua, LuaVersion, Sandbox, SandboxConfig, Table, TripReason, Value,
    Variadic,
};

use super::{Failure, LoadError, ScriptVm, Target};
use crate::reply::Reply;

const PRELUDE: &str = include_str!("prelude.lua");

/// Deepest nesting of tables converted to a reply (and of replies converted
/// to tables). Redis stops where its C stack check does; we stop here with
/// an error instead of recursing without bound.
pub const MAX_DEPTH: usize = 1000;

/// The VM and what it keeps between runs.
pub struct Vm {
    pub lua: Lua,
    sandbox: Sandbox,
    /// The prelude's `run(f, ...)`: xpcall with the error annotator.
    run: Function,
    /// The prelude's `adopt(f)`: gives a compiled chunk the sandbox's globals.
    adopt: Function,
    /// The prelude's `load_library(f)`: runs a FUNCTION library's code.
    load_library: Function,
    /// What the prelude shares with the host (`last_error`).
    hooks: Table,
    /// EVAL's globals (scripts see them through a read-only view); KEYS
    /// and ARGV are set here before each run.
    globals: Table,
    /// Compiled EVAL bodies by SHA1.
    pub scripts: IndexMap<String, Function>,
    /// Compiled FUNCTION callbacks by function name (lowercase).
    pub functions: IndexMap<String, Function>,
    /// What the last library load registered, until the engine commits it.
    pending: Vec<(String, Function)>,
    /// `math.random`'s generator (carried from one script to the next).
    pub rand: Rc<Cell<u64>>,
    /// The protocol `redis.setresp` chose for the running script.
    pub resp: Rc<Cell<u8>>,
    /// The running script's host (what answers its `redis.call`s).
    host: HostSlot,
}

type Host<'a> = dyn FnMut(&[Vec<u8>], u8) -> Reply + 'a;

/// Where `redis.call` finds the engine. The two functions are made once,
/// with the VM, and reach the running script's host closure through this
/// slot, which `run` fills for the length of one run (making them anew
/// per run, borrowing the closure, cost a fifth of a short script's time).
///
/// SAFETY: the pointer is only set while `ScriptVm::run` is on the stack,
/// to a closure that outlives that call, and is read only by `redis.call`
/// and `redis.pcall`, which Lua can only call while a script runs (Lua
/// code runs only inside `run` and FUNCTION LOAD, when the slot is empty
/// and the call is refused). Reentrance cannot happen: a script's command
/// cannot start another script (EVAL and FCALL are `noscript`), and the
/// borrow flag below refuses it anyway.
type HostSlot = Rc<Cell<Option<*mut Host<'static>>>>;

// SAFETY: `Lua` and its handles are `!Send` because they share `Rc`s. Every
// handle this VM holds (the `Lua`, its tables and functions, the `Rc`s
// of the closures above) lives inside this one struct, which is only ever
// reached through `&mut Engine`; nothing is cloned out of it. The crate's
// thread-local state (its heap stack) is pushed and popped within each
// call, so between calls the whole VM may move to another thread, as the
// native server's `Mutex<Engine>` can move it. It is never used from two
// threads at once: `Engine` is not `Sync`-shared without that mutex.
unsafe impl Send for Vm {}

impl Vm {
    /// A fresh VM with Redis's libraries and sandbox, stopping any one run
    /// after `instructions` VM instructions and at `memory` bytes of heap.
    pub fn new(instructions: u64, memory: usize) -> Result<Vm, String> {
        let e = |e: omnilua::Error| e.to_string();
        let lua = Lua::with_hooks_versioned(HostHooks::default(), LuaVersion::V51).map_err(e)?;
        let sandbox = lua
            .install_sandbox(SandboxConfig {
                instruction_limit: Some(instructions),
                memory_limit_bytes: Some(memory),
                // Every instruction: a loop that doubles a string must be
                // stopped at the first step past the heap limit, not a
                // thousand steps later (2^1000 bytes).
                check_interval: 1,
                remove_globals: Vec::new(),
            })
            .map_err(e)?;
        // Redis never seeds the generator itself: scripts start from
        // lrand48's default state and each continues where the last one
        // stopped, until one calls math.randomseed.
        let rand = Rc::new(Cell::new(RAND48_DEFAULT));
        let resp = Rc::new(Cell::new(2u8));
        let globals = lua.globals();
        install_math(&lua, &globals, &rand).map_err(e)?;
        super::guards::install(&lua, &globals, memory).map_err(e)?;
        let redis = redis_table(&lua, &resp).map_err(e)?;
        let host: HostSlot = Rc::new(Cell::new(None));
        let busy = Rc::new(Cell::new(false));
        // redis.call and redis.pcall differ only in what they do with an
        // error reply: raise it, or return it. Both are host functions, not
        // Lua wrappers, so that `return redis.call(..)` keeps the script's
        // frame for the error's line number.
        for (name, raise) in [("call", true), ("pcall", false)] {
            let (host, busy, resp) = (Rc::clone(&host), Rc::clone(&busy), Rc::clone(&resp));
            let f = lua
                .create_function(move |lua, argv: Variadic<Value>| {
                    let reply = match (lua_argv(&argv), host.get()) {
                        (Err(e), _) => e,
                        (Ok(_), None) => {
                            Reply::err("ERR redis.call is only available while a script runs")
                        }
                        (Ok(_), Some(_)) if busy.get() => {
                            Reply::err("ERR redis.call is already running")
                        }
                        (Ok(argv), Some(h)) => {
                            busy.set(true);
                            // SAFETY: see HostSlot.
                            let reply = unsafe { (*h)(&argv, resp.get()) };
                            busy.set(false);
                            reply
                        }
                    };
                    match reply {
                        Reply::Error(text) if raise => Err(redis_error(&text)),
                        reply => reply_to_lua(lua, &reply, resp.get(), 0),
                    }
                })
                .map_err(e)?;
            redis.raw_set(name, f).map_err(e)?;
        }
        // These two build their own error texts, position included.
        let cjson = super::cjson::install(&lua).map_err(e)?;
        let bit = super::bit::install(&lua).map_err(e)?;
        let hooks = lua.create_table().map_err(e)?;
        let _ = &globals;
        let prelude = lua
            .load(PRELUDE)
            .set_name("=prelude")
            .into_function()
            .map_err(e)?;
        let parts: Variadic<Value> = prelude
            .call(Variadic::from(vec![
                Value::Table(redis.clone()),
                Value::Table(cjson),
                Value::Table(bit),
                Value::Table(hooks.clone()),
            ]))
            .map_err(e)?;
        let mut parts = parts.into_iter();
        let mut function = || match parts.next() {
            Some(Value::Function(f)) => Ok(f),
            _ => Err("the prelude did not return its functions".to_string()),
        };
        let (run, adopt, load_library) = (function()?, function()?, function()?);
        let mut table = || match parts.next() {
            Some(Value::Table(t)) => Ok(t),
            _ => Err("the prelude did not return its tables".to_string()),
        };
        let globals = table()?;
        Ok(Vm {
            lua,
            sandbox,
            run,
            adopt,
            load_library,
            hooks,
            globals,
            scripts: IndexMap::new(),
            functions: IndexMap::new(),
            pending: Vec::new(),
            rand,
            resp,
            host,
        })
    }

    /// Compile `body` as a chunk named `name` (`@user_script`), ready to run
    /// in the sandbox. The error is Lua's own message (`user_script:1: ...`).
    pub fn compile_chunk(&self, body: &[u8], name: &str) -> Result<Function, String> {
        // A budget spent (or tripped) by the last run must not fail this.
        self.sandbox.reset();
        let f = self
            .lua
            .load(body)
            .set_name(name)
            .into_function()
            .map_err(|e| e.to_string())?;
        self.adopt.call(f).map_err(|e| e.to_string())
    }

    /// Set KEYS and ARGV as EVAL does (FCALL passes them as arguments).
    pub fn set_keys_args(&self, keys: &[Vec<u8>], args: &[Vec<u8>]) -> omnilua::Result<()> {
        self.globals.raw_set("KEYS", self.string_array(keys)?)?;
        self.globals.raw_set("ARGV", self.string_array(args)?)
    }

    pub fn string_array(&self, items: &[Vec<u8>]) -> omnilua::Result<Table> {
        let t = self.lua.create_table()?;
        for (i, item) in items.iter().enumerate() {
            t.raw_set(i as i64 + 1, self.lua.create_string(item)?)?;
        }
        Ok(t)
    }

    /// Run a compiled function with a fresh budget; its first result, or
    /// why it failed. `args` are passed to it (FCALL's keys and args).
    pub fn run_function(&self, f: &Function, args: Vec<Value>) -> Result<Value, Failure> {
        self.sandbox.reset();
        self.resp.set(2);
        let mut all = Vec::with_capacity(args.len() + 1);
        all.push(Value::Function(f.clone()));
        all.extend(args);
        let result = self.run.call::<_, Variadic<Value>>(Variadic::from(all));
        let out = match result {
            Ok(values) => {
                let mut it = values.into_iter();
                let ok = matches!(it.next(), Some(Value::Boolean(true)));
                let first = it.next().unwrap_or(Value::Nil);
                if ok {
                    Ok(first)
                } else {
                    Err(error_from_value(&first))
                }
            }
            Err(err) => {
                // A budget trip skips the script's error handler, so where
                // the script was is usually unknown.
                let at = match self.hooks.raw_get::<_, Value>("last_error") {
                    Ok(v) => location(&v),
                    Err(_) => None,
                };
                match self.sandbox.tripped() {
                    Some(TripReason::Instructions) => Err(Failure::Instructions { at }),
                    Some(TripReason::Memory) => Err(Failure::Memory { at }),
                    None => Err(Failure::Error {
                        msg: format!("ERR {err}"),
                        at,
                    }),
                }
            }
        };
        if out.is_err() {
            // The handler's note is for this failure only (it is read
            // above); and a tripped or failed run may leave a large heap.
            let _ = self.hooks.raw_set("last_error", Value::Nil);
            self.lua.gc_collect();
        }
        out
    }
}

/// One function a library registered, with its callback.
pub struct Registered {
    pub name: String,
    pub callback: Function,
    pub flags: Vec<String>,
    pub description: Option<String>,
}

impl Vm {
    /// Run a compiled library's code (FUNCTION LOAD): what it registered,
    /// or the error text (`ERR ...`) it raised.
    pub fn run_library(&self, f: &Function) -> Result<Vec<Registered>, String> {
        self.sandbox.reset();
        let result = self.load_library.call::<_, (bool, Value)>(f.clone());
        self.sandbox.reset();
        let (ok, value) = match result {
            Ok(r) => r,
            Err(e) => return Err(format!("ERR {e}")),
        };
        if !ok {
            return Err(match error_from_value(&value) {
                Failure::Error { msg, .. } => msg,
                _ => "ERR library code ran too long".to_string(),
            });
        }
        let Value::Table(list) = value else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for i in 1..=list.len().unwrap_or(0) {
            let Ok(Value::Table(r)) = list.raw_get::<_, Value>(i as i64) else {
                continue;
            };
            let text = |v: Value| match v {
                Value::String(s) => {
                    Some(String::from_utf8_lossy(&s.as_bytes().unwrap_or_default()).into_owned())
                }
                _ => None,
            };
            let (Some(name), Value::Function(callback)) =
                (text(field(&r, "name")), field(&r, "callback"))
            else {
                continue;
            };
            let mut flags = Vec::new();
            if let Value::Table(f) = field(&r, "flags") {
                for j in 1..=f.len().unwrap_or(0) {
                    if let Some(flag) = f.raw_get::<_, Value>(j as i64).ok().and_then(text) {
                        flags.push(flag);
                    }
                }
            }
            out.push(Registered {
                name,
                callback,
                flags,
                description: text(field(&r, "description")),
            });
        }
        Ok(out)
    }

    /// Compile a library's code (FUNCTION LOAD) as `@user_function`.
    pub fn compile_library(&self, body: &[u8]) -> Result<Function, String> {
        self.sandbox.reset();
        self.lua
            .load(body)
            .set_name("@user_function")
            .into_function()
            .map_err(|e| e.to_string())
    }
}

/// Read the error table the prelude's handler built.
fn error_from_value(v: &Value) -> Failure {
    match v {
        Value::Table(t) => {
            let msg = match t.raw_get::<_, Value>("err") {
                Ok(Value::String(s)) => {
                    String::from_utf8_lossy(&s.as_bytes().unwrap_or_default()).into_owned()
                }
                Ok(Value::Integer(i)) => i.to_string(),
                Ok(Value::Number(n)) => lua_number_text(n),
                // Redis 7.0.15 crashes on an error table without `err`.
                _ => "ERR unknown error".to_string(),
            };
            Failure::Error {
                msg,
                at: location(v),
            }
        }
        Value::String(s) => Failure::Error {
            msg: format!(
                "ERR {}",
                String::from_utf8_lossy(&s.as_bytes().unwrap_or_default())
            ),
            at: None,
        },
        _ => Failure::Error {
            msg: "ERR execution failure".to_string(),
            at: None,
        },
    }
}

fn location(v: &Value) -> Option<(String, i64)> {
    let Value::Table(t) = v else { return None };
    let source = match t.raw_get::<_, Value>("source") {
        Ok(Value::String(s)) => s.to_str().ok()?,
        _ => return None,
    };
    let line = match t.raw_get::<_, Value>("line") {
        Ok(Value::Integer(i)) => i,
        Ok(Value::Number(n)) => n as i64,
        _ => return None,
    };
    Some((source, line))
}

impl ScriptVm for Vm {
    fn compile(&mut self, sha: &str, body: &[u8]) -> Result<(), String> {
        let f = self.compile_chunk(body, "@user_script")?;
        self.scripts.insert(sha.to_string(), f);
        Ok(())
    }

    fn has_script(&self, sha: &str) -> bool {
        self.scripts.contains_key(sha)
    }

    fn forget_scripts(&mut self) {
        self.scripts.clear();
    }

    fn load_library(&mut self, body: &[u8]) -> Result<Vec<super::Registered>, LoadError> {
        let f = self.compile_library(body).map_err(LoadError::Compile)?;
        let registered = self.run_library(&f).map_err(LoadError::Register)?;
        let mut out = Vec::with_capacity(registered.len());
        self.pending.clear();
        for r in registered {
            self.pending.push((r.name.to_ascii_lowercase(), r.callback));
            out.push(super::Registered {
                name: r.name,
                flags: r.flags,
                description: r.description,
            });
        }
        Ok(out)
    }

    fn commit_library(&mut self) {
        for (name, f) in std::mem::take(&mut self.pending) {
            self.functions.insert(name, f);
        }
    }

    fn forget_function(&mut self, name: &str) {
        self.functions.shift_remove(name);
    }

    fn run(
        &mut self,
        target: Target<'_>,
        keys: &[Vec<u8>],
        args: &[Vec<u8>],
        host: &mut dyn FnMut(&[Vec<u8>], u8) -> Reply,
    ) -> Result<Reply, Failure> {
        let func = match target {
            Target::Script(sha) => self.scripts.get(sha).cloned(),
            Target::Function(name) => self.functions.get(name).cloned(),
        };
        let Some(func) = func else {
            return Err(Failure::Unavailable("ERR script is not loaded".to_string()));
        };
        let lua_err = |e: omnilua::Error| Failure::Error {
            msg: format!("ERR {e}"),
            at: None,
        };
        let call_args = match target {
            Target::Script(_) => {
                self.set_keys_args(keys, args).map_err(lua_err)?;
                Vec::new()
            }
            Target::Function(_) => vec![
                Value::Table(self.string_array(keys).map_err(lua_err)?),
                Value::Table(self.string_array(args).map_err(lua_err)?),
            ],
        };
        // SAFETY: see `HostSlot`; the lifetime is erased for exactly the
        // length of this run and the slot is emptied before it returns.
        let erased: *mut Host<'static> = unsafe { std::mem::transmute(host as *mut Host<'_>) };
        let previous = self.host.replace(Some(erased));
        let out = self.run_function(&func, call_args);
        self.host.set(previous);
        let value = out?;
        Ok(lua_to_reply(&value, self.resp.get(), 0))
    }
}

/// `redis.call`'s arguments as a command line, or the error Redis gives.
fn lua_argv(args: &[Value]) -> Result<Vec<Vec<u8>>, Reply> {
    if args.is_empty() {
        return Err(Reply::err(
            "ERR Please specify at least one argument for this redis lib call",
        ));
    }
    args.iter()
        .map(|a| {
            lua_arg(a).ok_or_else(|| {
                Reply::err("ERR Lua redis lib command arguments must be strings or integers")
            })
        })
        .collect()
}

// ----- the redis table -------------------------------------------------------

/// `redis.*` as far as Rust provides it; `call` and `pcall` are added by
/// the engine for each run (they reach the keyspace).
fn redis_table(lua: &Lua, resp: &Rc<Cell<u8>>) -> omnilua::Result<Table> {
    let t = lua.create_table()?;
    t.set(
        "sha1hex",
        lua.create_function(|lua, args: Variadic<Value>| {
            if args.len() != 1 {
                return Err(redis_error("ERR wrong number of arguments"));
            }
            let bytes = match args.first() {
                Some(v) => lua_bytes(v).unwrap_or_default(),
                None => Vec::new(),
            };
            lua.create_string(sha1_hex(&bytes))
        })?,
    )?;
    t.set(
        "error_reply",
        lua.create_function(|lua, args: Variadic<Value>| {
            let text = match (args.len(), args.first()) {
                (1, Some(Value::String(s))) => s.as_bytes()?,
                // Redis returns this error rather than raising it.
                _ => return err_table(lua, "ERR wrong number or type of arguments"),
            };
            let text = String::from_utf8_lossy(&text).into_owned();
            let text = if text.starts_with('-') {
                text
            } else {
                format!("-{text}")
            };
            err_table(lua, &error_code_text(&text))
        })?,
    )?;
    t.set(
        "status_reply",
        lua.create_function(|lua, args: Variadic<Value>| {
            let text = match (args.len(), args.first()) {
                (1, Some(Value::String(s))) => s.clone(),
                _ => return err_table(lua, "ERR wrong number or type of arguments"),
            };
            let t = lua.create_table()?;
            t.raw_set("ok", text)?;
            Ok(t)
        })?,
    )?;
    let r = Rc::clone(resp);
    t.set(
        "setresp",
        lua.create_function(move |_, args: Variadic<Value>| {
            if args.len() != 1 {
                return Err(redis_error("ERR redis.setresp() requires one argument."));
            }
            let v = match args.first() {
                Some(Value::Integer(i)) => *i,
                Some(Value::Number(n)) => *n as i64,
                Some(Value::String(s)) => String::from_utf8_lossy(&s.as_bytes()?)
                    .trim()
                    .parse::<f64>()
                    .map(|f| f as i64)
                    .unwrap_or(0),
                _ => 0,
            };
            if v != 2 && v != 3 {
                return Err(redis_error("ERR RESP version must be 2 or 3."));
            }
            r.set(v as u8);
            Ok(())
        })?,
    )?;
    // The log goes nowhere a learner would look; Redis writes it to its
    // log file. Checked like Redis checks it, then dropped.
    t.set(
        "log",
        lua.create_function(|_, args: Variadic<Value>| {
            if args.len() < 2 {
                return Err(redis_error(
                    "ERR redis.log() requires two arguments or more.",
                ));
            }
            let level = match args.first() {
                Some(Value::Integer(i)) => Some(*i),
                Some(Value::Number(n)) => Some(*n as i64),
                _ => None,
            };
            match level {
                None => Err(redis_error(
                    "ERR First argument must be a number (log level).",
                )),
                Some(l) if !(0..=3).contains(&l) => Err(redis_error("ERR Invalid debug level.")),
                Some(_) => Ok(()),
            }
        })?,
    )?;
    // The debugger's entries (no debugger here: a breakpoint is never hit)
    // and replication's (every script replicates as its effects already).
    t.set(
        "breakpoint",
        lua.create_function(|_, _: Variadic<Value>| Ok(false))?,
    )?;
    t.set(
        "debug",
        lua.create_function(|_, _: Variadic<Value>| Ok(()))?,
    )?;
    t.set(
        "replicate_commands",
        lua.create_function(|_, _: Variadic<Value>| Ok(true))?,
    )?;
    t.set(
        "set_repl",
        lua.create_function(|_, args: Variadic<Value>| {
            if args.len() != 1 {
                return Err(redis_error("ERR redis.set_repl() requires one argument."));
            }
            match args.first() {
                Some(Value::Integer(i)) if (0..=3).contains(i) => Ok(()),
                Some(Value::Number(n)) if (0.0..=3.0).contains(n) => Ok(()),
                _ => Err(redis_error("ERR Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE.")),
            }
        })?,
    )?;
    // No ACL users yet: every known command is allowed.
    t.set(
        "acl_check_cmd",
        lua.create_function(|_, args: Variadic<Value>| {
            let Some(first) = args.first() else {
                return Err(redis_error(
                    "ERR Please specify at least one argument for this redis lib call",
                ));
            };
            let name = lua_arg(first).unwrap_or_default();
            match crate::engine::table::lookup(&name) {
                Some(_) => Ok(true),
                None => Err(redis_error(
                    "ERR Invalid command passed to redis.acl_check_cmd()",
                )),
            }
        })?,
    )?;
    for (name, v) in [
        ("LOG_DEBUG", 0),
        ("LOG_VERBOSE", 1),
        ("LOG_NOTICE", 2),
        ("LOG_WARNING", 3),
        ("REPL_NONE", 0),
        ("REPL_AOF", 1),
        ("REPL_SLAVE", 2),
        ("REPL_REPLICA", 2),
        ("REPL_ALL", 3),
    ] {
        t.set(name, v as f64)?;
    }
    t.set("REDIS_VERSION", "7.0.15")?;
    t.set("REDIS_VERSION_NUM", 0x07000f as f64)?;
    Ok(t)
}

/// An error table as Redis's `luaPushError` builds it.
pub fn err_table(lua: &Lua, text: &str) -> omnilua::Result<Table> {
    let t = lua.create_table()?;
    t.raw_set("err", lua.create_string(text)?)?;
    Ok(t)
}

/// Raise a Redis error (`ERR ...`, `WRONGTYPE ...`) from a host function:
/// the prelude's handler turns the marked string into the error table a C
/// function of Redis's would have raised.
pub fn redis_error(text: &str) -> omnilua::Error {
    omnilua::Error::from(omnilua::LuaError::runtime(format_args!(
        "\u{1}redis\u{1}{text}"
    )))
}

/// Raise a Lua library error (`bad argument #1 to ...`) from a host
/// function: the handler puts the script's position in front, as
/// `luaL_error` does for Lua's C libraries.
pub fn lua_error(text: &str) -> omnilua::Error {
    omnilua::Error::from(omnilua::LuaError::runtime(format_args!(
        "\u{1}where\u{1}{text}"
    )))
}

/// `-CODE message` to `CODE message`; a dash with no space after a word
/// gets the generic `ERR` code, as Redis's `luaPushErrorBuff` does.
pub fn error_code_text(text: &str) -> String {
    match text.strip_prefix('-') {
        Some(rest) => match rest.split_once(' ') {
            Some((code, msg)) => format!("{code} {}", msg.trim_matches(['\r', '\n'])),
            None => format!("ERR {}", rest.trim_matches(['\r', '\n'])),
        },
        None => format!("ERR {}", text.trim_matches(['\r', '\n'])),
    }
}

pub use super::sha1_hex;

// ----- math.random -------------------------------------------------------------

/// Redis replaces Lua's `math.random` with its own copy of POSIX `lrand48`
/// (a 48-bit linear congruential generator), so that scripts get the same
/// numbers on every platform.
const RAND48_DEFAULT: u64 = 0x1234_ABCD_330E;

fn rand48_seed(seed: i32) -> u64 {
    ((u64::from(seed as u32) << 16) | 0x330E) & 0xFFFF_FFFF_FFFF
}

fn rand48_next(state: &Cell<u64>) -> i32 {
    let x = state.get().wrapping_mul(0x5DEE_CE66D).wrapping_add(0xB) & 0xFFFF_FFFF_FFFF;
    state.set(x);
    (x >> 17) as i32
}

fn install_math(lua: &Lua, globals: &Table, rand: &Rc<Cell<u64>>) -> omnilua::Result<()> {
    let math: Table = globals.get("math")?;
    let r = Rc::clone(rand);
    math.raw_set(
        "random",
        lua.create_function(move |_, args: Variadic<Value>| {
            let max = i32::MAX;
            let r = f64::from(rand48_next(&r) % max) / f64::from(max);
            let int_arg = |n: usize| -> omnilua::Result<i64> {
                match args.get(n) {
                    Some(Value::Integer(i)) => Ok(*i),
                    Some(Value::Number(f)) => Ok(*f as i64),
                    other => Err(lua_error(&format!(
                        "bad argument #{} to 'random' (number expected, got {})",
                        n + 1,
                        type_name(other)
                    ))),
                }
            };
            match args.len() {
                0 => Ok(r),
                1 => {
                    let u = int_arg(0)?;
                    if u < 1 {
                        return Err(arg_error(1, "random", "interval is empty"));
                    }
                    Ok((r * u as f64).floor() + 1.0)
                }
                2 => {
                    let l = int_arg(0)?;
                    let u = int_arg(1)?;
                    if l > u {
                        return Err(arg_error(2, "random", "interval is empty"));
                    }
                    Ok((r * (u - l + 1) as f64).floor() + l as f64)
                }
                _ => Err(lua_error("wrong number of arguments")),
            }
        })?,
    )?;
    let r = Rc::clone(rand);
    math.raw_set(
        "randomseed",
        lua.create_function(move |_, args: Variadic<Value>| {
            let seed = match args.first() {
                Some(Value::Integer(i)) => *i,
                Some(Value::Number(f)) => *f as i64,
                other => {
                    return Err(lua_error(&format!(
                        "bad argument #1 to 'randomseed' (number expected, got {})",
                        type_name(other)
                    )))
                }
            };
            r.set(rand48_seed(seed as i32));
            Ok(())
        })?,
    )?;
    Ok(())
}

fn arg_error(n: usize, func: &str, msg: &str) -> omnilua::Error {
    lua_error(&format!("bad argument #{n} to '{func}' ({msg})"))
}

fn type_name(v: Option<&Value>) -> &'static str {
    match v {
        None => "no value",
        Some(Value::Nil) => "nil",
        Some(Value::Boolean(_)) => "boolean",
        Some(Value::Integer(_) | Value::Number(_)) => "number",
        Some(Value::String(_)) => "string",
        Some(Value::Table(_)) => "table",
        Some(Value::Function(_)) => "function",
        Some(Value::UserData(_) | Value::LightUserData(_)) => "userdata",
        Some(Value::Thread(_)) => "thread",
    }
}

// ----- conversions -------------------------------------------------------------

/// A Lua argument of `redis.call` as Redis turns it into a command
/// argument: strings as they are, numbers as `%.17g`; anything else is
/// refused (`None`).
pub fn lua_arg(v: &Value) -> Option<Vec<u8>> {
    match v {
        Value::String(s) => s.as_bytes().ok(),
        Value::Integer(i) => Some(i.to_string().into_bytes()),
        Value::Number(n) => Some(crate::resp::format_double(*n).into_bytes()),
        _ => None,
    }
}

fn lua_bytes(v: &Value) -> Option<Vec<u8>> {
    match v {
        Value::String(s) => s.as_bytes().ok(),
        Value::Integer(i) => Some(i.to_string().into_bytes()),
        Value::Number(n) => Some(lua_number_text(*n).into_bytes()),
        _ => None,
    }
}

/// A number as Lua 5.1's `tostring` writes it (`%.14g`).
pub fn lua_number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        return format!("{}", n as i64);
    }
    if n.is_nan() {
        return if n.is_sign_negative() {
            "-nan".into()
        } else {
            "nan".into()
        };
    }
    if n.is_infinite() {
        return if n > 0.0 { "inf".into() } else { "-inf".into() };
    }
    // %.14g: 14 significant digits, trailing zeros dropped, exponent form
    // when the exponent is below -4 or at least 14.
    let sci = format!("{:.13e}", n);
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if !(-4..14).contains(&exp) {
        let mant = trim_zeros(mant);
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{mant}e{sign}{:02}", exp.abs())
    } else {
        let decimals = (13 - exp).max(0) as usize;
        trim_zeros(&format!("{:.*}", decimals, n)).to_string()
    }
}

fn trim_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

/// A reply handed to the script, in the protocol it chose with
/// `redis.setresp` (2 unless it asked for 3), by Redis's rules: nulls are
/// `false` in RESP2 and `nil` in RESP3, statuses and errors are tables
/// with `ok` / `err`, RESP3's richer types are tables naming their type.
pub fn reply_to_lua(lua: &Lua, reply: &Reply, resp: u8, depth: usize) -> omnilua::Result<Value> {
    if depth > MAX_DEPTH {
        return Err(omnilua::Error::from(omnilua::LuaError::runtime(
            format_args!("reached lua stack limit"),
        )));
    }
    let v3 = resp == 3;
    let table_with = |field: &str, v: Value| -> omnilua::Result<Value> {
        let t = lua.create_table()?;
        t.raw_set(field, v)?;
        Ok(Value::Table(t))
    };
    Ok(match reply {
        Reply::Simple(s) => table_with("ok", Value::String(lua.create_string(s)?))?,
        Reply::Error(e) => table_with("err", Value::String(lua.create_string(e)?))?,
        Reply::Integer(i) => Value::Number(*i as f64),
        Reply::Bulk(b) => Value::String(lua.create_string(b)?),
        Reply::Null | Reply::NullArray => {
            if v3 {
                Value::Nil
            } else {
                Value::Boolean(false)
            }
        }
        Reply::Array(items) | Reply::Push(items) => array(lua, items, resp, depth)?,
        Reply::Set(items) if !v3 => array(lua, items, resp, depth)?,
        Reply::Set(items) => {
            let set = lua.create_table()?;
            for item in items {
                set.raw_set(reply_to_lua(lua, item, resp, depth + 1)?, true)?;
            }
            table_with("set", Value::Table(set))?
        }
        Reply::Map(pairs) if !v3 => {
            let t = lua.create_table()?;
            let mut i = 1i64;
            for (k, v) in pairs {
                t.raw_set(i, reply_to_lua(lua, k, resp, depth + 1)?)?;
                t.raw_set(i + 1, reply_to_lua(lua, v, resp, depth + 1)?)?;
                i += 2;
            }
            Value::Table(t)
        }
        Reply::Map(pairs) => {
            let map = lua.create_table()?;
            for (k, v) in pairs {
                map.raw_set(
                    reply_to_lua(lua, k, resp, depth + 1)?,
                    reply_to_lua(lua, v, resp, depth + 1)?,
                )?;
            }
            table_with("map", Value::Table(map))?
        }
        Reply::Double(d) if v3 => table_with("double", Value::Number(*d))?,
        Reply::Double(d) => Value::String(lua.create_string(crate::resp::format_double(*d))?),
        Reply::Boolean(b) if v3 => Value::Boolean(*b),
        Reply::Boolean(b) => Value::Number(if *b { 1.0 } else { 0.0 }),
        Reply::BigNumber(n) if v3 => {
            table_with("big_number", Value::String(lua.create_string(n)?))?
        }
        Reply::BigNumber(n) => Value::String(lua.create_string(n)?),
        Reply::Verbatim(format, text) if v3 => {
            let t = lua.create_table()?;
            t.raw_set("format", lua.create_string(format)?)?;
            t.raw_set("string", lua.create_string(text)?)?;
            table_with("verbatim_string", Value::Table(t))?
        }
        Reply::Verbatim(_, text) => Value::String(lua.create_string(text)?),
    })
}

fn array(lua: &Lua, items: &[Reply], resp: u8, depth: usize) -> omnilua::Result<Value> {
    let t = lua.create_table()?;
    for (i, item) in items.iter().enumerate() {
        t.raw_set(i as i64 + 1, reply_to_lua(lua, item, resp, depth + 1)?)?;
    }
    Ok(Value::Table(t))
}

/// What a script returned, as the reply its caller gets, by Redis's rules:
/// numbers are truncated to integers, `true` is 1 (or RESP3 true after
/// `redis.setresp(3)`), `false` and `nil` are null, a table is an error
/// (`err`), a status (`ok`), one of RESP3's types (`double`, `map`, `set`,
/// `big_number`, `verbatim_string`) or else an array of its elements up
/// to the first nil.
pub fn lua_to_reply(v: &Value, resp: u8, depth: usize) -> Reply {
    if depth > MAX_DEPTH {
        return Reply::err("ERR reached lua stack limit");
    }
    match v {
        Value::String(s) => Reply::Bulk(s.as_bytes().unwrap_or_default()),
        Value::Integer(i) => Reply::Integer(*i),
        Value::Number(n) => Reply::Integer(truncate(*n)),
        Value::Boolean(true) if resp == 3 => Reply::Boolean(true),
        Value::Boolean(false) if resp == 3 => Reply::Boolean(false),
        Value::Boolean(true) => Reply::Integer(1),
        Value::Table(t) => table_to_reply(t, resp, depth),
        _ => Reply::Null,
    }
}

/// C's `(long long)` cast of a double as x86-64 does it: out of range and
/// NaN give the "integer indefinite" value, i64::MIN (Redis on x86 returns
/// that for `return math.huge`).
fn truncate(n: f64) -> i64 {
    if n.is_nan() || n >= 9_223_372_036_854_775_808.0 || n < -9_223_372_036_854_775_808.0 {
        i64::MIN
    } else {
        n as i64
    }
}

fn field(t: &Table, name: &str) -> Value {
    t.raw_get::<_, Value>(name).unwrap_or(Value::Nil)
}

fn table_to_reply(t: &Table, resp: u8, depth: usize) -> Reply {
    if let Value::String(s) = field(t, "err") {
        let text = String::from_utf8_lossy(&s.as_bytes().unwrap_or_default()).into_owned();
        return Reply::err(text);
    }
    if let Value::String(s) = field(t, "ok") {
        let text =
            String::from_utf8_lossy(&s.as_bytes().unwrap_or_default()).replace(['\r', '\n'], " ");
        return Reply::Simple(text);
    }
    match field(t, "double") {
        Value::Number(n) => return Reply::Double(n),
        Value::Integer(i) => return Reply::Double(i as f64),
        _ => {}
    }
    if let Value::String(s) = field(t, "big_number") {
        let text =
            String::from_utf8_lossy(&s.as_bytes().unwrap_or_default()).replace(['\r', '\n'], " ");
        return Reply::BigNumber(text);
    }
    if let Value::Table(v) = field(t, "verbatim_string") {
        if let (Value::String(f), Value::String(s)) = (field(&v, "format"), field(&v, "string")) {
            // RESP3 gives the format exactly three bytes.
            let raw = f.as_bytes().unwrap_or_default();
            let format = String::from_utf8_lossy(raw.get(..3).unwrap_or(&raw)).into_owned();
            return Reply::Verbatim(format, s.as_bytes().unwrap_or_default());
        }
    }
    if let Value::Table(m) = field(t, "map") {
        let pairs = m
            .raw_pairs()
            .unwrap_or_default()
            .iter()
            .map(|(k, v)| {
                (
                    lua_to_reply(k, resp, depth + 1),
                    lua_to_reply(v, resp, depth + 1),
                )
            })
            .collect();
        return Reply::Map(pairs);
    }
    if let Value::Table(s) = field(t, "set") {
        let items = s
            .raw_pairs()
            .unwrap_or_default()
            .iter()
            .map(|(k, _)| lua_to_reply(k, resp, depth + 1))
            .collect();
        return Reply::Set(items);
    }
    let mut items = Vec::new();
    let mut i = 1i64;
    loop {
        match t.raw_get::<_, Value>(i) {
            Ok(Value::Nil) | Err(_) => break,
            Ok(v) => items.push(lua_to_reply(&v, resp, depth + 1)),
        }
        i += 1;
    }
    Reply::Array(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rand48_matches_posix() {
        // lrand48 after srand48(0): the first values glibc gives.
        let s = Cell::new(rand48_seed(0));
        let got: Vec<i32> = (0..3).map(|_| rand48_next(&s)).collect();
        assert_eq!(got, [366850414, 1610402240, 206956554]);
    }

    #[test]
    fn lua_numbers_print_as_14g() {
        assert_eq!(lua_number_text(3.0), "3");
        assert_eq!(lua_number_text(0.1), "0.1");
        assert_eq!(lua_number_text(1e15), "1e+15");
        assert_eq!(lua_number_text(1.0 / 3.0), "0.33333333333333");
        assert_eq!(lua_number_text(1e-5), "1e-05");
        assert_eq!(lua_number_text(123456.789), "123456.789");
    }

    #[test]
    fn error_codes_as_redis_builds_them() {
        assert_eq!(error_code_text("-My Error"), "My Error");
        assert_eq!(error_code_text("-oops"), "ERR oops");
        assert_eq!(error_code_text("plain text"), "ERR plain text");
    }
}
