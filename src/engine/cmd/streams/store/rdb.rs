//! A stream in RDB form (type 19, `RDB_TYPE_STREAM_LISTPACKS_2`), and
//! back; type 15, Redis 6.2's, is read too.
//!
//! Each node is written as its radix-tree key (the master id, 16 bytes
//! big-endian) and its listpack: the master entry (live count, deleted
//! count, the field names, a zero), then each entry as flags (1 deleted,
//! 2 same fields as the master), the id's difference from the master's,
//! the field count and names unless they are the master's, the values,
//! and the number of elements the entry took. Then the stream's counters
//! and ids, and each consumer group with its pending entries (ids
//! big-endian, delivery time, delivery count) and its consumers (name,
//! seen time, their pending ids).

use super::{size_class, Group, Id, Item, Nack, Node, Stream};
use crate::engine::rdb::listpack::{self, Listpack};
use crate::engine::rdb::{Bad, Input, Out, Res};
use crate::engine::value::{Bytes, Value};

const DELETED: i64 = 1;
const SAME_FIELDS: i64 = 2;

fn id_bytes(id: Id) -> [u8; 16] {
    let mut b = [0u8; 16];
    b[..8].copy_from_slice(&id.ms.to_be_bytes());
    b[8..].copy_from_slice(&id.seq.to_be_bytes());
    b
}

fn id_from(b: &[u8]) -> Res<Id> {
    match (b.get(..8), b.get(8..16)) {
        (Some(ms), Some(seq)) if b.len() == 16 => Ok(Id::new(
            u64::from_be_bytes(ms.try_into().unwrap_or_default()),
            u64::from_be_bytes(seq.try_into().unwrap_or_default()),
        )),
        _ => Err(Bad("a stream id that is not 16 bytes".into())),
    }
}

/// The node's listpack, as Redis built it entry by entry.
fn node_listpack(n: &Node) -> Vec<u8> {
    let mut lp = Listpack::default();
    lp.push_int(n.live as i64);
    lp.push_int(n.dead as i64);
    lp.push_int(n.master_fields.len() as i64);
    for f in &n.master_fields {
        lp.push(f);
    }
    lp.push_int(0);
    for it in &n.items {
        let same = n.same_fields(&it.fields);
        let pairs = it.fields.len() / 2;
        let flags = if it.deleted { DELETED } else { 0 } | if same { SAME_FIELDS } else { 0 };
        lp.push_int(flags);
        lp.push_int(it.id.ms.wrapping_sub(n.master.ms) as i64);
        lp.push_int(it.id.seq.wrapping_sub(n.master.seq) as i64);
        if same {
            for v in it.fields.iter().skip(1).step_by(2) {
                lp.push(v);
            }
            lp.push_int(pairs as i64 + 3);
        } else {
            lp.push_int(pairs as i64);
            for f in &it.fields {
                lp.push(f);
            }
            lp.push_int(2 * pairs as i64 + 4);
        }
    }
    lp.finish()
}

pub(super) fn write(s: &Stream, out: &mut Out) {
    out.len(s.nodes.len() as u64);
    for n in &s.nodes {
        out.string(&id_bytes(n.master));
        out.string(&node_listpack(n));
    }
    out.len(s.length);
    for id in [s.last_id, s.first_id, s.max_deleted] {
        out.len(id.ms);
        out.len(id.seq);
    }
    out.len(s.entries_added);
    out.len(s.groups.len() as u64);
    for g in &s.groups {
        out.string(&g.name);
        out.len(g.last_id.ms);
        out.len(g.last_id.seq);
        out.len(g.entries_read as u64);
        out.len(g.pel.len() as u64);
        for (id, nack) in &g.pel {
            out.raw(&id_bytes(*id));
            out.ms(nack.delivered_ms);
            out.len(nack.count);
        }
        out.len(g.consumers.len() as u64);
        for c in &g.consumers {
            out.string(&c.name);
            out.ms(c.seen_ms);
            out.len(c.pel.len() as u64);
            for id in &c.pel {
                out.raw(&id_bytes(*id));
            }
        }
    }
}

fn bad<T>(why: &str) -> Res<T> {
    Err(Bad(why.to_string()))
}

