//! `maxmemory`: what the dataset would cost Redis, checked before every
//! command, and the keys given up to stay under the limit.
//!
//! The cost is the running total each database keeps while a limit is
//! set (`Db`'s meter, costed by `sizes::key_cost`), plus the dictionaries
//! around the keys and a fixed start-up footprint, read as INFO's
//! `used_memory`. Before a command runs (`Engine::memory_refusal`, where
//! Redis's `processCommand` calls `performEvictions`), keys are evicted
//! until the total is within the limit; when the policy is `noeviction`,
//! or nothing is left to evict, a command that may grow the dataset
//! (`denyoom`), or any command queued into MULTI, gets Redis's OOM error.
//!
//! Victims are chosen as Redis 7.0 chooses them (`evict.c`), with the
//! engine's seeded RNG standing in for its random picks: the LRU, LFU and
//! TTL policies sample `maxmemory-samples` keys of each database (all
//! keys, or those with a deadline) into a pool of 16 candidates kept in
//! order of how good a victim each is, and evict the best one still
//! there; the random policies take a random key from each database in
//! turn. LFU counters grow logarithmically with accesses
//! (`lfu-log-factor`) and decay by one per `lfu-decay-time` minutes.

use super::db::Entry;
use super::sizes::{dict_slots, DICT_ENTRY};
use super::*;
use crate::engine::table::flag;

/// What Redis 7.0 reports as `used_memory_startup` on this machine kind:
/// the part of `used_memory` that is not the dataset.
pub const STARTUP_BYTES: u64 = 876_048;

/// Candidates the LRU, LFU and TTL policies keep between evictions.
const POOL_SIZE: usize = 16;

/// An LFU counter's start: a new key is not the first to go.
pub const LFU_INIT: u8 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Policy {
    #[default]
    NoEviction,
    AllKeysLru,
    AllKeysLfu,
    AllKeysRandom,
    VolatileLru,
    VolatileLfu,
    VolatileRandom,
    VolatileTtl,
}

impl Policy {
    fn parse(name: &str) -> Policy {
        match name {
            "allkeys-lru" => Policy::AllKeysLru,
            "allkeys-lfu" => Policy::AllKeysLfu,
            "allkeys-random" => Policy::AllKeysRandom,
            "volatile-lru" => Policy::VolatileLru,
            "volatile-lfu" => Policy::VolatileLfu,
            "volatile-random" => Policy::VolatileRandom,
            "volatile-ttl" => Policy::VolatileTtl,
            _ => Policy::NoEviction,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Policy::NoEviction => "noeviction",
            Policy::AllKeysLru => "allkeys-lru",
            Policy::AllKeysLfu => "allkeys-lfu",
            Policy::AllKeysRandom => "allkeys-random",
            Policy::VolatileLru => "volatile-lru",
            Policy::VolatileLfu => "volatile-lfu",
            Policy::VolatileRandom => "volatile-random",
            Policy::VolatileTtl => "volatile-ttl",
        }
    }

    /// Only keys with a deadline may go.
    fn volatile(self) -> bool {
        matches!(
            self,
            Policy::VolatileLru
                | Policy::VolatileLfu
                | Policy::VolatileRandom
                | Policy::VolatileTtl
        )
    }

    pub fn lfu(self) -> bool {
        matches!(self, Policy::AllKeysLfu | Policy::VolatileLfu)
    }
}

/// Why a key was chosen, in the terms of its policy: what the picture
/// and the narration say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// Seconds since its last access (LRU).
    Idle(i64),
    /// Its access counter (LFU), after decay.
    Frequency(u8),
    /// Its deadline (volatile-ttl): the soonest among those sampled.
    Deadline(i64),
    /// Picked at random.
    Random,
}

impl Reason {
    /// How good a victim this makes a key, higher better (Redis's pool
    /// `idle`): idle milliseconds, 255 minus the LFU counter, or how soon
    /// the deadline comes.
    fn goodness(&self) -> u64 {
        match self {
            Reason::Idle(s) => u64::try_from(*s).unwrap_or(0) * 1000,
            Reason::Frequency(c) => 255 - u64::from(*c),
            Reason::Deadline(t) => u64::MAX - u64::try_from(*t).unwrap_or(0),
            Reason::Random => 0,
        }
    }
}

