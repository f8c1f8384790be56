//! The string group. SET and its older forms (SETNX, SETEX, PSETEX,
//! GETSET) share one routine, and so do INCR/DECR and their BY forms.

use crate::engine::args::{eq_ignore_case, int_arg, parse_i64};
use crate::engine::cmd::arg;
use crate::engine::errors::{self, WRONGTYPE};
use crate::engine::events::Effect;
use crate::engine::value::{StrValue, Value};
use crate::engine::{Engine, Session};
use crate::reply::Reply;

/// Redis refuses to grow a string past proto-max-bulk-len (512 MB by default).
pub(crate) fn max_string_len(eng: &Engine) -> usize {
    static MAX: crate::engine::config::Slot =
        crate::engine::config::Slot::new("proto-max-bulk-len");
    usize::try_from(eng.config.get_i64_at(&MAX)).unwrap_or(usize::MAX)
}

/// The string at `key`: `Ok(None)` if absent, WRONGTYPE for another type.
pub(crate) fn read_str(eng: &mut Engine, db: usize, key: &[u8]) -> Result<Option<Vec<u8>>, Reply> {
    with_bytes(eng, db, key, |b| b.map(<[u8]>::to_vec))
}

/// Run `f` on the string at `key` (`None` when absent), WRONGTYPE for
/// another type. No copy: a GETBIT on a big bitmap reads one byte.
pub(crate) fn with_bytes<T>(
    eng: &mut Engine,
    db: usize,
    key: &[u8],
    f: impl FnOnce(Option<&[u8]>) -> T,
) -> Result<T, Reply> {
    match eng.lookup(db, key) {
        None => Ok(f(None)),
        Some(Value::Str(s)) => Ok(f(Some(&s.bytes))),
        #[allow(unreachable_patterns)]
        Some(_) => Err(Reply::err(WRONGTYPE)),
    }
}

/// GET key
pub fn get(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    match read_str(eng, sess.db, arg(argv, 1)) {
        Ok(Some(v)) => Reply::Bulk(v),
        Ok(None) => Reply::Null,
        Err(e) => e,
    }
}

#[derive(Default, Clone, Copy, PartialEq)]
enum Cond {
    #[default]
    Always,
    Nx,
    Xx,
}

#[derive(Clone, Copy, PartialEq)]
enum Ttl {
    /// Relative: milliseconds from now.
    In(i64, Unit),
    /// Absolute Unix time.
    At(i64, Unit),
    Keep,
    Persist,
}

#[derive(Clone, Copy, PartialEq)]
enum Unit {
    Seconds,
    Millis,
}

/// The options SET and GETEX share, parsed the way Redis parses them: each
/// option is accepted only if it does not clash with one seen before, and a
/// clash is a plain syntax error.
struct SetOptions {
    cond: Cond,
    get: bool,
    ttl: Option<Ttl>,
    /// The raw expire argument, parsed after the options like Redis does.
    ttl_arg: Vec<u8>,
}

