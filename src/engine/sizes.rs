//! The bytes Redis 7.0 would allocate for a key, computed from the
//! structures it would use, not from our own (which differ): what MEMORY
//! USAGE reports, and what the running total that `maxmemory` is checked
//! against adds up (`Db`'s meter, `evict.rs`).
//!
//! Redis adds up `zmalloc_size` of each allocation, i.e. jemalloc's size
//! class, plus `sizeof` of some structures; [`size_class`] reproduces
//! jemalloc's classes and the functions below follow `objectComputeSize`:
//! robj headers, sds headers by length, listpack bytes by entry encoding,
//! quicklist nodes of at most 8 KB, dict buckets, and for big collections
//! the average of the first `samples` elements times their number. What
//! Redis leaves to chance is approximated: the level of a skiplist node
//! (we take one level), a dict's bucket count (we take the power of two a
//! growing dict ends with; Redis counts both tables while it rehashes, and
//! after deletions may not have shrunk yet), which elements come first in
//! a hashtable (ours, in our order), and the spare room `APPEND` leaves.

use crate::engine::cmd::hashes::Hash;
use crate::engine::cmd::sets::Set;
use crate::engine::value::{StrEnc, Value};
use crate::engine::zset::ZSet;

/// jemalloc's size class for a request of `n` bytes: 8, then steps of 16
/// up to 128, then four classes per doubling.
pub fn size_class(n: usize) -> usize {
    if n <= 8 {
        return 8;
    }
    if n <= 128 {
        return n.div_ceil(16) * 16;
    }
    let p = n.next_power_of_two();
    let step = (p / 8).max(1);
    n.div_ceil(step) * step
}

pub(crate) const ROBJ: usize = 16;
pub(crate) const DICT_ENTRY: usize = 24;
const DICT: usize = 56;
const QUICKLIST: usize = 40;
const QUICKLIST_NODE: usize = 40;
/// Bytes a quicklist node holds at most when list-max-listpack-size
/// counts elements (Redis's SIZE_SAFETY_LIMIT).
const SIZE_SAFETY_LIMIT: usize = 8192;

/// Allocation of an sds string of `len` bytes (header by length, NUL).
pub(crate) fn sds(len: usize) -> usize {
    let hdr = if len < 32 {
        1
    } else if len < 256 {
        3
    } else if len < 65536 {
        5
    } else if (len as u64) < (1u64 << 32) {
        9
    } else {
        17
    };
    size_class(hdr + len + 1)
}

/// Bytes one element takes in a listpack (the RDB writer's model).
pub(crate) use crate::engine::rdb::listpack::entry_size as lp_entry;

/// Bytes of a listpack whose entries take these sizes: 6 header bytes,
/// the entries, an end byte.
pub(crate) fn listpack_bytes(entry_sizes: impl IntoIterator<Item = usize>) -> usize {
    6 + entry_sizes.into_iter().sum::<usize>() + 1
}

/// The quicklist nodes a list fills when pushed one element at a time at
/// the tail, as (elements, listpack bytes), under
/// `list-max-listpack-size` `fill`. Redis decides whether an element
/// joins the tail node from an estimate (`_quicklistNodeAllowInsert`):
/// the node's bytes plus the element's length plus 8 must stay within
/// 4 KB for fill -1 up to 64 KB for -5; a positive fill counts elements,
/// with 8 KB as a safety limit.
pub(crate) fn quicklist_nodes(
    items: &crate::engine::value::List,
    fill: i64,
) -> Vec<(usize, usize)> {
    let fill = fill.clamp(-5, (1 << 15) - 1);
    let joins = |bytes: usize, count: usize, len: usize| {
        let estimate = bytes + len + 8;
        if fill < 0 {
            estimate <= 4096 << (fill.unsigned_abs() - 1)
        } else {
            estimate <= SIZE_SAFETY_LIMIT && (count as i64) < fill
        }
    };
    let mut nodes = Vec::new();
    let (mut bytes, mut count) = (7usize, 0usize);
    for e in items {
        if count > 0 && !joins(bytes, count, e.len()) {
            nodes.push((count, bytes));
            (bytes, count) = (7, 0);
        }
        bytes += lp_entry(e);
        count += 1;
    }
    if count > 0 {
        nodes.push((count, bytes));
    }
    nodes
}

/// A listpack of these entries: 6 header bytes, the entries, an end byte.
fn listpack<'a, I: IntoIterator<Item = &'a [u8]>>(entries: I) -> usize {
    size_class(listpack_bytes(entries.into_iter().map(lp_entry)))
}

/// Buckets of a dict holding `n` entries: 4, or the power of two a growing
/// dict reaches.
pub(crate) fn dict_slots(n: usize) -> usize {
    n.next_power_of_two().max(4)
}

/// `elesize / samples * count`, as Redis averages a sample.
fn extrapolate(sizes: impl Iterator<Item = usize>, count: usize, samples: usize) -> usize {
    let mut total = 0usize;
    let mut seen = 0usize;
    for s in sizes.take(samples) {
        total += s;
        seen += 1;
    }
    if seen == 0 {
        0
    } else {
        (total as f64 / seen as f64 * count as f64) as usize
    }
}

fn string_size(bytes: &[u8], enc: StrEnc) -> usize {
    match enc {
        StrEnc::Int => ROBJ,
        StrEnc::Embstr => size_class(ROBJ + 3 + bytes.len() + 1),
        StrEnc::Raw => ROBJ + sds(bytes.len()),
    }
}

