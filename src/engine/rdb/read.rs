//! Reading values in RDB form (`rdbLoadObject` and its helpers), with
//! every length checked against the bytes that are left.

use std::borrow::Cow;

use indexmap::{IndexMap, IndexSet};

use super::{listpack, lzf, ty, ziplist};
use crate::engine::args::{parse_f64, parse_i64};
use crate::engine::cmd::hashes::Hash;
use crate::engine::cmd::sets::Set;
use crate::engine::fields::Fields;
use crate::engine::members::Members;
use crate::engine::value::{Bytes, List, StrValue, Value};
use crate::engine::zset::ZSet;

/// Why bytes do not read as RDB: a sentence for logs and the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Bad(pub String);

pub type Res<T> = Result<T, Bad>;

fn bad<T>(why: impl Into<String>) -> Res<T> {
    Err(Bad(why.into()))
}

/// The encoding limits a load applies, read from the configuration.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub hash_entries: usize,
    pub hash_value: usize,
    pub zset_entries: usize,
    pub zset_value: usize,
    pub intset_entries: usize,
}

impl Limits {
    pub fn from_config(c: &crate::engine::config::Config) -> Limits {
        let get = |name: &str| usize::try_from(c.get_i64(name)).unwrap_or(0);
        Limits {
            hash_entries: get("hash-max-listpack-entries"),
            hash_value: get("hash-max-listpack-value"),
            zset_entries: get("zset-max-listpack-entries"),
            zset_value: get("zset-max-listpack-value"),
            intset_entries: get("set-max-intset-entries").min(1 << 30),
        }
    }
}

/// RDB bytes being read.
pub struct Input<'a> {
    buf: &'a [u8],
    pos: usize,
}

/// A length or, with the top two bits set, a string's special encoding.
enum Len {
    Plain(u64),
    Encoded(u8),
}

impl<'a> Input<'a> {
    pub fn new(buf: &'a [u8]) -> Input<'a> {
        Input { buf, pos: 0 }
    }

    pub fn pos(&self) -> usize {
        self.pos
    }

    pub fn rest(&self) -> &'a [u8] {
        self.buf.get(self.pos..).unwrap_or_default()
    }

