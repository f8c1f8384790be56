//! SORT and SORT_RO: sort a list, set or sorted set, numerically or by
//! bytes, optionally by the values of other keys (`BY weight_*`, or hash
//! fields with `BY obj_*->field`), fetching other keys for each element
//! (`GET`), and storing the result as a list.
//!
//! The steps and their edge cases follow Redis 7.0's `sortCommandGeneric`:
//! a BY pattern without `*` means "do not sort" (a set is then still
//! sorted by bytes when the result is stored or goes to a script, so it
//! is deterministic); a
//! missing BY value scores 0; numeric ties are broken by the element's
//! bytes; LIMIT is clamped the way Redis clamps it; and sorting a sorted
//! set turns a listpack one into a skiplist, as Redis does in place.
//!
//! One difference: Redis compares ALPHA values with `strcoll` in its
//! locale; we compare bytes up to the first NUL, which is what `strcoll`
//! does in the C locale Redis runs under by default.

use crate::engine::args::{eq_ignore_case, parse_f64, parse_i64};
use crate::engine::cmd::arg;
use crate::engine::errors::{self, WRONGTYPE};
use crate::engine::value::{Bytes, List, Value};
use crate::engine::{Engine, Session};
use crate::reply::Reply;

/// `strtod` as SORT uses it: leading blanks skipped, the empty string is 0,
/// trailing junk, NaN and out-of-range values (ERANGE) are errors.
fn sort_strtod(s: &[u8]) -> Option<f64> {
    if s.is_empty() {
        return Some(0.0);
    }
    let start = s
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'))?;
    parse_f64(s.get(start..).unwrap_or_default())
}

/// What `lookupKeyByPattern` finds for `elem`: `#` is the element itself;
/// otherwise the first `*` is replaced by it, and a `->field` after the
/// `*` reads that field of a hash. Only strings (or hash fields) count;
/// anything else, or a pattern without `*`, is nothing.
fn by_pattern(eng: &mut Engine, db: usize, pattern: &[u8], elem: &[u8]) -> Option<Vec<u8>> {
    if pattern == b"#" {
        return Some(elem.to_vec());
    }
    let star = pattern.iter().position(|&b| b == b'*')?;
    let after = pattern.get(star + 1..).unwrap_or_default();
    let arrow = after
        .windows(2)
        .position(|w| w == b"->")
        .filter(|&p| p + 2 < after.len());
    let (postfix, field) = match arrow {
        Some(p) => (after.get(..p).unwrap_or_default(), after.get(p + 2..)),
        None => (after, None),
    };
    let mut key = pattern.get(..star).unwrap_or_default().to_vec();
    key.extend_from_slice(elem);
    key.extend_from_slice(postfix);
    match (eng.lookup(db, &key), field) {
        (Some(Value::Str(s)), None) => Some(s.bytes.to_vec()),
        (Some(Value::Hash(h)), Some(f)) => h.map.get(f).map(<[u8]>::to_vec),
        _ => None,
    }
}

/// `strcoll` in the C locale: bytes compared up to the first NUL.
fn c_string(b: &[u8]) -> &[u8] {
    match b.iter().position(|&x| x == 0) {
        Some(p) => b.get(..p).unwrap_or(b),
        None => b,
    }
}

struct Item {
    elem: Vec<u8>,
    score: f64,
    cmp: Option<Vec<u8>>,
}

