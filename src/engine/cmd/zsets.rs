//! The sorted set group, on [`ZSet`] (see `engine/zset.rs` for the
//! structure). Redis 7.0 reports `listpack` while a sorted set has at most
//! zset-max-listpack-entries members none longer than
//! zset-max-listpack-value bytes, `skiplist` after; either way members come
//! out in score order, so only ZSCAN sees the difference.
//!
//! Scores go out as RESP3 doubles (bulk strings in `%.17g` for RESP2, as
//! Redis 7.0 formats them: ZSCORE of 1.1 is "1.1000000000000001").
//!
//! ZUNION/ZINTER/ZDIFF and their STORE forms, ZINTERCARD, ZMPOP, the
//! blocking pops (BZPOPMIN, BZPOPMAX, BZMPOP; the waiting itself is in
//! `engine/blocking.rs`) and ZRANDMEMBER are at the end.

use std::borrow::Cow;

use crate::engine::args::{eq_ignore_case, parse_f64, parse_i64};
use crate::engine::blocking::Wait;
use crate::engine::cmd::lists::clamp_range as rank_range;
use crate::engine::cmd::{
    arg, card_limit, count_reply, drop_if_empty, empty_scan, parse_mpop, pop_count, random_plan,
    scan_positions, scan_start, RandomPick,
};
use crate::engine::errors::{self, WRONGTYPE};
use crate::engine::events::{Effect, Selection};
use crate::engine::value::Value;
use crate::engine::zset::ZSet;
use crate::engine::{glob, Engine, Session};
use crate::reply::Reply;
use crate::resp::format_double;

fn zset_mut<'a>(eng: &'a mut Engine, db: usize, key: &[u8]) -> Result<Option<&'a mut ZSet>, Reply> {
    match eng.lookup_mut(db, key).map(|e| &mut e.value) {
        None => Ok(None),
        Some(Value::ZSet(z)) => Ok(Some(z)),
        Some(_) => Err(Reply::err(WRONGTYPE)),
    }
}

struct Limits {
    entries: usize,
    value: usize,
}

fn limits(eng: &Engine) -> Limits {
    use crate::engine::config::Slot;
    // Read by every write: their places in the table are found once.
    static ENTRIES: Slot = Slot::new("zset-max-listpack-entries");
    static VALUE: Slot = Slot::new("zset-max-listpack-value");
    let get = |slot| usize::try_from(eng.config.get_i64_at(slot)).unwrap_or(usize::MAX);
    Limits {
        entries: get(&ENTRIES),
        value: get(&VALUE),
    }
}

const NOT_FLOAT: &str = "ERR value is not a valid float";

/// `zslParseRange`'s number reader: plain strtod, so unlike the argument
/// parser it skips leading blanks, takes an empty string as 0 and lets an
/// out-of-range value become ±inf; only NaN and trailing junk fail.
fn loose_strtod(s: &[u8]) -> Option<f64> {
    let start = s
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'));
    let Some(start) = start else {
        return s.is_empty().then_some(0.0);
    };
    let t = s.get(start..).unwrap_or_default();
    if let Some(v) = parse_f64(t) {
        return Some(v);
    }
    // Out of range for a double: strtod answers ±inf or 0 and Redis takes it.
    let text = std::str::from_utf8(t).ok()?.to_ascii_lowercase();
    let body = text.trim_start_matches(['+', '-']);
    if body.len() + 1 < text.len() || body.contains("nan") || body.contains("inf") {
        return None;
    }
    let v: f64 = body.parse().ok()?;
    Some(if text.starts_with('-') { -v } else { v })
}

#[derive(Clone, Copy)]
struct ScoreRange {
    min: f64,
    max: f64,
    minex: bool,
    maxex: bool,
}

impl ScoreRange {
    fn parse(min: &[u8], max: &[u8]) -> Option<ScoreRange> {
        let item = |a: &[u8]| match a.strip_prefix(b"(") {
            Some(rest) => loose_strtod(rest).map(|v| (v, true)),
            None => loose_strtod(a).map(|v| (v, false)),
        };
        let (min, minex) = item(min)?;
        let (max, maxex) = item(max)?;
        Some(ScoreRange {
            min,
            max,
            minex,
            maxex,
        })
    }

    fn above_min(&self, s: f64) -> bool {
        if self.minex {
            s > self.min
        } else {
            s >= self.min
        }
    }

    fn below_max(&self, s: f64) -> bool {
        if self.maxex {
            s < self.max
        } else {
            s <= self.max
        }
    }

    /// Ranks `from..to` of the elements inside the range.
    fn ranks(&self, z: &ZSet) -> (usize, usize) {
        let from = z.first_rank(|s, _| self.above_min(s));
        let to = z.first_rank(|s, _| !self.below_max(s));
        (from, to.max(from))
    }
}

#[derive(Clone)]
enum LexBound {
    Min,
    Max,
    Incl(Vec<u8>),
    Excl(Vec<u8>),
}

#[derive(Clone)]
struct LexRange {
    min: LexBound,
    max: LexBound,
}

impl LexRange {
    fn parse(min: &[u8], max: &[u8]) -> Option<LexRange> {
        let item = |a: &[u8]| match a.split_first() {
            Some((b'+', [])) => Some(LexBound::Max),
            Some((b'-', [])) => Some(LexBound::Min),
            Some((b'(', rest)) => Some(LexBound::Excl(rest.to_vec())),
            Some((b'[', rest)) => Some(LexBound::Incl(rest.to_vec())),
            _ => None,
        };
        Some(LexRange {
            min: item(min)?,
            max: item(max)?,
        })
    }

    fn above_min(&self, m: &[u8]) -> bool {
        match &self.min {
            LexBound::Min => true,
            LexBound::Max => false,
            LexBound::Incl(b) => m >= b.as_slice(),
            LexBound::Excl(b) => m > b.as_slice(),
        }
    }

    fn below_max(&self, m: &[u8]) -> bool {
        match &self.max {
            LexBound::Min => false,
            LexBound::Max => true,
            LexBound::Incl(b) => m <= b.as_slice(),
            LexBound::Excl(b) => m < b.as_slice(),
        }
    }

