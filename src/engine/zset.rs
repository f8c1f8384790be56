//! The sorted set's storage: members ordered by (score, member bytes),
//! with rank, select-by-rank and range queries in O(log n).
//!
//! Redis uses a skiplist with spans plus a dict. We keep a member -> score
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

const CHUNK: usize = 128;

fn cmp(a: (f64, &[u8]), b: (f64, &[u8])) -> Ordering {
    a.0.partial_cmp(&b.0)
        .unwrap_or(Ordering::Equal)
        .then_with(|| a.1.cmp(b.1))
}

#[derive(Debug, Clone, Default)]
pub struct ZSet {
    /// member -> score, kept only once the set is a skiplist: a listpack
    /// one (at most zset-max-listpack-entries members, one chunk) finds a
    /// member by scanning, as Redis's listpack does, and so costs no
    /// hash table per key.
    scores: IndexMap<Vec<u8>, f64>,
    chunks: Vec<Vec<(f64, Vec<u8>)>>,
    /// Fenwick tree over `chunks[i].len()`, 1-based inside.
    fen: Vec<i64>,
    len: usize,
    /// Still small enough for Redis's listpack encoding.
    listpack: bool,
}

impl PartialEq for ZSet {
    fn eq(&self, other: &Self) -> bool {
        self.listpack == other.listpack && self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl ZSet {
    pub fn new(listpack: bool) -> ZSet {
        ZSet {
            scores: IndexMap::new(),
            chunks: Vec::new(),
            fen: Vec::new(),
            len: 0,
            listpack,
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn listpack(&self) -> bool {
        self.listpack
    }

    /// Become a skiplist (never the other way, as in Redis): from now on
    /// members are found through the member table.
    pub fn to_skiplist(&mut self) {
        if self.listpack {
            self.listpack = false;
            self.scores = self
                .chunks
                .iter()
                .flatten()
                .map(|(s, m)| (m.clone(), *s))
                .collect();
        }
    }

    pub fn encoding(&self) -> &'static str {
        if self.listpack {
            "listpack"
        } else {
            "skiplist"
        }
    }

    pub fn score(&self, member: &[u8]) -> Option<f64> {
        if self.listpack {
            return self
                .chunks
                .iter()
                .flatten()
                .find(|(_, m)| m.as_slice() == member)
                .map(|(s, _)| *s);
        }
        self.scores.get(member).copied()
    }

    /// Member and score at a position of the member table (ZSCAN's walk
    /// over a skiplist; a listpack walks in rank order).
    pub fn by_position(&self, pos: usize) -> Option<(&[u8], f64)> {
        if self.listpack {
            return self.get(pos).map(|(s, m)| (m, s));
        }
        self.scores.get_index(pos).map(|(m, s)| (m.as_slice(), *s))
    }

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
        if r >= self.len() {
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

    /// Rank of the first element satisfying a monotonic predicate (len if none).
    pub fn first_rank<F: Fn(f64, &[u8]) -> bool>(&self, pred: F) -> usize {
        match self.find(pred) {
            Some((ci, pos)) => self.prefix(ci) + pos,
            None => self.len(),
        }
    }

    pub fn rank(&self, member: &[u8]) -> Option<usize> {
        let score = self.score(member)?;
        Some(self.first_rank(|s, m| cmp((s, m), (score, member)) != Ordering::Less))
    }

    pub fn get(&self, rank: usize) -> Option<(f64, &[u8])> {
        let (ci, off) = self.locate(rank)?;
        self.chunks
            .get(ci)?
            .get(off)
            .map(|(s, m)| (*s, m.as_slice()))
    }

    /// Elements with ranks `from..to`, in order.
    pub fn range(&self, from: usize, to: usize) -> Vec<(f64, Vec<u8>)> {
        let to = to.min(self.len());
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

    pub fn iter(&self) -> impl Iterator<Item = (f64, &[u8])> {
        self.chunks
            .iter()
            .flatten()
            .map(|(s, m)| (*s, m.as_slice()))
    }

    /// Add or move a member; true when it was new.
    pub fn insert(&mut self, member: &[u8], score: f64) -> bool {
        let existed = self.remove(member).is_some();
        if !self.listpack {
            self.scores.insert(member.to_vec(), score);
        }
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

    /// Remove a member; its score if it was there.
    pub fn remove(&mut self, member: &[u8]) -> Option<f64> {
        let score = if self.listpack {
            self.score(member)?
        } else {
            self.scores.swap_remove(member)?
        };
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
