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
