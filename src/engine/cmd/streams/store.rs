//! A stream's storage, laid out as Redis 7.0 lays it out where a client
//! can tell: entries in nodes (Redis's listpacks in a radix tree) that
//! close at `stream-node-max-entries` entries or `stream-node-max-bytes`
//! bytes, so approximate trimming (`~`), which only drops whole nodes,
//! drops what Redis drops; deleted entries stay in their node as
//! tombstones until the node empties; and XINFO's radix-tree counts and
//! MEMORY USAGE come from the same layout. Each node's byte size is the
//! size its listpack would have (the master entry, delta-encoded ids,
//! fields omitted when they repeat the master's, integers stored as
//! integers).
//!
//! Consumer groups keep what Redis keeps: the last delivered id, the
//! entries-read counter, the pending entries (who, when, how often), and
//! each consumer's own pending ids and seen time.

use std::collections::{BTreeMap, BTreeSet};

use crate::engine::value::{Bytes, StreamBox, StreamObj, Value};

/// A stream entry id: milliseconds and a sequence number.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Default, Hash)]
pub struct Id {
    pub ms: u64,
    pub seq: u64,
}

impl Id {
    pub const MIN: Id = Id { ms: 0, seq: 0 };
    pub const MAX: Id = Id {
        ms: u64::MAX,
        seq: u64::MAX,
    };

    pub fn new(ms: u64, seq: u64) -> Id {
        Id { ms, seq }
    }

    /// The next id, if there is one (`streamIncrID`).
    pub fn incr(self) -> Option<Id> {
        if self.seq < u64::MAX {
            Some(Id::new(self.ms, self.seq + 1))
        } else if self.ms < u64::MAX {
            Some(Id::new(self.ms + 1, 0))
        } else {
            None
        }
    }

    /// The previous id, if there is one (`streamDecrID`).
    pub fn decr(self) -> Option<Id> {
        if self.seq > 0 {
            Some(Id::new(self.ms, self.seq - 1))
        } else if self.ms > 0 {
            Some(Id::new(self.ms - 1, u64::MAX))
        } else {
            None
        }
    }

    pub fn is_zero(self) -> bool {
        self == Id::MIN
    }

    /// `ms-seq`, as every reply writes it.
    pub fn text(self) -> Vec<u8> {
        format!("{}-{}", self.ms, self.seq).into_bytes()
    }

    /// The 16 bytes Redis keys its radix trees with (big endian).
    fn key(self) -> [u8; 16] {
        let mut k = [0u8; 16];
        k[..8].copy_from_slice(&self.ms.to_be_bytes());
        k[8..].copy_from_slice(&self.seq.to_be_bytes());
        k
    }
}

/// Where the item named `name` is in `items`, kept in name order (as
/// Redis's radix trees keep groups and consumers), or where it would go.
fn by_name<T>(items: &[T], name: &[u8], of: impl Fn(&T) -> &Bytes) -> Result<usize, usize> {
    items.binary_search_by(|x| of(x).as_slice().cmp(name))
}

mod bytes;
mod rdb;

pub use bytes::from_snapshot;
pub use rdb::from_rdb;

/// One entry: its id and fields, as `[field, value, field, value, ...]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub id: Id,
    pub fields: Vec<Bytes>,
    pub deleted: bool,
}

/// One of Redis's listpack nodes.
#[derive(Clone, Debug, PartialEq)]
struct Node {
    /// The first entry's id, which keys the node in Redis's radix tree.
    master: Id,
    /// The first entry's field names: later entries with the same names
    /// store only their values.
    master_fields: Vec<Bytes>,
    items: Vec<Item>,
    live: usize,
    dead: usize,
    /// `lpBytes` of the node's listpack.
    bytes: usize,
    /// Its allocation (Redis preallocates a node and shrinks it when it
    /// closes), for MEMORY USAGE.
    alloc: usize,
}

