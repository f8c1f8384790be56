//! The list group. A list is a `VecDeque` of elements: O(1) at both ends,
//! which is what queues and stacks need, and O(1) by index, which Redis's
//! quicklist does not give (its LINDEX walks nodes). Redis 7.0 reports every
//! list as `quicklist`, whatever its size, and so do we.
//!
//! Argument checks happen in the order Redis makes them, because the order
//! decides which error a client sees when several things are wrong: some
//! commands parse numbers before looking at the key (LRANGE, LTRIM, LREM),
//! others look first (LINDEX, LSET). The differential scripts in
//! `tests/scripts/lists/` pin each order against redis-server.
//!
//! The blocking forms (BLPOP, BRPOP, BLMOVE, BRPOPLPUSH, BLMPOP) are at the
//! end: they take what is there as their plain forms do (`pop_reply`,
//! `move_one`, shared with `engine/blocking.rs`, which serves them later)
//! and otherwise wait.

use crate::engine::cmd::{arg, drop_if_empty, parse_mpop, pop_count};

use crate::engine::args::{eq_ignore_case, int_arg, non_negative, parse_i64};
use crate::engine::blocking::Wait;
use crate::engine::errors::{self, WRONGTYPE};
use crate::engine::events::{self, Effect, Selection};
use crate::engine::value::{Bytes, Value};
use crate::engine::{Engine, Session};
use crate::reply::Reply;

pub use crate::engine::value::List;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    Left,
    Right,
}

impl End {
    fn parse(a: &[u8]) -> Option<End> {
        if eq_ignore_case(a, "left") {
            Some(End::Left)
        } else if eq_ignore_case(a, "right") {
            Some(End::Right)
        } else {
            None
        }
    }

    fn pop_event(self) -> &'static str {
        match self {
            End::Left => "lpop",
            End::Right => "rpop",
        }
    }

    fn push_event(self) -> &'static str {
        match self {
            End::Left => "lpush",
            End::Right => "rpush",
        }
    }

    /// The same end, as the event stream names it.
    fn side(self) -> events::End {
        match self {
            End::Left => events::End::Head,
            End::Right => events::End::Tail,
        }
    }
}

/// The list at `key` for reading or writing: `Ok(None)` when absent,
/// WRONGTYPE for another type.
fn list_mut<'a>(eng: &'a mut Engine, db: usize, key: &[u8]) -> Result<Option<&'a mut List>, Reply> {
    match eng.lookup_mut(db, key).map(|e| &mut e.value) {
        None => Ok(None),
        Some(Value::List(l)) => Ok(Some(l)),
        Some(_) => Err(Reply::err(WRONGTYPE)),
    }
}

/// Whether `key` holds something other than a list (absent is fine).
fn wrong_type(eng: &mut Engine, db: usize, key: &[u8]) -> bool {
    matches!(eng.lookup(db, key), Some(v) if !matches!(v, Value::List(_)))
}

/// Redis's range rule for LRANGE, LTRIM and the ZRANGE family by rank: negative indexes count from
/// the end, a start before the head is the head, an end past the tail is
/// the tail. `None` when the range holds nothing.
pub(crate) fn clamp_range(start: i64, end: i64, len: usize) -> Option<(usize, usize)> {
    let len = i64::try_from(len).unwrap_or(i64::MAX);
    let mut start = if start < 0 {
        len.saturating_add(start)
    } else {
        start
    };
    let mut end = if end < 0 {
        len.saturating_add(end)
    } else {
        end
    };
    if start < 0 {
        start = 0;
    }
    if start > end || start >= len {
        return None;
    }
    if end >= len {
        end = len - 1;
    }
    Some((usize::try_from(start).ok()?, usize::try_from(end).ok()?))
}

/// A single index, negative from the end; `None` outside the list.
fn index_of(index: i64, len: usize) -> Option<usize> {
    let len_i = i64::try_from(len).ok()?;
    let i = if index < 0 {
        len_i.checked_add(index)?
    } else {
        index
    };
    if (0..len_i).contains(&i) {
        usize::try_from(i).ok()
    } else {
        None
    }
}

