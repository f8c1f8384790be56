//! The hash group. A hash is an `IndexMap` of field -> value, tagged with
//! the encoding Redis 7.0 would use: `listpack` while it is small (at most
//! hash-max-listpack-entries fields, none longer than
//! hash-max-listpack-value bytes), `hashtable` once it outgrew either, and
//! never back, as in Redis.
//!
//! Order matters to clients: a listpack hash lists fields in insertion
//! order (HGETALL, HKEYS, HSCAN), so while the tag says listpack, fields are
//! removed with `shift_remove`, which keeps that order. A hashtable's order
//! is Redis's hash order, which nobody may rely on; there removal is
//! `swap_remove`, O(1).

use crate::engine::cmd::{
    arg, count_reply, drop_if_empty, empty_scan, random_plan, scan_positions, scan_start,
    RandomPick,
};
use crate::engine::events::Effect;
use crate::engine::fields::Fields;

use crate::engine::args::parse_i64;
use crate::engine::errors::{self, WRONGTYPE};
use crate::engine::value::Value;
use crate::engine::{glob, Engine, Session};
use crate::reply::Reply;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Hash {
    /// Packed while the hash is a listpack, a table once it is a hashtable:
    /// the storage is the encoding (see `engine/fields.rs`).
    pub map: Fields,
}

impl Hash {
    pub fn new() -> Hash {
        Hash {
            map: Fields::default(),
        }
    }

    /// Still small enough for Redis's listpack encoding.
    pub fn listpack(&self) -> bool {
        self.map.is_packed()
    }

    pub fn encoding(&self) -> &'static str {
        if self.listpack() {
            "listpack"
        } else {
            "hashtable"
        }
    }

    fn remove(&mut self, field: &[u8]) -> bool {
        self.map.remove(field)
    }
}

/// Encoding limits, read from CONFIG at each write (CONFIG SET applies at once).
struct Limits {
    entries: usize,
    value: usize,
}

fn limits(eng: &Engine) -> Limits {
    use crate::engine::config::Slot;
    // Read by every write: their places in the table are found once.
    static ENTRIES: Slot = Slot::new("hash-max-listpack-entries");
    static VALUE: Slot = Slot::new("hash-max-listpack-value");
    let get = |slot| usize::try_from(eng.config.get_i64_at(slot)).unwrap_or(usize::MAX);
    Limits {
        entries: get(&ENTRIES),
        value: get(&VALUE),
    }
}

/// `hashTypeTryConversion`: any argument longer than the value limit turns
/// the hash into a hashtable before anything is written.
/// Each converter answers why it converted (for the event stream), or
/// `None` when it did not.
fn convert_for_args(h: &mut Hash, args: &[Vec<u8>], lim: &Limits) -> Option<String> {
    if h.listpack() && args.iter().any(|a| a.len() > lim.value) {
        h.map.to_table();
        return Some(too_long(lim));
    }
    None
}

fn too_long(lim: &Limits) -> String {
    format!(
        "a field or value longer than hash-max-listpack-value ({} bytes)",
        lim.value
    )
}

/// Write one field (`hashTypeSet`): a field or value longer than the value
/// limit converts first, more fields than the entry limit after.
/// Answers whether the field is new, and why the hash converted, if it did.
fn set_field(h: &mut Hash, field: &[u8], value: Vec<u8>, lim: &Limits) -> (bool, Option<String>) {
    let mut why = None;
    if h.listpack() && (field.len() > lim.value || value.len() > lim.value) {
        h.map.to_table();
        why = Some(too_long(lim));
    }
    let new = h.map.insert(field, value);
    (new, why.or_else(|| convert_for_size(h, lim)))
}

/// After inserts: more fields than the entry limit also converts.
fn convert_for_size(h: &mut Hash, lim: &Limits) -> Option<String> {
    if h.listpack() && h.map.len() > lim.entries {
        h.map.to_table();
        return Some(format!(
            "more than hash-max-listpack-entries ({}) fields",
            lim.entries
        ));
    }
    None
}

/// The event-stream side of a hash write: the fields written, and the
/// conversion to a hashtable if the write caused one.
fn record_write(
    eng: &mut Engine,
    db: usize,
    key: &[u8],
    fields: Vec<Vec<u8>>,
    new: usize,
    why: Option<String>,
) {
    if let Some(reason) = why {
        eng.effect(db, key, || Effect::Encoding {
            from: "listpack",
            to: "hashtable",
            reason,
        });
    }
    eng.effect(db, key, || Effect::FieldsSet { fields, new });
}

