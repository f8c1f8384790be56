//! The Redis engine: keyspace, commands, sessions, expiry. Pure and
//! synchronous: it never does I/O, never reads the OS clock and never asks
//! the OS for randomness. The host (the native server, the browser app, a
//! test) owns time and pushes it in with `tick`; every reply is returned,
//! never written anywhere.

pub mod acl;
pub mod args;
pub mod blocking;
pub(crate) mod cmd;
mod commands;
pub mod config;
pub mod db;
mod dispatch;
pub mod errors;
pub mod events;
pub mod evict;
pub mod fields;
pub mod glob;
pub mod inspect;
pub mod keyspecs;
pub mod ld;
pub mod members;
pub mod packed;
pub mod persist;
pub mod propagate;
pub mod pubsub;
pub mod rdb;
pub mod scripting;
pub mod sizes;
pub mod slowlog;
pub mod snapshot;
mod snapshot_bytes;
pub mod table;
pub mod value;
pub mod views;
pub mod zset;

use std::collections::{BTreeMap, BTreeSet};

use indexmap::{IndexMap, IndexSet};

use crate::reply::Reply;
use config::Config;
use db::{Db, Entry};
use events::EventLog;
pub use events::{Detail, Effect, Event, Events, Outcome, Selection};
pub use scripting::busy::BusyHost;
use table::Command;
use value::Value;

pub const NUM_DBS: usize = 16;

/// Identifies a client connection (a console tab, a TCP connection).
/// Ids are never reused, as with CLIENT ID.
pub type SessionId = u64;

/// What the host knows about a client that the engine cannot: where it
/// connects from. Shown by CLIENT LIST and CLIENT INFO.
#[derive(Debug, Clone, Default)]
pub struct ClientAddr {
    pub addr: String,
    pub laddr: String,
    pub fd: i64,
}

/// A transaction being queued (between MULTI and EXEC).
#[derive(Debug, Clone, Default)]
pub struct Multi {
    pub queue: Vec<Vec<Vec<u8>>>,
    /// A queued command was refused (unknown, wrong arity): EXEC will
    /// answer EXECABORT.
    pub failed: bool,
}

/// One client's state: selected db, protocol, name, transaction, watched
/// keys and subscriptions.
#[derive(Debug, Clone)]
pub struct Session {
    pub id: SessionId,
    pub name: Option<Vec<u8>>,
    pub db: usize,
    /// 2 or 3, chosen with HELLO.
    pub resp: u8,
    pub addr: ClientAddr,
    pub created_ms: i64,
    pub last_ms: i64,
    /// Full name of the last command run (`config|get`), for CLIENT LIST.
    pub last_cmd: &'static str,
    pub lib_name: Option<Vec<u8>>,
    pub lib_ver: Option<Vec<u8>>,
    /// Set by QUIT (and by the server when the peer misbehaves): the host
    /// sends the reply, then closes the connection.
    pub closing: bool,
    /// CLIENT NO-EVICT ON: the client is left out of client eviction
    /// (shown as `e` in CLIENT LIST). Kept by snapshots in memory, not by
    /// their bytes.
    pub no_evict: bool,
    /// In MONITOR: every command the server runs comes as a push (`O` in
    /// CLIENT LIST). Kept by snapshots in memory, not by their bytes.
    pub monitor: bool,
    /// CLIENT REPLY: 0 on, 1 off, 2 skip the reply after this one, 3 skip
    /// this one. Kept by snapshots in memory, not by their bytes.
    pub reply_mode: u8,
    pub multi: Option<Multi>,
    /// `(db, key)` pairs under WATCH; whether one changed is the engine's
    /// (`Engine::watch_dirty`), since any client's write can change it.
    pub watched: Vec<(usize, Vec<u8>)>,
    pub subs: pubsub::Subscriptions,
    /// Waiting in a blocking command (BLPOP, ...): no reply yet, and the
    /// host sends it nothing more until the reply comes out of its outbox.
    pub blocked: Option<blocking::Blocked>,
}

/// Client-side caching (CLIENT TRACKING, `cmd/tracking.rs`, part of the
/// rest of the engine): what the core tells it, through a trait object so
/// that the first loads, which can never turn tracking on, carry none of
/// its code.
pub trait Tracker: std::fmt::Debug + Send {
    fn clone_box(&self) -> Box<dyn Tracker>;
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any;
    /// A key was written (`Engine::notify`).
    fn modified(&mut self, eng: &mut Engine, key: &[u8]);
    /// A database was flushed.
    fn flushed(&mut self, eng: &mut Engine);
    fn closed(&mut self, id: SessionId);
    /// CLIENT LIST's letters for a tracking client, and its redirect.
    fn client_flags(&self, id: SessionId) -> Option<(String, i64)>;
    /// CLIENT TRACKINGINFO's flags of a tracking client (`on`, `bcast`,
    /// `optin`, ...), for tutorial checks.
    fn modes(&self, id: SessionId) -> Option<Vec<&'static str>>;
    /// After each command a client ran (scripts' calls too).
    fn after_command(
        &mut self,
        eng: &mut Engine,
        sess: &Session,
        cmd: &'static Command,
        argv: &[Vec<u8>],
    );
    /// Keys evicted before a client's command ran (Redis evicts before
    /// it executes): their invalidations go out before its reply.
    fn before_command(&mut self, _eng: &mut Engine, _sess: &Session) {}
    /// Once a client's command is over and its reply out (`session` 0
    /// for the clock's own work): what waited for it, the broadcasts.
    fn after_submit(&mut self, eng: &mut Engine, session: SessionId);
    /// INFO's tracking_total_keys, _items and _prefixes, and
    /// tracking_clients.
    fn totals(&self) -> [usize; 4];
}

