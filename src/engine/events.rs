//! The event stream: what the pictures, the time bar and tutorial checks
//! watch instead of reaching into the engine. Plain data, oldest first.
//!
//! Every command gets an id ([`Event::CommandRun`]); what it did follows
//! in causal order (keys changed, [`Effect`]s, deliveries) and
//! [`Event::CommandDone`] closes it with its outcome. Effects are reported
//! by the handler that did them, never recomputed by comparing states, so
//! a picture can animate exactly what Redis did (which end, which index,
//! which rank) without reimplementing Redis's rules.
//!
//! Hosts choose a [`Detail`]: the native server and the JS API record
//! nothing, and what is not recorded is never built (effects are made by
//! closures that only run at `Detail::Full`).

use std::collections::VecDeque;

use super::SessionId;

/// How much the engine records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Detail {
    /// Nothing (the native server, the JS API).
    Off,
    /// Commands, keys changed, clients, pub/sub, transactions, blocking.
    Basic,
    /// Basic plus per-key effects and what reads selected (the pictures).
    Full,
}

/// One end of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    Head,
    Tail,
}

/// What one command did to one key, said by the handler that did it.
/// Indexes are positions in the value as it was when the effect happened,
/// in the order the effects are listed.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// List: `values` pushed at `end`, in the order they went in (LPUSH a
    /// b puts a, then b at the head).
    Pushed {
        end: End,
        values: Vec<Vec<u8>>,
    },
    /// List: `values` taken from `end`, in the order they came out.
    Popped {
        end: End,
        values: Vec<Vec<u8>>,
    },
    /// List: `value` now at `index` (LINSERT).
    Inserted {
        index: usize,
        value: Vec<u8>,
    },
    /// List: the element at `index` replaced (LSET).
    Replaced {
        index: usize,
        value: Vec<u8>,
    },
    /// List: elements removed at these indexes of the list before (LREM).
    Removed {
        indexes: Vec<usize>,
    },
    /// List: LTRIM kept `start..=stop` of `before` elements (`None`:
    /// nothing kept).
    Trimmed {
        keep: Option<(usize, usize)>,
        before: usize,
    },
    /// Hash: fields written (new or overwritten), and how many were new.
    FieldsSet {
        fields: Vec<Vec<u8>>,
        new: usize,
    },
    FieldsDeleted {
        fields: Vec<Vec<u8>>,
    },
    /// Set or sorted set: members that were not there before.
    MembersAdded {
        members: Vec<Vec<u8>>,
    },
    MembersRemoved {
        members: Vec<Vec<u8>>,
    },
    /// Sorted set: a member's score and rank (0 = lowest), before (`None`:
    /// new member) and after.
    Scored {
        member: Vec<u8>,
        from: Option<(f64, usize)>,
        to: (f64, usize),
    },
    /// String: bytes `offset..offset+len` written; `len_after` is the
    /// string's length now (SET writes it all, APPEND at the end,
    /// SETRANGE where asked, INCR rewrites it).
    Written {
        offset: usize,
        len: usize,
        len_after: usize,
    },
    /// String as a bitmap: bits `first..=last` written (SETBIT, BITFIELD's
    /// SET and INCRBY); bit 0 is the first byte's most significant bit.
    BitsWritten {
        first: u64,
        last: u64,
    },
    /// HyperLogLog: registers raised (index, new value) by PFADD.
    Registers {
        raised: Vec<(u16, u8)>,
    },
    /// The value changed encoding, and why (the CONFIG threshold passed).
    Encoding {
        from: &'static str,
        to: &'static str,
        reason: String,
    },
    /// A read: what it selected, for a picture to highlight.
    Selected(Selection),
    /// The key was evicted to bring memory within `maxmemory`: the policy
    /// and what made this key its choice. Recorded under the command
    /// whose check did it, before that command runs.
    Evicted {
        policy: crate::engine::evict::Policy,
        why: crate::engine::evict::Reason,
    },
    /// What a command of the rest of the engine did (streams:
    /// `cmd::streams::Change`), opaque here: the first loads, which can
    /// never see one, carry no code for it; the full build's narration
    /// and pictures read it with [`MoreEffect::get`].
    More(MoreEffect),
}