fn parse_set_options(argv: &[Vec<u8>], from: usize, is_set: bool) -> Result<SetOptions, Reply> {
    let mut o = SetOptions {
        cond: Cond::Always,
        get: false,
        ttl: None,
        ttl_arg: Vec::new(),
    };
    let mut j = from;
    while let Some(opt) = argv.get(j) {
        let next = argv.get(j + 1);
        // Redis refuses an expiry option only after a *different* one:
        // `EX 1 EX 2` keeps the last, `EX 1 PX 2` is a syntax error.
        let has_other_expire = match (o.ttl, expire_kind(opt)) {
            (Some(Ttl::In(_, u1)), Some(Ttl::In(_, u2)))
            | (Some(Ttl::At(_, u1)), Some(Ttl::At(_, u2))) => u1 != u2,
            (Some(Ttl::In(..) | Ttl::At(..)), _) => true,
            _ => false,
        };
        if is_set && eq_ignore_case(opt, "nx") && o.cond != Cond::Xx {
            o.cond = Cond::Nx;
        } else if is_set && eq_ignore_case(opt, "xx") && o.cond != Cond::Nx {
            o.cond = Cond::Xx;
        } else if is_set && eq_ignore_case(opt, "get") {
            o.get = true;
        } else if is_set
            && eq_ignore_case(opt, "keepttl")
            && matches!(o.ttl, None | Some(Ttl::Keep))
        {
            o.ttl = Some(Ttl::Keep);
        } else if !is_set
            && eq_ignore_case(opt, "persist")
            && matches!(o.ttl, None | Some(Ttl::Persist))
        {
            o.ttl = Some(Ttl::Persist);
        } else if let (Some(kind), Some(next), false, false) = (
            expire_kind(opt),
            next,
            has_other_expire,
            matches!(o.ttl, Some(Ttl::Keep | Ttl::Persist)),
        ) {
            o.ttl = Some(kind);
            o.ttl_arg = next.clone();
            j += 1;
        } else {
            return Err(Reply::err(errors::SYNTAX));
        }
        j += 1;
    }
    Ok(o)
}

fn expire_kind(opt: &[u8]) -> Option<Ttl> {
    if eq_ignore_case(opt, "ex") {
        Some(Ttl::In(0, Unit::Seconds))
    } else if eq_ignore_case(opt, "px") {
        Some(Ttl::In(0, Unit::Millis))
    } else if eq_ignore_case(opt, "exat") {
        Some(Ttl::At(0, Unit::Seconds))
    } else if eq_ignore_case(opt, "pxat") {
        Some(Ttl::At(0, Unit::Millis))
    } else {
        None
    }
}

/// Turn an expire argument into an absolute deadline in milliseconds, with
/// Redis's checks: an integer, positive, and no overflow once converted.
fn deadline(
    eng: &Engine,
    raw: &[u8],
    unit: Unit,
    relative: bool,
    fullname: &str,
) -> Result<i64, Reply> {
    let v = int_arg(raw)?;
    let invalid = || Reply::err(errors::invalid_expire(fullname));
    if v <= 0 || (unit == Unit::Seconds && v > i64::MAX / 1000) {
        return Err(invalid());
    }
    let ms = if unit == Unit::Seconds { v * 1000 } else { v };
    let at = if relative {
        ms.checked_add(eng.now_ms()).ok_or_else(invalid)?
    } else {
        ms
    };
    if at <= 0 {
        return Err(invalid());
    }
    Ok(at)
}

/// What the SET family does once its options are known. `ok`/`abort` are
/// the replies for success and for a failed NX/XX condition (SETNX answers
/// with integers where SET answers OK and nil).
#[allow(clippy::too_many_arguments)]
fn set_generic(
    eng: &mut Engine,
    db: usize,
    key: &[u8],
    value: &[u8],
    opts: &SetOptions,
    fullname: &str,
    ok: Reply,
    abort: Reply,
) -> Reply {
    let at = match opts.ttl {
        Some(Ttl::In(_, unit)) => Some(deadline(eng, &opts.ttl_arg, unit, true, fullname)),
        Some(Ttl::At(_, unit)) => Some(deadline(eng, &opts.ttl_arg, unit, false, fullname)),
        _ => None,
    };
    let at = match at.transpose() {
        Ok(a) => a,
        Err(e) => return e,
    };
    let old = if opts.get {
        match read_str(eng, db, key) {
            Ok(v) => Some(v),
            Err(e) => return e,
        }
    } else {
        None
    };
    let found = eng.exists(db, key);
    if (opts.cond == Cond::Nx && found) || (opts.cond == Cond::Xx && !found) {
        return match old {
            Some(v) => v.map(Reply::Bulk).unwrap_or(Reply::Null),
            None => abort,
        };
    }
    let keep = opts.ttl == Some(Ttl::Keep);
    eng.store(
        db,
        key,
        Value::Str(StrValue::from_arg(value.to_vec())),
        keep,
    );
    record_written(eng, db, key, 0, value.len());
    eng.notify(db, key, "set");
    if let Some(at) = at {
        eng.set_expire(db, key, Some(at));
        eng.notify(db, key, "expire");
        // Replayed later, a relative expiry would start again: logged as
        // its deadline (Redis's `SET key value PXAT ms`).
        if eng.propagating() {
            let line = vec![
                b"SET".to_vec(),
                key.to_vec(),
                value.to_vec(),
                b"PXAT".to_vec(),
                at.to_string().into_bytes(),
            ];
            eng.propagate_as(|| line);
        }
    }
    match old {
        Some(v) => v.map(Reply::Bulk).unwrap_or(Reply::Null),
        None => ok,
    }
}