    pub fn take(&mut self, n: usize) -> Res<&'a [u8]> {
        match self
            .pos
            .checked_add(n)
            .and_then(|end| self.buf.get(self.pos..end))
        {
            Some(b) => {
                self.pos += n;
                Ok(b)
            }
            None => bad("the data ends too early"),
        }
    }

    pub fn byte(&mut self) -> Res<u8> {
        Ok(self.take(1)?[0])
    }

    fn fixed<const N: usize>(&mut self) -> Res<[u8; N]> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    fn len_or_encoding(&mut self) -> Res<Len> {
        let b = self.byte()?;
        Ok(match b >> 6 {
            0 => Len::Plain(u64::from(b & 0x3f)),
            1 => Len::Plain((u64::from(b & 0x3f) << 8) | u64::from(self.byte()?)),
            2 if b == 0x80 => Len::Plain(u64::from(u32::from_be_bytes(self.fixed()?))),
            2 if b == 0x81 => Len::Plain(u64::from_be_bytes(self.fixed()?)),
            2 => return bad(format!("an unknown length encoding 0x{b:02x}")),
            _ => Len::Encoded(b & 0x3f),
        })
    }

    pub fn length(&mut self) -> Res<u64> {
        match self.len_or_encoding()? {
            Len::Plain(n) => Ok(n),
            Len::Encoded(_) => bad("an encoded string where a length belongs"),
        }
    }

    /// A length that must fit in memory (a count of things to read).
    pub fn count(&mut self) -> Res<usize> {
        usize::try_from(self.length()?).or_else(|_| bad("a length too large"))
    }

    pub fn ms(&mut self) -> Res<i64> {
        Ok(i64::from_le_bytes(self.fixed()?))
    }

    pub fn u32_le(&mut self) -> Res<u32> {
        Ok(u32::from_le_bytes(self.fixed()?))
    }

    /// A string, whichever way it was written.
    pub fn string(&mut self) -> Res<Cow<'a, [u8]>> {
        match self.len_or_encoding()? {
            Len::Plain(n) => {
                let n = usize::try_from(n).or_else(|_| bad("a string too long"))?;
                Ok(Cow::Borrowed(self.take(n)?))
            }
            Len::Encoded(0) => Ok(int_text(i64::from(self.byte()? as i8))),
            Len::Encoded(1) => Ok(int_text(i64::from(i16::from_le_bytes(self.fixed()?)))),
            Len::Encoded(2) => Ok(int_text(i64::from(i32::from_le_bytes(self.fixed()?)))),
            Len::Encoded(3) => {
                let clen = self.count()?;
                let len = self.count()?;
                let data = self.take(clen)?;
                match lzf::decompress(data, len) {
                    Some(v) => Ok(Cow::Owned(v)),
                    None => bad("an LZF string that does not decompress"),
                }
            }
            Len::Encoded(e) => bad(format!("an unknown string encoding {e}")),
        }
    }

    /// A double written as text behind a length byte (the old sorted set
    /// format): 253 is NaN, 254 and 255 the infinities.
    fn text_double(&mut self) -> Res<f64> {
        match self.byte()? {
            253 => Ok(f64::NAN),
            254 => Ok(f64::INFINITY),
            255 => Ok(f64::NEG_INFINITY),
            n => {
                let t = self.take(usize::from(n))?;
                parse_f64(t).map_or_else(|| bad("a score that is not a number"), Ok)
            }
        }
    }

    fn binary_double(&mut self) -> Res<f64> {
        Ok(f64::from_le_bytes(self.fixed()?))
    }

    /// A value of type `t` (`rdbLoadObject`).
    pub fn value(&mut self, t: u8, lim: &Limits) -> Res<Value> {
        match t {
            ty::STRING => Ok(Value::Str(StrValue::from_arg(self.string()?.into_owned()))),
            ty::LIST => {
                let n = self.count()?;
                let mut l = List::new();
                for _ in 0..n {
                    l.push_back(Bytes::from_slice(&self.string()?));
                }
                list(l)
            }
            ty::SET => {
                let n = self.count()?;
                let mut members = Vec::new();
                for _ in 0..n {
                    members.push(self.string()?);
                }
                set(members.iter().map(|m| m.as_ref()), n <= lim.intset_entries)
            }
            ty::ZSET | ty::ZSET_2 => {
                let n = self.count()?;
                let mut items = Vec::new();
                for _ in 0..n {
                    let m = self.string()?;
                    let s = if t == ty::ZSET_2 {
                        self.binary_double()?
                    } else {
                        self.text_double()?
                    };
                    items.push((m, s));
                }
                zset_from_table(items, lim)
            }
            ty::HASH => {
                let n = self.count()?;
                let mut pairs = Vec::new();
                for _ in 0..n {
                    let f = self.string()?;
                    pairs.push((f, self.string()?));
                }
                let small = n <= lim.hash_entries
                    && pairs
                        .iter()
                        .all(|(f, v)| f.len() <= lim.hash_value && v.len() <= lim.hash_value);
                hash(pairs, small)
            }
            ty::LIST_QUICKLIST | ty::LIST_QUICKLIST_2 => {
                let nodes = self.count()?;
                let mut l = List::new();
                for _ in 0..nodes {
                    let container = if t == ty::LIST_QUICKLIST_2 {
                        self.length()?
                    } else {
                        2
                    };
                    let data = self.string()?;
                    match container {
                        1 => l.push_back(Bytes::from_slice(&data)),
                        2 if data.is_empty() => return bad("an empty list node"),
                        2 => {
                            let items = if t == ty::LIST_QUICKLIST_2 {
                                listpack::items(&data)
                            } else {
                                ziplist::items(&data)
                            };
                            let Some(items) = items else {
                                return bad("a list node that is not a valid listpack");
                            };
                            l.extend(items.into_iter().map(|i| Bytes::from_slice(&i.bytes())));
                        }
                        _ => return bad("a list node of an unknown kind"),
                    }
                }
                list(l)
            }
            ty::LIST_ZIPLIST => {
                let data = self.string()?;
                let items = ziplist::items(&data).ok_or_else(|| Bad("a bad ziplist".into()))?;
                list(
                    items
                        .into_iter()
                        .map(|i| Bytes::from_slice(&i.bytes()))
                        .collect(),
                )
            }
            ty::SET_INTSET => {
                let data = self.string()?;
                let members = intset(&data)?;
                if members.is_empty() {
                    return empty();
                }
                let mut items = Members::Ints(members);
                if items.len() > lim.intset_entries {
                    items.to_table();
                }
                Ok(Value::Set(Set { items }))
            }
            ty::HASH_LISTPACK | ty::HASH_ZIPLIST => {
                let data = self.string()?;
                let pairs = pairs(&data, t == ty::HASH_LISTPACK)?;
                let mut seen = IndexSet::new();
                for (f, _) in &pairs {
                    if !seen.insert(f.clone()) {
                        return bad("a hash with a field twice");
                    }
                }
                let small = pairs.len() <= lim.hash_entries;
                hash(pairs, small)
            }
            ty::ZSET_LISTPACK | ty::ZSET_ZIPLIST => {
                let data = self.string()?;
                let pairs = pairs(&data, t == ty::ZSET_LISTPACK)?;
                let mut items = Vec::with_capacity(pairs.len());
                for (m, s) in pairs {
                    let score = parse_f64(&s)
                        .filter(|s| !s.is_nan())
                        .ok_or_else(|| Bad("a score that is not a number".into()))?;
                    items.push((score, m));
                }
                if items.is_empty() {
                    return empty();
                }
                let mut seen = IndexSet::new();
                if !items.iter().all(|(_, m)| seen.insert(m.clone())) {
                    return bad("a sorted set with a member twice");
                }
                let mut z = ZSet::packed_in_order(items.iter().map(|(s, m)| (*s, m.as_ref())))
                    .ok_or_else(|| Bad("a sorted set listpack out of order".into()))?;
                if z.len() > lim.zset_entries {
                    z.to_skiplist();
                }
                Ok(Value::ZSet(z))
            }
            ty::STREAM_LISTPACKS | ty::STREAM_LISTPACKS_2 => {
                crate::engine::cmd::streams::from_rdb(self, t == ty::STREAM_LISTPACKS_2)
            }
            ty::HASH_ZIPMAP => bad("a zipmap hash (written by Redis 2.4 or older)"),
            ty::MODULE_2 => bad("a module's value (no modules here)"),
            _ => bad(format!("an unknown value type {t}")),
        }
    }
}