/// Where a command met ACL's check: it decides the words of a refusal
/// and what ACL LOG says of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AclContext {
    Toplevel,
    /// Queued in MULTI.
    Multi,
    /// Run by EXEC (checked again: the rules may have changed meanwhile).
    Exec,
    /// A script's `redis.call`.
    Script,
}

/// ACL (`acl.rs`, part of the rest of the engine): users and what each
/// may run. A trait object, `None` until an ACL command, a user's AUTH or
/// a failed password needs it, so that the first loads (which can do
/// none of these) carry none of its code; until then the only user is
/// `default`, whose password is requirepass.
pub trait Guard: std::fmt::Debug + Send {
    fn clone_box(&self) -> Box<dyn Guard>;
    /// For the ACL commands, which know the concrete type.
    fn into_any(self: Box<Self>) -> Box<dyn std::any::Any>;
    /// The refusal of `argv` for this client's user, logged in ACL LOG,
    /// or `None` when the user may run it.
    fn refusal(
        &mut self,
        eng: &mut Engine,
        sess: &Session,
        cmd: &'static Command,
        argv: &[Vec<u8>],
        context: AclContext,
    ) -> Option<Reply>;
    /// Whether a new client must authenticate: the default user has a
    /// password or is off.
    fn needs_password(&self) -> bool;
    /// AUTH or HELLO AUTH: the client becomes `user`, or the failure is
    /// logged.
    fn authenticate(
        &mut self,
        eng: &mut Engine,
        sess: &Session,
        argv: &[Vec<u8>],
        user: &[u8],
        pass: &[u8],
    ) -> bool;
    /// The client is back to `default` (RESET) or gone.
    fn forget(&mut self, id: SessionId);
    fn user_of(&self, id: SessionId) -> String;
    /// CONFIG SET requirepass: the default user's password.
    fn requirepass(&mut self, pass: &str);
    /// ACL DRYRUN (for tutorial checks too): `Ok(None)` allowed,
    /// `Ok(Some(why))` refused, `Err` no such user or command.
    fn dry_run(&self, user: &[u8], line: &[Vec<u8>]) -> Result<Option<String>, String>;
    fn has_user(&self, name: &[u8]) -> bool;
    /// The default user has the `nopass` flag.
    fn default_nopass(&self) -> bool;
    /// Whether this client's user may run `argv` (`redis.acl_check_cmd`).
    fn allows(&self, id: SessionId, cmd: &'static Command, argv: &[Vec<u8>]) -> bool;
}

impl Clone for Box<dyn Guard> {
    fn clone(&self) -> Self {
        self.clone_box()
    }
}

impl Clone for Box<dyn Tracker> {
    fn clone(&self) -> Self {
        self.clone_box()
    }
}

impl Session {
    /// The client a script's `redis.call`s run as: Redis gives scripts a
    /// client of their own, which starts in the caller's database and
    /// speaks RESP2 (the script may change both; the caller keeps its own).
    pub(crate) fn script_client(&self) -> Session {
        Session {
            id: self.id,
            name: self.name.clone(),
            db: self.db,
            resp: 2,
            addr: self.addr.clone(),
            created_ms: self.created_ms,
            last_ms: self.last_ms,
            last_cmd: self.last_cmd,
            lib_name: None,
            lib_ver: None,
            closing: false,
            no_evict: false,
            monitor: false,
            reply_mode: 0,
            multi: None,
            watched: Vec::new(),
            subs: pubsub::Subscriptions::default(),
            blocked: None,
        }
    }
}

/// Counters INFO reports.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    pub connections_received: u64,
    pub commands_processed: u64,
    pub expired_keys: u64,
    /// Keys given up to `maxmemory` (INFO's `evicted_keys`).
    pub evicted_keys: u64,
    pub keyspace_hits: u64,
    pub keyspace_misses: u64,
    pub rejected_calls: u64,
    pub error_replies: u64,
    /// Connections refused (protected mode, maxclients): INFO's
    /// `rejected_connections`.
    pub rejected_connections: u64,
    /// Per command full name: its counts for INFO commandstats.
    pub per_command: BTreeMap<&'static str, CommandStats>,
    /// Error replies by their first word (`ERR`, `WRONGTYPE`), for INFO
    /// errorstats; at most `MAX_ERROR_KINDS` kinds, as Redis keeps. A
    /// sorted list (a map keyed by strings would cost the page's wasm its
    /// own copy of the map's code).
    pub errors: Vec<(String, u64)>,
}

/// One command's counts: calls, microseconds spent (the engine has no
/// clock fine enough to time a command, so it stays 0), calls refused
/// before running (arity, subscribed mode, ...) and calls that answered
/// an error.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct CommandStats {
    pub calls: u64,
    pub usec: u64,
    pub rejected: u64,
    pub failed: u64,
}

/// Kinds of errors INFO errorstats tracks at most (Redis's limit).
const MAX_ERROR_KINDS: usize = 128;

