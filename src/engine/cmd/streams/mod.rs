//! Streams: XADD, XLEN, XRANGE, XREVRANGE, XDEL, XTRIM, XSETID and XREAD
//! here; consumer groups in `groups.rs`, XINFO in `info.rs`, the storage
//! in `store.rs`. Blocking XREAD and XREADGROUP wait like the list
//! commands (`blocking.rs`), through [`serve_blocked`]. Arguments are
//! checked in Redis 7.0's order, since that order decides which error a
//! client sees. Part of the rest of the engine (`cmd::ext`): the page's
//! first loads carry none of this.

mod groups;
mod info;
pub mod store;
pub mod view;

pub use groups::*;
pub use info::*;
pub use store::{from_rdb, from_snapshot};

use self::store::{as_stream, as_stream_mut, Id, Item, Stream, Trim};
use super::{arg, count_reply};
use crate::engine::args::{eq_ignore_case, parse_i64};
use crate::engine::blocking::{StreamWait, Wait};
use crate::engine::errors::{self, WRONGTYPE};
use crate::engine::events::{Effect, EffectObj, MoreEffect};
use crate::engine::value::{bytes_from_vec, Bytes, Value};
use crate::engine::{Engine, Session, SessionId};
use crate::reply::Reply;

/// What a stream command did, for the narration and the picture (an
/// `Effect::More`, which only the full build reads).
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Entries added (XADD), deleted (XDEL), and how many the oldest end
    /// lost to trimming; `length` is the stream's length after.
    Entries {
        added: Vec<(u64, u64)>,
        removed: Vec<(u64, u64)>,
        trimmed: usize,
        length: usize,
    },
    /// Entries read (XRANGE, XREVRANGE, XREAD), in reply order.
    Read { ids: Vec<(u64, u64)> },
    /// What a consumer group did: `what` is `delivered` (XREADGROUP:
    /// `ids` now pending for `consumer`), `delivered-noack` (not kept
    /// pending), `acked`, `claimed` (moved to `consumer`), `created`,
    /// `moved` (SETID), `destroyed`, or a consumer that `joined` or `left`.
    Group {
        group: Vec<u8>,
        what: &'static str,
        consumer: Option<Vec<u8>>,
        ids: Vec<(u64, u64)>,
    },
}

impl EffectObj for Change {
    fn clone_obj(&self) -> Box<dyn EffectObj> {
        Box::new(self.clone())
    }

    fn same(&self, other: &dyn EffectObj) -> bool {
        other.as_any().downcast_ref::<Change>() == Some(self)
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl Change {
    pub fn effect(self) -> Effect {
        Effect::More(MoreEffect(Box::new(self)))
    }
}

const INVALID_ID: &str = "ERR Invalid stream ID specified as stream command argument";

/// Redis's `string2ull`: `string2ll` when it reads a number (a negative
/// one is refused), else C's `strtoull` (leading blanks, a sign, leading
/// zeros; a `-` wraps), all of the text used.
fn string2ull(s: &[u8]) -> Option<u64> {
    if let Some(v) = parse_i64(s) {
        return u64::try_from(v).ok();
    }
    let t = s
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'))
        .map_or(&[][..], |p| &s[p..]);
    let (neg, digits) = match t.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, t),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut v: u64 = 0;
    for d in digits {
        v = v.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
    }
    Some(if neg { v.wrapping_neg() } else { v })
}

/// How an id argument reads (`streamGenericParseIDOrReply`): `-` and `+`
/// (unless `strict`), `ms`, `ms-seq`, and with `star` also `ms-*`
/// (`Ok((id, false))`: the sequence is to be picked).
fn parse_id_full(
    raw: &[u8],
    missing_seq: u64,
    strict: bool,
    star: bool,
) -> Result<(Id, bool), Reply> {
    let bad = || Reply::err(INVALID_ID);
    if raw.len() > 127 {
        return Err(bad());
    }
    // C string functions stop at a NUL byte.
    let s = raw.split(|&b| b == 0).next().unwrap_or_default();
    match s {
        b"-" | b"+" if strict => return Err(bad()),
        b"-" => return Ok((Id::MIN, true)),
        b"+" => return Ok((Id::MAX, true)),
        _ => {}
    }
    let (ms, seq) = match s.iter().position(|&b| b == b'-') {
        Some(p) => (&s[..p], Some(&s[p + 1..])),
        None => (s, None),
    };
    let ms = string2ull(ms).ok_or_else(bad)?;
    match seq {
        None => Ok((Id::new(ms, missing_seq), true)),
        Some(b"*") if star => Ok((Id::new(ms, 0), false)),
        Some(seq) => Ok((Id::new(ms, string2ull(seq).ok_or_else(bad)?), true)),
    }
}

pub(crate) fn parse_id(raw: &[u8], missing_seq: u64) -> Result<Id, Reply> {
    parse_id_full(raw, missing_seq, false, false).map(|r| r.0)
}

pub(crate) fn parse_strict_id(raw: &[u8]) -> Result<Id, Reply> {
    parse_id_full(raw, 0, true, false).map(|r| r.0)
}

/// A range bound (`streamParseIntervalIDOrReply`): `(` makes it
/// exclusive, moved one id inward.
fn parse_bound(raw: &[u8], start: bool) -> Result<Id, Reply> {
    let missing = if start { 0 } else { u64::MAX };
    match raw.strip_prefix(b"(") {
        Some(rest) if !rest.is_empty() => {
            let id = parse_id_full(rest, missing, true, false)?.0;
            let moved = if start { id.incr() } else { id.decr() };
            moved.ok_or_else(|| {
                Reply::err(if start {
                    "ERR invalid start ID for the interval"
                } else {
                    "ERR invalid end ID for the interval"
                })
            })
        }
        _ => parse_id(raw, missing),
    }
}

/// The stream at `key` for reading: `Ok(None)` when there is no key.
pub(crate) fn read<'a>(
    eng: &'a mut Engine,
    db: usize,
    key: &[u8],
) -> Result<Option<&'a Stream>, Reply> {
    match eng.lookup(db, key) {
        None => Ok(None),
        Some(v) => as_stream(v).map(Some).ok_or_else(|| Reply::err(WRONGTYPE)),
    }
}

