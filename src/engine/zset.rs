//! The sorted set's storage: members ordered by (score, member bytes),
//! with rank, select-by-rank and range queries in O(log n).
//!
//! A small set (Redis's listpack) is one packed buffer in order, scanned.
//!
//! For a big one, Redis uses a skiplist with spans plus a dict. We keep a member -> score
//! `IndexMap` (O(1) ZSCORE, and the positions ZSCAN walks) and the ordered
//! elements in chunks of at most `2 * CHUNK`, with a Fenwick tree over the
//! chunk lengths: finding a chunk is a binary search over chunk tails, a
//! rank is a Fenwick prefix sum plus a binary search inside one chunk, and
//! an insert or delete moves at most one chunk's worth of elements. The
//! Fenwick tree is rebuilt only when a chunk splits or disappears (once
//! per ~CHUNK inserts). Chunks are also what makes long range replies
//! cache friendly.
//!
//! Scores are never NaN (the commands refuse it), so the order is total;
//! -0 and 0 compare equal, as in Redis, and then the member decides.

use std::cmp::Ordering;

use indexmap::IndexMap;

use super::packed::{add_count, count, first, put_str, reserve, take_str, HEADER};

const CHUNK: usize = 128;

fn cmp(a: (f64, &[u8]), b: (f64, &[u8])) -> Ordering {
    a.0.partial_cmp(&b.0)
        .unwrap_or(Ordering::Equal)
        .then_with(|| a.1.cmp(b.1))
}

/// A sorted set: packed while Redis would call it a listpack, chunked
/// with a member table once it is a skiplist.
#[derive(Debug, Clone)]
pub struct ZSet(Repr);

#[derive(Debug, Clone)]
enum Repr {
    /// `u32` count, then per element `f64 score (LE) varint(len) member`,
    /// in order. One allocation that fits its bytes, as a listpack is: a
    /// million two-member sets would otherwise cost a table, a chunk and
    /// an allocation per member each. Found by scanning, as Redis scans
    /// its listpack.
    Packed(Vec<u8>),
    Skip(Box<Skip>),
}

impl PartialEq for ZSet {
    fn eq(&self, other: &Self) -> bool {
        self.listpack() == other.listpack()
            && self.len() == other.len()
            && self.iter().eq(other.iter())
    }
}

fn encode(score: f64, member: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(member.len() + 10);
    out.extend_from_slice(&score.to_le_bytes());
    put_str(&mut out, member);
    out
}

/// The elements of a packed buffer, each with the byte range it takes.
pub struct PackedIter<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Iterator for PackedIter<'a> {
    type Item = (f64, &'a [u8], std::ops::Range<usize>);
    fn next(&mut self) -> Option<Self::Item> {
        let start = self.pos;
        let score = match self.buf.get(start..start.checked_add(8)?)? {
            &[a, b, c, d, e, f, g, h] => f64::from_le_bytes([a, b, c, d, e, f, g, h]),
            _ => return None,
        };
        let (member, end) = take_str(self.buf, start + 8)?;
        self.pos = end;
        Some((score, member, start..end))
    }
}

fn packed(buf: &[u8]) -> PackedIter<'_> {
    PackedIter {
        buf,
        pos: first(buf),
    }
}

/// A skiplist's elements, chunk after chunk.
type Chunks<'a> = std::iter::Flatten<std::slice::Iter<'a, Vec<(f64, Vec<u8>)>>>;

/// `ZSet::iter`'s iterator, over either form.
pub enum Iter<'a> {
    Packed(PackedIter<'a>),
    Skip(Chunks<'a>),
}

impl<'a> Iterator for Iter<'a> {
    type Item = (f64, &'a [u8]);
    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Iter::Packed(it) => it.next().map(|(s, m, _)| (s, m)),
            Iter::Skip(it) => it.next().map(|(s, m)| (*s, m.as_slice())),
        }
    }
}

impl ZSet {
    pub fn new(listpack: bool) -> ZSet {
        if listpack {
            ZSet(Repr::Packed(Vec::new()))
        } else {
            ZSet(Repr::Skip(Box::default()))
        }
    }