/// Options fixed when an engine is made.
#[derive(Debug, Clone)]
pub struct EngineOptions {
    /// Seed of the engine's own PRNG (RANDOMKEY, SPOP, ...). Same seed, same
    /// commands, same replies: what makes transcripts and undo reproducible.
    pub seed: u64,
    /// The clock at start, in Unix microseconds.
    pub start_us: i64,
    /// Lua instructions one script may run before it is stopped.
    pub script_instructions: u64,
    /// Seed of the keyspace's hash (see `Db::with_seed`): a network server
    /// draws it from the system, as Redis seeds its dict's SipHash at
    /// start, so keys chosen to collide cannot be planned. Nothing a
    /// client sees depends on it.
    pub hash_seed: u64,
}

impl Default for EngineOptions {
    fn default() -> Self {
        EngineOptions {
            hash_seed: 0,
            seed: 0x5eed,
            start_us: 1_700_000_000_000_000,
            script_instructions: scripting::DEFAULT_INSTRUCTION_LIMIT,
        }
    }
}

pub struct Engine {
    dbs: Vec<Db>,
    /// Boxed: a command takes its client's session out of the map and puts
    /// it back, which then moves a pointer, not the whole session.
    sessions: BTreeMap<SessionId, Box<Session>>,
    next_session: SessionId,
    now_us: i64,
    start_us: i64,
    pub(crate) rng: fastrand::Rng,
    pub(crate) config: Config,
    pub(crate) stats: Stats,
    events: EventLog,
    /// Id of the session whose command is running (for events).
    current: SessionId,
    /// The next command id, and the ids of the commands running now
    /// (an EXEC or EVAL and the command it runs inside): see `Event`.
    next_command: u64,
    pub(crate) command_stack: Vec<u64>,
    /// Set by `dispatch` when the command went into a MULTI queue.
    queued_last: bool,
    /// The next PUBLISH's message id (shared by its deliveries).
    pub(crate) next_message: u64,
    /// Set when a command changed the dataset; INFO's `rdb_changes_since_last_save`.
    pub(crate) dirty: u64,
    /// Saving: where files go, the last save, INFO's counters.
    pub(crate) persist: persist::Persist,
    /// Clients that must AUTH before anything else (a password was
    /// required when they connected, or when they sent RESET).
    pub(crate) unauthenticated: BTreeSet<SessionId>,
    /// Moves when CONFIG SET or SCRIPT LOAD/FLUSH changed what the
    /// engine does without changing data (hosts that keep undo steps
    /// count those as steps too). Not part of a snapshot.
    pub(crate) settings_changes: u64,
    pub(crate) registry: pubsub::Registry,
    pub(crate) outboxes: pubsub::Outboxes,
    /// Per db: watched key -> the sessions watching it.
    pub(crate) watchers: Vec<IndexMap<Vec<u8>, Vec<SessionId>>>,
    /// Sessions whose watched keys changed since they watched them.
    pub(crate) watch_dirty: BTreeSet<SessionId>,
    /// Watches of keys that were already past their deadline (not yet
    /// removed) when WATCH ran: deleting such a key is no change, and its
    /// expiry does not fail EXEC (Redis's `watchedKey.expired`).
    pub(crate) watch_stale: Vec<(SessionId, usize, Vec<u8>)>,
    /// Sessions to disconnect once the running command is done (an
    /// outbox over its limit).
    pub(crate) doomed: BTreeSet<SessionId>,
    /// Sessions the engine closed itself, for the host to hang up.
    disconnected: Vec<SessionId>,
    /// Per db: key -> the clients blocked on it, first come first.
    pub(crate) blocking: Vec<IndexMap<Vec<u8>, blocking::Waiters>>,
    /// Waited-on keys that were written, to serve once the command ends.
    pub(crate) ready: IndexSet<(usize, Vec<u8>)>,
    /// `(deadline ms, session)` of every blocked client with a timeout.
    pub(crate) block_deadlines: BTreeSet<(i64, SessionId)>,
    /// Set while nothing may wait (EXEC, `execute`): blocking commands
    /// answer as if they had timed out.
    pub(crate) deny_blocking: bool,
    /// A script is running (XREAD BLOCK refuses to run from one; MONITOR
    /// shows its calls as `lua`).
    pub(crate) in_script: bool,
    /// The running script has called a write command (Redis's
    /// SCRIPT_WRITE_DIRTY): from then on it is refused nothing for the
    /// server's state (MISCONF, OOM), since it cannot be undone halfway.
    pub(crate) script_dirty: bool,
    /// The running script's declared keys (KEYS): what client-side
    /// caching remembers for its caller when the script reads.
    pub(crate) script_keys: Vec<Vec<u8>>,
    /// The script that runs while a host is lent to serve others
    /// (`scripting/busy.rs`), and that host.
    pub(crate) running_script: Option<scripting::busy::RunningScript>,
    /// The command whose handler runs (for `cmd::ext`'s dispatch), and the
    /// last command of the rest of the engine found there.
    pub(crate) running_command: Option<&'static str>,
    pub(crate) ext_last: Option<(&'static str, table::Handler)>,
    pub(crate) busy_host: Option<scripting::busy::LentHost>,
    /// Clients in MONITOR, in the order they started.
    pub(crate) monitors: Vec<SessionId>,
    /// EXEC is running its queue (MONITOR refuses to start inside it).
    pub(crate) in_exec: bool,
    /// A command whose key lookups are reads runs: each counts as a hit
    /// or a miss (INFO's keyspace_hits, keyspace_misses; `keymiss`).
    pub(crate) read_lookups: bool,
    /// `maxmemory`'s settings and eviction pool (`evict.rs`).
    pub(crate) evict: evict::Eviction,
    /// What is logged to the AOF (`propagate.rs`).
    pub(crate) prop: propagate::Propagation,
    /// CLIENT PAUSE: until when (engine ms) and whether ALL commands wait
    /// (else only writes), and the clients held back, in order.
    pub(crate) pause: Option<(i64, bool)>,
    pub(crate) postponed: Vec<SessionId>,
    /// The host can stop (SHUTDOWN), and whether it was asked to.
    pub(crate) can_shutdown: bool,
    pub(crate) shutdown_requested: bool,
    /// Client-side caching, once a client turned it on.
    pub(crate) tracker: Option<Box<dyn Tracker>>,
    /// ACL's users, once something needed more than the default user.
    pub(crate) acl: Option<Box<dyn Guard>>,
    /// DEBUG SET-DISABLE-DENY-SCRIPTS 1: scripts may call `noscript`
    /// commands (Redis's test suite uses it to reach DEBUG PROTOCOL).
    pub(crate) script_deny_disabled: bool,
    /// The configuration file the native server started with (an absolute
    /// path): CONFIG REWRITE's. `None` elsewhere.
    pub config_file: Option<String>,
    /// DEBUG SET-ACTIVE-EXPIRE 0 turns the expiry cycle off: keys then go
    /// only when a command finds them past their deadline.
    pub(crate) active_expire_enabled: bool,
    /// A DEBUG SLEEP the host should carry out (µs), natively.
    pub(crate) sleep_request: Option<u64>,
    /// In a page, DEBUG SLEEP holds every client back until then (engine
    /// ms), as a pause would: what a held back tab says it waits for.
    pub(crate) asleep_until: i64,
    /// How long the running command kept the server busy, in µs: commands
    /// take no time on the engine clock, except DEBUG SLEEP's, which
    /// SLOWLOG then sees.
    pub(crate) command_busy_us: i64,
    /// Pushes for the client whose command runs that belong after its
    /// reply (its own invalidations, its own MONITOR line): hosts take
    /// them with `take_late_pushes`.
    late: Vec<(SessionId, Reply)>,
    /// EVAL's script cache, FUNCTION's libraries and the Lua VM.
    pub(crate) scripting: scripting::Scripting,
    /// A command of the rest of the engine ran in a build without it (see
    /// `cmd::ext`): the page should load the full build.
    pub ext_wanted: bool,
    /// SLOWLOG's entries (`slowlog.rs`).
    pub(crate) slowlog: slowlog::Slowlog,
}

impl Default for Engine {
    fn default() -> Self {
        Engine::new(EngineOptions::default())
    }
}

impl Engine {
    pub fn new(opts: EngineOptions) -> Engine {
        Engine {
            dbs: (0..NUM_DBS as u64)
                .map(|i| Db::with_seed(opts.hash_seed ^ i))
                .collect(),
            sessions: BTreeMap::new(),
            next_session: 1,
            now_us: opts.start_us,
            start_us: opts.start_us,
            rng: fastrand::Rng::with_seed(opts.seed),
            config: Config::default(),
            stats: Stats::default(),
            events: EventLog::default(),
            current: 0,
            next_command: 1,
            command_stack: Vec::new(),
            queued_last: false,
            ext_wanted: false,
            slowlog: slowlog::Slowlog::default(),
            next_message: 1,
            dirty: 0,
            persist: persist::Persist::default(),
            unauthenticated: BTreeSet::new(),
            settings_changes: 0,
            registry: pubsub::Registry::default(),
            outboxes: pubsub::Outboxes::default(),
            watchers: (0..NUM_DBS).map(|_| IndexMap::new()).collect(),
            watch_stale: Vec::new(),
            watch_dirty: BTreeSet::new(),
            doomed: BTreeSet::new(),
            disconnected: Vec::new(),
            blocking: (0..NUM_DBS).map(|_| IndexMap::new()).collect(),
            ready: IndexSet::new(),
            block_deadlines: BTreeSet::new(),
            deny_blocking: false,
            in_script: false,
            script_dirty: false,
            script_keys: Vec::new(),
            running_script: None,
            running_command: None,
            ext_last: None,
            busy_host: None,
            monitors: Vec::new(),
            in_exec: false,
            read_lookups: false,
            evict: evict::Eviction::default(),
            prop: propagate::Propagation::default(),
            pause: None,
            postponed: Vec::new(),
            can_shutdown: false,
            shutdown_requested: false,
            tracker: None,
            acl: None,
            script_deny_disabled: false,
            config_file: None,
            active_expire_enabled: true,
            command_busy_us: 0,
            asleep_until: 0,
            sleep_request: None,
            late: Vec::new(),
            scripting: scripting::Scripting {
                instruction_limit: opts.script_instructions,
                ..Default::default()
            },
        }
    }