/// The stream at `key` for writing.
pub(crate) fn write<'a>(
    eng: &'a mut Engine,
    db: usize,
    key: &[u8],
) -> Result<Option<&'a mut Stream>, Reply> {
    match eng.lookup_mut(db, key) {
        None => Ok(None),
        Some(e) => as_stream_mut(&mut e.value)
            .map(Some)
            .ok_or_else(|| Reply::err(WRONGTYPE)),
    }
}

/// One entry as replies carry it: `[id, [field, value, ...]]`.
pub(crate) fn entry_reply(it: &Item) -> Reply {
    Reply::Array(vec![
        Reply::Bulk(it.id.text()),
        Reply::Array(it.fields.iter().map(|f| Reply::Bulk(f.to_vec())).collect()),
    ])
}

pub(crate) fn id_reply(id: Id) -> Reply {
    Reply::Bulk(id.text())
}

fn node_limits(eng: &Engine) -> (usize, usize) {
    use crate::engine::config::Slot;
    // Read by every XADD: their places in the table are found once.
    static BYTES: Slot = Slot::new("stream-node-max-bytes");
    static ENTRIES: Slot = Slot::new("stream-node-max-entries");
    let get = |slot| usize::try_from(eng.config.get_i64_at(slot)).unwrap_or(usize::MAX);
    (get(&BYTES), get(&ENTRIES))
}

/// What XADD and XTRIM share: the trimming asked for.
struct TrimArgs {
    how: Option<Trim>,
    approx: bool,
    limit: u64,
    /// XADD: the id (`None`: `*`), and whether its sequence was given.
    id: Option<(Id, bool)>,
    nomkstream: bool,
    /// Where the threshold is in argv (the AOF logs the exact one).
    threshold_at: usize,
}

impl TrimArgs {
    /// The exact threshold an approximate trim came to (the length, or
    /// the first ID, it left): what the AOF logs with `=` in place of
    /// `~`, as Redis logs it.
    fn exact(&self, s: &Stream) -> Option<Vec<u8>> {
        if !self.approx {
            return None;
        }
        Some(match self.how? {
            Trim::MaxLen(_) => s.length.to_string().into_bytes(),
            Trim::MinId(_) => s.edge(true).map_or_else(|| Id::MAX.text(), Id::text),
        })
    }

    /// `argv` with an approximate trim made exact.
    fn logged(&self, argv: &[Vec<u8>], exact: Option<Vec<u8>>) -> Vec<Vec<u8>> {
        let mut line = argv.to_vec();
        if let Some(exact) = exact {
            if let Some(tilde) = line.get_mut(self.threshold_at.wrapping_sub(1)) {
                *tilde = b"=".to_vec();
            }
            if let Some(t) = line.get_mut(self.threshold_at) {
                *t = exact;
            }
        }
        line
    }
}

