//! A hash's fields, stored the way their encoding says: while the hash is
//! a listpack (small), one packed buffer of length-prefixed fields and
//! values in insertion order, scanned linearly, as Redis's listpack is;
//! once it is a hashtable, an `IndexMap`. A million small hashes then cost
//! one allocation each instead of a hash table apiece.
//!
//! Packed layout: the number of pairs (u32, little-endian), then for each
//! pair `varint(len) field varint(len) value`, with LEB128 varints (one
//! byte below 128; see `packed.rs`). The count lives in the buffer and the buffer grows to
//! exactly what it holds, so that a small hash is one `Vec` wide in the
//! value and one allocation that fits its bytes, as a listpack is.

use indexmap::IndexMap;

use super::packed::{add_count, count, first, put_str, reserve, take_str};

#[derive(Debug, Clone, PartialEq)]
pub enum Fields {
    Packed(Vec<u8>),
    Table(Box<IndexMap<Vec<u8>, Vec<u8>>>),
}

impl Default for Fields {
    fn default() -> Self {
        Fields::Packed(Vec::new())
    }
}

/// Pairs of a packed buffer with the byte range each pair takes.
struct PackedIter<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Iterator for PackedIter<'a> {
    type Item = ((&'a [u8], &'a [u8]), std::ops::Range<usize>);
    fn next(&mut self) -> Option<Self::Item> {
        let start = self.pos;
        let (f, after_f) = take_str(self.buf, start)?;
        let (v, end) = take_str(self.buf, after_f)?;
        self.pos = end;
        Some(((f, v), start..end))
    }
}

impl Fields {
    fn packed(buf: &[u8]) -> PackedIter<'_> {
        PackedIter {
            buf,
            pos: first(buf),
        }
    }

    pub fn len(&self) -> usize {
        match self {
            Fields::Packed(buf) => count(buf),
            Fields::Table(m) => m.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn is_packed(&self) -> bool {
        matches!(self, Fields::Packed(_))
    }

    pub fn get(&self, field: &[u8]) -> Option<&[u8]> {
        match self {
            Fields::Packed(buf) => Self::packed(buf)
                .find(|((f, _), _)| *f == field)
                .map(|((_, v), _)| v),
            Fields::Table(m) => m.get(field).map(|v| v.as_slice()),
        }
    }

    pub fn contains_key(&self, field: &[u8]) -> bool {
        self.get(field).is_some()
    }

    /// Set a field; true when it was new. A packed field keeps its place.
    pub fn insert(&mut self, field: &[u8], value: Vec<u8>) -> bool {
        match self {
            Fields::Table(m) => m.insert(field.to_vec(), value).is_none(),
            Fields::Packed(buf) => {
                let found = Self::packed(buf)
                    .find(|((f, _), _)| *f == field)
                    .map(|(_, r)| r);
                let mut pair = Vec::with_capacity(field.len() + value.len() + 4);
                put_str(&mut pair, field);
                put_str(&mut pair, &value);
                match found {
                    Some(range) => {
                        buf.splice(range, pair);
                        false
                    }
                    None => {
                        reserve(buf, pair.len());
                        add_count(buf, 1);
                        buf.extend_from_slice(&pair);
                        true
                    }
                }
            }
        }
    }

    /// Remove a field, keeping the order of the others when packed.
    pub fn remove(&mut self, field: &[u8]) -> bool {
        match self {
            Fields::Table(m) => m.swap_remove(field).is_some(),
            Fields::Packed(buf) => {
                let found = Self::packed(buf)
                    .find(|((f, _), _)| *f == field)
                    .map(|(_, r)| r);
                match found {
                    Some(range) => {
                        buf.drain(range);
                        add_count(buf, -1);
                        true
                    }
                    None => false,
                }
            }
        }
    }

    pub fn get_index(&self, i: usize) -> Option<(&[u8], &[u8])> {
        match self {
            Fields::Packed(buf) => Self::packed(buf).nth(i).map(|(p, _)| p),
            Fields::Table(m) => m.get_index(i).map(|(f, v)| (f.as_slice(), v.as_slice())),
        }
    }

    pub fn iter(&self) -> Box<dyn Iterator<Item = (&[u8], &[u8])> + '_> {
        match self {
            Fields::Packed(buf) => Box::new(Self::packed(buf).map(|(p, _)| p)),
            Fields::Table(m) => Box::new(m.iter().map(|(f, v)| (f.as_slice(), v.as_slice()))),
        }
    }

    /// A packed buffer holding these pairs in this order (a snapshot's
    /// bytes; the caller has made sure no field repeats). Built in one
    /// pass: `insert` would search the buffer for every pair.
    pub fn packed_from<'a>(pairs: impl Iterator<Item = (&'a [u8], &'a [u8])>) -> Fields {
        let mut buf = Vec::new();
        for (f, v) in pairs {
            add_count(&mut buf, 1);
            put_str(&mut buf, f);
            put_str(&mut buf, v);
        }
        buf.shrink_to_fit();
        Fields::Packed(buf)
    }

    /// Become a hashtable (never the other way, as in Redis).
    pub fn to_table(&mut self) {
        if let Fields::Packed(buf) = self {
            let mut m = IndexMap::with_capacity(count(buf));
            for ((f, v), _) in Self::packed(buf) {
                m.insert(f.to_vec(), v.to_vec());
            }
            *self = Fields::Table(Box::new(m));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_and_table_agree() {
        let mut rng = fastrand::Rng::with_seed(3);
        let mut p = Fields::default();
        let mut model: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
        for _ in 0..5000 {
            let f = format!("f{}", rng.usize(..40)).into_bytes();
            let v = vec![b'x'; rng.usize(..300)];
            if rng.bool() {
                let new = p.insert(&f, v.clone());
                match model.iter_mut().find(|(k, _)| *k == f) {
                    Some(slot) => {
                        assert!(!new);
                        slot.1 = v;
                    }
                    None => {
                        assert!(new);
                        model.push((f, v));
                    }
                }
            } else {
                let gone = p.remove(&f);
                let pos = model.iter().position(|(k, _)| *k == f);
                assert_eq!(gone, pos.is_some());
                if let Some(i) = pos {
                    model.remove(i);
                }
            }
            assert_eq!(p.len(), model.len());
        }
        let got: Vec<(Vec<u8>, Vec<u8>)> =
            p.iter().map(|(f, v)| (f.to_vec(), v.to_vec())).collect();
        assert_eq!(got, model, "insertion order kept");
        assert_eq!(
            p.get_index(1).map(|(f, _)| f.to_vec()),
            model.get(1).map(|(f, _)| f.clone())
        );
        let mut t = p.clone();
        t.to_table();
        assert!(!t.is_packed());
        for (f, v) in &model {
            assert_eq!(t.get(f), Some(v.as_slice()));
            assert_eq!(p.get(f), Some(v.as_slice()));
        }
    }
}
