//! Lua scripting: EVAL's script cache, FUNCTION's libraries, and running
//! either of them atomically against the keyspace.
//!
//! What Redis keeps, we keep: script bodies by SHA1 (EVALSHA's name for
//! them) and libraries by name, with the functions each registered. The
//! compiled forms live in the VM (`vm.rs`), which is made on first use.
//!
//! A script's `redis.call` goes through `Engine::script_call`: the same
//! lookup, arity check and `run_resolved` as a client's command, plus the
//! rules scripts add (no `noscript` commands, no writes from a read-only
//! script), on a client of its own that starts in the caller's database.
//! Nothing else runs while a script runs; blocked clients woken by its
//! writes are served after it, as after EXEC.
//!
//! Redis lets a long script run and answers other clients BUSY until
//! SCRIPT KILL. The engine is synchronous, so nothing can arrive while a
//! script runs: a script is stopped by an instruction budget instead, and
//! its caller gets an error that says so. SCRIPT KILL and FUNCTION KILL
//! therefore always find nothing running (NOTBUSY), as they would in Redis
//! between scripts.

pub(crate) mod bit;
pub(crate) mod cjson;
pub mod vm;

use indexmap::IndexMap;
use omnilua::{TripReason, Value as LuaValue, Variadic};

use super::{errors, table, Engine, Event, Session};
use crate::reply::Reply;
use vm::{Failure, Vm};

/// VM instructions one script may run before it is stopped: about a
/// second natively, a few in a browser tab (Redis's `busy-reply-threshold`
/// is five seconds of wall time).
pub const DEFAULT_INSTRUCTION_LIMIT: u64 = 50_000_000;
/// Heap the VM may hold, all scripts together: a script that builds a huge
/// table is stopped here rather than exhausting a tab's memory.
pub const DEFAULT_MEMORY_LIMIT: usize = 64 * 1024 * 1024;

/// A loaded FUNCTION library.
#[derive(Debug, Clone)]
pub struct Library {
    pub name: String,
    pub code: Vec<u8>,
    pub functions: Vec<FunctionInfo>,
}

#[derive(Debug, Clone)]
pub struct FunctionInfo {
    pub name: String,
    pub flags: Vec<String>,
    pub description: Option<String>,
}

/// What the engine keeps for scripting.
pub struct Scripting {
    /// EVAL bodies by lowercase SHA1, in the order they were cached.
    pub scripts: IndexMap<String, Vec<u8>>,
    /// Libraries by name, in load order.
    pub libraries: IndexMap<String, Library>,
    /// Function name (lowercase: FCALL ignores case) -> its library.
    pub functions: IndexMap<String, String>,
    pub(crate) vm: Option<Box<Vm>>,
    pub instruction_limit: u64,
    pub memory_limit: usize,
}

impl Default for Scripting {
    fn default() -> Self {
        Scripting {
            scripts: IndexMap::new(),
            libraries: IndexMap::new(),
            functions: IndexMap::new(),
            vm: None,
            instruction_limit: DEFAULT_INSTRUCTION_LIMIT,
            memory_limit: DEFAULT_MEMORY_LIMIT,
        }
    }
}

impl std::fmt::Debug for Scripting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scripting")
            .field("scripts", &self.scripts.len())
            .field("libraries", &self.libraries.len())
            .field("vm", &self.vm.is_some())
            .finish()
    }
}