/// `streamParseAddOrTrimArgsOrReply`: the options, in any order, then (for
/// XADD) the id. Returns where the id is.
fn parse_add_or_trim(
    eng: &Engine,
    argv: &[Vec<u8>],
    xadd: bool,
) -> Result<(TrimArgs, usize), Reply> {
    let mut t = TrimArgs {
        how: None,
        approx: false,
        limit: 0,
        id: None,
        nomkstream: false,
        threshold_at: 0,
    };
    let mut limit_given = false;
    let mut i = 2;
    while i < argv.len() {
        let more = argv.len() - 1 - i;
        let opt = arg(argv, i);
        if xadd && opt == b"*" {
            break;
        } else if (eq_ignore_case(opt, "maxlen") || eq_ignore_case(opt, "minid")) && more > 0 {
            if t.how.is_some() {
                return Err(Reply::err(
                    "ERR syntax error, MAXLEN and MINID options at the same time are not compatible",
                ));
            }
            t.approx = false;
            let next = arg(argv, i + 1);
            if more >= 2 && (next == b"~" || next == b"=") {
                t.approx = next == b"~";
                i += 1;
            }
            let value = arg(argv, i + 1);
            t.threshold_at = i + 1;
            if eq_ignore_case(opt, "maxlen") {
                let n = parse_i64(value).ok_or_else(|| Reply::err(errors::NOT_INTEGER))?;
                if n < 0 {
                    return Err(Reply::err("ERR The MAXLEN argument must be >= 0."));
                }
                t.how = Some(Trim::MaxLen(n as u64));
            } else {
                t.how = Some(Trim::MinId(parse_strict_id(value)?));
            }
            i += 2;
            continue;
        } else if eq_ignore_case(opt, "limit") && more > 0 {
            let n = parse_i64(arg(argv, i + 1)).ok_or_else(|| Reply::err(errors::NOT_INTEGER))?;
            if n < 0 {
                return Err(Reply::err("ERR The LIMIT argument must be >= 0."));
            }
            t.limit = n as u64;
            limit_given = true;
            i += 2;
            continue;
        } else if xadd && eq_ignore_case(opt, "nomkstream") {
            t.nomkstream = true;
        } else if xadd {
            let (id, seq_given) = parse_id_full(opt, 0, true, true)?;
            t.id = Some((id, seq_given));
            break;
        } else {
            return Err(Reply::err(errors::SYNTAX));
        }
        i += 1;
    }
    if t.limit != 0 && t.how.is_none() {
        return Err(Reply::err(
            "ERR syntax error, LIMIT cannot be used without specifying a trimming strategy",
        ));
    }
    if !xadd && t.how.is_none() {
        return Err(Reply::err(
            "ERR syntax error, XTRIM must be called with a trimming strategy",
        ));
    }
    if limit_given {
        // An AOF being loaded holds the exact trims approximate ones came
        // to, LIMIT kept: its limit is not applied (Redis's loading client).
        if eng.persist.loading {
            t.limit = 0;
        } else if !t.approx {
            return Err(Reply::err(
                "ERR syntax error, LIMIT cannot be used without the special ~ option",
            ));
        }
    } else if t.approx {
        let per_node = eng.config.get_i64("stream-node-max-entries");
        let mut limit = per_node.saturating_mul(100);
        if limit <= 0 {
            limit = 10_000;
        }
        t.limit = limit.min(1_000_000) as u64;
    } else {
        t.limit = 0;
    }
    Ok((t, i))
}

