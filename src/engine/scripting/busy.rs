//! A script that runs long, as Redis lets one: past `busy-reply-threshold`
//! the server serves other clients again, answering them `BUSY` (or
//! running the few commands flagged `allow_busy`), until the script ends
//! or SCRIPT KILL / FUNCTION KILL stops it.
//!
//! The engine is synchronous and names no clock, so the host does the
//! serving: it lends the engine a [`BusyHost`] for the length of one
//! command (`Engine::submit_hosted`). Every [`INTERRUPT_EVERY`] Lua
//! instructions the VM calls back (`ScriptHost::interrupt`), the engine
//! asks the host the time, and once the script has run past the threshold
//! it hands the host itself, so that the host can read other connections
//! and run what they sent through `Engine::submit_while_busy`. A kill
//! request is the callback's answer: the VM stops the script there.
//!
//! Hosts that lend nothing (the JS API, the playground, the tests) never
//! see a script pass the threshold: their scripts are bounded by the
//! instruction budget instead, and SCRIPT KILL finds nothing running.

use super::super::{errors, Engine, SessionId};
use crate::reply::Reply;

/// Lua instructions between two callbacks, as Redis's count hook.
#[cfg(feature = "lua")]
pub const INTERRUPT_EVERY: u64 = 100_000;

// Only a host that lends itself (the native server, feature `server`) can
// have anybody ask anything while a script runs: the page and the JS API
// carry none of what answers then.
#[cfg(feature = "server")]
pub const BUSY_EVAL: &str =
    "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.";
#[cfg(feature = "server")]
pub const BUSY_FUNCTION: &str =
    "BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.";
#[cfg(feature = "server")]
const UNKILLABLE: &str = "UNKILLABLE Sorry the script already executed write commands against the dataset. You can either wait the script termination or kill the server in a hard way using the SHUTDOWN NOSAVE command.";
/// What the killed script's caller is told (Redis says SCRIPT KILL for
/// a function too).
pub const KILLED: &str = "ERR Script killed by user with SCRIPT KILL...";

/// What serves other clients while a script runs long: the native server.
pub trait BusyHost {
    /// The host's clock in µs (the engine reads no clock of its own).
    fn now_us(&mut self) -> i64;
    /// Read whatever other clients sent, without waiting, and run each
    /// command through [`Engine::submit_while_busy`]; write their replies.
    fn serve(&mut self, engine: &mut Engine);
    /// CONFIG SET port: listen on `port` instead (0: on none), or say why
    /// not, in Redis's words, keeping the old one.
    fn listen(&mut self, port: u16) -> Result<(), String> {
        let _ = port;
        Ok(())
    }
}