    // ----- time -------------------------------------------------------------

    /// Engine time in Unix milliseconds.
    pub fn now_ms(&self) -> i64 {
        self.now_us.div_euclid(1000)
    }

    pub fn now_us(&self) -> i64 {
        self.now_us
    }

    pub fn uptime_ms(&self) -> i64 {
        (self.now_us - self.start_us).div_euclid(1000)
    }

    /// Move the clock to `now_ms` (never backwards) and run the active
    /// expiry cycle. Hosts call this before each command and on a timer.
    pub fn tick(&mut self, now_ms: i64) {
        self.tick_us(now_ms.saturating_mul(1000));
    }

    pub fn tick_us(&mut self, now_us: i64) {
        if now_us > self.now_us {
            let from_ms = self.now_ms();
            self.now_us = now_us;
            let to_ms = self.now_ms();
            if to_ms != from_ms {
                self.events.push(Event::ClockMoved { from_ms, to_ms });
            }
        }
        self.late_to_outboxes();
        if self.pause.is_some_and(|(end, _)| self.now_ms() >= end) {
            self.end_pause();
            self.end_unit(false);
        }
        self.active_expire();
        // The cycle's deletions, logged as they are (no MULTI).
        self.end_unit(true);
        // appendfsync everysec: what was written is flushed once a second.
        if self.persist.aof.as_ref().is_some_and(|a| a.unsynced) {
            if let Some((.., sync)) = table::persistence() {
                sync(self);
            }
        }
        self.expire_blocked();
        if let Some((_, cron, _, _)) = table::persistence() {
            cron(self);
        }
        self.tracking_after(0);
        // Expiry may have notified subscribers past their limit.
        self.close_doomed();
    }