/// XADD key [NOMKSTREAM] [<MAXLEN | MINID> [= | ~] threshold [LIMIT count]] <* | id> field value [field value ...]
pub fn xadd(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let (db, key) = (sess.db, arg(argv, 1));
    let (t, idpos) = match parse_add_or_trim(eng, argv, true) {
        Ok(r) => r,
        Err(e) => return e,
    };
    let fields_at = idpos + 1;
    let n = argv.len().saturating_sub(fields_at);
    if n < 2 || n % 2 == 1 {
        return Reply::err(errors::wrong_arity("xadd"));
    }
    if let Some((id, true)) = t.id {
        if id.is_zero() {
            return Reply::err("ERR The ID specified in XADD must be greater than 0-0");
        }
    }
    let now = eng.now_ms();
    let (max_bytes, max_entries) = node_limits(eng);
    let created = match write(eng, db, key) {
        Err(e) => return e,
        Ok(None) if t.nomkstream => return Reply::Null,
        Ok(None) => true,
        Ok(Some(_)) => false,
    };
    if created {
        eng.store(db, key, Stream::default().into_value(), false);
    }
    let fields: Vec<Bytes> = argv
        .get(fields_at..)
        .unwrap_or_default()
        .iter()
        .map(|f| bytes_from_vec(f.clone()))
        .collect();
    let outcome = {
        let Ok(Some(s)) = write(eng, db, key) else {
            return Reply::Null;
        };
        match add_entry(s, t.id, now, fields, max_bytes, max_entries) {
            Err(e) => Err(e),
            Ok(id) => {
                let trimmed = match t.how {
                    Some(how) => s.trim(how, t.approx, t.limit),
                    None => 0,
                };
                Ok((id, trimmed, s.length, t.exact(s)))
            }
        }
    };
    match outcome {
        Err(e) => {
            if created {
                // Redis creates the key before checking the id; an error
                // leaves it behind only for an explicit id, which cannot
                // fail on a new stream, so nothing stays here.
                eng.delete(db, key);
            }
            e
        }
        Ok((id, trimmed, length, exact)) => {
            eng.effect(db, key, || {
                Change::Entries {
                    added: vec![(id.ms, id.seq)],
                    removed: Vec::new(),
                    trimmed: trimmed as usize,
                    length: length as usize,
                }
                .effect()
            });
            eng.notify(db, key, "xadd");
            if trimmed > 0 {
                eng.notify(db, key, "xtrim");
            }
            // Logged with the ID it made, so that a replay makes the same.
            if eng.propagating() {
                let mut line = t.logged(argv, exact);
                if let Some(slot) = line.get_mut(idpos) {
                    *slot = id.text();
                }
                eng.propagate_as(|| line);
            }
            eng.signal_ready(db, key);
            id_reply(id)
        }
    }
}

/// The id a new entry gets and the entry itself (`streamAppendItem`).
fn add_entry(
    s: &mut Stream,
    asked: Option<(Id, bool)>,
    now: i64,
    fields: Vec<Bytes>,
    max_bytes: usize,
    max_entries: usize,
) -> Result<Id, Reply> {
    if s.last_id == Id::MAX {
        return Err(Reply::err(
            "ERR The stream has exhausted the last possible ID, unable to add more items",
        ));
    }
    let too_small = || {
        Reply::err(
            "ERR The ID specified in XADD is equal or smaller than the target stream top item",
        )
    };
    let id = match asked {
        Some((id, true)) => id,
        Some((id, false)) if id.ms == s.last_id.ms => {
            if s.last_id.seq == u64::MAX {
                // Redis fails here without setting errno, so the error
                // it picks is the other one.
                return Err(Reply::err("ERR Elements are too large to be stored"));
            }
            Id::new(id.ms, s.last_id.seq + 1)
        }
        Some((id, false)) => id,
        None => {
            let ms = u64::try_from(now).unwrap_or(0);
            if ms > s.last_id.ms {
                Id::new(ms, 0)
            } else {
                s.last_id.incr().unwrap_or(Id::MIN)
            }
        }
    };
    if id <= s.last_id {
        return Err(too_small());
    }
    let total: usize = fields.iter().map(|f| f.len()).sum();
    if total as u64 > store::ENTRY_MAX_BYTES {
        return Err(Reply::err("ERR Elements are too large to be stored"));
    }
    s.append(id, fields, max_bytes, max_entries);
    Ok(id)
}

/// XLEN key
pub fn xlen(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    match read(eng, sess.db, arg(argv, 1)) {
        Err(e) => e,
        Ok(None) => Reply::Integer(0),
        Ok(Some(s)) => Reply::Integer(s.length as i64),
    }
}

/// XRANGE key start end [COUNT count]
pub fn xrange(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    range_generic(eng, sess, argv, false)
}

/// XREVRANGE key end start [COUNT count]
pub fn xrevrange(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    range_generic(eng, sess, argv, true)
}

