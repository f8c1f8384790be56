//! A stream in a snapshot's bytes (`StreamObj::to_snapshot`), and back:
//! its nodes as they are (tombstones and allocations too), its counters,
//! and its groups with their consumers and pending entries.

use super::{Group, Id, Item, Nack, Node, Stream};
use crate::engine::value::{bytes_from_vec, Bytes};

/// Write `s` (read back by [`from_snapshot`]).
pub(super) fn write(s: &Stream, out: &mut Vec<u8>) {
    let mut w = Out(out);
    w.u64(s.nodes.len() as u64);
    for n in &s.nodes {
        w.id(n.master);
        w.list(&n.master_fields);
        w.u64(n.items.len() as u64);
        for it in &n.items {
            w.id(it.id);
            w.u64(u64::from(it.deleted));
            w.list(&it.fields);
        }
        w.u64(n.alloc as u64);
    }
    w.id(s.last_id);
    w.id(s.first_id);
    w.id(s.max_deleted);
    w.u64(s.entries_added);
    w.u64(s.groups.len() as u64);
    for g in &s.groups {
        w.bytes(&g.name);
        w.id(g.last_id);
        w.u64(g.entries_read as u64);
        w.u64(g.consumers.len() as u64);
        for c in &g.consumers {
            w.bytes(&c.name);
            w.u64(c.seen_ms as u64);
            w.u64(c.pel.len() as u64);
            for id in &c.pel {
                let n = g.pel.get(id);
                w.id(*id);
                w.u64(n.map_or(0, |n| n.delivered_ms as u64));
                w.u64(n.map_or(0, |n| n.count));
            }
        }
    }
}

struct Out<'a>(&'a mut Vec<u8>);

impl Out<'_> {
    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn id(&mut self, id: Id) {
        self.u64(id.ms);
        self.u64(id.seq);
    }
    fn bytes(&mut self, b: &[u8]) {
        self.u64(b.len() as u64);
        self.0.extend_from_slice(b);
    }
    fn list(&mut self, l: &[Bytes]) {
        self.u64(l.len() as u64);
        for b in l {
            self.bytes(b);
        }
    }
}

/// Reads what `to_snapshot` wrote, trusting nothing: every count is
/// checked against the bytes left, every id order and cross-reference
/// checked, so bad bytes give `None`, never a panic or a huge allocation.
struct In<'a>(&'a [u8]);

impl<'a> In<'a> {
    fn u64(&mut self) -> Option<u64> {
        let (head, rest) = self.0.split_first_chunk::<8>()?;
        self.0 = rest;
        Some(u64::from_le_bytes(*head))
    }
    fn count(&mut self, min_each: usize) -> Option<usize> {
        let n = usize::try_from(self.u64()?).ok()?;
        (n.checked_mul(min_each.max(1))? <= self.0.len()).then_some(n)
    }
    fn id(&mut self) -> Option<Id> {
        Some(Id::new(self.u64()?, self.u64()?))
    }
    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.count(1)?;
        let (b, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(b)
    }
    fn list(&mut self) -> Option<Vec<Bytes>> {
        let n = self.count(8)?;
        (0..n)
            .map(|_| self.bytes().map(Bytes::from_slice))
            .collect()
    }
}

/// A stream from its snapshot bytes (see `StreamObj::to_snapshot`).
pub fn from_snapshot(bytes: &[u8]) -> Option<Stream> {
    let mut r = In(bytes);
    let mut s = Stream::default();
    let nodes = r.count(40)?;
    let mut prev: Option<Id> = None;
    for _ in 0..nodes {
        let master = r.id()?;
        let master_fields = r.list()?;
        let items = r.count(32)?;
        let mut node: Option<Node> = None;
        for _ in 0..items {
            let id = r.id()?;
            let deleted = match r.u64()? {
                0 => false,
                1 => true,
                _ => return None,
            };
            let fields = r.list()?;
            if fields.len() % 2 != 0 || prev.is_some_and(|p| id <= p) {
                return None;
            }
            prev = Some(id);
            let n = node.get_or_insert_with(|| {
                let mut n = Node::new(master, &fields, 0);
                n.master_fields.clone_from(&master_fields);
                n
            });
            if n.master != id && n.items.is_empty() {
                return None;
            }
            n.push(Item {
                id,
                fields,
                deleted: false,
            });
            if deleted {
                let i = n.items.len() - 1;
                if let Some(it) = n.items.get_mut(i) {
                    it.deleted = true;
                }
                let (live, dead) = (n.live.checked_sub(1)?, n.dead + 1);
                n.set_counts(live, dead);
            }
        }
        let alloc = usize::try_from(r.u64()?).ok()?;
        let mut n = node?;
        if n.live == 0 {
            return None;
        }
        n.alloc = alloc;
        s.length += n.live as u64;
        s.nodes.push(n);
    }
    s.last_id = r.id()?;
    s.first_id = r.id()?;
    s.max_deleted = r.id()?;
    s.entries_added = r.u64()?;
    if prev.is_some_and(|p| p > s.last_id) {
        return None;
    }
    let groups = r.count(40)?;
    for _ in 0..groups {
        let name = r.bytes()?;
        let mut g = Group::new(name, r.id()?, r.u64()? as i64);
        let consumers = r.count(24)?;
        for _ in 0..consumers {
            let cname = bytes_from_vec(r.bytes()?.to_vec());
            let seen = r.u64()? as i64;
            if !g.add_consumer(&cname, seen) {
                return None;
            }
            let pending = r.count(32)?;
            for _ in 0..pending {
                let id = r.id()?;
                let nack = Nack {
                    delivered_ms: r.u64()? as i64,
                    count: r.u64()?,
                    consumer: cname.clone(),
                };
                if g.pel.insert(id, nack).is_some() {
                    return None;
                }
                g.consumer_mut(&cname)?.pel.insert(id);
            }
        }
        if !s.add_group(g) {
            return None;
        }
    }
    r.0.is_empty().then_some(s)
}