/// One node from its key and listpack, every count cross-checked.
fn read_node(master: Id, lp: &[u8], after: Option<Id>) -> Res<Node> {
    let Some(items) = listpack::items(lp) else {
        return bad("a stream node that is not a valid listpack");
    };
    let mut it = items.into_iter();
    let int = |it: &mut std::vec::IntoIter<listpack::Item<'_>>| -> Res<i64> {
        it.next()
            .and_then(|i| i.int())
            .map_or_else(|| bad("a stream node with a bad entry"), Ok)
    };
    let count = |v: i64| usize::try_from(v).or_else(|_| bad("a stream node with a bad count"));
    let live = count(int(&mut it)?)?;
    let dead = count(int(&mut it)?)?;
    let nfields = count(int(&mut it)?)?;
    let mut master_fields = Vec::new();
    for _ in 0..nfields {
        match it.next() {
            Some(f) => master_fields.push(Bytes::from_slice(&f.bytes())),
            None => return bad("a stream node cut short"),
        }
    }
    if int(&mut it)? != 0 {
        return bad("a stream node's master entry without its end");
    }
    let mut node = Node {
        master,
        master_fields,
        items: Vec::new(),
        live,
        dead,
        bytes: lp.len(),
        alloc: size_class(lp.len()),
    };
    let mut prev = after;
    while it.len() > 0 {
        let flags = int(&mut it)?;
        let ms = master.ms.wrapping_add(int(&mut it)? as u64);
        let seq = master.seq.wrapping_add(int(&mut it)? as u64);
        let id = Id::new(ms, seq);
        if prev.is_some_and(|p| id <= p) || (node.items.is_empty() && id != master) {
            return bad("a stream whose ids are out of order");
        }
        prev = Some(id);
        let same = flags & SAME_FIELDS != 0;
        let pairs = if same {
            node.master_fields.len()
        } else {
            count(int(&mut it)?)?
        };
        let mut fields = Vec::with_capacity(pairs.min(it.len()) * 2);
        for i in 0..pairs {
            if same {
                fields.push(node.master_fields[i].clone());
            } else {
                let Some(f) = it.next() else {
                    return bad("a stream entry cut short");
                };
                fields.push(Bytes::from_slice(&f.bytes()));
            }
            let Some(v) = it.next() else {
                return bad("a stream entry cut short");
            };
            fields.push(Bytes::from_slice(&v.bytes()));
        }
        let want = if same { pairs + 3 } else { 2 * pairs + 4 };
        if count(int(&mut it)?)? != want {
            return bad("a stream entry whose element count is wrong");
        }
        node.items.push(Item {
            id,
            fields,
            deleted: flags & DELETED != 0,
        });
    }
    let deleted = node.items.iter().filter(|i| i.deleted).count();
    if node.live == 0 || deleted != node.dead || node.items.len() != live + dead {
        return bad("a stream node whose counts do not match its entries");
    }
    Ok(node)
}

/// A stream read from `input` (`v2`: type 19, with the first id, the
/// deleted id, the entries-added counter and each group's entries-read).
pub fn from_rdb(input: &mut Input<'_>, v2: bool) -> Res<Value> {
    let mut s = Stream::default();
    let nodes = input.count()?;
    let mut last: Option<Id> = None;
    for _ in 0..nodes {
        let key = input.string()?;
        let master = id_from(&key)?;
        let lp = input.string()?;
        let node = read_node(master, &lp, last)?;
        last = node.items.last().map(|i| i.id);
        s.nodes.push(node);
    }
    s.length = input.length()?;
    s.last_id = Id::new(input.length()?, input.length()?);
    if v2 {
        s.first_id = Id::new(input.length()?, input.length()?);
        s.max_deleted = Id::new(input.length()?, input.length()?);
        s.entries_added = input.length()?;
    } else {
        s.entries_added = s.length;
        s.first_id = s.edge(true).unwrap_or(Id::MIN);
    }
    let live: u64 = s.nodes.iter().map(|n| n.live as u64).sum();
    if live != s.length || last.is_some_and(|l| l > s.last_id) {
        return bad("a stream whose length or last id does not match its entries");
    }
    let groups = input.count()?;
    for _ in 0..groups {
        let name = input.string()?;
        let last_id = Id::new(input.length()?, input.length()?);
        let entries_read = if v2 {
            input.length()? as i64
        } else if last_id == s.last_id {
            s.entries_added as i64
        } else {
            -1
        };
        let mut g = Group::new(&name, last_id, entries_read);
        let pending = input.count()?;
        for _ in 0..pending {
            let id = id_from(input.take(16)?)?;
            let nack = Nack {
                delivered_ms: input.ms()?,
                count: input.length()?,
                consumer: Bytes::new(),
            };
            if g.pel.insert(id, nack).is_some() {
                return bad("a group with a pending entry twice");
            }
        }
        let consumers = input.count()?;
        for _ in 0..consumers {
            let cname = Bytes::from_slice(&input.string()?);
            let seen = input.ms()?;
            if !g.add_consumer(&cname, seen) {
                return bad("a group with a consumer twice");
            }
            let ids = input.count()?;
            for _ in 0..ids {
                let id = id_from(input.take(16)?)?;
                match g.pel.get_mut(&id) {
                    Some(n) if n.consumer.is_empty() => n.consumer = cname.clone(),
                    _ => return bad("a consumer's pending entry not in its group's"),
                }
                if let Some(c) = g.consumer_mut(&cname) {
                    c.pel.insert(id);
                }
            }
        }
        if g.pel.values().any(|n| n.consumer.is_empty()) {
            return bad("a pending entry that no consumer has");
        }
        if !s.add_group(g) {
            return bad("a stream with a group twice");
        }
    }
    Ok(s.into_value())
}