fn list_size(items: &crate::engine::value::List, samples: usize) -> usize {
    // Nodes as RPUSH would fill them (list-max-listpack-size -2), one
    // listpack each.
    let nodes = quicklist_nodes(items, -2);
    let count = nodes.len();
    ROBJ + QUICKLIST
        + extrapolate(
            nodes
                .into_iter()
                .map(|(_, bytes)| QUICKLIST_NODE + size_class(bytes)),
            count,
            samples,
        )
}

fn hash_size(h: &Hash, samples: usize) -> usize {
    if h.listpack() {
        return ROBJ + listpack(h.map.iter().flat_map(|(f, v)| [f, v]));
    }
    ROBJ + DICT
        + 8 * dict_slots(h.map.len())
        + extrapolate(
            h.map
                .iter()
                .map(|(f, v)| sds(f.len()) + sds(v.len()) + DICT_ENTRY),
            h.map.len(),
            samples,
        )
}

fn set_size(s: &Set, samples: usize) -> usize {
    if s.intset() {
        return ROBJ + size_class(8 + s.items.int_width() * s.items.len());
    }
    ROBJ + DICT
        + 8 * dict_slots(s.items.len())
        + extrapolate(
            s.items.iter().map(|m| sds(m.len()) + DICT_ENTRY),
            s.items.len(),
            samples,
        )
}

fn zset_size(z: &ZSet, samples: usize) -> usize {
    if z.listpack() {
        let texts: Vec<(String, &[u8])> = z
            .iter()
            .map(|(s, m)| (crate::resp::format_double(s), m))
            .collect();
        return ROBJ + listpack(texts.iter().flat_map(|(s, m)| [*m, s.as_bytes()]));
    }
    // zset + zskiplist structs, the dict, the 32-level header node, and per
    // element its sds, dict entry and a one-level skiplist node.
    let header = size_class(32 + 32 * 16);
    ROBJ + 16
        + 32
        + DICT
        + 8 * dict_slots(z.len())
        + header
        + extrapolate(
            z.iter()
                .map(|(_, m)| sds(m.len()) + DICT_ENTRY + size_class(32 + 16)),
            z.len(),
            samples,
        )
}

/// Bytes of the value alone (`objectComputeSize`).
pub fn value_size(v: &Value, samples: usize) -> usize {
    match v {
        Value::Str(s) => string_size(&s.bytes, s.enc),
        Value::List(l) => list_size(l, samples),
        Value::Hash(h) => hash_size(h, samples),
        Value::Set(s) => set_size(s, samples),
        Value::ZSet(z) => zset_size(z, samples),
        Value::Stream(s) => s.0.memory(samples),
    }
}

/// Lists longer than this are costed by [`list_estimate`] in the running
/// total: cutting every node (`quicklist_nodes`) is linear, and the total
/// is updated on every write.
const LIST_WALK: usize = 512;

/// What a key adds to the running total that `maxmemory` is checked
/// against: MEMORY USAGE's figure with its default five samples, but a
/// long list's nodes estimated from its first elements. A pure function
/// of the key and value, so that adding a key's cost after each change
/// and taking back the cost it had before keeps the total equal to a
/// fresh count (`Db`'s meter relies on that).
pub fn key_cost(key: &[u8], v: &Value) -> usize {
    let value = match v {
        Value::List(l) if l.len() > LIST_WALK => list_estimate(l),
        _ => value_size(v, 5),
    };
    value + sds(key.len()) + DICT_ENTRY
}

/// A long (so not empty) list as nodes of the average size of its first
/// 64 elements, each filled as far as Redis's 8 KB estimate lets it.
fn list_estimate(items: &crate::engine::value::List) -> usize {
    let (mut n, mut bytes, mut text) = (0usize, 0usize, 0usize);
    for e in items.iter().take(64) {
        n += 1;
        bytes += lp_entry(e);
        text += e.len();
    }
    let (entry, len) = (bytes / n.max(1), text / n.max(1));
    // A node takes one more while its bytes + the length + 8 <= 8192.
    let room = 8192usize.saturating_sub(8 + 7 + len);
    let per_node = (room / entry.max(1) + 1).max(1);
    let full = (items.len() - 1) / per_node;
    let last = items.len() - full * per_node;
    let node = |count: usize| QUICKLIST_NODE + size_class(7 + count * entry);
    ROBJ + QUICKLIST + full * node(per_node) + node(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lists_are_estimated_close_to_their_nodes() {
        use crate::engine::value::{Bytes, List};
        for (len, elem) in [
            (513usize, 10usize),
            (5000, 10),
            (20_000, 3),
            (3000, 100),
            (700, 5000),
        ] {
            let l: List = (0..len)
                .map(|_| Bytes::from_slice(&vec![b'x'; elem]))
                .collect();
            let exact = list_size(&l, usize::MAX);
            let guess = list_estimate(&l);
            let off = exact.abs_diff(guess) as f64 / exact as f64;
            assert!(
                off < 0.05,
                "{len} x {elem}: exact {exact}, estimate {guess}"
            );
        }
    }

    #[test]
    fn jemalloc_classes() {
        let got: Vec<usize> = [1, 8, 9, 16, 17, 21, 33, 128, 129, 160, 161, 200, 257, 1025]
            .into_iter()
            .map(size_class)
            .collect();
        assert_eq!(
            got,
            [8, 8, 16, 16, 32, 32, 48, 128, 160, 160, 192, 224, 320, 1280]
        );
    }
}