fn range_generic(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>], rev: bool) -> Reply {
    let (start_arg, end_arg) = if rev { (3, 2) } else { (2, 3) };
    let start = match parse_bound(arg(argv, start_arg), true) {
        Ok(id) => id,
        Err(e) => return e,
    };
    let end = match parse_bound(arg(argv, end_arg), false) {
        Ok(id) => id,
        Err(e) => return e,
    };
    let mut count: Option<usize> = None;
    let mut j = 4;
    while j < argv.len() {
        if eq_ignore_case(arg(argv, j), "count") && j + 1 < argv.len() {
            match parse_i64(arg(argv, j + 1)) {
                Some(n) => count = Some(usize::try_from(n).unwrap_or(0)),
                None => return Reply::err(errors::NOT_INTEGER),
            }
            j += 2;
        } else {
            return Reply::err(errors::SYNTAX);
        }
    }
    let (db, key) = (sess.db, arg(argv, 1));
    let s = match read(eng, db, key) {
        Err(e) => return e,
        Ok(None) => return Reply::Array(Vec::new()),
        Ok(Some(s)) => s,
    };
    if count == Some(0) {
        return Reply::NullArray;
    }
    let (reply, ids) = entries_read(s, start, end, rev, count.unwrap_or(0));
    eng.effect(db, key, || Change::Read { ids }.effect());
    reply
}

/// The entries from `start` to `end` as a reply, and their ids for the
/// read's effect (XRANGE, XREVRANGE, XREAD).
fn entries_read(
    s: &Stream,
    start: Id,
    end: Id,
    rev: bool,
    count: usize,
) -> (Reply, Vec<(u64, u64)>) {
    let items = s.range(start, end, rev, count);
    let ids = items.iter().map(|it| (it.id.ms, it.id.seq)).collect();
    (
        Reply::Array(items.into_iter().map(entry_reply).collect()),
        ids,
    )
}

/// XDEL key id [id ...]
pub fn xdel(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let (db, key) = (sess.db, arg(argv, 1));
    if let Err(e) = write(eng, db, key) {
        return e;
    }
    let mut ids = Vec::new();
    for raw in argv.iter().skip(2) {
        match parse_strict_id(raw) {
            Ok(id) => ids.push(id),
            Err(e) => return e,
        }
    }
    let Ok(Some(s)) = write(eng, db, key) else {
        return Reply::Integer(0);
    };
    let mut removed = Vec::new();
    let mut first = false;
    for id in ids {
        if s.delete(id) {
            first |= id == s.first_id;
            if id > s.max_deleted {
                s.max_deleted = id;
            }
            removed.push((id.ms, id.seq));
        }
    }
    if !removed.is_empty() {
        if s.length == 0 {
            s.first_id = Id::MIN;
        } else if first {
            s.first_id = s.edge(true).unwrap_or_default();
        }
    }
    let length = s.length as usize;
    let n = removed.len();
    if n > 0 {
        eng.effect(db, key, || {
            Change::Entries {
                added: Vec::new(),
                removed,
                trimmed: 0,
                length,
            }
            .effect()
        });
        eng.notify(db, key, "xdel");
        eng.dirty += n as u64 - 1;
    }
    count_reply(n)
}

/// XTRIM key <MAXLEN | MINID> [= | ~] threshold [LIMIT count]
pub fn xtrim(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let (t, _) = match parse_add_or_trim(eng, argv, false) {
        Ok(r) => r,
        Err(e) => return e,
    };
    let (db, key) = (sess.db, arg(argv, 1));
    let (n, length, exact) = match write(eng, db, key) {
        Err(e) => return e,
        Ok(None) => return Reply::Integer(0),
        Ok(Some(s)) => match t.how {
            Some(how) => (s.trim(how, t.approx, t.limit), s.length, t.exact(s)),
            None => (0, s.length, None),
        },
    };
    if exact.is_some() {
        let line = t.logged(argv, exact);
        eng.propagate_as(|| line);
    }
    if n > 0 {
        eng.effect(db, key, || {
            Change::Entries {
                added: Vec::new(),
                removed: Vec::new(),
                trimmed: n as usize,
                length: length as usize,
            }
            .effect()
        });
        eng.notify(db, key, "xtrim");
        eng.dirty += n - 1;
    }
    Reply::Integer(n as i64)
}