/// A pending entry: delivered to `consumer`, not yet acknowledged.
#[derive(Clone, Debug, PartialEq)]
pub struct Nack {
    pub delivered_ms: i64,
    pub count: u64,
    pub consumer: Bytes,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Consumer {
    pub name: Bytes,
    pub seen_ms: i64,
    pub pel: BTreeSet<Id>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub name: Bytes,
    pub last_id: Id,
    /// Redis's `entries_read`; -1 when not known.
    pub entries_read: i64,
    pub pel: BTreeMap<Id, Nack>,
    /// In name order (Redis keeps them in a radix tree).
    pub consumers: Vec<Consumer>,
}

impl Group {
    pub fn new(name: &[u8], last_id: Id, entries_read: i64) -> Group {
        Group {
            name: Bytes::from_slice(name),
            last_id,
            entries_read,
            pel: BTreeMap::new(),
            consumers: Vec::new(),
        }
    }

    pub fn consumer(&self, name: &[u8]) -> Option<&Consumer> {
        by_name(&self.consumers, name, |c| &c.name)
            .ok()
            .and_then(|i| self.consumers.get(i))
    }

    pub fn consumer_mut(&mut self, name: &[u8]) -> Option<&mut Consumer> {
        by_name(&self.consumers, name, |c| &c.name)
            .ok()
            .and_then(|i| self.consumers.get_mut(i))
    }

    /// Make the consumer; false when it was there already.
    pub fn add_consumer(&mut self, name: &[u8], now: i64) -> bool {
        match by_name(&self.consumers, name, |c| &c.name) {
            Ok(_) => false,
            Err(i) => {
                self.consumers.insert(
                    i,
                    Consumer {
                        name: Bytes::from_slice(name),
                        seen_ms: now,
                        pel: BTreeSet::new(),
                    },
                );
                true
            }
        }
    }

    /// Remove a consumer and its pending entries; how many it had.
    pub fn remove_consumer(&mut self, name: &[u8]) -> Option<usize> {
        let i = by_name(&self.consumers, name, |c| &c.name).ok()?;
        let c = self.consumers.remove(i);
        for id in &c.pel {
            self.pel.remove(id);
        }
        Some(c.pel.len())
    }

    /// Forget a pending entry (XACK, or its entry is gone).
    pub fn ack(&mut self, id: Id) -> bool {
        let Some(nack) = self.pel.remove(&id) else {
            return false;
        };
        if let Some(c) = self.consumer_mut(&nack.consumer) {
            c.pel.remove(&id);
        }
        true
    }

    /// Give a pending entry to `consumer` (which exists), moving it out of
    /// its previous owner's list.
    pub fn give(&mut self, id: Id, consumer: &[u8]) {
        let prev = match self.pel.get_mut(&id) {
            Some(n) if n.consumer.as_slice() != consumer => Some(std::mem::replace(
                &mut n.consumer,
                Bytes::from_slice(consumer),
            )),
            _ => None,
        };
        if let Some(prev) = prev {
            if let Some(c) = self.consumer_mut(&prev) {
                c.pel.remove(&id);
            }
        }
        if let Some(c) = self.consumer_mut(consumer) {
            c.pel.insert(id);
        }
    }
}

/// The largest field and value bytes one entry may carry (a listpack's
/// 32-bit size).
pub const ENTRY_MAX_BYTES: u64 = u32::MAX as u64;

/// Bytes a listpack allocates for a new stream node at most
/// (`STREAM_LISTPACK_MAX_PRE_ALLOCATE`).
const NODE_PREALLOC: usize = 4096;

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Stream {
    nodes: Vec<Node>,
    pub length: u64,
    pub last_id: Id,
    /// The first live entry's id when Redis last worked it out (XINFO's
    /// `recorded-first-entry-id`).
    pub first_id: Id,
    pub max_deleted: Id,
    pub entries_added: u64,
    /// In name order.
    pub groups: Vec<Group>,
}

// ----- listpack sizes ----------------------------------------------------

use crate::engine::rdb::listpack::{entry_size as lp_str, int_size as lp_int};

fn size_class(n: usize) -> usize {
    crate::engine::sizes::size_class(n)
}

impl Node {
    fn new(id: Id, fields: &[Bytes], prealloc: usize) -> Node {
        let names: Vec<Bytes> = fields.iter().step_by(2).cloned().collect();
        let mut bytes = 6 + 1 + lp_int(1) + lp_int(0) + lp_int(names.len() as i64) + lp_int(0);
        bytes += names.iter().map(|f| lp_str(f)).sum::<usize>();
        Node {
            master: id,
            master_fields: names,
            items: Vec::new(),
            live: 0,
            dead: 0,
            bytes,
            alloc: size_class(prealloc.max(bytes)),
        }
    }