/// The hash at `key`: `Ok(None)` when absent, WRONGTYPE for another type.
fn hash_mut<'a>(eng: &'a mut Engine, db: usize, key: &[u8]) -> Result<Option<&'a mut Hash>, Reply> {
    match eng.lookup_mut(db, key).map(|e| &mut e.value) {
        None => Ok(None),
        Some(Value::Hash(h)) => Ok(Some(h)),
        Some(_) => Err(Reply::err(WRONGTYPE)),
    }
}

/// The hash at `key`, created empty when absent (`hashTypeLookupWriteOrCreate`).
fn hash_or_create<'a>(eng: &'a mut Engine, db: usize, key: &[u8]) -> Result<&'a mut Hash, Reply> {
    let exists = hash_mut(eng, db, key)?.is_some();
    if !exists {
        eng.store(db, key, Value::Hash(Hash::new()), false);
    }
    match hash_mut(eng, db, key) {
        Ok(Some(h)) => Ok(h),
        Ok(None) => Err(Reply::err(errors::NO_SUCH_KEY)),
        Err(e) => Err(e),
    }
}

/// Set field/value pairs; the number of fields that were new.
fn set_pairs(eng: &mut Engine, db: usize, key: &[u8], pairs: &[Vec<u8>]) -> Result<usize, Reply> {
    let lim = limits(eng);
    let h = hash_or_create(eng, db, key)?;
    let mut why = convert_for_args(h, pairs, &lim);
    let mut added = 0;
    for pair in pairs.chunks_exact(2) {
        if let [f, v] = pair {
            if h.map.insert(f, v.clone()) {
                added += 1;
            }
        }
    }
    why = why.or_else(|| convert_for_size(h, &lim));
    if eng.effects_on() {
        let fields = pairs.iter().step_by(2).cloned().collect();
        record_write(eng, db, key, fields, added, why);
    }
    eng.notify(db, key, "hset");
    Ok(added)
}

/// HSET key field value [field value ...]
pub fn hset(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    if !argv.len().is_multiple_of(2) {
        return Reply::err(errors::wrong_arity("hset"));
    }
    match set_pairs(
        eng,
        sess.db,
        arg(argv, 1),
        argv.get(2..).unwrap_or_default(),
    ) {
        Ok(n) => count_reply(n),
        Err(e) => e,
    }
}

/// HMSET key field value [field value ...]
pub fn hmset(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    if !argv.len().is_multiple_of(2) {
        return Reply::err(errors::wrong_arity("hmset"));
    }
    match set_pairs(
        eng,
        sess.db,
        arg(argv, 1),
        argv.get(2..).unwrap_or_default(),
    ) {
        Ok(_) => Reply::ok(),
        Err(e) => e,
    }
}

/// HSETNX key field value
pub fn hsetnx(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let (db, key, field) = (sess.db, arg(argv, 1), arg(argv, 2));
    let lim = limits(eng);
    let h = match hash_or_create(eng, db, key) {
        Ok(h) => h,
        Err(e) => return e,
    };
    if h.map.contains_key(field) {
        return Reply::Integer(0);
    }
    let why = convert_for_args(h, argv.get(2..4).unwrap_or_default(), &lim);
    h.map.insert(field, arg(argv, 3).to_vec());
    let why = why.or_else(|| convert_for_size(h, &lim));
    record_write(eng, db, key, vec![field.to_vec()], 1, why);
    eng.notify(db, key, "hset");
    Reply::Integer(1)
}

/// HGET key field
pub fn hget(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    match hash_mut(eng, sess.db, arg(argv, 1)) {
        Err(e) => e,
        Ok(h) => match h.and_then(|h| h.map.get(arg(argv, 2))) {
            Some(v) => Reply::Bulk(v.to_vec()),
            None => Reply::Null,
        },
    }
}

/// HMGET key field [field ...]
pub fn hmget(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let fields = argv.get(2..).unwrap_or_default();
    match hash_mut(eng, sess.db, arg(argv, 1)) {
        Err(e) => e,
        Ok(h) => Reply::Array(
            fields
                .iter()
                .map(|f| match h.as_ref().and_then(|h| h.map.get(f)) {
                    Some(v) => Reply::Bulk(v.to_vec()),
                    None => Reply::Null,
                })
                .collect(),
        ),
    }
}