    /// Client-side caching's work once a command (or the clock's) is over.
    fn tracking_after(&mut self, session: SessionId) {
        if let Some(mut t) = self.tracker.take() {
            t.after_submit(self, session);
            self.tracker = Some(t);
        }
    }

    /// Fast-forward a manual clock.
    pub fn advance_time(&mut self, ms: i64) {
        let target = self.now_us.saturating_add(ms.max(0).saturating_mul(1000));
        self.tick_us(target);
    }

    /// Remove every key whose deadline has passed. Redis samples keys at
    /// random; removing all due keys gives the same observable result for
    /// clients (an expired key is never returned) and makes the picture of
    /// a fast-forwarded clock exact.
    fn active_expire(&mut self) {
        if !self.active_expire_enabled || self.expiry_paused() {
            return;
        }
        let now = self.now_ms();
        for db in 0..self.dbs.len() {
            loop {
                let due = match self.dbs.get(db) {
                    Some(d) if d.volatile_len() > 0 => d.due(now, 256),
                    _ => break,
                };
                if due.is_empty() {
                    break;
                }
                for key in due {
                    self.expire_key(db, &key);
                }
            }
        }
    }

    // ----- sessions ---------------------------------------------------------

    pub fn open_session(&mut self, addr: ClientAddr) -> SessionId {
        let id = self.next_session;
        self.next_session += 1;
        let now = self.now_ms();
        self.sessions.insert(
            id,
            Box::new(Session {
                id,
                name: None,
                db: 0,
                resp: 2,
                addr,
                created_ms: now,
                last_ms: now,
                last_cmd: "NULL",
                lib_name: None,
                lib_ver: None,
                closing: false,
                no_evict: false,
                monitor: false,
                reply_mode: 0,
                multi: None,
                watched: Vec::new(),
                subs: pubsub::Subscriptions::default(),
                blocked: None,
            }),
        );
        self.stats.connections_received += 1;
        self.require_auth(id);
        self.events.push(Event::ClientOpened { session: id });
        id
    }

    /// Whether clients must authenticate at all: the default user has a
    /// password (`requirepass`, or ACL's rules once they are kept) or is
    /// off.
    pub(crate) fn default_user_has_password(&self) -> bool {
        match &self.acl {
            Some(g) => g.needs_password(),
            None => self
                .config
                .get_str("requirepass")
                .is_some_and(|p| !p.is_empty()),
        }
    }

    /// AUTH and HELLO AUTH: whether `user` and `pass` are right, and if so
    /// the client is that user. Builds with ACL keep users (and log a
    /// failure); a first load knows only `default` and requirepass.
    pub(crate) fn authenticate(
        &mut self,
        sess: &Session,
        argv: &[Vec<u8>],
        user: &[u8],
        pass: &[u8],
    ) -> bool {
        if self.acl.is_none() {
            self.acl = table::guard().map(|make| make(self));
        }
        let ok = match self.acl.take() {
            Some(mut g) => {
                let ok = g.authenticate(self, sess, argv, user, pass);
                self.acl = Some(g);
                ok
            }
            None => self.check_password(user, pass),
        };
        if ok {
            self.unauthenticated.remove(&sess.id);
        }
        ok
    }

    /// ACL's refusal of a command for this client's user, if ACL keeps
    /// users.
    pub(crate) fn acl_refusal(
        &mut self,
        sess: &Session,
        cmd: &'static Command,
        argv: &[Vec<u8>],
        context: AclContext,
    ) -> Option<Reply> {
        let mut g = self.acl.take()?;
        let refusal = g.refusal(self, sess, cmd, argv, context);
        self.acl = Some(g);
        refusal
    }

    /// This client must authenticate before anything else: it has not,
    /// and a password is asked for now (Redis's `authRequired`).
    pub(crate) fn auth_required(&self, id: SessionId) -> bool {
        self.unauthenticated.contains(&id) && self.default_user_has_password()
    }

    /// A client starts unauthenticated while the default user has a
    /// password.
    /// Tell hosts the data was read back from `from` (see
    /// `Event::Loaded`).
    pub(crate) fn report_loaded(&mut self, from: &'static str) {
        let keys = self.dbs.iter().map(|d| d.len()).sum();
        self.events.push(Event::Loaded { from, keys });
    }

