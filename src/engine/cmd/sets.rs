//! The set group. A set is an `IndexSet` of members tagged with the
//! encoding Redis 7.0 would use: `intset` while every member is an integer
//! (by `string2ll`) and there are at most set-max-intset-entries of them,
//! `hashtable` after, and never back. (Listpack sets came in Redis 7.2.)
//!
//! An intset keeps its members sorted by value, so Redis lists them in
//! numeric order; [`Set::members`] does the same for an intset-tagged set.
//! A hashtable's order is Redis's hash order, which nobody may rely on
//! (the differential scripts compare those replies as multisets).

use crate::engine::cmd::{
    arg, card_limit, count_reply, drop_if_empty, empty_scan, pop_count, random_plan,
    scan_positions, scan_start, RandomPick,
};
use crate::engine::events::{Effect, Event};
use std::borrow::Cow;

use indexmap::IndexSet;

use crate::engine::members::Members;

use crate::engine::args::{eq_ignore_case, parse_i64, positive};
use crate::engine::errors::{self, WRONGTYPE};
use crate::engine::value::Value;
use crate::engine::{glob, Engine, Session};
use crate::reply::Reply;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Set {
    /// Sorted integers while an intset, a table once a hashtable: the
    /// storage is the encoding (see `engine/members.rs`).
    pub items: Members,
}

impl Set {
    /// `setTypeCreate`: the first member decides whether the set starts as
    /// an intset.
    fn for_first(member: &[u8]) -> Set {
        let mut items = Members::default();
        if parse_i64(member).is_none() {
            items.to_table();
        }
        Set { items }
    }

    fn empty_intset() -> Set {
        Set {
            items: Members::default(),
        }
    }

    pub fn intset(&self) -> bool {
        self.items.is_ints()
    }

    pub fn encoding(&self) -> &'static str {
        if self.intset() {
            "intset"
        } else {
            "hashtable"
        }
    }

    /// `setTypeAdd`: true when the member was new.
    fn add(&mut self, member: &[u8], max_intset: usize) -> bool {
        let added = self.items.insert(member);
        if self.intset() && self.items.len() > max_intset {
            self.items.to_table();
        }
        added
    }

    fn remove(&mut self, member: &[u8]) -> bool {
        self.items.remove(member)
    }

    /// Members in the order Redis lists them: by value for an intset.
    pub fn members(&self) -> Vec<Cow<'_, [u8]>> {
        self.items.iter().collect()
    }
}

/// Add `members`; the ones that were new, and why the set stopped being
/// an intset if one of them made it (for the event stream).
fn add_all(s: &mut Set, members: &[Vec<u8>], max: usize) -> (Vec<Vec<u8>>, Option<String>) {
    let mut added = Vec::new();
    let mut why = None;
    for m in members {
        let was = s.intset();
        if s.add(m, max) {
            added.push(m.clone());
        }
        if was && !s.intset() {
            why = Some(if crate::engine::args::parse_i64(m).is_none() {
                format!(
                    "member \"{}\" is not an integer",
                    String::from_utf8_lossy(m)
                )
            } else {
                format!("more than set-max-intset-entries ({max}) members")
            });
        }
    }
    (added, why)
}

/// The event-stream side of SADD and SMOVE's destination.
fn record_added(eng: &mut Engine, db: usize, key: &[u8], added: Vec<Vec<u8>>, why: Option<String>) {
    if let Some(reason) = why {
        eng.effect(db, key, || Effect::Encoding {
            from: "intset",
            to: "hashtable",
            reason,
        });
    }
    if !added.is_empty() {
        eng.effect(db, key, || Effect::MembersAdded { members: added });
    }
}

fn max_intset(eng: &Engine) -> usize {
    static INTSET: crate::engine::config::Slot =
        crate::engine::config::Slot::new("set-max-intset-entries");
    usize::try_from(eng.config.get_i64_at(&INTSET)).unwrap_or(usize::MAX)
}

fn set_mut<'a>(eng: &'a mut Engine, db: usize, key: &[u8]) -> Result<Option<&'a mut Set>, Reply> {
    match eng.lookup_mut(db, key).map(|e| &mut e.value) {
        None => Ok(None),
        Some(Value::Set(s)) => Ok(Some(s)),
        Some(_) => Err(Reply::err(WRONGTYPE)),
    }
}