    /// Whether the range itself is empty (`min > max`), as Redis checks first.
    fn is_empty(&self) -> bool {
        let key = |b: &LexBound| match b {
            LexBound::Min => (0u8, Vec::new()),
            LexBound::Max => (2, Vec::new()),
            LexBound::Incl(v) | LexBound::Excl(v) => (1, v.clone()),
        };
        let (a, b) = (key(&self.min), key(&self.max));
        a > b
            || (a == b
                && (matches!(self.min, LexBound::Excl(_)) || matches!(self.max, LexBound::Excl(_))))
    }

    /// Ranks `from..to` of the members in range. Lex ranges are defined
    /// for members of equal score; there the order is by member and a
    /// binary search finds the bounds. With mixed scores Redis's answer
    /// is whatever its walk from one end finds, so that walk is what we
    /// do: from the head (or, for `rev`, the tail) to the first member on
    /// the right side of the near bound, then on while the far bound holds.
    fn ranks(&self, z: &ZSet, rev: bool) -> (usize, usize) {
        let len = z.len();
        if self.is_empty() || len == 0 {
            return (0, 0);
        }
        let uniform = z.get(0).map(|(s, _)| s) == z.get(len - 1).map(|(s, _)| s);
        if uniform {
            let from = z.first_rank(|_, m| self.above_min(m));
            let to = z.first_rank(|_, m| !self.below_max(m));
            return (from, to.max(from));
        }
        let all = z.range(0, len);
        let ok_min = |i: usize| all.get(i).is_some_and(|(_, m)| self.above_min(m));
        let ok_max = |i: usize| all.get(i).is_some_and(|(_, m)| self.below_max(m));
        // Redis first rules out ranges entirely past either end.
        if !ok_min(len - 1) || !ok_max(0) {
            return (0, 0);
        }
        if rev {
            let Some(last) = (0..len).rev().find(|&i| ok_max(i)) else {
                return (0, 0);
            };
            if !ok_min(last) {
                return (0, 0);
            }
            let mut first = last;
            while first > 0 && ok_min(first - 1) {
                first -= 1;
            }
            (first, last + 1)
        } else {
            let Some(first) = (0..len).find(|&i| ok_min(i)) else {
                return (0, 0);
            };
            if !ok_max(first) {
                return (0, 0);
            }
            let mut end = first + 1;
            while end < len && ok_max(end) {
                end += 1;
            }
            (first, end)
        }
    }
}

fn element_replies(items: Vec<(f64, Vec<u8>)>, withscores: bool, resp3: bool) -> Reply {
    let mut out = Vec::with_capacity(items.len() * if withscores { 2 } else { 1 });
    for (s, m) in items {
        if withscores && resp3 {
            out.push(Reply::Array(vec![Reply::Bulk(m), Reply::Double(s)]));
        } else {
            out.push(Reply::Bulk(m));
            if withscores {
                out.push(Reply::Double(s));
            }
        }
    }
    Reply::Array(out)
}

// ----- ZADD, ZINCRBY --------------------------------------------------------

#[derive(Default)]
struct AddFlags {
    nx: bool,
    xx: bool,
    gt: bool,
    lt: bool,
    ch: bool,
    incr: bool,
}

enum AddOutcome {
    Added,
    Updated,
    Unchanged,
    Nop,
    Nan,
}

/// A listpack stores scores as text made by `d2string`, which writes -0
/// as "0"; a skiplist keeps the double itself, -0 included.
fn listpack_score(z: &ZSet, score: f64) -> f64 {
    if z.listpack() && score == 0.0 {
        0.0
    } else {
        score
    }
}

fn zadd_one(
    z: &mut ZSet,
    member: &[u8],
    score: f64,
    f: &AddFlags,
    lim: &Limits,
) -> (AddOutcome, f64) {
    match z.score(member) {
        Some(cur) => {
            if f.nx {
                return (AddOutcome::Nop, cur);
            }
            let new = if f.incr { score + cur } else { score };
            if new.is_nan() {
                return (AddOutcome::Nan, cur);
            }
            if (f.lt && new >= cur) || (f.gt && new <= cur) {
                return (AddOutcome::Nop, cur);
            }
            if new == cur {
                return (AddOutcome::Unchanged, new);
            }
            z.insert(member, listpack_score(z, new));
            (AddOutcome::Updated, new)
        }
        None if f.xx => (AddOutcome::Nop, score),
        None => {
            if z.listpack() && (z.len() + 1 > lim.entries || member.len() > lim.value) {
                z.to_skiplist();
            }
            z.insert(member, listpack_score(z, score));
            (AddOutcome::Added, score)
        }
    }
}