#[derive(Clone, Copy)]
enum Part {
    Keys,
    Values,
    Both,
}

fn getall_generic(eng: &mut Engine, sess: &Session, argv: &[Vec<u8>], part: Part) -> Reply {
    let h = match hash_mut(eng, sess.db, arg(argv, 1)) {
        Err(e) => return e,
        Ok(None) => {
            return match part {
                Part::Both => Reply::Map(Vec::new()),
                _ => Reply::Array(Vec::new()),
            }
        }
        Ok(Some(h)) => h,
    };
    match part {
        Part::Keys => Reply::Array(h.map.iter().map(|(k, _)| Reply::Bulk(k.to_vec())).collect()),
        Part::Values => Reply::Array(h.map.iter().map(|(_, v)| Reply::Bulk(v.to_vec())).collect()),
        Part::Both => Reply::Map(
            h.map
                .iter()
                .map(|(k, v)| (Reply::Bulk(k.to_vec()), Reply::Bulk(v.to_vec())))
                .collect(),
        ),
    }
}

/// HGETALL key
pub fn hgetall(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    getall_generic(eng, sess, argv, Part::Both)
}

/// HKEYS key
pub fn hkeys(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    getall_generic(eng, sess, argv, Part::Keys)
}

/// HVALS key
pub fn hvals(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    getall_generic(eng, sess, argv, Part::Values)
}

/// HLEN key
pub fn hlen(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    match hash_mut(eng, sess.db, arg(argv, 1)) {
        Err(e) => e,
        Ok(h) => count_reply(h.map_or(0, |h| h.map.len())),
    }
}

/// HEXISTS key field
pub fn hexists(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    match hash_mut(eng, sess.db, arg(argv, 1)) {
        Err(e) => e,
        Ok(h) => Reply::Integer(i64::from(
            h.is_some_and(|h| h.map.contains_key(arg(argv, 2))),
        )),
    }
}

/// HSTRLEN key field
pub fn hstrlen(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    match hash_mut(eng, sess.db, arg(argv, 1)) {
        Err(e) => e,
        Ok(h) => count_reply(
            h.and_then(|h| h.map.get(arg(argv, 2)))
                .map_or(0, <[u8]>::len),
        ),
    }
}

/// HDEL key field [field ...]
pub fn hdel(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let (db, key) = (sess.db, arg(argv, 1));
    let removed = match hash_mut(eng, db, key) {
        Err(e) => return e,
        Ok(None) => return Reply::Integer(0),
        Ok(Some(h)) => argv
            .get(2..)
            .unwrap_or_default()
            .iter()
            .filter(|f| h.remove(f))
            .cloned()
            .collect::<Vec<_>>(),
    };
    let count = removed.len();
    if count > 0 {
        eng.effect(db, key, || Effect::FieldsDeleted { fields: removed });
        eng.notify(db, key, "hdel");
        drop_if_empty(eng, db, key);
    }
    count_reply(count)
}

/// HINCRBY key field increment
pub fn hincrby(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let Some(by) = parse_i64(arg(argv, 3)) else {
        return Reply::err(errors::NOT_INTEGER);
    };
    let (db, key, field) = (sess.db, arg(argv, 1), arg(argv, 2));
    let lim = limits(eng);
    let h = match hash_or_create(eng, db, key) {
        Ok(h) => h,
        Err(e) => return e,
    };
    let cur = match h.map.get(field) {
        None => 0,
        Some(v) => match parse_i64(v) {
            Some(n) => n,
            None => return Reply::err("ERR hash value is not an integer"),
        },
    };
    let Some(next) = cur.checked_add(by) else {
        return Reply::err(errors::OVERFLOW);
    };
    let (new, why) = set_field(h, field, next.to_string().into_bytes(), &lim);
    record_write(eng, db, key, vec![field.to_vec()], usize::from(new), why);
    eng.notify(db, key, "hincrby");
    Reply::Integer(next)
}

