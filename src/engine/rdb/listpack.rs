//! Listpacks, byte for byte as Redis 7.0 writes them: the form small
//! hashes and sorted sets, list nodes and stream nodes take in an RDB
//! file.
//!
//! A listpack is its total size (u32, little-endian), its element count
//! (u16, 65535 when there are more), the elements, and a 0xFF byte. Each
//! element is an encoding byte or two, its data, then its own size
//! written backwards in 7-bit groups (so the list can be walked from the
//! end). A string that reads as a 64-bit integer (`lpStringToInt64`,
//! the rules of `string2ll`) is stored as the smallest integer encoding
//! that holds it: 7 bits, 13, 16, 24, 32 or 64.

use std::borrow::Cow;

use crate::engine::args::parse_i64;

const EOF: u8 = 0xff;
const HEADER: usize = 6;
/// The element count a header holds when the real one is too big for it.
const COUNT_UNKNOWN: u16 = u16::MAX;

/// A listpack being built element by element (`lpAppend`).
pub struct Listpack {
    buf: Vec<u8>,
    count: usize,
}

impl Default for Listpack {
    fn default() -> Self {
        Listpack {
            buf: vec![0; HEADER],
            count: 0,
        }
    }
}

/// Bytes of the back-length of an element whose encoding and data take
/// `len` bytes (Redis's boundaries: 16383 already takes three).
fn backlen_size(len: usize) -> usize {
    match len as u64 {
        0..=127 => 1,
        128..=16382 => 2,
        16383..=2_097_150 => 3,
        2_097_151..=268_435_454 => 4,
        _ => 5,
    }
}

/// Bytes an integer element takes, back-length included.
pub fn int_size(v: i64) -> usize {
    let enc = match v {
        0..=127 => 1,
        -4096..=4095 => 2,
        -32768..=32767 => 3,
        -8_388_608..=8_388_607 => 4,
        -2_147_483_648..=2_147_483_647 => 5,
        _ => 9,
    };
    enc + backlen_size(enc)
}

/// Bytes an element takes as `push` would store it (an integer when it
/// reads as one), back-length included: what MEMORY USAGE and a stream
/// node's size count.
pub fn entry_size(s: &[u8]) -> usize {
    if let Some(v) = parse_i64(s).filter(|_| s.len() <= 20) {
        return int_size(v);
    }
    let enc = match s.len() {
        0..=63 => 1,
        64..=4095 => 2,
        _ => 5,
    } + s.len();
    enc + backlen_size(enc)
}

/// The back-length of an element of `len` bytes, most significant group
/// first.
fn backlen(len: usize, out: &mut Vec<u8>) {
    let l = len as u64;
    let groups = backlen_size(len);
    for g in (0..groups).rev() {
        let part = ((l >> (7 * g)) & 127) as u8;
        // Every group but the first carries the continuation bit.
        out.push(if g == groups - 1 { part } else { part | 128 });
    }
}

impl Listpack {
    /// Append a string; one that reads as an integer is stored as one.
    pub fn push(&mut self, s: &[u8]) {
        match parse_i64(s).filter(|_| s.len() <= 20) {
            Some(v) => self.push_int(v),
            None => {
                let start = self.buf.len();
                let len = s.len();
                if len < 64 {
                    self.buf.push(0x80 | len as u8);
                } else if len < 4096 {
                    self.buf.push(0xe0 | (len >> 8) as u8);
                    self.buf.push(len as u8);
                } else {
                    self.buf.push(0xf0);
                    self.buf
                        .extend_from_slice(&u32::try_from(len).unwrap_or(u32::MAX).to_le_bytes());
                }
                self.buf.extend_from_slice(s);
                let n = self.buf.len() - start;
                backlen(n, &mut self.buf);
                self.count += 1;
            }
        }
    }

    /// Append an integer (`lpAppendInteger`).
    pub fn push_int(&mut self, v: i64) {
        let start = self.buf.len();
        let le = v.to_le_bytes();
        match v {
            0..=127 => self.buf.push(v as u8),
            -4096..=4095 => {
                let u = (v & 0x1fff) as u16;
                self.buf.push(0xc0 | (u >> 8) as u8);
                self.buf.push(u as u8);
            }
            -32768..=32767 => {
                self.buf.push(0xf1);
                self.buf.extend_from_slice(&le[..2]);
            }
            -8_388_608..=8_388_607 => {
                self.buf.push(0xf2);
                self.buf.extend_from_slice(&le[..3]);
            }
            -2_147_483_648..=2_147_483_647 => {
                self.buf.push(0xf3);
                self.buf.extend_from_slice(&le[..4]);
            }
            _ => {
                self.buf.push(0xf4);
                self.buf.extend_from_slice(&le);
            }
        }
        let n = self.buf.len() - start;
        backlen(n, &mut self.buf);
        self.count += 1;
    }

    /// The finished bytes.
    pub fn finish(mut self) -> Vec<u8> {
        self.buf.push(EOF);
        let total = u32::try_from(self.buf.len()).unwrap_or(u32::MAX);
        let count = u16::try_from(self.count).unwrap_or(COUNT_UNKNOWN);
        self.buf[..4].copy_from_slice(&total.to_le_bytes());
        self.buf[4..6].copy_from_slice(&count.to_le_bytes());
        self.buf
    }
}

/// One element read back.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Item<'a> {
    Int(i64),
    Str(&'a [u8]),
}