fn zadd_generic(
    eng: &mut Engine,
    sess: &Session,
    argv: &[Vec<u8>],
    mut f: AddFlags,
    mut idx: usize,
) -> Reply {
    let (db, key) = (sess.db, arg(argv, 1));
    while let Some(a) = argv.get(idx) {
        if eq_ignore_case(a, "nx") {
            f.nx = true;
        } else if eq_ignore_case(a, "xx") {
            f.xx = true;
        } else if eq_ignore_case(a, "ch") {
            f.ch = true;
        } else if eq_ignore_case(a, "incr") {
            f.incr = true;
        } else if eq_ignore_case(a, "gt") {
            f.gt = true;
        } else if eq_ignore_case(a, "lt") {
            f.lt = true;
        } else {
            break;
        }
        idx += 1;
    }
    let pairs = argv.get(idx..).unwrap_or_default();
    if pairs.is_empty() || pairs.len() % 2 == 1 {
        return Reply::err(errors::SYNTAX);
    }
    if f.nx && f.xx {
        return Reply::err("ERR XX and NX options at the same time are not compatible");
    }
    if (f.nx && (f.gt || f.lt)) || (f.gt && f.lt) {
        return Reply::err("ERR GT, LT, and/or NX options at the same time are not compatible");
    }
    if f.incr && pairs.len() > 2 {
        return Reply::err("ERR INCR option supports a single increment-element pair");
    }
    let mut scores = Vec::with_capacity(pairs.len() / 2);
    for p in pairs.chunks_exact(2) {
        match p.first().and_then(|s| parse_f64(s)) {
            Some(s) => scores.push(s),
            None => return Reply::err(NOT_FLOAT),
        }
    }
    let lim = limits(eng);
    match zset_mut(eng, db, key) {
        Err(e) => return e,
        Ok(Some(_)) => {}
        Ok(None) if f.xx => {
            return if f.incr {
                Reply::Null
            } else {
                Reply::Integer(0)
            }
        }
        // Created only when the first pair will land in it (no XX), so it
        // never stays empty.
        Ok(None) => {
            let longest = pairs
                .chunks_exact(2)
                .filter_map(|p| p.get(1))
                .map(Vec::len)
                .max()
                .unwrap_or(0);
            let listpack = scores.len() <= lim.entries && longest <= lim.value;
            eng.store(db, key, Value::ZSet(ZSet::new(listpack)), false);
        }
    }
    let (mut added, mut updated, mut processed) = (0usize, 0usize, 0usize);
    let mut last = 0.0;
    let mut nan = false;
    let recording = eng.effects_on();
    let mut moves = Vec::new();
    let mut converted = None;
    if let Ok(Some(z)) = zset_mut(eng, db, key) {
        for (p, score) in pairs.chunks_exact(2).zip(scores) {
            let member = p.get(1).map(|m| m.as_slice()).unwrap_or_default();
            let before = if recording {
                z.score(member).zip(z.rank(member))
            } else {
                None
            };
            let was_listpack = z.listpack();
            let (outcome, s) = zadd_one(z, member, score, &f, &lim);
            if was_listpack && !z.listpack() {
                converted = Some(if member.len() > lim.value {
                    format!(
                        "a member longer than zset-max-listpack-value ({} bytes)",
                        lim.value
                    )
                } else {
                    format!(
                        "more than zset-max-listpack-entries ({}) members",
                        lim.entries
                    )
                });
            }
            if recording && matches!(outcome, AddOutcome::Added | AddOutcome::Updated) {
                let rank = z.rank(member).unwrap_or_default();
                moves.push((member.to_vec(), before, (s, rank)));
            }
            match outcome {
                AddOutcome::Added => added += 1,
                AddOutcome::Updated => updated += 1,
                AddOutcome::Unchanged => {}
                AddOutcome::Nop => continue,
                AddOutcome::Nan => {
                    nan = true;
                    break;
                }
            }
            processed += 1;
            last = s;
        }
    }
    if let Some(reason) = converted {
        eng.effect(db, key, || Effect::Encoding {
            from: "listpack",
            to: "skiplist",
            reason,
        });
    }
    for (member, from, to) in moves {
        eng.effect(db, key, || Effect::Scored { member, from, to });
    }
    if added + updated > 0 {
        eng.notify(db, key, if f.incr { "zincr" } else { "zadd" });
    }
    if nan {
        return Reply::err("ERR resulting score is not a number (NaN)");
    }
    if f.incr {
        if processed > 0 {
            Reply::Double(last)
        } else {
            Reply::Null
        }
    } else {
        count_reply(if f.ch { added + updated } else { added })
    }
}

/// ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...]
pub fn zadd(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    zadd_generic(eng, sess, argv, AddFlags::default(), 2)
}

/// ZINCRBY key increment member
pub fn zincrby(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    zadd_generic(
        eng,
        sess,
        argv,
        AddFlags {
            incr: true,
            ..AddFlags::default()
        },
        2,
    )
}

// ----- reads ------------------------------------------------------------------

/// ZCARD key
pub fn zcard(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    match zset_mut(eng, sess.db, arg(argv, 1)) {
        Err(e) => e,
        Ok(z) => count_reply(z.map_or(0, |z| z.len())),
    }
}

/// ZSCORE key member
pub fn zscore(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    match zset_mut(eng, sess.db, arg(argv, 1)) {
        Err(e) => e,
        Ok(z) => z
            .and_then(|z| z.score(arg(argv, 2)))
            .map_or(Reply::Null, Reply::Double),
    }
}

/// ZMSCORE key member [member ...]
pub fn zmscore(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    match zset_mut(eng, sess.db, arg(argv, 1)) {
        Err(e) => e,
        Ok(z) => Reply::Array(
            argv.get(2..)
                .unwrap_or_default()
                .iter()
                .map(|m| {
                    z.as_ref()
                        .and_then(|z| z.score(m))
                        .map_or(Reply::Null, Reply::Double)
                })
                .collect(),
        ),
    }
}

fn rank_generic(eng: &mut Engine, sess: &Session, argv: &[Vec<u8>], rev: bool) -> Reply {
    match zset_mut(eng, sess.db, arg(argv, 1)) {
        Err(e) => e,
        Ok(None) => Reply::Null,
        Ok(Some(z)) => match z.rank(arg(argv, 2)) {
            None => Reply::Null,
            Some(r) => count_reply(if rev { z.len() - 1 - r } else { r }),
        },
    }
}

/// ZRANK key member
pub fn zrank(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    rank_generic(eng, sess, argv, false)
}

/// ZREVRANK key member
pub fn zrevrank(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    rank_generic(eng, sess, argv, true)
}

/// ZCOUNT key min max
pub fn zcount(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let Some(range) = ScoreRange::parse(arg(argv, 2), arg(argv, 3)) else {
        return Reply::err("ERR min or max is not a float");
    };
    match zset_mut(eng, sess.db, arg(argv, 1)) {
        Err(e) => e,
        Ok(None) => Reply::Integer(0),
        Ok(Some(z)) => {
            let (a, b) = range.ranks(z);
            count_reply(b - a)
        }
    }
}

/// ZLEXCOUNT key min max
pub fn zlexcount(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let Some(range) = LexRange::parse(arg(argv, 2), arg(argv, 3)) else {
        return Reply::err("ERR min or max not valid string range item");
    };
    match zset_mut(eng, sess.db, arg(argv, 1)) {
        Err(e) => e,
        Ok(None) => Reply::Integer(0),
        Ok(Some(z)) => {
            let (a, b) = range.ranks(z, false);
            count_reply(b - a)
        }
    }
}

// ----- ZRANGE and its older forms -------------------------------------------

#[derive(Clone, Copy, PartialEq)]
enum RangeType {
    Auto,
    Rank,
    Score,
    Lex,
}

/// Members with their scores, in rank order.
type Elements = Vec<(f64, Vec<u8>)>;