fn bulk_set<I: IntoIterator<Item = M>, M: AsRef<[u8]>>(items: I) -> Reply {
    Reply::Set(
        items
            .into_iter()
            .map(|m| Reply::Bulk(m.as_ref().to_vec()))
            .collect(),
    )
}

/// SADD key member [member ...]
pub fn sadd(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let (db, key) = (sess.db, arg(argv, 1));
    let members = argv.get(2..).unwrap_or_default();
    let max = max_intset(eng);
    let (added, why) = match set_mut(eng, db, key) {
        Err(e) => return e,
        Ok(Some(s)) => add_all(s, members, max),
        Ok(None) => {
            let mut s = Set::for_first(members.first().map(|m| m.as_slice()).unwrap_or_default());
            let out = add_all(&mut s, members, max);
            eng.store(db, key, Value::Set(s), false);
            out
        }
    };
    let n = added.len();
    if n > 0 {
        record_added(eng, db, key, added, why);
        eng.notify(db, key, "sadd");
    }
    count_reply(n)
}

/// SREM key member [member ...]
pub fn srem(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let (db, key) = (sess.db, arg(argv, 1));
    let removed = match set_mut(eng, db, key) {
        Err(e) => return e,
        Ok(None) => return Reply::Integer(0),
        Ok(Some(s)) => argv
            .get(2..)
            .unwrap_or_default()
            .iter()
            .filter(|m| s.remove(m))
            .cloned()
            .collect::<Vec<_>>(),
    };
    let count = removed.len();
    if count > 0 {
        eng.effect(db, key, || Effect::MembersRemoved { members: removed });
        eng.notify(db, key, "srem");
        drop_if_empty(eng, db, key);
    }
    count_reply(count)
}

/// SMEMBERS key
pub fn smembers(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    match set_mut(eng, sess.db, arg(argv, 1)) {
        Err(e) => e,
        Ok(None) => Reply::Set(Vec::new()),
        Ok(Some(s)) => bulk_set(s.members()),
    }
}

/// SISMEMBER key member
pub fn sismember(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    match set_mut(eng, sess.db, arg(argv, 1)) {
        Err(e) => e,
        Ok(s) => Reply::Integer(i64::from(s.is_some_and(|s| s.items.contains(arg(argv, 2))))),
    }
}

/// SMISMEMBER key member [member ...]
pub fn smismember(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    match set_mut(eng, sess.db, arg(argv, 1)) {
        Err(e) => e,
        Ok(s) => Reply::Array(
            argv.get(2..)
                .unwrap_or_default()
                .iter()
                .map(|m| Reply::Integer(i64::from(s.as_ref().is_some_and(|s| s.items.contains(m)))))
                .collect(),
        ),
    }
}

/// SCARD key
pub fn scard(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    match set_mut(eng, sess.db, arg(argv, 1)) {
        Err(e) => e,
        Ok(s) => count_reply(s.map_or(0, |s| s.items.len())),
    }
}

