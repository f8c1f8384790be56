//! One numbered database: the keyspace and its deadlines.
//!
//! Keys live in an `IndexMap`. Besides hashed lookup it gives every key a
//! dense position, which SCAN walks from the top down: removal moves the last
//! key into the hole (`swap_remove`), i.e. from the part already walked into
//! the part still to walk, so a key present for the whole scan is returned at
//! least once, however the keyspace changes in between. That is the guarantee
//! Redis's SCAN gives, without its bucket-order cursor.
//!
//! Deadlines live beside the keyspace, as Redis's `expires` dict does, so
//! that a key without one pays nothing for it: a map from key to deadline
//! (for the lookup that decides whether a key is still alive; the entry's
//! `volatile` flag saves that second lookup for every other key) and an
//! ordered set (so that the active expiry cycle finds every due key at
//! once, which is what makes a fast-forwarded clock drain keys visibly and
//! deterministically).
//!
//! Memory per key matters here: a million small keys should cost about
//! what they cost Redis. Keys are `Bytes` (inline up to 16 bytes) and an
//! entry is a value plus eight bytes.
//!
//! While `maxmemory` is set, a database also keeps a running total of
//! what its keys would cost Redis (`Meter`), so that the check before
//! every command reads a number instead of walking the keyspace. Inserts
//! and removals add and take back a key's cost at once; a key handed out
//! for writing in place is noted with its cost before, and its cost after
//! is settled later (`settle`), when the total is read or the notes fill
//! up. Keeping the cost beside each entry would make every entry bigger.

use std::collections::BTreeSet;

use indexmap::IndexMap;

use super::sizes::key_cost;
use super::value::{Bytes, Value};

/// A key's value and what the keyspace records about it.
#[derive(Debug, Clone)]
pub struct Entry {
    pub value: Value,
    /// Last access in whole seconds of the engine clock: the resolution of
    /// Redis's LRU clock, which OBJECT IDLETIME reports in.
    last_access: u32,
    /// Has a deadline in `Db::expires`.
    volatile: bool,
    /// LFU access counter (logarithmic, `evict.rs`) and the minute (16-bit
    /// clock) it last changed: Redis's 24-bit LFU field. Room the entry
    /// had spare beside `volatile`.
    lfu: u8,
    lfu_at: u16,
}

impl Entry {
    pub fn new(value: Value, now_ms: i64) -> Entry {
        Entry {
            value,
            last_access: seconds(now_ms),
            volatile: false,
            lfu: crate::engine::evict::LFU_INIT,
            lfu_at: ((now_ms.div_euclid(60_000)) & 0xffff) as u16,
        }
    }

    /// An entry as a snapshot's bytes describe it: its value and the
    /// second of its last access (OBJECT IDLETIME must answer the same
    /// after a round trip through bytes). Whether it is volatile is
    /// `Db::insert`'s business.
    pub fn restored(value: Value, last_access: u32) -> Entry {
        Entry {
            value,
            last_access,
            volatile: false,
            lfu: crate::engine::evict::LFU_INIT,
            lfu_at: ((last_access / 60) & 0xffff) as u16,
        }
    }

    /// The second of the last access, for a snapshot's bytes.
    pub fn last_access(&self) -> u32 {
        self.last_access
    }

    /// The LFU counter and the minute it last changed.
    pub fn lfu(&self) -> (u8, u16) {
        (self.lfu, self.lfu_at)
    }

    pub fn set_lfu(&mut self, counter: u8, minute: u16) {
        (self.lfu, self.lfu_at) = (counter, minute);
    }

    pub fn touch(&mut self, now_ms: i64) {
        self.last_access = seconds(now_ms);
    }

    /// Seconds since the last access, as Redis counts them (the difference
    /// of two whole-second clock readings).
    pub fn idle_seconds(&self, now_ms: i64) -> i64 {
        (i64::from(seconds(now_ms)) - i64::from(self.last_access)).max(0)
    }
}

fn seconds(ms: i64) -> u32 {
    u32::try_from(ms.div_euclid(1000).max(0)).unwrap_or(u32::MAX)
}

