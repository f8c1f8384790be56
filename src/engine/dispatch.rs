//! Running one command: a client's (`submit`), the checks Redis makes
//! before a command runs or is queued (in its order), the run itself with
//! its statistics, and the events that frame it.

use super::*;
use crate::engine::table::flag;

impl Engine {
    // ----- running commands -------------------------------------------------

    /// Run one command for one client. `argv[0]` is the command name.
    /// `None` when there is no reply to send now: the client waits in a
    /// blocking command (`is_blocked`; its reply comes later through
    /// `take_pushes`, and until then the host sends it nothing more), or
    /// it turned replies off (CLIENT REPLY OFF or SKIP). Unknown sessions get an error rather
    /// than a panic: a host bug must not take the engine down.
    pub fn submit(&mut self, session: SessionId, argv: &[Vec<u8>]) -> Option<Reply> {
        // A client served while a script runs long (`submit_while_busy`)
        // must not move what the script is in the middle of.
        let mid_script = self.running_script.is_some();
        if !mid_script {
            self.late_to_outboxes();
        }
        let Some(mut sess) = self.sessions.remove(&session) else {
            return Some(Reply::err("ERR no such client session"));
        };
        if sess.blocked.is_some() {
            self.sessions.insert(session, sess);
            return Some(Reply::err(
                "ERR this client is waiting for a blocking command to finish",
            ));
        }
        self.current = session;
        let id = self.next_command;
        let reply = self.dispatch_recorded(&mut sess, argv);
        sess.last_ms = self.now_ms();
        self.count_error(&reply);
        // CLIENT REPLY: OFF sends nothing, SKIP nothing for itself and the
        // next command; but pub/sub confirmations (pushes, in RESP2 too)
        // always go, as Redis's CLIENT_PUSHING lets them through.
        let silenced = match sess.reply_mode {
            0 => false,
            2 => {
                sess.reply_mode = 3;
                true
            }
            3 => {
                sess.reply_mode = 0;
                true
            }
            _ => true,
        };
        let silent = silenced && !matches!(reply, Reply::Push(_));
        if self.doomed.remove(&session) {
            // Its own outbox overflowed: the reply is its last.
            sess.closing = true;
        }
        let blocked = sess.blocked.is_some();
        self.sessions.insert(session, sess);
        if blocked && self.events.enabled() {
            // It waits: its effects come when it is served (under its id).
            if let Some(Event::CommandDone {
                id: done, outcome, ..
            }) = self.events.last_mut()
            {
                if *done == id {
                    *outcome = Outcome::Blocked;
                }
            }
        }
        if mid_script {
            return (!blocked && !silent).then_some(reply);
        }
        self.end_unit(false);
        if !self.ready.is_empty() {
            self.serve_ready();
            self.end_unit(false);
        }
        self.tracking_after(session);
        self.close_doomed();
        (!blocked && !silent).then_some(reply)
    }

    /// `submit` for callers that cannot wait (tests, the JS API's
    /// synchronous `run`): a blocking command that finds nothing answers
    /// at once as if it had timed out, as it does inside MULTI.
    pub fn execute(&mut self, session: SessionId, argv: &[Vec<u8>]) -> Reply {
        let was = std::mem::replace(&mut self.deny_blocking, true);
        let reply = self.submit(session, argv);
        self.deny_blocking = was;
        reply.unwrap_or(Reply::NullArray)
    }

    /// Waiting in a blocking command, so not to be sent anything.
    pub fn is_blocked(&self, session: SessionId) -> bool {
        self.sessions
            .get(&session)
            .is_some_and(|s| s.blocked.is_some())
    }

    pub(crate) fn close_doomed(&mut self) {
        if self.doomed.is_empty() {
            return;
        }
        for id in std::mem::take(&mut self.doomed) {
            self.close_session(id);
            self.disconnected.push(id);
        }
    }