/// `zrangeGenericCommand`: the source key is `argv[base]`, its range
/// `argv[base+1..=base+2]`, options after. `rangetype` and the direction
/// are fixed by the older commands (`None`: ZRANGE's options decide).
/// `store` (ZRANGESTORE) refuses WITHSCORES. The elements in range, and
/// whether scores were asked for; `Ok(None)` when the key is absent.
fn zrange_select(
    eng: &mut Engine,
    sess: &Session,
    argv: &[Vec<u8>],
    base: usize,
    fixed: Option<(RangeType, bool)>,
    store: bool,
) -> Result<(Option<Elements>, bool), Reply> {
    let (mut rangetype, mut rev) = fixed.unwrap_or((RangeType::Auto, false));
    let rev_fixed = fixed.is_some();
    let mut withscores = false;
    let mut limit: Option<(i64, i64)> = None;
    let mut j = base + 3;
    while let Some(opt) = argv.get(j) {
        let left = argv.len() - j - 1;
        if !store && eq_ignore_case(opt, "withscores") {
            withscores = true;
        } else if eq_ignore_case(opt, "limit") && left >= 2 {
            let (Some(o), Some(c)) = (parse_i64(arg(argv, j + 1)), parse_i64(arg(argv, j + 2)))
            else {
                return Err(Reply::err(errors::NOT_INTEGER));
            };
            limit = Some((o, c));
            j += 2;
        } else if !rev_fixed && !rev && eq_ignore_case(opt, "rev") {
            rev = true;
        } else if rangetype == RangeType::Auto && eq_ignore_case(opt, "bylex") {
            rangetype = RangeType::Lex;
        } else if rangetype == RangeType::Auto && eq_ignore_case(opt, "byscore") {
            rangetype = RangeType::Score;
        } else {
            return Err(Reply::err(errors::SYNTAX));
        }
        j += 1;
    }
    if rangetype == RangeType::Auto {
        rangetype = RangeType::Rank;
    }
    if limit.is_some() && rangetype == RangeType::Rank {
        return Err(Reply::err(
            "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX",
        ));
    }
    if withscores && rangetype == RangeType::Lex {
        return Err(Reply::err(
            "ERR syntax error, WITHSCORES not supported in combination with BYLEX",
        ));
    }
    // BYSCORE and BYLEX with REV take the range as max, min.
    let (lo, hi) = if rev && rangetype != RangeType::Rank {
        (arg(argv, base + 2), arg(argv, base + 1))
    } else {
        (arg(argv, base + 1), arg(argv, base + 2))
    };
    enum Parsed {
        Rank(i64, i64),
        Score(ScoreRange),
        Lex(LexRange),
    }
    let parsed = match rangetype {
        RangeType::Score => match ScoreRange::parse(lo, hi) {
            Some(r) => Parsed::Score(r),
            None => return Err(Reply::err("ERR min or max is not a float")),
        },
        RangeType::Lex => match LexRange::parse(lo, hi) {
            Some(r) => Parsed::Lex(r),
            None => return Err(Reply::err("ERR min or max not valid string range item")),
        },
        _ => match (parse_i64(lo), parse_i64(hi)) {
            (Some(a), Some(b)) => Parsed::Rank(a, b),
            _ => return Err(Reply::err(errors::NOT_INTEGER)),
        },
    };
    let Some(z) = zset_mut(eng, sess.db, arg(argv, base))? else {
        return Ok((None, withscores));
    };
    let len = z.len();
    let items = match parsed {
        Parsed::Rank(a, b) => match rank_range(a, b, len) {
            None => Vec::new(),
            Some((s, e)) if rev => {
                let mut v = z.range(len - 1 - e, len - s);
                v.reverse();
                v
            }
            Some((s, e)) => z.range(s, e + 1),
        },
        Parsed::Score(r) => {
            let (a, b) = r.ranks(z);
            limited(z, a, b, rev, limit)
        }
        Parsed::Lex(r) => {
            let (a, b) = r.ranks(z, rev);
            limited(z, a, b, rev, limit)
        }
    };
    if eng.effects_on() {
        let span = selected_ranks(eng, sess.db, arg(argv, base), &items);
        eng.effect(sess.db, arg(argv, base), || {
            Effect::Selected(Selection::Range { span, rev })
        });
    }
    Ok((Some(items), withscores))
}

/// The ranks (lowest first) that a range's items hold: a range is always
/// a run of neighbouring ranks, so its two ends say it all.
fn selected_ranks(
    eng: &mut Engine,
    db: usize,
    key: &[u8],
    items: &Elements,
) -> Option<(usize, usize)> {
    let z = zset_mut(eng, db, key).ok()??;
    let a = z.rank(&items.first()?.1)?;
    let b = z.rank(&items.last()?.1)?;
    Some((a.min(b), a.max(b)))
}

fn zrange_generic(
    eng: &mut Engine,
    sess: &Session,
    argv: &[Vec<u8>],
    fixed: Option<(RangeType, bool)>,
) -> Reply {
    match zrange_select(eng, sess, argv, 1, fixed, false) {
        Err(e) => e,
        Ok((None, _)) => Reply::Array(Vec::new()),
        Ok((Some(items), withscores)) => element_replies(items, withscores, sess.resp >= 3),
    }
}

/// Store `items` as a sorted set at `dst`, or delete `dst` when there are
/// none; the reply is the count. The encoding is what Redis picks for a
/// result: listpack when small enough by both limits.
pub(crate) fn store_result(
    eng: &mut Engine,
    db: usize,
    dst: &[u8],
    items: Vec<(f64, Vec<u8>)>,
    event: &'static str,
) -> Reply {
    if items.is_empty() {
        if eng.delete(db, dst) {
            eng.notify(db, dst, "del");
        }
        return Reply::Integer(0);
    }
    let lim = limits(eng);
    let longest = items.iter().map(|(_, m)| m.len()).max().unwrap_or(0);
    let mut z = ZSet::new(items.len() <= lim.entries && longest <= lim.value);
    for (s, m) in &items {
        z.insert(m, listpack_score(&z, *s));
    }
    let n = z.len();
    eng.store(db, dst, Value::ZSet(z), false);
    eng.notify(db, dst, event);
    count_reply(n)
}

/// ZRANGESTORE dst src min max [BYSCORE|BYLEX] [REV] [LIMIT offset count]
pub fn zrangestore(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    match zrange_select(eng, sess, argv, 2, None, true) {
        Err(e) => e,
        Ok((items, _)) => store_result(
            eng,
            sess.db,
            arg(argv, 1),
            items.unwrap_or_default(),
            "zrangestore",
        ),
    }
}

