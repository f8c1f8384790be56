//! Snapshot and restore: the whole engine state as one value, so that
//! undo and redo (and later share links and persistence) can put an
//! engine back exactly as it was: every database with its encodings,
//! element order and deadlines, CONFIG, the script cache and function
//! libraries, the clients (db, MULTI, WATCH, subscriptions, waits), the
//! clock and the RNG. Because the engine is deterministic, an engine
//! restored from a snapshot answers the same commands with the same
//! replies as the one it was taken from.
//!
//! Left out on purpose: INFO's counters (they keep counting, as a
//! server's do) and messages still waiting in outboxes (hosts take them
//! after every command; a restore empties the outboxes). What can be
//! derived from the rest is rebuilt rather than copied: who watches which
//! key, who subscribes to which channel, the timeouts of blocked clients,
//! and which library owns each function.
//!
//! Known differences of a restored engine (each orders or draws what Redis
//! leaves unspecified): channels and patterns are listed by PUBSUB, and
//! one client's several matching patterns deliver, in client order rather
//! than first-subscription order; and the Lua VM's `math.random` state is
//! not part of a snapshot. Each copied type costs the page's wasm its own clone code.
//!
//! A snapshot is a value in memory, versioned so that a host holding one
//! across an upgrade (or reading one back from bytes, see
//! `snapshot_bytes.rs`) can tell it apart. The Lua VM is not part of it:
//! it is rebuilt from the restored scripts and libraries when they differ
//! from what it holds.

use std::collections::{BTreeMap, BTreeSet};

use indexmap::IndexMap;

use super::config::Config;
use super::db::Db;
use super::scripting::Library;
use super::{blocking, pubsub, Engine, Session, SessionId};

/// Bumped whenever what a snapshot holds changes meaning, or its bytes
/// (`Snapshot::to_bytes`) their layout: the bytes carry it in their header.
pub const SNAPSHOT_VERSION: u32 = 1;

/// The engine's state at one moment. Cheap to move, as costly to take as
/// the dataset is big (it is a deep copy).
#[derive(Clone)]
pub struct Snapshot {
    pub version: u32,
    /// Engine time when it was taken (Unix ms).
    pub taken_ms: i64,
    pub(super) state: Box<State>,
}

impl std::fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Snapshot")
            .field("version", &self.version)
            .field("taken_ms", &self.taken_ms)
            .finish_non_exhaustive()
    }
}

#[derive(Clone)]
pub(super) struct State {
    pub(super) dbs: Vec<Db>,
    /// In id order; the map and the pub/sub registry are rebuilt from it.
    pub(super) sessions: Vec<Session>,
    pub(super) next_session: SessionId,
    pub(super) now_us: i64,
    pub(super) start_us: i64,
    pub(super) rng: fastrand::Rng,
    pub(super) config: Config,
    pub(super) dirty: u64,
    pub(super) watch_dirty: Vec<SessionId>,
    pub(super) blocking: Vec<IndexMap<Vec<u8>, blocking::Waiters>>,
    pub(super) scripts: IndexMap<String, Vec<u8>>,
    pub(super) libraries: IndexMap<String, Library>,
    pub(super) next_command: u64,
    pub(super) next_message: u64,
    /// Client-side caching (not kept by a snapshot's bytes).
    pub(super) tracker: Option<Box<dyn super::Tracker>>,
    pub(super) acl: Option<Box<dyn super::Guard>>,
    /// The clients still to authenticate, kept with the users they would
    /// authenticate as (`None` from bytes, which keep no users: the
    /// engine's own set stays).
    pub(super) unauthenticated: Option<std::collections::BTreeSet<SessionId>>,
    /// CLIENT PAUSE (a snapshot's bytes keep only the clients held back;
    /// read back, their pause is over).
    pub(super) pause: Option<(i64, bool)>,
}

/// Why a snapshot could not be restored, or its bytes not read (see
/// `snapshot_bytes.rs`). Shown to learners who paste a link or open a
/// file, so each says in a sentence what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub enum RestoreError {
    /// Made by a version of Reddish whose snapshots this one cannot read.
    Version(u32),
    /// The bytes do not start with a snapshot's mark: not a snapshot at all.
    NotASnapshot,
    /// The bytes stop at `at` where more was to come (or a length there
    /// promises more than is left).
    Truncated { at: usize },
    /// Something near byte `at` is no value an engine could hold.
    Invalid { at: usize, what: String },
}