/// What a run is for: an EVAL body (by SHA1) or a FUNCTION (by name).
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    Script(&'a str),
    Function(&'a str),
}

/// Flags a script's shebang line (`#!lua flags=no-writes`) gives it.
#[derive(Debug, Clone, Default)]
pub struct Shebang {
    /// Length of the shebang line, not counting its newline (which stays,
    /// so that line numbers in errors are the user's).
    pub len: usize,
    pub no_writes: bool,
}

/// Read an EVAL body's `#!lua ...` line, as Redis 7.0 reads it.
pub fn shebang(body: &[u8]) -> Result<Option<Shebang>, Reply> {
    if !body.starts_with(b"#!") {
        return Ok(None);
    }
    let Some(len) = body.iter().position(|&b| b == b'\n') else {
        return Err(Reply::err("ERR Invalid script shebang"));
    };
    let line = String::from_utf8_lossy(body.get(..len).unwrap_or_default()).into_owned();
    let mut parts = line.split(' ').filter(|p| !p.is_empty());
    let engine = parts.next().unwrap_or("");
    if engine != "#!lua" {
        return Err(Reply::err(format!(
            "ERR Unexpected engine in script shebang: {engine}"
        )));
    }
    let mut out = Shebang {
        len,
        no_writes: false,
    };
    for part in parts {
        let Some(flags) = part.strip_prefix("flags=") else {
            return Err(Reply::err(format!(
                "ERR Unknown lua shebang option: {part}"
            )));
        };
        for flag in flags.split(',').filter(|f| !f.is_empty()) {
            match flag {
                "no-writes" => out.no_writes = true,
                "allow-oom" | "allow-stale" | "no-cluster" | "allow-cross-slot-keys" => {}
                other => {
                    return Err(Reply::err(format!(
                        "ERR Unexpected flag in script shebang: {other}"
                    )))
                }
            }
        }
    }
    Ok(Some(out))
}

impl Engine {
    /// The VM, made on first use.
    fn vm(&mut self) -> Result<&mut Vm, Reply> {
        if self.scripting.vm.is_none() {
            let vm = Vm::new(
                self.scripting.instruction_limit,
                self.scripting.memory_limit,
            )
            .map_err(|e| Reply::err(format!("ERR Lua VM could not start: {e}")))?;
            self.scripting.vm = Some(Box::new(vm));
        }
        self.scripting
            .vm
            .as_deref_mut()
            .ok_or_else(|| Reply::err("ERR Lua VM could not start"))
    }

    /// Compile and cache an EVAL body (SCRIPT LOAD, and EVAL's first run of
    /// a body); its SHA1.
    pub(crate) fn cache_script(&mut self, body: &[u8]) -> Result<String, Reply> {
        let sha = vm::sha1_hex(body);
        let cached = self
            .scripting
            .vm
            .as_ref()
            .is_some_and(|vm| vm.scripts.contains_key(&sha));
        if cached {
            return Ok(sha);
        }
        let flags = shebang(body)?;
        // The shebang line is blanked, its newline kept: Lua sees the
        // same line numbers the user wrote.
        let code = match &flags {
            Some(f) => body.get(f.len..).unwrap_or_default(),
            None => body,
        };
        let vm = self.vm()?;
        let f = vm
            .compile(code, "@user_script")
            .map_err(|e| Reply::err(format!("ERR Error compiling script (new function): {e}")))?;
        vm.scripts.insert(sha.clone(), f);
        self.scripting.scripts.insert(sha.clone(), body.to_vec());
        Ok(sha)
    }

    /// SCRIPT FLUSH: Redis starts a new VM; dropping ours does the same
    /// (the next script makes a fresh one), and the functions' compiled
    /// callbacks are compiled again from their libraries.
    pub(crate) fn flush_scripts(&mut self) {
        self.scripting.scripts.clear();
        if let Some(vm) = self.scripting.vm.as_deref_mut() {
            vm.scripts.clear();
        }
    }

    pub(crate) fn flush_functions(&mut self) {
        self.scripting.libraries.clear();
        self.scripting.functions.clear();
        if let Some(vm) = self.scripting.vm.as_deref_mut() {
            vm.functions.clear();
        }
    }

    /// FUNCTION LOAD: compile the library, run its code to collect what it
    /// registers, and only then replace anything.
    pub(crate) fn load_library(&mut self, code: &[u8], replace: bool) -> Result<String, Reply> {
        let (name, body_start) = library_metadata(code)?;
        if !replace && self.scripting.libraries.contains_key(&name) {
            return Err(Reply::err(format!("ERR Library '{name}' already exists")));
        }
        let body = code.get(body_start..).unwrap_or_default();
        let vm = self.vm()?;
        let f = vm
            .compile_library(body)
            .map_err(|e| Reply::err(format!("ERR Error compiling function: {e}")))?;
        let registered = vm
            .load_library(&f)
            .map_err(|e| Reply::err(format!("ERR Error registering functions: {e}")))?;
        if registered.is_empty() {
            return Err(Reply::err("ERR No functions registered"));
        }
        for r in &registered {
            if let Some(owner) = self.scripting.functions.get(&r.name.to_ascii_lowercase()) {
                if *owner != name {
                    return Err(Reply::err(format!(
                        "ERR Function {} already exists",
                        r.name
                    )));
                }
            }
        }
        self.delete_library(&name);
        let vm = self.vm()?;
        let mut functions = Vec::new();
        for r in registered {
            vm.functions.insert(r.name.to_ascii_lowercase(), r.callback);
            functions.push(FunctionInfo {
                name: r.name,
                flags: canonical_flags(&r.flags),
                description: r.description,
            });
        }
        for f in &functions {
            self.scripting
                .functions
                .insert(f.name.to_ascii_lowercase(), name.clone());
        }
        self.scripting.libraries.insert(
            name.clone(),
            Library {
                name: name.clone(),
                code: code.to_vec(),
                functions,
            },
        );
        self.dirty += 1;
        Ok(name)
    }

    pub(crate) fn delete_library(&mut self, name: &str) -> bool {
        let Some(lib) = self.scripting.libraries.shift_remove(name) else {
            return false;
        };
        for f in &lib.functions {
            let key = f.name.to_ascii_lowercase();
            self.scripting.functions.shift_remove(&key);
            if let Some(vm) = self.scripting.vm.as_deref_mut() {
                vm.functions.shift_remove(&key);
            }
        }
        true
    }

    /// Run a cached script or a loaded function for `sess`, atomically.
    /// `read_only`: EVAL_RO, FCALL_RO or a `no-writes` script, where a write
    /// command is refused.
    pub(crate) fn run_script(
        &mut self,
        sess: &mut Session,
        target: Target<'_>,
        keys: &[Vec<u8>],
        args: &[Vec<u8>],
        read_only: bool,
    ) -> Reply {
        let Some(mut vm) = self.scripting.vm.take() else {
            return Reply::err("ERR Lua VM is not running");
        };
        let (func, label, source) = match target {
            Target::Script(sha) => (
                vm.scripts.get(sha).cloned(),
                sha.to_string(),
                "@user_script",
            ),
            Target::Function(name) => (
                vm.functions.get(name).cloned(),
                name.to_string(),
                "@user_function",
            ),
        };
        let Some(func) = func else {
            self.scripting.vm = Some(vm);
            return Reply::err("ERR script is not loaded");
        };
        let mut client = sess.script_client();
        let was = std::mem::replace(&mut self.deny_blocking, true);
        let mut calls = 0u64;
        let outcome = self.run_in_vm(
            &mut vm,
            &mut client,
            &func,
            target,
            keys,
            args,
            read_only,
            &mut calls,
        );
        self.deny_blocking = was;
        let resp = vm.resp.get();
        let (reply, how) = match outcome {
            Ok(value) => (vm::lua_to_reply(&value, resp, 0), "ok"),
            Err(Failure::Error { msg, at }) => {
                let text = match at {
                    Some((src, line)) => format!("{msg} script: {label}, on {src}:{line}."),
                    None => msg,
                };
                (Reply::err(text), "error")
            }
            Err(Failure::Tripped { reason, at }) => {
                let why = match reason {
                    TripReason::Instructions => format!(
                        "ERR Script killed: it ran past the budget of {} Lua instructions",
                        self.scripting.instruction_limit
                    ),
                    TripReason::Memory => format!(
                        "ERR Script killed: the Lua heap reached its limit of {} MB",
                        self.scripting.memory_limit / (1024 * 1024)
                    ),
                };
                let text = match at {
                    Some((src, line)) => format!("{why} script: {label}, on {src}:{line}."),
                    None => format!("{why} script: {label}."),
                };
                (Reply::err(text), "killed")
            }
        };
        self.scripting.vm = Some(vm);
        if self.events.enabled {
            self.events.push(Event::ScriptRun {
                session: sess.id,
                kind: match target {
                    Target::Script(_) => "eval",
                    Target::Function(_) => "fcall",
                },
                name: label,
                calls,
                outcome: how,
            });
        }
        reply
    }

    #[allow(clippy::too_many_arguments)]
    fn run_in_vm(
        &mut self,
        vm: &mut Vm,
        client: &mut Session,
        func: &omnilua::Function,
        target: Target<'_>,
        keys: &[Vec<u8>],
        args: &[Vec<u8>],
        read_only: bool,
        calls: &mut u64,
    ) -> Result<LuaValue, Failure> {
        let lua_err = |e: omnilua::Error| Failure::Error {
            msg: format!("ERR {e}"),
            at: None,
        };
        let call_args = match target {
            Target::Script(_) => {
                vm.set_keys_args(keys, args).map_err(lua_err)?;
                Vec::new()
            }
            Target::Function(_) => vec![
                LuaValue::Table(vm.string_array(keys).map_err(lua_err)?),
                LuaValue::Table(vm.string_array(args).map_err(lua_err)?),
            ],
        };
        let lua = vm.lua.clone();
        let resp = std::rc::Rc::clone(&vm.resp);
        let vm_ref: &Vm = vm;
        let engine = self;
        let state = std::cell::RefCell::new((engine, client, calls));
        lua.scope(|scope| {
            // redis.call and redis.pcall differ only in what they do with
            // an error reply: raise it, or return it. Both are host
            // functions, not Lua wrappers, so that `return redis.call(..)`
            // keeps the script's frame for the error's line number.
            for (name, raise) in [("call", true), ("pcall", false)] {
                let state = &state;
                let resp = std::rc::Rc::clone(&resp);
                let f = scope.create_function(&lua, move |lua, argv: Variadic<LuaValue>| {
                    let reply = match state.try_borrow_mut() {
                        Ok(mut st) => {
                            let (engine, client, calls) = &mut *st;
                            **calls += 1;
                            // The script's client speaks what redis.setresp chose.
                            client.resp = resp.get();
                            match lua_argv(&argv) {
                                Ok(argv) => engine.script_call(client, &argv, read_only),
                                Err(e) => e,
                            }
                        }
                        Err(_) => Reply::err("ERR redis.call is already running"),
                    };
                    match reply {
                        Reply::Error(text) if raise => Err(vm::redis_error(&text)),
                        reply => vm::reply_to_lua(lua, &reply, resp.get(), 0),
                    }
                })?;
                for lib in &vm_ref.redis {
                    lib.raw_set(name, f.clone())?;
                }
            }
            let out = vm_ref.run(func, call_args);
            for lib in &vm_ref.redis {
                lib.raw_set("call", LuaValue::Nil)?;
                lib.raw_set("pcall", LuaValue::Nil)?;
            }
            Ok(out)
        })
        .map_err(lua_err)?
    }

    /// One `redis.call` from a script: the checks Redis makes for scripts,
    /// then the command as any client would run it.
    fn script_call(&mut self, client: &mut Session, argv: &[Vec<u8>], read_only: bool) -> Reply {
        let Some(cmd) = argv.first().and_then(|name| table::lookup(name)) else {
            return Reply::err("ERR Unknown Redis command called from script");
        };
        let cmd = match self.resolve(cmd, argv) {
            Ok(c) => c,
            Err(Reply::Error(e)) if e.starts_with("ERR unknown subcommand") => {
                return Reply::err("ERR Unknown Redis command called from script")
            }
            Err(_) => {
                return Reply::err("ERR Wrong number of args calling Redis command from script")
            }
        };
        if cmd.has_flag("noscript") {
            return Reply::err("ERR This Redis command is not allowed from script");
        }
        if read_only && cmd.has_flag("write") {
            return Reply::err("ERR Write commands are not allowed from read-only scripts.");
        }
        let reply = self.run_resolved(client, cmd, argv);
        if reply.is_error() {
            self.stats.error_replies += 1;
        }
        reply
    }
}

/// A function's flags in the order Redis lists them, whatever order the
/// library gave them in.
fn canonical_flags(given: &[String]) -> Vec<String> {
    [
        "no-writes",
        "allow-oom",
        "allow-stale",
        "no-cluster",
        "allow-cross-slot-keys",
    ]
    .iter()
    .filter(|f| given.iter().any(|g| g == *f))
    .map(|f| f.to_string())
    .collect()
}

/// `redis.call`'s arguments as a command line, or the error Redis gives.
fn lua_argv(args: &[LuaValue]) -> Result<Vec<Vec<u8>>, Reply> {
    if args.is_empty() {
        return Err(Reply::err(
            "ERR Please specify at least one argument for this redis lib call",
        ));
    }
    args.iter()
        .map(|a| {
            vm::lua_arg(a).ok_or_else(|| {
                Reply::err("ERR Lua redis lib command arguments must be strings or integers")
            })
        })
        .collect()
}

/// A library's first line, `#!<engine> name=<name>`: its name and where
/// its code starts (the line's newline stays, for line numbers).
fn library_metadata(code: &[u8]) -> Result<(String, usize), Reply> {
    if !code.starts_with(b"#!") {
        return Err(Reply::err("ERR Missing library metadata"));
    }
    let Some(end) = code.iter().position(|&b| b == b'\n') else {
        return Err(Reply::err("ERR Invalid library metadata"));
    };
    let line = String::from_utf8_lossy(code.get(2..end).unwrap_or_default()).into_owned();
    let mut parts = line.split(' ').filter(|p| !p.is_empty());
    let engine = parts.next().unwrap_or("");
    let mut name = None;
    for part in parts {
        match part.strip_prefix("name=") {
            Some(_) if name.is_some() => {
                return Err(Reply::err(
                    "ERR Invalid metadata value, name argument was given multiple times",
                ))
            }
            Some(n) => name = Some(n.to_string()),
            None => {
                return Err(Reply::err(format!(
                    "ERR Invalid metadata value given: {part}"
                )))
            }
        }
    }
    let Some(name) = name else {
        return Err(Reply::err("ERR Library name was not given"));
    };
    if !engine.eq_ignore_ascii_case("lua") {
        return Err(Reply::err(format!("ERR Engine '{engine}' not found")));
    }
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return Err(Reply::err(
            "ERR Library names can only contain letters, numbers, or underscores(_) and must be at least one character long",
        ));
    }
    Ok((name, end))
}

/// The numkeys argument and the key/argument split of EVAL and FCALL.
pub(crate) fn split_keys(argv: &[Vec<u8>]) -> Result<(&[Vec<u8>], &[Vec<u8>]), Reply> {
    let raw = argv.get(2).map(|a| a.as_slice()).unwrap_or_default();
    let n = super::args::parse_i64(raw).ok_or_else(|| Reply::err(errors::NOT_INTEGER))?;
    let rest = argv.get(3..).unwrap_or_default();
    if n < 0 {
        return Err(Reply::err("ERR Number of keys can't be negative"));
    }
    if n as u64 > rest.len() as u64 {
        return Err(Reply::err(
            "ERR Number of keys can't be greater than number of args",
        ));
    }
    let (keys, args) = rest.split_at(n as usize);
    Ok((keys, args))
}

#[cfg(test)]
mod tests;