/// XSETID key last-id [ENTRIESADDED entries-added] [MAXDELETEDID max-deleted-id]
pub fn xsetid(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let id = match parse_strict_id(arg(argv, 2)) {
        Ok(id) => id,
        Err(e) => return e,
    };
    let mut added: Option<u64> = None;
    let mut max_deleted = Id::MIN;
    let mut i = 3;
    while i < argv.len() {
        let more = argv.len() - 1 - i;
        let opt = arg(argv, i);
        if eq_ignore_case(opt, "entriesadded") && more > 0 {
            match parse_i64(arg(argv, i + 1)) {
                None => return Reply::err(errors::NOT_INTEGER),
                Some(n) if n < 0 => return Reply::err("ERR entries_added must be positive"),
                Some(n) => added = Some(n as u64),
            }
        } else if eq_ignore_case(opt, "maxdeletedid") && more > 0 {
            match parse_strict_id(arg(argv, i + 1)) {
                Err(e) => return e,
                Ok(m) if id < m => {
                    return Reply::err(
                        "ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id",
                    )
                }
                Ok(m) => max_deleted = m,
            }
        } else {
            return Reply::err(errors::SYNTAX);
        }
        i += 2;
    }
    let (db, key) = (sess.db, arg(argv, 1));
    let s = match write(eng, db, key) {
        Err(e) => return e,
        Ok(None) => return Reply::err(errors::NO_SUCH_KEY),
        Ok(Some(s)) => s,
    };
    if s.length > 0 {
        if s.edge(false).is_some_and(|top| id < top) {
            return Reply::err(
                "ERR The ID specified in XSETID is smaller than the target stream top item",
            );
        }
        if added.is_some_and(|a| s.length > a) {
            return Reply::err(
                "ERR The entries_added specified in XSETID is smaller than the target stream length",
            );
        }
    }
    s.last_id = id;
    if let Some(a) = added {
        s.entries_added = a;
    }
    if !max_deleted.is_zero() {
        s.max_deleted = max_deleted;
    }
    eng.notify(db, key, "xsetid");
    Reply::ok()
}

/// What XREAD and XREADGROUP read before they wait.
struct ReadArgs {
    block_ms: Option<i64>,
    count: usize,
    group: Option<(Vec<u8>, Vec<u8>)>,
    noack: bool,
    keys: Vec<Vec<u8>>,
    raw_ids: Vec<Vec<u8>>,
}

fn parse_read(eng: &Engine, argv: &[Vec<u8>], xreadgroup: bool) -> Result<ReadArgs, Reply> {
    let mut r = ReadArgs {
        block_ms: None,
        count: 0,
        group: None,
        noack: false,
        keys: Vec::new(),
        raw_ids: Vec::new(),
    };
    let mut streams_at = None;
    let mut i = 1;
    while i < argv.len() {
        let more = argv.len() - i - 1;
        let o = arg(argv, i);
        if eq_ignore_case(o, "block") && more > 0 {
            if eng.in_script {
                return Err(Reply::err(format!(
                    "ERR {} command is not allowed with BLOCK option from scripts",
                    String::from_utf8_lossy(arg(argv, 0))
                )));
            }
            i += 1;
            let ms = parse_i64(arg(argv, i))
                .ok_or_else(|| Reply::err("ERR timeout is not an integer or out of range"))?;
            if ms < 0 {
                return Err(Reply::err("ERR timeout is negative"));
            }
            r.block_ms = Some(ms);
        } else if eq_ignore_case(o, "count") && more > 0 {
            i += 1;
            let n = parse_i64(arg(argv, i)).ok_or_else(|| Reply::err(errors::NOT_INTEGER))?;
            r.count = usize::try_from(n).unwrap_or(0);
        } else if eq_ignore_case(o, "streams") && more > 0 {
            let n = argv.len() - i - 1;
            if !n.is_multiple_of(2) {
                return Err(Reply::err(
                    "ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.",
                ));
            }
            streams_at = Some(i + 1);
            break;
        } else if eq_ignore_case(o, "group") && more >= 2 {
            if !xreadgroup {
                return Err(Reply::err(
                    "ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.",
                ));
            }
            r.group = Some((arg(argv, i + 1).to_vec(), arg(argv, i + 2).to_vec()));
            i += 2;
        } else if eq_ignore_case(o, "noack") {
            if !xreadgroup {
                return Err(Reply::err(
                    "ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.",
                ));
            }
            r.noack = true;
        } else {
            return Err(Reply::err(errors::SYNTAX));
        }
        i += 1;
    }
    let Some(at) = streams_at else {
        return Err(Reply::err(errors::SYNTAX));
    };
    if xreadgroup && r.group.is_none() {
        return Err(Reply::err("ERR Missing GROUP option for XREADGROUP"));
    }
    let rest = argv.get(at..).unwrap_or_default();
    let n = rest.len() / 2;
    r.keys = rest.get(..n).unwrap_or_default().to_vec();
    r.raw_ids = rest.get(n..).unwrap_or_default().to_vec();
    Ok(r)
}