/// A host lent for one command. SAFETY: set only by `submit_hosted` to a
/// host that outlives that call, and cleared before it returns, panics
/// included; used only on the thread that lent it (the engine is `Send`,
/// but moves between threads only between commands).
pub(crate) struct LentHost(*mut (dyn BusyHost + 'static));

// SAFETY: see the type's comment: the pointer never outlives the call that
// lent it, so it never crosses to another thread.
unsafe impl Send for LentHost {}

/// The script that is running, while a host is lent (Redis's run context).
/// Without the native server nobody lends one, so nothing reads it.
#[derive(Debug)]
#[cfg_attr(not(feature = "server"), allow(dead_code))]
pub(crate) struct RunningScript {
    /// EVAL (else FCALL): which KILL stops it, which BUSY text others get.
    pub eval: bool,
    /// The function's name (FUNCTION STATS).
    pub name: String,
    /// The caller's command line (FUNCTION STATS).
    pub argv: Vec<Vec<u8>>,
    pub started_us: i64,
    /// The host's time at the last callback.
    pub now_us: i64,
    /// Past the threshold: other clients are being served.
    pub timed_out: bool,
    /// It ran a write command: it may not be killed any more.
    pub wrote: bool,
    pub kill: bool,
}

impl RunningScript {
    #[cfg(feature = "server")]
    pub fn busy_error(&self) -> Reply {
        Reply::err(if self.eval { BUSY_EVAL } else { BUSY_FUNCTION })
    }
}

impl Engine {
    /// `submit`, with `host` serving other clients if a script runs past
    /// `busy-reply-threshold` (see the module's comment).
    pub fn submit_hosted(
        &mut self,
        session: SessionId,
        argv: &[Vec<u8>],
        host: &mut dyn BusyHost,
    ) -> Option<Reply> {
        self.with_host(host, |eng| eng.submit(session, argv))
    }

    /// `tick_us`, with `host` serving others if a script that the tick
    /// runs (a command held back by CLIENT PAUSE) runs long.
    pub fn tick_hosted(&mut self, now_us: i64, host: &mut dyn BusyHost) {
        self.with_host(host, |eng| eng.tick_us(now_us));
    }

    fn with_host<R>(&mut self, host: &mut dyn BusyHost, f: impl FnOnce(&mut Engine) -> R) -> R {
        // SAFETY: see `LentHost`; the slot is emptied below before `host`'s
        // borrow ends, and the panic is carried on only after that.
        let erased: *mut (dyn BusyHost + 'static) =
            unsafe { std::mem::transmute(host as *mut (dyn BusyHost + '_)) };
        let was = self.busy_host.replace(LentHost(erased));
        let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(self)));
        self.busy_host = was;
        match out {
            Ok(r) => r,
            Err(panic) => {
                // Whatever ran is over: nothing may stay marked running.
                self.running_script = None;
                std::panic::resume_unwind(panic)
            }
        }
    }

    /// Run a command another client sent while a script runs long: only
    /// `allow_busy` commands run, the rest are refused `BUSY`. Nothing the
    /// script is in the middle of moves: no blocked client is served, no
    /// key expires, no invalidation goes out before the script ends.
    pub fn submit_while_busy(&mut self, session: SessionId, argv: &[Vec<u8>]) -> Option<Reply> {
        let deny_blocking = std::mem::replace(&mut self.deny_blocking, false);
        let in_script = std::mem::replace(&mut self.in_script, false);
        let script_keys = std::mem::take(&mut self.script_keys);
        let read_lookups = std::mem::replace(&mut self.read_lookups, false);
        let current = self.current;
        let reply =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.submit(session, argv)));
        // The script goes on as it was, even after a panic.
        self.deny_blocking = deny_blocking;
        self.in_script = in_script;
        self.script_keys = script_keys;
        self.read_lookups = read_lookups;
        self.current = current;
        match reply {
            Ok(reply) => reply,
            Err(panic) => std::panic::resume_unwind(panic),
        }
    }

    /// CONFIG SET port, applied by the host (the native server moves its
    /// listener); with no host lent there is nothing to move.
    pub(crate) fn host_listen(&mut self, port: u16) -> Result<(), String> {
        match self.busy_host.take() {
            Some(lent) => {
                // SAFETY: see `LentHost`; taken out while the host runs.
                let out = unsafe { (*lent.0).listen(port) };
                self.busy_host = Some(lent);
                out
            }
            None => Ok(()),
        }
    }

    /// A script is past the threshold and others are being served: the
    /// `BUSY` error for a command not flagged `allow_busy`.
    #[cfg(feature = "server")]
    pub(crate) fn busy_refusal(&self) -> Option<Reply> {
        self.running_script
            .as_ref()
            .filter(|r| r.timed_out)
            .map(RunningScript::busy_error)
    }

    #[cfg(not(feature = "server"))]
    pub(crate) fn busy_refusal(&self) -> Option<Reply> {
        None
    }

    /// Set up the run context of a script about to start, when a host is
    /// lent (else nothing can ask about it while it runs).
    pub(crate) fn script_starting(&mut self, eval: bool, name: &str, argv: &[Vec<u8>]) -> bool {
        let Some(lent) = &self.busy_host else {
            return false;
        };
        // SAFETY: see `LentHost`.
        let now = unsafe { (*lent.0).now_us() };
        self.running_script = Some(RunningScript {
            eval,
            name: name.to_string(),
            argv: argv.to_vec(),
            started_us: now,
            now_us: now,
            timed_out: false,
            wrote: false,
            kill: false,
        });
        true
    }

    /// The VM's callback: serve others once the script is past the
    /// threshold; `true` stops the script (a kill, or SHUTDOWN NOSAVE).
    pub(crate) fn script_interrupt(&mut self) -> bool {
        let Some(lent) = self.busy_host.take() else {
            return false;
        };
        // SAFETY: see `LentHost`; taken out of the slot, so that what the
        // host runs meanwhile cannot reach it again.
        let host = unsafe { &mut *lent.0 };
        let threshold_us = self
            .config
            .get_i64("busy-reply-threshold")
            .saturating_mul(1000);
        let now = host.now_us();
        let serve = match self.running_script.as_mut() {
            Some(run) => {
                run.now_us = now;
                if !run.timed_out && now.saturating_sub(run.started_us) >= threshold_us {
                    run.timed_out = true;
                }
                run.timed_out
            }
            None => false,
        };
        if serve {
            host.serve(self);
        }
        self.busy_host = Some(lent);
        self.shutdown_requested || self.running_script.as_ref().is_some_and(|r| r.kill)
    }

    #[cfg(not(feature = "server"))]
    pub(crate) fn kill_running_script(&mut self, _eval: bool) -> Reply {
        Reply::err(errors::NOTBUSY)
    }

    /// SCRIPT KILL (`eval`) or FUNCTION KILL, as Redis's scriptKill.
    #[cfg(feature = "server")]
    pub(crate) fn kill_running_script(&mut self, eval: bool) -> Reply {
        let Some(run) = self.running_script.as_mut().filter(|r| r.timed_out) else {
            return Reply::err(errors::NOTBUSY);
        };
        if run.wrote {
            return Reply::err(UNKILLABLE);
        }
        if eval != run.eval {
            return run.busy_error();
        }
        run.kill = true;
        Reply::ok()
    }

    #[cfg(not(feature = "server"))]
    pub(crate) fn running_function_stats(&self) -> Result<Reply, Reply> {
        Ok(Reply::Null)
    }

    /// FUNCTION STATS's `running_script`: nil, the function, or (for an
    /// EVAL) the BUSY error FUNCTION STATS answers instead.
    #[cfg(feature = "server")]
    pub(crate) fn running_function_stats(&self) -> Result<Reply, Reply> {
        let Some(run) = self.running_script.as_ref().filter(|r| r.timed_out) else {
            return Ok(Reply::Null);
        };
        if run.eval {
            return Err(run.busy_error());
        }
        Ok(Reply::map(vec![
            (Reply::bulk("name"), Reply::bulk(run.name.clone())),
            (
                Reply::bulk("command"),
                Reply::Array(run.argv.iter().cloned().map(Reply::Bulk).collect()),
            ),
            (
                Reply::bulk("duration_ms"),
                Reply::Integer(run.now_us.saturating_sub(run.started_us) / 1000),
            ),
        ]))
    }
}