/// Elements with ranks `a..b`, walked forward or backward, after LIMIT's
/// offset and count (a negative offset gives nothing, a negative count
/// means all, as in Redis).
fn limited(
    z: &ZSet,
    a: usize,
    b: usize,
    rev: bool,
    limit: Option<(i64, i64)>,
) -> Vec<(f64, Vec<u8>)> {
    let n = b - a;
    let (offset, count) = match limit {
        None => (0usize, n),
        Some((o, _)) if o < 0 => return Vec::new(),
        Some((o, c)) => {
            let o = usize::try_from(o).unwrap_or(usize::MAX);
            let c = if c < 0 {
                n
            } else {
                usize::try_from(c).unwrap_or(usize::MAX)
            };
            (o, c)
        }
    };
    if offset >= n {
        return Vec::new();
    }
    let take = count.min(n - offset);
    if rev {
        let end = b - offset;
        let mut v = z.range(end - take, end);
        v.reverse();
        v
    } else {
        z.range(a + offset, a + offset + take)
    }
}

/// ZRANGE key start stop [BYSCORE|BYLEX] [REV] [LIMIT offset count] [WITHSCORES]
pub fn zrange(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    zrange_generic(eng, sess, argv, None)
}

/// ZREVRANGE key start stop [WITHSCORES]
pub fn zrevrange(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    zrange_generic(eng, sess, argv, Some((RangeType::Rank, true)))
}

/// ZRANGEBYSCORE key min max [WITHSCORES] [LIMIT offset count]
pub fn zrangebyscore(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    zrange_generic(eng, sess, argv, Some((RangeType::Score, false)))
}

/// ZREVRANGEBYSCORE key max min [WITHSCORES] [LIMIT offset count]
pub fn zrevrangebyscore(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    zrange_generic(eng, sess, argv, Some((RangeType::Score, true)))
}

/// ZRANGEBYLEX key min max [LIMIT offset count]
pub fn zrangebylex(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    zrange_generic(eng, sess, argv, Some((RangeType::Lex, false)))
}

/// ZREVRANGEBYLEX key max min [LIMIT offset count]
pub fn zrevrangebylex(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    zrange_generic(eng, sess, argv, Some((RangeType::Lex, true)))
}

// ----- removals ---------------------------------------------------------------

/// ZREM key member [member ...]
pub fn zrem(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let (db, key) = (sess.db, arg(argv, 1));
    let removed = match zset_mut(eng, db, key) {
        Err(e) => return e,
        Ok(None) => return Reply::Integer(0),
        Ok(Some(z)) => argv
            .get(2..)
            .unwrap_or_default()
            .iter()
            .filter(|m| z.remove(m).is_some())
            .cloned()
            .collect::<Vec<_>>(),
    };
    let count = removed.len();
    if count > 0 {
        eng.effect(db, key, || Effect::MembersRemoved { members: removed });
        eng.notify(db, key, "zrem");
        drop_if_empty(eng, db, key);
    }
    count_reply(count)
}

/// Record members a removal took; how many.
fn doomed_members(eng: &mut Engine, db: usize, key: &[u8], gone: Elements) -> usize {
    let n = gone.len();
    if n > 0 {
        eng.effect(db, key, || Effect::MembersRemoved {
            members: gone.into_iter().map(|(_, m)| m).collect(),
        });
    }
    n
}

fn remove_ranks(
    eng: &mut Engine,
    db: usize,
    key: &[u8],
    a: usize,
    b: usize,
    event: &'static str,
) -> Reply {
    let removed = match zset_mut(eng, db, key) {
        Ok(Some(z)) => {
            let doomed = z.range(a, b);
            for (_, m) in &doomed {
                z.remove(m);
            }
            doomed
        }
        _ => Vec::new(),
    };
    let removed = doomed_members(eng, db, key, removed);
    if removed > 0 {
        eng.notify(db, key, event);
        drop_if_empty(eng, db, key);
    }
    count_reply(removed)
}

/// ZREMRANGEBYRANK key start stop
pub fn zremrangebyrank(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let (Some(start), Some(stop)) = (parse_i64(arg(argv, 2)), parse_i64(arg(argv, 3))) else {
        return Reply::err(errors::NOT_INTEGER);
    };
    let (db, key) = (sess.db, arg(argv, 1));
    let len = match zset_mut(eng, db, key) {
        Err(e) => return e,
        Ok(None) => return Reply::Integer(0),
        Ok(Some(z)) => z.len(),
    };
    match rank_range(start, stop, len) {
        None => Reply::Integer(0),
        Some((a, b)) => remove_ranks(eng, db, key, a, b + 1, "zremrangebyrank"),
    }
}

/// ZREMRANGEBYSCORE key min max
pub fn zremrangebyscore(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let Some(range) = ScoreRange::parse(arg(argv, 2), arg(argv, 3)) else {
        return Reply::err("ERR min or max is not a float");
    };
    let (db, key) = (sess.db, arg(argv, 1));
    let (a, b) = match zset_mut(eng, db, key) {
        Err(e) => return e,
        Ok(None) => return Reply::Integer(0),
        Ok(Some(z)) => range.ranks(z),
    };
    remove_ranks(eng, db, key, a, b, "zremrangebyscore")
}

/// ZREMRANGEBYLEX key min max
pub fn zremrangebylex(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let Some(range) = LexRange::parse(arg(argv, 2), arg(argv, 3)) else {
        return Reply::err("ERR min or max not valid string range item");
    };
    let (db, key) = (sess.db, arg(argv, 1));
    let (a, b) = match zset_mut(eng, db, key) {
        Err(e) => return e,
        Ok(None) => return Reply::Integer(0),
        Ok(Some(z)) => range.ranks(z, false),
    };
    remove_ranks(eng, db, key, a, b, "zremrangebylex")
}

/// Take up to `n` members off the low (or, with `max`, the high) end of
/// the sorted set at `key`, lowest (highest) first; signal the pop and
/// delete the key once empty. Nothing when the key is absent or another
/// type: callers check that first.
fn pop_members(
    eng: &mut Engine,
    db: usize,
    key: &[u8],
    max: bool,
    n: usize,
) -> Vec<(f64, Vec<u8>)> {
    let popped = match zset_mut(eng, db, key) {
        Ok(Some(z)) => {
            let len = z.len();
            let take = n.min(len);
            let mut items = if max {
                z.range(len - take, len)
            } else {
                z.range(0, take)
            };
            if max {
                items.reverse();
            }
            for (_, m) in &items {
                z.remove(m);
            }
            items
        }
        _ => Vec::new(),
    };
    if !popped.is_empty() {
        if eng.effects_on() {
            doomed_members(eng, db, key, popped.clone());
        }
        eng.notify(db, key, if max { "zpopmax" } else { "zpopmin" });
        drop_if_empty(eng, db, key);
    }
    popped
}