/// The eviction settings, read from CONFIG after each change, and the
/// candidate pool.
#[derive(Debug, Clone, Default)]
pub struct Eviction {
    /// `settings_changes` when the settings were read (`None`: never).
    seen: Option<u64>,
    pub limit: u64,
    pub policy: Policy,
    samples: usize,
    log_factor: i64,
    decay_minutes: i64,
    /// `min-replicas-to-write` and `min-replicas-max-lag` both set (not
    /// eviction, but read on every command too): see `replicas_wanted`.
    pub(crate) replicas_wanted: bool,
    /// Candidates, the best victim last: (goodness, db, key).
    pool: Vec<(u64, usize, Vec<u8>)>,
    /// The database the random policies look in next.
    next_db: usize,
    /// Whether the last client command found memory over the limit
    /// (Redis's `pre_command_oom_state`): a script without flags may not
    /// start writing then.
    pub oom_at_start: bool,
    /// A script runs that was started over the limit, has not written
    /// yet and did not declare `allow-oom`: its `denyoom` calls fail.
    pub script_guard: bool,
}

impl Eviction {
    /// `lfu-log-factor` and `lfu-decay-time` as last read.
    pub fn lfu_settings(&self) -> (i64, i64) {
        (self.log_factor, self.decay_minutes)
    }
}

/// The minute clock LFU counters decay by (16 bits, as Redis keeps it).
fn minutes(now_ms: i64) -> u16 {
    (now_ms.div_euclid(60_000) & 0xffff) as u16
}

impl Entry {
    /// The LFU counter after its decay (Redis's `LFUDecrAndReturn`): one
    /// less per `decay` minutes since it last changed.
    pub fn lfu_count(&self, now_ms: i64, decay: i64) -> u8 {
        let (counter, at) = self.lfu();
        let now = minutes(now_ms);
        let elapsed = if now >= at {
            i64::from(now - at)
        } else {
            65_535 - i64::from(at) + i64::from(now)
        };
        let periods = if decay > 0 { elapsed / decay } else { 0 };
        u8::try_from((i64::from(counter) - periods).max(0)).unwrap_or(0)
    }
}

impl Entry {
    /// An access under an LFU policy (Redis's `updateLFU`): the counter
    /// decays, then grows by one with probability 1 / ((counter - 5) *
    /// `factor` + 1), `r` being a uniform draw in [0, 1).
    pub fn touch_lfu(&mut self, now_ms: i64, r: f64, factor: i64, decay: i64) {
        let mut counter = self.lfu_count(now_ms, decay);
        if counter < 255 {
            let base = f64::from(counter.saturating_sub(LFU_INIT));
            if r < 1.0 / (base * factor as f64 + 1.0) {
                counter += 1;
            }
        }
        self.set_lfu(counter, minutes(now_ms));
    }
}

impl Engine {
    /// Hosts: read the settings the engine acts on (maxmemory, the AOF)
    /// now rather than at the first command, e.g. to open the AOF's files
    /// at start.
    pub fn start_persistence(&mut self) {
        self.memory_settings();
    }

    /// Read the eviction settings again if CONFIG changed, and keep or
    /// stop keeping each database's running total to match.
    pub(crate) fn memory_settings(&mut self) {
        if self.evict.seen == Some(self.settings_changes) {
            return;
        }
        self.evict.seen = Some(self.settings_changes);
        let c = &self.config;
        self.evict.limit = u64::try_from(c.get_i64("maxmemory")).unwrap_or(0);
        let policy = Policy::parse(&c.get_str("maxmemory-policy").unwrap_or_default());
        if policy != self.evict.policy {
            self.evict.pool.clear();
        }
        self.evict.policy = policy;
        self.evict.samples = usize::try_from(c.get_i64("maxmemory-samples")).unwrap_or(5);
        self.evict.log_factor = c.get_i64("lfu-log-factor");
        self.evict.decay_minutes = c.get_i64("lfu-decay-time");
        self.evict.replicas_wanted =
            c.get_i64("min-replicas-to-write") > 0 && c.get_i64("min-replicas-max-lag") > 0;
        let nums: Vec<i64> = (c.get_str("save").unwrap_or_default())
            .split_whitespace()
            .filter_map(|n| n.parse().ok())
            .collect();
        self.persist.save_points = nums
            .chunks_exact(2)
            .map(|p| (p[0], u64::try_from(p[1]).unwrap_or(0)))
            .collect();
        let on = self.evict.limit != 0;
        for d in &mut self.dbs {
            if d.metered() != on {
                d.set_metered(on);
            }
        }
        // The AOF follows `appendonly` (opened, or closed, by the rest of
        // the engine, which writes it).
        let aof = self.config.get_bool("appendonly") && table::persistence().is_some();
        if aof != self.prop.on && !self.persist.loading {
            self.prop.on = aof;
            if let Some((.., sync)) = table::persistence() {
                sync(self);
            }
        }
    }