/// SET key value [NX | XX] [GET] [EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds | KEEPTTL]
pub fn set(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let opts = match parse_set_options(argv, 3, true) {
        Ok(o) => o,
        Err(e) => return e,
    };
    let reply = set_generic(
        eng,
        sess.db,
        arg(argv, 1),
        arg(argv, 2),
        &opts,
        "set",
        Reply::ok(),
        Reply::Null,
    );
    // SET ... GET is logged without GET, its other options kept (an
    // expiry was rewritten whole already).
    let timed = matches!(opts.ttl, Some(Ttl::In(..) | Ttl::At(..)));
    if opts.get && !timed && eng.propagating() {
        let line = argv
            .iter()
            .enumerate()
            .filter(|(j, a)| *j < 3 || !a.eq_ignore_ascii_case(b"get"))
            .map(|(_, a)| a.clone())
            .collect();
        eng.propagate_as(|| line);
    }
    reply
}

/// SETNX key value
pub fn setnx(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let opts = SetOptions {
        cond: Cond::Nx,
        get: false,
        ttl: None,
        ttl_arg: Vec::new(),
    };
    set_generic(
        eng,
        sess.db,
        arg(argv, 1),
        arg(argv, 2),
        &opts,
        "setnx",
        Reply::Integer(1),
        Reply::Integer(0),
    )
}

/// SETEX key seconds value
pub fn setex(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let opts = SetOptions {
        cond: Cond::Always,
        get: false,
        ttl: Some(Ttl::In(0, Unit::Seconds)),
        ttl_arg: arg(argv, 2).to_vec(),
    };
    set_generic(
        eng,
        sess.db,
        arg(argv, 1),
        arg(argv, 3),
        &opts,
        "setex",
        Reply::ok(),
        Reply::Null,
    )
}

/// PSETEX key milliseconds value
pub fn psetex(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let opts = SetOptions {
        cond: Cond::Always,
        get: false,
        ttl: Some(Ttl::In(0, Unit::Millis)),
        ttl_arg: arg(argv, 2).to_vec(),
    };
    set_generic(
        eng,
        sess.db,
        arg(argv, 1),
        arg(argv, 3),
        &opts,
        "psetex",
        Reply::ok(),
        Reply::Null,
    )
}

/// GETSET key value
pub fn getset(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let opts = SetOptions {
        cond: Cond::Always,
        get: true,
        ttl: None,
        ttl_arg: Vec::new(),
    };
    let reply = set_generic(
        eng,
        sess.db,
        arg(argv, 1),
        arg(argv, 2),
        &opts,
        "getset",
        Reply::ok(),
        Reply::Null,
    );
    // Logged as the SET it is.
    eng.propagate_as(|| {
        vec![
            b"SET".to_vec(),
            arg(argv, 1).to_vec(),
            arg(argv, 2).to_vec(),
        ]
    });
    reply
}