impl<'a> Item<'a> {
    /// The element as a string (integers in decimal).
    pub fn bytes(self) -> Cow<'a, [u8]> {
        match self {
            Item::Int(v) => Cow::Owned(v.to_string().into_bytes()),
            Item::Str(s) => Cow::Borrowed(s),
        }
    }

    /// The element as an integer, if it is one (a string that reads as
    /// one counts, as `lpGetInteger` allows).
    pub fn int(self) -> Option<i64> {
        match self {
            Item::Int(v) => Some(v),
            Item::Str(s) => parse_i64(s),
        }
    }
}

/// Every element of a listpack, checked whole: the header's size and
/// count, each element's encoding, length and back-length, the end byte.
/// `None` for anything malformed.
pub fn items(buf: &[u8]) -> Option<Vec<Item<'_>>> {
    let total = u32::from_le_bytes(buf.get(..4)?.try_into().ok()?) as usize;
    let count = u16::from_le_bytes(buf.get(4..6)?.try_into().ok()?);
    if total != buf.len() || buf.last() != Some(&EOF) {
        return None;
    }
    let mut out = Vec::new();
    let mut pos = HEADER;
    let end = buf.len() - 1;
    let mut back = Vec::with_capacity(5);
    while pos < end {
        let (item, len) = element(buf, pos)?;
        back.clear();
        backlen(len, &mut back);
        let after = pos.checked_add(len)?;
        if buf.get(after..after.checked_add(back.len())?)? != back.as_slice() {
            return None;
        }
        pos = after + back.len();
        out.push(item);
    }
    if pos != end || (count != COUNT_UNKNOWN && usize::from(count) != out.len()) {
        return None;
    }
    Some(out)
}

/// The element at `pos` and the bytes of its encoding and data.
fn element(buf: &[u8], pos: usize) -> Option<(Item<'_>, usize)> {
    let b = *buf.get(pos)?;
    let arg = |n: usize| buf.get(pos + 1..pos + 1 + n);
    let signed = |n: usize| -> Option<i64> {
        let raw = arg(n)?;
        let mut le = [0u8; 8];
        le[..n].copy_from_slice(raw);
        let shift = 64 - 8 * n as u32;
        Some((i64::from_le_bytes(le) << shift) >> shift)
    };
    let string = |hdr: usize, len: usize| -> Option<(Item<'_>, usize)> {
        let s = buf.get(pos + hdr..pos.checked_add(hdr)?.checked_add(len)?)?;
        Some((Item::Str(s), hdr + len))
    };
    match b {
        0x00..=0x7f => Some((Item::Int(i64::from(b)), 1)),
        0x80..=0xbf => string(1, usize::from(b & 0x3f)),
        0xc0..=0xdf => {
            let u = (i64::from(b & 0x1f) << 8) | i64::from(*arg(1)?.first()?);
            let v = if u >= 1 << 12 { u - (1 << 13) } else { u };
            Some((Item::Int(v), 2))
        }
        0xe0..=0xef => {
            let len = (usize::from(b & 0x0f) << 8) | usize::from(*arg(1)?.first()?);
            string(2, len)
        }
        0xf0 => {
            let len = u32::from_le_bytes(arg(4)?.try_into().ok()?) as usize;
            string(5, len)
        }
        0xf1 => Some((Item::Int(signed(2)?), 3)),
        0xf2 => Some((Item::Int(signed(3)?), 4)),
        0xf3 => Some((Item::Int(signed(4)?), 5)),
        0xf4 => Some((Item::Int(signed(8)?), 9)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_encoding_reads_back() {
        let long = vec![b'x'; 5000];
        let mid = vec![b'y'; 300];
        let values: Vec<Vec<u8>> = [
            "0",
            "127",
            "128",
            "-1",
            "-4096",
            "4095",
            "4096",
            "-32768",
            "32767",
            "8388607",
            "-8388608",
            "2147483647",
            "-2147483649",
            "9223372036854775807",
            "-9223372036854775808",
            "007",
            "-0",
            "+1",
            "",
            "hello",
        ]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .chain([long.clone(), mid.clone()])
        .collect();
        let mut lp = Listpack::default();
        for v in &values {
            lp.push(v);
        }
        let buf = lp.finish();
        let got: Vec<Vec<u8>> = items(&buf)
            .unwrap()
            .into_iter()
            .map(|i| i.bytes().into_owned())
            .collect();
        assert_eq!(got, values);
        // A corrupt byte anywhere is found.
        for i in 0..buf.len() {
            let mut bad = buf.clone();
            bad[i] ^= 0x40;
            if let Some(items) = items(&bad) {
                assert_eq!(items.len(), values.len(), "flip at {i}");
            }
        }
        assert!(items(&buf[..buf.len() - 1]).is_none());
    }

    #[test]
    fn bytes_as_redis_writes_them() {
        // redis-server 7.0: HSET h a 1 b -5000, DUMP h's listpack.
        let mut lp = Listpack::default();
        for s in ["a", "1", "b", "-5000"] {
            lp.push(s.as_bytes());
        }
        assert_eq!(
            lp.finish(),
            [0x13, 0, 0, 0, 4, 0, 0x81, b'a', 2, 1, 1, 0x81, b'b', 2, 0xf1, 0x78, 0xec, 3, 0xff]
        );
    }
}