fn pop_generic(eng: &mut Engine, sess: &Session, argv: &[Vec<u8>], max: bool) -> Reply {
    if argv.len() > 3 {
        return Reply::err(errors::SYNTAX);
    }
    let count = match pop_count(argv.get(2)) {
        Ok(c) => c,
        Err(e) => return e,
    };
    let (db, key) = (sess.db, arg(argv, 1));
    match zset_mut(eng, db, key) {
        Err(e) => return e,
        Ok(None) => return Reply::Array(Vec::new()),
        Ok(Some(_)) if count == Some(0) => return Reply::Array(Vec::new()),
        Ok(Some(_)) => {}
    }
    let n = usize::try_from(count.unwrap_or(1)).unwrap_or(usize::MAX);
    let popped = pop_members(eng, db, key, max, n);
    // RESP3 nests [member, score] pairs when a count was given.
    element_replies(popped, true, sess.resp >= 3 && count.is_some())
}

/// ZPOPMIN key [count]
pub fn zpopmin(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    pop_generic(eng, sess, argv, false)
}

/// ZPOPMAX key [count]
pub fn zpopmax(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    pop_generic(eng, sess, argv, true)
}

/// ZSCAN key cursor [MATCH pattern] [COUNT count]
///
/// A listpack sorted set is returned whole, in score order, with cursor 0;
/// a skiplist is walked by position of its member table like SCAN.
pub fn zscan(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let db = sess.db;
    let (cursor, opts) = match scan_start(argv, || {
        zset_mut(eng, db, arg(argv, 1)).map(|v| v.is_some())
    }) {
        Err(e) => return e,
        Ok(None) => return empty_scan(),
        Ok(Some(start)) => start,
    };
    let Ok(Some(z)) = zset_mut(eng, db, arg(argv, 1)) else {
        return empty_scan();
    };
    let matches = |m: &[u8]| {
        opts.pattern
            .as_deref()
            .is_none_or(|p| glob::matches(p, m, false))
    };
    let mut out = Vec::new();
    let mut push = |m: &[u8], s: f64| {
        if matches(m) {
            out.push(Reply::Bulk(m.to_vec()));
            out.push(Reply::Bulk(format_double(s).into_bytes()));
        }
    };
    let next = if z.listpack() {
        for (s, m) in z.iter() {
            push(m, s);
        }
        0
    } else {
        scan_positions(z.len(), cursor, opts.count, |p| {
            if let Some((m, s)) = z.by_position(p) {
                push(m, s);
            }
        })
    };
    Reply::Array(vec![Reply::bulk(next.to_string()), Reply::Array(out)])
}

// ----- ZUNION, ZINTER, ZDIFF, ZINTERCARD ----------------------------------------

#[derive(Clone, Copy, PartialEq)]
enum SetOp {
    Union,
    Inter,
    Diff,
}

#[derive(Clone, Copy)]
enum Aggregate {
    Sum,
    Min,
    Max,
}

impl Aggregate {
    fn apply(self, acc: f64, v: f64) -> f64 {
        match self {
            // inf + -inf is NaN; Redis makes it 0.
            Aggregate::Sum => {
                let s = acc + v;
                if s.is_nan() {
                    0.0
                } else {
                    s
                }
            }
            Aggregate::Min => acc.min(v),
            Aggregate::Max => acc.max(v),
        }
    }
}

/// An input of ZUNION and friends, borrowed from the keyspace: a sorted
/// set, or a plain set whose members all score 1 (Redis accepts both).
enum Source<'a> {
    Missing,
    Z(&'a ZSet),
    S(&'a crate::engine::cmd::sets::Set),
}

impl<'a> Source<'a> {
    fn len(&self) -> usize {
        match self {
            Source::Missing => 0,
            Source::Z(z) => z.len(),
            Source::S(s) => s.items.len(),
        }
    }

    fn elements(&self) -> Box<dyn Iterator<Item = (f64, Cow<'a, [u8]>)> + 'a> {
        match *self {
            Source::Missing => Box::new(std::iter::empty()),
            Source::Z(z) => Box::new(z.iter().map(|(s, m)| (s, Cow::Borrowed(m)))),
            Source::S(s) => Box::new(s.items.iter().map(|m| (1.0, m))),
        }
    }

    /// The score of a member, if the input has it.
    fn score_of(&self, m: &[u8]) -> Option<f64> {
        match self {
            Source::Missing => None,
            Source::Z(z) => z.score(m),
            Source::S(s) => s.items.contains(m).then_some(1.0),
        }
    }
}

/// weight * score, where 0 * inf (NaN) counts as 0, as in Redis.
fn weighted(w: f64, s: f64) -> f64 {
    let v = w * s;
    if v.is_nan() {
        0.0
    } else {
        v
    }
}

struct SetOpArgs<'a> {
    /// Each input with its weight.
    sources: Vec<(Source<'a>, f64)>,
    aggregate: Aggregate,
    withscores: bool,
    limit: usize,
}

/// `zunionInterDiffGenericCommand`'s parsing: numkeys at `argv[idx]`, then
/// the keys (type-checked as they are read), then the options the command
/// allows.
fn parse_setop<'a>(
    eng: &'a mut Engine,
    sess: &Session,
    argv: &[Vec<u8>],
    idx: usize,
    op: SetOp,
    store: bool,
    card: bool,
) -> Result<SetOpArgs<'a>, Reply> {
    let name = arg(argv, 0).to_ascii_lowercase();
    let numkeys = parse_i64(arg(argv, idx)).ok_or_else(|| Reply::err(errors::NOT_INTEGER))?;
    if numkeys < 1 {
        return Err(Reply::err(format!(
            "ERR at least 1 input key is needed for '{}' command",
            String::from_utf8_lossy(&name)
        )));
    }
    let first = idx + 1;
    let end = match usize::try_from(numkeys)
        .ok()
        .and_then(|n| n.checked_add(first))
    {
        Some(e) if e <= argv.len() => e,
        _ => return Err(Reply::err(errors::SYNTAX)),
    };
    let keys = argv.get(first..end).unwrap_or_default();
    // First expire and type-check each key through the usual lookup, then
    // borrow the inputs: nothing is copied.
    for key in keys {
        if matches!(eng.lookup(sess.db, key), Some(v) if !matches!(v, Value::ZSet(_) | Value::Set(_)))
        {
            return Err(Reply::err(WRONGTYPE));
        }
    }
    let eng: &'a Engine = eng;
    let db = eng.db(sess.db);
    let sources = keys
        .iter()
        .map(
            |key| match db.and_then(|d| d.raw_get(key)).map(|e| &e.value) {
                Some(Value::ZSet(z)) => (Source::Z(z), 1.0),
                Some(Value::Set(s)) => (Source::S(s), 1.0),
                _ => (Source::Missing, 1.0),
            },
        )
        .collect();
    let mut out = SetOpArgs {
        sources,
        aggregate: Aggregate::Sum,
        withscores: false,
        limit: usize::MAX,
    };
    let mut j = end;
    while let Some(opt) = argv.get(j) {
        let remaining = argv.len() - j;
        let n = out.sources.len();
        if op != SetOp::Diff && !card && remaining > n && eq_ignore_case(opt, "weights") {
            for (i, slot) in out.sources.iter_mut().enumerate() {
                slot.1 = parse_f64(arg(argv, j + 1 + i))
                    .ok_or_else(|| Reply::err("ERR weight value is not a float"))?;
            }
            j += 1 + n;
        } else if op != SetOp::Diff && !card && remaining >= 2 && eq_ignore_case(opt, "aggregate") {
            let a = arg(argv, j + 1);
            out.aggregate = if eq_ignore_case(a, "sum") {
                Aggregate::Sum
            } else if eq_ignore_case(a, "min") {
                Aggregate::Min
            } else if eq_ignore_case(a, "max") {
                Aggregate::Max
            } else {
                return Err(Reply::err(errors::SYNTAX));
            };
            j += 2;
        } else if !store && !card && eq_ignore_case(opt, "withscores") {
            out.withscores = true;
            j += 1;
        } else if card && remaining >= 2 && eq_ignore_case(opt, "limit") {
            out.limit = card_limit(arg(argv, j + 1))?;
            j += 2;
        } else {
            return Err(Reply::err(errors::SYNTAX));
        }
    }
    Ok(out)
}

