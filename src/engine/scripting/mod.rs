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
//! SCRIPT KILL. The engine is synchronous, so it is the host that serves
//! other clients meanwhile, when it lends the engine a way to (`busy.rs`:
//! the native server does). Where no host does (the playground, the JS
//! API), nothing can arrive while a script runs: a script is stopped by an
//! instruction budget instead, its caller gets an error that says so, and
//! SCRIPT KILL and FUNCTION KILL always find nothing running (NOTBUSY).

#[cfg(feature = "lua")]
pub(crate) mod bit;
pub(crate) mod busy;
#[cfg(feature = "lua")]
pub(crate) mod cjson;
#[cfg(feature = "lua")]
pub(crate) mod cmsgpack;
#[cfg(feature = "lua")]
pub mod convert;
#[cfg(feature = "lua")]
mod guards;
#[cfg(all(test, feature = "lua"))]
mod recorded;
#[cfg(feature = "lua")]
mod redis_lib;
#[cfg(feature = "lua")]
pub(crate) mod structlib;
#[cfg(feature = "lua")]
pub mod vm;

use crate::engine::table::flag;
use indexmap::IndexMap;

use super::{errors, table, Engine, Event, Session};
use crate::reply::Reply;

/// What runs scripts: the engine keeps the cache and the libraries and
/// decides what a script may do; a `ScriptVm` compiles and runs Lua. The
/// native server, the JS API and the tests use the omnilua VM in this
/// crate (`vm::Vm`, feature `lua`); the playground loads the same VM as a
/// second wasm module on demand and reaches it through JS.
pub trait ScriptVm: Send {
    /// Compile an EVAL body (shebang line already blanked) under its SHA1.
    /// The error is Lua's own message (`user_script:1: ...`).
    fn compile(&mut self, sha: &str, body: &[u8]) -> Result<(), String>;
    fn has_script(&self, sha: &str) -> bool;
    fn forget_scripts(&mut self);
    /// Run a library's code (metadata line blanked) and keep what it
    /// registered; the error is the full text after "Error registering
    /// functions: " or a compile error (`Err(Compile(..))`).
    fn load_library(&mut self, body: &[u8]) -> Result<Vec<Registered>, LoadError>;
    /// Keep the functions the last `load_library` registered (the engine
    /// calls this once it has checked them against other libraries).
    fn commit_library(&mut self);
    /// Drop a registered function (lowercase name).
    fn forget_function(&mut self, name: &str);
    /// Run a script (by SHA1) or a function (lowercase name). `host` runs
    /// one `redis.call` (argv, and the protocol the script chose).
    fn run(
        &mut self,
        target: Target<'_>,
        keys: &[Vec<u8>],
        args: &[Vec<u8>],
        host: &mut Host<'_>,
    ) -> Result<Reply, Failure>;
}

/// What a running script reaches: its `redis.call`s, and a callback every
/// `busy::INTERRUPT_EVERY` instructions.
pub trait ScriptHost {
    /// One command line, with the protocol the script chose
    /// (`redis.setresp`).
    fn call(&mut self, argv: &[Vec<u8>], resp: u8) -> Reply;
    /// The script ran a while longer: `true` stops it (SCRIPT KILL).
    fn interrupt(&mut self) -> bool {
        false
    }
}

/// A plain function answers the calls and never stops a script.
impl<F: FnMut(&[Vec<u8>], u8) -> Reply> ScriptHost for F {
    fn call(&mut self, argv: &[Vec<u8>], resp: u8) -> Reply {
        self(argv, resp)
    }
}

pub type Host<'a> = dyn ScriptHost + 'a;

/// The name `redis.acl_check_cmd` reaches the engine under, through
/// the script host's `call` (no command is named so: a NUL byte first).
pub(crate) const ACL_CHECK: &[u8] = b"\0acl_check_cmd";

impl Engine {
    /// `redis.acl_check_cmd(...)`: 1 when the script's user may run the
    /// line (its command, keys and channels), 0 when not; Redis's error
    /// for a command it does not know. No arity check, as in Redis.
    fn script_acl_check(&mut self, client: &Session, line: &[Vec<u8>]) -> Reply {
        let Some(cmd) = table::lookup_command(line) else {
            return Reply::err("ERR Invalid command passed to redis.acl_check_cmd()");
        };
        let allowed = self
            .acl
            .as_ref()
            .is_none_or(|g| g.allows(client.id, cmd, line));
        Reply::Integer(i64::from(allowed))
    }
}