impl std::fmt::Display for RestoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RestoreError::Version(v) => write!(
                f,
                "This snapshot was saved by another version of Reddish (snapshot version {v}); this one reads version {SNAPSHOT_VERSION} only."
            ),
            RestoreError::NotASnapshot => {
                write!(f, "These bytes are not a Reddish snapshot.")
            }
            RestoreError::Truncated { at } => write!(
                f,
                "The snapshot stops too early, after {at} bytes: it was probably cut short when copied."
            ),
            RestoreError::Invalid { at, what } => {
                write!(f, "The snapshot is damaged near byte {at}: {what}.")
            }
        }
    }
}

impl Engine {
    /// Function name -> library, from the libraries.
    fn index_functions(&mut self) {
        self.scripting.functions = IndexMap::new();
        for (lib, l) in &self.scripting.libraries {
            for f in &l.functions {
                self.scripting
                    .functions
                    .insert(f.name.to_ascii_lowercase(), lib.clone());
            }
        }
    }

    /// The libraries changed wholesale (a restore, DEBUG RELOAD): index
    /// their functions again, and have the VM forget `old_functions` and
    /// load the libraries anew.
    pub(crate) fn reload_functions(&mut self, old_functions: &[String]) {
        self.index_functions();
        if let Some(mut vm) = self.scripting.vm.take() {
            for name in old_functions {
                vm.forget_function(name);
            }
            self.set_script_vm(vm);
        }
    }