/// What a read command picked out of a value.
#[derive(Debug, Clone, PartialEq)]
pub enum Selection {
    /// List indexes (LRANGE, LINDEX) or sorted-set ranks (ZRANGE and its
    /// BYSCORE/BYLEX forms), inclusive, 0-based from the head/lowest;
    /// `None` when the range held nothing. `rev`: listed high to low.
    Range {
        span: Option<(usize, usize)>,
        rev: bool,
    },
    /// Members or fields read (SISMEMBER, HGET, ZSCORE, ...).
    Members(Vec<Vec<u8>>),
    /// Bits `first..=last` of a string read (GETBIT, BITCOUNT, BITPOS up
    /// to what it found, BITOP's sources, BITFIELD's GET).
    Bits { first: u64, last: u64 },
    /// Geo: the places a GEOADD placed or a GEOPOS, GEODIST or GEOHASH
    /// read (what a map picture marks).
    Places(Vec<Vec<u8>>),
    /// Geo: where a GEOSEARCH or GEORADIUS looked (a circle of `radius`
    /// meters, or a box of `width` by `height` meters, centred on `lon`,
    /// `lat`) and what it found, in the order it answered.
    Area {
        lon: f64,
        lat: f64,
        radius: Option<f64>,
        size: Option<(f64, f64)>,
        found: Vec<Vec<u8>>,
    },
    /// A HyperLogLog counted (PFCOUNT): the answer came from the count
    /// cached in its header (`cached`), or was worked out from the
    /// registers and then cached there (`stored`), or only read (several
    /// keys at once).
    Count { cached: bool, stored: bool },
}

/// What the core asks of an effect it does not know (see `Effect::More`).
pub trait EffectObj: std::fmt::Debug + Send {
    fn clone_obj(&self) -> Box<dyn EffectObj>;
    fn same(&self, other: &dyn EffectObj) -> bool;
    fn as_any(&self) -> &dyn std::any::Any;
}

#[derive(Debug)]
pub struct MoreEffect(pub Box<dyn EffectObj>);

impl MoreEffect {
    /// The effect, if it is a `T`.
    pub fn get<T: 'static>(&self) -> Option<&T> {
        self.0.as_any().downcast_ref()
    }
}

impl Clone for MoreEffect {
    fn clone(&self) -> Self {
        MoreEffect(self.0.clone_obj())
    }
}

impl PartialEq for MoreEffect {
    fn eq(&self, other: &Self) -> bool {
        self.0.same(other.0.as_ref())
    }
}

/// How a command ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Ok,
    /// The error text, as the client got it.
    Error(String),
    /// Put in the MULTI queue.
    Queued,
    /// Waiting in a blocking command; an `Unblocked` event will follow.
    Blocked,
}

