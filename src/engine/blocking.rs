//! Blocking commands (BLPOP, BLMOVE, BZPOPMIN, ...): a client that finds
//! nothing to take waits, with no reply, until another client's write
//! gives one of its keys something, its timeout passes on the engine
//! clock, or CLIENT UNBLOCK frees it.
//!
//! The rules are Redis 7.0's:
//! - a write that creates a key somebody waits on marks it *ready*
//!   (`signal_ready`, called from `Engine::store` and the commands that
//!   move whole entries: RENAME, MOVE, COPY, SWAPDB);
//! - once the running command is over (a whole EXEC counts as one), each
//!   ready key serves the clients waiting on it in the order they blocked,
//!   for as long as it has something to give, skipping those that wait
//!   for another type (a BZPOPMIN on a key that became a list);
//! - a served BLMOVE pushes to its destination, which may make that key
//!   ready in turn: it is served in the same pass;
//! - inside MULTI nothing may wait (`Engine::deny_blocking`): the command
//!   answers at once as if it had timed out.
//!
//! A served client's reply goes to its outbox like a push, so hosts deliver
//! it with the pub/sub messages they already write.

use crate::engine::table::flag;
use std::collections::VecDeque;

use crate::engine::cmd::lists::{self, End};
use crate::engine::cmd::zsets;
use crate::engine::value::Value;
use crate::engine::{args, Engine, Event, Session, SessionId};
use crate::reply::Reply;

/// What a blocked client does once one of its keys has something for it.
#[derive(Debug, Clone, PartialEq)]
pub enum Wait {
    /// BLPOP and BRPOP (`count` None, reply `[key, element]`), BLMPOP
    /// (`Some(n)`, reply `[key, [element ...]]`).
    Pop { end: End, count: Option<usize> },
    /// BLMOVE and BRPOPLPUSH: the element moved.
    Move { dst: Vec<u8>, from: End, to: End },
    /// BZPOPMIN and BZPOPMAX (`count` None, reply `[key, member, score]`),
    /// BZMPOP (`Some(n)`, reply `[key, [[member, score] ...]]`).
    ZPop { max: bool, count: Option<usize> },
    /// XREAD and XREADGROUP with BLOCK.
    Stream(Box<StreamWait>),
    /// A command held back by CLIENT PAUSE, run once the pause ends.
    Postponed(Vec<Vec<u8>>),
}

/// A client waiting in XREAD or XREADGROUP. Streams are part of the rest
/// of the engine: the code that serves one is reached through `serve`,
/// set by the command that blocked, so the core carries none of it.
#[derive(Debug, Clone)]
pub struct StreamWait {
    /// Serves every XREAD and XREADGROUP waiter of a ready key
    /// (`cmd::streams::serve_key`).
    pub serve: StreamServe,
    /// Each key with the id it reads after (for a group, ignored: the
    /// group's last delivered id is read when served).
    pub after: Vec<(Vec<u8>, (u64, u64))>,
    /// XREADGROUP's group and consumer.
    pub group: Option<(Vec<u8>, Vec<u8>)>,
    pub noack: bool,
    pub count: usize,
}

pub type StreamServe = fn(&mut Engine, usize, &[u8]);

impl PartialEq for StreamWait {
    fn eq(&self, other: &Self) -> bool {
        self.after == other.after
            && self.group == other.group
            && self.noack == other.noack
            && self.count == other.count
    }
}

impl Wait {
    /// Which type each wait is for.
    fn wants_list(&self) -> bool {
        matches!(self, Wait::Pop { .. } | Wait::Move { .. })
    }

    fn wants_zset(&self) -> bool {
        matches!(self, Wait::ZPop { .. })
    }
}

/// A client waiting in a blocking command.
#[derive(Debug, Clone, PartialEq)]
pub struct Blocked {
    pub command: &'static str,
    pub db: usize,
    /// Each key once, in the order the command named them.
    pub keys: Vec<Vec<u8>>,
    /// Engine time (Unix ms) when it gives up; `None` waits for ever.
    pub deadline_ms: Option<i64>,
    pub wait: Wait,
    /// The blocking command's id on the event stream: what serving it
    /// does is recorded under it.
    pub command_id: u64,
    /// SLOWLOG's entry for the command, written once it is served (Redis
    /// logs a blocking command then, not when it starts to wait nor when
    /// it times out): the rest of the engine's code that writes it, and
    /// the arguments as the log keeps them.
    pub slowlog: Option<SlowPending>,
}

pub type SlowPending = (fn(&mut Engine, &Session, Vec<Vec<u8>>), Vec<Vec<u8>>);