    pub(crate) fn require_auth(&mut self, id: SessionId) {
        if self.default_user_has_password() {
            self.unauthenticated.insert(id);
        } else {
            // RESET while no password is asked: authenticated, and stays
            // so if one is set later (Redis's `clientSetDefaultAuth`).
            self.unauthenticated.remove(&id);
        }
    }

    /// The default user takes any password (Redis's NOPASS flag, whether
    /// or not the user is off): what AUTH with one argument and protected
    /// mode ask.
    pub(crate) fn default_user_nopass(&self) -> bool {
        match &self.acl {
            Some(g) => g.default_nopass(),
            None => self
                .config
                .get_str("requirepass")
                .is_none_or(|p| p.is_empty()),
        }
    }

    pub fn close_session(&mut self, id: SessionId) {
        self.monitors.retain(|m| *m != id);
        self.unauthenticated.remove(&id);
        if let Some(g) = &mut self.acl {
            g.forget(id);
        }
        if let Some(t) = &mut self.tracker {
            t.closed(id);
        }
        if let Some(mut sess) = self.sessions.remove(&id) {
            self.unblock(&mut sess, "closed", None);
            self.forget_client_state(&mut sess);
            self.outboxes.take(id);
            self.events.push(Event::ClientClosed { session: id });
        }
    }

    /// Messages and subscription confirmations waiting for a client, oldest
    /// first. Hosts take them after every command, before the reply.
    pub fn take_pushes(&mut self, session: SessionId) -> Vec<Reply> {
        self.outboxes.take(session)
    }

    /// Every client's waiting messages (after a PUBLISH reached others).
    pub fn take_all_pushes(&mut self) -> Vec<(SessionId, Vec<Reply>)> {
        self.outboxes.take_all()
    }

    /// `take_all_pushes` for a host that writes RESP: a message many
    /// received is one shared frame, for the host to encode once.
    pub fn take_all_frames(
        &mut self,
    ) -> Vec<(SessionId, std::collections::VecDeque<pubsub::Frame>)> {
        self.outboxes.take_all_frames()
    }

    pub fn has_pushes(&self) -> bool {
        !self.outboxes.is_empty()
    }

    /// Clients the engine disconnected (their pubsub output passed
    /// `client-output-buffer-limit`) since the last call; the host closes
    /// their connections.
    pub fn take_disconnected(&mut self) -> Vec<SessionId> {
        std::mem::take(&mut self.disconnected)
    }

    pub fn session(&self, id: SessionId) -> Option<&Session> {
        self.sessions.get(&id).map(|s| &**s)
    }

    pub fn sessions(&self) -> impl Iterator<Item = &Session> {
        self.sessions.values().map(|s| &**s)
    }

    // ----- events -----------------------------------------------------------

    /// Everything that happened since the last call, oldest first, and
    /// how many older events were dropped (see [`Events`]).
    pub fn take_events(&mut self) -> Events {
        self.events.take()
    }

    /// How much to record: `Detail::Off` for hosts with no one to show
    /// events to (the native server, the JS API), `Full` for pictures.
    /// New engines record `Basic`.
    pub fn set_event_detail(&mut self, level: Detail) {
        self.events.level = level;
    }

    // ----- keyspace, for handlers -------------------------------------------

    pub fn db(&self, index: usize) -> Option<&Db> {
        self.dbs.get(index)
    }

    /// Set a configuration parameter as a config file or command line
    /// would at start (immutable ones too): for hosts and tests.
    pub fn set_startup_config(&mut self, name: &str, value: &str) -> Result<(), String> {
        // What the hot path keeps of CONFIG is read again.
        self.settings_changes += 1;
        self.config.set_startup(name, value).map_err(|e| e.0)
    }

    /// A DEBUG SLEEP the last command asked for, in µs: a host that can
    /// stop its thread sleeps that long before serving anyone else.
    pub fn take_sleep(&mut self) -> Option<u64> {
        self.sleep_request.take()
    }

    /// Whether a DEBUG SLEEP (in a page, where it holds clients back on
    /// the engine clock) still keeps the server busy.
    pub fn asleep(&self) -> bool {
        self.pause.is_some() && self.asleep_until > self.now_ms()
    }

    pub(crate) fn dbs(&self) -> &[Db] {
        &self.dbs
    }

    pub(crate) fn db_mut(&mut self, index: usize) -> Option<&mut Db> {
        self.dbs.get_mut(index)
    }

    /// Whether clients are paused now: Redis expires no key then (a key
    /// past its deadline is gone to readers but stays until the pause
    /// ends).
    fn expiry_paused(&self) -> bool {
        self.pause.is_some_and(|(end, _)| self.now_ms() < end)
    }

    /// The key is still there but past its deadline (Redis's
    /// `keyIsExpired`).
    pub(crate) fn logically_expired(&self, db: usize, key: &[u8]) -> bool {
        let now = self.now_ms();
        self.db(db)
            .and_then(|d| d.expire_at(key))
            .is_some_and(|t| now > t)
    }