fn push_generic(
    eng: &mut Engine,
    sess: &Session,
    argv: &[Vec<u8>],
    end: End,
    only_if_exists: bool,
) -> Reply {
    let db = sess.db;
    let key = arg(argv, 1);
    let elements = argv.get(2..).unwrap_or_default();
    let len = match list_mut(eng, db, key) {
        Err(e) => return e,
        Ok(None) if only_if_exists => return Reply::Integer(0),
        Ok(None) => {
            let mut l = List::with_capacity(elements.len());
            for e in elements {
                push_one(&mut l, end, Bytes::from_slice(e));
            }
            let n = l.len();
            eng.store(db, key, Value::List(Box::new(l)), false);
            n
        }
        Ok(Some(l)) => {
            for e in elements {
                push_one(l, end, Bytes::from_slice(e));
            }
            l.len()
        }
    };
    eng.effect(db, key, || Effect::Pushed {
        end: end.side(),
        values: elements.to_vec(),
    });
    eng.notify(db, key, end.push_event());
    Reply::Integer(i64::try_from(len).unwrap_or(i64::MAX))
}

fn push_one(l: &mut List, end: End, e: Bytes) {
    match end {
        End::Left => l.push_front(e),
        End::Right => l.push_back(e),
    }
}

/// LPUSH key element [element ...]
pub fn lpush(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    push_generic(eng, sess, argv, End::Left, false)
}

/// RPUSH key element [element ...]
pub fn rpush(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    push_generic(eng, sess, argv, End::Right, false)
}

/// LPUSHX key element [element ...]
pub fn lpushx(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    push_generic(eng, sess, argv, End::Left, true)
}

/// RPUSHX key element [element ...]
pub fn rpushx(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    push_generic(eng, sess, argv, End::Right, true)
}

/// Take up to `n` elements from one end of the list at `key` (which must
/// exist and be a list), signal the pop and delete the key once empty.
pub(crate) fn pop_n(eng: &mut Engine, db: usize, key: &[u8], end: End, n: usize) -> Vec<Vec<u8>> {
    let out = match list_mut(eng, db, key) {
        Ok(Some(l)) => {
            let n = n.min(l.len());
            let mut out = Vec::with_capacity(n);
            for _ in 0..n {
                let e = match end {
                    End::Left => l.pop_front(),
                    End::Right => l.pop_back(),
                };
                if let Some(e) = e {
                    out.push(e.into_vec());
                }
            }
            out
        }
        _ => Vec::new(),
    };
    if !out.is_empty() {
        eng.effect(db, key, || Effect::Popped {
            end: end.side(),
            values: out.clone(),
        });
        eng.notify(db, key, end.pop_event());
        drop_if_empty(eng, db, key);
    }
    out
}

fn pop_generic(eng: &mut Engine, sess: &Session, argv: &[Vec<u8>], end: End, name: &str) -> Reply {
    if argv.len() > 3 {
        return Reply::err(errors::wrong_arity(name));
    }
    let count = match pop_count(argv.get(2)) {
        Ok(c) => c,
        Err(e) => return e,
    };
    let db = sess.db;
    let key = arg(argv, 1);
    match list_mut(eng, db, key) {
        Err(e) => return e,
        Ok(None) => {
            return if count.is_some() {
                Reply::NullArray
            } else {
                Reply::Null
            }
        }
        Ok(Some(_)) => {}
    }
    match count {
        None => match pop_n(eng, db, key, end, 1).pop() {
            Some(e) => Reply::Bulk(e),
            None => Reply::Null,
        },
        Some(0) => Reply::Array(Vec::new()),
        Some(c) => {
            let n = usize::try_from(c).unwrap_or(usize::MAX);
            Reply::Array(
                pop_n(eng, db, key, end, n)
                    .into_iter()
                    .map(Reply::Bulk)
                    .collect(),
            )
        }
    }
}

/// LPOP key [count]
pub fn lpop(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    pop_generic(eng, sess, argv, End::Left, "lpop")
}

/// RPOP key [count]
pub fn rpop(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    pop_generic(eng, sess, argv, End::Right, "rpop")
}

/// LLEN key
pub fn llen(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    match list_mut(eng, sess.db, arg(argv, 1)) {
        Err(e) => e,
        Ok(None) => Reply::Integer(0),
        Ok(Some(l)) => Reply::Integer(i64::try_from(l.len()).unwrap_or(i64::MAX)),
    }
}