    pub fn len(&self) -> usize {
        match &self.0 {
            Repr::Packed(buf) => count(buf),
            Repr::Skip(z) => z.len,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn listpack(&self) -> bool {
        matches!(self.0, Repr::Packed(_))
    }

    /// A listpack holding these elements (a snapshot's bytes), built in
    /// one pass rather than by searching for each place. `None` unless
    /// they come in strictly increasing (score, member) order with no NaN
    /// score: the order every other method relies on. The caller makes
    /// sure no member repeats (under two scores it would still be in
    /// order).
    pub fn packed_in_order<'a>(items: impl Iterator<Item = (f64, &'a [u8])>) -> Option<ZSet> {
        let mut buf = Vec::new();
        let mut last: Option<(f64, &[u8])> = None;
        for (score, member) in items {
            if score.is_nan() || last.is_some_and(|l| cmp(l, (score, member)) != Ordering::Less) {
                return None;
            }
            add_count(&mut buf, 1);
            buf.extend_from_slice(&encode(score, member));
            last = Some((score, member));
        }
        buf.shrink_to_fit();
        Some(ZSet(Repr::Packed(buf)))
    }

    /// Become a skiplist (never the other way, as in Redis).
    pub fn to_skiplist(&mut self) {
        if let Repr::Packed(buf) = &self.0 {
            let mut z = Skip::default();
            for (s, m, _) in packed(buf) {
                z.insert(m, s);
            }
            self.0 = Repr::Skip(Box::new(z));
        }
    }

    pub fn encoding(&self) -> &'static str {
        if self.listpack() {
            "listpack"
        } else {
            "skiplist"
        }
    }

    pub fn score(&self, member: &[u8]) -> Option<f64> {
        match &self.0 {
            Repr::Packed(buf) => packed(buf)
                .find(|(_, m, _)| *m == member)
                .map(|(s, _, _)| s),
            Repr::Skip(z) => z.scores.get(member).copied(),
        }
    }

    /// Member and score at a position of the member table (ZSCAN's walk
    /// over a skiplist; a listpack walks in rank order).
    pub fn by_position(&self, pos: usize) -> Option<(&[u8], f64)> {
        match &self.0 {
            Repr::Packed(_) => self.get(pos).map(|(s, m)| (m, s)),
            Repr::Skip(z) => z.scores.get_index(pos).map(|(m, s)| (m.as_slice(), *s)),
        }
    }

    /// Rank of the first element satisfying a monotonic predicate (len if none).
    pub fn first_rank<F: Fn(f64, &[u8]) -> bool>(&self, pred: F) -> usize {
        match &self.0 {
            Repr::Packed(buf) => packed(buf)
                .position(|(s, m, _)| pred(s, m))
                .unwrap_or_else(|| count(buf)),
            Repr::Skip(z) => z.first_rank(pred),
        }
    }

    pub fn rank(&self, member: &[u8]) -> Option<usize> {
        match &self.0 {
            Repr::Packed(buf) => packed(buf).position(|(_, m, _)| m == member),
            Repr::Skip(z) => z.rank(member),
        }
    }

    pub fn get(&self, rank: usize) -> Option<(f64, &[u8])> {
        match &self.0 {
            Repr::Packed(buf) => packed(buf).nth(rank).map(|(s, m, _)| (s, m)),
            Repr::Skip(z) => z.get(rank),
        }
    }

    /// Elements with ranks `from..to`, in order.
    pub fn range(&self, from: usize, to: usize) -> Vec<(f64, Vec<u8>)> {
        match &self.0 {
            Repr::Packed(buf) => packed(buf)
                .skip(from)
                .take(to.saturating_sub(from))
                .map(|(s, m, _)| (s, m.to_vec()))
                .collect(),
            Repr::Skip(z) => z.range(from, to),
        }
    }

    pub fn iter(&self) -> Iter<'_> {
        match &self.0 {
            Repr::Packed(buf) => Iter::Packed(packed(buf)),
            Repr::Skip(z) => Iter::Skip(z.chunks.iter().flatten()),
        }
    }

    /// Add or move a member; true when it was new.
    pub fn insert(&mut self, member: &[u8], score: f64) -> bool {
        match &mut self.0 {
            Repr::Skip(z) => z.insert(member, score),
            Repr::Packed(buf) => {
                let existed = Self::packed_remove(buf, member).is_some();
                let at = packed(buf)
                    .find(|(s, m, _)| cmp((*s, m), (score, member)) != Ordering::Less)
                    .map_or(buf.len().max(HEADER), |(_, _, r)| r.start);
                let bytes = encode(score, member);
                reserve(buf, bytes.len());
                add_count(buf, 1);
                buf.splice(at..at, bytes);
                !existed
            }
        }
    }

    fn packed_remove(buf: &mut Vec<u8>, member: &[u8]) -> Option<f64> {
        let (score, _, range) = packed(buf).find(|(_, m, _)| *m == member)?;
        buf.drain(range);
        add_count(buf, -1);
        Some(score)
    }

    /// Remove a member; its score if it was there.
    pub fn remove(&mut self, member: &[u8]) -> Option<f64> {
        match &mut self.0 {
            Repr::Packed(buf) => Self::packed_remove(buf, member),
            Repr::Skip(z) => z.remove(member),
        }
    }
}