/// The result, sorted as a sorted set lists it.
fn compute_setop(a: &SetOpArgs, op: SetOp) -> Vec<(f64, Vec<u8>)> {
    let mut acc: indexmap::IndexMap<Vec<u8>, f64> = indexmap::IndexMap::new();
    match op {
        SetOp::Union => {
            for (src, w) in &a.sources {
                for (s, m) in src.elements() {
                    let v = weighted(*w, s);
                    match acc.get_mut(m.as_ref()) {
                        Some(t) => *t = a.aggregate.apply(*t, v),
                        None => {
                            acc.insert(m.into_owned(), v);
                        }
                    }
                }
            }
        }
        SetOp::Inter => {
            if a.sources.iter().any(|(s, _)| s.len() == 0) {
                return Vec::new();
            }
            // Smallest input first, as Redis iterates it.
            let order = crate::engine::args::by_size(a.sources.iter().map(|(s, _)| s.len()));
            let Some((&first, rest)) = order.split_first() else {
                return Vec::new();
            };
            let others: Vec<&(Source, f64)> =
                rest.iter().filter_map(|&i| a.sources.get(i)).collect();
            if let Some((src, w)) = a.sources.get(first) {
                'outer: for (s, m) in src.elements() {
                    let mut v = weighted(*w, s);
                    for (other, w2) in &others {
                        match other.score_of(&m) {
                            Some(s2) => v = a.aggregate.apply(v, weighted(*w2, s2)),
                            None => continue 'outer,
                        }
                    }
                    acc.insert(m.into_owned(), v);
                    if acc.len() >= a.limit {
                        break;
                    }
                }
            }
        }
        SetOp::Diff => {
            let Some(((first, _), rest)) = a.sources.split_first() else {
                return Vec::new();
            };
            for (s, m) in first.elements() {
                if !rest.iter().any(|(o, _)| o.score_of(&m).is_some()) {
                    acc.insert(m.into_owned(), s);
                }
            }
        }
    }
    let mut out: Vec<(f64, Vec<u8>)> = acc.into_iter().map(|(m, s)| (s, m)).collect();
    // Members are unique, so this order is total and an unstable sort gives
    // the same result (and shares less code than a stable one).
    out.sort_unstable_by(|x, y| {
        x.0.partial_cmp(&y.0)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| x.1.cmp(&y.1))
    });
    out
}

fn setop_reply(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>], op: SetOp) -> Reply {
    match parse_setop(eng, sess, argv, 1, op, false, false) {
        Err(e) => e,
        Ok(a) => element_replies(compute_setop(&a, op), a.withscores, sess.resp >= 3),
    }
}

fn setop_store(
    eng: &mut Engine,
    sess: &mut Session,
    argv: &[Vec<u8>],
    op: SetOp,
    event: &'static str,
) -> Reply {
    match parse_setop(eng, sess, argv, 2, op, true, false) {
        Err(e) => e,
        Ok(a) => {
            let items = compute_setop(&a, op);
            store_result(eng, sess.db, arg(argv, 1), items, event)
        }
    }
}

/// ZUNION numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM|MIN|MAX] [WITHSCORES]
pub fn zunion(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    setop_reply(eng, sess, argv, SetOp::Union)
}

/// ZINTER numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM|MIN|MAX] [WITHSCORES]
pub fn zinter(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    setop_reply(eng, sess, argv, SetOp::Inter)
}

/// ZDIFF numkeys key [key ...] [WITHSCORES]
pub fn zdiff(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    setop_reply(eng, sess, argv, SetOp::Diff)
}

/// ZUNIONSTORE destination numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM|MIN|MAX]
pub fn zunionstore(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    setop_store(eng, sess, argv, SetOp::Union, "zunionstore")
}

/// ZINTERSTORE destination numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM|MIN|MAX]
pub fn zinterstore(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    setop_store(eng, sess, argv, SetOp::Inter, "zinterstore")
}