/// SPOP key [count]
pub fn spop(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    if argv.len() > 3 {
        return Reply::err(errors::SYNTAX);
    }
    let (db, key) = (sess.db, arg(argv, 1));
    let count = match pop_count(argv.get(2)) {
        Ok(c) => c,
        Err(e) => return e,
    };
    let len = match set_mut(eng, db, key) {
        Err(e) => return e,
        Ok(None) => {
            return if count.is_some() {
                Reply::Set(Vec::new())
            } else {
                Reply::Null
            }
        }
        Ok(Some(s)) => s.items.len(),
    };
    let n = match count {
        None => 1,
        Some(0) => return Reply::Set(Vec::new()),
        Some(c) => usize::try_from(c).unwrap_or(usize::MAX).min(len),
    };
    let mut popped = Vec::with_capacity(n);
    if n == len {
        // The whole set goes: in Redis's listing order.
        if let Ok(Some(s)) = set_mut(eng, db, key) {
            popped = s.members().into_iter().map(Cow::into_owned).collect();
            s.items.clear();
        }
    } else {
        for _ in 0..n {
            let size = match set_mut(eng, db, key) {
                Ok(Some(s)) => s.items.len(),
                _ => 0,
            };
            if size == 0 {
                break;
            }
            let i = eng.random_index(size);
            if let Ok(Some(s)) = set_mut(eng, db, key) {
                popped.extend(s.items.remove_index(i));
            }
        }
    }
    if eng.effects_on() {
        let members = popped.clone();
        eng.effect(db, key, || Effect::MembersRemoved { members });
    }
    eng.notify(db, key, "spop");
    // A random pick is logged as what it took: the key's deletion when
    // it took everything, else an SREM per member (Redis's SPOP).
    if eng.propagating() {
        if count.is_none() {
            let m = popped.last().cloned().unwrap_or_default();
            eng.propagate_as(|| vec![b"SREM".to_vec(), key.to_vec(), m]);
        } else if n == len {
            eng.propagate_as(|| vec![b"DEL".to_vec(), key.to_vec()]);
        } else {
            for m in &popped {
                eng.also_propagate(db, vec![b"SREM".to_vec(), key.to_vec(), m.clone()]);
            }
        }
    }
    drop_if_empty(eng, db, key);
    match count {
        None => popped.pop().map_or(Reply::Null, Reply::Bulk),
        Some(_) => Reply::Set(popped.into_iter().map(Reply::Bulk).collect()),
    }
}

/// SRANDMEMBER key [count]
pub fn srandmember(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let (db, key) = (sess.db, arg(argv, 1));
    let plan = random_plan(eng, argv, None, |eng| {
        set_mut(eng, db, key).map(|s| s.map(|s| s.items.len()))
    });
    let picks = match plan {
        Err(e) => return e,
        Ok(RandomPick::Nil) => return Reply::Null,
        Ok(RandomPick::One(i)) => {
            return match set_mut(eng, db, key) {
                Ok(Some(s)) => s
                    .items
                    .get_index(i)
                    .map_or(Reply::Null, |m| Reply::Bulk(m.into_owned())),
                _ => Reply::Null,
            }
        }
        Ok(RandomPick::Many(picks, _)) => picks,
    };
    let Ok(Some(s)) = set_mut(eng, db, key) else {
        return Reply::Array(Vec::new());
    };
    Reply::Array(
        picks
            .into_iter()
            .filter_map(|i| s.items.get_index(i))
            .map(|m| Reply::Bulk(m.into_owned()))
            .collect(),
    )
}

/// SMOVE source destination member
pub fn smove(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let (db, src, dst, member) = (sess.db, arg(argv, 1), arg(argv, 2), arg(argv, 3));
    // Redis answers 0 for a missing source before it looks at types.
    let has = match set_mut(eng, db, src) {
        Err(e) => return e,
        Ok(None) => return Reply::Integer(0),
        Ok(Some(s)) => s.items.contains(member),
    };
    if set_mut(eng, db, dst).is_err() {
        return Reply::err(WRONGTYPE);
    }
    if src == dst || !has {
        return Reply::Integer(i64::from(has));
    }
    if let Ok(Some(s)) = set_mut(eng, db, src) {
        s.remove(member);
    }
    eng.effect(db, src, || Effect::MembersRemoved {
        members: vec![member.to_vec()],
    });
    eng.notify(db, src, "srem");
    drop_if_empty(eng, db, src);
    let max = max_intset(eng);
    let one = [member.to_vec()];
    let (added, why) = match set_mut(eng, db, dst) {
        Ok(Some(d)) => add_all(d, &one, max),
        _ => {
            let mut d = Set::for_first(member);
            let out = add_all(&mut d, &one, max);
            eng.store(db, dst, Value::Set(d), false);
            out
        }
    };
    record_added(eng, db, dst, added, why);
    eng.notify(db, dst, "sadd");
    Reply::Integer(1)
}

