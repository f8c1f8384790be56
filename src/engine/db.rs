//! One numbered database: the keyspace and its deadlines.
//!
//! Keys live in an `IndexMap`. Besides hashed lookup it gives every key a
//! dense position, which SCAN walks from the top down: removal moves the last
//! key into the hole (`swap_remove`), i.e. from the part already walked into
//! the part still to walk, so a key present for the whole scan is returned at
//! least once, however the keyspace changes in between. That is the guarantee
//! Redis's SCAN gives, without its bucket-order cursor.
//!
//! Deadlines are kept twice on purpose: on the entry (for the lookup that
//! decides whether a key is still alive) and in an ordered set (so that the
//! active expiry cycle finds every due key at once, which is what makes a
//! fast-forwarded clock drain keys visibly and deterministically).

use std::collections::BTreeSet;

use indexmap::IndexMap;

use super::value::Value;

#[derive(Debug, Clone)]
pub struct Entry {
    pub value: Value,
    /// Absolute deadline in Unix milliseconds.
    pub expire_at: Option<i64>,
    /// Last access, engine milliseconds (OBJECT IDLETIME).
    pub last_access: i64,
}

#[derive(Debug, Clone, Default)]
pub struct Db {
    map: IndexMap<Vec<u8>, Entry>,
    deadlines: BTreeSet<(i64, Vec<u8>)>,
}

impl Db {
    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub fn volatile_len(&self) -> usize {
        self.deadlines.len()
    }

    /// The entry, whether or not its deadline has passed. Expiry is the
    /// engine's business (it must emit events), see `Engine::lookup`.
    pub fn raw_get(&self, key: &[u8]) -> Option<&Entry> {
        self.map.get(key)
    }

    pub fn raw_get_mut(&mut self, key: &[u8]) -> Option<&mut Entry> {
        self.map.get_mut(key)
    }

    pub fn contains(&self, key: &[u8]) -> bool {
        self.map.contains_key(key)
    }

    /// Insert or overwrite, the new entry bringing its own deadline.
    pub fn insert(&mut self, key: Vec<u8>, entry: Entry) {
        if let Some(old) = self.map.get(key.as_slice()) {
            if let Some(t) = old.expire_at {
                self.deadlines.remove(&(t, key.clone()));
            }
        }
        if let Some(t) = entry.expire_at {
            self.deadlines.insert((t, key.clone()));
        }
        self.map.insert(key, entry);
    }

    pub fn remove(&mut self, key: &[u8]) -> Option<Entry> {
        let entry = self.map.swap_remove(key)?;
        if let Some(t) = entry.expire_at {
            self.deadlines.remove(&(t, key.to_vec()));
        }
        Some(entry)
    }

    pub fn set_expire(&mut self, key: &[u8], at: Option<i64>) -> bool {
        let Some(entry) = self.map.get_mut(key) else {
            return false;
        };
        if let Some(t) = entry.expire_at {
            self.deadlines.remove(&(t, key.to_vec()));
        }
        entry.expire_at = at;
        if let Some(t) = at {
            self.deadlines.insert((t, key.to_vec()));
        }
        true
    }

    /// Keys whose deadline is strictly before `now` (Redis: a key expires
    /// when `now > deadline`), earliest first.
    pub fn due(&self, now: i64, limit: usize) -> Vec<Vec<u8>> {
        self.deadlines
            .range(..(now, Vec::new()))
            .take(limit)
            .map(|(_, k)| k.clone())
            .collect()
    }

    pub fn clear(&mut self) {
        self.map.clear();
        self.deadlines.clear();
    }

    pub fn key_at(&self, index: usize) -> Option<(&Vec<u8>, &Entry)> {
        self.map.get_index(index)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Vec<u8>, &Entry)> {
        self.map.iter()
    }
}
