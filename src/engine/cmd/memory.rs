//! MEMORY USAGE: the bytes Redis 7.0 would report for a key, computed from
//! the structures it would use, not from our own (which differ).
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

use crate::engine::args::parse_i64;
use crate::engine::cmd::hashes::Hash;
use crate::engine::cmd::sets::Set;
use crate::engine::errors;
use crate::engine::value::{StrEnc, Value};
use crate::engine::zset::ZSet;
use crate::engine::{Engine, Session};
use crate::reply::Reply;

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

const ROBJ: usize = 16;
const DICT_ENTRY: usize = 24;
const DICT: usize = 56;
const QUICKLIST: usize = 40;
const QUICKLIST_NODE: usize = 40;
/// Bytes a quicklist node holds at most when list-max-listpack-size
/// counts elements (Redis's SIZE_SAFETY_LIMIT).
const SIZE_SAFETY_LIMIT: usize = 8192;

/// Allocation of an sds string of `len` bytes (header by length, NUL).
fn sds(len: usize) -> usize {
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
fn dict_slots(n: usize) -> usize {
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
        Value::Stream(_) => super::streams::memory(v, samples),
    }
}

/// MEMORY USAGE key [SAMPLES count]
pub fn memory_usage(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let mut samples = 5usize;
    let mut j = 3;
    while let Some(opt) = argv.get(j) {
        match argv.get(j + 1) {
            Some(v) if opt.eq_ignore_ascii_case(b"samples") => match parse_i64(v) {
                None => return Reply::err(errors::NOT_INTEGER),
                Some(n) if n < 0 => return Reply::err(errors::SYNTAX),
                Some(0) => samples = usize::MAX,
                Some(n) => samples = usize::try_from(n).unwrap_or(usize::MAX),
            },
            _ => return Reply::err(errors::SYNTAX),
        }
        j += 2;
    }
    let key = argv.get(2).map(|k| k.as_slice()).unwrap_or_default();
    match eng.lookup(sess.db, key) {
        None => Reply::Null,
        Some(v) => {
            let total = value_size(v, samples) + sds(key.len()) + DICT_ENTRY;
            Reply::Integer(i64::try_from(total).unwrap_or(i64::MAX))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