    /// `dispatch` between the command's `CommandRun` and `CommandDone`
    /// events (a client's command, and each command EXEC runs).
    pub(crate) fn dispatch_recorded(&mut self, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
        let id = self.begin_command(sess, argv);
        self.queued_last = false;
        let reply = self.dispatch(sess, argv);
        let queued = std::mem::take(&mut self.queued_last);
        self.end_command(id, sess.id, &reply, queued);
        reply
    }

    /// Number the command and record its start (see `Event::CommandRun`).
    pub(crate) fn begin_command(&mut self, sess: &Session, argv: &[Vec<u8>]) -> u64 {
        let id = self.next_command;
        self.next_command += 1;
        if self.events.enabled() {
            self.events.push(Event::CommandRun {
                id,
                parent: self.command_stack.last().copied(),
                session: sess.id,
                db: sess.db,
                argv: argv.to_vec(),
            });
        }
        self.command_stack.push(id);
        id
    }

    pub(crate) fn end_command(&mut self, id: u64, session: SessionId, reply: &Reply, queued: bool) {
        // Down to this command, and anything above it a caught panic left.
        if let Some(at) = self.command_stack.iter().rposition(|c| *c == id) {
            self.command_stack.truncate(at);
        }
        if self.events.enabled() {
            let outcome = match reply {
                _ if queued => Outcome::Queued,
                Reply::Error(e) => Outcome::Error(e.clone()),
                _ => Outcome::Ok,
            };
            self.events.push(Event::CommandDone {
                id,
                session,
                outcome,
            });
        }
    }

    /// The running command's id (0 outside any: expiry on a tick).
    pub(crate) fn command_id(&self) -> u64 {
        self.command_stack.last().copied().unwrap_or(0)
    }

    /// Record what the running command did to `key`. The effect is built
    /// only when someone records effects (`Detail::Full`).
    #[inline]
    pub(crate) fn effect(&mut self, db: usize, key: &[u8], make: impl FnOnce() -> Effect) {
        if self.events.full() {
            self.push_effect(db, key, make());
        }
    }

    /// The one copy of the recording code `effect`'s call sites share.
    pub(crate) fn push_effect(&mut self, db: usize, key: &[u8], effect: Effect) {
        self.events.push(Event::Effect {
            id: self.command_id(),
            db,
            key: key.to_vec(),
            effect,
        });
    }

    /// Whether effects are recorded: a handler whose effect needs work
    /// to describe (a rank, a copy of the values) asks first.
    pub(crate) fn effects_on(&self) -> bool {
        self.events.full()
    }

    /// Whether `argv` names a command of the rest of the engine (see
    /// `cmd::ext`) and this build has not got it: a host that loads it on
    /// demand holds such a line until it is there.
    pub fn needs_ext(argv: &[Vec<u8>]) -> bool {
        table::ext_handlers().is_none() && Engine::named(argv).is_some_and(table::is_ext)
    }