    /// Whether an entry with these fields stores only its values.
    fn same_fields(&self, fields: &[Bytes]) -> bool {
        fields.len() == self.master_fields.len() * 2
            && fields
                .iter()
                .step_by(2)
                .zip(&self.master_fields)
                .all(|(a, b)| a == b)
    }

    /// Append an entry (the master's count was set by `new` for the first).
    fn push(&mut self, item: Item) {
        let n = item.fields.len() / 2;
        let same = self.same_fields(&item.fields);
        let mut add = lp_int(i64::from(same) * 2);
        add += lp_int(item.id.ms.wrapping_sub(self.master.ms) as i64);
        add += lp_int(item.id.seq.wrapping_sub(self.master.seq) as i64);
        let mut count = n + 3;
        if same {
            add += item
                .fields
                .iter()
                .skip(1)
                .step_by(2)
                .map(|v| lp_str(v))
                .sum::<usize>();
        } else {
            add += lp_int(n as i64);
            add += item.fields.iter().map(|v| lp_str(v)).sum::<usize>();
            count += n + 1;
        }
        add += lp_int(count as i64);
        if !self.items.is_empty() {
            self.set_counts(self.live + 1, self.dead);
        } else {
            self.live = 1;
        }
        self.bytes += add;
        if self.bytes > self.alloc {
            self.alloc = size_class(self.bytes);
        }
        self.items.push(item);
    }

    /// Rewrite the master entry's counts (their encoded size may change).
    fn set_counts(&mut self, live: usize, dead: usize) {
        self.bytes = self.bytes + lp_int(live as i64) + lp_int(dead as i64)
            - lp_int(self.live as i64)
            - lp_int(self.dead as i64);
        self.live = live;
        self.dead = dead;
    }

    fn last_id(&self) -> Id {
        self.items.last().map_or(self.master, |i| i.id)
    }
}

/// Nodes of Redis's radix tree holding these sorted, distinct 16-byte
/// keys: the root, one node per run of shared bytes (compressed), one per
/// branching point, one per key.
pub fn rax_nodes(keys: &[[u8; 16]]) -> usize {
    fn node(keys: &[[u8; 16]], depth: usize) -> usize {
        let (Some(first), Some(last)) = (keys.first(), keys.last()) else {
            return 0;
        };
        if keys.len() == 1 && depth >= 16 {
            return 1;
        }
        let lcp = first
            .iter()
            .zip(last)
            .skip(depth)
            .take_while(|(a, b)| a == b)
            .count()
            + depth;
        if lcp > depth {
            return 1 + node(keys, lcp);
        }
        let mut total = 1;
        let mut rest = keys;
        while let Some(k) = rest.first() {
            let b = k[depth];
            let n = rest.iter().take_while(|k| k[depth] == b).count();
            let (group, tail) = rest.split_at(n);
            total += node(group, depth + 1);
            rest = tail;
        }
        total
    }
    if keys.is_empty() {
        1
    } else {
        node(keys, 0)
    }
}

/// The trimming XADD and XTRIM ask for.
#[derive(Clone, Copy, Debug)]
pub enum Trim {
    MaxLen(u64),
    MinId(Id),
}

impl Stream {
    /// A new entry with an id already checked to be above `last_id`.
    pub fn append(&mut self, id: Id, fields: Vec<Bytes>, max_bytes: usize, max_entries: usize) {
        let total: usize = fields.iter().map(|f| f.len()).sum();
        let node_max = if max_bytes == 0 || max_bytes as u64 > ENTRY_MAX_BYTES {
            usize::try_from(ENTRY_MAX_BYTES).unwrap_or(usize::MAX)
        } else {
            max_bytes
        };
        let full = self.nodes.last().map(|n| {
            n.bytes + total >= node_max || (max_entries != 0 && n.live + n.dead >= max_entries)
        });
        if full == Some(true) {
            if let Some(n) = self.nodes.last_mut() {
                n.alloc = size_class(n.bytes);
            }
        }
        if full != Some(false) {
            let prealloc = if max_bytes > 0 && max_bytes < NODE_PREALLOC {
                max_bytes
            } else {
                NODE_PREALLOC
            };
            self.nodes.push(Node::new(id, &fields, prealloc));
        }
        if let Some(n) = self.nodes.last_mut() {
            n.push(Item {
                id,
                fields,
                deleted: false,
            });
        }
        // Counters read from a file may be anything; Redis wraps too.
        self.length = self.length.wrapping_add(1);
        self.entries_added = self.entries_added.wrapping_add(1);
        self.last_id = id;
        if self.length == 1 {
            self.first_id = id;
        }
    }