/// Inline when short, so that a short key costs no allocation.
pub fn key_bytes(key: &[u8]) -> Bytes {
    Bytes::from_slice(key)
}

/// The keyspace's hasher (see Cargo.toml), seeded by the host
/// (`EngineOptions::hash_seed`). The playground keeps the maps' default
/// hasher: its first load has a size budget and carries that hasher for
/// its other maps anyway, where a second one's copies of the map code
/// cost a kilobyte.
#[cfg(not(feature = "web"))]
type Keyed<V> = IndexMap<Bytes, V, foldhash::fast::FixedState>;
#[cfg(feature = "web")]
type Keyed<V> = IndexMap<Bytes, V>;

#[derive(Debug, Default)]
pub struct Db {
    map: Keyed<Entry>,
    expires: Keyed<i64>,
    deadlines: BTreeSet<(i64, Bytes)>,
    meter: Option<Meter>,
}

/// The running total of what the keys cost (`sizes::key_cost`), and the
/// keys handed out for writing whose new cost is not in it yet, each with
/// the cost it had (which is in it).
#[derive(Debug, Default, Clone)]
struct Meter {
    used: usize,
    open: Vec<(Bytes, usize)>,
    /// Buckets of Redis's keyspace dict: it grows to the next power of
    /// two as keys come, and shrinks only once under a tenth full (its
    /// cron's resize), so removing keys frees no buckets before that.
    buckets: usize,
}

/// Keys noted before the total is settled on the spot: a command that
/// writes many keys (MSET, DEL) does not scan a long list of notes.
const OPEN_MAX: usize = 32;

/// By hand: the deadline index is rebuilt from `expires` with the insert
/// every `set_expire` uses, rather than copied with clone code of its own
/// (snapshots clone databases; the page's wasm has a size budget).
impl Clone for Db {
    fn clone(&self) -> Db {
        let mut deadlines = BTreeSet::new();
        for (k, t) in &self.expires {
            deadlines.insert((*t, k.clone()));
        }
        Db {
            map: self.map.clone(),
            expires: self.expires.clone(),
            deadlines,
            meter: self.meter.clone(),
        }
    }
}

impl Db {
    /// An empty database whose keyspace hash has this seed.
    #[cfg(not(feature = "web"))]
    pub fn with_seed(seed: u64) -> Db {
        let hasher = foldhash::fast::FixedState::with_seed(seed);
        Db {
            map: IndexMap::with_hasher(hasher.clone()),
            expires: IndexMap::with_hasher(hasher),
            ..Db::default()
        }
    }