/// LRANGE key start stop
pub fn lrange(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let (start, stop) = match (int_arg(arg(argv, 2)), int_arg(arg(argv, 3))) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => return e,
    };
    let key = arg(argv, 1);
    let (reply, span) = match list_mut(eng, sess.db, key) {
        Err(e) => return e,
        Ok(None) => return Reply::Array(Vec::new()),
        Ok(Some(l)) => match clamp_range(start, stop, l.len()) {
            None => (Reply::Array(Vec::new()), None),
            Some((a, b)) => (
                Reply::Array(l.range(a..=b).map(|e| Reply::Bulk(e.to_vec())).collect()),
                Some((a, b)),
            ),
        },
    };
    eng.effect(sess.db, key, || {
        Effect::Selected(Selection::Range { span, rev: false })
    });
    reply
}

/// LINDEX key index
pub fn lindex(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let l = match list_mut(eng, sess.db, arg(argv, 1)) {
        Err(e) => return e,
        Ok(None) => return Reply::Null,
        Ok(Some(l)) => l,
    };
    let index = match int_arg(arg(argv, 2)) {
        Ok(i) => i,
        Err(e) => return e,
    };
    let at = index_of(index, l.len());
    let reply = match at.and_then(|i| l.get(i)) {
        Some(e) => Reply::Bulk(e.to_vec()),
        None => Reply::Null,
    };
    eng.effect(sess.db, arg(argv, 1), || {
        Effect::Selected(Selection::Range {
            span: at.map(|i| (i, i)),
            rev: false,
        })
    });
    reply
}

/// LSET key index element
pub fn lset(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let db = sess.db;
    let key = arg(argv, 1);
    let l = match list_mut(eng, db, key) {
        Err(e) => return e,
        Ok(None) => return Reply::err(errors::NO_SUCH_KEY),
        Ok(Some(l)) => l,
    };
    let index = match int_arg(arg(argv, 2)) {
        Ok(i) => i,
        Err(e) => return e,
    };
    let at = index_of(index, l.len());
    match at.and_then(|i| l.get_mut(i)) {
        Some(slot) => *slot = Bytes::from_slice(arg(argv, 3)),
        None => return Reply::err("ERR index out of range"),
    }
    eng.effect(db, key, || Effect::Replaced {
        index: at.unwrap_or_default(),
        value: arg(argv, 3).to_vec(),
    });
    eng.notify(db, key, "lset");
    Reply::ok()
}

/// LINSERT key BEFORE|AFTER pivot element
pub fn linsert(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let where_ = arg(argv, 2);
    let after = if eq_ignore_case(where_, "after") {
        true
    } else if eq_ignore_case(where_, "before") {
        false
    } else {
        return Reply::err(errors::SYNTAX);
    };
    let db = sess.db;
    let key = arg(argv, 1);
    let (pivot, element) = (arg(argv, 3), arg(argv, 4));
    let (len, index) = match list_mut(eng, db, key) {
        Err(e) => return e,
        Ok(None) => return Reply::Integer(0),
        Ok(Some(l)) => match l.iter().position(|e| e.as_slice() == pivot) {
            None => return Reply::Integer(-1),
            Some(i) => {
                let at = if after { i + 1 } else { i };
                l.insert(at, Bytes::from_slice(element));
                (l.len(), at)
            }
        },
    };
    eng.effect(db, key, || Effect::Inserted {
        index,
        value: element.to_vec(),
    });
    eng.notify(db, key, "linsert");
    Reply::Integer(i64::try_from(len).unwrap_or(i64::MAX))
}

/// LREM key count element
pub fn lrem(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let count = match int_arg(arg(argv, 2)) {
        Ok(c) => c,
        Err(e) => return e,
    };
    let db = sess.db;
    let key = arg(argv, 1);
    let element = arg(argv, 3);
    // Indexes in the list as it was, for the picture.
    let mut gone: Vec<usize> = Vec::new();
    let removed = match list_mut(eng, db, key) {
        Err(e) => return e,
        Ok(None) => return Reply::Integer(0),
        Ok(Some(l)) => {
            let limit = if count == 0 {
                usize::MAX
            } else {
                usize::try_from(count.unsigned_abs()).unwrap_or(usize::MAX)
            };
            let mut removed = 0usize;
            if count >= 0 {
                let mut i = 0;
                while i < l.len() && removed < limit {
                    if l.get(i).is_some_and(|e| e.as_slice() == element) {
                        l.remove(i);
                        gone.push(i + removed);
                        removed += 1;
                    } else {
                        i += 1;
                    }
                }
            } else {
                let mut i = l.len();
                while i > 0 && removed < limit {
                    i -= 1;
                    if l.get(i).is_some_and(|e| e.as_slice() == element) {
                        l.remove(i);
                        gone.push(i);
                        removed += 1;
                    }
                }
                gone.reverse();
            }
            removed
        }
    };
    if removed > 0 {
        eng.effect(db, key, || Effect::Removed { indexes: gone });
        eng.notify(db, key, "lrem");
        drop_if_empty(eng, db, key);
    }
    Reply::Integer(i64::try_from(removed).unwrap_or(i64::MAX))
}