/// The skiplist form.
#[derive(Debug, Clone, Default)]
struct Skip {
    /// member -> score: O(1) ZSCORE, and the positions ZSCAN walks.
    scores: IndexMap<Vec<u8>, f64>,
    chunks: Vec<Vec<(f64, Vec<u8>)>>,
    /// Fenwick tree over `chunks[i].len()`, 1-based inside.
    fen: Vec<i64>,
    len: usize,
}

impl Skip {
    fn rebuild(&mut self) {
        let n = self.chunks.len();
        self.fen = vec![0; n + 1];
        for i in 0..n {
            let len = self.chunks.get(i).map_or(0, Vec::len) as i64;
            self.fen_add(i, len);
        }
    }

    fn fen_add(&mut self, chunk: usize, delta: i64) {
        let mut i = chunk + 1;
        while let Some(slot) = self.fen.get_mut(i) {
            *slot += delta;
            i += i & i.wrapping_neg();
        }
    }

    /// Elements in chunks before `chunk`.
    fn prefix(&self, chunk: usize) -> usize {
        let mut i = chunk;
        let mut sum = 0i64;
        while i > 0 {
            sum += self.fen.get(i).copied().unwrap_or(0);
            i -= i & i.wrapping_neg();
        }
        usize::try_from(sum).unwrap_or(0)
    }

    /// The chunk holding rank `r` and the offset in it.
    fn locate(&self, r: usize) -> Option<(usize, usize)> {
        if r >= self.len {
            return None;
        }
        let n = self.chunks.len();
        let mut pos = 0usize;
        let mut rem = r as i64;
        let mut step = n.checked_next_power_of_two().unwrap_or(n).max(1);
        while step > 0 {
            let next = pos + step;
            if let Some(&v) = self.fen.get(next) {
                if v <= rem {
                    pos = next;
                    rem -= v;
                }
            }
            step /= 2;
        }
        Some((pos, usize::try_from(rem).ok()?))
    }

    /// The first chunk whose last element satisfies `pred` (a predicate
    /// false then true along the order), and the first position in it
    /// that does; `None` when no element does.
    fn find<F: Fn(f64, &[u8]) -> bool>(&self, pred: F) -> Option<(usize, usize)> {
        let ci = self
            .chunks
            .partition_point(|c| c.last().is_some_and(|(s, m)| !pred(*s, m)));
        let chunk = self.chunks.get(ci)?;
        let pos = chunk.partition_point(|(s, m)| !pred(*s, m));
        Some((ci, pos))
    }

    fn first_rank<F: Fn(f64, &[u8]) -> bool>(&self, pred: F) -> usize {
        match self.find(pred) {
            Some((ci, pos)) => self.prefix(ci) + pos,
            None => self.len,
        }
    }

    fn rank(&self, member: &[u8]) -> Option<usize> {
        let score = *self.scores.get(member)?;
        Some(self.first_rank(|s, m| cmp((s, m), (score, member)) != Ordering::Less))
    }

    fn get(&self, rank: usize) -> Option<(f64, &[u8])> {
        let (ci, off) = self.locate(rank)?;
        self.chunks
            .get(ci)?
            .get(off)
            .map(|(s, m)| (*s, m.as_slice()))
    }

