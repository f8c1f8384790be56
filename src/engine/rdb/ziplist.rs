//! Ziplists, the compact form before listpacks (RDB files of Redis 6.2
//! and older), read only: Redis 7.0 loads them and writes listpacks.
//!
//! A ziplist is its total size and the offset of its last entry (u32
//! each), its entry count (u16), the entries, and a 0xFF byte. Each
//! entry starts with the previous entry's size (one byte, or 0xFE and
//! four bytes), then its encoding: a string of 6, 14 or 32-bit length,
//! or an integer of 8, 16, 24, 32 or 64 bits, or 0 to 12 in the
//! encoding byte itself.

use super::listpack::Item;

/// Every entry of a ziplist, checked whole (sizes, back-links, end).
pub fn items(buf: &[u8]) -> Option<Vec<Item<'_>>> {
    let total = u32::from_le_bytes(buf.get(..4)?.try_into().ok()?) as usize;
    let count = u16::from_le_bytes(buf.get(8..10)?.try_into().ok()?);
    if total != buf.len() || buf.last() != Some(&0xff) {
        return None;
    }
    let end = buf.len() - 1;
    let mut pos = 10;
    let mut prev = 0usize;
    let mut out = Vec::new();
    while pos < end {
        let start = pos;
        let (prevlen, n) = match *buf.get(pos)? {
            0xfe => (
                u32::from_le_bytes(buf.get(pos + 1..pos + 5)?.try_into().ok()?) as usize,
                5,
            ),
            0xff => return None,
            b => (usize::from(b), 1),
        };
        if prevlen != prev {
            return None;
        }
        pos += n;
        let b = *buf.get(pos)?;
        let int = |n: usize| -> Option<i64> {
            let raw = buf.get(pos + 1..pos + 1 + n)?;
            let mut le = [0u8; 8];
            le[..n].copy_from_slice(raw);
            let shift = 64 - 8 * n as u32;
            Some((i64::from_le_bytes(le) << shift) >> shift)
        };
        let (item, size) = match b >> 6 {
            0 => (usize::from(b & 0x3f), 1),
            1 => (
                (usize::from(b & 0x3f) << 8) | usize::from(*buf.get(pos + 1)?),
                2,
            ),
            2 if b == 0x80 => (
                u32::from_be_bytes(buf.get(pos + 1..pos + 5)?.try_into().ok()?) as usize,
                5,
            ),
            2 => return None,
            _ => {
                let (v, size) = match b {
                    0xc0 => (int(2)?, 3),
                    0xd0 => (int(4)?, 5),
                    0xe0 => (int(8)?, 9),
                    0xf0 => (int(3)?, 4),
                    0xfe => (int(1)?, 2),
                    0xf1..=0xfd => (i64::from(b & 0x0f) - 1, 1),
                    _ => return None,
                };
                out.push(Item::Int(v));
                pos += size;
                prev = pos - start;
                continue;
            }
        };
        let data = buf.get(pos + size..(pos + size).checked_add(item)?)?;
        out.push(Item::Str(data));
        pos += size + item;
        prev = pos - start;
    }
    if pos != end || (count != u16::MAX && usize::from(count) != out.len()) {
        return None;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_redis_6_ziplist() {
        // RPUSH l a 7 -300 hello in Redis 6.2: one ziplist node.
        let mut z = vec![0u8; 10];
        let entries: [&[u8]; 4] = [
            &[0x00, 0x01, b'a'],
            &[0x03, 0xf8],
            &[0x02, 0xc0, 0xd4, 0xfe],
            &[0x04, 0x05, b'h', b'e', b'l', b'l', b'o'],
        ];
        for e in entries {
            z.extend_from_slice(e);
        }
        z.push(0xff);
        let total = z.len() as u32;
        z[..4].copy_from_slice(&total.to_le_bytes());
        z[8..10].copy_from_slice(&4u16.to_le_bytes());
        let got = items(&z).unwrap();
        assert_eq!(
            got,
            [
                Item::Str(b"a"),
                Item::Int(7),
                Item::Int(-300),
                Item::Str(b"hello")
            ]
        );
        z[13] = 0x09; // a wrong back-link
        assert!(items(&z).is_none());
    }
}