/// XREAD [COUNT count] [BLOCK milliseconds] STREAMS key [key ...] id [id ...]
pub fn xread(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    read_generic(eng, sess, argv, false)
}

/// XREADGROUP GROUP group consumer [COUNT count] [BLOCK milliseconds] [NOACK] STREAMS key [key ...] id [id ...]
pub fn xreadgroup(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    read_generic(eng, sess, argv, true)
}

/// `>` in XREADGROUP: entries never delivered to the group.
const NEW_FOR_GROUP: Id = Id::MAX;

fn read_generic(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>], xreadgroup: bool) -> Reply {
    let r = match parse_read(eng, argv, xreadgroup) {
        Ok(r) => r,
        Err(e) => return e,
    };
    let db = sess.db;
    // What a group read does is logged by the reads (`groups::deliver`),
    // never as the command: Redis's XREADGROUP prevents its own.
    if xreadgroup {
        eng.prevent_propagation();
    }
    // Every key and id is checked before anything is read.
    let mut ids = Vec::with_capacity(r.keys.len());
    for (key, raw) in r.keys.iter().zip(&r.raw_ids) {
        let s = match read(eng, db, key) {
            Err(e) => return e,
            Ok(s) => s,
        };
        if let Some((group, _)) = &r.group {
            if s.and_then(|s| s.group(group)).is_none() {
                return Reply::err(format!(
                    "NOGROUP No such key '{}' or consumer group '{}' in XREADGROUP with GROUP option",
                    errors::clip(key, usize::MAX),
                    errors::clip(group, usize::MAX)
                ));
            }
        }
        let id = match raw.as_slice() {
            b"$" if xreadgroup => {
                return Reply::err(
                    "ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer by specifying a proper ID, or use the > ID to get new messages. The $ ID would just return an empty result set.",
                )
            }
            b"$" => s.map_or(Id::MIN, |s| s.last_id),
            b">" if !xreadgroup => {
                return Reply::err(
                    "ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.",
                )
            }
            b">" => NEW_FOR_GROUP,
            raw => match parse_strict_id(raw) {
                Ok(id) => id,
                Err(e) => return e,
            },
        };
        ids.push(id);
    }
    let mut found = Vec::new();
    for (key, &after) in r.keys.iter().zip(&ids) {
        if let Some(reply) = read_one(eng, db, key, after, &r.group, r.noack, r.count) {
            found.push((key.clone(), reply));
        }
    }
    if !found.is_empty() {
        return keyed_reply(sess.resp, found);
    }
    let Some(ms) = r.block_ms else {
        return Reply::NullArray;
    };
    let deadline = (ms > 0).then(|| eng.now_ms().saturating_add(ms));
    let wait = StreamWait {
        serve: serve_key,
        after: r
            .keys
            .iter()
            .cloned()
            .zip(ids.iter().map(|id| (id.ms, id.seq)))
            .collect(),
        group: r.group.clone(),
        noack: r.noack,
        count: if r.count == 0 { 1000 } else { r.count },
    };
    eng.block(
        sess,
        &r.keys,
        deadline,
        Wait::Stream(Box::new(wait)),
        Reply::NullArray,
    )
}

/// XREAD's reply: a map of key to entries (RESP3), or `[key, entries]`
/// pairs (RESP2).
fn keyed_reply(resp: u8, found: Vec<(Vec<u8>, Reply)>) -> Reply {
    if resp >= 3 {
        Reply::Map(
            found
                .into_iter()
                .map(|(k, v)| (Reply::Bulk(k), v))
                .collect(),
        )
    } else {
        Reply::Array(
            found
                .into_iter()
                .map(|(k, v)| Reply::Array(vec![Reply::Bulk(k), v]))
                .collect(),
        )
    }
}