    /// Past its deadline? Then the key is gone to every reader: removed
    /// and said so (unless clients are paused, when it stays). True when
    /// it is gone that way.
    fn expire_if_needed(&mut self, db: usize, key: &[u8]) -> bool {
        // While files load nothing expires (Redis's `keyIsExpired`): a
        // later line may still change the key's deadline.
        if self.persist.loading || !self.logically_expired(db, key) {
            return false;
        }
        if !self.expiry_paused() {
            self.expire_key(db, key);
        }
        true
    }

    fn expire_key(&mut self, db: usize, key: &[u8]) {
        if let Some(d) = self.dbs.get_mut(db) {
            if d.remove(key).is_some() {
                self.stats.expired_keys += 1;
                self.notify(db, key, "expired");
                self.propagate_deletion(db, key);
            }
        }
    }

    /// Look a key up for reading: expires it if due, records the access.
    pub(crate) fn lookup(&mut self, db: usize, key: &[u8]) -> Option<&Value> {
        self.lookup_mut(db, key).map(|e| &e.value)
    }

    /// The entry for reading or writing, alive keys only.
    pub(crate) fn lookup_mut(&mut self, db: usize, key: &[u8]) -> Option<&mut Entry> {
        let expired = self.expire_if_needed(db, key);
        if self.read_lookups {
            let found = !expired && self.dbs.get(db).is_some_and(|d| d.contains(key));
            self.count_read(db, key, found);
        }
        if expired {
            return None;
        }
        let now = self.now_ms();
        let lfu = self.evict.policy.lfu();
        let r = if lfu { self.rng.f64() } else { 0.0 };
        let (factor, decay) = self.evict.lfu_settings();
        // Noted for the memory total even for reads: PFCOUNT caches its
        // count and SORT_RO may convert a sorted set in place.
        let entry = self.dbs.get_mut(db)?.raw_get_mut(key)?;
        entry.touch(now);
        if lfu {
            entry.touch_lfu(now, r, factor, decay);
        }
        Some(entry)
    }

    /// A read's hit or miss, as Redis's `lookupKeyRead` counts it.
    #[inline(never)]
    fn count_read(&mut self, db: usize, key: &[u8], found: bool) {
        self.count_hit_or_miss(found);
        if !found {
            let classes = self.config.keyspace_events();
            if classes & config::NOTIFY_KEY_MISS != 0 {
                self.keyspace_notification(classes, db, key, "keymiss");
            }
        }
    }

    /// INFO's keyspace_hits or keyspace_misses.
    fn count_hit_or_miss(&mut self, found: bool) {
        if found {
            self.stats.keyspace_hits += 1;
        } else {
            self.stats.keyspace_misses += 1;
        }
    }

    /// OBJECT's lookup (Redis's LOOKUP_NOTOUCH | LOOKUP_NONOTIFY): a hit or
    /// a miss in INFO, but no access-time touch and no `keymiss` event.
    pub(crate) fn exists_counted(&mut self, db: usize, key: &[u8]) -> bool {
        let found = self.exists(db, key);
        self.count_hit_or_miss(found);
        found
    }

    /// Does the key exist, without touching its access time (TYPE-like
    /// probes still expire it, as Redis does).
    pub(crate) fn exists(&mut self, db: usize, key: &[u8]) -> bool {
        !self.expire_if_needed(db, key) && self.dbs.get(db).is_some_and(|d| d.contains(key))
    }

    /// `exists` for EXISTS and TYPE, which Redis counts as reads (a hit
    /// or a miss each).
    pub(crate) fn exists_read(&mut self, db: usize, key: &[u8]) -> bool {
        let alive = self.exists(db, key);
        self.count_read(db, key, alive);
        alive
    }

    /// Store a value. `keep_ttl` keeps the old deadline (SET KEEPTTL,
    /// SETRANGE, APPEND); otherwise the key loses any deadline, as SET does.
    pub(crate) fn store(&mut self, db: usize, key: &[u8], value: Value, keep_ttl: bool) {
        self.expire_if_needed(db, key);
        let now = self.now_ms();
        let Some(d) = self.dbs.get_mut(db) else {
            return;
        };
        let expire_at = if keep_ttl { d.expire_at(key) } else { None };
        // One look at what was there: whether the key is new, and whether
        // it held a stream (replaced, it wakes its group readers too).
        let old = d.raw_get(key).map(|e| matches!(e.value, Value::Stream(_)));
        let new = old.is_none();
        let collection = old == Some(true)
            || matches!(value, Value::List(_) | Value::ZSet(_) | Value::Stream(_));
        let mut entry = Entry::new(value, now);
        // An overwrite keeps the key's LFU counter (Redis's `dbOverwrite`).
        if self.evict.policy.lfu() {
            if let Some(old) = d.raw_get(key) {
                let (c, at) = old.lfu();
                entry.set_lfu(c, at);
            }
        }
        d.insert(key, entry, expire_at);
        if new {
            self.notify_new(db, key);
        }
        if collection {
            self.signal_ready(db, key);
        }
    }

    /// A key was created: the `n` class of keyspace events (`new`), sent
    /// where Redis's `dbAdd` sends it, before the command's own event.
    fn notify_new(&mut self, db: usize, key: &[u8]) {
        let classes = self.config.keyspace_events();
        if classes & config::NOTIFY_NEW != 0 {
            self.keyspace_notification(classes, db, key, "new");
        }
    }