    /// INFO's `used_memory`: the start-up footprint, every key's cost,
    /// and the buckets of the keyspace and deadline dictionaries.
    pub(crate) fn used_memory(&self) -> u64 {
        let mut total = STARTUP_BYTES as usize;
        for d in &self.dbs {
            if d.is_empty() {
                continue;
            }
            total += d.used() + 8 * d.buckets();
            let volatile = d.volatile_len();
            if volatile > 0 {
                total += DICT_ENTRY * volatile + 8 * dict_slots(volatile);
            }
        }
        total as u64
    }

    /// Set an entry's LFU counter as of now (RESTORE's FREQ).
    pub(crate) fn set_frequency(e: &mut Entry, freq: u8, now_ms: i64) {
        e.set_lfu(freq, minutes(now_ms));
    }

    /// The check before a client's command (Redis's `processCommand`):
    /// evict what the policy allows until memory is within `maxmemory`,
    /// then refuse a command that may grow the dataset if it is not.
    pub(crate) fn memory_refusal(
        &mut self,
        sess: &Session,
        cmd: &'static Command,
        argv: &[Vec<u8>],
    ) -> Option<Reply> {
        self.memory_settings();
        if self.evict.limit == 0 || self.running_script.is_some() || self.persist.loading {
            return None;
        }
        let oom = !self.perform_evictions();
        // The round's deletions, logged as they are (no MULTI), before
        // the command.
        self.end_unit(true);
        self.evict.oom_at_start = oom;
        if !oom {
            return None;
        }
        // A script's declared flags are its command's (Redis's
        // `getCommandFlags`), queued ones included.
        let denies = |c: &'static Command, argv: &[Vec<u8>]| {
            c.is(flag::DENYOOM)
                || cmd::scripting::declared_flags(self, c.name, argv)
                    .is_some_and(|f| !f.no_writes && !f.allow_oom)
        };
        let queued = cmd.name == "exec"
            && sess.multi.as_ref().is_some_and(|m| {
                m.queue
                    .iter()
                    .any(|argv| Engine::named(argv).is_some_and(|c| denies(c, argv)))
            });
        let denyoom = denies(cmd, argv) || queued;
        let queueing =
            sess.multi.is_some() && !matches!(cmd.name, "exec" | "discard" | "quit" | "reset");
        (denyoom || queueing).then(|| Reply::err(OOM))
    }

    /// Evict until memory is within the limit; false when it cannot be
    /// (`noeviction`, or no key the policy may take).
    pub(crate) fn perform_evictions(&mut self) -> bool {
        // Paused clients see a dataset that does not move.
        if self.expiry_paused() {
            return true;
        }
        for d in &mut self.dbs {
            d.settle();
        }
        loop {
            if self.used_memory() <= self.evict.limit {
                return true;
            }
            if self.evict.policy == Policy::NoEviction {
                return false;
            }
            let Some((db, key, why)) = self.pick_victim() else {
                return false;
            };
            self.evict_key(db, &key, why);
        }
    }

    fn evict_key(&mut self, db: usize, key: &[u8], why: Reason) {
        // Past its deadline or not, it goes as evicted (Redis deletes the
        // key it picked without asking).
        if !self.remove_key(db, key) {
            return;
        }
        self.stats.evicted_keys += 1;
        let policy = self.evict.policy;
        self.effect(db, key, || Effect::Evicted { policy, why });
        self.notify(db, key, "evicted");
        self.propagate_deletion(db, key);
    }

    /// The key the policy gives up next, and why.
    fn pick_victim(&mut self) -> Option<(usize, Vec<u8>, Reason)> {
        let policy = self.evict.policy;
        let volatile = policy.volatile();
        if !self.dbs.iter().any(|d| d.candidates(volatile) > 0) {
            return None;
        }
        if matches!(policy, Policy::AllKeysRandom | Policy::VolatileRandom) {
            for _ in 0..self.dbs.len() {
                self.evict.next_db = (self.evict.next_db + 1) % self.dbs.len();
                let db = self.evict.next_db;
                let n = self.dbs.get(db).map_or(0, |d| d.candidates(volatile));
                if n > 0 {
                    let i = self.rng.usize(..n);
                    let key = self.dbs.get(db)?.candidate_at(volatile, i)?;
                    return Some((db, key.to_vec(), Reason::Random));
                }
            }
            return None;
        }
        // A sample of every database into the pool, then the best
        // candidate that is still there (and still has a deadline, for a
        // volatile policy); a pool of keys gone since is sampled again.
        loop {
            for db in 0..self.dbs.len() {
                if self.dbs.get(db).is_some_and(|d| d.candidates(volatile) > 0) {
                    self.sample_into_pool(db);
                }
            }
            while let Some((_, db, key)) = self.evict.pool.pop() {
                let Some(d) = self.dbs.get(db) else { continue };
                let Some(e) = d.raw_get(&key) else { continue };
                let deadline = d.deadline(&key, e);
                if volatile && deadline.is_none() {
                    continue;
                }
                let why = self.judge(e, deadline);
                return Some((db, key, why));
            }
        }
    }

    /// What the sampling policies see in a key: its idle time (LRU), its
    /// decayed counter (LFU) or its deadline (volatile-ttl).
    fn judge(&self, e: &Entry, deadline: Option<i64>) -> Reason {
        let now = self.now_ms();
        match self.evict.policy {
            Policy::AllKeysLfu | Policy::VolatileLfu => {
                Reason::Frequency(e.lfu_count(now, self.evict.decay_minutes))
            }
            Policy::VolatileTtl => Reason::Deadline(deadline.unwrap_or(0)),
            _ => Reason::Idle(e.idle_seconds(now)),
        }
    }

    /// Redis's `evictionPoolPopulate`: `maxmemory-samples` distinct keys
    /// of one database, each placed in the pool by how good a victim it
    /// is (`Reason::goodness`); a full pool takes a key only if it beats
    /// the worst.
    fn sample_into_pool(&mut self, db: usize) {
        let volatile = self.evict.policy.volatile();
        let Some(n) = self.dbs.get(db).map(|d| d.candidates(volatile)) else {
            return;
        };
        let count = self.evict.samples.max(1).min(n);
        // Distinct positions: all of them when the sample is most of the
        // keys, else random draws (a set keeps the check cheap however
        // large `maxmemory-samples` is).
        let picked: Vec<usize> = if count * 2 >= n {
            (0..n).collect()
        } else {
            let mut seen = std::collections::HashSet::with_capacity(count);
            let mut picked = Vec::with_capacity(count);
            while picked.len() < count {
                let i = self.rng.usize(..n);
                if seen.insert(i) {
                    picked.push(i);
                }
            }
            picked
        };
        for i in picked {
            let Some(d) = self.dbs.get(db) else { return };
            let Some(key) = d.candidate_at(volatile, i) else {
                continue;
            };
            let Some(e) = d.raw_get(key) else { continue };
            let score = self.judge(e, d.deadline(key, e)).goodness();
            let key = key.to_vec();
            let pool = &mut self.evict.pool;
            // Where it goes: after every candidate it beats.
            let at = pool.iter().take_while(|(s, _, _)| *s < score).count();
            if pool.len() < POOL_SIZE {
                pool.insert(at, (score, db, key));
            } else if at > 0 {
                pool.remove(0);
                pool.insert(at - 1, (score, db, key));
            }
        }
    }
}

/// Redis's reply to a command refused over `maxmemory`.
pub const OOM: &str = "OOM command not allowed when used memory > 'maxmemory'.";