/// Every key's set (None when absent), or WRONGTYPE for the first key of
/// another type. Redis checks all keys before computing anything. The
/// first pass expires and type-checks through the usual lookup; the second
/// only borrows, so no set is copied.
fn load_sets<'a>(
    eng: &'a mut Engine,
    db: usize,
    keys: &[Vec<u8>],
) -> Result<Vec<Option<&'a Set>>, Reply> {
    for k in keys {
        set_mut(eng, db, k)?;
    }
    let d = eng.db(db);
    Ok(keys
        .iter()
        .map(|k| match d.and_then(|d| d.raw_get(k)).map(|e| &e.value) {
            Some(Value::Set(s)) => Some(s),
            _ => None,
        })
        .collect())
}

#[derive(Clone, Copy, PartialEq)]
enum Op {
    Inter,
    Union,
    Diff,
}

impl Op {
    fn name(self) -> &'static str {
        match self {
            Op::Inter => "sinter",
            Op::Union => "sunion",
            Op::Diff => "sdiff",
        }
    }
}

/// Members of a set operation's result an event carries at most; the
/// count is always there.
const SET_OP_EVENT_MEMBERS: usize = 1000;

impl Engine {
    /// The Venn picture's source: which sets went in, what came out.
    fn record_set_op(
        &mut self,
        db: usize,
        op: &'static str,
        inputs: &[Vec<u8>],
        dest: Option<&[u8]>,
        result: &[Vec<u8>],
    ) {
        if self.effects_on() {
            self.events.push(Event::SetOp {
                id: self.command_id(),
                db,
                op,
                inputs: inputs.to_vec(),
                dest: dest.map(<[u8]>::to_vec),
                result: result.iter().take(SET_OP_EVENT_MEMBERS).cloned().collect(),
                result_len: result.len(),
            });
        }
    }
}

/// The members of the result, in an order no client may rely on: for an
/// intersection, the smallest set's order; for a union or difference, the
/// first set's then the others'.
fn compute(sets: &[Option<&Set>], op: Op, limit: usize) -> Vec<Vec<u8>> {
    match op {
        Op::Inter => {
            if sets.iter().any(Option::is_none) {
                return Vec::new();
            }
            let present: Vec<&Set> = sets.iter().flatten().copied().collect();
            let present: Vec<&Set> =
                crate::engine::args::by_size(present.iter().map(|s| s.items.len()))
                    .into_iter()
                    .filter_map(|i| present.get(i).copied())
                    .collect();
            let Some((first, rest)) = present.split_first() else {
                return Vec::new();
            };
            let mut out = Vec::new();
            for m in first.members() {
                if out.len() >= limit {
                    break;
                }
                if rest.iter().all(|s| s.items.contains(&m)) {
                    out.push(m.into_owned());
                }
            }
            out
        }
        Op::Union => {
            let mut seen: IndexSet<Vec<u8>> = IndexSet::new();
            for s in sets.iter().flatten() {
                for m in s.members() {
                    seen.insert(m.into_owned());
                }
            }
            seen.into_iter().collect()
        }
        Op::Diff => {
            let Some(Some(first)) = sets.first() else {
                return Vec::new();
            };
            let rest = sets.get(1..).unwrap_or_default();
            first
                .members()
                .into_iter()
                .filter(|m| !rest.iter().flatten().any(|s| s.items.contains(m)))
                .map(Cow::into_owned)
                .collect()
        }
    }
}

fn combine(eng: &mut Engine, sess: &Session, keys: &[Vec<u8>], op: Op) -> Reply {
    let sets = match load_sets(eng, sess.db, keys) {
        Ok(s) => s,
        Err(e) => return e,
    };
    let out = compute(&sets, op, usize::MAX);
    eng.record_set_op(sess.db, op.name(), keys, None, &out);
    // Reply in the order a set built from the result would list them.
    let max = max_intset(eng);
    let mut result = Set::empty_intset();
    for m in &out {
        result.add(m, max);
    }
    bulk_set(result.members())
}