fn int_text(v: i64) -> Cow<'static, [u8]> {
    Cow::Owned(v.to_string().into_bytes())
}

/// Redis refuses to load an empty collection.
fn empty<T>() -> Res<T> {
    bad("an empty collection")
}

fn list(l: List) -> Res<Value> {
    if l.is_empty() {
        return empty();
    }
    Ok(Value::List(Box::new(l)))
}

/// A set as `rdbLoadObject` builds one: an intset while the members are
/// integers and few enough, a table from the first one that is not.
fn set<'b>(members: impl Iterator<Item = &'b [u8]>, may_be_ints: bool) -> Res<Value> {
    let mut items = Members::default();
    if !may_be_ints {
        items.to_table();
    }
    for m in members {
        if items.is_ints() && parse_i64(m).is_none() {
            items.to_table();
        }
        if !items.insert(m) {
            return bad("a set with a member twice");
        }
    }
    if items.is_empty() {
        return empty();
    }
    Ok(Value::Set(Set { items }))
}

/// A hash from its pairs: packed when `small`, else a table.
/// A field and its value (a member and its score), as read.
type Pair<'a> = (Cow<'a, [u8]>, Cow<'a, [u8]>);

fn hash(pairs: Vec<Pair<'_>>, small: bool) -> Res<Value> {
    if pairs.is_empty() {
        return empty();
    }
    let mut m: IndexMap<&[u8], &[u8]> = IndexMap::with_capacity(pairs.len());
    for (f, v) in &pairs {
        if m.insert(f.as_ref(), v.as_ref()).is_some() {
            return bad("a hash with a field twice");
        }
    }
    let map = if small {
        Fields::packed_from(m.into_iter())
    } else {
        Fields::Table(Box::new(
            m.into_iter()
                .map(|(f, v)| (f.to_vec(), v.to_vec()))
                .collect(),
        ))
    };
    Ok(Value::Hash(Hash { map }))
}