    /// The index of the node that would hold `id`.
    fn node_of(&self, id: Id) -> Option<usize> {
        self.nodes
            .partition_point(|n| n.master <= id)
            .checked_sub(1)
    }

    /// A live entry.
    pub fn get(&self, id: Id) -> Option<&Item> {
        let n = self.nodes.get(self.node_of(id)?)?;
        let i = n.items.binary_search_by(|it| it.id.cmp(&id)).ok()?;
        n.items.get(i).filter(|it| !it.deleted)
    }

    /// Live entries from `start` to `end` (both included), oldest first
    /// or (`rev`) newest first, at most `count` (0: all).
    pub fn range(&self, start: Id, end: Id, rev: bool, count: usize) -> Vec<&Item> {
        let mut out = Vec::new();
        if start > end {
            return out;
        }
        let limit = if count == 0 { usize::MAX } else { count };
        if !rev {
            let from = self.node_of(start).unwrap_or(0);
            'nodes: for n in self.nodes.iter().skip(from) {
                if n.master > end {
                    break;
                }
                let at = n.items.partition_point(|it| it.id < start);
                for it in n.items.iter().skip(at) {
                    if it.id > end {
                        break 'nodes;
                    }
                    if !it.deleted {
                        out.push(it);
                        if out.len() >= limit {
                            break 'nodes;
                        }
                    }
                }
            }
        } else {
            let Some(to) = self.node_of(end) else {
                return out;
            };
            'back: for n in self.nodes.iter().take(to + 1).rev() {
                if n.last_id() < start {
                    break;
                }
                let at = n.items.partition_point(|it| it.id <= end);
                for it in n.items.iter().take(at).rev() {
                    if it.id < start {
                        break 'back;
                    }
                    if !it.deleted {
                        out.push(it);
                        if out.len() >= limit {
                            break 'back;
                        }
                    }
                }
            }
        }
        out
    }

    /// The first or last live entry's id.
    pub fn edge(&self, first: bool) -> Option<Id> {
        let r = self.range(Id::MIN, Id::MAX, !first, 1);
        r.first().map(|it| it.id)
    }

    /// XDEL of one id: a tombstone in its node, or the whole node when it
    /// was the node's last live entry.
    pub fn delete(&mut self, id: Id) -> bool {
        let Some(ni) = self.node_of(id) else {
            return false;
        };
        let Some(n) = self.nodes.get_mut(ni) else {
            return false;
        };
        let Ok(i) = n.items.binary_search_by(|it| it.id.cmp(&id)) else {
            return false;
        };
        match n.items.get_mut(i) {
            Some(it) if !it.deleted => it.deleted = true,
            _ => return false,
        }
        if n.live == 1 {
            self.nodes.remove(ni);
        } else {
            let (live, dead) = (n.live - 1, n.dead + 1);
            n.set_counts(live, dead);
        }
        self.length -= 1;
        true
    }

    /// Trim from the oldest entries (`streamTrim`): whole nodes while they
    /// can go, then, unless `approx`, entries within the next node;
    /// `limit` caps the entries removed (0: no cap). How many went.
    pub fn trim(&mut self, how: Trim, approx: bool, limit: u64) -> u64 {
        let mut deleted = 0u64;
        loop {
            if let Trim::MaxLen(max) = how {
                if self.length <= max {
                    break;
                }
            }
            let Some(n) = self.nodes.first_mut() else {
                break;
            };
            let entries = n.live as u64;
            if limit != 0 && deleted + entries > limit {
                break;
            }
            let whole = match how {
                Trim::MaxLen(max) => self.length - entries >= max,
                Trim::MinId(min) => n.last_id() < min,
            };
            if whole {
                self.nodes.remove(0);
                self.length -= entries;
                deleted += entries;
                continue;
            }
            if approx {
                break;
            }
            let mut gone = 0usize;
            for it in &mut n.items {
                let stop = match how {
                    Trim::MaxLen(max) => self.length <= max,
                    Trim::MinId(min) => it.id >= min,
                };
                if stop {
                    break;
                }
                if !it.deleted {
                    it.deleted = true;
                    gone += 1;
                    self.length -= 1;
                }
            }
            let (live, dead) = (n.live - gone, n.dead + gone);
            n.set_counts(live, dead);
            deleted += gone as u64;
            break;
        }
        if self.length == 0 {
            self.first_id = Id::MIN;
        } else if deleted > 0 {
            self.first_id = self.edge(true).unwrap_or_default();
        }
        deleted
    }

    pub fn group(&self, name: &[u8]) -> Option<&Group> {
        by_name(&self.groups, name, |g| &g.name)
            .ok()
            .and_then(|i| self.groups.get(i))
    }

    pub fn group_mut(&mut self, name: &[u8]) -> Option<&mut Group> {
        by_name(&self.groups, name, |g| &g.name)
            .ok()
            .and_then(|i| self.groups.get_mut(i))
    }

    /// Add a group; false when the name is taken.
    pub fn add_group(&mut self, g: Group) -> bool {
        match by_name(&self.groups, &g.name, |x| &x.name) {
            Ok(_) => false,
            Err(i) => {
                self.groups.insert(i, g);
                true
            }
        }
    }

    pub fn remove_group(&mut self, name: &[u8]) -> bool {
        match by_name(&self.groups, name, |g| &g.name) {
            Ok(i) => {
                self.groups.remove(i);
                true
            }
            Err(_) => false,
        }
    }

    /// Whether a tombstone may lie between `start` and the end of the
    /// stream (`streamRangeHasTombstones`, with no end).
    pub fn tombstones_after(&self, start: Id) -> bool {
        if self.length == 0 || self.max_deleted.is_zero() || self.first_id > self.max_deleted {
            return false;
        }
        start <= self.max_deleted
    }

    /// How many entries were added up to and including `id`, when that
    /// can be known (`streamEstimateDistanceFromFirstEverEntry`); -1 when not.
    pub fn entries_up_to(&self, id: Id) -> i64 {
        let added = self.entries_added as i64;
        if self.entries_added == 0 {
            return 0;
        }
        if self.length == 0 && id <= self.last_id {
            return added;
        }
        if id == self.last_id {
            return added;
        }
        if id > self.last_id {
            return -1;
        }
        if self.max_deleted.is_zero() || self.max_deleted < self.first_id {
            if id < self.first_id {
                return added - self.length as i64;
            }
            if id == self.first_id {
                return added - self.length as i64 + 1;
            }
        }
        -1
    }

    /// A group's lag (XINFO), when it can be known.
    pub fn lag(&self, g: &Group) -> Option<i64> {
        if self.entries_added == 0 {
            return Some(0);
        }
        if g.entries_read != -1 && !self.tombstones_after(g.last_id) {
            return Some((self.entries_added as i64).wrapping_sub(g.entries_read));
        }
        match self.entries_up_to(g.last_id) {
            -1 => None,
            read => Some((self.entries_added as i64).wrapping_sub(read)),
        }
    }

    /// XINFO STREAM's `radix-tree-keys` and `radix-tree-nodes`.
    pub fn tree(&self) -> (usize, usize) {
        let keys: Vec<[u8; 16]> = self.nodes.iter().map(|n| n.master.key()).collect();
        (keys.len(), rax_nodes(&keys))
    }

    /// What MEMORY USAGE counts (`objectComputeSize` for a stream):
    /// `samples` nodes measured and the rest taken as their average, plus
    /// the groups' and consumers' bookkeeping.
    pub fn memory(&self, samples: usize) -> usize {
        // robj + stream structs, then the tree.
        let mut size = 16 + 80 + tree_usage(self.nodes.len(), self.tree().1);
        let seen = self.nodes.len().min(samples);
        let measured: usize = self.nodes.iter().take(seen).map(|n| n.alloc).sum();
        if self.nodes.len() <= seen {
            size += measured;
        } else {
            let avg = measured.checked_div(seen).unwrap_or(0);
            size += avg * (self.nodes.len() - 1);
            size += self.nodes.last().map_or(0, |n| n.alloc);
        }
        for g in &self.groups {
            let pel: Vec<[u8; 16]> = g.pel.keys().map(|id| id.key()).collect();
            size += 40 + tree_usage(pel.len(), rax_nodes(&pel)) + 24 * pel.len();
            for c in &g.consumers {
                let keys: Vec<[u8; 16]> = c.pel.iter().map(|id| id.key()).collect();
                size += 24 + c.name.len() + tree_usage(keys.len(), rax_nodes(&keys));
            }
        }
        size
    }

    pub fn into_value(self) -> Value {
        Value::Stream(StreamBox(Box::new(self)))
    }
}