pub const TIMEOUT_NOT_FLOAT: &str = "ERR timeout is not a float or out of range";

impl Engine {
    /// A blocking command's timeout, in seconds, read as Redis 7.0 reads
    /// it: a long double, turned into milliseconds rounded up (so 0.0001
    /// still times out), 0 meaning for ever. A value whose milliseconds do
    /// not fit an i64 wraps negative in Redis's C, hence its "negative"
    /// for 1e300 or inf, kept here. The deadline, on the engine clock.
    pub(crate) fn timeout_arg(&self, raw: &[u8]) -> Result<Option<i64>, Reply> {
        let secs = if raw.len() > 5 * 1024 {
            None
        } else {
            args::parse_f64(raw)
        };
        let Some(secs) = secs else {
            return Err(Reply::err(TIMEOUT_NOT_FLOAT));
        };
        let ms = (secs * 1000.0).ceil();
        // 2^63 ms: the first value an i64 cannot hold (infinity is past it).
        const WRAPS: f64 = 9_223_372_036_854_775_808.0;
        if !(0.0..WRAPS).contains(&ms) {
            return Err(Reply::err("ERR timeout is negative"));
        }
        let ms = ms as i64;
        Ok((ms > 0).then(|| self.now_ms().saturating_add(ms)))
    }

    /// Make the running client wait on `keys`, or, where nothing may wait
    /// (inside EXEC), answer `denied` at once. The reply returned when it
    /// does block is never sent: `Engine::submit` sees `Session::blocked`.
    pub(crate) fn block(
        &mut self,
        sess: &mut Session,
        keys: &[Vec<u8>],
        deadline_ms: Option<i64>,
        wait: Wait,
        denied: Reply,
    ) -> Reply {
        if self.deny_blocking {
            return denied;
        }
        let db = sess.db;
        // Each key once, first mention first: a key named twice already
        // ends its queue with this client (no set of its own needed).
        let mut unique: Vec<Vec<u8>> = Vec::with_capacity(keys.len());
        if let Some(map) = self.blocking.get_mut(db) {
            for k in keys {
                let q = map.entry(k.clone()).or_default();
                if q.back() != Some(&sess.id) {
                    q.push_back(sess.id);
                    unique.push(k.clone());
                }
            }
        }
        let keys = unique;
        if let Some(t) = deadline_ms {
            self.block_deadlines.insert((t, sess.id));
        }
        if self.events.enabled() {
            self.events.push(Event::Blocked {
                session: sess.id,
                command: sess.last_cmd,
                db,
                keys: keys.clone(),
                deadline_ms,
            });
        }
        sess.blocked = Some(Blocked {
            command: sess.last_cmd,
            db,
            keys,
            deadline_ms,
            wait,
            command_id: self.command_id(),
            slowlog: None,
        });
        Reply::NullArray
    }

    /// Stop a client's wait (its reply is the caller's business).
    pub(crate) fn unblock(
        &mut self,
        sess: &mut Session,
        reason: &'static str,
        key: Option<&[u8]>,
    ) -> Option<Blocked> {
        let mut b = sess.blocked.take()?;
        if let Some((log, args)) = b.slowlog.take() {
            match reason {
                "served" => log(self, sess, args),
                // Redis's CLIENT UNBLOCK logs it too, its arguments
                // already gone.
                "unblocked" => log(self, sess, Vec::new()),
                _ => {}
            }
        }
        if let Some(map) = self.blocking.get_mut(b.db) {
            for k in &b.keys {
                if let Some(q) = map.get_mut(k.as_slice()) {
                    q.retain(|&id| id != sess.id);
                    if q.is_empty() {
                        map.swap_remove(k.as_slice());
                    }
                }
            }
        }
        if let Some(t) = b.deadline_ms {
            self.block_deadlines.remove(&(t, sess.id));
        }
        self.events.push(Event::Unblocked {
            session: sess.id,
            reason,
            key: key.map(<[u8]>::to_vec),
        });
        Some(b)
    }

    /// A key was created or replaced: if someone waits on it, it is served
    /// once the running command is over.
    pub(crate) fn signal_ready(&mut self, db: usize, key: &[u8]) {
        if self
            .blocking
            .get(db)
            .is_some_and(|m| !m.is_empty() && m.contains_key(key))
        {
            self.ready.insert((db, key.to_vec()));
        }
    }