/// GETEX key [EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds | PERSIST]
pub fn getex(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let opts = match parse_set_options(argv, 2, false) {
        Ok(o) => o,
        Err(e) => return e,
    };
    // Redis looks the key up and checks its type before it validates the
    // expire time: a missing key answers nil even to `EX 0`.
    let (db, key) = (sess.db, arg(argv, 1));
    let value = match read_str(eng, db, key) {
        Ok(Some(v)) => v,
        Ok(None) => return Reply::Null,
        Err(e) => return e,
    };
    let at = match opts.ttl {
        Some(Ttl::In(_, unit)) => deadline(eng, &opts.ttl_arg, unit, true, "getex").map(Some),
        Some(Ttl::At(_, unit)) => deadline(eng, &opts.ttl_arg, unit, false, "getex").map(Some),
        _ => Ok(None),
    };
    let at = match at {
        Ok(a) => a,
        Err(e) => return e,
    };
    if let Some(at) = at {
        if matches!(opts.ttl, Some(Ttl::At(..))) && at <= eng.now_ms() {
            eng.delete(db, key);
            eng.notify(db, key, "del");
            eng.propagate_as(|| vec![b"DEL".to_vec(), key.to_vec()]);
        } else {
            eng.set_expire(db, key, Some(at));
            eng.notify(db, key, "expire");
            let at = at.to_string().into_bytes();
            eng.propagate_as(|| vec![b"PEXPIREAT".to_vec(), key.to_vec(), at]);
        }
    } else if opts.ttl == Some(Ttl::Persist) {
        let had = eng.db(db).and_then(|d| d.expire_at(key)).is_some();
        if had {
            eng.set_expire(db, key, None);
            eng.notify(db, key, "persist");
            eng.propagate_as(|| vec![b"PERSIST".to_vec(), key.to_vec()]);
        }
    }
    Reply::Bulk(value)
}

/// GETDEL key
pub fn getdel(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let (db, key) = (sess.db, arg(argv, 1));
    match read_str(eng, db, key) {
        Ok(Some(v)) => {
            eng.delete(db, key);
            eng.notify(db, key, "del");
            eng.propagate_as(|| vec![b"DEL".to_vec(), key.to_vec()]);
            Reply::Bulk(v)
        }
        Ok(None) => Reply::Null,
        Err(e) => e,
    }
}

/// MGET key [key ...]
pub fn mget(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let out = argv
        .iter()
        .skip(1)
        // Another type reads as nil here, not as an error.
        .map(|k| match read_str(eng, sess.db, k) {
            Ok(Some(v)) => Reply::Bulk(v),
            _ => Reply::Null,
        })
        .collect();
    Reply::Array(out)
}

fn mset_generic(
    eng: &mut Engine,
    sess: &mut Session,
    argv: &[Vec<u8>],
    nx: bool,
    name: &str,
) -> Reply {
    if argv.len().is_multiple_of(2) {
        return Reply::err(errors::wrong_arity(name));
    }
    let pairs = argv.get(1..).unwrap_or_default();
    if nx
        && pairs
            .chunks(2)
            .any(|p| p.first().is_some_and(|k| eng.exists(sess.db, k)))
    {
        return Reply::Integer(0);
    }
    for p in pairs.chunks(2) {
        if let [k, v] = p {
            eng.store(sess.db, k, Value::Str(StrValue::from_arg(v.clone())), false);
            record_written(eng, sess.db, k, 0, v.len());
            eng.notify(sess.db, k, "set");
        }
    }
    if nx {
        Reply::Integer(1)
    } else {
        Reply::ok()
    }
}

/// MSET key value [key value ...]
pub fn mset(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    mset_generic(eng, sess, argv, false, "mset")
}

/// MSETNX key value [key value ...]
pub fn msetnx(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    mset_generic(eng, sess, argv, true, "msetnx")
}

/// The event-stream side of a string write: bytes `offset..offset+len`
/// written (`len` past the end: all of it, as INCR rewrites the number).
pub(crate) fn record_written(eng: &mut Engine, db: usize, key: &[u8], offset: usize, len: usize) {
    if !eng.effects_on() {
        return;
    }
    let len_after = match eng.db(db).and_then(|d| d.raw_get(key)).map(|e| &e.value) {
        Some(Value::Str(s)) => s.bytes.len(),
        _ => return,
    };
    let len = len.min(len_after.saturating_sub(offset));
    eng.effect(db, key, || Effect::Written {
        offset,
        len,
        len_after,
    });
}