/// A sorted set saved as a skiplist: a listpack again when short enough
/// in members and lengths.
fn zset_from_table(items: Vec<(Cow<'_, [u8]>, f64)>, lim: &Limits) -> Res<Value> {
    if items.is_empty() {
        return empty();
    }
    let mut z = ZSet::new(false);
    let mut longest = 0;
    for (m, s) in &items {
        if s.is_nan() {
            return bad("a sorted set score that is not a number");
        }
        if !z.insert(m, *s) {
            return bad("a sorted set with a member twice");
        }
        longest = longest.max(m.len());
    }
    if z.len() <= lim.zset_entries && longest <= lim.zset_value {
        let sorted: Vec<(f64, Vec<u8>)> = z.iter().map(|(s, m)| (s, m.to_vec())).collect();
        if let Some(packed) = ZSet::packed_in_order(sorted.iter().map(|(s, m)| (*s, m.as_slice())))
        {
            z = packed;
        }
    }
    Ok(Value::ZSet(z))
}

/// The field-value (or member-score) pairs of a listpack or ziplist.
fn pairs(data: &[u8], is_listpack: bool) -> Res<Vec<Pair<'static>>> {
    let items = if is_listpack {
        listpack::items(data)
    } else {
        ziplist::items(data)
    };
    let Some(items) = items else {
        return bad("a listpack that does not read");
    };
    if items.len() % 2 != 0 {
        return bad("a listpack of pairs with an odd number of elements");
    }
    let owned: Vec<Cow<'static, [u8]>> = items
        .into_iter()
        .map(|i| Cow::Owned(i.bytes().into_owned()))
        .collect();
    let mut it = owned.into_iter();
    let mut out = Vec::new();
    while let (Some(a), Some(b)) = (it.next(), it.next()) {
        out.push((a, b));
    }
    Ok(out)
}

/// An intset blob's members, checked: a width of 2, 4 or 8, the length
/// the blob holds, members strictly increasing.
fn intset(data: &[u8]) -> Res<Vec<i64>> {
    let mut inp = Input::new(data);
    let width = inp.u32_le()? as usize;
    let n = inp.u32_le()? as usize;
    if ![2, 4, 8].contains(&width) || inp.rest().len() != n.saturating_mul(width) {
        return bad("an intset whose header does not match its size");
    }
    let mut out: Vec<i64> = Vec::with_capacity(n);
    for chunk in inp.rest().chunks_exact(width) {
        let mut le = [0u8; 8];
        le[..width].copy_from_slice(chunk);
        let shift = 64 - 8 * width as u32;
        let v = (i64::from_le_bytes(le) << shift) >> shift;
        if out.last().is_some_and(|&last| last >= v) {
            return bad("an intset out of order");
        }
        out.push(v);
    }
    Ok(out)
}