    /// The command (or subcommand) `argv` names, if any: COMMAND GETKEYS
    /// is one of the rest of the engine's, COMMAND COUNT is not.
    pub(crate) fn named(argv: &[Vec<u8>]) -> Option<&'static table::Command> {
        let cmd = table::lookup(argv.first()?)?;
        let sub = argv.get(1).and_then(|sub| {
            let sub = args::lower(sub);
            cmd.subcommands.iter().find(|s| s.sub_name() == sub)
        });
        Some(sub.unwrap_or(cmd))
    }

    /// A command's counts for INFO commandstats (one copy of the map's
    /// insertion code for every caller).
    #[inline(never)]
    pub(crate) fn command_stats(&mut self, name: &'static str) -> &mut CommandStats {
        self.stats.per_command.entry(name).or_default()
    }

    /// An error reply going to a client: INFO's total and its kind.
    pub(crate) fn count_error(&mut self, reply: &Reply) {
        let Reply::Error(text) = reply else {
            return;
        };
        self.stats.error_replies += 1;
        let kind = text.split(' ').next().unwrap_or_default();
        // Kept in byte order, as Redis lists them (a radix tree).
        let errors = &mut self.stats.errors;
        match errors.binary_search_by(|(k, _)| k.as_str().cmp(kind)) {
            Ok(i) => errors[i].1 += 1,
            Err(i) if errors.len() < MAX_ERROR_KINDS => errors.insert(i, (kind.to_string(), 1)),
            Err(_) => {}
        }
    }

    /// A waiting client answered with an error when served: the error
    /// counts, and so does a failed call of the command that waited (Redis's
    /// `updateStatsOnUnblock`).
    pub(crate) fn count_unblocked_error(&mut self, sess: &Session, reply: &Reply) {
        if reply.is_error() {
            self.count_error(reply);
            self.command_stats(sess.last_cmd).failed += 1;
        }
    }

    /// Take back an error counted by `count_error` (a script's failure
    /// with the error one of its calls already counted).
    pub(crate) fn uncount_error(&mut self, text: &str) {
        self.stats.error_replies = self.stats.error_replies.saturating_sub(1);
        let kind = text.split(' ').next().unwrap_or_default();
        if let Ok(i) = self
            .stats
            .errors
            .binary_search_by(|(k, _)| k.as_str().cmp(kind))
        {
            self.stats.errors[i].1 = self.stats.errors[i].1.saturating_sub(1);
        }
    }

    pub(crate) fn dispatch(&mut self, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
        let cmd = match argv.first().and_then(|name| table::lookup(name)) {
            Some(cmd) => self.resolve(cmd, argv),
            None => Err(Reply::err(errors::unknown_command(argv))),
        };
        let cmd = match cmd {
            Ok(c) => c,
            Err(e) => {
                // A known command refused for its arguments counts as a
                // rejected call of it (its subcommand's, for a container).
                if let Some(known) = self.arity_refused(argv, &e) {
                    self.command_stats(known).rejected += 1;
                }
                return self.reject(sess, argv, e);
            }
        };
        // DEBUG is `protected`: refused unless enable-debug-command allows
        // this client (MODULE, the other protected command, is not here).
        if cmd.name == "debug" {
            if let Some(e) = table::refuse().and_then(|refuse| refuse(self, sess, cmd)) {
                self.command_stats(cmd.name).rejected += 1;
                return self.reject(sess, argv, e);
            }
        }
        // A password is required and this client has not given it.
        // (Not inside EXEC: Redis checks a client's authentication when
        // a command is queued, not again when EXEC runs it.)
        if !cmd.is(flag::NO_AUTH) && !self.in_exec && self.auth_required(sess.id) {
            self.command_stats(cmd.name).rejected += 1;
            return self.reject(sess, argv, Reply::err("NOAUTH Authentication required."));
        }
        if sess.multi.is_some() && cmd.is(flag::NO_MULTI) {
            self.command_stats(cmd.name).rejected += 1;
            let e = Reply::err("ERR Command not allowed inside a transaction");
            return self.reject(sess, argv, e);
        }
        // ACL: this client's user may run this, with these keys and
        // channels (asked only once ACL keeps users). EXEC checks its
        // queued commands again, and says so in its own words.
        // Not while loading: an AOF's commands are replayed as they were
        // logged, by no user.
        if self.acl.is_some() && !self.persist.loading {
            let context = if self.in_exec {
                AclContext::Exec
            } else if sess.multi.is_some() {
                AclContext::Multi
            } else {
                AclContext::Toplevel
            };
            // ACL LOG's client line names the refused command, as
            // Redis's (its `lastcmd` is set before the checks).
            let last = if self.in_exec {
                sess.last_cmd
            } else {
                std::mem::replace(&mut sess.last_cmd, cmd.name)
            };
            let refusal = self.acl_refusal(sess, cmd, argv, context);
            sess.last_cmd = last;
            if let Some(e) = refusal {
                if self.in_exec {
                    return e;
                }
                self.command_stats(cmd.name).rejected += 1;
                return self.reject(sess, argv, e);
            }
        }
        // Over maxmemory (Redis evicts first, then refuses; EXEC's queued
        // commands were checked with EXEC).
        let refusal = if self.in_exec {
            None
        } else {
            let refusal = self.memory_refusal(sess, cmd, argv);
            // What it evicted is told before the reply, as in Redis (a
            // script's calls evict nothing: their writes' come after).
            if self.running_script.is_none() {
                if let Some(mut t) = self.tracker.take() {
                    t.before_command(self, sess);
                    self.tracker = Some(t);
                }
            }
            refusal
        };
        if let Some(e) = refusal {
            self.command_stats(cmd.name).rejected += 1;
            return self.reject(sess, argv, e);
        }
        // The last background save failed (asked only then).
        if (self.persist.last_failed || self.persist.aof_error.is_some() || self.replicas_wanted())
            && !self.persist.loading
        {
            let refusal =
                table::persistence().and_then(|(_, _, refuse, _)| refuse(self, sess, cmd, argv));
            if let Some(e) = refusal {
                self.command_stats(cmd.name).rejected += 1;
                return self.reject(sess, argv, e);
            }
        }
        if sess.resp == 2 && sess.subs.active() && !cmd::pubsub::allowed_when_subscribed(cmd.name) {
            let e = Reply::err(format!(
                "ERR Can't execute '{}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context",
                cmd.name
            ));
            self.command_stats(cmd.name).rejected += 1;
            return self.reject(sess, argv, e);
        }
        // A client in MONITOR is a replica to Redis, which may not touch
        // the keyspace.
        if sess.monitor && cmd.is(flag::WRITE | flag::READONLY | flag::MAY_REPLICATE) {
            self.command_stats(cmd.name).rejected += 1;
            let e = Reply::err("ERR Replica can't interact with the keyspace");
            return self.reject(sess, argv, e);
        }
        // A script runs long and others are served meanwhile: only what
        // may run then runs (the script's own calls do not come here).
        if self.running_script.is_some() && !cmd.is(flag::ALLOW_BUSY) {
            if let Some(e) = self.busy_refusal() {
                self.command_stats(cmd.name).rejected += 1;
                return self.reject(sess, argv, e);
            }
        }
        // CLIENT PAUSE holds the command back (not EXEC's or a script's,
        // nor a monitor's: Redis never pauses replicas).
        if !self.deny_blocking && !sess.monitor && self.paused_for(sess, cmd, argv) {
            self.postponed.push(sess.id);
            sess.last_cmd = cmd.name;
            let wait = blocking::Wait::Postponed(argv.to_vec());
            return self.block(sess, &[], None, wait, Reply::NullArray);
        }
        if let Some(m) = &mut sess.multi {
            if !cmd::transactions::runs_inside_multi(cmd.name) {
                m.queue.push(argv.to_vec());
                let queued = m.queue.len();
                self.queued_last = true;
                if self.events.enabled() {
                    self.events.push(Event::Queued {
                        session: sess.id,
                        argv: argv.to_vec(),
                        queued,
                    });
                }
                return Reply::simple("QUEUED");
            }
        }
        self.run_resolved(sess, cmd, argv)
    }

    /// The command whose arity `e` refused `argv` for, if that is what
    /// `resolve` said.
    pub(crate) fn arity_refused(&self, argv: &[Vec<u8>], e: &Reply) -> Option<&'static str> {
        let Reply::Error(text) = e else {
            return None;
        };
        if !text.starts_with("ERR wrong number of arguments") {
            return None;
        }
        let cmd = table::lookup(argv.first()?)?;
        let sub = argv.get(1).and_then(|sub| {
            let sub = args::lower(sub);
            cmd.subcommands.iter().find(|s| s.sub_name() == sub)
        });
        Some(sub.unwrap_or(cmd).name)
    }

    /// A command refused before it ran dooms the transaction it was meant
    /// for; a refused EXEC ends that transaction at once, and says so in
    /// its own words, as Redis's `rejectCommand` does (even outside MULTI).
    pub(crate) fn reject(&mut self, sess: &mut Session, argv: &[Vec<u8>], e: Reply) -> Reply {
        self.stats.rejected_calls += 1;
        if let Some(m) = &mut sess.multi {
            m.failed = true;
        }
        let is_exec = argv
            .first()
            .is_some_and(|n| n.eq_ignore_ascii_case(b"exec"));
        match e {
            Reply::Error(text) if is_exec => {
                if sess.multi.take().is_some() {
                    self.events.push(Event::Aborted {
                        session: sess.id,
                        reason: "execabort",
                    });
                }
                self.unwatch_all(sess);
                let why = text.strip_prefix("ERR ").unwrap_or(&text);
                Reply::err(format!("EXECABORT Transaction discarded because of: {why}"))
            }
            other => other,
        }
    }

    /// Count, record and run a command that passed every check (EXEC runs
    /// its queue through here).
    pub(crate) fn run_resolved(
        &mut self,
        sess: &mut Session,
        cmd: &'static Command,
        argv: &[Vec<u8>],
    ) -> Reply {
        // EXEC stays the client's last command while its queue runs, as
        // in Redis (CLIENT LIST's `cmd=`).
        if !self.in_exec {
            sess.last_cmd = cmd.name;
        }
        self.stats.commands_processed += 1;
        self.command_stats(cmd.name).calls += 1;
        // EVAL and FCALL show in MONITOR before their scripts' calls.
        if !self.monitors.is_empty() && cmd.is(flag::SKIP_MONITOR) {
            if let Some(feed) = table::monitor_feed() {
                feed(self, sess, argv);
            }
        }
        // Redis reads keys for read-only commands, and for GETEX, GETDEL
        // and SET ... GET, which read before they write.
        let reads = cmd.is(flag::READONLY)
            || matches!(cmd.name, "getex" | "getdel")
            || (cmd.name == "set" && argv.iter().skip(3).any(|a| a.eq_ignore_ascii_case(b"get")));
        let was_reading = std::mem::replace(&mut self.read_lookups, reads);
        self.memory_settings();
        self.command_busy_us = 0;
        self.running_command = Some(cmd.name);
        let outer = self.begin_propagation();
        let reply = (cmd.handler)(self, sess, argv);
        self.end_propagation(sess.db, cmd, argv, outer);
        self.read_lookups = was_reading;
        if reply.is_error() {
            self.command_stats(cmd.name).failed += 1;
        }
        if let Some(after) = table::after_command() {
            after(self, sess, cmd, argv);
        }
        reply
    }

    /// Find the subcommand when the command is a container (CONFIG GET),
    /// and check the arity: the table is the only place that knows either.
    pub(crate) fn resolve(
        &self,
        cmd: &'static Command,
        argv: &[Vec<u8>],
    ) -> Result<&'static Command, Reply> {
        let cmd = if cmd.subcommands.is_empty() {
            cmd
        } else {
            match argv.get(1) {
                // A container called alone fails its own arity check below.
                None => cmd,
                Some(sub) => match cmd
                    .subcommands
                    .iter()
                    .find(|s| s.sub_name().eq_ignore_ascii_case(&args::lower(sub)))
                {
                    Some(s) => s,
                    None => {
                        let container = argv.first().map(|a| a.as_slice()).unwrap_or_default();
                        return Err(Reply::err(errors::unknown_subcommand(container, sub)));
                    }
                },
            }
        };
        let n = argv.len() as i64;
        let arity = i64::from(cmd.arity);
        if (arity > 0 && n != arity) || (arity < 0 && n < -arity) {
            return Err(Reply::err(errors::wrong_arity(&cmd.fullname())));
        }
        Ok(cmd)
    }
}