    /// Every waited-on key of `db` that now exists is ready (after SWAPDB
    /// put another dataset under the waiting clients).
    pub(crate) fn signal_all_ready(&mut self, db: usize) {
        let keys: Vec<Vec<u8>> = match self.blocking.get(db) {
            Some(m) => m.keys().cloned().collect(),
            None => return,
        };
        for k in keys {
            if self.dbs.get(db).is_some_and(|d| d.contains(&k)) {
                self.ready.insert((db, k));
            }
        }
    }

    /// Serve the clients waiting on every ready key, in the order the keys
    /// became ready, each key's clients first come first served.
    pub(crate) fn serve_ready(&mut self) {
        while let Some((db, key)) = self.ready.shift_remove_index(0) {
            if let Some(serve) = self.stream_server(db, &key) {
                serve(self, db, &key);
            }
            loop {
                let is_list = match self.lookup(db, &key) {
                    Some(Value::List(l)) if !l.is_empty() => true,
                    Some(Value::ZSet(z)) if !z.is_empty() => false,
                    _ => break,
                };
                let sessions = &self.sessions;
                let next = self
                    .blocking
                    .get(db)
                    .and_then(|m| m.get(key.as_slice()))
                    .and_then(|q| {
                        q.iter().copied().find(|id| {
                            sessions
                                .get(id)
                                .and_then(|s| s.blocked.as_ref())
                                .is_some_and(|b| {
                                    if is_list {
                                        b.wait.wants_list()
                                    } else {
                                        b.wait.wants_zset()
                                    }
                                })
                        })
                    });
                let Some(id) = next else { break };
                let Some(mut sess) = self.sessions.remove(&id) else {
                    break;
                };
                self.serve(&mut sess, &key);
                self.sessions.insert(id, sess);
            }
        }
    }

    /// The code that serves XREAD and XREADGROUP waiters of `key`, if
    /// any wait there: it came with their wait (the rest of the engine).
    fn stream_server(&self, db: usize, key: &[u8]) -> Option<StreamServe> {
        let q = self.blocking.get(db)?.get(key)?;
        q.iter()
            .find_map(|id| match &self.sessions.get(id)?.blocked.as_ref()?.wait {
                Wait::Stream(w) => Some(w.serve),
                _ => None,
            })
    }

    /// Give one waiting client what `key` holds for it.
    fn serve(&mut self, sess: &mut Session, key: &[u8]) {
        let Some(b) = self.unblock(sess, "served", Some(key)) else {
            return;
        };
        // Its effects belong to the command that waited.
        self.command_stack.push(b.command_id);
        let dirty = self.dirty;
        let reply = match &b.wait {
            Wait::Pop { end, count } => lists::pop_reply(self, b.db, key, *end, *count),
            Wait::Move { dst, from, to } => lists::move_one(self, b.db, key, dst, *from, *to),
            Wait::ZPop { max, count } => zsets::pop_reply(self, b.db, key, *max, *count),
            Wait::Stream(_) | Wait::Postponed(_) => Reply::NullArray,
        };
        self.command_stack.pop();
        // Logged as the pop or move it did, without waiting (Redis's
        // serveClientBlockedOnList and friends).
        if self.propagating() && self.dirty != dirty {
            let line = served_as(&b.wait, key, b.command, &reply);
            self.also_propagate(b.db, line);
        }
        // The client's own reply: no pubsub limit applies to it.
        self.outboxes.push(sess.id, reply, 0);
    }

    /// CLIENT PAUSE: whether this command waits for the pause to end
    /// (ALL: every command; WRITE: those that write or may, EXEC too when
    /// it would run one). Ends a pause whose time is up.
    pub(crate) fn paused_for(
        &mut self,
        sess: &Session,
        cmd: &'static super::table::Command,
        argv: &[Vec<u8>],
    ) -> bool {
        let Some((end, all)) = self.pause else {
            return false;
        };
        if self.persist.loading {
            return false;
        }
        if self.now_ms() >= end {
            self.end_pause();
            return false;
        }
        all || self.may_write(cmd, argv)
            || (cmd.name == "exec"
                && sess.multi.as_ref().is_some_and(|m| {
                    m.queue.iter().any(|queued| {
                        Engine::named(queued).is_some_and(|c| self.may_write(c, queued))
                    })
                }))
    }

    /// What CLIENT PAUSE WRITE holds back: writes and the commands that
    /// may replicate (PUBLISH, PFCOUNT, scripts), except a script that
    /// declares `no-writes`, as Redis reads a script's flags for it.
    fn may_write(&self, cmd: &super::table::Command, argv: &[Vec<u8>]) -> bool {
        cmd.is(flag::WRITE)
            || (cmd.is(flag::MAY_REPLICATE)
                && !super::cmd::scripting::declared_flags(self, cmd.name, argv)
                    .is_some_and(|f| f.no_writes))
    }