/// LTRIM key start stop
pub fn ltrim(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let (start, stop) = match (int_arg(arg(argv, 2)), int_arg(arg(argv, 3))) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => return e,
    };
    let db = sess.db;
    let key = arg(argv, 1);
    let (keep, before) = match list_mut(eng, db, key) {
        Err(e) => return e,
        Ok(None) => return Reply::ok(),
        Ok(Some(l)) => {
            let before = l.len();
            let keep = clamp_range(start, stop, before);
            match keep {
                None => l.clear(),
                Some((a, b)) => {
                    l.truncate(b + 1);
                    l.drain(..a);
                }
            }
            (keep, before)
        }
    };
    eng.effect(db, key, || Effect::Trimmed { keep, before });
    // Redis signals ltrim even when nothing was cut.
    eng.notify(db, key, "ltrim");
    drop_if_empty(eng, db, key);
    Reply::ok()
}

/// LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len]
pub fn lpos(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let mut rank: i64 = 1;
    let mut count: Option<i64> = None;
    let mut maxlen: i64 = 0;
    let mut j = 3;
    while let Some(opt) = argv.get(j) {
        let value = argv.get(j + 1);
        match value {
            Some(v) if eq_ignore_case(opt, "rank") => {
                match parse_i64(v) {
                    None => return Reply::err(errors::NOT_INTEGER),
                    // Redis 7.0 negates the rank to count matches, and the
                    // negation of LONG_MIN stays negative, so every match
                    // "reaches" it: it behaves as -1. (7.2 refuses it.)
                    Some(i64::MIN) => rank = -1,
                    Some(0) => {
                        return Reply::err(
                            "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list",
                        )
                    }
                    Some(r) => rank = r,
                }
            }
            Some(v) if eq_ignore_case(opt, "count") => {
                match non_negative(v, "ERR COUNT can't be negative") {
                    Ok(c) => count = Some(c),
                    Err(e) => return e,
                }
            }
            Some(v) if eq_ignore_case(opt, "maxlen") => {
                match non_negative(v, "ERR MAXLEN can't be negative") {
                    Ok(m) => maxlen = m,
                    Err(e) => return e,
                }
            }
            _ => return Reply::err(errors::SYNTAX),
        }
        j += 2;
    }
    let element = arg(argv, 2);
    let l = match list_mut(eng, sess.db, arg(argv, 1)) {
        Err(e) => return e,
        Ok(None) => {
            return if count.is_some() {
                Reply::Array(Vec::new())
            } else {
                Reply::Null
            }
        }
        Ok(Some(l)) => l,
    };
    let wanted = match count {
        None => 1,
        Some(0) => usize::MAX,
        Some(c) => usize::try_from(c).unwrap_or(usize::MAX),
    };
    let scan_limit = if maxlen == 0 {
        usize::MAX
    } else {
        usize::try_from(maxlen).unwrap_or(usize::MAX)
    };
    let mut skip = rank.unsigned_abs().saturating_sub(1);
    let mut found = Vec::new();
    let len = l.len();
    for step in 0..len.min(scan_limit) {
        let i = if rank > 0 { step } else { len - 1 - step };
        if l.get(i).is_some_and(|e| e.as_slice() == element) {
            if skip > 0 {
                skip -= 1;
            } else {
                found.push(Reply::Integer(i64::try_from(i).unwrap_or(i64::MAX)));
                if found.len() >= wanted {
                    break;
                }
            }
        }
    }
    match count {
        Some(_) => Reply::Array(found),
        None => found.pop().unwrap_or(Reply::Null),
    }
}