fn sort_generic(eng: &mut Engine, sess: &Session, argv: &[Vec<u8>], readonly: bool) -> Reply {
    let db = sess.db;
    let (mut desc, mut alpha) = (false, false);
    let (mut limit_start, mut limit_count) = (0i64, -1i64);
    let mut store: Option<Vec<u8>> = None;
    let mut by: Option<Vec<u8>> = None;
    let mut dontsort = false;
    let mut gets: Vec<Vec<u8>> = Vec::new();
    let mut j = 2;
    while let Some(opt) = argv.get(j) {
        let left = argv.len() - j - 1;
        if eq_ignore_case(opt, "asc") {
            desc = false;
        } else if eq_ignore_case(opt, "desc") {
            desc = true;
        } else if eq_ignore_case(opt, "alpha") {
            alpha = true;
        } else if eq_ignore_case(opt, "limit") && left >= 2 {
            match (parse_i64(arg(argv, j + 1)), parse_i64(arg(argv, j + 2))) {
                (Some(a), Some(b)) => (limit_start, limit_count) = (a, b),
                _ => return Reply::err(errors::NOT_INTEGER),
            }
            j += 2;
        } else if !readonly && eq_ignore_case(opt, "store") && left >= 1 {
            store = Some(arg(argv, j + 1).to_vec());
            j += 1;
        } else if eq_ignore_case(opt, "by") && left >= 1 {
            let p = arg(argv, j + 1).to_vec();
            dontsort = !p.contains(&b'*');
            by = Some(p);
            j += 1;
        } else if eq_ignore_case(opt, "get") && left >= 1 {
            gets.push(arg(argv, j + 1).to_vec());
            j += 1;
        } else {
            return Reply::err(errors::SYNTAX);
        }
        j += 1;
    }

    // The elements, in the order Redis loads them.
    enum Kind {
        List,
        Set,
        ZSet,
    }
    let (kind, mut elems): (Kind, Vec<Vec<u8>>) =
        match eng.lookup_mut(db, arg(argv, 1)).map(|e| &mut e.value) {
            None => (Kind::List, Vec::new()),
            Some(Value::List(l)) => (Kind::List, l.iter().map(|e| e.to_vec()).collect()),
            Some(Value::Set(s)) => (
                Kind::Set,
                s.members()
                    .into_iter()
                    .map(std::borrow::Cow::into_owned)
                    .collect(),
            ),
            Some(Value::ZSet(z)) => {
                z.to_skiplist();
                (Kind::ZSet, z.iter().map(|(_, m)| m.to_vec()).collect())
            }
            Some(_) => return Reply::err(WRONGTYPE),
        };
    // A set's order is the server's own: stored or given to a script (so
    // replicas and the AOF agree), it is sorted as ALPHA, as Redis does.
    if dontsort && matches!(kind, Kind::Set) && (store.is_some() || eng.in_script) {
        dontsort = false;
        alpha = true;
        by = None;
    }
    let len = i64::try_from(elems.len()).unwrap_or(i64::MAX);
    let mut start = limit_start.max(0);
    let mut end = if limit_count < 0 {
        len - 1
    } else {
        start.saturating_add(limit_count).saturating_sub(1)
    };
    if start >= len {
        start = len - 1;
        end = len - 2;
    }
    if end >= len {
        end = len - 1;
    }
    if dontsort && !matches!(kind, Kind::Set) && desc {
        // A list or sorted set left unsorted still honours DESC.
        elems.reverse();
    }

    let mut items: Vec<Item> = elems
        .into_iter()
        .map(|elem| Item {
            elem,
            score: 0.0,
            cmp: None,
        })
        .collect();
    if !dontsort {
        let mut conversion_error = false;
        for it in &mut items {
            let value = match &by {
                Some(p) => match by_pattern(eng, db, p, &it.elem) {
                    Some(v) => v,
                    None => continue,
                },
                None => it.elem.clone(),
            };
            if alpha {
                if by.is_some() {
                    it.cmp = Some(value);
                }
            } else {
                match sort_strtod(&value) {
                    Some(s) => it.score = s,
                    None => conversion_error = true,
                }
            }
        }
        if conversion_error {
            return Reply::err("ERR One or more scores can't be converted into double");
        }
        let storing = store.is_some();
        let by_pattern_used = by.is_some();
        items.sort_by(|a, b| {
            let ord = if !alpha {
                a.score
                    .partial_cmp(&b.score)
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then_with(|| a.elem.cmp(&b.elem))
            } else if by_pattern_used {
                match (&a.cmp, &b.cmp) {
                    (None, None) => std::cmp::Ordering::Equal,
                    (None, Some(_)) => std::cmp::Ordering::Less,
                    (Some(_), None) => std::cmp::Ordering::Greater,
                    (Some(x), Some(y)) if storing => x.cmp(y),
                    (Some(x), Some(y)) => c_string(x).cmp(c_string(y)),
                }
            } else if storing {
                a.elem.cmp(&b.elem)
            } else {
                c_string(&a.elem).cmp(c_string(&b.elem))
            };
            if desc {
                ord.reverse()
            } else {
                ord
            }
        });
    }

    let picked: Vec<Item> = if end >= start {
        let (s, e) = (
            usize::try_from(start).unwrap_or(0),
            usize::try_from(end).unwrap_or(0),
        );
        items.into_iter().skip(s).take(e - s + 1).collect()
    } else {
        Vec::new()
    };
    match store {
        None => {
            let mut out = Vec::new();
            for it in &picked {
                if gets.is_empty() {
                    out.push(Reply::Bulk(it.elem.clone()));
                }
                for g in &gets {
                    out.push(by_pattern(eng, db, g, &it.elem).map_or(Reply::Null, Reply::Bulk));
                }
            }
            Reply::Array(out)
        }
        Some(dst) => {
            let mut list = List::new();
            for it in &picked {
                if gets.is_empty() {
                    list.push_back(Bytes::from_slice(&it.elem));
                }
                for g in &gets {
                    list.push_back(crate::engine::value::bytes_from_vec(
                        by_pattern(eng, db, g, &it.elem).unwrap_or_default(),
                    ));
                }
            }
            let n = list.len();
            if n > 0 {
                eng.store(db, &dst, Value::List(Box::new(list)), false);
                eng.notify(db, &dst, "sortstore");
            } else if eng.delete(db, &dst) {
                eng.notify(db, &dst, "del");
            }
            Reply::Integer(i64::try_from(n).unwrap_or(i64::MAX))
        }
    }
}

/// SORT key [BY pattern] [LIMIT offset count] [GET pattern [GET pattern ...]] [ASC|DESC] [ALPHA] [STORE destination]
pub fn sort(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    sort_generic(eng, sess, argv, false)
}

/// SORT_RO key [BY pattern] [LIMIT offset count] [GET pattern [GET pattern ...]] [ASC|DESC] [ALPHA]
pub fn sort_ro(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    sort_generic(eng, sess, argv, true)
}