/// APPEND key value
pub fn append(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let (db, key, extra) = (sess.db, arg(argv, 1), arg(argv, 2));
    let len = match read_str(eng, db, key) {
        Err(e) => return e,
        Ok(None) => {
            eng.store(
                db,
                key,
                Value::Str(StrValue::from_arg(extra.to_vec())),
                false,
            );
            extra.len()
        }
        Ok(Some(mut cur)) => {
            if cur.len().saturating_add(extra.len()) > max_string_len(eng) {
                return Reply::err(errors::STRING_TOO_LONG);
            }
            cur.extend_from_slice(extra);
            let n = cur.len();
            eng.store(db, key, Value::Str(StrValue::raw(cur)), true);
            n
        }
    };
    record_written(eng, db, key, len - extra.len(), extra.len());
    eng.notify(db, key, "append");
    Reply::Integer(len as i64)
}

/// STRLEN key
pub fn strlen(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    match read_str(eng, sess.db, arg(argv, 1)) {
        Ok(v) => Reply::Integer(v.map_or(0, |v| v.len() as i64)),
        Err(e) => e,
    }
}

/// GETRANGE key start end
pub fn getrange(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let (start, end) = match (int_arg(arg(argv, 2)), int_arg(arg(argv, 3))) {
        (Ok(s), Ok(e)) => (s, e),
        (Err(e), _) | (_, Err(e)) => return e,
    };
    let v = match read_str(eng, sess.db, arg(argv, 1)) {
        Ok(Some(v)) => v,
        Ok(None) => return Reply::Bulk(Vec::new()),
        Err(e) => return e,
    };
    let len = v.len() as i64;
    if start < 0 && end < 0 && start > end {
        return Reply::Bulk(Vec::new());
    }
    let mut s = if start < 0 { len + start } else { start };
    let mut e = if end < 0 { len + end } else { end };
    s = s.max(0);
    e = e.max(0);
    if e >= len {
        e = len - 1;
    }
    if s > e || len == 0 {
        return Reply::Bulk(Vec::new());
    }
    Reply::Bulk(v.get(s as usize..=e as usize).unwrap_or_default().to_vec())
}

/// SUBSTR key start end
pub fn substr(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    getrange(eng, sess, argv)
}

/// SETRANGE key offset value
pub fn setrange(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let (db, key, patch) = (sess.db, arg(argv, 1), arg(argv, 3));
    let offset = match int_arg(arg(argv, 2)) {
        Ok(o) => o,
        Err(e) => return e,
    };
    if offset < 0 {
        return Reply::err("ERR offset is out of range");
    }
    let cur = match read_str(eng, db, key) {
        Ok(v) => v,
        Err(e) => return e,
    };
    let exists = cur.is_some();
    let mut cur = cur.unwrap_or_default();
    if patch.is_empty() {
        return Reply::Integer(cur.len() as i64);
    }
    let offset = offset as u64;
    if offset.saturating_add(patch.len() as u64) > max_string_len(eng) as u64 {
        return Reply::err(errors::STRING_TOO_LONG);
    }
    let offset = offset as usize;
    let end = offset + patch.len();
    if cur.len() < end {
        cur.resize(end, 0);
    }
    if let Some(dst) = cur.get_mut(offset..end) {
        dst.copy_from_slice(patch);
    }
    let n = cur.len();
    eng.store(db, key, Value::Str(StrValue::raw(cur)), exists);
    record_written(eng, db, key, offset, patch.len());
    eng.notify(db, key, "setrange");
    Reply::Integer(n as i64)
}