fn combine_store(
    eng: &mut Engine,
    sess: &Session,
    argv: &[Vec<u8>],
    op: Op,
    event: &'static str,
) -> Reply {
    let db = sess.db;
    let dst = arg(argv, 1);
    let sets = match load_sets(eng, db, argv.get(2..).unwrap_or_default()) {
        Ok(s) => s,
        Err(e) => return e,
    };
    let out = compute(&sets, op, usize::MAX);
    eng.record_set_op(
        db,
        op.name(),
        argv.get(2..).unwrap_or_default(),
        Some(dst),
        &out,
    );
    if out.is_empty() {
        if eng.delete(db, dst) {
            eng.notify(db, dst, "del");
        }
        return Reply::Integer(0);
    }
    let max = max_intset(eng);
    let mut result = Set::empty_intset();
    for m in &out {
        result.add(m, max);
    }
    let n = result.items.len();
    eng.store(db, dst, Value::Set(result), false);
    eng.notify(db, dst, event);
    count_reply(n)
}

/// SINTER key [key ...]
pub fn sinter(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    combine(eng, sess, argv.get(1..).unwrap_or_default(), Op::Inter)
}

/// SUNION key [key ...]
pub fn sunion(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    combine(eng, sess, argv.get(1..).unwrap_or_default(), Op::Union)
}

/// SDIFF key [key ...]
pub fn sdiff(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    combine(eng, sess, argv.get(1..).unwrap_or_default(), Op::Diff)
}

/// SINTERSTORE destination key [key ...]
pub fn sinterstore(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    combine_store(eng, sess, argv, Op::Inter, "sinterstore")
}

/// SUNIONSTORE destination key [key ...]
pub fn sunionstore(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    combine_store(eng, sess, argv, Op::Union, "sunionstore")
}

/// SDIFFSTORE destination key [key ...]
pub fn sdiffstore(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    combine_store(eng, sess, argv, Op::Diff, "sdiffstore")
}

/// SINTERCARD numkeys key [key ...] [LIMIT limit]
pub fn sintercard(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let numkeys = match positive(arg(argv, 1), "ERR numkeys should be greater than 0") {
        Ok(n) => n,
        Err(e) => return e,
    };
    let keys_end = match usize::try_from(numkeys).ok().and_then(|n| n.checked_add(2)) {
        Some(e) if e <= argv.len() => e,
        _ => return Reply::err("ERR Number of keys can't be greater than number of args"),
    };
    let mut limit = usize::MAX;
    let mut j = keys_end;
    while let Some(opt) = argv.get(j) {
        match argv.get(j + 1) {
            Some(v) if eq_ignore_case(opt, "limit") => match card_limit(v) {
                Ok(l) => limit = l,
                Err(e) => return e,
            },
            _ => return Reply::err(errors::SYNTAX),
        }
        j += 2;
    }
    let sets = match load_sets(eng, sess.db, argv.get(2..keys_end).unwrap_or_default()) {
        Ok(s) => s,
        Err(e) => return e,
    };
    let out = compute(&sets, Op::Inter, limit);
    let keys = argv.get(2..keys_end).unwrap_or_default();
    eng.record_set_op(sess.db, "sintercard", keys, None, &out);
    count_reply(out.len())
}

/// SSCAN key cursor [MATCH pattern] [COUNT count]
///
/// An intset is returned whole in one call with cursor 0, as Redis does; a
/// hashtable is walked by position like SCAN.
pub fn sscan(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let db = sess.db;
    let (cursor, opts) =
        match scan_start(argv, || set_mut(eng, db, arg(argv, 1)).map(|v| v.is_some())) {
            Err(e) => return e,
            Ok(None) => return empty_scan(),
            Ok(Some(start)) => start,
        };
    let Ok(Some(s)) = set_mut(eng, db, arg(argv, 1)) else {
        return empty_scan();
    };
    let matches = |m: &[u8]| {
        opts.pattern
            .as_deref()
            .is_none_or(|p| glob::matches(p, m, false))
    };
    let mut out = Vec::new();
    let next = if s.intset() {
        out.extend(
            s.members()
                .into_iter()
                .filter(|m| matches(m))
                .map(|m| Reply::Bulk(m.into_owned())),
        );
        0
    } else {
        scan_positions(s.items.len(), cursor, opts.count, |p| {
            if let Some(m) = s.items.get_index(p) {
                if matches(&m) {
                    out.push(Reply::Bulk(m.into_owned()));
                }
            }
        })
    };
    Reply::Array(vec![Reply::bulk(next.to_string()), Reply::Array(out)])
}