    fn range(&self, from: usize, to: usize) -> Vec<(f64, Vec<u8>)> {
        let to = to.min(self.len);
        let mut out = Vec::with_capacity(to.saturating_sub(from));
        let Some((mut ci, mut off)) = self.locate(from) else {
            return out;
        };
        while out.len() < to.saturating_sub(from) {
            let Some(chunk) = self.chunks.get(ci) else {
                break;
            };
            match chunk.get(off) {
                Some(e) => {
                    out.push(e.clone());
                    off += 1;
                }
                None => {
                    ci += 1;
                    off = 0;
                }
            }
        }
        out
    }

    fn insert(&mut self, member: &[u8], score: f64) -> bool {
        let existed = self.remove(member).is_some();
        self.scores.insert(member.to_vec(), score);
        self.len += 1;
        if self.chunks.is_empty() {
            self.chunks.push(vec![(score, member.to_vec())]);
            self.rebuild();
            return !existed;
        }
        let (ci, pos) = match self.find(|s, m| cmp((s, m), (score, member)) != Ordering::Less) {
            Some(at) => at,
            None => {
                let last = self.chunks.len() - 1;
                (last, self.chunks.get(last).map_or(0, Vec::len))
            }
        };
        let mut split = None;
        if let Some(chunk) = self.chunks.get_mut(ci) {
            chunk.insert(pos.min(chunk.len()), (score, member.to_vec()));
            if chunk.len() > 2 * CHUNK {
                split = Some(chunk.split_off(CHUNK));
            }
        }
        match split {
            Some(tail) => {
                self.chunks.insert(ci + 1, tail);
                self.rebuild();
            }
            None => self.fen_add(ci, 1),
        }
        !existed
    }

    fn remove(&mut self, member: &[u8]) -> Option<f64> {
        let score = self.scores.swap_remove(member)?;
        self.len -= 1;
        if let Some((ci, pos)) = self.find(|s, m| cmp((s, m), (score, member)) != Ordering::Less) {
            let mut emptied = false;
            if let Some(chunk) = self.chunks.get_mut(ci) {
                if pos < chunk.len() {
                    chunk.remove(pos);
                }
                emptied = chunk.is_empty();
            }
            if emptied {
                self.chunks.remove(ci);
                self.rebuild();
            } else {
                self.fen_add(ci, -1);
            }
        }
        Some(score)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The chunked structure against a plain sorted Vec, with enough
    /// elements to split and empty chunks many times.
    #[test]
    fn agrees_with_a_sorted_vec() {
        agrees(false, 20_000, 3000);
        // Listpack mode (no member table), converted halfway.
        agrees(true, 4_000, 100);
    }

    fn agrees(listpack: bool, steps: usize, members: usize) {
        let mut rng = fastrand::Rng::with_seed(9);
        let mut z = ZSet::new(listpack);
        let mut model: Vec<(f64, Vec<u8>)> = Vec::new();
        for step in 0..steps {
            if listpack && step == steps / 2 {
                z.to_skiplist();
            }
            let member = format!("m{}", rng.usize(..members)).into_bytes();
            let score = f64::from(rng.i32(-50..50));
            if rng.usize(..3) == 0 {
                let a = z.remove(&member);
                let pos = model.iter().position(|(_, m)| *m == member);
                assert_eq!(a.is_some(), pos.is_some());
                if let Some(p) = pos {
                    model.remove(p);
                }
            } else {
                let new = z.insert(&member, score);
                let pos = model.iter().position(|(_, m)| *m == member);
                assert_eq!(new, pos.is_none());
                if let Some(p) = pos {
                    model.remove(p);
                }
                model.push((score, member.clone()));
                model.sort_by(|a, b| cmp((a.0, &a.1), (b.0, &b.1)));
            }
            if step % 97 == 0 || step + 100 > steps {
                assert_eq!(z.len(), model.len());
                let all: Vec<(f64, Vec<u8>)> = z.range(0, z.len());
                assert_eq!(all, model);
                for (r, (_, m)) in model.iter().enumerate().step_by(37) {
                    assert_eq!(z.rank(m), Some(r));
                    assert_eq!(z.get(r).map(|(_, m)| m.to_vec()), Some(m.clone()));
                }
            }
        }
        assert_eq!(z.get(z.len()), None);
        assert_eq!(z.rank(b"absent"), None);
    }
}