/// Pop from `from` of `src`, push to `to` of `dst`: LMOVE's body, which
/// BLMOVE shares. An absent source gives nil; `dst`'s type is checked
/// before anything moves, so a failure changes nothing.
pub(crate) fn move_one(
    eng: &mut Engine,
    db: usize,
    src: &[u8],
    dst: &[u8],
    from: End,
    to: End,
) -> Reply {
    match list_mut(eng, db, src) {
        Err(e) => return e,
        Ok(None) => return Reply::Null,
        Ok(Some(l)) if l.is_empty() => return Reply::Null,
        Ok(Some(_)) => {}
    }
    if wrong_type(eng, db, dst) {
        return Reply::err(WRONGTYPE);
    }
    let value = match list_mut(eng, db, src) {
        Ok(Some(l)) => match from {
            End::Left => l.pop_front(),
            End::Right => l.pop_back(),
        },
        _ => None,
    };
    let Some(value) = value else {
        return Reply::Null;
    };
    eng.effect(db, src, || Effect::Popped {
        end: from.side(),
        values: vec![value.to_vec()],
    });
    match list_mut(eng, db, dst) {
        Ok(Some(l)) => push_one(l, to, value.clone()),
        _ => {
            let mut l = List::new();
            l.push_back(value.clone());
            eng.store(db, dst, Value::List(Box::new(l)), false);
        }
    }
    eng.effect(db, dst, || Effect::Pushed {
        end: to.side(),
        values: vec![value.to_vec()],
    });
    eng.notify(db, dst, to.push_event());
    eng.notify(db, src, from.pop_event());
    drop_if_empty(eng, db, src);
    Reply::Bulk(value.into_vec())
}

/// LMOVE source destination LEFT|RIGHT LEFT|RIGHT
pub fn lmove(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let (Some(from), Some(to)) = (End::parse(arg(argv, 3)), End::parse(arg(argv, 4))) else {
        return Reply::err(errors::SYNTAX);
    };
    move_one(eng, sess.db, arg(argv, 1), arg(argv, 2), from, to)
}

/// RPOPLPUSH source destination
pub fn rpoplpush(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    move_one(
        eng,
        sess.db,
        arg(argv, 1),
        arg(argv, 2),
        End::Right,
        End::Left,
    )
}

/// LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count]
pub fn lmpop(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let (keys, end, n) = match parse_mpop(argv, End::parse) {
        Ok(parsed) => parsed,
        Err(e) => return e,
    };
    match first_list(eng, sess.db, keys) {
        Err(e) => e,
        Ok(Some(key)) => {
            let wait = Wait::Pop {
                end,
                count: Some(n),
            };
            taken_now(eng, sess.db, key, wait)
        }
        Ok(None) => Reply::NullArray,
    }
}

/// Pop from the list at `key` and answer as the key-taking pops do:
/// `[key, element]` for one (`count` None: BLPOP, BRPOP), `[key,
/// [element ...]]` for up to `count` (LMPOP, BLMPOP). Their immediate
/// answers and `engine/blocking.rs`'s served ones both come from here.
pub(crate) fn pop_reply(
    eng: &mut Engine,
    db: usize,
    key: &[u8],
    end: End,
    count: Option<usize>,
) -> Reply {
    let mut items = pop_n(eng, db, key, end, count.unwrap_or(1));
    let name = Reply::Bulk(key.to_vec());
    match count {
        None => match items.pop() {
            Some(e) => Reply::Array(vec![name, Reply::Bulk(e)]),
            None => Reply::NullArray,
        },
        Some(_) => Reply::Array(vec![
            name,
            Reply::Array(items.into_iter().map(Reply::Bulk).collect()),
        ]),
    }
}

/// The first of `keys` holding a list (never empty); WRONGTYPE if another
/// type comes first.
fn first_list<'k>(
    eng: &mut Engine,
    db: usize,
    keys: &'k [Vec<u8>],
) -> Result<Option<&'k [u8]>, Reply> {
    for key in keys {
        if list_mut(eng, db, key)?.is_some_and(|l| !l.is_empty()) {
            return Ok(Some(key));
        }
    }
    Ok(None)
}

fn bpop_generic(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>], end: End) -> Reply {
    let last = argv.len().saturating_sub(1);
    let deadline = match eng.timeout_arg(arg(argv, last)) {
        Ok(d) => d,
        Err(e) => return e,
    };
    let keys = argv.get(1..last).unwrap_or_default();
    match first_list(eng, sess.db, keys) {
        Err(e) => e,
        Ok(Some(key)) => taken_now(eng, sess.db, key, Wait::Pop { end, count: None }),
        Ok(None) => {
            let wait = Wait::Pop { end, count: None };
            eng.block(sess, keys, deadline, wait, Reply::NullArray)
        }
    }
}

