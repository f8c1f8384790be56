//! The event stream: what the pictures, the time bar and tutorial checks
//! watch instead of reaching into the engine. Plain data, oldest first.

use std::collections::VecDeque;

use super::SessionId;

#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    ClientOpened {
        session: SessionId,
    },
    ClientClosed {
        session: SessionId,
    },
    /// A command passed lookup and arity checks and ran.
    CommandRun {
        session: SessionId,
        db: usize,
        argv: Vec<String>,
    },
    /// A key changed; `event` is Redis's keyspace notification name
    /// (`set`, `del`, `expire`, `expired`, `rename_from`, `incrby`, ...).
    Key {
        db: usize,
        key: Vec<u8>,
        event: &'static str,
    },
    /// FLUSHDB (`Some(db)`) or FLUSHALL (`None`).
    Flushed {
        db: Option<usize>,
    },
    DbSwapped {
        a: usize,
        b: usize,
    },
    /// A command went into a MULTI queue, which now holds `queued`.
    Queued {
        session: SessionId,
        argv: Vec<String>,
        queued: usize,
    },
    /// DISCARD (or RESET, or a closed client) dropped a queue.
    Discarded {
        session: SessionId,
    },
    /// EXEC ran a queue of `commands`.
    Executed {
        session: SessionId,
        commands: usize,
    },
    /// EXEC refused to run: `watch` (a watched key changed) or
    /// `execabort` (a command was refused while queueing).
    Aborted {
        session: SessionId,
        reason: &'static str,
    },
    /// A watched key changed, so the watching client's EXEC will fail.
    WatchTouched {
        session: SessionId,
        db: usize,
        key: Vec<u8>,
    },
    /// `kind` is `channel`, `pattern` or `shard`.
    Subscribed {
        session: SessionId,
        kind: &'static str,
        name: Vec<u8>,
    },
    Unsubscribed {
        session: SessionId,
        kind: &'static str,
        name: Vec<u8>,
    },
    /// PUBLISH or SPUBLISH (`session` 0: the server itself, for keyspace
    /// notifications).
    Published {
        session: SessionId,
        channel: Vec<u8>,
        shard: bool,
        receivers: usize,
    },
    /// One message reached one client, through `pattern` if it matched one.
    Delivered {
        session: SessionId,
        channel: Vec<u8>,
        pattern: Option<Vec<u8>>,
    },
    /// A client was disconnected by the engine: its output went past
    /// `client-output-buffer-limit`.
    OutputLimit {
        session: SessionId,
    },
    /// A blocking command found nothing and now waits on `keys`, until
    /// `deadline_ms` (engine time) or for ever.
    Blocked {
        session: SessionId,
        command: &'static str,
        db: usize,
        keys: Vec<Vec<u8>>,
        deadline_ms: Option<i64>,
    },
    /// A blocked client stopped waiting: `served` (by `key`), `timeout`,
    /// `unblocked` (CLIENT UNBLOCK, or the console's cancel) or `closed`.
    Unblocked {
        session: SessionId,
        reason: &'static str,
        key: Option<Vec<u8>>,
    },
    /// A script ran: `kind` is `eval` (named by its SHA1) or `fcall` (by
    /// function name); `calls` counts its `redis.call`s (each also has its
    /// own `CommandRun`); `outcome` is `ok`, `error` or `killed` (stopped
    /// by the instruction budget or the memory limit).
    ScriptRun {
        session: SessionId,
        kind: &'static str,
        name: String,
        calls: u64,
        outcome: &'static str,
    },
}

/// A bounded buffer: a host that never drains it (a server nobody watches)
/// must not grow without limit, so the oldest events are dropped and
/// counted.
#[derive(Debug)]
pub struct EventLog {
    buf: VecDeque<Event>,
    pub enabled: bool,
    pub dropped: u64,
}

/// Enough for one large pipeline or a big MSET between two frames.
pub const EVENT_LOG_CAP: usize = 100_000;

impl Default for EventLog {
    fn default() -> Self {
        EventLog {
            buf: VecDeque::new(),
            enabled: true,
            dropped: 0,
        }
    }
}

impl EventLog {
    pub fn push(&mut self, e: Event) {
        if !self.enabled {
            return;
        }
        if self.buf.len() >= EVENT_LOG_CAP {
            self.buf.pop_front();
            self.dropped += 1;
        }
        self.buf.push_back(e);
    }

    pub fn take(&mut self) -> Vec<Event> {
        self.buf.drain(..).collect()
    }
}