/// Where `redis.call` finds the engine. The Lua side's `redis.call` is
/// made once (per VM, or per page for the playground's Lua module), but
/// the host closure that answers it borrows the engine for one run only:
/// `lend` makes it reachable through this slot for exactly that run, and
/// `call` reaches it.
///
/// SAFETY (the one place scripting erases a lifetime): the pointer is set
/// only inside `lend`, to a closure that outlives that call, and cleared
/// before `lend` returns, panics included. It is read only by `call`,
/// which Lua reaches only while a script runs; calls outside a run find
/// the slot empty and are refused, and a call while one is running (which
/// no command can cause: EVAL and FCALL are `noscript`) is refused too.
pub struct HostSlot {
    host: std::cell::Cell<Option<*mut Host<'static>>>,
    busy: std::cell::Cell<bool>,
}

impl Default for HostSlot {
    fn default() -> Self {
        HostSlot::new()
    }
}

impl HostSlot {
    pub const fn new() -> HostSlot {
        HostSlot {
            host: std::cell::Cell::new(None),
            busy: std::cell::Cell::new(false),
        }
    }

    /// Run `f` with `host` reachable through `call`.
    pub fn lend<R>(&self, host: &mut Host<'_>, f: impl FnOnce() -> R) -> R {
        struct Restore<'s>(&'s HostSlot, Option<*mut Host<'static>>);
        impl Drop for Restore<'_> {
            fn drop(&mut self) {
                self.0.host.set(self.1);
            }
        }
        // SAFETY: see the type's comment; `Restore` empties the slot
        // again before `host`'s borrow ends.
        let erased: *mut Host<'static> = unsafe { std::mem::transmute(host as *mut Host<'_>) };
        let _restore = Restore(self, self.host.replace(Some(erased)));
        f()
    }

    /// One `redis.call` into the lent host.
    pub fn call(&self, argv: &[Vec<u8>], resp: u8) -> Reply {
        let Some(host) = self.host.get() else {
            return Reply::err("ERR redis.call is only available while a script runs");
        };
        if self.busy.replace(true) {
            return Reply::err("ERR redis.call is already running");
        }
        // SAFETY: see the type's comment.
        let reply = unsafe { (*host).call(argv, resp) };
        self.busy.set(false);
        reply
    }

    /// The VM's periodic callback into the lent host; `true` stops the
    /// script. Nothing is lent outside a run, and a callback cannot come
    /// during a `redis.call` (no Lua runs then): both answer `false`.
    pub fn interrupt(&self) -> bool {
        let Some(host) = self.host.get() else {
            return false;
        };
        if self.busy.replace(true) {
            return false;
        }
        // SAFETY: see the type's comment.
        let stop = unsafe { (*host).interrupt() };
        self.busy.set(false);
        stop
    }
}

/// One function a library registered.
#[derive(Debug, Clone)]
pub struct Registered {
    pub name: String,
    pub flags: Vec<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone)]
pub enum LoadError {
    Compile(String),
    Register(String),
    /// The library's code ran past the instruction budget.
    Timeout,
}