/// INCR and its siblings change an existing integer in place: no copy of
/// the old value, no second lookup, no new key allocation (this is the
/// hot path of every counter and rate limiter). The deadline stays.
fn incr_generic(eng: &mut Engine, db: usize, key: &[u8], by: i64) -> Reply {
    let next = match eng.lookup_mut(db, key).map(|e| &mut e.value) {
        Some(Value::Str(s)) => {
            let Some(cur) = parse_i64(&s.bytes) else {
                return Reply::err(errors::NOT_INTEGER);
            };
            let Some(next) = cur.checked_add(by) else {
                return Reply::err(errors::OVERFLOW);
            };
            s.set_int(next);
            next
        }
        #[allow(unreachable_patterns)]
        Some(_) => return Reply::err(WRONGTYPE),
        None => {
            // A missing key counts as 0; 0 + by cannot overflow.
            eng.store(db, key, Value::Str(StrValue::from_int(by)), true);
            by
        }
    };
    record_written(eng, db, key, 0, usize::MAX);
    eng.notify(db, key, "incrby");
    Reply::Integer(next)
}

/// INCR key
pub fn incr(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    incr_generic(eng, sess.db, arg(argv, 1), 1)
}

/// DECR key
pub fn decr(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    incr_generic(eng, sess.db, arg(argv, 1), -1)
}

/// INCRBY key increment
pub fn incrby(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    match int_arg(arg(argv, 2)) {
        Ok(by) => incr_generic(eng, sess.db, arg(argv, 1), by),
        Err(e) => e,
    }
}

/// DECRBY key decrement
pub fn decrby(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    match int_arg(arg(argv, 2)) {
        // Negating i64::MIN would overflow before the addition could.
        Ok(i64::MIN) => Reply::err("ERR decrement would overflow"),
        Ok(by) => incr_generic(eng, sess.db, arg(argv, 1), -by),
        Err(e) => e,
    }
}

/// INCRBYFLOAT key increment
///
/// In long double arithmetic, as Redis on x86-64 (see `engine/ld.rs`).
pub fn incrbyfloat(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    use crate::engine::ld::{self, Read};
    let (db, key, by_raw) = (sess.db, arg(argv, 1), arg(argv, 2));
    let cur = match read_str(eng, db, key) {
        Ok(v) => v.unwrap_or_else(|| b"0".to_vec()),
        Err(e) => return e,
    };
    let (Some(a), Some(b)) = (ld::parse(&cur), ld::parse(by_raw)) else {
        return Reply::err(errors::NOT_FLOAT);
    };
    let (Read::Finite(a), Read::Finite(b)) = (a, b) else {
        return Reply::err(errors::NAN_OR_INF);
    };
    let Some(sum) = ld::add(a, b) else {
        return Reply::err(errors::NAN_OR_INF);
    };
    let text = ld::human(sum);
    eng.store(
        db,
        key,
        Value::Str(StrValue::from_text(text.clone().into_bytes())),
        true,
    );
    record_written(eng, db, key, 0, usize::MAX);
    eng.notify(db, key, "incrbyfloat");
    // Logged as the value it gave, so that a replay needs no arithmetic.
    eng.propagate_as(|| {
        let value = text.clone().into_bytes();
        vec![b"SET".to_vec(), key.to_vec(), value, b"KEEPTTL".to_vec()]
    });
    Reply::Bulk(text.into_bytes())
}

/// Largest LCS table we agree to build, in cells: an explicit bound on the
/// transient memory a single command may take (4 bytes a cell).
const LCS_MAX_CELLS: u64 = 64 * 1024 * 1024;