/// `streamRadixTreeMemoryUsage`.
fn tree_usage(keys: usize, nodes: usize) -> usize {
    keys * 16 + nodes * 4 + nodes * 8 * 30
}

/// The stream held by a value, if it is one.
pub fn as_stream(v: &Value) -> Option<&Stream> {
    match v {
        Value::Stream(s) => s.0.as_any().downcast_ref(),
        _ => None,
    }
}

pub fn as_stream_mut(v: &mut Value) -> Option<&mut Stream> {
    match v {
        Value::Stream(s) => s.0.as_any_mut().downcast_mut(),
        _ => None,
    }
}

fn id_arg(id: Id) -> Vec<u8> {
    id.text()
}

impl StreamObj for Stream {
    fn clone_obj(&self) -> Box<dyn StreamObj> {
        Box::new(self.clone())
    }

    fn same(&self, other: &dyn StreamObj) -> bool {
        other
            .as_any()
            .downcast_ref::<Stream>()
            .is_some_and(|o| o == self)
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }

    fn entries(&self) -> usize {
        usize::try_from(self.length).unwrap_or(usize::MAX)
    }

    fn rebuild(&self, key: &[u8], out: &mut Vec<Vec<Vec<u8>>>) {
        let k = key.to_vec();
        if self.length > 0 {
            for it in self.range(Id::MIN, Id::MAX, false, 0) {
                let mut argv = vec![b"XADD".to_vec(), k.clone(), id_arg(it.id)];
                argv.extend(it.fields.iter().map(|f| f.to_vec()));
                out.push(argv);
            }
        } else {
            // Redis's AOF trick for an empty stream: add one entry, trimmed
            // away at once.
            out.push(vec![
                b"XADD".to_vec(),
                k.clone(),
                b"MAXLEN".to_vec(),
                b"0".to_vec(),
                b"0-1".to_vec(),
                b"x".to_vec(),
                b"y".to_vec(),
            ]);
        }
        out.push(vec![
            b"XSETID".to_vec(),
            k.clone(),
            id_arg(self.last_id),
            b"ENTRIESADDED".to_vec(),
            self.entries_added.to_string().into_bytes(),
            b"MAXDELETEDID".to_vec(),
            id_arg(self.max_deleted),
        ]);
        for g in &self.groups {
            out.push(vec![
                b"XGROUP".to_vec(),
                b"CREATE".to_vec(),
                k.clone(),
                g.name.to_vec(),
                id_arg(g.last_id),
                b"ENTRIESREAD".to_vec(),
                g.entries_read.to_string().into_bytes(),
            ]);
            for c in &g.consumers {
                if c.pel.is_empty() {
                    out.push(vec![
                        b"XGROUP".to_vec(),
                        b"CREATECONSUMER".to_vec(),
                        k.clone(),
                        g.name.to_vec(),
                        c.name.to_vec(),
                    ]);
                }
                for id in &c.pel {
                    let Some(n) = g.pel.get(id) else { continue };
                    out.push(vec![
                        b"XCLAIM".to_vec(),
                        k.clone(),
                        g.name.to_vec(),
                        c.name.to_vec(),
                        b"0".to_vec(),
                        id_arg(*id),
                        b"TIME".to_vec(),
                        n.delivered_ms.to_string().into_bytes(),
                        b"RETRYCOUNT".to_vec(),
                        n.count.to_string().into_bytes(),
                        b"JUSTID".to_vec(),
                        b"FORCE".to_vec(),
                    ]);
                }
            }
        }
    }

