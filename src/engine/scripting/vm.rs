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

use super::convert::{field, lua_arg, lua_number_text, lua_to_reply, reply_to_lua};
use super::redis_lib::{install_math, redis_error, redis_table, RAND48_DEFAULT};
use super::{Failure, Host, HostSlot, LoadError, ScriptVm, Target};
use crate::engine::errors;
use crate::reply::Reply;

const PRELUDE: &str = include_str!("prelude.lua");

/// The VM and what it keeps between runs.
pub struct Vm {
    lua: Lua,
    sandbox: Sandbox,
    /// The budget per run, and the heap a run may use on top of what the
    /// cached scripts and libraries hold (see `make_room`).
    instructions: u64,
    memory: usize,
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
    scripts: IndexMap<String, Function>,
    /// Compiled FUNCTION callbacks by function name (lowercase).
    functions: IndexMap<String, Function>,
    /// What the last library load registered, until the engine commits it.
    pending: Vec<(String, Function)>,
    /// The protocol `redis.setresp` chose for the running script.
    resp: Rc<Cell<u8>>,
    /// The running script's host (what answers its `redis.call`s).
    host: Rc<HostSlot>,
}

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
        let host = Rc::new(HostSlot::new());
        let interrupt = Rc::clone(&host);
        sandbox.set_interrupt(
            super::busy::INTERRUPT_EVERY,
            Some(Box::new(move || interrupt.interrupt())),
        );
        // redis.call and redis.pcall differ only in what they do with an
        // error reply: raise it, or return it. Both are host functions, not
        // Lua wrappers, so that `return redis.call(..)` keeps the script's
        // frame for the error's line number.
        for (name, raise) in [("call", true), ("pcall", false)] {
            let (host, resp) = (Rc::clone(&host), Rc::clone(&resp));
            let f = lua
                .create_function(move |lua, argv: Variadic<Value>| {
                    let reply = match lua_argv(&argv) {
                        // The name `acl_check_cmd` travels under is no
                        // command: what the engine answers a name it lacks.
                        Ok(argv) if argv.first().is_some_and(|a| a == super::ACL_CHECK) => {
                            Reply::err(errors::UNKNOWN_FROM_SCRIPT)
                        }
                        Ok(argv) => host.call(&argv, resp.get()),
                        Err(e) => e,
                    };
                    match reply {
                        Reply::Error(text) if raise => Err(redis_error(&text)),
                        reply => reply_to_lua(lua, &reply, resp.get(), 0),
                    }
                })
                .map_err(e)?;
            redis.raw_set(name, f).map_err(e)?;
        }
        // redis.acl_check_cmd: whether the script's user may run a command
        // line. It travels to the engine as a call under a name no command
        // has (`ACL_CHECK`), so the page's Lua module needs no other way
        // back to the engine than redis.call's.
        let (acl_host, acl_resp) = (Rc::clone(&host), Rc::clone(&resp));
        let acl_check = lua
            .create_function(move |_, argv: Variadic<Value>| {
                let reply = match lua_argv(&argv) {
                    Ok(argv) => {
                        let mut marked = vec![super::ACL_CHECK.to_vec()];
                        marked.extend(argv);
                        acl_host.call(&marked, acl_resp.get())
                    }
                    Err(e) => e,
                };
                match reply {
                    Reply::Error(text) => Err(redis_error(&text)),
                    reply => Ok(reply == Reply::Integer(1)),
                }
            })
            .map_err(e)?;
        redis.raw_set("acl_check_cmd", acl_check).map_err(e)?;
        // These two build their own error texts, position included.
        let cjson = super::cjson::install(&lua).map_err(e)?;
        let bit = super::bit::install(&lua).map_err(e)?;
        let structlib = super::structlib::install(&lua).map_err(e)?;
        let cmsgpack = super::cmsgpack::install(&lua).map_err(e)?;
        let hooks = lua.create_table().map_err(e)?;
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
                Value::Table(structlib),
                Value::Table(cmsgpack),
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
            instructions,
            memory,
            run,
            adopt,
            load_library,
            hooks,
            globals,
            scripts: IndexMap::new(),
            functions: IndexMap::new(),
            pending: Vec::new(),
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

    /// KEYS, ARGV, FCALL's arguments: one table built in one step (see
    /// `create_string_sequence` in vendor/omnilua), a fifth of a one-call
    /// EVALSHA's time when built an item at a time.
    pub fn string_array(&self, items: &[Vec<u8>]) -> omnilua::Result<Table> {
        self.lua.create_string_sequence(items)
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
                    // Where the callback stopped it is known exactly: the
                    // innermost frame of the script's own code (not the
                    // prelude's, such as its pcall), as Redis's handler
                    // reports the script's line.
                    Some(TripReason::Interrupted) => Err(Failure::Killed {
                        at: self
                            .sandbox
                            .interrupted_at()
                            .into_iter()
                            .find(|(source, _)| source.first() == Some(&b'@'))
                            .map(|(source, line)| {
                                (
                                    String::from_utf8_lossy(&source).into_owned(),
                                    i64::from(line),
                                )
                            }),
                    }),
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

impl Vm {
    /// Cached scripts stay in the VM until SCRIPT FLUSH, as in Redis, and
    /// the heap limit counts them: once they hold half of it, the limit
    /// moves up so that a run still gets its full allowance on top of them.
    fn make_room(&mut self) {
        self.lua.gc_collect();
        let held = (self.lua.gc().count().unwrap_or(0.0) * 1024.0) as usize;
        if held > self.memory / 2 {
            let config = SandboxConfig {
                instruction_limit: Some(self.instructions),
                memory_limit_bytes: Some(held.saturating_add(self.memory)),
                check_interval: 1,
                remove_globals: Vec::new(),
            };
            if let Ok(sandbox) = self.lua.install_sandbox(config) {
                self.sandbox = sandbox;
            }
        }
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
    pub fn run_library(&self, f: &Function) -> Result<Vec<Registered>, LoadError> {
        self.sandbox.reset();
        // Loading is bounded even where a run is not (the native server's
        // runs end by SCRIPT KILL): the callback stops it past the default
        // budget, as Redis stops a load past 500 ms.
        let mut load = LoadBound {
            left: super::DEFAULT_INSTRUCTION_LIMIT / super::busy::INTERRUPT_EVERY,
        };
        let result = self.host.lend(&mut load, || {
            self.load_library.call::<_, (bool, Value)>(f.clone())
        });
        // The handler's note is not for a later run.
        let _ = self.hooks.raw_set("last_error", Value::Nil);
        if self.sandbox.tripped().is_some() {
            self.sandbox.reset();
            self.lua.gc_collect();
            return Err(LoadError::Timeout);
        }
        let (ok, value) = match result {
            Ok(r) => r,
            Err(e) => return Err(LoadError::Register(format!("ERR {e}"))),
        };
        if !ok {
            return Err(LoadError::Register(match error_from_value(&value) {
                Failure::Error { msg, .. } => msg,
                _ => "ERR library code failed".to_string(),
            }));
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

/// What a library's code reaches while it loads: no commands (the
/// prelude's load-time world has no `redis.call`), and a callback that
/// stops it once it has run its budget.
struct LoadBound {
    left: u64,
}

impl super::ScriptHost for LoadBound {
    fn call(&mut self, _: &[Vec<u8>], _: u8) -> Reply {
        Reply::err("ERR redis.call is not available while a library loads")
    }

    fn interrupt(&mut self) -> bool {
        self.left = self.left.saturating_sub(1);
        self.left == 0
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
        if self.scripts.len().is_multiple_of(256) {
            self.make_room();
        }
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
        let registered = self.run_library(&f)?;
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
        self.make_room();
    }

    fn forget_function(&mut self, name: &str) {
        self.functions.shift_remove(name);
    }

    fn run(
        &mut self,
        target: Target<'_>,
        keys: &[Vec<u8>],
        args: &[Vec<u8>],
        host: &mut Host<'_>,
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
        let value = self
            .host
            .lend(host, || self.run_function(&func, call_args))?;
        Ok(lua_to_reply(&value, self.resp.get(), 0))
    }
}

/// `redis.call`'s arguments as a command line, or the error Redis gives.
fn lua_argv(args: &[Value]) -> Result<Vec<Vec<u8>>, Reply> {
    if args.is_empty() {
        return Err(Reply::err(errors::NO_CALL_ARGS));
    }
    args.iter()
        .map(|a| {
            lua_arg(a).ok_or_else(|| {
                Reply::err("ERR Lua redis lib command arguments must be strings or integers")
            })
        })
        .collect()
}