/// LCS key1 key2 [LEN] [IDX] [MINMATCHLEN len] [WITHMATCHLEN]
pub fn lcs(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let db = sess.db;
    let (a, b) = match (
        read_str(eng, db, arg(argv, 1)),
        read_str(eng, db, arg(argv, 2)),
    ) {
        (Ok(a), Ok(b)) => (a.unwrap_or_default(), b.unwrap_or_default()),
        _ => return Reply::err("ERR The specified keys must contain string values"),
    };
    let (mut getlen, mut getidx, mut withlen, mut minlen) = (false, false, false, 0i64);
    let mut j = 3;
    while let Some(opt) = argv.get(j) {
        let more = argv.len() - 1 - j;
        if eq_ignore_case(opt, "idx") {
            getidx = true;
        } else if eq_ignore_case(opt, "len") {
            getlen = true;
        } else if eq_ignore_case(opt, "withmatchlen") {
            withlen = true;
        } else if eq_ignore_case(opt, "minmatchlen") && more > 0 {
            minlen = match int_arg(arg(argv, j + 1)) {
                Ok(v) => v.max(0),
                Err(e) => return e,
            };
            j += 1;
        } else {
            return Reply::err(errors::SYNTAX);
        }
        j += 1;
    }
    if getidx && getlen {
        return Reply::err("ERR If you want both the length and indexes, please just use IDX.");
    }
    let (alen, blen) = (a.len(), b.len());
    // Redis refuses a table (4 bytes a cell) larger than proto-max-bulk-len;
    // we also keep our own, smaller bound, as a page has less memory.
    let cells = (alen as u64 + 1).saturating_mul(blen as u64 + 1);
    let max_bytes = u64::try_from(eng.config.get_i64("proto-max-bulk-len")).unwrap_or(0);
    if cells.saturating_mul(4) > max_bytes || cells > LCS_MAX_CELLS {
        return Reply::err(
            "ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len",
        );
    }
    // table[i][j] = LCS length of a[..i] and b[..j], flattened.
    let w = blen + 1;
    let mut t = vec![0u32; (alen + 1) * w];
    let at = |t: &Vec<u32>, i: usize, j: usize| t.get(i * w + j).copied().unwrap_or(0);
    for i in 1..=alen {
        for j in 1..=blen {
            let v = if a.get(i - 1) == b.get(j - 1) {
                at(&t, i - 1, j - 1) + 1
            } else {
                at(&t, i - 1, j).max(at(&t, i, j - 1))
            };
            if let Some(c) = t.get_mut(i * w + j) {
                *c = v;
            }
        }
    }
    let total = at(&t, alen, blen);
    if getlen {
        return Reply::Integer(i64::from(total));
    }
    // Walk back from the end, collecting the subsequence and, for IDX, the
    // matching ranges from the last to the first, as Redis reports them.
    let mut result = vec![0u8; total as usize];
    let mut idx = total as usize;
    let (mut i, mut j) = (alen, blen);
    let mut matches = Vec::new();
    let (mut a0, mut a1, mut b0, mut b1) = (alen, 0usize, 0usize, 0usize);
    while i > 0 && j > 0 {
        let mut emit = false;
        if a.get(i - 1) == b.get(j - 1) {
            if let (Some(slot), Some(&c)) = (result.get_mut(idx.wrapping_sub(1)), a.get(i - 1)) {
                *slot = c;
            }
            if a0 == alen {
                (a0, a1, b0, b1) = (i - 1, i - 1, j - 1, j - 1);
            } else if a0 == i && b0 == j {
                a0 -= 1;
                b0 -= 1;
            } else {
                emit = true;
            }
            if a0 == 0 || b0 == 0 {
                emit = true;
            }
            idx = idx.saturating_sub(1);
            i -= 1;
            j -= 1;
        } else {
            if at(&t, i - 1, j) > at(&t, i, j - 1) {
                i -= 1;
            } else {
                j -= 1;
            }
            if a0 != alen {
                emit = true;
            }
        }
        if emit {
            let mlen = (a1 - a0 + 1) as i64;
            if minlen == 0 || mlen >= minlen {
                let mut m = vec![
                    Reply::Array(vec![Reply::Integer(a0 as i64), Reply::Integer(a1 as i64)]),
                    Reply::Array(vec![Reply::Integer(b0 as i64), Reply::Integer(b1 as i64)]),
                ];
                if withlen {
                    m.push(Reply::Integer(mlen));
                }
                matches.push(Reply::Array(m));
            }
            a0 = alen;
        }
    }
    if getidx {
        Reply::Map(vec![
            (Reply::bulk("matches"), Reply::Array(matches)),
            (Reply::bulk("len"), Reply::Integer(i64::from(total))),
        ])
    } else {
        Reply::Bulk(result)
    }
}