/// HINCRBYFLOAT key field increment
///
/// In long double arithmetic, as Redis on x86-64 (see `engine/ld.rs`).
pub fn hincrbyfloat(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    use crate::engine::ld::{self, Read};
    let by = match ld::parse(arg(argv, 3)) {
        None => return Reply::err(errors::NOT_FLOAT),
        Some(Read::Infinite) => return Reply::err("ERR value is NaN or Infinity"),
        Some(Read::Finite(v)) => v,
    };
    let (db, key, field) = (sess.db, arg(argv, 1), arg(argv, 2));
    let lim = limits(eng);
    let h = match hash_or_create(eng, db, key) {
        Ok(h) => h,
        Err(e) => return e,
    };
    let cur = match h
        .map
        .get(field)
        .map_or(Some(Read::Finite(ld::ZERO)), ld::parse)
    {
        None => return Reply::err("ERR hash value is not a float"),
        Some(Read::Infinite) => return Reply::err(errors::NAN_OR_INF),
        Some(Read::Finite(v)) => v,
    };
    let Some(sum) = ld::add(cur, by) else {
        return Reply::err(errors::NAN_OR_INF);
    };
    let text = ld::human(sum);
    let (new, why) = set_field(h, field, text.clone().into_bytes(), &lim);
    record_write(eng, db, key, vec![field.to_vec()], usize::from(new), why);
    eng.notify(db, key, "hincrbyfloat");
    // Logged as the value it gave (Redis's HSET rewrite).
    eng.propagate_as(|| {
        let value = text.clone().into_bytes();
        vec![b"HSET".to_vec(), key.to_vec(), field.to_vec(), value]
    });
    Reply::Bulk(text.into_bytes())
}

/// HRANDFIELD key [count [WITHVALUES]]
pub fn hrandfield(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let (db, key) = (sess.db, arg(argv, 1));
    let plan = random_plan(eng, argv, Some("withvalues"), |eng| {
        hash_mut(eng, db, key).map(|h| h.map(|h| h.map.len()))
    });
    let (picks, withvalues) = match plan {
        Err(e) => return e,
        Ok(RandomPick::Nil) => return Reply::Null,
        Ok(RandomPick::One(i)) => {
            return match hash_mut(eng, db, key) {
                Ok(Some(h)) => h
                    .map
                    .get_index(i)
                    .map_or(Reply::Null, |(k, _)| Reply::Bulk(k.to_vec())),
                _ => Reply::Null,
            }
        }
        Ok(RandomPick::Many(picks, withvalues)) => (picks, withvalues),
    };
    let Ok(Some(h)) = hash_mut(eng, db, key) else {
        return Reply::Array(Vec::new());
    };
    let mut out = Vec::with_capacity(picks.len());
    for i in picks {
        if let Some((k, v)) = h.map.get_index(i) {
            if withvalues && sess.resp >= 3 {
                out.push(Reply::Array(vec![
                    Reply::Bulk(k.to_vec()),
                    Reply::Bulk(v.to_vec()),
                ]));
            } else {
                out.push(Reply::Bulk(k.to_vec()));
                if withvalues {
                    // RESP2: one flat list of field, value, field, value.
                    out.push(Reply::Bulk(v.to_vec()));
                }
            }
        }
    }
    Reply::Array(out)
}

/// HSCAN key cursor [MATCH pattern] [COUNT count]
///
/// A listpack hash is returned whole in one call with cursor 0, as Redis
/// does; a hashtable is walked by position like SCAN (see db.rs).
pub fn hscan(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let db = sess.db;
    let (cursor, opts) = match scan_start(argv, || {
        hash_mut(eng, db, arg(argv, 1)).map(|v| v.is_some())
    }) {
        Err(e) => return e,
        Ok(None) => return empty_scan(),
        Ok(Some(start)) => start,
    };
    let Ok(Some(h)) = hash_mut(eng, db, arg(argv, 1)) else {
        return empty_scan();
    };
    let matches = |f: &[u8]| {
        opts.pattern
            .as_deref()
            .is_none_or(|p| glob::matches(p, f, false))
    };
    let mut out = Vec::new();
    let next = if h.listpack() {
        for (f, v) in h.map.iter() {
            if matches(f) {
                out.push(Reply::Bulk(f.to_vec()));
                out.push(Reply::Bulk(v.to_vec()));
            }
        }
        0
    } else {
        scan_positions(h.map.len(), cursor, opts.count, |p| {
            if let Some((f, v)) = h.map.get_index(p) {
                if matches(f) {
                    out.push(Reply::Bulk(f.to_vec()));
                    out.push(Reply::Bulk(v.to_vec()));
                }
            }
        })
    };
    Reply::Array(vec![Reply::bulk(next.to_string()), Reply::Array(out)])
}