    /// Put a whole entry (value, access time, deadline) under a key, as
    /// RENAME, MOVE and COPY do: like `store`, it may wake a waiting client.
    pub(crate) fn put_entry(&mut self, db: usize, key: &[u8], entry: Entry, at: Option<i64>) {
        if let Some(d) = self.dbs.get_mut(db) {
            let new = !d.contains(key);
            d.insert(key, entry, at);
            if new {
                self.notify_new(db, key);
            }
            self.signal_ready(db, key);
        }
    }

    /// Delete an alive key; true when there was one.
    pub(crate) fn delete(&mut self, db: usize, key: &[u8]) -> bool {
        self.expire_if_needed(db, key);
        self.remove_key(db, key)
    }

    /// Remove a key whether or not its deadline has passed (eviction).
    pub(crate) fn remove_key(&mut self, db: usize, key: &[u8]) -> bool {
        let old = self.dbs.get_mut(db).and_then(|d| d.remove(key));
        if matches!(old.as_ref().map(|e| &e.value), Some(Value::Stream(_))) {
            // Its consumer-group readers are told it is gone.
            self.signal_ready(db, key);
        }
        old.is_some()
    }

    pub(crate) fn set_expire(&mut self, db: usize, key: &[u8], at: Option<i64>) -> bool {
        self.dbs.get_mut(db).is_some_and(|d| d.set_expire(key, at))
    }

    /// A key changed: watches of it break, and clients tracking it are
    /// told (Redis's `signalModifiedKey`).
    pub(crate) fn signal_modified(&mut self, db: usize, key: &[u8]) {
        self.touch_watched(db, key);
        if let Some(mut t) = self.tracker.take() {
            t.modified(self, key);
            self.tracker = Some(t);
        }
    }

    /// Every write ends here: it marks the dataset changed and records the
    /// keyspace event (the names are Redis's notification names). WATCH and
    /// keyspace notifications hang off this one place.
    pub(crate) fn notify(&mut self, db: usize, key: &[u8], event: &'static str) {
        self.dirty += 1;
        self.signal_modified(db, key);
        let classes = self.config.keyspace_events();
        if classes != 0 {
            self.keyspace_notification(classes, db, key, event);
        }
        // Checked here, before the key is copied into an event nobody reads.
        if self.events.enabled() {
            self.events.push(Event::Key {
                db,
                key: key.to_vec(),
                event,
            });
        }
    }

    pub(crate) fn flush_db(&mut self, db: usize) {
        self.touch_all_watched(db, None);
        self.signal_waited_keys(db);
        self.tracking_flushed();
        if let Some(d) = self.dbs.get_mut(db) {
            if !d.is_empty() {
                self.dirty += d.len() as u64;
            }
            d.clear();
        }
        self.events.push(Event::Flushed { db: Some(db) });
    }

    pub(crate) fn flush_all(&mut self) {
        for db in 0..self.dbs.len() {
            self.touch_all_watched(db, None);
            self.signal_waited_keys(db);
        }
        self.tracking_flushed();
        for d in &mut self.dbs {
            self.dirty += d.len() as u64;
            d.clear();
        }
        self.events.push(Event::Flushed { db: None });
    }

    pub(crate) fn swap_dbs(&mut self, a: usize, b: usize) {
        if a < self.dbs.len() && b < self.dbs.len() {
            self.touch_all_watched(a, Some(b));
            self.touch_all_watched(b, Some(a));
            self.dbs.swap(a, b);
            self.signal_all_ready(a);
            self.signal_all_ready(b);
            self.dirty += 1;
            self.events.push(Event::DbSwapped { a, b });
        }
    }

    fn tracking_flushed(&mut self) {
        if let Some(mut t) = self.tracker.take() {
            t.flushed(self);
            self.tracker = Some(t);
        }
    }

    /// A push for a client, after its reply when `late` and it is the one
    /// whose command runs (see `take_late_pushes`).
    pub(crate) fn push_after_reply(&mut self, id: SessionId, frame: Reply, late: bool) {
        if late {
            self.late.push((id, frame));
        } else {
            self.push_to(id, frame);
        }
    }

    /// What belongs after the reply `submit` just gave this client (its
    /// own invalidations, its own MONITOR line). Hosts that write pushes
    /// before the reply take these after it; whatever is not taken goes
    /// to the outboxes on the next command or tick.
    pub fn take_late_pushes(&mut self, session: SessionId) -> Vec<Reply> {
        if self.late.is_empty() {
            return Vec::new();
        }
        let (mine, rest) = std::mem::take(&mut self.late)
            .into_iter()
            .partition(|(id, _)| *id == session);
        self.late = rest;
        mine.into_iter().map(|(_, r)| r).collect()
    }

    fn late_to_outboxes(&mut self) {
        for (id, frame) in std::mem::take(&mut self.late) {
            self.push_to(id, frame);
        }
    }

    /// Keys someone waits on, about to be flushed: each is looked at once
    /// the command is over (a stream's group readers are told it is gone;
    /// a list's waiters find nothing and wait on).
    fn signal_waited_keys(&mut self, db: usize) {
        if let Some(waited) = self.blocking.get(db) {
            for k in waited.keys() {
                self.ready.insert((db, k.clone()));
            }
        }
    }

    pub(crate) fn random_u64(&mut self) -> u64 {
        self.rng.u64(..)
    }

    pub(crate) fn random_index(&mut self, len: usize) -> usize {
        if len == 0 {
            0
        } else {
            self.rng.usize(..len)
        }
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod event_tests;
#[cfg(test)]
mod evict_tests;