/// Why a run stopped.
#[derive(Debug, Clone)]
pub enum Failure {
    /// An error: its text (code first) and where, when a frame of the
    /// script was found (`@user_script`, line).
    Error {
        msg: String,
        at: Option<(String, i64)>,
    },
    /// The instruction budget stopped it.
    Instructions { at: Option<(String, i64)> },
    /// The heap limit stopped it.
    Memory { at: Option<(String, i64)> },
    /// The host stopped it (SCRIPT KILL, FUNCTION KILL).
    Killed { at: Option<(String, i64)> },
    /// No VM to run it (the playground's is still loading).
    Unavailable(String),
}

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
    pub(crate) vm: Option<Box<dyn ScriptVm>>,
    pub instruction_limit: u64,
    pub memory_limit: usize,
    /// Make the in-process VM on first use (false: wait for the host's,
    /// as the playground does).
    pub auto_vm: bool,
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
            auto_vm: cfg!(feature = "lua"),
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
    pub allow_oom: bool,
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
        allow_oom: false,
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
                "allow-oom" => out.allow_oom = true,
                "allow-stale" | "no-cluster" | "allow-cross-slot-keys" => {}
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
    /// Give the engine a VM (the playground does, once its Lua module has
    /// loaded). Scripts cached and libraries loaded before are compiled
    /// into it, so that a VM made anew (after one failed) knows them too.
    pub fn set_script_vm(&mut self, mut vm: Box<dyn ScriptVm>) {
        for (sha, body) in &self.scripting.scripts {
            let _ = vm.compile(sha, script_code(body));
        }
        for lib in self.scripting.libraries.values() {
            let Ok((_, start)) = library_metadata(&lib.code) else {
                continue;
            };
            if vm
                .load_library(lib.code.get(start..).unwrap_or_default())
                .is_ok()
            {
                vm.commit_library();
            }
        }
        self.scripting.vm = Some(vm);
    }

    /// Hand the VM over (a tutorial restarting its sandbox keeps the Lua
    /// module it loaded): its cached scripts are forgotten, as a new
    /// engine has none.
    pub fn take_script_vm(&mut self) -> Option<Box<dyn ScriptVm>> {
        let mut vm = self.scripting.vm.take()?;
        vm.forget_scripts();
        Some(vm)
    }

    /// Whether scripts can run now (there is a VM, or one can be made).
    pub fn scripting_ready(&self) -> bool {
        self.scripting.vm.is_some() || self.scripting.auto_vm
    }

    /// Wait for `set_script_vm` rather than making a VM on first use: the
    /// playground's way, which native tests of its model play too.
    pub fn set_script_vm_on_demand(&mut self) {
        self.scripting.auto_vm = false;
    }

    /// The VM, made on first use where this build has one.
    fn vm(&mut self) -> Result<&mut dyn ScriptVm, Reply> {
        #[cfg(feature = "lua")]
        if self.scripting.vm.is_none() && self.scripting.auto_vm {
            let vm = vm::Vm::new(
                self.scripting.instruction_limit,
                self.scripting.memory_limit,
            )
            .map_err(|e| Reply::err(format!("ERR Lua VM could not start: {e}")))?;
            self.scripting.vm = Some(Box::new(vm));
        }
        match self.scripting.vm.as_deref_mut() {
            Some(vm) => Ok(vm),
            None => Err(Reply::err(NOT_LOADED)),
        }
    }

    /// Compile and cache an EVAL body (SCRIPT LOAD, and EVAL's first run of
    /// a body); its SHA1.
    pub(crate) fn cache_script(&mut self, body: &[u8]) -> Result<String, Reply> {
        let sha = sha1_hex(body);
        let cached = self
            .scripting
            .vm
            .as_deref()
            .is_some_and(|vm| vm.has_script(&sha));
        if cached {
            return Ok(sha);
        }
        shebang(body)?;
        let vm = self.vm()?;
        vm.compile(&sha, script_code(body))
            .map_err(|e| Reply::err(format!("ERR Error compiling script (new function): {e}")))?;
        self.scripting.scripts.insert(sha.clone(), body.to_vec());
        // The script cache is part of what undo restores: a host keeping a
        // copy of the present must see it changed (EVAL_RO caches too).
        self.settings_changes += 1;
        Ok(sha)
    }

    /// SCRIPT FLUSH.
    pub(crate) fn flush_scripts(&mut self) {
        self.scripting.scripts.clear();
        if let Some(vm) = self.scripting.vm.as_deref_mut() {
            vm.forget_scripts();
        }
    }

    pub(crate) fn flush_functions(&mut self) {
        let names: Vec<String> = self.scripting.functions.keys().cloned().collect();
        self.scripting.libraries.clear();
        self.scripting.functions.clear();
        if let Some(vm) = self.scripting.vm.as_deref_mut() {
            for n in names {
                vm.forget_function(&n);
            }
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
        let registered = self.vm()?.load_library(body).map_err(|e| match e {
            LoadError::Compile(e) => Reply::err(format!("ERR Error compiling function: {e}")),
            LoadError::Register(e) => Reply::err(format!("ERR Error registering functions: {e}")),
            LoadError::Timeout => {
                Reply::err("ERR Error registering functions: ERR FUNCTION LOAD timeout")
            }
        })?;
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
        // Functions of the old version that the new one does not register.
        if let Some(old) = self.scripting.libraries.get(&name) {
            let gone: Vec<String> = old
                .functions
                .iter()
                .map(|f| f.name.to_ascii_lowercase())
                .filter(|n| !registered.iter().any(|r| r.name.eq_ignore_ascii_case(n)))
                .collect();
            for n in gone {
                self.scripting.functions.shift_remove(&n);
                if let Some(vm) = self.scripting.vm.as_deref_mut() {
                    vm.forget_function(&n);
                }
            }
        }
        if let Some(vm) = self.scripting.vm.as_deref_mut() {
            vm.commit_library();
        }
        let functions: Vec<FunctionInfo> = registered
            .into_iter()
            .map(|r| FunctionInfo {
                name: r.name,
                flags: canonical_flags(&r.flags),
                description: r.description,
            })
            .collect();
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
                vm.forget_function(&key);
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
        argv: &[Vec<u8>],
        keys: &[Vec<u8>],
        args: &[Vec<u8>],
        read_only: bool,
    ) -> Reply {
        let Some(mut vm) = self.scripting.vm.take() else {
            return Reply::err(NOT_LOADED);
        };
        let label = match target {
            Target::Script(sha) => sha.to_string(),
            // The name as the library registered it (FCALL ignores case).
            Target::Function(name) => self
                .scripting
                .functions
                .get(name)
                .and_then(|lib| self.scripting.libraries.get(lib))
                .and_then(|lib| {
                    lib.functions
                        .iter()
                        .find(|f| f.name.eq_ignore_ascii_case(name))
                })
                .map_or_else(|| name.to_string(), |f| f.name.clone()),
        };
        let hosted = self.script_starting(matches!(target, Target::Script(_)), &label, argv);
        // Over maxmemory when the command came, a script that may hit it
        // is refused its first write (Redis's `scriptVerifyOOM`).
        let name = super::args::lower(argv.first().map(|a| a.as_slice()).unwrap_or_default());
        let guard = self.evict.oom_at_start
            && self.evict.limit != 0
            && !crate::engine::cmd::scripting::declared_flags(self, &name, argv)
                .is_some_and(|f| f.allow_oom || f.no_writes);
        let was_guard = std::mem::replace(&mut self.evict.script_guard, guard);
        let was_dirty = std::mem::replace(&mut self.script_dirty, false);
        let was = std::mem::replace(&mut self.deny_blocking, true);
        let was_in_script = std::mem::replace(&mut self.in_script, true);
        let was_keys = std::mem::replace(&mut self.script_keys, keys.to_vec());
        let mut host = RunHost {
            client: sess.script_client(),
            engine: self,
            read_only,
            calls: 0,
            call_errors: Vec::new(),
        };
        // A bug in the VM must cost this script, not the engine: the VM is
        // dropped (the next script makes a new one, with the cache and
        // libraries) and the engine's flags are restored.
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            vm.run(target, keys, args, &mut host)
        }));
        let (calls, call_errors) = (host.calls, host.call_errors);
        self.evict.script_guard = was_guard;
        self.script_dirty = was_dirty;
        self.deny_blocking = was;
        self.in_script = was_in_script;
        self.script_keys = was_keys;
        if hosted {
            self.running_script = None;
        }
        let outcome = match outcome {
            Ok(outcome) => {
                self.scripting.vm = Some(vm);
                outcome
            }
            Err(_) => Err(Failure::Unavailable(
                "ERR the Lua VM failed running this script; it was reset".to_string(),
            )),
        };
        let suffix = |at: Option<(String, i64)>| match at {
            Some((src, line)) => format!(" script: {label}, on {src}:{line}."),
            None => format!(" script: {label}."),
        };
        let (reply, how) = match outcome {
            Ok(reply) => (reply, "ok"),
            Err(Failure::Error { msg, at }) => {
                let text = match at {
                    Some(at) => format!("{msg}{}", suffix(Some(at))),
                    None => msg,
                };
                (Reply::err(text), "error")
            }
            Err(Failure::Instructions { at }) => (
                Reply::err(format!(
                    "ERR Script killed: it ran past the budget of {} Lua instructions{}",
                    self.scripting.instruction_limit,
                    suffix(at)
                )),
                "killed",
            ),
            Err(Failure::Memory { at }) => (
                Reply::err(format!(
                    "ERR Script killed: the Lua heap reached its limit of {} MB{}",
                    self.scripting.memory_limit / (1024 * 1024),
                    suffix(at)
                )),
                "killed",
            ),
            Err(Failure::Killed { at }) => (
                Reply::err(format!("{}{}", busy::KILLED, suffix(at))),
                "killed",
            ),
            Err(Failure::Unavailable(why)) => (Reply::err(why), "error"),
        };
        if let Reply::Error(text) = &reply {
            let passed_on = call_errors.iter().any(|e| {
                text.strip_prefix(e.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(" script: "))
            });
            if passed_on {
                // The caller's count of this reply would count it twice.
                self.uncount_error(text);
            }
        }
        if self.events.enabled() {
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

    /// One `redis.call` from a script: the checks Redis makes for scripts,
    /// then the command as any client would run it.
    fn script_call(&mut self, client: &mut Session, argv: &[Vec<u8>], read_only: bool) -> Reply {
        let id = self.begin_command(client, argv);
        let reply = self.script_call_checked(client, argv, read_only);
        self.end_command(id, client.id, &reply, false);
        reply
    }

    fn script_call_checked(
        &mut self,
        client: &mut Session,
        argv: &[Vec<u8>],
        read_only: bool,
    ) -> Reply {
        let Some(cmd) = argv.first().and_then(|name| table::lookup(name)) else {
            // A command Redis has but this engine does not, flagged
            // noscript there (CLUSTER, REPLICAOF): Redis's refusal.
            let word = |i: usize| {
                argv.get(i)
                    .map(|n| String::from_utf8_lossy(n).to_ascii_lowercase())
                    .unwrap_or_default()
            };
            let (name, sub) = (word(0), format!("{}|{}", word(0), word(1)));
            let elsewhere = crate::engine::commands::NOSCRIPT_ELSEWHERE;
            if elsewhere.contains(&name.as_str()) || elsewhere.contains(&sub.as_str()) {
                return Reply::err("ERR This Redis command is not allowed from script");
            }
            return Reply::err(errors::UNKNOWN_FROM_SCRIPT);
        };
        let cmd = match self.resolve(cmd, argv) {
            Ok(c) => c,
            Err(Reply::Error(e)) if e.starts_with("ERR unknown subcommand") => {
                return Reply::err(errors::UNKNOWN_FROM_SCRIPT)
            }
            Err(_) => {
                return Reply::err("ERR Wrong number of args calling Redis command from script")
            }
        };
        // Refused here, a call counts as a rejected call of its command
        // (Redis's `scriptCall` error path).
        if cmd.is(flag::NOSCRIPT) && !self.script_deny_disabled {
            self.command_stats(cmd.name).rejected += 1;
            return Reply::err("ERR This Redis command is not allowed from script");
        }
        // The calling user's ACL rules hold inside the script too.
        if self.acl.is_some() && !self.persist.loading {
            let refusal = self.acl_refusal(client, cmd, argv, crate::engine::AclContext::Script);
            if let Some(e) = refusal {
                self.command_stats(cmd.name).rejected += 1;
                return e;
            }
        }
        let refusal = if read_only && (cmd.is(flag::WRITE) || cmd.is(flag::MAY_REPLICATE)) {
            // PUBLISH and PFCOUNT may replicate: not from a read-only script.
            Some("ERR Write commands are not allowed from read-only scripts.")
        } else {
            None
        };
        let refusal = match refusal {
            Some(e) => Some(Reply::err(e)),
            // Until its first write, the server's state may refuse one:
            // the last background save failed (MISCONF), or memory was
            // over the limit when the script came (OOM).
            None if !self.script_dirty => {
                let misconf = if cmd.is(flag::WRITE)
                    && (self.persist.last_failed || self.replicas_wanted())
                {
                    table::persistence()
                        .and_then(|(_, _, refuse, _)| refuse(self, client, cmd, argv))
                } else {
                    None
                };
                misconf.or_else(|| {
                    (self.evict.script_guard && cmd.is(flag::DENYOOM))
                        .then(|| Reply::err(crate::engine::evict::OOM))
                })
            }
            None => None,
        };
        if let Some(e) = refusal {
            self.command_stats(cmd.name).rejected += 1;
            return e;
        }
        self.script_dirty |= cmd.is(flag::WRITE);
        if let Some(run) = self.running_script.as_mut() {
            run.wrote |= cmd.is(flag::WRITE);
        }
        self.run_resolved(client, cmd, argv)
    }
}