/// How the server stopped before a restart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// DEBUG RESTART: as SHUTDOWN stops it (saving when save points are
    /// set, flushing the AOF).
    Clean,
    /// DEBUG CRASH-AND-RECOVER: the process dies; what it had written to
    /// its files stays with the system.
    Crash,
    /// DEBUG POWER-CUT (the page's own): the machine dies; what the
    /// system had not yet flushed to the device is gone too.
    PowerCut,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    ClientOpened {
        session: SessionId,
    },
    ClientClosed {
        session: SessionId,
    },
    /// A command started: `id` numbers every command the engine runs,
    /// including those EXEC runs from its queue and a script's
    /// `redis.call`s, whose `parent` is the EXEC or EVAL. Its events
    /// follow; `CommandDone` with the same id ends it.
    CommandRun {
        id: u64,
        parent: Option<u64>,
        session: SessionId,
        db: usize,
        argv: Vec<Vec<u8>>,
    },
    CommandDone {
        id: u64,
        session: SessionId,
        outcome: Outcome,
    },
    /// What command `id` did to `key` (at `Detail::Full`).
    Effect {
        id: u64,
        db: usize,
        key: Vec<u8>,
        effect: Effect,
    },
    /// SINTER, SUNION, SDIFF, SINTERCARD or a STORE form (`op` is the
    /// plain form's name, or `sintercard`) read `inputs` and found
    /// `result_len` members (the first of them in `result`), stored in
    /// `dest` for the STORE forms.
    SetOp {
        id: u64,
        db: usize,
        op: &'static str,
        inputs: Vec<Vec<u8>>,
        dest: Option<Vec<u8>>,
        result: Vec<Vec<u8>>,
        result_len: usize,
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
    /// The data was read back from a file, as a restart reads it (DEBUG
    /// RELOAD: `dump.rdb`; DEBUG LOADAOF: the AOF), after emptying what
    /// was there: `keys` in all databases now.
    Loaded {
        from: &'static str,
        keys: usize,
    },
    /// The server stopped and started again (DEBUG RESTART, DEBUG
    /// CRASH-AND-RECOVER, DEBUG POWER-CUT): every client was disconnected
    /// and the data is what the files held (`from`, `None` when there was
    /// none). What was lost, as the engine counted it before the stop:
    /// `unsaved` changes since the last RDB save when the snapshot is what
    /// came back, `unflushed` writes of the AOF that never reached the
    /// device when the AOF is. `failed` says why a file could not load.
    Restarted {
        stop: Stop,
        from: Option<&'static str>,
        keys: usize,
        appendfsync: Option<String>,
        saved_secs: Option<i64>,
        unsaved: u64,
        unflushed: u64,
        failed: Option<String>,
    },
    DbSwapped {
        a: usize,
        b: usize,
    },
    /// A command went into a MULTI queue, which now holds `queued`.
    Queued {
        session: SessionId,
        argv: Vec<Vec<u8>>,
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
    /// Every `Delivered` of this message carries the same `message` id.
    Published {
        message: u64,
        session: SessionId,
        channel: Vec<u8>,
        payload: Vec<u8>,
        shard: bool,
        receivers: usize,
    },
    /// One message reached one client, through `pattern` if it matched one.
    Delivered {
        message: u64,
        session: SessionId,
        channel: Vec<u8>,
        pattern: Option<Vec<u8>>,
    },
    /// WATCH added `key` to what the client watches.
    Watched {
        session: SessionId,
        db: usize,
        key: Vec<u8>,
    },
    /// The client watches nothing any more (UNWATCH, EXEC, DISCARD).
    Unwatched {
        session: SessionId,
    },
    /// The engine clock moved forward (`tick`, `advance_time`).
    ClockMoved {
        from_ms: i64,
        to_ms: i64,
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
    pub level: Detail,
    /// Dropped since the last `take`.
    dropped: u64,
}

/// Enough for one large pipeline or a big MSET between two frames.
pub const EVENT_LOG_CAP: usize = 100_000;

/// What `Engine::take_events` hands over: the events, oldest first, and
/// how many older ones were dropped to stay within [`EVENT_LOG_CAP`]. A
/// consumer that sees `dropped > 0` missed something and should read the
/// state again through the inspection API instead of trusting its copy.
#[derive(Debug, Default)]
pub struct Events {
    pub events: Vec<Event>,
    pub dropped: u64,
}

impl Default for EventLog {
    fn default() -> Self {
        EventLog {
            buf: VecDeque::new(),
            level: Detail::Basic,
            dropped: 0,
        }
    }
}

impl EventLog {
    /// Recording anything at all.
    pub fn enabled(&self) -> bool {
        self.level != Detail::Off
    }

    /// Recording effects and selections.
    pub fn full(&self) -> bool {
        self.level == Detail::Full
    }

    pub fn push(&mut self, e: Event) {
        if !self.enabled() {
            return;
        }
        if self.buf.len() >= EVENT_LOG_CAP {
            self.buf.pop_front();
            self.dropped += 1;
        }
        self.buf.push_back(e);
    }

    /// The newest event, for amending (a command that turned out to wait).
    pub fn last_mut(&mut self) -> Option<&mut Event> {
        self.buf.back_mut()
    }

    pub fn take(&mut self) -> Events {
        Events {
            events: self.buf.drain(..).collect(),
            dropped: std::mem::take(&mut self.dropped),
        }
    }
}
