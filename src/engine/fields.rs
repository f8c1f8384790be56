//! A hash's fields, stored the way their encoding says: while the hash is
//! a listpack (small), one packed buffer of length-prefixed fields and
//! values in insertion order, scanned linearly, as Redis's listpack is;
//! once it is a hashtable, an `IndexMap`. A million small hashes then cost
//! two allocations each instead of a hash table apiece.
//!
//! Packed layout: the number of pairs (u32, little-endian), then for each
//! pair `varint(len) field varint(len) value`, with LEB128 varints (one
//! byte below 128). The count lives in the buffer and the buffer grows to
//! exactly what it holds, so that a small hash is one `Vec` wide in the
//! value and one allocation that fits its bytes, as a listpack is.

use indexmap::IndexMap;

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

/// Bytes of the pair count at the start of a packed buffer.
const HEADER: usize = 4;

fn packed_len(buf: &[u8]) -> usize {
    match buf.get(..HEADER) {
        Some(&[a, b, c, d]) => u32::from_le_bytes([a, b, c, d]) as usize,
        _ => 0,
    }
}

/// Add `delta` to a packed buffer's count, writing the header if missing.
fn add_len(buf: &mut Vec<u8>, delta: isize) {
    if buf.len() < HEADER {
        buf.resize(HEADER, 0);
    }
    let n = packed_len(buf).saturating_add_signed(delta);
    if let Some(h) = buf.get_mut(..HEADER) {
        h.copy_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
    }
}

fn put_varint(out: &mut Vec<u8>, mut n: usize) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// One length-prefixed string at `pos`: the bytes and the position after.
fn take(buf: &[u8], mut pos: usize) -> Option<(&[u8], usize)> {
    let mut n = 0usize;
    let mut shift = 0;
    loop {
        let b = *buf.get(pos)?;
        pos += 1;
        n |= usize::from(b & 0x7f).checked_shl(shift)?;
        if b & 0x80 == 0 {
            break;
        }
        shift += 7;
    }
    let s = buf.get(pos..pos.checked_add(n)?)?;
    Some((s, pos + n))
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
        let (f, after_f) = take(self.buf, start)?;
        let (v, end) = take(self.buf, after_f)?;
        self.pos = end;
        Some(((f, v), start..end))
    }
}

impl Fields {
    fn packed(buf: &[u8]) -> PackedIter<'_> {
        PackedIter {
            buf,
            pos: HEADER.min(buf.len()),
        }
    }

    pub fn len(&self) -> usize {
        match self {
            Fields::Packed(buf) => packed_len(buf),
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
                put_varint(&mut pair, field.len());
                pair.extend_from_slice(field);
                put_varint(&mut pair, value.len());
                pair.extend_from_slice(&value);
                match found {
                    Some(range) => {
                        buf.splice(range, pair);
                        false
                    }
                    None => {
                        buf.reserve_exact(pair.len() + HEADER.saturating_sub(buf.len()));
                        add_len(buf, 1);
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
                        add_len(buf, -1);
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

    /// Become a hashtable (never the other way, as in Redis).
    pub fn to_table(&mut self) {
        if let Fields::Packed(buf) = self {
            let mut m = IndexMap::with_capacity(packed_len(buf));
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