    /// The whole state, to `restore` later.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            version: SNAPSHOT_VERSION,
            taken_ms: self.now_ms(),
            state: Box::new(State {
                dbs: self.dbs.clone(),
                sessions: self.sessions.values().map(|s| (**s).clone()).collect(),
                next_session: self.next_session,
                now_us: self.now_us,
                start_us: self.start_us,
                rng: self.rng.clone(),
                config: self.config.clone(),
                dirty: self.dirty,
                watch_dirty: self.watch_dirty.iter().copied().collect(),
                blocking: self.blocking.clone(),
                scripts: self.scripting.scripts.clone(),
                libraries: self.scripting.libraries.clone(),
                next_command: self.next_command,
                next_message: self.next_message,
                tracker: self.tracker.clone(),
                acl: self.acl.clone(),
                unauthenticated: Some(self.unauthenticated.clone()),
                pause: self.pause,
            }),
        }
    }

    /// Put the engine back as it was when `snap` was taken, clock
    /// included (the one way engine time goes back: the host asked for
    /// the past). The data version moves on, so hosts redraw. Events
    /// recorded so far stay; the host should read the state afresh.
    pub fn restore(&mut self, snap: &Snapshot) -> Result<(), RestoreError> {
        if snap.version != SNAPSHOT_VERSION {
            return Err(RestoreError::Version(snap.version));
        }
        let s = snap.state.as_ref().clone();
        let scripting_changed = s.scripts.keys().ne(self.scripting.scripts.keys())
            || s.libraries.len() != self.scripting.libraries.len()
            || s.libraries
                .iter()
                .zip(self.scripting.libraries.iter())
                .any(|((a, la), (b, lb))| a != b || la.code != lb.code);
        // The data version must differ from every version seen since the
        // snapshot, or a host would think nothing changed.
        let dirty = self.dirty.max(s.dirty) + 1;
        let old_functions: Vec<String> = self.scripting.functions.keys().cloned().collect();
        self.dbs = s.dbs;
        self.sessions = BTreeMap::new();
        self.monitors.clear();
        for sess in s.sessions {
            if sess.monitor {
                self.monitors.push(sess.id);
            }
            self.sessions.insert(sess.id, Box::new(sess));
        }
        self.next_session = s.next_session;
        self.now_us = s.now_us;
        self.start_us = s.start_us;
        self.rng = s.rng;
        self.config = s.config;
        self.dirty = dirty;
        self.settings_changes += 1;
        self.outboxes = pubsub::Outboxes::default();
        self.watch_dirty = BTreeSet::new();
        for id in s.watch_dirty {
            self.watch_dirty.insert(id);
        }
        self.blocking = s.blocking;
        // Rebuilt from the clients: their watches and their waits' ends.
        self.watchers = (0..self.dbs.len()).map(|_| IndexMap::new()).collect();
        self.watch_stale.clear();
        self.block_deadlines.clear();
        self.registry = pubsub::Registry::default();
        for sess in self.sessions.values() {
            for kind in [
                pubsub::Kind::Channel,
                pubsub::Kind::Pattern,
                pubsub::Kind::Shard,
            ] {
                for name in sess.subs.of(kind) {
                    self.registry.add(kind, name, sess.id);
                }
            }
            for (db, key) in &sess.watched {
                if let Some(w) = self.watchers.get_mut(*db) {
                    w.entry(key.clone()).or_default().push(sess.id);
                }
            }
            if let Some(t) = sess.blocked.as_ref().and_then(|b| b.deadline_ms) {
                self.block_deadlines.insert((t, sess.id));
            }
        }
        // Ids never repeat within one event stream, restore or not.
        self.next_command = self.next_command.max(s.next_command);
        self.next_message = self.next_message.max(s.next_message);
        self.tracker = s.tracker;
        self.acl = s.acl;
        if let Some(u) = s.unauthenticated {
            self.unauthenticated = u;
        }
        self.pause = s.pause;
        // The clients held back by a pause, in the order they came (ids
        // grow): from bytes there is no pause, so the next tick runs them.
        self.postponed = self
            .sessions
            .values()
            .filter(|s| {
                matches!(
                    s.blocked.as_ref().map(|b| &b.wait),
                    Some(blocking::Wait::Postponed(_))
                )
            })
            .map(|s| s.id)
            .collect();
        if self.pause.is_none() && !self.postponed.is_empty() {
            self.pause = Some((0, true));
        }
        self.late.clear();
        self.ready.clear();
        self.doomed.clear();
        self.disconnected.clear();
        self.command_stack.clear();
        self.scripting.scripts = s.scripts;
        self.scripting.libraries = s.libraries;
        if scripting_changed {
            if let Some(vm) = self.scripting.vm.as_deref_mut() {
                vm.forget_scripts();
            }
            self.reload_functions(&old_functions);
        } else {
            self.index_functions();
        }
        // An engine that makes its VM on first use (native, the JS API)
        // but has none yet makes it now when the snapshot brings scripts:
        // EVALSHA and FCALL run only in a VM that knows them, and one made
        // later on first use would not (`set_script_vm` compiles them all).
        // The playground has no such VM: its host hands one over with
        // `set_script_vm` when a script first needs it.
        #[cfg(feature = "lua")]
        if self.scripting.vm.is_none()
            && self.scripting.auto_vm
            && !(self.scripting.scripts.is_empty() && self.scripting.libraries.is_empty())
        {
            let limits = (
                self.scripting.instruction_limit,
                self.scripting.memory_limit,
            );
            if let Ok(vm) = super::scripting::vm::Vm::new(limits.0, limits.1) {
                self.set_script_vm(Box::new(vm));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::{ClientAddr, EngineOptions};
    use super::*;
    use crate::reply::Reply;

    fn run(e: &mut Engine, s: SessionId, line: &str) -> Reply {
        let argv = crate::cli::split_args(line.as_bytes()).unwrap_or_default();
        e.execute(s, &argv)
    }

    /// Lines whose replies show every part of the state a snapshot keeps.
    const PROBES: &[&str] = &[
        "LRANGE l 0 -1",
        "HGETALL h",
        "SMEMBERS s",
        "ZRANGE z 0 -1 WITHSCORES",
        "OBJECT ENCODING h",
        "OBJECT ENCODING z",
        "OBJECT ENCODING s",
        "PTTL t",
        "GET n",
        "CONFIG GET hash-max-listpack-entries",
        "SPOP s2",
        "RANDOMKEY",
        "DBSIZE",
        "TIME",
    ];

    fn probe(e: &mut Engine, s: SessionId) -> Vec<Reply> {
        PROBES.iter().map(|l| run(e, s, l)).collect()
    }

    #[test]
    fn restore_gives_back_the_same_engine() {
        let mut e = Engine::new(EngineOptions::default());
        let s = e.open_session(ClientAddr::default());
        for line in [
            "CONFIG SET hash-max-listpack-entries 2",
            "RPUSH l c b a",
            "HSET h f1 1 f2 2 f3 3",
            "SADD s 3 1 2",
            "SADD s2 a b c d e f g",
            "ZADD z 2 b 1 a 3 c",
            "SET t x PX 5000",
            "SET n 10",
        ] {
            assert!(!run(&mut e, s, line).is_error(), "{line}");
        }
        let snap = e.snapshot();
        let before = probe(&mut e, s);
        // Change everything the probes look at, and move the clock.
        for line in [
            "CONFIG SET hash-max-listpack-entries 128",
            "LPUSH l z",
            "DEL h",
            "SREM s 1",
            "ZINCRBY z 10 a",
            "INCR n",
            "FLUSHDB",
        ] {
            run(&mut e, s, line);
        }
        e.advance_time(10_000);
        let v = e.data_version();
        e.restore(&snap).unwrap();
        assert!(e.data_version() > v);
        // Same replies, including SPOP and RANDOMKEY (the RNG came back)
        // and PTTL and TIME (the clock came back).
        assert_eq!(probe(&mut e, s), before);
    }

    #[test]
    fn clients_come_back_with_their_transactions_and_subscriptions() {
        let mut e = Engine::new(EngineOptions::default());
        let a = e.open_session(ClientAddr::default());
        let b = e.open_session(ClientAddr::default());
        run(&mut e, a, "WATCH k");
        run(&mut e, a, "MULTI");
        run(&mut e, a, "SET k 1");
        run(&mut e, b, "SUBSCRIBE news");
        let waiter = e.open_session(ClientAddr::default());
        assert!(e
            .submit(waiter, &[b"BLPOP".to_vec(), b"q".to_vec(), b"5".to_vec()])
            .is_none());
        let snap = e.snapshot();
        run(&mut e, a, "EXEC");
        run(&mut e, b, "UNSUBSCRIBE");
        let c = e.open_session(ClientAddr::default());
        e.restore(&snap).unwrap();
        assert!(e.session(c).is_none(), "a client opened later is gone");
        assert_eq!(e.client_view(a).unwrap().multi.map(|q| q.len()), Some(1));
        assert_eq!(e.pubsub_view().channels, vec![(b"news".to_vec(), vec![b])]);
        // The watch came back with the client: another client's write
        // breaks it again.
        run(&mut e, b, "UNSUBSCRIBE");
        run(&mut e, b, "SET k 2");
        assert_eq!(run(&mut e, a, "EXEC"), Reply::NullArray);
        e.restore(&snap).unwrap();
        assert_eq!(run(&mut e, a, "EXEC"), Reply::Array(vec![Reply::ok()]));
        // The waiting client waits again, and its timeout still runs out.
        assert!(e.is_blocked(waiter));
        e.advance_time(5_001);
        assert!(!e.is_blocked(waiter));
        assert_eq!(e.take_pushes(waiter), vec![Reply::NullArray]);
        // Ids go on from where the snapshot was: the client opened after
        // it never existed, so its id is given again.
        let d = e.open_session(ClientAddr::default());
        assert_eq!(d, c);
    }

    #[test]
    fn a_snapshot_of_another_version_is_refused() {
        let mut e = Engine::new(EngineOptions::default());
        let mut snap = e.snapshot();
        snap.version = SNAPSHOT_VERSION + 1;
        assert_eq!(
            e.restore(&snap),
            Err(RestoreError::Version(SNAPSHOT_VERSION + 1))
        );
    }

    #[cfg(feature = "lua")]
    #[test]
    fn scripts_and_libraries_come_back_into_the_vm() {
        let mut e = Engine::new(EngineOptions::default());
        let s = e.open_session(ClientAddr::default());
        let lib = "#!lua name=mylib\nredis.register_function('hello', function() return 'hi' end)";
        e.execute(
            s,
            &[
                b"FUNCTION".to_vec(),
                b"LOAD".to_vec(),
                lib.as_bytes().to_vec(),
            ],
        );
        let sha = match run(&mut e, s, "SCRIPT LOAD \"return 1\"") {
            Reply::Bulk(b) => String::from_utf8(b).unwrap(),
            other => panic!("{other:?}"),
        };
        let snap = e.snapshot();
        run(&mut e, s, "FUNCTION FLUSH");
        run(&mut e, s, "SCRIPT FLUSH");
        run(&mut e, s, "FUNCTION LOAD \"#!lua name=other\nredis.register_function('bye', function() return 'b' end)\"");
        e.restore(&snap).unwrap();
        assert_eq!(run(&mut e, s, "FCALL hello 0"), Reply::bulk("hi"));
        assert!(
            run(&mut e, s, "FCALL bye 0").is_error(),
            "a function loaded later is gone"
        );
        assert_eq!(
            run(&mut e, s, &format!("EVALSHA {sha} 0")),
            Reply::Integer(1)
        );
    }
}