    fn to_rdb(&self, out: &mut crate::engine::rdb::Out) {
        rdb::write(self, out);
    }

    fn to_snapshot(&self, out: &mut Vec<u8>) {
        bytes::write(self, out);
    }

    fn memory(&self, samples: usize) -> usize {
        Stream::memory(self, samples)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> Vec<Bytes> {
        pairs
            .iter()
            .flat_map(|(f, v)| {
                [
                    Bytes::from_slice(f.as_bytes()),
                    Bytes::from_slice(v.as_bytes()),
                ]
            })
            .collect()
    }

    #[test]
    fn radix_tree_nodes_follow_shared_prefixes() {
        let k = |ms: u64, seq: u64| Id::new(ms, seq).key();
        assert_eq!(rax_nodes(&[]), 1);
        assert_eq!(rax_nodes(&[k(1, 0)]), 2);
        // Differing in the last byte: prefix, branch, two leaves.
        assert_eq!(rax_nodes(&[k(1, 0), k(1, 1)]), 4);
        // Three keys, two sharing more: the root's shared bytes, a branch,
        // then on one side shared bytes, a branch and two leaves, on the
        // other the rest of the key and a leaf.
        assert_eq!(rax_nodes(&[k(1, 0), k(1, 1), k(2, 0)]), 8);
    }

    #[test]
    fn nodes_close_at_their_entry_limit_and_trim_whole() {
        let mut s = Stream::default();
        for i in 1..=250u64 {
            s.append(Id::new(i, 0), fields(&[("f", "v")]), 4096, 100);
        }
        assert_eq!(s.nodes.len(), 3);
        assert_eq!(s.trim(Trim::MaxLen(180), true, 0), 0);
        assert_eq!(s.trim(Trim::MaxLen(150), true, 0), 100);
        assert_eq!(s.length, 150);
        assert_eq!(s.first_id, Id::new(101, 0));
        assert_eq!(s.trim(Trim::MaxLen(10), false, 0), 140);
        assert_eq!(s.range(Id::MIN, Id::MAX, false, 0).len(), 10);
    }

    #[test]
    fn snapshot_bytes_come_back_equal_and_bad_ones_do_not() {
        let mut s = Stream::default();
        for i in 1..=5u64 {
            s.append(Id::new(i, 0), fields(&[("a", "1"), ("b", "x")]), 4096, 100);
        }
        s.delete(Id::new(2, 0));
        let mut g = Group::new(b"g", Id::new(3, 0), 3);
        g.add_consumer(b"c", 7);
        g.pel.insert(
            Id::new(3, 0),
            Nack {
                delivered_ms: 9,
                count: 2,
                consumer: Bytes::from_slice(b"c"),
            },
        );
        g.consumer_mut(b"c").unwrap().pel.insert(Id::new(3, 0));
        s.add_group(g);
        let mut bytes = Vec::new();
        s.to_snapshot(&mut bytes);
        assert_eq!(from_snapshot(&bytes).as_ref(), Some(&s));
        for cut in 0..bytes.len() {
            assert!(from_snapshot(&bytes[..cut]).is_none());
        }
    }
}