/// ZDIFFSTORE destination numkeys key [key ...]
pub fn zdiffstore(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    setop_store(eng, sess, argv, SetOp::Diff, "zdiffstore")
}

/// ZINTERCARD numkeys key [key ...] [LIMIT limit]
pub fn zintercard(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    match parse_setop(eng, sess, argv, 1, SetOp::Inter, false, true) {
        Err(e) => e,
        Ok(a) => count_reply(compute_setop(&a, SetOp::Inter).len()),
    }
}

// ----- ZMPOP, ZRANDMEMBER -----------------------------------------------------

/// ZMPOP numkeys key [key ...] MIN|MAX [COUNT count]
pub fn zmpop(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let (keys, max, n) = match parse_mpop(argv, min_or_max) {
        Ok(parsed) => parsed,
        Err(e) => return e,
    };
    match first_nonempty(eng, sess.db, keys) {
        Err(e) => e,
        Ok(None) => Reply::NullArray,
        // Logged as ZPOPMIN/ZPOPMAX key N, as Redis logs it.
        Ok(Some(key)) => {
            let wait = Wait::ZPop {
                max,
                count: Some(n),
            };
            crate::engine::cmd::lists::taken_now(eng, sess.db, key, wait)
        }
    }
}

/// ZMPOP's and BZMPOP's side word.
fn min_or_max(w: &[u8]) -> Option<bool> {
    if eq_ignore_case(w, "max") {
        Some(true)
    } else if eq_ignore_case(w, "min") {
        Some(false)
    } else {
        None
    }
}

/// The first of `keys` holding a sorted set (which is never empty);
/// WRONGTYPE if another type comes first.
fn first_nonempty<'k>(
    eng: &mut Engine,
    db: usize,
    keys: &'k [Vec<u8>],
) -> Result<Option<&'k [u8]>, Reply> {
    for key in keys {
        if zset_mut(eng, db, key)?.is_some() {
            return Ok(Some(key));
        }
    }
    Ok(None)
}

/// Pop from the sorted set at `key` and answer as the key-taking pops do:
/// `[key, member, score]` for one (`count` None: BZPOPMIN, BZPOPMAX),
/// `[key, [[member, score] ...]]` for up to `count` (ZMPOP, BZMPOP). Their
/// immediate answers and `engine/blocking.rs`'s served ones both come
/// from here.
pub(crate) fn pop_reply(
    eng: &mut Engine,
    db: usize,
    key: &[u8],
    max: bool,
    count: Option<usize>,
) -> Reply {
    let mut items = pop_members(eng, db, key, max, count.unwrap_or(1));
    let name = Reply::Bulk(key.to_vec());
    match count {
        None => match items.pop() {
            Some((s, m)) => Reply::Array(vec![name, Reply::Bulk(m), Reply::Double(s)]),
            None => Reply::NullArray,
        },
        Some(_) => {
            let pairs = items
                .into_iter()
                .map(|(s, m)| Reply::Array(vec![Reply::Bulk(m), Reply::Double(s)]))
                .collect();
            Reply::Array(vec![name, Reply::Array(pairs)])
        }
    }
}

fn bpop_generic(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>], max: bool) -> Reply {
    let last = argv.len().saturating_sub(1);
    let deadline = match eng.timeout_arg(arg(argv, last)) {
        Ok(d) => d,
        Err(e) => return e,
    };
    let keys = argv.get(1..last).unwrap_or_default();
    match first_nonempty(eng, sess.db, keys) {
        Err(e) => e,
        Ok(Some(key)) => {
            let wait = Wait::ZPop { max, count: None };
            crate::engine::cmd::lists::taken_now(eng, sess.db, key, wait)
        }
        Ok(None) => eng.block(
            sess,
            keys,
            deadline,
            Wait::ZPop { max, count: None },
            Reply::NullArray,
        ),
    }
}

/// BZPOPMIN key [key ...] timeout
pub fn bzpopmin(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    bpop_generic(eng, sess, argv, false)
}

/// BZPOPMAX key [key ...] timeout
pub fn bzpopmax(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    bpop_generic(eng, sess, argv, true)
}

/// BZMPOP timeout numkeys key [key ...] MIN|MAX [COUNT count]
///
/// The keys and options are read before the timeout, unlike BZPOPMIN.
pub fn bzmpop(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let rest = argv.get(1..).unwrap_or_default();
    let (keys, max, n) = match parse_mpop(rest, min_or_max) {
        Ok(parsed) => parsed,
        Err(e) => return e,
    };
    let deadline = match eng.timeout_arg(arg(argv, 1)) {
        Ok(d) => d,
        Err(e) => return e,
    };
    match first_nonempty(eng, sess.db, keys) {
        Err(e) => e,
        Ok(Some(key)) => {
            let wait = Wait::ZPop {
                max,
                count: Some(n),
            };
            crate::engine::cmd::lists::taken_now(eng, sess.db, key, wait)
        }
        Ok(None) => {
            let wait = Wait::ZPop {
                max,
                count: Some(n),
            };
            eng.block(sess, keys, deadline, wait, Reply::NullArray)
        }
    }
}

/// ZRANDMEMBER key [count [WITHSCORES]]
pub fn zrandmember(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let (db, key) = (sess.db, arg(argv, 1));
    let plan = random_plan(eng, argv, Some("withscores"), |eng| {
        zset_mut(eng, db, key).map(|z| z.map(|z| z.len()))
    });
    let (picks, withscores) = match plan {
        Err(e) => return e,
        Ok(RandomPick::Nil) => return Reply::Null,
        Ok(RandomPick::One(i)) => {
            return match zset_mut(eng, db, key) {
                Ok(Some(z)) => z
                    .get(i)
                    .map_or(Reply::Null, |(_, m)| Reply::Bulk(m.to_vec())),
                _ => Reply::Null,
            }
        }
        Ok(RandomPick::Many(picks, withscores)) => (picks, withscores),
    };
    let Ok(Some(z)) = zset_mut(eng, db, key) else {
        return Reply::Array(Vec::new());
    };
    let items: Vec<(f64, Vec<u8>)> = picks
        .into_iter()
        .filter_map(|i| z.get(i))
        .map(|(s, m)| (s, m.to_vec()))
        .collect();
    element_replies(items, withscores, sess.resp >= 3)
}