/// What a running script's calls and callbacks reach: the engine, on the
/// script's own client.
struct RunHost<'e> {
    engine: &'e mut Engine,
    client: Session,
    read_only: bool,
    calls: u64,
    /// Error replies the script's calls got: Redis counts each once, and
    /// does not count it again when the script fails with it.
    call_errors: Vec<String>,
}

impl ScriptHost for RunHost<'_> {
    fn call(&mut self, argv: &[Vec<u8>], resp: u8) -> Reply {
        if argv.first().is_some_and(|a| a == ACL_CHECK) {
            return self
                .engine
                .script_acl_check(&self.client, argv.get(1..).unwrap_or_default());
        }
        self.calls += 1;
        // The script's client speaks what redis.setresp chose.
        self.client.resp = resp;
        let reply = self
            .engine
            .script_call(&mut self.client, argv, self.read_only);
        if let Reply::Error(e) = &reply {
            self.engine.count_error(&reply);
            if self.call_errors.len() < 16 && !self.call_errors.contains(e) {
                self.call_errors.push(e.clone());
            }
        }
        reply
    }

    fn interrupt(&mut self) -> bool {
        self.engine.script_interrupt()
    }
}

/// What a script run answers where the VM has not loaded yet.
pub const NOT_LOADED: &str = "ERR Lua scripting is not loaded in this page";