    /// The playground's maps keep their default hasher (see `Keyed`).
    #[cfg(feature = "web")]
    pub fn with_seed(_seed: u64) -> Db {
        Db::default()
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub fn volatile_len(&self) -> usize {
        self.expires.len()
    }

    /// The entry, whether or not its deadline has passed. Expiry is the
    /// engine's business (it must emit events), see `Engine::lookup`.
    pub fn raw_get(&self, key: &[u8]) -> Option<&Entry> {
        self.map.get(key)
    }

    /// The entry for changing it in place: its cost is noted first.
    pub fn raw_get_mut(&mut self, key: &[u8]) -> Option<&mut Entry> {
        self.note(key);
        self.map.get_mut(key)
    }

    /// The key with the `index`th deadline (the volatile policies'
    /// random picks and samples).
    pub fn volatile_key_at(&self, index: usize) -> Option<&[u8]> {
        self.expires.get_index(index).map(|(k, _)| k.as_slice())
    }

    /// Keys an eviction policy may take: those with a deadline, or all.
    pub fn candidates(&self, volatile: bool) -> usize {
        if volatile {
            self.volatile_len()
        } else {
            self.len()
        }
    }

    /// The `index`th of those.
    pub fn candidate_at(&self, volatile: bool, index: usize) -> Option<&[u8]> {
        if volatile {
            self.volatile_key_at(index)
        } else {
            self.key_at(index).map(|(k, _)| k)
        }
    }

    /// The keys' cost counted afresh.
    fn counted_cost(&self) -> usize {
        self.iter().map(|(k, e)| key_cost(k, &e.value)).sum()
    }

    // ----- the meter ---------------------------------------------------------

    pub fn metered(&self) -> bool {
        self.meter.is_some()
    }

    /// Keep a running total from now on (with a count of what is there),
    /// or stop keeping one.
    pub fn set_metered(&mut self, on: bool) {
        self.meter = on.then(|| Meter {
            used: self.counted_cost(),
            open: Vec::new(),
            buckets: crate::engine::sizes::dict_slots(self.map.len()),
        });
    }

    /// The keys' cost: the running total with the noted keys' present
    /// cost, or counted afresh when there is no total.
    pub fn used(&self) -> usize {
        let cost = |k: &[u8]| self.map.get(k).map_or(0, |e| key_cost(k, &e.value));
        match &self.meter {
            Some(m) => m.open.iter().fold(m.used, |u, (k, before)| {
                (u + cost(k)).saturating_sub(*before)
            }),
            None => self.counted_cost(),
        }
    }

    /// Note the cost of a key about to change in place.
    fn note(&mut self, key: &[u8]) {
        let Some(m) = &self.meter else { return };
        if m.open.iter().any(|(k, _)| k.as_slice() == key) {
            return;
        }
        if m.open.len() >= OPEN_MAX {
            self.settle();
        }
        let Some(entry) = self.map.get(key) else {
            return;
        };
        let cost = key_cost(key, &entry.value);
        if let Some(m) = &mut self.meter {
            m.open.push((key_bytes(key), cost));
        }
    }

    /// Put the present cost of every noted key in the total.
    pub fn settle(&mut self) {
        let Some(m) = &mut self.meter else { return };
        for (k, before) in std::mem::take(&mut m.open) {
            let after = self.map.get(&k).map_or(0, |e| key_cost(&k, &e.value));
            m.used = (m.used + after).saturating_sub(before);
        }
    }

    /// Take a key's cost out of the total (its note dropped): before a
    /// removal or an overwrite.
    fn uncount(&mut self, key: &[u8]) {
        let (Some(m), Some(entry)) = (&mut self.meter, self.map.get(key)) else {
            return;
        };
        let cost = match m.open.iter().position(|(k, _)| k.as_slice() == key) {
            Some(i) => m.open.swap_remove(i).1,
            None => key_cost(key, &entry.value),
        };
        m.used = m.used.saturating_sub(cost);
    }

    pub fn contains(&self, key: &[u8]) -> bool {
        self.map.contains_key(key)
    }

    /// The key's deadline (absolute Unix milliseconds), passed or not.
    pub fn expire_at(&self, key: &[u8]) -> Option<i64> {
        self.deadline(key, self.map.get(key)?)
    }

    /// The deadline of an entry already in hand (iterations): the second
    /// lookup happens only for keys that have one.
    pub fn deadline(&self, key: &[u8], entry: &Entry) -> Option<i64> {
        if entry.volatile {
            self.expires.get(key).copied()
        } else {
            None
        }
    }

    /// Insert or overwrite, with the deadline the new entry is to have.
    pub fn insert(&mut self, key: &[u8], mut entry: Entry, expire_at: Option<i64>) {
        self.forget_deadline(key);
        entry.volatile = false;
        let key = key_bytes(key);
        if let Some(t) = expire_at {
            entry.volatile = true;
            self.expires.insert(key.clone(), t);
            self.deadlines.insert((t, key.clone()));
        }
        self.uncount(&key);
        if let Some(m) = &mut self.meter {
            m.used += key_cost(&key, &entry.value);
        }
        self.map.insert(key, entry);
        self.resize_buckets();
    }

    /// Buckets of the keyspace dict Redis would hold for these keys.
    pub fn buckets(&self) -> usize {
        match &self.meter {
            Some(m) => m.buckets,
            None => crate::engine::sizes::dict_slots(self.map.len()),
        }
    }

    /// Grow the dict's buckets past a power of two; shrink them once it
    /// is under a tenth full.
    fn resize_buckets(&mut self) {
        let len = self.map.len();
        if let Some(m) = &mut self.meter {
            if len > m.buckets || len * 10 < m.buckets {
                m.buckets = crate::engine::sizes::dict_slots(len);
            }
        }
    }

    pub fn remove(&mut self, key: &[u8]) -> Option<Entry> {
        self.take(key).map(|(e, _)| e)
    }

    /// Remove a key with its deadline (MOVE, RENAME carry both).
    pub fn take(&mut self, key: &[u8]) -> Option<(Entry, Option<i64>)> {
        self.uncount(key);
        let entry = self.map.swap_remove(key)?;
        self.resize_buckets();
        let at = if entry.volatile {
            self.forget_deadline(key)
        } else {
            None
        };
        Some((entry, at))
    }

    fn forget_deadline(&mut self, key: &[u8]) -> Option<i64> {
        let (k, t) = self.expires.swap_remove_entry(key)?;
        self.deadlines.remove(&(t, k));
        Some(t)
    }

    pub fn set_expire(&mut self, key: &[u8], at: Option<i64>) -> bool {
        if !self.map.contains_key(key) {
            return false;
        }
        self.forget_deadline(key);
        let volatile = at.is_some();
        if let Some(t) = at {
            let k = key_bytes(key);
            self.expires.insert(k.clone(), t);
            self.deadlines.insert((t, k));
        }
        if let Some(entry) = self.map.get_mut(key) {
            entry.volatile = volatile;
        }
        true
    }

    /// Keys whose deadline is strictly before `now` (Redis: a key expires
    /// when `now > deadline`), earliest first.
    pub fn due(&self, now: i64, limit: usize) -> Vec<Vec<u8>> {
        self.deadlines
            .range(..(now, Bytes::new()))
            .take(limit)
            .map(|(_, k)| k.to_vec())
            .collect()
    }

    /// The earliest deadline of any key (expired or not yet removed ones
    /// included).
    pub fn next_deadline(&self) -> Option<i64> {
        self.deadlines.first().map(|(t, _)| *t)
    }

    pub fn clear(&mut self) {
        self.map.clear();
        self.expires.clear();
        self.deadlines.clear();
        if let Some(m) = &mut self.meter {
            *m = Meter::default();
        }
    }

    pub fn key_at(&self, index: usize) -> Option<(&[u8], &Entry)> {
        self.map.get_index(index).map(|(k, e)| (k.as_slice(), e))
    }

    pub fn iter(&self) -> impl Iterator<Item = (&[u8], &Entry)> {
        self.map.iter().map(|(k, e)| (k.as_slice(), e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::value::StrValue;

    fn entry() -> Entry {
        Entry::new(Value::Str(StrValue::from_arg(b"v".to_vec())), 0)
    }

    #[test]
    fn deadlines_follow_their_keys() {
        let mut d = Db::default();
        d.insert(b"a", entry(), Some(10));
        d.insert(b"b", entry(), None);
        d.insert(b"a-rather-long-key-name", entry(), Some(5));
        assert_eq!(d.volatile_len(), 2);
        assert_eq!(d.expire_at(b"a"), Some(10));
        assert_eq!(d.expire_at(b"b"), None);
        assert_eq!(
            d.due(11, 10),
            vec![b"a-rather-long-key-name".to_vec(), b"a".to_vec()]
        );
        // Overwriting without a deadline drops the old one.
        d.insert(b"a", entry(), None);
        assert_eq!(d.expire_at(b"a"), None);
        assert_eq!(d.due(11, 10).len(), 1);
        assert!(d.set_expire(b"b", Some(3)));
        assert!(!d.set_expire(b"missing", Some(3)));
        let (_, at) = d.take(b"b").unwrap_or_else(|| panic!("b is there"));
        assert_eq!(at, Some(3));
        assert_eq!(d.volatile_len(), 1);
        d.clear();
        assert_eq!((d.len(), d.volatile_len()), (0, 0));
    }

    #[test]
    fn an_entry_stays_forty_bytes() {
        assert_eq!(std::mem::size_of::<Entry>(), 40);
    }

    #[test]
    fn idle_time_counts_whole_seconds() {
        let mut e = entry();
        e.touch(1_999);
        assert_eq!(e.idle_seconds(2_000), 1);
        assert_eq!(e.idle_seconds(1_000), 0);
    }
}