/// A blocking pop that did not have to wait: the pop itself, logged as
/// the pop it was (LPOP key, or with COUNT how many it took), as Redis
/// rewrites it. Lists and sorted sets alike.
pub(crate) fn taken_now(eng: &mut Engine, db: usize, key: &[u8], wait: Wait) -> Reply {
    let reply = match &wait {
        Wait::Pop { end, count } => pop_reply(eng, db, key, *end, *count),
        Wait::ZPop { max, count } => {
            crate::engine::cmd::zsets::pop_reply(eng, db, key, *max, *count)
        }
        _ => return Reply::NullArray,
    };
    if eng.propagating() {
        let line = crate::engine::blocking::served_as(&wait, key, "", &reply);
        eng.propagate_as(|| line);
    }
    reply
}

/// BLPOP key [key ...] timeout
pub fn blpop(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    bpop_generic(eng, sess, argv, End::Left)
}

/// BRPOP key [key ...] timeout
pub fn brpop(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    bpop_generic(eng, sess, argv, End::Right)
}

/// BLMOVE and BRPOPLPUSH: move now if the source has an element, else
/// wait. Inside MULTI an empty source answers the null bulk string, not
/// the null array a timeout gives.
fn bmove_generic(
    eng: &mut Engine,
    sess: &mut Session,
    argv: &[Vec<u8>],
    from: End,
    to: End,
    timeout: &[u8],
) -> Reply {
    let deadline = match eng.timeout_arg(timeout) {
        Ok(d) => d,
        Err(e) => return e,
    };
    let (db, src, dst) = (sess.db, arg(argv, 1), arg(argv, 2));
    match list_mut(eng, db, src) {
        Err(e) => e,
        Ok(Some(_)) => {
            let reply = move_one(eng, db, src, dst, from, to);
            // Logged as the move it made, as typed (Redis's rewrite keeps
            // the sides' words).
            if eng.propagating() {
                let mut line = argv.get(..argv.len() - 1).unwrap_or_default().to_vec();
                if let Some(name) = line.first_mut() {
                    *name = if argv.len() == 4 {
                        b"RPOPLPUSH".to_vec()
                    } else {
                        b"LMOVE".to_vec()
                    };
                }
                eng.propagate_as(|| line);
            }
            reply
        }
        Ok(None) => {
            let wait = Wait::Move {
                dst: dst.to_vec(),
                from,
                to,
            };
            eng.block(sess, &[src.to_vec()], deadline, wait, Reply::Null)
        }
    }
}

/// BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout
pub fn blmove(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let (Some(from), Some(to)) = (End::parse(arg(argv, 3)), End::parse(arg(argv, 4))) else {
        return Reply::err(errors::SYNTAX);
    };
    bmove_generic(eng, sess, argv, from, to, arg(argv, 5))
}

/// BRPOPLPUSH source destination timeout
pub fn brpoplpush(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    bmove_generic(eng, sess, argv, End::Right, End::Left, arg(argv, 3))
}

/// BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]
///
/// The keys and options are read before the timeout, unlike BLPOP.
pub fn blmpop(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let rest = argv.get(1..).unwrap_or_default();
    let (keys, end, n) = match parse_mpop(rest, End::parse) {
        Ok(parsed) => parsed,
        Err(e) => return e,
    };
    let deadline = match eng.timeout_arg(arg(argv, 1)) {
        Ok(d) => d,
        Err(e) => return e,
    };
    match first_list(eng, sess.db, keys) {
        Err(e) => e,
        Ok(Some(key)) => {
            let wait = Wait::Pop {
                end,
                count: Some(n),
            };
            taken_now(eng, sess.db, key, wait)
        }
        Ok(None) => {
            let wait = Wait::Pop {
                end,
                count: Some(n),
            };
            eng.block(sess, keys, deadline, wait, Reply::NullArray)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_follow_redis_rules() {
        assert_eq!(clamp_range(0, -1, 3), Some((0, 2)));
        assert_eq!(clamp_range(-100, 100, 3), Some((0, 2)));
        assert_eq!(clamp_range(2, 1, 3), None);
        assert_eq!(clamp_range(3, 5, 3), None);
        assert_eq!(clamp_range(i64::MIN, i64::MAX, 3), Some((0, 2)));
        assert_eq!(clamp_range(0, -1, 0), None);
        assert_eq!(index_of(-1, 3), Some(2));
        assert_eq!(index_of(-4, 3), None);
        assert_eq!(index_of(i64::MIN, 3), None);
        assert_eq!(index_of(3, 3), None);
    }
}