/// What one stream gives a reader now, if anything: entries after `after`
/// (for a group, `>` means after its last delivered id; another id reads
/// the consumer's own pending entries).
fn read_one(
    eng: &mut Engine,
    db: usize,
    key: &[u8],
    after: Id,
    group: &Option<(Vec<u8>, Vec<u8>)>,
    noack: bool,
    count: usize,
) -> Option<Reply> {
    let s = read(eng, db, key).ok()??;
    match group {
        None => {
            if s.edge(false)? <= after {
                return None;
            }
            let start = after.incr().unwrap_or(Id::MAX);
            let (reply, ids) = entries_read(s, start, Id::MAX, false, count);
            eng.effect(db, key, || Change::Read { ids }.effect());
            Some(reply)
        }
        Some((group, consumer)) => {
            let g = s.group(group)?;
            if after == NEW_FOR_GROUP {
                let top = s.edge(false)?;
                if top <= g.last_id {
                    return None;
                }
                let start = g.last_id.incr().unwrap_or(Id::MAX);
                Some(groups::deliver(
                    eng, db, key, group, consumer, start, count, noack,
                ))
            } else {
                let start = after.incr().unwrap_or(Id::MAX);
                Some(groups::history(eng, db, key, group, consumer, start, count))
            }
        }
    }
}

/// Serve a client blocked in XREAD or XREADGROUP on `key`, which holds a
/// stream: its reply when there is something for it, else `None` (it
/// keeps waiting). Reached through `StreamWait::serve`, so that the
/// core's blocking code carries no stream code.
fn serve_blocked(
    eng: &mut Engine,
    resp: u8,
    db: usize,
    key: &[u8],
    w: &StreamWait,
) -> Option<Reply> {
    let after = w
        .after
        .iter()
        .find(|(k, _)| k.as_slice() == key)
        .map(|&(_, (ms, seq))| Id::new(ms, seq))?;
    let s = read(eng, db, key).ok()??;
    // Unlike a reader that has not blocked yet, a waiting one compares
    // with the stream's last id, deleted or not: an XADD that trims the
    // stream to nothing still wakes it, with nothing.
    let reply = match &w.group {
        None => {
            if s.last_id <= after {
                return None;
            }
            let start = after.incr().unwrap_or(Id::MAX);
            let (reply, ids) = entries_read(s, start, Id::MAX, false, w.count);
            eng.effect(db, key, || Change::Read { ids }.effect());
            reply
        }
        Some((group, consumer)) => {
            let Some(g) = s.group(group) else {
                return Some(Reply::err(
                    "NOGROUP the consumer group this client was blocked on no longer exists",
                ));
            };
            if s.last_id <= g.last_id {
                return None;
            }
            let start = g.last_id.incr().unwrap_or(Id::MAX);
            groups::deliver(eng, db, key, group, consumer, start, w.count, w.noack)
        }
    };
    Some(keyed_reply(resp, vec![(key.to_vec(), reply)]))
}

/// The clients waiting on `key` in XREAD or XREADGROUP, in order.
fn stream_readers(eng: &Engine, db: usize, key: &[u8]) -> Vec<(SessionId, u8, StreamWait)> {
    let Some(q) = eng.blocking.get(db).and_then(|m| m.get(key)) else {
        return Vec::new();
    };
    q.iter()
        .filter_map(|id| {
            let s = eng.sessions.get(id)?;
            match &s.blocked.as_ref()?.wait {
                Wait::Stream(w) => Some((*id, s.resp, (**w).clone())),
                _ => None,
            }
        })
        .collect()
}

/// A key that XREAD or XREADGROUP clients wait on is ready: when it holds
/// a stream, each reader it now has something for is answered, in the
/// order they blocked (each once: what one reads through a group, the
/// next no longer sees); when it no longer does, the group readers are
/// told (what a plain reader waits for may still come).
pub fn serve_key(eng: &mut Engine, db: usize, key: &[u8]) {
    let is_stream = matches!(eng.lookup(db, key), Some(Value::Stream(_)));
    for (id, resp, w) in stream_readers(eng, db, key) {
        let reply = if is_stream {
            let Some(command_id) = eng
                .sessions
                .get(&id)
                .and_then(|s| s.blocked.as_ref())
                .map(|b| b.command_id)
            else {
                continue;
            };
            // What serving does belongs to the command that waited.
            eng.command_stack.push(command_id);
            // A group read logs what it delivered (`groups::deliver`).
            let reply = serve_blocked(eng, resp, db, key, &w);
            eng.command_stack.pop();
            reply
        } else {
            w.group
                .is_some()
                .then(|| Reply::err("UNBLOCKED the stream key no longer exists"))
        };
        let Some(reply) = reply else { continue };
        if let Some(mut sess) = eng.sessions.remove(&id) {
            if eng.unblock(&mut sess, "served", Some(key)).is_some() {
                eng.count_unblocked_error(&sess, &reply);
                eng.outboxes.push(id, reply, 0);
            }
            eng.sessions.insert(id, sess);
        }
    }
}