    /// The pause is over (its time is up, or CLIENT UNPAUSE): the held
    /// back commands run, in the order they came.
    pub(crate) fn end_pause(&mut self) {
        self.pause = None;
        for id in std::mem::take(&mut self.postponed) {
            let Some(mut sess) = self.sessions.remove(&id) else {
                continue;
            };
            if let Some(b) = self.unblock(&mut sess, "unpaused", None) {
                if let Wait::Postponed(argv) = b.wait {
                    self.current = id;
                    let reply = self.dispatch_recorded(&mut sess, &argv);
                    self.count_error(&reply);
                    if sess.blocked.is_none() {
                        self.outboxes.push(id, reply, 0);
                    }
                }
            }
            self.sessions.insert(id, sess);
        }
    }

    /// Answer every client whose timeout has passed with the null array.
    pub(crate) fn expire_blocked(&mut self) {
        let now = self.now_ms();
        while let Some(&(t, id)) = self.block_deadlines.first() {
            if t > now {
                break;
            }
            self.block_deadlines.pop_first();
            if let Some(mut sess) = self.sessions.remove(&id) {
                if self.unblock(&mut sess, "timeout", None).is_some() {
                    self.outboxes.push(id, Reply::NullArray, 0);
                }
                self.sessions.insert(id, sess);
            }
        }
    }

    /// CLIENT UNBLOCK (and the console's cancel button): end another
    /// client's wait as a timeout would, or with the UNBLOCKED error.
    /// False when that client is not waiting.
    pub fn unblock_client(&mut self, id: SessionId, error: bool) -> bool {
        let Some(mut sess) = self.sessions.remove(&id) else {
            return false;
        };
        let unblocked = self.unblock(&mut sess, "unblocked", None);
        let done = unblocked.is_some();
        if let Some(b) = unblocked {
            let reply = if error {
                Reply::err("UNBLOCKED client unblocked via CLIENT UNBLOCK")
            } else {
                Reply::NullArray
            };
            // Redis counts the waiting command as failed either way, and
            // the error among the error replies.
            self.command_stats(b.command).failed += 1;
            self.count_error(&reply);
            self.outboxes.push(id, reply, 0);
        }
        self.sessions.insert(id, sess);
        done
    }

    /// Clients waiting now (INFO's `blocked_clients`).
    pub fn blocked_count(&self) -> usize {
        self.sessions
            .values()
            .filter(|s| s.blocked.is_some())
            .count()
    }

    /// Waiting clients with a deadline (INFO's `clients_in_timeout_table`).
    pub fn timed_block_count(&self) -> usize {
        self.block_deadlines.len()
    }
}

/// The clients waiting on one key, first come first.
pub type Waiters = VecDeque<SessionId>;

/// What a served wait is logged as: the pop or move it did, as the
/// non-blocking command (LPOP/RPOP key [count], LMOVE, ZPOPMIN/ZPOPMAX
/// key [count]).
pub(crate) fn served_as(wait: &Wait, key: &[u8], command: &str, reply: &Reply) -> Vec<Vec<u8>> {
    let side = |e: &End| match e {
        End::Left => b"LEFT".to_vec(),
        End::Right => b"RIGHT".to_vec(),
    };
    let mut line = match wait {
        Wait::Pop { end, .. } => vec![
            match end {
                End::Left => b"LPOP".to_vec(),
                End::Right => b"RPOP".to_vec(),
            },
            key.to_vec(),
        ],
        Wait::Move { dst, .. } if command == "brpoplpush" => {
            vec![b"RPOPLPUSH".to_vec(), key.to_vec(), dst.clone()]
        }
        Wait::Move { dst, from, to } => {
            vec![
                b"LMOVE".to_vec(),
                key.to_vec(),
                dst.clone(),
                side(from),
                side(to),
            ]
        }
        Wait::ZPop { max, .. } => vec![
            if *max {
                b"ZPOPMAX".to_vec()
            } else {
                b"ZPOPMIN".to_vec()
            },
            key.to_vec(),
        ],
        Wait::Stream(_) | Wait::Postponed(_) => Vec::new(),
    };
    // With COUNT, how many it took: `[key, [element ...]]`.
    if let Wait::Pop { count: Some(_), .. } | Wait::ZPop { count: Some(_), .. } = wait {
        let taken = match reply {
            Reply::Array(parts) => match parts.get(1) {
                Some(Reply::Array(items)) => items.len(),
                _ => 0,
            },
            _ => 0,
        };
        line.push(taken.to_string().into_bytes());
    }
    line
}