pub fn sha1_hex(bytes: &[u8]) -> String {
    sha1_smol::Sha1::from(bytes).digest().to_string()
}

/// An EVAL body as Lua compiles it: a shebang line blanked, its newline
/// kept, so that line numbers in errors are the user's.
fn script_code(body: &[u8]) -> &[u8] {
    match shebang(body) {
        Ok(Some(f)) => body.get(f.len..).unwrap_or_default(),
        _ => body,
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

/// A library's first line, `#!<engine> name=<name>`: its name and where
/// its code starts (the line's newline stays, for line numbers).
pub(crate) fn library_metadata(code: &[u8]) -> Result<(String, usize), Reply> {
    if !code.starts_with(b"#!") {
        return Err(Reply::err("ERR Missing library metadata"));
    }
    let Some(end) = code.iter().position(|&b| b == b'\n') else {
        return Err(Reply::err("ERR Invalid library metadata"));
    };
    // The shebang split as Redis splits it (`sdssplitargs`: quotes and
    // escapes), its first word minus the `#!` naming the engine.
    let Some(parts) = crate::resp::request::split_args(code.get(..end).unwrap_or_default())
        .filter(|p| !p.is_empty())
    else {
        return Err(Reply::err("ERR Invalid library metadata"));
    };
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let engine = text(parts[0].get(2..).unwrap_or_default());
    let mut name = None;
    for part in &parts[1..] {
        let is_name = part
            .get(..5)
            .is_some_and(|p| p.eq_ignore_ascii_case(b"name="));
        match is_name {
            true if name.is_some() => {
                return Err(Reply::err(
                    "ERR Invalid metadata value, name argument was given multiple times",
                ))
            }
            true => name = Some(text(&part[5..])),
            false => {
                return Err(Reply::err(format!(
                    "ERR Invalid metadata value given: {}",
                    text(part)
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

/// A script's keys and its other arguments.
pub(crate) type KeysArgs<'a> = (&'a [Vec<u8>], &'a [Vec<u8>]);

/// The numkeys argument and the key/argument split of EVAL and FCALL,
/// which word a numkeys that is not a number differently.
pub(crate) fn split_keys<'a>(
    argv: &'a [Vec<u8>],
    not_a_number: &str,
) -> Result<KeysArgs<'a>, Reply> {
    let raw = argv.get(2).map(|a| a.as_slice()).unwrap_or_default();
    let n = super::args::parse_i64(raw).ok_or_else(|| Reply::err(not_a_number))?;
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
